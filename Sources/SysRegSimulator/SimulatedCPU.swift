import SysRegRuntime

/// One MRS or MSR (or, from an AArch32 EL1, MRC/MCR or MRRC/MCRR) the simulated CPU executed,
/// as its record keeps it.
public struct Access: Hashable, Sendable, CustomStringConvertible {
    /// Whether the instruction read or wrote.
    public enum Direction: Hashable, Sendable {
        /// MRS, MRC or MRRC.
        case read
        /// MSR, MCR or MCRR.
        case write
    }

    /// What the instruction named.
    public enum Encoding: Hashable, Sendable {
        /// An AArch64 system register, by MRS/MSR.
        case system(SystemRegisterEncoding)
        /// An AArch32 coprocessor register, by MRC/MCR or MRRC/MCRR.
        case coprocessor(CoprocessorEncoding)
    }

    /// Where the instruction executed.
    public let context: ExecutionContext
    /// MRS or MSR.
    public let direction: Direction
    /// The encoding the instruction named.
    public let encoding: Encoding
    /// The register the encoding reached, or `nil` when the instruction was UNDEFINED.
    public let register: PhysicalRegister?
    /// The value read or written (for a 32-bit coprocessor access, its part of the register);
    /// for an UNDEFINED access, what a write tried to write, or 0.
    public let value: UInt64

    /// True when the instruction was UNDEFINED and changed nothing.
    public var isUndefined: Bool { register == nil }

    /// `EL2 (E2H=1) MRS SCTLR_EL12 -> SCTLR_EL1 = 0x5`, `EL1 MCR IFAR -> FAR_EL1 = 0x7`, or
    /// `... UNDEFINED`.
    public var description: String {
        let read = direction == .read
        let (mnemonic, name) =
            switch encoding {
            case .system(let encoding):
                (
                    read ? "MRS" : "MSR",
                    DecodeTable.row(for: encoding).map { read ? $0.name : $0.writeName } ?? encoding.genericName
                )
            case .coprocessor(let encoding):
                (
                    encoding.isPair ? (read ? "MRRC" : "MCRR") : (read ? "MRC" : "MCR"),
                    CoprocessorDecodeTable.row(for: encoding)?.name ?? encoding.text
                )
            }
        guard let register else { return "\(context) \(mnemonic) \(name) UNDEFINED" }
        return "\(context) \(mnemonic) \(name) -> \(register.name) = 0x\(String(value, radix: 16))"
    }
}

/// The system registers of one simulated physical CPU, with the Arm ARM's decode of MRS/MSR.
///
/// A class, so several vcpus (and the host) can share one physical CPU, as ``SystemRegisterCPU``
/// expects of a CPU its non-mutating `read`/`write` change. Not thread-safe: one thread drives it,
/// as one physical CPU runs one instruction stream. Every access is appended to ``record``; an
/// UNDEFINED access is recorded as such and changes nothing.
public final class SimulatedCPU: SystemRegisterCPU {
    /// How the host runs on this CPU, which fixes HCR_EL2.E2H for the hypervisor's accesses.
    public let mode: HostMode
    /// Every MRS and MSR executed since creation or the last ``clearRecord()``, in order.
    public private(set) var record: [Access] = []
    private var values: [UInt64]

    /// A CPU whose registers hold `initial(register)`.
    public init(mode: HostMode, initial: (PhysicalRegister) -> UInt64 = { _ in 0 }) {
        self.mode = mode
        values = PhysicalRegister.all.map(initial)
    }

    /// Where the hypervisor's accesses through ``SystemRegisterCPU`` execute: EL2, with E2H set
    /// on a VHE host.
    public var hypervisorContext: ExecutionContext { .el2(e2h: mode == .vhe) }

    /// The accesses of ``record`` that were UNDEFINED, kept apart so checking for them is cheap.
    public private(set) var undefinedAccesses: [Access] = []

    /// Forgets the record and its UNDEFINED accesses, so a test can count those of one operation.
    public func clearRecord() {
        record.removeAll(keepingCapacity: true)
        undefinedAccesses.removeAll()
    }

    /// The register's current value, as the processing element holds it; neither an access nor
    /// recorded. Setting it models what execution changes without MRS/MSR: the stack pointer,
    /// the exception return state on an exception to EL2, an AArch32 EL1's own registers.
    public subscript(register: PhysicalRegister) -> UInt64 {
        get { values[register.rawValue] }
        set { values[register.rawValue] = newValue }
    }

    /// Executes MRS on `encoding` in `context`; `nil` when UNDEFINED (recorded as such).
    public func read(_ encoding: SystemRegisterEncoding, in context: ExecutionContext) -> UInt64? {
        guard let register = DecodeTable.reach(encoding, in: context).readRegister else {
            recordUndefined(
                Access(context: context, direction: .read, encoding: .system(encoding), register: nil, value: 0))
            return nil
        }
        let value = values[register.rawValue]
        record.append(
            Access(context: context, direction: .read, encoding: .system(encoding), register: register, value: value))
        return value
    }

    /// Executes MSR of `value` to `encoding` in `context`; `false` when UNDEFINED (recorded as
    /// such, nothing written).
    @discardableResult
    public func write(_ encoding: SystemRegisterEncoding, _ value: UInt64, in context: ExecutionContext) -> Bool {
        guard let register = DecodeTable.reach(encoding, in: context).writeRegister else {
            recordUndefined(
                Access(context: context, direction: .write, encoding: .system(encoding), register: nil, value: value))
            return false
        }
        values[register.rawValue] = value
        record.append(
            Access(context: context, direction: .write, encoding: .system(encoding), register: register, value: value))
        return true
    }

    /// Executes MRC (or MRRC) on `encoding` in `context`, from an AArch32 EL1: the part of the
    /// register it reaches; `nil` when UNDEFINED (recorded as such), as it is from any context
    /// other than EL1.
    public func read(_ encoding: CoprocessorEncoding, in context: ExecutionContext) -> UInt64? {
        guard let (register, part) = reach(encoding, in: context, write: false) else {
            recordUndefined(
                Access(context: context, direction: .read, encoding: .coprocessor(encoding), register: nil, value: 0))
            return nil
        }
        let value = part.extract(from: values[register.rawValue])
        record.append(
            Access(
                context: context, direction: .read, encoding: .coprocessor(encoding), register: register, value: value))
        return value
    }

    /// Executes MCR (or MCRR) of `value` to `encoding` in `context`, from an AArch32 EL1: an MCR
    /// transfers a 32-bit register, so bits [31:0] of `value` replace its half of the register
    /// reached and keep the other half; an MCRR replaces all 64 bits; `false`
    /// when UNDEFINED (recorded as such, nothing written).
    @discardableResult
    public func write(_ encoding: CoprocessorEncoding, _ value: UInt64, in context: ExecutionContext) -> Bool {
        guard let (register, part) = reach(encoding, in: context, write: true) else {
            recordUndefined(
                Access(
                    context: context, direction: .write, encoding: .coprocessor(encoding), register: nil, value: value))
            return false
        }
        values[register.rawValue] =
            part.inserting(UInt32(truncatingIfNeeded: value), into: values[register.rawValue]) ?? value
        record.append(
            Access(
                context: context, direction: .write, encoding: .coprocessor(encoding), register: register, value: value)
        )
        return true
    }

    /// The register and part an MRC/MCR of `encoding` reaches in `context`, or `nil`.
    private func reach(_ encoding: CoprocessorEncoding, in context: ExecutionContext, write: Bool)
        -> (PhysicalRegister, RegisterPart)?
    {
        guard context == .el1, let row = CoprocessorDecodeTable.row(for: encoding),
            let register = write ? row.el1.writeRegister : row.el1.readRegister
        else { return nil }
        return (register, row.part)
    }

    private func recordUndefined(_ access: Access) {
        record.append(access)
        undefinedAccesses.append(access)
    }

    /// Executes MRS at ``hypervisorContext``. The protocol has no way to fail, so an UNDEFINED
    /// read returns 0 and is reported in ``record`` and ``undefinedAccesses``.
    public func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
        read(encoding, in: hypervisorContext) ?? 0
    }

    /// Executes MSR at ``hypervisorContext``; an UNDEFINED write is reported in ``record`` and
    /// ``undefinedAccesses``.
    public func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {
        write(encoding, value, in: hypervisorContext)
    }
}
