import QEMUSupport

// Output through the PL011 UART, without String: the harness runs with a bump allocator.

/// Prints `text`.
func put(_ text: StaticString) {
    text.withUTF8Buffer { bytes in
        for byte in bytes { _ = putchar(Int32(byte)) }
    }
}

/// Prints the NUL-terminated `text`.
func put(_ text: UnsafePointer<CChar>) {
    var cursor = text
    while cursor.pointee != 0 {
        _ = putchar(Int32(cursor.pointee))
        cursor += 1
    }
}

/// Prints `value` in hexadecimal, all 16 digits.
func putHex(_ value: UInt64) {
    put("0x")
    var shift = 60
    while shift >= 0 {
        let digit = Int32((value >> UInt64(shift)) & 15)
        _ = putchar(digit < 10 ? 48 + digit : 87 + digit)
        shift -= 4
    }
}

/// Prints `value` in decimal.
func putDecimal(_ value: Int) {
    if value >= 10 { putDecimal(value / 10) }
    _ = putchar(Int32(48 + value % 10))
}

/// True when the NUL-terminated `text` is `name`.
func matches(_ text: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
    name.withUTF8Buffer { bytes in
        for (offset, byte) in bytes.enumerated() where UInt8(bitPattern: text[offset]) != byte {
            return false
        }
        return text[bytes.count] == 0
    }
}
