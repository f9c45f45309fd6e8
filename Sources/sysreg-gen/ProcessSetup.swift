import ArgumentParser
import SysRegGenKit

#if canImport(Glibc)
    import CGlibcMalloc
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SysRegGenCommand {
    /// Sets the process up for one short run, then parses the command line and runs it.
    static func main() {
        tuneAllocator()
        // The process ends when the command returns: what the pipeline no longer needs (the
        // model, the views: thousands of small blocks) is left for the exit to reclaim rather
        // than freed block by block on the second core.
        GeneratorPipeline.leavesDiscardedValuesToExit = true
        guard let generate = Generate.reading(plainCommandLine: Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        // As `main(_:)` runs the command it parses. Generation fails with an exit code alone,
        // its problems printed already: ArgumentParser's `exit(withError:)` would build the
        // command's help to word an error (4M instructions) only to print nothing.
        do {
            try generate.run()
        } catch let code as ExitCode {
            #if canImport(Glibc)
                Glibc.exit(code.rawValue)
            #elseif canImport(Darwin)
                Darwin.exit(code.rawValue)
            #endif
        } catch {
            exit(withError: error)
        }
    }

    /// glibc's allocator set for a run that allocates in bursts, then exits.
    ///
    /// By default blocks of 128 KiB and more (the rendered outputs, each growth of them) are
    /// mapped and unmapped one by one, and freed memory at the top of the heap goes back to the
    /// system: here the heap grows 16 MiB at a time, keeps what it has and holds the large
    /// blocks too, so that memory freed is reused rather than faulted in again. (The threads
    /// keep their own arenas: sharing one makes them wait on its lock, a quarter slower.)
    private static func tuneAllocator() {
        #if canImport(Glibc)
            _ = mallopt(M_TOP_PAD, 16 << 20)
            _ = mallopt(M_TRIM_THRESHOLD, .max)
            // glibc's largest: HEAP_MAX_SIZE / 2 on 64-bit.
            _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
            backHeapWithHugePages()
        #endif
    }

    #if canImport(Glibc)
        /// Grows the main thread's heap now and asks the kernel to back it with 2 MiB pages
        /// (transparent huge pages, which Linux gives a range advised so): the main thread then
        /// takes one fault for its first 2 MiB of heap instead of about 400 of 4 KiB each, a
        /// tenth of a kernel header run's wall time (docs/benchmarks.md, part 21).
        ///
        /// A 2 MiB page replaces a block only while none of its 4 KiB pages is in use, so the
        /// heap's top is first moved up to the next 2 MiB boundary (a block allocated and never
        /// touched), then the heap is grown past two whole blocks and the grown part advised
        /// before anything writes to it. Where the kernel gives no huge pages, nothing changes.
        private static func backHeapWithHugePages() {
            let huge = 2 << 20
            let start = Int(bitPattern: sbrk(0))
            guard start > 0 else { return }
            let boundary = (start + huge - 1) & ~(huge - 1)
            // Ends a page short of the boundary (the top's header goes after it), never freed.
            let filler = boundary - start > 4096 ? malloc(boundary - start - 4096) : nil
            // Its end, where glibc writes the top's header, lies in the third block.
            let growth = malloc(3 * huge)
            // Calls the optimizer cannot see into, so that it keeps both allocations (it may
            // delete a `malloc` whose block nobody uses).
            _ = malloc_usable_size(filler) + malloc_usable_size(growth)
            free(growth)
            let end = Int(bitPattern: sbrk(0))
            guard end - boundary >= huge, let address = UnsafeMutableRawPointer(bitPattern: boundary) else { return }
            _ = madvise(address, (end - boundary) & ~(huge - 1), MADV_HUGEPAGE)
        }
    #endif
}
