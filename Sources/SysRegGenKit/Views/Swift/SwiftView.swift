import SysRegRuntime

/// The Swift view: what the templates of the SysRegs module show, as Swift expressions and
/// identifiers.
///
/// Every decision (which encoding an accessor uses, which groups a phase switches) is made
/// here, where it is tested. Building it checks that no name it generates is a Swift keyword,
/// a rule of this language only. A `doc` is the text of a doc comment without its final
/// period: the template ends the sentence.
public struct SwiftView: TargetView {
    /// Every register, in file order.
    public var registers: [RegisterView]
    /// Every group, in file order, with its registers.
    public var groups: [GroupView]
    /// The registers' words in `SysRegValues`, in runs of ``StorageChunkView/size`` and
    /// ``StorageChunkView/tailSize``.
    public var storageChunks: [StorageChunkView]
    /// Every encoding generated code names: each register's own, its EL12 alias, its `via`.
    public var encodings: [EncodingView]
    /// The deferred registers, in file order: the cases of the accessors' switch.
    public var deferredRegisters: [AccessorView]
    /// Every AArch32 counterpart, in file order (a register's in its list's order).
    public var aarch32Registers: [AArch32RegisterView]
    /// VHE, vcpu load and put: the host's groups saved at load and restored at put.
    public var vheLoadPutHost: [GroupCallView]
    /// VHE, vcpu load and put: the guest's groups restored at load and saved at put.
    public var vheLoadPutGuest: [GroupCallView]
    /// VHE, guest entry and exit: the host's groups saved at entry and restored at exit.
    public var vheEntryExitHost: [GroupCallView]
    /// VHE, guest entry and exit: the guest's groups restored at entry and saved at exit.
    public var vheEntryExitGuest: [GroupCallView]
    /// nVHE, guest entry and exit: the host's groups (all but the conditional ones).
    public var nvheHost: [GroupCallView]
    /// nVHE, guest entry and exit: the guest's groups (all of them).
    public var nvheGuest: [GroupCallView]
    /// A value type per register with fields, in file order, whether in the context or not,
    /// then one per feature-prefixed layout of that register; a register outside the context
    /// whose fields are a shared layout's has an alias of the layout's type instead.
    public var fieldTypes: [FieldTypeView]
    /// Every register the file describes, in file order, whether in the context or not: the
    /// cases of `SystemRegister`.
    public var descriptions: [DescriptionView]
    // The templates also see each enum's number of cases (`registerCount`, `groupCount`,
    // `aarch32RegisterCount`, `descriptionCount`: its `OrdinalEnum.caseCount`) and flags that
    // keep code the file does not need out of the output, since the compiler warns about it in
    // the user's module: `hasRegisters`, `hasGroups` and `hasAArch32Registers` (a body after an
    // argument of a type without values "will never be executed"), `hasImmediateRegisters` (a
    // `default` no register reaches) and `dependsOnHostMode` (a `let` never used).

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "registers": .list { $0.registers }, "groups": .list { $0.groups },
        "storageChunks": .list { $0.storageChunks }, "encodings": .list { $0.encodings },
        "deferredRegisters": .list { $0.deferredRegisters }, "aarch32Registers": .list { $0.aarch32Registers },
        "vheLoadPutHost": .list { $0.vheLoadPutHost }, "vheLoadPutGuest": .list { $0.vheLoadPutGuest },
        "vheEntryExitHost": .list { $0.vheEntryExitHost }, "vheEntryExitGuest": .list { $0.vheEntryExitGuest },
        "nvheHost": .list { $0.nvheHost }, "nvheGuest": .list { $0.nvheGuest },
        "fieldTypes": .list { $0.fieldTypes }, "descriptions": .list { $0.descriptions },
        "hasRegisters": .flag { !$0.registers.isEmpty }, "hasGroups": .flag { !$0.groups.isEmpty },
        "hasAArch32Registers": .flag { !$0.aarch32Registers.isEmpty },
        "registerCount": .text { String($0.registers.count) }, "groupCount": .text { String($0.groups.count) },
        "aarch32RegisterCount": .text { String($0.aarch32Registers.count) },
        "descriptionCount": .text { String($0.descriptions.count) },
        "hasImmediateRegisters": .flag { $0.registers.count > $0.deferredRegisters.count },
        "dependsOnHostMode": .flag { $0.groups.contains { $0.registers.contains(where: \.dependsOnHostMode) } },
    ]
}

/// One register the file describes, as the `SystemRegister` table shows it.
public struct DescriptionView: TemplateContext {
    /// The Arm ARM name, also the enum case.
    public var name: String
    /// The doc comment text without its final period, or the name when the file gives none.
    public var doc: String
    /// The generic name of its encoding (`S3_0_C0_C4_0`).
    public var genericName: String
    /// Its KVM one-reg id as a Swift literal.
    public var kvmOneRegID: String
    /// Its Hypervisor.framework `hv_sys_reg_t` as a Swift literal.
    public var hvSysReg: String
    /// `.SCTLR_EL1`, its `SysReg` case, when it is in the vcpu's context; otherwise `nil`.
    public var contextExpression: String
    /// True when it is in the vcpu's context, so `SysReg` has a case for it.
    public var inContext: Bool
    /// Its line in `SystemRegister`'s table: `SCTLR_EL1 S3_0_C1_C0_0 1`, its name, its
    /// encoding's generic name and its `SysReg` case's position (`-` when not in the context).
    public var tableRow: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "doc": .text { $0.doc }, "genericName": .text { $0.genericName },
        "kvmOneRegID": .text { $0.kvmOneRegID }, "hvSysReg": .text { $0.hvSysReg },
        "contextExpression": .text { $0.contextExpression }, "inContext": .flag { $0.inContext },
        "tableRow": .text { $0.tableRow },
    ]
}

/// One register as the register table shows it.
public struct RegisterView: TemplateContext {
    /// The Arm ARM name, also the enum case.
    public var name: String
    /// The doc comment text without its final period, or the name when the file gives none.
    public var doc: String
    /// The generic name of its encoding (`S3_0_C1_C0_0`).
    public var genericName: String
    /// `.SCTLR_EL12` or `nil`.
    public var el12Expression: String
    /// `.deferred` or `.immediate`.
    public var classExpression: String
    /// `.el1`: its group's case.
    public var groupExpression: String
    /// Its KVM one-reg id as a Swift literal: `0x6030_0000_0013_C080`.
    public var kvmOneRegID: String
    /// Its Hypervisor.framework `hv_sys_reg_t` as a Swift literal: `0xC080`.
    public var hvSysReg: String
    /// Its word in `SysRegValues`: `words0.w1`.
    public var storagePath: String
    /// Its line in `SysReg`'s table: `SCTLR_EL1 S3_0_C1_C0_0 S3_5_C1_C0_0 deferred el1 1`, its
    /// name, the generic names of its encoding and of its EL12 alias (`-` when none), its class,
    /// its group and its `SystemRegister` case's position.
    public var tableRow: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "doc": .text { $0.doc }, "genericName": .text { $0.genericName },
        "el12Expression": .text { $0.el12Expression }, "classExpression": .text { $0.classExpression },
        "groupExpression": .text { $0.groupExpression }, "kvmOneRegID": .text { $0.kvmOneRegID },
        "hvSysReg": .text { $0.hvSysReg }, "storagePath": .text { $0.storagePath },
        "tableRow": .text { $0.tableRow },
    ]
}

/// One run of words in `SysRegValues`: the runtime's `Words64`, and `Words8` after the last full
/// run of 64.
public struct StorageChunkView: TemplateContext {
    /// The words of a full run: the runtime's `Words64`.
    public static let size = 64
    /// The words of each run after the last full one: the runtime's `Words8`. Not fewer: with
    /// three stored words or fewer, Swift 6.3.1's optimizer crashes on a generic function of
    /// another module that consumes a vcpu (`StorageTests`; docs/benchmarks.md, part 16).
    public static let tailSize = 8

    /// The stored property: `words0`, `words1`, …
    public var name: String
    /// Its type: `Words64` or `Words8`.
    public var typeName: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "typeName": .text { $0.typeName },
    ]

    /// The runs holding `count` registers' words, in order.
    static func chunks(count: Int) -> [Self] {
        let full = count / size
        let tail = (count - full * size + tailSize - 1) / tailSize
        return (0..<full + tail).map { run in
            Self(name: "words\(run)", typeName: run < full ? "Words64" : "Words8")
        }
    }

    /// Where word `index` of `count` is: `words3.w17`.
    static func path(ofWord index: Int, count: Int) -> String {
        let full = count / size
        if index < full * size { return "words\(index / size).w\(index % size)" }
        let rest = index - full * size
        return "words\(full + rest / tailSize).w\(rest % tailSize)"
    }
}

/// A named encoding, generated as a static member of `SystemRegisterEncoding`.
public struct EncodingView: TemplateContext {
    /// The register name (`SCTLR_EL12`).
    public var name: String
    /// What it is, for its doc comment.
    public var doc: String
    /// `Self(packedID: 0xE880)`, in an extension of `SystemRegisterEncoding`: the packed id
    /// (`op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2`) rather than the five fields, since
    /// the compiler builds a getter per name and five literals cost a quarter of the file's build
    /// time more (docs/benchmarks.md, part 18).
    public var initializer: String
    /// The generic name of the encoding (`S3_5_C1_C0_0`), for its doc comment.
    public var genericName: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "doc": .text { $0.doc }, "initializer": .text { $0.initializer },
        "genericName": .text { $0.genericName },
    ]
}

/// One case of the read/write accessors' switch.
public struct AccessorView: TemplateContext {
    /// The register's case.
    public var name: String
    /// The encoding that reaches the guest's register from EL2 while loaded (VHE): its `via`
    /// register, its EL12 alias, or its own encoding when E2H does not redirect it.
    public var loadedEncoding: String
    /// True when its group is switched only for an AArch32 EL1: for any other vcpu the CPU
    /// never holds it, so the accessor uses memory.
    public var aarch32Only: Bool
    /// Its `LiveEncodings` bits as a Swift literal: the loaded encoding's packed id for an
    /// AArch32 EL1 in bits [31:16] and for an AArch64 EL1 in bits [15:0] (0 when `aarch32Only`).
    public var liveEncodings: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "loadedEncoding": .text { $0.loadedEncoding },
        "aarch32Only": .flag { $0.aarch32Only }, "liveEncodings": .text { $0.liveEncodings },
    ]
}

/// One AArch32 register: a view of (part of) a 64-bit register.
public struct AArch32RegisterView: TemplateContext {
    /// Its AArch32 name, also the enum case (`SCTLR`).
    public var name: String
    /// The doc comment text: `Bits [31:0] of SCTLR_EL1 (`p15, 0, c1, c0, 0`)`.
    public var doc: String
    /// `.register32(coproc: 15, opc1: 0, crn: 1, crm: 0, opc2: 0)` or
    /// `.register64(coproc: 15, opc1: 0, crm: 2)`: its encoding.
    public var encodingExpression: String
    /// Its encoding's ``CoprocessorEncoding/key`` as a Swift literal: the lookup's case.
    public var encodingKey: String
    /// `.SCTLR_EL1`: the 64-bit register's case.
    public var aarch64Expression: String
    /// `.low`, `.high` or `.all`.
    public var partExpression: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "doc": .text { $0.doc }, "encodingExpression": .text { $0.encodingExpression },
        "encodingKey": .text { $0.encodingKey }, "aarch64Expression": .text { $0.aarch64Expression },
        "partExpression": .text { $0.partExpression },
    ]
}

/// One group with what its save and restore routines do.
public struct GroupView: TemplateContext {
    /// The group's case.
    public var name: String
    /// The doc comment text.
    public var doc: String
    /// `.entryExit` or `.loadPut`.
    public var switchedExpression: String
    /// `true` or `false`.
    public var sharedWithHost: String
    /// `.aarch32EL1` or `nil`.
    public var conditionExpression: String
    /// Its registers, in file order.
    public var registers: [TransferView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "doc": .text { $0.doc }, "switchedExpression": .text { $0.switchedExpression },
        "sharedWithHost": .text { $0.sharedWithHost }, "conditionExpression": .text { $0.conditionExpression },
        "registers": .list { $0.registers },
    ]
}

/// One register moved by a save or restore routine.
public struct TransferView: TemplateContext {
    /// The register's case: where its value is kept in memory.
    public var name: String
    /// The expression for the encoding to access on the CPU, given `vhe` (whether the host runs
    /// with VHE): a `Bool` tested once per routine type-checks in half the time of a comparison
    /// of `mode` per register.
    public var cpuEncoding: String
    /// True when ``cpuEncoding`` names `vhe`: the register is reached through its EL12 alias
    /// under VHE.
    public var dependsOnHostMode: Bool
    /// ``cpuEncoding`` as packed ids (`vhe ? 0xE880 : 0xC080`), for
    /// `SystemRegisterCPU.read(packedID:)` and `write(packedID:_:)`: literals cost the compiler
    /// less than named encodings, each a member lookup and a call (docs/benchmarks.md, part 19).
    public var cpuPackedID: String
    /// The register's name and, when it lives in another register, that one's: a comment for
    /// the lines that name encodings by ``cpuPackedID`` (`SCTLR_EL1`, `MPIDR_EL1 through
    /// VMPIDR_EL2`; the first id of `vhe ? 0xE880 : 0xC080` is always the EL12 alias).
    public var comment: String
    /// Its word in `SysRegValues` (`words0.w1`), which `restore` reads directly: a third less of
    /// that routine's compile time at 10,000 registers than `SysReg.X.value(in:)`, a call to
    /// type-check and compile per register (docs/benchmarks.md, part 18).
    public var storagePath: String
    /// Its index in `SysRegValues` (its position in the file), which `save` writes through
    /// `CPUContext`'s `subscript(word:)`.
    public var index: Int

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "cpuEncoding": .text { $0.cpuEncoding },
        "cpuPackedID": .text { $0.cpuPackedID }, "comment": .text { $0.comment },
        "storagePath": .text { $0.storagePath }, "index": .text { String($0.index) },
    ]
}

/// One group switched in a phase (load, put, entry, exit).
public struct GroupCallView: TemplateContext {
    /// The group's case.
    public var name: String
    /// True when it is switched only for a vcpu whose EL1 is AArch32.
    public var aarch32Only: Bool

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "aarch32Only": .flag { $0.aarch32Only },
    ]
}

extension SwiftView {
    /// Builds the view of a validated register file; a name that is a Swift keyword, a type
    /// name two layouts would share, or a field named as a member every value has, is an error
    /// at its place.
    public init(_ file: RegisterFile) throws(DiagnosticList) {
        let problems =
            SwiftKeywords.uses(in: file) + FieldTypeView.clashes(in: file) + FieldTypeView.memberClashes(in: file)
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        let describedAt = Dictionary(
            file.descriptions.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        registers = file.registers.enumerated().map { index, register in
            let encoding = register.encoding.value.genericName
            let el12 = register.el12?.value.genericName ?? "-"
            let described = describedAt[register.name.value].map(String.init) ?? "-"
            return RegisterView(
                name: register.name.value,
                doc: docText(register.doc, or: register.name.value),
                genericName: register.encoding.value.genericName,
                el12Expression: register.el12 == nil ? "nil" : "." + register.el12Name,
                classExpression: classExpressions[register.registerClass.value] ?? "",
                groupExpression: "." + register.group.value,
                kvmOneRegID: hexLiteral(register.encoding.value.kvmOneRegID),
                hvSysReg: hexLiteral(register.encoding.value.packedID),
                storagePath: StorageChunkView.path(ofWord: index, count: file.registers.count),
                tableRow:
                    "\(register.name.value) \(encoding) \(el12) \(register.registerClass.value.rawValue) \(register.group.value) \(described)"
            )
        }
        let contextIndex = Dictionary(
            file.registers.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        storageChunks = StorageChunkView.chunks(count: registers.count)
        fieldTypes = FieldTypeView.types(in: file)
        descriptions = file.descriptions.map { register in
            let name = register.name.value
            let genericName = register.encoding.value.genericName
            let context = register.inContext ? contextIndex[name].map(String.init) ?? "-" : "-"
            return DescriptionView(
                name: name, doc: docText(register.doc, or: name), genericName: genericName,
                kvmOneRegID: hexLiteral(register.encoding.value.kvmOneRegID),
                hvSysReg: hexLiteral(register.encoding.value.packedID),
                contextExpression: register.inContext ? "." + name : "nil", inContext: register.inContext,
                tableRow: "\(name) \(genericName) \(context)")
        }
        let contextEncodings = file.registers.flatMap { register in
            let name = register.name.value
            var views = [EncodingView(register.encoding.value, name: name, doc: docText(register.doc, or: name))]
            if let el12 = register.el12 {
                views.append(
                    EncodingView(
                        el12.value, name: register.el12Name, doc: "The alias that reaches \(name) from EL2 under VHE"))
            }
            if let via = register.via {
                views.append(
                    EncodingView(
                        via.encoding.value, name: via.name.value, doc: "Holds the guest's \(name) for save and restore")
                )
            }
            return views
        }
        // A described-only register's own encoding, unless the context already names it (an
        // entry for SCTLR_EL12 describes the alias the context's SCTLR_EL1 names).
        let named = Set(contextEncodings.map(\.name))
        encodings =
            contextEncodings
            + file.descriptions.filter { !$0.inContext && !named.contains($0.name.value) }.map { register in
                EncodingView(
                    register.encoding.value, name: register.name.value,
                    doc: docText(register.doc, or: register.name.value))
            }
        let conditions = Dictionary(
            file.groups.map { ($0.name.value, $0.condition?.value) }, uniquingKeysWith: { first, _ in first })
        deferredRegisters = file.registers.filter { $0.registerClass.value == .deferred }.map { register in
            let (loaded, encoding) =
                switch register.hardwareAccess {
                case .via(let via): (via.name.value, via.encoding.value)
                case .el12Alias(let alias): (register.el12Name, alias)
                case .own: (register.name.value, register.encoding.value)
                }
            let aarch32Only = conditions[register.group.value] == .aarch32EL1
            let live = LiveEncodings(aarch64EL1: aarch32Only ? nil : encoding, aarch32EL1: encoding)
            return AccessorView(
                name: register.name.value, loadedEncoding: "." + loaded, aarch32Only: aarch32Only,
                liveEncodings: hexLiteral(live.bits))
        }
        aarch32Registers = file.registers.flatMap { register in
            register.aarch32.map { AArch32RegisterView($0, of: register.name.value) }
        }
        let byGroup = Dictionary(grouping: file.registers.indices) { file.registers[$0].group.value }
        let storagePaths = registers.map(\.storagePath)
        groups = file.groups.map { group in
            GroupView(
                name: group.name.value,
                doc: docText(group.doc, or: group.name.value),
                switchedExpression: ".\(group.switched.value)",
                sharedWithHost: String(group.sharedWithHost),
                conditionExpression: group.condition.map { ".\($0.value)" } ?? "nil",
                registers: (byGroup[group.name.value] ?? []).map {
                    TransferView(file.registers[$0], index: $0, storagePath: storagePaths[$0])
                })
        }
        func calls(_ include: (Group) -> Bool) -> [GroupCallView] {
            file.groups.filter(include).map {
                GroupCallView(name: $0.name.value, aarch32Only: $0.condition?.value == .aarch32EL1)
            }
        }
        vheLoadPutHost = calls { $0.switched.value == .loadPut && $0.sharedWithHost }
        vheLoadPutGuest = calls { $0.switched.value == .loadPut }
        vheEntryExitHost = calls { $0.switched.value == .entryExit && $0.sharedWithHost }
        vheEntryExitGuest = calls { $0.switched.value == .entryExit }
        nvheHost = calls { $0.condition == nil }
        nvheGuest = calls { _ in true }
    }
}

/// `.deferred`, `.low`: each case of a model enum as a Swift member expression, spelled once
/// per case, since interpolating a case reflects it, thousands of instructions a register.
private func memberExpressions<Case: CaseIterable & Hashable>(_: Case.Type) -> [Case: String] {
    Dictionary(uniqueKeysWithValues: Case.allCases.map { ($0, ".\($0)") })
}

private let classExpressions = memberExpressions(RegisterClass.self)
private let partExpressions = memberExpressions(RegisterPart.self)

/// A doc comment's text without its final period, `name` when there is none: templates end
/// the sentence, so that a `doc` written with a period and one without read the same.
private func docText(_ doc: Located<String>?, or name: String) -> String {
    var text = doc?.value ?? name
    while text.hasSuffix(".") { text.removeLast() }
    return text.isEmpty ? name : text
}

/// `value` as a Swift hexadecimal literal in upper case, its digits grouped by four as
/// swift-format's `GroupNumericLiterals` wants: `0x6030_0000_0013_C080`.
func hexLiteral<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> String {
    // Written digit by digit into the string's bytes: formatting, padding and joining strings
    // cost about ten times more, twice per register.
    let significant = max(1, (T.bitWidth - value.leadingZeroBitCount + 3) / 4)
    let digits = (significant + 3) / 4 * 4
    return String(unsafeUninitializedCapacity: 2 + digits + digits / 4 - 1) { bytes in
        bytes[0] = UInt8(ascii: "0")
        bytes[1] = UInt8(ascii: "x")
        var count = 2
        for place in (0..<digits).reversed() {
            let nibble = UInt8(truncatingIfNeeded: value >> (place * 4)) & 0xF
            bytes[count] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
            count += 1
            if place % 4 == 0 && place != 0 {
                bytes[count] = UInt8(ascii: "_")
                count += 1
            }
        }
        return count
    }
}

extension EncodingView {
    fileprivate init(_ encoding: SystemRegisterEncoding, name: String, doc: String) {
        self.init(
            name: name, doc: doc,
            initializer: "Self(packedID: \(hexLiteral(encoding.packedID)))", genericName: encoding.genericName)
    }
}

extension AArch32RegisterView {
    fileprivate init(_ counterpart: AArch32Counterpart, of register: String) {
        let encoding = counterpart.encoding.value
        let bits =
            switch counterpart.part.value {
            case .low: "Bits [31:0]"
            case .high: "Bits [63:32]"
            case .all: "All 64 bits"
            }
        let encodingExpression =
            switch encoding {
            case .register32(let coproc, let opc1, let crn, let crm, let opc2):
                ".register32(coproc: \(coproc), opc1: \(opc1), crn: \(crn), crm: \(crm), opc2: \(opc2))"
            case .register64(let coproc, let opc1, let crm):
                ".register64(coproc: \(coproc), opc1: \(opc1), crm: \(crm))"
            }
        self.init(
            name: counterpart.name.value, doc: "\(bits) of \(register) (`\(encoding.text)`)",
            encodingExpression: encodingExpression, encodingKey: hexLiteral(encoding.key),
            aarch64Expression: "." + register,
            partExpression: partExpressions[counterpart.part.value] ?? "")
    }
}

extension TransferView {
    fileprivate init(_ register: Register, index: Int, storagePath: String) {
        let name = register.name.value
        let own = hexLiteral(register.encoding.value.packedID)
        let (cpuEncoding, cpuPackedID, comment, dependsOnHostMode) =
            switch register.hardwareAccess {
            case .via(let via):
                (
                    "." + via.name.value, hexLiteral(via.encoding.value.packedID), "\(name) through \(via.name.value)",
                    false
                )
            case .el12Alias(let alias):
                (
                    "vhe ? .\(register.el12Name) : .\(name)", "vhe ? \(hexLiteral(alias.packedID)) : \(own)",
                    name, true
                )
            case .own: ("." + name, own, name, false)
            }
        self.init(
            name: name, cpuEncoding: cpuEncoding, dependsOnHostMode: dependsOnHostMode, cpuPackedID: cpuPackedID,
            comment: comment, storagePath: storagePath, index: index)
    }
}
