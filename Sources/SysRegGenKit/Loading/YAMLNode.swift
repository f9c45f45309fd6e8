/// A node of a parsed YAML document: a scalar, a mapping or a sequence, with where it starts.
///
/// The loader builds these straight from libyaml's events (``YAMLLoader``), one allocation per
/// collection: Yams' `Node`, whose every scalar carries a tag object and whose composer hashes
/// every mapping key, cost more than the validation reading it. Scalars keep what Yams'
/// constructors need to read them (text, style, tag), and ``bool``, ``int`` and ``isNull``
/// read them by Yams' rules, without Yams' default tag resolver (seven regular expressions
/// compiled on first use).
public struct YAMLNode: Sendable {
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
    public enum Style: UInt32, Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// What it holds.
    public indirect enum Content: Sendable {
        case scalar(Scalar)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    /// What it holds.
    public var content: Content
    /// Where it starts, from 1.
    public var line: Int
    /// Where it starts, from 1, counted in Unicode scalars.
    public var column: Int

    /// Its scalar, if it is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { scalar } else { nil }
    }

    /// Its entries in order, if it is a mapping.
    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let entries) = content { entries } else { nil }
    }

    /// Its elements, if it is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let elements) = content { elements } else { nil }
    }

    /// The value of the first entry whose key is the scalar `key`, if it is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.string == key }?.value
    }

    /// Whether it is YAML's null: a plain `~`, `null`, `Null`, `NULL` or nothing, Yams' rule
    /// (`NSNull.construct(from:)`), asked of every value, so not through a Yams scalar.
    public var isNull: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// Its value as a boolean, if it is one: Yams' rule (`Bool.construct(from:)`), `true`,
    /// `yes`, `on` or `false`, `no`, `off` in any case, unless tagged as a string.
    public var bool: Bool? {
        guard let scalar, scalar.tag != Self.stringTag else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Its value as an integer, if it is one: Yams' rule (`Int.construct(from:)`) for a plain
    /// scalar, `_` ignored, `0x`, `0b`, `0o` and `0` prefixes; not its base-60 form.
    public var int: Int? {
        guard let scalar, scalar.style == .plain || scalar.style == .any else { return nil }
        var digits = Substring(scalar.string.filter { $0 != "_" })
        if digits == "0" { return 0 }
        let sign = digits.first == "-" ? "-" : ""
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
            return Int(sign + digits.dropFirst(prefix.count), radix: radix)
        }
        return Int(sign + digits)
    }

    /// The tag Yams gives a quoted scalar, and `!!str`.
    static let stringTag = "tag:yaml.org,2002:str"
}
