import SysRegRuntime
import Yams

/// The second stage: checks a YAML document against schema v1 and builds the typed model.
///
/// Every problem is collected; the model is returned only when there are none.
public enum RegisterFileValidator {
    /// The schema version this generator reads.
    public static let schemaVersion = 1

    /// Validates `document` into a ``RegisterFile``.
    public static func validate(_ document: YAMLDocument) throws(DiagnosticList) -> RegisterFile {
        var reader = NodeReader(path: document.path)
        var groups: [Group] = []
        var registers: [Register] = []
        if let top = reader.fields(
            of: document.root, "the register file", required: ["version", "groups", "registers"])
        {
            if let version = top["version"], version.int != schemaVersion {
                reader.error(
                    "unsupported schema version '\(version.scalar?.string ?? "?")'; this generator reads version \(schemaVersion)",
                    at: reader.location(of: version))
            }
            groups = (top["groups"].flatMap { reader.sequence($0, "'groups'") } ?? [])
                .compactMap { readGroup($0, &reader) }
            registers = (top["registers"].flatMap { reader.sequence($0, "'registers'") } ?? [])
                .compactMap { readRegister($0, &reader) }
        }
        let file = RegisterFile(path: document.path, groups: groups, registers: registers)
        let diagnostics = reader.diagnostics + crossCheck(file, complete: reader.diagnostics.isEmpty)
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return file
    }

    private static func readGroup(_ node: Node, _ reader: inout NodeReader) -> Group? {
        guard
            let fields = reader.fields(
                of: node, "a group", required: ["name", "switched"],
                optional: ["shared-with-host", "condition", "doc"])
        else { return nil }
        let errorsBefore = reader.diagnostics.count
        let name = fields["name"].flatMap { identifier($0, "a group name", &reader) }
        let switched = fields["switched"].flatMap { reader.choice($0, "'switched'", as: SwitchPoint.self) }
        let shared = fields["shared-with-host"].flatMap { reader.bool($0, "'shared-with-host'") }
        let condition = fields["condition"].flatMap { reader.choice($0, "'condition'", as: GroupCondition.self) }
        let doc = fields["doc"].flatMap { oneLine($0, &reader) }
        guard reader.diagnostics.count == errorsBefore, let name, let switched else { return nil }
        return Group(name: name, switched: switched, sharedWithHost: shared ?? false, condition: condition, doc: doc)
    }

    private static func readRegister(_ node: Node, _ reader: inout NodeReader) -> Register? {
        guard
            let fields = reader.fields(
                of: node, "a register", required: ["name", "encoding", "class", "group"],
                optional: ["el12", "via", "aarch32", "doc"])
        else { return nil }
        let errorsBefore = reader.diagnostics.count
        let name = fields["name"].flatMap { identifier($0, "a register name", &reader) }
        let encoding = fields["encoding"].flatMap { systemEncoding($0, "'encoding'", &reader) }
        let el12 = fields["el12"].flatMap { systemEncoding($0, "'el12'", &reader) }
        let via = fields["via"].flatMap { namedEncoding($0, &reader) }
        let registerClass = fields["class"].flatMap { reader.choice($0, "'class'", as: RegisterClass.self) }
        let group = fields["group"].flatMap { reader.string($0, "'group'") }
        let aarch32 = fields["aarch32"].flatMap { counterparts($0, &reader) } ?? []
        let doc = fields["doc"].flatMap { oneLine($0, &reader) }
        guard reader.diagnostics.count == errorsBefore, let name, let encoding, let registerClass, let group
        else { return nil }
        return Register(
            name: name, encoding: encoding, el12: el12, registerClass: registerClass, group: group, via: via,
            aarch32: aarch32, doc: doc)
    }

    /// A `doc` value: one line of free text.
    private static func oneLine(_ node: Node, _ reader: inout NodeReader) -> Located<String>? {
        guard let text = reader.string(node, "'doc'") else { return nil }
        guard !text.value.contains(where: \.isNewline) else {
            reader.error("'doc' must be a single line", at: text.location)
            return nil
        }
        return text
    }

    private static func counterparts(_ node: Node, _ reader: inout NodeReader) -> [AArch32Counterpart]? {
        guard let items = reader.sequence(node, "'aarch32'") else { return nil }
        var result: [AArch32Counterpart] = []
        for item in items {
            guard
                let fields = reader.fields(
                    of: item, "an AArch32 counterpart", required: ["name", "encoding", "part"]),
                let name = fields["name"].flatMap({ identifier($0, "an AArch32 name", &reader) }),
                let text = fields["encoding"].flatMap({ reader.string($0, "an AArch32 'encoding'") }),
                let part = fields["part"].flatMap({ reader.choice($0, "'part'", as: RegisterPart.self) })
            else { return nil }
            guard let encoding = CoprocessorEncoding(text: text.value) else {
                reader.error(
                    "malformed coprocessor encoding '\(text.value)'; expected 'p15, 0, c1, c0, 0' (MRC/MCR) or 'p15, 0, c2' (MRRC/MCRR)",
                    at: text.location)
                return nil
            }
            result.append(AArch32Counterpart(name: name, encoding: Located(encoding, at: text.location), part: part))
        }
        return result
    }

    private static func namedEncoding(_ node: Node, _ reader: inout NodeReader) -> NamedEncoding? {
        guard let fields = reader.fields(of: node, "'via'", required: ["name", "encoding"]),
            let name = fields["name"].flatMap({ identifier($0, "a 'via' name", &reader) }),
            let encoding = fields["encoding"].flatMap({ systemEncoding($0, "'via' 'encoding'", &reader) })
        else { return nil }
        return NamedEncoding(name: name, encoding: encoding)
    }

    private static func identifier(_ node: Node, _ what: String, _ reader: inout NodeReader) -> Located<String>? {
        guard let text = reader.string(node, what) else { return nil }
        guard isSwiftIdentifier(text.value) else {
            reader.error(
                "\(what) must be a Swift identifier (letters, digits, '_'), not '\(text.value)'", at: text.location)
            return nil
        }
        return text
    }

    private static func systemEncoding(
        _ node: Node, _ what: String, _ reader: inout NodeReader
    ) -> Located<SystemRegisterEncoding>? {
        guard let text = reader.string(node, what) else { return nil }
        guard let encoding = SystemRegisterEncoding(genericName: text.value) else {
            reader.error(
                "\(what) '\(text.value)' is not of the form S<op0>_<op1>_C<CRn>_C<CRm>_<op2> with op0 0..3, op1 0..7, CRn and CRm 0..15, op2 0..7",
                at: text.location)
            return nil
        }
        return Located(encoding, at: text.location)
    }

    /// Checks that relate several entries: duplicates, references, and the VHE rules.
    ///
    /// When entries were dropped for errors (`complete` is false), a group may only look empty,
    /// so that check is left out.
    private static func crossCheck(_ file: RegisterFile, complete: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func duplicate<Key: Hashable>(
            _ items: [(Key, SourceLocation)], _ message: (Key) -> String
        ) {
            var first: [Key: SourceLocation] = [:]
            for (key, location) in items {
                if let earlier = first[key] {
                    diagnostics.append(
                        .error(message(key), at: location, notes: [.note("first defined here", at: earlier)]))
                } else {
                    first[key] = location
                }
            }
        }
        duplicate(file.groups.map { ($0.name.value, $0.name.location) }) { "duplicate group '\($0)'" }
        duplicate(file.registers.map { ($0.name.value, $0.name.location) }) { "duplicate register '\($0)'" }
        let encodings =
            file.registers.map { ($0.encoding.value, $0.encoding.location) }
            + file.registers.compactMap { $0.el12.map { ($0.value, $0.location) } }
            + file.registers.compactMap { $0.via.map { ($0.encoding.value, $0.encoding.location) } }
        duplicate(encodings) { "encoding \($0.genericName) is used twice" }

        let groups = Dictionary(file.groups.map { ($0.name.value, $0) }, uniquingKeysWith: { a, _ in a })
        for register in file.registers {
            let name = register.name.value
            guard let group = groups[register.group.value] else {
                diagnostics.append(
                    .error("group '\(register.group.value)' is not declared", at: register.group.location))
                continue
            }
            if register.registerClass.value == .deferred, group.switched.value != .loadPut {
                diagnostics.append(
                    .error(
                        "deferred register '\(name)' is in group '\(group.name.value)', which is not switched at load-put",
                        at: register.registerClass.location,
                        notes: [.note("group '\(group.name.value)' declared here", at: group.name.location)]))
            }
            if let el12 = register.el12 {
                let own = register.encoding.value
                let expected = SystemRegisterEncoding(op0: own.op0, op1: 5, crn: own.crn, crm: own.crm, op2: own.op2)
                if el12.value != expected {
                    diagnostics.append(
                        .error(
                            "'el12' of '\(name)' must be its encoding with op1 = 5 (\(expected.genericName)), not \(el12.value.genericName)",
                            at: el12.location))
                }
                if !(name.hasSuffix("_EL1") || name.hasSuffix("_EL0")) {
                    diagnostics.append(
                        .error(
                            "only an *_EL1 or *_EL0 register can have an 'el12' alias; '\(name)' is not one",
                            at: el12.location))
                }
            }
        }
        for group in file.groups where group.condition != nil && group.sharedWithHost {
            diagnostics.append(
                .error(
                    "group '\(group.name.value)' cannot be both conditional and shared with the host, which never runs AArch32 at EL1",
                    at: group.name.location))
        }
        for group in file.groups
        where complete && !file.registers.contains(where: { $0.group.value == group.name.value }) {
            diagnostics.append(.error("group '\(group.name.value)' has no registers", at: group.name.location))
        }
        return diagnostics
    }
}

/// True when `text` can be used as a Swift identifier without backquotes.
func isSwiftIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII
    else { return false }
    let valid = text.unicodeScalars.allSatisfy {
        $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
    return valid && !swiftKeywords.contains(text)
}

/// Words Swift reserves in declarations, expressions and statements.
private let swiftKeywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
    "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
    "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
    "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
    "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
]
