#!/bin/sh
# One bounded run of minihv's fuzz mode (examples/minihv/fuzz.c with the guest tests/guest/fuzz.S)
# on one backend-platform pair. Prints the run's `fuzz:` summary line, its `bench:` lines, and one
# `PASS|FAIL <backend> fuzz` line; exits 0 only for PASS (the run ended with 0 host failures).
#   tests/fuzz/run.sh <vmx-bochs|svm-qemu|svm-bochs> <exits> [seed]
# Replay a failure: the same backend, exit count and seed (QEMU runs with -icount, Bochs with its
# own clock: a run repeats exactly). The whole console is build/fuzz/<backend>/run/console.txt.
# FUZZ_TIMEOUT (seconds, default 600) bounds the emulator.
set -u
cd "$(dirname "$0")/../.."
tag=${1:-} exits=${2:-} seed=${3:-1}
case $tag in
vmx-bochs | svm-qemu | svm-bochs) ;;
*) echo "usage: $0 <vmx-bochs|svm-qemu|svm-bochs> <exits> [seed]" >&2; exit 2 ;;
esac
case $exits in '' | *[!0-9]*) echo "usage: $0 <vmx-bochs|svm-qemu|svm-bochs> <exits> [seed]" >&2; exit 2 ;; esac
arch=${tag%-*} platform=${tag#*-}
build=build/fuzz/$tag
mkdir -p "$build"
fail() { echo "FAIL $tag fuzz: $*"; exit 1; }

make -s -f tests/guest/guests.mk build/guest/fuzz.bin >"$build/make.log" 2>&1 || fail "guest build failed (see $build/make.log)"
cat >"$build/blob.S" <<EOT
    .section .rodata
    .globl guest_blob, guest_blob_end
    .p2align 12
guest_blob:
    .incbin "build/guest/fuzz.bin"
guest_blob_end:
    .section .note.GNU-stack, "", @progbits
EOT
# The flags are part of the build: a changed seed or length rebuilds fuzz.c.
# Bochs 2.7 never ends a guest entered with RFLAGS.IF=0 for a host interrupt (docs/EMULATORS.md):
# there the sequences start with IF=1, so an exit-less loop still gives the VMM its timer.
bochs_if=
[ "$platform" = bochs ] && bochs_if=-DFUZZ_IF_ALWAYS
flags="$bochs_if -DMINIHV_PLATFORM=$platform -DFUZZ_SEED=${seed}ull -DFUZZ_EXITS=${exits}ull ${FUZZ_CFLAGS:-}"
echo "$flags" | cmp -s - "$build/flags.txt" || { echo "$flags" >"$build/flags.txt"; rm -rf "$build/minihv/obj/examples/minihv/fuzz.c.o"; }
make -s -f examples/minihv/minihv.mk BUILD="$build" minihv \
    MINIHV_EXTRA_SRCS="examples/minihv/fuzz.c examples/minihv/linux/hosttimer.c examples/minihv/linux/hosttimer.S $build/blob.S" \
    MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -Iexamples/minihv -I. $flags" \
    MINIHV_INCBIN_DEPS="build/guest/fuzz.bin xvcpu.h $build/flags.txt" >>"$build/make.log" 2>&1 ||
    fail "minihv build failed (see $build/make.log)"

export MINIHV_TIMEOUT=${FUZZ_TIMEOUT:-600}
if [ "$platform" = qemu ]; then
    line=$(tests/e2e/run_qemu.sh "$build/minihv/minihv.rom" "$build/run" fuzz)
else
    line=$(tests/e2e/run_bochs.sh "$arch" "$build/minihv/minihv.rom" "$build/run" fuzz)
fi
con=$build/run/console.txt
grep -a '^fuzz: [0-9]* exits' "$con" 2>/dev/null
grep -a '^bench: ' "$con" 2>/dev/null
case $line in
PASS*) echo "$line" ;;
*)  grep -a -A12 '^fuzz: HOST' "$con" 2>/dev/null | head -40 | sed 's/^/    /'
    echo "$line"; exit 1 ;;
esac
