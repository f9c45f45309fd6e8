import SysRegRuntime
import SysRegs
import Testing

/// Each group in file order, named by the encoding it is switched through under VHE (EL12 aliases
/// for redirected registers; MPIDR_EL1 through VMPIDR_EL2, as the kernel's
/// __sysreg_save_el1_state) and without VHE (own encodings), from the architecture: see
/// ``switchedName(of:vhe:)``. Only the el1 group has aliases in the shipped file.
let el1VHE = switchedNames(.el1, vhe: true)
let el1NVHE = switchedNames(.el1, vhe: false)
let user = switchedNames(.user, vhe: true)
let common = switchedNames(.common, vhe: true)
let el2Return = switchedNames(.el2Return, vhe: true)
let aarch32 = switchedNames(.aarch32, vhe: true)
let fpexc32 = switchedNames(.fpexc32, vhe: true)

/// The seed patch's el1 group, pinned on purpose: added registers may come between, these stay.
let seedEL1VHE = [
    "CSSELR_EL1", "SCTLR_EL12", "ACTLR_EL1", "CPACR_EL12", "TTBR0_EL12", "TTBR1_EL12", "TCR_EL12", "ESR_EL12",
    "AFSR0_EL12", "AFSR1_EL12", "FAR_EL12", "MAIR_EL12", "VBAR_EL12", "CONTEXTIDR_EL12", "TPIDR_EL1", "AMAIR_EL12",
    "CNTKCTL_EL12", "PAR_EL1", "VMPIDR_EL2", "SP_EL1", "ELR_EL12", "SPSR_EL12",
]

func reads(_ names: [String]) -> [String] { names.map { "MRS " + $0 } }
func writes(_ names: [String]) -> [String] { names.map { "MSR " + $0 } }

@Suite("Generated load/put and entry/exit")
struct LoadPutTests {
    @Test("VHE load saves the host's user state, restores the guest's load/put groups, marks loaded")
    func vheLoad() {
        let cpu = RecordingCPU()
        var vcpu = VCPU<SysReg>()
        cpu.registers[armNames["TPIDR_EL0"]!] = 0x4057
        vcpu.context[.SCTLR_EL1] = 0x30D0_0800
        let loaded = vcpu.load(on: HostCPU(cpu, mode: .vhe))
        #expect(cpu.trace() == reads(user) + writes(el1VHE) + writes(user))
        let (isLoaded, mode) = (loaded.sysregsLoadedOnCPU, loaded.mode)
        #expect(isLoaded && mode == .vhe)
        #expect(loaded.hostContext[.TPIDR_EL0] == 0x4057)
        #expect(cpu.registers[armNames["SCTLR_EL12"]!] == 0x30D0_0800)
        #expect(cpu.registers[armNames["TPIDR_EL0"]!] == 0, "the guest's TPIDR_EL0 replaced the host's")
    }

    @Test("VHE load and put move the 32-bit group, through the registers' own encodings, only for an AArch32 EL1")
    func vheLoadPutAArch32() {
        for aarch32EL1 in [false, true] {
            let cpu = RecordingCPU()
            var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32EL1)
            vcpu.context[.DACR32_EL2] = 0x5555_5555
            let loaded = vcpu.load(on: HostCPU(cpu, mode: .vhe))
            #expect(cpu.trace() == reads(user) + writes(el1VHE) + writes(user) + writes(aarch32EL1 ? aarch32 : []))
            #expect(cpu.registers[armNames["DACR32_EL2"]!] == (aarch32EL1 ? 0x5555_5555 : nil))
            cpu.log = []
            _ = loaded.put()
            #expect(cpu.trace() == reads(el1VHE) + reads(user) + reads(aarch32EL1 ? aarch32 : []) + writes(user))
        }
    }

    @Test("VHE put saves the guest's load/put groups, restores the host's user state, gives back vcpu and CPU")
    func vhePut() {
        let cpu = RecordingCPU()
        cpu.registers[armNames["TPIDR_EL0"]!] = 0x4057
        let loaded = VCPU<SysReg>().load(on: HostCPU(cpu, mode: .vhe))
        cpu.registers[armNames["SCTLR_EL12"]!] = 0x1005
        cpu.registers[armNames["VMPIDR_EL2"]!] = 0x8000_0001
        cpu.log = []
        let unloaded = loaded.put()
        #expect(cpu.trace() == reads(el1VHE) + reads(user) + writes(user))
        let vcpu = unloaded.vcpu
        #expect(vcpu.context[.SCTLR_EL1] == 0x1005)
        #expect(vcpu.context[.MPIDR_EL1] == 0x8000_0001)
        #expect(cpu.registers[armNames["TPIDR_EL0"]!] == 0x4057, "host userspace gets its TPIDR_EL0 back")
        let host = unloaded.host
        #expect(host.mode == .vhe && host.cpu === cpu)
    }

    @Test("without VHE, load and put move nothing and the accessors use memory")
    func nvheLoadPut() {
        let cpu = RecordingCPU()
        let loaded = VCPU<SysReg>().load(on: HostCPU(cpu, mode: .nvhe))
        let (isLoaded, mode) = (loaded.sysregsLoadedOnCPU, loaded.mode)
        #expect(!isLoaded && mode == .nvhe)
        _ = loaded.put()
        #expect(cpu.log.isEmpty)
    }

    @Test("VHE entry and exit switch only the entry-exit groups; FPEXC32_EL2 only for an AArch32 EL1")
    func vheEntryExit() {
        for aarch32EL1 in [false, true] {
            let cpu = RecordingCPU()
            var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32EL1)
            vcpu.context[.ELR_EL2] = 0x8_0000
            var loaded = vcpu.load(on: HostCPU(cpu, mode: .vhe))
            cpu.log = []
            loaded.enterGuest()
            let guestGroups = common + el2Return + (aarch32EL1 ? fpexc32 : [])
            #expect(cpu.trace() == reads(common) + writes(guestGroups))
            #expect(cpu.registers[armNames["ELR_EL2"]!] == 0x8_0000)
            cpu.log = []
            cpu.registers[armNames["ELR_EL2"]!] = 0x8_0004
            loaded.exitGuest()
            #expect(cpu.trace() == reads(guestGroups) + writes(common))
            #expect(loaded.read(.ELR_EL2) == 0x8_0004)
        }
    }

    @Test("nVHE entry and exit switch every group, through the registers' own encodings")
    func nvheEntryExit() {
        let cpu = RecordingCPU()
        var loaded = VCPU<SysReg>(el1IsAArch32: true).load(on: HostCPU(cpu, mode: .nvhe))
        loaded.enterGuest()
        let hostGroups = el1NVHE + common + user + el2Return
        #expect(cpu.trace() == reads(hostGroups) + writes(hostGroups + aarch32 + fpexc32))
        cpu.log = []
        loaded.exitGuest()
        #expect(cpu.trace() == reads(hostGroups + aarch32 + fpexc32) + writes(hostGroups))
    }

    @Test("a value written through the accessor while loaded reaches memory at put")
    func writeWhileLoadedThenPut() {
        let cpu = RecordingCPU()
        var loaded = VCPU<SysReg>().load(on: HostCPU(cpu, mode: .vhe))
        loaded.write(.TTBR0_EL1, 0x4000_0000)
        #expect(loaded.vcpu.context[.TTBR0_EL1] == 0)
        let vcpu = loaded.put().vcpu
        #expect(vcpu.context[.TTBR0_EL1] == 0x4000_0000)
        #expect(vcpu.read(.TTBR0_EL1) == 0x4000_0000)
    }

    @Test("a CPU given back by put takes the next vcpu, and the host's state survives both")
    func reloadOnTheSameCPU() {
        let cpu = RecordingCPU()
        cpu.registers[armNames["TPIDR_EL0"]!] = 0x4057
        var first = VCPU<SysReg>()
        first.write(.TPIDR_EL0, 1)
        var second = VCPU<SysReg>()
        second.write(.TPIDR_EL0, 2)
        let unloaded = first.load(on: HostCPU(cpu, mode: .vhe)).put()
        let host = unloaded.host
        let loaded = second.load(on: host)
        #expect(loaded.read(.TPIDR_EL0) == 2)
        #expect(loaded.hostContext[.TPIDR_EL0] == 0x4057)
        _ = loaded.put()
        #expect(cpu.registers[armNames["TPIDR_EL0"]!] == 0x4057)
    }

    @Test("the seed's groups keep their registers, in order, through the seed's encodings")
    func seedGroups() {
        #expect(el1VHE.containsInOrder(seedEL1VHE))
        #expect(user.containsInOrder(["TPIDR_EL0", "TPIDRRO_EL0"]))
        #expect(common.containsInOrder(["MDSCR_EL1", "SP_EL0"]))
        #expect(el2Return.containsInOrder(["ELR_EL2", "SPSR_EL2"]))
        #expect(aarch32.containsInOrder(["DACR32_EL2", "IFSR32_EL2", "DBGVCR32_EL2"]))
        #expect(fpexc32 == ["FPEXC32_EL2"])
    }
}
