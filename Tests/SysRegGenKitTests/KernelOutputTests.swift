import Foundation
import Testing

@testable import SysRegGenKit

/// A register file for the C template set: an EL0 register with an EL02 alias, an EL1 register
/// with an EL12 alias and a long name, one E2H does not redirect, one saved `via` another, a
/// second group whose name is two words, and a group switched only for a 32-bit EL1.
private let kernelFixture = """
    version: 1
    groups:
      - name: el1
        switched: load-put
      - name: el2Return
        switched: entry-exit
      - name: aarch32
        switched: entry-exit
        condition: aarch32-el1
    registers:
      - name: CNTV_CTL_EL0
        encoding: S3_3_C14_C3_1
        el12: S3_5_C14_C3_1
        class: deferred
        group: el1
      - name: CONTEXTIDR_EL1
        encoding: S3_0_C13_C0_1
        el12: S3_5_C13_C0_1
        class: deferred
        group: el1
      - name: TPIDR_EL1
        encoding: S3_0_C13_C0_4
        class: deferred
        group: el1
      - name: MPIDR_EL1
        encoding: S3_0_C0_C0_5
        class: immediate
        group: el1
        via:
          name: VMPIDR_EL2
          encoding: S3_4_C0_C0_5
      - name: ELR_EL2
        encoding: S3_4_C4_C0_1
        class: immediate
        group: el2Return
      - name: DACR32_EL2
        encoding: S3_4_C3_C0_0
        class: immediate
        group: aarch32

    """

@Suite("Kernel-style C output")
struct KernelOutputTests {
    /// The C template set rendered on `kernelFixture`, by output name.
    func renderC() throws -> [String: String] {
        try withTemporaryFolder { folder in
            try write(kernelFixture, to: folder + "/registers.yaml")
            let options = GeneratorOptions(
                inputPath: folder + "/registers.yaml", templates: .builtin("c"), outputPath: folder + "/out")
            return Dictionary(
                uniqueKeysWithValues: try GeneratorPipeline.render(options).map { ($0.name, $0.contents) })
        }
    }

    /// The lines of `text` that start with a tab or `static`: the C code, not the comments.
    func codeLines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("\t") || $0.hasPrefix("static") }
    }

    @Test("the view names each accessor's encoding as the kernel does, aligned with tabs")
    func accessorView() throws {
        let view = KernelCView(try validate(kernelFixture))
        #expect(view.kernelAccessors.map(\.label) == ["case CNTV_CTL_EL0:", "case CONTEXTIDR_EL1:", "case TPIDR_EL1:"])
        #expect(
            view.kernelAccessors.map(\.read) == [
                "return read_sysreg_s(cntv_ctl_EL02);", "return read_sysreg_s(contextidr_EL12);",
                "return read_sysreg_s(SYS_TPIDR_EL1);",
            ])
        // `\tcase CONTEXTIDR_EL1:` ends at column 29, so the statements start at 32.
        #expect(view.kernelAccessors.map(\.labelPadding) == ["\t", "\t", "\t\t"])
        #expect(view.kernelGroups.map(\.name) == ["el1", "el2_return", "aarch32"])
        #expect(view.kernelGroups.map(\.aarch32Only) == [false, false, true])
        #expect(
            view.kernelGroups[0].registers.map(\.reader) == [
                "read_sysreg_el0", "read_sysreg_el1", "read_sysreg", "read_sysreg",
            ])
        #expect(view.kernelGroups[0].registers.map(\.operand) == ["cntv_ctl", "contextidr", "tpidr_el1", "vmpidr_el2"])
    }

    @Test("sys_regs.c: the read and write switches, each column at one tab stop")
    func switches() throws {
        let outputs = try renderC()
        #expect(outputs.keys.sorted() == ["sys_regs.c", "sysreg-sr.c"])
        #expect(
            codeLines(outputs["sys_regs.c"]) == [
                "\tswitch (reg) {",
                "\tcase CNTV_CTL_EL0:\treturn read_sysreg_s(cntv_ctl_EL02);",
                "\tcase CONTEXTIDR_EL1:\treturn read_sysreg_s(contextidr_EL12);",
                "\tcase TPIDR_EL1:\t\treturn read_sysreg_s(SYS_TPIDR_EL1);",
                "\t}",
                "\tswitch (reg) {",
                "\tcase CNTV_CTL_EL0:\twrite_sysreg_s(val, cntv_ctl_EL02);\treturn;",
                "\tcase CONTEXTIDR_EL1:\twrite_sysreg_s(val, contextidr_EL12);\treturn;",
                "\tcase TPIDR_EL1:\t\twrite_sysreg_s(val, SYS_TPIDR_EL1);\treturn;",
                "\t}",
            ])
    }

    @Test("sysreg-sr.c: one save and one restore routine per group, in file order")
    func saveRestore() throws {
        #expect(
            codeLines(try renderC()["sysreg-sr.c"]) == [
                "static void __hyp_text __sysreg_save_el1_state(struct kvm_cpu_context *ctxt)",
                "\tctxt->sys_regs[CNTV_CTL_EL0]\t= read_sysreg_el0(cntv_ctl);",
                "\tctxt->sys_regs[CONTEXTIDR_EL1]\t= read_sysreg_el1(contextidr);",
                "\tctxt->sys_regs[TPIDR_EL1]\t= read_sysreg(tpidr_el1);",
                "\tctxt->sys_regs[MPIDR_EL1]\t= read_sysreg(vmpidr_el2);",
                "static void __hyp_text __sysreg_restore_el1_state(struct kvm_cpu_context *ctxt)",
                "\twrite_sysreg_el0(ctxt->sys_regs[CNTV_CTL_EL0],\t\tcntv_ctl);",
                "\twrite_sysreg_el1(ctxt->sys_regs[CONTEXTIDR_EL1],\tcontextidr);",
                "\twrite_sysreg(ctxt->sys_regs[TPIDR_EL1],\t\t\ttpidr_el1);",
                "\twrite_sysreg(ctxt->sys_regs[MPIDR_EL1],\t\t\tvmpidr_el2);",
                "static void __hyp_text __sysreg_save_el2_return_state(struct kvm_cpu_context *ctxt)",
                "\tctxt->sys_regs[ELR_EL2]\t= read_sysreg(elr_el2);",
                "static void __hyp_text __sysreg_restore_el2_return_state(struct kvm_cpu_context *ctxt)",
                "\twrite_sysreg(ctxt->sys_regs[ELR_EL2],\telr_el2);",
                "static void __hyp_text __sysreg_save_aarch32_state(struct kvm_vcpu *vcpu)",
                "\tstruct kvm_cpu_context *ctxt = &vcpu->arch.ctxt;",
                "\tif (!vcpu_el1_is_32bit(vcpu))",
                "\t\treturn;",
                "\tctxt->sys_regs[DACR32_EL2]\t= read_sysreg(dacr32_el2);",
                "static void __hyp_text __sysreg_restore_aarch32_state(struct kvm_vcpu *vcpu)",
                "\tstruct kvm_cpu_context *ctxt = &vcpu->arch.ctxt;",
                "\tif (!vcpu_el1_is_32bit(vcpu))",
                "\t\treturn;",
                "\twrite_sysreg(ctxt->sys_regs[DACR32_EL2],\tdacr32_el2);",
            ])
    }

    @Test("every C template declares the text content type")
    func templatesDeclareText() throws {
        let folder = try BuiltinResources.located().folder(ofSet: "c")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(names.sorted() == ["sys_regs.c.mustache", "sysreg-sr.c.mustache"])
        for name in names {
            #expect(try contents(of: folder + "/" + name).hasPrefix("{{% CONTENT_TYPE: TEXT}}\n"), "\(name)")
        }
    }
}
