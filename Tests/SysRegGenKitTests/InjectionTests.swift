import Foundation
import TestSupport
import Testing

@testable import SysRegGenKit

@Suite("Injection")
struct InjectionTests {
    /// Free text that would break out of a comment or a string if it were pasted carelessly.
    static let hostileDocs = [
        #"*/ } public func injected() {} /*"#,
        #"\(fatalError()) \u{0} " """ #"#,
        "</code> ]] }} {{registers}} // end",
    ]

    @Test(
        "names that are not identifiers never reach a template",
        arguments: [
            "SCTLR_EL1; import Foundation", "SCTLR_EL1 = 1", "`SCTLR_EL1`", "SCTLR_EL1\u{202E}",
        ])
    func hostileNames(name: String) throws {
        let yaml = smallFile.replacingOccurrences(of: "  - name: SP_EL0", with: "  - name: '\(name)'")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml) }
        #expect(error.diagnostics.map(\.location?.line) == [38])
    }

    @Test(
        "hostile doc text stays inside comments, and the generated module still compiles",
        .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
    func hostileDocsCompile() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            var yaml = try contents(of: folder + "/registers.yaml")
            for (index, doc) in Self.hostileDocs.enumerated() {
                let quoted = "'" + doc.replacingOccurrences(of: "'", with: "''") + "'"
                let original = [
                    "Cache Size Selection Register", "System Control Register (EL1)", "Stack Pointer (EL0)",
                ][index]
                yaml = yaml.replacingOccurrences(of: "doc: \(original)", with: "doc: \(quoted)")
            }
            yaml = yaml.replacingOccurrences(
                of: "doc: EL1 state, __sysreg_save_el1_state / __sysreg_restore_el1_state",
                with: "doc: '*/ struct Injected {} /*'")
            try write(yaml, to: folder + "/registers.yaml")
            let result = try runSysRegGen([], in: folder)
            #expect(result.status == 0, "\(result.errors)")

            // Every hostile text arrived, and every line that carries one is a comment line.
            let all = try FileManager.default.contentsOfDirectory(atPath: folder + "/Generated")
                .map { try contents(of: folder + "/Generated/" + $0) }.joined()
            for doc in Self.hostileDocs + ["*/ struct Injected {} /*"] {
                #expect(all.contains(doc), "\(doc)")
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/Generated") {
                for line in try contents(of: folder + "/Generated/" + name).split(separator: "\n")
                where Self.hostileDocs.contains(where: { line.contains($0) }) || line.contains("Injected") {
                    #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("///"), "\(name): \(line)")
                }
            }

            // The runtime as a module, then the generated files against it.
            _ = try buildGenerated(in: folder, linkable: false)
        }
    }
}
