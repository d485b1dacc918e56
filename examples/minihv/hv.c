/* minihv's hypervisor: runs one guest payload from tests/guest/ on one vCPU through xvcpu's public
 * API only, prints every exit the VMM sees, answers the guest ABI of tests/guest/README.md, and
 * ends with an exit-statistics table and one PASS/FAIL line. */
#define XVCPU_IMPLEMENTATION
#include "../../xvcpu.h"
#include "kernel.h"
#include "mmio_dev.h"

#define GUEST_RAM (2u << 20)
#define GUEST_LOAD 0x8000u
#define GUEST_STACK 0x7000u
#define EPT_TEST_GPA 0x400000u
#define VMM_MSR 0xC0001234u

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

static xvcpu_percpu cpu0;
static xvcpu_vcpu vcpu;
static xvcpu_stage2 s2;
static uint8_t *ram;              /* guest-physical 0 .. GUEST_RAM */
static uint64_t ram_phys;
static uint32_t kind_count[XVCPU_EXIT_KIND_COUNT];

/* What the guest asked for through hypercalls, and what the VMM devices hold. */
static int irq_on_halt = -1;
static uint64_t vmm_msr = 0x1122334455667788ull;
static char line[128];
static unsigned line_len;

static void guest_putc(char c)
{
    if (c == '\n' || line_len + 1 == sizeof(line)) {
        line[line_len] = 0;
        kprintf("guest: %s\n", line);
        line_len = 0;
        if (c == '\n')
            return;
    }
    line[line_len++] = c;
}

/* Guest memory for string I/O: the guests run with paging off, so linear = guest-physical. */
static uint8_t *guest_ptr(uint64_t gpa, uint64_t len)
{
    return gpa < GUEST_RAM && len <= GUEST_RAM - gpa ? ram + gpa : NULL;
}

/* The platform comes from the build (-DMINIHV_PLATFORM=qemu), the backend from the CPU. */
#ifndef MINIHV_PLATFORM
#define MINIHV_PLATFORM bochs
#endif
#define MINIHV_STR_(x) #x
#define MINIHV_STR(x) MINIHV_STR_(x)
static const char *backend_arch(void) { return cpu0.backend ? cpu0.backend->name : "none"; }
static const char *backend_tag(void)
{
    static char tag[32];
    ksnprintf(tag, sizeof(tag), "%s-%s", backend_arch(), MINIHV_STR(MINIHV_PLATFORM));
    return tag;
}

/* Raw exit reasons: VMX basic exit reasons or SVM EXITCODEs (NPF = 0x400). */
#define HW_REASON_LIMIT 0x410u
static const char *hw_reason_name(uint32_t raw)
{
    return cpu0.backend == xvcpu_svm_backend() ? xvcpu_svm_exit_name(raw) : xvcpu_vmx_exit_reason_name(raw);
}

/* How many arguments each hypercall of tests/guest/README.md takes (the others are whatever the
 * guest left in the registers, which differs between CPU vendors). */
static unsigned hypercall_nargs(uint64_t nr)
{
    switch (nr) {
    case 2: return 2; /* INJECT_EXCEPTION */
    case 3: return 1; /* INTERRUPT_ON_HALT */
    case 4: return 1; /* BENCH */
    default: return 6; /* SUM and unknown ones */
    }
}

/* Long-mode guests get identity tables for the first 2 MiB (tests/guest/README.md). */
static void build_guest_page_tables(void)
{
    uint64_t *pml4 = (uint64_t *)(ram + 0x1000), *pdpt = (uint64_t *)(ram + 0x2000), *pd = (uint64_t *)(ram + 0x3000);
    pml4[0] = 0x2000 | 3;
    pdpt[0] = 0x3000 | 3;
    pd[0] = 0 | 0x83; /* present, writable, 2 MiB page */
}

static int finish(bool pass, const char *why)
{
    unsigned i;
    kprintf("exit statistics (VMM-visible kinds):\n");
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        if (kind_count[i])
            kprintf("  %-20s %u\n", xvcpu_exit_kind_name((xvcpu_exit_kind)i), kind_count[i]);
    kprintf("exit statistics (hardware exit reasons):\n");
    for (i = 0; i < HW_REASON_LIMIT; i++)
        if (xvcpu_vcpu_exit_count(&vcpu, i))
            kprintf("  %-20s %u\n", hw_reason_name(i) ? hw_reason_name(i) : "?", xvcpu_vcpu_exit_count(&vcpu, i));
    if (pass)
        kprintf("PASS %s %s\n", backend_tag(), guest_name);
    else
        kprintf("FAIL %s %s: %s\n", backend_tag(), guest_name, why);
    return pass ? 0 : 1;
}

static int fail_call(const char *what, xvcpu_err err, const char *detail)
{
    kprintf("%s: %s: %s\n", what, xvcpu_strerror(err), detail);
    return finish(false, what);
}

/* Handle one VMM-visible exit; returns 0 to keep running, 1 PASS, -1 FAIL (why in *why). */
static int handle(const xvcpu_exit *e, const char **why)
{
    switch (e->kind) {
    case XVCPU_EXIT_IO_WRITE:
        if (e->u.io.port == 0xE9 && !e->u.io.string) {
            guest_putc((char)e->u.io.data);
            return 0;
        }
        kprintf("exit IO_WRITE port %x width %u%s data %lx count %lu\n", e->u.io.port, e->u.io.width,
                e->u.io.string ? (e->u.io.rep ? " rep-string" : " string") : "", (unsigned long)e->u.io.data,
                (unsigned long)e->u.io.count);
        if (e->u.io.port == 0xF4) {
            if (e->u.io.data == 0)
                return 1;
            *why = "the guest reported a failure code";
            kprintf("guest failure code %lu\n", (unsigned long)e->u.io.data);
            return -1;
        }
        if (e->u.io.port == 0x601 && e->u.io.string) {
            const uint8_t *p = guest_ptr(e->u.io.guest_addr, e->u.io.count);
            if (p == NULL || e->u.io.down || e->u.io.width != 1 || e->u.io.count != 5 || kmemcmp(p, "xvcpu", 5) != 0) {
                *why = "rep outsb did not carry \"xvcpu\"";
                return -1;
            }
            xvcpu_complete_string_io(&vcpu, e->u.io.count);
            return 0;
        }
        *why = "write to an unexpected port";
        return -1;
    case XVCPU_EXIT_IO_READ:
        kprintf("exit IO_READ port %x width %u%s count %lu\n", e->u.io.port, e->u.io.width,
                e->u.io.string ? (e->u.io.rep ? " rep-string" : " string") : "", (unsigned long)e->u.io.count);
        if (e->u.io.port == 0x600 && !e->u.io.string) {
            xvcpu_complete_io_read(&vcpu, e->u.io.width == 1 ? 0x11 : e->u.io.width == 2 ? 0x2211 : 0x44332211u);
            return 0;
        }
        if (e->u.io.port == 0x601 && e->u.io.string && e->u.io.width == 2 && !e->u.io.down) {
            uint8_t *p = guest_ptr(e->u.io.guest_addr, e->u.io.count * 2);
            uint64_t i;
            if (p == NULL) {
                *why = "rep insw buffer outside guest RAM";
                return -1;
            }
            for (i = 0; i < e->u.io.count; i++) {
                p[2 * i] = (uint8_t)i;
                p[2 * i + 1] = 0xA0;
            }
            xvcpu_complete_string_io(&vcpu, e->u.io.count);
            return 0;
        }
        *why = "read from an unexpected port";
        return -1;
    case XVCPU_EXIT_SYSREG_READ:
        kprintf("exit SYSREG_READ msr %x -> %lx\n", e->u.sysreg_read.addr, (unsigned long)vmm_msr);
        xvcpu_complete_sysreg_read(&vcpu, vmm_msr);
        return 0;
    case XVCPU_EXIT_SYSREG_WRITE:
        kprintf("exit SYSREG_WRITE msr %x value %lx\n", e->u.sysreg_write.addr, (unsigned long)e->u.sysreg_write.value);
        vmm_msr = e->u.sysreg_write.value;
        xvcpu_complete(&vcpu);
        return 0;
    case XVCPU_EXIT_HYPERCALL: {
        const uint64_t *a = e->u.hypercall.args;
        unsigned n;
        kprintf("exit HYPERCALL nr %lu args", (unsigned long)e->u.hypercall.nr);
        for (n = 0; n < hypercall_nargs(e->u.hypercall.nr); n++)
            kprintf(" %lx", (unsigned long)a[n]);
        kprintf("\n");
        if (e->u.hypercall.nr == 1)
            return xvcpu_complete_hypercall(&vcpu, (a[0] + a[1] + a[2] + a[3] + a[4] + a[5]) ^ 0x5A5A), 0;
        if (e->u.hypercall.nr == 2) {
            xvcpu_err err = xvcpu_inject_exception(&vcpu, (uint8_t)a[0], (uint32_t)a[1]);
            if (err != XVCPU_OK) {
                *why = xvcpu_vcpu_last_error(&vcpu);
                return -1;
            }
            return xvcpu_complete_hypercall(&vcpu, 0), 0;
        }
        if (e->u.hypercall.nr == 4) { /* BENCH: the loop's ticks for 1000 round trips */
            kprintf("bench: %s.cpuid_roundtrip_ticks %lu ticks\n", backend_arch(), (unsigned long)(a[0] / 1000));
            return xvcpu_complete_hypercall(&vcpu, 0), 0;
        }
        if (e->u.hypercall.nr == 3) {
            irq_on_halt = (int)a[0];
            return xvcpu_complete_hypercall(&vcpu, 0), 0;
        }
        *why = "unknown hypercall";
        return -1;
    }
    case XVCPU_EXIT_HALT:
        kprintf("exit HALT\n");
        if (irq_on_halt < 0) {
            *why = "the guest halted with nothing to wake it";
            return -1;
        }
        xvcpu_complete(&vcpu);
        xvcpu_inject_interrupt(&vcpu, (uint8_t)irq_on_halt);
        irq_on_halt = -1;
        return 0;
    case XVCPU_EXIT_MMIO_READ:
    case XVCPU_EXIT_MMIO_WRITE:
    case XVCPU_EXIT_MMIO_UNSUPPORTED:
        return mmio_dev_exit(&vcpu, e, why);
    case XVCPU_EXIT_NESTED_PAGE_FAULT: {
        uint64_t gpa = e->u.nested_page_fault.addr, phys;
        uint32_t *page;
        kprintf("exit NESTED_PAGE_FAULT gpa %lx access %x\n", (unsigned long)gpa, e->u.nested_page_fault.access);
        if ((gpa & ~0xFFFull) != EPT_TEST_GPA || (page = (uint32_t *)page_alloc(1, &phys)) == NULL) {
            *why = "nested page fault outside the on-demand page";
            return -1;
        }
        page[0] = 0x600DF00Du;
        if (xvcpu_stage2_map(&s2, EPT_TEST_GPA, phys, 4096, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6) != XVCPU_OK) {
            *why = xvcpu_stage2_last_error(&s2);
            return -1;
        }
        return 0;
    }
    case XVCPU_EXIT_SYSTEM_DOWN:
        kprintf("exit SYSTEM_DOWN\n");
        if (kstrcmp(guest_name, "triple") == 0)
            return 1;
        *why = "the guest shut down (triple fault)";
        return -1;
    case XVCPU_EXIT_FAIL_ENTRY:
        kprintf("exit FAIL_ENTRY reason %lx (%s) qualification %lx error %u (%s) check %s\n",
                (unsigned long)e->u.fail_entry.hw_reason, e->u.fail_entry.reason_name ? e->u.fail_entry.reason_name : "-",
                (unsigned long)e->u.fail_entry.qualification, e->u.fail_entry.vm_instruction_error,
                e->u.fail_entry.error_text ? e->u.fail_entry.error_text : "-",
                e->u.fail_entry.check ? e->u.fail_entry.check : "-");
        *why = "VM entry failed";
        return -1;
    default:
        kprintf("exit %s raw reason %lu (%s) qualification %lx\n", xvcpu_exit_kind_name(e->kind),
                (unsigned long)e->raw_reason, e->raw_reason_name ? e->raw_reason_name : "?",
                (unsigned long)e->raw_qualification);
        *why = "unexpected exit";
        return -1;
    }
}

int minihv_main(void)
{
    const unsigned char *blob = guest_blob;
    size_t size = (size_t)(guest_blob_end - guest_blob);
    xvcpu_vcpu_setup_args args;
    xvcpu_exit exit;
    xvcpu_err err;
    uint32_t mode, entry;
    int r;
    const char *why = "";

    kprintf("minihv: guest %s (%u bytes)\n", guest_name, (unsigned)size);
    if (size < 16 || kmemcmp(blob, "XVCPUGST", 8) != 0)
        return finish(false, "bad guest header");
    kmemcpy(&mode, blob + 8, 4);
    kmemcpy(&entry, blob + 12, 4);

    if ((err = xvcpu_percpu_init(&cpu0, &hal, 0, NULL)) != XVCPU_OK || (err = xvcpu_percpu_enable(&cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_percpu_enable", err, xvcpu_percpu_last_error(&cpu0));
    if ((err = xvcpu_stage2_init_for_cpu(&s2, &cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_stage2_init_for_cpu", err, xvcpu_stage2_last_error(&s2));
    ram = (uint8_t *)page_alloc(GUEST_RAM / 4096, &ram_phys);
    if (ram == NULL)
        return finish(false, "no memory for guest RAM");
    if ((err = xvcpu_stage2_map(&s2, 0, ram_phys, GUEST_RAM, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC,
                                6)) != XVCPU_OK)
        return fail_call("xvcpu_stage2_map", err, xvcpu_stage2_last_error(&s2));
    kmemcpy(ram + GUEST_LOAD, blob, size);
    if (mode == XVCPU_START_LONG)
        build_guest_page_tables();

    args.mode = (xvcpu_start_mode)mode;
    args.entry = entry;
    args.stack = GUEST_STACK;
    args.cr3 = mode == XVCPU_START_LONG ? 0x1000 : 0;
    args.stage2 = &s2;
    if ((err = xvcpu_vcpu_create(&vcpu, &cpu0, 0)) != XVCPU_OK || (err = xvcpu_vcpu_setup(&vcpu, &args)) != XVCPU_OK ||
        (err = xvcpu_vcpu_msr_to_vmm(&vcpu, VMM_MSR, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true)) != XVCPU_OK ||
        (err = mmio_dev_register(&vcpu)) != XVCPU_OK ||
        (err = xvcpu_vcpu_bind(&vcpu, &cpu0)) != XVCPU_OK)
        return fail_call("vCPU setup", err, xvcpu_vcpu_last_error(&vcpu));

    for (;;) {
        if ((err = xvcpu_vcpu_run(&vcpu, &exit)) != XVCPU_OK)
            return fail_call("xvcpu_vcpu_run", err, xvcpu_vcpu_last_error(&vcpu));
        kind_count[exit.kind]++;
        r = handle(&exit, &why);
        if (r != 0)
            break;
    }
    if (line_len)
        guest_putc('\n');
    /* tear down in order, as a kernel would */
    if ((err = xvcpu_vcpu_unbind(&vcpu)) != XVCPU_OK || (err = xvcpu_vcpu_destroy(&vcpu)) != XVCPU_OK)
        return fail_call("vCPU teardown", err, xvcpu_vcpu_last_error(&vcpu));
    xvcpu_stage2_destroy(&s2);
    if ((err = xvcpu_percpu_disable(&cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_percpu_disable", err, xvcpu_percpu_last_error(&cpu0));
    return finish(r > 0, why);
}
