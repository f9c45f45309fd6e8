import ArgumentParser
import Foundation
import SysRegGenKit

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the built-in template sets.",
        subcommands: [ExportTemplates.self]
    )
}

struct ExportTemplates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Copy the built-in templates out for customising: DIR/<set>/NAME.mustache.",
        discussion: """
            Writes each built-in template set (swift, c, kernel-defs, backend; --set picks some) \
            into a folder of its own, DIR/<set>/, byte for byte. To customise a set, keep in that \
            folder only the templates you change or add, and name it in sysreg-gen.yaml next to \
            the set's builtin: 'builtin: swift' with 'templates: DIR/swift'; each NAME.mustache \
            there replaces the built-in NAME.mustache, the others stay the tool's. A file already \
            there with other bytes is not overwritten without --force, and then nothing is written.
            """
    )

    @Argument(help: ArgumentHelp("The folder to write the sets' folders into.", valueName: "dir"))
    var directory: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Export only this built-in set; repeat for more.", valueName: "name"))
    var sets: [String] = []

    @Flag(help: "Overwrite files that differ from the built-in templates.")
    var force = false

    func run() throws {
        do {
            for line in try TemplateExport(into: directory, sets: sets).write(force: force) {
                print(line)
            }
        } catch {
            throw report(error)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a register file and a template sets file in the current folder.",
        discussion: """
            Writes registers.yaml, with one register (TPIDR_EL1) and its group, and \
            sysreg-gen.yaml, which renders the built-in swift set from it to the output folder. \
            Then add registers and run sysreg-gen. With --schemas, each file's first line is \
            '# yaml-language-server: $schema=<folder>/registers.schema.json' \
            (sysreg-gen.schema.json for sysreg-gen.yaml), the folder relative to the current one, \
            so that editors check the files as you type. Files already there with other bytes \
            are not overwritten without --force, and then nothing is written.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The folder the generated Swift is written to, relative to the current folder.", valueName: "folder"))
    var output = "Generated"

    @Option(
        help: ArgumentHelp(
            "The folder of SysRegGen's JSON schemas (its Schemas/), for the files' $schema line.", valueName: "folder"))
    var schemas: String?

    @Flag(help: "Overwrite registers.yaml and sysreg-gen.yaml when they differ.")
    var force = false

    func run() throws {
        do {
            let scaffold = try Scaffold(output: output, schemas: schemas)
            for line in try scaffold.files.write(force: force) {
                print(line)
            }
            warn(scaffold.warnings)
        } catch {
            throw report(error)
        }
    }
}
