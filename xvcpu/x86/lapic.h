/* --- the virtual local APIC (x86) ----------------------------------------------------------------
 *
 * A software local APIC a VMM attaches to each vCPU: the xAPIC MMIO page and the x2APIC MSRs
 * (SDM Vol. 3A chapter 11), IRR/ISR/TMR with TPR/PPR priorities, EOI, the LVT, the spurious
 * register, and the timer in one-shot, periodic and TSC-deadline modes. It touches no hardware
 * and keeps no global state: the VMM owns the struct, feeds it the guest's accesses (MMIO_READ /
 * MMIO_WRITE exits on its page, SYSREG exits of IA32_APIC_BASE, IA32_TSC_DEADLINE and
 * 0x800-0x8FF) and a time source, and asks it which vector to inject.
 *
 * Time is the VMM's: every call that can observe the timer takes `now`, in the guest's TSC ticks.
 * The APIC timer counts at now / tsc_per_tick, divided by the divide configuration.
 *
 * Delivery: xvcpu_lapic_accept() puts an interrupt into the IRR (from an IOAPIC, an IPI, the
 * VMM); xvcpu_lapic_pending() names the highest one whose priority class beats the PPR;
 * xvcpu_lapic_ack() moves it to the ISR when the VMM injects it (xvcpu_inject_interrupt). An EOI
 * of a level-triggered vector is reported so the VMM can tell its IOAPIC.
 *
 * ICR writes become the neutral exits: SEND_IPI for fixed/NMI/lowest-priority IPIs, CPU_UP for a
 * start-up IPI (entry = vector << 12); INIT produces no exit (the SIPI after it starts the CPU).
 * target_cpu is the APIC ID (xAPIC: ICR bits 63:56; x2APIC: bits 63:32). A fixed IPI to self
 * (shorthand "self", the x2APIC SELF IPI register) is delivered by the APIC itself and makes no
 * exit; "all including self" delivers the self part and exits as "all excluding self". */

/* "No expiry": the largest 64-bit value (spelled out: XVCPU_NO_STDINT users may lack UINT64_MAX). */
#define XVCPU_LAPIC_NEVER (~(uint64_t)0)

#define XVCPU_LAPIC_DEFAULT_BASE 0xFEE00000ull
#define XVCPU_LAPIC_VERSION 0x14u /* an integrated APIC, as on every CPU since the P6 */
#define XVCPU_LAPIC_LVT_COUNT 6   /* timer, thermal, perf, LINT0, LINT1, error (no CMCI) */

/* xAPIC register offsets in the 4 KiB page (SDM Vol. 3A Table 11-1); x2APIC MSR = 0x800 + off/16. */
enum {
    XVCPU_LAPIC_ID = 0x020, XVCPU_LAPIC_VER = 0x030, XVCPU_LAPIC_TPR = 0x080, XVCPU_LAPIC_APR = 0x090,
    XVCPU_LAPIC_PPR = 0x0A0, XVCPU_LAPIC_EOI = 0x0B0, XVCPU_LAPIC_RRD = 0x0C0, XVCPU_LAPIC_LDR = 0x0D0,
    XVCPU_LAPIC_DFR = 0x0E0, XVCPU_LAPIC_SVR = 0x0F0, XVCPU_LAPIC_ISR = 0x100, XVCPU_LAPIC_TMR = 0x180,
    XVCPU_LAPIC_IRR = 0x200, XVCPU_LAPIC_ESR = 0x280,
    XVCPU_LAPIC_ICR_LO = 0x300, XVCPU_LAPIC_ICR_HI = 0x310, XVCPU_LAPIC_LVT_TIMER = 0x320,
    XVCPU_LAPIC_LVT_THERMAL = 0x330, XVCPU_LAPIC_LVT_PERF = 0x340, XVCPU_LAPIC_LVT_LINT0 = 0x350,
    XVCPU_LAPIC_LVT_LINT1 = 0x360, XVCPU_LAPIC_LVT_ERROR = 0x370, XVCPU_LAPIC_TIMER_INITIAL = 0x380,
    XVCPU_LAPIC_TIMER_CURRENT = 0x390, XVCPU_LAPIC_TIMER_DIVIDE = 0x3E0, XVCPU_LAPIC_SELF_IPI = 0x3F0
};

typedef struct xvcpu_lapic {
    uint32_t id;              /* APIC ID (xAPIC: the ID register's bits 31:24) */
    uint64_t apic_base;       /* IA32_APIC_BASE: base, EN, EXTD, BSP */
    bool x2apic_allowed;      /* the CPUID view offers x2APIC: EXTD may be set */
    bool tsc_deadline_allowed; /* the CPUID view offers the TSC-deadline timer */
    uint64_t tsc_per_tick;    /* guest TSC ticks per APIC timer clock (before the divider), >= 1 */
    uint32_t irr[8], isr[8], tmr[8];
    uint32_t tpr, svr, ldr, dfr, esr, esr_pending, icr_lo, icr_hi;
    uint32_t lvt[XVCPU_LAPIC_LVT_COUNT]; /* in register order: timer, thermal, perf, LINT0, LINT1, error */
    uint32_t timer_initial, timer_divide;
    uint64_t timer_start;     /* `now` when the count (re)started */
    uint64_t timer_next;      /* `now` of the next one-shot/periodic expiry; XVCPU_LAPIC_NEVER: none */
    uint64_t tsc_deadline;    /* IA32_TSC_DEADLINE; 0 = disarmed */
    uint8_t cr8_synced;       /* the vCPU's CR8 as xvcpu_lapic_sync_cr8() last left it */
} xvcpu_lapic;

/* What an access did, for the VMM. */
typedef enum xvcpu_lapic_result {
    XVCPU_LAPIC_DONE = 0,     /* handled; complete the exit */
    XVCPU_LAPIC_FAULT,        /* the architecture raises #GP: complete_fault(13, 0) */
    XVCPU_LAPIC_EXIT,         /* an ICR write: `*exit` holds SEND_IPI or CPU_UP for the VMM */
    XVCPU_LAPIC_EOI_LEVEL     /* an EOI of the level-triggered vector in `*eoi_vector`: tell the IOAPIC */
} xvcpu_lapic_result;

/* Reset state (SDM Vol. 3A 11.4.7.1) for APIC `id`; the bootstrap processor gets the BSP flag.
 * tsc_per_tick 0 is taken as 1. */
XVCPU_DEF void xvcpu_lapic_init(xvcpu_lapic *apic, uint32_t id, bool bsp, uint64_t tsc_per_tick);
/* The guest-physical base of the xAPIC page (meaningful while EN is set and EXTD clear). */
XVCPU_DEF uint64_t xvcpu_lapic_base(const xvcpu_lapic *apic);
XVCPU_DEF bool xvcpu_lapic_x2apic_mode(const xvcpu_lapic *apic);

/* xAPIC page accesses: `offset` within the page, `width` 1/2/4/8 bytes. Reads of a register
 * take the part the access covers; writes other than aligned 32-bit ones are ignored, as the
 * SDM leaves them undefined. In x2APIC mode (or disabled) the page reads as all ones. */
XVCPU_DEF uint64_t xvcpu_lapic_mmio_read(xvcpu_lapic *apic, uint32_t offset, uint8_t width, uint64_t now);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_mmio_write(xvcpu_lapic *apic, uint32_t offset, uint8_t width, uint64_t value,
                                                    uint64_t now, xvcpu_exit *exit, uint8_t *eoi_vector);

/* MSRs: IA32_APIC_BASE, IA32_TSC_DEADLINE and the x2APIC range 0x800-0x8FF. Anything else, or
 * what the architecture refuses (x2APIC registers outside x2APIC mode, read-only or write-only
 * ones, reserved bits), is XVCPU_LAPIC_FAULT. */
XVCPU_DEF bool xvcpu_lapic_handles_msr(uint32_t msr);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_read(xvcpu_lapic *apic, uint32_t msr, uint64_t now, uint64_t *value);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_write(xvcpu_lapic *apic, uint32_t msr, uint64_t value, uint64_t now,
                                                   xvcpu_exit *exit, uint8_t *eoi_vector);

/* An interrupt arrives (vector 16-255; lower ones set the illegal-vector error instead). */
XVCPU_DEF void xvcpu_lapic_accept(xvcpu_lapic *apic, uint8_t vector, bool level);
/* Fire the timer if it is due at `now`; returns the `now` at which it next fires (XVCPU_LAPIC_NEVER: never). */
XVCPU_DEF uint64_t xvcpu_lapic_update(xvcpu_lapic *apic, uint64_t now);
/* The vector to inject next, or -1: the highest IRR entry above the processor priority, while
 * the APIC is enabled. */
XVCPU_DEF int xvcpu_lapic_pending(const xvcpu_lapic *apic);
/* The VMM injected `vector` (from pending()): IRR -> ISR. */
XVCPU_DEF void xvcpu_lapic_ack(xvcpu_lapic *apic, uint8_t vector);
/* The step every VMM makes before xvcpu_vcpu_run(): tie the TPR to CR8, fire the timer if due at
 * `now`, and when the
 * vCPU has no external interrupt queued, inject the APIC's highest deliverable vector
 * (xvcpu_inject_interrupt, delivered through the backend's interrupt window) and move it to the
 * ISR. One at a time, so the APIC's priorities order them. Returns the `now` of the next timer
 * expiry (XVCPU_LAPIC_NEVER: none), for a VMM that waits in HALT. */
struct xvcpu_vcpu;
/* The TPR is the vCPU's CR8 (SDM Vol. 3A 11.8.6.5: CR8[3:0] = TPR[7:4]; a MOV to CR8 clears
 * TPR[3:0]). Since the last call, either the guest moved a new value to CR8 (the TPR takes it)
 * or the TPR was written through the page or the MSR (CR8 reads it from then on): the two
 * cannot both happen between two entries. A MOV to CR8 of the value CR8 already holds keeps
 * TPR[3:0] (SVM runs MOV CR8 without an exit). xvcpu_lapic_deliver() calls it first. */
XVCPU_DEF void xvcpu_lapic_sync_cr8(xvcpu_lapic *apic, struct xvcpu_vcpu *vcpu);
XVCPU_DEF uint64_t xvcpu_lapic_deliver(xvcpu_lapic *apic, struct xvcpu_vcpu *vcpu, uint64_t now);
