/* The AArch64 entry trampoline and EL2 vectors (Arm ARM D1.3 "exception entry", C6 ERET).
 *
 *   int xvcpu__a64_enter(xvcpu_arm64_ctx *ctx)
 *
 * Saves the host's callee-saved registers and X18 in ctx, leaves ctx at the top of the host
 * stack (SP_EL2, which the guest cannot touch), masks DAIF, puts the library's vectors in
 * VBAR_EL2 and ctx in TPIDR_EL2 (the host's kept in ctx), loads ELR_EL2/SPSR_EL2 and X0-X30 from
 * ctx and ERETs. An exception from the guest enters the lower-EL half of the vectors with SP_EL2
 * as it was: the vector stores X0-X30, ELR_EL2 and SPSR_EL2 into ctx.
 *   - A synchronous exception first goes to ctx->lean (C, on the host stack with the host's
 *     X18): the exits the library answers itself (PSCI queries, ID registers, MMU register
 *     writes, WFE) re-enter the guest from here, without the host's registers or the run loop.
 *   - Otherwise the host's registers, VBAR_EL2 and TPIDR_EL2 are put back and xvcpu__a64_enter
 *     returns XVCPU_ARM64_ENTER_SYNC/IRQ/FIQ/SERROR to its caller. ESR_EL2, FAR_EL2 and
 *     HPFAR_EL2 still hold the exception's syndrome then.
 *   - An exception taken at EL2 itself while the vectors are in (a library bug, or a bad pointer
 *     the lean handler followed; never one a guest can cause) enters the current-EL half: the
 *     handler finds ctx in TPIDR_EL2, stores the vector's number and ESR_EL2, FAR_EL2, ELR_EL2,
 *     SPSR_EL2 in ctx->el2_fault, puts back the host's stack pointer of the entry and returns
 *     XVCPU_ARM64_ENTER_EL2_FAULT through the same exit path: a report, never a hang. (Only a
 *     fault in that handler itself - ctx unreachable - would repeat.)
 * So every host code, the HAL's callbacks included, runs with the host's own vectors and
 * TPIDR_EL2. SP_EL0/SP_EL1 and the other EL1 registers are switched at bind/unbind, not here.
 * The symbols are local to this object (no .globl), as for the x86 trampolines. */

#if defined(__aarch64__)
/* X20-X29 into ctx (X0 = ctx): the registers the AAPCS64 makes a C function preserve */
#define XVCPU__A64_SAVE_X20_X29           \
    "    stp x20, x21, [x0, #160]\n"      \
    "    stp x22, x23, [x0, #176]\n"      \
    "    stp x24, x25, [x0, #192]\n"      \
    "    stp x26, x27, [x0, #208]\n"      \
    "    stp x28, x29, [x0, #224]\n"
/* X2-X19, X30, ELR_EL2 and SPSR_EL2 into ctx (X0 = ctx; the guest's X0/X1 are on the stack) */
#define XVCPU__A64_SAVE_X2_X19_X30        \
    "    stp x2, x3, [x0, #16]\n"         \
    "    stp x4, x5, [x0, #32]\n"         \
    "    stp x6, x7, [x0, #48]\n"         \
    "    stp x8, x9, [x0, #64]\n"         \
    "    stp x10, x11, [x0, #80]\n"       \
    "    stp x12, x13, [x0, #96]\n"       \
    "    stp x14, x15, [x0, #112]\n"      \
    "    stp x16, x17, [x0, #128]\n"      \
    "    stp x18, x19, [x0, #144]\n"      \
    "    str x30, [x0, #240]\n"           \
    "    ldp x2, x3, [sp], #16\n"         \
    "    stp x2, x3, [x0, #0]\n"          \
    "    mrs x2, elr_el2\n"               \
    "    mrs x3, spsr_el2\n"              \
    "    stp x2, x3, [x0, #248]\n"
/* X2-X30 */
#define XVCPU__A64_SAVE_X2_X30 XVCPU__A64_SAVE_X20_X29 XVCPU__A64_SAVE_X2_X19_X30
/* An asynchronous exception from the guest: straight back to the host with its kind. */
#define XVCPU__A64_VEC_GUEST(kind) \
    "    .balign 0x80\n"           \
    "    stp x0, x1, [sp, #-16]!\n" \
    "    mov x1, #" #kind "\n"     \
    "    b xvcpu__a64_guest_exit\n"
/* An exception at EL2 itself: its vector's number (0-7) to the report. */
#define XVCPU__A64_VEC_EL2(n)      \
    "    .balign 0x80\n"           \
    "    mov x1, #" #n "\n"        \
    "    b xvcpu__a64_el2_fault\n"

__asm__(
    ".pushsection .text\n"
    ".type xvcpu__a64_enter, %function\n"
    ".balign 16\n"
    "xvcpu__a64_enter:\n"
    "    stp x19, x20, [x0, #272]\n"
    "    stp x21, x22, [x0, #288]\n"
    "    stp x23, x24, [x0, #304]\n"
    "    stp x25, x26, [x0, #320]\n"
    "    stp x27, x28, [x0, #336]\n"
    "    stp x29, x30, [x0, #352]\n"
    "    str x18, [x0, #368]\n"
    "    stp x0, xzr, [sp, #-16]!\n"
    /* nothing asynchronous at EL2 while the library's vectors are in; they find ctx in TPIDR_EL2 */
    "    msr daifset, #0xf\n"
    "    mov x1, sp\n"
    "    mrs x2, vbar_el2\n"
    "    mrs x3, tpidr_el2\n"
    "    stp x2, x3, [x0, #384]\n"
    "    str x1, [x0, #400]\n"
    "    msr tpidr_el2, x0\n"
    "    adr x1, xvcpu__a64_vectors\n"
    "    msr vbar_el2, x1\n"
    "    isb\n"
    "xvcpu__a64_resume:\n"
    "    ldp x1, x2, [x0, #248]\n"
    "    msr elr_el2, x1\n"
    "    msr spsr_el2, x2\n"
    "    ldp x2, x3, [x0, #16]\n"
    "    ldp x4, x5, [x0, #32]\n"
    "    ldp x6, x7, [x0, #48]\n"
    "    ldp x8, x9, [x0, #64]\n"
    "    ldp x10, x11, [x0, #80]\n"
    "    ldp x12, x13, [x0, #96]\n"
    "    ldp x14, x15, [x0, #112]\n"
    "    ldp x16, x17, [x0, #128]\n"
    "    ldp x18, x19, [x0, #144]\n"
    "    ldp x20, x21, [x0, #160]\n"
    "    ldp x22, x23, [x0, #176]\n"
    "    ldp x24, x25, [x0, #192]\n"
    "    ldp x26, x27, [x0, #208]\n"
    "    ldp x28, x29, [x0, #224]\n"
    "    ldr x30, [x0, #240]\n"
    "    ldp x0, x1, [x0, #0]\n"
    "    eret\n"
    "    dsb nsh\n"
    "    isb\n"
    "xvcpu__a64_guest_exit:\n"
    "    ldr x0, [sp, #16]\n"
    XVCPU__A64_SAVE_X2_X30
    "xvcpu__a64_host_back:\n"
    "    add sp, sp, #16\n"
    "    ldp x19, x20, [x0, #272]\n"
    "    ldp x21, x22, [x0, #288]\n"
    "    ldp x23, x24, [x0, #304]\n"
    "    ldp x25, x26, [x0, #320]\n"
    "    ldp x27, x28, [x0, #336]\n"
    "    ldp x29, x30, [x0, #352]\n"
    "    ldr x18, [x0, #368]\n"
    "    ldp x2, x3, [x0, #384]\n"
    "    msr vbar_el2, x2\n"
    "    msr tpidr_el2, x3\n"
    "    isb\n"
    "    mov x0, x1\n"
    "    ret\n"
    /* x1 = the vector's number; every other register is the faulting code's and is dropped */
    "xvcpu__a64_el2_fault:\n"
    "    mrs x0, tpidr_el2\n"
    "    mrs x2, esr_el2\n"
    "    mrs x3, far_el2\n"
    "    stp x1, x2, [x0, #408]\n"
    "    mrs x2, elr_el2\n"
    "    stp x3, x2, [x0, #424]\n"
    "    mrs x2, spsr_el2\n"
    "    str x2, [x0, #440]\n"
    "    ldr x1, [x0, #400]\n"
    "    mov sp, x1\n"
    "    mov x1, #4\n" /* XVCPU_ARM64_ENTER_EL2_FAULT */
    "    b xvcpu__a64_host_back\n"
    /* the lean handler answered: the guest's X0-X19, X30 and ELR back (the PC it moved on); X20-X29
     * are still in their registers. SPSR_EL2 is still the exception's: the lean path never changes
     * PSTATE, and nothing else is taken to EL2 meanwhile (DAIF masked; an exception at EL2 itself
     * never comes back here) */
    "xvcpu__a64_lean_resume:\n"
    "    ldr x0, [sp]\n"
    "    ldr x1, [x0, #248]\n"
    "    msr elr_el2, x1\n"
    "    ldp x2, x3, [x0, #16]\n"
    "    ldp x4, x5, [x0, #32]\n"
    "    ldp x6, x7, [x0, #48]\n"
    "    ldp x8, x9, [x0, #64]\n"
    "    ldp x10, x11, [x0, #80]\n"
    "    ldp x12, x13, [x0, #96]\n"
    "    ldp x14, x15, [x0, #112]\n"
    "    ldp x16, x17, [x0, #128]\n"
    "    ldp x18, x19, [x0, #144]\n"
    "    ldr x30, [x0, #240]\n"
    "    ldp x0, x1, [x0, #0]\n"
    "    eret\n"
    "    dsb nsh\n"
    "    isb\n"
    /* it did not: the rest of the guest's registers, then SYNC to the caller */
    "xvcpu__a64_lean_to_host:\n"
    "    ldr x0, [sp]\n"
    XVCPU__A64_SAVE_X20_X29
    "    mov x1, #0\n"
    "    b xvcpu__a64_host_back\n"
    ".size xvcpu__a64_enter, . - xvcpu__a64_enter\n"
    ".balign 2048\n"
    "xvcpu__a64_vectors:\n"
    XVCPU__A64_VEC_EL2(0) XVCPU__A64_VEC_EL2(1) XVCPU__A64_VEC_EL2(2) XVCPU__A64_VEC_EL2(3)
    XVCPU__A64_VEC_EL2(4) XVCPU__A64_VEC_EL2(5) XVCPU__A64_VEC_EL2(6) XVCPU__A64_VEC_EL2(7)
    /* lower EL, AArch64: a synchronous exception is offered to the lean handler, a C function,
     * with X0-X19, X30, ELR and SPSR saved in ctx. X20-X29 stay in the registers: the handler
     * preserves them (AAPCS64) and neither reads nor writes them in ctx. Re-entering, only what
     * was saved is loaded again; going to the host, X20-X29 are saved first, still the guest's. */
    "    .balign 0x80\n"
    "xvcpu__a64_vec_sync:\n"
    "    stp x0, x1, [sp, #-16]!\n"
    "    ldr x0, [sp, #16]\n"
    XVCPU__A64_SAVE_X2_X19_X30
    "    ldr x18, [x0, #368]\n"
    "    ldr x16, [x0, #264]\n"
    "    blr x16\n"
    /* re-enter (0), or the host's registers back and SYNC to the caller */
    "    cbz w0, xvcpu__a64_lean_resume\n"
    "    b xvcpu__a64_lean_to_host\n"
    XVCPU__A64_VEC_GUEST(1) XVCPU__A64_VEC_GUEST(2) XVCPU__A64_VEC_GUEST(3)
    /* lower EL, AArch32 */
    "    .balign 0x80\n"
    "    b xvcpu__a64_vec_sync\n"
    XVCPU__A64_VEC_GUEST(1) XVCPU__A64_VEC_GUEST(2) XVCPU__A64_VEC_GUEST(3)
    "    .balign 0x80\n"
    ".type xvcpu__a64_fp_save, %function\n"
    ".arch_extension fp\n"
    ".arch_extension simd\n"
    "xvcpu__a64_fp_save:\n"
    "    stp q0, q1, [x0, #0]\n"
    "    stp q2, q3, [x0, #32]\n"
    "    stp q4, q5, [x0, #64]\n"
    "    stp q6, q7, [x0, #96]\n"
    "    stp q8, q9, [x0, #128]\n"
    "    stp q10, q11, [x0, #160]\n"
    "    stp q12, q13, [x0, #192]\n"
    "    stp q14, q15, [x0, #224]\n"
    "    stp q16, q17, [x0, #256]\n"
    "    stp q18, q19, [x0, #288]\n"
    "    stp q20, q21, [x0, #320]\n"
    "    stp q22, q23, [x0, #352]\n"
    "    stp q24, q25, [x0, #384]\n"
    "    stp q26, q27, [x0, #416]\n"
    "    stp q28, q29, [x0, #448]\n"
    "    stp q30, q31, [x0, #480]\n"
    "    mrs x1, fpcr\n"
    "    mrs x2, fpsr\n"
    "    add x0, x0, #512\n"
    "    stp x1, x2, [x0]\n"
    "    ret\n"
    ".size xvcpu__a64_fp_save, . - xvcpu__a64_fp_save\n"
    ".type xvcpu__a64_fp_restore, %function\n"
    "xvcpu__a64_fp_restore:\n"
    "    ldp q0, q1, [x0, #0]\n"
    "    ldp q2, q3, [x0, #32]\n"
    "    ldp q4, q5, [x0, #64]\n"
    "    ldp q6, q7, [x0, #96]\n"
    "    ldp q8, q9, [x0, #128]\n"
    "    ldp q10, q11, [x0, #160]\n"
    "    ldp q12, q13, [x0, #192]\n"
    "    ldp q14, q15, [x0, #224]\n"
    "    ldp q16, q17, [x0, #256]\n"
    "    ldp q18, q19, [x0, #288]\n"
    "    ldp q20, q21, [x0, #320]\n"
    "    ldp q22, q23, [x0, #352]\n"
    "    ldp q24, q25, [x0, #384]\n"
    "    ldp q26, q27, [x0, #416]\n"
    "    ldp q28, q29, [x0, #448]\n"
    "    ldp q30, q31, [x0, #480]\n"
    "    add x0, x0, #512\n"
    "    ldp x1, x2, [x0]\n"
    "    msr fpcr, x1\n"
    "    msr fpsr, x2\n"
    "    ret\n"
    ".size xvcpu__a64_fp_restore, . - xvcpu__a64_fp_restore\n"
    ".popsection\n");

extern int xvcpu__a64_enter(xvcpu_arm64_ctx *ctx);
extern void xvcpu__a64_fp_save(xvcpu_arm64_fp *fp);
extern void xvcpu__a64_fp_restore(const xvcpu_arm64_fp *fp);
extern char xvcpu__a64_vectors[];

#ifndef XVCPU_A64_ENTER
#define XVCPU_A64_ENTER(ctx) xvcpu__a64_enter(ctx)
#endif
#ifndef XVCPU_A64_FP_SAVE
#define XVCPU_A64_FP_SAVE(fp) xvcpu__a64_fp_save(fp)
#endif
#ifndef XVCPU_A64_FP_RESTORE
#define XVCPU_A64_FP_RESTORE(fp) xvcpu__a64_fp_restore(fp)
#endif
#ifndef XVCPU_A64_VECTORS
#define XVCPU_A64_VECTORS() ((uint64_t)(uintptr_t)xvcpu__a64_vectors)
#endif
#else /* !__aarch64__: inert */
#ifndef XVCPU_A64_ENTER
#define XVCPU_A64_ENTER(ctx) ((void)(ctx), -1)
#endif
#ifndef XVCPU_A64_FP_SAVE
#define XVCPU_A64_FP_SAVE(fp) ((void)(fp))
#endif
#ifndef XVCPU_A64_FP_RESTORE
#define XVCPU_A64_FP_RESTORE(fp) ((void)(fp))
#endif
#ifndef XVCPU_A64_VECTORS
#define XVCPU_A64_VECTORS() ((uint64_t)0)
#endif
#endif /* __aarch64__ */

XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_ctx, pc) == 248 && offsetof(xvcpu_arm64_ctx, lean) == 264 &&
                        offsetof(xvcpu_arm64_ctx, host_x19_x30) == 272 && offsetof(xvcpu_arm64_ctx, host_x18) == 368 &&
                        offsetof(xvcpu_arm64_ctx, host_vbar) == 384 && offsetof(xvcpu_arm64_ctx, host_tpidr) == 392 &&
                        offsetof(xvcpu_arm64_ctx, host_sp) == 400 && offsetof(xvcpu_arm64_ctx, el2_fault) == 408 &&
                        sizeof(xvcpu_arm64_ctx) == 448,
                    arm64_ctx_layout_matches_trampoline);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_vcpu, ctx) == 0, arm64_ctx_is_the_vcpus_first_member); /* the lean path */
XVCPU_STATIC_ASSERT(XVCPU_ARM64_ENTER_EL2_FAULT == 4, arm64_el2_fault_kind_matches_trampoline);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_fp, fpcr) == 512, arm64_fp_layout_matches_trampoline);
