import SysRegRuntime

/// Where an MRS or MSR executes, which decides the register an encoding reaches.
public enum ExecutionContext: Hashable, Sendable, CustomStringConvertible {
    /// EL0: host userspace, or a guest's userspace.
    case el0
    /// EL1: a guest's kernel, or the host kernel without VHE.
    case el1
    /// EL2 with HCR_EL2.E2H as given: `true` for the VHE host kernel and its hypervisor code,
    /// `false` for the nVHE hypervisor.
    case el2(e2h: Bool)

    /// `EL0`, `EL1`, `EL2 (E2H=1)` or `EL2 (E2H=0)`.
    public var description: String {
        switch self {
        case .el0: "EL0"
        case .el1: "EL1"
        case .el2(let e2h): "EL2 (E2H=\(e2h ? 1 : 0))"
        }
    }
}

/// What an encoding reaches in one execution context.
public enum Reach: Hashable, Sendable {
    /// The access is UNDEFINED.
    case undefined
    /// MRS and MSR both reach `register`.
    case readWrite(PhysicalRegister)
    /// MRS reaches `register`; MSR is UNDEFINED.
    case readOnly(PhysicalRegister)
}

/// One encoding of the decode table: its Arm ARM name and what it reaches from each context.
public struct DecodeRow: Sendable {
    /// The Arm ARM's name of the encoding, such as `SCTLR_EL12`.
    public let name: String
    /// The encoding.
    public let encoding: SystemRegisterEncoding
    let el0: Reach
    let el1: Reach
    let el2: Reach
    let el2E2H: Reach

    /// What the encoding reaches when executed in `context`.
    public func reach(in context: ExecutionContext) -> Reach {
        switch context {
        case .el0: el0
        case .el1: el1
        case .el2(e2h: false): el2
        case .el2(e2h: true): el2E2H
        }
    }
}

/// The simulated CPU's decode of MRS/MSR encodings, written by hand from the Arm ARM (DDI 0487,
/// each register's "Accessing the register" pseudocode) and the kernel's register definitions.
///
/// It is deliberately independent of `registers.yaml`: a wrong alias there must make the
/// generated code reach the wrong register here, not agree with itself.
public enum DecodeTable {
    /// Every implemented encoding. Anything else is UNDEFINED in every context.
    public static let rows: [DecodeRow] = [
        // EL1 registers redirected by E2H. Arm ARM: "When HCR_EL2.E2H is 1, without explicit
        // synchronization, access from EL2 using the mnemonic <reg>_EL1 ... accesses <reg>_EL2";
        // redirect targets from data/vhe-redirect-map.csv (the kernel's sys_regs.c
        // MAPPED_EL2_SYSREG table). Encodings: kernel SYS_<reg> in arch/arm64/include/asm/sysreg.h.
        redirected("SCTLR_EL1", e(3, 0, 1, 0, 0), .SCTLR_EL1, e2h: .SCTLR_EL2),  // Arm ARM SCTLR_EL1; tools/sysreg
        redirected("CPACR_EL1", e(3, 0, 1, 0, 2), .CPACR_EL1, e2h: .CPTR_EL2),  // Arm ARM CPACR_EL1; SYS_CPACR_EL1
        redirected("TTBR0_EL1", e(3, 0, 2, 0, 0), .TTBR0_EL1, e2h: .TTBR0_EL2),  // Arm ARM TTBR0_EL1; SYS_TTBR0_EL1
        redirected("TTBR1_EL1", e(3, 0, 2, 0, 1), .TTBR1_EL1, e2h: .TTBR1_EL2),  // Arm ARM TTBR1_EL1; SYS_TTBR1_EL1
        redirected("TCR_EL1", e(3, 0, 2, 0, 2), .TCR_EL1, e2h: .TCR_EL2),  // Arm ARM TCR_EL1; SYS_TCR_EL1
        redirected("ESR_EL1", e(3, 0, 5, 2, 0), .ESR_EL1, e2h: .ESR_EL2),  // Arm ARM ESR_EL1; SYS_ESR_EL1
        redirected("AFSR0_EL1", e(3, 0, 5, 1, 0), .AFSR0_EL1, e2h: .AFSR0_EL2),  // Arm ARM AFSR0_EL1; SYS_AFSR0_EL1
        redirected("AFSR1_EL1", e(3, 0, 5, 1, 1), .AFSR1_EL1, e2h: .AFSR1_EL2),  // Arm ARM AFSR1_EL1; SYS_AFSR1_EL1
        redirected("FAR_EL1", e(3, 0, 6, 0, 0), .FAR_EL1, e2h: .FAR_EL2),  // Arm ARM FAR_EL1; tools/sysreg FAR_EL1
        redirected("MAIR_EL1", e(3, 0, 10, 2, 0), .MAIR_EL1, e2h: .MAIR_EL2),  // Arm ARM MAIR_EL1; SYS_MAIR_EL1
        redirected("VBAR_EL1", e(3, 0, 12, 0, 0), .VBAR_EL1, e2h: .VBAR_EL2),  // Arm ARM VBAR_EL1; SYS_VBAR_EL1
        redirected("CONTEXTIDR_EL1", e(3, 0, 13, 0, 1), .CONTEXTIDR_EL1, e2h: .CONTEXTIDR_EL2),  // tools/sysreg
        redirected("AMAIR_EL1", e(3, 0, 10, 3, 0), .AMAIR_EL1, e2h: .AMAIR_EL2),  // Arm ARM AMAIR_EL1; SYS_AMAIR_EL1
        redirected("CNTKCTL_EL1", e(3, 0, 14, 1, 0), .CNTKCTL_EL1, e2h: .CNTHCTL_EL2),  // Arm ARM CNTKCTL_EL1
        redirected("ELR_EL1", e(3, 0, 4, 0, 1), .ELR_EL1, e2h: .ELR_EL2),  // Arm ARM ELR_EL1; SYS_ELR_EL1
        redirected("SPSR_EL1", e(3, 0, 4, 0, 0), .SPSR_EL1, e2h: .SPSR_EL2),  // Arm ARM SPSR_EL1; tools/sysreg

        // The *_EL12 aliases: op1 = 5, reach the EL1 register from EL2 only when E2H is 1, and
        // are UNDEFINED otherwise (Arm ARM, each <reg>_EL12 accessibility pseudocode; kernel
        // SYS_<reg>_EL12 in asm/sysreg.h and the Mapping lines of arch/arm64/tools/sysreg).
        el12Alias("SCTLR_EL12", e(3, 5, 1, 0, 0), .SCTLR_EL1),  // Arm ARM SCTLR_EL12; tools/sysreg
        el12Alias("CPACR_EL12", e(3, 5, 1, 0, 2), .CPACR_EL1),  // Arm ARM CPACR_EL12; SYS_CPACR_EL12
        el12Alias("TTBR0_EL12", e(3, 5, 2, 0, 0), .TTBR0_EL1),  // Arm ARM TTBR0_EL12; SYS_TTBR0_EL12
        el12Alias("TTBR1_EL12", e(3, 5, 2, 0, 1), .TTBR1_EL1),  // Arm ARM TTBR1_EL12; SYS_TTBR1_EL12
        el12Alias("TCR_EL12", e(3, 5, 2, 0, 2), .TCR_EL1),  // Arm ARM TCR_EL12; SYS_TCR_EL12
        el12Alias("ESR_EL12", e(3, 5, 5, 2, 0), .ESR_EL1),  // Arm ARM ESR_EL12; SYS_ESR_EL12
        el12Alias("AFSR0_EL12", e(3, 5, 5, 1, 0), .AFSR0_EL1),  // Arm ARM AFSR0_EL12; SYS_AFSR0_EL12
        el12Alias("AFSR1_EL12", e(3, 5, 5, 1, 1), .AFSR1_EL1),  // Arm ARM AFSR1_EL12; SYS_AFSR1_EL12
        el12Alias("FAR_EL12", e(3, 5, 6, 0, 0), .FAR_EL1),  // Arm ARM FAR_EL12; SYS_FAR_EL12
        el12Alias("MAIR_EL12", e(3, 5, 10, 2, 0), .MAIR_EL1),  // Arm ARM MAIR_EL12; SYS_MAIR_EL12
        el12Alias("VBAR_EL12", e(3, 5, 12, 0, 0), .VBAR_EL1),  // Arm ARM VBAR_EL12; SYS_VBAR_EL12
        el12Alias("CONTEXTIDR_EL12", e(3, 5, 13, 0, 1), .CONTEXTIDR_EL1),  // Arm ARM; SYS_CONTEXTIDR_EL12
        el12Alias("AMAIR_EL12", e(3, 5, 10, 3, 0), .AMAIR_EL1),  // Arm ARM AMAIR_EL12; SYS_AMAIR_EL12
        el12Alias("CNTKCTL_EL12", e(3, 5, 14, 1, 0), .CNTKCTL_EL1),  // Arm ARM CNTKCTL_EL12; SYS_CNTKCTL_EL12
        el12Alias("ELR_EL12", e(3, 5, 4, 0, 1), .ELR_EL1),  // Arm ARM ELR_EL12; SYS_ELR_EL12
        el12Alias("SPSR_EL12", e(3, 5, 4, 0, 0), .SPSR_EL1),  // Arm ARM SPSR_EL12; tools/sysreg SPSR_EL12

        // EL1 registers E2H does not redirect: the same register from EL1 and EL2
        // (DOMAIN.md "VHE, E2H and the EL12 aliases"; no *_EL12 Mapping in tools/sysreg).
        el1Only("CSSELR_EL1", e(3, 2, 0, 0, 0), .CSSELR_EL1),  // Arm ARM CSSELR_EL1; tools/sysreg
        el1Only("ACTLR_EL1", e(3, 0, 1, 0, 1), .ACTLR_EL1),  // Arm ARM ACTLR_EL1 (no ACTLR_EL12 in v8.1)
        el1Only("TPIDR_EL1", e(3, 0, 13, 0, 4), .TPIDR_EL1),  // Arm ARM TPIDR_EL1; tools/sysreg
        el1Only("PAR_EL1", e(3, 0, 7, 4, 0), .PAR_EL1),  // Arm ARM PAR_EL1; SYS_PAR_EL1
        el1Only("MDSCR_EL1", e(2, 0, 0, 2, 2), .MDSCR_EL1),  // Arm ARM MDSCR_EL1; tools/sysreg (op0 = 2)
        el1Only("SP_EL0", e(3, 0, 4, 1, 0), .SP_EL0),  // Arm ARM SP_EL0 (DDI0595 sp_el0 page)
        // Arm ARM MPIDR_EL1: read-only; from non-secure EL1 with EL2 implemented, MRS returns
        // VMPIDR_EL2; from EL2 the physical MPIDR_EL1. SYS_MPIDR_EL1.
        DecodeRow(
            name: "MPIDR_EL1", encoding: e(3, 0, 0, 0, 5), el0: .undefined, el1: .readOnly(.VMPIDR_EL2),
            el2: .readOnly(.MPIDR_EL1), el2E2H: .readOnly(.MPIDR_EL1)),

        // EL0 thread ID registers: no EL02 alias, so the same register from EL0, EL1 and EL2.
        // Arm ARM TPIDR_EL0 (read/write at EL0); SYS_TPIDR_EL0.
        DecodeRow(
            name: "TPIDR_EL0", encoding: e(3, 3, 13, 0, 2), el0: .readWrite(.TPIDR_EL0), el1: .readWrite(.TPIDR_EL0),
            el2: .readWrite(.TPIDR_EL0), el2E2H: .readWrite(.TPIDR_EL0)),
        // Arm ARM TPIDRRO_EL0 (read-only at EL0, read/write at EL1 and EL2); SYS_TPIDRRO_EL0.
        DecodeRow(
            name: "TPIDRRO_EL0", encoding: e(3, 3, 13, 0, 3), el0: .readOnly(.TPIDRRO_EL0),
            el1: .readWrite(.TPIDRRO_EL0), el2: .readWrite(.TPIDRRO_EL0), el2E2H: .readWrite(.TPIDRRO_EL0)),

        // EL2 registers: UNDEFINED from EL0 and EL1 (without nested virtualization), the same
        // register from EL2 whatever E2H is. Encodings: kernel SYS_<reg> in asm/sysreg.h or
        // arch/arm64/tools/sysreg, per data/kvm-sysregs-4.17.csv.
        el2Only("SCTLR_EL2", e(3, 4, 1, 0, 0), .SCTLR_EL2),  // Arm ARM SCTLR_EL2; tools/sysreg
        el2Only("CPTR_EL2", e(3, 4, 1, 1, 2), .CPTR_EL2),  // Arm ARM CPTR_EL2; SYS_CPTR_EL2
        el2Only("TTBR0_EL2", e(3, 4, 2, 0, 0), .TTBR0_EL2),  // Arm ARM TTBR0_EL2; SYS_TTBR0_EL2
        el2Only("TTBR1_EL2", e(3, 4, 2, 0, 1), .TTBR1_EL2),  // Arm ARM TTBR1_EL2 (FEAT_VHE); SYS_TTBR1_EL2
        el2Only("TCR_EL2", e(3, 4, 2, 0, 2), .TCR_EL2),  // Arm ARM TCR_EL2; SYS_TCR_EL2
        el2Only("ESR_EL2", e(3, 4, 5, 2, 0), .ESR_EL2),  // Arm ARM ESR_EL2; SYS_ESR_EL2
        el2Only("AFSR0_EL2", e(3, 4, 5, 1, 0), .AFSR0_EL2),  // Arm ARM AFSR0_EL2; SYS_AFSR0_EL2
        el2Only("AFSR1_EL2", e(3, 4, 5, 1, 1), .AFSR1_EL2),  // Arm ARM AFSR1_EL2; SYS_AFSR1_EL2
        el2Only("FAR_EL2", e(3, 4, 6, 0, 0), .FAR_EL2),  // Arm ARM FAR_EL2; SYS_FAR_EL2
        el2Only("MAIR_EL2", e(3, 4, 10, 2, 0), .MAIR_EL2),  // Arm ARM MAIR_EL2; SYS_MAIR_EL2
        el2Only("VBAR_EL2", e(3, 4, 12, 0, 0), .VBAR_EL2),  // Arm ARM VBAR_EL2; SYS_VBAR_EL2
        el2Only("CONTEXTIDR_EL2", e(3, 4, 13, 0, 1), .CONTEXTIDR_EL2),  // Arm ARM (FEAT_VHE); SYS_CONTEXTIDR_EL2
        el2Only("AMAIR_EL2", e(3, 4, 10, 3, 0), .AMAIR_EL2),  // Arm ARM AMAIR_EL2; SYS_AMAIR_EL2
        el2Only("CNTHCTL_EL2", e(3, 4, 14, 1, 0), .CNTHCTL_EL2),  // Arm ARM CNTHCTL_EL2; SYS_CNTHCTL_EL2
        el2Only("ELR_EL2", e(3, 4, 4, 0, 1), .ELR_EL2),  // Arm ARM ELR_EL2; SYS_ELR_EL2
        el2Only("SPSR_EL2", e(3, 4, 4, 0, 0), .SPSR_EL2),  // Arm ARM SPSR_EL2; tools/sysreg
        el2Only("SP_EL1", e(3, 4, 4, 1, 0), .SP_EL1),  // Arm ARM SP_EL1 (EL2 and EL3 only); SYS_SP_EL1
        el2Only("VMPIDR_EL2", e(3, 4, 0, 0, 5), .VMPIDR_EL2),  // Arm ARM VMPIDR_EL2; SYS_VMPIDR_EL2
        el2Only("DACR32_EL2", e(3, 4, 3, 0, 0), .DACR32_EL2),  // Arm ARM DACR32_EL2; tools/sysreg
        el2Only("IFSR32_EL2", e(3, 4, 5, 0, 1), .IFSR32_EL2),  // Arm ARM IFSR32_EL2; SYS_IFSR32_EL2
        el2Only("FPEXC32_EL2", e(3, 4, 5, 3, 0), .FPEXC32_EL2),  // Arm ARM FPEXC32_EL2; SYS_FPEXC32_EL2
        el2Only("DBGVCR32_EL2", e(2, 4, 0, 7, 0), .DBGVCR32_EL2),  // Arm ARM DBGVCR32_EL2; SYS_DBGVCR32_EL2
    ]

    /// The row of `encoding`, or `nil` when the CPU does not implement it.
    public static func row(for encoding: SystemRegisterEncoding) -> DecodeRow? {
        let slot = rowIndex[Int(encoding.sysRegValue >> 5)]
        return slot < 0 ? nil : rows[Int(slot)]
    }

    /// The row whose Arm ARM name is `name`, or `nil`.
    public static func row(named name: String) -> DecodeRow? {
        rowsByName[name]
    }

    /// What `encoding` reaches in `context`; UNDEFINED for an encoding the CPU does not implement.
    public static func reach(_ encoding: SystemRegisterEncoding, in context: ExecutionContext) -> Reach {
        let slot = rowIndex[Int(encoding.sysRegValue >> 5)]
        guard slot >= 0 else { return .undefined }
        let column =
            switch context {
            case .el0: 0
            case .el1: 1
            case .el2(e2h: false): 2
            case .el2(e2h: true): 3
            }
        return reaches[Int(slot) * 4 + column]
    }

    /// Each row's reach in EL0, EL1, EL2 and EL2 with E2H, four per row: decoding without
    /// copying a row (and retaining its name) keeps the simulator cheap per access.
    private static let reaches = rows.flatMap { row in
        [ExecutionContext.el0, .el1, .el2(e2h: false), .el2(e2h: true)].map(row.reach(in:))
    }

    /// A flat index over the 16 encoding bits (`sys_reg >> 5`), so decoding costs one load:
    /// the simulator decodes every access of thousands of model-based sequences.
    private static let rowIndex: [Int16] = {
        var index = [Int16](repeating: -1, count: 1 << 16)
        for (position, row) in rows.enumerated() {
            let slot = Int(row.encoding.sysRegValue >> 5)
            precondition(index[slot] < 0, "\(row.name) repeats the encoding of \(rows[Int(index[slot])].name)")
            index[slot] = Int16(position)
        }
        return index
    }()

    private static let rowsByName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })

    /// An EL1 register that E2H redirects from EL2 to `target`.
    private static func redirected(
        _ name: String, _ encoding: SystemRegisterEncoding, _ register: PhysicalRegister, e2h target: PhysicalRegister
    ) -> DecodeRow {
        DecodeRow(
            name: name, encoding: encoding, el0: .undefined, el1: .readWrite(register), el2: .readWrite(register),
            el2E2H: .readWrite(target))
    }

    /// An `*_EL12` alias: the EL1 register from EL2 with E2H, UNDEFINED everywhere else.
    private static func el12Alias(_ name: String, _ encoding: SystemRegisterEncoding, _ register: PhysicalRegister)
        -> DecodeRow
    {
        DecodeRow(
            name: name, encoding: encoding, el0: .undefined, el1: .undefined, el2: .undefined,
            el2E2H: .readWrite(register))
    }

    /// An EL1 register E2H leaves alone: the same register from EL1 and EL2.
    private static func el1Only(_ name: String, _ encoding: SystemRegisterEncoding, _ register: PhysicalRegister)
        -> DecodeRow
    {
        DecodeRow(
            name: name, encoding: encoding, el0: .undefined, el1: .readWrite(register), el2: .readWrite(register),
            el2E2H: .readWrite(register))
    }

    /// An EL2 register: reachable from EL2 only.
    private static func el2Only(_ name: String, _ encoding: SystemRegisterEncoding, _ register: PhysicalRegister)
        -> DecodeRow
    {
        DecodeRow(
            name: name, encoding: encoding, el0: .undefined, el1: .undefined, el2: .readWrite(register),
            el2E2H: .readWrite(register))
    }

    private static func e(_ op0: UInt8, _ op1: UInt8, _ crn: UInt8, _ crm: UInt8, _ op2: UInt8)
        -> SystemRegisterEncoding
    {
        SystemRegisterEncoding(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2)
    }
}
