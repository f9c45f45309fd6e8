import Foundation
import SysRegRuntime
import Testing

/// Random, seeded vcpu life cycles on VHE and nVHE: after every step the guest, host userspace
/// and the generated accessors agree with a model that keeps every register in memory.
@Suite struct ModelBasedTests {
    /// Sequences per host mode.
    static let sequences: UInt64 = 2000

    /// `SYSREG_SIM_SEED` reruns one reported seed; otherwise seeds 1...sequences.
    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["SYSREG_SIM_SEED"],
            let seed = UInt64(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16)
        {
            return [seed]
        }
        return Array(1...sequences)
    }

    @Test(arguments: HostMode.allCases)
    func deferralIsInvisible(mode: HostMode) {
        let failure = ModelChecker.check(mode: mode, seeds: Self.seeds)
        #expect(failure == nil, "\(failure ?? "")")
    }
}
