import Foundation
import Testing

@testable import SysRegGenKit

@Suite("Target views: one per language, named by each template")
struct TargetViewTests {
    /// The shipped register file with its first deferred register's class misspelled, and
    /// where the error must point.
    func brokenRegisterFile() throws -> (yaml: String, location: String) {
        let yaml = try contents(of: packagePath("registers.yaml"))
        let original = "    class: deferred\n"
        let range = try #require(yaml.range(of: original))
        let line = yaml[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        let column = "    class: ".count + 1
        return (yaml.replacingCharacters(in: range, with: "    class: lazy\n"), "registers.yaml:\(line):\(column)")
    }

    @Test("bug 1: with the shipped two-set configuration, each error is printed once and counted once")
    func eachErrorOnce() throws {
        try withTemporaryFolder { folder in
            try copyShippedConfiguration(to: folder)
            let (yaml, location) = try brokenRegisterFile()
            try write(yaml, to: folder + "/registers.yaml")
            let expected = "\(location): error: 'class' must be 'deferred' or 'immediate', not 'lazy'\n1 error\n"
            for arguments in [[], ["--check"], ["lint"]] {
                let result = try runSysRegGen(arguments, in: folder)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.errors == expected, "\(arguments)")
            }
        }
    }

    @Test("a register file is validated once for all the sets that render it")
    func validatedOnce() throws {
        try withTemporaryFolder { folder in
            let (yaml, _) = try brokenRegisterFile()
            try write(yaml, to: folder + "/registers.yaml")
            let runs = try TemplateSetsFile.load(path: packagePath("sysreg-gen.yaml")).sets.map {
                GeneratorOptions(
                    inputPath: folder + "/registers.yaml", templates: $0.templates, outputPath: $0.output)
            }
            #expect(runs.count == 3)
            let error = try #require(throws: DiagnosticList.self) { try GeneratorPipeline.render(runs) }
            #expect(error.diagnostics.map(\.message) == ["'class' must be 'deferred' or 'immediate', not 'lazy'"])
            // Linting renders nothing and reports the same.
            let lint = try #require(throws: DiagnosticList.self) { try GeneratorPipeline.lint(runs) }
            #expect(lint.description == error.description)
        }
    }

    @Test("a Swift keyword as a name is the Swift view's error, at the name, once; the C view accepts it")
    func keywordIsASwiftError() throws {
        // The group `el1` renamed everywhere: only Swift reserves `default`.
        let yaml = smallFile.replacingOccurrences(of: "el1\n", with: "default\n")
        try withTemporaryFolder { folder in
            try write(yaml, to: folder + "/t.yaml")
            #expect(try validate(yaml).groups.map(\.name.value) == ["default", "common"])
            let swift = GeneratorOptions(inputPath: folder + "/t.yaml", outputPath: folder + "/G")
            var c = swift
            c.templates = .builtin("c")
            let error = try #require(throws: DiagnosticList.self) { try GeneratorPipeline.render([swift, c]) }
            // The place and message the validator gave before the rule moved to the Swift view.
            #expect(error.description == "\(folder)/t.yaml:3:11: error: a group name 'default' is a Swift keyword")
            // A view's problem, which linting (no rendering) finds too.
            let lint = try #require(throws: DiagnosticList.self) { try GeneratorPipeline.lint([swift, c]) }
            #expect(lint.description == error.description)
            try GeneratorPipeline.lint([c])
            let kernel = try GeneratorPipeline.render(c)
            #expect(kernel.contains { $0.contents.contains("__sysreg_save_default_state") })
        }
    }

    @Test("every name the Swift view generates is checked: registers (described-only too), via, AArch32 counterparts")
    func keywordsEverywhere() throws {
        let yaml =
            smallFile
            .replacingOccurrences(of: "  - name: SP_EL0\n", with: "  - name: Self\n    unsuffixed: true\n")
            .replacingOccurrences(of: "      - name: TTBR0_64\n", with: "      - name: in\n")
            + "  - name: Any\n    unsuffixed: true\n    encoding: S3_0_C0_C4_0\n"
        let error = try #require(throws: DiagnosticList.self) { try SwiftView(validate(yaml, path: "t.yaml")) }
        #expect(
            error.description == """
                t.yaml:28:15: error: an AArch32 name 'in' is a Swift keyword
                t.yaml:38:11: error: a register name 'Self' is a Swift keyword
                t.yaml:43:11: error: a register name 'Any' is a Swift keyword
                """)
    }

    @Test("a prefixed layout whose type name is another register's field type is the Swift view's error, at the prefix")
    func prefixedTypeClash() throws {
        let yaml =
            describedFile
            + "  - name: FEAT_GCIE_ICH_VMCR_EL2\n    encoding: S3_4_C12_C11_6\n    fields: [{res0: \"63:0\"}]\n"
        let file = try validate(yaml, path: "t.yaml")
        let prefix = try #require(file.descriptions.first { $0.name.value == "ICH_VMCR_EL2" }?.prefixed.first?.prefix)
        let error = try #require(throws: DiagnosticList.self) { try SwiftView(file) }
        #expect(
            error.description
                == "\(prefix.location): error: the FEAT_GCIE layout of 'ICH_VMCR_EL2' would be named FEAT_GCIE_ICH_VMCR_EL2Value, the type of register 'FEAT_GCIE_ICH_VMCR_EL2'"
        )
        // The error is at the prefix's line and column in the text.
        let place = try Self.place(of: "FEAT_GCIE", onLineWith: "- prefix: FEAT_GCIE", in: yaml)
        #expect(prefix.location.line == place.line)
        #expect(prefix.location.column == place.column)
    }

    /// The 1-based line and column of `text` on the first line of `yaml` that contains `marker`.
    static func place(of text: String, onLineWith marker: String, in yaml: String) throws -> (line: Int, column: Int) {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains(marker) })
        let column = try #require(lines[line].range(of: text)).lowerBound
        return (line + 1, lines[line].distance(from: lines[line].startIndex, to: column) + 1)
    }

    @Test("a field named as a member every value has, or an enumeration named Fields, is an error at its name")
    func fieldMemberClash() throws {
        // A field's property is a dynamic member of RegisterFields, so `rawValue` or
        // `description` would read the value's own member instead of the field.
        let yaml =
            describedFile
            .replacingOccurrences(of: "{field: \"31:27\", name: VPMR}", with: "{field: \"31:27\", name: RawValue}")
            .replacingOccurrences(of: "{field: \"9\", name: VEOIM}", with: "{field: \"9\", name: DESCRIPTION}")
            .replacingOccurrences(of: "name: CSV3,", with: "name: fields,")
        let error = try #require(throws: DiagnosticList.self) { try SwiftView(validate(yaml, path: "t.yaml")) }
        // Each at its name's line and column, found in the text.
        func location(of text: String) throws -> String {
            let place = try Self.place(of: text, onLineWith: text, in: yaml)
            return "t.yaml:\(place.line):\(place.column)"
        }
        #expect(
            error.description.split(separator: "\n").map(String.init) == [
                "\(try location(of: "fields,")): error: the enumeration field 'fields' would be named Fields, the value type's layout",
                "\(try location(of: "RawValue")): error: the field 'RawValue' would be the property rawValue, which every field value has already",
                "\(try location(of: "DESCRIPTION")): error: the field 'DESCRIPTION' would be the property description, which every field value has already",
            ])
        // The same names elsewhere in a name (`RawValueEn`) are fields like any other.
        let fine = describedFile.replacingOccurrences(of: "name: VEOIM}", with: "name: RawValueEn}")
        let types = try SwiftView(validate(fine)).fieldTypes
        #expect(types.contains { $0.fields.contains { $0.property == "rawValueEn" } })
    }

    @Test("bug 5: a doc comment ends in one period, whether its doc ends in one or not")
    func oneFinalPeriod() throws {
        let yaml =
            smallFile
            .replacingOccurrences(of: "doc: System Control Register (EL1)", with: "doc: System Control Register.")
            .replacingOccurrences(
                of: "    shared-with-host: true\n",
                with: "    shared-with-host: true\n    doc: Shared with the host\n"
            )
            .replacingOccurrences(of: "    group: common\n", with: "    group: common\n    doc: Stack pointer.\n")
        try withTemporaryFolder { folder in
            try write(yaml, to: folder + "/t.yaml")
            let files = try GeneratorPipeline.render(
                GeneratorOptions(inputPath: folder + "/t.yaml", outputPath: folder))
            let comments = files.flatMap { $0.contents.split(separator: "\n") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { $0.hasPrefix("///") }
            #expect(!comments.isEmpty)
            #expect(comments.filter { $0.hasSuffix("..") }.isEmpty)
            for expected in [
                "/// System Control Register (`S3_0_C1_C0_0`).", "/// Shared with the host.",
                "/// Stack pointer (`S3_0_C4_C1_0`).",
                "/// SCTLR_EL12 (`S3_5_C1_C0_0`): The alias that reaches SCTLR_EL1 from EL2 under VHE.",
                "/// VMPIDR_EL2 (`S3_4_C0_C0_5`): Holds the guest's MPIDR_EL1 for save and restore.",
            ] {
                #expect(comments.contains(expected), "\(expected)")
            }
        }
    }

    @Test("the shipped Generated/ has no doc comment ending in '..'")
    func shippedOutputHasOnePeriod() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: packagePath("Generated"))
        where name.hasSuffix(".swift") {
            let lines = try contents(of: packagePath("Generated/" + name)).split(separator: "\n")
            #expect(lines.filter { $0.hasSuffix("..") }.isEmpty, "\(name)")
        }
    }

    @Test("a template names its view in a comment; without one it is written against the Swift view")
    func viewSelection() throws {
        try withTemporaryFolder { folder in
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! view: kernel-c }}\n{{#kernelGroups}}{{name}} {{/kernelGroups}}\n",
                to: folder + "/k.c.mustache")
            try write("{{% CONTENT_TYPE: TEXT}}\n{{#groups}}{{name}} {{/groups}}\n", to: folder + "/s.swift.mustache")
            let set = try TemplateSet.load(folder: folder)
            #expect(set.outputs.map(\.view) == [.kernelC, .swift])
            #expect(set.views == [.swift, .kernelC])
            let yaml = folder + "/t.yaml"
            try write(smallFile, to: yaml)
            let files = try GeneratorPipeline.render(
                GeneratorOptions(inputPath: yaml, templates: .folder(folder), outputPath: folder + "/out"))
            let bodies = files.map {
                $0.contents.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).joined(
                    separator: "\n")
            }
            #expect(bodies == ["el1 common \n", "el1 common \n"])
        }
    }

    @Test("a key of another language's view is an error in a template of this one")
    func keysBelongToTheirView() throws {
        try withTemporaryFolder { folder in
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! view: kernel-c }}\n{{#registers}}{{/registers}}\n",
                to: folder + "/k.c.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{#kernelGroups}}{{/kernelGroups}}\n", to: folder + "/s.swift.mustache")
            let error = try #require(throws: DiagnosticList.self) { try TemplateSet.load(folder: folder) }
            #expect(
                error.description == """
                    \(folder)/k.c.mustache:3:1: error: the view has no key 'registers' here
                    \(folder)/s.swift.mustache:2:1: error: the view has no key 'kernelGroups' here
                    """)
        }
    }

    @Test("an unknown view or a second view comment is an error at its line and column")
    func badViewComments() throws {
        try withTemporaryFolder { folder in
            try write("{{% CONTENT_TYPE: TEXT}}\n{{! view: rust }}\n", to: folder + "/a.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! view: swift }}\n  {{! view: kernel-c }}\n", to: folder + "/b.mustache")
            let error = try #require(throws: DiagnosticList.self) { try TemplateSet.load(folder: folder) }
            #expect(
                error.description == """
                    \(folder)/a.mustache:2:1: error: no view named 'rust'; the views are 'swift', 'kernel-c', 'backend-c', 'kernel-defs'
                    \(folder)/b.mustache:3:3: error: a template names one view; this one is named again here
                    \(folder)/b.mustache:2:1: note: first named here
                    """)
        }
    }

    @Test("an unknown header or a second header comment is an error at its line and column, each one reported")
    func badHeaderComments() throws {
        try withTemporaryFolder { folder in
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! view: kernel-c }}\n {{!header:nope}}\n", to: folder + "/a.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{! view: rust }}\nx {{! header: sysreg-gen }}\n",
                to: folder + "/b.mustache")
            let error = try #require(throws: DiagnosticList.self) { try TemplateSet.load(folder: folder) }
            #expect(
                error.description == """
                    \(folder)/a.mustache:3:2: error: no header named 'nope'; the headers are 'sysreg-gen', 'none'
                    \(folder)/b.mustache:3:1: error: no view named 'rust'; the views are 'swift', 'kernel-c', 'backend-c', 'kernel-defs'
                    \(folder)/b.mustache:4:3: error: a template names one header; this one is named again here
                    \(folder)/b.mustache:2:1: note: first named here
                    """)
        }
    }

    @Test("a template's directives: its view and header as declared, the Swift view and sysreg-gen's header when not")
    func directives() throws {
        try withTemporaryFolder { folder in
            try write("{{% CONTENT_TYPE: TEXT}}\n", to: folder + "/plain.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{! Notes: a comment, not a directive }}\n",
                to: folder + "/bare.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: sysreg-gen }}\n{{! view: kernel-defs }}\n",
                to: folder + "/defs.mustache")
            let set = try TemplateSet.load(folder: folder)
            #expect(set.outputs.map(\.name) == ["bare", "defs", "plain"])
            #expect(set.outputs.map(\.view) == [.swift, .kernelDefs, .swift])
            #expect(set.outputs.map(\.header) == [.absent, .sysregGen, .sysregGen])
        }
    }

    @Test("a headerless template's file is exactly its rendering; the others are headed and marked so")
    func headerlessRendering() throws {
        try withTemporaryFolder { folder in
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{! header: none }}\n{{#registers}}{{name}}\n{{/registers}}",
                to: folder + "/bare.mustache")
            try write(
                "{{% CONTENT_TYPE: TEXT}}\n{{#registers}}{{name}}\n{{/registers}}", to: folder + "/headed.mustache")
            let file = try validate(smallFile)
            let renderer = TemplateRenderer(inputPath: "test.yaml", regenerateCommand: "swift run sysreg-gen")
            let files = try renderer.render(try TemplateSet.load(folder: folder), views: [.swift: try SwiftView(file)])
            let names = file.registers.map { $0.name.value + "\n" }.joined()
            #expect(files.map(\.name) == ["bare", "headed"])
            #expect(files.map(\.hasHeader) == [false, true])
            #expect(files[0].contents == names)
            #expect(
                files[1].contents
                    == GeneratedHeader.prepend(
                        to: names, input: "test.yaml", template: folder + "/headed.mustache",
                        command: "swift run sysreg-gen"))
        }
    }

    @Test("a view a set needs but was not given is a diagnostic, not an empty file")
    func missingViewIsReported() throws {
        let set = try TemplateSet.load(.builtin("c"))
        let renderer = TemplateRenderer(inputPath: "registers.yaml", regenerateCommand: "swift run sysreg-gen")
        let error = try #require(throws: DiagnosticList.self) { try renderer.render(set, views: [:]) }
        #expect(
            error.diagnostics.map(\.description)
                == set.outputs.map {
                    "\($0.templatePath):1:1: error: could not render '\($0.name)' with the kernel-c view"
                })
    }

    @Test("each view reads every key of its table, and nothing else")
    func keyTables() throws {
        let file = try validate(smallFile)
        let swift = try SwiftView(file)
        #expect(SwiftView.keyNames.allSatisfy { swift.value(of: $0) != nil })
        #expect((swift.value(of: "registers") as? [RegisterView])?.map(\.name) == file.registers.map(\.name.value))
        #expect(swift.value(of: "kernelGroups") == nil)
        let register = try #require(swift.registers.first)
        #expect(register.value(of: "el12Expression") as? String == ".SCTLR_EL12")
        let kernel = KernelCView(file)
        #expect(KernelCView.keyNames == ["kernelAccessors", "kernelGroups"])
        #expect(kernel.value(of: "registers") == nil)
        #expect((kernel.value(of: "kernelGroups") as? [KernelGroupView])?.map(\.name) == ["el1", "common"])
    }
}
