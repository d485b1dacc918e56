/* Injection: a WFI the VMM answers with the virtual IRQ line (HCR_EL2.VI), taken at the EL1 IRQ
 * vector and lowered by the handler; a synchronous exception injected on request, with ESR_EL1,
 * FAR_EL1 and ELR_EL1 as the VMM gave them. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    SET_VECTORS
    mov x19, #0
    mov x23, #0
    mov x24, #0
    mov x25, #0
    mov x0, #HC_IRQ_ON_WFI
    hvc #0
    msr daifclr, #2               /* IRQs on */
    wfi
    nop
    cmp x19, #1
    CHECK 1
    msr daifset, #2
    /* a synchronous exception on request */
    MOV64 x1, 0x56001234          /* EC 0x15 (SVC64), ISS 0x1234 */
    MOV64 x2, 0xFACE0000
    mov x0, #HC_INJECT_SYNC
    hvc #0
after_hvc:
    cmp x23, #1
    CHECK 2
    MOV64 x9, 0x56001234
    cmp x20, x9
    CHECK 3
    MOV64 x9, 0xFACE0000
    cmp x21, x9
    CHECK 4
    adr x9, after_hvc
    cmp x22, x9
    CHECK 5
    PRINT ok
    b guest_pass
    GUEST_COMMON
    VECTORS
ok: .asciz "irq: all checks passed\n"
