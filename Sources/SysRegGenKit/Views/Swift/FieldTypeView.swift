/// A register's field type as the Swift view shows it: `SCTLR_EL1Value`, with a property and a
/// constant per named field, a nested enum of names per enumeration, and the RES0/RES1 masks; or the type
/// of one of its feature-prefixed layouts, `FEAT_GCIE_ICH_VMCR_EL2Value`.
public struct FieldTypeView: TemplateContext {
    /// The register's name (`SCTLR_EL1`).
    public var register: String
    /// What `description` and the doc comment call the layout: the register's name, or the
    /// prefixed name the kernel's header gives a prefixed layout (`FEAT_GCIE_ICH_VMCR_EL2`).
    public var label: String
    /// The doc comment text without its final period: whose value it is, and under which
    /// feature for a prefixed layout.
    public var doc: String
    /// The type's name (`SCTLR_EL1Value`, `FEAT_GCIE_ICH_VMCR_EL2Value`).
    public var typeName: String
    /// `0x…` literal of the RES0 bits.
    public var res0Mask: String
    /// `0x…` literal of the RES1 bits.
    public var res1Mask: String
    /// The named fields, from bit 63 down.
    public var fields: [FieldView]
    /// True when the register is in the vcpu's context, so its type is a `RegisterValue` the
    /// accessors read and write; otherwise a `RegisterFields`.
    public var inContext: Bool
    /// The shared layout's type this one is another name for (`SPSR_ELxValue`), or empty: a
    /// register outside the context whose fields are a shared layout's gets a `typealias`, so
    /// the layout's type is compiled once, however many registers use it.
    public var sharedTypeName: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "register": .text { $0.register }, "label": .text { $0.label }, "doc": .text { $0.doc },
        "typeName": .text { $0.typeName }, "res0Mask": .text { $0.res0Mask }, "res1Mask": .text { $0.res1Mask },
        "fields": .list { $0.fields }, "inContext": .flag { $0.inContext },
        "sharedTypeName": .text { $0.sharedTypeName }, "isAlias": .flag { !$0.sharedTypeName.isEmpty },
    ]

    /// The field types of `file`, register by register in file order: a register's own
    /// layout's, if it has fields, then one per prefixed layout. A register outside the context
    /// whose fields are a shared layout's gets an alias of that layout's type, which comes
    /// before the first such alias; a register in the context keeps a type of its own, which
    /// names the register.
    static func types(in file: RegisterFile) -> [FieldTypeView] {
        sharingEnumerations(declaredTypes(in: file))
    }

    /// `types` with each enumeration whose values (names, values and signedness) an earlier
    /// one has named as that one's: one caseless enum and one extension of constants for each
    /// set of values, however many fields have it. The kernel's file has 466 enumerations and
    /// 180 sets of values; every constrained extension of `FieldValue` costs type-checking in
    /// every compile job of the module (docs/benchmarks.md).
    private static func sharingEnumerations(_ types: [FieldTypeView]) -> [FieldTypeView] {
        var first: [FieldView.Values: String] = [:]
        return types.map { type in
            var type = type
            for index in type.fields.indices where type.fields[index].isEnum {
                let values = type.fields[index].valueSet
                if let shared = first[values] {
                    type.fields[index].sharedEnumeration = shared
                } else {
                    first[values] = type.typeName + "." + type.fields[index].enumeration
                }
            }
            return type
        }
    }

    /// The field types of `file`, each enumeration declared by its own field.
    private static func declaredTypes(in file: RegisterFile) -> [FieldTypeView] {
        var declared: Set<String> = []
        return file.descriptions.flatMap { register in
            var types: [FieldTypeView] = []
            switch register.fields {
            case .shared(let name, let layout) where !register.inContext:
                let shared = FieldTypeView(layout: name.value, layout, users: register.name.value)
                if declared.insert(name.value).inserted {
                    let users = file.descriptions.filter { $0.sharesType(name.value) }.map(\.name.value)
                    types.append(FieldTypeView(layout: name.value, layout, users: users.joined(separator: ", ")))
                }
                types.append(shared.alias(for: register))
            case let source?:
                types.append(FieldTypeView(register, source.layout, prefix: nil))
            case nil:
                break
            }
            return types + register.prefixed.map { FieldTypeView(register, $0.layout, prefix: $0.prefix.value) }
        }
    }

    /// An error for each prefixed layout whose type would take the name of a register's own
    /// field type (a register named `FEAT_GCIE_ICH_VMCR_EL2` beside ICH_VMCR_EL2's FEAT_GCIE
    /// layout), at the prefix; and for each shared layout whose type would (a layout named as a
    /// register with fields), at the first reference to it.
    static func clashes(in file: RegisterFile) -> [Diagnostic] {
        let typed = Set(file.descriptions.filter { $0.fields != nil }.map(\.name.value))
        let prefixed = file.descriptions.flatMap { register in
            register.prefixed.filter { typed.contains($0.prefix.value + "_" + register.name.value) }.map { layout in
                let name = layout.prefix.value + "_" + register.name.value
                return Diagnostic.error(
                    "the \(layout.prefix.value) layout of '\(register.name.value)' would be named \(name)Value, the type of register '\(name)'",
                    at: layout.prefix.location)
            }
        }
        var reported: Set<String> = []
        let shared = file.descriptions.compactMap { register -> Diagnostic? in
            guard case .shared(let name, _) = register.fields, !register.inContext, typed.contains(name.value),
                reported.insert(name.value).inserted
            else { return nil }
            return .error(
                "the shared layout '\(name.value)' would be named \(name.value)Value, the type of register '\(name.value)'",
                at: name.location)
        }
        return prefixed + shared
    }

    /// The members every field value has (`RegisterFields` and its extension in SysRegRuntime,
    /// `Hashable`, `CustomStringConvertible`), which a field's property, a dynamic member, could
    /// not be read through: `value.rawValue` is the whole value, whatever the fields say.
    static let valueMembers: Set<String> = [
        "rawValue", "description", "hashValue", "hash", "with", "sanitized", "respectsReservedBits",
    ]

    /// An error for each named field whose property would be one of ``valueMembers``, or whose
    /// enumeration type would be the value type's `Fields` layout, at the field's name, in every
    /// layout the file declares (a register's own, prefixed ones, shared ones).
    static func memberClashes(in file: RegisterFile) -> [Diagnostic] {
        let layouts = file.entries.flatMap { entry -> [FieldLayout] in
            switch entry {
            case .register(let register):
                let own: [FieldLayout] = if case .own(let layout) = register.fields { [layout] } else { [] }
                return own + register.prefixed.map(\.layout)
            case .layout(let shared):
                return (shared.layout.map { [$0] } ?? []) + shared.prefixed.map(\.layout)
            }
        }
        return layouts.flatMap(\.fields).filter(\.kind.isNamed).compactMap { field -> Diagnostic? in
            guard let name = field.name else { return nil }
            let view = FieldView(field)
            if valueMembers.contains(view.property) {
                return .error(
                    "the field '\(name.value)' would be the property \(view.property), which every field value has already",
                    at: name.location)
            }
            if view.valueType == "Fields" {
                return .error(
                    "the enumeration field '\(name.value)' would be named Fields, the value type's layout",
                    at: name.location)
            }
            return nil
        }
    }

    /// The type of the shared layout `name`, which the registers `users` (a list for its doc) use.
    private init(layout name: String, _ layout: FieldLayout, users: String) {
        register = name
        label = name
        doc = "A value in the shared layout \(name) (fields from registers.yaml), the fields of \(users)"
        typeName = name + "Value"
        res0Mask = hexLiteral(layout.mask(of: .res0))
        res1Mask = hexLiteral(layout.mask(of: .res1))
        fields = layout.fields.filter(\.kind.isNamed).map(FieldView.init)
        inContext = false
        sharedTypeName = ""
    }

    /// `register`'s name for this shared layout's type.
    private func alias(for register: RegisterDescription) -> FieldTypeView {
        var alias = self
        alias.register = register.name.value
        alias.label = register.name.value
        alias.doc = "The value of \(register.name.value), field by field: its fields are the shared layout \(label)'s"
        alias.typeName = register.name.value + "Value"
        alias.fields = []
        alias.sharedTypeName = typeName
        return alias
    }

    /// The type of `layout`, a layout of `register`, for the feature `prefix` if given. A
    /// prefixed layout's names are the kernel header's: the prefix, then the register's name.
    private init(_ register: RegisterDescription, _ layout: FieldLayout, prefix: String?) {
        self.register = register.name.value
        label = prefix.map { $0 + "_" + register.name.value } ?? register.name.value
        doc =
            prefix.map { "The value of \(register.name.value) in its \($0) layout (`prefixed` in registers.yaml)" }
            ?? "The value of \(register.name.value), field by field (fields from registers.yaml)"
        typeName = label + "Value"
        res0Mask = hexLiteral(layout.mask(of: .res0))
        res1Mask = hexLiteral(layout.mask(of: .res1))
        fields = layout.fields.filter(\.kind.isNamed).map(FieldView.init)
        inContext = register.inContext
        sharedTypeName = ""
    }
}

extension RegisterDescription {
    /// True when the register's field type is an alias of the shared layout `name`'s type.
    fileprivate func sharesType(_ name: String) -> Bool {
        guard case .shared(let layout, _) = fields else { return false }
        return layout.value == name && !inContext
    }
}

/// One named field of a register's field type.
public struct FieldView: TemplateContext {
    /// The Arm ARM's name (`TCF0`), for comments and `description`.
    public var name: String
    /// The name of its `RegisterField` constant: the Arm ARM's, backquoted when Swift reserves it.
    public var constant: String
    /// The property's name (`tcf0`), backquoted when it is a Swift keyword.
    public var property: String
    /// The property's type: `UInt64`, or the name of the enumeration's `FieldValue` (its name
    /// with the first letter upper case).
    public var valueType: String
    /// An enumeration's caseless enum of names, which its `FieldValue` is generic over
    /// (`TCFValues`); empty for a plain field.
    public var enumeration: String
    /// The lowest bit.
    public var shift: String
    /// The number of bits.
    public var width: String
    /// True for an enumeration.
    public var isEnum: Bool
    /// True for an enumeration the Arm ARM compares as signed.
    public var isSigned: Bool
    /// An enumeration's named values.
    public var values: [FieldValueView]
    /// The enumeration of an earlier field with the same values (`SCTLR_EL1Value.TCFValues`),
    /// which this one's names: empty when the field declares its own.
    public var sharedEnumeration = ""

    /// What makes two enumerations the same: their values' names and values as written, and
    /// the width when signed.
    struct Values: Hashable {
        var values: [[String]]
        var signedWidth: String
    }

    /// This enumeration's ``Values``.
    var valueSet: Values {
        Values(values: values.map { [$0.label, $0.value] }, signedWidth: isSigned ? width : "")
    }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "constant": .text { $0.constant }, "property": .text { $0.property },
        "valueType": .text { $0.valueType }, "enumeration": .text { $0.enumeration },
        "shift": .text { $0.shift }, "width": .text { $0.width }, "isEnum": .flag { $0.isEnum },
        "isSigned": .flag { $0.isSigned }, "values": .list { $0.values },
        "sharedEnumeration": .text { $0.sharedEnumeration },
        "declaresEnumeration": .flag { $0.sharedEnumeration.isEmpty },
    ]

    init(_ field: Field) {
        let name = field.name?.value ?? ""
        self.name = name
        constant = swiftIdentifier(name)
        property = swiftIdentifier(propertyName(name))
        isEnum = field.kind == .enum
        isSigned = field.signed == true
        // A type's name starts upper case, so it differs from the property (`nTLBPA` → `NTLBPA`).
        let typeName = name.prefix(1).uppercased() + name.dropFirst()
        valueType = isEnum ? swiftIdentifier(typeName) : "UInt64"
        enumeration = isEnum ? typeName + "Values" : ""
        shift = "\(field.bits.value.lsb)"
        width = "\(field.bits.value.width)"
        values = field.values.map(FieldValueView.init)
    }
}

/// One named value of an enumeration.
public struct FieldValueView: TemplateContext {
    /// Its constant's name: the Arm ARM's (`NI`, `IMP`), with `_` before one that starts with a
    /// digit (`_16K`), backquoted when it is a Swift keyword.
    public var name: String
    /// The name as the Arm ARM writes it, for `description`.
    public var label: String
    /// Its value, as the register file writes it (`0b0001`).
    public var value: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "label": .text { $0.label }, "value": .text { $0.value },
    ]

    init(_ value: EnumValue) {
        let spelled = value.name.value
        label = spelled
        name = swiftIdentifier(spelled.first?.isNumber == true ? "_" + spelled : spelled)
        self.value = value.text
    }
}

/// A field's property name in Swift's style: `M` → `m`, `TCF0` → `tcf0`, `EnSPM` → `enSPM`,
/// `nTWE` → `nTWE`: an all-capitals name in lower case, otherwise its first letter lowered.
func propertyName(_ name: String) -> String {
    if name.allSatisfy({ !$0.isLowercase }) { return name.lowercased() }
    return name.prefix(1).lowercased() + name.dropFirst()
}

/// `name`, backquoted when Swift reserves it (or when it names a member every type has).
func swiftIdentifier(_ name: String) -> String {
    SwiftKeywords.all.contains(name) || ["Type", "Protocol", "init"].contains(name)
        ? "`\(name)`" : name
}
