#!/usr/bin/env bash
# Times a clean `swift build` (debug and release) of the SysRegs module generated from the
# shipped registers.yaml and from synthetic files of the given sizes. Each build is a new
# package under .results/build-time/ holding a copy of the runtime and the generated Swift,
# built in two timed steps: the runtime (`--target SysRegRuntime`), then the generated module,
# which is what regenerating costs a user whose runtime is already built; the total is their
# sum. A step that takes longer than BUILD_TIMEOUT seconds (default 600) is stopped and
# reported. BUILD_CONFIGURATIONS (default "debug release") chooses the configurations.
#
# `kernel` as a count builds the Swift set of the kernel's whole register file with its fields,
# imported with `sysreg-gen import kernel-sysreg --standalone` from KERNEL_SYSREG (default
# ../shared/data/linux-arch-arm64-tools-sysreg.txt beside the repository). The file is GPL-2.0:
# it and what is generated from it stay in .results/ (git-ignored), never in the repository.
#
#     Benchmarks/build-time.sh [count ...]      # default: 1000 10000
#     BUILD_CONFIGURATIONS=debug Benchmarks/build-time.sh kernel 10000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
results="$here/.results"
timeout="${BUILD_TIMEOUT:-600}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
gen="$repo/.build-bench/release/sysreg-gen"
synth="$here/.build/release/synth-registers"
# As run.sh builds it. Always built: an existing binary may hold older templates, and an
# up-to-date build costs a few seconds.
swift build -c release -Xswiftc -static-executable \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    --package-path "$repo" --scratch-path "$repo/.build-bench" --product sysreg-gen
swift build -c release --package-path "$here" --product synth-registers
mkdir -p "$results/build-time"
out="$results/build-time.tsv"
printf 'registers\tconfiguration\truntime s\tmodule s\ttotal s\tmodule CPU s\tmax RSS KB\tstatus\n' >"$out"

for count in shipped "${counts[@]}"; do
    package="$results/build-time/$count"
    rm -rf "$package"
    mkdir -p "$package/Sources" "$package/Generated"
    cp -R "$repo/Sources/SysRegRuntime" "$package/Sources/"
    if [ "$count" = shipped ]; then
        input="$repo/registers.yaml"
    elif [ "$count" = kernel ]; then
        kernel="${KERNEL_SYSREG:-$repo/../shared/data/linux-arch-arm64-tools-sysreg.txt}"
        input="$results/registers-kernel.yaml"
        "$gen" import kernel-sysreg "$kernel" --standalone >"$input" 2>"$results/import-kernel.log"
    else
        input="$results/registers-$count.yaml"
        "$synth" "$count" --output "$input"
    fi
    (cd "$repo" && "$gen" --input "$input" --builtin swift --output "$package/Generated" >/dev/null)
    cat >"$package/Package.swift" <<'MANIFEST'
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "GeneratedBuild",
    products: [.library(name: "SysRegs", targets: ["SysRegs"])],
    targets: [
        .target(name: "SysRegRuntime"),
        .target(name: "SysRegs", dependencies: ["SysRegRuntime"], path: "Generated"),
    ],
    swiftLanguageModes: [.v6]
)
MANIFEST
    lines=$(cat "$package"/Generated/*.swift | wc -l)
    for configuration in ${BUILD_CONFIGURATIONS:-debug release}; do
        rm -rf "$package/.build"
        status=ok
        for step in runtime module; do echo '- - - -' >"$package/time-$configuration-$step"; done
        for step in runtime module; do
            target=()
            [ "$step" = module ] || target=(--target SysRegRuntime)
            # In a session of its own, so that compiler processes that outlive a stopped
            # `swift build` can be found by the session's id and stopped too.
            setsid /usr/bin/time -f '%e %U %S %M' -o "$package/time-$configuration-$step" \
                timeout "$timeout" swift build -c "$configuration" --package-path "$package" "${target[@]}" \
                >"$package/build-$configuration-$step.log" 2>&1 &
            session=$!
            if ! wait "$session"; then
                status="$step failed or stopped after ${timeout}s (see $package/build-$configuration-$step.log)"
                leftovers=$(ps -o pid= -s "$session" || true)
                [ -z "$leftovers" ] || kill $leftovers
                break
            fi
        done
        read -r runtime _ _ _ <<<"$(tail -1 "$package/time-$configuration-runtime")"
        read -r module user system rss <<<"$(tail -1 "$package/time-$configuration-module")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$count ($lines lines)" "$configuration" "$runtime" "$module" \
            "$(awk -v a="$runtime" -v b="$module" 'BEGIN { printf "%.2f", a + b }')" \
            "$(awk -v a="$user" -v b="$system" 'BEGIN { printf "%.2f", a + b }')" "$rss" "$status" | tee -a "$out"
    done
done
