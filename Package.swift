// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SysRegGen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sysreg-gen", targets: ["sysreg-gen"]),
        .library(name: "SysRegRuntime", targets: ["SysRegRuntime"]),
        .library(name: "SysRegs", targets: ["SysRegs"]),
        .library(name: "SysRegGenKit", targets: ["SysRegGenKit"]),
        .library(name: "SysRegSimulator", targets: ["SysRegSimulator"]),
        .library(name: "SysRegHardware", targets: ["SysRegHardware"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The hand-written runtime the generated code builds on: encodings, the CPU interface, the vcpu.
        .target(name: "SysRegRuntime"),
        // The checked-in output of `swift run sysreg-gen`, compiled as a module.
        // Generated/C holds the kernel-style C output (template set `c`): checked in, not compiled.
        .target(name: "SysRegs", dependencies: ["SysRegRuntime"], path: "Generated", exclude: ["C", "Backend"]),
        // Generated/Backend (template set `backend`): MRS/MSR of every encoding the generated code uses.
        .target(name: "SysRegHardwareC", path: "Generated/Backend", publicHeadersPath: "."),
        // The CPU the code runs on as a SystemRegisterCPU, for a bare-metal hypervisor at EL2.
        .target(name: "SysRegHardware", dependencies: ["SysRegHardwareC", "SysRegRuntime"]),
        // The generator's stages: load, validate, build views, render, write.
        .target(
            name: "SysRegGenKit",
            dependencies: [
                "SysRegRuntime",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "sysreg-gen",
            dependencies: [
                "SysRegGenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A simulated AArch64 CPU whose decode table is written from the Arm ARM, not from the YAML.
        .target(name: "SysRegSimulator", dependencies: ["SysRegRuntime"]),
        // Depends on the executable so that `swift test` builds it for the command-line tests.
        .testTarget(name: "SysRegGenKitTests", dependencies: ["SysRegGenKit", "sysreg-gen"]),
        .testTarget(
            name: "SysRegSimulatorTests", dependencies: ["SysRegSimulator", "SysRegs", "SysRegRuntime", "SysRegGenKit"]),
        .testTarget(name: "SysRegsTests", dependencies: ["SysRegs", "SysRegRuntime"]),
        .testTarget(name: "SysRegHardwareTests", dependencies: ["SysRegHardware", "SysRegs", "SysRegRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
