import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-sysregs [ARGUMENTS]`: runs
/// `sysreg-gen` in the directory of the package it is invoked on, with the arguments given.
///
/// So `generate-sysregs` regenerates from that package's `registers.yaml` and `sysreg-gen.yaml`,
/// `generate-sysregs --check` checks its output folders, and `init` and `templates export DIR`
/// scaffold and export there. The tool's output is forwarded unchanged; its `path:line:col`
/// diagnostics are also reported to SwiftPM, so Xcode shows them in place, and a failing run fails
/// the plugin.
@main
struct GenerateSysRegs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let packageDirectory = context.package.directoryURL
        var toolArguments = ToolArguments.droppingTargets(arguments)
        if toolArguments.first == "init", !toolArguments.contains(where: { $0.hasPrefix("--schemas") }),
            let schemas = ToolArguments.schemasFolder(in: context.package)
        {
            // The scaffold's `$schema=` lines point into the SysRegGen checkout this package
            // uses; init writes them relative to the package directory.
            toolArguments += ["--schemas", schemas.path]
        }
        let tool = try context.tool(named: "sysreg-gen")
        let status = try ToolRun(executable: tool.url, arguments: toolArguments, directory: packageDirectory).run()
        guard status == 0 else { throw ToolFailure(status: status) }
    }
}

/// `sysreg-gen` exited with a non-zero status; its diagnostics have been reported.
struct ToolFailure: Error, CustomStringConvertible {
    /// The tool's exit status.
    var status: Int32

    var description: String { "sysreg-gen failed (exit status \(status))" }
}
