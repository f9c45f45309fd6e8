extension String {
    /// `body` applied to the text's UTF-8 bytes in one buffer.
    ///
    /// The checks of names, bits and values read bytes: one loop over a buffer, where the
    /// `UTF8View`'s own iterator decodes a small string's bytes one call at a time. Every native
    /// string, small ones included, has such a buffer; a bridged one is copied into one.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }
}
