/* minihv kernel services for the hypervisor code (see ../README.md).
 * Physical == virtual for the first 4 GiB; one CPU; interrupts stay disabled. */
#ifndef MINIHV_KERNEL_H
#define MINIHV_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "x86.h"

/* GDT selectors (entry.S), for VMCS/VMCB host state. */
#define MINIHV_SEL_CODE 0x08
#define MINIHV_SEL_DATA 0x10
#define MINIHV_SEL_TSS  0x18

/* The hypervisor's entry point: return 0 for PASS, anything else for FAIL. A weak default that
 * returns 0 lives in default_main.c; define your own to replace it. */
int minihv_main(void);

/* End the run: pass != 0 -> PASS, 0 -> FAIL. Prints "minihv: PASS" or "minihv: FAIL" first.
 * Bochs: PASS = magic breakpoint (exit status 0), FAIL = "Shutdown" to port 0x8900 (status 1).
 * QEMU isa-debug-exit at 0xf4: PASS writes 0x10 (status 33), FAIL writes 0x11 (status 35). */
__attribute__((noreturn)) void minihv_exit(int pass);

/* Console: every byte goes to port 0xE9 (Bochs port_e9_hack, QEMU -debugcon) and COM1. */
void console_init(void);
void console_putc(char c);
void console_write(const char *s, size_t n);
void console_flush(void);

/* printf subset: %d %i %u %x %X %c %s %p %%, flags '-' and '0', width (or *), precision for %s,
 * length hh h l ll z. Returns the number of characters produced. */
__attribute__((format(printf, 1, 2))) int kprintf(const char *fmt, ...);
int kvprintf(const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int ksnprintf(char *buf, size_t size, const char *fmt, ...);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Physical pages from a fixed pool (16 MiB - 64 MiB): n contiguous, zeroed, 4 KiB-aligned pages;
 * *phys (if not NULL) gets the physical address, which equals the returned pointer. NULL when
 * the pool has no such run. page_free() takes the same n; freeing what was not allocated ends
 * the run as FAIL. */
void page_init(void);
void *page_alloc(size_t n, uint64_t *phys);
void page_free(void *p, size_t n);

/* The C library subset; the compiler may emit calls to the first four itself. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
#define kmemset memset
#define kmemcpy memcpy
#define kmemmove memmove
#define kmemcmp memcmp
#define kstrlen strlen
#define kstrcmp strcmp

/* CPU tables (trap.c): TSS + IDT; any exception prints the state and ends the run as FAIL. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};
void trap_init(void);
/* Called by the trap handler before it reports an exception; a weak default does nothing. */
void minihv_on_trap(void);

/* What the loader passed in EAX/EBX (0x2BADB002 and 0 when our boot ROM loaded us). */
extern uint32_t boot_magic, boot_info;

#endif
