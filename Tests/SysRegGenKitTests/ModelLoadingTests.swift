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
        aarch32:
          - name: SCTLR
            encoding: p15, 0, c1, c0, 0
            part: low
        doc: System Control Register (EL1)
      - name: TTBR0_EL1
        encoding: S3_0_C2_C0_0
        el12: S3_5_C2_C0_0
        class: deferred
        group: el1
        aarch32:
          - name: TTBR0
            encoding: p15, 0, c2, c0, 0
            part: low
          - name: TTBR0_64
            encoding: p15, 0, c2
            part: all
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

    """

@Suite("Loading and validating the register file")
struct ModelLoadingTests {
    @Test("values are typed and keep their line and column")
    func valuesKeepLocations() throws {
        let file = try validate(smallFile, path: "small.yaml")
        #expect(file.groups.map(\.name.value) == ["el1", "common"])
        #expect(file.groups.map(\.switched.value) == [.loadPut, .entryExit])
        #expect(file.groups.map(\.sharedWithHost) == [false, true])
        #expect(file.registers.map(\.name.value) == ["SCTLR_EL1", "TTBR0_EL1", "MPIDR_EL1", "SP_EL0"])

        let sctlr = file.registers[0]
        #expect(sctlr.encoding.value == SystemRegisterEncoding(op0: 3, op1: 0, crn: 1, crm: 0, op2: 0))
        #expect(sctlr.encoding.location == SourceLocation(path: "small.yaml", line: 10, column: 15))
        #expect(sctlr.el12?.value == SystemRegisterEncoding(op0: 3, op1: 5, crn: 1, crm: 0, op2: 0))
        #expect(sctlr.el12?.location == SourceLocation(path: "small.yaml", line: 11, column: 11))
        #expect(sctlr.registerClass.value == .deferred)
        #expect(sctlr.group == Located("el1", at: SourceLocation(path: "small.yaml", line: 13, column: 12)))
        #expect(sctlr.doc?.value == "System Control Register (EL1)")
        #expect(sctlr.el12Name == "SCTLR_EL12")
        #expect(sctlr.aarch32.map(\.name.value) == ["SCTLR"])
        #expect(sctlr.aarch32.first?.encoding.value == .register32(coproc: 15, opc1: 0, crn: 1, crm: 0, opc2: 0))
        #expect(sctlr.aarch32.first?.part.value == .low)

        let ttbr0 = file.registers[1]
        #expect(ttbr0.aarch32.map(\.part.value) == [.low, .all])
        #expect(ttbr0.aarch32.last?.encoding.value == .register64(coproc: 15, opc1: 0, crm: 2))
        #expect(ttbr0.aarch32.last?.encoding.location == SourceLocation(path: "small.yaml", line: 29, column: 19))

        let mpidr = file.registers[2]
        #expect(mpidr.el12 == nil)
        #expect(mpidr.doc == nil)
        #expect(mpidr.via?.name.value == "VMPIDR_EL2")
        #expect(mpidr.via?.encoding.value == SystemRegisterEncoding(op0: 3, op1: 4, crn: 0, crm: 0, op2: 5))
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
        // state, and FPEXC32_EL2, which the follow-up 32-bit patch (v4 30/40) saves with the FP
        // state; that patch defers the other 32-bit-only registers, conditionally.
        let immediate = ["MPIDR_EL1", "MDSCR_EL1", "SP_EL0", "ELR_EL2", "SPSR_EL2", "FPEXC32_EL2"]
        for name in immediate { #expect(classes[name] == .immediate, "\(name)") }
        for name in ["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"] {
            #expect(classes[name] == .deferred, "\(name)")
            #expect(file.registers.first { $0.name.value == name }?.group.value == "aarch32")
        }
        #expect(file.groups.first { $0.name.value == "aarch32" }?.switched.value == .loadPut)
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
                bad.yaml:5:11: error: group 'common' has no registers
                bad.yaml:12:12: error: 'class' must be 'deferred' or 'immediate', not 'lazy'
                bad.yaml:22:12: error: 'class' must be 'deferred' or 'immediate', not 'lazy'
                bad.yaml:32:26: error: op2 is 9 in 'encoding' 'S3_0_C0_C0_9', out of range 0..7
                bad.yaml:41:12: error: group 'comon' is not declared; did you mean 'common'?
                """)
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

@Suite("Register names")
struct RegisterNameTests {
    @Test("a register the Arm ARM names without a suffix is accepted when declared unsuffixed")
    func unsuffixed() throws {
        let yaml = smallFile.replacingOccurrences(of: "  - name: SP_EL0", with: "  - name: FPCR\n    unsuffixed: true")
            .replacingOccurrences(of: "encoding: S3_0_C4_C1_0", with: "encoding: S3_3_C4_C4_0")
        let file = try validate(yaml)
        #expect(file.registers.last?.name.value == "FPCR")
    }

    @Test(
        "Arm ARM style names",
        arguments: [
            ("SCTLR_EL1", true), ("DBGVCR32_EL2", true), ("ICC_SRE_EL1", true), ("TPIDRRO_EL0", true),
            ("SCR_EL3", true), ("SCTLR_EL4", false), ("Sctlr_EL1", false), ("SCTLR__EL1", false), ("_EL1", false),
            ("SCTLR", false),
        ])
    func armStyle(name: String, valid: Bool) {
        #expect(isArmStyleName(name) == valid)
    }
}
