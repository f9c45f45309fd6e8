import SysRegRuntime

extension RegisterFileValidator {
    /// Checks that relate several entries: duplicates, references, and the VHE rules.
    ///
    /// Every entry is checked on the fields it has, even one with errors in others. `groupNames`
    /// holds the name of every group entry, valid or not. When a register entry's group could
    /// not be read (`complete` is false), a group may only look empty, so that check is left out.
    static func crossCheck(
        groups: [GroupEntry], registers: [RegisterEntry], groupNames: Set<String>, complete: Bool
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        /// Reports every item whose key an earlier item already has, with a note at the first.
        func unique<Key: Hashable>(
            _ items: [(key: Key, what: String, location: SourceLocation)],
            _ message: (_ key: Key, _ what: String, _ earlier: String) -> String
        ) {
            var first: [Key: (what: String, location: SourceLocation)] = [:]
            for item in items {
                if let earlier = first[item.key] {
                    diagnostics.append(
                        .error(
                            message(item.key, item.what, earlier.what), at: item.location,
                            notes: [.note("\(earlier.what) is defined here", at: earlier.location)]))
                } else {
                    first[item.key] = (item.what, item.location)
                }
            }
        }
        let duplicate = { (_: String, what: String, _: String) in "duplicate \(what)" }
        let groupNameList = groups.compactMap(\.name)
        unique(groupNameList.map { ($0.value, "group '\($0.value)'", $0.location) }, duplicate)
        unique(
            registers.compactMap(\.name).map { ($0.value, "register '\($0.value)'", $0.location) }, duplicate)
        unique(
            registers.flatMap { register in
                register.aarch32.map { ($0.name.value, "AArch32 register '\($0.name.value)'", $0.name.location) }
            }, duplicate)
        var encodings: [(key: SystemRegisterEncoding, what: String, location: SourceLocation)] = []
        // An entry named as a register's EL12 alias at that alias's encoding describes the alias
        // itself (the kernel's file has blocks for them), so it does not clash with the `el12`.
        var el12Aliases: [String: SystemRegisterEncoding] = [:]
        for register in registers {
            if let name = register.name?.value, let el12 = register.el12?.value {
                el12Aliases[Register.el12Name(of: name)] = el12
            }
        }
        for register in registers {
            let name = register.name?.value
            if let encoding = register.encoding, name.flatMap({ el12Aliases[$0] }) != encoding.value {
                encodings.append((encoding.value, name.map { "'\($0)'" } ?? "a register", encoding.location))
            }
            if let el12 = register.el12 {
                let what = name.map { "'\(Register.el12Name(of: $0))'" } ?? "an EL12 alias"
                encodings.append((el12.value, what, el12.location))
            }
            if let via = register.via {
                encodings.append((via.encoding.value, "'\(via.name.value)'", via.encoding.location))
            }
        }
        unique(encodings) { "encoding \($0.genericName) of \($1) is already that of \($2)" }
        unique(
            registers.flatMap { register in
                register.aarch32.map { ($0.encoding.value, "AArch32 '\($0.name.value)'", $0.encoding.location) }
            }
        ) { "encoding '\($0.text)' of \($1) is already that of \($2)" }

        var groupsByName: [String: (name: Located<String>, entry: GroupEntry)] = [:]
        for group in groups {
            if let name = group.name, groupsByName[name.value] == nil { groupsByName[name.value] = (name, group) }
        }
        for register in registers {
            diagnostics += checkRegister(register, groups: groupsByName, groupNames: groupNames)
        }
        for group in groups where group.condition != nil && group.sharedWithHost == true {
            if let name = group.name {
                diagnostics.append(
                    .error(
                        "group '\(name.value)' cannot be both conditional and shared with the host, which never runs AArch32 at EL1",
                        at: name.location))
            }
        }
        for name in groupNameList where complete && !registers.contains(where: { $0.group?.value == name.value }) {
            diagnostics.append(.error("group '\(name.value)' has no registers", at: name.location))
        }
        return diagnostics
    }

    /// The checks of one register against its group and its own fields.
    private static func checkRegister(
        _ register: RegisterEntry, groups: [String: (name: Located<String>, entry: GroupEntry)],
        groupNames: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A register whose name has errors is still checked; the messages then call it '?'.
        let name = register.name?.value ?? "?"
        if let groupName = register.group, let group = groups[groupName.value] {
            if let registerClass = register.registerClass, registerClass.value == .deferred,
                let switched = group.entry.switched, switched.value != .loadPut
            {
                diagnostics.append(
                    .error(
                        "deferred register '\(name)' is in group '\(groupName.value)', which is not switched at load-put",
                        at: registerClass.location,
                        notes: [.note("group '\(groupName.value)' is declared here", at: group.name.location)]))
            }
        } else if let groupName = register.group, !groupNames.contains(groupName.value) {
            let suggestion =
                closestName(to: groupName.value, in: groupNames.sorted())
                .map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(
                .error("group '\(groupName.value)' is not declared\(suggestion)", at: groupName.location))
        }
        if let el12 = register.el12, let name = register.name?.value, let encoding = register.encoding?.value {
            if !canHaveEL12Alias(name) {
                diagnostics.append(
                    .error(
                        "only an *_EL1 or *_EL0 register has an EL12/EL02 alias; '\(name)' is not one",
                        at: el12.location))
            } else if let expected = el12Alias(of: name, at: encoding), el12.value != expected {
                diagnostics.append(
                    .error(
                        "'el12' of '\(name)' must be its encoding with op1 = 5 (\(expected.genericName)), not \(el12.value.genericName)",
                        at: el12.location))
            } else if el12Alias(of: name, at: encoding) == nil {
                diagnostics.append(
                    .error(
                        "'\(name)' has op1 = \(encoding.op1), so E2H does not redirect it and it has no EL12/EL02 alias: only an *_EL1 register with op1 = 0 or an *_EL0 register with op1 = 3 has one",
                        at: el12.location))
            }
        }
        // A 32-bit view claims a half; the 64-bit (MRRC/MCRR) view, which may coexist with them,
        // claims the whole register.
        var claims: [RegisterPart: AArch32Counterpart] = [:]
        for counterpart in register.aarch32 {
            let part = counterpart.part.value
            if let earlier = claims[part] {
                diagnostics.append(
                    .error(
                        "AArch32 '\(counterpart.name.value)' claims the \(part == .all ? "64-bit view" : "\(part) half") of '\(name)', already claimed by '\(earlier.name.value)'",
                        at: counterpart.part.location,
                        notes: [.note("'\(earlier.name.value)' is defined here", at: earlier.name.location)]))
            } else {
                claims[part] = counterpart
            }
        }
        return diagnostics
    }
}

/// True for the registers whose names allow a `*_EL12`/`*_EL02` alias: the `*_EL1` and `*_EL0`
/// ones. Whether one has an alias also depends on its encoding: ``el12Alias(of:at:)``.
func canHaveEL12Alias(_ name: String) -> Bool {
    name.hasSuffix("_EL1") || name.hasSuffix("_EL0")
}

/// The `*_EL12`/`*_EL02` alias of register `name` at `encoding`, or `nil` when E2H does not
/// redirect it: the one definition validation and the kernel import share.
///
/// HCR_EL2.E2H redirects the EL1 registers of op1 = 0 (SCTLR_EL1, `S3_0_C1_C0_0`) and the EL0
/// timer registers of op1 = 3 (CNTV_CTL_EL0, `S3_3_C14_C3_1`); an EL1 register with another
/// op1 (SP_EL1, op1 = 4; CSSELR_EL1, op1 = 2) is never redirected. The alias is the same
/// encoding with op1 = 5 (`SystemRegisterEncoding.el12Alias`), as the Arm ARM's `*_EL12` and
/// `*_EL02` registers and the kernel's `arch/arm64/tools/sysreg` give them.
func el12Alias(of name: String, at encoding: SystemRegisterEncoding) -> SystemRegisterEncoding? {
    guard canHaveEL12Alias(name) else { return nil }
    let redirectedOp1: UInt8 = name.hasSuffix("_EL1") ? 0 : 3
    return encoding.op1 == redirectedOp1 ? encoding.el12Alias : nil
}

extension RegisterFileValidator {
    /// The checks that relate fields across entries: shared layouts declared once and existing
    /// where referenced, aliases of registers that exist, reset values that respect RES0 and RES1.
    static func checkFields(registers: [RegisterEntry], layouts: [LayoutEntry]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var layoutsByName: [String: LayoutEntry] = [:]
        for layout in layouts {
            guard let name = layout.name else { continue }
            if let earlier = layoutsByName[name.value]?.name {
                diagnostics.append(
                    .error(
                        "duplicate shared layout '\(name.value)'", at: name.location,
                        notes: [.note("shared layout '\(name.value)' is defined here", at: earlier.location)]))
            } else {
                layoutsByName[name.value] = layout
            }
        }
        let registerNames = Set(registers.compactMap(\.name?.value))
        for register in registers {
            let name = register.name?.value ?? "?"
            if case .shared(let reference) = register.fields, layoutsByName[reference.value] == nil {
                let suggestion =
                    closestName(to: reference.value, in: layoutsByName.keys.sorted()).map { "; did you mean '\($0)'?" }
                    ?? ""
                diagnostics.append(
                    .error(
                        "shared layout '\(reference.value)' of '\(name)' is not declared\(suggestion)",
                        at: reference.location))
            }
            if let target = register.aliasOf, !registerNames.contains(target.value) {
                let suggestion =
                    closestName(to: target.value, in: registerNames.sorted()).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(
                    .error(
                        "'\(name)' is an alias of '\(target.value)', which is not a register of the file\(suggestion)",
                        at: target.location))
            }
            let layout: FieldLayout? =
                switch register.fields {
                case .own(let layout): layout
                case .shared(let reference): layoutsByName[reference.value]?.layout
                case nil: nil
                }
            if let reset = register.reset, let layout {
                let setRes0 = reset.value & layout.mask(of: .res0)
                let clearedRes1 = ~reset.value & layout.mask(of: .res1)
                if setRes0 != 0 {
                    diagnostics.append(
                        .error(
                            "reset value of '\(name)' sets RES0 bits \(hexadecimal(setRes0))", at: reset.location))
                }
                if clearedRes1 != 0 {
                    diagnostics.append(
                        .error(
                            "reset value of '\(name)' clears RES1 bits \(hexadecimal(clearedRes1))",
                            at: reset.location))
                }
            }
        }
        return diagnostics
    }
}

/// `0x` and upper-case hexadecimal digits.
func hexadecimal(_ value: UInt64) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
