import Testing

/// Breaking `registers.yaml` on purpose must make the model-based check of the code generated
/// from it fail, on the host modes the break affects, with a seed and a shrunk sequence.
@Suite struct MutationTests {
    /// A mutation and the host modes on which it must diverge.
    struct Case: Sendable, CustomTestStringConvertible {
        var edit: MutatedBuild.Edit
        var divergesOnVHE: Bool
        var divergesOnNVHE: Bool
        /// Parts of the shrunk sequence the report must show, when the test pins it (not the
        /// values: those come from the seed through every register the simulator holds).
        var shortest: [String] = []

        var testDescription: String { edit.summary }
    }

    static let cases = [
        // Without the alias, VHE save/restore and accessors reach SCTLR_EL2, the host's register:
        // the first load overwrites the host kernel's SCTLR.
        Case(
            edit: .init(
                summary: "SCTLR_EL1 loses its el12 alias",
                find: "    encoding: S3_0_C1_C0_0\n    el12: S3_5_C1_C0_0\n",
                replacement: "    encoding: S3_0_C1_C0_0\n"),
            divergesOnVHE: true, divergesOnNVHE: false,
            shortest: [
                "divergence after step 0: CPU 0 host kernel reads SCTLR_EL1 = 0x",
                "shortest failing sequence (1 of 40 steps):\n  0: vcpu ", ": load on CPU 0\n",
            ]),
        // The el1 group does not save the host's value, so host userspace would see the guest's.
        Case(
            edit: .init(
                summary: "TPIDR_EL0 moves from the user group to el1",
                find: "    encoding: S3_3_C13_C0_2\n    class: deferred\n    group: user\n",
                replacement: "    encoding: S3_3_C13_C0_2\n    class: deferred\n    group: el1\n"),
            divergesOnVHE: true, divergesOnNVHE: false),
        // Out of every load/put group into one switched only for AArch32 guests: never restored.
        Case(
            edit: .init(
                summary: "SCTLR_EL1 moves from el1 to the aarch32 group, immediate",
                find: "    el12: S3_5_C1_C0_0\n    class: deferred\n    group: el1\n",
                replacement: "    el12: S3_5_C1_C0_0\n    class: immediate\n    group: aarch32\n"),
            divergesOnVHE: true, divergesOnNVHE: true),
        // The VHE host's MDSCR_EL1 and SP_EL0 (`current`) would be left holding the guest's values.
        Case(
            edit: .init(
                summary: "the common group is no longer shared with the host",
                find: "    switched: entry-exit\n    shared-with-host: true\n",
                replacement: "    switched: entry-exit\n"),
            divergesOnVHE: true, divergesOnNVHE: false),
        // The views swap halves: the 32-bit accessors and the architecture disagree on both.
        Case(
            edit: .init(
                summary: "DFAR and IFAR swap halves of FAR_EL1",
                find: "part: low}\n      - {name: IFAR, encoding: 'p15, 0, c6, c0, 2', part: high}",
                replacement: "part: high}\n      - {name: IFAR, encoding: 'p15, 0, c6, c0, 2', part: low}"),
            divergesOnVHE: true, divergesOnNVHE: true),
        // Switched for every vcpu: an AArch64 guest's load or entry touches DACR32_EL2 & co.
        Case(
            edit: .init(
                summary: "the aarch32 group loses its condition",
                find: "    switched: load-put\n    condition: aarch32-el1\n",
                replacement: "    switched: load-put\n"),
            divergesOnVHE: true, divergesOnNVHE: true),
        // The placement before the seed patch: slower, but correct, so nothing may diverge.
        Case(
            edit: .init(
                summary: "TPIDR_EL0 moves to the common group, immediate (not a bug)",
                find: "    encoding: S3_3_C13_C0_2\n    class: deferred\n    group: user\n",
                replacement: "    encoding: S3_3_C13_C0_2\n    class: immediate\n    group: common\n"),
            divergesOnVHE: false, divergesOnNVHE: false),
    ]

    @Test(arguments: cases)
    func modelBasedCheckCatchesTheMutation(_ mutation: Case) throws {
        let build = try MutatedBuild([mutation.edit])
        defer { build.remove() }
        let outcome = try build.run("model")
        #expect(outcome.status == (mutation.divergesOnVHE || mutation.divergesOnNVHE ? 1 : 0), "\(outcome.output)")
        #expect(outcome.output.contains("diverged on VHE with seed 0x") == mutation.divergesOnVHE, "\(outcome.output)")
        #expect(
            outcome.output.contains("diverged on nVHE with seed 0x") == mutation.divergesOnNVHE, "\(outcome.output)")
        #expect(outcome.output.contains("no divergence on VHE") == !mutation.divergesOnVHE)
        #expect(outcome.output.contains("no divergence on nVHE") == !mutation.divergesOnNVHE)
        if mutation.divergesOnVHE || mutation.divergesOnNVHE {
            #expect(outcome.output.contains("shortest failing sequence"))
        }
        for part in mutation.shortest {
            #expect(outcome.output.contains(part), "\(outcome.output)")
        }
    }
}
