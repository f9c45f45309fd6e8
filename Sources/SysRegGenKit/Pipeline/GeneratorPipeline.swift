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
        let model = Result { () throws(DiagnosticList) in try Self.model(inputPath: options.inputPath) }
        let templates = Result { () throws(DiagnosticList) in try TemplateSet.load(folder: options.templatesPath) }
        switch (model, templates) {
        case (.success(let model), .success(let templates)):
            let renderer = TemplateRenderer(inputPath: options.inputPath, regenerateCommand: options.regenerateCommand)
            return renderer.render(templates, view: TemplateView(model))
        case (.failure(let a), .failure(let b)):
            throw DiagnosticList(a.diagnostics + b.diagnostics)
        case (.failure(let error), _), (_, .failure(let error)):
            throw error
        }
    }

    /// Renders every output and compares it with the output folder; writes nothing.
    public static func compare(_ options: GeneratorOptions) throws(DiagnosticList) -> OutputComparison {
        OutputFolder(path: options.outputPath).compare(try render(options))
    }
}
