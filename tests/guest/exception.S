/* exception: hypercall 2 makes the VMM inject #GP with error code 0x1234. It arrives right after
 * the hypercall instruction: the handler records the error code, the return address and CS, and
 * IRETs there. Flat 32-bit protected mode. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    SET_GATE 13, inject_handler     /* replaces the EXPECT_FAULT handler */

    mov $HC_INJECT_EXCEPTION, %eax
    mov $13, %edi                   /* #GP */
    mov $0x1234, %esi               /* error code */
    call hypercall

    cmpl $1, gp_count
    CHECK e, 1
    cmpl $0x1234, gp_error
    CHECK e, 2
    mov gp_eip, %eax                /* the instruction after vmcall or vmmcall */
    cmp $hypercall_ret_vmcall, %eax
    je 1f
    cmp $hypercall_ret_vmmcall, %eax
    CHECK e, 3
1:  cmpw $SEL_CODE32, gp_cs            /* the CS slot is 32 bits; only 15:0 are defined */
    CHECK e, 4
    PUTS "exception: injected #GP reached the handler once with error code 0x1234\n"

    PUTS "exception: all checks passed\n"
    REPORT 0

/* The stack: error code, EIP, CS, EFLAGS. */
inject_handler:
    incl gp_count
    push %eax
    mov 4(%esp), %eax
    mov %eax, gp_error
    mov 8(%esp), %eax
    mov %eax, gp_eip
    mov 12(%esp), %eax
    mov %eax, gp_cs
    pop %eax
    add $4, %esp                    /* drop the error code */
    iret

    .data
    .balign 4
gp_count: .long 0
gp_error: .long 0
gp_eip:   .long 0
gp_cs:    .long 0
    .text

    RUNTIME_PM32
