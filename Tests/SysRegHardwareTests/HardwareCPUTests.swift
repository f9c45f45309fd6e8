import SysRegHardware
import SysRegRuntime
import SysRegs
import Testing

/// What `HardwareCPU` does where it cannot execute MRS and MSR. On AArch64 its instructions run
/// only at EL2, so they are exercised by `Tests/QEMU/run.sh` on QEMU's CPU, not here: a Linux
/// process runs at EL0, where they trap.
@Suite("HardwareCPU off AArch64")
struct HardwareCPUTests {
    /// Every encoding the generated code uses: each register's own and its EL12 alias.
    let encodings = SysReg.allCases.flatMap { [$0.encoding] + ($0.el12.map { [$0] } ?? []) }

    @Test(
        "built for another architecture, it executes nothing: reads give 0, writes are dropped",
        .enabled(if: !HardwareCPU.executesInstructions, "built for AArch64: Tests/QEMU/run.sh runs it at EL2"))
    func executesNothingOffAArch64() {
        let cpu = HardwareCPU()
        for encoding in encodings {
            #expect(cpu.readIfKnown(encoding) == nil, "\(encoding)")
            #expect(!cpu.writeIfKnown(encoding, 0xFFFF_FFFF_FFFF_FFFF), "\(encoding)")
            #expect(cpu.read(encoding) == 0, "\(encoding)")
        }
    }

    @Test("the build's architecture decides whether it executes instructions")
    func executesOnlyOnAArch64() {
        #if arch(arm64)
            #expect(HardwareCPU.executesInstructions)
        #else
            #expect(!HardwareCPU.executesInstructions)
        #endif
    }
}
