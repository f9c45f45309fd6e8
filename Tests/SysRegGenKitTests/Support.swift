import Foundation
import TestSupport
import Testing

@testable import SysRegGenKit

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The path of a file or folder in the package.
func packagePath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}

/// A new empty folder, removed when the test's `body` returns.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sysreg-gen-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder.path)
}

/// Copies the package's register file (`registers.yaml`) into `folder`; with no template sets
/// file there, generation renders the built-in `swift` set to `Generated/`.
func copyInputs(to folder: String) throws {
    try FileManager.default.copyItem(atPath: packagePath("registers.yaml"), toPath: folder + "/registers.yaml")
}

/// Copies the package's inputs and its template sets file (`sysreg-gen.yaml`) into `folder`:
/// the configuration `swift run sysreg-gen` runs in the package.
func copyShippedConfiguration(to folder: String) throws {
    try copyInputs(to: folder)
    try FileManager.default.copyItem(atPath: packagePath("sysreg-gen.yaml"), toPath: folder + "/sysreg-gen.yaml")
}

/// Reads a file as UTF-8.
func contents(of path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Writes `text` to `path`.
func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

/// Runs the built `sysreg-gen` with `arguments` in `folder`.
func runSysRegGen(_ arguments: [String], in folder: String) throws -> ProcessOutcome {
    // The test runner lives in the same build folder as the package's executables.
    let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [buildFolder, buildFolder.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("sysreg-gen") }
    let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
    return try runProcess(executable.path, arguments, in: folder)
}

/// Validates a register file given as text.
func validate(_ yaml: String, path: String = "test.yaml") throws(DiagnosticList) -> RegisterFile {
    try RegisterFileValidator.validate(try YAMLLoader.parse(Data(yaml.utf8), path: path))
}
