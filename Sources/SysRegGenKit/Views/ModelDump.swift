import Foundation
import SysRegRuntime

/// The validated model as JSON, for `sysreg-gen dump` (schema in the README). Keys are sorted
/// and absent values are written as `null`, so the output is stable to diff.
public func dumpJSON(_ file: RegisterFile) throws(DiagnosticList) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(FileDump(file)), as: UTF8.self) + "\n"
    } catch {
        throw DiagnosticList([.error("cannot write the model of \(file.path) as JSON: \(error)", at: nil)])
    }
}

private struct FileDump: Encodable {
    let file: RegisterFile
    init(_ file: RegisterFile) { self.file = file }

    enum Keys: String, CodingKey { case version, groups, registers, layouts }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(RegisterFileValidator.schemaVersion, forKey: .version)
        try c.encode(file.groups.map(GroupDump.init), forKey: .groups)
        let context = Dictionary(
            file.registers.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        try c.encode(
            file.descriptions.map { RegisterDump(description: $0, register: context[$0.name.value]) },
            forKey: .registers)
        let layouts = file.entries.compactMap { if case .layout(let layout) = $0 { layout } else { nil } }
        try c.encode(layouts.map(LayoutDump.init), forKey: .layouts)
    }
}

private struct GroupDump: Encodable {
    let group: Group
    enum Keys: String, CodingKey { case name, switched, sharedWithHost, condition, doc }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(group.name.value, forKey: .name)
        try c.encode(group.switched.value.rawValue, forKey: .switched)
        try c.encode(group.sharedWithHost, forKey: .sharedWithHost)
        try c.encode(group.condition?.value.rawValue, forKey: .condition)
        try c.encode(group.doc?.value, forKey: .doc)
    }
}

/// A register: everything the file describes, and its place in the vcpu's context (`class`,
/// `group`, `via`, `aarch32`) when it has one.
private struct RegisterDump: Encodable {
    let description: RegisterDescription
    let register: Register?
    enum Keys: String, CodingKey {
        case name, encoding, el12, `class`, group, via, aarch32, doc, aliasOf, layout, fields, fieldsSee, prefixed,
            reset
    }
    enum ViaKeys: String, CodingKey { case name, encoding }
    enum CounterpartKeys: String, CodingKey { case name, encoding, part }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(description.name.value, forKey: .name)
        try c.encode(EncodingDump(description.encoding.value), forKey: .encoding)
        try c.encode(description.el12.map { EncodingDump($0.value) }, forKey: .el12)
        try c.encode(register?.registerClass.value.rawValue, forKey: .class)
        try c.encode(register?.group.value, forKey: .group)
        if let via = register?.via {
            var v = c.nestedContainer(keyedBy: ViaKeys.self, forKey: .via)
            try v.encode(via.name.value, forKey: .name)
            try v.encode(EncodingDump(via.encoding.value), forKey: .encoding)
        } else {
            try c.encodeNil(forKey: .via)
        }
        var list = c.nestedUnkeyedContainer(forKey: .aarch32)
        for counterpart in register?.aarch32 ?? [] {
            var item = list.nestedContainer(keyedBy: CounterpartKeys.self)
            try item.encode(counterpart.name.value, forKey: .name)
            try item.encode(counterpart.encoding.value.text, forKey: .encoding)
            try item.encode(counterpart.part.value.rawValue, forKey: .part)
        }
        try c.encode(description.doc?.value, forKey: .doc)
        try c.encode(description.aliasOf?.value, forKey: .aliasOf)
        if case .shared(let name, _) = description.fields {
            try c.encode(name.value, forKey: .layout)
        } else {
            try c.encodeNil(forKey: .layout)
        }
        try c.encode(description.fields.map { $0.layout.fields.map(FieldDump.init) }, forKey: .fields)
        try c.encode(description.fieldsSee?.value, forKey: .fieldsSee)
        try c.encode(description.prefixed.map(PrefixedDump.init), forKey: .prefixed)
        try c.encode(description.reset?.value, forKey: .reset)
    }
}

/// A shared layout (the kernel's `SysregFields`).
private struct LayoutDump: Encodable {
    let layout: SharedLayout
    enum Keys: String, CodingKey { case name, fields, prefixed }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(layout.name.value, forKey: .name)
        try c.encode(layout.layout.map { $0.fields.map(FieldDump.init) }, forKey: .fields)
        try c.encode(layout.prefixed.map(PrefixedDump.init), forKey: .prefixed)
    }
}

/// A feature's alternative layout (the kernel's `Prefix`).
private struct PrefixedDump: Encodable {
    let prefixed: PrefixedLayout
    enum Keys: String, CodingKey { case prefix, fields }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(prefixed.prefix.value, forKey: .prefix)
        try c.encode(prefixed.layout.fields.map(FieldDump.init), forKey: .fields)
    }
}

/// `{name, msb, lsb, kind, signed, values: [{name, value}]}`.
private struct FieldDump: Encodable {
    let field: Field
    enum Keys: String, CodingKey { case name, msb, lsb, kind, signed, values }
    enum ValueKeys: String, CodingKey { case name, value }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(field.name?.value, forKey: .name)
        try c.encode(field.bits.value.msb, forKey: .msb)
        try c.encode(field.bits.value.lsb, forKey: .lsb)
        try c.encode(field.kind.rawValue, forKey: .kind)
        try c.encode(field.signed, forKey: .signed)
        var list = c.nestedUnkeyedContainer(forKey: .values)
        for value in field.values {
            var item = list.nestedContainer(keyedBy: ValueKeys.self)
            try item.encode(value.name.value, forKey: .name)
            try item.encode(value.value, forKey: .value)
        }
    }
}

private struct EncodingDump: Encodable {
    let encoding: SystemRegisterEncoding
    init(_ encoding: SystemRegisterEncoding) { self.encoding = encoding }
    enum Keys: String, CodingKey { case op0, op1, crn, crm, op2 }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(encoding.op0, forKey: .op0)
        try c.encode(encoding.op1, forKey: .op1)
        try c.encode(encoding.crn, forKey: .crn)
        try c.encode(encoding.crm, forKey: .crm)
        try c.encode(encoding.op2, forKey: .op2)
    }
}
