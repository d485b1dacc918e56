/* Console output: port 0xE9 (debug port, instant in both emulators) and COM1 (a 16550 UART). */
#include "kernel.h"

#define COM1 0x3F8
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter completely idle */

static int com1_present;

void console_init(void)
{
    outb(COM1 + 1, 0x00); /* no UART interrupts */
    outb(COM1 + 3, 0x80); /* DLAB: divisor follows */
    outb(COM1 + 0, 0x01); /* 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03); /* 8N1 */
    outb(COM1 + 2, 0x07); /* enable and clear the FIFOs */
    outb(COM1 + 4, 0x03); /* DTR, RTS */
    /* no UART (QEMU -serial none) reads as 0xFF: skip it instead of polling forever */
    com1_present = inb(COM1 + 5) != 0xFF;
}

/* Bounded waits: a stuck UART must not hang the run. */
static void com1_wait(uint8_t bit)
{
    unsigned spins = 100000;

    while (!(inb(COM1 + 5) & bit) && --spins)
        ;
}

static void com1_putc(char c)
{
    com1_wait(UART_LSR_THRE);
    outb(COM1, (uint8_t)c);
}

/* Before the emulator exits: let the UART send what its FIFO still holds. */
void console_flush(void)
{
    if (com1_present)
        com1_wait(UART_LSR_TEMT);
}

void console_putc(char c)
{
    outb(0xE9, (uint8_t)c);
    if (com1_present) {
        if (c == '\n')
            com1_putc('\r');
        com1_putc(c);
    }
}

void console_write(const char *s, size_t n)
{
    while (n--)
        console_putc(*s++);
}
