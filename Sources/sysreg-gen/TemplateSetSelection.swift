import ArgumentParser
import Foundation
import SysRegGenKit

/// Which template sets a run renders: those of the template sets file, or the one `--builtin`,
/// `--templates` and `--output` name.
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
    /// `--builtin`, `--templates` or `--output` name a single set of their own; otherwise the
    /// sets come from the template sets file, or are the default set when there is none.
    func runs(_ locations: Locations) throws(DiagnosticList) -> (runs: [GeneratorOptions], otherOutputs: [String]) {
        if locations.namesOneSet {
            guard config == nil, sets.isEmpty else {
                throw DiagnosticList([
                    .error(
                        "--builtin, --templates and --output name one template set; do not combine them with --config or --set",
                        at: nil)
                ])
            }
            let set = locations.oneSet
            return (
                [
                    GeneratorOptions(
                        inputPath: locations.input, templates: set.templates, outputPath: set.output,
                        regenerateCommand: locations.regenerateCommand)
                ], []
            )
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
            locations.regenerateCommand
            + (config.map { $0 == TemplateSetsFile.defaultPath ? "" : " --config \($0)" } ?? "")
        let runs = selected.map {
            GeneratorOptions(
                inputPath: locations.input, templates: $0.templates, outputPath: $0.output,
                regenerateCommand: command)
        }
        let others = file.sets.filter { !selected.contains($0) }.map(\.output)
        return (runs, others)
    }
}
