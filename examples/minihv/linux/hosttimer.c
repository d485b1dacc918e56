/* The host's local-APIC timer, one-shot, so a guest that computes without exits still gives the
 * VMM back the CPU when one of its timers is due (VMX: external-interrupt exit; SVM: INTR
 * intercept, taken by the host with RFLAGS.IF = 1 around xvcpu_vcpu_run), and so a halted guest
 * waits in the host's HLT (the emulators skip idle time) instead of a busy loop. */
#include "linux.h"

#define HAPIC ((volatile uint32_t *)(uintptr_t)0xFEE00000ull)
#define HAPIC_EOI (0xB0 / 4)
#define HAPIC_SVR (0xF0 / 4)
#define HAPIC_LVT_TIMER (0x320 / 4)
#define HAPIC_INITIAL (0x380 / 4)
#define HAPIC_CURRENT (0x390 / 4)
#define HAPIC_DIVIDE (0x3E0 / 4)

extern void host_timer_isr(void);
extern volatile uint64_t host_timer_ticks;

static uint64_t tsc_per_count_x16; /* TSC ticks per APIC timer count, times 16 */

struct idt_gate16 {
    uint16_t off0, sel;
    uint8_t ist, type;
    uint16_t off1;
    uint32_t off2, reserved;
} __attribute__((packed));

void host_timer_init(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr;
    struct idt_gate16 *g;
    uint64_t a = (uintptr_t)host_timer_isr, t0;
    uint32_t left;

    __asm__ volatile("sidt %0" : "=m"(idtr));
    g = (struct idt_gate16 *)(uintptr_t)idtr.base + HOST_TIMER_VECTOR;
    *g = (struct idt_gate16){ (uint16_t)a, MINIHV_SEL_CODE, 0, 0x8E, (uint16_t)(a >> 16), (uint32_t)(a >> 32), 0 };

    HAPIC[HAPIC_SVR] = 0x1FF;                      /* software-enabled, spurious 0xFF */
    HAPIC[HAPIC_DIVIDE] = 0xB;                     /* divide by 1 */
    HAPIC[HAPIC_LVT_TIMER] = 0x10000 | HOST_TIMER_VECTOR; /* masked while we measure */
    HAPIC[HAPIC_INITIAL] = 0xFFFFFFFFu;
    t0 = rdtsc();
    while (rdtsc() - t0 < 1000000)
        ;
    left = HAPIC[HAPIC_CURRENT];
    HAPIC[HAPIC_INITIAL] = 0;
    tsc_per_count_x16 = (0xFFFFFFFFu - left) ? 16000000ull / (0xFFFFFFFFu - left) : 16;
    if (tsc_per_count_x16 == 0)
        tsc_per_count_x16 = 1;
    HAPIC[HAPIC_LVT_TIMER] = HOST_TIMER_VECTOR;    /* one-shot, unmasked */
    kprintf("linux-vmm: host APIC timer: %lu TSC ticks per 16 counts\n", (unsigned long)tsc_per_count_x16);
}

/* Interrupt at TSC `deadline` (at least `min_ticks` from now), or never (UINT64_MAX). */
void host_timer_arm(uint64_t deadline, uint64_t min_ticks)
{
    uint64_t now = rdtsc(), ticks, counts;
    if (deadline == UINT64_MAX) {
        HAPIC[HAPIC_INITIAL] = 0;
        return;
    }
    ticks = deadline > now + min_ticks ? deadline - now : min_ticks;
    counts = ticks * 16 / tsc_per_count_x16 + 1;
    HAPIC[HAPIC_INITIAL] = counts > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)counts;
}

/* A VMX exit acknowledged the interrupt itself: end it here. */
void host_timer_eoi(void)
{
    HAPIC[HAPIC_EOI] = 0;
}

/* Wait in HLT until the timer (or any interrupt) fires. */
void host_timer_wait(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}
