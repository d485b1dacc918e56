/* The hidden PMU: the ID registers say there is none (ID_AA64DFR0_EL1.PMUVer and
 * ID_DFR0_EL1.PerfMon 0, the debug fields still there) and every PMU register access is an
 * undefined-instruction exception at EL1 (ESR_EL1 EC 0, ELR_EL1 at the access), never a value. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    SET_VECTORS
    mov x23, #0
    mov x24, #1                   /* the exception returns past the access */
    mrs x1, ID_AA64DFR0_EL1
    ubfx x2, x1, #8, #4           /* PMUVer */
    cmp x2, #0
    CHECK 1
    ubfx x2, x1, #0, #4           /* DebugVer: the rest of the register is the CPU's */
    cmp x2, #6
    b.hs 1f
    mov x1, #2
    b guest_fail
1:  mrs x1, ID_DFR0_EL1
    ubfx x2, x1, #24, #4          /* PerfMon */
    cmp x2, #0
    CHECK 3
    cmp x23, #0
    CHECK 4
    mov x0, #0x55
pmcr_read:
    mrs x0, pmcr_el0
    cmp x23, #1
    CHECK 5
    MOV64 x9, 0x02000000          /* EC 0 (unknown reason), IL */
    cmp x20, x9
    CHECK 6
    adr x9, pmcr_read
    cmp x22, x9
    CHECK 7
    cmp x0, #0x55                 /* nothing was read */
    CHECK 8
    /* writes, the cycle counter, an event counter and its type, the EL1 interrupt enable */
    mov x1, #1
pmcr_write:
    msr pmcr_el0, x1
    adr x9, pmcr_write
    cmp x22, x9
    CHECK 9
pmccntr_read:
    mrs x3, pmccntr_el0
    adr x9, pmccntr_read
    cmp x22, x9
    CHECK 10
    msr pmevtyper3_el0, x1
    mrs x3, pmevcntr30_el0
    msr pmccfiltr_el0, x1
    msr pmintenset_el1, x1
    mrs x3, pmuserenr_el0
    cmp x23, #8
    CHECK 11
    MOV64 x9, 0x02000000
    cmp x20, x9
    CHECK 12
    PRINT ok
    b guest_pass
    GUEST_COMMON
    VECTORS
ok: .asciz "pmu: none, all checks passed\n"
