/// Properties of a generated enum's cases that no hot path reads, kept as text: one line per
/// case, in case order, its columns separated by spaces. Column 0 is the register's name and
/// column 1 its encoding's generic name (`S3_0_C1_C0_0`); the other columns are names, numbers
/// or generic names, `-` for none.
///
/// A string literal costs the compiler nothing per line, where a switch or an array literal
/// costs it a type-checked, compiled expression per case: at 10,000 registers the switches made
/// the generated module take minutes to build (docs/benchmarks.md). The text is split once,
/// when the generated enum first reads its table, byte by byte: Embedded Swift on bare metal
/// (the QEMU check) has no `memcmp` for comparing strings.
public struct RegisterTable: Sendable {
    /// The text's UTF-8 bytes.
    private let bytes: [UInt8]
    /// Each line's columns, as ranges of `bytes`, in line order.
    private let rows: [[Range<Int>]]
    /// The packed id of each line's column-1 encoding, in line order (0 when it has none).
    private let packedIDs: [UInt16]
    /// The line numbers ordered by `packedIDs`, for ``row(encodedAs:)``.
    private let rowsByEncoding: [Int]

    /// The table in `text`: one line per row, its columns separated by spaces.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var rows: [[Range<Int>]] = []
        var row: [Range<Int>] = []
        var start = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") else { continue }
            if start < index { row.append(start..<index) }
            start = index + 1
            if byte == UInt8(ascii: "\n") && !row.isEmpty {
                rows.append(row)
                row = []
            }
        }
        let packedIDs = rows.map { row in row.count > 1 ? Self.encoding(in: bytes[row[1]])?.packedID ?? 0 : 0 }
        self.bytes = bytes
        self.rows = rows
        self.packedIDs = packedIDs
        rowsByEncoding = packedIDs.indices.sorted { packedIDs[$0] < packedIDs[$1] }
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// Row `row`'s name: its column 0.
    public func name(row: Int) -> String {
        String(decoding: cell(row, 0), as: UTF8.self)
    }

    /// Row `row`'s own encoding: the one in column 1.
    public func encoding(row: Int) -> SystemRegisterEncoding {
        SystemRegisterEncoding(packedID: packedIDs.indices.contains(row) ? packedIDs[row] : 0)
    }

    /// The encoding whose generic name is in column `column` of row `row`, or `nil` for `-`.
    public func encoding(row: Int, column: Int) -> SystemRegisterEncoding? {
        Self.encoding(in: cell(row, column))
    }

    /// The number in column `column` of row `row`, or `nil` for `-`.
    public func number(row: Int, column: Int) -> Int? {
        Self.number(in: cell(row, column))
    }

    /// The position in `names` of the name in column `column` of row `row`, or `nil` when it is
    /// none of them.
    public func position(row: Int, column: Int, among names: [StaticString]) -> Int? {
        let text = cell(row, column)
        return names.firstIndex { name in
            name.utf8CodeUnitCount == text.count
                && name.withUTF8Buffer { name in zip(name, text).allSatisfy { $0 == $1 } }
        }
    }

    /// The class named in column `column` of row `row` (`deferred` or `immediate`), or `nil`.
    public func registerClass(row: Int, column: Int) -> RegisterClass? {
        position(row: row, column: column, among: ["deferred", "immediate"]).map { [.deferred, .immediate][$0] }
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

    /// The bytes of column `column` of row `row`, or `-` when the table has no such cell.
    private func cell(_ row: Int, _ column: Int) -> ArraySlice<UInt8> {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return [UInt8(ascii: "-")] }
        return bytes[rows[row][column]]
    }

    /// The decimal number `text` spells, or `nil` for anything else (`-`).
    private static func number(in text: ArraySlice<UInt8>) -> Int? {
        guard !text.isEmpty, text.count < 10 else { return nil }
        var value = 0
        for byte in text {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The encoding whose generic name is `text` (`S3_0_C1_C0_0`), or `nil` for anything else.
    private static func encoding(in text: ArraySlice<UInt8>) -> SystemRegisterEncoding? {
        let parts = text.split(separator: UInt8(ascii: "_"))
        guard parts.count == 5, parts[0].first == UInt8(ascii: "S"), parts[2].first == UInt8(ascii: "C"),
            parts[3].first == UInt8(ascii: "C"), let op0 = number(in: parts[0].dropFirst()),
            let op1 = number(in: parts[1]), let crn = number(in: parts[2].dropFirst()),
            let crm = number(in: parts[3].dropFirst()), let op2 = number(in: parts[4]),
            op0 < 4, op1 < 8, crn < 16, crm < 16, op2 < 8
        else { return nil }
        return SystemRegisterEncoding(
            op0: UInt8(op0), op1: UInt8(op1), crn: UInt8(crn), crm: UInt8(crm), op2: UInt8(op2))
    }
}
