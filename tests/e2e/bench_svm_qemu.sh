#!/bin/sh
# Guest-measured cost of a CPUID round trip under the SVM backend in QEMU TCG with
# -icount shift=0 (one TSC tick per retired instruction, so the figure repeats exactly). QEMU has
# no NRIP-save: each exit's length comes from the library's fetch and decode. Prints the guest's
# `bench:` line.
set -u
cd "$(dirname "$0")/../.."
out=build/e2e/svm-qemu/bench_cpuid
tests/e2e/run_guests.sh svm-qemu bench_cpuid >/dev/null 2>&1
grep -a '^bench: ' "$out/run/console.txt" 2>/dev/null || { echo "bench: svm.cpuid_roundtrip_ticks failed (see $out)" >&2; exit 1; }
