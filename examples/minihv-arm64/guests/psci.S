/* PSCI through HVC and SMC (VERSION, FEATURES, CPU_ON answered ALREADY_ON by the VMM, an unknown
 * id NOT_SUPPORTED), and a hostile guest: an SMC that is not PSCI, HVC from EL0 (undefined there:
 * the guest's own EL1 gets it), and finally SMC SYSTEM_RESET, which reaches the VMM as
 * SYSTEM_DOWN and never the firmware: the host goes on. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    SET_VECTORS
    mov x23, #0
    mov x24, #0
    MOV64 x0, 0x84000000          /* PSCI_VERSION */
    hvc #0
    MOV64 x9, 0x10001
    cmp x0, x9
    CHECK 1
    MOV64 x0, 0x84000000
    smc #0
    cmp x0, x9
    CHECK 2
    MOV64 x0, 0x8400000A          /* PSCI_FEATURES(CPU_ON64) */
    MOV64 x1, 0xC4000003
    smc #0
    cmp x0, #0
    CHECK 3
    MOV64 x0, 0xC4000003          /* CPU_ON64: the VMM has one vCPU and says ALREADY_ON */
    MOV64 x1, 0x1
    adr x2, guest_entry
    mov x3, #0x77
    hvc #0
    cmn x0, #4
    CHECK 4
    MOV64 x0, 0x8400001F          /* in the PSCI range, not a function */
    hvc #0
    cmn x0, #1
    CHECK 5
    MOV64 x0, 0xC2000000          /* an SMC for a trusted OS: NOT_SUPPORTED, never forwarded */
    smc #0
    cmn x0, #1
    CHECK 6
    /* HVC at EL0: undefined at EL0, so the guest's EL1 takes it (EC 0) */
    adr x25, back_at_el1
    adr x1, el0_code
    msr elr_el1, x1
    msr spsr_el1, xzr             /* EL0t */
    mov x1, sp
    msr sp_el0, x1
    eret
el0_code:
    hvc #0
    b .
back_at_el1:
    cmp x23, #1
    CHECK 7
    lsr x9, x20, #26
    cmp x9, #0
    CHECK 8
    adr x9, el0_code
    cmp x22, x9
    CHECK 9
    PRINT ok
    mov x0, #HC_DONE
    mov x1, #0
    hvc #0
    MOV64 x0, 0x84000009          /* SYSTEM_RESET through SMC: must not reset the host */
    smc #0
    b .
    GUEST_COMMON
    VECTORS
ok: .asciz "psci: all checks passed\n"
