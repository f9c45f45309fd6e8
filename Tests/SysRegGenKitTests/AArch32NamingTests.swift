import Testing

@Suite("AArch32 views named like Optional's cases")
struct AArch32NamingTests {
    /// PAR_EL1 with its two AArch32 views (the Arm ARM's PAR: `MRC p15, 0, <Rt>, c7, c4, 0` and
    /// `MRRC p15, 0, <Rt>, <Rt2>, c7`), renamed `none` and `some`: names the register file
    /// accepts, which a lookup returning `AArch32SysReg?` could mistake for `Optional.none`.
    static let file = """
        version: 1
        groups:
          - name: el1
            switched: load-put
        registers:
          - name: PAR_EL1
            encoding: S3_0_C7_C4_0
            class: deferred
            group: el1
            aarch32:
              - name: none
                encoding: p15, 0, c7, c4, 0
                part: low
              - name: some
                encoding: p15, 0, c7
                part: all

        """

    @Test("a trapped encoding finds the view named `none` or `some`, built without warnings")
    func lookupFindsEachCase() throws {
        let output = try runAgainstRendered(
            Self.file,
            """
            import SysRegRuntime
            import SysRegs

            for register in AArch32SysReg.allCases {
                print(register, AArch32SysReg(encoding: register.encoding).map { "\\($0)" } ?? "nil")
            }
            """, [])
        #expect(output == ["none none", "some some"])
    }
}
