/* minihv's hypervisor: runs one guest payload from tests/guest/ on one vCPU with the examples' VMM
 * (examples/common/vmm.c, shared with the Linux module), which prints every exit the VMM sees,
 * answers the guest ABI of tests/guest/README.md, and ends with an exit-statistics table and one
 * PASS/FAIL line. Here: the HAL on minihv's page pool, the console, and the per-CPU enable. */
#define XVCPU_IMPLEMENTATION
#include "vmm_platform.h"
#include "../common/vmm.h"

extern const unsigned char guest_blob[], guest_blob_end[];
extern const char guest_name[];

static void *hal_alloc(void *ctx, size_t n, uint64_t *phys) { (void)ctx; return page_alloc(n, phys); }
static void hal_free(void *ctx, void *v, uint64_t phys, size_t n) { (void)ctx; (void)phys; page_free(v, n); }
static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return (void *)(uintptr_t)phys; }
static uint64_t hal_v2p(void *ctx, const void *v) { (void)ctx; return (uint64_t)(uintptr_t)v; }
static void hal_log(void *ctx, xvcpu_log_level level, const char *msg)
{
    (void)ctx;
    kprintf("xvcpu[%d]: %s\n", (int)level, msg);
}
static const xvcpu_hal hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, hal_log };

static void print_line(void *ctx, const char *line) { (void)ctx; kprintf("%s\n", line); }

/* The platform comes from the build (-DMINIHV_PLATFORM=qemu), the backend from the CPU. */
#ifndef MINIHV_PLATFORM
#define MINIHV_PLATFORM bochs
#endif
#define MINIHV_STR_(x) #x
#define MINIHV_STR(x) MINIHV_STR_(x)

/* Interrupts stay masked in minihv: no hold/yield, an EXTERNAL_INTERRUPT exit fails the run. */
static const vmm_host host = { NULL, "minihv", MINIHV_STR(MINIHV_PLATFORM), kvsnprintf, print_line,
                               hal_alloc, hal_free, NULL, NULL, NULL };

static xvcpu_percpu cpu0;
static vmm m;

int minihv_main(void)
{
    const vmm_guest guest = { guest_name, guest_blob, (size_t)(guest_blob_end - guest_blob) };
    const char *why;
    xvcpu_err err;
    int passed;

    vmm_prepare(&m, &host, &cpu0, &guest);
    if ((err = xvcpu_percpu_init(&cpu0, &hal, 0, NULL)) != XVCPU_OK || (err = xvcpu_percpu_enable(&cpu0)) != XVCPU_OK)
        return vmm_fail_call(&m, "xvcpu_percpu_enable", err, xvcpu_percpu_last_error(&cpu0));
    passed = vmm_run(&m, &why);
    if ((err = xvcpu_percpu_disable(&cpu0)) != XVCPU_OK)
        return vmm_fail_call(&m, "xvcpu_percpu_disable", err, xvcpu_percpu_last_error(&cpu0));
    return vmm_finish(&m, passed, why);
}
