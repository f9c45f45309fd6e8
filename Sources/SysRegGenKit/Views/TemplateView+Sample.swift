import Foundation

extension TemplateView {
    /// A view in which every list has at least one element, so that a template's names can be
    /// checked against every context a render may enter (see `TemplateKeyChecker`). It is built
    /// from a register file with one of everything, through the same stages as a real one.
    static let sample: TemplateView = {
        let yaml = """
            version: 1
            groups:
              - {name: loadPut, switched: load-put}
              - {name: loadPutShared, switched: load-put, shared-with-host: true}
              - {name: entryExit, switched: entry-exit}
              - {name: entryExitShared, switched: entry-exit, shared-with-host: true}
              - {name: conditional, switched: entry-exit, condition: aarch32-el1, doc: Conditional}
            registers:
              - name: SCTLR_EL1
                encoding: S3_0_C1_C0_0
                el12: S3_5_C1_C0_0
                class: deferred
                group: loadPut
                aarch32:
                  - {name: SCTLR, encoding: 'p15, 0, c1, c0, 0', part: low}
                  - {name: SCTLR64, encoding: 'p15, 0, c1', part: all}
                doc: Sample
              - {name: TPIDR_EL0, encoding: S3_3_C13_C0_2, class: deferred, group: loadPutShared}
              - name: MPIDR_EL1
                encoding: S3_0_C0_C0_5
                class: immediate
                group: entryExit
                via: {name: VMPIDR_EL2, encoding: S3_4_C0_C0_5}
              - {name: SP_EL0, encoding: S3_0_C4_C1_0, class: immediate, group: entryExitShared}
              - {name: DACR32_EL2, encoding: S3_4_C3_C0_0, class: immediate, group: conditional}
            """
        // A constant input that a test validates: failure here is a programming error.
        let document = try! YAMLLoader.parse(Data(yaml.utf8), path: "sample")
        return TemplateView(try! RegisterFileValidator.validate(document))
    }()
}
