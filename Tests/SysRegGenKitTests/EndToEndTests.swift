import Foundation
import Testing

@Suite("End to end")
struct EndToEndTests {
    @Test("adding one register and regenerating changes only that register's lines")
    func addRegister() throws {
        try withTemporaryFolder { folder in
            try copyInputs(to: folder)
            #expect(try runSysRegGen([], in: folder).status == 0)
            let before = try FileManager.default.contentsOfDirectory(atPath: folder + "/Generated").sorted()
                .map { ($0, try contents(of: folder + "/Generated/" + $0)) }

            // ACCDATA_EL1 is op0=3, op1=0, CRn=13, CRm=0, op2=5 (arch/arm64/tools/sysreg in Linux).
            let yaml = try contents(of: folder + "/registers.yaml")
            try write(
                yaml + """
                      - name: ACCDATA_EL1
                        encoding: S3_0_C13_C0_5
                        class: deferred
                        group: el1
                        doc: Accelerator Data

                    """, to: folder + "/registers.yaml")
            let result = try runSysRegGen([], in: folder)
            #expect(result.status == 0, "\(result.errors)")

            // Besides the register's lines, each changed file's header hash changes, and so do the
            // numbers of cases of the enums the register joins (`caseCount`) and may the storage
            // (`SysRegValues`, in runs of 64 and 8 words, and `value(in:)`, which reads it):
            // compared apart, it must hold a word for every register, the new one's read last.
            let hashLine = "// sysreg-gen content hash: "
            let countLine = "    public static var caseCount: Int { "
            let changesInPlace = { (line: String) in line.hasPrefix(hashLine) || line.hasPrefix(countLine) }
            var added: [String] = []
            var counts: [String: (removed: [String], inserted: [String])] = [:]
            for (name, old) in before {
                let new = try contents(of: folder + "/Generated/" + name)
                let difference = withoutStorage(new).difference(from: withoutStorage(old))
                var removed: [String] = []
                for case .remove(_, let line, _) in difference.removals { removed.append(String(line)) }
                var inserted: [String] = []
                for case .insert(_, let line, _) in difference.insertions { inserted.append(String(line)) }
                let changed = !inserted.isEmpty
                #expect(removed.allSatisfy(changesInPlace), "\(name)")
                #expect(removed.filter { $0.hasPrefix(hashLine) }.count == (changed ? 1 : 0), "\(name)")
                #expect(inserted.filter { $0.hasPrefix(hashLine) }.count == (changed ? 1 : 0), "\(name)")
                added += inserted.filter { !changesInPlace($0) }
                let oldCounts = removed.filter { $0.hasPrefix(countLine) }
                let newCounts = inserted.filter { $0.hasPrefix(countLine) }
                if !oldCounts.isEmpty || !newCounts.isEmpty { counts[name] = (oldCounts, newCounts) }
            }
            let sysRegCount = caseCount(in: before, file: "SysReg.swift")
            let systemRegisterCount = caseCount(in: before, file: "SystemRegister.swift")
            // One case more in SysReg and SystemRegister; AArch32SysReg and SysRegGroup unchanged.
            #expect(counts.keys.sorted() == ["SysReg.swift", "SystemRegister.swift"])
            for (file, count) in [("SysReg.swift", sysRegCount), ("SystemRegister.swift", systemRegisterCount)] {
                #expect(counts[file]?.removed == [countLine + "\(count) }"], "\(file)")
                #expect(counts[file]?.inserted == [countLine + "\(count + 1) }"], "\(file)")
            }
            let sysRegBefore = before.first { $0.0 == "SysReg.swift" }?.1 ?? ""
            #expect(storedWords(in: sysRegBefore) >= sysRegCount)
            let sysRegAfter = try contents(of: folder + "/Generated/SysReg.swift")
            #expect(storedWords(in: sysRegAfter) >= sysRegCount + 1)
            #expect(sysRegAfter.contains(#/\n        case \.ACCDATA_EL1: return values\.words\d+\.w\d+\n        }\n/#))
            // 9 lines in SysReg, the accessors' switch and the routines; 3 in SystemRegister.swift
            // (the properties no hot path reads are one table line per enum; the ids and the
            // lookups by id are computed from the encoding).
            #expect(added.count == 11)
            for line in added {
                #expect(line.contains("ACCDATA_EL1") || line.contains("S3_0_C13_C0_5"), "unrelated line: \(line)")
            }
            #expect(added.contains("    case ACCDATA_EL1"))
            // 0xC685 = 3 << 14 | 0 << 11 | 13 << 7 | 0 << 3 | 5, for both EL1 states.
            let live = "        case .ACCDATA_EL1: return LiveEncodings(bits: 0xC685_C685)  // .ACCDATA_EL1"
            #expect(added.contains(live))
            // Its word is its position, after every register before it.
            let save = "            self[word: \(sysRegCount)] = cpu.read(packedID: 0xC685)  // ACCDATA_EL1"
            #expect(added.contains(save))
            // Appended last, its case comes after every case of each enum before it (in
            // SystemRegister also after the described-only registers such as ID_AA64MMFR1_EL1):
            // the tables' last columns name those positions, counted from the tables' rows before so
            // that the test holds for any register file a user extends.
            #expect(
                added.contains("        ACCDATA_EL1 S3_0_C13_C0_5 - deferred el1 \(systemRegisterCount)"),
                "SysReg's table")
            #expect(added.contains("        ACCDATA_EL1 S3_0_C13_C0_5 \(sysRegCount)"), "SystemRegister's table")
        }
    }

    /// The lines of a generated file, without the bodies of `value(in:)` and `SysRegValues`.
    private func withoutStorage(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var end: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let close = end {
                if line == close { end = nil } else { continue }
            }
            lines.append(line)
            if line.contains("func value(in values: borrowing SysRegValues)") { end = "    }" }
            if line.hasPrefix("public struct SysRegValues") { end = "}" }
        }
        return lines
    }

    /// The words of the runs that `SysRegValues` in `text` declares (`Words64`: 64, `Words8`: 8).
    private func storedWords(in text: String) -> Int {
        text.matches(of: #/ = Words(64|8)\(\)/#).compactMap { Int($0.output.1) }.reduce(0, +)
    }

    /// The rows of the one `RegisterTable` in `file` of `files`: one per case of its enum.
    private func caseCount(in files: [(String, String)], file: String) -> Int {
        let lines = (files.first { $0.0 == file }?.1 ?? "").split(separator: "\n")
        guard let start = lines.firstIndex(where: { $0.hasSuffix("RegisterTable(") }) else { return -1 }
        // The literal's opening `"""` line follows; its rows run to the closing `""")`.
        let rows = lines[(start + 2)...].prefix { !$0.hasSuffix("\"\"\")") }
        return rows.count
    }
}
