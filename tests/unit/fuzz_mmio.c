/* libFuzzer harness: the MMIO path fed hostile guests. Each input is a guest: 15 bytes of code at
 * the faulting RIP, its registers, the code size (16/32/64-bit), paging on or off (with the input
 * also supplying the page-table entries), and the VMM's answers to MMIO reads. The library must
 * never crash, hang, assert or touch memory outside what it owns, and every exit it produces must
 * be well formed: MMIO accesses inside the device page with a legal width, RIP moved by no more
 * than 15 bytes per instruction. Built with ASan and UBSan (make mmio-fuzz). */
#define XVCPU_IMPLEMENTATION
#define XVCPU_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)
#include "soft_machine.h"
#include "../../xvcpu.h"
#include "check.h"

int check_failures;

#include "soft_machine.c"
#include "mock.c"
#include "test_vmx.c"
#include "test_mmio.c"

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz_mmio: %s\n", what);
    __builtin_trap();
}

static uint64_t take(const uint8_t **p, size_t *n, unsigned bytes)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < bytes && *n > 0; i++, (*p)++, (*n)--)
        v |= (uint64_t)**p << (8 * i);
    return v;
}

/* FUZZ_MMIO_STATS=1: print how each input's first exit came out (to see what the corpus reaches). */
static void stats(const xvcpu_exit *e)
{
    static unsigned seen[XVCPU_EXIT_KIND_COUNT], total;
    if (getenv("FUZZ_MMIO_STATS") == NULL)
        return;
    seen[e->kind]++;
    if (++total % 256 == 0) {
        unsigned k;
        for (k = 0; k < XVCPU_EXIT_KIND_COUNT; k++)
            if (seen[k])
                fprintf(stderr, "%s %u  ", xvcpu_exit_kind_name((xvcpu_exit_kind)k), seen[k]);
        fprintf(stderr, "\n");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t code[15] = { 0 };
    unsigned i, steps, mode_bits;
    uint64_t rip_before;
    if (size < 15 + 8)
        return 0;
    memcpy(code, data, 15);
    data += 15;
    size -= 15;
    mode_bits = (unsigned)take(&data, &size, 1);
    mmio_ready(code, sizeof(code));
    /* registers the operands use: addresses mostly near the device, sometimes anywhere */
    for (i = 0; i < 16; i++) {
        uint64_t r = take(&data, &size, 2);
        vv.gpr[i] = (r & 0x8000) ? take(&data, &size, 8) : MMIO_DEV + (r & 0x1FFF) - 0x800;
    }
    vv.gpr[XVCPU_REG_RCX] &= 0xFF; /* REP counts stay small */
    soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] = 0x2 | (take(&data, &size, 2) & 0xCD5);
    /* code size from CS.L/CS.D; paging from CR0.PG with tables in the code page */
    if (mode_bits & 1) {
        soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS] = 0xA09B; /* 64-bit */
        vv.arch.vmx.efer = XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA;
    } else if (mode_bits & 2) {
        soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS] = 0x9B; /* 16-bit */
    }
    if (mode_bits & 4) {
        uint64_t *t = (uint64_t *)(mmio_code + 0x800);
        vv.arch.vmx.cr0 |= XVCPU_CR0_PG;
        vv.arch.vmx.cr4 |= XVCPU_CR4_PAE | ((mode_bits & 8) ? XVCPU_CR4_SMEP | XVCPU_CR4_SMAP : 0) |
                           ((mode_bits & 32) ? XVCPU_CR4_PKE : 0);
        soft.vmcs[XVCPU_VMCS_GUEST_CR4] |= vv.arch.vmx.cr4; /* the bits the guest owns live there */
        soft.pkru = (uint32_t)take(&data, &size, 4);
        soft.vmcs[XVCPU_VMCS_GUEST_CR3] = 0x100800 | (take(&data, &size, 1) & 0x18);
        for (i = 0; i < 16; i++) /* entries from the input: anything at all */
            t[i] = take(&data, &size, 8);
    }
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = MMIO_DEV + (take(&data, &size, 2) & 0xFFF);
    rip_before = soft.vmcs[XVCPU_VMCS_GUEST_RIP];
    step_reason = XVCPU_VMX_EXIT_EPT_VIOLATION;
    step_qual = 1 + (mode_bits >> 4 & 1);
    script_step = step_one;
    if (xvcpu_vcpu_run(&vv, &vex) != XVCPU_OK)
        fuzz_fail("run failed");
    stats(&vex);
    for (steps = 0; steps < 64; steps++) {
        switch (vex.kind) {
        case XVCPU_EXIT_MMIO_READ:
            if (vex.u.mmio_read.addr - MMIO_DEV >= 0x1000 || (vex.u.mmio_read.width != 1 && vex.u.mmio_read.width != 2 &&
                                                              vex.u.mmio_read.width != 4 && vex.u.mmio_read.width != 8))
                fuzz_fail("MMIO_READ outside the device or of a bad width");
            if (xvcpu_complete_mmio_read(&vv, take(&data, &size, 8)) != XVCPU_OK)
                fuzz_fail("MMIO_READ completion refused");
            break;
        case XVCPU_EXIT_MMIO_WRITE:
            if (vex.u.mmio_write.addr - MMIO_DEV >= 0x1000)
                fuzz_fail("MMIO_WRITE outside the device");
            break;
        case XVCPU_EXIT_MMIO_UNSUPPORTED:
            if (vex.u.mmio_unsupported.insn_len > 15 || vex.u.mmio_unsupported.fetched > 15)
                fuzz_fail("MMIO_UNSUPPORTED with a bad length");
            if (xvcpu_complete_retry(&vv) != XVCPU_OK)
                fuzz_fail("retry refused");
            goto done;
        default: /* the guest ran on: the instruction is over */
            goto done;
        }
        /* the guest, if entered again, exits on a host interrupt */
        step_reason = XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT;
        script_step = step_one;
        if (xvcpu_vcpu_run(&vv, &vex) != XVCPU_OK)
            fuzz_fail("run failed");
    }
    fuzz_fail("an instruction took more than 64 exits");
done:
    if (soft.vmcs[XVCPU_VMCS_GUEST_RIP] - rip_before > 15)
        fuzz_fail("RIP moved by more than one instruction");
    vv.x86.emu.active = false; /* (an unfinished emulation is the VMM's to end; tear down) */
    vv.pending.open = false;
    mmio_done();
    return 0;
}
