import Foundation
import Testing

@testable import SysRegGenKit

/// A large register file is parsed in two halves at once (``YAMLLoader``): the tree, and every
/// diagnostic, must be those of the file parsed in one piece, whatever the file holds where it
/// is cut.
@Suite("parsing a large file in two halves")
struct HalvedParseTests {
    /// `count` register entries in the styles a register file uses: block and flow mappings,
    /// quoted, block and multi-line plain scalars, comments, tags, enumeration values.
    static func registers(_ count: Int, entry: (Int) -> String = entry) -> String {
        "# \(count) registers\nversion: 1\ngroups: []\nregisters:\n" + (0..<count).map(entry).joined()
    }

    static func entry(_ index: Int) -> String {
        // A distinct encoding for each of up to 2048 entries.
        let encoding = "S3_\((index >> 8) & 7)_C\((index >> 4) & 15)_C\(index & 15)_1"
        return switch index % 4 {
        case 0:
            """
              - name: REG\(index)_EL1
                encoding: \(encoding)
                doc: 'quoted ''text'' \(index)'
                fields:
                  - {res0: "63:32"}
                  - {field: "31:4", name: F\(index)}
                  - enum: "3:0"
                    name: E\(index)
                    values: {A: 0b0000, B: 0b0001}

            """
        case 1:
            """
              # a comment at the entry's indentation
              - name: !!str REG\(index)_EL1
                encoding: "\(encoding)"
                doc: >-
                  folded text that
                  runs on
            """ + "\n"
        case 2:
            """
              - {name: REG\(index)_EL1, encoding: \(encoding),
                 doc: "a flow mapping on two lines"}

            """
        default:
            """
              - name: REG\(index)_EL1
                encoding: \(encoding)
                doc: a plain scalar
                  continued on a second line

            """
        }
    }

    /// Every node of both trees, compared: kind, place, text, style and tag.
    static func expectSame(_ a: YAMLNode, _ b: YAMLNode) {
        #expect(a.line == b.line && a.column == b.column, "\(a.line):\(a.column) against \(b.line):\(b.column)")
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            #expect(x.string == y.string && x.style == y.style && x.tag == y.tag, "\(x.string) against \(y.string)")
        case (.mapping(let x), .mapping(let y)):
            #expect(x.count == y.count)
            for (p, q) in zip(x, y) {
                expectSame(p.key, q.key)
                expectSame(p.value, q.value)
            }
        case (.sequence(let x), .sequence(let y)):
            #expect(x.count == y.count)
            for (p, q) in zip(x, y) { expectSame(p, q) }
        default:
            Issue.record("a node of another kind at \(a.line):\(a.column)")
        }
    }

    /// The file parsed both ways: the same tree, or the same diagnostics.
    static func expectSameParse(_ text: String) {
        let data = Data(text.utf8)
        #expect(data.count >= YAMLLoader.halvingSize)
        let halved = Result { () throws(DiagnosticList) in try YAMLLoader.parse(data, path: "r.yaml", inHalves: true) }
        let whole = Result { () throws(DiagnosticList) in try YAMLLoader.parse(data, path: "r.yaml", inHalves: false) }
        switch (halved, whole) {
        case (.success(let a), .success(let b)): expectSame(a.root, b.root)
        case (.failure(let a), .failure(let b)): #expect(a.description == b.description)
        default: Issue.record("one parse failed, the other did not")
        }
    }

    @Test("a large file: the same tree as in one piece, lines and columns included")
    func sameTree() throws {
        let text = Self.registers(600)
        Self.expectSameParse(text)
        // And it validates (its entries read on every core) to the model of the whole.
        let data = Data(text.utf8)
        let halved = try RegisterFileValidator.validate(YAMLLoader.parse(data, path: "r.yaml", inHalves: true))
        let whole = try RegisterFileValidator.validate(YAMLLoader.parse(data, path: "r.yaml", inHalves: false))
        #expect(halved.entries.count == 600)
        #expect(try dumpJSON(halved) == dumpJSON(whole))
    }

    /// `first`, `middle` and `last`, padded by a comment so that the file is cut at the first
    /// line of `middle` after its first (the first line at or after the middle of the file
    /// that starts with `  - `).
    static func cutInside(_ middle: String, after first: String, before last: String) -> String {
        // Cut at the first such line after `first.count + 1` bytes: a file of twice that.
        let padding = 2 * (first.utf8.count + 1) - first.utf8.count - middle.utf8.count - last.utf8.count - 2
        return first + middle + last + "#" + String(repeating: "x", count: max(padding, 0)) + "\n"
    }

    @Test("cut anywhere: after a block scalar, in a flow collection, in a quoted scalar, after a plain scalar")
    func cutAnywhere() {
        let first = Self.registers(300)
        let last = Self.registers(3).split(separator: "\n", maxSplits: 4)[4]
        // Each middle's second line starts with `  - `; the file is cut there.
        let middles = [
            "  - name: BLOCK_EL1\n    doc: |\n      text\n  - name: AFTER_BLOCK_EL1\n",
            "  - [FLOW,\n  - inside a flow sequence]\n",
            "  - \"a quoted scalar\n  - that runs on\"\n",
            "  - plain\n  - another\n",
            "  - name: LAST_EL1\n  - {name: X_EL1, encoding: S3_0_C0_C0_0,\n  - doc: a flow mapping}\n",
        ]
        for middle in middles {
            Self.expectSameParse(Self.cutInside(middle, after: first, before: String(last)))
        }
        // A top-level block scalar holding lines like entries, then the registers.
        let literal = (0..<3000).map { "  - line \($0)\n" }.joined()
        Self.expectSameParse("version: 1\ndoc: |\n" + literal + "registers:\n  - name: A_EL1\n")
        // Windows line breaks.
        Self.expectSameParse(Self.registers(600).replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("a problem in either half: the whole file's diagnostic")
    func problems() {
        let entries = Self.registers(600)
        let lines = entries.split(separator: "\n", omittingEmptySubsequences: false)
        for broken in [lines.count / 4, 3 * lines.count / 4] {
            var copy = lines
            copy[broken] += " : {"
            Self.expectSameParse(copy.joined(separator: "\n"))
        }
        // A key after the registers, at the top level: the second half is no sequence.
        Self.expectSameParse(entries + "extra: 1\n")
        // Two documents.
        Self.expectSameParse(entries + "---\nversion: 1\n")
        // A repeated key in an entry of the second half.
        Self.expectSameParse(entries + "  - name: A_EL1\n    name: B_EL1\n")
    }

    @Test("problems of the model in both halves: the same diagnostics, in file order")
    func modelProblems() throws {
        // Every entry's encoding repeated a hundred entries on, a field list short of bit 0 in each.
        let text = Self.registers(600) { index in
            Self.entry(index % 100).replacingOccurrences(of: "REG\(index % 100)_", with: "REG\(index)_")
                .replacingOccurrences(of: "\"31:4\"", with: "\"31:5\"")
        }
        let data = Data(text.utf8)
        func problems(inHalves: Bool) throws -> String {
            let document = try YAMLLoader.parse(data, path: "r.yaml", inHalves: inHalves)
            let error = try #require(throws: DiagnosticList.self) { try RegisterFileValidator.validate(document) }
            return error.description
        }
        let halved = try problems(inHalves: true)
        #expect(halved == (try problems(inHalves: false)))
        #expect(halved.split(separator: "\n").count > 600)
    }
}
