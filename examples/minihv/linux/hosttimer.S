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

	.data
	.globl host_timer_ticks
	.p2align 3
host_timer_ticks:
	.quad 0

	.section .note.GNU-stack, "", @progbits
