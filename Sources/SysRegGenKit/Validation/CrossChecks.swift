import SysRegRuntime

extension RegisterFileValidator {
    /// Checks that relate several entries: duplicates, references, and the VHE rules.
    ///
    /// `groupNames` holds the name of every group entry, valid or not. When entries were
    /// dropped for errors (`complete` is false), a group may only look empty, so that check is
    /// left out.
    static func crossCheck(_ file: RegisterFile, groupNames: Set<String>, complete: Bool) -> [Diagnostic] {
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
        unique(file.groups.map { ($0.name.value, "group '\($0.name.value)'", $0.name.location) }, duplicate)
        unique(file.registers.map { ($0.name.value, "register '\($0.name.value)'", $0.name.location) }, duplicate)
        unique(
            file.registers.flatMap { register in
                register.aarch32.map { ($0.name.value, "AArch32 register '\($0.name.value)'", $0.name.location) }
            }, duplicate)
        var encodings: [(key: SystemRegisterEncoding, what: String, location: SourceLocation)] = []
        for register in file.registers {
            encodings.append((register.encoding.value, "'\(register.name.value)'", register.encoding.location))
            if let el12 = register.el12 { encodings.append((el12.value, "'\(register.el12Name)'", el12.location)) }
            if let via = register.via {
                encodings.append((via.encoding.value, "'\(via.name.value)'", via.encoding.location))
            }
        }
        unique(encodings) { "encoding \($0.genericName) of \($1) is already that of \($2)" }
        unique(
            file.registers.flatMap { register in
                register.aarch32.map { ($0.encoding.value, "AArch32 '\($0.name.value)'", $0.encoding.location) }
            }
        ) { "encoding '\($0.text)' of \($1) is already that of \($2)" }

        let groups = Dictionary(file.groups.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        for register in file.registers {
            diagnostics += checkRegister(register, groups: groups, groupNames: groupNames)
        }
        for group in file.groups where group.condition != nil && group.sharedWithHost {
            diagnostics.append(
                .error(
                    "group '\(group.name.value)' cannot be both conditional and shared with the host, which never runs AArch32 at EL1",
                    at: group.name.location))
        }
        for group in file.groups
        where complete && !file.registers.contains(where: { $0.group.value == group.name.value }) {
            diagnostics.append(.error("group '\(group.name.value)' has no registers", at: group.name.location))
        }
        return diagnostics
    }

    /// The checks of one register against its group and its own fields.
    private static func checkRegister(
        _ register: Register, groups: [String: Group], groupNames: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let name = register.name.value
        if let group = groups[register.group.value] {
            if register.registerClass.value == .deferred, group.switched.value != .loadPut {
                diagnostics.append(
                    .error(
                        "deferred register '\(name)' is in group '\(group.name.value)', which is not switched at load-put",
                        at: register.registerClass.location,
                        notes: [.note("group '\(group.name.value)' is declared here", at: group.name.location)]))
            }
        } else if !groupNames.contains(register.group.value) {
            let suggestion =
                closestName(to: register.group.value, in: groupNames.sorted())
                .map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(
                .error("group '\(register.group.value)' is not declared\(suggestion)", at: register.group.location))
        }
        if let el12 = register.el12 {
            let expected = register.encoding.value.el12Alias
            if !canHaveEL12Alias(name) {
                diagnostics.append(
                    .error(
                        "only an *_EL1 or *_EL0 register has an EL12/EL02 alias; '\(name)' is not one",
                        at: el12.location))
            } else if el12.value != expected {
                diagnostics.append(
                    .error(
                        "'el12' of '\(name)' must be its encoding with op1 = 5 (\(expected.genericName)), not \(el12.value.genericName)",
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

/// True for the registers E2H can redirect, which alone have a `*_EL12`/`*_EL02` alias: the
/// `*_EL1` and `*_EL0` ones.
func canHaveEL12Alias(_ name: String) -> Bool {
    name.hasSuffix("_EL1") || name.hasSuffix("_EL0")
}
