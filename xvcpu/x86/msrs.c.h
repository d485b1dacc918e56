/* Architectural MSRs whose answer does not depend on VMX or SVM: both backends ask here before
 * raising #GP for an MSR they do not hold in the VMCS/VMCB. Those the feature table lists
 * (x86/cpuid.c.h: TSC, APIC_BASE, MTRRs, PAT, TSC_DEADLINE, TSC_AUX) exist exactly when the
 * guest's CPUID view shows a row naming them (SDM Vol. 4 Table 2-2): the backends refuse hidden
 * ones first (xvcpu__x86_msr_hidden), so a guest that checks CPUID never faults and one that does
 * not gets the #GP a CPU without the feature raises. */

#define XVCPU__X86_MSR_NONE 0 /* not one of these: the backend raises #GP */
#define XVCPU__X86_MSR_DONE 1 /* handled; *value holds what RDMSR returns */
#define XVCPU__X86_MSR_GP 2   /* the architecture refuses the access */
#define XVCPU__X86_MSR_TSC 3  /* handled, and x86.tsc_offset changed: the backend loads it */

/* IA32_MISC_ENABLE as a virtual CPU reports it (SDM Vol. 4 Table 2-2): fast strings (bit 0),
 * branch trace storage and PEBS unavailable (bits 11, 12); no MONITOR/MWAIT (bit 18 follows
 * CPUID.1:ECX.MONITOR, which the view hides), no thermal control, SpeedStep or XD disable. */
#define XVCPU__X86_MISC_ENABLE_DEFAULT 0x1801ull
#define XVCPU__X86_MISC_ENABLE_WRITABLE 0x1ull /* fast strings; the others are fixed here */

/* The MSR state the library keeps, at setup: IA32_APIC_BASE at its reset value (SDM Vol. 3A
 * 11.4.4: base 0xFEE00000, enabled, BSP on vCPU 0), the guest's TSC equal to the host's. */
static void xvcpu__x86_msrs_setup(xvcpu_vcpu *vcpu)
{
    vcpu->x86.apic_base = XVCPU_LAPIC_DEFAULT_BASE | XVCPU_IA32_APIC_BASE_EN | (vcpu->id == 0 ? XVCPU_IA32_APIC_BASE_BSP : 0);
    vcpu->x86.tsc_offset = 0;
}

static bool xvcpu__x86_view_is_intel(xvcpu_vcpu *vcpu)
{
    const xvcpu_cpuid_entry *e = xvcpu__cpuid_find(&vcpu->x86, 0, 0);
    return e != NULL && e->ebx == 0x756E6547u && e->edx == 0x49656E69u && e->ecx == 0x6C65746Eu; /* GenuineIntel */
}

/* IA32_TSC_AUX exists with RDTSCP or RDPID (the feature table), which read it unintercepted: the
 * guest's value is in the CPU from bind to unbind (like the SYSCALL MSRs), the host's is put back
 * at unbind. */
static bool xvcpu__x86_has_tsc_aux(xvcpu_vcpu *vcpu)
{
    return !xvcpu__x86_msr_hidden(&vcpu->x86, XVCPU_MSR_IA32_TSC_AUX);
}

/* Bind (to_guest) and unbind: switch the MSRs the guest owns while bound. */
static void xvcpu__x86_bind_msrs(xvcpu_vcpu *vcpu, bool to_guest)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    if (!xvcpu__x86_has_tsc_aux(vcpu))
        return;
    if (to_guest) {
        x86->host_tsc_aux = XVCPU_RDMSR(XVCPU_MSR_IA32_TSC_AUX);
        XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, x86->tsc_aux);
    } else {
        XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, x86->host_tsc_aux);
    }
}

/* The AMD legacy performance counters (APM Vol. 2 13.2.1): PerfEvtSel0-3 at 0xC0010000-3 and
 * PerfCtr0-3 at 0xC0010004-7 exist on every AMD64 CPU, whatever CPUID says. Here they are
 * counters whose events never occur: what the guest writes reads back (a counter keeps its 48
 * bits), nothing counts, no overflow interrupt comes. RDPMC of 0-3 reads the same counters. */
#define XVCPU__X86_AMD_PERF_SEL0 0xC0010000u
#define XVCPU__X86_AMD_PERF_CTR0 0xC0010004u
#define XVCPU__X86_AMD_PERF_CTR_BITS 0x0000FFFFFFFFFFFFull

static int xvcpu__x86_amd_perf_msr(xvcpu_x86_state *x86, uint32_t msr, bool write, uint64_t *value)
{
    bool ctr = msr >= XVCPU__X86_AMD_PERF_CTR0;
    uint64_t *reg = ctr ? &x86->amd_perf_ctr[msr - XVCPU__X86_AMD_PERF_CTR0] : &x86->amd_perf_sel[msr - XVCPU__X86_AMD_PERF_SEL0];
    if (write)
        *reg = ctr ? *value & XVCPU__X86_AMD_PERF_CTR_BITS : *value;
    else
        *value = *reg;
    return XVCPU__X86_MSR_DONE;
}

/* (Called after the backend refused what the view hides.) */
static int xvcpu__x86_msr_arch(xvcpu_vcpu *vcpu, uint32_t msr, bool write, uint64_t *value)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    switch (msr) {
    case XVCPU_MSR_IA32_TSC:
        /* the guest's TSC is the host's plus the offset the CPU adds to RDTSC/RDTSCP (SDM Vol. 3C
         * 26.6.5, APM Vol. 2 15.30.1): a write moves the offset */
        if (!write) {
            *value = XVCPU_RDTSC() + x86->tsc_offset;
            return XVCPU__X86_MSR_DONE;
        }
        if (!x86->tsc_offset_ok)
            return XVCPU__X86_MSR_NONE; /* a VMX CPU without TSC offsetting: no guest TSC of its own */
        x86->tsc_offset = *value - XVCPU_RDTSC();
        return XVCPU__X86_MSR_TSC;
    case XVCPU_MSR_IA32_APIC_BASE:
        /* no VMM LAPIC took it (xvcpu_lapic answers it when one does): the register itself,
         * with the architecture's transitions; nothing behind it */
        if (!write) {
            *value = x86->apic_base;
        } else {
            if (!xvcpu__x86_apic_base_ok(x86->apic_base, *value,
                                         xvcpu__x86_view_has(x86, 1, 0, 2, (uint32_t)XVCPU_CPUID_01_ECX_X2APIC)))
                return XVCPU__X86_MSR_GP;
            x86->apic_base = (*value & ~XVCPU_IA32_APIC_BASE_BSP) | (x86->apic_base & XVCPU_IA32_APIC_BASE_BSP);
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_TSC_DEADLINE:
        /* no VMM LAPIC took it: the LVT timer is in its reset state (masked, one-shot), where the
         * MSR reads 0 and writes are ignored (SDM Vol. 3A 11.5.4.1) */
        if (!write)
            *value = 0;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MTRRCAP:
        /* no variable or fixed ranges, no WC, no SMRR: the default type is all there is
         * (SDM Vol. 3A 12.11.2.1); read-only */
        if (write)
            return XVCPU__X86_MSR_GP;
        *value = 0;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MTRR_DEF_TYPE:
        if (write) {
            uint64_t type = *value & XVCPU_IA32_MTRR_DEF_TYPE_TYPE_MASK;
            /* E and the type; FE needs fixed ranges (none); types UC WC WT WP WB (Table 12-8) */
            if ((*value & ~(XVCPU_IA32_MTRR_DEF_TYPE_TYPE_MASK | (1ull << 11))) || type == 2 || type == 3 || type > 6)
                return XVCPU__X86_MSR_GP;
            x86->mtrr_def_type = *value;
        } else {
            *value = x86->mtrr_def_type;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MISC_ENABLE:
        if (!xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write) {
            uint64_t cur = XVCPU__X86_MISC_ENABLE_DEFAULT ^ x86->misc_enable_flip;
            if ((*value ^ cur) & ~XVCPU__X86_MISC_ENABLE_WRITABLE)
                return XVCPU__X86_MSR_GP; /* a fixed bit changed */
            x86->misc_enable_flip = *value ^ XVCPU__X86_MISC_ENABLE_DEFAULT;
        } else {
            *value = XVCPU__X86_MISC_ENABLE_DEFAULT ^ x86->misc_enable_flip;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_FEATURE_CONTROL:
        /* locked with nothing enabled: the view offers no VMX, SMX, SGX or LMCE */
        if (!xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write)
            return XVCPU__X86_MSR_GP;
        *value = XVCPU_IA32_FEATURE_CONTROL_LOCK;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_AMD_HWCR:
        /* AMD: the TSC counts at the P0 frequency (bit 24, read-only here); the TLB flush filter
         * disable (bit 6) is kept and changes nothing a guest can see; other bits fixed at 0 */
        if (xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write) {
            if ((*value & ~XVCPU_AMD_HWCR_FFDIS) != XVCPU_AMD_HWCR_TSC_FREQ_SEL)
                return XVCPU__X86_MSR_GP;
            x86->amd_hwcr_ffdis = (*value & XVCPU_AMD_HWCR_FFDIS) != 0;
        } else {
            *value = XVCPU_AMD_HWCR_TSC_FREQ_SEL | (x86->amd_hwcr_ffdis ? XVCPU_AMD_HWCR_FFDIS : 0);
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_TSC_AUX:
        if (write && (*value >> 32))
            return XVCPU__X86_MSR_GP; /* bits 63:32 are reserved */
        if (write) {
            x86->tsc_aux = *value;
            XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, *value); /* bound: the CPU holds the guest's value */
        } else {
            *value = x86->tsc_aux;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU__X86_AMD_PERF_SEL0: case XVCPU__X86_AMD_PERF_SEL0 + 1:
    case XVCPU__X86_AMD_PERF_SEL0 + 2: case XVCPU__X86_AMD_PERF_SEL0 + 3:
    case XVCPU__X86_AMD_PERF_CTR0: case XVCPU__X86_AMD_PERF_CTR0 + 1:
    case XVCPU__X86_AMD_PERF_CTR0 + 2: case XVCPU__X86_AMD_PERF_CTR0 + 3:
        if (xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        return xvcpu__x86_amd_perf_msr(x86, msr, write, value);
    case XVCPU_MSR_IA32_BIOS_SIGN_ID:
        /* microcode revision (Intel: EDX after a WRMSR of 0 and CPUID; AMD: the patch level):
         * a virtual CPU has none to load, writes are accepted and change nothing */
        if (!write)
            *value = 0;
        return XVCPU__X86_MSR_DONE;
    default:
        return XVCPU__X86_MSR_NONE;
    }
}
