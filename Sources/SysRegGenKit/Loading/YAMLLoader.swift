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
    /// The largest register file accepted, in bytes: far above any real one (10,000 registers
    /// take about 1.5 MiB), low enough that no input can exhaust memory.
    public static let maximumSize = 16 << 20

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(DiagnosticList) -> YAMLDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([.error("cannot read '\(path)'", at: nil)])
        }
        return try parse(data, path: path)
    }

    /// Parses `data`, reporting problems against `path`.
    public static func parse(_ data: Data, path: String) throws(DiagnosticList) -> YAMLDocument {
        guard data.count <= maximumSize else {
            throw DiagnosticList([
                .error(
                    "file is \(data.count) bytes, more than the limit of \(maximumSize) bytes",
                    at: SourceLocation(path: path, line: 1, column: 1))
            ])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticList([.error("file is not valid UTF-8", at: firstInvalidUTF8(in: data, path: path))])
        }
        let root: Node?
        do {
            // No implicit tag resolution: Yams' default resolver runs up to seven regular
            // expressions on every scalar each time its tag is asked for, and its duplicate-key
            // check asks for every key's. Nothing here reads a resolved tag (`bool`, `int` and
            // `null` read the text), and two keys are the same under either resolver exactly
            // when their text is.
            let parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
            // Anchors are only visible while the parser that made them lives.
            if let root, let problem = firstAnchorOrMergeKey(in: root, path: path) {
                throw DiagnosticList([problem])
            }
        } catch let error as DiagnosticList {
            throw error
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

    /// The first anchor or merge key in document order, as an error. Aliases can only refer to
    /// anchors, so rejecting anchors rejects aliases too, and with them any input that a few
    /// hundred bytes could expand into millions of nodes. The walk stops at the first one, so
    /// it never visits an expansion.
    private static func firstAnchorOrMergeKey(in node: Node, path: String) -> Diagnostic? {
        func at(_ node: Node) -> SourceLocation {
            SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        if node.anchor != nil {
            return .error("YAML anchors and aliases are not allowed in a register file", at: at(node))
        }
        if let mapping = node.mapping {
            for (key, value) in mapping {
                if key.scalar?.string == "<<", key.scalar?.style == .plain {
                    return .error("YAML merge keys (<<) are not allowed in a register file", at: at(key))
                }
                if let problem = firstAnchorOrMergeKey(in: key, path: path)
                    ?? firstAnchorOrMergeKey(in: value, path: path)
                {
                    return problem
                }
            }
        } else if let sequence = node.sequence {
            for element in sequence {
                if let problem = firstAnchorOrMergeKey(in: element, path: path) { return problem }
            }
        }
        return nil
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
