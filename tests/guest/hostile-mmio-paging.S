/* hostile-mmio-paging: the MMIO device (guest-physical 0xD0000000) reached through 32-bit paging
 * with 4 KiB and 4 MiB pages, mapped at a linear address other than its guest-physical one: the
 * library must walk the guest's own tables (SDM Vol. 3A 4.3) to find the device. Each mode reads
 * the ID register (two dwords) and writes and reads back a dword; then paging goes off and the
 * next mode is built. (PAE paging and EFER.LME without CR4.PAE are the pae-mmio guest's, outside
 * the e2e list: QEMU 7.2's SVM fails both, docs/EMULATORS.md.)
 * Flat 32-bit protected mode (the 4-level modes are the mmio-* guests'). */
#include "common.inc"
#include "mmio.inc"

#define CR0_PG (1 << 31)
#define CR4_PSE (1 << 4)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define EFER_LMA (1 << 10)
#define PG_P 0x1
#define PG_RW 0x2
#define PG_PS 0x80
#define PG_DEV (PG_P | PG_RW | PTE_PWT | PTE_PCD)

/* Tables in guest RAM (below 2 MiB, above the image). */
#define PD32   0x30000                   /* 32-bit paging: page directory */
#define PT32L  0x31000                   /*   identity 4 KiB pages of 0-4 MiB */
#define PT32D  0x32000                   /*   the device's page table */
#define PDPT   0x33000                   /* PAE: page-directory-pointer table */
#define PDL    0x34000                   /*   PD for 0-1 GiB (2 MiB identity page at 0) */
#define PDD    0x35000                   /*   PD for 1-2 GiB (the device) */
#define PTD    0x36000                   /*   PT for the device's 4 KiB page */

#define LIN_4K  0x40000000               /* the device through a 4 KiB page */
#define LIN_4M  0x80000000               /* through a 4 MiB page (32-bit paging) */
#define LIN_2M  0x40200000               /* through a 2 MiB page (PAE) */

/* The ID register at `lin` and a store/load at lin + 0x100 of `val`; fail codes code..code+2. */
.macro DEVICE_CHECK lin, val, code
    mov $(\lin + DEV_ID_OFF), %ebx
    mov (%ebx), %eax
    EXPECT32 %eax, (DEV_ID & 0xFFFFFFFF), \code
    mov 4(%ebx), %eax
    EXPECT32 %eax, (DEV_ID >> 32), (\code + 1)
    mov $(\lin + 0x100), %ebx
    movl $\val, (%ebx)
    mov (%ebx), %eax
    EXPECT32 %eax, \val, (\code + 2)
.endm

.macro ZERO_PAGE addr
    mov $\addr, %edi
    mov $1024, %ecx
    xor %eax, %eax
    rep stosl
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    cld

    /* ---- 32-bit paging, 4 KiB pages */
    ZERO_PAGE PD32
    ZERO_PAGE PT32D
    mov $PT32L, %edi                     /* identity 0-4 MiB */
    mov $(PG_P | PG_RW), %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    movl $(PT32L | PG_P | PG_RW), PD32
    movl $(PT32D | PG_P | PG_RW), PD32 + (LIN_4K >> 22) * 4
    movl $(DEV_GPA | PG_DEV), PT32D
    mov $PD32, %eax
    mov %eax, %cr3
    call paging_on
    DEVICE_CHECK LIN_4K, 0x11110001, 1
    PUTS "ok mmio-32bit-4k\n"

    /* ---- 32-bit paging, 4 MiB page (CR4.PSE) */
    call paging_off
    movl $(DEV_GPA | PG_DEV | PG_PS), PD32 + (LIN_4M >> 22) * 4
    mov %cr4, %eax
    or $CR4_PSE, %eax
    mov %eax, %cr4
    call paging_on
    DEVICE_CHECK LIN_4M, 0x22220002, 4
    PUTS "ok mmio-32bit-4m\n"
    call paging_off
    mov %cr4, %eax
    and $~CR4_PSE, %eax
    mov %eax, %cr4

    PUTS "hostile-mmio-paging: all checks passed\n"
    REPORT 0

paging_on:
    mov %cr0, %eax
    or $CR0_PG, %eax
    mov %eax, %cr0
    jmp 1f                               /* (a jump after changing paging, SDM Vol. 3A 9.9.1) */
1:  ret

paging_off:
    mov %cr0, %eax
    and $~CR0_PG, %eax
    mov %eax, %cr0
    jmp 1f
1:  ret

    RUNTIME_PM32
    EMIT_PUTHEX32
