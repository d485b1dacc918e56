/* hostile-storm: injection storms, in 64-bit long mode. Five rounds: with IF = 0 the guest asks
 * the VMM (hypercall 5) to make the 200 external interrupts 32..231 pending at once; none may
 * arrive while IF = 0 (across more exits: CPUIDs); after STI all 200 arrive, each exactly once,
 * highest vector first (the documented delivery order of xvcpu_inject_interrupt, the APIC's
 * priority order, SDM Vol. 3A 10.8.3.1) — 1000 interrupts in all. Then an exception on top of
 * pending interrupts: with IF = 0 and interrupts 32..39 pending, the VMM injects #UD (hypercall
 * 2), which arrives at once (IF masks only interrupts), before the eight after STI. */
#include "common.inc"
#include "mmio.inc"
#include "catch64.inc"

#define ROUNDS 5
#define BATCH 200
#define FIRST 32
#define IDT_FULL_LIMIT (256 * 16 - 1)
#define LOG_MAX 256

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call detect_vendor
    mov $FIRST, %ecx                     /* gates 32-255 -> the recording stubs */
1:  mov %ecx, %eax
    sub $FIRST, %eax
    shl $4, %eax
    add $irq_stubs, %eax
    call set_gate64
    inc %ecx
    cmp $256, %ecx
    jb 1b
    mov $6, %ecx                         /* #UD too */
    mov $ud_stub, %eax
    call set_gate64
    lidt idt_full_desc

    xor %r12d, %r12d                     /* the round */
    xor %r13d, %r13d                     /* interrupts that arrived while IF = 0 */
round:
    cli
    movq $0, irq_count
    mov $FIRST, %edi
    mov $BATCH, %esi
    mov $HC_INJECT_INTERRUPTS, %eax
    call hypercall
    mov $3, %r8d                         /* three more exits with IF = 0 */
2:  xor %eax, %eax
    cpuid
    dec %r8d
    jnz 2b
    add irq_count, %r13
    sti
    mov $100000, %ecx                    /* they arrive right after STI's shadow */
3:  cmpq $BATCH, irq_count
    jae 4f
    loop 3b
4:  cli
    cmpq $BATCH, irq_count               /* a round with a lost or a duplicated interrupt */
    je 5f
    incq bad_count
5:  xor %ecx, %ecx                       /* the log: 231, 230, ..., 32 */
6:  movzbl irq_log(%rcx), %eax
    mov $(FIRST + BATCH - 1), %edx
    sub %ecx, %edx
    cmp %edx, %eax
    je 7f
    incq bad_order
7:  inc %ecx
    cmp $BATCH, %ecx
    jb 6b
    inc %r12d
    cmp $ROUNDS, %r12d
    jb round
    CHECK64 storm-none-while-if0, 1, %r13, 0
    CHECK64 storm-all-delivered-once, 2, bad_count, 0
    CHECK64 storm-priority-order, 3, bad_order, 0

    /* an exception on top of pending interrupts */
    movq $0, irq_count
    mov $FIRST, %edi
    mov $8, %esi
    mov $HC_INJECT_INTERRUPTS, %eax
    call hypercall
    mov $6, %edi
    xor %esi, %esi
    mov $HC_INJECT_EXCEPTION, %eax
    call hypercall
    mov irq_count, %rax
    shl $8, %rax
    movzbl irq_log, %ecx
    or %rcx, %rax                        /* count << 8 | first vector logged */
    CHECK64 storm-exception-at-once-with-if0, 4, %rax, 0x106
    sti
    nop
    nop
    cli
    xor %ebx, %ebx                       /* the log must be 6, 39, 38, ..., 32 */
    mov $1, %ecx
7:  movzbl irq_log(%rcx), %eax
    mov $(FIRST + 8), %edx
    sub %ecx, %edx
    cmp %edx, %eax
    je 8f
    inc %ebx
8:  inc %ecx
    cmp $9, %ecx
    jb 7b
    CHECK64 storm-exception-then-interrupts-in-order, 5, %rbx, 0
    CHECK64 storm-exception-then-interrupts-count, 6, irq_count, 9

    PUTS "hostile-storm: all checks passed\n"
    REPORT 0

/* Interrupt stubs for vectors 32-255, 16 bytes each: push the vector, record it. */
    .balign 16
irq_stubs:
    .set .Lsv, FIRST
    .rept 256 - FIRST
    .balign 16
    push $.Lsv
    jmp irq_record
    .set .Lsv, .Lsv + 1
    .endr
ud_stub:                                 /* #UD the VMM injects: it pushes no error code */
    push $6
irq_record:
    push %rax
    push %rbx
    mov 16(%rsp), %rax                   /* the vector */
    mov irq_count, %rbx
    cmp $LOG_MAX, %rbx
    jae 1f
    mov %al, irq_log(%rbx)
1:  inc %rbx
    mov %rbx, irq_count
    pop %rbx
    pop %rax
    add $8, %rsp
    iretq

    RUNTIME_CATCH64

    .data
    .balign 8
irq_count: .quad 0
bad_count: .quad 0                      /* rounds whose count was not BATCH */
bad_order: .quad 0                      /* log entries out of order */
irq_log:   .fill LOG_MAX, 1, 0
    .balign 8
    .word 0, 0, 0
idt_full_desc:
    .word IDT_FULL_LIMIT
    .quad IDT64
