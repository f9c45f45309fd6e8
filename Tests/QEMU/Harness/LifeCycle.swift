import SysRegHardware
import SysRegRuntime
import SysRegs

// The harness's only use of the vcpu life-cycle API, so that a change of that API changes this
// file alone.

/// The host: its mode, its saved state and the CPU it runs on.
struct Host {
    /// VHE or nVHE, fixed for the host.
    let mode: HostMode
    /// The host's registers while a guest's are on the CPU.
    var context = CPUContext<SysReg>()
    /// QEMU's CPU, reached through the generated backend.
    let cpu = HardwareCPU()

    /// A host in `mode`.
    init(mode: HostMode) {
        self.mode = mode
    }
}

/// One vcpu of the generated module, driven through the life-cycle API.
struct VirtualCPU {
    /// The vcpu.
    var vcpu: VCPU<SysReg>

    /// A vcpu whose EL1 is AArch32 when `el1IsAArch32`.
    init(el1IsAArch32: Bool) {
        vcpu = VCPU(el1IsAArch32: el1IsAArch32)
    }

    /// vcpu_load.
    mutating func load(_ host: inout Host) {
        vcpu.load(on: host.cpu, host: &host.context, mode: host.mode)
    }

    /// vcpu_put.
    mutating func put(_ host: inout Host) {
        vcpu.put(on: host.cpu, host: &host.context, mode: host.mode)
    }

    /// The switch to the guest before running it.
    mutating func enter(_ host: inout Host) {
        vcpu.enterGuest(on: host.cpu, host: &host.context, mode: host.mode)
    }

    /// The switch back to the host after the guest exits.
    mutating func exit(_ host: inout Host) {
        vcpu.exitGuest(on: host.cpu, host: &host.context, mode: host.mode)
    }

    /// vcpu_read_sys_reg.
    func read(_ register: SysReg, _ host: Host) -> UInt64 {
        vcpu.read(register, on: host.cpu)
    }

    /// vcpu_write_sys_reg.
    mutating func write(_ register: SysReg, _ value: UInt64, _ host: Host) {
        vcpu.write(register, value, on: host.cpu)
    }
}
