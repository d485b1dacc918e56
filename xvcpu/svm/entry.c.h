/* The SVM entry trampoline (AMD APM Vol. 2 15.5 "VMRUN Instruction", 15.6 "#VMEXIT").
 *
 *   int xvcpu__svm_trampoline(uint64_t gpr[16], uint64_t vmcb_pa, uint64_t host_area_pa)
 *
 * Called with GIF clear (the run loop executes CLGI before and STGI after), so no interrupt or NMI
 * sees the half-switched state. Saves the callee-saved registers, VMLOADs the guest's FS, GS, TR,
 * LDTR, KERNEL_GS_BASE, SYSCALL and SYSENTER state from its VMCB, loads every guest GPR but RAX
 * and RSP (the VMCB holds those), and executes VMRUN. At #VMEXIT the CPU has restored the host's
 * RSP, RAX (= the VMCB address), segments, control registers and RFLAGS from the host save area;
 * the guest GPRs are stored back, VMSAVE puts the guest's VMLOAD state into its VMCB and VMLOAD
 * brings back the host's from `host_area_pa` (saved there at bind). Returns 0; VMRUN reports an
 * invalid guest state through EXITCODE, not through the instruction. The symbols are local to this
 * object (no .globl), as for VMX. */

#if defined(__x86_64__)
__asm__(
    ".pushsection .text\n"
    ".type xvcpu__svm_trampoline, @function\n"
    ".p2align 4\n"
    "xvcpu__svm_trampoline:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    "    push %rbp\n"
    "    push %rbx\n"
    "    push %r12\n"
    "    push %r13\n"
    "    push %r14\n"
    "    push %r15\n"
    "    push %rdx\n"                 /* the host's VMSAVE area */
    "    push %rdi\n"                 /* the GPR array, found again after #VMEXIT */
    "    mov %rsi, %rax\n"            /* VMLOAD, VMRUN and VMSAVE take the VMCB address in RAX */
    "    vmload %rax\n"
    "    mov 0x08(%rdi), %rcx\n"
    "    mov 0x10(%rdi), %rdx\n"
    "    mov 0x18(%rdi), %rbx\n"
    "    mov 0x28(%rdi), %rbp\n"
    "    mov 0x30(%rdi), %rsi\n"
    "    mov 0x40(%rdi), %r8\n"
    "    mov 0x48(%rdi), %r9\n"
    "    mov 0x50(%rdi), %r10\n"
    "    mov 0x58(%rdi), %r11\n"
    "    mov 0x60(%rdi), %r12\n"
    "    mov 0x68(%rdi), %r13\n"
    "    mov 0x70(%rdi), %r14\n"
    "    mov 0x78(%rdi), %r15\n"
    "    mov 0x38(%rdi), %rdi\n"
    "    vmrun %rax\n"
    "    push %rdi\n"                 /* guest RDI */
    "    mov 8(%rsp), %rdi\n"
    "    mov %rcx, 0x08(%rdi)\n"
    "    mov %rdx, 0x10(%rdi)\n"
    "    mov %rbx, 0x18(%rdi)\n"
    "    mov %rbp, 0x28(%rdi)\n"
    "    mov %rsi, 0x30(%rdi)\n"
    "    popq 0x38(%rdi)\n"
    "    mov %r8, 0x40(%rdi)\n"
    "    mov %r9, 0x48(%rdi)\n"
    "    mov %r10, 0x50(%rdi)\n"
    "    mov %r11, 0x58(%rdi)\n"
    "    mov %r12, 0x60(%rdi)\n"
    "    mov %r13, 0x68(%rdi)\n"
    "    mov %r14, 0x70(%rdi)\n"
    "    mov %r15, 0x78(%rdi)\n"
    "    vmsave %rax\n"               /* RAX is the VMCB address again (host save area) */
    "    mov 8(%rsp), %rax\n"
    "    vmload %rax\n"               /* the host's FS, GS, TR, LDTR, SYSCALL/SYSENTER MSRs */
    "    pop %rdi\n"
    "    pop %rdx\n"
    "    pop %r15\n"
    "    pop %r14\n"
    "    pop %r13\n"
    "    pop %r12\n"
    "    pop %rbx\n"
    "    pop %rbp\n"
    "    xor %eax, %eax\n"
    "    " XVCPU_ASM_RET "\n"
    ".size xvcpu__svm_trampoline, . - xvcpu__svm_trampoline\n"
    ".popsection\n");

extern int xvcpu__svm_trampoline(uint64_t *gpr, uint64_t vmcb_pa, uint64_t host_area_pa);

/* XVCPU_SVM_ENTER(vcpu, host_area_pa): VMLOAD, VMRUN, VMSAVE, VMLOAD host; 0 after the #VMEXIT.
 * Host tests substitute a software guest. */
#ifndef XVCPU_SVM_ENTER
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) \
    xvcpu__svm_trampoline((vcpu)->gpr, (vcpu)->arch.svm.vmcb_phys, (host_area_pa))
#endif
#endif /* __x86_64__ */
