/// Why an encoding's text does not parse, and where (a character offset into the text).
public enum EncodingSyntaxError: Error, Hashable, Sendable {
    /// At `offset` the text has `found` (`nil` at the end) where `expected` should be.
    case unexpected(offset: Int, found: Character?, expected: String)
    /// The field `field`, starting at `offset`, is `value`, outside `range`.
    case outOfRange(offset: Int, field: String, value: Int, range: ClosedRange<Int>)
}

/// One element of an encoding's written form.
package enum EncodingPattern {
    /// Exactly this text.
    case literal(String)
    /// `,` with optional spaces around it.
    case comma
    /// A decimal field: no sign, no leading zeros, within `range`.
    case field(String, ClosedRange<Int>)
}

/// Scans `text` against `pattern`, returning the fields' values in order or the first problem.
/// Both encoding forms of the register file (`S3_0_C1_C0_0`, `p15, 0, c1, c0, 0`) use it.
package func scanEncoding(_ text: String, _ pattern: [EncodingPattern]) -> Result<[UInt8], EncodingSyntaxError> {
    let characters = Array(text)
    var offset = 0
    var values: [UInt8] = []
    func unexpected(_ expected: String) -> EncodingSyntaxError {
        .unexpected(offset: offset, found: offset < characters.count ? characters[offset] : nil, expected: expected)
    }
    func skipSpaces() {
        while offset < characters.count, characters[offset] == " " { offset += 1 }
    }
    for element in pattern {
        switch element {
        case .literal(let literal):
            for expected in literal {
                guard offset < characters.count, characters[offset] == expected else {
                    return .failure(unexpected("'\(literal)'"))
                }
                offset += 1
            }
        case .comma:
            skipSpaces()
            guard offset < characters.count, characters[offset] == "," else { return .failure(unexpected("','")) }
            offset += 1
            skipSpaces()
        case .field(let name, let range):
            let start = offset
            while offset < characters.count, characters[offset].isASCII, characters[offset].isNumber { offset += 1 }
            let digits = String(characters[start..<offset])
            guard !digits.isEmpty else {
                offset = start
                return .failure(unexpected("a number for \(name)"))
            }
            guard digits == "0" || !digits.hasPrefix("0") else {
                offset = start
                return .failure(unexpected("a number for \(name) without leading zeros"))
            }
            guard let value = Int(digits), range.contains(value) else {
                return .failure(
                    .outOfRange(offset: start, field: name, value: Int(digits) ?? Int.max, range: range))
            }
            values.append(UInt8(value))
        }
    }
    guard offset == characters.count else { return .failure(unexpected("the end of the encoding")) }
    return .success(values)
}
