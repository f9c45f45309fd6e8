import SysRegRuntime
import SysRegs
import Testing

@Suite("Generated accessors")
struct AccessorTests {
    /// The seed patch's vcpu_read_sys_reg switch: each deferred register and the encoding it
    /// reads while loaded (sctlr_EL12 … or SYS_<NAME> for registers E2H does not redirect).
    /// ELR_EL1, SPSR_EL1 and SP_EL1 are deferred in the same series through their own helpers.
    static let loadedEncodings: [(SysReg, String)] = [
        (.CSSELR_EL1, "CSSELR_EL1"), (.SCTLR_EL1, "SCTLR_EL12"), (.ACTLR_EL1, "ACTLR_EL1"),
        (.CPACR_EL1, "CPACR_EL12"), (.TTBR0_EL1, "TTBR0_EL12"), (.TTBR1_EL1, "TTBR1_EL12"),
        (.TCR_EL1, "TCR_EL12"), (.ESR_EL1, "ESR_EL12"), (.AFSR0_EL1, "AFSR0_EL12"), (.AFSR1_EL1, "AFSR1_EL12"),
        (.FAR_EL1, "FAR_EL12"), (.MAIR_EL1, "MAIR_EL12"), (.VBAR_EL1, "VBAR_EL12"),
        (.CONTEXTIDR_EL1, "CONTEXTIDR_EL12"), (.TPIDR_EL0, "TPIDR_EL0"), (.TPIDRRO_EL0, "TPIDRRO_EL0"),
        (.TPIDR_EL1, "TPIDR_EL1"), (.AMAIR_EL1, "AMAIR_EL12"), (.CNTKCTL_EL1, "CNTKCTL_EL12"),
        (.PAR_EL1, "PAR_EL1"), (.SP_EL1, "SP_EL1"), (.ELR_EL1, "ELR_EL12"), (.SPSR_EL1, "SPSR_EL12"),
    ]

    /// Every deferred register of a group switched for any vcpu, with the encoding the
    /// architecture says it must be reached through while loaded; the seed's are the patch's.
    static let loadedOnCPU = SysReg.allCases.filter { $0.registerClass == .deferred && $0.group.condition == nil }
        .map { ($0, switchedName(of: $0, vhe: true)) }

    @Test("while loaded, each deferred register is read and written on the CPU through the patch's encoding")
    func loadedDeferred() {
        for (register, name) in Self.loadedEncodings {
            #expect(Self.loadedOnCPU.contains { $0 == (register, name) }, "the seed's \(register) through \(name)")
        }
        for (register, name) in Self.loadedOnCPU {
            let cpu = RecordingCPU()
            var vcpu = VCPU<SysReg>()
            vcpu.context[register] = 0xDEAD
            var loaded = vcpu.load(on: HostCPU(cpu, mode: .vhe))
            let isLoaded = loaded.sysregsLoadedOnCPU
            #expect(isLoaded)
            cpu.registers[armNames[name]!] = 0x1234
            cpu.log = []
            #expect(loaded.read(register) == 0x1234, "\(register)")
            loaded.write(register, 0x5678)
            #expect(cpu.trace() == ["MRS \(name)", "MSR \(name)"], "\(register)")
            #expect(cpu.log.last?.value == 0x5678)
            #expect(loaded.vcpu.context[register] == 0xDEAD, "memory copy untouched while loaded")
        }
    }

    /// The follow-up 32-bit patch's cases: on the CPU while loaded, for an AArch32 EL1 only.
    static let aarch32Only: [SysReg] = [.DACR32_EL2, .IFSR32_EL2, .DBGVCR32_EL2]

    @Test("while loaded, an AArch32 EL1's 32-bit-only registers are on the CPU through their own encodings")
    func loadedAArch32Only() {
        for register in Self.aarch32Only {
            let cpu = RecordingCPU()
            var loaded = VCPU<SysReg>(el1IsAArch32: true).load(on: HostCPU(cpu, mode: .vhe))
            cpu.registers[armNames["\(register)"]!] = 0x1234
            cpu.log = []
            #expect(loaded.read(register) == 0x1234, "\(register)")
            loaded.write(register, 0x5678)
            #expect(cpu.trace() == ["MRS \(register)", "MSR \(register)"], "\(register)")
            #expect(loaded.vcpu.context[register] == 0, "memory copy untouched while loaded")
        }
    }

    @Test(
        "every other register while loaded, every register when not loaded or loaded without VHE, and for an AArch64 EL1 the 32-bit-only ones, live in memory"
    )
    func memoryOtherwise() {
        let deferred = Set(Self.loadedOnCPU.map(\.0))
        #expect(
            Set(SysReg.allCases.filter { $0.registerClass == .deferred }).isSuperset(
                of: Set(Self.loadedEncodings.map(\.0)).union(Self.aarch32Only)))
        for register in SysReg.allCases {
            var vcpu = VCPU<SysReg>()
            vcpu.write(register, UInt64(register.index) + 100)
            #expect(vcpu.read(register) == UInt64(register.index) + 100)
            #expect(vcpu.context[register] == UInt64(register.index) + 100)
        }
        for mode in HostMode.allCases {
            for register in SysReg.allCases where mode == .nvhe || !deferred.contains(register) {
                let cpu = RecordingCPU()
                var loaded = VCPU<SysReg>().load(on: HostCPU(cpu, mode: mode))
                let isLoaded = loaded.sysregsLoadedOnCPU
                #expect(isLoaded == (mode == .vhe))
                cpu.log = []
                loaded.write(register, UInt64(register.index) + 100)
                #expect(loaded.read(register) == UInt64(register.index) + 100)
                #expect(loaded.vcpu.context[register] == UInt64(register.index) + 100)
                #expect(cpu.log.isEmpty, "\(register) touched the CPU")
            }
        }
    }

    @Test("the inline storage holds a word per register, and each register's write lands in its own word")
    func inlineStorage() {
        // What CPUContext's unchecked store relies on: every index is a word of the storage, in
        // order, in runs of 64 and 8 words: at most 7 words past the last register, which stay 0.
        let count = SysReg.allCases.count
        #expect(MemoryLayout<SysRegValues>.size >= count * 8)
        #expect(MemoryLayout<SysRegValues>.size <= (count + 7) * 8)
        #expect(SysReg.allCases.map(\.index) == Array(0..<count))
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases { context[register] = 0xA000 + UInt64(register.index) }
        let words = withUnsafeBytes(of: context) { Array($0.bindMemory(to: UInt64.self)) }
        #expect(Array(words.prefix(count)) == SysReg.allCases.map { 0xA000 + UInt64($0.index) })
        #expect(words.dropFirst(count).allSatisfy { $0 == 0 })
        #expect(SysReg.allCases.allSatisfy { context[$0] == 0xA000 + UInt64($0.index) })
    }

    @Test("the register table gives each register's encoding and EL12 alias")
    func table() {
        for register in SysReg.allCases {
            #expect(register.encoding == armNames["\(register)"], "\(register)")
            #expect(register.el12 == armNames["\(register)2"], "\(register)")
        }
        #expect(SysReg.MPIDR_EL1.registerClass == .immediate)
        #expect(SysReg.MPIDR_EL1.group == .el1)
        #expect(SysRegGroup.user.registers.starts(with: [.TPIDR_EL0, .TPIDRRO_EL0]))
        #expect(SysRegGroup.user.switched == .loadPut && SysRegGroup.user.sharedWithHost)
        #expect(SysRegGroup.aarch32.condition == .aarch32EL1)
    }
}
