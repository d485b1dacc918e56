/* A HAL on malloc that counts pages, and a scripted backend: enough to drive the neutral layer
 * (state machine, completions, events) on the host exactly as a hardware backend would. */
#ifndef TESTS_MOCK_H
#define TESTS_MOCK_H

#include "soft_machine.h"
#include "../../xvcpu.h"

typedef struct mock_state {
    /* HAL */
    long pages_outstanding;
    bool fail_alloc;
    unsigned fail_alloc_at;   /* the n-th allocation from now (1 = the next) returns NULL */
    unsigned allocs, frees;   /* HAL calls that gave pages, and that took them back */
    char last_log[256];
    /* backend: exits vcpu_run returns, in order, with the instruction length of each */
    xvcpu_exit script[16];
    uint8_t script_insn_len[16];
    int script_len, script_next;
    uint64_t rip;             /* the guest RIP the "hardware" keeps */
    uint64_t rsp;
    int calls_enable, calls_disable, calls_create, calls_setup, calls_bind, calls_unbind, calls_run,
        calls_destroy;
    xvcpu_err fail_op;        /* make the next backend op fail with this error */
    void (*during_run)(xvcpu_vcpu *vcpu); /* called while the vCPU is Running */
    uint64_t frame_phys;      /* the mock vCPU allocates a page at create (in vcpu->user) */
} mock_state;

extern mock_state mock;
extern const xvcpu_hal mock_hal;
extern const xvcpu_backend mock_backend;

void mock_reset(void);
void mock_script(xvcpu_exit_kind kind, uint8_t insn_len, const xvcpu_exit *details);

#endif
