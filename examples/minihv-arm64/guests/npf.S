/* Nested page faults: reads and writes at DEMAND (outside every MMIO region) are mapped by the VMM
 * on demand (each word holds its own address) and the access is retried; an access above RAM
 * where nothing will ever be mapped comes back as a synchronous external abort at EL1. */
#include "common.inc"
    .equ DEMAND, 0x90000000
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    SET_VECTORS
    mov x23, #0
    mov x24, #1                   /* the handler skips the faulting instruction */
    MOV64 x10, DEMAND
    ldr x1, [x10, #0x10]
    add x9, x10, #0x10
    cmp x1, x9
    CHECK 1
    MOV64 x1, 0x5555AAAA
    add x12, x10, #0x2000
    str x1, [x12, #8]             /* a write to another page: mapped, then retried */
    ldr x2, [x12, #8]
    cmp x2, x1
    CHECK 2
    ldr x3, [x12, #0x10]
    MOV64 x9, DEMAND + 0x2010
    cmp x3, x9
    CHECK 3
    cmp x23, #0
    CHECK 4
    MOV64 x11, 0xA0000000         /* nothing there */
    mov x4, #7
    ldr x4, [x11]
    cmp x23, #1
    CHECK 5
    lsr x9, x20, #26              /* EC: data abort at the same level */
    cmp x9, #0x25
    CHECK 6
    and x9, x20, #0x3F
    cmp x9, #0x10                 /* synchronous external abort */
    CHECK 7
    cmp x4, #7                    /* not loaded */
    CHECK 8
    PRINT ok
    b guest_pass
    GUEST_COMMON
    VECTORS
ok: .asciz "npf: all checks passed\n"
