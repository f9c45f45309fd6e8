import SysRegRuntime

/// A register the simulated CPU holds: one storage location of the processing element, named as
/// the Arm ARM names it. Encodings reach these through ``DecodeTable``.
public enum PhysicalRegister: Int, CaseIterable, Sendable, Hashable {
    // EL1 registers that HCR_EL2.E2H redirects (each has an *_EL12 alias).
    /// System Control Register (EL1).
    case SCTLR_EL1
    /// Architectural Feature Access Control Register.
    case CPACR_EL1
    /// Translation Table Base Register 0 (EL1).
    case TTBR0_EL1
    /// Translation Table Base Register 1 (EL1).
    case TTBR1_EL1
    /// Translation Control Register (EL1).
    case TCR_EL1
    /// Exception Syndrome Register (EL1).
    case ESR_EL1
    /// Auxiliary Fault Status Register 0 (EL1).
    case AFSR0_EL1
    /// Auxiliary Fault Status Register 1 (EL1).
    case AFSR1_EL1
    /// Fault Address Register (EL1).
    case FAR_EL1
    /// Memory Attribute Indirection Register (EL1).
    case MAIR_EL1
    /// Vector Base Address Register (EL1).
    case VBAR_EL1
    /// Context ID Register (EL1).
    case CONTEXTIDR_EL1
    /// Auxiliary Memory Attribute Indirection Register (EL1).
    case AMAIR_EL1
    /// Counter-timer Kernel Control Register.
    case CNTKCTL_EL1
    /// Exception Link Register (EL1).
    case ELR_EL1
    /// Saved Program Status Register (EL1).
    case SPSR_EL1

    // EL1 and EL0 registers that E2H does not redirect.
    /// Cache Size Selection Register.
    case CSSELR_EL1
    /// Auxiliary Control Register (EL1).
    case ACTLR_EL1
    /// EL1 Software Thread ID Register.
    case TPIDR_EL1
    /// Physical Address Register.
    case PAR_EL1
    /// Monitor Debug System Control Register.
    case MDSCR_EL1
    /// Stack Pointer (EL0).
    case SP_EL0
    /// Stack Pointer (EL1); reachable by MRS/MSR only from EL2.
    case SP_EL1
    /// Multiprocessor Affinity Register: the physical CPU's affinity, read-only.
    case MPIDR_EL1
    /// EL0 Read/Write Software Thread ID Register.
    case TPIDR_EL0
    /// EL0 Read-Only Software Thread ID Register (read-only at EL0).
    case TPIDRRO_EL0

    // EL2 registers: the E2H redirect targets, the exception return state and the guest views.
    /// System Control Register (EL2).
    case SCTLR_EL2
    /// Architectural Feature Trap Register (EL2).
    case CPTR_EL2
    /// Translation Table Base Register 0 (EL2).
    case TTBR0_EL2
    /// Translation Table Base Register 1 (EL2).
    case TTBR1_EL2
    /// Translation Control Register (EL2).
    case TCR_EL2
    /// Exception Syndrome Register (EL2).
    case ESR_EL2
    /// Auxiliary Fault Status Register 0 (EL2).
    case AFSR0_EL2
    /// Auxiliary Fault Status Register 1 (EL2).
    case AFSR1_EL2
    /// Fault Address Register (EL2).
    case FAR_EL2
    /// Memory Attribute Indirection Register (EL2).
    case MAIR_EL2
    /// Vector Base Address Register (EL2).
    case VBAR_EL2
    /// Context ID Register (EL2).
    case CONTEXTIDR_EL2
    /// Auxiliary Memory Attribute Indirection Register (EL2).
    case AMAIR_EL2
    /// Counter-timer Hypervisor Control Register.
    case CNTHCTL_EL2
    /// Exception Link Register (EL2): the guest's PC after an exception to EL2.
    case ELR_EL2
    /// Saved Program Status Register (EL2): the guest's PSTATE after an exception to EL2.
    case SPSR_EL2
    /// Virtualization Multiprocessor ID Register: what a guest's MRS MPIDR_EL1 returns.
    case VMPIDR_EL2
    /// Domain Access Control Register: an AArch32 EL1's DACR.
    case DACR32_EL2
    /// Instruction Fault Status Register: an AArch32 EL1's IFSR.
    case IFSR32_EL2
    /// Floating-Point Exception Control Register: an AArch32 EL1's FPEXC.
    case FPEXC32_EL2
    /// Debug Vector Catch Register: an AArch32 EL1's DBGVCR.
    case DBGVCR32_EL2

    /// The Arm ARM's name, such as `SCTLR_EL1`.
    public var name: String { String(describing: self) }

    /// The register with the Arm ARM name `name`, or `nil` when the simulator does not hold one.
    public init?(name: String) {
        guard let register = Self.byName[name] else { return nil }
        self = register
    }

    /// The encoding whose Arm ARM name is this register's name: its own MRS/MSR encoding.
    public var encoding: SystemRegisterEncoding { Self.encodings[rawValue] }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// Each register's own encoding, looked up by name once; every register has a row.
    private static let encodings = allCases.map { register in
        guard let row = DecodeTable.row(named: register.name) else {
            preconditionFailure("the decode table has no row named \(register.name)")
        }
        return row.encoding
    }
}
