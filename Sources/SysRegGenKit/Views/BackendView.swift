import SysRegRuntime

/// The backend template set's view: what the C switch that executes MRS and MSR needs.
///
/// Each encoding the generated Swift code can pass to a `SystemRegisterCPU` gets one case, so
/// the backend reaches every register the accessors and save/restore routines touch.
public struct BackendView: Sendable {
    /// Every encoding the generated code names, once each, in file order: each register's own,
    /// then its EL12 alias, then its `via` register.
    public var encodings: [BackendEncodingView]
}

/// One case of the backend's switch.
public struct BackendEncodingView: Sendable {
    /// The register name (`SCTLR_EL12`), for the case's comment.
    public var name: String
    /// The assembler's generic name (`S3_5_C1_C0_0`): what the `mrs`/`msr` names, so that the
    /// assembler needs to know no register name.
    public var genericName: String
    /// ``SystemRegisterEncoding/packedID`` as a C literal (`0xD080`): the case label.
    public var packedID: String
}

extension BackendView {
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
}
