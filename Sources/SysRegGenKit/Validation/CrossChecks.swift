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
            _ items: [(key: Key, claimant: Claimant, location: SourceLocation)],
            _ message: (_ key: Key, _ what: String, _ earlier: String) -> String
        ) {
            // One item cannot repeat another; nor, then, make a dictionary of a new type.
            guard items.count > 1 else { return }
            var first: [Key: Int] = [:]
            first.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if let earlierIndex = first[item.key] {
                    let earlier = items[earlierIndex]
                    diagnostics.append(
                        .error(
                            message(item.key, item.claimant.what, earlier.claimant.what), at: item.location,
                            notes: [.note("\(earlier.claimant.what) is defined here", at: earlier.location)]))
                } else {
                    first[item.key] = index
                }
            }
        }
        let duplicate = { (_: String, what: String, _: String) in "duplicate \(what)" }
        let groupNameList = groups.compactMap(\.name)
        unique(groupNameList.map { ($0.value, .named("group", $0.value), $0.location) }, duplicate)
        unique(
            registers.compactMap(\.name).map { ($0.value, .named("register", $0.value), $0.location) }, duplicate)
        unique(
            registers.flatMap { register in
                register.aarch32.map { ($0.name.value, .named("AArch32 register", $0.name.value), $0.name.location) }
            }, duplicate)
        // By packed id, which is one-to-one with the encoding: one Int to hash, not five fields.
        var encodings: [(key: Int, claimant: Claimant, location: SourceLocation)] = []
        encodings.reserveCapacity(registers.count)
        // An entry named as a register's EL12 alias at that alias's encoding describes the alias
        // itself (the kernel's file has blocks for them), so it does not clash with the `el12`.
        // By the alias's name (`Register.el12Name(of:)`), made for the few registers with an
        // `el12`, rather than each name ending in "2" cut to the register's; as that name ends
        // in "2", no other name is looked up.
        var el12Aliases: [String: SystemRegisterEncoding] = [:]
        // By index, here and below: a loop over the entries would copy each.
        for index in registers.indices {
            if let name = registers[index].name?.value, let el12 = registers[index].el12?.value {
                el12Aliases[Register.el12Name(of: name)] = el12
            }
        }
        for index in registers.indices {
            let name = registers[index].name?.value
            if let encoding = registers[index].encoding,
                name.flatMap({ $0.utf8.last == UInt8(ascii: "2") ? el12Aliases[$0] : nil }) != encoding.value
            {
                encodings.append(
                    (
                        Int(encoding.value.packedID), name.map { .named("", $0) } ?? .unnamed("a register"),
                        encoding.location
                    ))
            }
            if let el12 = registers[index].el12 {
                encodings.append(
                    (
                        Int(el12.value.packedID), name.map { .el12Alias(of: $0) } ?? .unnamed("an EL12 alias"),
                        el12.location
                    ))
            }
            if let via = registers[index].via {
                encodings.append((Int(via.encoding.value.packedID), .named("", via.name.value), via.encoding.location))
            }
        }
        unique(encodings) {
            "encoding \(SystemRegisterEncoding(packedID: UInt16(truncatingIfNeeded: $0)).genericName) of \($1) is already that of \($2)"
        }
        unique(
            registers.flatMap { register in
                register.aarch32.map { ($0.encoding.value, .named("AArch32", $0.name.value), $0.encoding.location) }
            }
        ) { "encoding '\($0.text)' of \($1) is already that of \($2)" }

        // What a register's checks read of its group: not the whole entry, which a lookup copies.
        var groupsByName: [String: GroupFacts] = [:]
        for group in groups {
            if let name = group.name, groupsByName[name.value] == nil {
                groupsByName[name.value] = GroupFacts(location: name.location, switched: group.switched)
            }
        }
        for index in registers.indices {
            diagnostics += checkRegister(registers[index], groups: groupsByName, groupNames: groupNames)
        }
        for group in groups where group.condition != nil && group.sharedWithHost == true {
            if let name = group.name {
                diagnostics.append(
                    .error(
                        "group '\(name.value)' cannot be both conditional and shared with the host, which never runs AArch32 at EL1",
                        at: name.location))
            }
        }
        let usedGroups = complete ? Set(registers.compactMap(\.group?.value)) : []
        for name in groupNameList where complete && !usedGroups.contains(name.value) {
            diagnostics.append(.error("group '\(name.value)' has no registers", at: name.location))
        }
        return diagnostics
    }

    /// The checks of one register against its group and its own fields.
    private static func checkRegister(
        _ register: RegisterEntry, groups: [String: GroupFacts], groupNames: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A register whose name has errors is still checked; the messages then call it '?'.
        let name = register.name?.value ?? "?"
        if let groupName = register.group, let group = groups[groupName.value] {
            if let registerClass = register.registerClass, registerClass.value == .deferred,
                let switched = group.switched, switched.value != .loadPut
            {
                diagnostics.append(
                    .error(
                        "deferred register '\(name)' is in group '\(groupName.value)', which is not switched at load-put",
                        at: registerClass.location,
                        notes: [.note("group '\(groupName.value)' is declared here", at: group.location)]))
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

/// What the checks of a register read of its group.
struct GroupFacts {
    /// Where the group's name is.
    var location: SourceLocation
    /// When the group is switched, if that could be read.
    var switched: Located<SwitchPoint>?
}

/// An entry that claims a name or an encoding, worded only when a message names it.
enum Claimant {
    /// `prefix 'name'`, or `'name'` with no prefix.
    case named(String, String)
    /// The EL12 alias of the register named.
    case el12Alias(of: String)
    /// An entry without a name.
    case unnamed(String)

    /// How a message names it.
    var what: String {
        switch self {
        case .named(let prefix, let name): prefix.isEmpty ? "'\(name)'" : "\(prefix) '\(name)'"
        case .el12Alias(let name): "'\(Register.el12Name(of: name))'"
        case .unnamed(let text): text
        }
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
