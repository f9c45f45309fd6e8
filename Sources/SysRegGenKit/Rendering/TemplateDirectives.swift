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
///
/// `… into N parts by NAME` places each element by its text key `NAME` instead (a hash of it,
/// so parts are about equal in count): adding, removing or editing one element then changes
/// only its own part, where cuts by size move neighbours from one part to the next.
public struct OutputSplit: Equatable, Sendable {
    /// The list whose section is cut: a key of the view.
    public var key: String
    /// How many files the output is written as, at least 2.
    public var parts: Int
    /// The text key of the list's elements that places each in its part; `nil` to cut by size.
    public var placement: String?

    /// Reads a `split:` directive's value, `KEY into N parts` or `KEY into N parts by NAME`;
    /// `nil` when it reads otherwise.
    init?(_ value: String) {
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 4 || (words.count == 6 && words[4] == "by"), words[1] == "into", words[3] == "parts",
            let parts = Int(words[2]), parts >= 2, parts <= 99
        else { return nil }
        key = String(words[0])
        self.parts = parts
        placement = words.count == 6 ? String(words[5]) : nil
    }

    /// The part (from 0) of the element whose placement key reads `text`: its FNV-1a hash,
    /// the same on every machine and run (Swift's `Hasher` is seeded per process), modulo
    /// the number of parts.
    func part(of text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(parts))
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
        case .split:
            return "a split reads 'KEY into N parts' or 'KEY into N parts by NAME', N from 2 to 99, not '\(value)'"
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
