/* Architectural MSRs whose answer does not depend on VMX or SVM: both backends ask here before
 * raising #GP for an MSR they do not hold in the VMCS/VMCB. Each exists exactly when the guest's
 * CPUID view promises it (SDM Vol. 4 Table 2-2), so a guest that checks CPUID never faults and
 * one that does not gets the #GP a CPU without the feature raises. */

#define XVCPU__X86_MSR_NONE 0 /* not one of these: the backend raises #GP */
#define XVCPU__X86_MSR_DONE 1 /* handled; *value holds what RDMSR returns */
#define XVCPU__X86_MSR_GP 2   /* the architecture refuses the access */

/* IA32_MISC_ENABLE as a virtual CPU reports it (SDM Vol. 4 Table 2-2): fast strings (bit 0),
 * branch trace storage and PEBS unavailable (bits 11, 12); no MONITOR/MWAIT (bit 18 follows
 * CPUID.1:ECX.MONITOR, which the view hides), no thermal control, SpeedStep or XD disable. */
#define XVCPU__X86_MISC_ENABLE_DEFAULT 0x1801ull
#define XVCPU__X86_MISC_ENABLE_WRITABLE 0x1ull /* fast strings; the others are fixed here */

static bool xvcpu__x86_cpuid_has(xvcpu_vcpu *vcpu, uint32_t leaf, unsigned reg, uint32_t bit)
{
    const xvcpu_cpuid_entry *e = xvcpu__cpuid_find(&vcpu->x86, leaf, 0);
    uint32_t r;
    if (e == NULL)
        return false;
    r = reg == 0 ? e->eax : reg == 1 ? e->ebx : reg == 2 ? e->ecx : e->edx;
    return (r & bit) != 0;
}

static bool xvcpu__x86_view_is_intel(xvcpu_vcpu *vcpu)
{
    const xvcpu_cpuid_entry *e = xvcpu__cpuid_find(&vcpu->x86, 0, 0);
    return e != NULL && e->ebx == 0x756E6547u && e->edx == 0x49656E69u && e->ecx == 0x6C65746Eu; /* GenuineIntel */
}

/* IA32_TSC_AUX exists with RDTSCP or RDPID, which read it unintercepted: the guest's value is in
 * the CPU from bind to unbind (like the SYSCALL MSRs), the host's is put back at unbind. */
static bool xvcpu__x86_has_tsc_aux(xvcpu_vcpu *vcpu)
{
    return xvcpu__x86_cpuid_has(vcpu, 0x80000001u, 3, XVCPU_CPUID_80000001_EDX_RDTSCP) ||
           xvcpu__x86_cpuid_has(vcpu, 7, 2, XVCPU_CPUID_07_0_ECX_RDPID);
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

static int xvcpu__x86_msr_arch(xvcpu_vcpu *vcpu, uint32_t msr, bool write, uint64_t *value)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    bool mtrr = xvcpu__x86_cpuid_has(vcpu, 1, 3, XVCPU_CPUID_01_EDX_MTRR);
    switch (msr) {
    case XVCPU_MSR_IA32_MTRRCAP:
        /* no variable or fixed ranges, no WC, no SMRR: the default type is all there is
         * (SDM Vol. 3A 12.11.2.1); read-only */
        if (!mtrr || write)
            return XVCPU__X86_MSR_GP;
        *value = 0;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MTRR_DEF_TYPE:
        if (!mtrr)
            return XVCPU__X86_MSR_GP;
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
        if (!xvcpu__x86_has_tsc_aux(vcpu) || (write && (*value >> 32)))
            return XVCPU__X86_MSR_GP; /* bits 63:32 are reserved */
        if (write) {
            x86->tsc_aux = *value;
            XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, *value); /* bound: the CPU holds the guest's value */
        } else {
            *value = x86->tsc_aux;
        }
        return XVCPU__X86_MSR_DONE;
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
