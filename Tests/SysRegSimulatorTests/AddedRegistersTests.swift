import Testing

/// The end-to-end proof that registers added to `registers.yaml` alone are covered: six of
/// different kinds (``AddedRegisters``) appended to a copy of the package's register file,
/// rendered by the generator, compiled with the simulator and run through the model-based check
/// on VHE and nVHE, as a user's `swift run sysreg-gen && swift test` would.
@Suite struct AddedRegistersTests {
    @Test func addedRegistersPassTheModelBasedCheck() throws {
        let build = try MutatedBuild([], appending: AddedRegisters.yaml)
        defer { build.remove() }
        let outcome = try build.run("model")
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("no divergence on VHE"), "\(outcome.output)")
        #expect(outcome.output.contains("no divergence on nVHE"), "\(outcome.output)")
    }

    /// An added register deferred in a group the host's values are not saved in: host userspace
    /// on a VHE host would see the guest's TPIDR2_EL0.
    @Test func unsoundDeferralOfAnAddedRegisterDiverges() throws {
        let build = try MutatedBuild(
            [], appending: ArchitectureTests.entry("TPIDR2_EL0", "S3_3_C13_C0_5", group: "el1"))
        defer { build.remove() }
        let outcome = try build.run("model")
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("diverged on VHE"), "\(outcome.output)")
        #expect(outcome.output.contains("host userspace reads TPIDR2_EL0"), "\(outcome.output)")
        #expect(outcome.output.contains("no divergence on nVHE"), "\(outcome.output)")
    }
}
