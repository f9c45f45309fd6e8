/// The kernel header view: the defines the kernel's `arch/arm64/tools/gen-sysreg.awk` prints
/// into `asm/sysreg-defs.h` for each register and shared layout of the file, in file order, so
/// that a register file imported with `import kernel-sysreg --standalone` renders the kernel's
/// own header byte for byte.
///
/// The rules are the awk script's: per register its `REG_`/`SYS_` encoding defines; per layout
/// (each `Prefix` one, then the register's own) each field's mask, shift and width (and an
/// enumeration's `_SIGNED` and values), then the `_RES0`, `_RES1` and `_UNKN` masks; a register
/// whose fields are elsewhere (`Fields`, `Mapping`) gets a comment saying where instead.
public struct KernelDefsView: TargetView {
    /// Every register and shared layout, in file order.
    public var blocks: [DefsBlockView]

    /// Builds the view of a validated register file.
    public init(_ file: RegisterFile) {
        blocks = file.entries.concurrentMap(DefsBlockView.init)
    }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["blocks": .list { $0.blocks }]
}

/// A register's or a shared layout's defines.
public struct DefsBlockView: TemplateContext {
    /// `REG_`, `SYS_` and the five `SYS_…_Op0`… defines; empty for a shared layout.
    public var encoding: [DefineView]
    /// True for a register (whose encoding defines are followed by a blank line).
    public var isRegister: Bool
    /// The layouts whose defines it prints: each `Prefix` one, then its own.
    public var layouts: [DefsLayoutView]
    /// True when its fields are described elsewhere.
    public var hasSeeAlso: Bool
    /// `/* For NAME fields see OTHER */`, when its fields are elsewhere; empty otherwise.
    public var seeAlso: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "encoding": .list { $0.encoding }, "isRegister": .flag { $0.isRegister }, "layouts": .list { $0.layouts },
        "hasSeeAlso": .flag { $0.hasSeeAlso }, "seeAlso": .text { $0.seeAlso },
    ]

    init(_ entry: FileEntry) {
        switch entry {
        case .layout(let layout):
            encoding = []
            isRegister = false
            let own = layout.layout.map { [DefsLayoutView(prefix: "", owner: layout.name.value, layout: $0)] } ?? []
            layouts = Self.prefixedLayouts(layout.prefixed, owner: layout.name.value) + own
            seeAlso = ""
        case .register(let register):
            let name = register.name.value
            let e = register.encoding.value
            encoding = [
                DefineView("REG_" + name, e.genericName),
                DefineView("SYS_" + name, "sys_reg(\(e.op0), \(e.op1), \(e.crn), \(e.crm), \(e.op2))"),
                DefineView("SYS_\(name)_Op0", "\(e.op0)"), DefineView("SYS_\(name)_Op1", "\(e.op1)"),
                DefineView("SYS_\(name)_CRn", "\(e.crn)"), DefineView("SYS_\(name)_CRm", "\(e.crm)"),
                DefineView("SYS_\(name)_Op2", "\(e.op2)"),
            ]
            isRegister = true
            let elsewhere: String? =
                if case .shared(let reference, _) = register.fields { reference.value } else {
                    register.aliasOf?.value ?? register.fieldsSee?.value
                }
            var layouts = Self.prefixedLayouts(register.prefixed, owner: name)
            if elsewhere == nil {
                let own = register.fields?.layout ?? FieldLayout(fields: [])
                layouts.append(DefsLayoutView(prefix: "", owner: name, layout: own))
            }
            self.layouts = layouts
            seeAlso = elsewhere.map { "/* For \(name) fields see \($0) */" } ?? ""
        }
        hasSeeAlso = !seeAlso.isEmpty
    }

    private static func prefixedLayouts(_ prefixed: [PrefixedLayout], owner: String) -> [DefsLayoutView] {
        prefixed.map { DefsLayoutView(prefix: $0.prefix.value + "_", owner: owner, layout: $0.layout) }
    }
}

/// One layout's defines: each named field's, then the reserved masks.
public struct DefsLayoutView: TemplateContext {
    /// Each named field's defines, a field a group.
    public var fields: [DefsFieldView]
    /// `_RES0`, `_RES1` and `_UNKN`.
    public var reserved: [DefineView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "fields": .list { $0.fields }, "reserved": .list { $0.reserved },
    ]

    init(prefix: String, owner: String, layout: FieldLayout) {
        let stem = prefix + owner
        fields = layout.fields.filter(\.kind.isNamed).map { DefsFieldView(stem: stem, field: $0) }
        // The awk script accumulates `UL(0) | GENMASK_ULL(msb, lsb) | …` in file order.
        reserved = [(FieldKind.res0, "RES0"), (.res1, "RES1"), (.unkn, "UNKN")].map { kind, suffix in
            let masks = layout.fields.filter { $0.kind == kind }.map {
                " | GENMASK_ULL(\($0.bits.value.msb), \($0.bits.value.lsb))"
            }
            return DefineView("\(stem)_\(suffix)", "(UL(0)" + masks.joined() + ")")
        }
    }
}

/// One named field's defines: mask, shift, width, and an enumeration's sign and values.
public struct DefsFieldView: TemplateContext {
    /// Its defines, in the awk script's order.
    public var defines: [DefineView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["defines": .list { $0.defines }]

    init(stem: String, field: Field) {
        let name = "\(stem)_\(field.name?.value ?? "")"
        let bits = field.bits.value
        let mask = "GENMASK(\(bits.msb), \(bits.lsb))"
        defines = [
            DefineView(name, mask), DefineView(name + "_MASK", mask), DefineView(name + "_SHIFT", "\(bits.lsb)"),
            DefineView(name + "_WIDTH", "\(bits.width)"),
        ]
        if let signed = field.signed { defines.append(DefineView(name + "_SIGNED", "\(signed)")) }
        defines += field.values.map { DefineView("\(name)_\($0.name.value)", "UL(\($0.text))") }
    }
}

/// `#define NAME<padding>VALUE`: the value in the column the kernel's header aligns it to.
public struct DefineView: TemplateContext {
    /// The macro's name.
    public var name: String
    /// Spaces that bring `#define NAME` to 56 columns (none when it is longer), as the awk
    /// script's `printf "%-56s%s\n"` does.
    public var padding: String
    /// The macro's body.
    public var value: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "padding": .text { $0.padding }, "value": .text { $0.value },
    ]

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
        // An ASCII name (every C name) has a character per byte: counted from its contiguous
        // bytes, several times faster than as Characters, which other names are counted as.
        let ascii = name.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        padding = Self.paddings[min(ascii ? name.utf8.count : name.count, Self.paddings.count - 1)]
    }

    /// The padding after a name of each length in characters, so
    /// that a view of thousands of defines shares its few padding strings.
    private static let paddings = (0...48).map { String(repeating: " ", count: 48 - $0) }
}
