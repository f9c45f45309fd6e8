/// A register's value seen through its fields: a generated type per register that has fields
/// (`SCTLR_EL1Value`), with a property per field, the register's RES0 and RES1 masks, and (here)
/// a builder that returns a changed copy, `value.with(\.tcf, .ASYNC)`.
///
/// A field's property (`value.tcf`, read and written) is a dynamic member: the generated type
/// only says where each field sits, in its ``Fields`` layout (`SCTLR_EL1Value.Fields().tcf`),
/// and the one subscript here reads and writes every field of every type. One getter per field,
/// rather than a getter, a setter and the compiler's `modify` in each generated type, is what
/// keeps the module of a large register file quick to build (docs/benchmarks.md, part 21).
@dynamicMemberLookup
public protocol RegisterFields: Hashable, Sendable, CustomStringConvertible {
    /// Where each named field sits: a property per field, which names the value's property.
    associatedtype Fields: RegisterLayout
    /// The bits that read as zero and must be written as zero.
    static var res0Mask: UInt64 { get }
    /// The bits that read as one and must be written as one.
    static var res1Mask: UInt64 { get }
    /// The 64-bit value.
    var rawValue: UInt64 { get set }
    /// The value with these bits, unchanged: every bit pattern is a value.
    init(rawValue: UInt64)
}

/// The field type of a register in the vcpu's context, which the vcpu's accessors read and
/// write as such.
public protocol RegisterValue<Register>: RegisterFields {
    /// The register identifiers the value's register is one of.
    associatedtype Register: SystemRegisterIdentifier
    /// The register whose value this is.
    static var register: Register { get }
}

extension RegisterFields {
    /// A copy with the field at `field` set to `value`: `sctlr.with(\.m, 1).with(\.tcf, .ASYNC)`.
    /// One builder for every field (rather than one per field) keeps the generated module small;
    /// the key path names the field in ``Fields``, so that the optimizer turns it into the
    /// field's shift and mask (a key path through the value's dynamic member would stay a key path).
    @inlinable @inline(__always)
    public func with<Field: FieldPlacement>(_ field: KeyPath<Fields, Field>, _ value: Field.Value) -> Self {
        var copy = self
        copy[dynamicMember: field] = value
        return copy
    }

    /// The field that ``Fields`` places at `field` (`value.m`, `value.tcf`); setting it keeps the
    /// other bits. Always inlined, so that an optimized client reads the key path's field as a
    /// shift and a mask instead of projecting a key path at run time.
    @inlinable @inline(__always)
    public subscript<Field: FieldPlacement>(dynamicMember field: KeyPath<Fields, Field>) -> Field.Value {
        get { Fields()[keyPath: field].extract(from: rawValue) }
        set { rawValue = Fields()[keyPath: field].insert(newValue, into: rawValue) }
    }

    /// The bits of `field`, shifted down; setting them keeps the other bits.
    @inlinable public subscript(field: RegisterField) -> UInt64 {
        get { field.extract(from: rawValue) }
        set { rawValue = field.insert(newValue, into: rawValue) }
    }

    /// Two values are equal when their bits are (declared here, so that no generated type
    /// synthesizes its own).
    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the bits.
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The value with its RES0 bits cleared and its RES1 bits set: what a hypervisor keeps of
    /// a guest's write to the register.
    @inlinable public func sanitized() -> Self {
        Self(rawValue: (rawValue & ~Self.res0Mask) | Self.res1Mask)
    }

    /// True when no RES0 bit is set and every RES1 bit is.
    @inlinable public var respectsReservedBits: Bool {
        rawValue & Self.res0Mask == 0 && rawValue & Self.res1Mask == Self.res1Mask
    }
}

/// A generated register type's field layout (`SCTLR_EL1Value.Fields`): a property per named
/// field, a ``RegisterField`` or an ``EnumerationField``, which ``RegisterFields`` turns into the
/// value's property of the same name.
public protocol RegisterLayout: Sendable {
    /// The layout, which holds nothing: its properties are constants.
    init()
}

/// Where a field sits in a register, and what its value is: a ``RegisterLayout``'s property.
public protocol FieldPlacement: Sendable {
    /// The field's value: `UInt64`, or an enumeration's ``FieldValue``.
    associatedtype Value
    /// Its value in `raw`.
    func extract(from raw: UInt64) -> Value
    /// `raw` with this field replaced by `value`.
    func insert(_ value: Value, into raw: UInt64) -> UInt64
}

/// Where an enumeration field sits in a register, and whose names its values have: the type of
/// its constant in a ``RegisterLayout`` (`SCTLR_EL1Value.Fields().tcf`).
public struct EnumerationField<Enumeration: FieldEnumeration>: FieldPlacement, Hashable {
    /// Its shift and width.
    public let field: RegisterField

    /// An enumeration field of `width` bits from bit `shift`.
    @inlinable public init(shift: UInt64, width: UInt64) {
        field = RegisterField(shift: shift, width: width)
    }

    /// Its value in `raw`, with the enumeration's names.
    @inlinable public func extract(from raw: UInt64) -> FieldValue<Enumeration> {
        FieldValue(rawValue: field.extract(from: raw))
    }

    /// `raw` with this field replaced by `value`.
    @inlinable public func insert(_ value: FieldValue<Enumeration>, into raw: UInt64) -> UInt64 {
        field.insert(value.rawValue, into: raw)
    }
}

/// Where a field sits in a register: its shift and width.
public struct RegisterField: FieldPlacement, Hashable {
    /// Its lowest bit.
    public let shift: UInt64
    /// Its number of bits, 1...64.
    public let width: UInt64

    /// A field of `width` bits from bit `shift`.
    @inlinable public init(shift: UInt64, width: UInt64) {
        self.shift = shift
        self.width = width
    }

    /// Its bits in the register.
    @inlinable public var mask: UInt64 { (width >= 64 ? ~0 : (1 &<< width) &- 1) &<< shift }

    /// Its value in `raw`, shifted down.
    @inlinable public func extract(from raw: UInt64) -> UInt64 { (raw & mask) &>> shift }

    /// `raw` with this field replaced by `value` (bits of `value` past the field's width are dropped).
    @inlinable public func insert(_ value: UInt64, into raw: UInt64) -> UInt64 {
        (raw & ~mask) | ((value &<< shift) & mask)
    }

    /// `REGISTER(NAME: 0x…, …)`, each field's value of `raw` in hexadecimal, for a generated type's
    /// `description`. `layout` is the register's name, then `NAME SHIFT WIDTH` per field, separated
    /// by spaces or lines: one string literal per type, which type-checks and compiles to almost
    /// nothing, where a list of (name, field) pairs was a constraint system and code per field.
    public static func describe(_ raw: UInt64, layout: StaticString) -> String {
        let text = layout.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        let words = text.split { $0 == " " || $0 == "\n" }
        var values: [String] = []
        var index = words.startIndex + 1
        while index + 2 < words.endIndex {
            let field = RegisterField(shift: UInt64(words[index + 1]) ?? 0, width: UInt64(words[index + 2]) ?? 0)
            values.append(String(words[index]) + ": 0x" + String(field.extract(from: raw), radix: 16))
            index += 3
        }
        return (words.first.map(String.init) ?? "") + "(" + values.joined(separator: ", ") + ")"
    }

    /// `value`, a field of this width, sign-extended: for enumerations the Arm ARM compares as signed.
    @inlinable public func signExtended(_ value: UInt64) -> Int64 {
        let unused = 64 &- width
        return Int64(bitPattern: value &<< unused) &>> unused
    }
}

/// The named values of one enumeration field, which ``FieldValue`` is generic over: a generated
/// caseless enum per enumeration field (`SCTLR_EL1Value.TCFValues`), its names in one switch.
public protocol FieldEnumeration: Sendable {
    /// The name the Arm ARM gives `value` (`"ASYNC"`), or nil when it gives none.
    static func name(of value: UInt64) -> String?
    /// The field's width when the Arm ARM compares its values as signed; 0 when unsigned.
    static var signedWidth: UInt64 { get }
}

extension FieldEnumeration {
    /// Unsigned, unless the enumeration says otherwise.
    @inlinable public static var signedWidth: UInt64 { 0 }
}

/// The value of an enumeration field (`SCTLR_EL1Value.TCF`): its bits, shifted down, with the
/// Arm ARM's names as constants (`.ASYNC`, declared in an extension per enumeration). Every bit
/// pattern is a value, so a value the Arm ARM adds later round-trips and prints as a number.
/// One generic type, rather than a type per enumeration, keeps the generated module small.
public struct FieldValue<Enumeration: FieldEnumeration>: RawRepresentable, Hashable, Sendable, Comparable,
    CustomStringConvertible
{
    /// The field's bits, shifted down.
    public var rawValue: UInt64

    /// The value with these bits.
    @inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The value as a number: sign-extended from the field's width when the Arm ARM compares
    /// the field as signed.
    @inlinable public var signedValue: Int64 {
        let width = Enumeration.signedWidth
        return width == 0 ? Int64(bitPattern: rawValue) : RegisterField(shift: 0, width: width).signExtended(rawValue)
    }

    /// Orders the values as the Arm ARM compares them: signed or unsigned numbers.
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool {
        Enumeration.signedWidth == 0 ? lhs.rawValue < rhs.rawValue : lhs.signedValue < rhs.signedValue
    }

    /// The value's name, or its number in hexadecimal when it has none.
    public var description: String { Enumeration.name(of: rawValue) ?? "0x" + String(rawValue, radix: 16) }
}

extension SystemRegisterAccess where Self: ~Copyable {
    /// The register's value as its field type: `vcpu.read(SCTLR_EL1Value.self).m`.
    @inlinable public func read<Value: RegisterValue>(_ type: Value.Type) -> Value where Value.Register == Register {
        Value(rawValue: read(Value.register))
    }

    /// Writes a field value to its register: `vcpu.write(sctlr.with(\.m, 1))`.
    @inlinable public mutating func write<Value: RegisterValue>(_ value: Value) where Value.Register == Register {
        write(Value.register, value.rawValue)
    }
}
