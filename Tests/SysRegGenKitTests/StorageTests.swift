import Foundation
import SysRegRuntime
import TestSupport
import Testing

@testable import SysRegGenKit

/// The context's inline storage when it takes several runs of words (the runtime's `Words64`,
/// then `Words8`): every register has a word of its own, in order.
@Suite(
    "A context of several runs of words",
    .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
struct StorageTests {
    /// `count` deferred registers of group `el1`, at IMPLEMENTATION DEFINED encodings
    /// (op0 3, CRn 15: the Arm ARM's space for them), none with an alias.
    static func file(count: Int) -> String {
        let registers = (0..<count).map { index in
            "  - name: IMPDEF\(index)_EL1\n    encoding: S3_\(index / 128)_C15_C\(index / 8 % 16)_\(index % 8)\n"
                + "    class: deferred\n    group: el1\n"
        }
        return "version: 1\ngroups:\n  - name: el1\n    switched: load-put\nregisters:\n" + registers.joined()
    }

    @Test("131 registers: two runs of 64 words and one of 8, each register's write in its own word, read back")
    func severalRuns() throws {
        let count = 131
        let view = try SwiftView(validate(Self.file(count: count)))
        #expect(view.storageChunks.map(\.typeName) == ["Words64", "Words64", "Words8"])
        let output = try runAgainstRendered(
            Self.file(count: count),
            """
            import SysRegRuntime
            import SysRegs

            var context = CPUContext<SysReg>()
            for register in SysReg.allCases { context[register] = 0xA000 + UInt64(register.index) }
            let words = withUnsafeBytes(of: context) { Array($0.bindMemory(to: UInt64.self)) }
            print(words.count)
            print(words.map { String($0, radix: 16) }.joined(separator: " "))
            print(SysReg.allCases.map { String(context[$0], radix: 16) }.joined(separator: " "))
            """, [])
        // Each register's value is 0xA000 plus its position; the last run's 5 words past the last
        // register stay 0.
        let values = (0..<count).map { String(0xA000 + $0, radix: 16) }
        let zeros = Array(repeating: "0", count: 5)
        #expect(output == ["136", (values + zeros).joined(separator: " "), values.joined(separator: " ")])
    }

    @Test(
        "one register: a generic loop of another module that loads and puts the vcpu builds at -O and keeps the value"
    )
    func consumedAcrossModules() throws {
        // Swift 6.3.1's optimizer crashes on this function, specialized in the program from the
        // library's inlinable body, when `SysRegValues` has three stored words or fewer (one
        // register once had one); one register is now a run of 8 (docs/benchmarks.md, part 16).
        let yaml = Self.file(count: 1)
        let register = try #require(try validate(yaml).registers.first)
        try withTemporaryFolder { folder in
            try render(yaml, into: folder)
            let optimized = ["-O", "-wmo"]
            let build = try buildGenerated(in: folder, flags: optimized)
            try write(
                """
                import SysRegRuntime
                import SysRegs

                @inlinable
                public func cycle<CPU: SystemRegisterCPU>(
                    _ vcpu: consuming VCPU<SysReg>, on cpu: CPU, times: Int, roundTrip: Bool
                ) -> VCPU<SysReg> {
                    var host = HostCPU(cpu, mode: .vhe)
                    if roundTrip {
                        var loaded = vcpu.load(on: host)
                        for _ in 0..<times {
                            loaded.enterGuest()
                            loaded.exitGuest()
                        }
                        return loaded.put().vcpu
                    }
                    for _ in 0..<times {
                        let unloaded = vcpu.load(on: host).put()
                        vcpu = unloaded.vcpu
                        host = unloaded.host
                    }
                    return vcpu
                }
                """, to: folder + "/Cycle.swift")
            try build.module("Cycle", sources: [folder + "/Cycle.swift"], flags: optimized)
            // A CPU whose registers hold their own packed id: put saves it into the context.
            try write(
                """
                import Cycle
                import SysRegRuntime
                import SysRegs

                struct PackedIDs: SystemRegisterCPU {
                    func read(_ encoding: SystemRegisterEncoding) -> UInt64 { UInt64(encoding.packedID) }
                    func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {}
                }
                let roundTrip = CommandLine.arguments.count > 1
                print(cycle(VCPU(), on: PackedIDs(), times: 3, roundTrip: roundTrip).context[.\(register.name.value)])
                """, to: folder + "/main.swift")
            try build.program(
                "main", sources: [folder + "/main.swift"], libraries: ["Cycle", "SysRegs", "SysRegRuntime"],
                flags: optimized)
            for arguments in [[], ["round-trip"]] {
                let run = try runProcess(folder + "/main", arguments)
                #expect(run.output == "\(register.encoding.value.packedID)\n", "\(arguments)")
            }
        }
    }
}
