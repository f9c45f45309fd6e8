/// Column alignment with tab characters, as kernel C aligns the cells of consecutive lines.
///
/// A tab moves to the next tab stop (every 8 columns). A column of cells is aligned at the first
/// tab stop past the widest cell, so the widest is followed by one tab and narrower cells by as
/// many as it takes: `\tcase CSSELR_EL1:` (25 columns) gets one tab to column 32, `\tcase
/// SCTLR_EL1:` (23 columns) two.
enum TabAlignment {
    /// The columns between two tab stops.
    static let tabWidth = 8

    /// The column a line reaches after `text`, starting at `column` (from 0); a tab advances to
    /// the next tab stop, any other character by one column.
    static func column(after text: String, from column: Int = 0) -> Int {
        // ASCII text (every C name) is a column per byte: read from its contiguous bytes, several
        // times faster than as Characters, which other text is read as.
        let ascii = text.utf8.withContiguousStorageIfAvailable { asciiColumn(after: $0, from: column) }
        if let ascii, let end = ascii { return end }
        return text.reduce(column) { column, character in
            character == "\t" ? (column / tabWidth + 1) * tabWidth : column + 1
        }
    }

    /// The column after `bytes`, from `column`; `nil` when they are not all ASCII.
    private static func asciiColumn(after bytes: UnsafeBufferPointer<UInt8>, from column: Int) -> Int? {
        var end = column
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            end = byte == UInt8(ascii: "\t") ? (end / tabWidth + 1) * tabWidth : end + 1
        }
        return end
    }

    /// The tabs after each cell but the last of every row, so that each column of cells starts
    /// at the same tab stop in every row.
    ///
    /// Every row starts at column `indent` and has the same number of cells. The result has, for
    /// each row, one padding per cell but the last.
    static func paddings(_ rows: [[String]], indent: Int) -> [[String]] {
        var starts = Array(repeating: indent, count: rows.count)
        var paddings = Array(repeating: [String](), count: rows.count)
        for cell in 0..<max(0, (rows.first?.count ?? 0) - 1) {
            let ends = rows.indices.map { column(after: rows[$0][cell], from: starts[$0]) }
            let target = ((ends.max() ?? indent) / tabWidth + 1) * tabWidth
            for row in rows.indices {
                let tabs = target / tabWidth - ends[row] / tabWidth
                paddings[row].append(String(repeating: "\t", count: tabs))
                starts[row] = target
            }
        }
        return paddings
    }
}
