/* VMX exit handlers: the VMCS side of the shared x86 rules (x86/rules.c.h). Each returns an
 * xvcpu__action: XVCPU__RESUME when the exit is finished inside the library (the run loop enters
 * the guest again), XVCPU__TO_VMM when `exit` now holds a neutral exit for the VMM. A guest gets
 * the architectural answer (#GP, #UD) for what it may not do; nothing here trusts it. */

/* Raise an exception at the current instruction (RIP not advanced). */
static xvcpu__action xvcpu__vmx_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return XVCPU__RESUME;
}

XVCPU__HOT xvcpu__action xvcpu__vmx_skip(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    (void)xvcpu__vmx_advance(vcpu, XVCPU__VMX_LEN(vmx));
    return XVCPU__RESUME;
}

/* A rule's answer: the exception it names, or the instruction completes. */
static xvcpu__action xvcpu__vmx_ruled(xvcpu_vcpu *vcpu, int vector)
{
    return vector != 0 ? xvcpu__vmx_raise(vcpu, (uint8_t)vector) : xvcpu__vmx_skip(vcpu);
}

/* An exit the VMM completes: the completion skips the instruction's length. */
static xvcpu__action xvcpu__vmx_to_vmm(xvcpu_vcpu *vcpu)
{
    vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(&vcpu->arch.vmx);
    return XVCPU__TO_VMM;
}

/* GPRs by number; RSP lives in the VMCS. */
static uint64_t xvcpu__vmx_gpr(xvcpu_vcpu *vcpu, unsigned reg)
{
    return reg == XVCPU_REG_RSP ? xvcpu_vmcs_read_guest_rsp() : vcpu->gpr[reg & 15];
}

static void xvcpu__vmx_set_gpr(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value)
{
    if (reg == XVCPU_REG_RSP)
        (void)xvcpu_vmcs_write_guest_rsp(value);
    else
        vcpu->gpr[reg & 15] = value;
}

/* CPL = SS.DPL (SDM Vol. 3C 25.4.1). */
static unsigned xvcpu__vmx_cpl(void)
{
    return (unsigned)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_DPL, xvcpu_vmcs_read_guest_ss_access_rights());
}

/* CR0 and CR4 as the guest sees them: the bits it owns from the VMCS, the others from the read
 * shadows the library keeps (the guest changes its own bits without an exit). */
static uint64_t xvcpu__vmx_guest_cr0(const xvcpu_vmx_vcpu *vmx)
{
    return (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
}

static uint64_t xvcpu__vmx_guest_cr4(const xvcpu_vmx_vcpu *vmx)
{
    return (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask);
}

/* The guest's control state for the CR rules. CS.L matters only to a CR0 write that turns
 * paging on with EFER.LME or off in IA-32e mode: only then is it read. */
static void xvcpu__vmx_ctl(const xvcpu_vmx_vcpu *vmx, unsigned cr, uint64_t value, xvcpu__x86_ctl *c)
{
    c->cr0 = xvcpu__vmx_guest_cr0(vmx);
    c->cr3 = xvcpu_vmcs_read_guest_cr3();
    c->cr4 = xvcpu__vmx_guest_cr4(vmx);
    c->efer = vmx->efer;
    c->cs_l = cr == 0 && ((value ^ c->cr0) & XVCPU_CR0_PG) &&
              (c->efer & (XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA)) &&
              (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L) != 0;
}

static xvcpu__action xvcpu__vmx_cpuid(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_cpuid(vcpu, &vcpu->arch.vmx.cr4); /* OSXSAVE and PKE are in the CR4 mask: current */
    return xvcpu__vmx_skip(vcpu);
}

static xvcpu__action xvcpu__vmx_xsetbv(xvcpu_vcpu *vcpu)
{
    uint64_t xcr0 = 0;
    int vector = xvcpu__x86_xsetbv_rule(vcpu, vcpu->arch.vmx.cr4, xvcpu__vmx_cpl(), &xcr0);
    if (vector == 0)
        xvcpu__x86_set_xcr0(vcpu, xcr0);
    return xvcpu__vmx_ruled(vcpu, vector);
}

/* Commit what a CR rule allowed: read shadows, the guest's CR0/CR4 with VMX's fixed bits, EFER
 * and the IA-32e-mode entry control (which follow EFER.LMA), and the PDPTEs a PAE guest loaded
 * (with EPT, VM entry takes them from the VMCS: SDM Vol. 3C 29.3.1). */
static xvcpu__action xvcpu__vmx_commit_cr(xvcpu_vcpu *vcpu, unsigned cr, const xvcpu__x86_ctl *c, bool loaded,
                                          const uint64_t pdpte[4])
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vmx_caps *caps = &vmx->caps;
    uint32_t entry = (c->efer & XVCPU_IA32_EFER_LMA) ? vmx->entry_ctls | XVCPU_ENTRY_IA32E_MODE_GUEST
                                                     : vmx->entry_ctls & ~XVCPU_ENTRY_IA32E_MODE_GUEST;
    if (loaded) {
        (void)xvcpu_vmcs_write_guest_pdpte0(pdpte[0]);
        (void)xvcpu_vmcs_write_guest_pdpte1(pdpte[1]);
        (void)xvcpu_vmcs_write_guest_pdpte2(pdpte[2]);
        (void)xvcpu_vmcs_write_guest_pdpte3(pdpte[3]);
    }
    if (cr == 0) { /* always: the bits the guest owns may differ from the last value seen */
        vmx->cr0 = c->cr0;
        (void)xvcpu_vmcs_write_cr0_read_shadow(c->cr0);
        (void)xvcpu_vmcs_write_guest_cr0((c->cr0 | (caps->cr0_fixed0 & ~(XVCPU_CR0_PE | XVCPU_CR0_PG))) &
                                         caps->cr0_fixed1);
    }
    if (cr == 4) {
        vmx->cr4 = c->cr4;
        (void)xvcpu_vmcs_write_cr4_read_shadow(c->cr4);
        (void)xvcpu_vmcs_write_guest_cr4((c->cr4 | caps->cr4_fixed0) & caps->cr4_fixed1);
    }
    if (c->efer != vmx->efer) {
        vmx->efer = c->efer;
        (void)xvcpu_vmcs_write_guest_ia32_efer(c->efer);
    }
    if (entry != vmx->entry_ctls) {
        vmx->entry_ctls = entry;
        (void)xvcpu_vmcs_write_entry_controls(entry);
    }
    return xvcpu__vmx_skip(vcpu);
}

/* MOV to CR0, CLTS, LMSW; MOV to CR4: the shared rules, then the VMCS. */
static xvcpu__action xvcpu__vmx_write_cr(xvcpu_vcpu *vcpu, unsigned cr, uint64_t value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    xvcpu__x86_ctl cur, next;
    uint64_t pdpte[4];
    bool loaded = false;
    int vector;
    xvcpu__vmx_ctl(vmx, cr, value, &cur);
    vector = xvcpu__x86_cr_write_rule(vcpu, vmx->stage2, cr, &cur, value, vmx->cr4_allowed, &next, pdpte, &loaded);
    if (vector != 0)
        return xvcpu__vmx_raise(vcpu, (uint8_t)vector);
    return xvcpu__vmx_commit_cr(vcpu, cr, &next, loaded, pdpte);
}

static xvcpu__action xvcpu__vmx_cr_access(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    unsigned cr = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_CR_NUMBER, q);
    unsigned reg = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, q);

    switch (XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE, q)) {
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_TO_CR:
        if (cr == 0 || cr == 4)
            return xvcpu__vmx_write_cr(vcpu, cr, xvcpu__vmx_gpr(vcpu, reg));
        if (cr == 8) { /* the TPR */
            uint64_t v = xvcpu__vmx_gpr(vcpu, reg);
            if (xvcpu__x86_cr8_rule(v) != 0)
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            vcpu->x86.tpr = v;
            return xvcpu__vmx_skip(vcpu);
        }
        break;
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_FROM_CR:
        if (cr == 8) {
            xvcpu__vmx_set_gpr(vcpu, reg, vcpu->x86.tpr);
            return xvcpu__vmx_skip(vcpu);
        }
        break;
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_CLTS:
        return xvcpu__vmx_write_cr(vcpu, 0, xvcpu__vmx_guest_cr0(vmx) & ~XVCPU_CR0_TS);
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_LMSW:
        return xvcpu__vmx_write_cr(vcpu, 0, xvcpu__x86_lmsw(xvcpu__vmx_guest_cr0(vmx),
                                                            XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_LMSW_SOURCE, q)));
    default:
        break;
    }
    return xvcpu__x86_unhandled(exit); /* an access the controls never intercept */
}

static void xvcpu__vmx_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m);

/* A segment register from the VMCS (SDM Vol. 3C 25.4.1): base, limit and access rights, which
 * become the VMCB's compressed form (type..P in bits 7:0, AVL L D/B G in bits 11:8). */
static void xvcpu__vmx_read_segment(xvcpu_vcpu *vcpu, unsigned seg, xvcpu__x86_segment *out)
{
    uint64_t base = 0, limit = 0, ar = 0;
    (void)vcpu;
    (void)XVCPU_VMREAD((uint16_t)(XVCPU_VMCS_GUEST_ES_BASE + 2 * seg), &base);
    (void)XVCPU_VMREAD((uint16_t)(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * seg), &limit);
    (void)XVCPU_VMREAD((uint16_t)(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * seg), &ar);
    out->base = base;
    out->limit = (uint32_t)limit;
    out->attr = (uint16_t)((ar & 0xFF) | ((ar >> 4) & 0xF00));
    out->usable = !(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
}

/* Port I/O -> IO_READ / IO_WRITE (SDM Vol. 3C Table 28-5). String forms: address size and OUTS
 * segment from the instruction information (when IA32_VMX_BASIC[54] says it is given, SDM Vol. 3C
 * 28.2.5), else from the instruction; the memory side as x86/strio.c.h checks it. */
static xvcpu__action xvcpu__vmx_io(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    bool in = XVCPU_FIELD_GET(XVCPU_IO_QUAL_DIRECTION, q) == XVCPU_IO_QUAL_DIRECTION_IN;
    uint8_t width = (uint8_t)(XVCPU_FIELD_GET(XVCPU_IO_QUAL_SIZE, q) + 1);
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_IO_QUAL_PORT, q);
    exit->u.io.width = width;
    exit->u.io.rep = XVCPU_FIELD_GET(XVCPU_IO_QUAL_REP, q) != 0;
    if (XVCPU_FIELD_GET(XVCPU_IO_QUAL_STRING, q)) {
        xvcpu__x86_strio io;
        xvcpu_x86_mode m;
        xvcpu__action r;
        io.addr_size = 0;
        io.seg = -1;
        io.read_segment = xvcpu__vmx_read_segment;
        if (vmx->caps.basic & XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO) {
            uint32_t info = xvcpu_vmcs_read_exit_instruction_info();
            unsigned asz = (unsigned)XVCPU_FIELD_GET(XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE, info);
            io.addr_size = (uint8_t)(asz == 0 ? 2 : asz == 1 ? 4 : 8);
            io.seg = (int8_t)XVCPU_FIELD_GET(XVCPU_INSN_INFO_INS_OUTS_SEGMENT, info);
        }
        xvcpu__vmx_mode(vcpu, &m);
        r = xvcpu__x86_string_io(vcpu, &m, vmx->stage2, &io, exit);
        if (r == XVCPU__GO_ON)
            return xvcpu__vmx_skip(vcpu); /* REP with rCX = 0 transfers nothing */
        if (r != XVCPU__TO_VMM || exit->kind == XVCPU_EXIT_NESTED_PAGE_FAULT)
            return r;
    } else if (!in) {
        exit->u.io.data = xvcpu__x86_out_data(vcpu, width);
    }
    return xvcpu__vmx_to_vmm(vcpu);
}


/* RDMSR/WRMSR. The VMM's MSRs become SYSREG exits; the library virtualizes the MSRs the VMCS
 * switches for it; every other MSR is #GP, as on a CPU that lacks it. */

static xvcpu__action xvcpu__vmx_msr(xvcpu_vcpu *vcpu, xvcpu_exit *exit, bool write)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t msr = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    uint64_t value = xvcpu__x86_edx_eax(vcpu);
    int st = XVCPU_VMX_OK;
    int route;

    if ((route = xvcpu__x86_msr_route(vcpu, msr, write, value, exit)) != XVCPU__MSR_BACKEND)
        return route == XVCPU__MSR_TO_VMM ? xvcpu__vmx_to_vmm(vcpu)
               : route == XVCPU__MSR_DONE ? xvcpu__vmx_skip(vcpu) : xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) { /* SCE, LME, NXE are the guest's; LMA follows CR0.PG */
            /* (PG is in the CR0 mask: the shadow is current) */
            if (xvcpu__x86_efer_rule(vmx->cr0, vmx->efer, value, XVCPU__X86_EFER_GUEST & vcpu->x86.efer_view, &value) != 0)
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            vmx->efer = value;
            st = xvcpu_vmcs_write_guest_ia32_efer(value);
        } else {
            value = vmx->efer;
        }
        break;
    case XVCPU_MSR_IA32_FS_BASE:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_fs_base(value) : (value = xvcpu_vmcs_read_guest_fs_base(), 0);
        break;
    case XVCPU_MSR_IA32_GS_BASE:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_gs_base(value) : (value = xvcpu_vmcs_read_guest_gs_base(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_CS:
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_cs((uint32_t)value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_cs(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_ESP:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_esp(value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_esp(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_EIP:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_eip(value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_eip(), 0);
        break;
    case XVCPU_MSR_IA32_STAR: case XVCPU_MSR_IA32_LSTAR: case XVCPU_MSR_IA32_CSTAR:
    case XVCPU_MSR_IA32_FMASK: case XVCPU_MSR_IA32_KERNEL_GS_BASE:
        /* the guest's values are in the CPU while it is bound (see xvcpu__vmx_syscall_msrs); this
         * runs only when the VMM intercepts them again */
        if (write && msr != XVCPU_MSR_IA32_STAR && msr != XVCPU_MSR_IA32_FMASK && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        if (write)
            XVCPU_WRMSR(msr, value);
        else
            value = XVCPU_RDMSR(msr);
        break;
    case XVCPU_MSR_IA32_PAT:
        if (write) {
            if (!xvcpu__x86_pat_valid(value))
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            st = xvcpu_vmcs_write_guest_ia32_pat(value);
        } else {
            value = xvcpu_vmcs_read_guest_ia32_pat();
        }
        break;
    default:
        switch (xvcpu__x86_msr_arch(vcpu, msr, write, &value)) {
        case XVCPU__X86_MSR_DONE: break;
        case XVCPU__X86_MSR_TSC: st = xvcpu_vmcs_write_tsc_offset(vcpu->x86.tsc_offset); break;
        default: return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        }
        break;
    }
    if (st != XVCPU_VMX_OK) /* e.g. a non-canonical base: refused by VMWRITE? raise #GP */
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    if (!write)
        xvcpu__x86_set_edx_eax(vcpu, value);
    return xvcpu__vmx_skip(vcpu);
}

/* A segment base, when the MMIO path first needs it (ES, CS, SS, DS, FS, GS). */
static uint64_t xvcpu__vmx_seg_base(unsigned seg)
{
    static const uint16_t field[6] = { XVCPU_VMCS_GUEST_ES_BASE, XVCPU_VMCS_GUEST_CS_BASE, XVCPU_VMCS_GUEST_SS_BASE,
                                       XVCPU_VMCS_GUEST_DS_BASE, XVCPU_VMCS_GUEST_FS_BASE, XVCPU_VMCS_GUEST_GS_BASE };
    uint64_t v = 0;
    (void)XVCPU_VMREAD(field[seg % 6], &v);
    return v;
}

/* The guest's addressing state, for the page walker and the instruction fetch (MMIO path only),
 * read only as far as it matters: without paging neither CR3, the guest-owned CR0/CR4 bits nor
 * the CPL decide anything; in 64-bit code CS, DS, ES and SS have base 0; the other segment bases
 * are read when an operand uses them. */
static void xvcpu__vmx_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t cs_ar = xvcpu_vmcs_read_guest_cs_access_rights();
    m->efer = vmx->efer;
    m->rip = XVCPU__VMX_RIP(vmx);
    m->rflags = 0;
    m->rflags_valid = false; /* read when an instruction's emulation needs it */
    if (vmx->cr0 & XVCPU_CR0_PG) { /* PG is in the CR0 mask: the shadow is current */
        m->rflags = XVCPU__VMX_RFLAGS(vmx); /* AC, for SMAP */
        m->rflags_valid = true;
        m->cr0 = xvcpu__vmx_guest_cr0(vmx); /* WP is the guest's (no exit) */
        m->cr3 = xvcpu_vmcs_read_guest_cr3();
        m->cr4 = xvcpu__vmx_guest_cr4(vmx); /* PSE, PGE, SMEP, SMAP are the guest's (no exit) */
        m->cpl = (uint8_t)xvcpu__vmx_cpl();
    } else {
        m->cr0 = vmx->cr0;
        m->cr3 = 0;
        m->cr4 = vmx->cr4;
        m->cpl = 0; /* (unused: nothing is translated) */
    }
    m->pkru = (m->cr4 & XVCPU_CR4_PKE) && (m->cr0 & XVCPU_CR0_PG) ? xvcpu__x86_live_pkru() : 0;
    if ((vmx->efer & XVCPU_IA32_EFER_LMA) && (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_L))
        m->code_bytes = 8;
    else
        m->code_bytes = (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_DB) ? 4 : 2;
    m->read_seg_base = xvcpu__vmx_seg_base;
    if (m->code_bytes == 8) {
        m->cs_base = 0;
        m->seg_base[0] = m->seg_base[1] = m->seg_base[2] = m->seg_base[3] = 0;
        m->seg_have = 0x0F;
    } else {
        m->cs_base = m->seg_base[1] = xvcpu_vmcs_read_guest_cs_base();
        m->seg_have = 0x02;
    }
}

/* EPT violation -> MMIO_READ/MMIO_WRITE inside a registered MMIO region, else NESTED_PAGE_FAULT
 * with the access the guest tried (SDM Vol. 3C Table 28-7). */
static xvcpu__action xvcpu__vmx_ept_violation(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t gpa = xvcpu_vmcs_read_guest_physical_address(), q;
    uint32_t access;
    xvcpu__action r = xvcpu__x86_mmio_decoded(vcpu, vmx->stage2, gpa, vmx->event_reinjected, xvcpu__vmx_mode, exit);
    if (r != XVCPU__GO_ON)
        return r;
    q = XVCPU__VMX_QUAL(vmx);
    access = (q & XVCPU_EPT_VIOLATION_QUAL_READ ? XVCPU_ACCESS_READ : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_WRITE ? XVCPU_ACCESS_WRITE : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_FETCH ? XVCPU_ACCESS_EXEC : 0u);
    /* An EPT violation while IRET unblocked NMIs re-blocks them (SDM Vol. 3C 28.2.3). */
    if ((q & XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET) && !vmx->event_reinjected)
        (void)xvcpu_vmcs_write_guest_interruptibility_state(XVCPU__VMX_INTR_STATE(vmx) |
                                                            (uint32_t)XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI);
    if (xvcpu__x86_stage2_fault(vcpu, vmx->stage2, gpa, access, vmx->event_reinjected, xvcpu__vmx_mode, exit) ==
        XVCPU__RESUME)
        return XVCPU__RESUME;
    if (exit->kind == XVCPU_EXIT_NESTED_PAGE_FAULT && (q & XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID)) {
        exit->u.nested_page_fault.linear_valid = true;
        exit->u.nested_page_fault.linear = xvcpu_vmcs_read_guest_linear_address();
    }
    return XVCPU__TO_VMM;
}

/* SIPI in wait-for-SIPI: start in real mode at vector << 12 (SDM Vol. 3A 9.4.4). */
static xvcpu__action xvcpu__vmx_sipi(xvcpu_vcpu *vcpu)
{
    uint64_t vector = XVCPU__VMX_QUAL(&vcpu->arch.vmx) & 0xFF;
    (void)xvcpu_vmcs_write_guest_cs_selector((uint16_t)(vector << 8));
    (void)xvcpu_vmcs_write_guest_cs_base(vector << 12);
    (void)xvcpu_vmcs_write_guest_rip(0);
    (void)xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_ACTIVE);
    return XVCPU__RESUME;
}

/* A task switch (SDM Vol. 3C 26.4.2: it always exits): the TASK_SWITCH exit's facts, from the
 * qualification's selector and source (Table 28-2) and, for an IDT task gate, the event being
 * delivered (IDT-vectoring information). */
static void xvcpu__vmx_task_exit(xvcpu_vcpu *vcpu, uint32_t info, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    exit->kind = XVCPU_EXIT_TASK_SWITCH;
    exit->raw_qualification = q;
    exit->u.task_switch.selector = (uint16_t)XVCPU_FIELD_GET(XVCPU_TASK_SWITCH_QUAL_TSS_SELECTOR, q);
    exit->u.task_switch.source = (uint8_t)XVCPU_FIELD_GET(XVCPU_TASK_SWITCH_QUAL_SOURCE, q);
    exit->u.task_switch.event_valid = (info & XVCPU_INTERRUPTION_INFO_VALID) != 0;
    exit->u.task_switch.event_vector = exit->u.task_switch.event_valid ? (uint8_t)(info & 0xFF) : 0;
    exit->u.task_switch.event_type = exit->u.task_switch.event_valid ? (uint8_t)type : 0;
    exit->u.task_switch.error_code_valid =
        exit->u.task_switch.event_valid && (info & XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID) != 0;
    exit->u.task_switch.error_code =
        exit->u.task_switch.error_code_valid ? xvcpu_vmcs_read_idt_vectoring_error_code() : 0;
    /* the length is valid for the instruction forms and software events (SDM Vol. 3C 28.2.5) */
    exit->u.task_switch.insn_len = 0;
    if (exit->u.task_switch.source != XVCPU_TASK_SWITCH_GATE ||
        (exit->u.task_switch.event_valid && type >= XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT))
        exit->u.task_switch.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
    exit->u.task_switch.why = NULL;
}

/* VMX access rights <-> the VMCB-form attributes of xvcpu__x86_segment (SDM Vol. 3C 25.4.1). */
static uint32_t xvcpu__vmx_ar(const xvcpu__x86_segment *c)
{
    return (uint32_t)(c->attr & 0xFF) | ((uint32_t)(c->attr & 0xF00) << 4) |
           (c->usable ? 0u : (uint32_t)XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
}

/* The old task as the VMCS holds it: what the switch saves and what decides it. Segment n
 * (0-5 ES..GS, 6 LDTR, 7 TR) is at the ES field + 2n. Only the selectors of ES..GS are read
 * (their caches are replaced), LDTR's and TR's whole. */
static uint64_t xvcpu__vmx_task_read(xvcpu_vcpu *vcpu, xvcpu__x86_task *t)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t v = 0, cr0 = xvcpu_vmcs_read_guest_cr0();
    unsigned i;
    for (i = 0; i < 6; i++) {
        (void)XVCPU_VMREAD((uint16_t)(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * i), &v);
        t->seg[i].sel = (uint16_t)v;
    }
    t->ldtr.sel = xvcpu_vmcs_read_guest_ldtr_selector();
    xvcpu__vmx_read_segment(vcpu, 6, &t->ldtr.cache);
    t->tr.sel = xvcpu_vmcs_read_guest_tr_selector();
    xvcpu__vmx_read_segment(vcpu, 7, &t->tr.cache);
    t->gdt_base = xvcpu_vmcs_read_guest_gdtr_base();
    t->gdt_limit = xvcpu_vmcs_read_guest_gdtr_limit();
    t->eflags = (uint32_t)XVCPU__VMX_RFLAGS(vmx);
    for (i = 0; i < 8; i++)
        t->gpr[i] = (uint32_t)xvcpu__vmx_gpr(vcpu, i);
    t->cr0 = (cr0 & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
    t->cr3 = xvcpu_vmcs_read_guest_cr3();
    t->cr4 = xvcpu__vmx_guest_cr4(vmx);
    t->efer = vmx->efer;
    t->dr7 = xvcpu_vmcs_read_guest_dr7();
    return cr0; /* the VMCS's own: the write-back sets TS in it */
}

/* The new task into the VMCS: every segment register, the GPRs, RIP/RFLAGS, CR0.TS, DR7, CR3 and
 * the PDPTEs when loaded (a CR3 load flushes the guest's TLB: INVVPID with VPIDs); no interrupt
 * shadow; NMIs blocked after an NMI's delivery, unblocked by IRET. */
static int xvcpu__vmx_task_write(xvcpu_vcpu *vcpu, const xvcpu__x86_task *t, uint64_t cr0, uint64_t old_dr7)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t intr = XVCPU__VMX_INTR_STATE(vmx) & ~(uint32_t)XVCPU__BLOCKING_STI_MOVSS;
    int st = XVCPU_VMX_OK;
    unsigned i;
    for (i = 0; i < 8; i++) {
        const xvcpu__x86_sreg *s = i < 6 ? &t->seg[i] : i == 6 ? &t->ldtr : &t->tr;
        st |= XVCPU_VMWRITE((uint16_t)(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * i), s->sel);
        st |= XVCPU_VMWRITE((uint16_t)(XVCPU_VMCS_GUEST_ES_BASE + 2 * i), s->cache.base);
        st |= XVCPU_VMWRITE((uint16_t)(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * i), s->cache.limit);
        st |= XVCPU_VMWRITE((uint16_t)(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * i), xvcpu__vmx_ar(&s->cache));
    }
    for (i = 0; i < 8; i++)
        xvcpu__vmx_set_gpr(vcpu, i, t->gpr[i]);
    st |= xvcpu_vmcs_write_guest_rip(t->eip) | xvcpu_vmcs_write_guest_rflags(t->eflags);
    if (!(cr0 & XVCPU_CR0_TS))
        st |= xvcpu_vmcs_write_guest_cr0(cr0 | XVCPU_CR0_TS);
    if (vmx->cr0_mask & XVCPU_CR0_TS) { /* (TS is the guest's: only if a mask ever takes it) */
        vmx->cr0 |= XVCPU_CR0_TS;
        st |= xvcpu_vmcs_write_cr0_read_shadow(vmx->cr0);
    }
    if (t->dr7 != old_dr7)
        st |= xvcpu_vmcs_write_guest_dr7(t->dr7);
    if (t->cr3_loaded) {
        st |= xvcpu_vmcs_write_guest_cr3(t->cr3);
        if (t->pdptes_loaded)
            st |= xvcpu_vmcs_write_guest_pdpte0(t->pdpte[0]) | xvcpu_vmcs_write_guest_pdpte1(t->pdpte[1]) |
                  xvcpu_vmcs_write_guest_pdpte2(t->pdpte[2]) | xvcpu_vmcs_write_guest_pdpte3(t->pdpte[3]);
        if (vmx->vpid != 0)
            st |= XVCPU_INVVPID(XVCPU_INVVPID_TYPE_SINGLE_CONTEXT, vmx->vpid, 0);
    }
    if (t->event_valid && t->event_type == XVCPU_INTERRUPTION_INFO_TYPE_NMI)
        intr |= (uint32_t)XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI;
    if (t->source == XVCPU_TASK_SWITCH_IRET)
        intr &= ~(uint32_t)XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI;
    if (intr != XVCPU__VMX_INTR_STATE(vmx))
        st |= xvcpu_vmcs_write_guest_interruptibility_state(intr);
    if (st == XVCPU_VMX_OK) {
        vmx->rip = t->eip;
        vmx->rflags = t->eflags;
        vmx->intr_state = intr;
    }
    return st;
}

/* A task switch: done here (x86emu/taskswitch.c.h) from the exit's facts; the event an IDT task
 * gate delivered is consumed (its error code is on the new stack). A fault the switch finds is
 * queued (RIP stays at the instruction when it is the old task's); what the library cannot do
 * (a TSS outside guest RAM, a switch outside protected mode) is the VMM's TASK_SWITCH exit with
 * the reason, RIP unmoved. */
static xvcpu__action xvcpu__vmx_task_switch(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t info = xvcpu_vmcs_read_idt_vectoring_info();
    xvcpu__x86_task t;
    uint64_t dr7, cr0;
    int st;
    xvcpu__vmx_task_exit(vcpu, info, exit);
    vcpu->pending.insn_len = 0; /* no completion moves RIP: the switch did not happen */
    t.selector = exit->u.task_switch.selector;
    t.source = exit->u.task_switch.source;
    t.event_valid = exit->u.task_switch.event_valid;
    t.event_vector = exit->u.task_switch.event_vector;
    t.event_type = exit->u.task_switch.event_type;
    t.event_has_error = exit->u.task_switch.error_code_valid;
    t.event_error = exit->u.task_switch.error_code;
    cr0 = xvcpu__vmx_task_read(vcpu, &t);
    /* the old task resumes after the instruction or software event, else at RIP */
    t.eip = (uint32_t)(XVCPU__VMX_RIP(vmx) + exit->u.task_switch.insn_len);
    dr7 = t.dr7;
    switch (xvcpu__x86_task_switch(vcpu, vmx->stage2, &t)) {
    case XVCPU__TS_FAULT:
        return XVCPU__RESUME;
    case XVCPU__TS_VMM:
        exit->u.task_switch.why = t.why;
        return XVCPU__TO_VMM;
    default:
        break;
    }
    if ((st = xvcpu__vmx_task_write(vcpu, &t, cr0, dr7)) != XVCPU_VMX_OK)
        return XVCPU__FAILED(xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "task switch: VMWRITE", st));
    if (t.debug_trap) /* the T bit's #DB: DR6.BT (SDM Vol. 3B 17.2.3), the rest of DR6 kept */
        XVCPU_WRITE_DR6(XVCPU_READ_DR6() | (1ull << 15));
    return XVCPU__RESUME;
}

/* Decide what an exit means. `reason` is the basic exit reason. */
static xvcpu__action xvcpu__vmx_handle(xvcpu_vcpu *vcpu, uint32_t reason, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    switch (reason) {
    case XVCPU_VMX_EXIT_CPUID:
        return xvcpu__vmx_cpuid(vcpu);
    case XVCPU_VMX_EXIT_IO_INSTRUCTION:
        return xvcpu__vmx_io(vcpu, exit);
    case XVCPU_VMX_EXIT_RDMSR:
        return xvcpu__vmx_msr(vcpu, exit, false);
    case XVCPU_VMX_EXIT_WRMSR:
        return xvcpu__vmx_msr(vcpu, exit, true);
    case XVCPU_VMX_EXIT_CR_ACCESS:
        return xvcpu__vmx_cr_access(vcpu, exit);
    case XVCPU_VMX_EXIT_XSETBV:
        return xvcpu__vmx_xsetbv(vcpu);
    case XVCPU_VMX_EXIT_HLT:
        if (XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, XVCPU__VMX_RFLAGS(vmx)))
            return xvcpu__vmx_skip(vcpu);
        exit->kind = XVCPU_EXIT_HALT;
        exit->u.halt.interrupts_masked = (XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_IF) == 0;
        return xvcpu__vmx_to_vmm(vcpu);
    case XVCPU_VMX_EXIT_VMCALL:
        xvcpu__x86_hypercall_exit(vcpu, xvcpu__vmx_cpl(), exit);
        return xvcpu__vmx_to_vmm(vcpu);
    case XVCPU_VMX_EXIT_EPT_VIOLATION:
        (void)xvcpu__vmx_reinject(vmx);
        return xvcpu__vmx_ept_violation(vcpu, exit);
    case XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT:
        (void)xvcpu__vmx_reinject(vmx);
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = xvcpu_vmcs_read_exit_interruption_info() & 0xFF;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_EXCEPTION_OR_NMI: {
        uint32_t info = xvcpu_vmcs_read_exit_interruption_info();
        (void)xvcpu__vmx_reinject(vmx);
        if (XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info) == XVCPU_INTERRUPTION_INFO_TYPE_NMI) {
            exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT; /* a host NMI: the host must handle it */
            exit->u.external_interrupt.vector = 2;
            return XVCPU__TO_VMM;
        }
        return xvcpu__x86_unhandled(exit); /* the exception bitmap is 0: unexpected */
    }
    case XVCPU_VMX_EXIT_TASK_SWITCH:
        return xvcpu__vmx_task_switch(vcpu, exit);
    case XVCPU_VMX_EXIT_TRIPLE_FAULT:
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_INTERRUPT_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, false);
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_NMI_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_NMI_WINDOW_EXITING, false);
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_INIT_SIGNAL:
        /* a physical INIT for this CPU, not the guest's (a guest's INIT is an ICR write, a
         * CPU_UP exit): VMX root operation blocks it until VMXOFF (SDM Vol. 3C 26.2), as SVM
         * leaves it pending for the host. Nothing for the guest: NOTHING on both backends. */
        exit->kind = XVCPU_EXIT_NOTHING;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_SIPI:
        return xvcpu__vmx_sipi(vcpu);
    case XVCPU_VMX_EXIT_INVD:
    case XVCPU_VMX_EXIT_WBINVD_WBNOINVD:
        return xvcpu__vmx_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_VMX_EXIT_PREEMPTION_TIMER:
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_RDPMC: { /* the shared rule (PCE is the guest's: read the VMCS) */
        int vector = xvcpu__x86_rdpmc_rule(vcpu, xvcpu__vmx_guest_cr4(vmx), xvcpu__vmx_cpl());
        return vector != 0 ? xvcpu__vmx_raise(vcpu, (uint8_t)vector) : xvcpu__vmx_skip(vcpu);
    }
    case XVCPU_VMX_EXIT_VMCLEAR: case XVCPU_VMX_EXIT_VMLAUNCH: case XVCPU_VMX_EXIT_VMPTRLD:
    case XVCPU_VMX_EXIT_VMPTRST: case XVCPU_VMX_EXIT_VMREAD: case XVCPU_VMX_EXIT_VMRESUME:
    case XVCPU_VMX_EXIT_VMWRITE: case XVCPU_VMX_EXIT_VMXOFF: case XVCPU_VMX_EXIT_VMXON:
    case XVCPU_VMX_EXIT_INVEPT: case XVCPU_VMX_EXIT_INVVPID: case XVCPU_VMX_EXIT_VMFUNC:
    case XVCPU_VMX_EXIT_MWAIT: case XVCPU_VMX_EXIT_MONITOR: case XVCPU_VMX_EXIT_GETSEC:
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        return xvcpu__x86_unhandled(exit);
    }
}
