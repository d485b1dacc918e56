/* The examples' VMM (see vmm.h): one guest of tests/guest/ on one vCPU through xvcpu's public API,
 * every VMM-visible exit printed, the guest ABI of tests/guest/README.md answered. */
#include "vmm_platform.h"
#include "vmm.h"

#define VMM_GUEST_RAM (2u << 20)
#define VMM_GUEST_LOAD 0x8000u
#define VMM_GUEST_STACK 0x7000u
#define VMM_DEMAND_GPA 0x400000u
#define VMM_MSR 0xC0001234u

void vmm_printf(vmm *m, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    m->host->vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    m->host->print(m->host->ctx, text);
}

static int vmm_snprintf(vmm *m, char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int vmm_snprintf(vmm *m, char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = m->host->vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void guest_putc(vmm *m, char c)
{
    if (c == '\n' || m->line_len + 1 == sizeof(m->line)) {
        m->line[m->line_len] = 0;
        vmm_printf(m, "guest: %s", m->line);
        m->line_len = 0;
        if (c == '\n')
            return;
    }
    m->line[m->line_len++] = c;
}

/* Guest memory for string I/O: the guests run with paging off, so linear = guest-physical. */
static uint8_t *guest_ptr(vmm *m, uint64_t gpa, uint64_t len)
{
    return gpa < VMM_GUEST_RAM && len <= VMM_GUEST_RAM - gpa ? m->ram + gpa : NULL;
}

/* Byte `j` of element `i` of a string I/O pass (the library walked the guest's page tables: the
 * elements follow io.gpa in the DF direction, an element across a page ends at io.gpa_split). */
static uint8_t *strio_byte(vmm *m, const xvcpu_exit *e, uint64_t i, unsigned j)
{
    uint64_t at = e->u.io.down ? e->u.io.gpa - i * e->u.io.width : e->u.io.gpa + i * e->u.io.width;
    unsigned first = 0x1000 - (unsigned)(at & 0xFFF);
    if (e->u.io.gpa_split != 0 && j >= first)
        return guest_ptr(m, e->u.io.gpa_split + (j - first), 1);
    return guest_ptr(m, at + j, 1);
}

/* Port 0x602, the quiet string device: INS elements count up from 0 (seq_602), OUTS bytes go
 * into a counting hash, neither prints a line (guests check the results themselves). */
static int string_device_602(vmm *m, const xvcpu_exit *e, const char **why)
{
    uint64_t i;
    unsigned j;
    for (i = 0; i < e->u.io.count; i++) {
        uint32_t value = m->seq_602;
        for (j = 0; j < e->u.io.width; j++) {
            uint8_t *p = strio_byte(m, e, i, j);
            if (p == NULL) {
                *why = "port 0x602 string I/O outside guest RAM";
                return -1;
            }
            if (e->kind == XVCPU_EXIT_IO_READ) {
                *p = (uint8_t)(value >> (8 * j));
            } else {
                m->sink_bytes++;
                m->sink_hash = m->sink_hash * 31 + *p;
            }
        }
        if (e->kind == XVCPU_EXIT_IO_READ)
            m->seq_602++;
    }
    xvcpu_complete_string_io(&m->vcpu, e->u.io.count);
    return 0;
}

static const char *backend_arch(const vmm *m) { return m->cpu && m->cpu->backend ? m->cpu->backend->name : "none"; }

/* Raw exit reasons: VMX basic exit reasons or SVM EXITCODEs (NPF = 0x400). */
#define HW_REASON_LIMIT 0x410u
static const char *hw_reason_name(const vmm *m, uint32_t raw)
{
    return m->cpu->backend == xvcpu_svm_backend() ? xvcpu_svm_exit_name(raw) : xvcpu_vmx_exit_reason_name(raw);
}

/* How many arguments each hypercall of tests/guest/README.md takes (the others are whatever the
 * guest left in the registers, which differs between CPU vendors). */
static unsigned hypercall_nargs(uint64_t nr)
{
    switch (nr) {
    case 2: return 2; /* INJECT_EXCEPTION */
    case 3: return 1; /* INTERRUPT_ON_HALT */
    case 4: return 1; /* BENCH */
    case 5: return 2; /* INJECT_INTERRUPTS */
    case 6: return 1; /* NMI_ON_HALT */
    case 7: return 1; /* QUEUE_EVENT */
    default: return 6; /* SUM and unknown ones */
    }
}

/* Long-mode guests get identity tables for the first 2 MiB (tests/guest/README.md). */
static void build_guest_page_tables(vmm *m)
{
    uint64_t *pml4 = (uint64_t *)(m->ram + 0x1000), *pdpt = (uint64_t *)(m->ram + 0x2000);
    uint64_t *pd = (uint64_t *)(m->ram + 0x3000);
    pml4[0] = 0x2000 | 3;
    pdpt[0] = 0x3000 | 3;
    pd[0] = 0 | 0x83; /* present, writable, 2 MiB page */
}

void vmm_prepare(vmm *m, const vmm_host *host, xvcpu_percpu *cpu, const vmm_guest *guest)
{
    unsigned i;
    for (i = 0; i < sizeof(*m); i++)
        ((volatile uint8_t *)m)[i] = 0;
    m->host = host;
    m->guest = guest;
    m->cpu = cpu;
    m->irq_on_halt = -1;
    m->vmm_msr = 0x1122334455667788ull;
    vmm_printf(m, "%s: guest %s (%u bytes)", host->name, guest->name, (unsigned)guest->size);
}

int vmm_finish(vmm *m, int passed, const char *why)
{
    unsigned i;
    vmm_printf(m, "exit statistics (VMM-visible kinds):");
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        if (m->kind_count[i])
            vmm_printf(m, "  %-20s %u", xvcpu_exit_kind_name((xvcpu_exit_kind)i), m->kind_count[i]);
    vmm_printf(m, "exit statistics (hardware exit reasons):");
    for (i = 0; m->cpu->backend != NULL && i < HW_REASON_LIMIT; i++)
        if (xvcpu_vcpu_exit_count(&m->vcpu, i))
            vmm_printf(m, "  %-20s %u", hw_reason_name(m, i) ? hw_reason_name(m, i) : "?",
                       xvcpu_vcpu_exit_count(&m->vcpu, i));
    if (passed)
        vmm_printf(m, "PASS %s-%s %s", backend_arch(m), m->host->platform, m->guest->name);
    else
        vmm_printf(m, "FAIL %s-%s %s: %s", backend_arch(m), m->host->platform, m->guest->name, why);
    return passed ? 0 : 1;
}

int vmm_fail_call(vmm *m, const char *what, xvcpu_err err, const char *detail)
{
    vmm_printf(m, "%s: %s: %s", what, xvcpu_strerror(err), detail);
    return vmm_finish(m, 0, what);
}

static int handle_io_write(vmm *m, const xvcpu_exit *e, const char **why)
{
    if (e->u.io.port == 0xE9 && !e->u.io.string) {
        guest_putc(m, (char)e->u.io.data);
        return 0;
    }
    if (e->u.io.port == 0x602 && e->u.io.string)
        return string_device_602(m, e, why);
    if (e->u.io.port == 0x603 && !e->u.io.string) { /* reset the 0x602 device */
        m->seq_602 = m->sink_bytes = m->sink_hash = 0;
        return 0;
    }
    vmm_printf(m, "exit IO_WRITE port %x width %u%s data %lx count %lu", e->u.io.port, e->u.io.width,
               e->u.io.string ? (e->u.io.rep ? " rep-string" : " string") : "", (unsigned long)e->u.io.data,
               (unsigned long)e->u.io.count);
    if (e->u.io.port == 0xF4) {
        if (e->u.io.data == 0)
            return 1;
        *why = "the guest reported a failure code";
        vmm_printf(m, "guest failure code %lu", (unsigned long)e->u.io.data);
        return -1;
    }
    if (e->u.io.port == 0x601 && e->u.io.string) {
        const uint8_t *p = guest_ptr(m, e->u.io.gpa, e->u.io.count);
        if (p == NULL || e->u.io.down || e->u.io.width != 1 || e->u.io.count != 5 || VMM_MEMCMP(p, "xvcpu", 5) != 0) {
            *why = "rep outsb did not carry \"xvcpu\"";
            return -1;
        }
        xvcpu_complete_string_io(&m->vcpu, e->u.io.count);
        return 0;
    }
    *why = "write to an unexpected port";
    return -1;
}

static int handle_io_read(vmm *m, const xvcpu_exit *e, const char **why)
{
    if (e->u.io.port == 0x602 && e->u.io.string)
        return string_device_602(m, e, why);
    if ((e->u.io.port == 0x602 || e->u.io.port == 0x603) && !e->u.io.string && e->u.io.width == 4) {
        xvcpu_complete_io_read(&m->vcpu, e->u.io.port == 0x602 ? m->sink_bytes : m->sink_hash);
        return 0;
    }
    vmm_printf(m, "exit IO_READ port %x width %u%s count %lu", e->u.io.port, e->u.io.width,
               e->u.io.string ? (e->u.io.rep ? " rep-string" : " string") : "", (unsigned long)e->u.io.count);
    if (e->u.io.port == 0x600 && !e->u.io.string) {
        xvcpu_complete_io_read(&m->vcpu, e->u.io.width == 1 ? 0x11 : e->u.io.width == 2 ? 0x2211 : 0x44332211u);
        return 0;
    }
    if (e->u.io.port == 0x601 && e->u.io.string && e->u.io.width == 2) {
        uint64_t i;
        for (i = 0; i < e->u.io.count; i++) {
            uint8_t *lo = strio_byte(m, e, i, 0), *hi = strio_byte(m, e, i, 1);
            if (lo == NULL || hi == NULL) {
                *why = "rep insw buffer outside guest RAM";
                return -1;
            }
            *lo = (uint8_t)m->seq_601;
            *hi = (uint8_t)(0xA0 + (m->seq_601 >> 8));
            m->seq_601++;
        }
        xvcpu_complete_string_io(&m->vcpu, e->u.io.count);
        return 0;
    }
    *why = "read from an unexpected port";
    return -1;
}

static int handle_hypercall(vmm *m, const xvcpu_exit *e, const char **why)
{
    const uint64_t *a = e->u.hypercall.args;
    char text[160];
    unsigned n, len = 0;
    for (n = 0; n < hypercall_nargs(e->u.hypercall.nr) && len < sizeof(text); n++)
        len += (unsigned)vmm_snprintf(m, text + len, sizeof(text) - len, " %lx", (unsigned long)a[n]);
    text[len < sizeof(text) ? len : sizeof(text) - 1] = 0;
    if (e->u.hypercall.cpl != 0) {
        /* the hypercalls are the kernel's: refused from user mode with RAX = -1 */
        vmm_printf(m, "exit HYPERCALL nr %lu args%s from CPL %u: refused", (unsigned long)e->u.hypercall.nr, text,
                   (unsigned)e->u.hypercall.cpl);
        xvcpu_complete_hypercall(&m->vcpu, ~0ull);
        return 0;
    }
    vmm_printf(m, "exit HYPERCALL nr %lu args%s", (unsigned long)e->u.hypercall.nr, text);
    switch (e->u.hypercall.nr) {
    case 1: /* SUM */
        xvcpu_complete_hypercall(&m->vcpu, (a[0] + a[1] + a[2] + a[3] + a[4] + a[5]) ^ 0x5A5A);
        return 0;
    case 2: /* INJECT_EXCEPTION */
        if (xvcpu_inject_exception(&m->vcpu, (uint8_t)a[0], (uint32_t)a[1]) != XVCPU_OK) {
            *why = xvcpu_vcpu_last_error(&m->vcpu);
            return -1;
        }
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    case 3: /* INTERRUPT_ON_HALT */
        m->irq_on_halt = (int)a[0];
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    case 6: /* NMI_ON_HALT: an NMI at the N-th HALT exit from now */
        m->nmi_on_halt = (unsigned)a[0];
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    case 7: /* QUEUE_EVENT: queue interrupt `vector` now (2: an NMI); the guest takes it when it can */
        if ((a[0] == 2 ? xvcpu_inject_nmi(&m->vcpu) : xvcpu_inject_interrupt(&m->vcpu, (uint8_t)a[0])) != XVCPU_OK) {
            *why = xvcpu_vcpu_last_error(&m->vcpu);
            return -1;
        }
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    case 4: /* BENCH: the loop's ticks for 1000 round trips */
        vmm_printf(m, "bench: %s.cpuid_roundtrip_ticks %lu ticks", backend_arch(m), (unsigned long)(a[0] / 1000));
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    case 5: /* INJECT_INTERRUPTS: vectors a[0] .. a[0] + a[1] - 1, all pending at once */
        if (a[0] < 32 || a[1] == 0 || a[1] > 256 - a[0]) {
            *why = "INJECT_INTERRUPTS: vectors outside 32-255";
            return -1;
        }
        for (n = 0; n < a[1]; n++)
            if (xvcpu_inject_interrupt(&m->vcpu, (uint8_t)(a[0] + n)) != XVCPU_OK) {
                *why = xvcpu_vcpu_last_error(&m->vcpu);
                return -1;
            }
        xvcpu_complete_hypercall(&m->vcpu, 0);
        return 0;
    default:
        *why = "unknown hypercall";
        return -1;
    }
}

static int handle_nested_page_fault(vmm *m, const xvcpu_exit *e, const char **why)
{
    uint64_t gpa = e->u.nested_page_fault.addr;
    vmm_printf(m, "exit NESTED_PAGE_FAULT gpa %lx access %x", (unsigned long)gpa, e->u.nested_page_fault.access);
    if ((gpa & ~0xFFFull) != VMM_DEMAND_GPA || m->demand_page != NULL ||
        (m->demand_page = (uint32_t *)m->host->alloc_pages(m->host->ctx, 1, &m->demand_phys)) == NULL) {
        *why = "nested page fault outside the on-demand page";
        return -1;
    }
    m->demand_page[0] = 0x600DF00Du;
    if (xvcpu_stage2_map(&m->s2, VMM_DEMAND_GPA, m->demand_phys, 4096, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6) !=
        XVCPU_OK) {
        *why = xvcpu_stage2_last_error(&m->s2);
        return -1;
    }
    return 0;
}

/* The guests whose run ends in a triple fault (SYSTEM_DOWN) instead of a 0xF4 write: `triple`
 * and the hostile suite's `hostile-triple-*` (tests/guest/README.md). */
static int guest_ends_in_shutdown(const char *name)
{
    static const char prefix[] = "hostile-triple-";
    return VMM_STRCMP(name, "triple") == 0 || VMM_MEMCMP(name, prefix, sizeof(prefix) - 1) == 0;
}

/* Handle one VMM-visible exit; returns 0 to keep running, 1 PASS, -1 FAIL (why in *why). */
static int handle(vmm *m, const xvcpu_exit *e, const char **why)
{
    switch (e->kind) {
    case XVCPU_EXIT_NOTHING: /* a host event the host handled: run again */
        return 0;
    case XVCPU_EXIT_IO_WRITE:
        return handle_io_write(m, e, why);
    case XVCPU_EXIT_IO_READ:
        return handle_io_read(m, e, why);
    case XVCPU_EXIT_SYSREG_READ:
        vmm_printf(m, "exit SYSREG_READ msr %x -> %lx", e->u.sysreg_read.addr, (unsigned long)m->vmm_msr);
        xvcpu_complete_sysreg_read(&m->vcpu, m->vmm_msr);
        return 0;
    case XVCPU_EXIT_SYSREG_WRITE:
        vmm_printf(m, "exit SYSREG_WRITE msr %x value %lx", e->u.sysreg_write.addr,
                   (unsigned long)e->u.sysreg_write.value);
        m->vmm_msr = e->u.sysreg_write.value;
        xvcpu_complete(&m->vcpu);
        return 0;
    case XVCPU_EXIT_HYPERCALL:
        return handle_hypercall(m, e, why);
    case XVCPU_EXIT_HALT:
        vmm_printf(m, "exit HALT%s", e->u.halt.interrupts_masked ? " (interrupts masked)" : "");
        if (m->nmi_on_halt != 0 && --m->nmi_on_halt == 0) {
            xvcpu_complete(&m->vcpu);
            xvcpu_inject_nmi(&m->vcpu);
            return 0;
        }
        if (m->irq_on_halt < 0) {
            if (m->nmi_on_halt != 0) { /* still halted: run again until the NMI's turn */
                xvcpu_complete(&m->vcpu);
                return 0;
            }
            *why = "the guest halted with nothing to wake it";
            return -1;
        }
        xvcpu_complete(&m->vcpu);
        xvcpu_inject_interrupt(&m->vcpu, (uint8_t)m->irq_on_halt);
        m->irq_on_halt = -1;
        return 0;
    case XVCPU_EXIT_MMIO_READ:
    case XVCPU_EXIT_MMIO_WRITE:
    case XVCPU_EXIT_MMIO_UNSUPPORTED:
        return mmio_dev_exit(m, e, why);
    case XVCPU_EXIT_NESTED_PAGE_FAULT:
        return handle_nested_page_fault(m, e, why);
    case XVCPU_EXIT_SYSTEM_DOWN:
        vmm_printf(m, "exit SYSTEM_DOWN");
        if (guest_ends_in_shutdown(m->guest->name))
            return 1;
        *why = "the guest shut down (triple fault)";
        return -1;
    case XVCPU_EXIT_TASK_SWITCH:
        vmm_printf(m, "exit TASK_SWITCH selector %x source %u insn_len %u event %s vector %u type %u error %s %x",
                   e->u.task_switch.selector, e->u.task_switch.source, e->u.task_switch.insn_len,
                   e->u.task_switch.event_valid ? "yes" : "no", e->u.task_switch.event_vector,
                   e->u.task_switch.event_type, e->u.task_switch.error_code_valid ? "yes" : "no",
                   e->u.task_switch.error_code);
        *why = e->u.task_switch.why ? e->u.task_switch.why : "a task switch the library did not perform";
        return -1;
    case XVCPU_EXIT_FAIL_ENTRY:
        vmm_printf(m, "exit FAIL_ENTRY reason %lx (%s) qualification %lx error %u (%s) check %s",
                   (unsigned long)e->u.fail_entry.hw_reason,
                   e->u.fail_entry.reason_name ? e->u.fail_entry.reason_name : "-",
                   (unsigned long)e->u.fail_entry.qualification, e->u.fail_entry.vm_instruction_error,
                   e->u.fail_entry.error_text ? e->u.fail_entry.error_text : "-",
                   e->u.fail_entry.check ? e->u.fail_entry.check : "-");
        *why = "VM entry failed";
        return -1;
    default:
        vmm_printf(m, "exit %s raw reason %lu (%s) qualification %lx", xvcpu_exit_kind_name(e->kind),
                   (unsigned long)e->raw_reason, e->raw_reason_name ? e->raw_reason_name : "?",
                   (unsigned long)e->raw_qualification);
        *why = "unexpected exit";
        return -1;
    }
}

static void hold(vmm *m, bool on)
{
    if (m->host->hold != NULL)
        m->host->hold(m->host->ctx, on);
}

static int fail(vmm *m, const char *what, xvcpu_err err, const char *detail, const char **why)
{
    vmm_printf(m, "%s: %s: %s", what, xvcpu_strerror(err), detail);
    *why = what;
    return -1;
}

/* The interrupt was the host's: it ran its handler already (after the exit). Let the host have the
 * CPU when it asks; the guest continues where it was. */
static int host_interrupt(vmm *m, const xvcpu_exit *e, const char **why)
{
    xvcpu_err err;
    int y = m->host->yield(m->host->ctx, e);
    if (y < 0) {
        *why = "the host stopped the guest (time limit)";
        return -1;
    }
    if (y > 0) {
        if ((err = xvcpu_vcpu_unbind(&m->vcpu)) != XVCPU_OK)
            return fail(m, "xvcpu_vcpu_unbind", err, xvcpu_vcpu_last_error(&m->vcpu), why);
        hold(m, false);
        hold(m, true);
        if ((err = xvcpu_vcpu_bind(&m->vcpu, m->cpu)) != XVCPU_OK)
            return fail(m, "xvcpu_vcpu_bind", err, xvcpu_vcpu_last_error(&m->vcpu), why);
    }
    return 0;
}

/* Map the guest's RAM, load the payload, create, set up and bind the vCPU. */
static int start(vmm *m, const char **why)
{
    const unsigned char *blob = m->guest->blob;
    xvcpu_vcpu_setup_args args;
    uint32_t mode, entry;
    xvcpu_err err;

    if (m->guest->size < 16 || m->guest->size > VMM_GUEST_RAM - VMM_GUEST_LOAD || VMM_MEMCMP(blob, "XVCPUGST", 8) != 0) {
        *why = "bad guest header";
        return -1;
    }
    mode = (uint32_t)blob[8] | (uint32_t)blob[9] << 8 | (uint32_t)blob[10] << 16 | (uint32_t)blob[11] << 24;
    entry = (uint32_t)blob[12] | (uint32_t)blob[13] << 8 | (uint32_t)blob[14] << 16 | (uint32_t)blob[15] << 24;
    if ((err = xvcpu_stage2_init_for_cpu(&m->s2, m->cpu)) != XVCPU_OK)
        return fail(m, "xvcpu_stage2_init_for_cpu", err, xvcpu_stage2_last_error(&m->s2), why);
    m->ram = (uint8_t *)m->host->alloc_pages(m->host->ctx, VMM_GUEST_RAM / 4096, &m->ram_phys);
    if (m->ram == NULL) {
        *why = "no memory for guest RAM";
        return -1;
    }
    if ((err = xvcpu_stage2_map(&m->s2, 0, m->ram_phys, VMM_GUEST_RAM,
                                XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6)) != XVCPU_OK)
        return fail(m, "xvcpu_stage2_map", err, xvcpu_stage2_last_error(&m->s2), why);
    VMM_MEMCPY(m->ram + VMM_GUEST_LOAD, blob, m->guest->size);
    if (mode == XVCPU_START_LONG)
        build_guest_page_tables(m);

    args.mode = (xvcpu_start_mode)mode;
    args.entry = entry;
    args.stack = VMM_GUEST_STACK;
    args.cr3 = mode == XVCPU_START_LONG ? 0x1000 : 0;
    args.stage2 = &m->s2;
    if ((err = xvcpu_vcpu_create(&m->vcpu, m->cpu, 0)) != XVCPU_OK ||
        (err = xvcpu_vcpu_setup(&m->vcpu, &args)) != XVCPU_OK ||
        (err = xvcpu_vcpu_msr_to_vmm(&m->vcpu, VMM_MSR, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true)) != XVCPU_OK ||
        (err = mmio_dev_register(&m->dev, &m->vcpu)) != XVCPU_OK)
        return fail(m, "vCPU setup", err, xvcpu_vcpu_last_error(&m->vcpu), why);
    hold(m, true);
    if ((err = xvcpu_vcpu_bind(&m->vcpu, m->cpu)) != XVCPU_OK) {
        hold(m, false);
        return fail(m, "vCPU setup", err, xvcpu_vcpu_last_error(&m->vcpu), why);
    }
    return 0;
}

/* Tear down in order, as a kernel would; also after a failure part-way. */
static int stop(vmm *m, const char **why)
{
    xvcpu_err err;
    int r = 0;
    if (xvcpu_vcpu_state(&m->vcpu) == XVCPU_STATE_READY) {
        err = xvcpu_vcpu_unbind(&m->vcpu);
        hold(m, false);
        if (err != XVCPU_OK)
            r = fail(m, "vCPU teardown", err, xvcpu_vcpu_last_error(&m->vcpu), why);
    }
    if (r == 0 && xvcpu_vcpu_state(&m->vcpu) != XVCPU_STATE_INVALID &&
        (err = xvcpu_vcpu_destroy(&m->vcpu)) != XVCPU_OK)
        r = fail(m, "vCPU teardown", err, xvcpu_vcpu_last_error(&m->vcpu), why);
    xvcpu_stage2_destroy(&m->s2);
    if (m->demand_page != NULL)
        m->host->free_pages(m->host->ctx, m->demand_page, m->demand_phys, 1);
    if (m->ram != NULL)
        m->host->free_pages(m->host->ctx, m->ram, m->ram_phys, VMM_GUEST_RAM / 4096);
    m->demand_page = NULL;
    m->ram = NULL;
    return r;
}

int vmm_run(vmm *m, const char **why)
{
    xvcpu_exit exit;
    xvcpu_err err;
    int r;

    *why = "";
    r = start(m, why);
    while (r == 0) {
        err = xvcpu_vcpu_run(&m->vcpu, &exit);
        if (m->host->after_run != NULL)
            m->host->after_run(m->host->ctx);
        if (err != XVCPU_OK) {
            r = fail(m, "xvcpu_vcpu_run", err, xvcpu_vcpu_last_error(&m->vcpu), why);
            break;
        }
        m->kind_count[exit.kind]++;
        if (exit.kind == XVCPU_EXIT_EXTERNAL_INTERRUPT && m->host->yield != NULL)
            r = host_interrupt(m, &exit, why);
        else
            r = handle(m, &exit, why);
    }
    if (m->line_len)
        guest_putc(m, '\n');
    if (stop(m, why) < 0)
        r = -1;
    return r > 0;
}
