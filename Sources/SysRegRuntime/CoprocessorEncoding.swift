/// The encoding of an AArch32 coprocessor register access (MRC/MCR or MRRC/MCRR).
public enum CoprocessorEncoding: Hashable, Sendable {
    /// A 32-bit access: `MRC p<coproc>, <opc1>, Rt, c<CRn>, c<CRm>, <opc2>`.
    case register32(coproc: UInt8, opc1: UInt8, crn: UInt8, crm: UInt8, opc2: UInt8)
    /// A 64-bit access: `MRRC p<coproc>, <opc1>, Rt, Rt2, c<CRm>`.
    case register64(coproc: UInt8, opc1: UInt8, crm: UInt8)

    /// The form the register file uses: `p15, 0, c1, c0, 0` or `p15, 0, c2`.
    public var text: String {
        switch self {
        case .register32(let coproc, let opc1, let crn, let crm, let opc2):
            "p\(coproc), \(opc1), c\(crn), c\(crm), \(opc2)"
        case .register64(let coproc, let opc1, let crm):
            "p\(coproc), \(opc1), c\(crm)"
        }
    }

    /// Parses ``text``'s form, reporting the first problem with its offset. Ranges: coproc
    /// 0..15, opc1 0..7 for MRC/MCR and 0..15 for MRRC/MCRR, CRn and CRm 0..15, opc2 0..7.
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

    /// Parses ``text``'s form; `nil` when malformed or a field is out of range.
    public init?(text: String) {
        guard case .success(let encoding) = Self.parse(text: text) else { return nil }
        self = encoding
    }
}

extension CoprocessorEncoding {
    /// True for the 64-bit MRRC/MCRR form.
    @inlinable
    public var isPair: Bool {
        if case .register64 = self { true } else { false }
    }
}
