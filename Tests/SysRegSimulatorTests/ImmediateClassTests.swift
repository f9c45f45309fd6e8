import SysRegRuntime
import SysRegSimulator
import Testing

/// MPIDR_EL1 is immediate because the GIC emulation reads it from other threads while the vcpu
/// runs: the accessor must answer from memory, touching no CPU.
@Suite struct ImmediateClassTests {
    @Test(arguments: HostMode.allCases)
    func theAccessorReadsTheVCPUsMPIDRFromMemory(mode: HostMode) {
        let seen = MPIDRProbe.observe(mode: mode)
        #expect(seen.guestSees == MPIDRProbe.vcpuAffinity[0])
        #expect(seen.accessorReads == MPIDRProbe.vcpuAffinity[0])
        #expect(seen.accessorCPUAccesses.isEmpty)
    }

    /// Declared deferred, the accessor executes MRS VMPIDR_EL2, which only the thread on the
    /// vcpu's own CPU could run: from the GIC emulation's thread it would reach another CPU's.
    @Test func declaredDeferredTheAccessorReadsTheCPU() throws {
        let build = try MutatedBuild([
            .init(
                summary: "MPIDR_EL1 declared deferred",
                find: "    encoding: S3_0_C0_C0_5\n    class: immediate\n",
                replacement: "    encoding: S3_0_C0_C0_5\n    class: deferred\n")
        ])
        defer { build.remove() }
        let outcome = try build.run("mpidr")
        let onTheCPU = "the accessor executed EL2 (E2H=1) MRS VMPIDR_EL2"
        #expect(outcome.status == 1)
        #expect(outcome.output.contains(onTheCPU), "\(outcome.output)")
    }
}
