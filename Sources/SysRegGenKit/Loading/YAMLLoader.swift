import Foundation
import Yams

/// A parsed but not yet validated YAML document: the first stage's output.
public struct YAMLDocument: @unchecked Sendable {
    // @unchecked: Yams.Node holds a weak anchor reference; the tree is never mutated after parsing.

    /// The file it came from, as the user named it.
    public var path: String
    /// The root node.
    public var root: Node
}

/// The first stage: bytes to a YAML node tree, keeping every node's line and column.
public enum YAMLLoader {
    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(DiagnosticList) -> YAMLDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([.error("cannot read '\(path)'", at: nil)])
        }
        return try parse(data, path: path)
    }

    /// Parses `data`, reporting problems against `path`.
    public static func parse(_ data: Data, path: String) throws(DiagnosticList) -> YAMLDocument {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticList([.error("file is not valid UTF-8", at: firstInvalidUTF8(in: data, path: path))])
        }
        let root: Node?
        do {
            root = try Parser(yaml: text).singleRoot()
        } catch let error as YamlError {
            throw DiagnosticList([diagnostic(for: error, path: path)])
        } catch {
            throw DiagnosticList([.error("\(error)", at: nil)])
        }
        guard let root else {
            throw DiagnosticList([.error("file is empty", at: SourceLocation(path: path, line: 1, column: 1))])
        }
        return YAMLDocument(path: path, root: root)
    }

    private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(path: path, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let notes = context.map { [Diagnostic.note($0.text, at: at($0.mark))] } ?? []
            return .error("YAML syntax: \(problem)", at: at(mark), notes: notes)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in mapping", at: at(context.mark))
        default:
            return .error("YAML: \(error)", at: SourceLocation(path: path, line: 1, column: 1))
        }
    }

    /// The line and column of the first byte that is not part of a valid UTF-8 sequence.
    private static func firstInvalidUTF8(in data: Data, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}
