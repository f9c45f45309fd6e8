internal import CYaml
import Foundation

/// A parsed but not yet validated YAML document: the first stage's output.
public struct YAMLDocument: Sendable {
    /// The file it came from, as the user named it.
    public var path: String
    /// The root node.
    public var root: YAMLNode
}

/// The first stage: bytes to a YAML node tree, keeping every node's line and column.
///
/// libyaml (the parser inside Yams, which Yams' `Parser` wraps) reads the text; the loader
/// builds ``YAMLNode``s from its events as Yams' composer would, with the same errors: a syntax
/// error where libyaml reports it, a key given twice in a mapping at the first of the keys, more
/// than one document, an undefined alias. Anchors, aliases and merge keys are rejected.
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
        guard String(validating: data, as: UTF8.self) != nil else {
            throw DiagnosticList([.error("file is not valid UTF-8", at: firstInvalidUTF8(in: data, path: path))])
        }
        let result = data.withUnsafeBytes { bytes in
            let composer = YAMLComposer(bytes: bytes, path: path)
            defer { composer.close() }
            return Result { () throws(DiagnosticList) in try composer.document() }
        }
        let root = try result.get()
        guard let root else {
            throw DiagnosticList([.error("file is empty", at: SourceLocation(path: path, line: 1, column: 1))])
        }
        return YAMLDocument(path: path, root: root)
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

/// Builds a document's nodes from libyaml's events: Yams' composer, less what a register file
/// cannot use. A class, as Yams' `Parser` is: libyaml's parser points at itself, so it must
/// not move.
private final class YAMLComposer {
    let bytes: UnsafeRawBufferPointer
    let path: String
    private var parser = yaml_parser_t()
    private var event = yaml_event_t()
    private var hasEvent = false
    /// Anchored nodes by name: an alias is composed (as Yams does) before it is rejected.
    private var anchors: [String: YAMLNode] = [:]
    /// The first anchor or merge key in document order, reported when the document is
    /// otherwise well formed. Rejecting anchors rejects aliases too, and with them any input
    /// that a few hundred bytes could expand into millions of nodes.
    private var firstForbidden: Diagnostic?

    init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    func close() {
        if hasEvent { yaml_event_delete(&event) }
        yaml_parser_delete(&parser)
    }

    /// The single document's root; `nil` for a stream with none.
    func document() throws(DiagnosticList) -> YAMLNode? {
        try next()  // STREAM-START
        guard try next() != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(try next())
        try next()  // DOCUMENT-END
        if try next() != YAML_STREAM_END_EVENT {
            throw DiagnosticList([
                .error(
                    "YAML syntax: but found another document", at: location(event.start_mark),
                    notes: [
                        .note(
                            "expected a single document in the stream",
                            at: SourceLocation(path: path, line: 1, column: 1))
                    ])
            ])
        }
        if let firstForbidden { throw DiagnosticList([firstForbidden]) }
        return root
    }

    /// The next event's type; the event stays in ``event`` until the next call.
    @discardableResult
    private func next() throws(DiagnosticList) -> yaml_event_type_t {
        if hasEvent { yaml_event_delete(&event) }
        hasEvent = false
        guard yaml_parser_parse(&parser, &event) == 1 else { throw DiagnosticList([syntaxError()]) }
        hasEvent = true
        return event.type
    }

    /// The node whose first event (of type `type`) is the current one.
    private func node(_ type: yaml_event_type_t) throws(DiagnosticList) -> YAMLNode {
        let (line, column) = (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
        switch type {
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                throw DiagnosticList([.error("YAML syntax: found undefined alias", at: location(event.start_mark))])
            }
            return node
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let tag = data.quoted_implicit == 1 ? YAMLNode.stringTag : string(data.tag)
            let style = YAMLNode.Style(rawValue: data.style.rawValue) ?? .any
            let anchor = string(data.anchor)
            forbid(anchor: anchor, line, column)
            let node = YAMLNode(
                content: .scalar(YAMLNode.Scalar(string: text, style: style, tag: tag)), line: line, column: column)
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = string(event.data.sequence_start.anchor)
            forbid(anchor: anchor, line, column)
            var elements: [YAMLNode] = []
            while case let type = try next(), type != YAML_SEQUENCE_END_EVENT {
                elements.append(try node(type))
            }
            let node = YAMLNode(content: .sequence(elements), line: line, column: column)
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = string(event.data.mapping_start.anchor)
            forbid(anchor: anchor, line, column)
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            while case let type = try next(), type != YAML_MAPPING_END_EVENT {
                let key = try node(type)
                if firstForbidden == nil, let scalar = key.scalar, scalar.string == "<<", scalar.style == .plain {
                    firstForbidden = .error(
                        "YAML merge keys (<<) are not allowed in a register file",
                        at: SourceLocation(path: path, line: key.line, column: key.column))
                }
                entries.append((key, try node(try next())))
            }
            try checkDuplicates(entries)
            let node = YAMLNode(content: .mapping(entries), line: line, column: column)
            if let anchor { anchors[anchor] = node }
            return node
        default:
            throw DiagnosticList([.error("YAML syntax: unexpected event", at: location(event.start_mark))])
        }
    }

    /// Records an anchor as the first forbidden construct, unless one came before.
    private func forbid(anchor: String?, _ line: Int, _ column: Int) {
        guard anchor != nil, firstForbidden == nil else { return }
        firstForbidden = .error(
            "YAML anchors and aliases are not allowed in a register file",
            at: SourceLocation(path: path, line: line, column: column))
    }

    /// Yams' check: scalar keys equal in text and tag; reported at the first occurrence of the
    /// least of the repeated keys, with all of them.
    private func checkDuplicates(_ entries: [(key: YAMLNode, value: YAMLNode)]) throws(DiagnosticList) {
        let keys = entries.compactMap { $0.key.scalar.map { (ScalarKey($0), $0) } }
        // Mappings of a register file have a handful of keys: comparing each pair is cheaper
        // than hashing them.
        var repeated: Set<ScalarKey> = []
        if keys.count <= 16 {
            for i in keys.indices {
                for j in keys.indices.prefix(i) where keys[j].0 == keys[i].0 {
                    repeated.insert(keys[i].0)
                }
            }
        } else {
            var seen: Set<ScalarKey> = []
            for (key, _) in keys where !seen.insert(key).inserted { repeated.insert(key) }
        }
        guard let least = repeated.min(by: { $0.string < $1.string }),
            let first = entries.first(where: { $0.key.scalar.map(ScalarKey.init) == least })?.key
        else { return }
        let names = repeated.map(\.string).sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw DiagnosticList([
            .error(
                "duplicate key \(names) in mapping",
                at: SourceLocation(path: path, line: first.line, column: first.column))
        ])
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's error, as Yams words it.
    private func syntaxError() -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let notes = parser.context.map { [Diagnostic.note(String(cString: $0), at: location(parser.context_mark))] }
            return .error("YAML syntax: \(problem)", at: location(parser.problem_mark), notes: notes ?? [])
        case YAML_READER_ERROR:
            return .error("YAML: \(problem)", at: location(ofByte: parser.problem_offset))
        default:
            return .error("YAML: \(problem)", at: SourceLocation(path: path, line: 1, column: 1))
        }
    }

    /// The line and column (in Unicode scalars) of the byte at `offset`.
    private func location(ofByte offset: Int) -> SourceLocation {
        let prefix = String(decoding: bytes.prefix(offset), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        return SourceLocation(path: path, line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
    }
}

/// A scalar key as Yams compares keys: its text and resolved tag.
private struct ScalarKey: Hashable {
    var string: String
    var tag: String

    init(string: String, tag: String) {
        self.string = string
        self.tag = tag
    }

    init(_ scalar: YAMLNode.Scalar) {
        self.init(string: scalar.string, tag: scalar.tag ?? YAMLNode.stringTag)
    }
}
