/* VMX control adjustment (SDM Vol. 3D A.2 and A.3-A.5; Vol. 3C 26.5.1 "Algorithms for
 * Determining VMX Capabilities"). A control word's capability MSR says which bits may be 0
 * (allowed-0 settings, low half: a 1 there means the bit must be 1) and which may be 1
 * (allowed-1 settings, high half). The 64-bit words (tertiary, secondary exit) have MSRs that
 * list allowed-1 settings only, in all 64 bits. When IA32_VMX_BASIC bit 55 is set, the TRUE_
 * MSRs describe the default1 bits exactly and must be used instead. */

typedef struct xvcpu_vmx_ctl_result {
    uint64_t value;   /* the value to write to the control word */
    uint64_t missing; /* required bits this CPU cannot set; 0 when the request is satisfied */
} xvcpu_vmx_ctl_result;

/* The pure algorithm: `cap` is the capability MSR's value. Bits neither required nor optional
 * are 0 unless the CPU insists on 1. */
static inline xvcpu_vmx_ctl_result xvcpu_vmx_ctl_adjust(uint64_t cap, bool allowed1_only,
                                                        uint64_t required, uint64_t optional)
{
    xvcpu_vmx_ctl_result r;
    uint64_t must_be_1 = allowed1_only ? 0 : (cap & 0xFFFFFFFFu);
    uint64_t may_be_1 = allowed1_only ? cap : (cap >> 32);
    r.missing = required & ~may_be_1;
    r.value = must_be_1 | ((required | optional) & may_be_1);
    return r;
}

/* The capability MSR that governs word `w`, given IA32_VMX_BASIC. */
static inline uint32_t xvcpu_vmx_ctl_cap_msr(xvcpu_vmx_word w, uint64_t vmx_basic)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    if (info.true_cap_msr != 0 && (vmx_basic & XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS) != 0)
        return info.true_cap_msr;
    return info.cap_msr;
}

/* Read the right capability MSR for word `w` (through XVCPU_RDMSR) and adjust. */
static inline xvcpu_vmx_ctl_result xvcpu_vmx_ctl_adjust_word(xvcpu_vmx_word w, uint64_t vmx_basic,
                                                             uint64_t required, uint64_t optional)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    uint64_t cap = XVCPU_RDMSR(xvcpu_vmx_ctl_cap_msr(w, vmx_basic));
    return xvcpu_vmx_ctl_adjust(cap, info.allowed1_only, required, optional);
}

/* Name of the lowest missing bit, for an error message ("ENABLE_EPT"); NULL if none. */
static inline const char *xvcpu_vmx_ctl_first_missing(xvcpu_vmx_word w, uint64_t missing)
{
    unsigned bit;
    for (bit = 0; bit < 64; bit++) {
        if (missing & (1ull << bit)) {
            const char *name = xvcpu_vmx_control_bit_name(w, bit);
            return name ? name : "(undefined bit)";
        }
    }
    return NULL;
}
