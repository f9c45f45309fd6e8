/// What a template declares about itself in directive comments, `{{! KEY: VALUE }}`, anywhere
/// in it: `{{! view: kernel-c }}`, `{{! header: none }}`. Each key is given at most once; a
/// comment whose text before its first colon is no directive key is an ordinary comment.
struct TemplateDirectives: Equatable {
    /// The view it is written against (`view:`); ``ViewKind/standard`` when it names none.
    var view: ViewKind = .standard
    /// What heads its output (`header:`); ``OutputHeader/sysregGen`` when it names none.
    var header: OutputHeader = .sysregGen
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
    case view, header

    /// The values it accepts, as a template spells them.
    var values: [String] {
        switch self {
        case .view: ViewKind.allCases.map(\.rawValue)
        case .header: OutputHeader.allCases.map(\.rawValue)
        }
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
        }
        return true
    }
}
