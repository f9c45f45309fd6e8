import SysRegRuntime
import SysRegSimulator
import Testing

/// The hand-written E2H rules against LLVM's table and the decode built from both.
@Suite struct E2HRulesTests {
    static let vheHost = ExecutionContext.el2(e2h: true)

    /// Every `*_EL12`/`*_EL02` LLVM names is implemented or set aside with a reason, so a newer
    /// LLVM's alias cannot go unnoticed.
    @Test func everyAliasOfLLVMsTableIsDecided() {
        let llvmAliases = Set(
            LLVMSystemRegisters.all.compactMap(\.readName).filter { $0.hasSuffix("_EL12") || $0.hasSuffix("_EL02") })
        let decided = Set(E2HRules.aliases.map(\.name)).union(E2HRules.notImplemented.keys)
        #expect(llvmAliases.subtracting(decided).sorted() == [], "aliases of LLVM's table the rules do not decide")
        #expect(decided.subtracting(llvmAliases).sorted() == [], "aliases the rules name that LLVM's table does not")
        #expect(Set(E2HRules.aliases.map(\.name)).isDisjoint(with: E2HRules.notImplemented.keys))
    }

    /// Each alias is its register's encoding with op1 = 5, named after it, reaches it only from EL2
    /// with E2H, and the register's own encoding there reaches an EL2 register.
    @Test(arguments: E2HRules.aliases.map(\.name))
    func aliasReachesItsRegisterAndTheRegisterIsRedirected(_ name: String) throws {
        let alias = try #require(E2HRules.alias(named: name))
        let row = try #require(DecodeTable.row(named: name))
        let own = alias.register.encoding
        #expect(row.encoding == SystemRegisterEncoding(op0: own.op0, op1: 5, crn: own.crn, crm: own.crm, op2: own.op2))
        #expect(name == alias.register.name + "2")
        #expect(DecodeTable.reach(row.encoding, in: Self.vheHost) == .readWrite(alias.register))
        for context in [ExecutionContext.el0, .el1, .el2(e2h: false)] {
            #expect(DecodeTable.reach(row.encoding, in: context) == .undefined, "\(name) in \(context)")
        }
        #expect(alias.redirectedTo.name.hasSuffix("_EL2"))
        #expect(DecodeTable.reach(own, in: Self.vheHost) == .readWrite(alias.redirectedTo))
        #expect(DecodeTable.reach(own, in: .el2(e2h: false)) == .readWrite(alias.register))
        #expect(DecodeTable.reach(own, in: .el1) == .readWrite(alias.register))
    }

    /// The seed's era: ACTLR_EL12 is UNDEFINED and ACTLR_EL1 reaches itself from a VHE host.
    @Test func actlrIsNotRedirected() {
        let actlr12 = SystemRegisterEncoding(op0: 3, op1: 5, crn: 1, crm: 0, op2: 1)  // llvm-objdump: ACTLR_EL12
        #expect(DecodeTable.reach(actlr12, in: Self.vheHost) == .undefined)
        #expect(DecodeTable.reach(PhysicalRegister.ACTLR_EL1.encoding, in: Self.vheHost) == .readWrite(.ACTLR_EL1))
    }

    /// LLVM's read-only and write-only registers, and the one encoding that is two registers.
    @Test func accessFollowsLLVMsTable() {
        #expect(DecodeTable.reach(PhysicalRegister.MIDR_EL1.encoding, in: .el2(e2h: false)) == .readOnly(.MIDR_EL1))
        #expect(DecodeTable.reach(PhysicalRegister.MIDR_EL1.encoding, in: .el1) == .readOnly(.VPIDR_EL2))
        #expect(
            DecodeTable.reach(PhysicalRegister.ICC_EOIR1_EL1.encoding, in: .el1) == .writeOnly(.ICC_EOIR1_EL1))
        #expect(
            DecodeTable.reach(PhysicalRegister.DBGDTRRX_EL0.encoding, in: .el0)
                == .split(read: .DBGDTRRX_EL0, write: .DBGDTRTX_EL0))
        #expect(DecodeTable.reach(PhysicalRegister.SCTLR_EL2.encoding, in: .el1) == .undefined)
        #expect(DecodeTable.reach(PhysicalRegister.SCTLR_EL3.encoding, in: Self.vheHost) == .undefined)
    }

    /// The host's own registers are registers of the table that E2H redirects (or SP_EL0,
    /// MDSCR_EL1, TPIDR_EL1), and userspace's are EL0 registers.
    @Test func hostStateIsTheArchitectures() {
        for register in HostState.kernelRegisters(e2h: true) {
            #expect(
                E2HRules.alias(of: register) != nil || [.SP_EL0, .MDSCR_EL1].contains(register), "\(register)")
        }
        for (register, writable) in HostState.userspaceRegisters {
            #expect((DecodeTable.reach(register.encoding, in: .el0).writeRegister != nil) == writable, "\(register)")
        }
    }
}
