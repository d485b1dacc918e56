/* hostile-hlt: HLT with interrupts disabled, and the interrupt shadow across an exit.
 *   hlt-if0-stays-halted   HLT with EFLAGS.IF=0 while the VMM queues vector 0x30 at the first
 *                          HALT: the vCPU stays halted (a maskable interrupt does not end it;
 *                          SDM Vol. 2A HLT) until the NMI the VMM injects at the third HALT,
 *                          which arrives with the EIP after the HLT and 0x30 not taken
 *   nmi-blocked-in-handler an NMI queued from inside the NMI handler (a hypercall exit there)
 *                          waits for the handler's IRET (blocking by NMI survives the exit)
 *   irq-after-sti          the queued 0x30 arrives once STI's shadow is over, EIP after the NOP
 *   sti-hlt-queued-irq     STI; HLT with an interrupt already queued: the HLT ends at once, the
 *                          interrupt's pushed EIP is the one after the HLT
 *   sti-cpuid-irq-after    STI; CPUID (an exit inside STI's shadow): the interrupt comes after
 *                          the CPUID, not inside the shadow
 *   movss-hypercall-irq-after  MOV SS; VMCALL/VMMCALL with IF=1, the VMM queueing an interrupt
 *                          during the hypercall: it arrives after the hypercall instruction
 * Hypercalls 3 (INTERRUPT_ON_HALT), 5 (NMI_ON_HALT) and 6 (QUEUE_EVENT), tests/guest/README.md.
 * Flat 32-bit protected mode. */
#include "common.inc"

#define WAKE_VECTOR 0x30
#define IRQ_VECTOR  0x31

/* Expect `count` interrupts on IRQ_VECTOR so far, the last at `eip`; else fail with `code`. */
.macro EXPECT_IRQ count, eip, code
    cmpl $\count, irq_count
    CHECK e, \code
    cmpl $\eip, irq_eip
    CHECK e, \code
.endm

/* Queue vector `v` now (hypercall 6), interrupts off; the caller then opens the window. */
.macro QUEUE v
    cli
    mov $HC_QUEUE_EVENT, %eax
    mov $\v, %edi
    call hypercall
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    SET_GATE 2, nmi_handler
    SET_GATE WAKE_VECTOR, wake_handler
    SET_GATE IRQ_VECTOR, irq_handler

    /* HLT with IF=0: 0x30 at the first HALT, an NMI at the third */
    mov $HC_INTERRUPT_ON_HALT, %eax
    mov $WAKE_VECTOR, %edi
    call hypercall
    mov $HC_NMI_ON_HALT, %eax
    mov $3, %edi
    call hypercall
    cli
    hlt
after_hlt:
    cmpl $0, wake_count             /* IF is still 0: 0x30 stays queued */
    CHECK e, 1
    cmpl $after_hlt, nmi_eip
    CHECK e, 1
    cmpl $0, nmi_wake_seen          /* and 0x30 had not come before the NMI either */
    CHECK e, 1
    PUTS "ok hlt-if0-stays-halted\n"
    xor %eax, %eax
    cpuid                           /* an exit after the IRET (SVM without vNMI: the NMI's turn) */
    cmpl $2, nmi_count
    CHECK e, 2
    cmpl $1, nmi_nested_ok          /* the second NMI did not come inside the first handler */
    CHECK e, 2
    PUTS "ok nmi-blocked-in-handler\n"
    sti
    nop                             /* STI's shadow */
after_sti_nop:
    cli
    cmpl $1, wake_count
    CHECK e, 3
    cmpl $after_sti_nop, wake_eip
    CHECK e, 3
    PUTS "ok irq-after-sti\n"

    QUEUE IRQ_VECTOR
    sti
    hlt
after_sti_hlt:
    cli
    EXPECT_IRQ 1, after_sti_hlt, 4
    PUTS "ok sti-hlt-queued-irq\n"

    QUEUE IRQ_VECTOR
    xor %eax, %eax
    sti
    cpuid
after_sti_cpuid:
    cli
    EXPECT_IRQ 2, after_sti_cpuid, 5
    PUTS "ok sti-cpuid-irq-after\n"

    /* MOV SS; VMCALL with IF=1, the VMM queueing the interrupt during the hypercall: it comes
     * after the hypercall instruction, not inside MOV SS's shadow */
    mov %ss, %bx
    mov $HC_QUEUE_EVENT, %eax
    mov $IRQ_VECTOR, %edi
    sti
    cmpl $2, hv_vendor
    je 1f
    mov %bx, %ss
    vmcall
after_movss_vmcall:
    cli
    EXPECT_IRQ 3, after_movss_vmcall, 6
    jmp 2f
1:  mov %bx, %ss
    vmmcall
after_movss_vmmcall:
    cli
    EXPECT_IRQ 3, after_movss_vmmcall, 6
2:  PUTS "ok movss-hypercall-irq-after\n"

    PUTS "hostile-hlt: all checks passed\n"
    REPORT 0

/* NMI: the first records its EIP and queues a second NMI through a hypercall exit; that one must
 * wait for this handler's IRET. */
nmi_handler:
    pushal
    incl nmi_count
    cmpl $1, nmi_count
    jne 1f
    mov 32(%esp), %eax              /* EIP, above the 8 saved registers */
    mov %eax, nmi_eip
    mov wake_count, %eax
    mov %eax, nmi_wake_seen
    mov $HC_QUEUE_EVENT, %eax
    mov $2, %edi
    call hypercall
    xor %eax, %eax
    cpuid                           /* one more exit inside the handler */
    cmpl $1, nmi_count
    jne 1f
    movl $1, nmi_nested_ok
1:  popal
    iret

wake_handler:
    push %eax
    incl wake_count
    mov 4(%esp), %eax
    mov %eax, wake_eip
    pop %eax
    iret

irq_handler:
    push %eax
    incl irq_count
    mov 4(%esp), %eax
    mov %eax, irq_eip
    pop %eax
    iret

    .data
    .balign 4
nmi_count:     .long 0
nmi_eip:       .long 0
nmi_wake_seen: .long 0
nmi_nested_ok: .long 0
wake_count:    .long 0
wake_eip:      .long 0
irq_count:     .long 0
irq_eip:       .long 0
    .text

    RUNTIME_PM32
