// The ordo-one/benchmark suite: generation in process at three sizes, the three accessors, and
// the vcpu life cycle. Run with `swift package benchmark` in Benchmarks/ (or Benchmarks/run.sh,
// which also runs what cannot be measured in process); docs/benchmarks.md has the results.
import AccessorBaselines
import Benchmark
import Foundation
import SyntheticRegisters
import SysRegGenKit
import SysRegRuntime
import SysRegs

/// The repository's root: this file is Benchmarks/Benchmarks/SysRegGenBenchmarks/<file>.
private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let benchmarks: @Sendable () -> Void = {
    // `instructions` needs hardware performance counters; where there are none (this project's
    // virtual machines) it stays empty and run.sh counts instructions with callgrind instead.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .instructions, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        maxDuration: .seconds(3)
    )
    generationBenchmarks()
    accessorBenchmarks()
    lifeCycleBenchmarks()
}

/// Load + validate + render + write of both template sets (`swift` and `c`), as `sysreg-gen`
/// does, into a new empty folder each iteration so that every file is written.
private func generationBenchmarks() {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "sysreg-bench-\(getpid())", isDirectory: true)
    let inputs: [(name: String, path: String)] = [
        ("shipped (32)", repository.appendingPathComponent("registers.yaml").path),
        ("1k", scratch.appendingPathComponent("registers-1000.yaml").path),
        ("10k", scratch.appendingPathComponent("registers-10000.yaml").path),
    ]
    for (name, input) in inputs {
        Benchmark(
            "generation \(name)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
                warmupIterations: 1, maxDuration: .seconds(10), maxIterations: name == "10k" ? 10 : 100)
        ) { benchmark in
            let output = scratch.appendingPathComponent("out-\(UUID().uuidString)/Generated").path
            let runs = [
                GeneratorOptions(inputPath: input, templates: .builtin("swift"), outputPath: output),
                GeneratorOptions(inputPath: input, templates: .builtin("c"), outputPath: output + "/C"),
            ]
            benchmark.startMeasurement()
            let comparisons = try GeneratorPipeline.compare(runs)
            for (run, comparison) in zip(runs, comparisons) {
                try OutputFolder(path: run.outputPath).write(comparison)
            }
            benchmark.stopMeasurement()
            blackHole(comparisons)
        } setup: {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            for count in [1000, 10000] {
                try SyntheticRegisterFile.yaml(count: count, seed: 1).write(
                    toFile: scratch.appendingPathComponent("registers-\(count).yaml").path, atomically: true,
                    encoding: .utf8)
            }
        } teardown: {
            try? FileManager.default.removeItem(at: scratch)
        }
    }
}

/// Each accessor, read and write, loaded and not: 1M calls per iteration over a run-time
/// sequence of 4096 registers, so time and mallocs are per million calls.
private func accessorBenchmarks() {
    let registers = registerSequence(count: 4096, seed: UInt64(getpid()) | 1)
    let cpu = ArrayCPU()
    let configuration = Benchmark.Configuration(scalingFactor: .mega)
    Benchmark("accessor empty loop", configuration: configuration) { benchmark in
        blackHole(emptyLoop(registers: registers, calls: benchmark.scaledIterations.count))
    }
    for loaded in [true, false] {
        let context = CPUContext<SysReg>()
        let state = loaded ? "loaded" : "not loaded"
        for kind in AccessorKind.allCases {
            Benchmark("accessor read \(kind.rawValue) \(state)", configuration: configuration) { benchmark in
                let loop = ReadLoop(registers: registers, calls: benchmark.scaledIterations.count)
                blackHole(withAccessors(kind, context: context, loaded: loaded, cpu: cpu, loop))
            }
            Benchmark("accessor write \(kind.rawValue) \(state)", configuration: configuration) { benchmark in
                let loop = WriteLoop(registers: registers, calls: benchmark.scaledIterations.count)
                blackHole(withAccessors(kind, context: context, loaded: loaded, cpu: cpu, loop))
            }
        }
    }
}

/// load + put and guest entry + exit, VHE and nVHE, 1000 of them per iteration.
private func lifeCycleBenchmarks() {
    let cpu = ArrayCPU()
    for operation in LifeCycleOperation.allCases {
        for mode in [HostMode.vhe, .nvhe] {
            Benchmark(
                "vcpu \(operation.rawValue) \(mode)", configuration: .init(scalingFactor: .kilo)
            ) { benchmark in
                let vcpu = lifeCycleLoop(
                    operation, mode: mode, vcpu: VCPU<SysReg>(), cpu: cpu, times: benchmark.scaledIterations.count)
                blackHole(vcpu.context[.SCTLR_EL1])
            }
        }
    }
}
