import SysRegHardwareC
import SysRegRuntime

/// The CPU this code runs on, as a ``SystemRegisterCPU``: every read is an `MRS` and every
/// write an `MSR` of the register the encoding names.
///
/// The instructions come from the generated switch in `Generated/Backend/sysreg_hw.c`, one case
/// per encoding the register file's generated code uses (registers, `*_EL12` aliases, `via`
/// registers). Run it at EL2, as a bare-metal hypervisor does: a Linux process runs at EL0,
/// where MRS and MSR of EL1 and EL2 registers trap (the process gets `SIGILL`).
///
/// An encoding the register file does not use executes nothing: ``read(_:)`` returns 0 and
/// ``write(_:_:)`` does nothing, so no value from a guest (a trapped encoding) can make the
/// host take an exception; ``readIfKnown(_:)`` and ``writeIfKnown(_:_:)`` tell the two apart.
/// Built for any architecture but AArch64 it executes nothing for every encoding
/// (``executesInstructions`` is false), so that packages using it build and test anywhere.
public struct HardwareCPU: SystemRegisterCPU, Sendable {
    /// The CPU the caller runs on.
    public init() {}

    /// True when built for AArch64, where reads and writes execute MRS and MSR.
    public static var executesInstructions: Bool { sysreg_hw_executes_instructions() }

    /// `MRS` of `encoding`; 0 when the register file does not use it.
    public func read(_ encoding: SystemRegisterEncoding) -> UInt64 {
        readIfKnown(encoding) ?? 0
    }

    /// `MSR` of `value` to `encoding`; nothing when the register file does not use it.
    public func write(_ encoding: SystemRegisterEncoding, _ value: UInt64) {
        _ = writeIfKnown(encoding, value)
    }

    /// `MRS` of `encoding`, or `nil` without executing anything when the register file does
    /// not use it (or the build is not for AArch64).
    public func readIfKnown(_ encoding: SystemRegisterEncoding) -> UInt64? {
        var value: UInt64 = 0
        return sysreg_hw_read(encoding.packedID, &value) ? value : nil
    }

    /// `MSR` of `value` to `encoding`; false, without executing anything, when the register
    /// file does not use it (or the build is not for AArch64).
    public func writeIfKnown(_ encoding: SystemRegisterEncoding, _ value: UInt64) -> Bool {
        sysreg_hw_write(encoding.packedID, value)
    }
}
