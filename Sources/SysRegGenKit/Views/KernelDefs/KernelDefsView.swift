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
            let (op0, op1, crn, crm, op2) = (number(e.op0), number(e.op1), number(e.crn), number(e.crm), number(e.op2))
            let sys = joined("SYS_", name)
            encoding = [
                DefineView(joined("REG_", name), e.genericName),
                DefineView(
                    sys, joined(joined("sys_reg(", op0, ", ", op1, ", "), crn, ", ", joined(crm, ", ", op2, ")"))),
                DefineView(joined(sys, "_Op0"), op0), DefineView(joined(sys, "_Op1"), op1),
                DefineView(joined(sys, "_CRn"), crn), DefineView(joined(sys, "_CRm"), crm),
                DefineView(joined(sys, "_Op2"), op2),
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
            seeAlso = elsewhere.map { joined("/* For ", name, " fields see ", $0, " */") } ?? ""
        }
        hasSeeAlso = !seeAlso.isEmpty
    }

    private static func prefixedLayouts(_ prefixed: [PrefixedLayout], owner: String) -> [DefsLayoutView] {
        prefixed.map { DefsLayoutView(prefix: joined($0.prefix.value, "_"), owner: owner, layout: $0.layout) }
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
        let stem = joined(prefix, owner)
        var fields: [DefsFieldView] = []
        // The awk script accumulates `UL(0) | GENMASK_ULL(msb, lsb) | …` in file order.
        var (res0, res1, unkn) = ("(UL(0)", "(UL(0)", "(UL(0)")
        for field in layout.fields {
            let bits = field.bits.value
            switch field.kind {
            case .field, .enum: fields.append(DefsFieldView(stem: stem, field: field))
            case .res0: res0 += joined(" | GENMASK_ULL(", number(bits.msb), ", ", number(bits.lsb), ")")
            case .res1: res1 += joined(" | GENMASK_ULL(", number(bits.msb), ", ", number(bits.lsb), ")")
            case .unkn: unkn += joined(" | GENMASK_ULL(", number(bits.msb), ", ", number(bits.lsb), ")")
            case .raz: break
            }
        }
        self.fields = fields
        reserved = [
            DefineView(joined(stem, "_RES0"), joined(res0, ")")), DefineView(joined(stem, "_RES1"), joined(res1, ")")),
            DefineView(joined(stem, "_UNKN"), joined(unkn, ")")),
        ]
    }
}

/// One named field's defines: mask, shift, width, and an enumeration's sign and values.
public struct DefsFieldView: TemplateContext {
    /// Its defines, in the awk script's order.
    public var defines: [DefineView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["defines": .list { $0.defines }]

    init(stem: String, field: Field) {
        let name = joined(stem, "_", field.name?.value ?? "")
        let bits = field.bits.value
        let mask = joined("GENMASK(", number(bits.msb), ", ", number(bits.lsb), ")")
        var defines: [DefineView] = []
        defines.reserveCapacity(5 + field.values.count)
        defines.append(DefineView(name, mask))
        defines.append(DefineView(joined(name, "_MASK"), mask))
        defines.append(DefineView(joined(name, "_SHIFT"), number(bits.lsb)))
        defines.append(DefineView(joined(name, "_WIDTH"), number(bits.width)))
        if let signed = field.signed { defines.append(DefineView(joined(name, "_SIGNED"), signed ? "true" : "false")) }
        for value in field.values {
            defines.append(DefineView(joined(name, "_", value.name.value), joined("UL(", value.text, ")")))
        }
        self.defines = defines
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

/// `a` to `e` as one string, its UTF-8 copied once into storage allocated once. The view is
/// thousands of names and values of a few parts each; `+` and interpolation append part by
/// part, each append checking and growing the text so far.
private func joined(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
    let length = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
    return String(unsafeUninitializedCapacity: length) { buffer in
        // One local count, no nested closure: a variable captured by one is checked for
        // exclusive access at every use.
        var end = UnsafeMutableBufferPointer(rebasing: buffer[...]).initialize(fromContentsOf: a.utf8)
        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: b.utf8)
        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: c.utf8)
        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: d.utf8)
        end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: e.utf8)
        return end
    }
}

/// `value` in decimal: the numbers of the defines are bit positions, widths and encoding
/// fields, 0 to 64, each made once.
private func number(_ value: some BinaryInteger) -> String {
    value >= 0 && value < decimals.count ? decimals[Int(value)] : String(value)
}

/// 0 to 64 in decimal.
private let decimals = (0...64).map { String($0) }
