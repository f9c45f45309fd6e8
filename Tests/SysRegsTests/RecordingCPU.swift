import SysRegGenKit
import SysRegRuntime
import SysRegSimulator
import SysRegs

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
        // One encoding can have two names (DBGDTRRX_EL0 read, DBGDTRTX_EL0 written): take the first.
        let byEncoding = Dictionary(names.map { ($0.value, $0.key) }, uniquingKeysWith: min)
        return log.map { "\($0.isWrite ? "MSR" : "MRS") \(byEncoding[$0.encoding] ?? $0.encoding.genericName)" }
    }
}

/// Encodings by Arm ARM name: every register and alias of the simulated CPU's architecture
/// (SysRegSimulator's table from LLVM with the hand-written E2H rules), independent of
/// registers.yaml, so any register the file adds is named here too.
let armNames: [String: SystemRegisterEncoding] = Dictionary(
    DecodeTable.rows.flatMap { [($0.name, $0.encoding), ($0.writeName, $0.encoding)] },
    uniquingKeysWith: { first, _ in first })

/// The name of the encoding the generated code must switch `register` through, by the
/// architecture: on a VHE host its `*_EL12`/`*_EL02` alias when E2H redirects it, otherwise its
/// own. MPIDR_EL1 goes through VMPIDR_EL2, as the seed's __sysreg_save_el1_state does.
func switchedName(of register: SysReg, vhe: Bool) -> String {
    let name = "\(register)"
    if name == "MPIDR_EL1" { return "VMPIDR_EL2" }
    guard vhe, let physical = PhysicalRegister(name: name), let alias = E2HRules.alias(of: physical) else {
        return name
    }
    return alias.name
}

/// ``switchedName(of:vhe:)`` of each register of `group`, in file order.
func switchedNames(_ group: SysRegGroup, vhe: Bool) -> [String] {
    group.registers.map { switchedName(of: $0, vhe: vhe) }
}

extension Array where Element: Equatable {
    /// True when `other`'s elements appear in this array in the same order, perhaps with others
    /// between them: the seed's registers stay in order when registers are added.
    func containsInOrder(_ other: [Element]) -> Bool {
        var remaining = other[...]
        for element in self where element == remaining.first { remaining = remaining.dropFirst() }
        return remaining.isEmpty
    }
}
