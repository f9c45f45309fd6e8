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

/// How the host kernel runs, which decides which encodings reach the guest's EL1 registers.
public enum HostMode: Sendable, Hashable, CaseIterable {
    /// Virtualization Host Extensions: the host kernel runs at EL2 with HCR_EL2.E2H = 1, so EL1
    /// encodings of redirected registers reach EL2 registers and `*_EL12` aliases reach EL1.
    case vhe
    /// The host kernel runs at EL1 and only the hypervisor at EL2 (E2H = 0): EL1 encodings reach
    /// EL1 registers and `*_EL12` aliases are UNDEFINED.
    case nvhe
}
