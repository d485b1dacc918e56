# The SVM backend's suites; included by the top-level Makefile (paths from the repository root).
#
#   make svm-unit       host tests (ASan + UBSan) on a software SVM model: build/svm_unit [substring]
#   make bench-svm      `bench: svm.cpuid_roundtrip_ticks` (QEMU -icount shift=0, no NRIP-save: the
#                       library decodes each length) and `bench: svm_bochs.cpuid_roundtrip_ticks`

.PHONY: svm-unit bench-svm

TEST_TARGETS += svm-unit
BENCH_TARGETS += bench-svm

bench-svm:
	@tests/e2e/bench_svm_qemu.sh
	@tests/e2e/bench_svm_bochs.sh

SVM_UNIT_SRC := $(wildcard tests/svm/*.c tests/svm/*.h) tests/soft_x86.h tests/soft_x86.c tests/unit/mock.c tests/unit/mock.h tests/unit/check.h
$(BUILD)/svm_unit: $(SVM_UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE) -o $@ tests/svm/main.c

svm-unit: $(BUILD)/svm_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(BUILD)/svm_unit
