/* The arm64 backend on the software EL2 machine: enable, setup, bind, every exit class, PSCI,
 * sysreg routing, MMIO with ISV = 1 and ISV = 0, injection, VMIDs, stage-2 tables. */
#include <stdlib.h>

typedef struct guest_exc { int kind; uint64_t esr, far, hpfar; } guest_exc;
static guest_exc script[32];

static int step_script(struct xvcpu_arm64_ctx *ctx)
{
    const guest_exc *g = &script[soft.next - 1];
    (void)ctx;
    soft.sysreg[XVCPU_SYSREG_ESR_EL2] = g->esr;
    soft.sysreg[XVCPU_SYSREG_FAR_EL2] = g->far;
    soft.sysreg[XVCPU_SYSREG_HPFAR_EL2] = g->hpfar;
    return g->kind;
}

/* The guest's next exception: kind, ESR_EL2, FAR_EL2 and the IPA whose page HPFAR_EL2 gives. */
static void push(int kind, uint64_t esr, uint64_t far, uint64_t ipa)
{
    script[soft.nsteps].kind = kind;
    script[soft.nsteps].esr = esr;
    script[soft.nsteps].far = far;
    script[soft.nsteps].hpfar = (ipa >> 12) << 4;
    soft.steps[soft.nsteps++] = step_script;
}

#define RAM_GPA 0x40000000ull
#define RAM_SIZE 0x10000ull
#define MMIO_GPA 0x09000000ull
#define ESR(ec, iss) (((uint64_t)(ec) << 26) | (1ull << 25) | (iss))

static xvcpu_percpu cpu;
static xvcpu_vcpu vcpu;
static xvcpu_stage2 s2;
static uint8_t *ram;

static void fixture(void)
{
    xvcpu_vcpu_setup_args args = { XVCPU_START_AARCH64, RAM_GPA, RAM_GPA + 0x8000, 0x44000000, &s2 };
    soft_a64_reset();
    mock_reset();
    memset(&cpu, 0, sizeof(cpu));
    memset(&vcpu, 0, sizeof(vcpu));
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 0, xvcpu_arm64_backend()), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_stage2_init(&s2, &cpu), XVCPU_OK);
    ram = (uint8_t *)aligned_alloc(4096, RAM_SIZE);
    memset(ram, 0, RAM_SIZE);
    CHECK_EQ(xvcpu_stage2_map(&s2, RAM_GPA, (uint64_t)(uintptr_t)ram, RAM_SIZE,
                              XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, XVCPU_S2_MEMATTR_NORMAL_WB),
             XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_create(&vcpu, &cpu, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&vcpu, MMIO_GPA, 0x1000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&vcpu, &args), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
}

static void teardown(void)
{
    if (xvcpu_vcpu_state(&vcpu) == XVCPU_STATE_READY)
        CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&vcpu), XVCPU_OK);
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(xvcpu_percpu_disable(&cpu), XVCPU_OK);
    free(ram);
    CHECK_EQ(mock.pages_outstanding, 0);
    CHECK_EQ(soft.lean_wrote_unsaved, 0); /* the lean handler never wrote X20-X29 in ctx */
    CHECK_EQ(soft.lean_changed_pstate, 0);
}

static uint64_t reg(unsigned r)
{
    uint64_t v = 0xDEAD;
    CHECK_EQ(xvcpu_arm64_get_reg(&vcpu, r, &v), XVCPU_OK);
    return v;
}

static void put_insn(uint64_t gpa, uint32_t insn)
{
    memcpy(ram + (gpa - RAM_GPA), &insn, 4);
}

/* --- per CPU -------------------------------------------------------------------------------------- */

static void test_enable_checks(void)
{
    soft_a64_reset();
    mock_reset();
    soft.sysreg[XVCPU_SYSREG_CURRENTEL] = 1u << 2;
    CHECK_EQ(xvcpu_percpu_init(&cpu, &mock_hal, 3, xvcpu_arm64_backend()), XVCPU_OK);
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_percpu_last_error(&cpu), "xvcpu_percpu_enable: CPU 3 runs at EL1; the arm64 backend needs EL2");
    soft.sysreg[XVCPU_SYSREG_CURRENTEL] = 2u << 2;
    soft.sysreg[XVCPU_SYSREG_HCR_EL2] = XVCPU_HCR_EL2_E2H;
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_percpu_last_error(&cpu),
              "xvcpu_percpu_enable: CPU 3: HCR_EL2.E2H is set (a VHE host); the arm64 backend needs E2H = 0");
    soft.sysreg[XVCPU_SYSREG_HCR_EL2] = 0;
    soft.sysreg[XVCPU_SYSREG_ID_AA64MMFR0_EL1] = 1; /* 36-bit PA */
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_percpu_last_error(&cpu),
              "xvcpu_percpu_enable: CPU 3: 36-bit physical addresses; stage 2 from level 0 needs 40 or more");
    soft.sysreg[XVCPU_SYSREG_ID_AA64MMFR0_EL1] = 0x00000F0000000004ull & ~0ull; /* TGran4_2 = 0xF? */
    soft.sysreg[XVCPU_SYSREG_ID_AA64MMFR0_EL1] = (1ull << 40) | 4; /* TGran4_2 = 1: no 4K at stage 2 */
    CHECK_EQ(xvcpu_percpu_enable(&cpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_percpu_last_error(&cpu), "xvcpu_percpu_enable: CPU 3 has no 4 KiB granule at stage 2");
    CHECK(!xvcpu_percpu_is_enabled(&cpu));
}

static void test_enable_vtcr_vbar(void)
{
    fixture();
    /* 44-bit IPA: T0SZ 20, SL0 2 (level 0), WBWA walks, inner shareable, 4K, PS 4, VS, RES1 */
    CHECK_EQ(cpu.caps.arm64.ipa_bits, 44);
    CHECK_EQ(cpu.caps.arm64.vmid_bits, 16);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VTCR_EL2], 0x800C3594ull);
    /* the library's vectors only while the guest may run; the host's before and after */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VBAR_EL2], 0x40080000);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    {
        xvcpu_exit e;
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    }
    CHECK_EQ(soft.vbar_at_entry[0], SOFT_A64_VECTORS);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VBAR_EL2], 0x40080000);
    teardown();
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VBAR_EL2], 0x40080000);
}

/* --- vCPU setup and bind ------------------------------------------------------------------------------- */

static void test_setup_bind_unbind(void)
{
    xvcpu_vcpu_setup_args x86 = { XVCPU_START_LONG, 0x1000, 0x2000, 0x3000, &s2 };
    xvcpu_vcpu other;
    fixture();
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA);
    CHECK_EQ(reg(XVCPU_ARM64_PSTATE), 0x3C5); /* EL1h, DAIF masked */
    /* a PSTATE the guest cannot have is refused and changes nothing: AArch32, EL2 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3D3), XVCPU_ERR_INVALID_ARG); /* AArch32 SVC */
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu), "xvcpu_arm64_set_reg: vCPU 0: PSTATE 0x3d3 is an AArch32 state (M[4] "
                                            "set); the arm64 backend runs AArch64 guests only");
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x10), XVCPU_ERR_INVALID_ARG); /* AArch32 EL0 */
    CHECK_EQ(xvcpu_vcpu_set_reg(&vcpu, XVCPU_REG_RFLAGS, 0x3C9), XVCPU_ERR_INVALID_ARG); /* EL2h */
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_arm64_set_reg: vCPU 0: PSTATE 0x3c9 is not EL0t, EL1t or EL1h (the guest never runs at EL2 or above)");
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3C8), XVCPU_ERR_INVALID_ARG); /* EL2t */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3CD), XVCPU_ERR_INVALID_ARG); /* EL3h */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3C6), XVCPU_ERR_INVALID_ARG); /* M = 6: reserved */
    CHECK_EQ(reg(XVCPU_ARM64_PSTATE), 0x3C5);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3C4), XVCPU_OK); /* EL1t */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3C5), XVCPU_OK);
    CHECK_EQ(reg(0), 0x44000000);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SP_EL1], RAM_GPA + 0x8000); /* loaded at bind */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SCTLR_EL1], 0x30D00800ull);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VMPIDR_EL2], 0x80000000ull);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VPIDR_EL2], 0x410FD083);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_HCR_EL2], 0x841C203Bull); /* VM SWIO FMO IMO AMO TWI TID3 TSC TIDCP TVM RW */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VTTBR_EL2], s2.root_phys | (1ull << 48)); /* VMID 1 */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_CNTHCTL_EL2], XVCPU_CNTHCTL_EL2_EL1PCTEN);
    CHECK_EQ(soft.fp_saves, 1); /* the host's */
    CHECK_EQ(soft.fp_restores, 1); /* the guest's */
    /* the guest changes its EL1 state; unbind keeps it and gives the host its own back */
    soft.sysreg[XVCPU_SYSREG_TPIDR_EL1] = 0x1234;
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_TPIDR_EL1], 0);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_HCR_EL2], 0);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SP_EL1], 0);
    CHECK_EQ(soft.fp_saves, 2);
    CHECK_EQ(soft.fp_restores, 2);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_TPIDR_EL1], 0x1234);
    /* x86 start modes are refused on arm64 */
    memset(&other, 0, sizeof(other));
    CHECK_EQ(xvcpu_vcpu_create(&other, &cpu, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&other, &x86), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&other), "xvcpu_vcpu_setup: vCPU 1: start mode 3 does not suit the arm64 backend");
    CHECK_EQ(xvcpu_vcpu_destroy(&other), XVCPU_OK);
    teardown();
}

/* --- HVC, SMC, PSCI ------------------------------------------------------------------------------------ */

static void test_hypercall(void)
{
    xvcpu_exit e;
    unsigned i;
    fixture();
    for (i = 0; i < 7; i++)
        CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, i, 0x100 + i), XVCPU_OK);
    soft.sysreg[XVCPU_SYSREG_ELR_EL2] = 0;
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A00002A, 0, 0); /* HVC #42: ELR is already past it */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(e.u.hypercall.nr, 0x100);
    CHECK_EQ(e.u.hypercall.args[0], 0x101);
    CHECK_EQ(e.u.hypercall.args[5], 0x106);
    CHECK_EQ(e.raw_reason, XVCPU_ARM64_EC_HVC64);
    CHECK_STR(e.raw_reason_name, "HVC64");
    CHECK_EQ(e.raw_qualification & 0xFFFF, 42);
    CHECK_EQ(xvcpu_complete_hypercall(&vcpu, 0x77), XVCPU_OK);
    CHECK_EQ(reg(0), 0x77);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA); /* HVC needs no advance */
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_HVC64], 1);
    teardown();
}

static void test_psci(void)
{
    xvcpu_exit e;
    fixture();
    /* VERSION and FEATURES are answered without an exit; then WFI ends the run */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_VERSION), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(0), 0x10001);
    CHECK_EQ(soft.entries, 2);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 4); /* past the WFI */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_FEATURES), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, XVCPU_PSCI_FN_CPU_ON64), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    /* the second HVC: CPU_ON64 */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    /* FEATURES answered 0, then the same registers made the second HVC a FEATURES too: exit? no -
       the answer overwrote X0 = 0, which is not PSCI: a HYPERCALL with nr 0 */
    CHECK_EQ(e.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(e.u.hypercall.nr, 0);
    CHECK_EQ(xvcpu_complete_hypercall(&vcpu, 0), XVCPU_OK);
    /* FEATURES of something unknown */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_FEATURES), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, 0x84000055), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(0), 0xFFFFFFFFFFFFFFFFull);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* CPU_ON64 -> CPU_UP with X0 = SUCCESS */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_CPU_ON64), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, 0x80000101), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 2, 0x40001000), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 3, 0xC0FFEE), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_CPU_UP);
    CHECK_EQ(e.u.cpu_up.target_cpu, 0x80000101);
    CHECK_EQ(e.u.cpu_up.entry_point, 0x40001000);
    CHECK_EQ(e.u.cpu_up.arg, 0xC0FFEE);
    CHECK_EQ(reg(0), 0);
    /* CPU_ON (32-bit) masks its arguments */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_CPU_ON), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 2, 0xFFFF000040001000ull), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.cpu_up.entry_point, 0x40001000);
    /* AFFINITY_INFO for itself: ON; for another: the VMM answers */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_AFFINITY_INFO64), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 2, 0), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(0), XVCPU_PSCI_AFFINITY_ON);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_AFFINITY_INFO64), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, 1), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(e.u.hypercall.nr, XVCPU_PSCI_FN_AFFINITY_INFO64);
    CHECK_EQ(xvcpu_complete_hypercall(&vcpu, XVCPU_PSCI_AFFINITY_OFF), XVCPU_OK);
    CHECK_EQ(reg(0), 1);
    /* CPU_OFF, then SYSTEM_OFF: the vCPU is down for good */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_CPU_OFF), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_CPU_DOWN);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_SYSTEM_OFF), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_EQ(e.raw_qualification, XVCPU_PSCI_FN_SYSTEM_OFF);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_BAD_STATE);
    teardown();
}

static void test_smc_never_reaches_firmware(void)
{
    xvcpu_exit e;
    fixture();
    /* a non-PSCI SMC: NOT_SUPPORTED, PC past it, no exit */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, 0xC2000001), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5E000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(0), 0xFFFFFFFFFFFFFFFFull);
    CHECK_EQ(soft.pc_at_entry[1], RAM_GPA + 4);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* PSCI VERSION by SMC: answered, PC + 4 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_VERSION), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5E000000, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(0), 0x10001);
    CHECK_EQ(soft.pc_at_entry[3], RAM_GPA + 12);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* SYSTEM_RESET by SMC: the VMM sees SYSTEM_DOWN (nothing is forwarded) */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_SYSTEM_RESET), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5E000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_EQ(e.raw_qualification, XVCPU_PSCI_FN_SYSTEM_RESET);
    CHECK_EQ(e.raw_reason, XVCPU_ARM64_EC_SMC64);
    teardown();
}

/* --- the lean exit path ------------------------------------------------------------------------------------------ */

/* Another CPU unmaps a page while the guest runs, then the guest makes an HVC. */
static int step_unmap_then_hvc(struct xvcpu_arm64_ctx *ctx)
{
    (void)ctx;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, RAM_GPA + 0x8000, 0x1000), XVCPU_OK);
    soft.sysreg[XVCPU_SYSREG_ESR_EL2] = 0x5A000000;
    return XVCPU_ARM64_ENTER_SYNC;
}

static void test_lean_exits(void)
{
    xvcpu_exit e;
    fixture();
    /* HVC PSCI_VERSION, SMC with a non-PSCI id, MRS of an ID register, MSR to a TVM register and WFE
       are answered by the lean handler: the guest is entered again from the vectors, not the loop */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_VERSION), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 7, 0x40456000), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);                     /* HVC at +0 (ELR at +4) */
    push(XVCPU_ARM64_ENTER_SYNC, 0x5E000000, 0, 0);                     /* SMC: X0 is 0x10001 now */
    push(XVCPU_ARM64_ENTER_SYNC, 0x62300069, 0, 0);                     /* MRS x3, ID_AA64PFR0_EL1 */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, (3u << 20) | (2u << 10) | (7u << 5)), 0, 0); /* MSR TTBR0_EL1, x7 */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 1), 0, 0);     /* WFE */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);     /* WFI: HALT for the VMM */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(soft.entries, 6);
    CHECK_EQ(soft.lean_reentries, 5);
    CHECK_EQ(reg(0), 0xFFFFFFFFFFFFFFFFull); /* the SMC's NOT_SUPPORTED */
    CHECK_EQ(reg(3), 0x1000000002022ull);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_TTBR0_EL1], 0x40456000);
    CHECK_EQ(soft.pc_at_entry[1], RAM_GPA);      /* HVC: ELR already past it (the script keeps PC) */
    CHECK_EQ(soft.pc_at_entry[2], RAM_GPA + 4);  /* SMC stepped over */
    CHECK_EQ(soft.pc_at_entry[3], RAM_GPA + 8);  /* MRS */
    CHECK_EQ(soft.pc_at_entry[4], RAM_GPA + 12); /* MSR */
    CHECK_EQ(soft.pc_at_entry[5], RAM_GPA + 16); /* WFE */
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_HVC64], 1);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_SMC64], 1);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_SYSREG], 2);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_WFX], 2); /* the WFE here, the WFI in the loop */
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* an HVC that needs the VMM goes to the loop: a HYPERCALL */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, 0x1234), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HYPERCALL);
    CHECK_EQ(e.u.hypercall.nr, 0x1234);
    CHECK_EQ(soft.lean_reentries, 5);
    CHECK_EQ(xvcpu_complete_hypercall(&vcpu, XVCPU_PSCI_FN_VERSION), XVCPU_OK);
    /* the stage-2 tables lost a page while the guest ran: the lean handler leaves the HVC to the
       loop, which invalidates that IPA before entering again */
    soft.tlbi_ipas2 = soft.tlbi_vmalle1 = 0;
    soft.steps[soft.nsteps++] = step_unmap_then_hvc;
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(0), 0x10001);
    CHECK_EQ(soft.lean_reentries, 5);
    CHECK_EQ(soft.tlbi_ipas2, 1);
    CHECK_EQ(soft.tlbi_ipa[0], RAM_GPA + 0x8000);
    CHECK_EQ(soft.tlbi_vmalle1, 1);
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_HVC64], 3);
    teardown();
}

/* --- data aborts ------------------------------------------------------------------------------------------- */

static void test_mmio_isv1(void)
{
    xvcpu_exit e;
    fixture();
    /* STR w1, [MMIO + 0x18]: the ESR QEMU reports (ISV, SAS word, SRT 1, WnR, DFSC L2 translation) */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 1, 0xAABBCCDD11223344ull), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x93810046, 0xFFFF000000001018ull, MMIO_GPA + 0x18);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x18);
    CHECK_EQ(e.u.mmio_write.width, 4);
    CHECK_EQ(e.u.mmio_write.data, 0x11223344);
    CHECK_EQ(e.raw_info2, MMIO_GPA + 0x18);
    /* LDRSB x3: SAS byte, SSE, SRT 3, SF */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (1u << 21) | (3u << 16) | (1u << 15) | 6), 0x5, MMIO_GPA + 5);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK); /* completes the write implicitly: PC + 4 */
    CHECK_EQ(soft.pc_at_entry[1], RAM_GPA + 4);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 5);
    CHECK_EQ(e.u.mmio_read.width, 1);
    CHECK_EQ(e.u.mmio_read.reg, 3);
    CHECK_EQ(e.u.mmio_read.reg_width, 8);
    CHECK(e.u.mmio_read.signed_ext);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x1F80), XVCPU_OK);
    CHECK_EQ(reg(3), 0xFFFFFFFFFFFFFF80ull);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 8);
    /* LDRSH w5: sign-extended to 32 bits, then zero-extended into X5 */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (1u << 22) | (1u << 21) | (5u << 16) | 6), 0x6, MMIO_GPA + 6);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_read.reg_width, 4);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x8000), XVCPU_OK);
    CHECK_EQ(reg(5), 0xFFFF8000ull);
    /* LDR xzr: the value is discarded */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (3u << 22) | (31u << 16) | (1u << 15) | 6), 0x8, MMIO_GPA + 8);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_read.reg, 31);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x1234), XVCPU_OK);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 16);
    /* STR xzr stores 0 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 30, 0x5555), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (3u << 22) | (31u << 16) | (1u << 15) | (1u << 6) | 6), 0x10,
         MMIO_GPA + 0x10);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_write.data, 0);
    CHECK_EQ(e.u.mmio_write.width, 8);
    teardown();
}

static void test_aborts_outside_mmio(void)
{
    xvcpu_exit e;
    fixture();
    /* a write above RAM: NESTED_PAGE_FAULT with the IPA, WRITE and the VA */
    push(XVCPU_ARM64_ENTER_SYNC, 0x93810046, 0x7FF0123, 0x50000123);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(e.u.nested_page_fault.addr, 0x50000123);
    CHECK_EQ(e.u.nested_page_fault.access, XVCPU_ACCESS_WRITE);
    CHECK(e.u.nested_page_fault.linear_valid);
    CHECK_EQ(e.u.nested_page_fault.linear, 0x7FF0123);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA); /* retried after the VMM maps it */
    /* S1PTW in the MMIO region: the guest's table walk faulted, not a device access */
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000086, 0x1000, MMIO_GPA + 0x800);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(e.u.nested_page_fault.access, XVCPU_ACCESS_READ);
    CHECK(!e.u.nested_page_fault.linear_valid);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* an instruction abort: EXEC */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_IABT_LOW, 6), 0x60000000, 0x60000000);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(e.u.nested_page_fault.access, XVCPU_ACCESS_EXEC);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* FnV in an MMIO region: no address to emulate at */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x24, (1u << 24) | (1u << 10) | 6), 0, MMIO_GPA);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(e.u.mmio_unsupported.why, "FAR_EL2 not valid for this abort");
    teardown();
}

/* ISV = 0: the instruction at the PC decides; the ESR QEMU gives for those is 0x92000006. */
static void isv0(uint32_t insn, uint64_t far, bool write)
{
    put_insn(reg(XVCPU_ARM64_PC), insn);
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000006 | (write ? 0x40 : 0), far, MMIO_GPA + (far & 0xFFF));
}

static void test_mmio_isv0(void)
{
    xvcpu_exit e;
    fixture();
    /* ldp x1, x2, [x3] */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 3, 0xFFFF000000000100ull), XVCPU_OK);
    isv0(0xA9400861, 0xFFFF000000000100ull, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x100);
    CHECK_EQ(e.u.mmio_read.width, 8);
    CHECK_EQ(e.u.mmio_read.reg, 1);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x1111), XVCPU_OK);
    CHECK_EQ(reg(1), 0); /* both registers are written at the end */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.entries, 1); /* no guest entry between the two */
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x108);
    CHECK_EQ(e.u.mmio_read.reg, 2);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x2222), XVCPU_OK);
    CHECK_EQ(reg(1), 0x1111);
    CHECK_EQ(reg(2), 0x2222);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 4);
    /* stp w4, w5, [x6, #8]!: two 4-byte writes, then x6 += 8 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 4, 0xA0A0A0A0DEADBEEFull), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 5, 0xCAFEF00D), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 6, 0x200), XVCPU_OK);
    isv0(0x298114C4, 0x208, true);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x208);
    CHECK_EQ(e.u.mmio_write.width, 4);
    CHECK_EQ(e.u.mmio_write.data, 0xDEADBEEF);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x20C);
    CHECK_EQ(e.u.mmio_write.data, 0xCAFEF00D);
    CHECK_EQ(reg(6), 0x200);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* ldr x7, [x8], #16 (post-index): the access at x8, then x8 += 16 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 8, 0x300), XVCPU_OK);
    isv0(0xF8410507, 0x300, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK); /* writes the store pair's base back first */
    CHECK_EQ(reg(6), 0x208);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 8);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x300);
    CHECK_EQ(e.u.mmio_read.reg, 7);
    CHECK_EQ(e.u.mmio_read.reg_width, 8);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x7777), XVCPU_OK);
    CHECK_EQ(reg(7), 0x7777);
    /* ldr w9, [x10, x11] (register offset) */
    isv0(0xB86B6949, 0x40C, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(8), 0x310);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x40C);
    CHECK_EQ(e.u.mmio_read.width, 4);
    CHECK_EQ(e.u.mmio_read.reg, 9);
    CHECK(!e.u.mmio_read.signed_ext);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0xFFFFFFFF99ull), XVCPU_OK);
    CHECK_EQ(reg(9), 0xFFFFFF99ull);
    /* ldpsw x12, x13, [x14, #-8]: two sign-extended words */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 14, 0x508), XVCPU_OK);
    isv0(0x697F35CC, 0x500, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x500);
    CHECK_EQ(e.u.mmio_read.width, 4);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x80000000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x504);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 5), XVCPU_OK);
    CHECK_EQ(reg(12), 0xFFFFFFFF80000000ull);
    CHECK_EQ(reg(13), 5);
    CHECK_EQ(reg(14), 0x508); /* signed offset: no writeback */
    /* ldrsh x15, [x16, #2] */
    isv0(0x7980060F, 0x602, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_read.width, 2);
    CHECK(e.u.mmio_read.signed_ext);
    CHECK_EQ(e.u.mmio_read.reg_width, 8);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0xFFFE), XVCPU_OK);
    CHECK_EQ(reg(15), 0xFFFFFFFFFFFFFFFEull);
    /* stp x1, x2, [sp, #-16]! with SP_EL1 as the base */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_SP_EL1, 0xFFFF000000000710ull), XVCPU_OK);
    isv0(0xA9BF0BE1, 0xFFFF000000000700ull, true);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x700);
    CHECK_EQ(e.u.mmio_write.data, 0x1111);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x708);
    CHECK_EQ(e.u.mmio_write.data, 0x2222);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* ldrb w3, [x4, #1]! (pre-index): the access at x4 + 1, then x4 += 1; retried: no writeback */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 4, 0x7FF), XVCPU_OK);
    isv0(0x38401C83, 0x800, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(XVCPU_ARM64_SP_EL1), 0xFFFF000000000700ull);
    CHECK_EQ(e.u.mmio_read.addr, MMIO_GPA + 0x800);
    CHECK_EQ(xvcpu_complete_retry(&vcpu), XVCPU_OK);
    isv0(0x38401C83, 0x800, false);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(4), 0x7FF);
    CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, 0x1AB), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(3), 0xAB);
    CHECK_EQ(reg(4), 0x800);
    teardown();
}

static void test_mmio_isv0_unsupported(void)
{
    xvcpu_exit e;
    static const struct { uint32_t insn; const char *why; } cases[] = {
        {0x3DC00020, "SIMD/FP register"},                  /* ldr q0, [x1] */
        {0xC85F7C62, "exclusive or acquire/release load/store"}, /* ldxr x2, [x3] */
        {0xF8210062, "atomic memory operation"},           /* ldadd x1, x2, [x3] */
        {0x52800000, "not a load or store the library emulates"}, /* mov w0, #0 */
    };
    unsigned i;
    fixture();
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        isv0(cases[i].insn, 0x10, false);
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
        CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
        CHECK_STR(e.u.mmio_unsupported.why, cases[i].why);
        CHECK_EQ(e.u.mmio_unsupported.fetched, 4);
        CHECK_EQ(e.u.mmio_unsupported.bytes[0], cases[i].insn & 0xFF);
        CHECK_EQ(e.u.mmio_unsupported.bytes[3], cases[i].insn >> 24);
        CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK); /* skip it */
    }
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 16);
    /* a stage-1 fault on the fetch: nothing to decode */
    soft.at_fault = true;
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000006, 0x10, MMIO_GPA + 0x10);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(e.u.mmio_unsupported.why, "the instruction could not be fetched");
    CHECK_EQ(e.u.mmio_unsupported.fetched, 0);
    /* the VMM answers with a synchronous external abort at EL1 */
    CHECK_EQ(xvcpu_complete_fault(&vcpu, XVCPU_ARM64_EC_DABT_CUR, 0x10), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ESR_EL1], ESR(XVCPU_ARM64_EC_DABT_CUR, 0x10));
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], RAM_GPA + 16);
    teardown();
}

/* With the guest's MMU on, the instruction is fetched through its stage-1 tables (AT). */
static void test_mmio_isv0_mmu_on(void)
{
    xvcpu_exit e;
    fixture();
    soft.sysreg[XVCPU_SYSREG_SCTLR_EL1] |= XVCPU_SCTLR_EL1_M;
    soft.at_offset = 0xFFFF000000000000ull - RAM_GPA; /* VA 0xFFFF000000000000 = IPA RAM_GPA */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PC, 0xFFFF000000000020ull), XVCPU_OK);
    put_insn(RAM_GPA + 0x20, 0x790000BF); /* strh wzr, [x5] */
    push(XVCPU_ARM64_ENTER_SYNC, 0x92000046, 0xFFFF800000000042ull, MMIO_GPA + 0x42);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(e.u.mmio_write.addr, MMIO_GPA + 0x42);
    CHECK_EQ(e.u.mmio_write.width, 2);
    CHECK_EQ(e.u.mmio_write.data, 0);
    teardown();
}

/* --- system registers, WFx, interrupts, other classes ------------------------------------------------------ */

static void test_sysregs(void)
{
    xvcpu_exit e;
    uint64_t v;
    fixture();
    /* MRS x3, ID_AA64PFR0_EL1 (the ESR QEMU reports): from the table, EL2 hidden */
    push(XVCPU_ARM64_ENTER_SYNC, 0x62300069, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(reg(3), 0x1000000002022ull);
    CHECK_EQ(soft.pc_at_entry[1], RAM_GPA + 4);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* the VMM's own view */
    CHECK_EQ(xvcpu_arm64_set_id_reg(&vcpu, XVCPU_SYSREG_ID_AA64PFR0_EL1, 0x11), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_get_id_reg(&vcpu, XVCPU_SYSREG_ID_AA64PFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x11);
    CHECK_EQ(xvcpu_arm64_set_id_reg(&vcpu, XVCPU_SYSREG_SCTLR_EL1, 1), XVCPU_ERR_INVALID_ARG);
    push(XVCPU_ARM64_ENTER_SYNC, 0x62300069, 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(reg(3), 0x11);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* MSR TTBR0_EL1, x7 (TVM): performed by the library */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 7, 0x40123000), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, (3u << 20) | (0u << 17) | (0u << 14) | (2u << 10) | (7u << 5) | (0u << 1)),
         0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_TTBR0_EL1], 0x40123000);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* MSR ICC_SGI1R_EL1, x2: SEND_IPI with the target list */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 2, (5ull << 24) | (1ull << 16) | 0x6 | (2ull << 44) | (3ull << 32)), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, (3u << 20) | (5u << 17) | (0u << 14) | (12u << 10) | (2u << 5) | (11u << 1)),
         0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SEND_IPI);
    CHECK_EQ(e.u.send_ipi.vector, 5);
    CHECK_EQ(e.u.send_ipi.target_cpu, (3ull << 16) | (1ull << 8) | 32);
    CHECK_EQ(e.u.send_ipi.target_cpu_aux, 6);
    CHECK(!e.u.send_ipi.send_to_all);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 28);
    /* MRS x9, S3_3_C15_C2_0 (implementation defined): SYSREG_READ */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, (3u << 20) | (0u << 17) | (3u << 14) | (15u << 10) | (9u << 5) | (2u << 1) | 1),
         0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSREG_READ);
    CHECK_EQ(e.u.sysreg_read.addr, XVCPU_SYSREG_ENC(3, 3, 15, 2, 0));
    CHECK_EQ(e.u.sysreg_read.reg, 9);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_BAD_STATE); /* needs its value */
    CHECK_EQ(xvcpu_complete_sysreg_read(&vcpu, 0xFEEDFACECAFEBEEFull), XVCPU_OK);
    CHECK_EQ(reg(9), 0xFEEDFACECAFEBEEFull);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 32);
    /* MSR S3_0_C15_C0_0, xzr: SYSREG_WRITE of 0 */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, (3u << 20) | (15u << 10) | (31u << 5)), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSREG_WRITE);
    CHECK_EQ(e.u.sysreg_write.addr, XVCPU_SYSREG_ENC(3, 0, 15, 0, 0));
    CHECK_EQ(e.u.sysreg_write.value, 0);
    teardown();
}

static void test_wfx_irq_unknown(void)
{
    xvcpu_exit e;
    fixture();
    /* WFE runs on; an IRQ ends the run with the PC where it was */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 1), 0, 0);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(e.raw_reason, XVCPU_ARM64_REASON_IRQ);
    CHECK_EQ(reg(XVCPU_ARM64_PC), RAM_GPA + 4);
    /* an illegal-state exception: UNDEF into EL1 at the next entry and UNHANDLED for the VMM */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_VBAR_EL1, 0x40002000), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_ILLEGAL_STATE, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_UNHANDLED);
    CHECK_EQ(e.raw_reason, XVCPU_ARM64_EC_ILLEGAL_STATE);
    CHECK_STR(e.raw_reason_name, "ILLEGAL_STATE");
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.pc_at_entry[3], 0x40002200); /* current EL with SP_EL1: +0x200 */
    CHECK_EQ(soft.pstate_at_entry[3], 0x3C5);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ESR_EL1], 0x02000000);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], RAM_GPA + 4);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SPSR_EL1], 0x3C5);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* from EL0: the lower-EL vector */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_inject_sync(&vcpu, 0x56000000, 0x1234), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_inject_sync(&vcpu, 0x56000000, 0x1234), XVCPU_ERR_BUSY);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.pc_at_entry[4], 0x40002400);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_FAR_EL1], 0x1234);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SPSR_EL1], 0);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* the virtual IRQ line */
    CHECK_EQ(xvcpu_arm64_set_irq_line(&vcpu, true), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK(soft.hcr_at_entry[5] & XVCPU_HCR_EL2_VI);
    CHECK(!(soft.hcr_at_entry[5] & XVCPU_HCR_EL2_VF));
    CHECK_EQ(xvcpu_arm64_set_irq_line(&vcpu, false), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_fiq_line(&vcpu, true), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_FIQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.u.external_interrupt.vector, 1);
    CHECK_EQ(soft.hcr_at_entry[6] & (XVCPU_HCR_EL2_VI | XVCPU_HCR_EL2_VF), XVCPU_HCR_EL2_VF);
    /* a guest that cannot be entered (the machine has no more script): an error, not a hang */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_VM_ENTRY);
    teardown();
}

/* --- VMIDs and TLB maintenance -------------------------------------------------------------------------------- */

static void test_vmid_generations(void)
{
    xvcpu_exit e;
    xvcpu_vcpu b;
    fixture();
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_alle1, 1); /* once after enable */
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_alle1 + soft.tlbi_vmalls12 + soft.tlbi_ipas2, 1); /* nothing on the next entry */
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    /* VMIDs run out: a new generation, one flush of everything */
    cpu.caps.arm64.next_vmid = 0xFFFF;
    memset(&b, 0, sizeof(b));
    {
        xvcpu_vcpu_setup_args args = { XVCPU_START_AARCH64, RAM_GPA, RAM_GPA + 0x8000, 0, &s2 };
        CHECK_EQ(xvcpu_vcpu_create(&b, &cpu, 1), XVCPU_OK);
        CHECK_EQ(xvcpu_vcpu_setup(&b, &args), XVCPU_OK);
    }
    CHECK_EQ(xvcpu_vcpu_bind(&b, &cpu), XVCPU_OK);
    CHECK_EQ(b.arch.arm64.vmid, 0xFFFF);
    CHECK_EQ(xvcpu_vcpu_unbind(&b), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK); /* its VMID 1 is still this generation's */
    CHECK_EQ(vcpu.arch.arm64.vmid, 1);
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    cpu.caps.arm64.vmid_generation++; /* as if the CPU had run out */
    cpu.caps.arm64.flush_all_pending = true;
    cpu.caps.arm64.next_vmid = 1;
    CHECK_EQ(xvcpu_vcpu_bind(&b, &cpu), XVCPU_OK);
    CHECK_EQ(b.arch.arm64.vmid, 1);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VTTBR_EL2] >> 48, 1);
    CHECK_EQ(xvcpu_vcpu_unbind(&b), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    CHECK_EQ(vcpu.arch.arm64.vmid, 2); /* a new one */
    CHECK_EQ(xvcpu_vcpu_destroy(&b), XVCPU_OK);
    teardown();
}

static void test_tlb_by_ipa(void)
{
    xvcpu_exit e;
    fixture();
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    soft.tlbi_alle1 = soft.tlbi_vmalls12 = soft.tlbi_ipas2 = soft.tlbi_vmalle1 = 0;
    CHECK_EQ(xvcpu_stage2_protect(&s2, RAM_GPA + 0x2000, 0x2000, XVCPU_ACCESS_READ), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_unmap(&s2, RAM_GPA + 0x8000, 0x1000), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_ipas2, 3);
    CHECK_EQ(soft.tlbi_ipa[0], RAM_GPA + 0x2000);
    CHECK_EQ(soft.tlbi_ipa[1], RAM_GPA + 0x3000);
    CHECK_EQ(soft.tlbi_ipa[2], RAM_GPA + 0x8000);
    CHECK_EQ(soft.tlbi_vmalle1, 1);
    CHECK_EQ(soft.tlbi_vmalls12 + soft.tlbi_alle1, 0);
    /* adding a mapping loses nothing: no maintenance */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x80000000, (uint64_t)(uintptr_t)ram, 0x1000, XVCPU_ACCESS_READ,
                              XVCPU_S2_MEMATTR_NORMAL_WB), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_ipas2, 3);
    /* eight pages: still by IPA */
    CHECK_EQ(xvcpu_stage2_protect(&s2, RAM_GPA, 0x8000, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_ipas2, 11);
    CHECK_EQ(soft.tlbi_vmalls12, 0);
    /* more generations than the log keeps: the whole VMID */
    {
        int i;
        for (i = 0; i < XVCPU_STAGE2_LOST_LOG + 1; i++) {
            CHECK_EQ(xvcpu_stage2_unmap(&s2, RAM_GPA + 0x9000, 0x1000), XVCPU_OK);
            CHECK_EQ(xvcpu_stage2_map(&s2, RAM_GPA + 0x9000, (uint64_t)(uintptr_t)ram + 0x9000, 0x1000,
                                      XVCPU_ACCESS_READ, XVCPU_S2_MEMATTR_NORMAL_WB), XVCPU_OK);
        }
    }
    push(XVCPU_ARM64_ENTER_IRQ, 0, 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(soft.tlbi_ipas2, 11);
    CHECK_EQ(soft.tlbi_vmalls12, 1);
    teardown();
}

/* --- stage 2 --------------------------------------------------------------------------------------------------- */

static void test_stage2_format(void)
{
    xvcpu_stage2 t;
    uint64_t *l0, *l1, *l2, *l3, hpa, size;
    uint32_t perms;
    soft_a64_reset();
    mock_reset();
    CHECK_EQ(xvcpu_stage2_init(&t, &mock_hal, XVCPU_STAGE2_ARM64, XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G, false),
             XVCPU_OK);
    /* a 2 MiB block of normal memory, read/write, execute-never */
    CHECK_EQ(xvcpu_stage2_map(&t, 0x40000000, 0x80000000, 0x200000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE,
                              XVCPU_S2_MEMATTR_NORMAL_WB), XVCPU_OK);
    l0 = (uint64_t *)t.root;
    CHECK_EQ(l0[0] & 3, 3); /* table */
    l1 = (uint64_t *)(uintptr_t)(l0[0] & XVCPU_S2_DESC_ADDRESS_MASK);
    CHECK_EQ(l1[1] & 3, 3);
    l2 = (uint64_t *)(uintptr_t)(l1[1] & XVCPU_S2_DESC_ADDRESS_MASK);
    /* valid, block (bit 1 clear), MemAttr 0xF, S2AP RW, SH inner, AF, XN */
    CHECK_EQ(l2[0], 0x80000000ull | 1 | (0xFull << 2) | (3ull << 6) | (3ull << 8) | (1ull << 10) | (1ull << 54));
    /* a device page, read-only, executable: a level-3 page descriptor (bit 1 set) */
    CHECK_EQ(xvcpu_stage2_map(&t, 0x09000000, 0x09000000, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC,
                              XVCPU_S2_MEMATTR_DEVICE_NGNRE), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_translate(&t, 0x09000010, &hpa, &perms, &size), XVCPU_OK);
    CHECK_EQ(hpa, 0x09000010);
    CHECK_EQ(perms, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC);
    CHECK_EQ(size, 0x1000);
    l2 = (uint64_t *)(uintptr_t)(l1[0] & XVCPU_S2_DESC_ADDRESS_MASK);
    l3 = (uint64_t *)(uintptr_t)(l2[0x48] & XVCPU_S2_DESC_ADDRESS_MASK);
    CHECK_EQ(l3[0], 0x09000000ull | 3 | (0x1ull << 2) | (1ull << 6) | (3ull << 8) | (1ull << 10));
    /* unmapping the middle of the block splits it into pages with the page bit set */
    CHECK_EQ(xvcpu_stage2_unmap(&t, 0x40001000, 0x1000), XVCPU_OK);
    l2 = (uint64_t *)(uintptr_t)(l1[1] & XVCPU_S2_DESC_ADDRESS_MASK);
    CHECK_EQ(l2[0] & 3, 3);
    l3 = (uint64_t *)(uintptr_t)(l2[0] & XVCPU_S2_DESC_ADDRESS_MASK);
    CHECK_EQ(l3[0], 0x80000000ull | 3 | (0xFull << 2) | (3ull << 6) | (3ull << 8) | (1ull << 10) | (1ull << 54));
    CHECK_EQ(l3[1], 0);
    CHECK_EQ(l3[2] & XVCPU_S2_DESC_ADDRESS_MASK, 0x80002000);
    CHECK_EQ(t.generation, 1);
    CHECK_EQ(t.lost[1].gpa, 0x40001000);
    CHECK_EQ(t.lost[1].size, 0x1000);
    CHECK_EQ(xvcpu_stage2_translate(&t, 0x40001000, NULL, NULL, NULL), XVCPU_ERR_NOT_MAPPED);
    /* x86 memory types are not MemAttr values */
    CHECK_EQ(xvcpu_stage2_map(&t, 0x50000000, 0x50000000, 0x1000, XVCPU_ACCESS_READ, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&t),
              "xvcpu_stage2_map: gpa 0x50000000: memory type 6 is not a stage-2 MemAttr value (XVCPU_S2_MEMATTR_*)");
    /* a 1 GiB block at level 1 */
    CHECK_EQ(xvcpu_stage2_map(&t, 0x100000000ull, 0x100000000ull, 0x40000000, XVCPU_ACCESS_READ,
                              XVCPU_S2_MEMATTR_NORMAL_WB), XVCPU_OK);
    CHECK_EQ(l1[4] & 3, 1);
    CHECK_EQ(xvcpu_stage2_eptp(&t), t.root_phys);
    xvcpu_stage2_destroy(&t);
    CHECK_EQ(mock.pages_outstanding, 0);
}

/* The x86 event calls refuse an arm64 vCPU with a pointer to the arm64 ones. */
static void test_x86_calls_refused(void)
{
    fixture();
    CHECK_EQ(xvcpu_inject_interrupt(&vcpu, 40), XVCPU_ERR_UNSUPPORTED);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_inject_interrupt: vCPU 0 runs on arm64: use xvcpu_arm64_inject_sync or xvcpu_arm64_set_irq_line");
    CHECK_EQ(xvcpu_inject_exception(&vcpu, 13, 0), XVCPU_ERR_UNSUPPORTED);
    CHECK_EQ(xvcpu_inject_nmi(&vcpu), XVCPU_ERR_UNSUPPORTED);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vcpu, 0x80, 2), XVCPU_ERR_UNSUPPORTED);
    CHECK_EQ(xvcpu_vcpu_set_reg(&vcpu, XVCPU_REG_CR0, 1), XVCPU_ERR_UNSUPPORTED);
    teardown();
}

/* Hostile ISV = 0 aborts: pseudo-random instruction words and registers at an MMIO fault. Every
 * outcome is an MMIO exit or MMIO_UNSUPPORTED, completions work, and nothing else changes. */
static void test_isv0_sweep(void)
{
    xvcpu_exit e;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    unsigned i, r, reads = 0, writes = 0, unsupported = 0;
    fixture();
    for (i = 0; i < 20000; i++) {
        uint32_t insn;
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
        insn = (uint32_t)seed;
        if (i & 1) /* half of them in the load/store space */
            insn = (insn & ~0x0A000000u) | 0x08000000u;
        for (r = 0; r < 31; r++)
            CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, r, MMIO_GPA + ((seed >> r) & 0xFF8)), XVCPU_OK);
        CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PC, RAM_GPA + 0x100), XVCPU_OK);
        put_insn(RAM_GPA + 0x100, insn);
        push(XVCPU_ARM64_ENTER_SYNC, 0x92000006 | (seed & 1 ? 0x40 : 0), (seed >> 8) & 0xFFF,
             MMIO_GPA + ((seed >> 8) & 0xFFF));
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
        soft.nsteps = soft.next = soft.entries = 0;
        while (e.kind == XVCPU_EXIT_MMIO_READ || e.kind == XVCPU_EXIT_MMIO_WRITE) {
            CHECK(e.kind == XVCPU_EXIT_MMIO_READ ? e.u.mmio_read.addr - MMIO_GPA < 0x1000
                                                 : e.u.mmio_write.addr - MMIO_GPA < 0x1000);
            if (e.kind == XVCPU_EXIT_MMIO_READ) {
                reads++;
                CHECK_EQ(xvcpu_complete_mmio_read(&vcpu, seed), XVCPU_OK);
            } else {
                writes++;
                CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
            }
            if (!vcpu.arch.arm64.pair_active)
                break;
            CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK); /* the pair's second access */
            CHECK_EQ(soft.entries, 0);
        }
        if (e.kind == XVCPU_EXIT_MMIO_UNSUPPORTED) {
            unsupported++;
            CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
        }
        CHECK(e.kind == XVCPU_EXIT_MMIO_READ || e.kind == XVCPU_EXIT_MMIO_WRITE ||
              e.kind == XVCPU_EXIT_MMIO_UNSUPPORTED);
        /* a final run settles writebacks; the guest then stops at a WFI */
        push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
        CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
        CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
        CHECK_EQ(soft.pc_at_entry[0], RAM_GPA + 0x104);
        CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
        soft.nsteps = soft.next = soft.entries = 0;
    }
    CHECK(reads > 100 && writes > 100 && unsupported > 1000);
    printf("  isv0 sweep: %u reads, %u writes, %u unsupported\n", reads, writes, unsupported);
    teardown();
}

/* The VMM's choices before bind: timer view and MPIDR reach the hardware at bind, not later. */
static void test_timer_mpidr(void)
{
    xvcpu_vcpu b;
    xvcpu_vcpu_setup_args args = { XVCPU_START_AARCH64, RAM_GPA, RAM_GPA + 0x8000, 0, &s2 };
    fixture();
    memset(&b, 0, sizeof(b));
    CHECK_EQ(xvcpu_vcpu_create(&b, &cpu, 7), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_timer(&b, 0x123456789ull, false, true), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_mpidr(&b, 0xFF00000102ull), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&b, &args), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    soft.sysreg[XVCPU_SYSREG_CNTVOFF_EL2] = 0x55; /* the host's */
    CHECK_EQ(xvcpu_vcpu_bind(&b, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_CNTVOFF_EL2], 0x123456789ull);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_CNTHCTL_EL2], XVCPU_CNTHCTL_EL2_EL1PCEN);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VMPIDR_EL2], 0xFF80000102ull); /* RES1 bit 31, Aff3 kept */
    CHECK_EQ(xvcpu_arm64_set_timer(&b, 0, true, true), XVCPU_ERR_BAD_STATE);
    CHECK_EQ(xvcpu_vcpu_unbind(&b), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_CNTVOFF_EL2], 0x55);
    CHECK_EQ(xvcpu_vcpu_destroy(&b), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VMPIDR_EL2], 0x80000000ull);
    teardown();
}

/* --- the PMU: hidden unless shared ------------------------------------------------------------------------- */

/* The ISS of a trapped MRS (read = 1) or MSR (Arm ARM D19.2.41, EC 0x18). */
#define SYSREG_ISS(op0, op1, crn, crm, op2, rt, read)                                                           \
    (((uint32_t)(op0) << 20) | ((uint32_t)(op2) << 17) | ((uint32_t)(op1) << 14) | ((uint32_t)(crn) << 10) |   \
     ((uint32_t)(rt) << 5) | ((uint32_t)(crm) << 1) | (uint32_t)(read))

static void test_pmu_hidden(void)
{
    xvcpu_exit e;
    xvcpu_vcpu b;
    uint64_t v;
    xvcpu_vcpu_setup_args args = { XVCPU_START_AARCH64, RAM_GPA, RAM_GPA + 0x8000, 0, &s2 };
    fixture();
    /* the ID view says "no PMU" (PMUVer 0, PerfMon 0); the other fields are the CPU's */
    CHECK_EQ(xvcpu_arm64_get_id_reg(&vcpu, XVCPU_SYSREG_ID_AA64DFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x10305006);
    CHECK_EQ(xvcpu_arm64_get_id_reg(&vcpu, XVCPU_SYSREG_ID_DFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x00010066);
    /* bind traps every PMU register (TPM, TPMCR) besides the debug registers (TDA), HPMN the host's */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_MDCR_EL2], 0x260);
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    soft.sysreg[XVCPU_SYSREG_MDCR_EL2] = 6; /* the host's: HPMN 6 */
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_MDCR_EL2], 0x266);
    CHECK_EQ(xvcpu_arm64_set_pmu(&vcpu, true), XVCPU_ERR_BAD_STATE);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu), "xvcpu_arm64_set_pmu: vCPU 0 is Ready, needs Created or Free");
    /* MRS x0, PMCR_EL0 at the entry: an undefined-instruction exception at EL1, no exit */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_VBAR_EL1, 0x40002000), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, 0x55), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, SYSREG_ISS(3, 3, 9, 12, 0, 0, 1)), 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(soft.entries, 2);
    CHECK_EQ(soft.pc_at_entry[1], 0x40002200); /* current EL with SP_EL1, synchronous */
    CHECK_EQ(soft.pstate_at_entry[1], 0x3C5);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ESR_EL1], 0x02000000); /* EC 0 (unknown), IL */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], RAM_GPA);    /* the MRS itself */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SPSR_EL1], 0x3C5);
    CHECK_EQ(reg(0), 0x55); /* nothing was read */
    CHECK_EQ(vcpu.exit_stats[XVCPU_ARM64_EC_SYSREG], 1);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* MSR PMEVCNTR5_EL0, x1 and MRS x2, PMCCFILTR_EL0 (the counter block at CRn 14) from EL0 */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PC, RAM_GPA + 0x100), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, SYSREG_ISS(3, 3, 14, 8, 5, 1, 0)), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_VM_ENTRY); /* re-entered at the vector; no script left */
    CHECK_EQ(soft.pc_at_entry[3], 0x40002400); /* lower EL (AArch64), synchronous */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], RAM_GPA + 0x100);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_SPSR_EL1], 0);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PC, RAM_GPA + 0x200), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, XVCPU_ARM64_PSTATE, 0x3C5), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 2, 0x77), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, SYSREG_ISS(3, 3, 14, 15, 7, 2, 1)), 0, 0);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_ELR_EL1], RAM_GPA + 0x200);
    CHECK_EQ(reg(2), 0x77);
    CHECK_EQ(xvcpu_complete(&vcpu), XVCPU_OK);
    /* a register next to them that is not the PMU's (PMSCR_EL1, statistical profiling) still exits */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, SYSREG_ISS(3, 0, 9, 9, 0, 4, 1)), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSREG_READ);
    CHECK_EQ(e.u.sysreg_read.addr, XVCPU_SYSREG_ENC(3, 0, 9, 9, 0));
    CHECK_EQ(xvcpu_complete_sysreg_read(&vcpu, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_MDCR_EL2], 6); /* the host's again */
    /* shared: the ID fields as the CPU has them, no PMU trap at bind; a PMU trap that comes anyway
       is an ordinary SYSREG exit */
    memset(&b, 0, sizeof(b));
    CHECK_EQ(xvcpu_vcpu_create(&b, &cpu, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_pmu(&b, true), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_get_id_reg(&b, XVCPU_SYSREG_ID_AA64DFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x10305106);
    CHECK_EQ(xvcpu_arm64_get_id_reg(&b, XVCPU_SYSREG_ID_DFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x03010066);
    CHECK_EQ(xvcpu_vcpu_setup(&b, &args), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&b, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_MDCR_EL2], 0x206);
    push(XVCPU_ARM64_ENTER_SYNC, ESR(0x18, SYSREG_ISS(3, 3, 9, 12, 0, 0, 1)), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&b, &e), XVCPU_OK);
    CHECK_EQ(e.kind, XVCPU_EXIT_SYSREG_READ);
    CHECK_EQ(e.u.sysreg_read.addr, XVCPU_SYSREG_PMCR_EL0);
    CHECK_EQ(xvcpu_complete_sysreg_read(&b, 0x41013000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_unbind(&b), XVCPU_OK);
    /* and hidden again */
    CHECK_EQ(xvcpu_arm64_set_pmu(&b, false), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_get_id_reg(&b, XVCPU_SYSREG_ID_AA64DFR0_EL1, &v), XVCPU_OK);
    CHECK_EQ(v, 0x10305006);
    CHECK_EQ(xvcpu_vcpu_bind(&b, &cpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_MDCR_EL2], 0x266);
    CHECK_EQ(xvcpu_vcpu_unbind(&b), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_destroy(&b), XVCPU_OK);
    CHECK_EQ(xvcpu_arm64_set_pmu(&b, true), XVCPU_ERR_INVALID_ARG); /* destroyed */
    CHECK_EQ(xvcpu_vcpu_bind(&vcpu, &cpu), XVCPU_OK);
    teardown();
}

/* --- an exception at EL2 itself: reported, never a hang ----------------------------------------------------- */

static uint64_t el2_fault_esr, el2_fault_spsr;
static int el2_fault_vector;

/* What the current-EL vectors see when the library's own code faults: a data abort at EL2 on an
   address nothing answers (a synchronous external abort), taken to the vectors of EL2h. */
static int step_el2_fault(struct xvcpu_arm64_ctx *ctx)
{
    (void)ctx;
    soft.sysreg[XVCPU_SYSREG_ESR_EL2] = el2_fault_esr;
    soft.sysreg[XVCPU_SYSREG_FAR_EL2] = 0x400000000ull;
    soft.sysreg[XVCPU_SYSREG_ELR_EL2] = 0xFFFF800000012344ull;
    soft.sysreg[XVCPU_SYSREG_SPSR_EL2] = el2_fault_spsr;
    soft.el2_vector = el2_fault_vector;
    return XVCPU_ARM64_ENTER_EL2_FAULT;
}

static void test_el2_fault(void)
{
    xvcpu_exit e;
    fixture();
    soft.sysreg[XVCPU_SYSREG_TPIDR_EL2] = 0x7777; /* the host's */
    /* an HVC answered at EL2 (the lean path), then the fault */
    CHECK_EQ(xvcpu_arm64_set_reg(&vcpu, 0, XVCPU_PSCI_FN_VERSION), XVCPU_OK);
    push(XVCPU_ARM64_ENTER_SYNC, 0x5A000000, 0, 0);
    el2_fault_esr = 0x96000010;
    el2_fault_spsr = 0x3C9;
    el2_fault_vector = 4;
    soft.steps[soft.nsteps++] = step_el2_fault;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_INTERNAL);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_vcpu_run: vCPU 0: synchronous exception at EL2 in the library (from EL2h): EC 0x25 DABT_CUR, "
              "ESR 0x96000010, FAR 0x400000000, ELR 0xffff800000012344, SPSR 0x3c9; unbind and destroy the vCPU");
    CHECK_STR(xvcpu_strerror(XVCPU_ERR_INTERNAL), "internal fault");
    CHECK_EQ(soft.entries, 2);
    CHECK_EQ(soft.lean_reentries, 1);
    CHECK_EQ(soft.tpidr_at_entry[1], (uint64_t)(uintptr_t)&vcpu.arch.arm64.ctx);
    CHECK_EQ(soft.vbar_at_entry[1], SOFT_A64_VECTORS);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_TPIDR_EL2], 0x7777);     /* the host's again */
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_VBAR_EL2], 0x40080000);
    CHECK_EQ(xvcpu_vcpu_state(&vcpu), XVCPU_STATE_READY);
    /* the vCPU runs no more, without entering the guest; unbind and destroy work */
    push(XVCPU_ARM64_ENTER_SYNC, ESR(XVCPU_ARM64_EC_WFX, 0), 0, 0);
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_BAD_STATE);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_vcpu_run: vCPU 0 was stopped by an exception at EL2; unbind and destroy it");
    CHECK_EQ(soft.entries, 2);
    CHECK_EQ(xvcpu_vcpu_unbind(&vcpu), XVCPU_OK);
    CHECK_EQ(soft.sysreg[XVCPU_SYSREG_HCR_EL2], 0); /* the host's EL2 controls back */
    teardown();
    /* an SError taken on SP_EL0's vectors (EL2t), with an EC the spec does not name */
    fixture();
    el2_fault_esr = (0x3Full << 26) | (1u << 25);
    el2_fault_spsr = 0x3C8;
    el2_fault_vector = 3;
    soft.steps[soft.nsteps++] = step_el2_fault;
    CHECK_EQ(xvcpu_vcpu_run(&vcpu, &e), XVCPU_ERR_INTERNAL);
    CHECK_STR(xvcpu_vcpu_last_error(&vcpu),
              "xvcpu_vcpu_run: vCPU 0: SError exception at EL2 in the library (from EL2t): EC 0x3f ?, "
              "ESR 0xfe000000, FAR 0x400000000, ELR 0xffff800000012344, SPSR 0x3c8; unbind and destroy the vCPU");
    teardown();
}

#include "test_devices.c"

#define ARM64_TESTS(X) \
    ARM64_DEVICE_TESTS(X) \
    X(test_el2_fault) \
    X(test_pmu_hidden) \
    X(test_timer_mpidr) \
    X(test_x86_calls_refused) \
    X(test_isv0_sweep) \
    X(test_enable_checks) \
    X(test_enable_vtcr_vbar) \
    X(test_setup_bind_unbind) \
    X(test_hypercall) \
    X(test_psci) \
    X(test_smc_never_reaches_firmware) \
    X(test_lean_exits) \
    X(test_mmio_isv1) \
    X(test_aborts_outside_mmio) \
    X(test_mmio_isv0) \
    X(test_mmio_isv0_unsupported) \
    X(test_mmio_isv0_mmu_on) \
    X(test_sysregs) \
    X(test_wfx_irq_unknown) \
    X(test_vmid_generations) \
    X(test_tlb_by_ipa) \
    X(test_stage2_format)
