#!/bin/sh
# Every guest (or the ones named) on every x86 backend: vmx-bochs, svm-qemu and svm-bochs, two at a
# time (this machine has two cores), each ending with its `e2e <backend>: N passed, N failed`
# line. Exit status 0 only if all pass. XVCPU_E2E_BLESS=1 writes the transcripts.
set -u
cd "$(dirname "$0")/../.."
guests=${*:-$(make -s -f tests/guest/guests.mk print-guest-names 2>/dev/null)}
[ -n "$guests" ] || { echo "FAIL e2e: cannot list the guests (make -f tests/guest/guests.mk print-guest-names)"; exit 1; }
mkdir -p build/e2e
# Build the guests first: two runners would otherwise make the same files at once.
for g in $guests; do
    make -s -f tests/guest/guests.mk "build/guest/$g.bin" >/dev/null 2>&1 || true
done
run() { { tests/e2e/run_guests.sh "$1" $guests 2>&1; echo "runner-exit $?"; } | tests/e2e/count.sh "$1" >"build/e2e/$1.lines"; }
run svm-qemu &
qemu=$!
run vmx-bochs
rc_vmx=$?
run svm-bochs
rc_bochs=$?
wait $qemu
rc_qemu=$?
cat build/e2e/vmx-bochs.lines build/e2e/svm-qemu.lines build/e2e/svm-bochs.lines
[ $rc_vmx -eq 0 ] && [ $rc_qemu -eq 0 ] && [ $rc_bochs -eq 0 ]
