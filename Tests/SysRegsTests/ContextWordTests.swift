import SysRegRuntime
import SysRegs
import Testing

/// What the generated `save` and `restore` go through: a context's words by index, and the CPU's
/// registers by packed id.
@Suite("Context words and packed-id accesses")
struct ContextWordTests {
    /// The words the shipped file's storage holds, registers and padding.
    static let wordCount = MemoryLayout<SysReg.Values>.size / 8

    @Test("each register's word is the one its index names, both ways")
    func wordsAreRegisters() {
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases {
            context[register] = 0xA000 + UInt64(register.index)
            #expect(context[word: register.index] == 0xA000 + UInt64(register.index), "\(register)")
        }
        for register in SysReg.allCases { context[word: register.index] = 0xB000 + UInt64(register.index) }
        #expect(SysReg.allCases.map { context[$0] } == SysReg.allCases.map { 0xB000 + UInt64($0.index) })
    }

    @Test("an index past the storage reads as 0 and a write to it changes nothing")
    func outOfRange() {
        var context = CPUContext<SysReg>()
        for register in SysReg.allCases { context[register] = ~UInt64(register.index) }
        let before = context
        for index in [-1, Int.min, Self.wordCount, Self.wordCount + 1, Int.max] {
            #expect(context[word: index] == 0, "\(index)")
            context[word: index] = 0xDEAD
            #expect(context == before, "\(index)")
        }
    }

    @Test("read(packedID:) and write(packedID:) reach the encoding with that packed id")
    func packedIDs() {
        let cpu = RecordingCPU()
        for register in SysReg.allCases {
            cpu.write(packedID: register.encoding.packedID, UInt64(register.index))
            #expect(cpu.read(packedID: register.encoding.packedID) == UInt64(register.index), "\(register)")
        }
        let expected = SysReg.allCases.flatMap { register in
            [
                RecordingCPU.Access(isWrite: true, encoding: register.encoding, value: UInt64(register.index)),
                RecordingCPU.Access(isWrite: false, encoding: register.encoding, value: UInt64(register.index)),
            ]
        }
        #expect(cpu.log == expected)
    }
}
