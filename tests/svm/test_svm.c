/* The SVM backend on the software SVM model: per-CPU enable and its errors, the VMCB a vCPU gets
 * (exact intercepts, start states, ASIDs), each exit's decode, next RIP from NRIP, EXITINFO2 or
 * the fetched instruction, injection and EXITINTINFO, windows, TLB control and clean bits. */

#define GRAM_PAGES 16 /* guest RAM: guest-physical 0 - 64 KiB */

static xvcpu_percpu host, host2;
static xvcpu_vcpu v;
static xvcpu_stage2 s2;
static xvcpu_exit ex;
static uint8_t *gram;
static uint64_t gram_phys;

/* The exits the "CPU" produces, one per VMRUN, in order. After the last: INTR, which always
 * reaches the VMM, so a run never loops on an exhausted script. */
typedef struct script_exit {
    uint64_t code, info1, info2;
    uint8_t nrip_len;    /* NRIP = RIP + this when nonzero */
    uint64_t intinfo;    /* EXITINTINFO */
    void (*fn)(xvcpu_vcpu *vc); /* what else the guest did before the exit */
} script_exit;
static script_exit script[16];
static int script_len, script_next;

static void script_reset(void)
{
    script_len = script_next = 0;
}

static void script_add(uint64_t code, uint64_t info1, uint64_t info2, uint8_t nrip_len, uint64_t intinfo,
                       void (*fn)(xvcpu_vcpu *))
{
    script_exit e;
    e.code = code;
    e.info1 = info1;
    e.info2 = info2;
    e.nrip_len = nrip_len;
    e.intinfo = intinfo;
    e.fn = fn;
    script[script_len++] = e;
}

static void script_guest(void *p)
{
    xvcpu_vcpu *vc = (xvcpu_vcpu *)p;
    xvcpu_vmcb *m = vc->arch.svm.vmcb;
    if (script_next < script_len) {
        const script_exit *e = &script[script_next++];
        if (e->fn)
            e->fn(vc);
        m->control.exit_code = e->code;
        m->control.exit_info1 = e->info1;
        m->control.exit_info2 = e->info2;
        m->control.exit_int_info = e->intinfo;
        if (e->nrip_len)
            m->control.next_rip = m->save.rip + e->nrip_len;
    } else {
        m->control.exit_code = XVCPU_SVM_EXIT_INTR;
    }
}

#define EVT(vector, type, ev, err) \
    ((uint64_t)(vector) | ((uint64_t)(type) << 8) | ((ev) ? 0x800ull : 0) | 0x80000000ull | ((uint64_t)(err) << 32))

/* An AMD CPU with SVM: `svm_edx` = CPUID Fn8000_000A EDX, `nasid` ASIDs. Host EFER has no NXE. */
static void soft_amd(uint32_t svm_edx, uint32_t nasid)
{
    soft_reset();
    soft_set_cpuid(0, 0xD, 0x68747541, 0x444d4163, 0x69746e65); /* AuthenticAMD */
    soft_set_cpuid(1, 0x00800F11, 0x00000800, (1u << 0) | (1u << 23), 0x178BFBFF);
    soft_set_cpuid(7, 0, (1u << 0) | (1u << 7), 0, 0);            /* FSGSBASE, SMEP */
    soft_set_cpuid(0x80000000u, 0x8000000Au, 0, 0, 0);
    soft_set_cpuid(0x80000001u, 0, 0, 1u << 2, (1u << 11) | (1u << 20) | (1u << 26) | (1u << 29)); /* SVM; SYSCALL, NX, 1G, LM */
    soft_set_cpuid(0x80000008u, 0x3030, 0, 0x7, 0);
    soft_set_cpuid(0x8000000Au, 1, nasid, 0, svm_edx);
    soft_set_msr(XVCPU_MSR_IA32_EFER, 0x500); /* LME, LMA */
    soft_set_msr(XVCPU_MSR_VM_CR, 0);
    soft_set_msr(XVCPU_MSR_VM_HSAVE_PA, 0x1234000);
    soft.cr0 = 0x80050033ull;
    soft.cr4 = 0x6A0ull; /* no OSXSAVE: FXSAVE-only guests */
    soft.xcr0 = 1;
    soft.guest = script_guest;
    script_reset();
}

#define SVM_NPT XVCPU_SVM_CPUID_8000000A_EDX_NP
#define SVM_NRIPS XVCPU_SVM_CPUID_8000000A_EDX_NRIPS

static void enable(void)
{
    mock_reset();
    memset(&host, 0, sizeof(host));
    CHECK_EQ(xvcpu_percpu_init(&host, &mock_hal, 0, NULL), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_OK);
}

/* Enable, tables mapping 64 KiB of guest RAM at 0, a vCPU in `mode`, bound. */
static void start(uint32_t svm_edx, xvcpu_start_mode mode, uint64_t entry)
{
    xvcpu_vcpu_setup_args a;
    soft_amd(svm_edx, 16);
    enable();
    memset(&v, 0, sizeof(v));
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_OK);
    gram = (uint8_t *)mock_hal.alloc_pages(NULL, GRAM_PAGES, &gram_phys);
    memset(gram, 0x90, GRAM_PAGES * 4096); /* NOPs */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0, gram_phys, GRAM_PAGES * 4096ull,
                              XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6),
             XVCPU_OK);
    a.mode = mode;
    a.entry = entry;
    a.stack = 0x7000;
    a.cr3 = mode == XVCPU_START_LONG ? 0x1000 : 0;
    a.stage2 = &s2;
    CHECK_EQ(xvcpu_vcpu_create(&v, &host, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
}

static void finish(void)
{
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&v), XVCPU_OK);
    xvcpu_stage2_destroy(&s2);
    mock_hal.free_pages(NULL, gram, gram_phys, GRAM_PAGES);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

static xvcpu_vmcb *vmcb(void)
{
    return v.arch.svm.vmcb;
}

static bool msrpm_bit(uint32_t msr, bool write)
{
    long bit = xvcpu__svm_msrpm_bit(msr) + (write ? 1 : 0);
    return (v.arch.svm.msrpm[bit >> 3] >> (bit & 7)) & 1;
}

static bool iopm_bit(uint32_t port)
{
    return (((const uint8_t *)v.x86.io_bitmap)[port >> 3] >> (port & 7)) & 1;
}

void test_svm_enable_checks(void)
{
    soft_amd(SVM_NPT | SVM_NRIPS, 16);
    enable();
    CHECK_STR(host.backend->name, "svm");
    CHECK(host.backend == xvcpu_svm_backend());
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_IA32_EFER), 0x500 | XVCPU_IA32_EFER_SVME | XVCPU_IA32_EFER_NXE);
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_VM_HSAVE_PA), host.region_phys);
    CHECK(host.caps.svm.npt && host.caps.svm.nrips && !host.caps.svm.vmcb_clean && !host.caps.svm.flush_by_asid);
    CHECK(host.caps.svm.nx && host.caps.svm.page_1g && host.caps.svm.set_nxe);
    CHECK_EQ(host.caps.svm.nasid, 16);
    CHECK_EQ(host.caps.svm.saved_hsave_pa, 0x1234000);
    CHECK_EQ(mock.pages_outstanding, 2); /* host save area + the host's VMSAVE page */
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_IA32_EFER), 0x500); /* SVME and the NXE we set are gone */
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_VM_HSAVE_PA), 0x1234000);
    CHECK_EQ(mock.pages_outstanding, 0);

    /* a host that already runs with NXE keeps it */
    soft_amd(SVM_NPT, 16);
    soft_set_msr(XVCPU_MSR_IA32_EFER, 0xD00);
    enable();
    CHECK(!host.caps.svm.set_nxe);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_IA32_EFER), 0xD00);

    /* neither VMX nor SVM */
    soft_amd(SVM_NPT, 16);
    soft_set_cpuid(0x80000001u, 0, 0, 0, 0);
    mock_reset();
    memset(&host, 0, sizeof(host));
    CHECK_EQ(xvcpu_percpu_init(&host, &mock_hal, 3, NULL), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 3 has no hardware virtualization xvcpu supports (VMX or SVM)");

    /* the SVM backend asked for explicitly, on a CPU without SVM */
    memset(&host, 0, sizeof(host));
    CHECK_EQ(xvcpu_percpu_init(&host, &mock_hal, 1, xvcpu_svm_backend()), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 1 has no SVM (CPUID 0x80000001:ECX.SVM = 0)");
    soft_set_cpuid(0x80000000u, 0x80000000u, 0, 0, 0); /* no extended leaf 1 at all */
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_UNSUPPORTED);

    soft_amd(SVM_NPT, 16);
    soft_set_msr(XVCPU_MSR_VM_CR, XVCPU_VM_CR_SVMDIS);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_DISABLED_BY_FIRMWARE);
    CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 1: SVM is disabled by firmware (VM_CR 0x10: SVMDIS)");
    soft_set_msr(XVCPU_MSR_VM_CR, XVCPU_VM_CR_SVMDIS | XVCPU_VM_CR_LOCK);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_DISABLED_BY_FIRMWARE);
    CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 1: SVM is disabled by firmware (VM_CR 0x18: SVMDIS, locked)");

    soft_amd(SVM_NPT, 16);
    soft_set_msr(XVCPU_MSR_IA32_EFER, 0x500 | XVCPU_IA32_EFER_SVME);
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_BUSY);
    CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 1: EFER.SVME is already set; SVM is in use by someone else");
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_VM_HSAVE_PA), 0x1234000); /* nothing touched */

    soft_amd(SVM_NPT, 16);
    mock.fail_alloc = true;
    CHECK_EQ(xvcpu_percpu_enable(&host), XVCPU_ERR_NO_MEMORY);
    CHECK_EQ(soft_rdmsr(XVCPU_MSR_IA32_EFER), 0x500);
    mock.fail_alloc = false;
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_svm_stage2_for_cpu(void)
{
    soft_amd(SVM_NPT, 16);
    enable();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_OK);
    CHECK_EQ(s2.format, XVCPU_STAGE2_NPT);
    CHECK_EQ(s2.page_sizes, XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G);
    CHECK_EQ(xvcpu_stage2_eptp(&s2), s2.root_phys);
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);

    soft_amd(SVM_NPT, 16);
    soft_set_cpuid(0x80000001u, 0, 0, 1u << 2, 1u << 20); /* NX, no 1-GiB pages */
    enable();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_OK);
    CHECK_EQ(s2.page_sizes, XVCPU_PAGE_4K | XVCPU_PAGE_2M);
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);

    soft_amd(0, 16); /* no nested paging */
    enable();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_ERR_UNSUPPORTED);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_svm_setup_errors(void)
{
    xvcpu_vcpu_setup_args a = { XVCPU_START_PROTECTED, 0x8000, 0x7000, 0, NULL };
    xvcpu_stage2 ept;
    soft_amd(SVM_NPT, 16);
    enable();
    memset(&v, 0, sizeof(v));
    CHECK_EQ(xvcpu_vcpu_create(&v, &host, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&v), "xvcpu_vcpu_setup: vCPU 0: SVM needs stage-2 (NPT) tables");
    CHECK_EQ(xvcpu_stage2_init(&ept, &mock_hal, XVCPU_STAGE2_EPT, XVCPU_PAGE_4K, false), XVCPU_OK);
    a.stage2 = &ept;
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&v), "xvcpu_vcpu_setup: vCPU 0: the stage-2 tables are not in NPT format");
    xvcpu_stage2_destroy(&ept);
    CHECK_EQ(xvcpu_stage2_init(&ept, &mock_hal, XVCPU_STAGE2_NPT, XVCPU_PAGE_4K, false), XVCPU_OK);
    v.arch.svm.caps.nasid = 1; /* a CPU with only the host's ASID */
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_vcpu_last_error(&v),
              "xvcpu_vcpu_setup: vCPU 0: the CPU offers 1 ASIDs; a guest needs one besides the host's");
    v.arch.svm.caps.npt = false;
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_vcpu_last_error(&v),
              "xvcpu_vcpu_setup: vCPU 0: the CPU has no nested paging (CPUID 0x8000000A:EDX.NP = 0)");
    CHECK_EQ(xvcpu_vcpu_state(&v), XVCPU_STATE_CREATED);
    CHECK_EQ(xvcpu_vcpu_destroy(&v), XVCPU_OK);
    xvcpu_stage2_destroy(&ept);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);

    soft_amd(SVM_NPT, 16);
    enable();
    mock.fail_alloc = true;
    CHECK_EQ(xvcpu_vcpu_create(&v, &host, 0), XVCPU_ERR_NO_MEMORY);
    mock.fail_alloc = false;
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

/* The whole VMCB of a protected-mode vCPU, and the permission maps. */
void test_svm_vmcb_setup(void)
{
    const xvcpu_vmcb_control *c;
    const xvcpu_vmcb_save *s;
    unsigned i;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8010);
    c = &vmcb()->control;
    s = &vmcb()->save;
    CHECK_EQ(c->intercept_cr, (1u << 16) | (1u << 20) | (1u << 24)); /* CR0, CR4 and CR8 writes */
    CHECK_EQ(c->intercept_dr, 0);
    CHECK_EQ(c->intercept_exceptions, 1u << 8); /* #DF */
    CHECK_EQ(c->intercept_misc1, 0x9D44800Bu); /* INTR NMI INIT RDPMC CPUID INVD HLT INVLPGA IOIO MSR SHUTDOWN */
    CHECK_EQ(c->intercept_misc2, 0x3E7Fu);     /* VMRUN VMMCALL VMLOAD VMSAVE STGI CLGI SKINIT WBINVD MONITOR MWAIT(x2) XSETBV */
    CHECK_EQ(c->intercept_misc3, 0);
    CHECK_EQ(c->iopm_base_pa, v.x86.io_bitmap_phys);
    CHECK_EQ(c->msrpm_base_pa, v.arch.svm.msrpm_phys);
    CHECK_EQ(c->guest_asid, 1);
    CHECK_EQ(c->tlb_control, 0);
    CHECK_EQ(c->v_intr, XVCPU_VMCB_V_INTR_V_INTR_MASKING);
    CHECK_EQ(c->np_control, XVCPU_VMCB_NP_CONTROL_NP_ENABLE);
    CHECK_EQ(c->n_cr3, s2.root_phys);
    CHECK_EQ(c->event_inj, 0);
    CHECK_EQ(s->cr0, XVCPU_CR0_ET | XVCPU_CR0_PE);
    CHECK_EQ(s->cr3, 0);
    CHECK_EQ(s->cr4, 0);
    CHECK_EQ(s->efer, XVCPU_IA32_EFER_SVME);
    CHECK_EQ(s->rip, 0x8010);
    CHECK_EQ(s->rsp, 0x7000);
    CHECK_EQ(s->rflags, 2);
    CHECK_EQ(s->cpl, 0);
    CHECK_EQ(s->cs.selector, 0x08);
    CHECK_EQ(s->cs.attrib, 0xC9B);
    CHECK_EQ(s->cs.limit, 0xFFFFFFFFu);
    CHECK_EQ(s->cs.base, 0);
    CHECK_EQ(s->ss.selector, 0x10);
    CHECK_EQ(s->ds.attrib, 0xC93);
    CHECK_EQ(s->gs.selector, 0x10);
    CHECK_EQ(s->tr.attrib, 0x8B);
    CHECK_EQ(s->ldtr.attrib, 0);
    CHECK_EQ(s->gdtr.limit, 0xFFFF);
    CHECK_EQ(s->idtr.limit, 0xFFFF);
    CHECK_EQ(s->g_pat, 0x0007040600070406ull);
    CHECK_EQ(s->dr7, 0x400);
    CHECK_EQ(s->dr6, 0xFFFF0FF0u);
    /* CR4 bits the CPU implements (leaf 1/7 of soft_amd: no PCID, XSAVE, SMAP, UMIP, LA57, PKU) */
    CHECK_EQ(v.arch.svm.cr4_allowed, 0x7FFull | XVCPU_CR4_FSGSBASE | XVCPU_CR4_SMEP);
    /* bind saved the host's VMLOAD state next to the host save area */
    CHECK_EQ(soft.vmsaves, 1);
    CHECK_EQ(soft.last_vmsave, host.region_phys + 4096);
    /* deny by default, but the MSRs VMLOAD/VMSAVE switch: reads, and writes that hold no address
     * (an address is checked for canonical form, which QEMU skips) */
    for (i = 0; i < 3 * 4096; i++)
        if (((const uint8_t *)v.x86.io_bitmap)[i] != 0xFF)
            break;
    CHECK_EQ(i, 3 * 4096);
    CHECK(msrpm_bit(XVCPU_MSR_IA32_EFER, false) && msrpm_bit(XVCPU_MSR_IA32_EFER, true));
    CHECK(msrpm_bit(XVCPU_MSR_IA32_PAT, false) && msrpm_bit(0x10, true));
    CHECK(!msrpm_bit(XVCPU_MSR_IA32_FS_BASE, false) && msrpm_bit(XVCPU_MSR_IA32_FS_BASE, true));
    CHECK(msrpm_bit(XVCPU_MSR_IA32_KERNEL_GS_BASE, true) && !msrpm_bit(XVCPU_MSR_IA32_LSTAR, false));
    CHECK(msrpm_bit(XVCPU_MSR_IA32_SYSENTER_EIP, true) && msrpm_bit(XVCPU_MSR_IA32_CSTAR, true));
    CHECK(!msrpm_bit(XVCPU_MSR_IA32_STAR, true) && !msrpm_bit(XVCPU_MSR_IA32_FMASK, true));
    CHECK(!msrpm_bit(XVCPU_MSR_IA32_SYSENTER_CS, true) && !msrpm_bit(XVCPU_MSR_IA32_GS_BASE, false));
    CHECK(msrpm_bit(XVCPU_MSR_VM_HSAVE_PA, false) && msrpm_bit(XVCPU_MSR_VM_CR, true));
    /* the first run passes VMRUN's consistency checks with GIF clear, and flushes the TLB */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK(soft.failed_check == NULL);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK(!soft.gif_at_run[0] && soft.gif);
    CHECK_EQ(soft.clgis, 1);
    CHECK_EQ(soft.stgis, 1);
    CHECK_EQ(soft.tlb_at_run[0], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
    CHECK_EQ(soft.last_vmload, host.region_phys + 4096); /* the host's state back after the exit */
    CHECK_EQ(vmcb()->control.tlb_control, 0);
    finish();
}

/* The I/O and MSR permission APIs keep the IOPM and MSRPM in step. */
void test_svm_permission_maps(void)
{
    start(SVM_NPT, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_vcpu_io_passthrough(&v, 0x80, 2, true), XVCPU_OK);
    CHECK(!iopm_bit(0x80) && !iopm_bit(0x81) && iopm_bit(0x82) && iopm_bit(0x7F));
    CHECK_EQ(xvcpu_vcpu_io_passthrough(&v, 0xFFFF, 1, true), XVCPU_OK);
    CHECK(!iopm_bit(0xFFFF) && iopm_bit(0x10000)); /* the bits past 0xFFFF stay set */
    CHECK(v.arch.svm.dirty & XVCPU_VMCB_CLEAN_BITS_IOPM);
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&v, 0x10, XVCPU_ACCESS_READ, true), XVCPU_OK);
    CHECK(!msrpm_bit(0x10, false) && msrpm_bit(0x10, true));
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&v, XVCPU_MSR_IA32_FS_BASE, XVCPU_ACCESS_WRITE, false), XVCPU_OK);
    CHECK(!msrpm_bit(XVCPU_MSR_IA32_FS_BASE, false) && msrpm_bit(XVCPU_MSR_IA32_FS_BASE, true));
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&v, 0xC0011000u, XVCPU_ACCESS_READ, true), XVCPU_ERR_INVALID_ARG);
    CHECK(msrpm_bit(0xC0011000u, false)); /* outside the API's ranges: always exits */
    CHECK_EQ(xvcpu_vcpu_msr_to_vmm(&v, 0xC0001234u, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true), XVCPU_OK);
    CHECK_EQ(xvcpu__svm_msrpm_bit(0xC0001234u), 0x800 * 8 + 2 * 0x1234);
    CHECK(msrpm_bit(0xC0001234u, false) && msrpm_bit(0xC0001234u, true));
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&v, 0xC0001234u, XVCPU_ACCESS_READ, true), XVCPU_OK);
    CHECK(!msrpm_bit(0xC0001234u, false) && msrpm_bit(0xC0001234u, true));
    CHECK_EQ(xvcpu_vcpu_msr_to_vmm(&v, 0xC0001234u, XVCPU_ACCESS_READ, true), XVCPU_OK); /* exits again */
    CHECK(msrpm_bit(0xC0001234u, false));
    finish();
}

static void check_consistency_and_run(void)
{
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK(soft.failed_check == NULL);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
}

/* Real mode at any entry, long mode with the caller's CR3: what VMX sets, in VMCB terms. */
void test_svm_start_modes(void)
{
    const xvcpu_vmcb_save *s;
    start(SVM_NPT, XVCPU_START_REAL, 0x12345);
    s = &vmcb()->save;
    CHECK_EQ(s->cs.base, 0x12345);
    CHECK_EQ(s->cs.selector, 0x1234); /* (entry >> 4) & ~3, as VMX */
    CHECK_EQ(s->cs.limit, 0xFFFF);
    CHECK_EQ(s->cs.attrib, 0x9B);
    CHECK_EQ(s->ds.selector, 0);
    CHECK_EQ(s->ds.attrib, 0x93);
    CHECK_EQ(s->ss.limit, 0xFFFF);
    CHECK_EQ(s->rip, 0);
    CHECK_EQ(s->cr0, XVCPU_CR0_ET);
    CHECK_EQ(s->efer, XVCPU_IA32_EFER_SVME);
    check_consistency_and_run();
    finish();

    start(SVM_NPT, XVCPU_START_LONG, 0xFFFFFFFF80001000ull);
    s = &vmcb()->save;
    CHECK_EQ(s->cr0, XVCPU_CR0_ET | XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_WP | XVCPU_CR0_NE | XVCPU_CR0_MP);
    CHECK_EQ(s->cr4, XVCPU_CR4_PAE);
    CHECK_EQ(s->cr3, 0x1000);
    CHECK_EQ(s->efer, XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_SVME);
    CHECK_EQ(s->cs.attrib, 0xA9B);
    CHECK_EQ(s->rip, 0xFFFFFFFF80001000ull);
    check_consistency_and_run();
    finish();
}

/* ASIDs per CPU, handed out at bind; TLB_CONTROL flushes every ASID when a CPU starts a new
 * generation of them, and this vCPU's after a stage-2 change (flush-this-ASID where the CPU has it). */
static void bind_run_unbind(xvcpu_vcpu *w, xvcpu_percpu *cpu)
{
    CHECK_EQ(xvcpu_vcpu_bind(w, cpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(w, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_unbind(w), XVCPU_OK);
}

void test_svm_asid_and_tlb(void)
{
    xvcpu_vcpu w[2];
    xvcpu_vcpu_setup_args a = { XVCPU_START_PROTECTED, 0x8000, 0x7000, 0, NULL };
    unsigned i;
    start(SVM_NPT | XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(v.arch.svm.asid, 1);
    CHECK_EQ(vmcb()->control.guest_asid, 1);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[0], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL); /* the CPU's first generation */
    CHECK_EQ(soft.tlb_at_run[1], 0);
    /* a removed mapping: flush this ASID before the next entry */
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0xF000, 0x1000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[2], XVCPU_SVM_TLB_CONTROL_FLUSH_GUEST);
    /* unbind and bind again on the same CPU: the same ASID, nothing to flush */
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
    CHECK_EQ(v.arch.svm.asid, 1);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[3], 0);
    /* on another CPU (the model has one; pretend EFER.SVME was never set there): its ASIDs */
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    soft_set_msr(XVCPU_MSR_IA32_EFER, 0x500);
    memset(&host2, 0, sizeof(host2));
    CHECK_EQ(xvcpu_percpu_init(&host2, &mock_hal, 1, NULL), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&host2), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host2), XVCPU_OK);
    CHECK_EQ(soft.last_vmsave, host2.region_phys + 4096);
    CHECK_EQ(v.arch.svm.asid, 1);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[4], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_disable(&host2), XVCPU_OK);
    /* back: a fresh ASID of the first CPU's generation, clean since its flush */
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
    CHECK_EQ(v.arch.svm.asid, 2);
    CHECK_EQ(vmcb()->control.guest_asid, 2);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[5], 0);
    finish();

    /* three ASIDs on the CPU (1 and 2 for guests): the third vCPU starts a new generation */
    soft_amd(SVM_NPT, 3);
    enable();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_OK);
    a.stage2 = &s2;
    memset(w, 0, sizeof(w));
    memset(&v, 0, sizeof(v));
    CHECK_EQ(xvcpu_vcpu_create(&v, &host, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_OK);
    for (i = 0; i < 2; i++) {
        CHECK_EQ(xvcpu_vcpu_create(&w[i], &host, i + 1), XVCPU_OK);
        CHECK_EQ(xvcpu_vcpu_setup(&w[i], &a), XVCPU_OK);
    }
    bind_run_unbind(&v, &host);
    bind_run_unbind(&w[0], &host);
    CHECK_EQ(v.arch.svm.asid, 1);
    CHECK_EQ(w[0].arch.svm.asid, 2);
    CHECK_EQ(soft.tlb_at_run[0], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
    CHECK_EQ(soft.tlb_at_run[1], 0);
    CHECK_EQ(xvcpu_vcpu_bind(&w[1], &host), XVCPU_OK); /* no ASID left: generation 2 */
    CHECK_EQ(w[1].arch.svm.asid, 1);
    CHECK_EQ(xvcpu_vcpu_unbind(&w[1]), XVCPU_OK);      /* ... unbound before it flushed */
    bind_run_unbind(&v, &host);                        /* v's ASID is of generation 1: a new one */
    CHECK_EQ(v.arch.svm.asid, 2);
    CHECK_EQ(soft.tlb_at_run[2], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL); /* the pending flush happens */
    bind_run_unbind(&w[1], &host);
    CHECK_EQ(w[1].arch.svm.asid, 1);
    CHECK_EQ(soft.tlb_at_run[3], 0);
    for (i = 0; i < 2; i++)
        CHECK_EQ(xvcpu_vcpu_destroy(&w[i]), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&v), XVCPU_OK);
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

/* MOV CR8 in the guest writes V_TPR (V_INTR_MASKING, APM Vol. 2 15.21.2) without an exit. */
static void guest_moves_9_to_cr8(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->control.v_intr = XVCPU_FIELD_SET(XVCPU_VMCB_V_INTR_V_TPR, vc->arch.svm.vmcb->control.v_intr, 9);
}

/* Clean bits only where the CPU has them; what the library changed is dirty at the next VMRUN. */
static void guest_sets_if(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->save.rflags |= XVCPU_RFLAGS_IF;
}

void test_svm_clean_bits(void)
{
    xvcpu_lapic apic;
    start(SVM_NPT | SVM_NRIPS | XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_EFER;
    v.gpr[XVCPU_REG_RAX] = XVCPU_IA32_EFER_SCE;
    script_add(XVCPU_SVM_EXIT_INTR, 0, 0, 0, 0, NULL);
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL); /* WRMSR EFER: CRX dirty */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[0], 0);      /* first run: everything */
    CHECK_EQ(soft.clean_at_run[1], 0xFFF);  /* nothing changed */
    CHECK_EQ(soft.clean_at_run[2], 0xFFF & ~XVCPU_VMCB_CLEAN_BITS_CRX);
    CHECK_EQ(vmcb()->save.efer, XVCPU_IA32_EFER_SVME | XVCPU_IA32_EFER_SCE);
    /* an interrupt window: V_IRQ (TPR group) and the VINTR intercept (I group) */
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x40), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[3], 0xFFF & ~(XVCPU_VMCB_CLEAN_BITS_TPR | XVCPU_VMCB_CLEAN_BITS_I));
    CHECK_EQ(xvcpu_vcpu_io_passthrough(&v, 0x60, 1, true), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[4], 0xFFF & ~XVCPU_VMCB_CLEAN_BITS_IOPM);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[5], 0xFFF); /* nothing changed: the window stays open */
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[6], 0); /* after a bind nothing is trusted */
    finish();

    /* CR8 from the VMM's local APIC (a TPR write the VMM emulated, then xvcpu_lapic_sync_cr8):
     * V_TPR at the next VMRUN, TPR dirty, though nothing else is left to do before it; the
     * VMRUN after that one finds everything clean again */
    start(SVM_NPT | SVM_NRIPS | XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[1], 0xFFF);
    xvcpu_lapic_init(&apic, 0, true, 1);
    xvcpu_lapic_sync_cr8(&apic, &v);
    CHECK(!v.entry_work);
    apic.tpr = 0x60;
    xvcpu_lapic_sync_cr8(&apic, &v);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[2], 0xFFF & ~XVCPU_VMCB_CLEAN_BITS_TPR);
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_VMCB_V_INTR_V_TPR, vmcb()->control.v_intr), 6);
    CHECK_EQ(v.x86.tpr, 6); /* and read back after the exit */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[3], 0xFFF); /* unchanged: clean again */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[4], 0xFFF);
    finish();

    start(SVM_NPT, XVCPU_START_PROTECTED, 0x8000); /* no clean bits: always 0 */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.clean_at_run[1], 0);
    finish();
}

/* CPUID with NRIP-save: RIP moves by NRIP - RIP; the answers come from the table. */
void test_svm_cpuid_nrip(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RAX] = 0x40000000u;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RAX], 0x40000001u);
    CHECK_EQ(v.gpr[XVCPU_REG_RBX], 0x70637678u); /* "xvcp" */
    CHECK_EQ(vmcb()->save.rip, 0x8002);
    CHECK_EQ(soft.rip_at_run[1], 0x8002);
    CHECK_EQ(vmcb()->save.rax, 0x40000001u); /* RAX went back through the VMCB */
    CHECK_EQ(xvcpu_vcpu_exit_count(&v, XVCPU_SVM_EXIT_CPUID), 1);
    CHECK_EQ(xvcpu_vcpu_exit_count(&v, XVCPU_SVM_EXIT_INTR), 1);
    CHECK_EQ(v.x86.tpr, 0);
    script_add(XVCPU_SVM_EXIT_INTR, 0, 0, 0, 0, guest_moves_9_to_cr8);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.x86.tpr, 9);
    /* leaf 0x80000001 hides SVM; leaf 1 sets the hypervisor bit */
    v.gpr[XVCPU_REG_RAX] = 0x80000001u;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RCX] & XVCPU_CPUID_80000001_ECX_SVM, 0);
    v.gpr[XVCPU_REG_RAX] = 1;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK(v.gpr[XVCPU_REG_RCX] & XVCPU_CPUID_01_ECX_HYPERVISOR);
    finish();
}

/* Without NRIP-save the length comes from the instruction in guest memory, prefixes and all. */
void test_svm_next_rip_from_fetch(void)
{
    start(SVM_NPT, XVCPU_START_PROTECTED, 0x8000);
    gram[0x8000] = 0x0F, gram[0x8001] = 0xA2;                     /* cpuid */
    gram[0x8002] = 0x66, gram[0x8003] = 0x0F, gram[0x8004] = 0xA2; /* cpuid with an operand-size prefix */
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 0, 0, NULL);
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rip, 0x8005);
    /* NRIP is ignored where the CPU does not say it saves it */
    gram[0x8005] = 0xF4; /* hlt */
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF; /* a HLT that ends when completed */
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 9, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(v.pending.insn_len, 1);
    /* an instruction that is not in guest RAM: a clear error, nothing advanced */
    CHECK_EQ(xvcpu_complete(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RIP, 0x20000), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_ERR_NOT_MAPPED);
    CHECK_STR(xvcpu_vcpu_last_error(&v), "vCPU 0: cannot fetch the instruction at 0x0:0x20000: not guest RAM");
    CHECK_EQ(vmcb()->save.rip, 0x20000);
    /* an invalid encoding there: #UD for the guest, RIP stays */
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RIP, 0x9000), XVCPU_OK);
    gram[0x9000] = 0x0F, gram[0x9001] = 0x0B; /* ud2 */
    v.gpr[XVCPU_REG_RAX] = 0x40000000u;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(6, 3, 0, 0));
    CHECK_EQ(vmcb()->save.rip, 0x9000);
    CHECK_EQ(v.gpr[XVCPU_REG_RAX], 0x40000000u); /* untouched: the instruction runs again */
    finish();
}

/* VMEXIT_INVALID: FAIL_ENTRY named after it, whether EXITCODE holds -1 in 64 or 32 bits. */
void test_svm_failed_entry(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    vmcb()->save.efer &= ~XVCPU_IA32_EFER_SVME; /* what a broken VMCB looks like to VMRUN */
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x30), XVCPU_OK);
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_STR(soft.failed_check, "EFER.SVME is zero");
    CHECK_EQ(ex.kind, XVCPU_EXIT_FAIL_ENTRY);
    CHECK_EQ(ex.u.fail_entry.hw_reason, 0xFFFFFFFFFFFFFFFFull);
    CHECK_STR(ex.u.fail_entry.reason_name, "INVALID");
    CHECK_STR(ex.raw_reason_name, "INVALID");
    CHECK_STR(xvcpu_vcpu_last_error(&v),
              "xvcpu_vcpu_run: vCPU 0: VM entry failed: INVALID: VMRUN found the guest state invalid (APM Vol. 2 15.5.1): "
              "EFER.SVME is zero (APM Vol. 2 15.5.1)");
    CHECK_EQ(xvcpu_vcpu_exit_count(&v, 0xFFFFFFFFu), 0); /* failed entries are not exits */
    soft.invalid_exit_code = ~0ull; /* the 64-bit form */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_FAIL_ENTRY);
    CHECK_EQ(ex.u.fail_entry.hw_reason, 0xFFFFFFFFFFFFFFFFull);
    soft.invalid_exit_code = 0xFFFFFFFEull; /* BUSY */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_STR(ex.u.fail_entry.reason_name, "BUSY");
    vmcb()->save.efer |= XVCPU_IA32_EFER_SVME;
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x31), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    /* what the failed entries had to do is done by the first one that works: the TLB flush and
     * the interrupt injected then (0x31 waits for the next entry) */
    CHECK_EQ(soft.tlb_at_run[3], XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
    CHECK_EQ(soft.eventinj_at_run[3], EVT(0x30, 0, 0, 0));
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.tlb_at_run[4], 0);
    CHECK_EQ(soft.eventinj_at_run[4], EVT(0x31, 0, 0, 0));
    finish();
}

#define IOIO(port, flags) (((uint64_t)(port) << 16) | (flags))
#define IO_IN XVCPU_SVM_IOIO_EXITINFO1_TYPE
#define IO_STR XVCPU_SVM_IOIO_EXITINFO1_STR
#define IO_REP XVCPU_SVM_IOIO_EXITINFO1_REP
#define IO_SZ8 XVCPU_SVM_IOIO_EXITINFO1_SZ8
#define IO_SZ16 XVCPU_SVM_IOIO_EXITINFO1_SZ16
#define IO_SZ32 XVCPU_SVM_IOIO_EXITINFO1_SZ32
#define IO_A16 XVCPU_SVM_IOIO_EXITINFO1_A16
#define IO_A32 XVCPU_SVM_IOIO_EXITINFO1_A32

static void set_bases(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->save.es.base = 0x10000;
    vc->arch.svm.vmcb->save.ds.base = 0x20000;
    vc->arch.svm.vmcb->save.fs.base = 0x50000;
    vc->arch.svm.vmcb->save.gs.base = 0x60000;
}

static void set_df(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->save.rflags |= XVCPU_RFLAGS_DF;
}

/* IOIO: EXITINFO1's port, size, direction, string, REP and address size; EXITINFO2 the next RIP
 * (whether or not the CPU saves NRIP); string forms with the segment base applied. */
/* Single-step over REP INSW: one element per exit; each iteration injects #DB (DR6.BS) with RIP
 * at the instruction until the last, after which RIP moves on. */
void test_svm_rep_string_single_step(void)
{
    unsigned i;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    vmcb()->save.rflags |= XVCPU_RFLAGS_TF;
    v.gpr[XVCPU_REG_RDI] = 0x100;
    v.gpr[XVCPU_REG_RCX] = 3;
    for (i = 0; i < 3; i++) {
        vmcb()->save.dr6 = 0xFFFF0FF0u;
        script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_IN | IO_STR | IO_REP | IO_SZ16 | IO_A32), 0x8002, 0, 0, NULL);
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_IO_READ);
        CHECK_EQ(ex.u.io.count, 1);
        CHECK_EQ(ex.u.io.gpa, 0x100 + 2 * i);
        CHECK_EQ(xvcpu_complete_string_io(&v, 1), XVCPU_OK);
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* (the script's INTR) */
        CHECK_EQ(soft.eventinj_at_run[2 * i + 1], EVT(1, 3, 0, 0));
        CHECK_EQ(soft.rip_at_run[2 * i + 1], i < 2 ? 0x8000 : 0x8002);
        CHECK_EQ(vmcb()->save.dr6 & XVCPU_DR6_BS, XVCPU_DR6_BS);
        CHECK_EQ(v.gpr[XVCPU_REG_RCX], 2 - i);
        vmcb()->save.rip = 0x8000;
    }
    finish();
}

void test_svm_io_exits(void)
{
    start(SVM_NPT, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RAX] = 0xAABBCC41;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0xE9, IO_SZ8 | IO_A32), 0x8001, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_WRITE);
    CHECK_EQ(ex.u.io.port, 0xE9);
    CHECK_EQ(ex.u.io.width, 1);
    CHECK_EQ(ex.u.io.data, 0x41);
    CHECK(!ex.u.io.string);
    CHECK_STR(ex.raw_reason_name, "IOIO");
    CHECK_EQ(ex.raw_reason, XVCPU_SVM_EXIT_IOIO);
    CHECK_EQ(ex.raw_info2, 0x8001);
    CHECK_EQ(v.pending.insn_len, 1);
    /* IN EAX: completion merges into RAX; EXITINFO2 - RIP = 2 (an `in` with an imm8 port) */
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x600, IO_IN | IO_SZ32 | IO_A32), 0x8003, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[1], 0x8001);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_READ);
    CHECK_EQ(ex.u.io.width, 4);
    CHECK_EQ(v.pending.insn_len, 2);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_ERR_BAD_STATE); /* a read must be completed */
    CHECK_EQ(xvcpu_complete_io_read(&v, 0x44332211u), XVCPU_OK);
    /* REP INSW, 32-bit addresses: ES:EDI, count = ECX */
    v.gpr[XVCPU_REG_RDI] = 0xFFFFFFFF00000100ull;
    v.gpr[XVCPU_REG_RCX] = 0x100000005ull;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_IN | IO_STR | IO_REP | IO_SZ16 | IO_A32), 0x8005, 0, 0, set_bases);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rax, 0x44332211u);
    CHECK_EQ(soft.rip_at_run[2], 0x8003);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_READ);
    CHECK(ex.u.io.string && ex.u.io.rep && !ex.u.io.down);
    CHECK_EQ(ex.u.io.width, 2);
    CHECK_EQ(ex.u.io.addr_size, 4);
    CHECK_EQ(ex.u.io.count, 5);
    CHECK_EQ(ex.u.io.guest_addr, 0x10100);
    CHECK_EQ(xvcpu_complete_string_io(&v, 5), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RDI], 0x10A);
    CHECK_EQ(v.gpr[XVCPU_REG_RCX], 0);
    /* REP OUTSB with 16-bit addresses and DF: DS:SI, count = CX */
    v.gpr[XVCPU_REG_RSI] = 0x1234FFF0;
    v.gpr[XVCPU_REG_RCX] = 0x70003;
    gram[0x8005] = 0xF3, gram[0x8006] = 0x6E; /* rep outsb: no room for a segment prefix */
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_STR | IO_REP | IO_SZ8 | IO_A16), 0x8007, 0, 0, set_df);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_WRITE);
    CHECK(ex.u.io.string && ex.u.io.rep && ex.u.io.down);
    CHECK_EQ(ex.u.io.addr_size, 2);
    CHECK_EQ(ex.u.io.count, 3);
    CHECK_EQ(ex.u.io.guest_addr, 0x20000 + 0xFFF0);
    CHECK_EQ(xvcpu_complete_string_io(&v, 2), XVCPU_OK); /* partly: the guest runs it again */
    CHECK_EQ(v.gpr[XVCPU_REG_RSI], 0x1234FFEE);
    CHECK_EQ(v.gpr[XVCPU_REG_RCX], 0x70001);
    /* OUTSB with an FS override, found in the instruction's prefixes (no decode assists) */
    vmcb()->save.rflags &= ~XVCPU_RFLAGS_DF;
    gram[0x8005] = 0x64, gram[0x8006] = 0x6E; /* fs outsb (RIP stayed at 0x8005) */
    v.gpr[XVCPU_REG_RSI] = 0x40;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_STR | IO_SZ8 | IO_A32), 0x8007, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[4], 0x8005);
    CHECK(ex.u.io.string && !ex.u.io.rep);
    CHECK_EQ(ex.u.io.count, 1);
    CHECK_EQ(ex.u.io.guest_addr, 0x50040);
    CHECK_EQ(xvcpu_complete_string_io(&v, 1), XVCPU_OK);
    /* REP with a zero count transfers nothing and needs no VMM */
    v.gpr[XVCPU_REG_RCX] = 0;
    gram[0x8007] = 0xF3, gram[0x8008] = 0x6C;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_IN | IO_STR | IO_REP | IO_SZ8 | IO_A32), 0x8009, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(vmcb()->save.rip, 0x8009);
    /* no address size in EXITINFO1 (QEMU 7.2): 32-bit code's own, from CS.D; one page per pass */
    vmcb()->save.es.base = 0;
    v.gpr[XVCPU_REG_RDI] = 0x20000;
    v.gpr[XVCPU_REG_RCX] = 0x7FF00;
    gram[0x8009] = 0xF3, gram[0x800A] = 0x6D;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_IN | IO_STR | IO_REP | IO_SZ16), 0x800B, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_READ);
    CHECK_EQ(ex.u.io.addr_size, 4);
    CHECK_EQ(ex.u.io.count, 0x800);
    CHECK_EQ(ex.u.io.gpa, 0x20000);
    CHECK_EQ(xvcpu_complete_string_io(&v, 0x800), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RDI], 0x21000);
    CHECK_EQ(v.gpr[XVCPU_REG_RCX], 0x7F700);
    /* and with a 67 prefix: 16-bit addresses (DI, CX) */
    gram[0x8009] = 0x67, gram[0x800A] = 0xF3, gram[0x800B] = 0x6D;
    v.gpr[XVCPU_REG_RDI] = 0xFFFFFFF0ull;
    v.gpr[XVCPU_REG_RCX] = 0x12340003ull;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_IN | IO_STR | IO_REP | IO_SZ16), 0x800C, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rip, 0x8009); /* the first pass did not finish the instruction */
    CHECK_EQ(ex.u.io.addr_size, 2);
    CHECK_EQ(ex.u.io.count, 3);
    CHECK_EQ(ex.u.io.guest_addr, 0xFFF0);
    CHECK_EQ(xvcpu_complete_string_io(&v, 3), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RDI], 0xFFFFFFF6ull);
    CHECK_EQ(v.gpr[XVCPU_REG_RCX], 0x12340000ull);
    finish();

    /* with decode assists the segment is EXITINFO1.SEG: no fetch (the bytes say nothing) */
    start(SVM_NPT | SVM_NRIPS | XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS, XVCPU_START_PROTECTED, 0x8000);
    gram[0x8000] = 0x0F, gram[0x8001] = 0x0B;
    v.gpr[XVCPU_REG_RSI] = 0x10;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0x601, IO_STR | IO_SZ8 | IO_A32 | (5u << 10)), 0x8002, 0, 0, set_bases);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.u.io.guest_addr, 0x60010);
    CHECK_EQ(xvcpu_complete_string_io(&v, 1), XVCPU_OK);
    finish();
}

/* RDMSR/WRMSR: EFER without SVME, the VMM's MSRs, #GP for the rest. */
static void gp_expected(void)
{
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(13, 3, 1, 0));
}

void test_svm_msr_exits(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_vcpu_msr_to_vmm(&v, 0xC0001234u, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true), XVCPU_OK);
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_EFER;
    v.gpr[XVCPU_REG_RAX] = v.gpr[XVCPU_REG_RDX] = ~0ull;
    script_add(XVCPU_SVM_EXIT_MSR, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RAX], 0); /* SVME hidden */
    CHECK_EQ(v.gpr[XVCPU_REG_RDX], 0);
    /* the guest may not set SVME (nor any other bit but SCE, LME, LMA, NXE) */
    v.gpr[XVCPU_REG_RAX] = XVCPU_IA32_EFER_SVME;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    CHECK_EQ(vmcb()->save.rip, 0x8002);
    /* LME + NXE: kept with SVME; LMA is not the guest's to write */
    v.gpr[XVCPU_REG_RAX] = XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.efer, XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_NXE | XVCPU_IA32_EFER_SVME);
    CHECK_EQ(vmcb()->save.rip, 0x8004);
    /* the VMM's MSR */
    v.gpr[XVCPU_REG_RCX] = 0xC0001234u;
    v.gpr[XVCPU_REG_RDX] = 0x11223344;
    v.gpr[XVCPU_REG_RAX] = 0x55667788;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSREG_WRITE);
    CHECK_EQ(ex.u.sysreg_write.addr, 0xC0001234u);
    CHECK_EQ(ex.u.sysreg_write.value, 0x1122334455667788ull);
    CHECK_EQ(ex.raw_qualification, 1);
    CHECK_EQ(v.pending.insn_len, 2);
    script_add(XVCPU_SVM_EXIT_MSR, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSREG_READ);
    CHECK_EQ(xvcpu_complete_sysreg_read(&v, 0xCAFEBABE12345678ull), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RDX], 0xCAFEBABE);
    CHECK_EQ(v.gpr[XVCPU_REG_RAX], 0x12345678);
    /* an MSR nobody handles */
    v.gpr[XVCPU_REG_RCX] = 0x12345;
    script_add(XVCPU_SVM_EXIT_MSR, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rax, 0x12345678); /* the completion reached the VMCB */
    gp_expected();
    /* a VMLOAD-state MSR the VMM intercepted again: built in, from the VMCB */
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&v, XVCPU_MSR_IA32_GS_BASE, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, false),
             XVCPU_OK);
    vmcb()->save.gs.base = 0xFFFF888000001000ull;
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_GS_BASE;
    script_add(XVCPU_SVM_EXIT_MSR, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.gpr[XVCPU_REG_RDX], 0xFFFF8880);
    CHECK_EQ(v.gpr[XVCPU_REG_RAX], 0x00001000);
    v.gpr[XVCPU_REG_RDX] = 0x00008000; /* non-canonical */
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    CHECK_EQ(vmcb()->save.gs.base, 0xFFFF888000001000ull);
    /* PAT: each entry must be a memory type */
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_PAT;
    v.gpr[XVCPU_REG_RDX] = 0;
    v.gpr[XVCPU_REG_RAX] = 0x02;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    v.gpr[XVCPU_REG_RAX] = 0x01;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.g_pat, 0x01);
    /* x2APIC ICR: an IPI for the VMM */
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_X2APIC_ICR;
    v.gpr[XVCPU_REG_RDX] = 3;
    v.gpr[XVCPU_REG_RAX] = 0x4041;
    script_add(XVCPU_SVM_EXIT_MSR, 1, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SEND_IPI);
    CHECK_EQ(ex.u.send_ipi.target_cpu, 3);
    CHECK_EQ(ex.u.send_ipi.vector, 0x41);
    finish();
}

/* PML4 0x1000 -> PDPT 0x2000 -> PD 0x3000: the first 2 MiB, identity (a 2-MiB page). */
static void identity_tables(void)
{
    uint64_t e[3] = { 0x2000 | 3, 0x3000 | 3, 0x83 };
    memset(gram + 0x1000, 0, 0x3000);
    memcpy(gram + 0x1000, &e[0], 8);
    memcpy(gram + 0x2000, &e[1], 8);
    memcpy(gram + 0x3000, &e[2], 8);
}

static uint8_t *code_at(uint64_t gpa, const char *bytes, unsigned n)
{
    memcpy(gram + gpa, bytes, n);
    return gram + gpa;
}

/* MOV to CR0/CR4 and LMSW, decoded from the instruction (no decode assists), with VMX's checks. */
void test_svm_cr_writes(void)
{
    uint64_t cr0;
    start(SVM_NPT, XVCPU_START_PROTECTED, 0x8000);
    code_at(0x8000, "\x0F\x22\xC0", 3); /* mov %eax, %cr0 */
    cr0 = vmcb()->save.cr0;
    v.gpr[XVCPU_REG_RAX] = (cr0 | XVCPU_CR0_NW) & ~XVCPU_CR0_CD;
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    CHECK_EQ(vmcb()->save.cr0, cr0);
    CHECK_EQ(vmcb()->save.rip, 0x8000);
    v.gpr[XVCPU_REG_RAX] = (cr0 | XVCPU_CR0_PG) & ~XVCPU_CR0_PE; /* paged real mode: #GP as on the CPU */
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    /* reserved bits (here 10 and 28) are dropped, never stored: the guest reads them back as 0 */
    v.gpr[XVCPU_REG_RAX] = 0xFFFFFFFF00000000ull | cr0 | XVCPU_CR0_WP | (1u << 10) | (1u << 28); /* 32-bit code: the high half is no operand */
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.cr0, cr0 | XVCPU_CR0_WP);
    CHECK_EQ(vmcb()->save.rip, 0x8003);
    /* CR4 through REX-less ModRM: mov %ebx, %cr4 = 0F 22 E3 */
    code_at(0x8003, "\x0F\x22\xE3", 3);
    v.gpr[XVCPU_REG_RBX] = XVCPU_CR4_VMXE;
    script_add(XVCPU_SVM_EXIT_CR4_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    v.gpr[XVCPU_REG_RBX] = 1ull << 31;
    script_add(XVCPU_SVM_EXIT_CR4_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    v.gpr[XVCPU_REG_RBX] = XVCPU_CR4_OSFXSR | XVCPU_CR4_PAE;
    script_add(XVCPU_SVM_EXIT_CR4_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.cr4, XVCPU_CR4_OSFXSR | XVCPU_CR4_PAE);
    CHECK_EQ(vmcb()->save.rip, 0x8006);
    /* into long mode: EFER.LME set, CR0.PG on -> EFER.LMA (identity tables at 0x1000) */
    identity_tables();
    vmcb()->save.efer |= XVCPU_IA32_EFER_LME;
    vmcb()->save.cr3 = 0x1000;
    code_at(0x8006, "\x0F\x22\xC0", 3);
    v.gpr[XVCPU_REG_RAX] = vmcb()->save.cr0 | XVCPU_CR0_PG;
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.efer, XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_SVME);
    CHECK(vmcb()->save.cr0 & XVCPU_CR0_PG);
    CHECK_EQ(vmcb()->save.rip, 0x8009);
    /* in 64-bit code (CS.L) paging cannot go off, CR4.PAE cannot clear */
    vmcb()->save.cs.attrib = 0xA9B;
    code_at(0x8009, "\x41\x0F\x22\xC1", 4); /* mov %r9, %cr0 */
    v.gpr[XVCPU_REG_R9] = vmcb()->save.cr0 & ~XVCPU_CR0_PG;
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    code_at(0x8009, "\x0F\x22\xE0", 3); /* mov %rax, %cr4 */
    v.gpr[XVCPU_REG_RAX] = XVCPU_CR4_OSFXSR;
    script_add(XVCPU_SVM_EXIT_CR4_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    /* LMSW %ax sets EM, cannot clear PE */
    code_at(0x8009, "\x0F\x01\xF0", 3);
    v.gpr[XVCPU_REG_RAX] = XVCPU_CR0_EM;
    cr0 = vmcb()->save.cr0;
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.cr0, (cr0 & ~0xEull) | XVCPU_CR0_EM);
    CHECK_EQ(vmcb()->save.rip, 0x800C);
    /* LMSW from memory: lmsw (%rbx) = 0F 01 33 */
    code_at(0x800C, "\x0F\x01\x33", 3);
    gram[0x4000] = 0x02; /* MP */
    v.gpr[XVCPU_REG_RBX] = 0x4000;
    cr0 = vmcb()->save.cr0;
    script_add(XVCPU_SVM_EXIT_CR0_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.cr0, (cr0 & ~0xEull) | XVCPU_CR0_MP);
    CHECK_EQ(vmcb()->save.rip, 0x800F);
    /* MOV to CR8 (intercepted: QEMU accepts bits 63:4): bit 4 #GP with V_TPR kept, 5 -> V_TPR */
    code_at(0x800F, "\x44\x0F\x22\xC0", 4); /* mov %rax, %cr8 */
    vmcb()->control.v_intr = (vmcb()->control.v_intr & ~0xFFull) | 3;
    v.x86.tpr = 3; /* the guest's CR8, as the last exit left it */
    v.gpr[XVCPU_REG_RAX] = 0x15;
    script_add(XVCPU_SVM_EXIT_CR8_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    CHECK_EQ(vmcb()->control.v_intr & 0xFF, 3);
    CHECK_EQ(vmcb()->save.rip, 0x800F);
    v.gpr[XVCPU_REG_RAX] = 5;
    script_add(XVCPU_SVM_EXIT_CR8_WRITE, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->control.v_intr & 0xFF, 5);
    CHECK_EQ(vmcb()->save.rip, 0x8013);
    finish();

    /* with decode assists: EXITINFO1 names the register, NRIP the length */
    start(SVM_NPT | SVM_NRIPS | XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS, XVCPU_START_PROTECTED, 0x8000);
    gram[0x8000] = 0x0F, gram[0x8001] = 0x0B; /* never read */
    v.gpr[XVCPU_REG_RSI] = XVCPU_CR4_PSE;
    script_add(XVCPU_SVM_EXIT_CR4_WRITE, XVCPU_SVM_CR_EXITINFO1_MOV | XVCPU_REG_RSI, 0, 3, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.cr4, XVCPU_CR4_PSE);
    CHECK_EQ(vmcb()->save.rip, 0x8003);
    finish();
}

static void guest_cr4_osxsave(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->save.cr4 |= XVCPU_CR4_OSXSAVE;
}

/* XSETBV, HLT, VMMCALL; the SVM instructions and MONITOR/MWAIT are #UD; INVD/WBINVD no-ops. */
void test_svm_simple_exits(void)
{
    static const uint64_t ud[] = { XVCPU_SVM_EXIT_VMRUN, XVCPU_SVM_EXIT_VMLOAD, XVCPU_SVM_EXIT_VMSAVE,
                                   XVCPU_SVM_EXIT_STGI, XVCPU_SVM_EXIT_CLGI, XVCPU_SVM_EXIT_SKINIT,
                                   XVCPU_SVM_EXIT_INVLPGA, XVCPU_SVM_EXIT_MONITOR, XVCPU_SVM_EXIT_MWAIT,
                                   XVCPU_SVM_EXIT_MWAIT_CONDITIONAL };
    unsigned i;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RAX] = 1;
    v.gpr[XVCPU_REG_RCX] = 0;
    script_add(XVCPU_SVM_EXIT_XSETBV, 0, 0, 3, 0, NULL); /* CR4.OSXSAVE clear: #UD */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[1], EVT(6, 3, 0, 0));
    v.gpr[XVCPU_REG_RAX] = 3; /* x87|SSE, but only x87 is allowed here: #GP */
    script_add(XVCPU_SVM_EXIT_XSETBV, 0, 0, 3, 0, guest_cr4_osxsave);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    gp_expected();
    v.gpr[XVCPU_REG_RAX] = 1;
    script_add(XVCPU_SVM_EXIT_XSETBV, 0, 0, 3, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(v.x86.xcr0, 1);
    CHECK_EQ(vmcb()->save.rip, 0x8003);
    for (i = 0; i < sizeof(ud) / sizeof(ud[0]); i++) {
        script_add(ud[i], 0, 0, 3, 0, NULL);
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(6, 3, 0, 0));
        CHECK_EQ(vmcb()->save.rip, 0x8003);
        script_reset();
    }
    v.gpr[XVCPU_REG_RCX] = 4; /* beyond the four legacy counters */
    script_add(XVCPU_SVM_EXIT_RDPMC, 0, 0, 2, 0, NULL);
    script_add(XVCPU_SVM_EXIT_WBINVD, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 2], EVT(13, 3, 1, 0));
    CHECK_EQ(vmcb()->save.rip, 0x8005);
    /* VMMCALL: the VMCALL ABI */
    v.gpr[XVCPU_REG_RAX] = 1;
    v.gpr[XVCPU_REG_RDI] = 11, v.gpr[XVCPU_REG_RSI] = 12, v.gpr[XVCPU_REG_RDX] = 13;
    v.gpr[XVCPU_REG_RCX] = 14, v.gpr[XVCPU_REG_R8] = 15, v.gpr[XVCPU_REG_R9] = 16;
    script_add(XVCPU_SVM_EXIT_VMMCALL, 0, 0, 3, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(ex.u.hypercall.nr, 1);
    CHECK_EQ(ex.u.hypercall.args[0], 11);
    CHECK_EQ(ex.u.hypercall.args[5], 16);
    CHECK_STR(ex.raw_reason_name, "VMMCALL");
    CHECK_EQ(xvcpu_complete_hypercall(&v, 0x77), XVCPU_OK);
    /* HLT: to the VMM; with an interrupt waiting and IF set it ends at once */
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF; /* completing it ends it */
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 1, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rax, 0x77);
    CHECK_EQ(vmcb()->save.rip, 0x8008);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(v.pending.insn_len, 1);
    CHECK_EQ(xvcpu_complete(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x30), XVCPU_OK);
    vmcb()->save.rflags = 2; /* IF clear: the interrupt waits behind a window */
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 1, 0, guest_sets_if);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[soft.runs - 2], 0x8009);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(0x30, 0, 0, 0)); /* HLT skipped, 0x30 delivered */
    CHECK_EQ(soft.rip_at_run[soft.runs - 1], 0x800A);
    /* host events and the rest */
    script_add(XVCPU_SVM_EXIT_NMI, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(ex.u.external_interrupt.vector, 2);
    script_add(XVCPU_SVM_EXIT_INIT, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_NOTHING);
    CHECK_STR(ex.raw_reason_name, "INIT");
    script_add(XVCPU_SVM_EXIT_PAUSE, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_UNHANDLED);
    CHECK_STR(ex.raw_reason_name, "PAUSE");
    CHECK_EQ(xvcpu_vcpu_exit_count(&v, XVCPU_SVM_EXIT_PAUSE), 1);
    finish();
}

/* NPF: EXITINFO1 the error code, EXITINFO2 the guest-physical address; counted at 0x400. */
void test_svm_npf(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_GUEST_PHYSICAL | XVCPU_SVM_NPF_EXITINFO1_US, 0x400123,
               0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(ex.u.nested_page_fault.addr, 0x400123);
    CHECK_EQ(ex.u.nested_page_fault.access, XVCPU_ACCESS_READ);
    CHECK(!ex.u.nested_page_fault.linear_valid);
    CHECK_EQ(ex.raw_info2, 0x400123);
    CHECK_STR(ex.raw_reason_name, "NPF");
    CHECK_EQ(v.pending.insn_len, 0);
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW | XVCPU_SVM_NPF_EXITINFO1_P, 0x400000, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.u.nested_page_fault.access, XVCPU_ACCESS_WRITE);
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_ID, 0x500000, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.u.nested_page_fault.access, XVCPU_ACCESS_EXEC);
    CHECK_EQ(xvcpu_vcpu_exit_count(&v, XVCPU_SVM_EXIT_NPF), 3);
    CHECK_EQ(vmcb()->save.rip, 0x8000); /* retried */
    finish();
}

/* Injection through EVENTINJ: exceptions (error code only with CR0.PE), #PF with CR2, software
 * interrupts after RIP moved past them, NMIs, external interrupts and their window. */
void test_svm_injection(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_inject_exception(&v, 13, 0x1234), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[0], EVT(13, 3, 1, 0x1234));
    CHECK_EQ(vmcb()->control.event_inj, 0); /* delivered: nothing left for the next entry */
    xvcpu__x86_raise_page_fault(&v, 2, 0xDEAD000);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[1], EVT(14, 3, 1, 2));
    CHECK_EQ(vmcb()->save.cr2, 0xDEAD000);
    CHECK_EQ(soft.cr2_at_run[1], 0xDEAD000); /* the register too: Bochs 2.7's VMRUN does not load it */
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 0x80, 2), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[2], EVT(0x80, 4, 0, 0));
    CHECK_EQ(soft.rip_at_run[2], 0x8002); /* the return address the CPU pushes */
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 3, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[3], EVT(3, 4, 0, 0)); /* INT3: DPL-checked like INT n */
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 1, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[4], EVT(1, 3, 0, 0)); /* INT1 */
    CHECK_EQ(soft.rip_at_run[4], 0x8004);
    /* external interrupts: IF clear -> a V_IRQ window; VINTR exit -> delivered */
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x40), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x41), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_VINTR, 0, 0, 0, 0, guest_sets_if);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[5], 0);
    CHECK_EQ(soft.eventinj_at_run[6], EVT(0x41, 0, 0, 0)); /* highest first */
    CHECK(vmcb()->control.v_intr & XVCPU_VMCB_V_INTR_V_IRQ); /* 0x40 waits behind it: window open */
    CHECK(vmcb()->control.intercept_misc1 & XVCPU_SVM_INTERCEPT_MISC1_VINTR);
    /* an STI shadow also waits */
    vmcb()->control.interrupt_shadow = 1;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[7], 0);
    CHECK(vmcb()->control.v_intr & XVCPU_VMCB_V_INTR_V_IRQ);
    CHECK(vmcb()->control.v_intr & XVCPU_VMCB_V_INTR_V_IGN_TPR);
    CHECK(vmcb()->control.intercept_misc1 & XVCPU_SVM_INTERCEPT_MISC1_VINTR);
    vmcb()->control.interrupt_shadow = 0;
    script_add(XVCPU_SVM_EXIT_VINTR, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[8], EVT(0x40, 0, 0, 0)); /* deliverable again: no need to wait */
    CHECK_EQ(soft.eventinj_at_run[9], 0);
    CHECK_EQ(vmcb()->control.v_intr, XVCPU_VMCB_V_INTR_V_INTR_MASKING); /* nothing left: window closed */
    CHECK_EQ(vmcb()->control.intercept_misc1 & XVCPU_SVM_INTERCEPT_MISC1_VINTR, 0);
    /* real mode pushes no error code */
    finish();
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_REAL, 0x8000);
    CHECK_EQ(xvcpu_inject_exception(&v, 13, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[0], EVT(13, 3, 0, 0));
    finish();
}

static void guest_moves(xvcpu_vcpu *vc)
{
    vc->arch.svm.vmcb->save.rip += 1;
}

/* NMIs: one at a time; after a delivered NMI the next waits for the handler's IRET. */
void test_svm_nmi(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_inject_nmi(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[0], EVT(2, 2, 0, 0));
    CHECK(v.arch.svm.nmi_blocked);
    CHECK_EQ(xvcpu_inject_nmi(&v), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_IRET, 0, 0, 1, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* IRET intercepted, then re-entered */
    CHECK_EQ(soft.eventinj_at_run[1], 0);
    CHECK(soft.runs == 3 && v.arch.svm.awaiting_iret);
    CHECK_EQ(soft.eventinj_at_run[2], 0); /* the IRET has not run yet */
    CHECK_EQ(vmcb()->control.intercept_misc1 & XVCPU_SVM_INTERCEPT_MISC1_IRET, 0);
    script_add(XVCPU_SVM_EXIT_INTR, 0, 0, 0, 0, guest_moves); /* the IRET ran */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[3], 0);
    CHECK(!v.arch.svm.nmi_blocked);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[4], EVT(2, 2, 0, 0));
    finish();
}

/* GIF stays clear across the exits the library handles itself (found by the fuzzer: a guest
 * looping on CPUID kept the CPU from the VMM, its host timer taken between two VMRUNs): one
 * CLGI/STGI pair per xvcpu_vcpu_run(), however many exits it handles. */
void test_svm_gif_across_resumes(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    script_add(XVCPU_SVM_EXIT_INTR, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(soft.runs, 3);
    CHECK(!soft.gif_at_run[0] && !soft.gif_at_run[1] && !soft.gif_at_run[2] && soft.gif);
    CHECK_EQ(soft.clgis, 1);
    CHECK_EQ(soft.stgis, 1);
    finish();
}

/* The handler's IRET comes before the VMM queues the next NMI (found by the fuzzer: an NMI for a
 * guest looping without exits was never delivered): the IRET is intercepted from the delivery
 * on, so the next NMI goes in at the next entry after it. */
void test_svm_nmi_after_iret(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_inject_nmi(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[0], EVT(2, 2, 0, 0));
    CHECK(v.arch.svm.nmi_blocked);
    CHECK(vmcb()->control.intercept_misc1 & XVCPU_SVM_INTERCEPT_MISC1_IRET);
    script_add(XVCPU_SVM_EXIT_IRET, 0, 0, 1, 0, NULL);
    script_add(XVCPU_SVM_EXIT_INTR, 0, 0, 0, 0, guest_moves); /* the IRET ran, then a host interrupt */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK(!v.arch.svm.nmi_blocked);
    CHECK_EQ(xvcpu_inject_nmi(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(2, 2, 0, 0));
    finish();
}

/* EXITINTINFO: an event cut short is delivered again before anything else; a software interrupt
 * the guest executed itself runs again instead. */
void test_svm_exitintinfo(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x50), XVCPU_OK);
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF;
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(0x50, 0, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(xvcpu_inject_exception(&v, 6, 0), XVCPU_OK); /* waits behind the re-injection */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[1], EVT(0x50, 0, 0, 0));
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[2], EVT(6, 3, 0, 0));
    /* an exception with its error code */
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(14, 3, 1, 0x6), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[4], EVT(14, 3, 1, 0x6));
    /* INT n and INT3 of the guest: not re-injected, the instruction runs again */
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(0x21, 4, 0, 0), NULL);
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(3, 3, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[6], 0);
    CHECK_EQ(soft.eventinj_at_run[7], 0);
    /* but one the VMM injected (RIP already past it) is */
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 0x21, 2), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(0x21, 4, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[8], EVT(0x21, 4, 0, 0));
    CHECK_EQ(soft.eventinj_at_run[9], EVT(0x21, 4, 0, 0));
    CHECK_EQ(soft.rip_at_run[9], 0x8002); /* moved once */
    /* an external interrupt below 32 is malformed (Bochs 2.7 reports a software INT cut short by
     * an NPF so): the guest's own event is not re-injected, the VMM's goes again as written */
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(0, 0, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[11], 0);
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 0x22, 2), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_NPF, 0, 0x600000, 0, EVT(0, 0, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[12], EVT(0x22, 4, 0, 0));
    CHECK_EQ(soft.eventinj_at_run[13], EVT(0x22, 4, 0, 0));
    CHECK_EQ(soft.rip_at_run[13], 0x8004); /* moved once */
    finish();
}

/* A device access while delivering an event (the guest's stack is MMIO), answered with a fault:
 * the fault replaces the event, combined with it as the CPU would (SDM Vol. 3A Table 6-5); the
 * VMM's own INT n puts RIP back at its instruction. */
void test_svm_fault_during_delivery(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&v, 0x600000, 0x1000), XVCPU_OK);
    /* #GP being delivered + #GP = #DF(0) */
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW, 0x600ff8, 0, EVT(13, 3, 1, 0x10), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(ex.u.mmio_unsupported.why, "the access delivers an event (IDT, TSS or stack in MMIO)");
    CHECK_EQ(xvcpu_complete_fault(&v, 13, 0x182), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[1], EVT(8, 3, 1, 0));
    /* an external interrupt being delivered: the #GP comes alone, the interrupt is gone */
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW, 0x600ff8, 0, EVT(0x30, 0, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_fault(&v, 13, 0x182), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[3], EVT(13, 3, 1, 0x182));
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[4], 0);
    /* the VMM's INT 0x21 (2 bytes at 0x8000; RIP moved past it to inject it): RIP goes back */
    vmcb()->save.rip = 0x8000;
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 0x21, 2), XVCPU_OK);
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW, 0x600ff8, 0, EVT(0x21, 4, 0, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[5], 0x8002);
    CHECK_EQ(xvcpu_complete_fault(&v, 12, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[6], EVT(12, 3, 1, 0));
    CHECK_EQ(soft.rip_at_run[6], 0x8000);
    /* #DF being delivered + #NP: shutdown */
    script_add(XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW, 0x600ff8, 0, EVT(8, 3, 1, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_fault(&v, 11, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_EQ(soft.runs, 8);
    finish();
}

/* A triple fault: SHUTDOWN, or (where the CPU does not intercept it) a fault while the library
 * delivers the #DF it intercepted. */
void test_svm_shutdown_and_double_fault(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF; /* the HLTs here end when completed */
    script_add(XVCPU_SVM_EXIT_EXCP8, 0, 0, 0, EVT(13, 3, 1, 0), NULL);
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 1, 0, NULL); /* the #DF was delivered */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[1], EVT(8, 3, 1, 0)); /* the #DF, not the #GP it replaced */
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(vmcb()->control.intercept_exceptions, 1u << 8); /* watch over */
    CHECK_EQ(xvcpu_complete(&v), XVCPU_OK);
    /* a #PF in the #DF handler, not during the delivery: the guest gets it */
    script_add(XVCPU_SVM_EXIT_EXCP8, 0, 0, 0, 0, NULL);
    script_add(XVCPU_SVM_EXIT_EXCP14, 2, 0xBAD000, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[3], EVT(8, 3, 1, 0));
    CHECK_EQ(vmcb()->control.intercept_exceptions, 1u << 8); /* cleared at the #PF exit */
    CHECK_EQ(soft.eventinj_at_run[4], EVT(14, 3, 1, 2));
    CHECK_EQ(vmcb()->save.cr2, 0xBAD000);
    /* a #GP while delivering the #DF: shutdown */
    script_add(XVCPU_SVM_EXIT_EXCP8, 0, 0, 0, 0, NULL);
    script_add(XVCPU_SVM_EXIT_EXCP13, 0, 0, 0, EVT(8, 3, 1, 0), NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->control.intercept_exceptions, (1u << 8) | 0x7C00u);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_STR(ex.raw_reason_name, "EXCP13");
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_ERR_BAD_STATE);
    CHECK_STR(xvcpu_vcpu_last_error(&v), "xvcpu_vcpu_run: vCPU 0 is shut down (SYSTEM_DOWN); unbind and destroy it");
    finish();

    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    script_add(XVCPU_SVM_EXIT_SHUTDOWN, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_STR(ex.raw_reason_name, "SHUTDOWN");
    finish();
}

/* Registers through the backend: the VMCB's view, EFER without SVME; bound vCPUs only. */
void test_svm_registers(void)
{
    uint64_t x = 0;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
    CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_EFER, &x), XVCPU_OK);
    CHECK_EQ(x, XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA);
    CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_CR3, &x), XVCPU_OK);
    CHECK_EQ(x, 0x1000);
    CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_RSP, &x), XVCPU_OK);
    CHECK_EQ(x, 0x7000);
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RSP, 0x6000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RFLAGS, 0x200), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rflags, 0x202);
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_CR0, 0), XVCPU_ERR_UNSUPPORTED);
    v.gpr[XVCPU_REG_RAX] = 0;
    script_add(XVCPU_SVM_EXIT_VMMCALL, 0, 0, 3, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(vmcb()->save.rsp, 0x6000);
    CHECK_EQ(xvcpu_complete_hypercall(&v, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_RIP, &x), XVCPU_OK);
    CHECK_EQ(x, 0x8003); /* the completion is counted before the next entry */
    CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_RIP, &x), XVCPU_ERR_BAD_STATE);
    CHECK_STR(xvcpu_vcpu_last_error(&v), "xvcpu_vcpu_get_reg: vCPU 0 is not bound");
    CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
    finish();
}

#include "test_svm_rip_exact.c"

/* Set CPUID.(leaf, subleaf):reg[bit] in the vCPU's view to `show` (through the VMM's call). */
static void svm_view_set(const xvcpu__x86_feature *f, bool show)
{
    xvcpu_cpuid_entry e, *cur = xvcpu__cpuid_find(&v.x86, f->leaf, f->subleaf);
    uint32_t *r;
    memset(&e, 0, sizeof(e));
    if (cur != NULL)
        e = *cur;
    e.leaf = f->leaf;
    e.subleaf = f->subleaf;
    e.flags = f->leaf == 7 ? XVCPU_CPUID_SUBLEAF : 0;
    r = f->reg == 0 ? &e.eax : f->reg == 1 ? &e.ebx : f->reg == 2 ? &e.ecx : &e.edx;
    *r = show ? (*r | f->bit) : (*r & ~f->bit);
    CHECK_EQ(xvcpu_vcpu_set_cpuid(&v, &e), XVCPU_OK);
}

static void svm_view_set_msr_peers(unsigned row, uint32_t msr, bool show)
{
    unsigned k;
    for (k = 0; k < XVCPU__X86_FEATURE_COUNT; k++)
        if (k != row && xvcpu__x86_feature_has_msr(&xvcpu__x86_features[k], msr))
            svm_view_set(&xvcpu__x86_features[k], show);
}

/* One exit, then the entry after it: what that entry injected (0: nothing). */
static uint64_t svm_one(uint64_t code, uint64_t info1)
{
    script_reset();
    soft.runs = 0; /* the record of runs has room for 64 */
    script_add(code, info1, 0, code == XVCPU_SVM_EXIT_CR4_WRITE ? 3 : 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    return soft.eventinj_at_run[soft.runs - 1];
}

/* The feature table on SVM: for every row, hiding its CPUID bit makes its CR4 bits, EFER bits and
 * MSRs #GP; showing it makes them work where this CPU has them (SVM_EFER: FFXSR only where CPUID
 * has it, never TCE; VMXE/SMXE never; PCIDE #GPs outside IA-32e mode). */
void test_svm_feature_table(void)
{
    unsigned i, j;
    int show;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    for (i = 0; i < XVCPU__X86_FEATURE_COUNT; i++) {
        const xvcpu__x86_feature *f = &xvcpu__x86_features[i];
        for (show = 0; show < 2; show++) {
            svm_view_set(f, show != 0);
            if (f->cr4 != 0) {
                bool works = show && (f->cr4 & ~v.arch.svm.cr4_allowed) == 0 && f->cr4 != XVCPU_CR4_PCIDE;
                code_at(vmcb()->save.rip, "\x0F\x22\xE3", 3); /* mov %ebx, %cr4 */
                v.gpr[XVCPU_REG_RBX] = f->cr4;
                CHECK_EQ(svm_one(XVCPU_SVM_EXIT_CR4_WRITE, 0), works ? 0 : EVT(13, 3, 1, 0));
                if (works) {
                    CHECK_EQ(vmcb()->save.cr4 & f->cr4, f->cr4);
                    code_at(vmcb()->save.rip, "\x0F\x22\xE3", 3);
                    v.gpr[XVCPU_REG_RBX] = 0;
                    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_CR4_WRITE, 0), 0);
                }
            }
            if (f->efer != 0) {
                bool works = show && (f->efer & ~(v.arch.svm.efer_allowed | XVCPU_IA32_EFER_LMA)) == 0;
                v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_EFER;
                v.gpr[XVCPU_REG_RAX] = f->efer & ~XVCPU_IA32_EFER_LMA;
                v.gpr[XVCPU_REG_RDX] = 0;
                CHECK_EQ(svm_one(XVCPU_SVM_EXIT_MSR, 1), works ? 0 : EVT(13, 3, 1, 0));
                v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_EFER;
                v.gpr[XVCPU_REG_RAX] = 0;
                CHECK_EQ(svm_one(XVCPU_SVM_EXIT_MSR, 1), 0);
            }
            for (j = 0; j < 2; j++) {
                uint64_t got;
                if (f->msr[j] == 0)
                    continue;
                svm_view_set_msr_peers(i, f->msr[j], false); /* only this row decides */
                v.gpr[XVCPU_REG_RCX] = f->msr[j];
                got = svm_one(XVCPU_SVM_EXIT_MSR, 0);
                svm_view_set_msr_peers(i, f->msr[j], true);
                if (got != (show ? 0 : EVT(13, 3, 1, 0))) {
                    printf("  row %u (CPUID %x.%u reg %u bit %x) MSR %x shown %d: wrong answer\n", i, f->leaf,
                           f->subleaf, f->reg, f->bit, f->msr[j], show);
                    check_failures++;
                }
            }
        }
    }
    /* the AMD view without FFXSR in the host's CPUID: EFER.FFXSR is not the guest's, and the view
     * no longer shows it */
    CHECK_EQ(v.arch.svm.efer_allowed & XVCPU_IA32_EFER_FFXSR, 0);
    finish();
}

/* RDPMC on an AMD view: the four legacy counters at CPL 0 or with CR4.PCE, #GP otherwise; the
 * PerfCtr MSRs; the TSC offset; VMMCALL's CPL. */
void test_svm_rdpmc_tsc_cpl(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RCX] = 0xC0010004u; /* PerfCtr0: 48 bits kept */
    v.gpr[XVCPU_REG_RAX] = 0x89ABCDEFu;
    v.gpr[XVCPU_REG_RDX] = 0xFFFF1234u;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_MSR, 1), 0);
    v.gpr[XVCPU_REG_RCX] = 0;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_RDPMC, 0), 0);
    CHECK_EQ(vmcb()->save.rax, 0x89ABCDEFu);
    CHECK_EQ(v.gpr[XVCPU_REG_RDX], 0x1234u);
    v.gpr[XVCPU_REG_RCX] = 4;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_RDPMC, 0), EVT(13, 3, 1, 0));
    vmcb()->save.cpl = 3;
    v.gpr[XVCPU_REG_RCX] = 1;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_RDPMC, 0), EVT(13, 3, 1, 0)); /* CR4.PCE clear */
    vmcb()->save.cr4 |= XVCPU_CR4_PCE;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_RDPMC, 0), 0);
    CHECK_EQ(vmcb()->save.rax, 0);
    /* VMMCALL from CPL 3 says so */
    script_reset();
    script_add(XVCPU_SVM_EXIT_VMMCALL, 0, 0, 3, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(ex.u.hypercall.cpl, 3);
    CHECK_EQ(xvcpu_complete_hypercall(&v, 0), XVCPU_OK);
    vmcb()->save.cpl = 0;
    /* WRMSR IA32_TSC: the VMCB's TSC offset, and the intercepts group dirty */
    soft_set_msr(XVCPU_MSR_IA32_TSC, 1000);
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_TSC;
    v.gpr[XVCPU_REG_RAX] = 4000;
    v.gpr[XVCPU_REG_RDX] = 0;
    CHECK_EQ(svm_one(XVCPU_SVM_EXIT_MSR, 1), 0);
    CHECK_EQ(vmcb()->control.tsc_offset, 3000);
    finish();
}

/* Single-step over an emulated instruction (issue 12 defect 5): with TF set, CPUID completed by
 * the library and an OUT completed by the VMM each leave one #DB (vector 1, exception, no error
 * code) for the next entry, with VMCB DR6.BS set; with TF clear nothing. An interrupt waiting
 * behind the #DB gets its window. A software interrupt the VMM injects moves RIP without a trap. */
static void guest_sets_tf(xvcpu_vcpu *vc) { vc->arch.svm.vmcb->save.rflags |= XVCPU_RFLAGS_TF; }
void test_svm_single_step_after_emulation(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    v.gpr[XVCPU_REG_RAX] = 0;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], 0); /* TF clear: no trap */
    CHECK_EQ(vmcb()->save.dr6, 0xFFFF0FF0u);
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 2, 0, guest_sets_tf);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[soft.runs - 1], 0x8004);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(1, 3, 0, 0));
    CHECK_EQ(vmcb()->save.dr6, 0xFFFF4FF0u);
    /* an OUT the VMM completes, an interrupt queued behind the trap: #DB, then the window */
    vmcb()->save.dr6 = 0xFFFF0FF0u;
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF;
    script_add(XVCPU_SVM_EXIT_IOIO, IOIO(0xE9, IO_SZ8 | IO_A32), 0x8005, 0, 0, NULL); /* out %al, $0xe9 */
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_IO_WRITE);
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x30), XVCPU_OK);
    CHECK_EQ(xvcpu_complete(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.rip_at_run[soft.runs - 1], 0x8005);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(1, 3, 0, 0));
    CHECK_EQ(vmcb()->save.dr6, 0xFFFF4FF0u);
    CHECK((vmcb()->control.v_intr & XVCPU_VMCB_V_INTR_V_IRQ) != 0);
    CHECK(xvcpu__highest_irr(&v) == 0x30);
    /* INT n injected by the VMM: RIP moves past it, no single-step trap (the event clears TF) */
    xvcpu__irr_clear(&v, 0x30);
    vmcb()->save.dr6 = 0xFFFF0FF0u;
    CHECK_EQ(xvcpu_inject_software_interrupt(&v, 0x21, 2), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(0x21, 4, 0, 0));
    CHECK_EQ(vmcb()->save.dr6, 0xFFFF0FF0u);
    finish();
}

/* HLT with IF clear (issue 12 defect 9): the HALT exit says so; completing it with only an
 * interrupt queued returns the HALT again without a VMRUN; an NMI ends it, RIP after the HLT. */
void test_svm_masked_hlt_stays_halted(void)
{
    unsigned runs;
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, 0x8000);
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 1, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK(ex.u.halt.interrupts_masked);
    CHECK_EQ(xvcpu_complete(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&v, 0x30), XVCPU_OK);
    runs = soft.runs;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK(ex.u.halt.interrupts_masked);
    CHECK_EQ(soft.runs, runs); /* not entered */
    CHECK_EQ(vmcb()->save.rip, 0x8000);
    CHECK_EQ(xvcpu_inject_nmi(&v), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* implicit completion, then the NMI ends it */
    CHECK_EQ(soft.runs, runs + 1);
    CHECK_EQ(soft.rip_at_run[soft.runs - 1], 0x8001);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(2, 2, 0, 0));
    CHECK(xvcpu__highest_irr(&v) == 0x30); /* still waiting for IF */
    /* IF set: the HALT is not masked and completing it ends it */
    vmcb()->save.rflags |= XVCPU_RFLAGS_IF;
    xvcpu__irr_clear(&v, 0x30);
    script_add(XVCPU_SVM_EXIT_HLT, 0, 0, 1, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK(!ex.u.halt.interrupts_masked);
    runs = soft.runs;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(soft.runs, runs + 1);
    CHECK_EQ(soft.rip_at_run[soft.runs - 1], 0x8002);
    finish();
}

#define SVM_TESTS(X)                          \
    X(test_svm_single_step_after_emulation)   \
    X(test_svm_masked_hlt_stays_halted)       \
    X(test_svm_rip_exact_after_lengthless_exits) \
    X(test_svm_len_cache_exact)               \
    X(test_svm_enable_checks)                 \
    X(test_svm_stage2_for_cpu)                \
    X(test_svm_setup_errors)                  \
    X(test_svm_vmcb_setup)                    \
    X(test_svm_permission_maps)               \
    X(test_svm_start_modes)                   \
    X(test_svm_asid_and_tlb)                  \
    X(test_svm_clean_bits)                    \
    X(test_svm_cpuid_nrip)                    \
    X(test_svm_next_rip_from_fetch)           \
    X(test_svm_failed_entry)                  \
    X(test_svm_io_exits)                      \
    X(test_svm_msr_exits)                     \
    X(test_svm_cr_writes)                     \
    X(test_svm_simple_exits)                  \
    X(test_svm_feature_table)                 \
    X(test_svm_rdpmc_tsc_cpl)                 \
    X(test_svm_npf)                           \
    X(test_svm_injection)                     \
    X(test_svm_nmi)                           \
    X(test_svm_nmi_after_iret)                \
    X(test_svm_gif_across_resumes)            \
    X(test_svm_exitintinfo)                   \
    X(test_svm_rep_string_single_step)        \
    X(test_svm_fault_during_delivery)         \
    X(test_svm_shutdown_and_double_fault)     \
    X(test_svm_registers)
