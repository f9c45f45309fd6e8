/// SplitMix64: a small seeded generator, so that a seed always gives the same register file on
/// every platform (the standard library's generator is neither seedable nor stable).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next value of the sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes synthetic register files (schema version 1) of any size that pass `sysreg-gen lint`.
///
/// They exercise what real files have, in proportions chosen so that every feature grows with
/// the register count: groups of every kind (load-put, entry-exit, shared with the host, only
/// for an AArch32 EL1), deferred and immediate registers, `*_EL12`/`*_EL02` aliases, `via`
/// registers and AArch32 counterparts (32-bit halves and 64-bit views).
public enum SyntheticRegisterFile {
    /// The most registers a file can have: every op0 (2, 3) × op1 (0…7 except 5, which the
    /// aliases use) × CRn × CRm × op2 encoding, less room for the `via` registers.
    public static let maximumCount = 26_000

    /// The YAML text of a file with `count` registers (at least 5, at most ``maximumCount``),
    /// the same bytes for the same `count` and `seed`.
    public static func yaml(count: Int, seed: UInt64) -> String {
        precondition((5...maximumCount).contains(count), "count must be in 5...\(maximumCount)")
        var random = SplitMix64(seed: seed)
        var out = "# A synthetic register file: \(count) registers, seed \(seed).\n"
        out += "# Written by `swift run synth-registers` in Benchmarks/; not real registers.\n"
        out += "version: 1\n\ngroups:\n"

        // One group per 200 registers (at least five), cycling through the five kinds the
        // shipped file has, so the save/restore switches and load/put grow with the file too.
        let groupCount = max(5, count / 200)
        let groups = (0..<groupCount).map { Group(index: $0) }
        for group in groups {
            out += "  - name: \(group.name)\n    switched: \(group.loadPut ? "load-put" : "entry-exit")\n"
            if group.shared { out += "    shared-with-host: true\n" }
            if group.aarch32Only { out += "    condition: aarch32-el1\n" }
            out += "    doc: Synthetic group \(group.index)\n"
        }

        // Distinct encodings in a seeded order; op1 = 5 is left for the aliases, so an alias
        // (a register's own encoding with op1 = 5) never meets another register's encoding.
        var encodings: [Encoding] = []
        for op0 in 2...3 {
            for op1 in 0...7 where op1 != 5 {
                for crn in 0...15 {
                    for crm in 0...15 {
                        for op2 in 0...7 { encodings.append(Encoding(op0, op1, crn, crm, op2)) }
                    }
                }
            }
        }
        encodings.shuffle(using: &random)
        var nextEncoding = encodings.makeIterator()
        var usedAliases: Set<Encoding> = []
        var nextCoprocessor32 = 0
        var nextCoprocessor64 = 0

        out += "\nregisters:\n"
        for index in 0..<count {
            // The first registers fill every group once, so no group is empty.
            let group = index < groupCount ? groups[index] : groups[Int(random.next() % UInt64(groupCount))]
            let roll = random.next() % 100
            let deferred = group.loadPut && roll < 85
            let suffix =
                group.loadPut
                ? (roll % 10 < 7 ? "EL1" : "EL0")
                : (roll % 10 < 4 ? "EL1" : "EL2")
            let name = "SYN\(index)_\(suffix)"
            let encoding = nextEncoding.next()!
            out += "  - name: \(name)\n    encoding: \(encoding)\n"
            // Most deferred EL1/EL0 registers are redirected by E2H, as in the shipped file; the
            // validator allows an alias only where E2H redirects: an EL1 register with op1 = 0,
            // an EL0 register with op1 = 3.
            if deferred, suffix != "EL2", random.next() % 10 < 6 {
                let alias = Encoding(encoding.op0, 5, encoding.crn, encoding.crm, encoding.op2)
                let redirected = encoding.op1 == (suffix == "EL1" ? 0 : 3)
                if redirected, usedAliases.insert(alias).inserted { out += "    el12: \(alias)\n" }
            }
            out += "    class: \(deferred ? "deferred" : "immediate")\n    group: \(group.name)\n"
            if !deferred, suffix == "EL1", random.next() % 20 == 0 {
                out += "    via:\n      name: VSYN\(index)_EL2\n      encoding: \(nextEncoding.next()!)\n"
            }
            // A quarter have AArch32 views: the low half, sometimes the high half, and now and
            // then the 64-bit MRRC/MCRR view (of which there are only 16 × 16 × 16).
            if random.next() % 4 == 0 {
                out += "    aarch32:\n"
                out += counterpart("A32SYN\(index)", coprocessor32(&nextCoprocessor32), part: "low")
                if random.next() % 3 == 0 {
                    out += counterpart("A32SYN\(index)HI", coprocessor32(&nextCoprocessor32), part: "high")
                }
                if random.next() % 5 == 0, nextCoprocessor64 < 16 * 16 * 16 {
                    let value = nextCoprocessor64
                    nextCoprocessor64 += 1
                    let text = "p\(value % 16), \(value / 16 % 16), c\(value / 256)"
                    out += counterpart("A32SYN\(index)W", text, part: "all")
                }
            }
            out += "    doc: Synthetic register \(index) of group \(group.name)\n"
        }
        return out
    }

    /// The next unused MRC/MCR encoding, walking coproc fastest so that they spread over all 16.
    private static func coprocessor32(_ next: inout Int) -> String {
        let value = next
        next += 1
        let coproc = value % 16
        let opc1 = value / 16 % 8
        let crn = value / 128 % 16
        let crm = value / 2048 % 16
        let opc2 = value / 32768 % 8
        return "p\(coproc), \(opc1), c\(crn), c\(crm), \(opc2)"
    }

    private static func counterpart(_ name: String, _ encoding: String, part: String) -> String {
        "      - name: \(name)\n        encoding: \(encoding)\n        part: \(part)\n"
    }
}

/// One synthetic group; its kind follows from its index.
private struct Group {
    let index: Int

    var name: String { "group\(index)" }
    var loadPut: Bool { index % 5 == 0 || index % 5 == 2 }
    var shared: Bool { index % 5 == 1 || index % 5 == 2 }
    var aarch32Only: Bool { index % 5 == 4 }
}

/// An AArch64 encoding, printed as the assembler's generic name.
private struct Encoding: Hashable, CustomStringConvertible {
    let op0: Int
    let op1: Int
    let crn: Int
    let crm: Int
    let op2: Int

    init(_ op0: Int, _ op1: Int, _ crn: Int, _ crm: Int, _ op2: Int) {
        self.op0 = op0
        self.op1 = op1
        self.crn = crn
        self.crm = crm
        self.op2 = op2
    }

    var description: String { "S\(op0)_\(op1)_C\(crn)_C\(crm)_\(op2)" }
}
