#!/bin/sh
# End-to-end: every guest of tests/guest/ under the VMX backend in Bochs, one minihv ROM per
# guest. Prints one `PASS|FAIL vmx-bochs <guest>` line each and compares each run's transcript
# (the console, exactly) with tests/e2e/expected/<guest>.txt and vmx/<guest>.hw.txt (see
# tests/e2e/transcript.sh). Exit status 0 only if all pass.
#   tests/e2e/run_vmx_bochs.sh [guest ...]      (default: every guest)
#   XVCPU_E2E_BLESS=1 ...                        write the transcripts instead of comparing
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/transcript.sh
guests=${*:-$(make -s -f tests/guest/guests.mk print-guest-names 2>/dev/null)}
[ -n "$guests" ] || { echo "FAIL e2e: cannot list the guests (make -f tests/guest/guests.mk print-guest-names)"; exit 1; }
fail=0
for g in $guests; do
    build=build/e2e/vmx/$g
    mkdir -p "$build"
    # The guest binary, embedded with its name.
    make -s -f tests/guest/guests.mk "build/guest/$g.bin" >"$build/make.log" 2>&1 || {
        echo "FAIL vmx-bochs $g: guest build failed (see $build/make.log)"; fail=1; continue; }
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
        MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -I." \
        MINIHV_INCBIN_DEPS="build/guest/$g.bin xvcpu.h" >>"$build/make.log" 2>&1 || {
        echo "FAIL vmx-bochs $g: minihv build failed (see $build/make.log)"; fail=1; continue; }
    line=$(tests/e2e/run_bochs.sh vmx "$build/minihv/minihv.rom" "$build/run" "$g")
    transcript=$build/run/console.txt
    case $line in
    PASS*)
        if why=$(transcript_check vmx vmx-bochs "$g" "$transcript" "$build/transcript"); then
            echo "$line"
        else
            echo "FAIL vmx-bochs $g: $why"; fail=1
        fi ;;
    *)  echo "$line"; fail=1
        sed 's/^/    /' "$transcript" 2>/dev/null | tail -8 ;;
    esac
done
exit $fail
