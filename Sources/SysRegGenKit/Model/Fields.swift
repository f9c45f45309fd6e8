import SysRegRuntime

/// What a range of a register's bits is, as the kernel's `arch/arm64/tools/sysreg` names it.
public enum FieldKind: String, CaseIterable, Sendable {
    /// A named field with no listed values (`Field`).
    case field
    /// A named field with named values (`Enum`, `SignedEnum`, `UnsignedEnum`).
    case `enum`
    /// Reserved, reads as zero; software writes zero (`Res0`).
    case res0
    /// Reserved, reads as one; software writes one (`Res1`).
    case res1
    /// Its value is unknown (`Unkn`).
    case unkn
    /// Reads as zero (`Raz`).
    case raz

    /// True for the kinds that carry a name.
    public var isNamed: Bool { self == .field || self == .enum }
}

/// Bits `msb` down to `lsb` of a 64-bit register.
public struct BitRange: Sendable, Equatable {
    /// The most significant bit, 0...63.
    public var msb: Int
    /// The least significant bit, 0...msb.
    public var lsb: Int

    /// The number of bits.
    public var width: Int { msb - lsb + 1 }

    /// The bits set in a register value.
    public var mask: UInt64 { (width == 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1) << UInt64(lsb) }

    /// The form the register file and the kernel's file write: `msb:lsb`, or `msb` for one bit.
    public var text: String { msb == lsb ? "\(msb)" : "\(msb):\(lsb)" }

    /// Parses `msb:lsb` or a single bit number, each 0...63 with msb ≥ lsb; `nil` otherwise.
    public static func parse(_ text: String) -> BitRange? {
        // Bytes: a valid range is ASCII digits and ':', and any other byte fails either way.
        text.withUTF8Bytes { bytes in
            var high: Int?
            var value = 0
            var digits = 0
            for byte in bytes {
                if byte == UInt8(ascii: ":") {
                    guard digits > 0, high == nil else { return nil }
                    high = value
                    (value, digits) = (0, 0)
                } else {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 2 else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                }
            }
            guard digits > 0 else { return nil }
            let lsb = value
            let msb = high ?? value
            guard msb <= 63, lsb <= msb else { return nil }
            return BitRange(msb: msb, lsb: lsb)
        }
    }
}

/// One named value of an enumerated field (`0b0001 IMP`).
public struct EnumValue: Sendable {
    /// Its name as the Arm ARM and the kernel spell it (`NI`, `IMP`, `EL1h`, `16K`).
    public var name: Located<String>
    /// Its value.
    public var value: UInt64
    /// The value as written (`0b0001`): the kernel's header repeats it.
    public var text: String
}

/// A range of a register's bits: a field, an enumeration, or a reserved range.
public struct Field: Sendable {
    /// Its name; `nil` for RES0, RES1, UNKN and RAZ ranges.
    public var name: Located<String>?
    /// Its bits.
    public var bits: Located<BitRange>
    /// What it is.
    public var kind: FieldKind
    /// For an enumeration: `true` for `SignedEnum`, `false` for `UnsignedEnum`, `nil` for `Enum`.
    public var signed: Bool?
    /// An enumeration's values, in file order.
    public var values: [EnumValue]
}

/// The fields of one layout, from bit 63 down to bit 0.
public struct FieldLayout: Sendable {
    /// The fields in descending bit order.
    public var fields: [Field]

    /// The bits of every range of `kind`.
    public func mask(of kind: FieldKind) -> UInt64 {
        fields.filter { $0.kind == kind }.reduce(0) { $0 | $1.bits.value.mask }
    }
}

/// A layout that applies when a feature is implemented (the kernel's `Prefix FEAT_x` …
/// `EndPrefix`); its names are prefixed with the feature's.
public struct PrefixedLayout: Sendable {
    /// The feature (`FEAT_GCIE`).
    public var prefix: Located<String>
    /// Its fields.
    public var layout: FieldLayout
}

/// Where a register's fields come from.
public enum FieldSource: Sendable {
    /// Written in the register's own entry.
    case own(FieldLayout)
    /// A shared layout, referenced by name (the kernel's `Fields SPSR_ELx`), with its fields.
    case shared(Located<String>, FieldLayout)

    /// The fields, wherever they were written.
    public var layout: FieldLayout {
        switch self {
        case .own(let layout), .shared(_, let layout): layout
        }
    }
}

/// A field layout declared once and used by several registers (the kernel's `SysregFields`).
public struct SharedLayout: Sendable {
    /// Its name (`SPSR_ELx`).
    public var name: Located<String>
    /// Alternative layouts for features, in file order.
    public var prefixed: [PrefixedLayout]
    /// Its fields; `nil` when it only has prefixed layouts.
    public var layout: FieldLayout?
}

/// Everything the register file says about one register, whether or not it takes part in the
/// vcpu's context: its bits, its reset value, and which register it is an alias of.
public struct RegisterDescription: Sendable {
    /// The Arm ARM name.
    public var name: Located<String>
    /// Its encoding.
    public var encoding: Located<SystemRegisterEncoding>
    /// Its `*_EL12`/`*_EL02` alias, if E2H redirects it.
    public var el12: Located<SystemRegisterEncoding>?
    /// The register this one reaches (the kernel's `Mapping`): `SCTLRALIAS_EL1` → `SCTLR_EL1`.
    public var aliasOf: Located<String>?
    /// Alternative layouts for features, in file order.
    public var prefixed: [PrefixedLayout]
    /// Its fields, if described.
    public var fields: FieldSource?
    /// Where its fields are described, when not here: the kernel's `Fields` naming a layout its
    /// file does not declare (`MPAM1_ELx`), kept as a pointer for readers, not resolved.
    public var fieldsSee: Located<String>?
    /// Its value out of reset, if defined.
    public var reset: Located<UInt64>?
    /// True when it has a `class` and a `group`, so it is in ``RegisterFile/registers``.
    public var inContext: Bool
    /// A one-line description.
    public var doc: Located<String>?
}

/// One entry of the register file's `registers` list, in file order.
public enum FileEntry: Sendable {
    /// A register.
    case register(RegisterDescription)
    /// A shared field layout.
    case layout(SharedLayout)
}
