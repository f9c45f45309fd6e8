import Foundation
import Testing

@testable import SysRegGenKit

/// A register file with fields, a shared layout, a prefixed layout, a reset value and aliases,
/// whose every position is known. The layouts are the test's own, not the Arm ARM's.
let fieldsFile = """
    version: 1
    groups:
      - name: el1
        switched: load-put
    registers:
      - layout: SPSR_ELx
        fields:
          - {res0: "63:4"}
          - enum: "3:0"
            name: M
            signed: false
            values: {EL0: 0b0000, EL1h: 0b0101}
      - name: SPSR_EL1
        encoding: S3_0_C4_C0_0
        fields: SPSR_ELx
      - name: SCTLR_EL1
        encoding: S3_0_C1_C0_0
        el12: S3_5_C1_C0_0
        class: deferred
        group: el1
        reset: 0x30D00800
        prefixed:
          - prefix: FEAT_X
            fields:
              - {field: "63:0", name: ALL}
        fields:
          - {res0: "63:32"}
          - {field: "31:1", name: Rest}
          - {field: "0", name: M}
      - name: SCTLR_EL12
        encoding: S3_5_C1_C0_0
        alias-of: SCTLR_EL1
      - name: SCTLRALIAS_EL1
        encoding: S3_0_C1_C4_6
        alias-of: SCTLR_EL1

    """

extension BadInput {
    /// `fieldsFile` with `original` replaced by `replacement` (which must occur exactly once).
    init(fields name: String, replacing original: String, with replacement: String, _ expected: String) {
        precondition(fieldsFile.components(separatedBy: original).count == 2, "'\(original)' must occur once")
        self.init(name, text: fieldsFile.replacingOccurrences(of: original, with: replacement), expected)
    }
}

let fieldBadInputs: [BadInput] = [
    BadInput(
        fields: "a field that leaves a gap", replacing: "\"31:1\"", with: "\"31:2\"",
        "t.yaml:29:17: error: field 'M' of 'SCTLR_EL1' starts at bit 0, expected 1: fields cover bits 63 to 0 once each, in descending order"
    ),
    BadInput(
        fields: "a field that overlaps", replacing: "\"31:1\"", with: "\"32:1\"",
        "t.yaml:28:17: error: field 'Rest' of 'SCTLR_EL1' starts at bit 32, expected 31: fields cover bits 63 to 0 once each, in descending order"
    ),
    BadInput(
        fields: "fields that stop above bit 0", replacing: "      - {field: \"0\", name: M}\n", with: "",
        "t.yaml:27:7: error: the fields of 'SCTLR_EL1' leave bit 0 undescribed: fields cover bits 63 to 0"),
    BadInput(
        fields: "fields in ascending order",
        replacing: "      - {res0: \"63:32\"}\n      - {field: \"31:1\", name: Rest}\n      - {field: \"0\", name: M}",
        with: "      - {field: \"0\", name: M}\n      - {field: \"31:1\", name: Rest}\n      - {res0: \"63:32\"}",
        """
        t.yaml:27:17: error: field 'M' of 'SCTLR_EL1' starts at bit 0, expected 63: fields cover bits 63 to 0 once each, in descending order
        t.yaml:28:17: error: field 'Rest' of 'SCTLR_EL1' is past bit 0: the fields already cover bits 63 to 0
        t.yaml:29:16: error: RES0 range of 'SCTLR_EL1' starts at bit 63, expected 0: fields cover bits 63 to 0 once each, in descending order
        """),
    BadInput(
        fields: "malformed bits", replacing: "{res0: \"63:32\"}", with: "{res0: \"64:32\"}",
        """
        t.yaml:27:16: error: malformed bits '64:32': the form is 'msb:lsb' or one bit, from 63 to 0, msb not below lsb
        t.yaml:28:17: error: field 'Rest' of 'SCTLR_EL1' starts at bit 31, expected 63: fields cover bits 63 to 0 once each, in descending order
        """),
    BadInput(
        fields: "bits with msb below lsb", replacing: "{field: \"31:1\"", with: "{field: \"1:31\"",
        """
        t.yaml:28:17: error: malformed bits '1:31': the form is 'msb:lsb' or one bit, from 63 to 0, msb not below lsb
        t.yaml:29:17: error: field 'M' of 'SCTLR_EL1' starts at bit 0, expected 31: fields cover bits 63 to 0 once each, in descending order
        """),
    BadInput(
        fields: "an enum value too wide for its field", replacing: "EL1h: 0b0101", with: "EL1h: 0b10101",
        "t.yaml:12:37: error: value 0b10101 of 'EL1h' does not fit the 4-bit field 'M'"),
    BadInput(
        fields: "a duplicate enum value", replacing: "EL1h: 0b0101", with: "EL1h: 0b0000",
        """
        t.yaml:12:37: error: value 0b0000 of 'EL1h' is already that of 'EL0' in 'M'
        t.yaml:12:18: note: 'EL0' is defined here
        """),
    BadInput(
        fields: "a duplicate enum value name", replacing: "EL1h: 0b0101", with: "EL0: 0b0101",
        "t.yaml:12:18: error: duplicate key 'EL0' in mapping"),
    BadInput(
        fields: "an enum value that is not binary", replacing: "EL1h: 0b0101", with: "EL1h: 5",
        "t.yaml:12:37: error: value '5' of 'EL1h' must be binary, such as 0b0001"),
    BadInput(
        fields: "a duplicate field name", replacing: "name: Rest", with: "name: M",
        """
        t.yaml:29:28: error: duplicate field 'M' in 'SCTLR_EL1'
        t.yaml:28:31: note: field 'M' is defined here
        """),
    BadInput(
        fields: "a reference to an undeclared layout", replacing: "fields: SPSR_ELx", with: "fields: SPSR_ELX",
        "t.yaml:15:13: error: shared layout 'SPSR_ELX' of 'SPSR_EL1' is not declared; did you mean 'SPSR_ELx'?"),
    BadInput(
        fields: "a duplicate shared layout", replacing: "  - name: SPSR_EL1\n",
        with: "  - layout: SPSR_ELx\n    fields: [{res0: \"63:0\"}]\n  - name: SPSR_EL1\n",
        """
        t.yaml:13:13: error: duplicate shared layout 'SPSR_ELx'
        t.yaml:6:13: note: shared layout 'SPSR_ELx' is defined here
        """),
    BadInput(
        fields: "a reset value that sets RES0 bits", replacing: "reset: 0x30D00800", with: "reset: 0x130D00800",
        "t.yaml:21:12: error: reset value of 'SCTLR_EL1' sets RES0 bits 0x100000000"),
    BadInput(
        fields: "a reset value that clears RES1 bits", replacing: "{res0: \"63:32\"}", with: "{res1: \"63:32\"}",
        "t.yaml:21:12: error: reset value of 'SCTLR_EL1' clears RES1 bits 0xFFFFFFFF00000000"),
    BadInput(
        fields: "a reset value that is not a number", replacing: "reset: 0x30D00800", with: "reset: 0x30G",
        "t.yaml:21:12: error: 'reset' must be a 64-bit number such as 0x30D00800, not '0x30G'"),
    BadInput(
        fields: "an alias of a register the file does not have",
        replacing: "S3_0_C1_C4_6\n    alias-of: SCTLR_EL1", with: "S3_0_C1_C4_6\n    alias-of: SCTLR_EL2",
        "t.yaml:35:15: error: 'SCTLRALIAS_EL1' is an alias of 'SCTLR_EL2', which is not a register of the file; did you mean 'SCTLR_EL1'?"
    ),
    BadInput(
        fields: "an alias with fields", replacing: "S3_0_C1_C4_6\n", with: "S3_0_C1_C4_6\n    fields: SPSR_ELx\n",
        "t.yaml:35:13: error: 'SCTLRALIAS_EL1' is an alias of 'SCTLR_EL1', whose fields it has: an alias has no 'fields'"
    ),
    BadInput(
        fields: "a class without a group", replacing: "    group: el1\n", with: "",
        """
        t.yaml:3:11: error: group 'el1' has no registers
        t.yaml:19:12: error: a register with 'class' needs 'group' too: a register is in the vcpu's context with both or neither
        """),
    BadInput(
        fields: "a field with two kinds", replacing: "{field: \"0\", name: M}",
        with: "{field: \"0\", raz: \"0\", name: M}",
        "t.yaml:29:22: error: a field has one kind, but this one has 'field' and 'raz'"),
    BadInput(
        fields: "a field without bits", replacing: "{field: \"0\", name: M}", with: "{name: M}",
        """
        t.yaml:27:7: error: the fields of 'SCTLR_EL1' leave bit 0 undescribed: fields cover bits 63 to 0
        t.yaml:29:9: error: a field needs its bits under one of 'field', 'enum', 'res0', 'res1', 'unkn', 'raz'
        """),
    BadInput(
        fields: "a field without a name", replacing: "{field: \"0\", name: M}", with: "{field: \"0\"}",
        "t.yaml:29:9: error: a 'field' needs a 'name'"),
    BadInput(
        fields: "a reserved range with a name", replacing: "{res0: \"63:32\"}", with: "{res0: \"63:32\", name: R}",
        "t.yaml:27:31: error: a 'res0' range has no 'name'"),
    BadInput(
        fields: "values on a plain field", replacing: "{field: \"0\", name: M}",
        with: "{field: \"0\", name: M, values: {A: 0b1}}",
        "t.yaml:29:39: error: only an 'enum' has 'values'"),
    BadInput(
        fields: "a duplicate prefix", replacing: "          - {field: \"63:0\", name: ALL}\n",
        with: "          - {field: \"63:0\", name: ALL}\n      - prefix: FEAT_X\n        fields: [{raz: \"63:0\"}]\n",
        """
        t.yaml:26:17: error: duplicate prefix 'FEAT_X' in 'SCTLR_EL1'
        t.yaml:23:17: note: prefix 'FEAT_X' is defined here
        """),
]

/// A repeated field name and a repeated enumeration value in lists longer than the validator
/// searches one by one (``FirstSeen``, 32 keys): the repeat comes after the list is hashed.
let longListBadInputs: [BadInput] = {
    // SCTLR_EL1's fields become one bit each, `B63` to `B1` from line 27 on, and bit 0
    // named `B63` again.
    let bits = (1...63).reversed().map { "      - {field: \"\($0)\", name: B\($0)}\n" }.joined()
    let names = BadInput(
        fields: "a duplicate field name in a long list",
        replacing:
            "      - {res0: \"63:32\"}\n      - {field: \"31:1\", name: Rest}\n      - {field: \"0\", name: M}\n",
        with: bits + "      - {field: \"0\", name: B63}\n",
        """
        t.yaml:90:28: error: duplicate field 'B63' in 'SCTLR_EL1'
        t.yaml:27:29: note: field 'B63' is defined here
        """)
    // SPSR_ELx's enumeration becomes 8 bits wide with 40 values, `V0` to `V39`, and then `VX`
    // with the value of `V5`, on line 12.
    let entries = (0..<40).map { "V\($0): 0b\(String($0, radix: 2))" } + ["VX: 0b101"]
    let line = "        values: {" + entries.joined(separator: ", ") + "}"
    func column(of text: String) -> Int {
        line.distance(from: line.startIndex, to: line.range(of: text)!.lowerBound) + 1
    }
    let values = BadInput(
        fields: "a duplicate enum value in a long list",
        replacing:
            "{res0: \"63:4\"}\n      - enum: \"3:0\"\n        name: M\n        signed: false\n        values: {EL0: 0b0000, EL1h: 0b0101}",
        with: "{res0: \"63:8\"}\n      - enum: \"7:0\"\n        name: M\n        signed: false\n" + line,
        """
        t.yaml:12:\(column(of: "0b101}")): error: value 0b101 of 'VX' is already that of 'V5' in 'M'
        t.yaml:12:\(column(of: "V5:")): note: 'V5' is defined here
        """)
    return [names, values]
}()

@Suite("Bad fields: every problem with its exact line, column and message")
struct FieldBadInputTests {
    @Test("the fixture itself is valid, and its descriptions are in file order")
    func fixtureIsValid() throws {
        let file = try validate(fieldsFile)
        #expect(file.registers.map(\.name.value) == ["SCTLR_EL1"])
        #expect(file.descriptions.map(\.name.value) == ["SPSR_EL1", "SCTLR_EL1", "SCTLR_EL12", "SCTLRALIAS_EL1"])
        let spsr = try #require(file.descriptions.first)
        // The shared layout is resolved into the register that references it.
        #expect(spsr.fields?.layout.fields.map { $0.name?.value } == [nil, "M"])
        #expect(spsr.fields?.layout.fields.last?.values.map(\.value) == [0b0000, 0b0101])
        #expect(file.registers.first?.fields?.layout.mask(of: .res0) == 0xFFFF_FFFF_0000_0000)
    }

    @Test(arguments: fieldBadInputs + longListBadInputs)
    func rejected(_ input: BadInput) throws {
        let error = try #require(throws: DiagnosticList.self) {
            try RegisterFileValidator.validate(try YAMLLoader.parse(input.bytes, path: "t.yaml"))
        }
        #expect(error.description == input.expected)
    }
}
