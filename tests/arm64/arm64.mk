# The AArch64 backend's suites; included by the top-level Makefile (paths from the repository root).
#
#   make arm64-unit     host tests (ASan + UBSan) on a software EL2 machine: build/arm64_unit [substring]
#   make e2e-arm64      examples/minihv-arm64 with each guest under QEMU (-cpu cortex-a72 and max)
#   make bench-arm64    `bench: arm64.hvc_roundtrip_insns` / `arm64.mmio_load_insns` (QEMU -icount)

.PHONY: arm64-unit e2e-arm64 bench-arm64

TEST_TARGETS += arm64-unit
E2E_TARGETS += e2e-arm64
BENCH_TARGETS += bench-arm64

bench-arm64:
	@tests/arm64/bench.sh

e2e-arm64:
	tests/arm64/run_e2e.sh

ARM64_UNIT_SRC := $(wildcard tests/arm64/*.c tests/arm64/*.h) tests/unit/mock.c tests/unit/mock.h tests/unit/check.h
$(BUILD)/arm64_unit: $(ARM64_UNIT_SRC) xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE) -o $@ tests/arm64/main.c

arm64-unit: $(BUILD)/arm64_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(BUILD)/arm64_unit
