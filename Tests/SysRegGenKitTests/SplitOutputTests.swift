import Foundation
import Testing

@testable import SysRegGenKit

/// A template that writes its output as several files (`{{! split: KEY into N parts }}`).
@Suite("Outputs split into parts")
struct SplitOutputTests {
    /// A template (headerless unless `header`) splitting the Swift view's registers, one name a line, between a
    /// head and a tail that every part repeats.
    static func template(parts: Int, line: String = "{{name}}", header: Bool = false, by: String? = nil) -> String {
        let placement = by.map { " by \($0)" } ?? ""
        return "{{% CONTENT_TYPE: TEXT}}\n\(header ? "" : "{{! header: none }}\n")"
            + "{{! split: registers into \(parts) parts\(placement) }}\nhead\n{{#registers}}\(line)\n{{/registers}}tail\n"
    }

    @Test("a part's name numbers it before the name's first extension, padded to sort in order")
    func partNames() throws {
        let four = try #require(OutputSplit("fieldTypes into 4 parts"))
        #expect(four.key == "fieldTypes")
        #expect((0..<4).map { four.name(ofPart: $0, of: "Fields.swift") } == (1...4).map { "Fields-\($0).swift" })
        #expect(four.name(ofPart: 0, of: "names") == "names-1")
        #expect(four.name(ofPart: 1, of: "defs.tar.gz") == "defs-2.tar.gz")
        #expect(four.name(ofPart: 2, of: ".hidden.txt") == ".hidden-3.txt")
        let twelve = try #require(OutputSplit("registers into 12 parts"))
        #expect(twelve.name(ofPart: 0, of: "SysReg.swift") == "SysReg-01.swift")
        #expect(twelve.name(ofPart: 11, of: "SysReg.swift") == "SysReg-12.swift")
        for bad in ["registers into 1 parts", "registers into 100 parts", "registers in 2 parts", "registers", ""] {
            #expect(OutputSplit(bad) == nil, "\(bad)")
        }
    }

    @Test("the parts cut the section between elements, in order, of about equal size; each has the head and the tail")
    func partsAtElementBoundaries() throws {
        let file = try validate(try contents(of: packagePath("registers.yaml")))
        let names = file.registers.map(\.name.value)
        try #require(names.count >= 12)
        let view = try SwiftView(file)
        let renderer = TemplateRenderer(inputPath: "registers.yaml", regenerateCommand: "swift run sysreg-gen")
        for parts in [2, 3, 5] {
            let files = try withTemporaryFolder { folder in
                try write(Self.template(parts: parts), to: folder + "/regs.txt.mustache")
                return try renderer.render(try TemplateSet.load(folder: folder), views: [.swift: view])
            }
            #expect(files.map(\.name) == (1...parts).map { "regs-\($0).txt" })
            var lines: [[String]] = []
            for file in files {
                #expect(file.contents.hasPrefix("head\n") && file.contents.hasSuffix("\ntail\n"), "\(file.name)")
                lines.append(file.contents.split(separator: "\n").dropFirst().dropLast().map(String.init))
            }
            #expect(lines.flatMap { $0 } == names, "every register once, in order, whole")
            // Sizes within one element's size (the longest name with its line break) of an even share.
            let sizes = lines.map { $0.reduce(0) { $0 + $1.utf8.count + 1 } }
            let longest = names.map { $0.utf8.count + 1 }.max() ?? 0
            let share = sizes.reduce(0, +) / parts
            for size in sizes { #expect(abs(size - share) <= longest, "\(sizes) for \(parts) parts") }
        }
    }

    @Test("a placement key's FNV-1a hash names the part: the same on every machine and run")
    func placementHash() throws {
        let split = try #require(OutputSplit("registers into 7 parts by name"))
        #expect(split.key == "registers" && split.parts == 7 && split.placement == "name")
        // FNV-1a 64-bit test vectors from the reference code (isthe.com/chongo/tech/comp/fnv):
        // "" is the offset basis, "a" 0xaf63dc4c8601ec8c, "foobar" 0x85944171f73967e8.
        let vectors: [(String, UInt64)] = [
            ("", 0xcbf2_9ce4_8422_2325), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8),
        ]
        for parts in [2, 7, 99] {
            let split = try #require(OutputSplit("registers into \(parts) parts by name"))
            for (text, hash) in vectors { #expect(split.part(of: text) == Int(hash % UInt64(parts)), "\(text)") }
        }
        for bad in ["registers into 2 parts by", "registers into 2 parts with name", "registers into 2 parts by a b"] {
            #expect(OutputSplit(bad) == nil, "\(bad)")
        }
    }

    @Test("placed by a key, each element is in the part its key names, in order; an added one changes only its part")
    func partsPlacedByKey() throws {
        let renderer = TemplateRenderer(inputPath: "registers.yaml", regenerateCommand: "swift run sysreg-gen")
        let split = try #require(OutputSplit("registers into 5 parts by name"))
        func parts(_ yaml: String) throws -> (names: [String], files: [RenderedFile]) {
            let file = try validate(yaml)
            let files = try withTemporaryFolder { folder in
                try write(Self.template(parts: 5, by: "name"), to: folder + "/regs.txt.mustache")
                return try renderer.render(try TemplateSet.load(folder: folder), views: [.swift: try SwiftView(file)])
            }
            return (file.registers.map(\.name.value), files)
        }
        let yaml = try contents(of: packagePath("registers.yaml"))
        let before = try parts(yaml)
        for (part, file) in before.files.enumerated() {
            #expect(
                file.contents == "head\n"
                    + before.names.filter { split.part(of: $0) == part }.map { $0 + "\n" }.joined() + "tail\n")
        }
        // ACCDATA_EL1 is op0=3, op1=0, CRn=13, CRm=0, op2=5 (arch/arm64/tools/sysreg in Linux);
        // `registers` is the shipped file's last key, so the entry appends to it.
        let added = try parts(
            yaml + "  - name: ACCDATA_EL1\n    encoding: S3_0_C13_C0_5\n    class: deferred\n    group: el1\n")
        let part = split.part(of: "ACCDATA_EL1")
        for index in 0..<5 where index != part {
            #expect(added.files[index].contents == before.files[index].contents, "part \(index + 1)")
        }
        #expect(added.files[part].contents == before.files[part].contents.dropLast(5) + "ACCDATA_EL1\ntail\n")
    }

    @Test("there are always N parts: those past the last element hold only the text around the section")
    func morePartsThanElements() throws {
        let file = try validate(smallFile)
        let names = file.registers.map(\.name.value)
        let files = try withTemporaryFolder { folder in
            try write(Self.template(parts: 12), to: folder + "/regs.txt.mustache")
            let renderer = TemplateRenderer(inputPath: "test.yaml", regenerateCommand: "swift run sysreg-gen")
            return try renderer.render(try TemplateSet.load(folder: folder), views: [.swift: try SwiftView(file)])
        }
        #expect(files.map(\.name) == (1...12).map { String(format: "regs-%02d.txt", $0) })
        #expect(files.prefix(names.count).map(\.contents) == names.map { "head\n\($0)\ntail\n" })
        #expect(files.dropFirst(names.count).allSatisfy { $0.contents == "head\ntail\n" })
    }

    @Test("a split that cuts no one section of a list is an error at the directive; so is a malformed one")
    func badSplits() throws {
        try withTemporaryFolder { folder in
            let head = "{{% CONTENT_TYPE: TEXT}}\n"
            try write(head + "{{! split: registrs into 2 parts }}\n", to: folder + "/a.mustache")
            try write(head + "{{! split: vheLoadPutHost into 2 parts }}\n", to: folder + "/b.mustache")
            try write(
                head + "{{! split: registers into 2 parts }}\n{{#registers}}{{/registers}}{{#registers}}{{/registers}}",
                to: folder + "/c.mustache")
            try write(
                head
                    + "{{! split: fields into 2 parts }}\n{{#fieldTypes}}{{#fields}}{{name}}{{/fields}}{{/fieldTypes}}",
                to: folder + "/d.mustache")
            try write(head + "\n  {{! split: registers into two parts }}\n", to: folder + "/e.mustache")
            try write(
                head + "{{! split: registers into 2 parts }}\n{{^registers}}none{{/registers}}",
                to: folder + "/f.mustache")
            try write(
                head + "{{! split: registers into 2 parts by nam }}\n{{#registers}}{{name}}{{/registers}}",
                to: folder + "/g.mustache")
            try write(
                head + "{{! split: fieldTypes into 2 parts by fields }}\n{{#fieldTypes}}{{/fieldTypes}}",
                to: folder + "/h.mustache")
            let error = try #require(throws: DiagnosticList.self) { try TemplateSet.load(folder: folder) }
            #expect(
                error.description == """
                    \(folder)/a.mustache:2:1: error: the view has no list 'registrs' to split; did you mean 'registers'?
                    \(folder)/b.mustache:2:1: error: the split's list 'vheLoadPutHost' has no section {{#vheLoadPutHost}} outside every list section
                    \(folder)/c.mustache:2:1: error: the split's list 'registers' has 2 sections outside every list section; a split cuts one
                    \(folder)/d.mustache:2:1: error: the view has no list 'fields' to split
                    \(folder)/e.mustache:3:3: error: a split reads 'KEY into N parts' or 'KEY into N parts by NAME', N from 2 to 99, not 'registers into two parts'
                    \(folder)/f.mustache:2:1: error: the split's list 'registers' has no section {{#registers}} outside every list section
                    \(folder)/g.mustache:2:1: error: the elements of 'registers' have no text key 'nam' to place them by; did you mean 'name'?
                    \(folder)/h.mustache:2:1: error: the elements of 'fieldTypes' have no text key 'fields' to place them by
                    """)
        }
    }

    @Test("a part named as another template's output is an error, not a file written twice")
    func clashingPartName() throws {
        try withTemporaryFolder { folder in
            try write(Self.template(parts: 2), to: folder + "/regs.txt.mustache")
            try write("{{% CONTENT_TYPE: TEXT}}\nmine\n", to: folder + "/regs-2.txt.mustache")
            let error = try #require(throws: DiagnosticList.self) { try TemplateSet.load(folder: folder) }
            #expect(
                error.description
                    == "error: 'regs-2.txt' would be written by both '\(folder)/regs-2.txt.mustache' and '\(folder)/regs.txt.mustache'; rename one of them"
            )
        }
    }

    @Test("--check names a missing or stale part; a part no longer produced is an orphan that --prune removes")
    func checkParts() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try FileManager.default.createDirectory(atPath: folder + "/Split", withIntermediateDirectories: true)
            try write(Self.template(parts: 3, header: true), to: folder + "/Split/regs.txt.mustache")
            let arguments = ["--templates", "Split", "--output", "Out"]
            let written = try runSysRegGen(arguments, in: folder)
            #expect(written.status == 0)
            #expect(written.output == (1...3).map { "wrote Out/regs-\($0).txt\n" }.joined())
            #expect(try runSysRegGen(arguments + ["--check"], in: folder).output == "Out is up to date\n")

            try FileManager.default.removeItem(atPath: folder + "/Out/regs-2.txt")
            let missing = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(missing.status == 1)
            #expect(missing.output.contains("missing: Out/regs-2.txt\n"))
            #expect(try runSysRegGen(arguments, in: folder).output.contains("wrote Out/regs-2.txt\n"))

            // Every element's line changes: every part is stale.
            try write(Self.template(parts: 3, line: "{{name}}!", header: true), to: folder + "/Split/regs.txt.mustache")
            let stale = try runSysRegGen(arguments + ["--check"], in: folder)
            #expect(stale.status == 1)
            for part in 1...3 { #expect(stale.output.contains("+++ b/Out/regs-\(part).txt"), "part \(part)") }

            // Two parts instead of three: the third is an orphan, removed with --prune.
            try write(Self.template(parts: 2, header: true), to: folder + "/Split/regs.txt.mustache")
            let refused = try runSysRegGen(arguments, in: folder)
            #expect(refused.status == 1)
            #expect(refused.errors.contains("Out/regs-3.txt is produced by no template; pass --prune to remove it"))
            #expect(try runSysRegGen(arguments + ["--prune"], in: folder).status == 0)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder + "/Out").sorted() == [
                    "regs-1.txt", "regs-2.txt",
                ])
            let names = try validate(try contents(of: folder + "/registers.yaml")).registers.map(\.name.value)
            let joined = try (1...2).map { try contents(of: folder + "/Out/regs-\($0).txt") }
                .map { try #require($0.split(separator: "head\n").last).dropLast("tail\n".count) }.joined()
            #expect(joined == names.map { $0 + "\n" }.joined())
        }
    }

    @Test(
        "the built-in Fields template writes eight parts: each the import and whole field types, each type in the part its name places it, in order"
    )
    func builtinFieldParts() throws {
        let options = GeneratorOptions(
            inputPath: packagePath("registers.yaml"), templates: .builtin("swift"), outputPath: packagePath("Generated")
        )
        let parts = try GeneratorPipeline.render(options).filter { $0.name.hasPrefix("Fields-") }
        #expect(parts.map(\.name) == (1...8).map { "Fields-\($0).swift" })
        let view = try SwiftView(try validate(try contents(of: packagePath("registers.yaml"))))
        let split = try #require(OutputSplit("fieldTypes into 8 parts by typeName"))
        for (index, part) in parts.enumerated() {
            #expect(GeneratedHeader.verify(part.contents) == .intact, "\(part.name)")
            let body = try #require(part.contents.split(separator: "\nimport SysRegRuntime\n", maxSplits: 1).last)
            var declared: [String] = []
            for line in body.split(separator: "\n")
            where line.hasPrefix("public struct ") || line.hasPrefix("public typealias ") {
                declared.append(String(line.split(separator: " ")[2].prefix { $0 != ":" }))
            }
            #expect(declared == view.fieldTypes.map(\.typeName).filter { split.part(of: $0) == index }, "\(part.name)")
            // A part with types starts with a type's doc comment and ends with the closing
            // brace of a type or of its last extension: cut between types, never inside one.
            if !declared.isEmpty {
                #expect(body.hasPrefix("\n/// "), "\(part.name)")
                #expect(body.hasSuffix("\n}\n"), "\(part.name)")
            }
        }
    }

    @Test("enumerations with the same values share one enum of names: the first field declares it, the others name it")
    func sharedEnumerations() throws {
        // The values are this test's own: A and B the same, C signed, D another value.
        func register(_ name: String, _ encoding: String, _ field: String) -> String {
            "  - name: \(name)\n    encoding: \(encoding)\n    fields:\n      - {res0: \"63:4\"}\n      - \(field)\n"
        }
        let file = try validate(
            "version: 1\ngroups:\n  - name: el1\n    switched: load-put\nregisters:\n"
                + "  - name: SP_EL0\n    encoding: S3_0_C4_C1_0\n    class: immediate\n    group: el1\n"
                + register("AA_EL1", "S3_0_C15_C0_0", "{enum: \"3:0\", name: A, values: {NI: 0b0000, IMP: 0b0001}}")
                + register("BB_EL1", "S3_0_C15_C0_1", "{enum: \"3:0\", name: B, values: {NI: 0b0000, IMP: 0b0001}}")
                + register(
                    "CC_EL1", "S3_0_C15_C0_2",
                    "{enum: \"3:0\", name: C, signed: true, values: {NI: 0b0000, IMP: 0b0001}}")
                + register("DD_EL1", "S3_0_C15_C0_3", "{enum: \"3:0\", name: D, values: {NI: 0b0000, IMP: 0b0010}}"))
        let fields = try SwiftView(file).fieldTypes.flatMap(\.fields)
        #expect(fields.map(\.name) == ["A", "B", "C", "D"])
        #expect(fields.map(\.sharedEnumeration) == ["", "AA_EL1Value.AValues", "", ""])
        #expect(fields.map { $0.value(of: "declaresEnumeration") as? Bool } == [true, false, true, true])
    }
}
