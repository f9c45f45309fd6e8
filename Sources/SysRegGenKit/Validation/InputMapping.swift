/// The keys one kind of mapping accepts.
public struct MappingKeys: Sendable, Equatable {
    /// Keys that must be present, with a value.
    public var required: [String]
    /// Keys that may be present.
    public var optional: [String]

    /// Every key accepted, the required first.
    public var all: [String] { required + optional }
}

/// Every kind of mapping in the register file and the template sets file, with the keys each
/// accepts: the one table the validators read mappings with. The published JSON Schemas
/// (`Schemas/registers.schema.json`, `Schemas/sysreg-gen.schema.json`) describe the same keys,
/// which a test checks both ways; each case's raw value names its schema's definition.
public enum InputMapping: String, CaseIterable, Sendable {
    /// The register file's top level.
    case registerFile
    /// An entry of `groups`.
    case group
    /// An entry of `registers` that is a register.
    case register
    /// A register's `via`.
    case via
    /// An entry of a register's `aarch32`.
    case aarch32Counterpart
    /// An entry of `registers` that is a shared layout (`layout:`).
    case sharedLayout
    /// An entry of `prefixed`.
    case prefixedLayout
    /// An entry of `fields`.
    case field
    /// The template sets file's top level.
    case templateSetsFile
    /// An entry of `sets`.
    case templateSet

    /// The keys the mapping accepts: built once, as the validators ask for them at every mapping.
    public var keys: MappingKeys {
        switch self {
        case .registerFile: Keys.registerFile
        case .group: Keys.group
        case .register: Keys.register
        case .via: Keys.via
        case .aarch32Counterpart: Keys.aarch32Counterpart
        case .sharedLayout: Keys.sharedLayout
        case .prefixedLayout: Keys.prefixedLayout
        case .field: Keys.field
        case .templateSetsFile: Keys.templateSetsFile
        case .templateSet: Keys.templateSet
        }
    }

    /// The keys of each kind.
    private enum Keys {
        static let registerFile = MappingKeys(required: ["version", "groups", "registers"], optional: [])
        static let group = MappingKeys(
            required: ["name", "switched"], optional: ["shared-with-host", "condition", "doc"])
        static let register = MappingKeys(
            required: ["name", "encoding"],
            optional: [
                "el12", "class", "group", "via", "aarch32", "unsuffixed", "alias-of", "prefixed", "fields",
                "fields-see", "reset", "doc",
            ])
        static let via = MappingKeys(required: ["name", "encoding"], optional: [])
        static let aarch32Counterpart = MappingKeys(required: ["name", "encoding", "part"], optional: [])
        static let sharedLayout = MappingKeys(required: ["layout"], optional: ["fields", "prefixed", "doc"])
        static let prefixedLayout = MappingKeys(required: ["prefix", "fields"], optional: [])
        // One kind key gives a field's bits; the validator checks that exactly one is present.
        static let field = MappingKeys(
            required: [], optional: RegisterFileValidator.fieldKindKeys + ["name", "signed", "values"])
        static let templateSetsFile = MappingKeys(required: ["sets"], optional: [])
        static let templateSet = MappingKeys(
            required: ["name", "output"], optional: ["builtin", "templates", "exclude"])
    }
}
