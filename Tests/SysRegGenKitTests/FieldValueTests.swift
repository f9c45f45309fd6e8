import Foundation
import TestSupport
import Testing

@testable import SysRegGenKit

/// Builds the runtime and the checked-in generated module with the toolchain's swiftc, links
/// `main` against them and runs it with `arguments`; its standard output, one value a line.
func runAgainstGenerated(_ main: String, _ arguments: [String]) throws -> [String] {
    try withTemporaryFolder { folder in
        let build = try buildGenerated(packageRoot.appendingPathComponent("Generated").path, in: folder)
        try write(main, to: folder + "/main.swift")
        try build.program("main", sources: [folder + "/main.swift"], libraries: ["SysRegs", "SysRegRuntime"])
        let run = try runProcess(folder + "/main", arguments)
        try #require(run.status == 0, "\(run.errors)")
        return run.output.split(separator: "\n").map(String.init)
    }
}

@Suite("Generated field types")
struct FieldValueTests {
    @Test("a guest's SCTLR_EL1 write is sanitised with its RES0/RES1 masks; fields, builders and enums work")
    func sanitisedWrite() throws {
        // The masks and the TCF field come from the model of the shipped registers.yaml (its
        // fields are the kernel's arch/arm64/tools/sysreg's), not from the generated code.
        let file = try validate(try contents(of: packagePath("registers.yaml")))
        let sctlr = try #require(file.registers.first { $0.name.value == "SCTLR_EL1" }?.fields?.layout)
        let res0 = sctlr.mask(of: .res0)
        let res1 = sctlr.mask(of: .res1)
        #expect(res0 != 0, "the kernel's SCTLR_EL1 has RES0 bits")
        let tcf = try #require(sctlr.fields.first { $0.name?.value == "TCF" })
        let m = try #require(sctlr.fields.first { $0.name?.value == "M" })
        let guestWrite: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
        let output = try runAgainstGenerated(
            """
            import SysRegRuntime
            import SysRegs

            var vcpu = VCPU<SysReg>()
            let write = SCTLR_EL1Value(rawValue: UInt64(CommandLine.arguments[1])!)
            print(write.respectsReservedBits)
            vcpu.write(write.sanitized())
            let stored = vcpu.read(SCTLR_EL1Value.self)
            print(stored.rawValue)
            print(stored.respectsReservedBits)
            let changed = SCTLR_EL1Value(rawValue: 0).with(\\.tcf, .ASYNC).with(\\.m, 1)
            print(changed.rawValue)
            print(changed.tcf, changed.m)
            print(SCTLR_EL1Value.TCF.ASYMM > .SYNC)
            print(SCTLR_EL1Value.TCF(rawValue: 0b11).rawValue)
            print(SCTLR_EL1Value.Fields().tcf.field.mask)
            var edited = changed
            edited.tcf = SCTLR_EL1Value.TCF(rawValue: 0b11)
            edited[SCTLR_EL1Value.Fields().m] = 0
            print(edited.rawValue, edited.tcf, edited == changed, Set([edited, changed, edited]).count)
            // TCF0 has TCF's values: its enum of names is TCF's, its constants and names the same.
            print(SCTLR_EL1Value.TCF0Values.self == SCTLR_EL1Value.TCFValues.self, changed.with(\\.tcf0, .ASYNC).tcf0)
            """, ["\(guestWrite)"])
        let async = tcf.values.first { $0.name.value == "ASYNC" }?.value ?? 0
        #expect(
            output == [
                "\(res0 == 0 && res1 == 0)",
                "\((guestWrite & ~res0) | res1)",
                "true",
                "\((async << UInt64(tcf.bits.value.lsb)) | (1 << UInt64(m.bits.value.lsb)))",
                "ASYNC 1",
                "true",
                "3",
                "\(tcf.bits.value.mask)",
                "\(tcf.bits.value.mask) ASYMM false 2",
                "true ASYNC",
            ])
    }
}
