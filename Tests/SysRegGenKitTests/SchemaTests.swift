import Foundation
import SysRegRuntime
import TestSupport
import Testing

@testable import SysRegGenKit

/// The published JSON Schemas, for editors.
let registersSchema = packagePath("Schemas/registers.schema.json")
let templateSetsSchema = packagePath("Schemas/sysreg-gen.schema.json")

/// The JSON Schemas under `Schemas/`: their keys and enumerations compared with the validator's
/// both ways, and files checked against them by an independent validator, Python's `jsonschema`
/// (Draft 7, what VS Code's YAML extension supports), which `.ci/run` installs.
@Suite("JSON Schemas of the register file and the template sets file")
struct SchemaTests {
    @Test(
        "each mapping of the validator's table is an object of a schema with the same keys, and each object one of them"
    )
    func keysMatchValidator() throws {
        let registers = try jsonObject(registersSchema)
        let templateSets = try jsonObject(templateSetsSchema)
        var mapped: Set<String> = []
        for mapping in InputMapping.allCases {
            // Exhaustive, so a new kind of mapping needs its place in a schema.
            let (file, pointer): (String, String) =
                switch mapping {
                case .registerFile: ("registers", "")
                case .templateSetsFile: ("sysreg-gen", "")
                case .templateSet: ("sysreg-gen", "/definitions/templateSet")
                case .group, .register, .via, .aarch32Counterpart, .sharedLayout, .prefixedLayout, .field:
                    ("registers", "/definitions/\(mapping.rawValue)")
                }
            let schema = try #require(resolve(pointer, in: file == "registers" ? registers : templateSets))
            let properties = try #require(schema["properties"] as? [String: Any], "\(mapping) has no properties")
            #expect(Set(properties.keys) == Set(mapping.keys.all), "the keys of \(mapping)")
            #expect(Set(schema["required"] as? [String] ?? []) == Set(mapping.keys.required), "required in \(mapping)")
            #expect(schema["additionalProperties"] as? Bool == false, "\(mapping) allows unknown keys")
            mapped.insert("\(file)#\(pointer)")
        }
        // The other way: every closed object of the schemas is a mapping the validator reads.
        let closed =
            closedObjects(in: registers).map { "registers#\($0)" }
            + closedObjects(in: templateSets).map { "sysreg-gen#\($0)" }
        #expect(Set(closed) == mapped)
        #expect(closed.count == mapped.count)
    }

    @Test("the enumerations and the field kinds are the model's")
    func enumerationsMatchModel() throws {
        let definitions = try #require(try jsonObject(registersSchema)["definitions"] as? [String: Any])
        func values(_ definition: String, _ property: String) -> Set<String> {
            let properties = (definitions[definition] as? [String: Any])?["properties"] as? [String: Any]
            return Set((properties?[property] as? [String: Any])?["enum"] as? [String] ?? [])
        }
        #expect(values("group", "switched") == Set(SwitchPoint.allCases.map(\.rawValue)))
        #expect(values("group", "condition") == Set(GroupCondition.allCases.map(\.rawValue)))
        #expect(values("register", "class") == Set(RegisterClass.allCases.map(\.rawValue)))
        #expect(values("aarch32Counterpart", "part") == Set(RegisterPart.allCases.map(\.rawValue)))
        // Exactly one kind key per field.
        let field = try #require(definitions["field"] as? [String: Any])
        let kinds = (field["oneOf"] as? [[String: Any]] ?? []).compactMap { ($0["required"] as? [String])?.first }
        #expect(kinds == RegisterFileValidator.fieldKindKeys)
    }

    @Test("the shipped files name their schema on their first line")
    func shippedFilesNameSchema() throws {
        for (file, schema) in [("registers.yaml", "registers"), ("sysreg-gen.yaml", "sysreg-gen")] {
            let first = try contents(of: packagePath(file)).prefix { $0 != "\n" }
            #expect(first == "# yaml-language-server: $schema=Schemas/\(schema).schema.json")
            #expect(FileManager.default.fileExists(atPath: packagePath("Schemas/\(schema).schema.json")))
        }
    }

    @Test("the schemas accept the shipped files, the tests' files, synthetic files and kernel imports")
    func acceptsValidFiles() throws {
        guard let python = try schemaPython() else { return }
        var files: [(name: String, yaml: String)] = [
            ("registers.yaml", try contents(of: packagePath("registers.yaml"))),
            ("the small test file", smallFile), ("the fields test file", fieldsFile),
            ("the kernel fixture, --standalone", try standaloneModel(constructsFixture).yaml),
        ]
        if try kernelFilesPresent() {
            files.append(("the kernel's file, --standalone", try standaloneModel(kernelSysregFile).yaml))
        }
        // Each is a valid register file, so the schema must not reject it.
        for file in files { _ = try validate(file.yaml, path: file.name) }
        // The benchmarks' files are valid in form; the validator's cross-checks are not the point.
        let synthetic = try SyntheticRegisters()
        for (count, seed) in [(300, 1), (1000, 2)] {
            files.append(("synthetic, \(count) registers", try synthetic.yaml(count: count, seed: seed)))
        }
        var jobs = try files.map { (registersSchema, try jsonText(yaml: $0.yaml, path: $0.name)) }
        jobs.append((templateSetsSchema, try jsonText(yaml: try contents(of: packagePath("sysreg-gen.yaml")))))
        // What `sysreg-gen init` writes for a new package, both files.
        let scaffold = Dictionary(
            uniqueKeysWithValues: try Scaffold(output: "Sources/VMM/SysRegs", schemas: nil).files.comparison.files.map {
                ($0.file.name, $0.file.contents)
            })
        let scaffoldRegisters = try #require(scaffold[Scaffold.registerFile])
        let scaffoldSets = try #require(scaffold[TemplateSetsFile.defaultPath])
        jobs.append((registersSchema, try jsonText(yaml: scaffoldRegisters, path: "init's registers.yaml")))
        jobs.append((templateSetsSchema, try jsonText(yaml: scaffoldSets, path: "init's sysreg-gen.yaml")))
        let names = files.map(\.name) + ["sysreg-gen.yaml", "init's registers.yaml", "init's sysreg-gen.yaml"]
        let results = try validateWithSchemas(jobs, python: python)
        #expect(results.count == names.count)
        for (name, errors) in zip(names, results) {
            #expect(errors.isEmpty, "the schema rejects \(name): \(errors.prefix(5))")
        }
    }

    /// The cases of ``badInputs`` and ``fieldBadInputs`` a schema can express: a key, a type, a
    /// value's form or range, a key that needs or excludes another. Duplicates, references to
    /// other entries and YAML-level problems are the validator's alone.
    static let expressible = [
        "a top level that is a sequence", "an unsupported schema version", "a misspelled top-level key",
        "a misspelled register key", "a misspelled group key", "an unknown key with no close match",
        "a missing required key", "a required key without a value", "a group without a class",
        "registers given as a mapping", "a register that is a string", "a name that is a sequence",
        "a boolean that is not true or false", "an empty name", "an empty doc", "a name that is not an identifier",
        "a name that starts with a digit", "a name not in the Arm ARM style", "a name without an _ELx suffix",
        "an unsuffixed register with a suffix", "a truncated encoding", "trailing garbage after an encoding",
        "a lower-case encoding", "a field with a leading zero", "op0 1, an instruction rather than a register",
        "op0 beyond its two bits", "op1 out of range", "CRn out of range", "CRm out of range",
        "op2 out of range in a quoted encoding", "an unknown class", "class and group both TODO",
        "an unknown switch point", "an unknown condition", "a malformed coprocessor encoding",
        "a coprocessor field out of range", "a 64-bit counterpart that claims a half",
        "a 32-bit counterpart that claims all 64 bits", "a doc with a line break",
        "a doc with a bidirectional override",
        "malformed bits", "an enum value that is not binary", "a reset value that is not a number",
        "an alias with fields", "a class without a group", "a field with two kinds", "a field without bits",
        "a field without a name", "a reserved range with a name", "values on a plain field",
    ]

    @Test("the schema rejects the bad register files a schema can express")
    func rejectsBadInputs() throws {
        guard let python = try schemaPython() else { return }
        let byName = Dictionary((badInputs + fieldBadInputs).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let cases = try Self.expressible.map { name in
            (name, try #require(byName[name], "no bad-input case '\(name)'"))
        }
        let jobs = try cases.map { name, input in
            (registersSchema, try jsonText(yaml: String(decoding: input.bytes, as: UTF8.self), path: name))
        }
        for ((name, _), errors) in zip(cases, try validateWithSchemas(jobs, python: python)) {
            #expect(!errors.isEmpty, "the schema accepts \(name)")
        }
    }

    @Test("the schema rejects bad template sets files that the command rejects too")
    func rejectsBadTemplateSets() throws {
        guard let python = try schemaPython() else { return }
        let bad = [
            "sets:\n  - name: swift\n    templates: Templates\n    outputs: Generated\n",
            "sets:\n  - name: swift\n    templates: Templates\n",
            "sets: []\n",
            "sets:\n  - name: swift\n    templates: [Templates]\n    output: Generated\n",
            "sets:\n  - name: ''\n    templates: Templates\n    output: Generated\n",
            "set:\n  - name: swift\n    templates: Templates\n    output: Generated\n",
        ]
        try withTemporaryFolder { folder in
            for text in bad {
                try write(text, to: folder + "/sysreg-gen.yaml")
                #expect(throws: DiagnosticList.self) { try TemplateSetsFile.load(path: folder + "/sysreg-gen.yaml") }
            }
        }
        let results = try validateWithSchemas(bad.map { (templateSetsSchema, try jsonText(yaml: $0)) }, python: python)
        for (text, errors) in zip(bad, results) {
            #expect(!errors.isEmpty, "the schema accepts:\n\(text)")
        }
    }
}

// MARK: - The schemas as JSON

private func jsonObject(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The subschema at a JSON pointer such as `/definitions/group` (the empty pointer: the root).
private func resolve(_ pointer: String, in root: [String: Any]) -> [String: Any]? {
    pointer.split(separator: "/").reduce(root as [String: Any]?) { $0?[String($1)] as? [String: Any] }
}

/// The JSON pointers of every object schema that allows no other keys than its `properties`.
private func closedObjects(in schema: Any, at pointer: String = "") -> [String] {
    if let array = schema as? [Any] {
        return array.enumerated().flatMap { closedObjects(in: $1, at: "\(pointer)/\($0)") }
    }
    guard let object = schema as? [String: Any] else { return [] }
    let here = object["additionalProperties"] as? Bool == false ? [pointer] : []
    return here + object.sorted { $0.key < $1.key }.flatMap { closedObjects(in: $1, at: "\(pointer)/\($0)") }
}

// MARK: - YAML as an editor reads it

/// The JSON text of a YAML file as an editor's YAML 1.2 parser reads it (the core schema,
/// yaml-language-server's default): a plain scalar is null, a boolean, an integer or a float
/// when it has that form, any other scalar a string. Yams resolves by YAML 1.1, which reads
/// `0b0101` or `63:60` as numbers, so the plain scalars are resolved here.
func jsonText(yaml: String, path: String = "test.yaml") throws -> String {
    try json(YAMLLoader.parse(Data(yaml.utf8), path: path).root)
}

private func json(_ node: YAMLNode) -> String {
    switch node.content {
    case .scalar(let scalar): scalar.style == .plain ? coreSchemaValue(scalar.string) : jsonString(scalar.string)
    case .sequence(let sequence): "[" + sequence.map(json).joined(separator: ",") + "]"
    case .mapping(let mapping):
        "{"
            + mapping.map { jsonString($0.key.scalar?.string ?? "\($0.key)") + ":" + json($0.value) }
            .joined(separator: ",") + "}"
    }
}

/// A plain scalar's JSON value under YAML 1.2's core schema (YAML 1.2.2, 10.3.2).
private func coreSchemaValue(_ text: String) -> String {
    if ["", "~", "null", "Null", "NULL"].contains(text) { return "null" }
    if ["true", "True", "TRUE"].contains(text) { return "true" }
    if ["false", "False", "FALSE"].contains(text) { return "false" }
    if text.wholeMatch(of: /[-+]?[0-9]+/) != nil {
        let digits = text.drop { $0 == "+" }
        return Int64(digits).map(String.init) ?? UInt64(digits).map(String.init) ?? "\(Double(digits) ?? 0)"
    }
    if let match = text.wholeMatch(of: /0x([0-9a-fA-F]+)|0o([0-7]+)/) {
        let (digits, radix) = match.1.map { ($0, 16.0) } ?? (match.2 ?? "", 8.0)
        if let value = UInt64(digits, radix: Int(radix)) { return String(value) }
        return "\(digits.reduce(0.0) { $0 * radix + Double($1.hexDigitValue ?? 0) })"
    }
    if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil, let value = Double(text) {
        return "\(value)"
    }
    // Python's json reads these; JSON itself has no infinity or NaN.
    if text.wholeMatch(of: /[-+]?\.(inf|Inf|INF)/) != nil { return text.hasPrefix("-") ? "-Infinity" : "Infinity" }
    if [".nan", ".NaN", ".NAN"].contains(text) { return "NaN" }
    return jsonString(text)
}

private func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
            out +=
                "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

// MARK: - The independent validator

/// A Python with the `jsonschema` package: `SYSREGGEN_PYTHON` if set, else the virtual
/// environment `.ci/run` installs it in (`.build/schema-venv`), else `python3` on `PATH`.
/// `nil`, with a note, when there is none; in CI (`CI=true`) that is a failure.
func schemaPython() throws -> String? {
    let environment = ProcessInfo.processInfo.environment
    let venv = packagePath(".build/schema-venv/bin/python3")
    var candidates = [environment["SYSREGGEN_PYTHON"]].compactMap { $0 }
    if FileManager.default.isExecutableFile(atPath: venv) { candidates.append(venv) }
    candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        .filter { FileManager.default.isExecutableFile(atPath: $0) }
    for python in candidates where try runProcess(python, ["-c", "import jsonschema"]).status == 0 {
        return python
    }
    let reason =
        "no Python with the jsonschema package (pip install jsonschema, or set SYSREGGEN_PYTHON): "
        + "the JSON Schema check did not run"
    if Toolchain.isCI { Issue.record("CI=true but \(reason)") }
    print("note: \(reason)")
    return nil
}

/// Checks each schema against Draft 7's metaschema and each instance (JSON text) against its
/// schema with `jsonschema.Draft7Validator`; the errors of each instance, in order.
private func validateWithSchemas(_ jobs: [(schema: String, instance: String)], python: String) throws -> [[String]] {
    let script = """
        import json, sys, jsonschema
        results = []
        for job in json.load(open(sys.argv[1])):
            schema = json.load(open(job["schema"]))
            jsonschema.Draft7Validator.check_schema(schema)
            instance = json.load(open(job["instance"]))
            errors = jsonschema.Draft7Validator(schema).iter_errors(instance)
            results.append(["/" + "/".join(map(str, e.absolute_path)) + ": " + e.message[:200] for e in errors])
        print(json.dumps(results))
        """
    return try withTemporaryFolder { folder in
        var manifest: [[String: String]] = []
        for (index, job) in jobs.enumerated() {
            let instance = "\(folder)/\(index).json"
            try write(job.instance, to: instance)
            manifest.append(["schema": job.schema, "instance": instance])
        }
        let manifestPath = folder + "/jobs.json"
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
        let outcome = try runProcess(python, ["-c", script, manifestPath])
        try #require(outcome.status == 0, "jsonschema failed: \(outcome.errors)")
        let results = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String]]
        return try #require(results?.count == jobs.count ? results : nil, "unexpected output: \(outcome.output)")
    }
}

// MARK: - Synthetic register files

/// The synthetic register files the benchmarks generate (`Benchmarks/Sources/SyntheticRegisters`),
/// built here with the toolchain's `swiftc`, since the benchmark package is not a dependency.
private struct SyntheticRegisters: ~Copyable {
    /// The folder of the program that writes them.
    let folder: String

    /// Builds the program.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let main = folder + "/main.swift"
        try write(
            """
            let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
            print(SyntheticRegisterFile.yaml(count: arguments[0], seed: UInt64(arguments[1])), terminator: "")

            """, to: main)
        try SwiftBuild(folder: URL(fileURLWithPath: folder)).program(
            "synth", sources: [packagePath("Benchmarks/Sources/SyntheticRegisters/SyntheticRegisterFile.swift"), main],
            libraries: [])
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The file with `count` registers from `seed`.
    func yaml(count: Int, seed: Int) throws -> String {
        let outcome = try runProcess(folder + "/synth", ["\(count)", "\(seed)"])
        try #require(outcome.status == 0, "\(outcome.errors)")
        return outcome.output
    }
}
