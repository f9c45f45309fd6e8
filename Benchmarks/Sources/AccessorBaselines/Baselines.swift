import SysRegRuntime
import SysRegs

// The two alternatives to the generated accessors that docs/benchmarks.md compares them with,
// written by hand for the shipped registers.yaml. Both are generic over the CPU and inlinable,
// as the generated ones are, so the three differ only in how they find the encoding.

/// The kernel's `sys_reg(op0, op1, crn, crm, op2)`: how hand-written code names an encoding.
@inlinable
public func sysReg(_ op0: UInt8, _ op1: UInt8, _ crn: UInt8, _ crm: UInt8, _ op2: UInt8) -> SystemRegisterEncoding {
    SystemRegisterEncoding(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2)
}

/// The state the hand-written accessors run on: the vcpu's memory copy and whether its registers
/// are loaded, as the kernel keeps them (`vcpu->arch.ctxt`, `sysregs_loaded_on_cpu`), before
/// SysRegGen put the life cycle into types.
public struct HandWrittenVCPU: Sendable {
    /// The registers in memory.
    public var context: CPUContext<SysReg>
    /// True between load and put on a VHE host.
    public var sysregsLoadedOnCPU: Bool

    /// A vcpu with the registers of `context`, loaded or not.
    @inlinable
    public init(context: CPUContext<SysReg>, loaded: Bool) {
        self.context = context
        sysregsLoadedOnCPU = loaded
    }
}

extension HandWrittenVCPU {
    /// `vcpu_read_sys_reg` as a kernel developer writes it: one case per deferred register with
    /// its live encoding spelled out (the EL12 alias when E2H redirects it).
    @inlinable
    public func handWrittenRead<CPU: SystemRegisterCPU>(_ register: SysReg, on cpu: CPU) -> UInt64 {
        if sysregsLoadedOnCPU {
            switch register {
            case .CSSELR_EL1: return cpu.read(sysReg(3, 2, 0, 0, 0))
            case .SCTLR_EL1: return cpu.read(sysReg(3, 5, 1, 0, 0))
            case .ACTLR_EL1: return cpu.read(sysReg(3, 0, 1, 0, 1))
            case .CPACR_EL1: return cpu.read(sysReg(3, 5, 1, 0, 2))
            case .TTBR0_EL1: return cpu.read(sysReg(3, 5, 2, 0, 0))
            case .TTBR1_EL1: return cpu.read(sysReg(3, 5, 2, 0, 1))
            case .TCR_EL1: return cpu.read(sysReg(3, 5, 2, 0, 2))
            case .ESR_EL1: return cpu.read(sysReg(3, 5, 5, 2, 0))
            case .AFSR0_EL1: return cpu.read(sysReg(3, 5, 5, 1, 0))
            case .AFSR1_EL1: return cpu.read(sysReg(3, 5, 5, 1, 1))
            case .FAR_EL1: return cpu.read(sysReg(3, 5, 6, 0, 0))
            case .MAIR_EL1: return cpu.read(sysReg(3, 5, 10, 2, 0))
            case .VBAR_EL1: return cpu.read(sysReg(3, 5, 12, 0, 0))
            case .CONTEXTIDR_EL1: return cpu.read(sysReg(3, 5, 13, 0, 1))
            case .TPIDR_EL0: return cpu.read(sysReg(3, 3, 13, 0, 2))
            case .TPIDRRO_EL0: return cpu.read(sysReg(3, 3, 13, 0, 3))
            case .TPIDR_EL1: return cpu.read(sysReg(3, 0, 13, 0, 4))
            case .AMAIR_EL1: return cpu.read(sysReg(3, 5, 10, 3, 0))
            case .CNTKCTL_EL1: return cpu.read(sysReg(3, 5, 14, 1, 0))
            case .PAR_EL1: return cpu.read(sysReg(3, 0, 7, 4, 0))
            case .SP_EL1: return cpu.read(sysReg(3, 4, 4, 1, 0))
            case .ELR_EL1: return cpu.read(sysReg(3, 5, 4, 0, 1))
            case .SPSR_EL1: return cpu.read(sysReg(3, 5, 4, 0, 0))
            default: break
            }
        }
        return context[register]
    }

    /// `vcpu_write_sys_reg` as a kernel developer writes it; see ``handWrittenRead(_:on:)``.
    @inlinable
    public mutating func handWrittenWrite<CPU: SystemRegisterCPU>(_ register: SysReg, _ value: UInt64, on cpu: CPU) {
        if sysregsLoadedOnCPU {
            switch register {
            case .CSSELR_EL1: return cpu.write(sysReg(3, 2, 0, 0, 0), value)
            case .SCTLR_EL1: return cpu.write(sysReg(3, 5, 1, 0, 0), value)
            case .ACTLR_EL1: return cpu.write(sysReg(3, 0, 1, 0, 1), value)
            case .CPACR_EL1: return cpu.write(sysReg(3, 5, 1, 0, 2), value)
            case .TTBR0_EL1: return cpu.write(sysReg(3, 5, 2, 0, 0), value)
            case .TTBR1_EL1: return cpu.write(sysReg(3, 5, 2, 0, 1), value)
            case .TCR_EL1: return cpu.write(sysReg(3, 5, 2, 0, 2), value)
            case .ESR_EL1: return cpu.write(sysReg(3, 5, 5, 2, 0), value)
            case .AFSR0_EL1: return cpu.write(sysReg(3, 5, 5, 1, 0), value)
            case .AFSR1_EL1: return cpu.write(sysReg(3, 5, 5, 1, 1), value)
            case .FAR_EL1: return cpu.write(sysReg(3, 5, 6, 0, 0), value)
            case .MAIR_EL1: return cpu.write(sysReg(3, 5, 10, 2, 0), value)
            case .VBAR_EL1: return cpu.write(sysReg(3, 5, 12, 0, 0), value)
            case .CONTEXTIDR_EL1: return cpu.write(sysReg(3, 5, 13, 0, 1), value)
            case .TPIDR_EL0: return cpu.write(sysReg(3, 3, 13, 0, 2), value)
            case .TPIDRRO_EL0: return cpu.write(sysReg(3, 3, 13, 0, 3), value)
            case .TPIDR_EL1: return cpu.write(sysReg(3, 0, 13, 0, 4), value)
            case .AMAIR_EL1: return cpu.write(sysReg(3, 5, 10, 3, 0), value)
            case .CNTKCTL_EL1: return cpu.write(sysReg(3, 5, 14, 1, 0), value)
            case .PAR_EL1: return cpu.write(sysReg(3, 0, 7, 4, 0), value)
            case .SP_EL1: return cpu.write(sysReg(3, 4, 4, 1, 0), value)
            case .ELR_EL1: return cpu.write(sysReg(3, 5, 4, 0, 1), value)
            case .SPSR_EL1: return cpu.write(sysReg(3, 5, 4, 0, 0), value)
            default: break
            }
        }
        context[register] = value
    }

    /// The table-driven alternative: one lookup in ``AccessTable`` instead of a switch.
    @inlinable
    public func tableRead<CPU: SystemRegisterCPU>(_ register: SysReg, on cpu: CPU) -> UInt64 {
        if sysregsLoadedOnCPU, let live = AccessTable.entries[register.index].live {
            return cpu.read(live)
        }
        return context[register]
    }

    /// The table-driven alternative of ``handWrittenWrite(_:_:on:)``.
    @inlinable
    public mutating func tableWrite<CPU: SystemRegisterCPU>(_ register: SysReg, _ value: UInt64, on cpu: CPU) {
        if sysregsLoadedOnCPU, let live = AccessTable.entries[register.index].live {
            return cpu.write(live, value)
        }
        context[register] = value
    }
}

/// The table a table-driven accessor consults: per register, in `SysReg` order, where its live
/// value is while the vcpu is loaded.
public enum AccessTable {
    /// One row of the table.
    public struct Entry: Sendable {
        /// The encoding that reaches the live value while loaded; `nil` for an immediate
        /// register, whose value is always in memory.
        public let live: SystemRegisterEncoding?

        /// A row.
        @inlinable
        public init(live: SystemRegisterEncoding?) {
            self.live = live
        }
    }

    /// The rows, indexed by ``SystemRegisterIdentifier/index``.
    public static let entries: [Entry] = [
        Entry(live: sysReg(3, 2, 0, 0, 0)),  // CSSELR_EL1
        Entry(live: sysReg(3, 5, 1, 0, 0)),  // SCTLR_EL1
        Entry(live: sysReg(3, 0, 1, 0, 1)),  // ACTLR_EL1
        Entry(live: sysReg(3, 5, 1, 0, 2)),  // CPACR_EL1
        Entry(live: sysReg(3, 5, 2, 0, 0)),  // TTBR0_EL1
        Entry(live: sysReg(3, 5, 2, 0, 1)),  // TTBR1_EL1
        Entry(live: sysReg(3, 5, 2, 0, 2)),  // TCR_EL1
        Entry(live: sysReg(3, 5, 5, 2, 0)),  // ESR_EL1
        Entry(live: sysReg(3, 5, 5, 1, 0)),  // AFSR0_EL1
        Entry(live: sysReg(3, 5, 5, 1, 1)),  // AFSR1_EL1
        Entry(live: sysReg(3, 5, 6, 0, 0)),  // FAR_EL1
        Entry(live: sysReg(3, 5, 10, 2, 0)),  // MAIR_EL1
        Entry(live: sysReg(3, 5, 12, 0, 0)),  // VBAR_EL1
        Entry(live: sysReg(3, 5, 13, 0, 1)),  // CONTEXTIDR_EL1
        Entry(live: sysReg(3, 3, 13, 0, 2)),  // TPIDR_EL0
        Entry(live: sysReg(3, 3, 13, 0, 3)),  // TPIDRRO_EL0
        Entry(live: sysReg(3, 0, 13, 0, 4)),  // TPIDR_EL1
        Entry(live: sysReg(3, 5, 10, 3, 0)),  // AMAIR_EL1
        Entry(live: sysReg(3, 5, 14, 1, 0)),  // CNTKCTL_EL1
        Entry(live: sysReg(3, 0, 7, 4, 0)),  // PAR_EL1
        Entry(live: nil),  // MPIDR_EL1, immediate
        Entry(live: sysReg(3, 4, 4, 1, 0)),  // SP_EL1
        Entry(live: sysReg(3, 5, 4, 0, 1)),  // ELR_EL1
        Entry(live: sysReg(3, 5, 4, 0, 0)),  // SPSR_EL1
        Entry(live: nil),  // MDSCR_EL1, immediate
        Entry(live: nil),  // SP_EL0, immediate
        Entry(live: nil),  // ELR_EL2, immediate
        Entry(live: nil),  // SPSR_EL2, immediate
        Entry(live: nil),  // DACR32_EL2, immediate
        Entry(live: nil),  // IFSR32_EL2, immediate
        Entry(live: nil),  // DBGVCR32_EL2, immediate
        Entry(live: nil),  // FPEXC32_EL2, immediate
    ]
}
