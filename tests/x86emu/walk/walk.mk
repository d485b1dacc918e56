# Page walker and ALU tests (tests/x86emu/walk/): unit tests on hand-built tables, a libFuzzer harness run
# for a bounded time, and the ALU checked against the host CPU. Included by the top Makefile.

WALK_BUILD := $(BUILD)/walk
WALK_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE)
# libFuzzer needs clang (Debian: clang and libclang-rt-14-dev).
WALK_FUZZ_CC ?= clang
WALK_FUZZ_SECONDS ?= 15

$(WALK_BUILD)/walk_unit: tests/x86emu/walk/walk_unit.c tests/x86emu/walk/fake_mem.h xvcpu.h
	@mkdir -p $(WALK_BUILD)
	$(CC) $(WALK_CFLAGS) -o $@ tests/x86emu/walk/walk_unit.c

$(WALK_BUILD)/walk_fuzz: tests/x86emu/walk/walk_fuzz.c tests/x86emu/walk/fake_mem.h xvcpu.h
	@mkdir -p $(WALK_BUILD)
	$(WALK_FUZZ_CC) -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ tests/x86emu/walk/walk_fuzz.c

# -O1: the oracle's asm runs each instruction on registers; the model is the library's code.
$(WALK_BUILD)/alu_oracle: tests/x86emu/walk/alu_oracle.c xvcpu.h
	@mkdir -p $(WALK_BUILD)
	$(CC) $(WALK_CFLAGS) -o $@ tests/x86emu/walk/alu_oracle.c

walk-test: $(WALK_BUILD)/walk_unit $(WALK_BUILD)/walk_fuzz $(WALK_BUILD)/alu_oracle
	UBSAN_OPTIONS=print_stacktrace=1 ./$(WALK_BUILD)/walk_unit
	UBSAN_OPTIONS=print_stacktrace=1 ./$(WALK_BUILD)/alu_oracle
	@mkdir -p $(WALK_BUILD)/corpus
	@UBSAN_OPTIONS=print_stacktrace=1 ./$(WALK_BUILD)/walk_fuzz -max_total_time=$(WALK_FUZZ_SECONDS) \
		-max_len=512 -print_final_stats=1 $(WALK_BUILD)/corpus 2>$(WALK_BUILD)/fuzz.log \
		|| { tail -40 $(WALK_BUILD)/fuzz.log; echo "walk fuzz: 0 passed, 1 failed"; exit 1; }
	@grep -E "^stat::number_of_executed_units|^stat::new_units_added|^walk outcomes" $(WALK_BUILD)/fuzz.log
	@echo "walk fuzz: 1 passed, 0 failed"

.PHONY: walk-test
TEST_TARGETS += walk-test
