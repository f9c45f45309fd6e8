import QEMUSupport
import SysRegRuntime
import SysRegs

/// The AArch32 guest's registers (`Support/aarch32_registers.inc`): each is a half of an
/// AArch64 register, as the Arm ARM maps it.
struct AArch32Table {
    /// The entries.
    let entries: UnsafePointer<aarch32_entry>
    /// How many there are.
    let count: Int

    /// The table `registers.S` assembles.
    init() {
        var count: UInt64 = 0
        entries = aarch32_registers(&count)!
        self.count = Int(count)
    }

    /// The 32-bit value pattern `pattern` gives entry `index`.
    func value(_ index: Int, _ pattern: Int) -> UInt64 {
        (entries[index].initial ^ (entries[index].toggle & patterns[pattern])) & 0xFFFF_FFFF
    }

    /// The register of the register file entry `index` is a half of, if the file has it.
    func register(_ index: Int) -> SysReg? {
        SysReg.allCases.first { matches(entries[index].aarch64, $0.name) }
    }

    /// Entry `index`'s half of `value`.
    func half(of value: UInt64, _ index: Int) -> UInt64 {
        entries[index].half == 0 ? value & 0xFFFF_FFFF : value >> 32
    }

    /// `value` with entry `index`'s half replaced by `part`.
    func inserting(_ part: UInt64, into value: UInt64, _ index: Int) -> UInt64 {
        entries[index].half == 0 ? (value & 0xFFFF_FFFF_0000_0000) | part : (value & 0xFFFF_FFFF) | part << 32
    }
}

extension ModeCheck {
    /// A vcpu whose EL1 is AArch32, running the A32 guest: load, guest runs reading and
    /// writing its registers by their AArch32 encodings, the accessors while loaded and
    /// after put, each value checked as the half of the AArch64 register it maps to.
    mutating func checkAArch32Guest() {
        let table = AArch32Table()
        var mapped: [(entry: Int, register: SysReg)] = []
        for index in 0..<table.count {
            guard let register = table.register(index), map.isChecked(register) else { continue }
            mapped.append((index, register))
        }
        set_el1_aarch32(1)
        var vcpu = VirtualCPU(el1IsAArch32: true)
        var expected = [UInt64](repeating: 0, count: SysReg.allCases.count)
        writeAArch32(&vcpu, table, mapped, 2, &expected, loaded: false)
        vcpu.write(.ELR_EL2, aarch32_guest_address())
        // SPSR_EL2: AArch32 (M[4]) Supervisor mode (0x13), A, I and F masked.
        vcpu.write(.SPSR_EL2, 0x1D3)
        vcpu.load(&host)
        runAArch32(&vcpu, table, mapped, writing: 3, &expected)
        expectAArch32Accessors(&vcpu, table, mapped, expected, "the AArch32 guest's registers, while loaded")
        writeAArch32(&vcpu, table, mapped, 4, &expected, loaded: true)
        runAArch32(&vcpu, table, mapped, writing: 5, &expected)
        vcpu.put(&host)
        expectAArch32Accessors(&vcpu, table, mapped, expected, "the AArch32 guest's registers, after put")
        set_el1_aarch32(0)
        expectHostState("the host's state by name after the AArch32 guest")
    }

    /// Writes pattern `pattern` into each entry's half through the accessors. While loaded, it
    /// leaves out the registers lost when written then (see `isLostWhileLoaded`).
    mutating func writeAArch32(
        _ vcpu: inout VirtualCPU, _ table: AArch32Table, _ mapped: [(entry: Int, register: SysReg)], _ pattern: Int,
        _ expected: inout [UInt64], loaded: Bool
    ) {
        for (index, register) in mapped where !(loaded && isLostWhileLoaded(register)) {
            let value = table.inserting(table.value(index, pattern), into: vcpu.read(register), index)
            vcpu.write(register, value)
            expected[register.index] = value
        }
    }

    /// Enters the AArch32 guest, which checks by encoding that it sees `expected`, writes
    /// pattern `pattern` to its writable registers and exits.
    mutating func runAArch32(
        _ vcpu: inout VirtualCPU, _ table: AArch32Table, _ mapped: [(entry: Int, register: SysReg)],
        writing pattern: Int, _ expected: inout [UInt64]
    ) {
        let mailbox = the_mailbox()!
        mailbox.pointee.write_mask = 0
        for (index, _) in mapped where table.entries[index].flags & UInt64(REG_WRITABLE) != 0 {
            mailbox.pointee.write_mask |= 1 << UInt64(index)
            mailbox_set_value(UInt64(index), table.value(index, pattern))
        }
        vcpu.enter()
        let esr = guest_enter(mailbox)
        vcpu.exit()
        expectNoFault(esr)
        for (index, register) in mapped {
            let slot = UInt64(index)
            let name = table.entries[index].name!
            checker.expect(
                mailbox_seen(slot), table.half(of: expected[register.index], index),
                "the AArch32 guest reads by encoding at entry", name)
            if mailbox.pointee.write_mask & (1 << slot) != 0 {
                checker.expect(
                    mailbox_held(slot), table.value(index, pattern), "the AArch32 guest reads back what it wrote", name)
                expected[register.index] = table.inserting(mailbox_held(slot), into: expected[register.index], index)
            }
        }
        checker.expect(vcpu.read(.ELR_EL2), mailbox.pointee.exit_pc, "the AArch32 guest's PC at its exit", "ELR_EL2")
        checker.expect(
            vcpu.read(.SPSR_EL2), mailbox.pointee.pstate, "the AArch32 guest's CPSR at its exit", "SPSR_EL2")
    }

    /// The accessors return `expected` in each entry's half.
    mutating func expectAArch32Accessors(
        _ vcpu: inout VirtualCPU, _ table: AArch32Table, _ mapped: [(entry: Int, register: SysReg)],
        _ expected: [UInt64],
        _ when: StaticString
    ) {
        for (index, register) in mapped {
            checker.expect(
                table.half(of: vcpu.read(register), index), table.half(of: expected[register.index], index), when,
                table.entries[index].name!)
        }
    }
}
