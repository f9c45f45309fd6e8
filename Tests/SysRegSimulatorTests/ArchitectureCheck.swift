import SysRegGenKit
import SysRegRuntime
import SysRegSimulator

/// The register file checked against the simulated CPU's architecture (LLVM's register table and
/// the hand-written E2H rules), register by register: what `sysreg-gen`'s own validation cannot
/// know, since it has no table of the architecture.
enum ArchitectureCheck {
    /// One `path:line:col: error: NAME: reason` per wrong fact, in file order; empty when every
    /// register is the architecture's.
    static func problems(in file: RegisterFile) -> [String] {
        file.registers.flatMap(problems(of:))
    }

    /// The problems of one register: its name, encoding, alias, `via` and access.
    static func problems(of register: Register) -> [String] {
        let name = register.name.value
        let error = { (location: SourceLocation, message: String) in "\(location): error: \(name): \(message)" }
        guard let physical = PhysicalRegister(name: name) else {
            return [
                error(
                    register.name.location,
                    "the architecture has no register of that name (LLVM \(LLVMSystemRegisters.llvmVersion)'s "
                        + "AArch64 table); check the Arm ARM's spelling")
            ]
        }
        var problems: [String] = []
        let encoding = register.encoding.value
        if encoding != physical.encoding {
            problems.append(
                error(
                    register.encoding.location,
                    "encoding \(encoding) is \(describe(encoding)); \(name)'s encoding is \(physical.encoding)"))
        }
        let alias = E2HRules.alias(of: physical)
        let aliasEncoding = alias.flatMap { DecodeTable.row(named: $0.name)?.encoding }
        switch (register.el12, alias, aliasEncoding) {
        case (let el12?, let alias?, let expected?) where el12.value != expected:
            problems.append(
                error(
                    el12.location,
                    "el12 \(el12.value) is \(describe(el12.value)), not \(name)'s alias \(alias.name) (\(expected))"))
        case (let el12?, nil, _):
            problems.append(
                error(
                    el12.location,
                    "el12 \(el12.value) is \(describe(el12.value)), but E2H does not redirect \(name), so it has no "
                        + "alias; remove el12"))
        case (nil, let alias?, let expected?):
            problems.append(
                error(
                    register.name.location,
                    "E2H redirects \(name) to \(alias.redirectedTo.name) at EL2, so it needs el12: \(expected) "
                        + "(\(alias.name))"))
        default: break
        }
        if let via = register.via {
            let expected = PhysicalRegister(name: via.name.value)?.encoding
            if via.encoding.value != expected {
                problems.append(
                    error(
                        via.encoding.location,
                        "via \(via.name.value) \(via.encoding.value) is \(describe(via.encoding.value))"
                            + (expected.map { "; \(via.name.value)'s encoding is \($0)" } ?? "")))
            }
        }
        // Save and restore execute at EL2; through `via` when there is one (MPIDR_EL1, read-only,
        // is restored through VMPIDR_EL2).
        let saved = register.via.flatMap { PhysicalRegister(name: $0.name.value) } ?? physical
        let reach = DecodeTable.reach(saved.encoding, in: .el2(e2h: false))
        if reach.readRegister == nil {
            problems.append(error(register.name.location, "\(saved.name) is write-only (MSR only): it cannot be saved"))
        }
        if reach.writeRegister == nil {
            problems.append(
                error(register.name.location, "\(saved.name) is read-only (MRS only): it cannot be restored"))
        }
        return problems
    }

    /// `SCTLR_EL12's encoding`, or why the architecture has nothing there.
    private static func describe(_ encoding: SystemRegisterEncoding) -> String {
        if let row = DecodeTable.row(for: encoding) { return "\(row.name)'s encoding" }
        if let entry = LLVMSystemRegisters.all.first(where: { $0.encoding == encoding }),
            let name = entry.readName ?? entry.writeName, let reason = E2HRules.notImplemented[name]
        {
            return "\(name), which the simulated CPU does not implement (\(reason))"
        }
        return "not an encoding the architecture defines"
    }
}
