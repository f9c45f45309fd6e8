/// The words Swift reserves, which the Swift view cannot use as the names it generates
/// (enum cases, static members) without backquotes.
///
/// Validation checks only that a name is an identifier, which every target language accepts;
/// which words are reserved is each language's own rule, checked by its view.
enum SwiftKeywords {
    /// Words Swift reserves in declarations, expressions and statements.
    static let all: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "_",
    ]

    /// An error for each name of `file` the Swift view would generate that is a keyword, at the
    /// name's place, in file order.
    static func uses(in file: RegisterFile) -> [Diagnostic] {
        let groups = file.groups.map { ("a group name", $0.name) }
        // Every described register is a case of `SystemRegister`, in the context or not.
        let registers =
            file.descriptions.map { ("a register name", $0.name) }
            + file.registers.flatMap { register in
                (register.via.map { [("a register name", $0.name)] } ?? [])
                    + register.aarch32.map { ("an AArch32 name", $0.name) }
            }
        return (groups + registers).filter { all.contains($0.1.value) }.sorted { $0.1.location < $1.1.location }.map {
            what, name in
            .error("\(what) '\(name.value)' is a Swift keyword", at: name.location)
        }
    }
}
