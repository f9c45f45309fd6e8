/// The kernel header view: the defines the kernel's `arch/arm64/tools/gen-sysreg.awk` prints
/// into `asm/sysreg-defs.h` for each register and shared layout of the file, in file order, so
/// that a register file imported with `import kernel-sysreg --standalone` renders the kernel's
/// own header byte for byte.
///
/// The rules are the awk script's: per register its `REG_`/`SYS_` encoding defines; per layout
/// (each `Prefix` one, then the register's own) each field's mask, shift and width (and an
/// enumeration's `_SIGNED` and values), then the `_RES0`, `_RES1` and `_UNKN` masks; a register
/// whose fields are elsewhere (`Fields`, `Mapping`) gets a comment saying where instead.
public struct KernelDefsView: TargetView {
    /// Every register and shared layout, in file order.
    public var blocks: [DefsBlockView]

    /// Builds the view of a validated register file.
    public init(_ file: RegisterFile) {
        blocks = file.entries.concurrentMap(DefsBlockView.init)
    }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["blocks": .list { $0.blocks }]
}

/// A register's or a shared layout's defines.
public struct DefsBlockView: TemplateContext {
    /// `REG_`, `SYS_` and the five `SYS_…_Op0`… defines; empty for a shared layout.
    public var encoding: [DefineView]
    /// True for a register (whose encoding defines are followed by a blank line).
    public var isRegister: Bool
    /// The layouts whose defines it prints: each `Prefix` one, then its own.
    public var layouts: [DefsLayoutView]
    /// True when its fields are described elsewhere.
    public var hasSeeAlso: Bool
    /// `/* For NAME fields see OTHER */`, when its fields are elsewhere; empty otherwise.
    public var seeAlso: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "encoding": .list { $0.encoding }, "isRegister": .flag { $0.isRegister }, "layouts": .list { $0.layouts },
        "hasSeeAlso": .flag { $0.hasSeeAlso }, "seeAlso": .text { $0.seeAlso },
    ]

    init(_ entry: FileEntry) {
        switch entry {
        case .layout(let layout):
            encoding = []
            isRegister = false
            let own = layout.layout.map { [DefsLayoutView(prefix: "", owner: layout.name.value, layout: $0)] } ?? []
            layouts = Self.prefixedLayouts(layout.prefixed, owner: layout.name.value) + own
            seeAlso = ""
        case .register(let register):
            let name = register.name.value
            let e = register.encoding.value
            let (op0, op1, crn, crm, op2) = (number(e.op0), number(e.op1), number(e.crn), number(e.crm), number(e.op2))
            var defines = DefinesWriter(bytes: 512, count: 7)
            defines.define("REG_", name)
            defines.write(e.genericName)
            defines.define("SYS_", name)
            defines.write("sys_reg(", op0, ", ", op1, ", ")
            defines.write(crn, ", ", crm, ", ", op2)
            defines.write(")")
            // `SYS_NAME_Op0`…: the name of the `SYS_NAME` define, then a suffix.
            defines.define(nameOf: 1, "_Op0")
            defines.write(op0)
            defines.define(nameOf: 1, "_Op1")
            defines.write(op1)
            defines.define(nameOf: 1, "_CRn")
            defines.write(crn)
            defines.define(nameOf: 1, "_CRm")
            defines.write(crm)
            defines.define(nameOf: 1, "_Op2")
            defines.write(op2)
            encoding = defines.views()
            isRegister = true
            let elsewhere: String? =
                if case .shared(let reference, _) = register.fields { reference.value } else {
                    register.aliasOf?.value ?? register.fieldsSee?.value
                }
            var layouts = Self.prefixedLayouts(register.prefixed, owner: name)
            if elsewhere == nil {
                let own = register.fields?.layout ?? FieldLayout(fields: [])
                layouts.append(DefsLayoutView(prefix: "", owner: name, layout: own))
            }
            self.layouts = layouts
            seeAlso = elsewhere.map { "/* For \(name) fields see \($0) */" } ?? ""
        }
        hasSeeAlso = !seeAlso.isEmpty
    }

    private static func prefixedLayouts(_ prefixed: [PrefixedLayout], owner: String) -> [DefsLayoutView] {
        prefixed.map { DefsLayoutView(prefix: $0.prefix.value, owner: owner, layout: $0.layout) }
    }
}

/// One layout's defines: each named field's, then the reserved masks.
public struct DefsLayoutView: TemplateContext {
    /// Each named field's defines, a field a group.
    public var fields: [DefsFieldView]
    /// `_RES0`, `_RES1` and `_UNKN`.
    public var reserved: [DefineView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "fields": .list { $0.fields }, "reserved": .list { $0.reserved },
    ]

    /// The defines of `layout`, named `PREFIX_OWNER_…`, or `OWNER_…` when `prefix` is empty.
    init(prefix: String, owner: String, layout: FieldLayout) {
        let stem = prefix.isEmpty ? owner : "\(prefix)_\(owner)"
        var fields: [DefsFieldView] = []
        fields.reserveCapacity(layout.fields.count)
        for field in layout.fields where field.kind == .field || field.kind == .enum {
            fields.append(DefsFieldView(stem: stem, field: field))
        }
        self.fields = fields
        var defines = DefinesWriter(bytes: 256, count: 3)
        // The awk script accumulates `UL(0) | GENMASK_ULL(msb, lsb) | …` in file order.
        func masks(_ suffix: String, _ kind: FieldKind) {
            defines.define(stem, suffix)
            defines.write("(UL(0)")
            for field in layout.fields where field.kind == kind {
                let bits = field.bits.value
                defines.write(" | GENMASK_ULL(", number(bits.msb), ", ", number(bits.lsb), ")")
            }
            defines.write(")")
        }
        masks("_RES0", .res0)
        masks("_RES1", .res1)
        masks("_UNKN", .unkn)
        reserved = defines.views()
    }
}

/// One named field's defines: mask, shift, width, and an enumeration's sign and values.
public struct DefsFieldView: TemplateContext {
    /// Its defines, in the awk script's order.
    public var defines: [DefineView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = ["defines": .list { $0.defines }]

    init(stem: String, field: Field) {
        let name = field.name?.value ?? ""
        let bits = field.bits.value
        let (msb, lsb) = (number(bits.msb), number(bits.lsb))
        // Room for every define at once: a buffer that grows leaves the smaller one alive (the
        // defines written before hold it), and most fields' defines passed a fixed 256 bytes.
        // A name pads to 48 columns; the longest value of the first four is `GENMASK(63, 60)`.
        let nameLength = stem.utf8.count + 1 + name.utf8.count
        let count = 4 + (field.signed == nil ? 0 : 1)
        var bytes = count * (max(48, nameLength + 7) + 16)
        for value in field.values {
            bytes += max(48, nameLength + 1 + value.name.value.utf8.count) + value.text.utf8.count + 4
        }
        var defines = DefinesWriter(bytes: bytes, count: count + field.values.count)
        defines.define(stem, "_", name)
        defines.write("GENMASK(", msb, ", ", lsb, ")")
        // The others are named as the first, then a suffix.
        defines.define(nameOf: 0, "_MASK")
        defines.write(valueOf: 0)
        defines.define(nameOf: 0, "_SHIFT")
        defines.write(lsb)
        defines.define(nameOf: 0, "_WIDTH")
        defines.write(number(bits.width))
        if let signed = field.signed {
            defines.define(nameOf: 0, "_SIGNED")
            defines.write(signed ? "true" : "false")
        }
        for value in field.values {
            defines.define(nameOf: 0, "_", value.name.value)
            defines.write("UL(", value.text, ")")
        }
        self.defines = defines.views()
    }
}

/// `#define NAME<padding>VALUE`: the value in the column the kernel's header aligns it to.
///
/// Its name, padding and value are one run of UTF-8 in a buffer it shares with the other
/// defines of its group (``DefinesWriter``), which its keys append to the output as they are:
/// the kernel header is 15,000 defines, which as three strings each were as many allocations,
/// UTF-8 checks and reference counts, made, read and freed one by one.
public struct DefineView: TemplateContext {
    /// The group's buffer.
    let text: DefinesText
    /// Where its name starts, where its padding and its value start, and where it ends, in `text`.
    let start: Int, paddingStart: Int, valueStart: Int, end: Int

    /// The macro's name.
    public var name: String { text.string(start, paddingStart) }
    /// Spaces that bring `#define NAME` to 56 columns (none when it is longer), as the awk
    /// script's `printf "%-56s%s\n"` does.
    public var padding: String { text.string(paddingStart, valueStart) }
    /// The macro's body.
    public var value: String { text.string(valueStart, end) }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .utf8 { $0.text.append($0.start, $0.paddingStart, to: &$1) },
        "padding": .utf8 { $0.text.append($0.paddingStart, $0.valueStart, to: &$1) },
        "value": .utf8 { $0.text.append($0.valueStart, $0.end, to: &$1) },
    ]
}

/// The names, paddings and values of a group of defines, in UTF-8, one after the other in one
/// allocation, which each define's view keeps.
///
/// Only its ``DefinesWriter`` writes it, before it makes any view of it; after, it is read only,
/// from any thread.
struct DefinesText: @unchecked Sendable {
    private let buffer: ManagedBuffer<Void, UInt8>

    /// A buffer of `capacity` bytes, none written.
    init(capacity: Int) {
        buffer = .create(minimumCapacity: capacity) { _ in }
    }

    /// Calls `body` with the address of the first byte.
    func withBytes<Result>(_ body: (UnsafeMutablePointer<UInt8>) -> Result) -> Result {
        buffer.withUnsafeMutablePointerToElements(body)
    }

    /// Appends the bytes from `start` up to `end` to `output`.
    func append(_ start: Int, _ end: Int, to output: inout RenderOutput) {
        withBytes { output.append(UnsafeBufferPointer(start: $0 + start, count: end - start)) }
    }

    /// The bytes from `start` up to `end`, as a string.
    func string(_ start: Int, _ end: Int) -> String {
        withBytes { String(decoding: UnsafeBufferPointer(start: $0 + start, count: end - start), as: UTF8.self) }
    }
}

/// Writes a group of defines (a register's encoding, a field's, a layout's reserved masks)
/// into one buffer, which their views share.
///
/// ``define(_:_:_:_:_:)`` starts a define with its name and padding; ``write(_:_:_:_:_:)``
/// appends to its value.
struct DefinesWriter {
    /// The buffer written; replaced by a larger one when full.
    private var text: DefinesText
    /// The bytes ``text`` has room for.
    private var capacity: Int
    /// The bytes written.
    private var count = 0
    /// The views of the defines written before the one being written.
    private var finished: [DefineView] = []
    /// Where the define being written starts, and where its padding and value start.
    private var current: (start: Int, paddingStart: Int, valueStart: Int)?

    /// A writer with room for `bytes` bytes and `count` defines.
    init(bytes: Int, count: Int) {
        capacity = max(bytes, 64)
        text = DefinesText(capacity: capacity)
        finished.reserveCapacity(count)
    }

    /// Starts a define named `a` to `e`, its value empty.
    mutating func define(_ a: String, _ b: String = "", _ c: String = "", _ d: String = "", _ e: String = "") {
        finishDefine()
        let start = count
        write(a, b, c, d, e)
        pad(nameFrom: start)
    }

    /// Starts a define named as the group's define at `index` (one started before this one),
    /// then `suffix` and `more`, its value empty.
    mutating func define(nameOf index: Int, _ suffix: String, _ more: String = "") {
        finishDefine()
        let start = count
        copy(finished[index].start, finished[index].paddingStart)
        write(suffix, more)
        pad(nameFrom: start)
    }

    /// Appends the value of the group's define at `index` (one started before the one being
    /// written) to the value of the define started last.
    mutating func write(valueOf index: Int) {
        copy(finished[index].valueStart, finished[index].end)
    }

    /// Pads the name written from `start` up to here, and starts the define's value.
    private mutating func pad(nameFrom start: Int) {
        let paddingStart = count
        let length = text.withBytes { base in
            let name = UnsafeBufferPointer(start: base + start, count: paddingStart - start)
            // An ASCII name (every C name) has a character per byte; another is counted in
            // Characters.
            return name.reduce(0, |) < 0x80 ? name.count : String(decoding: name, as: UTF8.self).count
        }
        let padding = max(0, 48 - length)
        reserve(padding)
        text.withBytes { ($0 + count).initialize(repeating: UInt8(ascii: " "), count: padding) }
        count += padding
        current = (start, paddingStart, count)
    }

    /// Appends `a` to `e` to the value of the define started last.
    mutating func write(_ a: String, _ b: String = "", _ c: String = "", _ d: String = "", _ e: String = "") {
        write(a)
        if !b.isEmpty { write(b) }
        if !c.isEmpty { write(c) }
        if !d.isEmpty { write(d) }
        if !e.isEmpty { write(e) }
    }

    /// The views of the defines written, in order.
    mutating func views() -> [DefineView] {
        finishDefine()
        return finished
    }

    /// Appends the UTF-8 of `part` in one copy: through an array's `append(contentsOf:)`, a
    /// part of a few bytes cost several times more.
    private mutating func write(_ part: String) {
        let written: Void? = part.utf8.withContiguousStorageIfAvailable { source in
            guard let from = source.baseAddress else { return }
            reserve(source.count)
            text.withBytes { ($0 + count).initialize(from: from, count: source.count) }
            count += source.count
        }
        // A string not stored as UTF-8 (none the model holds on Linux) is converted first.
        if written == nil { write(String(decoding: Array(part.utf8), as: UTF8.self)) }
    }

    /// Appends the bytes written from `start` up to `end`.
    private mutating func copy(_ start: Int, _ end: Int) {
        reserve(end - start)
        text.withBytes { ($0 + count).initialize(from: $0 + start, count: end - start) }
        count += end - start
    }

    /// Makes room for `bytes` more bytes.
    @inline(__always)
    private mutating func reserve(_ bytes: Int) {
        if count + bytes > capacity { grow(count + bytes) }
    }

    /// Moves the bytes so far to a buffer of at least `bytes` bytes, and twice as large.
    private mutating func grow(_ bytes: Int) {
        capacity = max(bytes, 2 * capacity)
        let larger = DefinesText(capacity: capacity)
        text.withBytes { old in
            larger.withBytes { $0.initialize(from: old, count: count) }
        }
        text = larger
    }

    /// Makes the view of the define being written, if any.
    private mutating func finishDefine() {
        guard let current else { return }
        finished.append(
            DefineView(
                text: text, start: current.start, paddingStart: current.paddingStart, valueStart: current.valueStart,
                end: count))
        self.current = nil
    }
}

/// `value` in decimal: the numbers of the defines are bit positions, widths and encoding
/// fields, 0 to 64, each made once.
private func number(_ value: some BinaryInteger) -> String {
    value >= 0 && value < decimals.count ? decimals[Int(value)] : String(value)
}

/// 0 to 64 in decimal.
private let decimals = (0...64).map { String($0) }
