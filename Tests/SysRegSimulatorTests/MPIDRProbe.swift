// Shared by ImmediateClassTests and the mutation harness (MutatedBuild.swift), so it imports no
// test framework.

import SysRegRuntime
import SysRegSimulator
import SysRegs

/// The GIC emulation's view of a vcpu's MPIDR_EL1: it asks the generated accessor (the kernel's
/// `vcpu_read_sys_reg`) while the vcpu is loaded and running, from a thread that may be on another
/// physical CPU. The accessor must answer from memory: an MRS it executed would reach the CPU of
/// whichever thread runs it, which the types here bind to the vcpu's own CPU.
enum MPIDRProbe {
    /// Each physical CPU's own MPIDR_EL1 (its affinity as the host sees it).
    static let physicalAffinity: [UInt64] = [0x8000_0000, 0x8000_0001]
    /// Each vcpu's MPIDR_EL1, as KVM sets it at vcpu reset.
    static let vcpuAffinity: [UInt64] = [0x100, 0x101]

    /// What the guest and the accessor read, and the CPU accesses the accessor made.
    struct Observation {
        /// vcpu 0's guest executing MRS MPIDR_EL1 on CPU 0.
        var guestSees: UInt64
        /// vcpu 0's MPIDR_EL1 through the accessor.
        var accessorReads: UInt64
        /// The MRS/MSR the accessor executed on any CPU: none for an immediate register.
        var accessorCPUAccesses: [Access]
    }

    /// vcpu 0 loaded on CPU 0 and vcpu 1 on CPU 1, both running; the guest of vcpu 0 reads its
    /// MPIDR_EL1, then the hypervisor reads vcpu 0's MPIDR_EL1 through the accessor.
    static func observe(mode: HostMode) -> Observation {
        let cpus = physicalAffinity.map { affinity in
            SimulatedCPU(mode: mode) { $0 == .MPIDR_EL1 ? affinity : 0 }
        }
        let mpidr = SysReg.allCases.first { String(describing: $0) == "MPIDR_EL1" }!
        func running(_ index: Int) -> LoadedVCPU<SysReg, SimulatedCPU> {
            var vcpu = VCPU<SysReg>()
            vcpu.write(mpidr, vcpuAffinity[index])
            var loaded = vcpu.load(on: HostCPU(cpus[index], mode: mode))
            loaded.enterGuest()
            return loaded
        }
        let vcpu0 = running(0)
        let vcpu1 = running(1)
        let guestSees = cpus[0].read(PhysicalRegister.MPIDR_EL1.encoding, in: .el1) ?? 0
        for cpu in cpus { cpu.clearRecord() }
        let accessorReads = vcpu0.read(mpidr)
        _ = vcpu1
        return Observation(
            guestSees: guestSees, accessorReads: accessorReads, accessorCPUAccesses: cpus.flatMap(\.record))
    }
}
