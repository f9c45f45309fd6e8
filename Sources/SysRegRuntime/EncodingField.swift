/// Parses one decimal encoding field written after a letter (`C13`, `p15`) or bare (`5`):
/// no sign, no leading zeros, below `limit`. Both encoding forms of the register file use it.
package func parseEncodingField(_ text: Substring, prefix: String, below limit: UInt8) -> UInt8? {
    guard text.hasPrefix(prefix) else { return nil }
    let digits = text.dropFirst(prefix.count)
    guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
        digits == "0" || !digits.hasPrefix("0"),
        let value = UInt8(digits), value < limit
    else { return nil }
    return value
}
