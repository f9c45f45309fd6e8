import Foundation
import SysRegRuntime
import Testing

@testable import SysRegGenKit

/// A register file in the format of Linux's `arch/arm64/tools/sysreg`, written for these tests:
/// a SysregFields block, a register with its EL12 alias, one with an enum, an alias that is not
/// an EL12 alias, a register the target already has, an alias of a register the file lacks, a
/// block of an unknown kind, a register whose encoding the target uses, a second EL12 pair, an
/// EL12 alias without a Mapping (as the kernel's FAR_EL12) and a Mapping to an EL2 register.
let kernelSysregFixture = """
    # Test registers in the format of arch/arm64/tools/sysreg.

    SysregFields\tCTLR_ELx
    Res0\t63:1
    Field\t0\tEN
    EndSysregFields

    Sysreg\tAFSR0_EL1\t3\t0\t5\t1\t0
    Field\t63:0\tIMP
    EndSysreg

    Sysreg\tAFSR0_EL12\t3\t5\t5\t1\t0
    Mapping\tAFSR0_EL1
    EndSysreg

    Sysreg\tACCDATA_EL1\t3\t0\t13\t0\t5
    Enum\t63:0\tMODE
    \t0b00\tOFF
    EndEnum
    EndSysreg

    Sysreg\tAFSRALIAS_EL1\t3\t0\t5\t1\t7
    Mapping\tAFSR0_EL1
    EndSysreg

    Sysreg\tSCTLR_EL1\t3\t0\t1\t0\t0
    Fields\tCTLR_ELx
    EndSysreg

    Sysreg\tTRCITECR_EL12\t3\t5\t1\t2\t3
    Mapping\tTRCITECR_EL1
    EndSysreg

    Pseudo\tFOO
    Bar\t1
    EndPseudo

    Sysreg\tMYMPIDR_EL1\t3\t0\t0\t0\t5
    EndSysreg

    Sysreg ZCR_EL1 3 0 1 2 0
    EndSysreg

    Sysreg ZCR_EL12 3 5 1 2 0
    Mapping ZCR_EL1
    EndSysreg

    Sysreg	FAR_EL1	3	0	6	0	0
    EndSysreg

    Sysreg	FAR_EL12	3	5	6	0	0
    EndSysreg

    Sysreg	NVHCR_EL2	3	4	1	5	0
    Mapping	HCR_EL2
    EndSysreg

    """

/// Registers the Arm ARM names without an _ELx suffix, and an alias of a register E2H does not
/// redirect, written for these tests in the kernel file's format. The encodings are those of
/// the kernel's arch/arm64/tools/sysreg (FPCR 3 3 4 4 0, FPSR 3 3 4 4 1, FPMR 3 3 4 4 2,
/// SVCR 3 3 4 2 2, ALLINT 3 0 4 3 0) and of SP_EL1 in the Arm ARM (3 4 4 1 0); SP_EL12 is made up.
let unsuffixedFixture = """
    Sysreg\tALLINT\t3\t0\t4\t3\t0
    EndSysreg

    Sysreg\tSVCR\t3\t3\t4\t2\t2
    EndSysreg

    Sysreg\tFPCR\t3\t3\t4\t4\t0
    EndSysreg

    Sysreg\tFPSR\t3\t3\t4\t4\t1
    EndSysreg

    Sysreg\tFPMR\t3\t3\t4\t4\t2
    EndSysreg

    Sysreg\tSP_EL1\t3\t4\t4\t1\t0
    EndSysreg

    Sysreg\tSP_EL12\t3\t5\t4\t1\t0
    Mapping\tSP_EL1
    EndSysreg

    """

@Suite("Importing the kernel's register file")
struct KernelSysregImportTests {
    func importFixture(only: [String]? = nil) throws -> KernelSysregImport {
        let file = try KernelSysregFile.parse(kernelSysregFixture, path: "test.sysreg")
        return try KernelSysregImport(file, into: try validate(smallFile, path: "small.yaml"), only: only)
    }

    @Test("blocks become registers with their encoding and the EL12 alias their Mapping names")
    func registers() throws {
        let result = try importFixture()
        #expect(result.registers.map(\.name) == ["AFSR0_EL1", "ACCDATA_EL1", "ZCR_EL1", "FAR_EL1"])
        #expect(
            result.registers.map(\.encoding.genericName) == [
                "S3_0_C5_C1_0", "S3_0_C13_C0_5", "S3_0_C1_C2_0", "S3_0_C6_C0_0",
            ])
        #expect(result.registers.map { $0.el12?.genericName } == ["S3_5_C5_C1_0", nil, "S3_5_C1_C2_0", "S3_5_C6_C0_0"])
    }

    @Test("what is skipped is reported with its place and the reason")
    func skipped() throws {
        #expect(
            try importFixture().skipped.map(\.description) == [
                "test.sysreg:22:1: skipped AFSRALIAS_EL1: maps to AFSR0_EL1 but is not its AFSR0_EL12 alias at S3_5_C5_C1_0 (it is S3_0_C5_C1_7)",
                "test.sysreg:26:1: skipped SCTLR_EL1: already in small.yaml (line 9)",
                "test.sysreg:30:1: skipped TRCITECR_EL12: maps to TRCITECR_EL1, which the file does not define",
                "test.sysreg:34:1: skipped FOO: 'Pseudo' blocks are not understood",
                "test.sysreg:38:1: skipped MYMPIDR_EL1: S3_0_C0_C0_5 is already used by MPIDR_EL1 in small.yaml",
                "test.sysreg:54:1: skipped NVHCR_EL2: maps to HCR_EL2, which is no *_EL1 or *_EL0 register and has no EL12 alias",
            ])
    }

    @Test("--only keeps the named registers and says why a named alias is not one")
    func only() throws {
        let result = try importFixture(only: ["ACCDATA_EL1", "ZCR_EL12"])
        #expect(result.registers.map(\.name) == ["ACCDATA_EL1"])
        #expect(
            result.skipped.map(\.description) == [
                "test.sysreg:44:1: skipped ZCR_EL12: an alias is imported as the 'el12' of the register it maps to: import ZCR_EL1"
            ])
        let error = try #require(throws: DiagnosticList.self) { try importFixture(only: ["NOPE_EL1", "ZCR_EL1"]) }
        #expect(error.description == "error: --only: 'NOPE_EL1' is not a Sysreg of test.sysreg")
    }

    @Test("the entries leave class and group marked for the user unless given")
    func yaml() throws {
        let result = try importFixture(only: ["AFSR0_EL1", "ACCDATA_EL1"])
        #expect(
            result.yaml(source: "test.sysreg", registerClass: nil, group: nil, groups: ["el1", "common"]) == """
                # Imported by sysreg-gen from test.sysreg: merge under 'registers:' in registers.yaml.
                # Replace each TODO with your decision; sysreg-gen rejects the entries until then.
                  - name: AFSR0_EL1
                    encoding: S3_0_C5_C1_0
                    el12: S3_5_C5_C1_0
                    class: TODO  # deferred | immediate
                    group: TODO  # el1 | common
                    fields:
                      - {field: "63:0", name: IMP}
                  - name: ACCDATA_EL1
                    encoding: S3_0_C13_C0_5
                    class: TODO  # deferred | immediate
                    group: TODO  # el1 | common
                    fields:
                      - {enum: "63:0", name: MODE, values: {OFF: 0b00}}

                """)
        #expect(
            result.yaml(source: "test.sysreg", registerClass: .deferred, group: "el1", groups: ["el1"]) == """
                # Imported by sysreg-gen from test.sysreg: merge under 'registers:' in registers.yaml.
                  - name: AFSR0_EL1
                    encoding: S3_0_C5_C1_0
                    el12: S3_5_C5_C1_0
                    class: deferred
                    group: el1
                    fields:
                      - {field: "63:0", name: IMP}
                  - name: ACCDATA_EL1
                    encoding: S3_0_C13_C0_5
                    class: deferred
                    group: el1
                    fields:
                      - {enum: "63:0", name: MODE, values: {OFF: 0b00}}

                """)
    }

    @Test("malformed input: every problem as FILE:line:col: error")
    func malformed() throws {
        let text = """
            Sysreg\tBAD_EL1\t3\t9\t1\t0\t0
            EndSysreg
            Field\t0\tX
            Sysreg\tSHORT_EL1\t3\t0\t1
            Sysreg\tOPEN_EL1\t3\t0\t1\t0\t1
            Mapping
            Sysreg\tNEXT_EL1\t3\t0\t1\t0\t2
            EndSysreg
            """
        let error = try #require(throws: DiagnosticList.self) { try KernelSysregFile.parse(text, path: "bad.sysreg") }
        #expect(
            error.description.split(separator: "\n") == [
                "bad.sysreg:1:18: error: op1 must be a number from 0 to 7, not '9'",
                "bad.sysreg:2:1: error: 'EndSysreg' outside a Sysreg block",
                "bad.sysreg:3:1: error: 'Field' outside a Sysreg block",
                "bad.sysreg:4:1: error: expected 'Sysreg <name> <op0> <op1> <crn> <crm> <op2>'",
                "bad.sysreg:6:1: error: expected 'Mapping <name>'",
                "bad.sysreg:7:1: error: 'Sysreg' inside the block of 'OPEN_EL1', which has no EndSysreg",
                "bad.sysreg:5:1: note: 'OPEN_EL1' starts here",
            ])
    }

    @Test("a duplicate register and an unterminated block")
    func duplicateAndUnterminated() throws {
        let text =
            "Sysreg\tA_EL1\t3\t0\t1\t0\t0\nEndSysreg\nSysreg\tA_EL1\t3\t0\t1\t0\t1\nEndSysreg\nSysreg\tB_EL1\t3\t0\t1\t0\t2\n"
        let error = try #require(throws: DiagnosticList.self) { try KernelSysregFile.parse(text, path: "dup.sysreg") }
        #expect(
            error.description.split(separator: "\n") == [
                "dup.sysreg:3:1: error: duplicate Sysreg 'A_EL1'",
                "dup.sysreg:1:1: note: first defined here",
                "dup.sysreg:5:1: error: Sysreg 'B_EL1' has no EndSysreg",
            ])
    }

    @Test("the command prints entries that, once decided, the register file accepts")
    func commandLine() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try write(kernelSysregFixture, to: folder + "/test.sysreg")
            let undecided = try runSysRegGen(["import", "kernel-sysreg", "test.sysreg"], in: folder)
            #expect(undecided.status == 0)
            #expect(undecided.output.contains("  - name: ACCDATA_EL1\n"))
            #expect(
                undecided.errors.contains(
                    "test.sysreg:38:1: skipped MYMPIDR_EL1: S3_0_C0_C0_5 is already used by MPIDR_EL1 in registers.yaml\n"
                ))
            let shipped = try contents(of: folder + "/registers.yaml").split(
                separator: "\n", omittingEmptySubsequences: false)
            let farLine = try #require(shipped.firstIndex(of: "  - name: FAR_EL1")) + 1
            #expect(
                undecided.errors.contains(
                    "test.sysreg:48:1: skipped FAR_EL1: already in registers.yaml (line \(farLine))\n"))
            #expect(undecided.errors.hasSuffix("imported 2, skipped 8\n"))
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(yaml + undecided.output, to: folder + "/registers.yaml")
            let rejected = try runSysRegGen(["lint"], in: folder)
            #expect(rejected.status == 1)
            #expect(rejected.errors.contains(": error: 'class' must be 'deferred' or 'immediate', not 'TODO'\n"))

            let decided = try runSysRegGen(
                ["import", "kernel-sysreg", "test.sysreg", "--class", "deferred", "--group", "el1"], in: folder)
            #expect(decided.status == 1, "the first import's TODO entries are still in registers.yaml")
            try write(yaml, to: folder + "/registers.yaml")
            let accepted = try runSysRegGen(
                ["import", "kernel-sysreg", "test.sysreg", "--class", "deferred", "--group", "el1"], in: folder)
            #expect(accepted.status == 0)
            #expect(
                accepted.output.hasSuffix(
                    "  - name: ZCR_EL1\n    encoding: S3_0_C1_C2_0\n    el12: S3_5_C1_C2_0\n    class: deferred\n    group: el1\n"
                ))
            try write(yaml + accepted.output, to: folder + "/registers.yaml")
            let lint = try runSysRegGen(["lint"], in: folder)
            #expect(lint.status == 0, "\(lint.errors)")
            #expect(lint.output == "registers.yaml: ok\n")
        }
    }

    @Test("an alias of a register E2H does not redirect is skipped, not imported as its el12")
    func aliasOfUnredirectedRegister() throws {
        let file = try KernelSysregFile.parse(unsuffixedFixture, path: "fp.sysreg")
        let result = try KernelSysregImport(file, into: try validate(smallFile, path: "small.yaml"))
        #expect(result.registers.first { $0.name == "SP_EL1" }?.el12 == nil)
        #expect(
            result.skipped.map(\.description) == [
                "fp.sysreg:19:1: skipped SP_EL12: maps to SP_EL1, which E2H does not redirect (op1 = 4), so it has no EL12 alias"
            ])
    }

    @Test("unsuffixed registers are imported as such; every problem of an undecided entry is reported at once")
    func unsuffixedAndUndecided() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try write(unsuffixedFixture, to: folder + "/fp.sysreg")
            let yaml = try contents(of: folder + "/registers.yaml")
            let lineCount = yaml.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            let undecided = try runSysRegGen(["import", "kernel-sysreg", "fp.sysreg"], in: folder)
            #expect(undecided.status == 0)
            #expect(undecided.output.contains("  - name: FPCR\n    encoding: S3_3_C4_C4_0\n    unsuffixed: true\n"))
            try write(yaml + undecided.output, to: folder + "/registers.yaml")
            let rejected = try runSysRegGen(["lint"], in: folder)
            #expect(rejected.status == 1)
            // After two comment lines, five entries (SP_EL1 is already in the file) of five lines:
            // name, encoding, unsuffixed, class, group.
            let expected = (0..<5).flatMap { entry in
                let classLine = lineCount + 2 + entry * 5 + 4
                return [
                    "registers.yaml:\(classLine):12: error: 'class' must be 'deferred' or 'immediate', not 'TODO'",
                    "registers.yaml:\(classLine + 1):12: error: group 'TODO' is not declared",
                ]
            }
            #expect(rejected.errors.split(separator: "\n").map(String.init) == expected + ["10 errors"])

            let decided = try runSysRegGen(
                ["import", "kernel-sysreg", "fp.sysreg", "--class", "immediate", "--group", "common"], in: folder)
            try write(yaml + decided.output, to: folder + "/registers.yaml")
            let lint = try runSysRegGen(["lint"], in: folder)
            #expect(lint.status == 0, "\(lint.errors)")
        }
    }

    @Test("the command reports a malformed file and an unknown group as errors")
    func commandLineErrors() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try write("Sysreg\tX_EL1\t3\t0\t1\t0\n", to: folder + "/bad.sysreg")
            let malformed = try runSysRegGen(["import", "kernel-sysreg", "bad.sysreg"], in: folder)
            #expect(malformed.status == 1)
            #expect(
                malformed.errors
                    == "bad.sysreg:1:1: error: expected 'Sysreg <name> <op0> <op1> <crn> <crm> <op2>'\n1 error\n")
            let group = try runSysRegGen(["import", "kernel-sysreg", "bad.sysreg", "--group", "el9"], in: folder)
            #expect(group.errors == "error: --group: 'el9' is not a group of registers.yaml\n1 error\n")
        }
    }

    @Test("--help names the import command and its options")
    func help() throws {
        let top = try runSysRegGen(["--help"], in: packageRoot.path)
        #expect(top.output.contains("sysreg-gen import kernel-sysreg <file> [--only <name>,...]"))
        #expect(top.output.contains("[--config <file>] [--set <name> ...]"))
        let command = try runSysRegGen(["import", "kernel-sysreg", "--help"], in: packageRoot.path)
        for text in ["<file>", "--only <name,...>", "--class <class>", "--group <group>", "--input <file>"] {
            #expect(command.output.contains(text), "\(text)")
        }
    }
}
