import SysRegRuntime
import SysRegSimulator
import SysRegs
import Testing

/// The simulated CPU's decode, checked against the Arm ARM's rules one context at a time.
@Suite struct DecodeTableTests {
    static let vheHost = ExecutionContext.el2(e2h: true)
    static let nvheHypervisor = ExecutionContext.el2(e2h: false)

    @Test func e2hRedirectsEL1EncodingsToEL2AndEL12AliasesToEL1() {
        let cpu = SimulatedCPU(mode: .vhe) { $0 == .SCTLR_EL1 ? 0x11 : $0 == .SCTLR_EL2 ? 0x22 : 0 }
        #expect(cpu.read(.SCTLR_EL1, in: Self.vheHost) == 0x22)
        #expect(cpu.read(.SCTLR_EL12, in: Self.vheHost) == 0x11)
        #expect(cpu.read(.SCTLR_EL1, in: Self.nvheHypervisor) == 0x11)
        #expect(cpu.read(.SCTLR_EL1, in: .el1) == 0x11)
        #expect(DecodeTable.reach(.CNTKCTL_EL1, in: Self.vheHost) == .readWrite(.CNTHCTL_EL2))
        #expect(DecodeTable.reach(.CPACR_EL1, in: Self.vheHost) == .readWrite(.CPTR_EL2))
        #expect(DecodeTable.reach(.TPIDR_EL1, in: Self.vheHost) == .readWrite(.TPIDR_EL1))
    }

    @Test func el12WithoutE2HIsUndefinedAndRecordedNotReadAsZero() {
        let cpu = SimulatedCPU(mode: .nvhe) { _ in 7 }
        #expect(cpu.read(.SCTLR_EL12, in: Self.nvheHypervisor) == nil)
        #expect(cpu.read(.SCTLR_EL12, in: .el1) == nil)
        cpu.write(.SCTLR_EL12, 5)
        #expect(cpu[.SCTLR_EL1] == 7)
        #expect(
            cpu.undefinedAccesses.map(\.description) == [
                "EL2 (E2H=0) MRS SCTLR_EL12 UNDEFINED", "EL1 MRS SCTLR_EL12 UNDEFINED",
                "EL2 (E2H=0) MSR SCTLR_EL12 UNDEFINED",
            ])
        #expect(cpu.record.count == 3)
    }

    @Test func unimplementedEncodingIsUndefinedEverywhere() {
        let encoding = SystemRegisterEncoding(op0: 3, op1: 0, crn: 15, crm: 15, op2: 7)
        for context in [ExecutionContext.el0, .el1, Self.nvheHypervisor, Self.vheHost] {
            #expect(DecodeTable.reach(encoding, in: context) == .undefined)
        }
    }

    @Test func el0ReadsBothThreadIDRegistersButWritesOnlyTPIDR() {
        let cpu = SimulatedCPU(mode: .vhe) { $0 == .TPIDRRO_EL0 ? 3 : 0 }
        #expect(cpu.write(.TPIDR_EL0, 9, in: .el0))
        #expect(!cpu.write(.TPIDRRO_EL0, 4, in: .el0))
        #expect(cpu.read(.TPIDR_EL0, in: .el0) == 9)
        #expect(cpu.read(.TPIDRRO_EL0, in: .el0) == 3)
        #expect(cpu.read(.SCTLR_EL1, in: .el0) == nil)
        #expect(cpu.write(.TPIDRRO_EL0, 4, in: Self.vheHost))
        #expect(cpu[.TPIDRRO_EL0] == 4)
    }

    @Test func guestMPIDRReadReturnsVMPIDRAndIsReadOnly() {
        let cpu = SimulatedCPU(mode: .vhe) { $0 == .MPIDR_EL1 ? 0x8000_0000 : $0 == .VMPIDR_EL2 ? 0x100 : 0 }
        #expect(cpu.read(.MPIDR_EL1, in: .el1) == 0x100)
        #expect(cpu.read(.MPIDR_EL1, in: Self.vheHost) == 0x8000_0000)
        #expect(!cpu.write(.MPIDR_EL1, 1, in: .el1))
        #expect(cpu.read(.VMPIDR_EL2, in: .el1) == nil)
    }

    /// Every physical register has a row named after it, and every `*_EL12`/`*_EL02` row is its
    /// register's encoding with op1 = 5.
    @Test func tableIsSelfConsistent() {
        for register in PhysicalRegister.allCases {
            #expect(DecodeTable.row(named: register.name)?.encoding == register.encoding)
        }
        for row in DecodeTable.rows where row.name.hasSuffix("_EL12") || row.name.hasSuffix("_EL02") {
            guard case .readWrite(let register) = row.reach(in: Self.vheHost) else {
                Issue.record("\(row.name) reaches nothing under E2H")
                continue
            }
            let own = register.encoding
            #expect(
                row.encoding == SystemRegisterEncoding(op0: own.op0, op1: 5, crn: own.crn, crm: own.crm, op2: own.op2))
        }
    }
}
