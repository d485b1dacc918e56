# minihv's fuzz mode (examples/minihv/fuzz.c, guest tests/guest/fuzz.S; tests/guest/README.md
# "The fuzzer"). Included by the top-level Makefile; paths from the repository root.
#
#   make fuzz-test    a short run per backend (svm-qemu, vmx-bochs): `PASS|FAIL <backend> fuzz`
#                     each and `fuzz: N passed, N failed` (one pass per run with 0 host failures)
#   make bench-fuzz   the bounded runs' `bench: fuzz.guest_exits` and `bench: fuzz.host_failures`
#                     (svm-qemu, about 25 s) and `bench: fuzz.vmx_bochs_*` (20000 exits, about 70 s)
#   tests/fuzz/run.sh <backend> <exits> [seed]   one run (replays a seed exactly)

.PHONY: fuzz-test bench-fuzz
TEST_TARGETS += fuzz-test
BENCH_TARGETS += bench-fuzz

# Exits per run and the seed: runs that end before QEMU 7.2 crashes on the random code (seed 1
# after about 4400 exits; docs/EMULATORS.md). svm-bochs is left out: Bochs leaks a guest's
# single-step into the host (a host #DB in the first few hundred sequences; issue 12).
FUZZ_TEST_EXITS ?= 3000
FUZZ_TEST_SEED ?= 1
FUZZ_BENCH_EXITS_QEMU ?= 3000
FUZZ_BENCH_EXITS_BOCHS ?= 20000
FUZZ_BENCH_SEED ?= 1
FUZZ_BENCH_SEED_BOCHS ?= 3

fuzz-test:
	@mkdir -p $(BUILD)
	@{ rc=0; for b in svm-qemu vmx-bochs; do \
		FUZZ_TIMEOUT=300 tests/fuzz/run.sh $$b $(FUZZ_TEST_EXITS) $(FUZZ_TEST_SEED) >$(BUILD)/fuzz-test.out 2>&1 || rc=1; \
		grep -v '^bench: ' $(BUILD)/fuzz-test.out; \
	done; echo "runner-exit $$rc"; } | awk '/^runner-exit/ { s = $$2; next } { print } /^PASS / { p++ } /^FAIL / { f++ } \
		END { if (s != 0 && f == 0) f = 1; printf "fuzz: %d passed, %d failed\n", p, f; exit f != 0 || p == 0 }'

bench-fuzz:
	@FUZZ_TIMEOUT=1800 tests/fuzz/run.sh svm-qemu $(FUZZ_BENCH_EXITS_QEMU) $(FUZZ_BENCH_SEED) | grep '^bench: '
	@FUZZ_TIMEOUT=1800 tests/fuzz/run.sh vmx-bochs $(FUZZ_BENCH_EXITS_BOCHS) $(FUZZ_BENCH_SEED_BOCHS) | grep '^bench: ' | sed 's/^bench: fuzz\./bench: fuzz.vmx_bochs_/'
