import Foundation
import SysRegGenKit

/// libFuzzer's entry point: any bytes through the loader and the validator. Every outcome is
/// either a model or diagnostics; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegisterFile(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    do {
        let model = try RegisterFileValidator.validate(try YAMLLoader.parse(data, path: "fuzz.yaml"))
        _ = KernelCView(model)
        _ = KernelDefsView(model)
        _ = try dumpJSON(model)
        _ = try SwiftView(model)
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
@_cdecl("FuzzRegisterFile_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzzRegisterFile)
}
