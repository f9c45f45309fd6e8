import Foundation

/// One file the generator produces: where it goes and its exact bytes.
public struct RenderedFile: Sendable, Equatable {
    /// Its name inside the output folder (`SysReg.swift`).
    public var name: String
    /// Its full contents, header included when it has one.
    public var contents: String {
        get { text.string }
        set { text = RenderedText(newValue) }
    }
    /// Whether it starts with sysreg-gen's ``GeneratedHeader``, by which a later run tells a hand
    /// edit from a stale file; false for a template declaring `{{! header: none }}`.
    public var hasHeader: Bool
    /// The contents as they were rendered: compared and written without being joined.
    var text: RenderedText

    /// Creates the file `name` holding `contents`, with or without sysreg-gen's header.
    public init(name: String, contents: String, hasHeader: Bool) {
        self.init(name: name, text: RenderedText(contents), hasHeader: hasHeader)
    }

    init(name: String, text: RenderedText, hasHeader: Bool) {
        self.name = name
        self.text = text
        self.hasHeader = hasHeader
    }
}

/// A template that produces a file.
public struct TemplateOutput: Sendable, Equatable {
    /// The file's name inside the output folder, and the template's name without `.mustache`.
    public var name: String
    /// The template's path, where its diagnostics point.
    public var templatePath: String
    /// The template as its output's header names it: its path, or `built-in SET/NAME.mustache`
    /// for a built-in template, whose path inside the tool's resources is no business of the output.
    public var headerName: String
    /// The view it is written against (its `view:` directive).
    public var view: ViewKind
    /// What heads its output (its `header:` directive).
    public var header: OutputHeader
    /// How its output is split over several files (its `split:` directive); `nil` for one file.
    public var split: OutputSplit?

    /// The names of the files it produces: its own, or those of its parts.
    public var fileNames: [String] {
        guard let split else { return [name] }
        return (0..<split.parts).map { split.name(ofPart: $0, of: name) }
    }
}

/// The templates of a set (``TemplateSource``): `NAME.mustache` renders to `NAME`;
/// `_NAME.mustache` is a partial, included by others with `{{> _NAME}}` and rendered to no file
/// of its own.
///
/// Each template is written against one view, which it names in a directive comment,
/// `{{! view: kernel-c }}`; a partial is checked against the view of each template that
/// includes it. Its output is headed by sysreg-gen's ``GeneratedHeader`` unless it declares
/// `{{! header: none }}` (``TemplateDirectives``).
public struct TemplateSet: Sendable {
    /// Where its templates come from.
    public var source: TemplateSource
    /// The templates that produce files, in name order.
    public var outputs: [TemplateOutput]
    /// Each output's template, compiled against its view, by name without `.mustache`.
    var compiled: [String: CompiledTemplate]

    /// The views its templates are written against, each once, in ``ViewKind`` order.
    public var views: [ViewKind] {
        ViewKind.allCases.filter { view in outputs.contains { $0.view == view } }
    }

    /// The extension every template file carries.
    public static let fileExtension = ".mustache"

    /// Reads and parses every `*.mustache` file in `folder`: the whole set, no built-in template.
    public static func load(folder: String) throws(DiagnosticList) -> TemplateSet {
        try load(.folder(folder))
    }

    /// Reads and parses the templates of `source`: the built-in ones, then the folder's, each
    /// replacing the built-in template of its name. Every problem of every file is reported,
    /// at the path of the file it is in.
    public static func load(_ source: TemplateSource) throws(DiagnosticList) -> TemplateSet {
        var files: [String: (path: String, headerName: String)] = [:]
        var diagnostics: [Diagnostic] = []
        if let builtin = source.builtin {
            do {
                let resources = try BuiltinResources.located()
                let folder = try resources.folder(ofSet: builtin)
                let names = try resources.templateFiles(ofSet: builtin)
                let templateNames = try resources.templateNames(ofSet: builtin)
                for name in source.excluded where !templateNames.contains(name) {
                    let known = templateNames.map { "'\($0)'" }.joined(separator: ", ")
                    diagnostics.append(
                        .error(
                            "the built-in \(builtin) set has no template '\(name)' to exclude; it has \(known)", at: nil
                        ))
                }
                for file in names where !source.excluded.contains(String(file.dropLast(fileExtension.count))) {
                    files[file] = ((folder as NSString).appendingPathComponent(file), "built-in \(builtin)/\(file)")
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if let folder = source.folder {
            do {
                for file in try FileManager.default.contentsOfDirectory(atPath: folder)
                where file.hasSuffix(fileExtension) {
                    let path = (folder as NSString).appendingPathComponent(file)
                    if source.excluded.contains(String(file.dropLast(fileExtension.count))) {
                        diagnostics.append(
                            .error(
                                "'\(path)' overrides a built-in template the set excludes; drop one of them", at: nil))
                    }
                    files[file] = (path, path)
                }
            } catch {
                diagnostics.append(.error("cannot read the templates folder '\(folder)'", at: nil))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        var outputs: [(name: String, path: String, headerName: String)] = []
        var sources: [String: (path: String, parsed: ParsedTemplate)] = [:]
        for (file, (path, headerName)) in files.sorted(by: { $0.key < $1.key }) {
            let name = String(file.dropLast(fileExtension.count))
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.append(.error("cannot read template '\(path)' as UTF-8", at: nil))
                continue
            }
            switch ParsedTemplate.parse(text, path: path) {
            case .success(let parsed): sources[name] = (path, parsed)
            case .failure(let problem):
                diagnostics.append(problem)
                continue
            }
            if !name.hasPrefix("_") { outputs.append((name, path, headerName)) }
        }
        var templates: [TemplateOutput] = []
        var compiled: [String: CompiledTemplate] = [:]
        if diagnostics.isEmpty {
            var compiler = TemplateCompiler(templates: sources)
            for (name, path, headerName) in outputs {
                switch compiler.directives(of: name) {
                case .success(let directives):
                    compiled[name] = compiler.compile(name, directives)
                    templates.append(
                        TemplateOutput(
                            name: name, templatePath: path, headerName: headerName, view: directives.view,
                            header: directives.header, split: directives.split))
                case .failure(let problems):
                    diagnostics += problems.diagnostics
                }
            }
            diagnostics += compiler.diagnostics
            diagnostics += clashingNames(templates)
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        if templates.isEmpty {
            let place = source.folder.map { "'\($0)'" } ?? "the built-in \(source.builtin ?? "") set"
            throw DiagnosticList([.error("no templates (*\(fileExtension)) in \(place)", at: nil)])
        }
        return TemplateSet(source: source, outputs: templates, compiled: compiled)
    }

    /// An error for each file name two outputs would both write (a part of a split output
    /// named as another template's output), at the template whose name comes second.
    private static func clashingNames(_ outputs: [TemplateOutput]) -> [Diagnostic] {
        var writers: [String: String] = [:]
        return outputs.flatMap { output in
            output.fileNames.compactMap { file -> Diagnostic? in
                guard let earlier = writers.updateValue(output.templatePath, forKey: file) else { return nil }
                return .error(
                    "'\(file)' would be written by both '\(earlier)' and '\(output.templatePath)'; rename one of them",
                    at: nil)
            }
        }
    }
}

/// The fourth stage: renders every template of a set with one view, each output headed by a
/// ``GeneratedHeader`` unless its template declares `{{! header: none }}`.
public struct TemplateRenderer: Sendable {
    /// The input file named in the header.
    public var inputPath: String
    /// The command named in the header.
    public var regenerateCommand: String

    /// Creates a renderer whose headers name `inputPath` and `regenerateCommand`.
    public init(inputPath: String, regenerateCommand: String) {
        self.inputPath = inputPath
        self.regenerateCommand = regenerateCommand
    }

    /// Renders every output of `templates` with the view it is written against, in output-name
    /// order; `views` must hold each of ``TemplateSet/views``.
    ///
    /// The outputs are independent, so they render in parallel; each lands in its own slot, so
    /// the result does not depend on the order they finish in.
    public func render(
        _ templates: TemplateSet, views: [ViewKind: any TargetView]
    ) throws(DiagnosticList) -> [RenderedFile] {
        try Self.render([RenderRun(renderer: self, templates: templates, views: views)])[0]
    }

    /// Renders the outputs of several runs, one list per run, in order: every output of every
    /// run renders in parallel with the others, so that two cores share a run of one large
    /// template and a run of many.
    static func render(_ runs: [RenderRun]) throws(DiagnosticList) -> [[RenderedFile]] {
        let jobs = runs.indices.flatMap { run in runs[run].templates.outputs.indices.map { (run: run, output: $0) } }
        let results = jobs.concurrentMap { job in runs[job.run].files(job.output) }
        var files = runs.map { _ in [RenderedFile]() }
        var diagnostics: [Diagnostic] = []
        for (job, result) in zip(jobs, results) {
            switch result {
            case .success(let output): files[job.run] += output
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return files
    }
}

/// One template set to render with the views of one register file, and how its headers read.
struct RenderRun: Sendable {
    /// What the headers of its outputs name.
    var renderer: TemplateRenderer
    /// The set whose outputs it renders.
    var templates: TemplateSet
    /// The views of the register file, one of each kind its templates are written against.
    var views: [ViewKind: any TargetView]

    /// The files of the output at `index`, each headed as its template says: one, or one per
    /// part of a split output.
    func files(_ index: Int) -> Result<[RenderedFile], Diagnostic> {
        let output = templates.outputs[index]
        guard let view = views[output.view], let body = templates.compiled[output.name]?.render(view) else {
            // Only a template missing from the library or a view not built gets here: a bug of
            // the pipeline, reported rather than written as an empty file.
            let at = SourceLocation(path: output.templatePath, line: 1, column: 1)
            return .failure(.error("could not render '\(output.name)' with the \(output.view.rawValue) view", at: at))
        }
        let texts = output.split.map { body.parts($0.parts) } ?? [body.text]
        return .success(
            zip(output.fileNames, texts).map { name, text in
                switch output.header {
                case .sysregGen:
                    let contents = GeneratedHeader.prepend(
                        to: text, input: renderer.inputPath, template: output.headerName,
                        command: renderer.regenerateCommand)
                    return RenderedFile(name: name, text: contents, hasHeader: true)
                case .absent:
                    return RenderedFile(name: name, text: text, hasHeader: false)
                }
            })
    }
}
