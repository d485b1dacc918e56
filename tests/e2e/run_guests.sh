#!/bin/sh
# End-to-end, one runner for every x86 backend: guests of tests/guest/ under minihv, one image per
# guest, on one backend-platform pair. Prints one `PASS|FAIL <backend> <guest>` line each and
# compares each transcript with the expected files (tests/e2e/transcript.sh). Exit status 0 only
# if all pass.
#   tests/e2e/run_guests.sh <vmx-bochs|svm-qemu|svm-bochs> [guest ...]   (default: every guest)
#   XVCPU_E2E_BLESS=1 ...                                                write the transcripts
# Bochs runs corei7_icelake_u (VMX) or ryzen (SVM); QEMU `-cpu qemu64,+svm,+npt` (no NRIP-save:
# lengths are decoded). The console of a run is build/e2e/<backend>/<guest>/run/console.txt.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/transcript.sh
tag=${1:-}
case $tag in
vmx-bochs | svm-qemu | svm-bochs) shift ;;
*) echo "usage: $0 <vmx-bochs|svm-qemu|svm-bochs> [guest ...]" >&2; exit 2 ;;
esac
arch=${tag%-*} platform=${tag#*-}
guests=${*:-$(make -s -f tests/guest/guests.mk print-guest-names 2>/dev/null)}
[ -n "$guests" ] || { echo "FAIL e2e: cannot list the guests (make -f tests/guest/guests.mk print-guest-names)"; exit 1; }
fail=0
# The first guest builds minihv as usual; its objects (all but the guest's own blob) are the same
# for every guest of this backend, so the others start from a copy (fresh mtimes: make relinks).
objs=
for g in $guests; do
    build=build/e2e/$tag/$g
    mkdir -p "$build"
    make -s -f tests/guest/guests.mk "build/guest/$g.bin" >"$build/make.log" 2>&1 || {
        echo "FAIL $tag $g: guest build failed (see $build/make.log)"; fail=1; continue; }
    if [ -n "$objs" ]; then
        rm -rf "$build/minihv/obj" && mkdir -p "$build/minihv" && cp -r "$objs" "$build/minihv/obj"
    fi
    # the guest binary, embedded with its name
    cat >"$build/blob.S" <<EOT
    .section .rodata
    .globl guest_blob, guest_blob_end, guest_name
    .p2align 12
guest_blob:
    .incbin "build/guest/$g.bin"
guest_blob_end:
guest_name:
    .asciz "$g"
    .section .note.GNU-stack, "", @progbits
EOT
    make -s -f examples/minihv/minihv.mk BUILD="$build" minihv \
        MINIHV_EXTRA_SRCS="examples/minihv/hv.c $build/blob.S" \
        MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -I. -DMINIHV_PLATFORM=$platform" \
        MINIHV_INCBIN_DEPS="build/guest/$g.bin xvcpu.h" >>"$build/make.log" 2>&1 || {
        echo "FAIL $tag $g: minihv build failed (see $build/make.log)"; fail=1; continue; }
    [ -n "$objs" ] || objs=$build/minihv/obj
    if [ "$platform" = qemu ]; then
        line=$(tests/e2e/run_qemu.sh "$build/minihv/minihv.rom" "$build/run" "$g")
    else
        line=$(tests/e2e/run_bochs.sh "$arch" "$build/minihv/minihv.rom" "$build/run" "$g")
    fi
    case $line in
    PASS*)
        if why=$(transcript_check "$arch" "$tag" "$g" "$build/run/console.txt" "$build/transcript"); then
            echo "$line"
        else
            echo "FAIL $tag $g: $why"; fail=1
        fi ;;
    *)  echo "$line"; fail=1
        sed 's/^/    /' "$build/run/console.txt" 2>/dev/null | tail -8 ;;
    esac
done
exit $fail
