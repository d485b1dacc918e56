#include <string.h>
#include "soft_svm.h"

soft_svm soft;

#include "../soft_x86.c"

void soft_reset(void)
{
    memset(&soft, 0, sizeof(soft));
    soft.gif = true;
    soft.invalid_exit_code = 0x00000000FFFFFFFFull; /* how QEMU stores VMEXIT_INVALID (-1) */
}

void soft_vmload(uint64_t pa)
{
    soft.vmloads++;
    soft.last_vmload = pa;
}

void soft_vmsave(uint64_t pa)
{
    soft.vmsaves++;
    soft.last_vmsave = pa;
}

void soft_clgi(void)
{
    soft.clgis++;
    soft.gif = false;
}

void soft_stgi(void)
{
    soft.stgis++;
    soft.gif = true;
}

/* APM Vol. 2 15.5.1 "Basic Operation": the consistency checks VMRUN makes on the guest state. */
static const char *soft_vmrun_check(const xvcpu_vmcb *v)
{
    const xvcpu_vmcb_save *s = &v->save;
    const xvcpu_vmcb_control *c = &v->control;
    bool lme_pg = (s->efer & XVCPU_IA32_EFER_LME) && (s->cr0 & XVCPU_CR0_PG);
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, c->event_inj);
    if (!(s->efer & XVCPU_IA32_EFER_SVME))
        return "EFER.SVME is zero";
    if (!(s->cr0 & XVCPU_CR0_CD) && (s->cr0 & XVCPU_CR0_NW))
        return "CR0.CD is zero and CR0.NW is set";
    if (s->cr0 >> 32)
        return "CR0[63:32] are not zero";
    if (s->cr3 >> 52)
        return "CR3 MBZ bits are set";
    if (s->cr4 >> 32 || (s->cr4 & XVCPU_CR4_VMXE))
        return "CR4 MBZ bits are set";
    if ((s->dr6 >> 32) || (s->dr7 >> 32))
        return "DR6[63:32] or DR7[63:32] are not zero";
    if (s->efer >> 16)
        return "EFER MBZ bits are set";
    if (lme_pg && !(s->cr4 & XVCPU_CR4_PAE))
        return "EFER.LME and CR0.PG are both set and CR4.PAE is zero";
    if (lme_pg && !(s->cr0 & XVCPU_CR0_PE))
        return "EFER.LME and CR0.PG are both non-zero and CR0.PE is zero";
    if (lme_pg && (s->cs.attrib & 0x200) && (s->cs.attrib & 0x400))
        return "EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all non-zero";
    if (!(c->intercept_misc2 & XVCPU_SVM_INTERCEPT_MISC2_VMRUN))
        return "the VMRUN intercept bit is clear";
    if (c->msrpm_base_pa == 0 || (c->msrpm_base_pa & 0xFFF) || c->iopm_base_pa == 0 || (c->iopm_base_pa & 0xFFF) ||
        c->msrpm_base_pa + 0x2000 > (1ull << 48) || c->iopm_base_pa + 0x3000 > (1ull << 48)) /* 48-bit physical */
        return "the MSR or IOIO intercept tables extend to a physical address that is invalid";
    if (c->guest_asid == 0)
        return "ASID is equal to zero";
    if ((c->event_inj & XVCPU_EVENTINJ_V) && (type == 1 || type > 4 ||
                                              (type == XVCPU_EVENTINJ_TYPE_EXCEPTION && (c->event_inj & 0xFF) == 2)))
        return "illegal event injection";
    if ((c->np_control & XVCPU_VMCB_NP_CONTROL_NP_ENABLE) && (c->n_cr3 == 0 || (c->n_cr3 & 0xFFF) || (c->n_cr3 >> 48)))
        return "nCR3 is not a page-aligned table";
    return NULL;
}

int soft_svm_enter(void *vcpu_ptr, uint64_t host_area_pa)
{
    xvcpu_vcpu *vcpu = (xvcpu_vcpu *)vcpu_ptr;
    xvcpu_vmcb *v = vcpu->arch.svm.vmcb;
    unsigned n = soft.runs < SOFT_SVM_MAX_RUNS ? soft.runs : SOFT_SVM_MAX_RUNS - 1;
    soft.gif_at_run[n] = soft.gif;
    soft.clean_at_run[n] = v->control.vmcb_clean;
    soft.tlb_at_run[n] = v->control.tlb_control;
    soft.eventinj_at_run[n] = v->control.event_inj;
    soft.rip_at_run[n] = v->save.rip;
    soft.cr2_at_run[n] = soft.cr2;
    soft.runs++;
    /* the trampoline's VMLOAD (guest), then VMSAVE (guest) and VMLOAD (host) after the exit */
    soft_vmload(vcpu->arch.svm.vmcb_phys);
    v->control.exit_int_info = 0;
    v->control.exit_info1 = v->control.exit_info2 = 0;
    v->control.next_rip = 0;
    soft.failed_check = soft_vmrun_check(v);
    if (soft.failed_check != NULL)
        v->control.exit_code = soft.invalid_exit_code;
    else if (soft.guest != NULL)
        soft.guest(vcpu);
    soft_vmsave(vcpu->arch.svm.vmcb_phys);
    soft_vmload(host_area_pa);
    return 0;
}
