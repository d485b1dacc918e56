// SPDX-License-Identifier: MIT
/* xvcpu in a Linux kernel module: enables SVM (or VMX) on one CPU at load, runs one guest payload
 * of tests/guest/ there with the examples' VMM (examples/common/vmm.c, shared with minihv), prints
 * its transcript to the kernel log, and disables SVM/VMX again at unload.
 *
 *   insmod xvcpu_demo.ko [guest=<name>] [cpu=<n>] [timeout_ms=<ms>]
 *
 * Without guest= it only enables (and holds) SVM/VMX on the CPU. A guest that fails, or an enable
 * that fails (another hypervisor such as kvm_amd or kvm_intel owns the CPU's SVM/VMX), fails the
 * load with the reason in the log. Transcript lines are logged as "<module>: | <line>"; the
 * module's own as "<module>: <text>". At unload the HAL's page count must be back at zero. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/cpu.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/atomic.h>
#include <asm/fpu/api.h>
#include <asm/msr.h>
#include <asm/desc.h>
#include <asm/apic.h>

#define XVCPU_IMPLEMENTATION
#include "vmm_platform.h"
#include "vmm.h"

static char *guest = "";
module_param(guest, charp, 0444);
MODULE_PARM_DESC(guest, "guest payload to run at load (a tests/guest/ name); empty: none");
static int cpu;
module_param(cpu, int, 0444);
MODULE_PARM_DESC(cpu, "the CPU to enable SVM/VMX on and run the guest on (default 0)");
static unsigned int timeout_ms = 20000;
module_param(timeout_ms, uint, 0444);
MODULE_PARM_DESC(timeout_ms, "stop a guest that runs longer than this (default 20000)");

/* The payloads, from guests.S: { name, start, end } rows, then a row of zeros. */
struct demo_payload {
    const char *name;
    const unsigned char *start, *end;
};
extern const struct demo_payload xvcpu_demo_payloads[];

struct demo {
    xvcpu_percpu pcpu;
    vmm m;
    vmm_guest guest;
    bool enabled;
    unsigned long deadline;      /* jiffies */
    atomic_long_t pages;         /* outstanding HAL pages */
    atomic_long_t allocs, frees; /* HAL calls */
    unsigned long interrupts;    /* host interrupts while the guest ran */
    unsigned long yields;        /* times the vCPU left the CPU for the host's scheduler */
};
static struct demo *demo;

/* ---- the HAL: page allocator, physical addresses, printk ---- */

static void *hal_alloc(void *ctx, size_t n, uint64_t *phys)
{
    struct demo *d = ctx;
    /* the VMM maps pages from its exit handlers, where the guest's FPU state is live (no sleep) */
    gfp_t gfp = (preemptible() ? GFP_KERNEL : GFP_ATOMIC) | __GFP_ZERO;
    struct page *p = alloc_pages(gfp, get_order(n * PAGE_SIZE));
    if (p == NULL)
        return NULL;
    atomic_long_add((long)n, &d->pages);
    atomic_long_inc(&d->allocs);
    *phys = page_to_phys(p);
    return page_address(p);
}

static void hal_free(void *ctx, void *virt, uint64_t phys, size_t n)
{
    struct demo *d = ctx;
    __free_pages(pfn_to_page(phys >> PAGE_SHIFT), get_order(n * PAGE_SIZE));
    (void)virt;
    atomic_long_sub((long)n, &d->pages);
    atomic_long_inc(&d->frees);
}

static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return __va(phys); }
static uint64_t hal_v2p(void *ctx, const void *virt) { (void)ctx; return __pa(virt); }

static void print_line(void *ctx, const char *line)
{
    (void)ctx;
    pr_info("| %s\n", line);
}

/* The library's messages belong to the transcript, as in minihv. */
static void hal_log(void *ctx, xvcpu_log_level level, const char *msg)
{
    char text[XVCPU_ERROR_TEXT_SIZE + 16];
    snprintf(text, sizeof(text), "xvcpu[%d]: %s", (int)level, msg);
    print_line(ctx, text);
}

static int demo_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vsnprintf(buf, size, fmt, ap);
}

/* ---- the host side of a run: FPU, preemption, interrupts ---- */

/* From bind to unbind the FPU registers hold the guest's state and the thread must not leave the
 * CPU: kernel_fpu_begin() gives both (it disables preemption). Interrupts stay enabled: an
 * interrupt that arrives while the guest runs ends the guest's slice (#VMEXIT INTR), the CPU
 * takes it after STGI, and the VMM resumes the guest. */
static void host_hold(void *ctx, bool hold)
{
    struct demo *d = ctx;
    if (hold) {
        cond_resched();
        kernel_fpu_begin();
        return;
    }
    if (d->pcpu.backend != xvcpu_svm_backend()) {
        /* VM exits leave the GDT limit at 0xFFFF and the TSS limit at 0x67 (SDM Vol. 3C 28.5.2):
         * give Linux its own back before anything here can return to user mode */
        load_fixmap_gdt(raw_smp_processor_id());
        invalidate_tss_limit();
    }
    kernel_fpu_end();
}

static int host_yield(void *ctx, const xvcpu_exit *e)
{
    struct demo *d = ctx;
    d->interrupts++;
    /* A VMX exit consumed the host's NMI (SVM keeps it pending until STGI): raise it again */
    if (e->u.external_interrupt.vector == 2 && d->pcpu.backend != xvcpu_svm_backend())
        apic->send_IPI_self(NMI_VECTOR);
    if (time_after(jiffies, d->deadline))
        return -1;
    if (!need_resched())
        return 0;
    d->yields++;
    return 1;
}

/* A VMX exit clears RFLAGS.IF (SVM's #VMEXIT keeps the host's, and its STGI lets the interrupt in):
 * turn interrupts back on, as they were, so the host takes what is pending. */
static void host_after_run(void *ctx)
{
    struct demo *d = ctx;
    if (d->pcpu.backend != xvcpu_svm_backend())
        raw_local_irq_enable();
}

static vmm_host demo_host = {
    .name = "linux",
    .platform = "linux",
    .vsnprintf = demo_vsnprintf,
    .print = print_line,
    .alloc_pages = hal_alloc,
    .free_pages = hal_free,
    .hold = host_hold,
    .yield = host_yield,
    .after_run = host_after_run,
};
static xvcpu_hal demo_hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, hal_log };

static const char *arch_name(void)
{
    return boot_cpu_has(X86_FEATURE_SVM) ? "SVM" : "VMX";
}

/* ---- load and unload: each runs on the chosen CPU (work_on_cpu: a kworker bound to it) ---- */

static long demo_start(void *arg)
{
    struct demo *d = arg;
    const char *why = "";
    xvcpu_err err;
    int passed;

    if (d->guest.name != NULL)
        vmm_prepare(&d->m, &demo_host, &d->pcpu, &d->guest);
    if ((err = xvcpu_percpu_init(&d->pcpu, &demo_hal, (uint32_t)cpu, NULL)) != XVCPU_OK ||
        (err = xvcpu_percpu_enable(&d->pcpu)) != XVCPU_OK) {
        pr_err("cannot enable %s on CPU %d: %s: %s%s\n", arch_name(), cpu, xvcpu_strerror(err),
               xvcpu_percpu_last_error(&d->pcpu),
               err == XVCPU_ERR_BUSY ? " (another hypervisor, such as kvm_amd or kvm_intel, is using it)" : "");
        if (d->guest.name != NULL) {
            vmm_fail_call(&d->m, "xvcpu_percpu_enable", err, xvcpu_percpu_last_error(&d->pcpu));
            print_line(d, "linux: FAIL");
        }
        return err == XVCPU_ERR_BUSY ? -EBUSY : -ENODEV;
    }
    d->enabled = true;
    pr_info("%s enabled on CPU %d (backend %s)\n", arch_name(), cpu, d->pcpu.backend->name);
    if (d->guest.name == NULL)
        return 0;
    d->deadline = jiffies + msecs_to_jiffies(timeout_ms);
    passed = vmm_run(&d->m, &why);
    pr_info("guest %s: %lu host interrupts, %lu times off the CPU for the scheduler\n", d->guest.name,
            d->interrupts, d->yields);
    vmm_finish(&d->m, passed, why);
    print_line(d, passed ? "linux: PASS" : "linux: FAIL");
    return passed ? 0 : -EIO;
}

static long demo_stop(void *arg)
{
    struct demo *d = arg;
    xvcpu_err err;
    u64 efer;
    if (!d->enabled)
        return 0;
    err = xvcpu_percpu_disable(&d->pcpu);
    d->enabled = false;
    rdmsrl(MSR_EFER, efer);
    if (err != XVCPU_OK)
        pr_err("disabling %s on CPU %d failed: %s: %s\n", arch_name(), cpu, xvcpu_strerror(err),
               xvcpu_percpu_last_error(&d->pcpu));
    else if (d->pcpu.backend == xvcpu_svm_backend())
        pr_info("SVM disabled on CPU %d (EFER.SVME %d)\n", cpu, (int)!!(efer & EFER_SVME));
    else
        pr_info("VMX disabled on CPU %d (CR4.VMXE %d)\n", cpu, (int)!!(__read_cr4() & X86_CR4_VMXE));
    return err == XVCPU_OK ? 0 : -EIO;
}

/* Run fn on the chosen CPU, which must stay online meanwhile. */
static long on_cpu(long (*fn)(void *), struct demo *d)
{
    long r;
    cpus_read_lock();
    r = cpu_online(cpu) ? work_on_cpu(cpu, fn, d) : -ENODEV;
    cpus_read_unlock();
    return r;
}

static void report_pages(const struct demo *d)
{
    pr_info("HAL pages outstanding %ld (%ld allocations, %ld frees)\n", atomic_long_read(&d->pages),
            atomic_long_read(&d->allocs), atomic_long_read(&d->frees));
}

static int __init demo_init(void)
{
    const struct demo_payload *p;
    long r;

    if (cpu < 0 || cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
        pr_err("cpu=%d: no such CPU\n", cpu);
        return -EINVAL;
    }
    demo = kzalloc(sizeof(*demo), GFP_KERNEL);
    if (demo == NULL)
        return -ENOMEM;
    demo_host.ctx = demo;
    demo_hal.ctx = demo;
    if (guest[0] != 0) {
        for (p = xvcpu_demo_payloads; p->name != NULL && strcmp(p->name, guest) != 0; p++)
            ;
        if (p->name == NULL) {
            pr_err("guest=%s: no such payload; these are built in:\n", guest);
            for (p = xvcpu_demo_payloads; p->name != NULL; p++)
                pr_err("  %s\n", p->name);
            kfree(demo);
            return -EINVAL;
        }
        demo->guest.name = p->name;
        demo->guest.blob = p->start;
        demo->guest.size = (size_t)(p->end - p->start);
    }
    r = on_cpu(demo_start, demo);
    if (r != 0) {
        if (on_cpu(demo_stop, demo) != 0)
            pr_err("CPU %d went away with %s still on\n", cpu, arch_name());
        report_pages(demo);
        kfree(demo);
        return (int)r;
    }
    return 0;
}

static void __exit demo_exit(void)
{
    if (on_cpu(demo_stop, demo) != 0)
        pr_err("CPU %d: %s could not be disabled\n", cpu, arch_name());
    report_pages(demo);
    kfree(demo);
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("xvcpu.h in a kernel module: runs the test guests of tests/guest/ under SVM/VMX");
