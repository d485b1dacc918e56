/* The VMX entry trampoline (SDM Vol. 3C 27 "VM Entries", 28 "VM Exits").
 *
 *   int xvcpu__vmx_trampoline(uint64_t gpr[16], uint64_t *host_rsp, uint64_t launched,
 *                             uint64_t host_rsp_encoding)
 *
 * Saves the callee-saved registers, keeps HOST_RSP current (one VMWRITE only when the stack
 * moved), loads every guest GPR but RSP (which the VMCS holds), and executes VMLAUNCH or
 * VMRESUME. A VM exit lands at xvcpu__vmx_exit_point (HOST_RIP, right after both instructions)
 * with the host stack as it was at entry; the guest GPRs are stored back and 0 is returned. If
 * the instruction itself fails there is no exit: the result is 1 for VMfailInvalid (CF) and 2
 * for VMfailValid (ZF), read from the flags at the same point. The symbols are local to this
 * object (no .globl), so XVCPU_STATIC users get one private copy per translation unit. */

#if defined(__x86_64__)
__asm__(
    ".pushsection .text\n"
    ".type xvcpu__vmx_trampoline, @function\n"
    ".p2align 4\n"
    "xvcpu__vmx_trampoline:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    XVCPU__ASM_PUSH_CALLEE_SAVED
    "    push %rdi\n"                 /* the GPR array, found again at the exit point */
    "    cmp %rsp, (%rsi)\n"
    "    je 1f\n"
    "    mov %rsp, (%rsi)\n"
    "    vmwrite %rsp, %rcx\n"        /* HOST_RSP; a failure here shows as a failed entry below */
    "1:  test %rdx, %rdx\n"           /* launched? (mov below leaves the flags alone) */
    "    mov 0x00(%rdi), %rax\n"
    XVCPU__ASM_LOAD_GUEST_GPRS
    "    jnz 2f\n"
    "    vmlaunch\n"
    "    jmp xvcpu__vmx_exit_point\n"
    "2:  vmresume\n"
    /* HOST_RIP. A VM exit arrives with RFLAGS = 2 (SDM Vol. 3C 28.5.3); a VMLAUNCH or VMRESUME
     * that failed falls through with CF (VMfailInvalid) or ZF (VMfailValid) set. Being the
     * instruction after both, it keeps the stack the same on every path, as objtool checks. */
    "xvcpu__vmx_exit_point:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    "    jbe 3f\n"
    XVCPU__ASM_GUEST_RDI_ASIDE
    "    mov %rax, 0x00(%rdi)\n"
    XVCPU__ASM_STORE_GUEST_GPRS
    "    xor %eax, %eax\n"
    "4:  pop %rdi\n"
    XVCPU__ASM_POP_CALLEE_SAVED
    "    " XVCPU_ASM_RET "\n"
    "3:  mov $1, %eax\n"              /* VMfail: CF=1 invalid, else ZF=1 valid */
    "    jc 4b\n"
    "    mov $2, %eax\n"
    "    jmp 4b\n"
    ".size xvcpu__vmx_trampoline, . - xvcpu__vmx_trampoline\n"
    ".popsection\n");

extern int xvcpu__vmx_trampoline(uint64_t *gpr, uint64_t *host_rsp, uint64_t launched, uint64_t host_rsp_encoding);
extern char xvcpu__vmx_exit_point[];

/* XVCPU_VMX_ENTER(vcpu) -> 0 after a VM exit, else XVCPU_VMX_FAIL_*. Host tests substitute a
 * software guest. XVCPU_VMX_EXIT_POINT is the HOST_RIP the trampoline expects. */
#ifndef XVCPU_VMX_ENTER
#define XVCPU_VMX_ENTER(vcpu)                                                                  \
    xvcpu__vmx_trampoline((vcpu)->gpr, &(vcpu)->arch.vmx.host_rsp, (vcpu)->arch.vmx.launched,  \
                          XVCPU_VMCS_HOST_RSP)
#endif
#ifndef XVCPU_VMX_EXIT_POINT
#define XVCPU_VMX_EXIT_POINT ((uint64_t)(uintptr_t)xvcpu__vmx_exit_point)
#endif
#endif /* __x86_64__ */

XVCPU_STATIC_ASSERT(XVCPU_REG_RSP == 4 && XVCPU_REG_RDI == 7 && XVCPU_REG_R15 == 15, gpr_layout_matches_trampoline);
