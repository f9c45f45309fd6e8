/// Renders the difference between two texts as a unified diff (`diff -u`, 3 lines of context),
/// so `--check` shows the reviewer exactly what regeneration would change.
public func unifiedDiff(from old: String, to new: String, oldName: String, newName: String, context: Int = 3) -> String
{
    let a = lines(of: old)
    let b = lines(of: new)
    let difference = b.difference(from: a)
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
        switch change {
        case .remove(let offset, _, _): removed.insert(offset)
        case .insert(let offset, _, _): inserted.insert(offset)
        }
    }
    // The edit script: each step keeps, removes or inserts one line.
    enum Step { case keep, remove, insert }
    var script: [(step: Step, a: Int, b: Int)] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
        if i < a.count, removed.contains(i) {
            script.append((.remove, i, j))
            i += 1
        } else if j < b.count, inserted.contains(j) {
            script.append((.insert, i, j))
            j += 1
        } else {
            script.append((.keep, i, j))
            i += 1
            j += 1
        }
    }
    var output = "--- \(oldName)\n+++ \(newName)\n"
    var index = 0
    while let start = script[index...].firstIndex(where: { $0.step != .keep }) {
        // Extend the hunk while the next change is within 2 × context kept lines.
        var end = start
        while let next = script[(end + 1)...].firstIndex(where: { $0.step != .keep }), next - end <= 2 * context {
            end = next
        }
        let from = max(start - context, index)
        let to = min(end + context, script.count - 1)
        let hunk = script[from...to]
        let oldCount = hunk.filter { $0.step != .insert }.count
        let newCount = hunk.filter { $0.step != .remove }.count
        let oldStart = oldCount == 0 ? hunk.first!.a : hunk.first!.a + 1
        let newStart = newCount == 0 ? hunk.first!.b : hunk.first!.b + 1
        output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
        for entry in hunk {
            switch entry.step {
            case .keep: output += " " + a[entry.a]
            case .remove: output += "-" + a[entry.a]
            case .insert: output += "+" + b[entry.b]
            }
        }
        index = to + 1
        if index >= script.count { break }
    }
    return output
}

/// The lines of `text`, each with its newline; a last line without one gets diff's marker.
private func lines(of text: String) -> [String] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
    if result.last == "\n" {
        result.removeLast()
    } else if let last = result.popLast() {
        result.append(String(last.dropLast()) + "\n\\ No newline at end of file\n")
    }
    return result
}
