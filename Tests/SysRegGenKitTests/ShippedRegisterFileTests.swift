import Foundation
import SysRegRuntime
import TestSupport
import Testing

@testable import SysRegGenKit

/// The toolchain's LLVM, an oracle for encodings that knows nothing of registers.yaml: the
/// `clang` and `llvm-objdump` beside the toolchain's `swiftc`, never others on `PATH`.
enum LLVM {
    static let clang = Toolchain.tool("clang")
    static let objdump = Toolchain.tool("llvm-objdump")
    /// True when the tests can run; in CI they run anyway and fail on a missing tool.
    static var isAvailableOrRequired: Bool { clang != nil && objdump != nil || Toolchain.isCI }

    /// What the disassembler printed for one `mrs`.
    enum Disassembly: Equatable {
        /// The register's name, in upper case.
        case name(String)
        /// The generic `S<op0>_<op1>_C<CRn>_C<CRm>_<op2>` form of the same encoding: a register
        /// this LLVM does not know by name.
        case unnamed
    }

    /// Assembles one `mrs x0, <generic name>` per encoding and returns what the disassembler
    /// printed for each, in order.
    static func disassemble(_ encodings: [SystemRegisterEncoding], in folder: String) throws -> [Disassembly] {
        let source = encodings.map { "mrs x0, \($0.genericName)\n" }.joined()
        try write(source, to: folder + "/regs.s")
        try run(clang, ["--target=aarch64-linux-gnu", "-c", folder + "/regs.s", "-o", folder + "/regs.o"])
        let listing = try run(objdump, ["-d", folder + "/regs.o"])
        let names = listing.split(separator: "\n").filter { $0.contains("\tmrs\t") }
            .compactMap { $0.split(separator: ",").last?.trimmingCharacters(in: .whitespaces).uppercased() }
        return zip(names, encodings).map { name, encoding in
            name == encoding.genericName ? .unnamed : .name(name)
        }
    }

    /// Assembles one `mrc` (or `mrrc`) per encoding for ARMv7-A and returns the numbers of the
    /// operands the disassembler prints for each, in order, without the general-purpose
    /// registers: `p15, #0, c1, c0, #0` (LLVM 21: `#0x0`) is `[15, 0, 1, 0, 0]`.
    static func disassembledCoprocessorFields(of encodings: [CoprocessorEncoding], in folder: String) throws
        -> [[Int]]
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
        try run(clang, ["--target=armv7a-linux-gnueabi", "-c", folder + "/cp.s", "-o", folder + "/cp.o"])
        let listing = try run(objdump, ["-d", folder + "/cp.o"])
        return try listing.split(separator: "\n").filter { $0.contains("\tmrc\t") || $0.contains("\tmrrc\t") }.map {
            let operands = $0.split(separator: "\t").last?.split(separator: ", ") ?? []
            return try operands.filter { !$0.hasPrefix("r") }.map { try number($0) }
        }
    }

    /// The number in an operand: `p15`, `c2`, `#2`, `#0x2`.
    private static func number(_ operand: Substring) throws -> Int {
        let digits = operand.drop { "pc#".contains($0) }
        let value = digits.hasPrefix("0x") ? Int(digits.dropFirst(2), radix: 16) : Int(digits)
        return try #require(value, "llvm-objdump printed the operand '\(operand)'")
    }

    @discardableResult
    private static func run(_ tool: URL?, _ arguments: [String]) throws -> String {
        let tool = try #require(tool, "the toolchain has no clang or llvm-objdump (CI=true requires them)")
        let result = try runProcess(tool.path, arguments)
        #expect(result.status == 0, "\(tool.path) \(arguments): \(result.errors)")
        return result.output
    }
}

@Suite("The shipped registers.yaml")
struct ShippedRegisterFileTests {
    @Test(
        "every encoding, EL12 alias and via register disassembles to its own name",
        .enabled(if: LLVM.isAvailableOrRequired, "needs the toolchain's clang and llvm-objdump"))
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
        let printed = try withTemporaryFolder { try LLVM.disassemble(encodings, in: $0) }
        #expect(printed.count == expected.count)
        var unnamed: [String] = []
        for (name, disassembly) in zip(expected, printed) {
            switch disassembly {
            case .name(let printed): #expect(printed == name)
            // An older LLVM does not know every register: it then prints the same encoding in
            // the generic form, which cannot be another register's name.
            case .unnamed: unnamed.append(name)
            }
        }
        // Armv8.1 registers, which any LLVM that disassembles AArch64 names: the check is real.
        #expect(!unnamed.contains("SCTLR_EL1") && !unnamed.contains("SCTLR_EL12"))
        if !unnamed.isEmpty {
            print("llvm-objdump knows no name for \(unnamed.joined(separator: ", ")): checked by encoding only")
        }
    }

    @Test(
        "every AArch32 counterpart assembles for ARMv7-A and disassembles to the same fields",
        .enabled(if: LLVM.isAvailableOrRequired, "needs the toolchain's clang and llvm-objdump"))
    func coprocessorEncodingsMatchLLVM() throws {
        let file = try GeneratorPipeline.model(inputPath: packagePath("registers.yaml"))
        let encodings = file.registers.flatMap { $0.aarch32.map(\.encoding.value) }
        let fields = try withTemporaryFolder { try LLVM.disassembledCoprocessorFields(of: encodings, in: $0) }
        let expected = encodings.map { encoding in
            switch encoding {
            case .register32(let coproc, let opc1, let crn, let crm, let opc2):
                [coproc, opc1, crn, crm, opc2].map(Int.init)
            case .register64(let coproc, let opc1, let crm): [coproc, opc1, crm].map(Int.init)
            }
        }
        #expect(fields == expected)
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
