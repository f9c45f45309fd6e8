import SysRegRuntime
import SysRegs

// The loops both the ordo-one benchmarks and accessor-probe (under callgrind) run, so the time
// and the instruction counts in docs/benchmarks.md measure the same code. Each accessor kind has
// its own loop, so no per-call dispatch on the kind is measured.

/// The accessor implementations the benchmarks compare.
public enum AccessorKind: String, CaseIterable, Sendable {
    /// `VCPU.read`/`write` from `Generated/Accessors.swift`.
    case generated
    /// ``SysRegs/VCPU/handWrittenRead(_:on:)`` and ``SysRegs/VCPU/handWrittenWrite(_:_:on:)``.
    case handWrittenSwitch = "switch"
    /// ``SysRegs/VCPU/tableRead(_:on:)`` and ``SysRegs/VCPU/tableWrite(_:_:on:)``.
    case table
}

/// The registers the accessor loops visit: `count` (a power of two) registers of the shipped
/// file drawn from a seed only known at run time, so the compiler can neither fold the register
/// nor predict the switch.
public func registerSequence(count: Int, seed: UInt64) -> [SysReg] {
    precondition(count > 0 && count & (count - 1) == 0, "count must be a power of two")
    var state = seed
    return (0..<count).map { _ in
        // SplitMix64's step, inlined: the sequence only has to be fixed for a seed.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return SysReg.allCases[Int((z ^ (z >> 31)) % UInt64(SysReg.allCases.count))]
    }
}

/// Reads `calls` registers of `registers` (cycling; its count a power of two) through `kind`'s
/// accessor and returns the sum of the values, which the caller must consume.
@inlinable
public func readLoop(
    _ kind: AccessorKind, vcpu: VCPU<SysReg>, cpu: ArrayCPU, registers: [SysReg], calls: Int
) -> UInt64 {
    let mask = registers.count - 1
    var sum: UInt64 = 0
    switch kind {
    case .generated:
        for call in 0..<calls { sum &+= vcpu.read(registers[call & mask], on: cpu) }
    case .handWrittenSwitch:
        for call in 0..<calls { sum &+= vcpu.handWrittenRead(registers[call & mask], on: cpu) }
    case .table:
        for call in 0..<calls { sum &+= vcpu.tableRead(registers[call & mask], on: cpu) }
    }
    return sum
}

/// Writes the call's number to `calls` registers of `registers` (cycling) through `kind`'s
/// accessor.
@inlinable
public func writeLoop(
    _ kind: AccessorKind, vcpu: inout VCPU<SysReg>, cpu: ArrayCPU, registers: [SysReg], calls: Int
) {
    let mask = registers.count - 1
    switch kind {
    case .generated:
        for call in 0..<calls { vcpu.write(registers[call & mask], UInt64(call), on: cpu) }
    case .handWrittenSwitch:
        for call in 0..<calls { vcpu.handWrittenWrite(registers[call & mask], UInt64(call), on: cpu) }
    case .table:
        for call in 0..<calls { vcpu.tableWrite(registers[call & mask], UInt64(call), on: cpu) }
    }
}

/// The loop of ``readLoop(_:vcpu:cpu:registers:calls:)`` without the accessor: what every
/// accessor loop pays besides the call, subtracted in the report's net figures.
@inlinable
public func emptyLoop(registers: [SysReg], calls: Int) -> UInt64 {
    let mask = registers.count - 1
    var sum: UInt64 = 0
    for call in 0..<calls { sum &+= UInt64(registers[call & mask].rawValue) }
    return sum
}

/// The vcpu life-cycle operations the benchmarks time.
public enum LifeCycleOperation: String, CaseIterable, Sendable {
    /// `load` then `put`.
    case loadPut = "load+put"
    /// `enterGuest` then `exitGuest`.
    case roundTrip = "entry+exit"
}

/// Runs `operation` `times` times on `cpu` in `mode`.
@inlinable
public func lifeCycleLoop<CPU: SystemRegisterCPU>(
    _ operation: LifeCycleOperation, mode: HostMode, vcpu: inout VCPU<SysReg>, host: inout CPUContext<SysReg>,
    cpu: CPU, times: Int
) {
    switch operation {
    case .loadPut:
        for _ in 0..<times {
            vcpu.load(on: cpu, host: &host, mode: mode)
            vcpu.put(on: cpu, host: &host, mode: mode)
        }
    case .roundTrip:
        for _ in 0..<times {
            vcpu.enterGuest(on: cpu, host: &host, mode: mode)
            vcpu.exitGuest(on: cpu, host: &host, mode: mode)
        }
    }
}
