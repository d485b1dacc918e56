/* SVM vCPU lifecycle: create (VMCB, I/O and MSR permission maps from the HAL), setup (the whole
 * VMCB: intercepts, nested paging, the start state), bind (host VMSAVE, ASID and TLB policy),
 * unbind, destroy. AMD APM Vol. 2 chapter 15 and Appendix B. */

/* Segment attributes in the VMCB's 12-bit form: descriptor bits 47:40 in 7:0, bits 55:52
 * (AVL, L, D/B, G) in 11:8 (APM Vol. 2 Table B-2, 4.7.1). */
#define XVCPU__SVM_ATTR_CODE16 0x009Bu   /* P, S, type 11 (execute/read, accessed) */
#define XVCPU__SVM_ATTR_DATA16 0x0093u   /* P, S, type 3 (read/write, accessed) */
#define XVCPU__SVM_ATTR_CODE32 0x0C9Bu   /* + G, D/B */
#define XVCPU__SVM_ATTR_DATA32 0x0C93u
#define XVCPU__SVM_ATTR_CODE64 0x0A9Bu   /* + G, L */
#define XVCPU__SVM_ATTR_TSS_BUSY 0x008Bu /* P, type 11 (busy 64-bit TSS) */
#define XVCPU__SVM_ATTR_L 0x200u
#define XVCPU__SVM_ATTR_DB 0x400u
#define XVCPU__SVM_PAT_POWER_ON 0x0007040600070406ull /* APM Vol. 2 7.8.2 */
#define XVCPU__SVM_IOPM_PAGES 3  /* 12 KiB (APM Vol. 2 15.10.1) */
#define XVCPU__SVM_MSRPM_PAGES 2 /* 8 KiB (APM Vol. 2 15.11) */
/* The clean-bit groups this backend knows (APM Vol. 2 15.15.3, bits 0-11); CET is left dirty. */
#define XVCPU__SVM_CLEAN_ALL 0xFFFu
/* Not a clean-bit group: VMCB_CLEAN was last written with groups marked dirty, so the next
 * entry writes it again (all clean) - an entry with nothing dirty then skips the field. */
#define XVCPU__SVM_DIRTY_CLEAN_FIELD 0x80000000u
/* The groups holding what VMRUN's consistency checks read (CR0/3/4, EFER; DR6/7; CS). */
#define XVCPU__SVM_CHECKED_STATE (XVCPU_VMCB_CLEAN_BITS_CRX | XVCPU_VMCB_CLEAN_BITS_DRX | XVCPU_VMCB_CLEAN_BITS_SEG)

/* Base intercepts: every exit VMX takes unconditionally or through a control this backend mirrors.
 * CR0, CR4 and CR8 writes are checked here as VMX checks them (the guest's CR0/CR3/CR4 are
 * otherwise its own under nested paging); CR3 is not intercepted; CR8 reads come from V_TPR
 * (V_INTR_MASKING). Exceptions are not intercepted. Every CR0 write exits, not just those the
 * selective intercept sees (bits other than TS/MP): QEMU's selective intercept misses a write of
 * bits 63:32, which it then accepts without the #GP (docs/EMULATORS.md); only CLTS and
 * TS/MP-only writes cost an exit more, and a kernel with eager FPU switching makes few. CR8
 * writes exit as VMX's CR8-load exiting makes them (QEMU accepts bits 63:4 otherwise). */
#define XVCPU__SVM_INTERCEPT_CR ((1u << 16) | (1u << (16 + 4)) | (1u << (16 + 8))) /* CR0, CR4, CR8 writes (APM Vol. 2 15.9.1) */
/* #DF, and while a #DF is being delivered the faults that turn it into a shutdown (contributory
 * ones and #PF, APM Vol. 2 8.2.9): the library sees a triple fault even where the CPU (Bochs 2.7)
 * does not take the SHUTDOWN intercept for it. */
#define XVCPU__SVM_INTERCEPT_EXC (1u << 8)
#define XVCPU__SVM_INTERCEPT_EXC_DF_WATCH ((1u << 10) | (1u << 11) | (1u << 12) | (1u << 13) | (1u << 14))
#define XVCPU__SVM_MISC1                                                                                     \
    (XVCPU_SVM_INTERCEPT_MISC1_INTR | XVCPU_SVM_INTERCEPT_MISC1_NMI | XVCPU_SVM_INTERCEPT_MISC1_INIT |       \
     XVCPU_SVM_INTERCEPT_MISC1_RDPMC | XVCPU_SVM_INTERCEPT_MISC1_CPUID | XVCPU_SVM_INTERCEPT_MISC1_INVD |    \
     XVCPU_SVM_INTERCEPT_MISC1_HLT | XVCPU_SVM_INTERCEPT_MISC1_INVLPGA | XVCPU_SVM_INTERCEPT_MISC1_IOIO_PROT | \
     XVCPU_SVM_INTERCEPT_MISC1_MSR_PROT | XVCPU_SVM_INTERCEPT_MISC1_SHUTDOWN)
/* VMRUN must be intercepted (APM Vol. 2 15.5.1); the other SVM instructions, MONITOR/MWAIT
 * (CPUID hides them) are #UD for the guest; WBINVD is a no-op; XSETBV is checked here. */
#define XVCPU__SVM_MISC2                                                                                      \
    (XVCPU_SVM_INTERCEPT_MISC2_VMRUN | XVCPU_SVM_INTERCEPT_MISC2_VMMCALL | XVCPU_SVM_INTERCEPT_MISC2_VMLOAD |  \
     XVCPU_SVM_INTERCEPT_MISC2_VMSAVE | XVCPU_SVM_INTERCEPT_MISC2_STGI | XVCPU_SVM_INTERCEPT_MISC2_CLGI |     \
     XVCPU_SVM_INTERCEPT_MISC2_SKINIT | XVCPU_SVM_INTERCEPT_MISC2_WBINVD | XVCPU_SVM_INTERCEPT_MISC2_MONITOR | \
     XVCPU_SVM_INTERCEPT_MISC2_MWAIT | XVCPU_SVM_INTERCEPT_MISC2_MWAIT_CONDITIONAL |                         \
     XVCPU_SVM_INTERCEPT_MISC2_XSETBV)

/* MSRs whose guest values VMLOAD/VMSAVE switch at every entry and exit (APM Vol. 2 15.5.2): the
 * guest reads them directly, and writes those that hold no address. Writes of an address (the
 * segment bases, LSTAR, CSTAR, SYSENTER_ESP/EIP) exit for the canonical check: QEMU does not make
 * it (docs/EMULATORS.md). VMX exits for the FS/GS/SYSENTER writes too; LSTAR and CSTAR are
 * written at boot. */
static const uint32_t xvcpu__svm_vmload_msr[10] = {
    XVCPU_MSR_IA32_FS_BASE, XVCPU_MSR_IA32_GS_BASE, XVCPU_MSR_IA32_KERNEL_GS_BASE, XVCPU_MSR_IA32_STAR,
    XVCPU_MSR_IA32_LSTAR, XVCPU_MSR_IA32_CSTAR, XVCPU_MSR_IA32_FMASK, XVCPU_MSR_IA32_SYSENTER_CS,
    XVCPU_MSR_IA32_SYSENTER_ESP, XVCPU_MSR_IA32_SYSENTER_EIP
};

/* Whether WRMSR of `msr` must be canonical (SDM Vol. 4 Table 2-2; APM Vol. 2 A.7): the VMLOAD
 * MSRs but STAR, FMASK and SYSENTER_CS. */
static bool xvcpu__svm_msr_holds_address(uint32_t msr)
{
    return msr != XVCPU_MSR_IA32_STAR && msr != XVCPU_MSR_IA32_FMASK && msr != XVCPU_MSR_IA32_SYSENTER_CS;
}

/* Bit of `msr`'s read permission in the MSRPM; its write permission is the next bit. Two bits per
 * MSR in three 2 KiB vectors: 0-1FFF, C0000000-C0001FFF, C0010000-C0011FFF (APM Vol. 2 15.11). */
static long xvcpu__svm_msrpm_bit(uint32_t msr)
{
    if (msr <= 0x1FFFu)
        return 2L * msr;
    if (msr >= 0xC0000000u && msr <= 0xC0001FFFu)
        return 0x800L * 8 + 2L * (msr - 0xC0000000u);
    if (msr >= 0xC0010000u && msr <= 0xC0011FFFu)
        return 0x1000L * 8 + 2L * (msr - 0xC0010000u);
    return -1;
}

/* Copy `msr`'s intercepts from the VMX-layout bitmap the API edits (x86.msr_bitmap) into the MSRPM. */
static void xvcpu__svm_sync_msr(xvcpu_vcpu *vcpu, uint32_t msr)
{
    long vbit = xvcpu__msr_bit(msr), sbit = xvcpu__svm_msrpm_bit(msr);
    const uint8_t *vmx = (const uint8_t *)vcpu->x86.msr_bitmap;
    if (vbit < 0 || sbit < 0)
        return;
    xvcpu__bit_assign(vcpu->arch.svm.msrpm, (uint32_t)sbit, xvcpu__bit_test(vmx, (uint32_t)vbit));
    xvcpu__bit_assign(vcpu->arch.svm.msrpm, (uint32_t)sbit + 1,
                      xvcpu__bit_test(vmx, (uint32_t)vbit + XVCPU__MSR_WRITE_BITS));
    vcpu->arch.svm.dirty |= XVCPU_VMCB_CLEAN_BITS_IOPM;
}

/* The I/O permission map is the API's bitmap itself; just let VMRUN read it again. */
static void xvcpu__svm_sync_io(xvcpu_vcpu *vcpu)
{
    vcpu->arch.svm.dirty |= XVCPU_VMCB_CLEAN_BITS_IOPM;
}

static void xvcpu__svm_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    void *p = svm->vmcb;
    xvcpu__free(hal, &p, svm->vmcb_phys, 1);
    svm->vmcb = NULL;
    p = svm->msrpm;
    xvcpu__free(hal, &p, svm->msrpm_phys, XVCPU__SVM_MSRPM_PAGES);
    svm->msrpm = NULL;
    xvcpu__free(hal, &vcpu->x86.io_bitmap, vcpu->x86.io_bitmap_phys, XVCPU__SVM_IOPM_PAGES);
    xvcpu__free(hal, &vcpu->x86.msr_bitmap, vcpu->x86.msr_bitmap_phys, 1);
    xvcpu__free(hal, &vcpu->x86.msr_to_vmm, vcpu->x86.msr_to_vmm_phys, 1);
    xvcpu__fpu_free(vcpu);
}

static xvcpu_err xvcpu__svm_vcpu_create(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    unsigned i;
    svm->caps = vcpu->home->caps.svm;
    svm->vmcb = (xvcpu_vmcb *)xvcpu__alloc_zeroed(hal, 1, &svm->vmcb_phys);
    svm->msrpm = (uint8_t *)xvcpu__alloc_zeroed(hal, XVCPU__SVM_MSRPM_PAGES, &svm->msrpm_phys);
    vcpu->x86.io_bitmap = xvcpu__alloc_zeroed(hal, XVCPU__SVM_IOPM_PAGES, &vcpu->x86.io_bitmap_phys);
    vcpu->x86.msr_bitmap = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_bitmap_phys);
    vcpu->x86.msr_to_vmm = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_to_vmm_phys);
    if (!svm->vmcb || !svm->msrpm || !vcpu->x86.io_bitmap || !vcpu->x86.msr_bitmap || !vcpu->x86.msr_to_vmm) {
        xvcpu__svm_vcpu_destroy(vcpu);
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_create: vCPU %u: no pages for the VMCB and permission maps", vcpu->id);
    }
    /* Deny by default: every port (and the bits past 0xFFFF that multi-byte accesses reach) and
     * every MSR access exits. */
    XVCPU_MEMSET(vcpu->x86.io_bitmap, 0xFF, XVCPU__SVM_IOPM_PAGES * 4096);
    XVCPU_MEMSET(vcpu->x86.msr_bitmap, 0xFF, 4096);
    XVCPU_MEMSET(svm->msrpm, 0xFF, XVCPU__SVM_MSRPM_PAGES * 4096);
    for (i = 0; i < sizeof(xvcpu__svm_vmload_msr) / sizeof(xvcpu__svm_vmload_msr[0]); i++) {
        uint32_t msr = xvcpu__svm_vmload_msr[i], bit = (uint32_t)xvcpu__msr_bit(msr);
        xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit, false);
        xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit + XVCPU__MSR_WRITE_BITS,
                          xvcpu__svm_msr_holds_address(msr));
        xvcpu__svm_sync_msr(vcpu, msr);
    }
    return XVCPU_OK;
}

/* The CR4 bits this CPU implements (APM Vol. 2 3.1.3; CPUID leaves 1 and 7): what MOV CR4 may set,
 * as VMX takes IA32_VMX_CR4_FIXED1 (never VMXE or SMXE). */
static uint64_t xvcpu__svm_cr4_allowed(void)
{
    uint32_t r[4], max;
    uint64_t allowed = XVCPU_CR4_VME | XVCPU_CR4_PVI | XVCPU_CR4_TSD | XVCPU_CR4_DE | XVCPU_CR4_PSE | XVCPU_CR4_PAE |
                       XVCPU_CR4_MCE | XVCPU_CR4_PGE | XVCPU_CR4_PCE | XVCPU_CR4_OSFXSR | XVCPU_CR4_OSXMMEXCPT;
    XVCPU_CPUID(0, 0, r);
    max = r[0];
    XVCPU_CPUID(1, 0, r);
    if (r[2] & XVCPU_CPUID_01_ECX_PCID)
        allowed |= XVCPU_CR4_PCIDE;
    if (r[2] & XVCPU_CPUID_01_ECX_XSAVE)
        allowed |= XVCPU_CR4_OSXSAVE;
    if (max >= 7) {
        XVCPU_CPUID(7, 0, r);
        if (r[1] & XVCPU_CPUID_07_0_EBX_FSGSBASE)
            allowed |= XVCPU_CR4_FSGSBASE;
        if (r[1] & XVCPU_CPUID_07_0_EBX_SMEP)
            allowed |= XVCPU_CR4_SMEP;
        if (r[1] & XVCPU_CPUID_07_0_EBX_SMAP)
            allowed |= XVCPU_CR4_SMAP;
        if (r[2] & XVCPU_CPUID_07_0_ECX_UMIP)
            allowed |= XVCPU_CR4_UMIP;
        if (r[2] & XVCPU_CPUID_07_0_ECX_LA57)
            allowed |= XVCPU_CR4_LA57;
        if (r[2] & XVCPU_CPUID_07_0_ECX_PKU)
            allowed |= XVCPU_CR4_PKE;
        if (r[2] & XVCPU_CPUID_07_0_ECX_CET_SS)
            allowed |= XVCPU_CR4_CET;
    }
    return allowed;
}

/* The EFER bits the guest may own (APM Vol. 2 3.1.7): the shared ones, and fast FXSAVE/FXRSTOR
 * where CPUID 0x80000001 says this CPU has it (EFER lives in the VMCB, so the CPU applies it to
 * the guest itself). Not TCE: Bochs 2.7 reports it in CPUID yet fails VMRUN with EFER.TCE set
 * (docs/EMULATORS.md), so the view hides it (the feature table) rather than risk a failed entry. */
static uint64_t xvcpu__svm_efer_allowed(void)
{
    uint32_t r[4];
    uint64_t allowed = XVCPU__X86_EFER_GUEST;
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] < 0x80000001u)
        return allowed;
    XVCPU_CPUID(0x80000001u, 0, r);
    if (r[3] & XVCPU_CPUID_80000001_EDX_FFXSR)
        allowed |= XVCPU_IA32_EFER_FFXSR;
    return allowed;
}

static void xvcpu__svm_segment(xvcpu_vmcb_segment *s, uint16_t sel, uint64_t base, uint32_t limit, uint16_t attr)
{
    s->selector = sel;
    s->base = base;
    s->limit = limit;
    s->attrib = attr;
}

/* The start state, the same as VMX's (vmx_setup.c.h) in the VMCB's terms. EFER.SVME is set in the
 * VMCB (VMRUN requires it, APM Vol. 2 15.5.1) and hidden from the guest's RDMSR. */
static void xvcpu__svm_write_guest_state(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *a)
{
    xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    xvcpu__x86_start g;
    uint16_t cs_attr, ds_attr;

    xvcpu__x86_start_state(a, &g);
    cs_attr = g.code_bits == 16 ? XVCPU__SVM_ATTR_CODE16
              : g.code_bits == 32 ? XVCPU__SVM_ATTR_CODE32 : XVCPU__SVM_ATTR_CODE64;
    ds_attr = g.code_bits == 16 ? XVCPU__SVM_ATTR_DATA16 : XVCPU__SVM_ATTR_DATA32;
    s->cr0 = g.cr0;
    s->cr4 = g.cr4;
    s->cr3 = g.cr3;
    s->cr2 = 0;
    s->efer = g.efer | XVCPU_IA32_EFER_SVME;
    s->g_pat = XVCPU__SVM_PAT_POWER_ON;
    s->dbgctl = 0;
    s->dr7 = 0x400;
    s->dr6 = 0xFFFF0FF0u;
    s->rflags = XVCPU_RFLAGS_FIXED1;
    s->rip = g.rip;
    s->rsp = a->stack;
    s->rax = 0;
    s->cpl = 0;
    xvcpu__svm_segment(&s->cs, g.cs_sel, g.cs_base, g.limit, cs_attr);
    xvcpu__svm_segment(&s->ss, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->ds, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->es, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->fs, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->gs, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->tr, 0, 0, 0xFFFF, XVCPU__SVM_ATTR_TSS_BUSY);
    xvcpu__svm_segment(&s->ldtr, 0, 0, 0, 0); /* not present, as VMX's unusable LDTR */
    xvcpu__svm_segment(&s->gdtr, 0, 0, 0xFFFF, 0);
    xvcpu__svm_segment(&s->idtr, 0, 0, 0xFFFF, 0);
    s->kernel_gs_base = s->star = s->lstar = s->cstar = s->sfmask = 0;
    s->sysenter_cs = s->sysenter_esp = s->sysenter_eip = 0;
}

static xvcpu_err xvcpu__svm_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    static const char fn[] = "xvcpu_vcpu_setup";
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    xvcpu_err err;

    if (args->stage2 == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: SVM needs stage-2 (NPT) tables", fn, vcpu->id);
    if (args->stage2->format != XVCPU_STAGE2_NPT)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: the stage-2 tables are not in NPT format", fn, vcpu->id);
    if (!svm->caps.npt)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: vCPU %u: the CPU has no nested paging (CPUID 0x8000000A:EDX.NP = 0)", fn, vcpu->id);
    if (svm->caps.nasid < 2)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: vCPU %u: the CPU offers %u ASIDs; a guest needs one besides the host's", fn,
                           vcpu->id, svm->caps.nasid);
    svm->asid = 0; /* given at bind, by the CPU */
    svm->stage2 = args->stage2;
    svm->stage2_generation = args->stage2->generation;
    svm->cr4_allowed = xvcpu__svm_cr4_allowed();
    svm->efer_allowed = xvcpu__svm_efer_allowed();
    xvcpu__x86_msrs_setup(vcpu); /* the guest's TSC starts as the host's: TSC_OFFSET 0 (below) */
    vcpu->x86.tsc_offset_ok = true;

    XVCPU_MEMSET(svm->vmcb, 0, sizeof(*svm->vmcb));
    c->intercept_cr = XVCPU__SVM_INTERCEPT_CR;
    c->intercept_exceptions = XVCPU__SVM_INTERCEPT_EXC;
    c->intercept_misc1 = (uint32_t)XVCPU__SVM_MISC1;
    c->intercept_misc2 = (uint32_t)XVCPU__SVM_MISC2;
    c->iopm_base_pa = vcpu->x86.io_bitmap_phys;
    c->msrpm_base_pa = svm->msrpm_phys;
    /* The guest's RFLAGS.IF masks only virtual interrupts; physical ones belong to the host. */
    c->v_intr = XVCPU_VMCB_V_INTR_V_INTR_MASKING;
    c->np_control = XVCPU_VMCB_NP_CONTROL_NP_ENABLE;
    c->n_cr3 = xvcpu_stage2_eptp(args->stage2);
    xvcpu__svm_write_guest_state(vcpu, args);
    svm->dirty = XVCPU__SVM_CLEAN_ALL;
    svm->nmi_blocked = svm->awaiting_iret = svm->df_watch = false;

    if ((err = xvcpu__x86_cpuid_setup(vcpu, XVCPU_PROC2_ENABLE_INVPCID | XVCPU_PROC2_ENABLE_RDTSCP, svm->cr4_allowed,
                                      svm->efer_allowed)) != XVCPU_OK)
        return err; /* (INVPCID and RDTSCP run in the guest unintercepted) */
    return xvcpu__fpu_setup(vcpu);
}

static xvcpu_err xvcpu__svm_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_percpu *cpu = vcpu->cpu;
    xvcpu_svm_caps *pc = &cpu->caps.svm;
    /* The host's VMLOAD state, put back after every exit (APM Vol. 2 15.5.2). */
    XVCPU_VMSAVE(cpu->region_phys + 4096);
    /* An ASID of this CPU's current generation: its TLB entries are this vCPU's alone (APM Vol. 2
     * 15.16). Otherwise the next unused one; none left: a new generation, whose first VMRUN
     * flushes every ASID, so no ASID handed out in it holds anyone's translations. */
    if (svm->asid == 0 || svm->asid_cpu != cpu->cpu_id || svm->asid_generation != pc->asid_generation) {
        if (pc->next_asid >= pc->nasid) {
            pc->asid_generation++;
            pc->next_asid = 1; /* ASID 0 is the host's */
            pc->flush_all_pending = true;
        }
        svm->asid = pc->next_asid++;
        svm->asid_cpu = cpu->cpu_id;
        svm->asid_generation = pc->asid_generation;
        svm->vmcb->control.guest_asid = svm->asid;
    }
    /* A VMCB run on another CPU (or first) has nothing cached here (APM Vol. 2 15.15.3). */
    svm->dirty = XVCPU__SVM_CLEAN_ALL;
    xvcpu__x86_bind_state(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_unbind_state(vcpu);
    return XVCPU_OK;
}
