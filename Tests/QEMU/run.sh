#!/usr/bin/env bash
# The QEMU check: runs the generated accessors, save/restore and load/put routines, through the
# generated MRS/MSR backend (SysRegHardware), at EL2 on QEMU's `-cpu max`, with and without VHE,
# against a guest at EL1 that reads and writes its registers by their LLVM names.
#
#   Tests/QEMU/run.sh                  check Generated/ (the shipped registers.yaml)
#   Tests/QEMU/run.sh --input FILE     check FILE, regenerated into a temporary folder
#   Tests/QEMU/run.sh --mutants        also build mutants of the generated code; each must fail
#
# Needs qemu-system-aarch64 9 or newer (.ci/install-qemu installs it) and a Swift toolchain with
# Embedded Swift for aarch64-none-none-elf (SWIFT_TOOLCHAIN, default: the one swiftc is from).
# SYSREG_GEN names a built sysreg-gen to use instead of `swift run sysreg-gen`.
# Exits 0 only when every check passes (and, with --mutants, every mutant fails).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Tests/QEMU"
input=""
mutants=0
while [ $# -gt 0 ]; do
    case "$1" in
        --input) input=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        --mutants) mutants=1; shift ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

toolchain=${SWIFT_TOOLCHAIN:-$(dirname "$(readlink -f "$(command -v swiftc)")")}
for tool in swiftc clang ld.lld llvm-objcopy; do
    if [ ! -x "$toolchain/$tool" ]; then
        echo "run.sh: error: no $tool in $toolchain (set SWIFT_TOOLCHAIN to the toolchain's bin)" >&2
        exit 2
    fi
done
if ! command -v qemu-system-aarch64 >/dev/null; then
    echo "run.sh: error: qemu-system-aarch64 is not installed: the QEMU check did not run (.ci/install-qemu installs it)" >&2
    exit 2
fi
major=$(qemu-system-aarch64 --version | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p')
if [ "${major:-0}" -lt 9 ]; then
    echo "run.sh: error: QEMU ${major:-?} is older than 9, which misses an *_EL12 alias used without E2H (.ci/install-qemu)" >&2
    exit 2
fi

work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
start=$(date +%s)

# Renders from `file` into `output` the template set the remaining arguments name
# (`--builtin SET`, or `--templates FOLDER`: that folder's templates only).
generate() {
    local file=$1 output=$2
    shift 2
    if [ -n "${SYSREG_GEN:-}" ]; then
        # A built sysreg-gen (swift test's): `swift run` would wait for the build folder swift test holds.
        (cd "$root" && "$SYSREG_GEN" --input "$file" "$@" --output "$output") >/dev/null
    else
        (cd "$root" && swift run -q sysreg-gen --input "$file" "$@" --output "$output") >/dev/null
    fi
}

# Builds the check program from the generated Swift in $1, the backend in $2 and the names in
# $3, into $4/prog.elf.
build() {
    local swift=$1 backend=$2 names=$3 out=$4
    mkdir -p "$out/modules/SysRegHardwareC"
    printf 'module SysRegHardwareC {\n    header "%s/SysRegHardwareC.h"\n    export *\n}\n' "$backend" \
        >"$out/modules/SysRegHardwareC/module.modulemap"
    local swiftc=("$toolchain/swiftc" -target aarch64-none-none-elf -enable-experimental-feature Embedded -wmo
        -parse-as-library -Osize -Xfrontend -disable-stack-protector -Xfrontend -function-sections -package-name SysRegGen -I "$out/modules" -I "$out/modules/SysRegHardwareC"
        -I "$here/Support")
    module() {
        local name=$1
        shift
        "${swiftc[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
            -c -o "$out/$name.o" "$@"
    }
    # The runtime is the same for every build of a run: compiled once.
    if [ -f "$work/check/SysRegRuntime.o" ] && [ "$out" != "$work/check" ]; then
        cp "$work/check/SysRegRuntime.o" "$out/"
        cp "$work/check/modules/SysRegRuntime.swiftmodule" "$out/modules/"
    else
        module SysRegRuntime "$root"/Sources/SysRegRuntime/*.swift
    fi
    module SysRegs "$swift"/*.swift
    module SysRegHardware "$root"/Sources/SysRegHardware/*.swift
    module QEMUCheck "$here"/Harness/*.swift "$names/Names.swift"
    local clang=("$toolchain/clang" --target=aarch64-none-elf -O2 -ffreestanding -fno-builtin -ffunction-sections -Wall -Werror
        -I "$backend" -I "$here/Support")
    "${clang[@]}" -c -o "$out/backend.o" "$backend/sysreg_hw.c"
    "${clang[@]}" -c -o "$out/support.o" "$here/Support/support.c"
    "${clang[@]}" -c -o "$out/start.o" "$here/Support/start.S"
    "$toolchain/clang" --target=armv8a-none-eabi -marm -I "$here/Support" -c -o "$out/guest32.o32" \
        "$here/Support/guest32.S"
    "$toolchain/llvm-objcopy" -O binary "$out/guest32.o32" "$out/guest32.bin"
    "${clang[@]}" -I "$out" -I "$names" -c -o "$out/registers.o" "$here/Support/registers.S"
    "$toolchain/ld.lld" --gc-sections -T "$here/Support/link.ld" -o "$out/prog.elf" "$out"/*.o \
        "$toolchain/../lib/swift/embedded/aarch64-none-none-elf/libswiftUnicodeDataTables.a"
}

# Assembles one line per name of $1/names.list (`sed` expression $2 makes the line) with LLVM's
# register names and the extensions registers.S enables (its `.cpu`); prints the names refused.
refused() {
    local dir=$1 expression=$2
    { grep -m1 -E '^[[:space:]]*\.(arch|cpu)[[:space:]]' "$here/Support/registers.S"; sed "$expression" "$dir/names.list"; } >"$dir/probe.S"
    { "$toolchain/clang" --target=aarch64-none-elf -c -o /dev/null "$dir/probe.S" 2>&1 || true; } |
        sed -n 's/^.*probe\.S:\([0-9]*\):.*error.*$/\1/p' | sort -un | while read -r line; do
        sed -n "$((line - 1))p" "$dir/names.list"
    done
}

# Generates $1/registers.inc, the guest's table (registers.S), from the register file's names
# ($1/registers.txt): each line `GUEST NAME, flags` (EL1 and EL0 registers) or `EL2 NAME, flags`
# (the AArch32 state EL2 holds). The flags come from LLVM: W when it assembles `msr NAME, x0`,
# R when it names the register's *_EL12 or *_EL02 alias (the Arm ARM's E2H redirection), H for
# an EL0 register E2H does not redirect (the VHE host's own, like TPIDR_EL0). A name LLVM cannot
# read is an error naming the register. ELR_EL2 and SPSR_EL2 enter the guests: not in a table.
tables() {
    local dir=$1
    grep -E '^[A-Z][A-Z0-9_]*$' "$dir/registers.txt" | grep -vxE 'ELR_EL2|SPSR_EL2' >"$dir/names.list"
    grep -m1 -E '^[[:space:]]*\.(arch|cpu)[[:space:]]' "$here/Support/registers.S" >"$dir/probe.S"
    if ! "$toolchain/clang" --target=aarch64-none-elf -c -o /dev/null "$dir/probe.S"; then
        echo "run.sh: error: this toolchain's clang does not take the .cpu line of Tests/QEMU/Support/registers.S" >&2
        exit 2
    fi
    local unreadable unwritable aliased
    unreadable=$(refused "$dir" 's/^.*$/\tmrs x0, &/')
    if [ -n "$unreadable" ]; then
        for name in $unreadable; do
            echo "run.sh: error: $file: register $name: LLVM's assembler has no readable system register of that name, so the guest cannot read it by name (spelled as the Arm ARM spells it? a write-only register cannot be checked by name)" >&2
        done
        exit 2
    fi
    unwritable=$(refused "$dir" 's/^.*$/\tmsr &, x0/')
    # Only EL1 and EL0 names have aliases: an *_EL2 line reads the register itself.
    aliased=$(grep -vxFf <(refused "$dir" 's/_EL1$/_EL12/; s/_EL0$/_EL02/; s/^.*$/\tmrs x0, &/') \
        "$dir/names.list" | grep -E '_EL[01]$' || true)
    local name flags
    while read -r name; do
        flags=0
        grep -qxF "$name" <<<"$unwritable" || flags="$flags|W"
        if grep -qxF "$name" <<<"$aliased"; then
            flags="$flags|R"
        elif [[ $name == *_EL0 ]]; then
            flags="$flags|H"
        fi
        if [[ $name == *_EL2 ]]; then echo "EL2 $name, $flags"; else echo "GUEST $name, $flags"; fi
    done <"$dir/names.list" >"$dir/registers.inc"
}

# Runs $1/prog.elf on QEMU, printing its output into $1/log; returns its exit status.
run() {
    # virtualization=on: EL2. mte=on: tag memory, without which QEMU's -cpu max reports only
    # FEAT_MTE (ID_AA64PFR1_EL1.MTE = 1, instructions without tags) and GCR_EL1, RGSR_EL1,
    # TFSR_EL1 and TFSRE0_EL1 are UNDEFINED (hw/arm/virt.c, target/arm/cpu.c).
    timeout 120 qemu-system-aarch64 -M virt,virtualization=on,mte=on -cpu max -nographic -semihosting -nic none \
        -kernel "$1/prog.elf" </dev/null >"$1/log" 2>&1
}

# The sources to check: Generated/ as shipped, or the input file regenerated.
file=${input:-$root/registers.yaml}
if [ -n "$input" ]; then
    # The harness enters its guests by setting ELR_EL2 and SPSR_EL2 through the accessors.
    for register in ELR_EL2 SPSR_EL2; do
        if ! grep -Eq "^ *- *name: *$register *$" "$input"; then
            echo "run.sh: error: $input has no $register, which the check enters its guests through" >&2
            exit 2
        fi
    done
fi
names="$work/names"
generate "$file" "$names" --templates Tests/QEMU/Templates
tables "$names"
if [ -n "$input" ]; then
    swift_dir="$work/generated/Swift"
    backend_dir="$work/generated/Backend"
    generate "$input" "$swift_dir" --builtin swift
    generate "$input" "$backend_dir" --builtin backend
else
    swift_dir="$root/Generated"
    backend_dir="$root/Generated/Backend"
fi

echo "QEMU check of ${input:-Generated/ (registers.yaml)} on $(qemu-system-aarch64 --version | head -1)"
status=0
build "$swift_dir" "$backend_dir" "$names" "$work/check"
run "$work/check" || status=$?
sed 's/\r$//' "$work/check/log"
if [ $status -ne 0 ]; then
    echo "QEMU check FAILED (exit status $status) after $(($(date +%s) - start)) s"
    exit 1
fi
echo "QEMU check passed in $(($(date +%s) - start)) s"
[ $mutants -eq 1 ] || exit 0

# Each mutant is a change to the register file (regenerated) or to the generated Swift that
# the simulator-free check must catch. A mutant that builds the same code as the original is
# an error of this script, not a pass.
survivors=0
mutant() {
    local name=$1 kind=$2 target=$3 expression=$4
    local dir="$work/mutant-$name"
    mkdir -p "$dir"
    cp -r "$swift_dir" "$dir/Swift"
    cp -r "$backend_dir" "$dir/Backend"
    if [ "$kind" = yaml ]; then
        sed "$expression" "$file" >"$dir/registers.yaml"
        if cmp -s "$file" "$dir/registers.yaml"; then
            echo "run.sh: error: mutant $name changes nothing in the register file" >&2
            exit 1
        fi
        rm -rf "$dir/Swift" "$dir/Backend"
        generate "$dir/registers.yaml" "$dir/Swift" --builtin swift
        generate "$dir/registers.yaml" "$dir/Backend" --builtin backend
    else
        sed -i "$expression" "$dir/Swift/$target"
        if cmp -s "$swift_dir/$target" "$dir/Swift/$target"; then
            echo "run.sh: error: mutant $name changes nothing in $target" >&2
            exit 1
        fi
    fi
    build "$dir/Swift" "$dir/Backend" "$names" "$dir"
    local result=0
    run "$dir" || result=$?
    if [ $result -eq 0 ]; then
        echo "mutant $name: SURVIVED (the check passed)"
        survivors=$((survivors + 1))
    else
        echo "mutant $name: killed (exit status $result): $(grep -m1 -E 'FAIL|checks' "$dir/log" | tr -d '\r')"
    fi
}
mutant lost-el12 yaml registers.yaml '/name: SCTLR_EL1$/,/group:/{/el12:/d}'
mutant wrong-encoding yaml registers.yaml 's/encoding: S3_0_C13_C0_4$/encoding: S3_0_C13_C0_7/'
mutant group-missing-from-load swift LoadPut.swift '0,/ guest.restore(.user, to: host)/{//d}'
# A deferred register left out of the switch of live encodings: read and written in memory while loaded.
mutant deferred-read-from-memory swift LoadedVCPU+Accessors.swift '/case .TPIDR_EL1: return LiveEncodings(/d'
# SCTLR_EL1 saved through SCTLR_EL12 (its packed id first in the line's `vhe ? EL12 : own`) without VHE too.
mutant nvhe-uses-el12 swift CPUContext+Save.swift '/\/\/ SCTLR_EL1$/s/vhe ? \(0x[0-9A-F_]*\) : 0x[0-9A-F_]*/\1/'
if [ $survivors -ne 0 ]; then
    echo "QEMU mutants: $survivors survived after $(($(date +%s) - start)) s"
    exit 1
fi
echo "QEMU mutants: all 5 killed after $(($(date +%s) - start)) s"
