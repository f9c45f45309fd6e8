/// Where a register's live value is while its vcpu is loaded on a VHE host, for each execution
/// state of the guest's EL1: the encoding that reaches it from EL2, or none (the value is in
/// memory).
///
/// One `UInt32`, so that the generated switch choosing a register's is a switch over integer
/// constants, which the compiler turns into a table lookup rather than a jump table (an
/// indirect branch the CPU mispredicts when registers come in random order): the
/// ``SystemRegisterEncoding/packedID`` used for an AArch64 EL1 in bits [15:0] and for an
/// AArch32 EL1 in bits [31:16]. A half is 0 when the value is in memory: no register has packed
/// id 0, since MRS and MSR only reach registers with op0 2 or 3 (bit 15 set).
@frozen
public struct LiveEncodings: Hashable, Sendable {
    /// The two packed ids: AArch32 EL1's in bits [31:16], AArch64 EL1's in bits [15:0].
    public let bits: UInt32

    /// The live encodings packed in `bits`, as ``bits`` describes them.
    @inlinable
    public init(bits: UInt32) {
        self.bits = bits
    }

    /// The live encodings of a register reached through `encoding` for an AArch64 EL1 and for
    /// an AArch32 EL1 (`nil`: in memory for that state).
    @inlinable
    public init(aarch64EL1: SystemRegisterEncoding?, aarch32EL1: SystemRegisterEncoding?) {
        bits = UInt32(aarch32EL1?.packedID ?? 0) &<< 16 | UInt32(aarch64EL1?.packedID ?? 0)
    }

    /// A register whose value is always in memory.
    @inlinable
    public static var inMemory: Self { Self(bits: 0) }

    /// The encoding that reaches the live value for a guest whose EL1 is AArch32 or not, or
    /// `nil` when the value is in memory. Chooses the half by a shift, not a branch.
    @inlinable
    public func encoding(el1IsAArch32: Bool) -> SystemRegisterEncoding? {
        let packedID = UInt16(truncatingIfNeeded: bits &>> (el1IsAArch32 ? 16 : 0))
        return packedID == 0 ? nil : SystemRegisterEncoding(packedID: packedID)
    }
}
