#!/bin/sh
# The demo: minihv runs one guest of tests/guest/ and shows what the VMM saw, the guest's output
# and the exit-statistics tables.
#   examples/minihv/demo.sh [svm|vmx] [guest]       svm: QEMU TCG (-cpu qemu64,+svm,+npt)
#                                                   vmx: Bochs (corei7_icelake_u)
set -u
cd "$(dirname "$0")/../.."
backend=${1:-svm}
guest=${2:-modes}
case $backend in
svm) platform=qemu ;;
vmx) platform=bochs ;;
*) echo "usage: $0 [svm|vmx] [guest]" >&2; exit 2 ;;
esac
build=build/demo/$backend-$platform/$guest
mkdir -p "$build"
make -s -f tests/guest/guests.mk "build/guest/$guest.bin" >"$build/make.log" 2>&1 || {
    echo "demo: no guest $guest (tests/guest/$guest.S; see $build/make.log)" >&2; exit 1; }
cat >"$build/blob.S" <<EOT
    .section .rodata
    .globl guest_blob, guest_blob_end, guest_name
    .p2align 12
guest_blob:
    .incbin "build/guest/$guest.bin"
guest_blob_end:
guest_name:
    .asciz "$guest"
    .section .note.GNU-stack, "", @progbits
EOT
make -s -f examples/minihv/minihv.mk BUILD="$build" minihv \
    MINIHV_EXTRA_SRCS="examples/minihv/hv.c $build/blob.S" \
    MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -I. -DMINIHV_PLATFORM=$platform" \
    MINIHV_INCBIN_DEPS="build/guest/$guest.bin xvcpu.h" >>"$build/make.log" 2>&1 || {
    echo "demo: minihv build failed (see $build/make.log)" >&2; exit 1; }
if [ "$platform" = qemu ]; then
    echo "demo: guest '$guest' on the SVM backend, QEMU $(qemu-system-x86_64 --version | head -n 1 | sed 's/.*version //') -cpu qemu64,+svm,+npt"
    line=$(tests/e2e/run_qemu.sh "$build/minihv/minihv.rom" "$build/run" "$guest")
else
    echo "demo: guest '$guest' on the VMX backend, Bochs 2.7 corei7_icelake_u"
    line=$(tests/e2e/run_bochs.sh vmx "$build/minihv/minihv.rom" "$build/run" "$guest")
fi
sed 's/^/  | /' "$build/run/console.txt"
echo "$line"
case $line in PASS*) exit 0 ;; *) exit 1 ;; esac
