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
    /// divergence; `mpidr` prints ``MPIDRProbe``'s observation and fails when they differ.
    private static let harness = """
        import SysRegRuntime
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
        default:
            let seen = MPIDRProbe.observe(mode: .vhe)
            print("guest sees \\(hex(seen.guestSees)), another CPU's thread reads \\(hex(seen.otherThreadReads))")
            diverged = seen.guestSees != seen.otherThreadReads
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
        let build = try SwiftBuild(folder: folder)
        for (module, directory) in [
            ("SysRegRuntime", sources.appendingPathComponent("SysRegRuntime")),
            ("SysRegSimulator", sources.appendingPathComponent("SysRegSimulator")),
            ("SysRegs", generated),
        ] {
            try build.module(module, sources: SwiftBuild.swiftFiles(in: directory))
        }
        try build.program(
            "harness", sources: ["main.swift"] + Self.sharedSources.map { tests.appendingPathComponent($0).path },
            libraries: ["SysRegRuntime", "SysRegSimulator", "SysRegs"])
    }

    /// Runs the harness with `argument`.
    func run(_ argument: String) throws -> Outcome {
        let outcome = try runProcess(folder.appendingPathComponent("harness").path, [argument], in: folder.path)
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
