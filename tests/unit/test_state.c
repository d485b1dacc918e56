/* The per-CPU calls and the vCPU state machine: every allowed and every refused transition. */
#include "mock.h"
#include "check.h"

static xvcpu_percpu cpu;
static xvcpu_vcpu vcpu;

static void fresh_cpu(void)
{
    mock_reset();
    memset(&cpu, 0, sizeof(cpu));
    memset(&vcpu, 0, sizeof(vcpu));
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 3, &mock_backend), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_OK);
}

static const xvcpu_vcpu_setup_args real_mode = { XVCPU_START_REAL, 0x12345, 0x7000, 0, NULL };

/* Bring the vCPU to `s` along the allowed path. */
static void drive_to(xvcpu_state s)
{
    fresh_cpu();
    if (s == XVCPU_STATE_INVALID)
        return;
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 7), XVCPU_OK);
    if (s == XVCPU_STATE_CREATED)
        return;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &real_mode), XVCPU_OK);
    if (s == XVCPU_STATE_FREE)
        return;
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    if (s == XVCPU_STATE_READY)
        return;
    CHECK_EQ(xvcpu_vcpu_block(&vcpu), XVCPU_OK);
}

enum op { OP_CREATE, OP_SETUP, OP_BIND, OP_UNBIND, OP_RUN, OP_BLOCK, OP_UNBLOCK, OP_DESTROY, OP_COUNT };
static const char *const op_fn[OP_COUNT] = {
    "xvcpu_vcpu_create", "xvcpu_vcpu_setup", "xvcpu_vcpu_bind", "xvcpu_vcpu_unbind",
    "xvcpu_vcpu_run", "xvcpu_vcpu_block", "xvcpu_vcpu_unblock", "xvcpu_vcpu_destroy"
};

static xvcpu_err do_op(enum op op)
{
    xvcpu_exit exit;
    switch (op) {
    case OP_CREATE: return xvcpu_vcpu_create(&vcpu, &cpu, 7);
    case OP_SETUP: return xvcpu_vcpu_setup(&vcpu, &real_mode);
    case OP_BIND: return xvcpu_vcpu_bind(&vcpu, &cpu);
    case OP_UNBIND: return xvcpu_vcpu_unbind(&vcpu);
    case OP_RUN: return xvcpu_vcpu_run(&vcpu, &exit);
    case OP_BLOCK: return xvcpu_vcpu_block(&vcpu);
    case OP_UNBLOCK: return xvcpu_vcpu_unblock(&vcpu);
    case OP_DESTROY: return xvcpu_vcpu_destroy(&vcpu);
    default: return XVCPU_ERR_COUNT;
    }
}

/* The state each op needs ("needs ..." text), and where it leads. */
static const char *const op_needs[OP_COUNT] = {
    "Invalid", "Created", "Free", "Ready", "Ready", "Ready", "Blocked", "Created or Free"
};
static const xvcpu_state op_from[OP_COUNT][2] = {
    { XVCPU_STATE_INVALID, XVCPU_STATE_INVALID }, { XVCPU_STATE_CREATED, XVCPU_STATE_CREATED },
    { XVCPU_STATE_FREE, XVCPU_STATE_FREE }, { XVCPU_STATE_READY, XVCPU_STATE_READY },
    { XVCPU_STATE_READY, XVCPU_STATE_READY }, { XVCPU_STATE_READY, XVCPU_STATE_READY },
    { XVCPU_STATE_BLOCKED, XVCPU_STATE_BLOCKED }, { XVCPU_STATE_CREATED, XVCPU_STATE_FREE }
};
static const xvcpu_state op_to[OP_COUNT] = {
    XVCPU_STATE_CREATED, XVCPU_STATE_FREE, XVCPU_STATE_READY, XVCPU_STATE_FREE,
    XVCPU_STATE_READY, XVCPU_STATE_BLOCKED, XVCPU_STATE_READY, XVCPU_STATE_INVALID
};

void test_state_machine_matrix(void)
{
    static const xvcpu_state states[] = { XVCPU_STATE_INVALID, XVCPU_STATE_CREATED, XVCPU_STATE_FREE,
                                          XVCPU_STATE_READY, XVCPU_STATE_BLOCKED };
    unsigned si, op;
    int allowed = 0, refused = 0;
    for (si = 0; si < sizeof(states) / sizeof(states[0]); si++) {
        for (op = 0; op < OP_COUNT; op++) {
            xvcpu_state s = states[si];
            bool ok = s == op_from[op][0] || s == op_from[op][1];
            xvcpu_err err;
            drive_to(s);
            err = do_op((enum op)op);
            if (ok) {
                allowed++;
                if (err != XVCPU_OK)
                    printf("  %s from %s: %s (%s)\n", op_fn[op], xvcpu_state_name(s), xvcpu_strerror(err),
                           vcpu.error);
                CHECK_EQ(err, XVCPU_OK);
                CHECK_EQ(xvcpu_vcpu_state(&vcpu), op_to[op]);
            } else {
                char want[200];
                refused++;
                CHECK_EQ(err, XVCPU_ERR_BAD_STATE);
                CHECK_EQ(xvcpu_vcpu_state(&vcpu), s); /* unchanged */
                snprintf(want, sizeof(want), "%s: vCPU %u is %s, needs %s", op_fn[op],
                         s == XVCPU_STATE_INVALID ? 0u : 7u, xvcpu_state_name(s), op_needs[op]);
                CHECK_STR(xvcpu_vcpu_last_error(&vcpu), want);
                if (s != XVCPU_STATE_INVALID)
                    CHECK_STR(mock.last_log, want); /* and it went to the HAL's log */
            }
            /* whatever happened, the vCPU is still usable: unwind to Invalid along allowed calls */
            if (xvcpu_vcpu_state(&vcpu) == XVCPU_STATE_BLOCKED)
                CHECK_EQ(xvcpu_vcpu_unblock(&vcpu), XVCPU_OK);
            if (xvcpu_vcpu_state(&vcpu) == XVCPU_STATE_READY)
                CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
            if (xvcpu_vcpu_state(&vcpu) != XVCPU_STATE_INVALID)
                CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
            CHECK_EQ(mock.pages_outstanding, 0);
            CHECK(cpu.bound_vcpu == NULL);
        }
    }
    CHECK_EQ(allowed, 9); /* destroy is allowed from two states */
    CHECK_EQ(refused, 5 * OP_COUNT - 9);
}

/* Calls made while the vCPU is Running (from inside the backend's run) are refused. */
static xvcpu_err running_results[OP_COUNT];
static char running_texts[OP_COUNT][XVCPU_ERROR_TEXT_SIZE];
static void call_everything(xvcpu_vcpu *v)
{
    unsigned op;
    CHECK_EQ(xvcpu_vcpu_state(v), XVCPU_STATE_RUNNING);
    mock.during_run = NULL; /* the nested run must not recurse */
    for (op = 0; op < OP_COUNT; op++) {
        running_results[op] = do_op((enum op)op);
        snprintf(running_texts[op], sizeof(running_texts[op]), "%s", v->error);
    }
}

void test_state_running_refuses_everything(void)
{
    xvcpu_exit exit;
    unsigned op;
    drive_to(XVCPU_STATE_READY);
    mock.during_run = call_everything;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &exit), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_READY);
    for (op = 0; op < OP_COUNT; op++) {
        char want[200];
        CHECK_EQ(running_results[op], XVCPU_ERR_BAD_STATE);
        snprintf(want, sizeof(want), "%s: vCPU 7 is Running, needs %s", op_fn[op], op_needs[op]);
        CHECK_STR(running_texts[op], want);
    }
    CHECK_EQ(xvcpu_vcpu_set_reg(&vcpu, XVCPU_REG_RAX, 1), XVCPU_OK); /* not Running any more */
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_state_backend_failure_keeps_state(void)
{
    drive_to(XVCPU_STATE_CREATED);
    mock.fail_op = XVCPU_ERR_UNSUPPORTED;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &real_mode), XVCPU_ERR_UNSUPPORTED);
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_CREATED);
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &real_mode), XVCPU_OK);
    mock.fail_op = XVCPU_ERR_VM_INSTRUCTION;
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_FREE);
    CHECK(cpu.bound_vcpu == NULL);
    CHECK(vcpu.cpu == NULL);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);

    /* a failed create leaves the vCPU Invalid and leaks nothing */
    mock.fail_op = XVCPU_ERR_NO_MEMORY;
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 1), XVCPU_ERR_NO_MEMORY);
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_INVALID);
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_state_setup_arguments(void)
{
    xvcpu_vcpu_setup_args a;
    drive_to(XVCPU_STATE_CREATED);
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, NULL), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_setup: vCPU 7: args is NULL");
    a = real_mode;
    a.entry = 0x100000000ull;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_setup: vCPU 7: entry 0x100000000 or stack 0x7000 is above 4 GiB for a 32-bit start");
    a.mode = XVCPU_START_LONG;
    a.entry = 0xffff800000000000ull;
    a.cr3 = 0x1001;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_setup: vCPU 7: long mode needs a 4 KiB-aligned CR3, got 0x1001");
    a.entry = 0x0000800000000000ull;
    a.cr3 = 0x1000;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_setup: vCPU 7: entry 0x800000000000 or stack 0x7000 is not canonical");
    a.mode = (xvcpu_start_mode)9;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &a), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_setup: vCPU 7: unknown start mode 9");
    CHECK_EQ(mock.calls_setup, 0); /* the backend never saw a bad request */
    a.mode = XVCPU_START_LONG;
    a.entry = 0xffffffff80001000ull;
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &a), XVCPU_OK);
    CHECK_EQ(mock.rip, 0xffffffff80001000ull);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
}

void test_percpu_lifecycle(void)
{
    xvcpu_hal bad = mock_hal;
    xvcpu_vcpu other;
    mock_reset();
    memset(&cpu, 0, sizeof(cpu));
    bad.phys_to_virt = NULL;
    CHECK_EQ(xvcpu_percpu_init(&cpu, &bad, 0, &mock_backend), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_percpu_last_error(&cpu),
              "xvcpu_percpu_init: the HAL needs alloc_pages, free_pages, phys_to_virt and virt_to_phys");
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_INVALID_ARG); /* never initialised */

    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 2, &mock_backend), XVCPU_OK);
    CHECK(!xvcpu_percpu_is_enabled(&cpu));
    CHECK_EQ(xvcpu_percpu_disable(&cpu), XVCPU_ERR_BAD_STATE);
    CHECK_STR(cpu.error, "xvcpu_percpu_disable: CPU 2 is not enabled");
    memset(&vcpu, 0, sizeof(vcpu));
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 1), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_create: vCPU 1: CPU 2 is not enabled");

    mock.fail_op = XVCPU_ERR_DISABLED_BY_FIRMWARE;
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_DISABLED_BY_FIRMWARE);
    CHECK(!xvcpu_percpu_is_enabled(&cpu));
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_OK);
    CHECK(xvcpu_percpu_is_enabled(&cpu));
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_BUSY);
    CHECK_STR(cpu.error, "xvcpu_percpu_enable: CPU 2 is already enabled");
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 2, &mock_backend), XVCPU_ERR_BUSY);

    /* the current vCPU, and one vCPU per CPU */
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &real_mode), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    CHECK(xvcpu_percpu_current(&cpu) == &vcpu);
    memset(&other, 0, sizeof(other));
    CHECK_EQ(xvcpu_vcpu_create(&other, &cpu, 9), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&other, &real_mode), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&other, &cpu), XVCPU_ERR_BUSY);
    CHECK_STR(other.error, "xvcpu_vcpu_bind: CPU 2 already runs vCPU 1");
    CHECK_EQ(xvcpu_vcpu_state(&other), XVCPU_STATE_FREE);
    CHECK_EQ(xvcpu_percpu_disable(&cpu), XVCPU_ERR_BUSY);
    CHECK_STR(cpu.error, "xvcpu_percpu_disable: CPU 2 still has vCPU 1 bound; unbind it first");
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK(xvcpu_percpu_current(&cpu) == NULL);
    CHECK_EQ(xvcpu_vcpu_bind(&other, &cpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_unbind(&other), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&other), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_disable(&cpu), XVCPU_OK);
    CHECK_EQ(mock.calls_disable, 1);
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_percpu_no_backend(void)
{
    mock_reset();
    soft_reset(); /* a CPU whose CPUID shows no VMX */
    memset(&cpu, 0, sizeof(cpu));
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 5, NULL), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(cpu.error, "xvcpu_percpu_enable: CPU 5 has no hardware virtualization xvcpu supports (VMX or SVM)");
    CHECK(!xvcpu_percpu_is_enabled(&cpu));
}

void test_names(void)
{
    unsigned i;
    CHECK_STR(xvcpu_strerror(XVCPU_ERR_BAD_STATE), "bad state");
    CHECK_STR(xvcpu_strerror((xvcpu_err)999), "unknown error");
    for (i = 0; i < XVCPU_ERR_COUNT; i++)
        CHECK(strcmp(xvcpu_strerror((xvcpu_err)i), "unknown error") != 0);
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        CHECK(xvcpu_exit_kind_name((xvcpu_exit_kind)i)[0] != '(');
    CHECK_STR(xvcpu_exit_kind_name(XVCPU_EXIT_SEND_IPI), "SEND_IPI");
    CHECK_STR(xvcpu_state_name(XVCPU_STATE_BLOCKED), "Blocked");
}
