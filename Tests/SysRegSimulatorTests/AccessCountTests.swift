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

    /// The counts the README states for the shipped `registers.yaml`.
    @Test func countsForTheShippedRegisterFile() {
        #expect(Self.count(.vhe, aarch32: false).counts == Counts(load: 26, roundTrip: 12, put: 26))
        #expect(Self.count(.vhe, aarch32: true).counts == Counts(load: 29, roundTrip: 14, put: 29))
        #expect(Self.count(.nvhe, aarch32: false).counts == Counts(load: 0, roundTrip: 112, put: 0))
        #expect(Self.count(.nvhe, aarch32: true).counts == Counts(load: 0, roundTrip: 120, put: 0))
    }

    /// The VHE round trip's exact accesses: the host's and the guest's common state, and the
    /// guest's PC and PSTATE; nothing of the deferred groups.
    @Test func vheRoundTripAccessSequence() {
        let sequence = Self.count(.vhe, aarch32: false).roundTrip.map { access in
            "\(access.direction == .read ? "MRS" : "MSR") \(access.register?.name ?? "UNDEFINED")"
        }
        #expect(
            sequence == [
                "MRS MDSCR_EL1", "MRS SP_EL0", "MSR MDSCR_EL1", "MSR SP_EL0", "MSR ELR_EL2", "MSR SPSR_EL2",
                "MRS MDSCR_EL1", "MRS SP_EL0", "MRS ELR_EL2", "MRS SPSR_EL2", "MSR MDSCR_EL1", "MSR SP_EL0",
            ])
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
