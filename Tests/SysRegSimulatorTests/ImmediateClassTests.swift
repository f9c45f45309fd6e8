import SysRegRuntime
import SysRegSimulator
import Testing

/// MPIDR_EL1 is immediate because the GIC emulation reads it from other threads while the vcpu
/// runs: the accessor must answer from memory, whichever CPU the caller is on.
@Suite struct ImmediateClassTests {
    @Test(arguments: HostMode.allCases)
    func anotherThreadReadsTheVCPUsMPIDRFromMemory(mode: HostMode) {
        let seen = MPIDRProbe.observe(mode: mode)
        #expect(seen.guestSees == MPIDRProbe.vcpuAffinity[0])
        #expect(seen.otherThreadReads == MPIDRProbe.vcpuAffinity[0])
        #expect(seen.otherCPUAccesses.isEmpty)
    }

    /// Declared deferred, the accessor called on CPU 1 reads CPU 1's VMPIDR_EL2, which holds the
    /// affinity of vcpu 1 (loaded there), not vcpu 0's value.
    @Test func declaredDeferredAnotherThreadReadsTheWrongCPU() throws {
        let build = try MutatedBuild([
            .init(
                summary: "MPIDR_EL1 declared deferred",
                find: "    encoding: S3_0_C0_C0_5\n    class: immediate\n",
                replacement: "    encoding: S3_0_C0_C0_5\n    class: deferred\n")
        ])
        defer { build.remove() }
        let outcome = try build.run("mpidr")
        // The generated accessor reads VMPIDR_EL2 on the caller's CPU: vcpu 1's affinity.
        let stale =
            "guest sees \(hex(MPIDRProbe.vcpuAffinity[0])), another CPU's thread reads \(hex(MPIDRProbe.vcpuAffinity[1]))"
        #expect(outcome.status == 1)
        #expect(outcome.output.contains(stale), "\(outcome.output)")
    }
}
