/* cr-pse: two answers the library once got wrong, in flat 32-bit protected mode.
 *  1. Reserved CR0 bits (here 10 and 28) are ignored: written, they read back as 0 and the other
 *     bits are as written (they were stored and read back; SDM Vol. 3A 2.5).
 *  2. MMIO through a 4 MiB page: the guest turns on CR4.PSE itself (a bit VMX lets it own, so no
 *     exit tells the library) and maps the device (guest-physical 0xD0000000) at linear
 *     0x40000000 with one 4 MiB PDE; its ID register must read back. (VMX walked the guest's
 *     tables with its stale view of CR4: "page tables not in guest RAM".) */
#include "common.inc"
#include "mmio.inc"

#define CR0_PG (1 << 31)
#define CR4_PSE (1 << 4)
#define PD 0x3000                    /* the page directory, in guest RAM below the code */
#define PDE_4M (0x80 | 0x1B)         /* PS, PCD, PWT, R/W, P */
#define DEV4M_LIN 0x40000000

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    /* 1. reserved CR0 bits */
    mov %cr0, %ebx
    mov %ebx, %eax
    or $((1 << 10) | (1 << 28)), %eax
    mov %eax, %cr0
    mov %cr0, %eax
    EXPECT32R %eax, %ebx, 1
    PUTS "cr-pse: reserved CR0 bits 10 and 28 read back as 0\n"

    /* 2. 32-bit paging with 4 MiB pages: 0-4 MiB identity (code, data, stack), and the device */
    mov $PD, %edi
    mov $1024, %ecx
    xor %eax, %eax
    rep stosl
    movl $(0x00000000 | 0x83), PD                          /* 0-4 MiB: PS, R/W, P */
    movl $(DEV_GPA | PDE_4M), PD + (DEV4M_LIN >> 22) * 4   /* the device's 4 MiB */
    mov %cr4, %eax
    or $CR4_PSE, %eax
    mov %eax, %cr4
    mov $PD, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $CR0_PG, %eax
    mov %eax, %cr0
    mov $(DEV4M_LIN + DEV_ID_OFF), %ebx
    mov (%ebx), %eax
    EXPECT32 %eax, (DEV_ID & 0xFFFFFFFF), 2
    mov 4(%ebx), %eax
    EXPECT32 %eax, (DEV_ID >> 32), 3
    mov $(DEV4M_LIN + 0x100), %ebx                         /* a store, then read it back */
    movl $0x5A5AA5A5, (%ebx)
    mov (%ebx), %eax
    EXPECT32 %eax, 0x5A5AA5A5, 4
    PUTS "cr-pse: the device through a 4 MiB page (CR4.PSE set by the guest) ok\n"

    PUTS "cr-pse: all checks passed\n"
    REPORT 0

    RUNTIME_PM32
    EMIT_PUTHEX32
