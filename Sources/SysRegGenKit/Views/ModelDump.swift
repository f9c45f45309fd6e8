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

    enum Keys: String, CodingKey { case version, groups, registers }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(RegisterFileValidator.schemaVersion, forKey: .version)
        try c.encode(file.groups.map(GroupDump.init), forKey: .groups)
        try c.encode(file.registers.map(RegisterDump.init), forKey: .registers)
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

private struct RegisterDump: Encodable {
    let register: Register
    enum Keys: String, CodingKey { case name, encoding, el12, `class`, group, via, aarch32, doc }
    enum ViaKeys: String, CodingKey { case name, encoding }
    enum CounterpartKeys: String, CodingKey { case name, encoding, part }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(register.name.value, forKey: .name)
        try c.encode(EncodingDump(register.encoding.value), forKey: .encoding)
        try c.encode(register.el12.map { EncodingDump($0.value) }, forKey: .el12)
        try c.encode(register.registerClass.value.rawValue, forKey: .class)
        try c.encode(register.group.value, forKey: .group)
        if let via = register.via {
            var v = c.nestedContainer(keyedBy: ViaKeys.self, forKey: .via)
            try v.encode(via.name.value, forKey: .name)
            try v.encode(EncodingDump(via.encoding.value), forKey: .encoding)
        } else {
            try c.encodeNil(forKey: .via)
        }
        var list = c.nestedUnkeyedContainer(forKey: .aarch32)
        for counterpart in register.aarch32 {
            var item = list.nestedContainer(keyedBy: CounterpartKeys.self)
            try item.encode(counterpart.name.value, forKey: .name)
            try item.encode(counterpart.encoding.value.text, forKey: .encoding)
            try item.encode(counterpart.part.value.rawValue, forKey: .part)
        }
        try c.encode(register.doc?.value, forKey: .doc)
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
