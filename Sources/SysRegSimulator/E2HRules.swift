import SysRegRuntime

/// The Arm ARM's rules for HCR_EL2.E2H (FEAT_VHE), written by hand: which `*_EL12`/`*_EL02`
/// aliases exist, which register each reaches, and which EL2 register the EL1 or EL0 encoding
/// reaches when executed at EL2 with E2H = 1.
///
/// Sources: the Arm ARM (DDI 0487), each `<reg>_EL12`/`<reg>_EL02` page's "Accessing" pseudocode
/// ("When HCR_EL2.E2H is 1, without explicit synchronization, access from EL2 using the mnemonic
/// <reg>_EL1 ... accesses <reg>_EL2"; the alias is UNDEFINED at EL2 when E2H is 0 and at EL1);
/// the `Mapping` lines of the kernel's arch/arm64/tools/sysreg for the alias-to-register pairs;
/// `data/vhe-redirect-map.csv` (the kernel's sys_regs.c MAPPED_EL2_SYSREG table) for the first
/// sixteen. Every alias LLVM's table names is either here or in ``notImplemented``
/// (`E2HRulesTests` checks both ways, and that each alias is its register's encoding with op1 = 5).
public enum E2HRules {
    /// One `*_EL12`/`*_EL02` alias.
    public struct Alias: Sendable {
        /// The alias's Arm ARM name, such as `SCTLR_EL12`.
        public let name: String
        /// The EL1 or EL0 register it reaches from EL2 with E2H = 1.
        public let register: PhysicalRegister
        /// The EL2 register the register's own encoding reaches from EL2 with E2H = 1.
        public let redirectedTo: PhysicalRegister
    }

    /// Every alias the simulated CPU implements.
    public static let aliases: [Alias] = [
        // The seed patch's sixteen (data/vhe-redirect-map.csv; Arm ARM, each register's page).
        alias("SCTLR_EL12", .SCTLR_EL1, .SCTLR_EL2),
        alias("CPACR_EL12", .CPACR_EL1, .CPTR_EL2),  // CPTR_EL2 takes CPACR_EL1's layout when E2H is 1
        alias("TTBR0_EL12", .TTBR0_EL1, .TTBR0_EL2),
        alias("TTBR1_EL12", .TTBR1_EL1, .TTBR1_EL2),
        alias("TCR_EL12", .TCR_EL1, .TCR_EL2),
        alias("ESR_EL12", .ESR_EL1, .ESR_EL2),
        alias("AFSR0_EL12", .AFSR0_EL1, .AFSR0_EL2),
        alias("AFSR1_EL12", .AFSR1_EL1, .AFSR1_EL2),
        alias("FAR_EL12", .FAR_EL1, .FAR_EL2),
        alias("MAIR_EL12", .MAIR_EL1, .MAIR_EL2),
        alias("VBAR_EL12", .VBAR_EL1, .VBAR_EL2),
        alias("CONTEXTIDR_EL12", .CONTEXTIDR_EL1, .CONTEXTIDR_EL2),
        alias("AMAIR_EL12", .AMAIR_EL1, .AMAIR_EL2),
        alias("CNTKCTL_EL12", .CNTKCTL_EL1, .CNTHCTL_EL2),  // CNTHCTL_EL2 takes CNTKCTL_EL1's layout
        alias("ELR_EL12", .ELR_EL1, .ELR_EL2),
        alias("SPSR_EL12", .SPSR_EL1, .SPSR_EL2),
        // The EL0 timers: with E2H, the host's CNTP_*_EL0/CNTV_*_EL0 reach the EL2 physical and
        // virtual timers (Arm ARM D12 "The Generic Timer", CNTHP_*_EL2 and CNTHV_*_EL2 pages).
        alias("CNTP_CTL_EL02", .CNTP_CTL_EL0, .CNTHP_CTL_EL2),
        alias("CNTP_CVAL_EL02", .CNTP_CVAL_EL0, .CNTHP_CVAL_EL2),
        alias("CNTP_TVAL_EL02", .CNTP_TVAL_EL0, .CNTHP_TVAL_EL2),
        alias("CNTV_CTL_EL02", .CNTV_CTL_EL0, .CNTHV_CTL_EL2),
        alias("CNTV_CVAL_EL02", .CNTV_CVAL_EL0, .CNTHV_CVAL_EL2),
        alias("CNTV_TVAL_EL02", .CNTV_TVAL_EL0, .CNTHV_TVAL_EL2),
        // Later extensions, each the same rule (Arm ARM pages of the alias; tools/sysreg Mapping).
        alias("SCTLR2_EL12", .SCTLR2_EL1, .SCTLR2_EL2),  // FEAT_SCTLR2
        alias("TCR2_EL12", .TCR2_EL1, .TCR2_EL2),  // FEAT_TCR2
        alias("MAIR2_EL12", .MAIR2_EL1, .MAIR2_EL2),  // FEAT_AIE
        alias("AMAIR2_EL12", .AMAIR2_EL1, .AMAIR2_EL2),  // FEAT_AIE
        alias("PIR_EL12", .PIR_EL1, .PIR_EL2),  // FEAT_S1PIE
        alias("PIRE0_EL12", .PIRE0_EL1, .PIRE0_EL2),  // FEAT_S1PIE
        alias("POR_EL12", .POR_EL1, .POR_EL2),  // FEAT_S1POE
        alias("PFAR_EL12", .PFAR_EL1, .PFAR_EL2),  // FEAT_PFAR
        alias("ZCR_EL12", .ZCR_EL1, .ZCR_EL2),  // FEAT_SVE
        alias("SMCR_EL12", .SMCR_EL1, .SMCR_EL2),  // FEAT_SME
        alias("TRFCR_EL12", .TRFCR_EL1, .TRFCR_EL2),  // FEAT_TRF
        alias("TRCITECR_EL12", .TRCITECR_EL1, .TRCITECR_EL2),  // FEAT_ITE
        alias("PMSCR_EL12", .PMSCR_EL1, .PMSCR_EL2),  // FEAT_SPE
        alias("PMBSR_EL12", .PMBSR_EL1, .PMBSR_EL2),  // FEAT_SPE_EXC
        alias("TRBSR_EL12", .TRBSR_EL1, .TRBSR_EL2),  // FEAT_TRBE_EXC
        alias("BRBCR_EL12", .BRBCR_EL1, .BRBCR_EL2),  // FEAT_BRBE
        alias("SPMACCESSR_EL12", .SPMACCESSR_EL1, .SPMACCESSR_EL2),  // FEAT_SPMU
        alias("GCSCR_EL12", .GCSCR_EL1, .GCSCR_EL2),  // FEAT_GCS
        alias("GCSPR_EL12", .GCSPR_EL1, .GCSPR_EL2),  // FEAT_GCS
        alias("TFSR_EL12", .TFSR_EL1, .TFSR_EL2),  // FEAT_MTE2
        alias("SCXTNUM_EL12", .SCXTNUM_EL1, .SCXTNUM_EL2),  // FEAT_CSV2_2
        alias("MPAM1_EL12", .MPAM1_EL1, .MPAM2_EL2),  // FEAT_MPAM: MPAM1_EL1 at EL2 reaches MPAM2_EL2
        alias("MPAMBW1_EL12", .MPAMBW1_EL1, .MPAMBW2_EL2),  // FEAT_MPAM_PE_BW_CTRL, likewise
        alias("SCTLRMASK_EL12", .SCTLRMASK_EL1, .SCTLRMASK_EL2),  // FEAT_SRMASK
        alias("SCTLR2MASK_EL12", .SCTLR2MASK_EL1, .SCTLR2MASK_EL2),  // FEAT_SRMASK
        alias("ACTLRMASK_EL12", .ACTLRMASK_EL1, .ACTLRMASK_EL2),  // FEAT_SRMASK
        alias("CPACRMASK_EL12", .CPACRMASK_EL1, .CPTRMASK_EL2),  // FEAT_SRMASK
        alias("TCRMASK_EL12", .TCRMASK_EL1, .TCRMASK_EL2),  // FEAT_SRMASK
        alias("TCR2MASK_EL12", .TCR2MASK_EL1, .TCR2MASK_EL2),  // FEAT_SRMASK
    ]

    /// Aliases LLVM's table names that the simulated CPU does not implement, and why: an
    /// encoding here is UNDEFINED and its register is not redirected.
    public static let notImplemented: [String: String] = [
        // The seed (Linux 4.17, Armv8.1 VHE) defers ACTLR_EL1 through its own encoding: in that
        // era ACTLR_EL1 had no EL12 alias and E2H did not redirect it (DOMAIN.md). The architecture
        // has since added ACTLR_EL12 (the kernel's arch/arm64/tools/sysreg, LLVM 21); the
        // simulated CPU is a processing element of the seed's era in this respect.
        "ACTLR_EL12": "the seed's era has no ACTLR_EL12: ACTLR_EL1 is not redirected by E2H"
    ]

    /// The alias named `name`, or `nil`.
    public static func alias(named name: String) -> Alias? { aliasesByName[name] }

    /// The alias of the EL1 or EL0 `register`, or `nil` when E2H leaves it alone.
    public static func alias(of register: PhysicalRegister) -> Alias? { aliasesByRegister[register] }

    private static let aliasesByName = Dictionary(uniqueKeysWithValues: aliases.map { ($0.name, $0) })
    private static let aliasesByRegister = Dictionary(uniqueKeysWithValues: aliases.map { ($0.register, $0) })

    private static func alias(_ name: String, _ register: PhysicalRegister, _ target: PhysicalRegister) -> Alias {
        Alias(name: name, register: register, redirectedTo: target)
    }
}

/// The host's own state on a CPU: what the host kernel and host userspace must find unchanged
/// whatever a guest or the hypervisor does, written by hand from the kernel's use of them.
public enum HostState {
    /// Registers whose E2H pair the host kernel rewrites on every exception or reprograms per
    /// vcpu, so their values are not the host's to keep: the exception syndrome and return state
    /// (ESR, FAR, PFAR, AFSR0/1, ELR, SPSR; status of the profiling and trace buffers), CPACR
    /// (KVM sets CPTR_EL2's traps per vcpu), the FP/SVE/SME controls (switched with the FP state),
    /// and the timers' TVAL (a view of CVAL minus the count).
    public static let notKept: Set<String> = [
        "ESR_EL1", "FAR_EL1", "PFAR_EL1", "AFSR0_EL1", "AFSR1_EL1", "ELR_EL1", "SPSR_EL1", "PMBSR_EL1", "TRBSR_EL1",
        "TFSR_EL1", "CPACR_EL1", "CPACRMASK_EL1", "ZCR_EL1", "SMCR_EL1", "CNTP_TVAL_EL0", "CNTV_TVAL_EL0",
    ]

    /// The registers the host kernel keeps as its own on a CPU, named as the kernel names them
    /// (it executes their EL1/EL0 encodings, which E2H sends to the EL2 registers on a VHE host):
    /// every register E2H redirects that is not in ``notKept`` (its translation regime, vectors,
    /// timers, …), SP_EL0 (`current`) and MDSCR_EL1 (its debug control); without E2H also
    /// TPIDR_EL1 (its per-CPU offset; a VHE kernel keeps that in TPIDR_EL2).
    public static func kernelRegisters(e2h: Bool) -> [PhysicalRegister] {
        let redirected = E2HRules.aliases.map(\.register).filter { !notKept.contains($0.name) }
        return redirected + [.SP_EL0, .MDSCR_EL1] + (e2h ? [] : [.TPIDR_EL1])
    }

    /// The EL0 registers Linux keeps per thread for host userspace, and whether EL0 can write
    /// them: TPIDR_EL0 (the thread pointer), TPIDRRO_EL0 (read-only at EL0; the kernel writes it)
    /// and TPIDR2_EL0 (SME's thread pointer).
    public static let userspaceRegisters: [(register: PhysicalRegister, writableAtEL0: Bool)] = [
        (.TPIDR_EL0, true), (.TPIDRRO_EL0, false), (.TPIDR2_EL0, true),
    ]
}
