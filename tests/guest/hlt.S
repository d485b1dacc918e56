/* hlt: HLT woken by an external interrupt. Hypercall 3 asks the VMM to inject vector 0x30 at the
 * next HLT; the handler counts it and IRETs to the instruction after HLT. Flat 32-bit
 * protected mode. */
#include "common.inc"

#define WAKE_VECTOR 0x30

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    SET_GATE WAKE_VECTOR, wake_handler

    mov $HC_INTERRUPT_ON_HALT, %eax
    mov $WAKE_VECTOR, %edi
    call hypercall
    PUTS "hlt: halting until vector 0x30\n"
    sti
    hlt                             /* STI's shadow: nothing is taken before the HLT */
    cli
    cmpl $1, wake_count
    CHECK e, 1
    PUTS "hlt: woken by vector 0x30\n"

    PUTS "hlt: all checks passed\n"
    REPORT 0

wake_handler:
    incl wake_count
    iret

    .data
    .balign 4
wake_count: .long 0
    .text

    RUNTIME_PM32
