/// A set of system registers that a generated module enumerates, one case per register.
public protocol SystemRegisterIdentifier: CaseIterable, Hashable, Sendable {
    /// The register's position in ``allCases``, used to index a ``CPUContext``.
    var index: Int { get }
}

/// The memory copy of a CPU's system registers: a guest's or the host's saved state, as the
/// kernel's `struct kvm_cpu_context`.
public struct CPUContext<Register: SystemRegisterIdentifier>: Sendable, Equatable {
    /// One value per register, at the register's ``SystemRegisterIdentifier/index``.
    @usableFromInline
    var values: [UInt64]

    /// A context in which every register holds 0.
    public init() {
        values = Array(repeating: 0, count: Register.allCases.count)
    }

    /// The saved value of `register`.
    @inlinable
    public subscript(register: Register) -> UInt64 {
        get { values[register.index] }
        set { values[register.index] = newValue }
    }
}

/// A virtual CPU's system-register state and where its live values are.
public struct VCPU<Register: SystemRegisterIdentifier>: Sendable {
    /// The guest's registers in memory; authoritative for a register unless it is deferred and
    /// ``sysregsLoadedOnCPU`` is true.
    public var context: CPUContext<Register>
    /// True between vcpu load and vcpu put on a VHE host: the deferred registers' live values
    /// are on the CPU, not in ``context`` (the kernel's `sysregs_loaded_on_cpu`).
    public var sysregsLoadedOnCPU: Bool
    /// True when the guest's EL1 runs in AArch32; groups conditional on it are switched only then.
    public var el1IsAArch32: Bool

    /// A vcpu whose registers are all 0 in memory and not loaded on any CPU.
    public init(el1IsAArch32: Bool = false) {
        context = CPUContext()
        sysregsLoadedOnCPU = false
        self.el1IsAArch32 = el1IsAArch32
    }
}
