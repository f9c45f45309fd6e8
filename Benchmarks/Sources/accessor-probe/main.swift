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

/// A vcpu whose memory copy holds distinct values, loaded or not.
func makeVCPU(loaded: Bool) -> VCPU<SysReg> {
    var vcpu = VCPU<SysReg>()
    for register in SysReg.allCases { vcpu.context[register] = 0x1000 + UInt64(register.index) }
    vcpu.sysregsLoadedOnCPU = loaded
    return vcpu
}

/// Checks that the three accessors read and write the same places for every register, loaded
/// and not, so the benchmarks compare equivalent code.
func verify() {
    for loaded in [false, true] {
        for register in SysReg.allCases {
            var results: [String: (UInt64, [UInt64], UInt64)] = [:]
            for kind in AccessorKind.allCases {
                let cpu = ArrayCPU()
                var vcpu = makeVCPU(loaded: loaded)
                let read = readLoop(kind, vcpu: vcpu, cpu: cpu, registers: [register], calls: 1)
                writeLoop(kind, vcpu: &vcpu, cpu: cpu, registers: [register], calls: 1)
                let live = register.el12 ?? register.encoding
                results[kind.rawValue] = (read, vcpu.context.values, cpu.read(live))
            }
            let first = results["generated"]!
            for (kind, result) in results where result != first {
                fail("\(kind) differs from generated for \(register) (loaded: \(loaded))")
            }
        }
    }
    print("verify: the generated, switch and table accessors agree on all \(SysReg.allCases.count) registers")
}

extension CPUContext where Register == SysReg {
    /// The values in register order, for comparing contexts in ``verify()``.
    fileprivate var values: [UInt64] { SysReg.allCases.map { self[$0] } }
}

/// Prints the MRS and MSR count of each life-cycle operation on the simulated CPU.
func accesses() {
    print("| operation | VHE | nVHE |")
    print("| --- | --- | --- |")
    for (name, aarch32) in [("AArch64 EL1", false), ("AArch32 EL1", true)] {
        var row: [Int] = []
        for mode in [HostMode.vhe, .nvhe] {
            let cpu = SimulatedCPU(mode: mode)
            var host = CPUContext<SysReg>()
            var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32)
            vcpu.load(on: cpu, host: &host, mode: mode)
            cpu.clearRecord()
            vcpu.enterGuest(on: cpu, host: &host, mode: mode)
            vcpu.exitGuest(on: cpu, host: &host, mode: mode)
            precondition(cpu.undefinedAccesses.isEmpty)
            row.append(cpu.record.count)
        }
        print("| guest entry + exit, \(name) | \(row[0]) | \(row[1]) |")
    }
    for operation in ["load", "put"] {
        var row: [Int] = []
        for mode in [HostMode.vhe, .nvhe] {
            let cpu = SimulatedCPU(mode: mode)
            var host = CPUContext<SysReg>()
            var vcpu = VCPU<SysReg>()
            if operation == "put" { vcpu.load(on: cpu, host: &host, mode: mode) }
            cpu.clearRecord()
            if operation == "load" {
                vcpu.load(on: cpu, host: &host, mode: mode)
            } else {
                vcpu.put(on: cpu, host: &host, mode: mode)
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
    var vcpu = makeVCPU(loaded: arguments[2] == "loaded")
    let cpu = ArrayCPU()
    if command == "read" {
        print(readLoop(kind, vcpu: vcpu, cpu: cpu, registers: registers, calls: number(3)))
    } else {
        writeLoop(kind, vcpu: &vcpu, cpu: cpu, registers: registers, calls: number(3))
        print(vcpu.context[.SCTLR_EL1])
    }
case "empty":
    let registers = registerSequence(count: 4096, seed: UInt64(number(2, default: 42)))
    print(emptyLoop(registers: registers, calls: number(1)))
case "lifecycle":
    guard arguments.count == 4, let operation = LifeCycleOperation(rawValue: arguments[1]),
        let mode = ["vhe": HostMode.vhe, "nvhe": .nvhe][arguments[2]]
    else { fail("bad arguments") }
    var vcpu = makeVCPU(loaded: false)
    var host = CPUContext<SysReg>()
    let cpu = ArrayCPU()
    lifeCycleLoop(operation, mode: mode, vcpu: &vcpu, host: &host, cpu: cpu, times: number(3))
    print(vcpu.context[.SCTLR_EL1] &+ host[.SP_EL0])
case "verify":
    verify()
case "accesses":
    accesses()
default:
    fail("unknown command '\(command)'")
}
