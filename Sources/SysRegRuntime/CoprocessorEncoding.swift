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

    /// Parses ``text``'s form; `nil` when malformed or a field is out of range
    /// (coproc 0..15, opc1 0..7 for MRC and 0..15 for MRRC, CRn and CRm 0..15, opc2 0..7).
    public init?(text: String) {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { field -> Substring in
                let start = field.firstIndex { $0 != " " } ?? field.endIndex
                let end = field.lastIndex { $0 != " " }.map(field.index(after:)) ?? start
                return field[start..<end]
            }
        switch fields.count {
        case 5:
            guard let coproc = parseEncodingField(fields[0], prefix: "p", below: 16),
                let opc1 = parseEncodingField(fields[1], prefix: "", below: 8),
                let crn = parseEncodingField(fields[2], prefix: "c", below: 16),
                let crm = parseEncodingField(fields[3], prefix: "c", below: 16),
                let opc2 = parseEncodingField(fields[4], prefix: "", below: 8)
            else { return nil }
            self = .register32(coproc: coproc, opc1: opc1, crn: crn, crm: crm, opc2: opc2)
        case 3:
            guard let coproc = parseEncodingField(fields[0], prefix: "p", below: 16),
                let opc1 = parseEncodingField(fields[1], prefix: "", below: 16),
                let crm = parseEncodingField(fields[2], prefix: "c", below: 16)
            else { return nil }
            self = .register64(coproc: coproc, opc1: opc1, crm: crm)
        default:
            return nil
        }
    }
}
