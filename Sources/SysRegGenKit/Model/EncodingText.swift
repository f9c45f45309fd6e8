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
    // In ASCII without CR (whose CR LF is the one character of two bytes) each byte is a
    // character: the bytes give the same offsets without breaking the text into characters.
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
        let result = text.utf8.withContiguousStorageIfAvailable { scanASCII($0, pattern) }
        return result ?? Array(text.utf8).withUnsafeBufferPointer { scanASCII($0, pattern) }
    }
    // Otherwise a byte per character, 0xFF for one that is not a single ASCII byte (which no
    // pattern accepts); an error then quotes the character itself.
    let characters = Array(text)
    let units = characters.map { $0.utf8.count == 1 ? $0.asciiValue ?? 0xFF : 0xFF }
    return units.withUnsafeBufferPointer { scanASCII($0, pattern) }.mapError { error in
        guard case .unexpected(let offset, .some, let expected) = error, offset < characters.count else { return error }
        return .unexpected(offset: offset, found: characters[offset], expected: expected)
    }
}

/// ``scanEncoding(_:_:)`` over bytes, each one character.
private func scanASCII(
    _ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [EncodingPattern]
) -> Result<[UInt8], EncodingSyntaxError> {
    var offset = 0
    var values: [UInt8] = []
    values.reserveCapacity(5)
    func unexpected(_ expected: String) -> EncodingSyntaxError {
        .unexpected(
            offset: offset, found: offset < bytes.count ? Character(Unicode.Scalar(bytes[offset])) : nil,
            expected: expected)
    }
    func skipSpaces() {
        while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") { offset += 1 }
    }
    for element in pattern {
        switch element {
        case .literal(let literal):
            for expected in literal.utf8 {
                guard offset < bytes.count, bytes[offset] == expected else {
                    return .failure(unexpected("'\(literal)'"))
                }
                offset += 1
            }
        case .comma:
            skipSpaces()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else { return .failure(unexpected("','")) }
            offset += 1
            skipSpaces()
        case .field(let name, let range):
            let start = offset
            // Its value, or `nil` once past Int.max.
            var value: Int? = 0
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                let digit = Int(bytes[offset] - UInt8(ascii: "0"))
                value = value.flatMap { value in
                    let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(digit)
                    return overflow1 || overflow2 ? nil : sum
                }
                offset += 1
            }
            guard offset > start else { return .failure(unexpected("a number for \(name)")) }
            guard offset - start == 1 || bytes[start] != UInt8(ascii: "0") else {
                offset = start
                return .failure(unexpected("a number for \(name) without leading zeros"))
            }
            guard let value, range.contains(value) else {
                return .failure(.outOfRange(offset: start, field: name, value: value ?? Int.max, range: range))
            }
            values.append(UInt8(value))
        }
    }
    guard offset == bytes.count else { return .failure(unexpected("the end of the encoding")) }
    return .success(values)
}

extension SystemRegisterEncoding {
    /// Parses the assembler's generic name `S<op0>_<op1>_C<CRn>_C<CRm>_<op2>`, reporting the
    /// first problem with its offset.
    public static func parse(genericName text: String) -> Result<Self, EncodingSyntaxError> {
        scanEncoding(text, genericNamePattern).map {
            Self(op0: $0[0], op1: $0[1], crn: $0[2], crm: $0[3], op2: $0[4])
        }
    }

    private static let genericNamePattern: [EncodingPattern] = [
        .literal("S"), .field("op0", 0...3), .literal("_"), .field("op1", 0...7), .literal("_C"),
        .field("CRn", 0...15), .literal("_C"), .field("CRm", 0...15), .literal("_"), .field("op2", 0...7),
    ]

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
        // Three fields are the 64-bit form, five the 32-bit one: count the commas to choose.
        if text.filter({ $0 == "," }).count == 2 {
            return scanEncoding(text, register64).map { .register64(coproc: $0[0], opc1: $0[1], crm: $0[2]) }
        }
        return scanEncoding(text, register32).map {
            .register32(coproc: $0[0], opc1: $0[1], crn: $0[2], crm: $0[3], opc2: $0[4])
        }
    }

    private static let register32: [EncodingPattern] = [
        .literal("p"), .field("coproc", 0...15), .comma, .field("opc1", 0...7), .comma, .literal("c"),
        .field("CRn", 0...15), .comma, .literal("c"), .field("CRm", 0...15), .comma, .field("opc2", 0...7),
    ]
    private static let register64: [EncodingPattern] = [
        .literal("p"), .field("coproc", 0...15), .comma, .field("opc1", 0...15), .comma, .literal("c"),
        .field("CRm", 0...15),
    ]

    /// Parses the form ``CoprocessorEncoding/text`` writes; `nil` when malformed or a field is
    /// out of range.
    public init?(text: String) {
        guard case .success(let encoding) = Self.parse(text: text) else { return nil }
        self = encoding
    }
}
