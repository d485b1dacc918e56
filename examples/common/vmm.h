/* The VMM of the examples, shared by minihv (examples/minihv/hv.c) and the Linux kernel module
 * (examples/linux-module/): runs one guest payload of tests/guest/ on an enabled CPU through
 * xvcpu's public API, answers the guest ABI of tests/guest/README.md (port I/O console, hypercalls,
 * the VMM's MSR, the MMIO device of mmio_dev.h, the on-demand page) and prints the transcript the
 * end-to-end runners compare with tests/e2e/expected/, one line at a time through the host.
 *
 * Include "vmm_platform.h" (the host's: its fixed-width types, <stdarg.h> and xvcpu.h, plus
 * VMM_MEMCMP and VMM_STRCMP) before this file. */
#ifndef XVCPU_EXAMPLE_VMM_H
#define XVCPU_EXAMPLE_VMM_H

#include "mmio_dev.h"

/* What the VMM needs from the kernel it runs in. */
typedef struct vmm_host {
    void *ctx;
    const char *name;     /* the transcript's "<name>: guest ..." line: "minihv", "linux" */
    const char *platform; /* the second half of the PASS/FAIL tag (<backend>-<platform>) */
    int (*vsnprintf)(char *buf, size_t size, const char *fmt, va_list ap);
    void (*print)(void *ctx, const char *line); /* one transcript line, without its '\n' */
    void *(*alloc_pages)(void *ctx, size_t count, uint64_t *phys); /* zeroed, contiguous */
    void (*free_pages)(void *ctx, void *virt, uint64_t phys, size_t count);
    /* Hosts that take their own interrupts while a guest runs set both (NULL: an
     * EXTERNAL_INTERRUPT exit fails the run, as in minihv, which keeps interrupts masked).
     * hold(ctx, true) is called before every bind and hold(ctx, false) after every unbind: the
     * span in which the guest's FPU state is live and the thread must stay on this CPU. After an
     * EXTERNAL_INTERRUPT (the host has taken it), yield(ctx) returns 1 when the host wants the
     * CPU back for a while (the vCPU is then unbound, released, held and bound again), -1 to stop
     * the run (a signal, a time limit), 0 to resume the guest at once. `exit` is the exit (vector
     * 2: a host NMI, which a VMX exit consumed: the host must raise it again). */
    void (*hold)(void *ctx, bool hold);
    int (*yield)(void *ctx, const xvcpu_exit *exit);
    /* Optional: called after every xvcpu_vcpu_run(), before the exit is handled (a VMX exit
     * leaves RFLAGS.IF clear, SDM Vol. 3C 28.5.3: a host that runs guests with interrupts on
     * turns them back on here). */
    void (*after_run)(void *ctx);
} vmm_host;

typedef struct vmm_guest {
    const char *name;
    const unsigned char *blob; /* XVCPUGST header, loaded at guest-physical 0x8000 */
    size_t size;
} vmm_guest;

/* Everything one run holds; zero it (or let vmm_run do it) before each run. */
typedef struct vmm {
    const vmm_host *host;
    const vmm_guest *guest;
    xvcpu_percpu *cpu;
    xvcpu_vcpu vcpu;
    xvcpu_stage2 s2;
    uint8_t *ram; /* guest-physical 0 .. VMM_GUEST_RAM */
    uint64_t ram_phys;
    uint32_t *demand_page; /* mapped at the first nested page fault on VMM_DEMAND_GPA */
    uint64_t demand_phys;
    uint32_t kind_count[XVCPU_EXIT_KIND_COUNT];
    int irq_on_halt;
    unsigned nmi_on_halt; /* hypercall 5: the HALT exit (counting down from N) that gets an NMI */
    uint64_t vmm_msr;
    uint32_t seq_601;     /* port 0x601: the next `rep insw` word is 0xA000 + seq_601 */
    uint32_t seq_602;     /* port 0x602: the next INS element's value */
    uint32_t sink_bytes;  /* port 0x602: bytes OUTS wrote, and their hash (h = h * 31 + byte) */
    uint32_t sink_hash;
    char line[128]; /* the guest's console line being assembled */
    unsigned line_len;
    mmio_dev dev;
} vmm;

/* Printf to the transcript: one call, one line (the '\n' is the host's). */
void vmm_printf(vmm *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Start a run: zero *m, remember the host, the CPU (enabled by the caller, who also disables it
 * afterwards) and the guest, and print "<name>: guest <guest> (<size> bytes)". */
void vmm_prepare(vmm *m, const vmm_host *host, xvcpu_percpu *cpu, const vmm_guest *guest);

/* Run the guest to its end: returns 1 when it passed, 0 when not (*why says why; the transcript
 * has the details). Frees everything it took, also after a failure. */
int vmm_run(vmm *m, const char **why);

/* The closing part of the transcript: the exit statistics (VMM-visible kinds, hardware exit
 * reasons) and "PASS <tag> <guest>" or "FAIL <tag> <guest>: <why>", tag = <backend>-<platform>.
 * Returns 0 for PASS, 1 for FAIL, as minihv_main() does. */
int vmm_finish(vmm *m, int passed, const char *why);

/* A call of the host's that failed (per-CPU enable or disable): "<what>: <error>: <detail>", then
 * vmm_finish(m, 0, what). */
int vmm_fail_call(vmm *m, const char *what, xvcpu_err err, const char *detail);

#endif
