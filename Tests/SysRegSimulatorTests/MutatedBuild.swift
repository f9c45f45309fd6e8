import Foundation
import SysRegGenKit
import Testing

/// A build of the generated code from a mutated copy of `registers.yaml`, compiled with the
/// runtime, the simulator and the shared checker into a harness executable, and its output.
///
/// The mutation checks need the failure to come from code the generator produced, so each
/// mutation is rendered by ``GeneratorPipeline`` and compiled by the toolchain's `swiftc`.
struct MutatedBuild {
    /// One textual edit of `registers.yaml`.
    struct Edit: Sendable, CustomTestStringConvertible {
        var summary: String
        var find: String
        var replacement: String

        var testDescription: String { summary }
    }

    /// The harness's output and exit status.
    struct Outcome {
        var status: Int32
        var output: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The harness: `model` runs the model-based checker on VHE then nVHE and fails on any
    /// divergence; `mpidr` prints ``MPIDRProbe``'s observation and fails when they differ;
    /// `snapshot <hex>` restores a `CPUContext` snapshot and prints every register's value.
    private static let harness = """
        import SysRegRuntime
        import SysRegs
        #if canImport(Glibc)
        import Glibc
        #else
        import Darwin
        #endif

        var diverged = false
        switch CommandLine.arguments.dropFirst().first {
        case "model":
            for mode in HostMode.allCases {
                if let report = ModelChecker.check(mode: mode, seeds: 1...300) {
                    print(report)
                    diverged = true
                } else {
                    print("no divergence on \\(mode == .vhe ? "VHE" : "nVHE")")
                }
            }
        case "snapshot":
            let hexText = Array(CommandLine.arguments.dropFirst(2).first ?? "")
            let bytes = stride(from: 0, to: hexText.count - 1, by: 2).compactMap {
                UInt8(String(hexText[$0...$0 + 1]), radix: 16)
            }
            if let context = CPUContext<SysReg>(snapshot: bytes) {
                for register in SysReg.allCases { print("\\(register) = \\(hex(context[register]))") }
            } else {
                print("snapshot rejected")
                diverged = true
            }
        default:
            let seen = MPIDRProbe.observe(mode: .vhe)
            print("guest sees \\(hex(seen.guestSees)), the accessor reads \\(hex(seen.accessorReads))")
            for access in seen.accessorCPUAccesses { print("the accessor executed \\(access)") }
            diverged = seen.guestSees != seen.accessorReads || !seen.accessorCPUAccesses.isEmpty
        }
        exit(diverged ? 1 : 0)
        """

    /// The sources of the checker the unit tests also compile.
    private static let sharedSources = ["ModelChecker.swift", "MPIDRProbe.swift"]

    let folder: URL

    /// Renders `registers.yaml` with `edits` applied into a fresh folder and builds the harness.
    init(_ edits: [Edit]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sysreg-mutation-\(UUID().uuidString)")
        do {
            try prepare(edits)
        } catch {
            remove()
            throw error
        }
    }

    private func prepare(_ edits: [Edit]) throws {
        let generated = folder.appendingPathComponent("Generated")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        var yaml = try String(contentsOf: Self.packageRoot.appendingPathComponent("registers.yaml"), encoding: .utf8)
        for edit in edits {
            guard yaml.contains(edit.find) else { throw BuildError(message: "registers.yaml has no '\(edit.find)'") }
            yaml = yaml.replacingOccurrences(of: edit.find, with: edit.replacement)
        }
        let input = folder.appendingPathComponent("registers.yaml")
        try yaml.write(to: input, atomically: true, encoding: .utf8)
        let options = GeneratorOptions(
            inputPath: input.path, templatesPath: Self.packageRoot.appendingPathComponent("Templates").path,
            outputPath: generated.path)
        for file in try GeneratorPipeline.render(options) {
            try file.contents.write(to: generated.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        try Self.harness.write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        try build(generated: generated)
    }

    private func build(generated: URL) throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        let tests = Self.packageRoot.appendingPathComponent("Tests/SysRegSimulatorTests")
        for (module, directory) in [
            ("SysRegRuntime", sources.appendingPathComponent("SysRegRuntime")),
            ("SysRegSimulator", sources.appendingPathComponent("SysRegSimulator")),
            ("SysRegs", generated),
        ] {
            try compile(
                [
                    "-parse-as-library", "-package-name", "SysRegGen", "-emit-library", "-static", "-emit-module",
                    "-module-name", module, "-I",
                    folder.path,
                ]
                    + swiftFiles(in: directory) + ["-o", "lib\(module).a"])
        }
        try compile(
            ["-I", folder.path, "-L", folder.path, "-lSysRegRuntime", "-lSysRegSimulator", "-lSysRegs", "main.swift"]
                + Self.sharedSources.map { tests.appendingPathComponent($0).path } + ["-o", "harness"])
    }

    /// Runs the harness with `arguments`.
    func run(_ arguments: String...) throws -> Outcome {
        try Self.execute(folder.appendingPathComponent("harness"), arguments, in: folder)
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func compile(_ arguments: [String]) throws {
        let outcome = try Self.execute(Self.swiftc, arguments, in: folder)
        guard outcome.status == 0 else { throw BuildError(message: "swiftc failed:\n\(outcome.output)") }
    }

    private func swiftFiles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// `swiftc` of the toolchain running the tests: beside the `libswiftCore` this process loaded
    /// (`<toolchain>/usr/lib/swift/<platform>/`), else the first on `PATH`.
    static let swiftc: URL = {
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        let core = maps.split(separator: "\n").lazy.compactMap { $0.split(separator: " ").last }
            .first { $0.hasSuffix("/libswiftCore.so") }
        var candidates: [URL] = []
        if let core {
            candidates.append(
                URL(fileURLWithPath: String(core)).deletingLastPathComponent().appendingPathComponent(
                    "../../../bin/swiftc"
                )
                .standardized)
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? URL(fileURLWithPath: "/usr/bin/swiftc")
    }()

    private static func execute(_ executable: URL, _ arguments: [String], in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

/// A mutated build that could not be made.
struct BuildError: Error, CustomStringConvertible {
    var message: String

    var description: String { message }
}
