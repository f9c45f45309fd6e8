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
    /// Whether the process exits soon after a run, so that the values a run discards (the
    /// models, the views) are left for the exit to reclaim rather than freed node by node (the
    /// parsed document, a few large arrays, is freed as soon as it is validated). A
    /// command-line tool sets it once, before any run; a library keeps the default, freeing
    /// them on another thread.
    nonisolated(unsafe) public static var leavesDiscardedValuesToExit = false

    /// Loads and validates the register file.
    public static func model(inputPath: String) throws(DiagnosticList) -> RegisterFile {
        let document = try YAMLLoader.load(path: inputPath)
        let file = try RegisterFileValidator.validate(document)
        // Freed here, before the views are built, even by a run that leaves the rest to the
        // exit: the nodes are a few large arrays, cheap to free, whose pages the views then
        // reuse instead of faulting fresh ones in (each about 4 µs here).
        _ = consume document
        return file
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
        var (renderRuns, models) = try prepare(runs)
        let rendered = try TemplateRenderer.render(renderRuns)
        // Freed on another core while the caller compares and writes the files; nothing else
        // holds them by now.
        let discarded = DiscardedValue((renderRuns, models))
        renderRuns = []
        models = [:]
        discarded.freeInBackground()
        return rendered
    }

    /// Finds every problem rendering `runs` would report, rendering nothing: each register
    /// file validated, each template set loaded and compiled against its views, each view
    /// built.
    ///
    /// Rendering a compiled template adds no problem of its own, so these are the problems
    /// rendering `runs` reports, without the cost of the outputs.
    public static func lint(_ runs: [GeneratorOptions]) throws(DiagnosticList) {
        let prepared = try prepare(runs)
        DiscardedValue(prepared).freeInBackground()
    }

    /// Each run's template set with the views of its register file, ready to render, and the
    /// models; or the problems of the register files, of every template set and of the views,
    /// together.
    private static func prepare(
        _ runs: [GeneratorOptions]
    ) throws(DiagnosticList) -> (runs: [RenderRun], models: [String: RegisterFile]) {
        var diagnostics: [Diagnostic] = []
        let (models, templateSets) = load(runs, &diagnostics)
        let loaded = runs.compactMap { run in templateSets[run.templates].map { (run: run, templates: $0) } }
        let views = views(of: loaded.map { ($0.run.inputPath, $0.templates) }, models: models, &diagnostics)
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        let renderRuns = loaded.map { run, templates in
            RenderRun(
                renderer: TemplateRenderer(inputPath: run.inputPath, regenerateCommand: run.regenerateCommand),
                templates: templates, views: views[run.inputPath] ?? [:])
        }
        return (renderRuns, models)
    }

    /// Every register file and every template set the runs name, each once, and the problems
    /// of those that fail.
    ///
    /// They are independent: the files are read and checked while the templates are.
    private static func load(
        _ runs: [GeneratorOptions], _ diagnostics: inout [Diagnostic]
    ) -> (models: [String: RegisterFile], templateSets: [TemplateSource: TemplateSet]) {
        let paths = distinct(runs.map(\.inputPath))
        let sources = distinct(runs.map(\.templates))
        let (models, templateSets) = concurrently(
            { paths.map { path in Result { () throws(DiagnosticList) in try model(inputPath: path) } } },
            { sources.map { source in Result { () throws(DiagnosticList) in try TemplateSet.load(source) } } })
        return (successes(zip(paths, models), &diagnostics), successes(zip(sources, templateSets), &diagnostics))
    }

    /// Each view the template sets of `runs` are written against, of each register file once, by
    /// file and kind; the problems of those that fail, in the order the runs name them.
    ///
    /// The views are independent of each other: built in parallel.
    private static func views(
        of runs: [(input: String, templates: TemplateSet)], models: [String: RegisterFile],
        _ diagnostics: inout [Diagnostic]
    ) -> [String: [ViewKind: any TargetView]] {
        var wanted: [(input: String, kind: ViewKind, model: RegisterFile)] = []
        var attempted: Set<ViewOfFile> = []
        for (input, templates) in runs {
            guard let model = models[input] else { continue }
            for kind in templates.views where attempted.insert(ViewOfFile(input: input, view: kind)).inserted {
                wanted.append((input, kind, model))
            }
        }
        let built = wanted.concurrentMap { view in
            Result { () throws(DiagnosticList) -> any TargetView in try view.kind.type.init(view.model) }
        }
        var views: [String: [ViewKind: any TargetView]] = [:]
        for (view, value) in successes(
            zip(wanted.map { ViewOfFile(input: $0.input, view: $0.kind) }, built), &diagnostics)
        {
            views[view.input, default: [:]][view.view] = value
        }
        return views
    }

    /// The successes of `results` by key; each failure's problems appended to `diagnostics`,
    /// in order.
    private static func successes<Results: Sequence, Key: Hashable, Value>(
        _ results: Results, _ diagnostics: inout [Diagnostic]
    ) -> [Key: Value] where Results.Element == (Key, Result<Value, DiagnosticList>) {
        var values: [Key: Value] = [:]
        for (key, result) in results {
            switch result {
            case .success(let value): values[key] = value
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        return values
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
        // Standardized only when a folder has orphans: standardizing resolves symbolic links
        // component by component, about 1 ms of a kernel header run that has none.
        var outputs: Set<String>?
        return zip(runs, try render(runs)).map { run, files in
            let folder = OutputFolder(path: run.outputPath)
            var comparison = folder.compare(files)
            guard !comparison.orphans.isEmpty else { return comparison }
            let known =
                outputs ?? Set((runs.map(\.outputPath) + otherOutputs).map { ($0 as NSString).standardizingPath })
            outputs = known
            comparison.orphans.removeAll {
                known.contains((folder.location(of: $0.name) as NSString).standardizingPath)
            }
            return comparison
        }
    }
}
