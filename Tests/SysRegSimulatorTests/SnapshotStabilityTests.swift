import SysRegRuntime
import SysRegs
import Testing

/// A snapshot outlives the register file it was taken with: adding a register renumbers every
/// `SysReg` case after it, but the snapshot is keyed by KVM one-reg id, so a build from the grown
/// file restores every value to the register it belonged to.
@Suite struct SnapshotStabilityTests {
    /// TPIDR2_EL0 (`S3_3_C13_C0_5`, Arm ARM; the kernel's `SYS_TPIDR2_EL0` in
    /// arch/arm64/tools/sysreg), which the shipped file does not have, added first so that every
    /// other register moves up one place.
    static let addedRegister = MutatedBuild.Edit(
        summary: "TPIDR2_EL0 added before CSSELR_EL1",
        find: "registers:\n  - name: CSSELR_EL1\n",
        replacement: """
            registers:
              - name: TPIDR2_EL0
                encoding: S3_3_C13_C0_5
                class: immediate
                group: user
                doc: EL0 Read/Write Software Thread ID Register 2
              - name: CSSELR_EL1

            """)

    @Test func aSnapshotTakenBeforeARegisterIsAddedRestoresAfter() throws {
        #expect(SysReg(kvmOneRegID: SystemRegisterEncoding(op0: 3, op1: 3, crn: 13, crm: 0, op2: 5).kvmOneRegID) == nil)
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases { context[register] = 0x5AFE_0000 + UInt64(register.index) }
        let hexText = context.snapshot.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()

        let build = try MutatedBuild([Self.addedRegister])
        defer { build.remove() }
        let outcome = try build.run("snapshot", hexText)
        #expect(outcome.status == 0, "\(outcome.output)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        // The new build lists the added register first, so every old register's position moved.
        #expect(lines.first == "TPIDR2_EL0 = 0x0")
        #expect(lines.count == SysReg.allCases.count + 1)
        for register in SysReg.allCases {
            #expect(lines.contains("\(register) = \(hex(0x5AFE_0000 + UInt64(register.index)))"), "\(register)")
        }
    }
}
