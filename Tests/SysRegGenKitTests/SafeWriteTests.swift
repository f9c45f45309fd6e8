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
            let edited = folder + "/Generated/Accessors.swift"
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
                    error: Generated/Accessors.swift was edited by hand since it was generated; pass --force to overwrite it, or discard the edit
                    1 error

                    """)
            #expect(try contents(of: edited) == handEdit)
            #expect(try contents(of: folder + "/Generated/SysReg.swift") == before, "nothing else was written")

            let forced = try runSysRegGen(["--force"], in: folder)
            #expect(forced.status == 0)
            #expect(
                forced.errors == "warning: Generated/Accessors.swift was edited by hand; --force overwrote the edit\n")
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
            // An output whose template was deleted: generated, intact.
            try FileManager.default.removeItem(atPath: folder + "/Templates/LoadPut.swift.mustache")
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

    @Test("if any template fails, no file is written at all")
    func renderFailureWritesNothing() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
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
            #expect(
                left == [
                    "AArch32.swift", "Accessors.swift", "Fields.swift", "LoadPut.swift", "SaveRestore.swift",
                    "SysReg.swift",
                ])
            for name in ["Accessors.swift", "Fields.swift", "LoadPut.swift", "SaveRestore.swift"] {
                #expect(GeneratedHeader.verify(try contents(of: folder + "/Generated/" + name)) == .intact)
            }
        }
    }
}
