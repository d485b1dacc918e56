/* Completing exits and injecting events: exact register results, RIP advance, refusals. */
#include "mock.h"
#include "check.h"

static xvcpu_percpu cpu;
static xvcpu_vcpu vcpu;
static xvcpu_exit ex;

static void ready(void)
{
    static const xvcpu_vcpu_setup_args args = { XVCPU_START_PROTECTED, 0x1000, 0x8000, 0, NULL };
    mock_reset();
    memset(&cpu, 0, sizeof(cpu));
    memset(&vcpu, 0, sizeof(vcpu));
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 0, &mock_backend), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &args), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
}

static void done(void)
{
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
}

/* Run into the next scripted exit, then run once more (into NOTHING) so RIP advances apply. */
static uint64_t rip_after_next_run(void)
{
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    return mock.rip;
}

static xvcpu_exit io(bool in, uint8_t width, bool string, bool rep, bool down, uint8_t asz, uint64_t count)
{
    xvcpu_exit e;
    memset(&e, 0, sizeof(e));
    e.u.io.port = 0x60;
    e.u.io.width = width;
    e.u.io.string = string;
    e.u.io.rep = rep;
    e.u.io.down = down;
    e.u.io.addr_size = asz;
    e.u.io.count = count;
    (void)in;
    return e;
}

void test_complete_io_read_widths(void)
{
    static const struct { uint8_t width; uint32_t value; uint64_t rax; } cases[] = {
        { 1, 0xAB, 0x11223344556677ABull },        /* IN AL: merges */
        { 2, 0xABCD, 0x112233445566ABCDull },      /* IN AX: merges */
        { 4, 0xDEADBEEF, 0x00000000DEADBEEFull },  /* IN EAX: zero-extends */
    };
    unsigned i;
    for (i = 0; i < 3; i++) {
        xvcpu_exit e = io(true, cases[i].width, false, false, false, 8, 1);
        ready();
        mock_script(XVCPU_EXIT_IO_READ, 1, &e);
        vcpu.gpr[XVCPU_REG_RAX] = 0x1122334455667788ull;
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_IO_READ);
        CHECK_EQ(ex.u.io.width, cases[i].width);
        /* running again before completing is refused and changes nothing */
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_ERR_BAD_STATE);
        CHECK_STR(vcpu.error, "xvcpu_vcpu_run: vCPU 0: the IO_READ exit is not completed");
        CHECK_EQ(mock.calls_run, 1);
        CHECK_EQ(xvcpu_complete_io_read(&vcpu, cases[i].value), XVCPU_OK);
        CHECK_EQ(vcpu.gpr[XVCPU_REG_RAX], cases[i].rax);
        CHECK_EQ(xvcpu_complete_io_read(&vcpu, 0), XVCPU_ERR_BAD_STATE); /* only once */
        CHECK_STR(vcpu.error, "xvcpu_complete_io_read: vCPU 0 has no open exit");
        CHECK_EQ(rip_after_next_run(), 0x1001);
        done();
    }
}

void test_complete_wrong_kind(void)
{
    xvcpu_exit e = io(true, 1, false, false, false, 8, 1);
    ready();
    mock_script(XVCPU_EXIT_IO_READ, 2, &e);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 1), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_complete_mmio_read: vCPU 0: the open exit is IO_READ, not MMIO_READ");
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_complete: vCPU 0: the IO_READ exit needs its own completion call");
    CHECK_EQ(xvcpu_complete_string_io(&vcpu, 1), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_complete_string_io: vCPU 0: the open exit is IO_READ, not string I/O");
    CHECK_EQ(xvcpu_complete_io_read(&vcpu, 0x5A), XVCPU_OK);
    CHECK_EQ(rip_after_next_run(), 0x1002);
    done();
}

void test_complete_sysreg_read_edx_eax(void)
{
    xvcpu_exit e;
    memset(&e, 0, sizeof(e));
    e.u.sysreg_read.addr = 0xC0000080u;
    ready();
    mock_script(XVCPU_EXIT_SYSREG_READ, 2, &e);
    vcpu.gpr[XVCPU_REG_RAX] = ~0ull;
    vcpu.gpr[XVCPU_REG_RDX] = ~0ull;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(ex.u.sysreg_read.addr, 0xC0000080u);
    CHECK_EQ(xvcpu_complete_sysreg_read(&vcpu, 0x0000000100000D01ull), XVCPU_OK);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RAX], 0xD01);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RDX], 0x1);
    CHECK_EQ(rip_after_next_run(), 0x1002);
    done();
}

void test_complete_mmio_read_extension(void)
{
    static const struct {
        uint8_t width, reg, reg_width;
        bool sign;
        uint64_t value, before, after;
    } cases[] = {
        { 1, XVCPU_REG_RCX, 8, true, 0x80, 0, 0xFFFFFFFFFFFFFF80ull },          /* movsx rcx, byte */
        { 1, XVCPU_REG_RCX, 4, true, 0x80, ~0ull, 0x00000000FFFFFF80ull },      /* movsx ecx, byte */
        { 2, XVCPU_REG_RCX, 8, false, 0xFFFF8001, ~0ull, 0x8001 },             /* movzx rcx, word */
        { 2, XVCPU_REG_RCX, 2, false, 0x1234, 0x1111111111111111ull, 0x1111111111111234ull }, /* mov cx */
        { 4, XVCPU_REG_R9, 8, true, 0x80000000, 0, 0xFFFFFFFF80000000ull },     /* movsxd r9 */
        { 8, XVCPU_REG_R15, 8, false, 0x0123456789ABCDEFull, 0, 0x0123456789ABCDEFull },
        { 1, XVCPU_REG_AH, 1, false, 0x9C, 0x1111111111111111ull, 0x1111111111119C11ull }, /* mov ah */
    };
    unsigned i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        xvcpu_exit e;
        unsigned slot = cases[i].reg >= XVCPU_REG_AH ? cases[i].reg - XVCPU_REG_AH : cases[i].reg;
        memset(&e, 0, sizeof(e));
        e.u.mmio_read.addr = 0xFEE00000;
        e.u.mmio_read.width = cases[i].width;
        e.u.mmio_read.reg = cases[i].reg;
        e.u.mmio_read.reg_width = cases[i].reg_width;
        e.u.mmio_read.signed_ext = cases[i].sign;
        ready();
        mock_script(XVCPU_EXIT_MMIO_READ, 3, &e);
        vcpu.gpr[slot] = cases[i].before;
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
        CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, cases[i].value), XVCPU_OK);
        if (vcpu.gpr[slot] != cases[i].after)
            printf("  case %u\n", i);
        CHECK_EQ(vcpu.gpr[slot], cases[i].after);
        CHECK_EQ(rip_after_next_run(), 0x1003);
        done();
    }
}

void test_complete_string_io(void)
{
    xvcpu_exit e;
    /* rep insw, 5 words, DF=0, 64-bit addresses: all done in one completion */
    e = io(true, 2, true, true, false, 8, 5);
    ready();
    mock_script(XVCPU_EXIT_IO_READ, 2, &e);
    vcpu.gpr[XVCPU_REG_RDI] = 0x2000;
    vcpu.gpr[XVCPU_REG_RCX] = 5;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_io_read(&vcpu, 0), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_complete_io_read: vCPU 0: the exit is string I/O (INS); use xvcpu_complete_string_io");
    CHECK_EQ(xvcpu_complete_string_io(&vcpu, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_complete_string_io: vCPU 0: done 6 exceeds the exit's count 5");
    CHECK_EQ(xvcpu_complete_string_io(&vcpu, 5), XVCPU_OK);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RDI], 0x200A);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RCX], 0);
    CHECK_EQ(rip_after_next_run(), 0x1002);
    done();

    /* rep outsb, 4 bytes, DF=1, partial (3): RSI steps down, RCX=1, RIP stays to re-execute */
    e = io(false, 1, true, true, true, 8, 4);
    ready();
    mock_script(XVCPU_EXIT_IO_WRITE, 2, &e);
    vcpu.gpr[XVCPU_REG_RSI] = 0x3003;
    vcpu.gpr[XVCPU_REG_RCX] = 4;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_ERR_BAD_STATE); /* string OUT needs a completion too */
    CHECK_STR(vcpu.error, "xvcpu_vcpu_run: vCPU 0: the IO_WRITE exit is not completed");
    CHECK_EQ(xvcpu_complete_string_io(&vcpu, 3), XVCPU_OK);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RSI], 0x3000);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RCX], 1);
    CHECK_EQ(rip_after_next_run(), 0x1000);
    done();

    /* 16-bit address size: SI and CX wrap within 16 bits, the upper bits are kept */
    e = io(true, 4, true, true, false, 2, 2);
    ready();
    mock_script(XVCPU_EXIT_IO_READ, 3, &e);
    vcpu.gpr[XVCPU_REG_RDI] = 0xABCDFFFCull;
    vcpu.gpr[XVCPU_REG_RCX] = 0x55550002ull;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_string_io(&vcpu, 2), XVCPU_OK);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RDI], 0xABCD0004ull);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RCX], 0x55550000ull);
    CHECK_EQ(rip_after_next_run(), 0x1003);
    done();
}

void test_complete_implicit_and_hypercall(void)
{
    xvcpu_exit e = io(false, 1, false, false, false, 8, 1);
    ready();
    e.u.io.data = 0x41;
    mock_script(XVCPU_EXIT_IO_WRITE, 1, &e);
    mock_script(XVCPU_EXIT_HYPERCALL, 3, NULL);
    mock_script(XVCPU_EXIT_HALT, 1, NULL);
    mock_script(XVCPU_EXIT_NESTED_PAGE_FAULT, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(ex.u.io.data, 0x41);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK); /* OUT completed implicitly: +1 */
    CHECK_EQ(mock.rip, 0x1001);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(xvcpu_complete_hypercall(&vcpu, 0xFEEDull), XVCPU_OK);
    CHECK_EQ(vcpu.gpr[XVCPU_REG_RAX], 0xFEED);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK); /* +3 */
    CHECK_EQ(mock.rip, 0x1004);
    CHECK_EQ(ex.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK); /* +1 */
    CHECK_EQ(mock.rip, 0x1005);
    CHECK_EQ(ex.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK); /* re-executes: +0 */
    CHECK_EQ(mock.rip, 0x1005);
    CHECK_EQ(ex.kind, XVCPU_EXIT_NOTHING);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_ERR_BAD_STATE); /* NOTHING leaves nothing open */
    done();
}

void test_complete_fault_and_system_down(void)
{
    xvcpu_exit e;
    memset(&e, 0, sizeof(e));
    e.u.sysreg_write.addr = 0x1234;
    ready();
    mock_script(XVCPU_EXIT_SYSREG_WRITE, 2, &e);
    mock_script(XVCPU_EXIT_SYSTEM_DOWN, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_fault(&vcpu, 13, 0), XVCPU_OK); /* refuse the WRMSR with #GP(0) */
    CHECK(vcpu.events.exception_pending);
    CHECK_EQ(vcpu.events.exception_vector, 13);
    CHECK(vcpu.events.exception_has_error);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(mock.rip, 0x1000); /* the faulting WRMSR was not skipped */
    CHECK_EQ(ex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_EQ(xvcpu_complete_fault(&vcpu, 13, 0), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_complete_fault: vCPU 0: the SYSTEM_DOWN exit is not an instruction that can fault");
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_run: vCPU 0 is shut down (SYSTEM_DOWN); unbind and destroy it");
    CHECK_EQ(mock.calls_run, 2);
    done();
}

void test_rsp_goes_through_backend(void)
{
    uint64_t v = 0;
    ready();
    CHECK_EQ(xvcpu_vcpu_get_reg(&vcpu, XVCPU_REG_RSP, &v), XVCPU_OK);
    CHECK_EQ(v, 0x8000); /* from the "hardware" */
    CHECK_EQ(xvcpu_vcpu_set_reg(&vcpu, XVCPU_REG_RSP, 0x7FF0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_get_reg(&vcpu, XVCPU_REG_RSP, &v), XVCPU_OK);
    CHECK_EQ(v, 0x7FF0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &ex), XVCPU_OK);
    CHECK_EQ(mock.rsp, 0x7FF0); /* written to the guest before entry */
    CHECK(!vcpu.rsp_dirty);
    CHECK_EQ(xvcpu_vcpu_get_reg(&vcpu, XVCPU_REG_RIP, &v), XVCPU_OK);
    CHECK_EQ(v, 0x1000);
    CHECK_EQ(xvcpu_vcpu_get_reg(&vcpu, (xvcpu_reg)17, &v), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_vcpu_get_reg: vCPU 0: register 17 is not readable");
    done();
}

void test_inject_rules(void)
{
    unsigned v;
    int valid = 0, with_error = 0;
    ready();
    for (v = 0; v < 40; v++) {
        if (xvcpu_x86_exception_valid((uint8_t)v))
            valid++;
        if (xvcpu_x86_exception_has_error_code((uint8_t)v))
            with_error++;
    }
    CHECK_EQ(valid, 20 + 3);  /* 0,1,3-14,16-21 and AMD's 28-30 */
    CHECK_EQ(with_error, 10);
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 2, 0), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_inject_exception: vCPU 0: vector 2 is not an injectable exception");
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 15, 0), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 22, 0), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 32, 0), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 6, 1), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(vcpu.error, "xvcpu_inject_exception: vCPU 0: exception 6 pushes no error code, got 0x1");
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 14, 0x6), XVCPU_OK);
    CHECK_EQ(vcpu.events.exception_error, 6);
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 13, 0), XVCPU_ERR_BUSY);
    CHECK_STR(vcpu.error, "xvcpu_inject_exception: vCPU 0: exception 14 is still pending");
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 31), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 0x20), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 0xFF), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 0x41), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 0x41), XVCPU_OK); /* coalesces like an IRR bit */
    CHECK_EQ(xvcpu__highest_irr(&vcpu), 0xFF);
    xvcpu__irr_clear(&vcpu, 0xFF);
    CHECK_EQ(xvcpu__highest_irr(&vcpu), 0x41);
    xvcpu__irr_clear(&vcpu, 0x41);
    CHECK_EQ(xvcpu__highest_irr(&vcpu), 0x20);
    xvcpu__irr_clear(&vcpu, 0x20);
    CHECK_EQ(xvcpu__highest_irr(&vcpu), -1);
    CHECK_EQ(xvcpu_inject_nmi(&vcpu), XVCPU_OK);
    CHECK(vcpu.events.nmi_pending);
    done();
}
