/// Reads typed values out of a YAML node tree, recording a diagnostic for each problem instead
/// of stopping at the first, so that one run reports them all.
struct NodeReader {
    /// The file every location refers to.
    let path: String
    /// Problems found so far.
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    /// Where `node` starts.
    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(path: path, line: node.line, column: node.column)
    }

    /// Records problems found by another reader, after those found so far.
    mutating func append(_ problems: [Diagnostic]) {
        diagnostics += problems
    }

    /// Records an error.
    mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    /// The entries of a mapping of kind `kind`, whose keys are all among its ``MappingKeys``.
    ///
    /// Reports a node that is not a mapping, unknown keys (with the closest known key as a
    /// suggestion) and missing required keys. Values that are YAML null count as absent.
    mutating func fields(of node: YAMLNode, _ what: String, _ kind: InputMapping) -> Fields? {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping", at: location(of: node))
            return nil
        }
        let keys = kind.keys
        for position in mapping.indices {
            // The key's bytes alone: its text and a handle are made only for a message.
            if mapping.keyPlace(at: position, in: keys.required) != nil
                || mapping.keyPlace(at: position, in: keys.optional) != nil
            {
                continue
            }
            let key = mapping[position].key
            let spelled = key.text ?? "\(key)"
            let hint = closestName(to: spelled, in: keys.all).map { "; did you mean '\($0)'?" } ?? ""
            error("unknown key '\(spelled)' in \(what)\(hint)", at: location(of: key))
        }
        let fields = Fields(node: node, entries: mapping)
        for name in keys.required where fields[name] == nil {
            let present = mapping.contains { $0.key.text == name }
            error(
                present ? "'\(name)' in \(what) must have a value" : "missing key '\(name)' in \(what)",
                at: location(of: node))
        }
        return fields
    }

    /// A non-empty string scalar.
    mutating func string(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = node.text else {
            error("\(what) must be a string", at: location(of: node))
            return nil
        }
        guard !text.isEmpty else {
            error("\(what) must not be empty", at: location(of: node))
            return nil
        }
        return Located(text, at: location(of: node))
    }

    /// A string scalar that is one of `T`'s raw values.
    mutating func choice<T: RawRepresentable & CaseIterable & Sendable>(
        _ node: YAMLNode, _ what: String, as type: T.Type
    ) -> Located<T>? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        guard let value = T(rawValue: text.value) else {
            let allowed = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            error("\(what) must be \(allowed), not '\(text.value)'", at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A boolean scalar (`true` or `false`).
    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let value = node.bool else {
            error("\(what) must be true or false", at: location(of: node))
            return nil
        }
        return value
    }

    /// The elements of a sequence.
    mutating func sequence(_ node: YAMLNode, _ what: String) -> YAMLNode.Elements? {
        guard let sequence = node.sequence else {
            error("\(what) must be a sequence", at: location(of: node))
            return nil
        }
        return sequence
    }

}

/// The known name closest to a misspelled one, if close enough to be a likely typo.
func closestName(to name: String, in known: [String]) -> String? {
    let best = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
    guard let best, best.1 <= max(2, name.count / 3) else { return nil }
    return best.0
}

/// The present entries of a mapping, by key.
struct Fields {
    /// The mapping itself.
    let node: YAMLNode
    /// Its entries: a mapping of a register file has a handful, which a search finds sooner
    /// than a hash, and the loader has rejected repeated keys.
    let entries: YAMLNode.Entries

    /// The value of `key`; `nil` when it is absent or YAML null.
    subscript(key: String) -> YAMLNode? {
        guard let value = entries.value(forKey: key), !value.isNull else { return nil }
        return value
    }
}

/// Levenshtein distance between two strings, over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
