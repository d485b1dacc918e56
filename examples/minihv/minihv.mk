# minihv: bare x86-64 kernel + boot ROM for end-to-end runs under Bochs and QEMU.
# Included by the top-level Makefile; paths are relative to the repository root.
#
#   make minihv             build/minihv/minihv.elf (ELF64), minihv32.elf (QEMU -kernel), minihv.rom
#   make minihv-boot-test   boot the skeleton under Bochs VMX, Bochs SVM and QEMU SVM
#
# Hooks for the hypervisor:
#   MINIHV_EXTRA_SRCS    more .c/.S files (repository-relative) linked into the kernel
#   MINIHV_CFLAGS_EXTRA  more compiler flags (e.g. -I for .incbin'd payloads: -Wa,-Idir)
#   MINIHV_INCBIN_DEPS   files the extra sources .incbin: they rebuild when these change
# Set them before the include (or on the command line): the lists below are expanded at once.

BUILD ?= build
MINIHV_DIR := examples/minihv
MINIHV_OUT := $(BUILD)/minihv
MINIHV_CC ?= gcc
MINIHV_OBJCOPY ?= objcopy
MINIHV_EXTRA_SRCS ?=
MINIHV_CFLAGS_EXTRA ?=
MINIHV_INCBIN_DEPS ?=
# Largest boot ROM: Bochs 2.7 loads system ROMs up to 2 MiB ending at 4 GiB ("ROM image too large"
# at 4 MiB; tested). QEMU -bios takes any multiple of 64 KiB.
MINIHV_ROM_MAX ?= 2097152

MINIHV_CFLAGS := -std=gnu11 -ffreestanding -nostdlib -mno-red-zone -mgeneral-regs-only -fno-pic -fno-pie \
	-mcmodel=small -fno-stack-protector -fno-asynchronous-unwind-tables -O2 -Wall -Wextra -Werror \
	-I$(MINIHV_DIR)/kernel -I$(MINIHV_DIR) -MMD -MP $(MINIHV_CFLAGS_EXTRA)

MINIHV_SRCS := $(addprefix $(MINIHV_DIR)/kernel/,entry.S isr.S main.c console.c printf.c string.c trap.c \
	page.c default_main.c) $(MINIHV_EXTRA_SRCS)
# The hypervisor (hv.c) brings the examples' VMM and its MMIO device model along (examples/common/).
MINIHV_SRCS += $(if $(filter $(MINIHV_DIR)/hv.c,$(MINIHV_EXTRA_SRCS)),examples/common/vmm.c examples/common/mmio_dev.c)
MINIHV_OBJS := $(patsubst %,$(MINIHV_OUT)/obj/%.o,$(MINIHV_SRCS))
MINIHV_EXTRA_OBJS := $(patsubst %,$(MINIHV_OUT)/obj/%.o,$(MINIHV_EXTRA_SRCS))

.PHONY: minihv minihv-boot-test

minihv: $(MINIHV_OUT)/minihv.elf $(MINIHV_OUT)/minihv32.elf $(MINIHV_OUT)/minihv.rom

# Objects mirror the source path: build/minihv/obj/examples/minihv/kernel/main.c.o
$(MINIHV_OUT)/obj/%.c.o: %.c $(MINIHV_DIR)/minihv.mk
	@mkdir -p $(@D)
	$(MINIHV_CC) $(MINIHV_CFLAGS) -c $< -o $@
$(MINIHV_OUT)/obj/%.S.o: %.S $(MINIHV_DIR)/minihv.mk
	@mkdir -p $(@D)
	$(MINIHV_CC) $(MINIHV_CFLAGS) -c $< -o $@
$(MINIHV_EXTRA_OBJS): $(MINIHV_INCBIN_DEPS)
-include $(MINIHV_OBJS:.o=.d)

# -lgcc: in case the hypervisor code needs a compiler helper (e.g. 128-bit division)
$(MINIHV_OUT)/minihv.elf: $(MINIHV_OBJS) $(MINIHV_DIR)/kernel/kernel.ld
	$(MINIHV_CC) -nostdlib -static -no-pie -Wl,-T,$(MINIHV_DIR)/kernel/kernel.ld -Wl,--build-id=none \
		-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack -o $@ $(MINIHV_OBJS) -lgcc

# QEMU's multiboot loader takes only 32-bit ELF files; the addresses are all below 4 GiB.
$(MINIHV_OUT)/minihv32.elf: $(MINIHV_OUT)/minihv.elf
	$(MINIHV_OBJCOPY) -O elf32-i386 $< $@

# The image the ROM copies to 1 MiB (no .bss).
$(MINIHV_OUT)/minihv.bin: $(MINIHV_OUT)/minihv.elf
	$(MINIHV_OBJCOPY) -O binary $< $@

$(MINIHV_OUT)/rom.o: $(MINIHV_DIR)/boot/rom.S $(MINIHV_OUT)/minihv.bin
	$(MINIHV_CC) -c -Wa,-I$(MINIHV_OUT) $< -o $@

# ROM size: the smallest power of two >= 64 KiB holding the image + 8 KiB of boot code.
$(MINIHV_OUT)/minihv.rom: $(MINIHV_OUT)/rom.o $(MINIHV_OUT)/minihv.elf $(MINIHV_OUT)/minihv.bin $(MINIHV_DIR)/boot/rom.ld
	@img=$$(stat -c %s $(MINIHV_OUT)/minihv.bin); rom=65536; \
	while [ $$rom -lt $$((img + 8192)) ]; do rom=$$((rom * 2)); done; \
	if [ $$rom -gt $(MINIHV_ROM_MAX) ]; then \
		echo "error: minihv: kernel image is $$img bytes; the boot ROM holds at most $$(($(MINIHV_ROM_MAX) - 8192)) (MINIHV_ROM_MAX)" >&2; \
		exit 1; \
	fi; \
	echo "minihv: kernel image $$img bytes, ROM $$rom bytes"; \
	\
	$(MINIHV_CC) -nostdlib -static -no-pie -Wl,-T,$(MINIHV_DIR)/boot/rom.ld -Wl,--defsym=ROM_SIZE=$$rom \
		-Wl,--just-symbols=$(MINIHV_OUT)/minihv.elf -Wl,--build-id=none -Wl,-z,noexecstack \
		-o $(MINIHV_OUT)/rom.elf $(MINIHV_OUT)/rom.o && \
	$(MINIHV_OBJCOPY) -O binary $(MINIHV_OUT)/rom.elf $@.tmp && \
	test $$(stat -c %s $@.tmp) -eq $$rom && mv $@.tmp $@

# Boot the skeleton everywhere and check it got to kmain (QEMU both ways: -kernel and -bios).
minihv-boot-test: minihv
	@rc=0; \
	for b in vmx svm; do \
		tests/e2e/run_bochs.sh $$b $(MINIHV_OUT)/minihv.rom $(MINIHV_OUT)/boot-$$b-bochs boot || rc=1; \
		grep -q '^minihv: booted' $(MINIHV_OUT)/boot-$$b-bochs/console.txt || { echo "FAIL $$b-bochs boot: no 'minihv: booted'"; rc=1; }; \
	done; \
	for img in minihv32.elf minihv.rom; do \
		tests/e2e/run_qemu.sh $(MINIHV_OUT)/$$img $(MINIHV_OUT)/boot-svm-qemu-$$img boot-$$img || rc=1; \
		grep -q '^minihv: booted' $(MINIHV_OUT)/boot-svm-qemu-$$img/console.txt || { echo "FAIL svm-qemu boot-$$img: no 'minihv: booted'"; rc=1; }; \
	done; \
	exit $$rc
