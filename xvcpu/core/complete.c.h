/* Completing an exit: write the result where the architecture puts it and advance RIP. */

/* Write `value` to GPR `reg` with x86 semantics: 8- and 16-bit writes merge, a 32-bit write
 * zero-extends into the 64-bit register, a 64-bit write replaces it. AH..BH address bits 15:8. */
static void xvcpu__gpr_write(xvcpu_vcpu *vcpu, unsigned reg, unsigned width, uint64_t value)
{
    uint64_t *r;
    if (reg >= XVCPU_REG_AH && reg <= XVCPU_REG_BH) {
        r = &vcpu->gpr[reg - XVCPU_REG_AH];
        *r = (*r & ~0xFF00ull) | ((value & 0xFF) << 8);
        return;
    }
    XVCPU_ASSERT(reg < 16);
    r = &vcpu->gpr[reg & 15];
    switch (width) {
    case 1: *r = (*r & ~0xFFull) | (value & 0xFF); break;
    case 2: *r = (*r & ~0xFFFFull) | (value & 0xFFFF); break;
    case 4: *r = value & 0xFFFFFFFFull; break;
    default: *r = value; break;
    }
    if ((reg & 15) == XVCPU_REG_RSP)
        vcpu->rsp_dirty = vcpu->entry_work = true;
}

/* Check that the open exit is `kind`; name both kinds when it is not. The check is inline (every
 * completion pays it); the texts are not. */
static __attribute__((__noinline__)) xvcpu_err xvcpu__need_pending_fail(xvcpu_vcpu *vcpu, const char *fn,
                                                                       xvcpu_exit_kind kind)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!vcpu->pending.open)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u has no open exit", fn,
                           vcpu->id);
    if (kind != XVCPU_EXIT_KIND_COUNT && vcpu->pending.exit.kind != kind)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u: the open exit is %s, not %s",
                           fn, vcpu->id, xvcpu_exit_kind_name(vcpu->pending.exit.kind), xvcpu_exit_kind_name(kind));
    return XVCPU_OK;
}

XVCPU__HOT xvcpu_err xvcpu__need_pending(xvcpu_vcpu *vcpu, const char *fn, xvcpu_exit_kind kind)
{
    if (xvcpu__vcpu_live(vcpu) && vcpu->pending.open &&
        (kind == XVCPU_EXIT_KIND_COUNT || vcpu->pending.exit.kind == kind))
        return XVCPU_OK;
    return xvcpu__need_pending_fail(vcpu, fn, kind);
}

/* Completing port I/O is the access its I/O breakpoints watch (checked where RIP moves on). */
static void xvcpu__finish(xvcpu_vcpu *vcpu)
{
    const xvcpu_exit *e = &vcpu->pending.exit;
    if ((e->kind == XVCPU_EXIT_IO_READ || e->kind == XVCPU_EXIT_IO_WRITE) && !e->u.io.string) {
        vcpu->x86.access.addr = e->u.io.port;
        vcpu->x86.access.len = e->u.io.width;
        vcpu->x86.access.kind = XVCPU__BP_IO;
        vcpu->x86.access.seg = -1;
    }
    vcpu->rip_advance += vcpu->pending.insn_len;
    vcpu->entry_work = true;
    vcpu->pending.insn_len = 0;
    vcpu->pending.open = false;
}

XVCPU_DEF xvcpu_err xvcpu_complete_io_read(xvcpu_vcpu *vcpu, uint32_t value)
{
    static const char fn[] = "xvcpu_complete_io_read";
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_IO_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->pending.exit.u.io.string)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the exit is string I/O (INS); use xvcpu_complete_string_io", fn, vcpu->id);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RAX, vcpu->pending.exit.u.io.width, value);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

static uint64_t xvcpu__addr_mask(unsigned size)
{
    return size == 8 ? ~0ull : ((1ull << (8 * size)) - 1);
}

/* Step a string-instruction address/count register by `delta` at address size `size` bytes: a
 * 16-bit size keeps bits 63:16, a 32-bit one zero-extends, as a write of CX/ECX does. */
static void xvcpu__addr_reg_add(xvcpu_vcpu *vcpu, unsigned reg, unsigned size, uint64_t delta)
{
    uint64_t mask = xvcpu__addr_mask(size);
    uint64_t v = (vcpu->gpr[reg] + delta) & mask;
    if (size == 2)
        vcpu->gpr[reg] = (vcpu->gpr[reg] & ~0xFFFFull) | v;
    else
        vcpu->gpr[reg] = v;
}

XVCPU_DEF xvcpu_err xvcpu_complete_string_io(xvcpu_vcpu *vcpu, uint64_t done)
{
    static const char fn[] = "xvcpu_complete_string_io";
    const xvcpu_exit *e;
    uint64_t step;
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    e = &vcpu->pending.exit;
    if ((e->kind != XVCPU_EXIT_IO_READ && e->kind != XVCPU_EXIT_IO_WRITE) || !e->u.io.string)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the open exit is %s, not string I/O", fn, vcpu->id,
                           xvcpu_exit_kind_name(e->kind));
    if (done > e->u.io.count)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: done %llu exceeds the exit's count %llu", fn, vcpu->id,
                           (unsigned long long)done, (unsigned long long)e->u.io.count);
    step = done * e->u.io.width;
    if (e->u.io.down)
        step = (uint64_t)0 - step;
    xvcpu__addr_reg_add(vcpu, e->kind == XVCPU_EXIT_IO_READ ? XVCPU_REG_RDI : XVCPU_REG_RSI,
                        e->u.io.addr_size, step);
    if (e->u.io.rep)
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RCX, e->u.io.addr_size, (uint64_t)0 - done);
    /* the instruction is over when its count register reaches 0 (a pass may be cut at a page or
     * segment end: then the guest executes it again for the rest) */
    if (e->u.io.rep ? (vcpu->gpr[XVCPU_REG_RCX] & xvcpu__addr_mask(e->u.io.addr_size)) == 0 : done == 1) {
        xvcpu__finish(vcpu);
    } else {
        /* the guest re-executes the instruction for the rest; with TF set the iteration traps
         * (single-step after each iteration of a REP string instruction) */
        vcpu->pending.open = false;
        vcpu->iteration_done = vcpu->entry_work = true;
    }
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_mmio_read(xvcpu_vcpu *vcpu, uint64_t value)
{
    const xvcpu_exit *e;
    unsigned bits;
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_mmio_read", XVCPU_EXIT_MMIO_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_MMIO_READ, value);
    e = &vcpu->pending.exit;
    if (vcpu->x86.emu.active) { /* a read-modify-write or string instruction: the library goes on */
        vcpu->x86.emu.value = value;
        vcpu->x86.emu.have_value = true;
        vcpu->pending.open = false;
        return XVCPU_OK;
    }
    bits = 8u * e->u.mmio_read.width;
    if (bits < 64) {
        uint64_t mask = (1ull << bits) - 1;
        value &= mask;
        if (e->u.mmio_read.signed_ext && (value >> (bits - 1)) != 0)
            value |= ~mask;
    }
    xvcpu__gpr_write(vcpu, e->u.mmio_read.reg, e->u.mmio_read.reg_width, value);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_sysreg_read(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_sysreg_read", XVCPU_EXIT_SYSREG_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_SYSREG_READ, value);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RAX, 4, value & 0xFFFFFFFFu);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RDX, 4, value >> 32);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_hypercall(xvcpu_vcpu *vcpu, uint64_t result)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_hypercall", XVCPU_EXIT_HYPERCALL);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_HYPERCALL, result);
    vcpu->gpr[XVCPU_REG_RAX] = result;
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

/* Completing a HLT executed with interrupts masked (RFLAGS.IF = 0) does not end the halt: only an
 * NMI, SMI or INIT would (SDM Vol. 2A HLT, Vol. 3A 6.7.1; APM Vol. 3 HLT), and here also an
 * exception the VMM queues. The next run checks what is queued (xvcpu__still_halted). */
static void xvcpu__finish_masked_halt(xvcpu_vcpu *vcpu)
{
    vcpu->halted_masked = true;
    vcpu->halted_len = vcpu->pending.insn_len;
    vcpu->pending.insn_len = 0;
    vcpu->pending.open = false;
}

/* A run of a vCPU halted with interrupts masked: an NMI or exception ends the HLT (RIP moves past
 * it, the event is delivered there); otherwise the vCPU stays halted and the run returns the
 * HALT exit again at once, without entering the guest (a maskable interrupt stays queued). */
static bool xvcpu__still_halted(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    vcpu->halted_masked = false;
    if (vcpu->events.nmi_pending || vcpu->events.exception_pending) {
        vcpu->rip_advance += vcpu->halted_len;
        return false;
    }
    xvcpu__exit_copy(exit, &vcpu->pending.exit); /* still the HALT exit, which completing left in place */
    vcpu->pending.insn_len = vcpu->halted_len;
    vcpu->pending.open = true;
    return true;
}

XVCPU_DEF xvcpu_err xvcpu_complete(xvcpu_vcpu *vcpu)
{
    static const char fn[] = "xvcpu_complete";
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (xvcpu__exit_needs_value(&vcpu->pending.exit) && vcpu->pending.exit.kind != XVCPU_EXIT_MMIO_UNSUPPORTED)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the %s exit needs its own completion call", fn, vcpu->id,
                           xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    if (vcpu->pending.exit.kind == XVCPU_EXIT_SYSTEM_DOWN)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u is shut down (SYSTEM_DOWN); nothing to complete", fn, vcpu->id);
    if (vcpu->pending.exit.kind == XVCPU_EXIT_HALT && vcpu->pending.exit.u.halt.interrupts_masked)
        xvcpu__finish_masked_halt(vcpu);
    else
        xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_retry(xvcpu_vcpu *vcpu)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_retry", XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->pending.exit.kind == XVCPU_EXIT_SYSTEM_DOWN || vcpu->x86.emu.active)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_complete_retry: vCPU %u: the %s exit cannot be retried", vcpu->id,
                           xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    vcpu->pending.open = false; /* RIP stays: the guest executes the instruction again */
    vcpu->x86.access.len = 0;
    return XVCPU_OK;
}

static bool xvcpu__x86_fault_during_delivery(xvcpu_vcpu *vcpu, uint8_t *vector, uint32_t *error_code);

XVCPU_DEF xvcpu_err xvcpu_complete_fault(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_fault", XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_KIND_COUNT, ((uint64_t)vector << 32) | error_code);
    if (vcpu->pending.insn_len == 0 && !vcpu->x86.emu.active &&
        vcpu->pending.exit.kind != XVCPU_EXIT_MMIO_UNSUPPORTED && vcpu->pending.exit.kind != XVCPU_EXIT_TASK_SWITCH)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_complete_fault: vCPU %u: the %s exit is not an instruction that can fault",
                           vcpu->id, xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    if (!xvcpu_x86_exception_valid(vector) || (!xvcpu_x86_exception_has_error_code(vector) && error_code != 0) ||
        vcpu->events.exception_pending)
        return xvcpu_inject_exception(vcpu, vector, error_code); /* refused there, with the reason */
    if (vcpu->pending.exit.kind == XVCPU_EXIT_MMIO_UNSUPPORTED && !xvcpu__x86_fault_during_delivery(vcpu, &vector, &error_code)) {
        vcpu->events.shutdown = vcpu->entry_work = true; /* a fault while delivering #DF */
        vcpu->pending.open = false;
        return XVCPU_OK;
    }
    err = xvcpu_inject_exception(vcpu, vector, error_code);
    if (err == XVCPU_OK) {
        vcpu->pending.open = false;
        vcpu->x86.emu.active = false; /* an emulated MMIO instruction ends in the fault */
        vcpu->x86.access.len = 0;     /* a faulting instruction hits no data breakpoint */
    }
    return err;
}
