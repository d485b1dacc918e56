#!/bin/sh
# Boot a minihv ROM under Bochs 2.7 and judge the run.
#   run_bochs.sh <vmx|svm> <rom> <outdir> [name]
# Writes <outdir>/console.txt (what the kernel wrote to port 0xE9, nothing else), bochs.log,
# com1.txt, and stdout.txt/stderr.txt (raw Bochs output). Prints one line, PASS or FAIL, and
# exits 0 only for PASS: Bochs exited 0 through the magic breakpoint and the kernel printed
# "minihv: PASS". MINIHV_TIMEOUT (seconds, default 60) bounds the run. MINIHV_BXRC replaces the
# machine configuration (tests/linux/run.sh: more RAM, images loaded into it).
set -u

usage() { echo "usage: $0 <vmx|svm> <rom> <outdir> [name]" >&2; exit 2; }
if [ $# -lt 3 ] || [ $# -gt 4 ]; then usage; fi
mode=$1 rom=$2 out=$3
case $mode in vmx | svm) ;; *) usage ;; esac
backend=$mode-bochs
name=${4:-$(basename "$out")}
limit=${MINIHV_TIMEOUT:-60}
conf=${MINIHV_BXRC:-$(cd "$(dirname "$0")/../../examples/minihv/bochs" && pwd)/$mode.bxrc}

fail() { echo "FAIL $backend $name: $*"; exit 1; }
[ -f "$rom" ] || fail "no ROM $rom"
command -v bochs-bin >/dev/null || fail "bochs-bin not installed (apt-get install bochs bochs-term)"
mkdir -p "$out" || fail "cannot create $out"
out=$(cd "$out" && pwd)
rm -f "$out/console.txt" "$out/bochs.log" "$out/com1.txt" "$out/stdout.txt" "$out/stderr.txt"
# The debugger stops before the first instruction: continue, and quit at the magic breakpoint.
printf 'c\nquit\n' >"$out/debugger.rc"

# TERM=dumb: the term display library needs a terminal type. Bochs ignores SIGTERM; SIGINT stops
# it in the debugger, which shows where the CPU was and quits (no commands left). -k 5: backstop.
MINIHV_ROM=$(cd "$(dirname "$rom")" && pwd)/$(basename "$rom") MINIHV_OUT=$out TERM=dumb \
	timeout -s INT -k 5 "$limit" bochs-bin -q -f "$conf" -rc "$out/debugger.rc" \
	<"/dev/null" >"$out/stdout.txt" 2>"$out/stderr.txt"
status=$?

# Bochs' stdout is its banner, the debugger's lines and the 0xE9 bytes. The kernel's output
# starts after the debugger shows the reset vector, and stops where the debugger speaks again:
# "(0) Magic breakpoint" (PASS), "Next at t=" (stopped by SIGINT) or "(0).[tick] ..." (the
# instruction shown when Bochs exits).
# A "(0).[tick]" line in the middle (Bochs reporting e.g. a guest shutdown) is dropped; only the
# first two markers end the output.
awk '
	!on { if ($0 ~ /^\(0\) \[0x0000fffffff0\]/) on = 1; next }
	{
		i = 0
		n = split("(0) Magic breakpoint|Next at t=", m, "|")
		for (k = 1; k <= n; k++) { j = index($0, m[k]); if (j && (!i || j < i)) i = j }
		if (i) { printf "%s", substr($0, 1, i - 1); exit }
		j = index($0, "(0).[")
		if (j) { printf "%s", substr($0, 1, j - 1); next }
		print
	}' "$out/stdout.txt" >"$out/console.txt"

panic=$(grep -a '>>PANIC<<' "$out/bochs.log" 2>/dev/null | tail -n 1 | sed 's/.*>>PANIC<< *//')
error=$(grep -a '^[0-9]*e\[' "$out/bochs.log" 2>/dev/null | tail -n 1 | sed 's/^[0-9]*e\[[^]]*\] *//')
# The most telling console line: an exception report, else the last line before "minihv: FAIL".
lastline=$(grep -a '^minihv: EXCEPTION' "$out/console.txt" | tail -n 1)
[ -n "$lastline" ] || lastline=$(grep -a -v '^minihv: FAIL$' "$out/console.txt" | tail -n 1)

if [ $status -eq 124 ] || [ $status -eq 137 ]; then
	where=$(grep -a '^(0)\.\[' "$out/stdout.txt" | tail -n 1 | sed 's/^(0)\.\[[0-9]*\] \[[^]]*\] //; s/ *(unk\. ctxt)//; s/  */ /g')
	fail "timeout after ${limit}s${where:+ at $where}${lastline:+; last console line: $lastline}"
elif [ $status -eq 0 ] && grep -q 'Magic breakpoint' "$out/stdout.txt" && grep -qx 'minihv: PASS' "$out/console.txt"; then
	echo "PASS $backend $name"
	exit 0
elif grep -qx 'minihv: FAIL' "$out/console.txt"; then
	fail "kernel reported FAIL${lastline:+: $lastline}${error:+; last Bochs ERROR: $error}"
elif echo "$panic" | grep -q '3rd .* exception with no resolution'; then
	fail "triple fault ($panic)${error:+; last error: $error}"
elif [ -n "$panic" ]; then
	fail "Bochs PANIC: $panic"
elif [ -n "$error" ]; then
	fail "exit status $status; last Bochs ERROR: $error"
else
	fail "exit status $status without 'minihv: PASS'$(tail -n 1 "$out/stderr.txt" | sed 's/^/; stderr: /')"
fi
