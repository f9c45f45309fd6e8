import SysRegRuntime

/// The Linux kernel's register description, `arch/arm64/tools/sysreg` (the file its
/// `gen-sysreg.awk` reads), as far as the importer needs it: each `Sysreg` block's name,
/// encoding and `Mapping`.
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
/// Field lines inside a block are read past. `SysregFields` blocks and blocks of unknown kinds
/// are skipped, with a reason.
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
    }

    /// The file, as the user named it.
    public var path: String
    /// The `Sysreg` blocks, in file order.
    public var blocks: [Block]
    /// What was skipped while reading, in file order.
    public var skipped: [ImportSkip]

    /// The lines that describe a field inside a block (and the ends of their nested blocks).
    private static let fieldKeywords: Set<String> = [
        "Res0", "Res1", "Unkn", "Raz", "Field", "Fields", "Enum", "SignedEnum", "UnsignedEnum", "EndEnum", "Prefix",
        "EndPrefix",
    ]

    /// Reads `text`, reporting problems against `path` as `path:line:col: error: …`, all of them.
    public static func parse(_ text: String, path: String) throws(DiagnosticList) -> KernelSysregFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
        var blocks: [Block] = []
        var skipped: [ImportSkip] = []
        var diagnostics: [Diagnostic] = []
        var open: Block?
        var firstDefinition: [String: SourceLocation] = [:]
        var index = 0
        func at(_ token: Token) -> SourceLocation {
            SourceLocation(path: path, line: index + 1, column: token.column)
        }
        while index < lines.count {
            let tokens = Token.split(lines[index])
            guard let keyword = tokens.first, !keyword.text.hasPrefix("#") else {
                index += 1
                continue
            }
            if let block = open, keyword.text == "Sysreg" || keyword.text == "SysregFields" {
                diagnostics.append(
                    .error(
                        "'\(keyword.text)' inside the block of '\(block.name)', which has no EndSysreg",
                        at: at(keyword),
                        notes: [.note("'\(block.name)' starts here", at: block.location)]))
                open = nil
            }
            switch keyword.text {
            case "Sysreg":
                open = readSysreg(tokens, at: at, &diagnostics)
                if let block = open {
                    if let earlier = firstDefinition[block.name] {
                        diagnostics.append(
                            .error(
                                "duplicate Sysreg '\(block.name)'", at: block.location,
                                notes: [.note("first defined here", at: earlier)]))
                    }
                    firstDefinition[block.name] = firstDefinition[block.name] ?? block.location
                }
            case "Mapping" where open != nil:
                if tokens.count == 2 {
                    open?.mapping = tokens[1].text
                } else {
                    diagnostics.append(.error("expected 'Mapping <name>'", at: at(keyword)))
                }
            case "EndSysreg" where open != nil:
                blocks.append(open!)
                open = nil
            case _ where open != nil:
                break
            case "SysregFields":
                let name = tokens.count > 1 ? tokens[1].text : "?"
                let start = at(keyword)
                guard
                    let end = lines[(index + 1)...].firstIndex(where: {
                        Token.split($0).first?.text == "EndSysregFields"
                    })
                else {
                    diagnostics.append(.error("SysregFields '\(name)' has no EndSysregFields", at: start))
                    index = lines.count
                    continue
                }
                skipped.append(
                    ImportSkip(
                        name: name, at: start, reason: "a SysregFields block is a shared field layout, not a register"))
                index = end
            case _
            where ["Mapping", "EndSysreg", "EndSysregFields"].contains(keyword.text)
                || fieldKeywords.contains(keyword.text):
                diagnostics.append(.error("'\(keyword.text)' outside a Sysreg block", at: at(keyword)))
            default:
                let end = lines[(index + 1)...].firstIndex { Token.split($0).first?.text == "End" + keyword.text }
                let name = tokens.count > 1 ? tokens[1].text : keyword.text
                skipped.append(
                    ImportSkip(
                        name: name, at: at(keyword),
                        reason: "'\(keyword.text)' \(end == nil ? "lines are" : "blocks are") not understood"))
                index = end ?? index
            }
            index += 1
        }
        if let block = open {
            diagnostics.append(.error("Sysreg '\(block.name)' has no EndSysreg", at: block.location))
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return KernelSysregFile(path: path, blocks: blocks, skipped: skipped)
    }

    /// The block a `Sysreg NAME op0 op1 CRn CRm op2` line opens, or `nil` after reporting why not.
    private static func readSysreg(
        _ tokens: [Token], at: (Token) -> SourceLocation, _ diagnostics: inout [Diagnostic]
    ) -> Block? {
        guard tokens.count == 7 else {
            diagnostics.append(.error("expected 'Sysreg <name> <op0> <op1> <crn> <crm> <op2>'", at: at(tokens[0])))
            return nil
        }
        var fields: [UInt8] = []
        for (token, (field, limit)) in zip(
            tokens[2...], [("op0", 4), ("op1", 8), ("CRn", 16), ("CRm", 16), ("op2", 8)])
        {
            guard case .success(let value) = scanEncoding(token.text, [.field(field, 0...limit - 1)]) else {
                diagnostics.append(
                    .error("\(field) must be a number from 0 to \(limit - 1), not '\(token.text)'", at: at(token)))
                return nil
            }
            fields.append(value[0])
        }
        let encoding = SystemRegisterEncoding(
            op0: fields[0], op1: fields[1], crn: fields[2], crm: fields[3], op2: fields[4])
        return Block(name: tokens[1].text, encoding: encoding, location: at(tokens[0]), mapping: nil)
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
