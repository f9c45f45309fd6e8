import Foundation
import SysRegRuntime
import Testing

@testable import SysRegGenKit

/// A small register file whose every position is known.
let smallFile = """
    version: 1
    groups:
      - name: el1
        switched: load-put
      - name: common
        switched: entry-exit
        shared-with-host: true
    registers:
      - name: SCTLR_EL1
        encoding: S3_0_C1_C0_0
        el12: S3_5_C1_C0_0
        class: deferred
        group: el1
        doc: System Control Register (EL1)
      - name: MPIDR_EL1
        encoding: S3_0_C0_C0_5
        class: immediate
        group: el1
        via:
          name: VMPIDR_EL2
          encoding: S3_4_C0_C0_5
      - name: SP_EL0
        encoding: S3_0_C4_C1_0
        class: immediate
        group: common
        aarch32:
          - name: TTBR0
            encoding: p15, 0, c2
            part: all

    """

@Suite("Loading and validating the register file")
struct ModelLoadingTests {
    @Test("values are typed and keep their line and column")
    func valuesKeepLocations() throws {
        let file = try validate(smallFile, path: "small.yaml")
        #expect(file.groups.map(\.name.value) == ["el1", "common"])
        #expect(file.groups.map(\.switched.value) == [.loadPut, .entryExit])
        #expect(file.groups.map(\.sharedWithHost) == [false, true])
        #expect(file.registers.map(\.name.value) == ["SCTLR_EL1", "MPIDR_EL1", "SP_EL0"])

        let sctlr = file.registers[0]
        #expect(sctlr.encoding.value == SystemRegisterEncoding(op0: 3, op1: 0, crn: 1, crm: 0, op2: 0))
        #expect(sctlr.encoding.location == SourceLocation(path: "small.yaml", line: 10, column: 15))
        #expect(sctlr.el12?.value == SystemRegisterEncoding(op0: 3, op1: 5, crn: 1, crm: 0, op2: 0))
        #expect(sctlr.el12?.location == SourceLocation(path: "small.yaml", line: 11, column: 11))
        #expect(sctlr.registerClass.value == .deferred)
        #expect(sctlr.group == Located("el1", at: SourceLocation(path: "small.yaml", line: 13, column: 12)))
        #expect(sctlr.doc?.value == "System Control Register (EL1)")
        #expect(sctlr.el12Name == "SCTLR_EL12")

        let mpidr = file.registers[1]
        #expect(mpidr.el12 == nil)
        #expect(mpidr.doc == nil)
        #expect(mpidr.via?.name.value == "VMPIDR_EL2")
        #expect(mpidr.via?.encoding.value == SystemRegisterEncoding(op0: 3, op1: 4, crn: 0, crm: 0, op2: 5))

        let counterpart = try #require(file.registers[2].aarch32.first)
        #expect(counterpart.name.value == "TTBR0")
        #expect(counterpart.encoding.value == .register64(coproc: 15, opc1: 0, crm: 2))
        #expect(counterpart.part.value == .all)
    }

    @Test("the shipped register file holds every register of the seed patch with the patch's class")
    func shippedFileHasTheSeedRegisters() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        let classes = Dictionary(uniqueKeysWithValues: file.registers.map { ($0.name.value, $0.registerClass.value) })
        // The 20 cases of the seed's vcpu_read_sys_reg switch, in the patch's order: all deferred.
        let deferred = [
            "CSSELR_EL1", "SCTLR_EL1", "ACTLR_EL1", "CPACR_EL1", "TTBR0_EL1", "TTBR1_EL1", "TCR_EL1", "ESR_EL1",
            "AFSR0_EL1", "AFSR1_EL1", "FAR_EL1", "MAIR_EL1", "VBAR_EL1", "CONTEXTIDR_EL1", "TPIDR_EL0",
            "TPIDRRO_EL0", "TPIDR_EL1", "AMAIR_EL1", "CNTKCTL_EL1", "PAR_EL1",
        ]
        for name in deferred { #expect(classes[name] == .deferred, "\(name)") }
        // Immediate in the seed: MPIDR_EL1 (read by other threads), the common and EL2 return
        // state, and the 32-bit-only registers (deferred only by the later 32-bit patch).
        let immediate = [
            "MPIDR_EL1", "MDSCR_EL1", "SP_EL0", "ELR_EL2", "SPSR_EL2", "DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2",
            "FPEXC32_EL2",
        ]
        for name in immediate { #expect(classes[name] == .immediate, "\(name)") }
        let groups = Dictionary(uniqueKeysWithValues: file.registers.map { ($0.name.value, $0.group.value) })
        #expect(groups["MDSCR_EL1"] == "common" && groups["SP_EL0"] == "common")
        #expect(groups["ELR_EL2"] == "el2Return" && groups["SPSR_EL2"] == "el2Return")
        #expect(groups["TPIDR_EL0"] == "user" && groups["TPIDRRO_EL0"] == "user")
    }

    @Test("several problems are reported together, in file order, with line and column")
    func problemsAreCollected() throws {
        let yaml =
            smallFile
            .replacingOccurrences(of: "class: deferred", with: "class: lazy")
            .replacingOccurrences(of: "encoding: S3_0_C0_C0_5", with: "encoding: S3_0_C0_C0_9")
            .replacingOccurrences(of: "group: common", with: "group: comon")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml, path: "bad.yaml") }
        #expect(
            error.description == """
                bad.yaml:12:12: error: 'class' must be 'deferred' or 'immediate', not 'lazy'
                bad.yaml:16:15: error: 'encoding' 'S3_0_C0_C0_9' is not of the form S<op0>_<op1>_C<CRn>_C<CRm>_<op2> with op0 0..3, op1 0..7, CRn and CRm 0..15, op2 0..7
                bad.yaml:25:12: error: group 'comon' is not declared
                """)
    }

    @Test("a duplicate register names its first definition in a note")
    func duplicateRegister() throws {
        let yaml = smallFile.replacingOccurrences(of: "name: SP_EL0", with: "name: SCTLR_EL1")
            .replacingOccurrences(of: "S3_0_C4_C1_0", with: "S3_0_C4_C1_1")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml, path: "dup.yaml") }
        #expect(
            error.description == """
                dup.yaml:22:11: error: duplicate register 'SCTLR_EL1'
                dup.yaml:9:11: note: first defined here
                """)
    }

    @Test("an unknown key gets a suggestion")
    func unknownKey() throws {
        let yaml = smallFile.replacingOccurrences(of: "    doc: System", with: "    dco: System")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml, path: "k.yaml") }
        #expect(error.description == "k.yaml:14:5: error: unknown key 'dco' in a register; did you mean 'doc'?")
    }

    @Test("a deferred register outside every load/put group is an error")
    func deferredInEntryExitGroup() throws {
        let yaml = smallFile.replacingOccurrences(
            of: "    class: deferred\n    group: el1", with: "    class: deferred\n    group: common")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml, path: "d.yaml") }
        #expect(
            error.description == """
                d.yaml:12:12: error: deferred register 'SCTLR_EL1' is in group 'common', which is not switched at load-put
                d.yaml:5:11: note: group 'common' declared here
                """)
    }

    @Test("an el12 alias must be the op1 = 5 form of the register's encoding")
    func wrongAlias() throws {
        let yaml = smallFile.replacingOccurrences(of: "el12: S3_5_C1_C0_0", with: "el12: S3_5_C1_C0_1")
        let error = try #require(throws: DiagnosticList.self) { try validate(yaml, path: "a.yaml") }
        #expect(
            error.description
                == "a.yaml:11:11: error: 'el12' of 'SCTLR_EL1' must be its encoding with op1 = 5 (S3_5_C1_C0_0), not S3_5_C1_C0_1"
        )
    }

    @Test("YAML syntax errors and empty files point at the place")
    func syntaxErrors() throws {
        let syntax = try #require(throws: DiagnosticList.self) {
            try validate("version: 1\ngroups: [el1\n", path: "s.yaml")
        }
        #expect(syntax.diagnostics.first?.location == SourceLocation(path: "s.yaml", line: 3, column: 1))
        let empty = try #require(throws: DiagnosticList.self) { try validate("", path: "e.yaml") }
        #expect(empty.description == "e.yaml:1:1: error: file is empty")
    }

    @Test("encodings parse only in the exact generic form")
    func encodingForms() {
        #expect(SystemRegisterEncoding(genericName: "S3_0_C1_C0_0") == .init(op0: 3, op1: 0, crn: 1, crm: 0, op2: 0))
        #expect(SystemRegisterEncoding(genericName: "S2_4_C0_C7_0") == .init(op0: 2, op1: 4, crn: 0, crm: 7, op2: 0))
        for bad in [
            "S3_0_C1_C0_0x", "S3_0_C1_C0", "S3_8_C1_C0_0", "S3_0_C16_C0_0", "s3_0_c1_c0_0", "S3_0_C01_C0_0",
            "S3_0_C1_C0_-1", "",
        ] {
            #expect(SystemRegisterEncoding(genericName: bad) == nil, "\(bad)")
        }
        #expect(
            CoprocessorEncoding(text: "p15, 0, c1, c0, 0") == .register32(coproc: 15, opc1: 0, crn: 1, crm: 0, opc2: 0))
        #expect(CoprocessorEncoding(text: "p15,1,c2") == .register64(coproc: 15, opc1: 1, crm: 2))
        #expect(CoprocessorEncoding(text: "p15, 0, c1, c0, 8") == nil)
        #expect(CoprocessorEncoding(text: "p15, 0, c1, c0") == nil)
    }
}
