import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element, on every core at once; the results in the
    /// elements' order, whatever order they finish in, so that the output stays deterministic.
    ///
    /// The stages are independent per element (a view per language, a file per template, a
    /// register's part of a view), and the machine's wall time is what a user waits for. The
    /// elements go to the cores in at most `chunks` runs of consecutive ones: more runs even out
    /// elements of different cost, fewer cost less to hand out.
    func concurrentMap<Result: Sendable>(chunks: Int = 16, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let chunks = Swift.min(chunks, count)
        guard chunks > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { results, initialized in
            nonisolated(unsafe) let results = results
            withoutActuallyEscaping(transform) { transform in
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for index in count * chunk / chunks..<count * (chunk + 1) / chunks {
                        (results.baseAddress! + index).initialize(to: transform(self[index]))
                    }
                }
            }
            initialized = count
        }
    }
}

/// `first()` and `second()`, run at once on two cores.
func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { firstResult = first() } else { secondResult = second() }
            }
        }
    }
    return (firstResult!, secondResult!)
}

/// A value to free on another thread: a parsed document or a view is thousands of nodes and
/// strings freed one by one, which no later stage waits for.
///
/// Only the thread that frees it touches it, once the thread that made it holds nothing else
/// that shares its storage; the value is then freed there.
final class DiscardedValue<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) {
        self.value = value
    }

    /// Frees the value on another thread; or, when the process ends right after its run
    /// (``GeneratorPipeline/leavesDiscardedValuesToExit``), leaves it to the exit.
    func freeInBackground() {
        if GeneratorPipeline.leavesDiscardedValuesToExit {
            _ = Unmanaged.passRetained(self)
            return
        }
        DispatchQueue.global().async { self.value = nil }
    }
}
