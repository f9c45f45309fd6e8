/// A place in an input file: path, 1-based line and 1-based column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as the user named it.
    public var path: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars as libyaml counts them.
    public var column: Int

    /// Creates a location.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form compilers print and editors jump to.
    public var description: String { "\(path):\(line):\(column)" }

    /// Orders by file, then line, then column.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// A problem found in the input, printed as `path:line:col: error: message` (or `warning:`),
/// always to standard error.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad a diagnostic is.
    public enum Severity: String, Sendable {
        /// The run fails.
        case error
        /// The run succeeds, but did something the user should know of, such as discarding a
        /// hand edit they asked to overwrite.
        case warning
        /// Points at another place involved in the error before it.
        case note
    }

    /// How bad it is.
    public var severity: Severity
    /// Where it is; `nil` when it concerns a whole file or no file.
    public var location: SourceLocation?
    /// What is wrong, in one line.
    public var message: String
    /// Other places involved, such as the first definition of a duplicate.
    public var notes: [Diagnostic]

    /// Creates an error at `location`.
    public static func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Self {
        Diagnostic(severity: .error, location: location, message: message, notes: notes)
    }

    /// Creates a warning at `location`.
    public static func warning(_ message: String, at location: SourceLocation?) -> Self {
        Diagnostic(severity: .warning, location: location, message: message, notes: [])
    }

    /// Creates a note at `location`.
    public static func note(_ message: String, at location: SourceLocation) -> Self {
        Diagnostic(severity: .note, location: location, message: message, notes: [])
    }

    /// The diagnostic and its notes, one line each.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        let own = "\(prefix)\(severity.rawValue): \(message)"
        return ([own] + notes.map(\.description)).joined(separator: "\n")
    }
}

/// Every problem of a run, reported together and in file order.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The errors (or warnings), sorted by location.
    public var diagnostics: [Diagnostic]

    /// Collects `diagnostics`, sorting them by location (those without one first).
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (let l?, let r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// One line per diagnostic and note.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
