/* SVM exit handlers (AMD APM Vol. 2 15.9-15.13, Appendix C). Each returns XVCPU__SVM_REENTER when
 * the exit is finished inside the library, XVCPU__SVM_TO_VMM when `exit` holds a neutral exit, or
 * a negative xvcpu_err when the library cannot go on (vcpu->error says why). The neutral
 * semantics are VMX's (vmx_exits.c.h); a guest gets the architectural answer (#GP, #UD) for what
 * it may not do, and nothing here trusts it. */

enum { XVCPU__SVM_TO_VMM = 0, XVCPU__SVM_REENTER = 1, XVCPU__SVM_DONE = 2 };
#define XVCPU__SVM_FAILED(err) (-(int)(err))

#define XVCPU__SVM_VEC_UD 6
#define XVCPU__SVM_VEC_GP 13

static int xvcpu__svm_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return XVCPU__SVM_REENTER;
}

/* The guest's addressing state from the VMCB (the guest's own CR0/CR3/CR4 under nested paging;
 * EFER without the SVME the VMCB needs). 64-bit code uses only the FS and GS bases. */
static void xvcpu__svm_mode(const xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    m->cr0 = s->cr0;
    m->cr3 = s->cr3;
    m->cr4 = s->cr4;
    m->efer = s->efer & ~XVCPU_IA32_EFER_SVME;
    m->rflags = s->rflags;
    m->rip = s->rip;
    m->cs_base = s->cs.base;
    m->pkru = (s->cr4 & XVCPU_CR4_PKE) ? xvcpu__x86_live_pkru() : 0;
    m->cpl = (uint8_t)(s->cpl & 3);
    if ((s->efer & XVCPU_IA32_EFER_LMA) && (s->cs.attrib & XVCPU__SVM_ATTR_L))
        m->code_bytes = 8;
    else
        m->code_bytes = (s->cs.attrib & XVCPU__SVM_ATTR_DB) ? 4 : 2;
    m->seg_base[1] = m->cs_base;
    if (m->code_bytes == 8) {
        m->seg_base[0] = m->seg_base[1] = m->seg_base[2] = m->seg_base[3] = 0;
    } else {
        m->seg_base[0] = s->es.base;
        m->seg_base[2] = s->ss.base;
        m->seg_base[3] = s->ds.base;
    }
    m->seg_base[4] = s->fs.base; /* current: the trampoline VMSAVEs after every exit */
    m->seg_base[5] = s->gs.base;
}

/* Move RIP past `len` bytes of emulated instruction; that ends an STI/MOV SS interrupt shadow. */
static void xvcpu__svm_advance(xvcpu_vcpu *vcpu, uint64_t len)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    vmcb->save.rip += len;
    vmcb->control.interrupt_shadow &= ~XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW;
}

/* What a fetch of the guest's instruction (x86_fetch.c.h) means for an exit handler. */
static int xvcpu__svm_fetch_result(xvcpu__fetch_result r)
{
    switch (r) {
    case XVCPU__FETCH_OK: return XVCPU__SVM_DONE;
    case XVCPU__FETCH_RAISED: return XVCPU__SVM_REENTER; /* the guest got #PF/#GP/#UD; RIP stays */
    default: return XVCPU__SVM_FAILED(XVCPU_ERR_NOT_MAPPED); /* vcpu->error says where */
    }
}

/* The guest's current instruction, fetched and decoded. */
static int xvcpu__svm_fetch(xvcpu_vcpu *vcpu, xvcpu__fetched *f)
{
    xvcpu_x86_mode mode;
    int r;
    xvcpu__svm_mode(vcpu, &mode);
    r = xvcpu__svm_fetch_result(xvcpu__x86_fetch(vcpu, &mode, vcpu->arch.svm.stage2, f));
    if (r == XVCPU__SVM_FAILED(XVCPU_ERR_NOT_MAPPED))
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode.cs_base, (unsigned long long)mode.rip);
    return r;
}

/* The length of the intercepted instruction at RIP: NRIP - RIP where the CPU saves the next RIP
 * (APM Vol. 2 15.7.1), else decoded from guest memory. Never a guess. XVCPU__SVM_DONE with *len
 * set, XVCPU__SVM_REENTER when the fetch raised an exception for the guest, or an error. */
static int xvcpu__svm_insn_len(xvcpu_vcpu *vcpu, unsigned *len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_x86_mode mode;
    if (svm->caps.nrips) {
        uint64_t n = svm->vmcb->control.next_rip - svm->vmcb->save.rip;
        if (n >= 1 && n <= 15) {
            *len = (unsigned)n;
            return XVCPU__SVM_DONE;
        }
    }
    xvcpu__svm_mode(vcpu, &mode);
    return xvcpu__svm_fetch_result(xvcpu__x86_insn_length(vcpu, &mode, svm->stage2, len));
}

/* Finish an instruction the library emulated: advance RIP past it. */
static int xvcpu__svm_skip(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__SVM_DONE)
        return r;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* An exit the VMM completes: the completion advances RIP by the instruction's length. */
static int xvcpu__svm_to_vmm(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__SVM_DONE)
        return r;
    vcpu->pending.insn_len = (uint8_t)len;
    return XVCPU__SVM_TO_VMM;
}

/* Emulated instructions take their length first: a fetch that raises an exception makes the guest
 * run the instruction again, which must then find its registers untouched. */
static int xvcpu__svm_cpuid(xvcpu_vcpu *vcpu)
{
    uint32_t r[4];
    unsigned len = 0;
    int st = xvcpu__svm_insn_len(vcpu, &len);
    if (st != XVCPU__SVM_DONE)
        return st;
    xvcpu__cpuid_lookup(vcpu, (uint32_t)vcpu->gpr[XVCPU_REG_RAX], (uint32_t)vcpu->gpr[XVCPU_REG_RCX],
                        vcpu->arch.svm.vmcb->save.cr4, r);
    vcpu->gpr[XVCPU_REG_RAX] = r[0];
    vcpu->gpr[XVCPU_REG_RBX] = r[1];
    vcpu->gpr[XVCPU_REG_RCX] = r[2];
    vcpu->gpr[XVCPU_REG_RDX] = r[3];
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* XSETBV with VMX's checks (SDM Vol. 1 13.3, APM Vol. 4 XSETBV): #UD without CR4.OSXSAVE; #GP
 * unless ECX = 0, CPL 0 and EDX:EAX is an XCR0 the guest may enable. */
static int xvcpu__svm_xsetbv(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    uint64_t v = ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
    const uint64_t avx512 = XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 | XVCPU_XCR0_HI16_ZMM;
    const uint64_t mpx = XVCPU_XCR0_BNDREGS | XVCPU_XCR0_BNDCSR;
    unsigned len = 0;
    int st;
    if ((s->cr4 & XVCPU_CR4_OSXSAVE) == 0)
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_UD);
    if ((uint32_t)vcpu->gpr[XVCPU_REG_RCX] != 0 || (s->cpl & 3) != 0 || (v & ~vcpu->x86.xcr0_allowed) != 0 ||
        (v & XVCPU_XCR0_X87) == 0 || ((v & XVCPU_XCR0_AVX) && !(v & XVCPU_XCR0_SSE)) ||
        ((v & avx512) != 0 && ((v & avx512) != avx512 || !(v & XVCPU_XCR0_AVX))) ||
        ((v & mpx) != 0 && (v & mpx) != mpx))
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__SVM_DONE)
        return st;
    vcpu->x86.xcr0 = v;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* GPRs by number; RSP lives in the VMCB. */
static uint64_t xvcpu__svm_gpr(const xvcpu_vcpu *vcpu, unsigned reg)
{
    return (reg & 15) == XVCPU_REG_RSP ? vcpu->arch.svm.vmcb->save.rsp : vcpu->gpr[reg & 15];
}

/* With PAE paging outside long mode the CPU uses the four PDPTEs at CR3: refuse a CR write that
 * would enable them with a reserved bit set (#GP, as VMX does; SDM Vol. 3A 4.4.1). */
static bool xvcpu__svm_pdptes_ok(xvcpu_vcpu *vcpu, uint64_t cr3)
{
    uint64_t gpa = cr3 & 0xFFFFFFE0u, hpa = 0, pdpte[4];
    unsigned i;
    if (xvcpu_stage2_translate(vcpu->arch.svm.stage2, gpa, &hpa, NULL, NULL) != XVCPU_OK)
        return false;
    XVCPU_MEMCPY(pdpte, (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa), 32);
    for (i = 0; i < 4; i++)
        if ((pdpte[i] & 1) && (pdpte[i] & 0x1E6ull))
            return false;
    return true;
}

/* MOV to CR0, LMSW (APM Vol. 2 3.1.1, SDM Vol. 2 MOV CR): #GP on bits 63:32, NW without CD, PG
 * without PE (emulators let an SVM guest set paged real mode; the architecture does not), clearing
 * PG in 64-bit mode, and entering long mode without PAE or with CS.L; EFER.LMA follows CR0.PG when
 * EFER.LME is set (APM Vol. 2 14.6.1). */
static int xvcpu__svm_write_cr0(xvcpu_vcpu *vcpu, uint64_t value, unsigned len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    uint64_t old = s->cr0, efer = s->efer;
    bool paging_on = (value & XVCPU_CR0_PG) && !(old & XVCPU_CR0_PG);
    bool paging_off = !(value & XVCPU_CR0_PG) && (old & XVCPU_CR0_PG);
    bool cs_l = (s->cs.attrib & XVCPU__SVM_ATTR_L) != 0;

    value |= XVCPU_CR0_ET; /* hardwired to 1 */
    if ((value >> 32) != 0 || ((value & XVCPU_CR0_NW) && !(value & XVCPU_CR0_CD)) ||
        ((value & XVCPU_CR0_PG) && !(value & XVCPU_CR0_PE)))
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
    if (paging_on && (efer & XVCPU_IA32_EFER_LME)) {
        if (!(s->cr4 & XVCPU_CR4_PAE) || cs_l)
            return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
        efer |= XVCPU_IA32_EFER_LMA;
    } else if (paging_off && (efer & XVCPU_IA32_EFER_LMA)) {
        if (cs_l) /* 64-bit code cannot turn paging off */
            return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
        efer &= ~XVCPU_IA32_EFER_LMA;
    }
    if ((value & XVCPU_CR0_PG) && (s->cr4 & XVCPU_CR4_PAE) && !(efer & XVCPU_IA32_EFER_LMA) &&
        ((old ^ value) & (XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW)) && !xvcpu__svm_pdptes_ok(vcpu, s->cr3))
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP); /* PAE paging with bad PDPTEs */
    s->cr0 = value;
    s->efer = efer;
    svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* MOV to CR4 (APM Vol. 2 3.1.3): #GP on bits this CPU does not implement (VMX's VMXE and SMXE
 * never), clearing PAE or changing LA57 in long mode, setting PCIDE outside long mode or with
 * CR3[11:0] != 0. */
static int xvcpu__svm_write_cr4(xvcpu_vcpu *vcpu, uint64_t value, unsigned len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    bool lma = (s->efer & XVCPU_IA32_EFER_LMA) != 0;
    uint64_t old = s->cr4;
    if ((value & ~svm->cr4_allowed) != 0 || (lma && !(value & XVCPU_CR4_PAE)) ||
        (lma && ((value ^ old) & XVCPU_CR4_LA57)) ||
        ((value & XVCPU_CR4_PCIDE) && !(old & XVCPU_CR4_PCIDE) && (!lma || (s->cr3 & 0xFFF) != 0)))
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
    if ((s->cr0 & XVCPU_CR0_PG) && (value & XVCPU_CR4_PAE) && !lma &&
        ((value ^ old) & (XVCPU_CR4_PAE | XVCPU_CR4_PGE | XVCPU_CR4_PSE | XVCPU_CR4_SMEP | XVCPU_CR4_SMAP)) &&
        !xvcpu__svm_pdptes_ok(vcpu, s->cr3))
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
    s->cr4 = value;
    svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* A 16-bit operand of LMSW from memory: the decoder's address, the guest's paging. */
static int xvcpu__svm_read_word(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *m, const xvcpu_x86_insn *insn,
                                uint64_t *value)
{
    xvcpu__guest_ram ram;
    uint64_t g[16], linear, gpa = 0;
    const uint8_t *p;
    uint16_t w;
    unsigned i;
    int r;
    ram.hal = vcpu->hal;
    ram.s2 = vcpu->arch.svm.stage2;
    XVCPU_MEMCPY(g, vcpu->gpr, sizeof(g));
    g[XVCPU_REG_RSP] = vcpu->arch.svm.vmcb->save.rsp; /* gpr[RSP] is not kept current */
    linear = m->seg_base[insn->seg % 6] + xvcpu_x86_insn_offset(insn, g, m->rip);
    if (m->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    for (i = 0, w = 0; i < 2; i++) { /* byte by byte: the word may straddle a page */
        r = xvcpu__svm_fetch_result(xvcpu__x86_translate(vcpu, m, &ram, linear + i, 0, insn->seg, &gpa));
        if (r != XVCPU__SVM_DONE)
            return r;
        if ((p = (const uint8_t *)xvcpu__guest_ram_ptr(&ram, gpa, 1, XVCPU_ACCESS_READ)) == NULL)
            return XVCPU__SVM_FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                                 "vCPU %u: LMSW reads %llx, which is not guest RAM", vcpu->id,
                                                 (unsigned long long)gpa));
        w = (uint16_t)(w | ((uint16_t)*p << (8 * i)));
    }
    *value = w;
    return XVCPU__SVM_DONE;
}

/* A write to CR0 (selective write intercept: a change beyond TS and MP) or CR4. The operand comes
 * from the decode assists (EXITINFO1[63] MOV, [3:0] the GPR; APM Vol. 2 15.33.1) or from the
 * decoded instruction: MOV CRn, reg (0F 22), LMSW (0F 01 /6), CLTS (0F 06). */
static int xvcpu__svm_cr_write(xvcpu_vcpu *vcpu, unsigned cr)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    uint64_t info1 = svm->vmcb->control.exit_info1, value, cr0 = svm->vmcb->save.cr0;
    xvcpu_x86_mode m;
    xvcpu__fetched f;
    unsigned reg;
    int r;

    if (svm->caps.decode_assists && (info1 & XVCPU_SVM_CR_EXITINFO1_MOV)) {
        unsigned len = 0;
        value = xvcpu__svm_gpr(vcpu, (unsigned)XVCPU_FIELD_GET(XVCPU_SVM_CR_EXITINFO1_GPR, info1));
        xvcpu__svm_mode(vcpu, &m);
        if (m.code_bytes != 8)
            value &= 0xFFFFFFFFu;
        if ((r = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__SVM_DONE)
            return r;
        return cr == 0 ? xvcpu__svm_write_cr0(vcpu, value, len) : xvcpu__svm_write_cr4(vcpu, value, len);
    }
    if ((r = xvcpu__svm_fetch(vcpu, &f)) != XVCPU__SVM_DONE)
        return r;
    xvcpu__svm_mode(vcpu, &m);
    reg = (f.insn.modrm >> 3) & 7;
    if (f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x22) {
        unsigned n = reg | ((f.insn.rex & 4u) << 1); /* REX.R */
        if (f.insn.lock && n == 0)
            n = 8; /* LOCK MOV CR0 is CR8 (AMD's AltMovCr8) */
        if (n != cr) /* the intercept names the register: anything else is not this exit */
            return XVCPU__SVM_FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                                 "vCPU %u: CR%u write exit at a write of CR%u", vcpu->id, cr, n));
        value = xvcpu__svm_gpr(vcpu, (f.insn.modrm & 7) | ((f.insn.rex & 1u) << 3)); /* REX.B */
        if (m.code_bytes != 8)
            value &= 0xFFFFFFFFu;
    } else if (cr == 0 && f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x01 &&
               reg == 6) {
        /* LMSW loads PE, MP, EM, TS and cannot clear PE (SDM Vol. 2 LMSW) */
        uint64_t src = 0;
        if ((f.insn.modrm >> 6) == 3)
            src = xvcpu__svm_gpr(vcpu, (f.insn.modrm & 7) | ((f.insn.rex & 1u) << 3));
        else if ((r = xvcpu__svm_read_word(vcpu, &m, &f.insn, &src)) != XVCPU__SVM_DONE)
            return r;
        value = (cr0 & ~0xEull) | (src & 0xF) | (cr0 & XVCPU_CR0_PE);
    } else if (cr == 0 && f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x06) {
        value = cr0 & ~XVCPU_CR0_TS; /* CLTS */
    } else {
        return XVCPU__SVM_FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: CR%u write exit at an instruction that writes no CR%u "
                                             "(map %u opcode %x)", vcpu->id, cr, cr, (unsigned)f.insn.map,
                                             (unsigned)f.insn.opcode));
    }
    return cr == 0 ? xvcpu__svm_write_cr0(vcpu, value, f.insn.length) : xvcpu__svm_write_cr4(vcpu, value, f.insn.length);
}

/* The segment OUTS reads from: EXITINFO1.SEG where the CPU has decode assists, else the last
 * segment-override prefix of the instruction (DS without one; in 64-bit mode only FS and GS
 * overrides count, SDM Vol. 1 3.3.7.1). INS always writes ES:rDI. */
static int xvcpu__svm_outs_segment(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *m, uint64_t info1, unsigned len,
                                   unsigned *seg)
{
    xvcpu__fetched f;
    unsigned i;
    int r;
    if (vcpu->arch.svm.caps.decode_assists) {
        *seg = (unsigned)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_SEG, info1);
        return XVCPU__SVM_DONE;
    }
    *seg = 3;
    if (len <= 1)
        return XVCPU__SVM_DONE; /* the bare opcode: no room for a prefix */
    if ((r = xvcpu__svm_fetch(vcpu, &f)) != XVCPU__SVM_DONE)
        return r;
    for (i = 0; i + 1 < f.insn.length && i < f.count; i++) {
        switch (f.bytes[i]) {
        case 0x26: *seg = 0; break;
        case 0x2E: *seg = 1; break;
        case 0x36: *seg = 2; break;
        case 0x3E: *seg = 3; break;
        case 0x64: *seg = 4; break;
        case 0x65: *seg = 5; break;
        default: break; /* F0, F2, F3, 66, 67, REX */
        }
    }
    if (m->code_bytes == 8 && *seg < 4)
        *seg = 3;
    return XVCPU__SVM_DONE;
}

/* IOIO -> IO_READ / IO_WRITE (APM Vol. 2 15.10.2): EXITINFO1 says port, size, direction, string,
 * REP and address size; EXITINFO2 is the next RIP. String forms carry the guest linear address
 * (segment base applied), direction and count, as VMX's. */
static int xvcpu__svm_io(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    uint64_t info1 = vmcb->control.exit_info1;
    uint64_t next = vmcb->control.exit_info2;
    bool in = XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_TYPE, info1) == XVCPU_SVM_IOIO_EXITINFO1_TYPE_IN;
    uint8_t width = (info1 & XVCPU_SVM_IOIO_EXITINFO1_SZ32) ? 4 : (info1 & XVCPU_SVM_IOIO_EXITINFO1_SZ16) ? 2 : 1;
    uint64_t len = next - vmcb->save.rip;

    if (len < 1 || len > 15) { /* EXITINFO2 is the CPU's; anything else is a broken CPU model */
        return XVCPU__SVM_FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: IOIO exit with next RIP %llx for RIP %llx", vcpu->id,
                                             (unsigned long long)next, (unsigned long long)vmcb->save.rip));
    }
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->raw_info2 = next;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_PORT, info1);
    exit->u.io.width = width;
    if (info1 & XVCPU_SVM_IOIO_EXITINFO1_STR) {
        xvcpu_x86_mode m;
        unsigned seg = 0;
        uint8_t asz = (info1 & XVCPU_SVM_IOIO_EXITINFO1_A64) ? 8 : (info1 & XVCPU_SVM_IOIO_EXITINFO1_A32) ? 4 : 2;
        uint64_t mask = asz == 8 ? ~0ull : (1ull << (8 * asz)) - 1;
        uint64_t offset = vcpu->gpr[in ? XVCPU_REG_RDI : XVCPU_REG_RSI] & mask;
        xvcpu__svm_mode(vcpu, &m);
        if (!in) {
            int r = xvcpu__svm_outs_segment(vcpu, &m, info1, (unsigned)len, &seg);
            if (r != XVCPU__SVM_DONE)
                return r;
        }
        exit->u.io.string = true;
        exit->u.io.addr_size = asz;
        exit->u.io.rep = (info1 & XVCPU_SVM_IOIO_EXITINFO1_REP) != 0;
        exit->u.io.down = (vmcb->save.rflags & XVCPU_RFLAGS_DF) != 0;
        exit->u.io.guest_addr = m.seg_base[seg] + offset;
        if (m.code_bytes != 8)
            exit->u.io.guest_addr &= 0xFFFFFFFFu;
        exit->u.io.count = exit->u.io.rep ? vcpu->gpr[XVCPU_REG_RCX] & mask : 1;
    } else if (!in) {
        exit->u.io.data = vcpu->gpr[XVCPU_REG_RAX] & (width == 4 ? 0xFFFFFFFFull : width == 2 ? 0xFFFFull : 0xFFull);
    }
    vcpu->pending.insn_len = (uint8_t)len;
    if (exit->u.io.string && exit->u.io.count == 0) { /* REP with RCX = 0 transfers nothing */
        xvcpu__svm_advance(vcpu, len);
        return XVCPU__SVM_REENTER;
    }
    return XVCPU__SVM_TO_VMM;
}



/* RDMSR/WRMSR (EXITINFO1 0 = read, 1 = write; APM Vol. 2 15.11). The VMM's MSRs become SYSREG
 * exits; the library virtualizes the MSRs the VMCB holds (the VMLOAD/VMSAVE ones reach this only
 * when the VMM re-intercepted them); every other MSR is #GP, as on a CPU that lacks it. */
static int xvcpu__svm_msr(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    bool write = svm->vmcb->control.exit_info1 == 1;
    uint32_t msr = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    uint64_t value = ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
    uint64_t *field = NULL;
    unsigned len = 0;
    int st;

    if (xvcpu__msr_wants_vmm(vcpu, msr, write)) {
        exit->kind = write ? XVCPU_EXIT_SYSREG_WRITE : XVCPU_EXIT_SYSREG_READ;
        if (write) {
            exit->u.sysreg_write.addr = msr;
            exit->u.sysreg_write.value = value;
        } else {
            exit->u.sysreg_read.addr = msr;
            exit->u.sysreg_read.reg = XVCPU_REG_RAX;
        }
        return xvcpu__svm_to_vmm(vcpu);
    }
    if (write && msr == XVCPU_MSR_X2APIC_ICR) /* IPIs, INIT/SIPI */
        return xvcpu__x86_icr_exit(value, exit) ? xvcpu__svm_to_vmm(vcpu) : xvcpu__svm_skip(vcpu);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__SVM_DONE)
        return st;
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) {
            /* SCE, LME, NXE are the guest's; LMA follows CR0.PG; LME cannot change under paging;
             * SVME stays set in the VMCB for VMRUN and is never the guest's (APM Vol. 2 15.5.1). */
            uint64_t allowed = XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE;
            if ((value & ~allowed) || (((value ^ s->efer) & XVCPU_IA32_EFER_LME) && (s->cr0 & XVCPU_CR0_PG)))
                return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
            s->efer = (value & ~XVCPU_IA32_EFER_LMA) | (s->efer & XVCPU_IA32_EFER_LMA) | XVCPU_IA32_EFER_SVME;
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
        } else {
            value = s->efer & ~XVCPU_IA32_EFER_SVME;
        }
        break;
    case XVCPU_MSR_IA32_PAT:
        if (write) {
            unsigned i; /* each entry must be UC, WC, WT, WP, WB or UC- (APM Vol. 2 7.8.1) */
            for (i = 0; i < 8; i++) {
                unsigned t = (unsigned)(value >> (8 * i)) & 0xFF;
                if (t == 2 || t == 3 || t > 7)
                    return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
            }
            s->g_pat = value; /* the guest's PAT under nested paging (APM Vol. 2 15.25.8) */
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_NP;
        } else {
            value = s->g_pat;
        }
        break;
    case XVCPU_MSR_IA32_FS_BASE: field = &s->fs.base; break;
    case XVCPU_MSR_IA32_GS_BASE: field = &s->gs.base; break;
    case XVCPU_MSR_IA32_KERNEL_GS_BASE: field = &s->kernel_gs_base; break;
    case XVCPU_MSR_IA32_STAR: field = &s->star; break;
    case XVCPU_MSR_IA32_LSTAR: field = &s->lstar; break;
    case XVCPU_MSR_IA32_CSTAR: field = &s->cstar; break;
    case XVCPU_MSR_IA32_FMASK: field = &s->sfmask; break;
    case XVCPU_MSR_IA32_SYSENTER_CS: field = &s->sysenter_cs; break;
    case XVCPU_MSR_IA32_SYSENTER_ESP: field = &s->sysenter_esp; break;
    case XVCPU_MSR_IA32_SYSENTER_EIP: field = &s->sysenter_eip; break;
    default:
        if (xvcpu__x86_msr_arch(vcpu, msr, write, &value) != XVCPU__X86_MSR_DONE)
            return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
        break;
    }
    if (field != NULL) { /* VMLOAD state: the trampoline's VMSAVE keeps it current in the VMCB */
        if (!write) {
            value = *field;
        } else {
            bool address = msr != XVCPU_MSR_IA32_STAR && msr != XVCPU_MSR_IA32_FMASK &&
                           msr != XVCPU_MSR_IA32_SYSENTER_CS;
            if (address && !xvcpu__x86_canonical(value, s->cr4)) /* WRMSR of a non-canonical address: #GP */
                return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
            *field = msr == XVCPU_MSR_IA32_SYSENTER_CS || msr == XVCPU_MSR_IA32_FMASK ? value & 0xFFFFFFFFu : value;
        }
    }
    if (!write) {
        vcpu->gpr[XVCPU_REG_RAX] = value & 0xFFFFFFFFu;
        vcpu->gpr[XVCPU_REG_RDX] = value >> 32;
    }
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__SVM_REENTER;
}

/* NPF -> MMIO_READ/MMIO_WRITE inside a registered MMIO region, else NESTED_PAGE_FAULT with the
 * access the guest tried (APM Vol. 2 15.25.6: EXITINFO1 is a #PF-style error code, EXITINFO2 the
 * guest-physical address). SVM gives no guest linear address. */
static int xvcpu__svm_npf(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    uint64_t q = svm->vmcb->control.exit_info1;
    uint64_t gpa = svm->vmcb->control.exit_info2;
    uint32_t access = (q & XVCPU_SVM_NPF_EXITINFO1_ID) ? XVCPU_ACCESS_EXEC
                      : (q & XVCPU_SVM_NPF_EXITINFO1_RW) ? XVCPU_ACCESS_WRITE
                                                         : XVCPU_ACCESS_READ;
    exit->raw_info2 = gpa;
    vcpu->pending.insn_len = 0; /* the access is retried once the VMM mapped the page */
    if (vcpu->x86.mmio_count != 0 && !(access & XVCPU_ACCESS_EXEC) && xvcpu__x86_in_mmio(vcpu, gpa)) {
        xvcpu_x86_mode mode;
        xvcpu__svm_mode(vcpu, &mode);
        switch (xvcpu__x86_mmio_fault(vcpu, &mode, svm->stage2, gpa, access, svm->event_reinjected, exit)) {
        case XVCPU__MMIO_REENTER: return XVCPU__SVM_REENTER;
        case XVCPU__MMIO_EXIT: return XVCPU__SVM_TO_VMM;
        case XVCPU__MMIO_NOT_MMIO: break;
        }
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = gpa;
    exit->u.nested_page_fault.access = access;
    return XVCPU__SVM_TO_VMM;
}

static void xvcpu__svm_set_intercept(xvcpu_svm_vcpu *svm, uint32_t bit, bool on)
{
    uint32_t v = on ? (svm->vmcb->control.intercept_misc1 | bit) : (svm->vmcb->control.intercept_misc1 & ~bit);
    if (v != svm->vmcb->control.intercept_misc1) {
        svm->vmcb->control.intercept_misc1 = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_I;
    }
}

/* Watch (or stop watching) the delivery of a #DF. */
static void xvcpu__svm_df_watch(xvcpu_svm_vcpu *svm, bool on)
{
    uint32_t v = on ? svm->vmcb->control.intercept_exceptions | XVCPU__SVM_INTERCEPT_EXC_DF_WATCH
                    : svm->vmcb->control.intercept_exceptions & ~(uint32_t)XVCPU__SVM_INTERCEPT_EXC_DF_WATCH;
    svm->df_watch = on;
    if (v != svm->vmcb->control.intercept_exceptions) {
        svm->vmcb->control.intercept_exceptions = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_I;
    }
}

static bool xvcpu__svm_delivering_df(const xvcpu_vmcb *vmcb)
{
    uint64_t info = vmcb->control.exit_int_info;
    return (info & XVCPU_EVENTINJ_V) && XVCPU_FIELD_GET(XVCPU_EVENTINJ_VECTOR, info) == 8 &&
           XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, info) == XVCPU_EVENTINJ_TYPE_EXCEPTION;
}

/* An exception intercepted only while a #DF is on its way (XVCPU__SVM_INTERCEPT_EXC_DF_WATCH). */
static int xvcpu__svm_exception(xvcpu_vcpu *vcpu, unsigned vector, xvcpu_exit *exit)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    if (xvcpu__svm_delivering_df(vmcb)) { /* a fault while delivering #DF: shutdown */
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__SVM_TO_VMM;
    }
    if (vmcb->control.exit_int_info & XVCPU_EVENTINJ_V)
        return XVCPU__SVM_REENTER; /* delivering another event, which is re-injected and faults again
                                      where the CPU now combines the two itself */
    if (vector == 14)
        xvcpu__x86_raise_page_fault(vcpu, (uint32_t)vmcb->control.exit_info1, vmcb->control.exit_info2);
    else
        xvcpu__x86_raise(vcpu, (uint8_t)vector, (uint32_t)vmcb->control.exit_info1);
    return XVCPU__SVM_REENTER;
}

/* Decide what an exit means. `code` is the EXITCODE. */
static int xvcpu__svm_handle(xvcpu_vcpu *vcpu, uint64_t code, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    switch (code) {
    case XVCPU_SVM_EXIT_CPUID:
        return xvcpu__svm_cpuid(vcpu);
    case XVCPU_SVM_EXIT_IOIO:
        return xvcpu__svm_io(vcpu, exit);
    case XVCPU_SVM_EXIT_MSR:
        return xvcpu__svm_msr(vcpu, exit);
    case XVCPU_SVM_EXIT_XSETBV:
        return xvcpu__svm_xsetbv(vcpu);
    case XVCPU_SVM_EXIT_CR0_SEL_WRITE:
    case XVCPU_SVM_EXIT_CR0_WRITE:
        return xvcpu__svm_cr_write(vcpu, 0);
    case XVCPU_SVM_EXIT_CR4_WRITE:
        return xvcpu__svm_cr_write(vcpu, 4);
    case XVCPU_SVM_EXIT_HLT:
        if (xvcpu__highest_irr(vcpu) >= 0 && (vmcb->save.rflags & XVCPU_RFLAGS_IF))
            return xvcpu__svm_skip(vcpu); /* an interrupt is waiting: HLT ends at once */
        exit->kind = XVCPU_EXIT_HALT;
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_VMMCALL: /* the same ABI as VMCALL */
        exit->kind = XVCPU_EXIT_HYPERCALL;
        exit->u.hypercall.nr = vcpu->gpr[XVCPU_REG_RAX];
        exit->u.hypercall.args[0] = vcpu->gpr[XVCPU_REG_RDI];
        exit->u.hypercall.args[1] = vcpu->gpr[XVCPU_REG_RSI];
        exit->u.hypercall.args[2] = vcpu->gpr[XVCPU_REG_RDX];
        exit->u.hypercall.args[3] = vcpu->gpr[XVCPU_REG_RCX];
        exit->u.hypercall.args[4] = vcpu->gpr[XVCPU_REG_R8];
        exit->u.hypercall.args[5] = vcpu->gpr[XVCPU_REG_R9];
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_NPF:
        return xvcpu__svm_npf(vcpu, exit);
    case XVCPU_SVM_EXIT_INTR: /* still pending: the host takes it after STGI (APM Vol. 2 15.13.1) */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 0;
        return XVCPU__SVM_TO_VMM;
    case XVCPU_SVM_EXIT_NMI: /* a host NMI: the host must handle it */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 2;
        return XVCPU__SVM_TO_VMM;
    case XVCPU_SVM_EXIT_EXCP8: /* deliver it, watching for a fault on the way (replaces what the
                                  exit interrupted: the #DF is what the CPU delivers now) */
        vmcb->control.event_inj = 0;
        svm->event_reinjected = svm->soft_injected = svm->nmi_injected = false;
        xvcpu__x86_raise(vcpu, 8, 0);
        return XVCPU__SVM_REENTER;
    case XVCPU_SVM_EXIT_EXCP10: case XVCPU_SVM_EXIT_EXCP11: case XVCPU_SVM_EXIT_EXCP12:
    case XVCPU_SVM_EXIT_EXCP13: case XVCPU_SVM_EXIT_EXCP14:
        return xvcpu__svm_exception(vcpu, (unsigned)(code - XVCPU_SVM_EXIT_EXCP0), exit);
    case XVCPU_SVM_EXIT_SHUTDOWN: /* triple fault and other shutdown conditions (APM Vol. 2 15.12) */
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__SVM_TO_VMM;
    case XVCPU_SVM_EXIT_VINTR: /* the guest can take an interrupt now: drop the window */
        vmcb->control.v_intr &= ~(XVCPU_VMCB_V_INTR_V_IRQ | XVCPU_VMCB_V_INTR_V_IGN_TPR |
                                  XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK);
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_VINTR, false);
        return XVCPU__SVM_REENTER;
    case XVCPU_SVM_EXIT_IRET: /* the IRET (not yet executed) that will unblock NMIs */
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, false);
        svm->awaiting_iret = true;
        svm->iret_rip = vmcb->save.rip;
        return XVCPU__SVM_REENTER;
    case XVCPU_SVM_EXIT_INIT: /* a physical INIT, left pending for the host (APM Vol. 2 15.13.3) */
        exit->kind = XVCPU_EXIT_NOTHING;
        return XVCPU__SVM_TO_VMM;
    case XVCPU_SVM_EXIT_INVD:
    case XVCPU_SVM_EXIT_WBINVD:
        return xvcpu__svm_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_SVM_EXIT_RDPMC: /* no performance counters are exposed */
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_GP);
    case XVCPU_SVM_EXIT_VMRUN: case XVCPU_SVM_EXIT_VMLOAD: case XVCPU_SVM_EXIT_VMSAVE:
    case XVCPU_SVM_EXIT_STGI: case XVCPU_SVM_EXIT_CLGI: case XVCPU_SVM_EXIT_SKINIT:
    case XVCPU_SVM_EXIT_INVLPGA: case XVCPU_SVM_EXIT_MONITOR: case XVCPU_SVM_EXIT_MWAIT:
    case XVCPU_SVM_EXIT_MWAIT_CONDITIONAL:
        return xvcpu__svm_raise(vcpu, XVCPU__SVM_VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        exit->kind = XVCPU_EXIT_UNHANDLED; /* named by the run loop */
        return XVCPU__SVM_TO_VMM;
    }
}
