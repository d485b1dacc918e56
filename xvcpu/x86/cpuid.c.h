/* CPUID virtualization: a table computed at setup from the host's answers, filtered so the guest
 * sees a single-CPU, hypervisor-marked machine without VMX/SVM, and a few answers that follow the
 * guest's own state (OSXSAVE, OSPKE, XSAVE sizes) fixed up at lookup. */

#define XVCPU__CPUID_MAX_BASIC 0x1Fu
#define XVCPU__CPUID_MAX_EXT 0x80000008u
#define XVCPU__CPUID_HV_BASE 0x40000000u

/* The guest's XCR0 changes (XSETBV, setup) or the host's is read (bind): whether entries switch
 * XCR0 is decided here, not before every entry. */
static inline void xvcpu__x86_set_xcr0(xvcpu_vcpu *vcpu, uint64_t xcr0)
{
    vcpu->x86.xcr0 = xcr0;
    vcpu->x86.xcr0_switch = vcpu->x86.xcr0_allowed != XVCPU_XCR0_X87 && vcpu->x86.host_xcr0 != xcr0;
}

#define XVCPU__CPUID_NONE 0xFF /* x86->cpuid_first[]: no entry for this leaf */
XVCPU_STATIC_ASSERT(XVCPU_CPUID_MAX_ENTRIES < XVCPU__CPUID_NONE, cpuid_first_holds_every_index);

XVCPU__HOT xvcpu_cpuid_entry *xvcpu__cpuid_find(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf)
{
    unsigned i = 0;
    if (leaf < 32) { /* the basic leaves, the ones guests ask most, start at their first entry */
        i = x86->cpuid_first[leaf];
        if (i == XVCPU__CPUID_NONE)
            return NULL;
        if (__builtin_expect(!(x86->cpuid[i].flags & XVCPU_CPUID_SUBLEAF), 1))
            return &x86->cpuid[i];
    }
    for (; i < x86->cpuid_count; i++) {
        xvcpu_cpuid_entry *e = &x86->cpuid[i];
        if (e->leaf == leaf && (!(e->flags & XVCPU_CPUID_SUBLEAF) || e->subleaf == subleaf))
            return e;
    }
    return NULL;
}

/* --- the feature table ------------------------------------------------------------------------
 * One row per CPUID feature bit that decides more than CPUID's answer: the CR4 bits MOV to CR4
 * may set (SDM Vol. 3A 2.5 and the CPUID bit each CR4 bit names; APM Vol. 2 3.1.3), the EFER bits
 * WRMSR may set (SDM Vol. 4 Table 2-2 IA32_EFER, APM Vol. 2 3.1.7) and the MSRs that exist (SDM
 * Vol. 4 Table 2-2). Both the guest's view (what CPUID answers) and the access rules are read from
 * here, so they cannot disagree: a CR4 or EFER bit, or a listed MSR, is there exactly when a row
 * naming it has its CPUID bit shown. CR4 bits no row names (PCE aside, which needs no feature)
 * are never the guest's. */
typedef struct xvcpu__x86_feature {
    uint32_t leaf;
    uint8_t subleaf, reg; /* reg: 0 EAX, 1 EBX, 2 ECX, 3 EDX */
    uint32_t bit;
    uint64_t cr4, efer;
    uint32_t msr[2];      /* the MSRs it brings; 0 = none */
} xvcpu__x86_feature;

#define XVCPU__F1D(b) 1, 0, 3, (uint32_t)XVCPU_CPUID_01_EDX_##b
#define XVCPU__F1C(b) 1, 0, 2, (uint32_t)XVCPU_CPUID_01_ECX_##b
#define XVCPU__F7B(b) 7, 0, 1, (uint32_t)XVCPU_CPUID_07_0_EBX_##b
#define XVCPU__F7C(b) 7, 0, 2, (uint32_t)XVCPU_CPUID_07_0_ECX_##b
#define XVCPU__F7D(b) 7, 0, 3, (uint32_t)XVCPU_CPUID_07_0_EDX_##b
#define XVCPU__F81C(b) 0x80000001u, 0, 2, (uint32_t)XVCPU_CPUID_80000001_ECX_##b
#define XVCPU__F81D(b) 0x80000001u, 0, 3, (uint32_t)XVCPU_CPUID_80000001_EDX_##b
static const xvcpu__x86_feature xvcpu__x86_features[] = {
    { XVCPU__F1D(VME), XVCPU_CR4_VME | XVCPU_CR4_PVI, 0, { 0, 0 } },
    { XVCPU__F1D(DE), XVCPU_CR4_DE, 0, { 0, 0 } },
    { XVCPU__F1D(PSE), XVCPU_CR4_PSE, 0, { 0, 0 } },
    { XVCPU__F1D(TSC), XVCPU_CR4_TSD, 0, { XVCPU_MSR_IA32_TSC, 0 } },
    { XVCPU__F1D(PAE), XVCPU_CR4_PAE, 0, { 0, 0 } },
    { XVCPU__F1D(MCE), XVCPU_CR4_MCE, 0, { 0, 0 } },
    { XVCPU__F1D(APIC), 0, 0, { XVCPU_MSR_IA32_APIC_BASE, 0 } },
    { XVCPU__F1D(MTRR), 0, 0, { XVCPU_MSR_IA32_MTRRCAP, XVCPU_MSR_IA32_MTRR_DEF_TYPE } },
    { XVCPU__F1D(PGE), XVCPU_CR4_PGE, 0, { 0, 0 } },
    { XVCPU__F1D(PAT), 0, 0, { XVCPU_MSR_IA32_PAT, 0 } },
    { XVCPU__F1D(FXSR), XVCPU_CR4_OSFXSR, 0, { 0, 0 } },
    { XVCPU__F1D(SSE), XVCPU_CR4_OSXMMEXCPT, 0, { 0, 0 } },
    { XVCPU__F1C(VMX), XVCPU_CR4_VMXE, 0, { 0, 0 } },
    { XVCPU__F1C(SMX), XVCPU_CR4_SMXE, 0, { 0, 0 } },
    { XVCPU__F1C(PCID), XVCPU_CR4_PCIDE, 0, { 0, 0 } },
    { XVCPU__F1C(TSC_DEADLINE), 0, 0, { XVCPU_MSR_IA32_TSC_DEADLINE, 0 } },
    { XVCPU__F1C(XSAVE), XVCPU_CR4_OSXSAVE, 0, { 0, 0 } },
    { XVCPU__F7B(FSGSBASE), XVCPU_CR4_FSGSBASE, 0, { 0, 0 } },
    { XVCPU__F7B(SMEP), XVCPU_CR4_SMEP, 0, { 0, 0 } },
    { XVCPU__F7B(SMAP), XVCPU_CR4_SMAP, 0, { 0, 0 } },
    { XVCPU__F7C(UMIP), XVCPU_CR4_UMIP, 0, { 0, 0 } },
    { XVCPU__F7C(PKU), XVCPU_CR4_PKE, 0, { 0, 0 } },
    { XVCPU__F7C(CET_SS), XVCPU_CR4_CET, 0, { 0, 0 } },
    { XVCPU__F7D(CET_IBT), XVCPU_CR4_CET, 0, { 0, 0 } },
    { XVCPU__F7C(LA57), XVCPU_CR4_LA57, 0, { 0, 0 } },
    { XVCPU__F7C(RDPID), 0, 0, { XVCPU_MSR_IA32_TSC_AUX, 0 } },
    { XVCPU__F7C(KL), XVCPU_CR4_KL, 0, { 0, 0 } },
    { XVCPU__F7C(PKS), XVCPU_CR4_PKS, 0, { 0, 0 } },
    { XVCPU__F7D(UINTR), XVCPU_CR4_UINTR, 0, { 0, 0 } },
    { XVCPU__F81C(TCE), 0, XVCPU_IA32_EFER_TCE, { 0, 0 } },
    { XVCPU__F81D(SYSCALL), 0, XVCPU_IA32_EFER_SCE, { 0, 0 } },
    { XVCPU__F81D(NX), 0, XVCPU_IA32_EFER_NXE, { 0, 0 } },
    { XVCPU__F81D(FFXSR), 0, XVCPU_IA32_EFER_FFXSR, { 0, 0 } },
    { XVCPU__F81D(RDTSCP), 0, 0, { XVCPU_MSR_IA32_TSC_AUX, 0 } },
    { XVCPU__F81D(LM), 0, XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA, { 0, 0 } },
};
#undef XVCPU__F1D
#undef XVCPU__F1C
#undef XVCPU__F7B
#undef XVCPU__F7C
#undef XVCPU__F7D
#undef XVCPU__F81C
#undef XVCPU__F81D
#define XVCPU__X86_FEATURE_COUNT (sizeof(xvcpu__x86_features) / sizeof(xvcpu__x86_features[0]))

/* Whether the guest's view shows CPUID.(leaf, subleaf):reg[bit]: the leaf exists in the table
 * and within the highest basic/extended leaf the view reports. */
static bool xvcpu__x86_view_has(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf, unsigned reg, uint32_t bit)
{
    const xvcpu_cpuid_entry *e;
    uint32_t r;
    if ((leaf < XVCPU__CPUID_HV_BASE && leaf > x86->cpuid_max_basic) ||
        (leaf >= 0x80000000u && leaf > x86->cpuid_max_ext))
        return false;
    if ((e = xvcpu__cpuid_find(x86, leaf, subleaf)) == NULL)
        return false;
    r = reg == 0 ? e->eax : reg == 1 ? e->ebx : reg == 2 ? e->ecx : e->edx;
    return (r & bit) != 0;
}

static bool xvcpu__x86_feature_shown(xvcpu_x86_state *x86, const xvcpu__x86_feature *f)
{
    return xvcpu__x86_view_has(x86, f->leaf, f->subleaf, f->reg, f->bit);
}

/* Whether MSR `msr` is in the table's list of `f`. */
static bool xvcpu__x86_feature_has_msr(const xvcpu__x86_feature *f, uint32_t msr)
{
    return msr != 0 && (f->msr[0] == msr || f->msr[1] == msr);
}

/* Recompute what the view enables (at setup and whenever the VMM changes an entry; never per
 * exit): the CR4 and EFER bits any shown row names, and the listed MSRs no shown row names. */
/* Leaves whose answer depends on the guest's state (xvcpu__cpuid_lookup's last part). */
#define XVCPU__CPUID_DYNAMIC_LEAVES ((1u << 1) | (1u << 7) | (1u << 0xB) | (1u << 0xD) | (1u << 0x1F))

/* The basic leaves xvcpu__cpuid_lookup can answer straight from their entry (cpuid_fast). */
static void xvcpu__cpuid_index_fast(xvcpu_x86_state *x86)
{
    unsigned leaf;
    for (leaf = 0; leaf < 32; leaf++) {
        unsigned i = x86->cpuid_first[leaf];
        bool fast = leaf <= x86->cpuid_max_basic && i != XVCPU__CPUID_NONE &&
                    !(x86->cpuid[i].flags & XVCPU_CPUID_SUBLEAF) && !((1u << leaf) & XVCPU__CPUID_DYNAMIC_LEAVES);
        x86->cpuid_fast[leaf] = fast ? (uint8_t)i : (uint8_t)XVCPU__CPUID_NONE;
    }
}

/* After any change to the table: what CPUID answers fast, and what the view enables. */
static void xvcpu__x86_view_update(xvcpu_x86_state *x86)
{
    unsigned i, j, k;
    xvcpu__cpuid_index_fast(x86);
    x86->cr4_view = XVCPU_CR4_PCE; /* RDPMC at CPL > 0: no CPUID bit (SDM Vol. 3A 2.5) */
    x86->efer_view = 0;
    x86->msr_hidden_count = 0;
    for (i = 0; i < XVCPU__X86_FEATURE_COUNT; i++) {
        if (xvcpu__x86_feature_shown(x86, &xvcpu__x86_features[i])) {
            x86->cr4_view |= xvcpu__x86_features[i].cr4;
            x86->efer_view |= xvcpu__x86_features[i].efer;
        }
    }
    for (i = 0; i < XVCPU__X86_FEATURE_COUNT; i++) {
        for (j = 0; j < 2; j++) {
            uint32_t msr = xvcpu__x86_features[i].msr[j];
            bool shown = false, listed = false;
            if (msr == 0)
                continue;
            for (k = 0; k < XVCPU__X86_FEATURE_COUNT && !shown; k++)
                shown = xvcpu__x86_feature_has_msr(&xvcpu__x86_features[k], msr) &&
                        xvcpu__x86_feature_shown(x86, &xvcpu__x86_features[k]);
            for (k = 0; k < x86->msr_hidden_count && !listed; k++)
                listed = x86->msr_hidden[k] == msr;
            if (!shown && !listed && x86->msr_hidden_count < XVCPU__X86_MSR_HIDDEN_MAX)
                x86->msr_hidden[x86->msr_hidden_count++] = msr;
        }
    }
}

/* Whether the view hides MSR `msr` (one the table lists, with no row of it shown): the access
 * is #GP, as on a CPU without the feature. A short list, usually empty. */
static bool xvcpu__x86_msr_hidden(const xvcpu_x86_state *x86, uint32_t msr)
{
    unsigned i;
    for (i = 0; i < x86->msr_hidden_count; i++)
        if (x86->msr_hidden[i] == msr)
            return true;
    return false;
}

static xvcpu_cpuid_entry *xvcpu__cpuid_put(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf, uint32_t flags,
                                           const uint32_t r[4])
{
    xvcpu_cpuid_entry *e = xvcpu__cpuid_find(x86, leaf, subleaf);
    if (e == NULL) {
        if (x86->cpuid_count == XVCPU_CPUID_MAX_ENTRIES)
            return NULL;
        if (leaf < 32 && x86->cpuid_first[leaf] == XVCPU__CPUID_NONE)
            x86->cpuid_first[leaf] = (uint8_t)x86->cpuid_count;
        e = &x86->cpuid[x86->cpuid_count++];
    }
    e->leaf = leaf;
    e->subleaf = subleaf;
    e->flags = flags;
    e->eax = r[0];
    e->ebx = r[1];
    e->ecx = r[2];
    e->edx = r[3];
    return e;
}

/* The host's answer, copied into the table as is. */
static xvcpu_cpuid_entry *xvcpu__cpuid_copy(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf, uint32_t flags)
{
    uint32_t r[4];
    XVCPU_CPUID(leaf, subleaf, r);
    return xvcpu__cpuid_put(x86, leaf, subleaf, flags, r);
}

#define XVCPU__CLEAR(reg, bits) ((reg) &= ~(uint32_t)(bits))

/* Hide every feature whose CR4 or EFER bits the backend cannot give the guest (`cr4_ok`,
 * `efer_ok`: VMX's fixed-1 bits, SVM's CPU; e.g. EFER.FFXSR on VMX): the view then never promises
 * a bit MOV to CR4 or WRMSR would refuse. */
static void xvcpu__x86_view_fit(xvcpu_x86_state *x86, uint64_t cr4_ok, uint64_t efer_ok)
{
    unsigned i;
    for (i = 0; i < XVCPU__X86_FEATURE_COUNT; i++) {
        const xvcpu__x86_feature *f = &xvcpu__x86_features[i];
        xvcpu_cpuid_entry *e;
        if ((f->cr4 & ~cr4_ok) == 0 && (f->efer & ~(efer_ok | XVCPU_IA32_EFER_LMA)) == 0)
            continue;
        if ((e = xvcpu__cpuid_find(x86, f->leaf, f->subleaf)) == NULL)
            continue;
        if (f->reg == 0) XVCPU__CLEAR(e->eax, f->bit);
        else if (f->reg == 1) XVCPU__CLEAR(e->ebx, f->bit);
        else if (f->reg == 2) XVCPU__CLEAR(e->ecx, f->bit);
        else XVCPU__CLEAR(e->edx, f->bit);
    }
}

/* `cr4_ok`, `efer_ok`: the CR4 and EFER bits the backend can let the guest own. */
static xvcpu_err xvcpu__x86_cpuid_setup(xvcpu_vcpu *vcpu, uint32_t proc2, uint64_t cr4_ok, uint64_t efer_ok)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    uint32_t r[4], max_basic, max_ext, sub;
    bool host_xsave = (XVCPU_READ_CR4() & XVCPU_CR4_OSXSAVE) != 0;
    xvcpu_cpuid_entry *e;
    static const char sig[13] = XVCPU_CPUID_SIGNATURE;

    x86->cpuid_count = 0;
    XVCPU_MEMSET(x86->cpuid_first, XVCPU__CPUID_NONE, sizeof(x86->cpuid_first));
    XVCPU_CPUID(0, 0, r);
    max_basic = r[0] < XVCPU__CPUID_MAX_BASIC ? r[0] : XVCPU__CPUID_MAX_BASIC;
    r[0] = max_basic;
    xvcpu__cpuid_put(x86, 0, 0, 0, r);

    /* Leaf 1: one logical processor with APIC ID = vCPU id; no VMX/SMX, monitor, debug store,
     * thermal, MCE/MCA; the hypervisor bit set. */
    e = xvcpu__cpuid_copy(x86, 1, 0, 0);
    e->ebx = (e->ebx & 0x0000FFFFu) | (1u << 16) | (vcpu->id << 24);
    XVCPU__CLEAR(e->ecx, XVCPU_CPUID_01_ECX_VMX | XVCPU_CPUID_01_ECX_SMX | XVCPU_CPUID_01_ECX_MONITOR |
                             XVCPU_CPUID_01_ECX_DTES64 | XVCPU_CPUID_01_ECX_DS_CPL | XVCPU_CPUID_01_ECX_EST |
                             XVCPU_CPUID_01_ECX_TM2 | XVCPU_CPUID_01_ECX_PDCM | XVCPU_CPUID_01_ECX_OSXSAVE);
    if (!host_xsave)
        XVCPU__CLEAR(e->ecx, XVCPU_CPUID_01_ECX_XSAVE | XVCPU_CPUID_01_ECX_AVX);
    e->ecx |= (uint32_t)XVCPU_CPUID_01_ECX_HYPERVISOR;
    XVCPU__CLEAR(e->edx, XVCPU_CPUID_01_EDX_MCE | XVCPU_CPUID_01_EDX_MCA | XVCPU_CPUID_01_EDX_HTT |
                             XVCPU_CPUID_01_EDX_DS | XVCPU_CPUID_01_EDX_ACPI | XVCPU_CPUID_01_EDX_TM |
                             XVCPU_CPUID_01_EDX_PBE);
    if (max_basic >= 2)
        xvcpu__cpuid_copy(x86, 2, 0, 0);
    for (sub = 0; max_basic >= 4 && sub < 8; sub++) { /* caches: no sharing, one core */
        e = xvcpu__cpuid_copy(x86, 4, sub, XVCPU_CPUID_SUBLEAF);
        if (e == NULL || (e->eax & 0x1F) == 0)
            break;
        e->eax &= 0x00003FFFu;
    }
    if (max_basic >= 7) {
        XVCPU_CPUID(7, 0, r);
        for (sub = 0; sub <= r[0] && sub < 3; sub++) {
            e = xvcpu__cpuid_copy(x86, 7, sub, XVCPU_CPUID_SUBLEAF);
            if (e != NULL && sub == 1) /* LASS (EAX bit 6), FRED (17), LAM (26): no row enables their CR4 bits */
                XVCPU__CLEAR(e->eax, (1u << 6) | (1u << 17) | (1u << 26));
            if (e == NULL || sub != 0)
                continue;
            /* TSC_ADJUST: the library has no TSC offset to adjust (the guest's TSC is the host's) */
            XVCPU__CLEAR(e->ebx, XVCPU_CPUID_07_0_EBX_SGX | XVCPU_CPUID_07_0_EBX_INTEL_PT | XVCPU_CPUID_07_0_EBX_TSC_ADJUST);
            if ((proc2 & XVCPU_PROC2_ENABLE_INVPCID) == 0)
                XVCPU__CLEAR(e->ebx, XVCPU_CPUID_07_0_EBX_INVPCID);
            XVCPU__CLEAR(e->ecx, XVCPU_CPUID_07_0_ECX_WAITPKG | XVCPU_CPUID_07_0_ECX_SGX_LC | XVCPU_CPUID_07_0_ECX_OSPKE);
            /* CET, protection keys for supervisor pages, Key Locker and user interrupts need MSRs
             * or state nothing here switches (IA32_S_CET/PL*_SSP, IA32_PKRS, IWKey, UINTR MSRs):
             * hidden, so their CR4 bits #GP (the feature table) */
            XVCPU__CLEAR(e->ecx, XVCPU_CPUID_07_0_ECX_CET_SS | XVCPU_CPUID_07_0_ECX_PKS | XVCPU_CPUID_07_0_ECX_KL);
            XVCPU__CLEAR(e->edx, XVCPU_CPUID_07_0_EDX_CET_IBT | XVCPU_CPUID_07_0_EDX_UINTR);
            if ((proc2 & XVCPU_PROC2_ENABLE_RDTSCP) == 0) /* RDPID needs it too (SDM Vol. 3C 26.3) */
                XVCPU__CLEAR(e->ecx, XVCPU_CPUID_07_0_ECX_RDPID);
            /* speculation controls need IA32_SPEC_CTRL/ARCH_CAPABILITIES, which are not virtualized */
            XVCPU__CLEAR(e->edx, XVCPU_CPUID_07_0_EDX_IBRS_IBPB | XVCPU_CPUID_07_0_EDX_STIBP |
                                     XVCPU_CPUID_07_0_EDX_L1D_FLUSH | XVCPU_CPUID_07_0_EDX_ARCH_CAPABILITIES |
                                     XVCPU_CPUID_07_0_EDX_CORE_CAPABILITIES | XVCPU_CPUID_07_0_EDX_SSBD);
        }
    }
    /* Topology leaves 0xB/0x1F: one thread, one core, x2APIC ID = vCPU id. */
    for (sub = 0; sub < 2; sub++) {
        uint32_t t[4] = { 0, 1, sub | ((sub + 1) << 8), vcpu->id };
        if (max_basic >= 0xB)
            xvcpu__cpuid_put(x86, 0xB, sub, XVCPU_CPUID_SUBLEAF, t);
        if (max_basic >= 0x1F)
            xvcpu__cpuid_put(x86, 0x1F, sub, XVCPU_CPUID_SUBLEAF, t);
    }
    /* XSAVE (leaf 0xD): the user state components the guest may enable; no supervisor state. */
    x86->xcr0_allowed = XVCPU_XCR0_X87;
    xvcpu__x86_set_xcr0(vcpu, XVCPU_XCR0_X87);
    if (max_basic >= 0xD && host_xsave) {
        e = xvcpu__cpuid_copy(x86, 0xD, 0, XVCPU_CPUID_SUBLEAF);
        if (e != NULL) {
            uint64_t allowed = XVCPU_XCR0_X87 | XVCPU_XCR0_SSE | XVCPU_XCR0_AVX | XVCPU_XCR0_BNDREGS |
                               XVCPU_XCR0_BNDCSR | XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 |
                               XVCPU_XCR0_HI16_ZMM | XVCPU_XCR0_PKRU;
            /* only what the host enabled too: its XCR0 is in force when unbind saves the state */
            x86->xcr0_allowed = (((uint64_t)e->edx << 32) | e->eax) & allowed & XVCPU_XGETBV(0);
            e->eax = (uint32_t)x86->xcr0_allowed;
            e->edx = (uint32_t)(x86->xcr0_allowed >> 32);
        }
        e = xvcpu__cpuid_copy(x86, 0xD, 1, XVCPU_CPUID_SUBLEAF);
        if (e != NULL) {
            XVCPU__CLEAR(e->eax, XVCPU_CPUID_0D_1_EAX_XSAVES);
            e->ecx = e->edx = 0;
        }
        for (sub = 2; sub < 10; sub++)
            if (x86->xcr0_allowed & (1ull << sub))
                xvcpu__cpuid_copy(x86, 0xD, sub, XVCPU_CPUID_SUBLEAF);
    }
    if (max_basic >= 0x15)
        xvcpu__cpuid_copy(x86, 0x15, 0, 0);
    if (max_basic >= 0x16)
        xvcpu__cpuid_copy(x86, 0x16, 0, 0);
    x86->cpuid_max_basic = max_basic;

    /* Hypervisor leaves. */
    r[0] = XVCPU__CPUID_HV_BASE + 1;
    XVCPU_MEMCPY(&r[1], sig, 12);
    xvcpu__cpuid_put(x86, XVCPU__CPUID_HV_BASE, 0, 0, r);
    r[0] = r[1] = r[2] = r[3] = 0;
    xvcpu__cpuid_put(x86, XVCPU__CPUID_HV_BASE + 1, 0, 0, r);

    /* Extended leaves, without SVM and without RDTSCP unless the CPU lets the guest run it. */
    XVCPU_CPUID(0x80000000u, 0, r);
    max_ext = r[0] < XVCPU__CPUID_MAX_EXT ? r[0] : XVCPU__CPUID_MAX_EXT;
    r[0] = max_ext;
    xvcpu__cpuid_put(x86, 0x80000000u, 0, 0, r);
    for (sub = 0x80000001u; sub <= max_ext; sub++) {
        e = xvcpu__cpuid_copy(x86, sub, 0, 0);
        if (e == NULL)
            break;
        if (sub == 0x80000001u) {
            /* nor AMD features whose MSRs or instructions nothing here virtualizes: MONITORX/MWAITX
             * (like MONITOR), OSVW, IBS, SKINIT, the watchdog, LWP, the extended APIC space,
             * TOPOEXT (leaf 0x8000001E is beyond the view) and the extra performance counters */
            XVCPU__CLEAR(e->ecx, XVCPU_CPUID_80000001_ECX_SVM | XVCPU_CPUID_80000001_ECX_MONITORX |
                                     XVCPU_CPUID_80000001_ECX_OSVW | XVCPU_CPUID_80000001_ECX_IBS |
                                     XVCPU_CPUID_80000001_ECX_SKINIT | XVCPU_CPUID_80000001_ECX_WDT |
                                     XVCPU_CPUID_80000001_ECX_LWP | XVCPU_CPUID_80000001_ECX_EXTAPIC |
                                     XVCPU_CPUID_80000001_ECX_TOPOEXT | XVCPU_CPUID_80000001_ECX_PERFCTR_CORE |
                                     XVCPU_CPUID_80000001_ECX_PERFCTR_NB | XVCPU_CPUID_80000001_ECX_DATA_BP_EXT |
                                     XVCPU_CPUID_80000001_ECX_PERF_TSC | XVCPU_CPUID_80000001_ECX_PERFCTR_LLC);
            if ((proc2 & XVCPU_PROC2_ENABLE_RDTSCP) == 0)
                XVCPU__CLEAR(e->edx, XVCPU_CPUID_80000001_EDX_RDTSCP);
        } else if (sub == 0x80000008u) {
            e->ecx = 0; /* one core */
        }
    }
    x86->cpuid_max_ext = max_ext;
    xvcpu__x86_view_fit(x86, cr4_ok, efer_ok);
    xvcpu__x86_view_update(x86);
    if (x86->cpuid_count == XVCPU_CPUID_MAX_ENTRIES)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_setup: vCPU %u: the CPUID table (%u entries) is full", vcpu->id,
                           (unsigned)XVCPU_CPUID_MAX_ENTRIES);
    return XVCPU_OK;
}

/* XSAVE area size for the components in `xcr0` (CPUID.0xD.0:EBX semantics). */
static uint32_t xvcpu__xsave_size(xvcpu_x86_state *x86, uint64_t xcr0)
{
    uint32_t size = 576, i; /* legacy area + header */
    for (i = 2; i < 10; i++) {
        const xvcpu_cpuid_entry *e;
        if (!(xcr0 & (1ull << i)) || (e = xvcpu__cpuid_find(x86, 0xD, i)) == NULL)
            continue;
        if (e->ebx + e->eax > size)
            size = e->ebx + e->eax;
    }
    return size;
}

/* The guest's answer for (leaf, subleaf), as EAX, EBX, ECX, EDX zero-extended (what CPUID
 * leaves in RAX..RDX). `cr4` is the guest's CR4 as it sees it. Out of line: the hot path is
 * xvcpu__cpuid_lookup's. */
static __attribute__((__noinline__)) void xvcpu__cpuid_answer(xvcpu_vcpu *vcpu, uint32_t leaf, uint32_t subleaf,
                                                              uint64_t cr4, uint64_t out[4])
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    const xvcpu_cpuid_entry *e;
    /* Beyond the highest basic or extended leaf, Intel answers with the highest basic leaf
     * (SDM Vol. 2A CPUID, "INPUT EAX = 0"); the hypervisor range has no limit. One compare
     * decides the common case: cpuid_max_basic is below the hypervisor range. */
    if (leaf > x86->cpuid_max_basic &&
        (leaf < XVCPU__CPUID_HV_BASE || (leaf >= 0x80000000u && leaf > x86->cpuid_max_ext)))
        leaf = x86->cpuid_max_basic, subleaf = 0;
    e = xvcpu__cpuid_find(x86, leaf, subleaf);
    out[0] = out[1] = out[2] = out[3] = 0;
    if (e != NULL) {
        out[0] = e->eax;
        out[1] = e->ebx;
        out[2] = e->ecx;
        out[3] = e->edx;
    }
    /* leaves 1, 7, 0xB, 0xD and 0x1F depend on the guest's state: one test for all the others */
    if (leaf >= 32 || !((1u << leaf) & XVCPU__CPUID_DYNAMIC_LEAVES))
        return;
    if (leaf == 1 && (cr4 & XVCPU_CR4_OSXSAVE))
        out[2] |= XVCPU_CPUID_01_ECX_OSXSAVE;
    else if (leaf == 7 && subleaf == 0 && e != NULL && (cr4 & XVCPU_CR4_PKE))
        out[2] |= XVCPU_CPUID_07_0_ECX_OSPKE;
    else if (leaf == 0xD && subleaf <= 1 && e != NULL)
        out[1] = xvcpu__xsave_size(x86, x86->xcr0);
    else if ((leaf == 0xB || leaf == 0x1F) && e == NULL)
        out[2] = subleaf & 0xFF, out[3] = vcpu->id; /* invalid level: type 0 */
}

/* The same answer; a fixed basic leaf (the common case) straight from its entry. `cr4` is read
 * only for the other leaves. */
XVCPU__HOT void xvcpu__cpuid_lookup(xvcpu_vcpu *vcpu, uint32_t leaf, uint32_t subleaf, const uint64_t *cr4,
                                    uint64_t out[4])
{
    const xvcpu_x86_state *x86 = &vcpu->x86;
    const xvcpu_cpuid_entry *e;
    if (XVCPU__LIKELY(leaf < 32) && x86->cpuid_fast[leaf] != XVCPU__CPUID_NONE) {
        e = &x86->cpuid[x86->cpuid_fast[leaf]];
        out[0] = e->eax;
        out[1] = e->ebx;
        out[2] = e->ecx;
        out[3] = e->edx;
        return;
    }
    xvcpu__cpuid_answer(vcpu, leaf, subleaf, *cr4, out);
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_set_cpuid(xvcpu_vcpu *vcpu, const xvcpu_cpuid_entry *entry)
{
    uint32_t r[4];
    xvcpu_err err = xvcpu__need_state(vcpu, "xvcpu_vcpu_set_cpuid", XVCPU_STATE_FREE, XVCPU_STATE_READY);
    if (err != XVCPU_OK)
        return err;
    if (entry == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "xvcpu_vcpu_set_cpuid: vCPU %u: entry is NULL",
                           vcpu->id);
    r[0] = entry->eax, r[1] = entry->ebx, r[2] = entry->ecx, r[3] = entry->edx;
    if (xvcpu__cpuid_put(&vcpu->x86, entry->leaf, entry->subleaf, entry->flags & XVCPU_CPUID_SUBLEAF, r) == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_set_cpuid: vCPU %u: the CPUID table is full", vcpu->id);
    if (entry->leaf < XVCPU__CPUID_HV_BASE && entry->leaf > vcpu->x86.cpuid_max_basic)
        vcpu->x86.cpuid_max_basic = entry->leaf;
    if (entry->leaf == 0)
        vcpu->x86.cpuid_max_basic = entry->eax < XVCPU__CPUID_HV_BASE ? entry->eax : XVCPU__CPUID_HV_BASE - 1;
    else if (entry->leaf == 0x80000000u)
        vcpu->x86.cpuid_max_ext = entry->eax >= 0x80000000u ? entry->eax : 0x80000000u;
    vcpu->x86.len_cache.valid = false; /* MAXPHYADDR and 1 GiB pages shape the page walk */
    /* the CR4/EFER bits and MSRs follow the view (the feature table) */
    xvcpu__x86_view_update(&vcpu->x86);
    if (vcpu->backend->view_changed != NULL)
        vcpu->backend->view_changed(vcpu);
    return XVCPU_OK;
}
