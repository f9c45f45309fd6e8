// Shared by ImmediateClassTests and the mutation harness (MutatedBuild.swift), so it imports no
// test framework.

import SysRegRuntime
import SysRegSimulator
import SysRegs

/// The GIC emulation's view of a vcpu's MPIDR_EL1: it runs on another physical CPU, while the vcpu
/// is loaded elsewhere, and asks the generated accessor (the kernel's `vcpu_read_sys_reg`).
enum MPIDRProbe {
    /// Each physical CPU's own MPIDR_EL1 (its affinity as the host sees it).
    static let physicalAffinity: [UInt64] = [0x8000_0000, 0x8000_0001]
    /// Each vcpu's MPIDR_EL1, as KVM sets it at vcpu reset.
    static let vcpuAffinity: [UInt64] = [0x100, 0x101]

    /// What the other thread reads, and the CPU accesses that read made.
    struct Observation {
        /// vcpu 0's guest executing MRS MPIDR_EL1 on CPU 0.
        var guestSees: UInt64
        /// vcpu 0's MPIDR_EL1 through the accessor called on CPU 1, where vcpu 1 is loaded.
        var otherThreadReads: UInt64
        /// The MRS/MSR the accessor executed on CPU 1.
        var otherCPUAccesses: [Access]
    }

    /// vcpu 0 loaded on CPU 0 and vcpu 1 on CPU 1; the guest of vcpu 0 reads its MPIDR_EL1, then
    /// a thread on CPU 1 reads vcpu 0's MPIDR_EL1 through the accessor.
    static func observe(mode: HostMode) -> Observation {
        let cpus = physicalAffinity.map { affinity in
            SimulatedCPU(mode: mode) { $0 == .MPIDR_EL1 ? affinity : 0 }
        }
        var hosts = [CPUContext<SysReg>(), CPUContext<SysReg>()]
        let mpidr = SysReg.allCases.first { String(describing: $0) == "MPIDR_EL1" }!
        var vcpus = vcpuAffinity.map { affinity in
            var vcpu = VCPU<SysReg>()
            vcpu.context[mpidr] = affinity
            return vcpu
        }
        for index in vcpus.indices {
            vcpus[index].load(on: cpus[index], host: &hosts[index], mode: mode)
            vcpus[index].enterGuest(on: cpus[index], host: &hosts[index], mode: mode)
        }
        let guestSees = cpus[0].read(PhysicalRegister.MPIDR_EL1.encoding, in: .el1) ?? 0
        cpus[1].clearRecord()
        let otherThreadReads = vcpus[0].read(mpidr, on: cpus[1])
        return Observation(guestSees: guestSees, otherThreadReads: otherThreadReads, otherCPUAccesses: cpus[1].record)
    }
}
