/// A node of a parsed YAML document: a scalar, a mapping or a sequence, with where it starts.
///
/// A node is a handle: its document's nodes live in one ``YAMLTree`` (flat arrays of plain
/// records, child indices and the scalars' bytes) that the loader builds straight from libyaml's
/// events (``YAMLLoader``). A tree of enums with an array per collection cost an allocation and
/// a release per node; the flat tree is a handful of arrays, freed at once. Scalars keep what
/// Yams' constructors need to read them (text, style, tag), and ``bool``, ``int`` and ``isNull``
/// read them by Yams' rules, without Yams' default tag resolver (seven regular expressions
/// compiled on first use).
public struct YAMLNode: Sendable {
    /// The document's nodes.
    let tree: YAMLTree
    /// Its place in `tree.records`.
    let index: Int

    /// A scalar's text, style and explicit tag.
    public struct Scalar: Sendable {
        /// Its text.
        public var string: String
        /// How it is written.
        public var style: Style
        /// Its tag, as Yams reads one: `tag:yaml.org,2002:str` for a quoted scalar, the tag
        /// written, or `nil` for a plain one with none.
        var tag: String?
    }

    /// How a scalar is written: libyaml's styles, in its order.
    public enum Style: UInt8, Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// What a node holds.
    public enum Content: Sendable {
        case scalar(Scalar)
        case mapping(Entries)
        case sequence(Elements)
    }

    /// A mapping's entries, in order.
    public struct Entries: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        /// The first key's place in `tree.children`; keys and values alternate.
        let first: Int
        public let count: Int

        /// The first entry's position.
        public var startIndex: Int { 0 }
        /// The position past the last entry.
        public var endIndex: Int { count }

        /// The value of the first entry whose key is the scalar `key`.
        public func value(forKey key: String) -> YAMLNode? {
            // The tree's arrays directly: a handle per entry would retain and release the tree.
            key.withUTF8Bytes { key in
                for child in stride(from: first, to: first + 2 * count, by: 2)
                where tree.isScalar(Int(tree.children[child]), equalTo: key) {
                    return YAMLNode(tree: tree, index: Int(tree.children[child + 1]))
                }
                return nil
            }
        }

        /// The place in `names` of the text of the key at `position`; `nil` when the key is
        /// not a scalar or not among them. Compared as bytes, without making the key's text
        /// or a handle, which retains and releases the tree.
        func keyPlace(at position: Int, in names: [String]) -> Int? {
            let record = tree.records[Int(tree.children[first + 2 * position])]
            guard record.kind == .scalar else { return nil }
            // Most names differ in length, which a string knows inline: only those of the key's
            // length are compared.
            return names.firstIndex { name in
                name.utf8.count == Int(record.count) && name.withUTF8Bytes { tree.hasText(record, $0) }
            }
        }

        /// Whether the value at `position` is YAML null (``YAMLNode/isNull``), read without
        /// making a handle.
        func valueIsNull(at position: Int) -> Bool {
            tree.isNull(Int(tree.children[first + 2 * position + 1]))
        }

        /// The entry at `position`.
        public subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            let child = first + 2 * position
            return (
                YAMLNode(tree: tree, index: Int(tree.children[child])),
                YAMLNode(tree: tree, index: Int(tree.children[child + 1]))
            )
        }
    }

    /// A sequence's elements, in order.
    public struct Elements: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        /// The first element's place in `tree.children`.
        let first: Int
        public let count: Int

        /// The first element's position.
        public var startIndex: Int { 0 }
        /// The position past the last element.
        public var endIndex: Int { count }

        /// The element at `position`.
        public subscript(position: Int) -> YAMLNode {
            YAMLNode(tree: tree, index: Int(tree.children[first + position]))
        }
    }

    private var record: YAMLTree.Record { tree.records[index] }

    /// What it holds.
    public var content: Content {
        let record = record
        switch record.kind {
        case .scalar: return .scalar(scalarValue(record))
        case .mapping: return .mapping(Entries(tree: tree, first: Int(record.first), count: Int(record.count)))
        case .sequence: return .sequence(Elements(tree: tree, first: Int(record.first), count: Int(record.count)))
        }
    }

    /// Where it starts, from 1.
    public var line: Int { Int(record.line) }
    /// Where it starts, from 1, counted in Unicode scalars.
    public var column: Int { Int(record.column) }

    /// Its scalar, if it is one.
    public var scalar: Scalar? {
        let record = record
        return record.kind == .scalar ? scalarValue(record) : nil
    }

    /// Its text, if it is a scalar: ``scalar``'s string without the rest.
    public var text: String? {
        let record = record
        return record.kind == .scalar ? tree.text(record) : nil
    }

    /// Its entries in order, if it is a mapping.
    public var mapping: Entries? {
        let record = record
        return record.kind == .mapping ? Entries(tree: tree, first: Int(record.first), count: Int(record.count)) : nil
    }

    /// Its elements, if it is a sequence.
    public var sequence: Elements? {
        let record = record
        return record.kind == .sequence ? Elements(tree: tree, first: Int(record.first), count: Int(record.count)) : nil
    }

    /// The value of the first entry whose key is the scalar `key`, if it is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.value(forKey: key)
    }

    private func scalarValue(_ record: YAMLTree.Record) -> Scalar {
        Scalar(string: tree.text(record), style: record.style, tag: tag(record))
    }

    private func tag(_ record: YAMLTree.Record) -> String? {
        switch record.tag {
        case .none: nil
        case .string: Self.stringTag
        case .other: tree.tags[index]
        }
    }

    /// Its style, if it is a scalar.
    var style: Style? {
        let record = record
        return record.kind == .scalar ? record.style : nil
    }

    /// Its tag as ``Scalar/tag`` gives it, if it is a scalar with one.
    var tag: String? { tag(record) }

    /// Whether it is YAML's null: a plain `~`, `null`, `Null`, `NULL` or nothing, Yams' rule
    /// (`NSNull.construct(from:)`), asked of every value, so not through a Yams scalar.
    public var isNull: Bool { tree.isNull(index) }

    /// Its value as a boolean, if it is one: Yams' rule (`Bool.construct(from:)`), `true`,
    /// `yes`, `on` or `false`, `no`, `off` in any case, unless tagged as a string.
    public var bool: Bool? {
        guard let text, tag != Self.stringTag else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Its value as an integer, if it is one: Yams' rule (`Int.construct(from:)`) for a plain
    /// scalar, `_` ignored, `0x`, `0b`, `0o` and `0` prefixes; not its base-60 form.
    public var int: Int? {
        guard let scalar, scalar.style == .plain || scalar.style == .any else { return nil }
        // Filtered only when it has a `_`: filtering reads the text as characters.
        let text = scalar.string
        var digits = Substring(text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text)
        if digits == "0" { return 0 }
        let sign = digits.first == "-" ? "-" : ""
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        // Joined as two strings: `String + Substring` appends through the unspecialized generic
        // `append(contentsOf:)`, whose first use looks its conformances up (about 250,000
        // instructions).
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
            return Int(sign + String(digits.dropFirst(prefix.count)), radix: radix)
        }
        return Int(sign + String(digits))
    }

    /// The tag Yams gives a quoted scalar, and `!!str`.
    static let stringTag = "tag:yaml.org,2002:str"
}

extension YAMLNode: CustomStringConvertible {
    /// The node in YAML's flow style, as a message quotes a key that is not a scalar.
    public var description: String {
        switch content {
        case .scalar(let scalar): scalar.string
        case .mapping(let entries): "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .sequence(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// A parsed document's nodes, flat: what ``YAMLNode`` handles point into.
final class YAMLTree: Sendable {
    /// What one node is and where its contents are.
    struct Record: Sendable {
        enum Kind: UInt8, Sendable {
            case scalar, mapping, sequence
        }

        /// A scalar's tag: none, ``YAMLNode/stringTag`` (every quoted scalar's), or another in `tags`.
        enum Tag: UInt8, Sendable {
            case none, string, other
        }

        var kind: Kind
        /// A scalar's style (``YAMLNode/Style/any`` for a collection).
        var style: YAMLNode.Style
        /// A scalar's tag.
        var tag: Tag
        var line: Int32
        var column: Int32
        /// A scalar's first byte in `bytes`; a collection's first child in `children`.
        var first: Int32
        /// A scalar's number of bytes; a collection's number of elements or entries.
        var count: Int32
    }

    /// Every node, children before their parent.
    let records: [Record]
    /// Each collection's children together: a mapping's keys and values alternating.
    let children: [Int32]
    /// The scalars' texts in UTF-8, one after another: a string is made only for a text that
    /// is read, as keys are compared as bytes (a string per scalar was a fifth of the
    /// composer's own time, and its array twice the size of these bytes).
    let bytes: [UInt8]
    /// The tags of the scalars that have one, by node.
    let tags: [Int: String]

    init(records: [Record], children: [Int32], bytes: [UInt8], tags: [Int: String]) {
        self.records = records
        self.children = children
        self.bytes = bytes
        self.tags = tags
    }

    /// The text of the scalar `record`.
    func text(_ record: Record) -> String {
        bytes.withUnsafeBufferPointer {
            let range = Int(record.first)..<Int(record.first + record.count)
            return String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
        }
    }

    /// Whether node `index` is a scalar whose text is `text`'s bytes.
    func isScalar(_ index: Int, equalTo text: UnsafeBufferPointer<UInt8>) -> Bool {
        let record = records[index]
        return record.kind == .scalar && hasText(record, text)
    }

    /// Whether the scalar `record`'s text is `text`'s bytes.
    func hasText(_ record: Record, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(record.count) == text.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            // A loop over the bytes of a short text, inlined, where `elementsEqual` is a call.
            var (mine, theirs) = (Int(record.first), 0)
            while theirs < text.count {
                guard bytes[mine] == text[theirs] else { return false }
                (mine, theirs) = (mine + 1, theirs + 1)
            }
            return true
        }
    }

    /// Whether node `index` is YAML null: ``YAMLNode/isNull``.
    func isNull(_ index: Int) -> Bool {
        let record = records[index]
        // Most values are longer than any null: their length answers without comparing.
        guard record.kind == .scalar, record.style == .plain, record.count <= 4 else { return false }
        let start = Int(record.first)
        switch record.count {
        case 0: return true
        case 1: return bytes[start] == UInt8(ascii: "~")
        case 4:
            let word = bytes[start..<start + 4]
            return word.elementsEqual("null".utf8) || word.elementsEqual("Null".utf8) || word.elementsEqual("NULL".utf8)
        default: return false
        }
    }
}
