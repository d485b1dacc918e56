# xvcpu - see README.md. `make test` runs everything CI runs.

# The generator needs PyYAML and Jinja2 (Debian: python3-yaml, python3-jinja2).
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do $$p -c 'import yaml, jinja2' 2>/dev/null && { echo $$p; break; }; done)
CC ?= cc
BUILD := build
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_SRC := $(wildcard tests/unit/*.c tests/unit/*.h) tests/soft_x86.h tests/soft_x86.c

# Test suites that live in their own directories add themselves to these lists.
TEST_TARGETS :=
E2E_TARGETS :=
BENCH_TARGETS :=
-include tests/x86emu/decode/decode.mk tests/x86emu/walk/walk.mk tests/svm/svm.mk examples/minihv/demo.mk tests/e2e/entry_check.mk tests/linux-module/linux-module.mk tests/lapic/lapic.mk tests/linux/linux.mk tests/arm64/arm64.mk tests/fuzz/fuzz.mk

.PHONY: all test test-suites e2e-x86 gen check-gen spec-test unit compile-test e2e bench clean need-python mmio-fuzz

all: test

need-python:
	@test -n "$(PYTHON)" || { echo "error: need python3 with PyYAML and Jinja2: apt-get install python3-yaml python3-jinja2" >&2; exit 1; }

# Regenerate xvcpu/gen/ and xvcpu.h from spec/ and xvcpu/.
gen: need-python
	$(PYTHON) codegen/gen.py

# Fail when a generated file or xvcpu.h is not what `make gen` would write.
check-gen: need-python
	$(PYTHON) codegen/gen.py --stale
	@echo "check-gen: xvcpu/gen/ and xvcpu.h are current"
	@echo "check-gen: 1 passed, 0 failed"

# The generator's validation rules, each on a malformed spec.
spec-test: need-python
	$(PYTHON) tests/spec/test_codegen.py

$(BUILD)/unit: $(UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE) -o $@ tests/unit/main.c

unit: $(BUILD)/unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(BUILD)/unit

# gcc and clang, C99 and C11, C++, freestanding: the header compiles cleanly everywhere.
compile-test:
	tests/compile/run.sh

# Every guest of tests/guest/ under every backend: one `PASS|FAIL <backend> <guest>` line each,
# transcripts compared exactly with tests/e2e/expected/.
e2e: $(E2E_TARGETS) e2e-x86

# Every guest on every x86 backend (vmx-bochs, svm-qemu, svm-bochs): tests/e2e/run_guests.sh.
e2e-x86:
	@tests/e2e/run_x86_all.sh

# Figures to minimise (never assertions): VMREAD/VMWRITE per exit path on the counting software
# machine, and the guest-measured CPUID round trip in Bochs.
$(BUILD)/bench_counts: tests/bench/vmx_counts.c $(UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ tests/bench/vmx_counts.c

# The SVM paths' VMCB cost: fields changed before the next VMRUN, clean-bit groups left dirty.
$(BUILD)/bench_svm_counts: tests/bench/svm_counts.c $(SVM_UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ tests/bench/svm_counts.c

bench: $(BUILD)/bench_counts $(BUILD)/bench_svm_counts $(BENCH_TARGETS)
	@./$(BUILD)/bench_counts
	@./$(BUILD)/bench_svm_counts
	@tests/e2e/bench_vmx_bochs.sh

# Every suite prints its own "N passed, N failed" line; the last line is their sum. -k: one
# failing suite does not hide the others' results.
test:
	@mkdir -p $(BUILD)
	@{ $(MAKE) --no-print-directory -k test-suites 2>&1; echo "make-status $$?" >$(BUILD)/test.status; } | tee $(BUILD)/test.log
	@tests/total.sh $(BUILD)/test.log "$$(sed 's/make-status //' $(BUILD)/test.status)"

test-suites: check-gen spec-test unit mmio-fuzz compile-test $(TEST_TARGETS) e2e

clean:
	rm -rf $(BUILD)

# The MMIO path under libFuzzer (clang, ASan/UBSan): hostile instruction bytes, registers, page
# tables and device answers. A bounded run is part of `make test`.
$(BUILD)/fuzz_mmio: tests/unit/fuzz_mmio.c $(UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	clang -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ tests/unit/fuzz_mmio.c

mmio-fuzz: $(BUILD)/fuzz_mmio
	@mkdir -p $(BUILD)/fuzz_mmio_corpus
	@$(BUILD)/fuzz_mmio -max_total_time=20 -timeout=5 $(BUILD)/fuzz_mmio_corpus > $(BUILD)/fuzz_mmio.log 2>&1 || \
		{ tail -40 $(BUILD)/fuzz_mmio.log; echo "mmio-fuzz: FAILED (log: $(BUILD)/fuzz_mmio.log)"; \
		  echo "mmio-fuzz: 0 passed, 1 failed"; exit 1; }
	@grep -E '^Done [0-9]+ runs' $(BUILD)/fuzz_mmio.log || true
	@echo "mmio-fuzz: 1 passed, 0 failed"
