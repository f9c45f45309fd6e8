import SysRegRuntime

/// The hardware backend's view (`{{! view: backend-c }}`): what the C switch that executes MRS
/// and MSR on the CPU needs, for `Generated/Backend/` and the `SysRegHardwareC` target.
///
/// Each encoding the generated Swift code can pass to a `SystemRegisterCPU` gets one case, so
/// the backend reaches every register the accessors and save/restore routines touch.
public struct BackendView: TargetView {
    /// Every encoding the generated code names, once each, in file order: each register's own,
    /// then its EL12 alias, then its `via` register.
    public var encodings: [BackendEncodingView]

    /// Builds the view of a validated register file.
    public init(_ file: RegisterFile) {
        encodings = file.registers.flatMap { register in
            var named = [(register.name.value, register.encoding.value)]
            if let el12 = register.el12 { named.append((register.el12Name, el12.value)) }
            if let via = register.via { named.append((via.name.value, via.encoding.value)) }
            return named.map { name, encoding in
                BackendEncodingView(
                    name: name, genericName: encoding.genericName,
                    packedID: "0x" + String(encoding.packedID, radix: 16, uppercase: true))
            }
        }
    }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["encodings": .list { $0.encodings }]
}

/// One case of the backend's switch.
public struct BackendEncodingView: TemplateContext {
    /// The register name (`SCTLR_EL12`), for the case's comment.
    public var name: String
    /// The assembler's generic name (`S3_5_C1_C0_0`): what the `mrs`/`msr` names, so that the
    /// assembler needs to know no register name.
    public var genericName: String
    /// ``SystemRegisterEncoding/packedID`` as a C literal (`0xE880`): the case label.
    public var packedID: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "genericName": .text { $0.genericName }, "packedID": .text { $0.packedID },
    ]
}
