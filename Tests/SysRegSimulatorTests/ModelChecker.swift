// The model-based checker: random vcpu life cycles on simulated CPUs, driven by the generated
// SysRegs code and compared after every step with a reference model that keeps every register in
// memory. The unit tests and the mutation harness (MutationTests.swift) both compile this file,
// so it imports no test framework.

import SysRegRuntime
import SysRegSimulator
import SysRegs

/// SplitMix64: a small seeded generator, so a sequence is reproducible from its seed alone.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How a guest observes one register, decided from the simulator's architecture, not the YAML.
enum GuestView: Equatable {
    /// MRS (and MSR when `writable`) of `encoding` at EL1.
    case system(SystemRegisterEncoding, writable: Bool)
    /// Processing-element state the guest changes by running rather than by MSR.
    case state(PhysicalRegister)
    /// The guest cannot observe it.
    case hidden

    /// State held in EL2-only registers: SP_EL1 is the stack pointer at EL1h; ELR_EL2 and
    /// SPSR_EL2 are the PC and PSTATE the guest resumes at on ERET and leaves at on exit.
    private static let runningState: Set<String> = ["SP_EL1", "ELR_EL2", "SPSR_EL2"]
    /// An AArch32 EL1's DACR, IFSR, FPEXC and DBGVCR, which AArch64 keeps in these registers
    /// (Arm ARM, "AArch32 System register descriptions"); an AArch64 guest has no such state, and
    /// nothing done for it may touch them.
    static let aarch32State: Set<PhysicalRegister> = [.DACR32_EL2, .IFSR32_EL2, .FPEXC32_EL2, .DBGVCR32_EL2]

    /// The view of the register named `name` for a guest whose EL1 is AArch32 or not; `nil` for
    /// a register the simulator does not know. An AArch32 EL1's cp15 registers are
    /// architecturally mapped onto the AArch64 ones, so its guest reads those encodings too.
    static func of(_ name: String, aarch32: Bool) -> GuestView? {
        guard let register = PhysicalRegister(name: name) else { return nil }
        if runningState.contains(name) { return .state(register) }
        if aarch32State.contains(register) { return aarch32 ? .state(register) : .hidden }
        switch DecodeTable.reach(register.encoding, in: .el1) {
        case .readWrite: return .system(register.encoding, writable: true)
        case .readOnly: return .system(register.encoding, writable: false)
        case .undefined, .writeOnly, .split: return nil
        }
    }

    /// ``of(_:aarch32:)`` for every register, computed once: `[aarch32 ? 1 : 0][register.index]`.
    static let table: [[GuestView?]] = [false, true].map { aarch32 in
        SysReg.allCases.map { of(String(describing: $0), aarch32: aarch32) }
    }
}

/// A guest's write while it runs.
enum GuestWrite: Hashable, Sendable, CustomStringConvertible {
    /// MSR of `value` to the register (or, for running state, the change it makes).
    case system(SysReg, UInt64)
    /// An AArch32 EL1's MCR or MCRR of `value` to the coprocessor register at `encoding`.
    case coprocessor(CoprocessorEncoding, UInt64)

    var description: String {
        switch self {
        case .system(let register, let value): "\(register) = \(hex(value))"
        case .coprocessor(let encoding, let value):
            "\(CoprocessorDecodeTable.row(for: encoding)?.name ?? encoding.text) (\(encoding.text)) = \(hex(value))"
        }
    }
}

/// An AArch32 register as the simulator's architecture defines it, with the register of the
/// reference model it is part of: the hand-written ``CoprocessorDecodeTable``, not the YAML.
struct CoprocessorView {
    var row: CoprocessorRow
    var register: SysReg

    /// Every row whose AArch64 register the register file has.
    static let all: [CoprocessorView] = CoprocessorDecodeTable.rows.compactMap { row in
        ModelRun.registers.first { String(describing: $0) == row.aarch64 }.map {
            CoprocessorView(row: row, register: $0)
        }
    }

    /// The view at `encoding`, or `nil` when the architecture has none there.
    static func at(_ encoding: CoprocessorEncoding) -> CoprocessorView? {
        all.first { $0.row.encoding == encoding }
    }

    /// True when an AArch32 EL1 can write it.
    var isWritable: Bool {
        if case .readWrite = row.el1 { true } else { false }
    }
}

/// One step of a scenario. A step whose precondition does not hold when it is reached (after
/// shrinking removed what set it up) is skipped by the machine and the model alike.
enum Step: Hashable, Sendable, CustomStringConvertible {
    /// Host userspace on `cpu` sets its thread's registers (``HostState/userspaceRegisters``, in
    /// order: at EL0, or through the host kernel for those EL0 cannot write). Needs no vcpu
    /// loaded on `cpu`.
    case userspace(cpu: Int, values: [UInt64])
    /// vcpu load on `cpu`.
    case load(vcpu: Int, cpu: Int)
    /// Guest entry, the guest checks what it sees and writes registers, exit.
    case run(vcpu: Int, writes: [GuestWrite])
    /// The hypervisor reads a register through the generated accessor.
    case hypervisorRead(vcpu: Int, register: SysReg)
    /// The hypervisor writes a register through the generated accessor.
    case hypervisorWrite(vcpu: Int, register: SysReg, value: UInt64)
    /// The hypervisor reads an AArch32 register through the generated 32-bit accessor.
    case hypervisorRead32(vcpu: Int, register: AArch32SysReg)
    /// The hypervisor writes an AArch32 register through the generated 32-bit accessor.
    case hypervisorWrite32(vcpu: Int, register: AArch32SysReg, value: UInt64)
    /// vcpu put.
    case put(vcpu: Int)
    /// Put, then load on another CPU.
    case migrate(vcpu: Int, cpu: Int)
    /// Put the vcpu loaded on `cpu` and load `vcpu` there instead.
    case replace(cpu: Int, vcpu: Int)

    var description: String {
        switch self {
        case .userspace(let cpu, let values):
            "CPU \(cpu) host userspace: "
                + zip(HostState.userspaceRegisters, values).map { "\($0.register.name) = \(hex($1))" }.joined(
                    separator: ", ")
        case .load(let vcpu, let cpu): "vcpu \(vcpu): load on CPU \(cpu)"
        case .run(let vcpu, let writes):
            "vcpu \(vcpu): run, guest writes [\(writes.map(\.description).joined(separator: ", "))]"
        case .hypervisorRead(let vcpu, let register): "vcpu \(vcpu): hypervisor reads \(register)"
        case .hypervisorWrite(let vcpu, let register, let value):
            "vcpu \(vcpu): hypervisor writes \(register) = \(hex(value))"
        case .hypervisorRead32(let vcpu, let register): "vcpu \(vcpu): hypervisor reads AArch32 \(register)"
        case .hypervisorWrite32(let vcpu, let register, let value):
            "vcpu \(vcpu): hypervisor writes AArch32 \(register) = \(hex(value))"
        case .put(let vcpu): "vcpu \(vcpu): put"
        case .migrate(let vcpu, let cpu): "vcpu \(vcpu): migrate to CPU \(cpu)"
        case .replace(let cpu, let vcpu): "CPU \(cpu): put its vcpu, load vcpu \(vcpu)"
        }
    }
}

func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

/// Which vcpu is loaded on which CPU; the machine and the generator share it.
struct Placement {
    private(set) var cpuOf: [Int?]
    private(set) var vcpuOn: [Int?]

    init(vcpus: Int, cpus: Int) {
        cpuOf = Array(repeating: nil, count: vcpus)
        vcpuOn = Array(repeating: nil, count: cpus)
    }

    /// True when `step` may run now.
    func allows(_ step: Step) -> Bool {
        switch step {
        case .userspace(let cpu, _): vcpuOn[cpu] == nil
        case .load(let vcpu, let cpu): cpuOf[vcpu] == nil && vcpuOn[cpu] == nil
        case .run(let vcpu, _), .put(let vcpu): cpuOf[vcpu] != nil
        case .hypervisorRead, .hypervisorRead32: true
        case .hypervisorWrite(let vcpu, let register, _):
            // KVM sets MPIDR_EL1 only at vcpu reset, never while the vcpu is loaded: a write then
            // would be lost when put saves VMPIDR_EL2 over it.
            cpuOf[vcpu] == nil || register != Self.mpidr
        case .hypervisorWrite32(let vcpu, let register, _): cpuOf[vcpu] == nil || register.aarch64 != Self.mpidr
        case .migrate(let vcpu, let cpu): cpuOf[vcpu] != nil && cpuOf[vcpu] != cpu && vcpuOn[cpu] == nil
        case .replace(let cpu, let vcpu): vcpuOn[cpu] != nil && cpuOf[vcpu] == nil
        }
    }

    private static let mpidr = SysReg.allCases.first { String(describing: $0) == "MPIDR_EL1" }

    /// One vcpu put or load.
    enum Move {
        case put(vcpu: Int)
        case load(vcpu: Int, cpu: Int)
    }

    /// The puts and loads of `step`, in order; `step` must be allowed.
    func moves(of step: Step) -> [Move] {
        switch step {
        case .load(let vcpu, let cpu): [.load(vcpu: vcpu, cpu: cpu)]
        case .put(let vcpu): [.put(vcpu: vcpu)]
        case .migrate(let vcpu, let cpu): [.put(vcpu: vcpu), .load(vcpu: vcpu, cpu: cpu)]
        case .replace(let cpu, let vcpu): [.put(vcpu: vcpuOn[cpu]!), .load(vcpu: vcpu, cpu: cpu)]
        case .userspace, .run, .hypervisorRead, .hypervisorWrite, .hypervisorRead32, .hypervisorWrite32: []
        }
    }

    /// Applies `move` to the placement.
    mutating func apply(_ move: Move) {
        switch move {
        case .put(let vcpu):
            if let cpu = cpuOf[vcpu] { vcpuOn[cpu] = nil }
            cpuOf[vcpu] = nil
        case .load(let vcpu, let cpu):
            cpuOf[vcpu] = cpu
            vcpuOn[cpu] = vcpu
        }
    }
}

/// What differed from the reference model, thrown within a step.
struct Mismatch: Error {
    var message: String
}

/// Where the simulated system first differed from the reference model.
struct Divergence: CustomStringConvertible {
    var step: Int
    var message: String

    var description: String { "after step \(step): \(message)" }
}

/// One vcpu of the simulated system: in memory, or loaded on the CPU it is bound to. A class, so
/// that the non-copyable vcpu values can sit in an array of slots.
final class VCPUSlot {
    private enum State: ~Copyable {
        case unloaded(VCPU<SysReg>)
        case loaded(LoadedVCPU<SysReg, SimulatedCPU>)
    }

    private var state: State?

    init(_ vcpu: consuming VCPU<SysReg>) {
        state = .unloaded(vcpu)
    }

    /// Runs `unloaded` on the vcpu in memory or `loaded` on the loaded vcpu, in place.
    private func update<R>(
        unloaded: (inout VCPU<SysReg>) -> R, loaded: (inout LoadedVCPU<SysReg, SimulatedCPU>) -> R
    ) -> R {
        guard let taken = state.take() else { fatalError("a vcpu slot is empty only within an update") }
        switch consume taken {
        case .unloaded(var vcpu):
            let result = unloaded(&vcpu)
            state = .unloaded(vcpu)
            return result
        case .loaded(var vcpu):
            let result = loaded(&vcpu)
            state = .loaded(vcpu)
            return result
        }
    }

    /// The accessor's value of `register`.
    func read(_ register: SysReg) -> UInt64 {
        update(unloaded: { $0.read(register) }, loaded: { $0.read(register) })
    }

    /// The accessor's write of `register`.
    func write(_ register: SysReg, _ value: UInt64) {
        update(unloaded: { $0.write(register, value) }, loaded: { $0.write(register, value) })
    }

    /// The 32-bit accessor's value of `register`.
    func read(_ register: AArch32SysReg) -> UInt64 {
        update(unloaded: { $0.read(register) }, loaded: { $0.read(register) })
    }

    /// The 32-bit accessors' write: MCRR's pair when `pair`, else MCR's 32-bit value; false when refused.
    func write(_ register: AArch32SysReg, _ value: UInt64, pair: Bool) -> Bool {
        let (low, high) = (UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32))
        return pair
            ? update(
                unloaded: { $0.write(register, low: low, high: high) },
                loaded: { $0.write(register, low: low, high: high) })
            : update(unloaded: { $0.write(register, low) }, loaded: { $0.write(register, low) })
    }

    /// Guest entry (`enter`) or exit; false when the vcpu is not loaded.
    func switchGuest(enter: Bool) -> Bool {
        update(
            unloaded: { _ in false },
            loaded: {
                enter ? $0.enterGuest() : $0.exitGuest()
                return true
            })
    }

    /// vcpu load on `host`.
    func load(on host: consuming HostCPU<SimulatedCPU>) {
        guard let taken = state.take() else { fatalError("a vcpu slot is empty only within an update") }
        switch consume taken {
        case .unloaded(let vcpu): state = .loaded(vcpu.load(on: host))
        case .loaded: fatalError("vcpu load of a loaded vcpu")
        }
    }

    /// vcpu put, giving back the CPU.
    func put() -> HostCPU<SimulatedCPU> {
        guard let taken = state.take() else { fatalError("a vcpu slot is empty only within an update") }
        switch consume taken {
        case .loaded(let vcpu):
            let unloaded = vcpu.put()
            state = .unloaded(unloaded.vcpu)
            return unloaded.host
        case .unloaded: fatalError("vcpu put of a vcpu not loaded")
        }
    }
}

/// A physical CPU of the simulated system while no vcpu is loaded on it.
final class CPUSlot {
    var idle: HostCPU<SimulatedCPU>?

    init(_ host: consuming HostCPU<SimulatedCPU>) {
        idle = consume host
    }
}

/// The simulated system (generated code on simulated CPUs) and its reference model, run in step.
struct ModelRun {
    static let vcpuCount = 3
    static let cpuCount = 2
    /// vcpu 2's EL1 is AArch32, so the conditional group is exercised too.
    static let aarch32VCPU = 2
    /// `SysReg.allCases`, built once: the synthesized property allocates on every call.
    static let registers = SysReg.allCases
    /// `AArch32SysReg.allCases`, built once.
    static let aarch32Registers = AArch32SysReg.allCases
    /// The architecture's view at each AArch32 register's encoding, by its raw value, found once.
    static let aarch32Views = aarch32Registers.map { CoprocessorView.at($0.encoding) }

    let mode: HostMode
    private var cpus: [SimulatedCPU]
    private let idleCPUs: [CPUSlot]
    private let vcpus: [VCPUSlot]
    private var placement = Placement(vcpus: vcpuCount, cpus: cpuCount)
    /// The reference: every vcpu register in memory, and each CPU's host userspace values
    /// (``HostState/userspaceRegisters``).
    private var model: [[UInt64]]
    private var userspace: [[UInt64]]
    /// Where the host kernel runs: it writes TPIDRRO_EL0 for userspace and reads its own state.
    private let hostKernel: ExecutionContext
    /// The host kernel state checked after every step (``HostState/kernelRegisters(e2h:)``), and
    /// the register each one's encoding reaches where the host kernel runs, found once. Plain
    /// arrays, not tuples: these are walked after every step.
    private let hostKernelRegisters: [PhysicalRegister]
    private let hostKernelReached: [PhysicalRegister]
    /// Host userspace's registers (``HostState/userspaceRegisters``).
    private static let userspaceRegisters = HostState.userspaceRegisters.map(\.register)
    /// Each CPU's host kernel state, as read at the start; no step changes it.
    private let hostKernelState: [[UInt64]]

    /// The system and model in the initial state `seed` determines.
    init(mode: HostMode, seed: UInt64) {
        self.mode = mode
        hostKernel = mode == .vhe ? .el2(e2h: true) : .el1
        let hostKernel = hostKernel
        let kernel = HostState.kernelRegisters(e2h: mode == .vhe).compactMap { register in
            DecodeTable.reach(register.encoding, in: hostKernel).readRegister.map { (register, $0) }
        }
        hostKernelRegisters = kernel.map(\.0)
        hostKernelReached = kernel.map(\.1)
        var random = SeededGenerator(seed: ~seed)
        cpus = (0..<Self.cpuCount).map { _ in SimulatedCPU(mode: mode) { _ in random.next() } }
        idleCPUs = cpus.map { CPUSlot(HostCPU($0, mode: mode)) }
        model = (0..<Self.vcpuCount).map { _ in Self.registers.map { _ in random.next() } }
        vcpus = model.indices.map { [model] number in
            var vcpu = VCPU<SysReg>(el1IsAArch32: number == Self.aarch32VCPU)
            for register in Self.registers { vcpu.write(register, model[number][register.index]) }
            return VCPUSlot(vcpu)
        }
        userspace = cpus.map { cpu in HostState.userspaceRegisters.map { cpu[$0.register] } }
        hostKernelState = cpus.map { [hostKernelReached] cpu in hostKernelReached.map { cpu[$0] } }
        for cpu in cpus { cpu.clearRecord() }
    }

    /// Runs `steps`, comparing after each; the first divergence, or `nil`.
    static func check(_ steps: [Step], mode: HostMode, seed: UInt64) -> Divergence? {
        var run = ModelRun(mode: mode, seed: seed)
        for (index, step) in steps.enumerated() {
            do {
                try run.perform(step)
                try run.compare(after: step)
            } catch {
                return Divergence(step: index, message: error.message)
            }
        }
        return nil
    }

    private mutating func perform(_ step: Step) throws(Mismatch) {
        guard placement.allows(step) else { return }
        switch step {
        case .userspace(let cpu, let values):
            for ((register, writableAtEL0), value) in zip(HostState.userspaceRegisters, values) {
                cpus[cpu].write(register.encoding, value, in: writableAtEL0 ? .el0 : hostKernel)
            }
            userspace[cpu] = values
        case .run(let vcpu, let writes):
            try Self.leavingAArch32State(of: vcpu, on: cpus[placement.cpuOf[vcpu]!]) { () throws(Mismatch) in
                try run(vcpu, writes: writes)
            }
        case .hypervisorRead(let vcpu, let register):
            let cpu = cpus[placement.cpuOf[vcpu] ?? 0]
            let value = try Self.leavingAArch32State(of: vcpu, on: cpu) { vcpus[vcpu].read(register) }
            try expect(value, model[vcpu][register.index], "the accessor returns vcpu \(vcpu)'s \(register)")
        case .hypervisorWrite(let vcpu, let register, let value):
            let cpu = cpus[placement.cpuOf[vcpu] ?? 0]
            try Self.leavingAArch32State(of: vcpu, on: cpu) { vcpus[vcpu].write(register, value) }
            model[vcpu][register.index] = value
        case .hypervisorRead32(let vcpu, let register):
            let view = try coprocessorView(of: register)
            let cpu = cpus[placement.cpuOf[vcpu] ?? 0]
            let value = try Self.leavingAArch32State(of: vcpu, on: cpu) { vcpus[vcpu].read(register) }
            try expect(
                value, view.row.part.extract(from: model[vcpu][view.register.index]),
                "the 32-bit accessor returns vcpu \(vcpu)'s \(register)")
        case .hypervisorWrite32(let vcpu, let register, let value):
            let view = try coprocessorView(of: register)
            let cpu = cpus[placement.cpuOf[vcpu] ?? 0]
            // A trap handler picks the write by the instruction's form (MCR or MCRR), which the
            // architecture's view gives.
            let pair = view.row.part == .all
            let written = try Self.leavingAArch32State(of: vcpu, on: cpu) {
                vcpus[vcpu].write(register, value, pair: pair)
            }
            try expect(written ? 1 : 0, 1, "the 32-bit accessor writes vcpu \(vcpu)'s \(register)")
            model[vcpu][view.register.index] =
                view.row.part.inserting(
                    UInt32(truncatingIfNeeded: value), into: model[vcpu][view.register.index]) ?? value
        case .load, .put, .migrate, .replace:
            for move in placement.moves(of: step) {
                switch move {
                case .put(let vcpu):
                    let cpu = placement.cpuOf[vcpu]!
                    try Self.leavingAArch32State(of: vcpu, on: cpus[cpu]) { idleCPUs[cpu].idle = vcpus[vcpu].put() }
                case .load(let vcpu, let cpu):
                    try Self.leavingAArch32State(of: vcpu, on: cpus[cpu]) {
                        vcpus[vcpu].load(on: idleCPUs[cpu].idle.take()!)
                    }
                }
                placement.apply(move)
            }
        }
    }

    /// Runs `body` for `vcpu` on `cpu`; for an AArch64 vcpu, fails if it touched a register that
    /// holds only AArch32 state (DACR32_EL2, IFSR32_EL2, DBGVCR32_EL2, FPEXC32_EL2), as the
    /// simulator's record shows.
    private static func leavingAArch32State<T>(
        of vcpu: Int, on cpu: SimulatedCPU, _ body: () throws(Mismatch) -> T
    ) throws(Mismatch) -> T {
        let start = cpu.record.count
        let result = try body()
        guard vcpu != Self.aarch32VCPU else { return result }
        if let access = cpu.record[start...].first(where: { $0.register.map(GuestView.aarch32State.contains) ?? false })
        {
            throw Mismatch(message: "vcpu \(vcpu), whose EL1 is AArch64, touched AArch32 state: \(access)")
        }
        return result
    }

    /// The architecture's definition of the register the file calls `register`, found by its
    /// encoding, so a wrong part or encoding in the file reads or writes the wrong bits.
    private func coprocessorView(of register: AArch32SysReg) throws(Mismatch) -> CoprocessorView {
        guard let view = Self.aarch32Views[register.rawValue] else {
            throw Mismatch(
                message: "the simulated CPU has no AArch32 register at \(register.encoding.text) (\(register))")
        }
        return view
    }

    /// Guest entry; the guest compares everything it can see with the model, then writes; exit.
    private mutating func run(_ vcpu: Int, writes: [GuestWrite]) throws(Mismatch) {
        let index = placement.cpuOf[vcpu]!
        let cpu = cpus[index]
        let aarch32 = vcpu == Self.aarch32VCPU
        guard vcpus[vcpu].switchGuest(enter: true) else { throw Mismatch(message: "vcpu \(vcpu) runs unloaded") }
        for register in Self.registers {
            let seen: UInt64?
            switch try view(of: register, aarch32: aarch32) {
            case .system(let encoding, _): seen = cpu.read(encoding, in: .el1)
            case .state(let physical): seen = cpu[physical]
            case .hidden: continue
            }
            guard let seen else { throw Mismatch(message: "the guest's MRS \(register) is UNDEFINED") }
            try expect(seen, model[vcpu][register.index], "the guest of vcpu \(vcpu) reads \(register)")
        }
        if aarch32 {
            for view in CoprocessorView.all {
                guard let seen = cpu.read(view.row.encoding, in: .el1) else {
                    throw Mismatch(message: "the guest's MRC \(view.row.name) is UNDEFINED")
                }
                try expect(
                    seen, view.row.part.extract(from: model[vcpu][view.register.index]),
                    "the AArch32 guest of vcpu \(vcpu) reads \(view.row.name) (\(view.row.encoding.text))")
            }
        }
        for write in writes {
            switch write {
            case .system(let register, let value):
                switch try view(of: register, aarch32: aarch32) {
                case .system(let encoding, writable: true): cpu.write(encoding, value, in: .el1)
                case .state(let physical): cpu[physical] = value
                case .system, .hidden: continue
                }
                model[vcpu][register.index] = value
            case .coprocessor(let encoding, let value):
                guard aarch32, let view = CoprocessorView.at(encoding), view.isWritable else { continue }
                cpu.write(encoding, value, in: .el1)
                model[vcpu][view.register.index] =
                    view.row.part.inserting(UInt32(truncatingIfNeeded: value), into: model[vcpu][view.register.index])
                    ?? value
            }
        }
        _ = vcpus[vcpu].switchGuest(enter: false)
    }

    private func view(of register: SysReg, aarch32: Bool) throws(Mismatch) -> GuestView {
        guard let view = GuestView.table[aarch32 ? 1 : 0][register.index] else {
            throw Mismatch(
                message: "\(register) is not a register a guest can read in the simulated CPU (see ArchitectureCheck)")
        }
        return view
    }

    /// After a step: no UNDEFINED access; every accessor of the vcpus it touched, every CPU's
    /// host kernel state and every idle CPU's host userspace agree with the model.
    private func compare(after step: Step) throws(Mismatch) {
        for (index, cpu) in cpus.enumerated() {
            if let fault = cpu.undefinedAccesses.first {
                throw Mismatch(message: "CPU \(index): \(fault)")
            }
            cpu.clearRecord()
        }
        for vcpu in touched(by: step) {
            for register in Self.registers {
                let value = vcpus[vcpu].read(register)
                try expect(value, model[vcpu][register.index], "the accessor returns vcpu \(vcpu)'s \(register)")
            }
            for register in Self.aarch32Registers {
                let view = try coprocessorView(of: register)
                let value = vcpus[vcpu].read(register)
                try expect(
                    value, view.row.part.extract(from: model[vcpu][view.register.index]),
                    "the 32-bit accessor returns vcpu \(vcpu)'s \(register)")
            }
        }
        for (index, cpu) in cpus.enumerated() {
            let state = hostKernelState[index]
            for position in hostKernelReached.indices {
                // What the host kernel's MRS of the register returns, read without recording.
                try expect(
                    cpu[hostKernelReached[position]], state[position],
                    "CPU \(index) host kernel reads \(hostKernelRegisters[position].name)")
            }
        }
        for (index, cpu) in cpus.enumerated() where placement.vcpuOn[index] == nil {
            for position in Self.userspaceRegisters.indices {
                let register = Self.userspaceRegisters[position]
                let seen = cpu.read(register.encoding, in: .el0) ?? 0
                try expect(seen, userspace[index][position], "CPU \(index) host userspace reads \(register.name)")
            }
            cpu.clearRecord()
        }
    }

    /// The vcpus whose accessors `step` may have affected, now placed as after the step.
    private func touched(by step: Step) -> [Int] {
        switch step {
        case .userspace: []
        case .load(let vcpu, _), .run(let vcpu, _), .hypervisorRead(let vcpu, _), .hypervisorWrite(let vcpu, _, _),
            .hypervisorRead32(let vcpu, _), .hypervisorWrite32(let vcpu, _, _), .put(let vcpu), .migrate(let vcpu, _),
            .replace(_, let vcpu):
            [vcpu]
        }
    }

    /// `what` is built only on a divergence: formatting it for every comparison would dominate.
    private func expect(_ actual: UInt64, _ expected: UInt64, _ what: @autoclosure () -> String) throws(Mismatch) {
        guard actual != expected else { return }
        throw Mismatch(message: "\(what()) = \(hex(actual)), the reference model holds \(hex(expected))")
    }
}

/// Generates, checks and shrinks scenarios.
enum ModelChecker {
    /// Steps per generated scenario.
    static let length = 40

    /// The scenario `seed` determines: steps valid at the point each is generated.
    static func scenario(seed: UInt64) -> [Step] {
        var random = SeededGenerator(seed: seed)
        var placement = Placement(vcpus: ModelRun.vcpuCount, cpus: ModelRun.cpuCount)
        var steps: [Step] = []
        while steps.count < length {
            let vcpu = Int.random(in: 0..<ModelRun.vcpuCount, using: &random)
            let cpu = Int.random(in: 0..<ModelRun.cpuCount, using: &random)
            // Loads and runs weigh double: guest runs are what the deferral must survive.
            let step: Step =
                switch Int.random(in: 0..<10, using: &random) {
                case 0: .userspace(cpu: cpu, values: HostState.userspaceRegisters.map { _ in random.next() })
                case 1, 2: .load(vcpu: vcpu, cpu: cpu)
                case 3, 4: .run(vcpu: vcpu, writes: guestWrites(vcpu: vcpu, using: &random))
                case 5: hypervisorRead(vcpu: vcpu, using: &random)
                case 6: hypervisorWrite(vcpu: vcpu, using: &random)
                case 7: .put(vcpu: vcpu)
                case 8: .migrate(vcpu: vcpu, cpu: cpu)
                default: .replace(cpu: cpu, vcpu: vcpu)
                }
            guard placement.allows(step) else { continue }
            for move in placement.moves(of: step) { placement.apply(move) }
            steps.append(step)
        }
        return steps
    }

    /// A hypervisor read of a register or, one time in four, of an AArch32 register.
    private static func hypervisorRead(vcpu: Int, using random: inout SeededGenerator) -> Step {
        if Int.random(in: 0..<4, using: &random) == 0 {
            return .hypervisorRead32(vcpu: vcpu, register: ModelRun.aarch32Registers.randomElement(using: &random)!)
        }
        return .hypervisorRead(vcpu: vcpu, register: ModelRun.registers.randomElement(using: &random)!)
    }

    /// A hypervisor write of a register or, one time in four, of an AArch32 register (a 32-bit
    /// value for a 32-bit view, as the accessor takes).
    private static func hypervisorWrite(vcpu: Int, using random: inout SeededGenerator) -> Step {
        if Int.random(in: 0..<4, using: &random) == 0 {
            let register = ModelRun.aarch32Registers.randomElement(using: &random)!
            let value = random.next()
            return .hypervisorWrite32(
                vcpu: vcpu, register: register, value: register.part == .all ? value : value & 0xFFFF_FFFF)
        }
        return .hypervisorWrite(
            vcpu: vcpu, register: ModelRun.registers.randomElement(using: &random)!, value: random.next())
    }

    /// The registers a guest can change, for an AArch64 and an AArch32 EL1.
    private static let guestWritable: [[SysReg]] = GuestView.table.map { views in
        SysReg.allCases.filter { register in
            switch views[register.index] {
            case .system(_, writable: true), .state: true
            default: false
            }
        }
    }

    /// The AArch32 registers an AArch32 EL1 can write, by the simulator's architecture.
    private static let coprocessorWritable = CoprocessorView.all.filter(\.isWritable)

    /// One to four writes to registers the guest of `vcpu` can change; an AArch32 guest writes
    /// through its coprocessor registers half the time (a 32-bit value to a 32-bit one).
    private static func guestWrites(vcpu: Int, using random: inout SeededGenerator) -> [GuestWrite] {
        let aarch32 = vcpu == ModelRun.aarch32VCPU
        let writable = guestWritable[aarch32 ? 1 : 0]
        return (0..<Int.random(in: 1...4, using: &random)).map { _ in
            if aarch32 && Bool.random(using: &random) {
                let row = coprocessorWritable.randomElement(using: &random)!.row
                let value = random.next()
                return .coprocessor(row.encoding, row.part == .all ? value : value & 0xFFFF_FFFF)
            }
            return .system(writable.randomElement(using: &random)!, random.next())
        }
    }

    /// The shortest failing subsequence found by removing chunks of steps, then single guest
    /// writes, while the scenario still diverges.
    static func shrink(_ steps: [Step], mode: HostMode, seed: UInt64) -> [Step] {
        var steps = steps
        let fails = { (candidate: [Step]) in ModelRun.check(candidate, mode: mode, seed: seed) != nil }
        var chunk = max(steps.count / 2, 1)
        while chunk >= 1 {
            var start = 0
            while start < steps.count {
                var candidate = steps
                candidate.removeSubrange(start..<min(start + chunk, steps.count))
                if fails(candidate) { steps = candidate } else { start += chunk }
            }
            chunk /= 2
        }
        for index in steps.indices {
            guard case .run(let vcpu, let writes) = steps[index] else { continue }
            var kept = writes
            var position = 0
            while position < kept.count {
                var fewer = kept
                fewer.remove(at: position)
                var candidate = steps
                candidate[index] = .run(vcpu: vcpu, writes: fewer)
                if fails(candidate) {
                    kept = fewer
                    steps = candidate
                } else {
                    position += 1
                }
            }
        }
        return steps
    }

    /// Checks the scenario of each seed; a report of the first failure, shrunk, or `nil`.
    static func check(mode: HostMode, seeds: some Sequence<UInt64>) -> String? {
        for seed in seeds {
            let steps = scenario(seed: seed)
            guard ModelRun.check(steps, mode: mode, seed: seed) != nil else { continue }
            let shortest = shrink(steps, mode: mode, seed: seed)
            let divergence = ModelRun.check(shortest, mode: mode, seed: seed)!
            return """
                model-based check diverged on \(mode == .vhe ? "VHE" : "nVHE") with seed \(hex(seed)) \
                (reproduce: SYSREG_SIM_SEED=\(hex(seed)) swift test --filter ModelBasedTests)
                divergence \(divergence)
                shortest failing sequence (\(shortest.count) of \(steps.count) steps):
                \(shortest.enumerated().map { "  \($0.offset): \($0.element)" }.joined(separator: "\n"))
                """
        }
        return nil
    }
}
