// A CPU context's serialised form, keyed by stable register ids rather than by enum positions.

extension CPUContext {
    /// The context as bytes for a snapshot or a migration stream: for each register in order, its
    /// KVM one-reg id then its value, both 8 bytes little-endian.
    ///
    /// Keyed by ``SystemRegisterIdentifier/kvmOneRegID`` (Linux uapi `ARM64_SYS_REG`), which
    /// does not change when a register is added to or moved in the register file, as KVM's own
    /// `KVM_GET_REG_LIST` / `KVM_GET_ONE_REG` interface is.
    public var snapshot: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Register.allCases.count * 16)
        for register in Register.allCases {
            for word in [register.kvmOneRegID, self[register]] {
                for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
            }
        }
        return bytes
    }

    /// Restores a context from ``snapshot``'s bytes; registers the snapshot does not name hold 0.
    ///
    /// The bytes come from outside the process (a file, a peer), so every defect is a `nil`, never
    /// a trap: a length that is not a whole number of 16-byte records, an id that names no
    /// register of this set, or the same id twice.
    public init?(snapshot bytes: some Collection<UInt8>) {
        self.init()
        guard bytes.count % 16 == 0 else { return nil }
        var seen = Self()
        var cursor = bytes.makeIterator()
        func word() -> UInt64 {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) {
                value |= UInt64(cursor.next() ?? 0) &<< UInt64(shift)
            }
            return value
        }
        for _ in 0..<(bytes.count / 16) {
            guard let register = Register(kvmOneRegID: word()), seen[register] == 0 else { return nil }
            seen[register] = 1
            self[register] = word()
        }
    }
}
