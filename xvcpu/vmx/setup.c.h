/* VMX vCPU lifecycle: create (VMCS and bitmaps from the HAL), setup (controls, masks, CPUID),
 * bind (VMPTRLD; first time: the whole VMCS), unbind (VMCLEAR), destroy. */

/* Guest segment access rights (SDM Vol. 3C 25.4.1, Table 25-2). */
#define XVCPU__AR_CODE16 0x009Bu   /* P, S, type 11 (execute/read, accessed) */
#define XVCPU__AR_DATA16 0x0093u   /* P, S, type 3 (read/write, accessed) */
#define XVCPU__AR_CODE32 0xC09Bu   /* + G, D/B */
#define XVCPU__AR_DATA32 0xC093u
#define XVCPU__AR_CODE64 0xA09Bu   /* + G, L */
#define XVCPU__AR_TSS_BUSY 0x008Bu /* P, type 11 (busy 32/64-bit TSS) */
#define XVCPU__AR_UNUSABLE 0x10000u
#define XVCPU__PAT_POWER_ON 0x0007040600070406ull /* SDM Vol. 3A 13.12.4 */

static void xvcpu__vmx_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu__free(hal, &vcpu->arch.vmx.vmcs, vcpu->arch.vmx.vmcs_phys, 1);
    xvcpu__free(hal, &vcpu->x86.io_bitmap, vcpu->x86.io_bitmap_phys, 2);
    xvcpu__free(hal, &vcpu->x86.msr_bitmap, vcpu->x86.msr_bitmap_phys, 1);
    xvcpu__free(hal, &vcpu->x86.msr_to_vmm, vcpu->x86.msr_to_vmm_phys, 1);
    xvcpu__fpu_free(vcpu);
}

/* The MSRs SYSCALL/SWAPGS use in 64-bit mode, which VM entry and exit leave alone: the guest's
 * values are in the CPU from bind to unbind. Contract: meanwhile the host must not return to its
 * user mode on this CPU (nor rely on SWAPGS from it); unbind first. */
static const uint32_t xvcpu__vmx_syscall_msr[5] = {
    XVCPU_MSR_IA32_STAR, XVCPU_MSR_IA32_LSTAR, XVCPU_MSR_IA32_CSTAR, XVCPU_MSR_IA32_FMASK,
    XVCPU_MSR_IA32_KERNEL_GS_BASE
};

static void xvcpu__vmx_syscall_msrs(xvcpu_vmx_vcpu *vmx, bool to_guest)
{
    unsigned i;
    for (i = 0; i < 5; i++) {
        uint64_t *save = to_guest ? &vmx->host_syscall_msrs[i] : &vmx->guest_syscall_msrs[i];
        *save = XVCPU_RDMSR(xvcpu__vmx_syscall_msr[i]);
        XVCPU_WRMSR(xvcpu__vmx_syscall_msr[i], to_guest ? vmx->guest_syscall_msrs[i] : vmx->host_syscall_msrs[i]);
    }
}

static xvcpu_err xvcpu__vmx_vcpu_create(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    vmx->caps = vcpu->home->caps.vmx;
    vmx->vmcs = xvcpu__alloc_zeroed(hal, 1, &vmx->vmcs_phys);
    vcpu->x86.io_bitmap = xvcpu__alloc_zeroed(hal, 2, &vcpu->x86.io_bitmap_phys);
    vcpu->x86.msr_bitmap = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_bitmap_phys);
    vcpu->x86.msr_to_vmm = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_to_vmm_phys);
    if (!vmx->vmcs || !vcpu->x86.io_bitmap || !vcpu->x86.msr_bitmap || !vcpu->x86.msr_to_vmm) {
        xvcpu__vmx_vcpu_destroy(vcpu);
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_create: vCPU %u: no pages for the VMCS and bitmaps", vcpu->id);
    }
    /* Deny by default: every port and every MSR access exits (bits set). */
    XVCPU_MEMSET(vcpu->x86.io_bitmap, 0xFF, 2 * 4096);
    XVCPU_MEMSET(vcpu->x86.msr_bitmap, 0xFF, 4096);
    {   /* switched at bind/unbind (see xvcpu__vmx_syscall_msrs): the guest uses them directly */
        unsigned i;
        for (i = 0; i < 5; i++) {
            uint32_t bit = (uint32_t)xvcpu__msr_bit(xvcpu__vmx_syscall_msr[i]);
            xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit, false);
            xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit + XVCPU__MSR_WRITE_BITS, false);
        }
    }
    ((uint32_t *)vmx->vmcs)[0] = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, vcpu->arch.vmx.caps.basic);
    return XVCPU_OK;
}

/* Request a control word: the required bits or an error naming the first missing one. */
static xvcpu_err xvcpu__vmx_control(xvcpu_vcpu *vcpu, xvcpu_vmx_word w, uint64_t required, uint64_t optional,
                                    uint32_t *out)
{
    xvcpu_vmx_ctl_result r = xvcpu_vmx_ctl_adjust_word(w, vcpu->arch.vmx.caps.basic, required, optional);
    if (r.missing != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_setup: vCPU %u: the CPU lacks VMX control %s.%s", vcpu->id,
                           xvcpu_vmx_word_describe(w).name, xvcpu_vmx_ctl_first_missing(w, r.missing));
    *out = (uint32_t)r.value;
    return XVCPU_OK;
}

static uint64_t xvcpu__vmx_cr4_mask(const xvcpu_vcpu *vcpu);

static xvcpu_err xvcpu__vmx_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vmx_caps *caps = &vcpu->arch.vmx.caps;
    xvcpu_err err;
    uint64_t owned;

    if (args->stage2 == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u: VMX needs stage-2 (EPT) tables", vcpu->id);
    if (args->stage2->format != XVCPU_STAGE2_EPT)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u: the stage-2 tables are not in EPT format", vcpu->id);
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PIN,
                                  XVCPU_PIN_EXTERNAL_INTERRUPT_EXITING | XVCPU_PIN_NMI_EXITING | XVCPU_PIN_VIRTUAL_NMIS,
                                  0, &vmx->pin)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PROC,
                                  XVCPU_PROC_HLT_EXITING | XVCPU_PROC_USE_IO_BITMAPS | XVCPU_PROC_USE_MSR_BITMAPS |
                                      XVCPU_PROC_CR8_LOAD_EXITING | XVCPU_PROC_CR8_STORE_EXITING |
                                      XVCPU_PROC_MWAIT_EXITING | XVCPU_PROC_MONITOR_EXITING |
                                      XVCPU_PROC_RDPMC_EXITING | XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS,
                                  XVCPU_PROC_USE_TSC_OFFSETTING, &vmx->proc)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PROC2, XVCPU_PROC2_ENABLE_EPT | XVCPU_PROC2_UNRESTRICTED_GUEST,
                                  XVCPU_PROC2_ENABLE_VPID | XVCPU_PROC2_ENABLE_RDTSCP | XVCPU_PROC2_ENABLE_INVPCID |
                                      XVCPU_PROC2_WBINVD_EXITING,
                                  &vmx->proc2)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_EXIT,
                                  XVCPU_EXIT_HOST_ADDRESS_SPACE_SIZE | XVCPU_EXIT_ACKNOWLEDGE_INTERRUPT_ON_EXIT |
                                      XVCPU_EXIT_SAVE_IA32_EFER | XVCPU_EXIT_LOAD_IA32_EFER | XVCPU_EXIT_SAVE_IA32_PAT |
                                      XVCPU_EXIT_LOAD_IA32_PAT | XVCPU_EXIT_SAVE_DEBUG_CONTROLS,
                                  0, &vmx->exit_ctls)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_ENTRY,
                                  XVCPU_ENTRY_LOAD_IA32_EFER | XVCPU_ENTRY_LOAD_IA32_PAT | XVCPU_ENTRY_LOAD_DEBUG_CONTROLS |
                                      (args->mode == XVCPU_START_LONG ? XVCPU_ENTRY_IA32E_MODE_GUEST : 0),
                                  0, &vmx->entry_ctls)) != XVCPU_OK)
        return err;
    if ((vmx->proc2 & XVCPU_PROC2_ENABLE_VPID) != 0)
        vmx->vpid = (uint16_t)(vcpu->id + 1); /* VPID 0 is the host's */

    /* CR0/CR4 bits the host owns: those VMX fixes (except PE/PG, free under unrestricted guest),
     * and those whose changes the library must see (mode switches, reserved combinations). */
    owned = (caps->cr0_fixed0 | ~caps->cr0_fixed1) & ~(XVCPU_CR0_PE | XVCPU_CR0_PG);
    vmx->cr0_mask = owned | XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW;
    vmx->cr4_allowed = caps->cr4_fixed1 & ~(XVCPU_CR4_VMXE | XVCPU_CR4_SMXE);
    vmx->stage2 = args->stage2;
    vmx->start = *args;
    vmx->initialized = false;
    vmx->cr4_mask_stale = false;
    xvcpu__x86_msrs_setup(vcpu);
    vcpu->x86.tsc_offset_ok = (vmx->proc & XVCPU_PROC_USE_TSC_OFFSETTING) != 0;
    if ((err = xvcpu__x86_cpuid_setup(vcpu, vmx->proc2, vmx->cr4_allowed, XVCPU__X86_EFER_GUEST)) != XVCPU_OK)
        return err;
    vmx->cr4_mask = xvcpu__vmx_cr4_mask(vcpu);
    return xvcpu__fpu_setup(vcpu);
}

/* The CR4 bits the host owns (writes exit): those VMX fixes or the CPU lacks, those the guest's
 * CPUID view hides (MOV to CR4 must #GP: the feature table), and those whose changes the library
 * must see (paging mode, PCID, XSAVE and PKRU state). The rest are the guest's, without exits. */
static uint64_t xvcpu__vmx_cr4_mask(const xvcpu_vcpu *vcpu)
{
    const xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    return vmx->caps.cr4_fixed0 | ~(vmx->cr4_allowed & vcpu->x86.cr4_view) | XVCPU_CR4_PAE | XVCPU_CR4_PCIDE |
           XVCPU_CR4_LA57 | XVCPU_CR4_OSXSAVE | XVCPU_CR4_PKE;
}

/* Take the new mask while the VMCS is current: the guest's CR4 as it stands (its own bits from
 * the VMCS) becomes the read shadow, so no bit changes when its owner does. */
static int xvcpu__vmx_apply_cr4_mask(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    vmx->cr4 = (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask);
    vmx->cr4_mask = xvcpu__vmx_cr4_mask(vcpu);
    vmx->cr4_mask_stale = false;
    return xvcpu_vmcs_write_cr4_guest_host_mask(vmx->cr4_mask) | xvcpu_vmcs_write_cr4_read_shadow(vmx->cr4);
}

/* xvcpu_vcpu_set_cpuid changed the view: before the first bind the mask is just recomputed (the
 * first bind writes it); bound (Ready), it is written now; unbound, at the next bind. */
static void xvcpu__vmx_view_changed(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    if (!vmx->initialized)
        vmx->cr4_mask = xvcpu__vmx_cr4_mask(vcpu);
    else if (vcpu->state == XVCPU_STATE_READY)
        (void)xvcpu__vmx_apply_cr4_mask(vcpu);
    else
        vmx->cr4_mask_stale = true;
}

/* Write the whole guest area for the start mode (first bind only). */
static int xvcpu__vmx_write_guest_state(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmx_caps *caps = &vcpu->arch.vmx.caps;
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vcpu_setup_args *a = &vmx->start;
    xvcpu__x86_start g;
    uint32_t cs_ar, ds_ar;
    int st = 0;

    xvcpu__x86_start_state(a, &g);
    cs_ar = g.code_bits == 16 ? XVCPU__AR_CODE16 : g.code_bits == 32 ? XVCPU__AR_CODE32 : XVCPU__AR_CODE64;
    ds_ar = g.code_bits == 16 ? XVCPU__AR_DATA16 : XVCPU__AR_DATA32;
    vmx->cr0 = g.cr0;
    vmx->cr4 = g.cr4;
    vmx->efer = g.efer;
    st |= xvcpu_vmcs_write_cr0_guest_host_mask(vmx->cr0_mask);
    st |= xvcpu_vmcs_write_cr4_guest_host_mask(vmx->cr4_mask);
    st |= xvcpu_vmcs_write_cr0_read_shadow(vmx->cr0);
    st |= xvcpu_vmcs_write_cr4_read_shadow(vmx->cr4);
    st |= xvcpu_vmcs_write_guest_cr0((vmx->cr0 | (caps->cr0_fixed0 & ~(XVCPU_CR0_PE | XVCPU_CR0_PG))) & caps->cr0_fixed1);
    st |= xvcpu_vmcs_write_guest_cr4((vmx->cr4 | caps->cr4_fixed0) & caps->cr4_fixed1);
    st |= xvcpu_vmcs_write_guest_cr3(g.cr3);
    st |= xvcpu_vmcs_write_guest_ia32_efer(g.efer);
    st |= xvcpu_vmcs_write_guest_ia32_pat(XVCPU__PAT_POWER_ON);
    st |= xvcpu_vmcs_write_guest_ia32_debugctl(0);
    st |= xvcpu_vmcs_write_guest_dr7(0x400);
    st |= xvcpu_vmcs_write_guest_rflags(XVCPU_RFLAGS_FIXED1);
    st |= xvcpu_vmcs_write_guest_rip(g.rip);
    st |= xvcpu_vmcs_write_guest_rsp(a->stack);
    st |= xvcpu_vmcs_write_guest_cs_selector(g.cs_sel);
    st |= xvcpu_vmcs_write_guest_cs_base(g.cs_base);
    st |= xvcpu_vmcs_write_guest_cs_limit(g.limit);
    st |= xvcpu_vmcs_write_guest_cs_access_rights(cs_ar);
#define XVCPU__DATA_SEG(seg)                                              \
    st |= xvcpu_vmcs_write_guest_##seg##_selector(g.ds_sel);              \
    st |= xvcpu_vmcs_write_guest_##seg##_base(0);                         \
    st |= xvcpu_vmcs_write_guest_##seg##_limit(g.limit);                  \
    st |= xvcpu_vmcs_write_guest_##seg##_access_rights(ds_ar);
    XVCPU__DATA_SEG(ss)
    XVCPU__DATA_SEG(ds)
    XVCPU__DATA_SEG(es)
    XVCPU__DATA_SEG(fs)
    XVCPU__DATA_SEG(gs)
#undef XVCPU__DATA_SEG
    st |= xvcpu_vmcs_write_guest_tr_selector(0);
    st |= xvcpu_vmcs_write_guest_tr_base(0);
    st |= xvcpu_vmcs_write_guest_tr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_tr_access_rights(XVCPU__AR_TSS_BUSY);
    st |= xvcpu_vmcs_write_guest_ldtr_selector(0);
    st |= xvcpu_vmcs_write_guest_ldtr_base(0);
    st |= xvcpu_vmcs_write_guest_ldtr_limit(0);
    st |= xvcpu_vmcs_write_guest_ldtr_access_rights(XVCPU__AR_UNUSABLE);
    st |= xvcpu_vmcs_write_guest_gdtr_base(0);
    st |= xvcpu_vmcs_write_guest_gdtr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_idtr_base(0);
    st |= xvcpu_vmcs_write_guest_idtr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_cs(0);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_esp(0);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_eip(0);
    st |= xvcpu_vmcs_write_guest_interruptibility_state(0);
    st |= xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_ACTIVE);
    st |= xvcpu_vmcs_write_guest_pending_debug_exceptions(0);
    st |= xvcpu_vmcs_write_vmcs_link_pointer(~0ull);
    return st;
}

/* Controls and pointers that never change per CPU (first bind only). */
static int xvcpu__vmx_write_controls(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = 0;
    st |= xvcpu_vmcs_write_pin_based_controls(vmx->pin);
    st |= xvcpu_vmcs_write_primary_proc_based_controls(vmx->proc);
    st |= xvcpu_vmcs_write_secondary_proc_based_controls(vmx->proc2);
    st |= xvcpu_vmcs_write_primary_exit_controls(vmx->exit_ctls);
    st |= xvcpu_vmcs_write_entry_controls(vmx->entry_ctls);
    st |= xvcpu_vmcs_write_exception_bitmap(0);
    st |= xvcpu_vmcs_write_io_bitmap_a_address(vcpu->x86.io_bitmap_phys);
    st |= xvcpu_vmcs_write_io_bitmap_b_address(vcpu->x86.io_bitmap_phys + 4096);
    st |= xvcpu_vmcs_write_msr_bitmap_address(vcpu->x86.msr_bitmap_phys);
    st |= xvcpu_vmcs_write_ept_pointer(xvcpu_stage2_eptp(vmx->stage2));
    if (vmx->vpid != 0)
        st |= xvcpu_vmcs_write_virtual_processor_id(vmx->vpid);
    st |= xvcpu_vmcs_write_exit_msr_store_count(0);
    st |= xvcpu_vmcs_write_exit_msr_load_count(0);
    st |= xvcpu_vmcs_write_entry_msr_load_count(0);
    st |= xvcpu_vmcs_write_entry_interruption_info(0);
    if (vcpu->x86.tsc_offset_ok)
        st |= xvcpu_vmcs_write_tsc_offset(vcpu->x86.tsc_offset);
    vmx->stage2_generation = vmx->stage2->generation;
    return st;
}

/* The host area: this CPU's state, written at every bind (SDM Vol. 3C 25.5, 27.2.3). */
static int xvcpu__vmx_write_host_state(void)
{
    xvcpu_dtr gdtr, idtr;
    uint16_t tr = XVCPU_READ_SEL(tr);
    const uint8_t *desc;
    uint64_t tr_base;
    int st = 0;

    XVCPU_SGDT(&gdtr);
    XVCPU_SIDT(&idtr);
    /* The TSS base from its 16-byte system descriptor in the GDT. */
    desc = (const uint8_t *)(uintptr_t)(gdtr.base + (tr & ~7u));
    tr_base = (uint64_t)desc[2] | ((uint64_t)desc[3] << 8) | ((uint64_t)desc[4] << 16) | ((uint64_t)desc[7] << 24) |
              ((uint64_t)desc[8] << 32) | ((uint64_t)desc[9] << 40) | ((uint64_t)desc[10] << 48) |
              ((uint64_t)desc[11] << 56);
    st |= xvcpu_vmcs_write_host_cr0(XVCPU_READ_CR0());
    st |= xvcpu_vmcs_write_host_cr3(XVCPU_READ_CR3());
    st |= xvcpu_vmcs_write_host_cr4(XVCPU_READ_CR4());
    st |= xvcpu_vmcs_write_host_cs_selector((uint16_t)(XVCPU_READ_SEL(cs) & ~7u));
    st |= xvcpu_vmcs_write_host_ss_selector((uint16_t)(XVCPU_READ_SEL(ss) & ~7u));
    st |= xvcpu_vmcs_write_host_ds_selector((uint16_t)(XVCPU_READ_SEL(ds) & ~7u));
    st |= xvcpu_vmcs_write_host_es_selector((uint16_t)(XVCPU_READ_SEL(es) & ~7u));
    st |= xvcpu_vmcs_write_host_fs_selector((uint16_t)(XVCPU_READ_SEL(fs) & ~7u));
    st |= xvcpu_vmcs_write_host_gs_selector((uint16_t)(XVCPU_READ_SEL(gs) & ~7u));
    st |= xvcpu_vmcs_write_host_tr_selector((uint16_t)(tr & ~7u));
    st |= xvcpu_vmcs_write_host_fs_base(XVCPU_RDMSR(XVCPU_MSR_IA32_FS_BASE));
    st |= xvcpu_vmcs_write_host_gs_base(XVCPU_RDMSR(XVCPU_MSR_IA32_GS_BASE));
    st |= xvcpu_vmcs_write_host_tr_base(tr_base);
    st |= xvcpu_vmcs_write_host_gdtr_base(gdtr.base);
    st |= xvcpu_vmcs_write_host_idtr_base(idtr.base);
    st |= xvcpu_vmcs_write_host_ia32_sysenter_cs((uint32_t)XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_CS));
    st |= xvcpu_vmcs_write_host_ia32_sysenter_esp(XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_ESP));
    st |= xvcpu_vmcs_write_host_ia32_sysenter_eip(XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_EIP));
    st |= xvcpu_vmcs_write_host_ia32_efer(XVCPU_RDMSR(XVCPU_MSR_IA32_EFER));
    st |= xvcpu_vmcs_write_host_ia32_pat(XVCPU_RDMSR(XVCPU_MSR_IA32_PAT));
    st |= xvcpu_vmcs_write_host_rip(XVCPU_VMX_EXIT_POINT);
    return st;
}

static xvcpu_err xvcpu__vmx_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMPTRLD(vmx->vmcs_phys);
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMPTRLD", st);
    if (!vmx->initialized) {
        st = xvcpu__vmx_write_controls(vcpu) | xvcpu__vmx_write_guest_state(vcpu);
        if (st != XVCPU_VMX_OK) {
            xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMWRITE (guest state)", st);
            (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
            return err;
        }
        vmx->initialized = true;
    } else if (vmx->cr4_mask_stale && (st = xvcpu__vmx_apply_cr4_mask(vcpu)) != XVCPU_VMX_OK) {
        xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMWRITE (CR4 mask)", st);
        (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
        return err;
    }
    st = xvcpu__vmx_write_host_state();
    if (st != XVCPU_VMX_OK) {
        xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMWRITE (host state)", st);
        (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
        return err;
    }
    vmx->host_rsp = 0; /* the trampoline writes HOST_RSP on the first entry */
    vmx->have = 0;
    if (vmx->vpid != 0 && (!vmx->vpid_flushed || vmx->vpid_cpu != vcpu->cpu->cpu_id)) {
        /* This CPU may hold translations tagged with the VPID from an earlier run here (or from a
         * destroyed vCPU that had it): drop them (SDM Vol. 3C 29.4.3.3). */
        bool single = (vmx->caps.ept_vpid & XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT) != 0;
        st = XVCPU_INVVPID(single ? XVCPU_INVVPID_TYPE_SINGLE_CONTEXT : XVCPU_INVVPID_TYPE_ALL_CONTEXT, vmx->vpid, 0);
        if (st != XVCPU_VMX_OK) {
            xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: INVVPID", st);
            (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
            return err;
        }
        vmx->vpid_flushed = true;
        vmx->vpid_cpu = vcpu->cpu->cpu_id;
    }
    xvcpu__vmx_syscall_msrs(vmx, true);
    xvcpu__x86_bind_state(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMCLEAR(vmx->vmcs_phys);
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_unbind: VMCLEAR", st);
    vmx->launched = false; /* a cleared VMCS must be entered with VMLAUNCH (SDM Vol. 3C 25.11.3) */
    xvcpu__vmx_syscall_msrs(vmx, false);
    xvcpu__x86_unbind_state(vcpu);
    return XVCPU_OK;
}
