import Foundation

/// Where the generator reads and writes, and how its outputs say to regenerate them.
public struct GeneratorOptions: Sendable {
    /// The register file (`registers.yaml`).
    public var inputPath: String
    /// The templates folder (`Templates`).
    public var templatesPath: String
    /// The output folder (`Generated`).
    public var outputPath: String
    /// The command each output's header gives for regenerating it.
    public var regenerateCommand: String

    /// Creates options; the defaults are the package's own layout.
    public init(
        inputPath: String = "registers.yaml", templatesPath: String = "Templates", outputPath: String = "Generated",
        regenerateCommand: String = "swift run sysreg-gen"
    ) {
        self.inputPath = inputPath
        self.templatesPath = templatesPath
        self.outputPath = outputPath
        self.regenerateCommand = regenerateCommand
    }
}

/// The stages wired together: load → validate → view → render, then compare or write.
///
/// Problems of the register file and of the templates are reported together.
public enum GeneratorPipeline {
    /// Loads and validates the register file.
    public static func model(inputPath: String) throws(DiagnosticList) -> RegisterFile {
        try RegisterFileValidator.validate(try YAMLLoader.load(path: inputPath))
    }

    /// Renders every output in memory; writes nothing.
    public static func render(_ options: GeneratorOptions) throws(DiagnosticList) -> [RenderedFile] {
        try render([options])[0]
    }

    /// Renders the outputs of several runs (one per template set) in memory; writes nothing.
    ///
    /// Each register file is validated once, and the problems of the register files and of
    /// every template set are reported together. The result has one list per run, in order.
    public static func render(_ runs: [GeneratorOptions]) throws(DiagnosticList) -> [[RenderedFile]] {
        var views: [String: MustacheTree] = [:]
        var diagnostics: [Diagnostic] = []
        for run in runs where views[run.inputPath] == nil {
            do {
                views[run.inputPath] = MustacheTree(TemplateView(try model(inputPath: run.inputPath)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var sets: [TemplateSet] = []
        for run in runs {
            do {
                sets.append(try TemplateSet.load(folder: run.templatesPath))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return zip(runs, sets).map { run, templates in
            let renderer = TemplateRenderer(inputPath: run.inputPath, regenerateCommand: run.regenerateCommand)
            return renderer.render(templates, view: views[run.inputPath]!)
        }
    }

    /// Renders every output and compares it with the output folder; writes nothing.
    public static func compare(_ options: GeneratorOptions) throws(DiagnosticList) -> OutputComparison {
        try compare([options])[0]
    }

    /// Renders the outputs of several runs and compares each with its output folder; writes
    /// nothing. The result has one comparison per run, in order.
    ///
    /// A folder inside an output folder that is itself the output folder of a run, or one of
    /// `otherOutputs` (the template sets not selected), is not an orphan.
    public static func compare(
        _ runs: [GeneratorOptions], otherOutputs: [String] = []
    ) throws(DiagnosticList) -> [OutputComparison] {
        let outputs = Set((runs.map(\.outputPath) + otherOutputs).map { ($0 as NSString).standardizingPath })
        return zip(runs, try render(runs)).map { run, files in
            let folder = OutputFolder(path: run.outputPath)
            var comparison = folder.compare(files)
            comparison.orphans.removeAll {
                outputs.contains((folder.location(of: $0.name) as NSString).standardizingPath)
            }
            return comparison
        }
    }
}
