/// The system-register interface of one physical CPU, as hypervisor code at EL2 sees it.
///
/// A real AArch64 backend implements it with MRS and MSR; a simulator implements it in memory.
/// Generated accessors and save/restore routines are generic over the conforming type, so a
/// call through this protocol costs what the implementation costs and nothing more.
public protocol SystemRegisterCPU {
    /// Executes `MRS` on the register that `encoding` reaches at EL2.
    func read(_ encoding: SystemRegisterEncoding) -> UInt64
    /// Executes `MSR` on the register that `encoding` reaches at EL2.
    func write(_ encoding: SystemRegisterEncoding, _ value: UInt64)
}

extension SystemRegisterCPU {
    /// Executes `MRS` on the register whose ``SystemRegisterEncoding/packedID`` is `packedID`.
    ///
    /// The generated `save` and `restore` name each register's encoding by this literal rather
    /// than by its static member (`.SCTLR_EL12`): the compiler pays a member lookup and a call
    /// per named encoding, which took half of those routines' compile time at 10,000 registers
    /// (docs/benchmarks.md, part 19). An optimized client folds the literal into the access.
    @inlinable
    public func read(packedID: UInt16) -> UInt64 {
        read(SystemRegisterEncoding(packedID: packedID))
    }

    /// Executes `MSR` on the register whose ``SystemRegisterEncoding/packedID`` is `packedID`,
    /// as ``read(packedID:)`` reads it.
    @inlinable
    public func write(packedID: UInt16, _ value: UInt64) {
        write(SystemRegisterEncoding(packedID: packedID), value)
    }
}

/// How the host kernel runs, which decides which encodings reach the guest's EL1 registers.
public enum HostMode: Sendable, Hashable, CaseIterable {
    /// Virtualization Host Extensions: the host kernel runs at EL2 with HCR_EL2.E2H = 1, so EL1
    /// encodings of redirected registers reach EL2 registers and `*_EL12` aliases reach EL1.
    case vhe
    /// The host kernel runs at EL1 and only the hypervisor at EL2 (E2H = 0): EL1 encodings reach
    /// EL1 registers and `*_EL12` aliases are UNDEFINED.
    case nvhe
}
