/* VMX per-CPU enable and disable (SDM Vol. 3C 24.7 "Enabling and Entering VMX Operation"). */

/* Report a failed VMX instruction with the SDM's words. */
static xvcpu_err xvcpu__vmx_insn_fail(const xvcpu_hal *hal, char *buf, const char *what, int status)
{
    uint64_t number = 0;
    const char *text;
    if (status == XVCPU_VMX_FAIL_INVALID)
        return xvcpu__fail(hal, buf, XVCPU_ERR_VM_INSTRUCTION, "%s failed: VMfailInvalid (no current VMCS)", what);
    (void)XVCPU_VMREAD(XVCPU_VMCS_VM_INSTRUCTION_ERROR, &number);
    text = xvcpu_vmx_error_text((uint32_t)number);
    return xvcpu__fail(hal, buf, XVCPU_ERR_VM_INSTRUCTION, "%s failed: VM-instruction error %u: %s", what,
                       (unsigned)number, text ? text : "(unknown error number)");
}

static xvcpu_err xvcpu__vmx_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_vmx_caps *caps = &cpu->caps.vmx;
    uint32_t r[4];
    uint64_t fc, cr0, cr4, need, bad;
    uint32_t *region;
    int st;

    XVCPU_CPUID(1, 0, r);
    if ((r[2] & XVCPU_CPUID_01_ECX_VMX) == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED, "%s: CPU %u has no VMX (CPUID.1:ECX.VMX = 0)",
                           fn, cpu->cpu_id);
    cr4 = XVCPU_READ_CR4();
    if (cr4 & XVCPU_CR4_VMXE)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "%s: CPU %u: CR4.VMXE is already set; VMX is in use by someone else", fn, cpu->cpu_id);

    /* IA32_FEATURE_CONTROL (SDM Vol. 3C 24.7): firmware may have locked VMX off. */
    fc = XVCPU_RDMSR(XVCPU_MSR_IA32_FEATURE_CONTROL);
    if (fc & XVCPU_IA32_FEATURE_CONTROL_LOCK) {
        if ((fc & XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX) == 0)
            return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_DISABLED_BY_FIRMWARE,
                               "%s: CPU %u: IA32_FEATURE_CONTROL (%llx) is locked without VMX outside SMX", fn,
                               cpu->cpu_id, (unsigned long long)fc);
    } else {
        XVCPU_WRMSR(XVCPU_MSR_IA32_FEATURE_CONTROL,
                    fc | XVCPU_IA32_FEATURE_CONTROL_LOCK | XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX);
    }

    /* IA32_VMX_BASIC (SDM Vol. 3D A.1): the regions must fit a page and be write-back. */
    caps->basic = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_BASIC);
    if (XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REGION_SIZE, caps->basic) > 4096)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: IA32_VMX_BASIC (%llx) wants VMX regions larger than 4 KiB", fn, cpu->cpu_id,
                           (unsigned long long)caps->basic);
    if (XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_MEMORY_TYPE, caps->basic) != XVCPU_X86_MEMORY_TYPE_WB)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: IA32_VMX_BASIC (%llx) does not use write-back VMX regions", fn, cpu->cpu_id,
                           (unsigned long long)caps->basic);
    caps->misc = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_MISC);
    caps->cr0_fixed0 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR0_FIXED0);
    caps->cr0_fixed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR0_FIXED1);
    caps->cr4_fixed0 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR4_FIXED0);
    caps->cr4_fixed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR4_FIXED1);
    /* IA32_VMX_EPT_VPID_CAP exists only when secondary controls can enable EPT or VPID (A.10). */
    caps->ept_vpid = 0;
    if ((XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS) >> 32) & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) {
        uint64_t allowed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2) >> 32;
        if (allowed1 & (XVCPU_PROC2_ENABLE_EPT | XVCPU_PROC2_ENABLE_VPID))
            caps->ept_vpid = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_EPT_VPID_CAP);
    }

    /* CR0 and CR4 must hold every FIXED0 bit and no bit outside FIXED1 (SDM Vol. 3D A.7, A.8). */
    cr0 = XVCPU_READ_CR0();
    need = caps->cr0_fixed0 & ~cr0;
    bad = cr0 & ~caps->cr0_fixed1;
    if (need | bad)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: CPU %u: CR0 %llx must also set %llx and clear %llx (IA32_VMX_CR0_FIXED0/1)", fn,
                           cpu->cpu_id, (unsigned long long)cr0, (unsigned long long)need, (unsigned long long)bad);
    cr4 |= XVCPU_CR4_VMXE;
    need = caps->cr4_fixed0 & ~cr4;
    bad = cr4 & ~caps->cr4_fixed1;
    if (need | bad)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: CPU %u: CR4 %llx must also set %llx and clear %llx (IA32_VMX_CR4_FIXED0/1)", fn,
                           cpu->cpu_id, (unsigned long long)cr4, (unsigned long long)need, (unsigned long long)bad);

    region = (uint32_t *)cpu->hal->alloc_pages(cpu->hal->ctx, 1, &cpu->region_phys);
    if (region == NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_NO_MEMORY, "%s: CPU %u: no page for the VMXON region",
                           fn, cpu->cpu_id);
    XVCPU_MEMSET(region, 0, 4096);
    region[0] = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, caps->basic);
    cpu->region = region;
    XVCPU_WRITE_CR4(cr4);
    st = XVCPU_VMXON(cpu->region_phys);
    if (st != XVCPU_VMX_OK) {
        XVCPU_WRITE_CR4(cr4 & ~XVCPU_CR4_VMXE);
        cpu->hal->free_pages(cpu->hal->ctx, region, cpu->region_phys, 1);
        cpu->region = NULL;
        return xvcpu__vmx_insn_fail(cpu->hal, cpu->error, "VMXON", st);
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_percpu_disable(xvcpu_percpu *cpu)
{
    int st = XVCPU_VMXOFF();
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(cpu->hal, cpu->error, "VMXOFF", st);
    XVCPU_WRITE_CR4(XVCPU_READ_CR4() & ~XVCPU_CR4_VMXE);
    cpu->hal->free_pages(cpu->hal->ctx, cpu->region, cpu->region_phys, 1);
    cpu->region = NULL;
    return XVCPU_OK;
}
