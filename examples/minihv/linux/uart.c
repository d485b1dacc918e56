/* A 16550A UART as Linux's 8250 driver sees it (register layout: the National Semiconductor
 * PC16550D data sheet). Transmission is instant: the THR is always empty again after a write,
 * which raises the THR-empty interrupt when IER enables it. No receive path (no input). */
#include "linux.h"

#define IER_RDI 0x01
#define IER_THRI 0x02
#define LCR_DLAB 0x80
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IIR_NONE 0x01
#define IIR_THRI 0x02
#define IIR_FIFO 0xC0 /* FIFOs enabled: a 16550A */

void uart_init(uart *u)
{
    kmemset(u, 0, sizeof(*u));
}

static uint8_t uart_iir(const uart *u)
{
    uint8_t fifo = (u->fcr & 1) ? IIR_FIFO : 0;
    if ((u->ier & IER_THRI) && u->thre_pending)
        return fifo | IIR_THRI;
    return fifo | IIR_NONE;
}

/* The interrupt output as the PC wires it: only with OUT2 set, never in loopback. */
static void uart_update(uart *u)
{
    u->line = !(uart_iir(u) & IIR_NONE) && (u->mcr & MCR_OUT2) && !(u->mcr & MCR_LOOP);
}

/* Modem status: in loopback the outputs feed the inputs (DTR->DSR, RTS->CTS, OUT1->RI,
 * OUT2->DCD); otherwise a connected line: DCD, DSR, CTS. */
static uint8_t uart_msr(const uart *u)
{
    if (u->mcr & MCR_LOOP)
        return (uint8_t)(((u->mcr & 1) << 5) | ((u->mcr & 2) << 3) | ((u->mcr & 4) << 4) | ((u->mcr & 8) << 4));
    return 0xB0;
}

uint8_t uart_read(uart *u, unsigned reg)
{
    uint8_t v;
    switch (reg) {
    case 0: return (u->lcr & LCR_DLAB) ? u->dll : 0; /* no receive data */
    case 1: return (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
    case 2:
        v = uart_iir(u);
        if ((v & 0x0F) == IIR_THRI) { /* reading the IIR that reports it clears THR empty */
            u->thre_pending = false;
            uart_update(u);
        }
        return v;
    case 3: return u->lcr;
    case 4: return u->mcr;
    case 5: return LSR_THRE | LSR_TEMT;
    case 6: return uart_msr(u);
    default: return u->scr;
    }
}

void uart_write(uart *u, unsigned reg, uint8_t v)
{
    switch (reg) {
    case 0:
        if (u->lcr & LCR_DLAB) {
            u->dll = v;
            return;
        }
        if (!(u->mcr & MCR_LOOP)) {
            console_putc((char)v);
            u->tx_bytes++;
        }
        u->thre_pending = true; /* sent at once: empty again */
        break;
    case 1:
        if (u->lcr & LCR_DLAB) {
            u->dlm = v;
            return;
        }
        if ((v & IER_THRI) && !(u->ier & IER_THRI))
            u->thre_pending = true; /* enabling it while the THR is empty interrupts at once */
        u->ier = v & 0x0F;
        break;
    case 2: u->fcr = v & 0xC9; break;
    case 3: u->lcr = v; break;
    case 4: u->mcr = v & 0x1F; break;
    case 7: u->scr = v; break;
    default: break; /* LSR, MSR: read-only */
    }
    uart_update(u);
}
