/* hostile-triple-long: a triple fault from 64-bit long mode. The IDT limit is 0, so INT3 cannot
 * be delivered (its 16-byte gate is beyond the limit) -> #GP, likewise -> #DF, likewise ->
 * shutdown (SDM Vol. 3A 6.14, 6.15 "Interrupt 8"). The VMM expects SYSTEM_DOWN; the REPORT below
 * is a failure. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    PUTS "hostile-triple-long: int3 with IDT limit 0 in 64-bit mode\n"
    lidt empty_idt
    int3
    REPORT 1                        /* not reached */

    RUNTIME_LM64

    .data
    .balign 8
    .word 0, 0, 0
empty_idt:
    .word 0                         /* limit 0: no gate fits */
    .quad 0
