import SysRegRuntime

/// The Linux kernel's register description, `arch/arm64/tools/sysreg` (the file its
/// `gen-sysreg.awk` reads): every `Sysreg` block with its encoding, fields, `Prefix` layouts,
/// `Fields` reference or `Mapping`, and every `SysregFields` shared layout, in file order.
///
/// ```
/// Sysreg	SCTLR_EL1	3	0	1	0	0
/// Field	0	M
/// EndSysreg
///
/// Sysreg	SCTLR_EL12	3	5	1	0	0
/// Mapping	SCTLR_EL1
/// EndSysreg
/// ```
///
/// Blocks of unknown kinds are skipped, with a reason. The rules are those of `gen-sysreg.awk`:
/// fields from bit 63 down to bit 0, `Prefix` layouts before the register's own fields,
/// `Fields` and `Mapping` only in a `Sysreg` block with no fields of its own. A block with no
/// fields at all is read (the awk script rejects it).
public struct KernelSysregFile: Sendable {
    /// One `Sysreg` block.
    public struct Block: Sendable, Equatable {
        /// The register's name.
        public var name: String
        /// Its encoding, from the five numbers after the name.
        public var encoding: SystemRegisterEncoding
        /// Where its `Sysreg` line is.
        public var location: SourceLocation
        /// The register its `Mapping` line names: the one this alias reaches.
        public var mapping: String?
        /// The shared layout its `Fields` line names.
        public var fieldsReference: String? = nil
        /// Its `Prefix` layouts, in file order.
        public var prefixed: [Prefixed] = []
        /// Its own fields, from bit 63 down.
        public var fields: [Field] = []
    }

    /// One `SysregFields` block: a layout several registers share.
    public struct Layout: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Where its `SysregFields` line is.
        public var location: SourceLocation
        /// Its `Prefix` layouts, in file order.
        public var prefixed: [Prefixed] = []
        /// Its fields, from bit 63 down.
        public var fields: [Field] = []
    }

    /// A `Prefix FEAT_x` … `EndPrefix` layout.
    public struct Prefixed: Sendable, Equatable {
        /// The feature.
        public var prefix: String
        /// Its fields, from bit 63 down.
        public var fields: [Field] = []
    }

    /// One named value of an enumeration: `0b0001 IMP`.
    public struct Value: Sendable, Equatable {
        /// The value as written (`0b0001`).
        public var text: String
        /// Its name.
        public var name: String
    }

    /// One `Res0`, `Res1`, `Unkn`, `Raz`, `Field` or enumeration (with its values).
    public struct Field: Sendable, Equatable {
        /// What it is.
        public var kind: FieldKind
        /// Its bits.
        public var bits: BitRange
        /// Its name, for `Field` and the enumerations.
        public var name: String? = nil
        /// `true` for `SignedEnum`, `false` for `UnsignedEnum`, `nil` otherwise.
        public var signed: Bool? = nil
        /// An enumeration's values, in file order.
        public var values: [Value] = []
        /// Where its line is.
        public var location: SourceLocation
    }

    /// Either kind of block, in file order.
    public enum Entry: Sendable, Equatable {
        /// A `Sysreg` block.
        case register(Block)
        /// A `SysregFields` block.
        case layout(Layout)
    }

    /// The file, as the user named it.
    public var path: String
    /// The `Sysreg` and `SysregFields` blocks, in file order.
    public var entries: [Entry]
    /// What was skipped while reading, in file order.
    public var skipped: [ImportSkip]

    /// The `Sysreg` blocks, in file order.
    public var blocks: [Block] {
        entries.compactMap { if case .register(let block) = $0 { block } else { nil } }
    }

    /// The `SysregFields` blocks, by name.
    public var layouts: [String: Layout] {
        Dictionary(
            entries.compactMap { if case .layout(let layout) = $0 { (layout.name, layout) } else { nil } },
            uniquingKeysWith: { first, _ in first })
    }

    /// The keywords of lines inside blocks, and of the lines that open and close them.
    private static let keywords: Set<String> = [
        "Sysreg", "EndSysreg", "SysregFields", "EndSysregFields", "Mapping", "Fields", "Res0", "Res1", "Unkn", "Raz",
        "Field", "Enum", "SignedEnum", "UnsignedEnum", "EndEnum", "Prefix", "EndPrefix",
    ]

    /// Reads `text`, reporting problems against `path` as `path:line:col: error: …`, all of them.
    public static func parse(_ text: String, path: String) throws(DiagnosticList) -> KernelSysregFile {
        var parser = Parser(path: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let tokens = Token.split(lines[index])
            parser.line = index + 1
            guard let keyword = tokens.first, !keyword.text.hasPrefix("#") else {
                index += 1
                continue
            }
            if parser.isOpen || keywords.contains(keyword.text) {
                parser.read(tokens)
            } else {
                let end = lines[(index + 1)...].firstIndex { Token.split($0).first?.text == "End" + keyword.text }
                let name = tokens.count > 1 ? tokens[1].text : keyword.text
                parser.skipped.append(
                    ImportSkip(
                        name: name, at: parser.at(keyword),
                        reason: "'\(keyword.text)' \(end == nil ? "lines are" : "blocks are") not understood"))
                index = end ?? index
            }
            index += 1
        }
        parser.finish()
        guard parser.diagnostics.isEmpty else { throw DiagnosticList(parser.diagnostics) }
        return KernelSysregFile(path: path, entries: parser.entries, skipped: parser.skipped)
    }
}

/// The state of reading a kernel register file: the open block, prefix and enumeration.
private struct Parser {
    let path: String
    var line = 0
    var entries: [KernelSysregFile.Entry] = []
    var skipped: [ImportSkip] = []
    var diagnostics: [Diagnostic] = []
    var register: KernelSysregFile.Block?
    var layout: KernelSysregFile.Layout?
    var prefix: KernelSysregFile.Prefixed?
    var enumeration: KernelSysregFile.Field?
    /// The fields of the open prefix, or of the open block.
    var fields: [KernelSysregFile.Field] = []
    var firstRegister: [String: SourceLocation] = [:]
    var firstLayout: [String: SourceLocation] = [:]

    init(path: String) { self.path = path }

    var isOpen: Bool { register != nil || layout != nil }
    var blockName: String { register?.name ?? layout?.name ?? "?" }
    var blockKind: String { register == nil ? "SysregFields" : "Sysreg" }
    var blockLocation: SourceLocation { register?.location ?? layout?.location ?? at(column: 1) }
    /// True when the open block already has fields, a `Fields` or a `Mapping`.
    var hasOwnFields: Bool { !fields.isEmpty || register?.mapping != nil || register?.fieldsReference != nil }

    func at(_ token: Token) -> SourceLocation { at(column: token.column) }
    func at(column: Int) -> SourceLocation { SourceLocation(path: path, line: line, column: column) }

    mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    /// Reads one line of a block, or a line that opens or wrongly closes one.
    mutating func read(_ tokens: [Token]) {
        let keyword = tokens[0]
        if let open = enumeration {
            if keyword.text == "EndEnum" {
                fields.append(open)
                enumeration = nil
            } else if keyword.text.hasPrefix("0b"), tokens.count == 2 {
                if RegisterFileValidator.binaryValue(keyword.text) == nil {
                    error("malformed value '\(keyword.text)': expected 0b and binary digits", at: at(keyword))
                }
                enumeration?.values.append(.init(text: keyword.text, name: tokens[1].text))
            } else {
                error("expected '<0b value> <name>' or 'EndEnum' in enumeration '\(open.name ?? "?")'", at: at(keyword))
            }
            return
        }
        if isOpen, keyword.text == "Sysreg" || keyword.text == "SysregFields" {
            error(
                "'\(keyword.text)' inside the block of '\(blockName)', which has no End\(blockKind)",
                at: at(keyword), notes: [.note("'\(blockName)' starts here", at: blockLocation)])
            register = nil
            layout = nil
            prefix = nil
        }
        switch keyword.text {
        case "Sysreg":
            fields = []
            register = readSysreg(tokens)
            if let block = register {
                if let earlier = firstRegister[block.name] {
                    error(
                        "duplicate Sysreg '\(block.name)'", at: block.location,
                        notes: [.note("first defined here", at: earlier)])
                }
                firstRegister[block.name] = firstRegister[block.name] ?? block.location
            }
        case "SysregFields":
            fields = []
            let name = tokens.count == 2 ? tokens[1].text : "?"
            if tokens.count != 2 { error("expected 'SysregFields <name>'", at: at(keyword)) }
            layout = KernelSysregFile.Layout(name: name, location: at(keyword))
            if let earlier = firstLayout[name] {
                error(
                    "duplicate SysregFields '\(name)'", at: at(keyword),
                    notes: [.note("first defined here", at: earlier)])
            }
            firstLayout[name] = firstLayout[name] ?? at(keyword)
        case "Mapping" where register != nil && prefix == nil, "Fields" where register != nil && prefix == nil:
            guard tokens.count == 2 else {
                error("expected '\(keyword.text) <name>'", at: at(keyword))
                return
            }
            if hasOwnFields { error("'\(keyword.text)' in '\(blockName)', which already has fields", at: at(keyword)) }
            if keyword.text == "Mapping" {
                register?.mapping = tokens[1].text
            } else {
                register?.fieldsReference = tokens[1].text
            }
        case "EndSysreg" where register != nil && prefix == nil, "EndSysregFields" where layout != nil && prefix == nil:
            checkCoverage(of: blockName)
            if var block = register {
                block.fields = fields
                entries.append(.register(block))
            } else if var shared = layout {
                shared.fields = fields
                entries.append(.layout(shared))
            }
            register = nil
            layout = nil
            fields = []
        case "Prefix" where isOpen && prefix == nil:
            guard tokens.count == 2 else {
                error("expected 'Prefix <name>'", at: at(keyword))
                return
            }
            if hasOwnFields {
                error("'Prefix' in '\(blockName)' after its own fields: prefixed fields come first", at: at(keyword))
            }
            if (register?.prefixed ?? layout?.prefixed ?? []).contains(where: { $0.prefix == tokens[1].text }) {
                error("duplicate Prefix '\(tokens[1].text)' in '\(blockName)'", at: at(tokens[1]))
            }
            prefix = KernelSysregFile.Prefixed(prefix: tokens[1].text)
            fields = []
        case "EndPrefix" where prefix != nil:
            if var open = prefix {
                checkCoverage(of: "\(open.prefix) \(blockName)")
                open.fields = fields
                register?.prefixed.append(open)
                layout?.prefixed.append(open)
            }
            prefix = nil
            fields = []
        case "Res0" where isOpen, "Res1" where isOpen, "Unkn" where isOpen, "Raz" where isOpen:
            guard tokens.count == 2 else {
                error("expected '\(keyword.text) <msb>[:<lsb>]'", at: at(keyword))
                return
            }
            let kind = FieldKind(rawValue: keyword.text.lowercased()) ?? .raz
            if let bits = bits(tokens[1]) {
                fields.append(.init(kind: kind, bits: bits, location: at(keyword)))
            }
        case "Field" where isOpen, "Enum" where isOpen, "SignedEnum" where isOpen, "UnsignedEnum" where isOpen:
            let isField = keyword.text == "Field"
            var field = KernelSysregFile.Field(
                kind: isField ? .field : .enum, bits: BitRange(msb: 0, lsb: 0),
                signed: keyword.text == "SignedEnum" ? true : keyword.text == "UnsignedEnum" ? false : nil,
                location: at(keyword))
            if tokens.count == 3 {
                field.name = tokens[2].text
                field.bits = bits(tokens[1]) ?? field.bits
            } else {
                error("expected '\(keyword.text) <msb>[:<lsb>] <name>'", at: at(keyword))
            }
            // An enumeration is still opened, so that its values and EndEnum are not errors too.
            if isField {
                if tokens.count == 3 { fields.append(field) }
            } else {
                enumeration = field
            }
        default:
            error(
                isOpen ? "unexpected '\(keyword.text)' in '\(blockName)'" : "'\(keyword.text)' outside a Sysreg block",
                at: at(keyword))
        }
    }

    /// Bits `msb[:lsb]`, or `nil` after reporting why not.
    mutating func bits(_ token: Token) -> BitRange? {
        guard let bits = BitRange.parse(token.text) else {
            error(
                "malformed bits '\(token.text)': the form is 'msb:lsb' or one bit, from 63 to 0, msb not below lsb",
                at: at(token))
            return nil
        }
        return bits
    }

    /// The awk script's rule for the fields read since the block or prefix opened: from bit 63
    /// down to bit 0, each bit once. A block without fields is let through.
    mutating func checkCoverage(of owner: String) {
        guard !fields.isEmpty else { return }
        var next = 63
        for field in fields {
            guard field.bits.msb == next else {
                error(
                    "\(field.name ?? field.kind.rawValue.uppercased()) of '\(owner)' starts at bit \(field.bits.msb), expected \(next)",
                    at: field.location)
                return
            }
            next = field.bits.lsb - 1
        }
        if next >= 0 {
            error(
                "the fields of '\(owner)' leave \(next == 0 ? "bit" : "bits") \(BitRange(msb: next, lsb: 0).text) undescribed",
                at: at(column: 1))
        }
    }

    /// Reports a block left open at the end of the file.
    mutating func finish() {
        if isOpen { error("\(blockKind) '\(blockName)' has no End\(blockKind)", at: blockLocation) }
    }

    /// The block a `Sysreg NAME op0 op1 CRn CRm op2` line opens, or `nil` after reporting why not.
    mutating func readSysreg(_ tokens: [Token]) -> KernelSysregFile.Block? {
        guard tokens.count == 7 else {
            error("expected 'Sysreg <name> <op0> <op1> <crn> <crm> <op2>'", at: at(tokens[0]))
            return nil
        }
        var fields: [UInt8] = []
        for (token, (field, limit)) in zip(
            tokens[2...], [("op0", 4), ("op1", 8), ("CRn", 16), ("CRm", 16), ("op2", 8)])
        {
            guard case .success(let value) = scanEncoding(token.text, [.field(field, 0...limit - 1)]) else {
                error("\(field) must be a number from 0 to \(limit - 1), not '\(token.text)'", at: at(token))
                return nil
            }
            fields.append(value[0])
        }
        let encoding = SystemRegisterEncoding(
            op0: fields[0], op1: fields[1], crn: fields[2], crm: fields[3], op2: fields[4])
        return KernelSysregFile.Block(name: tokens[1].text, encoding: encoding, location: at(tokens[0]), mapping: nil)
    }
}

/// A word of a line and the column (from 1) it starts at.
private struct Token {
    var text: String
    var column: Int

    /// The words of `line`, split at tabs and spaces.
    static func split(_ line: Substring) -> [Token] {
        var tokens: [Token] = []
        var column = 1
        var current = ""
        var start = 1
        for character in line {
            if character == " " || character == "\t" || character == "\r" {
                if !current.isEmpty { tokens.append(Token(text: current, column: start)) }
                current = ""
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
            column += 1
        }
        if !current.isEmpty { tokens.append(Token(text: current, column: start)) }
        return tokens
    }
}

/// Something the importer did not import, and why.
public struct ImportSkip: Sendable, Equatable, CustomStringConvertible {
    /// The register or block's name.
    public var name: String
    /// Where it is in the kernel's file.
    public var location: SourceLocation
    /// Why it was skipped, in one line.
    public var reason: String

    /// Creates a skip record.
    public init(name: String, at location: SourceLocation, reason: String) {
        self.name = name
        self.location = location
        self.reason = reason
    }

    /// `path:line:col: skipped NAME: reason`, the form editors jump to.
    public var description: String { "\(location): skipped \(name): \(reason)" }
}
