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
        let initial = Self.vcpu(0).context
        let hostTPIDR = cpu[.TPIDR_EL0]
        let hostSCTLR = cpu[.SCTLR_EL2]
        var vcpu = Self.vcpu(0).load(on: HostCPU(cpu, mode: .vhe))
        let (isLoaded, hostContext) = (vcpu.sysregsLoadedOnCPU, vcpu.hostContext)
        #expect(isLoaded)
        #expect(cpu[.SCTLR_EL1] == initial[.SCTLR_EL1])
        #expect(cpu[.TPIDR_EL0] == initial[.TPIDR_EL0])
        #expect(cpu[.VMPIDR_EL2] == initial[.MPIDR_EL1])
        #expect(cpu[.SCTLR_EL2] == hostSCTLR)
        #expect(hostContext[.TPIDR_EL0] == hostTPIDR)

        vcpu.enterGuest()
        cpu.write(.SCTLR_EL1, 0x5C71, in: .el1)
        cpu.write(.TPIDR_EL0, 0x7D, in: .el1)
        vcpu.exitGuest()
        // Deferred: still on the CPU after exit, so the accessor reads it there, memory is stale.
        let (live, inMemory) = (vcpu.read(.SCTLR_EL1), vcpu.vcpu.context[.SCTLR_EL1])
        #expect(live == 0x5C71)
        #expect(inMemory != 0x5C71)

        let put = vcpu.put().vcpu
        #expect(put.context[.SCTLR_EL1] == 0x5C71)
        #expect(put.context[.TPIDR_EL0] == 0x7D)
        #expect(cpu[.TPIDR_EL0] == hostTPIDR)
        #expect(cpu[.SCTLR_EL2] == hostSCTLR)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    @Test func nvheSwitchesEverythingOnEntryAndExitAndAccessorsUseMemory() {
        let cpu = Self.cpus(.nvhe)[0]
        let initial = Self.vcpu(0).context
        let hostSCTLR = cpu[.SCTLR_EL1]
        var vcpu = Self.vcpu(0).load(on: HostCPU(cpu, mode: .nvhe))
        let isLoaded = vcpu.sysregsLoadedOnCPU
        #expect(cpu.record.isEmpty)
        #expect(!isLoaded)

        vcpu.enterGuest()
        #expect(cpu[.SCTLR_EL1] == initial[.SCTLR_EL1])
        cpu.write(.SCTLR_EL1, 0x5C71, in: .el1)
        vcpu.exitGuest()
        let inMemory = vcpu.vcpu.context[.SCTLR_EL1]
        #expect(inMemory == 0x5C71)
        #expect(cpu[.SCTLR_EL1] == hostSCTLR)

        cpu.clearRecord()
        let read = vcpu.read(.SCTLR_EL1)
        #expect(read == 0x5C71)
        vcpu.write(.TPIDR_EL0, 1)
        let put = vcpu.put().vcpu
        #expect(cpu.record.isEmpty)
        #expect(put.context[.TPIDR_EL0] == 1)
        #expect(cpu.undefinedAccesses.isEmpty)
    }

    /// A vcpu put on CPU 0 and loaded on CPU 1 brings its values along; a second vcpu then runs
    /// on CPU 0 with its own values, and CPU 0's host userspace value survives both.
    @Test(arguments: HostMode.allCases)
    func migrationAndASecondVCPUOnTheSameCPU(mode: HostMode) {
        let cpus = Self.cpus(mode)
        let userspace0 = cpus[0][.TPIDR_EL0]

        var first = Self.vcpu(0).load(on: HostCPU(cpus[0], mode: mode))
        first.enterGuest()
        cpus[0].write(.TTBR0_EL1, 0xAAAA, in: .el1)
        first.exitGuest()
        let unloaded = first.put()
        #expect(cpus[0][.TPIDR_EL0] == userspace0)

        var migrated = unloaded.vcpu.load(on: HostCPU(cpus[1], mode: mode))
        migrated.enterGuest()
        #expect(cpus[1].read(.TTBR0_EL1, in: .el1) == 0xAAAA)
        migrated.exitGuest()

        var second = Self.vcpu(1).load(on: unloaded.host)
        second.enterGuest()
        #expect(cpus[0].read(.TTBR0_EL1, in: .el1) == Self.vcpu(1).context[.TTBR0_EL1])
        #expect(cpus[0].read(.MPIDR_EL1, in: .el1) == Self.vcpu(1).context[.MPIDR_EL1])
        second.exitGuest()
        _ = second.put()
        #expect(cpus[0].read(.TPIDR_EL0, in: .el0) == userspace0)
        let migratedTTBR0 = migrated.read(.TTBR0_EL1)
        #expect(migratedTTBR0 == 0xAAAA)
        #expect(cpus.allSatisfy { $0.undefinedAccesses.isEmpty })
    }
}
