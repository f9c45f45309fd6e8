import QEMUSupport
import SysRegHardware
import SysRegRuntime
import SysRegs

// The harness's only use of the vcpu life-cycle API, so that a change of that API changes this
// file alone.

/// QEMU's CPU through the generated backend, except for the registers the probe at startup found
/// QEMU's CPU does not implement (`NameTable.probe`): those read 0 and ignore writes, so that
/// the generated routines run on it without UNDEFINED accesses at EL2 (which would also replace
/// the guest's ELR_EL2 and SPSR_EL2). Every other access executes the backend's MRS or MSR.
struct QEMUCPU: SystemRegisterCPU {
    /// The generated backend.
    let hardware = HardwareCPU()

    /// True for an encoding of a register QEMU's CPU does not implement.
    func isUndefined(_ encoding: SystemRegisterEncoding) -> Bool {
        el2_is_undefined(
            UInt64(encoding.op0), UInt64(encoding.op1), UInt64(encoding.crn), UInt64(encoding.crm),
            UInt64(encoding.op2)) != 0
    }

    func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
        isUndefined(encoding) ? 0 : hardware.read(encoding)
    }

    func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {
        guard !isUndefined(encoding) else { return }
        hardware.write(encoding, value)
    }
}

/// The host: its mode and, while no vcpu is loaded on it, its CPU.
struct Host: ~Copyable {
    /// VHE or nVHE, fixed for the host.
    let mode: HostMode
    /// QEMU's CPU through the generated backend; nil while a vcpu holds it, between load and put.
    var cpu: HostCPU<QEMUCPU>?

    /// A host in `mode`.
    init(mode: HostMode) {
        self.mode = mode
        cpu = HostCPU(QEMUCPU(), mode: mode)
    }
}

/// One vcpu of the generated module, loaded or not.
struct VirtualCPU: ~Copyable {
    /// The vcpu while not loaded.
    var unloaded: VCPU<SysReg>?
    /// The vcpu while loaded.
    var loaded: LoadedVCPU<SysReg, QEMUCPU>?

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
