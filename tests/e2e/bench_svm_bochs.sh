#!/bin/sh
# Guest-measured cost of a CPUID round trip under the SVM backend in Bochs 2.7 (`ryzen`, which
# saves NRIP, so no instruction is decoded; clock sync=none: 1 tick = 1 instruction, so the figure
# repeats exactly). Prints `bench: svm_bochs.cpuid_roundtrip_ticks <n> ticks`.
set -u
cd "$(dirname "$0")/../.."
out=build/e2e/svm-bochs/bench_cpuid
tests/e2e/run_guests.sh svm-bochs bench_cpuid >/dev/null 2>&1
grep -a '^bench: svm\.cpuid_roundtrip_ticks' "$out/run/console.txt" 2>/dev/null | sed 's/^bench: svm\./bench: svm_bochs./' |
    grep . || { echo "bench: svm_bochs.cpuid_roundtrip_ticks failed (see $out)" >&2; exit 1; }
