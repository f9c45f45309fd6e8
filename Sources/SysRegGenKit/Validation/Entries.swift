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
/// those of ``Register`` and ``RegisterDescription``, `nil` where missing or wrong.
struct RegisterEntry {
    var name: Located<String>?
    var encoding: Located<SystemRegisterEncoding>?
    var el12: Located<SystemRegisterEncoding>?
    var registerClass: Located<RegisterClass>?
    var group: Located<String>?
    var via: NamedEncoding?
    var aarch32: [AArch32Counterpart]
    var doc: Located<String>?
    var aliasOf: Located<String>?
    var prefixed: [PrefixedLayout]
    var fields: FieldsEntry?
    var fieldsSee: Located<String>?
    var reset: Located<UInt64>?
    /// True when the entry has a `group` key, readable or not.
    var hasGroupKey: Bool
    /// True when no field of the entry had an error.
    var isValid: Bool

    /// Its fields, a shared layout's resolved from `layouts`; `nil` when it has none or its
    /// layout is not declared.
    func fieldSource(layouts: [String: SharedLayout]) -> FieldSource? {
        switch fields {
        case .own(let layout): .own(layout)
        case .shared(let name): layouts[name.value]?.layout.map { .shared(name, $0) }
        case nil: nil
        }
    }

    /// The register's description, when the entry is valid.
    func description(layouts: [String: SharedLayout]) -> RegisterDescription? {
        guard isValid, let name, let encoding else { return nil }
        return RegisterDescription(
            name: name, encoding: encoding, el12: el12, aliasOf: aliasOf, prefixed: prefixed,
            fields: fieldSource(layouts: layouts), fieldsSee: fieldsSee, reset: reset,
            inContext: registerClass != nil && group != nil,
            doc: doc)
    }

    /// The register in the vcpu's context, when the entry is valid and has a class and a group.
    func register(layouts: [String: SharedLayout]) -> Register? {
        guard isValid, let name, let encoding, let registerClass, let group else { return nil }
        return Register(
            name: name, encoding: encoding, el12: el12, registerClass: registerClass, group: group, via: via,
            aarch32: aarch32, doc: doc, fields: fieldSource(layouts: layouts), reset: reset)
    }
}

/// The place of an entry of the `registers` list among the entries of its kind.
enum EntryIndex {
    case register(Int)
    case layout(Int)
}
