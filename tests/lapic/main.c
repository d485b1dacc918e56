/* Host tests of the virtual local APIC (xvcpu/x86/lapic.h): every value is the SDM's. */
#define XVCPU_IMPLEMENTATION
#include "../../xvcpu.h"
#include "../unit/check.h"

int check_failures;

#define RD(a, off) xvcpu_lapic_mmio_read((a), (off), 4, now)
#define WR(a, off, v) xvcpu_lapic_mmio_write((a), (off), 4, (v), now, &exit, &eoi)

static uint64_t now;
static xvcpu_exit exit;
static uint8_t eoi;

static void fresh(xvcpu_lapic *a, uint32_t id)
{
    now = 1000;
    xvcpu_lapic_init(a, id, id == 0, 16);
    a->x2apic_allowed = true;
    a->tsc_deadline_allowed = true;
}

static void test_reset_values(void)
{
    xvcpu_lapic a;
    uint64_t v;
    fresh(&a, 3);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ID), 0x03000000u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_VER), 0x00050014u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_SVR), 0xFFu);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_DFR), 0xFFFFFFFFu);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_TIMER), 0x10000u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_LINT0), 0x10000u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_ERROR), 0x10000u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_APIC_BASE, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0xFEE00800u); /* not the BSP */
    fresh(&a, 0);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_APIC_BASE, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0xFEE00900u);
    CHECK_EQ(xvcpu_lapic_base(&a), 0xFEE00000u);
    /* partial reads: the byte at offset 0x23 is the ID's top byte; reserved words read 0 */
    fresh(&a, 5);
    CHECK_EQ(xvcpu_lapic_mmio_read(&a, 0x23, 1, now), 5);
    CHECK_EQ(xvcpu_lapic_mmio_read(&a, 0x24, 4, now), 0);
    CHECK_EQ(xvcpu_lapic_mmio_read(&a, 0x400, 4, now), 0);
}

static void test_lvt_writable_bits(void)
{
    xvcpu_lapic a;
    fresh(&a, 0);
    /* software-disabled: LVT writes keep the mask */
    WR(&a, XVCPU_LAPIC_LVT_LINT0, 0x700);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_LINT0), 0x10700u);
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_SVR), 0x1FFu);
    WR(&a, XVCPU_LAPIC_LVT_LINT0, 0xFFFFFFFF);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_LINT0), 0x1A7FFu);
    WR(&a, XVCPU_LAPIC_LVT_ERROR, 0xFFFFFFFF);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_ERROR), 0x100FFu);
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0x000400EF); /* TSC-deadline mode, vector 0xEF */
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_TIMER), 0x400EFu);
    /* clearing the software enable masks every LVT */
    WR(&a, XVCPU_LAPIC_SVR, 0xFF);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_TIMER), 0x500EFu);
    /* without the TSC-deadline feature mode 2 is one-shot */
    fresh(&a, 0);
    a.tsc_deadline_allowed = false;
    WR(&a, XVCPU_LAPIC_SVR, 0x100);
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0x400EF);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_LVT_TIMER), 0xEFu);
    /* unaligned or narrow writes change nothing */
    xvcpu_lapic_mmio_write(&a, XVCPU_LAPIC_TPR, 1, 0x50, now, &exit, &eoi);
    xvcpu_lapic_mmio_write(&a, XVCPU_LAPIC_TPR + 4, 4, 0x50, now, &exit, &eoi);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0);
}

static void test_priority_and_eoi(void)
{
    xvcpu_lapic a;
    fresh(&a, 0);
    xvcpu_lapic_accept(&a, 0x41, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1); /* software-disabled */
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x41);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_IRR + 0x20), 0x2u); /* vector 0x41: IRR word 2, bit 1 */
    xvcpu_lapic_ack(&a, 0x41);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_IRR + 0x20), 0);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ISR + 0x20), 0x2u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_PPR), 0x40u);
    /* same class: blocked; higher class: delivered */
    xvcpu_lapic_accept(&a, 0x4F, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    xvcpu_lapic_accept(&a, 0x51, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x51);
    /* TPR above the class blocks it; PPR follows the TPR when it is higher */
    WR(&a, XVCPU_LAPIC_TPR, 0x63);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_PPR), 0x63u);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    WR(&a, XVCPU_LAPIC_TPR, 0);
    xvcpu_lapic_ack(&a, 0x51);
    CHECK_EQ(WR(&a, XVCPU_LAPIC_EOI, 0), XVCPU_LAPIC_DONE); /* ends 0x51, the highest in service */
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ISR + 0x20), 0x2u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ISR + 0x50), 0);
    CHECK_EQ(WR(&a, XVCPU_LAPIC_EOI, 0), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x4F);
    /* a level-triggered vector's EOI is reported for the IOAPIC */
    xvcpu_lapic_ack(&a, 0x4F);
    WR(&a, XVCPU_LAPIC_EOI, 0);
    xvcpu_lapic_accept(&a, 0x33, true);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TMR + 0x10), 0x80000u);
    xvcpu_lapic_ack(&a, 0x33);
    eoi = 0;
    CHECK_EQ(WR(&a, XVCPU_LAPIC_EOI, 0), XVCPU_LAPIC_EOI_LEVEL);
    CHECK_EQ(eoi, 0x33);
    CHECK_EQ(WR(&a, XVCPU_LAPIC_EOI, 0), XVCPU_LAPIC_DONE); /* nothing in service */
    /* vectors below 16 are illegal: ESR bit 6 after the next ESR write */
    xvcpu_lapic_accept(&a, 7, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ESR), 0);
    WR(&a, XVCPU_LAPIC_ESR, 0);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ESR), 0x40u);
    WR(&a, XVCPU_LAPIC_ESR, 0);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ESR), 0);
}

static void test_timer_one_shot_and_periodic(void)
{
    xvcpu_lapic a;
    fresh(&a, 0); /* 16 TSC ticks per APIC clock */
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    WR(&a, XVCPU_LAPIC_TIMER_DIVIDE, 0x3); /* divide by 16: 256 TSC ticks per count */
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0xEC);
    CHECK_EQ(xvcpu_lapic_update(&a, now), UINT64_MAX);
    WR(&a, XVCPU_LAPIC_TIMER_INITIAL, 10);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_CURRENT), 10);
    now += 256 * 3 + 5;
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_CURRENT), 7);
    CHECK_EQ(xvcpu_lapic_update(&a, now), 1000 + 2560);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    now = 1000 + 2560;
    CHECK_EQ(xvcpu_lapic_update(&a, now), UINT64_MAX);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0xEC);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_CURRENT), 0);
    xvcpu_lapic_ack(&a, 0xEC);
    WR(&a, XVCPU_LAPIC_EOI, 0);
    /* periodic, divide by 1 (0b1011): 16 ticks per count, period 5 counts = 80 ticks */
    WR(&a, XVCPU_LAPIC_TIMER_DIVIDE, 0xB);
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0x200EC);
    WR(&a, XVCPU_LAPIC_TIMER_INITIAL, 5);
    CHECK_EQ(xvcpu_lapic_update(&a, now), now + 80);
    now += 80 * 3 + 20; /* three periods missed: one interrupt, next at the fourth boundary */
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_CURRENT), 4);
    CHECK_EQ(xvcpu_lapic_update(&a, now), now - 20 + 80);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0xEC);
    /* masked: counts but does not interrupt */
    xvcpu_lapic_ack(&a, 0xEC);
    WR(&a, XVCPU_LAPIC_EOI, 0);
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0x300EC);
    now += 80;
    xvcpu_lapic_update(&a, now);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    /* a mode change disarms */
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0xEC);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_INITIAL), 0);
    CHECK_EQ(xvcpu_lapic_update(&a, now + 100000), UINT64_MAX);
}

static void test_tsc_deadline(void)
{
    xvcpu_lapic a;
    uint64_t v;
    fresh(&a, 0);
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    /* outside deadline mode the MSR reads 0 and writes are ignored */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_TSC_DEADLINE, 5000, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_TSC_DEADLINE, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0);
    WR(&a, XVCPU_LAPIC_LVT_TIMER, 0x400EF);
    xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_TSC_DEADLINE, 5000, now, &exit, &eoi);
    xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_TSC_DEADLINE, now, &v);
    CHECK_EQ(v, 5000);
    WR(&a, XVCPU_LAPIC_TIMER_INITIAL, 99); /* ignored in deadline mode */
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TIMER_INITIAL), 0);
    CHECK_EQ(xvcpu_lapic_update(&a, 4999), 5000);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    CHECK_EQ(xvcpu_lapic_update(&a, 5000), UINT64_MAX);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0xEF);
    xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_TSC_DEADLINE, now, &v);
    CHECK_EQ(v, 0); /* fired: disarmed */
    /* a deadline in the past fires at the next update; 0 disarms */
    xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_TSC_DEADLINE, 10, now, &exit, &eoi);
    xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_TSC_DEADLINE, 0, now, &exit, &eoi);
    CHECK_EQ(xvcpu_lapic_update(&a, 6000), UINT64_MAX);
    /* without the feature the MSR is #GP */
    a.tsc_deadline_allowed = false;
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_IA32_TSC_DEADLINE, now, &v), XVCPU_LAPIC_FAULT);
}

static void test_icr_exits(void)
{
    xvcpu_lapic a;
    fresh(&a, 0);
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    /* fixed IPI to APIC 2 */
    WR(&a, XVCPU_LAPIC_ICR_HI, 0x02000000);
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x000040FD), XVCPU_LAPIC_EXIT);
    CHECK_EQ(exit.kind, XVCPU_EXIT_SEND_IPI);
    CHECK_EQ(exit.u.send_ipi.target_cpu, 2);
    CHECK_EQ(exit.u.send_ipi.vector, 0xFD);
    CHECK(!exit.u.send_ipi.send_to_all && !exit.u.send_ipi.send_to_self);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ICR_LO), 0x40FDu); /* delivery status 0: sent */
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ICR_HI), 0x02000000u);
    /* INIT: no exit; SIPI vector 0x9A -> CPU_UP at 0x9A000 */
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x00004500), XVCPU_LAPIC_DONE);
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x0000469A), XVCPU_LAPIC_EXIT);
    CHECK_EQ(exit.kind, XVCPU_EXIT_CPU_UP);
    CHECK_EQ(exit.u.cpu_up.target_cpu, 2);
    CHECK_EQ(exit.u.cpu_up.entry_point, 0x9A000);
    /* self: delivered here, no exit */
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x000440F3), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0xF3);
    /* all including self: self part here, the exit is for the others */
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x000840F4), XVCPU_LAPIC_EXIT);
    CHECK(exit.u.send_ipi.send_to_all && !exit.u.send_ipi.send_to_self);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0xF4);
    /* a fixed IPI with an illegal vector is not sent */
    CHECK_EQ(WR(&a, XVCPU_LAPIC_ICR_LO, 0x00004005), XVCPU_LAPIC_DONE);
    WR(&a, XVCPU_LAPIC_ESR, 0);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_ESR), 0x20u);
}

static void test_x2apic_mode(void)
{
    xvcpu_lapic a;
    uint64_t v;
    fresh(&a, 0x21);
    /* x2APIC registers #GP in xAPIC mode */
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_ID, now, &v), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00C00, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK(xvcpu_lapic_x2apic_mode(&a));
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_ID, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0x21);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_LDR, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0x20002u); /* cluster 2, bit 1 */
    CHECK_EQ(xvcpu_lapic_mmio_read(&a, XVCPU_LAPIC_ID, 4, now), 0xFFFFFFFFu); /* the page is gone */
    /* read-only, write-only and absent registers, reserved bits */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_ID, 0, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_EOI, now, &v), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_EOI, 1, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, 0x80E, now, &v), XVCPU_LAPIC_FAULT); /* DFR */
    CHECK_EQ(xvcpu_lapic_msr_read(&a, 0x831, now, &v), XVCPU_LAPIC_FAULT); /* ICR high */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_TPR, 0x100, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_SELF_IPI, now, &v), XVCPU_LAPIC_FAULT);
    /* 64-bit ICR: destination in bits 63:32 */
    xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_SVR, 0x1FF, now, &exit, &eoi);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_ICR, 0x00000123000040E1ull, now, &exit, &eoi),
             XVCPU_LAPIC_EXIT);
    CHECK_EQ(exit.u.send_ipi.target_cpu, 0x123);
    CHECK_EQ(exit.u.send_ipi.vector, 0xE1);
    xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_ICR, now, &v);
    CHECK_EQ(v, 0x00000123000040E1ull);
    /* SELF IPI register */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_SELF_IPI, 0x66, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x66);
    /* x2APIC -> xAPIC directly is refused; -> disabled resets, then xAPIC again */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00800, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00000, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00C00, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00800, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_SVR), 0xFFu);
    /* reserved bits and x2APIC without the feature */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00801, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    a.x2apic_allowed = false;
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00C00, now, &exit, &eoi), XVCPU_LAPIC_FAULT);
    CHECK(xvcpu_lapic_handles_msr(0x1B) && xvcpu_lapic_handles_msr(0x6E0) && xvcpu_lapic_handles_msr(0x8FF));
    CHECK(!xvcpu_lapic_handles_msr(0x7FF) && !xvcpu_lapic_handles_msr(0x900));
}

/* The TPR is CR8 both ways (SDM Vol. 3A 11.8.6.5): CR8[3:0] = TPR[7:4], a MOV to CR8 clears
 * TPR[3:0]; xvcpu_lapic_sync_cr8() runs before every entry (xvcpu_lapic_deliver). */
static xvcpu_vcpu cr8_vcpu; /* only vcpu->x86.tpr (the guest's CR8) is used */

static void test_tpr_is_cr8(void)
{
    xvcpu_lapic a;
    uint64_t v = 0;
    fresh(&a, 0);
    WR(&a, XVCPU_LAPIC_SVR, 0x1FF);
    cr8_vcpu.x86.tpr = 0;
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(cr8_vcpu.x86.tpr, 0);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0);
    /* TPR through the page: CR8 reads its class, the TPR keeps its low nibble */
    WR(&a, XVCPU_LAPIC_TPR, 0x5A);
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(cr8_vcpu.x86.tpr, 5);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0x5Au);
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu); /* nothing changed: nothing moves */
    CHECK_EQ(cr8_vcpu.x86.tpr, 5);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0x5Au);
    /* MOV CR8, 3: TPR 0x30, which masks class 3 and lets class 4 through */
    cr8_vcpu.x86.tpr = 3;
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0x30u);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_PPR), 0x30u);
    CHECK_EQ(cr8_vcpu.x86.tpr, 3);
    xvcpu_lapic_accept(&a, 0x31, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    xvcpu_lapic_accept(&a, 0x41, false);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x41);
    /* MOV CR8, 15 masks every vector; MOV CR8, 0 unmasks them */
    cr8_vcpu.x86.tpr = 15;
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0xF0u);
    CHECK_EQ(xvcpu_lapic_pending(&a), -1);
    cr8_vcpu.x86.tpr = 0;
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(RD(&a, XVCPU_LAPIC_TPR), 0u);
    CHECK_EQ(xvcpu_lapic_pending(&a), 0x41);
    /* the x2APIC TPR MSR */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00C00, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_X2APIC_TPR, 0x27, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(cr8_vcpu.x86.tpr, 2);
    cr8_vcpu.x86.tpr = 9;
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(xvcpu_lapic_msr_read(&a, XVCPU_MSR_X2APIC_TPR, now, &v), XVCPU_LAPIC_DONE);
    CHECK_EQ(v, 0x90u);
    /* a disabled APIC resets its TPR: CR8 follows */
    CHECK_EQ(xvcpu_lapic_msr_write(&a, XVCPU_MSR_IA32_APIC_BASE, 0xFEE00000, now, &exit, &eoi), XVCPU_LAPIC_DONE);
    xvcpu_lapic_sync_cr8(&a, &cr8_vcpu);
    CHECK_EQ(cr8_vcpu.x86.tpr, 0);
}

#define ALL_TESTS(X) X(test_reset_values) X(test_lvt_writable_bits) X(test_priority_and_eoi) \
    X(test_timer_one_shot_and_periodic) X(test_tsc_deadline) X(test_icr_exits) X(test_x2apic_mode) \
    X(test_tpr_is_cr8)

#include "../runner.h"
XVCPU_TEST_MAIN("lapic-unit", ALL_TESTS)
