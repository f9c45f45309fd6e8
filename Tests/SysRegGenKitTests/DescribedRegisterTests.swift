import Foundation
import SysRegRuntime
import TestSupport
import Testing

@testable import SysRegGenKit

/// `smallFile` with registers it only describes (no `class`, no `group`). Encodings and layouts
/// are those of the kernel's arch/arm64/tools/sysreg (`Sysreg ID_AA64PFR0_EL1 3 0 0 4 0`,
/// `Sysreg HCR_EL2 3 4 1 1 0`, `Sysreg ICH_VMCR_EL2 3 4 12 11 7` with its `Prefix FEAT_GCIE`);
/// SCTLR_EL12 is the kernel's block for the alias at SCTLR_EL1's `el12` encoding.
let describedFile =
    smallFile + """
          - name: ID_AA64PFR0_EL1
            encoding: S3_0_C0_C4_0
            doc: AArch64 Processor Feature Register 0
            fields:
              - {enum: "63:60", name: CSV3, signed: false, values: {NI: 0b0000, IMP: 0b0001}}
              - {enum: "59:56", name: CSV2, signed: false, values: {NI: 0b0000, IMP: 0b0001, CSV2_2: 0b0010, CSV2_3: 0b0011}}
              - {enum: "55:52", name: RME, signed: false, values: {NI: 0b0000, IMP: 0b0001}}
              - {enum: "51:48", name: DIT, signed: false, values: {NI: 0b0000, IMP: 0b0001}}
              - {enum: "47:44", name: AMU, signed: false, values: {NI: 0b0000, IMP: 0b0001, V1P1: 0b0010}}
              - {enum: "43:40", name: MPAM, signed: false, values: {"0": 0b0000, "1": 0b0001}}
              - {enum: "39:36", name: SEL2, signed: false, values: {NI: 0b0000, IMP: 0b0001}}
              - {enum: "35:32", name: SVE, signed: false, values: {NI: 0b0000, IMP: 0b0001}}
              - {enum: "31:28", name: RAS, signed: false, values: {NI: 0b0000, IMP: 0b0001, V1P1: 0b0010, V2: 0b0011}}
              - {enum: "27:24", name: GIC, signed: false, values: {NI: 0b0000, IMP: 0b0001, V4P1: 0b0011}}
              - {enum: "23:20", name: AdvSIMD, signed: true, values: {IMP: 0b0000, FP16: 0b0001, NI: 0b1111}}
              - {enum: "19:16", name: FP, signed: true, values: {IMP: 0b0000, FP16: 0b0001, NI: 0b1111}}
              - {enum: "15:12", name: EL3, signed: false, values: {NI: 0b0000, IMP: 0b0001, AARCH32: 0b0010}}
              - {enum: "11:8", name: EL2, signed: false, values: {NI: 0b0000, IMP: 0b0001, AARCH32: 0b0010}}
              - {enum: "7:4", name: EL1, signed: false, values: {IMP: 0b0001, AARCH32: 0b0010}}
              - {enum: "3:0", name: EL0, signed: false, values: {IMP: 0b0001, AARCH32: 0b0010}}
          - name: HCR_EL2
            encoding: S3_4_C1_C1_0
            doc: Hypervisor Configuration Register
          - name: SCTLR_EL12
            encoding: S3_5_C1_C0_0
          - name: ICH_VMCR_EL2
            encoding: S3_4_C12_C11_7
            prefixed:
              - prefix: FEAT_GCIE
                fields: [{res0: "63:32"}, {field: "31:27", name: VPMR}, {res0: "26:1"}, {field: "0", name: EN}]
            fields: [{res0: "63:32"}, {field: "31:24", name: VPMR}, {field: "23:21", name: VBPR0}, {field: "20:18", name: VBPR1},
              {res0: "17:10"}, {field: "9", name: VEOIM}, {res0: "8:5"}, {field: "4", name: VCBPR}, {field: "3", name: VFIQEn},
              {field: "2", name: VAckCtl}, {field: "1", name: VENG1}, {field: "0", name: VENG0}]

        """

/// Renders the Swift set of `yaml` with the package's templates, builds it with the runtime
/// (the generated module with warnings as errors), links `main` against it and runs it with
/// `arguments`; its standard output, one value a line.
func runAgainstRendered(_ yaml: String, _ main: String, _ arguments: [String]) throws -> [String] {
    try withTemporaryFolder { folder in
        try render(yaml, into: folder)
        let build = try buildGenerated(in: folder, warningsAsErrors: true)
        try write(main, to: folder + "/main.swift")
        try build.program("main", sources: [folder + "/main.swift"], libraries: ["SysRegs", "SysRegRuntime"])
        let run = try runProcess(folder + "/main", arguments)
        try #require(run.status == 0, "\(run.errors)")
        return run.output.split(separator: "\n").map(String.init)
    }
}

/// Writes `yaml` to `folder`/registers.yaml and its Swift set, rendered with the package's
/// templates, to `folder`/Generated.
func render(_ yaml: String, into folder: String) throws {
    try write(yaml, to: folder + "/registers.yaml")
    try FileManager.default.createDirectory(atPath: folder + "/Generated", withIntermediateDirectories: true)
    let options = GeneratorOptions(
        inputPath: folder + "/registers.yaml", templates: .builtin("swift"), outputPath: folder + "/Generated")
    for file in try GeneratorPipeline.render(options) {
        try write(file.contents, to: folder + "/Generated/" + file.name)
    }
}

/// Builds the runtime, then the generated Swift in `generated` (`folder`/Generated when `nil`)
/// against it, in `folder` with the compiler's `flags` (the generated module with
/// `warningsAsErrors`; both only as interfaces unless `linkable`); the build, for a program to
/// link against them.
func buildGenerated(
    _ generated: String? = nil, in folder: String, linkable: Bool = true, warningsAsErrors: Bool = false,
    flags: [String] = []
) throws -> SwiftBuild {
    let build = try SwiftBuild(folder: URL(fileURLWithPath: folder))
    try build.module(
        "SysRegRuntime",
        sources: SwiftBuild.swiftFiles(in: packageRoot.appendingPathComponent("Sources/SysRegRuntime")),
        linkable: linkable, flags: flags)
    try build.module(
        "SysRegs", sources: SwiftBuild.swiftFiles(in: URL(fileURLWithPath: generated ?? folder + "/Generated")),
        linkable: linkable, warningsAsErrors: warningsAsErrors, flags: flags)
    return build
}

@Suite(
    "Registers the file only describes",
    .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
struct DescribedRegisterTests {
    @Test(
        "every register is in SystemRegister with its ids and lookups; described-only ones take no part in the context")
    func describedRegisters() throws {
        let file = try validate(describedFile)
        let described = file.descriptions
        let contextNames = file.registers.map(\.name.value)
        let describedOnly = described.filter { !$0.inContext }
        #expect(describedOnly.map(\.name.value) == ["ID_AA64PFR0_EL1", "HCR_EL2", "SCTLR_EL12", "ICH_VMCR_EL2"])
        // The encodings the context's routines may touch: each register's own, EL12 alias and via.
        let contextEncodings = Set(
            file.registers.flatMap { [$0.encoding.value] + [$0.el12?.value, $0.via?.encoding.value].compactMap { $0 } })
        let untouchable = describedOnly.map(\.encoding.value).filter { !contextEncodings.contains($0) }
        #expect(untouchable.count == 3, "SCTLR_EL12's encoding is SCTLR_EL1's alias")

        // The lookups get the ids the model computes, and an id of no register.
        let unknown = SystemRegisterEncoding(op0: 3, op1: 0, crn: 15, crm: 15, op2: 7)
        #expect(!described.contains { $0.encoding.value == unknown })
        let ids = described.map(\.encoding.value) + [unknown]
        let arguments = ids.flatMap {
            ["\($0.kvmOneRegID)", "\($0.packedID)", "\($0.op0)", "\($0.op1)", "\($0.crn)", "\($0.crm)", "\($0.op2)"]
        }
        let output = try runAgainstRendered(
            describedFile,
            """
            import SysRegRuntime
            import SysRegs

            func name(_ register: SystemRegister?) -> String { register.map { "\\($0)" } ?? "nil" }
            for register in SystemRegister.allCases {
                let context = register.contextRegister.map { "\\($0)" } ?? "nil"
                print(register, register.encoding.genericName, register.kvmOneRegID, register.hvSysReg, context)
            }
            let numbers = CommandLine.arguments.dropFirst().map { UInt64($0)! }
            for start in stride(from: 0, to: numbers.count, by: 7) {
                let n = Array(numbers[start..<start + 7])
                let encoding = SystemRegisterEncoding(
                    op0: UInt8(n[2]), op1: UInt8(n[3]), crn: UInt8(n[4]), crm: UInt8(n[5]), op2: UInt8(n[6]))
                print(
                    name(SystemRegister(kvmOneRegID: n[0])), name(SystemRegister(hvSysReg: UInt16(n[1]))),
                    name(SystemRegister(encoding: encoding)))
            }
            print(SysReg.allCases.map { "\\($0)" }.joined(separator: " "))
            print(SysReg.allCases.allSatisfy { $0.systemRegister.contextRegister == $0 })

            /// Records every encoding the routines read or write.
            final class RecordingCPU: SystemRegisterCPU {
                var touched: Set<SystemRegisterEncoding> = []
                func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
                    touched.insert(encoding)
                    return 0
                }
                func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) { touched.insert(encoding) }
            }
            let cpu = RecordingCPU()
            for mode in HostMode.allCases {
                for aarch32 in [false, true] {
                    var loaded = VCPU<SysReg>(el1IsAArch32: aarch32).load(on: HostCPU(cpu, mode: mode))
                    for register in SysReg.allCases { loaded.write(register, loaded.read(register)) }
                    loaded.enterGuest()
                    loaded.exitGuest()
                    _ = loaded.put()
                }
            }
            print(cpu.touched.map(\\.genericName).sorted().joined(separator: " "))
            """, arguments)
        let table = described.map { register in
            let encoding = register.encoding.value
            let context = register.inContext ? register.name.value : "nil"
            return
                "\(register.name.value) \(encoding.genericName) \(encoding.kvmOneRegID) \(encoding.packedID) \(context)"
        }
        let lookups =
            described.map { Array(repeating: $0.name.value, count: 3).joined(separator: " ") } + ["nil nil nil"]
        try #require(output.count == table.count + lookups.count + 3)
        #expect(Array(output[..<table.count]) == table)
        #expect(Array(output[table.count..<table.count + lookups.count]) == lookups)
        #expect(output[output.count - 3] == contextNames.joined(separator: " "))
        #expect(output[output.count - 2] == "true")
        let touched = Set(output[output.count - 1].split(separator: " ").map(String.init))
        #expect(!touched.isEmpty)
        #expect(touched.isSubset(of: contextEncodings.map(\.genericName)))
        #expect(touched.isDisjoint(with: untouchable.map(\.genericName)))
    }
}

@Suite(
    "Feature-prefixed layouts in Swift",
    .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
struct PrefixedLayoutTests {
    @Test(
        "a prefixed layout gets its own value type: fields, builders, masks, sanitized, description; signed enumerations order as signed"
    )
    func prefixedType() throws {
        let file = try validate(describedFile)
        let register = try #require(file.descriptions.first { $0.name.value == "ICH_VMCR_EL2" })
        // ID_AA64PFR0_EL1.AdvSIMD is signed (the kernel's SignedEnum): NI (0b1111) is -1, below IMP and FP16.
        let pfr0 = try #require(file.descriptions.first { $0.name.value == "ID_AA64PFR0_EL1" }?.fields?.layout)
        let advSIMD = try #require(pfr0.fields.first { $0.name?.value == "AdvSIMD" })
        #expect(advSIMD.signed == true)
        let ni = try #require(advSIMD.values.first { $0.name.value == "NI" }?.value)
        let fp16 = try #require(advSIMD.values.first { $0.name.value == "FP16" }?.value)
        let unused = UInt64(64 - advSIMD.bits.value.width)
        let signedNI = Int64(bitPattern: ni << unused) >> unused
        let gcie = try #require(register.prefixed.first { $0.prefix.value == "FEAT_GCIE" }?.layout)
        let plain = try #require(register.fields?.layout)
        func bits(_ layout: FieldLayout, _ name: String) throws -> BitRange {
            try #require(layout.fields.first { $0.name?.value == name }?.bits.value)
        }
        let vpmr = try bits(gcie, "VPMR")
        let en = try bits(gcie, "EN")
        #expect(vpmr != (try bits(plain, "VPMR")), "the two layouts place VPMR differently")
        let output = try runAgainstRendered(
            describedFile,
            """
            import SysRegRuntime
            import SysRegs

            let value = FEAT_GCIE_ICH_VMCR_EL2Value(rawValue: 0).with(\\.vpmr, 0xFFFF).with(\\.en, 1)
            print(value.rawValue, value.vpmr, value.en)
            print(FEAT_GCIE_ICH_VMCR_EL2Value.Fields().vpmr.shift, FEAT_GCIE_ICH_VMCR_EL2Value.Fields().vpmr.width)
            print(FEAT_GCIE_ICH_VMCR_EL2Value.res0Mask, FEAT_GCIE_ICH_VMCR_EL2Value.res1Mask)
            let guest = FEAT_GCIE_ICH_VMCR_EL2Value(rawValue: UInt64.max)
            print(guest.respectsReservedBits, guest.sanitized().rawValue)
            print(value)
            print(ICH_VMCR_EL2Value.Fields().vpmr.shift)
            let pfr0 = ID_AA64PFR0_EL1Value(rawValue: 0).with(\\.advSIMD, .NI)
            print(pfr0.advSIMD, pfr0.advSIMD.signedValue, pfr0.advSIMD < .IMP, pfr0.advSIMD < .FP16, pfr0.csv2 < .CSV2_2)
            print(ID_AA64PFR0_EL1Value.AdvSIMD(rawValue: 0b0111), ID_AA64PFR0_EL1Value.AdvSIMD(rawValue: 0b0111) > .FP16)
            """, [])
        let vpmrMask = vpmr.mask
        #expect(
            output == [
                "\(vpmrMask | en.mask) \(vpmrMask >> UInt64(vpmr.lsb)) 1",
                "\(vpmr.lsb) \(vpmr.width)",
                "\(gcie.mask(of: .res0)) \(gcie.mask(of: .res1))",
                "false \(~gcie.mask(of: .res0) | gcie.mask(of: .res1))",
                "FEAT_GCIE_ICH_VMCR_EL2(VPMR: 0x\(String(vpmrMask >> UInt64(vpmr.lsb), radix: 16)), EN: 0x1)",
                "\(try bits(plain, "VPMR").lsb)",
                "NI \(signedNI) \(signedNI < 0) \(signedNI < Int64(fp16)) true",
                "0x7 true",
            ])
    }

    @Test("a shared layout's type, named by the registers outside the context that use it, compiled and run")
    func sharedLayoutType() throws {
        let output = try runAgainstRendered(
            FieldModelTests.sharedLayoutFile,
            """
            import SysRegRuntime
            import SysRegs

            print(SPSR_EL1Value.self == SPSR_ELxValue.self, SPSR_EL2Value.self == SPSR_ELxValue.self)
            let value = SPSR_EL2Value(rawValue: 0x3C5)
            print(value.m, value.sanitized().rawValue, value)
            print(SPSR_EL12Value.register, SPSR_EL12Value(rawValue: 0x3C5))
            """, [])
        // The layout's M is bits 3:0 and 63:4 are RES0 (the test's own layout).
        #expect(output == ["true true", "5 5 SPSR_ELx(M: 0x5)", "SPSR_EL12 SPSR_EL12(M: 0x5)"])
    }
}

/// A file that only describes registers, as the kernel's whole file imported with
/// `--standalone` does: no group, no register in the vcpu's context.
@Suite(
    "A file with no register in the context",
    .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
struct DescribedOnlyFileTests {
    /// `describedFile`'s registers that have neither class nor group, alone in a file.
    static let yaml: String = {
        let described = describedFile.components(separatedBy: "  - name: ID_AA64PFR0_EL1\n")[1]
        return "version: 1\ngroups: []\nregisters:\n  - name: ID_AA64PFR0_EL1\n" + described
    }()

    @Test(
        "its Swift set builds without a warning: the context's enums are empty, the table and field types are there")
    func buildsWithEmptyContext() throws {
        let file = try validate(Self.yaml)
        #expect(file.registers.isEmpty && !file.descriptions.isEmpty)
        let output = try runAgainstRendered(
            Self.yaml,
            """
            import SysRegRuntime
            import SysRegs
            print(SysReg.allCases.count, SysRegGroup.allCases.count, AArch32SysReg.allCases.count)
            print(SystemRegister.allCases.map(\\.description).joined(separator: " "))
            print(SystemRegister(encoding: .HCR_EL2).map(\\.description) ?? "none")
            print(CPUContext<SysReg>().snapshot.count)
            """, [])
        #expect(output.first == "0 0 0")
        #expect(output.dropFirst().first == file.descriptions.map(\.name.value).joined(separator: " "))
        #expect(output.dropFirst(2).first == "HCR_EL2")
        #expect(output.last == "0")
    }
}
