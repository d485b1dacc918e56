/* VMREAD/VMWRITE cost of each VMX exit path, counted on the software machine (deterministic; a
 * figure to minimise, never a test assertion). Prints `bench: <name> <value> <unit>` lines. */
#define XVCPU_IMPLEMENTATION
#include "../unit/soft_machine.h"
#include "../../xvcpu.h"
#include "../unit/check.h"

int check_failures;

#include "../unit/soft_machine.c"
#include "../unit/mock.c"
#include "../unit/test_vmx.c"
#include "../unit/test_mmio.c"

/* Cost of one exit of `reason` (qualification `qual`) in the loop, excluding the exit that ends
 * the run: measured as (two exits) - (one exit) so the closing HLT exit cancels out. */
static void count_run(uint32_t reason, uint64_t qual, void (*prepare)(void), unsigned *reads, unsigned *writes)
{
    vmx_ready(XVCPU_START_PROTECTED);
    soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] = 0x2;
    if (prepare)
        prepare();
    soft.vmreads = soft.vmwrites = 0;
    exit_once(reason, qual, 2);
    *reads = soft.vmreads;
    *writes = soft.vmwrites;
}

/* A built-in exit is followed by the host-interrupt exit that ends the run: subtract that. */
static void measure(const char *name, uint32_t reason, uint64_t qual, void (*prepare)(void))
{
    unsigned r0, w0, r, w;
    count_run(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, prepare, &r0, &w0);
    vmx_done();
    count_run(reason, qual, prepare, &r, &w);
    if (vex.kind == XVCPU_EXIT_EXTERNAL_INTERRUPT && reason != XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT)
        r -= r0, w -= w0;
    printf("bench: vmx.%s_vmreads %u count\n", name, r);
    printf("bench: vmx.%s_vmwrites %u count\n", name, w);
    vmx_done();
}

static void cpuid_leaf0(void) { vv.gpr[XVCPU_REG_RAX] = 0; }
static void wrmsr_efer(void)
{
    vv.gpr[XVCPU_REG_RCX] = 0xC0000080u;
    vv.gpr[XVCPU_REG_RAX] = 0;
    vv.gpr[XVCPU_REG_RDX] = 0;
}

/* An MMIO store (mov %eax, 0x10(%ebx)) from fault to MMIO_WRITE exit: the guest-state reads the
 * instruction fetch and page walk need. */
static void measure_mmio_store(void)
{
    static const uint8_t code[] = { 0x89, 0x43, 0x10 };
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    soft.vmreads = soft.vmwrites = 0;
    mmio_fault(MMIO_DEV + 0x10, 2);
    unsigned fault_reads = soft.vmreads, fault_writes = soft.vmwrites, completed_reads, completed_writes;
    printf("bench: vmx.mmio_store_vmreads %u count\n", fault_reads);
    printf("bench: vmx.mmio_store_vmwrites %u count\n", fault_writes);
    /* the whole round trip: the completion's work at the next entry (the interrupt exit that
     * ends that run costs the same after an idle exit: subtracted) */
    CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);
    soft.vmreads = soft.vmwrites = 0;
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    completed_reads = soft.vmreads, completed_writes = soft.vmwrites;
    soft.vmreads = soft.vmwrites = 0;
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100003);
    printf("bench: vmx.mmio_store_roundtrip_vmreads %u count\n", fault_reads + completed_reads - soft.vmreads);
    printf("bench: vmx.mmio_store_roundtrip_vmwrites %u count\n", fault_writes + completed_writes - soft.vmwrites);
    mmio_done();
}

int main(void)
{
    measure("cpuid", XVCPU_VMX_EXIT_CPUID, 0, cpuid_leaf0);
    measure("out_e9", XVCPU_VMX_EXIT_IO_INSTRUCTION, 0xE9ull << 16, NULL);
    measure("wrmsr_efer", XVCPU_VMX_EXIT_WRMSR, 0, wrmsr_efer);
    measure("hlt", XVCPU_VMX_EXIT_HLT, 0, NULL);
    measure("ept_violation", XVCPU_VMX_EXIT_EPT_VIOLATION, 0x1, NULL);
    measure_mmio_store();
    return check_failures != 0;
}
