// The vcpu life cycle as types: a vcpu in memory, a physical CPU with its host mode, and a vcpu
// loaded on one CPU. Loading consumes both and putting gives both back, so a vcpu is used either
// in memory or on the one CPU it is loaded on, and a CPU has at most one vcpu loaded.

/// One physical CPU as the host sees it: the CPU and how the host kernel runs on it, fixed when
/// it is created (the kernel decides `has_vhe()` once at boot).
///
/// Not copyable: loading a vcpu consumes it and putting the vcpu gives it back, so at most one
/// vcpu is loaded on a CPU at a time.
public struct HostCPU<CPU: SystemRegisterCPU>: ~Copyable {
    /// The CPU's system-register interface.
    public let cpu: CPU
    /// How the host kernel runs: decides which encodings every routine on this CPU uses.
    public let mode: HostMode

    /// The CPU `cpu`, on which the host kernel runs in `mode`.
    @inlinable
    public init(_ cpu: CPU, mode: HostMode) {
        self.cpu = cpu
        self.mode = mode
    }
}

/// A virtual CPU's system registers while it is not loaded: every value is in memory.
///
/// Not copyable, so no stale copy of the memory state survives the generated `load(on:)`. The
/// accessors here read and write ``context``; a loaded vcpu's are on ``LoadedVCPU``.
public struct VCPU<Register: SystemRegisterIdentifier>: ~Copyable, Sendable {
    /// The guest's registers in memory (the kernel's `vcpu->arch.ctxt`).
    public var context: CPUContext<Register>
    /// True when the guest's EL1 runs in AArch32; groups conditional on it are switched only then.
    public var el1IsAArch32: Bool

    /// A vcpu whose registers are all 0 in memory.
    @inlinable
    public init(el1IsAArch32: Bool = false) {
        context = CPUContext()
        self.el1IsAArch32 = el1IsAArch32
    }

    /// A vcpu with the registers of `context` (a restored snapshot, say).
    @inlinable
    public init(context: CPUContext<Register>, el1IsAArch32: Bool = false) {
        self.context = context
        self.el1IsAArch32 = el1IsAArch32
    }
}

/// A vcpu loaded on one CPU, between the kernel's `kvm_vcpu_load_sysregs` (`VCPU.load(on:)`)
/// and `kvm_vcpu_put_sysregs` (`put()`); both are generated.
///
/// It owns the vcpu and the ``HostCPU``, so its accessors and its entry and exit routines can
/// only reach the CPU it is loaded on, in the mode it was loaded in. The loaded state
/// (``sysregsLoadedOnCPU``) is the library's: set by the load, cleared by the put.
///
/// ``vcpu``, ``host``, ``hostState``, ``init(vcpu:host:hostState:)`` and ``unbind()`` are for the
/// generated code only: they are public because that code is compiled into the module of the
/// package that generates it, not into this one. Hand-written code uses the accessors.
public struct LoadedVCPU<Register: SystemRegisterIdentifier, CPU: SystemRegisterCPU>: ~Copyable {
    /// The vcpu; its memory copy of a deferred register is stale while ``sysregsLoadedOnCPU``.
    public var vcpu: VCPU<Register>
    /// The CPU it is loaded on.
    public let host: HostCPU<CPU>
    /// The host's own values of the registers the guest's replace on this CPU (the kernel's
    /// per-CPU `host_data->host_ctxt`): saved at load or entry, restored at exit or put.
    public var hostState: CPUContext<Register>
    /// The kernel's `sysregs_loaded_on_cpu`: true on a VHE host, where the deferred registers'
    /// live values are on the CPU until the put; false without VHE, where nothing stays loaded
    /// and every value is in memory.
    public let sysregsLoadedOnCPU: Bool

    /// Binds `vcpu` to `host`; only the generated load creates one, after moving the registers.
    @inlinable
    public init(vcpu: consuming VCPU<Register>, host: consuming HostCPU<CPU>, hostState: CPUContext<Register>) {
        sysregsLoadedOnCPU = host.mode == .vhe
        self.vcpu = vcpu
        self.host = host
        self.hostState = hostState
    }

    /// The CPU the vcpu is loaded on.
    @inlinable
    public var cpu: CPU { host.cpu }
    /// The host mode the vcpu was loaded in.
    @inlinable
    public var mode: HostMode { host.mode }
    /// True when the guest's EL1 runs in AArch32; fixed while loaded.
    @inlinable
    public var el1IsAArch32: Bool { vcpu.el1IsAArch32 }
    /// The host's values saved on this CPU while the vcpu is loaded (the kernel's `host_ctxt`).
    @inlinable
    public var hostContext: CPUContext<Register> { hostState }

    /// Ends the binding; only the generated put calls it, after moving the registers back.
    @inlinable
    public consuming func unbind() -> UnloadedVCPU<Register, CPU> {
        UnloadedVCPU(vcpu: vcpu, host: host)
    }
}

/// What the generated `LoadedVCPU.put()` gives back: the vcpu, its registers all in memory
/// again, and the CPU, free for another vcpu (`let vcpu = unloaded.vcpu`, `let host = unloaded.host`).
@frozen
public struct UnloadedVCPU<Register: SystemRegisterIdentifier, CPU: SystemRegisterCPU>: ~Copyable {
    /// The vcpu, not loaded.
    public var vcpu: VCPU<Register>
    /// The CPU it was loaded on.
    public var host: HostCPU<CPU>

    /// Pairs the put vcpu with its CPU.
    @inlinable
    package init(vcpu: consuming VCPU<Register>, host: consuming HostCPU<CPU>) {
        self.vcpu = vcpu
        self.host = host
    }
}

/// Reading and writing a vcpu's registers by name, in memory (``VCPU``) or wherever their live
/// values are (``LoadedVCPU``): the kernel's `vcpu_read_sys_reg` and `vcpu_write_sys_reg`.
///
/// Generated accessors that build on these (the AArch32 views) are written once for both; calls
/// are resolved at compile time, never through an existential.
public protocol SystemRegisterAccess<Register>: ~Copyable {
    /// The register set.
    associatedtype Register: SystemRegisterIdentifier
    /// The guest's current value of `register`.
    func read(_ register: Register) -> UInt64
    /// Sets the guest's value of `register`.
    mutating func write(_ register: Register, _ value: UInt64)
}

extension VCPU: SystemRegisterAccess {
    /// The guest's value of `register`: in memory, since nothing is loaded.
    @inlinable
    public func read(_ register: Register) -> UInt64 {
        context[register]
    }

    /// Sets the guest's value of `register` in memory.
    @inlinable
    public mutating func write(_ register: Register, _ value: UInt64) {
        context[register] = value
    }
}
