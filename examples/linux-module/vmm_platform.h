/* The whole port of xvcpu.h to a Linux kernel module: the configuration set before the include.
 * Kbuild compiles with -nostdinc, so the fixed-width types come from <linux/types.h>
 * (XVCPU_NO_STDINT); the trampolines return through the kernel's return thunk where the kernel
 * has one (CONFIG_RETHUNK) and start with ENDBR where it checks indirect branches
 * (CONFIG_X86_KERNEL_IBT), so objtool accepts them; CR4 writes (VMX only) go through Linux's
 * CR4 shadow. Nothing else is needed: -mcmodel=kernel, -mno-sse, retpolines and the stack checks
 * take the header as it is. The same file serves examples/common/vmm.c (VMM_* below). */
#ifndef XVCPU_DEMO_VMM_PLATFORM_H
#define XVCPU_DEMO_VMM_PLATFORM_H

#include <linux/types.h>  /* uint8_t .. uint64_t, int8_t .. int64_t, uintptr_t, size_t, bool */
#include <linux/stddef.h> /* NULL, true, false */
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <asm/tlbflush.h> /* cr4_set_bits, cr4_clear_bits */

#define XVCPU_NO_STDINT
#ifdef CONFIG_RETHUNK
#define XVCPU_ASM_RET "jmp __x86_return_thunk\n\tint3"
#endif
#ifdef CONFIG_X86_KERNEL_IBT
#define XVCPU_ASM_ENDBR "endbr64"
#endif
/* VMX: Linux keeps a per-CPU shadow of CR4 and rewrites CR4 from it, so CR4.VMXE changes go
 * through the kernel's helpers (the library only sets or clears VMXE). Untested: QEMU TCG has no VMX. */
static inline void xvcpu_demo_write_cr4(unsigned long cr4)
{
    unsigned long flags, old = __read_cr4();
    local_irq_save(flags);
    cr4_set_bits_irqsoff(cr4 & ~old);
    cr4_clear_bits_irqsoff(old & ~cr4);
    local_irq_restore(flags);
}
#define XVCPU_WRITE_CR4(v) xvcpu_demo_write_cr4(v)
#include "xvcpu.h" /* the project's xvcpu.h, copied unchanged at build time */

#define VMM_MEMCMP memcmp
#define VMM_MEMCPY memcpy
#define VMM_STRCMP strcmp

#endif
