import SysRegRuntime

/// One AArch32 coprocessor register: what an MRC/MCR (or MRRC/MCRR) of it reaches from an
/// AArch32 EL1 (PL1), and which part of an AArch64 register it is architecturally mapped to.
public struct CoprocessorRow: Sendable {
    /// The Arm ARM's AArch32 name, such as `SCTLR`; the MRRC/MCRR form of TTBR0, TTBR1 and PAR
    /// has the same name as the MRC/MCR one.
    public let name: String
    /// The encoding.
    public let encoding: CoprocessorEncoding
    /// The AArch64 register the Arm ARM maps it to (`MPIDR_EL1` for MPIDR, although a guest's
    /// read reaches `VMPIDR_EL2`).
    public let aarch64: String
    /// Which part of ``aarch64`` (and of the register reached) it is.
    public let part: RegisterPart
    /// What it reaches from an AArch32 EL1.
    public let el1: Reach
}

/// The simulated CPU's decode of AArch32 coprocessor encodings from an AArch32 EL1, written by
/// hand from the Arm ARM (DDI 0487, part G, "AArch32 System register descriptions": each
/// register's "Configurations" paragraph, which names the AArch64 register and bits it is
/// architecturally mapped to, and its "Accessing the register" encoding), never from
/// `registers.yaml`. Only what a KVM guest's EL1 reaches is modelled: other contexts are
/// UNDEFINED here.
public enum CoprocessorDecodeTable {
    /// Every implemented encoding. Anything else is UNDEFINED.
    public static let rows: [CoprocessorRow] = [
        row("CSSELR", cp(15, 2, 0, 0, 0), .CSSELR_EL1, .low),  // G8 CSSELR: CSSELR_EL1[31:0]
        row("SCTLR", cp(15, 0, 1, 0, 0), .SCTLR_EL1, .low),  // G8 SCTLR: SCTLR_EL1[31:0]
        row("ACTLR", cp(15, 0, 1, 0, 1), .ACTLR_EL1, .low),  // G8 ACTLR: ACTLR_EL1[31:0]
        row("ACTLR2", cp(15, 0, 1, 0, 3), .ACTLR_EL1, .high),  // G8 ACTLR2: ACTLR_EL1[63:32]
        row("CPACR", cp(15, 0, 1, 0, 2), .CPACR_EL1, .low),  // G8 CPACR: CPACR_EL1[31:0]
        row("TTBR0", cp(15, 0, 2, 0, 0), .TTBR0_EL1, .low),  // G8 TTBR0: MCR reaches TTBR0_EL1[31:0]
        row("TTBR0", cp64(15, 0, 2), .TTBR0_EL1, .all),  // G8 TTBR0: MCRR p15, 0, <Rt>, <Rt2>, c2
        row("TTBR1", cp(15, 0, 2, 0, 1), .TTBR1_EL1, .low),  // G8 TTBR1: MCR reaches TTBR1_EL1[31:0]
        row("TTBR1", cp64(15, 1, 2), .TTBR1_EL1, .all),  // G8 TTBR1: MCRR p15, 1, <Rt>, <Rt2>, c2
        row("TTBCR", cp(15, 0, 2, 0, 2), .TCR_EL1, .low),  // G8 TTBCR: TCR_EL1[31:0]
        row("TTBCR2", cp(15, 0, 2, 0, 3), .TCR_EL1, .high),  // G8 TTBCR2: TCR_EL1[63:32]
        row("DACR", cp(15, 0, 3, 0, 0), .DACR32_EL2, .low),  // G8 DACR: DACR32_EL2[31:0]
        row("DFSR", cp(15, 0, 5, 0, 0), .ESR_EL1, .low),  // G8 DFSR: ESR_EL1[31:0]
        row("IFSR", cp(15, 0, 5, 0, 1), .IFSR32_EL2, .low),  // G8 IFSR: IFSR32_EL2[31:0]
        row("ADFSR", cp(15, 0, 5, 1, 0), .AFSR0_EL1, .low),  // G8 ADFSR: AFSR0_EL1[31:0]
        row("AIFSR", cp(15, 0, 5, 1, 1), .AFSR1_EL1, .low),  // G8 AIFSR: AFSR1_EL1[31:0]
        row("DFAR", cp(15, 0, 6, 0, 0), .FAR_EL1, .low),  // G8 DFAR: FAR_EL1[31:0]
        row("IFAR", cp(15, 0, 6, 0, 2), .FAR_EL1, .high),  // G8 IFAR: FAR_EL1[63:32]
        row("PAR", cp(15, 0, 7, 4, 0), .PAR_EL1, .low),  // G8 PAR: MCR reaches PAR_EL1[31:0]
        row("PAR", cp64(15, 0, 7), .PAR_EL1, .all),  // G8 PAR: MCRR p15, 0, <Rt>, <Rt2>, c7
        row("PRRR", cp(15, 0, 10, 2, 0), .MAIR_EL1, .low),  // G8 PRRR (MAIR0): MAIR_EL1[31:0]
        row("NMRR", cp(15, 0, 10, 2, 1), .MAIR_EL1, .high),  // G8 NMRR (MAIR1): MAIR_EL1[63:32]
        row("AMAIR0", cp(15, 0, 10, 3, 0), .AMAIR_EL1, .low),  // G8 AMAIR0: AMAIR_EL1[31:0]
        row("AMAIR1", cp(15, 0, 10, 3, 1), .AMAIR_EL1, .high),  // G8 AMAIR1: AMAIR_EL1[63:32]
        row("VBAR", cp(15, 0, 12, 0, 0), .VBAR_EL1, .low),  // G8 VBAR: VBAR_EL1[31:0]
        row("CONTEXTIDR", cp(15, 0, 13, 0, 1), .CONTEXTIDR_EL1, .low),  // G8 CONTEXTIDR: CONTEXTIDR_EL1[31:0]
        row("TPIDRURW", cp(15, 0, 13, 0, 2), .TPIDR_EL0, .low),  // G8 TPIDRURW: TPIDR_EL0[31:0]
        row("TPIDRURO", cp(15, 0, 13, 0, 3), .TPIDRRO_EL0, .low),  // G8 TPIDRURO: TPIDRRO_EL0[31:0], RW at PL1
        row("TPIDRPRW", cp(15, 0, 13, 0, 4), .TPIDR_EL1, .low),  // G8 TPIDRPRW: TPIDR_EL1[31:0]
        row("CNTKCTL", cp(15, 0, 14, 1, 0), .CNTKCTL_EL1, .low),  // G8 CNTKCTL: CNTKCTL_EL1[31:0]
        // G8 MPIDR: MPIDR_EL1[31:0], read-only; from Non-secure PL1 with EL2 implemented, a read
        // returns VMPIDR_EL2[31:0] (VMPIDR: "VMPIDR_EL2[31:0]").
        CoprocessorRow(
            name: "MPIDR", encoding: cp(15, 0, 0, 0, 5), aarch64: "MPIDR_EL1", part: .low,
            el1: .readOnly(.VMPIDR_EL2)),
        // G8 debug registers, coprocessor 14: DBGDSCRext is MDSCR_EL1[31:0], DBGVCR is
        // DBGVCR32_EL2[31:0].
        row("DBGDSCRext", cp(14, 0, 0, 2, 2), .MDSCR_EL1, .low),
        row("DBGVCR", cp(14, 0, 0, 7, 0), .DBGVCR32_EL2, .low),
    ]

    /// The row of `encoding`, or `nil` when the CPU does not implement it.
    public static func row(for encoding: CoprocessorEncoding) -> CoprocessorRow? {
        rowsByEncoding[encoding]
    }

    private static let rowsByEncoding = Dictionary(uniqueKeysWithValues: rows.map { ($0.encoding, $0) })

    /// A register an AArch32 EL1 reads and writes, mapped onto (part of) `register`.
    private static func row(
        _ name: String, _ encoding: CoprocessorEncoding, _ register: PhysicalRegister, _ part: RegisterPart
    ) -> CoprocessorRow {
        CoprocessorRow(name: name, encoding: encoding, aarch64: register.name, part: part, el1: .readWrite(register))
    }

    private static func cp(_ coproc: UInt8, _ opc1: UInt8, _ crn: UInt8, _ crm: UInt8, _ opc2: UInt8)
        -> CoprocessorEncoding
    {
        .register32(coproc: coproc, opc1: opc1, crn: crn, crm: crm, opc2: opc2)
    }

    private static func cp64(_ coproc: UInt8, _ opc1: UInt8, _ crm: UInt8) -> CoprocessorEncoding {
        .register64(coproc: coproc, opc1: opc1, crm: crm)
    }
}
