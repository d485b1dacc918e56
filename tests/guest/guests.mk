# Guest payloads for minihv (tests/guest/README.md): each tests/guest/<name>.S becomes a flat
# binary linked at guest-physical 0x8000, build/guest/<name>.bin. Included by the top-level
# Makefile; paths are relative to the repository root. Alone: make -f tests/guest/guests.mk
#
#   GUEST_NAMES   the test guests (the README table)
#   GUEST_BINS    their binaries
#   make guests   builds them; any other tests/guest/<x>.S builds as build/guest/<x>.bin too

BUILD ?= build
GUEST_DIR := tests/guest
GUEST_OUT := $(BUILD)/guest
GUEST_CC ?= gcc
GUEST_OBJCOPY ?= objcopy
GUEST_MAX_SIZE := 16384

GUEST_NAMES := modes cpuid xsetbv cr msr io hlt exception ept vmcall triple \
	mmio-mov mmio-alu mmio-string mmio-prot32 mmio-pf cr-pse msr-arch
# The hostile suite: every tests/guest/hostile-*.S is a test guest, in name order.
GUEST_NAMES += $(sort $(patsubst $(GUEST_DIR)/%.S,%,$(wildcard $(GUEST_DIR)/hostile-*.S)))
GUEST_BINS := $(GUEST_NAMES:%=$(GUEST_OUT)/%.bin)

# One x86-64 ELF object per guest; .code16/.code32/.code64 inside pick each piece's mode.
GUEST_ASFLAGS := -m64 -MMD -MP -Wa,--noexecstack
GUEST_LDFLAGS := -m64 -nostdlib -static -no-pie -Wl,-T,$(GUEST_DIR)/guest.ld -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

.PHONY: guests
guests: $(GUEST_BINS)

$(GUEST_OUT)/%.o: $(GUEST_DIR)/%.S $(GUEST_DIR)/guests.mk
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_ASFLAGS) -c $< -o $@

$(GUEST_OUT)/%.elf: $(GUEST_OUT)/%.o $(GUEST_DIR)/guest.ld
	$(GUEST_CC) $(GUEST_LDFLAGS) -o $@ $<

# Flat image; it must start with the magic and fit in GUEST_MAX_SIZE.
$(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(GUEST_OBJCOPY) -O binary $< $@.tmp
	@test "$$(head -c 8 $@.tmp)" = XVCPUGST || { echo "error: $@: no XVCPUGST header" >&2; rm -f $@.tmp; exit 1; }
	@size=$$(stat -c %s $@.tmp); test $$size -le $(GUEST_MAX_SIZE) || \
		{ echo "error: $@: $$size bytes, more than $(GUEST_MAX_SIZE)" >&2; rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@

# Keep the objects and ELF files (for objdump) instead of deleting them as intermediates.
.PRECIOUS: $(GUEST_OUT)/%.o $(GUEST_OUT)/%.elf

-include $(wildcard $(GUEST_OUT)/*.d)
print-guest-names: ; @echo $(GUEST_NAMES)
