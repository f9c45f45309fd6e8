import SysRegRuntime
import SysRegs
import Testing

/// `OrdinalEnum` reads a case's position from the enum's tag, which the Swift ABI numbers in
/// declaration order (docs/ABI/TypeLayout.rst, "C-Like Enums"): these check that reading on
/// each tag size, against cases named by their position.
@Suite("Enums whose raw value is their case's position")
struct OrdinalEnumTests {
    enum One: OrdinalEnum {
        case only
        static var caseCount: Int { 1 }
    }

    enum Three: OrdinalEnum {
        case zero, one, two
        static var caseCount: Int { 3 }
    }

    /// 257 cases: one more than a byte's tags, so the tag takes two bytes and nine bits.
    enum TwoBytes: OrdinalEnum {
        case c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15
        case c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30, c31
        case c32, c33, c34, c35, c36, c37, c38, c39, c40, c41, c42, c43, c44, c45, c46, c47
        case c48, c49, c50, c51, c52, c53, c54, c55, c56, c57, c58, c59, c60, c61, c62, c63
        case c64, c65, c66, c67, c68, c69, c70, c71, c72, c73, c74, c75, c76, c77, c78, c79
        case c80, c81, c82, c83, c84, c85, c86, c87, c88, c89, c90, c91, c92, c93, c94, c95
        case c96, c97, c98, c99, c100, c101, c102, c103, c104, c105, c106, c107, c108, c109, c110, c111
        case c112, c113, c114, c115, c116, c117, c118, c119, c120, c121, c122, c123, c124, c125, c126, c127
        case c128, c129, c130, c131, c132, c133, c134, c135, c136, c137, c138, c139, c140, c141, c142, c143
        case c144, c145, c146, c147, c148, c149, c150, c151, c152, c153, c154, c155, c156, c157, c158, c159
        case c160, c161, c162, c163, c164, c165, c166, c167, c168, c169, c170, c171, c172, c173, c174, c175
        case c176, c177, c178, c179, c180, c181, c182, c183, c184, c185, c186, c187, c188, c189, c190, c191
        case c192, c193, c194, c195, c196, c197, c198, c199, c200, c201, c202, c203, c204, c205, c206, c207
        case c208, c209, c210, c211, c212, c213, c214, c215, c216, c217, c218, c219, c220, c221, c222, c223
        case c224, c225, c226, c227, c228, c229, c230, c231, c232, c233, c234, c235, c236, c237, c238, c239
        case c240, c241, c242, c243, c244, c245, c246, c247, c248, c249, c250, c251, c252, c253, c254, c255
        case c256
        static var caseCount: Int { 257 }
    }

    /// Checks every `OrdinalEnum` member of `Enum` against `expected`, its cases in declaration order.
    func check<Enum: OrdinalEnum>(_ expected: [Enum], size: Int) {
        #expect(MemoryLayout<Enum>.size == size)
        #expect(Enum.allCases.count == Enum.caseCount)
        #expect(Enum.allCases == expected)
        for (position, value) in expected.enumerated() {
            #expect(value.rawValue == position)
            #expect(Enum(rawValue: position) == value)
        }
        #expect(Enum(rawValue: -1) == nil)
        #expect(Enum(rawValue: Enum.caseCount) == nil)
        #expect(Enum(rawValue: Int.max) == nil)
        #expect(Set(expected).count == expected.count)
        #expect(Set(expected.map(\.hashValue)).count > 1 || expected.count == 1)
    }

    @Test("one case: an empty type, raw value 0")
    func oneCase() {
        check([One.only], size: 0)
    }

    @Test("three cases: a one-byte tag, positions in declaration order, not names' order")
    func threeCases() {
        check([Three.zero, .one, .two], size: 1)
        #expect(Three.two != .one && Three.one == .one)
    }

    @Test("257 cases: a two-byte tag of nine bits")
    func twoByteTag() {
        check(TwoBytes.allCases, size: 2)
        #expect(TwoBytes.c0.rawValue == 0)
        #expect(TwoBytes.c255.rawValue == 255)
        #expect(TwoBytes.c256.rawValue == 256)
        #expect(TwoBytes(rawValue: 256) == .c256)
        #expect(TwoBytes(rawValue: 129) == .c129)
        // The runtime names a case by its tag too: the case at each position is the one declared there.
        #expect(TwoBytes.allCases.map { "\($0)" } == (0..<257).map { "c\($0)" })
    }

    @Test("the generated enums: each case's raw value is its position in the register file")
    func generatedEnums() {
        // Seed facts, pinned on purpose: the shipped file's first registers, in file order.
        #expect(SysReg.CSSELR_EL1.rawValue == 0)
        #expect(SysReg.SCTLR_EL1.rawValue == 1)
        #expect(SysReg(rawValue: 1) == .SCTLR_EL1)
        check(SysReg.allCases, size: 1)
        check(SystemRegister.allCases, size: MemoryLayout<SystemRegister>.size)
        check(AArch32SysReg.allCases, size: 1)
        check(SysRegGroup.allCases, size: 1)
        #expect(SysReg.allCases.map(\.systemRegister.description) == SysReg.allCases.map { "\($0)" })
    }
}
