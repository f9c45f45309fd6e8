import Foundation
import PackagePlugin

/// One run of `sysreg-gen`: its standard output goes straight through, its standard error is
/// forwarded line by line and each diagnostic in it is reported to SwiftPM as well.
struct ToolRun {
    /// The built `sysreg-gen`.
    var executable: URL
    /// What it is run with.
    var arguments: [String]
    /// The package directory: the current directory of the run, and the base of relative paths.
    var directory: URL

    /// Runs the tool to the end and returns its exit status.
    func run() throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var pending = Data()
        let reader = errors.fileHandleForReading
        while case let chunk = reader.availableData, !chunk.isEmpty {
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                forward(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty { forward(String(decoding: pending, as: UTF8.self)) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Prints `line` to standard error as the tool printed it, and reports it if it is a diagnostic.
    private func forward(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        guard let diagnostic = ToolDiagnostic(line) else { return }
        // SwiftPM's diagnostics carry a line but no column: the forwarded line keeps it.
        let file = diagnostic.path.map { URL(fileURLWithPath: $0, relativeTo: directory).standardizedFileURL.path }
        Diagnostics.emit(diagnostic.severity, diagnostic.message, file: file, line: diagnostic.line)
    }
}

/// A line `sysreg-gen` prints to standard error as `path:line:col: error: message`,
/// `path:line:col: warning: message`, `path:line:col: note: message`, or without the location.
struct ToolDiagnostic {
    /// The file, as the tool named it (relative to its current directory, or absolute).
    var path: String?
    /// The line, from 1.
    var line: Int?
    /// error, warning, or remark for a note.
    var severity: Diagnostics.Severity
    /// The message.
    var message: String

    /// Reads `text`; `nil` when it is not a diagnostic (a count, a diff line).
    init?(_ text: String) {
        let severities: [(String, Diagnostics.Severity)] = [
            ("error", .error), ("warning", .warning), ("note", .remark),
        ]
        for (word, severity) in severities {
            if text.hasPrefix("\(word): ") {
                self.init(severity: severity, message: String(text.dropFirst(word.count + 2)))
                return
            }
            guard let marker = text.range(of: ": \(word): ") else { continue }
            // The location ends with `:line:col`; the path before it may itself hold colons.
            let location = text[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let line = Int(location[location.count - 2]),
                Int(location[location.count - 1]) != nil
            else { continue }
            self.init(
                path: location.dropLast(2).joined(separator: ":"), line: line, severity: severity,
                message: String(text[marker.upperBound...]))
            return
        }
        return nil
    }

    private init(path: String? = nil, line: Int? = nil, severity: Diagnostics.Severity, message: String) {
        self.path = path
        self.line = line
        self.severity = severity
        self.message = message
    }
}
