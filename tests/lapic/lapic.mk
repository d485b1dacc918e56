# The virtual local APIC (xvcpu/x86/lapic.h) on the host: exact register values, priorities,
# timers driven by a fake clock, ICR exits, MSR faults. Included by the top-level Makefile.
#
#   make lapic-unit     build/lapic_unit [substring]   (ASan + UBSan, about a second)

.PHONY: lapic-unit
TEST_TARGETS += lapic-unit

$(BUILD)/lapic_unit: tests/lapic/main.c tests/unit/check.h xvcpu.h
	@mkdir -p $(BUILD)
	$(CC) -std=c11 -g -O1 -Wall -Wextra -Werror $(SANITIZE) -o $@ tests/lapic/main.c

lapic-unit: $(BUILD)/lapic_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(BUILD)/lapic_unit
