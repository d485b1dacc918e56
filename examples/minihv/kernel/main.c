/* kmain: set up the console, CPU tables and page pool, run minihv_main(), report PASS/FAIL. */
#include "kernel.h"

void kmain(void);

/* Exit conventions (tests/e2e/run_*.sh rely on them). We do not know which emulator we run in,
 * so we signal both ways: each emulator ignores the other's port. */
void minihv_exit(int pass)
{
    static const char shutdown[] = "Shutdown";
    const char *s;

    kprintf("minihv: %s\n", pass ? "PASS" : "FAIL");
    console_flush();
    outb(0xF4, pass ? 0x10 : 0x11); /* QEMU isa-debug-exit: exit status 33 / 35 */
    if (pass)
        __asm__ volatile("xchgw %bx, %bx"); /* Bochs magic breakpoint: the debugger quits, status 0 */
    else
        for (s = shutdown; *s; s++) /* Bochs shutdown port: status 1 */
            outb(0x8900, (uint8_t)*s);
    cli_hlt_forever(); /* neither emulator configured as expected: the runner's timeout ends it */
}

void kmain(void)
{
    uint32_t r[4];
    char vendor[13];

    console_init();
    /* Without a BIOS nothing programmed the 8259s; after one, they may be unmasked. Mask both:
     * minihv runs with interrupts off and should never see a stray IRQ. */
    outb(0x21, 0xFF);
    outb(0xA1, 0xFF);
    trap_init();
    page_init();

    cpuid(0, 0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
    kprintf("minihv: booted (cpu vendor %s)\n", vendor);

    minihv_exit(minihv_main() == 0);
}
