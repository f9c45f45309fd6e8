import Foundation

/// The kernel-style C view: what the templates of the kernel's KVM code show, spelled as
/// `arch/arm64/kvm` spells it and aligned with tabs as the kernel aligns it.
public struct KernelCView: TargetView {
    /// The cases of the kernel's `vcpu_read_sys_reg`/`vcpu_write_sys_reg`.
    public var kernelAccessors: [KernelAccessorView]
    /// The kernel's save and restore routines, one per group.
    public var kernelGroups: [KernelGroupView]

    /// Builds the view of a validated register file.
    public init(_ file: RegisterFile) {
        kernelAccessors = KernelAccessorView.cases(file)
        kernelGroups = KernelGroupView.groups(file)
    }

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "kernelAccessors": .list { $0.kernelAccessors }, "kernelGroups": .list { $0.kernelGroups },
    ]
}

/// One case of the kernel's `vcpu_read_sys_reg` and `vcpu_write_sys_reg` switches
/// (`arch/arm64/kvm/sys_regs.c`), for the C template set: a deferred register read and written
/// on the CPU while the vcpu is loaded.
///
/// Each string a template places before a run of tabs is given here, because the tabs depend on
/// its width.
public struct KernelAccessorView: TemplateContext {
    /// `case SCTLR_EL1:`
    public var label: String
    /// The tabs after ``label`` that align the statements of the switch.
    public var labelPadding: String
    /// `return read_sysreg_s(sctlr_EL12);`: the alias, lower case with its `_EL12`/`_EL02` kept,
    /// or `SYS_CSSELR_EL1` for a register E2H does not redirect.
    public var read: String
    /// `write_sysreg_s(val, sctlr_EL12);`
    public var write: String
    /// The tabs after ``write`` that align the `return;` of the write switch.
    public var writePadding: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "label": .text { $0.label }, "labelPadding": .text { $0.labelPadding }, "read": .text { $0.read },
        "write": .text { $0.write }, "writePadding": .text { $0.writePadding },
    ]
}

/// A group's `__sysreg_save_*_state` and `__sysreg_restore_*_state` routines
/// (`arch/arm64/kvm/hyp/sysreg-sr.c`), for the C template set.
public struct KernelGroupView: TemplateContext {
    /// The group's name as the routines spell it: `el1`, `el2_return`.
    public var name: String
    /// True when the group is switched only for an AArch32 EL1: its routines then take the vcpu
    /// and return early otherwise, as the kernel's `__sysreg32_save_state` does.
    public var aarch32Only: Bool
    /// The routines' parameter: the context, or the vcpu for a conditional group.
    public var parameter: String
    /// Its registers, in file order.
    public var registers: [KernelTransferView]

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "name": .text { $0.name }, "aarch32Only": .flag { $0.aarch32Only }, "parameter": .text { $0.parameter },
        "registers": .list { $0.registers },
    ]
}

/// One register moved by a kernel save or restore routine.
///
/// Saved as `ctxt->sys_regs[SCTLR_EL1] = read_sysreg_el1(sctlr);`, restored as
/// `write_sysreg_el1(ctxt->sys_regs[SCTLR_EL1], sctlr);`.
public struct KernelTransferView: TemplateContext {
    /// `ctxt->sys_regs[SCTLR_EL1]`: where the context keeps the value.
    public var slot: String
    /// The tabs after ``slot`` that align the save routine's `=`.
    public var savePadding: String
    /// `read_sysreg_el1` for a register E2H redirects (the kernel's macro picks its EL12 alias
    /// on VHE), else `read_sysreg`.
    public var reader: String
    /// `write_sysreg_el1(ctxt->sys_regs[SCTLR_EL1],`: the restore line up to the register.
    public var restoreHead: String
    /// The tabs after ``restoreHead`` that align the restore routine's registers.
    public var restorePadding: String
    /// `sctlr` for `read_sysreg_el1`, `csselr_el1` for `read_sysreg`; `vmpidr_el2` for a
    /// register saved `via` another.
    public var operand: String

    /// The keys its templates name.
    public static let keys: [String: TemplateKey<Self>] = [
        "slot": .text { $0.slot }, "savePadding": .text { $0.savePadding }, "reader": .text { $0.reader },
        "restoreHead": .text { $0.restoreHead }, "restorePadding": .text { $0.restorePadding },
        "operand": .text { $0.operand },
    ]
}

extension KernelAccessorView {
    /// The switch cases of the deferred registers, aligned as the kernel aligns them.
    static func cases(_ file: RegisterFile) -> [KernelAccessorView] {
        let deferred = file.registers.filter { $0.registerClass.value == .deferred }
        let rows = deferred.map { register in
            let encoding =
                switch register.hardwareAccess {
                case .via(let via): "SYS_" + via.name.value
                case .el12Alias: KernelName(register).alias
                case .own: "SYS_" + register.name.value
                }
            return (
                label: "case \(register.name.value):", read: "return read_sysreg_s(\(encoding));",
                write: "write_sysreg_s(val, \(encoding));"
            )
        }
        let paddings = TabAlignment.paddings(
            rows.map { [$0.label, $0.write, "return;"] }, indent: TabAlignment.tabWidth)
        return zip(rows, paddings).map { row, padding in
            KernelAccessorView(
                label: row.label, labelPadding: padding[0], read: row.read, write: row.write, writePadding: padding[1])
        }
    }
}

extension KernelGroupView {
    /// The save/restore routines of every group, in file order.
    static func groups(_ file: RegisterFile) -> [KernelGroupView] {
        let byGroup = Dictionary(grouping: file.registers) { $0.group.value }
        return file.groups.concurrentMap { group in
            let registers = byGroup[group.name.value] ?? []
            let slots = registers.map { "ctxt->sys_regs[\($0.name.value)]" }
            let accesses = registers.map { register in
                switch register.hardwareAccess {
                case .via(let via): ("", via.name.value.lowercased())
                case .el12Alias: ("_" + KernelName(register).level, KernelName(register).base)
                case .own: ("", register.name.value.lowercased())
                }
            }
            let heads = zip(slots, accesses).map { slot, access in "write_sysreg\(access.0)(\(slot)," }
            let indent = TabAlignment.tabWidth
            let savePaddings = TabAlignment.paddings(slots.map { [$0, "="] }, indent: indent)
            let restorePaddings = TabAlignment.paddings(heads.map { [$0, ""] }, indent: indent)
            let aarch32Only = group.condition?.value == .aarch32EL1
            return KernelGroupView(
                name: snakeCase(group.name.value), aarch32Only: aarch32Only,
                parameter: aarch32Only ? "struct kvm_vcpu *vcpu" : "struct kvm_cpu_context *ctxt",
                registers: registers.indices.map { index in
                    KernelTransferView(
                        slot: slots[index], savePadding: savePaddings[index][0],
                        reader: "read_sysreg" + accesses[index].0, restoreHead: heads[index],
                        restorePadding: restorePaddings[index][0], operand: accesses[index].1)
                })
        }
    }

    /// `el2Return` → `el2_return`.
    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" }
            result += character.lowercased()
        }
    }
}

/// How the kernel spells a register E2H redirects: `SCTLR_EL1` has the base `sctlr`, the level
/// `el1` (of `read_sysreg_el1`) and the alias `sctlr_EL12`; `CNTV_CTL_EL0` has `cntv_ctl`,
/// `el0` and `cntv_ctl_EL02`.
private struct KernelName {
    /// The name before its last `_EL`, lower case.
    var base: String
    /// The exception level suffix, lower case: `el1` or `el0`.
    var level: String
    /// The EL12/EL02 alias as the kernel's `*_EL12` defines spell it.
    var alias: String

    init(_ register: Register) {
        let name = register.name.value
        let split = name.range(of: "_EL", options: .backwards)?.lowerBound ?? name.endIndex
        base = name[..<split].lowercased()
        level = name[name.index(after: split)...].lowercased()
        alias = base + register.el12Name.dropFirst(base.count)
    }
}
