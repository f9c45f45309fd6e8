extension String {
    /// `body` applied to the text's UTF-8 bytes in one buffer.
    ///
    /// The checks of names, bits and values read bytes: one loop over a buffer, where the
    /// `UTF8View`'s own iterator decodes a small string's bytes one call at a time. Every native
    /// string, small ones included, has such a buffer; a bridged one is copied into one.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }

    /// Whether `other` is the same text, the lengths compared first: the keys and names of a
    /// register file that differ mostly differ in length, which the string's own count answers
    /// inline, where `==` calls the standard library's out-of-line comparison for every pair
    /// that is not bit-for-bit the same.
    func isSameText(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}

/// A string key compared by ``Swift/String/isSameText(as:)``: what ``FirstSeen`` searches names by.
struct TextKey: Hashable {
    /// The text.
    let text: String

    static func == (lhs: TextKey, rhs: TextKey) -> Bool {
        lhs.text.isSameText(as: rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}
