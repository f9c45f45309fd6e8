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
    /// Every field in one integer, distinct for distinct encodings (each field keeps its 8 bits;
    /// bit 40 set for the 64-bit form): the generated `AArch32SysReg(encoding:)` switches over
    /// it, since integer cases type-check several times faster than enum patterns with payloads.
    @inlinable
    public var key: UInt64 {
        switch self {
        case .register32(let coproc, let opc1, let crn, let crm, let opc2):
            UInt64(coproc) &<< 32 | UInt64(opc1) &<< 24 | UInt64(crn) &<< 16 | UInt64(crm) &<< 8 | UInt64(opc2)
        case .register64(let coproc, let opc1, let crm):
            1 &<< 40 | UInt64(coproc) &<< 32 | UInt64(opc1) &<< 24 | UInt64(crm) &<< 8
        }
    }

    /// True for the 64-bit MRRC/MCRR form.
    @inlinable
    public var isPair: Bool {
        if case .register64 = self { true } else { false }
    }
}
