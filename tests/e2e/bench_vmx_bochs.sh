#!/bin/sh
# Guest-measured cost of a CPUID round trip under Bochs VMX (clock sync=none: 1 tick = 1
# instruction, so the figure repeats exactly). Prints the guest's `bench:` line.
set -u
cd "$(dirname "$0")/../.."
out=build/e2e/vmx-bochs/bench_cpuid
tests/e2e/run_guests.sh vmx-bochs bench_cpuid >/dev/null 2>&1
grep -a '^bench: ' "$out/run/console.txt" || { echo "bench: vmx.cpuid_roundtrip_ticks failed (see $out)" >&2; exit 1; }
