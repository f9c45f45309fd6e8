import ArgumentParser
import Foundation
import SysRegGenKit

/// `sysreg-gen`: generates Swift system-register accessors from `registers.yaml`.
///
/// Every command names itself: ArgumentParser otherwise derives a command's name from its
/// type's name with `String(describing:)`, a dynamic cast each time it looks one up (9M
/// instructions a run, more than the rest of its parsing).
@main
struct SysRegGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sysreg-gen",
        abstract: "Generate arm64 system-register tables, accessors and save/restore code from one YAML file.",
        usage: """
            sysreg-gen [generate] [--check] [--input <file>] [--config <file>] [--set <name> ...]
            sysreg-gen [generate] [--check] [--input <file>] [--builtin <set>] [--templates <folder>] [--output <folder>]
            sysreg-gen lint [--input <file>] [--config <file>] [--set <name> ...]
            sysreg-gen dump [--input <file>]
            sysreg-gen import kernel-sysreg <file> [--only <name>,...] [--class <class>] [--group <group>] [--input <file>]
            sysreg-gen templates export <dir> [--set <name> ...] [--force]
            sysreg-gen init [--output <folder>] [--schemas <folder>] [--force]
            """,
        discussion: """
            Reads the register file (registers.yaml) and renders each template set of the template \
            sets file (sysreg-gen.yaml) to its output folder: every template NAME.mustache to \
            <output>/NAME. The templates are built in: the sets 'swift' (the Swift accessors), 'c' \
            and 'kernel-defs' (kernel-style C) and 'backend' (MRS/MSR in C) ship inside the tool. \
            A set names its built-in set ('builtin: swift') and may add a folder of its own \
            ('templates: FOLDER') whose NAME.mustache files replace the built-in ones of the same \
            name or add templates; 'templates export' copies the built-in ones out. Without a \
            template sets file, the built-in swift set renders to Generated/, overridden by \
            Templates/ when that folder exists. --set picks sets. Run with no arguments after \
            editing registers.yaml, then review the diff; CI runs --check, which writes nothing \
            and fails when an output folder is stale. 'init' starts a new package's two files. \
            'import kernel-sysreg' turns the Linux kernel's arch/arm64/tools/sysreg into register \
            entries. Every path is relative to the current folder. 'sysreg-gen help generate' lists \
            every option.
            """,
        subcommands: [Generate.self, Lint.self, Dump.self, Import.self, Templates.self, Init.self],
        defaultSubcommand: Generate.self
    )
}

/// The input and output locations every subcommand shares.
struct Locations: ParsableArguments {
    /// The register file read when no `--input` is given.
    static let defaultInput = "registers.yaml"

    @Option(name: .long, help: ArgumentHelp("The register file.", valueName: "file"))
    var input = Locations.defaultInput

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A built-in template set to render: swift, c, kernel-defs or backend ('sysreg-gen templates export' copies them out).",
            valueName: "set"))
    var builtin: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of *.mustache templates. Alone, the whole template set, no built-in template; with --builtin, each NAME.mustache replaces the built-in NAME.mustache or adds a template.",
            valueName: "folder"))
    var templates: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The folder generated files are written to (default: Generated).", valueName: "folder"))
    var output: String?

    /// Whether the command line names a template set of its own, in place of the template sets file.
    var namesOneSet: Bool { builtin != nil || templates != nil || output != nil }

    /// The command the headers give for regenerating: it repeats every location given.
    var regenerateCommand: String {
        var command = "swift run sysreg-gen"
        if input != GeneratorOptions().inputPath { command += " --input \(input)" }
        if let builtin { command += " --builtin \(builtin)" }
        if let templates { command += " --templates \(templates)" }
        if let output { command += " --output \(output)" }
        return command
    }

    /// The template set the command line names: `--builtin` overridden by `--templates`, or
    /// `--templates` alone, or the default set; written to `--output`, or `Generated`.
    var oneSet: TemplateSetLocation {
        let fallback = TemplateSetsFile.defaultSet
        let source: TemplateSource =
            if let builtin {
                .builtin(builtin, overriddenBy: templates)
            } else if let templates {
                .folder(templates)
            } else {
                fallback.templates
            }
        return TemplateSetLocation(name: fallback.name, templates: source, output: output ?? fallback.output)
    }
}

/// Prints warnings to standard error.
func warn(_ warnings: [Diagnostic]) {
    guard !warnings.isEmpty else { return }
    FileHandle.standardError.write(Data((DiagnosticList(warnings).description + "\n").utf8))
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
        commandName: "generate",
        abstract: "Regenerate the output folders (the default subcommand).",
        discussion: """
            Writes only the files whose bytes change, each atomically, and nothing at all if any \
            problem is found in any template set. A generated file edited by hand since it was \
            generated (its header carries a hash of its contents) is not overwritten without \
            --force. Files in an output folder that no template produces fail the run, and \
            --prune removes them. With --check, writes nothing: prints a unified diff for each \
            stale file, names missing files and files no template produces, prints the one \
            command that brings the folder up to date, and exits 1 unless every output folder is \
            up to date.
            """
    )

    @OptionGroup var locations: Locations

    @OptionGroup var templateSets: TemplateSetSelection

    @Flag(help: "Write nothing; exit 1 if an output folder is not what generation would produce.")
    var check = false

    @Flag(help: "Overwrite generated files edited by hand, and with --prune remove any orphan.")
    var force = false

    @Flag(help: "Remove files in the output folders that no template produces.")
    var prune = false

    func validate() throws {
        if check && (force || prune) {
            throw ValidationError("--check writes nothing; it cannot be combined with --force or --prune.")
        }
    }

    func run() throws {
        let runs: [GeneratorOptions]
        let comparisons: [OutputComparison]
        do {
            let selection = try templateSets.runs(locations)
            runs = selection.runs
            comparisons = try GeneratorPipeline.compare(runs, otherOutputs: selection.otherOutputs)
        } catch {
            throw report(error)
        }
        let folders = runs.map { OutputFolder(path: $0.outputPath) }
        if check {
            var upToDate = true
            for (index, comparison) in comparisons.enumerated() {
                upToDate = printCheck(comparison, folder: folders[index], options: runs[index]) && upToDate
            }
            if !upToDate { throw ExitCode.failure }
            return
        }
        // Every set is checked before any is written, so a refusal leaves every folder as it was.
        let refusals = zip(folders, comparisons).flatMap { $0.refusals($1, force: force, prune: prune) }
        guard refusals.isEmpty else { throw report(DiagnosticList(refusals)) }
        for (folder, comparison) in zip(folders, comparisons) {
            do {
                try folder.write(comparison, force: force, prune: prune)
            } catch {
                throw report(error)
            }
            for (file, state) in comparison.files {
                print("\(state == .upToDate ? "unchanged" : "wrote") \(folder.location(of: file.name))")
            }
            // Orphans are refused above unless pruning, so each one here was removed.
            for orphan in comparison.orphans {
                print("removed \(folder.location(of: orphan.name))")
            }
            warn(folder.warnings(comparison, force: force, prune: prune))
        }
    }

    /// Prints what `--check` found in one output folder; true when it is up to date.
    private func printCheck(_ comparison: OutputComparison, folder: OutputFolder, options: GeneratorOptions) -> Bool {
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
            // The one command that fixes everything found here, and that generation accepts.
            let command = ([options.regenerateCommand] + comparison.fixingFlags).joined(separator: " ")
            print("\(options.outputPath) is stale: run '\(command)' and commit the result")
            return false
        }
        print("\(options.outputPath) is up to date")
        return true
    }
}

extension Generate {
    /// The generation or check a command line of this subcommand's options alone names, read
    /// without ArgumentParser; `nil` for any other command line, which ArgumentParser reads.
    ///
    /// To read one command line ArgumentParser reflects the root command, every option group
    /// and two commands of its own for completion scripts: 14M instructions, about a sixth of
    /// the kernel header's run, before anything else can start. The command lines CI, hooks
    /// and builds run are `[generate]` and these options, each given once with a value of its
    /// own: those are read here into the `Generate` ArgumentParser would make of them
    /// (`CommandLineTests` runs each form both ways). Anything else (help, another subcommand,
    /// `--name=value`, a value starting with `-` or empty, an option or flag given twice,
    /// flags `validate()` rejects) goes to ArgumentParser, whose messages and help are the
    /// only ones users see.
    static func reading(plainCommandLine arguments: [String]) -> Generate? {
        var arguments = arguments[...]
        if arguments.first == configuration.commandName { arguments.removeFirst() }
        var (input, builtin, templates, output, config): (String?, String?, String?, String?, String?)
        var sets: [String] = []
        var (check, force, prune) = (false, false, false)
        /// Sets `slot` from the next argument; false when it is set already or there is no plain value.
        func take(_ slot: inout String?) -> Bool {
            guard slot == nil, let value = arguments.popFirst(), !value.isEmpty, !value.hasPrefix("-") else {
                return false
            }
            slot = value
            return true
        }
        /// Sets `flag`; false when it is set already.
        func raise(_ flag: inout Bool) -> Bool {
            defer { flag = true }
            return !flag
        }
        while let argument = arguments.popFirst() {
            var set: String?
            let read =
                switch argument {
                case "--input": take(&input)
                case "--builtin": take(&builtin)
                case "--templates": take(&templates)
                case "--output": take(&output)
                case "--config": take(&config)
                case "--set": take(&set)
                case "--check": raise(&check)
                case "--force": raise(&force)
                case "--prune": raise(&prune)
                default: false
                }
            guard read else { return nil }
            if let set { sets.append(set) }
        }
        // Every property set, each group whole: a group read before it is set stops the process.
        var locations = Locations()
        locations.input = input ?? Locations.defaultInput
        locations.builtin = builtin
        locations.templates = templates
        locations.output = output
        var templateSets = TemplateSetSelection()
        templateSets.config = config
        templateSets.sets = sets
        // Not in an initializer, where assigning a flag would make it a definition again.
        var command = Generate()
        command.locations = locations
        command.templateSets = templateSets
        command.check = check
        command.force = force
        command.prune = prune
        guard (try? command.validate()) != nil else { return nil }
        return command
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate the register file and the templates; write nothing.")

    @OptionGroup var locations: Locations

    @OptionGroup var templateSets: TemplateSetSelection

    func run() throws {
        do {
            try GeneratorPipeline.lint(templateSets.runs(locations).runs)
        } catch {
            throw report(error)
        }
        print("\(locations.input): ok")
    }
}

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the validated register file as JSON (schema in README.md).")

    @Option(name: .long, help: ArgumentHelp("The register file.", valueName: "file"))
    var input = "registers.yaml"

    func run() throws {
        do {
            print(try dumpJSON(GeneratorPipeline.model(inputPath: input)), terminator: "")
        } catch {
            throw report(error)
        }
    }
}
