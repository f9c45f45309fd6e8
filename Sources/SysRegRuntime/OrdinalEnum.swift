/// An enum without payloads whose raw value is its case's position in declaration order: the
/// generated `SysReg`, `SystemRegister`, `AArch32SysReg` and `SysRegGroup`.
///
/// The enum declares only its cases and ``caseCount``; its raw value, `init?(rawValue:)`,
/// `allCases`, `==` and `hash(into:)` come from here. An enum with a raw type (`enum SysReg: Int`)
/// would have them too, but the compiler pays per case for them in each job that compiles the
/// module: its check that the raw values are distinct grows with the square of the case count
/// (3.1 s against 0.85 s to type-check 10,000 cases, 10.8 s against 2.7 s for 20,000), and it
/// derives the raw value, `allCases` and, without a raw type, `==` and `hash(into:)` as a case or
/// an element per register (docs/benchmarks.md, part 18).
///
/// Swift lays out such an enum as an integer tag, the cases numbered in declaration order from 0,
/// with the fewest bits that hold them all, or as an empty type when it has one case (the Swift
/// ABI, docs/ABI/TypeLayout.rst, "C-Like Enums" and "Single-Case Enums"). The raw value is that
/// tag: read from the enum's bytes and masked to its bits, since the bits of its bytes above the
/// tag's are not part of the value.
///
/// At most 65,536 cases (a tag of 16 bits or fewer), which holds every set a register file can
/// declare: its registers' encodings are distinct, and an encoding has 16 bits.
public protocol OrdinalEnum: CaseIterable, Hashable, RawRepresentable
where RawValue == Int, AllCases == [Self] {
    /// The number of cases.
    static var caseCount: Int { get }
}

extension OrdinalEnum {
    /// The case's position in declaration order, in `0..<caseCount`.
    @inlinable
    public var rawValue: Int {
        // The size is a constant of the type: each specialization keeps one branch.
        switch MemoryLayout<Self>.size {
        case 0: return 0
        case 1: return Int(withUnsafeBytes(of: self) { $0.load(as: UInt8.self) }) & Self.tagMask
        default: return Int(withUnsafeBytes(of: self) { $0.load(as: UInt16.self) }) & Self.tagMask
        }
    }

    /// The case at `rawValue` in declaration order, or `nil` when `rawValue` is not in
    /// `0..<caseCount`.
    @inlinable
    public init?(rawValue: Int) {
        guard rawValue >= 0 && rawValue < Self.caseCount else { return nil }
        self.init(position: rawValue)
    }

    /// Every case, in declaration order.
    @inlinable
    public static var allCases: [Self] {
        (0..<caseCount).map { Self(position: $0) }
    }

    /// True when both are the same case.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the case's position.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The case at `position`, which must be in `0..<caseCount`: its tag stored in the enum's
    /// bytes (none for a single case).
    @inlinable
    init(position: Int) {
        switch MemoryLayout<Self>.size {
        case 0, 1: self = withUnsafeBytes(of: UInt8(truncatingIfNeeded: position)) { $0.load(as: Self.self) }
        default: self = withUnsafeBytes(of: UInt16(truncatingIfNeeded: position)) { $0.load(as: Self.self) }
        }
    }

    /// The tag's bits: as many as the largest position needs.
    @inlinable
    static var tagMask: Int {
        let bits = Int.bitWidth &- (caseCount &- 1).leadingZeroBitCount
        return (1 &<< bits) &- 1
    }
}
