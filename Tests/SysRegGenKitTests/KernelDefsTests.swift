import Foundation
import TestSupport
import Testing

@testable import SysRegGenKit

/// Imports `kernelFile` with `--standalone` and renders the built-in `kernel-defs` set from it; the
/// whole file written, which declares `{{! header: none }}` and so carries no sysreg-gen header.
func renderKernelDefs(from kernelFile: String) throws -> String {
    try withTemporaryFolder { folder in
        let imported = try runSysRegGen(["import", "kernel-sysreg", "--standalone", kernelFile], in: folder)
        try #require(imported.status == 0, "\(imported.errors)")
        try write(imported.output, to: folder + "/k.yaml")
        let rendered = try runSysRegGen(
            ["--input", "k.yaml", "--builtin", "kernel-defs", "--output", "out"], in: folder)
        try #require(rendered.status == 0, "\(rendered.errors)")
        return try contents(of: folder + "/out/sysreg-defs.h")
    }
}

@Suite("The kernel's own header (kernel-defs)")
struct KernelDefsTests {
    @Test("the fixture's header is, byte for byte and whole, what gen-sysreg.awk printed for it")
    func fixture() throws {
        let expected = try contents(of: packagePath("Tests/Fixtures/kernel-sysreg/constructs-defs.h"))
        #expect(try renderKernelDefs(from: constructsFixture) == expected)
    }

    @Test("the kernel's file: byte for byte, whole, what gen-sysreg.awk prints (when ../shared/data is present)")
    func kernelFile() throws {
        guard try kernelFilesPresent() else { return }
        let awk = ["/usr/bin/awk", "/bin/awk"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let awk else {
            let message = "no awk at /usr/bin/awk or /bin/awk: the comparison with gen-sysreg.awk did not run"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(message)")
            } else {
                print("note: \(message)")
            }
            return
        }
        let script = try runProcess(awk, ["-f", kernelAwkScript, kernelSysregFile])
        try #require(script.status == 0, "\(script.errors)")
        let ours = try renderKernelDefs(from: kernelSysregFile)
        #expect(ours.utf8.count == script.output.utf8.count)
        #expect(ours == script.output, "first difference at line \(firstDifferentLine(ours, script.output))")
    }

    @Test("a define longer than the value column gets no padding, as printf's %-56s gives none")
    func padding() {
        var defines = DefinesWriter(bytes: 0, count: 2)
        defines.define { $0.append(text: "A") }
        defines.append("1")
        defines.define { $0.append(text: String(repeating: "X", count: 60)) }
        defines.append(number: 1)
        let (short, long) = (defines.views()[0], defines.views()[1])
        #expect(short.padding.count == 56 - "#define A".count)
        #expect((short.name, short.value) == ("A", "1"))
        #expect(long.padding.isEmpty)
        #expect(long.name.count == 60)
    }
}

/// The 1-based number of the first line where `a` and `b` differ.
private func firstDifferentLine(_ a: String, _ b: String) -> Int {
    let (left, right) = (
        a.split(separator: "\n", omittingEmptySubsequences: false),
        b.split(separator: "\n", omittingEmptySubsequences: false)
    )
    return (Array(zip(left, right)).firstIndex { $0 != $1 } ?? min(left.count, right.count)) + 1
}
