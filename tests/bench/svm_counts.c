/* VMCB cost of each SVM exit path, on the software SVM machine (deterministic; a figure to
 * minimise, never a test assertion). The VMCB is plain memory, so what is counted is what the CPU
 * pays for at the next VMRUN: the VMCB fields whose value the library changed between the #VMEXIT
 * and that VMRUN (a field-by-field diff over the generated field list), and the clean-bit groups
 * it left dirty (each one a reload). Prints `bench: svm.<path>_vmcb_writes` and
 * `bench: svm.<path>_clean_dirty` lines. */
#define XVCPU_IMPLEMENTATION
#include "../svm/soft_svm.h"
/* VMRUN through the counting wrapper below, which compares the VMCB before the model touches it */
static int counting_enter(void *vcpu, uint64_t host_area_pa);
#undef XVCPU_SVM_ENTER
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) counting_enter((vcpu), (host_area_pa))
#define TESTS_SOFT_MACHINE_H /* tests/unit/mock.h would pull in the VMX model */
#include "../../xvcpu.h"
#include "../unit/check.h"
#include <stdlib.h>

int check_failures;

#include "../svm/soft_svm.c"
#include "../unit/mock.c"
#include "../svm/test_svm.c"

static xvcpu_vmcb at_exit;   /* the VMCB as the last #VMEXIT left it */
static bool have_exit;

static bool verbose, listing; /* XVCPU_BENCH_VERBOSE=1: name the counted fields on stderr */

static unsigned vmcb_diff(const xvcpu_vmcb *a, const xvcpu_vmcb *b)
{
    unsigned n = 0;
#define COUNT_ONE(area, m)                                                  \
    if (memcmp(&a->area.m, &b->area.m, sizeof(a->area.m)) != 0) {           \
        n++;                                                                \
        if (listing)                                                        \
            fprintf(stderr, "  %s.%s\n", #area, #m);                        \
    }
#define COUNT_K_U8 COUNT_ONE
#define COUNT_K_U16 COUNT_ONE
#define COUNT_K_U32 COUNT_ONE
#define COUNT_K_U64 COUNT_ONE
#define COUNT_K_SEGMENT COUNT_ONE
#define COUNT_CONTROL(m, off, KIND) COUNT_K_##KIND(control, m)
#define COUNT_SAVE(m, off, KIND) COUNT_K_##KIND(save, m)
    XVCPU_VMCB_CONTROL_FIELDS(COUNT_CONTROL)
    XVCPU_VMCB_SAVE_FIELDS(COUNT_SAVE)
    return n;
}

/* Each VMRUN compares the VMCB with how the last #VMEXIT left it (changed[] by VMRUN number).
 * vmcb_clean itself is the library's message to the CPU: not counted. */
static unsigned changed_at[SOFT_SVM_MAX_RUNS];

static int counting_enter(void *vcpu, uint64_t host_area_pa)
{
    xvcpu_vmcb *m = ((xvcpu_vcpu *)vcpu)->arch.svm.vmcb;
    int r;
    if (have_exit && soft.runs < SOFT_SVM_MAX_RUNS) {
        at_exit.control.vmcb_clean = m->control.vmcb_clean;
        listing = verbose && soft.runs == 2;
        changed_at[soft.runs] = vmcb_diff(&at_exit, m);
    }
    r = soft_svm_enter(vcpu, host_area_pa);
    at_exit = *m;
    have_exit = true;
    return r;
}

static unsigned popcount12(uint32_t v)
{
    unsigned n = 0, i;
    for (i = 0; i < 12; i++)
        n += (v >> i) & 1u;
    return n;
}

/* In the steady state (after a first exit), one exit of `code`, completed by `complete` when it
 * reaches the VMM: what the library changed before the VMRUN after it (VMRUN number 2). */
static void measure(const char *name, uint64_t code, uint64_t info1, uint64_t info2, void (*prepare)(void),
                    void (*complete)(void))
{
    start(SVM_NPT | SVM_NRIPS | XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN, XVCPU_START_PROTECTED, 0x8000);
    have_exit = false;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* VMRUN 0: a host interrupt */
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    if (prepare)
        prepare();
    if (verbose)
        fprintf(stderr, "%s:\n", name);
    script_add(code, info1, info2, 2, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* VMRUN 1: the path's exit ... */
    if (complete) {
        complete();
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    }
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT); /* ... VMRUN 2, ended by a host interrupt */
    CHECK_EQ(soft.runs, 3);
    printf("bench: svm.%s_vmcb_writes %u count\n", name, changed_at[2]);
    printf("bench: svm.%s_clean_dirty %u count\n", name, popcount12(~soft.clean_at_run[2] & 0xFFFu));
    finish();
}

static void cpuid_leaf0(void) { v.gpr[XVCPU_REG_RAX] = 0; }
static void wrmsr_efer(void)
{
    v.gpr[XVCPU_REG_RCX] = XVCPU_MSR_IA32_EFER;
    v.gpr[XVCPU_REG_RAX] = XVCPU_IA32_EFER_NXE;
    v.gpr[XVCPU_REG_RDX] = 0;
}
/* HLT with interrupts enabled, as a guest waits (with IF=0 completing HALT keeps the vCPU halted) */
static void interrupts_on(void) { CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RFLAGS, 0x202), XVCPU_OK); }
static void complete_plain(void) { CHECK_EQ(xvcpu_complete(&v), XVCPU_OK); }
static void map_page(void)
{
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x400000, gram_phys, 4096, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6), XVCPU_OK);
    CHECK_EQ(xvcpu_complete_retry(&v), XVCPU_OK);
}

int main(void)
{
    verbose = getenv("XVCPU_BENCH_VERBOSE") != NULL;
    measure("cpuid", XVCPU_SVM_EXIT_CPUID, 0, 0, cpuid_leaf0, NULL);
    measure("out_e9", XVCPU_SVM_EXIT_IOIO, IOIO(0xE9, IO_SZ8 | IO_A32), 0x8001, NULL, complete_plain);
    measure("wrmsr_efer", XVCPU_SVM_EXIT_MSR, 1, 0, wrmsr_efer, NULL);
    measure("hlt", XVCPU_SVM_EXIT_HLT, 0, 0, interrupts_on, complete_plain);
    measure("npf", XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_RW | XVCPU_SVM_NPF_EXITINFO1_US, 0x400000, NULL, map_page);
    return check_failures != 0;
}
