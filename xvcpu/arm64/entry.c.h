/* The AArch64 entry trampoline and EL2 vectors (Arm ARM D1.3 "exception entry", C6 ERET).
 *
 *   int xvcpu__a64_enter(xvcpu_arm64_ctx *ctx)
 *
 * Saves the host's callee-saved registers and X18 in ctx, leaves ctx at the top of the host
 * stack (SP_EL2, which the guest cannot touch), loads ELR_EL2/SPSR_EL2 and X0-X30 from ctx and
 * ERETs. An exception from the guest enters the lower-EL half of the vectors with SP_EL2 as it
 * was: the vector stores X0-X30, ELR_EL2 and SPSR_EL2 into ctx.
 *   - A synchronous exception first goes to ctx->lean (C, on the host stack with the host's
 *     X18): the exits the library answers itself (PSCI queries, ID registers, MMU register
 *     writes, WFE) re-enter the guest from here, without the host's registers or the run loop.
 *   - Otherwise the host's registers are put back and xvcpu__a64_enter returns
 *     XVCPU_ARM64_ENTER_SYNC/IRQ/FIQ/SERROR to its caller. ESR_EL2, FAR_EL2 and HPFAR_EL2 still
 *     hold the exception's syndrome then.
 * SP_EL0/SP_EL1 and the other EL1 registers are switched at bind/unbind, not here.
 * The vectors are in VBAR_EL2 only while xvcpu_vcpu_run() runs (the host's own are there
 * otherwise). An exception taken at EL2 itself in that window (a library bug; never one a guest
 * can cause) parks the CPU in a WFE loop: the vectors have no place to report it to.
 * The symbols are local to this object (no .globl), as for the x86 trampolines. */

#if defined(__aarch64__)
/* X2-X30 into ctx (X0 = ctx; the guest's X0/X1 are on the stack) */
#define XVCPU__A64_SAVE_X2_X30            \
    "    stp x2, x3, [x0, #16]\n"         \
    "    stp x4, x5, [x0, #32]\n"         \
    "    stp x6, x7, [x0, #48]\n"         \
    "    stp x8, x9, [x0, #64]\n"         \
    "    stp x10, x11, [x0, #80]\n"       \
    "    stp x12, x13, [x0, #96]\n"       \
    "    stp x14, x15, [x0, #112]\n"      \
    "    stp x16, x17, [x0, #128]\n"      \
    "    stp x18, x19, [x0, #144]\n"      \
    "    stp x20, x21, [x0, #160]\n"      \
    "    stp x22, x23, [x0, #176]\n"      \
    "    stp x24, x25, [x0, #192]\n"      \
    "    stp x26, x27, [x0, #208]\n"      \
    "    stp x28, x29, [x0, #224]\n"      \
    "    str x30, [x0, #240]\n"           \
    "    ldp x2, x3, [sp], #16\n"         \
    "    stp x2, x3, [x0, #0]\n"          \
    "    mrs x2, elr_el2\n"               \
    "    mrs x3, spsr_el2\n"              \
    "    stp x2, x3, [x0, #248]\n"
/* An asynchronous exception from the guest: straight back to the host with its kind. */
#define XVCPU__A64_VEC_GUEST(kind) \
    "    .balign 0x80\n"           \
    "    stp x0, x1, [sp, #-16]!\n" \
    "    mov x1, #" #kind "\n"     \
    "    b xvcpu__a64_guest_exit\n"
#define XVCPU__A64_VEC_EL2 \
    "    .balign 0x80\n"   \
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
    "    mov x0, x1\n"
    "    ret\n"
    "xvcpu__a64_el2_fault:\n"
    "    wfe\n"
    "    b xvcpu__a64_el2_fault\n"
    ".size xvcpu__a64_enter, . - xvcpu__a64_enter\n"
    ".balign 2048\n"
    "xvcpu__a64_vectors:\n"
    XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2
    XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2
    /* lower EL, AArch64: a synchronous exception is saved here and offered to the lean handler
     * (30 instructions of the 32 a vector holds) */
    "    .balign 0x80\n"
    "xvcpu__a64_vec_sync:\n"
    "    stp x0, x1, [sp, #-16]!\n"
    "    ldr x0, [sp, #16]\n"
    XVCPU__A64_SAVE_X2_X30
    "    ldr x18, [x0, #368]\n"
    "    ldr x16, [x0, #264]\n"
    "    blr x16\n"
    /* re-enter (0), or the host's registers back and SYNC to the caller */
    "    mov w1, w0\n"
    "    ldr x0, [sp]\n"
    "    cbz w1, xvcpu__a64_resume\n"
    "    mov x1, #0\n"
    "    b xvcpu__a64_host_back\n"
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
                        sizeof(xvcpu_arm64_ctx) == 384,
                    arm64_ctx_layout_matches_trampoline);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_fp, fpcr) == 512, arm64_fp_layout_matches_trampoline);
