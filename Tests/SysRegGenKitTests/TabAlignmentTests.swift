import Testing

@testable import SysRegGenKit

@Suite("Tab alignment")
struct TabAlignmentTests {
    @Test("a tab advances to the next multiple of 8 columns")
    func columns() {
        #expect(TabAlignment.column(after: "") == 0)
        #expect(TabAlignment.column(after: "abc") == 3)
        #expect(TabAlignment.column(after: "\t") == 8)
        #expect(TabAlignment.column(after: "abc\t") == 8)
        #expect(TabAlignment.column(after: "abcdefgh\t") == 16)
        #expect(TabAlignment.column(after: "ab", from: 7) == 9)
    }

    @Test("text that is not ASCII takes a column per character, not per byte")
    func charactersNotBytes() {
        // "é" is two UTF-8 bytes, "e" with a combining acute accent three: one character each.
        #expect(TabAlignment.column(after: "é") == 1)
        #expect(TabAlignment.column(after: "e\u{301}x\t") == 8)
        #expect(TabAlignment.column(after: "ééééééé\t") == 8)
    }

    @Test("a hexadecimal literal has its digits in groups of four, upper case, the first group padded")
    func hexLiterals() {
        #expect(hexLiteral(UInt16(0)) == "0x0000")
        #expect(hexLiteral(UInt16(0xC080)) == "0xC080")
        #expect(hexLiteral(UInt64(0x1_0000)) == "0x0001_0000")
        #expect(hexLiteral(UInt64(0x6030_0000_0013_C080)) == "0x6030_0000_0013_C080")
        #expect(hexLiteral(UInt64.max) == "0xFFFF_FFFF_FFFF_FFFF")
        #expect(hexLiteral(UInt32(0xABC)) == "0x0ABC")
    }

    @Test("each column starts at the first tab stop past its widest cell, in every row")
    func paddings() {
        // From column 8: `x:` ends at 10, `yyyyyyy:` at 16 (a tab stop), `zzzzzzzzzzzzzz:` at 23.
        // The widest ends at 23, so the second column starts at 24; the third column's widest
        // cell (`bbbbbbbbb`, 24 + 9 = 33) puts it at 40.
        let rows = [["x:", "a", "end"], ["yyyyyyy:", "bbbbbbbbb", "end"], ["zzzzzzzzzzzzzz:", "cc", "end"]]
        let paddings = TabAlignment.paddings(rows, indent: 8)
        #expect(paddings == [["\t\t", "\t\t"], ["\t", "\t"], ["\t", "\t\t"]])
        let lines = zip(rows, paddings).map { row, padding in
            "\t" + row[0] + padding[0] + row[1] + padding[1] + row[2]
        }
        #expect(lines.map { TabAlignment.column(after: String($0.dropLast(3))) } == [40, 40, 40])
    }

    @Test("no rows or a single column need no padding")
    func degenerate() {
        #expect(TabAlignment.paddings([], indent: 8) == [])
        #expect(TabAlignment.paddings([["only"]], indent: 0) == [[]])
    }
}
