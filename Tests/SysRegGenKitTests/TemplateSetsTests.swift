import Foundation
import Testing

@testable import SysRegGenKit

@Suite("Template sets")
struct TemplateSetsTests {
    @Test("the template sets file lists sets whose folders are relative to it")
    func load() throws {
        try withTemporaryFolder { folder in
            try write(
                """
                sets:
                  - name: swift
                    builtin: swift
                    output: G
                  - name: c
                    builtin: c
                    templates: T/C
                    exclude: [sysreg-sr.c]
                    output: G/C
                  - name: mine
                    templates: T/mine
                    output: /abs/out

                """,
                to: folder + "/sets.yaml")
            let file = try TemplateSetsFile.load(path: folder + "/sets.yaml")
            #expect(
                file.sets == [
                    TemplateSetLocation(name: "swift", templates: .builtin("swift"), output: folder + "/G"),
                    TemplateSetLocation(
                        name: "c", templates: .builtin("c", overriddenBy: folder + "/T/C", excluding: ["sysreg-sr.c"]),
                        output: folder + "/G/C"),
                    TemplateSetLocation(name: "mine", templates: .folder(folder + "/T/mine"), output: "/abs/out"),
                ])
            #expect(try file.selecting([]).map(\.name) == ["swift", "c", "mine"])
            #expect(try file.selecting(["c"]).map(\.name) == ["c"])
            let error = try #require(throws: DiagnosticList.self) { try file.selecting(["rust"]) }
            #expect(
                error.description == "error: no template set 'rust' in \(folder)/sets.yaml; it has 'swift', 'c', 'mine'"
            )
        }
    }

    @Test("problems of the template sets file are reported with line and column")
    func errors() throws {
        try withTemporaryFolder { folder in
            try write(
                """
                sets:
                  - name: a
                    templates: T
                  - name: b
                    templates: T
                    output: G
                    extra: 1
                  - name: c
                    output: G
                  - name: d
                    builtin: swfit
                    output: G
                  - name: e
                    builtin: swift
                    exclude: [LoadPut.swift.mustache, SysReg+AArch32.swift]
                    output: G
                  - name: f
                    templates: T
                    exclude: [SysReg+AArch32.swift]
                    output: G

                """,
                to: folder + "/sets.yaml")
            let error = try #require(throws: DiagnosticList.self) {
                try TemplateSetsFile.load(path: "\(folder)/sets.yaml")
            }
            #expect(
                error.description.split(separator: "\n").map { $0.replacingOccurrences(of: folder, with: "F") } == [
                    "F/sets.yaml:2:5: error: missing key 'output' in a template set",
                    "F/sets.yaml:7:5: error: unknown key 'extra' in a template set",
                    "F/sets.yaml:8:5: error: a template set names a built-in set ('builtin'), a templates folder ('templates') or both",
                    "F/sets.yaml:11:14: error: no built-in template set 'swfit'; the built-in sets are 'backend', 'c', 'kernel-defs', 'swift'",
                    "F/sets.yaml:15:15: error: the built-in swift set has no template 'LoadPut.swift.mustache'; did you mean 'LoadPut.swift'?",
                    "F/sets.yaml:19:14: error: 'exclude' leaves out built-in templates, and the set names no 'builtin'",
                ])
            try write("sets: []\n", to: folder + "/empty.yaml")
            let empty = try #require(throws: DiagnosticList.self) {
                try TemplateSetsFile.load(path: "\(folder)/empty.yaml")
            }
            #expect(
                empty.description == "\(folder)/empty.yaml:1:1: error: the template sets file lists no template set")
        }
    }

    @Test("a duplicate set name points at the first")
    func duplicate() throws {
        try withTemporaryFolder { folder in
            try write(
                "sets:\n  - name: a\n    templates: T\n    output: G\n  - name: a\n    templates: U\n    output: H\n",
                to: folder + "/sets.yaml")
            let error = try #require(throws: DiagnosticList.self) {
                try TemplateSetsFile.load(path: "\(folder)/sets.yaml")
            }
            #expect(
                error.description == """
                    \(folder)/sets.yaml:5:11: error: duplicate template set 'a'
                    \(folder)/sets.yaml:2:11: note: first defined here
                    """)
        }
    }

    @Test("the shipped Generated/, Generated/C/ and Generated/Backend/ are what the package's template sets produce")
    func shippedUpToDate() throws {
        let sets = try TemplateSetsFile.load(path: packagePath("sysreg-gen.yaml")).sets
        #expect(sets.map(\.name) == ["swift", "c", "backend"])
        // The package renders the built-in sets, as they ship.
        #expect(sets.map(\.templates) == [.builtin("swift"), .builtin("c"), .builtin("backend")])
        let runs = sets.map {
            GeneratorOptions(inputPath: packagePath("registers.yaml"), templates: $0.templates, outputPath: $0.output)
        }
        #expect(try GeneratorPipeline.compare(runs)[1].files.map(\.file.name) == ["sys_regs.c", "sysreg-sr.c"])
        let check = try runSysRegGen(["--check"], in: packageRoot.path)
        #expect(check.status == 0)
        #expect(
            check.output == "Generated is up to date\nGenerated/C is up to date\nGenerated/Backend is up to date\n")
        #expect(
            try GeneratorPipeline.compare(runs)[2].files.map(\.file.name) == ["SysRegHardwareC.h", "sysreg_hw.c"])
        // Alone, the Swift set sees Generated/C and Generated/Backend as orphans; among the sets they are not.
        #expect(Set(try GeneratorPipeline.compare(runs[0]).orphans.map(\.name)) == ["Backend", "C"])
        #expect(
            try GeneratorPipeline.compare([runs[0]], otherOutputs: runs.dropFirst().map(\.outputPath))[0].orphans
                .isEmpty)
    }

    @Test("the package's sets file renders both sets; --check covers the C output too")
    func bothSets() throws {
        try withTemporaryFolder { folder in
            try copyShippedConfiguration(to: folder)
            let first = try runSysRegGen([], in: folder)
            #expect(first.status == 0, "\(first.errors)")
            #expect(
                first.output.split(separator: "\n").suffix(4) == [
                    "wrote Generated/C/sys_regs.c", "wrote Generated/C/sysreg-sr.c",
                    "wrote Generated/Backend/SysRegHardwareC.h", "wrote Generated/Backend/sysreg_hw.c",
                ])
            #expect(!first.output.contains("produced by no template"), "Generated/C is no orphan of Generated")
            for name in ["sys_regs.c", "sysreg-sr.c"] {
                #expect(
                    try contents(of: folder + "/Generated/C/" + name)
                        == contents(of: packagePath("Generated/C/" + name)))
            }
            #expect(
                try runSysRegGen(["--check"], in: folder).output
                    == "Generated is up to date\nGenerated/C is up to date\nGenerated/Backend is up to date\n")

            let stale = folder + "/Generated/C/sys_regs.c"
            try write(try contents(of: stale).replacingOccurrences(of: "sctlr_EL12", with: "SYS_SCTLR_EL1"), to: stale)
            let check = try runSysRegGen(["--check"], in: folder)
            #expect(check.status == 1)
            #expect(
                check.output.hasPrefix(
                    "Generated is up to date\nedited by hand: Generated/C/sys_regs.c\n--- a/Generated/C/sys_regs.c\n+++ b/Generated/C/sys_regs.c\n"
                ))
            #expect(
                check.output.hasSuffix(
                    "Generated/C is stale: run 'swift run sysreg-gen --force' and commit the result\nGenerated/Backend is up to date\n"
                ))

            // --set picks one set; the other's folder is still no orphan.
            let swiftOnly = try runSysRegGen(["--check", "--set", "swift"], in: folder)
            #expect(swiftOnly.status == 0)
            #expect(swiftOnly.output == "Generated is up to date\n")
            // The edit above was by hand, so replacing it takes --force.
            let cOnly = try runSysRegGen(["--set", "c", "--force"], in: folder)
            #expect(cOnly.output == "wrote Generated/C/sys_regs.c\nunchanged Generated/C/sysreg-sr.c\n")
        }
    }

    @Test("--builtin, --templates and --output name one set and do not combine with --set")
    func explicitFolders() throws {
        try withTemporaryFolder { folder in
            try copyShippedConfiguration(to: folder)
            let result = try runSysRegGen(["--builtin", "c", "--output", "out", "--set", "c"], in: folder)
            #expect(result.status == 1)
            #expect(
                result.errors
                    == "error: --builtin, --templates and --output name one template set; do not combine them with --config or --set\n1 error\n"
            )
            let single = try runSysRegGen(["--builtin", "c", "--output", "out"], in: folder)
            #expect(single.output == "wrote out/sys_regs.c\nwrote out/sysreg-sr.c\n")
        }
    }
}
