/* MMIO through the register file at REGFILE: every width, sign and zero extension, W and X
 * destinations, XZR, register offsets (ISV = 1 in the syndrome), and the forms the library decodes
 * itself (ISV = 0): pairs, LDPSW, pre- and post-index. Values are read back and compared. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    MOV64 x10, REGFILE
    mov w1, #0xAB
    strb w1, [x10]
    ldrb w2, [x10]
    cmp w2, #0xAB
    CHECK 1
    ldrsb x3, [x10]
    cmn x3, #0x55                /* 0xFFFFFFFFFFFFFFAB */
    CHECK 2
    ldrsb w3, [x10]
    MOV64 x9, 0xFFFFFFAB         /* a W destination zero-extends into X */
    cmp x3, x9
    CHECK 3
    mov w1, #0x8081
    strh w1, [x10, #2]
    ldrh w2, [x10, #2]
    cmp w2, w1
    CHECK 4
    ldrsh x3, [x10, #2]
    MOV64 x9, 0xFFFFFFFFFFFF8081
    cmp x3, x9
    CHECK 5
    MOV64 x1, 0x89ABCDEF
    str w1, [x10, #4]
    ldrsw x6, [x10, #4]
    MOV64 x9, 0xFFFFFFFF89ABCDEF
    cmp x6, x9
    CHECK 6
    ldr w6, [x10, #4]
    cmp x6, x1
    CHECK 7
    MOV64 x1, 0x0123456789ABCDEF
    str x1, [x10, #8]
    ldr x7, [x10, #8]
    cmp x7, x1
    CHECK 8
    mov x11, #8
    ldr x8, [x10, x11]            /* register offset */
    cmp x8, x1
    CHECK 9
    ldur w8, [x10, #9]            /* unscaled, unaligned inside the device */
    MOV64 x9, 0x6789ABCD
    cmp x8, x9
    CHECK 10
    str xzr, [x10, #16]
    ldr x9, [x10, #16]
    cmp x9, #0
    CHECK 11
    mov x9, #5
    ldr xzr, [x10, #8]            /* read into XZR: discarded */
    cmp x9, #5
    CHECK 12
    /* pairs (ISV = 0) */
    MOV64 x1, 0x1111111111111111
    MOV64 x2, 0x2222222222222222
    stp x1, x2, [x10, #32]
    ldp x3, x4, [x10, #32]
    cmp x3, x1
    CHECK 13
    cmp x4, x2
    CHECK 14
    ldr x5, [x10, #40]
    cmp x5, x2
    CHECK 15
    MOV64 x1, 0x80000001
    MOV64 x2, 0x7FFFFFFF
    stp w1, w2, [x10, #48]
    ldp w3, w4, [x10, #48]
    cmp x3, x1
    CHECK 16
    cmp x4, x2
    CHECK 17
    ldpsw x3, x4, [x10, #48]
    MOV64 x9, 0xFFFFFFFF80000001
    cmp x3, x9
    CHECK 18
    cmp x4, x2
    CHECK 19
    /* pre- and post-index writeback */
    add x12, x10, #64
    MOV64 x1, 0xCAFEF00DDEADBEEF
    str x1, [x12, #8]!
    add x9, x10, #72
    cmp x12, x9
    CHECK 20
    ldr x3, [x10, #72]
    cmp x3, x1
    CHECK 21
    ldr x5, [x12], #-8
    cmp x5, x1
    CHECK 22
    add x9, x10, #64
    cmp x12, x9
    CHECK 23
    ldrb w6, [x12, #8]!
    cmp w6, #0xEF
    CHECK 24
    add x9, x10, #72
    cmp x12, x9
    CHECK 25
    MOV64 x1, 0xA1A1A1A1A1A1A1A1
    MOV64 x2, 0xB2B2B2B2B2B2B2B2
    stp x1, x2, [x12, #-16]!
    add x9, x10, #56
    cmp x12, x9
    CHECK 26
    ldp x3, x4, [x12], #16
    cmp x3, x1
    CHECK 27
    cmp x4, x2
    CHECK 28
    add x9, x10, #72
    cmp x12, x9
    CHECK 29
    PRINT ok
    b guest_pass
    GUEST_COMMON
ok: .asciz "mmio: all checks passed\n"
