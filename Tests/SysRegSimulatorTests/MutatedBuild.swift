import Foundation
import SysRegGenKit
import TestSupport
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

    /// Renders `registers.yaml` with `edits` applied and `appended` (entries of `registers`)
    /// added at its end into a fresh folder, and builds the harness.
    init(_ edits: [Edit], appending appended: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sysreg-mutation-\(UUID().uuidString)")
        do {
            try prepare(edits, appending: appended)
        } catch {
            remove()
            throw error
        }
    }

    private func prepare(_ edits: [Edit], appending appended: String) throws {
        let generated = folder.appendingPathComponent("Generated")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        let yaml = try Self.registerFile(edits, appending: appended)
        let input = folder.appendingPathComponent("registers.yaml")
        try yaml.write(to: input, atomically: true, encoding: .utf8)
        let options = GeneratorOptions(
            inputPath: input.path, templates: .builtin("swift"), outputPath: generated.path)
        for file in try GeneratorPipeline.render(options) {
            try file.contents.write(to: generated.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        try Self.harness.write(to: folder.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        try build(generated: generated)
    }

    private func build(generated: URL) throws {
        let modules = try Self.unchangedModules.get()
        let tests = Self.packageRoot.appendingPathComponent("Tests/SysRegSimulatorTests")
        let build = try SwiftBuild(folder: folder, searching: [modules])
        try build.module("SysRegs", sources: SwiftBuild.swiftFiles(in: generated))
        try build.program(
            "harness", sources: ["main.swift"] + Self.sharedSources.map { tests.appendingPathComponent($0).path },
            libraries: ["SysRegRuntime", "SysRegSimulator", "SysRegs"])
    }

    /// The runtime and the simulator, which no edit of `registers.yaml` changes, compiled once per
    /// test run for every build (removed when the process exits).
    private static let unchangedModules: Result<URL, ToolError> = {
        let folder = unchangedModulesFolder
        atexit { try? FileManager.default.removeItem(at: MutatedBuild.unchangedModulesFolder) }
        let sources = packageRoot.appendingPathComponent("Sources")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let build = try SwiftBuild(folder: folder)
            for module in ["SysRegRuntime", "SysRegSimulator"] {
                try build.module(module, sources: SwiftBuild.swiftFiles(in: sources.appendingPathComponent(module)))
            }
            return .success(folder)
        } catch let error as ToolError {
            return .failure(error)
        } catch {
            return .failure(ToolError(message: "\(error)"))
        }
    }()

    /// Where ``unchangedModules`` are.
    private static let unchangedModulesFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "sysreg-mutation-modules-\(UUID().uuidString)")

    /// The text of `registers.yaml` with `edits` applied and the entries of `appended` added at
    /// its end, each replacing an entry of the same name the file already has (after a user has
    /// added those registers, the tests that add them still run).
    static func registerFile(_ edits: [Edit], appending appended: String = "") throws -> String {
        var yaml = try String(contentsOf: packageRoot.appendingPathComponent("registers.yaml"), encoding: .utf8)
        for edit in edits {
            guard yaml.contains(edit.find) else { throw BuildError(message: "registers.yaml has no '\(edit.find)'") }
            yaml = yaml.replacingOccurrences(of: edit.find, with: edit.replacement)
        }
        for line in appended.split(separator: "\n") where line.hasPrefix("  - name: ") {
            guard let existing = yaml.range(of: "\n" + line + "\n") else { continue }
            // The entry runs to the next one, or to the file's last newline.
            let end = yaml[existing.upperBound...].range(of: "\n  - ")?.lowerBound ?? yaml.index(before: yaml.endIndex)
            yaml.removeSubrange(existing.lowerBound..<end)
        }
        return yaml + appended
    }

    /// Runs the harness with `arguments`.
    func run(_ arguments: String...) throws -> Outcome {
        let outcome = try runProcess(folder.appendingPathComponent("harness").path, arguments, in: folder.path)
        return Outcome(status: outcome.status, output: outcome.output + outcome.errors)
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A mutated build that could not be made.
struct BuildError: Error, CustomStringConvertible {
    var message: String

    var description: String { message }
}
