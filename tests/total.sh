#!/bin/sh
# The last line of `make test`: the sum of every suite's "N passed, N failed" line in the log
# (a suite may add ", N skipped ..." for cases its platform cannot check).
# A make that failed without any suite reporting a failure (a build error, say) counts as one
# failure. Exit status 0 only if nothing failed.
#   tests/total.sh <log> <make's exit status>
log=${1:?usage: total.sh <log> <status>} status=${2:?usage: total.sh <log> <status>}
awk -v status="$status" '
    match($0, /[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped.*)?$/) {
        split(substr($0, RSTART), w, " ")
        pass += w[1]; fail += w[3]
    }
    END {
        if (status != 0 && fail == 0) { print "make test: make failed (status " status ") - see the log above"; fail = 1 }
        printf "%d passed, %d failed\n", pass, fail
        exit fail == 0 ? 0 : 1
    }' "$log"
