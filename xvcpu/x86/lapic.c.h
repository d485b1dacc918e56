/* The virtual local APIC (x86/lapic.h). Facts: SDM Vol. 3A chapter 11 (11.4 base and enable,
 * 11.5 LVT and timer, 11.6 ICR, 11.8 IRR/ISR/TMR/EOI, 11.8.3.1 TPR/PPR, 11.9 SVR, 11.12 x2APIC). */

#define XVCPU__LAPIC_LVT_MASKED 0x10000u
#define XVCPU__LAPIC_TIMER_MODE(lvt) (((lvt) >> 17) & 3u)
#define XVCPU__LAPIC_MAX_LVT (XVCPU_LAPIC_LVT_COUNT - 1)
#define XVCPU__LAPIC_ESR_RECEIVE_ILLEGAL_VECTOR 0x40u
#define XVCPU__LAPIC_ESR_SEND_ILLEGAL_VECTOR 0x20u
#define XVCPU__LAPIC_BASE_RESERVED 0xFFF00000000002FFull /* bits 7:0, 9 and 63:52 */

/* Writable bits of each LVT entry, in lapic->lvt order (SDM Vol. 3A Figure 11-8): timer (vector,
 * mask, mode), thermal and perf (vector, delivery mode, mask), LINT0/1 (also polarity and trigger),
 * error (vector, mask). Delivery status and remote IRR read as 0: delivery is instant. */
static const uint32_t xvcpu__lapic_lvt_bits[XVCPU_LAPIC_LVT_COUNT] = { 0x700FFu, 0x107FFu, 0x107FFu,
                                                                       0x1A7FFu, 0x1A7FFu, 0x100FFu };

static bool xvcpu__lapic_enabled(const xvcpu_lapic *a) { return (a->apic_base & XVCPU_IA32_APIC_BASE_EN) != 0; }
static bool xvcpu__lapic_sw_enabled(const xvcpu_lapic *a)
{
    return xvcpu__lapic_enabled(a) && (a->svr & XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE) != 0;
}

XVCPU_DEF bool xvcpu_lapic_x2apic_mode(const xvcpu_lapic *a)
{
    return xvcpu__lapic_enabled(a) && (a->apic_base & XVCPU_IA32_APIC_BASE_EXTD) != 0;
}

XVCPU_DEF uint64_t xvcpu_lapic_base(const xvcpu_lapic *a) { return a->apic_base & 0x000FFFFFFFFFF000ull; }

static int xvcpu__lapic_highest(const uint32_t bits[8])
{
    int i;
    for (i = 7; i >= 0; i--)
        if (bits[i] != 0)
            return i * 32 + 31 - __builtin_clz(bits[i]);
    return -1;
}

static void xvcpu__lapic_set(uint32_t bits[8], unsigned v, bool on)
{
    if (on)
        bits[v / 32] |= 1u << (v % 32);
    else
        bits[v / 32] &= ~(1u << (v % 32));
}

static bool xvcpu__lapic_test(const uint32_t bits[8], unsigned v) { return (bits[v / 32] >> (v % 32)) & 1u; }

/* Registers that reset (everything but the ID and IA32_APIC_BASE): SDM Vol. 3A 11.4.7.1. */
static void xvcpu__lapic_reset_regs(xvcpu_lapic *a)
{
    unsigned i;
    for (i = 0; i < 8; i++)
        a->irr[i] = a->isr[i] = a->tmr[i] = 0;
    for (i = 0; i < XVCPU_LAPIC_LVT_COUNT; i++)
        a->lvt[i] = XVCPU__LAPIC_LVT_MASKED;
    a->tpr = a->ldr = a->esr = a->esr_pending = a->icr_lo = a->icr_hi = 0;
    a->svr = 0xFF;
    a->dfr = 0xFFFFFFFFu;
    a->timer_initial = a->timer_divide = 0;
    a->timer_start = 0;
    a->timer_next = XVCPU_LAPIC_NEVER;
    a->tsc_deadline = 0;
}

XVCPU_DEF void xvcpu_lapic_init(xvcpu_lapic *a, uint32_t id, bool bsp, uint64_t tsc_per_tick)
{
    XVCPU_MEMSET(a, 0, sizeof(*a));
    a->id = id;
    a->tsc_per_tick = tsc_per_tick ? tsc_per_tick : 1;
    a->apic_base = XVCPU_LAPIC_DEFAULT_BASE | XVCPU_IA32_APIC_BASE_EN | (bsp ? XVCPU_IA32_APIC_BASE_BSP : 0);
    xvcpu__lapic_reset_regs(a);
}

static uint32_t xvcpu__lapic_ppr(const xvcpu_lapic *a)
{
    int isrv = xvcpu__lapic_highest(a->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xF0u;
    return (a->tpr & 0xF0u) >= isr_class ? a->tpr & 0xFFu : isr_class;
}

/* Timer: divide configuration bits 0, 1, 3 -> 2, 4, ..., 128, and 1 for 0b111 (SDM Figure 11-10). */
static uint64_t xvcpu__lapic_tick(const xvcpu_lapic *a)
{
    uint32_t v = (a->timer_divide & 3u) | ((a->timer_divide >> 1) & 4u);
    return a->tsc_per_tick * (v == 7 ? 1u : 2u << v);
}

static uint32_t xvcpu__lapic_current_count(const xvcpu_lapic *a, uint64_t now)
{
    uint32_t mode = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]);
    uint64_t elapsed;
    if (a->timer_initial == 0 || mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE || now < a->timer_start)
        return a->timer_initial;
    elapsed = (now - a->timer_start) / xvcpu__lapic_tick(a);
    if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_PERIODIC)
        return a->timer_initial - (uint32_t)(elapsed % a->timer_initial);
    return elapsed >= a->timer_initial ? 0 : a->timer_initial - (uint32_t)elapsed;
}

static void xvcpu__lapic_timer_start(xvcpu_lapic *a, uint64_t now)
{
    a->timer_start = now;
    a->timer_next = a->timer_initial ? now + (uint64_t)a->timer_initial * xvcpu__lapic_tick(a) : XVCPU_LAPIC_NEVER;
}

static void xvcpu__lapic_fire(xvcpu_lapic *a)
{
    if (!(a->lvt[0] & XVCPU__LAPIC_LVT_MASKED))
        xvcpu_lapic_accept(a, (uint8_t)a->lvt[0], false);
}

XVCPU_DEF uint64_t xvcpu_lapic_update(xvcpu_lapic *a, uint64_t now)
{
    uint32_t mode = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]);
    if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE) {
        if (a->tsc_deadline != 0 && now >= a->tsc_deadline) {
            a->tsc_deadline = 0; /* fired: the MSR reads 0 again (SDM 11.5.4.1) */
            xvcpu__lapic_fire(a);
        }
        return a->tsc_deadline ? a->tsc_deadline : XVCPU_LAPIC_NEVER;
    }
    if (a->timer_next != XVCPU_LAPIC_NEVER && now >= a->timer_next) {
        xvcpu__lapic_fire(a); /* expiries missed meanwhile coalesce into this one */
        if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_PERIODIC) {
            uint64_t period = (uint64_t)a->timer_initial * xvcpu__lapic_tick(a);
            a->timer_next += period * ((now - a->timer_next) / period + 1);
        } else {
            a->timer_next = XVCPU_LAPIC_NEVER;
        }
    }
    return a->timer_next;
}

XVCPU_DEF void xvcpu_lapic_accept(xvcpu_lapic *a, uint8_t vector, bool level)
{
    if (vector < 16) {
        a->esr_pending |= XVCPU__LAPIC_ESR_RECEIVE_ILLEGAL_VECTOR;
        return;
    }
    xvcpu__lapic_set(a->irr, vector, true);
    xvcpu__lapic_set(a->tmr, vector, level);
}

XVCPU_DEF int xvcpu_lapic_pending(const xvcpu_lapic *a)
{
    int v;
    if (!xvcpu__lapic_sw_enabled(a) || (v = xvcpu__lapic_highest(a->irr)) < 0)
        return -1;
    return ((uint32_t)v & 0xF0u) > (xvcpu__lapic_ppr(a) & 0xF0u) ? v : -1;
}

XVCPU_DEF void xvcpu_lapic_ack(xvcpu_lapic *a, uint8_t vector)
{
    xvcpu__lapic_set(a->irr, vector, false);
    xvcpu__lapic_set(a->isr, vector, true);
}

XVCPU_DEF void xvcpu_lapic_sync_cr8(xvcpu_lapic *a, struct xvcpu_vcpu *vcpu)
{
    uint8_t cr8 = (uint8_t)(vcpu->x86.tpr & 0xFu);
    if (cr8 != a->cr8_synced)
        a->tpr = (uint32_t)cr8 << 4; /* the guest's MOV to CR8 */
    else {
        if (cr8 != a->tpr >> 4)
            vcpu->entry_work = true; /* the APIC's TPR moved: the next entry gives it to the guest */
        vcpu->x86.tpr = a->tpr >> 4;
    }
    a->cr8_synced = (uint8_t)(a->tpr >> 4);
}

XVCPU_DEF uint64_t xvcpu_lapic_deliver(xvcpu_lapic *a, struct xvcpu_vcpu *vcpu, uint64_t now)
{
    uint64_t next;
    int v;
    xvcpu_lapic_sync_cr8(a, vcpu);
    next = xvcpu_lapic_update(a, now);
    v = xvcpu_lapic_pending(a);
    if (v >= 0 && xvcpu__highest_irr(vcpu) < 0 && xvcpu_inject_interrupt(vcpu, (uint8_t)v) == XVCPU_OK)
        xvcpu_lapic_ack(a, (uint8_t)v);
    return next;
}

/* One register by its xAPIC offset. Returns false where the mode has no such readable register. */
static bool xvcpu__lapic_read_reg(const xvcpu_lapic *a, uint32_t off, uint64_t now, uint64_t *out)
{
    bool x2 = xvcpu_lapic_x2apic_mode(a);
    uint64_t v;
    switch (off) {
    case XVCPU_LAPIC_ID: v = x2 ? a->id : (uint64_t)(a->id & 0xFF) << 24; break;
    case XVCPU_LAPIC_VER: v = XVCPU_LAPIC_VERSION | ((uint32_t)XVCPU__LAPIC_MAX_LVT << 16); break;
    case XVCPU_LAPIC_TPR: v = a->tpr; break;
    case XVCPU_LAPIC_APR: if (x2) return false; v = 0; break;
    case XVCPU_LAPIC_PPR: v = xvcpu__lapic_ppr(a); break;
    case XVCPU_LAPIC_EOI: if (x2) return false; v = 0; break; /* write-only */
    case XVCPU_LAPIC_RRD: if (x2) return false; v = 0; break;
    case XVCPU_LAPIC_LDR: v = x2 ? ((a->id >> 4) << 16) | (1u << (a->id & 0xF)) : a->ldr; break;
    case XVCPU_LAPIC_DFR: if (x2) return false; v = a->dfr; break;
    case XVCPU_LAPIC_SVR: v = a->svr; break;
    case XVCPU_LAPIC_ESR: v = a->esr; break;
    case XVCPU_LAPIC_ICR_LO: v = x2 ? ((uint64_t)a->icr_hi << 32) | a->icr_lo : a->icr_lo; break;
    case XVCPU_LAPIC_ICR_HI: if (x2) return false; v = a->icr_hi; break;
    case XVCPU_LAPIC_TIMER_INITIAL: v = a->timer_initial; break;
    case XVCPU_LAPIC_TIMER_CURRENT: v = xvcpu__lapic_current_count(a, now); break;
    case XVCPU_LAPIC_TIMER_DIVIDE: v = a->timer_divide; break;
    case XVCPU_LAPIC_SELF_IPI: return false; /* write-only, x2APIC only */
    default:
        if (off >= XVCPU_LAPIC_LVT_TIMER && off <= XVCPU_LAPIC_LVT_ERROR)
            v = a->lvt[(off - XVCPU_LAPIC_LVT_TIMER) / 16];
        else if (off >= XVCPU_LAPIC_ISR && off < XVCPU_LAPIC_ISR + 0x80)
            v = a->isr[(off - XVCPU_LAPIC_ISR) / 16];
        else if (off >= XVCPU_LAPIC_TMR && off < XVCPU_LAPIC_TMR + 0x80)
            v = a->tmr[(off - XVCPU_LAPIC_TMR) / 16];
        else if (off >= XVCPU_LAPIC_IRR && off < XVCPU_LAPIC_IRR + 0x80)
            v = a->irr[(off - XVCPU_LAPIC_IRR) / 16];
        else
            return false;
    }
    *out = v;
    return true;
}

/* ICR: `icr` in the x2APIC layout (destination in bits 63:32). The self part of a fixed IPI is
 * delivered here; everything else is the VMM's exit. */
static xvcpu_lapic_result xvcpu__lapic_send(xvcpu_lapic *a, uint64_t icr, xvcpu_exit *exit)
{
    uint32_t mode = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DELIVERY_MODE, icr);
    uint32_t shorthand = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr);
    uint8_t vector = (uint8_t)icr;
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_FIXED || mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_LOWEST_PRIORITY) {
        if (vector < 16) { /* illegal vector: not sent (SDM 11.5.3) */
            a->esr_pending |= XVCPU__LAPIC_ESR_SEND_ILLEGAL_VECTOR;
            return XVCPU_LAPIC_DONE;
        }
        if (shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SELF) {
            xvcpu_lapic_accept(a, vector, false);
            return XVCPU_LAPIC_DONE;
        }
        if (shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF) {
            xvcpu_lapic_accept(a, vector, false);
            icr = XVCPU_FIELD_SET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr,
                                  XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_EXCLUDING_SELF);
        }
    }
    XVCPU_MEMSET(exit, 0, sizeof(*exit));
    if (!xvcpu__x86_icr_exit(icr, exit))
        return XVCPU_LAPIC_DONE; /* INIT: the start-up IPI that follows is the CPU_UP */
    exit->raw_reason_name = "LAPIC_ICR";
    return XVCPU_LAPIC_EXIT;
}

static xvcpu_lapic_result xvcpu__lapic_eoi(xvcpu_lapic *a, uint8_t *eoi_vector)
{
    int v = xvcpu__lapic_highest(a->isr);
    if (v < 0)
        return XVCPU_LAPIC_DONE;
    xvcpu__lapic_set(a->isr, (unsigned)v, false);
    if (!xvcpu__lapic_test(a->tmr, (unsigned)v))
        return XVCPU_LAPIC_DONE;
    if (eoi_vector != NULL)
        *eoi_vector = (uint8_t)v;
    return XVCPU_LAPIC_EOI_LEVEL;
}

static void xvcpu__lapic_write_lvt(xvcpu_lapic *a, unsigned i, uint32_t v)
{
    v &= xvcpu__lapic_lvt_bits[i];
    if (!xvcpu__lapic_sw_enabled(a))
        v |= XVCPU__LAPIC_LVT_MASKED; /* software-disabled: the mask bits stay set (SDM 11.4.7.2) */
    if (i == 0) {
        uint32_t mode = XVCPU__LAPIC_TIMER_MODE(v);
        if (mode == 3 || (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE && !a->tsc_deadline_allowed))
            v &= ~0x60000u; /* reserved mode: one-shot */
        if (XVCPU__LAPIC_TIMER_MODE(v) != XVCPU__LAPIC_TIMER_MODE(a->lvt[0])) {
            a->timer_initial = 0; /* a mode change disarms the timer (SDM 11.5.4.1) */
            a->timer_next = XVCPU_LAPIC_NEVER;
            a->tsc_deadline = 0;
        }
    }
    a->lvt[i] = v;
}

/* A register write by xAPIC offset; `x2` selects x2APIC rules (#GP for read-only registers and
 * reserved bits the SDM names). */
static xvcpu_lapic_result xvcpu__lapic_write_reg(xvcpu_lapic *a, uint32_t off, uint64_t v, uint64_t now, bool x2,
                                                 xvcpu_exit *exit, uint8_t *eoi_vector)
{
    unsigned i;
    switch (off) {
    case XVCPU_LAPIC_TPR:
        if (x2 && (v >> 8))
            return XVCPU_LAPIC_FAULT;
        a->tpr = (uint32_t)v & 0xFFu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_EOI:
        if (x2 && v != 0)
            return XVCPU_LAPIC_FAULT;
        return xvcpu__lapic_eoi(a, eoi_vector);
    case XVCPU_LAPIC_LDR:
        if (x2)
            return XVCPU_LAPIC_FAULT; /* read-only in x2APIC mode */
        a->ldr = (uint32_t)v & 0xFF000000u;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_DFR:
        if (x2)
            return XVCPU_LAPIC_FAULT;
        a->dfr = (uint32_t)v | 0x0FFFFFFFu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_SVR:
        if (x2 && (v >> 32))
            return XVCPU_LAPIC_FAULT;
        a->svr = (uint32_t)v & 0x3FFu; /* vector, software enable, focus check */
        if (!(a->svr & XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE))
            for (i = 0; i < XVCPU_LAPIC_LVT_COUNT; i++)
                a->lvt[i] |= XVCPU__LAPIC_LVT_MASKED;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_ESR:
        if (x2 && v != 0)
            return XVCPU_LAPIC_FAULT;
        a->esr = a->esr_pending; /* a write latches the errors seen since the last one (SDM 11.5.3) */
        a->esr_pending = 0;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_ICR_LO:
        if (x2) {
            a->icr_lo = (uint32_t)v & 0x000CCFFFu;
            a->icr_hi = (uint32_t)(v >> 32);
            return xvcpu__lapic_send(a, ((uint64_t)a->icr_hi << 32) | a->icr_lo, exit);
        }
        a->icr_lo = (uint32_t)v & 0x000CCFFFu; /* delivery status (bit 12) reads 0: sent at once */
        return xvcpu__lapic_send(a, ((uint64_t)(a->icr_hi >> 24) << 32) | a->icr_lo, exit);
    case XVCPU_LAPIC_ICR_HI:
        if (x2)
            return XVCPU_LAPIC_FAULT;
        a->icr_hi = (uint32_t)v & 0xFF000000u;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_TIMER_INITIAL:
        if (XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE)
            return XVCPU_LAPIC_DONE; /* ignored in TSC-deadline mode */
        a->timer_initial = (uint32_t)v;
        xvcpu__lapic_timer_start(a, now);
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_TIMER_DIVIDE:
        if (x2 && (v & ~0xBull))
            return XVCPU_LAPIC_FAULT;
        a->timer_divide = (uint32_t)v & 0xBu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_SELF_IPI:
        if (!x2 || (v >> 8))
            return x2 ? XVCPU_LAPIC_FAULT : XVCPU_LAPIC_DONE;
        xvcpu_lapic_accept(a, (uint8_t)v, false);
        return XVCPU_LAPIC_DONE;
    default:
        if (off >= XVCPU_LAPIC_LVT_TIMER && off <= XVCPU_LAPIC_LVT_ERROR) {
            if (x2 && (v >> 32))
                return XVCPU_LAPIC_FAULT;
            xvcpu__lapic_write_lvt(a, (off - XVCPU_LAPIC_LVT_TIMER) / 16, (uint32_t)v);
            return XVCPU_LAPIC_DONE;
        }
        /* ID, version, PPR, ISR/TMR/IRR, current count: read-only */
        return x2 ? XVCPU_LAPIC_FAULT : XVCPU_LAPIC_DONE;
    }
}

XVCPU_DEF uint64_t xvcpu_lapic_mmio_read(xvcpu_lapic *a, uint32_t offset, uint8_t width, uint64_t now)
{
    uint64_t v = 0;
    unsigned shift = (offset & 3u) * 8;
    if (!xvcpu__lapic_enabled(a) || xvcpu_lapic_x2apic_mode(a))
        return width >= 8 ? ~0ull : (1ull << (width * 8)) - 1;
    offset &= 0xFFFu;
    if ((offset & 0xFu) < 4 && xvcpu__lapic_read_reg(a, offset & 0xFF0u, now, &v))
        v = (uint32_t)v >> shift; /* the part of the 32-bit register the access covers */
    else
        v = 0;
    return width >= 8 ? v : v & ((1ull << (width * 8)) - 1);
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_mmio_write(xvcpu_lapic *a, uint32_t offset, uint8_t width, uint64_t value,
                                                    uint64_t now, xvcpu_exit *exit, uint8_t *eoi_vector)
{
    offset &= 0xFFFu;
    if (!xvcpu__lapic_enabled(a) || xvcpu_lapic_x2apic_mode(a) || width != 4 || (offset & 0xFu) != 0 ||
        offset == XVCPU_LAPIC_SELF_IPI)
        return XVCPU_LAPIC_DONE;
    return xvcpu__lapic_write_reg(a, offset, (uint32_t)value, now, false, exit, eoi_vector);
}

XVCPU_DEF bool xvcpu_lapic_handles_msr(uint32_t msr)
{
    return msr == XVCPU_MSR_IA32_APIC_BASE || msr == XVCPU_MSR_IA32_TSC_DEADLINE ||
           (msr >= XVCPU_MSR_RANGE_X2APIC_FIRST && msr <= XVCPU_MSR_RANGE_X2APIC_LAST);
}

/* Whether WRMSR IA32_APIC_BASE may go from `cur` to `v`: no reserved bit, and one of the mode
 * transitions of SDM Vol. 3A Figure 11-26 (disabled, xAPIC, x2APIC; EXTD only with x2APIC).
 * Shared with x86/msrs.c.h, which answers the MSR when no VMM LAPIC does. */
static bool xvcpu__x86_apic_base_ok(uint64_t cur, uint64_t v, bool x2apic_allowed)
{
    bool en = (v & XVCPU_IA32_APIC_BASE_EN) != 0, extd = (v & XVCPU_IA32_APIC_BASE_EXTD) != 0;
    bool was_en = (cur & XVCPU_IA32_APIC_BASE_EN) != 0;
    bool was_x2 = was_en && (cur & XVCPU_IA32_APIC_BASE_EXTD) != 0;
    return !((v & XVCPU__LAPIC_BASE_RESERVED) || (extd && !x2apic_allowed) || (extd && !en) ||
             (was_x2 && en && !extd) || (!was_en && en && extd));
}

/* IA32_APIC_BASE: the mode transitions of SDM Vol. 3A Figure 11-26 (disabled, xAPIC, x2APIC). */
static xvcpu_lapic_result xvcpu__lapic_write_base(xvcpu_lapic *a, uint64_t v)
{
    bool en = (v & XVCPU_IA32_APIC_BASE_EN) != 0, was_en = xvcpu__lapic_enabled(a);
    if (!xvcpu__x86_apic_base_ok(a->apic_base, v, a->x2apic_allowed))
        return XVCPU_LAPIC_FAULT;
    a->apic_base = (v & ~XVCPU_IA32_APIC_BASE_BSP) | (a->apic_base & XVCPU_IA32_APIC_BASE_BSP);
    if (was_en && !en)
        xvcpu__lapic_reset_regs(a); /* a disabled APIC comes back in its reset state */
    return XVCPU_LAPIC_DONE;
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_read(xvcpu_lapic *a, uint32_t msr, uint64_t now, uint64_t *value)
{
    if (msr == XVCPU_MSR_IA32_APIC_BASE) {
        *value = a->apic_base;
        return XVCPU_LAPIC_DONE;
    }
    if (msr == XVCPU_MSR_IA32_TSC_DEADLINE) {
        if (!a->tsc_deadline_allowed)
            return XVCPU_LAPIC_FAULT;
        *value = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE ? a->tsc_deadline
                                                                                                      : 0;
        return XVCPU_LAPIC_DONE;
    }
    if (!xvcpu_lapic_x2apic_mode(a) || msr < XVCPU_MSR_RANGE_X2APIC_FIRST || msr > XVCPU_MSR_RANGE_X2APIC_LAST ||
        !xvcpu__lapic_read_reg(a, (msr - XVCPU_MSR_RANGE_X2APIC_FIRST) << 4, now, value))
        return XVCPU_LAPIC_FAULT;
    return XVCPU_LAPIC_DONE;
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_write(xvcpu_lapic *a, uint32_t msr, uint64_t value, uint64_t now,
                                                   xvcpu_exit *exit, uint8_t *eoi_vector)
{
    uint64_t dummy;
    uint32_t off;
    if (msr == XVCPU_MSR_IA32_APIC_BASE)
        return xvcpu__lapic_write_base(a, value);
    if (msr == XVCPU_MSR_IA32_TSC_DEADLINE) {
        if (!a->tsc_deadline_allowed)
            return XVCPU_LAPIC_FAULT;
        /* outside TSC-deadline mode the write is ignored (SDM 11.5.4.1) */
        if (XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE)
            a->tsc_deadline = value;
        return XVCPU_LAPIC_DONE;
    }
    if (!xvcpu_lapic_x2apic_mode(a) || msr < XVCPU_MSR_RANGE_X2APIC_FIRST || msr > XVCPU_MSR_RANGE_X2APIC_LAST)
        return XVCPU_LAPIC_FAULT;
    off = (msr - XVCPU_MSR_RANGE_X2APIC_FIRST) << 4;
    /* registers x2APIC mode lacks altogether */
    if (off != XVCPU_LAPIC_EOI && off != XVCPU_LAPIC_SELF_IPI && !xvcpu__lapic_read_reg(a, off, now, &dummy))
        return XVCPU_LAPIC_FAULT;
    return xvcpu__lapic_write_reg(a, off, value, now, true, exit, eoi_vector);
}
