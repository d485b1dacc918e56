/* hostile-triple-real: a triple fault from 16-bit real mode. With the IDT limit at 0, INT3 finds
 * no vector-3 entry (bytes 12-15 beyond the limit) -> #GP, whose entry is beyond it too -> #DF,
 * likewise -> shutdown (SDM Vol. 3A 20.1.4 and 6.15 "Interrupt 8"). The VMM expects SYSTEM_DOWN;
 * the REPORT below is a failure. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_REAL, entry16

/* CS base = entry16, IP = 0: go to CS = 0 so offsets are the link addresses (modes.S does so). */
    .code16
    .balign 16
entry16:
    ljmpw $0, $real16
real16:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7000, %sp
    PUTS "hostile-triple-real: int3 with IDT limit 0 in real mode\n", puts16
    lidtl empty_idt
    int3
    REPORT 1                        /* not reached */

    EMIT_PUTS puts16
    EMIT_COMMON_DATA

    .data
    .balign 4
    .word 0
empty_idt:
    .word 0                         /* limit 0: no vector fits */
    .long 0
