/// Files sysreg-gen writes once for the user to edit, and never regenerates: the exported
/// templates and the scaffold of `sysreg-gen init`.
///
/// A file already there with other bytes is the user's, so it is replaced only when forced;
/// one with the same bytes is left as it is. Files of the folder that are not written here are
/// never looked at.
public struct StarterFiles: Sendable {
    /// The folder they go to (the empty path is the current folder).
    public var folder: OutputFolder
    /// Each file with how it compares with the folder.
    public var comparison: OutputComparison
    /// What the files are, as a refusal names them (`the built-in template`).
    public var origin: String

    /// Compares `files` with the folder `path`; reads only. `origin` says, in a refusal, what
    /// the file there differs from.
    public init(_ files: [RenderedFile], in path: String, origin: String) {
        folder = OutputFolder(path: path)
        comparison = folder.compare(files)
        comparison.orphans = []
        self.origin = origin
    }

    /// Files there that differ, each an error unless `force`.
    public func refusals(force: Bool) -> [Diagnostic] {
        guard !force else { return [] }
        return comparison.files.compactMap { file, state in
            guard case .stale = state else { return nil }
            return .error(
                "\(folder.location(of: file.name)) exists and differs from \(origin); pass --force to overwrite it",
                at: nil)
        }
    }

    /// Writes every file not already there with these bytes, each atomically; nothing when
    /// there are ``refusals(force:)``. Returns `wrote PATH` or `unchanged PATH` per file.
    public func write(force: Bool) throws(DiagnosticList) -> [String] {
        let refusals = refusals(force: force)
        guard refusals.isEmpty else { throw DiagnosticList(refusals) }
        // Refused above unless forced; a file without sysreg-gen's header is never taken for a hand edit.
        try folder.write(comparison, force: true)
        return comparison.files.map { file, state in
            "\(state == .upToDate ? "unchanged" : "wrote") \(folder.location(of: file.name))"
        }
    }
}
