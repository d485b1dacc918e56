/* hostile-idt: the IDT error-code format (SDM Vol. 3A 6.13: selector index = vector, IDT bit 1,
 * EXT bit 0 for a software INT) in flat 32-bit protected mode:
 *  - INT 5 through a not-present gate: #NP, error code 5 * 8 + 2, saved EIP at the INT;
 *  - INT 0x50 past the IDT limit (64 gates): #GP, error code 0x50 * 8 + 2, saved EIP at the INT.
 * (The same in 64-bit mode is not checked: QEMU 7.2 puts 16 * vector + 2 there,
 * docs/EMULATORS.md.) */
#include "common.inc"
#include "mmio.inc"

#define NP 11
#define GP 13

/* Run `insn` (a software INT); the handler for `vector` must see error code `error` and the
 * saved EIP at `insn`. Codes code (vector/count), code + 1 (error code), code + 2 (EIP). */
.macro INT_FAULT name, code, vector, error, insn:vararg
    movl $0, got_count
    movl $.Lif_end\@, resume_at
.Lif_insn\@:
    \insn
.Lif_end\@:
    cmpl $1, got_count
    CHECK e, \code
    cmpl $\vector, got_vector
    CHECK e, \code
    EXPECT32 got_error, \error, (\code + 1)
    EXPECT32 got_eip, .Lif_insn\@, (\code + 2)
    PUTS "ok \name\n"
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    SET_GATE NP, np_handler
    SET_GATE GP, gp_err_handler

    andb $0x7F, idt + 5 * 8 + 5          /* gate 5: P = 0 */
    INT_FAULT idt-gate-not-present-np, 1, NP, (5 * 8 + 2), int $5
    INT_FAULT idt-limit-gp, 4, GP, (0x50 * 8 + 2), int $0x50

    PUTS "hostile-idt: all checks passed\n"
    REPORT 0

np_handler:
    movl $NP, got_vector
    jmp 1f
gp_err_handler:
    movl $GP, got_vector
1:  pop got_error
    push %eax
    mov 4(%esp), %eax
    mov %eax, got_eip
    mov resume_at, %eax
    mov %eax, 4(%esp)
    incl got_count
    pop %eax
    iret

    RUNTIME_PM32
    EMIT_PUTHEX32

    .data
    .balign 4
got_count:  .long 0
got_vector: .long 0
got_error:  .long 0
got_eip:    .long 0
resume_at:  .long 0
