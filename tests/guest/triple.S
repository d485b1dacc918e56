/* triple: INT3 with an empty IDT (limit 0): #BP cannot be delivered -> #GP, which cannot be
 * delivered -> #DF, which cannot be delivered -> triple fault (shutdown). The VMM expects
 * SYSTEM_DOWN; reaching the REPORT below is a failure. Flat 32-bit protected mode. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    PUTS "triple: int3 with an empty IDT\n"
    lidt empty_idt
    int3
    REPORT 1                        /* not reached */

    .data
    .balign 4
    .word 0
empty_idt:
    .word 0                         /* limit 0: no gate fits */
    .long 0
    .text

    RUNTIME_PM32
