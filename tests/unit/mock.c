#include <stdlib.h>
#include <string.h>
#include "mock.h"

mock_state mock;

static void *hal_alloc(void *ctx, size_t count, uint64_t *phys)
{
    void *p;
    (void)ctx;
    if (mock.fail_alloc)
        return NULL;
    if (mock.fail_alloc_at != 0 && --mock.fail_alloc_at == 0)
        return NULL;
    p = aligned_alloc(4096, count * 4096);
    if (p != NULL) {
        mock.allocs++;
        mock.pages_outstanding += (long)count;
        *phys = (uint64_t)(uintptr_t)p; /* identity "physical" addresses on the host */
    }
    return p;
}

static void hal_free(void *ctx, void *virt, uint64_t phys, size_t count)
{
    (void)ctx;
    (void)phys;
    mock.pages_outstanding -= (long)count;
    mock.frees++;
    free(virt);
}

static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return (void *)(uintptr_t)phys; }
static uint64_t hal_v2p(void *ctx, const void *virt) { (void)ctx; return (uint64_t)(uintptr_t)virt; }

static void hal_log(void *ctx, xvcpu_log_level level, const char *message)
{
    (void)ctx;
    (void)level;
    snprintf(mock.last_log, sizeof(mock.last_log), "%s", message);
}

const xvcpu_hal mock_hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, hal_log };

void mock_reset(void)
{
    memset(&mock, 0, sizeof(mock));
    mock.rip = 0x1000;
}

void mock_script(xvcpu_exit_kind kind, uint8_t insn_len, const xvcpu_exit *details)
{
    xvcpu_exit e;
    if (details != NULL)
        e = *details;
    else
        memset(&e, 0, sizeof(e));
    e.kind = kind;
    mock.script[mock.script_len] = e;
    mock.script_insn_len[mock.script_len++] = insn_len;
}

/* Each op fails once with mock.fail_op when a test sets it. */
static xvcpu_err take_failure(void)
{
    xvcpu_err e = mock.fail_op;
    mock.fail_op = XVCPU_OK;
    return e;
}

static xvcpu_err b_enable(xvcpu_percpu *cpu) { (void)cpu; mock.calls_enable++; return take_failure(); }
static xvcpu_err b_disable(xvcpu_percpu *cpu) { (void)cpu; mock.calls_disable++; return take_failure(); }

static xvcpu_err b_create(xvcpu_vcpu *vcpu)
{
    xvcpu_err e = take_failure();
    mock.calls_create++;
    if (e != XVCPU_OK)
        return e;
    /* a page per vCPU, kept where a VMM would keep its own pointer, so destroy can be checked */
    vcpu->user = vcpu->hal->alloc_pages(vcpu->hal->ctx, 1, &mock.frame_phys);
    return vcpu->user ? XVCPU_OK : XVCPU_ERR_NO_MEMORY;
}

static xvcpu_err b_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    (void)vcpu;
    mock.calls_setup++;
    mock.rip = args->entry;
    mock.rsp = args->stack;
    return take_failure();
}

static xvcpu_err b_bind(xvcpu_vcpu *vcpu) { (void)vcpu; mock.calls_bind++; return take_failure(); }
static xvcpu_err b_unbind(xvcpu_vcpu *vcpu) { (void)vcpu; mock.calls_unbind++; return take_failure(); }

static xvcpu_err b_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_err e = take_failure();
    mock.calls_run++;
    if (e != XVCPU_OK)
        return e;
    /* what a hardware backend does before entry */
    mock.rip += vcpu->rip_advance;
    vcpu->rip_advance = 0;
    if (vcpu->rsp_dirty) {
        mock.rsp = vcpu->gpr[XVCPU_REG_RSP];
        vcpu->rsp_dirty = false;
    }
    if (mock.during_run != NULL)
        mock.during_run(vcpu);
    if (mock.script_next < mock.script_len) {
        *exit = mock.script[mock.script_next];
        vcpu->pending.insn_len = mock.script_insn_len[mock.script_next++];
    } else {
        exit->kind = XVCPU_EXIT_NOTHING;
        vcpu->pending.insn_len = 0;
    }
    return XVCPU_OK;
}

static void b_destroy(xvcpu_vcpu *vcpu)
{
    mock.calls_destroy++;
    vcpu->hal->free_pages(vcpu->hal->ctx, vcpu->user, 0, 1);
    vcpu->user = NULL;
}

static xvcpu_err b_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    (void)vcpu;
    if (reg == XVCPU_REG_RIP) { *value = mock.rip; return XVCPU_OK; }
    if (reg == XVCPU_REG_RSP) { *value = mock.rsp; return XVCPU_OK; }
    return XVCPU_ERR_UNSUPPORTED;
}

static xvcpu_err b_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    (void)vcpu;
    if (reg == XVCPU_REG_RIP) { mock.rip = value; return XVCPU_OK; }
    return XVCPU_ERR_UNSUPPORTED;
}

const xvcpu_backend mock_backend = {
    "mock", b_enable, b_disable, b_create, b_setup, b_bind, b_unbind, b_run, b_destroy, b_get_reg, b_set_reg, NULL, NULL, NULL
};
