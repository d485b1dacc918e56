/* minihv's Linux VMM (examples/minihv/linux/): boots Debian's x86-64 kernel on one vCPU through
 * xvcpu's public API. The images are put in memory by the emulator (tests/linux/mkboot.py says
 * where); boot.c builds the zero page, e820 map, MP table and entry page tables; the devices are
 * a 16550 UART (uart.c), an IOAPIC (ioapic.c), a CMOS/RTC stub and reset ports (vmm.c), and the
 * library's local APIC (xvcpu/x86/lapic.h). */
#ifndef MINIHV_LINUX_H
#define MINIHV_LINUX_H

#include "../../../xvcpu.h"
#include "kernel.h"

/* boot.bin (tests/linux/mkboot.py) */
#define LINUX_BOOT_INFO_HPA 0x4000000ull
typedef struct linux_boot_info {
    char magic[8]; /* "XVLINUX1" */
    uint64_t ram_hpa, ram_size, entry, kernel_gpa, kernel_bytes, kernel_end, initrd_gpa, initrd_bytes;
    uint32_t cmdline_bytes, kernel_lba, initrd_lba;
} __attribute__((packed)) linux_boot_info;
#define LINUX_BOOT_CMDLINE_OFF 0x100
#define LINUX_BOOT_SETUP_OFF 0xC00

/* Guest-physical layout the loader uses below 1 MiB. */
#define LINUX_GPA_PML4 0x1000ull     /* + PDPT 0x2000, four PDs 0x3000-0x6FFF: 4 GiB identity */
#define LINUX_GPA_ZERO_PAGE 0x7000ull
#define LINUX_GPA_CMDLINE 0x8000ull
#define LINUX_GPA_STACK 0x9F000ull
#define LINUX_GPA_MPTABLE 0xF0000ull
#define LINUX_IOAPIC_GPA 0xFEC00000ull
#define LINUX_IOAPIC_ID 1

/* ata.c: when boot.bin is not in memory, read boot.bin, the kernel and the initrd from the
 * primary ATA disk (tests/linux/mkboot.py's disk.img). 0, or a reason. */
const char *linux_load_from_disk(void);

/* boot.c: everything in guest memory the kernel finds at startup_64. 0, or a reason. */
const char *linux_boot_prepare(const linux_boot_info *info, uint8_t *ram, uint32_t cpus);

/* uart.c: a 16550A at 0x3F8-0x3FF. Output goes to minihv's console. */
typedef struct uart {
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    bool thre_pending; /* THR-empty interrupt raised and not yet taken by an IIR read */
    bool line;         /* interrupt output (gated by MCR.OUT2) */
    unsigned long tx_bytes;
} uart;
void uart_init(uart *u);
uint8_t uart_read(uart *u, unsigned reg);
void uart_write(uart *u, unsigned reg, uint8_t v);

/* ioapic.c: 24 pins, one redirection entry each; the VMM routes the messages. */
#define IOAPIC_PINS 24
typedef struct ioapic {
    uint32_t id, regsel;
    uint64_t redir[IOAPIC_PINS];
    uint32_t level;     /* input pin levels */
    void (*route)(uint64_t rte); /* deliver the message of a redirection entry */
    unsigned long delivered;
} ioapic;
void ioapic_init(ioapic *io, uint32_t id, void (*route)(uint64_t rte));
uint32_t ioapic_mmio_read(ioapic *io, uint64_t off);
void ioapic_mmio_write(ioapic *io, uint64_t off, uint32_t v);
void ioapic_set_irq(ioapic *io, unsigned pin, bool level);
void ioapic_eoi(ioapic *io, uint8_t vector);

/* hosttimer.c: the host's local-APIC timer at HOST_TIMER_VECTOR. */
#define HOST_TIMER_VECTOR 0xF0
void host_timer_init(void);
void host_timer_arm(uint64_t deadline, uint64_t min_ticks);
void host_timer_eoi(void);
void host_timer_wait(void);
/* Bochs 2.7 loads the guest's RFLAGS at VM entry (VMX) and VMRUN (SVM) before it marks the CPU
 * as in the guest, so a guest entered with RFLAGS.IF = 0 has the host's maskable interrupts
 * masked as if they were the guest's, until the guest itself changes IF: a vCPU that spins with
 * interrupts off (waiting for a lock another vCPU holds) never gives the CPU back on the host
 * timer. NMIs are not masked that way: the watchdog sends the host periodic NMIs (host NMI
 * exits) so every run ends at the latest at the next one. docs/EMULATORS.md. */
void host_watchdog_init(void);
void host_nmi_unblock(void);

#endif
