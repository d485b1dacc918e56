/* minihv's Linux VMM: boots the kernel tests/linux/mkboot.py laid out in memory, on one vCPU, with
 * a 16550 UART, an IOAPIC, the library's local APIC, a CMOS stub and reset ports. Ends when the
 * guest halts for good (interrupts off: Linux's "System halted" after poweroff -f) or resets.
 * Prints exit statistics and `PASS|FAIL <backend>-<platform> linux`. */
#define XVCPU_IMPLEMENTATION
#include "linux.h"

#ifndef MINIHV_PLATFORM
#define MINIHV_PLATFORM bochs
#endif
#define MINIHV_STR_(x) #x
#define MINIHV_STR(x) MINIHV_STR_(x)

#define LAPIC_GPA 0xFEE00000ull
#define LAPIC_TSC_PER_TICK 16 /* APIC timer clock = TSC / 16 */
#define HW_REASON_LIMIT 0x410u
#define RFLAGS_IF 0x200u
#define HOST_TIMER_MIN_TICKS 20000 /* never arm closer: it must fire inside the guest */

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

/* vCPUs: LINUX_CPUS of them (build flag), time-sliced on the one host CPU: the one bound runs
 * until it exits, halts or its slice ends (host timer); vCPU 0 starts at startup_64, the others
 * when the guest sends them a start-up IPI (CPU_UP). */
#ifndef LINUX_CPUS
#define LINUX_CPUS 1
#endif
#define SLICE_TICKS 200000ull

static xvcpu_percpu cpu0;
static xvcpu_vcpu vcpus[LINUX_CPUS];
static xvcpu_lapic apics[LINUX_CPUS];
static bool started[LINUX_CPUS], halted[LINUX_CPUS];
/* halted with interrupts off: only an NMI, SMI or INIT ends that HLT (none is modelled here), so
 * no interrupt wakes it; the library keeps returning HALT for it (SDM Vol. 3A HLT) */
static bool halted_masked[LINUX_CPUS];
static unsigned cur;              /* the vCPU bound to the host CPU */
static uint64_t slice_end;        /* TSC: when its slice ends (counted over its exits) */
#define vcpu (vcpus[cur])
#define apic (apics[cur])
static xvcpu_stage2 s2;
static ioapic io;
static uart com1;
static uint8_t cmos_index;
static uint32_t kind_count[XVCPU_EXIT_KIND_COUNT];
static unsigned long msr_faults, halts;
static uint64_t boot_start; /* TSC when the VMM started: the guest's boot is counted from here */
#ifdef LINUX_VMM_TRACE
static unsigned long trace_n;
#endif

static const char *backend_tag(void)
{
    static char tag[32];
    ksnprintf(tag, sizeof(tag), "%s-%s", cpu0.backend ? cpu0.backend->name : "none", MINIHV_STR(MINIHV_PLATFORM));
    return tag;
}

static const char *hw_reason_name(uint32_t raw)
{
    return cpu0.backend == xvcpu_svm_backend() ? xvcpu_svm_exit_name(raw) : xvcpu_vmx_exit_reason_name(raw);
}

static unsigned long total_exits(void)
{
    unsigned long n = 0;
    unsigned i;
    unsigned c;
    for (c = 0; c < LINUX_CPUS; c++)
        for (i = 0; i < HW_REASON_LIMIT; i++)
            n += xvcpu_vcpu_exit_count(&vcpus[c], i);
    return n;
}

/* Exits per second of the boot, by kind: the guest's TSC is 1 GHz here (tests/linux/run.sh). */
static void exit_rates(void)
{
    uint64_t ticks = rdtsc() - boot_start;
    unsigned i;
    if (ticks == 0)
        return;
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        if (kind_count[i])
            kprintf("bench: linux.exits_per_s.%s %lu exits/s\n", xvcpu_exit_kind_name((xvcpu_exit_kind)i),
                    (unsigned long)(kind_count[i] * 1000000000ull / ticks));
}

static int finish(bool pass, const char *why)
{
    unsigned i;
    kprintf("\nexit statistics (VMM-visible kinds):\n");
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        if (kind_count[i])
            kprintf("  %-20s %u\n", xvcpu_exit_kind_name((xvcpu_exit_kind)i), kind_count[i]);
    kprintf("exit statistics (hardware exit reasons):\n");
    for (i = 0; i < HW_REASON_LIMIT; i++) {
        uint32_t n = 0;
        unsigned c;
        for (c = 0; c < LINUX_CPUS; c++)
            n += xvcpu_vcpu_exit_count(&vcpus[c], i);
        if (n)
            kprintf("  %-20s %u\n", hw_reason_name(i) ? hw_reason_name(i) : "?", n);
    }
    kprintf("devices: uart tx %lu bytes, ioapic %lu interrupts, %lu halts, %lu MSR #GPs\n", com1.tx_bytes,
            io.delivered, halts, msr_faults);
    kprintf("bench: linux.boot_exits %lu exits\n", total_exits());
    exit_rates();
    if (pass)
        kprintf("PASS %s %s\n", backend_tag(), LINUX_CPUS > 1 ? "linux-smp" : "linux");
    else
        kprintf("FAIL %s %s: %s\n", backend_tag(), LINUX_CPUS > 1 ? "linux-smp" : "linux", why);
    return pass ? 0 : 1;
}

static int fail_call(const char *what, xvcpu_err err, const char *detail)
{
    kprintf("%s: %s: %s\n", what, xvcpu_strerror(err), detail);
    return finish(false, what);
}

static uint64_t guest_rip(void)
{
    uint64_t rip = 0;
    xvcpu_vcpu_get_reg(&vcpu, XVCPU_REG_RIP, &rip);
    return rip;
}

/* CMOS/RTC (MC146818): a fixed time, 2000-01-01 00:00:00 in BCD, never "update in progress"
 * (Linux polls that bit), memory sizes as a BIOS leaves them. */
static uint8_t cmos_read(uint8_t reg, uint64_t ram_size)
{
    uint64_t above16 = ram_size > (16u << 20) ? (ram_size - (16u << 20)) >> 16 : 0;
    switch (reg) {
    case 0x00: case 0x02: case 0x04: return 0x00;  /* seconds, minutes, hours */
    case 0x06: return 0x07;                        /* day of week */
    case 0x07: case 0x08: return 0x01;             /* day, month */
    case 0x09: return 0x00;                        /* year */
    case 0x0A: return 0x26;                        /* 32.768 kHz, 1024 Hz; UIP clear */
    case 0x0B: return 0x02;                        /* 24-hour, BCD */
    case 0x0D: return 0x80;                        /* valid RAM and time */
    case 0x15: return 0x80; case 0x16: return 0x02; /* 640 KiB base memory */
    case 0x17: case 0x30: return 0xFF; case 0x18: case 0x31: return 0xFF;
    case 0x32: return 0x20;                        /* century */
    case 0x34: return (uint8_t)above16;
    case 0x35: return (uint8_t)(above16 >> 8);
    default: return 0x00;
    }
}

/* Port I/O. Returns 0 to go on, 1 when the guest reset the machine. */
static int port_io(const xvcpu_exit *e, const linux_boot_info *info, const char **why)
{
    uint16_t port = e->u.io.port;
    bool out = e->kind == XVCPU_EXIT_IO_WRITE;
    uint32_t v = (uint32_t)e->u.io.data, r = 0xFFFFFFFFu;
    if (e->u.io.string) {
        *why = "string port I/O";
        kprintf("linux-vmm: string I/O on port %x at rip %lx\n", port, (unsigned long)guest_rip());
        return -1;
    }
    if (port >= 0x3F8 && port <= 0x3FF && e->u.io.width == 1) {
        if (out)
            uart_write(&com1, port - 0x3F8u, (uint8_t)v);
        else
            r = uart_read(&com1, port - 0x3F8u);
        ioapic_set_irq(&io, 4, com1.line);
    } else if (port == 0x70 && out) {
        cmos_index = (uint8_t)(v & 0x7F);
    } else if (port == 0x71 && !out) {
        r = cmos_read(cmos_index, info->ram_size);
    } else if (port >= 0x40 && port <= 0x42 && !out) {
        /* PIT counters: no PIT here; a counter that reads 0 instead of all ones makes Linux's
         * quick PIT calibration (AMD CPUs) give up after 2 reads, not 100,000 (it waits for the
         * MSB to leave 0xFF) */
        r = 0;
    } else if (out && ((port == 0xCF9 && (v & 0x04)) || (port == 0x64 && (v & 0xFF) == 0xFE))) {
        kprintf("linux-vmm: the guest reset the machine (port %x value %x)\n", port, v);
        return 1;
    }
    /* everything else: writes ignored, reads all ones (no device there) */
    if (out)
        xvcpu_complete(&vcpu);
    else
        xvcpu_complete_io_read(&vcpu, e->u.io.width == 4 ? r : r & ((1u << (8 * e->u.io.width)) - 1));
    return 0;
}

/* Does APIC `c` match destination `dest` (physical: the APIC ID, 0xFF all; logical flat: a bit
 * of the LDR's top byte)? SDM Vol. 3A 11.6.2. */
static bool apic_matches(unsigned c, uint32_t dest, bool logical)
{
    if (logical)
        return ((apics[c].ldr >> 24) & dest) != 0;
    return dest == 0xFF || dest == apics[c].id;
}

/* An interrupt for vCPU c: it runs again, unless it is halted with interrupts off. */
static void wake(unsigned c)
{
    if (!halted_masked[c])
        halted[c] = false;
}

/* An IOAPIC message: fixed and lowest-priority go to the matching APICs (lowest priority: the
 * first), as an edge or level interrupt. */
static void ioapic_route(uint64_t rte)
{
    uint32_t dest = (uint32_t)(rte >> 56), mode = (uint32_t)(rte >> 8) & 7;
    bool logical = (rte >> 11) & 1, level = (rte >> 15) & 1;
    unsigned c;
    for (c = 0; c < LINUX_CPUS; c++) {
        if (!apic_matches(c, dest, logical))
            continue;
        xvcpu_lapic_accept(&apics[c], (uint8_t)rte, level);
        wake(c);
        if (mode == 1)
            break;
    }
}

static void start_cpu(unsigned c, uint64_t entry);
static unsigned switch_to; /* a vCPU an IPI just woke: run it next (the sender usually waits) */

/* A local-APIC access result: an IPI or start-up for the other vCPUs, or an EOI for the IOAPIC. */
static void apic_result(xvcpu_lapic_result res, const xvcpu_exit *ipi, uint8_t eoi)
{
    unsigned c;
    if (res == XVCPU_LAPIC_EOI_LEVEL) {
        ioapic_eoi(&io, eoi);
        return;
    }
    if (res != XVCPU_LAPIC_EXIT)
        return;
    if (ipi->kind == XVCPU_EXIT_CPU_UP) {
        for (c = 0; c < LINUX_CPUS; c++)
            if (apics[c].id == ipi->u.cpu_up.target_cpu && !started[c])
                start_cpu(c, ipi->u.cpu_up.entry_point); /* a second SIPI finds it running: ignored */
        return;
    }
    if (ipi->kind != XVCPU_EXIT_SEND_IPI || ipi->u.send_ipi.vector < 16)
        return; /* NMI/SMI/INIT-style IPIs carry no vector here: not modelled */
    for (c = 0; c < LINUX_CPUS; c++) {
        bool hit = ipi->u.send_ipi.send_to_all ? c != cur
                                               : apic_matches(c, (uint32_t)ipi->u.send_ipi.target_cpu,
                                                              ipi->u.send_ipi.target_cpu_aux != 0);
        if (!hit || !started[c])
            continue;
        xvcpu_lapic_accept(&apics[c], (uint8_t)ipi->u.send_ipi.vector, false);
        wake(c);
        if (c != cur && !halted_masked[c])
            switch_to = c + 1;
    }
}

static int mmio(const xvcpu_exit *e, const char **why)
{
    xvcpu_exit ipi;
    uint8_t eoi = 0;
    uint64_t addr = e->kind == XVCPU_EXIT_MMIO_READ ? e->u.mmio_read.addr : e->u.mmio_write.addr;
    uint8_t width = e->kind == XVCPU_EXIT_MMIO_READ ? e->u.mmio_read.width : e->u.mmio_write.width;
    if (e->kind == XVCPU_EXIT_MMIO_UNSUPPORTED) {
        kprintf("linux-vmm: MMIO at %lx by an instruction not emulated (%s) at rip %lx\n",
                (unsigned long)e->u.mmio_unsupported.addr, e->u.mmio_unsupported.why ? e->u.mmio_unsupported.why : "?",
                (unsigned long)guest_rip());
        *why = "unsupported MMIO instruction";
        return -1;
    }
    if ((addr & ~0xFFFull) == LAPIC_GPA) {
        if (e->kind == XVCPU_EXIT_MMIO_READ)
            return xvcpu_complete_mmio_read(&vcpu, xvcpu_lapic_mmio_read(&apic, (uint32_t)(addr & 0xFFF), width, rdtsc())), 0;
        apic_result(xvcpu_lapic_mmio_write(&apic, (uint32_t)(addr & 0xFFF), width, e->u.mmio_write.data, rdtsc(), &ipi, &eoi),
                    &ipi, eoi);
        return xvcpu_complete(&vcpu), 0;
    }
    if ((addr & ~0xFFFull) == LINUX_IOAPIC_GPA) {
        if (e->kind == XVCPU_EXIT_MMIO_READ)
            return xvcpu_complete_mmio_read(&vcpu, ioapic_mmio_read(&io, addr & 0xFFF)), 0;
        ioapic_mmio_write(&io, addr & 0xFFF, (uint32_t)e->u.mmio_write.data);
        return xvcpu_complete(&vcpu), 0;
    }
    kprintf("linux-vmm: MMIO at %lx outside every device\n", (unsigned long)addr);
    *why = "MMIO outside the devices";
    return -1;
}

static int msr(const xvcpu_exit *e)
{
    xvcpu_exit ipi;
    uint8_t eoi = 0;
    uint64_t v = 0;
    xvcpu_lapic_result res;
    if (e->kind == XVCPU_EXIT_SYSREG_READ)
        res = xvcpu_lapic_msr_read(&apic, e->u.sysreg_read.addr, rdtsc(), &v);
    else
        res = xvcpu_lapic_msr_write(&apic, e->u.sysreg_write.addr, e->u.sysreg_write.value, rdtsc(), &ipi, &eoi);
    if (res == XVCPU_LAPIC_FAULT) {
        msr_faults++;
        return xvcpu_complete_fault(&vcpu, 13, 0), 0;
    }
    if (e->kind == XVCPU_EXIT_SYSREG_READ)
        return xvcpu_complete_sysreg_read(&vcpu, v), 0;
    apic_result(res, &ipi, eoi);
    return xvcpu_complete(&vcpu), 0;
}

/* Interrupts: fire the timer if due, then hand the highest deliverable vector to the library
 * (one at a time, so the APIC's priorities decide the order). */
static uint64_t deliver(void)
{
    return xvcpu_lapic_deliver(&apic, &vcpu, rdtsc());
}

static bool has_work(unsigned c)
{
    return xvcpu_lapic_pending(&apics[c]) >= 0 || vcpus[c].events.irr[0] | vcpus[c].events.irr[1] |
                                                      vcpus[c].events.irr[2] | vcpus[c].events.irr[3];
}


/* HLT: with interrupts off and nothing that could wake it (no NMI source here) the vCPU is done
 * for good; the guest is, when that is vCPU 0 (Linux's "System halted": the others are stopped
 * then too) or every other vCPU is done as well (Linux halted the system from another CPU).
 * Otherwise the vCPU sleeps until an interrupt for it. Returns 1 when the guest stopped. */
static int halt(const char **why)
{
    uint64_t rflags = 0;
    unsigned c, done = 0;
    (void)why;
    halts++;
    xvcpu_vcpu_get_reg(&vcpu, XVCPU_REG_RFLAGS, &rflags);
    halted_masked[cur] = !(rflags & RFLAGS_IF);
    for (c = 0; c < LINUX_CPUS; c++)
        done += !started[c] || halted_masked[c];
    if (halted_masked[cur] && (cur == 0 || done == LINUX_CPUS)) {
        kprintf("linux-vmm: the guest halted with interrupts off at rip %lx\n", (unsigned long)guest_rip());
        return 1;
    }
    xvcpu_complete(&vcpu);
    halted[cur] = halted_masked[cur] || !has_work(cur);
    return 0;
}

/* Fire every vCPU's timers; the earliest next expiry. */
static uint64_t timers(void)
{
    uint64_t next = UINT64_MAX, n, now = rdtsc();
    unsigned c;
    for (c = 0; c < LINUX_CPUS; c++) {
        if (!started[c])
            continue;
        n = xvcpu_lapic_update(&apics[c], now);
        next = n < next ? n : next;
        if (has_work(c))
            wake(c);
    }
    return next;
}

/* The next vCPU to run: an IPI's target, else round robin over the started ones that are not
 * halted; when all are, sleep until a timer fires. Binds it. 0 or a reason. */
static const char *schedule(bool rotate)
{
    unsigned c, n = cur;
    xvcpu_err err;
    for (;;) {
        uint64_t next = timers();
        if (switch_to && started[switch_to - 1] && !halted[switch_to - 1]) {
            n = switch_to - 1;
            break;
        }
        for (c = 1; c <= LINUX_CPUS; c++) {
            unsigned k = (cur + (rotate ? c : c - 1)) % LINUX_CPUS;
            if (started[k] && !halted[k]) {
                n = k;
                break;
            }
        }
        if (c <= LINUX_CPUS)
            break;
        if (next == UINT64_MAX)
            return "every vCPU halted with no timer armed and no interrupt to come";
        host_timer_arm(next, 0);
        while (rdtsc() < next)
            host_timer_wait();
    }
    switch_to = 0;
    if (n != cur || rotate)
        slice_end = rdtsc() + SLICE_TICKS;
    if (n != cur) {
        if ((err = xvcpu_vcpu_unbind(&vcpus[cur])) != XVCPU_OK || (err = xvcpu_vcpu_bind(&vcpus[n], &cpu0)) != XVCPU_OK)
            return xvcpu_vcpu_last_error(&vcpus[cur]);
        cur = n;
    }
    return 0;
}

static void cpuid_fix(uint32_t leaf, uint32_t subleaf, uint32_t flags, const uint32_t set[4], const uint32_t clear[4])
{
    xvcpu_cpuid_entry e = { leaf, subleaf, flags, 0, 0, 0, 0 };
    unsigned i;
    for (i = 0; i < vcpu.x86.cpuid_count; i++)
        if (vcpu.x86.cpuid[i].leaf == leaf && (!(flags & XVCPU_CPUID_SUBLEAF) || vcpu.x86.cpuid[i].subleaf == subleaf))
            e = vcpu.x86.cpuid[i];
    e.eax = (e.eax & ~clear[0]) | set[0];
    e.ebx = (e.ebx & ~clear[1]) | set[1];
    e.ecx = (e.ecx & ~clear[2]) | set[2];
    e.edx = (e.edx & ~clear[3]) | set[3];
    e.flags = flags;
    xvcpu_vcpu_set_cpuid(&vcpu, &e);
}

/* The guest's CPUID view beyond the library's: the devices this VMM models. */
static void cpuid_setup(void)
{
    static const uint32_t none[4] = { 0, 0, 0, 0 };
    const uint32_t tsc_deadline[4] = { 0, 0, 1u << 24, 0 }, arat[4] = { 1u << 2, 0, 0, 0 };
    const uint32_t fsrm[4] = { 0, 0, 0, 1u << 4 };
    uint32_t x2apic_bit = 1u << 21;
    unsigned i;
    cpuid_fix(1, 0, 0, tsc_deadline, none);   /* TSC-deadline timer: the APIC model has it */
    cpuid_fix(6, 0, 0, arat, none);           /* the APIC timer runs in every C-state */
    if (kstrcmp(MINIHV_STR(MINIHV_PLATFORM), "bochs") == 0)
        cpuid_fix(7, 0, XVCPU_CPUID_SUBLEAF, none, fsrm); /* Bochs 2.7's fast rep movsb corrupts copies */
    for (i = 0; i < vcpu.x86.cpuid_count; i++)
        if (vcpu.x86.cpuid[i].leaf == 1)
            apic.x2apic_allowed = (vcpu.x86.cpuid[i].ecx & x2apic_bit) != 0;
    apic.tsc_deadline_allowed = true;
}

/* Setup and the VMM's intercepts for vCPU `c`: its APIC page, the IOAPIC, the APIC MSRs, the
 * CPUID view of the devices here. 0 or a reason. */
static const char *vcpu_configure(unsigned c, const xvcpu_vcpu_setup_args *args)
{
    xvcpu_vcpu *v = &vcpus[c];
    unsigned keep = cur;
    uint32_t m;
    if (xvcpu_vcpu_setup(v, args) != XVCPU_OK || xvcpu_vcpu_add_mmio_region(v, LAPIC_GPA, 4096) != XVCPU_OK ||
        xvcpu_vcpu_add_mmio_region(v, LINUX_IOAPIC_GPA, 4096) != XVCPU_OK ||
        xvcpu_vcpu_msr_to_vmm(v, XVCPU_MSR_IA32_APIC_BASE, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true) != XVCPU_OK ||
        xvcpu_vcpu_msr_to_vmm(v, XVCPU_MSR_IA32_TSC_DEADLINE, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true) != XVCPU_OK)
        return xvcpu_vcpu_last_error(v);
    for (m = XVCPU_MSR_RANGE_X2APIC_FIRST; m <= XVCPU_MSR_RANGE_X2APIC_LAST; m++)
        if (xvcpu_vcpu_msr_to_vmm(v, m, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true) != XVCPU_OK)
            return xvcpu_vcpu_last_error(v);
    cur = c; /* cpuid_setup works on the current vCPU */
    cpuid_setup();
    cur = keep;
    return 0;
}

/* A start-up IPI: vCPU `c` begins in real mode at `entry` (CS = entry >> 4, IP = 0; SDM Vol. 3A
 * 9.4.4.1). It runs when the scheduler picks it. */
static void start_cpu(unsigned c, uint64_t entry)
{
    xvcpu_vcpu_setup_args args = { XVCPU_START_REAL, entry, 0, 0, &s2 };
    const char *e = vcpu_configure(c, &args);
    if (e != 0) {
        kprintf("linux-vmm: vCPU %u does not start: %s\n", c, e);
        return;
    }
    kprintf("linux-vmm: vCPU %u starts at %lx\n", c, (unsigned long)entry);
    started[c] = true;
    halted[c] = halted_masked[c] = false;
}

int minihv_main(void)
{
    const linux_boot_info *info = (const linux_boot_info *)(uintptr_t)LINUX_BOOT_INFO_HPA;
    xvcpu_vcpu_setup_args args;
    xvcpu_exit exit;
    xvcpu_err err;
    const char *why = "", *perr;
    uint8_t *ram;
    uint32_t m;
    int r = 0;
    uint64_t t0 = rdtsc();
    boot_start = t0;

    if (kmemcmp(info->magic, "XVLINUX1", 8) != 0 && (perr = linux_load_from_disk()) != 0)
        return finish(false, perr);
    if (info->ram_hpa < LINUX_BOOT_INFO_HPA + 4096 || (info->ram_hpa & 0x1FFFFF) || (info->ram_size & 0x1FFFFF) ||
        info->ram_size < (64u << 20) || info->ram_hpa + info->ram_size > 0xC0000000ull)
        return finish(false, "guest RAM must be 2 MiB aligned, at least 64 MiB, above boot.bin, below 3 GiB");
    ram = (uint8_t *)(uintptr_t)info->ram_hpa;
    kprintf("linux-vmm: guest RAM %lu MiB at %lx, kernel %lu bytes at %lx, entry %lx, initrd %lu bytes at %lx\n",
            (unsigned long)(info->ram_size >> 20), (unsigned long)info->ram_hpa, (unsigned long)info->kernel_bytes,
            (unsigned long)info->kernel_gpa, (unsigned long)info->entry, (unsigned long)info->initrd_bytes,
            (unsigned long)info->initrd_gpa);
    kprintf("linux-vmm: command line: %s\n", (const char *)info + LINUX_BOOT_CMDLINE_OFF);
    if ((perr = linux_boot_prepare(info, ram, LINUX_CPUS)) != 0)
        return finish(false, perr);

    if ((err = xvcpu_percpu_init(&cpu0, &hal, 0, NULL)) != XVCPU_OK || (err = xvcpu_percpu_enable(&cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_percpu_enable", err, xvcpu_percpu_last_error(&cpu0));
    if ((err = xvcpu_stage2_init_for_cpu(&s2, &cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_stage2_init_for_cpu", err, xvcpu_stage2_last_error(&s2));
    if ((err = xvcpu_stage2_map(&s2, 0, info->ram_hpa, info->ram_size,
                                XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6)) != XVCPU_OK)
        return fail_call("xvcpu_stage2_map", err, xvcpu_stage2_last_error(&s2));

    for (m = 0; m < LINUX_CPUS; m++) {
        xvcpu_lapic_init(&apics[m], m, m == 0, LAPIC_TSC_PER_TICK);
        if ((err = xvcpu_vcpu_create(&vcpus[m], &cpu0, m)) != XVCPU_OK)
            return fail_call("xvcpu_vcpu_create", err, xvcpu_vcpu_last_error(&vcpus[m]));
    }
    ioapic_init(&io, LINUX_IOAPIC_ID, ioapic_route);
    uart_init(&com1);

    args.mode = XVCPU_START_LONG;
    args.entry = info->entry;
    args.stack = LINUX_GPA_STACK;
    args.cr3 = LINUX_GPA_PML4;
    args.stage2 = &s2;
    if ((perr = vcpu_configure(0, &args)) != 0)
        return finish(false, perr);
    vcpus[0].gpr[XVCPU_REG_RSI] = LINUX_GPA_ZERO_PAGE; /* boot_params */
    started[0] = true;
    if ((err = xvcpu_vcpu_bind(&vcpus[0], &cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_vcpu_bind", err, xvcpu_vcpu_last_error(&vcpus[0]));

    host_timer_init();
    slice_end = rdtsc() + SLICE_TICKS;
    if (LINUX_CPUS > 1 && kstrcmp(MINIHV_STR(MINIHV_PLATFORM), "bochs") == 0)
        host_watchdog_init(); /* linux.h: Bochs 2.7 masks host interrupts in guests entered with IF = 0 */
    while (r == 0) {
        uint64_t next;
        if ((perr = schedule(false)) != 0) {
            why = perr;
            r = -1;
            break;
        }
        /* the host timer ends the run when a timer is due or (several vCPUs) the slice is over */
        next = deliver();
        if (LINUX_CPUS > 1 && slice_end < next)
            next = slice_end;
        host_timer_arm(next, HOST_TIMER_MIN_TICKS);
        __asm__ volatile("sti" ::: "memory");
        err = xvcpu_vcpu_run(&vcpu, &exit);
        __asm__ volatile("cli" ::: "memory");
        if (err != XVCPU_OK)
            return fail_call("xvcpu_vcpu_run", err, xvcpu_vcpu_last_error(&vcpu));
        kind_count[exit.kind]++;
#ifdef LINUX_VMM_TRACE
        if ((++trace_n & 0x3FF) == 0)
            kprintf("trace: %lu: vCPU %u %s rip %lx halted %d/%d started %d/%d\n", trace_n, cur,
                    xvcpu_exit_kind_name(exit.kind), (unsigned long)guest_rip(), halted[0], LINUX_CPUS > 1 && halted[1],
                    started[0], LINUX_CPUS > 1 && started[1]);
#endif
        switch (exit.kind) {
        case XVCPU_EXIT_IO_READ:
        case XVCPU_EXIT_IO_WRITE: r = port_io(&exit, info, &why); break;
        case XVCPU_EXIT_MMIO_READ:
        case XVCPU_EXIT_MMIO_WRITE:
        case XVCPU_EXIT_MMIO_UNSUPPORTED: r = mmio(&exit, &why); break;
        case XVCPU_EXIT_SYSREG_READ:
        case XVCPU_EXIT_SYSREG_WRITE: r = msr(&exit); break;
        case XVCPU_EXIT_HALT: r = halt(&why); break;
        case XVCPU_EXIT_HYPERCALL:
            xvcpu_complete_hypercall(&vcpu, (uint64_t)-38); /* -ENOSYS: no hypercalls here */
            break;
        case XVCPU_EXIT_NOTHING: break;
        case XVCPU_EXIT_EXTERNAL_INTERRUPT:
            /* VMX acknowledged it on exit (its vector is reported): end it; SVM left it pending
             * and the host's handler took it after the run */
            if (cpu0.backend == xvcpu_vmx_backend() && exit.u.external_interrupt.vector == HOST_TIMER_VECTOR)
                host_timer_eoi();
            /* the watchdog's NMI: a VMX exit took it (NMIs blocked until an IRET); SVM left it
             * pending for the host's handler */
            if (cpu0.backend == xvcpu_vmx_backend() && exit.u.external_interrupt.vector == 2)
                host_nmi_unblock();
#ifdef LINUX_VMM_TRACE
            if (trace_n < 3000 && started[LINUX_CPUS - 1])
                kprintf("trace: ext-int vector %x vCPU %u rip %lx slice %s\n", exit.u.external_interrupt.vector, cur,
                        (unsigned long)guest_rip(), rdtsc() >= slice_end ? "over" : "left");
#endif
            if (LINUX_CPUS > 1 && rdtsc() >= slice_end && (perr = schedule(true)) != 0) {
                why = perr;
                r = -1;
            }
            break;
        case XVCPU_EXIT_NESTED_PAGE_FAULT:
            kprintf("linux-vmm: nested page fault at gpa %lx (access %x) rip %lx\n",
                    (unsigned long)exit.u.nested_page_fault.addr, exit.u.nested_page_fault.access,
                    (unsigned long)guest_rip());
            why = "guest access outside RAM and devices";
            r = -1;
            break;
        case XVCPU_EXIT_SYSTEM_DOWN:
            kprintf("linux-vmm: the guest shut down (triple fault) at rip %lx (rax %lx rcx %lx rdx %lx)\n",
                    (unsigned long)guest_rip(), (unsigned long)vcpu.gpr[XVCPU_REG_RAX],
                    (unsigned long)vcpu.gpr[XVCPU_REG_RCX], (unsigned long)vcpu.gpr[XVCPU_REG_RDX]);
            why = "triple fault";
            r = -1;
            break;
        default:
            kprintf("linux-vmm: exit %s raw reason %lx (%s) qualification %lx at rip %lx\n",
                    xvcpu_exit_kind_name(exit.kind), (unsigned long)exit.raw_reason,
                    exit.raw_reason_name ? exit.raw_reason_name : "?", (unsigned long)exit.raw_qualification,
                    (unsigned long)guest_rip());
            why = "unexpected exit";
            r = -1;
            break;
        }
    }
    host_timer_arm(UINT64_MAX, 0);
    kprintf("linux-vmm: guest ran %lu TSC ticks\n", (unsigned long)(rdtsc() - t0));
    if ((err = xvcpu_vcpu_unbind(&vcpu)) != XVCPU_OK)
        return fail_call("vCPU teardown", err, xvcpu_vcpu_last_error(&vcpu));
    for (m = 0; m < LINUX_CPUS; m++)
        if ((err = xvcpu_vcpu_destroy(&vcpus[m])) != XVCPU_OK)
            return fail_call("vCPU teardown", err, xvcpu_vcpu_last_error(&vcpus[m]));
    xvcpu_stage2_destroy(&s2);
    if ((err = xvcpu_percpu_disable(&cpu0)) != XVCPU_OK)
        return fail_call("xvcpu_percpu_disable", err, xvcpu_percpu_last_error(&cpu0));
    return finish(r > 0, why);
}
