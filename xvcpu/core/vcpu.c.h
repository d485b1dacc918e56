/* The vCPU state machine. Each call checks the state first; a refused call changes nothing. */

#define XVCPU__VCPU_MAGIC 0x78766370u /* "xvcp" */

static bool xvcpu__vcpu_live(const xvcpu_vcpu *vcpu)
{
    return vcpu != NULL && vcpu->magic == XVCPU__VCPU_MAGIC;
}

/* Refuse unless the vCPU is in `need` (or `alt`, when alt != need). A vCPU that was never
 * created, or was destroyed, is Invalid whatever its memory holds. */
static xvcpu_err xvcpu__need_state(xvcpu_vcpu *vcpu, const char *fn, xvcpu_state need, xvcpu_state alt)
{
    xvcpu_state now;
    const xvcpu_hal *hal;
    if (vcpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    now = xvcpu__vcpu_live(vcpu) ? vcpu->state : XVCPU_STATE_INVALID;
    hal = xvcpu__vcpu_live(vcpu) ? vcpu->hal : NULL;
    if (now == need || now == alt)
        return XVCPU_OK;
    if (alt != need)
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs %s or %s", fn,
                           vcpu->id, xvcpu_state_name(now), xvcpu_state_name(need), xvcpu_state_name(alt));
    return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs %s", fn, vcpu->id,
                       xvcpu_state_name(now), xvcpu_state_name(need));
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_create(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu, uint32_t id)
{
    xvcpu_err err;
    if (vcpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__vcpu_live(vcpu))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_create: vCPU %u is %s, needs Invalid", vcpu->id,
                           xvcpu_state_name(vcpu->state));
    XVCPU_MEMSET(vcpu, 0, sizeof(*vcpu));
    vcpu->id = id;
    if (!xvcpu__percpu_ok(cpu))
        return xvcpu__fail(NULL, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_create: vCPU %u: the per-CPU state is not initialised", id);
    if (!cpu->enabled)
        return xvcpu__fail(cpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_create: vCPU %u: CPU %u is not enabled", id, cpu->cpu_id);
    vcpu->hal = cpu->hal;
    vcpu->backend = cpu->backend;
    vcpu->home = cpu;
    err = vcpu->backend->vcpu_create(vcpu);
    if (err != XVCPU_OK)
        return err; /* the backend freed what it took; the vCPU stays Invalid */
    vcpu->magic = XVCPU__VCPU_MAGIC;
    vcpu->state = XVCPU_STATE_CREATED;
    return XVCPU_OK;
}

static bool xvcpu__canonical(uint64_t addr)
{
    uint64_t top = addr >> 47;
    return top == 0 || top == 0x1FFFF;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    static const char fn[] = "xvcpu_vcpu_setup";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_CREATED)) != XVCPU_OK)
        return err;
    if (args == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: args is NULL", fn, vcpu->id);
    if ((args->mode == XVCPU_START_AARCH64) != (vcpu->backend == xvcpu_arm64_backend()))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: start mode %u does not suit the %s backend", fn, vcpu->id,
                           (unsigned)args->mode, vcpu->backend->name);
    switch (args->mode) {
    case XVCPU_START_REAL:
    case XVCPU_START_PROTECTED:
        if (args->entry > 0xFFFFFFFFull || args->stack > 0xFFFFFFFFull)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx or stack %llx is above 4 GiB for a 32-bit start", fn,
                               vcpu->id, (unsigned long long)args->entry, (unsigned long long)args->stack);
        break;
    case XVCPU_START_LONG:
        if (!xvcpu__canonical(args->entry) || !xvcpu__canonical(args->stack))
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx or stack %llx is not canonical", fn, vcpu->id,
                               (unsigned long long)args->entry, (unsigned long long)args->stack);
        if ((args->cr3 & 0xFFFu) != 0 || args->cr3 == 0)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: long mode needs a 4 KiB-aligned CR3, got %llx", fn, vcpu->id,
                               (unsigned long long)args->cr3);
        break;
    case XVCPU_START_AARCH64:
        if ((args->entry & 3u) != 0 || (args->stack & 15u) != 0)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx must be 4-byte and stack %llx 16-byte aligned", fn,
                               vcpu->id, (unsigned long long)args->entry, (unsigned long long)args->stack);
        break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: unknown start mode %u",
                           fn, vcpu->id, (unsigned)args->mode);
    }
    err = vcpu->backend->vcpu_setup(vcpu, args);
    if (err == XVCPU_OK)
        vcpu->state = XVCPU_STATE_FREE;
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_bind(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_vcpu_bind";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_FREE, XVCPU_STATE_FREE)) != XVCPU_OK)
        return err;
    if (!xvcpu__percpu_ok(cpu) || !cpu->enabled)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u: the CPU is not enabled",
                           fn, vcpu->id);
    if (cpu->backend != vcpu->backend)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u was created for backend %s, CPU %u runs %s", fn, vcpu->id,
                           vcpu->backend->name, cpu->cpu_id, cpu->backend->name);
    if (cpu->bound_vcpu != NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY, "%s: CPU %u already runs vCPU %u", fn,
                           cpu->cpu_id, cpu->bound_vcpu->id);
    vcpu->cpu = cpu;
    err = vcpu->backend->vcpu_bind(vcpu);
    if (err != XVCPU_OK) {
        vcpu->cpu = NULL;
        return err;
    }
    cpu->bound_vcpu = vcpu;
    vcpu->state = XVCPU_STATE_READY;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_unbind", XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    err = vcpu->backend->vcpu_unbind(vcpu);
    if (err != XVCPU_OK)
        return err;
    vcpu->cpu->bound_vcpu = NULL;
    vcpu->cpu = NULL;
    vcpu->state = XVCPU_STATE_FREE;
    return XVCPU_OK;
}

/* Clearing and copying an exit, the two per-exit chores of xvcpu_vcpu_run(): word by word, inline
 * (a struct assignment or XVCPU_MEMSET is a call to memcpy/memset or a byte loop, several times
 * the cost on the MMIO round trip). */
#define XVCPU__EXIT_WORDS (sizeof(xvcpu_exit) / sizeof(xvcpu__exit_word))
typedef uint64_t __attribute__((__may_alias__)) xvcpu__exit_word;
XVCPU_STATIC_ASSERT(sizeof(xvcpu_exit) % sizeof(xvcpu__exit_word) == 0, exit_is_whole_words); /* u64 members: 8-aligned */

XVCPU__HOT void xvcpu__exit_clear(xvcpu_exit *exit)
{
    volatile xvcpu__exit_word *w = (volatile xvcpu__exit_word *)(void *)exit;
    unsigned i;
    for (i = 0; i < XVCPU__EXIT_WORDS; i++)
        w[i] = 0;
}

XVCPU__HOT void xvcpu__exit_copy(xvcpu_exit *dst, const xvcpu_exit *src)
{
    volatile xvcpu__exit_word *d = (volatile xvcpu__exit_word *)(void *)dst;
    const volatile xvcpu__exit_word *s = (const volatile xvcpu__exit_word *)(const void *)src;
    unsigned i;
    for (i = 0; i < XVCPU__EXIT_WORDS; i++)
        d[i] = s[i];
}

static bool xvcpu__exit_needs_value(const xvcpu_exit *exit)
{
    switch (exit->kind) {
    case XVCPU_EXIT_MMIO_READ:
    case XVCPU_EXIT_SYSREG_READ:
    case XVCPU_EXIT_IO_READ:
    case XVCPU_EXIT_MMIO_UNSUPPORTED: /* skip, fault or retry: the VMM decides, never by default */
        return true;
    case XVCPU_EXIT_IO_WRITE:
        return exit->u.io.string; /* only the VMM knows how many elements it moved */
    default:
        return false;
    }
}

/* What a stage-2 fault turned out to be. */
typedef enum xvcpu__mmio_result {
    XVCPU__MMIO_NOT_MMIO = 0, /* outside every region: the caller reports NESTED_PAGE_FAULT */
    XVCPU__MMIO_REENTER,      /* handled (emulated, or an exception queued): enter the guest again */
    XVCPU__MMIO_EXIT          /* `exit` holds MMIO_READ / MMIO_WRITE / MMIO_UNSUPPORTED for the VMM */
} xvcpu__mmio_result;

/* (x86_mmio.c.h) */
static xvcpu__mmio_result xvcpu__x86_emu_continue(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
/* (complete.c.h) */
static bool xvcpu__still_halted(xvcpu_vcpu *vcpu, xvcpu_exit *exit);

XVCPU_DEF xvcpu_err xvcpu_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    static const char fn[] = "xvcpu_vcpu_run";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    if (exit == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: exit is NULL", fn,
                           vcpu->id);
    if (vcpu->pending.open) {
        const xvcpu_exit *last = &vcpu->pending.exit;
        if (last->kind == XVCPU_EXIT_SYSTEM_DOWN)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                               "%s: vCPU %u is shut down (SYSTEM_DOWN); unbind and destroy it", fn, vcpu->id);
        if (xvcpu__exit_needs_value(last))
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                               "%s: vCPU %u: the %s exit is not completed", fn, vcpu->id,
                               xvcpu_exit_kind_name(last->kind));
        (void)xvcpu_complete(vcpu);
    }
    if (vcpu->halted_masked && xvcpu__still_halted(vcpu, exit))
        return XVCPU_OK;
    xvcpu__exit_clear(exit);
    if (vcpu->x86.emu.active && xvcpu__x86_emu_continue(vcpu, exit) == XVCPU__MMIO_EXIT) {
        /* the next step of an emulated MMIO instruction: no guest entry needed */
        xvcpu__exit_copy(&vcpu->pending.exit, exit);
        vcpu->pending.insn_len = 0;
        vcpu->pending.open = true;
        return XVCPU_OK;
    }
    /* The length a completion skips belongs to one exit: forget the last one's, so an exit that
     * sets none (host interrupt, NMI, shutdown, failed entry, unhandled) never moves RIP. */
    vcpu->pending.insn_len = 0;
    vcpu->state = XVCPU_STATE_RUNNING;
    /* an exit with no instruction to skip (host interrupt, nested page fault ...) must not inherit
     * the length of the one before: the backend sets it only where there is one */
    vcpu->pending.insn_len = 0;
    err = vcpu->backend->vcpu_run(vcpu, exit);
    vcpu->state = XVCPU_STATE_READY;
    if (err != XVCPU_OK)
        return err;
    xvcpu__exit_copy(&vcpu->pending.exit, exit);
    vcpu->pending.open = exit->kind != XVCPU_EXIT_NOTHING;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_block(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_block", XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    vcpu->state = XVCPU_STATE_BLOCKED;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_unblock(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_unblock", XVCPU_STATE_BLOCKED, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    vcpu->state = XVCPU_STATE_READY;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_destroy", XVCPU_STATE_CREATED, XVCPU_STATE_FREE)) != XVCPU_OK)
        return err;
    vcpu->backend->vcpu_destroy(vcpu);
    vcpu->magic = 0;
    vcpu->state = XVCPU_STATE_INVALID;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_state xvcpu_vcpu_state(const xvcpu_vcpu *vcpu)
{
    return xvcpu__vcpu_live(vcpu) ? vcpu->state : XVCPU_STATE_INVALID;
}

XVCPU_DEF const char *xvcpu_vcpu_last_error(const xvcpu_vcpu *vcpu)
{
    return vcpu != NULL ? vcpu->error : "(no vCPU)";
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    if (!xvcpu__vcpu_live(vcpu) || value == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if ((unsigned)reg < 16) {
        if (reg == XVCPU_REG_RSP && !vcpu->rsp_dirty && vcpu->state != XVCPU_STATE_CREATED)
            return vcpu->backend->get_reg(vcpu, reg, value);
        *value = vcpu->gpr[reg];
        return XVCPU_OK;
    }
    if (reg < XVCPU_REG_RIP || reg > XVCPU_REG_EFER)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_get_reg: vCPU %u: register %u is not readable", vcpu->id, (unsigned)reg);
    return vcpu->backend->get_reg(vcpu, reg, value);
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is Running", vcpu->id);
    if ((unsigned)reg < 16) {
        vcpu->gpr[reg] = value;
        if (reg == XVCPU_REG_RSP)
            vcpu->rsp_dirty = vcpu->entry_work = true;
        return XVCPU_OK;
    }
    if (reg < XVCPU_REG_RIP || reg > XVCPU_REG_EFER)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is not writable", vcpu->id, (unsigned)reg);
    return vcpu->backend->set_reg(vcpu, reg, value);
}
