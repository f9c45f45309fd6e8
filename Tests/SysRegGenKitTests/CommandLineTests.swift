import Foundation
import SysRegGenKit
import Testing

@Suite("The sysreg-gen command")
struct CommandLineTests {
    // The field types are written in eight parts (Fields.swift.mustache's split).
    let outputs =
        ["CPUContext+Restore.swift", "CPUContext+Save.swift", "Encodings.swift"] + (1...8).map { "Fields-\($0).swift" }
        + [
            "LoadPut.swift", "LoadedVCPU+Accessors.swift", "SysReg+AArch32.swift", "SysReg.swift",
            "SystemRegister.swift",
        ]

    @Test("with no arguments it writes Generated/ and says so per file; a second run writes nothing")
    func generateThenUnchanged() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            let first = try runSysRegGen([], in: folder)
            #expect(first.status == 0)
            #expect(first.output == outputs.map { "wrote Generated/\($0)\n" }.joined())
            let generated = folder + "/Generated/SysReg.swift"
            let before = try FileManager.default.attributesOfItem(atPath: generated)[.modificationDate] as? Date
            let second = try runSysRegGen([], in: folder)
            #expect(second.output == outputs.map { "unchanged Generated/\($0)\n" }.joined())
            let after = try FileManager.default.attributesOfItem(atPath: generated)[.modificationDate] as? Date
            #expect(before == after)
            // The atomic writes leave no temporary file behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/Generated").sorted() == outputs)
            // What it wrote is what the package ships.
            for name in outputs {
                #expect(
                    try contents(of: folder + "/Generated/" + name) == contents(of: packagePath("Generated/" + name)))
            }
        }
    }

    @Test("--check exits 0 on an up-to-date folder and writes nothing")
    func checkUpToDate() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            let result = try runSysRegGen(["--check"], in: folder)
            #expect(result.status == 0)
            #expect(result.output == "Generated is up to date\n")
        }
    }

    @Test("--check on a stale, a missing and an orphan file: a diff, their names, exit 1, nothing written")
    func checkStaleMissingOrphan() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            let stale = folder + "/Generated/LoadedVCPU+Accessors.swift"
            let edited = try contents(of: stale).replacingOccurrences(
                of: "case .SCTLR_EL1: return LiveEncodings(bits: 0xE880_E880)",
                with: "case .SCTLR_EL1: return LiveEncodings(bits: 0xC080_C080)")
            try write(edited, to: stale)
            try FileManager.default.removeItem(atPath: folder + "/Generated/LoadPut.swift")
            try write("// left behind\n", to: folder + "/Generated/Old.swift")

            let result = try runSysRegGen(["--check"], in: folder)
            #expect(result.status == 1)
            #expect(
                result.output.contains(
                    "--- a/Generated/LoadedVCPU+Accessors.swift\n+++ b/Generated/LoadedVCPU+Accessors.swift\n"))
            let line = "        case .SCTLR_EL1: return LiveEncodings(bits: "
            #expect(result.output.contains("\n-" + line + "0xC080_C080)  // .SCTLR_EL12\n"))
            #expect(result.output.contains("\n+" + line + "0xE880_E880)  // .SCTLR_EL12\n"))
            #expect(result.output.contains("missing: Generated/LoadPut.swift\n"))
            #expect(result.output.contains("orphan: Generated/Old.swift is produced by no template\n"))
            // The hand edit needs --force, the file written by hand both.
            #expect(
                result.output.hasSuffix(
                    "Generated is stale: run 'swift run sysreg-gen --force --prune' and commit the result\n"))
            // Nothing was written.
            #expect(try contents(of: stale) == edited)
            #expect(!FileManager.default.fileExists(atPath: folder + "/Generated/LoadPut.swift"))
        }
    }

    /// One way `Generated/` can go stale, and the command `--check` must advise for it.
    struct Staleness: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var advised: String
        var make: @Sendable (_ folder: String) throws -> Void
    }

    static let stalenesses: [Staleness] = [
        Staleness(testDescription: "a hand edit", advised: "swift run sysreg-gen --force") { folder in
            let path = folder + "/Generated/LoadedVCPU+Accessors.swift"
            try write(try contents(of: path) + "// my fix\n", to: path)
        },
        Staleness(testDescription: "a changed register file", advised: "swift run sysreg-gen") { folder in
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(
                yaml.replacingOccurrences(of: "Cache Size Selection Register", with: "CSSELR"),
                to: folder + "/registers.yaml")
        },
        Staleness(testDescription: "a missing file", advised: "swift run sysreg-gen") { folder in
            try FileManager.default.removeItem(atPath: folder + "/Generated/LoadPut.swift")
        },
        Staleness(
            testDescription: "an unedited generated file no template produces", advised: "swift run sysreg-gen --prune"
        ) {
            folder in
            try FileManager.default.copyItem(
                atPath: folder + "/Generated/LoadPut.swift", toPath: folder + "/Generated/OldLoadPut.swift")
        },
        Staleness(testDescription: "a stray file", advised: "swift run sysreg-gen --force --prune") { folder in
            try write("// left behind\n", to: folder + "/Generated/Old.swift")
        },
    ]

    @Test(
        "whatever --check rejects, it prints the one command that fixes it, and that command does",
        arguments: stalenesses)
    func checkAdvice(_ staleness: Staleness) throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            try staleness.make(folder)
            let check = try runSysRegGen(["--check"], in: folder)
            #expect(check.status == 1)
            #expect(check.output.hasSuffix("Generated is stale: run '\(staleness.advised)' and commit the result\n"))
            let arguments = staleness.advised.split(separator: " ").dropFirst(3).map(String.init)
            let fix = try runSysRegGen(arguments, in: folder)
            #expect(fix.status == 0, "\(fix.errors)")
            let again = try runSysRegGen(["--check"], in: folder)
            #expect(again.status == 0)
            #expect(again.output == "Generated is up to date\n")
        }
    }

    @Test("generation does not exit 0 leaving a file no template produces; it writes nothing and advises --prune")
    func orphanFailsGeneration() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            try write("// left behind\n", to: folder + "/Generated/Old.swift")
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(
                yaml.replacingOccurrences(of: "Cache Size Selection Register", with: "CSSELR"),
                to: folder + "/registers.yaml")
            let before = try contents(of: folder + "/Generated/SysReg.swift")
            let result = try runSysRegGen([], in: folder)
            #expect(result.status == 1)
            #expect(result.output == "")
            #expect(
                result.errors
                    == "error: Generated/Old.swift is produced by no template; pass --prune to remove it\n1 error\n")
            #expect(try contents(of: folder + "/Generated/SysReg.swift") == before, "nothing was written")
            #expect(try contents(of: folder + "/Generated/Old.swift") == "// left behind\n")
        }
    }

    @Test("bad input: compiler-style errors on stderr, exit 1, Generated/ untouched")
    func badInput() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            _ = try runSysRegGen([], in: folder)
            let before = try contents(of: folder + "/Generated/SysReg.swift")
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(
                yaml.replacingOccurrences(of: "class: deferred", with: "class: defered"), to: folder + "/registers.yaml"
            )
            let result = try runSysRegGen([], in: folder)
            #expect(result.status == 1)
            #expect(result.output == "")
            let lines = result.errors.split(separator: "\n")
            #expect(lines.first?.hasPrefix("registers.yaml:") == true)
            #expect(lines.first?.hasSuffix(": error: 'class' must be 'deferred' or 'immediate', not 'defered'") == true)
            #expect(lines.last == "\(lines.count - 1) errors")
            #expect(try contents(of: folder + "/Generated/SysReg.swift") == before)
        }
    }

    @Test("--input, --builtin, --templates and --output point elsewhere, and the header repeats them")
    func otherLocations() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            try FileManager.default.moveItem(atPath: folder + "/registers.yaml", toPath: folder + "/regs.yaml")
            try FileManager.default.createDirectory(atPath: folder + "/tpl", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: try BuiltinResources.located().folder(ofSet: "swift") + "/SysReg.swift.mustache",
                toPath: folder + "/tpl/SysReg.swift.mustache")
            let result = try runSysRegGen(
                ["--input", "regs.yaml", "--builtin", "swift", "--templates", "tpl", "--output", "out"], in: folder)
            #expect(result.status == 0)
            let command =
                "swift run sysreg-gen --input regs.yaml --builtin swift --templates tpl --output out"
            // The override names its own path; the built-in templates their set.
            for (file, template) in [
                ("SysReg.swift", "tpl/SysReg.swift.mustache"),
                ("LoadedVCPU+Accessors.swift", "built-in swift/LoadedVCPU+Accessors.swift.mustache"),
            ] {
                let header = try contents(of: folder + "/out/" + file).split(separator: "\n").prefix(2)
                #expect(
                    Array(header) == [
                        "// Generated by sysreg-gen from regs.yaml with \(template). DO NOT EDIT.",
                        "// Edit the register file or the template, then regenerate: \(command)",
                    ])
            }
        }
    }

    @Test("dump prints the validated model as JSON")
    func dump() throws {
        let result = try runSysRegGen(["dump"], in: packageRoot.path)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let registers = try #require(json["registers"] as? [[String: Any]])
        let sctlr = try #require(registers.first { $0["name"] as? String == "SCTLR_EL1" })
        #expect(sctlr["encoding"] as? [String: Int] == ["op0": 3, "op1": 0, "crn": 1, "crm": 0, "op2": 0])
        #expect(sctlr["el12"] as? [String: Int] == ["op0": 3, "op1": 5, "crn": 1, "crm": 0, "op2": 0])
        #expect(sctlr["class"] as? String == "deferred")
        #expect(sctlr["group"] as? String == "el1")
        let csselr = try #require(registers.first { $0["name"] as? String == "CSSELR_EL1" })
        #expect(csselr["el12"] is NSNull)
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["el1", "common", "user", "el2Return", "aarch32", "fpexc32"])
    }

    @Test("--help explains the command and its subcommands")
    func help() throws {
        let result = try runSysRegGen(["--help"], in: packageRoot.path)
        #expect(result.status == 0)
        for text in ["USAGE: sysreg-gen", "generate (default)", "lint", "dump", "--check", "--input <file>"] {
            #expect(result.output.contains(text), "\(text)")
        }
    }

    /// The same command line spelled `--name value` (read by sysreg-gen itself, without
    /// ArgumentParser) and `--name=value` (read by ArgumentParser).
    private static let spellings: [[String]] = [
        [],
        ["--check"],
        ["generate", "--set", "c"],
        ["--set", "c", "--set", "backend", "--check"],
        ["--set", "nope"],
        ["--config", "missing.yaml"],
        ["--input", "registers.yaml", "--builtin", "c", "--output", "Out"],
        ["--builtin", "c", "--set", "swift"],
    ]

    @Test(
        "the options of a generation or a check do the same whether sysreg-gen or ArgumentParser reads them",
        arguments: spellings)
    func plainCommandLineAsArgumentParserReadsIt(_ arguments: [String]) throws {
        // `--name=value` and each option's pair joined: no longer a plain command line.
        var joined: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument.hasPrefix("--"), !["--check", "--force", "--prune"].contains(argument),
                let value = rest.popFirst()
            {
                joined.append("\(argument)=\(value)")
            } else {
                joined.append(argument)
            }
        }
        let outcomes = try [arguments, joined].map { arguments in
            try withTemporaryFolder { folder in
                try copyShippedConfiguration(to: folder)
                let first = try runSysRegGen(arguments, in: folder)
                // A second run sees what the first wrote.
                let second = try runSysRegGen(arguments, in: folder)
                let written = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
                return [first.status, second.status].map(String.init) + [
                    first.output, first.errors, second.output, second.errors,
                ] + written
            }
        }
        #expect(outcomes[0] == outcomes[1], "\(arguments) and \(joined)")
    }
}
