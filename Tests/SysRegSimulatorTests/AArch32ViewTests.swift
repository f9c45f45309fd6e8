import SysRegRuntime
import SysRegSimulator
import SysRegs
import Testing

/// The generated 32-bit accessors on the simulated CPU: each AArch32 register is its part of a
/// 64-bit register, whether the vcpu is loaded or not, on VHE and nVHE.
@Suite struct AArch32ViewTests {
    /// A 64-bit value whose halves differ from any 32-bit value written here.
    static let before: UInt64 = 0x1111_2222_3333_4444

    /// `before` with `part` replaced by `value`, spelled out per part.
    static func expected(_ part: RegisterPart, _ value: UInt64) -> UInt64 {
        switch part {
        case .low: 0x1111_2222_0000_0000 | value
        case .high: value << 32 | 0x3333_4444
        case .all: value
        }
    }

    /// A vcpu with an AArch32 EL1, loaded or not on a fresh CPU in `mode`.
    static func setUp(_ mode: HostMode, loaded: Bool) -> (SimulatedCPU, VCPU<SysReg>) {
        let cpu = SimulatedCPU(mode: mode)
        var host = CPUContext<SysReg>()
        var vcpu = VCPU<SysReg>(el1IsAArch32: true)
        if loaded { vcpu.load(on: cpu, host: &host, mode: mode) }
        return (cpu, vcpu)
    }

    static let configurations = HostMode.allCases.flatMap { mode in [false, true].map { (mode, $0) } }

    @Test(arguments: configurations)
    func writesThroughAViewAreSeenThroughTheRegister(mode: HostMode, loaded: Bool) {
        for register in AArch32SysReg.allCases {
            let (cpu, initial) = Self.setUp(mode, loaded: loaded)
            var vcpu = initial
            vcpu.write(register.aarch64, Self.before, on: cpu)
            let value: UInt64 = register.part == .all ? 0xAAAA_BBBB_CCCC_DDDD : 0x5555_6666
            vcpu.write(register, value, on: cpu)
            #expect(vcpu.read(register.aarch64, on: cpu) == Self.expected(register.part, value), "\(register)")
            #expect(vcpu.read(register, on: cpu) == value, "\(register)")
            #expect(cpu.undefinedAccesses.isEmpty)
        }
    }

    @Test(arguments: configurations)
    func writesThroughTheRegisterAreSeenThroughEachView(mode: HostMode, loaded: Bool) {
        for register in AArch32SysReg.allCases {
            let (cpu, initial) = Self.setUp(mode, loaded: loaded)
            var vcpu = initial
            vcpu.write(register.aarch64, Self.before, on: cpu)
            let seen: UInt64 =
                switch register.part {
                case .low: 0x3333_4444
                case .high: 0x1111_2222
                case .all: Self.before
                }
            #expect(vcpu.read(register, on: cpu) == seen, "\(register)")
        }
    }

    /// While loaded on VHE the value is on the CPU: a 32-bit write reaches the register through
    /// the EL12 alias (or its own encoding), reading the other half first; nothing in memory.
    @Test func loadedVHEWriteOfAHalfIsAReadModifyWriteOnTheCPU() {
        let (cpu, initial) = Self.setUp(.vhe, loaded: true)
        var vcpu = initial
        cpu[.FAR_EL1] = Self.before
        cpu.clearRecord()
        vcpu.write(.IFAR, 0x0BAD_F00D, on: cpu)
        #expect(cpu[.FAR_EL1] == 0x0BAD_F00D_3333_4444)
        #expect(
            cpu.record.map(\.description) == [
                "EL2 (E2H=1) MRS FAR_EL12 -> FAR_EL1 = 0x1111222233334444",
                "EL2 (E2H=1) MSR FAR_EL12 -> FAR_EL1 = 0xbadf00d33334444",
            ])
        #expect(vcpu.context[.FAR_EL1] == 0)
        cpu.clearRecord()
        vcpu.write(.TTBR0_64, 0x0123_4567_89AB_CDEF, on: cpu)
        #expect(cpu.record.map(\.description) == ["EL2 (E2H=1) MSR TTBR0_EL12 -> TTBR0_EL1 = 0x123456789abcdef"])
    }

    /// The guest's MCR of one half, seen by the hypervisor through the 64-bit and 32-bit
    /// accessors after exit (VHE: still on the CPU; nVHE: saved to memory), the other half kept.
    @Test(arguments: HostMode.allCases)
    func guestMCRIsSeenByTheAccessors(mode: HostMode) {
        let cpu = SimulatedCPU(mode: mode)
        var host = CPUContext<SysReg>()
        var vcpu = VCPU<SysReg>(el1IsAArch32: true)
        vcpu.context[.MAIR_EL1] = Self.before
        vcpu.context[.DACR32_EL2] = 0x5555_5555
        vcpu.load(on: cpu, host: &host, mode: mode)
        vcpu.enterGuest(on: cpu, host: &host, mode: mode)
        #expect(cpu.read(.register32(coproc: 15, opc1: 0, crn: 10, crm: 2, opc2: 1), in: .el1) == 0x1111_2222)
        #expect(cpu.read(.register32(coproc: 15, opc1: 0, crn: 3, crm: 0, opc2: 0), in: .el1) == 0x5555_5555)
        cpu.write(.register32(coproc: 15, opc1: 0, crn: 10, crm: 2, opc2: 0), 0xFF44_0400, in: .el1)  // PRRR
        cpu.write(.register32(coproc: 15, opc1: 0, crn: 3, crm: 0, opc2: 0), 0x0000_0001, in: .el1)  // DACR
        vcpu.exitGuest(on: cpu, host: &host, mode: mode)
        #expect(vcpu.read(.MAIR_EL1, on: cpu) == 0x1111_2222_FF44_0400)
        #expect(vcpu.read(.PRRR, on: cpu) == 0xFF44_0400)
        #expect(vcpu.read(.NMRR, on: cpu) == 0x1111_2222)
        #expect(vcpu.read(.DACR, on: cpu) == 1)
        vcpu.put(on: cpu, host: &host, mode: mode)
        #expect(vcpu.context[.MAIR_EL1] == 0x1111_2222_FF44_0400)
        #expect(vcpu.context[.DACR32_EL2] == 1)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    /// DACR32_EL2, IFSR32_EL2 and DBGVCR32_EL2 move at load and put on VHE, only for an AArch32
    /// EL1; FPEXC32_EL2 on every entry and exit, also only for an AArch32 EL1.
    @Test(arguments: [false, true])
    func aarch32StateMovesOnlyForAnAArch32EL1(aarch32: Bool) {
        let cpu = SimulatedCPU(mode: .vhe)
        var host = CPUContext<SysReg>()
        var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32)
        let touched = { Set(cpu.record.compactMap(\.register).filter { $0.name.contains("32_EL2") }.map(\.name)) }
        vcpu.load(on: cpu, host: &host, mode: .vhe)
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"] : []))
        cpu.clearRecord()
        vcpu.enterGuest(on: cpu, host: &host, mode: .vhe)
        vcpu.exitGuest(on: cpu, host: &host, mode: .vhe)
        #expect(touched() == (aarch32 ? ["FPEXC32_EL2"] : []))
        cpu.clearRecord()
        _ = vcpu.read(.DACR, on: cpu)
        vcpu.write(.IFSR32_EL2, 0x8, on: cpu)
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2"] : []))
        #expect(vcpu.context[.IFSR32_EL2] == (aarch32 ? 0 : 0x8))
        cpu.clearRecord()
        vcpu.put(on: cpu, host: &host, mode: .vhe)
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"] : []))
        #expect(vcpu.context[.IFSR32_EL2] == 0x8)
    }
}
