/* Trapped system registers: ID registers from the library's table (EL2 hidden, ISAR0 as the VMM
 * set it), MMU registers written through HCR_EL2.TVM traps (the library performs them: read back),
 * a debug register (MDCR_EL2.TDA) answered by the VMM, and an SGI through
 * ICC_SGI1R_EL1 that becomes SEND_IPI. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    SET_VECTORS
    mov x23, #0
    mov x24, #1                   /* an undefined instruction is skipped and counted */
    mrs x1, ID_AA64PFR0_EL1
    ubfx x2, x1, #8, #4           /* EL2 */
    cmp x2, #0
    CHECK 1
    ubfx x2, x1, #0, #4           /* EL0 is there */
    cmp x2, #0
    b.ne 1f
    mov x1, #2
    b guest_fail
1:  mrs x1, ID_AA64ISAR0_EL1
    MOV64 x9, 0x11120
    cmp x1, x9
    CHECK 3
    MOV64 x1, 0x80004000
    msr ttbr0_el1, x1
    mrs x2, ttbr0_el1
    cmp x2, x1
    CHECK 4
    MOV64 x1, 0x000000000044FF04
    msr mair_el1, x1
    mrs x2, mair_el1
    cmp x2, x1
    CHECK 5
    cmp x23, #0
    CHECK 59
    mrs x1, MDSCR_EL1             /* a debug register (MDCR_EL2.TDA): the VMM answers 0x5A5A0000 | number */
    MOV64 x9, 0x5A5A8012
    cmp x1, x9
    CHECK 6
    cmp x23, #0
    CHECK 60
    MOV64 x1, 0x1234
    msr MDSCR_EL1, x1             /* the VMM keeps what was written at REGFILE + 0xFF8 */
    MOV64 x10, REGFILE
    ldr x2, [x10, #0xFF8]
    cmp x2, x1
    CHECK 7
    MOV64 x1, (3 << 24) | (1 << 16) | 0x5   /* SGI 3 to Aff1 1, targets 0 and 2 */
    msr ICC_SGI1R_EL1, x1
    cmp x23, #0
    CHECK 61
    PRINT ok
    b guest_pass
    GUEST_COMMON
    VECTORS
ok: .asciz "sysreg: all checks passed\n"
