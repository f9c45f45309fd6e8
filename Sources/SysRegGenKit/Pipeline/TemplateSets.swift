import Foundation

/// A template set: a folder of templates and the folder they render to.
public struct TemplateSetLocation: Sendable, Equatable {
    /// The name `--set` selects it by (`swift`, `c`).
    public var name: String
    /// The folder of `*.mustache` templates.
    public var templates: String
    /// The folder its outputs are written to.
    public var output: String

    /// Creates a template set.
    public init(name: String, templates: String, output: String) {
        self.name = name
        self.templates = templates
        self.output = output
    }
}

/// The template sets file, `sysreg-gen.yaml`: the template sets `sysreg-gen` renders, in order.
///
/// ```yaml
/// sets:
///   - name: swift          # what --set selects
///     templates: Templates # relative to the folder of this file
///     output: Generated
/// ```
public struct TemplateSetsFile: Sendable {
    /// Where the command looks for it when not told: the current folder.
    public static let defaultPath = "sysreg-gen.yaml"
    /// The set used when there is no template sets file: `Templates/` rendered to `Generated/`.
    public static let defaultSet = TemplateSetLocation(name: "swift", templates: "Templates", output: "Generated")

    /// The file, as the user named it.
    public var path: String
    /// Its sets, in file order, with their folders relative to the current folder.
    public var sets: [TemplateSetLocation]

    /// Creates a template sets file's contents; `path` names it in diagnostics.
    public init(path: String, sets: [TemplateSetLocation]) {
        self.path = path
        self.sets = sets
    }

    /// Reads and validates the file at `path`; every problem is reported with its line.
    public static func load(path: String) throws(DiagnosticList) -> TemplateSetsFile {
        let document = try YAMLLoader.load(path: path)
        var reader = NodeReader(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        var sets: [TemplateSetLocation] = []
        var first: [String: SourceLocation] = [:]
        if let top = reader.fields(of: document.root, "the template sets file", .templateSetsFile),
            let items = top["sets"].flatMap({ reader.sequence($0, "'sets'") })
        {
            for item in items {
                guard
                    let fields = reader.fields(of: item, "a template set", .templateSet),
                    let name = fields["name"].flatMap({ reader.string($0, "'name'") }),
                    let templates = fields["templates"].flatMap({ reader.string($0, "'templates'") }),
                    let output = fields["output"].flatMap({ reader.string($0, "'output'") })
                else { continue }
                if let earlier = first[name.value] {
                    reader.error(
                        "duplicate template set '\(name.value)'", at: name.location,
                        notes: [.note("first defined here", at: earlier)])
                    continue
                }
                first[name.value] = name.location
                sets.append(
                    TemplateSetLocation(
                        name: name.value, templates: (folder as NSString).appendingPathComponent(templates.value),
                        output: (folder as NSString).appendingPathComponent(output.value)))
            }
        }
        if reader.diagnostics.isEmpty && sets.isEmpty {
            reader.error("the template sets file lists no template set", at: reader.location(of: document.root))
        }
        guard reader.diagnostics.isEmpty else { throw DiagnosticList(reader.diagnostics) }
        return TemplateSetsFile(path: path, sets: sets)
    }

    /// The sets named in `names`, in file order; all of them when `names` is empty.
    public func selecting(_ names: [String]) throws(DiagnosticList) -> [TemplateSetLocation] {
        let unknown = names.filter { name in !sets.contains { $0.name == name } }
        guard unknown.isEmpty else {
            let known = sets.map { "'\($0.name)'" }.joined(separator: ", ")
            throw DiagnosticList(
                unknown.map { .error("no template set '\($0)' in \(path); it has \(known)", at: nil) })
        }
        return names.isEmpty ? sets : sets.filter { names.contains($0.name) }
    }
}
