// synth-registers: writes a synthetic register file of any size to standard output or a file.
//
//     swift run synth-registers 10000 [--seed 1] [--output registers-10k.yaml]
import Foundation
import SyntheticRegisters

let usage = "usage: synth-registers <count> [--seed <n>] [--output <file>]\n"
var arguments = CommandLine.arguments.dropFirst()
var count: Int?
var seed: UInt64 = 1
var output: String?
while let argument = arguments.popFirst() {
    switch argument {
    case "--seed":
        guard let value = arguments.popFirst().flatMap({ UInt64($0) }) else { fail("--seed needs a number") }
        seed = value
    case "--output":
        guard let value = arguments.popFirst() else { fail("--output needs a file") }
        output = value
    case "--help", "-h":
        print(usage, terminator: "")
        exit(0)
    default:
        guard count == nil, let value = Int(argument),
            (5...SyntheticRegisterFile.maximumCount).contains(value)
        else { fail("the count must be one number in 5...\(SyntheticRegisterFile.maximumCount)") }
        count = value
    }
}
guard let count else { fail("missing the register count") }
let text = SyntheticRegisterFile.yaml(count: count, seed: seed)
if let output {
    do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(output): \(error)")
    }
} else {
    print(text, terminator: "")
}

/// Prints `message` and the usage to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("synth-registers: \(message)\n\(usage)".utf8))
    exit(2)
}
