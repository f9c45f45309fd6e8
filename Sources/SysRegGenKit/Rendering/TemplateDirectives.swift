/// What a template declares about itself in directive comments, `{{! KEY: VALUE }}`, anywhere
/// in it: `{{! view: kernel-c }}`, `{{! header: none }}`, `{{! split: fieldTypes into 4 parts }}`.
/// Each key is given at most once; a comment whose text before its first colon is no directive
/// key is an ordinary comment.
struct TemplateDirectives: Equatable {
    /// The view it is written against (`view:`); ``ViewKind/standard`` when it names none.
    var view: ViewKind = .standard
    /// What heads its output (`header:`); ``OutputHeader/sysregGen`` when it names none.
    var header: OutputHeader = .sysregGen
    /// How its output is split over several files (`split:`); one file when it names none.
    var split: OutputSplit?
    /// Where the `split:` directive is, for the problems of the split.
    var splitLocation: SourceLocation?
}

/// A template's output written as several files (`{{! split: KEY into N parts }}`): its one
/// section over the view's list `KEY` is cut between elements into `N` parts of about equal
/// size, and part `i` (`Fields-1.swift` … for `Fields.swift`) holds the template's text around
/// that section with the elements of part `i` inside it. The parts compile in parallel where
/// one file would take one core; there are always `N` of them, however many elements there are.
public struct OutputSplit: Equatable, Sendable {
    /// The list whose section is cut: a key of the view.
    public var key: String
    /// How many files the output is written as, at least 2.
    public var parts: Int

    /// Reads a `split:` directive's value, `KEY into N parts`; `nil` when it reads otherwise.
    init?(_ value: String) {
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 4, words[1] == "into", words[3] == "parts", let parts = Int(words[2]), parts >= 2,
            parts <= 99
        else { return nil }
        key = String(words[0])
        self.parts = parts
    }

    /// The name of part `index` (from 0) of the output `name`: the part's number, from 1 and
    /// padded so that the parts sort in order, before the name's first extension
    /// (`Fields.swift` → `Fields-1.swift`).
    public func name(ofPart index: Int, of name: String) -> String {
        let number = String(index + 1)
        let padded = String(repeating: "0", count: String(parts).count - number.count) + number
        let stem = name.dropFirst().firstIndex(of: ".") ?? name.endIndex
        return name[..<stem] + "-" + padded + name[stem...]
    }
}

/// What heads a template's output, as its `{{! header: … }}` directive says.
public enum OutputHeader: String, CaseIterable, Sendable {
    /// sysreg-gen's notice with the body's hash (``GeneratedHeader``), which lets a run tell a
    /// hand edit from a stale file.
    case sysregGen = "sysreg-gen"
    /// Nothing: the file is exactly the template's output, as a format another tool defines
    /// byte for byte demands. Such a file cannot be told from a hand-edited one.
    case absent = "none"
}

/// One key a directive comment can set.
enum DirectiveKey: String, CaseIterable {
    case view, header, split

    /// Why `value` is not one it accepts, naming those it does.
    func rejection(of value: String) -> String {
        let known: [String]
        switch self {
        case .view: known = ViewKind.allCases.map(\.rawValue)
        case .header: known = OutputHeader.allCases.map(\.rawValue)
        case .split: return "a split reads 'KEY into N parts', N from 2 to 99, not '\(value)'"
        }
        return
            "no \(rawValue) named '\(value)'; the \(rawValue)s are \(known.map { "'\($0)'" }.joined(separator: ", "))"
    }

    /// Sets this key of `directives` to `value`; false when the key takes no such value.
    func set(_ value: String, in directives: inout TemplateDirectives) -> Bool {
        switch self {
        case .view:
            guard let view = ViewKind(rawValue: value) else { return false }
            directives.view = view
        case .header:
            guard let header = OutputHeader(rawValue: value) else { return false }
            directives.header = header
        case .split:
            guard let split = OutputSplit(value) else { return false }
            directives.split = split
        }
        return true
    }
}
