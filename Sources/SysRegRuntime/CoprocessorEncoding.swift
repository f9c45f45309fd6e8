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
}

extension CoprocessorEncoding {
    /// True for the 64-bit MRRC/MCRR form.
    @inlinable
    public var isPair: Bool {
        if case .register64 = self { true } else { false }
    }
}
