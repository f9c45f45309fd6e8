// Storage words for a generated `RegisterValues` type: fixed runs of 64 and 8 words, in order.
//
// A generated module stores its registers' words in these rather than in a stored property per
// register: the compiler emits a getter, a setter and a coroutine for each stored property, so
// one property per register made those functions most of a large module's build time, while
// these are compiled once, here (docs/benchmarks.md, part 16). Each is only words, laid out in
// declaration order, so word `n` of a run is at byte `8 * n`.

/// Sixty-four words: the runs that hold most of a large register set.
@frozen
public struct Words64: BitwiseCopyable, Sendable {
    /// Word 0.
    public var w0: UInt64 = 0
    /// Word 1.
    public var w1: UInt64 = 0
    /// Word 2.
    public var w2: UInt64 = 0
    /// Word 3.
    public var w3: UInt64 = 0
    /// Word 4.
    public var w4: UInt64 = 0
    /// Word 5.
    public var w5: UInt64 = 0
    /// Word 6.
    public var w6: UInt64 = 0
    /// Word 7.
    public var w7: UInt64 = 0
    /// Word 8.
    public var w8: UInt64 = 0
    /// Word 9.
    public var w9: UInt64 = 0
    /// Word 10.
    public var w10: UInt64 = 0
    /// Word 11.
    public var w11: UInt64 = 0
    /// Word 12.
    public var w12: UInt64 = 0
    /// Word 13.
    public var w13: UInt64 = 0
    /// Word 14.
    public var w14: UInt64 = 0
    /// Word 15.
    public var w15: UInt64 = 0
    /// Word 16.
    public var w16: UInt64 = 0
    /// Word 17.
    public var w17: UInt64 = 0
    /// Word 18.
    public var w18: UInt64 = 0
    /// Word 19.
    public var w19: UInt64 = 0
    /// Word 20.
    public var w20: UInt64 = 0
    /// Word 21.
    public var w21: UInt64 = 0
    /// Word 22.
    public var w22: UInt64 = 0
    /// Word 23.
    public var w23: UInt64 = 0
    /// Word 24.
    public var w24: UInt64 = 0
    /// Word 25.
    public var w25: UInt64 = 0
    /// Word 26.
    public var w26: UInt64 = 0
    /// Word 27.
    public var w27: UInt64 = 0
    /// Word 28.
    public var w28: UInt64 = 0
    /// Word 29.
    public var w29: UInt64 = 0
    /// Word 30.
    public var w30: UInt64 = 0
    /// Word 31.
    public var w31: UInt64 = 0
    /// Word 32.
    public var w32: UInt64 = 0
    /// Word 33.
    public var w33: UInt64 = 0
    /// Word 34.
    public var w34: UInt64 = 0
    /// Word 35.
    public var w35: UInt64 = 0
    /// Word 36.
    public var w36: UInt64 = 0
    /// Word 37.
    public var w37: UInt64 = 0
    /// Word 38.
    public var w38: UInt64 = 0
    /// Word 39.
    public var w39: UInt64 = 0
    /// Word 40.
    public var w40: UInt64 = 0
    /// Word 41.
    public var w41: UInt64 = 0
    /// Word 42.
    public var w42: UInt64 = 0
    /// Word 43.
    public var w43: UInt64 = 0
    /// Word 44.
    public var w44: UInt64 = 0
    /// Word 45.
    public var w45: UInt64 = 0
    /// Word 46.
    public var w46: UInt64 = 0
    /// Word 47.
    public var w47: UInt64 = 0
    /// Word 48.
    public var w48: UInt64 = 0
    /// Word 49.
    public var w49: UInt64 = 0
    /// Word 50.
    public var w50: UInt64 = 0
    /// Word 51.
    public var w51: UInt64 = 0
    /// Word 52.
    public var w52: UInt64 = 0
    /// Word 53.
    public var w53: UInt64 = 0
    /// Word 54.
    public var w54: UInt64 = 0
    /// Word 55.
    public var w55: UInt64 = 0
    /// Word 56.
    public var w56: UInt64 = 0
    /// Word 57.
    public var w57: UInt64 = 0
    /// Word 58.
    public var w58: UInt64 = 0
    /// Word 59.
    public var w59: UInt64 = 0
    /// Word 60.
    public var w60: UInt64 = 0
    /// Word 61.
    public var w61: UInt64 = 0
    /// Word 62.
    public var w62: UInt64 = 0
    /// Word 63.
    public var w63: UInt64 = 0

    /// Every word 0.
    @inlinable
    public init() {}
}

/// Eight words: the runs after the last full run of 64.
@frozen
public struct Words8: BitwiseCopyable, Sendable {
    /// Word 0.
    public var w0: UInt64 = 0
    /// Word 1.
    public var w1: UInt64 = 0
    /// Word 2.
    public var w2: UInt64 = 0
    /// Word 3.
    public var w3: UInt64 = 0
    /// Word 4.
    public var w4: UInt64 = 0
    /// Word 5.
    public var w5: UInt64 = 0
    /// Word 6.
    public var w6: UInt64 = 0
    /// Word 7.
    public var w7: UInt64 = 0

    /// Every word 0.
    @inlinable
    public init() {}
}
