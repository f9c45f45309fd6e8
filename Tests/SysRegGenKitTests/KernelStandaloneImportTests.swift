import Foundation
import Testing

@testable import SysRegGenKit

/// The project's own kernel-format fixture: every construct of the kernel's file.
let constructsFixture = packagePath("Tests/Fixtures/kernel-sysreg/constructs.sysreg")

/// The kernel's register file and gen-sysreg.awk, when the shared folder is present (never
/// committed here: both are GPL-2.0).
let kernelSysregFile = packagePath("../shared/data/linux-arch-arm64-tools-sysreg.txt")
let kernelAwkScript = packagePath("../shared/data/gen-sysreg.awk")

/// True when the kernel's files are present; in CI (CI=true) their absence is a failure.
func kernelFilesPresent() throws -> Bool {
    let present = FileManager.default.fileExists(atPath: kernelSysregFile)
    if !present, ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but \(kernelSysregFile) is missing: the test against the kernel's file must run in CI")
    }
    if !present { print("note: \(kernelSysregFile) not found: the test against the kernel's own file did not run") }
    return present
}

/// The standalone register file of a kernel-format file, validated.
func standaloneModel(_ path: String) throws -> (yaml: String, file: RegisterFile, warnings: [Diagnostic]) {
    let kernel = try KernelSysregFile.parse(try contents(of: path), path: path)
    let (yaml, warnings) = KernelSysregImport.standalone(kernel)
    return (yaml, try validate(yaml, path: "standalone.yaml"), warnings)
}

@Suite("Importing a whole kernel register file (--standalone)")
struct KernelStandaloneImportTests {
    @Test("every block of the fixture is represented, in order, and the file validates")
    func fixture() throws {
        let (_, file, warnings) = try standaloneModel(constructsFixture)
        let names = file.entries.map {
            switch $0 {
            case .register(let register): register.name.value
            case .layout(let layout): "layout " + layout.name.value
            }
        }
        #expect(
            names == [
                "layout TESTCTLR_ELx", "TESTCTLR_EL1", "TESTCTLR_EL12", "TESTCTLRALIAS_EL1", "TESTID_EL1",
                "TESTVMCR_EL2", "TESTADDR_EL1", "TESTADDR_EL12", "TESTMPAM_EL12", "TESTSTATE", "TESTNVHCR_EL2",
                "TESTHCR_EL2",
            ])
        #expect(file.registers.isEmpty, "nothing is in the vcpu's context without class and group")
        let byName = Dictionary(uniqueKeysWithValues: file.descriptions.map { ($0.name.value, $0) })
        // The EL12 alias (a Mapping) is its register's el12 and is kept in place as an alias.
        #expect(byName["TESTCTLR_EL1"]?.el12?.value.genericName == "S3_5_C15_C0_0")
        #expect(byName["TESTCTLR_EL12"]?.aliasOf?.value == "TESTCTLR_EL1")
        #expect(byName["TESTCTLRALIAS_EL1"]?.aliasOf?.value == "TESTCTLR_EL1")
        #expect(byName["TESTNVHCR_EL2"]?.aliasOf?.value == "TESTHCR_EL2")
        // The EL12 alias with fields of its own and no Mapping is still its register's el12.
        #expect(byName["TESTADDR_EL1"]?.el12?.value.genericName == "S3_5_C15_C3_0")
        #expect(byName["TESTADDR_EL12"]?.fields?.layout.fields.map { $0.name?.value } == ["ADDR"])
        // The shared layout is referenced and resolved.
        guard case .shared(let reference, let layout) = byName["TESTCTLR_EL1"]?.fields else {
            Issue.record("TESTCTLR_EL1 does not reference its layout")
            return
        }
        #expect(reference.value == "TESTCTLR_ELx")
        #expect(layout.fields.map(\.kind) == [.res0, .res1, .field, .enum, .raz, .field, .unkn])
        #expect(layout.fields[3].signed == false)
        #expect(layout.fields[3].values.map(\.name.value) == ["NI", "IMP", "16K"])
        #expect(layout.fields[3].values.map(\.text) == ["0b0000", "0b0001", "0b0010"])
        let id = try #require(byName["TESTID_EL1"]?.fields?.layout.fields)
        #expect(id.map(\.signed) == [true, nil, nil, nil, nil])
        #expect(id[2].values.isEmpty)
        #expect(byName["TESTVMCR_EL2"]?.prefixed.map(\.prefix.value) == ["FEAT_TEST", "FEAT_OTHER"])
        #expect(byName["TESTMPAM_EL12"]?.fieldsSee?.value == "TESTMPAM_ELx")
        #expect(
            warnings.map(\.description) == [
                "\(constructsFixture):71:1: warning: 'TESTMPAM_EL12' refers to fields 'TESTMPAM_ELx', which no SysregFields block declares: kept as 'fields-see'"
            ])
    }

    @Test("the command prints a file that lint accepts as it is")
    func commandLine() throws {
        try withTemporaryFolder { folder in
            try copyShippedConfiguration(to: folder)
            try FileManager.default.copyItem(atPath: constructsFixture, toPath: folder + "/k.sysreg")
            let result = try runSysRegGen(["import", "kernel-sysreg", "--standalone", "k.sysreg"], in: folder)
            #expect(result.status == 0)
            #expect(result.errors.hasSuffix("imported 11 registers and 1 shared layouts, skipped 0\n"))
            try write(result.output, to: folder + "/k.yaml")
            let lint = try runSysRegGen(["lint", "--input", "k.yaml"], in: folder)
            #expect(lint.status == 0, "\(lint.errors)")
            let mixed = try runSysRegGen(
                ["import", "kernel-sysreg", "--standalone", "k.sysreg", "--class", "deferred"], in: folder)
            #expect(mixed.status == 1)
        }
    }

    @Test("the kernel's own file: every block represented and the file valid (when ../shared/data is present)")
    func kernelFile() throws {
        guard try kernelFilesPresent() else { return }
        let (_, file, _) = try standaloneModel(kernelSysregFile)
        // Counted from the kernel's file by its lines' first words, not by the importer.
        let lines = try contents(of: kernelSysregFile).split(separator: "\n").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        func count(_ keywords: Set<String>) -> Int { lines.filter { $0.first.map(keywords.contains) ?? false }.count }
        #expect(file.descriptions.count == count(["Sysreg"]))
        #expect(file.entries.count == count(["Sysreg", "SysregFields"]))
        #expect(file.descriptions.filter { $0.aliasOf != nil }.count == count(["Mapping"]))
        var fields: [Field] = []
        for entry in file.entries {
            switch entry {
            case .register(let register):
                if case .own(let layout) = register.fields { fields += layout.fields }
                fields += register.prefixed.flatMap(\.layout.fields)
            case .layout(let layout):
                fields += (layout.layout?.fields ?? []) + layout.prefixed.flatMap(\.layout.fields)
            }
        }
        #expect(fields.filter(\.kind.isNamed).count == count(["Field", "Enum", "SignedEnum", "UnsignedEnum"]))
        #expect(fields.filter { !$0.kind.isNamed }.count == count(["Res0", "Res1", "Unkn", "Raz"]))
        #expect(fields.reduce(0) { $0 + $1.values.count } == lines.filter { $0.first?.hasPrefix("0b") == true }.count)
    }

    @Test("malformed fields: every problem as FILE:line:col: error")
    func malformed() throws {
        let text = """
            Sysreg\tA_EL1\t3\t0\t15\t0\t0
            Field\t63:1\tX
            Res0\t64
            EndSysreg
            Sysreg\tB_EL1\t3\t0\t15\t0\t1
            Field\t63:0\tX
            Prefix\tFEAT_X
            Field\t63:0\tY
            EndPrefix
            EndSysreg
            Sysreg\tC_EL1\t3\t0\t15\t0\t2
            Enum\t63:0\tE
            \t0b2\tBAD
            \tNAME
            EndEnum
            Bogus\t1
            EndSysreg
            SysregFields\tL
            Field\t63:32\tX
            EndSysregFields
            SysregFields\tL
            Field\t63:0\tX
            EndSysregFields
            """
        let error = try #require(throws: DiagnosticList.self) { try KernelSysregFile.parse(text, path: "bad.sysreg") }
        #expect(
            error.description.split(separator: "\n") == [
                "bad.sysreg:3:6: error: malformed bits '64': the form is 'msb:lsb' or one bit, from 63 to 0, msb not below lsb",
                "bad.sysreg:4:1: error: the fields of 'A_EL1' leave bit 0 undescribed",
                "bad.sysreg:7:1: error: 'Prefix' in 'B_EL1' after its own fields: prefixed fields come first",
                "bad.sysreg:13:2: error: malformed value '0b2': expected 0b and binary digits",
                "bad.sysreg:14:2: error: expected '<0b value> <name>' or 'EndEnum' in enumeration 'E'",
                "bad.sysreg:16:1: error: unexpected 'Bogus' in 'C_EL1'",
                "bad.sysreg:20:1: error: the fields of 'L' leave bits 31:0 undescribed",
                "bad.sysreg:21:1: error: duplicate SysregFields 'L'",
                "bad.sysreg:18:1: note: first defined here",
            ])
    }
}
