/* A software VM-entry checker (SDM Vol. 3C chapter 27 "VM Entries"). The CPU says only which of
 * three classes failed (VMfailValid 7: controls, 8: host state; exit reason 33: guest state);
 * this walks the manual's checks over the current VMCS in the manual's order and names the first
 * that fails. It runs only after an entry failed, so it may read as many fields as it likes. */

#define XVCPU__EC(text, sec) text " (SDM Vol. 3C " sec ")"

/* What the checks share, read once. */
typedef struct xvcpu__ec {
    const xvcpu_vmx_caps *caps;
    const xvcpu_vcpu *vcpu;
    uint64_t beyond_phys;   /* physical-address bits beyond the CPU's width (CPUID 0x80000008) */
    uint32_t pin, proc, proc2, exit, entry;
    bool ia32e, unrestricted, host64;
    uint64_t cr0, cr4, rflags;
} xvcpu__ec;

static uint64_t xvcpu__ec_rd(uint32_t enc)
{
    uint64_t v = 0;
    if (XVCPU_VMREAD(enc, &v) != XVCPU_VMX_OK)
        v = 0;
    return v;
}

/* The control word `value` against its capability MSR (SDM Vol. 3D A.3-A.5): bits the CPU needs
 * set (allowed-0) and bits it cannot set (allowed-1). */
static int xvcpu__ec_ctl(const xvcpu_vmx_caps *caps, xvcpu_vmx_word w, uint64_t value)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    uint64_t cap = XVCPU_RDMSR(xvcpu_vmx_ctl_cap_msr(w, caps->basic));
    uint64_t must1 = info.allowed1_only ? 0 : (cap & 0xFFFFFFFFu);
    uint64_t may1 = info.allowed1_only ? cap : (cap >> 32);
    if (must1 & ~value)
        return 0;
    if (value & ~may1)
        return 1;
    return -1;
}

static bool xvcpu__ec_addr_bad(const xvcpu__ec *c, uint64_t pa, uint64_t align)
{
    return (pa & (align - 1)) != 0 || (pa & c->beyond_phys) != 0;
}

/* Each memory type byte of a PAT value is UC, WC, WT, WP, WB or UC- (SDM Vol. 3A 12.12.2). */
static bool xvcpu__ec_pat_ok(uint64_t pat)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint64_t t = (pat >> (8 * i)) & 0xFF;
        if (t == 2 || t == 3 || t > XVCPU_X86_MEMORY_TYPE_UC_MINUS)
            return false;
    }
    return true;
}

/* --- 27.2.1 checks on VMX controls (VMfailValid 7) ------------------------------------------ */

static const char *xvcpu__ec_event_injection(const xvcpu__ec *c)
{
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    uint32_t vector = info & XVCPU_INTERRUPTION_INFO_VECTOR_MASK;
    bool has_error = (info & XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID) != 0;
    if (!(info & XVCPU_INTERRUPTION_INFO_VALID))
        return NULL;
    if (info & 0x7FFFF000u)
        return XVCPU__EC("VM-entry interruption information: reserved bits 30:12 set", "27.2.1.3");
    if (type == 1)
        return XVCPU__EC("VM-entry interruption information: type 1 is reserved", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && vector != XVCPU_EXCEPTION_VECTOR_NMI)
        return XVCPU__EC("VM-entry interruption information: an NMI must have vector 2", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION && vector > 31)
        return XVCPU__EC("VM-entry interruption information: a hardware exception needs a vector 0-31", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_OTHER_EVENT &&
        (vector != 0 || !(c->proc & XVCPU_PROC_MONITOR_TRAP_FLAG)))
        return XVCPU__EC("VM-entry interruption information: type 7 needs vector 0 and the monitor trap flag", "27.2.1.3");
    {
        /* an error code is delivered exactly for the exceptions that push one, in protected
         * mode, unless the CPU waives it (IA32_VMX_BASIC bit 56) */
        bool pushes = type == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION && xvcpu_x86_exception_has_error_code((uint8_t)vector);
        bool pe = (xvcpu_vmcs_read_guest_cr0() & XVCPU_CR0_PE) != 0;
        bool waived = (c->caps->basic & XVCPU_IA32_VMX_BASIC_NO_ERRCODE_REQUIREMENT) != 0;
        if (has_error && (!pe || (!waived && !pushes)))
            return XVCPU__EC("VM-entry interruption information: error code delivered for an event that has none", "27.2.1.3");
        if (!has_error && pe && pushes && !waived)
            return XVCPU__EC("VM-entry interruption information: error code missing for an exception that pushes one", "27.2.1.3");
        if (has_error && (xvcpu_vmcs_read_entry_exception_error_code() & 0xFFFF8000u))
            return XVCPU__EC("VM-entry exception error code: bits 31:15 must be 0", "27.2.1.3");
    }
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION) {
        uint32_t len = xvcpu_vmcs_read_entry_instruction_length();
        bool zero_ok = (c->caps->misc & XVCPU_IA32_VMX_MISC_INJECT_ZERO_LENGTH) != 0;
        if (len > 15 || (len == 0 && !zero_ok))
            return XVCPU__EC("VM-entry instruction length: a software event needs 1-15 bytes", "27.2.1.3");
    }
    return NULL;
}

static const char *xvcpu__ec_controls(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    int r;
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PIN, c->pin)) >= 0)
        return r == 0 ? XVCPU__EC("pin-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("pin-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PROC, c->proc)) >= 0)
        return r == 0 ? XVCPU__EC("primary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("primary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) && (r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PROC2, c->proc2)) >= 0)
        return r == 0 ? XVCPU__EC("secondary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("secondary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if (xvcpu_vmcs_read_cr3_target_count() > XVCPU_FIELD_GET(XVCPU_IA32_VMX_MISC_CR3_TARGET_COUNT, caps->misc))
        return XVCPU__EC("CR3-target count above IA32_VMX_MISC's limit", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_IO_BITMAPS) && (xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_io_bitmap_a_address(), 4096) ||
                                                  xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_io_bitmap_b_address(), 4096)))
        return XVCPU__EC("I/O bitmap address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_MSR_BITMAPS) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_msr_bitmap_address(), 4096))
        return XVCPU__EC("MSR bitmap address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if (!(c->pin & XVCPU_PIN_NMI_EXITING) && (c->pin & XVCPU_PIN_VIRTUAL_NMIS))
        return XVCPU__EC("virtual NMIs set without NMI exiting", "27.2.1.1");
    if (!(c->pin & XVCPU_PIN_VIRTUAL_NMIS) && (c->proc & XVCPU_PROC_NMI_WINDOW_EXITING))
        return XVCPU__EC("NMI-window exiting set without virtual NMIs", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_TPR_SHADOW) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_virtual_apic_address(), 4096))
        return XVCPU__EC("virtual-APIC address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if (!(c->proc & XVCPU_PROC_USE_TPR_SHADOW) &&
        (c->proc2 & (XVCPU_PROC2_VIRTUALIZE_X2APIC_MODE | XVCPU_PROC2_APIC_REGISTER_VIRTUALIZATION |
                     XVCPU_PROC2_VIRTUAL_INTERRUPT_DELIVERY)))
        return XVCPU__EC("x2APIC/APIC-register virtualization or virtual-interrupt delivery without the TPR shadow", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUAL_INTERRUPT_DELIVERY) && !(c->pin & XVCPU_PIN_EXTERNAL_INTERRUPT_EXITING))
        return XVCPU__EC("virtual-interrupt delivery without external-interrupt exiting", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUALIZE_APIC_ACCESSES) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_apic_access_address(), 4096))
        return XVCPU__EC("APIC-access address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUALIZE_X2APIC_MODE) && (c->proc2 & XVCPU_PROC2_VIRTUALIZE_APIC_ACCESSES))
        return XVCPU__EC("virtualize x2APIC mode together with virtualize APIC accesses", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_ENABLE_VPID) && xvcpu_vmcs_read_virtual_processor_id() == 0)
        return XVCPU__EC("enable VPID with VPID 0", "27.2.1.1");
    if (c->proc2 & XVCPU_PROC2_ENABLE_EPT) {
        uint64_t eptp = xvcpu_vmcs_read_ept_pointer(), cap = caps->ept_vpid;
        uint64_t mt = XVCPU_FIELD_GET(XVCPU_EPTP_MEMORY_TYPE, eptp);
        uint64_t walk = XVCPU_FIELD_GET(XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1, eptp);
        if (!((mt == XVCPU_X86_MEMORY_TYPE_UC && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_UC)) ||
              (mt == XVCPU_X86_MEMORY_TYPE_WB && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB))))
            return XVCPU__EC("EPT pointer: memory type not allowed by IA32_VMX_EPT_VPID_CAP", "27.2.1.1");
        if (!((walk == 3 && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4)) ||
              (walk == 4 && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_5))))
            return XVCPU__EC("EPT pointer: page-walk length not supported", "27.2.1.1");
        if ((eptp & XVCPU_EPTP_ACCESSED_DIRTY) && !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY))
            return XVCPU__EC("EPT pointer: accessed/dirty flags without the CPU's support", "27.2.1.1");
        if ((eptp & 0xF00u) || (eptp & c->beyond_phys) ||
            ((eptp & XVCPU_EPTP_SUPERVISOR_SHADOW_STACK_AR) && !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_SUPERVISOR_SHADOW_STACK)))
            return XVCPU__EC("EPT pointer: reserved bits set", "27.2.1.1");
    }
    if ((c->proc2 & XVCPU_PROC2_UNRESTRICTED_GUEST) && !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return XVCPU__EC("unrestricted guest without EPT", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_ENABLE_PML) && !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return XVCPU__EC("enable PML without EPT", "27.2.1.1");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_EXIT, c->exit)) >= 0)
        return r == 0 ? XVCPU__EC("primary VM-exit controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.2")
                      : XVCPU__EC("primary VM-exit controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.2");
    if (!(c->pin & XVCPU_PIN_ACTIVATE_VMX_PREEMPTION_TIMER) && (c->exit & XVCPU_EXIT_SAVE_VMX_PREEMPTION_TIMER))
        return XVCPU__EC("save VMX-preemption timer without activating it", "27.2.1.2");
    if (xvcpu_vmcs_read_exit_msr_store_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_exit_msr_store_address(), 16))
        return XVCPU__EC("VM-exit MSR-store address not 16-byte aligned or beyond the physical-address width", "27.2.1.2");
    if (xvcpu_vmcs_read_exit_msr_load_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_exit_msr_load_address(), 16))
        return XVCPU__EC("VM-exit MSR-load address not 16-byte aligned or beyond the physical-address width", "27.2.1.2");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_ENTRY, c->entry)) >= 0)
        return r == 0 ? XVCPU__EC("VM-entry controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.3")
                      : XVCPU__EC("VM-entry controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.3");
    if (c->entry & (XVCPU_ENTRY_ENTRY_TO_SMM | XVCPU_ENTRY_DEACTIVATE_DUAL_MONITOR))
        return XVCPU__EC("entry to SMM or deactivate dual-monitor treatment outside SMM", "27.2.1.3");
    if (xvcpu_vmcs_read_entry_msr_load_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_entry_msr_load_address(), 16))
        return XVCPU__EC("VM-entry MSR-load address not 16-byte aligned or beyond the physical-address width", "27.2.1.3");
    return xvcpu__ec_event_injection(c);
}

/* --- 27.2.2-27.2.4 checks on the host state area (VMfailValid 8) ---------------------------- */

static const char *xvcpu__ec_host(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    uint64_t cr0 = xvcpu_vmcs_read_host_cr0(), cr4 = xvcpu_vmcs_read_host_cr4();
    static const uint32_t sels[7] = { XVCPU_VMCS_HOST_ES_SELECTOR, XVCPU_VMCS_HOST_CS_SELECTOR, XVCPU_VMCS_HOST_SS_SELECTOR,
                                      XVCPU_VMCS_HOST_DS_SELECTOR, XVCPU_VMCS_HOST_FS_SELECTOR, XVCPU_VMCS_HOST_GS_SELECTOR,
                                      XVCPU_VMCS_HOST_TR_SELECTOR };
    unsigned i;
    if ((caps->cr0_fixed0 & ~cr0) || (cr0 & ~caps->cr0_fixed1))
        return XVCPU__EC("host CR0: not within IA32_VMX_CR0_FIXED0/FIXED1", "27.2.2");
    if ((caps->cr4_fixed0 & ~cr4) || (cr4 & ~caps->cr4_fixed1))
        return XVCPU__EC("host CR4: not within IA32_VMX_CR4_FIXED0/FIXED1", "27.2.2");
    if (xvcpu_vmcs_read_host_cr3() & c->beyond_phys)
        return XVCPU__EC("host CR3: bits beyond the physical-address width set", "27.2.2");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_host_ia32_sysenter_esp(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_ia32_sysenter_eip(), cr4))
        return XVCPU__EC("host IA32_SYSENTER_ESP/EIP not canonical", "27.2.2");
    if ((c->exit & XVCPU_EXIT_LOAD_IA32_PAT) && !xvcpu__ec_pat_ok(xvcpu_vmcs_read_host_ia32_pat()))
        return XVCPU__EC("host IA32_PAT: a memory type is invalid", "27.2.2");
    if (c->exit & XVCPU_EXIT_LOAD_IA32_EFER) {
        uint64_t efer = xvcpu_vmcs_read_host_ia32_efer();
        if (efer & ~(uint64_t)(XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE))
            return XVCPU__EC("host IA32_EFER: reserved bits set", "27.2.2");
        if (((efer & XVCPU_IA32_EFER_LMA) != 0) != c->host64 || ((efer & XVCPU_IA32_EFER_LME) != 0) != c->host64)
            return XVCPU__EC("host IA32_EFER: LMA and LME must equal the host address-space size control", "27.2.2");
    }
    for (i = 0; i < 7; i++)
        if (xvcpu__ec_rd(sels[i]) & 7)
            return XVCPU__EC("host selector: RPL or TI set (ES, CS, SS, DS, FS, GS or TR)", "27.2.3");
    if (xvcpu_vmcs_read_host_cs_selector() == 0)
        return XVCPU__EC("host CS selector is 0", "27.2.3");
    if (xvcpu_vmcs_read_host_tr_selector() == 0)
        return XVCPU__EC("host TR selector is 0", "27.2.3");
    if (xvcpu_vmcs_read_host_ss_selector() == 0 && !c->host64)
        return XVCPU__EC("host SS selector is 0 without a 64-bit host", "27.2.3");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_host_fs_base(), cr4) || !xvcpu__x86_canonical(xvcpu_vmcs_read_host_gs_base(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_gdtr_base(), cr4) || !xvcpu__x86_canonical(xvcpu_vmcs_read_host_idtr_base(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_tr_base(), cr4))
        return XVCPU__EC("host FS, GS, GDTR, IDTR or TR base not canonical", "27.2.3");
    /* 27.2.4: the host's address-space size as the CPU runs now (XVCPU_RDMSR of EFER.LMA) */
    if ((XVCPU_RDMSR(XVCPU_MSR_IA32_EFER) & XVCPU_IA32_EFER_LMA) && !c->host64)
        return XVCPU__EC("host address-space size clear while the CPU is in IA-32e mode", "27.2.4");
    if (!c->host64 && c->ia32e)
        return XVCPU__EC("IA-32e mode guest without a 64-bit host", "27.2.4");
    if (c->host64 && !(cr4 & XVCPU_CR4_PAE))
        return XVCPU__EC("host CR4.PAE clear with a 64-bit host", "27.2.4");
    if (c->host64 && !xvcpu__x86_canonical(xvcpu_vmcs_read_host_rip(), cr4))
        return XVCPU__EC("host RIP not canonical", "27.2.4");
    if (!c->host64 && (cr4 & XVCPU_CR4_PCIDE))
        return XVCPU__EC("host CR4.PCIDE set without a 64-bit host", "27.2.4");
    return NULL;
}

/* --- 27.3.1 checks on the guest state area (exit reason 33) --------------------------------- */

/* Limit and granularity agree: limit[11:0] not all ones -> G=0; limit[31:20] not 0 -> G=1. */
static bool xvcpu__ec_limit_ok(uint32_t limit, uint32_t ar)
{
    bool g = (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_G) != 0;
    if ((limit & 0xFFF) != 0xFFF && g)
        return false;
    if ((limit & 0xFFF00000u) != 0 && !g)
        return false;
    return true;
}

#define XVCPU__EC_AR_RESERVED 0xFFFE0F00u /* bits 11:8 and 31:17 of the access-rights format */
#define XVCPU__EC_TYPE(ar) ((uint32_t)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_TYPE, ar))
#define XVCPU__EC_DPL(ar) ((uint32_t)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_DPL, ar))

static const char *xvcpu__ec_guest_regs(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    uint64_t fixed0 = caps->cr0_fixed0, efer;
    if (c->unrestricted)
        fixed0 &= ~(uint64_t)(XVCPU_CR0_PE | XVCPU_CR0_PG);
    if ((fixed0 & ~c->cr0) || (c->cr0 & ~caps->cr0_fixed1))
        return XVCPU__EC("guest CR0: not within IA32_VMX_CR0_FIXED0/FIXED1", "27.3.1.1");
    if ((c->cr0 & XVCPU_CR0_PG) && !(c->cr0 & XVCPU_CR0_PE))
        return XVCPU__EC("guest CR0: PG set without PE", "27.3.1.1");
    if ((caps->cr4_fixed0 & ~c->cr4) || (c->cr4 & ~caps->cr4_fixed1))
        return XVCPU__EC("guest CR4: not within IA32_VMX_CR4_FIXED0/FIXED1", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) && (xvcpu_vmcs_read_guest_ia32_debugctl() & 0xFFFFFFFFFFFF003Cull))
        return XVCPU__EC("guest IA32_DEBUGCTL: reserved bits set", "27.3.1.1");
    if (c->ia32e && (!(c->cr0 & XVCPU_CR0_PG) || !(c->cr4 & XVCPU_CR4_PAE)))
        return XVCPU__EC("IA-32e mode guest without CR0.PG and CR4.PAE", "27.3.1.1");
    if (!c->ia32e && (c->cr4 & XVCPU_CR4_PCIDE))
        return XVCPU__EC("guest CR4.PCIDE set outside IA-32e mode", "27.3.1.1");
    if (xvcpu_vmcs_read_guest_cr3() & c->beyond_phys)
        return XVCPU__EC("guest CR3: bits beyond the physical-address width set", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) && (xvcpu_vmcs_read_guest_dr7() >> 32))
        return XVCPU__EC("guest DR7: bits 63:32 set", "27.3.1.1");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ia32_sysenter_esp(), c->cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ia32_sysenter_eip(), c->cr4))
        return XVCPU__EC("guest IA32_SYSENTER_ESP/EIP not canonical", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_IA32_PAT) && !xvcpu__ec_pat_ok(xvcpu_vmcs_read_guest_ia32_pat()))
        return XVCPU__EC("guest IA32_PAT: a memory type is invalid", "27.3.1.1");
    if (c->entry & XVCPU_ENTRY_LOAD_IA32_EFER) {
        efer = xvcpu_vmcs_read_guest_ia32_efer();
        if (efer & ~(uint64_t)(XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE))
            return XVCPU__EC("guest IA32_EFER: reserved bits set", "27.3.1.1");
        if (((efer & XVCPU_IA32_EFER_LMA) != 0) != c->ia32e)
            return XVCPU__EC("guest IA32_EFER.LMA differs from the IA-32e mode guest control", "27.3.1.1");
        if ((c->cr0 & XVCPU_CR0_PG) && ((efer & XVCPU_IA32_EFER_LMA) != 0) != ((efer & XVCPU_IA32_EFER_LME) != 0))
            return XVCPU__EC("guest IA32_EFER: LMA differs from LME with CR0.PG set", "27.3.1.1");
    }
    return NULL;
}

/* 27.3.1.2 for CS, SS, DS, ES, FS, GS outside virtual-8086 mode. */
static const char *xvcpu__ec_code_data(const xvcpu__ec *c)
{
    static const uint8_t order[6] = { 1, 2, 3, 0, 4, 5 }; /* CS, SS, DS, ES, FS, GS (VMCS index ES=0) */
    uint32_t cs_ar = xvcpu_vmcs_read_guest_cs_access_rights(), ss_ar = xvcpu_vmcs_read_guest_ss_access_rights();
    uint16_t ss_sel = xvcpu_vmcs_read_guest_ss_selector(), cs_sel = xvcpu_vmcs_read_guest_cs_selector();
    uint32_t cs_type = XVCPU__EC_TYPE(cs_ar);
    unsigned k;
    if (!c->unrestricted && (ss_sel & 3) != (cs_sel & 3))
        return XVCPU__EC("guest SS selector RPL differs from CS RPL", "27.3.1.2");
    for (k = 0; k < 6; k++) {
        unsigned n = order[k];
        uint32_t ar = (uint32_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * n);
        uint32_t limit = (uint32_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * n);
        uint64_t base = xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_BASE + 2 * n);
        uint16_t sel = (uint16_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * n);
        uint32_t type = XVCPU__EC_TYPE(ar);
        bool usable = n == 1 || !(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
        if ((n == 4 || n == 5) && !xvcpu__x86_canonical(base, c->cr4))
            return XVCPU__EC("guest FS/GS base not canonical", "27.3.1.2");
        if ((n == 1 || (usable && n != 4 && n != 5)) && (base >> 32))
            return XVCPU__EC("guest CS/SS/DS/ES base: bits 63:32 set", "27.3.1.2");
        if (!usable)
            continue;
        if (n == 1) {
            bool ok = type == XVCPU_SEGMENT_TYPE_CODE_X_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XR_ACCESSED ||
                      type == XVCPU_SEGMENT_TYPE_CODE_XC_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XRC_ACCESSED ||
                      (c->unrestricted && type == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED);
            if (!ok)
                return XVCPU__EC("guest CS type: must be accessed code (or read/write accessed data with unrestricted guest)", "27.3.1.2");
        } else if (n == 2) {
            if (type != XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED && type != XVCPU_SEGMENT_TYPE_DATA_RW_DOWN_ACCESSED)
                return XVCPU__EC("guest SS type: must be read/write accessed data", "27.3.1.2");
        } else {
            if (!(type & 1))
                return XVCPU__EC("guest DS/ES/FS/GS type: not accessed", "27.3.1.2");
            if ((type & 8) && !(type & 2))
                return XVCPU__EC("guest DS/ES/FS/GS type: code segment not readable", "27.3.1.2");
        }
        if (!(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S))
            return XVCPU__EC("guest CS/SS/DS/ES/FS/GS: S (descriptor type) clear", "27.3.1.2");
        if (n == 1) {
            if (type == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED && XVCPU__EC_DPL(ar) != 0)
                return XVCPU__EC("guest CS DPL: must be 0 for a data-type CS", "27.3.1.2");
            if ((type == XVCPU_SEGMENT_TYPE_CODE_X_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XR_ACCESSED) &&
                XVCPU__EC_DPL(ar) != XVCPU__EC_DPL(ss_ar))
                return XVCPU__EC("guest CS DPL: non-conforming code must have SS's DPL", "27.3.1.2");
            if ((type == XVCPU_SEGMENT_TYPE_CODE_XC_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XRC_ACCESSED) &&
                XVCPU__EC_DPL(ar) > XVCPU__EC_DPL(ss_ar))
                return XVCPU__EC("guest CS DPL: conforming code above SS's DPL", "27.3.1.2");
        } else if (n == 2) {
            if (!c->unrestricted && XVCPU__EC_DPL(ar) != (sel & 3u))
                return XVCPU__EC("guest SS DPL differs from its RPL", "27.3.1.2");
            if ((XVCPU__EC_TYPE(cs_ar) == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED || !(c->cr0 & XVCPU_CR0_PE)) && XVCPU__EC_DPL(ar) != 0)
                return XVCPU__EC("guest SS DPL: must be 0 in real mode or with a data-type CS", "27.3.1.2");
        } else if (!c->unrestricted && type <= 11 && XVCPU__EC_DPL(ar) < (sel & 3u)) {
            return XVCPU__EC("guest DS/ES/FS/GS DPL below its RPL", "27.3.1.2");
        }
        if (!(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest CS/SS/DS/ES/FS/GS: not present", "27.3.1.2");
        if (ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest segment access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (n == 1 && c->ia32e && (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_L) && (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_DB))
            return XVCPU__EC("guest CS: L and D/B both set in an IA-32e mode guest", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(limit, ar))
            return XVCPU__EC("guest segment limit and granularity (G) disagree", "27.3.1.2");
    }
    (void)cs_type;
    return NULL;
}

static const char *xvcpu__ec_v8086(void)
{
    unsigned n;
    for (n = 0; n < 6; n++) {
        uint64_t sel = xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * n);
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_BASE + 2 * n) != sel << 4)
            return XVCPU__EC("virtual-8086 guest: a segment base is not its selector times 16", "27.3.1.2");
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * n) != 0xFFFF)
            return XVCPU__EC("virtual-8086 guest: a segment limit is not 0xFFFF", "27.3.1.2");
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * n) != 0xF3)
            return XVCPU__EC("virtual-8086 guest: a segment's access rights are not 0xF3", "27.3.1.2");
    }
    return NULL;
}

static const char *xvcpu__ec_segments(const xvcpu__ec *c)
{
    uint32_t tr_ar = xvcpu_vmcs_read_guest_tr_access_rights(), ldtr_ar = xvcpu_vmcs_read_guest_ldtr_access_rights();
    bool ldtr_usable = !(ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
    const char *why;
    if (xvcpu_vmcs_read_guest_tr_selector() & 4)
        return XVCPU__EC("guest TR selector: TI set", "27.3.1.2");
    if (ldtr_usable && (xvcpu_vmcs_read_guest_ldtr_selector() & 4))
        return XVCPU__EC("guest LDTR selector: TI set", "27.3.1.2");
    if (c->rflags & XVCPU_RFLAGS_VM) {
        if ((why = xvcpu__ec_v8086()) != NULL)
            return why;
    } else if ((why = xvcpu__ec_code_data(c)) != NULL) {
        return why;
    }
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_tr_base(), c->cr4))
        return XVCPU__EC("guest TR base not canonical", "27.3.1.2");
    if (ldtr_usable && !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ldtr_base(), c->cr4))
        return XVCPU__EC("guest LDTR base not canonical", "27.3.1.2");
    {
        uint32_t type = XVCPU__EC_TYPE(tr_ar);
        if (!(type == XVCPU_SYSTEM_SEGMENT_TYPE_TSS_BUSY || (!c->ia32e && type == XVCPU_SYSTEM_SEGMENT_TYPE_TSS16_BUSY)))
            return XVCPU__EC("guest TR type: must be a busy TSS (32/64-bit; 16-bit outside IA-32e mode)", "27.3.1.2");
        if (tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S)
            return XVCPU__EC("guest TR: S set (must be a system segment)", "27.3.1.2");
        if (!(tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest TR: not present", "27.3.1.2");
        if (tr_ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest TR access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(xvcpu_vmcs_read_guest_tr_limit(), tr_ar))
            return XVCPU__EC("guest TR limit and granularity (G) disagree", "27.3.1.2");
        if (tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE)
            return XVCPU__EC("guest TR marked unusable", "27.3.1.2");
    }
    if (ldtr_usable) {
        if (XVCPU__EC_TYPE(ldtr_ar) != XVCPU_SYSTEM_SEGMENT_TYPE_LDT)
            return XVCPU__EC("guest LDTR type: must be 2 (LDT)", "27.3.1.2");
        if (ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S)
            return XVCPU__EC("guest LDTR: S set (must be a system segment)", "27.3.1.2");
        if (!(ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest LDTR: not present", "27.3.1.2");
        if (ldtr_ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest LDTR access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(xvcpu_vmcs_read_guest_ldtr_limit(), ldtr_ar))
            return XVCPU__EC("guest LDTR limit and granularity (G) disagree", "27.3.1.2");
    }
    return NULL;
}

static const char *xvcpu__ec_guest_rip_flags(const xvcpu__ec *c)
{
    uint64_t rip = xvcpu_vmcs_read_guest_rip();
    bool cs_l = (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L) != 0;
    uint64_t defined = XVCPU_RFLAGS_CF | XVCPU_RFLAGS_FIXED1 | XVCPU_RFLAGS_PF | XVCPU_RFLAGS_AF | XVCPU_RFLAGS_ZF |
                       XVCPU_RFLAGS_SF | XVCPU_RFLAGS_TF | XVCPU_RFLAGS_IF | XVCPU_RFLAGS_DF | XVCPU_RFLAGS_OF |
                       XVCPU_RFLAGS_IOPL_MASK | XVCPU_RFLAGS_NT | XVCPU_RFLAGS_RF | XVCPU_RFLAGS_VM | XVCPU_RFLAGS_AC |
                       XVCPU_RFLAGS_VIF | XVCPU_RFLAGS_VIP | XVCPU_RFLAGS_ID;
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    /* 27.3.1.3 descriptor tables first, then RIP and RFLAGS (27.3.1.4) */
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_gdtr_base(), c->cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_idtr_base(), c->cr4))
        return XVCPU__EC("guest GDTR/IDTR base not canonical", "27.3.1.3");
    if ((xvcpu_vmcs_read_guest_gdtr_limit() | xvcpu_vmcs_read_guest_idtr_limit()) & 0xFFFF0000u)
        return XVCPU__EC("guest GDTR/IDTR limit: bits 31:16 set", "27.3.1.3");
    if ((!c->ia32e || !cs_l) && (rip >> 32))
        return XVCPU__EC("guest RIP: bits 63:32 set outside 64-bit mode", "27.3.1.4");
    if (c->ia32e && cs_l && !xvcpu__x86_canonical(rip, c->cr4))
        return XVCPU__EC("guest RIP not canonical in 64-bit mode", "27.3.1.4");
    if (c->rflags & ~defined)
        return XVCPU__EC("guest RFLAGS: reserved bits set", "27.3.1.4");
    if (!(c->rflags & XVCPU_RFLAGS_FIXED1))
        return XVCPU__EC("guest RFLAGS: bit 1 clear", "27.3.1.4");
    if ((c->rflags & XVCPU_RFLAGS_VM) && (c->ia32e || !(c->cr0 & XVCPU_CR0_PE)))
        return XVCPU__EC("guest RFLAGS.VM set in IA-32e mode or with CR0.PE clear", "27.3.1.4");
    if ((info & XVCPU_INTERRUPTION_INFO_VALID) &&
        XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info) == XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT &&
        !(c->rflags & XVCPU_RFLAGS_IF))
        return XVCPU__EC("guest RFLAGS.IF clear while injecting an external interrupt", "27.3.1.4");
    return NULL;
}

static const char *xvcpu__ec_guest_nonreg(const xvcpu__ec *c)
{
    uint32_t act = xvcpu_vmcs_read_guest_activity_state(), intr = xvcpu_vmcs_read_guest_interruptibility_state();
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    bool injecting = (info & XVCPU_INTERRUPTION_INFO_VALID) != 0;
    uint64_t pend = xvcpu_vmcs_read_guest_pending_debug_exceptions(), link = xvcpu_vmcs_read_vmcs_link_pointer();
    uint32_t sti_movss = XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS;
    uint64_t pend_defined = XVCPU_PENDING_DEBUG_EXCEPTIONS_B0 | XVCPU_PENDING_DEBUG_EXCEPTIONS_B1 |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_B2 | XVCPU_PENDING_DEBUG_EXCEPTIONS_B3 |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT | XVCPU_PENDING_DEBUG_EXCEPTIONS_BS |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_RTM;
    static const uint64_t act_cap[4] = { 0, XVCPU_IA32_VMX_MISC_ACTIVITY_HLT, XVCPU_IA32_VMX_MISC_ACTIVITY_SHUTDOWN,
                                         XVCPU_IA32_VMX_MISC_ACTIVITY_WAIT_SIPI };
    if (act > XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI || (act != 0 && !(c->caps->misc & act_cap[act])))
        return XVCPU__EC("guest activity state not supported (IA32_VMX_MISC)", "27.3.1.5");
    if (act == XVCPU_ACTIVITY_STATE_HLT && XVCPU__EC_DPL(xvcpu_vmcs_read_guest_ss_access_rights()) != 0)
        return XVCPU__EC("guest activity state HLT with SS DPL not 0", "27.3.1.5");
    if ((intr & sti_movss) && act != XVCPU_ACTIVITY_STATE_ACTIVE)
        return XVCPU__EC("guest blocking by STI or MOV SS outside the active state", "27.3.1.5");
    if (injecting && ((act == XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI) ||
                      (act == XVCPU_ACTIVITY_STATE_SHUTDOWN && type != XVCPU_INTERRUPTION_INFO_TYPE_NMI &&
                       (info & XVCPU_INTERRUPTION_INFO_VECTOR_MASK) != 18)))
        return XVCPU__EC("event injected into a wait-for-SIPI or shutdown state that cannot take it", "27.3.1.5");
    if (intr & 0xFFFFFFE0u)
        return XVCPU__EC("guest interruptibility state: reserved bits 31:5 set", "27.3.1.5");
    if ((intr & sti_movss) == sti_movss)
        return XVCPU__EC("guest interruptibility state: blocking by STI and by MOV SS both set", "27.3.1.5");
    if ((intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI) && !(c->rflags & XVCPU_RFLAGS_IF))
        return XVCPU__EC("guest interruptibility state: blocking by STI with RFLAGS.IF clear", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT && (intr & sti_movss))
        return XVCPU__EC("external interrupt injected under blocking by STI or MOV SS", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS))
        return XVCPU__EC("NMI injected under blocking by MOV SS", "27.3.1.5");
    if (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_SMI)
        return XVCPU__EC("guest blocking by SMI outside SMM", "27.3.1.5");
    if (c->entry & XVCPU_ENTRY_ENTRY_TO_SMM) /* a control check on CPUs, a guest check in Bochs 2.7 */
        return XVCPU__EC("guest interruptibility state: entry to SMM without blocking by SMI", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && (c->pin & XVCPU_PIN_VIRTUAL_NMIS) &&
        (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI))
        return XVCPU__EC("NMI injected under blocking by NMI with virtual NMIs", "27.3.1.5");
    if (pend & ~pend_defined)
        return XVCPU__EC("guest pending debug exceptions: reserved bits set", "27.3.1.5");
    if ((intr & sti_movss) || act == XVCPU_ACTIVITY_STATE_HLT) {
        bool tf = (c->rflags & XVCPU_RFLAGS_TF) != 0;
        bool btf = (c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) &&
                   (xvcpu_vmcs_read_guest_ia32_debugctl() & XVCPU_IA32_DEBUGCTL_BTF) != 0;
        bool bs = (pend & XVCPU_PENDING_DEBUG_EXCEPTIONS_BS) != 0;
        if (tf && !btf && !bs)
            return XVCPU__EC("guest pending debug exceptions: BS clear with RFLAGS.TF set under blocking or HLT", "27.3.1.5");
        if ((!tf || btf) && bs)
            return XVCPU__EC("guest pending debug exceptions: BS set without single-stepping under blocking or HLT", "27.3.1.5");
    }
    if (link != ~0ull) {
        const uint32_t *region;
        uint32_t want = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, c->caps->basic);
        if (c->proc2 & XVCPU_PROC2_VMCS_SHADOWING)
            want |= 0x80000000u; /* bit 31 of the region: the shadow-VMCS indicator */
        if ((link & 0xFFF) || (link & c->beyond_phys))
            return XVCPU__EC("VMCS link pointer: not all ones and not a 4-KByte aligned address", "27.3.1.5");
        region = (const uint32_t *)c->vcpu->hal->phys_to_virt(c->vcpu->hal->ctx, link);
        if (region == NULL || *region != want)
            return XVCPU__EC("VMCS link pointer: the region's revision identifier is wrong", "27.3.1.5");
        if (link == c->vcpu->arch.vmx.vmcs_phys)
            return XVCPU__EC("VMCS link pointer: the current VMCS", "27.3.1.5");
        if (c->vcpu->cpu != NULL && link == c->vcpu->cpu->region_phys)
            return XVCPU__EC("VMCS link pointer: the VMXON region", "27.3.1.5");
    }
    return NULL;
}

/* 27.3.1.6: with EPT, PAE paging outside IA-32e mode loads the PDPTEs from the VMCS. */
static const char *xvcpu__ec_pdptes(const xvcpu__ec *c)
{
    unsigned i;
    if (c->ia32e || !(c->cr0 & XVCPU_CR0_PG) || !(c->cr4 & XVCPU_CR4_PAE) || !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return NULL;
    for (i = 0; i < 4; i++) {
        uint64_t e = xvcpu__ec_rd(XVCPU_VMCS_GUEST_PDPTE0 + 2 * i);
        if ((e & 1) && ((e & 0x1E6u) || (e & c->beyond_phys)))
            return XVCPU__EC("guest PDPTE: present with reserved bits set", "27.3.1.6");
    }
    return NULL;
}

static void xvcpu__ec_init(xvcpu__ec *c, const xvcpu_vcpu *vcpu)
{
    uint32_t r[4];
    unsigned width = 36;
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000008u) {
        XVCPU_CPUID(0x80000008u, 0, r);
        width = r[0] & 0xFF;
    }
    c->vcpu = vcpu;
    c->caps = &vcpu->arch.vmx.caps;
    c->beyond_phys = width >= 64 ? 0 : ~0ull << width;
    c->pin = xvcpu_vmcs_read_pin_based_controls();
    c->proc = xvcpu_vmcs_read_primary_proc_based_controls();
    c->proc2 = (c->proc & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) ? xvcpu_vmcs_read_secondary_proc_based_controls() : 0;
    c->exit = xvcpu_vmcs_read_primary_exit_controls();
    c->entry = xvcpu_vmcs_read_entry_controls();
    c->ia32e = (c->entry & XVCPU_ENTRY_IA32E_MODE_GUEST) != 0;
    c->unrestricted = (c->proc2 & XVCPU_PROC2_UNRESTRICTED_GUEST) != 0;
    c->host64 = (c->exit & XVCPU_EXIT_HOST_ADDRESS_SPACE_SIZE) != 0;
    c->cr0 = xvcpu_vmcs_read_guest_cr0();
    c->cr4 = xvcpu_vmcs_read_guest_cr4();
    c->rflags = xvcpu_vmcs_read_guest_rflags();
}

XVCPU_DEF const char *xvcpu_vmx_entry_check(const xvcpu_vcpu *vcpu, uint32_t classes)
{
    xvcpu__ec c;
    const char *why = NULL;
    if (vcpu == NULL || vcpu->magic != XVCPU__VCPU_MAGIC || vcpu->backend != xvcpu_vmx_backend() || vcpu->cpu == NULL)
        return NULL;
    xvcpu__ec_init(&c, vcpu);
    if ((classes & XVCPU_VMX_CHECK_CONTROLS) && (why = xvcpu__ec_controls(&c)) != NULL)
        return why;
    if ((classes & XVCPU_VMX_CHECK_HOST) && (why = xvcpu__ec_host(&c)) != NULL)
        return why;
    if (classes & XVCPU_VMX_CHECK_GUEST) {
        if ((why = xvcpu__ec_guest_regs(&c)) == NULL && (why = xvcpu__ec_segments(&c)) == NULL &&
            (why = xvcpu__ec_guest_rip_flags(&c)) == NULL && (why = xvcpu__ec_guest_nonreg(&c)) == NULL)
            why = xvcpu__ec_pdptes(&c);
    }
    return why;
}

static void xvcpu__dump_line(xvcpu_print_fn print, void *ctx, const char *fmt, ...)
{
    char line[96];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    xvcpu__vformat(line, sizeof(line), fmt, ap);
    __builtin_va_end(ap);
    print(ctx, line);
}

XVCPU_DEF xvcpu_err xvcpu_vmx_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx)
{
    if (vcpu == NULL || print == NULL || vcpu->magic != XVCPU__VCPU_MAGIC)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->backend != xvcpu_vmx_backend() || vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vmx_dump: vCPU %u is not a bound VMX vCPU; its VMCS is not loaded", vcpu->id);
#define XVCPU__DUMP_FIELD(NAME, lname, enc, W, G)                                   \
    {                                                                               \
        uint64_t v;                                                                 \
        if (XVCPU_VMREAD(enc, &v) == XVCPU_VMX_OK)                                  \
            xvcpu__dump_line(print, ctx, "%s %llx", #NAME, (unsigned long long)v);  \
    }
    XVCPU_VMCS_FIELDS(XVCPU__DUMP_FIELD)
#undef XVCPU__DUMP_FIELD
    return XVCPU_OK;
}
