#!/bin/sh
# End-to-end: xvcpu's VM-entry checkers against Bochs 2.7's own. One Bochs boot per backend of
# minihv's entry-check mode (examples/minihv/entry_check.c): under VMX (corei7_icelake_u) it tries
# every VMCS corruption of tests/unit/entry_cases.h, under SVM (ryzen) every VMCB corruption of
# tests/svm/vmrun_cases.h. For each, the check the library names must map (through
# tests/e2e/entry_check_bochs.map, vmrun_check_bochs.map) to the error Bochs logged for that entry
# attempt. Prints one `PASS|FAIL <vmx|svm>-bochs entry-check-<case>` line per case (SKIP for checks
# Bochs 2.7 does not make, or cannot survive) and a summary line per backend; exit status 0 only if
# none failed.
#   tests/e2e/run_entry_check_bochs.sh [vmx] [svm]      (default: both)
set -u
cd "$(dirname "$0")/../.."
build=build/e2e/entry-check
mkdir -p "$build"
make -s -f examples/minihv/minihv.mk BUILD="$build" minihv \
    MINIHV_EXTRA_SRCS="examples/minihv/entry_check.c" \
    MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -I. -Itests/unit -Itests/svm" \
    MINIHV_INCBIN_DEPS="xvcpu.h tests/unit/entry_cases.h tests/svm/vmrun_cases.h" >"$build/make.log" 2>&1 || {
    echo "FAIL bochs entry-check: minihv build failed (see $build/make.log)"; exit 1; }

# one backend: <vmx|svm>
check_backend() {
backend=$1
out=$build/$backend
if [ "$backend" = vmx ]; then
    map=tests/e2e/entry_check_bochs.map; reports='VMFAIL|VMENTER FAIL|VMENTER: .*Checks Failed|^FAIL: VMCS'
else
    map=tests/e2e/vmrun_check_bochs.map; reports='VMRUN|SvmInjectEvents'
fi
line=$(MINIHV_TIMEOUT=${MINIHV_TIMEOUT:-60} tests/e2e/run_bochs.sh "$backend" "$build/minihv/minihv.rom" "$out/run" entry-check)
case $line in
PASS*) ;;
*) echo "$line"; tail -5 "$out/run/console.txt" 2>/dev/null | sed 's/^/    /'; return 1 ;;
esac

# Bochs' reports, one line per entry attempt: its error lines grouped by timestamp, joined with
# " | ", keeping only groups that report a failed VM entry.
grep -a '^[0-9]*e\[' "$out/run/bochs.log" | awk '
    { t = $1; sub(/e\[.*/, "", t); msg = $0; sub(/^[0-9]*e\[[^]]*\] */, "", msg)
      if (msg ~ /^VMEXIT: Guest State Checks Failed/) next
      if (t != last && grp != "") { print grp; grp = "" }
      last = t
      grp = grp == "" ? msg : grp " | " msg }
    END { if (grp != "") print grp }' |
    grep -E "$reports" >"$out/bochs_checks.txt"
grep -a '^entry-check [^:]*: ' "$out/run/console.txt" | grep -v '^entry-check: ' >"$out/library_checks.txt"

awk -v mapfile="$map" -v bochsfile="$out/bochs_checks.txt" -v backend="$backend" '
    BEGIN {
        FS = "\t"
        while ((getline l < mapfile) > 0) {
            if (l ~ /^#/ || l == "") continue
            split(l, f, "\t"); re[f[1]] = f[2]
        }
        nb = 0
        while ((getline l < bochsfile) > 0) bochs[++nb] = l
        FS = " "
    }
    {
        name = $0; sub(/^entry-check /, "", name); sub(/: .*/, "", name)
        rest = $0; sub(/^entry-check [^:]*: /, "", rest)
        tag = "entry-check-" name; gsub(/ /, "-", tag); tag = backend "-bochs " tag
        if (name ~ /^baseline-/) {
            if (rest == "entered (HALT)") { print "PASS " tag; pass++ } else { print "FAIL " tag ": " rest; fail++ }
            next
        }
        if (rest ~ /^skipped/) { print "SKIP " tag ": " rest; skip++; next }
        if (rest ~ /^entered/) {
            # Bochs accepted the state: fine only for checks the map says Bochs does not make
            check = rest; sub(/^entered \([A-Z_]*\) expected /, "", check); sub(/ \((SDM|APM) Vol\. [^)]*\)$/, "", check)
            if (re[check] == "-") { print "SKIP " tag ": Bochs 2.7 does not check \"" check "\""; skip++ }
            else { print "FAIL " tag ": Bochs entered the guest (" rest ")"; fail++ }
            next
        }
        if (rest !~ /^class [0-9]+ check /) { print "FAIL " tag ": " rest; fail++; next }
        check = rest; sub(/^class [0-9]+ check /, "", check); sub(/ \((SDM|APM) Vol\. [^)]*\)$/, "", check)
        if (!(check in re)) { print "FAIL " tag ": no map entry for \"" check "\""; fail++; next }
        b = bochs[++used]
        if (re[check] == "-") { print "FAIL " tag ": map says Bochs does not check \"" check "\" but it failed: " b; fail++; next }
        if (b ~ re[check]) { print "PASS " tag; pass++ }
        else { print "FAIL " tag ": library \"" check "\", Bochs \"" b "\""; fail++ }
    }
    END {
        if (used != nb) { print "FAIL " backend "-bochs entry-check: " nb " Bochs reports for " used " failed entries"; fail++ }
        printf "entry-check %s-bochs: %d passed, %d failed, %d skipped (not checked by Bochs 2.7)\n", backend, pass, fail, skip
        exit fail != 0
    }' "$out/library_checks.txt"
}

rc=0
for b in ${*:-vmx svm}; do
    check_backend "$b" || rc=1
done
exit $rc
