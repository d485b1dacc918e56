/* An I/O APIC (Intel 82093AA data sheet): IOREGSEL at 0x00, IOWIN at 0x10; registers ID (0),
 * version (1: 24 entries, version 0x11), arbitration (2), redirection table (0x10 + 2 * pin).
 * Edge pins deliver on a rising input; level pins deliver while high and not awaiting EOI
 * (remote IRR). The VMM routes each message to the local APICs its destination names. */
#include "linux.h"

#define RTE_MASKED (1ull << 16)
#define RTE_LEVEL (1ull << 15)
#define RTE_REMOTE_IRR (1ull << 14)
#define RTE_WRITABLE 0xFF0000000001AFFFull /* vector, mode, dest mode, polarity, trigger, mask, dest */

void ioapic_init(ioapic *io, uint32_t id, void (*route)(uint64_t rte))
{
    unsigned i;
    kmemset(io, 0, sizeof(*io));
    io->id = id;
    io->route = route;
    for (i = 0; i < IOAPIC_PINS; i++)
        io->redir[i] = RTE_MASKED;
}

static void ioapic_deliver(ioapic *io, unsigned pin)
{
    uint64_t rte = io->redir[pin];
    if ((rte & RTE_MASKED) || (rte & RTE_REMOTE_IRR))
        return;
    if (rte & RTE_LEVEL)
        io->redir[pin] |= RTE_REMOTE_IRR;
    io->route(io->redir[pin]);
    io->delivered++;
}

uint32_t ioapic_mmio_read(ioapic *io, uint64_t off)
{
    uint32_t r = io->regsel;
    if (off == 0x00)
        return io->regsel;
    if (off != 0x10)
        return 0;
    if (r == 0 || r == 2)
        return (io->id & 0xF) << 24;
    if (r == 1)
        return ((IOAPIC_PINS - 1) << 16) | 0x11;
    if (r >= 0x10 && r < 0x10 + 2 * IOAPIC_PINS)
        return (uint32_t)(io->redir[(r - 0x10) / 2] >> ((r & 1) ? 32 : 0));
    return 0;
}

void ioapic_mmio_write(ioapic *io, uint64_t off, uint32_t v)
{
    uint32_t r = io->regsel;
    unsigned pin;
    uint64_t old;
    if (off == 0x00) {
        io->regsel = v & 0xFF;
        return;
    }
    if (off != 0x10)
        return;
    if (r == 0) {
        io->id = (v >> 24) & 0xF;
        return;
    }
    if (r < 0x10 || r >= 0x10 + 2 * IOAPIC_PINS)
        return;
    pin = (r - 0x10) / 2;
    old = io->redir[pin];
    if (r & 1)
        io->redir[pin] = (old & 0xFFFFFFFFull) | ((uint64_t)v << 32);
    else
        io->redir[pin] = (old & ~0xFFFFFFFFull) | v;
    io->redir[pin] = (io->redir[pin] & RTE_WRITABLE) | (old & RTE_REMOTE_IRR);
    if (!(io->redir[pin] & RTE_LEVEL))
        io->redir[pin] &= ~RTE_REMOTE_IRR;
    if ((io->redir[pin] & RTE_LEVEL) && (io->level >> pin & 1))
        ioapic_deliver(io, pin); /* unmasked while high */
}

void ioapic_set_irq(ioapic *io, unsigned pin, bool level)
{
    bool was;
    if (pin >= IOAPIC_PINS)
        return;
    was = (io->level >> pin) & 1;
    io->level = level ? io->level | (1u << pin) : io->level & ~(1u << pin);
    if (level && (!was || (io->redir[pin] & RTE_LEVEL)))
        ioapic_deliver(io, pin);
}

/* The local APIC reported the EOI of a level-triggered vector. */
void ioapic_eoi(ioapic *io, uint8_t vector)
{
    unsigned pin;
    for (pin = 0; pin < IOAPIC_PINS; pin++) {
        if ((uint8_t)io->redir[pin] != vector || !(io->redir[pin] & RTE_REMOTE_IRR))
            continue;
        io->redir[pin] &= ~RTE_REMOTE_IRR;
        if ((io->level >> pin) & 1)
            ioapic_deliver(io, pin);
    }
}
