import Foundation
import Mustache

/// One file the generator produces: where it goes and its exact bytes.
public struct RenderedFile: Sendable, Equatable {
    /// Its name inside the output folder (`SysReg.swift`).
    public var name: String
    /// Its full contents, header included.
    public var contents: String
}

/// The templates of a folder: `NAME.mustache` renders to `NAME`; `_NAME.mustache` is a partial,
/// included by others with `{{> _NAME}}` and rendered to no file of its own.
public struct TemplateSet: Sendable {
    /// The folder, as the user named it.
    public var folder: String
    /// The templates that produce files, by output name, in name order.
    public var outputs: [(name: String, templatePath: String)]
    /// Every template and partial, by name without `.mustache`.
    var library: MustacheLibrary
    /// Every template's and partial's path and text, by name, for checking names.
    var sources: [String: (path: String, text: String)]

    /// The extension every template file carries.
    public static let fileExtension = ".mustache"

    /// Reads and parses every `*.mustache` file in `folder`.
    public static func load(folder: String) throws(DiagnosticList) -> TemplateSet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.hasSuffix(fileExtension) }.sorted()
        } catch {
            throw DiagnosticList([.error("cannot read the templates folder '\(folder)'", at: nil)])
        }
        var library = MustacheLibrary()
        var outputs: [(String, String)] = []
        var sources: [String: (path: String, text: String)] = [:]
        var diagnostics: [Diagnostic] = []
        for file in names {
            let path = (folder as NSString).appendingPathComponent(file)
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
            if !name.hasPrefix("_") { outputs.append((name, path)) }
        }
        if diagnostics.isEmpty {
            let checker = TemplateKeyChecker(sample: MustacheTree(TemplateView.sample).root, sources: sources)
            diagnostics = outputs.flatMap { checker.check($0.0) }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        if outputs.isEmpty {
            throw DiagnosticList([.error("no templates (*\(fileExtension)) in '\(folder)'", at: nil)])
        }
        return TemplateSet(folder: folder, outputs: outputs, library: library, sources: sources)
    }
}

/// The fourth stage: renders every template of a set with one view, each output headed by a
/// ``GeneratedHeader``.
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

    /// Renders every output of `templates` with `view`, in output-name order.
    ///
    /// The outputs are independent, so they render in parallel; each lands in its own slot, so
    /// the result does not depend on the order they finish in.
    public func render(_ templates: TemplateSet, view: MustacheTree) -> [RenderedFile] {
        let outputs = templates.outputs
        nonisolated(unsafe) var bodies = [String](repeating: "", count: outputs.count)
        bodies.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: outputs.count) { index in
                slots[index] = templates.library.render(view.root, withTemplate: outputs[index].name) ?? ""
            }
        }
        return zip(outputs, bodies).map { output, body in
            let contents = GeneratedHeader.prepend(
                to: body, input: inputPath, template: output.templatePath, command: regenerateCommand)
            return RenderedFile(name: output.name, contents: contents)
        }
    }
}
