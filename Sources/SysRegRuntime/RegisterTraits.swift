// Properties of registers and groups that the register file declares and generated code exposes.

/// When a group's registers move between the vcpu's memory and the CPU.
public enum SwitchPoint: String, Sendable, Hashable, CaseIterable {
    /// On every guest entry and exit.
    case entryExit = "entry-exit"
    /// At vcpu load and vcpu put on a VHE host (on every entry and exit without VHE).
    case loadPut = "load-put"
}

/// A condition that must hold for a group to be switched at all.
public enum GroupCondition: String, Sendable, Hashable, CaseIterable {
    /// The vcpu's EL1 runs in AArch32.
    case aarch32EL1 = "aarch32-el1"
}

/// Whether an accessor may find a register's live value on the CPU.
public enum RegisterClass: String, Sendable, Hashable, CaseIterable {
    /// Loaded at vcpu load and saved at vcpu put on VHE: while loaded, the CPU holds the value.
    case deferred
    /// Always read and written in memory, even while the vcpu is loaded.
    case immediate
}

/// Which part of a 64-bit register an AArch32 register is.
public enum RegisterPart: String, Sendable, Hashable, CaseIterable {
    /// Bits [31:0].
    case low
    /// Bits [63:32].
    case high
    /// All 64 bits, through the 64-bit MRRC/MCRR form.
    case all
}

extension RegisterPart {
    /// This part of the 64-bit `value`: bits [31:0], bits [63:32] moved down to [31:0], or all of it.
    @inlinable
    public func extract(from value: UInt64) -> UInt64 {
        switch self {
        case .low: value & 0xFFFF_FFFF
        case .high: value &>> 32
        case .all: value
        }
    }

    /// `whole` with this half replaced by the 32-bit `word` and the other half kept, or `nil`
    /// for ``all``, which a 32-bit access (MCR) cannot write.
    @inlinable
    public func inserting(_ word: UInt32, into whole: UInt64) -> UInt64? {
        switch self {
        case .low: whole & 0xFFFF_FFFF_0000_0000 | UInt64(word)
        case .high: whole & 0xFFFF_FFFF | UInt64(word) &<< 32
        case .all: nil
        }
    }
}
