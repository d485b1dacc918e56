/* minihv-arm64: a bare EL2 mini hypervisor on xvcpu's public API. It runs one guest (linked in as
 * the .guest section) at EL1 on stage-2 tables, emulates two devices - a console at IPA
 * 0x09000000 (a PL011's data register: each byte the guest writes is printed) and a 4 KiB
 * register file at 0x0A000000 - as MMIO devices the library runs itself (xvcpu_arm64_add_mmio_device,
 * like a kernel VMM's in-kernel devices), answers the guest's hypercalls and logs every exit and
 * every device access on the real PL011. The register file can also be reached through ordinary
 * MMIO exits to this VMM, at 0x0B000000 (the plain exit path: the exitwin guest and the second
 * bench line). The guest checks its own results and reports them with hypercall DONE. */
#define XVCPU_IMPLEMENTATION
#define XVCPU_STATIC
#include "../../xvcpu.h"

#define UART_BASE 0x09000000ul
#define GUEST_RAM_IPA 0x80000000ull
#define GUEST_RAM_SIZE 0x20000ull
#define CONSOLE_IPA 0x09000000ull
#define REGFILE_IPA 0x0A000000ull
#define REGFILE_EXIT_IPA 0x0B000000ull /* the same register file through MMIO exits to the VMM */
#define DEMAND_IPA 0x90000000ull  /* mapped page by page on nested page faults */
#define DTB_IPA 0x44000000ull     /* what the guest gets in X0 */

/* The guest's hypercalls (HVC #0 with X0 = number) */
#define HC_DONE 0x1000       /* X1 = 0: every check passed, else the number of the failed check */
#define HC_SUM 0x1001        /* returns X0 + X1 + ... + X6 */
#define HC_INJECT_SYNC 0x1002 /* inject a synchronous exception: ESR = X1, FAR = X2 */
#define HC_IRQ_LINE 0x1003   /* the virtual IRQ line: X1 = 0 or 1 */
#define HC_IRQ_ON_WFI 0x1004 /* assert the IRQ line at the next WFI */
#define HC_QUIET 0x1005      /* X1 = 1: stop logging exits (benchmarks) */
#define HC_BENCH 0x1006      /* print `bench: arm64.<X1 name> <X2> insns` */
static const char *const bench_names[] = {"?", "hvc_roundtrip_insns", "mmio_load_insns", "mmio_load_exit_insns"};

void hv_exit(int status) __attribute__((noreturn));
/* A freestanding C compiler may call these for struct copies (GCC and clang document it). */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n)
{
    xvcpu__memcpy(dst, src, n); /* the library's freestanding loop */
    return dst;
}
void *memset(void *dst, int c, size_t n)
{
    xvcpu__memset(dst, c, n);
    return dst;
}

/* --- the real console ----------------------------------------------------------------------- */

static void uart_putc(char c)
{
    volatile uint32_t *uart = (volatile uint32_t *)UART_BASE;
    while (uart[0x18 / 4] & (1u << 5)) /* TXFF */
        ;
    uart[0] = (uint32_t)(unsigned char)c;
}

static void puts_(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void hex(uint64_t v)
{
    int i, started = 0;
    puts_("0x");
    for (i = 60; i >= 0; i -= 4) {
        unsigned d = (unsigned)(v >> i) & 0xF;
        if (d || started || i == 0) {
            uart_putc((char)(d < 10 ? '0' + d : 'a' + d - 10));
            started = 1;
        }
    }
}

/* A library text with its code addresses ("ELR 0x...", which differ between compilers) left out,
 * so that transcripts compare. */
static void puts_text(const char *s)
{
    const char *p;
    for (p = s; *p; p++) {
        uart_putc(*p);
        if (p - s >= 2 && p[-2] == 'E' && p[-1] == 'L' && p[0] == 'R' && p[1] == ' ') {
            puts_(" <in the library>");
            for (p += 2; *p == 'x' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
                ;
            p--;
        }
    }
}

static void dec(uint64_t v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        uart_putc(buf[--n]);
}

/* --- the HAL: a bump allocator over a static pool, identity physical addresses (MMU off) --- */

#define POOL_PAGES 192
static uint8_t pool[POOL_PAGES * 4096] __attribute__((aligned(4096)));
static unsigned pool_used;

static void *hal_alloc(void *ctx, size_t count, uint64_t *phys)
{
    void *p;
    (void)ctx;
    if (pool_used + count > POOL_PAGES)
        return NULL;
    p = &pool[pool_used * 4096];
    pool_used += (unsigned)count;
    *phys = (uint64_t)(uintptr_t)p;
    return p;
}
static void hal_free(void *ctx, void *virt, uint64_t phys, size_t count)
{
    (void)ctx; (void)virt; (void)phys; (void)count; /* the pool is never reused */
}
static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return (void *)(uintptr_t)phys; }
static uint64_t hal_v2p(void *ctx, const void *virt) { (void)ctx; return (uint64_t)(uintptr_t)virt; }
static void hal_log(void *ctx, xvcpu_log_level level, const char *msg)
{
    (void)ctx; (void)level;
    puts_("xvcpu: ");
    puts_text(msg);
    puts_("\n");
}
static const xvcpu_hal hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, hal_log };

/* --- devices -------------------------------------------------------------------------------------- */

/* the MMIO register file: bytes, read as a doubleword where aligned */
/* The VMM's device state in one object: the register file (bytes, read as a doubleword where
 * aligned) and what its device path reads, so that the library's `device` argument is the one
 * base register it needs. */
static struct hv_state {
    union { uint64_t words[512]; uint8_t bytes[4096]; } regfile;
    bool quiet;      /* HC_QUIET: no log of exits and device accesses (benchmarks) */
    unsigned exits;  /* exits the VMM handled and accesses its devices answered in the library */
} hv;
static char line[128];
static unsigned line_len;

static void console_byte(char c)
{
    if (c == '\n' || line_len == sizeof(line) - 1) {
        line[line_len] = 0;
        puts_("guest: ");
        puts_(line);
        puts_("\n");
        line_len = 0;
        if (c == '\n')
            return;
    }
    line[line_len++] = c;
}

static __attribute__((noinline)) uint64_t regfile_read(uint64_t off, unsigned width)
{
    uint64_t v = 0;
    unsigned i;
    if (width == 8 && (off & 7) == 0 && off < sizeof(hv.regfile.bytes)) /* the common case: one load */
        return hv.regfile.words[off / 8];
    for (i = 0; i < width && off + i < sizeof(hv.regfile.bytes); i++)
        v |= (uint64_t)hv.regfile.bytes[off + i] << (8 * i);
    return v;
}

static __attribute__((noinline)) void regfile_write(uint64_t off, unsigned width, uint64_t v)
{
    unsigned i;
    for (i = 0; i < width && off + i < sizeof(hv.regfile.bytes); i++)
        hv.regfile.bytes[off + i] = (uint8_t)(v >> (8 * i));
}

static void log_exit(const xvcpu_exit *e)
{
    puts_("hv: exit ");
    puts_(xvcpu_exit_kind_name(e->kind));
    puts_(" ec ");
    hex(e->raw_reason);
    if (e->raw_reason_name) {
        puts_(" ");
        puts_(e->raw_reason_name);
    }
    puts_("\n");
}

/* One MMIO access to a device, whichever path brought it: `a` is the MMIO_READ or MMIO_WRITE exit
 * (from xvcpu_vcpu_run, or the access the library hands a device). The log is the same either
 * way - an access the library's device path served is logged as the exit it would have been -
 * so a transcript says what the guest did, not which path served it. A write of a console byte
 * is not logged (the console line is). */
static __attribute__((noinline)) uint64_t device_access(const xvcpu_exit *a)
{
    uint64_t v = 0;
    if (a->kind == XVCPU_EXIT_MMIO_WRITE) {
        uint64_t addr = a->u.mmio_write.addr;
        if (addr == CONSOLE_IPA) {
            console_byte((char)a->u.mmio_write.data);
            return 0;
        }
        if (!hv.quiet) {
            log_exit(a);
            puts_("hv:   write ");
            hex(addr);
            puts_(" width ");
            hex(a->u.mmio_write.width);
            puts_(" data ");
            hex(a->u.mmio_write.data);
            puts_("\n");
        }
        if (addr - REGFILE_IPA < 0x1000)
            regfile_write(addr - REGFILE_IPA, a->u.mmio_write.width, a->u.mmio_write.data);
        else if (addr - REGFILE_EXIT_IPA < 0x1000)
            regfile_write(addr - REGFILE_EXIT_IPA, a->u.mmio_write.width, a->u.mmio_write.data);
        return 0;
    }
    if (a->u.mmio_read.addr - REGFILE_IPA < 0x1000)
        v = regfile_read(a->u.mmio_read.addr - REGFILE_IPA, a->u.mmio_read.width);
    else if (a->u.mmio_read.addr - REGFILE_EXIT_IPA < 0x1000)
        v = regfile_read(a->u.mmio_read.addr - REGFILE_EXIT_IPA, a->u.mmio_read.width);
    if (!hv.quiet) {
        log_exit(a);
        puts_("hv:   read ");
        hex(a->u.mmio_read.addr);
        puts_(" width ");
        hex(a->u.mmio_read.width);
        puts_(" -> reg ");
        hex(a->u.mmio_read.reg);
        puts_(" = ");
        hex(v);
        puts_("\n");
    }
    return v;
}

/* The console and the register file as the library's MMIO devices (xvcpu_mmio_device_fn): run
 * at EL2 inside the library's trampoline, on this stack; every access is performed here. The
 * register file's quiet reads and writes take the short way (benchmarks). */
static int console_device(void *device, xvcpu_vcpu *v, const xvcpu_exit *access, uint64_t *value)
{
    (void)device;
    (void)v;
    hv.exits++;
    *value = device_access(access);
    return XVCPU_DEVICE_DONE;
}

/* Any other access: logged, or byte by byte. Only accesses beyond the register file would be
 * left to the VMM (XVCPU_DEVICE_EXIT; the region is exactly the file, so none is). */
static __attribute__((noinline)) int regfile_device_other(const xvcpu_exit *access, uint64_t *value)
{
    uint64_t off = access->u.mmio_read.addr - REGFILE_IPA; /* addr is first in mmio_write too */
    if (off >= sizeof(hv.regfile.bytes))
        return XVCPU_DEVICE_EXIT;
    if (!hv.quiet)
        *value = device_access(access);
    else if (access->kind == XVCPU_EXIT_MMIO_READ)
        *value = regfile_read(off, access->u.mmio_read.width);
    else
        regfile_write(off, access->u.mmio_write.width, access->u.mmio_write.data);
    return XVCPU_DEVICE_DONE;
}

/* A quiet aligned doubleword read (what the bench does) without a call; the rest out of line. */
static int regfile_device(void *device, xvcpu_vcpu *v, const xvcpu_exit *access, uint64_t *value)
{
    struct hv_state *st = (struct hv_state *)device;
    uint64_t off = access->u.mmio_read.addr - REGFILE_IPA;
    (void)v;
    st->exits++;
    if (st->quiet && access->kind == XVCPU_EXIT_MMIO_READ && access->u.mmio_read.width == 8 && (off & 7) == 0) {
        *value = st->regfile.words[off / 8];
        return XVCPU_DEVICE_DONE;
    }
    return regfile_device_other(access, value);
}

/* --- the VMM ------------------------------------------------------------------------------------------- */

static xvcpu_percpu cpu;
static xvcpu_vcpu vcpu;
static xvcpu_stage2 s2;
extern char guest_image_start[], guest_image_end[];

#ifdef MINIHV_EL2_FAULT
/* An address nothing answers on QEMU's virt machine (RAM is 128 MiB at 1 GiB): the library's load
 * from it at EL2 is a synchronous external abort. */
#define EL2_FAULT_ADDR 0x400000000ull
extern char __text_start[], __text_end[];

static bool contains(const char *s, const char *part)
{
    for (; *s; s++) {
        const char *a = s, *b = part;
        while (*b && *a == *b)
            a++, b++;
        if (!*b)
            return true;
    }
    return false;
}
#endif

static int fail(const char *what)
{
    puts_("hv: FAIL ");
    puts_(what);
    puts_(": ");
    puts_(xvcpu_vcpu_last_error(&vcpu));
    puts_("\n");
    return 1;
}

#ifdef MINIHV_EL2_FAULT
/* The run ended in the library's exception at EL2: print the report (the library's code address
 * checked and left out: it differs between compilers), check it, and take the vCPU down. */
static int el2_fault_report(void)
{
    const char *text = xvcpu_vcpu_last_error(&vcpu);
    uint64_t elr = vcpu.arch.arm64.ctx.el2_fault.elr;
    xvcpu_exit e;
    puts_("hv: run failed: ");
    puts_text(text);
    puts_("\n");
    if (!contains(text, "synchronous exception at EL2 in the library (from EL2h): EC 0x25 DABT_CUR") ||
        !contains(text, "FAR 0x400000000,") || elr < (uint64_t)(uintptr_t)__text_start ||
        elr >= (uint64_t)(uintptr_t)__text_end)
        return fail("the EL2 fault report");
    if (xvcpu_vcpu_run(&vcpu, &e) != XVCPU_ERR_BAD_STATE)
        return fail("a run after the EL2 fault");
    puts_("hv: run again: ");
    puts_(xvcpu_vcpu_last_error(&vcpu));
    puts_("\n");
    if (xvcpu_vcpu_unbind(&vcpu) != XVCPU_OK || xvcpu_vcpu_destroy(&vcpu) != XVCPU_OK)
        return fail("unbind/destroy after the EL2 fault");
    puts_("hv: vCPU unbound and destroyed\nhv: RESULT PASS\n");
    return 0;
}
#endif

int hv_main(void)
{
    xvcpu_vcpu_setup_args args = { XVCPU_START_AARCH64, GUEST_RAM_IPA, GUEST_RAM_IPA + GUEST_RAM_SIZE, DTB_IPA, &s2 };
    uint64_t ram_phys, ram_size = (uint64_t)(guest_image_end - guest_image_start), done = ~0ull;
    uint8_t *ram;
    bool irq_on_wfi = false;
    unsigned i;
    puts_("hv: minihv-arm64 on xvcpu " XVCPU_VERSION_STRING "\n");
    if (xvcpu_percpu_init(&cpu, &hal, 0, NULL) != XVCPU_OK || xvcpu_percpu_enable(&cpu) != XVCPU_OK) {
        puts_("hv: FAIL enable: ");
        puts_(xvcpu_percpu_last_error(&cpu));
        puts_("\n");
        return 1;
    }
    puts_("hv: backend ");
    puts_(cpu.backend->name);
    puts_(", IPA bits ");
    hex(cpu.caps.arm64.ipa_bits);
    puts_(", VMID bits ");
    hex(cpu.caps.arm64.vmid_bits);
    puts_("\n");
    if (xvcpu_arm64_stage2_init(&s2, &cpu) != XVCPU_OK)
        return fail("stage2");
    ram = (uint8_t *)hal_alloc(NULL, GUEST_RAM_SIZE / 4096, &ram_phys);
    if (ram == NULL || ram_size > GUEST_RAM_SIZE)
        return fail("guest RAM");
    for (i = 0; i < GUEST_RAM_SIZE; i++)
        ram[i] = i < ram_size ? (uint8_t)guest_image_start[i] : 0;
    if (xvcpu_stage2_map(&s2, GUEST_RAM_IPA, ram_phys, GUEST_RAM_SIZE,
                         XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, XVCPU_S2_MEMATTR_NORMAL_WB) != XVCPU_OK)
        return fail("map");
    if (xvcpu_vcpu_create(&vcpu, &cpu, 0) != XVCPU_OK ||
        xvcpu_arm64_add_mmio_device(&vcpu, CONSOLE_IPA, 0x1000, console_device, NULL) != XVCPU_OK ||
        xvcpu_arm64_add_mmio_device(&vcpu, REGFILE_IPA, 0x1000, regfile_device, &hv) != XVCPU_OK ||
        xvcpu_vcpu_add_mmio_region(&vcpu, REGFILE_EXIT_IPA, 0x1000) != XVCPU_OK)
        return fail("create");
#ifdef MINIHV_SHARE_PMU
    /* the bench guest counts with the PMU: give it the host's (hidden by default) */
    if (xvcpu_arm64_set_pmu(&vcpu, true) != XVCPU_OK)
        return fail("set_pmu");
#endif
    /* the guest sees a chosen ISAR0 (the ID register table) */
    (void)xvcpu_arm64_set_id_reg(&vcpu, XVCPU_SYSREG_ID_AA64ISAR0_EL1, 0x0000000000011120ull);
    if (xvcpu_vcpu_setup(&vcpu, &args) != XVCPU_OK || xvcpu_vcpu_bind(&vcpu, &cpu) != XVCPU_OK)
        return fail("setup/bind");
#ifdef MINIHV_EL2_FAULT
    if (xvcpu_arm64_debug_fault_at_el2(&vcpu, EL2_FAULT_ADDR) != XVCPU_OK)
        return fail("debug hook");
#endif
    for (;;) {
        xvcpu_exit e;
        xvcpu_err err;
        if (hv.exits > 100000)
            return fail("too many exits");
        err = xvcpu_vcpu_run(&vcpu, &e);
#ifdef MINIHV_EL2_FAULT
        if (err == XVCPU_ERR_INTERNAL)
            return el2_fault_report();
#endif
        if (err != XVCPU_OK)
            return fail("run");
        if (e.kind == XVCPU_EXIT_MMIO_READ) { /* the plain exit path (the exit window) */
            uint64_t off = e.u.mmio_read.addr - REGFILE_EXIT_IPA;
            hv.exits++;
            (void)xvcpu_complete_mmio_read(&vcpu, hv.quiet && e.u.mmio_read.width == 8 && (off & 7) == 0 && off < 0x1000
                                                      ? hv.regfile.words[off / 8] : device_access(&e));
            continue;
        }
        if (e.kind == XVCPU_EXIT_MMIO_WRITE) {
            hv.exits++;
            (void)device_access(&e);
            continue;
        }
        hv.exits++;
        if (!hv.quiet)
            log_exit(&e);
        switch (e.kind) {
        case XVCPU_EXIT_HYPERCALL: {
            uint64_t r = 0;
            unsigned k;
            switch (e.u.hypercall.nr) {
            case HC_DONE:
                done = e.u.hypercall.args[0];
                puts_(done == 0 ? "hv: guest says PASS\n" : "hv: guest says FAIL at check ");
                if (done != 0) {
                    hex(done);
                    puts_("\n");
                }
                break;
            case HC_SUM:
                r = e.u.hypercall.nr;
                for (k = 0; k < 6; k++)
                    r += e.u.hypercall.args[k];
                break;
            case HC_INJECT_SYNC:
                if (xvcpu_arm64_inject_sync(&vcpu, (uint32_t)e.u.hypercall.args[0], e.u.hypercall.args[1]) != XVCPU_OK)
                    return fail("inject");
                break;
            case HC_IRQ_LINE:
                (void)xvcpu_arm64_set_irq_line(&vcpu, e.u.hypercall.args[0] != 0);
                break;
            case HC_IRQ_ON_WFI:
                irq_on_wfi = true;
                break;
            case HC_QUIET:
                hv.quiet = e.u.hypercall.args[0] != 0;
                break;
            case HC_BENCH:
                puts_("bench: arm64.");
                puts_(bench_names[e.u.hypercall.args[0] < 4 ? e.u.hypercall.args[0] : 0]);
                puts_(" ");
                dec(e.u.hypercall.args[1]);
                puts_(" insns\n");
                break;
            default:
                r = ~0ull;
                break;
            }
            (void)xvcpu_complete_hypercall(&vcpu, r);
            break;
        }
        case XVCPU_EXIT_SYSREG_READ:
            puts_("hv:   sysreg ");
            hex(e.u.sysreg_read.addr);
            puts_("\n");
            (void)xvcpu_complete_sysreg_read(&vcpu, 0x5A5A0000ull | e.u.sysreg_read.addr);
            break;
        case XVCPU_EXIT_SYSREG_WRITE:
            puts_("hv:   sysreg ");
            hex(e.u.sysreg_write.addr);
            puts_(" = ");
            hex(e.u.sysreg_write.value);
            puts_("\n");
            regfile_write(0xFF8, 8, e.u.sysreg_write.value); /* the guest can read it back */
            break;
        case XVCPU_EXIT_HALT:
            if (irq_on_wfi) {
                irq_on_wfi = false;
                (void)xvcpu_arm64_set_irq_line(&vcpu, true);
            }
            break;
        case XVCPU_EXIT_NESTED_PAGE_FAULT:
            puts_("hv:   at ");
            hex(e.u.nested_page_fault.addr);
            puts_(" access ");
            hex(e.u.nested_page_fault.access);
            puts_("\n");
            if (e.u.nested_page_fault.addr - DEMAND_IPA < 0x10000) {
                uint64_t page = e.u.nested_page_fault.addr & ~0xFFFull, phys;
                uint64_t *p = (uint64_t *)hal_alloc(NULL, 1, &phys);
                unsigned w;
                if (p == NULL)
                    return fail("demand page");
                for (w = 0; w < 512; w++)
                    p[w] = page + 8 * w; /* each word holds its own address */
                if (xvcpu_stage2_map(&s2, page, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE,
                                     XVCPU_S2_MEMATTR_NORMAL_WB) != XVCPU_OK)
                    return fail("demand map");
            } else {
                /* nothing there: a synchronous external abort for the guest */
                if (xvcpu_complete_fault(&vcpu, XVCPU_ARM64_EC_DABT_CUR, 0x10) != XVCPU_OK)
                    return fail("complete_fault");
            }
            break;
        case XVCPU_EXIT_SEND_IPI:
            puts_("hv:   SGI ");
            hex(e.u.send_ipi.vector);
            puts_(" aff ");
            hex(e.u.send_ipi.target_cpu);
            puts_(" list ");
            hex(e.u.send_ipi.target_cpu_aux);
            puts_("\n");
            break;
        case XVCPU_EXIT_CPU_UP:
            puts_("hv:   CPU_ON ");
            hex(e.u.cpu_up.target_cpu);
            puts_(" entry ");
            hex(e.u.cpu_up.entry_point);
            puts_(" arg ");
            hex(e.u.cpu_up.arg);
            puts_("\n");
            (void)xvcpu_arm64_set_reg(&vcpu, 0, (uint64_t)0 - 4); /* ALREADY_ON: one vCPU here */
            break;
        case XVCPU_EXIT_SYSTEM_DOWN:
            puts_("hv:   PSCI ");
            hex(e.raw_qualification);
            puts_(e.raw_qualification == XVCPU_PSCI_FN_SYSTEM_RESET ? " SYSTEM_RESET: the host goes on\n"
                                                                      : " SYSTEM_OFF\n");
            goto out;
        case XVCPU_EXIT_MMIO_UNSUPPORTED:
            puts_("hv:   unsupported: ");
            puts_(e.u.mmio_unsupported.why);
            puts_("\n");
            return fail("mmio");
        case XVCPU_EXIT_UNHANDLED:
        case XVCPU_EXIT_EXTERNAL_INTERRUPT:
        case XVCPU_EXIT_CPU_DOWN:
        default:
            break;
        }
    }
out:
    if (xvcpu_vcpu_unbind(&vcpu) != XVCPU_OK || xvcpu_percpu_disable(&cpu) == XVCPU_ERR_BUSY)
        return fail("unbind");
    puts_("hv: exits ");
    hex(hv.exits);
    puts_("\n");
    puts_(done == 0 ? "hv: RESULT PASS\n" : "hv: RESULT FAIL\n");
    return done == 0 ? 0 : 1;
}
