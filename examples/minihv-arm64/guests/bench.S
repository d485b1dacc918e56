/* Round-trip costs in retired instructions (QEMU -icount shift=0 makes PMCCNTR_EL0 count them;
 * PMCCFILTR_EL0.NSH so EL2 counts too): N HVC PSCI_VERSION calls (answered inside the library),
 * N MMIO loads from the register file (a device the library runs on its lean exit path:
 * mmio_load_insns) and N from its exit window (an exit to the VMM and its completion:
 * mmio_load_exit_insns), each minus the same loop with a NOP. Reported with HC_BENCH; the checks
 * are that the loops ran and loaded what was stored. */
#include "common.inc"
    .equ N, 256
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    mov x0, #HC_QUIET
    mov x1, #1
    hvc #0
    MOV64 x1, (1 << 27)           /* PMCCFILTR_EL0.NSH: count at EL2 too */
    msr pmccfiltr_el0, x1
    mrs x1, pmcr_el0
    orr x1, x1, #1                /* E */
    msr pmcr_el0, x1
    MOV64 x1, (1 << 31)           /* the cycle counter */
    msr pmcntenset_el0, x1
    isb
    /* the empty loop */
    mov x19, #N
    mrs x20, pmccntr_el0
1:  nop
    subs x19, x19, #1
    b.ne 1b
    mrs x21, pmccntr_el0
    sub x22, x21, x20             /* loop cost */
    /* HVC round trips */
    mov x19, #N
    mrs x20, pmccntr_el0
2:  MOV64 x0, 0x84000000
    hvc #0
    subs x19, x19, #1
    b.ne 2b
    mrs x21, pmccntr_el0
    sub x23, x21, x20
    MOV64 x9, 0x10001
    cmp x0, x9
    CHECK 1
    /* MOV64 is 4 instructions more per iteration than the NOP: take them off too */
    sub x23, x23, x22
    sub x23, x23, #(N * 4)
    lsr x2, x23, #8               /* / N */
    mov x1, #1
    mov x0, #HC_BENCH
    hvc #0
    /* MMIO loads */
    MOV64 x10, REGFILE
    MOV64 x1, 0x77
    str x1, [x10]
    mov x19, #N
    mrs x20, pmccntr_el0
3:  ldr x1, [x10]
    subs x19, x19, #1
    b.ne 3b
    mrs x21, pmccntr_el0
    cmp x1, #0x77
    CHECK 2
    sub x23, x21, x20
    sub x23, x23, x22
    lsr x2, x23, #8
    mov x1, #2
    mov x0, #HC_BENCH
    hvc #0
    /* MMIO loads through exits to the VMM */
    MOV64 x10, REGFILE_EXIT
    MOV64 x1, 0x78
    str x1, [x10, #8]
    add x10, x10, #8
    mov x19, #N
    mrs x20, pmccntr_el0
4:  ldr x1, [x10]
    subs x19, x19, #1
    b.ne 4b
    mrs x21, pmccntr_el0
    cmp x1, #0x78
    CHECK 3
    sub x23, x21, x20
    sub x23, x23, x22
    lsr x2, x23, #8
    mov x1, #3
    mov x0, #HC_BENCH
    hvc #0
    mov x0, #HC_QUIET
    mov x1, #0
    hvc #0
    b guest_pass
    GUEST_COMMON
