# The x86 decoder's tests (included by the top Makefile).
#   decode-test:  unit tests, the differential test against Zydis 4 and Capstone 4, and a bounded
#                 libFuzzer run; the header code built with ASan/UBSan throughout.
#   decode-bench: ns per instruction, xvcpu and Zydis on the same corpus.
# Needs Zydis and Capstone (Debian: libzydis-dev libcapstone-dev) and clang's libFuzzer runtime
# (Debian: clang, libclang-rt-14-dev).

DECODE_OUT := $(BUILD)/decode
DECODE_SRC := tests/x86emu/decode
DECODE_FUZZ_SECONDS ?= 20
DECODE_CLANG ?= clang
DECODE_WARN := -Wall -Wextra -Werror
DECODE_ORACLE_LIBS := $(shell pkg-config --libs capstone 2>/dev/null || echo -lcapstone) -lZydis
DECODE_ORACLE_CFLAGS := $(shell pkg-config --cflags capstone 2>/dev/null)
DECODE_NEED_ORACLES = printf '\#include <Zydis/Zydis.h>\n\#include <capstone/capstone.h>\nint main(void){ZydisDecoder d; csh h; return ZydisDecoderInit(&d, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64) != 0 || cs_open(CS_ARCH_X86, CS_MODE_64, &h) != 0;}\n' | \
	$(CC) -x c - $(DECODE_ORACLE_CFLAGS) -o $(DECODE_OUT)/oracle-probe $(DECODE_ORACLE_LIBS) 2>/dev/null || \
	{ echo "decode: Zydis 4 and Capstone 4 are needed: apt-get install libzydis-dev libcapstone-dev" >&2; exit 1; }

TEST_TARGETS += decode-test
BENCH_TARGETS += decode-bench

.PHONY: decode-test decode-bench decode-unit decode-diff decode-fuzz

$(DECODE_OUT)/unit: $(DECODE_SRC)/unit.c xvcpu.h
	@mkdir -p $(DECODE_OUT)
	$(CC) -std=c11 -g -O1 $(DECODE_WARN) $(SANITIZE) -o $@ $(DECODE_SRC)/unit.c

$(DECODE_OUT)/diff: $(DECODE_SRC)/diff.c $(DECODE_SRC)/oracles.h xvcpu.h
	@mkdir -p $(DECODE_OUT)
	@$(DECODE_NEED_ORACLES)
	$(CC) -std=gnu11 -g -O2 $(DECODE_WARN) $(SANITIZE) $(DECODE_ORACLE_CFLAGS) -o $@ \
		$(DECODE_SRC)/diff.c $(DECODE_ORACLE_LIBS)

$(DECODE_OUT)/fuzz: $(DECODE_SRC)/fuzz.c xvcpu.h
	@mkdir -p $(DECODE_OUT)
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d != 0) & (int)n & 0; }' | \
		$(DECODE_CLANG) -x c - -fsanitize=fuzzer -o $(DECODE_OUT)/fuzz-probe 2>/dev/null || \
		{ echo "decode: clang with libFuzzer is needed: apt-get install clang libclang-rt-14-dev" >&2; exit 1; }
	$(DECODE_CLANG) -std=c11 -g -O1 $(DECODE_WARN) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $(DECODE_SRC)/fuzz.c

$(DECODE_OUT)/bench: $(DECODE_SRC)/bench.c xvcpu.h
	@mkdir -p $(DECODE_OUT)
	@$(DECODE_NEED_ORACLES)
	$(CC) -std=gnu11 -O2 $(DECODE_WARN) -o $@ $(DECODE_SRC)/bench.c -lZydis

decode-unit: $(DECODE_OUT)/unit
	UBSAN_OPTIONS=print_stacktrace=1 ./$(DECODE_OUT)/unit

decode-diff: $(DECODE_OUT)/diff
	UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=0 ./$(DECODE_OUT)/diff

# New inputs go to the build directory; the committed seeds stay as they are.
decode-fuzz: $(DECODE_OUT)/fuzz
	@mkdir -p $(DECODE_OUT)/corpus
	@./$(DECODE_OUT)/fuzz -max_total_time=$(DECODE_FUZZ_SECONDS) -print_final_stats=1 \
		$(DECODE_OUT)/corpus $(DECODE_SRC)/seeds >$(DECODE_OUT)/fuzz.log 2>&1 || \
		{ tail -40 $(DECODE_OUT)/fuzz.log; echo "decode-fuzz: FAIL (log: $(DECODE_OUT)/fuzz.log)"; \
		  echo "decode-fuzz: 0 passed, 1 failed"; exit 1; }
	@echo "decode-fuzz: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' $(DECODE_OUT)/fuzz.log), no invariant broken"
	@echo "decode-fuzz: 1 passed, 0 failed"

decode-test: decode-unit decode-diff decode-fuzz
	@echo "decode-test: passed"

decode-bench: $(DECODE_OUT)/bench
	@./$(DECODE_OUT)/bench
