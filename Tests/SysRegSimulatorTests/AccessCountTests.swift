import SysRegRuntime
import SysRegSimulator
import SysRegs
import Testing

/// What the deferral saves, counted from the simulator's record: system-register accesses per
/// guest entry/exit round trip and per vcpu load/put, on VHE and nVHE.
@Suite struct AccessCountTests {
    /// The accesses one operation makes on a fresh CPU with a vcpu already loaded.
    struct Counts: Equatable {
        var load: Int
        var roundTrip: Int
        var put: Int
    }

    static func count(_ mode: HostMode, aarch32: Bool) -> (counts: Counts, roundTrip: [Access]) {
        let cpu = SimulatedCPU(mode: mode)
        var vcpu = VCPU<SysReg>(el1IsAArch32: aarch32).load(on: HostCPU(cpu, mode: mode))
        let load = cpu.record.count
        cpu.clearRecord()
        vcpu.enterGuest()
        vcpu.exitGuest()
        let roundTrip = cpu.record
        cpu.clearRecord()
        _ = vcpu.put()
        #expect(cpu.undefinedAccesses.isEmpty)
        return (Counts(load: load, roundTrip: roundTrip.count, put: cpu.record.count), roundTrip)
    }

    /// What each operation costs by KVM's rules, from the register file's groups: on VHE, load
    /// and put move the load-put groups (a shared group twice: the host's values and the guest's)
    /// and a round trip moves the entry-exit groups twice (four times when shared); without VHE a
    /// round trip moves every group four times (host and guest, in and out), a conditional group
    /// twice (the host has no AArch32 state). For the shipped file these are the README's numbers.
    static func expected(_ mode: HostMode, aarch32: Bool) -> Counts {
        let active = SysRegGroup.allCases.filter { $0.condition == nil || aarch32 }
        let total = { (groups: [SysRegGroup], times: (SysRegGroup) -> Int) in
            groups.map { $0.registers.count * times($0) }.reduce(0, +)
        }
        guard mode == .vhe else {
            return Counts(load: 0, roundTrip: total(active) { $0.condition == nil ? 4 : 2 }, put: 0)
        }
        let moved = total(active.filter { $0.switched == .loadPut }) { $0.sharedWithHost ? 2 : 1 }
        let roundTrip = total(active.filter { $0.switched == .entryExit }) { $0.sharedWithHost ? 4 : 2 }
        return Counts(load: moved, roundTrip: roundTrip, put: moved)
    }

    @Test(arguments: HostMode.allCases, [false, true])
    func countsFollowTheGroups(mode: HostMode, aarch32: Bool) {
        #expect(Self.count(mode, aarch32: aarch32).counts == Self.expected(mode, aarch32: aarch32))
    }

    /// The VHE round trip's exact accesses: the host's shared entry-exit state saved, every
    /// entry-exit group's guest state restored, then saved on exit, and the host's restored; nothing
    /// of the deferred groups. For the shipped file: MDSCR_EL1 and SP_EL0 (shared), ELR_EL2 and
    /// SPSR_EL2 (the guest's PC and PSTATE), twelve accesses.
    @Test func vheRoundTripAccessSequence() {
        let sequence = Self.count(.vhe, aarch32: false).roundTrip.map { access in
            "\(access.direction == .read ? "MRS" : "MSR") \(access.register?.name ?? "UNDEFINED")"
        }
        let entryExit = SysRegGroup.allCases.filter { $0.switched == .entryExit && $0.condition == nil }
        let shared = entryExit.filter(\.sharedWithHost).flatMap(\.registers).map { String(describing: $0) }
        let all = entryExit.flatMap(\.registers).map { String(describing: $0) }
        #expect(
            sequence
                == shared.map { "MRS " + $0 } + all.map { "MSR " + $0 } + all.map { "MRS " + $0 }
                + shared.map { "MSR " + $0 })
    }

    /// The registers a VHE round trip touches are exactly those of the groups the register file
    /// switches on every entry/exit (the conditional one only for an AArch32 EL1).
    @Test(arguments: [false, true])
    func vheRoundTripTouchesOnlyEntryExitGroups(aarch32: Bool) {
        let touched = Set(Self.count(.vhe, aarch32: aarch32).roundTrip.compactMap { $0.register?.name })
        let entryExit = SysRegGroup.allCases.filter { group in
            group.switched == .entryExit && (group.condition == nil || aarch32)
        }
        let expected = Set(entryExit.flatMap(\.registers).map { String(describing: $0) })
        #expect(touched == expected)
    }
}
