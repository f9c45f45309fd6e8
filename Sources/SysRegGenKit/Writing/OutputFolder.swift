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
    /// The file on disk differs; it holds `current`.
    case stale(current: String)
    /// There is no such file on disk.
    case missing
}

/// What comparing the rendered files with the output folder found.
public struct OutputComparison: Sendable {
    /// Each rendered file with its state, in render order.
    public var files: [(file: RenderedFile, state: FileState)]
    /// Files in the folder that no template produces, in name order.
    public var orphans: [String]

    /// True when every file is up to date and there are no orphans.
    public var isUpToDate: Bool { orphans.isEmpty && files.allSatisfy { $0.state == .upToDate } }
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
        let states = files.map { file -> (RenderedFile, FileState) in
            guard let data = FileManager.default.contents(atPath: location(of: file.name)) else {
                return (file, .missing)
            }
            let current = String(decoding: data, as: UTF8.self)
            return (file, data == Data(file.contents.utf8) ? .upToDate : .stale(current: current))
        }
        let produced = Set(files.map(\.name))
        let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let orphans = present.filter { !$0.hasPrefix(".") && !produced.contains($0) }.sorted()
        return OutputComparison(files: states, orphans: orphans)
    }

    /// Writes every file of `comparison` that is not up to date, each atomically: the bytes go
    /// to a temporary file in the same folder, which then replaces the old file by `rename`, so
    /// a reader or an interrupted run never sees a half-written file.
    public func write(_ comparison: OutputComparison) throws(DiagnosticList) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticList([
                .error("cannot create the output folder '\(path)': \(error.localizedDescription)", at: nil)
            ])
        }
        for (file, state) in comparison.files where state != .upToDate {
            let destination = location(of: file.name)
            let temporary = location(of: ".\(file.name).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temporary, contents: Data(file.contents.utf8)) else {
                throw DiagnosticList([.error("cannot write '\(temporary)'", at: nil)])
            }
            guard rename(temporary, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw DiagnosticList([.error("cannot replace '\(destination)': \(reason)", at: nil)])
            }
        }
    }

    /// The path of the file `name` in the folder.
    public func location(of name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}
