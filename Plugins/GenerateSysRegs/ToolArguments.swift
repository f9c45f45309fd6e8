import Foundation
import PackagePlugin

/// What the plugin adds to or removes from the arguments it forwards to `sysreg-gen`.
enum ToolArguments {
    /// `arguments` without the `--target NAME` pairs Xcode passes for the targets selected in its
    /// plugin dialog: the register file belongs to the package, not to a target.
    static func droppingTargets(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--target" {
                _ = iterator.next()
            } else if !argument.hasPrefix("--target=") {
                kept.append(argument)
            }
        }
        return kept
    }

    /// The `Schemas` folder of the package that provides `sysreg-gen`: the dependency, or this
    /// package itself, found in the package graph.
    static func schemasFolder(in package: Package) -> URL? {
        var pending = [package]
        var seen: Set<Package.ID> = []
        while let candidate = pending.popLast() {
            guard seen.insert(candidate.id).inserted else { continue }
            if candidate.products(ofType: ExecutableProduct.self).contains(where: { $0.name == "sysreg-gen" }) {
                return candidate.directoryURL.appendingPathComponent("Schemas")
            }
            pending += candidate.dependencies.map(\.package)
        }
        return nil
    }
}
