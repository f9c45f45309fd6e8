import Foundation

/// The Swift toolchain that runs the tests, and the LLVM tools that ship beside its compiler.
///
/// Tests use the toolchain's own `clang` and `llvm-objdump`, never the first on `PATH`: an
/// older system `llvm-objdump` prints other spellings and knows fewer registers than the
/// `clang` it would be paired with.
public enum Toolchain {
    /// The toolchain's `bin` folder: the one beside the `libswiftCore` this process loaded
    /// (`<toolchain>/usr/lib/swift/<platform>/`), else that of `swift` on `PATH` with its
    /// symbolic links resolved (as `readlink -f $(command -v swift)`).
    public static let bin: URL? = {
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        let core = maps.split(separator: "\n").lazy.compactMap { $0.split(separator: " ").last }
            .first { $0.hasSuffix("/libswiftCore.so") }
        var candidates: [URL] = []
        if let core {
            candidates.append(
                URL(fileURLWithPath: String(core)).deletingLastPathComponent().appendingPathComponent("../../../bin")
                    .standardized)
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        if let swift = path.split(separator: ":").map({
            URL(fileURLWithPath: String($0)).appendingPathComponent("swift")
        })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            candidates.append(swift.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return candidates.first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("swiftc").path)
        }
    }()

    /// The toolchain's `tool` (`swiftc`, `clang`, `llvm-objdump`), if it has one.
    public static func tool(_ name: String) -> URL? {
        guard let tool = bin?.appendingPathComponent(name), FileManager.default.isExecutableFile(atPath: tool.path)
        else { return nil }
        return tool
    }

    /// True when the tests run in CI (`CI=true`), where a test needing a tool must not skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

/// What a process printed and returned.
public struct ProcessOutcome: Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var errors: String
}

/// Runs `executable` with `arguments`, in `folder` if given, and collects what it printed.
public func runProcess(_ executable: String, _ arguments: [String], in folder: String? = nil) throws
    -> ProcessOutcome
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    // Standard error goes to a file, so that neither stream can fill a pipe and block the other.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
        throw ToolError(message: "cannot create \(errorFile.path)")
    }
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutcome(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        errors: try String(contentsOf: errorFile, encoding: .utf8))
}

/// A tool that could not be found or failed.
public struct ToolError: Error, CustomStringConvertible {
    /// What went wrong, with the tool's output.
    public var message: String

    /// Creates the error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Builds Swift modules and programs with the toolchain's `swiftc`, in one scratch folder:
/// the package's sources compiled outside SwiftPM, so a test can build what it generated.
public struct SwiftBuild {
    /// The folder that receives the modules, libraries and programs.
    public let folder: URL
    /// Folders of modules and libraries built before, elsewhere (shared by several builds).
    public let searching: [URL]
    /// The toolchain's `swiftc`.
    public let swiftc: URL

    /// A build in `folder` that also imports and links from `searching`; fails when the
    /// toolchain has no `swiftc`.
    public init(folder: URL, searching: [URL] = []) throws {
        guard let swiftc = Toolchain.tool("swiftc") else { throw ToolError(message: "no swiftc in the toolchain") }
        self.folder = folder
        self.searching = searching
        self.swiftc = swiftc
    }

    /// `-I` and `-L` for this build's folder and the ones it searches.
    private var searchArguments: [String] {
        ([folder] + searching).flatMap { ["-I", $0.path, "-L", $0.path] }
    }

    /// Compiles `sources` into the module `name` (`name.swiftmodule`) and, when `linkable`, the
    /// static library `lib<name>.a`, importing the modules built before. With
    /// `warningsAsErrors`, a warning fails the build as an error would (generated code must
    /// compile in a user's package without one). `flags` go to the compiler as they are
    /// (`-O`, `-wmo`).
    public func module(
        _ name: String, sources: [String], linkable: Bool = true, warningsAsErrors: Bool = false,
        flags: [String] = []
    ) throws {
        // Without `linkable` only the module's interface is built: enough to type-check against.
        let products =
            linkable
            ? ["-emit-library", "-static", "-o", "lib\(name).a"] : ["-emit-module-path", "\(name).swiftmodule"]
        try compile(
            [
                "-parse-as-library", "-package-name", "SysRegGen", "-emit-module", "-module-name", name,
            ]
                + (warningsAsErrors ? ["-warnings-as-errors"] : []) + flags + searchArguments + sources + products)
    }

    /// Compiles and links `sources` with the libraries `libraries` into the program `output`,
    /// passing the compiler `flags`.
    public func program(_ output: String, sources: [String], libraries: [String], flags: [String] = []) throws {
        try compile(
            flags + searchArguments + libraries.map { "-l\($0)" } + sources + ["-o", output])
    }

    /// Type-checks `sources` against the modules built before; the compiler's messages on failure.
    public func typecheck(_ sources: [String]) throws {
        try compile(["-typecheck"] + searchArguments + sources)
    }

    /// The `.swift` files of `directory`, sorted.
    public static func swiftFiles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    private func compile(_ arguments: [String]) throws {
        let outcome = try runProcess(swiftc.path, arguments, in: folder.path)
        guard outcome.status == 0 else {
            throw ToolError(message: "swiftc failed:\n\(outcome.output)\(outcome.errors)")
        }
    }
}
