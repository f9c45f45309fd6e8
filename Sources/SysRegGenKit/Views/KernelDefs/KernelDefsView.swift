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
            var defines = DefinesWriter(bytes: 512, count: 7)
            defines.define {
                $0.append("REG_")
                $0.append(text: name)
            }
            defines.append(text: e.genericName)
            defines.define {
                $0.append("SYS_")
                $0.append(text: name)
            }
            defines.append("sys_reg(")
            defines.append(number: e.op0)
            defines.append(", ")
            defines.append(number: e.op1)
            defines.append(", ")
            defines.append(number: e.crn)
            defines.append(", ")
            defines.append(number: e.crm)
            defines.append(", ")
            defines.append(number: e.op2)
            defines.append(")")
            // `SYS_NAME_Op0`…: the name of the `SYS_NAME` define, then a suffix.
            func encodingField(_ suffix: StaticString, _ value: UInt8) {
                defines.define {
                    $0.append(nameOf: 1)
                    $0.append(suffix)
                }
                defines.append(number: value)
            }
            encodingField("_Op0", e.op0)
            encodingField("_Op1", e.op1)
            encodingField("_CRn", e.crn)
            encodingField("_CRm", e.crm)
            encodingField("_Op2", e.op2)
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
        // By index: each field is read where the layout holds it, not copied out (with all
        // its strings' reference counts) as a `for` over the array does.
        for index in layout.fields.indices
        where layout.fields[index].kind == .field || layout.fields[index].kind == .enum {
            fields.append(DefsFieldView(stem: stem, field: layout.fields[index]))
        }
        self.fields = fields
        var defines = DefinesWriter(bytes: 256, count: 3)
        // The awk script accumulates `UL(0) | GENMASK_ULL(msb, lsb) | …` in file order.
        func masks(_ suffix: StaticString, _ kind: FieldKind) {
            defines.define {
                $0.append(text: stem)
                $0.append(suffix)
            }
            defines.append("(UL(0)")
            for index in layout.fields.indices where layout.fields[index].kind == kind {
                let bits = layout.fields[index].bits.value
                defines.append(" | GENMASK_ULL(")
                defines.append(number: bits.msb)
                defines.append(", ")
                defines.append(number: bits.lsb)
                defines.append(")")
            }
            defines.append(")")
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
        defines.define {
            $0.append(text: stem)
            $0.append("_")
            $0.append(text: name)
        }
        defines.append("GENMASK(")
        defines.append(number: bits.msb)
        defines.append(", ")
        defines.append(number: bits.lsb)
        defines.append(")")
        // The others are named as the first, then a suffix.
        func define(_ suffix: StaticString) {
            defines.define {
                $0.append(nameOf: 0)
                $0.append(suffix)
            }
        }
        define("_MASK")
        defines.append(valueOf: 0)
        define("_SHIFT")
        defines.append(number: bits.lsb)
        define("_WIDTH")
        defines.append(number: bits.width)
        if let signed = field.signed {
            define("_SIGNED")
            defines.append(signed ? "true" : "false")
        }
        for value in field.values {
            defines.define {
                $0.append(nameOf: 0)
                $0.append("_")
                $0.append(text: value.name.value)
            }
            defines.append("UL(")
            defines.append(text: value.text)
            defines.append(")")
        }
        self.defines = defines.views()
    }
}

/// Whether `bytes` are all ASCII, read eight at a time: a define's name is 20 to 50 bytes.
private func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var bits: UInt64 = 0
    var offset = 0
    while offset + 8 <= bytes.count {
        bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
    }
    while offset < bytes.count {
        bits |= UInt64(base[offset])
        offset += 1
    }
    return bits & 0x8080_8080_8080_8080 == 0
}

/// `#define NAME<padding>VALUE`: the value in the column the kernel's header aligns it to.
///
/// Its name, padding and value are one run of UTF-8 in a buffer it shares with the other
/// defines of its group (``DefinesWriter``), which its keys append to the output as they are:
/// the kernel header is 15,000 defines, which as three strings each were as many allocations,
/// UTF-8 checks and reference counts, made, read and freed one by one.
public struct DefineView: TemplateContext, @unchecked Sendable {
    /// The group's buffer, which keeps ``bytes`` alive.
    let text: DefinesText
    /// The first byte of ``text``: the keys read through it, with no reference count of `text`
    /// per key. Read only, from any thread, as `text` is.
    let bytes: UnsafePointer<UInt8>
    /// Where its name starts, where its padding and its value start, and where it ends, in
    /// `text`: 32 bits each (a group's buffer holds one register's or field's defines), which
    /// keeps each of the kernel header's 15,000 views at 32 bytes.
    private let offsets: (start: Int32, paddingStart: Int32, valueStart: Int32, end: Int32)

    var start: Int { Int(offsets.start) }
    var paddingStart: Int { Int(offsets.paddingStart) }
    var valueStart: Int { Int(offsets.valueStart) }
    var end: Int { Int(offsets.end) }

    init(text: DefinesText, start: Int, paddingStart: Int, valueStart: Int, end: Int) {
        self.text = text
        bytes = text.baseAddress
        offsets = (
            Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: paddingStart),
            Int32(truncatingIfNeeded: valueStart), Int32(truncatingIfNeeded: end)
        )
    }

    /// The macro's name.
    public var name: String { string(start, paddingStart) }
    /// Spaces that bring `#define NAME` to 56 columns (none when it is longer), as the awk
    /// script's `printf "%-56s%s\n"` does.
    public var padding: String { string(paddingStart, valueStart) }
    /// The macro's body.
    public var value: String { string(valueStart, end) }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .utf8 { $1.append($0.bytes(from: $0.start, to: $0.paddingStart)) },
        "padding": .utf8 { $1.append($0.bytes(from: $0.paddingStart, to: $0.valueStart)) },
        "value": .utf8 { $1.append($0.bytes(from: $0.valueStart, to: $0.end)) },
    ]

    /// The bytes from `start` up to `end`.
    private func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + start, count: end - start)
    }

    /// The bytes from `start` up to `end`, as a string.
    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes(from: start, to: end), as: UTF8.self)
    }
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

    /// The address of the first byte: the bytes are stored in the buffer object, which does not
    /// move.
    var baseAddress: UnsafePointer<UInt8> {
        UnsafePointer(withBytes { $0 })
    }

    /// Calls `body` with the address of the first byte.
    func withBytes<Result>(_ body: (UnsafeMutablePointer<UInt8>) -> Result) -> Result {
        buffer.withUnsafeMutablePointerToElements(body)
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

    /// Starts a define named by what `name` appends, its value empty.
    mutating func define(_ name: (inout Self) -> Void) {
        finishDefine()
        let start = count
        name(&self)
        pad(nameFrom: start)
    }

    /// Appends the name of the group's define at `index` (one started before the one being
    /// written).
    mutating func append(nameOf index: Int) {
        copy(finished[index].start, finished[index].paddingStart)
    }

    /// Appends the value of the group's define at `index` (one started before the one being
    /// written).
    mutating func append(valueOf index: Int) {
        copy(finished[index].valueStart, finished[index].end)
    }

    /// Pads the name written from `start` up to here, and starts the define's value.
    private mutating func pad(nameFrom start: Int) {
        let paddingStart = count
        let length = text.withBytes { base in
            let name = UnsafeBufferPointer(start: base + start, count: paddingStart - start)
            // An ASCII name (every C name) has a character per byte; another is counted in
            // Characters.
            return isASCII(name) ? name.count : String(decoding: name, as: UTF8.self).count
        }
        let padding = max(0, 48 - length)
        reserve(padding)
        text.withBytes { ($0 + count).initialize(repeating: UInt8(ascii: " "), count: padding) }
        count += padding
        current = (start, paddingStart, count)
    }

    /// The views of the defines written, in order.
    mutating func views() -> [DefineView] {
        finishDefine()
        return finished
    }

    /// Appends the UTF-8 of `part` in one copy: through an array's `append(contentsOf:)`, a
    /// part of a few bytes cost several times more.
    mutating func append(text part: String) {
        let written: Void? = part.utf8.withContiguousStorageIfAvailable { append(bytes: $0) }
        // A string not stored as UTF-8 (none the model holds on Linux) is converted first.
        if written == nil { append(text: String(decoding: Array(part.utf8), as: UTF8.self)) }
    }

    /// Appends `part`: the fixed parts of the defines, read with no reference count or check
    /// of a `String`'s storage.
    mutating func append(_ part: StaticString) {
        append(bytes: UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal: digits written in place, for the bit positions, widths and
    /// encoding fields (0 to 64) that are most of the numbers.
    mutating func append(number value: some BinaryInteger) {
        guard value >= 0 && value < 100 else { return append(text: String(value)) }
        let value = Int(value)
        let digits = value >= 10 ? 2 : 1
        reserve(digits)
        let end = count + digits
        text.withBytes { base in
            base[end - 1] = UInt8(ascii: "0") + UInt8(value % 10)
            if digits == 2 { base[end - 2] = UInt8(ascii: "0") + UInt8(value / 10) }
        }
        count = end
    }

    /// Appends `bytes`.
    private mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count)
        text.withBytes { ($0 + count).initialize(from: from, count: bytes.count) }
        count += bytes.count
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
