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

    /// A check of the accessors, run on a vcpu in memory or loaded alike (a generic closure).
    protocol AccessorCheck {
        func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable, cpu: SimulatedCPU)
    }

    /// Runs `check` on a vcpu with an AArch32 EL1, loaded on a fresh CPU in `mode` or not.
    static func withVCPU(_ mode: HostMode, loaded: Bool, _ check: some AccessorCheck) {
        let cpu = SimulatedCPU(mode: mode)
        var vcpu = VCPU<SysReg>(el1IsAArch32: true)
        if loaded {
            var loadedVCPU = vcpu.load(on: HostCPU(cpu, mode: mode))
            check.run(&loadedVCPU, cpu: cpu)
            _ = loadedVCPU.put()
        } else {
            check.run(&vcpu, cpu: cpu)
        }
    }

    static let configurations = HostMode.allCases.flatMap { mode in [false, true].map { (mode, $0) } }

    /// Writes through the view with the instruction form of its width (MCRR for a 64-bit view,
    /// MCR otherwise), then reads the whole register and the view.
    struct WriteThroughTheView: AccessorCheck {
        var register: AArch32SysReg

        func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable, cpu: SimulatedCPU) {
            vcpu.write(register.aarch64, before)
            let value: UInt64 = register.part == .all ? 0xAAAA_BBBB_CCCC_DDDD : 0x5555_6666
            let written =
                register.part == .all
                ? vcpu.write(
                    register, low: UInt32(truncatingIfNeeded: value), high: UInt32(truncatingIfNeeded: value >> 32))
                : vcpu.write(register, UInt32(truncatingIfNeeded: value))
            let (whole, view) = (vcpu.read(register.aarch64), vcpu.read(register))
            #expect(written, "\(register)")
            #expect(whole == expected(register.part, value), "\(register)")
            #expect(view == value, "\(register)")
            #expect(cpu.undefinedAccesses.isEmpty)
        }
    }

    @Test(arguments: configurations)
    func writesThroughAViewAreSeenThroughTheRegister(mode: HostMode, loaded: Bool) {
        for register in AArch32SysReg.allCases {
            Self.withVCPU(mode, loaded: loaded, WriteThroughTheView(register: register))
        }
    }

    /// Writes the whole register, then reads the view.
    struct WriteThroughTheRegister: AccessorCheck {
        var register: AArch32SysReg

        func run(_ vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable, cpu: SimulatedCPU) {
            vcpu.write(register.aarch64, before)
            let seen: UInt64 =
                switch register.part {
                case .low: 0x3333_4444
                case .high: 0x1111_2222
                case .all: before
                }
            let view = vcpu.read(register)
            #expect(view == seen, "\(register)")
        }
    }

    @Test(arguments: configurations)
    func writesThroughTheRegisterAreSeenThroughEachView(mode: HostMode, loaded: Bool) {
        for register in AArch32SysReg.allCases {
            Self.withVCPU(mode, loaded: loaded, WriteThroughTheRegister(register: register))
        }
    }

    /// While loaded on VHE the value is on the CPU: a 32-bit write reaches the register through
    /// the EL12 alias (or its own encoding), reading the other half first; nothing in memory.
    @Test func loadedVHEWriteOfAHalfIsAReadModifyWriteOnTheCPU() {
        let cpu = SimulatedCPU(mode: .vhe)
        var vcpu = VCPU<SysReg>(el1IsAArch32: true).load(on: HostCPU(cpu, mode: .vhe))
        cpu[.FAR_EL1] = Self.before
        cpu.clearRecord()
        vcpu.write(.IFAR, 0x0BAD_F00D)
        #expect(cpu[.FAR_EL1] == 0x0BAD_F00D_3333_4444)
        #expect(
            cpu.record.map(\.description) == [
                "EL2 (E2H=1) MRS FAR_EL12 -> FAR_EL1 = 0x1111222233334444",
                "EL2 (E2H=1) MSR FAR_EL12 -> FAR_EL1 = 0xbadf00d33334444",
            ])
        let inMemory = vcpu.vcpu.context[.FAR_EL1]
        #expect(inMemory == 0)
        cpu.clearRecord()
        vcpu.write(.TTBR0_64, low: 0x89AB_CDEF, high: 0x0123_4567)
        #expect(cpu.record.map(\.description) == ["EL2 (E2H=1) MSR TTBR0_EL12 -> TTBR0_EL1 = 0x123456789abcdef"])
    }

    /// The guest's MCR of one half, seen by the hypervisor through the 64-bit and 32-bit
    /// accessors after exit (VHE: still on the CPU; nVHE: saved to memory), the other half kept.
    @Test(arguments: HostMode.allCases)
    func guestMCRIsSeenByTheAccessors(mode: HostMode) {
        let cpu = SimulatedCPU(mode: mode)
        var unloaded = VCPU<SysReg>(el1IsAArch32: true)
        unloaded.context[.MAIR_EL1] = Self.before
        unloaded.context[.DACR32_EL2] = 0x5555_5555
        var vcpu = unloaded.load(on: HostCPU(cpu, mode: mode))
        vcpu.enterGuest()
        #expect(cpu.read(.register32(coproc: 15, opc1: 0, crn: 10, crm: 2, opc2: 1), in: .el1) == 0x1111_2222)
        #expect(cpu.read(.register32(coproc: 15, opc1: 0, crn: 3, crm: 0, opc2: 0), in: .el1) == 0x5555_5555)
        cpu.write(.register32(coproc: 15, opc1: 0, crn: 10, crm: 2, opc2: 0), 0xFF44_0400, in: .el1)  // PRRR
        cpu.write(.register32(coproc: 15, opc1: 0, crn: 3, crm: 0, opc2: 0), 0x0000_0001, in: .el1)  // DACR
        vcpu.exitGuest()
        let seen = [vcpu.read(.MAIR_EL1), vcpu.read(.PRRR), vcpu.read(.NMRR), vcpu.read(.DACR)]
        #expect(seen == [0x1111_2222_FF44_0400, 0xFF44_0400, 0x1111_2222, 1])
        let put = vcpu.put().vcpu
        #expect(put.context[.MAIR_EL1] == 0x1111_2222_FF44_0400)
        #expect(put.context[.DACR32_EL2] == 1)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    /// DACR32_EL2, IFSR32_EL2 and DBGVCR32_EL2 move at load and put on VHE, only for an AArch32
    /// EL1; FPEXC32_EL2 on every entry and exit, also only for an AArch32 EL1.
    @Test(arguments: [false, true])
    func aarch32StateMovesOnlyForAnAArch32EL1(aarch32: Bool) {
        let cpu = SimulatedCPU(mode: .vhe)
        let touched = { Set(cpu.record.compactMap(\.register).filter { $0.name.contains("32_EL2") }.map(\.name)) }
        var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32).load(on: HostCPU(cpu, mode: .vhe))
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"] : []))
        cpu.clearRecord()
        vcpu.enterGuest()
        vcpu.exitGuest()
        #expect(touched() == (aarch32 ? ["FPEXC32_EL2"] : []))
        cpu.clearRecord()
        _ = vcpu.read(.DACR)
        vcpu.write(.IFSR32_EL2, 0x8)
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2"] : []))
        let inMemory = vcpu.vcpu.context[.IFSR32_EL2]
        #expect(inMemory == (aarch32 ? 0 : 0x8))
        cpu.clearRecord()
        let put = vcpu.put().vcpu
        #expect(touched() == (aarch32 ? ["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"] : []))
        #expect(put.context[.IFSR32_EL2] == 0x8)
    }
}
