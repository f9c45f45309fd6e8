import Foundation
import Testing

@testable import SysRegGenKit

/// One bad register file and exactly what the generator must say about it.
struct BadInput: CustomTestStringConvertible, Sendable {
    /// What is wrong, as the test's name.
    var name: String
    /// The file's bytes.
    var bytes: Data
    /// Every diagnostic and note, one per line, as printed.
    var expected: String

    var testDescription: String { name }

    /// `smallFile` with `original` replaced by `replacement` (which must occur exactly once).
    init(_ name: String, replacing original: String, with replacement: String, _ expected: String) {
        precondition(smallFile.components(separatedBy: original).count == 2, "'\(original)' must occur once")
        self.init(name, text: smallFile.replacingOccurrences(of: original, with: replacement), expected)
    }

    /// A whole file given as text.
    init(_ name: String, text: String, _ expected: String) {
        self.init(name, bytes: Data(text.utf8), expected)
    }

    /// A whole file given as bytes.
    init(_ name: String, bytes: Data, _ expected: String) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }
}

/// The file shared by the cases: the small fixture's SP_EL0 entry, which several cases extend.
private let spEL0 = "  - name: SP_EL0\n    encoding: S3_0_C4_C1_0\n"

let badInputs: [BadInput] = [
    // The file as a whole.
    BadInput("an empty file", text: "", "t.yaml:1:1: error: file is empty"),
    BadInput("only comments", text: "# nothing here\n", "t.yaml:1:1: error: file is empty"),
    BadInput(
        "a file that is not UTF-8", bytes: Data("version: 1\ngr".utf8) + Data([0xC3, 0x28]) + Data("oups:\n".utf8),
        "t.yaml:2:3: error: file is not valid UTF-8"),
    BadInput(
        "a top level that is a sequence", text: "- version: 1\n",
        "t.yaml:1:1: error: the register file must be a mapping"),
    BadInput(
        "a YAML syntax error", replacing: "    class: immediate\n    group: common",
        with: "    class: [immediate\n    group: common",
        """
        t.yaml:41:10: error: YAML syntax: did not find expected ',' or ']'
        t.yaml:40:12: note: while parsing a flow sequence
        """),
    BadInput(
        "a tab used for indentation", replacing: "    class: immediate\n    group: common",
        with: "    class: immediate\n\tgroup: common",
        "t.yaml:41:1: error: YAML syntax: found a tab character that violates indentation\nt.yaml:40:12: note: while scanning a plain scalar"
    ),
    BadInput(
        "a duplicate key", replacing: "    class: immediate\n    group: common",
        with: "    class: immediate\n    class: deferred\n    group: common",
        "t.yaml:40:5: error: duplicate key 'class' in mapping"),
    BadInput(
        "an unsupported schema version", replacing: "version: 1\n", with: "version: 2\n",
        "t.yaml:1:10: error: unsupported schema version '2'; this generator reads version 1"),
    BadInput(
        "a file that is too large", bytes: Data(repeating: UInt8(ascii: "#"), count: YAMLLoader.maximumSize + 1),
        "t.yaml:1:1: error: file is 16777217 bytes, more than the limit of 16777216 bytes"),

    // Keys.
    BadInput(
        "a misspelled top-level key", replacing: "registers:\n", with: "registres:\n",
        """
        t.yaml:1:1: error: missing key 'registers' in the register file
        t.yaml:8:1: error: unknown key 'registres' in the register file; did you mean 'registers'?
        """),
    BadInput(
        "a misspelled register key", replacing: "    doc: System", with: "    dco: System",
        "t.yaml:18:5: error: unknown key 'dco' in a register; did you mean 'doc'?"),
    BadInput(
        "a misspelled group key", replacing: "    shared-with-host: true", with: "    shared-with-hosts: true",
        "t.yaml:7:5: error: unknown key 'shared-with-hosts' in a group; did you mean 'shared-with-host'?"),
    BadInput(
        "an unknown key with no close match", replacing: "    group: common",
        with: "    group: common\n    colour: red",
        "t.yaml:42:5: error: unknown key 'colour' in a register"),
    BadInput(
        "a missing required key", replacing: "    encoding: S3_0_C4_C1_0\n", with: "",
        "t.yaml:38:5: error: missing key 'encoding' in a register"),
    BadInput(
        "a required key without a value", replacing: "    encoding: S3_0_C4_C1_0\n", with: "    encoding:\n",
        "t.yaml:38:5: error: 'encoding' in a register must have a value"),
    BadInput(
        "a group without a class", replacing: "    class: immediate\n    group: common", with: "    group: common",
        "t.yaml:40:12: error: a register with 'group' needs 'class' too: a register is in the vcpu's context with both or neither"
    ),

    // Types and empty values.
    BadInput(
        "registers given as a mapping", text: "version: 1\ngroups: []\nregisters: {}\n",
        "t.yaml:3:12: error: 'registers' must be a sequence"),
    BadInput(
        "a register that is a string", replacing: spEL0 + "    class: immediate\n    group: common\n",
        with: "  - SP_EL0\n",
        "t.yaml:38:5: error: a register must be a mapping"),
    BadInput(
        "a name that is a sequence", replacing: "  - name: SP_EL0", with: "  - name: [SP_EL0]",
        "t.yaml:38:11: error: a register name must be a string"),
    BadInput(
        "a boolean that is not true or false", replacing: "shared-with-host: true", with: "shared-with-host: maybe",
        "t.yaml:7:23: error: 'shared-with-host' must be true or false"),
    BadInput(
        "an empty name", replacing: "  - name: SP_EL0", with: "  - name: \"\"",
        "t.yaml:38:11: error: a register name must not be empty"),
    BadInput(
        "an empty doc", replacing: "    doc: System Control Register (EL1)", with: "    doc: ''",
        "t.yaml:18:10: error: 'doc' must not be empty"),

    // Register names.
    BadInput(
        "a duplicate register", replacing: spEL0, with: "  - name: SCTLR_EL1\n    encoding: S3_0_C4_C1_0\n",
        """
        t.yaml:38:11: error: duplicate register 'SCTLR_EL1'
        t.yaml:9:11: note: register 'SCTLR_EL1' is defined here
        """),
    BadInput(
        "a name that is not an identifier", replacing: "  - name: SP_EL0", with: "  - name: SP-EL0",
        "t.yaml:38:11: error: a register name 'SP-EL0' is not a Swift identifier (ASCII letters, digits and '_', not first a digit)"
    ),
    BadInput(
        "a name that starts with a digit", replacing: "  - name: SP_EL0", with: "  - name: 0SP_EL0",
        "t.yaml:38:11: error: a register name '0SP_EL0' is not a Swift identifier (ASCII letters, digits and '_', not first a digit)"
    ),
    BadInput(
        "a name not in the Arm ARM style", replacing: "  - name: SP_EL0", with: "  - name: Sp_El0",
        "t.yaml:38:11: error: register name 'Sp_El0' is not in the Arm ARM style NAME_ELx (upper case, ending in _EL0 to _EL3); for a register the Arm ARM names without a suffix, such as FPCR, add 'unsuffixed: true'"
    ),
    BadInput(
        "a name without an _ELx suffix", replacing: "  - name: SP_EL0", with: "  - name: FPCR",
        "t.yaml:38:11: error: register name 'FPCR' is not in the Arm ARM style NAME_ELx (upper case, ending in _EL0 to _EL3); for a register the Arm ARM names without a suffix, such as FPCR, add 'unsuffixed: true'"
    ),
    BadInput(
        "an unsuffixed register with a suffix", replacing: "    group: common",
        with: "    group: common\n    unsuffixed: true",
        "t.yaml:38:11: error: register 'SP_EL0' has an _ELx suffix, so it cannot be 'unsuffixed'"),

    // Encodings.
    BadInput(
        "a truncated encoding", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C4_C1",
        "t.yaml:39:25: error: malformed 'encoding' 'S3_0_C4_C1': expected '_', found the end; the form is S<op0>_<op1>_C<CRn>_C<CRm>_<op2>"
    ),
    BadInput(
        "trailing garbage after an encoding", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C4_C1_0x",
        "t.yaml:39:27: error: malformed 'encoding' 'S3_0_C4_C1_0x': expected the end of the encoding, found 'x'; the form is S<op0>_<op1>_C<CRn>_C<CRm>_<op2>"
    ),
    BadInput(
        "a lower-case encoding", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: s3_0_c4_c1_0",
        "t.yaml:39:15: error: malformed 'encoding' 's3_0_c4_c1_0': expected 'S', found 's'; the form is S<op0>_<op1>_C<CRn>_C<CRm>_<op2>"
    ),
    BadInput(
        "a field with a leading zero", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C04_C1_0",
        "t.yaml:39:21: error: malformed 'encoding' 'S3_0_C04_C1_0': expected a number for CRn without leading zeros, found '0'; the form is S<op0>_<op1>_C<CRn>_C<CRm>_<op2>"
    ),
    BadInput(
        "op0 1, an instruction rather than a register", replacing: "encoding: S3_0_C4_C1_0",
        with: "encoding: S1_0_C4_C1_0",
        "t.yaml:39:16: error: op0 is 1 in 'encoding' 'S1_0_C4_C1_0'; MRS/MSR system registers have op0 2 or 3"),
    BadInput(
        "op0 beyond its two bits", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S4_0_C4_C1_0",
        "t.yaml:39:16: error: op0 is 4 in 'encoding' 'S4_0_C4_C1_0'; MRS/MSR system registers have op0 2 or 3"),
    BadInput(
        "op1 out of range", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_8_C4_C1_0",
        "t.yaml:39:18: error: op1 is 8 in 'encoding' 'S3_8_C4_C1_0', out of range 0..7"),
    BadInput(
        "CRn out of range", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C16_C1_0",
        "t.yaml:39:21: error: CRn is 16 in 'encoding' 'S3_0_C16_C1_0', out of range 0..15"),
    BadInput(
        "CRm out of range", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C4_C31_0",
        "t.yaml:39:24: error: CRm is 31 in 'encoding' 'S3_0_C4_C31_0', out of range 0..15"),
    BadInput(
        "op2 out of range in a quoted encoding", replacing: "encoding: S3_0_C4_C1_0",
        with: "encoding: \"S3_0_C4_C1_9\"",
        "t.yaml:39:27: error: op2 is 9 in 'encoding' 'S3_0_C4_C1_9', out of range 0..7"),
    BadInput(
        "two registers with one encoding", replacing: "encoding: S3_0_C4_C1_0", with: "encoding: S3_0_C1_C0_0",
        """
        t.yaml:39:15: error: encoding S3_0_C1_C0_0 of 'SP_EL0' is already that of 'SCTLR_EL1'
        t.yaml:10:15: note: 'SCTLR_EL1' is defined here
        """),
    BadInput(
        "an el12 that is not the op1 = 5 form", replacing: "el12: S3_5_C1_C0_0", with: "el12: S3_5_C1_C0_1",
        "t.yaml:11:11: error: 'el12' of 'SCTLR_EL1' must be its encoding with op1 = 5 (S3_5_C1_C0_0), not S3_5_C1_C0_1"),
    BadInput(
        "an el12 on an EL2 register", replacing: spEL0,
        with: "  - name: ELR_EL2\n    encoding: S3_4_C4_C0_1\n    el12: S3_5_C4_C0_1\n",
        "t.yaml:40:11: error: only an *_EL1 or *_EL0 register has an EL12/EL02 alias; 'ELR_EL2' is not one"),
    // E2H redirects only *_EL1 registers with op1 = 0 and *_EL0 registers with op1 = 3: SP_EL1 is
    // S3_4_C4_C1_0 and SP_EL0 S3_0_C4_C1_0 (llvm-objdump names both; ShippedRegisterFileTests).
    BadInput(
        "an el12 on an EL1 register E2H does not redirect (op1 = 4)", replacing: spEL0,
        with: "  - name: SP_EL1\n    encoding: S3_4_C4_C1_0\n    el12: S3_5_C4_C1_0\n",
        "t.yaml:40:11: error: 'SP_EL1' has op1 = 4, so E2H does not redirect it and it has no EL12/EL02 alias: only an *_EL1 register with op1 = 0 or an *_EL0 register with op1 = 3 has one"
    ),
    BadInput(
        "an el12 on an EL0 register E2H does not redirect (op1 = 0)", replacing: spEL0,
        with: spEL0 + "    el12: S3_5_C4_C1_0\n",
        "t.yaml:40:11: error: 'SP_EL0' has op1 = 0, so E2H does not redirect it and it has no EL12/EL02 alias: only an *_EL1 register with op1 = 0 or an *_EL0 register with op1 = 3 has one"
    ),
    BadInput(
        "a register whose encoding is another's el12 alias", replacing: "encoding: S3_0_C4_C1_0",
        with: "encoding: S3_5_C2_C0_0",
        """
        t.yaml:39:15: error: encoding S3_5_C2_C0_0 of 'SP_EL0' is already that of 'TTBR0_EL12'
        t.yaml:21:11: note: 'TTBR0_EL12' is defined here
        """),
    BadInput(
        "a via register that collides with a register", replacing: "      encoding: S3_4_C0_C0_5",
        with: "      encoding: S3_0_C2_C0_0",
        """
        t.yaml:37:17: error: encoding S3_0_C2_C0_0 of 'VMPIDR_EL2' is already that of 'TTBR0_EL1'
        t.yaml:20:15: note: 'TTBR0_EL1' is defined here
        """),

    // Classes and groups.
    BadInput(
        "an unknown class", replacing: "    class: immediate\n    group: common",
        with: "    class: eager\n    group: common",
        "t.yaml:40:12: error: 'class' must be 'deferred' or 'immediate', not 'eager'"),
    // The importer's undecided entry: both fields are reported in one run, and the group the
    // entry was in is then empty.
    BadInput(
        "class and group both TODO", replacing: "    class: immediate\n    group: common",
        with: "    class: TODO\n    group: TODO",
        """
        t.yaml:5:11: error: group 'common' has no registers
        t.yaml:40:12: error: 'class' must be 'deferred' or 'immediate', not 'TODO'
        t.yaml:41:12: error: group 'TODO' is not declared
        """),
    BadInput(
        "a bad name, a bad encoding and an undeclared group in one entry",
        replacing: spEL0 + "    class: immediate\n    group: common",
        with: "  - name: sp_el0\n    encoding: S3_0_C4_C1\n    class: immediate\n    group: comon",
        """
        t.yaml:5:11: error: group 'common' has no registers
        t.yaml:38:11: error: register name 'sp_el0' is not in the Arm ARM style NAME_ELx (upper case, ending in _EL0 to _EL3); for a register the Arm ARM names without a suffix, such as FPCR, add 'unsuffixed: true'
        t.yaml:39:25: error: malformed 'encoding' 'S3_0_C4_C1': expected '_', found the end; the form is S<op0>_<op1>_C<CRn>_C<CRm>_<op2>
        t.yaml:41:12: error: group 'comon' is not declared; did you mean 'common'?
        """),
    BadInput(
        "a group with a bad doc is still checked against its registers",
        text: smallFile.replacingOccurrences(
            of: "    shared-with-host: true\n", with: "    shared-with-host: true\n    doc: \"a\\nb\"\n"
        ).replacingOccurrences(
            of: "    class: immediate\n    group: common", with: "    class: deferred\n    group: common"),
        """
        t.yaml:8:10: error: 'doc' must be a single line of printable text; U+000A is not allowed
        t.yaml:41:12: error: deferred register 'SP_EL0' is in group 'common', which is not switched at load-put
        t.yaml:5:11: note: group 'common' is declared here
        """),
    BadInput(
        "a deferred register in an entry-exit group", replacing: "    class: immediate\n    group: common",
        with: "    class: deferred\n    group: common",
        """
        t.yaml:40:12: error: deferred register 'SP_EL0' is in group 'common', which is not switched at load-put
        t.yaml:5:11: note: group 'common' is declared here
        """),
    BadInput(
        "a group that is referenced but not declared", replacing: "    group: common", with: "    group: comon",
        """
        t.yaml:5:11: error: group 'common' has no registers
        t.yaml:41:12: error: group 'comon' is not declared; did you mean 'common'?
        """),
    BadInput(
        "a group that is declared and empty", replacing: "registers:\n",
        with: "  - name: spare\n    switched: entry-exit\nregisters:\n",
        "t.yaml:8:11: error: group 'spare' has no registers"),
    BadInput(
        "a duplicate group", replacing: "registers:\n",
        with: "  - name: common\n    switched: entry-exit\nregisters:\n",
        """
        t.yaml:8:11: error: duplicate group 'common'
        t.yaml:5:11: note: group 'common' is defined here
        """),
    BadInput(
        "an unknown switch point", replacing: "switched: entry-exit", with: "switched: always",
        "t.yaml:6:15: error: 'switched' must be 'entry-exit' or 'load-put', not 'always'"),
    BadInput(
        "an unknown condition", replacing: "    shared-with-host: true", with: "    condition: aarch64",
        "t.yaml:7:16: error: 'condition' must be 'aarch32-el1', not 'aarch64'"),
    BadInput(
        "a conditional group shared with the host", replacing: "    shared-with-host: true",
        with: "    shared-with-host: true\n    condition: aarch32-el1",
        "t.yaml:5:11: error: group 'common' cannot be both conditional and shared with the host, which never runs AArch32 at EL1"
    ),

    // AArch32 counterparts.
    BadInput(
        "a malformed coprocessor encoding", replacing: "encoding: p15, 0, c1, c0, 0", with: "encoding: p15, 0, c1, c0",
        "t.yaml:16:33: error: malformed an AArch32 'encoding' 'p15, 0, c1, c0': expected ',', found the end; the form is 'p15, <opc1>, c<CRn>, c<CRm>, <opc2>' or 'p15, <opc1>, c<CRm>'"
    ),
    BadInput(
        "a coprocessor field out of range", replacing: "encoding: p15, 0, c1, c0, 0",
        with: "encoding: p15, 0, c1, c0, 8",
        "t.yaml:16:35: error: opc2 is 8 in an AArch32 'encoding' 'p15, 0, c1, c0, 8', out of range 0..7"),
    BadInput(
        "a 64-bit counterpart that claims a half", replacing: "encoding: p15, 0, c2\n        part: all",
        with: "encoding: p15, 0, c2\n        part: high",
        "t.yaml:30:15: error: a 64-bit (MRRC/MCRR) counterpart has all 64 bits: its 'part' must be 'all'"),
    BadInput(
        "a 32-bit counterpart that claims all 64 bits", replacing: "    part: low\n    doc:",
        with: "    part: all\n    doc:",
        "t.yaml:17:15: error: 'part: all' needs the 64-bit (MRRC/MCRR) form of the encoding, such as 'p15, 0, c2'"),
    BadInput(
        "two counterparts claiming the same half", replacing: "encoding: p15, 0, c2\n        part: all",
        with: "encoding: p15, 0, c2, c0, 1\n        part: low",
        """
        t.yaml:30:15: error: AArch32 'TTBR0_64' claims the low half of 'TTBR0_EL1', already claimed by 'TTBR0'
        t.yaml:25:15: note: 'TTBR0' is defined here
        """),
    BadInput(
        "two counterparts with one coprocessor encoding", replacing: "encoding: p15, 0, c2, c0, 0",
        with: "encoding: p15, 0, c1, c0, 0",
        """
        t.yaml:26:19: error: encoding 'p15, 0, c1, c0, 0' of AArch32 'TTBR0' is already that of AArch32 'SCTLR'
        t.yaml:16:19: note: AArch32 'SCTLR' is defined here
        """),
    BadInput(
        "a duplicate AArch32 name", replacing: "      - name: TTBR0_64", with: "      - name: SCTLR",
        """
        t.yaml:28:15: error: duplicate AArch32 register 'SCTLR'
        t.yaml:15:15: note: AArch32 register 'SCTLR' is defined here
        """),

    // Expansion and injection.
    BadInput(
        "an anchor and an alias", replacing: "    class: immediate\n    group: common",
        with: "    class: &c immediate\n    group: *c",
        "t.yaml:40:12: error: YAML anchors and aliases are not allowed in a register file"),
    BadInput(
        "a merge key", replacing: "    group: common", with: "    group: common\n    <<: {doc: merged}",
        "t.yaml:42:5: error: YAML merge keys (<<) are not allowed in a register file"),
    BadInput(
        "an alias bomb",
        text:
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
        "t.yaml:1:4: error: YAML anchors and aliases are not allowed in a register file"),
    BadInput(
        "a doc with a line break", replacing: "    doc: System Control Register (EL1)",
        with: "    doc: \"System\\n*/ func evil() {}\"",
        "t.yaml:18:10: error: 'doc' must be a single line of printable text; U+000A is not allowed"),
    BadInput(
        "a doc with a bidirectional override", replacing: "    doc: System Control Register (EL1)",
        with: "    doc: \"System \\u202E Control\"",
        "t.yaml:18:10: error: 'doc' must be a single line of printable text; U+202E is not allowed"),
]

@Suite("Bad input: every problem with its exact line, column and message")
struct BadInputTests {
    @Test("the fixture itself is valid")
    func fixtureIsValid() throws {
        _ = try validate(smallFile)
    }

    @Test(arguments: badInputs)
    func rejected(_ input: BadInput) throws {
        let error = try #require(throws: DiagnosticList.self) {
            try RegisterFileValidator.validate(try YAMLLoader.parse(input.bytes, path: "t.yaml"))
        }
        #expect(error.description == input.expected)
    }

    @Test("there are at least 40 cases")
    func enoughCases() {
        #expect(badInputs.count >= 40)
    }
}
