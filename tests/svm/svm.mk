# The SVM backend's suites; included by the top-level Makefile (paths from the repository root).
#
#   make svm-unit       host tests (ASan + UBSan) on a software SVM model: build/svm_unit [substring]
#   make e2e-svm        every guest under QEMU TCG (-cpu qemu64,+svm,+npt) and Bochs (ryzen), at once
#   make bench-svm      `bench: svm.cpuid_roundtrip_ticks`, guest-measured under QEMU -icount shift=0
#   make demo           a guest under the SVM backend in QEMU: its output and the exit statistics
#                       (DEMO_GUEST=io; BACKEND=vmx runs it under the VMX backend in Bochs;
#                       GUEST=linux boots Debian's kernel, tests/linux/linux.mk)

.PHONY: svm-unit e2e-svm bench-svm demo

TEST_TARGETS += svm-unit
E2E_TARGETS += e2e-svm
BENCH_TARGETS += bench-svm

e2e-svm:
	tests/e2e/run_svm_all.sh

bench-svm:
	@tests/e2e/bench_svm_qemu.sh

BACKEND ?= svm
DEMO_GUEST ?= modes
demo:
	@if [ "$(GUEST)" = linux ]; then $(MAKE) -s demo-linux; else tests/e2e/run_svm_demo.sh $(BACKEND) $(DEMO_GUEST); fi

SVM_UNIT_SRC := $(wildcard tests/svm/*.c tests/svm/*.h) tests/unit/mock.c tests/unit/mock.h tests/unit/check.h
$(BUILD)/svm_unit: $(SVM_UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE) -o $@ tests/svm/main.c

svm-unit: $(BUILD)/svm_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(BUILD)/svm_unit
