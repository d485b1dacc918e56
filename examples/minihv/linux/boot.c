/* The Linux/x86 64-bit boot protocol (Documentation/arch/x86/boot.rst, "64-bit Boot Protocol"):
 * the zero page (struct boot_params) with the kernel's setup header, an e820 map, the command
 * line and the initrd; identity-mapped page tables; and an MP table (Intel MultiProcessor
 * Specification 1.4, chapter 4) naming the CPUs, the ISA bus and the IOAPIC. */
#include "linux.h"

/* boot_params offsets */
#define BP_EXT_RAMDISK_IMAGE 0x0C0
#define BP_EXT_RAMDISK_SIZE 0x0C4
#define BP_EXT_CMD_LINE_PTR 0x0C8
#define BP_E820_ENTRIES 0x1E8
#define BP_SETUP_HEADER 0x1F1
#define BP_E820_TABLE 0x2D0
/* setup header fields (offsets in boot_params) */
#define HDR_VID_MODE 0x1FA
#define HDR_JUMP 0x200 /* 2-byte jump; its second byte + 0x202 ends the header */
#define HDR_MAGIC 0x202
#define HDR_VERSION 0x206
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS 0x211
#define HDR_RAMDISK_IMAGE 0x218
#define HDR_RAMDISK_SIZE 0x21C
#define HDR_HEAP_END_PTR 0x224
#define HDR_CMD_LINE_PTR 0x228
#define HDR_INITRD_ADDR_MAX 0x22C
#define HDR_CMDLINE_SIZE 0x238
#define LOADED_HIGH 0x01
#define CAN_USE_HEAP 0x80

#define E820_RAM 1
#define E820_RESERVED 2

static void put16(uint8_t *p, uint16_t v) { kmemcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { kmemcpy(p, &v, 4); }
static uint32_t get32(const uint8_t *p) { uint32_t v; kmemcpy(&v, p, 4); return v; }

static void e820_add(uint8_t *zp, uint64_t addr, uint64_t size, uint32_t type)
{
    uint8_t *e = zp + BP_E820_TABLE + 20 * zp[BP_E820_ENTRIES]++;
    kmemcpy(e, &addr, 8);
    kmemcpy(e + 8, &size, 8);
    put32(e + 16, type);
}

static uint8_t checksum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;
    while (n--)
        s = (uint8_t)(s + *p++);
    return (uint8_t)-s;
}

/* MP floating pointer at `gpa`, configuration table right after it. */
static void mptable_build(uint8_t *ram, uint64_t gpa, uint32_t cpus)
{
    uint8_t *fp = ram + gpa, *ct = fp + 16, *e = ct + 44;
    uint16_t entries = 0;
    uint32_t r[4], i;
    cpuid(1, 0, r);
    kmemset(fp, 0, 1024);
    kmemcpy(fp, "_MP_", 4);
    put32(fp + 4, (uint32_t)(gpa + 16));
    fp[8] = 1;  /* length in 16-byte units */
    fp[9] = 4;  /* spec revision 1.4 */
    /* feature bytes 0: the configuration table is present; no IMCR (virtual wire mode) */
    fp[10] = checksum(fp, 16);

    kmemcpy(ct, "PCMP", 4);
    ct[6] = 4;
    kmemcpy(ct + 8, "XVCPU   ", 8);
    kmemcpy(ct + 16, "MINIHV      ", 12);
    put32(ct + 36, 0xFEE00000u);
    for (i = 0; i < cpus; i++, entries++, e += 20) { /* processor entries */
        kmemset(e, 0, 20);
        e[0] = 0;
        e[1] = (uint8_t)i;          /* local APIC ID */
        e[2] = XVCPU_LAPIC_VERSION;
        e[3] = (uint8_t)(1 | (i == 0 ? 2 : 0)); /* enabled, bootstrap */
        put32(e + 4, r[0]);         /* CPU signature: family/model/stepping */
        put32(e + 8, r[3]);         /* feature flags: CPUID.1:EDX */
    }
    e[0] = 1; e[1] = 0; kmemcpy(e + 2, "ISA   ", 6); /* bus 0: ISA */
    e += 8, entries++;
    e[0] = 2; e[1] = LINUX_IOAPIC_ID; e[2] = 0x11; e[3] = 1; put32(e + 4, (uint32_t)LINUX_IOAPIC_GPA);
    e += 8, entries++;
    for (i = 0; i < 16; i++) { /* ISA IRQs, bus-conforming polarity and trigger: edge, active high */
        if (i == 2)
            continue;
        e[0] = 3; e[1] = 0; put16(e + 2, 0); e[4] = 0; e[5] = (uint8_t)i;
        e[6] = LINUX_IOAPIC_ID; e[7] = (uint8_t)(i == 0 ? 2 : i);
        e += 8, entries++;
    }
    /* local interrupts: ExtINT on LINT0, NMI on LINT1, all local APICs */
    e[0] = 4; e[1] = 3; put16(e + 2, 0); e[4] = 0; e[5] = 0; e[6] = 0xFF; e[7] = 0;
    e += 8, entries++;
    e[0] = 4; e[1] = 1; put16(e + 2, 0); e[4] = 0; e[5] = 0; e[6] = 0xFF; e[7] = 1;
    e += 8, entries++;
    put16(ct + 4, (uint16_t)(e - ct));
    put16(ct + 34, entries);
    ct[7] = checksum(ct, (size_t)(e - ct));
}

/* Identity map of 0-4 GiB with 2 MiB pages: covers the kernel, the zero page and the command line,
 * as the protocol asks. */
static void page_tables_build(uint8_t *ram)
{
    uint64_t *pml4 = (uint64_t *)(ram + LINUX_GPA_PML4), *pdpt = pml4 + 512, *pd = pdpt + 512;
    unsigned i;
    kmemset(pml4, 0, 6 * 4096);
    pml4[0] = (LINUX_GPA_PML4 + 0x1000) | 3;
    for (i = 0; i < 4; i++)
        pdpt[i] = (LINUX_GPA_PML4 + 0x2000 + i * 0x1000ull) | 3;
    for (i = 0; i < 2048; i++)
        pd[i] = ((uint64_t)i << 21) | 0x83; /* present, writable, 2 MiB */
}

const char *linux_boot_prepare(const linux_boot_info *info, uint8_t *ram, uint32_t cpus)
{
    const uint8_t *setup = (const uint8_t *)info + LINUX_BOOT_SETUP_OFF;
    const char *cmdline = (const char *)info + LINUX_BOOT_CMDLINE_OFF;
    uint8_t *zp = ram + LINUX_GPA_ZERO_PAGE;
    size_t hdr_end = HDR_MAGIC + setup[HDR_JUMP + 1];

    if (get32(setup + HDR_MAGIC) != 0x53726448u) /* "HdrS" */
        return "no setup header (HdrS) in boot.bin";
    if ((setup[HDR_VERSION] | setup[HDR_VERSION + 1] << 8) < 0x20C)
        return "boot protocol older than 2.12 (no 64-bit entry)";
    if (hdr_end > 0x290 || info->cmdline_bytes == 0 || info->cmdline_bytes > 2048)
        return "bad setup header or command line size";

    kmemset(zp, 0, 4096);
    kmemcpy(zp + BP_SETUP_HEADER, setup + BP_SETUP_HEADER, hdr_end - BP_SETUP_HEADER);
    put16(zp + HDR_VID_MODE, 0xFFFF);              /* "normal" */
    zp[HDR_TYPE_OF_LOADER] = 0xFF;                 /* no registered loader id */
    zp[HDR_LOADFLAGS] |= LOADED_HIGH | CAN_USE_HEAP;
    put16(zp + HDR_HEAP_END_PTR, 0xFE00);
    put32(zp + HDR_CMD_LINE_PTR, (uint32_t)LINUX_GPA_CMDLINE);
    put32(zp + BP_EXT_CMD_LINE_PTR, 0);
    kmemcpy(ram + LINUX_GPA_CMDLINE, cmdline, info->cmdline_bytes);
    ram[LINUX_GPA_CMDLINE + info->cmdline_bytes - 1] = 0;
    if (info->initrd_bytes) {
        if (info->initrd_gpa + info->initrd_bytes > get32(zp + HDR_INITRD_ADDR_MAX) + 1ull)
            return "the initrd lies above the kernel's initrd_addr_max";
        put32(zp + HDR_RAMDISK_IMAGE, (uint32_t)info->initrd_gpa);
        put32(zp + HDR_RAMDISK_SIZE, (uint32_t)info->initrd_bytes);
        put32(zp + BP_EXT_RAMDISK_IMAGE, (uint32_t)(info->initrd_gpa >> 32));
        put32(zp + BP_EXT_RAMDISK_SIZE, (uint32_t)(info->initrd_bytes >> 32));
    }
    /* e820: low RAM, the EBDA-style hole and BIOS area (the MP table lives there), high RAM */
    e820_add(zp, 0, 0x9F000, E820_RAM);
    e820_add(zp, 0x9F000, 0x1000, E820_RESERVED);
    e820_add(zp, 0xE0000, 0x20000, E820_RESERVED);
    e820_add(zp, 0x100000, info->ram_size - 0x100000, E820_RAM);
    e820_add(zp, LINUX_IOAPIC_GPA, 0x1000, E820_RESERVED);
    e820_add(zp, 0xFEE00000ull, 0x1000, E820_RESERVED);

    page_tables_build(ram);
    mptable_build(ram, LINUX_GPA_MPTABLE, cpus);
    return 0;
}
