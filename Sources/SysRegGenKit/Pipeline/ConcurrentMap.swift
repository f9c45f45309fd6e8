import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element, on every core at once; the results in the
    /// elements' order, whatever order they finish in, so that the output stays deterministic.
    ///
    /// The stages are independent per element (a view per language, a file per template, a
    /// register's part of a view), and the machine's wall time is what a user waits for.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { results, initialized in
            nonisolated(unsafe) let results = results
            withoutActuallyEscaping(transform) { transform in
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    (results.baseAddress! + index).initialize(to: transform(self[index]))
                }
            }
            initialized = count
        }
    }
}
