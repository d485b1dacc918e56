#!/bin/sh
# Count an e2e runner's PASS/FAIL lines: passes them through and ends with
# "e2e <name>: N passed, N failed". Reads the runner's exit status from a last line
# "runner-exit N" (see the Makefile); a runner that failed without a FAIL line counts as one
# failure, so a crash never looks green. Exit status 0 only if something passed and nothing failed.
#   { tests/e2e/run_x.sh; echo "runner-exit $?"; } | tests/e2e/count.sh <name>
name=${1:?usage: count.sh <name>}
awk -v name="$name" '
    /^runner-exit [0-9]+$/ { status = $2; next }
    { print; fflush() }
    /^PASS / { pass++ }
    /^FAIL / { fail++ }
    END {
        if (status != 0 && fail == 0) { print "FAIL " name ": the runner exited with status " status; fail = 1 }
        printf "e2e %s: %d passed, %d failed\n", name, pass, fail
        exit (fail == 0 && pass > 0) ? 0 : 1
    }'
