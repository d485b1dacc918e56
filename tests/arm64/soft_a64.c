/* The software EL2 machine (see soft_a64.h). */
#include <string.h>

soft_a64 soft;

uint64_t soft_a64_read(uint32_t reg) { return soft.sysreg[reg & 0xFFFF]; }
void soft_a64_write(uint32_t reg, uint64_t v) { soft.sysreg[reg & 0xFFFF] = v; }

void soft_a64_tlbi(int kind, uint64_t arg)
{
    switch (kind) {
    case 1: soft.tlbi_vmalls12++; break;
    case 2:
        if (soft.tlbi_ipas2 < 64)
            soft.tlbi_ipa[soft.tlbi_ipas2] = arg;
        soft.tlbi_ipas2++;
        break;
    case 3: soft.tlbi_vmalle1++; break;
    default: soft.tlbi_alle1++; break;
    }
}

/* PAR_EL1 for AT S1E1R: flat with the MMU off, else VA - at_offset. */
uint64_t soft_a64_at(uint64_t va)
{
    uint64_t ipa;
    if (soft.at_fault)
        return 1; /* F */
    ipa = (soft.sysreg[XVCPU_SYSREG_SCTLR_EL1] & XVCPU_SCTLR_EL1_M) ? va - soft.at_offset : va;
    return ipa & XVCPU_PAR_EL1_OK_PA_MASK;
}

/* The lean handler as the vectors call it: the guest's X20-X29 are not in ctx but in the CPU's
 * registers, which the handler preserves; whatever it reads there is poison, whatever it writes
 * there is lost (the vectors reload X0-X19 and X30 only, or save the registers on the way out). */
static int soft_a64_lean(struct xvcpu_arm64_ctx *ctx)
{
    uint64_t live[10], pstate = ctx->pstate;
    int i, r;
    for (i = 0; i < 10; i++) {
        live[i] = ctx->x[20 + i];
        ctx->x[20 + i] = SOFT_A64_POISON + (uint64_t)i;
    }
    r = ctx->lean(ctx);
    for (i = 0; i < 10; i++) {
        if (ctx->x[20 + i] != SOFT_A64_POISON + (uint64_t)i)
            soft.lean_wrote_unsaved++;
        ctx->x[20 + i] = live[i];
    }
    if (r == XVCPU_ARM64_LEAN_REENTER && ctx->pstate != pstate)
        soft.lean_changed_pstate++; /* the lean resume keeps SPSR_EL2 as the exception left it */
    return r;
}

/* As the trampoline does: a synchronous exit goes to the lean handler first, which may enter
 * the guest again at once (soft.lean_reentries counts those entries too). */
static int soft_a64_run(struct xvcpu_arm64_ctx *ctx)
{
    for (;;) {
        int i = soft.entries++, kind;
        if (i < 32) {
            soft.hcr_at_entry[i] = soft.sysreg[XVCPU_SYSREG_HCR_EL2];
            soft.vttbr_at_entry[i] = soft.sysreg[XVCPU_SYSREG_VTTBR_EL2];
            soft.pc_at_entry[i] = ctx->pc;
            soft.pstate_at_entry[i] = ctx->pstate;
            soft.vbar_at_entry[i] = soft.sysreg[XVCPU_SYSREG_VBAR_EL2];
            soft.tpidr_at_entry[i] = soft.sysreg[XVCPU_SYSREG_TPIDR_EL2];
        }
        if (soft.next >= soft.nsteps)
            return -1; /* the test ran out of guest: the backend must report it */
        kind = soft.steps[soft.next++](ctx);
        if (kind == XVCPU_ARM64_ENTER_EL2_FAULT) { /* the current-EL vectors' report */
            ctx->el2_fault.vector = (uint64_t)soft.el2_vector;
            ctx->el2_fault.esr = soft.sysreg[XVCPU_SYSREG_ESR_EL2];
            ctx->el2_fault.far = soft.sysreg[XVCPU_SYSREG_FAR_EL2];
            ctx->el2_fault.elr = soft.sysreg[XVCPU_SYSREG_ELR_EL2];
            ctx->el2_fault.spsr = soft.sysreg[XVCPU_SYSREG_SPSR_EL2];
            return kind;
        }
        if (kind != XVCPU_ARM64_ENTER_SYNC)
            return kind;
        if (soft_a64_lean(ctx) != XVCPU_ARM64_LEAN_REENTER)
            return kind;
        soft.lean_reentries++;
    }
}

/* The library's vectors in VBAR_EL2 and ctx in TPIDR_EL2 inside, the host's before and after. */
int soft_a64_enter(struct xvcpu_arm64_ctx *ctx)
{
    uint64_t vbar = soft.sysreg[XVCPU_SYSREG_VBAR_EL2], tpidr = soft.sysreg[XVCPU_SYSREG_TPIDR_EL2];
    int kind;
    soft.sysreg[XVCPU_SYSREG_VBAR_EL2] = XVCPU_A64_VECTORS();
    soft.sysreg[XVCPU_SYSREG_TPIDR_EL2] = (uint64_t)(uintptr_t)ctx;
    kind = soft_a64_run(ctx);
    soft.sysreg[XVCPU_SYSREG_VBAR_EL2] = vbar;
    soft.sysreg[XVCPU_SYSREG_TPIDR_EL2] = tpidr;
    return kind;
}

void soft_a64_fp(struct xvcpu_arm64_fp *fp, bool save)
{
    (void)fp;
    if (save)
        soft.fp_saves++;
    else
        soft.fp_restores++;
}

/* An EL2 CPU like QEMU's cortex-a72: PARange 44 bits, 16-bit VMIDs, 4 KiB stage-2 granule. */
void soft_a64_reset(void)
{
    memset(&soft, 0, sizeof(soft));
    soft.sysreg[XVCPU_SYSREG_CURRENTEL] = 2u << 2;
    soft.sysreg[XVCPU_SYSREG_ID_AA64MMFR0_EL1] = 0x1124; /* PARange 4 (44 bits), ASID 16, BigEnd */
    soft.sysreg[XVCPU_SYSREG_ID_AA64MMFR1_EL1] = 0x21u << 0 | (2u << 4); /* VMIDBits 16 */
    soft.sysreg[XVCPU_SYSREG_ID_AA64PFR0_EL1] = 0x1000000002222ull; /* EL0-3 AArch64, AdvSIMD, FP */
    soft.sysreg[XVCPU_SYSREG_MIDR_EL1] = 0x410FD083;
    soft.sysreg[XVCPU_SYSREG_ID_AA64DFR0_EL1] = 0x10305106; /* PMUVer 1 (PMUv3), DebugVer 6 */
    soft.sysreg[XVCPU_SYSREG_ID_DFR0_EL1] = 0x03010066;     /* PerfMon 3 */
    soft.sysreg[XVCPU_SYSREG_VBAR_EL2] = 0x40080000; /* the host's own vectors */
}
