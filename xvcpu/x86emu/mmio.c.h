/* MMIO: stage-2 faults inside VMM-registered regions become MMIO_READ / MMIO_WRITE exits. The
 * library fetches and decodes the faulting instruction; plain loads and stores are one exit each,
 * completed by the VMM; read-modify-write forms (ALU, XCHG, BT*) and string forms (MOVS, STOS) are
 * emulated here as a sequence of exits, with RFLAGS computed as the CPU would. */

/* Where an emulation stands (xvcpu_x86_emulation.step). */
enum {
    XVCPU__EMU_READ = 1,     /* waiting for the VMM's answer to the MMIO read */
    XVCPU__EMU_WRITE,        /* the result was written: finish the instruction */
    XVCPU__EMU_STRING_WRITE  /* one MOVS/STOS element was written: step the registers */
};

/* The marker in mmio_read.reg when the library consumes the value itself. */
#define XVCPU_MMIO_REG_INTERNAL 0xFF

static uint64_t xvcpu__width_mask(unsigned bytes)
{
    return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* Register operand `reg` (xvcpu_reg numbering, AH..BH included), `bytes` wide. */
static uint64_t xvcpu__x86_reg(xvcpu_vcpu *vcpu, int reg, unsigned bytes)
{
    uint64_t v = 0;
    if (reg >= XVCPU_REG_AH && reg <= XVCPU_REG_BH)
        return (vcpu->gpr[reg - XVCPU_REG_AH] >> 8) & 0xFF;
    (void)xvcpu_vcpu_get_reg(vcpu, (xvcpu_reg)(reg & 15), &v); /* RSP may live in the VMCS */
    return v & xvcpu__width_mask(bytes);
}

/* A segment's base, read from the VMCS/VMCB the first time an operand needs it. */
static uint64_t xvcpu__x86_seg_base(xvcpu_x86_mode *m, unsigned seg)
{
    if (!(m->seg_have & (1u << seg))) {
        m->seg_base[seg] = m->read_seg_base(seg);
        m->seg_have = (uint8_t)(m->seg_have | (1u << seg));
    }
    return m->seg_base[seg];
}

static uint64_t xvcpu__x86_linear(xvcpu_x86_mode *m, unsigned seg, uint64_t offset)
{
    uint64_t l = xvcpu__x86_seg_base(m, seg < 6 ? seg : 3) + offset;
    return m->code_bytes == 8 ? l : (l & 0xFFFFFFFFu);
}

/* RFLAGS, read now if the backend left it out of the mode. */
static uint64_t xvcpu__x86_mode_rflags(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    if (!m->rflags_valid) {
        uint64_t v = 0;
        (void)vcpu->backend->get_reg(vcpu, XVCPU_REG_RFLAGS, &v);
        m->rflags = v;
        m->rflags_valid = true;
    }
    return m->rflags;
}

/* The access the data breakpoints see when the instruction completes: `offset` in segment `seg`,
 * made linear now if the base is at hand, else only if a breakpoint is enabled then. */
static void xvcpu__x86_note_access(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m, unsigned seg, uint64_t offset,
                                   const xvcpu_x86_insn *in)
{
    xvcpu__x86_access *a = &vcpu->x86.access;
    unsigned s = seg < 6 ? seg : 3;
    a->len = (uint8_t)in->mem_bytes;
    a->kind = in->mem_is_dest ? XVCPU__BP_WRITE : XVCPU__BP_READ;
    a->wrap32 = m->code_bytes != 8;
    if (m->seg_have & (1u << s)) {
        a->addr = xvcpu__x86_linear(m, s, offset);
        a->seg = -1;
    } else {
        a->addr = offset;
        a->seg = (int8_t)s;
        a->read_seg_base = m->read_seg_base;
    }
}

static void xvcpu__mmio_read_exit(xvcpu_exit *exit, uint64_t gpa, unsigned width, unsigned reg, unsigned reg_width,
                                  bool sign)
{
    exit->kind = XVCPU_EXIT_MMIO_READ;
    exit->u.mmio_read.addr = gpa;
    exit->u.mmio_read.width = (uint8_t)width;
    exit->u.mmio_read.reg = (uint8_t)reg;
    exit->u.mmio_read.reg_width = (uint8_t)reg_width;
    exit->u.mmio_read.signed_ext = sign;
}

static void xvcpu__mmio_write_exit(xvcpu_exit *exit, uint64_t gpa, unsigned width, uint64_t data)
{
    exit->kind = XVCPU_EXIT_MMIO_WRITE;
    exit->u.mmio_write.addr = gpa;
    exit->u.mmio_write.width = (uint8_t)width;
    exit->u.mmio_write.data = data & xvcpu__width_mask(width);
}

static xvcpu__mmio_result xvcpu__mmio_unsupported(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t gpa, uint32_t access,
                                                  const xvcpu__fetched *f, bool decoded, const char *why)
{
    exit->kind = XVCPU_EXIT_MMIO_UNSUPPORTED;
    exit->u.mmio_unsupported.addr = gpa;
    exit->u.mmio_unsupported.access = access;
    exit->u.mmio_unsupported.insn_len = decoded ? f->insn.length : 0;
    exit->u.mmio_unsupported.fetched = f->count;
    XVCPU_MEMCPY(exit->u.mmio_unsupported.bytes, f->bytes, f->count);
    exit->u.mmio_unsupported.why = why;
    vcpu->pending.insn_len = decoded ? f->insn.length : 0; /* what xvcpu_complete() skips */
    return XVCPU__MMIO_EXIT;
}

static bool xvcpu__x86_is_string(xvcpu_x86_op op)
{
    return op == XVCPU_X86_OP_MOVS || op == XVCPU_X86_OP_STOS;
}

/* A stage-2 fault at `gpa` with `access` (XVCPU_ACCESS_*), the guest in `mode`. `delivering`: the
 * fault interrupted the delivery of an event (IDT-vectoring / EXITINTINFO valid), so the access
 * was the CPU's own (IDT, TSS, stack), not the instruction's. */
static xvcpu__mmio_result xvcpu__x86_mmio_fault(xvcpu_vcpu *vcpu, xvcpu_x86_mode *mode,
                                                const struct xvcpu_stage2 *s2, uint64_t gpa, uint32_t access,
                                                bool delivering, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    const xvcpu_x86_insn *in;
    xvcpu__fetched f;
    xvcpu__guest_ram ram;
    xvcpu__fetch_result walk;
    uint64_t gprs[16], offset, lin, at;
    unsigned i, seg;

    if (!xvcpu__in_mmio_region(vcpu, gpa))
        return XVCPU__MMIO_NOT_MMIO;
    f.count = 0;
    if (delivering)
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, false,
                                       "the access delivers an event (IDT, TSS or stack in MMIO)");
    switch (xvcpu__x86_fetch(vcpu, mode, s2, &f)) {
    case XVCPU__FETCH_RAISED: return XVCPU__MMIO_REENTER;
    case XVCPU__FETCH_FAILED:
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, false, "the code is not in guest RAM");
    case XVCPU__FETCH_OK: break;
    }
    in = &f.insn;
    /* (a register operand the decoder did not name would be a decoder bug: refuse, never guess) */
    if (f.status != XVCPU_X86_DECODE_OK || in->op == XVCPU_X86_OP_VMOV ||
        (!in->has_imm && !xvcpu__x86_is_string(in->op) && in->reg < 0))
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "unsupported instruction");
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    ram.cache = NULL;
    for (i = 0; i < 16; i++) /* RSP only when the address uses it (it may live in the VMCS) */
        gprs[i] = vcpu->gpr[i];
    if (in->base == XVCPU_REG_RSP || in->index == XVCPU_REG_RSP)
        gprs[XVCPU_REG_RSP] = xvcpu__x86_reg(vcpu, XVCPU_REG_RSP, 8);

    emu->insn = *in;
    emu->s2 = s2;
    emu->have_value = false;
    if (in->op != XVCPU_X86_OP_MOV && in->op != XVCPU_X86_OP_MOVZX && in->op != XVCPU_X86_OP_MOVSX &&
        in->op != XVCPU_X86_OP_MOVSXD)
        emu->rflags = xvcpu__x86_mode_rflags(vcpu, mode); /* the flags ALU and string forms use */
    if (xvcpu__x86_is_string(in->op)) {
        /* one element per pass: the source at seg:rSI (MOVS), the destination at ES:rDI */
        uint64_t amask = xvcpu__width_mask(in->addr_bytes), src = 0, dst;
        if (in->rep && (gprs[XVCPU_REG_RCX] & amask) == 0)
            return XVCPU__MMIO_REENTER; /* nothing to do: the CPU would not have accessed memory */
        walk = xvcpu__x86_translate(vcpu, mode, &ram, xvcpu__x86_linear(mode, 0, gprs[XVCPU_REG_RDI] & amask),
                                    XVCPU_X86_WALK_WRITE, 0, &dst);
        if (walk == XVCPU__FETCH_OK && in->op == XVCPU_X86_OP_MOVS)
            walk = xvcpu__x86_translate(vcpu, mode, &ram, xvcpu__x86_linear(mode, in->seg, gprs[XVCPU_REG_RSI] & amask),
                                        0, in->seg, &src);
        if (walk == XVCPU__FETCH_RAISED)
            return XVCPU__MMIO_REENTER;
        if (walk == XVCPU__FETCH_FAILED)
            return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "page tables not in guest RAM");
        if (((dst & 0xFFF) + in->op_bytes > 0x1000) || ((src & 0xFFF) + in->op_bytes > 0x1000))
            return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "access crosses a page boundary");
        emu->src_mmio = in->op == XVCPU_X86_OP_MOVS && xvcpu__in_mmio_region(vcpu, src);
        emu->dst_mmio = xvcpu__in_mmio_region(vcpu, dst);
        if (!emu->src_mmio && !emu->dst_mmio) {
            /* the CPU used a translation the tables no longer give (as for one operand, below):
             * its address counts for the side with the same page offset, else the guest retries */
            if ((dst & 0xFFF) == (gpa & 0xFFF)) {
                dst = gpa;
                emu->dst_mmio = true;
            } else if (in->op == XVCPU_X86_OP_MOVS && (src & 0xFFF) == (gpa & 0xFFF)) {
                src = gpa;
                emu->src_mmio = true;
            } else {
                return XVCPU__MMIO_REENTER;
            }
        }
        emu->gpa = src;
        emu->gpa2 = dst;
        emu->active = true;
        if (emu->src_mmio) {
            emu->step = XVCPU__EMU_READ;
            xvcpu__mmio_read_exit(exit, src, in->op_bytes, XVCPU_MMIO_REG_INTERNAL, in->op_bytes, false);
            return XVCPU__MMIO_EXIT;
        }
        if (in->op == XVCPU_X86_OP_MOVS) { /* RAM to device */
            const void *p = xvcpu__guest_ram_ptr(&ram, src, in->op_bytes, XVCPU_ACCESS_READ);
            emu->value = 0;
            if (p == NULL) {
                emu->active = false;
                return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "string source is not guest RAM");
            }
            XVCPU_MEMCPY(&emu->value, p, in->op_bytes);
        } else {
            emu->value = gprs[XVCPU_REG_RAX];
        }
        emu->step = XVCPU__EMU_STRING_WRITE;
        xvcpu__mmio_write_exit(exit, dst, in->op_bytes, emu->value);
        return XVCPU__MMIO_EXIT;
    }

    /* one memory operand (for BT* m, r the word the bit offset selects): its address must be the
     * one that faulted */
    offset = xvcpu_x86_insn_offset(in, gprs, mode->rip);
    seg = in->seg;
    at = gpa;
    if (mode->cr0 & XVCPU_CR0_PG) {
        lin = xvcpu__x86_linear(mode, seg, offset);
        walk = xvcpu__x86_translate(vcpu, mode, &ram, lin, in->mem_is_dest ? XVCPU_X86_WALK_WRITE : 0, seg, &at);
        if (walk == XVCPU__FETCH_RAISED)
            return XVCPU__MMIO_REENTER;
        if (walk == XVCPU__FETCH_FAILED)
            return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "page tables not in guest RAM");
        if ((at >> 12) != (gpa >> 12)) {
            /* The tables in memory say another page than the CPU used: it may hold a translation
             * the guest changed without INVLPG. The CPU's is what the guest gets; a different
             * offset means the guest changed its mappings meanwhile: let it run the instruction
             * again. */
            if ((at & 0xFFF) != (gpa & 0xFFF))
                return XVCPU__MMIO_REENTER;
            at = gpa;
        }
    }
    /* (without paging the linear address is the guest-physical one the CPU faulted on: no walk,
     * and the segment base is not needed) */
    if ((at & 0xFFF) + in->mem_bytes > 0x1000)
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "access crosses a page boundary");
    xvcpu__x86_note_access(vcpu, mode, seg, offset, in);

    switch (in->op) {
    case XVCPU_X86_OP_MOV:
    case XVCPU_X86_OP_MOVZX:
    case XVCPU_X86_OP_MOVSX:
    case XVCPU_X86_OP_MOVSXD:
        vcpu->pending.insn_len = in->length;
        if (in->mem_to_reg) {
            xvcpu__mmio_read_exit(exit, at, in->mem_bytes, (unsigned)in->reg, in->op_bytes,
                                  in->op == XVCPU_X86_OP_MOVSX || in->op == XVCPU_X86_OP_MOVSXD);
        } else {
            uint64_t data = in->has_imm ? in->imm : xvcpu__x86_reg(vcpu, in->reg, in->mem_bytes);
            xvcpu__mmio_write_exit(exit, at, in->mem_bytes, data);
        }
        return XVCPU__MMIO_EXIT;
    default: /* ALU, TEST, BT*, XCHG: read, compute, maybe write */
        emu->gpa = at;
        emu->active = true;
        emu->step = XVCPU__EMU_READ;
        xvcpu__mmio_read_exit(exit, at, in->mem_bytes, XVCPU_MMIO_REG_INTERNAL, in->mem_bytes, false);
        return XVCPU__MMIO_EXIT;
    }
}

/* The instruction is done: RIP moves past it. */
static xvcpu__mmio_result xvcpu__emu_done(xvcpu_vcpu *vcpu)
{
    vcpu->rip_advance += vcpu->x86.emu.insn.length;
    vcpu->entry_work = true;
    vcpu->x86.emu.active = false;
    return XVCPU__MMIO_REENTER;
}

/* One MOVS/STOS element moved: step rSI/rDI by the element size in the DF direction and count
 * rCX down under REP. The guest runs the instruction again for the next element (so interrupts
 * are taken between elements, as on the CPU); RIP moves on after the last. */
static xvcpu__mmio_result xvcpu__emu_string_step(xvcpu_vcpu *vcpu)
{
    const xvcpu_x86_insn *in = &vcpu->x86.emu.insn;
    uint64_t step = in->op_bytes;
    if (vcpu->x86.emu.rflags & XVCPU_RFLAGS_DF)
        step = (uint64_t)0 - step;
    if (in->op == XVCPU_X86_OP_MOVS)
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RSI, in->addr_bytes, step);
    xvcpu__addr_reg_add(vcpu, XVCPU_REG_RDI, in->addr_bytes, step);
    if (in->rep) {
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RCX, in->addr_bytes, (uint64_t)0 - 1);
        if ((vcpu->gpr[XVCPU_REG_RCX] & xvcpu__width_mask(in->addr_bytes)) != 0) {
            vcpu->x86.emu.active = false;
            return XVCPU__MMIO_REENTER;
        }
    }
    return xvcpu__emu_done(vcpu);
}

/* The VMM answered the read of a read-modify-write or string instruction: carry on. */
static xvcpu__mmio_result xvcpu__emu_after_read(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    const xvcpu_x86_insn *in = &emu->insn;
    uint64_t mem = emu->value & xvcpu__width_mask(in->mem_bytes), result;
    if (in->op == XVCPU_X86_OP_MOVS) {
        if (emu->dst_mmio) {
            emu->step = XVCPU__EMU_STRING_WRITE;
            xvcpu__mmio_write_exit(exit, emu->gpa2, in->op_bytes, mem);
            return XVCPU__MMIO_EXIT;
        } else {
            xvcpu__guest_ram ram;
            void *p;
            ram.hal = vcpu->hal;
            ram.s2 = emu->s2;
            ram.cache = NULL;
            p = xvcpu__guest_ram_ptr(&ram, emu->gpa2, in->op_bytes, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE);
            if (p == NULL) { /* unmapped meanwhile: the guest runs the instruction again */
                emu->active = false;
                return XVCPU__MMIO_REENTER;
            }
            XVCPU_MEMCPY(p, &mem, in->op_bytes);
            return xvcpu__emu_string_step(vcpu);
        }
    }
    if (in->op == XVCPU_X86_OP_XCHG) {
        emu->step = XVCPU__EMU_WRITE;
        xvcpu__mmio_write_exit(exit, emu->gpa, in->mem_bytes, xvcpu__x86_reg(vcpu, in->reg, in->mem_bytes));
        return XVCPU__MMIO_EXIT;
    }
    {
        xvcpu_x86_alu_op op = (xvcpu_x86_alu_op)(in->op - XVCPU_X86_OP_ADD);
        bool bit_op = in->op >= XVCPU_X86_OP_BT && in->op <= XVCPU_X86_OP_BTC;
        uint64_t other = in->has_imm ? in->imm : xvcpu__x86_reg(vcpu, in->reg, in->op_bytes);
        bool reg_is_dest = !bit_op && in->mem_to_reg;
        if (bit_op)
            other &= 8u * in->op_bytes - 1;
        result = reg_is_dest ? xvcpu_x86_alu(op, in->op_bytes, other, mem, &emu->rflags)
                             : xvcpu_x86_alu(op, in->op_bytes, mem, other, &emu->rflags);
        (void)vcpu->backend->set_reg(vcpu, XVCPU_REG_RFLAGS, emu->rflags);
        if (in->op == XVCPU_X86_OP_CMP || in->op == XVCPU_X86_OP_TEST || in->op == XVCPU_X86_OP_BT)
            return xvcpu__emu_done(vcpu);
        if (reg_is_dest) {
            xvcpu__gpr_write(vcpu, (unsigned)in->reg, in->op_bytes, result);
            return xvcpu__emu_done(vcpu);
        }
        emu->step = XVCPU__EMU_WRITE;
        xvcpu__mmio_write_exit(exit, emu->gpa, in->mem_bytes, result);
        return XVCPU__MMIO_EXIT;
    }
}

/* Called by xvcpu_vcpu_run() while an emulation is under way, after the VMM completed its exit. */
static xvcpu__mmio_result xvcpu__x86_emu_continue(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    xvcpu__mmio_result r;
    switch (emu->step) {
    case XVCPU__EMU_READ:
        r = xvcpu__emu_after_read(vcpu, exit);
        break;
    case XVCPU__EMU_WRITE:
        if (emu->insn.op == XVCPU_X86_OP_XCHG)
            xvcpu__gpr_write(vcpu, (unsigned)emu->insn.reg, emu->insn.op_bytes, emu->value);
        r = xvcpu__emu_done(vcpu);
        break;
    default:
        r = xvcpu__emu_string_step(vcpu);
        break;
    }
    if (r == XVCPU__MMIO_EXIT) { /* the same hardware exit, still being answered */
        exit->raw_reason = vcpu->pending.exit.raw_reason;
        exit->raw_reason_name = vcpu->pending.exit.raw_reason_name;
        exit->raw_qualification = vcpu->pending.exit.raw_qualification;
        exit->raw_info2 = vcpu->pending.exit.raw_info2;
    }
    return r;
}
