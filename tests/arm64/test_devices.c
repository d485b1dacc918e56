/* MMIO devices the library runs itself (xvcpu_arm64_add_mmio_device): ISV = 1 accesses served on
 * the lean exit path (from the vectors), everything else by the run loop, and every semantic of
 * the exit path kept on both: entry work the device makes (lines, injected exceptions, stage-2
 * changes), a device that hands the access to the VMM, state checks inside the device, refused
 * results, ISV = 0 forms, S1PTW, FnV, the registers the lean path does not have (X20-X29). */

#define DEV_GPA 0x0A000000ull
#define DABT(iss) ESR(0x24, (1u << 24) | (iss) | 6) /* ISV = 1, DFSC level-2 translation */
#define DABT_SAS(n) ((uint32_t)(n) << 22)
#define DABT_SSE (1u << 21)
#define DABT_SRT(n) ((uint32_t)(n) << 16)
#define DABT_SF (1u << 15)
#define DABT_WNR (1u << 6)
#define WFI ESR(XVCPU_ARM64_EC_WFX, 0) /* a HALT: ends a run */

typedef struct test_dev {
    int calls;
    xvcpu_exit seen[8];            /* the accesses as given */
    uint64_t values[8];            /* what each read returns */
    int result;                    /* what it returns */
    void (*action)(xvcpu_vcpu *v); /* what else it does, once */
    xvcpu_state state;             /* the vCPU's state while it ran */
} test_dev;
static test_dev dev;

static int test_device(void *device, xvcpu_vcpu *v, const xvcpu_exit *access, uint64_t *value)
{
    test_dev *d = (test_dev *)device;
    int i = d->calls++;
    if (i < 8)
        memcpy(&d->seen[i], access, sizeof(*access));
    d->state = xvcpu_vcpu_state(v);
    if (d->action != NULL) {
        void (*action)(xvcpu_vcpu *) = d->action;
        d->action = NULL;
        action(v);
    }
    if (access->kind == XVCPU_EXIT_MMIO_READ)
        *value = d->values[i & 7];
    return d->result;
}

static void device_fixture(void)
{
    fixture();
    memset(&dev, 0, sizeof(dev));
    CHECK_EQ(xvcpu_arm64_add_mmio_device(&vcpu, DEV_GPA, 0x1000, test_device, &dev), XVCPU_OK);
}

/* One access to the device, which moves the hint to its region if it is not there (it starts at
 * the fixture's plain region): the next ISV = 1 access is the lean path's. */
static void warm_hint(void)
{
    xvcpu_exit e;
    int calls = dev.calls;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(0) | DABT_SF), 0xFF8, DEV_GPA + 0xFF8);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(dev.calls, calls + 1);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    dev.calls = 0;
    soft.lean_reentries = 0;
    soft.entries = 0;
}

static void test_device_lean_path(void)
{
    xvcpu_exit e;
    uint64_t pc;
    int i;
    device_fixture();
    dev.values[0] = 0x1122334455667788ull;
    dev.values[1] = 0x8001;
    dev.values[3] = 0x1F80;
    dev.values[4] = 0xAABBCCDD99887766ull;
    /* LDR x1: the hint is the plain region's, so the loop serves this one (and moves the hint) */
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(1) | DABT_SF), 0xFFFF000000001010ull, DEV_GPA + 0x10);
    /* LDRSH w5 (SSE, SF 0), STRB w6, LDRSB x7 (SSE, SF), LDR w8, LDR xzr, STR xzr: the lean path's */
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(1) | DABT_SSE | DABT_SRT(5)), 0x22, DEV_GPA + 0x22);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(0) | DABT_SRT(6) | DABT_WNR), 0x30, DEV_GPA + 0x30);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(0) | DABT_SSE | DABT_SRT(7) | DABT_SF), 0x41, DEV_GPA + 0x41);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(2) | DABT_SRT(8)), 0x48, DEV_GPA + 0x48);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(31) | DABT_SF), 0x50, DEV_GPA + 0x50);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(31) | DABT_SF | DABT_WNR), 0x58, DEV_GPA + 0x58);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 6, 0xAABBCCDDEEFF1234ull), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 30, 0x5555), XVCPU_OK);
    pc = reg(XVCPU_ARM64_PC);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT); /* no MMIO exit reached the VMM */
    CHECK_EQ(dev.calls, 7);
    CHECK_EQ(soft.entries, 8);
    CHECK_EQ(soft.lean_reentries, 6); /* all but the first */
    for (i = 1; i < 8; i++)
        CHECK_EQ(soft.pc_at_entry[i], pc + 4 * (uint64_t)i);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_DABT_LOW], 7);
    CHECK_EQ(dev.state, XVCPU_STATE_RUNNING);
    /* what the device was given: the exits the VMM would have got */
    CHECK_EQ(dev.seen[0].kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(dev.seen[0].u.mmio_read.addr, DEV_GPA + 0x10);
    CHECK_EQ(dev.seen[0].u.mmio_read.width, 8);
    CHECK_EQ(dev.seen[0].u.mmio_read.reg, 1);
    CHECK_EQ(dev.seen[0].u.mmio_read.reg_width, 8);
    CHECK(!dev.seen[0].u.mmio_read.signed_ext);
    CHECK_EQ(dev.seen[1].kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(dev.seen[1].u.mmio_read.addr, DEV_GPA + 0x22);
    CHECK_EQ(dev.seen[1].u.mmio_read.width, 2);
    CHECK_EQ(dev.seen[1].u.mmio_read.reg, 5);
    CHECK_EQ(dev.seen[1].u.mmio_read.reg_width, 4);
    CHECK(dev.seen[1].u.mmio_read.signed_ext);
    CHECK_EQ(dev.seen[1].raw_reason, XVCPU_ARM64_EC_DABT_LOW);
    CHECK_STR(dev.seen[1].raw_reason_name, "DABT_LOW");
    CHECK_EQ(dev.seen[1].raw_qualification, DABT(DABT_SAS(1) | DABT_SSE | DABT_SRT(5)));
    CHECK_EQ(dev.seen[1].raw_info2, DEV_GPA + 0x22);
    CHECK_EQ(dev.seen[2].kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(dev.seen[2].u.mmio_write.addr, DEV_GPA + 0x30);
    CHECK_EQ(dev.seen[2].u.mmio_write.width, 1);
    CHECK_EQ(dev.seen[2].u.mmio_write.data, 0x34);
    CHECK_EQ(dev.seen[3].u.mmio_read.width, 1);
    CHECK_EQ(dev.seen[3].u.mmio_read.reg_width, 8);
    CHECK_EQ(dev.seen[4].u.mmio_read.width, 4);
    CHECK_EQ(dev.seen[4].u.mmio_read.reg_width, 4);
    CHECK(!dev.seen[4].u.mmio_read.signed_ext);
    CHECK_EQ(dev.seen[6].kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(dev.seen[6].u.mmio_write.data, 0);
    CHECK_EQ(dev.seen[6].u.mmio_write.width, 8);
    /* the registers, as the VMM's completions would have written them */
    CHECK_EQ(reg(1), 0x1122334455667788ull);
    CHECK_EQ(reg(5), 0xFFFF8001ull);         /* halfword sign-extended to W, X's upper half clear */
    CHECK_EQ(reg(7), 0xFFFFFFFFFFFFFF80ull); /* byte sign-extended to X */
    CHECK_EQ(reg(8), 0x99887766ull);         /* word, zero-extended */
    CHECK_EQ(reg(30), 0x5555);               /* LDR xzr wrote nothing (not X30, not the PC) */
    CHECK_EQ(reg(XVCPU_ARM64_PC), pc + 28);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    teardown();
}

/* --- entry work the device makes: the loop does it before the guest runs again ---------------- */

static void raise_irq(xvcpu_vcpu *v) { CHECK_EQ(xvcpu_arm64_set_irq_line(v, true), XVCPU_OK); }
static void raise_fiq(xvcpu_vcpu *v) { CHECK_EQ(xvcpu_arm64_set_fiq_line(v, true), XVCPU_OK); }
static void inject_abort(xvcpu_vcpu *v) { CHECK_EQ(xvcpu_arm64_inject_sync(v, 0x96000010, 0x1234), XVCPU_OK); }
static void unmap_page(xvcpu_vcpu *v)
{
    (void)v;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, RAM_GPA + 0x8000, 0x1000), XVCPU_OK);
}

/* Another CPU changed the tables while the guest ran, then the guest touched the device. */
static int step_unmap_then_device_load(struct xvcpu_arm64_ctx *ctx)
{
    (void)ctx;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, RAM_GPA + 0x9000, 0x1000), XVCPU_OK);
    soft.sysreg[XVCPU_SYSREG_ESR_EL2] = DABT(DABT_SAS(3) | DABT_SRT(2) | DABT_SF);
    soft.sysreg[XVCPU_SYSREG_FAR_EL2] = 0x20;
    soft.sysreg[XVCPU_SYSREG_HPFAR_EL2] = (DEV_GPA >> 12) << 4;
    return XVCPU_ARM64_ENTER_SYNC;
}

/* One lean-path load whose device does `action`; the entry after it is the loop's, not the lean
 * path's (the work is done there). */
static void device_load_with(void (*action)(xvcpu_vcpu *))
{
    xvcpu_exit e;
    dev.action = action;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(3) | DABT_SF), 0x18, DEV_GPA + 0x18);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(dev.calls, 1);
    CHECK_EQ(soft.lean_reentries, 0);
    CHECK_EQ(soft.entries, 2);
    CHECK_EQ(reg(3), dev.values[0]);
}

static void test_device_entry_work(void)
{
    uint64_t pc, vbar = 0x40001000;
    device_fixture();
    warm_hint();
    dev.values[0] = 0x33;
    /* the IRQ line raised by the device: HCR_EL2.VI at the very next entry */
    device_load_with(raise_irq);
    CHECK(!(soft.hcr_at_entry[0] & XVCPU_HCR_EL2_VI));
    CHECK(soft.hcr_at_entry[1] & XVCPU_HCR_EL2_VI);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    dev.calls = soft.entries = 0;
    /* and the FIQ line */
    device_load_with(raise_fiq);
    CHECK(soft.hcr_at_entry[1] & XVCPU_HCR_EL2_VF);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    dev.calls = soft.entries = 0;
    /* a synchronous exception queued by the device: delivered after the load, at the next entry */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_VBAR_EL1, vbar), XVCPU_OK);
    pc = reg(XVCPU_ARM64_PC);
    device_load_with(inject_abort);
    CHECK_EQ(soft.pc_at_entry[1], vbar + 0x200); /* EL1h: current EL with SP_ELx, synchronous */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ESR_EL1], 0x96000010);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_FAR_EL1], 0x1234);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], pc + 4); /* the load was done */
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    dev.calls = soft.entries = 0;
    /* the device changed the stage-2 tables: the lost page is invalidated before the next entry */
    soft.tlbi_ipas2 = soft.tlbi_vmalle1 = 0;
    device_load_with(unmap_page);
    CHECK_EQ(soft.tlbi_ipas2, 1);
    CHECK_EQ(soft.tlbi_ipa[0], RAM_GPA + 0x8000);
    CHECK_EQ(soft.tlbi_vmalle1, 1);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    dev.calls = soft.entries = 0;
    /* another CPU changed them before the access: the same */
    soft.tlbi_ipas2 = soft.tlbi_vmalle1 = 0;
    {
        xvcpu_exit e;
        soft.steps[soft.nsteps++] = step_unmap_then_device_load;
        push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
        CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
        CHECK_EQ(dev.calls, 1);
        CHECK_EQ(soft.lean_reentries, 0);
        CHECK_EQ(soft.tlbi_ipas2, 1);
        CHECK_EQ(soft.tlbi_ipa[0], RAM_GPA + 0x9000);
        CHECK_EQ(reg(2), dev.values[0]);
    }
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* nothing made: the lean path goes on (the control case of the above) */
    dev.calls = soft.entries = 0;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(3) | DABT_SF), 0x18, DEV_GPA + 0x18);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    {
        xvcpu_exit e;
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    }
    CHECK_EQ(soft.lean_reentries, 1);
    teardown();
}

/* --- the device hands the access on, refuses, or calls what it must not ----------------------- */

static xvcpu_err in_device_set_reg, in_device_complete, in_device_run, in_device_unbind;
static void call_refused_apis(xvcpu_vcpu *v)
{
    xvcpu_exit e;
    in_device_set_reg = xvcpu_arm64_set_reg(v, 1, 0x99);
    in_device_complete = xvcpu_complete_mmio_read(v, 0x99);
    in_device_run = xvcpu_vcpu_run(v, &e);
    in_device_unbind = xvcpu_vcpu_unbind(v);
}

static void test_device_exit_refuse_state(void)
{
    xvcpu_exit e;
    uint64_t pc;
    device_fixture();
    warm_hint();
    /* XVCPU_DEVICE_EXIT on the lean path: the VMM gets the MMIO exit, the device is not asked again */
    dev.result = XVCPU_DEVICE_EXIT;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(2) | DABT_SSE | DABT_SRT(4) | DABT_SF), 0x64, DEV_GPA + 0x64);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(dev.calls, 1);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(e.u.mmio_read.addr, DEV_GPA + 0x64);
    CHECK_EQ(e.u.mmio_read.width, 4);
    CHECK_EQ(e.u.mmio_read.reg, 4);
    CHECK_EQ(e.u.mmio_read.reg_width, 8);
    CHECK(e.u.mmio_read.signed_ext);
    CHECK_EQ(e.raw_reason, XVCPU_ARM64_EC_DABT_LOW);
    CHECK_EQ(e.raw_info2, DEV_GPA + 0x64);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_DABT_LOW], 2); /* warm_hint's and this one, once */
    pc = reg(XVCPU_ARM64_PC);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x80000000), XVCPU_OK);
    CHECK_EQ(reg(4), 0xFFFFFFFF80000000ull);
    CHECK_EQ(reg(XVCPU_ARM64_PC), pc + 4);
    /* ... and the VMM may make it fault instead: FAR_EL1 is the access's VA */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_VBAR_EL1, RAM_GPA + 0x4000), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(4) | DABT_SF | DABT_WNR), 0xFFFF000000000068ull,
         DEV_GPA + 0x68);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(e.u.mmio_write.data, 0xFFFFFFFF80000000ull);
    CHECK_EQ(xvcpu_complete_fault(&vcpu, XVCPU_ARM64_EC_DABT_CUR, 0x10), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_FAR_EL1], 0xFFFF000000000068ull);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], pc + 4);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 0x4200);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* a result that is neither: the run fails, the access is not done, the guest executes it again */
    dev.result = 7;
    dev.calls = 0;
    pc = reg(XVCPU_ARM64_PC);
    soft.entries = 0;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(9) | DABT_SF), 0x70, DEV_GPA + 0x70);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_vcpu_run: vCPU 0: the MMIO device at 0xa000070 returned 7, neither XVCPU_DEVICE_DONE nor "
              "XVCPU_DEVICE_EXIT; the access was not done");
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_READY);
    CHECK_EQ(reg(XVCPU_ARM64_PC), pc);
    CHECK_EQ(reg(9), 0);
    dev.result = -2;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(9) | DABT_SF), 0x70, DEV_GPA + 0x70);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_vcpu_run: vCPU 0: the MMIO device at 0xa000070 returned -2, neither XVCPU_DEVICE_DONE nor "
              "XVCPU_DEVICE_EXIT; the access was not done");
    /* the same refusal in the loop (ISV = 0: LDR x9, [x10] decoded) */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 10, 0x70), XVCPU_OK);
    put_insn(pc, 0xF9400149);
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000006, 0x70, DEV_GPA + 0x70);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(soft.pc_at_entry[1], pc); /* executed again */
    CHECK_EQ(soft.pc_at_entry[2], pc);
    CHECK_EQ(reg(XVCPU_ARM64_PC), pc);
    CHECK_EQ(dev.calls, 3);
    /* inside the device the vCPU is Running: what needs Ready or an open exit is refused */
    dev.result = XVCPU_DEVICE_DONE;
    dev.values[dev.calls & 7] = 0x4242; /* the next call's */
    dev.action = call_refused_apis;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(9) | DABT_SF), 0x70, DEV_GPA + 0x70);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(in_device_set_reg, XVCPU_ERR_BAD_STATE);
    CHECK_EQ(in_device_complete, XVCPU_ERR_BAD_STATE);
    CHECK_EQ(in_device_run, XVCPU_ERR_BAD_STATE);
    CHECK_EQ(in_device_unbind, XVCPU_ERR_BAD_STATE);
    CHECK_EQ(reg(9), 0x4242);
    CHECK_EQ(reg(1), 0); /* the refused set_reg changed nothing */
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    teardown();
}

/* --- what the lean path leaves to the loop: ISV = 0, pairs, S1PTW, FnV, X20-X29 ---------------- */

static void test_device_loop_forms(void)
{
    xvcpu_exit e;
    uint64_t pc;
    device_fixture();
    warm_hint();
    pc = reg(XVCPU_ARM64_PC);
    dev.values[0] = 0x1111;
    dev.values[1] = 0x2222;
    dev.values[2] = 0x7777;
    /* ldp x1, x2, [x3]: two device reads, both registers, no exit */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 3, 0xFFFF000000000100ull), XVCPU_OK);
    put_insn(pc, 0xA9400861);
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000006, 0xFFFF000000000100ull, DEV_GPA + 0x100);
    /* ldr x7, [x8], #16 (post-index): the read at x8, then x8 += 16 */
    put_insn(pc + 4, 0xF8410507);
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000006, 0x300, DEV_GPA + 0x300);
    /* stp w4, w5, [x6, #8]!: two 4-byte writes, then x6 += 8 */
    put_insn(pc + 8, 0x298114C4);
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000046, 0x208, DEV_GPA + 0x208);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 8, 0x300), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 4, 0xA0A0A0A0DEADBEEFull), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 5, 0xCAFEF00D), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 6, 0x200), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(dev.calls, 5);
    CHECK_EQ(soft.lean_reentries, 0);
    CHECK_EQ(soft.entries, 4);
    CHECK_EQ(dev.seen[0].u.mmio_read.addr, DEV_GPA + 0x100);
    CHECK_EQ(dev.seen[0].u.mmio_read.reg, 1);
    CHECK_EQ(dev.seen[1].u.mmio_read.addr, DEV_GPA + 0x108);
    CHECK_EQ(dev.seen[1].u.mmio_read.reg, 2);
    CHECK_EQ(reg(1), 0x1111);
    CHECK_EQ(reg(2), 0x2222);
    CHECK_EQ(reg(7), 0x7777);
    CHECK_EQ(reg(8), 0x310);
    CHECK_EQ(dev.seen[3].kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(dev.seen[3].u.mmio_write.addr, DEV_GPA + 0x208);
    CHECK_EQ(dev.seen[3].u.mmio_write.width, 4);
    CHECK_EQ(dev.seen[3].u.mmio_write.data, 0xDEADBEEF);
    CHECK_EQ(dev.seen[4].u.mmio_write.addr, DEV_GPA + 0x20C);
    CHECK_EQ(dev.seen[4].u.mmio_write.data, 0xCAFEF00D);
    CHECK_EQ(reg(6), 0x208);
    CHECK_EQ(soft.pc_at_entry[1], pc + 4);
    CHECK_EQ(soft.pc_at_entry[2], pc + 8);
    CHECK_EQ(soft.pc_at_entry[3], pc + 12);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* S1PTW in the device's region: the guest's table walk, a NESTED_PAGE_FAULT; the device is not asked */
    dev.calls = 0;
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (3u << 22) | (1u << 15) | (1u << 7) | 6), 0x1000,
         DEV_GPA + 0x800);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(e.u.nested_page_fault.addr, DEV_GPA); /* the table's IPA: HPFAR's page, FAR's offset (0) */
    CHECK_EQ(e.u.nested_page_fault.access, XVCPU_ACCESS_READ);
    CHECK_EQ(dev.calls, 0);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* FnV: no address, MMIO_UNSUPPORTED; the device is not asked */
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SF | (1u << 10)), 0, DEV_GPA);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(e.u.mmio_unsupported.why, "FAR_EL2 not valid for this abort");
    CHECK_EQ(dev.calls, 0);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* X20-X29 are not in ctx on the lean path: LDR x25 and STR x22 are served by the loop, right */
    warm_hint();
    dev.values[0] = 0x2525;
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 22, 0x2222000022220000ull), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(25) | DABT_SF), 0x80, DEV_GPA + 0x80);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(22) | DABT_SF | DABT_WNR), 0x88, DEV_GPA + 0x88);
    /* ... and so is MRS x20, ID_AA64PFR0_EL1 (the lean path answers it for other registers) */
    push(XVCPU_ARM64_ENTER_SYNC, (0x62300069 & ~(31u << 5)) | (20u << 5), 0, 0); /* Rt 20 instead of 3 */
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(soft.lean_reentries, 0);
    CHECK_EQ(dev.calls, 2);
    CHECK_EQ(reg(25), 0x2525);
    CHECK_EQ(dev.seen[1].u.mmio_write.data, 0x2222000022220000ull);
    CHECK_EQ(reg(20), 0x1000000002022ull);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    teardown();
}

/* --- regions ------------------------------------------------------------------------------------- */

static void test_device_regions(void)
{
    xvcpu_exit e;
    device_fixture();
    CHECK_EQ(xvcpu_arm64_add_mmio_device(&vcpu, 0x0B000000, 0x1000, NULL, NULL), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu), "xvcpu_arm64_add_mmio_device: vCPU 0: the device function is NULL");
    CHECK_EQ(xvcpu_arm64_add_mmio_device(&vcpu, DEV_GPA + 0x1000 - 0x1000, 0x2000, test_device, &dev),
             XVCPU_ERR_ALREADY_MAPPED);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu), "xvcpu_arm64_add_mmio_device: vCPU 0: range 0xa000000+0x2000 overlaps "
                                            "MMIO region 0xa000000+0x1000");
    CHECK_EQ(xvcpu_arm64_add_mmio_device(&vcpu, 0x0B000001, 0x1000, test_device, &dev), XVCPU_ERR_INVALID_ARG);
    warm_hint(); /* the hint is the device's slot (1) */
    /* removed while the hint points at its slot: the slot is empty, an abort there is a fault */
    CHECK_EQ(xvcpu_vcpu_remove_mmio_region(&vcpu, DEV_GPA, 0x1000), XVCPU_OK);
    CHECK_EQ(vcpu.mmio_count, 1);
    CHECK(vcpu.mmio[1].device_fn == NULL);
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(1) | DABT_SF), 0x10, DEV_GPA + 0x10);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(dev.calls, 0);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* removing the plain region moves the device's into its slot: still served */
    CHECK_EQ(xvcpu_arm64_add_mmio_device(&vcpu, DEV_GPA, 0x1000, test_device, &dev), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_remove_mmio_region(&vcpu, MMIO_GPA, 0x1000), XVCPU_OK);
    CHECK(vcpu.mmio[0].device_fn == test_device);
    dev.values[0] = 0xD0;
    push(XVCPU_ARM64_ENTER_SYNC, DABT(DABT_SAS(3) | DABT_SRT(1) | DABT_SF), 0x10, DEV_GPA + 0x10);
    push(XVCPU_ARM64_ENTER_SYNC, WFI, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(1), 0xD0);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* a plain region never reaches a device (an MMIO exit, as before) */
    teardown();
}

#define ARM64_DEVICE_TESTS(X) \
    X(test_device_lean_path) \
    X(test_device_entry_work) \
    X(test_device_exit_refuse_state) \
    X(test_device_loop_forms) \
    X(test_device_regions)
