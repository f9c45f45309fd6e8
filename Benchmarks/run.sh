#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md and writes the raw results to Benchmarks/.results/
# (git-ignored). Takes about 15 minutes on two cores, half of it the build-time measurement.
#
#     Benchmarks/run.sh              # everything
#     Benchmarks/run.sh --quick      # everything but the build-time measurement
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
results="$here/.results"
mkdir -p "$results"
cd "$here"

echo "== machine" | tee "$results/machine.txt"
{
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    grep MemTotal /proc/meminfo
    swift --version 2>&1 | head -1
    uname -srm
    date -u
} | tee -a "$results/machine.txt"

for tool in valgrind hyperfine; do
    command -v "$tool" >/dev/null || apt-get install -y "$tool"
done

echo "== building sysreg-gen (release, Swift's libraries linked in, as a Linux tool ships) and the benchmark tools"
# -static-executable: the standard library, Foundation, Dispatch, libstdc++ and glibc linked into
# a binary at a fixed address, so that nothing is loaded, bound or relocated at each start: it
# reaches main in about 2 ms, against 4 ms with --static-swift-stdlib (libstdc++ and glibc still
# shared; part 14) and 14 ms with every library shared (part 11).
# -disable-concrete-type-metadata-mangled-name-accessors: the first use of a generic type
# (Set<ViewOfFile>, a Dictionary of a view's keys) calls its metadata accessor with the
# conformances it needs, instead of decoding its mangled name at run time, which looks each
# conformance up by a linear scan of the binary's 5,863 conformance records (about 350,000
# instructions per type); 7.2M of the kernel header's 157.2M instructions.
swift build -c release -Xswiftc -static-executable \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    --package-path "$repo" --scratch-path "$repo/.build-bench" --product sysreg-gen
swift build -c release --product synth-registers
swift build -c release --product accessor-probe
gen="$repo/.build-bench/release/sysreg-gen"
probe="$here/.build/release/accessor-probe"

echo "== synthetic register files (seed 1), validated by sysreg-gen lint" | tee "$results/synthetic.txt"
for count in 1000 10000; do
    file="$results/registers-$count.yaml"
    .build/release/synth-registers "$count" --seed 1 --output "$file"
    (cd "$repo" && "$gen" lint --input "$file") | tee -a "$results/synthetic.txt"
    printf '%s: %s registers, %s groups, %s el12, %s deferred, %s via, %s AArch32 views (%s 64-bit)\n' \
        "$(basename "$file")" "$(grep -c '^  - name: SYN' "$file")" "$(grep -c '^  - name: group' "$file")" \
        "$(grep -c 'el12:' "$file")" "$(grep -c 'class: deferred' "$file")" "$(grep -c 'via:' "$file")" \
        "$(grep -c 'part:' "$file")" "$(grep -c 'part: all' "$file")" | tee -a "$results/synthetic.txt"
done

echo "== accessors agree; system-register accesses per operation (SimulatedCPU)"
"$probe" verify | tee "$results/accesses.md"
"$probe" accesses | tee -a "$results/accesses.md"

echo "== instructions per call (callgrind)"
# The difference of two runs' instruction totals over the difference of their call counts:
# start-up, set-up and the final print cancel out.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_call() { # small large command...
    local small=$1 large=$2
    shift 2
    local a b
    a=$(instructions "$@" "$small")
    b=$(instructions "$@" "$large")
    awk -v a="$a" -v b="$b" -v n=$((large - small)) 'BEGIN { printf "%.2f\n", (b - a) / n }'
}
{
    printf 'workload\tinstructions per call\n'
    printf 'empty loop\t%s\n' "$(per_call 100000 1100000 "$probe" empty)"
    for op in read write; do
        for state in loaded unloaded; do
            for kind in generated switch table; do
                printf '%s %s %s\t%s\n' "$op" "$kind" "$state" \
                    "$(per_call 100000 1100000 "$probe" "$op" "$kind" "$state")"
            done
        done
    done
    for operation in load+put entry+exit; do
        for mode in vhe nvhe; do
            printf '%s %s\t%s\n' "$operation" "$mode" "$(per_call 1000 11000 "$probe" lifecycle "$operation" "$mode")"
        done
    done
} | tee "$results/instructions.tsv"

echo "== machine code of the accessor loops (docs/benchmarks.md, part 8)"
# The specializations of withAccessors for the read and the write loop hold every kind's loop;
# the generated loaded accessor's is the one with the LiveEncodings table load and the shift.
llvm-objdump -d --no-show-raw-insn "$probe" | awk '/withAccessors.*(ReadLoop|WriteLoop)VTg5>:$/,/^$/' \
    >"$results/accessor-objdump.txt"
echo "indirect jumps in the two specializations: $(grep -c 'jmpq[[:space:]]*\*' "$results/accessor-objdump.txt" || true)"

echo "== allocations per call (valgrind memcheck's heap summary)"
# The same difference as for instructions: the allocations of 100k more calls.
allocations() {
    valgrind --tool=memcheck "$@" 2>&1 >/dev/null | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}
{
    printf 'workload\tallocations, 1000 calls\tallocations, 101000 calls\n'
    for op in read write; do
        for state in loaded unloaded; do
            for kind in generated switch table; do
                printf '%s %s %s\t%s\t%s\n' "$op" "$kind" "$state" \
                    "$(allocations "$probe" "$op" "$kind" "$state" 1000)" \
                    "$(allocations "$probe" "$op" "$kind" "$state" 101000)"
            done
        done
    done
} | tee "$results/allocations.tsv"

echo "== sysreg-gen --check on the unchanged tree, as a process"
(cd "$repo" && "$gen" --check >/dev/null)
(cd "$repo" && hyperfine --warmup 3 --runs 40 --export-markdown "$results/check.md" \
    --export-json "$results/check.json" "$gen --check")
# valgrind cannot read the release build's debug information: count a copy without it.
objcopy --strip-debug "$gen" "$results/sysreg-gen-nodebug"
# It finds its built-in templates in the resource bundle beside it.
rm -rf "$results/SysRegGen_SysRegGenKit.resources"
cp -R "$(dirname "$gen")/SysRegGen_SysRegGenKit.resources" "$results/"
printf 'sysreg-gen --check: %s instructions (callgrind, whole process)\n' \
    "$(cd "$repo" && instructions "$results/sysreg-gen-nodebug" --check)" | tee "$results/check-instructions.txt"

echo "== generation as processes (issue 14): the kernel's header against gen-sysreg.awk; 1k and 10k synthetic"
# The kernel's files (GPL-2.0) stay outside the repository: everything derived from them goes
# to a temporary folder, never to .results/.
kernel_data="$repo/../shared/data"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [ -f "$kernel_data/linux-arch-arm64-tools-sysreg.txt" ] && [ -f "$kernel_data/gen-sysreg.awk" ]; then
    sysreg="$kernel_data/linux-arch-arm64-tools-sysreg.txt"
    "$gen" import kernel-sysreg "$sysreg" --standalone >"$scratch/kernel.yaml" 2>/dev/null
    generate_kernel="$gen --input $scratch/kernel.yaml --builtin kernel-defs --output $scratch/kernel-out"
    run_awk="awk -f $kernel_data/gen-sysreg.awk $sysreg"
    $generate_kernel >/dev/null
    $run_awk >"$scratch/awk.h"
    {
        cmp "$scratch/awk.h" "$scratch/kernel-out/sysreg-defs.h" &&
            echo "kernel header: byte-identical to gen-sysreg.awk's ($(wc -c <"$scratch/awk.h") bytes)"
        echo "awk: $(readlink -f "$(command -v awk)")"
        # Both as processes, alternating run by run, in five rounds of 60 pairs (the summary's
        # row gives each round's median ratio); then hyperfine's statistics of the same pair.
        for round in 1 2 3 4 5; do
            echo "round $round:"
            python3 "$here/paired.py" 60 awk "$run_awk" sysreg-gen "$generate_kernel"
        done
        printf 'instructions (callgrind, whole process): awk %s, sysreg-gen %s\n' \
            "$(instructions $run_awk)" "$(instructions "$results/sysreg-gen-nodebug" --input "$scratch/kernel.yaml" \
                --builtin kernel-defs --output "$scratch/kernel-out")"
    } | tee "$results/generation-kernel.txt"
    hyperfine -N --warmup 3 --runs 40 --export-markdown "$results/generation-kernel.md" \
        --export-json "$results/generation-kernel.json" "$run_awk" "$generate_kernel"
else
    echo "skipped: $kernel_data has no linux-arch-arm64-tools-sysreg.txt and gen-sysreg.awk" |
        tee "$results/generation-kernel.txt"
fi
# Both template sets of the package (swift and c), written into an empty folder per run.
mkdir -p "$scratch/synthetic"
printf 'sets:\n  - {name: swift, builtin: swift, output: out}\n  - {name: c, builtin: c, output: out/C}\n' \
    >"$scratch/synthetic/sysreg-gen.yaml"
{
    for count in 1000 10000; do
        file="$results/registers-$count.yaml"
        rm -rf "$scratch/synthetic/out"
        /usr/bin/time -f "$count registers: %e s wall, %U s user, %M KB peak resident" \
            "$gen" --input "$file" --config "$scratch/synthetic/sysreg-gen.yaml" >/dev/null
    done
} 2>&1 | tee "$results/generation-synthetic.txt"
hyperfine -N --warmup 1 --runs 10 --prepare "rm -rf $scratch/synthetic/out" \
    --export-markdown "$results/generation-synthetic.md" --export-json "$results/generation-synthetic.json" \
    "$gen --input $results/registers-1000.yaml --config $scratch/synthetic/sysreg-gen.yaml" \
    "$gen --input $results/registers-10000.yaml --config $scratch/synthetic/sysreg-gen.yaml"

echo "== ordo-one/benchmark: generation in process, accessors, vcpu life cycle"
# --scale prints per outer iteration: per 1M accessor calls, per 1000 life-cycle operations.
swift package benchmark --no-progress --scale 2>&1 | tee "$results/benchmark.txt"
# The accessors twice more: their wall-clock differences are small beside this machine's noise.
for round in 2 3; do
    swift package benchmark --no-progress --scale --filter 'accessor.*' 2>&1 |
        tee "$results/benchmark-accessors-$round.txt"
done

if [ "${1:-}" != "--quick" ]; then
    echo "== build time of the generated module"
    # The kernel's whole file only where it is (GPL-2.0: never in the repository).
    kernel="${KERNEL_SYSREG:-$repo/../shared/data/linux-arch-arm64-tools-sysreg.txt}"
    if [ -f "$kernel" ]; then
        KERNEL_SYSREG="$kernel" "$here/build-time.sh" 1000 10000 kernel
    else
        echo "build time of the kernel's file: not measured, $kernel is not there (set KERNEL_SYSREG)"
        "$here/build-time.sh" 1000 10000
    fi
fi
python3 "$here/summarize.py"
echo "results in $results"
