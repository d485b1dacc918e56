#!/bin/sh
# Boot minihv under QEMU TCG with SVM + nested paging and judge the run.
#   run_qemu.sh <kernel.elf32 | minihv.rom> <outdir> [name]
# An ELF file boots through QEMU's BIOS and multiboot loader (-kernel); anything else is taken
# for our boot ROM (-bios), which skips SeaBIOS and is several times faster.
# Writes <outdir>/console.txt (the kernel's port 0xE9 output, nothing else) and qemu.log. Prints
# one line, PASS or FAIL, and exits 0 only for PASS: isa-debug-exit status 33 (the kernel wrote
# 0x10 to port 0xf4) and "minihv: PASS" on the console. FAIL writes 0x11 (status 35).
# -icount shift=0,sleep=off: the TSC counts retired instructions, so runs repeat exactly;
# MINIHV_QEMU_ICOUNT=0 turns it off. MINIHV_TIMEOUT (seconds, default 60) bounds the run.
# MINIHV_QEMU_MEM (MiB, default 128) and MINIHV_QEMU_ARGS (more options, e.g. -device loader) for
# machines that need more (tests/linux/run.sh).
set -u

usage() { echo "usage: $0 <kernel.elf32|minihv.rom> <outdir> [name]" >&2; exit 2; }
if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
image=$1 out=$2
backend=svm-qemu
name=${3:-$(basename "$out")}
limit=${MINIHV_TIMEOUT:-60}

fail() { echo "FAIL $backend $name: $*"; exit 1; }
[ -f "$image" ] || fail "no image $image"
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)"
mkdir -p "$out" || fail "cannot create $out"
rm -f "$out/console.txt" "$out/qemu.log"
icount="-icount shift=0,sleep=off"
[ "${MINIHV_QEMU_ICOUNT:-1}" = 0 ] && icount=
if [ "$(head -c 4 "$image" | od -An -c | tr -d ' ')" = '177ELF' ]; then boot=-kernel; else boot=-bios; fi

# shellcheck disable=SC2086 # $icount is empty or two words, MINIHV_QEMU_ARGS a word list
timeout -k 5 "$limit" qemu-system-x86_64 -accel tcg -cpu qemu64,+svm,+npt -m "${MINIHV_QEMU_MEM:-128}" -display none \
	-no-reboot -serial none -monitor none -debugcon "file:$out/console.txt" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $icount \
	-d guest_errors,cpu_reset -D "$out/qemu.log" ${MINIHV_QEMU_ARGS:-} $boot "$image" </dev/null >"$out/qemu.stdout" 2>&1
status=$?
cat "$out/qemu.stdout" >>"$out/qemu.log"
rm -f "$out/qemu.stdout"

# The most telling console line: an exception report, else the last line before "minihv: FAIL".
lastline=$(grep -a '^minihv: EXCEPTION' "$out/console.txt" 2>/dev/null | tail -n 1)
[ -n "$lastline" ] || lastline=$(grep -a -v '^minihv: FAIL$' "$out/console.txt" 2>/dev/null | tail -n 1)
case $status in
33)
	grep -qx 'minihv: PASS' "$out/console.txt" && { echo "PASS $backend $name"; exit 0; }
	fail "exit status 33 without 'minihv: PASS' on the console" ;;
35) fail "kernel reported FAIL${lastline:+: $lastline}" ;;
124 | 137) fail "timeout after ${limit}s${lastline:+; last console line: $lastline}" ;;
0) fail "triple fault or reset (QEMU exited 0 under -no-reboot)${lastline:+; last console line: $lastline}" ;;
*) fail "QEMU exit status $status: $(grep -a -v '^$' "$out/qemu.log" | tail -n 1)" ;;
esac
