import Foundation
import Mustache

/// One file the generator produces: where it goes and its exact bytes.
public struct RenderedFile: Sendable, Equatable {
    /// Its name inside the output folder (`SysReg.swift`).
    public var name: String
    /// Its full contents, header included when it has one.
    public var contents: String
    /// Whether it starts with sysreg-gen's ``GeneratedHeader``, by which a later run tells a hand
    /// edit from a stale file; false for a template declaring `{{! header: none }}`.
    public var hasHeader: Bool

    /// Creates the file `name` holding `contents`, with or without sysreg-gen's header.
    public init(name: String, contents: String, hasHeader: Bool) {
        self.name = name
        self.contents = contents
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
    /// Every template and partial, by name without `.mustache`.
    var library: MustacheLibrary

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
        var library = MustacheLibrary()
        var outputs: [(name: String, path: String, headerName: String)] = []
        var sources: [String: (path: String, text: String)] = [:]
        for (file, (path, headerName)) in files.sorted(by: { $0.key < $1.key }) {
            let name = String(file.dropLast(fileExtension.count))
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.append(.error("cannot read template '\(path)' as UTF-8", at: nil))
                continue
            }
            sources[name] = (path, text)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let at = SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber)
                diagnostics.append(.error("template syntax: \(error.error)", at: at))
                continue
            } catch {
                diagnostics.append(.error("template: \(error)", at: SourceLocation(path: path, line: 1, column: 1)))
                continue
            }
            if !name.hasPrefix("_") { outputs.append((name, path, headerName)) }
        }
        var templates: [TemplateOutput] = []
        if diagnostics.isEmpty {
            let checker = TemplateKeyChecker(sources: sources)
            for (name, path, headerName) in outputs {
                switch checker.directives(of: name) {
                case .success(let directives):
                    diagnostics += checker.check(name, view: directives.view)
                    templates.append(
                        TemplateOutput(
                            name: name, templatePath: path, headerName: headerName, view: directives.view,
                            header: directives.header))
                case .failure(let problems):
                    diagnostics += problems.diagnostics
                }
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        if templates.isEmpty {
            let place = source.folder.map { "'\($0)'" } ?? "the built-in \(source.builtin ?? "") set"
            throw DiagnosticList([.error("no templates (*\(fileExtension)) in \(place)", at: nil)])
        }
        return TemplateSet(source: source, outputs: templates, library: library)
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
        let outputs = templates.outputs
        nonisolated(unsafe) var bodies = [String?](repeating: nil, count: outputs.count)
        bodies.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: outputs.count) { index in
                guard let view = views[outputs[index].view] else { return }
                slots[index] = templates.library.render(view, withTemplate: outputs[index].name)
            }
        }
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        for (output, body) in zip(outputs, bodies) {
            guard let body else {
                // Only a template missing from the library or a view not built gets here: a
                // bug of the pipeline, reported rather than written as an empty file.
                let at = SourceLocation(path: output.templatePath, line: 1, column: 1)
                diagnostics.append(
                    .error("could not render '\(output.name)' with the \(output.view.rawValue) view", at: at))
                continue
            }
            switch output.header {
            case .sysregGen:
                let contents = GeneratedHeader.prepend(
                    to: body, input: inputPath, template: output.headerName, command: regenerateCommand)
                files.append(RenderedFile(name: output.name, contents: contents, hasHeader: true))
            case .absent:
                files.append(RenderedFile(name: output.name, contents: body, hasHeader: false))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return files
    }
}
