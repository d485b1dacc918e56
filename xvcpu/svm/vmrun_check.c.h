/* The VMRUN consistency checks in software (APM Vol. 2 15.5.1 "Basic Operation", Canonicalization
 * and Consistency Checks). VMRUN reports only VMEXIT_INVALID; this names the first check the
 * VMCB fails, in the APM's order and words. */

#define XVCPU__SC(text) text " (APM Vol. 2 15.5.1)"

/* CR4 bits AMD defines (APM Vol. 2 3.1.3); the others are MBZ. */
#define XVCPU__SVM_CR4_DEFINED                                                                     \
    (XVCPU_CR4_VME | XVCPU_CR4_PVI | XVCPU_CR4_TSD | XVCPU_CR4_DE | XVCPU_CR4_PSE | XVCPU_CR4_PAE |    \
     XVCPU_CR4_MCE | XVCPU_CR4_PGE | XVCPU_CR4_PCE | XVCPU_CR4_OSFXSR | XVCPU_CR4_OSXMMEXCPT |          \
     XVCPU_CR4_UMIP | XVCPU_CR4_LA57 | XVCPU_CR4_FSGSBASE | XVCPU_CR4_PCIDE | XVCPU_CR4_OSXSAVE |       \
     XVCPU_CR4_SMEP | XVCPU_CR4_SMAP | XVCPU_CR4_PKE | XVCPU_CR4_CET)
/* EFER bits AMD defines (APM Vol. 2 3.1.7); the others are MBZ. */
#define XVCPU__SVM_EFER_DEFINED                                                                    \
    (XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE |          \
     XVCPU_IA32_EFER_SVME | XVCPU_IA32_EFER_LMSLE | XVCPU_IA32_EFER_FFXSR | XVCPU_IA32_EFER_TCE |     \
     XVCPU_IA32_EFER_MCOMMIT | XVCPU_IA32_EFER_INTWB | XVCPU_IA32_EFER_UAIE | XVCPU_IA32_EFER_AIBRSE)

static unsigned xvcpu__svm_phys_width(void)
{
    uint32_t r[4];
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] < 0x80000008u)
        return 40;
    XVCPU_CPUID(0x80000008u, 0, r);
    return r[0] & 0xFF;
}

/* A table of `bytes` at `pa` fits below the physical-address limit. */
static bool xvcpu__svm_table_ok(uint64_t pa, uint64_t bytes, unsigned width)
{
    uint64_t limit = width >= 64 ? ~0ull : 1ull << width;
    return (pa & ~0xFFFull) < limit && limit - (pa & ~0xFFFull) >= bytes;
}

static void xvcpu__svm_vmrun_snapshot(const xvcpu_vmcb *vmcb, xvcpu_svm_vmrun_state *s)
{
    s->efer = vmcb->save.efer;
    s->cr0 = vmcb->save.cr0;
    s->cr3 = vmcb->save.cr3;
    s->cr4 = vmcb->save.cr4;
    s->dr6 = vmcb->save.dr6;
    s->dr7 = vmcb->save.dr7;
    s->cs_attrib = vmcb->save.cs.attrib;
    s->event_inj = vmcb->control.event_inj;
}

/* The checks on guest state `s` (as VMRUN saw it) and the control area `c`. */
static const char *xvcpu__svm_vmrun_check(const xvcpu_svm_vmrun_state *s, const xvcpu_vmcb_control *c,
                                          const xvcpu_svm_caps *caps)
{
    bool lme_pg;
    unsigned width = xvcpu__svm_phys_width();
    uint32_t type, vector;
    lme_pg = (s->efer & XVCPU_IA32_EFER_LME) && (s->cr0 & XVCPU_CR0_PG);
    if (!(s->efer & XVCPU_IA32_EFER_SVME))
        return XVCPU__SC("EFER.SVME is zero");
    if (!(s->cr0 & XVCPU_CR0_CD) && (s->cr0 & XVCPU_CR0_NW))
        return XVCPU__SC("CR0.CD is zero and CR0.NW is set");
    if (s->cr0 >> 32)
        return XVCPU__SC("CR0[63:32] are not zero");
    if ((s->cr3 >> 52) || (lme_pg && width < 52 && (s->cr3 >> width)))
        return XVCPU__SC("CR3 MBZ bits are set");
    if (s->cr4 & ~(uint64_t)XVCPU__SVM_CR4_DEFINED)
        return XVCPU__SC("CR4 MBZ bits are set");
    if ((s->dr6 >> 32) || (s->dr7 >> 32))
        return XVCPU__SC("DR6[63:32] or DR7[63:32] are not zero");
    if (s->efer & ~(uint64_t)XVCPU__SVM_EFER_DEFINED)
        return XVCPU__SC("EFER MBZ bits are set");
    if (lme_pg && !(s->cr4 & XVCPU_CR4_PAE))
        return XVCPU__SC("EFER.LME and CR0.PG are both set and CR4.PAE is zero");
    if (lme_pg && !(s->cr0 & XVCPU_CR0_PE))
        return XVCPU__SC("EFER.LME and CR0.PG are both non-zero and CR0.PE is zero");
    if (lme_pg && (s->cr4 & XVCPU_CR4_PAE) && (s->cs_attrib & 0x200) && (s->cs_attrib & 0x400))
        return XVCPU__SC("EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all non-zero");
    if (!(c->intercept_misc2 & XVCPU_SVM_INTERCEPT_MISC2_VMRUN))
        return XVCPU__SC("the VMRUN intercept bit is clear");
    if (!xvcpu__svm_table_ok(c->msrpm_base_pa, 8192, width) || !xvcpu__svm_table_ok(c->iopm_base_pa, 12288, width))
        return XVCPU__SC("the MSR or IOIO intercept tables extend to a physical address that is invalid");
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, s->event_inj);
    vector = (uint32_t)(s->event_inj & 0xFF);
    if ((s->event_inj & XVCPU_EVENTINJ_V) &&
        (type == 1 || type > 4 || (type == XVCPU_EVENTINJ_TYPE_EXCEPTION && (vector == 2 || vector > 31)) ||
         (s->event_inj & 0x7FFFF000u)))
        return XVCPU__SC("illegal event injection");
    if (c->guest_asid == 0)
        return XVCPU__SC("ASID is equal to zero");
    if ((c->np_control & XVCPU_VMCB_NP_CONTROL_NP_ENABLE) && !caps->npt)
        return XVCPU__SC("nested paging enabled on a CPU without it");
    if ((c->np_control & XVCPU_VMCB_NP_CONTROL_NP_ENABLE) && ((c->n_cr3 & 0xFFF) || c->n_cr3 == 0 || (width < 64 && (c->n_cr3 >> width))))
        return XVCPU__SC("nCR3 is not a page-aligned table");
    return NULL;
}

XVCPU_DEF const char *xvcpu_svm_vmrun_check(const xvcpu_vmcb *vmcb, const xvcpu_svm_caps *caps)
{
    xvcpu_svm_vmrun_state s;
    if (vmcb == NULL || caps == NULL)
        return NULL;
    xvcpu__svm_vmrun_snapshot(vmcb, &s);
    return xvcpu__svm_vmrun_check(&s, &vmcb->control, caps);
}

/* One "control.NAME 0x..." or "save.NAME 0x..." line per VMCB member (segments: four lines). */
XVCPU_DEF xvcpu_err xvcpu_svm_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx)
{
    const xvcpu_vmcb *v;
    if (vcpu == NULL || print == NULL || vcpu->magic != XVCPU__VCPU_MAGIC)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->backend != xvcpu_svm_backend() || vcpu->cpu == NULL || vcpu->arch.svm.vmcb == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_svm_dump: vCPU %u is not a bound SVM vCPU", vcpu->id);
    v = vcpu->arch.svm.vmcb;
#define XVCPU__DUMP_ONE(area, m) xvcpu__dump_line(print, ctx, "%s.%s %llx", #area, #m, (unsigned long long)v->area.m);
#define XVCPU__DUMP_K_U8 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U16 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U32 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U64 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_SEGMENT(area, m)                                                                      \
    xvcpu__dump_line(print, ctx, "%s.%s selector %x attrib %x limit %x base %llx", #area, #m,                 \
                     (unsigned)v->area.m.selector, (unsigned)v->area.m.attrib, (unsigned)v->area.m.limit,     \
                     (unsigned long long)v->area.m.base);
#define XVCPU__DUMP_CONTROL(m, off, KIND) XVCPU__DUMP_K_##KIND(control, m)
#define XVCPU__DUMP_SAVE(m, off, KIND) XVCPU__DUMP_K_##KIND(save, m)
    XVCPU_VMCB_CONTROL_FIELDS(XVCPU__DUMP_CONTROL)
    XVCPU_VMCB_SAVE_FIELDS(XVCPU__DUMP_SAVE)
#undef XVCPU__DUMP_ONE
#undef XVCPU__DUMP_K_U8
#undef XVCPU__DUMP_K_U16
#undef XVCPU__DUMP_K_U32
#undef XVCPU__DUMP_K_U64
#undef XVCPU__DUMP_K_SEGMENT
#undef XVCPU__DUMP_CONTROL
#undef XVCPU__DUMP_SAVE
    return XVCPU_OK;
}
