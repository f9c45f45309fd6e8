/// Properties of a generated enum's cases that no hot path reads, kept as text: one line per
/// case, in case order, its columns separated by spaces. Column 0 is the register's name and
/// column 1 its encoding's generic name (`S3_0_C1_C0_0`); the other columns are names, numbers
/// or generic names, `-` for none.
///
/// A string literal costs the compiler nothing per line, where a switch or an array literal
/// costs it a type-checked, compiled expression per case: at 10,000 registers the switches made
/// the generated module take minutes to build (docs/benchmarks.md). The text is split once,
/// when the generated enum first reads its table.
public struct RegisterTable: Sendable {
    /// Each line's columns, in line order.
    private let rows: [[Substring]]
    /// The line numbers ordered by the packed id of their column-1 encoding, for ``row(encodedAs:)``.
    private let rowsByEncoding: [Int]
    /// The packed id of each line's column-1 encoding, in line order.
    private let packedIDs: [UInt16]

    /// The table in `text`: one line per row, its columns separated by spaces.
    public init(_ text: String) {
        let rows = text.split(separator: "\n").map { $0.split(separator: " ") }
        let packedIDs = rows.map { row in row.count > 1 ? Self.encoding(named: row[1])?.packedID ?? 0 : 0 }
        self.rows = rows
        self.packedIDs = packedIDs
        rowsByEncoding = packedIDs.indices.sorted { packedIDs[$0] < packedIDs[$1] }
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// Column `column` of row `row`, or `-` when the table has no such cell.
    public subscript(row: Int, column: Int) -> Substring {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return "-" }
        return rows[row][column]
    }

    /// The encoding whose generic name is in column `column` of row `row`, or `nil` for `-`.
    public func encoding(row: Int, column: Int) -> SystemRegisterEncoding? {
        Self.encoding(named: self[row, column])
    }

    /// Row `row`'s own encoding: the one in column 1.
    public func encoding(row: Int) -> SystemRegisterEncoding {
        SystemRegisterEncoding(packedID: packedIDs.indices.contains(row) ? packedIDs[row] : 0)
    }

    /// The number in column `column` of row `row`, or `nil` for `-`.
    public func number(row: Int, column: Int) -> Int? {
        Int(self[row, column])
    }

    /// The row whose column-1 encoding has the packed id `packedID`, or `nil` when none has: a
    /// binary search, so a lookup costs the same few steps however large the file.
    public func row(encodedAs packedID: UInt16) -> Int? {
        var low = 0
        var high = rowsByEncoding.count
        while low < high {
            let middle = low + (high - low) / 2
            if packedIDs[rowsByEncoding[middle]] < packedID { low = middle + 1 } else { high = middle }
        }
        guard low < rowsByEncoding.count, packedIDs[rowsByEncoding[low]] == packedID else { return nil }
        return rowsByEncoding[low]
    }

    /// The encoding whose generic name is `name` (`S3_0_C1_C0_0`), or `nil` for anything else.
    private static func encoding(named name: Substring) -> SystemRegisterEncoding? {
        let parts = name.split(separator: "_")
        guard parts.count == 5, parts[0].first == "S", parts[2].first == "C", parts[3].first == "C",
            let op0 = UInt8(parts[0].dropFirst()), let op1 = UInt8(parts[1]), let crn = UInt8(parts[2].dropFirst()),
            let crm = UInt8(parts[3].dropFirst()), let op2 = UInt8(parts[4])
        else { return nil }
        return SystemRegisterEncoding(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2)
    }
}
