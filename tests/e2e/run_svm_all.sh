#!/bin/sh
# End-to-end under the SVM backend on both platforms at once (QEMU TCG and Bochs `ryzen`): every
# guest (or the ones named), one `PASS|FAIL svm-<platform> <guest>` line each, QEMU's first.
# Exit status 0 only if all pass. XVCPU_E2E_BLESS=1 writes the transcripts (see transcript.sh).
set -u
cd "$(dirname "$0")/../.."
guests=${*:-$(make -s -f tests/guest/guests.mk print-guest-names 2>/dev/null)}
[ -n "$guests" ] || { echo "FAIL e2e: cannot list the guests (make -f tests/guest/guests.mk print-guest-names)"; exit 1; }
mkdir -p build/e2e
# Build the guests first: the two runners would otherwise make the same files at once.
for g in $guests; do
    make -s -f tests/guest/guests.mk "build/guest/$g.bin" >/dev/null 2>&1 || true
done
{ tests/e2e/run_svm_platform.sh qemu $guests 2>&1; echo "runner-exit $?"; } | tests/e2e/count.sh svm-qemu \
    >build/e2e/svm-qemu.lines &
qemu=$!
{ tests/e2e/run_svm_platform.sh bochs $guests 2>&1; echo "runner-exit $?"; } | tests/e2e/count.sh svm-bochs \
    >build/e2e/svm-bochs.lines
rc_bochs=$?
wait $qemu
rc_qemu=$?
cat build/e2e/svm-qemu.lines build/e2e/svm-bochs.lines
[ $rc_qemu -eq 0 ] && [ $rc_bochs -eq 0 ]
