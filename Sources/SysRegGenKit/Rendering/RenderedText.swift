/// A rendered text as the runs of UTF-8 bytes it was rendered in, in order.
///
/// A view's long list renders in chunks on both cores; the chunks stay as they are, compared
/// with the file on disk and written to it run by run, rather than joined: at kernel scale each
/// join was a megabyte copied into fresh pages (about 250 page faults).
struct RenderedText: Sendable, Equatable {
    /// The bytes, run after run.
    private(set) var runs: [ArraySlice<UInt8>]
    /// The number of bytes in all runs.
    private(set) var count: Int

    /// The text of `runs`, in order.
    init(runs: [ArraySlice<UInt8>]) {
        self.runs = runs.filter { !$0.isEmpty }
        count = runs.reduce(0) { $0 + $1.count }
    }

    /// The bytes of `string`, in one run.
    init(_ string: String) {
        self.init(runs: [Array(string.utf8)[...]])
    }

    /// The text as a string.
    var string: String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for run in runs {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<offset + run.count]).initialize(from: run)
                offset += run.count
            }
            return offset
        }
    }

    /// The bytes from `start` up to `end`, sharing the runs' storage.
    func slice(_ start: Int, _ end: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var offset = 0
        for run in runs {
            let (low, high) = (max(start, offset), min(end, offset + run.count))
            if low < high { result.append(run[(run.startIndex + low - offset)..<(run.startIndex + high - offset)]) }
            offset += run.count
        }
        return result
    }

    /// Whether both hold the same bytes, however they are cut into runs.
    static func == (left: RenderedText, right: RenderedText) -> Bool {
        left.count == right.count && left.runs.lazy.joined().elementsEqual(right.runs.lazy.joined())
    }
}
