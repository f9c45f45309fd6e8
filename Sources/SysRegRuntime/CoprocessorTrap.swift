/// A trapped AArch32 coprocessor register access, decoded from the syndrome (ESR_EL2) of the
/// exception it took to EL2: what a hypervisor's trap handler dispatches on.
///
/// Layout (Arm ARM DDI 0487, ESR_EL2: EC in bits [31:26], ISS in bits [24:0]; "ISS encoding for
/// an exception from an MCR or MRC access" and "... from an MCRR or MRRC access"; the same fields
/// the kernel's `kvm_handle_cp_32` and `kvm_handle_cp_64` in `arch/arm64/kvm/sys_regs.c` extract):
///
/// | EC | instruction | ISS fields |
/// | --- | --- | --- |
/// | 0x03 | MCR/MRC p15 | Opc2 [19:17], Opc1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], Direction [0] |
/// | 0x05 | MCR/MRC p14 | as 0x03 |
/// | 0x04 | MCRR/MRRC p15 | Opc1 [19:16], Rt2 [14:10], Rt [9:5], CRm [4:1], Direction [0] |
/// | 0x0C | MCRR/MRRC p14 | as 0x04 |
///
/// Direction is 1 for a read (MRC, MRRC) and 0 for a write (MCR, MCRR).
public struct CoprocessorTrap: Hashable, Sendable {
    /// The register the instruction named.
    public let encoding: CoprocessorEncoding
    /// True for MRC and MRRC, false for MCR and MCRR.
    public let isRead: Bool
    /// The general-purpose register transferred (the low word for MRRC/MCRR).
    public let rt: UInt8
    /// The general-purpose register holding the high word, for MRRC/MCRR only.
    public let rt2: UInt8?

    /// Decodes `esr`, the value of ESR_EL2; `nil` when its exception class is not a trapped
    /// MCR/MRC or MCRR/MRRC access to coprocessor 14 or 15.
    @inlinable
    public init?(esr: UInt64) {
        let iss = UInt32(truncatingIfNeeded: esr) & 0x1FF_FFFF
        func field(_ high: UInt32, _ low: UInt32) -> UInt8 {
            UInt8(truncatingIfNeeded: (iss &>> low) & (1 &<< (high &- low &+ 1) &- 1))
        }
        let coproc: UInt8
        let isPair: Bool
        switch (esr &>> 26) & 0x3F {
        case 0x03: (coproc, isPair) = (15, false)
        case 0x04: (coproc, isPair) = (15, true)
        case 0x05: (coproc, isPair) = (14, false)
        case 0x0C: (coproc, isPair) = (14, true)
        default: return nil
        }
        isRead = iss & 1 == 1
        rt = field(9, 5)
        if isPair {
            encoding = .register64(coproc: coproc, opc1: field(19, 16), crm: field(4, 1))
            rt2 = field(14, 10)
        } else {
            encoding = .register32(
                coproc: coproc, opc1: field(16, 14), crn: field(13, 10), crm: field(4, 1), opc2: field(19, 17))
            rt2 = nil
        }
    }
}
