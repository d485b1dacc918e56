/* The guest's own MMU on, VA != IPA: stage-1 tables (4 KiB granule, 39-bit VA, TTBR0) map
 *   VA 0x00000000-0x3FFFFFFF -> IPA same, Device (the consoles)
 *   VA 0x80000000-0xBFFFFFFF -> IPA same, Normal (RAM)
 *   VA 0xC0000000-0xFFFFFFFF -> IPA 0x80000000, Normal (RAM again: the code runs from here)
 *   VA 0x100000000 (2 MiB)   -> IPA 0x0A000000, Device (the register file)
 * The MMU registers are written through TVM traps. Then, running at the alias, MMIO through the
 * VA alias: the library fetches the instruction of an ISV = 0 access through the guest's stage 1. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    adr x1, l1_table
    MOV64 x2, 0x00000401          /* block, AF, AttrIndx 0 (Device), EL1 RW */
    str x2, [x1, #0]
    MOV64 x2, 0x80000705          /* block, AF, inner shareable, AttrIndx 1 (Normal WB) */
    str x2, [x1, #16]
    MOV64 x2, 0x80000705
    str x2, [x1, #24]             /* VA 0xC0000000 -> IPA 0x80000000 */
    adr x3, l2_table
    orr x2, x3, #3                /* table */
    str x2, [x1, #32]             /* VA 0x100000000 */
    MOV64 x2, 0x0A000401          /* 2 MiB block at the register file, Device */
    str x2, [x3, #0]
    dsb sy
    MOV64 x2, 0xFF00              /* attr 0 Device-nGnRnE, attr 1 Normal WB */
    msr mair_el1, x2
    MOV64 x2, 0x200803519         /* T0SZ 25, WBWA inner shareable walks, 4K, EPD1, IPS 40 bits */
    msr tcr_el1, x2
    msr ttbr0_el1, x1
    isb
    tlbi vmalle1
    dsb sy
    isb
    mrs x2, sctlr_el1
    orr x2, x2, #1                /* M */
    orr x2, x2, #(1 << 2)         /* C */
    orr x2, x2, #(1 << 12)        /* I */
    msr sctlr_el1, x2
    isb
    mrs x3, sctlr_el1
    cmp x3, x2
    CHECK 1
    /* continue at the alias */
    adr x1, at_alias
    MOV64 x2, 0x40000000
    add x1, x1, x2
    br x1
at_alias:
    adr x9, at_alias
    lsr x9, x9, #30
    cmp x9, #3                    /* running at 0xC0000000+ */
    CHECK 2
    MOV64 x10, 0x100000000        /* the register file through the VA alias */
    MOV64 x1, 0x0102030405060708
    MOV64 x2, 0x1112131415161718
    stp x1, x2, [x10, #0x80]      /* ISV = 0: decoded from the instruction fetched via stage 1 */
    ldp x3, x4, [x10, #0x80]
    cmp x3, x1
    CHECK 3
    cmp x4, x2
    CHECK 4
    ldr w5, [x10, #0x84]          /* ISV = 1 */
    MOV64 x9, 0x01020304
    cmp x5, x9
    CHECK 5
    add x11, x10, #0x90
    str x2, [x11], #8             /* post-index through the alias */
    sub x11, x11, #8
    ldr x6, [x11]
    cmp x6, x2
    CHECK 6
    MOV64 x9, 0x100000098
    add x11, x11, #8
    cmp x11, x9
    CHECK 7
    PRINT ok
    b guest_pass
    GUEST_COMMON
ok: .asciz "mmu: all checks passed\n"
    .balign 4096
l1_table:
    .space 4096
l2_table:
    .space 4096
