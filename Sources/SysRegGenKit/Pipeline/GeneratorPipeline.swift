import Foundation

/// Where the generator reads and writes, and how its outputs say to regenerate them.
public struct GeneratorOptions: Sendable {
    /// The register file (`registers.yaml`).
    public var inputPath: String
    /// The templates: the built-in `swift` set unless told otherwise.
    public var templates: TemplateSource
    /// The output folder (`Generated`).
    public var outputPath: String
    /// The command each output's header gives for regenerating it.
    public var regenerateCommand: String

    /// Creates options; the defaults are the built-in Swift set rendered from `registers.yaml`
    /// to `Generated`.
    public init(
        inputPath: String = "registers.yaml", templates: TemplateSource = .builtin("swift"),
        outputPath: String = "Generated", regenerateCommand: String = "swift run sysreg-gen"
    ) {
        self.inputPath = inputPath
        self.templates = templates
        self.outputPath = outputPath
        self.regenerateCommand = regenerateCommand
    }
}

/// The stages wired together: load → validate → view (one per target language) → render, then
/// compare or write.
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
    /// Each register file is validated once and each view of it built once, however many runs
    /// use them, so that each problem is reported once; the problems of the register files, of
    /// every template set and of the views are reported together. The result has one list per
    /// run, in order.
    public static func render(_ runs: [GeneratorOptions]) throws(DiagnosticList) -> [[RenderedFile]] {
        // The register files and the template sets are independent: read and checked at once.
        let paths = distinct(runs.map(\.inputPath))
        let sources = distinct(runs.map(\.templates))
        let (modelResults, setResults) = concurrently(
            { paths.map { path in Result { () throws(DiagnosticList) in try model(inputPath: path) } } },
            { sources.map { source in Result { () throws(DiagnosticList) in try TemplateSet.load(source) } } })
        var diagnostics: [Diagnostic] = []
        var models: [String: RegisterFile] = [:]
        for (path, result) in zip(paths, modelResults) {
            switch result {
            case .success(let model): models[path] = model
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        var templateSets: [TemplateSource: TemplateSet] = [:]
        for (source, result) in zip(sources, setResults) {
            switch result {
            case .success(let templates): templateSets[source] = templates
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        let loaded = runs.compactMap { run in templateSets[run.templates].map { (run: run, templates: $0) } }
        // The views are independent of each other: built in parallel, each problem reported in
        // the order the runs name the views.
        var wanted: [(input: String, kind: ViewKind, model: RegisterFile)] = []
        var attempted: Set<ViewOfFile> = []
        for (run, templates) in loaded {
            guard let model = models[run.inputPath] else { continue }
            for kind in templates.views where attempted.insert(ViewOfFile(input: run.inputPath, view: kind)).inserted {
                wanted.append((run.inputPath, kind, model))
            }
        }
        let built = wanted.concurrentMap { view in
            Result { () throws(DiagnosticList) -> any TargetView in try view.kind.type.init(view.model) }
        }
        var views: [String: [ViewKind: any TargetView]] = [:]
        for (view, result) in zip(wanted, built) {
            switch result {
            case .success(let value): views[view.input, default: [:]][view.kind] = value
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return try TemplateRenderer.render(
            loaded.map { run, templates in
                RenderRun(
                    renderer: TemplateRenderer(inputPath: run.inputPath, regenerateCommand: run.regenerateCommand),
                    templates: templates, views: views[run.inputPath] ?? [:])
            })
    }

    /// `values` without repeats, in first-seen order.
    private static func distinct<Value: Hashable>(_ values: [Value]) -> [Value] {
        var seen: Set<Value> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// One view of one register file: what the pipeline builds once per run.
    private struct ViewOfFile: Hashable {
        var input: String
        var view: ViewKind
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
