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

/// swift-mustache's parser, over the template's UTF-8 bytes: every character of the syntax is
/// ASCII, and a line break (`\n`, `\r\n`, or another Unicode line break where a tag must end
/// its line) is read whole, as swift-mustache reads a `Character`.
private struct TemplateParser {
    struct State {
        var sectionName: String?
        var newLine = true
    }

    let bytes: [UInt8]
    var position = 0
    /// Every comment seen.
    var comments: [TemplateComment] = []
    /// The line and column of `position` is computed only for a tag or an error; these carry
    /// the count up to `lineCountedTo`.
    private var lineCountedTo = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The characters of a name: ASCII letters, digits and `.-_?*`, and `()` (a transform)
    /// or `/` (a partial's path) where `extra` has them.
    private static func isName(_ byte: UInt8, extra: String = "") -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return ".-_?*".utf8.contains(byte) || extra.utf8.contains(byte)
        }
    }
    private static func nameCharacter(_ byte: UInt8) -> Bool { isName(byte, extra: "()") }
    private static func plainNameCharacter(_ byte: UInt8) -> Bool { isName(byte) }
    private static func partialNameCharacter(_ byte: UInt8) -> Bool { isName(byte, extra: "()/") }
    private static func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    // MARK: Reading

    var reachedEnd: Bool { position == bytes.count }
    var current: UInt8 { reachedEnd ? 0 : bytes[position] }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    @discardableResult
    mutating func read(while belongs: (UInt8) -> Bool) -> String {
        let start = position
        while !reachedEnd, belongs(bytes[position]) { position += 1 }
        return text(start..<position)
    }

    /// Skips spaces, tabs and line breaks.
    mutating func skipWhitespace() {
        while !reachedEnd {
            if Self.blank(bytes[position]) {
                position += 1
            } else if let length = newline(at: position) {
                position += length
            } else {
                return
            }
        }
    }

    /// The length in bytes of the line break at `index`, if one starts there: `\r\n`, `\n`,
    /// `\r`, VT, FF, NEL, LS or PS (`Character.isNewline`).
    func newline(at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0x0A, 0x0B, 0x0C: return 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : nil
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0xA8 ? 3 : nil
        default: return nil
        }
    }

    /// Reads `string` if it comes next; an overflow when fewer bytes are left.
    mutating func read(_ string: StaticString) throws(TemplateSyntaxError) -> Bool {
        let count = string.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw overflow }
        let matches = string.withUTF8Buffer { bytes[position..<position + count].elementsEqual($0) }
        guard matches else { return false }
        position += count
        return true
    }

    var overflow: TemplateSyntaxError { TemplateSyntaxError(message: "a tag is not closed before the end") }

    /// The line and column of `index`, 1-based, the column in Unicode scalars.
    mutating func lineAndColumn(of index: Int) -> (line: Int, column: Int) {
        if index < lineCountedTo { (lineCountedTo, line, lineStart) = (0, 1, 0) }
        while lineCountedTo < index {
            if let length = newline(at: lineCountedTo) {
                line += 1
                lineCountedTo += length
                lineStart = lineCountedTo
            } else {
                lineCountedTo += 1
            }
        }
        let column = bytes[lineStart..<min(index, bytes.count)].count { $0 & 0xC0 != 0x80 }
        return (line, column + 1)
    }

    /// Where an error points: its tag, or the parser's position.
    mutating func errorPosition(_ error: TemplateSyntaxError) -> (line: Int, column: Int) {
        if let tag = error.tag { return tag }
        return lineAndColumn(of: min(position, bytes.count))
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
            if let length = newline(at: position) {
                nodes.append(.text(whitespaceBefore + text + self.text(position..<position + length)))
                state.newLine = true
                position += length
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
            switch Character(Unicode.Scalar(current)) {
            case "#", "^":
                let inverted = current == UInt8(ascii: "^")
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
                // Trimmed in place: `drop` and `reversed` instantiate their wrapper types at run
                // time, each a search of the binary's conformance records (about 0.7M
                // instructions for the first template of a run).
                var trimmed = Substring(text)
                while let first = trimmed.first, first == " " || first == "}" { trimmed.removeFirst() }
                while let last = trimmed.last, last == " " || last == "}" { trimmed.removeLast() }
                comments.append(TemplateComment(text: String(trimmed), line: tagLine, column: tagColumn))
                setNewLine = isStandalone(state)
            case "{", "&":
                flushWhitespace()
                let triple = current == UInt8(ascii: "{")
                position += 1
                let name = try parseName()
                if triple {
                    guard !reachedEnd else { throw overflow }
                    guard current == UInt8(ascii: "}") else {
                        throw TemplateSyntaxError(message: "'{{{' is closed by '}}}'")
                    }
                    position += 1
                }
                nodes.append(.variable(tag(name), escaped: false))
            case ">":
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "*") { throw unsupported("dynamic partials ({{>*…}})") }
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
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A) { break }
            if byte == UInt8(ascii: "{"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "{") {
                position += 2
                return text(start..<position - 2)
            }
            position += 1
        }
        return text(start..<position)
    }

    /// A tag's name up to its `}}`; a transform (`name(…)`) is an error.
    private mutating func parseName() throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        let text = read(while: Self.nameCharacter)
        skipWhitespace()
        guard try read("}}") else {
            throw TemplateSyntaxError(message: "a tag's name is not followed by '}}'")
        }
        if !text.utf8.allSatisfy(Self.plainNameCharacter) {
            let (line, column) = lineAndColumn(of: start)
            throw TemplateSyntaxError(
                message: "transforms ('\(text)') are not supported; give the view a key instead", tag: (line, column))
        }
        return text
    }

    private mutating func parsePartialName() throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let text = read(while: Self.partialNameCharacter)
        skipWhitespace()
        guard try read("}}") else {
            throw TemplateSyntaxError(message: "a partial's name is not followed by '}}'")
        }
        return text
    }

    /// A comment's text; its `}}` is read.
    private mutating func readComment() throws(TemplateSyntaxError) -> String {
        let start = position
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "}"), bytes[position + 1] == UInt8(ascii: "}") {
                position += 2
                return text(start..<position - 2)
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
        let variable = read(while: Self.plainNameCharacter)
        skipWhitespace()
        guard !reachedEnd, current == UInt8(ascii: ":") else { throw syntax }
        position += 1
        skipWhitespace()
        let value = read(while: Self.plainNameCharacter)
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
        while end < bytes.count, Self.blank(bytes[end]) { end += 1 }
        guard let length = newline(at: end) else { return false }
        position = end + length
        return true
    }
}
