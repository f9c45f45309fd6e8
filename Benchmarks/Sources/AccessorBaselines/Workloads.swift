import Foundation
import SysRegRuntime
import SysRegs

// The loops both the ordo-one benchmarks and accessor-probe (under callgrind) run, so the time
// and the instruction counts in docs/benchmarks.md measure the same code. Each accessor kind has
// its own loop, so no per-call dispatch on the kind is measured.

/// The accessor implementations the benchmarks compare.
public enum AccessorKind: String, CaseIterable, Sendable {
    /// `LoadedVCPU.read`/`write` from `Generated/LoadedVCPU+Accessors.swift` (loaded), `VCPU.read`/`write` (not).
    case generated
    /// ``HandWrittenVCPU/handWrittenRead(_:on:)`` and ``HandWrittenVCPU/handWrittenWrite(_:_:on:)``.
    case handWrittenSwitch = "switch"
    /// ``HandWrittenVCPU/tableRead(_:on:)`` and ``HandWrittenVCPU/tableWrite(_:_:on:)``.
    case table
}

/// The guest's EL1 state for the accessor loops: AArch64 unless the environment variable
/// `ACCESSOR_EL1` is `aarch32`. Read at run time, so the optimizer cannot fold it.
public func guestEL1IsAArch32() -> Bool {
    getenv("ACCESSOR_EL1").map { String(cString: $0) } == "aarch32"
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

/// The hand-written switch as a ``SystemRegisterAccess``, so the loops are the same code for all.
public struct SwitchAccess: SystemRegisterAccess {
    @usableFromInline var vcpu: HandWrittenVCPU
    @usableFromInline let cpu: ArrayCPU

    /// The hand-written accessors of `vcpu` on `cpu`.
    @inlinable
    public init(_ vcpu: HandWrittenVCPU, on cpu: ArrayCPU) {
        self.vcpu = vcpu
        self.cpu = cpu
    }

    /// ``HandWrittenVCPU/handWrittenRead(_:on:)``.
    @inlinable
    public func read(_ register: SysReg) -> UInt64 { vcpu.handWrittenRead(register, on: cpu) }

    /// ``HandWrittenVCPU/handWrittenWrite(_:_:on:)``.
    @inlinable
    public mutating func write(_ register: SysReg, _ value: UInt64) { vcpu.handWrittenWrite(register, value, on: cpu) }
}

/// The table-driven accessors as a ``SystemRegisterAccess``.
public struct TableAccess: SystemRegisterAccess {
    @usableFromInline var vcpu: HandWrittenVCPU
    @usableFromInline let cpu: ArrayCPU

    /// The table-driven accessors of `vcpu` on `cpu`.
    @inlinable
    public init(_ vcpu: HandWrittenVCPU, on cpu: ArrayCPU) {
        self.vcpu = vcpu
        self.cpu = cpu
    }

    /// ``HandWrittenVCPU/tableRead(_:on:)``.
    @inlinable
    public func read(_ register: SysReg) -> UInt64 { vcpu.tableRead(register, on: cpu) }

    /// ``HandWrittenVCPU/tableWrite(_:_:on:)``.
    @inlinable
    public mutating func write(_ register: SysReg, _ value: UInt64) { vcpu.tableWrite(register, value, on: cpu) }
}

/// Reads `calls` registers of `registers` (cycling; its count a power of two) through `vcpu`'s
/// accessor and returns the sum of the values, which the caller must consume.
@inlinable
public func readLoop(
    _ vcpu: borrowing some SystemRegisterAccess<SysReg> & ~Copyable, registers: [SysReg], calls: Int
) -> UInt64 {
    let mask = registers.count - 1
    var sum: UInt64 = 0
    for call in 0..<calls { sum &+= vcpu.read(registers[call & mask]) }
    return sum
}

/// Writes the call's number to `calls` registers of `registers` (cycling) through `vcpu`'s accessor.
@inlinable
public func writeLoop(
    _ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable, registers: [SysReg], calls: Int
) {
    let mask = registers.count - 1
    for call in 0..<calls { vcpu.write(registers[call & mask], UInt64(call)) }
}

/// Runs `body` with `kind`'s accessors of a vcpu whose memory holds `context`, loaded on `cpu`
/// (a VHE host) or not: the generated ``LoadedVCPU`` or ``VCPU``, or a hand-written one. When
/// loaded, every kind starts from the CPU state of the generated load.
///
/// `el1IsAArch32` is the generated vcpu's EL1 state (the hand-written ones model an AArch64
/// EL1 only). Callers pass a value known only at run time, as a hypervisor's vcpu state is:
/// a literal would let the optimizer fold the state into the accessor and merge its switch
/// with the memory read's (docs/benchmarks.md, part 8).
@inlinable
public func withAccessors<Result>(
    _ kind: AccessorKind, context: CPUContext<SysReg>, loaded: Bool, el1IsAArch32: Bool, cpu: ArrayCPU,
    _ body: some AccessorBody<Result>
) -> Result {
    switch (kind, loaded) {
    case (.generated, true):
        var vcpu = VCPU(context: context, el1IsAArch32: el1IsAArch32).load(on: HostCPU(cpu, mode: .vhe))
        return body.run(&vcpu)
    case (.generated, false):
        var vcpu = VCPU(context: context, el1IsAArch32: el1IsAArch32)
        return body.run(&vcpu)
    case (.handWrittenSwitch, _):
        if loaded { _ = VCPU(context: context).load(on: HostCPU(cpu, mode: .vhe)) }
        var vcpu = SwitchAccess(HandWrittenVCPU(context: context, loaded: loaded), on: cpu)
        return body.run(&vcpu)
    case (.table, _):
        if loaded { _ = VCPU(context: context).load(on: HostCPU(cpu, mode: .vhe)) }
        var vcpu = TableAccess(HandWrittenVCPU(context: context, loaded: loaded), on: cpu)
        return body.run(&vcpu)
    }
}

/// What ``withAccessors(_:context:loaded:el1IsAArch32:cpu:_:)`` runs: a closure generic over the accessors.
public protocol AccessorBody<Result> {
    /// The result.
    associatedtype Result
    /// Runs on `vcpu`'s accessors.
    func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable) -> Result
}

/// ``readLoop(_:registers:calls:)`` as an ``AccessorBody``.
public struct ReadLoop: AccessorBody {
    public let registers: [SysReg]
    public let calls: Int

    /// Reads `calls` of `registers`.
    @inlinable
    public init(registers: [SysReg], calls: Int) {
        self.registers = registers
        self.calls = calls
    }

    /// The sum of the values read.
    @inlinable
    public func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable) -> UInt64 {
        readLoop(vcpu, registers: registers, calls: calls)
    }
}

/// ``writeLoop(_:registers:calls:)`` as an ``AccessorBody``, returning the first register's value
/// afterwards, read through the same accessor.
public struct WriteLoop: AccessorBody {
    public let registers: [SysReg]
    public let calls: Int

    /// Writes `calls` of `registers`.
    @inlinable
    public init(registers: [SysReg], calls: Int) {
        self.registers = registers
        self.calls = calls
    }

    /// The first register's value after the writes.
    @inlinable
    public func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable) -> UInt64 {
        writeLoop(&vcpu, registers: registers, calls: calls)
        return vcpu.read(registers[0])
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

/// Runs `operation` `times` times with `vcpu` on `cpu` in `mode`; returns the vcpu, put.
@inlinable
public func lifeCycleLoop<CPU: SystemRegisterCPU>(
    _ operation: LifeCycleOperation, mode: HostMode, vcpu: consuming VCPU<SysReg>, cpu: CPU, times: Int
) -> VCPU<SysReg> {
    var host = HostCPU(cpu, mode: mode)
    switch operation {
    case .loadPut:
        for _ in 0..<times {
            let unloaded = vcpu.load(on: host).put()
            vcpu = unloaded.vcpu
            host = unloaded.host
        }
        return vcpu
    case .roundTrip:
        var loaded = vcpu.load(on: host)
        for _ in 0..<times {
            loaded.enterGuest()
            loaded.exitGuest()
        }
        return loaded.put().vcpu
    }
}
