import QEMUSupport
import SysRegHardware
import SysRegRuntime
import SysRegs

/// Bit patterns that select which toggle bits a value flips; each differs from the next in
/// every bit, so that consecutive values of a register differ wherever it has toggle bits.
let patterns: [UInt64] = [
    0, 0x5555_5555_5555_5555, 0xAAAA_AAAA_AAAA_AAAA, 0x3333_3333_3333_3333, 0xCCCC_CCCC_CCCC_CCCC,
    0x0F0F_0F0F_0F0F_0F0F, 0xF0F0_F0F0_F0F0_F0F0, 0x00FF_00FF_00FF_00FF, 0xFF00_FF00_FF00_FF00,
]

/// A table of registers reached by name (`Support/registers.S`, generated from the register
/// file), with what the probe at startup found of each on QEMU's CPU.
struct NameTable {
    /// The entries.
    let entries: UnsafePointer<register_entry>
    /// How many there are.
    let count: Int
    /// Per entry: the value the checks start from (`Support/register_facts.inc`, or probed).
    var initials: [UInt64]
    /// Per entry: the bits the checks toggle (`Support/register_facts.inc`, or probed).
    var toggles: [UInt64]
    /// Per entry: reading it by name at EL2 is UNDEFINED: QEMU's CPU does not implement it.
    var undefined: [Bool]

    /// The table `lookup` returns.
    init(_ lookup: (UnsafeMutablePointer<UInt64>) -> UnsafePointer<register_entry>?) {
        var count: UInt64 = 0
        entries = lookup(&count)!
        self.count = Int(count)
        initials = (0..<self.count).map { [entries] in entries[$0].initial }
        toggles = (0..<self.count).map { [entries] in entries[$0].toggle }
        undefined = [Bool](repeating: false, count: self.count)
    }

    /// The name of entry `index`.
    func name(_ index: Int) -> UnsafePointer<CChar> { entries[index].name }

    /// The position of the entry named `name`.
    func index(of name: StaticString) -> Int? {
        (0..<count).first { matches(entries[$0].name, name) }
    }

    /// The value pattern `pattern` gives entry `index`: its initial value with the toggle bits
    /// the pattern selects flipped.
    func value(_ index: Int, _ pattern: Int) -> UInt64 {
        initials[index] ^ (toggles[index] & patterns[pattern])
    }

    /// True when entry `index` has `flag`.
    func has(_ index: Int, _ flag: Int) -> Bool {
        entries[index].flags & UInt64(flag) != 0
    }

    /// Reads entry `index` by name at the current exception level.
    func read(_ index: Int) -> UInt64 { entries[index].read!() }

    /// Writes entry `index` by name at the current exception level.
    func write(_ index: Int, _ value: UInt64) { entries[index].write!(value) }

    /// At EL2 with E2H = 0, where the EL1 and EL0 names reach the EL1 and EL0 registers: marks
    /// and lists the entries QEMU's CPU does not implement (reading them by name is UNDEFINED,
    /// which the EL2 vectors skip and record while probing), and gives each writable entry
    /// without facts the bits that hold what is written: written all-ones then zero by name.
    mutating func probe() {
        for index in 0..<count where !has(index, REG_GUEST_SP) {
            let before = el2_undefined_count()
            el2_set_probing(1)
            let value = read(index)
            el2_set_probing(0)
            if el2_undefined_count() != before {
                undefined[index] = true
                put("not implemented by QEMU's CPU, not checked: ")
                put(name(index))
                put(" (reading it by name at EL2 is UNDEFINED, ESR_EL2.EC 0: its feature is absent from -cpu max)\n")
                continue
            }
            guard has(index, REG_PROBE), has(index, REG_WRITABLE) else { continue }
            write(index, ~0)
            let ones = read(index)
            write(index, 0)
            let zeros = read(index)
            write(index, value)
            initials[index] = zeros
            toggles[index] = ones & ~zeros
        }
    }
}

/// Counts checks and reports each failure with the register's name.
struct Checker {
    /// Checks made.
    var count = 0
    /// Checks failed.
    var failures = 0

    /// Checks that `got` is `want`.
    mutating func expect(_ got: UInt64, _ want: UInt64, _ what: StaticString, _ name: UnsafePointer<CChar>) {
        count += 1
        guard got != want else { return }
        failures += 1
        put("FAIL: ")
        put(what)
        put(": ")
        put(name)
        put(" is ")
        putHex(got)
        put(", expected ")
        putHex(want)
        put("\n")
    }
}

/// True for an immediate register of a load/put group (MPIDR_EL1): the accessors keep it in
/// memory, but on a VHE host its group is on the CPU from load to put, so a write between them
/// reaches the guest only at the next load and put overwrites it with the CPU's value. The
/// kernel avoids it by writing MPIDR_EL1 only at vcpu reset, outside load and put.
func isLostWhileLoaded(_ register: SysReg) -> Bool {
    register.registerClass == .immediate && register.group.switched == .loadPut
}

/// Which name table reaches each register of the register file.
struct RegisterMap {
    var guest = NameTable { guest_registers($0) }
    var el2 = NameTable { el2_registers($0) }
    /// Per register: its entry in the guest's table, unless it is not checked.
    var guestIndex: [Int?] = []
    /// Per register: its entry in the EL2 table, unless it is not checked.
    var el2Index: [Int?] = []
    /// The guest table's entries the guest writes: those of the file's registers.
    var guestWrites: UInt64 = 0
    /// The guest table's entries the guest skips: registers QEMU's CPU does not implement.
    var guestSkips: UInt64 = 0
    /// Per register: false when QEMU implements it as RAZ/WI or not at all.
    var checked: [Bool] = []

    /// True unless QEMU implements `register` as RAZ/WI or not at all: its values are checked.
    func isChecked(_ register: SysReg) -> Bool { checked[register.index] }

    /// Maps the register file's registers to the tables on an nVHE host (E2H = 0), where the
    /// EL1 names reach the EL1 registers from EL2, and lists those not checked and why.
    init() {
        guard guest.count <= Int(MAILBOX_SLOTS) else {
            put("FAIL: the guest's table has more registers than the mailbox's slots (MAILBOX_SLOTS)\n")
            semihosting_exit(2)
        }
        guest.probe()
        el2.probe()
        for index in 0..<guest.count where guest.undefined[index] { guestSkips |= 1 << UInt64(index) }
        for register in SysReg.allCases {
            var inGuest = guest.index(of: register.name)
            var inEL2 = inGuest == nil ? el2.index(of: register.name) : nil
            var isChecked = true
            if let index = inGuest, guest.undefined[index] || Self.isRAZWI(guest, index) {
                inGuest = nil
                isChecked = false
            } else if let index = inEL2, el2.undefined[index] || Self.isRAZWI(el2, index) {
                inEL2 = nil
                isChecked = false
            } else if inGuest == nil && inEL2 == nil && register != .ELR_EL2 && register != .SPSR_EL2 {
                put("FAIL: ")
                put(register.name)
                put(" has no entry in the tables run.sh generates from the register file\n")
                semihosting_exit(2)
            }
            if isLostWhileLoaded(register) {
                put("not written while loaded: ")
                put(register.name)
                put(": immediate in a load/put group, so on VHE a write between load and put is lost at put\n")
            }
            guestIndex.append(inGuest)
            el2Index.append(inEL2)
            checked.append(isChecked)
            if let index = inGuest, guest.has(index, REG_WRITABLE) { guestWrites |= 1 << UInt64(index) }
        }
    }

    /// Writes writable entry `index` by name with every toggle bit set; true, listing it, when
    /// it then reads 0, or when it has no bit that holds what is written. Leaves it as it was.
    static func isRAZWI(_ table: NameTable, _ index: Int) -> Bool {
        guard table.has(index, REG_WRITABLE), !table.has(index, REG_GUEST_SP) else { return false }
        let before = table.read(index)
        let probe = table.initials[index] | table.toggles[index]
        table.write(index, probe)
        let held = table.read(index)
        table.write(index, before)
        guard (held == 0 && probe != 0) || table.toggles[index] == 0 else { return false }
        put("RAZ/WI on QEMU's CPU, values not checked: ")
        put(table.name(index))
        if table.toggles[index] == 0 {
            put(" (written by name with all-ones and with 0, no bit holds what is written)\n")
        } else {
            put(" (written by name with ")
            putHex(probe)
            put(", reads 0)\n")
        }
        return true
    }
}

/// The checks of one host mode.
struct ModeCheck: ~Copyable {
    let map: RegisterMap
    var host: Host
    var checker: Checker
    /// The host's state before any vcpu ran, as its names show it at EL2.
    var hostBefore: [UInt64] = []

    var guest: NameTable { map.guest }

    init(mode: HostMode, map: RegisterMap, checker: Checker) {
        set_host_mode(mode == .vhe ? 1 : 0)
        self.map = map
        host = Host(mode: mode)
        self.checker = checker
    }

    /// True for a guest table entry the host writes by name: on VHE only its own state (the
    /// other names reach EL2 registers the hypervisor runs on), on nVHE every EL1 and EL0 one.
    func hostOwns(_ index: Int) -> Bool {
        guard guest.has(index, REG_WRITABLE), !guest.has(index, REG_GUEST_SP), !guest.undefined[index] else {
            return false
        }
        return host.mode == .nvhe || guest.has(index, REG_VHE_HOST_STATE)
    }

    /// The host's state as its names show it at EL2: what switching guests must leave as it
    /// was. On nVHE, every EL1 and EL0 register; on VHE, the host's own EL0 and debug state
    /// and the EL2 registers its EL1 names reach, but for those an exception to EL2 changes.
    func hostState() -> [UInt64] {
        (0..<guest.count).map { index in
            if guest.has(index, REG_GUEST_SP) || guest.undefined[index] { return 0 }
            if host.mode == .vhe {
                let own = guest.has(index, REG_VHE_HOST_STATE) || guest.has(index, REG_REDIRECTED)
                if !own || guest.has(index, REG_EXCEPTION_STATE) { return 0 }
            }
            return guest.read(index)
        }
    }

    /// Sets the host's own state by name to pattern `pattern` and records it.
    mutating func setHostState(_ pattern: Int) {
        for index in 0..<guest.count where hostOwns(index) {
            guest.write(index, guest.value(index, pattern))
        }
        hostBefore = hostState()
    }

    /// The host's names at EL2 still show what it set.
    mutating func expectHostState(_ when: StaticString) {
        let now = hostState()
        for index in 0..<guest.count {
            checker.expect(now[index], hostBefore[index], when, guest.name(index))
        }
    }

    /// Writes pattern `pattern` through the accessors to every register the guest reads by
    /// name, recording it in `expected`, and reads each back. While loaded, it leaves out the
    /// registers `RegisterMap` lists as lost when written then.
    mutating func write(
        _ vcpu: inout VirtualCPU, _ pattern: Int, _ expected: inout [UInt64], _ when: StaticString,
        loaded: Bool = false
    ) {
        for register in SysReg.allCases {
            guard let index = map.guestIndex[register.index], !(loaded && isLostWhileLoaded(register)) else {
                continue
            }
            let value = guest.value(index, pattern)
            vcpu.write(register, value)
            expected[register.index] = value
            checker.expect(vcpu.read(register), value, when, guest.name(index))
        }
    }

    /// The accessors of `vcpu` return `expected` for every register the guest reads by name.
    mutating func expectAccessors(_ vcpu: inout VirtualCPU, _ expected: [UInt64], _ when: StaticString) {
        for register in SysReg.allCases {
            guard let index = map.guestIndex[register.index] else { continue }
            checker.expect(vcpu.read(register), expected[register.index], when, guest.name(index))
        }
    }

    /// Enters the guest, which reads every register by name (checked against `expected`),
    /// writes pattern `pattern` to the file's registers (none when nil) and exits; `expected`
    /// then holds what it left. The exit's PC and PSTATE are checked against the guest's own.
    mutating func run(_ vcpu: inout VirtualCPU, writing pattern: Int?, _ expected: inout [UInt64]) {
        let mailbox = the_mailbox()!
        mailbox.pointee.write_mask = pattern == nil ? 0 : map.guestWrites
        mailbox.pointee.skip_mask = map.guestSkips
        for index in 0..<guest.count { mailbox_set_value(UInt64(index), guest.value(index, pattern ?? 0)) }
        vcpu.enter()
        let esr = guest_enter(mailbox)
        vcpu.exit()
        expectNoFault(esr)
        for register in SysReg.allCases {
            guard let index = map.guestIndex[register.index] else { continue }
            let slot = UInt64(index)
            checker.expect(
                mailbox_seen(slot), expected[register.index], "the guest reads by name at entry", guest.name(index))
            if let pattern, map.guestWrites & (1 << slot) != 0 {
                checker.expect(
                    mailbox_held(slot), guest.value(index, pattern), "the guest reads back by name what it wrote",
                    guest.name(index))
                expected[register.index] = mailbox_held(slot)
            }
        }
        checker.expect(vcpu.read(.ELR_EL2), mailbox.pointee.exit_pc, "the guest's PC at its exit", "ELR_EL2")
        checker.expect(vcpu.read(.SPSR_EL2), mailbox.pointee.pstate, "the guest's PSTATE at its exit", "SPSR_EL2")
    }

    /// Ends the run when the guest exited with HVC #1: it took an exception at EL1.
    func expectNoFault(_ esr: UInt64) {
        guard esr & 0xFFFF != 0 else { return }
        let mailbox = the_mailbox()!
        put("FAIL: the guest took an exception at EL1: syndrome ")
        putHex(mailbox.pointee.fault_esr)
        put(" return address ")
        putHex(mailbox.pointee.fault_elr)
        put("\n")
        semihosting_exit(1)
    }

    /// A new AArch64 vcpu with pattern `pattern` in every register, entering at the guest's
    /// entry point at EL1h with DAIF masked.
    mutating func newVCPU(_ pattern: Int, _ expected: inout [UInt64]) -> VirtualCPU {
        var vcpu = VirtualCPU(el1IsAArch32: false)
        write(&vcpu, pattern, &expected, "the accessors read back a write before load")
        vcpu.write(.ELR_EL2, guest_entry_address())
        vcpu.write(.SPSR_EL2, 0x3C5)
        return vcpu
    }

    /// Two AArch64 vcpus on this CPU: load, guest runs, accessors while loaded and after put.
    mutating func checkAArch64Guests() {
        let count = SysReg.allCases.count
        var expectedA = [UInt64](repeating: 0, count: count)
        var expectedB = [UInt64](repeating: 0, count: count)
        setHostState(1)
        var a = newVCPU(2, &expectedA)
        var b = newVCPU(6, &expectedB)
        expectHostState("the host's state by name after creating vcpus")

        a.load(&host)
        run(&a, writing: 3, &expectedA)
        expectAccessors(&a, expectedA, "the accessors read what the guest wrote, while loaded")
        if host.mode == .nvhe { expectHostState("the host's state by name after a guest exit") }
        write(&a, 4, &expectedA, "the accessors read back a write while loaded", loaded: true)
        run(&a, writing: 5, &expectedA)
        expectAccessors(&a, expectedA, "the accessors read what the guest wrote, while loaded")
        a.put(&host)
        expectAccessors(&a, expectedA, "the accessors read what the guest wrote, after put")
        expectHostState("the host's state by name after vcpu put")

        b.load(&host)
        run(&b, writing: 7, &expectedB)
        expectAccessors(&b, expectedB, "the second vcpu's accessors while loaded")
        b.put(&host)
        expectAccessors(&b, expectedB, "the second vcpu's accessors after put")
        expectAccessors(&a, expectedA, "the first vcpu's accessors after the second ran")
        expectHostState("the host's state by name after the second vcpu's put")

        write(&a, 8, &expectedA, "the accessors read back a write after put")
        a.load(&host)
        run(&a, writing: nil, &expectedA)
        a.put(&host)
        expectAccessors(&a, expectedA, "the first vcpu's accessors after it ran again")
        expectAccessors(&b, expectedB, "the second vcpu's accessors after the first ran again")
        expectHostState("the host's state by name at the end")
    }

    /// A vcpu whose EL1 is AArch32: its *32_EL2 state is on the CPU while switched in, as the
    /// hypervisor reads it by name at EL2 (there is no AArch32 guest: see the README).
    mutating func checkAArch32State() {
        let el2 = map.el2
        var vcpu = VirtualCPU(el1IsAArch32: true)
        var expected = [UInt64](repeating: 0, count: SysReg.allCases.count)
        let registers = SysReg.allCases.filter { map.el2Index[$0.index] != nil }
        for register in registers {
            let index = map.el2Index[register.index]!
            expected[register.index] = el2.value(index, 2)
            vcpu.write(register, expected[register.index])
        }
        for round in 0..<2 {
            vcpu.load(&host)
            vcpu.enter()
            for register in registers {
                let index = map.el2Index[register.index]!
                checker.expect(
                    el2.read(index), expected[register.index], "on the CPU by name at EL2 while switched in",
                    el2.name(index))
                el2.write(index, el2.value(index, 3 + round))
                expected[register.index] = el2.read(index)
                checker.expect(
                    expected[register.index], el2.value(index, 3 + round), "holds what EL2 wrote by name",
                    el2.name(index))
            }
            vcpu.exit()
            for register in registers {
                let index = map.el2Index[register.index]!
                checker.expect(
                    vcpu.read(register), expected[register.index], "the accessors after exit", el2.name(index))
                expected[register.index] = el2.value(index, 5 + round)
                vcpu.write(register, expected[register.index])
            }
            vcpu.put(&host)
            for register in registers {
                let index = map.el2Index[register.index]!
                checker.expect(
                    vcpu.read(register), expected[register.index], "the accessors after put", el2.name(index))
            }
        }
        expectHostState("the host's state by name after the AArch32 vcpu")
    }
}

/// Runs every check on an nVHE host, then on a VHE host; returns the exit status.
@_cdecl("qemu_check_main")
public func qemuCheckMain() -> Int32 {
    set_host_mode(0)
    // ID_AA64PFR0_EL1.EL1, bits [7:4]: 0b0010 when EL1 can run AArch32 as well as AArch64.
    let features = id_aa64pfr0_el1()
    put("ID_AA64PFR0_EL1 ")
    putHex(features)
    put((features >> 4) & 0xF == 2 ? ": EL1 can be AArch32\n" : ": EL1 is AArch64 only\n")
    let map = RegisterMap()
    var checker = Checker()
    // An encoding the register file does not use executes nothing: no exception at EL2.
    let unused = SystemRegisterEncoding(op0: 3, op1: 7, crn: 15, crm: 15, op2: 7)
    checker.expect(
        HardwareCPU().readIfKnown(unused) == nil ? 1 : 0, 1, "an unused encoding is refused", "S3_7_C15_C15_7")
    for mode in [HostMode.nvhe, .vhe] {
        put(mode == .vhe ? "VHE host (E2H = 1)\n" : "nVHE host (E2H = 0)\n")
        var check = ModeCheck(mode: mode, map: map, checker: checker)
        check.checkAArch64Guests()
        check.checkAArch32State()
        check.checkAArch32Guest()
        checker = check.checker
    }
    putDecimal(checker.count)
    put(" checks, ")
    putDecimal(checker.failures)
    put(" failed\n")
    return checker.failures == 0 ? 0 : 1
}
