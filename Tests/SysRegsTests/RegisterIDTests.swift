import SysRegRuntime
import SysRegs
import Testing

@Suite("KVM and Hypervisor.framework register ids")
struct RegisterIDTests {
    /// `hv_sys_reg_t` values quoted from Apple's `<Hypervisor/hv_vcpu_types.h>`
    /// (`HV_SYS_REG_SCTLR_EL1 = 0xc080`, …).
    static let hypervisorFramework: [(SysReg, UInt16)] = [
        (.SCTLR_EL1, 0xC080), (.CPACR_EL1, 0xC082), (.TTBR0_EL1, 0xC100), (.TTBR1_EL1, 0xC101),
        (.TCR_EL1, 0xC102), (.MAIR_EL1, 0xC510), (.VBAR_EL1, 0xC600), (.PAR_EL1, 0xC3A0),
        (.MPIDR_EL1, 0xC005), (.MDSCR_EL1, 0x8012), (.SPSR_EL1, 0xC200), (.SP_EL0, 0xC208), (.SP_EL1, 0xE208),
        (.TPIDR_EL0, 0xDE82), (.TPIDRRO_EL0, 0xDE83), (.TPIDR_EL1, 0xC684),
    ]

    @Test("hv_sys_reg_t values equal Hypervisor.framework's, and look back up to the register")
    func hypervisorFrameworkIDs() {
        for (register, id) in Self.hypervisorFramework {
            #expect(register.hvSysReg == id, "\(register)")
            #expect(SysReg(hvSysReg: id) == register)
        }
    }

    @Test("an encoding rebuilt from its hv_sys_reg_t packed id has the id's fields, for all 65,536 ids")
    func encodingFromPackedID() {
        for id in UInt16.min...UInt16.max {
            let encoding = SystemRegisterEncoding(packedID: id)
            #expect(encoding.packedID == id)
            // The fields at the formula's shifts: op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2.
            let fields = [encoding.op0, encoding.op1, encoding.crn, encoding.crm, encoding.op2]
            let (op0, op1, crn) = (UInt8(id >> 14), UInt8(id >> 11 & 7), UInt8(id >> 7 & 15))
            if fields != [op0, op1, crn, UInt8(id >> 3 & 15), UInt8(id & 7)] {
                Issue.record("\(id): \(fields)")
            }
        }
        for (register, id) in Self.hypervisorFramework {
            #expect(SystemRegisterEncoding(packedID: id) == register.encoding, "\(register)")
        }
    }

    @Test("live encodings keep one encoding per EL1 state, or none, and give back the one asked for")
    func liveEncodings() {
        let (sctlr12, dacr) = (SystemRegisterEncoding.SCTLR_EL12, SystemRegisterEncoding.DACR32_EL2)
        let both = LiveEncodings(aarch64EL1: sctlr12, aarch32EL1: sctlr12)
        #expect(both.encoding(el1IsAArch32: false) == sctlr12)
        #expect(both.encoding(el1IsAArch32: true) == sctlr12)
        let aarch32Only = LiveEncodings(aarch64EL1: nil, aarch32EL1: dacr)
        #expect(aarch32Only.encoding(el1IsAArch32: false) == nil)
        #expect(aarch32Only.encoding(el1IsAArch32: true) == dacr)
        #expect(LiveEncodings.inMemory.encoding(el1IsAArch32: false) == nil)
        #expect(LiveEncodings.inMemory.encoding(el1IsAArch32: true) == nil)
        // The generated switch agrees with the register table: immediate registers are in
        // memory, deferred ones reached through their EL12 alias, else their own encoding.
        for register in SysReg.allCases where register.group.condition == nil {
            let expected = register.registerClass == .deferred ? (register.el12 ?? register.encoding) : nil
            #expect(register.liveEncodings.encoding(el1IsAArch32: false) == expected, "\(register)")
            #expect(register.liveEncodings.encoding(el1IsAArch32: true) == expected, "\(register)")
        }
    }

    /// Linux uapi `arch/arm64/include/uapi/asm/kvm.h`: `KVM_REG_ARM64` is `0x6000000000000000`,
    /// `KVM_REG_SIZE_U64` `0x0030000000000000`, `KVM_REG_ARM64_SYSREG` `(0x0013 << 16)`, and
    /// `ARM64_SYS_REG(op0, op1, crn, crm, op2)` ORs those with the fields at shifts 14, 11, 7, 3
    /// and 0 (`KVM_REG_ARM64_SYSREG_OP0_SHIFT` …).
    @Test("KVM one-reg ids are ARM64_SYS_REG(op0, op1, CRn, CRm, op2), and look back up to the register")
    func kvmIDs() {
        // ARM64_SYS_REG(3, 0, 1, 0, 0), ARM64_SYS_REG(3, 0, 0, 0, 5), ARM64_SYS_REG(2, 0, 0, 2, 2),
        // ARM64_SYS_REG(3, 3, 13, 0, 2), ARM64_SYS_REG(3, 4, 4, 1, 0).
        let quoted: [(SysReg, UInt64)] = [
            (.SCTLR_EL1, 0x6030_0000_0013_C080), (.MPIDR_EL1, 0x6030_0000_0013_C005),
            (.MDSCR_EL1, 0x6030_0000_0013_8012), (.TPIDR_EL0, 0x6030_0000_0013_DE82),
            (.SP_EL1, 0x6030_0000_0013_E208),
        ]
        for (register, id) in quoted {
            #expect(register.kvmOneRegID == id, "\(register)")
            #expect(SysReg(kvmOneRegID: id) == register)
        }
        // The header's own KVM_REG_ARM_TIMER_CTL is ARM64_SYS_REG(3, 3, 14, 3, 1).
        #expect(SystemRegisterEncoding(op0: 3, op1: 3, crn: 14, crm: 3, op2: 1).kvmOneRegID == 0x6030_0000_0013_DF19)
    }

    @Test("every register's table ids are its encoding's, and each id finds only its register")
    func tablesMatchTheRuntime() {
        for register in SysReg.allCases {
            #expect(register.kvmOneRegID == register.encoding.kvmOneRegID, "\(register)")
            #expect(register.hvSysReg == register.encoding.packedID, "\(register)")
            #expect(register.kvmOneRegID & 0xFFFF == UInt64(register.hvSysReg))
            #expect(SysReg(kvmOneRegID: register.kvmOneRegID) == register)
            #expect(SysReg(hvSysReg: register.hvSysReg) == register)
        }
        // An EL12 alias is no register of the table: KVM and Hypervisor.framework name the EL1 register.
        #expect(SysReg(hvSysReg: SystemRegisterEncoding.SCTLR_EL12.packedID) == nil)
        #expect(SysReg(kvmOneRegID: 0x6030_0000_0013_C080 | 1 << 32) == nil)
    }
}
