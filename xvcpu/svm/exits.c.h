/* SVM exit handlers (AMD APM Vol. 2 15.9-15.13, Appendix C): the VMCB side of the shared x86
 * rules (x86/rules.c.h). Each returns an xvcpu__action: XVCPU__RESUME when the exit is finished
 * inside the library, XVCPU__TO_VMM when `exit` holds a neutral exit, or a negative xvcpu_err
 * when the library cannot go on (vcpu->error says why). A guest gets the architectural answer
 * (#GP, #UD) for what it may not do, and nothing here trusts it. */

static int xvcpu__svm_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return XVCPU__RESUME;
}

/* The guest's addressing state from the VMCB (the guest's own CR0/CR3/CR4 under nested paging;
 * EFER without the SVME the VMCB needs). 64-bit code uses only the FS and GS bases. */
static void xvcpu__svm_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    m->cr0 = s->cr0;
    m->cr3 = s->cr3;
    m->cr4 = s->cr4;
    m->efer = s->efer & ~XVCPU_IA32_EFER_SVME;
    m->rflags = s->rflags;
    m->rflags_valid = true;
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
    m->seg_have = 0x3F;          /* all six, from the VMCB at no cost */
    m->read_seg_base = NULL;
}

/* Move RIP past `len` bytes; that ends an STI/MOV SS interrupt shadow. */
static void xvcpu__svm_move_rip(xvcpu_vmcb *vmcb, uint64_t len)
{
    vmcb->save.rip += len;
    vmcb->control.interrupt_shadow &= ~XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW;
}

static uint64_t xvcpu__svm_read_dr7(xvcpu_vcpu *vcpu) { return vcpu->arch.svm.vmcb->save.dr7; }
static uint64_t xvcpu__svm_read_cr4(xvcpu_vcpu *vcpu) { return vcpu->arch.svm.vmcb->save.cr4; }

/* The debug trap an emulated instruction owes (x86/rules.c.h): SVM has no pending-debug state,
 * so the #DB is injected (vector 1, exception, no error code; it goes before any queued NMI or
 * interrupt) with the guest's DR6 as the CPU would have set it in the VMCB. An exception the VMM
 * queued for this entry wins (the VMM chose it). */
static void xvcpu__svm_debug_trap_owed(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    unsigned hits = xvcpu__x86_access_breakpoints(vcpu, xvcpu__svm_read_dr7, xvcpu__svm_read_cr4);
    uint64_t trap = xvcpu__x86_debug_trap(svm->vmcb->save.rflags, hits);
    vcpu->x86.access.len = 0;
    if (trap == 0 || vcpu->events.exception_pending)
        return;
    svm->vmcb->save.dr6 |= trap;
    svm->dirty |= XVCPU_VMCB_CLEAN_BITS_DRX;
    xvcpu__queue_event(vcpu, XVCPU__VEC_DB, XVCPU__EVENT_HARDWARE_EXCEPTION, 0, false, 0);
}

/* The common case inline: no access to match against breakpoints and TF clear. */
XVCPU__HOT void xvcpu__svm_debug_trap(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.access.len != 0 || (vcpu->arch.svm.vmcb->save.rflags & XVCPU_RFLAGS_TF))
        xvcpu__svm_debug_trap_owed(vcpu);
}

/* Move RIP past `len` bytes of emulated instruction: the shadow ends, single-stepping traps. */
XVCPU__HOT void xvcpu__svm_advance(xvcpu_vcpu *vcpu, uint64_t len)
{
    xvcpu__svm_move_rip(vcpu->arch.svm.vmcb, len);
    xvcpu__svm_debug_trap(vcpu);
}

/* What a fetch of the guest's instruction (x86_fetch.c.h) means for an exit handler. */
static int xvcpu__svm_fetch_result(xvcpu__fetch_result r)
{
    switch (r) {
    case XVCPU__FETCH_OK: return XVCPU__GO_ON;
    case XVCPU__FETCH_RAISED: return XVCPU__RESUME; /* the guest got #PF/#GP/#UD; RIP stays */
    default: return XVCPU__FAILED(XVCPU_ERR_NOT_MAPPED); /* vcpu->error says where */
    }
}

/* The guest's current instruction, fetched and decoded. */
static int xvcpu__svm_fetch(xvcpu_vcpu *vcpu, xvcpu__fetched *f)
{
    xvcpu_x86_mode mode;
    int r;
    xvcpu__svm_mode(vcpu, &mode);
    r = xvcpu__svm_fetch_result(xvcpu__x86_fetch(vcpu, &mode, vcpu->arch.svm.stage2, f));
    if (r == XVCPU__FAILED(XVCPU_ERR_NOT_MAPPED))
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode.cs_base, (unsigned long long)mode.rip);
    return r;
}

/* Decoded from guest memory, unless the last decode provably still holds (the length cache,
 * asked straight from the VMCB before the full addressing state is built). */
static int xvcpu__svm_decoded_len(xvcpu_vcpu *vcpu, unsigned *len)
{
    const xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    const xvcpu_vmcb_save *s = &svm->vmcb->save;
    xvcpu_x86_mode mode;
    unsigned code_bytes = (s->efer & XVCPU_IA32_EFER_LMA) && (s->cs.attrib & XVCPU__SVM_ATTR_L) ? 8
                          : (s->cs.attrib & XVCPU__SVM_ATTR_DB) ? 4 : 2;
    uint64_t linear = s->cs.base + s->rip;
    if (code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    if (xvcpu__len_cache_hit(&vcpu->x86.len_cache, linear, s->cr0, s->cr3, s->cr4, s->efer & ~XVCPU_IA32_EFER_SVME,
                             s->cpl & 3u, code_bytes, svm->stage2)) {
        vcpu->x86.len_cache.hits++;
        *len = vcpu->x86.len_cache.length;
        return XVCPU__GO_ON;
    }
    xvcpu__svm_mode(vcpu, &mode);
    return xvcpu__svm_fetch_result(xvcpu__x86_insn_length(vcpu, &mode, vcpu->arch.svm.stage2, len));
}

/* The length of the intercepted instruction at RIP: NRIP - RIP where the CPU saves the next RIP
 * (APM Vol. 2 15.7.1), else decoded from guest memory. Never a guess. XVCPU__GO_ON with *len
 * set, XVCPU__RESUME when the fetch raised an exception for the guest, or an error. */
XVCPU__HOT int xvcpu__svm_insn_len(xvcpu_vcpu *vcpu, unsigned *len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    if (svm->caps.nrips) {
        uint64_t n = svm->vmcb->control.next_rip - svm->vmcb->save.rip;
        if (n >= 1 && n <= 15) {
            *len = (unsigned)n;
            return XVCPU__GO_ON;
        }
    }
    return xvcpu__svm_decoded_len(vcpu, len);
}

/* Finish an instruction the library emulated: advance RIP past it. */
static int xvcpu__svm_skip(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__GO_ON)
        return r;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* An exit the VMM completes: the completion advances RIP by the instruction's length. */
static int xvcpu__svm_to_vmm(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__GO_ON)
        return r;
    vcpu->pending.insn_len = (uint8_t)len;
    return XVCPU__TO_VMM;
}

/* Emulated instructions take their length first: a fetch that raises an exception makes the guest
 * run the instruction again, which must then find its registers untouched. */
static int xvcpu__svm_cpuid(xvcpu_vcpu *vcpu)
{
    unsigned len;
    int st = xvcpu__svm_insn_len(vcpu, &len);
    if (st != XVCPU__GO_ON)
        return st;
    xvcpu__x86_cpuid(vcpu, &vcpu->arch.svm.vmcb->save.cr4);
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

static int xvcpu__svm_xsetbv(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    uint64_t xcr0 = 0;
    unsigned len = 0;
    int st, vector = xvcpu__x86_xsetbv_rule(vcpu, s->cr4, s->cpl & 3u, &xcr0);
    if (vector != 0)
        return xvcpu__svm_raise(vcpu, (uint8_t)vector);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
        return st;
    xvcpu__x86_set_xcr0(vcpu, xcr0);
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* GPRs by number; RSP lives in the VMCB. */
static uint64_t xvcpu__svm_gpr(const xvcpu_vcpu *vcpu, unsigned reg)
{
    return (reg & 15) == XVCPU_REG_RSP ? vcpu->arch.svm.vmcb->save.rsp : vcpu->gpr[reg & 15];
}

/* MOV to CR0, CLTS, LMSW; MOV to CR4 and CR8: the shared rules, then the VMCB. The CPU reads the
 * PDPTEs itself under nested paging; the rule only checks them (a bad one is #GP, as on VMX). CR8
 * is V_TPR (V_INTR_MASKING). */
static int xvcpu__svm_write_cr(xvcpu_vcpu *vcpu, unsigned cr, uint64_t value, unsigned len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    xvcpu__x86_ctl cur, next;
    uint64_t pdpte[4];
    bool loaded = false;
    int vector;
    cur.cr0 = s->cr0;
    cur.cr3 = s->cr3;
    cur.cr4 = s->cr4;
    cur.efer = s->efer & ~XVCPU_IA32_EFER_SVME;
    cur.cs_l = (s->cs.attrib & XVCPU__SVM_ATTR_L) != 0;
    if (cr == 8) {
        if ((vector = xvcpu__x86_cr8_rule(value)) != 0)
            return xvcpu__svm_raise(vcpu, (uint8_t)vector);
        svm->vmcb->control.v_intr = (svm->vmcb->control.v_intr & ~XVCPU_VMCB_V_INTR_V_TPR_MASK) | value;
        vcpu->x86.tpr = value;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
        xvcpu__svm_advance(vcpu, len);
        return XVCPU__RESUME;
    }
    vector = xvcpu__x86_cr_write_rule(vcpu, svm->stage2, cr, &cur, value, svm->cr4_allowed, &next, pdpte, &loaded);
    if (vector != 0)
        return xvcpu__svm_raise(vcpu, (uint8_t)vector);
    s->cr0 = next.cr0;
    s->cr4 = next.cr4;
    s->efer = next.efer | XVCPU_IA32_EFER_SVME;
    svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
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
    ram.cache = NULL;
    XVCPU_MEMCPY(g, vcpu->gpr, sizeof(g));
    g[XVCPU_REG_RSP] = vcpu->arch.svm.vmcb->save.rsp; /* gpr[RSP] is not kept current */
    linear = m->seg_base[insn->seg % 6] + xvcpu_x86_insn_offset(insn, g, m->rip);
    if (m->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    for (i = 0, w = 0; i < 2; i++) { /* byte by byte: the word may straddle a page */
        r = xvcpu__svm_fetch_result(xvcpu__x86_translate(vcpu, m, &ram, linear + i, 0, insn->seg, &gpa));
        if (r != XVCPU__GO_ON)
            return r;
        if ((p = (const uint8_t *)xvcpu__guest_ram_ptr(&ram, gpa, 1, XVCPU_ACCESS_READ)) == NULL)
            return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                                 "vCPU %u: LMSW reads %llx, which is not guest RAM", vcpu->id,
                                                 (unsigned long long)gpa));
        w = (uint16_t)(w | ((uint16_t)*p << (8 * i)));
    }
    *value = w;
    return XVCPU__GO_ON;
}

/* A write to CR0 (every write is intercepted, setup.c.h says why), CR4 or CR8. The operand comes
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
        if ((r = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
            return r;
        return xvcpu__svm_write_cr(vcpu, cr, value, len);
    }
    if ((r = xvcpu__svm_fetch(vcpu, &f)) != XVCPU__GO_ON)
        return r;
    xvcpu__svm_mode(vcpu, &m);
    reg = (f.insn.modrm >> 3) & 7;
    if (f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x22) {
        unsigned n = reg | ((f.insn.rex & 4u) << 1); /* REX.R */
        if (f.insn.lock && n == 0)
            n = 8; /* LOCK MOV CR0 is CR8 (AMD's AltMovCr8) */
        if (n != cr) /* the intercept names the register: anything else is not this exit */
            return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
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
        else if ((r = xvcpu__svm_read_word(vcpu, &m, &f.insn, &src)) != XVCPU__GO_ON)
            return r;
        value = xvcpu__x86_lmsw(cr0, src);
    } else if (cr == 0 && f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x06) {
        value = cr0 & ~XVCPU_CR0_TS; /* CLTS */
    } else {
        return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: CR%u write exit at an instruction that writes no CR%u "
                                             "(map %u opcode %x)", vcpu->id, cr, cr, (unsigned)f.insn.map,
                                             (unsigned)f.insn.opcode));
    }
    return xvcpu__svm_write_cr(vcpu, cr, value, f.insn.length);
}

/* A segment register from the VMCB (attributes already in the compressed form). The hidden
 * part decides, not the selector: a segment loaded in real mode stays usable after the switch to
 * protected mode; a null selector loaded in protected mode is saved with P = 0. */
static void xvcpu__svm_read_segment(xvcpu_vcpu *vcpu, unsigned seg, xvcpu__x86_segment *out)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    const xvcpu_vmcb_segment *v = seg == 0 ? &s->es : seg == 1 ? &s->cs : seg == 2 ? &s->ss
                                : seg == 3 ? &s->ds : seg == 4 ? &s->fs : &s->gs;
    out->base = v->base;
    out->limit = v->limit;
    out->attr = v->attrib;
    out->usable = (v->attrib & 0x80u) != 0;
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
        return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: IOIO exit with next RIP %llx for RIP %llx", vcpu->id,
                                             (unsigned long long)next, (unsigned long long)vmcb->save.rip));
    }
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->raw_info2 = next;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_PORT, info1);
    exit->u.io.width = width;
    exit->u.io.rep = (info1 & XVCPU_SVM_IOIO_EXITINFO1_REP) != 0;
    if (info1 & XVCPU_SVM_IOIO_EXITINFO1_STR) {
        /* the address size and OUTS segment when the CPU reports them (QEMU reports neither) */
        xvcpu__x86_strio io;
        xvcpu_x86_mode m;
        int r;
        io.addr_size = (info1 & XVCPU_SVM_IOIO_EXITINFO1_A64) ? 8 : (info1 & XVCPU_SVM_IOIO_EXITINFO1_A32) ? 4
                     : (info1 & XVCPU_SVM_IOIO_EXITINFO1_A16) ? 2 : 0;
        io.seg = vcpu->arch.svm.caps.decode_assists ? (int8_t)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_SEG, info1) : -1;
        io.read_segment = xvcpu__svm_read_segment;
        xvcpu__svm_mode(vcpu, &m);
        r = xvcpu__x86_string_io(vcpu, &m, vcpu->arch.svm.stage2, &io, exit);
        if (r == XVCPU__GO_ON) { /* REP with rCX = 0 transfers nothing */
            xvcpu__svm_advance(vcpu, len);
            return XVCPU__RESUME;
        }
        if (r == XVCPU__TO_VMM && exit->kind != XVCPU_EXIT_NESTED_PAGE_FAULT)
            vcpu->pending.insn_len = (uint8_t)len;
        return r;
    }
    if (!in)
        exit->u.io.data = xvcpu__x86_out_data(vcpu, width);
    vcpu->pending.insn_len = (uint8_t)len;
    return XVCPU__TO_VMM;
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
    uint64_t value = xvcpu__x86_edx_eax(vcpu);
    uint64_t *field = NULL;
    unsigned len = 0;
    int st;
    int route;

    if ((route = xvcpu__x86_msr_route(vcpu, msr, write, value, exit)) != XVCPU__MSR_BACKEND)
        return route == XVCPU__MSR_TO_VMM ? xvcpu__svm_to_vmm(vcpu)
               : route == XVCPU__MSR_DONE ? xvcpu__svm_skip(vcpu) : xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
        return st;
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) {
            /* SCE, LME, NXE are the guest's; LMA follows CR0.PG; SVME stays set in the VMCB for
             * VMRUN and is never the guest's (APM Vol. 2 15.5.1) */
            if (xvcpu__x86_efer_rule(s->cr0, s->efer & ~XVCPU_IA32_EFER_SVME, value,
                                     svm->efer_allowed & vcpu->x86.efer_view, &value) != 0)
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
            s->efer = value | XVCPU_IA32_EFER_SVME;
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
        } else {
            value = s->efer & ~XVCPU_IA32_EFER_SVME;
        }
        break;
    case XVCPU_MSR_IA32_PAT:
        if (write) {
            if (!xvcpu__x86_pat_valid(value))
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
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
        switch (xvcpu__x86_msr_arch(vcpu, msr, write, &value)) {
        case XVCPU__X86_MSR_DONE: break;
        case XVCPU__X86_MSR_TSC:
            svm->vmcb->control.tsc_offset = vcpu->x86.tsc_offset;
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_I; /* the TSC offset is in the intercepts group */
            break;
        default: return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
        }
        break;
    }
    if (field != NULL) { /* VMLOAD state: the trampoline's VMSAVE keeps it current in the VMCB */
        if (!write) {
            value = *field;
        } else {
            if (xvcpu__svm_msr_holds_address(msr) && !xvcpu__x86_canonical(value, s->cr4)) /* WRMSR of a non-canonical address: #GP */
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
            *field = msr == XVCPU_MSR_IA32_SYSENTER_CS || msr == XVCPU_MSR_IA32_FMASK ? value & 0xFFFFFFFFu : value;
        }
    }
    if (!write)
        xvcpu__x86_set_edx_eax(vcpu, value);
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
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
    return xvcpu__x86_stage2_fault(vcpu, svm->stage2, gpa, access, svm->event_reinjected, xvcpu__svm_mode, exit);
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
        return XVCPU__TO_VMM;
    }
    if (vmcb->control.exit_int_info & XVCPU_EVENTINJ_V)
        return XVCPU__RESUME; /* delivering another event, which is re-injected and faults again
                                      where the CPU now combines the two itself */
    if (vector == 14)
        xvcpu__x86_raise_page_fault(vcpu, (uint32_t)vmcb->control.exit_info1, vmcb->control.exit_info2);
    else
        xvcpu__x86_raise(vcpu, (uint8_t)vector, (uint32_t)vmcb->control.exit_info1);
    return XVCPU__RESUME;
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
    case XVCPU_SVM_EXIT_CR0_WRITE:
        return xvcpu__svm_cr_write(vcpu, 0);
    case XVCPU_SVM_EXIT_CR4_WRITE:
        return xvcpu__svm_cr_write(vcpu, 4);
    case XVCPU_SVM_EXIT_CR8_WRITE:
        return xvcpu__svm_cr_write(vcpu, 8);
    case XVCPU_SVM_EXIT_HLT:
        if (XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, vmcb->save.rflags))
            return xvcpu__svm_skip(vcpu);
        exit->kind = XVCPU_EXIT_HALT;
        exit->u.halt.interrupts_masked = (vmcb->save.rflags & XVCPU_RFLAGS_IF) == 0;
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_VMMCALL:
        xvcpu__x86_hypercall_exit(vcpu, vmcb->save.cpl, exit);
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_NPF:
        return xvcpu__svm_npf(vcpu, exit);
    case XVCPU_SVM_EXIT_INTR: /* still pending: the host takes it after STGI (APM Vol. 2 15.13.1) */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 0;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_NMI: /* a host NMI: the host must handle it */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 2;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_EXCP8: /* deliver it, watching for a fault on the way (replaces what the
                                  exit interrupted: the #DF is what the CPU delivers now) */
        vmcb->control.event_inj = 0;
        svm->event_reinjected = false;
        svm->injected = XVCPU__SVM_INJECTED_NONE;
        xvcpu__x86_raise(vcpu, 8, 0);
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_EXCP10: case XVCPU_SVM_EXIT_EXCP11: case XVCPU_SVM_EXIT_EXCP12:
    case XVCPU_SVM_EXIT_EXCP13: case XVCPU_SVM_EXIT_EXCP14:
        return xvcpu__svm_exception(vcpu, (unsigned)(code - XVCPU_SVM_EXIT_EXCP0), exit);
    case XVCPU_SVM_EXIT_SHUTDOWN: /* triple fault and other shutdown conditions (APM Vol. 2 15.12) */
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_VINTR: /* the guest can take an interrupt now: drop the window */
        vmcb->control.v_intr &= ~(XVCPU_VMCB_V_INTR_V_IRQ | XVCPU_VMCB_V_INTR_V_IGN_TPR |
                                  XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK);
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_VINTR, false);
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_IRET: /* the IRET (not yet executed) that will unblock NMIs */
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, false);
        svm->awaiting_iret = true;
        svm->iret_rip = vmcb->save.rip;
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_INIT: /* a physical INIT, left pending for the host (APM Vol. 2 15.13.3) */
        exit->kind = XVCPU_EXIT_NOTHING;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_INVD:
    case XVCPU_SVM_EXIT_WBINVD:
        return xvcpu__svm_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_SVM_EXIT_RDPMC: { /* the shared rule */
        int vector = xvcpu__x86_rdpmc_rule(vcpu, vmcb->save.cr4, vmcb->save.cpl);
        return vector != 0 ? xvcpu__svm_raise(vcpu, (uint8_t)vector) : xvcpu__svm_skip(vcpu);
    }
    case XVCPU_SVM_EXIT_VMRUN: case XVCPU_SVM_EXIT_VMLOAD: case XVCPU_SVM_EXIT_VMSAVE:
    case XVCPU_SVM_EXIT_STGI: case XVCPU_SVM_EXIT_CLGI: case XVCPU_SVM_EXIT_SKINIT:
    case XVCPU_SVM_EXIT_INVLPGA: case XVCPU_SVM_EXIT_MONITOR: case XVCPU_SVM_EXIT_MWAIT:
    case XVCPU_SVM_EXIT_MWAIT_CONDITIONAL:
        return xvcpu__svm_raise(vcpu, XVCPU__VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        return xvcpu__x86_unhandled(exit);
    }
}
