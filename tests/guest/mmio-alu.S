/* mmio-alu: read-modify-write instructions on the VMM's MMIO device (README "MMIO device"),
 * checked against the CPU itself. 64-bit long mode, the device mapped at linear 0x40000000 by the
 * guest's own tables (as in mmio-mov).
 *
 * Each case runs one instruction twice with the same inputs: first on a RAM copy (the CPU, or
 * the emulator running the guest, is the oracle), then on the device. Inputs: the memory qword
 * at [RBX] (and, for BT* with a register bit offset, its neighbours at [RBX-8] and [RBX+8]),
 * RCX = R9 = the register operand, RSI = 4 (for SIB forms: -8(%rbx,%rsi,2) is [RBX]), and RFLAGS
 * set with POPF. Compared afterwards: the memory qword(s), RCX, R9 and RFLAGS under a mask that
 * leaves out what the SDM calls undefined (AF after logic ops; OF, SF, AF, PF after BT*). A
 * mismatch prints both sides and fails with 0x1000 + the case number. */
#include "common.inc"
#include "mmio.inc"

#define DEV_ALU    0x100            /* device offset of [RBX] (window 0xF8-0x10F) */
#define FL_NONE 0x000
#define FL_ALL  FL_ARITH            /* every status flag set on input */

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call paging64_init
    lea alu_table(%rip), %r12
next_case:
    cmp $alu_table_end, %r12
    jae all_done
    mov (%r12), %rax
    test %rax, %rax
    jnz 1f
    mov 32(%r12), %esi              /* a message record: print it */
    call puts
    jmp advance
1:  incl case_no

    /* the RAM run */
    lea ram_win + 8(%rip), %rbx
    call init_window_ram
    call run_insn
    mov %r8, ram_flags
    mov %rcx, ram_rcx
    mov %r9, ram_r9

    /* the device run: the same window written to the device first */
    movabs $(DEV_LIN + DEV_ALU), %rbx
    mov 8(%r12), %rax
    mov %rax, (%rbx)
    testb $1, 30(%r12)
    jz 2f
    mov ram_init_lo, %rax
    mov %rax, -8(%rbx)
    mov ram_init_hi, %rax
    mov %rax, 8(%rbx)
2:  call run_insn
    mov %r8, dev_flags
    mov %rcx, dev_rcx
    mov %r9, dev_r9
    mov (%rbx), %rax
    mov %rax, dev_mem
    testb $1, 30(%r12)
    jz 3f
    mov -8(%rbx), %rax
    mov %rax, dev_lo
    mov 8(%rbx), %rax
    mov %rax, dev_hi

    /* compare */
3:  mov dev_mem, %rax
    cmp ram_win + 8, %rax
    jne case_failed
    testb $1, 30(%r12)
    jz 4f
    mov dev_lo, %rax
    cmp ram_win, %rax
    jne case_failed
    mov dev_hi, %rax
    cmp ram_win + 16, %rax
    jne case_failed
4:  mov dev_flags, %rax
    xor ram_flags, %rax
    movzwl 28(%r12), %edx
    test %rdx, %rax
    jnz case_failed
    mov dev_rcx, %rax
    cmp ram_rcx, %rax
    jne case_failed
    mov dev_r9, %rax
    cmp ram_r9, %rax
    jne case_failed
advance:
    add $40, %r12
    jmp next_case

all_done:
    PUTS "mmio-alu: all checks passed\n"
    REPORT 0

/* init_window_ram: RAM window around RBX: [RBX] = the case's value, the neighbours derived from it. */
init_window_ram:
    mov 8(%r12), %rax
    mov %rax, (%rbx)
    mov %rax, %rdx
    not %rdx
    mov %rdx, -8(%rbx)
    mov %rdx, ram_init_lo
    mov %rax, %rdx
    ror $13, %rdx
    mov %rdx, 8(%rbx)
    mov %rdx, ram_init_hi
    ret

/* run_insn: load the register inputs and flags, run the case's instruction (a stub ending in ret),
 * R8 = RFLAGS after it. RBX = the memory operand. */
run_insn:
    mov 16(%r12), %rcx
    mov %rcx, %r9
    mov $4, %esi
    movl 24(%r12), %eax
    push %rax
    popf
    call *(%r12)
    pushf
    pop %r8
    ret

case_failed:
    PUTS "mmio-alu: case "
    mov case_no, %eax
    call puthex64
    PUTS " mismatch (ram / device):\n"
    PUTS "mem "
    mov ram_win + 8, %rax
    call puthex64
    PUTS " "
    mov dev_mem, %rax
    call puthex64
    PUTS "\n"
    PUTS "flags "
    mov ram_flags, %rax
    call puthex64
    PUTS " "
    mov dev_flags, %rax
    call puthex64
    PUTS " mask "
    movzwl 28(%r12), %eax
    call puthex64
    PUTS "\n"
    PUTS "rcx "
    mov ram_rcx, %rax
    call puthex64
    PUTS " "
    mov dev_rcx, %rax
    call puthex64
    PUTS "\n"
    PUTS "r9 "
    mov ram_r9, %rax
    call puthex64
    PUTS " "
    mov dev_r9, %rax
    call puthex64
    PUTS "\n"
    testb $1, 30(%r12)
    jz 1f
    PUTS "below "
    mov ram_win, %rax
    call puthex64
    PUTS " "
    mov dev_lo, %rax
    call puthex64
    PUTS " above "
    mov ram_win + 16, %rax
    call puthex64
    PUTS " "
    mov dev_hi, %rax
    call puthex64
    PUTS "\n"
1:  mov case_no, %eax
    add $0x1000, %eax
    jmp fail

/* ---- the cases. A record (40 bytes): stub, memory value, register value, RFLAGS in (32 bits),
 * compared-flags mask (16 bits), window flag (8 bits), pad, message (for a record with stub 0:
 * print the message). */
.macro CASE mask, flags, mem, reg, insn:vararg
    .pushsection .rodata.alu, "a"
    .quad .Lstub\@, \mem, \reg
    .long \flags
    .word \mask
    .byte 0, 0
    .quad 0
    .popsection
.Lstub\@:
    \insn
    ret
.endm

/* The same with the window [RBX-8, RBX+16) initialised and compared (BT* with a register offset). */
.macro CASEW mask, flags, mem, reg, insn:vararg
    .pushsection .rodata.alu, "a"
    .quad .Lstub\@, \mem, \reg
    .long \flags
    .word \mask
    .byte 1, 0
    .quad 0
    .popsection
.Lstub\@:
    \insn
    ret
.endm

.macro SAY text
    .pushsection .rodata
.Lsay\@: .asciz "\text"
    .popsection
    .pushsection .rodata.alu, "a"
    .quad 0, 0, 0, 0, .Lsay\@
    .popsection
.endm

/* Eleven forms of one two-operand ALU instruction: m,r at 8 (CL and CH), 16 (R9W, SIB), 32 and 64
 * bits; r,m at 8, 16, 32 (the register zero-extends) and 64 (R9); 80 ib, 81 iw, 81 id with REX.W
 * (imm32 sign-extended), 83 ib (sign-extended imm8) at 16/32/64 bits. Flags in: f1 and f2
 * alternately. */
.macro ALU_FORMS op, mask, f1, f2
    CASE \mask, \f1, 0x0123456789ABCD7F, 0xFEDCBA9876543201, \op\()b %cl, (%rbx)
    CASE \mask, \f2, 0x00000000000080FF, 0x000000000000FF00, \op\()b %ch, 1(%rbx)
    CASE \mask, \f1, 0x1111222233337FFF, 0x0000000000008001, \op\()w %r9w, -8(%rbx,%rsi,2)
    CASE \mask, \f2, 0x800000007FFFFFFF, 0x00000000FFFFFFFF, \op\()l %ecx, 4(%rbx)
    CASE \mask, \f1, 0x7FFFFFFFFFFFFFFF, 0x0000000000000001, \op\()q %rcx, (%rbx)
    CASE \mask, \f2, 0x5555555555555580, 0x00000000000000FF, \op\()b (%rbx), %cl
    CASE \mask, \f1, 0x000000000000FFFE, 0xAAAAAAAAAAAA0002, \op\()w (%rbx), %cx
    CASE \mask, \f2, 0xFFFFFFFF80000000, 0xDEADBEEF80000000, \op\()l (%rbx), %ecx
    CASE \mask, \f1, 0x8000000000000000, 0x8000000000000000, \op\()q (%rbx), %r9
    CASE \mask, \f2, 0x00000000000000C0, 0, \op\()b $0x81, (%rbx)
    CASE \mask, \f1, 0x0000000000007FF0, 0, \op\()w $0x1234, (%rbx)
    CASE \mask, \f2, 0x00000000FFFFFFFF, 0, \op\()q $-0x70000000, (%rbx)
    CASE \mask, \f1, 0x0000000000000002, 0, \op\()w $-3, 2(%rbx)
    CASE \mask, \f2, 0x000000007FFFFF90, 0, \op\()l $0x7F, (%rbx)
    CASE \mask, \f1, 0x0000000000000001, 0, \op\()q $-1, (%rbx)
.endm

    /* The stubs go here, out of the straight-line code above; the records to .rodata.alu. */
    .pushsection .rodata.alu, "a"
    .balign 8
alu_table:
    .popsection

    ALU_FORMS add, FL_ARITH, FL_NONE, FL_ALL
    SAY "mmio-alu: add m,r r,m m,imm (80/81/83) at 8/16/32/64 bits ok\n"
    ALU_FORMS or, FL_LOGIC, FL_ALL, FL_NONE
    SAY "mmio-alu: or ok\n"
    ALU_FORMS adc, FL_ARITH, FL_CF, FL_NONE
    CASE FL_ARITH, FL_CF, 0xFFFFFFFFFFFFFFFF, 0, adcq %rcx, (%rbx)
    CASE FL_ARITH, FL_ALL, 0x000000000000007F, 0, adcb %cl, (%rbx)
    CASE FL_ARITH, FL_CF, 0x000000000000FFFF, 0, adcw $0, (%rbx)
    SAY "mmio-alu: adc (CF in 0 and 1) ok\n"
    ALU_FORMS sbb, FL_ARITH, FL_NONE, FL_ALL
    CASE FL_ARITH, FL_CF, 0x0000000000000000, 0, sbbb %cl, (%rbx)
    CASE FL_ARITH, FL_ALL, 0x0000000080000000, 0, sbbl %ecx, (%rbx)
    CASE FL_ARITH, FL_CF, 0x0000000000000000, 0, sbbq $0, (%rbx)
    SAY "mmio-alu: sbb (CF in 0 and 1) ok\n"
    ALU_FORMS and, FL_LOGIC, FL_NONE, FL_ALL
    SAY "mmio-alu: and ok\n"
    ALU_FORMS sub, FL_ARITH, FL_ALL, FL_NONE
    SAY "mmio-alu: sub ok\n"
    ALU_FORMS xor, FL_LOGIC, FL_NONE, FL_ALL
    SAY "mmio-alu: xor ok\n"
    ALU_FORMS cmp, FL_ARITH, FL_NONE, FL_ALL
    SAY "mmio-alu: cmp ok\n"

    /* TEST: F6/F7 /0 and 84/85 */
    CASE FL_LOGIC, FL_ALL, 0x0000000000008000, 0, testb $0x80, 1(%rbx)
    CASE FL_LOGIC, FL_NONE, 0x0000000000008000, 0, testb $0x7F, 1(%rbx)
    CASE FL_LOGIC, FL_ALL, 0x0000000080000001, 0, testw $0x0001, (%rbx)
    CASE FL_LOGIC, FL_NONE, 0x0000000080000001, 0, testl $0x80000000, (%rbx)
    CASE FL_LOGIC, FL_ALL, 0xF0F0F0F0F0F0F0F0, 0, testq $-0x10, (%rbx)
    CASE FL_LOGIC, FL_NONE, 0x00000000000012C3, 0x0000000000000300, test %ch, 1(%rbx)
    CASE FL_LOGIC, FL_ALL, 0x0F0F0F0F0F0F0F0F, 0xF0F0F0F0F0F0F0F0, test %rcx, (%rbx)
    CASE FL_LOGIC, FL_NONE, 0x00000000FFFF0000, 0x00000000000F0000, test %r9d, (%rbx)
    SAY "mmio-alu: test m,imm and m,r ok\n"

    /* XCHG (86/87, either operand order): memory and register both change, RFLAGS stays */
    CASE FL_ARITH, FL_ALL, 0x1122334455667788, 0x99AABBCCDDEEFF00, xchg %cl, (%rbx)
    CASE FL_ARITH, FL_NONE, 0x1122334455667788, 0x99AABBCCDDEEFF00, xchg 2(%rbx), %ch
    CASE FL_ARITH, FL_ALL, 0x1122334455667788, 0x99AABBCCDDEEFF00, xchg %r9w, -8(%rbx,%rsi,2)
    CASE FL_ARITH, FL_NONE, 0x1122334455667788, 0x99AABBCCDDEEFF00, xchg %ecx, 4(%rbx)
    CASE FL_ARITH, FL_ALL, 0x1122334455667788, 0x99AABBCCDDEEFF00, xchg %r9, (%rbx)
    SAY "mmio-alu: xchg m,r at 8/16/32/64 bits ok\n"

    /* BT/BTS/BTR/BTC with an imm8 bit offset (taken modulo the operand width) */
    CASE FL_BT, FL_NONE, 0x0000000000000002, 0, btw $17, (%rbx)
    CASE FL_BT, FL_ALL, 0x0000000000000002, 0, btl $0, (%rbx)
    CASE FL_BT, FL_ALL, 0x00000000000000FF, 0, btsw $7, (%rbx)
    CASE FL_BT, FL_NONE, 0x0000000000000000, 0, btsl $37, 4(%rbx)
    CASE FL_BT, FL_NONE, 0x0000000000000000, 0, btsq $63, (%rbx)
    CASE FL_BT, FL_ALL, 0xFFFFFFFFFFFFFFFF, 0, btrl $31, (%rbx)
    CASE FL_BT, FL_NONE, 0x7FFFFFFFFFFFFFFF, 0, btrq $63, (%rbx)
    CASE FL_BT, FL_ALL, 0x0000000000000008, 0, btcw $3, 2(%rbx)
    CASE FL_BT, FL_NONE, 0x0000000000000000, 0, btcq $40, (%rbx)
    SAY "mmio-alu: bt/bts/btr/btc m,imm8 at 16/32/64 bits ok\n"

    /* ... and with a register bit offset: a signed offset that selects an operand-sized word
     * away from the address (past the operand, or before it). The neighbours are ~mem below and
     * mem rotated right by 13 above; the values make every BTS/BTR/BTC change its bit. */
    CASEW FL_BT, FL_NONE, 0x0000000000000020, 5, btq %rcx, (%rbx)
    CASEW FL_BT, FL_ALL, 0x0000000000000000, 70, btq %rcx, (%rbx)
    CASEW FL_BT, FL_NONE, 0x0000000000000000, 0xFFFFFFFF00000022, btl %ecx, (%rbx)
    CASEW FL_BT, FL_NONE, 0xFFFFFFFFFFFFFFFF, -1, btsl %ecx, (%rbx)
    CASEW FL_BT, FL_ALL, 0x0000000000000000, 100, btsl %r9d, (%rbx)
    CASEW FL_BT, FL_NONE, 0xFFFFFFFFFFFFFFFF, 35, btrw %cx, (%rbx)
    CASEW FL_BT, FL_ALL, 0x0000000000000000, -20, btrw %cx, (%rbx)
    CASEW FL_BT, FL_NONE, 0x0000000000000000, -60, btcq %rcx, (%rbx)
    CASEW FL_BT, FL_ALL, 0x0000000000000000, 127, btcq %r9, (%rbx)
    CASEW FL_BT, FL_NONE, 0xFFFFFFFFFFFFFFFF, 9, btsq %rcx, -8(%rbx)
    SAY "mmio-alu: bt/bts/btr/btc m,r with offsets beyond the operand ok\n"

    .pushsection .rodata.alu, "a"
alu_table_end:
    .popsection

    .data
    .balign 8
case_no:     .quad 0
ram_win:     .quad 0, 0, 0              /* [RBX-8], [RBX], [RBX+8] of the RAM run */
ram_init_lo: .quad 0
ram_init_hi: .quad 0
ram_flags:   .quad 0
ram_rcx:     .quad 0
ram_r9:      .quad 0
dev_mem:     .quad 0
dev_lo:      .quad 0
dev_hi:      .quad 0
dev_flags:   .quad 0
dev_rcx:     .quad 0
dev_r9:      .quad 0
    .text

    RUNTIME_MMIO64
