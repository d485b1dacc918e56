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
    XVCPU__ASM_PUSH_CALLEE_SAVED
    "    push %rdx\n"                 /* the host's VMSAVE area */
    "    push %rdi\n"                 /* the GPR array, found again after #VMEXIT */
    "    mov %rsi, %rax\n"            /* VMLOAD, VMRUN and VMSAVE take the VMCB address in RAX */
    "    vmload %rax\n"
    XVCPU__ASM_LOAD_GUEST_GPRS
    "    vmrun %rax\n"
    XVCPU__ASM_GUEST_RDI_ASIDE
    XVCPU__ASM_STORE_GUEST_GPRS
    "    vmsave %rax\n"               /* RAX is the VMCB address again (host save area) */
    "    mov 8(%rsp), %rax\n"
    "    vmload %rax\n"               /* the host's FS, GS, TR, LDTR, SYSCALL/SYSENTER MSRs */
    "    pop %rdi\n"
    "    pop %rdx\n"
    XVCPU__ASM_POP_CALLEE_SAVED
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
