import SysRegRuntime

/// The CPU every accessor benchmark runs on: each encoding's register is a word of memory at
/// the encoding's packed id.
///
/// Cheap, so what differs between the accessors is not hidden behind the CPU, and real: every
/// read is a load and every write a store through a pointer the optimizer cannot see through,
/// so no access can be folded away. One instance lives for the whole process.
public struct ArrayCPU: SystemRegisterCPU {
    @usableFromInline
    let registers: UnsafeMutablePointer<UInt64>

    /// A CPU whose registers hold their own packed id, so reads return distinct values.
    public init() {
        let count = Int(UInt16.max) + 1
        registers = .allocate(capacity: count)
        for id in 0..<count { (registers + id).initialize(to: UInt64(id)) }
    }

    /// The word of `encoding`'s register.
    @inlinable
    public func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
        registers[Int(encoding.packedID)]
    }

    /// Stores `value` in the word of `encoding`'s register.
    @inlinable
    public func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {
        registers[Int(encoding.packedID)] = value
    }
}
