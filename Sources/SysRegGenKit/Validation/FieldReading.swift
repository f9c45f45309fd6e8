/// A shared layout entry as read (an entry of `registers` with `layout:` instead of `name:`).
struct LayoutEntry {
    var name: Located<String>?
    var prefixed: [PrefixedLayout]
    var layout: FieldLayout?
    /// True when no field of the entry had an error.
    var isValid: Bool

    /// The layout, when the entry is valid.
    var sharedLayout: SharedLayout? {
        guard isValid, let name else { return nil }
        return SharedLayout(name: name, prefixed: prefixed, layout: layout)
    }
}

/// A register's `fields` as read: its own list, or the name of a shared layout.
enum FieldsEntry {
    case own(FieldLayout)
    case shared(Located<String>)
}

extension RegisterFileValidator {
    /// The keys that give a field's bits, one per kind.
    static let fieldKindKeys = FieldKind.allCases.map(\.rawValue)
    /// `FieldKind.allCases`, built once: it is a new array on each use.
    private static let fieldKinds = FieldKind.allCases

    /// Reads `- layout: NAME` with its `fields` and `prefixed`.
    static func readLayout(_ node: YAMLNode, _ reader: inout NodeReader) -> LayoutEntry? {
        let errorsBefore = reader.diagnostics.count
        guard
            let fields = reader.fields(of: node, "a shared layout", .sharedLayout)
        else { return nil }
        let name = fields["layout"].flatMap { identifier($0, "a layout name", &reader) }
        let owner = name?.value ?? "?"
        let prefixed = fields["prefixed"].flatMap { readPrefixed($0, owner: owner, &reader) } ?? []
        var layout: FieldLayout?
        if let list = fields["fields"] {
            if list.sequence == nil {
                reader.error(
                    "the 'fields' of a shared layout must be a sequence of fields", at: reader.location(of: list))
            } else {
                layout = readFieldList(list, owner: owner, &reader)
            }
        } else if prefixed.isEmpty {
            reader.error("shared layout '\(owner)' has neither 'fields' nor 'prefixed'", at: reader.location(of: node))
        }
        _ = fields["doc"].flatMap { oneLine($0, &reader) }
        return LayoutEntry(
            name: name, prefixed: prefixed, layout: layout, isValid: reader.diagnostics.count == errorsBefore)
    }

    /// A register's `fields`: a sequence of fields, or the name of a shared layout.
    static func readFieldsEntry(_ node: YAMLNode, owner: String, _ reader: inout NodeReader) -> FieldsEntry? {
        if node.text != nil {
            return identifier(node, "a layout name", &reader).map { .shared($0) }
        }
        guard node.sequence != nil else {
            reader.error(
                "'fields' must be a sequence of fields or the name of a shared layout", at: reader.location(of: node))
            return nil
        }
        return readFieldList(node, owner: owner, &reader).map { .own($0) }
    }

    /// `prefixed`: a sequence of `{prefix: FEAT_x, fields: [...]}`.
    static func readPrefixed(_ node: YAMLNode, owner: String, _ reader: inout NodeReader) -> [PrefixedLayout]? {
        guard let items = reader.sequence(node, "'prefixed'") else { return nil }
        var result: [PrefixedLayout] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let fields = reader.fields(of: item, "a prefixed layout", .prefixedLayout) else {
                continue
            }
            let prefix = fields["prefix"].flatMap { identifier($0, "a prefix", &reader) }
            let list = fields["fields"].flatMap { node -> FieldLayout? in
                guard node.sequence != nil else {
                    reader.error(
                        "the 'fields' of a prefixed layout must be a sequence of fields", at: reader.location(of: node))
                    return nil
                }
                return readFieldList(node, owner: "\(prefix?.value ?? "?") \(owner)", &reader)
            }
            guard let prefix, let list else { continue }
            if let earlier = seen[prefix.value] {
                reader.error(
                    "duplicate prefix '\(prefix.value)' in '\(owner)'", at: prefix.location,
                    notes: [.note("prefix '\(prefix.value)' is defined here", at: earlier)])
                continue
            }
            seen[prefix.value] = prefix.location
            result.append(PrefixedLayout(prefix: prefix, layout: list))
        }
        return result
    }

    /// A sequence of fields, checked as one layout: bits 63 to 0 covered once each in
    /// descending order (what the kernel's `gen-sysreg.awk` demands), names unique.
    static func readFieldList(_ node: YAMLNode, owner: String, _ reader: inout NodeReader) -> FieldLayout? {
        guard let items = reader.sequence(node, "'fields'") else { return nil }
        let errorsBefore = reader.diagnostics.count
        var fields: [Field] = []
        var next = 63
        // Once a field is out of place, the bits left over say nothing more.
        var misplaced = false
        var names = FirstSeen<TextKey, SourceLocation>(capacity: items.count)
        fields.reserveCapacity(items.count)
        for item in items {
            guard let field = readField(item, owner: owner, &reader) else { continue }
            let bits = field.bits.value
            // Worded only for a message.
            var what: String { field.name.map { "field '\($0.value)'" } ?? "\(field.kind.rawValue.uppercased()) range" }
            if next != bits.msb { misplaced = true }
            if next < 0 {
                reader.error(
                    "\(what) of '\(owner)' is past bit 0: the fields already cover bits 63 to 0",
                    at: field.bits.location)
            } else if bits.msb != next {
                reader.error(
                    "\(what) of '\(owner)' starts at bit \(bits.msb), expected \(next): fields cover bits 63 to 0 once each, in descending order",
                    at: field.bits.location)
            }
            next = bits.lsb - 1
            if let name = field.name {
                if let earlier = names.value(for: TextKey(text: name.value)) {
                    reader.error(
                        "duplicate field '\(name.value)' in '\(owner)'", at: name.location,
                        notes: [.note("field '\(name.value)' is defined here", at: earlier)])
                } else {
                    names.insert(TextKey(text: name.value), name.location)
                }
            }
            fields.append(field)
        }
        if next >= 0, !misplaced {
            reader.error(
                "the fields of '\(owner)' leave \(next == 0 ? "bit" : "bits") \(BitRange(msb: next, lsb: 0).text) undescribed: fields cover bits 63 to 0",
                at: reader.location(of: node))
        }
        return reader.diagnostics.count == errorsBefore ? FieldLayout(fields: fields) : nil
    }

    /// One field: exactly one kind key giving its bits, and `name`, `signed`, `values` as its kind allows.
    private static func readField(_ node: YAMLNode, owner: String, _ reader: inout NodeReader) -> Field? {
        guard
            let fields = reader.fields(of: node, "a field", .field)
        else { return nil }
        // One pass over the entries finds the kinds present (the first two, in the order of
        // `FieldKind.allCases`, are then looked up) and where `name`, `signed` and `values` are,
        // rather than a search of the entries per key.
        var present: UInt32 = 0
        var (namePosition, signedPosition, valuesPosition): (Int?, Int?, Int?)
        let entries = fields.entries
        // The keys a field accepts: the kinds' first, then `name`, `signed` and `values`.
        let keys = InputMapping.field.keys.optional
        for position in entries.indices {
            // Compared as bytes: `FieldKind(rawValue:)` searches a table of its cases for
            // every key of every field.
            switch entries.keyPlace(at: position, in: keys) {
            case let index? where index < fieldKindKeys.count:
                if !entries.valueIsNull(at: position) { present |= 1 << index }
            case fieldKindKeys.count: namePosition = namePosition ?? position
            case fieldKindKeys.count + 1: signedPosition = signedPosition ?? position
            case fieldKindKeys.count + 2: valuesPosition = valuesPosition ?? position
            default: break
            }
        }
        // What `fields[key]` gives for the key first at `position`: its value unless YAML null.
        func value(at position: Int?) -> YAMLNode? {
            position.flatMap { entries.valueIsNull(at: $0) ? nil : entries[$0].value }
        }
        var kind: (FieldKind, YAMLNode)?
        var secondKind: FieldKind?
        for (index, candidate) in fieldKinds.enumerated() where present & 1 << index != 0 {
            guard let value = fields[candidate.rawValue] else { continue }
            if kind == nil {
                kind = (candidate, value)
            } else {
                secondKind = candidate
                break
            }
        }
        guard let (kind, bitsNode) = kind else {
            reader.error(
                "a field needs its bits under one of \(fieldKindKeys.map { "'\($0)'" }.joined(separator: ", "))",
                at: reader.location(of: node))
            return nil
        }
        if let secondKind, let second = fields.entries.first(where: { $0.key.text == secondKind.rawValue }) {
            reader.error(
                "a field has one kind, but this one has '\(kind.rawValue)' and '\(secondKind.rawValue)'",
                at: reader.location(of: second.key))
        }
        var bits: Located<BitRange>?
        if let text = reader.string(bitsNode, "the bits of a field") {
            if let range = BitRange.parse(text.value) {
                bits = Located(range, at: text.location)
            } else {
                reader.error(
                    "malformed bits '\(text.value)': the form is 'msb:lsb' or one bit, from 63 to 0, msb not below lsb",
                    at: text.location)
            }
        }
        let nameNode = value(at: namePosition)
        let name = nameNode.flatMap { identifier($0, "a field name", &reader) }
        if kind.isNamed, name == nil, nameNode == nil {
            reader.error("a '\(kind.rawValue)' needs a 'name'", at: reader.location(of: node))
        }
        if !kind.isNamed, let nameNode {
            reader.error("a '\(kind.rawValue)' range has no 'name'", at: reader.location(of: nameNode))
        }
        var signed: Bool?
        var values: [EnumValue] = []
        let (signedNode, valuesNode) = (value(at: signedPosition), value(at: valuesPosition))
        func onlyEnum(_ key: String, _ node: YAMLNode?) {
            if kind != .enum, let node { reader.error("only an 'enum' has '\(key)'", at: reader.location(of: node)) }
        }
        onlyEnum("signed", signedNode)
        onlyEnum("values", valuesNode)
        if kind == .enum {
            signed = signedNode.flatMap { reader.bool($0, "'signed'") }
            if let valuesNode, let bits {
                values = readValues(valuesNode, field: name?.value ?? "?", bits: bits.value, &reader)
            }
        }
        // A field with bits still counts for the layout's coverage, whatever else is wrong with it.
        guard let bits else { return nil }
        return Field(
            name: kind.isNamed ? name : nil, bits: bits, kind: kind, signed: signed, values: values)
    }

    /// An enumeration's `values`: a mapping from each value's name to its `0b…` value.
    private static func readValues(
        _ node: YAMLNode, field: String, bits: BitRange, _ reader: inout NodeReader
    ) -> [EnumValue] {
        guard let mapping = node.mapping else {
            reader.error(
                "'values' must be a mapping from names to values such as 'IMP: 0b0001'", at: reader.location(of: node))
            return []
        }
        var values: [EnumValue] = []
        var byValue = FirstSeen<UInt64, Located<String>>(capacity: mapping.count)
        values.reserveCapacity(mapping.count)
        for (key, valueNode) in mapping {
            guard let name = reader.string(key, "a value name"), let text = reader.string(valueNode, "a value")
            else { continue }
            // Bytes: a character that is an ASCII letter, digit or '_' is one byte.
            guard name.value.utf8.allSatisfy(isLetterDigitOrUnderscore) else {
                reader.error(
                    "value name '\(name.value)' must be ASCII letters, digits and '_'", at: name.location)
                continue
            }
            guard let value = binaryValue(text.value) else {
                reader.error(
                    "value '\(text.value)' of '\(name.value)' must be binary, such as 0b0001", at: text.location)
                continue
            }
            guard value <= bits.mask >> UInt64(bits.lsb) else {
                reader.error(
                    "value \(text.value) of '\(name.value)' does not fit the \(bits.width)-bit field '\(field)'",
                    at: text.location)
                continue
            }
            if let earlier = byValue.value(for: value) {
                reader.error(
                    "value \(text.value) of '\(name.value)' is already that of '\(earlier.value)' in '\(field)'",
                    at: text.location, notes: [.note("'\(earlier.value)' is defined here", at: earlier.location)])
                continue
            }
            byValue.insert(value, name)
            values.append(EnumValue(name: name, value: value, text: text.value))
        }
        return values
    }

    /// `0b` and 1 to 64 binary digits, as the kernel writes enumeration values.
    static func binaryValue(_ text: String) -> UInt64? {
        // Nearly every value is `0b` and binary digits, one byte each: read them as bytes.
        let binary = text.withUTF8Bytes { bytes -> UInt64? in
            guard bytes.count > 2, bytes.count <= 66, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "b")
            else { return nil }
            var value: UInt64 = 0
            for byte in bytes[2...] {
                guard byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") else { return nil }
                value = value << 1 | UInt64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        if let binary { return binary }
        guard text.hasPrefix("0b"), text.count > 2, text.count <= 66 else { return nil }
        return UInt64(text.dropFirst(2), radix: 2)
    }

    /// A `reset` value: `0x` hexadecimal, `0b` binary or decimal, within 64 bits.
    static func readReset(_ node: YAMLNode, _ reader: inout NodeReader) -> Located<UInt64>? {
        guard let text = reader.string(node, "'reset'") else { return nil }
        let digits = String(text.value.filter { $0 != "_" })
        let value: UInt64? =
            if digits.hasPrefix("0x") { UInt64(digits.dropFirst(2), radix: 16) } else if digits.hasPrefix("0b") {
                UInt64(digits.dropFirst(2), radix: 2)
            } else { UInt64(digits, radix: 10) }
        guard let value, !digits.contains("+"), !digits.contains("-") else {
            reader.error(
                "'reset' must be a 64-bit number such as 0x30D00800, not '\(text.value)'", at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }
}

/// True for an ASCII letter, digit or `_`.
func isLetterDigitOrUnderscore(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
}
