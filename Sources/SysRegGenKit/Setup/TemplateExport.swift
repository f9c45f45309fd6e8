import Foundation

/// `sysreg-gen templates export DIR`: the built-in template sets copied out for customising,
/// each into a folder of its own, `DIR/<set>/NAME.mustache`.
///
/// Such a folder is what a set of `sysreg-gen.yaml` names as its `templates` next to
/// `builtin: <set>`; keeping only the templates changed there keeps the others up to date
/// with the tool.
public struct TemplateExport: Sendable {
    /// One folder per exported set, in set-name order.
    public var sets: [StarterFiles]

    /// Reads the built-in sets named in `names` (every one when empty) and compares each with
    /// `destination/<set>`; writes nothing.
    public init(into destination: String, sets names: [String]) throws(DiagnosticList) {
        let resources = try BuiltinResources.located()
        let unknown = names.filter { !resources.templateSets.contains($0) }
        guard unknown.isEmpty else {
            throw DiagnosticList(unknown.map { .error(resources.unknownSetMessage($0), at: nil) })
        }
        let selected = resources.templateSets.filter { names.isEmpty || names.contains($0) }
        var sets: [StarterFiles] = []
        for set in selected {
            let folder = try resources.folder(ofSet: set)
            var files: [RenderedFile] = []
            for name in try resources.templateFiles(ofSet: set) {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw DiagnosticList([.error("cannot read the built-in template '\(path)'", at: nil)])
                }
                files.append(
                    RenderedFile(name: name, contents: String(decoding: data, as: UTF8.self), hasHeader: false))
            }
            sets.append(
                StarterFiles(
                    files, in: (destination as NSString).appendingPathComponent(set),
                    origin: "the built-in template"))
        }
        self.sets = sets
    }

    /// Writes every set, or, if any file there differs and `force` is not given, nothing at
    /// all. Returns `wrote PATH` or `unchanged PATH` per file.
    public func write(force: Bool) throws(DiagnosticList) -> [String] {
        let refusals = sets.flatMap { $0.refusals(force: force) }
        guard refusals.isEmpty else { throw DiagnosticList(refusals) }
        var lines: [String] = []
        for set in sets {
            lines += try set.write(force: force)
        }
        return lines
    }
}
