import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How one rendered file compares with what is on disk.
public enum FileState: Sendable, Equatable {
    /// The file on disk has exactly the rendered bytes.
    case upToDate
    /// The file on disk differs; it holds `current`. `editedByHand` when its body no longer
    /// matches its header's hash (or it has no header): overwriting it would lose that edit.
    /// Never for an output without a header (``RenderedFile/hasHeader``): with no hash to
    /// check, a hand edit cannot be told from a stale file, and regenerating replaces it.
    case stale(current: String, editedByHand: Bool)
    /// There is no such file on disk.
    case missing
}

/// What comparing the rendered files with the output folder found.
public struct OutputComparison: Sendable {
    /// Each rendered file with its state, in render order.
    public var files: [(file: RenderedFile, state: FileState)]
    /// Files in the folder that no template produces, in name order, each with whether it is
    /// an intact generated file (safe to remove). A file without sysreg-gen's header, whether
    /// a headerless output whose template is gone or a person's file, is never intact. A DocC
    /// catalog (a `NAME.docc` folder) is never an orphan.
    public var orphans: [(name: String, isIntact: Bool)]

    /// True when every file is up to date and there are no orphans.
    public var isUpToDate: Bool { orphans.isEmpty && files.allSatisfy { $0.state == .upToDate } }

    /// The options with which generation brings the folder up to date, as the command line
    /// spells them: `--force` when a file to replace or remove was edited by hand (or is no
    /// generated file), `--prune` when there are orphans.
    public var fixingFlags: [String] {
        let edited = files.contains { if case .stale(_, editedByHand: true) = $0.state { true } else { false } }
        let force = edited || orphans.contains { !$0.isIntact }
        return (force ? ["--force"] : []) + (orphans.isEmpty ? [] : ["--prune"])
    }
}

/// The last stage: the folder generated files are written to.
public struct OutputFolder: Sendable {
    /// The folder, as the user named it.
    public var path: String

    /// Names `path` as the output folder; nothing is read or created yet.
    public init(path: String) {
        self.path = path
    }

    /// Compares `files` with the folder's contents; reads only.
    public func compare(_ files: [RenderedFile]) -> OutputComparison {
        let reader = FileComparison()
        defer { reader.deallocate() }
        let states = files.map { file -> (RenderedFile, FileState) in
            if reader.file(location(of: file.name), holds: file.text) { return (file, .upToDate) }
            // Read whole only when it is not up to date: the diff and the hash check need it.
            guard let data = FileManager.default.contents(atPath: location(of: file.name)) else {
                return (file, .missing)
            }
            if Self.holds(data, file.text) { return (file, .upToDate) }
            let current = String(decoding: data, as: UTF8.self)
            let edited = file.hasHeader && GeneratedHeader.verify(current) != .intact
            return (file, .stale(current: current, editedByHand: edited))
        }
        let produced = Set(files.map(\.name))
        let present = FolderListing.names(in: path) ?? []
        let unproduced = present.filter { !$0.hasPrefix(".") && !produced.contains($0) && !isCatalog($0) }
        let orphans = unproduced.sorted().map { name in
            let contents = FileManager.default.contents(atPath: location(of: name)).map {
                String(decoding: $0, as: UTF8.self)
            }
            return (name, contents.map { GeneratedHeader.verify($0) == .intact } ?? false)
        }
        return OutputComparison(files: states, orphans: orphans)
    }

    /// Whether `data` is `text`.
    private static func holds(_ data: Data, _ text: RenderedText) -> Bool {
        data.count == text.count && data.elementsEqual(text.runs.lazy.joined())
    }

    /// Why writing `comparison` would lose work or leave the folder stale: files to replace or
    /// remove that were edited by hand since they were generated (or are not generated files),
    /// unless `force`; orphans, unless `prune`, since the package would go on compiling them.
    public func refusals(_ comparison: OutputComparison, force: Bool, prune: Bool) -> [Diagnostic] {
        let edited = comparison.files.compactMap { file, state -> String? in
            guard case .stale(_, editedByHand: true) = state else { return nil }
            return file.name
        }
        let editRefusals =
            force
            ? []
            : edited.map {
                Diagnostic.error(
                    "\(location(of: $0)) was edited by hand since it was generated; pass --force to overwrite it, or discard the edit",
                    at: nil)
            }
        let orphanRefusals = comparison.orphans.compactMap { orphan -> Diagnostic? in
            let path = location(of: orphan.name)
            if !prune {
                return .error("\(path) is produced by no template; pass --prune to remove it", at: nil)
            }
            guard !orphan.isIntact && !force else { return nil }
            return .error(
                "\(path) is produced by no template and is not an unedited generated file; remove it yourself or pass --force with --prune",
                at: nil)
        }
        return editRefusals + orphanRefusals
    }

    /// What writing `comparison` with `force` and `prune` discards that was not generated: a
    /// hand edit overwritten, a file removed that was not an unedited generated file.
    public func warnings(_ comparison: OutputComparison, force: Bool, prune: Bool) -> [Diagnostic] {
        guard force else { return [] }
        let overwritten = comparison.files.compactMap { file, state -> Diagnostic? in
            guard case .stale(_, editedByHand: true) = state else { return nil }
            return .warning("\(location(of: file.name)) was edited by hand; --force overwrote the edit", at: nil)
        }
        let removed = comparison.orphans.filter { prune && !$0.isIntact }.map {
            Diagnostic.warning(
                "\(location(of: $0.name)) was not an unedited generated file; --force --prune removed it", at: nil)
        }
        return overwritten + removed
    }

    /// Writes every file of `comparison` that is not up to date, each atomically: the bytes go
    /// to a temporary file in the same folder, which then replaces the old file by `rename`, so
    /// a reader or an interrupted run never sees a half-written file; no file is replaced until
    /// every one is written. With `prune`, also removes the orphans.
    ///
    /// Nothing is written or removed if there are ``refusals(_:force:prune:)``.
    public func write(_ comparison: OutputComparison, force: Bool = false, prune: Bool = false) throws(DiagnosticList) {
        let refusals = refusals(comparison, force: force, prune: prune)
        guard refusals.isEmpty else { throw DiagnosticList(refusals) }
        do {
            // The empty path is the current folder, which exists and cannot be created.
            if !path.isEmpty {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        } catch {
            throw DiagnosticList([
                .error("cannot create the output folder '\(path)': \(error.localizedDescription)", at: nil)
            ])
        }
        try replace(comparison.files.filter { $0.state != .upToDate }.map(\.file))
        for orphan in comparison.orphans where prune {
            guard unlink(location(of: orphan.name)) == 0 else {
                let reason = String(cString: strerror(errno))
                throw DiagnosticList([.error("cannot remove '\(location(of: orphan.name))': \(reason)", at: nil)])
            }
        }
    }

    /// Replaces (or creates) `files`, each atomically. Every file's bytes are on disk before the
    /// first replaces its old file, so that a write that fails (a full disk) changes nothing,
    /// and the files of one output split into parts are replaced one right after the other.
    private func replace(_ files: [RenderedFile]) throws(DiagnosticList) {
        var staged: [(temporary: String, destination: String)] = []
        /// Removes the temporary files not yet renamed, from `index` on.
        func discard(from index: Int) {
            for entry in staged[index...] { unlink(entry.temporary) }
        }
        for file in files {
            let temporary = location(of: ".\(file.name).\(getpid()).tmp")
            guard Self.create(temporary, holding: file.text) else {
                discard(from: 0)
                throw DiagnosticList([.error("cannot write '\(temporary)'", at: nil)])
            }
            staged.append((temporary, location(of: file.name)))
        }
        for (index, entry) in staged.enumerated() where rename(entry.temporary, entry.destination) != 0 {
            let reason = String(cString: strerror(errno))
            discard(from: index)
            throw DiagnosticList([.error("cannot replace '\(entry.destination)': \(reason)", at: nil)])
        }
    }

    /// Creates (or truncates) the file at `path`, readable and writable as the umask allows, and
    /// writes `text` to it run by run; false, with nothing left behind, when that fails.
    private static func create(_ path: String, holding text: RenderedText) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return false }
        var written = writeAll(descriptor, text.runs)
        written = close(descriptor) == 0 && written
        if !written { unlink(path) }
        return written
    }

    /// Writes `runs` to `descriptor` in order, as many in one `writev` as it takes.
    private static func writeAll(_ descriptor: Int32, _ runs: [ArraySlice<UInt8>]) -> Bool {
        var runs = runs[...]
        while !runs.isEmpty {
            // Well under IOV_MAX (1024 on Linux and Darwin): each run nests a call.
            let batch = runs.prefix(64)
            let result = batch.withUnsafeIOVectors { vectors in
                writev(descriptor, vectors.baseAddress, Int32(vectors.count))
            }
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            // Drops what was written: whole runs, then the front of a run written in part.
            var done = result
            while let first = runs.first, done >= first.count, !runs.isEmpty {
                done -= first.count
                runs.removeFirst()
            }
            if done > 0, let first = runs.first {
                runs[runs.startIndex] = first.dropFirst(done)
            }
        }
        return true
    }

    /// True when `name` is a DocC documentation catalog (a `NAME.docc` folder): written by hand
    /// beside the generated sources of a module, so no template produces it and it is no orphan.
    private func isCatalog(_ name: String) -> Bool {
        name.hasSuffix(".docc") && FolderListing.isFolder(location(of: name))
    }

    /// The path of the file `name` in the folder.
    public func location(of name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

extension ArraySlice<ArraySlice<UInt8>> {
    /// `body` called with an `iovec` for each run, in order; the runs stay in place.
    fileprivate func withUnsafeIOVectors<Result>(_ body: (UnsafeBufferPointer<iovec>) -> Result) -> Result {
        var vectors: [iovec] = []
        vectors.reserveCapacity(count)
        return withRuns(self[...], &vectors, body)
    }
}

/// `body` called once every run of `runs` has its bytes' address in `vectors`: each run's
/// address is valid only inside its `withUnsafeBufferPointer`, so the calls nest.
private func withRuns<Result>(
    _ runs: ArraySlice<ArraySlice<UInt8>>, _ vectors: inout [iovec], _ body: (UnsafeBufferPointer<iovec>) -> Result
) -> Result {
    guard let first = runs.first else { return vectors.withUnsafeBufferPointer(body) }
    return first.withUnsafeBufferPointer { bytes in
        vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count))
        return withRuns(runs.dropFirst(), &vectors, body)
    }
}

/// Compares files with rendered texts in place: read block by block into one buffer, reused
/// for every file, rather than each file into a fresh allocation of its size.
private struct FileComparison {
    private static let blockSize = 1 << 16
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)

    func deallocate() {
        buffer.deallocate()
    }

    /// True when the file at `path` can be read and holds exactly `text`; false otherwise,
    /// for whatever reason (the caller reads the file again to tell which).
    func file(_ path: String, holds text: RenderedText) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG),
            Int(status.st_size) == text.count
        else { return false }
        // The next bytes to compare: `position` into run `run`.
        var (run, position) = (0, 0)
        var remaining = text.count
        while remaining > 0 {
            let count = read(descriptor, buffer.baseAddress, min(Self.blockSize, remaining))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            remaining -= count
            var offset = 0
            while offset < count {
                let bytes = text.runs[run]
                let length = min(bytes.count - position, count - offset)
                let same = bytes.withUnsafeBytes { bytes in
                    memcmp(buffer.baseAddress! + offset, bytes.baseAddress! + position, length) == 0
                }
                guard same else { return false }
                offset += length
                position += length
                if position == bytes.count { (run, position) = (run + 1, 0) }
            }
        }
        // Nothing after the expected end: the size said so, unless the file grew meanwhile.
        return read(descriptor, buffer.baseAddress, 1) == 0
    }
}
