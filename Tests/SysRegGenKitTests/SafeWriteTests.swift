import Foundation
import Testing

@testable import SysRegGenKit

@Suite("Safe writes")
struct SafeWriteTests {
    @Test("a generated file edited by hand is not overwritten without --force, and nothing else is written")
    func handEditKept() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            let edited = folder + "/Generated/LoadedVCPU+Accessors.swift"
            let handEdit = try contents(of: edited) + "// my local fix\n"
            try write(handEdit, to: edited)
            // A change to the register file makes every output stale.
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(
                yaml.replacingOccurrences(of: "Cache Size Selection Register", with: "CSSELR"),
                to: folder + "/registers.yaml")
            let before = try contents(of: folder + "/Generated/SysReg.swift")

            let refused = try runSysRegGen([], in: folder)
            #expect(refused.status == 1)
            #expect(
                refused.errors == """
                    error: Generated/LoadedVCPU+Accessors.swift was edited by hand since it was generated; pass --force to overwrite it, or discard the edit
                    1 error

                    """)
            #expect(try contents(of: edited) == handEdit)
            #expect(try contents(of: folder + "/Generated/SysReg.swift") == before, "nothing else was written")

            let forced = try runSysRegGen(["--force"], in: folder)
            #expect(forced.status == 0)
            #expect(
                forced.errors
                    == "warning: Generated/LoadedVCPU+Accessors.swift was edited by hand; --force overwrote the edit\n")
            #expect(!forced.output.contains("warning"))
            #expect(try !contents(of: edited).contains("my local fix"))
            #expect(try contents(of: folder + "/Generated/SysReg.swift").contains("/// CSSELR (`S3_2_C0_C0_0`)."))
        }
    }

    @Test("--check names a hand-edited file")
    func checkReportsHandEdit() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            let path = folder + "/Generated/LoadPut.swift"
            try write(
                try contents(of: path).replacingOccurrences(
                    of: "if host.mode == .vhe {", with: "if host.mode == .nvhe {"), to: path)
            let result = try runSysRegGen(["--check"], in: folder)
            #expect(result.status == 1)
            #expect(result.output.hasPrefix("edited by hand: Generated/LoadPut.swift\n--- a/Generated/LoadPut.swift\n"))
        }
    }

    @Test("an orphan fails generation; --prune removes an unedited generated file, --force --prune any, with a warning")
    func prune() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            // An output whose template is left out: generated, intact.
            try write(
                "sets:\n  - name: swift\n    builtin: swift\n    exclude: [LoadPut.swift]\n    output: Generated\n",
                to: folder + "/sysreg-gen.yaml")
            let refusedWithout = try runSysRegGen([], in: folder)
            #expect(refusedWithout.status == 1)
            #expect(
                refusedWithout.errors
                    == "error: Generated/LoadPut.swift is produced by no template; pass --prune to remove it\n1 error\n"
            )
            #expect(FileManager.default.fileExists(atPath: folder + "/Generated/LoadPut.swift"))

            try write("// notes of mine\n", to: folder + "/Generated/Notes.swift")
            let refused = try runSysRegGen(["--prune"], in: folder)
            #expect(refused.status == 1)
            #expect(
                refused.errors.hasPrefix(
                    "error: Generated/Notes.swift is produced by no template and is not an unedited generated file; remove it yourself or pass --force with --prune\n"
                ))
            #expect(FileManager.default.fileExists(atPath: folder + "/Generated/LoadPut.swift"))

            let forced = try runSysRegGen(["--force", "--prune"], in: folder)
            #expect(forced.status == 0)
            #expect(forced.output.hasSuffix("removed Generated/LoadPut.swift\nremoved Generated/Notes.swift\n"))
            #expect(
                forced.errors
                    == "warning: Generated/Notes.swift was not an unedited generated file; --force --prune removed it\n"
            )
            #expect(!FileManager.default.fileExists(atPath: folder + "/Generated/LoadPut.swift"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/Generated/Notes.swift"))
        }
    }

    @Test("a DocC catalog (a .docc folder) in the output folder is no orphan, kept by --force --prune")
    func catalogIsNoOrphan() throws {
        try withTemporaryFolder { folder in
            let output = OutputFolder(path: folder)
            let catalog = folder + "/SysRegs.docc"
            try FileManager.default.createDirectory(atPath: catalog, withIntermediateDirectories: true)
            try write("# ``SysRegs``\n", to: catalog + "/SysRegs.md")
            try write("not a catalog\n", to: folder + "/notes.docc")
            let rendered = RenderedFile(name: "Out.swift", contents: "// out\n", hasHeader: false)

            let comparison = output.compare([rendered])
            #expect(comparison.orphans.map(\.name) == ["notes.docc"])
            try output.write(comparison, force: true, prune: true)
            #expect(try contents(of: catalog + "/SysRegs.md") == "# ``SysRegs``\n")
            #expect(!FileManager.default.fileExists(atPath: folder + "/notes.docc"))
            #expect(output.compare([rendered]).isUpToDate)
        }
    }

    @Test("a stale output without a header is regenerated without --force; --check calls it stale, then up to date")
    func headerlessStale() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            let template = folder + "/Bare/names.txt.mustache"
            try FileManager.default.createDirectory(atPath: folder + "/Bare", withIntermediateDirectories: true)
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{#registers}}{{name}}\n{{/registers}}", to: template)
            let arguments = ["--templates", "Bare", "--output", "Out"]
            let names = try validate(try contents(of: folder + "/registers.yaml")).registers.map(\.name.value)
            #expect(try runSysRegGen(arguments, in: folder).status == 0)
            #expect(try contents(of: folder + "/Out/names.txt") == names.map { $0 + "\n" }.joined())

            // The template changes: the file on disk is now stale, and has no hash to vouch for it.
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{#registers}}reg {{name}}\n{{/registers}}",
                to: template)
            let stale = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(stale.status == 1)
            let regenerate = "swift run sysreg-gen --templates Bare --output Out"
            #expect(
                stale.output
                    == unifiedDiff(
                        from: names.map { $0 + "\n" }.joined(), to: names.map { "reg " + $0 + "\n" }.joined(),
                        oldName: "a/Out/names.txt", newName: "b/Out/names.txt")
                    + "Out is stale: run '\(regenerate)' and commit the result\n")
            let written = try runSysRegGen(arguments, in: folder)
            #expect(written.status == 0)
            #expect(written.errors == "")
            #expect(written.output == "wrote Out/names.txt\n")
            #expect(try contents(of: folder + "/Out/names.txt") == names.map { "reg " + $0 + "\n" }.joined())
            let upToDate = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(upToDate.status == 0)
            #expect(upToDate.output == "Out is up to date\n")

            // The trade-off: a hand edit of a headerless file looks stale too, and is replaced.
            try write("my edit\n", to: folder + "/Out/names.txt")
            let overwritten = try runSysRegGen(arguments, in: folder)
            #expect(overwritten.status == 0)
            #expect(overwritten.errors == "")
            #expect(try contents(of: folder + "/Out/names.txt") == names.map { "reg " + $0 + "\n" }.joined())
        }
    }

    @Test("next to a headerless output, a headed one edited by hand is still refused without --force")
    func mixedHeaders() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try FileManager.default.createDirectory(atPath: folder + "/Mixed", withIntermediateDirectories: true)
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{#registers}}{{name}}\n{{/registers}}",
                to: folder + "/Mixed/bare.txt.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{#registers}}{{name}}\n{{/registers}}",
                to: folder + "/Mixed/headed.txt.mustache")
            let arguments = ["--templates", "Mixed", "--output", "Out"]
            #expect(try runSysRegGen(arguments, in: folder).status == 0)
            #expect(GeneratedHeader.verify(try contents(of: folder + "/Out/headed.txt")) == .intact)
            #expect(GeneratedHeader.verify(try contents(of: folder + "/Out/bare.txt")) == .notGenerated)
            for name in ["bare.txt", "headed.txt"] {
                try write(try contents(of: folder + "/Out/" + name) + "my edit\n", to: folder + "/Out/" + name)
            }
            let bare = try contents(of: folder + "/Out/bare.txt")

            let check = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(check.status == 1)
            #expect(!check.output.contains("edited by hand: Out/bare.txt"))
            #expect(check.output.contains("edited by hand: Out/headed.txt\n"))
            #expect(
                check.output.hasSuffix(
                    "run 'swift run sysreg-gen --templates Mixed --output Out --force' and commit the result\n"))
            let refused = try runSysRegGen(arguments, in: folder)
            #expect(refused.status == 1)
            #expect(
                refused.errors == """
                    error: Out/headed.txt was edited by hand since it was generated; pass --force to overwrite it, or discard the edit
                    1 error

                    """)
            #expect(try contents(of: folder + "/Out/bare.txt") == bare, "nothing was written")
            let forced = try runSysRegGen(arguments + ["--force"], in: folder)
            #expect(forced.status == 0)
            #expect(forced.errors == "warning: Out/headed.txt was edited by hand; --force overwrote the edit\n")
            #expect(try !contents(of: folder + "/Out/bare.txt").contains("my edit"))
        }
    }

    @Test("an orphan of a headerless set is found; with no header to vouch for it, removing it takes --force --prune")
    func headerlessOrphan() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try FileManager.default.createDirectory(atPath: folder + "/Bare", withIntermediateDirectories: true)
            let text = "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{#registers}}{{name}}\n{{/registers}}"
            try write(text, to: folder + "/Bare/old.txt.mustache")
            let arguments = ["--templates", "Bare", "--output", "Out"]
            #expect(try runSysRegGen(arguments, in: folder).status == 0)
            // The template is renamed: its old output is produced by no template.
            try FileManager.default.moveItem(
                atPath: folder + "/Bare/old.txt.mustache", toPath: folder + "/Bare/new.txt.mustache")

            let check = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(check.status == 1)
            #expect(
                check.output == """
                    missing: Out/new.txt
                    orphan: Out/old.txt is produced by no template
                    Out is stale: run 'swift run sysreg-gen --templates Bare --output Out --force --prune' and commit the result

                    """)
            let refused = try runSysRegGen(arguments + ["--prune"], in: folder)
            #expect(refused.status == 1)
            #expect(
                refused.errors
                    == "error: Out/old.txt is produced by no template and is not an unedited generated file; remove it yourself or pass --force with --prune\n1 error\n"
            )
            #expect(!FileManager.default.fileExists(atPath: folder + "/Out/new.txt"), "nothing was written")
            let forced = try runSysRegGen(arguments + ["--force", "--prune"], in: folder)
            #expect(forced.status == 0)
            #expect(forced.output == "wrote Out/new.txt\nremoved Out/old.txt\n")
            #expect(
                forced.errors == "warning: Out/old.txt was not an unedited generated file; --force --prune removed it\n"
            )
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/Out") == ["new.txt"])
        }
    }

    @Test("if any template fails, no file is written at all")
    func renderFailureWritesNothing() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            // Without a template sets file, Templates/ overrides the built-in swift set and adds to it.
            try FileManager.default.createDirectory(atPath: folder + "/Templates", withIntermediateDirectories: true)
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{#registers}}{{nmae}}{{/registers}}\n",
                to: folder + "/Templates/Z.swift.mustache")
            let result = try runSysRegGen([], in: folder)
            #expect(result.status == 1)
            #expect(
                result.errors.hasPrefix(
                    "Templates/Z.swift.mustache:2:15: error: the view has no key 'nmae' here; did you mean 'name'?\n"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/Generated"))
        }
    }

    @Test("a file that cannot be replaced fails the run, leaves no temporary file and no partial file")
    func replaceFailure() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            // A non-empty folder where SysReg.swift should go: rename(2) cannot replace it.
            try FileManager.default.createDirectory(
                atPath: folder + "/Generated/SysReg.swift/x", withIntermediateDirectories: true)
            let result = try runSysRegGen(["--force"], in: folder)
            #expect(result.status == 1)
            #expect(result.errors.hasPrefix("error: cannot replace 'Generated/SysReg.swift': "))
            let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/Generated").sorted()
            let fields = (1...8).map { "Fields-\($0).swift" }
            let written =
                ["CPUContext+Restore.swift", "CPUContext+Save.swift", "Encodings.swift"] + fields + [
                    "LoadPut.swift", "LoadedVCPU+Accessors.swift", "SysReg+AArch32.swift",
                ]
            #expect(left == written + ["SysReg.swift"])
            for name in written {
                #expect(GeneratedHeader.verify(try contents(of: folder + "/Generated/" + name)) == .intact)
            }
        }
    }
}
