/// A set of system registers that a generated module enumerates, one case per register.
///
/// A generated conformance guarantees what ``CPUContext`` relies on to index its storage without
/// a bounds check: ``index`` is below the number of registers, and ``Values`` holds a `UInt64`
/// at each such index (word `n` at byte `8 * n`).
public protocol SystemRegisterIdentifier: CaseIterable, Hashable, Sendable {
    /// Fixed-size inline storage for one value per register.
    associatedtype Values: RegisterValues

    /// The register's position in `allCases`, in `0..<allCases.count`: its word in ``Values``.
    var index: Int { get }

    /// The register's word in `values`, read in place.
    func value(in values: borrowing Values) -> UInt64

    /// The register's KVM one-reg id (`ARM64_SYS_REG(op0, op1, CRn, CRm, op2)`), stable when
    /// registers are added or reordered; the key of a ``CPUContext`` snapshot.
    var kvmOneRegID: UInt64 { get }

    /// The register whose KVM one-reg id is `kvmOneRegID`, or `nil` when it names none of the set's.
    init?(kvmOneRegID: UInt64)
}

/// Inline storage for one `UInt64` per register of a set, in register order: contiguous words
/// (the generated ones are runs of ``Words64`` and ``Words8``), with no heap allocation,
/// reference count or copy-on-write check. Words past the last register stay 0.
public protocol RegisterValues: BitwiseCopyable, Sendable {
    /// Storage in which every word is 0.
    init()
}

/// The memory copy of a CPU's system registers: a guest's or the host's saved state, as the
/// kernel's `struct kvm_cpu_context`.
///
/// The values live inline, in the generated ``SystemRegisterIdentifier/Values``: reading or
/// writing one is a single load or store at the register's index.
public struct CPUContext<Register: SystemRegisterIdentifier>: Sendable, Equatable {
    /// One value per register, at the register's ``SystemRegisterIdentifier/index``.
    @usableFromInline
    var values: Register.Values

    /// Every register's value, for code that reads many in a row (the generated `restore`).
    ///
    /// At `-Onone` each read through ``subscript(_:)`` passes the whole context to the generic
    /// getter by address, so the caller copies every word into a temporary per read, and the
    /// compiler's dead-allocation pass examines each temporary word by word, which grows with
    /// the square of the register count (12 s for `restore` of 4,000 registers, in each of the
    /// two jobs that compile it). Binding this once copies the context once.
    @inlinable
    public var allValues: Register.Values { values }

    /// A context in which every register holds 0.
    @inlinable
    public init() {
        values = Register.Values()
    }

    /// The saved value of `register`.
    ///
    /// No bounds check: a ``SystemRegisterIdentifier``'s index is within its ``RegisterValues``
    /// by the generated conformance (checked by the `SysRegsTests` suite). A write stores at the
    /// register's index; a read goes through ``SystemRegisterIdentifier/value(in:)``.
    @inlinable
    public subscript(register: Register) -> UInt64 {
        get { register.value(in: values) }
        set { store(newValue, atWord: register.index) }
    }

    /// Word `index` of the storage: the value of the register whose
    /// ``SystemRegisterIdentifier/index`` is `index`. An index past the storage reads as 0, and
    /// a write to it changes nothing.
    ///
    /// What the generated `save` writes through (`self[word: 17] = …  // SCTLR_EL1`): an integer
    /// literal costs the compiler less than a register's case (docs/benchmarks.md, part 19), and
    /// an optimized client folds the check away, the index being a constant.
    @inlinable
    public subscript(word index: Int) -> UInt64 {
        get {
            guard Self.words.contains(index) else { return 0 }
            return withUnsafeBytes(of: values) { $0.load(fromByteOffset: index &<< 3, as: UInt64.self) }
        }
        set {
            guard Self.words.contains(index) else { return }
            store(newValue, atWord: index)
        }
    }

    /// The indexes of the storage's words.
    @inlinable
    static var words: Range<Int> { 0..<MemoryLayout<Register.Values>.size &>> 3 }

    /// Stores `value` in word `index`, which must be one of ``words``: no check.
    @inlinable
    mutating func store(_ value: UInt64, atWord index: Int) {
        withUnsafeMutableBytes(of: &values) { words in
            words.baseAddress.unsafelyUnwrapped.storeBytes(of: value, toByteOffset: index &<< 3, as: UInt64.self)
        }
    }

    /// True when every register holds the same value in both contexts.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        withUnsafeBytes(of: lhs.values) { left in
            withUnsafeBytes(of: rhs.values) { right in left.elementsEqual(right) }
        }
    }
}
