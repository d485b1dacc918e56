/* SVM per-CPU enable and disable (AMD APM Vol. 2 15.4 "Enabling SVM", 15.30 "SVM-related MSRs").
 * Enable sets EFER.SVME, and EFER.NXE when the host runs without it (nested paging needs it);
 * disable clears both again and puts VM_HSAVE_PA back.
 * The per-CPU region is two pages: the host save area VMRUN uses (VM_HSAVE_PA), then the page the
 * run loop VMSAVEs the host's FS/GS/TR/LDTR/SYSCALL/SYSENTER state to at bind (15.5.2). */

#define XVCPU__SVM_REGION_PAGES 2

/* What CPUID Fn8000_000A (APM Vol. 3 E.4.9) says this CPU offers. */
static void xvcpu__svm_read_caps(xvcpu_svm_caps *caps)
{
    uint32_t r[4];
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x8000000Au) {
        XVCPU_CPUID(0x8000000Au, 0, r);
        caps->revision = (uint32_t)XVCPU_FIELD_GET(XVCPU_SVM_CPUID_8000000A_EAX_SVM_REV, r[0]);
        caps->nasid = r[1];
        caps->features = r[3];
    }
    caps->npt = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_NP) != 0;
    caps->nrips = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_NRIPS) != 0;
    caps->decode_assists = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS) != 0;
    caps->vmcb_clean = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN) != 0;
    caps->flush_by_asid = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID) != 0;
    caps->vgif = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_VGIF) != 0;
    caps->avic = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_AVIC) != 0;
    XVCPU_CPUID(0x80000001u, 0, r);
    caps->page_1g = (r[3] & XVCPU_CPUID_80000001_EDX_PDPE1GB) != 0;
    caps->nx = (r[3] & XVCPU_CPUID_80000001_EDX_NX) != 0;
}

static xvcpu_err xvcpu__svm_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_svm_caps *caps = &cpu->caps.svm;
    uint32_t r[4];
    uint64_t vm_cr, efer;
    void *region;

    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000001u)
        XVCPU_CPUID(0x80000001u, 0, r);
    else
        r[2] = 0;
    if ((r[2] & XVCPU_CPUID_80000001_ECX_SVM) == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u has no SVM (CPUID 0x80000001:ECX.SVM = 0)", fn, cpu->cpu_id);
    /* VM_CR.SVMDIS: firmware turned SVM off; with VM_CR.LOCK it stays off (APM Vol. 2 15.30.1). */
    vm_cr = XVCPU_RDMSR(XVCPU_MSR_VM_CR);
    if (vm_cr & XVCPU_VM_CR_SVMDIS)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_DISABLED_BY_FIRMWARE,
                           "%s: CPU %u: SVM is disabled by firmware (VM_CR %llx: SVMDIS%s)", fn, cpu->cpu_id,
                           (unsigned long long)vm_cr, (vm_cr & XVCPU_VM_CR_LOCK) ? ", locked" : "");
    efer = XVCPU_RDMSR(XVCPU_MSR_IA32_EFER);
    if (efer & XVCPU_IA32_EFER_SVME)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "%s: CPU %u: EFER.SVME is already set; SVM is in use by someone else", fn, cpu->cpu_id);

    XVCPU_MEMSET(caps, 0, sizeof(*caps));
    xvcpu__svm_read_caps(caps);
    /* no ASID is known clean yet: the first bind starts a generation (and flushes them all) */
    caps->next_asid = caps->nasid;
    region = xvcpu__alloc_zeroed(cpu->hal, XVCPU__SVM_REGION_PAGES, &cpu->region_phys);
    if (region == NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_NO_MEMORY,
                           "%s: CPU %u: no pages for the host save area", fn, cpu->cpu_id);
    cpu->region = region;
    /* The host save area must be set before the first VMRUN (APM Vol. 2 15.30.4). */
    caps->saved_hsave_pa = XVCPU_RDMSR(XVCPU_MSR_VM_HSAVE_PA);
    XVCPU_WRMSR(XVCPU_MSR_VM_HSAVE_PA, cpu->region_phys);
    /* Nested walks use the host's EFER.NXE (APM Vol. 2 15.25.5): without it the no-execute bit of
     * a nested entry is reserved. A host running without NXE has no XD bits in its own tables, so
     * turning it on changes nothing for the host. */
    caps->set_nxe = caps->nx && !(efer & XVCPU_IA32_EFER_NXE);
    if (caps->set_nxe)
        efer |= XVCPU_IA32_EFER_NXE;
    XVCPU_WRMSR(XVCPU_MSR_IA32_EFER, efer | XVCPU_IA32_EFER_SVME);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_percpu_disable(xvcpu_percpu *cpu)
{
    uint64_t clear = XVCPU_IA32_EFER_SVME | (cpu->caps.svm.set_nxe ? XVCPU_IA32_EFER_NXE : 0);
    XVCPU_WRMSR(XVCPU_MSR_IA32_EFER, XVCPU_RDMSR(XVCPU_MSR_IA32_EFER) & ~clear);
    XVCPU_WRMSR(XVCPU_MSR_VM_HSAVE_PA, cpu->caps.svm.saved_hsave_pa);
    xvcpu__free(cpu->hal, &cpu->region, cpu->region_phys, XVCPU__SVM_REGION_PAGES);
    return XVCPU_OK;
}
