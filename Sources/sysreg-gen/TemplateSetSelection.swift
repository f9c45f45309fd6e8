import ArgumentParser
import Foundation
import SysRegGenKit

/// Which template sets a run renders: those of the template sets file, or the one `--templates`
/// and `--output` name.
struct TemplateSetSelection: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The template sets file (default: \(TemplateSetsFile.defaultPath) when it exists).", valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Render only this template set of the template sets file; repeat for more.", valueName: "name"))
    var sets: [String] = []

    /// The pipeline's runs, one per selected set, and the output folders of the sets not selected.
    ///
    /// `--templates` or `--output` name a single set of their own; otherwise the sets come from
    /// the template sets file, or are `Templates/` → `Generated/` when there is none.
    func runs(_ locations: Locations) throws(DiagnosticList) -> (runs: [GeneratorOptions], otherOutputs: [String]) {
        let defaults = GeneratorOptions()
        let base = locations.options
        if locations.templates != defaults.templatesPath || locations.output != defaults.outputPath {
            guard config == nil, sets.isEmpty else {
                throw DiagnosticList([
                    .error(
                        "--templates and --output name one template set; do not combine them with --config or --set",
                        at: nil)
                ])
            }
            return ([base], [])
        }
        let file: TemplateSetsFile
        if let config {
            file = try TemplateSetsFile.load(path: config)
        } else if FileManager.default.fileExists(atPath: TemplateSetsFile.defaultPath) {
            file = try TemplateSetsFile.load(path: TemplateSetsFile.defaultPath)
        } else {
            file = TemplateSetsFile(path: "the default template sets", sets: [TemplateSetsFile.defaultSet])
        }
        let selected = try file.selecting(sets)
        let command =
            base.regenerateCommand
            + (config.map { $0 == TemplateSetsFile.defaultPath ? "" : " --config \($0)" } ?? "")
        let runs = selected.map {
            GeneratorOptions(
                inputPath: base.inputPath, templatesPath: $0.templates, outputPath: $0.output,
                regenerateCommand: command)
        }
        let others = file.sets.filter { !selected.contains($0) }.map(\.output)
        return (runs, others)
    }
}
