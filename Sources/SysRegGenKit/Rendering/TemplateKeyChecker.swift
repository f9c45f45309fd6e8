import Foundation

/// Checks that every name a template uses is a key of its view, before anything renders.
///
/// Mustache renders a missing key as an empty string, which would turn a typo in a template
/// into silently wrong generated code. This walks each template's tags with the stack of
/// contexts a render would have, resolving names against the key tables of the view's types
/// (``TemplateContext/keys``), and reports each name that resolves nowhere at its line and
/// column.
///
/// swift-mustache 2.1.1 keeps its parsed tokens internal (`MustacheTemplate.Token`), so the
/// names are found by ``MustacheTag/scan(_:)``, the only tokenizer of this package; a template
/// the parser rejects never reaches it.
struct TemplateKeyChecker {
    /// Template sources by name, for following partials.
    let sources: [String: (path: String, text: String)]

    /// The directives the template `name` declares (``TemplateDirectives``), or every problem
    /// with them: a value the key does not take, a key given twice.
    func directives(of name: String) -> Result<TemplateDirectives, DiagnosticList> {
        guard let source = sources[name] else { return .success(TemplateDirectives()) }
        var directives = TemplateDirectives()
        var declared: [DirectiveKey: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for tag in MustacheTag.scan(source.text) where tag.kind == .comment {
            let words = tag.name.split(separator: ":", maxSplits: 1)
            guard words.count == 2, let key = DirectiveKey(rawValue: words[0].trimmingCharacters(in: .whitespaces))
            else { continue }
            let location = SourceLocation(path: source.path, line: tag.line, column: tag.column)
            let value = words[1].trimmingCharacters(in: .whitespaces)
            if let earlier = declared[key] {
                diagnostics.append(
                    .error(
                        "a template names one \(key.rawValue); this one is named again here", at: location,
                        notes: [.note("first named here", at: earlier)]))
                continue
            }
            declared[key] = location
            if !key.set(value, in: &directives) {
                let known = key.values.map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(
                    .error("no \(key.rawValue) named '\(value)'; the \(key.rawValue)s are \(known)", at: location))
            }
        }
        return diagnostics.isEmpty ? .success(directives) : .failure(DiagnosticList(diagnostics))
    }

    /// Problems in the template `name`, written against `view`, in order.
    func check(_ name: String, view: ViewKind) -> [Diagnostic] {
        guard let source = sources[name] else { return [] }
        var diagnostics: [Diagnostic] = []
        check(source, stack: [.context(view.type)], partialsSeen: [name], into: &diagnostics)
        return diagnostics
    }

    /// What a name resolves to, as far as checking needs.
    private enum Value {
        /// Text or a boolean: no keys inside.
        case leaf(TemplateKeyKind)
        /// A list of contexts of this type.
        case list(any TemplateContext.Type)
        /// A context of this type: the view, or a list's element inside its section.
        case context(any TemplateContext.Type)

        init(_ kind: TemplateKeyKind) {
            if case .list(let element) = kind { self = .list(element) } else { self = .leaf(kind) }
        }
    }

    private func check(
        _ source: (path: String, text: String), stack initial: [Value], partialsSeen: Set<String>,
        into diagnostics: inout [Diagnostic]
    ) {
        var stack = initial
        var sections: [String] = []
        for tag in MustacheTag.scan(source.text) {
            let location = SourceLocation(path: source.path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .comment, .pragma:
                continue
            case .setDelimiters:
                // Names after a delimiter change cannot be found by this scanner; say so rather
                // than pass them unchecked.
                diagnostics.append(.error("templates may not change delimiters ({{=…=}})", at: location))
                return
            case .partial:
                guard let partial = sources[tag.name], !partialsSeen.contains(tag.name) else {
                    if sources[tag.name] == nil {
                        diagnostics.append(.error("no partial named '\(tag.name)'", at: location))
                    }
                    continue
                }
                check(partial, stack: stack, partialsSeen: partialsSeen.union([tag.name]), into: &diagnostics)
            case .variable:
                if resolve(tag.name, in: stack) == nil { diagnostics.append(missing(tag.name, stack, location)) }
            case .section, .invertedSection:
                let value = resolve(tag.name, in: stack)
                if value == nil { diagnostics.append(missing(tag.name, stack, location)) }
                sections.append(tag.name)
                stack.append(
                    sectionContext(of: value, inverted: tag.kind == .invertedSection) ?? stack[stack.count - 1])
            case .close:
                guard sections.last == tag.name else { continue }  // The parser reports mismatches.
                sections.removeLast()
                stack.removeLast()
            }
        }
    }

    /// The value a name resolves to: the innermost context that has its first component, then
    /// each further component inside it. `.` is the current context.
    private func resolve(_ name: String, in stack: [Value]) -> Value? {
        if name == "." { return stack.last }
        let components = name.split(separator: ".").map(String.init)
        guard let first = components.first,
            var value = stack.reversed().lazy.compactMap({ child(first, of: $0) }).first
        else { return nil }
        for component in components.dropFirst() {
            guard let next = child(component, of: value) else { return nil }
            value = next
        }
        return value
    }

    /// The context inside a section over `value`: a list's element, text itself; `nil` (keep
    /// the enclosing context) for booleans and inverted sections, as swift-mustache renders them.
    private func sectionContext(of value: Value?, inverted: Bool) -> Value? {
        guard let value, !inverted else { return nil }
        switch value {
        case .list(let element): return .context(element)
        case .leaf(.flag): return nil
        case .leaf, .context: return value
        }
    }

    private func child(_ key: String, of value: Value) -> Value? {
        guard case .context(let type) = value else { return nil }
        return type.kind(of: key).map(Value.init)
    }

    private func missing(_ name: String, _ stack: [Value], _ location: SourceLocation) -> Diagnostic {
        let keys = if case .context(let type)? = stack.last { type.keyNames } else { [String]() }
        let hint = closestName(to: name, in: keys).map { "; did you mean '\($0)'?" } ?? ""
        return .error("the view has no key '\(name)' here\(hint)", at: location)
    }
}

/// One `{{…}}` tag of a template, where it starts and what kind it is.
struct MustacheTag {
    enum Kind: Equatable { case variable, section, invertedSection, close, partial, comment, pragma, setDelimiters }

    var kind: Kind
    /// The name inside the tag, trimmed; for a transform such as `uppercased(name)`, the name.
    var name: String
    var line: Int
    var column: Int

    /// Every tag in `text`, in order, with default delimiters.
    static func scan(_ text: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        let characters = Array(text)
        var index = 0
        var line = 1
        var column = 1
        func advance() {
            if characters[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        while index + 1 < characters.count {
            guard characters[index] == "{", characters[index + 1] == "{" else {
                advance()
                continue
            }
            let (startLine, startColumn) = (line, column)
            advance()
            advance()
            var body = ""
            while index < characters.count,
                !(characters[index] == "}" && index + 1 < characters.count
                    && characters[index + 1] == "}")
            {
                body.append(characters[index])
                advance()
            }
            if index < characters.count { advance() }
            if index < characters.count { advance() }
            if body.hasPrefix("{"), index < characters.count, characters[index] == "}" { advance() }
            tags.append(MustacheTag(body, line: startLine, column: startColumn))
        }
        return tags
    }

    private init(_ body: String, line: Int, column: Int) {
        self.line = line
        self.column = column
        let sigils: [Character: Kind] = [
            "#": .section, "^": .invertedSection, "/": .close, ">": .partial, "!": .comment, "%": .pragma,
            "=": .setDelimiters, "&": .variable, "{": .variable,
        ]
        var rest = Substring(body).drop { $0 == " " }
        if let sigil = rest.first, let kind = sigils[sigil] {
            self.kind = kind
            rest = rest.dropFirst()
        } else {
            kind = .variable
        }
        var name = rest.trimmingCharacters(in: CharacterSet(charactersIn: " }"))
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
        self.name = name
    }
}
