import TestSupport
import Testing

@testable import SysRegGenKit

/// The context's inline storage when it takes more than one vector of words: `value(in:)`
/// switches over the vectors, and every register still has a word of its own, in order.
@Suite(
    "A context of several vectors of words",
    .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
struct StorageTests {
    /// `count` deferred registers of group `el1`, at IMPLEMENTATION DEFINED encodings
    /// (op0 3, CRn 15: the Arm ARM's space for them), none with an alias.
    static func file(count: Int) -> String {
        let registers = (0..<count).map { index in
            "  - name: IMPDEF\(index)_EL1\n    encoding: S3_\(index / 128)_C15_C\(index / 8 % 16)_\(index % 8)\n"
                + "    class: deferred\n    group: el1\n"
        }
        return "version: 1\ngroups:\n  - name: el1\n    switched: load-put\nregisters:\n" + registers.joined()
    }

    @Test("131 registers: two vectors of 64 words and one of 4, each register's write in its own word, read back")
    func severalVectors() throws {
        let count = 131
        let view = try SwiftView(validate(Self.file(count: count)))
        #expect(view.storageChunks.map(\.typeName) == ["SIMD64<UInt64>", "SIMD64<UInt64>", "SIMD4<UInt64>"])
        let output = try runAgainstRendered(
            Self.file(count: count),
            """
            import SysRegRuntime
            import SysRegs

            var context = CPUContext<SysReg>()
            for register in SysReg.allCases { context[register] = 0xA000 + UInt64(register.index) }
            let words = withUnsafeBytes(of: context) { Array($0.bindMemory(to: UInt64.self)) }
            print(words.count)
            print(words.map { String($0, radix: 16) }.joined(separator: " "))
            print(SysReg.allCases.map { String(context[$0], radix: 16) }.joined(separator: " "))
            """, [])
        // Each register's value is 0xA000 plus its position; the 4-word vector's last word is past
        // the last register and stays 0.
        let values = (0..<count).map { String(0xA000 + $0, radix: 16) }
        #expect(output == ["132", (values + ["0"]).joined(separator: " "), values.joined(separator: " ")])
    }
}
