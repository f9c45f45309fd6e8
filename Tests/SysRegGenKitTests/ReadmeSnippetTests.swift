import Foundation
import TestSupport
import Testing

/// One ```swift block of a Markdown file, and the Swift file it is compiled as.
///
/// The convention (README.md, "Development"): a block is the body of a function, except that
/// its top-level declarations (`import`, `struct`, `final class`, `enum`, `extension`,
/// `protocol`, `func`, with their doc comments and attributes) stay at file scope. Every block
/// sees `SysRegRuntime`, `SysRegs` and `SysRegSimulator` without importing them.
struct MarkdownSwiftBlock: CustomTestStringConvertible, Sendable {
    /// The line of the opening fence, from 1.
    var line: Int
    /// The lines between the fences.
    var lines: [String]

    var testDescription: String { "README.md:\(line)" }

    /// The modules every block can use without importing them.
    static let implicitImports = ["SysRegRuntime", "SysRegs", "SysRegSimulator"]

    /// Every ```swift block of `markdown`, in order.
    static func blocks(in markdown: String) -> [Self] {
        var blocks: [Self] = []
        var open: Self?
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var block = open {
                if line.hasPrefix("```") {
                    blocks.append(block)
                    open = nil
                } else {
                    block.lines.append(String(line))
                    open = block
                }
            } else if line == "```swift" {
                open = Self(line: index + 1, lines: [])
            }
        }
        return blocks
    }

    /// The block as a Swift file: its declarations at file scope, the rest in `function`.
    func source(function: String) -> String {
        let declarationStarts = [
            "import ", "struct ", "final class ", "class ", "enum ", "extension ", "protocol ", "func ", "@",
        ]
        var declarations: [String] = []
        var body: [String] = []
        var comments: [String] = []
        var depth = 0
        var inDeclaration = false
        for line in lines {
            if inDeclaration {
                declarations.append(line)
            } else if line.hasPrefix("///") {
                comments.append(line)
                continue
            } else if declarationStarts.contains(where: line.hasPrefix) {
                inDeclaration = true
                declarations += comments + [line]
            } else {
                body += comments + [line]
            }
            comments = []
            if inDeclaration {
                depth += line.filter { "({[".contains($0) }.count - line.filter { ")}]".contains($0) }.count
                // A declaration ends where its brackets close, or on its own line if it has none;
                // an attribute line (`@inlinable`) belongs to the line after it.
                if depth == 0 && !line.hasPrefix("@") { inDeclaration = false }
            }
        }
        body += comments
        let imports = Self.implicitImports.map { "import \($0)" }
        return (imports + declarations + ["func \(function)() throws {"] + body + ["}", ""]).joined(separator: "\n")
    }
}

@Suite("The README's Swift examples")
struct ReadmeSnippetTests {
    static let blocks = MarkdownSwiftBlock.blocks(in: (try? contents(of: packagePath("README.md"))) ?? "")

    /// The runtime, the checked-in generated code and the simulator, as modules in `folder`.
    static func modules(in folder: String) throws -> SwiftBuild {
        let build = try SwiftBuild(folder: URL(fileURLWithPath: folder))
        for (module, directory) in [
            ("SysRegRuntime", "Sources/SysRegRuntime"), ("SysRegs", "Generated"),
            ("SysRegSimulator", "Sources/SysRegSimulator"),
        ] {
            try build.module(
                module, sources: SwiftBuild.swiftFiles(in: packageRoot.appendingPathComponent(directory)),
                linkable: false)
        }
        return build
    }

    @Test(
        "every ```swift block of README.md compiles against the runtime, the generated code and the simulator",
        .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
    func readmeBlocksCompile() throws {
        #expect(Self.blocks.count >= 3, "README.md has its examples")
        try withTemporaryFolder { folder in
            let build = try Self.modules(in: folder)
            for (index, block) in Self.blocks.enumerated() {
                let file = folder + "/readme\(block.line).swift"
                try write(block.source(function: "readmeBlock\(index)"), to: file)
                #expect(throws: Never.self, "\(block.testDescription)") { try build.typecheck([file]) }
            }
        }
    }

    @Test("a block is a function body with its declarations at file scope")
    func blockSource() {
        let markdown = """
            text
            ```swift
            /// A CPU.
            struct CPU: SystemRegisterCPU {
                func read(_ encoding: SystemRegisterEncoding) -> UInt64 { 0 }
            }
            let cpu = CPU()
            @inlinable
            func f() {}
            ```
            ```sh
            swift test
            ```
            """
        let blocks = MarkdownSwiftBlock.blocks(in: markdown)
        #expect(blocks.map(\.line) == [2])
        #expect(
            blocks.first?.source(function: "g") == """
                import SysRegRuntime
                import SysRegs
                import SysRegSimulator
                /// A CPU.
                struct CPU: SystemRegisterCPU {
                    func read(_ encoding: SystemRegisterEncoding) -> UInt64 { 0 }
                }
                @inlinable
                func f() {}
                func g() throws {
                let cpu = CPU()
                }

                """)
    }

    @Test(
        "a block that does not compile fails, with the compiler's message",
        .enabled(if: Toolchain.tool("swiftc") != nil || Toolchain.isCI, "needs the toolchain's swiftc"))
    func brokenBlockFails() throws {
        try withTemporaryFolder { folder in
            let build = try SwiftBuild(folder: URL(fileURLWithPath: folder))
            try build.module(
                "SysRegRuntime",
                sources: SwiftBuild.swiftFiles(in: packageRoot.appendingPathComponent("Sources/SysRegRuntime")),
                linkable: false)
            let block = MarkdownSwiftBlock(line: 1, lines: ["let sctlr = cpu.read(.SCTLR_EL1)"])
            let source = block.source(function: "broken").replacingOccurrences(
                of: "import SysRegs\nimport SysRegSimulator\n", with: "")
            try write(source, to: folder + "/broken.swift")
            let error = try #require(throws: ToolError.self) { try build.typecheck([folder + "/broken.swift"]) }
            #expect(error.message.contains("error: cannot find 'cpu' in scope"))
        }
    }
}
