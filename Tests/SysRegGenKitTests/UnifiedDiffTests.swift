import Testing

@testable import SysRegGenKit

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test("a changed line is shown with three lines of context and diff -u's hunk header")
    func changedLine() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            unifiedDiff(from: old, to: new, oldName: "a/f", newName: "b/f") == """
                --- a/f
                +++ b/f
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test("changes far apart get separate hunks; an added last line counts from the end")
    func separateHunks() {
        let old = (1...20).map { "\($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "2\n3\n", with: "2\n") + "21\n"
        #expect(
            unifiedDiff(from: old, to: new, oldName: "a", newName: "b") == """
                --- a
                +++ b
                @@ -1,6 +1,5 @@
                 1
                 2
                -3
                 4
                 5
                 6
                @@ -18,3 +17,4 @@
                 18
                 19
                 20
                +21

                """)
    }

    @Test("a new file diffs against nothing")
    func fromEmpty() {
        #expect(unifiedDiff(from: "", to: "a\n", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n")
    }
}
