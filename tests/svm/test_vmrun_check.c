/* The library's VMRUN consistency checker against the software SVM model's own (soft_svm.c, an
 * independent reading of APM Vol. 2 15.5.1): each corruption makes VMRUN fail, and the FAIL_ENTRY
 * exit names the same check the model failed, with the APM's section. Also the VMCB dump. */

typedef struct vmrun_case {
    const char *name;
    void (*corrupt)(xvcpu_vmcb *m);
} vmrun_case;

static void c_svme(xvcpu_vmcb *m) { m->save.efer &= ~XVCPU_IA32_EFER_SVME; }
static void c_nw(xvcpu_vmcb *m) { m->save.cr0 = (m->save.cr0 & ~XVCPU_CR0_CD) | XVCPU_CR0_NW; }
static void c_cr0_high(xvcpu_vmcb *m) { m->save.cr0 |= 1ull << 40; }
static void c_cr3(xvcpu_vmcb *m) { m->save.cr3 |= 1ull << 60; }
static void c_cr4(xvcpu_vmcb *m) { m->save.cr4 |= XVCPU_CR4_VMXE; }
static void c_dr6(xvcpu_vmcb *m) { m->save.dr6 |= 1ull << 33; }
static void c_dr7(xvcpu_vmcb *m) { m->save.dr7 |= 1ull << 33; }
static void c_efer(xvcpu_vmcb *m) { m->save.efer |= 1ull << 40; }
static void c_pae(xvcpu_vmcb *m) { m->save.cr4 &= ~XVCPU_CR4_PAE; }
static void c_pe(xvcpu_vmcb *m) { m->save.cr0 &= ~XVCPU_CR0_PE; }
static void c_csld(xvcpu_vmcb *m) { m->save.cs.attrib |= 0x400; }
static void c_vmrun(xvcpu_vmcb *m) { m->control.intercept_misc2 &= ~XVCPU_SVM_INTERCEPT_MISC2_VMRUN; }
static void c_msrpm(xvcpu_vmcb *m) { m->control.msrpm_base_pa = 0xFFFFFFFFF000ull; }
static void c_iopm(xvcpu_vmcb *m) { m->control.iopm_base_pa = 0xFFFFFFFFE000ull; }
static void c_asid(xvcpu_vmcb *m) { m->control.guest_asid = 0; }
static void c_event(xvcpu_vmcb *m) { m->control.event_inj = 0x80000100ull; }
static void c_event_nmi(xvcpu_vmcb *m) { m->control.event_inj = 0x80000302ull; }
static void c_ncr3(xvcpu_vmcb *m) { m->control.n_cr3 |= 0x10; }

static const vmrun_case vmrun_cases[] = {
    { "EFER.SVME is zero", c_svme },
    { "CR0.CD is zero and CR0.NW is set", c_nw },
    { "CR0[63:32] are not zero", c_cr0_high },
    { "CR3 MBZ bits are set", c_cr3 },
    { "CR4 MBZ bits are set", c_cr4 },
    { "DR6[63:32] or DR7[63:32] are not zero", c_dr6 },
    { "DR6[63:32] or DR7[63:32] are not zero", c_dr7 },
    { "EFER MBZ bits are set", c_efer },
    { "EFER.LME and CR0.PG are both set and CR4.PAE is zero", c_pae },
    { "EFER.LME and CR0.PG are both non-zero and CR0.PE is zero", c_pe },
    { "EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all non-zero", c_csld },
    { "the VMRUN intercept bit is clear", c_vmrun },
    { "the MSR or IOIO intercept tables extend to a physical address that is invalid", c_msrpm },
    { "the MSR or IOIO intercept tables extend to a physical address that is invalid", c_iopm },
    { "ASID is equal to zero", c_asid },
    { "illegal event injection", c_event },
    { "illegal event injection", c_event_nmi },
    { "nCR3 is not a page-aligned table", c_ncr3 },
};

void test_svm_vmrun_check_each(void)
{
    unsigned i;
    char want[200], text[512];
    for (i = 0; i < sizeof(vmrun_cases) / sizeof(vmrun_cases[0]); i++) {
        const vmrun_case *t = &vmrun_cases[i];
        start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
        CHECK(xvcpu_svm_vmrun_check(vmcb(), &v.arch.svm.caps) == NULL);
        /* the first VMRUN writes the start state; corrupt it only then */
        script_reset();
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
        CHECK(xvcpu_svm_vmrun_check(vmcb(), &v.arch.svm.caps) == NULL);
        t->corrupt(vmcb());
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_FAIL_ENTRY);
        CHECK_STR(soft.failed_check, t->name); /* the model failed the check this case is about */
        snprintf(want, sizeof(want), "%s (APM Vol. 2 15.5.1)", t->name);
        if (ex.u.fail_entry.check == NULL || strcmp(ex.u.fail_entry.check, want) != 0)
            printf("  case %u \"%s\":\n", i, t->name);
        CHECK_STR(ex.u.fail_entry.check, want);
        snprintf(text, sizeof(text),
                 "xvcpu_vcpu_run: vCPU 0: VM entry failed: INVALID: VMRUN found the guest state invalid (APM Vol. 2 "
                 "15.5.1): %s", want);
        CHECK_STR(xvcpu_vcpu_last_error(&v), text);
        finish();
    }
}

static unsigned svm_dump_lines;
static char svm_dump_cs[96], svm_dump_asid[64];
static void svm_dump_print(void *ctx, const char *line)
{
    (void)ctx;
    svm_dump_lines++;
    if (strncmp(line, "save.cs ", 8) == 0)
        snprintf(svm_dump_cs, sizeof(svm_dump_cs), "%s", line);
    if (strncmp(line, "control.guest_asid ", 19) == 0)
        snprintf(svm_dump_asid, sizeof(svm_dump_asid), "%s", line);
}

void test_svm_dump(void)
{
    unsigned expect = 0;
#define COUNT(m, off, K) expect++;
    XVCPU_VMCB_CONTROL_FIELDS(COUNT)
    XVCPU_VMCB_SAVE_FIELDS(COUNT)
#undef COUNT
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
    svm_dump_lines = 0;
    CHECK_EQ(xvcpu_svm_dump(&v, svm_dump_print, NULL), XVCPU_OK);
    CHECK_EQ(svm_dump_lines, expect);
    CHECK(expect > 80);
    CHECK_STR(svm_dump_cs, "save.cs selector 0x8 attrib 0xa9b limit 0xffffffff base 0x0");
    CHECK_STR(svm_dump_asid, "control.guest_asid 0x1");
    CHECK_EQ(xvcpu_vmx_dump(&v, svm_dump_print, NULL), XVCPU_ERR_BAD_STATE);
    finish();
}
