import Foundation
import Yams

/// `sysreg-gen init`: what a new package starts from, written in the current folder.
///
/// `registers.yaml` holds one register, TPIDR_EL1, and its group, and lints clean;
/// `sysreg-gen.yaml` renders the built-in `swift` set from it to the output folder. With a
/// schemas folder, each file's first line points the YAML language server at its JSON schema
/// there, by a path relative to the current folder.
public struct Scaffold: Sendable {
    /// The register file's name.
    public static let registerFile = "registers.yaml"
    /// The register file's JSON schema's name, in the schemas folder.
    public static let registerSchema = "registers.schema.json"
    /// The template sets file's JSON schema's name, in the schemas folder.
    public static let templateSetsSchema = "sysreg-gen.schema.json"

    /// The two files, compared with the current folder.
    public var files: StarterFiles
    /// A schema the first lines point at that is not there (yet).
    public var warnings: [Diagnostic]

    /// The scaffold generating into `output` (relative to the current folder), its files
    /// pointing at the schemas in `schemas` when given; writes nothing.
    public init(output: String, schemas: String?) throws(DiagnosticList) {
        guard !output.isEmpty else {
            throw DiagnosticList([.error("--output must name a folder", at: nil)])
        }
        let registers = try BuiltinResources.located().scaffold(Self.registerFile)
        let config = """
            # sysreg-gen.yaml: the template sets sysreg-gen renders, written by `sysreg-gen init`.
            # The built-in swift set renders registers.yaml to `output`. A set may add
            # `templates: FOLDER`, whose NAME.mustache files replace the built-in ones of the same
            # name or add templates (`sysreg-gen templates export DIR` copies the built-in ones out),
            # and `exclude: [NAME, ...]` to leave built-in templates out. Folders are relative to
            # this file.
            sets:
              - name: swift
                builtin: swift
                output: \(Self.yamlScalar(output))

            """
        var warnings: [Diagnostic] = []
        var headers = ["", ""]
        if let schemas {
            let folder = Self.relativePath(schemas, from: FileManager.default.currentDirectoryPath)
            for (index, schema) in [Self.registerSchema, Self.templateSetsSchema].enumerated() {
                let path = folder.isEmpty ? schema : (folder as NSString).appendingPathComponent(schema)
                headers[index] = "# yaml-language-server: $schema=\(path)\n"
                if !FileManager.default.fileExists(atPath: path) {
                    warnings.append(.warning("the schema '\(path)' does not exist (yet)", at: nil))
                }
            }
        }
        files = StarterFiles(
            [
                RenderedFile(name: Self.registerFile, contents: headers[0] + registers, hasHeader: false),
                RenderedFile(name: TemplateSetsFile.defaultPath, contents: headers[1] + config, hasHeader: false),
            ], in: "", origin: "what init writes")
        self.warnings = warnings
    }

    /// `text` as a YAML scalar: plain when it is a simple path that YAML reads as a string, else
    /// double-quoted (a JSON string is a valid one), so that no folder name can change the
    /// file's structure or be read as null, a boolean or a number.
    static func yamlScalar(_ text: String) -> String {
        let simple = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "/._-".unicodeScalars.contains($0)
        }
        let node = Node(text, Tag(.implicit), .plain)
        if simple, text.first != "-", node.null == nil, node.bool == nil, node.int == nil, node.float == nil {
            return text
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `path` relative to the folder `base`, with `..` where it lies outside; a relative `path`
    /// is taken as relative to `base` already. Symbolic links are resolved in both, so that
    /// `/tmp` and `/private/tmp` agree.
    static func relativePath(_ path: String, from base: String) -> String {
        guard path.hasPrefix("/") else {
            return path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.pathComponents
        let origin = URL(fileURLWithPath: base).resolvingSymlinksInPath().standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, origin.count) && target[common] == origin[common] {
            common += 1
        }
        let parts = Array(repeating: "..", count: origin.count - common) + target[common...]
        return parts.joined(separator: "/")
    }
}
