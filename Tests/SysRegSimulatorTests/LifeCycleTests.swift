import SysRegRuntime
import SysRegSimulator
import SysRegs
import Testing

/// The vcpu life cycle driven by the generated routines on simulated CPUs, value by value.
@Suite struct LifeCycleTests {
    /// CPUs whose every register holds `0xC0DE_0000 + cpu * 0x100 + register`, so each value
    /// says where it came from.
    static func cpus(_ mode: HostMode, count: Int = 2) -> [SimulatedCPU] {
        (0..<count).map { cpu in SimulatedCPU(mode: mode) { 0xC0DE_0000 + UInt64(cpu) * 0x100 + UInt64($0.rawValue) } }
    }

    /// A vcpu whose every register holds `0x6E57_0000 + vcpu * 0x100 + register index`.
    static func vcpu(_ number: Int) -> VCPU<SysReg> {
        var vcpu = VCPU<SysReg>()
        for register in SysReg.allCases {
            vcpu.context[register] = 0x6E57_0000 + UInt64(number) * 0x100 + UInt64(register.index)
        }
        return vcpu
    }

    @Test func vheLoadPutsDeferredStateOnTheCPUAndPutTakesItBack() {
        let cpu = Self.cpus(.vhe)[0]
        var host = CPUContext<SysReg>()
        var vcpu = Self.vcpu(0)
        let hostTPIDR = cpu[.TPIDR_EL0]
        let hostSCTLR = cpu[.SCTLR_EL2]
        vcpu.load(on: cpu, host: &host, mode: .vhe)
        #expect(vcpu.sysregsLoadedOnCPU)
        #expect(cpu[.SCTLR_EL1] == vcpu.context[.SCTLR_EL1])
        #expect(cpu[.TPIDR_EL0] == vcpu.context[.TPIDR_EL0])
        #expect(cpu[.VMPIDR_EL2] == vcpu.context[.MPIDR_EL1])
        #expect(cpu[.SCTLR_EL2] == hostSCTLR)
        #expect(host[.TPIDR_EL0] == hostTPIDR)

        vcpu.enterGuest(on: cpu, host: &host, mode: .vhe)
        cpu.write(.SCTLR_EL1, 0x5C71, in: .el1)
        cpu.write(.TPIDR_EL0, 0x7D, in: .el1)
        vcpu.exitGuest(on: cpu, host: &host, mode: .vhe)
        // Deferred: still on the CPU after exit, so the accessor reads it there, memory is stale.
        #expect(vcpu.read(.SCTLR_EL1, on: cpu) == 0x5C71)
        #expect(vcpu.context[.SCTLR_EL1] != 0x5C71)

        vcpu.put(on: cpu, host: &host, mode: .vhe)
        #expect(!vcpu.sysregsLoadedOnCPU)
        #expect(vcpu.context[.SCTLR_EL1] == 0x5C71)
        #expect(vcpu.context[.TPIDR_EL0] == 0x7D)
        #expect(cpu[.TPIDR_EL0] == hostTPIDR)
        #expect(cpu[.SCTLR_EL2] == hostSCTLR)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    @Test func nvheSwitchesEverythingOnEntryAndExitAndAccessorsUseMemory() {
        let cpu = Self.cpus(.nvhe)[0]
        var host = CPUContext<SysReg>()
        var vcpu = Self.vcpu(0)
        let hostSCTLR = cpu[.SCTLR_EL1]
        vcpu.load(on: cpu, host: &host, mode: .nvhe)
        #expect(cpu.record.isEmpty)
        #expect(!vcpu.sysregsLoadedOnCPU)

        vcpu.enterGuest(on: cpu, host: &host, mode: .nvhe)
        #expect(cpu[.SCTLR_EL1] == vcpu.context[.SCTLR_EL1])
        cpu.write(.SCTLR_EL1, 0x5C71, in: .el1)
        vcpu.exitGuest(on: cpu, host: &host, mode: .nvhe)
        #expect(vcpu.context[.SCTLR_EL1] == 0x5C71)
        #expect(cpu[.SCTLR_EL1] == hostSCTLR)

        cpu.clearRecord()
        #expect(vcpu.read(.SCTLR_EL1, on: cpu) == 0x5C71)
        vcpu.write(.TPIDR_EL0, 1, on: cpu)
        vcpu.put(on: cpu, host: &host, mode: .nvhe)
        #expect(cpu.record.isEmpty)
        #expect(vcpu.context[.TPIDR_EL0] == 1)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    /// A vcpu put on CPU 0 and loaded on CPU 1 brings its values along; a second vcpu then runs
    /// on CPU 0 with its own values, and CPU 0's host userspace value survives both.
    @Test(arguments: HostMode.allCases)
    func migrationAndASecondVCPUOnTheSameCPU(mode: HostMode) {
        let cpus = Self.cpus(mode)
        var hosts = [CPUContext<SysReg>(), CPUContext<SysReg>()]
        var first = Self.vcpu(0)
        var second = Self.vcpu(1)
        let userspace0 = cpus[0][.TPIDR_EL0]

        first.load(on: cpus[0], host: &hosts[0], mode: mode)
        first.enterGuest(on: cpus[0], host: &hosts[0], mode: mode)
        cpus[0].write(.TTBR0_EL1, 0xAAAA, in: .el1)
        first.exitGuest(on: cpus[0], host: &hosts[0], mode: mode)
        first.put(on: cpus[0], host: &hosts[0], mode: mode)
        #expect(cpus[0][.TPIDR_EL0] == userspace0)

        first.load(on: cpus[1], host: &hosts[1], mode: mode)
        first.enterGuest(on: cpus[1], host: &hosts[1], mode: mode)
        #expect(cpus[1].read(.TTBR0_EL1, in: .el1) == 0xAAAA)
        first.exitGuest(on: cpus[1], host: &hosts[1], mode: mode)

        second.load(on: cpus[0], host: &hosts[0], mode: mode)
        second.enterGuest(on: cpus[0], host: &hosts[0], mode: mode)
        #expect(cpus[0].read(.TTBR0_EL1, in: .el1) == Self.vcpu(1).context[.TTBR0_EL1])
        #expect(cpus[0].read(.MPIDR_EL1, in: .el1) == Self.vcpu(1).context[.MPIDR_EL1])
        second.exitGuest(on: cpus[0], host: &hosts[0], mode: mode)
        second.put(on: cpus[0], host: &hosts[0], mode: mode)
        #expect(cpus[0].read(.TPIDR_EL0, in: .el0) == userspace0)
        #expect(first.read(.TTBR0_EL1, on: cpus[1]) == 0xAAAA)
        #expect(cpus.allSatisfy { $0.undefinedAccesses.isEmpty })
    }
}
