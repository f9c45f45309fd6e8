import Foundation
import SysRegSimulator
import TestSupport
import Testing

/// The committed table (Sources/SysRegSimulator/LLVMSystemRegisters.swift) against the
/// toolchain's own LLVM: every entry, assembled as MRS (and MSR) of its generic name with the
/// toolchain's clang, is printed by llvm-objdump with the entry's name.
@Suite struct LLVMTableTests {
    @Test func tableMatchesTheToolchainsDisassembler() throws {
        guard let clang = Toolchain.tool("clang"), let objdump = Toolchain.tool("llvm-objdump") else {
            let message = "LLVMTableTests did not run: the toolchain has no clang and llvm-objdump"
            if Toolchain.isCI {
                Issue.record("\(message)")
            } else {
                print(message)
            }
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sysreg-llvm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every instruction and the name it must print, in order.
        var expected: [String] = []
        var source = ""
        for entry in LLVMSystemRegisters.all {
            let generic = entry.encoding.genericName
            if let name = entry.readName {
                source += "mrs x0, \(generic)\n"
                expected.append(name)
            }
            if let name = entry.writeName {
                source += "msr \(generic), x0\n"
                expected.append(name)
            }
        }
        try source.write(to: folder.appendingPathComponent("table.s"), atomically: true, encoding: .utf8)
        let assembled = try runProcess(
            clang.path, ["--target=aarch64", "-c", "table.s", "-o", "table.o"], in: folder.path)
        try #require(assembled.status == 0, "\(assembled.errors)")
        let listing = try runProcess(objdump.path, ["-d", "table.o"], in: folder.path)
        try #require(listing.status == 0, "\(listing.errors)")
        let printed = listing.output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, fields[fields.count - 2] == "mrs" || fields[fields.count - 2] == "msr" else {
                return nil
            }
            let operands = fields[fields.count - 1].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return fields[fields.count - 2] == "mrs" ? operands.last : operands.first
        }
        try #require(printed.count == expected.count, "llvm-objdump printed \(printed.count) instructions")
        var unknown: [String] = []
        for (name, seen) in zip(expected, printed) where name != seen {
            // An older LLVM prints the generic name of a register it does not know: not a fault.
            if seen.hasPrefix("S2_") || seen.hasPrefix("S3_") {
                unknown.append(name)
            } else {
                Issue.record("the table names \(name) where llvm-objdump prints \(seen)")
            }
        }
        if !unknown.isEmpty {
            print(
                "LLVMTableTests: this toolchain's LLVM does not know \(unknown.count) names: \(unknown.joined(separator: ", "))"
            )
        }
    }
}
