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
extern void host_nmi_isr(void);
extern volatile uint64_t host_timer_ticks;

static uint64_t tsc_per_count_x16; /* TSC ticks per APIC timer count, times 16 */

struct idt_gate16 {
    uint16_t off0, sel;
    uint8_t ist, type;
    uint16_t off1;
    uint32_t off2, reserved;
} __attribute__((packed));

static void idt_set(unsigned vector, void (*isr)(void), uint8_t ist)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr;
    uint64_t a = (uintptr_t)isr;
    __asm__ volatile("sidt %0" : "=m"(idtr));
    ((struct idt_gate16 *)(uintptr_t)idtr.base)[vector] =
        (struct idt_gate16){ (uint16_t)a, MINIHV_SEL_CODE, ist, 0x8E, (uint16_t)(a >> 16), (uint32_t)(a >> 32), 0 };
}

void host_timer_init(void)
{
    uint64_t t0;
    uint32_t left;

    idt_set(HOST_TIMER_VECTOR, host_timer_isr, 0);

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

/* The NMI watchdog (Bochs 2.7, see host_watchdog_init in linux.h): the 8254's channel 0 ticks
 * through pin 2 of the host's IOAPIC (ISA IRQ 0), delivered as an NMI to APIC 0 (82093AA
 * datasheet 3.2.4: delivery mode 100b); the 8259s are masked so IRQ 0 reaches the CPU no other
 * way. The NMI handler (hosttimer.S) only returns: the VM exit it causes is the point. */
#define HOST_IOAPIC ((volatile uint32_t *)(uintptr_t)0xFEC00000ull)
#define HOST_IOAPIC_PIN_PIT 2
#define IOAPIC_DELIVERY_NMI (4u << 8)
#define PIT_DIVISOR 0xFFFFu /* 1.193182 MHz / 65535: every 55 ms of the emulator's time */

static void host_ioapic_write(uint32_t index, uint32_t v)
{
    HOST_IOAPIC[0] = index;     /* IOREGSEL */
    HOST_IOAPIC[0x10 / 4] = v;  /* IOWIN */
}

void host_watchdog_init(void)
{
    idt_set(2, host_nmi_isr, 1); /* IST1, as trap.c gives NMIs: any stack may be live */
    outb(0x21, 0xFF);            /* both 8259s: every IRQ masked */
    outb(0xA1, 0xFF);
    host_ioapic_write(0x10 + 2 * HOST_IOAPIC_PIN_PIT + 1, 0);  /* destination: APIC ID 0 */
    host_ioapic_write(0x10 + 2 * HOST_IOAPIC_PIN_PIT, IOAPIC_DELIVERY_NMI); /* edge, unmasked */
    outb(0x43, 0x34);            /* channel 0, low then high byte, mode 2 (rate generator) */
    outb(0x40, (uint8_t)PIT_DIVISOR);
    outb(0x40, (uint8_t)(PIT_DIVISOR >> 8));
    kprintf("linux-vmm: NMI watchdog: 8254 channel 0 every %u counts, as NMIs through the host IOAPIC\n",
            PIT_DIVISOR);
}
