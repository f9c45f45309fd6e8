import Foundation
import TestSupport
import Testing

/// The way in for a package of one's own, end to end: a new package that depends on this one by
/// path is scaffolded, generated and checked with the `generate-sysregs` command plugin, built
/// with SwiftPM, and run.
///
/// The package lives in this package's `.build/plugin-e2e/Consumer`, kept between runs (all but
/// its `.build` and `Package.resolved` are laid out afresh each time), so SwiftPM rebuilds only
/// what changed. Without the toolchain's `swift` the suite says it did not run; in CI it runs.
@Suite(
    "Plugin end to end", .serialized,
    .enabled(
        if: Toolchain.tool("swift") != nil || Toolchain.isCI,
        "needs the toolchain's swift to build a package that uses the plugin"))
struct PluginEndToEndTests {
    @Test("init, a register added, generate, --check, build and run, through the plugin")
    func scaffoldGenerateCheckBuildAndRun() throws {
        let package = try ConsumerPackage.scaffolded()
        // The scaffold's schema lines point into this package, relative to the new one.
        let registers = try package.contents(of: "registers.yaml")
        #expect(
            registers.hasPrefix("# yaml-language-server: $schema=\(ConsumerPackage.schemas)/registers.schema.json\n"))
        #expect(
            try package.contents(of: "sysreg-gen.yaml").hasPrefix(
                "# yaml-language-server: $schema=\(ConsumerPackage.schemas)/sysreg-gen.schema.json\n"))

        try package.write(registers + ConsumerPackage.addedRegister, to: "registers.yaml")
        let generated = try package.plugin([])
        #expect(generated.status == 0, "\(generated.output)\(generated.errors)")
        #expect(
            generated.output.contains("wrote \(ConsumerPackage.output)/LoadedVCPU+Accessors.swift"),
            "\(generated.output)")
        #expect(try package.contents(of: "\(ConsumerPackage.output)/SysReg.swift").contains("case CONTEXTIDR_EL1"))

        // Xcode adds `--target NAME` for the targets picked in its dialog; the plugin drops it.
        let upToDate = try package.plugin(["--target", "Consumer", "--check"])
        #expect(upToDate.status == 0, "\(upToDate.output)\(upToDate.errors)")
        #expect(upToDate.output.contains("\(ConsumerPackage.output) is up to date"), "\(upToDate.output)")

        // A hand edit of registers.yaml not regenerated: --check fails and shows the diff.
        let edited =
            registers
            + ConsumerPackage.addedRegister.replacingOccurrences(
                of: "doc: Context ID Register (EL1)", with: "doc: Context ID Register, edited")
        try package.write(edited, to: "registers.yaml")
        let stale = try package.plugin(["--check"])
        #expect(stale.status != 0)
        let added = stale.output.split(separator: "\n").filter { $0.hasPrefix("+") }
        #expect(added.contains { $0.contains("Context ID Register, edited") }, "\(stale.output)")
        #expect(stale.output.contains("\(ConsumerPackage.output) is stale"), "\(stale.output)")
        try package.write(registers + ConsumerPackage.addedRegister, to: "registers.yaml")

        let build = try package.run(["build"])
        #expect(build.status == 0, "\(build.output)\(build.errors)")
        // The generated code compiles in another package's module without a warning.
        let warnings = Set(
            (build.output + build.errors).split(separator: "\n")
                .filter { $0.contains("/\(ConsumerPackage.output)/") && $0.contains(": warning: ") })
        // A file whose registers are all deferred, none in a group shared with the host, is the
        // case that once warned ('default will never be executed', a 'var' never mutated).
        #expect(warnings.isEmpty, "\(warnings.sorted())")

        let run = try runProcess(package.folder.appendingPathComponent(".build/debug/Consumer").path, [])
        #expect(run.status == 0, "\(run.errors)")
        let printed = Dictionary(
            run.output.split(separator: "\n").map { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { $1 })
        // On VHE the load puts the deferred register on the CPU (CONTEXTIDR_EL1, as the simulator
        // names it from LLVM's table), and a write while loaded goes there through CONTEXTIDR_EL12;
        // without VHE nothing is loaded and every access is in memory. The put saves it back.
        #expect(
            printed == [
                "vhe.unloaded": "0x1111", "vhe.cpuAfterLoad": "0x1111", "vhe.loadedRead": "0x3333",
                "vhe.cpuAfterWrite": "0x3333", "vhe.memoryWhileLoaded": "0x1111", "vhe.afterPut": "0x3333",
                "vhe.undefined": "0",
                "nvhe.unloaded": "0x1111", "nvhe.cpuAfterLoad": "0x0", "nvhe.loadedRead": "0x3333",
                "nvhe.cpuAfterWrite": "0x0", "nvhe.memoryWhileLoaded": "0x3333", "nvhe.afterPut": "0x3333",
                "nvhe.undefined": "0",
            ], "\(run.output)")
    }

    @Test("a bad register file: path:line:col errors through the plugin, non-zero exit, nothing written")
    func badRegisterFile() throws {
        let package = try ConsumerPackage.scaffolded()
        let bad =
            try package.contents(of: "registers.yaml") + """
                  - name: CONTEXTIDR_EL1
                    encoding: S3_0_C13_C0_9
                    class: deferred
                    group: el9

                """
        try package.write(bad, to: "bad-registers.yaml")
        let generated = try package.plugin([])
        try #require(generated.status == 0, "\(generated.output)\(generated.errors)")
        let lines = bad.split(separator: "\n", omittingEmptySubsequences: false)
        func location(of text: String, at offset: Int) throws -> String {
            let line = try #require(lines.firstIndex { $0.hasSuffix(text) })
            return "bad-registers.yaml:\(line + 1):\(lines[line].count - text.count + offset + 1)"
        }
        // op2 (9) is out of range: reported at that digit; the group is reported at its name.
        let expected = [
            try location(of: "S3_0_C13_C0_9", at: 12),
            try location(of: "el9", at: 0),
        ]

        let before = try package.generatedFiles()
        let outcome = try package.plugin(["--input", "bad-registers.yaml"])
        #expect(outcome.status != 0)
        // The tool's own lines, unchanged (SwiftPM prints a plugin's output on standard output).
        let forwarded = outcome.output.split(separator: "\n").filter { $0.hasPrefix("bad-registers.yaml:") }
        #expect(forwarded.map { String($0.prefix { $0 != " " }) } == expected.map { "\($0):" }, "\(outcome.output)")
        // Each one also reported to SwiftPM as a diagnostic (which the command line prints
        // without its location; Xcode places it at the file and line).
        for line in forwarded {
            let message = try #require(line.range(of: ": error: ")).upperBound
            #expect(outcome.errors.contains("error: \(line[message...])"), "\(outcome.errors)")
        }
        #expect(outcome.errors.contains("error: sysreg-gen failed"), "\(outcome.errors)")
        #expect(try package.generatedFiles() == before, "nothing written")
    }

    @Test("templates export through the plugin copies the built-in templates into the package")
    func exportTemplates() throws {
        let package = try ConsumerPackage.scaffolded()
        let outcome = try package.plugin(["templates", "export", "MyTemplates", "--set", "swift"])
        #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
        let builtin = ConsumerPackage.repository.appendingPathComponent("Sources/SysRegGenKit/Templates/swift")
        let names = try FileManager.default.contentsOfDirectory(atPath: builtin.path).sorted()
        #expect(!names.isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: package.folder.path + "/MyTemplates/swift").sorted()
                == names)
        for name in names {
            let exported = try Data(contentsOf: package.folder.appendingPathComponent("MyTemplates/swift/\(name)"))
            #expect(exported == (try Data(contentsOf: builtin.appendingPathComponent(name))), "\(name)")
        }
    }
}

/// The package the tests create: an executable that uses the generated accessors on
/// `SysRegSimulator`'s CPU.
private struct ConsumerPackage {
    /// This package's root.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// This package's `Schemas` folder, relative to the new package's folder.
    static let schemas = "../../../Schemas"
    /// The folder init generates into, relative to the new package's folder.
    static let output = "Sources/Consumer/SysRegs"

    /// A register appended to the scaffold; the values are real.
    static let addedRegister = """
          # CONTEXTIDR_EL1 is op0=3, op1=0, CRn=13, CRm=0, op2=1, and CONTEXTIDR_EL12 (its Mapping)
          # op1=5, in Linux's arch/arm64/tools/sysreg. Deferred to load/put in the el1 group by the
          # KVM patch "Defer saving/restoring 64-bit sysregs to vcpu load/put on VHE".
          - name: CONTEXTIDR_EL1
            encoding: S3_0_C13_C0_1
            el12: S3_5_C13_C0_1
            class: deferred
            group: el1
            doc: Context ID Register (EL1)

        """

    /// The new package's manifest: this package by path, and its runtime and simulator.
    static let manifest = """
        // swift-tools-version: 6.0
        import PackageDescription

        let package = Package(
            name: "Consumer",
            platforms: [.macOS(.v13)],
            dependencies: [.package(path: "../../..")],
            targets: [
                .executableTarget(
                    name: "Consumer",
                    dependencies: [
                        .product(name: "SysRegRuntime", package: "\(repository.lastPathComponent)"),
                        .product(name: "SysRegSimulator", package: "\(repository.lastPathComponent)"),
                    ])
            ],
            swiftLanguageModes: [.v6]
        )

        """

    /// The program: CONTEXTIDR_EL1 written and read on a vcpu, loaded and not, on each host mode.
    static let program = """
        import SysRegRuntime
        import SysRegSimulator

        func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

        for (name, mode) in [("vhe", HostMode.vhe), ("nvhe", .nvhe)] {
            let cpu = SimulatedCPU(mode: mode)
            var vcpu = VCPU<SysReg>()
            vcpu.write(.CONTEXTIDR_EL1, 0x1111)
            print("\\(name).unloaded", hex(vcpu.read(.CONTEXTIDR_EL1)))
            var loaded = vcpu.load(on: HostCPU(cpu, mode: mode))
            print("\\(name).cpuAfterLoad", hex(cpu[.CONTEXTIDR_EL1]))
            loaded.write(.CONTEXTIDR_EL1, 0x3333)
            print("\\(name).loadedRead", hex(loaded.read(.CONTEXTIDR_EL1)))
            print("\\(name).cpuAfterWrite", hex(cpu[.CONTEXTIDR_EL1]))
            print("\\(name).memoryWhileLoaded", hex(loaded.vcpu.read(.CONTEXTIDR_EL1)))
            let put = loaded.put().vcpu
            print("\\(name).afterPut", hex(put.read(.CONTEXTIDR_EL1)))
            print("\\(name).undefined", cpu.undefinedAccesses.count)
        }

        """

    /// The package's folder.
    let folder: URL
    /// The toolchain's `swift`.
    let swiftPath: String

    /// The package laid out afresh (its build folder kept) and scaffolded by the plugin's `init`.
    static func scaffolded() throws -> ConsumerPackage {
        let swift = try #require(Toolchain.tool("swift"), "no swift in the toolchain").path
        let folder = repository.appendingPathComponent(".build/plugin-e2e/Consumer")
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        let kept: Set = [".build", "Package.resolved"]
        for entry in try files.contentsOfDirectory(atPath: folder.path) where !kept.contains(entry) {
            try files.removeItem(at: folder.appendingPathComponent(entry))
        }
        let package = ConsumerPackage(folder: folder, swiftPath: swift)
        try files.createDirectory(
            at: folder.appendingPathComponent("Sources/Consumer"), withIntermediateDirectories: true)
        try package.write(manifest, to: "Package.swift")
        try package.write(program, to: "Sources/Consumer/main.swift")
        let scaffold = try package.plugin(["init", "--output", output])
        try #require(scaffold.status == 0, "\(scaffold.output)\(scaffold.errors)")
        return package
    }

    /// `swift package --allow-writing-to-package-directory generate-sysregs arguments`.
    func plugin(_ arguments: [String]) throws -> ProcessOutcome {
        try run(["package", "--allow-writing-to-package-directory", "generate-sysregs"] + arguments)
    }

    /// `swift arguments` in the package's folder.
    func run(_ arguments: [String]) throws -> ProcessOutcome {
        try runProcess(swiftPath, arguments, in: folder.path)
    }

    /// The text of the package's file `path`.
    func contents(of path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// Writes `text` to the package's file `path`.
    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }

    /// The generated files, by name, with their contents.
    func generatedFiles() throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(Self.output).path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try contents(of: "\(Self.output)/\($0)")) })
    }
}
