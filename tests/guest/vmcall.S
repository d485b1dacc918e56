/* vmcall: hypercall 1 (SUM) with six arguments in RDI, RSI, RDX, RCX, R8, R9, first small, then
 * each with bits above 31 (a truncated argument changes the sum; the result has high bits too).
 * Starts in 64-bit long mode on the VMM's identity tables; no IDT (an exception here is a
 * triple fault, which fails the run). */
#include "common.inc"

#define A1 0x0000001000000001
#define A2 0x0000020000000002
#define A3 0x0000300000000003
#define A4 0x0004000000000004
#define A5 0x0050000000000005
#define A6 0x0600000000000006

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call detect_vendor

    mov $HC_SUM, %eax
    mov $1, %edi
    mov $2, %esi
    mov $3, %edx
    mov $4, %ecx
    mov $5, %r8d
    mov $6, %r9d
    call hypercall
    cmp $(21 ^ 0x5A5A), %rax
    CHECK e, 1
    PUTS "vmcall: SUM(1, 2, 3, 4, 5, 6) = 21 ^ 0x5A5A ok\n"

    mov $HC_SUM, %eax
    movabs $A1, %rdi
    movabs $A2, %rsi
    movabs $A3, %rdx
    movabs $A4, %rcx
    movabs $A5, %r8
    movabs $A6, %r9
    call hypercall
    movabs $((A1 + A2 + A3 + A4 + A5 + A6) ^ 0x5A5A), %rbx   /* 0x0654321000005A4F */
    cmp %rbx, %rax
    CHECK e, 2
    PUTS "vmcall: SUM of six 64-bit arguments ok\n"

    PUTS "vmcall: all checks passed\n"
    REPORT 0

    RUNTIME_LM64
