import SysRegRuntime

/// The second stage: checks a YAML document against the schema and builds the typed model.
///
/// Every problem is collected; the model is returned only when there are none.
public enum RegisterFileValidator {
    /// The schema version this generator reads.
    public static let schemaVersion = 1

    /// Validates `document` into a ``RegisterFile``.
    public static func validate(_ document: YAMLDocument) throws(DiagnosticList) -> RegisterFile {
        var reader = NodeReader(path: document.path)
        var groups: [GroupEntry] = []
        var registers: [RegisterEntry] = []
        var layouts: [LayoutEntry] = []
        // The `registers` list in file order: a register or a shared layout, by index.
        var order: [EntryIndex] = []
        // Names of every group entry, even one whose name has errors, so that references to it
        // are not reported as undeclared too.
        var groupNames: Set<String> = []
        // Whether every register entry could be read with its group (or without one), so that a
        // group without registers is really empty.
        var everyGroupKnown = false
        if let top = reader.fields(of: document.root, "the register file", .registerFile) {
            if let version = top["version"], version.int != schemaVersion {
                reader.error(
                    "unsupported schema version '\(version.text ?? "?")'; this generator reads version \(schemaVersion)",
                    at: reader.location(of: version))
            }
            if let groupNodes = top["groups"].flatMap({ reader.sequence($0, "'groups'") }) {
                groupNames = Set(groupNodes.compactMap { $0["name"]?.text })
                groups = groupNodes.compactMap { readGroup($0, &reader) }
            }
            if let registerNodes = top["registers"].flatMap({ reader.sequence($0, "'registers'") }) {
                var unread = 0
                registers.reserveCapacity(registerNodes.count)
                order.reserveCapacity(registerNodes.count)
                // The entries are independent until the cross-checks: read on every core, each
                // with its problems, which are reported in file order.
                let path = reader.path
                let read = Array(registerNodes).concurrentMap { node -> (ReadEntry, [Diagnostic]) in
                    var entryReader = NodeReader(path: path)
                    let entry: ReadEntry =
                        node["layout"] != nil
                        ? .layout(readLayout(node, &entryReader)) : .register(readRegister(node, &entryReader))
                    return (entry, entryReader.diagnostics)
                }
                for (entry, problems) in read {
                    reader.append(problems)
                    switch entry {
                    case .layout(let layout?):
                        order.append(.layout(layouts.count))
                        layouts.append(layout)
                    case .layout(nil):
                        break
                    case .register(let register?):
                        order.append(.register(registers.count))
                        registers.append(register)
                        if register.hasGroupKey, register.group == nil { unread += 1 }
                    case .register(nil):
                        unread += 1
                    }
                }
                everyGroupKnown = unread == 0
            }
        }
        // Entries with errors are cross-checked too, on the fields they have. The cross-checks
        // run here while another core checks the fields and builds the model, which is only
        // returned when no check found a problem (a file with errors makes one for nothing).
        let (crossProblems, (fieldProblems, file)) = concurrently {
            crossCheck(groups: groups, registers: registers, groupNames: groupNames, complete: everyGroupKnown)
        } _: { [path = document.path, groups, registers, layouts, order] in
            (
                checkFields(registers: registers, layouts: layouts),
                model(path: path, groups: groups, registers: registers, layouts: layouts, order: order)
            )
        }
        let diagnostics = reader.diagnostics + crossProblems + fieldProblems
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return file
    }

    /// The model of the entries read without errors, in the order of `order`.
    private static func model(
        path: String, groups: [GroupEntry], registers: [RegisterEntry], layouts: [LayoutEntry], order: [EntryIndex]
    ) -> RegisterFile {
        let shared = Dictionary(
            layouts.compactMap(\.sharedLayout).map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let entries: [FileEntry] = order.compactMap { index in
            switch index {
            case .register(let i): registers[i].description(layouts: shared).map { .register($0) }
            case .layout(let i): layouts[i].sharedLayout.map { .layout($0) }
            }
        }
        return RegisterFile(
            path: path, groups: groups.compactMap(\.group),
            registers: registers.compactMap { $0.register(layouts: shared) }, entries: entries)
    }

    /// An entry of `registers` as read: a shared layout or a register, `nil` when it could not
    /// be read at all.
    private enum ReadEntry {
        case layout(LayoutEntry?)
        case register(RegisterEntry?)
    }

    private static func readGroup(_ node: YAMLNode, _ reader: inout NodeReader) -> GroupEntry? {
        // A mapping with unknown or missing keys is still read, so that its fields are checked.
        let errorsBefore = reader.diagnostics.count
        guard
            let fields = reader.fields(of: node, "a group", .group)
        else { return nil }
        return GroupEntry(
            name: fields["name"].flatMap { identifier($0, "a group name", &reader) },
            switched: fields["switched"].flatMap { reader.choice($0, "'switched'", as: SwitchPoint.self) },
            sharedWithHost: fields["shared-with-host"].flatMap { reader.bool($0, "'shared-with-host'") },
            condition: fields["condition"].flatMap { reader.choice($0, "'condition'", as: GroupCondition.self) },
            doc: fields["doc"].flatMap { oneLine($0, &reader) },
            isValid: reader.diagnostics.count == errorsBefore)
    }

    private static func readRegister(_ node: YAMLNode, _ reader: inout NodeReader) -> RegisterEntry? {
        // A mapping with unknown or missing keys is still read, so that its fields are checked.
        let errorsBefore = reader.diagnostics.count
        guard
            let fields = reader.fields(of: node, "a register", .register)
        else { return nil }
        let unsuffixed = fields["unsuffixed"].flatMap { reader.bool($0, "'unsuffixed'") } ?? false
        let name = fields["name"].flatMap { registerName($0, unsuffixed: unsuffixed, &reader) }
        let owner = name?.value ?? "?"
        let encoding = fields["encoding"].flatMap { systemEncoding($0, "'encoding'", &reader) }
        let el12 = fields["el12"].flatMap { systemEncoding($0, "'el12'", &reader) }
        let via = fields["via"].flatMap { namedEncoding($0, &reader) }
        let registerClass = fields["class"].flatMap { reader.choice($0, "'class'", as: RegisterClass.self) }
        let group = fields["group"].flatMap { reader.string($0, "'group'") }
        // A register takes part in the vcpu's context with both a class and a group, or neither.
        for (key, other) in [("class", "group"), ("group", "class")] where fields[key] != nil && fields[other] == nil {
            reader.error(
                "a register with '\(key)' needs '\(other)' too: a register is in the vcpu's context with both or neither",
                at: reader.location(of: fields[key]!))
        }
        let aarch32 = fields["aarch32"].flatMap { counterparts($0, &reader) } ?? []
        let aliasOf = fields["alias-of"].flatMap { registerName($0, unsuffixed: true, &reader, anyStyle: true) }
        let prefixed = fields["prefixed"].flatMap { readPrefixed($0, owner: owner, &reader) } ?? []
        let fieldsEntry = fields["fields"].flatMap { readFieldsEntry($0, owner: owner, &reader) }
        let fieldsSee = fields["fields-see"].flatMap { identifier($0, "'fields-see'", &reader) }
        if let fieldsSee, fields["fields"] != nil {
            reader.error(
                "'fields-see' only names where the fields of '\(owner)' are described: it goes without 'fields'",
                at: fieldsSee.location)
        }
        if let aliasOf, let fieldsNode = fields["fields"] {
            reader.error(
                "'\(owner)' is an alias of '\(aliasOf.value)', whose fields it has: an alias has no 'fields'",
                at: reader.location(of: fieldsNode))
        }
        let reset = fields["reset"].flatMap { readReset($0, &reader) }
        let doc = fields["doc"].flatMap { oneLine($0, &reader) }
        return RegisterEntry(
            name: name, encoding: encoding, el12: el12, registerClass: registerClass, group: group, via: via,
            aarch32: aarch32, doc: doc, aliasOf: aliasOf, prefixed: prefixed, fields: fieldsEntry, fieldsSee: fieldsSee,
            reset: reset,
            hasGroupKey: fields["group"] != nil, isValid: reader.diagnostics.count == errorsBefore)
    }

    /// A `doc` value: one line of printable text, so it cannot leave the comment it goes into.
    static func oneLine(_ node: YAMLNode, _ reader: inout NodeReader) -> Located<String>? {
        guard let text = reader.string(node, "'doc'") else { return nil }
        if let bad = text.value.unicodeScalars.first(where: isForbiddenInComment) {
            reader.error(
                "'doc' must be a single line of printable text; U+\(hex(bad.value)) is not allowed", at: text.location)
            return nil
        }
        return text
    }

    private static func namedEncoding(_ node: YAMLNode, _ reader: inout NodeReader) -> NamedEncoding? {
        guard let fields = reader.fields(of: node, "'via'", .via) else { return nil }
        let name = fields["name"].flatMap { registerName($0, unsuffixed: false, &reader) }
        let encoding = fields["encoding"].flatMap { systemEncoding($0, "'encoding'", &reader) }
        guard let name, let encoding else { return nil }
        return NamedEncoding(name: name, encoding: encoding)
    }

    private static func counterparts(_ node: YAMLNode, _ reader: inout NodeReader) -> [AArch32Counterpart]? {
        guard let items = reader.sequence(node, "'aarch32'") else { return nil }
        var result: [AArch32Counterpart] = []
        for item in items {
            guard
                let fields = reader.fields(of: item, "an AArch32 counterpart", .aarch32Counterpart)
            else { continue }
            let name = fields["name"].flatMap { identifier($0, "an AArch32 name", &reader) }
            let encoding = fields["encoding"].flatMap { coprocessorEncoding($0, &reader) }
            let part = fields["part"].flatMap { reader.choice($0, "'part'", as: RegisterPart.self) }
            guard let name, let encoding, let part else { continue }
            let is64Bit = if case .register64 = encoding.value { true } else { false }
            if is64Bit != (part.value == .all) {
                reader.error(
                    is64Bit
                        ? "a 64-bit (MRRC/MCRR) counterpart has all 64 bits: its 'part' must be 'all'"
                        : "'part: all' needs the 64-bit (MRRC/MCRR) form of the encoding, such as 'p15, 0, c2'",
                    at: part.location)
                continue
            }
            result.append(AArch32Counterpart(name: name, encoding: encoding, part: part))
        }
        return result
    }

    static func identifier(_ node: YAMLNode, _ what: String, _ reader: inout NodeReader) -> Located<String>? {
        guard let text = reader.string(node, what) else { return nil }
        guard isIdentifier(text.value) else {
            reader.error(
                "\(what) '\(text.value)' is not a Swift identifier (ASCII letters, digits and '_', not first a digit)",
                at: text.location)
            return nil
        }
        return text
    }

    /// A register name: a Swift identifier in the Arm ARM's style `NAME_ELx`, unless the
    /// register is declared `unsuffixed` (FPCR, NZCV, DAIF, …).
    private static func registerName(
        _ node: YAMLNode, unsuffixed: Bool, _ reader: inout NodeReader, anyStyle: Bool = false
    ) -> Located<String>? {
        guard let name = identifier(node, "a register name", &reader) else { return nil }
        // A reference names a register of the file, whose own entry checks its style.
        if anyStyle { return name }
        if unsuffixed, hasELSuffix(name.value) {
            reader.error(
                "register '\(name.value)' has an _ELx suffix, so it cannot be 'unsuffixed'", at: name.location)
            return nil
        }
        if !unsuffixed, !isArmStyleName(name.value) {
            reader.error(
                "register name '\(name.value)' is not in the Arm ARM style NAME_ELx (upper case, ending in _EL0 to _EL3); for a register the Arm ARM names without a suffix, such as FPCR, add 'unsuffixed: true'",
                at: name.location)
            return nil
        }
        return name
    }

    private static func systemEncoding(
        _ node: YAMLNode, _ what: String, _ reader: inout NodeReader
    ) -> Located<SystemRegisterEncoding>? {
        guard let text = reader.string(node, what) else { return nil }
        // op0 0 and 1 encode other system instructions, not registers: say so for any bad op0.
        func badOp0(_ value: Int) -> Located<SystemRegisterEncoding>? {
            reader.error(
                "op0 is \(value) in \(what) '\(text.value)'; MRS/MSR system registers have op0 2 or 3",
                at: shifted(text, node, by: 1))
            return nil
        }
        switch SystemRegisterEncoding.parse(genericName: text.value) {
        case .success(let encoding) where encoding.op0 >= 2:
            return Located(encoding, at: text.location)
        case .success(let encoding):
            return badOp0(Int(encoding.op0))
        case .failure(.outOfRange(_, "op0", let value, _)):
            return badOp0(value)
        case .failure(let error):
            report(error, in: text, node, what, form: "S<op0>_<op1>_C<CRn>_C<CRm>_<op2>", &reader)
            return nil
        }
    }

    private static func coprocessorEncoding(
        _ node: YAMLNode, _ reader: inout NodeReader
    ) -> Located<CoprocessorEncoding>? {
        guard let text = reader.string(node, "an AArch32 'encoding'") else { return nil }
        switch CoprocessorEncoding.parse(text: text.value) {
        case .success(let encoding):
            return Located(encoding, at: text.location)
        case .failure(let error):
            report(
                error, in: text, node, "an AArch32 'encoding'",
                form: "'p15, <opc1>, c<CRn>, c<CRm>, <opc2>' or 'p15, <opc1>, c<CRm>'", &reader)
            return nil
        }
    }

    /// Reports an encoding's syntax error at the column of the offending character.
    private static func report(
        _ error: EncodingSyntaxError, in text: Located<String>, _ node: YAMLNode, _ what: String, form: String,
        _ reader: inout NodeReader
    ) {
        switch error {
        case .unexpected(let offset, let found, let expected):
            let got = found.map { "'\($0)'" } ?? "the end"
            reader.error(
                "malformed \(what) '\(text.value)': expected \(expected), found \(got); the form is \(form)",
                at: shifted(text, node, by: offset))
        case .outOfRange(let offset, let field, let value, let range):
            reader.error(
                "\(field) is \(value) in \(what) '\(text.value)', out of range \(range.lowerBound)..\(range.upperBound)",
                at: shifted(text, node, by: offset))
        }
    }

    /// The location `offset` characters into a scalar, past its opening quote if it has one.
    private static func shifted(_ text: Located<String>, _ node: YAMLNode, by offset: Int) -> SourceLocation {
        let quoted = node.style == .singleQuoted || node.style == .doubleQuoted
        var location = text.location
        location.column += offset + (quoted ? 1 : 0)
        return location
    }
}

/// True when `text` is an identifier in every target language: ASCII letters, digits and `_`,
/// not first a digit. Whether it is a keyword is each language's own rule, which its view checks
/// (``SwiftView``).
func isIdentifier(_ text: String) -> Bool {
    // Bytes, not Unicode properties: every byte of an identifier is ASCII.
    func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
    return text.withUTF8Bytes { bytes in
        guard let first = bytes.first, isLetter(first) else { return false }
        for byte in bytes where !isLetter(byte) && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            return false
        }
        return true
    }
}

/// True for `NAME_EL0` … `NAME_EL3`, and the aliases `NAME_EL12` and `NAME_EL02`, where NAME is
/// upper-case words of letters and digits.
func isArmStyleName(_ name: String) -> Bool {
    // Bytes: every character of such a name is ASCII, and over ASCII (whose only two-byte
    // character, CR LF, fails either way) bytes and characters give the same answer.
    name.withUTF8Bytes { bytes in
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
        let isAlias = bytes.hasSuffix("_EL12") || bytes.hasSuffix("_EL02")
        guard isAlias || bytes.hasELSuffix else { return false }
        let stem = bytes.dropLast(isAlias ? 5 : 4)
        func isUppercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        guard let first = stem.first, isUppercase(first), stem.last != UInt8(ascii: "_") else { return false }
        var previous = first
        for byte in stem {
            if byte == UInt8(ascii: "_") {
                // An empty word.
                if previous == UInt8(ascii: "_") { return false }
            } else if !isUppercase(byte) && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                return false
            }
            previous = byte
        }
        return true
    }
}

/// True when `name` ends in `_EL0` … `_EL3`.
func hasELSuffix(_ name: String) -> Bool {
    name.hasSuffix("_EL0") || name.hasSuffix("_EL1") || name.hasSuffix("_EL2") || name.hasSuffix("_EL3")
}

extension UnsafeBufferPointer<UInt8> {
    /// True when the bytes end in `_EL0` … `_EL3`: ``hasELSuffix(_:)`` for ASCII text, whose
    /// bytes are its characters.
    fileprivate var hasELSuffix: Bool {
        count >= 4 && self[count - 4] == UInt8(ascii: "_") && self[count - 3] == UInt8(ascii: "E")
            && self[count - 2] == UInt8(ascii: "L") && (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(self[count - 1])
    }

    /// True when the bytes end in `suffix`'s.
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        count >= suffix.utf8CodeUnitCount
            && suffix.withUTF8Buffer { suffix in self[(count - suffix.count)...].elementsEqual(suffix) }
    }
}

/// Line breaks, other control characters and the bidirectional overrides that could make a
/// comment display differently from what the compiler reads.
private func isForbiddenInComment(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII (nearly every character of a doc) by value: its controls are C0 and DEL.
    if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
    return scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .lineSeparator
        || scalar.properties.generalCategory == .paragraphSeparator
        || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
