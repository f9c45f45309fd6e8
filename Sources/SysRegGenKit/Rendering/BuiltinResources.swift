import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files that ship inside sysreg-gen as SwiftPM resources of `SysRegGenKit`: the built-in
/// template sets (`Templates/<set>/NAME.mustache`) and the scaffold `sysreg-gen init` writes
/// (`Scaffold/`).
///
/// SwiftPM puts them in a resource bundle beside the executable
/// (`SysRegGen_SysRegGenKit.resources` on Linux, `.bundle` on macOS). Its generated
/// `Bundle.module` stops the process when the bundle is missing, so the bundle is found here
/// instead, and a missing one is an error the command reports.
public struct BuiltinResources: Sendable {
    /// The bundle's folder holding `Templates/` and `Scaffold/`.
    public var root: URL { URL(fileURLWithPath: rootPath, isDirectory: true) }

    /// ``root`` as a path: the resources are found and listed with the system's calls on paths
    /// (``FolderListing``), since Foundation's URLs spend more on their first use in a process
    /// (type metadata, conformance lookups) than finding them costs.
    private let rootPath: String

    /// The names of the built-in template sets (`backend`, `c`, `kernel-defs`, `swift`), sorted.
    public let templateSets: [String]

    private init(rootPath: String) {
        self.rootPath = rootPath
        let sets = FolderListing.names(in: join(rootPath, "Templates")) ?? []
        templateSets = sets.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The resources of the running executable, found once.
    public static func located() throws(DiagnosticList) -> BuiltinResources {
        try cached.get()
    }

    private static let cached: Result<BuiltinResources, DiagnosticList> = {
        let folders = searchFolders()
        for folder in folders {
            if let root = resourceRoot(in: folder) { return .success(BuiltinResources(rootPath: root)) }
        }
        let looked = folders.joined(separator: ", ")
        return .failure(
            DiagnosticList([
                .error(
                    "sysreg-gen's built-in templates are missing: no resource bundle *\(bundleSuffix)(-tool).resources or .bundle beside the "
                        + "executable (looked in \(looked)); run the sysreg-gen SwiftPM built, with the bundle it put "
                        + "beside it, or give every template set a templates folder of its own (--templates)",
                    at: nil)
            ]))
    }()

    /// What the bundle's name ends with; it starts with the package's name, which a package
    /// depending on this one does not decide.
    private static let bundleSuffix = "_SysRegGenKit"

    /// The bundle names' endings, the running executable's own first: SwiftPM builds a command
    /// plugin's tool as `sysreg-gen-tool` with its bundle `…_SysRegGenKit-tool.resources`, in the
    /// folder where `swift build` puts `sysreg-gen` and `…_SysRegGenKit.resources`.
    private static func bundleSuffixes(executable: String?) -> [String] {
        let tool = bundleSuffix + "-tool"
        let isTool = executable?.hasSuffix("-tool") ?? false
        return isTool ? [tool, bundleSuffix] : [bundleSuffix, tool]
    }

    /// Where the bundle may be: beside the executable, as SwiftPM builds it, also when the
    /// executable was reached through a symbolic link; on macOS, beside the test bundle too.
    private static func searchFolders() -> [String] {
        #if os(Linux)
            // The kernel's name of the running executable has every symbolic link resolved
            // already: its folder is the one SwiftPM built it in.
            guard let executable = runningExecutable() else { return [] }
            return [(executable as NSString).deletingLastPathComponent]
        #else
            var folders = [Bundle.main.bundleURL]
            if let resources = Bundle.main.resourceURL { folders.append(resources) }
            if let executable = Bundle.main.executableURL {
                folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
            }
            #if canImport(Darwin)
                folders.append(Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent())
            #endif
            var seen: Set<String> = []
            return folders.map { $0.standardizedFileURL.path }.filter { seen.insert($0).inserted }
        #endif
    }

    /// The path of the running executable; on Linux with every symbolic link resolved.
    private static func runningExecutable() -> String? {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            return Bundle.main.executableURL?.path
        #endif
    }

    /// The folder holding `Templates/` in a resource bundle of `folder`, if there is one.
    private static func resourceRoot(in folder: String) -> String? {
        let entries = (FolderListing.names(in: folder) ?? []).sorted()
        let bundles = bundleSuffixes(executable: runningExecutable()).flatMap { suffix in
            entries.filter { $0.hasSuffix(suffix + ".resources") || $0.hasSuffix(suffix + ".bundle") }
        }
        for name in bundles {
            let bundle = join(folder, name)
            // A flat bundle (SwiftPM on the command line) or a macOS one with Contents/Resources.
            for root in [bundle, join(bundle, "Contents/Resources")]
            where FolderListing.isFolder(join(root, "Templates")) {
                return root
            }
        }
        return nil
    }

    /// The folder of the built-in templates, one subfolder per set.
    public var templatesFolder: URL { root.appendingPathComponent("Templates") }

    /// The folder of the built-in set `name`, or an error listing the sets when there is none.
    public func folder(ofSet name: String) throws(DiagnosticList) -> String {
        guard templateSets.contains(name) else {
            throw DiagnosticList([.error(unknownSetMessage(name), at: nil)])
        }
        return join(join(rootPath, "Templates"), name)
    }

    /// Why `name` is no built-in set, listing those there are.
    public func unknownSetMessage(_ name: String) -> String {
        "no built-in template set '\(name)'; the built-in sets are \(templateSets.map { "'\($0)'" }.joined(separator: ", "))"
    }

    /// The template file names (`SysReg.swift.mustache`) of the built-in set `name`, sorted.
    public func templateFiles(ofSet name: String) throws(DiagnosticList) -> [String] {
        let folder = try folder(ofSet: name)
        return (FolderListing.names(in: folder) ?? []).filter { $0.hasSuffix(TemplateSet.fileExtension) }.sorted()
    }

    /// The template names (`SysReg.swift`, the file names without `.mustache`) of the built-in
    /// set `name`, sorted: what `exclude` takes.
    public func templateNames(ofSet name: String) throws(DiagnosticList) -> [String] {
        try templateFiles(ofSet: name).map { String($0.dropLast(TemplateSet.fileExtension.count)) }
    }

    /// The bytes of the scaffold file `name` (`registers.yaml`).
    public func scaffold(_ name: String) throws(DiagnosticList) -> String {
        let path = join(join(rootPath, "Scaffold"), name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([.error("cannot read sysreg-gen's scaffold '\(path)'", at: nil)])
        }
        return String(decoding: data, as: UTF8.self)
    }
}

#if canImport(Darwin)
    /// A class of this module, whose bundle `Bundle(for:)` finds when tests load it.
    private final class BundleMarker {}
#endif

/// `name` in `folder`.
private func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
