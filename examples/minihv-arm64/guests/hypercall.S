/* The hypercall ABI: X0 is the argument at entry; HVC #0 with X0 = nr, X1-X6 = arguments returns
 * the result in X0 and leaves every other register as it was; SP_EL1 is the stack given. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    MOV64 x9, 0x44000000
    cmp x0, x9
    CHECK 1
    PRINT hello
    mov x0, #HC_SUM
    mov x1, #1
    mov x2, #2
    mov x3, #3
    mov x4, #4
    mov x5, #5
    MOV64 x6, 0x100000000
    MOV64 x19, 0x1919191919191919
    MOV64 x28, 0x2828282828282828
    mov x29, #0x29
    mov x30, #0x30
    mov x7, sp
    hvc #0
    MOV64 x9, (0x1001 + 15 + 0x100000000)
    cmp x0, x9
    CHECK 2
    cmp x1, #1
    CHECK 3
    cmp x5, #5
    CHECK 4
    MOV64 x9, 0x100000000
    cmp x6, x9
    CHECK 5
    MOV64 x9, 0x1919191919191919
    cmp x19, x9
    CHECK 6
    MOV64 x9, 0x2828282828282828
    cmp x28, x9
    CHECK 7
    cmp x29, #0x29
    CHECK 8
    cmp x30, #0x30
    CHECK 9
    mov x8, sp
    cmp x7, x8
    CHECK 10
    MOV64 x9, 0x80020000     /* the stack the VMM gave */
    cmp x8, x9
    CHECK 11
    /* an unknown hypercall answers all ones */
    mov x0, #0x1234
    hvc #0
    cmn x0, #1
    CHECK 12
    /* the guest runs at EL1h */
    mrs x9, CurrentEL
    cmp x9, #4
    CHECK 13
    PRINT ok
    b guest_pass
    GUEST_COMMON
hello: .asciz "hypercall: hello from EL1\n"
ok:    .asciz "hypercall: all checks passed\n"
