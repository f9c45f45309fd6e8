import Foundation
import TestSupport
import Testing

/// `Tests/QEMU/run.sh` from the suite: the generated code, through `HardwareCPU`, at EL2 on QEMU's
/// CPU with and without VHE. Without QEMU 9 or newer it says that the check did not run; in CI
/// (`CI=true`, where `.ci/run` installs QEMU first) that is a failure, never a silent skip.
@Suite("QEMU check")
struct QEMUCheckTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `qemu-system-aarch64` on `PATH` and its major version, if it runs.
    static func qemu() -> (path: String, major: Int)? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/qemu-system-aarch64" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path, let version = try? runProcess(path, ["--version"]), version.status == 0 else { return nil }
        // "QEMU emulator version 10.0.2 (Debian …)"
        let words = version.output.split(separator: " ")
        guard let index = words.firstIndex(of: "version"), index + 1 < words.count,
            let major = words[index + 1].split(separator: ".").first.flatMap({ Int($0) })
        else { return nil }
        return (path, major)
    }

    @Test("the generated code passes the QEMU check")
    func generatedCodeRunsOnQEMU() throws {
        guard let qemu = Self.qemu(), qemu.major >= 9 else {
            let message =
                "the QEMU check did not run: qemu-system-aarch64 9 or newer is not installed (.ci/install-qemu installs it)"
            if Toolchain.isCI { Issue.record(Comment(rawValue: message)) } else { print(message) }
            return
        }
        // The test runner sits in the build folder beside the package's executables.
        let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let generator = try #require(
            [buildFolder, buildFolder.deletingLastPathComponent().deletingLastPathComponent()]
                .map { $0.appendingPathComponent("sysreg-gen").path }
                .first { FileManager.default.isExecutableFile(atPath: $0) })
        let script = Self.packageRoot.appendingPathComponent("Tests/QEMU/run.sh").path
        let outcome = try runProcess(
            "/usr/bin/env", ["SYSREG_GEN=\(generator)", "bash", script], in: Self.packageRoot.path)
        #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
        // The script's own count line: "N checks, 0 failed".
        #expect(outcome.output.contains(" checks, 0 failed"), "\(outcome.output)")
    }
}
