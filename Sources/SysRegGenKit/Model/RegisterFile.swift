import SysRegRuntime

/// A value read from the input together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// Where it starts in the input.
    public var location: SourceLocation

    /// Pairs `value` with `location`.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

/// The validated contents of `registers.yaml`: the single source of truth for every output.
public struct RegisterFile: Sendable {
    /// The file it was read from, as the user named it.
    public var path: String
    /// The save/restore groups, in declaration order.
    public var groups: [Group]
    /// The registers that take part in the vcpu's context (those with a `class` and a
    /// `group`), in declaration order: what accessors, save/restore and load/put cover.
    public var registers: [Register]
    /// Every entry of the `registers` list, in file order: each register, whether or not it is
    /// in the context, with its fields, and each shared field layout.
    public var entries: [FileEntry] = [] {
        didSet { descriptions = Self.descriptions(of: entries) }
    }
    /// Every register the file describes, in file order. Kept with ``entries`` rather than
    /// computed on each use: the views read it several times, and at 10,000 registers each
    /// computation was a copy of every register's description.
    public private(set) var descriptions: [RegisterDescription] = []

    /// The file read from `path`, with its groups, its context's registers and its entries.
    public init(path: String, groups: [Group], registers: [Register], entries: [FileEntry] = []) {
        self.path = path
        self.groups = groups
        self.registers = registers
        self.entries = entries
        descriptions = Self.descriptions(of: entries)
    }

    private static func descriptions(of entries: [FileEntry]) -> [RegisterDescription] {
        entries.compactMap { if case .register(let description) = $0 { description } else { nil } }
    }
}

/// A save/restore group: the registers one kernel `__sysreg_save_*_state` routine moves.
public struct Group: Sendable {
    /// Its name, a Swift identifier (`el1`).
    public var name: Located<String>
    /// When it is switched.
    public var switched: Located<SwitchPoint>
    /// True when a VHE host uses these registers too, so its values are saved before the
    /// guest's are restored and restored after the guest's are saved.
    public var sharedWithHost: Bool
    /// A condition for switching it at all, if any.
    public var condition: Located<GroupCondition>?
    /// A one-line description.
    public var doc: Located<String>?
}

/// An AArch32 register that is a view of (part of) an AArch64 register.
public struct AArch32Counterpart: Sendable {
    /// Its AArch32 name (`SCTLR`).
    public var name: Located<String>
    /// Its coprocessor encoding.
    public var encoding: Located<CoprocessorEncoding>
    /// Which part of the 64-bit register it is.
    public var part: Located<RegisterPart>
}

/// A register that is not itself in the file, named so generated code can refer to it.
public struct NamedEncoding: Sendable {
    /// Its Arm ARM name (`VMPIDR_EL2`).
    public var name: Located<String>
    /// Its encoding.
    public var encoding: Located<SystemRegisterEncoding>
}

/// One AArch64 system register.
public struct Register: Sendable {
    /// The Arm ARM name (`SCTLR_EL1`).
    public var name: Located<String>
    /// Its own encoding.
    public var encoding: Located<SystemRegisterEncoding>
    /// The `*_EL12`/`*_EL02` alias that reaches it from EL2 under VHE, if E2H redirects it.
    public var el12: Located<SystemRegisterEncoding>?
    /// Deferred or immediate.
    public var registerClass: Located<RegisterClass>
    /// The group that saves and restores it.
    public var group: Located<String>
    /// The register save and restore move it through when not its own (the guest's MPIDR_EL1
    /// lives in VMPIDR_EL2).
    public var via: NamedEncoding?
    /// Its AArch32 views.
    public var aarch32: [AArch32Counterpart]
    /// A one-line description.
    public var doc: Located<String>?
    /// Its fields, if described.
    public var fields: FieldSource? = nil
    /// Its value out of reset, if defined.
    public var reset: Located<UInt64>? = nil

    /// The name of the EL12 alias: `SCTLR_EL1` → `SCTLR_EL12`, `CNTV_CTL_EL0` → `CNTV_CTL_EL02`.
    public var el12Name: String { Self.el12Name(of: name.value) }

    /// The name of the EL12 alias of the register `name`.
    public static func el12Name(of name: String) -> String { name + "2" }

    /// How hypervisor code at EL2 reaches the guest's value of this register on the CPU: every
    /// output that touches the CPU (accessors, save and restore, in Swift and in C) follows it.
    public var hardwareAccess: HardwareAccess {
        if let via { .via(via) } else if let el12 { .el12Alias(el12.value) } else { .own }
    }
}

/// Where the guest's value of a register lives on the CPU, as seen from EL2.
public enum HardwareAccess: Sendable {
    /// In another register, the same with or without VHE (MPIDR_EL1 in VMPIDR_EL2).
    case via(NamedEncoding)
    /// In the register itself, reached through its `*_EL12` alias (this encoding) under VHE and
    /// its own encoding without.
    case el12Alias(SystemRegisterEncoding)
    /// In the register itself, through its own encoding: E2H does not redirect it.
    case own
}
