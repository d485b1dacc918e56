/* pae-mmio: the MMIO device (guest-physical 0xD0000000) through PAE paging (SDM Vol. 3A 4.4),
 * with 4 KiB and 2 MiB pages at linear addresses other than its guest-physical one, and a PAE
 * PDPTE with reserved bit 1 (R/W does not exist in a PDPTE), which makes the MOV CR0 that turns
 * paging on #GP with paging left off (SDM Vol. 3A 4.4.1); after the fix the tables load. Then
 * EFER.LME = 1 with CR4.PAE = 0 makes paging-on #GP. Not in the e2e list: under QEMU 7.2's SVM
 * the guest takes #PF error code 9 (P|RSVD) at its first fetch after PAE paging goes on, and the
 * first exit with EFER.LME = 1 and CR4.PAE = 0 shuts it down (docs/EMULATORS.md); it passes on
 * vmx-bochs and svm-bochs. Run it with
 * tests/e2e/run_guests.sh <backend> pae-mmio. Flat 32-bit protected mode. */
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

    /* ---- PAE paging: 4 KiB and 2 MiB pages */
    ZERO_PAGE PDPT
    ZERO_PAGE PDL
    ZERO_PAGE PDD
    ZERO_PAGE PTD
    movl $(PDL | PG_P), PDPT             /* 0-1 GiB (a PDPTE has no R/W or U/S) */
    movl $(PDD | PG_P), PDPT + 8         /* 1-2 GiB */
    movl $(0 | PG_P | PG_RW | PG_PS), PDL  /* identity 2 MiB at 0 */
    movl $(PTD | PG_P | PG_RW), PDD      /* 0x40000000: 4 KiB pages */
    movl $(DEV_GPA | PG_DEV | PG_PS), PDD + 8   /* 0x40200000: a 2 MiB page on the device */
    movl $(DEV_GPA | PG_DEV), PTD
    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $PDPT, %eax
    mov %eax, %cr3
    call paging_on
    DEVICE_CHECK LIN_4K, 0x33330003, 7
    PUTS "ok mmio-pae-4k\n"
    DEVICE_CHECK LIN_2M, 0x44440004, 10
    PUTS "ok mmio-pae-2m\n"
    call paging_off

    /* ---- a PAE PDPTE with reserved bit 1: turning paging on #GPs, paging stays off */
    orl $PG_RW, PDPT + 24                /* PDPTE 3: present only with it, so make it present */
    orl $PG_P, PDPT + 24
    mov %cr0, %eax
    or $CR0_PG, %eax
    EXPECT_FAULT 13, 13, mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_PG, %eax
    CHECK z, 14
    PUTS "ok pae-pdpte-reserved-bit-gp\n"
    movl $0, PDPT + 24
    call paging_on                       /* the fixed table loads */
    DEVICE_CHECK LIN_2M, 0x55550005, 15
    PUTS "ok mmio-pae-after-pdpte-fix\n"
    call paging_off

    /* ---- EFER.LME = 1 with CR4.PAE = 0: turning paging on #GPs (SDM Vol. 3A 10.8.5; APM Vol. 2
     * 14.6.1), paging stays off and EFER.LMA stays 0. (QEMU's #VMEXIT restores the host's CR0
     * before its EFER: a CPU that took this write would break the host.) */
    mov %cr4, %eax
    and $~CR4_PAE, %eax
    mov %eax, %cr4
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $CR0_PG, %eax
    EXPECT_FAULT 13, 18, mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_PG, %eax
    CHECK z, 19
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    CHECK z, 20
    and $~EFER_LME, %eax
    wrmsr
    PUTS "ok lme-without-pae-paging-on-gp\n"

    PUTS "pae-mmio: all checks passed\n"
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
