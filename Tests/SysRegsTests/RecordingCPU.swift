import SysRegGenKit
import SysRegRuntime

/// A CPU that keeps every register in a dictionary and records every access in order.
///
/// It decodes nothing: an encoding is just a key. What an encoding reaches on real hardware is
/// the simulator's business (SysRegSimulator); here the tests check which encodings the
/// generated code uses, in which order, with which values.
final class RecordingCPU: SystemRegisterCPU {
    /// One MRS or MSR.
    struct Access: Equatable, CustomStringConvertible {
        var isWrite: Bool
        var encoding: SystemRegisterEncoding
        var value: UInt64
        var description: String { "\(isWrite ? "MSR" : "MRS") \(encoding.genericName) = \(value)" }
    }

    var registers: [SystemRegisterEncoding: UInt64] = [:]
    var log: [Access] = []

    func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
        let value = registers[encoding, default: 0]
        log.append(Access(isWrite: false, encoding: encoding, value: value))
        return value
    }

    func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {
        registers[encoding] = value
        log.append(Access(isWrite: true, encoding: encoding, value: value))
    }

    /// The log as `MRS name` / `MSR name` lines, naming encodings through `names`.
    func trace(_ names: [String: SystemRegisterEncoding] = armNames) -> [String] {
        let byEncoding = Dictionary(uniqueKeysWithValues: names.map { ($0.value, $0.key) })
        return log.map { "\($0.isWrite ? "MSR" : "MRS") \(byEncoding[$0.encoding] ?? $0.encoding.genericName)" }
    }
}

/// Encodings by Arm ARM name, written here from the kernel's arch/arm64/include/asm/sysreg.h
/// and arch/arm64/tools/sysreg (and checked with llvm-objdump), independently of registers.yaml.
let armNames: [String: SystemRegisterEncoding] = [
    "CSSELR_EL1": "S3_2_C0_C0_0", "SCTLR_EL1": "S3_0_C1_C0_0", "SCTLR_EL12": "S3_5_C1_C0_0",
    "ACTLR_EL1": "S3_0_C1_C0_1", "CPACR_EL1": "S3_0_C1_C0_2", "CPACR_EL12": "S3_5_C1_C0_2",
    "TTBR0_EL1": "S3_0_C2_C0_0", "TTBR0_EL12": "S3_5_C2_C0_0", "TTBR1_EL1": "S3_0_C2_C0_1",
    "TTBR1_EL12": "S3_5_C2_C0_1", "TCR_EL1": "S3_0_C2_C0_2", "TCR_EL12": "S3_5_C2_C0_2",
    "ESR_EL1": "S3_0_C5_C2_0", "ESR_EL12": "S3_5_C5_C2_0", "AFSR0_EL1": "S3_0_C5_C1_0",
    "AFSR0_EL12": "S3_5_C5_C1_0", "AFSR1_EL1": "S3_0_C5_C1_1", "AFSR1_EL12": "S3_5_C5_C1_1",
    "FAR_EL1": "S3_0_C6_C0_0", "FAR_EL12": "S3_5_C6_C0_0", "MAIR_EL1": "S3_0_C10_C2_0",
    "MAIR_EL12": "S3_5_C10_C2_0", "VBAR_EL1": "S3_0_C12_C0_0", "VBAR_EL12": "S3_5_C12_C0_0",
    "CONTEXTIDR_EL1": "S3_0_C13_C0_1", "CONTEXTIDR_EL12": "S3_5_C13_C0_1", "TPIDR_EL0": "S3_3_C13_C0_2",
    "TPIDRRO_EL0": "S3_3_C13_C0_3", "TPIDR_EL1": "S3_0_C13_C0_4", "AMAIR_EL1": "S3_0_C10_C3_0",
    "AMAIR_EL12": "S3_5_C10_C3_0", "CNTKCTL_EL1": "S3_0_C14_C1_0", "CNTKCTL_EL12": "S3_5_C14_C1_0",
    "PAR_EL1": "S3_0_C7_C4_0", "MPIDR_EL1": "S3_0_C0_C0_5", "VMPIDR_EL2": "S3_4_C0_C0_5",
    "SP_EL1": "S3_4_C4_C1_0", "ELR_EL1": "S3_0_C4_C0_1", "ELR_EL12": "S3_5_C4_C0_1",
    "SPSR_EL1": "S3_0_C4_C0_0", "SPSR_EL12": "S3_5_C4_C0_0", "MDSCR_EL1": "S2_0_C0_C2_2",
    "SP_EL0": "S3_0_C4_C1_0", "ELR_EL2": "S3_4_C4_C0_1", "SPSR_EL2": "S3_4_C4_C0_0",
    "DACR32_EL2": "S3_4_C3_C0_0", "IFSR32_EL2": "S3_4_C5_C0_1", "DBGVCR32_EL2": "S2_4_C0_C7_0",
    "FPEXC32_EL2": "S3_4_C5_C3_0",
].mapValues { SystemRegisterEncoding(genericName: $0)! }
