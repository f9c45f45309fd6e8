import Foundation
import SysRegGenKit

/// libFuzzer's entry point: any bytes as a kernel-format register file, through the parser, the
/// standalone import and, when that parses, the validator and the kernel header's view. Every
/// outcome is a model or diagnostics; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKernelSysreg(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do {
        let file = try KernelSysregFile.parse(text, path: "fuzz.sysreg")
        let (yaml, _) = KernelSysregImport.standalone(file)
        let model = try RegisterFileValidator.validate(try YAMLLoader.parse(Data(yaml.utf8), path: "fuzz.yaml"))
        _ = KernelDefsView(model)
    } catch {
        _ = error.description
    }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the fuzzing loop.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable target's entry point under this name; it hands control to
/// libFuzzer's driver, since the target has no `main` of its own.
@_cdecl("FuzzKernelSysreg_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzzKernelSysreg)
}
