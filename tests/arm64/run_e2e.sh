#!/bin/sh
# Every guest of examples/minihv-arm64/guests/LIST under minihv-arm64 in QEMU (virt, EL2, GICv3),
# with -cpu cortex-a72 and -cpu max, and once more with the hypervisor built by gcc (cortex-a72):
# one `PASS|FAIL arm64-qemu[-max|-gcc] <guest>` line per run. A run
# passes when the hypervisor reports RESULT PASS, QEMU exits 0 through semihosting, and the
# console transcript (minus the CPU line) equals tests/arm64/expected/<guest>.txt.
#   tests/arm64/run_e2e.sh [guest...]      UPDATE=1 writes the expected transcripts instead
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=build/e2e/arm64
mkdir -p "$out"
list=examples/minihv-arm64/guests/LIST
if [ $# -gt 0 ]; then
    guests="$*"
elif [ -r "$list" ]; then
    guests=$(grep -v '^#' "$list")
else
    echo "FAIL arm64-qemu (cannot read $list)"; exit 1
fi
[ -n "$guests" ] || { echo "FAIL arm64-qemu (no guests in $list)"; exit 1; }
pass=0
fail=0
for g in $guests; do
    if ! examples/minihv-arm64/build.sh "$g" "$out/$g" >"$out/$g.build.log" 2>&1 ||
       ! examples/minihv-arm64/build.sh "$g" "$out/$g-gcc" gcc >>"$out/$g.build.log" 2>&1; then
        for tag in arm64-qemu arm64-qemu-max arm64-qemu-gcc; do echo "FAIL $tag $g (build: $out/$g.build.log)"; done
        fail=$((fail + 3))
        continue
    fi
    for run in cortex-a72 max gcc; do
        cpu=$run elf="$out/$g/minihv.elf" tag=arm64-qemu
        [ "$run" = max ] && tag=arm64-qemu-max
        [ "$run" = gcc ] && cpu=cortex-a72 elf="$out/$g-gcc/minihv.elf" tag=arm64-qemu-gcc
        log="$out/$g.$run.console.txt"
        nice timeout 60 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu "$cpu" -m 128M \
            -nographic -no-reboot -semihosting -kernel "$elf" </dev/null >"$log" 2>&1
        rc=$?
        tr -d '\r' <"$log" | grep -v '^hv: backend ' >"$out/$g.$run.transcript.txt"
        expected=tests/arm64/expected/$g.txt
        if [ "${UPDATE:-0}" = 1 ] && [ "$run" = cortex-a72 ]; then
            cp "$out/$g.$run.transcript.txt" "$expected"
        fi
        why=""
        if [ $rc -ne 0 ]; then
            why="exit status $rc"
        elif ! grep -q '^hv: RESULT PASS$' "$log"; then
            why="no RESULT PASS"
        elif [ ! -r "$expected" ]; then
            why="no $expected"
        elif ! cmp -s "$expected" "$out/$g.$run.transcript.txt"; then
            why="transcript differs: diff $expected $out/$g.$run.transcript.txt"
        fi
        if [ -z "$why" ]; then
            echo "PASS $tag $g"
            pass=$((pass + 1))
        else
            echo "FAIL $tag $g ($why; console: $log)"
            fail=$((fail + 1))
        fi
    done
done
echo "e2e-arm64: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
