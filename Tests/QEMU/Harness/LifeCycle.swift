import SysRegHardware
import SysRegRuntime
import SysRegs

// The harness's only use of the vcpu life-cycle API, so that a change of that API changes this
// file alone.

/// The host: its mode and, while no vcpu is loaded on it, its CPU.
struct Host: ~Copyable {
    /// VHE or nVHE, fixed for the host.
    let mode: HostMode
    /// QEMU's CPU through the generated backend; nil while a vcpu holds it, between load and put.
    var cpu: HostCPU<HardwareCPU>?

    /// A host in `mode`.
    init(mode: HostMode) {
        self.mode = mode
        cpu = HostCPU(HardwareCPU(), mode: mode)
    }
}

/// One vcpu of the generated module, loaded or not.
struct VirtualCPU: ~Copyable {
    /// The vcpu while not loaded.
    var unloaded: VCPU<SysReg>?
    /// The vcpu while loaded.
    var loaded: LoadedVCPU<SysReg, HardwareCPU>?

    /// A vcpu whose EL1 is AArch32 when `el1IsAArch32`.
    init(el1IsAArch32: Bool) {
        unloaded = VCPU(el1IsAArch32: el1IsAArch32)
    }

    /// vcpu_load: binds the vcpu to the host's CPU.
    mutating func load(_ host: inout Host) {
        let vcpu = unloaded.take()!
        loaded = vcpu.load(on: host.cpu.take()!)
    }

    /// vcpu_put: gives the CPU back to the host.
    mutating func put(_ host: inout Host) {
        let result = loaded.take()!.put()
        let vcpu = result.vcpu
        let cpu = result.host
        unloaded = consume vcpu
        host.cpu = consume cpu
    }

    /// The switch to the guest before running it.
    mutating func enter() {
        var vcpu = loaded.take()!
        vcpu.enterGuest()
        loaded = consume vcpu
    }

    /// The switch back to the host after the guest exits.
    mutating func exit() {
        var vcpu = loaded.take()!
        vcpu.exitGuest()
        loaded = consume vcpu
    }

    /// vcpu_read_sys_reg.
    mutating func read(_ register: SysReg) -> UInt64 {
        if let vcpu = loaded.take() {
            let value = vcpu.read(register)
            loaded = consume vcpu
            return value
        }
        let vcpu = unloaded.take()!
        let value = vcpu.read(register)
        unloaded = consume vcpu
        return value
    }

    /// vcpu_write_sys_reg.
    mutating func write(_ register: SysReg, _ value: UInt64) {
        if var vcpu = loaded.take() {
            vcpu.write(register, value)
            loaded = consume vcpu
            return
        }
        var vcpu = unloaded.take()!
        vcpu.write(register, value)
        unloaded = consume vcpu
    }
}
