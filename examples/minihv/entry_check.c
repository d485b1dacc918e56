/* minihv's entry-check mode: for each VMCS corruption of tests/unit/entry_cases.h (VMX) or VMCB
 * corruption of tests/svm/vmrun_cases.h (SVM), a fresh vCPU is bound, the state is corrupted
 * (VMWRITE, or a store to the VMCB), and the entry is tried. The console gets one line per case
 * with the failure class the CPU reported and the check xvcpu names; the runner
 * (tests/e2e/run_entry_check_bochs.sh) compares each with the check Bochs logged. A baseline run
 * per start mode first proves the uncorrupted state enters (the guest halts at once). */
#define XVCPU_IMPLEMENTATION
#include "../../xvcpu.h"
#include "kernel.h"
#include "entry_cases.h"
#include "vmrun_cases.h"

#define GUEST_RAM (2u << 20)
#define GUEST_ENTRY 0x8000u

static void *hal_alloc(void *ctx, size_t n, uint64_t *phys) { (void)ctx; return page_alloc(n, phys); }
static void hal_free(void *ctx, void *v, uint64_t phys, size_t n) { (void)ctx; (void)phys; page_free(v, n); }
static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return (void *)(uintptr_t)phys; }
static uint64_t hal_v2p(void *ctx, const void *v) { (void)ctx; return (uint64_t)(uintptr_t)v; }
static const xvcpu_hal hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, NULL };

static xvcpu_percpu cpu0;
static xvcpu_vcpu vcpu;
static xvcpu_stage2 s2;
static uint8_t *ram;
static uint64_t ram_phys;

static uint64_t resolve(uint64_t v)
{
    if (v == ENTRY_VAL_VMCS_PHYS)
        return vcpu.arch.vmx.vmcs_phys;
    if (v == ENTRY_VAL_VMXON_PHYS)
        return cpu0.region_phys;
    if (v == ENTRY_VAL_OTHER_PAGE)
        return vcpu.x86.io_bitmap_phys;
    return v;
}

static void corrupt(uint32_t enc, uint64_t and_mask, uint64_t or_mask)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(enc, &v);
    (void)XVCPU_VMWRITE(enc, (v & and_mask) | resolve(or_mask));
}

/* One entry with the case's corruption (NULL: none; VMX `t` or SVM `s`). Returns false when the
 * host is in trouble. */
static bool try_entry(const char *name, xvcpu_start_mode mode, const entry_case *t, const vmrun_case *s)
{
    xvcpu_vcpu_setup_args args;
    xvcpu_exit exit;
    xvcpu_err err;
    args.mode = mode;
    args.entry = GUEST_ENTRY;
    args.stack = 0x7000;
    args.cr3 = mode == XVCPU_START_LONG ? 0x1000 : 0;
    args.stage2 = &s2;
    kmemset(&vcpu, 0, sizeof(vcpu));
    if ((err = xvcpu_vcpu_create(&vcpu, &cpu0, 0)) != XVCPU_OK || (err = xvcpu_vcpu_setup(&vcpu, &args)) != XVCPU_OK ||
        (err = xvcpu_vcpu_bind(&vcpu, &cpu0)) != XVCPU_OK) {
        kprintf("entry-check %s: setup failed: %s\n", name, xvcpu_vcpu_last_error(&vcpu));
        return false;
    }
    if (s != NULL)
        s->corrupt(vcpu.arch.svm.vmcb);
    if (t != NULL) {
        corrupt(t->enc, t->and_mask, t->or_mask);
        if (t->enc2)
            corrupt(t->enc2, t->and2, t->or2);
        if (t->enc3)
            (void)XVCPU_VMWRITE(t->enc3, t->val3);
    }
    err = xvcpu_vcpu_run(&vcpu, &exit);
    if (err != XVCPU_OK) {
        kprintf("entry-check %s: run failed: %s\n", name, xvcpu_vcpu_last_error(&vcpu));
    } else if (exit.kind == XVCPU_EXIT_FAIL_ENTRY) {
        uint64_t cls = exit.u.fail_entry.vm_instruction_error ? exit.u.fail_entry.vm_instruction_error
                       : s != NULL                            ? (uint32_t)exit.u.fail_entry.hw_reason
                                                              : (exit.u.fail_entry.hw_reason & 0xFFFF);
        kprintf("entry-check %s: class %u check %s\n", name, (unsigned)cls,
                exit.u.fail_entry.check ? exit.u.fail_entry.check : "-");
    } else {
        const char *want = t ? t->check : s ? s->name : NULL;
        kprintf("entry-check %s: entered (%s)%s%s\n", name, xvcpu_exit_kind_name(exit.kind), want ? " expected " : "",
                want ? want : "");
    }
    if ((err = xvcpu_vcpu_unbind(&vcpu)) != XVCPU_OK || (err = xvcpu_vcpu_destroy(&vcpu)) != XVCPU_OK) {
        kprintf("entry-check %s: teardown failed: %s\n", name, xvcpu_vcpu_last_error(&vcpu));
        return false;
    }
    return true;
}

int minihv_main(void)
{
    static const char *const mode_name[3] = { "real", "protected", "long" };
    uint64_t *pml4, *pdpt, *pd;
    xvcpu_err err;
    unsigned i;

    if ((err = xvcpu_percpu_init(&cpu0, &hal, 0, NULL)) != XVCPU_OK || (err = xvcpu_percpu_enable(&cpu0)) != XVCPU_OK) {
        kprintf("xvcpu_percpu_enable: %s\n", xvcpu_percpu_last_error(&cpu0));
        return 1;
    }
    if (xvcpu_stage2_init_for_cpu(&s2, &cpu0) != XVCPU_OK || (ram = (uint8_t *)page_alloc(GUEST_RAM / 4096, &ram_phys)) == NULL ||
        xvcpu_stage2_map(&s2, 0, ram_phys, GUEST_RAM, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6) != XVCPU_OK)
        return 1;
    /* the guest: HLT, then a jump to itself; identity tables for long mode (first 2 MiB) */
    ram[GUEST_ENTRY] = 0xF4;
    ram[GUEST_ENTRY + 1] = 0xEB;
    ram[GUEST_ENTRY + 2] = 0xFE;
    pml4 = (uint64_t *)(ram + 0x1000);
    pdpt = (uint64_t *)(ram + 0x2000);
    pd = (uint64_t *)(ram + 0x3000);
    pml4[0] = 0x2000 | 3;
    pdpt[0] = 0x3000 | 3;
    pd[0] = 0x83;

    for (i = 0; i < 3; i++) {
        char name[32];
        ksnprintf(name, sizeof(name), "baseline-%s", mode_name[i]);
        if (!try_entry(name, (xvcpu_start_mode)(XVCPU_START_REAL + i), NULL, NULL))
            return 1;
    }
    if (cpu0.backend == xvcpu_svm_backend()) {
        for (i = 0; i < VMRUN_CASE_COUNT; i++) {
            char name[48];
            ksnprintf(name, sizeof(name), "vmcb-%s", vmrun_cases[i].tag);
            if (vmrun_cases[i].bochs_skip != NULL)
                kprintf("entry-check %s: skipped (%s)\n", name, vmrun_cases[i].bochs_skip);
            else if (!try_entry(name, XVCPU_START_LONG, NULL, &vmrun_cases[i]))
                return 1;
        }
        i = VMRUN_CASE_COUNT;
    } else {
        for (i = 0; i < ENTRY_CASE_COUNT; i++)
            if (!try_entry(entry_cases[i].name, entry_cases[i].mode, &entry_cases[i], NULL))
                return 1;
    }
    xvcpu_stage2_destroy(&s2);
    if (xvcpu_percpu_disable(&cpu0) != XVCPU_OK)
        return 1;
    kprintf("entry-check: %u cases tried\n", i);
    return 0;
}
