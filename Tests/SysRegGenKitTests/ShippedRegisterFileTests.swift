import Foundation
import SysRegRuntime
import Testing

@testable import SysRegGenKit

/// The toolchain's LLVM, an oracle for encodings that knows nothing of registers.yaml.
enum LLVM {
    /// The path of `tool` on `PATH`, if any.
    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static let clang = find("clang")
    static let objdump = find("llvm-objdump")
    static var isAvailable: Bool { clang != nil && objdump != nil }

    /// Assembles one `mrs x0, <generic name>` per encoding and returns the register names the
    /// disassembler prints for them, in order.
    static func disassembledNames(of encodings: [SystemRegisterEncoding], in folder: String) throws -> [String] {
        let source = encodings.map { "mrs x0, \($0.genericName)\n" }.joined()
        try write(source, to: folder + "/regs.s")
        try run(clang!, ["--target=aarch64-linux-gnu", "-c", folder + "/regs.s", "-o", folder + "/regs.o"])
        let listing = try run(objdump!, ["-d", "--mattr=+v8.1a", folder + "/regs.o"])
        return listing.split(separator: "\n").filter { $0.contains("\tmrs\t") }
            .map { String($0.split(separator: ",").last!.trimmingCharacters(in: .whitespaces)) }
    }

    /// Assembles one `mrc` (or `mrrc`) per encoding for ARMv7-A and returns the operands the
    /// disassembler prints for them, in order, without the destination registers:
    /// `p15, #0, c1, c0, #0` and `p15, #0, c2`.
    static func disassembledCoprocessorOperands(of encodings: [CoprocessorEncoding], in folder: String) throws
        -> [String]
    {
        let source = encodings.map { encoding in
            switch encoding {
            case .register32(let coproc, let opc1, let crn, let crm, let opc2):
                "mrc p\(coproc), #\(opc1), r0, c\(crn), c\(crm), #\(opc2)\n"
            case .register64(let coproc, let opc1, let crm):
                "mrrc p\(coproc), #\(opc1), r0, r1, c\(crm)\n"
            }
        }.joined()
        try write(source, to: folder + "/cp.s")
        try run(clang!, ["--target=armv7a-linux-gnueabi", "-c", folder + "/cp.s", "-o", folder + "/cp.o"])
        let listing = try run(objdump!, ["-d", folder + "/cp.o"])
        return listing.split(separator: "\n").filter { $0.contains("\tmrc\t") || $0.contains("\tmrrc\t") }.map {
            $0.split(separator: "\t").last!.split(separator: ", ").filter { !$0.hasPrefix("r") }.joined(separator: ", ")
        }
    }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try runProcess(tool, arguments)
        #expect(result.status == 0, "\(tool) \(arguments): \(result.errors)")
        return result.output
    }
}

@Suite("The shipped registers.yaml")
struct ShippedRegisterFileTests {
    @Test(
        "every encoding, EL12 alias and via register disassembles to its own name",
        .enabled(if: LLVM.isAvailable, "needs the toolchain's clang and llvm-objdump"))
    func encodingsMatchLLVM() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        var expected: [String] = []
        var encodings: [SystemRegisterEncoding] = []
        for register in file.registers {
            expected.append(register.name.value)
            encodings.append(register.encoding.value)
            if let el12 = register.el12 {
                expected.append(register.el12Name)
                encodings.append(el12.value)
            }
            if let via = register.via {
                expected.append(via.name.value)
                encodings.append(via.encoding.value)
            }
        }
        let names = try withTemporaryFolder { try LLVM.disassembledNames(of: encodings, in: $0) }
        #expect(names.map { $0.uppercased() } == expected)
    }

    @Test(
        "every AArch32 counterpart assembles for ARMv7-A and disassembles to the same fields",
        .enabled(if: LLVM.isAvailable, "needs the toolchain's clang and llvm-objdump"))
    func coprocessorEncodingsMatchLLVM() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        let encodings = file.registers.flatMap { $0.aarch32.map(\.encoding.value) }
        let operands = try withTemporaryFolder { try LLVM.disassembledCoprocessorOperands(of: encodings, in: $0) }
        let expected = encodings.map { encoding in
            switch encoding {
            case .register32(let coproc, let opc1, let crn, let crm, let opc2):
                "p\(coproc), #\(opc1), c\(crn), c\(crm), #\(opc2)"
            case .register64(let coproc, let opc1, let crm): "p\(coproc), #\(opc1), c\(crm)"
            }
        }
        #expect(operands == expected)
        #expect(encodings.count == 33)
    }

    @Test("a sample of AArch32 encodings equals the kernel's cp15 tables")
    func coprocessorEncodingsMatchKernel() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        let encodings = Dictionary(
            uniqueKeysWithValues: file.registers.flatMap { $0.aarch32.map { ($0.name.value, $0.encoding.value.text) } })
        // arch/arm64/kvm/sys_regs.c cp15_regs: { Op1( 0), CRn( 1), CRm( 0), Op2( 0), ..., SCTLR_EL1 },
        // { Op1( 0), CRn( 6), CRm( 0), Op2( 2), ..., FAR_EL1 (AA32_HI) } and cp15_64_regs
        // { Op1( 1), CRn( 0), CRm( 2), Op2( 0), ..., TTBR1_EL1 } (CRm names the MCRR register).
        #expect(encodings["SCTLR"] == "p15, 0, c1, c0, 0")
        #expect(encodings["IFAR"] == "p15, 0, c6, c0, 2")
        #expect(encodings["TTBR1_64"] == "p15, 1, c2")
    }

    @Test("a sample of encodings equals the kernel's definitions")
    func encodingsMatchKernel() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        let encodings = Dictionary(uniqueKeysWithValues: file.registers.map { ($0.name.value, $0.encoding.value) })
        // arch/arm64/include/asm/sysreg.h: SYS_SCTLR_EL1 sys_reg(3, 0, 1, 0, 0),
        // SYS_CSSELR_EL1 sys_reg(3, 2, 0, 0, 0), SYS_TPIDRRO_EL0 sys_reg(3, 3, 13, 0, 3),
        // SYS_MDSCR_EL1 sys_reg(2, 0, 0, 2, 2), SYS_DBGVCR32_EL2 sys_reg(2, 4, 0, 7, 0).
        // sys_reg() shifts op0 to bit 19, op1 to 16, CRn to 12, CRm to 8 and op2 to 5.
        let kernel: [String: UInt32] = [
            "SCTLR_EL1": 0x18_1000, "CSSELR_EL1": 0x1A_0000, "TPIDRRO_EL0": 0x1B_D060, "MDSCR_EL1": 0x10_0240,
            "DBGVCR32_EL2": 0x14_0700,
        ]
        for (name, value) in kernel {
            #expect(encodings[name]?.sysRegValue == value, "\(name)")
        }
        // The MRS instruction word for SCTLR_EL12 into x0, as llvm-objdump prints it: d53d1000.
        let sctlr12 = try #require(file.registers.first { $0.name.value == "SCTLR_EL1" }?.el12?.value)
        // MRS is 0xD520_0000 with the encoding's fields at their sys_reg() place and Rt in [4:0].
        #expect(0xD520_0000 | sctlr12.sysRegValue == 0xD53D_1000)
    }
}
