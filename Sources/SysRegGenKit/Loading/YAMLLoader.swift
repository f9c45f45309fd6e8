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
        try parse(data, path: path, inHalves: true)
    }

    /// Parses `data`, in two halves at once when it is large and `inHalves` is set (see
    /// ``parseHalves(_:path:)``), else in one piece: the same document either way.
    static func parse(_ data: Data, path: String, inHalves: Bool) throws(DiagnosticList) -> YAMLDocument {
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
            if inHalves, let root = parseHalves(bytes, path: path) {
                return Result<YAMLNode?, DiagnosticList>.success(root)
            }
            return Result { () throws(DiagnosticList) in try compose(bytes, path: path)?.node() }
        }
        let root = try result.get()
        guard let root else {
            throw DiagnosticList([.error("file is empty", at: SourceLocation(path: path, line: 1, column: 1))])
        }
        return YAMLDocument(path: path, root: root)
    }

    /// The document in `bytes`, composed from libyaml's events; `nil` for a stream with none.
    ///
    /// Its arrays are reserved for a document of `capacity` bytes: the first half of a file
    /// parsed in halves reserves for the whole, so that the second is joined to it in place.
    private static func compose(
        _ bytes: UnsafeRawBufferPointer, path: String, capacity: Int? = nil
    ) throws(DiagnosticList) -> YAMLComposer.Composed? {
        var composer = YAMLComposer(bytes: bytes, path: path, capacity: capacity ?? bytes.count)
        defer { composer.close() }
        return try composer.document()
    }

    /// The smallest file parsed in two halves at once; below it, a second thread costs more
    /// than it saves.
    static let halvingSize = 32 << 10

    /// The document of a large register file parsed in two halves at once, one per core;
    /// `nil` when the halves cannot stand for the whole, which is then parsed in one piece.
    ///
    /// libyaml reads a file in one pass on one core, the longest stage of a run at kernel
    /// scale. The file is cut at a line starting an entry of the top-level mapping's last
    /// sequence, indented by two spaces (`  - name: …` of `registers`), near the middle; each
    /// half is parsed on its own, and the trees are joined, the second half's lines moved down
    /// by the first's. That is the whole file's tree exactly when the first half is a
    /// well-formed document whose root mapping ends with that sequence (so nothing is open
    /// where it ends: no flow collection, no quoted or block scalar can run on, and a plain
    /// scalar cannot continue onto a line indented less than its sequence's entries) and the
    /// second is one block sequence indented by two spaces, from its first line to its end.
    /// Anything else, a problem in either half included, falls back to the whole-file parse,
    /// which alone gives diagnostics their wording, line and column.
    private static func parseHalves(_ bytes: UnsafeRawBufferPointer, path: String) -> YAMLNode? {
        guard bytes.count >= halvingSize, let cut = entryLine(in: bytes, from: bytes.count / 2) else { return nil }
        nonisolated(unsafe) let first = UnsafeRawBufferPointer(rebasing: bytes[..<cut])
        nonisolated(unsafe) let second = UnsafeRawBufferPointer(rebasing: bytes[cut...])
        let (head, tail) = concurrently(
            { try? compose(first, path: path, capacity: bytes.count) }, { try? compose(second, path: path) })
        guard var head = head ?? nil, let tail = tail ?? nil, head.end.column == 0,
            head.append(tail, lines: Int32(truncatingIfNeeded: head.end.line))
        else { return nil }
        return head.node()
    }

    /// The offset of the first line at or after `start` that starts with `  - `: after a
    /// line break, two spaces and a sequence entry's dash.
    private static func entryLine(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let pattern: [UInt8] = Array("\n  - ".utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2],
                bytes[index + 3] == pattern[3], bytes[index + 4] == pattern[4]
            {
                return index + 1
            }
            index += 1
        }
        return nil
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
/// cannot use. libyaml's parser points at itself, so it must not move: it and its event live
/// in memory of their own, which also spares the composer's arrays the run-time exclusivity
/// checks of a class's properties (a fifth of the loader's time).
private struct YAMLComposer {
    let bytes: UnsafeRawBufferPointer
    let path: String
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var hasEvent = false
    /// The tree's arrays, filled as the events come (``YAMLTree``).
    private var records: [YAMLTree.Record] = []
    private var children: [Int32] = []
    private var scalarBytes: [UInt8] = []
    private var tags: [Int: String] = [:]
    /// The children of the collections being composed, the innermost's last: one array for
    /// all of them rather than one per collection.
    private var pending: [Int32] = []
    /// Anchored nodes by name: an alias is composed (as Yams does) before it is rejected.
    private var anchors: [String: Int32] = [:]
    /// The first anchor or merge key in document order, reported when the document is
    /// otherwise well formed. Rejecting anchors rejects aliases too, and with them any input
    /// that a few hundred bytes could expand into millions of nodes.
    private var firstForbidden: Diagnostic?

    /// Reads `bytes`, its arrays reserved for a document of `capacity` bytes.
    init(bytes: UnsafeRawBufferPointer, path: String, capacity: Int) {
        self.bytes = bytes
        self.path = path
        parser.initialize(to: yaml_parser_t())
        event.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        // A node per 7 bytes, as many as the kernel's file has (written with flow mappings,
        // denser than most), and a scalar's byte per byte of the file, as none but an escape
        // sequence is longer than its text: growing these arrays copies them. Only the pages
        // written are ever touched.
        records.reserveCapacity(capacity / 7)
        scalarBytes.reserveCapacity(capacity)
        children.reserveCapacity(capacity / 7)
    }

    func close() {
        if hasEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// A composed document: the arrays of its tree (``YAMLTree``), its root's place in them,
    /// and where the stream ends. Arrays, not yet a tree, so that the halves of a file are
    /// joined in place.
    struct Composed {
        var records: [YAMLTree.Record]
        var children: [Int32]
        var bytes: [UInt8]
        var tags: [Int: String]
        var root: Int
        /// Where the stream ends, from 0: libyaml's line and column.
        var end: (line: Int, column: Int)

        /// The root node, of a tree made of the arrays.
        consuming func node() -> YAMLNode {
            YAMLNode(tree: YAMLTree(records: records, children: children, bytes: bytes, tags: tags), index: root)
        }
    }

    /// The single document; `nil` for a stream with none.
    mutating func document() throws(DiagnosticList) -> Composed? {
        try next()  // STREAM-START
        guard try next() != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(try next())
        try next()  // DOCUMENT-END
        if try next() != YAML_STREAM_END_EVENT {
            throw DiagnosticList([
                .error(
                    "YAML syntax: but found another document", at: location(event.pointee.start_mark),
                    notes: [
                        .note(
                            "expected a single document in the stream",
                            at: SourceLocation(path: path, line: 1, column: 1))
                    ])
            ])
        }
        if let firstForbidden { throw DiagnosticList([firstForbidden]) }
        let end = event.pointee.start_mark
        return Composed(
            records: records, children: children, bytes: scalarBytes, tags: tags, root: Int(root),
            end: (Int(end.line), Int(end.column)))
    }

    /// The next event's type; the event stays in ``event`` until the next call.
    @discardableResult
    private mutating func next() throws(DiagnosticList) -> yaml_event_type_t {
        if hasEvent { yaml_event_delete(event) }
        hasEvent = false
        guard yaml_parser_parse(parser, event) == 1 else { throw DiagnosticList([syntaxError()]) }
        hasEvent = true
        return event.pointee.type
    }

    /// Adds a node; its index.
    private mutating func append(_ record: YAMLTree.Record) -> Int32 {
        records.append(record)
        return Int32(records.count - 1)
    }

    /// The node whose first event (of type `type`) is the current one: its index.
    private mutating func node(_ type: yaml_event_type_t) throws(DiagnosticList) -> Int32 {
        // A file is at most 16 MiB (YAMLLoader.maximumSize): its lines and columns fit.
        let line = Int32(truncatingIfNeeded: event.pointee.start_mark.line + 1)
        let column = Int32(truncatingIfNeeded: event.pointee.start_mark.column + 1)
        switch type {
        case YAML_ALIAS_EVENT:
            let name = string(event.pointee.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                throw DiagnosticList([
                    .error("YAML syntax: found undefined alias", at: location(event.pointee.start_mark))
                ])
            }
            return node
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            let first = Int32(truncatingIfNeeded: scalarBytes.count)
            scalarBytes.append(contentsOf: UnsafeBufferPointer(start: data.value, count: data.length))
            var tag = YAMLTree.Record.Tag.none
            if data.quoted_implicit == 1 {
                tag = .string
            } else if let written = string(data.tag) {
                tag = .other
                tags[records.count] = written
            }
            let style = YAMLNode.Style(rawValue: UInt8(truncatingIfNeeded: data.style.rawValue)) ?? .any
            let anchor = string(data.anchor)
            forbid(anchor: anchor, line, column)
            let node = append(
                YAMLTree.Record(
                    kind: .scalar, style: style, tag: tag, line: line, column: column,
                    first: first, count: Int32(truncatingIfNeeded: data.length)))
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = string(event.pointee.data.sequence_start.anchor)
            forbid(anchor: anchor, line, column)
            let base = pending.count
            while case let type = try next(), type != YAML_SEQUENCE_END_EVENT {
                let element = try node(type)
                pending.append(element)
            }
            let node = collection(.sequence, from: base, line, column)
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = string(event.pointee.data.mapping_start.anchor)
            forbid(anchor: anchor, line, column)
            let base = pending.count
            while case let type = try next(), type != YAML_MAPPING_END_EVENT {
                let key = try node(type)
                let record = records[Int(key)]
                // The key's own checks first: asking whether a diagnostic is set copies it.
                if record.kind == .scalar, record.style == .plain, record.count == 2,
                    scalarBytes[Int(record.first)] == UInt8(ascii: "<"),
                    scalarBytes[Int(record.first) + 1] == UInt8(ascii: "<"), firstForbidden == nil
                {
                    firstForbidden = .error(
                        "YAML merge keys (<<) are not allowed in a register file",
                        at: SourceLocation(path: path, line: Int(record.line), column: Int(record.column)))
                }
                pending.append(key)
                let value = try node(try next())
                pending.append(value)
            }
            try checkDuplicates(from: base)
            let node = collection(.mapping, from: base, line, column)
            if let anchor { anchors[anchor] = node }
            return node
        default:
            throw DiagnosticList([.error("YAML syntax: unexpected event", at: location(event.pointee.start_mark))])
        }
    }

    /// Adds the collection whose children are those of `pending` from `base`, taking them off it.
    private mutating func collection(
        _ kind: YAMLTree.Record.Kind, from base: Int, _ line: Int32, _ column: Int32
    ) -> Int32 {
        let first = Int32(children.count)
        children.append(contentsOf: pending[base...])
        let count = (pending.count - base) / (kind == .mapping ? 2 : 1)
        pending.removeSubrange(base...)
        return append(
            YAMLTree.Record(
                kind: kind, style: .any, tag: .none, line: line, column: column, first: first,
                count: Int32(count)))
    }

    /// Records an anchor as the first forbidden construct, unless one came before.
    private mutating func forbid(anchor: String?, _ line: Int32, _ column: Int32) {
        guard anchor != nil, firstForbidden == nil else { return }
        firstForbidden = .error(
            "YAML anchors and aliases are not allowed in a register file",
            at: SourceLocation(path: path, line: Int(line), column: Int(column)))
    }

    /// Yams' check: scalar keys equal in text and tag; reported at the first occurrence of the
    /// least of the repeated keys, with all of them. The mapping's keys are those of `pending`
    /// from `base`, every other one.
    private func checkDuplicates(from base: Int) throws(DiagnosticList) {
        // Loops over indices, not closures: a closure would copy the composer and its arrays.
        let end = pending.count
        var repeated: Set<ScalarKey> = []
        // Mappings of a register file have a handful of keys: comparing each pair, by text
        // first, is cheaper than hashing them.
        if end - base <= 32 {
            // The first key has none before it.
            for i in stride(from: base + 2, to: end, by: 2) {
                let key = Int(pending[i])
                guard records[key].kind == .scalar else { continue }
                for j in stride(from: base, to: i, by: 2) {
                    let other = Int(pending[j])
                    guard records[other].kind == .scalar, sameText(key, other) else { continue }
                    let scalarKey = self.scalarKey(key)
                    if scalarKey == self.scalarKey(other) { repeated.insert(scalarKey) }
                }
            }
        } else {
            var seen: Set<ScalarKey> = []
            for i in stride(from: base, to: end, by: 2) where records[Int(pending[i])].kind == .scalar {
                let scalarKey = self.scalarKey(Int(pending[i]))
                if !seen.insert(scalarKey).inserted { repeated.insert(scalarKey) }
            }
        }
        guard !repeated.isEmpty, let least = repeated.min(by: { $0.string < $1.string }) else { return }
        let keys = stride(from: base, to: end, by: 2).map { Int(pending[$0]) }
        guard let first = keys.first(where: { records[$0].kind == .scalar && scalarKey($0) == least }) else { return }
        let names = repeated.map(\.string).sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw DiagnosticList([
            .error(
                "duplicate key \(names) in mapping",
                at: SourceLocation(path: path, line: Int(records[first].line), column: Int(records[first].column)))
        ])
    }

    /// Whether the scalar nodes `a` and `b` have the same text.
    private func sameText(_ a: Int, _ b: Int) -> Bool {
        let (a, b) = (records[a], records[b])
        return a.count == b.count
            && scalarBytes[Int(a.first)..<Int(a.first + a.count)] == scalarBytes[Int(b.first)..<Int(b.first + b.count)]
    }

    /// The scalar node `index` as Yams compares keys.
    private func scalarKey(_ index: Int) -> ScalarKey {
        let record = records[index]
        let tag =
            switch record.tag {
            case .none, .string: YAMLNode.stringTag
            case .other: tags[index] ?? YAMLNode.stringTag
            }
        let text = String(decoding: scalarBytes[Int(record.first)..<Int(record.first + record.count)], as: UTF8.self)
        return ScalarKey(string: text, tag: tag)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's error, as Yams words it.
    private func syntaxError() -> Diagnostic {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.pointee.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let notes = parser.pointee.context.map {
                [Diagnostic.note(String(cString: $0), at: location(parser.pointee.context_mark))]
            }
            return .error("YAML syntax: \(problem)", at: location(parser.pointee.problem_mark), notes: notes ?? [])
        case YAML_READER_ERROR:
            return .error("YAML: \(problem)", at: location(ofByte: parser.pointee.problem_offset))
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
}

extension YAMLComposer.Composed {
    /// Joins the document of the rest of a file cut in two at a line starting an entry of the
    /// root mapping's last sequence (``YAMLLoader``): this document's last value is that
    /// sequence, and `tail` (that sequence's continuation) gives it the rest of its entries,
    /// their lines moved down by `lines`. False, changing nothing, when the halves do not have
    /// that shape.
    fileprivate mutating func append(_ tail: Self, lines: Int32) -> Bool {
        // Records come children first: the root last, its last value (the sequence) before it.
        let rootA = records[root]
        guard root == records.count - 1, rootA.kind == .mapping, rootA.column == 1, rootA.count > 0,
            Int(rootA.first) + 2 * Int(rootA.count) == children.count,
            Int(children[children.count - 1]) == root - 1
        else { return false }
        let sequenceA = records[root - 1]
        let sequenceB = tail.records[tail.root]
        // Both the same sequence: entries two spaces in, the tail's from its first line on.
        guard sequenceA.kind == .sequence, sequenceA.column == 3, sequenceA.count > 0,
            Int(sequenceA.first) + Int(sequenceA.count) == Int(rootA.first),
            tail.root == tail.records.count - 1, sequenceB.kind == .sequence, sequenceB.column == 3,
            sequenceB.line == 1, Int(sequenceB.first) + Int(sequenceB.count) == tail.children.count
        else { return false }
        // The tail's records go where the head's sequence was, before the joined sequence and
        // root; its collections' children after those of the head's collections but the last two.
        let recordBase = Int32(root - 1)
        let byteBase = Int32(bytes.count)
        let childBase = sequenceA.first
        records.removeLast(2)
        for var record in tail.records[..<tail.root] {
            record.line += lines
            record.first += record.kind == .scalar ? byteBase : childBase
            records.append(record)
        }
        // The head's sequence entries and root entries, which the tail's children go before.
        let headEntries = Array(children[Int(sequenceA.first)...])
        children.removeSubrange(Int(sequenceA.first)...)
        children += tail.children[..<Int(sequenceB.first)].lazy.map { $0 + recordBase }
        var sequence = sequenceA
        sequence.first = Int32(children.count)
        sequence.count = sequenceA.count + sequenceB.count
        children += headEntries[..<Int(sequenceA.count)]
        children += tail.children[Int(sequenceB.first)...].lazy.map { $0 + recordBase }
        records.append(sequence)
        var joinedRoot = rootA
        joinedRoot.first = Int32(children.count)
        children += headEntries[Int(sequenceA.count)...]
        children[children.count - 1] = Int32(records.count - 1)
        records.append(joinedRoot)
        root = records.count - 1
        for (index, tag) in tail.tags where index < tail.root { tags[Int(recordBase) + index] = tag }
        bytes += tail.bytes
        return true
    }
}
