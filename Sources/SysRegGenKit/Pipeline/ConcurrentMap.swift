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

/// `first()` and `second()`, run at once on two cores: `first` on the calling thread,
/// `second` on another, or after `first` on this one when no other thread took it by then.
///
/// Not `DispatchQueue.concurrentPerform`: libdispatch gives a `concurrentPerform` inside
/// another one (the loader's halves inside loading the register file beside the templates,
/// the validation of entries inside it) its share of the outer one's width, on two cores
/// one thread, so that the inner work ran serially: the two halves of the kernel file were
/// parsed one after the other.
func concurrently<First, Second: Sendable>(
    _ first: () -> First, _ second: @escaping @Sendable () -> Second
) -> (First, Second) {
    let job = ClaimedJob(second)
    DispatchQueue.global().async { job.runUnlessClaimed() }
    let firstResult = first()
    job.runUnlessClaimed()
    return (firstResult, job.result())
}

/// Work that runs once, on whichever thread claims it first.
private final class ClaimedJob<Result: Sendable>: @unchecked Sendable {
    private let work: @Sendable () -> Result
    /// Taken by the thread that runs the work.
    private let claim = DispatchSemaphore(value: 1)
    /// Signalled once the result is set.
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the thread that runs the work, before ``finished`` is signalled.
    private var value: Result?
    /// Set by the thread that claims the work.
    private var claimed = false

    init(_ work: @escaping @Sendable () -> Result) {
        self.work = work
    }

    deinit {
        // libdispatch stops the process when a semaphore is freed below its initial value.
        if claimed { claim.signal() }
    }

    /// Runs the work here unless a thread has claimed it already.
    func runUnlessClaimed() {
        guard claim.wait(timeout: .now()) == .success else { return }
        claimed = true
        value = work()
        finished.signal()
    }

    /// The result, once the thread that claimed the work has it.
    func result() -> Result {
        finished.wait()
        // Only the thread that set it signals `finished`, after setting it.
        return value!
    }
}

/// A value to free on another thread: a model or a view is thousands of values and strings
/// freed one by one, which no later stage waits for.
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
