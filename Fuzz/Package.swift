// swift-tools-version: 6.0
// The libFuzzer targets for the YAML → model front end and the kernel-format importer. Separate from the root package so that
// `swift build` and `swift test` never build it; see the README's "Fuzzing" section.
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, which depends on where the repository
// was cloned.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "SysRegGenFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzRegisterFile",
            dependencies: [.product(name: "SysRegGenKit", package: root)],
            // No `main`: libFuzzer's driver is the entry point (see FuzzRegisterFile.swift).
            // Instrumentation comes from the command line, so that it covers every module:
            // swift build -c release -Xswiftc -sanitize=fuzzer,address
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The kernel-format importer: any bytes through the parser, the standalone import, the
        // validator and the kernel header's view.
        .executableTarget(
            name: "FuzzKernelSysreg",
            dependencies: [.product(name: "SysRegGenKit", package: root)],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
