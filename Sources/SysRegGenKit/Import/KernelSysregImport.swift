import SysRegRuntime

/// A register to add to `registers.yaml`, taken from the kernel's register file.
public struct ImportedRegister: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its encoding.
    public var encoding: SystemRegisterEncoding
    /// Its `*_EL12`/`*_EL02` alias, from the `Mapping` of the alias's block.
    public var el12: SystemRegisterEncoding?
}

/// The third step of `sysreg-gen import kernel-sysreg`: which registers of a kernel register
/// file become `registers.yaml` entries, and the entries' text.
public struct KernelSysregImport: Sendable {
    /// The registers to add, in the kernel file's order.
    public var registers: [ImportedRegister]
    /// What was skipped and why, in the kernel file's order.
    public var skipped: [ImportSkip]

    /// The `class` and `group` of entries the user has not decided: a value the register file
    /// rejects until it is replaced.
    public static let undecided = "TODO"

    /// Chooses the registers of `file` to import into `target`.
    ///
    /// A block with a `Mapping` (or named `*_EL12`/`*_EL02` with op1 = 5) is not a register of
    /// its own: when it is the `*_EL12`/`*_EL02` alias of the register it maps to (that
    /// register's name with `2` appended, its encoding with op1 = 5) it becomes that register's
    /// `el12`; otherwise it is skipped. Registers already in `target`, by name or by encoding,
    /// are skipped. With `only`, just those registers are considered; naming one the file does
    /// not define is an error.
    public init(_ file: KernelSysregFile, into target: RegisterFile, only: [String]? = nil) throws(DiagnosticList) {
        let byName = Dictionary(file.blocks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        if let only {
            let unknown = only.filter { byName[$0] == nil }
            guard unknown.isEmpty else {
                throw DiagnosticList(unknown.map { .error("--only: '\($0)' is not a Sysreg of \(file.path)", at: nil) })
            }
        }
        func wanted(_ names: String...) -> Bool { only.map { list in names.contains { list.contains($0) } } ?? true }

        var skipped = only == nil ? file.skipped : []
        var aliases: [String: SystemRegisterEncoding] = [:]
        for alias in file.blocks {
            guard let targetName = Self.aliasTarget(alias), wanted(alias.name, targetName) else { continue }
            let reason: String
            if !canHaveEL12Alias(targetName) {
                reason = "maps to \(targetName), which is no *_EL1 or *_EL0 register and has no EL12 alias"
            } else if let mapped = byName[targetName] {
                guard let expected = el12Alias(of: targetName, at: mapped.encoding) else {
                    skipped.append(
                        ImportSkip(
                            name: alias.name, at: alias.location,
                            reason:
                                "maps to \(targetName), which E2H does not redirect (op1 = \(mapped.encoding.op1)), so it has no EL12 alias"
                        ))
                    continue
                }
                if alias.name == Register.el12Name(of: targetName) && alias.encoding == expected {
                    aliases[targetName] = alias.encoding
                    if wanted(targetName) { continue }
                    reason = "an alias is imported as the 'el12' of the register it maps to: import \(targetName)"
                } else {
                    reason =
                        "maps to \(targetName) but is not its \(Register.el12Name(of: targetName)) alias at \(expected.genericName) "
                        + "(it is \(alias.encoding.genericName))"
                }
            } else {
                reason = "maps to \(targetName), which the file does not define"
            }
            skipped.append(ImportSkip(name: alias.name, at: alias.location, reason: reason))
        }

        let existingNames = Dictionary(
            target.registers.map { ($0.name.value, $0.name.location) }, uniquingKeysWith: { first, _ in first })
        var existingEncodings: [SystemRegisterEncoding: String] = [:]
        for register in target.registers {
            for encoding in [register.encoding.value, register.el12?.value, register.via?.encoding.value] {
                if let encoding { existingEncodings[encoding] = existingEncodings[encoding] ?? register.name.value }
            }
        }
        var registers: [ImportedRegister] = []
        for block in file.blocks where Self.aliasTarget(block) == nil && wanted(block.name) {
            if let location = existingNames[block.name] {
                skipped.append(
                    ImportSkip(
                        name: block.name, at: block.location,
                        reason: "already in \(location.path) (line \(location.line))"))
                continue
            }
            let el12 = aliases[block.name]
            if let clash = [block.encoding, el12].compactMap({ $0 }).first(where: { existingEncodings[$0] != nil }) {
                skipped.append(
                    ImportSkip(
                        name: block.name, at: block.location,
                        reason: "\(clash.genericName) is already used by \(existingEncodings[clash]!) in \(target.path)"
                    ))
                continue
            }
            registers.append(ImportedRegister(name: block.name, encoding: block.encoding, el12: el12))
        }
        self.registers = registers
        self.skipped = skipped.sorted { $0.location < $1.location }
    }

    /// The register `block` is an alias of: the one its `Mapping` names, or, for a block without
    /// one, `SCTLR_EL1` for `SCTLR_EL12` (a `*_EL12`/`*_EL02` name with op1 = 5), as the kernel's
    /// file writes a few of them; `nil` for a register of its own.
    private static func aliasTarget(_ block: KernelSysregFile.Block) -> String? {
        if let mapping = block.mapping { return mapping }
        let implied = block.name.hasSuffix("_EL12") || block.name.hasSuffix("_EL02")
        return implied && block.encoding.op1 == 5 ? String(block.name.dropLast()) : nil
    }

    /// The entries as `registers.yaml` text, to merge under `registers:`.
    ///
    /// `registerClass` and `group` fill every entry's `class` and `group`; when `nil`, those are
    /// ``undecided`` with a comment listing the choices (`groups`, the target file's groups).
    public func yaml(source: String, registerClass: RegisterClass?, group: String?, groups: [String]) -> String {
        var lines = [
            "# Imported by sysreg-gen from \(source): merge under 'registers:' in registers.yaml."
        ]
        if registerClass == nil || group == nil {
            lines.append(
                "# Replace each \(Self.undecided) with your decision; sysreg-gen rejects the entries until then.")
        }
        let classes = RegisterClass.allCases.map(\.rawValue).joined(separator: " | ")
        for register in registers {
            lines.append("  - name: \(register.name)")
            lines.append("    encoding: \(register.encoding.genericName)")
            if let el12 = register.el12 { lines.append("    el12: \(el12.genericName)") }
            // The Arm ARM names a few registers without an _ELx suffix (FPCR, SVCR, ALLINT).
            if !hasELSuffix(register.name) { lines.append("    unsuffixed: true") }
            lines.append(
                "    class: " + (registerClass.map(\.rawValue) ?? "\(Self.undecided)  # \(classes)"))
            lines.append(
                "    group: " + (group ?? "\(Self.undecided)  # \(groups.joined(separator: " | "))"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
