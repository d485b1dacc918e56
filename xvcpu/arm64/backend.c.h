/* The AArch64 EL2 backend: per-CPU enable, vCPU setup/bind/unbind, the run loop and the exits
 * (Arm ARM DDI 0487: D1 exception model, D8 translation, D19 registers; PSCI DEN0022). */

#ifndef XVCPU_A64_TLBI_ALLE1IS
#if defined(__aarch64__)
#define XVCPU_A64_TLBI_ALLE1IS() __asm__ volatile("dsb ishst\n tlbi alle1is\n dsb ish\n isb" : : : "memory")
#else
#define XVCPU_A64_TLBI_ALLE1IS() ((void)0)
#endif
#endif

static int xvcpu__a64_lean_exit(xvcpu_arm64_ctx *ctx); /* exits.c.h */

/* PSTATE of a new vCPU and of exception entry to EL1: EL1h with D, A, I and F masked. */
#define XVCPU__A64_PSTATE_EL1H_MASKED                                                          \
    (XVCPU_SPSR_EL2_M_EL1H | XVCPU_SPSR_EL2_D | XVCPU_SPSR_EL2_A | XVCPU_SPSR_EL2_I |          \
     XVCPU_SPSR_EL2_F)
/* SCTLR_EL1 at reset for an OS: MMU and caches off; the bits Armv8.0 made RES1 set. */
#define XVCPU__A64_SCTLR_RESET                                                                 \
    (XVCPU_SCTLR_EL1_LSMAOE | XVCPU_SCTLR_EL1_NTLSMD | XVCPU_SCTLR_EL1_SPAN | XVCPU_SCTLR_EL1_EIS |   \
     XVCPU_SCTLR_EL1_TSCXT | XVCPU_SCTLR_EL1_EOS)
/* The traps every guest runs with (Arm ARM D19.2.48). TWE is left clear: WFE just runs. */
#define XVCPU__A64_HCR_GUEST                                                                   \
    (XVCPU_HCR_EL2_VM | XVCPU_HCR_EL2_SWIO | XVCPU_HCR_EL2_FMO | XVCPU_HCR_EL2_IMO |           \
     XVCPU_HCR_EL2_AMO | XVCPU_HCR_EL2_TWI | XVCPU_HCR_EL2_TID3 | XVCPU_HCR_EL2_TSC |          \
     XVCPU_HCR_EL2_TIDCP | XVCPU_HCR_EL2_TVM | XVCPU_HCR_EL2_RW)
#define XVCPU__A64_ESR_UNDEF XVCPU_ESR_EL2_IL /* EC 0 (unknown reason), 32-bit instruction */

/* --- per CPU ---------------------------------------------------------------------------------- */

/* PARange -> bits (Arm ARM D19.2.60); 0 for a value this backend does not know. */
static unsigned xvcpu__a64_pa_bits(unsigned parange)
{
    static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52};
    return parange < sizeof(bits) / sizeof(bits[0]) ? bits[parange] : 0;
}

/* VTCR_EL2 for 4 KiB-granule stage-2 tables walked from level 0 over `ipa_bits` (40-48). */
static uint64_t xvcpu__a64_vtcr(unsigned ipa_bits, unsigned parange, bool vmid16)
{
    uint64_t v = XVCPU_VTCR_EL2_RES1;
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_T0SZ, v, 64u - ipa_bits);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_SL0, v, 2); /* level 0 */
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_IRGN0, v, XVCPU_VTCR_EL2_IRGN0_WBWA);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_ORGN0, v, XVCPU_VTCR_EL2_ORGN0_WBWA);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_SH0, v, XVCPU_VTCR_EL2_SH0_INNER);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_TG0, v, XVCPU_VTCR_EL2_TG0_G4K);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_PS, v, parange > 5 ? 5u : parange);
    return v | (vmid16 ? XVCPU_VTCR_EL2_VS : 0);
}

static xvcpu_err xvcpu__a64_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_arm64_caps *c = &cpu->caps.arm64;
    uint64_t el = XVCPU_FIELD_GET(XVCPU_CURRENTEL_EL, XVCPU_A64_READ(CURRENTEL));
    unsigned parange, tgran4_2;
    if (el != 2)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u runs at EL%u; the arm64 backend needs EL2", fn, cpu->cpu_id, (unsigned)el);
    if (XVCPU_A64_READ(HCR_EL2) & XVCPU_HCR_EL2_E2H)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: HCR_EL2.E2H is set (a VHE host); the arm64 backend needs E2H = 0", fn,
                           cpu->cpu_id);
    XVCPU_MEMSET(c, 0, sizeof(*c));
    c->mmfr0 = XVCPU_A64_READ(ID_AA64MMFR0_EL1);
    c->mmfr1 = XVCPU_A64_READ(ID_AA64MMFR1_EL1);
    parange = (unsigned)XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_PARANGE, c->mmfr0);
    tgran4_2 = (unsigned)XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_TGRAN4_2, c->mmfr0);
    c->pa_bits = xvcpu__a64_pa_bits(parange);
    if (c->pa_bits == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: unknown PARange %u in ID_AA64MMFR0_EL1", fn, cpu->cpu_id, parange);
    if (c->pa_bits < 40)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: %u-bit physical addresses; stage 2 from level 0 needs 40 or more", fn,
                           cpu->cpu_id, c->pa_bits);
    if (tgran4_2 == 1 || (tgran4_2 == 0 && XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_TGRAN4, c->mmfr0) == 0xF))
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u has no 4 KiB granule at stage 2", fn, cpu->cpu_id);
    c->ipa_bits = c->pa_bits > 48 ? 48 : c->pa_bits;
    c->vmid_bits = XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR1_EL1_VMIDBITS, c->mmfr1) ==
                           XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_VMID16 ? 16 : 8;
    c->vtcr = xvcpu__a64_vtcr(c->ipa_bits, parange, c->vmid_bits == 16);
    c->next_vmid = 1;
    c->vmid_generation = 1;
    c->flush_all_pending = true; /* VMIDs used before enable may have left entries */
    XVCPU_A64_WRITE(VTCR_EL2, c->vtcr);
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_percpu_disable(xvcpu_percpu *cpu)
{
    (void)cpu; /* VBAR_EL2 is the library's only inside the entry trampoline */
    return XVCPU_OK;
}

/* --- vCPU lifecycle ---------------------------------------------------------------------------- */

/* The PMU's fields of the ID view: the CPU's when shared, else 0 ("not implemented"). */
static void xvcpu__a64_pmu_view(xvcpu_arm64_vcpu *a, bool shared)
{
    uint64_t *dfr0 = &a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64DFR0_EL1)];
    uint64_t *dfr0_32 = &a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_DFR0_EL1)];
    *dfr0 &= ~XVCPU_ID_AA64DFR0_EL1_PMUVER_MASK;
    *dfr0_32 &= ~XVCPU_ID_DFR0_EL1_PERFMON_MASK;
    if (shared) {
        *dfr0 |= XVCPU_A64_READ(ID_AA64DFR0_EL1) & XVCPU_ID_AA64DFR0_EL1_PMUVER_MASK;
        *dfr0_32 |= XVCPU_A64_READ(ID_DFR0_EL1) & XVCPU_ID_DFR0_EL1_PERFMON_MASK;
    }
    a->pmu_shared = shared;
}

static xvcpu_err xvcpu__a64_vcpu_create(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t pfr0, pfr1;
    XVCPU_MEMSET(a, 0, sizeof(*a));
#define XVCPU__A64_READ_ID(name) a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_##name)] = XVCPU_A64_READ(name);
    XVCPU_ARM64_ID_SYSREGS(XVCPU__A64_READ_ID)
#undef XVCPU__A64_READ_ID
    /* what the guest does not get: EL2/EL3 of its own, SVE, AMU, MPAM (their registers trap or
     * are not switched), SME (ID_AA64PFR1_EL1 bits 27:24) */
    pfr0 = a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR0_EL1)];
    pfr0 &= ~(XVCPU_ID_AA64PFR0_EL1_EL2_MASK | XVCPU_ID_AA64PFR0_EL1_SVE_MASK | XVCPU_ID_AA64PFR0_EL1_AMU_MASK |
              XVCPU_ID_AA64PFR0_EL1_MPAM_MASK);
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR0_EL1)] = pfr0;
    pfr1 = a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR1_EL1)];
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR1_EL1)] = pfr1 & ~(0xFull << 24);
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64ZFR0_EL1)] = 0;
    xvcpu__a64_pmu_view(a, false); /* no PMU unless the VMM shares it */
    a->vpidr = XVCPU_A64_READ(MIDR_EL1);
    a->vmpidr = XVCPU_MPIDR_EL1_RES1 | XVCPU_FIELD_SET(XVCPU_MPIDR_EL1_AFF0, 0, vcpu->id & 0xFF) |
                XVCPU_FIELD_SET(XVCPU_MPIDR_EL1_AFF1, 0, (vcpu->id >> 8) & 0xFF);
    a->cnthctl = XVCPU_CNTHCTL_EL2_EL1PCTEN;
    a->hcr = XVCPU__A64_HCR_GUEST;
    /* every access the lean path hands a device is a data abort from EL1/EL0 */
    a->device_access.raw_reason = XVCPU_ARM64_EC_DABT_LOW;
    a->device_access.raw_reason_name = xvcpu_arm64_ec_name(XVCPU_ARM64_EC_DABT_LOW);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (args->stage2 == NULL || args->stage2->format != XVCPU_STAGE2_ARM64)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u needs stage-2 tables in the ARM64 format", vcpu->id);
    XVCPU_MEMSET(&a->ctx, 0, sizeof(a->ctx));
    XVCPU_MEMSET(a->el1, 0, sizeof(a->el1));
    a->ctx.pc = args->entry;
    a->ctx.pstate = XVCPU__A64_PSTATE_EL1H_MASKED;
    a->ctx.x[0] = args->cr3;
    a->el1[XVCPU__A64_EL1_SP_EL1] = args->stack;
    a->el1[XVCPU__A64_EL1_SCTLR_EL1] = XVCPU__A64_SCTLR_RESET;
    a->stage2 = args->stage2;
    a->stage2_generation = args->stage2->generation;
    return XVCPU_OK;
}

/* A VMID of this CPU's current generation (Arm ARM D8.15: TLB entries are tagged by VMID). */
static void xvcpu__a64_take_vmid(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu_arm64_caps *c = &vcpu->cpu->caps.arm64;
    if (a->vmid != 0 && a->vmid_cpu == vcpu->cpu->cpu_id && a->vmid_generation == c->vmid_generation)
        return;
    if (c->next_vmid >= (1u << c->vmid_bits)) { /* out of VMIDs: a new generation, one full flush */
        c->vmid_generation++;
        c->next_vmid = 1;
        c->flush_all_pending = true;
    }
    a->vmid = c->next_vmid++;
    a->vmid_cpu = vcpu->cpu->cpu_id;
    a->vmid_generation = c->vmid_generation;
    a->flush_pending = true; /* a VMID this vCPU did not have: whatever its stage 2 changed is moot
                                after a generation flush, but an earlier owner's entries are not */
}

static uint64_t xvcpu__a64_vttbr(const xvcpu_vcpu *vcpu)
{
    const xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    return (a->stage2->root_phys & XVCPU_VTTBR_EL2_BADDR_MASK) |
           XVCPU_FIELD_SET(XVCPU_VTTBR_EL2_VMID, 0, a->vmid);
}

static xvcpu_err xvcpu__a64_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu__a64_take_vmid(vcpu);
    a->ctx.lean = xvcpu__a64_lean_exit; /* the vectors' way back to this vCPU */
    a->ctx.vcpu = vcpu;
    /* the host's EL1 context and EL2 controls, then the guest's */
#define XVCPU__A64_SWAP_IN(name)                                                               \
    a->host_el1[XVCPU__A64_EL1_##name] = XVCPU_A64_READ(name);                                 \
    XVCPU_A64_WRITE(name, a->el1[XVCPU__A64_EL1_##name]);
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SWAP_IN)
#undef XVCPU__A64_SWAP_IN
    a->host_hcr = XVCPU_A64_READ(HCR_EL2);
    a->host_cnthctl = XVCPU_A64_READ(CNTHCTL_EL2);
    a->host_cntvoff = XVCPU_A64_READ(CNTVOFF_EL2);
    a->host_cptr = XVCPU_A64_READ(CPTR_EL2);
    a->host_mdcr = XVCPU_A64_READ(MDCR_EL2);
    a->host_hstr = XVCPU_A64_READ(HSTR_EL2);
    XVCPU_A64_FP_SAVE(&a->host_fp);
    XVCPU_A64_FP_RESTORE(&a->fp);
    XVCPU_A64_WRITE(VPIDR_EL2, a->vpidr);
    XVCPU_A64_WRITE(VMPIDR_EL2, a->vmpidr);
    XVCPU_A64_WRITE(CNTVOFF_EL2, a->cntvoff);
    XVCPU_A64_WRITE(CNTHCTL_EL2, a->cnthctl);
    /* SVE and SME trap (the guest's ID registers hide them); FP/SIMD does not: its registers
     * are the guest's while bound */
    XVCPU_A64_WRITE(CPTR_EL2, XVCPU_CPTR_EL2_RES1 | XVCPU_CPTR_EL2_TZ | XVCPU_CPTR_EL2_TSM);
    XVCPU_A64_WRITE(HSTR_EL2, 0);
    /* the debug registers are not switched: the guest's accesses trap (SYSREG exits); the PMU is
     * hidden (every access traps and is UNDEFINED for the guest) unless shared; either way the
     * counters keep the host's split (HPMN) */
    XVCPU_A64_WRITE(MDCR_EL2, (a->host_mdcr & XVCPU_MDCR_EL2_HPMN_MASK) | XVCPU_MDCR_EL2_TDA |
                                  (a->pmu_shared ? 0 : XVCPU_MDCR_EL2_TPM | XVCPU_MDCR_EL2_TPMCR));
    XVCPU_A64_WRITE(VTTBR_EL2, xvcpu__a64_vttbr(vcpu));
    XVCPU_A64_WRITE(HCR_EL2, a->hcr);
    a->hcr_live = a->hcr;
    a->entry_work = true; /* the lines as the VMM left them while unbound */
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
#define XVCPU__A64_SWAP_OUT(name)                                                              \
    a->el1[XVCPU__A64_EL1_##name] = XVCPU_A64_READ(name);                                      \
    XVCPU_A64_WRITE(name, a->host_el1[XVCPU__A64_EL1_##name]);
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SWAP_OUT)
#undef XVCPU__A64_SWAP_OUT
    XVCPU_A64_FP_SAVE(&a->fp);
    XVCPU_A64_FP_RESTORE(&a->host_fp);
    XVCPU_A64_WRITE(HCR_EL2, a->host_hcr);
    XVCPU_A64_WRITE(CNTHCTL_EL2, a->host_cnthctl);
    XVCPU_A64_WRITE(CNTVOFF_EL2, a->host_cntvoff);
    XVCPU_A64_WRITE(CPTR_EL2, a->host_cptr);
    XVCPU_A64_WRITE(MDCR_EL2, a->host_mdcr);
    XVCPU_A64_WRITE(HSTR_EL2, a->host_hstr);
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static void xvcpu__a64_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    (void)vcpu; /* nothing allocated: the state lives in the vCPU */
}

/* --- guest registers --------------------------------------------------------------------------- */

static bool xvcpu__a64_bound(const xvcpu_vcpu *vcpu)
{
    return vcpu->cpu != NULL;
}

/* An EL1 register: the hardware's while bound, the saved copy otherwise. */
static uint64_t xvcpu__a64_el1_get(xvcpu_vcpu *vcpu, unsigned index)
{
    if (!xvcpu__a64_bound(vcpu))
        return vcpu->arch.arm64.el1[index];
    switch (index) {
#define XVCPU__A64_GET_CASE(name) case XVCPU__A64_EL1_##name: return XVCPU_A64_READ(name);
        XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_GET_CASE)
#undef XVCPU__A64_GET_CASE
    default: return 0;
    }
}

static void xvcpu__a64_el1_set(xvcpu_vcpu *vcpu, unsigned index, uint64_t value)
{
    if (!xvcpu__a64_bound(vcpu)) {
        vcpu->arch.arm64.el1[index] = value;
        return;
    }
    switch (index) {
#define XVCPU__A64_SET_CASE(name) case XVCPU__A64_EL1_##name: XVCPU_A64_WRITE(name, value); break;
        XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SET_CASE)
#undef XVCPU__A64_SET_CASE
    default: break;
    }
}

/* The EL1 register slot an xvcpu_arm64_get_reg number names, or -1. */
static int xvcpu__a64_reg_slot(unsigned reg)
{
    switch (reg) {
    case XVCPU_ARM64_SP_EL0: return XVCPU__A64_EL1_SP_EL0;
    case XVCPU_ARM64_SP_EL1: return XVCPU__A64_EL1_SP_EL1;
    case XVCPU_ARM64_ELR_EL1: return XVCPU__A64_EL1_ELR_EL1;
    case XVCPU_ARM64_SPSR_EL1: return XVCPU__A64_EL1_SPSR_EL1;
    case XVCPU_ARM64_ESR_EL1: return XVCPU__A64_EL1_ESR_EL1;
    case XVCPU_ARM64_FAR_EL1: return XVCPU__A64_EL1_FAR_EL1;
    case XVCPU_ARM64_VBAR_EL1: return XVCPU__A64_EL1_VBAR_EL1;
    case XVCPU_ARM64_SCTLR_EL1: return XVCPU__A64_EL1_SCTLR_EL1;
    case XVCPU_ARM64_TCR_EL1: return XVCPU__A64_EL1_TCR_EL1;
    case XVCPU_ARM64_TTBR0_EL1: return XVCPU__A64_EL1_TTBR0_EL1;
    case XVCPU_ARM64_MAIR_EL1: return XVCPU__A64_EL1_MAIR_EL1;
    default: return -1;
    }
}

static bool xvcpu__a64_vcpu_ok(const xvcpu_vcpu *vcpu)
{
    return xvcpu__vcpu_live(vcpu) && vcpu->backend == xvcpu_arm64_backend();
}

XVCPU_DEF xvcpu_err xvcpu_arm64_get_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t *value)
{
    int slot;
    if (!xvcpu__a64_vcpu_ok(vcpu) || value == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "xvcpu_arm64_get_reg: vCPU %u is Running",
                           vcpu->id);
    if (reg <= XVCPU_ARM64_X30) {
        *value = vcpu->arch.arm64.ctx.x[reg];
    } else if (reg == XVCPU_ARM64_PC) {
        *value = vcpu->arch.arm64.ctx.pc + vcpu->rip_advance;
    } else if (reg == XVCPU_ARM64_PSTATE) {
        *value = vcpu->arch.arm64.ctx.pstate;
    } else if ((slot = xvcpu__a64_reg_slot(reg)) >= 0) {
        *value = xvcpu__a64_el1_get(vcpu, (unsigned)slot);
    } else {
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_get_reg: vCPU %u: no register %u", vcpu->id, reg);
    }
    return XVCPU_OK;
}

/* Why a PSTATE cannot be the guest's, or NULL. The guest runs in AArch64 at EL1 or EL0
 * (HCR_EL2.RW = 1): an M of EL2 would make the ERET run the guest at the host's own level, and
 * an AArch32 state (M[4]) is refused rather than left to an illegal return (AArch32 EL1 cannot
 * exist under RW = 1; AArch32 EL0 is not supported). Arm ARM D1.2.4, D1.3.5. */
static const char *xvcpu__a64_pstate_refused(uint64_t pstate)
{
    uint64_t m = pstate & XVCPU_SPSR_EL2_M_MASK;
    if (pstate & XVCPU_SPSR_EL2_M4)
        return "is an AArch32 state (M[4] set); the arm64 backend runs AArch64 guests only";
    if (m != XVCPU_SPSR_EL2_M_EL0T && m != XVCPU_SPSR_EL2_M_EL1T && m != XVCPU_SPSR_EL2_M_EL1H)
        return "is not EL0t, EL1t or EL1h (the guest never runs at EL2 or above)";
    return NULL;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value)
{
    const char *why;
    int slot;
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "xvcpu_arm64_set_reg: vCPU %u is Running",
                           vcpu->id);
    if (reg <= XVCPU_ARM64_X30) {
        vcpu->arch.arm64.ctx.x[reg] = value;
    } else if (reg == XVCPU_ARM64_PC) {
        if (value & 3u)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "xvcpu_arm64_set_reg: vCPU %u: PC %llx is not 4-byte aligned", vcpu->id,
                               (unsigned long long)value);
        vcpu->arch.arm64.ctx.pc = value;
        vcpu->rip_advance = 0;
    } else if (reg == XVCPU_ARM64_PSTATE) {
        if ((why = xvcpu__a64_pstate_refused(value)) != NULL)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "xvcpu_arm64_set_reg: vCPU %u: PSTATE %llx %s", vcpu->id, (unsigned long long)value,
                               why);
        vcpu->arch.arm64.ctx.pstate = value & ~XVCPU_SPSR_EL2_RES0;
    } else if ((slot = xvcpu__a64_reg_slot(reg)) >= 0) {
        xvcpu__a64_el1_set(vcpu, (unsigned)slot, value);
    } else {
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_set_reg: vCPU %u: no register %u", vcpu->id, reg);
    }
    return XVCPU_OK;
}

/* The neutral get/set: RIP is the PC, RFLAGS is PSTATE; the x86 registers do not exist here. */
static xvcpu_err xvcpu__a64_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    if (reg == XVCPU_REG_RIP)
        return xvcpu_arm64_get_reg(vcpu, XVCPU_ARM64_PC, value);
    if (reg == XVCPU_REG_RFLAGS)
        return xvcpu_arm64_get_reg(vcpu, XVCPU_ARM64_PSTATE, value);
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                       "xvcpu_vcpu_get_reg: vCPU %u: register %u is x86's; use xvcpu_arm64_get_reg", vcpu->id,
                       (unsigned)reg);
}

static xvcpu_err xvcpu__a64_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    if (reg == XVCPU_REG_RIP)
        return xvcpu_arm64_set_reg(vcpu, XVCPU_ARM64_PC, value);
    if (reg == XVCPU_REG_RFLAGS)
        return xvcpu_arm64_set_reg(vcpu, XVCPU_ARM64_PSTATE, value);
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                       "xvcpu_vcpu_set_reg: vCPU %u: register %u is x86's; use xvcpu_arm64_set_reg", vcpu->id,
                       (unsigned)reg);
}

/* Xn as an instruction reads it: 31 is XZR in loads/stores' data registers and MSR/MRS. */
static uint64_t xvcpu__a64_xreg(const xvcpu_vcpu *vcpu, unsigned n)
{
    return n < 31 ? vcpu->arch.arm64.ctx.x[n] : 0;
}

/* Write Xn (XZR discards); a W destination zero-extends (Arm ARM B1.2.1). */
static void xvcpu__a64_xreg_write(xvcpu_vcpu *vcpu, unsigned n, unsigned width, uint64_t value)
{
    if (n >= 31)
        return;
    vcpu->arch.arm64.ctx.x[n] = width == 4 ? (value & 0xFFFFFFFFull) : value;
}

/* --- injection --------------------------------------------------------------------------------- */

XVCPU_DEF xvcpu_err xvcpu_arm64_inject_sync(xvcpu_vcpu *vcpu, uint32_t esr, uint64_t far)
{
    xvcpu_arm64_vcpu *a;
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    a = &vcpu->arch.arm64;
    if (a->sync_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_arm64_inject_sync: vCPU %u already has a synchronous exception pending", vcpu->id);
    a->sync_pending = a->entry_work = true;
    a->sync_esr = esr;
    a->sync_far = far;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_inject_undef(xvcpu_vcpu *vcpu)
{
    return xvcpu_arm64_inject_sync(vcpu, XVCPU__A64_ESR_UNDEF, 0);
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_irq_line(xvcpu_vcpu *vcpu, bool asserted)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    vcpu->arch.arm64.virq = asserted;
    vcpu->arch.arm64.entry_work = true;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_fiq_line(xvcpu_vcpu *vcpu, bool asserted)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    vcpu->arch.arm64.vfiq = asserted;
    vcpu->arch.arm64.entry_work = true;
    return XVCPU_OK;
}

/* Exception entry to EL1 (Arm ARM D1.3.1): the vector group by where the guest was. */
static void xvcpu__a64_deliver_sync(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t spsr = a->ctx.pstate, mode = spsr & (XVCPU_SPSR_EL2_M_MASK | XVCPU_SPSR_EL2_M4);
    uint64_t from;
    if (spsr & XVCPU_SPSR_EL2_M4)
        from = XVCPU_ARM64_VECTOR_FROM_LOWER_A32;
    else if (mode == XVCPU_SPSR_EL2_M_EL0T)
        from = XVCPU_ARM64_VECTOR_FROM_LOWER_A64;
    else if (mode == XVCPU_SPSR_EL2_M_EL1H)
        from = XVCPU_ARM64_VECTOR_FROM_CUR_SPX;
    else
        from = XVCPU_ARM64_VECTOR_FROM_CUR_SP0;
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_ESR_EL1, a->sync_esr);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_FAR_EL1, a->sync_far);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_ELR_EL1, a->ctx.pc);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_SPSR_EL1, spsr);
    a->ctx.pc = xvcpu__a64_el1_get(vcpu, XVCPU__A64_EL1_VBAR_EL1) + from + XVCPU_ARM64_VECTOR_TYPE_SYNC;
    a->ctx.pstate = XVCPU__A64_PSTATE_EL1H_MASKED;
    a->sync_pending = false;
}

/* --- VMM settings -------------------------------------------------------------------------------- */

static bool xvcpu__a64_id_encoding(uint32_t sysreg)
{
    uint32_t crm = (sysreg >> 3) & 0xF;
    return (sysreg >> 7) == ((3u << 7) | 0u) && crm >= 1 && crm <= 7; /* op0 3, op1 0, CRn 0 */
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_id_reg(xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t value)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!xvcpu__a64_id_encoding(sysreg))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_set_id_reg: vCPU %u: %x is not an ID register (op0 3, op1 0, CRn 0, CRm 1-7)",
                           vcpu->id, sysreg);
    vcpu->arch.arm64.id_regs[XVCPU_ARM64_ID_SLOT(sysreg)] = value;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_get_id_reg(const xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t *value)
{
    if (!xvcpu__a64_vcpu_ok(vcpu) || value == NULL || !xvcpu__a64_id_encoding(sysreg))
        return XVCPU_ERR_INVALID_ARG;
    *value = vcpu->arch.arm64.id_regs[XVCPU_ARM64_ID_SLOT(sysreg)];
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_before_bind(xvcpu_vcpu *vcpu, const char *fn)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state != XVCPU_STATE_CREATED && vcpu->state != XVCPU_STATE_FREE)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs Created or Free",
                           fn, vcpu->id, xvcpu_state_name(vcpu->state));
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_timer(xvcpu_vcpu *vcpu, uint64_t cntvoff, bool physical_counter,
                                          bool physical_timer)
{
    xvcpu_err err = xvcpu__a64_before_bind(vcpu, "xvcpu_arm64_set_timer");
    if (err != XVCPU_OK)
        return err;
    vcpu->arch.arm64.cntvoff = cntvoff;
    vcpu->arch.arm64.cnthctl = (physical_counter ? XVCPU_CNTHCTL_EL2_EL1PCTEN : 0) |
                               (physical_timer ? XVCPU_CNTHCTL_EL2_EL1PCEN : 0);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_pmu(xvcpu_vcpu *vcpu, bool share)
{
    xvcpu_err err = xvcpu__a64_before_bind(vcpu, "xvcpu_arm64_set_pmu");
    if (err != XVCPU_OK)
        return err;
    xvcpu__a64_pmu_view(&vcpu->arch.arm64, share);
    return XVCPU_OK;
}

#ifdef XVCPU_ARM64_DEBUG_HOOKS
XVCPU_DEF xvcpu_err xvcpu_arm64_debug_fault_at_el2(xvcpu_vcpu *vcpu, uint64_t addr)
{
    if (!xvcpu__a64_vcpu_ok(vcpu) || vcpu->state == XVCPU_STATE_RUNNING)
        return XVCPU_ERR_INVALID_ARG;
    vcpu->arch.arm64.debug_el2_load = addr;
    return XVCPU_OK;
}
#endif

XVCPU_DEF xvcpu_err xvcpu_arm64_add_mmio_device(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size, xvcpu_mmio_device_fn fn,
                                                void *device)
{
    static const char name[] = "xvcpu_arm64_add_mmio_device";
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (fn == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: the device function is NULL",
                           name, vcpu->id);
    return xvcpu__add_mmio_region(vcpu, name, gpa, size, fn, device);
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_mpidr(xvcpu_vcpu *vcpu, uint64_t mpidr)
{
    xvcpu_err err = xvcpu__a64_before_bind(vcpu, "xvcpu_arm64_set_mpidr");
    if (err != XVCPU_OK)
        return err;
    vcpu->arch.arm64.vmpidr = (mpidr & ~XVCPU_MPIDR_EL1_RES0) | XVCPU_MPIDR_EL1_RES1;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_stage2_init(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    if (s2 == NULL || !xvcpu__percpu_ok(cpu) || !cpu->enabled || cpu->backend != xvcpu_arm64_backend())
        return XVCPU_ERR_INVALID_ARG;
    return xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_ARM64, XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G, false);
}
