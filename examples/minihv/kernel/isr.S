/* Interrupt entry stubs for all 256 vectors. Each pushes a dummy error code when the CPU does not
 * push one, then its vector, so every frame looks the same (struct trap_frame in kernel.h).
 * isr_table[v] is the address of vector v's stub, for trap.c to put in the IDT. */

	.text
	.code64

	.pushsection .rodata
	.p2align 3
	.globl isr_table
isr_table:
	.popsection

	.set vec, 0
	.rept 256
	.p2align 3
1:
	/* #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX push an error code */
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	pushq $0
	.endif
	pushq $vec
	jmp isr_common
	.pushsection .rodata
	.quad 1b
	.popsection
	.set vec, vec + 1
	.endr

/* Save the GPRs, call trap_handler(frame), restore, drop vector + error code, return. The CPU
 * aligned RSP to 16 before pushing its 5 words; 5 + 2 + 15 words keep RSP 16-aligned at the call. */
isr_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call trap_handler
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
