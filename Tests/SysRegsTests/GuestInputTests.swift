import SysRegRuntime
import SysRegs
import Testing

/// Everything a guest controls, fed through the trap lookup and the accessors: every ESR_EL2
/// exception class with extreme and random syndromes, extreme register values, and ids and
/// snapshots from outside. Nothing may stop the process (a trap would end the test run), and the
/// decoded fields must match a bit-level reference.
@Suite("Guest-controlled input never traps")
struct GuestInputTests {
    /// SplitMix64, so the random syndromes and values are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z &>> 31)
        }
    }

    /// The fields of a trapped coprocessor access.
    struct Fields: Equatable {
        var encoding: CoprocessorEncoding
        var isRead: Bool
        var rt: UInt8
        var rt2: UInt8?

        init(encoding: CoprocessorEncoding, isRead: Bool, rt: UInt8, rt2: UInt8?) {
            (self.encoding, self.isRead, self.rt, self.rt2) = (encoding, isRead, rt, rt2)
        }

        init(_ trap: CoprocessorTrap) {
            self.init(encoding: trap.encoding, isRead: trap.isRead, rt: trap.rt, rt2: trap.rt2)
        }
    }

    /// A field of ESR_EL2 by its bit numbers, read one bit at a time, most significant first.
    static func bits(_ esr: UInt64, _ high: Int, _ low: Int) -> UInt8 {
        var value: UInt8 = 0
        for bit in stride(from: high, through: low, by: -1) {
            value = value << 1 | UInt8(esr >> UInt64(bit) & 1)
        }
        return value
    }

    /// The reference decode, written from the Arm ARM (DDI 0487, ESR_EL2: EC is bits [31:26];
    /// "ISS encoding for an exception from an MCR or MRC access": Opc2 [19:17], Opc1 [16:14],
    /// CRn [13:10], Rt [9:5], CRm [4:1], Direction [0], 1 for a read; "ISS encoding for an
    /// exception from an MCRR or MRRC access": Opc1 [19:16], Rt2 [14:10], Rt [9:5], CRm [4:1],
    /// Direction [0]), the positions of the kernel's `ESR_ELx_CP15_32_ISS_*` and
    /// `ESR_ELx_CP15_64_ISS_*` masks in `arch/arm64/include/asm/esr.h`. EC 0x03 is MCR/MRC cp15,
    /// 0x04 MCRR/MRRC cp15, 0x05 MCR/MRC cp14, 0x0C MCRR/MRRC cp14 (the kernel's
    /// `ESR_ELx_EC_CP15_32`, `_CP15_64`, `_CP14_MR`, `_CP14_64`); no other class is one.
    static func reference(_ esr: UInt64) -> Fields? {
        let (coproc, pair): (UInt8, Bool)
        switch bits(esr, 31, 26) {
        case 0x03: (coproc, pair) = (15, false)
        case 0x04: (coproc, pair) = (15, true)
        case 0x05: (coproc, pair) = (14, false)
        case 0x0C: (coproc, pair) = (14, true)
        default: return nil
        }
        let encoding: CoprocessorEncoding =
            pair
            ? .register64(coproc: coproc, opc1: bits(esr, 19, 16), crm: bits(esr, 4, 1))
            : .register32(
                coproc: coproc, opc1: bits(esr, 16, 14), crn: bits(esr, 13, 10), crm: bits(esr, 4, 1),
                opc2: bits(esr, 19, 17))
        return Fields(
            encoding: encoding, isRead: bits(esr, 0, 0) == 1, rt: bits(esr, 9, 5), rt2: pair ? bits(esr, 14, 10) : nil)
    }

    /// The ESR_EL2 of a trapped access to `register`, by the reference layout, with `noise` in
    /// every bit the access does not define (IL, CV, COND, Rt, Rt2, direction, bits [63:32]).
    static func syndrome(of register: AArch32SysReg, noise: UInt64) -> UInt64 {
        switch register.encoding {
        case .register32(let coproc, let opc1, let crn, let crm, let opc2):
            let fields = UInt64(opc2) << 17 | UInt64(opc1) << 14 | UInt64(crn) << 10 | UInt64(crm) << 1
            return noise & 0xFFFF_FFFF_03F0_03E1 | (coproc == 15 ? 0x03 : 0x05) << 26 | fields
        case .register64(let coproc, let opc1, let crm):
            return noise & 0xFFFF_FFFF_03F0_FFE1 | (coproc == 15 ? 0x04 : 0x0C) << 26 | UInt64(opc1) << 16
                | UInt64(crm) << 1
        }
    }

    /// Syndromes of exception class `ec`: every other bit all zeros, all ones, and random.
    static func syndromes(ec: UInt64, _ random: inout SeededGenerator) -> [UInt64] {
        ([0, ~0] + (0..<500).map { _ in random.next() }).map { $0 & ~(0x3F << 26) | ec << 26 }
    }

    /// Values a guest can write: the extremes, single bits and random.
    static func values(_ random: inout SeededGenerator) -> [UInt64] {
        [0, ~0, 1, 1 << 63, 0xFFFF_FFFF, 0xFFFF_FFFF_0000_0000] + (0..<20).map { _ in random.next() }
    }

    @Test("all 64 exception classes with extreme and random syndromes decode as the Arm ARM lays them out")
    func everyExceptionClass() {
        var random = SeededGenerator(state: 0xE5B_0E12)
        var decoded = 0
        for ec in UInt64(0)..<64 {
            for esr in Self.syndromes(ec: ec, &random) {
                let trap = CoprocessorTrap(esr: esr)
                #expect(trap.map(Fields.init) == Self.reference(esr), "ESR_EL2 \(String(esr, radix: 16))")
                guard let trap else { continue }
                decoded += 1
                // The lookup takes any decoded encoding, a register of the file or not.
                if let register = AArch32SysReg(encoding: trap.encoding) {
                    #expect(register.encoding == trap.encoding)
                }
            }
        }
        #expect(decoded == 4 * 502, "EC 0x03, 0x04, 0x05 and 0x0C decode, every other class is nil")
    }

    /// A trap handler as the README writes one, on `vcpu`: MRC/MRRC read, MCR/MCRR write of
    /// `value` (a general-purpose register's content, all 64 bits of it guest-controlled).
    /// Returns the value read back, or `nil` when the handler refused the access.
    static func handle(
        _ trap: CoprocessorTrap, value: UInt64, on vcpu: inout some SystemRegisterAccess<SysReg> & ~Copyable
    ) -> UInt64? {
        guard let register = AArch32SysReg(encoding: trap.encoding) else { return nil }
        if trap.isRead { return vcpu.read(register) }
        let (low, high) = (UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32))
        let written = trap.rt2 == nil ? vcpu.write(register, low) : vcpu.write(register, low: low, high: high)
        return written ? vcpu.read(register) : nil
    }

    @Test("every AArch32 register's trap, with noise in every free bit and extreme values, through the accessors")
    func trappedAccessesThroughTheAccessors() {
        var random = SeededGenerator(state: 0xACCE55)
        for register in AArch32SysReg.allCases {
            for noise in [0, ~0] + (0..<8).map({ _ in random.next() }) {
                let esr = Self.syndrome(of: register, noise: noise)
                guard let trap = CoprocessorTrap(esr: esr) else {
                    Issue.record("\(register): ESR_EL2 \(String(esr, radix: 16)) not decoded")
                    continue
                }
                #expect(Fields(trap) == Self.reference(esr))
                #expect(AArch32SysReg(encoding: trap.encoding) == register)
                for value in Self.values(&random) {
                    // The view's width decides what a write keeps: a half takes Rt's low word.
                    let kept = register.part == .all ? value : value & 0xFFFF_FFFF
                    var vcpu = VCPU<SysReg>(el1IsAArch32: true)
                    let inMemory = Self.handle(trap, value: value, on: &vcpu)
                    for mode in HostMode.allCases {
                        var loaded = VCPU<SysReg>(el1IsAArch32: true).load(on: HostCPU(RecordingCPU(), mode: mode))
                        let onCPU = Self.handle(trap, value: value, on: &loaded)
                        #expect(onCPU == inMemory, "\(register) \(mode)")
                    }
                    #expect(inMemory == (trap.isRead ? 0 : kept), "\(register) = \(value)")
                }
            }
        }
    }

    @Test("extreme values through every 64-bit accessor, in memory and loaded on VHE and nVHE")
    func extremeValues() {
        var random = SeededGenerator(state: 0x7A1E)
        let values = Self.values(&random)
        for register in SysReg.allCases {
            var vcpu = VCPU<SysReg>()
            var loaded = [HostMode.vhe, .nvhe].map { _ in 0 }
            for value in values {
                vcpu.write(register, value)
                #expect(vcpu.read(register) == value)
            }
            for (index, mode) in HostMode.allCases.enumerated() {
                var onCPU = VCPU<SysReg>().load(on: HostCPU(RecordingCPU(), mode: mode))
                for value in values {
                    onCPU.write(register, value)
                    loaded[index] = onCPU.read(register) == value ? loaded[index] + 1 : loaded[index]
                }
            }
            #expect(loaded == [values.count, values.count], "\(register)")
        }
    }

    @Test("register ids from outside (KVM one-reg, hv_sys_reg_t, encoding fields) look up or fail, never trap")
    func idsFromOutside() {
        var random = SeededGenerator(state: 0x1D5)
        let known = Set(SysReg.allCases.map(\.kvmOneRegID))
        for id in [0, ~0, 0x6030_0000_0013_FFFF] + (0..<10_000).map({ _ in random.next() }) {
            #expect((SysReg(kvmOneRegID: id) != nil) == known.contains(id))
        }
        let hvFound = (0...UInt16.max).filter { SysReg(hvSysReg: $0) != nil }
        #expect(hvFound.count == SysReg.allCases.count)
        // Fields wider than the instruction's are cut to their width, as the instruction would.
        let wide = SystemRegisterEncoding(op0: 0xFF, op1: 0xF8, crn: 0xF1, crm: 0xF0, op2: 0xF8)
        #expect(wide == SystemRegisterEncoding(op0: 3, op1: 0, crn: 1, crm: 0, op2: 0))
        #expect(wide.kvmOneRegID == SysReg.SCTLR_EL1.kvmOneRegID)
    }
}
