/* VMCB corruptions and the APM Vol. 2 15.5.1 VMRUN check each must fail first. Shared by the host
 * unit test (tests/svm/test_vmrun_check.c, against the soft SVM model) and the Bochs run
 * (examples/minihv/entry_check.c). Include after xvcpu.h. */
#ifndef TESTS_VMRUN_CASES_H
#define TESTS_VMRUN_CASES_H

typedef struct vmrun_case {
    const char *tag;                 /* short name for the Bochs run's PASS/FAIL lines */
    const char *name;                /* the APM's words for the check (the soft model's too) */
    void (*corrupt)(xvcpu_vmcb *m);
    const char *bochs_skip;          /* why the Bochs run leaves the case out, or NULL */
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
static void c_ncr3_high(xvcpu_vmcb *m) { m->control.n_cr3 |= 1ull << 50; }

static const vmrun_case vmrun_cases[] = {
    { "svme", "EFER.SVME is zero", c_svme, NULL },
    { "nw", "CR0.CD is zero and CR0.NW is set", c_nw, NULL },
    { "cr0-high", "CR0[63:32] are not zero", c_cr0_high, NULL },
    { "cr3", "CR3 MBZ bits are set", c_cr3, NULL },
    { "cr4", "CR4 MBZ bits are set", c_cr4, NULL },
    { "dr6", "DR6[63:32] or DR7[63:32] are not zero", c_dr6, NULL },
    { "dr7", "DR6[63:32] or DR7[63:32] are not zero", c_dr7, NULL },
    { "efer", "EFER MBZ bits are set", c_efer, NULL },
    { "pae", "EFER.LME and CR0.PG are both set and CR4.PAE is zero", c_pae, NULL },
    { "pe", "EFER.LME and CR0.PG are both non-zero and CR0.PE is zero", c_pe,
      "Bochs 2.7 stops with a PANIC (EFER.LMA set with CR0.PE clear) instead of VMEXIT_INVALID" },
    { "csld", "EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all non-zero", c_csld, NULL },
    { "vmrun", "the VMRUN intercept bit is clear", c_vmrun, NULL },
    { "msrpm", "the MSR or IOIO intercept tables extend to a physical address that is invalid", c_msrpm, NULL },
    { "iopm", "the MSR or IOIO intercept tables extend to a physical address that is invalid", c_iopm, NULL },
    { "asid", "ASID is equal to zero", c_asid, NULL },
    { "event", "illegal event injection", c_event, NULL },
    { "event-nmi", "illegal event injection", c_event_nmi, NULL },
    { "ncr3", "nCR3 is not a page-aligned table", c_ncr3, "Bochs 2.7 ignores nCR3 bits 11:0" },
    { "ncr3-high", "nCR3 is not a page-aligned table", c_ncr3_high, NULL },
};

#define VMRUN_CASE_COUNT (sizeof(vmrun_cases) / sizeof(vmrun_cases[0]))

#endif
