import SysRegRuntime

/// A register to add to `registers.yaml`, taken from the kernel's register file.
public struct ImportedRegister: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its encoding.
    public var encoding: SystemRegisterEncoding
    /// Its `*_EL12`/`*_EL02` alias, from the `Mapping` of the alias's block.
    public var el12: SystemRegisterEncoding?
    /// Its `Prefix` layouts.
    public var prefixed: [KernelSysregFile.Prefixed] = []
    /// Its fields, a `SysregFields` layout it references written out.
    public var fields: [KernelSysregFile.Field] = []
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
            switch Self.el12Alias(alias, of: byName[targetName], named: targetName) {
            case .success(let encoding):
                aliases[targetName] = encoding
                if wanted(targetName) { continue }
                reason = "an alias is imported as the 'el12' of the register it maps to: import \(targetName)"
            case .failure(let notAlias):
                reason = notAlias.reason
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
            // A shared layout is written out into each register: the entries merge into any file.
            let shared = block.fieldsReference.flatMap { file.layouts[$0] }
            registers.append(
                ImportedRegister(
                    name: block.name, encoding: block.encoding, el12: el12,
                    prefixed: block.prefixed + (shared?.prefixed ?? []), fields: shared?.fields ?? block.fields))
        }
        self.registers = registers
        self.skipped = skipped.sorted { $0.location < $1.location }
    }

    /// Why an alias block is not the `el12` of the register it maps to.
    struct NotEL12Alias: Error {
        var reason: String
    }

    /// The `el12` that `alias` gives the register `targetName` (its block `mapped`, when the file
    /// has it), or why it gives none.
    static func el12Alias(
        _ alias: KernelSysregFile.Block, of mapped: KernelSysregFile.Block?, named targetName: String
    ) -> Result<SystemRegisterEncoding, NotEL12Alias> {
        guard canHaveEL12Alias(targetName) else {
            return .failure(
                .init(reason: "maps to \(targetName), which is no *_EL1 or *_EL0 register and has no EL12 alias"))
        }
        guard let mapped else {
            return .failure(.init(reason: "maps to \(targetName), which the file does not define"))
        }
        guard let expected = SysRegGenKit.el12Alias(of: targetName, at: mapped.encoding) else {
            return .failure(
                .init(
                    reason:
                        "maps to \(targetName), which E2H does not redirect (op1 = \(mapped.encoding.op1)), so it has no EL12 alias"
                ))
        }
        guard alias.name == Register.el12Name(of: targetName) && alias.encoding == expected else {
            return .failure(
                .init(
                    reason:
                        "maps to \(targetName) but is not its \(Register.el12Name(of: targetName)) alias at \(expected.genericName) "
                        + "(it is \(alias.encoding.genericName))"))
        }
        return .success(alias.encoding)
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
            lines += Self.fieldLines(prefixed: register.prefixed, fields: register.fields)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A complete register file holding every block of `file`, in its order: each `Sysreg` a
    /// register with its fields (described only: no `class` or `group`), each `SysregFields` a
    /// shared layout, each `Fields` a reference, each `Mapping` an `alias-of`; an EL12 alias is
    /// also its register's `el12`.
    ///
    /// A `Fields` naming no `SysregFields` of the file becomes `fields-see`, with a warning.
    public static func standalone(_ file: KernelSysregFile) -> (text: String, warnings: [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let byName = Dictionary(file.blocks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var el12: [String: SystemRegisterEncoding] = [:]
        for block in file.blocks {
            if let target = aliasTarget(block),
                case .success(let alias) = el12Alias(block, of: byName[target], named: target)
            {
                el12[target] = alias
            }
        }
        var lines = [
            "# Imported by sysreg-gen from \(file.path): every block, in its order.",
            "version: \(RegisterFileValidator.schemaVersion)",
            "groups: []",
            "registers:",
        ]
        for entry in file.entries {
            switch entry {
            case .layout(let layout):
                lines.append("  - layout: \(layout.name)")
                lines += fieldLines(prefixed: layout.prefixed, fields: layout.fields)
            case .register(let block):
                lines.append("  - name: \(block.name)")
                lines.append("    encoding: \(block.encoding.genericName)")
                if let alias = el12[block.name] { lines.append("    el12: \(alias.genericName)") }
                if !hasELSuffix(block.name) && !isArmStyleName(block.name) { lines.append("    unsuffixed: true") }
                if let mapping = block.mapping { lines.append("    alias-of: \(mapping)") }
                lines += fieldLines(prefixed: block.prefixed, fields: block.fields)
                if let reference = block.fieldsReference {
                    if file.layouts[reference] == nil {
                        lines.append("    fields-see: \(reference)")
                        warnings.append(
                            .warning(
                                "'\(block.name)' refers to fields '\(reference)', which no SysregFields block declares: kept as 'fields-see'",
                                at: block.location))
                    } else {
                        lines.append("    fields: \(reference)")
                    }
                }
            }
        }
        return (lines.joined(separator: "\n") + "\n", warnings)
    }

    /// The `prefixed` and `fields` keys of an entry, one flow mapping per field.
    private static func fieldLines(prefixed: [KernelSysregFile.Prefixed], fields: [KernelSysregFile.Field]) -> [String]
    {
        var lines: [String] = []
        if !prefixed.isEmpty {
            lines.append("    prefixed:")
            for layout in prefixed {
                lines.append("      - prefix: \(layout.prefix)")
                lines.append("        fields:")
                lines += layout.fields.map { "          - " + flowMapping($0) }
            }
        }
        if !fields.isEmpty {
            lines.append("    fields:")
            lines += fields.map { "      - " + flowMapping($0) }
        }
        return lines
    }

    /// `{enum: "3:0", name: M, signed: false, values: {EL0: 0b0000}}`; the bits are quoted,
    /// as YAML 1.1 reads an unquoted `3:0` as a number in base 60.
    private static func flowMapping(_ field: KernelSysregFile.Field) -> String {
        var parts = ["\(field.kind.rawValue): \"\(field.bits.text)\""]
        if let name = field.name { parts.append("name: \(name)") }
        if let signed = field.signed { parts.append("signed: \(signed)") }
        if !field.values.isEmpty {
            parts.append("values: {" + field.values.map { "\($0.name): \($0.text)" }.joined(separator: ", ") + "}")
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
