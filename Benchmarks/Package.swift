// swift-tools-version: 6.1
// The benchmarks of SysRegGen: generation at scale and the cost of the generated accessors.
// Separate from the root package so that `swift build`, `swift test` and CI never build it; see
// the README's "Benchmarks" section and docs/benchmarks.md.
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, which depends on where the repository
// was cloned.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "SysRegGenBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // Its default traits pull a runtime interposer that is not available here; the malloc
        // interposer alone gives the allocation counts.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Seeded synthetic register files of any size that pass validation.
        .target(name: "SyntheticRegisters"),
        .executableTarget(name: "synth-registers", dependencies: ["SyntheticRegisters"]),
        // The hand-written alternatives to the generated accessor, and the CPU all three run on.
        .target(
            name: "AccessorBaselines",
            dependencies: [
                .product(name: "SysRegs", package: root),
                .product(name: "SysRegRuntime", package: root),
            ]
        ),
        // A fixed workload per invocation, for instruction counts under callgrind and for the
        // system-register access counts of the simulator.
        .executableTarget(
            name: "accessor-probe",
            dependencies: [
                "AccessorBaselines",
                .product(name: "SysRegs", package: root),
                .product(name: "SysRegRuntime", package: root),
                .product(name: "SysRegSimulator", package: root),
            ]
        ),
        .executableTarget(
            name: "SysRegGenBenchmarks",
            dependencies: [
                "AccessorBaselines",
                "SyntheticRegisters",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SysRegGenKit", package: root),
                .product(name: "SysRegs", package: root),
                .product(name: "SysRegRuntime", package: root),
            ],
            path: "Benchmarks/SysRegGenBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
