/* ept: guest-physical 0x400000 is not mapped at start; the first access is a nested page fault
 * (EPT violation / #NPF) the VMM answers by mapping a page holding 0x600DF00D, then the access
 * restarts. Flat 32-bit protected mode (no paging: linear = guest-physical). */
#include "common.inc"

#define ONDEMAND 0x400000

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    mov ONDEMAND, %eax
    cmp $0x600DF00D, %eax
    CHECK e, 1
    PUTS "ept: 0x400000 mapped on demand, reads 0x600DF00D\n"

    movl $0x12345678, ONDEMAND
    mov ONDEMAND, %eax
    cmp $0x12345678, %eax
    CHECK e, 2
    PUTS "ept: write and read back ok\n"

    PUTS "ept: all checks passed\n"
    REPORT 0

    RUNTIME_PM32
