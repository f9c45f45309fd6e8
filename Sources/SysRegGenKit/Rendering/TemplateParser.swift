/// A template's syntax tree: the text, tags and sections of one `*.mustache` file.
///
/// The grammar and the whitespace rules are those of swift-mustache 2.1.1, which rendered the
/// templates before (standalone tags and their line removed, a standalone partial's indentation
/// kept, `\r\n` a line break): the same template gives the same bytes. Of its extensions, the
/// content-type pragma is kept; what no view can use is reported at its line and column instead
/// (transforms, inheritance, dynamic partials, changed delimiters).
struct ParsedTemplate {
    /// The template's top level.
    var nodes: [TemplateNode]
    /// Every comment, in order, with where it starts: where directives are declared.
    var comments: [TemplateComment]

    /// Parses `text`, the contents of the template at `path`.
    static func parse(_ text: String, path: String) -> Result<ParsedTemplate, Diagnostic> {
        var parser = TemplateParser(text)
        do {
            let nodes = try parser.parseBlock(TemplateParser.State())
            return .success(ParsedTemplate(nodes: nodes, comments: parser.comments))
        } catch {
            let (line, column) = parser.errorPosition(error)
            return .failure(
                .error("template syntax: \(error.message)", at: SourceLocation(path: path, line: line, column: column)))
        }
    }
}

/// One piece of a template.
indirect enum TemplateNode {
    /// Text placed as it is.
    case text(String)
    /// `{{name}}`, or `{{{name}}}` and `{{&name}}` (`escaped` false): a key's text.
    case variable(TemplateTag, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` (`inverted`).
    case section(TemplateTag, inverted: Bool, body: [TemplateNode])
    /// `{{> name}}`; `indentation` is the whitespace before a standalone one.
    case partial(TemplateTag, indentation: String?)
    /// `{{% CONTENT_TYPE: TEXT}}` (`html` false) or `{{% CONTENT_TYPE: HTML}}`: whether the
    /// rest of its block escapes values for HTML.
    case contentType(html: Bool)
}

/// A tag's name and where the tag starts (its `{{`).
struct TemplateTag {
    var name: String
    var line: Int
    var column: Int
}

/// A comment, `{{! text }}`, its text trimmed.
struct TemplateComment {
    var text: String
    var line: Int
    var column: Int
}

/// A syntax error: what is wrong, and where the parser stood.
private struct TemplateSyntaxError: Error {
    var message: String
    /// Where the tag it is about starts, when the error is about a whole tag rather than the
    /// parser's position.
    var tag: (line: Int, column: Int)?
}

/// swift-mustache's parser, over the template's characters.
private struct TemplateParser {
    struct State {
        var sectionName: String?
        var newLine = true
    }

    let characters: [Character]
    var position = 0
    /// Every comment seen.
    var comments: [TemplateComment] = []
    /// The line and column of `position` is computed only for a tag or an error; these carry
    /// the count of the characters before `lineCountedTo`.
    private var lineCountedTo = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        characters = Array(text)
    }

    private static let nameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let plainNameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    private static let blank = Set<Character>(" \t")

    // MARK: Reading

    var reachedEnd: Bool { position == characters.count }
    var current: Character { reachedEnd ? "\0" : characters[position] }

    @discardableResult
    mutating func read(while set: Set<Character>) -> String {
        let start = position
        while !reachedEnd, set.contains(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    mutating func skipWhitespace() {
        while !reachedEnd, characters[position].isWhitespace { position += 1 }
    }

    /// Reads `string` if it comes next; an overflow when fewer characters are left.
    mutating func read(_ string: String) throws(TemplateSyntaxError) -> Bool {
        let expected = Array(string)
        guard characters.count - position >= expected.count else { throw overflow }
        guard characters[position..<position + expected.count].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    var overflow: TemplateSyntaxError { TemplateSyntaxError(message: "a tag is not closed before the end") }

    /// The line and column of `index`, 1-based, counting each line break character as one.
    mutating func lineAndColumn(of index: Int) -> (line: Int, column: Int) {
        if index < lineCountedTo { (lineCountedTo, line, lineStart) = (0, 1, 0) }
        while lineCountedTo < index {
            if characters[lineCountedTo].isNewline {
                line += 1
                lineStart = lineCountedTo + 1
            }
            lineCountedTo += 1
        }
        return (line, index - lineStart + 1)
    }

    /// Where an error points: its tag, or the parser's position.
    mutating func errorPosition(_ error: TemplateSyntaxError) -> (line: Int, column: Int) {
        if let tag = error.tag { return tag }
        return lineAndColumn(of: min(position, characters.count))
    }

    // MARK: Grammar

    /// Parses up to the end of the template, or of the section `state` is in.
    mutating func parseBlock(_ initial: State) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore = ""
        var html = true
        while !reachedEnd {
            if state.newLine { whitespaceBefore = read(while: Self.blank) }
            let text = readUntilDelimiterOrNewline()
            if current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                state.newLine = false
            }
            if reachedEnd { break }
            let (tagLine, tagColumn) = lineAndColumn(of: position - 2)
            func tag(_ name: String) -> TemplateTag { TemplateTag(name: name, line: tagLine, column: tagColumn) }
            func unsupported(_ what: String) -> TemplateSyntaxError {
                TemplateSyntaxError(message: "\(what) are not supported", tag: (tagLine, tagColumn))
            }
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                whitespaceBefore = ""
            }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName()
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhitespace()
                }
                let body = try parseBlock(State(sectionName: name, newLine: setNewLine))
                nodes.append(.section(tag(name), inverted: inverted, body: body))
            case "/":
                position += 1
                let start = position
                let name = try parseName()
                guard name == state.sectionName else {
                    position = start
                    let expected = state.sectionName.map { "the section '\($0)' is closed" } ?? "no section is open"
                    throw TemplateSyntaxError(message: "'\(name)' closes no open section; \(expected) here")
                }
                if !isStandalone(state) { flushWhitespace() }
                return nodes
            case "!":
                position += 1
                let text = try readComment()
                let trimmed = text.drop { $0 == " " || $0 == "}" }.reversed().drop { $0 == " " || $0 == "}" }.reversed()
                comments.append(TemplateComment(text: String(trimmed), line: tagLine, column: tagColumn))
                setNewLine = isStandalone(state)
            case "{", "&":
                flushWhitespace()
                let triple = current == "{"
                position += 1
                let name = try parseName()
                if triple {
                    guard !reachedEnd else { throw overflow }
                    guard current == "}" else { throw TemplateSyntaxError(message: "'{{{' is closed by '}}}'") }
                    position += 1
                }
                nodes.append(.variable(tag(name), escaped: false))
            case ">":
                position += 1
                skipWhitespace()
                if current == "*" { throw unsupported("dynamic partials ({{>*…}})") }
                let name = try parsePartialName()
                let indentation = whitespaceBefore
                flushWhitespace()
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(tag(name), indentation: indentation))
                } else {
                    nodes.append(.partial(tag(name), indentation: nil))
                }
            case "<", "$":
                throw unsupported("inheritance tags ({{<…}}, {{$…}})")
            case "=":
                throw TemplateSyntaxError(
                    message: "templates may not change delimiters ({{=…=}})", tag: (tagLine, tagColumn))
            case "%":
                position += 1
                html = try readContentType()
                nodes.append(.contentType(html: html))
                setNewLine = isStandalone(state)
            default:
                flushWhitespace()
                nodes.append(.variable(tag(try parseName()), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let name = state.sectionName {
            throw TemplateSyntaxError(message: "the section '\(name)' is not closed")
        }
        return nodes
    }

    /// The text up to the next `{{` (which it reads) or line break (which it does not).
    private mutating func readUntilDelimiterOrNewline() -> String {
        let start = position
        while !reachedEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == "{", position + 1 < characters.count, characters[position + 1] == "{" {
                position += 2
                return String(characters[start..<position - 2])
            }
            position += 1
        }
        return String(characters[start..<position])
    }

    /// A tag's name up to its `}}`; a transform (`name(…)`) is an error.
    private mutating func parseName() throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        let text = read(while: Self.nameCharacters)
        skipWhitespace()
        guard try read("}}") else {
            throw TemplateSyntaxError(message: "a tag's name is not followed by '}}'")
        }
        if !text.allSatisfy(Self.plainNameCharacters.contains) {
            let (line, column) = lineAndColumn(of: start)
            throw TemplateSyntaxError(
                message: "transforms ('\(text)') are not supported; give the view a key instead", tag: (line, column))
        }
        return text
    }

    private mutating func parsePartialName() throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let text = read(while: Self.partialNameCharacters)
        skipWhitespace()
        guard try read("}}") else {
            throw TemplateSyntaxError(message: "a partial's name is not followed by '}}'")
        }
        return text
    }

    /// A comment's text; its `}}` is read.
    private mutating func readComment() throws(TemplateSyntaxError) -> String {
        let start = position
        while position + 1 < characters.count {
            if characters[position] == "}", characters[position + 1] == "}" {
                position += 2
                return String(characters[start..<position - 2])
            }
            position += 1
        }
        position = start
        throw overflow
    }

    /// `CONTENT_TYPE: TEXT` or `CONTENT_TYPE: HTML` and the `}}`: whether it is HTML.
    private mutating func readContentType() throws(TemplateSyntaxError) -> Bool {
        let syntax = TemplateSyntaxError(message: "a pragma is written {{% CONTENT_TYPE: TEXT}}")
        skipWhitespace()
        let variable = read(while: Self.plainNameCharacters)
        skipWhitespace()
        guard !reachedEnd, current == ":" else { throw syntax }
        position += 1
        skipWhitespace()
        let value = read(while: Self.plainNameCharacters)
        skipWhitespace()
        guard (try? read("}}")) == true, !variable.isEmpty, !value.isEmpty else { throw syntax }
        guard variable == "CONTENT_TYPE", value == "TEXT" || value == "HTML" else {
            throw TemplateSyntaxError(
                message: "no pragma '\(variable): \(value)'; the pragmas are CONTENT_TYPE: TEXT and HTML")
        }
        return value == "HTML"
    }

    /// Whether the tag just read stands alone on its line; if so its line break is read.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var end = position
        while end < characters.count, Self.blank.contains(characters[end]) { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }
}
