import ArgumentParser
import Foundation
import SysRegGenKit
import SysRegRuntime

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another tool's register description into registers.yaml entries.",
        subcommands: [ImportKernelSysreg.self]
    )
}

struct ImportKernelSysreg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel-sysreg",
        abstract: "Print registers.yaml entries for the registers of the Linux kernel's arch/arm64/tools/sysreg.",
        discussion: """
            Reads FILE in the format of the kernel's arch/arm64/tools/sysreg (Sysreg NAME op0 op1 \
            CRn CRm op2 ... EndSysreg) and prints, on standard output, one registers.yaml entry per \
            register: its name, its encoding and its el12 alias, taken from the Mapping of the \
            alias's block. Each entry's class and group are TODO, which the register file rejects \
            until you decide them, unless --class and --group give them. Registers already in the \
            register file (--input) are left out. Standard error lists what was skipped and why \
            (SysregFields blocks, blocks it does not understand, aliases that are not EL12 aliases, \
            registers already there) as FILE:line:col: skipped NAME: reason. Each entry carries \
            the register's fields and Prefix layouts, a SysregFields layout it references written out.

            With --standalone it prints instead a complete register file holding every block of \
            FILE in its order: each Sysreg a register described by its fields (no class or group), \
            each SysregFields a shared layout, each Fields a reference to it, each Mapping an \
            alias-of, each EL12 alias also its register's el12. sysreg-gen lint accepts it as it is.
            """
    )

    @Argument(help: ArgumentHelp("The kernel-format register file.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp("Import only these registers (comma-separated names).", valueName: "name,..."),
        transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
    var only: [String]?

    @Option(name: .long, help: ArgumentHelp("The register file the entries are for.", valueName: "file"))
    var input = "registers.yaml"

    @Option(
        name: .customLong("class"),
        help: ArgumentHelp("The class of every imported register: deferred or immediate.", valueName: "class"))
    var registerClass: RegisterClass?

    @Option(help: ArgumentHelp("The group of every imported register: one of the register file's.", valueName: "group"))
    var group: String?

    @Flag(help: "Print a complete register file with every block of the kernel's file, in its order.")
    var standalone = false

    func run() throws {
        if standalone {
            try runStandalone()
            return
        }
        let result: KernelSysregImport
        let target: RegisterFile
        do throws(DiagnosticList) {
            target = try GeneratorPipeline.model(inputPath: input)
            if let group, !target.groups.contains(where: { $0.name.value == group }) {
                throw DiagnosticList([.error("--group: '\(group)' is not a group of \(input)", at: nil)])
            }
            let parsed = try readKernelFile()
            result = try KernelSysregImport(parsed, into: target, only: only)
        } catch {
            throw report(error)
        }
        print(
            result.yaml(
                source: file, registerClass: registerClass, group: group, groups: target.groups.map(\.name.value)),
            terminator: "")
        let log = result.skipped.map { "\($0)\n" }.joined()
        let summary = "imported \(result.registers.count), skipped \(result.skipped.count)\n"
        FileHandle.standardError.write(Data((log + summary).utf8))
    }
}

extension ImportKernelSysreg {
    /// `--standalone`: the whole file as a register file of its own.
    func runStandalone() throws {
        let parsed: KernelSysregFile
        do throws(DiagnosticList) {
            if only != nil || registerClass != nil || group != nil {
                throw DiagnosticList([
                    .error(
                        "--standalone imports every block, with no class or group: drop --only, --class and --group",
                        at: nil)
                ])
            }
            parsed = try readKernelFile()
        } catch {
            throw report(error)
        }
        let (text, warnings) = KernelSysregImport.standalone(parsed)
        print(text, terminator: "")
        let log = (warnings.map { "\($0)\n" } + parsed.skipped.map { "\($0)\n" }).joined()
        let summary =
            "imported \(parsed.blocks.count) registers and \(parsed.layouts.count) shared layouts, skipped \(parsed.skipped.count)\n"
        FileHandle.standardError.write(Data((log + summary).utf8))
    }

    /// The kernel-format file, parsed.
    func readKernelFile() throws(DiagnosticList) -> KernelSysregFile {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DiagnosticList([.error("cannot read '\(file)'", at: nil)])
        }
        return try KernelSysregFile.parse(String(decoding: data, as: UTF8.self), path: file)
    }
}

extension RegisterClass: ExpressibleByArgument {}
