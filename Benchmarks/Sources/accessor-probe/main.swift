// accessor-probe: one fixed workload per run, for instruction counts under callgrind, plus the
// cross-check of the three accessors and the simulator's access counts.
//
//     accessor-probe read|write generated|switch|table loaded|unloaded <calls> [seed]
//     accessor-probe empty <calls> [seed]
//     accessor-probe lifecycle load+put|entry+exit vhe|nvhe <times>
//     accessor-probe verify
//     accessor-probe accesses
//
// Instructions per call are the difference of two runs' totals divided by the difference of
// their call counts, which cancels start-up and the registers' set-up.
import AccessorBaselines
import Foundation
import SysRegRuntime
import SysRegSimulator
import SysRegs

let usage = """
    usage: accessor-probe read|write generated|switch|table loaded|unloaded <calls> [seed]
           accessor-probe empty <calls> [seed]
           accessor-probe lifecycle load+put|entry+exit vhe|nvhe <times>
           accessor-probe verify | accesses

    """

/// Prints `message` and the usage to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("accessor-probe: \(message)\n\(usage)".utf8))
    exit(2)
}

/// A memory copy of a vcpu's registers holding distinct values.
func makeContext() -> CPUContext<SysReg> {
    var context = CPUContext<SysReg>()
    for register in SysReg.allCases { context[register] = 0x1000 + UInt64(register.index) }
    return context
}

/// Checks that the three accessors read and write the same places for every register, loaded
/// and not, so the benchmarks compare equivalent code: the value read, the value read back after
/// a write, and the CPU's word at the register's live encoding.
func verify() {
    for loaded in [false, true] {
        for register in SysReg.allCases {
            var results: [String: [UInt64]] = [:]
            for kind in AccessorKind.allCases {
                let cpu = ArrayCPU()
                let context = makeContext()
                let read = withAccessors(
                    kind, context: context, loaded: loaded, el1IsAArch32: false, cpu: cpu,
                    ReadLoop(registers: [register], calls: 1))
                let cpuForWrite = ArrayCPU()
                let readBack = withAccessors(
                    kind, context: context, loaded: loaded, el1IsAArch32: false, cpu: cpuForWrite,
                    WriteLoop(registers: [register], calls: 1))
                let live = register.el12 ?? register.encoding
                results[kind.rawValue] = [read, readBack, cpu.read(live), cpuForWrite.read(live)]
            }
            let first = results["generated"]!
            for (kind, result) in results where result != first {
                fail("\(kind) differs from generated for \(register) (loaded: \(loaded))")
            }
        }
    }
    print("verify: the generated, switch and table accessors agree on all \(SysReg.allCases.count) registers")
}

/// Prints the MRS and MSR count of each life-cycle operation on the simulated CPU.
func accesses() {
    print("| operation | VHE | nVHE |")
    print("| --- | --- | --- |")
    for (name, aarch32) in [("AArch64 EL1", false), ("AArch32 EL1", true)] {
        var row: [Int] = []
        for mode in [HostMode.vhe, .nvhe] {
            let cpu = SimulatedCPU(mode: mode)
            var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32).load(on: HostCPU(cpu, mode: mode))
            cpu.clearRecord()
            vcpu.enterGuest()
            vcpu.exitGuest()
            precondition(cpu.undefinedAccesses.isEmpty)
            row.append(cpu.record.count)
        }
        print("| guest entry + exit, \(name) | \(row[0]) | \(row[1]) |")
    }
    for operation in ["load", "put"] {
        var row: [Int] = []
        for mode in [HostMode.vhe, .nvhe] {
            let cpu = SimulatedCPU(mode: mode)
            if operation == "load" {
                _ = VCPU<SysReg>().load(on: HostCPU(cpu, mode: mode))
            } else {
                let loaded = VCPU<SysReg>().load(on: HostCPU(cpu, mode: mode))
                cpu.clearRecord()
                _ = loaded.put()
            }
            precondition(cpu.undefinedAccesses.isEmpty)
            row.append(cpu.record.count)
        }
        print("| vcpu \(operation) | \(row[0]) | \(row[1]) |")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("missing a command") }
/// The number argument at `index` (or `value` when absent), or the usage.
@MainActor
func number(_ index: Int, default value: Int? = nil) -> Int {
    if index >= arguments.count, let value { return value }
    guard index < arguments.count, let number = Int(arguments[index]), number >= 0 else {
        fail("expected a number as argument \(index)")
    }
    return number
}
switch command {
case "read", "write":
    guard arguments.count >= 4, let kind = AccessorKind(rawValue: arguments[1]),
        ["loaded", "unloaded"].contains(arguments[2])
    else { fail("bad arguments") }
    let registers = registerSequence(count: 4096, seed: UInt64(number(5, default: 42)))
    let (loaded, calls, cpu, aarch32) = (arguments[2] == "loaded", number(3), ArrayCPU(), guestEL1IsAArch32())
    if command == "read" {
        print(
            withAccessors(
                kind, context: makeContext(), loaded: loaded, el1IsAArch32: aarch32, cpu: cpu,
                ReadLoop(registers: registers, calls: calls)))
    } else {
        print(
            withAccessors(
                kind, context: makeContext(), loaded: loaded, el1IsAArch32: aarch32, cpu: cpu,
                WriteLoop(registers: registers, calls: calls)))
    }
case "empty":
    let registers = registerSequence(count: 4096, seed: UInt64(number(2, default: 42)))
    print(emptyLoop(registers: registers, calls: number(1)))
case "lifecycle":
    guard arguments.count == 4, let operation = LifeCycleOperation(rawValue: arguments[1]),
        let mode = ["vhe": HostMode.vhe, "nvhe": .nvhe][arguments[2]]
    else { fail("bad arguments") }
    let vcpu = lifeCycleLoop(
        operation, mode: mode, vcpu: VCPU(context: makeContext()), cpu: ArrayCPU(), times: number(3))
    print(vcpu.context[.SCTLR_EL1])
case "verify":
    verify()
case "accesses":
    accesses()
default:
    fail("unknown command '\(command)'")
}
