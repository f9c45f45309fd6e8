import SysRegRuntime
import SysRegSimulator
import SysRegs
import Testing

/// A snapshot outlives the register file it was taken with: adding a register renumbers every
/// `SysReg` case after it, but the snapshot is keyed by KVM one-reg id, so a build from the grown
/// file restores every value to the register it belonged to.
@Suite struct SnapshotStabilityTests {
    /// A read/write EL0 register of LLVM's table that the register file does not have (TPIDR2_EL0
    /// for the shipped file), added first so that every other register moves up one place. Taken
    /// from the simulator's table, so the test still runs after a user adds that register.
    static let added: LLVMSystemRegister? = LLVMSystemRegisters.all.first { entry in
        guard let name = entry.readName, name == entry.writeName, name.hasSuffix("_EL0") else { return false }
        return SysReg(kvmOneRegID: entry.encoding.kvmOneRegID) == nil
            && !SysReg.allCases.contains { "\($0)" == name }
    }

    /// The edit that adds ``added`` before the file's first register.
    static func addition(of register: LLVMSystemRegister, named name: String) -> MutatedBuild.Edit {
        MutatedBuild.Edit(
            summary: "\(name) added before the first register",
            find: "\nregisters:\n",
            replacement: """

                registers:
                  - name: \(name)
                    encoding: \(register.encoding.genericName)
                    class: immediate
                    group: user

                """)
    }

    @Test func aSnapshotTakenBeforeARegisterIsAddedRestoresAfter() throws {
        let register = try #require(Self.added, "LLVM's table has an EL0 register the file does not have")
        let name = try #require(register.readName)
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases { context[register] = 0x5AFE_0000 + UInt64(register.index) }
        let hexText = context.snapshot.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()

        let build = try MutatedBuild([Self.addition(of: register, named: name)])
        defer { build.remove() }
        let outcome = try build.run("snapshot", hexText)
        #expect(outcome.status == 0, "\(outcome.output)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        // The new build lists the added register first, so every old register's position moved.
        #expect(lines.first == "\(name) = 0x0")
        #expect(lines.count == SysReg.allCases.count + 1)
        for register in SysReg.allCases {
            #expect(lines.contains("\(register) = \(hex(0x5AFE_0000 + UInt64(register.index)))"), "\(register)")
        }
    }
}
