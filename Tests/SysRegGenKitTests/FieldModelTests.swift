import Foundation
import Testing

@testable import SysRegGenKit

@Suite("Fields in the model, the views and dump")
struct FieldModelTests {
    @Test("a register without class and group is described, but only context registers reach the Swift and C views")
    func describedOnly() throws {
        let file = try validate(fieldsFile)
        let swift = try SwiftView(file)
        #expect(swift.registers.map(\.name) == ["SCTLR_EL1"])
        #expect(swift.deferredRegisters.map(\.name) == ["SCTLR_EL1"])
        let c = KernelCView(file)
        #expect(c.kernelGroups.flatMap(\.registers).count == 1)
    }

    @Test("dump gives each register's fields, the shared layout resolved, the prefixed layouts and reset")
    func dump() throws {
        let json = try dumpJSON(validate(fieldsFile))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let registers = try #require(object["registers"] as? [[String: Any]])
        #expect(registers.map { $0["name"] as? String } == ["SPSR_EL1", "SCTLR_EL1", "SCTLR_EL12", "SCTLRALIAS_EL1"])
        let spsr = registers[0]
        #expect(spsr["layout"] as? String == "SPSR_ELx")
        #expect(spsr["class"] is NSNull)
        let fields = try #require(spsr["fields"] as? [[String: Any]])
        #expect(fields.count == 2)
        #expect(fields[0]["kind"] as? String == "res0")
        #expect(fields[0]["msb"] as? Int == 63)
        #expect(fields[0]["lsb"] as? Int == 4)
        #expect(fields[0]["name"] is NSNull)
        #expect(fields[1]["kind"] as? String == "enum")
        #expect(fields[1]["name"] as? String == "M")
        #expect(fields[1]["signed"] as? Bool == false)
        let values = try #require(fields[1]["values"] as? [[String: Any]])
        #expect(values.map { $0["name"] as? String } == ["EL0", "EL1h"])
        #expect(values.map { $0["value"] as? Int } == [0, 5])
        let sctlr = registers[1]
        #expect(sctlr["class"] as? String == "deferred")
        #expect(sctlr["reset"] as? Int == 0x30D0_0800)
        let prefixed = try #require(sctlr["prefixed"] as? [[String: Any]])
        #expect(prefixed.map { $0["prefix"] as? String } == ["FEAT_X"])
        #expect(registers[2]["aliasOf"] as? String == "SCTLR_EL1")
        let layouts = try #require(object["layouts"] as? [[String: Any]])
        #expect(layouts.map { $0["name"] as? String } == ["SPSR_ELx"])
    }

    @Test("field types: Swift names for fields and values, backquoted where Swift reserves them")
    func swiftNames() throws {
        let yaml = """
            version: 1
            groups: []
            registers:
              - name: X_EL1
                encoding: S3_0_C15_C0_0
                fields:
                  - {enum: "63:60", name: nTLBPA, values: {NI: 0b0000, 16K: 0b0001}}
                  - {field: "59:58", name: Any}
                  - {field: "57", name: in}
                  - {field: "56", name: EnSPM}
                  - {res0: "55:0"}
            """
        let types = try SwiftView(validate(yaml)).fieldTypes
        #expect(types.map(\.typeName) == ["X_EL1Value"])
        #expect(types.first?.inContext == false)
        let fields = try #require(types.first?.fields)
        #expect(fields.map(\.property) == ["nTLBPA", "any", "`in`", "enSPM"])
        #expect(fields.map(\.constant) == ["nTLBPA", "`Any`", "`in`", "EnSPM"])
        #expect(fields.map(\.valueType) == ["NTLBPA", "UInt64", "UInt64", "UInt64"])
        #expect(fields.first?.values.map(\.name) == ["NI", "_16K"])
        #expect(types.first?.res0Mask == "0x00FF_FFFF_FFFF_FFFF")
    }

    /// Two registers outside the context and one in it, all with the test's own layout.
    static let sharedLayoutFile = """
        version: 1
        groups:
          - name: el1
            switched: load-put
        registers:
          - layout: SPSR_ELx
            fields:
              - {res0: "63:4"}
              - {field: "3:0", name: M}
          - name: SPSR_EL1
            encoding: S3_0_C4_C0_0
            fields: SPSR_ELx
          - name: SPSR_EL2
            encoding: S3_4_C4_C0_0
            fields: SPSR_ELx
          - name: SPSR_EL12
            encoding: S3_5_C4_C0_0
            class: deferred
            group: el1
            fields: SPSR_ELx
        """

    @Test("a shared layout's type is declared once; registers outside the context name it, one in it keeps its own")
    func sharedLayoutTypes() throws {
        let types = try SwiftView(validate(Self.sharedLayoutFile)).fieldTypes
        #expect(types.map(\.typeName) == ["SPSR_ELxValue", "SPSR_EL1Value", "SPSR_EL2Value", "SPSR_EL12Value"])
        #expect(types.map(\.sharedTypeName) == ["", "SPSR_ELxValue", "SPSR_ELxValue", ""])
        #expect(types.map(\.fields.count) == [1, 0, 0, 1])
        #expect(types.map(\.label) == ["SPSR_ELx", "SPSR_EL1", "SPSR_EL2", "SPSR_EL12"])
        #expect(types[0].res0Mask == "0xFFFF_FFFF_FFFF_FFF0")
        #expect(types[0].doc.hasSuffix("the fields of SPSR_EL1, SPSR_EL2"))
    }

    @Test("a shared layout whose type would be a register's is an error at the reference")
    func sharedLayoutClash() throws {
        let yaml = Self.sharedLayoutFile.replacingOccurrences(of: "SPSR_ELx", with: "SPSR_EL12")
        #expect {
            _ = try SwiftView(validate(yaml))
        } throws: { error in
            let expected = "the shared layout 'SPSR_EL12' would be named SPSR_EL12Value"
            return "\(error)".contains(":12:13: error: " + expected + ", the type of register 'SPSR_EL12'")
        }
    }

    @Test("bit ranges: masks and the text forms")
    func bitRanges() {
        #expect(BitRange.parse("63:0")?.mask == ~0)
        #expect(BitRange.parse("3:0")?.mask == 0xF)
        #expect(BitRange.parse("12")?.mask == 0x1000)
        #expect(BitRange.parse("31:28")?.width == 4)
        for bad in ["64", "3:4", "", ":", "1:", "a:0", "1:2:3", "-1", "007"] {
            #expect(BitRange.parse(bad) == nil, "\(bad)")
        }
    }
}
