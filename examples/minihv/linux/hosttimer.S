/* The host's timer interrupt (hosttimer.c): end it at the local APIC and return. The VM exit it
 * causes is the point; nothing else to do. */
	.text
	.globl host_timer_isr
host_timer_isr:
	pushq %rax
	movl $0xFEE000B0, %eax          /* EOI register: zero-extended, identity-mapped */
	movl $0, (%rax)
	incq host_timer_ticks(%rip)
	popq %rax
	iretq

/* The watchdog's NMI (hosttimer.c): nothing to end at the APIC (NMIs set no ISR bit); IRETQ
 * ends the NMI blocking. */
	.globl host_nmi_isr
host_nmi_isr:
	iretq

/* After a VMX exit caused by an NMI, NMIs stay blocked until the next IRET (SDM Vol. 3C, VM exits:
 * an NMI that causes one leaves NMIs blocked as its delivery would): run one to ourselves. Clobbers RAX and RCX. */
	.globl host_nmi_unblock
host_nmi_unblock:
	movq %rsp, %rax
	movl %ss, %ecx
	pushq %rcx
	pushq %rax
	pushfq
	movl %cs, %ecx
	pushq %rcx
	leaq 1f(%rip), %rcx
	pushq %rcx
	iretq
1:	ret

	.data
	.globl host_timer_ticks
	.p2align 3
host_timer_ticks:
	.quad 0

	.section .note.GNU-stack, "", @progbits
