#!/bin/sh
# `bench: arm64.hvc_roundtrip_insns <n> insns` and `bench: arm64.mmio_load_insns <n> insns`: the
# bench guest under minihv-arm64 in QEMU with -icount shift=0 (PMCCNTR_EL0 counts retired
# instructions), guest-measured, minus an empty loop. Figures to minimise, not assertions.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=build/bench/arm64
mkdir -p "$out"
examples/minihv-arm64/build.sh bench "$out" >"$out/build.log" 2>&1 || { echo "bench-arm64: build failed ($out/build.log)"; exit 1; }
nice timeout 60 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu cortex-a72 -m 128M -icount shift=0 \
    -nographic -no-reboot -semihosting -kernel "$out/minihv.elf" </dev/null >"$out/console.txt" 2>&1
rc=$?
grep '^bench: ' "$out/console.txt" | tr -d '\r'
if [ $rc -ne 0 ] || ! grep -q '^hv: RESULT PASS' "$out/console.txt"; then
    echo "bench-arm64: the bench guest failed (console: $out/console.txt)"; exit 1
fi
