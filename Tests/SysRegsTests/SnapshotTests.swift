import SysRegRuntime
import SysRegs
import Testing

/// A context's serialised form, keyed by KVM one-reg id: round trip, exact bytes, and bytes from
/// outside the process, which may be anything.
@Suite("CPUContext snapshots")
struct SnapshotTests {
    /// A context whose every register holds a value that names it.
    static var distinct: CPUContext<SysReg> {
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases { context[register] = 0xC0DE_0000_0000 | register.kvmOneRegID & 0xFFFF }
        return context
    }

    /// `words` as the snapshot's little-endian bytes.
    static func bytes(_ words: [UInt64]) -> [UInt8] {
        words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
    }

    @Test("a snapshot is one record per register: its KVM one-reg id, then its value, little-endian")
    func layout() {
        let snapshot = Self.distinct.snapshot
        let expected = SysReg.allCases.flatMap {
            Self.bytes([$0.kvmOneRegID, 0xC0DE_0000_0000 | $0.kvmOneRegID & 0xFFFF])
        }
        #expect(snapshot == expected)
        // SCTLR_EL1's id, ARM64_SYS_REG(3, 0, 1, 0, 0) (Linux uapi asm/kvm.h), in its record.
        let index = SysReg.SCTLR_EL1.index * 16
        #expect(Array(snapshot[index..<index + 8]) == [0x80, 0xC0, 0x13, 0x00, 0x00, 0x00, 0x30, 0x60])
        #expect(CPUContext<SysReg>(snapshot: snapshot) == Self.distinct)
    }

    @Test("records restore by id in any order; a register the snapshot does not name holds 0")
    func orderAndAbsence() {
        let records = SysReg.allCases.reversed().dropFirst().map { [$0.kvmOneRegID, Self.distinct[$0]] }
        let restored = CPUContext<SysReg>(snapshot: Self.bytes(records.flatMap { $0 }))
        var expected = Self.distinct
        expected[SysReg.allCases.last!] = 0
        #expect(restored == expected)
    }

    @Test("malformed snapshots are rejected: partial record, unknown id, the same id twice")
    func malformed() {
        let snapshot = Self.distinct.snapshot
        #expect(CPUContext<SysReg>(snapshot: snapshot.dropLast()) == nil)
        #expect(CPUContext<SysReg>(snapshot: snapshot + [0]) == nil)
        // The EL12 alias SCTLR_EL12 names no register of the file.
        #expect(CPUContext<SysReg>(snapshot: Self.bytes([SystemRegisterEncoding.SCTLR_EL12.kvmOneRegID, 1])) == nil)
        #expect(CPUContext<SysReg>(snapshot: Self.bytes([0, 0])) == nil)
        let twice = Self.bytes([SysReg.SCTLR_EL1.kvmOneRegID, 1, SysReg.SCTLR_EL1.kvmOneRegID, 2])
        #expect(CPUContext<SysReg>(snapshot: twice) == nil)
        #expect(CPUContext<SysReg>(snapshot: []) == CPUContext<SysReg>())
    }

    @Test("random bytes of every length up to 64 records never trap, and restore only when well formed")
    func randomBytes() {
        var random = GuestInputTests.SeededGenerator(state: 0x5AA5)
        for length in 0...(64 * 16) {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let restored = CPUContext<SysReg>(snapshot: bytes)
            if length % 16 != 0 { #expect(restored == nil) }
            if let restored { #expect(CPUContext(snapshot: restored.snapshot) == restored) }
        }
    }
}
