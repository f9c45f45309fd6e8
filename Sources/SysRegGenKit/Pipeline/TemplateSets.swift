import Foundation

/// A template set: where its templates come from and the folder they render to.
public struct TemplateSetLocation: Sendable, Equatable {
    /// The name `--set` selects it by (`swift`, `c`).
    public var name: String
    /// Its templates: a built-in set, overridden or not by a folder, or a folder alone.
    public var templates: TemplateSource
    /// The folder its outputs are written to.
    public var output: String

    /// Creates a template set.
    public init(name: String, templates: TemplateSource, output: String) {
        self.name = name
        self.templates = templates
        self.output = output
    }
}

/// The template sets file, `sysreg-gen.yaml`: the template sets `sysreg-gen` renders, in order.
///
/// ```yaml
/// sets:
///   - name: swift           # what --set selects
///     builtin: swift        # start from the built-in set `swift`
///     templates: Overrides  # optional: NAME.mustache here replaces the built-in NAME.mustache, or adds one
///     exclude: [SysReg+AArch32.swift]  # optional: built-in templates left out
///     output: Generated     # folders are relative to the folder of this file
/// ```
///
/// A set without `builtin` renders exactly the templates of its `templates` folder.
public struct TemplateSetsFile: Sendable {
    /// Where the command looks for it when not told: the current folder.
    public static let defaultPath = "sysreg-gen.yaml"
    /// The folder whose templates override the built-in ones when there is no template sets file.
    public static let defaultOverrides = "Templates"

    /// The set used when there is no template sets file: the built-in `swift` set rendered to
    /// `Generated/`, overridden per file by `Templates/` when that folder exists.
    public static var defaultSet: TemplateSetLocation {
        var isFolder: ObjCBool = false
        let overrides =
            FileManager.default.fileExists(atPath: defaultOverrides, isDirectory: &isFolder) && isFolder.boolValue
            ? defaultOverrides : nil
        return TemplateSetLocation(
            name: "swift", templates: .builtin("swift", overriddenBy: overrides), output: "Generated")
    }

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
        /// A folder of the file, relative to the current folder.
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
        }
        var sets: [TemplateSetLocation] = []
        var first: [String: SourceLocation] = [:]
        if let top = reader.fields(of: document.root, "the template sets file", .templateSetsFile),
            let items = top["sets"].flatMap({ reader.sequence($0, "'sets'") })
        {
            for item in items {
                guard
                    let fields = reader.fields(of: item, "a template set", .templateSet),
                    let name = fields["name"].flatMap({ reader.string($0, "'name'") }),
                    let output = fields["output"].flatMap({ reader.string($0, "'output'") }),
                    let templates = reader.templateSource(fields, resolve: resolve)
                else { continue }
                if let earlier = first[name.value] {
                    reader.error(
                        "duplicate template set '\(name.value)'", at: name.location,
                        notes: [.note("first defined here", at: earlier)])
                    continue
                }
                first[name.value] = name.location
                sets.append(TemplateSetLocation(name: name.value, templates: templates, output: resolve(output.value)))
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

extension NodeReader {
    /// The templates of a template set's entry: its `builtin`, `templates` and `exclude` keys,
    /// the built-in set and the excluded names checked against the built-in sets.
    fileprivate mutating func templateSource(
        _ fields: Fields, resolve: (String) -> String
    ) -> TemplateSource? {
        let folder = fields["templates"].flatMap { string($0, "'templates'") }
        guard let builtinNode = fields["builtin"] else {
            if let exclude = fields["exclude"] {
                error(
                    "'exclude' leaves out built-in templates, and the set names no 'builtin'", at: location(of: exclude)
                )
                return nil
            }
            guard let folder else {
                if fields["templates"] == nil {
                    error(
                        "a template set names a built-in set ('builtin'), a templates folder ('templates') or both",
                        at: location(of: fields.node))
                }
                return nil
            }
            return .folder(resolve(folder.value))
        }
        guard let builtin = string(builtinNode, "'builtin'") else { return nil }
        let resources: BuiltinResources
        do {
            resources = try BuiltinResources.located()
        } catch {
            self.error(error.diagnostics.map(\.message).joined(separator: "; "), at: builtin.location)
            return nil
        }
        guard resources.templateSets.contains(builtin.value) else {
            error(resources.unknownSetMessage(builtin.value), at: builtin.location)
            return nil
        }
        var excluded: [String] = []
        if let list = fields["exclude"].flatMap({ sequence($0, "'exclude'") }) {
            let known = (try? resources.templateNames(ofSet: builtin.value)) ?? []
            for item in list {
                guard let name = string(item, "an excluded template") else { continue }
                guard known.contains(name.value) else {
                    // A name given with its `.mustache` is the likeliest slip.
                    let bare =
                        name.value.hasSuffix(TemplateSet.fileExtension)
                        ? String(name.value.dropLast(TemplateSet.fileExtension.count)) : name.value
                    let hint = closestName(to: bare, in: known).map { "; did you mean '\($0)'?" } ?? ""
                    error("the built-in \(builtin.value) set has no template '\(name.value)'\(hint)", at: name.location)
                    continue
                }
                excluded.append(name.value)
            }
        }
        if fields["templates"] != nil && folder == nil { return nil }
        return .builtin(builtin.value, overriddenBy: folder.map { resolve($0.value) }, excluding: excluded)
    }
}
