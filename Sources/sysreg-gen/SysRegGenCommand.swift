import ArgumentParser
import Foundation
import SysRegGenKit

/// `sysreg-gen`: generates Swift system-register accessors from `registers.yaml`.
@main
struct SysRegGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sysreg-gen",
        abstract: "Generate arm64 system-register tables, accessors and save/restore code from one YAML file.",
        usage: """
            sysreg-gen [generate] [--check] [--input <file>] [--templates <folder>] [--output <folder>]
            sysreg-gen lint [--input <file>] [--templates <folder>] [--output <folder>]
            sysreg-gen dump [--input <file>]
            """,
        discussion: """
            Reads the register file (registers.yaml) and renders every template in the templates \
            folder (Templates/NAME.mustache) to the output folder (Generated/NAME). Run with no \
            arguments after editing registers.yaml, then review the diff of Generated/; CI runs \
            --check, which writes nothing and fails when Generated/ is stale. \
            'sysreg-gen help generate' lists every option.
            """,
        subcommands: [Generate.self, Lint.self, Dump.self],
        defaultSubcommand: Generate.self
    )
}

/// The input and output locations every subcommand shares.
struct Locations: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The register file.", valueName: "file"))
    var input = "registers.yaml"

    @Option(name: .long, help: ArgumentHelp("The folder of *.mustache templates.", valueName: "folder"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("The folder generated files are written to.", valueName: "folder"))
    var output = "Generated"

    /// The pipeline's options; the headers' regenerate command repeats any non-default location.
    var options: GeneratorOptions {
        let defaults = GeneratorOptions()
        var command = "swift run sysreg-gen"
        if input != defaults.inputPath { command += " --input \(input)" }
        if templates != defaults.templatesPath { command += " --templates \(templates)" }
        if output != defaults.outputPath { command += " --output \(output)" }
        return GeneratorOptions(
            inputPath: input, templatesPath: templates, outputPath: output, regenerateCommand: command)
    }
}

/// Prints every diagnostic to standard error and fails the command.
func report(_ list: DiagnosticList) -> ExitCode {
    FileHandle.standardError.write(Data((list.description + "\n").utf8))
    let count = list.diagnostics.count
    FileHandle.standardError.write(Data("\(count) error\(count == 1 ? "" : "s")\n".utf8))
    return .failure
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the output folder (the default subcommand).",
        discussion: """
            Writes only the files whose bytes change, each atomically, and nothing at all if any \
            problem is found. A generated file edited by hand since it was generated (its header \
            carries a hash of its contents) is not overwritten without --force. Files in the \
            output folder that no template produces are reported; --prune removes them. With \
            --check, writes nothing: prints a unified diff for each stale file, names missing \
            files and files no template produces, and exits 1 unless the output folder is up to \
            date.
            """
    )

    @OptionGroup var locations: Locations

    @Flag(help: "Write nothing; exit 1 if the output folder is not what generation would produce.")
    var check = false

    @Flag(help: "Overwrite generated files edited by hand, and with --prune remove any orphan.")
    var force = false

    @Flag(help: "Remove files in the output folder that no template produces.")
    var prune = false

    func validate() throws {
        if check && (force || prune) {
            throw ValidationError("--check writes nothing; it cannot be combined with --force or --prune.")
        }
    }

    func run() throws {
        let options = locations.options
        let comparison: OutputComparison
        do {
            comparison = try GeneratorPipeline.compare(options)
        } catch {
            throw report(error)
        }
        let folder = OutputFolder(path: options.outputPath)
        if check {
            try printCheck(comparison, folder: folder, options: options)
            return
        }
        do {
            try folder.write(comparison, force: force, prune: prune)
        } catch {
            throw report(error)
        }
        for (file, state) in comparison.files {
            print("\(state == .upToDate ? "unchanged" : "wrote") \(folder.location(of: file.name))")
        }
        for orphan in comparison.orphans {
            let path = folder.location(of: orphan.name)
            print(prune ? "removed \(path)" : "warning: \(path) is produced by no template; --prune removes it")
        }
    }

    /// Prints what `--check` found and fails unless everything is up to date.
    private func printCheck(_ comparison: OutputComparison, folder: OutputFolder, options: GeneratorOptions) throws {
        for (file, state) in comparison.files {
            let path = folder.location(of: file.name)
            switch state {
            case .upToDate:
                break
            case .missing:
                print("missing: \(path)")
            case .stale(let current, let editedByHand):
                if editedByHand { print("edited by hand: \(path)") }
                print(
                    unifiedDiff(from: current, to: file.contents, oldName: "a/\(path)", newName: "b/\(path)"),
                    terminator: "")
            }
        }
        for orphan in comparison.orphans {
            print("orphan: \(folder.location(of: orphan.name)) is produced by no template")
        }
        guard comparison.isUpToDate else {
            print("\(options.outputPath) is stale: run '\(options.regenerateCommand)' and commit the result")
            throw ExitCode.failure
        }
        print("\(options.outputPath) is up to date")
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the register file and the templates; write nothing.")

    @OptionGroup var locations: Locations

    func run() throws {
        do {
            _ = try GeneratorPipeline.render(locations.options)
        } catch {
            throw report(error)
        }
        print("\(locations.input): ok")
    }
}

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the validated register file as JSON (schema in README.md).")

    @Option(name: .long, help: ArgumentHelp("The register file.", valueName: "file"))
    var input = "registers.yaml"

    func run() throws {
        do {
            print(dumpJSON(try GeneratorPipeline.model(inputPath: input)), terminator: "")
        } catch {
            throw report(error)
        }
    }
}
