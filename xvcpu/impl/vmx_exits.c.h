/* VMX exit handlers. Each returns true when the exit is finished inside the library (the run loop
 * enters the guest again) and false when `exit` now holds a neutral exit for the VMM. A guest
 * gets the architectural answer (#GP, #UD) for what it may not do; nothing here trusts it. */

#define XVCPU__VEC_UD 6
#define XVCPU__VEC_GP 13

/* Raise an exception at the current instruction (RIP not advanced). */
static bool xvcpu__vmx_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return true;
}

static bool xvcpu__vmx_skip(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    (void)xvcpu__vmx_advance(vmx, XVCPU__VMX_LEN(vmx));
    return true;
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

static bool xvcpu__vmx_cpuid(xvcpu_vcpu *vcpu)
{
    uint32_t r[4];
    xvcpu__cpuid_lookup(vcpu, (uint32_t)vcpu->gpr[XVCPU_REG_RAX], (uint32_t)vcpu->gpr[XVCPU_REG_RCX],
                        vcpu->arch.vmx.cr4, r);
    vcpu->gpr[XVCPU_REG_RAX] = r[0];
    vcpu->gpr[XVCPU_REG_RBX] = r[1];
    vcpu->gpr[XVCPU_REG_RCX] = r[2];
    vcpu->gpr[XVCPU_REG_RDX] = r[3];
    return xvcpu__vmx_skip(vcpu);
}

/* XSETBV (SDM Vol. 1 13.3, Vol. 2 XSETBV): #GP unless ECX = 0, CPL 0, and EDX:EAX is a valid
 * XCR0 the guest may enable: x87 set; AVX needs SSE; the AVX-512 trio all or none, with AVX; the
 * MPX pair all or none. #UD when CR4.OSXSAVE is clear. */
static bool xvcpu__vmx_xsetbv(xvcpu_vcpu *vcpu)
{
    uint64_t v = ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
    const uint64_t avx512 = XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 | XVCPU_XCR0_HI16_ZMM;
    const uint64_t mpx = XVCPU_XCR0_BNDREGS | XVCPU_XCR0_BNDCSR;
    if ((vcpu->arch.vmx.cr4 & XVCPU_CR4_OSXSAVE) == 0)
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_UD);
    if ((uint32_t)vcpu->gpr[XVCPU_REG_RCX] != 0 || xvcpu__vmx_cpl() != 0 || (v & ~vcpu->x86.xcr0_allowed) != 0 ||
        (v & XVCPU_XCR0_X87) == 0 || ((v & XVCPU_XCR0_AVX) && !(v & XVCPU_XCR0_SSE)) ||
        ((v & avx512) != 0 && ((v & avx512) != avx512 || !(v & XVCPU_XCR0_AVX))) ||
        ((v & mpx) != 0 && (v & mpx) != mpx))
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    vcpu->x86.xcr0 = v;
    return xvcpu__vmx_skip(vcpu);
}

/* With EPT in PAE paging (CR0.PG, CR4.PAE, not long mode), VM entry takes the PDPTEs from the
 * VMCS (SDM Vol. 3C 29.3.1, 27.3.2.4): load them from the guest's CR3 when paging changes. */
static bool xvcpu__vmx_load_pdptes(xvcpu_vcpu *vcpu)
{
    uint64_t cr3 = xvcpu_vmcs_read_guest_cr3() & ~0x1Full, hpa = 0, pdpte[4];
    uint32_t perms = 0;
    uint64_t size = 0;
    unsigned i;
    if (xvcpu_stage2_translate(vcpu->arch.vmx.stage2, cr3, &hpa, &perms, &size) != XVCPU_OK)
        return false;
    XVCPU_MEMCPY(pdpte, (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa & ~0xFFFull) + (cr3 & 0xFE0), 32);
    for (i = 0; i < 4; i++) /* a present PDPTE with reserved bits set is a #GP (SDM Vol. 3A 4.4.1) */
        if ((pdpte[i] & 1) && (pdpte[i] & 0x1E6ull))
            return false;
    (void)xvcpu_vmcs_write_guest_pdpte0(pdpte[0]);
    (void)xvcpu_vmcs_write_guest_pdpte1(pdpte[1]);
    (void)xvcpu_vmcs_write_guest_pdpte2(pdpte[2]);
    (void)xvcpu_vmcs_write_guest_pdpte3(pdpte[3]);
    return true;
}

/* MOV to CR0, CLTS, LMSW (SDM Vol. 3A 2.5, Vol. 2 MOV CR): #GP on reserved bits and invalid
 * combinations; EFER.LMA and the IA-32e-mode entry control follow CR0.PG when EFER.LME is set. */
static bool xvcpu__vmx_write_cr0(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vmx_caps *caps = &vmx->caps;
    uint64_t old = (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
    bool paging_on = (value & XVCPU_CR0_PG) && !(old & XVCPU_CR0_PG);
    bool paging_off = !(value & XVCPU_CR0_PG) && (old & XVCPU_CR0_PG);
    uint64_t efer = vmx->efer;
    uint32_t entry = vmx->entry_ctls;

    value |= XVCPU_CR0_ET; /* hardwired to 1 */
    if ((value >> 32) != 0 || ((value & XVCPU_CR0_NW) && !(value & XVCPU_CR0_CD)) ||
        ((value & XVCPU_CR0_PG) && !(value & XVCPU_CR0_PE)))
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    if (paging_on && (efer & XVCPU_IA32_EFER_LME)) {
        if (!(vmx->cr4 & XVCPU_CR4_PAE) ||
            (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        efer |= XVCPU_IA32_EFER_LMA;
        entry |= XVCPU_ENTRY_IA32E_MODE_GUEST;
    } else if (paging_off && (efer & XVCPU_IA32_EFER_LMA)) {
        /* 64-bit code cannot leave IA-32e mode directly (SDM Vol. 2B MOV CR: #GP clearing PG in
         * 64-bit mode); compatibility mode can */
        if (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L)
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        efer &= ~XVCPU_IA32_EFER_LMA;
        entry &= ~XVCPU_ENTRY_IA32E_MODE_GUEST;
    }
    if (((value & XVCPU_CR0_PG) && (vmx->cr4 & XVCPU_CR4_PAE) && !(efer & XVCPU_IA32_EFER_LMA)) &&
        ((old ^ value) & (XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW)) && !xvcpu__vmx_load_pdptes(vcpu))
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP); /* PAE paging with bad PDPTEs */
    vmx->cr0 = value;
    (void)xvcpu_vmcs_write_cr0_read_shadow(value);
    (void)xvcpu_vmcs_write_guest_cr0((value | (caps->cr0_fixed0 & ~(XVCPU_CR0_PE | XVCPU_CR0_PG))) & caps->cr0_fixed1);
    if (efer != vmx->efer) {
        vmx->efer = efer;
        (void)xvcpu_vmcs_write_guest_ia32_efer(efer);
    }
    if (entry != vmx->entry_ctls) {
        vmx->entry_ctls = entry;
        (void)xvcpu_vmcs_write_entry_controls(entry);
    }
    return xvcpu__vmx_skip(vcpu);
}

/* MOV to CR4 (SDM Vol. 3A 2.5): #GP on bits this CPU (or VMX) reserves, clearing PAE in long
 * mode, changing LA57 in long mode, setting PCIDE outside long mode or with CR3[11:0] != 0. */
static bool xvcpu__vmx_write_cr4(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    bool lma = (vmx->efer & XVCPU_IA32_EFER_LMA) != 0;
    uint64_t old = vmx->cr4;
    if ((value & ~vmx->cr4_allowed) != 0 || (lma && !(value & XVCPU_CR4_PAE)) ||
        (lma && ((value ^ old) & XVCPU_CR4_LA57)) ||
        ((value & XVCPU_CR4_PCIDE) && !(old & XVCPU_CR4_PCIDE) &&
         (!lma || (xvcpu_vmcs_read_guest_cr3() & 0xFFF) != 0)))
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    /* turning PAE (or the paging-mode bits) on under 32-bit paging loads the PDPTEs */
    if ((vmx->cr0 & XVCPU_CR0_PG) && (value & XVCPU_CR4_PAE) && !lma &&
        ((value ^ old) & (XVCPU_CR4_PAE | XVCPU_CR4_PGE | XVCPU_CR4_PSE | XVCPU_CR4_SMEP | XVCPU_CR4_SMAP)) &&
        !xvcpu__vmx_load_pdptes(vcpu))
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    vmx->cr4 = value;
    (void)xvcpu_vmcs_write_cr4_read_shadow(value);
    (void)xvcpu_vmcs_write_guest_cr4((value | vmx->caps.cr4_fixed0) & vmx->caps.cr4_fixed1);
    return xvcpu__vmx_skip(vcpu);
}

static bool xvcpu__vmx_cr_access(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    unsigned cr = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_CR_NUMBER, q);
    unsigned reg = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, q);
    uint64_t cr0;

    switch (XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE, q)) {
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_TO_CR:
        if (cr == 0)
            return xvcpu__vmx_write_cr0(vcpu, xvcpu__vmx_gpr(vcpu, reg));
        if (cr == 4)
            return xvcpu__vmx_write_cr4(vcpu, xvcpu__vmx_gpr(vcpu, reg));
        if (cr == 8) { /* the TPR: bits 63:4 are reserved */
            uint64_t v = xvcpu__vmx_gpr(vcpu, reg);
            if (v >> 4)
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
        cr0 = (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
        return xvcpu__vmx_write_cr0(vcpu, cr0 & ~XVCPU_CR0_TS);
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_LMSW: {
        /* LMSW loads PE, MP, EM, TS and cannot clear PE (SDM Vol. 2 LMSW) */
        uint64_t src = XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_LMSW_SOURCE, q) & 0xF;
        cr0 = (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
        return xvcpu__vmx_write_cr0(vcpu, (cr0 & ~0xEull) | src | (cr0 & XVCPU_CR0_PE));
    }
    default:
        break;
    }
    return false; /* an access the controls never intercept: reported as UNHANDLED */
}

/* Port I/O -> IO_READ / IO_WRITE (SDM Vol. 3C Table 28-5). String forms carry the guest linear
 * address, direction, address size and count for the VMM; nothing is skipped silently. */
static bool xvcpu__vmx_io(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    bool in = XVCPU_FIELD_GET(XVCPU_IO_QUAL_DIRECTION, q) == XVCPU_IO_QUAL_DIRECTION_IN;
    uint8_t width = (uint8_t)(XVCPU_FIELD_GET(XVCPU_IO_QUAL_SIZE, q) + 1);
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_IO_QUAL_PORT, q);
    exit->u.io.width = width;
    if (XVCPU_FIELD_GET(XVCPU_IO_QUAL_STRING, q)) {
        /* address size from the instruction information (IA32_VMX_BASIC bit 54), else 64-bit */
        unsigned asz = 2;
        if (vmx->caps.basic & XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO)
            asz = (unsigned)XVCPU_FIELD_GET(XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE, xvcpu_vmcs_read_exit_instruction_info());
        exit->u.io.string = true;
        exit->u.io.addr_size = (uint8_t)(asz == 0 ? 2 : asz == 1 ? 4 : 8);
        exit->u.io.rep = XVCPU_FIELD_GET(XVCPU_IO_QUAL_REP, q) != 0;
        exit->u.io.down = (XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_DF) != 0;
        exit->u.io.guest_addr = xvcpu_vmcs_read_guest_linear_address();
        exit->u.io.count = 1;
        if (exit->u.io.rep) {
            uint64_t mask = exit->u.io.addr_size == 8 ? ~0ull : (1ull << (8 * exit->u.io.addr_size)) - 1;
            exit->u.io.count = vcpu->gpr[XVCPU_REG_RCX] & mask;
        }
    } else if (!in) {
        exit->u.io.data = vcpu->gpr[XVCPU_REG_RAX] & (width == 4 ? 0xFFFFFFFFull : width == 2 ? 0xFFFFull : 0xFFull);
    }
    vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
    if (exit->u.io.string && exit->u.io.count == 0)
        return xvcpu__vmx_skip(vcpu); /* REP with RCX = 0 transfers nothing */
    return false;
}


/* RDMSR/WRMSR. The VMM's MSRs become SYSREG exits; the library virtualizes the MSRs the VMCS
 * switches for it; every other MSR is #GP, as on a CPU that lacks it. */

static bool xvcpu__vmx_msr(xvcpu_vcpu *vcpu, xvcpu_exit *exit, bool write)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t msr = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    uint64_t value = ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
    int st = XVCPU_VMX_OK;

    if (xvcpu__msr_wants_vmm(vcpu, msr, write)) {
        exit->kind = write ? XVCPU_EXIT_SYSREG_WRITE : XVCPU_EXIT_SYSREG_READ;
        if (write) {
            exit->u.sysreg_write.addr = msr;
            exit->u.sysreg_write.value = value;
        } else {
            exit->u.sysreg_read.addr = msr;
            exit->u.sysreg_read.reg = XVCPU_REG_RAX;
        }
        vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
        return false;
    }
    if (write && msr == XVCPU_MSR_X2APIC_ICR) { /* IPIs, INIT/SIPI */
        if (!xvcpu__x86_icr_exit(value, exit))
            return xvcpu__vmx_skip(vcpu);
        vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
        return false;
    }
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) {
            /* SCE, LME, NXE are the guest's; LMA follows CR0.PG; LME cannot change under paging */
            uint64_t allowed = XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE;
            if ((value & ~allowed) || (((value ^ vmx->efer) & XVCPU_IA32_EFER_LME) && (vmx->cr0 & XVCPU_CR0_PG)))
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            value = (value & ~XVCPU_IA32_EFER_LMA) | (vmx->efer & XVCPU_IA32_EFER_LMA);
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
            unsigned i; /* each entry must be UC, WC, WT, WP, WB or UC- (SDM Vol. 3A 13.12.2) */
            for (i = 0; i < 8; i++) {
                unsigned t = (unsigned)(value >> (8 * i)) & 0xFF;
                if (t == 2 || t == 3 || t > 7)
                    return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            }
            st = xvcpu_vmcs_write_guest_ia32_pat(value);
        } else {
            value = xvcpu_vmcs_read_guest_ia32_pat();
        }
        break;
    default:
        if (xvcpu__x86_msr_arch(vcpu, msr, write, &value) != XVCPU__X86_MSR_DONE)
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        break;
    }
    if (st != XVCPU_VMX_OK) /* e.g. a non-canonical base: refused by VMWRITE? raise #GP */
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    if (!write) {
        vcpu->gpr[XVCPU_REG_RAX] = value & 0xFFFFFFFFu;
        vcpu->gpr[XVCPU_REG_RDX] = value >> 32;
    }
    return xvcpu__vmx_skip(vcpu);
}

/* The guest's addressing state, for the page walker and the instruction fetch (MMIO path only).
 * CR0/CR4 as the guest sees them. 64-bit code uses only the FS and GS bases. */
static void xvcpu__vmx_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t cs_ar = xvcpu_vmcs_read_guest_cs_access_rights();
    m->cr0 = vmx->cr0;
    m->cr3 = xvcpu_vmcs_read_guest_cr3();
    m->cr4 = vmx->cr4;
    m->efer = vmx->efer;
    m->rflags = XVCPU__VMX_RFLAGS(vmx);
    m->rip = XVCPU__VMX_RIP(vmx);
    m->cs_base = xvcpu_vmcs_read_guest_cs_base();
    m->pkru = (vmx->cr4 & XVCPU_CR4_PKE) ? xvcpu__x86_live_pkru() : 0;
    m->cpl = (uint8_t)xvcpu__vmx_cpl();
    if ((vmx->efer & XVCPU_IA32_EFER_LMA) && (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_L))
        m->code_bytes = 8;
    else
        m->code_bytes = (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_DB) ? 4 : 2;
    m->seg_base[1] = m->cs_base;
    if (m->code_bytes == 8) {
        m->seg_base[0] = m->seg_base[1] = m->seg_base[2] = m->seg_base[3] = 0;
    } else {
        m->seg_base[0] = xvcpu_vmcs_read_guest_es_base();
        m->seg_base[2] = xvcpu_vmcs_read_guest_ss_base();
        m->seg_base[3] = xvcpu_vmcs_read_guest_ds_base();
    }
    m->seg_base[4] = xvcpu_vmcs_read_guest_fs_base();
    m->seg_base[5] = xvcpu_vmcs_read_guest_gs_base();
}

/* EPT violation -> MMIO_READ/MMIO_WRITE inside a registered MMIO region, else NESTED_PAGE_FAULT
 * with the access the guest tried (SDM Vol. 3C Table 28-7). */
static bool xvcpu__vmx_ept_violation(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    uint64_t gpa = xvcpu_vmcs_read_guest_physical_address();
    uint32_t access = (q & XVCPU_EPT_VIOLATION_QUAL_READ ? XVCPU_ACCESS_READ : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_WRITE ? XVCPU_ACCESS_WRITE : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_FETCH ? XVCPU_ACCESS_EXEC : 0u);
    /* An EPT violation while IRET unblocked NMIs re-blocks them (SDM Vol. 3C 28.2.3). */
    if ((q & XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET) && !vmx->event_reinjected)
        (void)xvcpu_vmcs_write_guest_interruptibility_state(XVCPU__VMX_INTR_STATE(vmx) |
                                                            (uint32_t)XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI);
    exit->raw_info2 = gpa;
    vcpu->pending.insn_len = 0; /* the access is retried once the VMM mapped the page */
    if (vcpu->x86.mmio_count != 0 && !(access & XVCPU_ACCESS_EXEC) && xvcpu__x86_in_mmio(vcpu, gpa)) {
        xvcpu_x86_mode mode;
        xvcpu__vmx_mode(vcpu, &mode);
        switch (xvcpu__x86_mmio_fault(vcpu, &mode, vmx->stage2, gpa, access, vmx->event_reinjected, exit)) {
        case XVCPU__MMIO_REENTER: return true;
        case XVCPU__MMIO_EXIT: return false;
        case XVCPU__MMIO_NOT_MMIO: break;
        }
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = gpa;
    exit->u.nested_page_fault.access = access;
    if (q & XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID) {
        exit->u.nested_page_fault.linear_valid = true;
        exit->u.nested_page_fault.linear = xvcpu_vmcs_read_guest_linear_address();
    }
    return false;
}

/* SIPI in wait-for-SIPI: start in real mode at vector << 12 (SDM Vol. 3A 9.4.4). */
static bool xvcpu__vmx_sipi(xvcpu_vcpu *vcpu)
{
    uint64_t vector = XVCPU__VMX_QUAL(&vcpu->arch.vmx) & 0xFF;
    (void)xvcpu_vmcs_write_guest_cs_selector((uint16_t)(vector << 8));
    (void)xvcpu_vmcs_write_guest_cs_base(vector << 12);
    (void)xvcpu_vmcs_write_guest_rip(0);
    (void)xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_ACTIVE);
    return true;
}

/* Decide what an exit means. `reason` is the basic exit reason. */
static bool xvcpu__vmx_handle(xvcpu_vcpu *vcpu, uint32_t reason, xvcpu_exit *exit)
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
        return xvcpu__vmx_cr_access(vcpu);
    case XVCPU_VMX_EXIT_XSETBV:
        return xvcpu__vmx_xsetbv(vcpu);
    case XVCPU_VMX_EXIT_HLT:
        if (xvcpu__highest_irr(vcpu) >= 0 && (XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_IF))
            return xvcpu__vmx_skip(vcpu); /* an interrupt is waiting: HLT ends at once */
        exit->kind = XVCPU_EXIT_HALT;
        vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
        return false;
    case XVCPU_VMX_EXIT_VMCALL:
        exit->kind = XVCPU_EXIT_HYPERCALL;
        exit->u.hypercall.nr = vcpu->gpr[XVCPU_REG_RAX];
        exit->u.hypercall.args[0] = vcpu->gpr[XVCPU_REG_RDI];
        exit->u.hypercall.args[1] = vcpu->gpr[XVCPU_REG_RSI];
        exit->u.hypercall.args[2] = vcpu->gpr[XVCPU_REG_RDX];
        exit->u.hypercall.args[3] = vcpu->gpr[XVCPU_REG_RCX];
        exit->u.hypercall.args[4] = vcpu->gpr[XVCPU_REG_R8];
        exit->u.hypercall.args[5] = vcpu->gpr[XVCPU_REG_R9];
        vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(vmx);
        return false;
    case XVCPU_VMX_EXIT_EPT_VIOLATION:
        (void)xvcpu__vmx_reinject(vmx);
        return xvcpu__vmx_ept_violation(vcpu, exit);
    case XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT:
        (void)xvcpu__vmx_reinject(vmx);
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = xvcpu_vmcs_read_exit_interruption_info() & 0xFF;
        return false;
    case XVCPU_VMX_EXIT_EXCEPTION_OR_NMI: {
        uint32_t info = xvcpu_vmcs_read_exit_interruption_info();
        (void)xvcpu__vmx_reinject(vmx);
        if (XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info) == XVCPU_INTERRUPTION_INFO_TYPE_NMI) {
            exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT; /* a host NMI: the host must handle it */
            exit->u.external_interrupt.vector = 2;
            return false;
        }
        return false; /* the exception bitmap is 0: unexpected, reported as UNHANDLED */
    }
    case XVCPU_VMX_EXIT_TRIPLE_FAULT:
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return false;
    case XVCPU_VMX_EXIT_INTERRUPT_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, false);
        return true;
    case XVCPU_VMX_EXIT_NMI_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_NMI_WINDOW_EXITING, false);
        return true;
    case XVCPU_VMX_EXIT_INIT_SIGNAL:
        (void)xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI);
        return true;
    case XVCPU_VMX_EXIT_SIPI:
        return xvcpu__vmx_sipi(vcpu);
    case XVCPU_VMX_EXIT_INVD:
    case XVCPU_VMX_EXIT_WBINVD_WBNOINVD:
        return xvcpu__vmx_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_VMX_EXIT_PREEMPTION_TIMER:
        return true;
    case XVCPU_VMX_EXIT_RDPMC: /* no performance counters are exposed (CPUID leaf 0xA is 0) */
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    case XVCPU_VMX_EXIT_VMCLEAR: case XVCPU_VMX_EXIT_VMLAUNCH: case XVCPU_VMX_EXIT_VMPTRLD:
    case XVCPU_VMX_EXIT_VMPTRST: case XVCPU_VMX_EXIT_VMREAD: case XVCPU_VMX_EXIT_VMRESUME:
    case XVCPU_VMX_EXIT_VMWRITE: case XVCPU_VMX_EXIT_VMXOFF: case XVCPU_VMX_EXIT_VMXON:
    case XVCPU_VMX_EXIT_INVEPT: case XVCPU_VMX_EXIT_INVVPID: case XVCPU_VMX_EXIT_VMFUNC:
    case XVCPU_VMX_EXIT_MWAIT: case XVCPU_VMX_EXIT_MONITOR: case XVCPU_VMX_EXIT_GETSEC:
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        return false; /* UNHANDLED, named by the run loop */
    }
}
