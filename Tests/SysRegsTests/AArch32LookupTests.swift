import SysRegRuntime
import SysRegs
import Testing

@Suite("AArch32 registers and trap lookup")
struct AArch32LookupTests {
    /// ESR_EL2 values of trapped accesses, built by hand from the Arm ARM's layout (EC [31:26],
    /// IL [25], CV [24], COND [23:20] = 0xE, then the ISS fields; see `CoprocessorTrap`).
    @Test("ESR_EL2 of a trapped MRC, MCR, MRRC and MCRR decodes to the encoding and the register")
    func trapLookup() throws {
        // MRC p15, 0, r3, c1, c0, 0: EC 0x03, CRn 1 << 10, Rt 3 << 5, read.
        let sctlr = try #require(CoprocessorTrap(esr: 0x0FE0_0461))
        #expect(sctlr == CoprocessorTrap(esr: 0x0FE0_0461))
        #expect(sctlr.encoding == .register32(coproc: 15, opc1: 0, crn: 1, crm: 0, opc2: 0))
        #expect(sctlr.isRead && sctlr.rt == 3 && sctlr.rt2 == nil)
        #expect(AArch32SysReg(encoding: sctlr.encoding) == .SCTLR)
        // MCR p15, 0, r2, c6, c0, 2: Opc2 2 << 17, CRn 6 << 10, Rt 2 << 5, write.
        let ifar = try #require(CoprocessorTrap(esr: 0x0FE4_1840))
        #expect(ifar.encoding == .register32(coproc: 15, opc1: 0, crn: 6, crm: 0, opc2: 2))
        #expect(!ifar.isRead && ifar.rt == 2)
        #expect(AArch32SysReg(encoding: ifar.encoding) == .IFAR)
        // MRRC p15, 1, r0, r1, c2: EC 0x04, Opc1 1 << 16, Rt2 1 << 10, CRm 2 << 1, read.
        let ttbr1 = try #require(CoprocessorTrap(esr: 0x13E1_0405))
        #expect(ttbr1.encoding == .register64(coproc: 15, opc1: 1, crm: 2))
        #expect(ttbr1.isRead && ttbr1.rt == 0 && ttbr1.rt2 == 1)
        #expect(AArch32SysReg(encoding: ttbr1.encoding) == .TTBR1_64)
        // MCR p14, 0, r5, c0, c7, 0: EC 0x05, Rt 5 << 5, CRm 7 << 1, write.
        let dbgvcr = try #require(CoprocessorTrap(esr: 0x17E0_00AE))
        #expect(dbgvcr.encoding == .register32(coproc: 14, opc1: 0, crn: 0, crm: 7, opc2: 0))
        #expect(AArch32SysReg(encoding: dbgvcr.encoding) == .DBGVCR)
        // MCRR p14, 0, r0, r1, c1 (EC 0x0C): decoded, but no register of the file.
        let pair14 = try #require(CoprocessorTrap(esr: 0x33E0_0402))
        #expect(pair14.encoding == .register64(coproc: 14, opc1: 0, crm: 1) && !pair14.isRead)
        #expect(AArch32SysReg(encoding: pair14.encoding) == nil)
        // EC 0x18 (MSR/MRS) and EC 0x07 (FP/SIMD) are not coprocessor register accesses.
        #expect(CoprocessorTrap(esr: 0x6230_0400) == nil)
        #expect(CoprocessorTrap(esr: 0x1E00_0000) == nil)
    }

    @Test("every AArch32 register is found by its own encoding, and is part of its 64-bit register")
    func lookupRoundTrip() {
        for register in AArch32SysReg.allCases {
            #expect(AArch32SysReg(encoding: register.encoding) == register, "\(register)")
            #expect(register.encoding.isPair == (register.part == .all), "\(register)")
        }
        #expect(AArch32SysReg.allCases.count == 33)
        #expect(AArch32SysReg.NMRR.aarch64 == .MAIR_EL1 && AArch32SysReg.NMRR.part == .high)
        #expect(AArch32SysReg.TPIDRURO.aarch64 == .TPIDRRO_EL0 && AArch32SysReg.TPIDRURO.part == .low)
        #expect(AArch32SysReg.PAR_64.encoding == .register64(coproc: 15, opc1: 0, crm: 7))
        #expect(AArch32SysReg(encoding: .register32(coproc: 15, opc1: 0, crn: 0, crm: 0, opc2: 0)) == nil)
    }

    @Test("a half write keeps the other half; a 64-bit view takes no 32-bit value")
    func partInsertion() {
        let whole: UInt64 = 0x1111_2222_3333_4444
        #expect(RegisterPart.low.inserting(0xAAAA_BBBB, into: whole) == 0x1111_2222_AAAA_BBBB)
        #expect(RegisterPart.high.inserting(0xAAAA_BBBB, into: whole) == 0xAAAA_BBBB_3333_4444)
        #expect(RegisterPart.all.inserting(0xAAAA_BBBB, into: whole) == nil)
        #expect(RegisterPart.high.extract(from: whole) == 0x1111_2222)
        #expect(RegisterPart.low.extract(from: whole) == 0x3333_4444)
        #expect(RegisterPart.all.extract(from: whole) == whole)
    }

    @Test("MCR writes a half, MCRR the whole register; each refuses the other width, changing nothing")
    func aarch32Writes() {
        var vcpu = VCPU<SysReg>(el1IsAArch32: true)
        vcpu.write(.MAIR_EL1, 0x1111_2222_3333_4444)
        let wroteHalf = vcpu.write(.NMRR, 0xAAAA_BBBB)
        #expect(wroteHalf)
        #expect(vcpu.read(.MAIR_EL1) == 0xAAAA_BBBB_3333_4444)
        #expect(vcpu.read(.NMRR) == 0xAAAA_BBBB)
        let wroteWhole = vcpu.write(.TTBR1_64, low: 0x89AB_CDEF, high: 0x0123_4567)
        #expect(wroteWhole)
        #expect(vcpu.read(.TTBR1_EL1) == 0x0123_4567_89AB_CDEF)
        let wroteWrongWidth = (vcpu.write(.TTBR1_64, 0xFFFF_FFFF), vcpu.write(.NMRR, low: 1, high: 2))
        #expect(wroteWrongWidth == (false, false))
        #expect(vcpu.read(.TTBR1_EL1) == 0x0123_4567_89AB_CDEF && vcpu.read(.MAIR_EL1) == 0xAAAA_BBBB_3333_4444)
    }
}
