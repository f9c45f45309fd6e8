import Foundation
import SysRegGenKit
import SysRegRuntime
import SysRegSimulator
import Testing

/// Registers of six kinds a user may add to `registers.yaml`, as the README's "Adding a
/// register" says. Encodings and aliases from the kernel's arch/arm64/tools/sysreg, each checked
/// with the toolchain's llvm-objdump (LLVM 21), which prints these names for them.
enum AddedRegisters {
    static let yaml = """
          - name: TCR2_EL1
            encoding: S3_0_C2_C0_3
            el12: S3_5_C2_C0_3
            class: deferred
            group: el1
            doc: Extended Translation Control Register (EL1), an EL1 register with an EL12 alias
          - name: PIR_EL1
            encoding: S3_0_C10_C2_3
            el12: S3_5_C10_C2_3
            class: deferred
            group: el1
            doc: Permission Indirection Register 1 (EL1)
          - name: GCR_EL1
            encoding: S3_0_C1_C0_6
            class: deferred
            group: el1
            doc: Tag Control Register (MTE), an EL1 register E2H does not redirect
          - name: CNTV_CVAL_EL0
            encoding: S3_3_C14_C3_2
            el12: S3_5_C14_C3_2
            class: deferred
            group: el1
            doc: Counter-timer Virtual Timer CompareValue, an EL0 register with an EL02 alias
          - name: TPIDR2_EL0
            encoding: S3_3_C13_C0_5
            class: deferred
            group: user
            doc: EL0 Read/Write Software Thread ID Register 2, which host userspace uses
          - name: MDCCINT_EL1
            encoding: S2_0_C0_C2_0
            class: immediate
            group: common
            doc: Monitor DCC Interrupt Enable Register, a debug register (op0 = 2)

        """

    static let names = ["TCR2_EL1", "PIR_EL1", "GCR_EL1", "CNTV_CVAL_EL0", "TPIDR2_EL0", "MDCCINT_EL1"]
}

/// The register file against the architecture: the shipped file and the added registers have
/// no problem; each kind of wrong entry is reported with its place, the register and the reason.
@Suite struct ArchitectureTests {
    /// A wrong entry and the problem it must be reported with.
    struct WrongEntry: Sendable, CustomTestStringConvertible {
        var summary: String
        var edits: [MutatedBuild.Edit] = []
        var appended = ""
        /// Where the problem is reported: the first line containing this text, and its column.
        var at: String
        /// `NAME: reason`, after `error: `.
        var message: String

        var testDescription: String { summary }
    }

    static let wrongEntries = [
        WrongEntry(
            summary: "an encoding the architecture does not define",
            appended: entry("TCR2_EL1", "S3_0_C2_C0_7", el12: "S3_5_C2_C0_7"), at: "encoding: S3_0_C2_C0_7",
            message: "TCR2_EL1: encoding S3_0_C2_C0_7 is not an encoding the architecture defines; "
                + "TCR2_EL1's encoding is S3_0_C2_C0_3"),
        WrongEntry(
            summary: "another register's encoding",
            appended: entry("PIR_EL1", "S3_0_C10_C2_2", el12: "S3_5_C10_C2_2"), at: "encoding: S3_0_C10_C2_2",
            message: "PIR_EL1: encoding S3_0_C10_C2_2 is PIRE0_EL1's encoding; PIR_EL1's encoding is S3_0_C10_C2_3"),
        WrongEntry(
            summary: "an el12 that is another register's alias",
            appended: entry("PIR_EL1", "S3_0_C10_C2_2", el12: "S3_5_C10_C2_2"), at: "el12: S3_5_C10_C2_2",
            message: "PIR_EL1: el12 S3_5_C10_C2_2 is PIRE0_EL12's encoding, not PIR_EL1's alias PIR_EL12 "
                + "(S3_5_C10_C2_3)"),
        WrongEntry(
            summary: "a redirected register without its alias",
            appended: entry("TCR2_EL1", "S3_0_C2_C0_3"), at: "name: TCR2_EL1",
            message: "TCR2_EL1: E2H redirects TCR2_EL1 to TCR2_EL2 at EL2, so it needs el12: S3_5_C2_C0_3 (TCR2_EL12)"),
        WrongEntry(
            summary: "an el12 on a register E2H does not redirect",
            appended: entry("TPIDR2_EL0", "S3_3_C13_C0_5", el12: "S3_5_C13_C0_5", group: "user"),
            at: "el12: S3_5_C13_C0_5",
            message: "TPIDR2_EL0: el12 S3_5_C13_C0_5 is not an encoding the architecture defines, but E2H does not "
                + "redirect TPIDR2_EL0, so it has no alias; remove el12"),
        WrongEntry(
            summary: "ACTLR_EL12, which the seed's era does not have",
            edits: [
                .init(
                    summary: "ACTLR_EL1 gets el12", find: "    encoding: S3_0_C1_C0_1\n",
                    replacement: "    encoding: S3_0_C1_C0_1\n    el12: S3_5_C1_C0_1\n")
            ],
            at: "el12: S3_5_C1_C0_1",
            message: "ACTLR_EL1: el12 S3_5_C1_C0_1 is ACTLR_EL12, which the simulated CPU does not implement "
                + "(\(E2HRules.notImplemented["ACTLR_EL12"] ?? "")), but E2H does not redirect ACTLR_EL1, so it has no "
                + "alias; remove el12"),
        WrongEntry(
            summary: "a name the architecture does not have",
            appended: entry("TCR3_EL1", "S3_0_C2_C0_7"), at: "name: TCR3_EL1",
            message:
                "TCR3_EL1: the architecture has no register of that name (LLVM \(LLVMSystemRegisters.llvmVersion)'s "
                + "AArch64 table); check the Arm ARM's spelling"),
        WrongEntry(
            summary: "a read-only register",
            appended: entry("MIDR_EL1", "S3_0_C0_C0_0"), at: "name: MIDR_EL1",
            message: "MIDR_EL1: MIDR_EL1 is read-only (MRS only): it cannot be restored"),
    ]

    /// One register entry in the shipped file's layout.
    static func entry(_ name: String, _ encoding: String, el12: String? = nil, group: String = "el1") -> String {
        "  - name: \(name)\n    encoding: \(encoding)\n" + (el12.map { "    el12: \($0)\n" } ?? "")
            + "    class: deferred\n    group: \(group)\n"
    }

    /// Validates `text` as the generator does and checks it against the architecture.
    static func problems(_ text: String) throws -> (problems: [String], file: RegisterFile) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sysreg-arch-\(UUID().uuidString).yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let file = try GeneratorPipeline.model(inputPath: path.path)
        return (ArchitectureCheck.problems(in: file), file)
    }

    @Test func shippedRegisterFileIsTheArchitectures() throws {
        let file = try GeneratorPipeline.model(
            inputPath: MutatedBuild.packageRoot.appendingPathComponent("registers.yaml").path)
        #expect(ArchitectureCheck.problems(in: file) == [])
    }

    @Test func addedRegistersAreTheArchitectures() throws {
        let (problems, file) = try Self.problems(MutatedBuild.registerFile([], appending: AddedRegisters.yaml))
        #expect(problems == [])
        #expect(file.registers.suffix(AddedRegisters.names.count).map(\.name.value) == AddedRegisters.names)
    }

    @Test(arguments: wrongEntries)
    func wrongEntryIsReportedWithItsPlaceAndReason(_ wrong: WrongEntry) throws {
        let text = try MutatedBuild.registerFile(wrong.edits, appending: wrong.appended)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains(wrong.at) })
        // The place is the value's, as for every diagnostic: the text after `key: `.
        let found = lines[line]
        let value = try #require(found.range(of: wrong.at).flatMap { found[$0.lowerBound...].range(of: ": ") })
        let column = found.distance(from: found.startIndex, to: value.upperBound) + 1
        let (problems, _) = try Self.problems(text)
        let expected = ":\(line + 1):\(column): error: \(wrong.message)"
        #expect(problems.contains { $0.hasSuffix(expected) }, "\(problems)")
    }
}
