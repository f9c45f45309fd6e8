import SysRegRuntime

/// Where an MRS or MSR executes, which decides the register an encoding reaches.
public enum ExecutionContext: Hashable, Sendable, CustomStringConvertible {
    /// EL0: host userspace, or a guest's userspace.
    case el0
    /// EL1: a guest's kernel, or the host kernel without VHE.
    case el1
    /// EL2 with HCR_EL2.E2H as given: `true` for the VHE host kernel and its hypervisor code,
    /// `false` for the nVHE hypervisor.
    case el2(e2h: Bool)

    /// `EL0`, `EL1`, `EL2 (E2H=1)` or `EL2 (E2H=0)`.
    public var description: String {
        switch self {
        case .el0: "EL0"
        case .el1: "EL1"
        case .el2(let e2h): "EL2 (E2H=\(e2h ? 1 : 0))"
        }
    }
}

/// What an encoding reaches in one execution context.
public enum Reach: Hashable, Sendable {
    /// The access is UNDEFINED.
    case undefined
    /// MRS and MSR both reach `register`.
    case readWrite(PhysicalRegister)
    /// MRS reaches `register`; MSR is UNDEFINED.
    case readOnly(PhysicalRegister)
    /// MSR reaches `register`; MRS is UNDEFINED.
    case writeOnly(PhysicalRegister)
    /// MRS and MSR reach different registers (DBGDTRRX_EL0 and DBGDTRTX_EL0).
    case split(read: PhysicalRegister, write: PhysicalRegister)

    /// The reach of an encoding whose MRS reaches `read` and MSR reaches `write`.
    init(read: PhysicalRegister?, write: PhysicalRegister?) {
        switch (read, write) {
        case (nil, nil): self = .undefined
        case (let read?, nil): self = .readOnly(read)
        case (nil, let write?): self = .writeOnly(write)
        case (let read?, let write?): self = read == write ? .readWrite(read) : .split(read: read, write: write)
        }
    }

    /// The register MRS reaches, or `nil` when it is UNDEFINED.
    public var readRegister: PhysicalRegister? {
        switch self {
        case .readWrite(let register), .readOnly(let register), .split(read: let register, write: _): register
        case .undefined, .writeOnly: nil
        }
    }

    /// The register MSR reaches, or `nil` when it is UNDEFINED.
    public var writeRegister: PhysicalRegister? {
        switch self {
        case .readWrite(let register), .writeOnly(let register), .split(read: _, write: let register): register
        case .undefined, .readOnly: nil
        }
    }
}

/// One encoding of the decode table: its Arm ARM names and what it reaches from each context.
public struct DecodeRow: Sendable {
    /// The Arm ARM's name of the encoding, such as `SCTLR_EL12` (for MRS when MRS and MSR name
    /// different registers).
    public let name: String
    /// The name MSR of it uses, when that differs from ``name`` (`DBGDTRTX_EL0`).
    public let writeName: String
    /// The encoding.
    public let encoding: SystemRegisterEncoding
    let el0: Reach
    let el1: Reach
    let el2: Reach
    let el2E2H: Reach

    /// What the encoding reaches when executed in `context`.
    public func reach(in context: ExecutionContext) -> Reach {
        switch context {
        case .el0: el0
        case .el1: el1
        case .el2(e2h: false): el2
        case .el2(e2h: true): el2E2H
        }
    }
}

/// The simulated CPU's decode of MRS/MSR encodings: every system register of LLVM's AArch64
/// backend (``LLVMSystemRegisters``, generated from the toolchain's LLVM), with the Arm ARM's
/// rules for who may access it written here and in ``E2HRules`` by hand.
///
/// It is deliberately independent of `registers.yaml`: a wrong encoding or alias there must make
/// the generated code reach the wrong register here, not agree with itself.
///
/// Rules, from each register's "Accessing" pseudocode in the Arm ARM (DDI 0487), for a
/// Non-secure processing element with EL2 and no EL3 or nested virtualization modelled:
/// - `*_EL0` registers: EL0, EL1 and EL2 (TPIDRRO_EL0 read-only at EL0); SP_EL0 from EL1 and EL2.
/// - `*_EL1` registers and the trace unit's `TRC*`: EL1 and EL2; SP_EL1 from EL2 only. From a
///   guest's EL1, MPIDR_EL1 reads VMPIDR_EL2 and MIDR_EL1 reads VPIDR_EL2.
/// - `*_EL2` registers and the AArch32 banked SPSR_abt/fiq/irq/und: EL2 only.
/// - `*_EL3` registers and SP_EL2: UNDEFINED (no EL3 here).
/// - `*_EL12`/`*_EL02` aliases: EL2 with E2H = 1 only, to their EL1/EL0 register; and then the
///   register's own encoding reaches its EL2 register (``E2HRules``).
/// - PSTATE and other unsuffixed registers (NZCV, FPCR, DAIF, …): EL0 to EL2, except CurrentEL,
///   SPSel, PAN, UAO, ALLINT and PM, which EL0 cannot access.
/// LLVM's table decides which are read-only (MRS only) and write-only (MSR only).
public enum DecodeTable {
    /// Every implemented encoding. Anything else is UNDEFINED in every context.
    public static let rows: [DecodeRow] = LLVMSystemRegisters.all.compactMap(row(of:))

    /// The row of `encoding`, or `nil` when the CPU does not implement it.
    public static func row(for encoding: SystemRegisterEncoding) -> DecodeRow? {
        let slot = rowIndex[Int(encoding.sysRegValue >> 5)]
        return slot < 0 ? nil : rows[Int(slot)]
    }

    /// The row whose Arm ARM name (for MRS or MSR) is `name`, or `nil`.
    public static func row(named name: String) -> DecodeRow? {
        rowsByName[name]
    }

    /// What `encoding` reaches in `context`; UNDEFINED for an encoding the CPU does not implement.
    public static func reach(_ encoding: SystemRegisterEncoding, in context: ExecutionContext) -> Reach {
        let slot = rowIndex[Int(encoding.sysRegValue >> 5)]
        guard slot >= 0 else { return .undefined }
        let column =
            switch context {
            case .el0: 0
            case .el1: 1
            case .el2(e2h: false): 2
            case .el2(e2h: true): 3
            }
        return reaches[Int(slot) * 4 + column]
    }

    /// Each row's reach in EL0, EL1, EL2 and EL2 with E2H, four per row: decoding without
    /// copying a row (and retaining its name) keeps the simulator cheap per access.
    private static let reaches = rows.flatMap { row in
        [ExecutionContext.el0, .el1, .el2(e2h: false), .el2(e2h: true)].map(row.reach(in:))
    }

    /// A flat index over the 16 encoding bits (`sys_reg >> 5`), so decoding costs one load:
    /// the simulator decodes every access of thousands of model-based sequences.
    private static let rowIndex: [Int16] = {
        var index = [Int16](repeating: -1, count: 1 << 16)
        for (position, row) in rows.enumerated() {
            index[Int(row.encoding.sysRegValue >> 5)] = Int16(position)
        }
        return index
    }()

    private static let rowsByName: [String: DecodeRow] = {
        var byName: [String: DecodeRow] = [:]
        for row in rows {
            byName[row.name] = row
            byName[row.writeName] = row
        }
        return byName
    }()

    /// The row of one encoding of LLVM's table, by the rules above; `nil` for an alias the
    /// simulated CPU does not implement.
    private static func row(of entry: LLVMSystemRegister) -> DecodeRow? {
        let name = entry.readName ?? entry.writeName ?? ""
        let writeName = entry.writeName ?? name
        if name.hasSuffix("_EL12") || name.hasSuffix("_EL02") {
            guard let alias = E2HRules.alias(named: name) else { return nil }
            let reach = Reach(
                read: entry.readName == nil ? nil : alias.register, write: entry.writeName == nil ? nil : alias.register
            )
            return DecodeRow(
                name: name, writeName: writeName, encoding: entry.encoding, el0: .undefined, el1: .undefined,
                el2: .undefined, el2E2H: reach)
        }
        let read = entry.readName.flatMap(PhysicalRegister.init(name:))
        let write = entry.writeName.flatMap(PhysicalRegister.init(name:))
        let own = Reach(read: read, write: write)
        let levels = Levels(name)
        let redirected = Reach(
            read: read.map { E2HRules.alias(of: $0)?.redirectedTo ?? $0 },
            write: write.map { E2HRules.alias(of: $0)?.redirectedTo ?? $0 })
        let guest: Reach =
            switch name {
            case "MPIDR_EL1": .readOnly(.VMPIDR_EL2)  // Arm ARM MPIDR_EL1: Non-secure EL1 reads VMPIDR_EL2
            case "MIDR_EL1": .readOnly(.VPIDR_EL2)  // Arm ARM MIDR_EL1: Non-secure EL1 reads VPIDR_EL2
            default: own
            }
        return DecodeRow(
            name: name, writeName: writeName, encoding: entry.encoding,
            el0: !levels.el0 ? .undefined : name == "TPIDRRO_EL0" ? Reach(read: read, write: nil) : own,
            el1: levels.el1 ? guest : .undefined, el2: levels.el2 ? own : .undefined,
            el2E2H: levels.el2 ? redirected : .undefined)
    }

    /// The exception levels that may access a register, from its name (the rules above).
    private struct Levels {
        var el0 = false
        var el1 = false
        var el2 = false

        init(_ name: String) {
            switch name {
            case "SP_EL0": (el1, el2) = (true, true)
            case "SP_EL1", "SPSR_abt", "SPSR_fiq", "SPSR_irq", "SPSR_und": el2 = true
            case "SP_EL2", "CurrentEL", "SPSel", "PAN", "UAO", "ALLINT", "PM":
                (el1, el2) = (name != "SP_EL2", name != "SP_EL2")
            default:
                if name.hasSuffix("_EL0") {
                    (el0, el1, el2) = (true, true, true)
                } else if name.hasSuffix("_EL1") || name.hasPrefix("TRC") {
                    (el1, el2) = (true, true)
                } else if name.hasSuffix("_EL2") {
                    el2 = true
                } else if !name.hasSuffix("_EL3") {
                    (el0, el1, el2) = (true, true, true)
                }
            }
        }
    }
}

extension PhysicalRegister {
    /// The Arm ARM's name, such as `SCTLR_EL1`.
    public var name: String { Self.names[rawValue] }

    /// The register with the Arm ARM name `name`, or `nil` when the simulator does not hold one.
    public init?(name: String) {
        guard let register = Self.byName[name] else { return nil }
        self = register
    }

    /// The encoding whose Arm ARM name is this register's name: its own MRS/MSR encoding.
    public var encoding: SystemRegisterEncoding { Self.encodings[rawValue] }

    /// `allCases`, built once: the synthesized property builds the array on every call.
    static let all = allCases

    private static let names = all.map { String(describing: $0) }
    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// Each register's own encoding: every register is named by an entry of LLVM's table.
    private static let encodings: [SystemRegisterEncoding] = {
        var encodings = [SystemRegisterEncoding?](repeating: nil, count: allCases.count)
        for entry in LLVMSystemRegisters.all {
            for name in [entry.readName, entry.writeName].compactMap({ $0 }) {
                if let register = byName[name] { encodings[register.rawValue] = entry.encoding }
            }
        }
        return encodings.map { $0 ?? SystemRegisterEncoding(op0: 0, op1: 0, crn: 0, crm: 0, op2: 0) }
    }()
}
