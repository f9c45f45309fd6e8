import SysRegRuntime

// Reading encodings from text: only the generator reads them (the register file, the kernel's
// file), so this lives here, not in the runtime a hypervisor links.

/// Why an encoding's text does not parse, and where (a character offset into the text).
public enum EncodingSyntaxError: Error, Hashable, Sendable {
    /// At `offset` the text has `found` (`nil` at the end) where `expected` should be.
    case unexpected(offset: Int, found: Character?, expected: String)
    /// The field `field`, starting at `offset`, is `value`, outside `range`.
    case outOfRange(offset: Int, field: String, value: Int, range: ClosedRange<Int>)
}

/// One element of an encoding's written form.
enum EncodingPattern {
    /// Exactly this text.
    case literal(String)
    /// `,` with optional spaces around it.
    case comma
    /// A decimal field: no sign, no leading zeros, within `range`.
    case field(String, ClosedRange<Int>)
}

/// Scans `text` against `pattern`, returning the fields' values in order or the first problem.
/// Both encoding forms of the register file (`S3_0_C1_C0_0`, `p15, 0, c1, c0, 0`) use it.
func scanEncoding(_ text: String, _ pattern: [EncodingPattern]) -> Result<[UInt8], EncodingSyntaxError> {
    let characters = Array(text)
    var offset = 0
    var values: [UInt8] = []
    func unexpected(_ expected: String) -> EncodingSyntaxError {
        .unexpected(offset: offset, found: offset < characters.count ? characters[offset] : nil, expected: expected)
    }
    func skipSpaces() {
        while offset < characters.count, characters[offset] == " " { offset += 1 }
    }
    for element in pattern {
        switch element {
        case .literal(let literal):
            for expected in literal {
                guard offset < characters.count, characters[offset] == expected else {
                    return .failure(unexpected("'\(literal)'"))
                }
                offset += 1
            }
        case .comma:
            skipSpaces()
            guard offset < characters.count, characters[offset] == "," else { return .failure(unexpected("','")) }
            offset += 1
            skipSpaces()
        case .field(let name, let range):
            let start = offset
            while offset < characters.count, characters[offset].isASCII, characters[offset].isNumber { offset += 1 }
            let digits = String(characters[start..<offset])
            guard !digits.isEmpty else {
                offset = start
                return .failure(unexpected("a number for \(name)"))
            }
            guard digits == "0" || !digits.hasPrefix("0") else {
                offset = start
                return .failure(unexpected("a number for \(name) without leading zeros"))
            }
            guard let value = Int(digits), range.contains(value) else {
                return .failure(
                    .outOfRange(offset: start, field: name, value: Int(digits) ?? Int.max, range: range))
            }
            values.append(UInt8(value))
        }
    }
    guard offset == characters.count else { return .failure(unexpected("the end of the encoding")) }
    return .success(values)
}

extension SystemRegisterEncoding {
    /// Parses the assembler's generic name `S<op0>_<op1>_C<CRn>_C<CRm>_<op2>`, reporting the
    /// first problem with its offset.
    public static func parse(genericName text: String) -> Result<Self, EncodingSyntaxError> {
        let pattern: [EncodingPattern] = [
            .literal("S"), .field("op0", 0...3), .literal("_"), .field("op1", 0...7), .literal("_C"),
            .field("CRn", 0...15), .literal("_C"), .field("CRm", 0...15), .literal("_"), .field("op2", 0...7),
        ]
        return scanEncoding(text, pattern).map { Self(op0: $0[0], op1: $0[1], crn: $0[2], crm: $0[3], op2: $0[4]) }
    }

    /// Parses the generic name; `nil` when it is not exactly of that form or a field is out of range.
    public init?(genericName text: String) {
        guard case .success(let encoding) = Self.parse(genericName: text) else { return nil }
        self = encoding
    }
}

extension CoprocessorEncoding {
    /// Parses the form ``CoprocessorEncoding/text`` writes, reporting the first problem with its
    /// offset. Ranges: coproc 0..15, opc1 0..7 for MRC/MCR and 0..15 for MRRC/MCRR, CRn and CRm
    /// 0..15, opc2 0..7.
    public static func parse(text: String) -> Result<Self, EncodingSyntaxError> {
        let register32: [EncodingPattern] = [
            .literal("p"), .field("coproc", 0...15), .comma, .field("opc1", 0...7), .comma, .literal("c"),
            .field("CRn", 0...15), .comma, .literal("c"), .field("CRm", 0...15), .comma, .field("opc2", 0...7),
        ]
        let register64: [EncodingPattern] = [
            .literal("p"), .field("coproc", 0...15), .comma, .field("opc1", 0...15), .comma, .literal("c"),
            .field("CRm", 0...15),
        ]
        // Three fields are the 64-bit form, five the 32-bit one: count the commas to choose.
        if text.filter({ $0 == "," }).count == 2 {
            return scanEncoding(text, register64).map { .register64(coproc: $0[0], opc1: $0[1], crm: $0[2]) }
        }
        return scanEncoding(text, register32).map {
            .register32(coproc: $0[0], opc1: $0[1], crn: $0[2], crm: $0[3], opc2: $0[4])
        }
    }

    /// Parses the form ``CoprocessorEncoding/text`` writes; `nil` when malformed or a field is
    /// out of range.
    public init?(text: String) {
        guard case .success(let encoding) = Self.parse(text: text) else { return nil }
        self = encoding
    }
}
