/// The UTF-8 a render writes: finished runs, then the chunk being written.
///
/// A render appends tens of thousands of pieces of a few bytes (the kernel header's defines are
/// four each); through an array's `append(contentsOf:)` each paid for its generic copy, its
/// capacity and uniqueness checks and its count update, 5.5M instructions for the header. Here
/// the chunk is an array whose bytes are all its own, of which the first ``used`` are written:
/// an append is a bounds check and one copy. A full chunk is not copied into a larger one but
/// kept as a run, and the writing goes on in a new chunk.
struct RenderOutput {
    /// The text before the chunk, run after run.
    private var runs: [ArraySlice<UInt8>] = []
    /// The number of bytes in ``runs``.
    private var runsCount = 0
    /// The chunk written into; only its first ``used`` bytes are text.
    private var chunk: [UInt8]
    /// The bytes written into ``chunk``.
    private var used = 0

    /// An empty output whose first chunk has room for `capacity` bytes.
    init(capacity: Int) {
        chunk = Self.chunk(capacity)
    }

    /// An array of `capacity` zero bytes to write into: zeroed rather than claimed initialized
    /// without being set, which `Array(unsafeUninitializedCapacity:)` does not allow; a 64 KiB
    /// chunk costs a `memset` of a few thousand instructions.
    private static func chunk(_ capacity: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: capacity)
    }

    /// The number of bytes written.
    var count: Int { runsCount + used }

    /// The byte `distance` bytes before the end (1 is the last); `nil` when fewer were written.
    func byte(fromEnd distance: Int) -> UInt8? {
        if distance <= used { return chunk[used - distance] }
        var remaining = distance - used
        for run in runs.reversed() {
            if remaining <= run.count { return run[run.endIndex - remaining] }
            remaining -= run.count
        }
        return nil
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        if used + length > chunk.count { startChunk(room: length) }
        let offset = used
        chunk.withUnsafeMutableBufferPointer { target in
            target.baseAddress.map { ($0 + offset).update(from: source, count: length) }
        }
        used = offset + length
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the UTF-8 of `text`.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `byte`.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if used == chunk.count { startChunk(room: 1) }
        chunk[used] = byte
        used += 1
    }

    /// Appends `text`'s runs as runs of their own, sharing their storage.
    mutating func append(_ text: RenderedText) {
        guard text.count > 0 else { return }
        finishChunk()
        runs += text.runs
        runsCount += text.count
        // What follows is what a template adds after a list: a few lines.
        chunk = Self.chunk(1 << 12)
    }

    /// Removes the last `length` bytes, which the last append wrote.
    mutating func removeLast(_ length: Int) {
        used -= length
    }

    /// Everything written, as runs.
    func finished() -> RenderedText {
        RenderedText(runs: runs + [chunk[..<used]])
    }

    /// The size of a chunk after the first. Chunks are not copied when full, so a larger one
    /// would save nothing but a few runs; a smaller one wastes fewer zeroed pages past the end
    /// of the text (each fresh page costs a page fault, about 4 µs here).
    static let chunkSize = 1 << 14

    /// Keeps the chunk's text as a run and writes on into a new chunk, with room for `room` bytes
    /// at least: an append is never cut between two chunks.
    private mutating func startChunk(room: Int) {
        finishChunk()
        chunk = Self.chunk(max(Self.chunkSize, room))
    }

    /// Moves the chunk's text to ``runs``.
    private mutating func finishChunk() {
        if used > 0 {
            runs.append(chunk[..<used])
            runsCount += used
        }
        used = 0
    }
}
