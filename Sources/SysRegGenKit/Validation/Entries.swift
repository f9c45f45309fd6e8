import SysRegRuntime

/// A group entry as read: each field that was valid, even when another was not, so that the
/// cross-checks see every entry and one run reports all of a file's problems. The fields are
/// those of ``Group``, `nil` where missing or wrong.
struct GroupEntry {
    var name: Located<String>?
    var switched: Located<SwitchPoint>?
    var sharedWithHost: Bool?
    var condition: Located<GroupCondition>?
    var doc: Located<String>?
    /// True when no field of the entry had an error.
    var isValid: Bool

    /// The group, when the entry is valid.
    var group: Group? {
        guard isValid, let name, let switched else { return nil }
        return Group(
            name: name, switched: switched, sharedWithHost: sharedWithHost ?? false, condition: condition, doc: doc)
    }
}

/// A register entry as read: each field that was valid, even when another was not, so that the
/// cross-checks see every entry and one run reports all of a file's problems. The fields are
/// those of ``Register``, `nil` where missing or wrong.
struct RegisterEntry {
    var name: Located<String>?
    var encoding: Located<SystemRegisterEncoding>?
    var el12: Located<SystemRegisterEncoding>?
    var registerClass: Located<RegisterClass>?
    var group: Located<String>?
    var via: NamedEncoding?
    var aarch32: [AArch32Counterpart]
    var doc: Located<String>?
    /// True when no field of the entry had an error.
    var isValid: Bool

    /// The register, when the entry is valid.
    var register: Register? {
        guard isValid, let name, let encoding, let registerClass, let group else { return nil }
        return Register(
            name: name, encoding: encoding, el12: el12, registerClass: registerClass, group: group, via: via,
            aarch32: aarch32, doc: doc)
    }
}
