/// The third stage's output for one target language: everything its templates show, as
/// ready-made text, flags and lists, built from the validated model.
///
/// Templates only place these values; every decision is made in the view, in Swift, where it
/// is tested. Each target language has a view of its own, so that no view knows another
/// language's syntax or rules; a template names the view it is written against (see
/// ``ViewKind``).
public protocol TargetView: TemplateContext {
    /// Builds the view of a validated register file. A name the language cannot use is a
    /// diagnostic at the name's place in the register file.
    init(_ file: RegisterFile) throws(DiagnosticList)
}

/// The views templates can be written against. A template names its view in a comment,
/// `{{! view: kernel-c }}`; one that names none is written against the Swift view.
public enum ViewKind: String, CaseIterable, Sendable {
    /// ``SwiftView``: the SysRegs module.
    case swift
    /// ``KernelCView``: kernel-style C, the kernel's KVM switches and save/restore routines.
    case kernelC = "kernel-c"
    /// ``BackendView``: the C switch executing MRS and MSR on the CPU (`SysRegHardwareC`).
    case backendC = "backend-c"
    /// ``KernelDefsView``: the kernel's `asm/sysreg-defs.h`, as its `gen-sysreg.awk` prints it.
    case kernelDefs = "kernel-defs"

    /// The view a template uses when it names none.
    public static let standard = ViewKind.swift

    /// The view's type.
    public var type: any TargetView.Type {
        switch self {
        case .swift: SwiftView.self
        case .kernelC: KernelCView.self
        case .backendC: BackendView.self
        case .kernelDefs: KernelDefsView.self
        }
    }
}
