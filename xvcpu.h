/*
 * xvcpu.h - hardware-virtualized vCPUs for your kernel, in one header.         version 0.1.0, MIT
 *
 * CONTENTS (each heading below is greppable as "@@ NAME"; the code sections as "==== xvcpu/PART")
 *   @@ WHAT IT IS          @@ QUICK START          @@ THE HAL           @@ THE HOST'S CONTRACT
 *   @@ STATES              @@ EXITS                @@ VMX AND SVM       @@ FAILED ENTRIES
 *   @@ ERRORS              @@ CONFIGURATION        @@ ACCESS LAYER      @@ NAMES
 *   @@ LICENCE
 *   Code, in this order:   ==== xvcpu/api/     the public API (what a VMM calls), right below
 *                          ==== xvcpu/x86/access.h  the access layer (privileged instructions)
 *                          ==== xvcpu/gen/     facts from the manuals, generated from the YAML in spec/
 *                          ==== xvcpu/x86/ x86emu/ vmx/ svm/ core/  the layers, declarations first,
 *                          then (under XVCPU_IMPLEMENTATION) their implementation
 *
 * @@ WHAT IT IS
 *   A freestanding C library that turns a physical x86-64 CPU with Intel VMX or AMD SVM, or an
 *   AArch64 CPU at EL2 (docs/ARM64.md), into virtual CPUs: per-CPU enable, vCPU
 *   create/setup/bind/run/destroy, the entry trampoline, VM exits decoded into architecture-neutral exits, the exits a VMM should never see handled
 *   inside (CPUID, XSETBV, CR and EFER writes, interrupt windows ...), event injection, I/O and
 *   MSR intercepts, MMIO emulation, and a stage-2 (EPT/NPT) builder. One binary serves both
 *   vendors: the backend is chosen from CPUID when a CPU is enabled.
 *
 * @@ QUICK START
 *   In every file that needs the API:       #include "xvcpu.h"
 *   In exactly one C (or C++) file:         #define XVCPU_IMPLEMENTATION
 *                                           #include "xvcpu.h"
 *   Needs only <stdint.h>, <stddef.h>, <stdbool.h> (or XVCPU_NO_STDINT); builds with
 *   -ffreestanding -nostdlib -mno-red-zone -mgeneral-regs-only as C99, C11 or C++, and in a Linux
 *   module with Kbuild's flags as they are (examples/linux-module/vmm_platform.h is the whole
 *   port); no global mutable state.
 *
 *     static xvcpu_percpu cpu0;  static xvcpu_vcpu vm0;  static xvcpu_stage2 s2;  xvcpu_exit ex;
 *     xvcpu_percpu_init(&cpu0, &my_hal, 0, NULL);      xvcpu_percpu_enable(&cpu0);
 *     xvcpu_stage2_init_for_cpu(&s2, &cpu0);           xvcpu_stage2_map(&s2, 0, ram_phys, ram_size,
 *                                                          XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE |
 *                                                          XVCPU_ACCESS_EXEC, XVCPU_X86_MEMORY_TYPE_WB);
 *     xvcpu_vcpu_create(&vm0, &cpu0, 0);
 *     xvcpu_vcpu_setup_args a = { XVCPU_START_REAL, 0x7c00, 0x7000, 0, &s2 };
 *     xvcpu_vcpu_setup(&vm0, &a);                      xvcpu_vcpu_bind(&vm0, &cpu0);
 *     while (xvcpu_vcpu_run(&vm0, &ex) == XVCPU_OK) {
 *         switch (ex.kind) {
 *         case XVCPU_EXIT_IO_WRITE: putc_port(ex.u.io.port, ex.u.io.data); break;
 *         case XVCPU_EXIT_IO_READ:  xvcpu_complete_io_read(&vm0, 0xFF); break;
 *         case XVCPU_EXIT_HALT:     wait_for_irq(); xvcpu_inject_interrupt(&vm0, 0x20); break;
 *         case XVCPU_EXIT_SYSTEM_DOWN: goto done;
 *         default: log("%s", xvcpu_exit_kind_name(ex.kind));
 *         }
 *     }
 *     log("%s", xvcpu_vcpu_last_error(&vm0));
 *
 * @@ THE HAL (xvcpu_hal, one for every CPU and vCPU; `ctx` comes back to each hook)
 *   alloc_pages(ctx, n, &phys) -> virt   n physically contiguous 4 KiB frames, 4 KiB aligned
 *                                        (NULL: out of memory; the library zeroes them)
 *   free_pages(ctx, virt, phys, n)       every page the library allocated comes back here
 *   phys_to_virt(ctx, phys)              the kernel's mapping of a physical address
 *   virt_to_phys(ctx, virt)
 *   log(ctx, level, message)             optional; one line per call, no newline
 *
 * @@ THE HOST'S CONTRACT (x86)
 *   Call the per-CPU and bind/run/unbind functions on the CPU they name, with preemption off (a
 *   bound vCPU's VMCS/VMCB belongs to that CPU). Interrupts may be on: a host interrupt that
 *   arrives while the guest runs ends the run with EXTERNAL_INTERRUPT (VMX acknowledges nothing:
 *   the interrupt is taken when the host enables interrupts again). Between xvcpu_vcpu_bind() and
 *   xvcpu_vcpu_unbind() some CPU state is the guest's, because VM entry and exit do not switch it:
 *   - FPU/SSE/AVX registers hold the guest's state (a -mgeneral-regs-only host does not notice);
 *     unbind saves them and leaves the registers initialised.
 *   - SYSCALL MSRs (STAR, LSTAR, CSTAR, FMASK) and KERNEL_GS_BASE hold the guest's values on VMX:
 *     do not return to the host's user mode on that CPU, nor SWAPGS, without unbinding first. On
 *     SVM, VMLOAD/VMSAVE switch them at every run; the host must not change its FS/GS bases, TR,
 *     LDTR, SYSCALL/SYSENTER MSRs or KERNEL_GS_BASE until unbind (they are captured at bind).
 *   - CR2 is the guest's while it runs; the library puts it back before each entry if the host
 *     changed it, so host page faults between runs are harmless.
 *   - After a VMX exit GDTR/IDTR limits are 0xFFFF and the TR limit 0x67 (SDM Vol. 3C 28.5.2): a
 *     host whose TSS has an I/O bitmap, or that relies on those limits, reloads them.
 *   - XSAVES / IA32_XSS are not offered to guests, so the host's IA32_XSS is never touched. XCR0
 *     is switched only while the guest's differs from the host's.
 *   - SVM: xvcpu_percpu_enable() sets EFER.NXE when the host runs without it (nested walks use the
 *     host's NXE, APM Vol. 2 15.25.5); xvcpu_percpu_disable() clears it again.
 *
 * @@ STATES (axvcpu's state machine; a call in the wrong state is refused with XVCPU_ERR_BAD_STATE)
 *     Invalid --create--> Created --setup--> Free --bind--> Ready --run--> Running --exit--> Ready
 *     Ready --block--> Blocked --unblock--> Ready;   Ready --unbind--> Free;
 *     destroy: Created or Free --> Invalid
 *
 * @@ EXITS (xvcpu_exit: `kind`, the union member of that name, and raw_reason / raw_qualification
 *   / raw_info2 / raw_reason_name for logs). Exits the VMM never sees are handled inside the run.
 *   kind                fields (ex.u.)                                  the VMM answers with
 *   NOTHING             -                                                run again
 *   HYPERCALL           hypercall.nr, .args[6] (x86: RAX; RDI RSI RDX    xvcpu_complete_hypercall(v, rax)
 *                       RCX R8 R9)                                       or xvcpu_complete_fault()
 *   MMIO_READ           mmio_read.addr, .width, .reg, .reg_width,        xvcpu_complete_mmio_read(v, val)
 *                       .signed_ext
 *   MMIO_WRITE          mmio_write.addr, .width, .data                   (implicit) / complete_fault
 *   MMIO_UNSUPPORTED    mmio_unsupported.addr, .access, .insn_len,       xvcpu_complete (skip it),
 *                       .bytes[], .fetched, .why                         complete_fault or complete_retry
 *   SYSREG_READ         sysreg_read.addr (MSR), .reg                     xvcpu_complete_sysreg_read(v, val)
 *   SYSREG_WRITE        sysreg_write.addr, .value                        (implicit) / complete_fault
 *   IO_READ             io.port, .width; string forms: .string, .rep,    xvcpu_complete_io_read(v, val);
 *                       .down, .addr_size, .count, .guest_addr           strings: xvcpu_complete_string_io
 *   IO_WRITE            io.port, .width, .data (or the string fields)    (implicit); strings as above
 *   EXTERNAL_INTERRUPT  external_interrupt.vector (SVM: 0; NMI: 2)       run again
 *   NESTED_PAGE_FAULT   nested_page_fault.addr, .access, .linear_valid,  map the page, run again
 *                       .linear (VMX only)
 *   HALT                -                                                wait, inject, run (implicit)
 *   CPU_UP              cpu_up.target_cpu, .entry_point, .arg            start that vCPU (implicit)
 *   CPU_DOWN            cpu_down.state                                   (implicit)
 *   SYSTEM_DOWN         -                                                the vCPU is stopped: destroy it
 *   FAIL_ENTRY          fail_entry.hw_reason, .qualification,            fix the state or destroy
 *                       .vm_instruction_error, .reason_name, .error_text,
 *                       .check (the first failed check, in words)
 *   SEND_IPI            send_ipi.target_cpu, .target_cpu_aux,            inject into the targets (implicit)
 *                       .send_to_all, .send_to_self, .vector
 *   UNHANDLED           raw_* only                                       your call: fault, skip or stop
 *   "(implicit)": the next xvcpu_vcpu_run() completes the exit and advances RIP past the
 *   instruction. A read (IO_READ, MMIO_READ, SYSREG_READ, string I/O) and MMIO_UNSUPPORTED must be
 *   completed first; xvcpu_complete_fault(v, vector, error) instead raises an exception at the
 *   instruction; an exit that skipped no instruction (interrupts, NPF, shutdown, failed entries)
 *   never moves RIP.
 *
 * @@ VMX AND SVM (what a VMM can observe; everything else is the same)
 *   - raw_reason / fail_entry.hw_reason: VMX basic exit reasons, or SVM EXITCODEs
 *     (xvcpu_vmx_exit_reason_name / xvcpu_svm_exit_name); xvcpu_vcpu_exit_count() takes either.
 *   - EXTERNAL_INTERRUPT: on SVM the interrupt stays pending in the host and its vector is
 *     reported as 0 (2 for an NMI). With V_INTR_MASKING the host's RFLAGS.IF at run decides
 *     whether a host interrupt ends the guest's run (APM Vol. 2 15.21.1).
 *   - NESTED_PAGE_FAULT carries a linear address only on VMX.
 *   - FAIL_ENTRY: VMX has a VM-instruction error number and text; SVM has VMEXIT_INVALID.
 *   - SVM needs nested paging (xvcpu_stage2_init_for_cpu gives NPT); without NRIP-save (QEMU) the
 *     library fetches and decodes each intercepted instruction for its length.
 *
 * @@ FAILED ENTRIES
 *   When the CPU refuses an entry (VMfailValid 7/8, exit reason 33, VMEXIT_INVALID) the run
 *   returns a FAIL_ENTRY exit whose fail_entry.check names the first manual check the state
 *   fails, e.g. "guest RFLAGS: bit 1 clear (SDM Vol. 3C 27.3.1.4)" (xvcpu_vcpu_last_error() has
 *   it too). xvcpu_vmx_entry_check() / xvcpu_svm_vmrun_check() make the checks on demand, and
 *   xvcpu_vmx_dump() / xvcpu_svm_dump() print every VMCS field / VMCB member by name.
 *
 * @@ ERRORS
 *   Every call returns an xvcpu_err (XVCPU_OK = 0; xvcpu_strerror names it). The object it acted
 *   on keeps a one-line text that names the call, the object and the problem, e.g.
 *   "xvcpu_vcpu_run: vCPU 0 is Free, needs Ready" or "VMXON failed: VM-instruction error 15: VMXON
 *   executed in VMX root operation": xvcpu_vcpu_last_error(), xvcpu_percpu_last_error(),
 *   xvcpu_stage2_last_error(). A failed call changes nothing. The guest never causes an error:
 *   what it may not do gets the architectural answer (#GP, #UD ...) or a neutral exit.
 *
 * @@ CONFIGURATION (define before including xvcpu.h)
 *   XVCPU_IMPLEMENTATION      compile the implementation in this translation unit
 *   XVCPU_STATIC              make every function static to the including file
 *   XVCPU_DEF                 the storage class of every public function (default extern)
 *   XVCPU_ASSERT(c)           the library's own invariants, never guest values (default: none)
 *   XVCPU_LOG(hal, lvl, msg)  where messages go (default: hal->log when set)
 *   XVCPU_MEMSET, XVCPU_MEMCPY  (default: rep stosb / rep movsb, which call nothing)
 *   XVCPU_ERROR_TEXT_SIZE     bytes of each object's error text (default 160)
 *   XVCPU_NO_STDINT           include no <stdint.h>/<stddef.h>/<stdbool.h>: you have defined
 *                             uint8_t..uint64_t, int8_t..int64_t, uintptr_t, size_t, bool, true,
 *                             false and NULL (Linux: include <linux/types.h>, <linux/stddef.h>);
 *                             xvcpu.h then defines UINT64_MAX itself if it is missing
 *   XVCPU_ASM_RET             how the entry trampolines return, as asm text (default "ret; int3";
 *                             Linux with CONFIG_RETHUNK: "jmp __x86_return_thunk\n\tint3")
 *   XVCPU_ASM_ENDBR           first instruction of the trampolines and of the VMX exit point
 *                             (default none; "endbr64" for a kernel with IBT)
 *   Versions: XVCPU_VERSION_MAJOR/_MINOR/_PATCH, XVCPU_VERSION, XVCPU_VERSION_STRING.
 *
 * @@ ACCESS LAYER (each a macro with a default of the real instruction; the host tests define
 *   them to drive a software CPU, a kernel may wrap them to count or trace)
 *   VMX:  XVCPU_VMXON, XVCPU_VMXOFF, XVCPU_VMPTRLD, XVCPU_VMCLEAR, XVCPU_VMREAD, XVCPU_VMWRITE,
 *         XVCPU_INVEPT, XVCPU_INVVPID, XVCPU_VMX_ENTER, XVCPU_VMX_EXIT_POINT
 *   SVM:  XVCPU_VMLOAD, XVCPU_VMSAVE, XVCPU_CLGI, XVCPU_STGI, XVCPU_INVLPGA, XVCPU_SVM_ENTER
 *   x86:  XVCPU_RDMSR, XVCPU_WRMSR, XVCPU_CPUID, XVCPU_READ_CR0/2/3/4, XVCPU_WRITE_CR0/2/4,
 *         XVCPU_XGETBV, XVCPU_XSETBV, XVCPU_XSAVE, XVCPU_XRSTOR, XVCPU_FXSAVE, XVCPU_FXRSTOR,
 *         XVCPU_RDPKRU, XVCPU_SGDT, XVCPU_SIDT, XVCPU_READ_SEL
 *   arm64: XVCPU_A64_READ(REG), XVCPU_A64_WRITE(REG, v), XVCPU_A64_ISB, XVCPU_A64_DSB_ISH,
 *         XVCPU_A64_TLBI_VMALLS12E1IS, XVCPU_A64_TLBI_IPAS2E1IS, XVCPU_A64_TLBI_VMALLE1IS,
 *         XVCPU_A64_TLBI_ALLE1IS, XVCPU_A64_AT_S1E1R, XVCPU_A64_AT_S1E1W, XVCPU_A64_ENTER,
 *         XVCPU_A64_FP_SAVE, XVCPU_A64_FP_RESTORE, XVCPU_A64_VECTORS (xvcpu/arm64/arm64.h). Off its own CPU each family is an inert stand-in
 *         (registers read 0), so the header compiles for x86-64 and aarch64 alike.
 *
 * @@ NAMES
 *   xvcpu_* public, xvcpu__* private, XVCPU_* macros; no member or parameter is named like a
 *   macro of a kernel the header goes into (Linux's `current`, hence xvcpu_percpu.bound_vcpu). Facts from the manuals are generated from
 *   the YAML in spec/ (each with its SDM/APM reference): XVCPU_VMCS_GUEST_RIP,
 *   xvcpu_vmcs_read_guest_rip() (read-only fields have no writer), XVCPU_PROC2_ENABLE_EPT,
 *   XVCPU_VMX_EXIT_EPT_VIOLATION, xvcpu_vmx_error_text(), XVCPU_MSR_IA32_EFER, XVCPU_CR4_PAE,
 *   XVCPU_CR0_RESERVED (every bit the manual reserves), xvcpu_vmcb.
 *
 * @@ LICENCE
 *   MIT License. Copyright (c) 2026 the xvcpu authors.
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of this software
 *   and associated documentation files (the "Software"), to deal in the Software without
 *   restriction, including without limitation the rights to use, copy, modify, merge, publish,
 *   distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
 *   Software is furnished to do so, subject to the following conditions:
 *   The above copyright notice and this permission notice shall be included in all copies or
 *   substantial portions of the Software.
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
 *   BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 *   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 *   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 *   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
/* This file is assembled from xvcpu/ by codegen/amalgamate.py - do not edit it; edit the
 * parts and run `make gen`. */

#ifndef XVCPU_H_INCLUDED
#define XVCPU_H_INCLUDED

/* ==== xvcpu/api/base.h ==== */
/* Configuration, fixed-width types and small helpers every other part uses. */

/* XVCPU_NO_STDINT: the includer has already defined uint8_t .. uint64_t, int8_t .. int64_t,
 * uintptr_t, size_t, bool/true/false and NULL, for kernels built without the compiler's headers
 * (Linux's -nostdinc: include <linux/types.h> first). */
#ifndef XVCPU_NO_STDINT
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#endif
/* (The library uses no <stdint.h> limit macro such as UINT64_MAX, so it defines none either.) */

#define XVCPU_VERSION_MAJOR 0
#define XVCPU_VERSION_MINOR 1
#define XVCPU_VERSION_PATCH 0
#define XVCPU_VERSION ((XVCPU_VERSION_MAJOR << 16) | (XVCPU_VERSION_MINOR << 8) | XVCPU_VERSION_PATCH)
#define XVCPU_VERSION_STRING "0.1.0"

/* XVCPU_STATIC makes every public function static to the including translation unit. */
#ifndef XVCPU_DEF
#ifdef XVCPU_STATIC
#define XVCPU_DEF static __attribute__((unused))
#else
#define XVCPU_DEF extern
#endif
#endif

/* XVCPU_ASSERT guards the library's own invariants, never guest-controlled values: a guest
 * cannot reach one. The default compiles to nothing; define it to your kernel's assert. */
#ifndef XVCPU_ASSERT
#define XVCPU_ASSERT(cond) ((void)0)
#endif

/* Freestanding defaults that call nothing (compilers turn memset-like loops and large builtins
 * into calls to memset/memcpy, which a freestanding kernel may not have). On x86-64: rep stosb /
 * movsb. */
#if defined(__x86_64__)
static inline void xvcpu__memset(void *dst, int byte, size_t len)
{
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(len) : "a"(byte) : "memory");
}
static inline void xvcpu__memcpy(void *dst, const void *src, size_t len)
{
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(len) : : "memory");
}
#else
/* Elsewhere: loops through volatile pointers, which a compiler cannot turn back into calls to
 * memset/memcpy (8 bytes at a time where aligned). */
typedef uint64_t __attribute__((may_alias)) xvcpu__word;

static inline void xvcpu__memset(void *dst, int byte, size_t len)
{
    unsigned char *d = (unsigned char *)dst;
    uint64_t pattern = 0x0101010101010101ull * (unsigned char)byte;
    while (len > 0 && ((uintptr_t)d & 7u) != 0) {
        *(volatile unsigned char *)d++ = (unsigned char)byte;
        len--;
    }
    for (; len >= 8; d += 8, len -= 8)
        *(volatile xvcpu__word *)d = pattern;
    while (len-- > 0)
        *(volatile unsigned char *)d++ = (unsigned char)byte;
}
static inline void xvcpu__memcpy(void *dst, const void *src, size_t len)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    if ((((uintptr_t)d | (uintptr_t)s) & 7u) == 0)
        for (; len >= 8; d += 8, s += 8, len -= 8)
            *(volatile xvcpu__word *)d = *(const volatile xvcpu__word *)s;
    while (len-- > 0)
        *(volatile unsigned char *)d++ = *s++;
}
#endif
#ifndef XVCPU_MEMSET
#define XVCPU_MEMSET(dst, byte, len) xvcpu__memset((dst), (byte), (len))
#endif
#ifndef XVCPU_MEMCPY
#define XVCPU_MEMCPY(dst, src, len) xvcpu__memcpy((dst), (src), (len))
#endif

/* The few helpers of the exit hot paths, inlined whatever the compiler's heuristics say: each
 * one saves the calls, spills and the VMREAD-cache stores a round trip would otherwise pay. */
#define XVCPU__HOT static inline __attribute__((always_inline))

/* How the entry trampolines return and where an indirect-branch target starts, as asm text.
 * A kernel with return thunks sets XVCPU_ASM_RET to its thunk ("jmp __x86_return_thunk; int3"
 * in Linux with CONFIG_RETHUNK); one with IBT sets XVCPU_ASM_ENDBR to "endbr64". The INT3 after
 * RET stops straight-line speculation past it. */
#ifndef XVCPU_ASM_RET
#define XVCPU_ASM_RET "ret\n\tint3"
#endif
#ifndef XVCPU_ASM_ENDBR
#define XVCPU_ASM_ENDBR ""
#endif

#if defined(__cplusplus)
#define XVCPU_STATIC_ASSERT(cond, name) static_assert(cond, #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define XVCPU_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
#define XVCPU_STATIC_ASSERT(cond, name) typedef char xvcpu__static_assert_##name[(cond) ? 1 : -1]
#endif

/* Read or replace a bit field given its generated name: XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, q). */
#define XVCPU_FIELD_GET(field, value) (((uint64_t)(value) & field##_MASK) >> field##_SHIFT)
#define XVCPU_FIELD_SET(field, value, x) \
    (((uint64_t)(value) & ~field##_MASK) | (((uint64_t)(x) << field##_SHIFT) & field##_MASK))

#ifdef __cplusplus
extern "C" {
#endif

/* ==== xvcpu/api/errors.h ==== */
/* Errors. Every call that can fail returns an xvcpu_err; the object it acted on (vCPU or per-CPU
 * state) also keeps a one-line text that names the problem, see xvcpu_vcpu_last_error(). */

typedef enum xvcpu_err {
    XVCPU_OK = 0,
    XVCPU_ERR_INVALID_ARG,          /* a NULL pointer, an out-of-range value, a misaligned address */
    XVCPU_ERR_BAD_STATE,            /* the call is not allowed in the object's current state */
    XVCPU_ERR_UNSUPPORTED,          /* the CPU lacks a feature the call needs */
    XVCPU_ERR_DISABLED_BY_FIRMWARE, /* the feature exists but firmware locked it off */
    XVCPU_ERR_BUSY,                 /* already enabled, or in use by someone else */
    XVCPU_ERR_NO_MEMORY,            /* the HAL could not allocate pages */
    XVCPU_ERR_VM_INSTRUCTION,       /* a VMX/SVM instruction failed; the text has the SDM's error */
    XVCPU_ERR_VM_ENTRY,             /* the CPU refused to enter the guest */
    XVCPU_ERR_ALREADY_MAPPED,       /* stage-2: the range overlaps an existing mapping */
    XVCPU_ERR_NOT_MAPPED,           /* stage-2: nothing is mapped there */
    XVCPU_ERR_COUNT
} xvcpu_err;

/* "bad state" for XVCPU_ERR_BAD_STATE; never NULL. */
XVCPU_DEF const char *xvcpu_strerror(xvcpu_err err);

/* Size of the error-text buffers in xvcpu_vcpu and xvcpu_percpu. */
#ifndef XVCPU_ERROR_TEXT_SIZE
#define XVCPU_ERROR_TEXT_SIZE 256
#endif

/* ==== xvcpu/api/hal.h ==== */
/* The HAL: what the library needs from the kernel. One xvcpu_hal is shared by every CPU and vCPU;
 * `ctx` is passed back to each hook unchanged. alloc_pages, free_pages, phys_to_virt and
 * virt_to_phys are required; log may be NULL. The library zeroes the pages it allocates. */

typedef enum xvcpu_log_level {
    XVCPU_LOG_ERROR = 0,
    XVCPU_LOG_WARN = 1,
    XVCPU_LOG_INFO = 2,
    XVCPU_LOG_DEBUG = 3
} xvcpu_log_level;

typedef struct xvcpu_hal {
    void *ctx;
    /* `count` physically contiguous 4 KiB frames, 4 KiB aligned: returns the virtual address and
     * stores the physical one, or returns NULL when out of memory. */
    void *(*alloc_pages)(void *ctx, size_t count, uint64_t *phys);
    void (*free_pages)(void *ctx, void *virt, uint64_t phys, size_t count);
    void *(*phys_to_virt)(void *ctx, uint64_t phys);
    uint64_t (*virt_to_phys)(void *ctx, const void *virt);
    void (*log)(void *ctx, xvcpu_log_level level, const char *message); /* optional */
} xvcpu_hal;

/* XVCPU_LOG(hal, level, message): override to route the library's messages elsewhere. */
#ifndef XVCPU_LOG
#define XVCPU_LOG(hal, level, message)                                         \
    do {                                                                       \
        if ((hal) != NULL && (hal)->log != NULL)                               \
            (hal)->log((hal)->ctx, (level), (message));                        \
    } while (0)
#endif

/* ==== xvcpu/api/exit.h ==== */
/* The neutral exit: what xvcpu_vcpu_run() hands the VMM when the guest needs it. Exits the VMM
 * should never see (CPUID, XSETBV, CR access, interrupt windows ...) are handled inside the run
 * loop. Every exit also carries the raw hardware reason for logging. */

typedef enum xvcpu_exit_kind {
    XVCPU_EXIT_NOTHING = 0,         /* nothing for the guest: run again. A host event the host
                                       handles itself (x86: a physical INIT, left to the host) */
    XVCPU_EXIT_HYPERCALL,           /* VMCALL/VMMCALL (x86), HVC (arm) */
    XVCPU_EXIT_MMIO_READ,           /* complete with xvcpu_complete_mmio_read() */
    XVCPU_EXIT_MMIO_WRITE,
    XVCPU_EXIT_SYSREG_READ,         /* RDMSR of an MSR the VMM intercepts: xvcpu_complete_sysreg_read() */
    XVCPU_EXIT_SYSREG_WRITE,        /* WRMSR of an MSR the VMM intercepts */
    XVCPU_EXIT_IO_READ,             /* IN/INS: xvcpu_complete_io_read() or xvcpu_complete_string_io() */
    XVCPU_EXIT_IO_WRITE,            /* OUT/OUTS (string forms: xvcpu_complete_string_io()) */
    XVCPU_EXIT_EXTERNAL_INTERRUPT,  /* a host interrupt arrived while the guest ran */
    XVCPU_EXIT_NESTED_PAGE_FAULT,   /* stage-2 fault outside any MMIO region: map and run again */
    XVCPU_EXIT_HALT,                /* HLT: wait for an event, inject it, run again */
    XVCPU_EXIT_CPU_UP,              /* the guest starts another vCPU (INIT/SIPI, PSCI CPU_ON) */
    XVCPU_EXIT_CPU_DOWN,            /* the guest stops this vCPU (PSCI CPU_OFF) */
    XVCPU_EXIT_SYSTEM_DOWN,         /* triple fault / shutdown / PSCI SYSTEM_OFF: the vCPU is stopped */
    XVCPU_EXIT_FAIL_ENTRY,          /* the CPU refused the entry; see fail_entry */
    XVCPU_EXIT_SEND_IPI,            /* the guest sends an IPI (x2APIC ICR, ICC_SGI1R_EL1) */
    XVCPU_EXIT_UNHANDLED,           /* a hardware exit the library does not handle; see raw_* */
    XVCPU_EXIT_MMIO_UNSUPPORTED,    /* an MMIO access by an instruction the library does not emulate:
                                       see mmio_unsupported; complete (skips it), fault, or map the page */
    XVCPU_EXIT_KIND_COUNT
} xvcpu_exit_kind;

/* Stage-2 access kinds, for NESTED_PAGE_FAULT. */
#define XVCPU_ACCESS_READ 1u
#define XVCPU_ACCESS_WRITE 2u
#define XVCPU_ACCESS_EXEC 4u

typedef struct xvcpu_exit {
    xvcpu_exit_kind kind;
    /* Raw hardware facts, for logs: VMX basic exit reason or SVM EXITCODE, the exit
     * qualification or EXITINFO1, and the guest-physical address or EXITINFO2. */
    uint64_t raw_reason;
    uint64_t raw_qualification;
    uint64_t raw_info2;
    const char *raw_reason_name; /* "EPT_VIOLATION", "NPF", ...; NULL when unknown */
    union {
        struct { uint64_t nr; uint64_t args[6]; } hypercall; /* x86: RAX; RDI, RSI, RDX, RCX, R8, R9 */
        struct {
            uint64_t addr;      /* guest physical */
            uint8_t width;      /* access size in bytes: 1, 2, 4, 8 (16, 32 for vector moves) */
            uint8_t reg;        /* destination register number (architecture's numbering) */
            uint8_t reg_width;  /* destination width in bytes */
            bool signed_ext;    /* sign-extend rather than zero-extend into the register */
        } mmio_read;
        struct { uint64_t addr; uint8_t width; uint64_t data; } mmio_write;
        struct {
            uint64_t addr;      /* guest physical */
            uint32_t access;    /* XVCPU_ACCESS_* */
            uint8_t insn_len;   /* bytes of the instruction (0 when unknown: not decodable) */
            uint8_t bytes[15];  /* the instruction as fetched */
            uint8_t fetched;    /* how many of `bytes` are valid */
            const char *why;    /* e.g. "unsupported instruction", "access crosses a page" */
        } mmio_unsupported;
        struct { uint32_t addr; uint8_t reg; } sysreg_read;   /* x86: MSR number (EDX:EAX destination) */
        struct { uint32_t addr; uint64_t value; } sysreg_write;
        struct {
            uint16_t port;
            uint8_t width;      /* bytes per transfer: 1, 2 or 4 */
            uint64_t data;      /* OUT: the value written (non-string only) */
            bool string;        /* INS/OUTS: the data is in guest memory at `guest_addr` */
            bool rep;           /* REP prefix: up to `count` transfers */
            bool down;          /* RFLAGS.DF: the address decreases */
            uint8_t addr_size;  /* address size in bytes: 2, 4 or 8 */
            uint64_t count;     /* transfers requested (RCX masked to addr_size; 1 without REP) */
            uint64_t guest_addr; /* guest linear address of the first element (segment base applied) */
        } io;
        struct { uint32_t vector; } external_interrupt;
        struct {
            uint64_t addr;      /* guest physical */
            uint32_t access;    /* XVCPU_ACCESS_* the guest attempted */
            bool linear_valid;
            uint64_t linear;    /* guest linear address, when linear_valid */
        } nested_page_fault;
        struct { uint64_t target_cpu; uint64_t entry_point; uint64_t arg; } cpu_up;
        struct { uint64_t state; } cpu_down;
        struct {
            uint64_t hw_reason;            /* full exit reason (VMX: bit 31 set) or SVM EXITCODE */
            uint64_t qualification;        /* entry-failure qualification */
            uint32_t vm_instruction_error; /* VMfailValid error number, 0 if none */
            const char *reason_name;       /* e.g. "ENTRY_FAILURE_GUEST_STATE" */
            const char *error_text;        /* the SDM's VM-instruction error text, or NULL */
            const char *check;             /* the first manual check the state fails, in words with
                                              its section (xvcpu_vmx_entry_check(),
                                              xvcpu_svm_vmrun_check()), or NULL */
        } fail_entry;
        struct {
            uint64_t target_cpu;     /* destination (x2APIC ID or MPIDR affinity) */
            uint64_t target_cpu_aux; /* arm: target list; x86: destination mode */
            bool send_to_all;        /* all excluding self */
            bool send_to_self;
            uint32_t vector;
        } send_ipi;
    } u;
} xvcpu_exit;

/* "IO_READ" for XVCPU_EXIT_IO_READ; never NULL. */
XVCPU_DEF const char *xvcpu_exit_kind_name(xvcpu_exit_kind kind);

/* ==== xvcpu/api/setup.h ==== */
/* How a vCPU starts (xvcpu_vcpu_setup). */

struct xvcpu_stage2; /* the EPT/NPT tables, see the stage-2 section */

typedef enum xvcpu_start_mode {
    XVCPU_START_REAL = 1,      /* 16-bit real mode; CS base = entry (any address below 4 GiB) */
    XVCPU_START_PROTECTED = 2, /* flat 32-bit protected mode, paging off */
    XVCPU_START_LONG = 3,      /* 64-bit long mode with the caller's 4-level page tables */
    XVCPU_START_AARCH64 = 4    /* arm64: EL1h, DAIF masked, MMU off; `stack` is SP_EL1 and `cr3`
                                  is X0 at the first instruction (e.g. the DTB address) */
} xvcpu_start_mode;

typedef struct xvcpu_vcpu_setup_args {
    xvcpu_start_mode mode;
    uint64_t entry;               /* guest address of the first instruction */
    uint64_t stack;               /* initial RSP */
    uint64_t cr3;                 /* XVCPU_START_LONG: guest-physical address of the PML4;
                                     XVCPU_START_AARCH64: the value of X0 */
    struct xvcpu_stage2 *stage2;  /* EPT/NPT tables the guest runs on */
} xvcpu_vcpu_setup_args;

/* ==== xvcpu/api/vcpu.h ==== */
/* vCPUs, per-CPU state and the calls a VMM makes. */

typedef struct xvcpu_vcpu xvcpu_vcpu;
typedef struct xvcpu_percpu xvcpu_percpu;
typedef struct xvcpu_backend xvcpu_backend; /* how one architecture does each step (core/objects.h) */
struct xvcpu_stage2; /* the EPT/NPT builder's table, see the stage-2 section */

/* --- the vCPU state machine (axvcpu's) ---------------------------------------------------------
 *
 *   Invalid --create--> Created --setup--> Free --bind--> Ready --run--> Running --exit--> Ready
 *                                            ^             | ^ \--block--> Blocked --unblock--/
 *                                            +----unbind---+ |
 *   destroy: Created or Free --> Invalid
 *
 * A call made in the wrong state returns XVCPU_ERR_BAD_STATE, changes nothing, and leaves a text
 * such as "xvcpu_vcpu_run: vCPU 0 is Free, needs Ready" in xvcpu_vcpu_last_error(). */
typedef enum xvcpu_state {
    XVCPU_STATE_INVALID = 0,
    XVCPU_STATE_CREATED,
    XVCPU_STATE_FREE,
    XVCPU_STATE_READY,
    XVCPU_STATE_RUNNING,
    XVCPU_STATE_BLOCKED
} xvcpu_state;

XVCPU_DEF const char *xvcpu_state_name(xvcpu_state state); /* "Ready"; never NULL */

/* --- guest registers ---------------------------------------------------------------------------
 * General-purpose registers use the x86 numbering (ModRM/REX), so a decoder's register number
 * indexes them directly. */
typedef enum xvcpu_reg {
    XVCPU_REG_RAX = 0, XVCPU_REG_RCX, XVCPU_REG_RDX, XVCPU_REG_RBX,
    XVCPU_REG_RSP, XVCPU_REG_RBP, XVCPU_REG_RSI, XVCPU_REG_RDI,
    XVCPU_REG_R8, XVCPU_REG_R9, XVCPU_REG_R10, XVCPU_REG_R11,
    XVCPU_REG_R12, XVCPU_REG_R13, XVCPU_REG_R14, XVCPU_REG_R15,
    /* legacy high-byte registers (no REX prefix, register numbers 4-7 with 8-bit operands) */
    XVCPU_REG_AH = 20, XVCPU_REG_CH, XVCPU_REG_DH, XVCPU_REG_BH,
    /* registers kept by the hardware (VMCS/VMCB), reached through the backend */
    XVCPU_REG_RIP = 32, XVCPU_REG_RFLAGS, XVCPU_REG_CR0, XVCPU_REG_CR2, XVCPU_REG_CR3,
    XVCPU_REG_CR4, XVCPU_REG_EFER
} xvcpu_reg;

/* --- events the VMM asks to inject --------------------------------------------------------------*/
#define XVCPU_MAX_EXCEPTION_VECTOR 31
/* Kinds of exception-class event (the values are VMX's interruption types, SDM Vol. 3C 25.8.3). */
enum {
    XVCPU__EVENT_HARDWARE_EXCEPTION = 3,
    XVCPU__EVENT_SOFTWARE_INTERRUPT = 4,   /* INT n */
    XVCPU__EVENT_PRIVILEGED_SOFTWARE = 5,  /* INT1 (ICEBP) */
    XVCPU__EVENT_SOFTWARE_EXCEPTION = 6    /* INT3, INTO */
};

/* --- per-CPU state ------------------------------------------------------------------------------
 * One xvcpu_percpu per physical CPU, yours to place (its definition is in "objects" below). */

/* Prepare `cpu` for physical CPU `cpu_id`. Touches no hardware. `backend` NULL = detect at enable. */
XVCPU_DEF xvcpu_err xvcpu_percpu_init(xvcpu_percpu *cpu, const xvcpu_hal *hal, uint32_t cpu_id,
                                      const xvcpu_backend *backend);
/* Turn virtualization on / off on the calling CPU, which must be `cpu`'s CPU. */
XVCPU_DEF xvcpu_err xvcpu_percpu_enable(xvcpu_percpu *cpu);
XVCPU_DEF xvcpu_err xvcpu_percpu_disable(xvcpu_percpu *cpu);
XVCPU_DEF bool xvcpu_percpu_is_enabled(const xvcpu_percpu *cpu);
XVCPU_DEF xvcpu_vcpu *xvcpu_percpu_current(const xvcpu_percpu *cpu);
XVCPU_DEF const char *xvcpu_percpu_last_error(const xvcpu_percpu *cpu);

/* --- the vCPU -----------------------------------------------------------------------------------*/

/* Make `vcpu` (caller-owned memory) a new vCPU with id `id` on the backend of `cpu`, which must be
 * enabled. Invalid -> Created. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_create(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu, uint32_t id);
/* Initial guest state. Created -> Free. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args);
/* Make `cpu` (the calling CPU) run `vcpu`. Free -> Ready. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_bind(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu);
/* Release the CPU; the vCPU may then be bound elsewhere. Ready -> Free. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_unbind(xvcpu_vcpu *vcpu);
/* Run the guest until it needs the VMM; fills `exit`. Ready -> Running -> Ready.
 * Refused while a read exit (IO_READ, MMIO_READ, SYSREG_READ, string I/O) or MMIO_UNSUPPORTED
 * (complete = skip the instruction, complete_fault, or complete_retry) is not completed;
 * other exits are completed implicitly (RIP advanced past the instruction). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
/* Park a bound vCPU that has nothing to run (e.g. after HALT). Ready <-> Blocked. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_block(xvcpu_vcpu *vcpu);
XVCPU_DEF xvcpu_err xvcpu_vcpu_unblock(xvcpu_vcpu *vcpu);
/* Free everything the vCPU allocated. Created or Free -> Invalid. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_destroy(xvcpu_vcpu *vcpu);

XVCPU_DEF xvcpu_state xvcpu_vcpu_state(const xvcpu_vcpu *vcpu);
XVCPU_DEF const char *xvcpu_vcpu_last_error(const xvcpu_vcpu *vcpu);
/* Guest registers: GPRs any time after create; RIP and up through the backend (bound vCPU). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value);
XVCPU_DEF xvcpu_err xvcpu_vcpu_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value);

/* MMIO: guest accesses to [gpa, gpa+size) become MMIO_READ / MMIO_WRITE exits. The range must stay
 * unmapped in the stage-2 tables, so the guest's accesses fault. x86: the library fetches and
 * decodes the instruction; read-modify-write and string forms are emulated as a sequence of such
 * exits. AArch64: data aborts, decoded from the syndrome or (ISV=0) from the instruction.
 * Page-aligned, at most XVCPU_MMIO_MAX_REGIONS ranges, no overlaps. Remove takes the exact range. */
#define XVCPU_MMIO_MAX_REGIONS 16
typedef struct xvcpu_mmio_region {
    uint64_t gpa, size;
} xvcpu_mmio_region;
XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);
XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);

/* --- completing an exit -------------------------------------------------------------------------
 * Each call checks that the last exit is of its kind (else XVCPU_ERR_BAD_STATE naming both),
 * writes the result where the architecture puts it and advances RIP past the instruction. */

/* IN: AL/AX are merged, EAX zero-extends into RAX. */
XVCPU_DEF xvcpu_err xvcpu_complete_io_read(xvcpu_vcpu *vcpu, uint32_t value);
/* INS/OUTS: the VMM moved `done` elements (at most the exit's count). RSI/RDI step by the element
 * size in the DF direction, RCX drops by `done` under REP, and RIP advances once all are done. */
XVCPU_DEF xvcpu_err xvcpu_complete_string_io(xvcpu_vcpu *vcpu, uint64_t done);
/* MMIO load: `value` goes to the exit's register with its width and extension. */
XVCPU_DEF xvcpu_err xvcpu_complete_mmio_read(xvcpu_vcpu *vcpu, uint64_t value);
/* RDMSR: EDX:EAX = value (upper halves of RAX and RDX cleared). */
XVCPU_DEF xvcpu_err xvcpu_complete_sysreg_read(xvcpu_vcpu *vcpu, uint64_t value);
/* VMCALL/VMMCALL: RAX = result. */
XVCPU_DEF xvcpu_err xvcpu_complete_hypercall(xvcpu_vcpu *vcpu, uint64_t result);
/* Any exit that produced no value (writes, HALT, IPIs): just advance RIP. */
XVCPU_DEF xvcpu_err xvcpu_complete(xvcpu_vcpu *vcpu);
/* Close the exit without advancing RIP: the guest executes the instruction again (e.g. after the VMM
 * mapped the page of an MMIO_UNSUPPORTED access). */
XVCPU_DEF xvcpu_err xvcpu_complete_retry(xvcpu_vcpu *vcpu);
/* Instead of completing, raise exception `vector` at the instruction (e.g. #GP(0) for a refused
 * WRMSR); RIP is not advanced. */
XVCPU_DEF xvcpu_err xvcpu_complete_fault(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code);

/* --- injecting events ----------------------------------------------------------------------------
 * Queued and delivered when the guest can take them (the backend opens interrupt/NMI windows). */

/* Exception 0-31 except NMI (2) and reserved vectors. `error_code` must be 0 for vectors that
 * push none (#DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX push one). One exception at a time:
 * XVCPU_ERR_BUSY while one is pending. */
XVCPU_DEF xvcpu_err xvcpu_inject_exception(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code);
XVCPU_DEF xvcpu_err xvcpu_inject_nmi(xvcpu_vcpu *vcpu);
/* External interrupt 32-255; pending vectors are delivered highest first, each once. */
XVCPU_DEF xvcpu_err xvcpu_inject_interrupt(xvcpu_vcpu *vcpu, uint8_t vector);
/* As if the guest executed a software interrupt of `insn_len` bytes (1-15) at its current RIP:
 * INT n (CD ib, usually 2 bytes), or with insn_len 1: INT3 (vector 3), INTO (4), INT1 (1). The
 * return address pushed is RIP + insn_len and the gate's DPL is checked against CPL, as for the
 * instruction. Shares the one exception slot (XVCPU_ERR_BUSY while an exception is pending). */
XVCPU_DEF xvcpu_err xvcpu_inject_software_interrupt(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t insn_len);

/* x86 facts the neutral layer needs (SDM Vol. 3A Table 6-1, AMD APM Vol. 2 8.2). */
XVCPU_DEF bool xvcpu_x86_exception_valid(uint8_t vector);
XVCPU_DEF bool xvcpu_x86_exception_has_error_code(uint8_t vector);

/* ==== xvcpu/api/stage2.h ==== */
/* --- stage-2 translation: the EPT / NPT builder ---------------------------------------------------
 *
 * Guest-physical -> host-physical tables with 4-level walks, 48-bit guest-physical space:
 *   XVCPU_STAGE2_EPT  Intel EPT (SDM Vol. 3C 29.3).
 *   XVCPU_STAGE2_NPT  AMD nested paging: ordinary long-mode tables (APM Vol. 2 15.25). Every entry
 *                     has U/S set (nested walks are user accesses); no-execute is XD (bit 63).
 *   XVCPU_STAGE2_ARM64  VMSAv8-64 stage 2 (Arm ARM D8.3), 4 KiB granule, walks from level 0 (the
 *                     backend sets VTCR_EL2 to match), 2 MiB and 1 GiB blocks; leaves have the
 *                     access flag set; `memtype` is the stage-2 MemAttr (XVCPU_S2_MEMATTR_NORMAL_WB,
 *                     XVCPU_S2_MEMATTR_DEVICE_NGNRE ...); execute-never where EXEC is not given.
 * Permissions are XVCPU_ACCESS_READ | _WRITE | _EXEC. Write without read is refused; execute-only
 * is EPT only and allowed only when `execute_only` is set (the CPU supports it).
 * Memory types are the x86 values (XVCPU_X86_MEMORY_TYPE_*). EPT takes UC, WC, WT, WP and WB in the
 * leaf's memory-type field (guest PAT still combines: ignore-PAT is left clear). NPT encodes the
 * type through PWT/PCD and so relies on the power-on PAT layout in the host's IA32_PAT: WB = PAT
 * entry 0 (no bits), WT = entry 1 (PWT), UC = entry 3 (PCD|PWT); WC and WP would need a
 * reprogrammed PAT and are refused.
 * The library never sets accessed/dirty flags; the CPU does. Nothing here flushes TLBs: when a
 * mapping is removed or loses a permission, `generation` changes and the backend flushes
 * (INVEPT / VMCB TLB control) before the next entry. */

typedef enum xvcpu_stage2_format {
    XVCPU_STAGE2_EPT = 1, XVCPU_STAGE2_NPT = 2, XVCPU_STAGE2_ARM64 = 3
} xvcpu_stage2_format;

/* The last ranges that lost a mapping or a permission, by generation (lost[generation % N]), so a
 * backend can invalidate by address (arm64: TLBI IPAS2E1IS) when it is few generations behind. */
#define XVCPU_STAGE2_LOST_LOG 8

/* Page sizes, as a mask. */
#define XVCPU_PAGE_4K (1u << 0)
#define XVCPU_PAGE_2M (1u << 1)
#define XVCPU_PAGE_1G (1u << 2)

typedef struct xvcpu_stage2 {
    uint32_t magic;           /* XVCPU__STAGE2_MAGIC once initialised */
    xvcpu_stage2_format format;
    const xvcpu_hal *hal;
    void *root;               /* the PML4 (EPT: PML4 table) */
    uint64_t root_phys;
    uint32_t page_sizes;      /* which page sizes the CPU supports (4K always) */
    bool accessed_dirty;      /* EPT A/D flags enabled (only if the CPU supports them) */
    bool execute_only;        /* EPT execute-only mappings allowed: set by xvcpu_stage2_init_for_cpu
                                 from IA32_VMX_EPT_VPID_CAP bit 0 (false after xvcpu_stage2_init) */
    uint64_t generation;      /* bumped whenever a mapping is removed or loses permissions */
    struct { uint64_t gpa, size; } lost[XVCPU_STAGE2_LOST_LOG];
    size_t table_pages;       /* page-table pages currently allocated, root included */
    char error[XVCPU_ERROR_TEXT_SIZE];
} xvcpu_stage2;

/* Empty tables in `format`. `page_sizes` must include XVCPU_PAGE_4K; `accessed_dirty` only
 * matters for EPT (it sets the EPTP bit). Allocates the root table; undo with destroy. */
XVCPU_DEF xvcpu_err xvcpu_stage2_init(xvcpu_stage2 *s2, const xvcpu_hal *hal, xvcpu_stage2_format format,
                                      uint32_t page_sizes, bool accessed_dirty);
/* Map [gpa, gpa+size) to [hpa, hpa+size), using the largest pages alignment, size and page_sizes
 * allow. All 4 KiB aligned, size > 0, gpa range below 2^48, hpa range below 2^52. Refused with
 * XVCPU_ERR_ALREADY_MAPPED if any part is mapped; all or nothing (also on XVCPU_ERR_NO_MEMORY). */
XVCPU_DEF xvcpu_err xvcpu_stage2_map(xvcpu_stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t perms,
                                     uint8_t memtype);
/* Remove [gpa, gpa+size), which must be entirely mapped (else XVCPU_ERR_NOT_MAPPED). Large pages
 * that straddle an end are split first; tables left empty are freed. All or nothing. */
XVCPU_DEF xvcpu_err xvcpu_stage2_unmap(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size);
/* Give [gpa, gpa+size), entirely mapped, the permissions `perms` (splitting like unmap). */
XVCPU_DEF xvcpu_err xvcpu_stage2_protect(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size, uint32_t perms);
/* Look up one guest-physical address: host address (with the page offset), permissions and the
 * size of the page holding it. Any output may be NULL. XVCPU_ERR_NOT_MAPPED when unmapped. */
XVCPU_DEF xvcpu_err xvcpu_stage2_translate(const xvcpu_stage2 *s2, uint64_t gpa, uint64_t *hpa, uint32_t *perms,
                                           uint64_t *page_size);
/* Free every table, the root included. */
XVCPU_DEF void xvcpu_stage2_destroy(xvcpu_stage2 *s2);
/* EPT: the EPT pointer (write-back walks, 4 levels, A/D enable when asked). NPT: nCR3, the root's
 * physical address. */
XVCPU_DEF uint64_t xvcpu_stage2_eptp(const xvcpu_stage2 *s2);
XVCPU_DEF const char *xvcpu_stage2_last_error(const xvcpu_stage2 *s2);

/* ==== xvcpu/api/x86.h ==== */
/* x86 calls beyond the neutral API: CPUID overrides, I/O and MSR intercepts. */

#define XVCPU_CPUID_MAX_ENTRIES 64
#define XVCPU_CPUID_SUBLEAF 1u /* the entry applies to one subleaf only */

typedef struct xvcpu_cpuid_entry {
    uint32_t leaf, subleaf, flags;
    uint32_t eax, ebx, ecx, edx;
} xvcpu_cpuid_entry;

/* The hypervisor leaves' signature, CPUID 0x40000000 EBX:ECX:EDX. */
#define XVCPU_CPUID_SIGNATURE "xvcpuxvcpuxv"

/* The built-in VMX backend (selected by xvcpu_percpu_enable() on Intel CPUs with VMX). */
XVCPU_DEF const xvcpu_backend *xvcpu_vmx_backend(void);

/* Replace (or add) the CPUID answer for `leaf` (and `subleaf`, when XVCPU_CPUID_SUBLEAF is in
 * flags). Call after setup; the table has XVCPU_CPUID_MAX_ENTRIES slots. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_set_cpuid(xvcpu_vcpu *vcpu, const xvcpu_cpuid_entry *entry);

/* Port I/O: by default every port exits to the VMM. Pass ports [port, port+count) through to the
 * hardware, or intercept them again. Ports beyond 0xFFFF are an error. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_io_passthrough(xvcpu_vcpu *vcpu, uint32_t port, uint32_t count, bool pass);

/* MSRs: by default every access exits; the library handles the MSRs it virtualizes and raises
 * #GP for the rest. `access` (XVCPU_ACCESS_READ/WRITE) selects reads, writes or both:
 *   xvcpu_vcpu_msr_to_vmm   the access becomes a SYSREG_READ / SYSREG_WRITE exit
 *   xvcpu_vcpu_msr_passthrough  the guest touches the real MSR (the host then must not rely on it)
 * MSRs outside 0-0x1FFF and 0xC0000000-0xC0001FFF cannot be configured (they always exit). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_to_vmm(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool to_vmm);
XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_passthrough(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool pass);


/* Prepare `s2` for guests of `cpu` (enabled): the stage-2 format, page sizes and accessed/dirty
 * support this CPU offers (VMX: IA32_VMX_EPT_VPID_CAP). */
XVCPU_DEF xvcpu_err xvcpu_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu);

/* How many exits of each raw reason this vCPU has seen (VMX basic reasons; SVM EXITCODEs below
 * 0xF0 and 0x400-0x40F), counted whether the library handled them or the VMM did; 0 for others. */
XVCPU_DEF uint32_t xvcpu_vcpu_exit_count(const xvcpu_vcpu *vcpu, uint32_t raw_reason);

/* The AMD SVM backend (selected by xvcpu_percpu_enable() on CPUs with CPUID Fn8000_0001
 * ECX.SVM). It needs nested paging (xvcpu_stage2_init_for_cpu() gives the NPT format) and serves
 * the same calls and exits as the VMX backend; the differences a VMM can see:
 *   - raw_reason / fail_entry.hw_reason are SVM EXITCODEs (xvcpu_svm_exit_name() names them);
 *     xvcpu_vcpu_exit_count() takes them too (NPF is 0x400).
 *   - EXTERNAL_INTERRUPT: the interrupt stays pending in the host (SVM does not acknowledge it) and
 *     is taken by the host when it enables interrupts; its vector is reported as 0 (2 for an NMI).
 *     With V_INTR_MASKING the host's RFLAGS.IF at xvcpu_vcpu_run() decides whether a host
 *     interrupt ends the guest's run (APM Vol. 2 15.21.1).
 *   - NESTED_PAGE_FAULT never has a linear address (SVM reports only the guest-physical one).
 * xvcpu_percpu_enable() also sets EFER.NXE when the host runs without it (nested page walks use
 * the host's NXE, APM Vol. 2 15.25.5); xvcpu_percpu_disable() clears it again.
 * Host contract while a vCPU is bound (as for VMX): the host's FS/GS bases, TR, LDTR, SYSCALL and
 * SYSENTER MSRs and KERNEL_GS_BASE are captured at bind (VMSAVE) and put back after every exit
 * (VMLOAD): the host must not change them until unbind. */
XVCPU_DEF const xvcpu_backend *xvcpu_svm_backend(void);

/* ==== xvcpu/arm64/arm64_api.h ==== */
/* The AArch64 EL2 backend (chosen by xvcpu_percpu_enable() on aarch64; the host runs at EL2 with
 * HCR_EL2.E2H = 0). Stage 2 is xvcpu_stage2 in the XVCPU_STAGE2_ARM64 format
 * (xvcpu_arm64_stage2_init() sizes it for the CPU); a vCPU starts with XVCPU_START_AARCH64.
 * Host contract: VBAR_EL2 holds the library's vectors only inside xvcpu_vcpu_run() (the host's
 * own otherwise); between bind and unbind the EL1 registers and FP/SIMD V0-V31 are the guest's
 * (a host built with -mgeneral-regs-only does not notice); HCR_EL2.E2H must be 0.
 *
 * What the exits mean on arm64:
 *   HYPERCALL     HVC #imm that is not PSCI: nr = X0, args = X1-X6; complete_hypercall sets X0.
 *                 raw_qualification is ESR_EL2 (imm16 in its low bits).
 *   MMIO_READ/WRITE  a data abort in an MMIO region (xvcpu_vcpu_add_mmio_region): reg is the
 *                 register number Xn (31 = XZR: a read into it is discarded, a write stores 0),
 *                 reg_width 4 or 8 (W or X), signed_ext; with ISV = 0 the library decodes the
 *                 load/store itself (LDR/STR/LDP/STP and friends, see docs/ARM64.md); each access
 *                 of a pair is its own exit. Completion advances PC by 4.
 *   MMIO_UNSUPPORTED  an access the library cannot do (SIMD registers, exclusives, atomics, FAR not
 *                 valid ...): bytes hold the instruction word (fetched = 4) when it could be read.
 *   NESTED_PAGE_FAULT  a stage-2 fault outside MMIO regions; with S1PTW it is the guest's own table
 *                 walk that faulted (addr is that table's IPA, access READ), never the instruction.
 *   SYSREG_READ/WRITE  a trapped MRS/MSR: addr is XVCPU_SYSREG_ENC(op0, op1, CRn, CRm, op2), reg Xt.
 *                 ID registers (TID3) and the MMU registers HCR_EL2.TVM traps never exit.
 *   SEND_IPI      an ICC_SGI1R_EL1 write: target_cpu = affinity Aff3.Aff2.Aff1 (MPIDR layout, Aff0 0),
 *                 target_cpu_aux = the 16-bit target list shifted by RS*16, vector = INTID,
 *                 send_to_all = IRM.
 *   HALT          WFI (PC moves past it when the exit is completed).
 *   CPU_UP        PSCI CPU_ON: target_cpu = MPIDR, entry_point, arg = context id; X0 is already
 *                 SUCCESS (set another PSCI result with xvcpu_arm64_set_reg before completing).
 *   CPU_DOWN      PSCI CPU_OFF.   SYSTEM_DOWN: PSCI SYSTEM_OFF or SYSTEM_RESET (raw_qualification
 *                 is the function id); the vCPU runs no more. PSCI through SMC is handled the same
 *                 way and never reaches the firmware.
 *   EXTERNAL_INTERRUPT  a physical IRQ/FIQ arrived while the guest ran (vector 0 IRQ, 1 FIQ); it stays
 *                 pending at the interrupt controller for the host.
 *   UNHANDLED     any other exception class: the guest already received an undefined-instruction
 *                 exception at EL1; raw_reason is the EC (named by raw_reason_name).
 * xvcpu_complete_fault(vcpu, ec, iss) injects a synchronous exception of class `ec` with syndrome
 * `iss` at the instruction instead (e.g. XVCPU_ARM64_EC_DABT_CUR with an external-abort DFSC).
 * raw_reason is the EC (or XVCPU_ARM64_REASON_*), raw_qualification ESR_EL2, raw_info2 the IPA. */
XVCPU_DEF const xvcpu_backend *xvcpu_arm64_backend(void);

/* Register numbers for xvcpu_arm64_get_reg/set_reg: X0-X30 are 0-30. */
enum {
    XVCPU_ARM64_X0 = 0, XVCPU_ARM64_X30 = 30,
    XVCPU_ARM64_PC = 32,      /* ELR_EL2: the next instruction the guest runs */
    XVCPU_ARM64_PSTATE,       /* SPSR_EL2 */
    XVCPU_ARM64_SP_EL0, XVCPU_ARM64_SP_EL1, XVCPU_ARM64_ELR_EL1, XVCPU_ARM64_SPSR_EL1,
    XVCPU_ARM64_ESR_EL1, XVCPU_ARM64_FAR_EL1, XVCPU_ARM64_VBAR_EL1, XVCPU_ARM64_SCTLR_EL1,
    XVCPU_ARM64_TCR_EL1, XVCPU_ARM64_TTBR0_EL1, XVCPU_ARM64_MAIR_EL1
};
/* Any time after create; not while Running. */
XVCPU_DEF xvcpu_err xvcpu_arm64_get_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t *value);
XVCPU_DEF xvcpu_err xvcpu_arm64_set_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value);

/* The virtual interrupt lines (HCR_EL2.VI / VF; no virtual GIC): level-triggered, they stay
 * asserted until the VMM lowers them. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_irq_line(xvcpu_vcpu *vcpu, bool asserted);
XVCPU_DEF xvcpu_err xvcpu_arm64_set_fiq_line(xvcpu_vcpu *vcpu, bool asserted);
/* Deliver a synchronous exception to the guest's EL1 at its current PC before it runs again:
 * ESR_EL1 = esr, FAR_EL1 = far, ELR_EL1/SPSR_EL1 = PC/PSTATE, PC = VBAR_EL1 + the vector for the
 * mode it was in, PSTATE = EL1h with D, A, I, F masked. XVCPU_ERR_BUSY while one is pending. */
XVCPU_DEF xvcpu_err xvcpu_arm64_inject_sync(xvcpu_vcpu *vcpu, uint32_t esr, uint64_t far);
XVCPU_DEF xvcpu_err xvcpu_arm64_inject_undef(xvcpu_vcpu *vcpu);
/* The ID registers the guest reads (HCR_EL2.TID3 traps them): `sysreg` one of op0 3, op1 0,
 * CRn 0, CRm 1-7 (XVCPU_SYSREG_ID_AA64PFR0_EL1 ...). Filled from this CPU at create. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_id_reg(xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t value);
XVCPU_DEF xvcpu_err xvcpu_arm64_get_id_reg(const xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t *value);
/* The guest's view of the timer, before bind: CNTVOFF_EL2, and whether EL1 may use the physical
 * counter and timer (CNTHCTL_EL2.EL1PCTEN/EL1PCEN; default: counter yes, timer no). */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_timer(xvcpu_vcpu *vcpu, uint64_t cntvoff, bool physical_counter,
                                          bool physical_timer);
/* What the guest reads as MPIDR_EL1 (default: Aff0 = vCPU id, bit 31 set). Before bind. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_mpidr(xvcpu_vcpu *vcpu, uint64_t mpidr);
/* Stage-2 tables sized for this CPU (4 KiB granule, start level 0, 2 MiB and 1 GiB blocks);
 * the backend programs VTCR_EL2 for the same IPA size (at most 48 bits). */
XVCPU_DEF xvcpu_err xvcpu_arm64_stage2_init(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu);

/* ==== xvcpu/x86/access.h ==== */
/* The access layer: every privileged instruction the library executes goes through one of these
 * macros. The defaults are the real instructions; define any of them before including xvcpu.h to
 * substitute a software machine (the host tests do) or a counting wrapper (the benchmarks do).
 *
 *   int      XVCPU_VMREAD(enc, uint64_t *out)   int XVCPU_VMWRITE(enc, uint64_t value)
 *   int      XVCPU_VMXON(pa)  XVCPU_VMXOFF()  XVCPU_VMPTRLD(pa)  XVCPU_VMCLEAR(pa)
 *   int      XVCPU_INVEPT(type, eptp)            XVCPU_INVVPID(type, vpid, linear_addr)
 *   uint64_t XVCPU_RDMSR(msr)                    void XVCPU_WRMSR(msr, value)
 *   void     XVCPU_CPUID(leaf, subleaf, uint32_t out[4])    (EAX, EBX, ECX, EDX)
 *   uint64_t XVCPU_READ_CR0() XVCPU_READ_CR2() XVCPU_READ_CR3() XVCPU_READ_CR4() XVCPU_XGETBV(index)
 *   void     XVCPU_WRITE_CR0(v) XVCPU_WRITE_CR2(v) XVCPU_WRITE_CR4(v) XVCPU_XSETBV(index, value)
 *   void     XVCPU_VMLOAD(pa) XVCPU_VMSAVE(pa) XVCPU_CLGI() XVCPU_STGI() XVCPU_INVLPGA(va, asid)
 *   uint32_t XVCPU_RDPKRU()   (needs CR4.PKE)
 *
 * The VMX instructions return a status read from RFLAGS in the same asm statement: */
#define XVCPU_VMX_OK 0           /* VMsucceed */
#define XVCPU_VMX_FAIL_INVALID 1 /* VMfailInvalid: CF=1, no current VMCS to hold an error number */
#define XVCPU_VMX_FAIL_VALID 2   /* VMfailValid: ZF=1, see the VM_INSTRUCTION_ERROR field */

#if defined(__x86_64__)

/* Asm text both entry trampolines share (vmx/entry.c.h, svm/entry.c.h): the C caller's
 * callee-saved registers, and the guest GPRs but RAX, RSP and RDI to and from the array in RDI
 * (x86 numbering, 8 bytes each). RDI goes last on the way in; on the way out the guest's RDI is
 * pushed first and the array's address found again one slot above it. */
#define XVCPU__ASM_PUSH_CALLEE_SAVED \
    "    push %rbp\n    push %rbx\n    push %r12\n    push %r13\n    push %r14\n    push %r15\n"
#define XVCPU__ASM_POP_CALLEE_SAVED \
    "    pop %r15\n    pop %r14\n    pop %r13\n    pop %r12\n    pop %rbx\n    pop %rbp\n"
#define XVCPU__ASM_LOAD_GUEST_GPRS                                                              \
    "    mov 0x08(%rdi), %rcx\n    mov 0x10(%rdi), %rdx\n    mov 0x18(%rdi), %rbx\n"            \
    "    mov 0x28(%rdi), %rbp\n    mov 0x30(%rdi), %rsi\n    mov 0x40(%rdi), %r8\n"             \
    "    mov 0x48(%rdi), %r9\n    mov 0x50(%rdi), %r10\n    mov 0x58(%rdi), %r11\n"             \
    "    mov 0x60(%rdi), %r12\n    mov 0x68(%rdi), %r13\n    mov 0x70(%rdi), %r14\n"            \
    "    mov 0x78(%rdi), %r15\n    mov 0x38(%rdi), %rdi\n"
#define XVCPU__ASM_GUEST_RDI_ASIDE "    push %rdi\n    mov 8(%rsp), %rdi\n"
#define XVCPU__ASM_STORE_GUEST_GPRS                                                             \
    "    mov %rcx, 0x08(%rdi)\n    mov %rdx, 0x10(%rdi)\n    mov %rbx, 0x18(%rdi)\n"            \
    "    mov %rbp, 0x28(%rdi)\n    mov %rsi, 0x30(%rdi)\n    popq 0x38(%rdi)\n"                 \
    "    mov %r8, 0x40(%rdi)\n    mov %r9, 0x48(%rdi)\n    mov %r10, 0x50(%rdi)\n"              \
    "    mov %r11, 0x58(%rdi)\n    mov %r12, 0x60(%rdi)\n    mov %r13, 0x68(%rdi)\n"            \
    "    mov %r14, 0x70(%rdi)\n    mov %r15, 0x78(%rdi)\n"

/* CF=1 -> VMfailInvalid, ZF=1 -> VMfailValid (SDM Vol. 3C 31.2, "Conventions"). */
#define XVCPU__VMX_STATUS(cf, zf) ((cf) ? XVCPU_VMX_FAIL_INVALID : (zf) ? XVCPU_VMX_FAIL_VALID : XVCPU_VMX_OK)

static inline int xvcpu__insn_vmread(uint64_t enc, uint64_t *out)
{
    bool cf, zf;
    uint64_t v;
    __asm__ volatile("vmread %[enc], %[v]"
                     : [v] "=r"(v), "=@ccc"(cf), "=@ccz"(zf)
                     : [enc] "r"(enc)
                     : "cc");
    *out = v;
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline int xvcpu__insn_vmwrite(uint64_t enc, uint64_t value)
{
    bool cf, zf;
    __asm__ volatile("vmwrite %[v], %[enc]"
                     : "=@ccc"(cf), "=@ccz"(zf)
                     : [enc] "r"(enc), [v] "rm"(value)
                     : "cc");
    return XVCPU__VMX_STATUS(cf, zf);
}

/* VMXON, VMPTRLD and VMCLEAR take the region's physical address from memory. */
#define XVCPU__VMX_PA_INSN(fn, insn)                                            \
    static inline int fn(uint64_t pa)                                           \
    {                                                                           \
        bool cf, zf;                                                            \
        __asm__ volatile(insn " %[pa]"                                          \
                         : "=@ccc"(cf), "=@ccz"(zf)                             \
                         : [pa] "m"(pa)                                         \
                         : "cc", "memory");                                     \
        return XVCPU__VMX_STATUS(cf, zf);                                       \
    }
XVCPU__VMX_PA_INSN(xvcpu__insn_vmxon, "vmxon")
XVCPU__VMX_PA_INSN(xvcpu__insn_vmptrld, "vmptrld")
XVCPU__VMX_PA_INSN(xvcpu__insn_vmclear, "vmclear")

static inline int xvcpu__insn_vmxoff(void)
{
    bool cf, zf;
    __asm__ volatile("vmxoff" : "=@ccc"(cf), "=@ccz"(zf) : : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline int xvcpu__insn_invept(uint64_t type, uint64_t eptp)
{
    struct { uint64_t eptp, zero; } desc = { eptp, 0 };
    bool cf, zf;
    __asm__ volatile("invept %[desc], %[type]"
                     : "=@ccc"(cf), "=@ccz"(zf)
                     : [desc] "m"(desc), [type] "r"(type)
                     : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline int xvcpu__insn_invvpid(uint64_t type, uint16_t vpid, uint64_t linear_addr)
{
    struct { uint64_t vpid, addr; } desc = { vpid, linear_addr };
    bool cf, zf;
    __asm__ volatile("invvpid %[desc], %[type]"
                     : "=@ccc"(cf), "=@ccz"(zf)
                     : [desc] "m"(desc), [type] "r"(type)
                     : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline uint64_t xvcpu__insn_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void xvcpu__insn_wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

static inline void xvcpu__insn_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    __asm__ volatile("cpuid" : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3]) : "a"(leaf), "c"(subleaf));
}

#define XVCPU__READ_CR(n)                                                       \
    static inline uint64_t xvcpu__insn_read_cr##n(void)                         \
    {                                                                           \
        uint64_t v;                                                             \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                       \
        return v;                                                               \
    }
XVCPU__READ_CR(0)
XVCPU__READ_CR(3)
XVCPU__READ_CR(4)

static inline void xvcpu__insn_write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void xvcpu__insn_write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline uint64_t xvcpu__insn_read_cr2(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}
static inline void xvcpu__insn_write_cr2(uint64_t v) { __asm__ volatile("mov %0, %%cr2" : : "r"(v) : "memory"); }

static inline uint32_t xvcpu__insn_rdpkru(void)
{
    uint32_t eax, edx;
    __asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(eax), "=d"(edx) : "c"(0)); /* rdpkru */
    return eax;
}

static inline uint64_t xvcpu__insn_xgetbv(uint32_t index)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
    return ((uint64_t)hi << 32) | lo;
}

static inline void xvcpu__insn_xsetbv(uint32_t index, uint64_t value)
{
    __asm__ volatile("xsetbv" : : "c"(index), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

/* SVM: VMLOAD/VMSAVE take the VMCB's physical address in RAX (APM Vol. 2 15.5.2). */
static inline void xvcpu__insn_vmload(uint64_t pa) { __asm__ volatile("vmload %%rax" : : "a"(pa) : "memory"); }
static inline void xvcpu__insn_vmsave(uint64_t pa) { __asm__ volatile("vmsave %%rax" : : "a"(pa) : "memory"); }
static inline void xvcpu__insn_clgi(void) { __asm__ volatile("clgi" : : : "memory"); }
static inline void xvcpu__insn_stgi(void) { __asm__ volatile("stgi" : : : "memory"); }
static inline void xvcpu__insn_invlpga(uint64_t va, uint32_t asid)
{
    __asm__ volatile("invlpga %%rax, %%ecx" : : "a"(va), "c"(asid) : "memory");
}

/* Extended state (SDM Vol. 1 13.7-13.8): XSAVE/XRSTOR of the components in `mask`, or
 * FXSAVE/FXRSTOR of the x87/SSE state where the host has no XSAVE enabled. */
static inline void xvcpu__insn_xsave(void *area, uint64_t mask)
{
    __asm__ volatile("xsave64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)) : "memory");
}
static inline void xvcpu__insn_xrstor(const void *area, uint64_t mask)
{
    __asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)) : "memory");
}
static inline void xvcpu__insn_fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void xvcpu__insn_fxrstor(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }

#ifndef XVCPU_XSAVE
#define XVCPU_XSAVE(area, mask) xvcpu__insn_xsave((area), (mask))
#endif
#ifndef XVCPU_XRSTOR
#define XVCPU_XRSTOR(area, mask) xvcpu__insn_xrstor((area), (mask))
#endif
#ifndef XVCPU_FXSAVE
#define XVCPU_FXSAVE(area) xvcpu__insn_fxsave(area)
#endif
#ifndef XVCPU_FXRSTOR
#define XVCPU_FXRSTOR(area) xvcpu__insn_fxrstor(area)
#endif

#ifndef XVCPU_VMREAD
#define XVCPU_VMREAD(enc, out) xvcpu__insn_vmread((enc), (out))
#endif
#ifndef XVCPU_VMWRITE
#define XVCPU_VMWRITE(enc, value) xvcpu__insn_vmwrite((enc), (value))
#endif
#ifndef XVCPU_VMXON
#define XVCPU_VMXON(pa) xvcpu__insn_vmxon(pa)
#endif
#ifndef XVCPU_VMXOFF
#define XVCPU_VMXOFF() xvcpu__insn_vmxoff()
#endif
#ifndef XVCPU_VMPTRLD
#define XVCPU_VMPTRLD(pa) xvcpu__insn_vmptrld(pa)
#endif
#ifndef XVCPU_VMCLEAR
#define XVCPU_VMCLEAR(pa) xvcpu__insn_vmclear(pa)
#endif
#ifndef XVCPU_INVEPT
#define XVCPU_INVEPT(type, eptp) xvcpu__insn_invept((type), (eptp))
#endif
#ifndef XVCPU_INVVPID
#define XVCPU_INVVPID(type, vpid, la) xvcpu__insn_invvpid((type), (vpid), (la))
#endif
#ifndef XVCPU_RDMSR
#define XVCPU_RDMSR(msr) xvcpu__insn_rdmsr(msr)
#endif
#ifndef XVCPU_WRMSR
#define XVCPU_WRMSR(msr, value) xvcpu__insn_wrmsr((msr), (value))
#endif
#ifndef XVCPU_CPUID
#define XVCPU_CPUID(leaf, subleaf, out) xvcpu__insn_cpuid((leaf), (subleaf), (out))
#endif
#ifndef XVCPU_READ_CR0
#define XVCPU_READ_CR0() xvcpu__insn_read_cr0()
#endif
#ifndef XVCPU_READ_CR2
#define XVCPU_READ_CR2() xvcpu__insn_read_cr2()
#endif
#ifndef XVCPU_WRITE_CR2
#define XVCPU_WRITE_CR2(v) xvcpu__insn_write_cr2(v)
#endif
#ifndef XVCPU_READ_CR3
#define XVCPU_READ_CR3() xvcpu__insn_read_cr3()
#endif
#ifndef XVCPU_READ_CR4
#define XVCPU_READ_CR4() xvcpu__insn_read_cr4()
#endif
#ifndef XVCPU_WRITE_CR0
#define XVCPU_WRITE_CR0(v) xvcpu__insn_write_cr0(v)
#endif
#ifndef XVCPU_WRITE_CR4
#define XVCPU_WRITE_CR4(v) xvcpu__insn_write_cr4(v)
#endif
#ifndef XVCPU_RDPKRU
#define XVCPU_RDPKRU() xvcpu__insn_rdpkru()
#endif
#ifndef XVCPU_XGETBV
#define XVCPU_XGETBV(index) xvcpu__insn_xgetbv(index)
#endif
#ifndef XVCPU_XSETBV
#define XVCPU_XSETBV(index, value) xvcpu__insn_xsetbv((index), (value))
#endif
#ifndef XVCPU_VMLOAD
#define XVCPU_VMLOAD(pa) xvcpu__insn_vmload(pa)
#endif
#ifndef XVCPU_VMSAVE
#define XVCPU_VMSAVE(pa) xvcpu__insn_vmsave(pa)
#endif
#ifndef XVCPU_CLGI
#define XVCPU_CLGI() xvcpu__insn_clgi()
#endif
#ifndef XVCPU_STGI
#define XVCPU_STGI() xvcpu__insn_stgi()
#endif
#ifndef XVCPU_INVLPGA
#define XVCPU_INVLPGA(va, asid) xvcpu__insn_invlpga((va), (asid))
#endif

#endif /* __x86_64__ */

#if defined(__x86_64__)
/* Host descriptor-table state, for the VMCS host area. */
typedef struct xvcpu_dtr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed)) xvcpu_dtr;

static inline void xvcpu__insn_sgdt(xvcpu_dtr *d) { __asm__ volatile("sgdt %0" : "=m"(*d)); }
static inline void xvcpu__insn_sidt(xvcpu_dtr *d) { __asm__ volatile("sidt %0" : "=m"(*d)); }
#define XVCPU__READ_SEG(name, seg)                                              \
    static inline uint16_t xvcpu__insn_read_##name(void)                        \
    {                                                                           \
        uint16_t v;                                                             \
        __asm__ volatile("mov %%" seg ", %0" : "=r"(v));                       \
        return v;                                                               \
    }
XVCPU__READ_SEG(cs, "cs")
XVCPU__READ_SEG(ss, "ss")
XVCPU__READ_SEG(ds, "ds")
XVCPU__READ_SEG(es, "es")
XVCPU__READ_SEG(fs, "fs")
XVCPU__READ_SEG(gs, "gs")
static inline uint16_t xvcpu__insn_str(void)
{
    uint16_t v;
    __asm__ volatile("str %0" : "=r"(v));
    return v;
}

/* Host state reads: XVCPU_SGDT(&dtr) XVCPU_SIDT(&dtr) XVCPU_READ_SEL(cs|ss|ds|es|fs|gs|tr) */
#ifndef XVCPU_SGDT
#define XVCPU_SGDT(d) xvcpu__insn_sgdt(d)
#endif
#ifndef XVCPU_SIDT
#define XVCPU_SIDT(d) xvcpu__insn_sidt(d)
#endif
#ifndef XVCPU_READ_SEL
#define XVCPU_READ_SEL(seg) xvcpu__read_sel_##seg()
#define xvcpu__read_sel_cs() xvcpu__insn_read_cs()
#define xvcpu__read_sel_ss() xvcpu__insn_read_ss()
#define xvcpu__read_sel_ds() xvcpu__insn_read_ds()
#define xvcpu__read_sel_es() xvcpu__insn_read_es()
#define xvcpu__read_sel_fs() xvcpu__insn_read_fs()
#define xvcpu__read_sel_gs() xvcpu__insn_read_gs()
#define xvcpu__read_sel_tr() xvcpu__insn_str()
#endif
#endif /* __x86_64__ */

/* ==== xvcpu/x86/inert.h ==== */
/* On a CPU that is not x86-64 the x86 instructions do not exist: their access macros default to
 * inert stand-ins (CPUID reads zeros, so xvcpu_percpu_enable() never picks VMX or SVM; the VMX
 * and SVM instructions fail), so the whole header still compiles there. A test that models x86
 * defines its own macros first, as on x86. */
#if !defined(__x86_64__)

typedef struct xvcpu_dtr {
    uint16_t limit;
    uint64_t base;
} xvcpu_dtr;

static inline int xvcpu__inert_vmread(uint64_t *out)
{
    *out = 0;
    return XVCPU_VMX_FAIL_INVALID;
}
static inline void xvcpu__inert_cpuid(uint32_t out[4])
{
    out[0] = out[1] = out[2] = out[3] = 0;
}
static inline void xvcpu__inert_dtr(xvcpu_dtr *d)
{
    d->limit = 0;
    d->base = 0;
}

#ifndef XVCPU_VMREAD
#define XVCPU_VMREAD(enc, out) ((void)(enc), xvcpu__inert_vmread(out))
#endif
#ifndef XVCPU_VMWRITE
#define XVCPU_VMWRITE(enc, value) ((void)(enc), (void)(value), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMXON
#define XVCPU_VMXON(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMXOFF
#define XVCPU_VMXOFF() XVCPU_VMX_FAIL_INVALID
#endif
#ifndef XVCPU_VMPTRLD
#define XVCPU_VMPTRLD(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMCLEAR
#define XVCPU_VMCLEAR(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_INVEPT
#define XVCPU_INVEPT(type, eptp) ((void)(type), (void)(eptp), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_INVVPID
#define XVCPU_INVVPID(type, vpid, la) ((void)(type), (void)(vpid), (void)(la), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_RDMSR
#define XVCPU_RDMSR(msr) ((void)(msr), (uint64_t)0)
#endif
#ifndef XVCPU_WRMSR
#define XVCPU_WRMSR(msr, value) ((void)(msr), (void)(value))
#endif
#ifndef XVCPU_CPUID
#define XVCPU_CPUID(leaf, subleaf, out) ((void)(leaf), (void)(subleaf), xvcpu__inert_cpuid(out))
#endif
#ifndef XVCPU_READ_CR0
#define XVCPU_READ_CR0() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR2
#define XVCPU_READ_CR2() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR3
#define XVCPU_READ_CR3() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR4
#define XVCPU_READ_CR4() ((uint64_t)0)
#endif
#ifndef XVCPU_WRITE_CR0
#define XVCPU_WRITE_CR0(v) ((void)(v))
#endif
#ifndef XVCPU_WRITE_CR2
#define XVCPU_WRITE_CR2(v) ((void)(v))
#endif
#ifndef XVCPU_WRITE_CR4
#define XVCPU_WRITE_CR4(v) ((void)(v))
#endif
#ifndef XVCPU_XGETBV
#define XVCPU_XGETBV(index) ((void)(index), (uint64_t)0)
#endif
#ifndef XVCPU_XSETBV
#define XVCPU_XSETBV(index, value) ((void)(index), (void)(value))
#endif
#ifndef XVCPU_XSAVE
#define XVCPU_XSAVE(area, mask) ((void)(area), (void)(mask))
#endif
#ifndef XVCPU_XRSTOR
#define XVCPU_XRSTOR(area, mask) ((void)(area), (void)(mask))
#endif
#ifndef XVCPU_FXSAVE
#define XVCPU_FXSAVE(area) ((void)(area))
#endif
#ifndef XVCPU_FXRSTOR
#define XVCPU_FXRSTOR(area) ((void)(area))
#endif
#ifndef XVCPU_RDPKRU
#define XVCPU_RDPKRU() ((uint32_t)0)
#endif
#ifndef XVCPU_VMLOAD
#define XVCPU_VMLOAD(pa) ((void)(pa))
#endif
#ifndef XVCPU_VMSAVE
#define XVCPU_VMSAVE(pa) ((void)(pa))
#endif
#ifndef XVCPU_CLGI
#define XVCPU_CLGI() ((void)0)
#endif
#ifndef XVCPU_STGI
#define XVCPU_STGI() ((void)0)
#endif
#ifndef XVCPU_INVLPGA
#define XVCPU_INVLPGA(va, asid) ((void)(va), (void)(asid))
#endif
#ifndef XVCPU_SGDT
#define XVCPU_SGDT(d) xvcpu__inert_dtr(d)
#endif
#ifndef XVCPU_SIDT
#define XVCPU_SIDT(d) xvcpu__inert_dtr(d)
#endif
#ifndef XVCPU_READ_SEL
#define XVCPU_READ_SEL(seg) ((uint16_t)0)
#endif
#ifndef XVCPU_VMX_ENTER
#define XVCPU_VMX_ENTER(vcpu) ((void)(vcpu), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMX_EXIT_POINT
#define XVCPU_VMX_EXIT_POINT ((uint64_t)0)
#endif
#ifndef XVCPU_SVM_ENTER
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) ((void)(vcpu), (void)(host_area_pa), 1)
#endif

#endif /* !__x86_64__ */

/* ==== xvcpu/gen/msrs.h ==== */
/* xvcpu/gen/msrs.h: generated by codegen/gen.py from spec/msrs.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_MSRS_H
#define XVCPU_GEN_MSRS_H

/* MSR numbers */
#define XVCPU_MSR_IA32_TSC 0x10u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PLATFORM_ID 0x17u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_APIC_BASE 0x1Bu /* both; SDM Vol. 3A 11.4.4, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_FEATURE_CONTROL 0x3Au /* intel; SDM Vol. 4 Table 2-2, SDM Vol. 3C 24.7 */
#define XVCPU_MSR_IA32_TSC_ADJUST 0x3Bu /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_SPEC_CTRL 0x48u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PRED_CMD 0x49u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_BIOS_SIGN_ID 0x8Bu /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_UMWAIT_CONTROL 0xE1u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MPERF 0xE7u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_APERF 0xE8u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRRCAP 0xFEu /* both; SDM Vol. 3A 12.11.2.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_ARCH_CAPABILITIES 0x10Au /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_FLUSH_CMD 0x10Bu /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_SYSENTER_CS 0x174u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_SYSENTER_ESP 0x175u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_SYSENTER_EIP 0x176u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MCG_CAP 0x179u /* both; SDM Vol. 3B 16.3.1.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MCG_STATUS 0x17Au /* both; SDM Vol. 3B 16.3.1.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MISC_ENABLE 0x1A0u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_XFD 0x1C4u /* intel; SDM Vol. 4 Table 2-2, SDM Vol. 1 13.14 */
#define XVCPU_MSR_IA32_XFD_ERR 0x1C5u /* intel; SDM Vol. 4 Table 2-2, SDM Vol. 1 13.14 */
#define XVCPU_MSR_IA32_DEBUGCTL 0x1D9u /* both; SDM Vol. 3B 18.4.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_PHYSBASE0 0x200u /* both; SDM Vol. 3A 12.11.2.3, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_PHYSMASK0 0x201u /* both; SDM Vol. 3A 12.11.2.3, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX64K_00000 0x250u /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX16K_80000 0x258u /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX16K_A0000 0x259u /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_C0000 0x268u /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_C8000 0x269u /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_D0000 0x26Au /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_D8000 0x26Bu /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_E0000 0x26Cu /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_E8000 0x26Du /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_F0000 0x26Eu /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_FIX4K_F8000 0x26Fu /* both; SDM Vol. 3A 12.11.2.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PAT 0x277u /* both; SDM Vol. 3A 12.12.2, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_MTRR_DEF_TYPE 0x2FFu /* both; SDM Vol. 3A 12.11.2.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PERF_GLOBAL_CTRL 0x38Fu /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_VMX_BASIC 0x480u /* intel; SDM Vol. 3D A.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_VMX_PINBASED_CTLS 0x481u /* intel; SDM Vol. 3D A.3.1 */
#define XVCPU_MSR_IA32_VMX_PROCBASED_CTLS 0x482u /* intel; SDM Vol. 3D A.3.2 */
#define XVCPU_MSR_IA32_VMX_EXIT_CTLS 0x483u /* intel; SDM Vol. 3D A.4.1 */
#define XVCPU_MSR_IA32_VMX_ENTRY_CTLS 0x484u /* intel; SDM Vol. 3D A.5 */
#define XVCPU_MSR_IA32_VMX_MISC 0x485u /* intel; SDM Vol. 3D A.6 */
#define XVCPU_MSR_IA32_VMX_CR0_FIXED0 0x486u /* intel; SDM Vol. 3D A.7 */
#define XVCPU_MSR_IA32_VMX_CR0_FIXED1 0x487u /* intel; SDM Vol. 3D A.7 */
#define XVCPU_MSR_IA32_VMX_CR4_FIXED0 0x488u /* intel; SDM Vol. 3D A.8 */
#define XVCPU_MSR_IA32_VMX_CR4_FIXED1 0x489u /* intel; SDM Vol. 3D A.8 */
#define XVCPU_MSR_IA32_VMX_VMCS_ENUM 0x48Au /* intel; SDM Vol. 3D A.9 */
#define XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2 0x48Bu /* intel; SDM Vol. 3D A.3.3 */
#define XVCPU_MSR_IA32_VMX_EPT_VPID_CAP 0x48Cu /* intel; SDM Vol. 3D A.10 */
#define XVCPU_MSR_IA32_VMX_TRUE_PINBASED_CTLS 0x48Du /* intel; SDM Vol. 3D A.3.1 */
#define XVCPU_MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x48Eu /* intel; SDM Vol. 3D A.3.2 */
#define XVCPU_MSR_IA32_VMX_TRUE_EXIT_CTLS 0x48Fu /* intel; SDM Vol. 3D A.4.1 */
#define XVCPU_MSR_IA32_VMX_TRUE_ENTRY_CTLS 0x490u /* intel; SDM Vol. 3D A.5 */
#define XVCPU_MSR_IA32_VMX_VMFUNC 0x491u /* intel; SDM Vol. 3D A.11 */
#define XVCPU_MSR_IA32_VMX_PROCBASED_CTLS3 0x492u /* intel; SDM Vol. 3D A.3.4 */
#define XVCPU_MSR_IA32_VMX_EXIT_CTLS2 0x493u /* intel; SDM Vol. 3D A.4.2 */
#define XVCPU_MSR_IA32_RTIT_CTL 0x570u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_U_CET 0x6A0u /* both; SDM Vol. 4 Table 2-2, SDM Vol. 1 ch. 17 (CET) */
#define XVCPU_MSR_IA32_S_CET 0x6A2u /* both; SDM Vol. 4 Table 2-2, SDM Vol. 1 ch. 17 (CET) */
#define XVCPU_MSR_IA32_PL0_SSP 0x6A4u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PL1_SSP 0x6A5u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PL2_SSP 0x6A6u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PL3_SSP 0x6A7u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_INTERRUPT_SSP_TABLE_ADDR 0x6A8u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_TSC_DEADLINE 0x6E0u /* both; SDM Vol. 3A 11.5.4.1, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_PKRS 0x6E1u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_X2APIC_ID 0x802u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_VERSION 0x803u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_TPR 0x808u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_PPR 0x80Au /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_EOI 0x80Bu /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LDR 0x80Du /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_SVR 0x80Fu /* both; SDM Vol. 3A 11.9, SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_ESR 0x828u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_ICR 0x830u /* both; SDM Vol. 3A 11.12.9, SDM Vol. 3A 11.6.1 */
#define XVCPU_MSR_X2APIC_LVT_TIMER 0x832u /* both; SDM Vol. 3A 11.5.1, SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LVT_THERMAL 0x833u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LVT_PMI 0x834u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LVT_LINT0 0x835u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LVT_LINT1 0x836u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_LVT_ERROR 0x837u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_TIMER_INITIAL_COUNT 0x838u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_TIMER_CURRENT_COUNT 0x839u /* both; SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_TIMER_DIVIDE 0x83Eu /* both; SDM Vol. 3A 11.5.4, SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_X2APIC_SELF_IPI 0x83Fu /* both; SDM Vol. 3A 11.12.11, SDM Vol. 3A 11.12.1.2 Table 11-6 */
#define XVCPU_MSR_IA32_BNDCFGS 0xD90u /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_XSS 0xDA0u /* both; SDM Vol. 1 13.3, SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_LBR_CTL 0x14CEu /* intel; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_EFER 0xC0000080u /* both; SDM Vol. 4 Table 2-2, APM Vol. 2 3.1.7 */
#define XVCPU_MSR_IA32_STAR 0xC0000081u /* both; SDM Vol. 4 Table 2-2, APM Vol. 2 6.1.1 */
#define XVCPU_MSR_IA32_LSTAR 0xC0000082u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_CSTAR 0xC0000083u /* both; SDM Vol. 4 Table 2-2, APM Vol. 2 6.1.1 */
#define XVCPU_MSR_IA32_FMASK 0xC0000084u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_FS_BASE 0xC0000100u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_GS_BASE 0xC0000101u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_KERNEL_GS_BASE 0xC0000102u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_IA32_TSC_AUX 0xC0000103u /* both; SDM Vol. 4 Table 2-2 */
#define XVCPU_MSR_AMD_TSC_RATIO 0xC0000104u /* amd; APM Vol. 2 15.30.5 */
#define XVCPU_MSR_AMD_SYSCFG 0xC0010010u /* amd; APM Vol. 2 Appendix A */
#define XVCPU_MSR_AMD_HWCR 0xC0010015u /* amd; APM Vol. 2 Appendix A */
#define XVCPU_MSR_AMD_TOP_MEM 0xC001001Au /* amd; APM Vol. 2 Appendix A */
#define XVCPU_MSR_AMD_TOP_MEM2 0xC001001Du /* amd; APM Vol. 2 Appendix A */
#define XVCPU_MSR_VM_CR 0xC0010114u /* amd; APM Vol. 2 15.30.1 */
#define XVCPU_MSR_AMD_IGNNE 0xC0010115u /* amd; APM Vol. 2 15.30.2 */
#define XVCPU_MSR_AMD_SMM_CTL 0xC0010116u /* amd; APM Vol. 2 15.30.3 */
#define XVCPU_MSR_VM_HSAVE_PA 0xC0010117u /* amd; APM Vol. 2 15.30.4 */
#define XVCPU_MSR_AMD_VIRT_SPEC_CTRL 0xC001011Fu /* amd; APM Vol. 2 Appendix A */
#define XVCPU_MSR_AMD_GHCB 0xC0010130u /* amd; APM Vol. 2 15.35 (SEV-ES), Appendix A */
#define XVCPU_MSR_AMD_SEV_STATUS 0xC0010131u /* amd; APM Vol. 2 15.34 (SEV), Appendix A */

/* MSR ranges: first and last MSR number, inclusive */
#define XVCPU_MSR_RANGE_X2APIC_FIRST 0x800u
#define XVCPU_MSR_RANGE_X2APIC_LAST 0x8FFu
#define XVCPU_MSR_RANGE_MTRR_VARIABLE_FIRST 0x200u
#define XVCPU_MSR_RANGE_MTRR_VARIABLE_LAST 0x213u
#define XVCPU_MSR_RANGE_MTRR_FIXED_4K_FIRST 0x268u
#define XVCPU_MSR_RANGE_MTRR_FIXED_4K_LAST 0x26Fu
#define XVCPU_MSR_RANGE_VMX_CAPABILITIES_FIRST 0x480u
#define XVCPU_MSR_RANGE_VMX_CAPABILITIES_LAST 0x493u
#define XVCPU_MSR_RANGE_MSR_BITMAP_LOW_FIRST 0x0u
#define XVCPU_MSR_RANGE_MSR_BITMAP_LOW_LAST 0x1FFFu
#define XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_FIRST 0xC0000000u
#define XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_LAST 0xC0001FFFu
#define XVCPU_MSR_RANGE_MSRPM_RANGE0_FIRST 0x0u
#define XVCPU_MSR_RANGE_MSRPM_RANGE0_LAST 0x1FFFu
#define XVCPU_MSR_RANGE_MSRPM_RANGE1_FIRST 0xC0000000u
#define XVCPU_MSR_RANGE_MSRPM_RANGE1_LAST 0xC0001FFFu
#define XVCPU_MSR_RANGE_MSRPM_RANGE2_FIRST 0xC0010000u
#define XVCPU_MSR_RANGE_MSRPM_RANGE2_LAST 0xC0011FFFu

/* IA32_PLATFORM_ID: Platform ID (read-only) (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_PLATFORM_ID_PLATFORM_ID_SHIFT 50
#define XVCPU_IA32_PLATFORM_ID_PLATFORM_ID_MASK 0x1C000000000000ull

/* IA32_APIC_BASE: Local APIC base address and mode (64 bits; SDM Vol. 3A 11.4.4, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_APIC_BASE_BSP_SHIFT 8
#define XVCPU_IA32_APIC_BASE_BSP_MASK 0x100ull
#define XVCPU_IA32_APIC_BASE_BSP 0x100ull
#define XVCPU_IA32_APIC_BASE_EXTD_SHIFT 10
#define XVCPU_IA32_APIC_BASE_EXTD_MASK 0x400ull
#define XVCPU_IA32_APIC_BASE_EXTD 0x400ull
#define XVCPU_IA32_APIC_BASE_EN_SHIFT 11
#define XVCPU_IA32_APIC_BASE_EN_MASK 0x800ull
#define XVCPU_IA32_APIC_BASE_EN 0x800ull
#define XVCPU_IA32_APIC_BASE_BASE_SHIFT 12
#define XVCPU_IA32_APIC_BASE_BASE_MASK 0xFFFFFFFFFF000ull

/* IA32_FEATURE_CONTROL: Feature control (VMX/SMX/SGX/LMCE opt-in, lockable) (64 bits; SDM Vol. 4 Table 2-2, SDM Vol. 3C 24.7) */
#define XVCPU_IA32_FEATURE_CONTROL_LOCK_SHIFT 0
#define XVCPU_IA32_FEATURE_CONTROL_LOCK_MASK 0x1ull
#define XVCPU_IA32_FEATURE_CONTROL_LOCK 0x1ull
#define XVCPU_IA32_FEATURE_CONTROL_VMX_INSIDE_SMX_SHIFT 1
#define XVCPU_IA32_FEATURE_CONTROL_VMX_INSIDE_SMX_MASK 0x2ull
#define XVCPU_IA32_FEATURE_CONTROL_VMX_INSIDE_SMX 0x2ull
#define XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX_SHIFT 2
#define XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX_MASK 0x4ull
#define XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX 0x4ull
#define XVCPU_IA32_FEATURE_CONTROL_SENTER_LOCAL_FUNCTION_ENABLES_SHIFT 8
#define XVCPU_IA32_FEATURE_CONTROL_SENTER_LOCAL_FUNCTION_ENABLES_MASK 0x7F00ull
#define XVCPU_IA32_FEATURE_CONTROL_SENTER_GLOBAL_ENABLE_SHIFT 15
#define XVCPU_IA32_FEATURE_CONTROL_SENTER_GLOBAL_ENABLE_MASK 0x8000ull
#define XVCPU_IA32_FEATURE_CONTROL_SENTER_GLOBAL_ENABLE 0x8000ull
#define XVCPU_IA32_FEATURE_CONTROL_SGX_LAUNCH_CONTROL_ENABLE_SHIFT 17
#define XVCPU_IA32_FEATURE_CONTROL_SGX_LAUNCH_CONTROL_ENABLE_MASK 0x20000ull
#define XVCPU_IA32_FEATURE_CONTROL_SGX_LAUNCH_CONTROL_ENABLE 0x20000ull
#define XVCPU_IA32_FEATURE_CONTROL_SGX_GLOBAL_ENABLE_SHIFT 18
#define XVCPU_IA32_FEATURE_CONTROL_SGX_GLOBAL_ENABLE_MASK 0x40000ull
#define XVCPU_IA32_FEATURE_CONTROL_SGX_GLOBAL_ENABLE 0x40000ull
#define XVCPU_IA32_FEATURE_CONTROL_LMCE_ON_SHIFT 20
#define XVCPU_IA32_FEATURE_CONTROL_LMCE_ON_MASK 0x100000ull
#define XVCPU_IA32_FEATURE_CONTROL_LMCE_ON 0x100000ull

/* IA32_SPEC_CTRL: Speculation control (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_SPEC_CTRL_IBRS_SHIFT 0
#define XVCPU_IA32_SPEC_CTRL_IBRS_MASK 0x1ull
#define XVCPU_IA32_SPEC_CTRL_IBRS 0x1ull
#define XVCPU_IA32_SPEC_CTRL_STIBP_SHIFT 1
#define XVCPU_IA32_SPEC_CTRL_STIBP_MASK 0x2ull
#define XVCPU_IA32_SPEC_CTRL_STIBP 0x2ull
#define XVCPU_IA32_SPEC_CTRL_SSBD_SHIFT 2
#define XVCPU_IA32_SPEC_CTRL_SSBD_MASK 0x4ull
#define XVCPU_IA32_SPEC_CTRL_SSBD 0x4ull
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_U_SHIFT 3
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_U_MASK 0x8ull
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_U 0x8ull
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_S_SHIFT 4
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_S_MASK 0x10ull
#define XVCPU_IA32_SPEC_CTRL_IPRED_DIS_S 0x10ull
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_U_SHIFT 5
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_U_MASK 0x20ull
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_U 0x20ull
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_S_SHIFT 6
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_S_MASK 0x40ull
#define XVCPU_IA32_SPEC_CTRL_RRSBA_DIS_S 0x40ull
#define XVCPU_IA32_SPEC_CTRL_PSFD_SHIFT 7
#define XVCPU_IA32_SPEC_CTRL_PSFD_MASK 0x80ull
#define XVCPU_IA32_SPEC_CTRL_PSFD 0x80ull
#define XVCPU_IA32_SPEC_CTRL_BHI_DIS_S_SHIFT 10
#define XVCPU_IA32_SPEC_CTRL_BHI_DIS_S_MASK 0x400ull
#define XVCPU_IA32_SPEC_CTRL_BHI_DIS_S 0x400ull

/* IA32_PRED_CMD: Prediction command (write-only) (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_PRED_CMD_IBPB_SHIFT 0
#define XVCPU_IA32_PRED_CMD_IBPB_MASK 0x1ull
#define XVCPU_IA32_PRED_CMD_IBPB 0x1ull

/* IA32_BIOS_SIGN_ID: Microcode update signature (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_BIOS_SIGN_ID_MICROCODE_REVISION_SHIFT 32
#define XVCPU_IA32_BIOS_SIGN_ID_MICROCODE_REVISION_MASK 0xFFFFFFFF00000000ull

/* IA32_UMWAIT_CONTROL: UMWAIT/TPAUSE control (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_UMWAIT_CONTROL_C0_2_DISABLE_SHIFT 0
#define XVCPU_IA32_UMWAIT_CONTROL_C0_2_DISABLE_MASK 0x1ull
#define XVCPU_IA32_UMWAIT_CONTROL_C0_2_DISABLE 0x1ull
#define XVCPU_IA32_UMWAIT_CONTROL_MAX_TIME_SHIFT 2
#define XVCPU_IA32_UMWAIT_CONTROL_MAX_TIME_MASK 0xFFFFFFFCull

/* IA32_MTRRCAP: MTRR capabilities (read-only) (64 bits; SDM Vol. 3A 12.11.2.1, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MTRRCAP_VCNT_SHIFT 0
#define XVCPU_IA32_MTRRCAP_VCNT_MASK 0xFFull
#define XVCPU_IA32_MTRRCAP_FIX_SHIFT 8
#define XVCPU_IA32_MTRRCAP_FIX_MASK 0x100ull
#define XVCPU_IA32_MTRRCAP_FIX 0x100ull
#define XVCPU_IA32_MTRRCAP_WC_SHIFT 10
#define XVCPU_IA32_MTRRCAP_WC_MASK 0x400ull
#define XVCPU_IA32_MTRRCAP_WC 0x400ull
#define XVCPU_IA32_MTRRCAP_SMRR_SHIFT 11
#define XVCPU_IA32_MTRRCAP_SMRR_MASK 0x800ull
#define XVCPU_IA32_MTRRCAP_SMRR 0x800ull

/* IA32_ARCH_CAPABILITIES: Enumeration of architectural features / vulnerability immunities (read-only) (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_ARCH_CAPABILITIES_RDCL_NO_SHIFT 0
#define XVCPU_IA32_ARCH_CAPABILITIES_RDCL_NO_MASK 0x1ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RDCL_NO 0x1ull
#define XVCPU_IA32_ARCH_CAPABILITIES_IBRS_ALL_SHIFT 1
#define XVCPU_IA32_ARCH_CAPABILITIES_IBRS_ALL_MASK 0x2ull
#define XVCPU_IA32_ARCH_CAPABILITIES_IBRS_ALL 0x2ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RSBA_SHIFT 2
#define XVCPU_IA32_ARCH_CAPABILITIES_RSBA_MASK 0x4ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RSBA 0x4ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SKIP_L1DFL_VMENTRY_SHIFT 3
#define XVCPU_IA32_ARCH_CAPABILITIES_SKIP_L1DFL_VMENTRY_MASK 0x8ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SKIP_L1DFL_VMENTRY 0x8ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SSB_NO_SHIFT 4
#define XVCPU_IA32_ARCH_CAPABILITIES_SSB_NO_MASK 0x10ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SSB_NO 0x10ull
#define XVCPU_IA32_ARCH_CAPABILITIES_MDS_NO_SHIFT 5
#define XVCPU_IA32_ARCH_CAPABILITIES_MDS_NO_MASK 0x20ull
#define XVCPU_IA32_ARCH_CAPABILITIES_MDS_NO 0x20ull
#define XVCPU_IA32_ARCH_CAPABILITIES_IF_PSCHANGE_MC_NO_SHIFT 6
#define XVCPU_IA32_ARCH_CAPABILITIES_IF_PSCHANGE_MC_NO_MASK 0x40ull
#define XVCPU_IA32_ARCH_CAPABILITIES_IF_PSCHANGE_MC_NO 0x40ull
#define XVCPU_IA32_ARCH_CAPABILITIES_TSX_CTRL_SHIFT 7
#define XVCPU_IA32_ARCH_CAPABILITIES_TSX_CTRL_MASK 0x80ull
#define XVCPU_IA32_ARCH_CAPABILITIES_TSX_CTRL 0x80ull
#define XVCPU_IA32_ARCH_CAPABILITIES_TAA_NO_SHIFT 8
#define XVCPU_IA32_ARCH_CAPABILITIES_TAA_NO_MASK 0x100ull
#define XVCPU_IA32_ARCH_CAPABILITIES_TAA_NO 0x100ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SBDR_SSDP_NO_SHIFT 13
#define XVCPU_IA32_ARCH_CAPABILITIES_SBDR_SSDP_NO_MASK 0x2000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_SBDR_SSDP_NO 0x2000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_FBSDP_NO_SHIFT 14
#define XVCPU_IA32_ARCH_CAPABILITIES_FBSDP_NO_MASK 0x4000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_FBSDP_NO 0x4000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_PSDP_NO_SHIFT 15
#define XVCPU_IA32_ARCH_CAPABILITIES_PSDP_NO_MASK 0x8000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_PSDP_NO 0x8000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_FB_CLEAR_SHIFT 17
#define XVCPU_IA32_ARCH_CAPABILITIES_FB_CLEAR_MASK 0x20000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_FB_CLEAR 0x20000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RRSBA_SHIFT 19
#define XVCPU_IA32_ARCH_CAPABILITIES_RRSBA_MASK 0x80000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RRSBA 0x80000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_BHI_NO_SHIFT 20
#define XVCPU_IA32_ARCH_CAPABILITIES_BHI_NO_MASK 0x100000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_BHI_NO 0x100000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_XAPIC_DISABLE_STATUS_SHIFT 21
#define XVCPU_IA32_ARCH_CAPABILITIES_XAPIC_DISABLE_STATUS_MASK 0x200000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_XAPIC_DISABLE_STATUS 0x200000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_PBRSB_NO_SHIFT 24
#define XVCPU_IA32_ARCH_CAPABILITIES_PBRSB_NO_MASK 0x1000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_PBRSB_NO 0x1000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_CTRL_SHIFT 25
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_CTRL_MASK 0x2000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_CTRL 0x2000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_NO_SHIFT 26
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_NO_MASK 0x4000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_GDS_NO 0x4000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_NO_SHIFT 27
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_NO_MASK 0x8000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_NO 0x8000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_CLEAR_SHIFT 28
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_CLEAR_MASK 0x10000000ull
#define XVCPU_IA32_ARCH_CAPABILITIES_RFDS_CLEAR 0x10000000ull

/* IA32_FLUSH_CMD: Flush command (write-only) (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_FLUSH_CMD_L1D_FLUSH_SHIFT 0
#define XVCPU_IA32_FLUSH_CMD_L1D_FLUSH_MASK 0x1ull
#define XVCPU_IA32_FLUSH_CMD_L1D_FLUSH 0x1ull

/* IA32_MCG_CAP: Global machine-check capabilities (read-only) (64 bits; SDM Vol. 3B 16.3.1.1, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MCG_CAP_COUNT_SHIFT 0
#define XVCPU_IA32_MCG_CAP_COUNT_MASK 0xFFull
#define XVCPU_IA32_MCG_CAP_MCG_CTL_P_SHIFT 8
#define XVCPU_IA32_MCG_CAP_MCG_CTL_P_MASK 0x100ull
#define XVCPU_IA32_MCG_CAP_MCG_CTL_P 0x100ull
#define XVCPU_IA32_MCG_CAP_MCG_EXT_P_SHIFT 9
#define XVCPU_IA32_MCG_CAP_MCG_EXT_P_MASK 0x200ull
#define XVCPU_IA32_MCG_CAP_MCG_EXT_P 0x200ull
#define XVCPU_IA32_MCG_CAP_MCG_CMCI_P_SHIFT 10
#define XVCPU_IA32_MCG_CAP_MCG_CMCI_P_MASK 0x400ull
#define XVCPU_IA32_MCG_CAP_MCG_CMCI_P 0x400ull
#define XVCPU_IA32_MCG_CAP_MCG_TES_P_SHIFT 11
#define XVCPU_IA32_MCG_CAP_MCG_TES_P_MASK 0x800ull
#define XVCPU_IA32_MCG_CAP_MCG_TES_P 0x800ull
#define XVCPU_IA32_MCG_CAP_MCG_EXT_CNT_SHIFT 16
#define XVCPU_IA32_MCG_CAP_MCG_EXT_CNT_MASK 0xFF0000ull
#define XVCPU_IA32_MCG_CAP_MCG_SER_P_SHIFT 24
#define XVCPU_IA32_MCG_CAP_MCG_SER_P_MASK 0x1000000ull
#define XVCPU_IA32_MCG_CAP_MCG_SER_P 0x1000000ull
#define XVCPU_IA32_MCG_CAP_MCG_ELOG_P_SHIFT 26
#define XVCPU_IA32_MCG_CAP_MCG_ELOG_P_MASK 0x4000000ull
#define XVCPU_IA32_MCG_CAP_MCG_ELOG_P 0x4000000ull
#define XVCPU_IA32_MCG_CAP_MCG_LMCE_P_SHIFT 27
#define XVCPU_IA32_MCG_CAP_MCG_LMCE_P_MASK 0x8000000ull
#define XVCPU_IA32_MCG_CAP_MCG_LMCE_P 0x8000000ull

/* IA32_MCG_STATUS: Global machine-check status (64 bits; SDM Vol. 3B 16.3.1.2, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MCG_STATUS_RIPV_SHIFT 0
#define XVCPU_IA32_MCG_STATUS_RIPV_MASK 0x1ull
#define XVCPU_IA32_MCG_STATUS_RIPV 0x1ull
#define XVCPU_IA32_MCG_STATUS_EIPV_SHIFT 1
#define XVCPU_IA32_MCG_STATUS_EIPV_MASK 0x2ull
#define XVCPU_IA32_MCG_STATUS_EIPV 0x2ull
#define XVCPU_IA32_MCG_STATUS_MCIP_SHIFT 2
#define XVCPU_IA32_MCG_STATUS_MCIP_MASK 0x4ull
#define XVCPU_IA32_MCG_STATUS_MCIP 0x4ull
#define XVCPU_IA32_MCG_STATUS_LMCE_S_SHIFT 3
#define XVCPU_IA32_MCG_STATUS_LMCE_S_MASK 0x8ull
#define XVCPU_IA32_MCG_STATUS_LMCE_S 0x8ull

/* IA32_MISC_ENABLE: Miscellaneous feature enables (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MISC_ENABLE_FAST_STRINGS_SHIFT 0
#define XVCPU_IA32_MISC_ENABLE_FAST_STRINGS_MASK 0x1ull
#define XVCPU_IA32_MISC_ENABLE_FAST_STRINGS 0x1ull
#define XVCPU_IA32_MISC_ENABLE_AUTO_THERMAL_CONTROL_SHIFT 3
#define XVCPU_IA32_MISC_ENABLE_AUTO_THERMAL_CONTROL_MASK 0x8ull
#define XVCPU_IA32_MISC_ENABLE_AUTO_THERMAL_CONTROL 0x8ull
#define XVCPU_IA32_MISC_ENABLE_PERF_MONITORING_AVAILABLE_SHIFT 7
#define XVCPU_IA32_MISC_ENABLE_PERF_MONITORING_AVAILABLE_MASK 0x80ull
#define XVCPU_IA32_MISC_ENABLE_PERF_MONITORING_AVAILABLE 0x80ull
#define XVCPU_IA32_MISC_ENABLE_BTS_UNAVAILABLE_SHIFT 11
#define XVCPU_IA32_MISC_ENABLE_BTS_UNAVAILABLE_MASK 0x800ull
#define XVCPU_IA32_MISC_ENABLE_BTS_UNAVAILABLE 0x800ull
#define XVCPU_IA32_MISC_ENABLE_PEBS_UNAVAILABLE_SHIFT 12
#define XVCPU_IA32_MISC_ENABLE_PEBS_UNAVAILABLE_MASK 0x1000ull
#define XVCPU_IA32_MISC_ENABLE_PEBS_UNAVAILABLE 0x1000ull
#define XVCPU_IA32_MISC_ENABLE_ENHANCED_SPEEDSTEP_SHIFT 16
#define XVCPU_IA32_MISC_ENABLE_ENHANCED_SPEEDSTEP_MASK 0x10000ull
#define XVCPU_IA32_MISC_ENABLE_ENHANCED_SPEEDSTEP 0x10000ull
#define XVCPU_IA32_MISC_ENABLE_MONITOR_FSM_SHIFT 18
#define XVCPU_IA32_MISC_ENABLE_MONITOR_FSM_MASK 0x40000ull
#define XVCPU_IA32_MISC_ENABLE_MONITOR_FSM 0x40000ull
#define XVCPU_IA32_MISC_ENABLE_LIMIT_CPUID_MAXVAL_SHIFT 22
#define XVCPU_IA32_MISC_ENABLE_LIMIT_CPUID_MAXVAL_MASK 0x400000ull
#define XVCPU_IA32_MISC_ENABLE_LIMIT_CPUID_MAXVAL 0x400000ull
#define XVCPU_IA32_MISC_ENABLE_XTPR_MESSAGE_DISABLE_SHIFT 23
#define XVCPU_IA32_MISC_ENABLE_XTPR_MESSAGE_DISABLE_MASK 0x800000ull
#define XVCPU_IA32_MISC_ENABLE_XTPR_MESSAGE_DISABLE 0x800000ull
#define XVCPU_IA32_MISC_ENABLE_XD_DISABLE_SHIFT 34
#define XVCPU_IA32_MISC_ENABLE_XD_DISABLE_MASK 0x400000000ull
#define XVCPU_IA32_MISC_ENABLE_XD_DISABLE 0x400000000ull

/* IA32_DEBUGCTL: Debug control (64 bits; SDM Vol. 3B 18.4.1, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_DEBUGCTL_LBR_SHIFT 0
#define XVCPU_IA32_DEBUGCTL_LBR_MASK 0x1ull
#define XVCPU_IA32_DEBUGCTL_LBR 0x1ull
#define XVCPU_IA32_DEBUGCTL_BTF_SHIFT 1
#define XVCPU_IA32_DEBUGCTL_BTF_MASK 0x2ull
#define XVCPU_IA32_DEBUGCTL_BTF 0x2ull
#define XVCPU_IA32_DEBUGCTL_TR_SHIFT 6
#define XVCPU_IA32_DEBUGCTL_TR_MASK 0x40ull
#define XVCPU_IA32_DEBUGCTL_TR 0x40ull
#define XVCPU_IA32_DEBUGCTL_BTS_SHIFT 7
#define XVCPU_IA32_DEBUGCTL_BTS_MASK 0x80ull
#define XVCPU_IA32_DEBUGCTL_BTS 0x80ull
#define XVCPU_IA32_DEBUGCTL_BTINT_SHIFT 8
#define XVCPU_IA32_DEBUGCTL_BTINT_MASK 0x100ull
#define XVCPU_IA32_DEBUGCTL_BTINT 0x100ull
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_OS_SHIFT 9
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_OS_MASK 0x200ull
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_OS 0x200ull
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_USR_SHIFT 10
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_USR_MASK 0x400ull
#define XVCPU_IA32_DEBUGCTL_BTS_OFF_USR 0x400ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_LBRS_ON_PMI_SHIFT 11
#define XVCPU_IA32_DEBUGCTL_FREEZE_LBRS_ON_PMI_MASK 0x800ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_LBRS_ON_PMI 0x800ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_PERFMON_ON_PMI_SHIFT 12
#define XVCPU_IA32_DEBUGCTL_FREEZE_PERFMON_ON_PMI_MASK 0x1000ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_PERFMON_ON_PMI 0x1000ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_WHILE_SMM_SHIFT 14
#define XVCPU_IA32_DEBUGCTL_FREEZE_WHILE_SMM_MASK 0x4000ull
#define XVCPU_IA32_DEBUGCTL_FREEZE_WHILE_SMM 0x4000ull
#define XVCPU_IA32_DEBUGCTL_RTM_DEBUG_SHIFT 15
#define XVCPU_IA32_DEBUGCTL_RTM_DEBUG_MASK 0x8000ull
#define XVCPU_IA32_DEBUGCTL_RTM_DEBUG 0x8000ull

/* IA32_MTRR_PHYSBASE0: Variable-range MTRR 0 base (pairs continue to 0x213, see range MTRR_VARIABLE) (64 bits; SDM Vol. 3A 12.11.2.3, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MTRR_PHYSBASE0_TYPE_SHIFT 0
#define XVCPU_IA32_MTRR_PHYSBASE0_TYPE_MASK 0xFFull
#define XVCPU_IA32_MTRR_PHYSBASE0_PHYSBASE_SHIFT 12
#define XVCPU_IA32_MTRR_PHYSBASE0_PHYSBASE_MASK 0xFFFFFFFFFF000ull

/* IA32_MTRR_PHYSMASK0: Variable-range MTRR 0 mask (64 bits; SDM Vol. 3A 12.11.2.3, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MTRR_PHYSMASK0_VALID_SHIFT 11
#define XVCPU_IA32_MTRR_PHYSMASK0_VALID_MASK 0x800ull
#define XVCPU_IA32_MTRR_PHYSMASK0_VALID 0x800ull
#define XVCPU_IA32_MTRR_PHYSMASK0_PHYSMASK_SHIFT 12
#define XVCPU_IA32_MTRR_PHYSMASK0_PHYSMASK_MASK 0xFFFFFFFFFF000ull

/* IA32_PAT: Page attribute table (eight 3-bit memory types, one per byte; values as X86_MEMORY_TYPE) (64 bits; SDM Vol. 3A 12.12.2, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_PAT_RESERVED 0xF8F8F8F8F8F8F8F8ull /* every bit no field here names */
#define XVCPU_IA32_PAT_PA0_SHIFT 0
#define XVCPU_IA32_PAT_PA0_MASK 0x7ull
#define XVCPU_IA32_PAT_PA1_SHIFT 8
#define XVCPU_IA32_PAT_PA1_MASK 0x700ull
#define XVCPU_IA32_PAT_PA2_SHIFT 16
#define XVCPU_IA32_PAT_PA2_MASK 0x70000ull
#define XVCPU_IA32_PAT_PA3_SHIFT 24
#define XVCPU_IA32_PAT_PA3_MASK 0x7000000ull
#define XVCPU_IA32_PAT_PA4_SHIFT 32
#define XVCPU_IA32_PAT_PA4_MASK 0x700000000ull
#define XVCPU_IA32_PAT_PA5_SHIFT 40
#define XVCPU_IA32_PAT_PA5_MASK 0x70000000000ull
#define XVCPU_IA32_PAT_PA6_SHIFT 48
#define XVCPU_IA32_PAT_PA6_MASK 0x7000000000000ull
#define XVCPU_IA32_PAT_PA7_SHIFT 56
#define XVCPU_IA32_PAT_PA7_MASK 0x700000000000000ull

/* IA32_MTRR_DEF_TYPE: MTRR default type and enables (64 bits; SDM Vol. 3A 12.11.2.1, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_MTRR_DEF_TYPE_TYPE_SHIFT 0
#define XVCPU_IA32_MTRR_DEF_TYPE_TYPE_MASK 0xFFull
#define XVCPU_IA32_MTRR_DEF_TYPE_FE_SHIFT 10
#define XVCPU_IA32_MTRR_DEF_TYPE_FE_MASK 0x400ull
#define XVCPU_IA32_MTRR_DEF_TYPE_FE 0x400ull
#define XVCPU_IA32_MTRR_DEF_TYPE_E_SHIFT 11
#define XVCPU_IA32_MTRR_DEF_TYPE_E_MASK 0x800ull
#define XVCPU_IA32_MTRR_DEF_TYPE_E 0x800ull

/* IA32_VMX_BASIC: Basic VMX information (64 bits; SDM Vol. 3D A.1, SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_VMX_BASIC_REVISION_ID_SHIFT 0
#define XVCPU_IA32_VMX_BASIC_REVISION_ID_MASK 0x7FFFFFFFull
#define XVCPU_IA32_VMX_BASIC_REGION_SIZE_SHIFT 32
#define XVCPU_IA32_VMX_BASIC_REGION_SIZE_MASK 0x1FFF00000000ull
#define XVCPU_IA32_VMX_BASIC_PHYS_ADDR_WIDTH_32_SHIFT 48
#define XVCPU_IA32_VMX_BASIC_PHYS_ADDR_WIDTH_32_MASK 0x1000000000000ull
#define XVCPU_IA32_VMX_BASIC_PHYS_ADDR_WIDTH_32 0x1000000000000ull
#define XVCPU_IA32_VMX_BASIC_DUAL_MONITOR_SHIFT 49
#define XVCPU_IA32_VMX_BASIC_DUAL_MONITOR_MASK 0x2000000000000ull
#define XVCPU_IA32_VMX_BASIC_DUAL_MONITOR 0x2000000000000ull
#define XVCPU_IA32_VMX_BASIC_MEMORY_TYPE_SHIFT 50
#define XVCPU_IA32_VMX_BASIC_MEMORY_TYPE_MASK 0x3C000000000000ull
#define XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO_SHIFT 54
#define XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO_MASK 0x40000000000000ull
#define XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO 0x40000000000000ull
#define XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS_SHIFT 55
#define XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS_MASK 0x80000000000000ull
#define XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS 0x80000000000000ull
#define XVCPU_IA32_VMX_BASIC_NO_ERRCODE_REQUIREMENT_SHIFT 56
#define XVCPU_IA32_VMX_BASIC_NO_ERRCODE_REQUIREMENT_MASK 0x100000000000000ull
#define XVCPU_IA32_VMX_BASIC_NO_ERRCODE_REQUIREMENT 0x100000000000000ull

/* IA32_VMX_MISC: Miscellaneous VMX data (64 bits; SDM Vol. 3D A.6) */
#define XVCPU_IA32_VMX_MISC_PREEMPTION_TIMER_RATE_SHIFT 0
#define XVCPU_IA32_VMX_MISC_PREEMPTION_TIMER_RATE_MASK 0x1Full
#define XVCPU_IA32_VMX_MISC_STORE_EFER_LMA_SHIFT 5
#define XVCPU_IA32_VMX_MISC_STORE_EFER_LMA_MASK 0x20ull
#define XVCPU_IA32_VMX_MISC_STORE_EFER_LMA 0x20ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_HLT_SHIFT 6
#define XVCPU_IA32_VMX_MISC_ACTIVITY_HLT_MASK 0x40ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_HLT 0x40ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_SHUTDOWN_SHIFT 7
#define XVCPU_IA32_VMX_MISC_ACTIVITY_SHUTDOWN_MASK 0x80ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_SHUTDOWN 0x80ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_WAIT_SIPI_SHIFT 8
#define XVCPU_IA32_VMX_MISC_ACTIVITY_WAIT_SIPI_MASK 0x100ull
#define XVCPU_IA32_VMX_MISC_ACTIVITY_WAIT_SIPI 0x100ull
#define XVCPU_IA32_VMX_MISC_INTEL_PT_SHIFT 14
#define XVCPU_IA32_VMX_MISC_INTEL_PT_MASK 0x4000ull
#define XVCPU_IA32_VMX_MISC_INTEL_PT 0x4000ull
#define XVCPU_IA32_VMX_MISC_RDMSR_IN_SMM_SHIFT 15
#define XVCPU_IA32_VMX_MISC_RDMSR_IN_SMM_MASK 0x8000ull
#define XVCPU_IA32_VMX_MISC_RDMSR_IN_SMM 0x8000ull
#define XVCPU_IA32_VMX_MISC_CR3_TARGET_COUNT_SHIFT 16
#define XVCPU_IA32_VMX_MISC_CR3_TARGET_COUNT_MASK 0x1FF0000ull
#define XVCPU_IA32_VMX_MISC_MAX_MSR_LIST_SHIFT 25
#define XVCPU_IA32_VMX_MISC_MAX_MSR_LIST_MASK 0xE000000ull
#define XVCPU_IA32_VMX_MISC_SMM_MONITOR_CTL_BIT2_SHIFT 28
#define XVCPU_IA32_VMX_MISC_SMM_MONITOR_CTL_BIT2_MASK 0x10000000ull
#define XVCPU_IA32_VMX_MISC_SMM_MONITOR_CTL_BIT2 0x10000000ull
#define XVCPU_IA32_VMX_MISC_VMWRITE_ANY_FIELD_SHIFT 29
#define XVCPU_IA32_VMX_MISC_VMWRITE_ANY_FIELD_MASK 0x20000000ull
#define XVCPU_IA32_VMX_MISC_VMWRITE_ANY_FIELD 0x20000000ull
#define XVCPU_IA32_VMX_MISC_INJECT_ZERO_LENGTH_SHIFT 30
#define XVCPU_IA32_VMX_MISC_INJECT_ZERO_LENGTH_MASK 0x40000000ull
#define XVCPU_IA32_VMX_MISC_INJECT_ZERO_LENGTH 0x40000000ull
#define XVCPU_IA32_VMX_MISC_MSEG_REVISION_SHIFT 32
#define XVCPU_IA32_VMX_MISC_MSEG_REVISION_MASK 0xFFFFFFFF00000000ull

/* IA32_VMX_VMCS_ENUM: VMCS enumeration (64 bits; SDM Vol. 3D A.9) */
#define XVCPU_IA32_VMX_VMCS_ENUM_HIGHEST_INDEX_SHIFT 1
#define XVCPU_IA32_VMX_VMCS_ENUM_HIGHEST_INDEX_MASK 0x3FEull

/* IA32_VMX_EPT_VPID_CAP: EPT and VPID capabilities (64 bits; SDM Vol. 3D A.10) */
#define XVCPU_IA32_VMX_EPT_VPID_CAP_EXECUTE_ONLY_SHIFT 0
#define XVCPU_IA32_VMX_EPT_VPID_CAP_EXECUTE_ONLY_MASK 0x1ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_EXECUTE_ONLY 0x1ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4_SHIFT 6
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4_MASK 0x40ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4 0x40ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_5_SHIFT 7
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_5_MASK 0x80ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_5 0x80ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_UC_SHIFT 8
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_UC_MASK 0x100ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_UC 0x100ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB_SHIFT 14
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB_MASK 0x4000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB 0x4000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDE_2MB_SHIFT 16
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDE_2MB_MASK 0x10000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDE_2MB 0x10000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDPTE_1GB_SHIFT 17
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDPTE_1GB_MASK 0x20000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_PDPTE_1GB 0x20000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SHIFT 20
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_MASK 0x100000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT 0x100000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY_SHIFT 21
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY_MASK 0x200000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY 0x200000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ADVANCED_EXIT_INFO_SHIFT 22
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ADVANCED_EXIT_INFO_MASK 0x400000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_ADVANCED_EXIT_INFO 0x400000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_SUPERVISOR_SHADOW_STACK_SHIFT 23
#define XVCPU_IA32_VMX_EPT_VPID_CAP_SUPERVISOR_SHADOW_STACK_MASK 0x800000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_SUPERVISOR_SHADOW_STACK 0x800000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SINGLE_CONTEXT_SHIFT 25
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SINGLE_CONTEXT_MASK 0x2000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SINGLE_CONTEXT 0x2000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_ALL_CONTEXT_SHIFT 26
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_ALL_CONTEXT_MASK 0x4000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_ALL_CONTEXT 0x4000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SHIFT 32
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_MASK 0x100000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID 0x100000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_INDIVIDUAL_ADDRESS_SHIFT 40
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_INDIVIDUAL_ADDRESS_MASK 0x10000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_INDIVIDUAL_ADDRESS 0x10000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT_SHIFT 41
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT_MASK 0x20000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT 0x20000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_ALL_CONTEXT_SHIFT 42
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_ALL_CONTEXT_MASK 0x40000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_ALL_CONTEXT 0x40000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT_RETAINING_GLOBALS_SHIFT 43
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT_RETAINING_GLOBALS_MASK 0x80000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT_RETAINING_GLOBALS 0x80000000000ull
#define XVCPU_IA32_VMX_EPT_VPID_CAP_HLAT_PREFIX_SIZE_SHIFT 48
#define XVCPU_IA32_VMX_EPT_VPID_CAP_HLAT_PREFIX_SIZE_MASK 0x3F000000000000ull

/* IA32_U_CET: User-mode CET configuration (64 bits; SDM Vol. 4 Table 2-2, SDM Vol. 1 ch. 17 (CET)) */
#define XVCPU_IA32_U_CET_SH_STK_EN_SHIFT 0
#define XVCPU_IA32_U_CET_SH_STK_EN_MASK 0x1ull
#define XVCPU_IA32_U_CET_SH_STK_EN 0x1ull
#define XVCPU_IA32_U_CET_WR_SHSTK_EN_SHIFT 1
#define XVCPU_IA32_U_CET_WR_SHSTK_EN_MASK 0x2ull
#define XVCPU_IA32_U_CET_WR_SHSTK_EN 0x2ull
#define XVCPU_IA32_U_CET_ENDBR_EN_SHIFT 2
#define XVCPU_IA32_U_CET_ENDBR_EN_MASK 0x4ull
#define XVCPU_IA32_U_CET_ENDBR_EN 0x4ull
#define XVCPU_IA32_U_CET_LEG_IW_EN_SHIFT 3
#define XVCPU_IA32_U_CET_LEG_IW_EN_MASK 0x8ull
#define XVCPU_IA32_U_CET_LEG_IW_EN 0x8ull
#define XVCPU_IA32_U_CET_NO_TRACK_EN_SHIFT 4
#define XVCPU_IA32_U_CET_NO_TRACK_EN_MASK 0x10ull
#define XVCPU_IA32_U_CET_NO_TRACK_EN 0x10ull
#define XVCPU_IA32_U_CET_SUPPRESS_DIS_SHIFT 5
#define XVCPU_IA32_U_CET_SUPPRESS_DIS_MASK 0x20ull
#define XVCPU_IA32_U_CET_SUPPRESS_DIS 0x20ull
#define XVCPU_IA32_U_CET_SUPPRESS_SHIFT 10
#define XVCPU_IA32_U_CET_SUPPRESS_MASK 0x400ull
#define XVCPU_IA32_U_CET_SUPPRESS 0x400ull
#define XVCPU_IA32_U_CET_TRACKER_SHIFT 11
#define XVCPU_IA32_U_CET_TRACKER_MASK 0x800ull
#define XVCPU_IA32_U_CET_TRACKER 0x800ull
#define XVCPU_IA32_U_CET_EB_LEG_BITMAP_BASE_SHIFT 12
#define XVCPU_IA32_U_CET_EB_LEG_BITMAP_BASE_MASK 0xFFFFFFFFFFFFF000ull

/* IA32_S_CET: Supervisor-mode CET configuration (64 bits; SDM Vol. 4 Table 2-2, SDM Vol. 1 ch. 17 (CET)) */
#define XVCPU_IA32_S_CET_SH_STK_EN_SHIFT 0
#define XVCPU_IA32_S_CET_SH_STK_EN_MASK 0x1ull
#define XVCPU_IA32_S_CET_SH_STK_EN 0x1ull
#define XVCPU_IA32_S_CET_WR_SHSTK_EN_SHIFT 1
#define XVCPU_IA32_S_CET_WR_SHSTK_EN_MASK 0x2ull
#define XVCPU_IA32_S_CET_WR_SHSTK_EN 0x2ull
#define XVCPU_IA32_S_CET_ENDBR_EN_SHIFT 2
#define XVCPU_IA32_S_CET_ENDBR_EN_MASK 0x4ull
#define XVCPU_IA32_S_CET_ENDBR_EN 0x4ull
#define XVCPU_IA32_S_CET_LEG_IW_EN_SHIFT 3
#define XVCPU_IA32_S_CET_LEG_IW_EN_MASK 0x8ull
#define XVCPU_IA32_S_CET_LEG_IW_EN 0x8ull
#define XVCPU_IA32_S_CET_NO_TRACK_EN_SHIFT 4
#define XVCPU_IA32_S_CET_NO_TRACK_EN_MASK 0x10ull
#define XVCPU_IA32_S_CET_NO_TRACK_EN 0x10ull
#define XVCPU_IA32_S_CET_SUPPRESS_DIS_SHIFT 5
#define XVCPU_IA32_S_CET_SUPPRESS_DIS_MASK 0x20ull
#define XVCPU_IA32_S_CET_SUPPRESS_DIS 0x20ull
#define XVCPU_IA32_S_CET_SUPPRESS_SHIFT 10
#define XVCPU_IA32_S_CET_SUPPRESS_MASK 0x400ull
#define XVCPU_IA32_S_CET_SUPPRESS 0x400ull
#define XVCPU_IA32_S_CET_TRACKER_SHIFT 11
#define XVCPU_IA32_S_CET_TRACKER_MASK 0x800ull
#define XVCPU_IA32_S_CET_TRACKER 0x800ull
#define XVCPU_IA32_S_CET_EB_LEG_BITMAP_BASE_SHIFT 12
#define XVCPU_IA32_S_CET_EB_LEG_BITMAP_BASE_MASK 0xFFFFFFFFFFFFF000ull

/* X2APIC_VERSION: Local APIC version (read-only) (64 bits; SDM Vol. 3A 11.12.1.2 Table 11-6) */
#define XVCPU_X2APIC_VERSION_VERSION_SHIFT 0
#define XVCPU_X2APIC_VERSION_VERSION_MASK 0xFFull
#define XVCPU_X2APIC_VERSION_MAX_LVT_SHIFT 16
#define XVCPU_X2APIC_VERSION_MAX_LVT_MASK 0xFF0000ull
#define XVCPU_X2APIC_VERSION_EOI_BROADCAST_SUPPRESSION_SHIFT 24
#define XVCPU_X2APIC_VERSION_EOI_BROADCAST_SUPPRESSION_MASK 0x1000000ull
#define XVCPU_X2APIC_VERSION_EOI_BROADCAST_SUPPRESSION 0x1000000ull

/* X2APIC_SVR: Spurious-interrupt vector register (64 bits; SDM Vol. 3A 11.9, SDM Vol. 3A 11.12.1.2 Table 11-6) */
#define XVCPU_X2APIC_SVR_VECTOR_SHIFT 0
#define XVCPU_X2APIC_SVR_VECTOR_MASK 0xFFull
#define XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE_SHIFT 8
#define XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE_MASK 0x100ull
#define XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE 0x100ull
#define XVCPU_X2APIC_SVR_FOCUS_CHECKING_DISABLE_SHIFT 9
#define XVCPU_X2APIC_SVR_FOCUS_CHECKING_DISABLE_MASK 0x200ull
#define XVCPU_X2APIC_SVR_FOCUS_CHECKING_DISABLE 0x200ull
#define XVCPU_X2APIC_SVR_EOI_BROADCAST_SUPPRESSION_SHIFT 12
#define XVCPU_X2APIC_SVR_EOI_BROADCAST_SUPPRESSION_MASK 0x1000ull
#define XVCPU_X2APIC_SVR_EOI_BROADCAST_SUPPRESSION 0x1000ull

/* X2APIC_ICR: Interrupt command register (one 64-bit access in x2APIC mode) (64 bits; SDM Vol. 3A 11.12.9, SDM Vol. 3A 11.6.1) */
#define XVCPU_X2APIC_ICR_VECTOR_SHIFT 0
#define XVCPU_X2APIC_ICR_VECTOR_MASK 0xFFull
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_SHIFT 8
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_MASK 0x700ull
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_FIXED 0u
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_LOWEST_PRIORITY 1u
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_SMI 2u
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_NMI 4u
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_INIT 5u
#define XVCPU_X2APIC_ICR_DELIVERY_MODE_STARTUP 6u
#define XVCPU_X2APIC_ICR_DESTINATION_MODE_SHIFT 11
#define XVCPU_X2APIC_ICR_DESTINATION_MODE_MASK 0x800ull
#define XVCPU_X2APIC_ICR_DESTINATION_MODE 0x800ull
#define XVCPU_X2APIC_ICR_LEVEL_SHIFT 14
#define XVCPU_X2APIC_ICR_LEVEL_MASK 0x4000ull
#define XVCPU_X2APIC_ICR_LEVEL 0x4000ull
#define XVCPU_X2APIC_ICR_TRIGGER_MODE_SHIFT 15
#define XVCPU_X2APIC_ICR_TRIGGER_MODE_MASK 0x8000ull
#define XVCPU_X2APIC_ICR_TRIGGER_MODE 0x8000ull
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SHIFT 18
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_MASK 0xC0000ull
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_NONE 0u
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SELF 1u
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF 2u
#define XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_EXCLUDING_SELF 3u
#define XVCPU_X2APIC_ICR_DESTINATION_SHIFT 32
#define XVCPU_X2APIC_ICR_DESTINATION_MASK 0xFFFFFFFF00000000ull

/* X2APIC_LVT_TIMER: LVT timer register (64 bits; SDM Vol. 3A 11.5.1, SDM Vol. 3A 11.12.1.2 Table 11-6) */
#define XVCPU_X2APIC_LVT_TIMER_VECTOR_SHIFT 0
#define XVCPU_X2APIC_LVT_TIMER_VECTOR_MASK 0xFFull
#define XVCPU_X2APIC_LVT_TIMER_DELIVERY_STATUS_SHIFT 12
#define XVCPU_X2APIC_LVT_TIMER_DELIVERY_STATUS_MASK 0x1000ull
#define XVCPU_X2APIC_LVT_TIMER_DELIVERY_STATUS 0x1000ull
#define XVCPU_X2APIC_LVT_TIMER_MASKED_SHIFT 16
#define XVCPU_X2APIC_LVT_TIMER_MASKED_MASK 0x10000ull
#define XVCPU_X2APIC_LVT_TIMER_MASKED 0x10000ull
#define XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_SHIFT 17
#define XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_MASK 0x60000ull
#define XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_ONE_SHOT 0u
#define XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_PERIODIC 1u
#define XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE 2u

/* IA32_BNDCFGS: MPX supervisor bounds configuration (64 bits; SDM Vol. 4 Table 2-2) */
#define XVCPU_IA32_BNDCFGS_EN_SHIFT 0
#define XVCPU_IA32_BNDCFGS_EN_MASK 0x1ull
#define XVCPU_IA32_BNDCFGS_EN 0x1ull
#define XVCPU_IA32_BNDCFGS_BNDPRESERVE_SHIFT 1
#define XVCPU_IA32_BNDCFGS_BNDPRESERVE_MASK 0x2ull
#define XVCPU_IA32_BNDCFGS_BNDPRESERVE 0x2ull
#define XVCPU_IA32_BNDCFGS_BASE_SHIFT 12
#define XVCPU_IA32_BNDCFGS_BASE_MASK 0xFFFFFFFFFFFFF000ull

/* IA32_EFER: Extended feature enables (64 bits; SDM Vol. 4 Table 2-2, APM Vol. 2 3.1.7) */
#define XVCPU_IA32_EFER_RESERVED 0xFFFFFFFFFFC902FEull /* every bit no field here names */
#define XVCPU_IA32_EFER_SCE_SHIFT 0
#define XVCPU_IA32_EFER_SCE_MASK 0x1ull
#define XVCPU_IA32_EFER_SCE 0x1ull
#define XVCPU_IA32_EFER_LME_SHIFT 8
#define XVCPU_IA32_EFER_LME_MASK 0x100ull
#define XVCPU_IA32_EFER_LME 0x100ull
#define XVCPU_IA32_EFER_LMA_SHIFT 10
#define XVCPU_IA32_EFER_LMA_MASK 0x400ull
#define XVCPU_IA32_EFER_LMA 0x400ull
#define XVCPU_IA32_EFER_NXE_SHIFT 11
#define XVCPU_IA32_EFER_NXE_MASK 0x800ull
#define XVCPU_IA32_EFER_NXE 0x800ull
#define XVCPU_IA32_EFER_SVME_SHIFT 12
#define XVCPU_IA32_EFER_SVME_MASK 0x1000ull
#define XVCPU_IA32_EFER_SVME 0x1000ull
#define XVCPU_IA32_EFER_LMSLE_SHIFT 13
#define XVCPU_IA32_EFER_LMSLE_MASK 0x2000ull
#define XVCPU_IA32_EFER_LMSLE 0x2000ull
#define XVCPU_IA32_EFER_FFXSR_SHIFT 14
#define XVCPU_IA32_EFER_FFXSR_MASK 0x4000ull
#define XVCPU_IA32_EFER_FFXSR 0x4000ull
#define XVCPU_IA32_EFER_TCE_SHIFT 15
#define XVCPU_IA32_EFER_TCE_MASK 0x8000ull
#define XVCPU_IA32_EFER_TCE 0x8000ull
#define XVCPU_IA32_EFER_MCOMMIT_SHIFT 17
#define XVCPU_IA32_EFER_MCOMMIT_MASK 0x20000ull
#define XVCPU_IA32_EFER_MCOMMIT 0x20000ull
#define XVCPU_IA32_EFER_INTWB_SHIFT 18
#define XVCPU_IA32_EFER_INTWB_MASK 0x40000ull
#define XVCPU_IA32_EFER_INTWB 0x40000ull
#define XVCPU_IA32_EFER_UAIE_SHIFT 20
#define XVCPU_IA32_EFER_UAIE_MASK 0x100000ull
#define XVCPU_IA32_EFER_UAIE 0x100000ull
#define XVCPU_IA32_EFER_AIBRSE_SHIFT 21
#define XVCPU_IA32_EFER_AIBRSE_MASK 0x200000ull
#define XVCPU_IA32_EFER_AIBRSE 0x200000ull

/* IA32_STAR: SYSCALL/SYSRET segment selectors (and legacy-mode SYSCALL EIP) (64 bits; SDM Vol. 4 Table 2-2, APM Vol. 2 6.1.1) */
#define XVCPU_IA32_STAR_LEGACY_SYSCALL_EIP_SHIFT 0
#define XVCPU_IA32_STAR_LEGACY_SYSCALL_EIP_MASK 0xFFFFFFFFull
#define XVCPU_IA32_STAR_SYSCALL_CS_SS_SHIFT 32
#define XVCPU_IA32_STAR_SYSCALL_CS_SS_MASK 0xFFFF00000000ull
#define XVCPU_IA32_STAR_SYSRET_CS_SS_SHIFT 48
#define XVCPU_IA32_STAR_SYSRET_CS_SS_MASK 0xFFFF000000000000ull

/* AMD_TSC_RATIO: Guest TSC ratio (8.32 fixed point) (64 bits; APM Vol. 2 15.30.5) */
#define XVCPU_AMD_TSC_RATIO_FRACTION_SHIFT 0
#define XVCPU_AMD_TSC_RATIO_FRACTION_MASK 0xFFFFFFFFull
#define XVCPU_AMD_TSC_RATIO_INTEGER_SHIFT 32
#define XVCPU_AMD_TSC_RATIO_INTEGER_MASK 0xFF00000000ull

/* AMD_SYSCFG: System configuration (64 bits; APM Vol. 2 Appendix A) */
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_EN_SHIFT 18
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_EN_MASK 0x40000ull
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_EN 0x40000ull
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_MOD_EN_SHIFT 19
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_MOD_EN_MASK 0x80000ull
#define XVCPU_AMD_SYSCFG_MTRR_FIX_DRAM_MOD_EN 0x80000ull
#define XVCPU_AMD_SYSCFG_MTRR_VAR_DRAM_EN_SHIFT 20
#define XVCPU_AMD_SYSCFG_MTRR_VAR_DRAM_EN_MASK 0x100000ull
#define XVCPU_AMD_SYSCFG_MTRR_VAR_DRAM_EN 0x100000ull
#define XVCPU_AMD_SYSCFG_MTRR_TOM2_EN_SHIFT 21
#define XVCPU_AMD_SYSCFG_MTRR_TOM2_EN_MASK 0x200000ull
#define XVCPU_AMD_SYSCFG_MTRR_TOM2_EN 0x200000ull
#define XVCPU_AMD_SYSCFG_TOM2_FORCE_MEM_TYPE_WB_SHIFT 22
#define XVCPU_AMD_SYSCFG_TOM2_FORCE_MEM_TYPE_WB_MASK 0x400000ull
#define XVCPU_AMD_SYSCFG_TOM2_FORCE_MEM_TYPE_WB 0x400000ull
#define XVCPU_AMD_SYSCFG_MEM_ENCRYPTION_MOD_EN_SHIFT 23
#define XVCPU_AMD_SYSCFG_MEM_ENCRYPTION_MOD_EN_MASK 0x800000ull
#define XVCPU_AMD_SYSCFG_MEM_ENCRYPTION_MOD_EN 0x800000ull
#define XVCPU_AMD_SYSCFG_SNP_EN_SHIFT 24
#define XVCPU_AMD_SYSCFG_SNP_EN_MASK 0x1000000ull
#define XVCPU_AMD_SYSCFG_SNP_EN 0x1000000ull
#define XVCPU_AMD_SYSCFG_VMPL_EN_SHIFT 25
#define XVCPU_AMD_SYSCFG_VMPL_EN_MASK 0x2000000ull
#define XVCPU_AMD_SYSCFG_VMPL_EN 0x2000000ull

/* AMD_HWCR: Hardware configuration (64 bits; APM Vol. 2 Appendix A) */
#define XVCPU_AMD_HWCR_SMMLOCK_SHIFT 0
#define XVCPU_AMD_HWCR_SMMLOCK_MASK 0x1ull
#define XVCPU_AMD_HWCR_SMMLOCK 0x1ull
#define XVCPU_AMD_HWCR_FFDIS_SHIFT 6
#define XVCPU_AMD_HWCR_FFDIS_MASK 0x40ull
#define XVCPU_AMD_HWCR_FFDIS 0x40ull
#define XVCPU_AMD_HWCR_MCI_STATUS_WREN_SHIFT 18
#define XVCPU_AMD_HWCR_MCI_STATUS_WREN_MASK 0x40000ull
#define XVCPU_AMD_HWCR_MCI_STATUS_WREN 0x40000ull
#define XVCPU_AMD_HWCR_TSC_FREQ_SEL_SHIFT 24
#define XVCPU_AMD_HWCR_TSC_FREQ_SEL_MASK 0x1000000ull
#define XVCPU_AMD_HWCR_TSC_FREQ_SEL 0x1000000ull
#define XVCPU_AMD_HWCR_IRPERF_EN_SHIFT 30
#define XVCPU_AMD_HWCR_IRPERF_EN_MASK 0x40000000ull
#define XVCPU_AMD_HWCR_IRPERF_EN 0x40000000ull
#define XVCPU_AMD_HWCR_CPUID_USER_DIS_SHIFT 35
#define XVCPU_AMD_HWCR_CPUID_USER_DIS_MASK 0x800000000ull
#define XVCPU_AMD_HWCR_CPUID_USER_DIS 0x800000000ull

/* VM_CR: SVM control (64 bits; APM Vol. 2 15.30.1) */
#define XVCPU_VM_CR_DPD_SHIFT 0
#define XVCPU_VM_CR_DPD_MASK 0x1ull
#define XVCPU_VM_CR_DPD 0x1ull
#define XVCPU_VM_CR_R_INIT_SHIFT 1
#define XVCPU_VM_CR_R_INIT_MASK 0x2ull
#define XVCPU_VM_CR_R_INIT 0x2ull
#define XVCPU_VM_CR_DIS_A20M_SHIFT 2
#define XVCPU_VM_CR_DIS_A20M_MASK 0x4ull
#define XVCPU_VM_CR_DIS_A20M 0x4ull
#define XVCPU_VM_CR_LOCK_SHIFT 3
#define XVCPU_VM_CR_LOCK_MASK 0x8ull
#define XVCPU_VM_CR_LOCK 0x8ull
#define XVCPU_VM_CR_SVMDIS_SHIFT 4
#define XVCPU_VM_CR_SVMDIS_MASK 0x10ull
#define XVCPU_VM_CR_SVMDIS 0x10ull

/* AMD_VIRT_SPEC_CTRL: Virtualized speculation control (SSBD for guests without SPEC_CTRL.SSBD) (64 bits; APM Vol. 2 Appendix A) */
#define XVCPU_AMD_VIRT_SPEC_CTRL_SSBD_SHIFT 2
#define XVCPU_AMD_VIRT_SPEC_CTRL_SSBD_MASK 0x4ull
#define XVCPU_AMD_VIRT_SPEC_CTRL_SSBD 0x4ull

/* AMD_SEV_STATUS: SEV features active in the guest (read-only) (64 bits; APM Vol. 2 15.34 (SEV), Appendix A) */
#define XVCPU_AMD_SEV_STATUS_SEV_ENABLED_SHIFT 0
#define XVCPU_AMD_SEV_STATUS_SEV_ENABLED_MASK 0x1ull
#define XVCPU_AMD_SEV_STATUS_SEV_ENABLED 0x1ull
#define XVCPU_AMD_SEV_STATUS_SEV_ES_ENABLED_SHIFT 1
#define XVCPU_AMD_SEV_STATUS_SEV_ES_ENABLED_MASK 0x2ull
#define XVCPU_AMD_SEV_STATUS_SEV_ES_ENABLED 0x2ull
#define XVCPU_AMD_SEV_STATUS_SNP_ENABLED_SHIFT 2
#define XVCPU_AMD_SEV_STATUS_SNP_ENABLED_MASK 0x4ull
#define XVCPU_AMD_SEV_STATUS_SNP_ENABLED 0x4ull

/* The MSR's name for logs, or NULL when the spec does not know it. */
static inline const char *xvcpu_msr_name(uint32_t msr)
{
    switch (msr) {
    case 0x10u: return "IA32_TSC";
    case 0x17u: return "IA32_PLATFORM_ID";
    case 0x1Bu: return "IA32_APIC_BASE";
    case 0x3Au: return "IA32_FEATURE_CONTROL";
    case 0x3Bu: return "IA32_TSC_ADJUST";
    case 0x48u: return "IA32_SPEC_CTRL";
    case 0x49u: return "IA32_PRED_CMD";
    case 0x8Bu: return "IA32_BIOS_SIGN_ID";
    case 0xE1u: return "IA32_UMWAIT_CONTROL";
    case 0xE7u: return "IA32_MPERF";
    case 0xE8u: return "IA32_APERF";
    case 0xFEu: return "IA32_MTRRCAP";
    case 0x10Au: return "IA32_ARCH_CAPABILITIES";
    case 0x10Bu: return "IA32_FLUSH_CMD";
    case 0x174u: return "IA32_SYSENTER_CS";
    case 0x175u: return "IA32_SYSENTER_ESP";
    case 0x176u: return "IA32_SYSENTER_EIP";
    case 0x179u: return "IA32_MCG_CAP";
    case 0x17Au: return "IA32_MCG_STATUS";
    case 0x1A0u: return "IA32_MISC_ENABLE";
    case 0x1C4u: return "IA32_XFD";
    case 0x1C5u: return "IA32_XFD_ERR";
    case 0x1D9u: return "IA32_DEBUGCTL";
    case 0x200u: return "IA32_MTRR_PHYSBASE0";
    case 0x201u: return "IA32_MTRR_PHYSMASK0";
    case 0x250u: return "IA32_MTRR_FIX64K_00000";
    case 0x258u: return "IA32_MTRR_FIX16K_80000";
    case 0x259u: return "IA32_MTRR_FIX16K_A0000";
    case 0x268u: return "IA32_MTRR_FIX4K_C0000";
    case 0x269u: return "IA32_MTRR_FIX4K_C8000";
    case 0x26Au: return "IA32_MTRR_FIX4K_D0000";
    case 0x26Bu: return "IA32_MTRR_FIX4K_D8000";
    case 0x26Cu: return "IA32_MTRR_FIX4K_E0000";
    case 0x26Du: return "IA32_MTRR_FIX4K_E8000";
    case 0x26Eu: return "IA32_MTRR_FIX4K_F0000";
    case 0x26Fu: return "IA32_MTRR_FIX4K_F8000";
    case 0x277u: return "IA32_PAT";
    case 0x2FFu: return "IA32_MTRR_DEF_TYPE";
    case 0x38Fu: return "IA32_PERF_GLOBAL_CTRL";
    case 0x480u: return "IA32_VMX_BASIC";
    case 0x481u: return "IA32_VMX_PINBASED_CTLS";
    case 0x482u: return "IA32_VMX_PROCBASED_CTLS";
    case 0x483u: return "IA32_VMX_EXIT_CTLS";
    case 0x484u: return "IA32_VMX_ENTRY_CTLS";
    case 0x485u: return "IA32_VMX_MISC";
    case 0x486u: return "IA32_VMX_CR0_FIXED0";
    case 0x487u: return "IA32_VMX_CR0_FIXED1";
    case 0x488u: return "IA32_VMX_CR4_FIXED0";
    case 0x489u: return "IA32_VMX_CR4_FIXED1";
    case 0x48Au: return "IA32_VMX_VMCS_ENUM";
    case 0x48Bu: return "IA32_VMX_PROCBASED_CTLS2";
    case 0x48Cu: return "IA32_VMX_EPT_VPID_CAP";
    case 0x48Du: return "IA32_VMX_TRUE_PINBASED_CTLS";
    case 0x48Eu: return "IA32_VMX_TRUE_PROCBASED_CTLS";
    case 0x48Fu: return "IA32_VMX_TRUE_EXIT_CTLS";
    case 0x490u: return "IA32_VMX_TRUE_ENTRY_CTLS";
    case 0x491u: return "IA32_VMX_VMFUNC";
    case 0x492u: return "IA32_VMX_PROCBASED_CTLS3";
    case 0x493u: return "IA32_VMX_EXIT_CTLS2";
    case 0x570u: return "IA32_RTIT_CTL";
    case 0x6A0u: return "IA32_U_CET";
    case 0x6A2u: return "IA32_S_CET";
    case 0x6A4u: return "IA32_PL0_SSP";
    case 0x6A5u: return "IA32_PL1_SSP";
    case 0x6A6u: return "IA32_PL2_SSP";
    case 0x6A7u: return "IA32_PL3_SSP";
    case 0x6A8u: return "IA32_INTERRUPT_SSP_TABLE_ADDR";
    case 0x6E0u: return "IA32_TSC_DEADLINE";
    case 0x6E1u: return "IA32_PKRS";
    case 0x802u: return "X2APIC_ID";
    case 0x803u: return "X2APIC_VERSION";
    case 0x808u: return "X2APIC_TPR";
    case 0x80Au: return "X2APIC_PPR";
    case 0x80Bu: return "X2APIC_EOI";
    case 0x80Du: return "X2APIC_LDR";
    case 0x80Fu: return "X2APIC_SVR";
    case 0x828u: return "X2APIC_ESR";
    case 0x830u: return "X2APIC_ICR";
    case 0x832u: return "X2APIC_LVT_TIMER";
    case 0x833u: return "X2APIC_LVT_THERMAL";
    case 0x834u: return "X2APIC_LVT_PMI";
    case 0x835u: return "X2APIC_LVT_LINT0";
    case 0x836u: return "X2APIC_LVT_LINT1";
    case 0x837u: return "X2APIC_LVT_ERROR";
    case 0x838u: return "X2APIC_TIMER_INITIAL_COUNT";
    case 0x839u: return "X2APIC_TIMER_CURRENT_COUNT";
    case 0x83Eu: return "X2APIC_TIMER_DIVIDE";
    case 0x83Fu: return "X2APIC_SELF_IPI";
    case 0xD90u: return "IA32_BNDCFGS";
    case 0xDA0u: return "IA32_XSS";
    case 0x14CEu: return "IA32_LBR_CTL";
    case 0xC0000080u: return "IA32_EFER";
    case 0xC0000081u: return "IA32_STAR";
    case 0xC0000082u: return "IA32_LSTAR";
    case 0xC0000083u: return "IA32_CSTAR";
    case 0xC0000084u: return "IA32_FMASK";
    case 0xC0000100u: return "IA32_FS_BASE";
    case 0xC0000101u: return "IA32_GS_BASE";
    case 0xC0000102u: return "IA32_KERNEL_GS_BASE";
    case 0xC0000103u: return "IA32_TSC_AUX";
    case 0xC0000104u: return "AMD_TSC_RATIO";
    case 0xC0010010u: return "AMD_SYSCFG";
    case 0xC0010015u: return "AMD_HWCR";
    case 0xC001001Au: return "AMD_TOP_MEM";
    case 0xC001001Du: return "AMD_TOP_MEM2";
    case 0xC0010114u: return "VM_CR";
    case 0xC0010115u: return "AMD_IGNNE";
    case 0xC0010116u: return "AMD_SMM_CTL";
    case 0xC0010117u: return "VM_HSAVE_PA";
    case 0xC001011Fu: return "AMD_VIRT_SPEC_CTRL";
    case 0xC0010130u: return "AMD_GHCB";
    case 0xC0010131u: return "AMD_SEV_STATUS";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_MSRS_H */

/* ==== xvcpu/gen/x86_registers.h ==== */
/* xvcpu/gen/x86_registers.h: generated by codegen/gen.py from spec/x86_registers.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_X86_REGISTERS_H
#define XVCPU_GEN_X86_REGISTERS_H

/* Bit fields: NAME_SHIFT and NAME_MASK (mask in place), and NAME itself for one-bit fields.
 * Read a field with XVCPU_FIELD_GET(XVCPU_<LAYOUT>_<FIELD>, value). */

/* CR0: Control register 0 (64 bits; SDM Vol. 3A 2.5) */
#define XVCPU_CR0_RESERVED 0xFFFFFFFF1FFAFFC0ull /* every bit no field here names */
#define XVCPU_CR0_PE_SHIFT 0
#define XVCPU_CR0_PE_MASK 0x1ull
#define XVCPU_CR0_PE 0x1ull
#define XVCPU_CR0_MP_SHIFT 1
#define XVCPU_CR0_MP_MASK 0x2ull
#define XVCPU_CR0_MP 0x2ull
#define XVCPU_CR0_EM_SHIFT 2
#define XVCPU_CR0_EM_MASK 0x4ull
#define XVCPU_CR0_EM 0x4ull
#define XVCPU_CR0_TS_SHIFT 3
#define XVCPU_CR0_TS_MASK 0x8ull
#define XVCPU_CR0_TS 0x8ull
#define XVCPU_CR0_ET_SHIFT 4
#define XVCPU_CR0_ET_MASK 0x10ull
#define XVCPU_CR0_ET 0x10ull
#define XVCPU_CR0_NE_SHIFT 5
#define XVCPU_CR0_NE_MASK 0x20ull
#define XVCPU_CR0_NE 0x20ull
#define XVCPU_CR0_WP_SHIFT 16
#define XVCPU_CR0_WP_MASK 0x10000ull
#define XVCPU_CR0_WP 0x10000ull
#define XVCPU_CR0_AM_SHIFT 18
#define XVCPU_CR0_AM_MASK 0x40000ull
#define XVCPU_CR0_AM 0x40000ull
#define XVCPU_CR0_NW_SHIFT 29
#define XVCPU_CR0_NW_MASK 0x20000000ull
#define XVCPU_CR0_NW 0x20000000ull
#define XVCPU_CR0_CD_SHIFT 30
#define XVCPU_CR0_CD_MASK 0x40000000ull
#define XVCPU_CR0_CD 0x40000000ull
#define XVCPU_CR0_PG_SHIFT 31
#define XVCPU_CR0_PG_MASK 0x80000000ull
#define XVCPU_CR0_PG 0x80000000ull

/* CR3: Control register 3 (page-table base; PCID view in CR3_PCID) (64 bits; SDM Vol. 3A 2.5, SDM Vol. 3A 5.5) */
#define XVCPU_CR3_PWT_SHIFT 3
#define XVCPU_CR3_PWT_MASK 0x8ull
#define XVCPU_CR3_PWT 0x8ull
#define XVCPU_CR3_PCD_SHIFT 4
#define XVCPU_CR3_PCD_MASK 0x10ull
#define XVCPU_CR3_PCD 0x10ull
#define XVCPU_CR3_BASE_SHIFT 12
#define XVCPU_CR3_BASE_MASK 0xFFFFFFFFFF000ull
#define XVCPU_CR3_LAM_U57_SHIFT 61
#define XVCPU_CR3_LAM_U57_MASK 0x2000000000000000ull
#define XVCPU_CR3_LAM_U57 0x2000000000000000ull
#define XVCPU_CR3_LAM_U48_SHIFT 62
#define XVCPU_CR3_LAM_U48_MASK 0x4000000000000000ull
#define XVCPU_CR3_LAM_U48 0x4000000000000000ull

/* CR3_PCID: CR3 when CR4.PCIDE = 1 (bit 63 exists only in the MOV-to-CR3 source operand) (64 bits; SDM Vol. 3A 5.10.4.1) */
#define XVCPU_CR3_PCID_PCID_SHIFT 0
#define XVCPU_CR3_PCID_PCID_MASK 0xFFFull
#define XVCPU_CR3_PCID_NOFLUSH_SHIFT 63
#define XVCPU_CR3_PCID_NOFLUSH_MASK 0x8000000000000000ull
#define XVCPU_CR3_PCID_NOFLUSH 0x8000000000000000ull

/* CR4: Control register 4 (64 bits; SDM Vol. 3A 2.5) */
#define XVCPU_CR4_RESERVED 0xFFFFFFFEE4008000ull /* every bit no field here names */
#define XVCPU_CR4_VME_SHIFT 0
#define XVCPU_CR4_VME_MASK 0x1ull
#define XVCPU_CR4_VME 0x1ull
#define XVCPU_CR4_PVI_SHIFT 1
#define XVCPU_CR4_PVI_MASK 0x2ull
#define XVCPU_CR4_PVI 0x2ull
#define XVCPU_CR4_TSD_SHIFT 2
#define XVCPU_CR4_TSD_MASK 0x4ull
#define XVCPU_CR4_TSD 0x4ull
#define XVCPU_CR4_DE_SHIFT 3
#define XVCPU_CR4_DE_MASK 0x8ull
#define XVCPU_CR4_DE 0x8ull
#define XVCPU_CR4_PSE_SHIFT 4
#define XVCPU_CR4_PSE_MASK 0x10ull
#define XVCPU_CR4_PSE 0x10ull
#define XVCPU_CR4_PAE_SHIFT 5
#define XVCPU_CR4_PAE_MASK 0x20ull
#define XVCPU_CR4_PAE 0x20ull
#define XVCPU_CR4_MCE_SHIFT 6
#define XVCPU_CR4_MCE_MASK 0x40ull
#define XVCPU_CR4_MCE 0x40ull
#define XVCPU_CR4_PGE_SHIFT 7
#define XVCPU_CR4_PGE_MASK 0x80ull
#define XVCPU_CR4_PGE 0x80ull
#define XVCPU_CR4_PCE_SHIFT 8
#define XVCPU_CR4_PCE_MASK 0x100ull
#define XVCPU_CR4_PCE 0x100ull
#define XVCPU_CR4_OSFXSR_SHIFT 9
#define XVCPU_CR4_OSFXSR_MASK 0x200ull
#define XVCPU_CR4_OSFXSR 0x200ull
#define XVCPU_CR4_OSXMMEXCPT_SHIFT 10
#define XVCPU_CR4_OSXMMEXCPT_MASK 0x400ull
#define XVCPU_CR4_OSXMMEXCPT 0x400ull
#define XVCPU_CR4_UMIP_SHIFT 11
#define XVCPU_CR4_UMIP_MASK 0x800ull
#define XVCPU_CR4_UMIP 0x800ull
#define XVCPU_CR4_LA57_SHIFT 12
#define XVCPU_CR4_LA57_MASK 0x1000ull
#define XVCPU_CR4_LA57 0x1000ull
#define XVCPU_CR4_VMXE_SHIFT 13
#define XVCPU_CR4_VMXE_MASK 0x2000ull
#define XVCPU_CR4_VMXE 0x2000ull
#define XVCPU_CR4_SMXE_SHIFT 14
#define XVCPU_CR4_SMXE_MASK 0x4000ull
#define XVCPU_CR4_SMXE 0x4000ull
#define XVCPU_CR4_FSGSBASE_SHIFT 16
#define XVCPU_CR4_FSGSBASE_MASK 0x10000ull
#define XVCPU_CR4_FSGSBASE 0x10000ull
#define XVCPU_CR4_PCIDE_SHIFT 17
#define XVCPU_CR4_PCIDE_MASK 0x20000ull
#define XVCPU_CR4_PCIDE 0x20000ull
#define XVCPU_CR4_OSXSAVE_SHIFT 18
#define XVCPU_CR4_OSXSAVE_MASK 0x40000ull
#define XVCPU_CR4_OSXSAVE 0x40000ull
#define XVCPU_CR4_KL_SHIFT 19
#define XVCPU_CR4_KL_MASK 0x80000ull
#define XVCPU_CR4_KL 0x80000ull
#define XVCPU_CR4_SMEP_SHIFT 20
#define XVCPU_CR4_SMEP_MASK 0x100000ull
#define XVCPU_CR4_SMEP 0x100000ull
#define XVCPU_CR4_SMAP_SHIFT 21
#define XVCPU_CR4_SMAP_MASK 0x200000ull
#define XVCPU_CR4_SMAP 0x200000ull
#define XVCPU_CR4_PKE_SHIFT 22
#define XVCPU_CR4_PKE_MASK 0x400000ull
#define XVCPU_CR4_PKE 0x400000ull
#define XVCPU_CR4_CET_SHIFT 23
#define XVCPU_CR4_CET_MASK 0x800000ull
#define XVCPU_CR4_CET 0x800000ull
#define XVCPU_CR4_PKS_SHIFT 24
#define XVCPU_CR4_PKS_MASK 0x1000000ull
#define XVCPU_CR4_PKS 0x1000000ull
#define XVCPU_CR4_UINTR_SHIFT 25
#define XVCPU_CR4_UINTR_MASK 0x2000000ull
#define XVCPU_CR4_UINTR 0x2000000ull
#define XVCPU_CR4_LASS_SHIFT 27
#define XVCPU_CR4_LASS_MASK 0x8000000ull
#define XVCPU_CR4_LASS 0x8000000ull
#define XVCPU_CR4_LAM_SUP_SHIFT 28
#define XVCPU_CR4_LAM_SUP_MASK 0x10000000ull
#define XVCPU_CR4_LAM_SUP 0x10000000ull
#define XVCPU_CR4_FRED_SHIFT 32
#define XVCPU_CR4_FRED_MASK 0x100000000ull
#define XVCPU_CR4_FRED 0x100000000ull

/* CR8: Control register 8 (task priority, 64-bit mode) (64 bits; SDM Vol. 3A 2.5) */
#define XVCPU_CR8_RESERVED 0xFFFFFFFFFFFFFFF0ull /* every bit no field here names */
#define XVCPU_CR8_TPR_SHIFT 0
#define XVCPU_CR8_TPR_MASK 0xFull

/* RFLAGS: Flags register (64 bits; SDM Vol. 1 3.4.3, SDM Vol. 3A 2.3) */
#define XVCPU_RFLAGS_CF_SHIFT 0
#define XVCPU_RFLAGS_CF_MASK 0x1ull
#define XVCPU_RFLAGS_CF 0x1ull
#define XVCPU_RFLAGS_FIXED1_SHIFT 1
#define XVCPU_RFLAGS_FIXED1_MASK 0x2ull
#define XVCPU_RFLAGS_FIXED1 0x2ull
#define XVCPU_RFLAGS_PF_SHIFT 2
#define XVCPU_RFLAGS_PF_MASK 0x4ull
#define XVCPU_RFLAGS_PF 0x4ull
#define XVCPU_RFLAGS_AF_SHIFT 4
#define XVCPU_RFLAGS_AF_MASK 0x10ull
#define XVCPU_RFLAGS_AF 0x10ull
#define XVCPU_RFLAGS_ZF_SHIFT 6
#define XVCPU_RFLAGS_ZF_MASK 0x40ull
#define XVCPU_RFLAGS_ZF 0x40ull
#define XVCPU_RFLAGS_SF_SHIFT 7
#define XVCPU_RFLAGS_SF_MASK 0x80ull
#define XVCPU_RFLAGS_SF 0x80ull
#define XVCPU_RFLAGS_TF_SHIFT 8
#define XVCPU_RFLAGS_TF_MASK 0x100ull
#define XVCPU_RFLAGS_TF 0x100ull
#define XVCPU_RFLAGS_IF_SHIFT 9
#define XVCPU_RFLAGS_IF_MASK 0x200ull
#define XVCPU_RFLAGS_IF 0x200ull
#define XVCPU_RFLAGS_DF_SHIFT 10
#define XVCPU_RFLAGS_DF_MASK 0x400ull
#define XVCPU_RFLAGS_DF 0x400ull
#define XVCPU_RFLAGS_OF_SHIFT 11
#define XVCPU_RFLAGS_OF_MASK 0x800ull
#define XVCPU_RFLAGS_OF 0x800ull
#define XVCPU_RFLAGS_IOPL_SHIFT 12
#define XVCPU_RFLAGS_IOPL_MASK 0x3000ull
#define XVCPU_RFLAGS_NT_SHIFT 14
#define XVCPU_RFLAGS_NT_MASK 0x4000ull
#define XVCPU_RFLAGS_NT 0x4000ull
#define XVCPU_RFLAGS_RF_SHIFT 16
#define XVCPU_RFLAGS_RF_MASK 0x10000ull
#define XVCPU_RFLAGS_RF 0x10000ull
#define XVCPU_RFLAGS_VM_SHIFT 17
#define XVCPU_RFLAGS_VM_MASK 0x20000ull
#define XVCPU_RFLAGS_VM 0x20000ull
#define XVCPU_RFLAGS_AC_SHIFT 18
#define XVCPU_RFLAGS_AC_MASK 0x40000ull
#define XVCPU_RFLAGS_AC 0x40000ull
#define XVCPU_RFLAGS_VIF_SHIFT 19
#define XVCPU_RFLAGS_VIF_MASK 0x80000ull
#define XVCPU_RFLAGS_VIF 0x80000ull
#define XVCPU_RFLAGS_VIP_SHIFT 20
#define XVCPU_RFLAGS_VIP_MASK 0x100000ull
#define XVCPU_RFLAGS_VIP 0x100000ull
#define XVCPU_RFLAGS_ID_SHIFT 21
#define XVCPU_RFLAGS_ID_MASK 0x200000ull
#define XVCPU_RFLAGS_ID 0x200000ull

/* XCR0: XFEATURE_ENABLED_MASK (user state components). Validity (XSETBV #GP otherwise): X87 must be 1; AVX requires SSE; OPMASK, ZMM_HI256 and HI16_ZMM are all set or all clear, and if set AVX must be set; BNDREGS and BNDCSR are all set or all clear; TILECFG and TILEDATA are all set or all clear. Supervisor components (see XSS) are never valid here. (64 bits; SDM Vol. 1 13.3, SDM Vol. 3A 2.6) */
#define XVCPU_XCR0_RESERVED 0xFFFFFFFFFFF1FD00ull /* every bit no field here names */
#define XVCPU_XCR0_X87_SHIFT 0
#define XVCPU_XCR0_X87_MASK 0x1ull
#define XVCPU_XCR0_X87 0x1ull
#define XVCPU_XCR0_SSE_SHIFT 1
#define XVCPU_XCR0_SSE_MASK 0x2ull
#define XVCPU_XCR0_SSE 0x2ull
#define XVCPU_XCR0_AVX_SHIFT 2
#define XVCPU_XCR0_AVX_MASK 0x4ull
#define XVCPU_XCR0_AVX 0x4ull
#define XVCPU_XCR0_BNDREGS_SHIFT 3
#define XVCPU_XCR0_BNDREGS_MASK 0x8ull
#define XVCPU_XCR0_BNDREGS 0x8ull
#define XVCPU_XCR0_BNDCSR_SHIFT 4
#define XVCPU_XCR0_BNDCSR_MASK 0x10ull
#define XVCPU_XCR0_BNDCSR 0x10ull
#define XVCPU_XCR0_OPMASK_SHIFT 5
#define XVCPU_XCR0_OPMASK_MASK 0x20ull
#define XVCPU_XCR0_OPMASK 0x20ull
#define XVCPU_XCR0_ZMM_HI256_SHIFT 6
#define XVCPU_XCR0_ZMM_HI256_MASK 0x40ull
#define XVCPU_XCR0_ZMM_HI256 0x40ull
#define XVCPU_XCR0_HI16_ZMM_SHIFT 7
#define XVCPU_XCR0_HI16_ZMM_MASK 0x80ull
#define XVCPU_XCR0_HI16_ZMM 0x80ull
#define XVCPU_XCR0_PKRU_SHIFT 9
#define XVCPU_XCR0_PKRU_MASK 0x200ull
#define XVCPU_XCR0_PKRU 0x200ull
#define XVCPU_XCR0_TILECFG_SHIFT 17
#define XVCPU_XCR0_TILECFG_MASK 0x20000ull
#define XVCPU_XCR0_TILECFG 0x20000ull
#define XVCPU_XCR0_TILEDATA_SHIFT 18
#define XVCPU_XCR0_TILEDATA_MASK 0x40000ull
#define XVCPU_XCR0_TILEDATA 0x40000ull
#define XVCPU_XCR0_APX_SHIFT 19
#define XVCPU_XCR0_APX_MASK 0x80000ull
#define XVCPU_XCR0_APX 0x80000ull

/* XSS: IA32_XSS supervisor state components (XSAVES/XRSTORS) (64 bits; SDM Vol. 1 13.3) */
#define XVCPU_XSS_PT_SHIFT 8
#define XVCPU_XSS_PT_MASK 0x100ull
#define XVCPU_XSS_PT 0x100ull
#define XVCPU_XSS_PASID_SHIFT 10
#define XVCPU_XSS_PASID_MASK 0x400ull
#define XVCPU_XSS_PASID 0x400ull
#define XVCPU_XSS_CET_U_SHIFT 11
#define XVCPU_XSS_CET_U_MASK 0x800ull
#define XVCPU_XSS_CET_U 0x800ull
#define XVCPU_XSS_CET_S_SHIFT 12
#define XVCPU_XSS_CET_S_MASK 0x1000ull
#define XVCPU_XSS_CET_S 0x1000ull
#define XVCPU_XSS_HDC_SHIFT 13
#define XVCPU_XSS_HDC_MASK 0x2000ull
#define XVCPU_XSS_HDC 0x2000ull
#define XVCPU_XSS_UINTR_SHIFT 14
#define XVCPU_XSS_UINTR_MASK 0x4000ull
#define XVCPU_XSS_UINTR 0x4000ull
#define XVCPU_XSS_LBR_SHIFT 15
#define XVCPU_XSS_LBR_MASK 0x8000ull
#define XVCPU_XSS_LBR 0x8000ull
#define XVCPU_XSS_HWP_SHIFT 16
#define XVCPU_XSS_HWP_MASK 0x10000ull
#define XVCPU_XSS_HWP 0x10000ull

/* DR6: Debug status (architectural init value 0xFFFF0FF0; BLD and RTM are active-low) (64 bits; SDM Vol. 3B 18.2.3) */
#define XVCPU_DR6_B0_SHIFT 0
#define XVCPU_DR6_B0_MASK 0x1ull
#define XVCPU_DR6_B0 0x1ull
#define XVCPU_DR6_B1_SHIFT 1
#define XVCPU_DR6_B1_MASK 0x2ull
#define XVCPU_DR6_B1 0x2ull
#define XVCPU_DR6_B2_SHIFT 2
#define XVCPU_DR6_B2_MASK 0x4ull
#define XVCPU_DR6_B2 0x4ull
#define XVCPU_DR6_B3_SHIFT 3
#define XVCPU_DR6_B3_MASK 0x8ull
#define XVCPU_DR6_B3 0x8ull
#define XVCPU_DR6_BLD_SHIFT 11
#define XVCPU_DR6_BLD_MASK 0x800ull
#define XVCPU_DR6_BLD 0x800ull
#define XVCPU_DR6_BD_SHIFT 13
#define XVCPU_DR6_BD_MASK 0x2000ull
#define XVCPU_DR6_BD 0x2000ull
#define XVCPU_DR6_BS_SHIFT 14
#define XVCPU_DR6_BS_MASK 0x4000ull
#define XVCPU_DR6_BS 0x4000ull
#define XVCPU_DR6_BT_SHIFT 15
#define XVCPU_DR6_BT_MASK 0x8000ull
#define XVCPU_DR6_BT 0x8000ull
#define XVCPU_DR6_RTM_SHIFT 16
#define XVCPU_DR6_RTM_MASK 0x10000ull
#define XVCPU_DR6_RTM 0x10000ull

/* DR7: Debug control (bit 10 reads as 1; init value 0x400) (64 bits; SDM Vol. 3B 18.2.4) */
#define XVCPU_DR7_L0_SHIFT 0
#define XVCPU_DR7_L0_MASK 0x1ull
#define XVCPU_DR7_L0 0x1ull
#define XVCPU_DR7_G0_SHIFT 1
#define XVCPU_DR7_G0_MASK 0x2ull
#define XVCPU_DR7_G0 0x2ull
#define XVCPU_DR7_L1_SHIFT 2
#define XVCPU_DR7_L1_MASK 0x4ull
#define XVCPU_DR7_L1 0x4ull
#define XVCPU_DR7_G1_SHIFT 3
#define XVCPU_DR7_G1_MASK 0x8ull
#define XVCPU_DR7_G1 0x8ull
#define XVCPU_DR7_L2_SHIFT 4
#define XVCPU_DR7_L2_MASK 0x10ull
#define XVCPU_DR7_L2 0x10ull
#define XVCPU_DR7_G2_SHIFT 5
#define XVCPU_DR7_G2_MASK 0x20ull
#define XVCPU_DR7_G2 0x20ull
#define XVCPU_DR7_L3_SHIFT 6
#define XVCPU_DR7_L3_MASK 0x40ull
#define XVCPU_DR7_L3 0x40ull
#define XVCPU_DR7_G3_SHIFT 7
#define XVCPU_DR7_G3_MASK 0x80ull
#define XVCPU_DR7_G3 0x80ull
#define XVCPU_DR7_LE_SHIFT 8
#define XVCPU_DR7_LE_MASK 0x100ull
#define XVCPU_DR7_LE 0x100ull
#define XVCPU_DR7_GE_SHIFT 9
#define XVCPU_DR7_GE_MASK 0x200ull
#define XVCPU_DR7_GE 0x200ull
#define XVCPU_DR7_FIXED1_SHIFT 10
#define XVCPU_DR7_FIXED1_MASK 0x400ull
#define XVCPU_DR7_FIXED1 0x400ull
#define XVCPU_DR7_RTM_SHIFT 11
#define XVCPU_DR7_RTM_MASK 0x800ull
#define XVCPU_DR7_RTM 0x800ull
#define XVCPU_DR7_GD_SHIFT 13
#define XVCPU_DR7_GD_MASK 0x2000ull
#define XVCPU_DR7_GD 0x2000ull
#define XVCPU_DR7_RW0_SHIFT 16
#define XVCPU_DR7_RW0_MASK 0x30000ull
#define XVCPU_DR7_RW0_EXECUTE 0u
#define XVCPU_DR7_RW0_WRITE 1u
#define XVCPU_DR7_RW0_IO 2u
#define XVCPU_DR7_RW0_READ_WRITE 3u
#define XVCPU_DR7_LEN0_SHIFT 18
#define XVCPU_DR7_LEN0_MASK 0xC0000ull
#define XVCPU_DR7_LEN0_BYTE 0u
#define XVCPU_DR7_LEN0_WORD 1u
#define XVCPU_DR7_LEN0_QWORD 2u
#define XVCPU_DR7_LEN0_DWORD 3u
#define XVCPU_DR7_RW1_SHIFT 20
#define XVCPU_DR7_RW1_MASK 0x300000ull
#define XVCPU_DR7_LEN1_SHIFT 22
#define XVCPU_DR7_LEN1_MASK 0xC00000ull
#define XVCPU_DR7_RW2_SHIFT 24
#define XVCPU_DR7_RW2_MASK 0x3000000ull
#define XVCPU_DR7_LEN2_SHIFT 26
#define XVCPU_DR7_LEN2_MASK 0xC000000ull
#define XVCPU_DR7_RW3_SHIFT 28
#define XVCPU_DR7_RW3_MASK 0x30000000ull
#define XVCPU_DR7_LEN3_SHIFT 30
#define XVCPU_DR7_LEN3_MASK 0xC0000000ull

/* SEGMENT_ACCESS_RIGHTS: Guest segment access rights in the VMCS format (32 bits; SDM Vol. 3C 25.4.1 Table 25-2) */
#define XVCPU_SEGMENT_ACCESS_RIGHTS_TYPE_SHIFT 0
#define XVCPU_SEGMENT_ACCESS_RIGHTS_TYPE_MASK 0xFull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_S_SHIFT 4
#define XVCPU_SEGMENT_ACCESS_RIGHTS_S_MASK 0x10ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_S 0x10ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_DPL_SHIFT 5
#define XVCPU_SEGMENT_ACCESS_RIGHTS_DPL_MASK 0x60ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_P_SHIFT 7
#define XVCPU_SEGMENT_ACCESS_RIGHTS_P_MASK 0x80ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_P 0x80ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_AVL_SHIFT 12
#define XVCPU_SEGMENT_ACCESS_RIGHTS_AVL_MASK 0x1000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_AVL 0x1000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_L_SHIFT 13
#define XVCPU_SEGMENT_ACCESS_RIGHTS_L_MASK 0x2000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_L 0x2000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_DB_SHIFT 14
#define XVCPU_SEGMENT_ACCESS_RIGHTS_DB_MASK 0x4000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_DB 0x4000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_G_SHIFT 15
#define XVCPU_SEGMENT_ACCESS_RIGHTS_G_MASK 0x8000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_G 0x8000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE_SHIFT 16
#define XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE_MASK 0x10000ull
#define XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE 0x10000ull

/* PAGE_FAULT_ERROR_CODE: #PF error code (32 bits; SDM Vol. 3A 5.7, APM Vol. 2 8.4.2) */
#define XVCPU_PAGE_FAULT_ERROR_CODE_P_SHIFT 0
#define XVCPU_PAGE_FAULT_ERROR_CODE_P_MASK 0x1ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_P 0x1ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_W_SHIFT 1
#define XVCPU_PAGE_FAULT_ERROR_CODE_W_MASK 0x2ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_W 0x2ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_U_SHIFT 2
#define XVCPU_PAGE_FAULT_ERROR_CODE_U_MASK 0x4ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_U 0x4ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_RSVD_SHIFT 3
#define XVCPU_PAGE_FAULT_ERROR_CODE_RSVD_MASK 0x8ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_RSVD 0x8ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_I_SHIFT 4
#define XVCPU_PAGE_FAULT_ERROR_CODE_I_MASK 0x10ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_I 0x10ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_PK_SHIFT 5
#define XVCPU_PAGE_FAULT_ERROR_CODE_PK_MASK 0x20ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_PK 0x20ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_SS_SHIFT 6
#define XVCPU_PAGE_FAULT_ERROR_CODE_SS_MASK 0x40ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_SS 0x40ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_HLAT_SHIFT 7
#define XVCPU_PAGE_FAULT_ERROR_CODE_HLAT_MASK 0x80ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_HLAT 0x80ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_SGX_SHIFT 15
#define XVCPU_PAGE_FAULT_ERROR_CODE_SGX_MASK 0x8000ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_SGX 0x8000ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_RMP_SHIFT 31
#define XVCPU_PAGE_FAULT_ERROR_CODE_RMP_MASK 0x80000000ull
#define XVCPU_PAGE_FAULT_ERROR_CODE_RMP 0x80000000ull

/* PAE_PDPTE: PAE page-directory-pointer-table entry, one of the four CR3 selects outside IA-32e mode (loaded by MOV CR0/CR3/CR4; a present entry with a reserved bit set is #GP). Bits above MAXPHYADDR within ADDRESS are reserved too and checked against the CPU's width. (64 bits; SDM Vol. 3A 5.4.1) */
#define XVCPU_PAE_PDPTE_RESERVED 0xFFF00000000001E6ull /* every bit no field here names */
#define XVCPU_PAE_PDPTE_P_SHIFT 0
#define XVCPU_PAE_PDPTE_P_MASK 0x1ull
#define XVCPU_PAE_PDPTE_P 0x1ull
#define XVCPU_PAE_PDPTE_PWT_SHIFT 3
#define XVCPU_PAE_PDPTE_PWT_MASK 0x8ull
#define XVCPU_PAE_PDPTE_PWT 0x8ull
#define XVCPU_PAE_PDPTE_PCD_SHIFT 4
#define XVCPU_PAE_PDPTE_PCD_MASK 0x10ull
#define XVCPU_PAE_PDPTE_PCD 0x10ull
#define XVCPU_PAE_PDPTE_IGNORED_SHIFT 9
#define XVCPU_PAE_PDPTE_IGNORED_MASK 0xE00ull
#define XVCPU_PAE_PDPTE_ADDRESS_SHIFT 12
#define XVCPU_PAE_PDPTE_ADDRESS_MASK 0xFFFFFFFFFF000ull

/* PTE: IA-32e paging-structure entry (PML5E..PTE). PS_PAT is PS in PDPTEs/PDEs and PAT in 4-KByte PTEs; in large-page entries PAT is bit 12 and the frame starts at bit 21 or 30. (64 bits; SDM Vol. 3A 5.5) */
#define XVCPU_PTE_P_SHIFT 0
#define XVCPU_PTE_P_MASK 0x1ull
#define XVCPU_PTE_P 0x1ull
#define XVCPU_PTE_RW_SHIFT 1
#define XVCPU_PTE_RW_MASK 0x2ull
#define XVCPU_PTE_RW 0x2ull
#define XVCPU_PTE_US_SHIFT 2
#define XVCPU_PTE_US_MASK 0x4ull
#define XVCPU_PTE_US 0x4ull
#define XVCPU_PTE_PWT_SHIFT 3
#define XVCPU_PTE_PWT_MASK 0x8ull
#define XVCPU_PTE_PWT 0x8ull
#define XVCPU_PTE_PCD_SHIFT 4
#define XVCPU_PTE_PCD_MASK 0x10ull
#define XVCPU_PTE_PCD 0x10ull
#define XVCPU_PTE_A_SHIFT 5
#define XVCPU_PTE_A_MASK 0x20ull
#define XVCPU_PTE_A 0x20ull
#define XVCPU_PTE_D_SHIFT 6
#define XVCPU_PTE_D_MASK 0x40ull
#define XVCPU_PTE_D 0x40ull
#define XVCPU_PTE_PS_PAT_SHIFT 7
#define XVCPU_PTE_PS_PAT_MASK 0x80ull
#define XVCPU_PTE_PS_PAT 0x80ull
#define XVCPU_PTE_G_SHIFT 8
#define XVCPU_PTE_G_MASK 0x100ull
#define XVCPU_PTE_G 0x100ull
#define XVCPU_PTE_ADDRESS_SHIFT 12
#define XVCPU_PTE_ADDRESS_MASK 0xFFFFFFFFFF000ull
#define XVCPU_PTE_PK_SHIFT 59
#define XVCPU_PTE_PK_MASK 0x7800000000000000ull
#define XVCPU_PTE_XD_SHIFT 63
#define XVCPU_PTE_XD_MASK 0x8000000000000000ull
#define XVCPU_PTE_XD 0x8000000000000000ull

/* EPT_ENTRY: EPT paging-structure entry. Bits 6, 9 and 57-63 (other than 63) apply to leaf entries only; bit 61 (sub-page write permission) is left out. (64 bits; SDM Vol. 3C 29.3.2) */
#define XVCPU_EPT_ENTRY_READ_SHIFT 0
#define XVCPU_EPT_ENTRY_READ_MASK 0x1ull
#define XVCPU_EPT_ENTRY_READ 0x1ull
#define XVCPU_EPT_ENTRY_WRITE_SHIFT 1
#define XVCPU_EPT_ENTRY_WRITE_MASK 0x2ull
#define XVCPU_EPT_ENTRY_WRITE 0x2ull
#define XVCPU_EPT_ENTRY_EXECUTE_SHIFT 2
#define XVCPU_EPT_ENTRY_EXECUTE_MASK 0x4ull
#define XVCPU_EPT_ENTRY_EXECUTE 0x4ull
#define XVCPU_EPT_ENTRY_MEMORY_TYPE_SHIFT 3
#define XVCPU_EPT_ENTRY_MEMORY_TYPE_MASK 0x38ull
#define XVCPU_EPT_ENTRY_IGNORE_PAT_SHIFT 6
#define XVCPU_EPT_ENTRY_IGNORE_PAT_MASK 0x40ull
#define XVCPU_EPT_ENTRY_IGNORE_PAT 0x40ull
#define XVCPU_EPT_ENTRY_LARGE_PAGE_SHIFT 7
#define XVCPU_EPT_ENTRY_LARGE_PAGE_MASK 0x80ull
#define XVCPU_EPT_ENTRY_LARGE_PAGE 0x80ull
#define XVCPU_EPT_ENTRY_ACCESSED_SHIFT 8
#define XVCPU_EPT_ENTRY_ACCESSED_MASK 0x100ull
#define XVCPU_EPT_ENTRY_ACCESSED 0x100ull
#define XVCPU_EPT_ENTRY_DIRTY_SHIFT 9
#define XVCPU_EPT_ENTRY_DIRTY_MASK 0x200ull
#define XVCPU_EPT_ENTRY_DIRTY 0x200ull
#define XVCPU_EPT_ENTRY_USER_EXECUTE_SHIFT 10
#define XVCPU_EPT_ENTRY_USER_EXECUTE_MASK 0x400ull
#define XVCPU_EPT_ENTRY_USER_EXECUTE 0x400ull
#define XVCPU_EPT_ENTRY_ADDRESS_SHIFT 12
#define XVCPU_EPT_ENTRY_ADDRESS_MASK 0xFFFFFFFFFF000ull
#define XVCPU_EPT_ENTRY_VERIFY_GUEST_PAGING_SHIFT 57
#define XVCPU_EPT_ENTRY_VERIFY_GUEST_PAGING_MASK 0x200000000000000ull
#define XVCPU_EPT_ENTRY_VERIFY_GUEST_PAGING 0x200000000000000ull
#define XVCPU_EPT_ENTRY_PAGING_WRITE_ACCESS_SHIFT 58
#define XVCPU_EPT_ENTRY_PAGING_WRITE_ACCESS_MASK 0x400000000000000ull
#define XVCPU_EPT_ENTRY_PAGING_WRITE_ACCESS 0x400000000000000ull
#define XVCPU_EPT_ENTRY_SUPERVISOR_SHADOW_STACK_SHIFT 60
#define XVCPU_EPT_ENTRY_SUPERVISOR_SHADOW_STACK_MASK 0x1000000000000000ull
#define XVCPU_EPT_ENTRY_SUPERVISOR_SHADOW_STACK 0x1000000000000000ull
#define XVCPU_EPT_ENTRY_SUPPRESS_VE_SHIFT 63
#define XVCPU_EPT_ENTRY_SUPPRESS_VE_MASK 0x8000000000000000ull
#define XVCPU_EPT_ENTRY_SUPPRESS_VE 0x8000000000000000ull

/* EPTP: Extended-page-table pointer (64 bits; SDM Vol. 3C 25.6.11) */
#define XVCPU_EPTP_MEMORY_TYPE_SHIFT 0
#define XVCPU_EPTP_MEMORY_TYPE_MASK 0x7ull
#define XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1_SHIFT 3
#define XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1_MASK 0x38ull
#define XVCPU_EPTP_ACCESSED_DIRTY_SHIFT 6
#define XVCPU_EPTP_ACCESSED_DIRTY_MASK 0x40ull
#define XVCPU_EPTP_ACCESSED_DIRTY 0x40ull
#define XVCPU_EPTP_SUPERVISOR_SHADOW_STACK_AR_SHIFT 7
#define XVCPU_EPTP_SUPERVISOR_SHADOW_STACK_AR_MASK 0x80ull
#define XVCPU_EPTP_SUPERVISOR_SHADOW_STACK_AR 0x80ull
#define XVCPU_EPTP_PML4_ADDRESS_SHIFT 12
#define XVCPU_EPTP_PML4_ADDRESS_MASK 0xFFFFFFFFFF000ull

/* CPUID_01_EAX: CPUID leaf 1 EAX (version information) (32 bits; SDM Vol. 2A CPUID (leaf 01H)) */
#define XVCPU_CPUID_01_EAX_STEPPING_SHIFT 0
#define XVCPU_CPUID_01_EAX_STEPPING_MASK 0xFull
#define XVCPU_CPUID_01_EAX_MODEL_SHIFT 4
#define XVCPU_CPUID_01_EAX_MODEL_MASK 0xF0ull
#define XVCPU_CPUID_01_EAX_FAMILY_SHIFT 8
#define XVCPU_CPUID_01_EAX_FAMILY_MASK 0xF00ull
#define XVCPU_CPUID_01_EAX_PROCESSOR_TYPE_SHIFT 12
#define XVCPU_CPUID_01_EAX_PROCESSOR_TYPE_MASK 0x3000ull
#define XVCPU_CPUID_01_EAX_EXTENDED_MODEL_SHIFT 16
#define XVCPU_CPUID_01_EAX_EXTENDED_MODEL_MASK 0xF0000ull
#define XVCPU_CPUID_01_EAX_EXTENDED_FAMILY_SHIFT 20
#define XVCPU_CPUID_01_EAX_EXTENDED_FAMILY_MASK 0xFF00000ull

/* CPUID_01_EBX: CPUID leaf 1 EBX (32 bits; SDM Vol. 2A CPUID (leaf 01H)) */
#define XVCPU_CPUID_01_EBX_BRAND_INDEX_SHIFT 0
#define XVCPU_CPUID_01_EBX_BRAND_INDEX_MASK 0xFFull
#define XVCPU_CPUID_01_EBX_CLFLUSH_LINE_SIZE_SHIFT 8
#define XVCPU_CPUID_01_EBX_CLFLUSH_LINE_SIZE_MASK 0xFF00ull
#define XVCPU_CPUID_01_EBX_MAX_LOGICAL_PROCESSOR_IDS_SHIFT 16
#define XVCPU_CPUID_01_EBX_MAX_LOGICAL_PROCESSOR_IDS_MASK 0xFF0000ull
#define XVCPU_CPUID_01_EBX_INITIAL_APIC_ID_SHIFT 24
#define XVCPU_CPUID_01_EBX_INITIAL_APIC_ID_MASK 0xFF000000ull

/* CPUID_01_ECX: CPUID leaf 1 ECX feature flags (32 bits; SDM Vol. 2A CPUID (leaf 01H, feature information in ECX)) */
#define XVCPU_CPUID_01_ECX_SSE3_SHIFT 0
#define XVCPU_CPUID_01_ECX_SSE3_MASK 0x1ull
#define XVCPU_CPUID_01_ECX_SSE3 0x1ull
#define XVCPU_CPUID_01_ECX_PCLMULQDQ_SHIFT 1
#define XVCPU_CPUID_01_ECX_PCLMULQDQ_MASK 0x2ull
#define XVCPU_CPUID_01_ECX_PCLMULQDQ 0x2ull
#define XVCPU_CPUID_01_ECX_DTES64_SHIFT 2
#define XVCPU_CPUID_01_ECX_DTES64_MASK 0x4ull
#define XVCPU_CPUID_01_ECX_DTES64 0x4ull
#define XVCPU_CPUID_01_ECX_MONITOR_SHIFT 3
#define XVCPU_CPUID_01_ECX_MONITOR_MASK 0x8ull
#define XVCPU_CPUID_01_ECX_MONITOR 0x8ull
#define XVCPU_CPUID_01_ECX_DS_CPL_SHIFT 4
#define XVCPU_CPUID_01_ECX_DS_CPL_MASK 0x10ull
#define XVCPU_CPUID_01_ECX_DS_CPL 0x10ull
#define XVCPU_CPUID_01_ECX_VMX_SHIFT 5
#define XVCPU_CPUID_01_ECX_VMX_MASK 0x20ull
#define XVCPU_CPUID_01_ECX_VMX 0x20ull
#define XVCPU_CPUID_01_ECX_SMX_SHIFT 6
#define XVCPU_CPUID_01_ECX_SMX_MASK 0x40ull
#define XVCPU_CPUID_01_ECX_SMX 0x40ull
#define XVCPU_CPUID_01_ECX_EST_SHIFT 7
#define XVCPU_CPUID_01_ECX_EST_MASK 0x80ull
#define XVCPU_CPUID_01_ECX_EST 0x80ull
#define XVCPU_CPUID_01_ECX_TM2_SHIFT 8
#define XVCPU_CPUID_01_ECX_TM2_MASK 0x100ull
#define XVCPU_CPUID_01_ECX_TM2 0x100ull
#define XVCPU_CPUID_01_ECX_SSSE3_SHIFT 9
#define XVCPU_CPUID_01_ECX_SSSE3_MASK 0x200ull
#define XVCPU_CPUID_01_ECX_SSSE3 0x200ull
#define XVCPU_CPUID_01_ECX_CNXT_ID_SHIFT 10
#define XVCPU_CPUID_01_ECX_CNXT_ID_MASK 0x400ull
#define XVCPU_CPUID_01_ECX_CNXT_ID 0x400ull
#define XVCPU_CPUID_01_ECX_SDBG_SHIFT 11
#define XVCPU_CPUID_01_ECX_SDBG_MASK 0x800ull
#define XVCPU_CPUID_01_ECX_SDBG 0x800ull
#define XVCPU_CPUID_01_ECX_FMA_SHIFT 12
#define XVCPU_CPUID_01_ECX_FMA_MASK 0x1000ull
#define XVCPU_CPUID_01_ECX_FMA 0x1000ull
#define XVCPU_CPUID_01_ECX_CX16_SHIFT 13
#define XVCPU_CPUID_01_ECX_CX16_MASK 0x2000ull
#define XVCPU_CPUID_01_ECX_CX16 0x2000ull
#define XVCPU_CPUID_01_ECX_XTPR_SHIFT 14
#define XVCPU_CPUID_01_ECX_XTPR_MASK 0x4000ull
#define XVCPU_CPUID_01_ECX_XTPR 0x4000ull
#define XVCPU_CPUID_01_ECX_PDCM_SHIFT 15
#define XVCPU_CPUID_01_ECX_PDCM_MASK 0x8000ull
#define XVCPU_CPUID_01_ECX_PDCM 0x8000ull
#define XVCPU_CPUID_01_ECX_PCID_SHIFT 17
#define XVCPU_CPUID_01_ECX_PCID_MASK 0x20000ull
#define XVCPU_CPUID_01_ECX_PCID 0x20000ull
#define XVCPU_CPUID_01_ECX_DCA_SHIFT 18
#define XVCPU_CPUID_01_ECX_DCA_MASK 0x40000ull
#define XVCPU_CPUID_01_ECX_DCA 0x40000ull
#define XVCPU_CPUID_01_ECX_SSE4_1_SHIFT 19
#define XVCPU_CPUID_01_ECX_SSE4_1_MASK 0x80000ull
#define XVCPU_CPUID_01_ECX_SSE4_1 0x80000ull
#define XVCPU_CPUID_01_ECX_SSE4_2_SHIFT 20
#define XVCPU_CPUID_01_ECX_SSE4_2_MASK 0x100000ull
#define XVCPU_CPUID_01_ECX_SSE4_2 0x100000ull
#define XVCPU_CPUID_01_ECX_X2APIC_SHIFT 21
#define XVCPU_CPUID_01_ECX_X2APIC_MASK 0x200000ull
#define XVCPU_CPUID_01_ECX_X2APIC 0x200000ull
#define XVCPU_CPUID_01_ECX_MOVBE_SHIFT 22
#define XVCPU_CPUID_01_ECX_MOVBE_MASK 0x400000ull
#define XVCPU_CPUID_01_ECX_MOVBE 0x400000ull
#define XVCPU_CPUID_01_ECX_POPCNT_SHIFT 23
#define XVCPU_CPUID_01_ECX_POPCNT_MASK 0x800000ull
#define XVCPU_CPUID_01_ECX_POPCNT 0x800000ull
#define XVCPU_CPUID_01_ECX_TSC_DEADLINE_SHIFT 24
#define XVCPU_CPUID_01_ECX_TSC_DEADLINE_MASK 0x1000000ull
#define XVCPU_CPUID_01_ECX_TSC_DEADLINE 0x1000000ull
#define XVCPU_CPUID_01_ECX_AES_SHIFT 25
#define XVCPU_CPUID_01_ECX_AES_MASK 0x2000000ull
#define XVCPU_CPUID_01_ECX_AES 0x2000000ull
#define XVCPU_CPUID_01_ECX_XSAVE_SHIFT 26
#define XVCPU_CPUID_01_ECX_XSAVE_MASK 0x4000000ull
#define XVCPU_CPUID_01_ECX_XSAVE 0x4000000ull
#define XVCPU_CPUID_01_ECX_OSXSAVE_SHIFT 27
#define XVCPU_CPUID_01_ECX_OSXSAVE_MASK 0x8000000ull
#define XVCPU_CPUID_01_ECX_OSXSAVE 0x8000000ull
#define XVCPU_CPUID_01_ECX_AVX_SHIFT 28
#define XVCPU_CPUID_01_ECX_AVX_MASK 0x10000000ull
#define XVCPU_CPUID_01_ECX_AVX 0x10000000ull
#define XVCPU_CPUID_01_ECX_F16C_SHIFT 29
#define XVCPU_CPUID_01_ECX_F16C_MASK 0x20000000ull
#define XVCPU_CPUID_01_ECX_F16C 0x20000000ull
#define XVCPU_CPUID_01_ECX_RDRAND_SHIFT 30
#define XVCPU_CPUID_01_ECX_RDRAND_MASK 0x40000000ull
#define XVCPU_CPUID_01_ECX_RDRAND 0x40000000ull
#define XVCPU_CPUID_01_ECX_HYPERVISOR_SHIFT 31
#define XVCPU_CPUID_01_ECX_HYPERVISOR_MASK 0x80000000ull
#define XVCPU_CPUID_01_ECX_HYPERVISOR 0x80000000ull

/* CPUID_01_EDX: CPUID leaf 1 EDX feature flags (32 bits; SDM Vol. 2A CPUID (leaf 01H, feature information in EDX)) */
#define XVCPU_CPUID_01_EDX_FPU_SHIFT 0
#define XVCPU_CPUID_01_EDX_FPU_MASK 0x1ull
#define XVCPU_CPUID_01_EDX_FPU 0x1ull
#define XVCPU_CPUID_01_EDX_VME_SHIFT 1
#define XVCPU_CPUID_01_EDX_VME_MASK 0x2ull
#define XVCPU_CPUID_01_EDX_VME 0x2ull
#define XVCPU_CPUID_01_EDX_DE_SHIFT 2
#define XVCPU_CPUID_01_EDX_DE_MASK 0x4ull
#define XVCPU_CPUID_01_EDX_DE 0x4ull
#define XVCPU_CPUID_01_EDX_PSE_SHIFT 3
#define XVCPU_CPUID_01_EDX_PSE_MASK 0x8ull
#define XVCPU_CPUID_01_EDX_PSE 0x8ull
#define XVCPU_CPUID_01_EDX_TSC_SHIFT 4
#define XVCPU_CPUID_01_EDX_TSC_MASK 0x10ull
#define XVCPU_CPUID_01_EDX_TSC 0x10ull
#define XVCPU_CPUID_01_EDX_MSR_SHIFT 5
#define XVCPU_CPUID_01_EDX_MSR_MASK 0x20ull
#define XVCPU_CPUID_01_EDX_MSR 0x20ull
#define XVCPU_CPUID_01_EDX_PAE_SHIFT 6
#define XVCPU_CPUID_01_EDX_PAE_MASK 0x40ull
#define XVCPU_CPUID_01_EDX_PAE 0x40ull
#define XVCPU_CPUID_01_EDX_MCE_SHIFT 7
#define XVCPU_CPUID_01_EDX_MCE_MASK 0x80ull
#define XVCPU_CPUID_01_EDX_MCE 0x80ull
#define XVCPU_CPUID_01_EDX_CX8_SHIFT 8
#define XVCPU_CPUID_01_EDX_CX8_MASK 0x100ull
#define XVCPU_CPUID_01_EDX_CX8 0x100ull
#define XVCPU_CPUID_01_EDX_APIC_SHIFT 9
#define XVCPU_CPUID_01_EDX_APIC_MASK 0x200ull
#define XVCPU_CPUID_01_EDX_APIC 0x200ull
#define XVCPU_CPUID_01_EDX_SEP_SHIFT 11
#define XVCPU_CPUID_01_EDX_SEP_MASK 0x800ull
#define XVCPU_CPUID_01_EDX_SEP 0x800ull
#define XVCPU_CPUID_01_EDX_MTRR_SHIFT 12
#define XVCPU_CPUID_01_EDX_MTRR_MASK 0x1000ull
#define XVCPU_CPUID_01_EDX_MTRR 0x1000ull
#define XVCPU_CPUID_01_EDX_PGE_SHIFT 13
#define XVCPU_CPUID_01_EDX_PGE_MASK 0x2000ull
#define XVCPU_CPUID_01_EDX_PGE 0x2000ull
#define XVCPU_CPUID_01_EDX_MCA_SHIFT 14
#define XVCPU_CPUID_01_EDX_MCA_MASK 0x4000ull
#define XVCPU_CPUID_01_EDX_MCA 0x4000ull
#define XVCPU_CPUID_01_EDX_CMOV_SHIFT 15
#define XVCPU_CPUID_01_EDX_CMOV_MASK 0x8000ull
#define XVCPU_CPUID_01_EDX_CMOV 0x8000ull
#define XVCPU_CPUID_01_EDX_PAT_SHIFT 16
#define XVCPU_CPUID_01_EDX_PAT_MASK 0x10000ull
#define XVCPU_CPUID_01_EDX_PAT 0x10000ull
#define XVCPU_CPUID_01_EDX_PSE36_SHIFT 17
#define XVCPU_CPUID_01_EDX_PSE36_MASK 0x20000ull
#define XVCPU_CPUID_01_EDX_PSE36 0x20000ull
#define XVCPU_CPUID_01_EDX_PSN_SHIFT 18
#define XVCPU_CPUID_01_EDX_PSN_MASK 0x40000ull
#define XVCPU_CPUID_01_EDX_PSN 0x40000ull
#define XVCPU_CPUID_01_EDX_CLFSH_SHIFT 19
#define XVCPU_CPUID_01_EDX_CLFSH_MASK 0x80000ull
#define XVCPU_CPUID_01_EDX_CLFSH 0x80000ull
#define XVCPU_CPUID_01_EDX_DS_SHIFT 21
#define XVCPU_CPUID_01_EDX_DS_MASK 0x200000ull
#define XVCPU_CPUID_01_EDX_DS 0x200000ull
#define XVCPU_CPUID_01_EDX_ACPI_SHIFT 22
#define XVCPU_CPUID_01_EDX_ACPI_MASK 0x400000ull
#define XVCPU_CPUID_01_EDX_ACPI 0x400000ull
#define XVCPU_CPUID_01_EDX_MMX_SHIFT 23
#define XVCPU_CPUID_01_EDX_MMX_MASK 0x800000ull
#define XVCPU_CPUID_01_EDX_MMX 0x800000ull
#define XVCPU_CPUID_01_EDX_FXSR_SHIFT 24
#define XVCPU_CPUID_01_EDX_FXSR_MASK 0x1000000ull
#define XVCPU_CPUID_01_EDX_FXSR 0x1000000ull
#define XVCPU_CPUID_01_EDX_SSE_SHIFT 25
#define XVCPU_CPUID_01_EDX_SSE_MASK 0x2000000ull
#define XVCPU_CPUID_01_EDX_SSE 0x2000000ull
#define XVCPU_CPUID_01_EDX_SSE2_SHIFT 26
#define XVCPU_CPUID_01_EDX_SSE2_MASK 0x4000000ull
#define XVCPU_CPUID_01_EDX_SSE2 0x4000000ull
#define XVCPU_CPUID_01_EDX_SS_SHIFT 27
#define XVCPU_CPUID_01_EDX_SS_MASK 0x8000000ull
#define XVCPU_CPUID_01_EDX_SS 0x8000000ull
#define XVCPU_CPUID_01_EDX_HTT_SHIFT 28
#define XVCPU_CPUID_01_EDX_HTT_MASK 0x10000000ull
#define XVCPU_CPUID_01_EDX_HTT 0x10000000ull
#define XVCPU_CPUID_01_EDX_TM_SHIFT 29
#define XVCPU_CPUID_01_EDX_TM_MASK 0x20000000ull
#define XVCPU_CPUID_01_EDX_TM 0x20000000ull
#define XVCPU_CPUID_01_EDX_PBE_SHIFT 31
#define XVCPU_CPUID_01_EDX_PBE_MASK 0x80000000ull
#define XVCPU_CPUID_01_EDX_PBE 0x80000000ull

/* CPUID_07_0_EBX: CPUID leaf 7 subleaf 0 EBX (32 bits; SDM Vol. 2A CPUID (leaf 07H)) */
#define XVCPU_CPUID_07_0_EBX_FSGSBASE_SHIFT 0
#define XVCPU_CPUID_07_0_EBX_FSGSBASE_MASK 0x1ull
#define XVCPU_CPUID_07_0_EBX_FSGSBASE 0x1ull
#define XVCPU_CPUID_07_0_EBX_TSC_ADJUST_SHIFT 1
#define XVCPU_CPUID_07_0_EBX_TSC_ADJUST_MASK 0x2ull
#define XVCPU_CPUID_07_0_EBX_TSC_ADJUST 0x2ull
#define XVCPU_CPUID_07_0_EBX_SGX_SHIFT 2
#define XVCPU_CPUID_07_0_EBX_SGX_MASK 0x4ull
#define XVCPU_CPUID_07_0_EBX_SGX 0x4ull
#define XVCPU_CPUID_07_0_EBX_BMI1_SHIFT 3
#define XVCPU_CPUID_07_0_EBX_BMI1_MASK 0x8ull
#define XVCPU_CPUID_07_0_EBX_BMI1 0x8ull
#define XVCPU_CPUID_07_0_EBX_HLE_SHIFT 4
#define XVCPU_CPUID_07_0_EBX_HLE_MASK 0x10ull
#define XVCPU_CPUID_07_0_EBX_HLE 0x10ull
#define XVCPU_CPUID_07_0_EBX_AVX2_SHIFT 5
#define XVCPU_CPUID_07_0_EBX_AVX2_MASK 0x20ull
#define XVCPU_CPUID_07_0_EBX_AVX2 0x20ull
#define XVCPU_CPUID_07_0_EBX_FDP_EXCPTN_ONLY_SHIFT 6
#define XVCPU_CPUID_07_0_EBX_FDP_EXCPTN_ONLY_MASK 0x40ull
#define XVCPU_CPUID_07_0_EBX_FDP_EXCPTN_ONLY 0x40ull
#define XVCPU_CPUID_07_0_EBX_SMEP_SHIFT 7
#define XVCPU_CPUID_07_0_EBX_SMEP_MASK 0x80ull
#define XVCPU_CPUID_07_0_EBX_SMEP 0x80ull
#define XVCPU_CPUID_07_0_EBX_BMI2_SHIFT 8
#define XVCPU_CPUID_07_0_EBX_BMI2_MASK 0x100ull
#define XVCPU_CPUID_07_0_EBX_BMI2 0x100ull
#define XVCPU_CPUID_07_0_EBX_ERMS_SHIFT 9
#define XVCPU_CPUID_07_0_EBX_ERMS_MASK 0x200ull
#define XVCPU_CPUID_07_0_EBX_ERMS 0x200ull
#define XVCPU_CPUID_07_0_EBX_INVPCID_SHIFT 10
#define XVCPU_CPUID_07_0_EBX_INVPCID_MASK 0x400ull
#define XVCPU_CPUID_07_0_EBX_INVPCID 0x400ull
#define XVCPU_CPUID_07_0_EBX_RTM_SHIFT 11
#define XVCPU_CPUID_07_0_EBX_RTM_MASK 0x800ull
#define XVCPU_CPUID_07_0_EBX_RTM 0x800ull
#define XVCPU_CPUID_07_0_EBX_RDT_M_SHIFT 12
#define XVCPU_CPUID_07_0_EBX_RDT_M_MASK 0x1000ull
#define XVCPU_CPUID_07_0_EBX_RDT_M 0x1000ull
#define XVCPU_CPUID_07_0_EBX_FPU_CS_DS_DEPRECATED_SHIFT 13
#define XVCPU_CPUID_07_0_EBX_FPU_CS_DS_DEPRECATED_MASK 0x2000ull
#define XVCPU_CPUID_07_0_EBX_FPU_CS_DS_DEPRECATED 0x2000ull
#define XVCPU_CPUID_07_0_EBX_MPX_SHIFT 14
#define XVCPU_CPUID_07_0_EBX_MPX_MASK 0x4000ull
#define XVCPU_CPUID_07_0_EBX_MPX 0x4000ull
#define XVCPU_CPUID_07_0_EBX_RDT_A_SHIFT 15
#define XVCPU_CPUID_07_0_EBX_RDT_A_MASK 0x8000ull
#define XVCPU_CPUID_07_0_EBX_RDT_A 0x8000ull
#define XVCPU_CPUID_07_0_EBX_AVX512F_SHIFT 16
#define XVCPU_CPUID_07_0_EBX_AVX512F_MASK 0x10000ull
#define XVCPU_CPUID_07_0_EBX_AVX512F 0x10000ull
#define XVCPU_CPUID_07_0_EBX_AVX512DQ_SHIFT 17
#define XVCPU_CPUID_07_0_EBX_AVX512DQ_MASK 0x20000ull
#define XVCPU_CPUID_07_0_EBX_AVX512DQ 0x20000ull
#define XVCPU_CPUID_07_0_EBX_RDSEED_SHIFT 18
#define XVCPU_CPUID_07_0_EBX_RDSEED_MASK 0x40000ull
#define XVCPU_CPUID_07_0_EBX_RDSEED 0x40000ull
#define XVCPU_CPUID_07_0_EBX_ADX_SHIFT 19
#define XVCPU_CPUID_07_0_EBX_ADX_MASK 0x80000ull
#define XVCPU_CPUID_07_0_EBX_ADX 0x80000ull
#define XVCPU_CPUID_07_0_EBX_SMAP_SHIFT 20
#define XVCPU_CPUID_07_0_EBX_SMAP_MASK 0x100000ull
#define XVCPU_CPUID_07_0_EBX_SMAP 0x100000ull
#define XVCPU_CPUID_07_0_EBX_AVX512_IFMA_SHIFT 21
#define XVCPU_CPUID_07_0_EBX_AVX512_IFMA_MASK 0x200000ull
#define XVCPU_CPUID_07_0_EBX_AVX512_IFMA 0x200000ull
#define XVCPU_CPUID_07_0_EBX_CLFLUSHOPT_SHIFT 23
#define XVCPU_CPUID_07_0_EBX_CLFLUSHOPT_MASK 0x800000ull
#define XVCPU_CPUID_07_0_EBX_CLFLUSHOPT 0x800000ull
#define XVCPU_CPUID_07_0_EBX_CLWB_SHIFT 24
#define XVCPU_CPUID_07_0_EBX_CLWB_MASK 0x1000000ull
#define XVCPU_CPUID_07_0_EBX_CLWB 0x1000000ull
#define XVCPU_CPUID_07_0_EBX_INTEL_PT_SHIFT 25
#define XVCPU_CPUID_07_0_EBX_INTEL_PT_MASK 0x2000000ull
#define XVCPU_CPUID_07_0_EBX_INTEL_PT 0x2000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512PF_SHIFT 26
#define XVCPU_CPUID_07_0_EBX_AVX512PF_MASK 0x4000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512PF 0x4000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512ER_SHIFT 27
#define XVCPU_CPUID_07_0_EBX_AVX512ER_MASK 0x8000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512ER 0x8000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512CD_SHIFT 28
#define XVCPU_CPUID_07_0_EBX_AVX512CD_MASK 0x10000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512CD 0x10000000ull
#define XVCPU_CPUID_07_0_EBX_SHA_SHIFT 29
#define XVCPU_CPUID_07_0_EBX_SHA_MASK 0x20000000ull
#define XVCPU_CPUID_07_0_EBX_SHA 0x20000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512BW_SHIFT 30
#define XVCPU_CPUID_07_0_EBX_AVX512BW_MASK 0x40000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512BW 0x40000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512VL_SHIFT 31
#define XVCPU_CPUID_07_0_EBX_AVX512VL_MASK 0x80000000ull
#define XVCPU_CPUID_07_0_EBX_AVX512VL 0x80000000ull

/* CPUID_07_0_ECX: CPUID leaf 7 subleaf 0 ECX (32 bits; SDM Vol. 2A CPUID (leaf 07H)) */
#define XVCPU_CPUID_07_0_ECX_PREFETCHWT1_SHIFT 0
#define XVCPU_CPUID_07_0_ECX_PREFETCHWT1_MASK 0x1ull
#define XVCPU_CPUID_07_0_ECX_PREFETCHWT1 0x1ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI_SHIFT 1
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI_MASK 0x2ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI 0x2ull
#define XVCPU_CPUID_07_0_ECX_UMIP_SHIFT 2
#define XVCPU_CPUID_07_0_ECX_UMIP_MASK 0x4ull
#define XVCPU_CPUID_07_0_ECX_UMIP 0x4ull
#define XVCPU_CPUID_07_0_ECX_PKU_SHIFT 3
#define XVCPU_CPUID_07_0_ECX_PKU_MASK 0x8ull
#define XVCPU_CPUID_07_0_ECX_PKU 0x8ull
#define XVCPU_CPUID_07_0_ECX_OSPKE_SHIFT 4
#define XVCPU_CPUID_07_0_ECX_OSPKE_MASK 0x10ull
#define XVCPU_CPUID_07_0_ECX_OSPKE 0x10ull
#define XVCPU_CPUID_07_0_ECX_WAITPKG_SHIFT 5
#define XVCPU_CPUID_07_0_ECX_WAITPKG_MASK 0x20ull
#define XVCPU_CPUID_07_0_ECX_WAITPKG 0x20ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI2_SHIFT 6
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI2_MASK 0x40ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VBMI2 0x40ull
#define XVCPU_CPUID_07_0_ECX_CET_SS_SHIFT 7
#define XVCPU_CPUID_07_0_ECX_CET_SS_MASK 0x80ull
#define XVCPU_CPUID_07_0_ECX_CET_SS 0x80ull
#define XVCPU_CPUID_07_0_ECX_GFNI_SHIFT 8
#define XVCPU_CPUID_07_0_ECX_GFNI_MASK 0x100ull
#define XVCPU_CPUID_07_0_ECX_GFNI 0x100ull
#define XVCPU_CPUID_07_0_ECX_VAES_SHIFT 9
#define XVCPU_CPUID_07_0_ECX_VAES_MASK 0x200ull
#define XVCPU_CPUID_07_0_ECX_VAES 0x200ull
#define XVCPU_CPUID_07_0_ECX_VPCLMULQDQ_SHIFT 10
#define XVCPU_CPUID_07_0_ECX_VPCLMULQDQ_MASK 0x400ull
#define XVCPU_CPUID_07_0_ECX_VPCLMULQDQ 0x400ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VNNI_SHIFT 11
#define XVCPU_CPUID_07_0_ECX_AVX512_VNNI_MASK 0x800ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VNNI 0x800ull
#define XVCPU_CPUID_07_0_ECX_AVX512_BITALG_SHIFT 12
#define XVCPU_CPUID_07_0_ECX_AVX512_BITALG_MASK 0x1000ull
#define XVCPU_CPUID_07_0_ECX_AVX512_BITALG 0x1000ull
#define XVCPU_CPUID_07_0_ECX_TME_EN_SHIFT 13
#define XVCPU_CPUID_07_0_ECX_TME_EN_MASK 0x2000ull
#define XVCPU_CPUID_07_0_ECX_TME_EN 0x2000ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VPOPCNTDQ_SHIFT 14
#define XVCPU_CPUID_07_0_ECX_AVX512_VPOPCNTDQ_MASK 0x4000ull
#define XVCPU_CPUID_07_0_ECX_AVX512_VPOPCNTDQ 0x4000ull
#define XVCPU_CPUID_07_0_ECX_LA57_SHIFT 16
#define XVCPU_CPUID_07_0_ECX_LA57_MASK 0x10000ull
#define XVCPU_CPUID_07_0_ECX_LA57 0x10000ull
#define XVCPU_CPUID_07_0_ECX_MAWAU_SHIFT 17
#define XVCPU_CPUID_07_0_ECX_MAWAU_MASK 0x3E0000ull
#define XVCPU_CPUID_07_0_ECX_RDPID_SHIFT 22
#define XVCPU_CPUID_07_0_ECX_RDPID_MASK 0x400000ull
#define XVCPU_CPUID_07_0_ECX_RDPID 0x400000ull
#define XVCPU_CPUID_07_0_ECX_KL_SHIFT 23
#define XVCPU_CPUID_07_0_ECX_KL_MASK 0x800000ull
#define XVCPU_CPUID_07_0_ECX_KL 0x800000ull
#define XVCPU_CPUID_07_0_ECX_BUS_LOCK_DETECT_SHIFT 24
#define XVCPU_CPUID_07_0_ECX_BUS_LOCK_DETECT_MASK 0x1000000ull
#define XVCPU_CPUID_07_0_ECX_BUS_LOCK_DETECT 0x1000000ull
#define XVCPU_CPUID_07_0_ECX_CLDEMOTE_SHIFT 25
#define XVCPU_CPUID_07_0_ECX_CLDEMOTE_MASK 0x2000000ull
#define XVCPU_CPUID_07_0_ECX_CLDEMOTE 0x2000000ull
#define XVCPU_CPUID_07_0_ECX_MOVDIRI_SHIFT 27
#define XVCPU_CPUID_07_0_ECX_MOVDIRI_MASK 0x8000000ull
#define XVCPU_CPUID_07_0_ECX_MOVDIRI 0x8000000ull
#define XVCPU_CPUID_07_0_ECX_MOVDIR64B_SHIFT 28
#define XVCPU_CPUID_07_0_ECX_MOVDIR64B_MASK 0x10000000ull
#define XVCPU_CPUID_07_0_ECX_MOVDIR64B 0x10000000ull
#define XVCPU_CPUID_07_0_ECX_ENQCMD_SHIFT 29
#define XVCPU_CPUID_07_0_ECX_ENQCMD_MASK 0x20000000ull
#define XVCPU_CPUID_07_0_ECX_ENQCMD 0x20000000ull
#define XVCPU_CPUID_07_0_ECX_SGX_LC_SHIFT 30
#define XVCPU_CPUID_07_0_ECX_SGX_LC_MASK 0x40000000ull
#define XVCPU_CPUID_07_0_ECX_SGX_LC 0x40000000ull
#define XVCPU_CPUID_07_0_ECX_PKS_SHIFT 31
#define XVCPU_CPUID_07_0_ECX_PKS_MASK 0x80000000ull
#define XVCPU_CPUID_07_0_ECX_PKS 0x80000000ull

/* CPUID_07_0_EDX: CPUID leaf 7 subleaf 0 EDX (32 bits; SDM Vol. 2A CPUID (leaf 07H)) */
#define XVCPU_CPUID_07_0_EDX_AVX512_4VNNIW_SHIFT 2
#define XVCPU_CPUID_07_0_EDX_AVX512_4VNNIW_MASK 0x4ull
#define XVCPU_CPUID_07_0_EDX_AVX512_4VNNIW 0x4ull
#define XVCPU_CPUID_07_0_EDX_AVX512_4FMAPS_SHIFT 3
#define XVCPU_CPUID_07_0_EDX_AVX512_4FMAPS_MASK 0x8ull
#define XVCPU_CPUID_07_0_EDX_AVX512_4FMAPS 0x8ull
#define XVCPU_CPUID_07_0_EDX_FSRM_SHIFT 4
#define XVCPU_CPUID_07_0_EDX_FSRM_MASK 0x10ull
#define XVCPU_CPUID_07_0_EDX_FSRM 0x10ull
#define XVCPU_CPUID_07_0_EDX_UINTR_SHIFT 5
#define XVCPU_CPUID_07_0_EDX_UINTR_MASK 0x20ull
#define XVCPU_CPUID_07_0_EDX_UINTR 0x20ull
#define XVCPU_CPUID_07_0_EDX_AVX512_VP2INTERSECT_SHIFT 8
#define XVCPU_CPUID_07_0_EDX_AVX512_VP2INTERSECT_MASK 0x100ull
#define XVCPU_CPUID_07_0_EDX_AVX512_VP2INTERSECT 0x100ull
#define XVCPU_CPUID_07_0_EDX_SRBDS_CTRL_SHIFT 9
#define XVCPU_CPUID_07_0_EDX_SRBDS_CTRL_MASK 0x200ull
#define XVCPU_CPUID_07_0_EDX_SRBDS_CTRL 0x200ull
#define XVCPU_CPUID_07_0_EDX_MD_CLEAR_SHIFT 10
#define XVCPU_CPUID_07_0_EDX_MD_CLEAR_MASK 0x400ull
#define XVCPU_CPUID_07_0_EDX_MD_CLEAR 0x400ull
#define XVCPU_CPUID_07_0_EDX_RTM_ALWAYS_ABORT_SHIFT 11
#define XVCPU_CPUID_07_0_EDX_RTM_ALWAYS_ABORT_MASK 0x800ull
#define XVCPU_CPUID_07_0_EDX_RTM_ALWAYS_ABORT 0x800ull
#define XVCPU_CPUID_07_0_EDX_TSX_FORCE_ABORT_SHIFT 13
#define XVCPU_CPUID_07_0_EDX_TSX_FORCE_ABORT_MASK 0x2000ull
#define XVCPU_CPUID_07_0_EDX_TSX_FORCE_ABORT 0x2000ull
#define XVCPU_CPUID_07_0_EDX_SERIALIZE_SHIFT 14
#define XVCPU_CPUID_07_0_EDX_SERIALIZE_MASK 0x4000ull
#define XVCPU_CPUID_07_0_EDX_SERIALIZE 0x4000ull
#define XVCPU_CPUID_07_0_EDX_HYBRID_SHIFT 15
#define XVCPU_CPUID_07_0_EDX_HYBRID_MASK 0x8000ull
#define XVCPU_CPUID_07_0_EDX_HYBRID 0x8000ull
#define XVCPU_CPUID_07_0_EDX_TSXLDTRK_SHIFT 16
#define XVCPU_CPUID_07_0_EDX_TSXLDTRK_MASK 0x10000ull
#define XVCPU_CPUID_07_0_EDX_TSXLDTRK 0x10000ull
#define XVCPU_CPUID_07_0_EDX_PCONFIG_SHIFT 18
#define XVCPU_CPUID_07_0_EDX_PCONFIG_MASK 0x40000ull
#define XVCPU_CPUID_07_0_EDX_PCONFIG 0x40000ull
#define XVCPU_CPUID_07_0_EDX_ARCH_LBR_SHIFT 19
#define XVCPU_CPUID_07_0_EDX_ARCH_LBR_MASK 0x80000ull
#define XVCPU_CPUID_07_0_EDX_ARCH_LBR 0x80000ull
#define XVCPU_CPUID_07_0_EDX_CET_IBT_SHIFT 20
#define XVCPU_CPUID_07_0_EDX_CET_IBT_MASK 0x100000ull
#define XVCPU_CPUID_07_0_EDX_CET_IBT 0x100000ull
#define XVCPU_CPUID_07_0_EDX_AMX_BF16_SHIFT 22
#define XVCPU_CPUID_07_0_EDX_AMX_BF16_MASK 0x400000ull
#define XVCPU_CPUID_07_0_EDX_AMX_BF16 0x400000ull
#define XVCPU_CPUID_07_0_EDX_AVX512_FP16_SHIFT 23
#define XVCPU_CPUID_07_0_EDX_AVX512_FP16_MASK 0x800000ull
#define XVCPU_CPUID_07_0_EDX_AVX512_FP16 0x800000ull
#define XVCPU_CPUID_07_0_EDX_AMX_TILE_SHIFT 24
#define XVCPU_CPUID_07_0_EDX_AMX_TILE_MASK 0x1000000ull
#define XVCPU_CPUID_07_0_EDX_AMX_TILE 0x1000000ull
#define XVCPU_CPUID_07_0_EDX_AMX_INT8_SHIFT 25
#define XVCPU_CPUID_07_0_EDX_AMX_INT8_MASK 0x2000000ull
#define XVCPU_CPUID_07_0_EDX_AMX_INT8 0x2000000ull
#define XVCPU_CPUID_07_0_EDX_IBRS_IBPB_SHIFT 26
#define XVCPU_CPUID_07_0_EDX_IBRS_IBPB_MASK 0x4000000ull
#define XVCPU_CPUID_07_0_EDX_IBRS_IBPB 0x4000000ull
#define XVCPU_CPUID_07_0_EDX_STIBP_SHIFT 27
#define XVCPU_CPUID_07_0_EDX_STIBP_MASK 0x8000000ull
#define XVCPU_CPUID_07_0_EDX_STIBP 0x8000000ull
#define XVCPU_CPUID_07_0_EDX_L1D_FLUSH_SHIFT 28
#define XVCPU_CPUID_07_0_EDX_L1D_FLUSH_MASK 0x10000000ull
#define XVCPU_CPUID_07_0_EDX_L1D_FLUSH 0x10000000ull
#define XVCPU_CPUID_07_0_EDX_ARCH_CAPABILITIES_SHIFT 29
#define XVCPU_CPUID_07_0_EDX_ARCH_CAPABILITIES_MASK 0x20000000ull
#define XVCPU_CPUID_07_0_EDX_ARCH_CAPABILITIES 0x20000000ull
#define XVCPU_CPUID_07_0_EDX_CORE_CAPABILITIES_SHIFT 30
#define XVCPU_CPUID_07_0_EDX_CORE_CAPABILITIES_MASK 0x40000000ull
#define XVCPU_CPUID_07_0_EDX_CORE_CAPABILITIES 0x40000000ull
#define XVCPU_CPUID_07_0_EDX_SSBD_SHIFT 31
#define XVCPU_CPUID_07_0_EDX_SSBD_MASK 0x80000000ull
#define XVCPU_CPUID_07_0_EDX_SSBD 0x80000000ull

/* CPUID_0D_1_EAX: CPUID leaf 0DH subleaf 1 EAX (XSAVE extensions) (32 bits; SDM Vol. 2A CPUID (leaf 0DH), SDM Vol. 1 13.2) */
#define XVCPU_CPUID_0D_1_EAX_XSAVEOPT_SHIFT 0
#define XVCPU_CPUID_0D_1_EAX_XSAVEOPT_MASK 0x1ull
#define XVCPU_CPUID_0D_1_EAX_XSAVEOPT 0x1ull
#define XVCPU_CPUID_0D_1_EAX_XSAVEC_SHIFT 1
#define XVCPU_CPUID_0D_1_EAX_XSAVEC_MASK 0x2ull
#define XVCPU_CPUID_0D_1_EAX_XSAVEC 0x2ull
#define XVCPU_CPUID_0D_1_EAX_XGETBV_ECX1_SHIFT 2
#define XVCPU_CPUID_0D_1_EAX_XGETBV_ECX1_MASK 0x4ull
#define XVCPU_CPUID_0D_1_EAX_XGETBV_ECX1 0x4ull
#define XVCPU_CPUID_0D_1_EAX_XSAVES_SHIFT 3
#define XVCPU_CPUID_0D_1_EAX_XSAVES_MASK 0x8ull
#define XVCPU_CPUID_0D_1_EAX_XSAVES 0x8ull
#define XVCPU_CPUID_0D_1_EAX_XFD_SHIFT 4
#define XVCPU_CPUID_0D_1_EAX_XFD_MASK 0x10ull
#define XVCPU_CPUID_0D_1_EAX_XFD 0x10ull

/* CPUID_80000001_ECX: CPUID leaf 80000001H ECX (Intel defines only bits 0, 5, 8) (32 bits; APM Vol. 3 Appendix E (Fn8000_0001_ECX), SDM Vol. 2A CPUID (leaf 80000001H)) */
#define XVCPU_CPUID_80000001_ECX_LAHF_LM_SHIFT 0
#define XVCPU_CPUID_80000001_ECX_LAHF_LM_MASK 0x1ull
#define XVCPU_CPUID_80000001_ECX_LAHF_LM 0x1ull
#define XVCPU_CPUID_80000001_ECX_CMP_LEGACY_SHIFT 1
#define XVCPU_CPUID_80000001_ECX_CMP_LEGACY_MASK 0x2ull
#define XVCPU_CPUID_80000001_ECX_CMP_LEGACY 0x2ull
#define XVCPU_CPUID_80000001_ECX_SVM_SHIFT 2
#define XVCPU_CPUID_80000001_ECX_SVM_MASK 0x4ull
#define XVCPU_CPUID_80000001_ECX_SVM 0x4ull
#define XVCPU_CPUID_80000001_ECX_EXTAPIC_SHIFT 3
#define XVCPU_CPUID_80000001_ECX_EXTAPIC_MASK 0x8ull
#define XVCPU_CPUID_80000001_ECX_EXTAPIC 0x8ull
#define XVCPU_CPUID_80000001_ECX_CR8_LEGACY_SHIFT 4
#define XVCPU_CPUID_80000001_ECX_CR8_LEGACY_MASK 0x10ull
#define XVCPU_CPUID_80000001_ECX_CR8_LEGACY 0x10ull
#define XVCPU_CPUID_80000001_ECX_ABM_SHIFT 5
#define XVCPU_CPUID_80000001_ECX_ABM_MASK 0x20ull
#define XVCPU_CPUID_80000001_ECX_ABM 0x20ull
#define XVCPU_CPUID_80000001_ECX_SSE4A_SHIFT 6
#define XVCPU_CPUID_80000001_ECX_SSE4A_MASK 0x40ull
#define XVCPU_CPUID_80000001_ECX_SSE4A 0x40ull
#define XVCPU_CPUID_80000001_ECX_MISALIGNSSE_SHIFT 7
#define XVCPU_CPUID_80000001_ECX_MISALIGNSSE_MASK 0x80ull
#define XVCPU_CPUID_80000001_ECX_MISALIGNSSE 0x80ull
#define XVCPU_CPUID_80000001_ECX_PREFETCHW_SHIFT 8
#define XVCPU_CPUID_80000001_ECX_PREFETCHW_MASK 0x100ull
#define XVCPU_CPUID_80000001_ECX_PREFETCHW 0x100ull
#define XVCPU_CPUID_80000001_ECX_OSVW_SHIFT 9
#define XVCPU_CPUID_80000001_ECX_OSVW_MASK 0x200ull
#define XVCPU_CPUID_80000001_ECX_OSVW 0x200ull
#define XVCPU_CPUID_80000001_ECX_IBS_SHIFT 10
#define XVCPU_CPUID_80000001_ECX_IBS_MASK 0x400ull
#define XVCPU_CPUID_80000001_ECX_IBS 0x400ull
#define XVCPU_CPUID_80000001_ECX_XOP_SHIFT 11
#define XVCPU_CPUID_80000001_ECX_XOP_MASK 0x800ull
#define XVCPU_CPUID_80000001_ECX_XOP 0x800ull
#define XVCPU_CPUID_80000001_ECX_SKINIT_SHIFT 12
#define XVCPU_CPUID_80000001_ECX_SKINIT_MASK 0x1000ull
#define XVCPU_CPUID_80000001_ECX_SKINIT 0x1000ull
#define XVCPU_CPUID_80000001_ECX_WDT_SHIFT 13
#define XVCPU_CPUID_80000001_ECX_WDT_MASK 0x2000ull
#define XVCPU_CPUID_80000001_ECX_WDT 0x2000ull
#define XVCPU_CPUID_80000001_ECX_LWP_SHIFT 15
#define XVCPU_CPUID_80000001_ECX_LWP_MASK 0x8000ull
#define XVCPU_CPUID_80000001_ECX_LWP 0x8000ull
#define XVCPU_CPUID_80000001_ECX_FMA4_SHIFT 16
#define XVCPU_CPUID_80000001_ECX_FMA4_MASK 0x10000ull
#define XVCPU_CPUID_80000001_ECX_FMA4 0x10000ull
#define XVCPU_CPUID_80000001_ECX_TCE_SHIFT 17
#define XVCPU_CPUID_80000001_ECX_TCE_MASK 0x20000ull
#define XVCPU_CPUID_80000001_ECX_TCE 0x20000ull
#define XVCPU_CPUID_80000001_ECX_TBM_SHIFT 21
#define XVCPU_CPUID_80000001_ECX_TBM_MASK 0x200000ull
#define XVCPU_CPUID_80000001_ECX_TBM 0x200000ull
#define XVCPU_CPUID_80000001_ECX_TOPOEXT_SHIFT 22
#define XVCPU_CPUID_80000001_ECX_TOPOEXT_MASK 0x400000ull
#define XVCPU_CPUID_80000001_ECX_TOPOEXT 0x400000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_CORE_SHIFT 23
#define XVCPU_CPUID_80000001_ECX_PERFCTR_CORE_MASK 0x800000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_CORE 0x800000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_NB_SHIFT 24
#define XVCPU_CPUID_80000001_ECX_PERFCTR_NB_MASK 0x1000000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_NB 0x1000000ull
#define XVCPU_CPUID_80000001_ECX_DATA_BP_EXT_SHIFT 26
#define XVCPU_CPUID_80000001_ECX_DATA_BP_EXT_MASK 0x4000000ull
#define XVCPU_CPUID_80000001_ECX_DATA_BP_EXT 0x4000000ull
#define XVCPU_CPUID_80000001_ECX_PERF_TSC_SHIFT 27
#define XVCPU_CPUID_80000001_ECX_PERF_TSC_MASK 0x8000000ull
#define XVCPU_CPUID_80000001_ECX_PERF_TSC 0x8000000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_LLC_SHIFT 28
#define XVCPU_CPUID_80000001_ECX_PERFCTR_LLC_MASK 0x10000000ull
#define XVCPU_CPUID_80000001_ECX_PERFCTR_LLC 0x10000000ull
#define XVCPU_CPUID_80000001_ECX_MONITORX_SHIFT 29
#define XVCPU_CPUID_80000001_ECX_MONITORX_MASK 0x20000000ull
#define XVCPU_CPUID_80000001_ECX_MONITORX 0x20000000ull

/* CPUID_80000001_EDX: CPUID leaf 80000001H EDX (subset; AMD mirrors many leaf-1 EDX bits here) (32 bits; APM Vol. 3 Appendix E (Fn8000_0001_EDX), SDM Vol. 2A CPUID (leaf 80000001H)) */
#define XVCPU_CPUID_80000001_EDX_SYSCALL_SHIFT 11
#define XVCPU_CPUID_80000001_EDX_SYSCALL_MASK 0x800ull
#define XVCPU_CPUID_80000001_EDX_SYSCALL 0x800ull
#define XVCPU_CPUID_80000001_EDX_NX_SHIFT 20
#define XVCPU_CPUID_80000001_EDX_NX_MASK 0x100000ull
#define XVCPU_CPUID_80000001_EDX_NX 0x100000ull
#define XVCPU_CPUID_80000001_EDX_MMXEXT_SHIFT 22
#define XVCPU_CPUID_80000001_EDX_MMXEXT_MASK 0x400000ull
#define XVCPU_CPUID_80000001_EDX_MMXEXT 0x400000ull
#define XVCPU_CPUID_80000001_EDX_FFXSR_SHIFT 25
#define XVCPU_CPUID_80000001_EDX_FFXSR_MASK 0x2000000ull
#define XVCPU_CPUID_80000001_EDX_FFXSR 0x2000000ull
#define XVCPU_CPUID_80000001_EDX_PDPE1GB_SHIFT 26
#define XVCPU_CPUID_80000001_EDX_PDPE1GB_MASK 0x4000000ull
#define XVCPU_CPUID_80000001_EDX_PDPE1GB 0x4000000ull
#define XVCPU_CPUID_80000001_EDX_RDTSCP_SHIFT 27
#define XVCPU_CPUID_80000001_EDX_RDTSCP_MASK 0x8000000ull
#define XVCPU_CPUID_80000001_EDX_RDTSCP 0x8000000ull
#define XVCPU_CPUID_80000001_EDX_LM_SHIFT 29
#define XVCPU_CPUID_80000001_EDX_LM_MASK 0x20000000ull
#define XVCPU_CPUID_80000001_EDX_LM 0x20000000ull

/* CPUID_80000008_EAX: CPUID leaf 80000008H EAX (address sizes) (32 bits; SDM Vol. 2A CPUID (leaf 80000008H), APM Vol. 3 Appendix E (Fn8000_0008_EAX)) */
#define XVCPU_CPUID_80000008_EAX_PHYS_ADDR_BITS_SHIFT 0
#define XVCPU_CPUID_80000008_EAX_PHYS_ADDR_BITS_MASK 0xFFull
#define XVCPU_CPUID_80000008_EAX_LINEAR_ADDR_BITS_SHIFT 8
#define XVCPU_CPUID_80000008_EAX_LINEAR_ADDR_BITS_MASK 0xFF00ull
#define XVCPU_CPUID_80000008_EAX_GUEST_PHYS_ADDR_BITS_SHIFT 16
#define XVCPU_CPUID_80000008_EAX_GUEST_PHYS_ADDR_BITS_MASK 0xFF0000ull

/* X86_MEMORY_TYPE: Memory-type encodings shared by MTRRs, PAT, EPT and VMX_BASIC (UC_MINUS is valid only in the PAT) (SDM Vol. 3A 12.3, SDM Vol. 3A 12.12.2) */
#define XVCPU_X86_MEMORY_TYPE_UC 0u
#define XVCPU_X86_MEMORY_TYPE_WC 1u
#define XVCPU_X86_MEMORY_TYPE_WT 4u
#define XVCPU_X86_MEMORY_TYPE_WP 5u
#define XVCPU_X86_MEMORY_TYPE_WB 6u
#define XVCPU_X86_MEMORY_TYPE_UC_MINUS 7u

#endif /* XVCPU_GEN_X86_REGISTERS_H */

/* ==== xvcpu/gen/vmcs_fields.h ==== */
/* xvcpu/gen/vmcs_fields.h: generated by codegen/gen.py from spec/vmcs_fields.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_VMCS_FIELDS_H
#define XVCPU_GEN_VMCS_FIELDS_H

/* VMCS field encodings (SDM Vol. 3D Appendix B). The high half of a 64-bit field is ENC | 1. */
#define XVCPU_VMCS_VIRTUAL_PROCESSOR_ID 0x0000u
#define XVCPU_VMCS_POSTED_INTERRUPT_NOTIFICATION_VECTOR 0x0002u
#define XVCPU_VMCS_EPTP_INDEX 0x0004u
#define XVCPU_VMCS_HLAT_PREFIX_SIZE 0x0006u
#define XVCPU_VMCS_LAST_PID_POINTER_INDEX 0x0008u
#define XVCPU_VMCS_GUEST_ES_SELECTOR 0x0800u
#define XVCPU_VMCS_GUEST_CS_SELECTOR 0x0802u
#define XVCPU_VMCS_GUEST_SS_SELECTOR 0x0804u
#define XVCPU_VMCS_GUEST_DS_SELECTOR 0x0806u
#define XVCPU_VMCS_GUEST_FS_SELECTOR 0x0808u
#define XVCPU_VMCS_GUEST_GS_SELECTOR 0x080Au
#define XVCPU_VMCS_GUEST_LDTR_SELECTOR 0x080Cu
#define XVCPU_VMCS_GUEST_TR_SELECTOR 0x080Eu
#define XVCPU_VMCS_GUEST_INTERRUPT_STATUS 0x0810u
#define XVCPU_VMCS_PML_INDEX 0x0812u
#define XVCPU_VMCS_GUEST_UINV 0x0814u
#define XVCPU_VMCS_HOST_ES_SELECTOR 0x0C00u
#define XVCPU_VMCS_HOST_CS_SELECTOR 0x0C02u
#define XVCPU_VMCS_HOST_SS_SELECTOR 0x0C04u
#define XVCPU_VMCS_HOST_DS_SELECTOR 0x0C06u
#define XVCPU_VMCS_HOST_FS_SELECTOR 0x0C08u
#define XVCPU_VMCS_HOST_GS_SELECTOR 0x0C0Au
#define XVCPU_VMCS_HOST_TR_SELECTOR 0x0C0Cu
#define XVCPU_VMCS_IO_BITMAP_A_ADDRESS 0x2000u
#define XVCPU_VMCS_IO_BITMAP_B_ADDRESS 0x2002u
#define XVCPU_VMCS_MSR_BITMAP_ADDRESS 0x2004u
#define XVCPU_VMCS_EXIT_MSR_STORE_ADDRESS 0x2006u
#define XVCPU_VMCS_EXIT_MSR_LOAD_ADDRESS 0x2008u
#define XVCPU_VMCS_ENTRY_MSR_LOAD_ADDRESS 0x200Au
#define XVCPU_VMCS_EXECUTIVE_VMCS_POINTER 0x200Cu
#define XVCPU_VMCS_PML_ADDRESS 0x200Eu
#define XVCPU_VMCS_TSC_OFFSET 0x2010u
#define XVCPU_VMCS_VIRTUAL_APIC_ADDRESS 0x2012u
#define XVCPU_VMCS_APIC_ACCESS_ADDRESS 0x2014u
#define XVCPU_VMCS_POSTED_INTERRUPT_DESCRIPTOR_ADDRESS 0x2016u
#define XVCPU_VMCS_VM_FUNCTION_CONTROLS 0x2018u
#define XVCPU_VMCS_EPT_POINTER 0x201Au
#define XVCPU_VMCS_EOI_EXIT_BITMAP_0 0x201Cu
#define XVCPU_VMCS_EOI_EXIT_BITMAP_1 0x201Eu
#define XVCPU_VMCS_EOI_EXIT_BITMAP_2 0x2020u
#define XVCPU_VMCS_EOI_EXIT_BITMAP_3 0x2022u
#define XVCPU_VMCS_EPTP_LIST_ADDRESS 0x2024u
#define XVCPU_VMCS_VMREAD_BITMAP_ADDRESS 0x2026u
#define XVCPU_VMCS_VMWRITE_BITMAP_ADDRESS 0x2028u
#define XVCPU_VMCS_VE_INFORMATION_ADDRESS 0x202Au
#define XVCPU_VMCS_XSS_EXITING_BITMAP 0x202Cu
#define XVCPU_VMCS_ENCLS_EXITING_BITMAP 0x202Eu
#define XVCPU_VMCS_SPP_TABLE_POINTER 0x2030u
#define XVCPU_VMCS_TSC_MULTIPLIER 0x2032u
#define XVCPU_VMCS_TERTIARY_PROC_BASED_CONTROLS 0x2034u
#define XVCPU_VMCS_ENCLV_EXITING_BITMAP 0x2036u
#define XVCPU_VMCS_LOW_PASID_DIRECTORY_ADDRESS 0x2038u
#define XVCPU_VMCS_HIGH_PASID_DIRECTORY_ADDRESS 0x203Au
#define XVCPU_VMCS_SHARED_EPT_POINTER 0x203Cu
#define XVCPU_VMCS_PCONFIG_EXITING_BITMAP 0x203Eu
#define XVCPU_VMCS_HLAT_POINTER 0x2040u
#define XVCPU_VMCS_PID_POINTER_TABLE_ADDRESS 0x2042u
#define XVCPU_VMCS_SECONDARY_EXIT_CONTROLS 0x2044u
#define XVCPU_VMCS_IA32_SPEC_CTRL_MASK 0x204Au
#define XVCPU_VMCS_IA32_SPEC_CTRL_SHADOW 0x204Cu
#define XVCPU_VMCS_INJECTED_EVENT_DATA 0x2052u
#define XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS 0x2400u
#define XVCPU_VMCS_ORIGINAL_EVENT_DATA 0x2404u
#define XVCPU_VMCS_VMCS_LINK_POINTER 0x2800u
#define XVCPU_VMCS_GUEST_IA32_DEBUGCTL 0x2802u
#define XVCPU_VMCS_GUEST_IA32_PAT 0x2804u
#define XVCPU_VMCS_GUEST_IA32_EFER 0x2806u
#define XVCPU_VMCS_GUEST_IA32_PERF_GLOBAL_CTRL 0x2808u
#define XVCPU_VMCS_GUEST_PDPTE0 0x280Au
#define XVCPU_VMCS_GUEST_PDPTE1 0x280Cu
#define XVCPU_VMCS_GUEST_PDPTE2 0x280Eu
#define XVCPU_VMCS_GUEST_PDPTE3 0x2810u
#define XVCPU_VMCS_GUEST_IA32_BNDCFGS 0x2812u
#define XVCPU_VMCS_GUEST_IA32_RTIT_CTL 0x2814u
#define XVCPU_VMCS_GUEST_IA32_LBR_CTL 0x2816u
#define XVCPU_VMCS_GUEST_IA32_PKRS 0x2818u
#define XVCPU_VMCS_GUEST_IA32_FRED_CONFIG 0x281Au
#define XVCPU_VMCS_GUEST_IA32_FRED_RSP1 0x281Cu
#define XVCPU_VMCS_GUEST_IA32_FRED_RSP2 0x281Eu
#define XVCPU_VMCS_GUEST_IA32_FRED_RSP3 0x2820u
#define XVCPU_VMCS_GUEST_IA32_FRED_STKLVLS 0x2822u
#define XVCPU_VMCS_GUEST_IA32_FRED_SSP1 0x2824u
#define XVCPU_VMCS_GUEST_IA32_FRED_SSP2 0x2826u
#define XVCPU_VMCS_GUEST_IA32_FRED_SSP3 0x2828u
#define XVCPU_VMCS_HOST_IA32_PAT 0x2C00u
#define XVCPU_VMCS_HOST_IA32_EFER 0x2C02u
#define XVCPU_VMCS_HOST_IA32_PERF_GLOBAL_CTRL 0x2C04u
#define XVCPU_VMCS_HOST_IA32_PKRS 0x2C06u
#define XVCPU_VMCS_HOST_IA32_FRED_CONFIG 0x2C08u
#define XVCPU_VMCS_HOST_IA32_FRED_RSP1 0x2C0Au
#define XVCPU_VMCS_HOST_IA32_FRED_RSP2 0x2C0Cu
#define XVCPU_VMCS_HOST_IA32_FRED_RSP3 0x2C0Eu
#define XVCPU_VMCS_HOST_IA32_FRED_STKLVLS 0x2C10u
#define XVCPU_VMCS_HOST_IA32_FRED_SSP1 0x2C12u
#define XVCPU_VMCS_HOST_IA32_FRED_SSP2 0x2C14u
#define XVCPU_VMCS_HOST_IA32_FRED_SSP3 0x2C16u
#define XVCPU_VMCS_PIN_BASED_CONTROLS 0x4000u
#define XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS 0x4002u
#define XVCPU_VMCS_EXCEPTION_BITMAP 0x4004u
#define XVCPU_VMCS_PAGE_FAULT_ERROR_CODE_MASK 0x4006u
#define XVCPU_VMCS_PAGE_FAULT_ERROR_CODE_MATCH 0x4008u
#define XVCPU_VMCS_CR3_TARGET_COUNT 0x400Au
#define XVCPU_VMCS_PRIMARY_EXIT_CONTROLS 0x400Cu
#define XVCPU_VMCS_EXIT_MSR_STORE_COUNT 0x400Eu
#define XVCPU_VMCS_EXIT_MSR_LOAD_COUNT 0x4010u
#define XVCPU_VMCS_ENTRY_CONTROLS 0x4012u
#define XVCPU_VMCS_ENTRY_MSR_LOAD_COUNT 0x4014u
#define XVCPU_VMCS_ENTRY_INTERRUPTION_INFO 0x4016u
#define XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE 0x4018u
#define XVCPU_VMCS_ENTRY_INSTRUCTION_LENGTH 0x401Au
#define XVCPU_VMCS_TPR_THRESHOLD 0x401Cu
#define XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS 0x401Eu
#define XVCPU_VMCS_PLE_GAP 0x4020u
#define XVCPU_VMCS_PLE_WINDOW 0x4022u
#define XVCPU_VMCS_INSTRUCTION_TIMEOUT_CONTROL 0x4024u
#define XVCPU_VMCS_VM_INSTRUCTION_ERROR 0x4400u
#define XVCPU_VMCS_EXIT_REASON 0x4402u
#define XVCPU_VMCS_EXIT_INTERRUPTION_INFO 0x4404u
#define XVCPU_VMCS_EXIT_INTERRUPTION_ERROR_CODE 0x4406u
#define XVCPU_VMCS_IDT_VECTORING_INFO 0x4408u
#define XVCPU_VMCS_IDT_VECTORING_ERROR_CODE 0x440Au
#define XVCPU_VMCS_EXIT_INSTRUCTION_LENGTH 0x440Cu
#define XVCPU_VMCS_EXIT_INSTRUCTION_INFO 0x440Eu
#define XVCPU_VMCS_GUEST_ES_LIMIT 0x4800u
#define XVCPU_VMCS_GUEST_CS_LIMIT 0x4802u
#define XVCPU_VMCS_GUEST_SS_LIMIT 0x4804u
#define XVCPU_VMCS_GUEST_DS_LIMIT 0x4806u
#define XVCPU_VMCS_GUEST_FS_LIMIT 0x4808u
#define XVCPU_VMCS_GUEST_GS_LIMIT 0x480Au
#define XVCPU_VMCS_GUEST_LDTR_LIMIT 0x480Cu
#define XVCPU_VMCS_GUEST_TR_LIMIT 0x480Eu
#define XVCPU_VMCS_GUEST_GDTR_LIMIT 0x4810u
#define XVCPU_VMCS_GUEST_IDTR_LIMIT 0x4812u
#define XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS 0x4814u
#define XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS 0x4816u
#define XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS 0x4818u
#define XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS 0x481Au
#define XVCPU_VMCS_GUEST_FS_ACCESS_RIGHTS 0x481Cu
#define XVCPU_VMCS_GUEST_GS_ACCESS_RIGHTS 0x481Eu
#define XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS 0x4820u
#define XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS 0x4822u
#define XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE 0x4824u
#define XVCPU_VMCS_GUEST_ACTIVITY_STATE 0x4826u
#define XVCPU_VMCS_GUEST_SMBASE 0x4828u
#define XVCPU_VMCS_GUEST_IA32_SYSENTER_CS 0x482Au
#define XVCPU_VMCS_VMX_PREEMPTION_TIMER_VALUE 0x482Eu
#define XVCPU_VMCS_HOST_IA32_SYSENTER_CS 0x4C00u
#define XVCPU_VMCS_CR0_GUEST_HOST_MASK 0x6000u
#define XVCPU_VMCS_CR4_GUEST_HOST_MASK 0x6002u
#define XVCPU_VMCS_CR0_READ_SHADOW 0x6004u
#define XVCPU_VMCS_CR4_READ_SHADOW 0x6006u
#define XVCPU_VMCS_CR3_TARGET_VALUE_0 0x6008u
#define XVCPU_VMCS_CR3_TARGET_VALUE_1 0x600Au
#define XVCPU_VMCS_CR3_TARGET_VALUE_2 0x600Cu
#define XVCPU_VMCS_CR3_TARGET_VALUE_3 0x600Eu
#define XVCPU_VMCS_EXIT_QUALIFICATION 0x6400u
#define XVCPU_VMCS_IO_RCX 0x6402u
#define XVCPU_VMCS_IO_RSI 0x6404u
#define XVCPU_VMCS_IO_RDI 0x6406u
#define XVCPU_VMCS_IO_RIP 0x6408u
#define XVCPU_VMCS_GUEST_LINEAR_ADDRESS 0x640Au
#define XVCPU_VMCS_GUEST_CR0 0x6800u
#define XVCPU_VMCS_GUEST_CR3 0x6802u
#define XVCPU_VMCS_GUEST_CR4 0x6804u
#define XVCPU_VMCS_GUEST_ES_BASE 0x6806u
#define XVCPU_VMCS_GUEST_CS_BASE 0x6808u
#define XVCPU_VMCS_GUEST_SS_BASE 0x680Au
#define XVCPU_VMCS_GUEST_DS_BASE 0x680Cu
#define XVCPU_VMCS_GUEST_FS_BASE 0x680Eu
#define XVCPU_VMCS_GUEST_GS_BASE 0x6810u
#define XVCPU_VMCS_GUEST_LDTR_BASE 0x6812u
#define XVCPU_VMCS_GUEST_TR_BASE 0x6814u
#define XVCPU_VMCS_GUEST_GDTR_BASE 0x6816u
#define XVCPU_VMCS_GUEST_IDTR_BASE 0x6818u
#define XVCPU_VMCS_GUEST_DR7 0x681Au
#define XVCPU_VMCS_GUEST_RSP 0x681Cu
#define XVCPU_VMCS_GUEST_RIP 0x681Eu
#define XVCPU_VMCS_GUEST_RFLAGS 0x6820u
#define XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS 0x6822u
#define XVCPU_VMCS_GUEST_IA32_SYSENTER_ESP 0x6824u
#define XVCPU_VMCS_GUEST_IA32_SYSENTER_EIP 0x6826u
#define XVCPU_VMCS_GUEST_IA32_S_CET 0x6828u
#define XVCPU_VMCS_GUEST_SSP 0x682Au
#define XVCPU_VMCS_GUEST_IA32_INTERRUPT_SSP_TABLE_ADDR 0x682Cu
#define XVCPU_VMCS_HOST_CR0 0x6C00u
#define XVCPU_VMCS_HOST_CR3 0x6C02u
#define XVCPU_VMCS_HOST_CR4 0x6C04u
#define XVCPU_VMCS_HOST_FS_BASE 0x6C06u
#define XVCPU_VMCS_HOST_GS_BASE 0x6C08u
#define XVCPU_VMCS_HOST_TR_BASE 0x6C0Au
#define XVCPU_VMCS_HOST_GDTR_BASE 0x6C0Cu
#define XVCPU_VMCS_HOST_IDTR_BASE 0x6C0Eu
#define XVCPU_VMCS_HOST_IA32_SYSENTER_ESP 0x6C10u
#define XVCPU_VMCS_HOST_IA32_SYSENTER_EIP 0x6C12u
#define XVCPU_VMCS_HOST_RSP 0x6C14u
#define XVCPU_VMCS_HOST_RIP 0x6C16u
#define XVCPU_VMCS_HOST_IA32_S_CET 0x6C18u
#define XVCPU_VMCS_HOST_SSP 0x6C1Au
#define XVCPU_VMCS_HOST_IA32_INTERRUPT_SSP_TABLE_ADDR 0x6C1Cu

/* Width and group, as the SDM encodes them in bits 14:13 and 11:10 of the encoding. */
typedef enum xvcpu_vmcs_width {
    XVCPU_VMCS_WIDTH_16 = 0, XVCPU_VMCS_WIDTH_64 = 1, XVCPU_VMCS_WIDTH_32 = 2, XVCPU_VMCS_WIDTH_NATURAL = 3
} xvcpu_vmcs_width;
typedef enum xvcpu_vmcs_group {
    XVCPU_VMCS_GROUP_CONTROL = 0, XVCPU_VMCS_GROUP_EXIT_INFO = 1,
    XVCPU_VMCS_GROUP_GUEST = 2, XVCPU_VMCS_GROUP_HOST = 3
} xvcpu_vmcs_group;
#define XVCPU_VMCS_FIELD_COUNT 199

/* Every field, for iteration: X(NAME, lower_name, encoding, WIDTH, GROUP), where WIDTH is one of
 * 16, 32, 64, NATURAL and GROUP one of CONTROL, EXIT_INFO, GUEST, HOST (paste onto
 * XVCPU_VMCS_WIDTH_ / XVCPU_VMCS_GROUP_). Sorted by encoding. */
#define XVCPU_VMCS_FIELDS(X) \
    X(VIRTUAL_PROCESSOR_ID, virtual_processor_id, 0x0000u, 16, CONTROL) \
    X(POSTED_INTERRUPT_NOTIFICATION_VECTOR, posted_interrupt_notification_vector, 0x0002u, 16, CONTROL) \
    X(EPTP_INDEX, eptp_index, 0x0004u, 16, CONTROL) \
    X(HLAT_PREFIX_SIZE, hlat_prefix_size, 0x0006u, 16, CONTROL) \
    X(LAST_PID_POINTER_INDEX, last_pid_pointer_index, 0x0008u, 16, CONTROL) \
    X(GUEST_ES_SELECTOR, guest_es_selector, 0x0800u, 16, GUEST) \
    X(GUEST_CS_SELECTOR, guest_cs_selector, 0x0802u, 16, GUEST) \
    X(GUEST_SS_SELECTOR, guest_ss_selector, 0x0804u, 16, GUEST) \
    X(GUEST_DS_SELECTOR, guest_ds_selector, 0x0806u, 16, GUEST) \
    X(GUEST_FS_SELECTOR, guest_fs_selector, 0x0808u, 16, GUEST) \
    X(GUEST_GS_SELECTOR, guest_gs_selector, 0x080Au, 16, GUEST) \
    X(GUEST_LDTR_SELECTOR, guest_ldtr_selector, 0x080Cu, 16, GUEST) \
    X(GUEST_TR_SELECTOR, guest_tr_selector, 0x080Eu, 16, GUEST) \
    X(GUEST_INTERRUPT_STATUS, guest_interrupt_status, 0x0810u, 16, GUEST) \
    X(PML_INDEX, pml_index, 0x0812u, 16, GUEST) \
    X(GUEST_UINV, guest_uinv, 0x0814u, 16, GUEST) \
    X(HOST_ES_SELECTOR, host_es_selector, 0x0C00u, 16, HOST) \
    X(HOST_CS_SELECTOR, host_cs_selector, 0x0C02u, 16, HOST) \
    X(HOST_SS_SELECTOR, host_ss_selector, 0x0C04u, 16, HOST) \
    X(HOST_DS_SELECTOR, host_ds_selector, 0x0C06u, 16, HOST) \
    X(HOST_FS_SELECTOR, host_fs_selector, 0x0C08u, 16, HOST) \
    X(HOST_GS_SELECTOR, host_gs_selector, 0x0C0Au, 16, HOST) \
    X(HOST_TR_SELECTOR, host_tr_selector, 0x0C0Cu, 16, HOST) \
    X(IO_BITMAP_A_ADDRESS, io_bitmap_a_address, 0x2000u, 64, CONTROL) \
    X(IO_BITMAP_B_ADDRESS, io_bitmap_b_address, 0x2002u, 64, CONTROL) \
    X(MSR_BITMAP_ADDRESS, msr_bitmap_address, 0x2004u, 64, CONTROL) \
    X(EXIT_MSR_STORE_ADDRESS, exit_msr_store_address, 0x2006u, 64, CONTROL) \
    X(EXIT_MSR_LOAD_ADDRESS, exit_msr_load_address, 0x2008u, 64, CONTROL) \
    X(ENTRY_MSR_LOAD_ADDRESS, entry_msr_load_address, 0x200Au, 64, CONTROL) \
    X(EXECUTIVE_VMCS_POINTER, executive_vmcs_pointer, 0x200Cu, 64, CONTROL) \
    X(PML_ADDRESS, pml_address, 0x200Eu, 64, CONTROL) \
    X(TSC_OFFSET, tsc_offset, 0x2010u, 64, CONTROL) \
    X(VIRTUAL_APIC_ADDRESS, virtual_apic_address, 0x2012u, 64, CONTROL) \
    X(APIC_ACCESS_ADDRESS, apic_access_address, 0x2014u, 64, CONTROL) \
    X(POSTED_INTERRUPT_DESCRIPTOR_ADDRESS, posted_interrupt_descriptor_address, 0x2016u, 64, CONTROL) \
    X(VM_FUNCTION_CONTROLS, vm_function_controls, 0x2018u, 64, CONTROL) \
    X(EPT_POINTER, ept_pointer, 0x201Au, 64, CONTROL) \
    X(EOI_EXIT_BITMAP_0, eoi_exit_bitmap_0, 0x201Cu, 64, CONTROL) \
    X(EOI_EXIT_BITMAP_1, eoi_exit_bitmap_1, 0x201Eu, 64, CONTROL) \
    X(EOI_EXIT_BITMAP_2, eoi_exit_bitmap_2, 0x2020u, 64, CONTROL) \
    X(EOI_EXIT_BITMAP_3, eoi_exit_bitmap_3, 0x2022u, 64, CONTROL) \
    X(EPTP_LIST_ADDRESS, eptp_list_address, 0x2024u, 64, CONTROL) \
    X(VMREAD_BITMAP_ADDRESS, vmread_bitmap_address, 0x2026u, 64, CONTROL) \
    X(VMWRITE_BITMAP_ADDRESS, vmwrite_bitmap_address, 0x2028u, 64, CONTROL) \
    X(VE_INFORMATION_ADDRESS, ve_information_address, 0x202Au, 64, CONTROL) \
    X(XSS_EXITING_BITMAP, xss_exiting_bitmap, 0x202Cu, 64, CONTROL) \
    X(ENCLS_EXITING_BITMAP, encls_exiting_bitmap, 0x202Eu, 64, CONTROL) \
    X(SPP_TABLE_POINTER, spp_table_pointer, 0x2030u, 64, CONTROL) \
    X(TSC_MULTIPLIER, tsc_multiplier, 0x2032u, 64, CONTROL) \
    X(TERTIARY_PROC_BASED_CONTROLS, tertiary_proc_based_controls, 0x2034u, 64, CONTROL) \
    X(ENCLV_EXITING_BITMAP, enclv_exiting_bitmap, 0x2036u, 64, CONTROL) \
    X(LOW_PASID_DIRECTORY_ADDRESS, low_pasid_directory_address, 0x2038u, 64, CONTROL) \
    X(HIGH_PASID_DIRECTORY_ADDRESS, high_pasid_directory_address, 0x203Au, 64, CONTROL) \
    X(SHARED_EPT_POINTER, shared_ept_pointer, 0x203Cu, 64, CONTROL) \
    X(PCONFIG_EXITING_BITMAP, pconfig_exiting_bitmap, 0x203Eu, 64, CONTROL) \
    X(HLAT_POINTER, hlat_pointer, 0x2040u, 64, CONTROL) \
    X(PID_POINTER_TABLE_ADDRESS, pid_pointer_table_address, 0x2042u, 64, CONTROL) \
    X(SECONDARY_EXIT_CONTROLS, secondary_exit_controls, 0x2044u, 64, CONTROL) \
    X(IA32_SPEC_CTRL_MASK, ia32_spec_ctrl_mask, 0x204Au, 64, CONTROL) \
    X(IA32_SPEC_CTRL_SHADOW, ia32_spec_ctrl_shadow, 0x204Cu, 64, CONTROL) \
    X(INJECTED_EVENT_DATA, injected_event_data, 0x2052u, 64, CONTROL) \
    X(GUEST_PHYSICAL_ADDRESS, guest_physical_address, 0x2400u, 64, EXIT_INFO) \
    X(ORIGINAL_EVENT_DATA, original_event_data, 0x2404u, 64, EXIT_INFO) \
    X(VMCS_LINK_POINTER, vmcs_link_pointer, 0x2800u, 64, GUEST) \
    X(GUEST_IA32_DEBUGCTL, guest_ia32_debugctl, 0x2802u, 64, GUEST) \
    X(GUEST_IA32_PAT, guest_ia32_pat, 0x2804u, 64, GUEST) \
    X(GUEST_IA32_EFER, guest_ia32_efer, 0x2806u, 64, GUEST) \
    X(GUEST_IA32_PERF_GLOBAL_CTRL, guest_ia32_perf_global_ctrl, 0x2808u, 64, GUEST) \
    X(GUEST_PDPTE0, guest_pdpte0, 0x280Au, 64, GUEST) \
    X(GUEST_PDPTE1, guest_pdpte1, 0x280Cu, 64, GUEST) \
    X(GUEST_PDPTE2, guest_pdpte2, 0x280Eu, 64, GUEST) \
    X(GUEST_PDPTE3, guest_pdpte3, 0x2810u, 64, GUEST) \
    X(GUEST_IA32_BNDCFGS, guest_ia32_bndcfgs, 0x2812u, 64, GUEST) \
    X(GUEST_IA32_RTIT_CTL, guest_ia32_rtit_ctl, 0x2814u, 64, GUEST) \
    X(GUEST_IA32_LBR_CTL, guest_ia32_lbr_ctl, 0x2816u, 64, GUEST) \
    X(GUEST_IA32_PKRS, guest_ia32_pkrs, 0x2818u, 64, GUEST) \
    X(GUEST_IA32_FRED_CONFIG, guest_ia32_fred_config, 0x281Au, 64, GUEST) \
    X(GUEST_IA32_FRED_RSP1, guest_ia32_fred_rsp1, 0x281Cu, 64, GUEST) \
    X(GUEST_IA32_FRED_RSP2, guest_ia32_fred_rsp2, 0x281Eu, 64, GUEST) \
    X(GUEST_IA32_FRED_RSP3, guest_ia32_fred_rsp3, 0x2820u, 64, GUEST) \
    X(GUEST_IA32_FRED_STKLVLS, guest_ia32_fred_stklvls, 0x2822u, 64, GUEST) \
    X(GUEST_IA32_FRED_SSP1, guest_ia32_fred_ssp1, 0x2824u, 64, GUEST) \
    X(GUEST_IA32_FRED_SSP2, guest_ia32_fred_ssp2, 0x2826u, 64, GUEST) \
    X(GUEST_IA32_FRED_SSP3, guest_ia32_fred_ssp3, 0x2828u, 64, GUEST) \
    X(HOST_IA32_PAT, host_ia32_pat, 0x2C00u, 64, HOST) \
    X(HOST_IA32_EFER, host_ia32_efer, 0x2C02u, 64, HOST) \
    X(HOST_IA32_PERF_GLOBAL_CTRL, host_ia32_perf_global_ctrl, 0x2C04u, 64, HOST) \
    X(HOST_IA32_PKRS, host_ia32_pkrs, 0x2C06u, 64, HOST) \
    X(HOST_IA32_FRED_CONFIG, host_ia32_fred_config, 0x2C08u, 64, HOST) \
    X(HOST_IA32_FRED_RSP1, host_ia32_fred_rsp1, 0x2C0Au, 64, HOST) \
    X(HOST_IA32_FRED_RSP2, host_ia32_fred_rsp2, 0x2C0Cu, 64, HOST) \
    X(HOST_IA32_FRED_RSP3, host_ia32_fred_rsp3, 0x2C0Eu, 64, HOST) \
    X(HOST_IA32_FRED_STKLVLS, host_ia32_fred_stklvls, 0x2C10u, 64, HOST) \
    X(HOST_IA32_FRED_SSP1, host_ia32_fred_ssp1, 0x2C12u, 64, HOST) \
    X(HOST_IA32_FRED_SSP2, host_ia32_fred_ssp2, 0x2C14u, 64, HOST) \
    X(HOST_IA32_FRED_SSP3, host_ia32_fred_ssp3, 0x2C16u, 64, HOST) \
    X(PIN_BASED_CONTROLS, pin_based_controls, 0x4000u, 32, CONTROL) \
    X(PRIMARY_PROC_BASED_CONTROLS, primary_proc_based_controls, 0x4002u, 32, CONTROL) \
    X(EXCEPTION_BITMAP, exception_bitmap, 0x4004u, 32, CONTROL) \
    X(PAGE_FAULT_ERROR_CODE_MASK, page_fault_error_code_mask, 0x4006u, 32, CONTROL) \
    X(PAGE_FAULT_ERROR_CODE_MATCH, page_fault_error_code_match, 0x4008u, 32, CONTROL) \
    X(CR3_TARGET_COUNT, cr3_target_count, 0x400Au, 32, CONTROL) \
    X(PRIMARY_EXIT_CONTROLS, primary_exit_controls, 0x400Cu, 32, CONTROL) \
    X(EXIT_MSR_STORE_COUNT, exit_msr_store_count, 0x400Eu, 32, CONTROL) \
    X(EXIT_MSR_LOAD_COUNT, exit_msr_load_count, 0x4010u, 32, CONTROL) \
    X(ENTRY_CONTROLS, entry_controls, 0x4012u, 32, CONTROL) \
    X(ENTRY_MSR_LOAD_COUNT, entry_msr_load_count, 0x4014u, 32, CONTROL) \
    X(ENTRY_INTERRUPTION_INFO, entry_interruption_info, 0x4016u, 32, CONTROL) \
    X(ENTRY_EXCEPTION_ERROR_CODE, entry_exception_error_code, 0x4018u, 32, CONTROL) \
    X(ENTRY_INSTRUCTION_LENGTH, entry_instruction_length, 0x401Au, 32, CONTROL) \
    X(TPR_THRESHOLD, tpr_threshold, 0x401Cu, 32, CONTROL) \
    X(SECONDARY_PROC_BASED_CONTROLS, secondary_proc_based_controls, 0x401Eu, 32, CONTROL) \
    X(PLE_GAP, ple_gap, 0x4020u, 32, CONTROL) \
    X(PLE_WINDOW, ple_window, 0x4022u, 32, CONTROL) \
    X(INSTRUCTION_TIMEOUT_CONTROL, instruction_timeout_control, 0x4024u, 32, CONTROL) \
    X(VM_INSTRUCTION_ERROR, vm_instruction_error, 0x4400u, 32, EXIT_INFO) \
    X(EXIT_REASON, exit_reason, 0x4402u, 32, EXIT_INFO) \
    X(EXIT_INTERRUPTION_INFO, exit_interruption_info, 0x4404u, 32, EXIT_INFO) \
    X(EXIT_INTERRUPTION_ERROR_CODE, exit_interruption_error_code, 0x4406u, 32, EXIT_INFO) \
    X(IDT_VECTORING_INFO, idt_vectoring_info, 0x4408u, 32, EXIT_INFO) \
    X(IDT_VECTORING_ERROR_CODE, idt_vectoring_error_code, 0x440Au, 32, EXIT_INFO) \
    X(EXIT_INSTRUCTION_LENGTH, exit_instruction_length, 0x440Cu, 32, EXIT_INFO) \
    X(EXIT_INSTRUCTION_INFO, exit_instruction_info, 0x440Eu, 32, EXIT_INFO) \
    X(GUEST_ES_LIMIT, guest_es_limit, 0x4800u, 32, GUEST) \
    X(GUEST_CS_LIMIT, guest_cs_limit, 0x4802u, 32, GUEST) \
    X(GUEST_SS_LIMIT, guest_ss_limit, 0x4804u, 32, GUEST) \
    X(GUEST_DS_LIMIT, guest_ds_limit, 0x4806u, 32, GUEST) \
    X(GUEST_FS_LIMIT, guest_fs_limit, 0x4808u, 32, GUEST) \
    X(GUEST_GS_LIMIT, guest_gs_limit, 0x480Au, 32, GUEST) \
    X(GUEST_LDTR_LIMIT, guest_ldtr_limit, 0x480Cu, 32, GUEST) \
    X(GUEST_TR_LIMIT, guest_tr_limit, 0x480Eu, 32, GUEST) \
    X(GUEST_GDTR_LIMIT, guest_gdtr_limit, 0x4810u, 32, GUEST) \
    X(GUEST_IDTR_LIMIT, guest_idtr_limit, 0x4812u, 32, GUEST) \
    X(GUEST_ES_ACCESS_RIGHTS, guest_es_access_rights, 0x4814u, 32, GUEST) \
    X(GUEST_CS_ACCESS_RIGHTS, guest_cs_access_rights, 0x4816u, 32, GUEST) \
    X(GUEST_SS_ACCESS_RIGHTS, guest_ss_access_rights, 0x4818u, 32, GUEST) \
    X(GUEST_DS_ACCESS_RIGHTS, guest_ds_access_rights, 0x481Au, 32, GUEST) \
    X(GUEST_FS_ACCESS_RIGHTS, guest_fs_access_rights, 0x481Cu, 32, GUEST) \
    X(GUEST_GS_ACCESS_RIGHTS, guest_gs_access_rights, 0x481Eu, 32, GUEST) \
    X(GUEST_LDTR_ACCESS_RIGHTS, guest_ldtr_access_rights, 0x4820u, 32, GUEST) \
    X(GUEST_TR_ACCESS_RIGHTS, guest_tr_access_rights, 0x4822u, 32, GUEST) \
    X(GUEST_INTERRUPTIBILITY_STATE, guest_interruptibility_state, 0x4824u, 32, GUEST) \
    X(GUEST_ACTIVITY_STATE, guest_activity_state, 0x4826u, 32, GUEST) \
    X(GUEST_SMBASE, guest_smbase, 0x4828u, 32, GUEST) \
    X(GUEST_IA32_SYSENTER_CS, guest_ia32_sysenter_cs, 0x482Au, 32, GUEST) \
    X(VMX_PREEMPTION_TIMER_VALUE, vmx_preemption_timer_value, 0x482Eu, 32, GUEST) \
    X(HOST_IA32_SYSENTER_CS, host_ia32_sysenter_cs, 0x4C00u, 32, HOST) \
    X(CR0_GUEST_HOST_MASK, cr0_guest_host_mask, 0x6000u, NATURAL, CONTROL) \
    X(CR4_GUEST_HOST_MASK, cr4_guest_host_mask, 0x6002u, NATURAL, CONTROL) \
    X(CR0_READ_SHADOW, cr0_read_shadow, 0x6004u, NATURAL, CONTROL) \
    X(CR4_READ_SHADOW, cr4_read_shadow, 0x6006u, NATURAL, CONTROL) \
    X(CR3_TARGET_VALUE_0, cr3_target_value_0, 0x6008u, NATURAL, CONTROL) \
    X(CR3_TARGET_VALUE_1, cr3_target_value_1, 0x600Au, NATURAL, CONTROL) \
    X(CR3_TARGET_VALUE_2, cr3_target_value_2, 0x600Cu, NATURAL, CONTROL) \
    X(CR3_TARGET_VALUE_3, cr3_target_value_3, 0x600Eu, NATURAL, CONTROL) \
    X(EXIT_QUALIFICATION, exit_qualification, 0x6400u, NATURAL, EXIT_INFO) \
    X(IO_RCX, io_rcx, 0x6402u, NATURAL, EXIT_INFO) \
    X(IO_RSI, io_rsi, 0x6404u, NATURAL, EXIT_INFO) \
    X(IO_RDI, io_rdi, 0x6406u, NATURAL, EXIT_INFO) \
    X(IO_RIP, io_rip, 0x6408u, NATURAL, EXIT_INFO) \
    X(GUEST_LINEAR_ADDRESS, guest_linear_address, 0x640Au, NATURAL, EXIT_INFO) \
    X(GUEST_CR0, guest_cr0, 0x6800u, NATURAL, GUEST) \
    X(GUEST_CR3, guest_cr3, 0x6802u, NATURAL, GUEST) \
    X(GUEST_CR4, guest_cr4, 0x6804u, NATURAL, GUEST) \
    X(GUEST_ES_BASE, guest_es_base, 0x6806u, NATURAL, GUEST) \
    X(GUEST_CS_BASE, guest_cs_base, 0x6808u, NATURAL, GUEST) \
    X(GUEST_SS_BASE, guest_ss_base, 0x680Au, NATURAL, GUEST) \
    X(GUEST_DS_BASE, guest_ds_base, 0x680Cu, NATURAL, GUEST) \
    X(GUEST_FS_BASE, guest_fs_base, 0x680Eu, NATURAL, GUEST) \
    X(GUEST_GS_BASE, guest_gs_base, 0x6810u, NATURAL, GUEST) \
    X(GUEST_LDTR_BASE, guest_ldtr_base, 0x6812u, NATURAL, GUEST) \
    X(GUEST_TR_BASE, guest_tr_base, 0x6814u, NATURAL, GUEST) \
    X(GUEST_GDTR_BASE, guest_gdtr_base, 0x6816u, NATURAL, GUEST) \
    X(GUEST_IDTR_BASE, guest_idtr_base, 0x6818u, NATURAL, GUEST) \
    X(GUEST_DR7, guest_dr7, 0x681Au, NATURAL, GUEST) \
    X(GUEST_RSP, guest_rsp, 0x681Cu, NATURAL, GUEST) \
    X(GUEST_RIP, guest_rip, 0x681Eu, NATURAL, GUEST) \
    X(GUEST_RFLAGS, guest_rflags, 0x6820u, NATURAL, GUEST) \
    X(GUEST_PENDING_DEBUG_EXCEPTIONS, guest_pending_debug_exceptions, 0x6822u, NATURAL, GUEST) \
    X(GUEST_IA32_SYSENTER_ESP, guest_ia32_sysenter_esp, 0x6824u, NATURAL, GUEST) \
    X(GUEST_IA32_SYSENTER_EIP, guest_ia32_sysenter_eip, 0x6826u, NATURAL, GUEST) \
    X(GUEST_IA32_S_CET, guest_ia32_s_cet, 0x6828u, NATURAL, GUEST) \
    X(GUEST_SSP, guest_ssp, 0x682Au, NATURAL, GUEST) \
    X(GUEST_IA32_INTERRUPT_SSP_TABLE_ADDR, guest_ia32_interrupt_ssp_table_addr, 0x682Cu, NATURAL, GUEST) \
    X(HOST_CR0, host_cr0, 0x6C00u, NATURAL, HOST) \
    X(HOST_CR3, host_cr3, 0x6C02u, NATURAL, HOST) \
    X(HOST_CR4, host_cr4, 0x6C04u, NATURAL, HOST) \
    X(HOST_FS_BASE, host_fs_base, 0x6C06u, NATURAL, HOST) \
    X(HOST_GS_BASE, host_gs_base, 0x6C08u, NATURAL, HOST) \
    X(HOST_TR_BASE, host_tr_base, 0x6C0Au, NATURAL, HOST) \
    X(HOST_GDTR_BASE, host_gdtr_base, 0x6C0Cu, NATURAL, HOST) \
    X(HOST_IDTR_BASE, host_idtr_base, 0x6C0Eu, NATURAL, HOST) \
    X(HOST_IA32_SYSENTER_ESP, host_ia32_sysenter_esp, 0x6C10u, NATURAL, HOST) \
    X(HOST_IA32_SYSENTER_EIP, host_ia32_sysenter_eip, 0x6C12u, NATURAL, HOST) \
    X(HOST_RSP, host_rsp, 0x6C14u, NATURAL, HOST) \
    X(HOST_RIP, host_rip, 0x6C16u, NATURAL, HOST) \
    X(HOST_IA32_S_CET, host_ia32_s_cet, 0x6C18u, NATURAL, HOST) \
    X(HOST_SSP, host_ssp, 0x6C1Au, NATURAL, HOST) \
    X(HOST_IA32_INTERRUPT_SSP_TABLE_ADDR, host_ia32_interrupt_ssp_table_addr, 0x6C1Cu, NATURAL, HOST)

/* The field's name for a dump or a log, or NULL for an encoding the spec does not know. */
static inline const char *xvcpu_vmcs_field_name(uint32_t encoding)
{
    switch (encoding) {
    case 0x0000u: return "VIRTUAL_PROCESSOR_ID";
    case 0x0002u: return "POSTED_INTERRUPT_NOTIFICATION_VECTOR";
    case 0x0004u: return "EPTP_INDEX";
    case 0x0006u: return "HLAT_PREFIX_SIZE";
    case 0x0008u: return "LAST_PID_POINTER_INDEX";
    case 0x0800u: return "GUEST_ES_SELECTOR";
    case 0x0802u: return "GUEST_CS_SELECTOR";
    case 0x0804u: return "GUEST_SS_SELECTOR";
    case 0x0806u: return "GUEST_DS_SELECTOR";
    case 0x0808u: return "GUEST_FS_SELECTOR";
    case 0x080Au: return "GUEST_GS_SELECTOR";
    case 0x080Cu: return "GUEST_LDTR_SELECTOR";
    case 0x080Eu: return "GUEST_TR_SELECTOR";
    case 0x0810u: return "GUEST_INTERRUPT_STATUS";
    case 0x0812u: return "PML_INDEX";
    case 0x0814u: return "GUEST_UINV";
    case 0x0C00u: return "HOST_ES_SELECTOR";
    case 0x0C02u: return "HOST_CS_SELECTOR";
    case 0x0C04u: return "HOST_SS_SELECTOR";
    case 0x0C06u: return "HOST_DS_SELECTOR";
    case 0x0C08u: return "HOST_FS_SELECTOR";
    case 0x0C0Au: return "HOST_GS_SELECTOR";
    case 0x0C0Cu: return "HOST_TR_SELECTOR";
    case 0x2000u: return "IO_BITMAP_A_ADDRESS";
    case 0x2002u: return "IO_BITMAP_B_ADDRESS";
    case 0x2004u: return "MSR_BITMAP_ADDRESS";
    case 0x2006u: return "EXIT_MSR_STORE_ADDRESS";
    case 0x2008u: return "EXIT_MSR_LOAD_ADDRESS";
    case 0x200Au: return "ENTRY_MSR_LOAD_ADDRESS";
    case 0x200Cu: return "EXECUTIVE_VMCS_POINTER";
    case 0x200Eu: return "PML_ADDRESS";
    case 0x2010u: return "TSC_OFFSET";
    case 0x2012u: return "VIRTUAL_APIC_ADDRESS";
    case 0x2014u: return "APIC_ACCESS_ADDRESS";
    case 0x2016u: return "POSTED_INTERRUPT_DESCRIPTOR_ADDRESS";
    case 0x2018u: return "VM_FUNCTION_CONTROLS";
    case 0x201Au: return "EPT_POINTER";
    case 0x201Cu: return "EOI_EXIT_BITMAP_0";
    case 0x201Eu: return "EOI_EXIT_BITMAP_1";
    case 0x2020u: return "EOI_EXIT_BITMAP_2";
    case 0x2022u: return "EOI_EXIT_BITMAP_3";
    case 0x2024u: return "EPTP_LIST_ADDRESS";
    case 0x2026u: return "VMREAD_BITMAP_ADDRESS";
    case 0x2028u: return "VMWRITE_BITMAP_ADDRESS";
    case 0x202Au: return "VE_INFORMATION_ADDRESS";
    case 0x202Cu: return "XSS_EXITING_BITMAP";
    case 0x202Eu: return "ENCLS_EXITING_BITMAP";
    case 0x2030u: return "SPP_TABLE_POINTER";
    case 0x2032u: return "TSC_MULTIPLIER";
    case 0x2034u: return "TERTIARY_PROC_BASED_CONTROLS";
    case 0x2036u: return "ENCLV_EXITING_BITMAP";
    case 0x2038u: return "LOW_PASID_DIRECTORY_ADDRESS";
    case 0x203Au: return "HIGH_PASID_DIRECTORY_ADDRESS";
    case 0x203Cu: return "SHARED_EPT_POINTER";
    case 0x203Eu: return "PCONFIG_EXITING_BITMAP";
    case 0x2040u: return "HLAT_POINTER";
    case 0x2042u: return "PID_POINTER_TABLE_ADDRESS";
    case 0x2044u: return "SECONDARY_EXIT_CONTROLS";
    case 0x204Au: return "IA32_SPEC_CTRL_MASK";
    case 0x204Cu: return "IA32_SPEC_CTRL_SHADOW";
    case 0x2052u: return "INJECTED_EVENT_DATA";
    case 0x2400u: return "GUEST_PHYSICAL_ADDRESS";
    case 0x2404u: return "ORIGINAL_EVENT_DATA";
    case 0x2800u: return "VMCS_LINK_POINTER";
    case 0x2802u: return "GUEST_IA32_DEBUGCTL";
    case 0x2804u: return "GUEST_IA32_PAT";
    case 0x2806u: return "GUEST_IA32_EFER";
    case 0x2808u: return "GUEST_IA32_PERF_GLOBAL_CTRL";
    case 0x280Au: return "GUEST_PDPTE0";
    case 0x280Cu: return "GUEST_PDPTE1";
    case 0x280Eu: return "GUEST_PDPTE2";
    case 0x2810u: return "GUEST_PDPTE3";
    case 0x2812u: return "GUEST_IA32_BNDCFGS";
    case 0x2814u: return "GUEST_IA32_RTIT_CTL";
    case 0x2816u: return "GUEST_IA32_LBR_CTL";
    case 0x2818u: return "GUEST_IA32_PKRS";
    case 0x281Au: return "GUEST_IA32_FRED_CONFIG";
    case 0x281Cu: return "GUEST_IA32_FRED_RSP1";
    case 0x281Eu: return "GUEST_IA32_FRED_RSP2";
    case 0x2820u: return "GUEST_IA32_FRED_RSP3";
    case 0x2822u: return "GUEST_IA32_FRED_STKLVLS";
    case 0x2824u: return "GUEST_IA32_FRED_SSP1";
    case 0x2826u: return "GUEST_IA32_FRED_SSP2";
    case 0x2828u: return "GUEST_IA32_FRED_SSP3";
    case 0x2C00u: return "HOST_IA32_PAT";
    case 0x2C02u: return "HOST_IA32_EFER";
    case 0x2C04u: return "HOST_IA32_PERF_GLOBAL_CTRL";
    case 0x2C06u: return "HOST_IA32_PKRS";
    case 0x2C08u: return "HOST_IA32_FRED_CONFIG";
    case 0x2C0Au: return "HOST_IA32_FRED_RSP1";
    case 0x2C0Cu: return "HOST_IA32_FRED_RSP2";
    case 0x2C0Eu: return "HOST_IA32_FRED_RSP3";
    case 0x2C10u: return "HOST_IA32_FRED_STKLVLS";
    case 0x2C12u: return "HOST_IA32_FRED_SSP1";
    case 0x2C14u: return "HOST_IA32_FRED_SSP2";
    case 0x2C16u: return "HOST_IA32_FRED_SSP3";
    case 0x4000u: return "PIN_BASED_CONTROLS";
    case 0x4002u: return "PRIMARY_PROC_BASED_CONTROLS";
    case 0x4004u: return "EXCEPTION_BITMAP";
    case 0x4006u: return "PAGE_FAULT_ERROR_CODE_MASK";
    case 0x4008u: return "PAGE_FAULT_ERROR_CODE_MATCH";
    case 0x400Au: return "CR3_TARGET_COUNT";
    case 0x400Cu: return "PRIMARY_EXIT_CONTROLS";
    case 0x400Eu: return "EXIT_MSR_STORE_COUNT";
    case 0x4010u: return "EXIT_MSR_LOAD_COUNT";
    case 0x4012u: return "ENTRY_CONTROLS";
    case 0x4014u: return "ENTRY_MSR_LOAD_COUNT";
    case 0x4016u: return "ENTRY_INTERRUPTION_INFO";
    case 0x4018u: return "ENTRY_EXCEPTION_ERROR_CODE";
    case 0x401Au: return "ENTRY_INSTRUCTION_LENGTH";
    case 0x401Cu: return "TPR_THRESHOLD";
    case 0x401Eu: return "SECONDARY_PROC_BASED_CONTROLS";
    case 0x4020u: return "PLE_GAP";
    case 0x4022u: return "PLE_WINDOW";
    case 0x4024u: return "INSTRUCTION_TIMEOUT_CONTROL";
    case 0x4400u: return "VM_INSTRUCTION_ERROR";
    case 0x4402u: return "EXIT_REASON";
    case 0x4404u: return "EXIT_INTERRUPTION_INFO";
    case 0x4406u: return "EXIT_INTERRUPTION_ERROR_CODE";
    case 0x4408u: return "IDT_VECTORING_INFO";
    case 0x440Au: return "IDT_VECTORING_ERROR_CODE";
    case 0x440Cu: return "EXIT_INSTRUCTION_LENGTH";
    case 0x440Eu: return "EXIT_INSTRUCTION_INFO";
    case 0x4800u: return "GUEST_ES_LIMIT";
    case 0x4802u: return "GUEST_CS_LIMIT";
    case 0x4804u: return "GUEST_SS_LIMIT";
    case 0x4806u: return "GUEST_DS_LIMIT";
    case 0x4808u: return "GUEST_FS_LIMIT";
    case 0x480Au: return "GUEST_GS_LIMIT";
    case 0x480Cu: return "GUEST_LDTR_LIMIT";
    case 0x480Eu: return "GUEST_TR_LIMIT";
    case 0x4810u: return "GUEST_GDTR_LIMIT";
    case 0x4812u: return "GUEST_IDTR_LIMIT";
    case 0x4814u: return "GUEST_ES_ACCESS_RIGHTS";
    case 0x4816u: return "GUEST_CS_ACCESS_RIGHTS";
    case 0x4818u: return "GUEST_SS_ACCESS_RIGHTS";
    case 0x481Au: return "GUEST_DS_ACCESS_RIGHTS";
    case 0x481Cu: return "GUEST_FS_ACCESS_RIGHTS";
    case 0x481Eu: return "GUEST_GS_ACCESS_RIGHTS";
    case 0x4820u: return "GUEST_LDTR_ACCESS_RIGHTS";
    case 0x4822u: return "GUEST_TR_ACCESS_RIGHTS";
    case 0x4824u: return "GUEST_INTERRUPTIBILITY_STATE";
    case 0x4826u: return "GUEST_ACTIVITY_STATE";
    case 0x4828u: return "GUEST_SMBASE";
    case 0x482Au: return "GUEST_IA32_SYSENTER_CS";
    case 0x482Eu: return "VMX_PREEMPTION_TIMER_VALUE";
    case 0x4C00u: return "HOST_IA32_SYSENTER_CS";
    case 0x6000u: return "CR0_GUEST_HOST_MASK";
    case 0x6002u: return "CR4_GUEST_HOST_MASK";
    case 0x6004u: return "CR0_READ_SHADOW";
    case 0x6006u: return "CR4_READ_SHADOW";
    case 0x6008u: return "CR3_TARGET_VALUE_0";
    case 0x600Au: return "CR3_TARGET_VALUE_1";
    case 0x600Cu: return "CR3_TARGET_VALUE_2";
    case 0x600Eu: return "CR3_TARGET_VALUE_3";
    case 0x6400u: return "EXIT_QUALIFICATION";
    case 0x6402u: return "IO_RCX";
    case 0x6404u: return "IO_RSI";
    case 0x6406u: return "IO_RDI";
    case 0x6408u: return "IO_RIP";
    case 0x640Au: return "GUEST_LINEAR_ADDRESS";
    case 0x6800u: return "GUEST_CR0";
    case 0x6802u: return "GUEST_CR3";
    case 0x6804u: return "GUEST_CR4";
    case 0x6806u: return "GUEST_ES_BASE";
    case 0x6808u: return "GUEST_CS_BASE";
    case 0x680Au: return "GUEST_SS_BASE";
    case 0x680Cu: return "GUEST_DS_BASE";
    case 0x680Eu: return "GUEST_FS_BASE";
    case 0x6810u: return "GUEST_GS_BASE";
    case 0x6812u: return "GUEST_LDTR_BASE";
    case 0x6814u: return "GUEST_TR_BASE";
    case 0x6816u: return "GUEST_GDTR_BASE";
    case 0x6818u: return "GUEST_IDTR_BASE";
    case 0x681Au: return "GUEST_DR7";
    case 0x681Cu: return "GUEST_RSP";
    case 0x681Eu: return "GUEST_RIP";
    case 0x6820u: return "GUEST_RFLAGS";
    case 0x6822u: return "GUEST_PENDING_DEBUG_EXCEPTIONS";
    case 0x6824u: return "GUEST_IA32_SYSENTER_ESP";
    case 0x6826u: return "GUEST_IA32_SYSENTER_EIP";
    case 0x6828u: return "GUEST_IA32_S_CET";
    case 0x682Au: return "GUEST_SSP";
    case 0x682Cu: return "GUEST_IA32_INTERRUPT_SSP_TABLE_ADDR";
    case 0x6C00u: return "HOST_CR0";
    case 0x6C02u: return "HOST_CR3";
    case 0x6C04u: return "HOST_CR4";
    case 0x6C06u: return "HOST_FS_BASE";
    case 0x6C08u: return "HOST_GS_BASE";
    case 0x6C0Au: return "HOST_TR_BASE";
    case 0x6C0Cu: return "HOST_GDTR_BASE";
    case 0x6C0Eu: return "HOST_IDTR_BASE";
    case 0x6C10u: return "HOST_IA32_SYSENTER_ESP";
    case 0x6C12u: return "HOST_IA32_SYSENTER_EIP";
    case 0x6C14u: return "HOST_RSP";
    case 0x6C16u: return "HOST_RIP";
    case 0x6C18u: return "HOST_IA32_S_CET";
    case 0x6C1Au: return "HOST_SSP";
    case 0x6C1Cu: return "HOST_IA32_INTERRUPT_SSP_TABLE_ADDR";
    default: return NULL;
    }
}

/* Typed accessors. A reader returns the field at its width; a writer returns 0 on success or the
 * XVCPU_VMX_FAIL_* status. Read-only (exit_info) fields have no writer. Each field exists only
 * when its `requires` condition holds on this CPU; accessing one that does not exist fails with
 * VM-instruction error 12 (the reader then returns 0). */

/* Virtual-processor identifier (VPID): 16-bit control; requires proc2.ENABLE_VPID; SDM Vol. 3D B.1.1 */
static inline uint16_t xvcpu_vmcs_read_virtual_processor_id(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0000u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_virtual_processor_id(uint16_t v)
{
    return XVCPU_VMWRITE(0x0000u, (uint64_t)v);
}

/* Posted-interrupt notification vector: 16-bit control; requires pin.PROCESS_POSTED_INTERRUPTS; SDM Vol. 3D B.1.1 */
static inline uint16_t xvcpu_vmcs_read_posted_interrupt_notification_vector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0002u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_posted_interrupt_notification_vector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0002u, (uint64_t)v);
}

/* EPTP index: 16-bit control; requires proc2.EPT_VIOLATION_VE; SDM Vol. 3D B.1.1 */
static inline uint16_t xvcpu_vmcs_read_eptp_index(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0004u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_eptp_index(uint16_t v)
{
    return XVCPU_VMWRITE(0x0004u, (uint64_t)v);
}

/* HLAT prefix size: 16-bit control; requires proc3.ENABLE_HLAT; SDM Vol. 3D B.1.1 */
static inline uint16_t xvcpu_vmcs_read_hlat_prefix_size(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0006u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_hlat_prefix_size(uint16_t v)
{
    return XVCPU_VMWRITE(0x0006u, (uint64_t)v);
}

/* Last PID-pointer index: 16-bit control; requires proc3.IPI_VIRTUALIZATION; SDM Vol. 3D B.1.1 */
static inline uint16_t xvcpu_vmcs_read_last_pid_pointer_index(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0008u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_last_pid_pointer_index(uint16_t v)
{
    return XVCPU_VMWRITE(0x0008u, (uint64_t)v);
}

/* Guest ES selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_es_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0800u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_es_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0800u, (uint64_t)v);
}

/* Guest CS selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_cs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0802u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_cs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0802u, (uint64_t)v);
}

/* Guest SS selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_ss_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0804u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_ss_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0804u, (uint64_t)v);
}

/* Guest DS selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_ds_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0806u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_ds_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0806u, (uint64_t)v);
}

/* Guest FS selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_fs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0808u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_fs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0808u, (uint64_t)v);
}

/* Guest GS selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_gs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x080Au, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_gs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x080Au, (uint64_t)v);
}

/* Guest LDTR selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_ldtr_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x080Cu, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_ldtr_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x080Cu, (uint64_t)v);
}

/* Guest TR selector: 16-bit guest; requires always; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_tr_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x080Eu, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_tr_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x080Eu, (uint64_t)v);
}

/* Guest interrupt status: 16-bit guest; requires proc2.VIRTUAL_INTERRUPT_DELIVERY; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_interrupt_status(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0810u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_interrupt_status(uint16_t v)
{
    return XVCPU_VMWRITE(0x0810u, (uint64_t)v);
}

/* PML index: 16-bit guest; requires proc2.ENABLE_PML; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_pml_index(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0812u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_pml_index(uint16_t v)
{
    return XVCPU_VMWRITE(0x0812u, (uint64_t)v);
}

/* Guest UINV: 16-bit guest; requires entry.LOAD_UINV or exit.CLEAR_UINV; SDM Vol. 3D B.1.2 */
static inline uint16_t xvcpu_vmcs_read_guest_uinv(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0814u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_guest_uinv(uint16_t v)
{
    return XVCPU_VMWRITE(0x0814u, (uint64_t)v);
}

/* Host ES selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_es_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C00u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_es_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C00u, (uint64_t)v);
}

/* Host CS selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_cs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C02u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_cs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C02u, (uint64_t)v);
}

/* Host SS selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_ss_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C04u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_ss_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C04u, (uint64_t)v);
}

/* Host DS selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_ds_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C06u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_ds_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C06u, (uint64_t)v);
}

/* Host FS selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_fs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C08u, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_fs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C08u, (uint64_t)v);
}

/* Host GS selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_gs_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C0Au, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_gs_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C0Au, (uint64_t)v);
}

/* Host TR selector: 16-bit host; requires always; SDM Vol. 3D B.1.3 */
static inline uint16_t xvcpu_vmcs_read_host_tr_selector(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x0C0Cu, &v);
    return (uint16_t)v;
}
static inline int xvcpu_vmcs_write_host_tr_selector(uint16_t v)
{
    return XVCPU_VMWRITE(0x0C0Cu, (uint64_t)v);
}

/* Address of I/O bitmap A: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_io_bitmap_a_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2000u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_io_bitmap_a_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2000u, (uint64_t)v);
}

/* Address of I/O bitmap B: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_io_bitmap_b_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2002u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_io_bitmap_b_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2002u, (uint64_t)v);
}

/* Address of MSR bitmaps: 64-bit control; requires proc.USE_MSR_BITMAPS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_msr_bitmap_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2004u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_msr_bitmap_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2004u, (uint64_t)v);
}

/* VM-exit MSR-store address: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_exit_msr_store_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2006u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_exit_msr_store_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2006u, (uint64_t)v);
}

/* VM-exit MSR-load address: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_exit_msr_load_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2008u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_exit_msr_load_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2008u, (uint64_t)v);
}

/* VM-entry MSR-load address: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_entry_msr_load_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x200Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_entry_msr_load_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x200Au, (uint64_t)v);
}

/* Executive-VMCS pointer: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_executive_vmcs_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x200Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_executive_vmcs_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x200Cu, (uint64_t)v);
}

/* PML address: 64-bit control; requires proc2.ENABLE_PML; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_pml_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x200Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_pml_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x200Eu, (uint64_t)v);
}

/* TSC offset: 64-bit control; requires always; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_tsc_offset(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2010u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_tsc_offset(uint64_t v)
{
    return XVCPU_VMWRITE(0x2010u, (uint64_t)v);
}

/* Virtual-APIC address: 64-bit control; requires proc.USE_TPR_SHADOW; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_virtual_apic_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2012u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_virtual_apic_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2012u, (uint64_t)v);
}

/* APIC-access address: 64-bit control; requires proc2.VIRTUALIZE_APIC_ACCESSES; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_apic_access_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2014u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_apic_access_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2014u, (uint64_t)v);
}

/* Posted-interrupt descriptor address: 64-bit control; requires pin.PROCESS_POSTED_INTERRUPTS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_posted_interrupt_descriptor_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2016u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_posted_interrupt_descriptor_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2016u, (uint64_t)v);
}

/* VM-function controls: 64-bit control; requires proc2.ENABLE_VM_FUNCTIONS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_vm_function_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2018u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_vm_function_controls(uint64_t v)
{
    return XVCPU_VMWRITE(0x2018u, (uint64_t)v);
}

/* EPT pointer (EPTP): 64-bit control; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_ept_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x201Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_ept_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x201Au, (uint64_t)v);
}

/* EOI-exit bitmap 0 (EOI_EXIT0): 64-bit control; requires proc2.VIRTUAL_INTERRUPT_DELIVERY; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_eoi_exit_bitmap_0(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x201Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_eoi_exit_bitmap_0(uint64_t v)
{
    return XVCPU_VMWRITE(0x201Cu, (uint64_t)v);
}

/* EOI-exit bitmap 1 (EOI_EXIT1): 64-bit control; requires proc2.VIRTUAL_INTERRUPT_DELIVERY; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_eoi_exit_bitmap_1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x201Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_eoi_exit_bitmap_1(uint64_t v)
{
    return XVCPU_VMWRITE(0x201Eu, (uint64_t)v);
}

/* EOI-exit bitmap 2 (EOI_EXIT2): 64-bit control; requires proc2.VIRTUAL_INTERRUPT_DELIVERY; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_eoi_exit_bitmap_2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2020u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_eoi_exit_bitmap_2(uint64_t v)
{
    return XVCPU_VMWRITE(0x2020u, (uint64_t)v);
}

/* EOI-exit bitmap 3 (EOI_EXIT3): 64-bit control; requires proc2.VIRTUAL_INTERRUPT_DELIVERY; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_eoi_exit_bitmap_3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2022u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_eoi_exit_bitmap_3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2022u, (uint64_t)v);
}

/* EPTP-list address: 64-bit control; requires cap: IA32_VMX_VMFUNC bit 0 (EPTP switching VM function); SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_eptp_list_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2024u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_eptp_list_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2024u, (uint64_t)v);
}

/* VMREAD-bitmap address: 64-bit control; requires proc2.VMCS_SHADOWING; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_vmread_bitmap_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2026u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_vmread_bitmap_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2026u, (uint64_t)v);
}

/* VMWRITE-bitmap address: 64-bit control; requires proc2.VMCS_SHADOWING; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_vmwrite_bitmap_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2028u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_vmwrite_bitmap_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2028u, (uint64_t)v);
}

/* Virtualization-exception information address: 64-bit control; requires proc2.EPT_VIOLATION_VE; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_ve_information_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x202Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_ve_information_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x202Au, (uint64_t)v);
}

/* XSS-exiting bitmap: 64-bit control; requires proc2.ENABLE_XSAVES_XRSTORS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_xss_exiting_bitmap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x202Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_xss_exiting_bitmap(uint64_t v)
{
    return XVCPU_VMWRITE(0x202Cu, (uint64_t)v);
}

/* ENCLS-exiting bitmap: 64-bit control; requires proc2.ENABLE_ENCLS_EXITING; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_encls_exiting_bitmap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x202Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_encls_exiting_bitmap(uint64_t v)
{
    return XVCPU_VMWRITE(0x202Eu, (uint64_t)v);
}

/* Sub-page-permission-table pointer (SPPTP): 64-bit control; requires proc2.SUB_PAGE_WRITE_PERMISSIONS_FOR_EPT; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_spp_table_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2030u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_spp_table_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x2030u, (uint64_t)v);
}

/* TSC multiplier: 64-bit control; requires proc2.USE_TSC_SCALING; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_tsc_multiplier(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2032u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_tsc_multiplier(uint64_t v)
{
    return XVCPU_VMWRITE(0x2032u, (uint64_t)v);
}

/* Tertiary processor-based VM-execution controls: 64-bit control; requires proc.ACTIVATE_TERTIARY_CONTROLS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_tertiary_proc_based_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2034u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_tertiary_proc_based_controls(uint64_t v)
{
    return XVCPU_VMWRITE(0x2034u, (uint64_t)v);
}

/* ENCLV-exiting bitmap: 64-bit control; requires proc2.ENABLE_ENCLV_EXITING; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_enclv_exiting_bitmap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2036u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_enclv_exiting_bitmap(uint64_t v)
{
    return XVCPU_VMWRITE(0x2036u, (uint64_t)v);
}

/* Low PASID directory address: 64-bit control; requires proc2.PASID_TRANSLATION; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_low_pasid_directory_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2038u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_low_pasid_directory_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2038u, (uint64_t)v);
}

/* High PASID directory address: 64-bit control; requires proc2.PASID_TRANSLATION; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_high_pasid_directory_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x203Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_high_pasid_directory_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x203Au, (uint64_t)v);
}

/* Shared EPT pointer (shared EPTP): 64-bit control; requires cap: only in VMCSs of the Intel TDX module (SEAM VMX root operation); SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_shared_ept_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x203Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_shared_ept_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x203Cu, (uint64_t)v);
}

/* PCONFIG-exiting bitmap: 64-bit control; requires proc2.ENABLE_PCONFIG; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_pconfig_exiting_bitmap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x203Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_pconfig_exiting_bitmap(uint64_t v)
{
    return XVCPU_VMWRITE(0x203Eu, (uint64_t)v);
}

/* Hypervisor-managed linear-address translation pointer (HLATP): 64-bit control; requires proc3.ENABLE_HLAT; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_hlat_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2040u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_hlat_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x2040u, (uint64_t)v);
}

/* PID-pointer table address: 64-bit control; requires proc3.IPI_VIRTUALIZATION; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_pid_pointer_table_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2042u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_pid_pointer_table_address(uint64_t v)
{
    return XVCPU_VMWRITE(0x2042u, (uint64_t)v);
}

/* Secondary VM-exit controls: 64-bit control; requires exit.ACTIVATE_SECONDARY_CONTROLS; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_secondary_exit_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2044u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_secondary_exit_controls(uint64_t v)
{
    return XVCPU_VMWRITE(0x2044u, (uint64_t)v);
}

/* IA32_SPEC_CTRL mask: 64-bit control; requires proc3.VIRTUALIZE_IA32_SPEC_CTRL; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_ia32_spec_ctrl_mask(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x204Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_ia32_spec_ctrl_mask(uint64_t v)
{
    return XVCPU_VMWRITE(0x204Au, (uint64_t)v);
}

/* IA32_SPEC_CTRL shadow: 64-bit control; requires proc3.VIRTUALIZE_IA32_SPEC_CTRL; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_ia32_spec_ctrl_shadow(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x204Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_ia32_spec_ctrl_shadow(uint64_t v)
{
    return XVCPU_VMWRITE(0x204Cu, (uint64_t)v);
}

/* Injected-event data (FRED): 64-bit control; requires entry.LOAD_FRED; SDM Vol. 3D B.2.1 */
static inline uint64_t xvcpu_vmcs_read_injected_event_data(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2052u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_injected_event_data(uint64_t v)
{
    return XVCPU_VMWRITE(0x2052u, (uint64_t)v);
}

/* Guest-physical address: 64-bit exit_info; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.2 */
static inline uint64_t xvcpu_vmcs_read_guest_physical_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2400u, &v);
    return (uint64_t)v;
}

/* Original-event data (FRED): 64-bit exit_info; requires entry.LOAD_FRED; SDM Vol. 3D B.2.2 */
static inline uint64_t xvcpu_vmcs_read_original_event_data(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2404u, &v);
    return (uint64_t)v;
}

/* VMCS link pointer: 64-bit guest; requires always; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_vmcs_link_pointer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2800u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_vmcs_link_pointer(uint64_t v)
{
    return XVCPU_VMWRITE(0x2800u, (uint64_t)v);
}

/* Guest IA32_DEBUGCTL: 64-bit guest; requires always; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_debugctl(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2802u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_debugctl(uint64_t v)
{
    return XVCPU_VMWRITE(0x2802u, (uint64_t)v);
}

/* Guest IA32_PAT: 64-bit guest; requires entry.LOAD_IA32_PAT or exit.SAVE_IA32_PAT; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_pat(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2804u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_pat(uint64_t v)
{
    return XVCPU_VMWRITE(0x2804u, (uint64_t)v);
}

/* Guest IA32_EFER: 64-bit guest; requires entry.LOAD_IA32_EFER or exit.SAVE_IA32_EFER; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_efer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2806u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_efer(uint64_t v)
{
    return XVCPU_VMWRITE(0x2806u, (uint64_t)v);
}

/* Guest IA32_PERF_GLOBAL_CTRL: 64-bit guest; requires entry.LOAD_IA32_PERF_GLOBAL_CTRL or exit.SAVE_IA32_PERF_GLOBAL_CTRL; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_perf_global_ctrl(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2808u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_perf_global_ctrl(uint64_t v)
{
    return XVCPU_VMWRITE(0x2808u, (uint64_t)v);
}

/* Guest PDPTE0: 64-bit guest; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_pdpte0(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x280Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_pdpte0(uint64_t v)
{
    return XVCPU_VMWRITE(0x280Au, (uint64_t)v);
}

/* Guest PDPTE1: 64-bit guest; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_pdpte1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x280Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_pdpte1(uint64_t v)
{
    return XVCPU_VMWRITE(0x280Cu, (uint64_t)v);
}

/* Guest PDPTE2: 64-bit guest; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_pdpte2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x280Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_pdpte2(uint64_t v)
{
    return XVCPU_VMWRITE(0x280Eu, (uint64_t)v);
}

/* Guest PDPTE3: 64-bit guest; requires proc2.ENABLE_EPT; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_pdpte3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2810u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_pdpte3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2810u, (uint64_t)v);
}

/* Guest IA32_BNDCFGS: 64-bit guest; requires entry.LOAD_IA32_BNDCFGS or exit.CLEAR_IA32_BNDCFGS; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_bndcfgs(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2812u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_bndcfgs(uint64_t v)
{
    return XVCPU_VMWRITE(0x2812u, (uint64_t)v);
}

/* Guest IA32_RTIT_CTL: 64-bit guest; requires entry.LOAD_IA32_RTIT_CTL or exit.CLEAR_IA32_RTIT_CTL; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_rtit_ctl(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2814u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_rtit_ctl(uint64_t v)
{
    return XVCPU_VMWRITE(0x2814u, (uint64_t)v);
}

/* Guest IA32_LBR_CTL: 64-bit guest; requires entry.LOAD_GUEST_IA32_LBR_CTL or exit.CLEAR_IA32_LBR_CTL; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_lbr_ctl(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2816u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_lbr_ctl(uint64_t v)
{
    return XVCPU_VMWRITE(0x2816u, (uint64_t)v);
}

/* Guest IA32_PKRS: 64-bit guest; requires entry.LOAD_PKRS; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_pkrs(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2818u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_pkrs(uint64_t v)
{
    return XVCPU_VMWRITE(0x2818u, (uint64_t)v);
}

/* Guest IA32_FRED_CONFIG: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_config(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x281Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_config(uint64_t v)
{
    return XVCPU_VMWRITE(0x281Au, (uint64_t)v);
}

/* Guest IA32_FRED_RSP1: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_rsp1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x281Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_rsp1(uint64_t v)
{
    return XVCPU_VMWRITE(0x281Cu, (uint64_t)v);
}

/* Guest IA32_FRED_RSP2: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_rsp2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x281Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_rsp2(uint64_t v)
{
    return XVCPU_VMWRITE(0x281Eu, (uint64_t)v);
}

/* Guest IA32_FRED_RSP3: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_rsp3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2820u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_rsp3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2820u, (uint64_t)v);
}

/* Guest IA32_FRED_STKLVLS: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_stklvls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2822u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_stklvls(uint64_t v)
{
    return XVCPU_VMWRITE(0x2822u, (uint64_t)v);
}

/* Guest IA32_FRED_SSP1: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_ssp1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2824u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_ssp1(uint64_t v)
{
    return XVCPU_VMWRITE(0x2824u, (uint64_t)v);
}

/* Guest IA32_FRED_SSP2: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_ssp2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2826u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_ssp2(uint64_t v)
{
    return XVCPU_VMWRITE(0x2826u, (uint64_t)v);
}

/* Guest IA32_FRED_SSP3: 64-bit guest; requires entry.LOAD_FRED or exit2.SAVE_FRED; SDM Vol. 3D B.2.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_fred_ssp3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2828u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_fred_ssp3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2828u, (uint64_t)v);
}

/* Host IA32_PAT: 64-bit host; requires exit.LOAD_IA32_PAT; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_pat(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C00u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_pat(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C00u, (uint64_t)v);
}

/* Host IA32_EFER: 64-bit host; requires exit.LOAD_IA32_EFER; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_efer(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C02u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_efer(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C02u, (uint64_t)v);
}

/* Host IA32_PERF_GLOBAL_CTRL: 64-bit host; requires exit.LOAD_IA32_PERF_GLOBAL_CTRL; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_perf_global_ctrl(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C04u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_perf_global_ctrl(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C04u, (uint64_t)v);
}

/* Host IA32_PKRS: 64-bit host; requires exit.LOAD_PKRS; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_pkrs(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C06u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_pkrs(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C06u, (uint64_t)v);
}

/* Host IA32_FRED_CONFIG: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_config(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C08u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_config(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C08u, (uint64_t)v);
}

/* Host IA32_FRED_RSP1: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_rsp1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C0Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_rsp1(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C0Au, (uint64_t)v);
}

/* Host IA32_FRED_RSP2: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_rsp2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C0Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_rsp2(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C0Cu, (uint64_t)v);
}

/* Host IA32_FRED_RSP3: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_rsp3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C0Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_rsp3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C0Eu, (uint64_t)v);
}

/* Host IA32_FRED_STKLVLS: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_stklvls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C10u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_stklvls(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C10u, (uint64_t)v);
}

/* Host IA32_FRED_SSP1: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_ssp1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C12u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_ssp1(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C12u, (uint64_t)v);
}

/* Host IA32_FRED_SSP2: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_ssp2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C14u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_ssp2(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C14u, (uint64_t)v);
}

/* Host IA32_FRED_SSP3: 64-bit host; requires exit2.LOAD_FRED; SDM Vol. 3D B.2.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_fred_ssp3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x2C16u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_fred_ssp3(uint64_t v)
{
    return XVCPU_VMWRITE(0x2C16u, (uint64_t)v);
}

/* Pin-based VM-execution controls: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_pin_based_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4000u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_pin_based_controls(uint32_t v)
{
    return XVCPU_VMWRITE(0x4000u, (uint64_t)v);
}

/* Primary processor-based VM-execution controls: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_primary_proc_based_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4002u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_primary_proc_based_controls(uint32_t v)
{
    return XVCPU_VMWRITE(0x4002u, (uint64_t)v);
}

/* Exception bitmap: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_exception_bitmap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4004u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_exception_bitmap(uint32_t v)
{
    return XVCPU_VMWRITE(0x4004u, (uint64_t)v);
}

/* Page-fault error-code mask: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_page_fault_error_code_mask(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4006u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_page_fault_error_code_mask(uint32_t v)
{
    return XVCPU_VMWRITE(0x4006u, (uint64_t)v);
}

/* Page-fault error-code match: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_page_fault_error_code_match(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4008u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_page_fault_error_code_match(uint32_t v)
{
    return XVCPU_VMWRITE(0x4008u, (uint64_t)v);
}

/* CR3-target count: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_cr3_target_count(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x400Au, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_cr3_target_count(uint32_t v)
{
    return XVCPU_VMWRITE(0x400Au, (uint64_t)v);
}

/* Primary VM-exit controls: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_primary_exit_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x400Cu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_primary_exit_controls(uint32_t v)
{
    return XVCPU_VMWRITE(0x400Cu, (uint64_t)v);
}

/* VM-exit MSR-store count: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_exit_msr_store_count(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x400Eu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_exit_msr_store_count(uint32_t v)
{
    return XVCPU_VMWRITE(0x400Eu, (uint64_t)v);
}

/* VM-exit MSR-load count: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_exit_msr_load_count(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4010u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_exit_msr_load_count(uint32_t v)
{
    return XVCPU_VMWRITE(0x4010u, (uint64_t)v);
}

/* VM-entry controls: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_entry_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4012u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_entry_controls(uint32_t v)
{
    return XVCPU_VMWRITE(0x4012u, (uint64_t)v);
}

/* VM-entry MSR-load count: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_entry_msr_load_count(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4014u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_entry_msr_load_count(uint32_t v)
{
    return XVCPU_VMWRITE(0x4014u, (uint64_t)v);
}

/* VM-entry interruption-information field: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_entry_interruption_info(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4016u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_entry_interruption_info(uint32_t v)
{
    return XVCPU_VMWRITE(0x4016u, (uint64_t)v);
}

/* VM-entry exception error code: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_entry_exception_error_code(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4018u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_entry_exception_error_code(uint32_t v)
{
    return XVCPU_VMWRITE(0x4018u, (uint64_t)v);
}

/* VM-entry instruction length: 32-bit control; requires always; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_entry_instruction_length(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x401Au, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_entry_instruction_length(uint32_t v)
{
    return XVCPU_VMWRITE(0x401Au, (uint64_t)v);
}

/* TPR threshold: 32-bit control; requires proc.USE_TPR_SHADOW; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_tpr_threshold(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x401Cu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_tpr_threshold(uint32_t v)
{
    return XVCPU_VMWRITE(0x401Cu, (uint64_t)v);
}

/* Secondary processor-based VM-execution controls: 32-bit control; requires proc.ACTIVATE_SECONDARY_CONTROLS; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_secondary_proc_based_controls(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x401Eu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_secondary_proc_based_controls(uint32_t v)
{
    return XVCPU_VMWRITE(0x401Eu, (uint64_t)v);
}

/* PLE_Gap: 32-bit control; requires proc2.PAUSE_LOOP_EXITING; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_ple_gap(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4020u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_ple_gap(uint32_t v)
{
    return XVCPU_VMWRITE(0x4020u, (uint64_t)v);
}

/* PLE_Window: 32-bit control; requires proc2.PAUSE_LOOP_EXITING; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_ple_window(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4022u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_ple_window(uint32_t v)
{
    return XVCPU_VMWRITE(0x4022u, (uint64_t)v);
}

/* Instruction-timeout control: 32-bit control; requires proc2.INSTRUCTION_TIMEOUT; SDM Vol. 3D B.3.1 */
static inline uint32_t xvcpu_vmcs_read_instruction_timeout_control(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4024u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_instruction_timeout_control(uint32_t v)
{
    return XVCPU_VMWRITE(0x4024u, (uint64_t)v);
}

/* VM-instruction error: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_vm_instruction_error(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4400u, &v);
    return (uint32_t)v;
}

/* Exit reason: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_exit_reason(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4402u, &v);
    return (uint32_t)v;
}

/* VM-exit interruption information: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_exit_interruption_info(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4404u, &v);
    return (uint32_t)v;
}

/* VM-exit interruption error code: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_exit_interruption_error_code(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4406u, &v);
    return (uint32_t)v;
}

/* IDT-vectoring information field: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_idt_vectoring_info(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4408u, &v);
    return (uint32_t)v;
}

/* IDT-vectoring error code: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_idt_vectoring_error_code(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x440Au, &v);
    return (uint32_t)v;
}

/* VM-exit instruction length: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_exit_instruction_length(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x440Cu, &v);
    return (uint32_t)v;
}

/* VM-exit instruction information: 32-bit exit_info; requires always; SDM Vol. 3D B.3.2 */
static inline uint32_t xvcpu_vmcs_read_exit_instruction_info(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x440Eu, &v);
    return (uint32_t)v;
}

/* Guest ES limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_es_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4800u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_es_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4800u, (uint64_t)v);
}

/* Guest CS limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_cs_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4802u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_cs_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4802u, (uint64_t)v);
}

/* Guest SS limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ss_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4804u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ss_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4804u, (uint64_t)v);
}

/* Guest DS limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ds_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4806u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ds_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4806u, (uint64_t)v);
}

/* Guest FS limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_fs_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4808u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_fs_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4808u, (uint64_t)v);
}

/* Guest GS limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_gs_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x480Au, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_gs_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x480Au, (uint64_t)v);
}

/* Guest LDTR limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ldtr_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x480Cu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ldtr_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x480Cu, (uint64_t)v);
}

/* Guest TR limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_tr_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x480Eu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_tr_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x480Eu, (uint64_t)v);
}

/* Guest GDTR limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_gdtr_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4810u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_gdtr_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4810u, (uint64_t)v);
}

/* Guest IDTR limit: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_idtr_limit(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4812u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_idtr_limit(uint32_t v)
{
    return XVCPU_VMWRITE(0x4812u, (uint64_t)v);
}

/* Guest ES access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_es_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4814u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_es_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x4814u, (uint64_t)v);
}

/* Guest CS access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_cs_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4816u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_cs_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x4816u, (uint64_t)v);
}

/* Guest SS access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ss_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4818u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ss_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x4818u, (uint64_t)v);
}

/* Guest DS access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ds_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x481Au, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ds_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x481Au, (uint64_t)v);
}

/* Guest FS access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_fs_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x481Cu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_fs_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x481Cu, (uint64_t)v);
}

/* Guest GS access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_gs_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x481Eu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_gs_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x481Eu, (uint64_t)v);
}

/* Guest LDTR access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ldtr_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4820u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ldtr_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x4820u, (uint64_t)v);
}

/* Guest TR access rights: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_tr_access_rights(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4822u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_tr_access_rights(uint32_t v)
{
    return XVCPU_VMWRITE(0x4822u, (uint64_t)v);
}

/* Guest interruptibility state: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_interruptibility_state(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4824u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_interruptibility_state(uint32_t v)
{
    return XVCPU_VMWRITE(0x4824u, (uint64_t)v);
}

/* Guest activity state: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_activity_state(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4826u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_activity_state(uint32_t v)
{
    return XVCPU_VMWRITE(0x4826u, (uint64_t)v);
}

/* Guest SMBASE: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_smbase(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4828u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_smbase(uint32_t v)
{
    return XVCPU_VMWRITE(0x4828u, (uint64_t)v);
}

/* Guest IA32_SYSENTER_CS: 32-bit guest; requires always; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_guest_ia32_sysenter_cs(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x482Au, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_sysenter_cs(uint32_t v)
{
    return XVCPU_VMWRITE(0x482Au, (uint64_t)v);
}

/* VMX-preemption timer value: 32-bit guest; requires pin.ACTIVATE_VMX_PREEMPTION_TIMER; SDM Vol. 3D B.3.3 */
static inline uint32_t xvcpu_vmcs_read_vmx_preemption_timer_value(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x482Eu, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_vmx_preemption_timer_value(uint32_t v)
{
    return XVCPU_VMWRITE(0x482Eu, (uint64_t)v);
}

/* Host IA32_SYSENTER_CS: 32-bit host; requires always; SDM Vol. 3D B.3.4 */
static inline uint32_t xvcpu_vmcs_read_host_ia32_sysenter_cs(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x4C00u, &v);
    return (uint32_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_sysenter_cs(uint32_t v)
{
    return XVCPU_VMWRITE(0x4C00u, (uint64_t)v);
}

/* CR0 guest/host mask: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr0_guest_host_mask(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6000u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr0_guest_host_mask(uint64_t v)
{
    return XVCPU_VMWRITE(0x6000u, (uint64_t)v);
}

/* CR4 guest/host mask: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr4_guest_host_mask(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6002u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr4_guest_host_mask(uint64_t v)
{
    return XVCPU_VMWRITE(0x6002u, (uint64_t)v);
}

/* CR0 read shadow: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr0_read_shadow(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6004u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr0_read_shadow(uint64_t v)
{
    return XVCPU_VMWRITE(0x6004u, (uint64_t)v);
}

/* CR4 read shadow: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr4_read_shadow(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6006u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr4_read_shadow(uint64_t v)
{
    return XVCPU_VMWRITE(0x6006u, (uint64_t)v);
}

/* CR3-target value 0: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr3_target_value_0(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6008u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr3_target_value_0(uint64_t v)
{
    return XVCPU_VMWRITE(0x6008u, (uint64_t)v);
}

/* CR3-target value 1: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr3_target_value_1(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x600Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr3_target_value_1(uint64_t v)
{
    return XVCPU_VMWRITE(0x600Au, (uint64_t)v);
}

/* CR3-target value 2: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr3_target_value_2(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x600Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr3_target_value_2(uint64_t v)
{
    return XVCPU_VMWRITE(0x600Cu, (uint64_t)v);
}

/* CR3-target value 3: natural control; requires always; SDM Vol. 3D B.4.1 */
static inline uint64_t xvcpu_vmcs_read_cr3_target_value_3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x600Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_cr3_target_value_3(uint64_t v)
{
    return XVCPU_VMWRITE(0x600Eu, (uint64_t)v);
}

/* Exit qualification: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_exit_qualification(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6400u, &v);
    return (uint64_t)v;
}

/* I/O RCX: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_io_rcx(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6402u, &v);
    return (uint64_t)v;
}

/* I/O RSI: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_io_rsi(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6404u, &v);
    return (uint64_t)v;
}

/* I/O RDI: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_io_rdi(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6406u, &v);
    return (uint64_t)v;
}

/* I/O RIP: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_io_rip(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6408u, &v);
    return (uint64_t)v;
}

/* Guest-linear address: natural exit_info; requires always; SDM Vol. 3D B.4.2 */
static inline uint64_t xvcpu_vmcs_read_guest_linear_address(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x640Au, &v);
    return (uint64_t)v;
}

/* Guest CR0: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_cr0(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6800u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_cr0(uint64_t v)
{
    return XVCPU_VMWRITE(0x6800u, (uint64_t)v);
}

/* Guest CR3: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_cr3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6802u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_cr3(uint64_t v)
{
    return XVCPU_VMWRITE(0x6802u, (uint64_t)v);
}

/* Guest CR4: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_cr4(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6804u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_cr4(uint64_t v)
{
    return XVCPU_VMWRITE(0x6804u, (uint64_t)v);
}

/* Guest ES base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_es_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6806u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_es_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6806u, (uint64_t)v);
}

/* Guest CS base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_cs_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6808u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_cs_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6808u, (uint64_t)v);
}

/* Guest SS base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ss_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x680Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ss_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x680Au, (uint64_t)v);
}

/* Guest DS base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ds_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x680Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ds_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x680Cu, (uint64_t)v);
}

/* Guest FS base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_fs_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x680Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_fs_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x680Eu, (uint64_t)v);
}

/* Guest GS base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_gs_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6810u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_gs_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6810u, (uint64_t)v);
}

/* Guest LDTR base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ldtr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6812u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ldtr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6812u, (uint64_t)v);
}

/* Guest TR base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_tr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6814u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_tr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6814u, (uint64_t)v);
}

/* Guest GDTR base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_gdtr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6816u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_gdtr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6816u, (uint64_t)v);
}

/* Guest IDTR base: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_idtr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6818u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_idtr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6818u, (uint64_t)v);
}

/* Guest DR7: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_dr7(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x681Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_dr7(uint64_t v)
{
    return XVCPU_VMWRITE(0x681Au, (uint64_t)v);
}

/* Guest RSP: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_rsp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x681Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_rsp(uint64_t v)
{
    return XVCPU_VMWRITE(0x681Cu, (uint64_t)v);
}

/* Guest RIP: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_rip(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x681Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_rip(uint64_t v)
{
    return XVCPU_VMWRITE(0x681Eu, (uint64_t)v);
}

/* Guest RFLAGS: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_rflags(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6820u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_rflags(uint64_t v)
{
    return XVCPU_VMWRITE(0x6820u, (uint64_t)v);
}

/* Guest pending debug exceptions: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_pending_debug_exceptions(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6822u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_pending_debug_exceptions(uint64_t v)
{
    return XVCPU_VMWRITE(0x6822u, (uint64_t)v);
}

/* Guest IA32_SYSENTER_ESP: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_sysenter_esp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6824u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_sysenter_esp(uint64_t v)
{
    return XVCPU_VMWRITE(0x6824u, (uint64_t)v);
}

/* Guest IA32_SYSENTER_EIP: natural guest; requires always; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_sysenter_eip(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6826u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_sysenter_eip(uint64_t v)
{
    return XVCPU_VMWRITE(0x6826u, (uint64_t)v);
}

/* Guest IA32_S_CET: natural guest; requires entry.LOAD_CET_STATE; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_s_cet(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6828u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_s_cet(uint64_t v)
{
    return XVCPU_VMWRITE(0x6828u, (uint64_t)v);
}

/* Guest SSP: natural guest; requires entry.LOAD_CET_STATE; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ssp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x682Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ssp(uint64_t v)
{
    return XVCPU_VMWRITE(0x682Au, (uint64_t)v);
}

/* Guest IA32_INTERRUPT_SSP_TABLE_ADDR: natural guest; requires entry.LOAD_CET_STATE; SDM Vol. 3D B.4.3 */
static inline uint64_t xvcpu_vmcs_read_guest_ia32_interrupt_ssp_table_addr(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x682Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_guest_ia32_interrupt_ssp_table_addr(uint64_t v)
{
    return XVCPU_VMWRITE(0x682Cu, (uint64_t)v);
}

/* Host CR0: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_cr0(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C00u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_cr0(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C00u, (uint64_t)v);
}

/* Host CR3: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_cr3(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C02u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_cr3(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C02u, (uint64_t)v);
}

/* Host CR4: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_cr4(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C04u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_cr4(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C04u, (uint64_t)v);
}

/* Host FS base: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_fs_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C06u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_fs_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C06u, (uint64_t)v);
}

/* Host GS base: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_gs_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C08u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_gs_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C08u, (uint64_t)v);
}

/* Host TR base: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_tr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C0Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_tr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C0Au, (uint64_t)v);
}

/* Host GDTR base: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_gdtr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C0Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_gdtr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C0Cu, (uint64_t)v);
}

/* Host IDTR base: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_idtr_base(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C0Eu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_idtr_base(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C0Eu, (uint64_t)v);
}

/* Host IA32_SYSENTER_ESP: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_sysenter_esp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C10u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_sysenter_esp(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C10u, (uint64_t)v);
}

/* Host IA32_SYSENTER_EIP: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_sysenter_eip(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C12u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_sysenter_eip(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C12u, (uint64_t)v);
}

/* Host RSP: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_rsp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C14u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_rsp(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C14u, (uint64_t)v);
}

/* Host RIP: natural host; requires always; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_rip(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C16u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_rip(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C16u, (uint64_t)v);
}

/* Host IA32_S_CET: natural host; requires exit.LOAD_CET_STATE; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_s_cet(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C18u, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_s_cet(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C18u, (uint64_t)v);
}

/* Host SSP: natural host; requires exit.LOAD_CET_STATE; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_ssp(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C1Au, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ssp(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C1Au, (uint64_t)v);
}

/* Host IA32_INTERRUPT_SSP_TABLE_ADDR: natural host; requires exit.LOAD_CET_STATE; SDM Vol. 3D B.4.4 */
static inline uint64_t xvcpu_vmcs_read_host_ia32_interrupt_ssp_table_addr(void)
{
    uint64_t v = 0;
    (void)XVCPU_VMREAD(0x6C1Cu, &v);
    return (uint64_t)v;
}
static inline int xvcpu_vmcs_write_host_ia32_interrupt_ssp_table_addr(uint64_t v)
{
    return XVCPU_VMWRITE(0x6C1Cu, (uint64_t)v);
}

#endif /* XVCPU_GEN_VMCS_FIELDS_H */

/* ==== xvcpu/gen/vmx_controls.h ==== */
/* xvcpu/gen/vmx_controls.h: generated by codegen/gen.py from spec/vmx_controls.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_VMX_CONTROLS_H
#define XVCPU_GEN_VMX_CONTROLS_H

/* The VMX control words, in the order xvcpu_vmx_word enumerates them. */
typedef enum xvcpu_vmx_word {
    XVCPU_VMX_WORD_PIN, /* Pin-based VM-execution controls */
    XVCPU_VMX_WORD_PROC, /* Primary processor-based VM-execution controls */
    XVCPU_VMX_WORD_PROC2, /* Secondary processor-based VM-execution controls */
    XVCPU_VMX_WORD_PROC3, /* Tertiary processor-based VM-execution controls */
    XVCPU_VMX_WORD_EXIT, /* Primary VM-exit controls */
    XVCPU_VMX_WORD_EXIT2, /* Secondary VM-exit controls */
    XVCPU_VMX_WORD_ENTRY, /* VM-entry controls */
    XVCPU_VMX_WORD_COUNT
} xvcpu_vmx_word;

/* Pin-based VM-execution controls (32 bits; capability IA32_VMX_PINBASED_CTLS, IA32_VMX_TRUE_PINBASED_CTLS; SDM Vol. 3C Table 25-5) */
#define XVCPU_PIN_EXTERNAL_INTERRUPT_EXITING (1u << 0)
#define XVCPU_PIN_NMI_EXITING (1u << 3)
#define XVCPU_PIN_VIRTUAL_NMIS (1u << 5)
#define XVCPU_PIN_ACTIVATE_VMX_PREEMPTION_TIMER (1u << 6)
#define XVCPU_PIN_PROCESS_POSTED_INTERRUPTS (1u << 7)
#define XVCPU_PIN_DEFAULT1 0x16u

/* Primary processor-based VM-execution controls (32 bits; capability IA32_VMX_PROCBASED_CTLS, IA32_VMX_TRUE_PROCBASED_CTLS; SDM Vol. 3C Table 25-6) */
#define XVCPU_PROC_INTERRUPT_WINDOW_EXITING (1u << 2)
#define XVCPU_PROC_USE_TSC_OFFSETTING (1u << 3)
#define XVCPU_PROC_HLT_EXITING (1u << 7)
#define XVCPU_PROC_INVLPG_EXITING (1u << 9)
#define XVCPU_PROC_MWAIT_EXITING (1u << 10)
#define XVCPU_PROC_RDPMC_EXITING (1u << 11)
#define XVCPU_PROC_RDTSC_EXITING (1u << 12)
#define XVCPU_PROC_CR3_LOAD_EXITING (1u << 15)
#define XVCPU_PROC_CR3_STORE_EXITING (1u << 16)
#define XVCPU_PROC_ACTIVATE_TERTIARY_CONTROLS (1u << 17)
#define XVCPU_PROC_CR8_LOAD_EXITING (1u << 19)
#define XVCPU_PROC_CR8_STORE_EXITING (1u << 20)
#define XVCPU_PROC_USE_TPR_SHADOW (1u << 21)
#define XVCPU_PROC_NMI_WINDOW_EXITING (1u << 22)
#define XVCPU_PROC_MOV_DR_EXITING (1u << 23)
#define XVCPU_PROC_UNCONDITIONAL_IO_EXITING (1u << 24)
#define XVCPU_PROC_USE_IO_BITMAPS (1u << 25)
#define XVCPU_PROC_MONITOR_TRAP_FLAG (1u << 27)
#define XVCPU_PROC_USE_MSR_BITMAPS (1u << 28)
#define XVCPU_PROC_MONITOR_EXITING (1u << 29)
#define XVCPU_PROC_PAUSE_EXITING (1u << 30)
#define XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS (1u << 31)
#define XVCPU_PROC_DEFAULT1 0x401E172u

/* Secondary processor-based VM-execution controls (32 bits; capability IA32_VMX_PROCBASED_CTLS2; SDM Vol. 3C Table 25-7) */
#define XVCPU_PROC2_VIRTUALIZE_APIC_ACCESSES (1u << 0)
#define XVCPU_PROC2_ENABLE_EPT (1u << 1)
#define XVCPU_PROC2_DESCRIPTOR_TABLE_EXITING (1u << 2)
#define XVCPU_PROC2_ENABLE_RDTSCP (1u << 3)
#define XVCPU_PROC2_VIRTUALIZE_X2APIC_MODE (1u << 4)
#define XVCPU_PROC2_ENABLE_VPID (1u << 5)
#define XVCPU_PROC2_WBINVD_EXITING (1u << 6)
#define XVCPU_PROC2_UNRESTRICTED_GUEST (1u << 7)
#define XVCPU_PROC2_APIC_REGISTER_VIRTUALIZATION (1u << 8)
#define XVCPU_PROC2_VIRTUAL_INTERRUPT_DELIVERY (1u << 9)
#define XVCPU_PROC2_PAUSE_LOOP_EXITING (1u << 10)
#define XVCPU_PROC2_RDRAND_EXITING (1u << 11)
#define XVCPU_PROC2_ENABLE_INVPCID (1u << 12)
#define XVCPU_PROC2_ENABLE_VM_FUNCTIONS (1u << 13)
#define XVCPU_PROC2_VMCS_SHADOWING (1u << 14)
#define XVCPU_PROC2_ENABLE_ENCLS_EXITING (1u << 15)
#define XVCPU_PROC2_RDSEED_EXITING (1u << 16)
#define XVCPU_PROC2_ENABLE_PML (1u << 17)
#define XVCPU_PROC2_EPT_VIOLATION_VE (1u << 18)
#define XVCPU_PROC2_CONCEAL_VMX_FROM_PT (1u << 19)
#define XVCPU_PROC2_ENABLE_XSAVES_XRSTORS (1u << 20)
#define XVCPU_PROC2_PASID_TRANSLATION (1u << 21)
#define XVCPU_PROC2_MODE_BASED_EXECUTE_CONTROL_FOR_EPT (1u << 22)
#define XVCPU_PROC2_SUB_PAGE_WRITE_PERMISSIONS_FOR_EPT (1u << 23)
#define XVCPU_PROC2_INTEL_PT_USES_GUEST_PHYSICAL_ADDRESSES (1u << 24)
#define XVCPU_PROC2_USE_TSC_SCALING (1u << 25)
#define XVCPU_PROC2_ENABLE_USER_WAIT_AND_PAUSE (1u << 26)
#define XVCPU_PROC2_ENABLE_PCONFIG (1u << 27)
#define XVCPU_PROC2_ENABLE_ENCLV_EXITING (1u << 28)
#define XVCPU_PROC2_VMM_BUS_LOCK_DETECTION (1u << 30)
#define XVCPU_PROC2_INSTRUCTION_TIMEOUT (1u << 31)
#define XVCPU_PROC2_DEFAULT1 0x0u

/* Tertiary processor-based VM-execution controls (64 bits; capability IA32_VMX_PROCBASED_CTLS3; SDM Vol. 3C Table 25-8) */
#define XVCPU_PROC3_LOADIWKEY_EXITING (1ull << 0)
#define XVCPU_PROC3_ENABLE_HLAT (1ull << 1)
#define XVCPU_PROC3_EPT_PAGING_WRITE_CONTROL (1ull << 2)
#define XVCPU_PROC3_GUEST_PAGING_VERIFICATION (1ull << 3)
#define XVCPU_PROC3_IPI_VIRTUALIZATION (1ull << 4)
#define XVCPU_PROC3_ENABLE_MSR_LIST_INSTRUCTIONS (1ull << 6)
#define XVCPU_PROC3_VIRTUALIZE_IA32_SPEC_CTRL (1ull << 7)
#define XVCPU_PROC3_DEFAULT1 0x0u

/* Primary VM-exit controls (32 bits; capability IA32_VMX_EXIT_CTLS, IA32_VMX_TRUE_EXIT_CTLS; SDM Vol. 3C Table 25-13) */
#define XVCPU_EXIT_SAVE_DEBUG_CONTROLS (1u << 2)
#define XVCPU_EXIT_HOST_ADDRESS_SPACE_SIZE (1u << 9)
#define XVCPU_EXIT_LOAD_IA32_PERF_GLOBAL_CTRL (1u << 12)
#define XVCPU_EXIT_ACKNOWLEDGE_INTERRUPT_ON_EXIT (1u << 15)
#define XVCPU_EXIT_SAVE_IA32_PAT (1u << 18)
#define XVCPU_EXIT_LOAD_IA32_PAT (1u << 19)
#define XVCPU_EXIT_SAVE_IA32_EFER (1u << 20)
#define XVCPU_EXIT_LOAD_IA32_EFER (1u << 21)
#define XVCPU_EXIT_SAVE_VMX_PREEMPTION_TIMER (1u << 22)
#define XVCPU_EXIT_CLEAR_IA32_BNDCFGS (1u << 23)
#define XVCPU_EXIT_CONCEAL_VMX_FROM_PT (1u << 24)
#define XVCPU_EXIT_CLEAR_IA32_RTIT_CTL (1u << 25)
#define XVCPU_EXIT_CLEAR_IA32_LBR_CTL (1u << 26)
#define XVCPU_EXIT_CLEAR_UINV (1u << 27)
#define XVCPU_EXIT_LOAD_CET_STATE (1u << 28)
#define XVCPU_EXIT_LOAD_PKRS (1u << 29)
#define XVCPU_EXIT_SAVE_IA32_PERF_GLOBAL_CTRL (1u << 30)
#define XVCPU_EXIT_ACTIVATE_SECONDARY_CONTROLS (1u << 31)
#define XVCPU_EXIT_DEFAULT1 0x36DFFu

/* Secondary VM-exit controls (64 bits; capability IA32_VMX_EXIT_CTLS2; SDM Vol. 3C Table 25-14) */
#define XVCPU_EXIT2_SAVE_FRED (1ull << 0)
#define XVCPU_EXIT2_LOAD_FRED (1ull << 1)
#define XVCPU_EXIT2_PREMATURELY_BUSY_SHADOW_STACK (1ull << 3)
#define XVCPU_EXIT2_DEFAULT1 0x0u

/* VM-entry controls (32 bits; capability IA32_VMX_ENTRY_CTLS, IA32_VMX_TRUE_ENTRY_CTLS; SDM Vol. 3C Table 25-15) */
#define XVCPU_ENTRY_LOAD_DEBUG_CONTROLS (1u << 2)
#define XVCPU_ENTRY_IA32E_MODE_GUEST (1u << 9)
#define XVCPU_ENTRY_ENTRY_TO_SMM (1u << 10)
#define XVCPU_ENTRY_DEACTIVATE_DUAL_MONITOR (1u << 11)
#define XVCPU_ENTRY_LOAD_IA32_PERF_GLOBAL_CTRL (1u << 13)
#define XVCPU_ENTRY_LOAD_IA32_PAT (1u << 14)
#define XVCPU_ENTRY_LOAD_IA32_EFER (1u << 15)
#define XVCPU_ENTRY_LOAD_IA32_BNDCFGS (1u << 16)
#define XVCPU_ENTRY_CONCEAL_VMX_FROM_PT (1u << 17)
#define XVCPU_ENTRY_LOAD_IA32_RTIT_CTL (1u << 18)
#define XVCPU_ENTRY_LOAD_UINV (1u << 19)
#define XVCPU_ENTRY_LOAD_CET_STATE (1u << 20)
#define XVCPU_ENTRY_LOAD_GUEST_IA32_LBR_CTL (1u << 21)
#define XVCPU_ENTRY_LOAD_PKRS (1u << 22)
#define XVCPU_ENTRY_LOAD_FRED (1u << 23)
#define XVCPU_ENTRY_DEFAULT1 0x11FFu

/* What the SDM says about each control word (Vol. 3D Appendix A). */
typedef struct xvcpu_vmx_word_info {
    const char *name;      /* e.g. "proc2" */
    uint32_t field;        /* VMCS encoding of the control word */
    uint32_t cap_msr;      /* capability MSR */
    uint32_t true_cap_msr; /* TRUE_ capability MSR, 0 when there is none */
    uint8_t width;         /* 32 or 64 */
    bool allowed1_only;    /* the MSR lists allowed-1 bits only (64-bit words) */
    uint64_t default1;     /* the default1 class: 1 unless TRUE controls say otherwise */
} xvcpu_vmx_word_info;

static inline xvcpu_vmx_word_info xvcpu_vmx_word_describe(xvcpu_vmx_word w)
{
    xvcpu_vmx_word_info i = { NULL, 0, 0, 0, 0, false, 0 };
    switch (w) {
    case XVCPU_VMX_WORD_PIN:
        i.name = "pin"; i.field = XVCPU_VMCS_PIN_BASED_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_PINBASED_CTLS;
        i.true_cap_msr = XVCPU_MSR_IA32_VMX_TRUE_PINBASED_CTLS;
        i.width = 32; i.allowed1_only = false;
        i.default1 = 0x16u;
        break;
    case XVCPU_VMX_WORD_PROC:
        i.name = "proc"; i.field = XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_PROCBASED_CTLS;
        i.true_cap_msr = XVCPU_MSR_IA32_VMX_TRUE_PROCBASED_CTLS;
        i.width = 32; i.allowed1_only = false;
        i.default1 = 0x401E172u;
        break;
    case XVCPU_VMX_WORD_PROC2:
        i.name = "proc2"; i.field = XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2;
        i.true_cap_msr = 0;
        i.width = 32; i.allowed1_only = false;
        i.default1 = 0x0u;
        break;
    case XVCPU_VMX_WORD_PROC3:
        i.name = "proc3"; i.field = XVCPU_VMCS_TERTIARY_PROC_BASED_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_PROCBASED_CTLS3;
        i.true_cap_msr = 0;
        i.width = 64; i.allowed1_only = true;
        i.default1 = 0x0u;
        break;
    case XVCPU_VMX_WORD_EXIT:
        i.name = "exit"; i.field = XVCPU_VMCS_PRIMARY_EXIT_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_EXIT_CTLS;
        i.true_cap_msr = XVCPU_MSR_IA32_VMX_TRUE_EXIT_CTLS;
        i.width = 32; i.allowed1_only = false;
        i.default1 = 0x36DFFu;
        break;
    case XVCPU_VMX_WORD_EXIT2:
        i.name = "exit2"; i.field = XVCPU_VMCS_SECONDARY_EXIT_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_EXIT_CTLS2;
        i.true_cap_msr = 0;
        i.width = 64; i.allowed1_only = true;
        i.default1 = 0x0u;
        break;
    case XVCPU_VMX_WORD_ENTRY:
        i.name = "entry"; i.field = XVCPU_VMCS_ENTRY_CONTROLS;
        i.cap_msr = XVCPU_MSR_IA32_VMX_ENTRY_CTLS;
        i.true_cap_msr = XVCPU_MSR_IA32_VMX_TRUE_ENTRY_CTLS;
        i.width = 32; i.allowed1_only = false;
        i.default1 = 0x11FFu;
        break;
    default: break;
    }
    return i;
}

/* The SDM's name of bit `bit` of control word `w`, or NULL when the bit is not defined. */
static inline const char *xvcpu_vmx_control_bit_name(xvcpu_vmx_word w, unsigned bit)
{
    switch (w) {
    case XVCPU_VMX_WORD_PIN:
        switch (bit) {
        case 0: return "EXTERNAL_INTERRUPT_EXITING";
        case 3: return "NMI_EXITING";
        case 5: return "VIRTUAL_NMIS";
        case 6: return "ACTIVATE_VMX_PREEMPTION_TIMER";
        case 7: return "PROCESS_POSTED_INTERRUPTS";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_PROC:
        switch (bit) {
        case 2: return "INTERRUPT_WINDOW_EXITING";
        case 3: return "USE_TSC_OFFSETTING";
        case 7: return "HLT_EXITING";
        case 9: return "INVLPG_EXITING";
        case 10: return "MWAIT_EXITING";
        case 11: return "RDPMC_EXITING";
        case 12: return "RDTSC_EXITING";
        case 15: return "CR3_LOAD_EXITING";
        case 16: return "CR3_STORE_EXITING";
        case 17: return "ACTIVATE_TERTIARY_CONTROLS";
        case 19: return "CR8_LOAD_EXITING";
        case 20: return "CR8_STORE_EXITING";
        case 21: return "USE_TPR_SHADOW";
        case 22: return "NMI_WINDOW_EXITING";
        case 23: return "MOV_DR_EXITING";
        case 24: return "UNCONDITIONAL_IO_EXITING";
        case 25: return "USE_IO_BITMAPS";
        case 27: return "MONITOR_TRAP_FLAG";
        case 28: return "USE_MSR_BITMAPS";
        case 29: return "MONITOR_EXITING";
        case 30: return "PAUSE_EXITING";
        case 31: return "ACTIVATE_SECONDARY_CONTROLS";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_PROC2:
        switch (bit) {
        case 0: return "VIRTUALIZE_APIC_ACCESSES";
        case 1: return "ENABLE_EPT";
        case 2: return "DESCRIPTOR_TABLE_EXITING";
        case 3: return "ENABLE_RDTSCP";
        case 4: return "VIRTUALIZE_X2APIC_MODE";
        case 5: return "ENABLE_VPID";
        case 6: return "WBINVD_EXITING";
        case 7: return "UNRESTRICTED_GUEST";
        case 8: return "APIC_REGISTER_VIRTUALIZATION";
        case 9: return "VIRTUAL_INTERRUPT_DELIVERY";
        case 10: return "PAUSE_LOOP_EXITING";
        case 11: return "RDRAND_EXITING";
        case 12: return "ENABLE_INVPCID";
        case 13: return "ENABLE_VM_FUNCTIONS";
        case 14: return "VMCS_SHADOWING";
        case 15: return "ENABLE_ENCLS_EXITING";
        case 16: return "RDSEED_EXITING";
        case 17: return "ENABLE_PML";
        case 18: return "EPT_VIOLATION_VE";
        case 19: return "CONCEAL_VMX_FROM_PT";
        case 20: return "ENABLE_XSAVES_XRSTORS";
        case 21: return "PASID_TRANSLATION";
        case 22: return "MODE_BASED_EXECUTE_CONTROL_FOR_EPT";
        case 23: return "SUB_PAGE_WRITE_PERMISSIONS_FOR_EPT";
        case 24: return "INTEL_PT_USES_GUEST_PHYSICAL_ADDRESSES";
        case 25: return "USE_TSC_SCALING";
        case 26: return "ENABLE_USER_WAIT_AND_PAUSE";
        case 27: return "ENABLE_PCONFIG";
        case 28: return "ENABLE_ENCLV_EXITING";
        case 30: return "VMM_BUS_LOCK_DETECTION";
        case 31: return "INSTRUCTION_TIMEOUT";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_PROC3:
        switch (bit) {
        case 0: return "LOADIWKEY_EXITING";
        case 1: return "ENABLE_HLAT";
        case 2: return "EPT_PAGING_WRITE_CONTROL";
        case 3: return "GUEST_PAGING_VERIFICATION";
        case 4: return "IPI_VIRTUALIZATION";
        case 6: return "ENABLE_MSR_LIST_INSTRUCTIONS";
        case 7: return "VIRTUALIZE_IA32_SPEC_CTRL";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_EXIT:
        switch (bit) {
        case 2: return "SAVE_DEBUG_CONTROLS";
        case 9: return "HOST_ADDRESS_SPACE_SIZE";
        case 12: return "LOAD_IA32_PERF_GLOBAL_CTRL";
        case 15: return "ACKNOWLEDGE_INTERRUPT_ON_EXIT";
        case 18: return "SAVE_IA32_PAT";
        case 19: return "LOAD_IA32_PAT";
        case 20: return "SAVE_IA32_EFER";
        case 21: return "LOAD_IA32_EFER";
        case 22: return "SAVE_VMX_PREEMPTION_TIMER";
        case 23: return "CLEAR_IA32_BNDCFGS";
        case 24: return "CONCEAL_VMX_FROM_PT";
        case 25: return "CLEAR_IA32_RTIT_CTL";
        case 26: return "CLEAR_IA32_LBR_CTL";
        case 27: return "CLEAR_UINV";
        case 28: return "LOAD_CET_STATE";
        case 29: return "LOAD_PKRS";
        case 30: return "SAVE_IA32_PERF_GLOBAL_CTRL";
        case 31: return "ACTIVATE_SECONDARY_CONTROLS";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_EXIT2:
        switch (bit) {
        case 0: return "SAVE_FRED";
        case 1: return "LOAD_FRED";
        case 3: return "PREMATURELY_BUSY_SHADOW_STACK";
        default: return NULL;
        }
    case XVCPU_VMX_WORD_ENTRY:
        switch (bit) {
        case 2: return "LOAD_DEBUG_CONTROLS";
        case 9: return "IA32E_MODE_GUEST";
        case 10: return "ENTRY_TO_SMM";
        case 11: return "DEACTIVATE_DUAL_MONITOR";
        case 13: return "LOAD_IA32_PERF_GLOBAL_CTRL";
        case 14: return "LOAD_IA32_PAT";
        case 15: return "LOAD_IA32_EFER";
        case 16: return "LOAD_IA32_BNDCFGS";
        case 17: return "CONCEAL_VMX_FROM_PT";
        case 18: return "LOAD_IA32_RTIT_CTL";
        case 19: return "LOAD_UINV";
        case 20: return "LOAD_CET_STATE";
        case 21: return "LOAD_GUEST_IA32_LBR_CTL";
        case 22: return "LOAD_PKRS";
        case 23: return "LOAD_FRED";
        default: return NULL;
        }
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_VMX_CONTROLS_H */

/* ==== xvcpu/gen/vmx_exits.h ==== */
/* xvcpu/gen/vmx_exits.h: generated by codegen/gen.py from spec/vmx_exits.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_VMX_EXITS_H
#define XVCPU_GEN_VMX_EXITS_H

/* VMX basic exit reasons (bits 15:0 of the exit reason) */
#define XVCPU_VMX_EXIT_EXCEPTION_OR_NMI 0u
#define XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT 1u
#define XVCPU_VMX_EXIT_TRIPLE_FAULT 2u
#define XVCPU_VMX_EXIT_INIT_SIGNAL 3u
#define XVCPU_VMX_EXIT_SIPI 4u
#define XVCPU_VMX_EXIT_IO_SMI 5u
#define XVCPU_VMX_EXIT_OTHER_SMI 6u
#define XVCPU_VMX_EXIT_INTERRUPT_WINDOW 7u
#define XVCPU_VMX_EXIT_NMI_WINDOW 8u
#define XVCPU_VMX_EXIT_TASK_SWITCH 9u
#define XVCPU_VMX_EXIT_CPUID 10u
#define XVCPU_VMX_EXIT_GETSEC 11u
#define XVCPU_VMX_EXIT_HLT 12u
#define XVCPU_VMX_EXIT_INVD 13u
#define XVCPU_VMX_EXIT_INVLPG 14u
#define XVCPU_VMX_EXIT_RDPMC 15u
#define XVCPU_VMX_EXIT_RDTSC 16u
#define XVCPU_VMX_EXIT_RSM 17u
#define XVCPU_VMX_EXIT_VMCALL 18u
#define XVCPU_VMX_EXIT_VMCLEAR 19u
#define XVCPU_VMX_EXIT_VMLAUNCH 20u
#define XVCPU_VMX_EXIT_VMPTRLD 21u
#define XVCPU_VMX_EXIT_VMPTRST 22u
#define XVCPU_VMX_EXIT_VMREAD 23u
#define XVCPU_VMX_EXIT_VMRESUME 24u
#define XVCPU_VMX_EXIT_VMWRITE 25u
#define XVCPU_VMX_EXIT_VMXOFF 26u
#define XVCPU_VMX_EXIT_VMXON 27u
#define XVCPU_VMX_EXIT_CR_ACCESS 28u
#define XVCPU_VMX_EXIT_DR_ACCESS 29u
#define XVCPU_VMX_EXIT_IO_INSTRUCTION 30u
#define XVCPU_VMX_EXIT_RDMSR 31u
#define XVCPU_VMX_EXIT_WRMSR 32u
#define XVCPU_VMX_EXIT_ENTRY_FAILURE_GUEST_STATE 33u
#define XVCPU_VMX_EXIT_ENTRY_FAILURE_MSR_LOADING 34u
#define XVCPU_VMX_EXIT_MWAIT 36u
#define XVCPU_VMX_EXIT_MONITOR_TRAP_FLAG 37u
#define XVCPU_VMX_EXIT_MONITOR 39u
#define XVCPU_VMX_EXIT_PAUSE 40u
#define XVCPU_VMX_EXIT_ENTRY_FAILURE_MACHINE_CHECK 41u
#define XVCPU_VMX_EXIT_TPR_BELOW_THRESHOLD 43u
#define XVCPU_VMX_EXIT_APIC_ACCESS 44u
#define XVCPU_VMX_EXIT_VIRTUALIZED_EOI 45u
#define XVCPU_VMX_EXIT_GDTR_IDTR_ACCESS 46u
#define XVCPU_VMX_EXIT_LDTR_TR_ACCESS 47u
#define XVCPU_VMX_EXIT_EPT_VIOLATION 48u
#define XVCPU_VMX_EXIT_EPT_MISCONFIG 49u
#define XVCPU_VMX_EXIT_INVEPT 50u
#define XVCPU_VMX_EXIT_RDTSCP 51u
#define XVCPU_VMX_EXIT_PREEMPTION_TIMER 52u
#define XVCPU_VMX_EXIT_INVVPID 53u
#define XVCPU_VMX_EXIT_WBINVD_WBNOINVD 54u
#define XVCPU_VMX_EXIT_XSETBV 55u
#define XVCPU_VMX_EXIT_APIC_WRITE 56u
#define XVCPU_VMX_EXIT_RDRAND 57u
#define XVCPU_VMX_EXIT_INVPCID 58u
#define XVCPU_VMX_EXIT_VMFUNC 59u
#define XVCPU_VMX_EXIT_ENCLS 60u
#define XVCPU_VMX_EXIT_RDSEED 61u
#define XVCPU_VMX_EXIT_PML_FULL 62u
#define XVCPU_VMX_EXIT_XSAVES 63u
#define XVCPU_VMX_EXIT_XRSTORS 64u
#define XVCPU_VMX_EXIT_PCONFIG 65u
#define XVCPU_VMX_EXIT_SPP_EVENT 66u
#define XVCPU_VMX_EXIT_UMWAIT 67u
#define XVCPU_VMX_EXIT_TPAUSE 68u
#define XVCPU_VMX_EXIT_LOADIWKEY 69u
#define XVCPU_VMX_EXIT_ENCLV 70u
#define XVCPU_VMX_EXIT_ENQCMD_PASID_TRANSLATION_FAILURE 72u
#define XVCPU_VMX_EXIT_ENQCMDS_PASID_TRANSLATION_FAILURE 73u
#define XVCPU_VMX_EXIT_BUS_LOCK 74u
#define XVCPU_VMX_EXIT_INSTRUCTION_TIMEOUT 75u
#define XVCPU_VMX_EXIT_SEAMCALL 76u
#define XVCPU_VMX_EXIT_TDCALL 77u
#define XVCPU_VMX_EXIT_RDMSRLIST 78u
#define XVCPU_VMX_EXIT_WRMSRLIST 79u
#define XVCPU_VMX_EXIT_URDMSR 80u
#define XVCPU_VMX_EXIT_UWRMSR 81u
#define XVCPU_VMX_EXIT_RDMSR_IMM 84u
#define XVCPU_VMX_EXIT_WRMSRNS_IMM 85u
#define XVCPU_VMX_EXIT_REASON_MAX 85u

/* Exit qualification of a VM-entry failure due to invalid guest state. For a failure while
 * loading MSRs it is instead the 1-based index of the failing MSR-load entry. */
#define XVCPU_VMX_ENTRY_FAIL_QUAL_DEFAULT 0u
#define XVCPU_VMX_ENTRY_FAIL_QUAL_PDPTE_LOAD 2u
#define XVCPU_VMX_ENTRY_FAIL_QUAL_NMI_INJECTION_BLOCKED_BY_STI 3u
#define XVCPU_VMX_ENTRY_FAIL_QUAL_INVALID_VMCS_LINK_POINTER 4u

/* "EPT_VIOLATION" for 48; NULL for a basic reason the spec does not know. */
static inline const char *xvcpu_vmx_exit_reason_name(uint32_t basic_reason)
{
    switch (basic_reason) {
    case 0u: return "EXCEPTION_OR_NMI";
    case 1u: return "EXTERNAL_INTERRUPT";
    case 2u: return "TRIPLE_FAULT";
    case 3u: return "INIT_SIGNAL";
    case 4u: return "SIPI";
    case 5u: return "IO_SMI";
    case 6u: return "OTHER_SMI";
    case 7u: return "INTERRUPT_WINDOW";
    case 8u: return "NMI_WINDOW";
    case 9u: return "TASK_SWITCH";
    case 10u: return "CPUID";
    case 11u: return "GETSEC";
    case 12u: return "HLT";
    case 13u: return "INVD";
    case 14u: return "INVLPG";
    case 15u: return "RDPMC";
    case 16u: return "RDTSC";
    case 17u: return "RSM";
    case 18u: return "VMCALL";
    case 19u: return "VMCLEAR";
    case 20u: return "VMLAUNCH";
    case 21u: return "VMPTRLD";
    case 22u: return "VMPTRST";
    case 23u: return "VMREAD";
    case 24u: return "VMRESUME";
    case 25u: return "VMWRITE";
    case 26u: return "VMXOFF";
    case 27u: return "VMXON";
    case 28u: return "CR_ACCESS";
    case 29u: return "DR_ACCESS";
    case 30u: return "IO_INSTRUCTION";
    case 31u: return "RDMSR";
    case 32u: return "WRMSR";
    case 33u: return "ENTRY_FAILURE_GUEST_STATE";
    case 34u: return "ENTRY_FAILURE_MSR_LOADING";
    case 36u: return "MWAIT";
    case 37u: return "MONITOR_TRAP_FLAG";
    case 39u: return "MONITOR";
    case 40u: return "PAUSE";
    case 41u: return "ENTRY_FAILURE_MACHINE_CHECK";
    case 43u: return "TPR_BELOW_THRESHOLD";
    case 44u: return "APIC_ACCESS";
    case 45u: return "VIRTUALIZED_EOI";
    case 46u: return "GDTR_IDTR_ACCESS";
    case 47u: return "LDTR_TR_ACCESS";
    case 48u: return "EPT_VIOLATION";
    case 49u: return "EPT_MISCONFIG";
    case 50u: return "INVEPT";
    case 51u: return "RDTSCP";
    case 52u: return "PREEMPTION_TIMER";
    case 53u: return "INVVPID";
    case 54u: return "WBINVD_WBNOINVD";
    case 55u: return "XSETBV";
    case 56u: return "APIC_WRITE";
    case 57u: return "RDRAND";
    case 58u: return "INVPCID";
    case 59u: return "VMFUNC";
    case 60u: return "ENCLS";
    case 61u: return "RDSEED";
    case 62u: return "PML_FULL";
    case 63u: return "XSAVES";
    case 64u: return "XRSTORS";
    case 65u: return "PCONFIG";
    case 66u: return "SPP_EVENT";
    case 67u: return "UMWAIT";
    case 68u: return "TPAUSE";
    case 69u: return "LOADIWKEY";
    case 70u: return "ENCLV";
    case 72u: return "ENQCMD_PASID_TRANSLATION_FAILURE";
    case 73u: return "ENQCMDS_PASID_TRANSLATION_FAILURE";
    case 74u: return "BUS_LOCK";
    case 75u: return "INSTRUCTION_TIMEOUT";
    case 76u: return "SEAMCALL";
    case 77u: return "TDCALL";
    case 78u: return "RDMSRLIST";
    case 79u: return "WRMSRLIST";
    case 80u: return "URDMSR";
    case 81u: return "UWRMSR";
    case 84u: return "RDMSR_IMM";
    case 85u: return "WRMSRNS_IMM";
    default: return NULL;
    }
}

/* The SDM's description of a basic exit reason, or NULL. */
static inline const char *xvcpu_vmx_exit_reason_title(uint32_t basic_reason)
{
    switch (basic_reason) {
    case 0u: return "Exception or non-maskable interrupt (NMI)";
    case 1u: return "External interrupt";
    case 2u: return "Triple fault";
    case 3u: return "INIT signal";
    case 4u: return "Start-up IPI (SIPI)";
    case 5u: return "I/O system-management interrupt (SMI)";
    case 6u: return "Other SMI";
    case 7u: return "Interrupt window";
    case 8u: return "NMI window";
    case 9u: return "Task switch";
    case 10u: return "CPUID";
    case 11u: return "GETSEC";
    case 12u: return "HLT";
    case 13u: return "INVD";
    case 14u: return "INVLPG";
    case 15u: return "RDPMC";
    case 16u: return "RDTSC";
    case 17u: return "RSM";
    case 18u: return "VMCALL";
    case 19u: return "VMCLEAR";
    case 20u: return "VMLAUNCH";
    case 21u: return "VMPTRLD";
    case 22u: return "VMPTRST";
    case 23u: return "VMREAD";
    case 24u: return "VMRESUME";
    case 25u: return "VMWRITE";
    case 26u: return "VMXOFF";
    case 27u: return "VMXON";
    case 28u: return "Control-register accesses";
    case 29u: return "MOV DR";
    case 30u: return "I/O instruction";
    case 31u: return "RDMSR";
    case 32u: return "WRMSR";
    case 33u: return "VM-entry failure due to invalid guest state";
    case 34u: return "VM-entry failure due to MSR loading";
    case 36u: return "MWAIT";
    case 37u: return "Monitor trap flag";
    case 39u: return "MONITOR";
    case 40u: return "PAUSE";
    case 41u: return "VM-entry failure due to machine-check event";
    case 43u: return "TPR below threshold";
    case 44u: return "APIC access";
    case 45u: return "Virtualized EOI";
    case 46u: return "Access to GDTR or IDTR";
    case 47u: return "Access to LDTR or TR";
    case 48u: return "EPT violation";
    case 49u: return "EPT misconfiguration";
    case 50u: return "INVEPT";
    case 51u: return "RDTSCP";
    case 52u: return "VMX-preemption timer expired";
    case 53u: return "INVVPID";
    case 54u: return "WBINVD or WBNOINVD";
    case 55u: return "XSETBV";
    case 56u: return "APIC write";
    case 57u: return "RDRAND";
    case 58u: return "INVPCID";
    case 59u: return "VMFUNC";
    case 60u: return "ENCLS";
    case 61u: return "RDSEED";
    case 62u: return "Page-modification log full";
    case 63u: return "XSAVES";
    case 64u: return "XRSTORS";
    case 65u: return "PCONFIG";
    case 66u: return "SPP-related event";
    case 67u: return "UMWAIT";
    case 68u: return "TPAUSE";
    case 69u: return "LOADIWKEY";
    case 70u: return "ENCLV";
    case 72u: return "ENQCMD PASID translation failure";
    case 73u: return "ENQCMDS PASID translation failure";
    case 74u: return "Bus lock";
    case 75u: return "Instruction timeout (called NOTIFY by Linux)";
    case 76u: return "SEAMCALL";
    case 77u: return "TDCALL";
    case 78u: return "RDMSRLIST";
    case 79u: return "WRMSRLIST";
    case 80u: return "URDMSR";
    case 81u: return "UWRMSR";
    case 84u: return "RDMSR with immediate operand";
    case 85u: return "WRMSRNS with immediate operand";
    default: return NULL;
    }
}

/* Text for an invalid-guest-state entry failure qualification, or NULL. */
static inline const char *xvcpu_vmx_entry_fail_qual_text(uint64_t qual)
{
    switch (qual) {
    case 0u: return "Default (no more specific cause reported)";
    case 2u: return "Failure was due to a problem loading the PDPTEs";
    case 3u: return "Failure was due to an attempt to inject a non-maskable interrupt (NMI) into a guest that is blocking events through the STI blocking bit in the interruptibility-state field (implementation-specific)";
    case 4u: return "Failure was due to an invalid VMCS link pointer";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_VMX_EXITS_H */

/* ==== xvcpu/gen/vmx_errors.h ==== */
/* xvcpu/gen/vmx_errors.h: generated by codegen/gen.py from spec/vmx_errors.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_VMX_ERRORS_H
#define XVCPU_GEN_VMX_ERRORS_H

/* VM-instruction error numbers (the VM_INSTRUCTION_ERROR field after VMfailValid) */
#define XVCPU_VMX_ERR_VMCALL_IN_VMX_ROOT 1u
#define XVCPU_VMX_ERR_VMCLEAR_INVALID_ADDRESS 2u
#define XVCPU_VMX_ERR_VMCLEAR_VMXON_POINTER 3u
#define XVCPU_VMX_ERR_VMLAUNCH_NON_CLEAR_VMCS 4u
#define XVCPU_VMX_ERR_VMRESUME_NON_LAUNCHED_VMCS 5u
#define XVCPU_VMX_ERR_VMRESUME_AFTER_VMXOFF 6u
#define XVCPU_VMX_ERR_ENTRY_INVALID_CONTROL_FIELDS 7u
#define XVCPU_VMX_ERR_ENTRY_INVALID_HOST_STATE 8u
#define XVCPU_VMX_ERR_VMPTRLD_INVALID_ADDRESS 9u
#define XVCPU_VMX_ERR_VMPTRLD_VMXON_POINTER 10u
#define XVCPU_VMX_ERR_VMPTRLD_INCORRECT_REVISION 11u
#define XVCPU_VMX_ERR_UNSUPPORTED_VMCS_COMPONENT 12u
#define XVCPU_VMX_ERR_VMWRITE_READ_ONLY_COMPONENT 13u
#define XVCPU_VMX_ERR_VMXON_IN_VMX_ROOT 15u
#define XVCPU_VMX_ERR_ENTRY_INVALID_EXECUTIVE_VMCS_POINTER 16u
#define XVCPU_VMX_ERR_ENTRY_NON_LAUNCHED_EXECUTIVE_VMCS 17u
#define XVCPU_VMX_ERR_ENTRY_EXECUTIVE_VMCS_NOT_VMXON_POINTER 18u
#define XVCPU_VMX_ERR_VMCALL_NON_CLEAR_VMCS 19u
#define XVCPU_VMX_ERR_VMCALL_INVALID_EXIT_CONTROLS 20u
#define XVCPU_VMX_ERR_VMCALL_INCORRECT_MSEG_REVISION 22u
#define XVCPU_VMX_ERR_VMXOFF_UNDER_DUAL_MONITOR 23u
#define XVCPU_VMX_ERR_VMCALL_INVALID_SMM_MONITOR_FEATURES 24u
#define XVCPU_VMX_ERR_ENTRY_INVALID_EXECUTIVE_VMCS_CONTROLS 25u
#define XVCPU_VMX_ERR_ENTRY_EVENTS_BLOCKED_BY_MOV_SS 26u
#define XVCPU_VMX_ERR_INVALID_INVEPT_INVVPID_OPERAND 28u

/* The SDM's text for a VM-instruction error number, or NULL for one it does not define. */
static inline const char *xvcpu_vmx_error_text(uint32_t error)
{
    switch (error) {
    case 1u: return "VMCALL executed in VMX root operation";
    case 2u: return "VMCLEAR with invalid physical address";
    case 3u: return "VMCLEAR with VMXON pointer";
    case 4u: return "VMLAUNCH with non-clear VMCS";
    case 5u: return "VMRESUME with non-launched VMCS";
    case 6u: return "VMRESUME after VMXOFF (VMXOFF and VMXON between VMLAUNCH and VMRESUME)";
    case 7u: return "VM entry with invalid control field(s)";
    case 8u: return "VM entry with invalid host-state field(s)";
    case 9u: return "VMPTRLD with invalid physical address";
    case 10u: return "VMPTRLD with VMXON pointer";
    case 11u: return "VMPTRLD with incorrect VMCS revision identifier";
    case 12u: return "VMREAD/VMWRITE from/to unsupported VMCS component";
    case 13u: return "VMWRITE to read-only VMCS component";
    case 15u: return "VMXON executed in VMX root operation";
    case 16u: return "VM entry with invalid executive-VMCS pointer";
    case 17u: return "VM entry with non-launched executive VMCS";
    case 18u: return "VM entry with executive-VMCS pointer not VMXON pointer (when attempting to deactivate the dual-monitor treatment of SMIs and SMM)";
    case 19u: return "VMCALL with non-clear VMCS (when attempting to activate the dual-monitor treatment of SMIs and SMM)";
    case 20u: return "VMCALL with invalid VM-exit control fields";
    case 22u: return "VMCALL with incorrect MSEG revision identifier (when attempting to activate the dual-monitor treatment of SMIs and SMM)";
    case 23u: return "VMXOFF under dual-monitor treatment of SMIs and SMM";
    case 24u: return "VMCALL with invalid SMM-monitor features (when attempting to activate the dual-monitor treatment of SMIs and SMM)";
    case 25u: return "VM entry with invalid VM-execution control fields in executive VMCS (when attempting to return from SMM)";
    case 26u: return "VM entry with events blocked by MOV SS.";
    case 28u: return "Invalid operand to INVEPT/INVVPID.";
    default: return NULL;
    }
}

/* The error's name ("ENTRY_INVALID_CONTROL_FIELDS"), or NULL. */
static inline const char *xvcpu_vmx_error_name(uint32_t error)
{
    switch (error) {
    case 1u: return "VMCALL_IN_VMX_ROOT";
    case 2u: return "VMCLEAR_INVALID_ADDRESS";
    case 3u: return "VMCLEAR_VMXON_POINTER";
    case 4u: return "VMLAUNCH_NON_CLEAR_VMCS";
    case 5u: return "VMRESUME_NON_LAUNCHED_VMCS";
    case 6u: return "VMRESUME_AFTER_VMXOFF";
    case 7u: return "ENTRY_INVALID_CONTROL_FIELDS";
    case 8u: return "ENTRY_INVALID_HOST_STATE";
    case 9u: return "VMPTRLD_INVALID_ADDRESS";
    case 10u: return "VMPTRLD_VMXON_POINTER";
    case 11u: return "VMPTRLD_INCORRECT_REVISION";
    case 12u: return "UNSUPPORTED_VMCS_COMPONENT";
    case 13u: return "VMWRITE_READ_ONLY_COMPONENT";
    case 15u: return "VMXON_IN_VMX_ROOT";
    case 16u: return "ENTRY_INVALID_EXECUTIVE_VMCS_POINTER";
    case 17u: return "ENTRY_NON_LAUNCHED_EXECUTIVE_VMCS";
    case 18u: return "ENTRY_EXECUTIVE_VMCS_NOT_VMXON_POINTER";
    case 19u: return "VMCALL_NON_CLEAR_VMCS";
    case 20u: return "VMCALL_INVALID_EXIT_CONTROLS";
    case 22u: return "VMCALL_INCORRECT_MSEG_REVISION";
    case 23u: return "VMXOFF_UNDER_DUAL_MONITOR";
    case 24u: return "VMCALL_INVALID_SMM_MONITOR_FEATURES";
    case 25u: return "ENTRY_INVALID_EXECUTIVE_VMCS_CONTROLS";
    case 26u: return "ENTRY_EVENTS_BLOCKED_BY_MOV_SS";
    case 28u: return "INVALID_INVEPT_INVVPID_OPERAND";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_VMX_ERRORS_H */

/* ==== xvcpu/gen/vmx_formats.h ==== */
/* xvcpu/gen/vmx_formats.h: generated by codegen/gen.py from spec/vmx_formats.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_VMX_FORMATS_H
#define XVCPU_GEN_VMX_FORMATS_H

/* Bit fields: NAME_SHIFT and NAME_MASK (mask in place), and NAME itself for one-bit fields.
 * Read a field with XVCPU_FIELD_GET(XVCPU_<LAYOUT>_<FIELD>, value). */

/* DEBUG_EXCEPTION_QUAL: Exit qualification for debug exceptions (#DB exits and (64 bits; SDM Vol. 3C Table 28-1) */
#define XVCPU_DEBUG_EXCEPTION_QUAL_B0_SHIFT 0
#define XVCPU_DEBUG_EXCEPTION_QUAL_B0_MASK 0x1ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B0 0x1ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B1_SHIFT 1
#define XVCPU_DEBUG_EXCEPTION_QUAL_B1_MASK 0x2ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B1 0x2ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B2_SHIFT 2
#define XVCPU_DEBUG_EXCEPTION_QUAL_B2_MASK 0x4ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B2 0x4ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B3_SHIFT 3
#define XVCPU_DEBUG_EXCEPTION_QUAL_B3_MASK 0x8ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_B3 0x8ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_BD_SHIFT 13
#define XVCPU_DEBUG_EXCEPTION_QUAL_BD_MASK 0x2000ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_BD 0x2000ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_BS_SHIFT 14
#define XVCPU_DEBUG_EXCEPTION_QUAL_BS_MASK 0x4000ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_BS 0x4000ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_RTM_SHIFT 16
#define XVCPU_DEBUG_EXCEPTION_QUAL_RTM_MASK 0x10000ull
#define XVCPU_DEBUG_EXCEPTION_QUAL_RTM 0x10000ull

/* TASK_SWITCH_QUAL: Exit qualification for task switches (64 bits; SDM Vol. 3C Table 28-2) */
#define XVCPU_TASK_SWITCH_QUAL_TSS_SELECTOR_SHIFT 0
#define XVCPU_TASK_SWITCH_QUAL_TSS_SELECTOR_MASK 0xFFFFull
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_SHIFT 30
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_MASK 0xC0000000ull
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_CALL 0u
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_IRET 1u
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_JMP 2u
#define XVCPU_TASK_SWITCH_QUAL_SOURCE_IDT_TASK_GATE 3u

/* CR_ACCESS_QUAL: Exit qualification for control-register accesses (64 bits; SDM Vol. 3C Table 28-3) */
#define XVCPU_CR_ACCESS_QUAL_CR_NUMBER_SHIFT 0
#define XVCPU_CR_ACCESS_QUAL_CR_NUMBER_MASK 0xFull
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_SHIFT 4
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MASK 0x30ull
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_TO_CR 0u
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_FROM_CR 1u
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_CLTS 2u
#define XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_LMSW 3u
#define XVCPU_CR_ACCESS_QUAL_LMSW_MEMORY_SHIFT 6
#define XVCPU_CR_ACCESS_QUAL_LMSW_MEMORY_MASK 0x40ull
#define XVCPU_CR_ACCESS_QUAL_LMSW_MEMORY 0x40ull
#define XVCPU_CR_ACCESS_QUAL_GPR_SHIFT 8
#define XVCPU_CR_ACCESS_QUAL_GPR_MASK 0xF00ull
#define XVCPU_CR_ACCESS_QUAL_LMSW_SOURCE_SHIFT 16
#define XVCPU_CR_ACCESS_QUAL_LMSW_SOURCE_MASK 0xFFFF0000ull

/* MOV_DR_QUAL: Exit qualification for MOV DR (64 bits; SDM Vol. 3C Table 28-4) */
#define XVCPU_MOV_DR_QUAL_DR_NUMBER_SHIFT 0
#define XVCPU_MOV_DR_QUAL_DR_NUMBER_MASK 0x7ull
#define XVCPU_MOV_DR_QUAL_DIRECTION_SHIFT 4
#define XVCPU_MOV_DR_QUAL_DIRECTION_MASK 0x10ull
#define XVCPU_MOV_DR_QUAL_DIRECTION 0x10ull
#define XVCPU_MOV_DR_QUAL_DIRECTION_MOV_TO_DR 0u
#define XVCPU_MOV_DR_QUAL_DIRECTION_MOV_FROM_DR 1u
#define XVCPU_MOV_DR_QUAL_GPR_SHIFT 8
#define XVCPU_MOV_DR_QUAL_GPR_MASK 0xF00ull

/* IO_QUAL: Exit qualification for I/O instructions (also used for I/O SMIs) (64 bits; SDM Vol. 3C Table 28-5) */
#define XVCPU_IO_QUAL_SIZE_SHIFT 0
#define XVCPU_IO_QUAL_SIZE_MASK 0x7ull
#define XVCPU_IO_QUAL_SIZE_BYTES_1 0u
#define XVCPU_IO_QUAL_SIZE_BYTES_2 1u
#define XVCPU_IO_QUAL_SIZE_BYTES_4 3u
#define XVCPU_IO_QUAL_DIRECTION_SHIFT 3
#define XVCPU_IO_QUAL_DIRECTION_MASK 0x8ull
#define XVCPU_IO_QUAL_DIRECTION 0x8ull
#define XVCPU_IO_QUAL_DIRECTION_OUT 0u
#define XVCPU_IO_QUAL_DIRECTION_IN 1u
#define XVCPU_IO_QUAL_STRING_SHIFT 4
#define XVCPU_IO_QUAL_STRING_MASK 0x10ull
#define XVCPU_IO_QUAL_STRING 0x10ull
#define XVCPU_IO_QUAL_REP_SHIFT 5
#define XVCPU_IO_QUAL_REP_MASK 0x20ull
#define XVCPU_IO_QUAL_REP 0x20ull
#define XVCPU_IO_QUAL_OPERAND_ENCODING_SHIFT 6
#define XVCPU_IO_QUAL_OPERAND_ENCODING_MASK 0x40ull
#define XVCPU_IO_QUAL_OPERAND_ENCODING 0x40ull
#define XVCPU_IO_QUAL_OPERAND_ENCODING_DX 0u
#define XVCPU_IO_QUAL_OPERAND_ENCODING_IMMEDIATE 1u
#define XVCPU_IO_QUAL_PORT_SHIFT 16
#define XVCPU_IO_QUAL_PORT_MASK 0xFFFF0000ull

/* APIC_ACCESS_QUAL: Exit qualification for APIC-access VM exits from linear and guest-physical accesses (64 bits; SDM Vol. 3C Table 28-6) */
#define XVCPU_APIC_ACCESS_QUAL_OFFSET_SHIFT 0
#define XVCPU_APIC_ACCESS_QUAL_OFFSET_MASK 0xFFFull
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_SHIFT 12
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_MASK 0xF000ull
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_LINEAR_DATA_READ 0u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_LINEAR_DATA_WRITE 1u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_LINEAR_INSTRUCTION_FETCH 2u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_LINEAR_EVENT_DELIVERY 3u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_LINEAR_MONITORING 4u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_GUEST_PHYSICAL_EVENT_DELIVERY 10u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_GUEST_PHYSICAL_MONITORING_OR_TRACE 11u
#define XVCPU_APIC_ACCESS_QUAL_ACCESS_TYPE_GUEST_PHYSICAL_INSTRUCTION 15u
#define XVCPU_APIC_ACCESS_QUAL_ASYNCHRONOUS_SHIFT 16
#define XVCPU_APIC_ACCESS_QUAL_ASYNCHRONOUS_MASK 0x10000ull
#define XVCPU_APIC_ACCESS_QUAL_ASYNCHRONOUS 0x10000ull

/* EPT_VIOLATION_QUAL: Exit qualification for EPT violations (64 bits; SDM Vol. 3C Table 28-7) */
#define XVCPU_EPT_VIOLATION_QUAL_READ_SHIFT 0
#define XVCPU_EPT_VIOLATION_QUAL_READ_MASK 0x1ull
#define XVCPU_EPT_VIOLATION_QUAL_READ 0x1ull
#define XVCPU_EPT_VIOLATION_QUAL_WRITE_SHIFT 1
#define XVCPU_EPT_VIOLATION_QUAL_WRITE_MASK 0x2ull
#define XVCPU_EPT_VIOLATION_QUAL_WRITE 0x2ull
#define XVCPU_EPT_VIOLATION_QUAL_FETCH_SHIFT 2
#define XVCPU_EPT_VIOLATION_QUAL_FETCH_MASK 0x4ull
#define XVCPU_EPT_VIOLATION_QUAL_FETCH 0x4ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_READABLE_SHIFT 3
#define XVCPU_EPT_VIOLATION_QUAL_EPT_READABLE_MASK 0x8ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_READABLE 0x8ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_WRITABLE_SHIFT 4
#define XVCPU_EPT_VIOLATION_QUAL_EPT_WRITABLE_MASK 0x10ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_WRITABLE 0x10ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_EXECUTABLE_SHIFT 5
#define XVCPU_EPT_VIOLATION_QUAL_EPT_EXECUTABLE_MASK 0x20ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_EXECUTABLE 0x20ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_USER_EXECUTABLE_SHIFT 6
#define XVCPU_EPT_VIOLATION_QUAL_EPT_USER_EXECUTABLE_MASK 0x40ull
#define XVCPU_EPT_VIOLATION_QUAL_EPT_USER_EXECUTABLE 0x40ull
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID_SHIFT 7
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID_MASK 0x80ull
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID 0x80ull
#define XVCPU_EPT_VIOLATION_QUAL_CAUSED_BY_TRANSLATION_SHIFT 8
#define XVCPU_EPT_VIOLATION_QUAL_CAUSED_BY_TRANSLATION_MASK 0x100ull
#define XVCPU_EPT_VIOLATION_QUAL_CAUSED_BY_TRANSLATION 0x100ull
#define XVCPU_EPT_VIOLATION_QUAL_USER_MODE_LINEAR_ADDRESS_SHIFT 9
#define XVCPU_EPT_VIOLATION_QUAL_USER_MODE_LINEAR_ADDRESS_MASK 0x200ull
#define XVCPU_EPT_VIOLATION_QUAL_USER_MODE_LINEAR_ADDRESS 0x200ull
#define XVCPU_EPT_VIOLATION_QUAL_READ_WRITE_PAGE_SHIFT 10
#define XVCPU_EPT_VIOLATION_QUAL_READ_WRITE_PAGE_MASK 0x400ull
#define XVCPU_EPT_VIOLATION_QUAL_READ_WRITE_PAGE 0x400ull
#define XVCPU_EPT_VIOLATION_QUAL_EXECUTE_DISABLE_PAGE_SHIFT 11
#define XVCPU_EPT_VIOLATION_QUAL_EXECUTE_DISABLE_PAGE_MASK 0x800ull
#define XVCPU_EPT_VIOLATION_QUAL_EXECUTE_DISABLE_PAGE 0x800ull
#define XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_SHIFT 12
#define XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_MASK 0x1000ull
#define XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET 0x1000ull
#define XVCPU_EPT_VIOLATION_QUAL_SHADOW_STACK_ACCESS_SHIFT 13
#define XVCPU_EPT_VIOLATION_QUAL_SHADOW_STACK_ACCESS_MASK 0x2000ull
#define XVCPU_EPT_VIOLATION_QUAL_SHADOW_STACK_ACCESS 0x2000ull
#define XVCPU_EPT_VIOLATION_QUAL_SUPERVISOR_SHADOW_STACK_SHIFT 14
#define XVCPU_EPT_VIOLATION_QUAL_SUPERVISOR_SHADOW_STACK_MASK 0x4000ull
#define XVCPU_EPT_VIOLATION_QUAL_SUPERVISOR_SHADOW_STACK 0x4000ull
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_PAGING_VERIFICATION_SHIFT 15
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_PAGING_VERIFICATION_MASK 0x8000ull
#define XVCPU_EPT_VIOLATION_QUAL_GUEST_PAGING_VERIFICATION 0x8000ull
#define XVCPU_EPT_VIOLATION_QUAL_ASYNCHRONOUS_SHIFT 16
#define XVCPU_EPT_VIOLATION_QUAL_ASYNCHRONOUS_MASK 0x10000ull
#define XVCPU_EPT_VIOLATION_QUAL_ASYNCHRONOUS 0x10000ull

/* SIPI_QUAL: Exit qualification for start-up IPIs (exit reason 4) (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_SIPI_QUAL_VECTOR_SHIFT 0
#define XVCPU_SIPI_QUAL_VECTOR_MASK 0xFFull

/* MWAIT_QUAL: Exit qualification for MWAIT (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_MWAIT_QUAL_MONITOR_ARMED_SHIFT 0
#define XVCPU_MWAIT_QUAL_MONITOR_ARMED_MASK 0x1ull
#define XVCPU_MWAIT_QUAL_MONITOR_ARMED 0x1ull

/* VIRTUALIZED_EOI_QUAL: Exit qualification for EOI-induced VM exits (exit reason 45) (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_VIRTUALIZED_EOI_QUAL_VECTOR_SHIFT 0
#define XVCPU_VIRTUALIZED_EOI_QUAL_VECTOR_MASK 0xFFull

/* APIC_WRITE_QUAL: Exit qualification for APIC-write VM exits (exit reason 56) (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_APIC_WRITE_QUAL_OFFSET_SHIFT 0
#define XVCPU_APIC_WRITE_QUAL_OFFSET_MASK 0xFFFull

/* PML_FULL_QUAL: Exit qualification for page-modification-log-full VM exits (exit reason 62) (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_PML_FULL_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_SHIFT 12
#define XVCPU_PML_FULL_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_MASK 0x1000ull
#define XVCPU_PML_FULL_QUAL_NMI_UNBLOCKING_DUE_TO_IRET 0x1000ull

/* INSTRUCTION_TIMEOUT_QUAL: Exit qualification for instruction-timeout (notify) VM exits (exit reason 75) (64 bits; SDM Vol. 3C 28.2.1) */
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_VM_CONTEXT_INVALID_SHIFT 0
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_VM_CONTEXT_INVALID_MASK 0x1ull
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_VM_CONTEXT_INVALID 0x1ull
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_SHIFT 12
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_NMI_UNBLOCKING_DUE_TO_IRET_MASK 0x1000ull
#define XVCPU_INSTRUCTION_TIMEOUT_QUAL_NMI_UNBLOCKING_DUE_TO_IRET 0x1000ull

/* EXIT_REASON: Exit-reason field (32 bits; SDM Vol. 3C 25.9.1) */
#define XVCPU_EXIT_REASON_BASIC_SHIFT 0
#define XVCPU_EXIT_REASON_BASIC_MASK 0xFFFFull
#define XVCPU_EXIT_REASON_SHADOW_STACK_PREMATURELY_BUSY_SHIFT 25
#define XVCPU_EXIT_REASON_SHADOW_STACK_PREMATURELY_BUSY_MASK 0x2000000ull
#define XVCPU_EXIT_REASON_SHADOW_STACK_PREMATURELY_BUSY 0x2000000ull
#define XVCPU_EXIT_REASON_BUS_LOCK_DETECTED_SHIFT 26
#define XVCPU_EXIT_REASON_BUS_LOCK_DETECTED_MASK 0x4000000ull
#define XVCPU_EXIT_REASON_BUS_LOCK_DETECTED 0x4000000ull
#define XVCPU_EXIT_REASON_ENCLAVE_MODE_SHIFT 27
#define XVCPU_EXIT_REASON_ENCLAVE_MODE_MASK 0x8000000ull
#define XVCPU_EXIT_REASON_ENCLAVE_MODE 0x8000000ull
#define XVCPU_EXIT_REASON_PENDING_MTF_SHIFT 28
#define XVCPU_EXIT_REASON_PENDING_MTF_MASK 0x10000000ull
#define XVCPU_EXIT_REASON_PENDING_MTF 0x10000000ull
#define XVCPU_EXIT_REASON_FROM_VMX_ROOT_SHIFT 29
#define XVCPU_EXIT_REASON_FROM_VMX_ROOT_MASK 0x20000000ull
#define XVCPU_EXIT_REASON_FROM_VMX_ROOT 0x20000000ull
#define XVCPU_EXIT_REASON_ENTRY_FAILURE_SHIFT 31
#define XVCPU_EXIT_REASON_ENTRY_FAILURE_MASK 0x80000000ull
#define XVCPU_EXIT_REASON_ENTRY_FAILURE 0x80000000ull

/* INTERRUPTION_INFO: VM-exit interruption information, IDT-vectoring information and VM-entry interruption information (shared format; see field titles for the differences) (32 bits; SDM Vol. 3C 25.8.3, 25.9.2, 25.9.3) */
#define XVCPU_INTERRUPTION_INFO_VECTOR_SHIFT 0
#define XVCPU_INTERRUPTION_INFO_VECTOR_MASK 0xFFull
#define XVCPU_INTERRUPTION_INFO_TYPE_SHIFT 8
#define XVCPU_INTERRUPTION_INFO_TYPE_MASK 0x700ull
#define XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT 0u
#define XVCPU_INTERRUPTION_INFO_TYPE_NMI 2u
#define XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION 3u
#define XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT 4u
#define XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION 5u
#define XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION 6u
#define XVCPU_INTERRUPTION_INFO_TYPE_OTHER_EVENT 7u
#define XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID_SHIFT 11
#define XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID_MASK 0x800ull
#define XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID 0x800ull
#define XVCPU_INTERRUPTION_INFO_NMI_UNBLOCKING_SHIFT 12
#define XVCPU_INTERRUPTION_INFO_NMI_UNBLOCKING_MASK 0x1000ull
#define XVCPU_INTERRUPTION_INFO_NMI_UNBLOCKING 0x1000ull
#define XVCPU_INTERRUPTION_INFO_NESTED_EXCEPTION_SHIFT 13
#define XVCPU_INTERRUPTION_INFO_NESTED_EXCEPTION_MASK 0x2000ull
#define XVCPU_INTERRUPTION_INFO_NESTED_EXCEPTION 0x2000ull
#define XVCPU_INTERRUPTION_INFO_VALID_SHIFT 31
#define XVCPU_INTERRUPTION_INFO_VALID_MASK 0x80000000ull
#define XVCPU_INTERRUPTION_INFO_VALID 0x80000000ull

/* INTERRUPTIBILITY_STATE: Guest interruptibility state (32 bits; SDM Vol. 3C Table 25-3) */
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI_SHIFT 0
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI_MASK 0x1ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI 0x1ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS_SHIFT 1
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS_MASK 0x2ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS 0x2ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_SMI_SHIFT 2
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_SMI_MASK 0x4ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_SMI 0x4ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI_SHIFT 3
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI_MASK 0x8ull
#define XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI 0x8ull
#define XVCPU_INTERRUPTIBILITY_STATE_ENCLAVE_INTERRUPTION_SHIFT 4
#define XVCPU_INTERRUPTIBILITY_STATE_ENCLAVE_INTERRUPTION_MASK 0x10ull
#define XVCPU_INTERRUPTIBILITY_STATE_ENCLAVE_INTERRUPTION 0x10ull

/* PENDING_DEBUG_EXCEPTIONS: Guest pending debug exceptions (64 bits; SDM Vol. 3C Table 25-4) */
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B0_SHIFT 0
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B0_MASK 0x1ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B0 0x1ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B1_SHIFT 1
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B1_MASK 0x2ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B1 0x2ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B2_SHIFT 2
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B2_MASK 0x4ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B2 0x4ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B3_SHIFT 3
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B3_MASK 0x8ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_B3 0x8ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT_SHIFT 12
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT_MASK 0x1000ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT 0x1000ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_BS_SHIFT 14
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_BS_MASK 0x4000ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_BS 0x4000ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_RTM_SHIFT 16
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_RTM_MASK 0x10000ull
#define XVCPU_PENDING_DEBUG_EXCEPTIONS_RTM 0x10000ull

/* INSN_INFO_INS_OUTS: Instruction information for INS and OUTS (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for INS and OUTS)) */
#define XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_INS_OUTS_SEGMENT_GS 5u

/* INSN_INFO_INVALIDATE: Instruction information for INVEPT, INVPCID and INVVPID (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for INVEPT, INVPCID, and INVVPID)) */
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_SHIFT 0
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_MASK 0x3ull
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_NONE 0u
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_BY_2 1u
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_BY_4 2u
#define XVCPU_INSN_INFO_INVALIDATE_SCALING_BY_8 3u
#define XVCPU_INSN_INFO_INVALIDATE_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_INVALIDATE_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_INVALIDATE_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_INVALIDATE_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_INVALIDATE_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_INVALIDATE_SEGMENT_GS 5u
#define XVCPU_INSN_INFO_INVALIDATE_INDEX_REG_SHIFT 18
#define XVCPU_INSN_INFO_INVALIDATE_INDEX_REG_MASK 0x3C0000ull
#define XVCPU_INSN_INFO_INVALIDATE_INDEX_INVALID_SHIFT 22
#define XVCPU_INSN_INFO_INVALIDATE_INDEX_INVALID_MASK 0x400000ull
#define XVCPU_INSN_INFO_INVALIDATE_INDEX_INVALID 0x400000ull
#define XVCPU_INSN_INFO_INVALIDATE_BASE_REG_SHIFT 23
#define XVCPU_INSN_INFO_INVALIDATE_BASE_REG_MASK 0x7800000ull
#define XVCPU_INSN_INFO_INVALIDATE_BASE_INVALID_SHIFT 27
#define XVCPU_INSN_INFO_INVALIDATE_BASE_INVALID_MASK 0x8000000ull
#define XVCPU_INSN_INFO_INVALIDATE_BASE_INVALID 0x8000000ull
#define XVCPU_INSN_INFO_INVALIDATE_REG2_SHIFT 28
#define XVCPU_INSN_INFO_INVALIDATE_REG2_MASK 0xF0000000ull

/* INSN_INFO_DESC_TABLE: Instruction information for LIDT, LGDT, SIDT and SGDT (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for LIDT, LGDT, SIDT, or SGDT)) */
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_SHIFT 0
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_MASK 0x3ull
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_NONE 0u
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_BY_2 1u
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_BY_4 2u
#define XVCPU_INSN_INFO_DESC_TABLE_SCALING_BY_8 3u
#define XVCPU_INSN_INFO_DESC_TABLE_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_DESC_TABLE_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_DESC_TABLE_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_DESC_TABLE_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_DESC_TABLE_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_DESC_TABLE_OPERAND_SIZE_SHIFT 11
#define XVCPU_INSN_INFO_DESC_TABLE_OPERAND_SIZE_MASK 0x800ull
#define XVCPU_INSN_INFO_DESC_TABLE_OPERAND_SIZE 0x800ull
#define XVCPU_INSN_INFO_DESC_TABLE_OPERAND_SIZE_SIZE16 0u
#define XVCPU_INSN_INFO_DESC_TABLE_OPERAND_SIZE_SIZE32 1u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_DESC_TABLE_SEGMENT_GS 5u
#define XVCPU_INSN_INFO_DESC_TABLE_INDEX_REG_SHIFT 18
#define XVCPU_INSN_INFO_DESC_TABLE_INDEX_REG_MASK 0x3C0000ull
#define XVCPU_INSN_INFO_DESC_TABLE_INDEX_INVALID_SHIFT 22
#define XVCPU_INSN_INFO_DESC_TABLE_INDEX_INVALID_MASK 0x400000ull
#define XVCPU_INSN_INFO_DESC_TABLE_INDEX_INVALID 0x400000ull
#define XVCPU_INSN_INFO_DESC_TABLE_BASE_REG_SHIFT 23
#define XVCPU_INSN_INFO_DESC_TABLE_BASE_REG_MASK 0x7800000ull
#define XVCPU_INSN_INFO_DESC_TABLE_BASE_INVALID_SHIFT 27
#define XVCPU_INSN_INFO_DESC_TABLE_BASE_INVALID_MASK 0x8000000ull
#define XVCPU_INSN_INFO_DESC_TABLE_BASE_INVALID 0x8000000ull
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_SHIFT 28
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_MASK 0x30000000ull
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_SGDT 0u
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_SIDT 1u
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_LGDT 2u
#define XVCPU_INSN_INFO_DESC_TABLE_INSTRUCTION_LIDT 3u

/* INSN_INFO_LDTR_TR: Instruction information for LLDT, LTR, SLDT and STR (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for LLDT, LTR, SLDT, and STR)) */
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_SHIFT 0
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_MASK 0x3ull
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_NONE 0u
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_BY_2 1u
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_BY_4 2u
#define XVCPU_INSN_INFO_LDTR_TR_SCALING_BY_8 3u
#define XVCPU_INSN_INFO_LDTR_TR_REG1_SHIFT 3
#define XVCPU_INSN_INFO_LDTR_TR_REG1_MASK 0x78ull
#define XVCPU_INSN_INFO_LDTR_TR_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_LDTR_TR_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_LDTR_TR_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_LDTR_TR_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_LDTR_TR_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_LDTR_TR_MEM_REG_SHIFT 10
#define XVCPU_INSN_INFO_LDTR_TR_MEM_REG_MASK 0x400ull
#define XVCPU_INSN_INFO_LDTR_TR_MEM_REG 0x400ull
#define XVCPU_INSN_INFO_LDTR_TR_MEM_REG_MEMORY 0u
#define XVCPU_INSN_INFO_LDTR_TR_MEM_REG_REGISTER 1u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_LDTR_TR_SEGMENT_GS 5u
#define XVCPU_INSN_INFO_LDTR_TR_INDEX_REG_SHIFT 18
#define XVCPU_INSN_INFO_LDTR_TR_INDEX_REG_MASK 0x3C0000ull
#define XVCPU_INSN_INFO_LDTR_TR_INDEX_INVALID_SHIFT 22
#define XVCPU_INSN_INFO_LDTR_TR_INDEX_INVALID_MASK 0x400000ull
#define XVCPU_INSN_INFO_LDTR_TR_INDEX_INVALID 0x400000ull
#define XVCPU_INSN_INFO_LDTR_TR_BASE_REG_SHIFT 23
#define XVCPU_INSN_INFO_LDTR_TR_BASE_REG_MASK 0x7800000ull
#define XVCPU_INSN_INFO_LDTR_TR_BASE_INVALID_SHIFT 27
#define XVCPU_INSN_INFO_LDTR_TR_BASE_INVALID_MASK 0x8000000ull
#define XVCPU_INSN_INFO_LDTR_TR_BASE_INVALID 0x8000000ull
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_SHIFT 28
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_MASK 0x30000000ull
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_SLDT 0u
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_STR 1u
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_LLDT 2u
#define XVCPU_INSN_INFO_LDTR_TR_INSTRUCTION_LTR 3u

/* INSN_INFO_RDRAND: Instruction information for RDRAND, RDSEED, TPAUSE and UMWAIT (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for RDRAND, RDSEED, TPAUSE, and UMWAIT)) */
#define XVCPU_INSN_INFO_RDRAND_REG_SHIFT 3
#define XVCPU_INSN_INFO_RDRAND_REG_MASK 0x78ull
#define XVCPU_INSN_INFO_RDRAND_OPERAND_SIZE_SHIFT 11
#define XVCPU_INSN_INFO_RDRAND_OPERAND_SIZE_MASK 0x1800ull
#define XVCPU_INSN_INFO_RDRAND_OPERAND_SIZE_SIZE16 0u
#define XVCPU_INSN_INFO_RDRAND_OPERAND_SIZE_SIZE32 1u
#define XVCPU_INSN_INFO_RDRAND_OPERAND_SIZE_SIZE64 2u

/* INSN_INFO_VMX_MEM: Instruction information for VMCLEAR, VMPTRLD, VMPTRST, VMXON, XRSTORS and XSAVES (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for VMCLEAR, VMPTRLD, VMPTRST, VMXON, XRSTORS, and XSAVES)) */
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_SHIFT 0
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_MASK 0x3ull
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_NONE 0u
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_BY_2 1u
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_BY_4 2u
#define XVCPU_INSN_INFO_VMX_MEM_SCALING_BY_8 3u
#define XVCPU_INSN_INFO_VMX_MEM_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_VMX_MEM_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_VMX_MEM_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_VMX_MEM_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_VMX_MEM_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_VMX_MEM_SEGMENT_GS 5u
#define XVCPU_INSN_INFO_VMX_MEM_INDEX_REG_SHIFT 18
#define XVCPU_INSN_INFO_VMX_MEM_INDEX_REG_MASK 0x3C0000ull
#define XVCPU_INSN_INFO_VMX_MEM_INDEX_INVALID_SHIFT 22
#define XVCPU_INSN_INFO_VMX_MEM_INDEX_INVALID_MASK 0x400000ull
#define XVCPU_INSN_INFO_VMX_MEM_INDEX_INVALID 0x400000ull
#define XVCPU_INSN_INFO_VMX_MEM_BASE_REG_SHIFT 23
#define XVCPU_INSN_INFO_VMX_MEM_BASE_REG_MASK 0x7800000ull
#define XVCPU_INSN_INFO_VMX_MEM_BASE_INVALID_SHIFT 27
#define XVCPU_INSN_INFO_VMX_MEM_BASE_INVALID_MASK 0x8000000ull
#define XVCPU_INSN_INFO_VMX_MEM_BASE_INVALID 0x8000000ull

/* INSN_INFO_VMREAD_VMWRITE: Instruction information for VMREAD and VMWRITE (32 bits; SDM Vol. 3C 28.2.5 (Format of the VM-Exit Instruction-Information Field as Used for VMREAD and VMWRITE)) */
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_SHIFT 0
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_MASK 0x3ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_NONE 0u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_BY_2 1u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_BY_4 2u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SCALING_BY_8 3u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_REG1_SHIFT 3
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_REG1_MASK 0x78ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_ADDRESS_SIZE_SHIFT 7
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_ADDRESS_SIZE_MASK 0x380ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_ADDRESS_SIZE_ADDR16 0u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_ADDRESS_SIZE_ADDR32 1u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_ADDRESS_SIZE_ADDR64 2u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_MEM_REG_SHIFT 10
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_MEM_REG_MASK 0x400ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_MEM_REG 0x400ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_MEM_REG_MEMORY 0u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_MEM_REG_REGISTER 1u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_SHIFT 15
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_MASK 0x38000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_ES 0u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_CS 1u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_SS 2u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_DS 3u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_FS 4u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_SEGMENT_GS 5u
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_INDEX_REG_SHIFT 18
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_INDEX_REG_MASK 0x3C0000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_INDEX_INVALID_SHIFT 22
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_INDEX_INVALID_MASK 0x400000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_INDEX_INVALID 0x400000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_BASE_REG_SHIFT 23
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_BASE_REG_MASK 0x7800000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_BASE_INVALID_SHIFT 27
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_BASE_INVALID_MASK 0x8000000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_BASE_INVALID 0x8000000ull
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_REG2_SHIFT 28
#define XVCPU_INSN_INFO_VMREAD_VMWRITE_REG2_MASK 0xF0000000ull

/* ACTIVITY_STATE: Guest activity state (SDM Vol. 3C 25.4.2) */
#define XVCPU_ACTIVITY_STATE_ACTIVE 0u
#define XVCPU_ACTIVITY_STATE_HLT 1u
#define XVCPU_ACTIVITY_STATE_SHUTDOWN 2u
#define XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI 3u

/* INVEPT_TYPE: INVEPT type operand (SDM Vol. 2 INVEPT) */
#define XVCPU_INVEPT_TYPE_SINGLE_CONTEXT 1u
#define XVCPU_INVEPT_TYPE_ALL_CONTEXT 2u

/* INVVPID_TYPE: INVVPID type operand (SDM Vol. 2 INVVPID) */
#define XVCPU_INVVPID_TYPE_INDIVIDUAL_ADDRESS 0u
#define XVCPU_INVVPID_TYPE_SINGLE_CONTEXT 1u
#define XVCPU_INVVPID_TYPE_ALL_CONTEXT 2u
#define XVCPU_INVVPID_TYPE_SINGLE_CONTEXT_RETAINING_GLOBALS 3u

/* INVPCID_TYPE: INVPCID type operand (SDM Vol. 2 INVPCID) */
#define XVCPU_INVPCID_TYPE_INDIVIDUAL_ADDRESS 0u
#define XVCPU_INVPCID_TYPE_SINGLE_CONTEXT 1u
#define XVCPU_INVPCID_TYPE_ALL_CONTEXT_INCLUDING_GLOBALS 2u
#define XVCPU_INVPCID_TYPE_ALL_CONTEXT 3u

/* VMX_GPR: General-purpose register encoding in exit qualifications and instruction information (SDM Vol. 3C Table 28-3) */
#define XVCPU_VMX_GPR_RAX 0u
#define XVCPU_VMX_GPR_RCX 1u
#define XVCPU_VMX_GPR_RDX 2u
#define XVCPU_VMX_GPR_RBX 3u
#define XVCPU_VMX_GPR_RSP 4u
#define XVCPU_VMX_GPR_RBP 5u
#define XVCPU_VMX_GPR_RSI 6u
#define XVCPU_VMX_GPR_RDI 7u
#define XVCPU_VMX_GPR_R8 8u
#define XVCPU_VMX_GPR_R9 9u
#define XVCPU_VMX_GPR_R10 10u
#define XVCPU_VMX_GPR_R11 11u
#define XVCPU_VMX_GPR_R12 12u
#define XVCPU_VMX_GPR_R13 13u
#define XVCPU_VMX_GPR_R14 14u
#define XVCPU_VMX_GPR_R15 15u

/* EXCEPTION_VECTOR: Architectural exception vectors (9 and 15 are reserved; 22-31 reserved by Intel) (SDM Vol. 3A Table 6-1) */
#define XVCPU_EXCEPTION_VECTOR_DE 0u
#define XVCPU_EXCEPTION_VECTOR_DB 1u
#define XVCPU_EXCEPTION_VECTOR_NMI 2u
#define XVCPU_EXCEPTION_VECTOR_BP 3u
#define XVCPU_EXCEPTION_VECTOR_OF 4u
#define XVCPU_EXCEPTION_VECTOR_BR 5u
#define XVCPU_EXCEPTION_VECTOR_UD 6u
#define XVCPU_EXCEPTION_VECTOR_NM 7u
#define XVCPU_EXCEPTION_VECTOR_DF 8u
#define XVCPU_EXCEPTION_VECTOR_TS 10u
#define XVCPU_EXCEPTION_VECTOR_NP 11u
#define XVCPU_EXCEPTION_VECTOR_SS 12u
#define XVCPU_EXCEPTION_VECTOR_GP 13u
#define XVCPU_EXCEPTION_VECTOR_PF 14u
#define XVCPU_EXCEPTION_VECTOR_MF 16u
#define XVCPU_EXCEPTION_VECTOR_AC 17u
#define XVCPU_EXCEPTION_VECTOR_MC 18u
#define XVCPU_EXCEPTION_VECTOR_XM 19u
#define XVCPU_EXCEPTION_VECTOR_VE 20u
#define XVCPU_EXCEPTION_VECTOR_CP 21u

/* ENTRY_FAILURE_QUAL: Exit qualification of a VM exit for a failed VM entry (basic reason 33 or 34) (SDM Vol. 3C 27.8) */
#define XVCPU_ENTRY_FAILURE_QUAL_NONE 0u
#define XVCPU_ENTRY_FAILURE_QUAL_PDPTE_LOADING 2u
#define XVCPU_ENTRY_FAILURE_QUAL_NMI_INJECTION 3u
#define XVCPU_ENTRY_FAILURE_QUAL_VMCS_LINK_POINTER 4u

/* SEGMENT_TYPE: Code and data segment types (S=1) the guest-state checks name (SDM Vol. 3A Table 3-1; SDM Vol. 3C 27.3.1.2) */
#define XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED 3u
#define XVCPU_SEGMENT_TYPE_DATA_RW_DOWN_ACCESSED 7u
#define XVCPU_SEGMENT_TYPE_CODE_X_ACCESSED 9u
#define XVCPU_SEGMENT_TYPE_CODE_XR_ACCESSED 11u
#define XVCPU_SEGMENT_TYPE_CODE_XC_ACCESSED 13u
#define XVCPU_SEGMENT_TYPE_CODE_XRC_ACCESSED 15u

/* SYSTEM_SEGMENT_TYPE: System segment types (S=0) the guest-state checks name (SDM Vol. 3A Table 3-2; SDM Vol. 3C 27.3.1.2) */
#define XVCPU_SYSTEM_SEGMENT_TYPE_LDT 2u
#define XVCPU_SYSTEM_SEGMENT_TYPE_TSS16_BUSY 3u
#define XVCPU_SYSTEM_SEGMENT_TYPE_TSS_BUSY 11u

#endif /* XVCPU_GEN_VMX_FORMATS_H */

/* ==== xvcpu/gen/svm_vmcb.h ==== */
/* xvcpu/gen/svm_vmcb.h: generated by codegen/gen.py from spec/svm_vmcb.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_SVM_VMCB_H
#define XVCPU_GEN_SVM_VMCB_H

/* The VMCB as C structs. Every member is naturally aligned and every gap is a declared reserved
 * member, so the layout needs no packing; the assertions below prove each offset and size. */

/* VMCB_SEGMENT (0x10 bytes; APM Vol. 2 Table B-2) */
typedef struct xvcpu_vmcb_segment {
    uint16_t selector; /* 0x000 */
    uint16_t attrib; /* 0x002 */
    uint32_t limit; /* 0x004 */
    uint64_t base; /* 0x008 */
} xvcpu_vmcb_segment;

/* VMCB_CONTROL (0x400 bytes; APM Vol. 2 Table B-1) */
typedef struct xvcpu_vmcb_control {
    uint32_t intercept_cr; /* 0x000 */
    uint32_t intercept_dr; /* 0x004 */
    uint32_t intercept_exceptions; /* 0x008 */
    uint32_t intercept_misc1; /* 0x00C */
    uint32_t intercept_misc2; /* 0x010 */
    uint32_t intercept_misc3; /* 0x014 */
    uint8_t reserved_0x018[36]; /* 0x018 */
    uint16_t pause_filter_threshold; /* 0x03C */
    uint16_t pause_filter_count; /* 0x03E */
    uint64_t iopm_base_pa; /* 0x040 */
    uint64_t msrpm_base_pa; /* 0x048 */
    uint64_t tsc_offset; /* 0x050 */
    uint32_t guest_asid; /* 0x058 */
    uint8_t tlb_control; /* 0x05C */
    uint8_t reserved_0x05d[3]; /* 0x05D */
    uint64_t v_intr; /* 0x060 */
    uint64_t interrupt_shadow; /* 0x068 */
    uint64_t exit_code; /* 0x070 */
    uint64_t exit_info1; /* 0x078 */
    uint64_t exit_info2; /* 0x080 */
    uint64_t exit_int_info; /* 0x088 */
    uint64_t np_control; /* 0x090 */
    uint64_t avic_apic_bar; /* 0x098 */
    uint64_t ghcb_pa; /* 0x0A0 */
    uint64_t event_inj; /* 0x0A8 */
    uint64_t n_cr3; /* 0x0B0 */
    uint64_t virt_ext; /* 0x0B8 */
    uint32_t vmcb_clean; /* 0x0C0 */
    uint8_t reserved_0x0c4[4]; /* 0x0C4 */
    uint64_t next_rip; /* 0x0C8 */
    uint8_t num_bytes_fetched; /* 0x0D0 */
    uint8_t guest_instruction_bytes[15]; /* 0x0D1 */
    uint64_t avic_backing_page; /* 0x0E0 */
    uint8_t reserved_0x0e8[8]; /* 0x0E8 */
    uint64_t avic_logical_table; /* 0x0F0 */
    uint64_t avic_physical_table; /* 0x0F8 */
    uint8_t reserved_0x100[8]; /* 0x100 */
    uint64_t vmsa_pa; /* 0x108 */
    uint64_t vmgexit_rax; /* 0x110 */
    uint8_t vmgexit_cpl; /* 0x118 */
    uint8_t reserved_0x119[7]; /* 0x119 */
    uint16_t bus_lock_threshold_counter; /* 0x120 */
    uint8_t reserved_0x122[22]; /* 0x122 */
    uint64_t allowed_sev_features; /* 0x138 */
    uint64_t guest_sev_features; /* 0x140 */
    uint8_t reserved_0x148[664]; /* 0x148 */
    uint8_t host_use[32]; /* 0x3E0 */
} xvcpu_vmcb_control;

/* VMCB_SAVE (0x7C8 bytes; APM Vol. 2 Table B-2) */
typedef struct xvcpu_vmcb_save {
    xvcpu_vmcb_segment es; /* 0x000 */
    xvcpu_vmcb_segment cs; /* 0x010 */
    xvcpu_vmcb_segment ss; /* 0x020 */
    xvcpu_vmcb_segment ds; /* 0x030 */
    xvcpu_vmcb_segment fs; /* 0x040 */
    xvcpu_vmcb_segment gs; /* 0x050 */
    xvcpu_vmcb_segment gdtr; /* 0x060 */
    xvcpu_vmcb_segment ldtr; /* 0x070 */
    xvcpu_vmcb_segment idtr; /* 0x080 */
    xvcpu_vmcb_segment tr; /* 0x090 */
    uint8_t reserved_0x0a0[43]; /* 0x0A0 */
    uint8_t cpl; /* 0x0CB */
    uint8_t reserved_0x0cc[4]; /* 0x0CC */
    uint64_t efer; /* 0x0D0 */
    uint8_t reserved_0x0d8[112]; /* 0x0D8 */
    uint64_t cr4; /* 0x148 */
    uint64_t cr3; /* 0x150 */
    uint64_t cr0; /* 0x158 */
    uint64_t dr7; /* 0x160 */
    uint64_t dr6; /* 0x168 */
    uint64_t rflags; /* 0x170 */
    uint64_t rip; /* 0x178 */
    uint8_t reserved_0x180[88]; /* 0x180 */
    uint64_t rsp; /* 0x1D8 */
    uint64_t s_cet; /* 0x1E0 */
    uint64_t ssp; /* 0x1E8 */
    uint64_t isst_addr; /* 0x1F0 */
    uint64_t rax; /* 0x1F8 */
    uint64_t star; /* 0x200 */
    uint64_t lstar; /* 0x208 */
    uint64_t cstar; /* 0x210 */
    uint64_t sfmask; /* 0x218 */
    uint64_t kernel_gs_base; /* 0x220 */
    uint64_t sysenter_cs; /* 0x228 */
    uint64_t sysenter_esp; /* 0x230 */
    uint64_t sysenter_eip; /* 0x238 */
    uint64_t cr2; /* 0x240 */
    uint8_t reserved_0x248[32]; /* 0x248 */
    uint64_t g_pat; /* 0x268 */
    uint64_t dbgctl; /* 0x270 */
    uint64_t br_from; /* 0x278 */
    uint64_t br_to; /* 0x280 */
    uint64_t lastexcpfrom; /* 0x288 */
    uint64_t lastexcpto; /* 0x290 */
    uint8_t reserved_0x298[72]; /* 0x298 */
    uint64_t spec_ctrl; /* 0x2E0 */
    uint8_t reserved_0x2e8[1168]; /* 0x2E8 */
    uint64_t ibs_fetch_ctl; /* 0x778 */
    uint64_t ibs_fetch_linaddr; /* 0x780 */
    uint64_t ibs_op_ctl; /* 0x788 */
    uint64_t ibs_op_rip; /* 0x790 */
    uint64_t ibs_op_data; /* 0x798 */
    uint64_t ibs_op_data2; /* 0x7A0 */
    uint64_t ibs_op_data3; /* 0x7A8 */
    uint64_t ibs_dc_linaddr; /* 0x7B0 */
    uint64_t ibs_br_target; /* 0x7B8 */
    uint64_t ibs_fetch_extd_ctl; /* 0x7C0 */
} xvcpu_vmcb_save;

/* VMCB (0x1000 bytes; APM Vol. 2 Appendix B) */
typedef struct xvcpu_vmcb {
    xvcpu_vmcb_control control; /* 0x000 */
    xvcpu_vmcb_save save; /* 0x400 */
    uint8_t reserved_0xbc8[1080]; /* 0xBC8 */
} xvcpu_vmcb;

/* Every named xvcpu_vmcb_segment member, for dumps and logs: X(member, offset, KIND) where KIND is
 * U8, U16, U32, U64 or SEGMENT (reserved members and arrays are left out). */
#define XVCPU_VMCB_SEGMENT_FIELDS(X) \
    X(selector, 0x000, U16) \
    X(attrib, 0x002, U16) \
    X(limit, 0x004, U32) \
    X(base, 0x008, U64)

/* Every named xvcpu_vmcb_control member, for dumps and logs: X(member, offset, KIND) where KIND is
 * U8, U16, U32, U64 or SEGMENT (reserved members and arrays are left out). */
#define XVCPU_VMCB_CONTROL_FIELDS(X) \
    X(intercept_cr, 0x000, U32) \
    X(intercept_dr, 0x004, U32) \
    X(intercept_exceptions, 0x008, U32) \
    X(intercept_misc1, 0x00C, U32) \
    X(intercept_misc2, 0x010, U32) \
    X(intercept_misc3, 0x014, U32) \
    X(pause_filter_threshold, 0x03C, U16) \
    X(pause_filter_count, 0x03E, U16) \
    X(iopm_base_pa, 0x040, U64) \
    X(msrpm_base_pa, 0x048, U64) \
    X(tsc_offset, 0x050, U64) \
    X(guest_asid, 0x058, U32) \
    X(tlb_control, 0x05C, U8) \
    X(v_intr, 0x060, U64) \
    X(interrupt_shadow, 0x068, U64) \
    X(exit_code, 0x070, U64) \
    X(exit_info1, 0x078, U64) \
    X(exit_info2, 0x080, U64) \
    X(exit_int_info, 0x088, U64) \
    X(np_control, 0x090, U64) \
    X(avic_apic_bar, 0x098, U64) \
    X(ghcb_pa, 0x0A0, U64) \
    X(event_inj, 0x0A8, U64) \
    X(n_cr3, 0x0B0, U64) \
    X(virt_ext, 0x0B8, U64) \
    X(vmcb_clean, 0x0C0, U32) \
    X(next_rip, 0x0C8, U64) \
    X(num_bytes_fetched, 0x0D0, U8) \
    X(avic_backing_page, 0x0E0, U64) \
    X(avic_logical_table, 0x0F0, U64) \
    X(avic_physical_table, 0x0F8, U64) \
    X(vmsa_pa, 0x108, U64) \
    X(vmgexit_rax, 0x110, U64) \
    X(vmgexit_cpl, 0x118, U8) \
    X(bus_lock_threshold_counter, 0x120, U16) \
    X(allowed_sev_features, 0x138, U64) \
    X(guest_sev_features, 0x140, U64)

/* Every named xvcpu_vmcb_save member, for dumps and logs: X(member, offset, KIND) where KIND is
 * U8, U16, U32, U64 or SEGMENT (reserved members and arrays are left out). */
#define XVCPU_VMCB_SAVE_FIELDS(X) \
    X(es, 0x000, SEGMENT) \
    X(cs, 0x010, SEGMENT) \
    X(ss, 0x020, SEGMENT) \
    X(ds, 0x030, SEGMENT) \
    X(fs, 0x040, SEGMENT) \
    X(gs, 0x050, SEGMENT) \
    X(gdtr, 0x060, SEGMENT) \
    X(ldtr, 0x070, SEGMENT) \
    X(idtr, 0x080, SEGMENT) \
    X(tr, 0x090, SEGMENT) \
    X(cpl, 0x0CB, U8) \
    X(efer, 0x0D0, U64) \
    X(cr4, 0x148, U64) \
    X(cr3, 0x150, U64) \
    X(cr0, 0x158, U64) \
    X(dr7, 0x160, U64) \
    X(dr6, 0x168, U64) \
    X(rflags, 0x170, U64) \
    X(rip, 0x178, U64) \
    X(rsp, 0x1D8, U64) \
    X(s_cet, 0x1E0, U64) \
    X(ssp, 0x1E8, U64) \
    X(isst_addr, 0x1F0, U64) \
    X(rax, 0x1F8, U64) \
    X(star, 0x200, U64) \
    X(lstar, 0x208, U64) \
    X(cstar, 0x210, U64) \
    X(sfmask, 0x218, U64) \
    X(kernel_gs_base, 0x220, U64) \
    X(sysenter_cs, 0x228, U64) \
    X(sysenter_esp, 0x230, U64) \
    X(sysenter_eip, 0x238, U64) \
    X(cr2, 0x240, U64) \
    X(g_pat, 0x268, U64) \
    X(dbgctl, 0x270, U64) \
    X(br_from, 0x278, U64) \
    X(br_to, 0x280, U64) \
    X(lastexcpfrom, 0x288, U64) \
    X(lastexcpto, 0x290, U64) \
    X(spec_ctrl, 0x2E0, U64) \
    X(ibs_fetch_ctl, 0x778, U64) \
    X(ibs_fetch_linaddr, 0x780, U64) \
    X(ibs_op_ctl, 0x788, U64) \
    X(ibs_op_rip, 0x790, U64) \
    X(ibs_op_data, 0x798, U64) \
    X(ibs_op_data2, 0x7A0, U64) \
    X(ibs_op_data3, 0x7A8, U64) \
    X(ibs_dc_linaddr, 0x7B0, U64) \
    X(ibs_br_target, 0x7B8, U64) \
    X(ibs_fetch_extd_ctl, 0x7C0, U64)

XVCPU_STATIC_ASSERT(sizeof(xvcpu_vmcb_segment) == 0x10, xvcpu_vmcb_segment_size);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_segment, selector) == 0x0, xvcpu_vmcb_segment_selector_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_segment, attrib) == 0x2, xvcpu_vmcb_segment_attrib_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_segment, limit) == 0x4, xvcpu_vmcb_segment_limit_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_segment, base) == 0x8, xvcpu_vmcb_segment_base_offset);

XVCPU_STATIC_ASSERT(sizeof(xvcpu_vmcb_control) == 0x400, xvcpu_vmcb_control_size);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_cr) == 0x0, xvcpu_vmcb_control_intercept_cr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_dr) == 0x4, xvcpu_vmcb_control_intercept_dr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_exceptions) == 0x8, xvcpu_vmcb_control_intercept_exceptions_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_misc1) == 0xC, xvcpu_vmcb_control_intercept_misc1_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_misc2) == 0x10, xvcpu_vmcb_control_intercept_misc2_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, intercept_misc3) == 0x14, xvcpu_vmcb_control_intercept_misc3_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x018) == 0x18, xvcpu_vmcb_control_reserved_0x018_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, pause_filter_threshold) == 0x3C, xvcpu_vmcb_control_pause_filter_threshold_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, pause_filter_count) == 0x3E, xvcpu_vmcb_control_pause_filter_count_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, iopm_base_pa) == 0x40, xvcpu_vmcb_control_iopm_base_pa_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, msrpm_base_pa) == 0x48, xvcpu_vmcb_control_msrpm_base_pa_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, tsc_offset) == 0x50, xvcpu_vmcb_control_tsc_offset_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, guest_asid) == 0x58, xvcpu_vmcb_control_guest_asid_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, tlb_control) == 0x5C, xvcpu_vmcb_control_tlb_control_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x05d) == 0x5D, xvcpu_vmcb_control_reserved_0x05d_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, v_intr) == 0x60, xvcpu_vmcb_control_v_intr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, interrupt_shadow) == 0x68, xvcpu_vmcb_control_interrupt_shadow_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, exit_code) == 0x70, xvcpu_vmcb_control_exit_code_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, exit_info1) == 0x78, xvcpu_vmcb_control_exit_info1_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, exit_info2) == 0x80, xvcpu_vmcb_control_exit_info2_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, exit_int_info) == 0x88, xvcpu_vmcb_control_exit_int_info_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, np_control) == 0x90, xvcpu_vmcb_control_np_control_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, avic_apic_bar) == 0x98, xvcpu_vmcb_control_avic_apic_bar_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, ghcb_pa) == 0xA0, xvcpu_vmcb_control_ghcb_pa_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, event_inj) == 0xA8, xvcpu_vmcb_control_event_inj_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, n_cr3) == 0xB0, xvcpu_vmcb_control_n_cr3_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, virt_ext) == 0xB8, xvcpu_vmcb_control_virt_ext_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, vmcb_clean) == 0xC0, xvcpu_vmcb_control_vmcb_clean_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x0c4) == 0xC4, xvcpu_vmcb_control_reserved_0x0c4_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, next_rip) == 0xC8, xvcpu_vmcb_control_next_rip_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, num_bytes_fetched) == 0xD0, xvcpu_vmcb_control_num_bytes_fetched_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, guest_instruction_bytes) == 0xD1, xvcpu_vmcb_control_guest_instruction_bytes_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, avic_backing_page) == 0xE0, xvcpu_vmcb_control_avic_backing_page_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x0e8) == 0xE8, xvcpu_vmcb_control_reserved_0x0e8_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, avic_logical_table) == 0xF0, xvcpu_vmcb_control_avic_logical_table_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, avic_physical_table) == 0xF8, xvcpu_vmcb_control_avic_physical_table_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x100) == 0x100, xvcpu_vmcb_control_reserved_0x100_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, vmsa_pa) == 0x108, xvcpu_vmcb_control_vmsa_pa_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, vmgexit_rax) == 0x110, xvcpu_vmcb_control_vmgexit_rax_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, vmgexit_cpl) == 0x118, xvcpu_vmcb_control_vmgexit_cpl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x119) == 0x119, xvcpu_vmcb_control_reserved_0x119_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, bus_lock_threshold_counter) == 0x120, xvcpu_vmcb_control_bus_lock_threshold_counter_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x122) == 0x122, xvcpu_vmcb_control_reserved_0x122_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, allowed_sev_features) == 0x138, xvcpu_vmcb_control_allowed_sev_features_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, guest_sev_features) == 0x140, xvcpu_vmcb_control_guest_sev_features_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, reserved_0x148) == 0x148, xvcpu_vmcb_control_reserved_0x148_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_control, host_use) == 0x3E0, xvcpu_vmcb_control_host_use_offset);

XVCPU_STATIC_ASSERT(sizeof(xvcpu_vmcb_save) == 0x7C8, xvcpu_vmcb_save_size);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, es) == 0x0, xvcpu_vmcb_save_es_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cs) == 0x10, xvcpu_vmcb_save_cs_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ss) == 0x20, xvcpu_vmcb_save_ss_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ds) == 0x30, xvcpu_vmcb_save_ds_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, fs) == 0x40, xvcpu_vmcb_save_fs_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, gs) == 0x50, xvcpu_vmcb_save_gs_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, gdtr) == 0x60, xvcpu_vmcb_save_gdtr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ldtr) == 0x70, xvcpu_vmcb_save_ldtr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, idtr) == 0x80, xvcpu_vmcb_save_idtr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, tr) == 0x90, xvcpu_vmcb_save_tr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x0a0) == 0xA0, xvcpu_vmcb_save_reserved_0x0a0_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cpl) == 0xCB, xvcpu_vmcb_save_cpl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x0cc) == 0xCC, xvcpu_vmcb_save_reserved_0x0cc_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, efer) == 0xD0, xvcpu_vmcb_save_efer_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x0d8) == 0xD8, xvcpu_vmcb_save_reserved_0x0d8_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cr4) == 0x148, xvcpu_vmcb_save_cr4_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cr3) == 0x150, xvcpu_vmcb_save_cr3_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cr0) == 0x158, xvcpu_vmcb_save_cr0_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, dr7) == 0x160, xvcpu_vmcb_save_dr7_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, dr6) == 0x168, xvcpu_vmcb_save_dr6_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, rflags) == 0x170, xvcpu_vmcb_save_rflags_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, rip) == 0x178, xvcpu_vmcb_save_rip_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x180) == 0x180, xvcpu_vmcb_save_reserved_0x180_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, rsp) == 0x1D8, xvcpu_vmcb_save_rsp_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, s_cet) == 0x1E0, xvcpu_vmcb_save_s_cet_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ssp) == 0x1E8, xvcpu_vmcb_save_ssp_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, isst_addr) == 0x1F0, xvcpu_vmcb_save_isst_addr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, rax) == 0x1F8, xvcpu_vmcb_save_rax_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, star) == 0x200, xvcpu_vmcb_save_star_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, lstar) == 0x208, xvcpu_vmcb_save_lstar_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cstar) == 0x210, xvcpu_vmcb_save_cstar_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, sfmask) == 0x218, xvcpu_vmcb_save_sfmask_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, kernel_gs_base) == 0x220, xvcpu_vmcb_save_kernel_gs_base_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, sysenter_cs) == 0x228, xvcpu_vmcb_save_sysenter_cs_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, sysenter_esp) == 0x230, xvcpu_vmcb_save_sysenter_esp_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, sysenter_eip) == 0x238, xvcpu_vmcb_save_sysenter_eip_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, cr2) == 0x240, xvcpu_vmcb_save_cr2_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x248) == 0x248, xvcpu_vmcb_save_reserved_0x248_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, g_pat) == 0x268, xvcpu_vmcb_save_g_pat_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, dbgctl) == 0x270, xvcpu_vmcb_save_dbgctl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, br_from) == 0x278, xvcpu_vmcb_save_br_from_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, br_to) == 0x280, xvcpu_vmcb_save_br_to_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, lastexcpfrom) == 0x288, xvcpu_vmcb_save_lastexcpfrom_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, lastexcpto) == 0x290, xvcpu_vmcb_save_lastexcpto_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x298) == 0x298, xvcpu_vmcb_save_reserved_0x298_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, spec_ctrl) == 0x2E0, xvcpu_vmcb_save_spec_ctrl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, reserved_0x2e8) == 0x2E8, xvcpu_vmcb_save_reserved_0x2e8_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_fetch_ctl) == 0x778, xvcpu_vmcb_save_ibs_fetch_ctl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_fetch_linaddr) == 0x780, xvcpu_vmcb_save_ibs_fetch_linaddr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_op_ctl) == 0x788, xvcpu_vmcb_save_ibs_op_ctl_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_op_rip) == 0x790, xvcpu_vmcb_save_ibs_op_rip_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_op_data) == 0x798, xvcpu_vmcb_save_ibs_op_data_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_op_data2) == 0x7A0, xvcpu_vmcb_save_ibs_op_data2_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_op_data3) == 0x7A8, xvcpu_vmcb_save_ibs_op_data3_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_dc_linaddr) == 0x7B0, xvcpu_vmcb_save_ibs_dc_linaddr_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_br_target) == 0x7B8, xvcpu_vmcb_save_ibs_br_target_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb_save, ibs_fetch_extd_ctl) == 0x7C0, xvcpu_vmcb_save_ibs_fetch_extd_ctl_offset);

XVCPU_STATIC_ASSERT(sizeof(xvcpu_vmcb) == 0x1000, xvcpu_vmcb_size);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb, control) == 0x0, xvcpu_vmcb_control_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb, save) == 0x400, xvcpu_vmcb_save_offset);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_vmcb, reserved_0xbc8) == 0xBC8, xvcpu_vmcb_reserved_0xbc8_offset);

#endif /* XVCPU_GEN_SVM_VMCB_H */

/* ==== xvcpu/gen/svm_exits.h ==== */
/* xvcpu/gen/svm_exits.h: generated by codegen/gen.py from spec/svm_exits.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_SVM_EXITS_H
#define XVCPU_GEN_SVM_EXITS_H

/* SVM exit codes (VMCB EXITCODE, 64 bits) */
#define XVCPU_SVM_EXIT_CR0_READ 0x0ull
#define XVCPU_SVM_EXIT_CR1_READ 0x1ull
#define XVCPU_SVM_EXIT_CR2_READ 0x2ull
#define XVCPU_SVM_EXIT_CR3_READ 0x3ull
#define XVCPU_SVM_EXIT_CR4_READ 0x4ull
#define XVCPU_SVM_EXIT_CR5_READ 0x5ull
#define XVCPU_SVM_EXIT_CR6_READ 0x6ull
#define XVCPU_SVM_EXIT_CR7_READ 0x7ull
#define XVCPU_SVM_EXIT_CR8_READ 0x8ull
#define XVCPU_SVM_EXIT_CR9_READ 0x9ull
#define XVCPU_SVM_EXIT_CR10_READ 0xAull
#define XVCPU_SVM_EXIT_CR11_READ 0xBull
#define XVCPU_SVM_EXIT_CR12_READ 0xCull
#define XVCPU_SVM_EXIT_CR13_READ 0xDull
#define XVCPU_SVM_EXIT_CR14_READ 0xEull
#define XVCPU_SVM_EXIT_CR15_READ 0xFull
#define XVCPU_SVM_EXIT_CR0_WRITE 0x10ull
#define XVCPU_SVM_EXIT_CR1_WRITE 0x11ull
#define XVCPU_SVM_EXIT_CR2_WRITE 0x12ull
#define XVCPU_SVM_EXIT_CR3_WRITE 0x13ull
#define XVCPU_SVM_EXIT_CR4_WRITE 0x14ull
#define XVCPU_SVM_EXIT_CR5_WRITE 0x15ull
#define XVCPU_SVM_EXIT_CR6_WRITE 0x16ull
#define XVCPU_SVM_EXIT_CR7_WRITE 0x17ull
#define XVCPU_SVM_EXIT_CR8_WRITE 0x18ull
#define XVCPU_SVM_EXIT_CR9_WRITE 0x19ull
#define XVCPU_SVM_EXIT_CR10_WRITE 0x1Aull
#define XVCPU_SVM_EXIT_CR11_WRITE 0x1Bull
#define XVCPU_SVM_EXIT_CR12_WRITE 0x1Cull
#define XVCPU_SVM_EXIT_CR13_WRITE 0x1Dull
#define XVCPU_SVM_EXIT_CR14_WRITE 0x1Eull
#define XVCPU_SVM_EXIT_CR15_WRITE 0x1Full
#define XVCPU_SVM_EXIT_DR0_READ 0x20ull
#define XVCPU_SVM_EXIT_DR1_READ 0x21ull
#define XVCPU_SVM_EXIT_DR2_READ 0x22ull
#define XVCPU_SVM_EXIT_DR3_READ 0x23ull
#define XVCPU_SVM_EXIT_DR4_READ 0x24ull
#define XVCPU_SVM_EXIT_DR5_READ 0x25ull
#define XVCPU_SVM_EXIT_DR6_READ 0x26ull
#define XVCPU_SVM_EXIT_DR7_READ 0x27ull
#define XVCPU_SVM_EXIT_DR8_READ 0x28ull
#define XVCPU_SVM_EXIT_DR9_READ 0x29ull
#define XVCPU_SVM_EXIT_DR10_READ 0x2Aull
#define XVCPU_SVM_EXIT_DR11_READ 0x2Bull
#define XVCPU_SVM_EXIT_DR12_READ 0x2Cull
#define XVCPU_SVM_EXIT_DR13_READ 0x2Dull
#define XVCPU_SVM_EXIT_DR14_READ 0x2Eull
#define XVCPU_SVM_EXIT_DR15_READ 0x2Full
#define XVCPU_SVM_EXIT_DR0_WRITE 0x30ull
#define XVCPU_SVM_EXIT_DR1_WRITE 0x31ull
#define XVCPU_SVM_EXIT_DR2_WRITE 0x32ull
#define XVCPU_SVM_EXIT_DR3_WRITE 0x33ull
#define XVCPU_SVM_EXIT_DR4_WRITE 0x34ull
#define XVCPU_SVM_EXIT_DR5_WRITE 0x35ull
#define XVCPU_SVM_EXIT_DR6_WRITE 0x36ull
#define XVCPU_SVM_EXIT_DR7_WRITE 0x37ull
#define XVCPU_SVM_EXIT_DR8_WRITE 0x38ull
#define XVCPU_SVM_EXIT_DR9_WRITE 0x39ull
#define XVCPU_SVM_EXIT_DR10_WRITE 0x3Aull
#define XVCPU_SVM_EXIT_DR11_WRITE 0x3Bull
#define XVCPU_SVM_EXIT_DR12_WRITE 0x3Cull
#define XVCPU_SVM_EXIT_DR13_WRITE 0x3Dull
#define XVCPU_SVM_EXIT_DR14_WRITE 0x3Eull
#define XVCPU_SVM_EXIT_DR15_WRITE 0x3Full
#define XVCPU_SVM_EXIT_EXCP0 0x40ull
#define XVCPU_SVM_EXIT_EXCP1 0x41ull
#define XVCPU_SVM_EXIT_EXCP2 0x42ull
#define XVCPU_SVM_EXIT_EXCP3 0x43ull
#define XVCPU_SVM_EXIT_EXCP4 0x44ull
#define XVCPU_SVM_EXIT_EXCP5 0x45ull
#define XVCPU_SVM_EXIT_EXCP6 0x46ull
#define XVCPU_SVM_EXIT_EXCP7 0x47ull
#define XVCPU_SVM_EXIT_EXCP8 0x48ull
#define XVCPU_SVM_EXIT_EXCP9 0x49ull
#define XVCPU_SVM_EXIT_EXCP10 0x4Aull
#define XVCPU_SVM_EXIT_EXCP11 0x4Bull
#define XVCPU_SVM_EXIT_EXCP12 0x4Cull
#define XVCPU_SVM_EXIT_EXCP13 0x4Dull
#define XVCPU_SVM_EXIT_EXCP14 0x4Eull
#define XVCPU_SVM_EXIT_EXCP15 0x4Full
#define XVCPU_SVM_EXIT_EXCP16 0x50ull
#define XVCPU_SVM_EXIT_EXCP17 0x51ull
#define XVCPU_SVM_EXIT_EXCP18 0x52ull
#define XVCPU_SVM_EXIT_EXCP19 0x53ull
#define XVCPU_SVM_EXIT_EXCP20 0x54ull
#define XVCPU_SVM_EXIT_EXCP21 0x55ull
#define XVCPU_SVM_EXIT_EXCP22 0x56ull
#define XVCPU_SVM_EXIT_EXCP23 0x57ull
#define XVCPU_SVM_EXIT_EXCP24 0x58ull
#define XVCPU_SVM_EXIT_EXCP25 0x59ull
#define XVCPU_SVM_EXIT_EXCP26 0x5Aull
#define XVCPU_SVM_EXIT_EXCP27 0x5Bull
#define XVCPU_SVM_EXIT_EXCP28 0x5Cull
#define XVCPU_SVM_EXIT_EXCP29 0x5Dull
#define XVCPU_SVM_EXIT_EXCP30 0x5Eull
#define XVCPU_SVM_EXIT_EXCP31 0x5Full
#define XVCPU_SVM_EXIT_INTR 0x60ull
#define XVCPU_SVM_EXIT_NMI 0x61ull
#define XVCPU_SVM_EXIT_SMI 0x62ull
#define XVCPU_SVM_EXIT_INIT 0x63ull
#define XVCPU_SVM_EXIT_VINTR 0x64ull
#define XVCPU_SVM_EXIT_CR0_SEL_WRITE 0x65ull
#define XVCPU_SVM_EXIT_IDTR_READ 0x66ull
#define XVCPU_SVM_EXIT_GDTR_READ 0x67ull
#define XVCPU_SVM_EXIT_LDTR_READ 0x68ull
#define XVCPU_SVM_EXIT_TR_READ 0x69ull
#define XVCPU_SVM_EXIT_IDTR_WRITE 0x6Aull
#define XVCPU_SVM_EXIT_GDTR_WRITE 0x6Bull
#define XVCPU_SVM_EXIT_LDTR_WRITE 0x6Cull
#define XVCPU_SVM_EXIT_TR_WRITE 0x6Dull
#define XVCPU_SVM_EXIT_RDTSC 0x6Eull
#define XVCPU_SVM_EXIT_RDPMC 0x6Full
#define XVCPU_SVM_EXIT_PUSHF 0x70ull
#define XVCPU_SVM_EXIT_POPF 0x71ull
#define XVCPU_SVM_EXIT_CPUID 0x72ull
#define XVCPU_SVM_EXIT_RSM 0x73ull
#define XVCPU_SVM_EXIT_IRET 0x74ull
#define XVCPU_SVM_EXIT_SWINT 0x75ull
#define XVCPU_SVM_EXIT_INVD 0x76ull
#define XVCPU_SVM_EXIT_PAUSE 0x77ull
#define XVCPU_SVM_EXIT_HLT 0x78ull
#define XVCPU_SVM_EXIT_INVLPG 0x79ull
#define XVCPU_SVM_EXIT_INVLPGA 0x7Aull
#define XVCPU_SVM_EXIT_IOIO 0x7Bull
#define XVCPU_SVM_EXIT_MSR 0x7Cull
#define XVCPU_SVM_EXIT_TASK_SWITCH 0x7Dull
#define XVCPU_SVM_EXIT_FERR_FREEZE 0x7Eull
#define XVCPU_SVM_EXIT_SHUTDOWN 0x7Full
#define XVCPU_SVM_EXIT_VMRUN 0x80ull
#define XVCPU_SVM_EXIT_VMMCALL 0x81ull
#define XVCPU_SVM_EXIT_VMLOAD 0x82ull
#define XVCPU_SVM_EXIT_VMSAVE 0x83ull
#define XVCPU_SVM_EXIT_STGI 0x84ull
#define XVCPU_SVM_EXIT_CLGI 0x85ull
#define XVCPU_SVM_EXIT_SKINIT 0x86ull
#define XVCPU_SVM_EXIT_RDTSCP 0x87ull
#define XVCPU_SVM_EXIT_ICEBP 0x88ull
#define XVCPU_SVM_EXIT_WBINVD 0x89ull
#define XVCPU_SVM_EXIT_MONITOR 0x8Aull
#define XVCPU_SVM_EXIT_MWAIT 0x8Bull
#define XVCPU_SVM_EXIT_MWAIT_CONDITIONAL 0x8Cull
#define XVCPU_SVM_EXIT_XSETBV 0x8Dull
#define XVCPU_SVM_EXIT_RDPRU 0x8Eull
#define XVCPU_SVM_EXIT_EFER_WRITE_TRAP 0x8Full
#define XVCPU_SVM_EXIT_CR0_WRITE_TRAP 0x90ull
#define XVCPU_SVM_EXIT_CR1_WRITE_TRAP 0x91ull
#define XVCPU_SVM_EXIT_CR2_WRITE_TRAP 0x92ull
#define XVCPU_SVM_EXIT_CR3_WRITE_TRAP 0x93ull
#define XVCPU_SVM_EXIT_CR4_WRITE_TRAP 0x94ull
#define XVCPU_SVM_EXIT_CR5_WRITE_TRAP 0x95ull
#define XVCPU_SVM_EXIT_CR6_WRITE_TRAP 0x96ull
#define XVCPU_SVM_EXIT_CR7_WRITE_TRAP 0x97ull
#define XVCPU_SVM_EXIT_CR8_WRITE_TRAP 0x98ull
#define XVCPU_SVM_EXIT_CR9_WRITE_TRAP 0x99ull
#define XVCPU_SVM_EXIT_CR10_WRITE_TRAP 0x9Aull
#define XVCPU_SVM_EXIT_CR11_WRITE_TRAP 0x9Bull
#define XVCPU_SVM_EXIT_CR12_WRITE_TRAP 0x9Cull
#define XVCPU_SVM_EXIT_CR13_WRITE_TRAP 0x9Dull
#define XVCPU_SVM_EXIT_CR14_WRITE_TRAP 0x9Eull
#define XVCPU_SVM_EXIT_CR15_WRITE_TRAP 0x9Full
#define XVCPU_SVM_EXIT_INVLPGB 0xA0ull
#define XVCPU_SVM_EXIT_INVLPGB_ILLEGAL 0xA1ull
#define XVCPU_SVM_EXIT_INVPCID 0xA2ull
#define XVCPU_SVM_EXIT_MCOMMIT 0xA3ull
#define XVCPU_SVM_EXIT_TLBSYNC 0xA4ull
#define XVCPU_SVM_EXIT_BUS_LOCK 0xA5ull
#define XVCPU_SVM_EXIT_IDLE_HLT 0xA6ull
#define XVCPU_SVM_EXIT_NPF 0x400ull
#define XVCPU_SVM_EXIT_AVIC_INCOMPLETE_IPI 0x401ull
#define XVCPU_SVM_EXIT_AVIC_NOACCEL 0x402ull
#define XVCPU_SVM_EXIT_VMGEXIT 0x403ull
#define XVCPU_SVM_EXIT_INVALID_PMC 0xFFFFFFFFFFFFFFFCull
#define XVCPU_SVM_EXIT_IDLE_REQUIRED 0xFFFFFFFFFFFFFFFDull
#define XVCPU_SVM_EXIT_BUSY 0xFFFFFFFFFFFFFFFEull
#define XVCPU_SVM_EXIT_INVALID 0xFFFFFFFFFFFFFFFFull

/* "NPF" for 0x400; NULL for an exit code the spec does not know. */
static inline const char *xvcpu_svm_exit_name(uint64_t code)
{
    switch (code) {
    case 0x0ull: return "CR0_READ";
    case 0x1ull: return "CR1_READ";
    case 0x2ull: return "CR2_READ";
    case 0x3ull: return "CR3_READ";
    case 0x4ull: return "CR4_READ";
    case 0x5ull: return "CR5_READ";
    case 0x6ull: return "CR6_READ";
    case 0x7ull: return "CR7_READ";
    case 0x8ull: return "CR8_READ";
    case 0x9ull: return "CR9_READ";
    case 0xAull: return "CR10_READ";
    case 0xBull: return "CR11_READ";
    case 0xCull: return "CR12_READ";
    case 0xDull: return "CR13_READ";
    case 0xEull: return "CR14_READ";
    case 0xFull: return "CR15_READ";
    case 0x10ull: return "CR0_WRITE";
    case 0x11ull: return "CR1_WRITE";
    case 0x12ull: return "CR2_WRITE";
    case 0x13ull: return "CR3_WRITE";
    case 0x14ull: return "CR4_WRITE";
    case 0x15ull: return "CR5_WRITE";
    case 0x16ull: return "CR6_WRITE";
    case 0x17ull: return "CR7_WRITE";
    case 0x18ull: return "CR8_WRITE";
    case 0x19ull: return "CR9_WRITE";
    case 0x1Aull: return "CR10_WRITE";
    case 0x1Bull: return "CR11_WRITE";
    case 0x1Cull: return "CR12_WRITE";
    case 0x1Dull: return "CR13_WRITE";
    case 0x1Eull: return "CR14_WRITE";
    case 0x1Full: return "CR15_WRITE";
    case 0x20ull: return "DR0_READ";
    case 0x21ull: return "DR1_READ";
    case 0x22ull: return "DR2_READ";
    case 0x23ull: return "DR3_READ";
    case 0x24ull: return "DR4_READ";
    case 0x25ull: return "DR5_READ";
    case 0x26ull: return "DR6_READ";
    case 0x27ull: return "DR7_READ";
    case 0x28ull: return "DR8_READ";
    case 0x29ull: return "DR9_READ";
    case 0x2Aull: return "DR10_READ";
    case 0x2Bull: return "DR11_READ";
    case 0x2Cull: return "DR12_READ";
    case 0x2Dull: return "DR13_READ";
    case 0x2Eull: return "DR14_READ";
    case 0x2Full: return "DR15_READ";
    case 0x30ull: return "DR0_WRITE";
    case 0x31ull: return "DR1_WRITE";
    case 0x32ull: return "DR2_WRITE";
    case 0x33ull: return "DR3_WRITE";
    case 0x34ull: return "DR4_WRITE";
    case 0x35ull: return "DR5_WRITE";
    case 0x36ull: return "DR6_WRITE";
    case 0x37ull: return "DR7_WRITE";
    case 0x38ull: return "DR8_WRITE";
    case 0x39ull: return "DR9_WRITE";
    case 0x3Aull: return "DR10_WRITE";
    case 0x3Bull: return "DR11_WRITE";
    case 0x3Cull: return "DR12_WRITE";
    case 0x3Dull: return "DR13_WRITE";
    case 0x3Eull: return "DR14_WRITE";
    case 0x3Full: return "DR15_WRITE";
    case 0x40ull: return "EXCP0";
    case 0x41ull: return "EXCP1";
    case 0x42ull: return "EXCP2";
    case 0x43ull: return "EXCP3";
    case 0x44ull: return "EXCP4";
    case 0x45ull: return "EXCP5";
    case 0x46ull: return "EXCP6";
    case 0x47ull: return "EXCP7";
    case 0x48ull: return "EXCP8";
    case 0x49ull: return "EXCP9";
    case 0x4Aull: return "EXCP10";
    case 0x4Bull: return "EXCP11";
    case 0x4Cull: return "EXCP12";
    case 0x4Dull: return "EXCP13";
    case 0x4Eull: return "EXCP14";
    case 0x4Full: return "EXCP15";
    case 0x50ull: return "EXCP16";
    case 0x51ull: return "EXCP17";
    case 0x52ull: return "EXCP18";
    case 0x53ull: return "EXCP19";
    case 0x54ull: return "EXCP20";
    case 0x55ull: return "EXCP21";
    case 0x56ull: return "EXCP22";
    case 0x57ull: return "EXCP23";
    case 0x58ull: return "EXCP24";
    case 0x59ull: return "EXCP25";
    case 0x5Aull: return "EXCP26";
    case 0x5Bull: return "EXCP27";
    case 0x5Cull: return "EXCP28";
    case 0x5Dull: return "EXCP29";
    case 0x5Eull: return "EXCP30";
    case 0x5Full: return "EXCP31";
    case 0x60ull: return "INTR";
    case 0x61ull: return "NMI";
    case 0x62ull: return "SMI";
    case 0x63ull: return "INIT";
    case 0x64ull: return "VINTR";
    case 0x65ull: return "CR0_SEL_WRITE";
    case 0x66ull: return "IDTR_READ";
    case 0x67ull: return "GDTR_READ";
    case 0x68ull: return "LDTR_READ";
    case 0x69ull: return "TR_READ";
    case 0x6Aull: return "IDTR_WRITE";
    case 0x6Bull: return "GDTR_WRITE";
    case 0x6Cull: return "LDTR_WRITE";
    case 0x6Dull: return "TR_WRITE";
    case 0x6Eull: return "RDTSC";
    case 0x6Full: return "RDPMC";
    case 0x70ull: return "PUSHF";
    case 0x71ull: return "POPF";
    case 0x72ull: return "CPUID";
    case 0x73ull: return "RSM";
    case 0x74ull: return "IRET";
    case 0x75ull: return "SWINT";
    case 0x76ull: return "INVD";
    case 0x77ull: return "PAUSE";
    case 0x78ull: return "HLT";
    case 0x79ull: return "INVLPG";
    case 0x7Aull: return "INVLPGA";
    case 0x7Bull: return "IOIO";
    case 0x7Cull: return "MSR";
    case 0x7Dull: return "TASK_SWITCH";
    case 0x7Eull: return "FERR_FREEZE";
    case 0x7Full: return "SHUTDOWN";
    case 0x80ull: return "VMRUN";
    case 0x81ull: return "VMMCALL";
    case 0x82ull: return "VMLOAD";
    case 0x83ull: return "VMSAVE";
    case 0x84ull: return "STGI";
    case 0x85ull: return "CLGI";
    case 0x86ull: return "SKINIT";
    case 0x87ull: return "RDTSCP";
    case 0x88ull: return "ICEBP";
    case 0x89ull: return "WBINVD";
    case 0x8Aull: return "MONITOR";
    case 0x8Bull: return "MWAIT";
    case 0x8Cull: return "MWAIT_CONDITIONAL";
    case 0x8Dull: return "XSETBV";
    case 0x8Eull: return "RDPRU";
    case 0x8Full: return "EFER_WRITE_TRAP";
    case 0x90ull: return "CR0_WRITE_TRAP";
    case 0x91ull: return "CR1_WRITE_TRAP";
    case 0x92ull: return "CR2_WRITE_TRAP";
    case 0x93ull: return "CR3_WRITE_TRAP";
    case 0x94ull: return "CR4_WRITE_TRAP";
    case 0x95ull: return "CR5_WRITE_TRAP";
    case 0x96ull: return "CR6_WRITE_TRAP";
    case 0x97ull: return "CR7_WRITE_TRAP";
    case 0x98ull: return "CR8_WRITE_TRAP";
    case 0x99ull: return "CR9_WRITE_TRAP";
    case 0x9Aull: return "CR10_WRITE_TRAP";
    case 0x9Bull: return "CR11_WRITE_TRAP";
    case 0x9Cull: return "CR12_WRITE_TRAP";
    case 0x9Dull: return "CR13_WRITE_TRAP";
    case 0x9Eull: return "CR14_WRITE_TRAP";
    case 0x9Full: return "CR15_WRITE_TRAP";
    case 0xA0ull: return "INVLPGB";
    case 0xA1ull: return "INVLPGB_ILLEGAL";
    case 0xA2ull: return "INVPCID";
    case 0xA3ull: return "MCOMMIT";
    case 0xA4ull: return "TLBSYNC";
    case 0xA5ull: return "BUS_LOCK";
    case 0xA6ull: return "IDLE_HLT";
    case 0x400ull: return "NPF";
    case 0x401ull: return "AVIC_INCOMPLETE_IPI";
    case 0x402ull: return "AVIC_NOACCEL";
    case 0x403ull: return "VMGEXIT";
    case 0xFFFFFFFFFFFFFFFCull: return "INVALID_PMC";
    case 0xFFFFFFFFFFFFFFFDull: return "IDLE_REQUIRED";
    case 0xFFFFFFFFFFFFFFFEull: return "BUSY";
    case 0xFFFFFFFFFFFFFFFFull: return "INVALID";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_SVM_EXITS_H */

/* ==== xvcpu/gen/svm_formats.h ==== */
/* xvcpu/gen/svm_formats.h: generated by codegen/gen.py from spec/svm_formats.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_SVM_FORMATS_H
#define XVCPU_GEN_SVM_FORMATS_H

/* Bit fields: NAME_SHIFT and NAME_MASK (mask in place), and NAME itself for one-bit fields.
 * Read a field with XVCPU_FIELD_GET(XVCPU_<LAYOUT>_<FIELD>, value). */

/* SVM_INTERCEPT_CR: CR intercept vector (VMCB 000h); bit n of each half = CRn (32 bits; APM Vol. 2 Table B-1 (000h)) */
#define XVCPU_SVM_INTERCEPT_CR_READS_SHIFT 0
#define XVCPU_SVM_INTERCEPT_CR_READS_MASK 0xFFFFull
#define XVCPU_SVM_INTERCEPT_CR_WRITES_SHIFT 16
#define XVCPU_SVM_INTERCEPT_CR_WRITES_MASK 0xFFFF0000ull

/* SVM_INTERCEPT_DR: DR intercept vector (VMCB 004h); bit n of each half = DRn (32 bits; APM Vol. 2 Table B-1 (004h)) */
#define XVCPU_SVM_INTERCEPT_DR_READS_SHIFT 0
#define XVCPU_SVM_INTERCEPT_DR_READS_MASK 0xFFFFull
#define XVCPU_SVM_INTERCEPT_DR_WRITES_SHIFT 16
#define XVCPU_SVM_INTERCEPT_DR_WRITES_MASK 0xFFFF0000ull

/* SVM_INTERCEPT_MISC1: First general intercept vector (VMCB 00Ch) (32 bits; APM Vol. 2 Table B-1 (00Ch)) */
#define XVCPU_SVM_INTERCEPT_MISC1_INTR_SHIFT 0
#define XVCPU_SVM_INTERCEPT_MISC1_INTR_MASK 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC1_INTR 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC1_NMI_SHIFT 1
#define XVCPU_SVM_INTERCEPT_MISC1_NMI_MASK 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC1_NMI 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC1_SMI_SHIFT 2
#define XVCPU_SVM_INTERCEPT_MISC1_SMI_MASK 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC1_SMI 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC1_INIT_SHIFT 3
#define XVCPU_SVM_INTERCEPT_MISC1_INIT_MASK 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC1_INIT 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC1_VINTR_SHIFT 4
#define XVCPU_SVM_INTERCEPT_MISC1_VINTR_MASK 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC1_VINTR 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC1_CR0_SEL_WRITE_SHIFT 5
#define XVCPU_SVM_INTERCEPT_MISC1_CR0_SEL_WRITE_MASK 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC1_CR0_SEL_WRITE 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_READ_SHIFT 6
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_READ_MASK 0x40ull
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_READ 0x40ull
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_READ_SHIFT 7
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_READ_MASK 0x80ull
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_READ 0x80ull
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_READ_SHIFT 8
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_READ_MASK 0x100ull
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_READ 0x100ull
#define XVCPU_SVM_INTERCEPT_MISC1_TR_READ_SHIFT 9
#define XVCPU_SVM_INTERCEPT_MISC1_TR_READ_MASK 0x200ull
#define XVCPU_SVM_INTERCEPT_MISC1_TR_READ 0x200ull
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_WRITE_SHIFT 10
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_WRITE_MASK 0x400ull
#define XVCPU_SVM_INTERCEPT_MISC1_IDTR_WRITE 0x400ull
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_WRITE_SHIFT 11
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_WRITE_MASK 0x800ull
#define XVCPU_SVM_INTERCEPT_MISC1_GDTR_WRITE 0x800ull
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_WRITE_SHIFT 12
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_WRITE_MASK 0x1000ull
#define XVCPU_SVM_INTERCEPT_MISC1_LDTR_WRITE 0x1000ull
#define XVCPU_SVM_INTERCEPT_MISC1_TR_WRITE_SHIFT 13
#define XVCPU_SVM_INTERCEPT_MISC1_TR_WRITE_MASK 0x2000ull
#define XVCPU_SVM_INTERCEPT_MISC1_TR_WRITE 0x2000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RDTSC_SHIFT 14
#define XVCPU_SVM_INTERCEPT_MISC1_RDTSC_MASK 0x4000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RDTSC 0x4000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RDPMC_SHIFT 15
#define XVCPU_SVM_INTERCEPT_MISC1_RDPMC_MASK 0x8000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RDPMC 0x8000ull
#define XVCPU_SVM_INTERCEPT_MISC1_PUSHF_SHIFT 16
#define XVCPU_SVM_INTERCEPT_MISC1_PUSHF_MASK 0x10000ull
#define XVCPU_SVM_INTERCEPT_MISC1_PUSHF 0x10000ull
#define XVCPU_SVM_INTERCEPT_MISC1_POPF_SHIFT 17
#define XVCPU_SVM_INTERCEPT_MISC1_POPF_MASK 0x20000ull
#define XVCPU_SVM_INTERCEPT_MISC1_POPF 0x20000ull
#define XVCPU_SVM_INTERCEPT_MISC1_CPUID_SHIFT 18
#define XVCPU_SVM_INTERCEPT_MISC1_CPUID_MASK 0x40000ull
#define XVCPU_SVM_INTERCEPT_MISC1_CPUID 0x40000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RSM_SHIFT 19
#define XVCPU_SVM_INTERCEPT_MISC1_RSM_MASK 0x80000ull
#define XVCPU_SVM_INTERCEPT_MISC1_RSM 0x80000ull
#define XVCPU_SVM_INTERCEPT_MISC1_IRET_SHIFT 20
#define XVCPU_SVM_INTERCEPT_MISC1_IRET_MASK 0x100000ull
#define XVCPU_SVM_INTERCEPT_MISC1_IRET 0x100000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INTN_SHIFT 21
#define XVCPU_SVM_INTERCEPT_MISC1_INTN_MASK 0x200000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INTN 0x200000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVD_SHIFT 22
#define XVCPU_SVM_INTERCEPT_MISC1_INVD_MASK 0x400000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVD 0x400000ull
#define XVCPU_SVM_INTERCEPT_MISC1_PAUSE_SHIFT 23
#define XVCPU_SVM_INTERCEPT_MISC1_PAUSE_MASK 0x800000ull
#define XVCPU_SVM_INTERCEPT_MISC1_PAUSE 0x800000ull
#define XVCPU_SVM_INTERCEPT_MISC1_HLT_SHIFT 24
#define XVCPU_SVM_INTERCEPT_MISC1_HLT_MASK 0x1000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_HLT 0x1000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPG_SHIFT 25
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPG_MASK 0x2000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPG 0x2000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPGA_SHIFT 26
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPGA_MASK 0x4000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_INVLPGA 0x4000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_IOIO_PROT_SHIFT 27
#define XVCPU_SVM_INTERCEPT_MISC1_IOIO_PROT_MASK 0x8000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_IOIO_PROT 0x8000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_MSR_PROT_SHIFT 28
#define XVCPU_SVM_INTERCEPT_MISC1_MSR_PROT_MASK 0x10000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_MSR_PROT 0x10000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_TASK_SWITCH_SHIFT 29
#define XVCPU_SVM_INTERCEPT_MISC1_TASK_SWITCH_MASK 0x20000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_TASK_SWITCH 0x20000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_FERR_FREEZE_SHIFT 30
#define XVCPU_SVM_INTERCEPT_MISC1_FERR_FREEZE_MASK 0x40000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_FERR_FREEZE 0x40000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_SHUTDOWN_SHIFT 31
#define XVCPU_SVM_INTERCEPT_MISC1_SHUTDOWN_MASK 0x80000000ull
#define XVCPU_SVM_INTERCEPT_MISC1_SHUTDOWN 0x80000000ull

/* SVM_INTERCEPT_MISC2: Second general intercept vector (VMCB 010h) (32 bits; APM Vol. 2 Table B-1 (010h)) */
#define XVCPU_SVM_INTERCEPT_MISC2_VMRUN_SHIFT 0
#define XVCPU_SVM_INTERCEPT_MISC2_VMRUN_MASK 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMRUN 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMMCALL_SHIFT 1
#define XVCPU_SVM_INTERCEPT_MISC2_VMMCALL_MASK 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMMCALL 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMLOAD_SHIFT 2
#define XVCPU_SVM_INTERCEPT_MISC2_VMLOAD_MASK 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMLOAD 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMSAVE_SHIFT 3
#define XVCPU_SVM_INTERCEPT_MISC2_VMSAVE_MASK 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC2_VMSAVE 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC2_STGI_SHIFT 4
#define XVCPU_SVM_INTERCEPT_MISC2_STGI_MASK 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC2_STGI 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC2_CLGI_SHIFT 5
#define XVCPU_SVM_INTERCEPT_MISC2_CLGI_MASK 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC2_CLGI 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC2_SKINIT_SHIFT 6
#define XVCPU_SVM_INTERCEPT_MISC2_SKINIT_MASK 0x40ull
#define XVCPU_SVM_INTERCEPT_MISC2_SKINIT 0x40ull
#define XVCPU_SVM_INTERCEPT_MISC2_RDTSCP_SHIFT 7
#define XVCPU_SVM_INTERCEPT_MISC2_RDTSCP_MASK 0x80ull
#define XVCPU_SVM_INTERCEPT_MISC2_RDTSCP 0x80ull
#define XVCPU_SVM_INTERCEPT_MISC2_ICEBP_SHIFT 8
#define XVCPU_SVM_INTERCEPT_MISC2_ICEBP_MASK 0x100ull
#define XVCPU_SVM_INTERCEPT_MISC2_ICEBP 0x100ull
#define XVCPU_SVM_INTERCEPT_MISC2_WBINVD_SHIFT 9
#define XVCPU_SVM_INTERCEPT_MISC2_WBINVD_MASK 0x200ull
#define XVCPU_SVM_INTERCEPT_MISC2_WBINVD 0x200ull
#define XVCPU_SVM_INTERCEPT_MISC2_MONITOR_SHIFT 10
#define XVCPU_SVM_INTERCEPT_MISC2_MONITOR_MASK 0x400ull
#define XVCPU_SVM_INTERCEPT_MISC2_MONITOR 0x400ull
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT_SHIFT 11
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT_MASK 0x800ull
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT 0x800ull
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT_CONDITIONAL_SHIFT 12
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT_CONDITIONAL_MASK 0x1000ull
#define XVCPU_SVM_INTERCEPT_MISC2_MWAIT_CONDITIONAL 0x1000ull
#define XVCPU_SVM_INTERCEPT_MISC2_XSETBV_SHIFT 13
#define XVCPU_SVM_INTERCEPT_MISC2_XSETBV_MASK 0x2000ull
#define XVCPU_SVM_INTERCEPT_MISC2_XSETBV 0x2000ull
#define XVCPU_SVM_INTERCEPT_MISC2_RDPRU_SHIFT 14
#define XVCPU_SVM_INTERCEPT_MISC2_RDPRU_MASK 0x4000ull
#define XVCPU_SVM_INTERCEPT_MISC2_RDPRU 0x4000ull
#define XVCPU_SVM_INTERCEPT_MISC2_EFER_WRITE_TRAP_SHIFT 15
#define XVCPU_SVM_INTERCEPT_MISC2_EFER_WRITE_TRAP_MASK 0x8000ull
#define XVCPU_SVM_INTERCEPT_MISC2_EFER_WRITE_TRAP 0x8000ull
#define XVCPU_SVM_INTERCEPT_MISC2_CR_WRITE_TRAPS_SHIFT 16
#define XVCPU_SVM_INTERCEPT_MISC2_CR_WRITE_TRAPS_MASK 0xFFFF0000ull

/* SVM_INTERCEPT_MISC3: Third general intercept vector (VMCB 014h) (32 bits; APM Vol. 2 Table B-1 (014h)) */
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB_SHIFT 0
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB_MASK 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB 0x1ull
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB_ILLEGAL_SHIFT 1
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB_ILLEGAL_MASK 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC3_INVLPGB_ILLEGAL 0x2ull
#define XVCPU_SVM_INTERCEPT_MISC3_INVPCID_SHIFT 2
#define XVCPU_SVM_INTERCEPT_MISC3_INVPCID_MASK 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC3_INVPCID 0x4ull
#define XVCPU_SVM_INTERCEPT_MISC3_MCOMMIT_SHIFT 3
#define XVCPU_SVM_INTERCEPT_MISC3_MCOMMIT_MASK 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC3_MCOMMIT 0x8ull
#define XVCPU_SVM_INTERCEPT_MISC3_TLBSYNC_SHIFT 4
#define XVCPU_SVM_INTERCEPT_MISC3_TLBSYNC_MASK 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC3_TLBSYNC 0x10ull
#define XVCPU_SVM_INTERCEPT_MISC3_BUS_LOCK_SHIFT 5
#define XVCPU_SVM_INTERCEPT_MISC3_BUS_LOCK_MASK 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC3_BUS_LOCK 0x20ull
#define XVCPU_SVM_INTERCEPT_MISC3_IDLE_HLT_SHIFT 6
#define XVCPU_SVM_INTERCEPT_MISC3_IDLE_HLT_MASK 0x40ull
#define XVCPU_SVM_INTERCEPT_MISC3_IDLE_HLT 0x40ull

/* VMCB_V_INTR: Virtual interrupt control (VMCB 060h) (64 bits; APM Vol. 2 Table B-1 (060h)) */
#define XVCPU_VMCB_V_INTR_V_TPR_SHIFT 0
#define XVCPU_VMCB_V_INTR_V_TPR_MASK 0xFFull
#define XVCPU_VMCB_V_INTR_V_IRQ_SHIFT 8
#define XVCPU_VMCB_V_INTR_V_IRQ_MASK 0x100ull
#define XVCPU_VMCB_V_INTR_V_IRQ 0x100ull
#define XVCPU_VMCB_V_INTR_VGIF_SHIFT 9
#define XVCPU_VMCB_V_INTR_VGIF_MASK 0x200ull
#define XVCPU_VMCB_V_INTR_VGIF 0x200ull
#define XVCPU_VMCB_V_INTR_V_NMI_SHIFT 11
#define XVCPU_VMCB_V_INTR_V_NMI_MASK 0x800ull
#define XVCPU_VMCB_V_INTR_V_NMI 0x800ull
#define XVCPU_VMCB_V_INTR_V_NMI_BLOCKED_SHIFT 12
#define XVCPU_VMCB_V_INTR_V_NMI_BLOCKED_MASK 0x1000ull
#define XVCPU_VMCB_V_INTR_V_NMI_BLOCKED 0x1000ull
#define XVCPU_VMCB_V_INTR_V_INTR_PRIO_SHIFT 16
#define XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK 0xF0000ull
#define XVCPU_VMCB_V_INTR_V_IGN_TPR_SHIFT 20
#define XVCPU_VMCB_V_INTR_V_IGN_TPR_MASK 0x100000ull
#define XVCPU_VMCB_V_INTR_V_IGN_TPR 0x100000ull
#define XVCPU_VMCB_V_INTR_V_INTR_MASKING_SHIFT 24
#define XVCPU_VMCB_V_INTR_V_INTR_MASKING_MASK 0x1000000ull
#define XVCPU_VMCB_V_INTR_V_INTR_MASKING 0x1000000ull
#define XVCPU_VMCB_V_INTR_VGIF_ENABLE_SHIFT 25
#define XVCPU_VMCB_V_INTR_VGIF_ENABLE_MASK 0x2000000ull
#define XVCPU_VMCB_V_INTR_VGIF_ENABLE 0x2000000ull
#define XVCPU_VMCB_V_INTR_V_NMI_ENABLE_SHIFT 26
#define XVCPU_VMCB_V_INTR_V_NMI_ENABLE_MASK 0x4000000ull
#define XVCPU_VMCB_V_INTR_V_NMI_ENABLE 0x4000000ull
#define XVCPU_VMCB_V_INTR_X2AVIC_ENABLE_SHIFT 30
#define XVCPU_VMCB_V_INTR_X2AVIC_ENABLE_MASK 0x40000000ull
#define XVCPU_VMCB_V_INTR_X2AVIC_ENABLE 0x40000000ull
#define XVCPU_VMCB_V_INTR_AVIC_ENABLE_SHIFT 31
#define XVCPU_VMCB_V_INTR_AVIC_ENABLE_MASK 0x80000000ull
#define XVCPU_VMCB_V_INTR_AVIC_ENABLE 0x80000000ull
#define XVCPU_VMCB_V_INTR_V_INTR_VECTOR_SHIFT 32
#define XVCPU_VMCB_V_INTR_V_INTR_VECTOR_MASK 0xFF00000000ull

/* VMCB_INTERRUPT_SHADOW: Guest interrupt state (VMCB 068h) (64 bits; APM Vol. 2 Table B-1 (068h)) */
#define XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW_SHIFT 0
#define XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW_MASK 0x1ull
#define XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW 0x1ull
#define XVCPU_VMCB_INTERRUPT_SHADOW_GUEST_INTERRUPT_MASK_SHIFT 1
#define XVCPU_VMCB_INTERRUPT_SHADOW_GUEST_INTERRUPT_MASK_MASK 0x2ull
#define XVCPU_VMCB_INTERRUPT_SHADOW_GUEST_INTERRUPT_MASK 0x2ull

/* VMCB_NP_CONTROL: Nested paging and encryption enables (VMCB 090h) (64 bits; APM Vol. 2 Table B-1 (090h)) */
#define XVCPU_VMCB_NP_CONTROL_NP_ENABLE_SHIFT 0
#define XVCPU_VMCB_NP_CONTROL_NP_ENABLE_MASK 0x1ull
#define XVCPU_VMCB_NP_CONTROL_NP_ENABLE 0x1ull
#define XVCPU_VMCB_NP_CONTROL_SEV_ENABLE_SHIFT 1
#define XVCPU_VMCB_NP_CONTROL_SEV_ENABLE_MASK 0x2ull
#define XVCPU_VMCB_NP_CONTROL_SEV_ENABLE 0x2ull
#define XVCPU_VMCB_NP_CONTROL_SEV_ES_ENABLE_SHIFT 2
#define XVCPU_VMCB_NP_CONTROL_SEV_ES_ENABLE_MASK 0x4ull
#define XVCPU_VMCB_NP_CONTROL_SEV_ES_ENABLE 0x4ull
#define XVCPU_VMCB_NP_CONTROL_GMET_SHIFT 3
#define XVCPU_VMCB_NP_CONTROL_GMET_MASK 0x8ull
#define XVCPU_VMCB_NP_CONTROL_GMET 0x8ull
#define XVCPU_VMCB_NP_CONTROL_SSS_CHECK_SHIFT 4
#define XVCPU_VMCB_NP_CONTROL_SSS_CHECK_MASK 0x10ull
#define XVCPU_VMCB_NP_CONTROL_SSS_CHECK 0x10ull
#define XVCPU_VMCB_NP_CONTROL_VTE_SHIFT 5
#define XVCPU_VMCB_NP_CONTROL_VTE_MASK 0x20ull
#define XVCPU_VMCB_NP_CONTROL_VTE 0x20ull
#define XVCPU_VMCB_NP_CONTROL_RO_GPT_SHIFT 6
#define XVCPU_VMCB_NP_CONTROL_RO_GPT_MASK 0x40ull
#define XVCPU_VMCB_NP_CONTROL_RO_GPT 0x40ull
#define XVCPU_VMCB_NP_CONTROL_INVLPGB_TLBSYNC_SHIFT 7
#define XVCPU_VMCB_NP_CONTROL_INVLPGB_TLBSYNC_MASK 0x80ull
#define XVCPU_VMCB_NP_CONTROL_INVLPGB_TLBSYNC 0x80ull

/* VMCB_VIRT_EXT: Virtualization extensions (VMCB 0B8h) (64 bits; APM Vol. 2 Table B-1 (0B8h)) */
#define XVCPU_VMCB_VIRT_EXT_LBR_VIRT_SHIFT 0
#define XVCPU_VMCB_VIRT_EXT_LBR_VIRT_MASK 0x1ull
#define XVCPU_VMCB_VIRT_EXT_LBR_VIRT 0x1ull
#define XVCPU_VMCB_VIRT_EXT_VMSAVE_VMLOAD_VIRT_SHIFT 1
#define XVCPU_VMCB_VIRT_EXT_VMSAVE_VMLOAD_VIRT_MASK 0x2ull
#define XVCPU_VMCB_VIRT_EXT_VMSAVE_VMLOAD_VIRT 0x2ull
#define XVCPU_VMCB_VIRT_EXT_IBS_VIRT_SHIFT 2
#define XVCPU_VMCB_VIRT_EXT_IBS_VIRT_MASK 0x4ull
#define XVCPU_VMCB_VIRT_EXT_IBS_VIRT 0x4ull
#define XVCPU_VMCB_VIRT_EXT_PMC_VIRT_SHIFT 3
#define XVCPU_VMCB_VIRT_EXT_PMC_VIRT_MASK 0x8ull
#define XVCPU_VMCB_VIRT_EXT_PMC_VIRT 0x8ull

/* VMCB_AVIC_PHYSICAL_TABLE: AVIC physical APIC ID table pointer (VMCB 0F8h) (64 bits; APM Vol. 2 Table B-1 (0F8h)) */
#define XVCPU_VMCB_AVIC_PHYSICAL_TABLE_MAX_INDEX_SHIFT 0
#define XVCPU_VMCB_AVIC_PHYSICAL_TABLE_MAX_INDEX_MASK 0xFFFull
#define XVCPU_VMCB_AVIC_PHYSICAL_TABLE_TABLE_PA_SHIFT 12
#define XVCPU_VMCB_AVIC_PHYSICAL_TABLE_TABLE_PA_MASK 0xFFFFFFFFFF000ull

/* VMCB_CLEAN_BITS: VMCB clean bits (VMCB 0C0h); a set bit lets VMRUN skip reloading that group (32 bits; APM Vol. 2 15.15 (VMCB clean field)) */
#define XVCPU_VMCB_CLEAN_BITS_I_SHIFT 0
#define XVCPU_VMCB_CLEAN_BITS_I_MASK 0x1ull
#define XVCPU_VMCB_CLEAN_BITS_I 0x1ull
#define XVCPU_VMCB_CLEAN_BITS_IOPM_SHIFT 1
#define XVCPU_VMCB_CLEAN_BITS_IOPM_MASK 0x2ull
#define XVCPU_VMCB_CLEAN_BITS_IOPM 0x2ull
#define XVCPU_VMCB_CLEAN_BITS_ASID_SHIFT 2
#define XVCPU_VMCB_CLEAN_BITS_ASID_MASK 0x4ull
#define XVCPU_VMCB_CLEAN_BITS_ASID 0x4ull
#define XVCPU_VMCB_CLEAN_BITS_TPR_SHIFT 3
#define XVCPU_VMCB_CLEAN_BITS_TPR_MASK 0x8ull
#define XVCPU_VMCB_CLEAN_BITS_TPR 0x8ull
#define XVCPU_VMCB_CLEAN_BITS_NP_SHIFT 4
#define XVCPU_VMCB_CLEAN_BITS_NP_MASK 0x10ull
#define XVCPU_VMCB_CLEAN_BITS_NP 0x10ull
#define XVCPU_VMCB_CLEAN_BITS_CRX_SHIFT 5
#define XVCPU_VMCB_CLEAN_BITS_CRX_MASK 0x20ull
#define XVCPU_VMCB_CLEAN_BITS_CRX 0x20ull
#define XVCPU_VMCB_CLEAN_BITS_DRX_SHIFT 6
#define XVCPU_VMCB_CLEAN_BITS_DRX_MASK 0x40ull
#define XVCPU_VMCB_CLEAN_BITS_DRX 0x40ull
#define XVCPU_VMCB_CLEAN_BITS_DT_SHIFT 7
#define XVCPU_VMCB_CLEAN_BITS_DT_MASK 0x80ull
#define XVCPU_VMCB_CLEAN_BITS_DT 0x80ull
#define XVCPU_VMCB_CLEAN_BITS_SEG_SHIFT 8
#define XVCPU_VMCB_CLEAN_BITS_SEG_MASK 0x100ull
#define XVCPU_VMCB_CLEAN_BITS_SEG 0x100ull
#define XVCPU_VMCB_CLEAN_BITS_CR2_SHIFT 9
#define XVCPU_VMCB_CLEAN_BITS_CR2_MASK 0x200ull
#define XVCPU_VMCB_CLEAN_BITS_CR2 0x200ull
#define XVCPU_VMCB_CLEAN_BITS_LBR_SHIFT 10
#define XVCPU_VMCB_CLEAN_BITS_LBR_MASK 0x400ull
#define XVCPU_VMCB_CLEAN_BITS_LBR 0x400ull
#define XVCPU_VMCB_CLEAN_BITS_AVIC_SHIFT 11
#define XVCPU_VMCB_CLEAN_BITS_AVIC_MASK 0x800ull
#define XVCPU_VMCB_CLEAN_BITS_AVIC 0x800ull
#define XVCPU_VMCB_CLEAN_BITS_CET_SHIFT 12
#define XVCPU_VMCB_CLEAN_BITS_CET_MASK 0x1000ull
#define XVCPU_VMCB_CLEAN_BITS_CET 0x1000ull

/* EVENTINJ: Event injection (VMCB 0A8h); the same format is used by EXITINTINFO (VMCB 088h) (64 bits; APM Vol. 2 15.20) */
#define XVCPU_EVENTINJ_VECTOR_SHIFT 0
#define XVCPU_EVENTINJ_VECTOR_MASK 0xFFull
#define XVCPU_EVENTINJ_TYPE_SHIFT 8
#define XVCPU_EVENTINJ_TYPE_MASK 0x700ull
#define XVCPU_EVENTINJ_TYPE_INTR 0u
#define XVCPU_EVENTINJ_TYPE_NMI 2u
#define XVCPU_EVENTINJ_TYPE_EXCEPTION 3u
#define XVCPU_EVENTINJ_TYPE_SOFTWARE_INT 4u
#define XVCPU_EVENTINJ_EV_SHIFT 11
#define XVCPU_EVENTINJ_EV_MASK 0x800ull
#define XVCPU_EVENTINJ_EV 0x800ull
#define XVCPU_EVENTINJ_V_SHIFT 31
#define XVCPU_EVENTINJ_V_MASK 0x80000000ull
#define XVCPU_EVENTINJ_V 0x80000000ull
#define XVCPU_EVENTINJ_ERRORCODE_SHIFT 32
#define XVCPU_EVENTINJ_ERRORCODE_MASK 0xFFFFFFFF00000000ull

/* SVM_IOIO_EXITINFO1: EXITINFO1 for VMEXIT_IOIO (EXITINFO2 holds the next RIP) (64 bits; APM Vol. 2 15.10.2) */
#define XVCPU_SVM_IOIO_EXITINFO1_TYPE_SHIFT 0
#define XVCPU_SVM_IOIO_EXITINFO1_TYPE_MASK 0x1ull
#define XVCPU_SVM_IOIO_EXITINFO1_TYPE 0x1ull
#define XVCPU_SVM_IOIO_EXITINFO1_TYPE_OUT 0u
#define XVCPU_SVM_IOIO_EXITINFO1_TYPE_IN 1u
#define XVCPU_SVM_IOIO_EXITINFO1_STR_SHIFT 2
#define XVCPU_SVM_IOIO_EXITINFO1_STR_MASK 0x4ull
#define XVCPU_SVM_IOIO_EXITINFO1_STR 0x4ull
#define XVCPU_SVM_IOIO_EXITINFO1_REP_SHIFT 3
#define XVCPU_SVM_IOIO_EXITINFO1_REP_MASK 0x8ull
#define XVCPU_SVM_IOIO_EXITINFO1_REP 0x8ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ8_SHIFT 4
#define XVCPU_SVM_IOIO_EXITINFO1_SZ8_MASK 0x10ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ8 0x10ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ16_SHIFT 5
#define XVCPU_SVM_IOIO_EXITINFO1_SZ16_MASK 0x20ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ16 0x20ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ32_SHIFT 6
#define XVCPU_SVM_IOIO_EXITINFO1_SZ32_MASK 0x40ull
#define XVCPU_SVM_IOIO_EXITINFO1_SZ32 0x40ull
#define XVCPU_SVM_IOIO_EXITINFO1_A16_SHIFT 7
#define XVCPU_SVM_IOIO_EXITINFO1_A16_MASK 0x80ull
#define XVCPU_SVM_IOIO_EXITINFO1_A16 0x80ull
#define XVCPU_SVM_IOIO_EXITINFO1_A32_SHIFT 8
#define XVCPU_SVM_IOIO_EXITINFO1_A32_MASK 0x100ull
#define XVCPU_SVM_IOIO_EXITINFO1_A32 0x100ull
#define XVCPU_SVM_IOIO_EXITINFO1_A64_SHIFT 9
#define XVCPU_SVM_IOIO_EXITINFO1_A64_MASK 0x200ull
#define XVCPU_SVM_IOIO_EXITINFO1_A64 0x200ull
#define XVCPU_SVM_IOIO_EXITINFO1_SEG_SHIFT 10
#define XVCPU_SVM_IOIO_EXITINFO1_SEG_MASK 0x1C00ull
#define XVCPU_SVM_IOIO_EXITINFO1_PORT_SHIFT 16
#define XVCPU_SVM_IOIO_EXITINFO1_PORT_MASK 0xFFFF0000ull

/* SVM_NPF_EXITINFO1: EXITINFO1 for VMEXIT_NPF (a (64 bits; APM Vol. 2 15.25.6) */
#define XVCPU_SVM_NPF_EXITINFO1_P_SHIFT 0
#define XVCPU_SVM_NPF_EXITINFO1_P_MASK 0x1ull
#define XVCPU_SVM_NPF_EXITINFO1_P 0x1ull
#define XVCPU_SVM_NPF_EXITINFO1_RW_SHIFT 1
#define XVCPU_SVM_NPF_EXITINFO1_RW_MASK 0x2ull
#define XVCPU_SVM_NPF_EXITINFO1_RW 0x2ull
#define XVCPU_SVM_NPF_EXITINFO1_US_SHIFT 2
#define XVCPU_SVM_NPF_EXITINFO1_US_MASK 0x4ull
#define XVCPU_SVM_NPF_EXITINFO1_US 0x4ull
#define XVCPU_SVM_NPF_EXITINFO1_RSV_SHIFT 3
#define XVCPU_SVM_NPF_EXITINFO1_RSV_MASK 0x8ull
#define XVCPU_SVM_NPF_EXITINFO1_RSV 0x8ull
#define XVCPU_SVM_NPF_EXITINFO1_ID_SHIFT 4
#define XVCPU_SVM_NPF_EXITINFO1_ID_MASK 0x10ull
#define XVCPU_SVM_NPF_EXITINFO1_ID 0x10ull
#define XVCPU_SVM_NPF_EXITINFO1_RMP_SHIFT 31
#define XVCPU_SVM_NPF_EXITINFO1_RMP_MASK 0x80000000ull
#define XVCPU_SVM_NPF_EXITINFO1_RMP 0x80000000ull
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PHYSICAL_SHIFT 32
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PHYSICAL_MASK 0x100000000ull
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PHYSICAL 0x100000000ull
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PAGE_TABLES_SHIFT 33
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PAGE_TABLES_MASK 0x200000000ull
#define XVCPU_SVM_NPF_EXITINFO1_GUEST_PAGE_TABLES 0x200000000ull
#define XVCPU_SVM_NPF_EXITINFO1_ENCRYPTED_SHIFT 34
#define XVCPU_SVM_NPF_EXITINFO1_ENCRYPTED_MASK 0x400000000ull
#define XVCPU_SVM_NPF_EXITINFO1_ENCRYPTED 0x400000000ull
#define XVCPU_SVM_NPF_EXITINFO1_SIZE_MISMATCH_SHIFT 35
#define XVCPU_SVM_NPF_EXITINFO1_SIZE_MISMATCH_MASK 0x800000000ull
#define XVCPU_SVM_NPF_EXITINFO1_SIZE_MISMATCH 0x800000000ull
#define XVCPU_SVM_NPF_EXITINFO1_VMPL_SHIFT 36
#define XVCPU_SVM_NPF_EXITINFO1_VMPL_MASK 0x1000000000ull
#define XVCPU_SVM_NPF_EXITINFO1_VMPL 0x1000000000ull

/* SVM_CR_EXITINFO1: EXITINFO1 for CR/DR access intercepts with decode assists (64 bits; APM Vol. 2 ch. 15 "Decode Assists" (MOV CRx/DRx)) */
#define XVCPU_SVM_CR_EXITINFO1_GPR_SHIFT 0
#define XVCPU_SVM_CR_EXITINFO1_GPR_MASK 0xFull
#define XVCPU_SVM_CR_EXITINFO1_MOV_SHIFT 63
#define XVCPU_SVM_CR_EXITINFO1_MOV_MASK 0x8000000000000000ull
#define XVCPU_SVM_CR_EXITINFO1_MOV 0x8000000000000000ull

/* SVM_CPUID_8000000A_EAX: CPUID Fn8000_000A EAX (32 bits; APM Vol. 3 E.4.9) */
#define XVCPU_SVM_CPUID_8000000A_EAX_SVM_REV_SHIFT 0
#define XVCPU_SVM_CPUID_8000000A_EAX_SVM_REV_MASK 0xFFull

/* SVM_CPUID_8000000A_EBX: CPUID Fn8000_000A EBX (32 bits; APM Vol. 3 E.4.9) */
#define XVCPU_SVM_CPUID_8000000A_EBX_NASID_SHIFT 0
#define XVCPU_SVM_CPUID_8000000A_EBX_NASID_MASK 0xFFFFFFFFull

/* SVM_CPUID_8000000A_EDX: CPUID Fn8000_000A EDX (SVM feature identifiers) (32 bits; APM Vol. 3 E.4.9) */
#define XVCPU_SVM_CPUID_8000000A_EDX_NP_SHIFT 0
#define XVCPU_SVM_CPUID_8000000A_EDX_NP_MASK 0x1ull
#define XVCPU_SVM_CPUID_8000000A_EDX_NP 0x1ull
#define XVCPU_SVM_CPUID_8000000A_EDX_LBRV_SHIFT 1
#define XVCPU_SVM_CPUID_8000000A_EDX_LBRV_MASK 0x2ull
#define XVCPU_SVM_CPUID_8000000A_EDX_LBRV 0x2ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SVML_SHIFT 2
#define XVCPU_SVM_CPUID_8000000A_EDX_SVML_MASK 0x4ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SVML 0x4ull
#define XVCPU_SVM_CPUID_8000000A_EDX_NRIPS_SHIFT 3
#define XVCPU_SVM_CPUID_8000000A_EDX_NRIPS_MASK 0x8ull
#define XVCPU_SVM_CPUID_8000000A_EDX_NRIPS 0x8ull
#define XVCPU_SVM_CPUID_8000000A_EDX_TSC_RATE_MSR_SHIFT 4
#define XVCPU_SVM_CPUID_8000000A_EDX_TSC_RATE_MSR_MASK 0x10ull
#define XVCPU_SVM_CPUID_8000000A_EDX_TSC_RATE_MSR 0x10ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN_SHIFT 5
#define XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN_MASK 0x20ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN 0x20ull
#define XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID_SHIFT 6
#define XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID_MASK 0x40ull
#define XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID 0x40ull
#define XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS_SHIFT 7
#define XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS_MASK 0x80ull
#define XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS 0x80ull
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER_SHIFT 10
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER_MASK 0x400ull
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER 0x400ull
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER_THRESHOLD_SHIFT 12
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER_THRESHOLD_MASK 0x1000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_PAUSE_FILTER_THRESHOLD 0x1000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_AVIC_SHIFT 13
#define XVCPU_SVM_CPUID_8000000A_EDX_AVIC_MASK 0x2000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_AVIC 0x2000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VMSAVE_VIRT_SHIFT 15
#define XVCPU_SVM_CPUID_8000000A_EDX_VMSAVE_VIRT_MASK 0x8000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VMSAVE_VIRT 0x8000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VGIF_SHIFT 16
#define XVCPU_SVM_CPUID_8000000A_EDX_VGIF_MASK 0x10000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VGIF 0x10000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_GMET_SHIFT 17
#define XVCPU_SVM_CPUID_8000000A_EDX_GMET_MASK 0x20000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_GMET 0x20000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_X2AVIC_SHIFT 18
#define XVCPU_SVM_CPUID_8000000A_EDX_X2AVIC_MASK 0x40000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_X2AVIC 0x40000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SSS_CHECK_SHIFT 19
#define XVCPU_SVM_CPUID_8000000A_EDX_SSS_CHECK_MASK 0x80000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SSS_CHECK 0x80000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SPEC_CTRL_SHIFT 20
#define XVCPU_SVM_CPUID_8000000A_EDX_SPEC_CTRL_MASK 0x100000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_SPEC_CTRL 0x100000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_ROGPT_SHIFT 21
#define XVCPU_SVM_CPUID_8000000A_EDX_ROGPT_MASK 0x200000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_ROGPT 0x200000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_HOST_MCE_OVERRIDE_SHIFT 23
#define XVCPU_SVM_CPUID_8000000A_EDX_HOST_MCE_OVERRIDE_MASK 0x800000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_HOST_MCE_OVERRIDE 0x800000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_TLBI_CTL_SHIFT 24
#define XVCPU_SVM_CPUID_8000000A_EDX_TLBI_CTL_MASK 0x1000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_TLBI_CTL 0x1000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VNMI_SHIFT 25
#define XVCPU_SVM_CPUID_8000000A_EDX_VNMI_MASK 0x2000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_VNMI 0x2000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_IBS_VIRT_SHIFT 26
#define XVCPU_SVM_CPUID_8000000A_EDX_IBS_VIRT_MASK 0x4000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_IBS_VIRT 0x4000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_EXT_LVT_AVIC_ACCESS_CHG_SHIFT 27
#define XVCPU_SVM_CPUID_8000000A_EDX_EXT_LVT_AVIC_ACCESS_CHG_MASK 0x8000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_EXT_LVT_AVIC_ACCESS_CHG 0x8000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_NESTED_VIRT_VMCB_ADDR_CHK_SHIFT 28
#define XVCPU_SVM_CPUID_8000000A_EDX_NESTED_VIRT_VMCB_ADDR_CHK_MASK 0x10000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_NESTED_VIRT_VMCB_ADDR_CHK 0x10000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_BUS_LOCK_THRESHOLD_SHIFT 29
#define XVCPU_SVM_CPUID_8000000A_EDX_BUS_LOCK_THRESHOLD_MASK 0x20000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_BUS_LOCK_THRESHOLD 0x20000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_IDLE_HLT_INTERCEPT_SHIFT 30
#define XVCPU_SVM_CPUID_8000000A_EDX_IDLE_HLT_INTERCEPT_MASK 0x40000000ull
#define XVCPU_SVM_CPUID_8000000A_EDX_IDLE_HLT_INTERCEPT 0x40000000ull

/* SVM_TLB_CONTROL: TLB_CONTROL values (VMCB 05Ch) (APM Vol. 2 Table B-1 (058h)) */
#define XVCPU_SVM_TLB_CONTROL_DO_NOTHING 0u
#define XVCPU_SVM_TLB_CONTROL_FLUSH_ALL 1u
#define XVCPU_SVM_TLB_CONTROL_FLUSH_GUEST 3u
#define XVCPU_SVM_TLB_CONTROL_FLUSH_GUEST_NON_GLOBAL 7u

#endif /* XVCPU_GEN_SVM_FORMATS_H */

/* ==== xvcpu/gen/arm64_sysregs.h ==== */
/* xvcpu/gen/arm64_sysregs.h: generated by codegen/gen.py from spec/arm64_sysregs.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_ARM64_SYSREGS_H
#define XVCPU_GEN_ARM64_SYSREGS_H

/* AArch64 system register numbers: op0[15:14] op1[13:11] CRn[10:7] CRm[6:3] op2[2:0] of MRS/MSR.
 * XVCPU_SYSREG_ENC(op0, op1, crn, crm, op2) builds one; exits report trapped registers this way. */
#define XVCPU_SYSREG_ENC(op0, op1, crn, crm, op2) \
    ((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))
#define XVCPU_SYSREG_CURRENTEL 0xC212u /* S3_0_C4_C2_2; Arm ARM D19.2.30 */
#define XVCPU_SYSREG_HCR_EL2 0xE088u /* S3_4_C1_C1_0; Arm ARM D19.2.48 */
#define XVCPU_SYSREG_VTCR_EL2 0xE10Au /* S3_4_C2_C1_2; Arm ARM D19.2.161 */
#define XVCPU_SYSREG_VTTBR_EL2 0xE108u /* S3_4_C2_C1_0; Arm ARM D19.2.162 */
#define XVCPU_SYSREG_SPSR_EL2 0xE200u /* S3_4_C4_C0_0; Arm ARM D19.2.139 */
#define XVCPU_SYSREG_CNTHCTL_EL2 0xE708u /* S3_4_C14_C1_0; Arm ARM D19.10.2 */
#define XVCPU_SYSREG_CNTVOFF_EL2 0xE703u /* S3_4_C14_C0_3; Arm ARM D19.10.25 */
#define XVCPU_SYSREG_ESR_EL2 0xE290u /* S3_4_C5_C2_0; Arm ARM D19.2.41 */
#define XVCPU_SYSREG_FAR_EL2 0xE300u /* S3_4_C6_C0_0; Arm ARM D19.2.44 */
#define XVCPU_SYSREG_HPFAR_EL2 0xE304u /* S3_4_C6_C0_4; Arm ARM D19.2.52 */
#define XVCPU_SYSREG_ELR_EL2 0xE201u /* S3_4_C4_C0_1; Arm ARM D19.2.39 */
#define XVCPU_SYSREG_VBAR_EL2 0xE600u /* S3_4_C12_C0_0; Arm ARM D19.2.164 */
#define XVCPU_SYSREG_VMPIDR_EL2 0xE005u /* S3_4_C0_C0_5; Arm ARM D19.2.166 */
#define XVCPU_SYSREG_VPIDR_EL2 0xE000u /* S3_4_C0_C0_0; Arm ARM D19.2.167 */
#define XVCPU_SYSREG_CPTR_EL2 0xE08Au /* S3_4_C1_C1_2; Arm ARM D19.2.29 */
#define XVCPU_SYSREG_HSTR_EL2 0xE08Bu /* S3_4_C1_C1_3; Arm ARM D19.2.54 */
#define XVCPU_SYSREG_MDCR_EL2 0xE089u /* S3_4_C1_C1_1; Arm ARM D19.3.17 */
#define XVCPU_SYSREG_MDSCR_EL1 0x8012u /* S2_0_C0_C2_2; Arm ARM D19.3.19 */
#define XVCPU_SYSREG_MIDR_EL1 0xC000u /* S3_0_C0_C0_0; Arm ARM D19.2.100 */
#define XVCPU_SYSREG_MPIDR_EL1 0xC005u /* S3_0_C0_C0_5; Arm ARM D19.2.101 */
#define XVCPU_SYSREG_ID_PFR0_EL1 0xC008u /* S3_0_C0_C1_0; Arm ARM D19.2.88 */
#define XVCPU_SYSREG_ID_PFR1_EL1 0xC009u /* S3_0_C0_C1_1; Arm ARM D19.2.89 */
#define XVCPU_SYSREG_ID_DFR0_EL1 0xC00Au /* S3_0_C0_C1_2; Arm ARM D19.2.71 */
#define XVCPU_SYSREG_ID_AFR0_EL1 0xC00Bu /* S3_0_C0_C1_3; Arm ARM D19.2.70 */
#define XVCPU_SYSREG_ID_MMFR0_EL1 0xC00Cu /* S3_0_C0_C1_4; Arm ARM D19.2.82 */
#define XVCPU_SYSREG_ID_MMFR1_EL1 0xC00Du /* S3_0_C0_C1_5; Arm ARM D19.2.83 */
#define XVCPU_SYSREG_ID_MMFR2_EL1 0xC00Eu /* S3_0_C0_C1_6; Arm ARM D19.2.84 */
#define XVCPU_SYSREG_ID_MMFR3_EL1 0xC00Fu /* S3_0_C0_C1_7; Arm ARM D19.2.85 */
#define XVCPU_SYSREG_ID_ISAR0_EL1 0xC010u /* S3_0_C0_C2_0; Arm ARM D19.2.74 */
#define XVCPU_SYSREG_ID_ISAR1_EL1 0xC011u /* S3_0_C0_C2_1; Arm ARM D19.2.75 */
#define XVCPU_SYSREG_ID_ISAR2_EL1 0xC012u /* S3_0_C0_C2_2; Arm ARM D19.2.76 */
#define XVCPU_SYSREG_ID_ISAR3_EL1 0xC013u /* S3_0_C0_C2_3; Arm ARM D19.2.77 */
#define XVCPU_SYSREG_ID_ISAR4_EL1 0xC014u /* S3_0_C0_C2_4; Arm ARM D19.2.78 */
#define XVCPU_SYSREG_ID_ISAR5_EL1 0xC015u /* S3_0_C0_C2_5; Arm ARM D19.2.79 */
#define XVCPU_SYSREG_ID_MMFR4_EL1 0xC016u /* S3_0_C0_C2_6; Arm ARM D19.2.86 */
#define XVCPU_SYSREG_ID_ISAR6_EL1 0xC017u /* S3_0_C0_C2_7; Arm ARM D19.2.80 */
#define XVCPU_SYSREG_MVFR0_EL1 0xC018u /* S3_0_C0_C3_0; Arm ARM D19.2.115 */
#define XVCPU_SYSREG_MVFR1_EL1 0xC019u /* S3_0_C0_C3_1; Arm ARM D19.2.116 */
#define XVCPU_SYSREG_MVFR2_EL1 0xC01Au /* S3_0_C0_C3_2; Arm ARM D19.2.117 */
#define XVCPU_SYSREG_ID_PFR2_EL1 0xC01Cu /* S3_0_C0_C3_4; Arm ARM D19.2.90 */
#define XVCPU_SYSREG_ID_AA64PFR0_EL1 0xC020u /* S3_0_C0_C4_0; Arm ARM D19.2.64 */
#define XVCPU_SYSREG_ID_AA64PFR1_EL1 0xC021u /* S3_0_C0_C4_1; Arm ARM D19.2.65 */
#define XVCPU_SYSREG_ID_AA64ZFR0_EL1 0xC024u /* S3_0_C0_C4_4; Arm ARM D19.2.69 */
#define XVCPU_SYSREG_ID_AA64DFR0_EL1 0xC028u /* S3_0_C0_C5_0; Arm ARM D19.2.55 */
#define XVCPU_SYSREG_ID_AA64DFR1_EL1 0xC029u /* S3_0_C0_C5_1; Arm ARM D19.2.56 */
#define XVCPU_SYSREG_ID_AA64AFR0_EL1 0xC02Cu /* S3_0_C0_C5_4; Arm ARM D19.2.53 */
#define XVCPU_SYSREG_ID_AA64AFR1_EL1 0xC02Du /* S3_0_C0_C5_5; Arm ARM D19.2.54 */
#define XVCPU_SYSREG_ID_AA64ISAR0_EL1 0xC030u /* S3_0_C0_C6_0; Arm ARM D19.2.57 */
#define XVCPU_SYSREG_ID_AA64ISAR1_EL1 0xC031u /* S3_0_C0_C6_1; Arm ARM D19.2.58 */
#define XVCPU_SYSREG_ID_AA64MMFR0_EL1 0xC038u /* S3_0_C0_C7_0; Arm ARM D19.2.60 */
#define XVCPU_SYSREG_ID_AA64MMFR1_EL1 0xC039u /* S3_0_C0_C7_1; Arm ARM D19.2.61 */
#define XVCPU_SYSREG_ID_AA64MMFR2_EL1 0xC03Au /* S3_0_C0_C7_2; Arm ARM D19.2.62 */
#define XVCPU_SYSREG_SCTLR_EL1 0xC080u /* S3_0_C1_C0_0; Arm ARM D19.2.118 */
#define XVCPU_SYSREG_TTBR0_EL1 0xC100u /* S3_0_C2_C0_0; Arm ARM D19.2.155 */
#define XVCPU_SYSREG_TTBR1_EL1 0xC101u /* S3_0_C2_C0_1; Arm ARM D19.2.158 */
#define XVCPU_SYSREG_TCR_EL1 0xC102u /* S3_0_C2_C0_2; Arm ARM D19.2.139 */
#define XVCPU_SYSREG_ESR_EL1 0xC290u /* S3_0_C5_C2_0; Arm ARM D19.2.40 */
#define XVCPU_SYSREG_AFSR0_EL1 0xC288u /* S3_0_C5_C1_0; Arm ARM D19.2.4 */
#define XVCPU_SYSREG_AFSR1_EL1 0xC289u /* S3_0_C5_C1_1; Arm ARM D19.2.7 */
#define XVCPU_SYSREG_FAR_EL1 0xC300u /* S3_0_C6_C0_0; Arm ARM D19.2.43 */
#define XVCPU_SYSREG_MAIR_EL1 0xC510u /* S3_0_C10_C2_0; Arm ARM D19.2.97 */
#define XVCPU_SYSREG_AMAIR_EL1 0xC518u /* S3_0_C10_C3_0; Arm ARM D19.2.10 */
#define XVCPU_SYSREG_CONTEXTIDR_EL1 0xC681u /* S3_0_C13_C0_1; Arm ARM D19.2.27 */
#define XVCPU_SYSREG_VBAR_EL1 0xC600u /* S3_0_C12_C0_0; Arm ARM D19.2.163 */
#define XVCPU_SYSREG_PAR_EL1 0xC3A0u /* S3_0_C7_C4_0; Arm ARM D19.2.113 */
#define XVCPU_SYSREG_TPIDR_EL1 0xC684u /* S3_0_C13_C0_4; Arm ARM D19.2.150 */
#define XVCPU_SYSREG_TPIDR_EL0 0xDE82u /* S3_3_C13_C0_2; Arm ARM D19.2.148 */
#define XVCPU_SYSREG_TPIDRRO_EL0 0xDE83u /* S3_3_C13_C0_3; Arm ARM D19.2.153 */
#define XVCPU_SYSREG_CNTKCTL_EL1 0xC708u /* S3_0_C14_C1_0; Arm ARM D19.10.3 */
#define XVCPU_SYSREG_CSSELR_EL1 0xD000u /* S3_2_C0_C0_0; Arm ARM D19.2.28 */
#define XVCPU_SYSREG_ELR_EL1 0xC201u /* S3_0_C4_C0_1; Arm ARM D19.2.38 */
#define XVCPU_SYSREG_SPSR_EL1 0xC200u /* S3_0_C4_C0_0; Arm ARM D19.2.135 */
#define XVCPU_SYSREG_SP_EL1 0xE208u /* S3_4_C4_C1_0; Arm ARM D19.2.131 */
#define XVCPU_SYSREG_SP_EL0 0xC208u /* S3_0_C4_C1_0; Arm ARM D19.2.130 */
#define XVCPU_SYSREG_CNTV_CTL_EL0 0xDF19u /* S3_3_C14_C3_1; Arm ARM D19.10.16 */
#define XVCPU_SYSREG_CNTV_CVAL_EL0 0xDF1Au /* S3_3_C14_C3_2; Arm ARM D19.10.17 */
#define XVCPU_SYSREG_ICC_SGI1R_EL1 0xC65Du /* S3_0_C12_C11_5; GIC IHI0069 12.2.22 */
#define XVCPU_SYSREG_ICC_SRE_EL2 0xE64Du /* S3_4_C12_C9_5; GIC IHI0069 12.2.26 */
#define XVCPU_SYSREG_PMCCNTR_EL0 0xDCE8u /* S3_3_C9_C13_0; Arm ARM D19.4.3 */
#define XVCPU_SYSREG_CNTVCT_EL0 0xDF02u /* S3_3_C14_C0_2; Arm ARM D19.10.22 */

/* CURRENTEL: Current exception level (64 bits; Arm ARM D19.2.30) */
#define XVCPU_CURRENTEL_EL_SHIFT 2
#define XVCPU_CURRENTEL_EL_MASK 0xCull

#define XVCPU_CURRENTEL_RES0 0xFFFFFFFFFFFFFFF3ull
#define XVCPU_CURRENTEL_RES1 0x0ull
/* HCR_EL2: Hypervisor configuration register (64 bits; Arm ARM D19.2.48) */
#define XVCPU_HCR_EL2_VM_SHIFT 0
#define XVCPU_HCR_EL2_VM_MASK 0x1ull
#define XVCPU_HCR_EL2_VM 0x1ull
#define XVCPU_HCR_EL2_SWIO_SHIFT 1
#define XVCPU_HCR_EL2_SWIO_MASK 0x2ull
#define XVCPU_HCR_EL2_SWIO 0x2ull
#define XVCPU_HCR_EL2_PTW_SHIFT 2
#define XVCPU_HCR_EL2_PTW_MASK 0x4ull
#define XVCPU_HCR_EL2_PTW 0x4ull
#define XVCPU_HCR_EL2_FMO_SHIFT 3
#define XVCPU_HCR_EL2_FMO_MASK 0x8ull
#define XVCPU_HCR_EL2_FMO 0x8ull
#define XVCPU_HCR_EL2_IMO_SHIFT 4
#define XVCPU_HCR_EL2_IMO_MASK 0x10ull
#define XVCPU_HCR_EL2_IMO 0x10ull
#define XVCPU_HCR_EL2_AMO_SHIFT 5
#define XVCPU_HCR_EL2_AMO_MASK 0x20ull
#define XVCPU_HCR_EL2_AMO 0x20ull
#define XVCPU_HCR_EL2_VF_SHIFT 6
#define XVCPU_HCR_EL2_VF_MASK 0x40ull
#define XVCPU_HCR_EL2_VF 0x40ull
#define XVCPU_HCR_EL2_VI_SHIFT 7
#define XVCPU_HCR_EL2_VI_MASK 0x80ull
#define XVCPU_HCR_EL2_VI 0x80ull
#define XVCPU_HCR_EL2_VSE_SHIFT 8
#define XVCPU_HCR_EL2_VSE_MASK 0x100ull
#define XVCPU_HCR_EL2_VSE 0x100ull
#define XVCPU_HCR_EL2_FB_SHIFT 9
#define XVCPU_HCR_EL2_FB_MASK 0x200ull
#define XVCPU_HCR_EL2_FB 0x200ull
#define XVCPU_HCR_EL2_BSU_SHIFT 10
#define XVCPU_HCR_EL2_BSU_MASK 0xC00ull
#define XVCPU_HCR_EL2_DC_SHIFT 12
#define XVCPU_HCR_EL2_DC_MASK 0x1000ull
#define XVCPU_HCR_EL2_DC 0x1000ull
#define XVCPU_HCR_EL2_TWI_SHIFT 13
#define XVCPU_HCR_EL2_TWI_MASK 0x2000ull
#define XVCPU_HCR_EL2_TWI 0x2000ull
#define XVCPU_HCR_EL2_TWE_SHIFT 14
#define XVCPU_HCR_EL2_TWE_MASK 0x4000ull
#define XVCPU_HCR_EL2_TWE 0x4000ull
#define XVCPU_HCR_EL2_TID0_SHIFT 15
#define XVCPU_HCR_EL2_TID0_MASK 0x8000ull
#define XVCPU_HCR_EL2_TID0 0x8000ull
#define XVCPU_HCR_EL2_TID1_SHIFT 16
#define XVCPU_HCR_EL2_TID1_MASK 0x10000ull
#define XVCPU_HCR_EL2_TID1 0x10000ull
#define XVCPU_HCR_EL2_TID2_SHIFT 17
#define XVCPU_HCR_EL2_TID2_MASK 0x20000ull
#define XVCPU_HCR_EL2_TID2 0x20000ull
#define XVCPU_HCR_EL2_TID3_SHIFT 18
#define XVCPU_HCR_EL2_TID3_MASK 0x40000ull
#define XVCPU_HCR_EL2_TID3 0x40000ull
#define XVCPU_HCR_EL2_TSC_SHIFT 19
#define XVCPU_HCR_EL2_TSC_MASK 0x80000ull
#define XVCPU_HCR_EL2_TSC 0x80000ull
#define XVCPU_HCR_EL2_TIDCP_SHIFT 20
#define XVCPU_HCR_EL2_TIDCP_MASK 0x100000ull
#define XVCPU_HCR_EL2_TIDCP 0x100000ull
#define XVCPU_HCR_EL2_TACR_SHIFT 21
#define XVCPU_HCR_EL2_TACR_MASK 0x200000ull
#define XVCPU_HCR_EL2_TACR 0x200000ull
#define XVCPU_HCR_EL2_TSW_SHIFT 22
#define XVCPU_HCR_EL2_TSW_MASK 0x400000ull
#define XVCPU_HCR_EL2_TSW 0x400000ull
#define XVCPU_HCR_EL2_TPCP_SHIFT 23
#define XVCPU_HCR_EL2_TPCP_MASK 0x800000ull
#define XVCPU_HCR_EL2_TPCP 0x800000ull
#define XVCPU_HCR_EL2_TPU_SHIFT 24
#define XVCPU_HCR_EL2_TPU_MASK 0x1000000ull
#define XVCPU_HCR_EL2_TPU 0x1000000ull
#define XVCPU_HCR_EL2_TTLB_SHIFT 25
#define XVCPU_HCR_EL2_TTLB_MASK 0x2000000ull
#define XVCPU_HCR_EL2_TTLB 0x2000000ull
#define XVCPU_HCR_EL2_TVM_SHIFT 26
#define XVCPU_HCR_EL2_TVM_MASK 0x4000000ull
#define XVCPU_HCR_EL2_TVM 0x4000000ull
#define XVCPU_HCR_EL2_TGE_SHIFT 27
#define XVCPU_HCR_EL2_TGE_MASK 0x8000000ull
#define XVCPU_HCR_EL2_TGE 0x8000000ull
#define XVCPU_HCR_EL2_TDZ_SHIFT 28
#define XVCPU_HCR_EL2_TDZ_MASK 0x10000000ull
#define XVCPU_HCR_EL2_TDZ 0x10000000ull
#define XVCPU_HCR_EL2_HCD_SHIFT 29
#define XVCPU_HCR_EL2_HCD_MASK 0x20000000ull
#define XVCPU_HCR_EL2_HCD 0x20000000ull
#define XVCPU_HCR_EL2_TRVM_SHIFT 30
#define XVCPU_HCR_EL2_TRVM_MASK 0x40000000ull
#define XVCPU_HCR_EL2_TRVM 0x40000000ull
#define XVCPU_HCR_EL2_RW_SHIFT 31
#define XVCPU_HCR_EL2_RW_MASK 0x80000000ull
#define XVCPU_HCR_EL2_RW 0x80000000ull
#define XVCPU_HCR_EL2_CD_SHIFT 32
#define XVCPU_HCR_EL2_CD_MASK 0x100000000ull
#define XVCPU_HCR_EL2_CD 0x100000000ull
#define XVCPU_HCR_EL2_ID_SHIFT 33
#define XVCPU_HCR_EL2_ID_MASK 0x200000000ull
#define XVCPU_HCR_EL2_ID 0x200000000ull
#define XVCPU_HCR_EL2_E2H_SHIFT 34
#define XVCPU_HCR_EL2_E2H_MASK 0x400000000ull
#define XVCPU_HCR_EL2_E2H 0x400000000ull
#define XVCPU_HCR_EL2_TLOR_SHIFT 35
#define XVCPU_HCR_EL2_TLOR_MASK 0x800000000ull
#define XVCPU_HCR_EL2_TLOR 0x800000000ull
#define XVCPU_HCR_EL2_TERR_SHIFT 36
#define XVCPU_HCR_EL2_TERR_MASK 0x1000000000ull
#define XVCPU_HCR_EL2_TERR 0x1000000000ull
#define XVCPU_HCR_EL2_TEA_SHIFT 37
#define XVCPU_HCR_EL2_TEA_MASK 0x2000000000ull
#define XVCPU_HCR_EL2_TEA 0x2000000000ull
#define XVCPU_HCR_EL2_MIOCNCE_SHIFT 38
#define XVCPU_HCR_EL2_MIOCNCE_MASK 0x4000000000ull
#define XVCPU_HCR_EL2_MIOCNCE 0x4000000000ull
#define XVCPU_HCR_EL2_TME_SHIFT 39
#define XVCPU_HCR_EL2_TME_MASK 0x8000000000ull
#define XVCPU_HCR_EL2_TME 0x8000000000ull
#define XVCPU_HCR_EL2_APK_SHIFT 40
#define XVCPU_HCR_EL2_APK_MASK 0x10000000000ull
#define XVCPU_HCR_EL2_APK 0x10000000000ull
#define XVCPU_HCR_EL2_API_SHIFT 41
#define XVCPU_HCR_EL2_API_MASK 0x20000000000ull
#define XVCPU_HCR_EL2_API 0x20000000000ull
#define XVCPU_HCR_EL2_NV_SHIFT 42
#define XVCPU_HCR_EL2_NV_MASK 0x40000000000ull
#define XVCPU_HCR_EL2_NV 0x40000000000ull
#define XVCPU_HCR_EL2_NV1_SHIFT 43
#define XVCPU_HCR_EL2_NV1_MASK 0x80000000000ull
#define XVCPU_HCR_EL2_NV1 0x80000000000ull
#define XVCPU_HCR_EL2_AT_SHIFT 44
#define XVCPU_HCR_EL2_AT_MASK 0x100000000000ull
#define XVCPU_HCR_EL2_AT 0x100000000000ull
#define XVCPU_HCR_EL2_NV2_SHIFT 45
#define XVCPU_HCR_EL2_NV2_MASK 0x200000000000ull
#define XVCPU_HCR_EL2_NV2 0x200000000000ull
#define XVCPU_HCR_EL2_FWB_SHIFT 46
#define XVCPU_HCR_EL2_FWB_MASK 0x400000000000ull
#define XVCPU_HCR_EL2_FWB 0x400000000000ull
#define XVCPU_HCR_EL2_FIEN_SHIFT 47
#define XVCPU_HCR_EL2_FIEN_MASK 0x800000000000ull
#define XVCPU_HCR_EL2_FIEN 0x800000000000ull
#define XVCPU_HCR_EL2_GPF_SHIFT 48
#define XVCPU_HCR_EL2_GPF_MASK 0x1000000000000ull
#define XVCPU_HCR_EL2_GPF 0x1000000000000ull
#define XVCPU_HCR_EL2_TID4_SHIFT 49
#define XVCPU_HCR_EL2_TID4_MASK 0x2000000000000ull
#define XVCPU_HCR_EL2_TID4 0x2000000000000ull
#define XVCPU_HCR_EL2_TICAB_SHIFT 50
#define XVCPU_HCR_EL2_TICAB_MASK 0x4000000000000ull
#define XVCPU_HCR_EL2_TICAB 0x4000000000000ull
#define XVCPU_HCR_EL2_AMVOFFEN_SHIFT 51
#define XVCPU_HCR_EL2_AMVOFFEN_MASK 0x8000000000000ull
#define XVCPU_HCR_EL2_AMVOFFEN 0x8000000000000ull
#define XVCPU_HCR_EL2_TOCU_SHIFT 52
#define XVCPU_HCR_EL2_TOCU_MASK 0x10000000000000ull
#define XVCPU_HCR_EL2_TOCU 0x10000000000000ull
#define XVCPU_HCR_EL2_ENSCXT_SHIFT 53
#define XVCPU_HCR_EL2_ENSCXT_MASK 0x20000000000000ull
#define XVCPU_HCR_EL2_ENSCXT 0x20000000000000ull
#define XVCPU_HCR_EL2_TTLBIS_SHIFT 54
#define XVCPU_HCR_EL2_TTLBIS_MASK 0x40000000000000ull
#define XVCPU_HCR_EL2_TTLBIS 0x40000000000000ull
#define XVCPU_HCR_EL2_TTLBOS_SHIFT 55
#define XVCPU_HCR_EL2_TTLBOS_MASK 0x80000000000000ull
#define XVCPU_HCR_EL2_TTLBOS 0x80000000000000ull
#define XVCPU_HCR_EL2_ATA_SHIFT 56
#define XVCPU_HCR_EL2_ATA_MASK 0x100000000000000ull
#define XVCPU_HCR_EL2_ATA 0x100000000000000ull
#define XVCPU_HCR_EL2_DCT_SHIFT 57
#define XVCPU_HCR_EL2_DCT_MASK 0x200000000000000ull
#define XVCPU_HCR_EL2_DCT 0x200000000000000ull
#define XVCPU_HCR_EL2_TID5_SHIFT 58
#define XVCPU_HCR_EL2_TID5_MASK 0x400000000000000ull
#define XVCPU_HCR_EL2_TID5 0x400000000000000ull
#define XVCPU_HCR_EL2_TWEDEN_SHIFT 59
#define XVCPU_HCR_EL2_TWEDEN_MASK 0x800000000000000ull
#define XVCPU_HCR_EL2_TWEDEN 0x800000000000000ull
#define XVCPU_HCR_EL2_TWEDEL_SHIFT 60
#define XVCPU_HCR_EL2_TWEDEL_MASK 0xF000000000000000ull

#define XVCPU_HCR_EL2_RES0 0x0ull
#define XVCPU_HCR_EL2_RES1 0x0ull
/* VTCR_EL2: Virtualization translation control register (64 bits; Arm ARM D19.2.161) */
#define XVCPU_VTCR_EL2_T0SZ_SHIFT 0
#define XVCPU_VTCR_EL2_T0SZ_MASK 0x3Full
#define XVCPU_VTCR_EL2_SL0_SHIFT 6
#define XVCPU_VTCR_EL2_SL0_MASK 0xC0ull
#define XVCPU_VTCR_EL2_IRGN0_SHIFT 8
#define XVCPU_VTCR_EL2_IRGN0_MASK 0x300ull
#define XVCPU_VTCR_EL2_IRGN0_NC 0u
#define XVCPU_VTCR_EL2_IRGN0_WBWA 1u
#define XVCPU_VTCR_EL2_IRGN0_WT 2u
#define XVCPU_VTCR_EL2_IRGN0_WB 3u
#define XVCPU_VTCR_EL2_ORGN0_SHIFT 10
#define XVCPU_VTCR_EL2_ORGN0_MASK 0xC00ull
#define XVCPU_VTCR_EL2_ORGN0_NC 0u
#define XVCPU_VTCR_EL2_ORGN0_WBWA 1u
#define XVCPU_VTCR_EL2_ORGN0_WT 2u
#define XVCPU_VTCR_EL2_ORGN0_WB 3u
#define XVCPU_VTCR_EL2_SH0_SHIFT 12
#define XVCPU_VTCR_EL2_SH0_MASK 0x3000ull
#define XVCPU_VTCR_EL2_SH0_NONE 0u
#define XVCPU_VTCR_EL2_SH0_OUTER 2u
#define XVCPU_VTCR_EL2_SH0_INNER 3u
#define XVCPU_VTCR_EL2_TG0_SHIFT 14
#define XVCPU_VTCR_EL2_TG0_MASK 0xC000ull
#define XVCPU_VTCR_EL2_TG0_G4K 0u
#define XVCPU_VTCR_EL2_TG0_G64K 1u
#define XVCPU_VTCR_EL2_TG0_G16K 2u
#define XVCPU_VTCR_EL2_PS_SHIFT 16
#define XVCPU_VTCR_EL2_PS_MASK 0x70000ull
#define XVCPU_VTCR_EL2_VS_SHIFT 19
#define XVCPU_VTCR_EL2_VS_MASK 0x80000ull
#define XVCPU_VTCR_EL2_VS 0x80000ull
#define XVCPU_VTCR_EL2_HA_SHIFT 21
#define XVCPU_VTCR_EL2_HA_MASK 0x200000ull
#define XVCPU_VTCR_EL2_HA 0x200000ull
#define XVCPU_VTCR_EL2_HD_SHIFT 22
#define XVCPU_VTCR_EL2_HD_MASK 0x400000ull
#define XVCPU_VTCR_EL2_HD 0x400000ull
#define XVCPU_VTCR_EL2_HWU59_SHIFT 25
#define XVCPU_VTCR_EL2_HWU59_MASK 0x2000000ull
#define XVCPU_VTCR_EL2_HWU59 0x2000000ull
#define XVCPU_VTCR_EL2_HWU60_SHIFT 26
#define XVCPU_VTCR_EL2_HWU60_MASK 0x4000000ull
#define XVCPU_VTCR_EL2_HWU60 0x4000000ull
#define XVCPU_VTCR_EL2_HWU61_SHIFT 27
#define XVCPU_VTCR_EL2_HWU61_MASK 0x8000000ull
#define XVCPU_VTCR_EL2_HWU61 0x8000000ull
#define XVCPU_VTCR_EL2_HWU62_SHIFT 28
#define XVCPU_VTCR_EL2_HWU62_MASK 0x10000000ull
#define XVCPU_VTCR_EL2_HWU62 0x10000000ull
#define XVCPU_VTCR_EL2_NSW_SHIFT 29
#define XVCPU_VTCR_EL2_NSW_MASK 0x20000000ull
#define XVCPU_VTCR_EL2_NSW 0x20000000ull
#define XVCPU_VTCR_EL2_NSA_SHIFT 30
#define XVCPU_VTCR_EL2_NSA_MASK 0x40000000ull
#define XVCPU_VTCR_EL2_NSA 0x40000000ull
#define XVCPU_VTCR_EL2_DS_SHIFT 32
#define XVCPU_VTCR_EL2_DS_MASK 0x100000000ull
#define XVCPU_VTCR_EL2_DS 0x100000000ull
#define XVCPU_VTCR_EL2_SL2_SHIFT 33
#define XVCPU_VTCR_EL2_SL2_MASK 0x200000000ull
#define XVCPU_VTCR_EL2_SL2 0x200000000ull

#define XVCPU_VTCR_EL2_RES0 0xFFFFFFFC01900000ull
#define XVCPU_VTCR_EL2_RES1 0x80000000ull
/* VTTBR_EL2: Virtualization translation table base register (64 bits; Arm ARM D19.2.162) */
#define XVCPU_VTTBR_EL2_CNP_SHIFT 0
#define XVCPU_VTTBR_EL2_CNP_MASK 0x1ull
#define XVCPU_VTTBR_EL2_CNP 0x1ull
#define XVCPU_VTTBR_EL2_BADDR_SHIFT 1
#define XVCPU_VTTBR_EL2_BADDR_MASK 0xFFFFFFFFFFFEull
#define XVCPU_VTTBR_EL2_VMID_SHIFT 48
#define XVCPU_VTTBR_EL2_VMID_MASK 0xFFFF000000000000ull

#define XVCPU_VTTBR_EL2_RES0 0x0ull
#define XVCPU_VTTBR_EL2_RES1 0x0ull
/* SPSR_EL2: Saved program status register (exception from AArch64) (64 bits; Arm ARM D19.2.139) */
#define XVCPU_SPSR_EL2_M_SHIFT 0
#define XVCPU_SPSR_EL2_M_MASK 0xFull
#define XVCPU_SPSR_EL2_M_EL0T 0u
#define XVCPU_SPSR_EL2_M_EL1T 4u
#define XVCPU_SPSR_EL2_M_EL1H 5u
#define XVCPU_SPSR_EL2_M_EL2T 8u
#define XVCPU_SPSR_EL2_M_EL2H 9u
#define XVCPU_SPSR_EL2_M4_SHIFT 4
#define XVCPU_SPSR_EL2_M4_MASK 0x10ull
#define XVCPU_SPSR_EL2_M4 0x10ull
#define XVCPU_SPSR_EL2_F_SHIFT 6
#define XVCPU_SPSR_EL2_F_MASK 0x40ull
#define XVCPU_SPSR_EL2_F 0x40ull
#define XVCPU_SPSR_EL2_I_SHIFT 7
#define XVCPU_SPSR_EL2_I_MASK 0x80ull
#define XVCPU_SPSR_EL2_I 0x80ull
#define XVCPU_SPSR_EL2_A_SHIFT 8
#define XVCPU_SPSR_EL2_A_MASK 0x100ull
#define XVCPU_SPSR_EL2_A 0x100ull
#define XVCPU_SPSR_EL2_D_SHIFT 9
#define XVCPU_SPSR_EL2_D_MASK 0x200ull
#define XVCPU_SPSR_EL2_D 0x200ull
#define XVCPU_SPSR_EL2_BTYPE_SHIFT 10
#define XVCPU_SPSR_EL2_BTYPE_MASK 0xC00ull
#define XVCPU_SPSR_EL2_SSBS_SHIFT 12
#define XVCPU_SPSR_EL2_SSBS_MASK 0x1000ull
#define XVCPU_SPSR_EL2_SSBS 0x1000ull
#define XVCPU_SPSR_EL2_ALLINT_SHIFT 13
#define XVCPU_SPSR_EL2_ALLINT_MASK 0x2000ull
#define XVCPU_SPSR_EL2_ALLINT 0x2000ull
#define XVCPU_SPSR_EL2_IL_SHIFT 20
#define XVCPU_SPSR_EL2_IL_MASK 0x100000ull
#define XVCPU_SPSR_EL2_IL 0x100000ull
#define XVCPU_SPSR_EL2_SS_SHIFT 21
#define XVCPU_SPSR_EL2_SS_MASK 0x200000ull
#define XVCPU_SPSR_EL2_SS 0x200000ull
#define XVCPU_SPSR_EL2_PAN_SHIFT 22
#define XVCPU_SPSR_EL2_PAN_MASK 0x400000ull
#define XVCPU_SPSR_EL2_PAN 0x400000ull
#define XVCPU_SPSR_EL2_UAO_SHIFT 23
#define XVCPU_SPSR_EL2_UAO_MASK 0x800000ull
#define XVCPU_SPSR_EL2_UAO 0x800000ull
#define XVCPU_SPSR_EL2_DIT_SHIFT 24
#define XVCPU_SPSR_EL2_DIT_MASK 0x1000000ull
#define XVCPU_SPSR_EL2_DIT 0x1000000ull
#define XVCPU_SPSR_EL2_TCO_SHIFT 25
#define XVCPU_SPSR_EL2_TCO_MASK 0x2000000ull
#define XVCPU_SPSR_EL2_TCO 0x2000000ull
#define XVCPU_SPSR_EL2_V_SHIFT 28
#define XVCPU_SPSR_EL2_V_MASK 0x10000000ull
#define XVCPU_SPSR_EL2_V 0x10000000ull
#define XVCPU_SPSR_EL2_C_SHIFT 29
#define XVCPU_SPSR_EL2_C_MASK 0x20000000ull
#define XVCPU_SPSR_EL2_C 0x20000000ull
#define XVCPU_SPSR_EL2_Z_SHIFT 30
#define XVCPU_SPSR_EL2_Z_MASK 0x40000000ull
#define XVCPU_SPSR_EL2_Z 0x40000000ull
#define XVCPU_SPSR_EL2_N_SHIFT 31
#define XVCPU_SPSR_EL2_N_MASK 0x80000000ull
#define XVCPU_SPSR_EL2_N 0x80000000ull

#define XVCPU_SPSR_EL2_RES0 0xFFFFFFFF0C0FC020ull
#define XVCPU_SPSR_EL2_RES1 0x0ull
/* CNTHCTL_EL2: Counter-timer hypervisor control (HCR_EL2.E2H = 0) (64 bits; Arm ARM D19.10.2) */
#define XVCPU_CNTHCTL_EL2_EL1PCTEN_SHIFT 0
#define XVCPU_CNTHCTL_EL2_EL1PCTEN_MASK 0x1ull
#define XVCPU_CNTHCTL_EL2_EL1PCTEN 0x1ull
#define XVCPU_CNTHCTL_EL2_EL1PCEN_SHIFT 1
#define XVCPU_CNTHCTL_EL2_EL1PCEN_MASK 0x2ull
#define XVCPU_CNTHCTL_EL2_EL1PCEN 0x2ull
#define XVCPU_CNTHCTL_EL2_EVNTEN_SHIFT 2
#define XVCPU_CNTHCTL_EL2_EVNTEN_MASK 0x4ull
#define XVCPU_CNTHCTL_EL2_EVNTEN 0x4ull
#define XVCPU_CNTHCTL_EL2_EVNTDIR_SHIFT 3
#define XVCPU_CNTHCTL_EL2_EVNTDIR_MASK 0x8ull
#define XVCPU_CNTHCTL_EL2_EVNTDIR 0x8ull
#define XVCPU_CNTHCTL_EL2_EVNTI_SHIFT 4
#define XVCPU_CNTHCTL_EL2_EVNTI_MASK 0xF0ull

#define XVCPU_CNTHCTL_EL2_RES0 0xFFFFFFFFFFFFFF00ull
#define XVCPU_CNTHCTL_EL2_RES1 0x0ull
/* ESR_EL2: Exception syndrome register (EL2) (64 bits; Arm ARM D19.2.41) */
#define XVCPU_ESR_EL2_ISS_SHIFT 0
#define XVCPU_ESR_EL2_ISS_MASK 0x1FFFFFFull
#define XVCPU_ESR_EL2_IL_SHIFT 25
#define XVCPU_ESR_EL2_IL_MASK 0x2000000ull
#define XVCPU_ESR_EL2_IL 0x2000000ull
#define XVCPU_ESR_EL2_EC_SHIFT 26
#define XVCPU_ESR_EL2_EC_MASK 0xFC000000ull
#define XVCPU_ESR_EL2_ISS2_SHIFT 32
#define XVCPU_ESR_EL2_ISS2_MASK 0x1F00000000ull

#define XVCPU_ESR_EL2_RES0 0xFFFFFFE000000000ull
#define XVCPU_ESR_EL2_RES1 0x0ull
/* HPFAR_EL2: Hypervisor IPA fault address register (64 bits; Arm ARM D19.2.52) */
#define XVCPU_HPFAR_EL2_FIPA_SHIFT 4
#define XVCPU_HPFAR_EL2_FIPA_MASK 0xFFFFFFFFFF0ull
#define XVCPU_HPFAR_EL2_NS_SHIFT 63
#define XVCPU_HPFAR_EL2_NS_MASK 0x8000000000000000ull
#define XVCPU_HPFAR_EL2_NS 0x8000000000000000ull

#define XVCPU_HPFAR_EL2_RES0 0x7FFFF0000000000Full
#define XVCPU_HPFAR_EL2_RES1 0x0ull
/* CPTR_EL2: Architectural feature trap register (EL2, E2H = 0) (64 bits; Arm ARM D19.2.29) */
#define XVCPU_CPTR_EL2_TZ_SHIFT 8
#define XVCPU_CPTR_EL2_TZ_MASK 0x100ull
#define XVCPU_CPTR_EL2_TZ 0x100ull
#define XVCPU_CPTR_EL2_TFP_SHIFT 10
#define XVCPU_CPTR_EL2_TFP_MASK 0x400ull
#define XVCPU_CPTR_EL2_TFP 0x400ull
#define XVCPU_CPTR_EL2_TSM_SHIFT 12
#define XVCPU_CPTR_EL2_TSM_MASK 0x1000ull
#define XVCPU_CPTR_EL2_TSM 0x1000ull
#define XVCPU_CPTR_EL2_TTA_SHIFT 20
#define XVCPU_CPTR_EL2_TTA_MASK 0x100000ull
#define XVCPU_CPTR_EL2_TTA 0x100000ull
#define XVCPU_CPTR_EL2_TAM_SHIFT 30
#define XVCPU_CPTR_EL2_TAM_MASK 0x40000000ull
#define XVCPU_CPTR_EL2_TAM 0x40000000ull
#define XVCPU_CPTR_EL2_TCPAC_SHIFT 31
#define XVCPU_CPTR_EL2_TCPAC_MASK 0x80000000ull
#define XVCPU_CPTR_EL2_TCPAC 0x80000000ull

#define XVCPU_CPTR_EL2_RES0 0xFFFFFFFF3FEFC800ull
#define XVCPU_CPTR_EL2_RES1 0x22FFull
/* MDCR_EL2: Monitor debug configuration (EL2) (64 bits; Arm ARM D19.3.17) */
#define XVCPU_MDCR_EL2_HPMN_SHIFT 0
#define XVCPU_MDCR_EL2_HPMN_MASK 0x1Full
#define XVCPU_MDCR_EL2_TPMCR_SHIFT 5
#define XVCPU_MDCR_EL2_TPMCR_MASK 0x20ull
#define XVCPU_MDCR_EL2_TPMCR 0x20ull
#define XVCPU_MDCR_EL2_TPM_SHIFT 6
#define XVCPU_MDCR_EL2_TPM_MASK 0x40ull
#define XVCPU_MDCR_EL2_TPM 0x40ull
#define XVCPU_MDCR_EL2_HPME_SHIFT 7
#define XVCPU_MDCR_EL2_HPME_MASK 0x80ull
#define XVCPU_MDCR_EL2_HPME 0x80ull
#define XVCPU_MDCR_EL2_TDE_SHIFT 8
#define XVCPU_MDCR_EL2_TDE_MASK 0x100ull
#define XVCPU_MDCR_EL2_TDE 0x100ull
#define XVCPU_MDCR_EL2_TDA_SHIFT 9
#define XVCPU_MDCR_EL2_TDA_MASK 0x200ull
#define XVCPU_MDCR_EL2_TDA 0x200ull
#define XVCPU_MDCR_EL2_TDOSA_SHIFT 10
#define XVCPU_MDCR_EL2_TDOSA_MASK 0x400ull
#define XVCPU_MDCR_EL2_TDOSA 0x400ull
#define XVCPU_MDCR_EL2_TDRA_SHIFT 11
#define XVCPU_MDCR_EL2_TDRA_MASK 0x800ull
#define XVCPU_MDCR_EL2_TDRA 0x800ull
#define XVCPU_MDCR_EL2_E2PB_SHIFT 12
#define XVCPU_MDCR_EL2_E2PB_MASK 0x3000ull
#define XVCPU_MDCR_EL2_TPMS_SHIFT 14
#define XVCPU_MDCR_EL2_TPMS_MASK 0x4000ull
#define XVCPU_MDCR_EL2_TPMS 0x4000ull
#define XVCPU_MDCR_EL2_HPMD_SHIFT 17
#define XVCPU_MDCR_EL2_HPMD_MASK 0x20000ull
#define XVCPU_MDCR_EL2_HPMD 0x20000ull
#define XVCPU_MDCR_EL2_TTRF_SHIFT 19
#define XVCPU_MDCR_EL2_TTRF_MASK 0x80000ull
#define XVCPU_MDCR_EL2_TTRF 0x80000ull

#define XVCPU_MDCR_EL2_RES0 0xFFFFFFFFFFF58000ull
#define XVCPU_MDCR_EL2_RES1 0x0ull
/* MPIDR_EL1: Multiprocessor affinity register (64 bits; Arm ARM D19.2.101) */
#define XVCPU_MPIDR_EL1_AFF0_SHIFT 0
#define XVCPU_MPIDR_EL1_AFF0_MASK 0xFFull
#define XVCPU_MPIDR_EL1_AFF1_SHIFT 8
#define XVCPU_MPIDR_EL1_AFF1_MASK 0xFF00ull
#define XVCPU_MPIDR_EL1_AFF2_SHIFT 16
#define XVCPU_MPIDR_EL1_AFF2_MASK 0xFF0000ull
#define XVCPU_MPIDR_EL1_MT_SHIFT 24
#define XVCPU_MPIDR_EL1_MT_MASK 0x1000000ull
#define XVCPU_MPIDR_EL1_MT 0x1000000ull
#define XVCPU_MPIDR_EL1_U_SHIFT 30
#define XVCPU_MPIDR_EL1_U_MASK 0x40000000ull
#define XVCPU_MPIDR_EL1_U 0x40000000ull
#define XVCPU_MPIDR_EL1_AFF3_SHIFT 32
#define XVCPU_MPIDR_EL1_AFF3_MASK 0xFF00000000ull

#define XVCPU_MPIDR_EL1_RES0 0xFFFFFF003E000000ull
#define XVCPU_MPIDR_EL1_RES1 0x80000000ull
/* ID_AA64PFR0_EL1: AArch64 processor feature register 0 (64 bits; Arm ARM D19.2.64) */
#define XVCPU_ID_AA64PFR0_EL1_EL0_SHIFT 0
#define XVCPU_ID_AA64PFR0_EL1_EL0_MASK 0xFull
#define XVCPU_ID_AA64PFR0_EL1_EL1_SHIFT 4
#define XVCPU_ID_AA64PFR0_EL1_EL1_MASK 0xF0ull
#define XVCPU_ID_AA64PFR0_EL1_EL2_SHIFT 8
#define XVCPU_ID_AA64PFR0_EL1_EL2_MASK 0xF00ull
#define XVCPU_ID_AA64PFR0_EL1_EL3_SHIFT 12
#define XVCPU_ID_AA64PFR0_EL1_EL3_MASK 0xF000ull
#define XVCPU_ID_AA64PFR0_EL1_FP_SHIFT 16
#define XVCPU_ID_AA64PFR0_EL1_FP_MASK 0xF0000ull
#define XVCPU_ID_AA64PFR0_EL1_ADVSIMD_SHIFT 20
#define XVCPU_ID_AA64PFR0_EL1_ADVSIMD_MASK 0xF00000ull
#define XVCPU_ID_AA64PFR0_EL1_GIC_SHIFT 24
#define XVCPU_ID_AA64PFR0_EL1_GIC_MASK 0xF000000ull
#define XVCPU_ID_AA64PFR0_EL1_RAS_SHIFT 28
#define XVCPU_ID_AA64PFR0_EL1_RAS_MASK 0xF0000000ull
#define XVCPU_ID_AA64PFR0_EL1_SVE_SHIFT 32
#define XVCPU_ID_AA64PFR0_EL1_SVE_MASK 0xF00000000ull
#define XVCPU_ID_AA64PFR0_EL1_SEL2_SHIFT 36
#define XVCPU_ID_AA64PFR0_EL1_SEL2_MASK 0xF000000000ull
#define XVCPU_ID_AA64PFR0_EL1_MPAM_SHIFT 40
#define XVCPU_ID_AA64PFR0_EL1_MPAM_MASK 0xF0000000000ull
#define XVCPU_ID_AA64PFR0_EL1_AMU_SHIFT 44
#define XVCPU_ID_AA64PFR0_EL1_AMU_MASK 0xF00000000000ull
#define XVCPU_ID_AA64PFR0_EL1_DIT_SHIFT 48
#define XVCPU_ID_AA64PFR0_EL1_DIT_MASK 0xF000000000000ull
#define XVCPU_ID_AA64PFR0_EL1_RME_SHIFT 52
#define XVCPU_ID_AA64PFR0_EL1_RME_MASK 0xF0000000000000ull
#define XVCPU_ID_AA64PFR0_EL1_CSV2_SHIFT 56
#define XVCPU_ID_AA64PFR0_EL1_CSV2_MASK 0xF00000000000000ull
#define XVCPU_ID_AA64PFR0_EL1_CSV3_SHIFT 60
#define XVCPU_ID_AA64PFR0_EL1_CSV3_MASK 0xF000000000000000ull

#define XVCPU_ID_AA64PFR0_EL1_RES0 0x0ull
#define XVCPU_ID_AA64PFR0_EL1_RES1 0x0ull
/* ID_AA64MMFR0_EL1: AArch64 memory model feature register 0 (64 bits; Arm ARM D19.2.60) */
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_SHIFT 0
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_MASK 0xFull
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA32 0u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA36 1u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA40 2u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA42 3u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA44 4u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA48 5u
#define XVCPU_ID_AA64MMFR0_EL1_PARANGE_PA52 6u
#define XVCPU_ID_AA64MMFR0_EL1_ASIDBITS_SHIFT 4
#define XVCPU_ID_AA64MMFR0_EL1_ASIDBITS_MASK 0xF0ull
#define XVCPU_ID_AA64MMFR0_EL1_BIGEND_SHIFT 8
#define XVCPU_ID_AA64MMFR0_EL1_BIGEND_MASK 0xF00ull
#define XVCPU_ID_AA64MMFR0_EL1_SNSMEM_SHIFT 12
#define XVCPU_ID_AA64MMFR0_EL1_SNSMEM_MASK 0xF000ull
#define XVCPU_ID_AA64MMFR0_EL1_BIGENDEL0_SHIFT 16
#define XVCPU_ID_AA64MMFR0_EL1_BIGENDEL0_MASK 0xF0000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN16_SHIFT 20
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN16_MASK 0xF00000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN64_SHIFT 24
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN64_MASK 0xF000000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN4_SHIFT 28
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN4_MASK 0xF0000000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN16_2_SHIFT 32
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN16_2_MASK 0xF00000000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN64_2_SHIFT 36
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN64_2_MASK 0xF000000000ull
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN4_2_SHIFT 40
#define XVCPU_ID_AA64MMFR0_EL1_TGRAN4_2_MASK 0xF0000000000ull
#define XVCPU_ID_AA64MMFR0_EL1_EXS_SHIFT 44
#define XVCPU_ID_AA64MMFR0_EL1_EXS_MASK 0xF00000000000ull
#define XVCPU_ID_AA64MMFR0_EL1_FGT_SHIFT 56
#define XVCPU_ID_AA64MMFR0_EL1_FGT_MASK 0xF00000000000000ull
#define XVCPU_ID_AA64MMFR0_EL1_ECV_SHIFT 60
#define XVCPU_ID_AA64MMFR0_EL1_ECV_MASK 0xF000000000000000ull

#define XVCPU_ID_AA64MMFR0_EL1_RES0 0xFF000000000000ull
#define XVCPU_ID_AA64MMFR0_EL1_RES1 0x0ull
/* ID_AA64MMFR1_EL1: AArch64 memory model feature register 1 (64 bits; Arm ARM D19.2.61) */
#define XVCPU_ID_AA64MMFR1_EL1_HAFDBS_SHIFT 0
#define XVCPU_ID_AA64MMFR1_EL1_HAFDBS_MASK 0xFull
#define XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_SHIFT 4
#define XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_MASK 0xF0ull
#define XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_VMID8 0u
#define XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_VMID16 2u
#define XVCPU_ID_AA64MMFR1_EL1_VH_SHIFT 8
#define XVCPU_ID_AA64MMFR1_EL1_VH_MASK 0xF00ull
#define XVCPU_ID_AA64MMFR1_EL1_HPDS_SHIFT 12
#define XVCPU_ID_AA64MMFR1_EL1_HPDS_MASK 0xF000ull
#define XVCPU_ID_AA64MMFR1_EL1_LO_SHIFT 16
#define XVCPU_ID_AA64MMFR1_EL1_LO_MASK 0xF0000ull
#define XVCPU_ID_AA64MMFR1_EL1_PAN_SHIFT 20
#define XVCPU_ID_AA64MMFR1_EL1_PAN_MASK 0xF00000ull
#define XVCPU_ID_AA64MMFR1_EL1_SPECSEI_SHIFT 24
#define XVCPU_ID_AA64MMFR1_EL1_SPECSEI_MASK 0xF000000ull
#define XVCPU_ID_AA64MMFR1_EL1_XNX_SHIFT 28
#define XVCPU_ID_AA64MMFR1_EL1_XNX_MASK 0xF0000000ull
#define XVCPU_ID_AA64MMFR1_EL1_TWED_SHIFT 32
#define XVCPU_ID_AA64MMFR1_EL1_TWED_MASK 0xF00000000ull
#define XVCPU_ID_AA64MMFR1_EL1_ETS_SHIFT 36
#define XVCPU_ID_AA64MMFR1_EL1_ETS_MASK 0xF000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_HCX_SHIFT 40
#define XVCPU_ID_AA64MMFR1_EL1_HCX_MASK 0xF0000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_AFP_SHIFT 44
#define XVCPU_ID_AA64MMFR1_EL1_AFP_MASK 0xF00000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_NTLBPA_SHIFT 48
#define XVCPU_ID_AA64MMFR1_EL1_NTLBPA_MASK 0xF000000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_TIDCP1_SHIFT 52
#define XVCPU_ID_AA64MMFR1_EL1_TIDCP1_MASK 0xF0000000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_CMOW_SHIFT 56
#define XVCPU_ID_AA64MMFR1_EL1_CMOW_MASK 0xF00000000000000ull
#define XVCPU_ID_AA64MMFR1_EL1_ECBHB_SHIFT 60
#define XVCPU_ID_AA64MMFR1_EL1_ECBHB_MASK 0xF000000000000000ull

#define XVCPU_ID_AA64MMFR1_EL1_RES0 0x0ull
#define XVCPU_ID_AA64MMFR1_EL1_RES1 0x0ull
/* SCTLR_EL1: System control register (EL1) (64 bits; Arm ARM D19.2.118) */
#define XVCPU_SCTLR_EL1_M_SHIFT 0
#define XVCPU_SCTLR_EL1_M_MASK 0x1ull
#define XVCPU_SCTLR_EL1_M 0x1ull
#define XVCPU_SCTLR_EL1_A_SHIFT 1
#define XVCPU_SCTLR_EL1_A_MASK 0x2ull
#define XVCPU_SCTLR_EL1_A 0x2ull
#define XVCPU_SCTLR_EL1_C_SHIFT 2
#define XVCPU_SCTLR_EL1_C_MASK 0x4ull
#define XVCPU_SCTLR_EL1_C 0x4ull
#define XVCPU_SCTLR_EL1_SA_SHIFT 3
#define XVCPU_SCTLR_EL1_SA_MASK 0x8ull
#define XVCPU_SCTLR_EL1_SA 0x8ull
#define XVCPU_SCTLR_EL1_SA0_SHIFT 4
#define XVCPU_SCTLR_EL1_SA0_MASK 0x10ull
#define XVCPU_SCTLR_EL1_SA0 0x10ull
#define XVCPU_SCTLR_EL1_CP15BEN_SHIFT 5
#define XVCPU_SCTLR_EL1_CP15BEN_MASK 0x20ull
#define XVCPU_SCTLR_EL1_CP15BEN 0x20ull
#define XVCPU_SCTLR_EL1_NAA_SHIFT 6
#define XVCPU_SCTLR_EL1_NAA_MASK 0x40ull
#define XVCPU_SCTLR_EL1_NAA 0x40ull
#define XVCPU_SCTLR_EL1_ITD_SHIFT 7
#define XVCPU_SCTLR_EL1_ITD_MASK 0x80ull
#define XVCPU_SCTLR_EL1_ITD 0x80ull
#define XVCPU_SCTLR_EL1_SED_SHIFT 8
#define XVCPU_SCTLR_EL1_SED_MASK 0x100ull
#define XVCPU_SCTLR_EL1_SED 0x100ull
#define XVCPU_SCTLR_EL1_UMA_SHIFT 9
#define XVCPU_SCTLR_EL1_UMA_MASK 0x200ull
#define XVCPU_SCTLR_EL1_UMA 0x200ull
#define XVCPU_SCTLR_EL1_ENRCTX_SHIFT 10
#define XVCPU_SCTLR_EL1_ENRCTX_MASK 0x400ull
#define XVCPU_SCTLR_EL1_ENRCTX 0x400ull
#define XVCPU_SCTLR_EL1_EOS_SHIFT 11
#define XVCPU_SCTLR_EL1_EOS_MASK 0x800ull
#define XVCPU_SCTLR_EL1_EOS 0x800ull
#define XVCPU_SCTLR_EL1_I_SHIFT 12
#define XVCPU_SCTLR_EL1_I_MASK 0x1000ull
#define XVCPU_SCTLR_EL1_I 0x1000ull
#define XVCPU_SCTLR_EL1_ENDB_SHIFT 13
#define XVCPU_SCTLR_EL1_ENDB_MASK 0x2000ull
#define XVCPU_SCTLR_EL1_ENDB 0x2000ull
#define XVCPU_SCTLR_EL1_DZE_SHIFT 14
#define XVCPU_SCTLR_EL1_DZE_MASK 0x4000ull
#define XVCPU_SCTLR_EL1_DZE 0x4000ull
#define XVCPU_SCTLR_EL1_UCT_SHIFT 15
#define XVCPU_SCTLR_EL1_UCT_MASK 0x8000ull
#define XVCPU_SCTLR_EL1_UCT 0x8000ull
#define XVCPU_SCTLR_EL1_NTWI_SHIFT 16
#define XVCPU_SCTLR_EL1_NTWI_MASK 0x10000ull
#define XVCPU_SCTLR_EL1_NTWI 0x10000ull
#define XVCPU_SCTLR_EL1_NTWE_SHIFT 18
#define XVCPU_SCTLR_EL1_NTWE_MASK 0x40000ull
#define XVCPU_SCTLR_EL1_NTWE 0x40000ull
#define XVCPU_SCTLR_EL1_WXN_SHIFT 19
#define XVCPU_SCTLR_EL1_WXN_MASK 0x80000ull
#define XVCPU_SCTLR_EL1_WXN 0x80000ull
#define XVCPU_SCTLR_EL1_TSCXT_SHIFT 20
#define XVCPU_SCTLR_EL1_TSCXT_MASK 0x100000ull
#define XVCPU_SCTLR_EL1_TSCXT 0x100000ull
#define XVCPU_SCTLR_EL1_IESB_SHIFT 21
#define XVCPU_SCTLR_EL1_IESB_MASK 0x200000ull
#define XVCPU_SCTLR_EL1_IESB 0x200000ull
#define XVCPU_SCTLR_EL1_EIS_SHIFT 22
#define XVCPU_SCTLR_EL1_EIS_MASK 0x400000ull
#define XVCPU_SCTLR_EL1_EIS 0x400000ull
#define XVCPU_SCTLR_EL1_SPAN_SHIFT 23
#define XVCPU_SCTLR_EL1_SPAN_MASK 0x800000ull
#define XVCPU_SCTLR_EL1_SPAN 0x800000ull
#define XVCPU_SCTLR_EL1_E0E_SHIFT 24
#define XVCPU_SCTLR_EL1_E0E_MASK 0x1000000ull
#define XVCPU_SCTLR_EL1_E0E 0x1000000ull
#define XVCPU_SCTLR_EL1_EE_SHIFT 25
#define XVCPU_SCTLR_EL1_EE_MASK 0x2000000ull
#define XVCPU_SCTLR_EL1_EE 0x2000000ull
#define XVCPU_SCTLR_EL1_UCI_SHIFT 26
#define XVCPU_SCTLR_EL1_UCI_MASK 0x4000000ull
#define XVCPU_SCTLR_EL1_UCI 0x4000000ull
#define XVCPU_SCTLR_EL1_ENDA_SHIFT 27
#define XVCPU_SCTLR_EL1_ENDA_MASK 0x8000000ull
#define XVCPU_SCTLR_EL1_ENDA 0x8000000ull
#define XVCPU_SCTLR_EL1_NTLSMD_SHIFT 28
#define XVCPU_SCTLR_EL1_NTLSMD_MASK 0x10000000ull
#define XVCPU_SCTLR_EL1_NTLSMD 0x10000000ull
#define XVCPU_SCTLR_EL1_LSMAOE_SHIFT 29
#define XVCPU_SCTLR_EL1_LSMAOE_MASK 0x20000000ull
#define XVCPU_SCTLR_EL1_LSMAOE 0x20000000ull
#define XVCPU_SCTLR_EL1_ENIB_SHIFT 30
#define XVCPU_SCTLR_EL1_ENIB_MASK 0x40000000ull
#define XVCPU_SCTLR_EL1_ENIB 0x40000000ull
#define XVCPU_SCTLR_EL1_ENIA_SHIFT 31
#define XVCPU_SCTLR_EL1_ENIA_MASK 0x80000000ull
#define XVCPU_SCTLR_EL1_ENIA 0x80000000ull

#define XVCPU_SCTLR_EL1_RES0 0xFFFFFFFF00020000ull
#define XVCPU_SCTLR_EL1_RES1 0x0ull
/* TCR_EL1: Translation control register (EL1) (64 bits; Arm ARM D19.2.139) */
#define XVCPU_TCR_EL1_T0SZ_SHIFT 0
#define XVCPU_TCR_EL1_T0SZ_MASK 0x3Full
#define XVCPU_TCR_EL1_EPD0_SHIFT 7
#define XVCPU_TCR_EL1_EPD0_MASK 0x80ull
#define XVCPU_TCR_EL1_EPD0 0x80ull
#define XVCPU_TCR_EL1_IRGN0_SHIFT 8
#define XVCPU_TCR_EL1_IRGN0_MASK 0x300ull
#define XVCPU_TCR_EL1_ORGN0_SHIFT 10
#define XVCPU_TCR_EL1_ORGN0_MASK 0xC00ull
#define XVCPU_TCR_EL1_SH0_SHIFT 12
#define XVCPU_TCR_EL1_SH0_MASK 0x3000ull
#define XVCPU_TCR_EL1_TG0_SHIFT 14
#define XVCPU_TCR_EL1_TG0_MASK 0xC000ull
#define XVCPU_TCR_EL1_TG0_G4K 0u
#define XVCPU_TCR_EL1_TG0_G64K 1u
#define XVCPU_TCR_EL1_TG0_G16K 2u
#define XVCPU_TCR_EL1_T1SZ_SHIFT 16
#define XVCPU_TCR_EL1_T1SZ_MASK 0x3F0000ull
#define XVCPU_TCR_EL1_A1_SHIFT 22
#define XVCPU_TCR_EL1_A1_MASK 0x400000ull
#define XVCPU_TCR_EL1_A1 0x400000ull
#define XVCPU_TCR_EL1_EPD1_SHIFT 23
#define XVCPU_TCR_EL1_EPD1_MASK 0x800000ull
#define XVCPU_TCR_EL1_EPD1 0x800000ull
#define XVCPU_TCR_EL1_IRGN1_SHIFT 24
#define XVCPU_TCR_EL1_IRGN1_MASK 0x3000000ull
#define XVCPU_TCR_EL1_ORGN1_SHIFT 26
#define XVCPU_TCR_EL1_ORGN1_MASK 0xC000000ull
#define XVCPU_TCR_EL1_SH1_SHIFT 28
#define XVCPU_TCR_EL1_SH1_MASK 0x30000000ull
#define XVCPU_TCR_EL1_TG1_SHIFT 30
#define XVCPU_TCR_EL1_TG1_MASK 0xC0000000ull
#define XVCPU_TCR_EL1_TG1_G16K 1u
#define XVCPU_TCR_EL1_TG1_G4K 2u
#define XVCPU_TCR_EL1_TG1_G64K 3u
#define XVCPU_TCR_EL1_IPS_SHIFT 32
#define XVCPU_TCR_EL1_IPS_MASK 0x700000000ull
#define XVCPU_TCR_EL1_AS_SHIFT 36
#define XVCPU_TCR_EL1_AS_MASK 0x1000000000ull
#define XVCPU_TCR_EL1_AS 0x1000000000ull
#define XVCPU_TCR_EL1_TBI0_SHIFT 37
#define XVCPU_TCR_EL1_TBI0_MASK 0x2000000000ull
#define XVCPU_TCR_EL1_TBI0 0x2000000000ull
#define XVCPU_TCR_EL1_TBI1_SHIFT 38
#define XVCPU_TCR_EL1_TBI1_MASK 0x4000000000ull
#define XVCPU_TCR_EL1_TBI1 0x4000000000ull
#define XVCPU_TCR_EL1_HA_SHIFT 39
#define XVCPU_TCR_EL1_HA_MASK 0x8000000000ull
#define XVCPU_TCR_EL1_HA 0x8000000000ull
#define XVCPU_TCR_EL1_HD_SHIFT 40
#define XVCPU_TCR_EL1_HD_MASK 0x10000000000ull
#define XVCPU_TCR_EL1_HD 0x10000000000ull
#define XVCPU_TCR_EL1_HPD0_SHIFT 41
#define XVCPU_TCR_EL1_HPD0_MASK 0x20000000000ull
#define XVCPU_TCR_EL1_HPD0 0x20000000000ull
#define XVCPU_TCR_EL1_HPD1_SHIFT 42
#define XVCPU_TCR_EL1_HPD1_MASK 0x40000000000ull
#define XVCPU_TCR_EL1_HPD1 0x40000000000ull
#define XVCPU_TCR_EL1_HWU059_SHIFT 43
#define XVCPU_TCR_EL1_HWU059_MASK 0x80000000000ull
#define XVCPU_TCR_EL1_HWU059 0x80000000000ull
#define XVCPU_TCR_EL1_HWU060_SHIFT 44
#define XVCPU_TCR_EL1_HWU060_MASK 0x100000000000ull
#define XVCPU_TCR_EL1_HWU060 0x100000000000ull
#define XVCPU_TCR_EL1_HWU061_SHIFT 45
#define XVCPU_TCR_EL1_HWU061_MASK 0x200000000000ull
#define XVCPU_TCR_EL1_HWU061 0x200000000000ull
#define XVCPU_TCR_EL1_HWU062_SHIFT 46
#define XVCPU_TCR_EL1_HWU062_MASK 0x400000000000ull
#define XVCPU_TCR_EL1_HWU062 0x400000000000ull
#define XVCPU_TCR_EL1_HWU159_SHIFT 47
#define XVCPU_TCR_EL1_HWU159_MASK 0x800000000000ull
#define XVCPU_TCR_EL1_HWU159 0x800000000000ull
#define XVCPU_TCR_EL1_HWU160_SHIFT 48
#define XVCPU_TCR_EL1_HWU160_MASK 0x1000000000000ull
#define XVCPU_TCR_EL1_HWU160 0x1000000000000ull
#define XVCPU_TCR_EL1_HWU161_SHIFT 49
#define XVCPU_TCR_EL1_HWU161_MASK 0x2000000000000ull
#define XVCPU_TCR_EL1_HWU161 0x2000000000000ull
#define XVCPU_TCR_EL1_HWU162_SHIFT 50
#define XVCPU_TCR_EL1_HWU162_MASK 0x4000000000000ull
#define XVCPU_TCR_EL1_HWU162 0x4000000000000ull
#define XVCPU_TCR_EL1_TBID0_SHIFT 51
#define XVCPU_TCR_EL1_TBID0_MASK 0x8000000000000ull
#define XVCPU_TCR_EL1_TBID0 0x8000000000000ull
#define XVCPU_TCR_EL1_TBID1_SHIFT 52
#define XVCPU_TCR_EL1_TBID1_MASK 0x10000000000000ull
#define XVCPU_TCR_EL1_TBID1 0x10000000000000ull
#define XVCPU_TCR_EL1_NFD0_SHIFT 53
#define XVCPU_TCR_EL1_NFD0_MASK 0x20000000000000ull
#define XVCPU_TCR_EL1_NFD0 0x20000000000000ull
#define XVCPU_TCR_EL1_NFD1_SHIFT 54
#define XVCPU_TCR_EL1_NFD1_MASK 0x40000000000000ull
#define XVCPU_TCR_EL1_NFD1 0x40000000000000ull
#define XVCPU_TCR_EL1_E0PD0_SHIFT 55
#define XVCPU_TCR_EL1_E0PD0_MASK 0x80000000000000ull
#define XVCPU_TCR_EL1_E0PD0 0x80000000000000ull
#define XVCPU_TCR_EL1_E0PD1_SHIFT 56
#define XVCPU_TCR_EL1_E0PD1_MASK 0x100000000000000ull
#define XVCPU_TCR_EL1_E0PD1 0x100000000000000ull
#define XVCPU_TCR_EL1_TCMA0_SHIFT 57
#define XVCPU_TCR_EL1_TCMA0_MASK 0x200000000000000ull
#define XVCPU_TCR_EL1_TCMA0 0x200000000000000ull
#define XVCPU_TCR_EL1_TCMA1_SHIFT 58
#define XVCPU_TCR_EL1_TCMA1_MASK 0x400000000000000ull
#define XVCPU_TCR_EL1_TCMA1 0x400000000000000ull
#define XVCPU_TCR_EL1_DS_SHIFT 59
#define XVCPU_TCR_EL1_DS_MASK 0x800000000000000ull
#define XVCPU_TCR_EL1_DS 0x800000000000000ull

#define XVCPU_TCR_EL1_RES0 0xF000000800000040ull
#define XVCPU_TCR_EL1_RES1 0x0ull
/* ICC_SGI1R_EL1: GICv3 software generated interrupt group 1 register (64 bits; GIC IHI0069 12.2.22) */
#define XVCPU_ICC_SGI1R_EL1_TARGETLIST_SHIFT 0
#define XVCPU_ICC_SGI1R_EL1_TARGETLIST_MASK 0xFFFFull
#define XVCPU_ICC_SGI1R_EL1_AFF1_SHIFT 16
#define XVCPU_ICC_SGI1R_EL1_AFF1_MASK 0xFF0000ull
#define XVCPU_ICC_SGI1R_EL1_INTID_SHIFT 24
#define XVCPU_ICC_SGI1R_EL1_INTID_MASK 0xF000000ull
#define XVCPU_ICC_SGI1R_EL1_AFF2_SHIFT 32
#define XVCPU_ICC_SGI1R_EL1_AFF2_MASK 0xFF00000000ull
#define XVCPU_ICC_SGI1R_EL1_IRM_SHIFT 40
#define XVCPU_ICC_SGI1R_EL1_IRM_MASK 0x10000000000ull
#define XVCPU_ICC_SGI1R_EL1_IRM 0x10000000000ull
#define XVCPU_ICC_SGI1R_EL1_RS_SHIFT 44
#define XVCPU_ICC_SGI1R_EL1_RS_MASK 0xF00000000000ull
#define XVCPU_ICC_SGI1R_EL1_AFF3_SHIFT 48
#define XVCPU_ICC_SGI1R_EL1_AFF3_MASK 0xFF000000000000ull

#define XVCPU_ICC_SGI1R_EL1_RES0 0xFF000E00F0000000ull
#define XVCPU_ICC_SGI1R_EL1_RES1 0x0ull
/* X(NAME) for each register of a role: saved (the guest's EL1/EL0 context switched at bind and
 * unbind), tvm (MMU registers HCR_EL2.TVM traps; also switched), id (the TID3 ID registers). */
#define XVCPU_ARM64_SAVED_SYSREGS(X) \
    X(SCTLR_EL1) \
    X(TTBR0_EL1) \
    X(TTBR1_EL1) \
    X(TCR_EL1) \
    X(ESR_EL1) \
    X(AFSR0_EL1) \
    X(AFSR1_EL1) \
    X(FAR_EL1) \
    X(MAIR_EL1) \
    X(AMAIR_EL1) \
    X(CONTEXTIDR_EL1) \
    X(VBAR_EL1) \
    X(PAR_EL1) \
    X(TPIDR_EL1) \
    X(TPIDR_EL0) \
    X(TPIDRRO_EL0) \
    X(CNTKCTL_EL1) \
    X(CSSELR_EL1) \
    X(ELR_EL1) \
    X(SPSR_EL1) \
    X(SP_EL1) \
    X(SP_EL0) \
    X(CNTV_CTL_EL0) \
    X(CNTV_CVAL_EL0) \
    /* end */
#define XVCPU_ARM64_TVM_SYSREGS(X) \
    X(SCTLR_EL1) \
    X(TTBR0_EL1) \
    X(TTBR1_EL1) \
    X(TCR_EL1) \
    X(ESR_EL1) \
    X(AFSR0_EL1) \
    X(AFSR1_EL1) \
    X(FAR_EL1) \
    X(MAIR_EL1) \
    X(AMAIR_EL1) \
    X(CONTEXTIDR_EL1) \
    /* end */
#define XVCPU_ARM64_ID_SYSREGS(X) \
    X(ID_PFR0_EL1) \
    X(ID_PFR1_EL1) \
    X(ID_DFR0_EL1) \
    X(ID_AFR0_EL1) \
    X(ID_MMFR0_EL1) \
    X(ID_MMFR1_EL1) \
    X(ID_MMFR2_EL1) \
    X(ID_MMFR3_EL1) \
    X(ID_ISAR0_EL1) \
    X(ID_ISAR1_EL1) \
    X(ID_ISAR2_EL1) \
    X(ID_ISAR3_EL1) \
    X(ID_ISAR4_EL1) \
    X(ID_ISAR5_EL1) \
    X(ID_MMFR4_EL1) \
    X(ID_ISAR6_EL1) \
    X(MVFR0_EL1) \
    X(MVFR1_EL1) \
    X(MVFR2_EL1) \
    X(ID_PFR2_EL1) \
    X(ID_AA64PFR0_EL1) \
    X(ID_AA64PFR1_EL1) \
    X(ID_AA64ZFR0_EL1) \
    X(ID_AA64DFR0_EL1) \
    X(ID_AA64DFR1_EL1) \
    X(ID_AA64AFR0_EL1) \
    X(ID_AA64AFR1_EL1) \
    X(ID_AA64ISAR0_EL1) \
    X(ID_AA64ISAR1_EL1) \
    X(ID_AA64MMFR0_EL1) \
    X(ID_AA64MMFR1_EL1) \
    X(ID_AA64MMFR2_EL1) \
    /* end */

/* X(NAME, "s3_4_c1_c1_0"): every register with the generic name assemblers accept for MRS/MSR. */
#define XVCPU_ARM64_SYSREG_ASM_NAMES(X) \
    X(CURRENTEL, "s3_0_c4_c2_2") \
    X(HCR_EL2, "s3_4_c1_c1_0") \
    X(VTCR_EL2, "s3_4_c2_c1_2") \
    X(VTTBR_EL2, "s3_4_c2_c1_0") \
    X(SPSR_EL2, "s3_4_c4_c0_0") \
    X(CNTHCTL_EL2, "s3_4_c14_c1_0") \
    X(CNTVOFF_EL2, "s3_4_c14_c0_3") \
    X(ESR_EL2, "s3_4_c5_c2_0") \
    X(FAR_EL2, "s3_4_c6_c0_0") \
    X(HPFAR_EL2, "s3_4_c6_c0_4") \
    X(ELR_EL2, "s3_4_c4_c0_1") \
    X(VBAR_EL2, "s3_4_c12_c0_0") \
    X(VMPIDR_EL2, "s3_4_c0_c0_5") \
    X(VPIDR_EL2, "s3_4_c0_c0_0") \
    X(CPTR_EL2, "s3_4_c1_c1_2") \
    X(HSTR_EL2, "s3_4_c1_c1_3") \
    X(MDCR_EL2, "s3_4_c1_c1_1") \
    X(MDSCR_EL1, "s2_0_c0_c2_2") \
    X(MIDR_EL1, "s3_0_c0_c0_0") \
    X(MPIDR_EL1, "s3_0_c0_c0_5") \
    X(ID_PFR0_EL1, "s3_0_c0_c1_0") \
    X(ID_PFR1_EL1, "s3_0_c0_c1_1") \
    X(ID_DFR0_EL1, "s3_0_c0_c1_2") \
    X(ID_AFR0_EL1, "s3_0_c0_c1_3") \
    X(ID_MMFR0_EL1, "s3_0_c0_c1_4") \
    X(ID_MMFR1_EL1, "s3_0_c0_c1_5") \
    X(ID_MMFR2_EL1, "s3_0_c0_c1_6") \
    X(ID_MMFR3_EL1, "s3_0_c0_c1_7") \
    X(ID_ISAR0_EL1, "s3_0_c0_c2_0") \
    X(ID_ISAR1_EL1, "s3_0_c0_c2_1") \
    X(ID_ISAR2_EL1, "s3_0_c0_c2_2") \
    X(ID_ISAR3_EL1, "s3_0_c0_c2_3") \
    X(ID_ISAR4_EL1, "s3_0_c0_c2_4") \
    X(ID_ISAR5_EL1, "s3_0_c0_c2_5") \
    X(ID_MMFR4_EL1, "s3_0_c0_c2_6") \
    X(ID_ISAR6_EL1, "s3_0_c0_c2_7") \
    X(MVFR0_EL1, "s3_0_c0_c3_0") \
    X(MVFR1_EL1, "s3_0_c0_c3_1") \
    X(MVFR2_EL1, "s3_0_c0_c3_2") \
    X(ID_PFR2_EL1, "s3_0_c0_c3_4") \
    X(ID_AA64PFR0_EL1, "s3_0_c0_c4_0") \
    X(ID_AA64PFR1_EL1, "s3_0_c0_c4_1") \
    X(ID_AA64ZFR0_EL1, "s3_0_c0_c4_4") \
    X(ID_AA64DFR0_EL1, "s3_0_c0_c5_0") \
    X(ID_AA64DFR1_EL1, "s3_0_c0_c5_1") \
    X(ID_AA64AFR0_EL1, "s3_0_c0_c5_4") \
    X(ID_AA64AFR1_EL1, "s3_0_c0_c5_5") \
    X(ID_AA64ISAR0_EL1, "s3_0_c0_c6_0") \
    X(ID_AA64ISAR1_EL1, "s3_0_c0_c6_1") \
    X(ID_AA64MMFR0_EL1, "s3_0_c0_c7_0") \
    X(ID_AA64MMFR1_EL1, "s3_0_c0_c7_1") \
    X(ID_AA64MMFR2_EL1, "s3_0_c0_c7_2") \
    X(SCTLR_EL1, "s3_0_c1_c0_0") \
    X(TTBR0_EL1, "s3_0_c2_c0_0") \
    X(TTBR1_EL1, "s3_0_c2_c0_1") \
    X(TCR_EL1, "s3_0_c2_c0_2") \
    X(ESR_EL1, "s3_0_c5_c2_0") \
    X(AFSR0_EL1, "s3_0_c5_c1_0") \
    X(AFSR1_EL1, "s3_0_c5_c1_1") \
    X(FAR_EL1, "s3_0_c6_c0_0") \
    X(MAIR_EL1, "s3_0_c10_c2_0") \
    X(AMAIR_EL1, "s3_0_c10_c3_0") \
    X(CONTEXTIDR_EL1, "s3_0_c13_c0_1") \
    X(VBAR_EL1, "s3_0_c12_c0_0") \
    X(PAR_EL1, "s3_0_c7_c4_0") \
    X(TPIDR_EL1, "s3_0_c13_c0_4") \
    X(TPIDR_EL0, "s3_3_c13_c0_2") \
    X(TPIDRRO_EL0, "s3_3_c13_c0_3") \
    X(CNTKCTL_EL1, "s3_0_c14_c1_0") \
    X(CSSELR_EL1, "s3_2_c0_c0_0") \
    X(ELR_EL1, "s3_0_c4_c0_1") \
    X(SPSR_EL1, "s3_0_c4_c0_0") \
    X(SP_EL1, "s3_4_c4_c1_0") \
    X(SP_EL0, "s3_0_c4_c1_0") \
    X(CNTV_CTL_EL0, "s3_3_c14_c3_1") \
    X(CNTV_CVAL_EL0, "s3_3_c14_c3_2") \
    X(ICC_SGI1R_EL1, "s3_0_c12_c11_5") \
    X(ICC_SRE_EL2, "s3_4_c12_c9_5") \
    X(PMCCNTR_EL0, "s3_3_c9_c13_0") \
    X(CNTVCT_EL0, "s3_3_c14_c0_2") \
    /* end */

/* "HCR_EL2" for its number; NULL for a register the spec does not know. */
static inline const char *xvcpu_arm64_sysreg_name(uint32_t sysreg)
{
    switch (sysreg) {
    case 0xC212u: return "CURRENTEL";
    case 0xE088u: return "HCR_EL2";
    case 0xE10Au: return "VTCR_EL2";
    case 0xE108u: return "VTTBR_EL2";
    case 0xE200u: return "SPSR_EL2";
    case 0xE708u: return "CNTHCTL_EL2";
    case 0xE703u: return "CNTVOFF_EL2";
    case 0xE290u: return "ESR_EL2";
    case 0xE300u: return "FAR_EL2";
    case 0xE304u: return "HPFAR_EL2";
    case 0xE201u: return "ELR_EL2";
    case 0xE600u: return "VBAR_EL2";
    case 0xE005u: return "VMPIDR_EL2";
    case 0xE000u: return "VPIDR_EL2";
    case 0xE08Au: return "CPTR_EL2";
    case 0xE08Bu: return "HSTR_EL2";
    case 0xE089u: return "MDCR_EL2";
    case 0x8012u: return "MDSCR_EL1";
    case 0xC000u: return "MIDR_EL1";
    case 0xC005u: return "MPIDR_EL1";
    case 0xC008u: return "ID_PFR0_EL1";
    case 0xC009u: return "ID_PFR1_EL1";
    case 0xC00Au: return "ID_DFR0_EL1";
    case 0xC00Bu: return "ID_AFR0_EL1";
    case 0xC00Cu: return "ID_MMFR0_EL1";
    case 0xC00Du: return "ID_MMFR1_EL1";
    case 0xC00Eu: return "ID_MMFR2_EL1";
    case 0xC00Fu: return "ID_MMFR3_EL1";
    case 0xC010u: return "ID_ISAR0_EL1";
    case 0xC011u: return "ID_ISAR1_EL1";
    case 0xC012u: return "ID_ISAR2_EL1";
    case 0xC013u: return "ID_ISAR3_EL1";
    case 0xC014u: return "ID_ISAR4_EL1";
    case 0xC015u: return "ID_ISAR5_EL1";
    case 0xC016u: return "ID_MMFR4_EL1";
    case 0xC017u: return "ID_ISAR6_EL1";
    case 0xC018u: return "MVFR0_EL1";
    case 0xC019u: return "MVFR1_EL1";
    case 0xC01Au: return "MVFR2_EL1";
    case 0xC01Cu: return "ID_PFR2_EL1";
    case 0xC020u: return "ID_AA64PFR0_EL1";
    case 0xC021u: return "ID_AA64PFR1_EL1";
    case 0xC024u: return "ID_AA64ZFR0_EL1";
    case 0xC028u: return "ID_AA64DFR0_EL1";
    case 0xC029u: return "ID_AA64DFR1_EL1";
    case 0xC02Cu: return "ID_AA64AFR0_EL1";
    case 0xC02Du: return "ID_AA64AFR1_EL1";
    case 0xC030u: return "ID_AA64ISAR0_EL1";
    case 0xC031u: return "ID_AA64ISAR1_EL1";
    case 0xC038u: return "ID_AA64MMFR0_EL1";
    case 0xC039u: return "ID_AA64MMFR1_EL1";
    case 0xC03Au: return "ID_AA64MMFR2_EL1";
    case 0xC080u: return "SCTLR_EL1";
    case 0xC100u: return "TTBR0_EL1";
    case 0xC101u: return "TTBR1_EL1";
    case 0xC102u: return "TCR_EL1";
    case 0xC290u: return "ESR_EL1";
    case 0xC288u: return "AFSR0_EL1";
    case 0xC289u: return "AFSR1_EL1";
    case 0xC300u: return "FAR_EL1";
    case 0xC510u: return "MAIR_EL1";
    case 0xC518u: return "AMAIR_EL1";
    case 0xC681u: return "CONTEXTIDR_EL1";
    case 0xC600u: return "VBAR_EL1";
    case 0xC3A0u: return "PAR_EL1";
    case 0xC684u: return "TPIDR_EL1";
    case 0xDE82u: return "TPIDR_EL0";
    case 0xDE83u: return "TPIDRRO_EL0";
    case 0xC708u: return "CNTKCTL_EL1";
    case 0xD000u: return "CSSELR_EL1";
    case 0xC201u: return "ELR_EL1";
    case 0xC200u: return "SPSR_EL1";
    case 0xE208u: return "SP_EL1";
    case 0xC208u: return "SP_EL0";
    case 0xDF19u: return "CNTV_CTL_EL0";
    case 0xDF1Au: return "CNTV_CVAL_EL0";
    case 0xC65Du: return "ICC_SGI1R_EL1";
    case 0xE64Du: return "ICC_SRE_EL2";
    case 0xDCE8u: return "PMCCNTR_EL0";
    case 0xDF02u: return "CNTVCT_EL0";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_ARM64_SYSREGS_H */

/* ==== xvcpu/gen/arm64_exceptions.h ==== */
/* xvcpu/gen/arm64_exceptions.h: generated by codegen/gen.py from spec/arm64_exceptions.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_ARM64_EXCEPTIONS_H
#define XVCPU_GEN_ARM64_EXCEPTIONS_H

/* ESR_EL2.EC exception classes */
#define XVCPU_ARM64_EC_UNKNOWN 0x00u /* Unknown reason */
#define XVCPU_ARM64_EC_WFX 0x01u /* WFI or WFE trapped */
#define XVCPU_ARM64_EC_CP15_32 0x03u /* AArch32 MCR/MRC to CP15 */
#define XVCPU_ARM64_EC_CP15_64 0x04u /* AArch32 MCRR/MRRC to CP15 */
#define XVCPU_ARM64_EC_CP14_32 0x05u /* AArch32 MCR/MRC to CP14 */
#define XVCPU_ARM64_EC_CP14_LS 0x06u /* AArch32 LDC/STC to CP14 */
#define XVCPU_ARM64_EC_FP_ASIMD 0x07u /* SVE/SIMD/FP access trapped */
#define XVCPU_ARM64_EC_CP10_ID 0x08u /* AArch32 VMRS ID access */
#define XVCPU_ARM64_EC_PAC 0x09u /* Pointer authentication trapped */
#define XVCPU_ARM64_EC_LS64 0x0Au /* LD64B/ST64B trapped */
#define XVCPU_ARM64_EC_CP14_64 0x0Cu /* AArch32 MRRC to CP14 */
#define XVCPU_ARM64_EC_BTI 0x0Du /* Branch target exception */
#define XVCPU_ARM64_EC_ILLEGAL_STATE 0x0Eu /* Illegal execution state */
#define XVCPU_ARM64_EC_SVC32 0x11u /* SVC in AArch32 */
#define XVCPU_ARM64_EC_HVC32 0x12u /* HVC in AArch32 */
#define XVCPU_ARM64_EC_SMC32 0x13u /* SMC in AArch32 trapped */
#define XVCPU_ARM64_EC_SVC64 0x15u /* SVC in AArch64 */
#define XVCPU_ARM64_EC_HVC64 0x16u /* HVC in AArch64 */
#define XVCPU_ARM64_EC_SMC64 0x17u /* SMC in AArch64 trapped (HCR_EL2.TSC) */
#define XVCPU_ARM64_EC_SYSREG 0x18u /* MSR/MRS/system instruction trapped */
#define XVCPU_ARM64_EC_SVE 0x19u /* SVE access trapped */
#define XVCPU_ARM64_EC_ERET 0x1Au /* ERET/ERETAA/ERETAB trapped */
#define XVCPU_ARM64_EC_FPAC 0x1Cu /* Pointer authentication failure */
#define XVCPU_ARM64_EC_SME 0x1Du /* SME access trapped */
#define XVCPU_ARM64_EC_IABT_LOW 0x20u /* Instruction abort from a lower exception level */
#define XVCPU_ARM64_EC_IABT_CUR 0x21u /* Instruction abort at the same exception level */
#define XVCPU_ARM64_EC_PC_ALIGN 0x22u /* PC alignment fault */
#define XVCPU_ARM64_EC_DABT_LOW 0x24u /* Data abort from a lower exception level */
#define XVCPU_ARM64_EC_DABT_CUR 0x25u /* Data abort at the same exception level */
#define XVCPU_ARM64_EC_SP_ALIGN 0x26u /* SP alignment fault */
#define XVCPU_ARM64_EC_MOPS 0x27u /* Memory copy/set exception */
#define XVCPU_ARM64_EC_FP32 0x28u /* AArch32 trapped FP exception */
#define XVCPU_ARM64_EC_FP64 0x2Cu /* AArch64 trapped FP exception */
#define XVCPU_ARM64_EC_SERROR 0x2Fu /* SError interrupt */
#define XVCPU_ARM64_EC_BREAKPT_LOW 0x30u /* Breakpoint from a lower exception level */
#define XVCPU_ARM64_EC_BREAKPT_CUR 0x31u /* Breakpoint at the same exception level */
#define XVCPU_ARM64_EC_SOFTSTP_LOW 0x32u /* Software step from a lower exception level */
#define XVCPU_ARM64_EC_SOFTSTP_CUR 0x33u /* Software step at the same exception level */
#define XVCPU_ARM64_EC_WATCHPT_LOW 0x34u /* Watchpoint from a lower exception level */
#define XVCPU_ARM64_EC_WATCHPT_CUR 0x35u /* Watchpoint at the same exception level */
#define XVCPU_ARM64_EC_BKPT32 0x38u /* AArch32 BKPT */
#define XVCPU_ARM64_EC_BRK64 0x3Cu /* AArch64 BRK */

/* "DABT_LOW" for 0x24; NULL for a class the spec does not know. */
static inline const char *xvcpu_arm64_ec_name(uint32_t ec)
{
    switch (ec) {
    case 0x00u: return "UNKNOWN";
    case 0x01u: return "WFX";
    case 0x03u: return "CP15_32";
    case 0x04u: return "CP15_64";
    case 0x05u: return "CP14_32";
    case 0x06u: return "CP14_LS";
    case 0x07u: return "FP_ASIMD";
    case 0x08u: return "CP10_ID";
    case 0x09u: return "PAC";
    case 0x0Au: return "LS64";
    case 0x0Cu: return "CP14_64";
    case 0x0Du: return "BTI";
    case 0x0Eu: return "ILLEGAL_STATE";
    case 0x11u: return "SVC32";
    case 0x12u: return "HVC32";
    case 0x13u: return "SMC32";
    case 0x15u: return "SVC64";
    case 0x16u: return "HVC64";
    case 0x17u: return "SMC64";
    case 0x18u: return "SYSREG";
    case 0x19u: return "SVE";
    case 0x1Au: return "ERET";
    case 0x1Cu: return "FPAC";
    case 0x1Du: return "SME";
    case 0x20u: return "IABT_LOW";
    case 0x21u: return "IABT_CUR";
    case 0x22u: return "PC_ALIGN";
    case 0x24u: return "DABT_LOW";
    case 0x25u: return "DABT_CUR";
    case 0x26u: return "SP_ALIGN";
    case 0x27u: return "MOPS";
    case 0x28u: return "FP32";
    case 0x2Cu: return "FP64";
    case 0x2Fu: return "SERROR";
    case 0x30u: return "BREAKPT_LOW";
    case 0x31u: return "BREAKPT_CUR";
    case 0x32u: return "SOFTSTP_LOW";
    case 0x33u: return "SOFTSTP_CUR";
    case 0x34u: return "WATCHPT_LOW";
    case 0x35u: return "WATCHPT_CUR";
    case 0x38u: return "BKPT32";
    case 0x3Cu: return "BRK64";
    default: return NULL;
    }
}

#endif /* XVCPU_GEN_ARM64_EXCEPTIONS_H */

/* ==== xvcpu/gen/arm64_formats.h ==== */
/* xvcpu/gen/arm64_formats.h: generated by codegen/gen.py from spec/arm64_formats.yaml - do not edit.
 * Change the spec and run `make gen`; `make check-gen` fails when this file is stale. */
#ifndef XVCPU_GEN_ARM64_FORMATS_H
#define XVCPU_GEN_ARM64_FORMATS_H

/* Bit fields: NAME_SHIFT and NAME_MASK (mask in place), and NAME itself for one-bit fields.
 * Read a field with XVCPU_FIELD_GET(XVCPU_<LAYOUT>_<FIELD>, value). */

/* ISS_DABT: ISS of a data abort (EC 0x24/0x25) (32 bits; Arm ARM D19.2.41) */
#define XVCPU_ISS_DABT_DFSC_SHIFT 0
#define XVCPU_ISS_DABT_DFSC_MASK 0x3Full
#define XVCPU_ISS_DABT_WNR_SHIFT 6
#define XVCPU_ISS_DABT_WNR_MASK 0x40ull
#define XVCPU_ISS_DABT_WNR 0x40ull
#define XVCPU_ISS_DABT_S1PTW_SHIFT 7
#define XVCPU_ISS_DABT_S1PTW_MASK 0x80ull
#define XVCPU_ISS_DABT_S1PTW 0x80ull
#define XVCPU_ISS_DABT_CM_SHIFT 8
#define XVCPU_ISS_DABT_CM_MASK 0x100ull
#define XVCPU_ISS_DABT_CM 0x100ull
#define XVCPU_ISS_DABT_EA_SHIFT 9
#define XVCPU_ISS_DABT_EA_MASK 0x200ull
#define XVCPU_ISS_DABT_EA 0x200ull
#define XVCPU_ISS_DABT_FNV_SHIFT 10
#define XVCPU_ISS_DABT_FNV_MASK 0x400ull
#define XVCPU_ISS_DABT_FNV 0x400ull
#define XVCPU_ISS_DABT_SET_SHIFT 11
#define XVCPU_ISS_DABT_SET_MASK 0x1800ull
#define XVCPU_ISS_DABT_VNCR_SHIFT 13
#define XVCPU_ISS_DABT_VNCR_MASK 0x2000ull
#define XVCPU_ISS_DABT_VNCR 0x2000ull
#define XVCPU_ISS_DABT_AR_SHIFT 14
#define XVCPU_ISS_DABT_AR_MASK 0x4000ull
#define XVCPU_ISS_DABT_AR 0x4000ull
#define XVCPU_ISS_DABT_SF_SHIFT 15
#define XVCPU_ISS_DABT_SF_MASK 0x8000ull
#define XVCPU_ISS_DABT_SF 0x8000ull
#define XVCPU_ISS_DABT_SRT_SHIFT 16
#define XVCPU_ISS_DABT_SRT_MASK 0x1F0000ull
#define XVCPU_ISS_DABT_SSE_SHIFT 21
#define XVCPU_ISS_DABT_SSE_MASK 0x200000ull
#define XVCPU_ISS_DABT_SSE 0x200000ull
#define XVCPU_ISS_DABT_SAS_SHIFT 22
#define XVCPU_ISS_DABT_SAS_MASK 0xC00000ull
#define XVCPU_ISS_DABT_SAS_BYTE 0u
#define XVCPU_ISS_DABT_SAS_HALF 1u
#define XVCPU_ISS_DABT_SAS_WORD 2u
#define XVCPU_ISS_DABT_SAS_DOUBLE 3u
#define XVCPU_ISS_DABT_ISV_SHIFT 24
#define XVCPU_ISS_DABT_ISV_MASK 0x1000000ull
#define XVCPU_ISS_DABT_ISV 0x1000000ull

/* ISS_IABT: ISS of an instruction abort (EC 0x20/0x21) (32 bits; Arm ARM D19.2.41) */
#define XVCPU_ISS_IABT_IFSC_SHIFT 0
#define XVCPU_ISS_IABT_IFSC_MASK 0x3Full
#define XVCPU_ISS_IABT_S1PTW_SHIFT 7
#define XVCPU_ISS_IABT_S1PTW_MASK 0x80ull
#define XVCPU_ISS_IABT_S1PTW 0x80ull
#define XVCPU_ISS_IABT_EA_SHIFT 9
#define XVCPU_ISS_IABT_EA_MASK 0x200ull
#define XVCPU_ISS_IABT_EA 0x200ull
#define XVCPU_ISS_IABT_FNV_SHIFT 10
#define XVCPU_ISS_IABT_FNV_MASK 0x400ull
#define XVCPU_ISS_IABT_FNV 0x400ull

/* ISS_SYSREG: ISS of a trapped MSR, MRS or system instruction (EC 0x18) (32 bits; Arm ARM D19.2.41) */
#define XVCPU_ISS_SYSREG_DIRECTION_SHIFT 0
#define XVCPU_ISS_SYSREG_DIRECTION_MASK 0x1ull
#define XVCPU_ISS_SYSREG_DIRECTION 0x1ull
#define XVCPU_ISS_SYSREG_CRM_SHIFT 1
#define XVCPU_ISS_SYSREG_CRM_MASK 0x1Eull
#define XVCPU_ISS_SYSREG_RT_SHIFT 5
#define XVCPU_ISS_SYSREG_RT_MASK 0x3E0ull
#define XVCPU_ISS_SYSREG_CRN_SHIFT 10
#define XVCPU_ISS_SYSREG_CRN_MASK 0x3C00ull
#define XVCPU_ISS_SYSREG_OP1_SHIFT 14
#define XVCPU_ISS_SYSREG_OP1_MASK 0x1C000ull
#define XVCPU_ISS_SYSREG_OP2_SHIFT 17
#define XVCPU_ISS_SYSREG_OP2_MASK 0xE0000ull
#define XVCPU_ISS_SYSREG_OP0_SHIFT 20
#define XVCPU_ISS_SYSREG_OP0_MASK 0x300000ull

/* ISS_WFX: ISS of a trapped WFI/WFE (EC 0x01) (32 bits; Arm ARM D19.2.41) */
#define XVCPU_ISS_WFX_TI_SHIFT 0
#define XVCPU_ISS_WFX_TI_MASK 0x3ull
#define XVCPU_ISS_WFX_TI_WFI 0u
#define XVCPU_ISS_WFX_TI_WFE 1u
#define XVCPU_ISS_WFX_TI_WFIT 2u
#define XVCPU_ISS_WFX_TI_WFET 3u
#define XVCPU_ISS_WFX_RV_SHIFT 2
#define XVCPU_ISS_WFX_RV_MASK 0x4ull
#define XVCPU_ISS_WFX_RV 0x4ull
#define XVCPU_ISS_WFX_RN_SHIFT 5
#define XVCPU_ISS_WFX_RN_MASK 0x3E0ull
#define XVCPU_ISS_WFX_COND_SHIFT 20
#define XVCPU_ISS_WFX_COND_MASK 0xF00000ull
#define XVCPU_ISS_WFX_CV_SHIFT 24
#define XVCPU_ISS_WFX_CV_MASK 0x1000000ull
#define XVCPU_ISS_WFX_CV 0x1000000ull

/* ISS_HVC: ISS of HVC/SMC (EC 0x16/0x17) (32 bits; Arm ARM D19.2.41) */
#define XVCPU_ISS_HVC_IMM16_SHIFT 0
#define XVCPU_ISS_HVC_IMM16_MASK 0xFFFFull

/* S2_DESC: VMSAv8-64 stage-2 descriptor, 4 KiB granule (64 bits; Arm ARM D8.3.1) */
#define XVCPU_S2_DESC_VALID_SHIFT 0
#define XVCPU_S2_DESC_VALID_MASK 0x1ull
#define XVCPU_S2_DESC_VALID 0x1ull
#define XVCPU_S2_DESC_TABLE_SHIFT 1
#define XVCPU_S2_DESC_TABLE_MASK 0x2ull
#define XVCPU_S2_DESC_TABLE 0x2ull
#define XVCPU_S2_DESC_MEMATTR_SHIFT 2
#define XVCPU_S2_DESC_MEMATTR_MASK 0x3Cull
#define XVCPU_S2_DESC_S2AP_SHIFT 6
#define XVCPU_S2_DESC_S2AP_MASK 0xC0ull
#define XVCPU_S2_DESC_S2AP_NONE 0u
#define XVCPU_S2_DESC_S2AP_RO 1u
#define XVCPU_S2_DESC_S2AP_WO 2u
#define XVCPU_S2_DESC_S2AP_RW 3u
#define XVCPU_S2_DESC_SH_SHIFT 8
#define XVCPU_S2_DESC_SH_MASK 0x300ull
#define XVCPU_S2_DESC_SH_NONE 0u
#define XVCPU_S2_DESC_SH_OUTER 2u
#define XVCPU_S2_DESC_SH_INNER 3u
#define XVCPU_S2_DESC_AF_SHIFT 10
#define XVCPU_S2_DESC_AF_MASK 0x400ull
#define XVCPU_S2_DESC_AF 0x400ull
#define XVCPU_S2_DESC_ADDRESS_SHIFT 12
#define XVCPU_S2_DESC_ADDRESS_MASK 0xFFFFFFFFF000ull
#define XVCPU_S2_DESC_XN_SHIFT 54
#define XVCPU_S2_DESC_XN_MASK 0x40000000000000ull
#define XVCPU_S2_DESC_XN 0x40000000000000ull

/* PAR_EL1_OK: PAR_EL1 after a successful AT (F = 0) (64 bits; Arm ARM D19.2.113) */
#define XVCPU_PAR_EL1_OK_F_SHIFT 0
#define XVCPU_PAR_EL1_OK_F_MASK 0x1ull
#define XVCPU_PAR_EL1_OK_F 0x1ull
#define XVCPU_PAR_EL1_OK_SH_SHIFT 7
#define XVCPU_PAR_EL1_OK_SH_MASK 0x180ull
#define XVCPU_PAR_EL1_OK_NS_SHIFT 9
#define XVCPU_PAR_EL1_OK_NS_MASK 0x200ull
#define XVCPU_PAR_EL1_OK_NS 0x200ull
#define XVCPU_PAR_EL1_OK_PA_SHIFT 12
#define XVCPU_PAR_EL1_OK_PA_MASK 0xFFFFFFFFF000ull
#define XVCPU_PAR_EL1_OK_ATTR_SHIFT 56
#define XVCPU_PAR_EL1_OK_ATTR_MASK 0xFF00000000000000ull

/* A64_LDST: A64 load/store encodings the MMIO decoder takes (ISV = 0) (32 bits; Arm ARM C4.1.66) */
#define XVCPU_A64_LDST_RT_SHIFT 0
#define XVCPU_A64_LDST_RT_MASK 0x1Full
#define XVCPU_A64_LDST_RN_SHIFT 5
#define XVCPU_A64_LDST_RN_MASK 0x3E0ull
#define XVCPU_A64_LDST_RT2_SHIFT 10
#define XVCPU_A64_LDST_RT2_MASK 0x7C00ull
#define XVCPU_A64_LDST_OPC_SHIFT 22
#define XVCPU_A64_LDST_OPC_MASK 0xC00000ull
#define XVCPU_A64_LDST_V_SHIFT 26
#define XVCPU_A64_LDST_V_MASK 0x4000000ull
#define XVCPU_A64_LDST_V 0x4000000ull
#define XVCPU_A64_LDST_SIZE_SHIFT 30
#define XVCPU_A64_LDST_SIZE_MASK 0xC0000000ull

/* ARM64_FSC: Data/instruction fault status codes (the level in bits 1:0) (Arm ARM D19.2.41) */
#define XVCPU_ARM64_FSC_ADDR_SIZE_L0 0u
#define XVCPU_ARM64_FSC_TRANSLATION_L0 4u
#define XVCPU_ARM64_FSC_TRANSLATION_L1 5u
#define XVCPU_ARM64_FSC_TRANSLATION_L2 6u
#define XVCPU_ARM64_FSC_TRANSLATION_L3 7u
#define XVCPU_ARM64_FSC_ACCESS_L1 9u
#define XVCPU_ARM64_FSC_ACCESS_L2 10u
#define XVCPU_ARM64_FSC_ACCESS_L3 11u
#define XVCPU_ARM64_FSC_PERMISSION_L1 13u
#define XVCPU_ARM64_FSC_PERMISSION_L2 14u
#define XVCPU_ARM64_FSC_PERMISSION_L3 15u
#define XVCPU_ARM64_FSC_SYNC_EXTERNAL 16u
#define XVCPU_ARM64_FSC_ALIGNMENT 33u
#define XVCPU_ARM64_FSC_TLB_CONFLICT 48u

/* S2_MEMATTR: Stage-2 MemAttr values (HCR_EL2.FWB = 0) (Arm ARM D8.5.5) */
#define XVCPU_S2_MEMATTR_DEVICE_NGNRNE 0u
#define XVCPU_S2_MEMATTR_DEVICE_NGNRE 1u
#define XVCPU_S2_MEMATTR_DEVICE_NGRE 2u
#define XVCPU_S2_MEMATTR_DEVICE_GRE 3u
#define XVCPU_S2_MEMATTR_NORMAL_NC 5u
#define XVCPU_S2_MEMATTR_NORMAL_WT 10u
#define XVCPU_S2_MEMATTR_NORMAL_WB 15u

/* ARM64_VECTOR_FROM: Offset of a vector table's group, by where the exception came from (Arm ARM D1.3.1) */
#define XVCPU_ARM64_VECTOR_FROM_CUR_SP0 0u
#define XVCPU_ARM64_VECTOR_FROM_CUR_SPX 512u
#define XVCPU_ARM64_VECTOR_FROM_LOWER_A64 1024u
#define XVCPU_ARM64_VECTOR_FROM_LOWER_A32 1536u

/* ARM64_VECTOR_TYPE: Offset of a vector within its group, by exception type (Arm ARM D1.3.1) */
#define XVCPU_ARM64_VECTOR_TYPE_SYNC 0u
#define XVCPU_ARM64_VECTOR_TYPE_IRQ 128u
#define XVCPU_ARM64_VECTOR_TYPE_FIQ 256u
#define XVCPU_ARM64_VECTOR_TYPE_SERROR 384u

/* PSCI_FN: PSCI function ids (SMC32 0x84.., SMC64 0xC4..) (PSCI DEN0022 5.1) */
#define XVCPU_PSCI_FN_VERSION 2214592512u
#define XVCPU_PSCI_FN_CPU_SUSPEND 2214592513u
#define XVCPU_PSCI_FN_CPU_SUSPEND64 3288334337u
#define XVCPU_PSCI_FN_CPU_OFF 2214592514u
#define XVCPU_PSCI_FN_CPU_ON 2214592515u
#define XVCPU_PSCI_FN_CPU_ON64 3288334339u
#define XVCPU_PSCI_FN_AFFINITY_INFO 2214592516u
#define XVCPU_PSCI_FN_AFFINITY_INFO64 3288334340u
#define XVCPU_PSCI_FN_MIGRATE 2214592517u
#define XVCPU_PSCI_FN_MIGRATE64 3288334341u
#define XVCPU_PSCI_FN_MIGRATE_INFO_TYPE 2214592518u
#define XVCPU_PSCI_FN_MIGRATE_INFO_UP_CPU 2214592519u
#define XVCPU_PSCI_FN_MIGRATE_INFO_UP_CPU64 3288334343u
#define XVCPU_PSCI_FN_SYSTEM_OFF 2214592520u
#define XVCPU_PSCI_FN_SYSTEM_RESET 2214592521u
#define XVCPU_PSCI_FN_FEATURES 2214592522u
#define XVCPU_PSCI_FN_CPU_FREEZE 2214592523u
#define XVCPU_PSCI_FN_CPU_DEFAULT_SUSPEND 2214592524u
#define XVCPU_PSCI_FN_CPU_DEFAULT_SUSPEND64 3288334348u
#define XVCPU_PSCI_FN_NODE_HW_STATE 2214592525u
#define XVCPU_PSCI_FN_NODE_HW_STATE64 3288334349u
#define XVCPU_PSCI_FN_SYSTEM_SUSPEND 2214592526u
#define XVCPU_PSCI_FN_SYSTEM_SUSPEND64 3288334350u
#define XVCPU_PSCI_FN_SET_SUSPEND_MODE 2214592527u
#define XVCPU_PSCI_FN_STAT_RESIDENCY 2214592528u
#define XVCPU_PSCI_FN_STAT_RESIDENCY64 3288334352u
#define XVCPU_PSCI_FN_STAT_COUNT 2214592529u
#define XVCPU_PSCI_FN_STAT_COUNT64 3288334353u
#define XVCPU_PSCI_FN_SYSTEM_RESET2 2214592530u
#define XVCPU_PSCI_FN_SYSTEM_RESET2_64 3288334354u
#define XVCPU_PSCI_FN_MEM_PROTECT 2214592531u
#define XVCPU_PSCI_FN_MEM_PROTECT_CHECK_RANGE 2214592532u
#define XVCPU_PSCI_FN_MEM_PROTECT_CHECK_RANGE64 3288334356u

/* PSCI_ERR: PSCI error codes, negated (the call returns minus the value in x0) (PSCI DEN0022 5.2.2) */
#define XVCPU_PSCI_ERR_NOT_SUPPORTED 1u
#define XVCPU_PSCI_ERR_INVALID_PARAMETERS 2u
#define XVCPU_PSCI_ERR_DENIED 3u
#define XVCPU_PSCI_ERR_ALREADY_ON 4u
#define XVCPU_PSCI_ERR_ON_PENDING 5u
#define XVCPU_PSCI_ERR_INTERNAL_FAILURE 6u
#define XVCPU_PSCI_ERR_NOT_PRESENT 7u
#define XVCPU_PSCI_ERR_DISABLED 8u
#define XVCPU_PSCI_ERR_INVALID_ADDRESS 9u

/* PSCI_AFFINITY: AFFINITY_INFO results (PSCI DEN0022 5.7.2) */
#define XVCPU_PSCI_AFFINITY_ON 0u
#define XVCPU_PSCI_AFFINITY_OFF 1u
#define XVCPU_PSCI_AFFINITY_ON_PENDING 2u

#endif /* XVCPU_GEN_ARM64_FORMATS_H */

/* ==== xvcpu/vmx/ctl.h ==== */
/* VMX control adjustment (SDM Vol. 3D A.2 and A.3-A.5; Vol. 3C 26.5.1 "Algorithms for
 * Determining VMX Capabilities"). A control word's capability MSR says which bits may be 0
 * (allowed-0 settings, low half: a 1 there means the bit must be 1) and which may be 1
 * (allowed-1 settings, high half). The 64-bit words (tertiary, secondary exit) have MSRs that
 * list allowed-1 settings only, in all 64 bits. When IA32_VMX_BASIC bit 55 is set, the TRUE_
 * MSRs describe the default1 bits exactly and must be used instead. */

typedef struct xvcpu_vmx_ctl_result {
    uint64_t value;   /* the value to write to the control word */
    uint64_t missing; /* required bits this CPU cannot set; 0 when the request is satisfied */
} xvcpu_vmx_ctl_result;

/* The pure algorithm: `cap` is the capability MSR's value. Bits neither required nor optional
 * are 0 unless the CPU insists on 1. */
static inline xvcpu_vmx_ctl_result xvcpu_vmx_ctl_adjust(uint64_t cap, bool allowed1_only,
                                                        uint64_t required, uint64_t optional)
{
    xvcpu_vmx_ctl_result r;
    uint64_t must_be_1 = allowed1_only ? 0 : (cap & 0xFFFFFFFFu);
    uint64_t may_be_1 = allowed1_only ? cap : (cap >> 32);
    r.missing = required & ~may_be_1;
    r.value = must_be_1 | ((required | optional) & may_be_1);
    return r;
}

/* The capability MSR that governs word `w`, given IA32_VMX_BASIC. */
static inline uint32_t xvcpu_vmx_ctl_cap_msr(xvcpu_vmx_word w, uint64_t vmx_basic)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    if (info.true_cap_msr != 0 && (vmx_basic & XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS) != 0)
        return info.true_cap_msr;
    return info.cap_msr;
}

/* Read the right capability MSR for word `w` (through XVCPU_RDMSR) and adjust. */
static inline xvcpu_vmx_ctl_result xvcpu_vmx_ctl_adjust_word(xvcpu_vmx_word w, uint64_t vmx_basic,
                                                             uint64_t required, uint64_t optional)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    uint64_t cap = XVCPU_RDMSR(xvcpu_vmx_ctl_cap_msr(w, vmx_basic));
    return xvcpu_vmx_ctl_adjust(cap, info.allowed1_only, required, optional);
}

/* Name of the lowest missing bit, for an error message ("ENABLE_EPT"); NULL if none. */
static inline const char *xvcpu_vmx_ctl_first_missing(xvcpu_vmx_word w, uint64_t missing)
{
    unsigned bit;
    for (bit = 0; bit < 64; bit++) {
        if (missing & (1ull << bit)) {
            const char *name = xvcpu_vmx_control_bit_name(w, bit);
            return name ? name : "(undefined bit)";
        }
    }
    return NULL;
}

/* ==== xvcpu/x86emu/decode.h ==== */
/* The x86 instruction decoder: the length of every instruction (one-byte, 0F, 0F38 and 0F3A maps,
 * 3DNow!, VEX, EVEX, XOP), and the operands of the instructions a VMM emulates when a guest
 * touches an emulated device page (the "MMIO set": MOV, MOVZX/MOVSX/MOVSXD, MOVS, STOS, the ALU
 * group, TEST, XCHG, BT/BTS/BTR/BTC and the plain vector moves). On AMD CPUs without NRIP-save
 * the backend also takes the length of intercepted instructions (CPUID, RDMSR, MOV CR ...) from
 * here. Reads only the bytes it is given and keeps no state.
 *
 * Validity follows the union of Intel's and AMD's manuals (and VIA's PadLock): an encoding one of
 * them executes is valid, so SYSCALL decodes in 32-bit code and 3DNow!, XOP and SSE4a decode. Where
 * they differ in length Intel wins: 66h does not shrink a near branch's displacement in 64-bit
 * mode (SDM Vol. 2A "Jcc"/"JMP"/"CALL"; AMD honours it). The decoder cannot tell real mode from
 * 16-bit protected mode: instructions that are #UD only in real or virtual-8086 mode (LLDT, VEX ...)
 * decode in 16-bit code. Legacy maps, VEX and XOP are checked down to the per-instruction rules
 * (mandatory prefixes, ModRM forms, LOCK, VEX.vvvv/L/W); EVEX is checked to map/opcode/pp and its
 * reserved bits only, so a few EVEX encodings the CPU refuses decode as UNSUPPORTED. */

typedef enum xvcpu_x86_decode_status {
    XVCPU_X86_DECODE_OK = 0,       /* length and operands known: an MMIO-set instruction with a memory operand */
    XVCPU_X86_DECODE_UNSUPPORTED,  /* valid instruction, length known, outside the MMIO set (or no memory operand) */
    XVCPU_X86_DECODE_INVALID,      /* the CPU raises #UD: undefined opcode, bad LOCK, UD0/UD1/UD2; or > 15 bytes (#GP) */
    XVCPU_X86_DECODE_TRUNCATED     /* needs more bytes than `avail` */
} xvcpu_x86_decode_status;

typedef enum xvcpu_x86_op {
    XVCPU_X86_OP_NONE = 0,
    /* in the ALU group's /r order, so ModRM.reg of 80/81/83 maps directly: */
    XVCPU_X86_OP_ADD, XVCPU_X86_OP_OR, XVCPU_X86_OP_ADC, XVCPU_X86_OP_SBB,
    XVCPU_X86_OP_AND, XVCPU_X86_OP_SUB, XVCPU_X86_OP_XOR, XVCPU_X86_OP_CMP,
    XVCPU_X86_OP_TEST, XVCPU_X86_OP_BT, XVCPU_X86_OP_BTS, XVCPU_X86_OP_BTR, XVCPU_X86_OP_BTC,
    XVCPU_X86_OP_MOV, XVCPU_X86_OP_MOVZX, XVCPU_X86_OP_MOVSX, XVCPU_X86_OP_MOVSXD,
    XVCPU_X86_OP_MOVS, XVCPU_X86_OP_STOS, XVCPU_X86_OP_XCHG, XVCPU_X86_OP_VMOV
} xvcpu_x86_op;

/* How the instruction is encoded (for messages). */
typedef enum xvcpu_x86_encoding {
    XVCPU_X86_ENC_LEGACY = 0,      /* legacy prefixes, REX, maps 0-3 */
    XVCPU_X86_ENC_3DNOW,           /* 0F 0F /r ib: `opcode` is the ib suffix */
    XVCPU_X86_ENC_VEX,             /* C4/C5 */
    XVCPU_X86_ENC_EVEX,            /* 62 */
    XVCPU_X86_ENC_XOP              /* 8F (AMD): map 8, 9 or 10 */
} xvcpu_x86_encoding;

/* One decoded instruction. With OK every field is exact. With UNSUPPORTED: length, encoding, map,
 * opcode, modrm, op_bytes (the operand size the prefixes select; byte opcodes are not told apart),
 * addr_bytes, rep and lock are exact, and when the instruction has a ModRM memory form the address
 * fields (has_mem, base, index, scale, disp, rip_relative, seg) describe it (for LEA, NOP Ev and
 * prefetches nothing is accessed; with VSIB `index` is a vector register; EVEX leaves them unset
 * since its disp8 is scaled by a per-instruction factor). With INVALID, `length` is nonzero only
 * for UD0/UD1/UD2 (defined to raise #UD, length known); the other fields are then unspecified, as
 * are all with TRUNCATED. */
typedef struct xvcpu_x86_insn {
    uint8_t length;          /* always set unless INVALID/TRUNCATED */
    xvcpu_x86_op op;         /* NONE unless OK */
    uint8_t op_bytes;        /* operand size 1,2,4,8; 16/32 for VMOV */
    uint8_t addr_bytes;      /* 2,4,8 */
    uint8_t mem_bytes;       /* bytes the memory operand accesses (MOVZX/MOVSX/MOVSXD: the source size) */
    bool has_mem;
    bool mem_is_dest;        /* the memory operand is (also) written: stores, ALU r/m-destination forms
                                except CMP/TEST, XCHG, BTS/BTR/BTC, STOS, MOVS (its ES:rDI side) */
    int8_t base, index;      /* GPR numbers 0-15, -1 none. MOVS: base = rSI (source); STOS: base = rDI */
    uint8_t scale;           /* 1,2,4,8 */
    int64_t disp;            /* sign-extended; for moffs (A0-A3) the offset itself, zero-extended */
    bool rip_relative;
    uint8_t seg;             /* effective segment of the memory operand: 0 ES,1 CS,2 SS,3 DS,4 FS,5 GS (SS default
                                for rBP/rSP bases; MOVS source default DS, overridable; MOVS/STOS destination is
                                always ES). In 64-bit mode CS/DS/ES/SS overrides are ignored (SDM Vol. 1 3.3.7.1). */
    int8_t reg;              /* the register operand: xvcpu_reg numbering (8-bit regs 4-7 without any REX are
                                AH..BH = 20..23), xmm/ymm number for VMOV; STOS: 0 (AL/AX/EAX/RAX); -1 none */
    bool has_imm; uint64_t imm; /* immediate, sign-extended to op_bytes where the encoding says so (83, C7 and
                                81 with REX.W), masked to op_bytes */
    bool imm_is_src;         /* the immediate is the source operand (for BT ib it is the bit offset, taken by the
                                CPU modulo the operand width; it is not sign-extended) */
    uint8_t rep;             /* 0, 0xF3 or 0xF2 (last one seen) */
    bool lock;
    bool mem_to_reg;         /* direction: the register is the first (destination) operand and memory the
                                source: loads (8A/8B/MOVZX/...) and the ALU r, r/m forms, CMP r, r/m too
                                (nothing written, but the order decides the flags); stores, ALU r/m, r|imm,
                                TEST and BT*: false. XCHG: true (it also stores: mem_is_dest) */
    uint8_t map, opcode, modrm; /* for messages: map 0 = one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A (VEX/EVEX: its
                                map field, XOP: 8-10); modrm 0 when there is none */
    uint8_t encoding;        /* xvcpu_x86_encoding */
    uint8_t rex;             /* the REX prefix in effect (0x40-0x4F), 0 for none */
} xvcpu_x86_insn;

/* Decode the instruction at code[0]. code_bytes: 2, 4 or 8 = 16-, 32- or 64-bit code (the CS.D/
 * CS.L default). Never reads beyond code[avail-1]; `out` is always written. */
XVCPU_DEF xvcpu_x86_decode_status xvcpu_x86_decode(const uint8_t *code, unsigned avail, unsigned code_bytes,
                                                   xvcpu_x86_insn *out);
XVCPU_DEF const char *xvcpu_x86_decode_status_name(xvcpu_x86_decode_status s); /* "OK"...; never NULL */
XVCPU_DEF const char *xvcpu_x86_op_name(xvcpu_x86_op op);                       /* "MOV"...; never NULL */

/* Offset of the memory operand within its segment (segment base NOT added), truncated to
 * addr_bytes; `rip` is the address of the instruction itself (RIP-relative adds rip + length).
 * For MOVS this is the source (rSI); the destination is rDI. For BT/BTS/BTR/BTC with a register
 * bit offset it is the operand the CPU accesses: the register's signed bit offset selects an
 * operand-sized word away from the ModRM address (SDM Vol. 2A "BT"), the bit within it is then
 * the offset modulo 8 * op_bytes. 0 when the instruction has no memory operand. */
XVCPU_DEF uint64_t xvcpu_x86_insn_offset(const xvcpu_x86_insn *insn, const uint64_t gpr[16], uint64_t rip);

/* ==== xvcpu/x86/state.h ==== */
/* State every x86 backend (VMX, SVM) keeps per vCPU: the CPUID table, the guest's XCR0/XSS and
 * TPR, the I/O and MSR intercept bitmaps. The backends own the hardware formats. */

/* An instruction the library emulates over several MMIO exits (read-modify-write and string
 * forms): where it stands between xvcpu_vcpu_run() calls. */
struct xvcpu_stage2;
typedef struct xvcpu_x86_emulation {
    bool active;
    uint8_t step;              /* XVCPU__EMU_* */
    bool have_value;           /* the VMM completed the MMIO read with `value` */
    bool src_mmio, dst_mmio;   /* MOVS: which side is the device */
    uint64_t value;
    uint64_t rflags;           /* the guest's RFLAGS, updated as the instruction proceeds */
    uint64_t gpa, gpa2;        /* the device address; MOVS: source and destination */
    const struct xvcpu_stage2 *s2;
    xvcpu_x86_insn insn;
} xvcpu_x86_emulation;

/* The last instruction whose length the library decoded (SVM without NRIP-save): reused only
 * when everything that decided it is provably unchanged - the same linear address, CR3 and
 * paging/CPL state, the same stage-2 tables (generation), every paging-structure entry the walk
 * read and every instruction byte equal to what they were. The host pointers are used only to
 * compare, and only while the stage-2 generation they were found under holds. */
#define XVCPU__LEN_CACHE_ENTRIES 8 /* paging entries: 5-level walk + PAE PDPTE, twice for a page straddle */
typedef struct xvcpu__len_cache {
    bool valid;
    uint8_t length, cpl, code_bytes, n_entries, n_chunks, split;
    uint64_t linear, cr3, cr0, cr4, efer, s2_generation;
    const struct xvcpu_stage2 *s2;
    struct { const void *host; uint64_t value; uint8_t size; } entry[XVCPU__LEN_CACHE_ENTRIES];
    struct { const uint8_t *host; uint8_t count; } chunk[2];
    uint8_t bytes[15];
    uint32_t hits, misses;      /* for the benchmarks */
} xvcpu__len_cache;

typedef struct xvcpu_x86_state {
    xvcpu_cpuid_entry cpuid[XVCPU_CPUID_MAX_ENTRIES];
    unsigned cpuid_count;
    uint32_t cpuid_max_basic, cpuid_max_ext;
    uint64_t xcr0;            /* the guest's XCR0 */
    uint64_t xcr0_allowed;    /* what XSETBV may set: host-supported components */
    uint64_t host_xcr0;       /* the host's XCR0, read at bind (it cannot change while bound) */
    uint64_t tpr;             /* the guest's CR8 */
    uint64_t mtrr_def_type;   /* IA32_MTRR_DEF_TYPE (x86/msrs.c.h) */
    uint64_t misc_enable_flip; /* IA32_MISC_ENABLE bits the guest changed from the default */
    bool amd_hwcr_ffdis;      /* AMD HWCR bit 6 as the guest set it */
    uint64_t tsc_aux, host_tsc_aux; /* IA32_TSC_AUX: the guest's; the host's while bound */
    void *io_bitmap;          /* VMX: I/O bitmaps A and B, 2 pages */
    uint64_t io_bitmap_phys;
    void *msr_bitmap;         /* VMX: 1 page; a set bit makes the access exit */
    uint64_t msr_bitmap_phys;
    void *msr_to_vmm;         /* same layout: the exiting accesses the VMM handles (else built in) */
    uint64_t msr_to_vmm_phys;
    /* The guest's FPU/SSE/AVX registers while the vCPU is not bound (XSAVE or FXSAVE layout).
     * Contract: between xvcpu_vcpu_bind() and xvcpu_vcpu_unbind() the registers hold the guest's
     * state, so the host must not use FPU/SSE/AVX on that CPU meanwhile (kernels built with
     * -mgeneral-regs-only don't); bind restores the guest's state, unbind saves it and leaves the
     * registers in their initial state, so no guest data stays behind. */
    void *xsave_area;
    uint64_t xsave_area_phys;
    uint32_t xsave_pages;
    bool use_xsave;
    xvcpu_x86_emulation emu;
    xvcpu__len_cache len_cache;
} xvcpu_x86_state;

/* The guest CPU state that decides how the guest addresses memory: what the page walker and the
 * instruction fetch need. Backends fill it from the VMCS/VMCB (the guest's values, never the
 * host's). */
typedef struct xvcpu_x86_mode {
    uint64_t cr0, cr3, cr4, efer;  /* as the guest sees them (EFER.LMA tells long mode) */
    uint64_t rflags;               /* AC matters for SMAP */
    uint64_t rip;                  /* offset in CS */
    uint64_t cs_base;
    uint64_t seg_base[6];          /* ES, CS, SS, DS, FS, GS bases (x86 segment numbering), valid
                                      where seg_have has bit (1 << seg); the others are read through
                                      read_seg_base when an operand first needs them */
    uint8_t seg_have;
    uint64_t (*read_seg_base)(unsigned seg);
    uint32_t pkru;                 /* protection keys for user pages, when CR4.PKE */
    uint8_t cpl;                   /* 0-3 */
    uint8_t code_bytes;            /* 2, 4 or 8: default operand/address size (CS.D, CS.L) */
} xvcpu_x86_mode;

/* ==== xvcpu/x86/lapic.h ==== */
/* --- the virtual local APIC (x86) ----------------------------------------------------------------
 *
 * A software local APIC a VMM attaches to each vCPU: the xAPIC MMIO page and the x2APIC MSRs
 * (SDM Vol. 3A chapter 11), IRR/ISR/TMR with TPR/PPR priorities, EOI, the LVT, the spurious
 * register, and the timer in one-shot, periodic and TSC-deadline modes. It touches no hardware
 * and keeps no global state: the VMM owns the struct, feeds it the guest's accesses (MMIO_READ /
 * MMIO_WRITE exits on its page, SYSREG exits of IA32_APIC_BASE, IA32_TSC_DEADLINE and
 * 0x800-0x8FF) and a time source, and asks it which vector to inject.
 *
 * Time is the VMM's: every call that can observe the timer takes `now`, in the guest's TSC ticks.
 * The APIC timer counts at now / tsc_per_tick, divided by the divide configuration.
 *
 * Delivery: xvcpu_lapic_accept() puts an interrupt into the IRR (from an IOAPIC, an IPI, the
 * VMM); xvcpu_lapic_pending() names the highest one whose priority class beats the PPR;
 * xvcpu_lapic_ack() moves it to the ISR when the VMM injects it (xvcpu_inject_interrupt). An EOI
 * of a level-triggered vector is reported so the VMM can tell its IOAPIC.
 *
 * ICR writes become the neutral exits: SEND_IPI for fixed/NMI/lowest-priority IPIs, CPU_UP for a
 * start-up IPI (entry = vector << 12); INIT produces no exit (the SIPI after it starts the CPU).
 * target_cpu is the APIC ID (xAPIC: ICR bits 63:56; x2APIC: bits 63:32). A fixed IPI to self
 * (shorthand "self", the x2APIC SELF IPI register) is delivered by the APIC itself and makes no
 * exit; "all including self" delivers the self part and exits as "all excluding self". */

/* "No expiry": the largest 64-bit value (spelled out: XVCPU_NO_STDINT users may lack UINT64_MAX). */
#define XVCPU_LAPIC_NEVER (~(uint64_t)0)

#define XVCPU_LAPIC_DEFAULT_BASE 0xFEE00000ull
#define XVCPU_LAPIC_VERSION 0x14u /* an integrated APIC, as on every CPU since the P6 */
#define XVCPU_LAPIC_LVT_COUNT 6   /* timer, thermal, perf, LINT0, LINT1, error (no CMCI) */

/* xAPIC register offsets in the 4 KiB page (SDM Vol. 3A Table 11-1); x2APIC MSR = 0x800 + off/16. */
enum {
    XVCPU_LAPIC_ID = 0x020, XVCPU_LAPIC_VER = 0x030, XVCPU_LAPIC_TPR = 0x080, XVCPU_LAPIC_APR = 0x090,
    XVCPU_LAPIC_PPR = 0x0A0, XVCPU_LAPIC_EOI = 0x0B0, XVCPU_LAPIC_RRD = 0x0C0, XVCPU_LAPIC_LDR = 0x0D0,
    XVCPU_LAPIC_DFR = 0x0E0, XVCPU_LAPIC_SVR = 0x0F0, XVCPU_LAPIC_ISR = 0x100, XVCPU_LAPIC_TMR = 0x180,
    XVCPU_LAPIC_IRR = 0x200, XVCPU_LAPIC_ESR = 0x280,
    XVCPU_LAPIC_ICR_LO = 0x300, XVCPU_LAPIC_ICR_HI = 0x310, XVCPU_LAPIC_LVT_TIMER = 0x320,
    XVCPU_LAPIC_LVT_THERMAL = 0x330, XVCPU_LAPIC_LVT_PERF = 0x340, XVCPU_LAPIC_LVT_LINT0 = 0x350,
    XVCPU_LAPIC_LVT_LINT1 = 0x360, XVCPU_LAPIC_LVT_ERROR = 0x370, XVCPU_LAPIC_TIMER_INITIAL = 0x380,
    XVCPU_LAPIC_TIMER_CURRENT = 0x390, XVCPU_LAPIC_TIMER_DIVIDE = 0x3E0, XVCPU_LAPIC_SELF_IPI = 0x3F0
};

typedef struct xvcpu_lapic {
    uint32_t id;              /* APIC ID (xAPIC: the ID register's bits 31:24) */
    uint64_t apic_base;       /* IA32_APIC_BASE: base, EN, EXTD, BSP */
    bool x2apic_allowed;      /* the CPUID view offers x2APIC: EXTD may be set */
    bool tsc_deadline_allowed; /* the CPUID view offers the TSC-deadline timer */
    uint64_t tsc_per_tick;    /* guest TSC ticks per APIC timer clock (before the divider), >= 1 */
    uint32_t irr[8], isr[8], tmr[8];
    uint32_t tpr, svr, ldr, dfr, esr, esr_pending, icr_lo, icr_hi;
    uint32_t lvt[XVCPU_LAPIC_LVT_COUNT]; /* in register order: timer, thermal, perf, LINT0, LINT1, error */
    uint32_t timer_initial, timer_divide;
    uint64_t timer_start;     /* `now` when the count (re)started */
    uint64_t timer_next;      /* `now` of the next one-shot/periodic expiry; XVCPU_LAPIC_NEVER: none */
    uint64_t tsc_deadline;    /* IA32_TSC_DEADLINE; 0 = disarmed */
} xvcpu_lapic;

/* What an access did, for the VMM. */
typedef enum xvcpu_lapic_result {
    XVCPU_LAPIC_DONE = 0,     /* handled; complete the exit */
    XVCPU_LAPIC_FAULT,        /* the architecture raises #GP: complete_fault(13, 0) */
    XVCPU_LAPIC_EXIT,         /* an ICR write: `*exit` holds SEND_IPI or CPU_UP for the VMM */
    XVCPU_LAPIC_EOI_LEVEL     /* an EOI of the level-triggered vector in `*eoi_vector`: tell the IOAPIC */
} xvcpu_lapic_result;

/* Reset state (SDM Vol. 3A 11.4.7.1) for APIC `id`; the bootstrap processor gets the BSP flag.
 * tsc_per_tick 0 is taken as 1. */
XVCPU_DEF void xvcpu_lapic_init(xvcpu_lapic *apic, uint32_t id, bool bsp, uint64_t tsc_per_tick);
/* The guest-physical base of the xAPIC page (meaningful while EN is set and EXTD clear). */
XVCPU_DEF uint64_t xvcpu_lapic_base(const xvcpu_lapic *apic);
XVCPU_DEF bool xvcpu_lapic_x2apic_mode(const xvcpu_lapic *apic);

/* xAPIC page accesses: `offset` within the page, `width` 1/2/4/8 bytes. Reads of a register
 * take the part the access covers; writes other than aligned 32-bit ones are ignored, as the
 * SDM leaves them undefined. In x2APIC mode (or disabled) the page reads as all ones. */
XVCPU_DEF uint64_t xvcpu_lapic_mmio_read(xvcpu_lapic *apic, uint32_t offset, uint8_t width, uint64_t now);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_mmio_write(xvcpu_lapic *apic, uint32_t offset, uint8_t width, uint64_t value,
                                                    uint64_t now, xvcpu_exit *exit, uint8_t *eoi_vector);

/* MSRs: IA32_APIC_BASE, IA32_TSC_DEADLINE and the x2APIC range 0x800-0x8FF. Anything else, or
 * what the architecture refuses (x2APIC registers outside x2APIC mode, read-only or write-only
 * ones, reserved bits), is XVCPU_LAPIC_FAULT. */
XVCPU_DEF bool xvcpu_lapic_handles_msr(uint32_t msr);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_read(xvcpu_lapic *apic, uint32_t msr, uint64_t now, uint64_t *value);
XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_write(xvcpu_lapic *apic, uint32_t msr, uint64_t value, uint64_t now,
                                                   xvcpu_exit *exit, uint8_t *eoi_vector);

/* An interrupt arrives (vector 16-255; lower ones set the illegal-vector error instead). */
XVCPU_DEF void xvcpu_lapic_accept(xvcpu_lapic *apic, uint8_t vector, bool level);
/* Fire the timer if it is due at `now`; returns the `now` at which it next fires (XVCPU_LAPIC_NEVER: never). */
XVCPU_DEF uint64_t xvcpu_lapic_update(xvcpu_lapic *apic, uint64_t now);
/* The vector to inject next, or -1: the highest IRR entry above the processor priority, while
 * the APIC is enabled. */
XVCPU_DEF int xvcpu_lapic_pending(const xvcpu_lapic *apic);
/* The VMM injected `vector` (from pending()): IRR -> ISR. */
XVCPU_DEF void xvcpu_lapic_ack(xvcpu_lapic *apic, uint8_t vector);
/* The step every VMM makes before xvcpu_vcpu_run(): fire the timer if due at `now`, and when the
 * vCPU has no external interrupt queued, inject the APIC's highest deliverable vector
 * (xvcpu_inject_interrupt, delivered through the backend's interrupt window) and move it to the
 * ISR. One at a time, so the APIC's priorities order them. Returns the `now` of the next timer
 * expiry (XVCPU_LAPIC_NEVER: none), for a VMM that waits in HALT. */
struct xvcpu_vcpu;
XVCPU_DEF uint64_t xvcpu_lapic_deliver(xvcpu_lapic *apic, struct xvcpu_vcpu *vcpu, uint64_t now);

/* ==== xvcpu/x86emu/walk.h ==== */
/* --- x86 guest page walker -------------------------------------------------------------------------
 *
 * Guest linear -> guest-physical, the way the CPU does it, for emulating an access the hardware did
 * not complete (MMIO, instruction fetch). Section numbers are the SDM's since its 2024 renumbering
 * (Vol. 3A chapter 5 "Paging" was chapter 4 before).
 *
 * Paging modes (SDM Vol. 3A 5.1.1), chosen from the mode's CR0.PG, CR4.PAE, EFER.LMA, CR4.LA57:
 *   PG = 0             no translation: gpa = linear (32 bits), page_size 0, every access allowed
 *   PAE = 0            32-bit paging: 4 KiB; 4 MiB when CR4.PSE, with PSE-36 address bits (5.3)
 *   PAE = 1, LMA = 0   PAE paging: 4 KiB, 2 MiB; four PDPTEs at CR3 (5.4)
 *   LMA = 1            4-level (LA57 = 0) or 5-level paging: 4 KiB, 2 MiB, 1 GiB (5.5)
 * Address size (SDM Vol. 1 3.3.7.1): in 64-bit mode (EFER.LMA and mode->code_bytes == 8,
 * or code_bytes 0 = not given) and for implicit accesses in IA-32e mode (descriptor-table bases are
 * 64 bits there), a linear address must be canonical (48 bits, 57 with LA57), else the result is
 * XVCPU_X86_WALK_GP and nothing is read. Everywhere else (legacy modes, compatibility mode) it is
 * truncated to 32 bits first; the result's `linear` says what was translated.
 *
 * Checks (SDM Vol. 3A 5.6, 5.7), in the CPU's order: P = 0 in any entry used, then reserved bits in
 * it (bits M..51 where M is MAXPHYADDR; XD when EFER.NXE = 0; PS in PML5Es/PML4Es, and in PDPTEs
 * without 1-GiB page support; the bits between PAT and the frame of large pages; PSE-36's bit 21
 * and up; the PAE PDPTE's reserved bits), and with a complete translation the access rights:
 *   - user accesses (CPL 3, not IMPLICIT) need U/S = 1 in every entry, writes R/W = 1 in every one;
 *   - supervisor writes need R/W = 1 everywhere only when CR0.WP = 1;
 *   - fetches fault on XD = 1 in any entry when EFER.NXE = 1 (no XD bit in 32-bit paging), and
 *     supervisor fetches from user-mode addresses fault when CR4.SMEP = 1;
 *   - supervisor data accesses to user-mode addresses fault when CR4.SMAP = 1, unless RFLAGS.AC = 1
 *     and the access is explicit. SDM 5.6 states the AC override for CPL < 3 and denies it at CPL 3,
 *     where every supervisor access is implicit; this walker denies it to IMPLICIT accesses at any
 *     CPL (the stricter reading: the CPU's own system-structure accesses do not honour AC);
 *   - protection keys (4/5-level paging, CR4.PKE = 1): a data access to a user-mode address with key
 *     i faults when PKRU.ADi = 1, or when PKRU.WDi = 1 for a write by a user access or with
 *     CR0.WP = 1 (SDM 5.6.2). CR4.PKS (keys for supervisor-mode addresses, IA32_PKRS) is not
 *     modelled: supervisor-mode addresses are never checked against keys.
 * Not modelled: shadow-stack accesses (CET), HLAT, LAM, LASS, SGX; PAT/MTRR memory types.
 *
 * The #PF error code (SDM Vol. 3A 5.7): P = 0 for a non-present entry, 1 otherwise; W/R for a write;
 * U/S for a user access (IMPLICIT accesses are supervisor accesses even at CPL 3); RSVD for a
 * reserved bit; I/D for a fetch when CR4.SMEP = 1 or (CR4.PAE = 1 and EFER.NXE = 1); PK when the
 * translation's key forbids the data access (set even if another right also failed).
 *
 * Accessed and dirty flags (SDM Vol. 3A 5.8): only a walk that succeeds sets them: A in every entry
 * it used (PAE PDPTEs have none), and D in the leaf for a write, each with one set_bits call on an
 * entry that lacks it. A faulting walk writes nothing (hardware may set A in the upper entries it
 * walked; nothing may depend on that). The read-then-set is not one atomic step: an entry another
 * CPU changes in between keeps its new value and gains only the A/D bits.
 *
 * PAE PDPTEs: a real CPU loads the four PDPTEs at MOV CR3 (and some other CR writes) and walks with
 * those copies, checking their reserved bits then (#GP). Give those copies in the config (VMX with
 * EPT has them in the VMCS: GUEST_PDPTE0-3) to walk exactly as the CPU would; without them they are
 * read from memory at CR3 on every walk, and a reserved bit there faults as #PF with RSVD. */

#define XVCPU_X86_WALK_WRITE 1u    /* the access writes */
#define XVCPU_X86_WALK_FETCH 2u    /* instruction fetch (takes precedence over WRITE) */
#define XVCPU_X86_WALK_IMPLICIT 4u /* implicit supervisor access (descriptor tables): supervisor even at CPL 3 */

typedef struct xvcpu_x86_guest_memory {
    void *ctx;
    /* Read `len` (4 or 8) bytes of guest-physical memory at `gpa`; false when the address is not guest RAM. */
    bool (*read)(void *ctx, uint64_t gpa, void *buf, unsigned len);
    /* Atomically OR `bits` into the `len`-byte paging entry at `gpa` (accessed/dirty); false when not RAM. */
    bool (*set_bits)(void *ctx, uint64_t gpa, unsigned len, uint64_t bits);
} xvcpu_x86_guest_memory;

typedef enum xvcpu_x86_walk_status {
    XVCPU_X86_WALK_OK = 0,
    XVCPU_X86_WALK_PAGE_FAULT, /* inject #PF(error_code) with CR2 = linear */
    XVCPU_X86_WALK_GP,         /* non-canonical address: #GP(0) (the caller picks #SS for stack accesses) */
    XVCPU_X86_WALK_BAD_GPA     /* a paging-structure entry is not in guest RAM (bad_gpa says where) */
} xvcpu_x86_walk_status;

/* The CPU's properties the walk depends on beyond xvcpu_x86_mode. All zero is a valid default. */
#define XVCPU_X86_WALK_NO_1G_PAGES 1u /* CPUID.80000001H:EDX.Page1GB[26] = 0: PS in a PDPTE is reserved */
typedef struct xvcpu_x86_walk_config {
    uint8_t maxphyaddr;     /* the guest's MAXPHYADDR (CPUID.80000008H:EAX[7:0]); 0 means 52. Values
                               outside 32..52 are clamped. Bits M..51 of entries are reserved. */
    uint32_t flags;         /* XVCPU_X86_WALK_NO_1G_PAGES */
    const uint64_t *pdptes; /* PAE paging: the 4 PDPTEs the CPU loaded from CR3, or NULL: read them at CR3 */
} xvcpu_x86_walk_config;

/* The translation's effective rights (OK), combined over every entry used (SDM Vol. 3A 5.6). */
#define XVCPU_X86_WALK_PERM_WRITE 1u /* R/W = 1 in every entry */
#define XVCPU_X86_WALK_PERM_USER 2u  /* U/S = 1 in every entry: a user-mode address */
#define XVCPU_X86_WALK_PERM_EXEC 4u  /* XD = 0 in every entry, or EFER.NXE = 0, or 32-bit paging */

typedef struct xvcpu_x86_walk_result {
    uint64_t gpa;        /* OK: the guest-physical address */
    uint64_t page_size;  /* OK: 4 KiB, 2 MiB, 4 MiB or 1 GiB (or 0 when paging is off) */
    uint32_t error_code; /* PAGE_FAULT: the #PF error code (XVCPU_PAGE_FAULT_ERROR_CODE_*) */
    uint64_t bad_gpa;    /* BAD_GPA: the paging entry that is not RAM (read or set_bits refused) */
    uint64_t linear;     /* always: the address translated (32-bit truncation applied): CR2 on PAGE_FAULT */
    uint32_t perms;      /* OK: XVCPU_X86_WALK_PERM_*; all of them when paging is off */
    uint8_t pkey;        /* OK in 4/5-level paging: the leaf's protection key (bits 62:59), else 0 */
} xvcpu_x86_walk_result;

/* Translate `linear` (segment base already applied) for `access` (XVCPU_X86_WALK_*) in `mode`
 * (xvcpu_x86_mode: cr0, cr3, cr4, efer, rflags, pkru, cpl, code_bytes), reading paging structures
 * through `mem`. `out` is filled on every status (fields a status does not name are 0).
 * xvcpu_x86_walk uses the default config: MAXPHYADDR 52, 1-GiB pages, PDPTEs read at CR3. */
XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                              const xvcpu_x86_guest_memory *mem, xvcpu_x86_walk_result *out);
/* The same with the CPU's properties; `cfg` may be NULL (the defaults). */
XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk_ex(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                                 const xvcpu_x86_guest_memory *mem,
                                                 const xvcpu_x86_walk_config *cfg, xvcpu_x86_walk_result *out);

/* ==== xvcpu/x86emu/alu.h ==== */
/* --- x86 ALU with exact flags ------------------------------------------------------------------------
 *
 * The arithmetic an emulated instruction does to its destination and to RFLAGS, bit-exact with the
 * CPU (SDM Vol. 2 instruction pages; flag meanings in Vol. 1 3.4.3.1 and Appendix A):
 *   ADD ADC SUB SBB CMP   CF, PF, AF, ZF, SF, OF from the result; ADC and SBB add/subtract CF.
 *   AND OR XOR TEST       CF = OF = 0; PF, ZF, SF from the result.
 *   BT BTS BTR BTC        CF = the selected bit; ZF unchanged; BTS/BTR/BTC set/clear/complement it.
 * Flags the SDM leaves undefined get what the CPU this was checked on (AMD EPYC) does;
 * tests/x86emu/walk/alu_oracle.c reports any difference on the host it runs on:
 *   AND OR XOR TEST       AF = 0.
 *   BT BTS BTR BTC        OF, SF, AF, PF unchanged (so every flag but CF is unchanged).
 * RFLAGS bits outside CF PF AF ZF SF OF are never touched. */

typedef enum xvcpu_x86_alu_op { /* ALU group order: ModRM.reg of 80/81/83 maps directly */
    XVCPU_X86_ALU_ADD = 0,
    XVCPU_X86_ALU_OR,
    XVCPU_X86_ALU_ADC,
    XVCPU_X86_ALU_SBB,
    XVCPU_X86_ALU_AND,
    XVCPU_X86_ALU_SUB,
    XVCPU_X86_ALU_XOR,
    XVCPU_X86_ALU_CMP,
    XVCPU_X86_ALU_TEST,
    XVCPU_X86_ALU_BT,
    XVCPU_X86_ALU_BTS,
    XVCPU_X86_ALU_BTR,
    XVCPU_X86_ALU_BTC
} xvcpu_x86_alu_op;

/* The six arithmetic flags, the ones this ALU may write. */
#define XVCPU_X86_ALU_FLAGS                                                                                \
    (XVCPU_RFLAGS_CF | XVCPU_RFLAGS_PF | XVCPU_RFLAGS_AF | XVCPU_RFLAGS_ZF | XVCPU_RFLAGS_SF | XVCPU_RFLAGS_OF)

/* dst op src at `bytes` (1, 2, 4, 8; anything else is taken as 8). Only the low `bytes` of dst and
 * src count. Returns the result the destination receives, zero-extended from `bytes` (dst itself,
 * so truncated, for CMP, TEST, BT); updates *rflags exactly like the CPU (see above).
 * For BT* `src` is the bit offset already reduced modulo the operand width (it is reduced again). */
XVCPU_DEF uint64_t xvcpu_x86_alu(xvcpu_x86_alu_op op, unsigned bytes, uint64_t dst, uint64_t src, uint64_t *rflags);

/* ==== xvcpu/vmx/vmx.h ==== */
/* The Intel VMX backend's state. Per CPU: the capabilities read at enable. Per vCPU: the VMCS,
 * the control values in force (kept here so the hot path never VMREADs them) and a per-exit cache
 * of the fields already read. */

typedef struct xvcpu_vmx_caps {
    uint64_t basic;           /* IA32_VMX_BASIC */
    uint64_t misc;            /* IA32_VMX_MISC */
    uint64_t ept_vpid;        /* IA32_VMX_EPT_VPID_CAP (0 without secondary controls) */
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
} xvcpu_vmx_caps;

/* Which VMCS fields the current exit has read already. */
enum {
    XVCPU__VMX_HAVE_RIP = 1u << 0,
    XVCPU__VMX_HAVE_LEN = 1u << 1,
    XVCPU__VMX_HAVE_QUAL = 1u << 2,
    XVCPU__VMX_HAVE_RFLAGS = 1u << 3,
    XVCPU__VMX_HAVE_INTR_STATE = 1u << 4
};

typedef struct xvcpu_vmx_vcpu {
    void *vmcs;
    uint64_t vmcs_phys;
    bool launched;              /* VMLAUNCH done since the last VMCLEAR: the next entry is VMRESUME */
    uint16_t vpid;              /* 0 when the CPU has no VPID */
    uint64_t host_rsp;          /* HOST_RSP as last written (written again only when it changes) */
    uint32_t pin, proc, proc2, exit_ctls, entry_ctls; /* control words in force */
    uint64_t cr0_mask, cr4_mask; /* guest/host masks: the bits the guest cannot change unseen */
    uint64_t cr4_allowed;       /* bits the guest may set in CR4 */
    uint64_t stage2_generation; /* of the stage-2 tables when last flushed */
    struct xvcpu_stage2 *stage2;
    xvcpu_vmx_caps caps;        /* of the CPU the vCPU was created on */
    xvcpu_vcpu_setup_args start; /* written into the VMCS at the first bind */
    bool initialized;           /* the VMCS holds the controls and the start state */
    /* The guest's CR0/CR4 as it sees them (the read shadows; exact for the owned bits) and its
     * EFER: kept current by the CR and MSR handlers, so no exit needs to VMREAD them. */
    uint64_t cr0, cr4, efer;
    /* CR2 is not in the VMCS: the guest's value lives in the register while it runs, is saved at
     * each exit and put back before an entry if the host changed it (or a #PF is injected). */
    uint64_t cr2;
    /* SYSCALL MSRs and KERNEL_GS_BASE are not in the VMCS: the guest's values are loaded at bind
     * and saved at unbind (the guest reaches them directly meanwhile), the host's put back. */
    uint64_t guest_syscall_msrs[5], host_syscall_msrs[5];
    bool vpid_flushed;          /* this VPID's translations are clean on `vpid_cpu` */
    uint32_t vpid_cpu;          /* the CPU the vCPU last ran on, whose TLB may hold its VPID */
    bool event_reinjected;      /* this entry delivers an event cut short by the last exit */
    /* per-exit cache of VMCS fields, valid while `have` says so */
    uint32_t have;
    uint64_t rip, qual, rflags;
    uint32_t len, intr_state;
} xvcpu_vmx_vcpu;

/* ==== xvcpu/svm/svm.h ==== */
/* The AMD SVM backend's state (AMD APM Vol. 2 chapter 15). Per CPU: what CPUID Fn8000_000A says
 * the CPU offers, and the VM_HSAVE_PA value to put back at disable. Per vCPU: the VMCB, the MSR
 * permission map, the ASID and its TLB state, and the event bookkeeping VMX keeps in the VMCS. */

typedef struct xvcpu_svm_caps {
    uint32_t revision;       /* CPUID Fn8000_000A EAX: SVM revision */
    uint32_t nasid;          /* EBX: number of ASIDs (ASID 0 is the host's) */
    uint32_t features;       /* EDX: XVCPU_SVM_CPUID_8000000A_EDX_* */
    bool npt;                /* nested paging */
    bool nrips;              /* NRIP save: the VMCB holds the next RIP after instruction intercepts */
    bool decode_assists;     /* EXITINFO1 decodes MOV CRx/DRx, INTn, INVLPG; IOIO has the segment */
    bool vmcb_clean;         /* VMRUN honours the VMCB clean bits */
    bool flush_by_asid;      /* TLB_CONTROL 3 (flush this guest's ASID) */
    bool vgif, avic;
    bool page_1g;            /* CPUID Fn8000_0001 EDX.Page1GB: 1-GiB nested pages */
    bool nx;                 /* CPUID Fn8000_0001 EDX.NX: no-execute nested mappings */
    bool set_nxe;            /* enable set the host's EFER.NXE (disable clears it again) */
    uint64_t saved_hsave_pa; /* VM_HSAVE_PA before enable, written back at disable */
    /* This CPU's ASIDs (APM Vol. 2 15.16), handed to the vCPUs bound here one by one; when they
     * run out a new generation starts, and its first VMRUN flushes every ASID. */
    uint32_t next_asid;
    uint64_t asid_generation;
    bool flush_all_pending;
} xvcpu_svm_caps;

/* The guest state VMRUN's consistency checks read, as it was at the last VMRUN: a failed VMRUN may
 * overwrite the save area (Bochs 2.7 stores the host's state there), and the checker and the
 * event re-injection need what the library gave the CPU. */
typedef struct xvcpu_svm_vmrun_state {
    uint64_t efer, cr0, cr3, cr4, dr6, dr7, event_inj;
    uint16_t cs_attrib;
} xvcpu_svm_vmrun_state;

typedef struct xvcpu_svm_vcpu {
    xvcpu_vmcb *vmcb;            /* the guest's VMCB: control area, state save area */
    uint64_t vmcb_phys;
    uint8_t *msrpm;              /* MSR permission map, 8 KiB (APM Vol. 2 15.11); the I/O permission
                                    map is vcpu->x86.io_bitmap (12 KiB, whose first 8 KiB have the
                                    layout of VMX's I/O bitmaps A and B) */
    uint64_t msrpm_phys;
    struct xvcpu_stage2 *stage2;
    uint64_t stage2_generation;  /* of the stage-2 tables when the TLB was last flushed */
    xvcpu_svm_caps caps;         /* of the CPU the vCPU was created on */
    uint32_t asid;               /* 0 until the first bind */
    uint32_t asid_cpu;           /* the CPU (cpu_id) whose ASID it is ... */
    uint64_t asid_generation;    /* ... and that CPU's ASID generation then */
    uint32_t dirty;              /* VMCB clean-bit groups changed since the last VMRUN */
    uint64_t cr4_allowed;        /* CR4 bits the guest may set: what this CPU implements */
    bool event_reinjected;       /* this entry delivers an event cut short by the last exit */
    bool soft_injected;          /* this entry injects a software event with RIP moved past it */
    bool nmi_injected;           /* this entry injects an NMI */
    bool nmi_blocked;            /* an NMI was delivered; NMIs stay blocked until its IRET */
    bool awaiting_iret;          /* the guest was at that IRET (iret_rip) at the last IRET intercept */
    bool df_watch;               /* a #DF is being delivered: a fault on the way is a shutdown */
    uint64_t iret_rip;
    xvcpu_svm_vmrun_state at_vmrun; /* copied before each VMRUN (8 fields) */
} xvcpu_svm_vcpu;

/* ==== xvcpu/vmx/entry_check.h ==== */
/* Explaining failed VM entries (VMX: SDM Vol. 3C chapter 27; SVM: APM Vol. 2 15.5.1) and dumping
 * the VMCS/VMCB by field name. The run loop calls the checkers itself when an entry fails and puts
 * the first failed check in the FAIL_ENTRY exit (fail_entry.check) and in
 * xvcpu_vcpu_last_error(); a VMM may call them too, e.g. before a first entry. */

/* Which of the SDM's classes of checks to make: VMfailValid 7 (controls), 8 (host state) or exit
 * reason 33 (guest state). */
#define XVCPU_VMX_CHECK_CONTROLS 1u
#define XVCPU_VMX_CHECK_HOST 2u
#define XVCPU_VMX_CHECK_GUEST 4u
#define XVCPU_VMX_CHECK_ALL 7u

/* The first check of `classes` the VMCS of `vcpu` (bound, so its VMCS is current) fails, in
 * words with its SDM section, e.g. "guest RFLAGS: bit 1 clear (SDM Vol. 3C 27.3.1.4)"; NULL when
 * all pass or the vCPU is not a bound VMX vCPU. Uses the capability MSRs stored at enable, reads
 * the VMCS with VMREAD and the VMCS link pointer's region through the HAL. */
XVCPU_DEF const char *xvcpu_vmx_entry_check(const xvcpu_vcpu *vcpu, uint32_t classes);

/* The first APM Vol. 2 15.5.1 VMRUN consistency check `vmcb` fails ("ASID is equal to zero
 * (APM Vol. 2 15.5.1)"), NULL when all pass. `caps` are the CPU's (xvcpu_percpu.caps.svm). */
XVCPU_DEF const char *xvcpu_svm_vmrun_check(const xvcpu_vmcb *vmcb, const xvcpu_svm_caps *caps);

/* Print every VMCS field (VMX) or VMCB member (SVM) of a bound vCPU, one "NAME 0x..." line per
 * call of `print` (fields this CPU does not have are left out). XVCPU_ERR_BAD_STATE when the
 * vCPU is not bound or belongs to the other backend. */
typedef void (*xvcpu_print_fn)(void *ctx, const char *line);
XVCPU_DEF xvcpu_err xvcpu_vmx_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx);
XVCPU_DEF xvcpu_err xvcpu_svm_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx);

/* ==== xvcpu/arm64/arm64.h ==== */
/* The AArch64 EL2 backend's state and its access layer (Arm ARM DDI 0487, chapters D1, D8, D19).
 *
 * Access layer: every privileged instruction the backend executes goes through one of these
 * macros; define any of them before including xvcpu.h to substitute a software EL2 machine (the
 * host tests do). REG is a register name of spec/arm64_sysregs.yaml (HCR_EL2, SCTLR_EL1 ...);
 * XVCPU_SYSREG_##REG is its number.
 *   uint64_t XVCPU_A64_READ(REG)          void XVCPU_A64_WRITE(REG, value)
 *   void     XVCPU_A64_ISB()  XVCPU_A64_DSB_ISH()
 *   void     XVCPU_A64_TLBI_VMALLS12E1IS()     every stage-1+2 entry of the current VMID
 *   void     XVCPU_A64_TLBI_IPAS2E1IS(ipa)     stage-2 entries for one IPA page (current VMID)
 *   void     XVCPU_A64_TLBI_VMALLE1IS()        stage-1 entries of the current VMID
 *   uint64_t XVCPU_A64_AT_S1E1R(va) / XVCPU_A64_AT_S1E1W(va)  the guest's stage-1 walk; PAR_EL1
 *   int      XVCPU_A64_ENTER(ctx)              run the guest until it exits; the exit kind
 *   void     XVCPU_A64_FP_SAVE(fp)  XVCPU_A64_FP_RESTORE(fp)  V0-V31, FPCR, FPSR
 *   uint64_t XVCPU_A64_VECTORS()               address of the backend's EL2 vector table
 * On aarch64 the defaults are the instructions (under __aarch64__ only); elsewhere they are inert
 * (registers read 0), so xvcpu_percpu_enable() with the arm64 backend fails with "not at EL2". */

#if defined(__aarch64__)
#define XVCPU__A64_SYSREG_RW(name, gen)                                                  \
    static inline uint64_t xvcpu__mrs_##name(void)                                       \
    {                                                                                    \
        uint64_t v;                                                                      \
        __asm__ volatile("mrs %0, " gen : "=r"(v) : : "memory");                       \
        return v;                                                                        \
    }                                                                                    \
    static inline void xvcpu__msr_##name(uint64_t v)                                     \
    {                                                                                    \
        __asm__ volatile("msr " gen ", %0" : : "r"(v) : "memory");                     \
    }
XVCPU_ARM64_SYSREG_ASM_NAMES(XVCPU__A64_SYSREG_RW)
static inline uint64_t xvcpu__a64_at(uint64_t va, bool write)
{
    uint64_t par;
    if (write)
        __asm__ volatile("at s1e1w, %0\n isb" : : "r"(va) : "memory");
    else
        __asm__ volatile("at s1e1r, %0\n isb" : : "r"(va) : "memory");
    __asm__ volatile("mrs %0, par_el1" : "=r"(par) : : "memory");
    return par;
}
#ifndef XVCPU_A64_READ
#define XVCPU_A64_READ(reg) xvcpu__mrs_##reg()
#endif
#ifndef XVCPU_A64_WRITE
#define XVCPU_A64_WRITE(reg, v) xvcpu__msr_##reg(v)
#endif
#ifndef XVCPU_A64_ISB
#define XVCPU_A64_ISB() __asm__ volatile("isb" : : : "memory")
#endif
#ifndef XVCPU_A64_DSB_ISH
#define XVCPU_A64_DSB_ISH() __asm__ volatile("dsb ish" : : : "memory")
#endif
#ifndef XVCPU_A64_TLBI_VMALLS12E1IS
#define XVCPU_A64_TLBI_VMALLS12E1IS() __asm__ volatile("dsb ishst\n tlbi vmalls12e1is\n dsb ish\n isb" : : : "memory")
#endif
#ifndef XVCPU_A64_TLBI_IPAS2E1IS
#define XVCPU_A64_TLBI_IPAS2E1IS(ipa) \
    __asm__ volatile("dsb ishst\n tlbi ipas2e1is, %0\n dsb ish" : : "r"((uint64_t)(ipa) >> 12) : "memory")
#endif
#ifndef XVCPU_A64_TLBI_VMALLE1IS
#define XVCPU_A64_TLBI_VMALLE1IS() __asm__ volatile("tlbi vmalle1is\n dsb ish\n isb" : : : "memory")
#endif
#ifndef XVCPU_A64_AT_S1E1R
#define XVCPU_A64_AT_S1E1R(va) xvcpu__a64_at((va), false)
#endif
#ifndef XVCPU_A64_AT_S1E1W
#define XVCPU_A64_AT_S1E1W(va) xvcpu__a64_at((va), true)
#endif
#else /* !__aarch64__: inert */
#ifndef XVCPU_A64_READ
#define XVCPU_A64_READ(reg) ((void)XVCPU_SYSREG_##reg, (uint64_t)0)
#endif
#ifndef XVCPU_A64_WRITE
#define XVCPU_A64_WRITE(reg, v) ((void)XVCPU_SYSREG_##reg, (void)(v))
#endif
#ifndef XVCPU_A64_ISB
#define XVCPU_A64_ISB() ((void)0)
#endif
#ifndef XVCPU_A64_DSB_ISH
#define XVCPU_A64_DSB_ISH() ((void)0)
#endif
#ifndef XVCPU_A64_TLBI_VMALLS12E1IS
#define XVCPU_A64_TLBI_VMALLS12E1IS() ((void)0)
#endif
#ifndef XVCPU_A64_TLBI_IPAS2E1IS
#define XVCPU_A64_TLBI_IPAS2E1IS(ipa) ((void)(ipa))
#endif
#ifndef XVCPU_A64_TLBI_VMALLE1IS
#define XVCPU_A64_TLBI_VMALLE1IS() ((void)0)
#endif
#ifndef XVCPU_A64_AT_S1E1R
#define XVCPU_A64_AT_S1E1R(va) ((void)(va), (uint64_t)1)
#endif
#ifndef XVCPU_A64_AT_S1E1W
#define XVCPU_A64_AT_S1E1W(va) ((void)(va), (uint64_t)1)
#endif
#endif /* __aarch64__ */

/* What the vectors report, XVCPU_A64_ENTER's result: the exception that ended the guest's run. */
#define XVCPU_ARM64_ENTER_SYNC 0
#define XVCPU_ARM64_ENTER_IRQ 1
#define XVCPU_ARM64_ENTER_FIQ 2
#define XVCPU_ARM64_ENTER_SERROR 3

/* raw_reason of an arm64 exit: ESR_EL2.EC for synchronous exceptions (0x00-0x3F); these for the
 * asynchronous ones. */
#define XVCPU_ARM64_REASON_IRQ 0x40u
#define XVCPU_ARM64_REASON_FIQ 0x41u
#define XVCPU_ARM64_REASON_SERROR 0x42u

/* The guest's registers the trampoline moves; the offsets are the assembly's. */
typedef struct xvcpu_arm64_ctx {
    uint64_t x[31];          /* X0-X30 */
    uint64_t pc;             /* ELR_EL2: where the guest resumes */
    uint64_t pstate;         /* SPSR_EL2 */
    uint64_t host_sp;        /* the host's stack during the run */
    uint64_t host_x19_x30[12]; /* the host's callee-saved registers */
} xvcpu_arm64_ctx;

typedef struct xvcpu_arm64_fp {
    uint64_t v[64];          /* V0-V31, 128 bits each (low, high) */
    uint64_t fpcr, fpsr;
} xvcpu_arm64_fp;

/* What enable learned about the CPU. */
typedef struct xvcpu_arm64_caps {
    uint64_t mmfr0, mmfr1;   /* ID_AA64MMFR0_EL1 / MMFR1_EL1 */
    unsigned pa_bits;        /* from PARange */
    unsigned ipa_bits;       /* the guest-physical space the stage-2 tables cover (<= 48) */
    unsigned vmid_bits;      /* 8 or 16 */
    uint64_t vtcr;           /* VTCR_EL2 written at enable */
    uint64_t host_vbar;      /* the host's VBAR_EL2, kept while xvcpu_vcpu_run() has the library's */
    /* VMIDs of this CPU, handed to vCPUs at bind; a new generation when they run out, whose first
     * entry flushes every VMID's TLB entries once (not on every entry). */
    uint32_t next_vmid;
    uint64_t vmid_generation;
    bool flush_all_pending;
} xvcpu_arm64_caps;

/* The EL1 system registers switched at bind/unbind, in the order of XVCPU_ARM64_SAVED_SYSREGS. */
enum {
#define XVCPU__A64_SAVED_INDEX(name) XVCPU__A64_EL1_##name,
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SAVED_INDEX)
#undef XVCPU__A64_SAVED_INDEX
    XVCPU__A64_EL1_COUNT
};

/* The ID registers a guest reads under HCR_EL2.TID3 (op0 3, op1 0, CRn 0, CRm 1-7, op2 0-7):
 * one slot each, filled from the CPU at create; the VMM may change them. */
#define XVCPU_ARM64_ID_SLOTS 56
#define XVCPU_ARM64_ID_SLOT(sysreg) ((((sysreg) >> 3) & 0xF) * 8u + ((sysreg) & 7u) - 8u)

typedef struct xvcpu_arm64_vcpu {
    xvcpu_arm64_ctx ctx;
    uint64_t el1[XVCPU__A64_EL1_COUNT];      /* the guest's, while unbound */
    uint64_t host_el1[XVCPU__A64_EL1_COUNT]; /* the host's, while bound */
    xvcpu_arm64_fp fp, host_fp;
    uint64_t hcr;            /* HCR_EL2 for the guest (VI/VF follow the lines below) */
    uint64_t host_hcr;
    uint64_t vmpidr, vpidr, cntvoff, cnthctl;
    uint64_t host_cnthctl, host_cntvoff, host_cptr, host_mdcr, host_hstr;
    uint64_t id_regs[XVCPU_ARM64_ID_SLOTS];
    bool virq, vfiq;         /* the virtual interrupt lines the VMM drives */
    struct xvcpu_stage2 *stage2;
    uint64_t stage2_generation; /* of the tables when this VMID's TLB entries were last flushed */
    uint32_t vmid;           /* 0 until the first bind */
    uint32_t vmid_cpu;
    uint64_t vmid_generation;
    bool flush_pending;      /* this VMID's entries must go before the next entry */
    bool sync_pending;       /* a synchronous exception to deliver at the next entry */
    uint64_t sync_esr, sync_far;
    uint64_t fault_va;       /* FAR_EL2 of the last abort: FAR_EL1 when the VMM makes it fault */
    bool down;               /* SYSTEM_OFF/RESET: the vCPU runs no more */
    /* an ISV=0 load/store pair being emulated: the second access still to do */
    bool pair_active;
    uint8_t pair_step;
    uint32_t pair_insn;
    uint64_t pair_addr;      /* guest-physical address of the first access */
    uint64_t pair_value[2];
} xvcpu_arm64_vcpu;

/* ==== xvcpu/core/objects.h ==== */
/* The objects a VMM allocates (xvcpu_percpu, xvcpu_vcpu) and the backend interface. Their
 * members are the library's: read them for debugging, change them only through the API. */

/* A backend: how one CPU architecture does each step. xvcpu picks the built-in one for the CPU it
 * finds at xvcpu_percpu_enable(); a caller may pass its own to xvcpu_percpu_init() (the host tests
 * pass a model of the hardware). Every hook may assume the neutral layer already checked the
 * state machine and its arguments. vcpu_run fills `exit`, sets vcpu->pending.insn_len to the
 * length of the instruction a completion skips (0 when there is none), and before entering adds
 * vcpu->rip_advance to RIP (then clears it) and writes gpr[RSP] to the guest when rsp_dirty. */
struct xvcpu_backend {
    const char *name; /* "vmx", "svm", "arm64" */
    xvcpu_err (*percpu_enable)(xvcpu_percpu *cpu);
    xvcpu_err (*percpu_disable)(xvcpu_percpu *cpu);
    xvcpu_err (*vcpu_create)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_setup)(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args);
    xvcpu_err (*vcpu_bind)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_unbind)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_run)(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
    void (*vcpu_destroy)(xvcpu_vcpu *vcpu);
    xvcpu_err (*get_reg)(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value); /* RIP and up */
    xvcpu_err (*set_reg)(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value);
    /* NULL for x86. Otherwise the completion calls hand their work to it: `kind` is the open exit's
     * (MMIO_READ, SYSREG_READ, HYPERCALL: write `value` where the architecture puts it), or
     * XVCPU_EXIT_KIND_COUNT for xvcpu_complete_fault(vector, code) with `value` = vector << 32 | code.
     * It closes the exit (or keeps it open for a multi-access instruction) itself. */
    xvcpu_err (*arch_complete)(xvcpu_vcpu *vcpu, xvcpu_exit_kind kind, uint64_t value);
};

struct xvcpu_percpu {
    uint32_t magic;               /* XVCPU__PERCPU_MAGIC once initialised */
    uint32_t cpu_id;
    const xvcpu_hal *hal;
    const xvcpu_backend *backend; /* chosen at enable unless given at init */
    bool enabled;
    xvcpu_vcpu *bound_vcpu;       /* the vCPU bound to this CPU, or NULL (not "current": Linux has that macro) */
    void *region;                 /* VMXON region (VMX) or host save area (SVM) */
    uint64_t region_phys;
    union {
        xvcpu_vmx_caps vmx;
        xvcpu_svm_caps svm;
        xvcpu_arm64_caps arm64;
    } caps;                       /* what the backend learned about this CPU at enable */
    char error[XVCPU_ERROR_TEXT_SIZE];
};


/* What the last exit still needs from the VMM (see the completion calls). */
typedef struct xvcpu_pending {
    xvcpu_exit exit;    /* copy of the exit the VMM was given */
    uint8_t insn_len;   /* bytes the completion advances RIP by */
    bool open;          /* the exit has not been completed yet */
} xvcpu_pending;

/* Exit statistics: one counter per raw reason. VMX basic reasons (0-127) and SVM EXITCODEs below
 * 0xF0 count at their own number, SVM's 0x400-0x40F (NPF, AVIC, VMGEXIT) at 0xF0-0xFF. */
#define XVCPU_EXIT_STATS 256
static inline int xvcpu__exit_stat_slot(uint64_t raw_reason)
{
    if (raw_reason < 0xF0)
        return (int)raw_reason;
    if (raw_reason >= 0x400 && raw_reason < 0x410)
        return (int)(raw_reason - 0x400 + 0xF0);
    return -1;
}

struct xvcpu_vcpu {
    uint32_t magic;                /* XVCPU__VCPU_MAGIC while created */
    uint32_t id;
    xvcpu_state state;
    const xvcpu_hal *hal;
    const xvcpu_backend *backend;
    xvcpu_percpu *home;            /* the CPU it was created on (its capabilities apply) */
    xvcpu_percpu *cpu;             /* the CPU this vCPU is bound to (Ready, Running, Blocked) */
    void *user;                    /* the VMM's own pointer; the library never touches it */

    /* Guest GPRs, saved by the entry trampoline. gpr[XVCPU_REG_RSP] is a copy the backend keeps in
     * sync only when rsp_dirty says the library changed it. */
    uint64_t gpr[16];
    bool rsp_dirty;
    uint64_t rip_advance;          /* bytes to add to RIP before the next entry */

    xvcpu_pending pending;
    xvcpu_mmio_region mmio[XVCPU_MMIO_MAX_REGIONS]; /* xvcpu_vcpu_add_mmio_region() */
    unsigned mmio_count;
    xvcpu_x86_state x86;
    union {
        xvcpu_vmx_vcpu vmx;
        xvcpu_svm_vcpu svm;
        xvcpu_arm64_vcpu arm64;
    } arch;

    struct {
        bool exception_pending;    /* one exception-class event: hardware exception or INT n/INT3/INTO/INT1 */
        uint8_t exception_vector;
        uint8_t exception_type;    /* XVCPU__EVENT_* */
        uint8_t exception_insn_len; /* software events: bytes of the instruction that raised it */
        bool exception_has_error;
        uint32_t exception_error;
        uint64_t page_fault_cr2;   /* CR2 for a #PF the library raises */
        bool shutdown;             /* a fault while delivering #DF: the guest shuts down */
        bool nmi_pending;
        uint64_t irr[4];           /* external interrupts 32-255 awaiting delivery, like an APIC IRR */
    } events;

    uint32_t exit_stats[XVCPU_EXIT_STATS]; /* exits per raw reason, see xvcpu__exit_stat_slot() */
    char error[XVCPU_ERROR_TEXT_SIZE];
};

/* ==== xvcpu/core/end_decls.h ==== */
#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XVCPU_H_INCLUDED */

#if defined(XVCPU_IMPLEMENTATION) && !defined(XVCPU_IMPLEMENTATION_INCLUDED)
#define XVCPU_IMPLEMENTATION_INCLUDED

/* ==== xvcpu/core/begin.c.h ==== */
#ifdef __cplusplus
extern "C" {
#endif

/* ==== xvcpu/core/format.c.h ==== */
/* A tiny formatter for error texts: %s, %u, %x (unsigned int), %llu, %llx (unsigned long long)
 * and %%. Output is always NUL-terminated and truncated to `cap`. No libc needed. */

static void xvcpu__put(char *buf, size_t cap, size_t *len, char c)
{
    if (*len + 1 < cap)
        buf[*len] = c;
    (*len)++;
}

static void xvcpu__put_num(char *buf, size_t cap, size_t *len, unsigned long long v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0);
    if (base == 16) {
        xvcpu__put(buf, cap, len, '0');
        xvcpu__put(buf, cap, len, 'x');
    }
    while (n > 0)
        xvcpu__put(buf, cap, len, digits[--n]);
}

static void xvcpu__vformat(char *buf, size_t cap, const char *fmt, __builtin_va_list ap)
{
    size_t len = 0;
    const char *p;
    if (cap == 0)
        return;
    for (p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            xvcpu__put(buf, cap, &len, *p);
            continue;
        }
        p++;
        if (*p == 's') {
            const char *s = __builtin_va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s != '\0'; s++)
                xvcpu__put(buf, cap, &len, *s);
        } else if (*p == 'u' || *p == 'x') {
            xvcpu__put_num(buf, cap, &len, __builtin_va_arg(ap, unsigned int), *p == 'u' ? 10 : 16);
        } else if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'u' || p[2] == 'x')) {
            xvcpu__put_num(buf, cap, &len, __builtin_va_arg(ap, unsigned long long), p[2] == 'u' ? 10 : 16);
            p += 2;
        } else if (*p == '%') {
            xvcpu__put(buf, cap, &len, '%');
        } else {
            XVCPU_ASSERT(0 && "xvcpu__format: unsupported conversion");
            break;
        }
    }
    buf[len < cap ? len : cap - 1] = '\0';
}

/* Record an error text in `buf` (an object's error field), log it, and return `err`. */
static xvcpu_err xvcpu__fail(const xvcpu_hal *hal, char *buf, xvcpu_err err, const char *fmt, ...)
{
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    xvcpu__vformat(buf, XVCPU_ERROR_TEXT_SIZE, fmt, ap);
    __builtin_va_end(ap);
    (void)hal;
    XVCPU_LOG(hal, XVCPU_LOG_ERROR, buf);
    return err;
}

/* ==== xvcpu/core/pages.c.h ==== */
/* Pages from the HAL, zeroed here (the HAL need not). */

static void *xvcpu__alloc_zeroed(const xvcpu_hal *hal, size_t pages, uint64_t *phys)
{
    void *p = hal->alloc_pages(hal->ctx, pages, phys);
    if (p != NULL)
        XVCPU_MEMSET(p, 0, pages * 4096);
    return p;
}

static void xvcpu__free(const xvcpu_hal *hal, void **virt, uint64_t phys, size_t pages)
{
    if (*virt != NULL)
        hal->free_pages(hal->ctx, *virt, phys, pages);
    *virt = NULL;
}

/* ==== xvcpu/core/names.c.h ==== */
/* Names for enums, for messages and logs. */

XVCPU_DEF const char *xvcpu_strerror(xvcpu_err err)
{
    switch (err) {
    case XVCPU_OK: return "ok";
    case XVCPU_ERR_INVALID_ARG: return "invalid argument";
    case XVCPU_ERR_BAD_STATE: return "bad state";
    case XVCPU_ERR_UNSUPPORTED: return "unsupported by this CPU";
    case XVCPU_ERR_DISABLED_BY_FIRMWARE: return "disabled by firmware";
    case XVCPU_ERR_BUSY: return "busy";
    case XVCPU_ERR_NO_MEMORY: return "out of memory";
    case XVCPU_ERR_VM_INSTRUCTION: return "VM instruction failed";
    case XVCPU_ERR_VM_ENTRY: return "VM entry failed";
    case XVCPU_ERR_ALREADY_MAPPED: return "already mapped";
    case XVCPU_ERR_NOT_MAPPED: return "not mapped";
    case XVCPU_ERR_COUNT: break;
    }
    return "unknown error";
}

XVCPU_DEF const char *xvcpu_state_name(xvcpu_state state)
{
    switch (state) {
    case XVCPU_STATE_INVALID: return "Invalid";
    case XVCPU_STATE_CREATED: return "Created";
    case XVCPU_STATE_FREE: return "Free";
    case XVCPU_STATE_READY: return "Ready";
    case XVCPU_STATE_RUNNING: return "Running";
    case XVCPU_STATE_BLOCKED: return "Blocked";
    }
    return "(bad state value)";
}

XVCPU_DEF const char *xvcpu_exit_kind_name(xvcpu_exit_kind kind)
{
    switch (kind) {
    case XVCPU_EXIT_NOTHING: return "NOTHING";
    case XVCPU_EXIT_HYPERCALL: return "HYPERCALL";
    case XVCPU_EXIT_MMIO_READ: return "MMIO_READ";
    case XVCPU_EXIT_MMIO_WRITE: return "MMIO_WRITE";
    case XVCPU_EXIT_SYSREG_READ: return "SYSREG_READ";
    case XVCPU_EXIT_SYSREG_WRITE: return "SYSREG_WRITE";
    case XVCPU_EXIT_IO_READ: return "IO_READ";
    case XVCPU_EXIT_IO_WRITE: return "IO_WRITE";
    case XVCPU_EXIT_EXTERNAL_INTERRUPT: return "EXTERNAL_INTERRUPT";
    case XVCPU_EXIT_NESTED_PAGE_FAULT: return "NESTED_PAGE_FAULT";
    case XVCPU_EXIT_HALT: return "HALT";
    case XVCPU_EXIT_CPU_UP: return "CPU_UP";
    case XVCPU_EXIT_CPU_DOWN: return "CPU_DOWN";
    case XVCPU_EXIT_SYSTEM_DOWN: return "SYSTEM_DOWN";
    case XVCPU_EXIT_FAIL_ENTRY: return "FAIL_ENTRY";
    case XVCPU_EXIT_SEND_IPI: return "SEND_IPI";
    case XVCPU_EXIT_UNHANDLED: return "UNHANDLED";
    case XVCPU_EXIT_MMIO_UNSUPPORTED: return "MMIO_UNSUPPORTED";
    case XVCPU_EXIT_KIND_COUNT: break;
    }
    return "(bad exit kind)";
}

/* ==== xvcpu/core/percpu.c.h ==== */
/* Per-CPU state: init, enable, disable. The hardware work is the backend's. */

#define XVCPU__PERCPU_MAGIC 0x78706370u /* "xpcp" */

static bool xvcpu__percpu_ok(const xvcpu_percpu *cpu)
{
    return cpu != NULL && cpu->magic == XVCPU__PERCPU_MAGIC;
}

static bool xvcpu__hal_ok(const xvcpu_hal *hal)
{
    return hal != NULL && hal->alloc_pages != NULL && hal->free_pages != NULL &&
           hal->phys_to_virt != NULL && hal->virt_to_phys != NULL;
}

/* The built-in backend for this CPU: VMX when CPUID.1:ECX.VMX is set, SVM when CPUID
 * Fn8000_0001 ECX.SVM is (AMD APM Vol. 2 15.4). */
static const xvcpu_backend *xvcpu__detect_backend(xvcpu_percpu *cpu)
{
    uint32_t r[4];
#if defined(__aarch64__)
    (void)r;
    return xvcpu_arm64_backend(); /* it checks for EL2 itself */
#endif
    XVCPU_CPUID(1, 0, r);
    if (r[2] & XVCPU_CPUID_01_ECX_VMX)
        return xvcpu_vmx_backend();
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000001u) {
        XVCPU_CPUID(0x80000001u, 0, r);
        if (r[2] & XVCPU_CPUID_80000001_ECX_SVM)
            return xvcpu_svm_backend();
    }
    (void)xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                      "xvcpu_percpu_enable: CPU %u has no hardware virtualization xvcpu supports (VMX or SVM)",
                      cpu->cpu_id);
    return NULL;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_init(xvcpu_percpu *cpu, const xvcpu_hal *hal, uint32_t cpu_id,
                                      const xvcpu_backend *backend)
{
    if (cpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->magic == XVCPU__PERCPU_MAGIC && cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_init: CPU %u is enabled; disable it first", cpu->cpu_id);
    XVCPU_MEMSET(cpu, 0, sizeof(*cpu));
    cpu->cpu_id = cpu_id;
    if (!xvcpu__hal_ok(hal))
        return xvcpu__fail(NULL, cpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_percpu_init: the HAL needs alloc_pages, free_pages, phys_to_virt and virt_to_phys");
    cpu->hal = hal;
    cpu->backend = backend;
    cpu->magic = XVCPU__PERCPU_MAGIC;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_enable(xvcpu_percpu *cpu)
{
    xvcpu_err err;
    if (!xvcpu__percpu_ok(cpu))
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_enable: CPU %u is already enabled", cpu->cpu_id);
    if (cpu->backend == NULL) {
        cpu->backend = xvcpu__detect_backend(cpu);
        if (cpu->backend == NULL)
            return XVCPU_ERR_UNSUPPORTED;
    }
    err = cpu->backend->percpu_enable(cpu);
    if (err == XVCPU_OK)
        cpu->enabled = true;
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_percpu_disable(xvcpu_percpu *cpu)
{
    xvcpu_err err;
    if (!xvcpu__percpu_ok(cpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!cpu->enabled)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_percpu_disable: CPU %u is not enabled", cpu->cpu_id);
    if (cpu->bound_vcpu != NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_percpu_disable: CPU %u still has vCPU %u bound; unbind it first",
                           cpu->cpu_id, cpu->bound_vcpu->id);
    err = cpu->backend->percpu_disable(cpu);
    if (err == XVCPU_OK)
        cpu->enabled = false;
    return err;
}

XVCPU_DEF bool xvcpu_percpu_is_enabled(const xvcpu_percpu *cpu)
{
    return xvcpu__percpu_ok(cpu) && cpu->enabled;
}

XVCPU_DEF xvcpu_vcpu *xvcpu_percpu_current(const xvcpu_percpu *cpu)
{
    return xvcpu__percpu_ok(cpu) ? cpu->bound_vcpu : NULL;
}

XVCPU_DEF const char *xvcpu_percpu_last_error(const xvcpu_percpu *cpu)
{
    return cpu != NULL ? cpu->error : "(no per-CPU state)";
}

/* ==== xvcpu/core/vcpu.c.h ==== */
/* The vCPU state machine. Each call checks the state first; a refused call changes nothing. */

#define XVCPU__VCPU_MAGIC 0x78766370u /* "xvcp" */

static bool xvcpu__vcpu_live(const xvcpu_vcpu *vcpu)
{
    return vcpu != NULL && vcpu->magic == XVCPU__VCPU_MAGIC;
}

/* Refuse unless the vCPU is in `need` (or `alt`, when alt != need). A vCPU that was never
 * created, or was destroyed, is Invalid whatever its memory holds. */
static xvcpu_err xvcpu__need_state(xvcpu_vcpu *vcpu, const char *fn, xvcpu_state need, xvcpu_state alt)
{
    xvcpu_state now;
    const xvcpu_hal *hal;
    if (vcpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    now = xvcpu__vcpu_live(vcpu) ? vcpu->state : XVCPU_STATE_INVALID;
    hal = xvcpu__vcpu_live(vcpu) ? vcpu->hal : NULL;
    if (now == need || now == alt)
        return XVCPU_OK;
    if (alt != need)
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs %s or %s", fn,
                           vcpu->id, xvcpu_state_name(now), xvcpu_state_name(need), xvcpu_state_name(alt));
    return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs %s", fn, vcpu->id,
                       xvcpu_state_name(now), xvcpu_state_name(need));
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_create(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu, uint32_t id)
{
    xvcpu_err err;
    if (vcpu == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__vcpu_live(vcpu))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_create: vCPU %u is %s, needs Invalid", vcpu->id,
                           xvcpu_state_name(vcpu->state));
    XVCPU_MEMSET(vcpu, 0, sizeof(*vcpu));
    vcpu->id = id;
    if (!xvcpu__percpu_ok(cpu))
        return xvcpu__fail(NULL, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_create: vCPU %u: the per-CPU state is not initialised", id);
    if (!cpu->enabled)
        return xvcpu__fail(cpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_create: vCPU %u: CPU %u is not enabled", id, cpu->cpu_id);
    vcpu->hal = cpu->hal;
    vcpu->backend = cpu->backend;
    vcpu->home = cpu;
    err = vcpu->backend->vcpu_create(vcpu);
    if (err != XVCPU_OK)
        return err; /* the backend freed what it took; the vCPU stays Invalid */
    vcpu->magic = XVCPU__VCPU_MAGIC;
    vcpu->state = XVCPU_STATE_CREATED;
    return XVCPU_OK;
}

static bool xvcpu__canonical(uint64_t addr)
{
    uint64_t top = addr >> 47;
    return top == 0 || top == 0x1FFFF;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    static const char fn[] = "xvcpu_vcpu_setup";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_CREATED)) != XVCPU_OK)
        return err;
    if (args == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: args is NULL", fn, vcpu->id);
    if ((args->mode == XVCPU_START_AARCH64) != (vcpu->backend == xvcpu_arm64_backend()))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: start mode %u does not suit the %s backend", fn, vcpu->id,
                           (unsigned)args->mode, vcpu->backend->name);
    switch (args->mode) {
    case XVCPU_START_REAL:
    case XVCPU_START_PROTECTED:
        if (args->entry > 0xFFFFFFFFull || args->stack > 0xFFFFFFFFull)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx or stack %llx is above 4 GiB for a 32-bit start", fn,
                               vcpu->id, (unsigned long long)args->entry, (unsigned long long)args->stack);
        break;
    case XVCPU_START_LONG:
        if (!xvcpu__canonical(args->entry) || !xvcpu__canonical(args->stack))
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx or stack %llx is not canonical", fn, vcpu->id,
                               (unsigned long long)args->entry, (unsigned long long)args->stack);
        if ((args->cr3 & 0xFFFu) != 0 || args->cr3 == 0)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: long mode needs a 4 KiB-aligned CR3, got %llx", fn, vcpu->id,
                               (unsigned long long)args->cr3);
        break;
    case XVCPU_START_AARCH64:
        if ((args->entry & 3u) != 0 || (args->stack & 15u) != 0)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: entry %llx must be 4-byte and stack %llx 16-byte aligned", fn,
                               vcpu->id, (unsigned long long)args->entry, (unsigned long long)args->stack);
        break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: unknown start mode %u",
                           fn, vcpu->id, (unsigned)args->mode);
    }
    err = vcpu->backend->vcpu_setup(vcpu, args);
    if (err == XVCPU_OK)
        vcpu->state = XVCPU_STATE_FREE;
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_bind(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_vcpu_bind";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_FREE, XVCPU_STATE_FREE)) != XVCPU_OK)
        return err;
    if (!xvcpu__percpu_ok(cpu) || !cpu->enabled)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u: the CPU is not enabled",
                           fn, vcpu->id);
    if (cpu->backend != vcpu->backend)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u was created for backend %s, CPU %u runs %s", fn, vcpu->id,
                           vcpu->backend->name, cpu->cpu_id, cpu->backend->name);
    if (cpu->bound_vcpu != NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY, "%s: CPU %u already runs vCPU %u", fn,
                           cpu->cpu_id, cpu->bound_vcpu->id);
    vcpu->cpu = cpu;
    err = vcpu->backend->vcpu_bind(vcpu);
    if (err != XVCPU_OK) {
        vcpu->cpu = NULL;
        return err;
    }
    cpu->bound_vcpu = vcpu;
    vcpu->state = XVCPU_STATE_READY;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_unbind", XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    err = vcpu->backend->vcpu_unbind(vcpu);
    if (err != XVCPU_OK)
        return err;
    vcpu->cpu->bound_vcpu = NULL;
    vcpu->cpu = NULL;
    vcpu->state = XVCPU_STATE_FREE;
    return XVCPU_OK;
}

static bool xvcpu__exit_needs_value(const xvcpu_exit *exit)
{
    switch (exit->kind) {
    case XVCPU_EXIT_MMIO_READ:
    case XVCPU_EXIT_SYSREG_READ:
    case XVCPU_EXIT_IO_READ:
    case XVCPU_EXIT_MMIO_UNSUPPORTED: /* skip, fault or retry: the VMM decides, never by default */
        return true;
    case XVCPU_EXIT_IO_WRITE:
        return exit->u.io.string; /* only the VMM knows how many elements it moved */
    default:
        return false;
    }
}

/* What a stage-2 fault turned out to be. */
typedef enum xvcpu__mmio_result {
    XVCPU__MMIO_NOT_MMIO = 0, /* outside every region: the caller reports NESTED_PAGE_FAULT */
    XVCPU__MMIO_REENTER,      /* handled (emulated, or an exception queued): enter the guest again */
    XVCPU__MMIO_EXIT          /* `exit` holds MMIO_READ / MMIO_WRITE / MMIO_UNSUPPORTED for the VMM */
} xvcpu__mmio_result;

/* (x86_mmio.c.h) */
static xvcpu__mmio_result xvcpu__x86_emu_continue(xvcpu_vcpu *vcpu, xvcpu_exit *exit);

XVCPU_DEF xvcpu_err xvcpu_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    static const char fn[] = "xvcpu_vcpu_run";
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    if (exit == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "%s: vCPU %u: exit is NULL", fn,
                           vcpu->id);
    if (vcpu->pending.open) {
        const xvcpu_exit *last = &vcpu->pending.exit;
        if (last->kind == XVCPU_EXIT_SYSTEM_DOWN)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                               "%s: vCPU %u is shut down (SYSTEM_DOWN); unbind and destroy it", fn, vcpu->id);
        if (xvcpu__exit_needs_value(last))
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                               "%s: vCPU %u: the %s exit is not completed", fn, vcpu->id,
                               xvcpu_exit_kind_name(last->kind));
        (void)xvcpu_complete(vcpu);
    }
    XVCPU_MEMSET(exit, 0, sizeof(*exit));
    if (vcpu->x86.emu.active && xvcpu__x86_emu_continue(vcpu, exit) == XVCPU__MMIO_EXIT) {
        /* the next step of an emulated MMIO instruction: no guest entry needed */
        vcpu->pending.exit = *exit;
        vcpu->pending.insn_len = 0;
        vcpu->pending.open = true;
        return XVCPU_OK;
    }
    /* The length a completion skips belongs to one exit: forget the last one's, so an exit that
     * sets none (host interrupt, NMI, shutdown, failed entry, unhandled) never moves RIP. */
    vcpu->pending.insn_len = 0;
    vcpu->state = XVCPU_STATE_RUNNING;
    /* an exit with no instruction to skip (host interrupt, nested page fault ...) must not inherit
     * the length of the one before: the backend sets it only where there is one */
    vcpu->pending.insn_len = 0;
    err = vcpu->backend->vcpu_run(vcpu, exit);
    vcpu->state = XVCPU_STATE_READY;
    if (err != XVCPU_OK)
        return err;
    vcpu->pending.exit = *exit;
    vcpu->pending.open = exit->kind != XVCPU_EXIT_NOTHING;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_block(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_block", XVCPU_STATE_READY, XVCPU_STATE_READY)) != XVCPU_OK)
        return err;
    vcpu->state = XVCPU_STATE_BLOCKED;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_unblock(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_unblock", XVCPU_STATE_BLOCKED, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    vcpu->state = XVCPU_STATE_READY;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    xvcpu_err err;
    if ((err = xvcpu__need_state(vcpu, "xvcpu_vcpu_destroy", XVCPU_STATE_CREATED, XVCPU_STATE_FREE)) != XVCPU_OK)
        return err;
    vcpu->backend->vcpu_destroy(vcpu);
    vcpu->magic = 0;
    vcpu->state = XVCPU_STATE_INVALID;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_state xvcpu_vcpu_state(const xvcpu_vcpu *vcpu)
{
    return xvcpu__vcpu_live(vcpu) ? vcpu->state : XVCPU_STATE_INVALID;
}

XVCPU_DEF const char *xvcpu_vcpu_last_error(const xvcpu_vcpu *vcpu)
{
    return vcpu != NULL ? vcpu->error : "(no vCPU)";
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    if (!xvcpu__vcpu_live(vcpu) || value == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if ((unsigned)reg < 16) {
        if (reg == XVCPU_REG_RSP && !vcpu->rsp_dirty && vcpu->state != XVCPU_STATE_CREATED)
            return vcpu->backend->get_reg(vcpu, reg, value);
        *value = vcpu->gpr[reg];
        return XVCPU_OK;
    }
    if (reg < XVCPU_REG_RIP || reg > XVCPU_REG_EFER)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_get_reg: vCPU %u: register %u is not readable", vcpu->id, (unsigned)reg);
    return vcpu->backend->get_reg(vcpu, reg, value);
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is Running", vcpu->id);
    if ((unsigned)reg < 16) {
        vcpu->gpr[reg] = value;
        if (reg == XVCPU_REG_RSP)
            vcpu->rsp_dirty = true;
        return XVCPU_OK;
    }
    if (reg < XVCPU_REG_RIP || reg > XVCPU_REG_EFER)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is not writable", vcpu->id, (unsigned)reg);
    return vcpu->backend->set_reg(vcpu, reg, value);
}

/* ==== xvcpu/core/complete.c.h ==== */
/* Completing an exit: write the result where the architecture puts it and advance RIP. */

/* Write `value` to GPR `reg` with x86 semantics: 8- and 16-bit writes merge, a 32-bit write
 * zero-extends into the 64-bit register, a 64-bit write replaces it. AH..BH address bits 15:8. */
static void xvcpu__gpr_write(xvcpu_vcpu *vcpu, unsigned reg, unsigned width, uint64_t value)
{
    uint64_t *r;
    if (reg >= XVCPU_REG_AH && reg <= XVCPU_REG_BH) {
        r = &vcpu->gpr[reg - XVCPU_REG_AH];
        *r = (*r & ~0xFF00ull) | ((value & 0xFF) << 8);
        return;
    }
    XVCPU_ASSERT(reg < 16);
    r = &vcpu->gpr[reg & 15];
    switch (width) {
    case 1: *r = (*r & ~0xFFull) | (value & 0xFF); break;
    case 2: *r = (*r & ~0xFFFFull) | (value & 0xFFFF); break;
    case 4: *r = value & 0xFFFFFFFFull; break;
    default: *r = value; break;
    }
    if ((reg & 15) == XVCPU_REG_RSP)
        vcpu->rsp_dirty = true;
}

/* Check that the open exit is `kind`; name both kinds when it is not. */
static xvcpu_err xvcpu__need_pending(xvcpu_vcpu *vcpu, const char *fn, xvcpu_exit_kind kind)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!vcpu->pending.open)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u has no open exit", fn,
                           vcpu->id);
    if (kind != XVCPU_EXIT_KIND_COUNT && vcpu->pending.exit.kind != kind)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u: the open exit is %s, not %s",
                           fn, vcpu->id, xvcpu_exit_kind_name(vcpu->pending.exit.kind), xvcpu_exit_kind_name(kind));
    return XVCPU_OK;
}

static void xvcpu__finish(xvcpu_vcpu *vcpu)
{
    vcpu->rip_advance += vcpu->pending.insn_len;
    vcpu->pending.insn_len = 0;
    vcpu->pending.open = false;
}

XVCPU_DEF xvcpu_err xvcpu_complete_io_read(xvcpu_vcpu *vcpu, uint32_t value)
{
    static const char fn[] = "xvcpu_complete_io_read";
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_IO_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->pending.exit.u.io.string)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the exit is string I/O (INS); use xvcpu_complete_string_io", fn, vcpu->id);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RAX, vcpu->pending.exit.u.io.width, value);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

/* Step a string-instruction address/count register by `delta` at address size `size` bytes. */
static void xvcpu__addr_reg_add(xvcpu_vcpu *vcpu, unsigned reg, unsigned size, uint64_t delta)
{
    uint64_t mask = size == 8 ? ~0ull : ((1ull << (8 * size)) - 1);
    uint64_t v = (vcpu->gpr[reg] + delta) & mask;
    if (size == 2)
        vcpu->gpr[reg] = (vcpu->gpr[reg] & ~0xFFFFull) | v;
    else
        vcpu->gpr[reg] = v;
}

XVCPU_DEF xvcpu_err xvcpu_complete_string_io(xvcpu_vcpu *vcpu, uint64_t done)
{
    static const char fn[] = "xvcpu_complete_string_io";
    const xvcpu_exit *e;
    uint64_t step;
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    e = &vcpu->pending.exit;
    if ((e->kind != XVCPU_EXIT_IO_READ && e->kind != XVCPU_EXIT_IO_WRITE) || !e->u.io.string)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the open exit is %s, not string I/O", fn, vcpu->id,
                           xvcpu_exit_kind_name(e->kind));
    if (done > e->u.io.count)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: done %llu exceeds the exit's count %llu", fn, vcpu->id,
                           (unsigned long long)done, (unsigned long long)e->u.io.count);
    step = done * e->u.io.width;
    if (e->u.io.down)
        step = (uint64_t)0 - step;
    xvcpu__addr_reg_add(vcpu, e->kind == XVCPU_EXIT_IO_READ ? XVCPU_REG_RDI : XVCPU_REG_RSI,
                        e->u.io.addr_size, step);
    if (e->u.io.rep)
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RCX, e->u.io.addr_size, (uint64_t)0 - done);
    if (done == e->u.io.count) {
        xvcpu__finish(vcpu);
    } else {
        vcpu->pending.open = false; /* the guest re-executes the instruction for the rest */
    }
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_mmio_read(xvcpu_vcpu *vcpu, uint64_t value)
{
    const xvcpu_exit *e;
    unsigned bits;
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_mmio_read", XVCPU_EXIT_MMIO_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_MMIO_READ, value);
    e = &vcpu->pending.exit;
    if (vcpu->x86.emu.active) { /* a read-modify-write or string instruction: the library goes on */
        vcpu->x86.emu.value = value;
        vcpu->x86.emu.have_value = true;
        vcpu->pending.open = false;
        return XVCPU_OK;
    }
    bits = 8u * e->u.mmio_read.width;
    if (bits < 64) {
        uint64_t mask = (1ull << bits) - 1;
        value &= mask;
        if (e->u.mmio_read.signed_ext && (value >> (bits - 1)) != 0)
            value |= ~mask;
    }
    xvcpu__gpr_write(vcpu, e->u.mmio_read.reg, e->u.mmio_read.reg_width, value);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_sysreg_read(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_sysreg_read", XVCPU_EXIT_SYSREG_READ);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_SYSREG_READ, value);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RAX, 4, value & 0xFFFFFFFFu);
    xvcpu__gpr_write(vcpu, XVCPU_REG_RDX, 4, value >> 32);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_hypercall(xvcpu_vcpu *vcpu, uint64_t result)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_hypercall", XVCPU_EXIT_HYPERCALL);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_HYPERCALL, result);
    vcpu->gpr[XVCPU_REG_RAX] = result;
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete(xvcpu_vcpu *vcpu)
{
    static const char fn[] = "xvcpu_complete";
    xvcpu_err err = xvcpu__need_pending(vcpu, fn, XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (xvcpu__exit_needs_value(&vcpu->pending.exit) && vcpu->pending.exit.kind != XVCPU_EXIT_MMIO_UNSUPPORTED)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u: the %s exit needs its own completion call", fn, vcpu->id,
                           xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    if (vcpu->pending.exit.kind == XVCPU_EXIT_SYSTEM_DOWN)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: vCPU %u is shut down (SYSTEM_DOWN); nothing to complete", fn, vcpu->id);
    xvcpu__finish(vcpu);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_retry(xvcpu_vcpu *vcpu)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_retry", XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->pending.exit.kind == XVCPU_EXIT_SYSTEM_DOWN || vcpu->x86.emu.active)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_complete_retry: vCPU %u: the %s exit cannot be retried", vcpu->id,
                           xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    vcpu->pending.open = false; /* RIP stays: the guest executes the instruction again */
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_complete_fault(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
    xvcpu_err err = xvcpu__need_pending(vcpu, "xvcpu_complete_fault", XVCPU_EXIT_KIND_COUNT);
    if (err != XVCPU_OK)
        return err;
    if (vcpu->backend->arch_complete != NULL)
        return vcpu->backend->arch_complete(vcpu, XVCPU_EXIT_KIND_COUNT, ((uint64_t)vector << 32) | error_code);
    if (vcpu->pending.insn_len == 0 && !vcpu->x86.emu.active &&
        vcpu->pending.exit.kind != XVCPU_EXIT_MMIO_UNSUPPORTED)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_complete_fault: vCPU %u: the %s exit is not an instruction that can fault",
                           vcpu->id, xvcpu_exit_kind_name(vcpu->pending.exit.kind));
    err = xvcpu_inject_exception(vcpu, vector, error_code);
    if (err == XVCPU_OK) {
        vcpu->pending.open = false;
        vcpu->x86.emu.active = false; /* an emulated MMIO instruction ends in the fault */
    }
    return err;
}

/* ==== xvcpu/core/events.c.h ==== */
/* The event queue: what the VMM asked to inject, waiting until the guest can take it. */

/* SDM Vol. 3A Table 6-1 and AMD APM Vol. 2 Table 8-1: 2 is NMI (xvcpu_inject_nmi), 15 and
 * 22-27 and 31 are reserved; 28 (#HV), 29 (#VC) and 30 (#SX) are AMD's. */
XVCPU_DEF bool xvcpu_x86_exception_valid(uint8_t vector)
{
    if (vector > XVCPU_MAX_EXCEPTION_VECTOR || vector == 2 || vector == 15 || vector == 31)
        return false;
    return vector <= 21 || vector >= 28;
}

/* #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30 push an error code. */
XVCPU_DEF bool xvcpu_x86_exception_has_error_code(uint8_t vector)
{
    switch (vector) {
    case 8: case 10: case 11: case 12: case 13: case 14: case 17: case 21: case 29: case 30:
        return true;
    default:
        return false;
    }
}

/* Fill the one exception-class slot (the callers have checked it may be filled). */
static void xvcpu__queue_event(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t type, uint8_t insn_len, bool has_error,
                               uint32_t error_code)
{
    vcpu->events.exception_pending = true;
    vcpu->events.exception_vector = vector;
    vcpu->events.exception_type = type;
    vcpu->events.exception_insn_len = insn_len;
    vcpu->events.exception_has_error = has_error;
    vcpu->events.exception_error = error_code;
}

/* The x86 event calls have no meaning on arm64 (its calls: xvcpu_arm64_inject_sync, _set_irq_line). */
static bool xvcpu__refuse_on_arm64(xvcpu_vcpu *vcpu, const char *fn)
{
    if (vcpu->backend != xvcpu_arm64_backend())
        return false;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                      "%s: vCPU %u runs on arm64: use xvcpu_arm64_inject_sync or xvcpu_arm64_set_irq_line", fn,
                      vcpu->id);
    return true;
}

XVCPU_DEF xvcpu_err xvcpu_inject_exception(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
    static const char fn[] = "xvcpu_inject_exception";
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, fn))
        return XVCPU_ERR_UNSUPPORTED;
    if (!xvcpu_x86_exception_valid(vector))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: vector %u is not an injectable exception", fn, vcpu->id, (unsigned)vector);
    if (!xvcpu_x86_exception_has_error_code(vector) && error_code != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: exception %u pushes no error code, got %x", fn, vcpu->id,
                           (unsigned)vector, (unsigned)error_code);
    if (vcpu->events.exception_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY,
                           "%s: vCPU %u: exception %u is still pending", fn, vcpu->id,
                           (unsigned)vcpu->events.exception_vector);
    xvcpu__queue_event(vcpu, vector, XVCPU__EVENT_HARDWARE_EXCEPTION, 0, xvcpu_x86_exception_has_error_code(vector),
                       error_code);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_inject_software_interrupt(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t insn_len)
{
    static const char fn[] = "xvcpu_inject_software_interrupt";
    uint8_t type = XVCPU__EVENT_SOFTWARE_INTERRUPT;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, fn))
        return XVCPU_ERR_UNSUPPORTED;
    if (insn_len == 0 || insn_len > 15)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: instruction length %u is not 1-15", fn, vcpu->id, (unsigned)insn_len);
    if (insn_len == 1) { /* the one-byte forms: CC INT3, CE INTO, F1 INT1 */
        if (vector == 3 || vector == 4)
            type = XVCPU__EVENT_SOFTWARE_EXCEPTION;
        else if (vector == 1)
            type = XVCPU__EVENT_PRIVILEGED_SOFTWARE;
        else
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: no 1-byte instruction raises vector %u (INT n is at least 2 bytes)",
                               fn, vcpu->id, (unsigned)vector);
    }
    if (vcpu->events.exception_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY, "%s: vCPU %u: exception %u is still pending", fn,
                           vcpu->id, (unsigned)vcpu->events.exception_vector);
    xvcpu__queue_event(vcpu, vector, type, insn_len, false, 0);
    return XVCPU_OK;
}

/* For backends: exception `vector` raised by the library at the current instruction (RIP not
 * advanced), combined with one still pending as the CPU combines them (SDM Vol. 3A Table 6-5):
 * contributory after contributory, or contributory/#PF after #PF, become #DF(0); either after #DF
 * shuts the guest down. After a benign one the pending event stays: it is delivered, the
 * instruction runs again and faults again. */
static void xvcpu__x86_raise(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
#define XVCPU__CONTRIBUTORY(v) ((v) == 0 || ((v) >= 10 && (v) <= 13))
    if (vcpu->events.exception_pending && vcpu->events.exception_type == XVCPU__EVENT_HARDWARE_EXCEPTION) {
        uint8_t first = vcpu->events.exception_vector;
        bool second_bad = XVCPU__CONTRIBUTORY(vector) || vector == 14;
        if (first == 8 && second_bad) {
            vcpu->events.exception_pending = false;
            vcpu->events.shutdown = true;
            return;
        }
        if ((XVCPU__CONTRIBUTORY(first) && XVCPU__CONTRIBUTORY(vector)) || (first == 14 && second_bad)) {
            vector = 8;
            error_code = 0;
        } else {
            return;
        }
    }
#undef XVCPU__CONTRIBUTORY
    xvcpu__queue_event(vcpu, vector, XVCPU__EVENT_HARDWARE_EXCEPTION, 0, xvcpu_x86_exception_has_error_code(vector),
                       error_code);
}

/* For backends: #PF with `error_code`, CR2 = `linear`. */
static __attribute__((unused)) void xvcpu__x86_raise_page_fault(xvcpu_vcpu *vcpu, uint32_t error_code, uint64_t linear)
{
    xvcpu__x86_raise(vcpu, 14, error_code);
    if (vcpu->events.exception_pending && vcpu->events.exception_vector == 14)
        vcpu->events.page_fault_cr2 = linear;
}

XVCPU_DEF xvcpu_err xvcpu_inject_nmi(xvcpu_vcpu *vcpu)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, "xvcpu_inject_nmi"))
        return XVCPU_ERR_UNSUPPORTED;
    vcpu->events.nmi_pending = true; /* NMIs do not queue: a second one while pending is lost, as on hardware */
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_inject_interrupt(xvcpu_vcpu *vcpu, uint8_t vector)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, "xvcpu_inject_interrupt"))
        return XVCPU_ERR_UNSUPPORTED;
    if (vector < 32)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_inject_interrupt: vCPU %u: vector %u is below 32 (exceptions use xvcpu_inject_exception)",
                           vcpu->id, (unsigned)vector);
    vcpu->events.irr[vector >> 6] |= 1ull << (vector & 63);
    return XVCPU_OK;
}

/* For backends: the highest pending external interrupt vector, or -1. */
static inline int xvcpu__highest_irr(const xvcpu_vcpu *vcpu)
{
    int word;
    for (word = 3; word >= 0; word--) {
        uint64_t w = vcpu->events.irr[word];
        if (w != 0)
            return word * 64 + 63 - __builtin_clzll(w);
    }
    return -1;
}

/* For backends: take `vector` out of the IRR once delivered. */
static inline void xvcpu__irr_clear(xvcpu_vcpu *vcpu, int vector)
{
    vcpu->events.irr[vector >> 6] &= ~(1ull << (vector & 63));
}

/* ==== xvcpu/core/mmio.c.h ==== */
/* MMIO regions: guest-physical ranges whose stage-2 faults become MMIO_READ / MMIO_WRITE exits.
 * The list is neutral; each backend decodes the faulting access its own way (x86emu/mmio.c.h,
 * arm64/exits.c.h). */

XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    static const char fn[] = "xvcpu_vcpu_add_mmio_region";
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (size == 0 || ((gpa | size) & 0xFFF) != 0 || gpa + size < gpa || gpa + size > (1ull << 52))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: range %llx+%llx is not page-aligned, empty or beyond 2^52", fn,
                           vcpu->id, (unsigned long long)gpa, (unsigned long long)size);
    for (i = 0; i < vcpu->mmio_count; i++)
        if (gpa < vcpu->mmio[i].gpa + vcpu->mmio[i].size && vcpu->mmio[i].gpa < gpa + size)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_ALREADY_MAPPED,
                               "%s: vCPU %u: range %llx+%llx overlaps MMIO region %llx+%llx", fn, vcpu->id,
                               (unsigned long long)gpa, (unsigned long long)size,
                               (unsigned long long)vcpu->mmio[i].gpa, (unsigned long long)vcpu->mmio[i].size);
    if (vcpu->mmio_count == XVCPU_MMIO_MAX_REGIONS)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "%s: vCPU %u: all %u MMIO region slots are used", fn, vcpu->id,
                           (unsigned)XVCPU_MMIO_MAX_REGIONS);
    vcpu->mmio[vcpu->mmio_count].gpa = gpa;
    vcpu->mmio[vcpu->mmio_count].size = size;
    vcpu->mmio_count++;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (vcpu->mmio[i].gpa == gpa && vcpu->mmio[i].size == size) {
            vcpu->mmio[i] = vcpu->mmio[--vcpu->mmio_count];
            return XVCPU_OK;
        }
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                       "xvcpu_vcpu_remove_mmio_region: vCPU %u: no MMIO region %llx+%llx", vcpu->id,
                       (unsigned long long)gpa, (unsigned long long)size);
}

static bool xvcpu__in_mmio_region(const xvcpu_vcpu *vcpu, uint64_t gpa)
{
    unsigned i;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (gpa - vcpu->mmio[i].gpa < vcpu->mmio[i].size)
            return true;
    return false;
}

/* ==== xvcpu/x86/cpuid.c.h ==== */
/* CPUID virtualization: a table computed at setup from the host's answers, filtered so the guest
 * sees a single-CPU, hypervisor-marked machine without VMX/SVM, and a few answers that follow the
 * guest's own state (OSXSAVE, OSPKE, XSAVE sizes) fixed up at lookup. */

#define XVCPU__CPUID_MAX_BASIC 0x1Fu
#define XVCPU__CPUID_MAX_EXT 0x80000008u
#define XVCPU__CPUID_HV_BASE 0x40000000u

XVCPU__HOT xvcpu_cpuid_entry *xvcpu__cpuid_find(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf)
{
    unsigned i;
    for (i = 0; i < x86->cpuid_count; i++) {
        xvcpu_cpuid_entry *e = &x86->cpuid[i];
        if (e->leaf == leaf && (!(e->flags & XVCPU_CPUID_SUBLEAF) || e->subleaf == subleaf))
            return e;
    }
    return NULL;
}

static xvcpu_cpuid_entry *xvcpu__cpuid_put(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf, uint32_t flags,
                                           const uint32_t r[4])
{
    xvcpu_cpuid_entry *e = xvcpu__cpuid_find(x86, leaf, subleaf);
    if (e == NULL) {
        if (x86->cpuid_count == XVCPU_CPUID_MAX_ENTRIES)
            return NULL;
        e = &x86->cpuid[x86->cpuid_count++];
    }
    e->leaf = leaf;
    e->subleaf = subleaf;
    e->flags = flags;
    e->eax = r[0];
    e->ebx = r[1];
    e->ecx = r[2];
    e->edx = r[3];
    return e;
}

/* The host's answer, copied into the table as is. */
static xvcpu_cpuid_entry *xvcpu__cpuid_copy(xvcpu_x86_state *x86, uint32_t leaf, uint32_t subleaf, uint32_t flags)
{
    uint32_t r[4];
    XVCPU_CPUID(leaf, subleaf, r);
    return xvcpu__cpuid_put(x86, leaf, subleaf, flags, r);
}

#define XVCPU__CLEAR(reg, bits) ((reg) &= ~(uint32_t)(bits))

static xvcpu_err xvcpu__x86_cpuid_setup(xvcpu_vcpu *vcpu, uint32_t proc2)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    uint32_t r[4], max_basic, max_ext, sub;
    bool host_xsave = (XVCPU_READ_CR4() & XVCPU_CR4_OSXSAVE) != 0;
    xvcpu_cpuid_entry *e;
    static const char sig[13] = XVCPU_CPUID_SIGNATURE;

    x86->cpuid_count = 0;
    XVCPU_CPUID(0, 0, r);
    max_basic = r[0] < XVCPU__CPUID_MAX_BASIC ? r[0] : XVCPU__CPUID_MAX_BASIC;
    r[0] = max_basic;
    xvcpu__cpuid_put(x86, 0, 0, 0, r);

    /* Leaf 1: one logical processor with APIC ID = vCPU id; no VMX/SMX, monitor, debug store,
     * thermal, MCE/MCA; the hypervisor bit set. */
    e = xvcpu__cpuid_copy(x86, 1, 0, 0);
    e->ebx = (e->ebx & 0x0000FFFFu) | (1u << 16) | (vcpu->id << 24);
    XVCPU__CLEAR(e->ecx, XVCPU_CPUID_01_ECX_VMX | XVCPU_CPUID_01_ECX_SMX | XVCPU_CPUID_01_ECX_MONITOR |
                             XVCPU_CPUID_01_ECX_DTES64 | XVCPU_CPUID_01_ECX_DS_CPL | XVCPU_CPUID_01_ECX_EST |
                             XVCPU_CPUID_01_ECX_TM2 | XVCPU_CPUID_01_ECX_PDCM | XVCPU_CPUID_01_ECX_OSXSAVE);
    if (!host_xsave)
        XVCPU__CLEAR(e->ecx, XVCPU_CPUID_01_ECX_XSAVE | XVCPU_CPUID_01_ECX_AVX);
    e->ecx |= (uint32_t)XVCPU_CPUID_01_ECX_HYPERVISOR;
    XVCPU__CLEAR(e->edx, XVCPU_CPUID_01_EDX_MCE | XVCPU_CPUID_01_EDX_MCA | XVCPU_CPUID_01_EDX_HTT |
                             XVCPU_CPUID_01_EDX_DS | XVCPU_CPUID_01_EDX_ACPI | XVCPU_CPUID_01_EDX_TM |
                             XVCPU_CPUID_01_EDX_PBE);
    if (max_basic >= 2)
        xvcpu__cpuid_copy(x86, 2, 0, 0);
    for (sub = 0; max_basic >= 4 && sub < 8; sub++) { /* caches: no sharing, one core */
        e = xvcpu__cpuid_copy(x86, 4, sub, XVCPU_CPUID_SUBLEAF);
        if (e == NULL || (e->eax & 0x1F) == 0)
            break;
        e->eax &= 0x00003FFFu;
    }
    if (max_basic >= 7) {
        XVCPU_CPUID(7, 0, r);
        for (sub = 0; sub <= r[0] && sub < 3; sub++) {
            e = xvcpu__cpuid_copy(x86, 7, sub, XVCPU_CPUID_SUBLEAF);
            if (e == NULL || sub != 0)
                continue;
            /* TSC_ADJUST: the library has no TSC offset to adjust (the guest's TSC is the host's) */
            XVCPU__CLEAR(e->ebx, XVCPU_CPUID_07_0_EBX_SGX | XVCPU_CPUID_07_0_EBX_INTEL_PT | XVCPU_CPUID_07_0_EBX_TSC_ADJUST);
            if ((proc2 & XVCPU_PROC2_ENABLE_INVPCID) == 0)
                XVCPU__CLEAR(e->ebx, XVCPU_CPUID_07_0_EBX_INVPCID);
            XVCPU__CLEAR(e->ecx, XVCPU_CPUID_07_0_ECX_WAITPKG | XVCPU_CPUID_07_0_ECX_SGX_LC | XVCPU_CPUID_07_0_ECX_OSPKE);
            /* speculation controls need IA32_SPEC_CTRL/ARCH_CAPABILITIES, which are not virtualized */
            XVCPU__CLEAR(e->edx, XVCPU_CPUID_07_0_EDX_IBRS_IBPB | XVCPU_CPUID_07_0_EDX_STIBP |
                                     XVCPU_CPUID_07_0_EDX_L1D_FLUSH | XVCPU_CPUID_07_0_EDX_ARCH_CAPABILITIES |
                                     XVCPU_CPUID_07_0_EDX_CORE_CAPABILITIES | XVCPU_CPUID_07_0_EDX_SSBD);
        }
    }
    /* Topology leaves 0xB/0x1F: one thread, one core, x2APIC ID = vCPU id. */
    for (sub = 0; sub < 2; sub++) {
        uint32_t t[4] = { 0, 1, sub | ((sub + 1) << 8), vcpu->id };
        if (max_basic >= 0xB)
            xvcpu__cpuid_put(x86, 0xB, sub, XVCPU_CPUID_SUBLEAF, t);
        if (max_basic >= 0x1F)
            xvcpu__cpuid_put(x86, 0x1F, sub, XVCPU_CPUID_SUBLEAF, t);
    }
    /* XSAVE (leaf 0xD): the user state components the guest may enable; no supervisor state. */
    x86->xcr0_allowed = XVCPU_XCR0_X87;
    x86->xcr0 = XVCPU_XCR0_X87;
    if (max_basic >= 0xD && host_xsave) {
        e = xvcpu__cpuid_copy(x86, 0xD, 0, XVCPU_CPUID_SUBLEAF);
        if (e != NULL) {
            uint64_t allowed = XVCPU_XCR0_X87 | XVCPU_XCR0_SSE | XVCPU_XCR0_AVX | XVCPU_XCR0_BNDREGS |
                               XVCPU_XCR0_BNDCSR | XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 |
                               XVCPU_XCR0_HI16_ZMM | XVCPU_XCR0_PKRU;
            /* only what the host enabled too: its XCR0 is in force when unbind saves the state */
            x86->xcr0_allowed = (((uint64_t)e->edx << 32) | e->eax) & allowed & XVCPU_XGETBV(0);
            e->eax = (uint32_t)x86->xcr0_allowed;
            e->edx = (uint32_t)(x86->xcr0_allowed >> 32);
        }
        e = xvcpu__cpuid_copy(x86, 0xD, 1, XVCPU_CPUID_SUBLEAF);
        if (e != NULL) {
            XVCPU__CLEAR(e->eax, XVCPU_CPUID_0D_1_EAX_XSAVES);
            e->ecx = e->edx = 0;
        }
        for (sub = 2; sub < 10; sub++)
            if (x86->xcr0_allowed & (1ull << sub))
                xvcpu__cpuid_copy(x86, 0xD, sub, XVCPU_CPUID_SUBLEAF);
    }
    if (max_basic >= 0x15)
        xvcpu__cpuid_copy(x86, 0x15, 0, 0);
    if (max_basic >= 0x16)
        xvcpu__cpuid_copy(x86, 0x16, 0, 0);
    x86->cpuid_max_basic = max_basic;

    /* Hypervisor leaves. */
    r[0] = XVCPU__CPUID_HV_BASE + 1;
    XVCPU_MEMCPY(&r[1], sig, 12);
    xvcpu__cpuid_put(x86, XVCPU__CPUID_HV_BASE, 0, 0, r);
    r[0] = r[1] = r[2] = r[3] = 0;
    xvcpu__cpuid_put(x86, XVCPU__CPUID_HV_BASE + 1, 0, 0, r);

    /* Extended leaves, without SVM and without RDTSCP unless the CPU lets the guest run it. */
    XVCPU_CPUID(0x80000000u, 0, r);
    max_ext = r[0] < XVCPU__CPUID_MAX_EXT ? r[0] : XVCPU__CPUID_MAX_EXT;
    r[0] = max_ext;
    xvcpu__cpuid_put(x86, 0x80000000u, 0, 0, r);
    for (sub = 0x80000001u; sub <= max_ext; sub++) {
        e = xvcpu__cpuid_copy(x86, sub, 0, 0);
        if (e == NULL)
            break;
        if (sub == 0x80000001u) {
            /* nor AMD features whose MSRs or instructions nothing here virtualizes: MONITORX/MWAITX
             * (like MONITOR), OSVW, IBS, SKINIT, the watchdog, LWP, the extended APIC space,
             * TOPOEXT (leaf 0x8000001E is beyond the view) and the extra performance counters */
            XVCPU__CLEAR(e->ecx, XVCPU_CPUID_80000001_ECX_SVM | XVCPU_CPUID_80000001_ECX_MONITORX |
                                     XVCPU_CPUID_80000001_ECX_OSVW | XVCPU_CPUID_80000001_ECX_IBS |
                                     XVCPU_CPUID_80000001_ECX_SKINIT | XVCPU_CPUID_80000001_ECX_WDT |
                                     XVCPU_CPUID_80000001_ECX_LWP | XVCPU_CPUID_80000001_ECX_EXTAPIC |
                                     XVCPU_CPUID_80000001_ECX_TOPOEXT | XVCPU_CPUID_80000001_ECX_PERFCTR_CORE |
                                     XVCPU_CPUID_80000001_ECX_PERFCTR_NB | XVCPU_CPUID_80000001_ECX_DATA_BP_EXT |
                                     XVCPU_CPUID_80000001_ECX_PERF_TSC | XVCPU_CPUID_80000001_ECX_PERFCTR_LLC);
            if ((proc2 & XVCPU_PROC2_ENABLE_RDTSCP) == 0)
                XVCPU__CLEAR(e->edx, XVCPU_CPUID_80000001_EDX_RDTSCP);
        } else if (sub == 0x80000008u) {
            e->ecx = 0; /* one core */
        }
    }
    x86->cpuid_max_ext = max_ext;
    if (x86->cpuid_count == XVCPU_CPUID_MAX_ENTRIES)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_setup: vCPU %u: the CPUID table (%u entries) is full", vcpu->id,
                           (unsigned)XVCPU_CPUID_MAX_ENTRIES);
    return XVCPU_OK;
}

/* XSAVE area size for the components in `xcr0` (CPUID.0xD.0:EBX semantics). */
static uint32_t xvcpu__xsave_size(xvcpu_x86_state *x86, uint64_t xcr0)
{
    uint32_t size = 576, i; /* legacy area + header */
    for (i = 2; i < 10; i++) {
        const xvcpu_cpuid_entry *e;
        if (!(xcr0 & (1ull << i)) || (e = xvcpu__cpuid_find(x86, 0xD, i)) == NULL)
            continue;
        if (e->ebx + e->eax > size)
            size = e->ebx + e->eax;
    }
    return size;
}

/* The guest's answer for (leaf, subleaf). `cr4` is the guest's CR4 as it sees it. */
XVCPU__HOT void xvcpu__cpuid_lookup(xvcpu_vcpu *vcpu, uint32_t leaf, uint32_t subleaf, uint64_t cr4, uint32_t out[4])
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    const xvcpu_cpuid_entry *e;
    bool basic = leaf < XVCPU__CPUID_HV_BASE, ext = leaf >= 0x80000000u;
    /* Beyond the highest basic or extended leaf, Intel answers with the highest basic leaf
     * (SDM Vol. 2A CPUID, "INPUT EAX = 0"). */
    if ((basic && leaf > x86->cpuid_max_basic) || (ext && leaf > x86->cpuid_max_ext))
        leaf = x86->cpuid_max_basic, subleaf = 0;
    e = xvcpu__cpuid_find(x86, leaf, subleaf);
    out[0] = out[1] = out[2] = out[3] = 0;
    if (e != NULL) {
        out[0] = e->eax;
        out[1] = e->ebx;
        out[2] = e->ecx;
        out[3] = e->edx;
    }
    /* leaves 1, 7, 0xB, 0xD and 0x1F depend on the guest's state: one test for all the others */
    if (leaf >= 32 || !((1u << leaf) & ((1u << 1) | (1u << 7) | (1u << 0xB) | (1u << 0xD) | (1u << 0x1F))))
        return;
    if (leaf == 1 && (cr4 & XVCPU_CR4_OSXSAVE))
        out[2] |= (uint32_t)XVCPU_CPUID_01_ECX_OSXSAVE;
    else if (leaf == 7 && subleaf == 0 && e != NULL && (cr4 & XVCPU_CR4_PKE))
        out[2] |= (uint32_t)XVCPU_CPUID_07_0_ECX_OSPKE;
    else if (leaf == 0xD && subleaf <= 1 && e != NULL)
        out[1] = xvcpu__xsave_size(x86, x86->xcr0);
    else if ((leaf == 0xB || leaf == 0x1F) && e == NULL)
        out[2] = subleaf & 0xFF, out[3] = vcpu->id; /* invalid level: type 0 */
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_set_cpuid(xvcpu_vcpu *vcpu, const xvcpu_cpuid_entry *entry)
{
    uint32_t r[4];
    xvcpu_err err = xvcpu__need_state(vcpu, "xvcpu_vcpu_set_cpuid", XVCPU_STATE_FREE, XVCPU_STATE_READY);
    if (err != XVCPU_OK)
        return err;
    if (entry == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG, "xvcpu_vcpu_set_cpuid: vCPU %u: entry is NULL",
                           vcpu->id);
    r[0] = entry->eax, r[1] = entry->ebx, r[2] = entry->ecx, r[3] = entry->edx;
    if (xvcpu__cpuid_put(&vcpu->x86, entry->leaf, entry->subleaf, entry->flags & XVCPU_CPUID_SUBLEAF, r) == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_set_cpuid: vCPU %u: the CPUID table is full", vcpu->id);
    if (entry->leaf < XVCPU__CPUID_HV_BASE && entry->leaf > vcpu->x86.cpuid_max_basic)
        vcpu->x86.cpuid_max_basic = entry->leaf;
    vcpu->x86.len_cache.valid = false; /* MAXPHYADDR and 1 GiB pages shape the page walk */
    return XVCPU_OK;
}

/* ==== xvcpu/x86/bitmaps.c.h ==== */
/* I/O and MSR intercepts in the VMX bitmap formats (SDM Vol. 3C 25.6.4 and 25.6.9). The I/O
 * bitmaps are two 4 KiB pages, one bit per port 0-0xFFFF; the MSR bitmap is four 1 KiB quarters:
 * reads of 0-0x1FFF, reads of 0xC0000000-0xC0001FFF, then writes of the same two ranges. */

/* SVM vCPUs keep their permission maps in step with these bitmaps (svm_setup.c.h). */
static void xvcpu__svm_sync_io(xvcpu_vcpu *vcpu);
static void xvcpu__svm_sync_msr(xvcpu_vcpu *vcpu, uint32_t msr);

static void xvcpu__bit_assign(uint8_t *map, uint32_t bit, bool value)
{
    if (value)
        map[bit >> 3] = (uint8_t)(map[bit >> 3] | (1u << (bit & 7)));
    else
        map[bit >> 3] = (uint8_t)(map[bit >> 3] & ~(1u << (bit & 7)));
}

static bool xvcpu__bit_test(const uint8_t *map, uint32_t bit)
{
    return (map[bit >> 3] >> (bit & 7)) & 1;
}

/* Bit index of `msr` in the read quarter (add 0x4000 bytes * 8 for writes), or -1 when the MSR is
 * outside both ranges (such accesses always exit). */
static long xvcpu__msr_bit(uint32_t msr)
{
    if (msr <= XVCPU_MSR_RANGE_MSR_BITMAP_LOW_LAST)
        return (long)msr;
    if (msr >= XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_FIRST && msr <= XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_LAST)
        return (long)(0x2000 + (msr - XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_FIRST));
    return -1;
}
#define XVCPU__MSR_WRITE_BITS (0x800u * 8u) /* the write quarters start 2 KiB in */

XVCPU_DEF xvcpu_err xvcpu_vcpu_io_passthrough(xvcpu_vcpu *vcpu, uint32_t port, uint32_t count, bool pass)
{
    static const char fn[] = "xvcpu_vcpu_io_passthrough";
    uint32_t p;
    xvcpu_err err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_FREE);
    if (err != XVCPU_OK && (err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    if (count == 0 || port > 0xFFFFu || count > 0x10000u - port)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: ports %x+%x are outside 0-0xffff", fn, vcpu->id, port, count);
    for (p = port; p < port + count; p++)
        xvcpu__bit_assign((uint8_t *)vcpu->x86.io_bitmap, p, !pass);
    if (vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_io(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__msr_config(xvcpu_vcpu *vcpu, const char *fn, uint32_t msr, uint32_t access, uint8_t *map,
                                   bool value)
{
    long bit = xvcpu__msr_bit(msr);
    xvcpu_err err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_FREE);
    if (err != XVCPU_OK && (err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    if (access == 0 || (access & ~(XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE)) != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: access %x must be XVCPU_ACCESS_READ and/or XVCPU_ACCESS_WRITE", fn, vcpu->id,
                           access);
    if (bit < 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: MSR %x is outside the MSR bitmap ranges", fn, vcpu->id, msr);
    if (access & XVCPU_ACCESS_READ)
        xvcpu__bit_assign(map, (uint32_t)bit, value);
    if (access & XVCPU_ACCESS_WRITE)
        xvcpu__bit_assign(map, (uint32_t)bit + XVCPU__MSR_WRITE_BITS, value);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_to_vmm(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool to_vmm)
{
    static const char fn[] = "xvcpu_vcpu_msr_to_vmm";
    xvcpu_err err = xvcpu__msr_config(vcpu, fn, msr, access, (uint8_t *)vcpu->x86.msr_to_vmm, to_vmm);
    if (err == XVCPU_OK && to_vmm) /* the access must exit to reach the VMM */
        err = xvcpu__msr_config(vcpu, fn, msr, access, (uint8_t *)vcpu->x86.msr_bitmap, true);
    if (err == XVCPU_OK && vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_msr(vcpu, msr);
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_passthrough(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool pass)
{
    xvcpu_err err = xvcpu__msr_config(vcpu, "xvcpu_vcpu_msr_passthrough", msr, access,
                                      (uint8_t *)vcpu->x86.msr_bitmap, !pass);
    if (err == XVCPU_OK && vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_msr(vcpu, msr);
    return err;
}

/* Does an exiting access to `msr` belong to the VMM? */
static bool xvcpu__msr_wants_vmm(const xvcpu_vcpu *vcpu, uint32_t msr, bool write)
{
    long bit = xvcpu__msr_bit(msr);
    return bit >= 0 && xvcpu__bit_test((const uint8_t *)vcpu->x86.msr_to_vmm,
                                       (uint32_t)bit + (write ? XVCPU__MSR_WRITE_BITS : 0));
}

/* ==== xvcpu/x86/common.c.h ==== */
/* x86 facts both backends apply the same way. */

/* Canonical for the guest's linear-address width: 57 bits with CR4.LA57, else 48 (SDM Vol. 1
 * 3.3.7.1). Base-address MSRs refuse anything else with #GP. */
static bool xvcpu__x86_canonical(uint64_t v, uint64_t guest_cr4)
{
    unsigned shift = (guest_cr4 & XVCPU_CR4_LA57) ? 7 : 16;
    return (uint64_t)((int64_t)(v << shift) >> shift) == v;
}

/* A guest write of the x2APIC ICR (SDM Vol. 3A 11.12.9, APM Vol. 2 16.11) as the exit the VMM
 * sees: SIPI -> CPU_UP at vector << 12, any other IPI -> SEND_IPI. Returns false for INIT, which
 * only prepares the target (the SIPI that follows starts it): the caller just skips the WRMSR. */
static bool xvcpu__x86_icr_exit(uint64_t icr, xvcpu_exit *exit)
{
    uint32_t mode = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DELIVERY_MODE, icr);
    uint32_t shorthand = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr);
    uint64_t dest = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION, icr);
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_INIT)
        return false;
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_STARTUP) {
        exit->kind = XVCPU_EXIT_CPU_UP;
        exit->u.cpu_up.target_cpu = dest;
        exit->u.cpu_up.entry_point = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_VECTOR, icr) << 12;
        exit->u.cpu_up.arg = 0;
        return true;
    }
    exit->kind = XVCPU_EXIT_SEND_IPI;
    exit->u.send_ipi.target_cpu = dest;
    exit->u.send_ipi.target_cpu_aux = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_MODE, icr);
    exit->u.send_ipi.send_to_all = shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_EXCLUDING_SELF ||
                                   shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF;
    exit->u.send_ipi.send_to_self = shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SELF ||
                                    shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF;
    exit->u.send_ipi.vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_VECTOR, icr);
    return true;
}

/* The state a vCPU starts in (xvcpu_vcpu_setup_args.mode); each backend writes it in its own
 * format (VMX access rights, VMCB attributes).
 *   real       CS base = the entry (any address below 4 GiB), IP 0, 64 KiB 16-bit segments; the
 *              selector is entry >> 4 with RPL 0, as CS.DPL = 0 requires (SDM Vol. 3C 27.3.1.2)
 *   protected  flat 4 GiB 32-bit segments, CS 0x08, data 0x10, paging off
 *   long       64-bit code, PAE paging from the caller's CR3, EFER.LME/LMA */
typedef struct xvcpu__x86_start {
    uint64_t cr0, cr3, cr4, efer, rip, cs_base;
    uint16_t cs_sel, ds_sel;
    uint32_t limit;
    uint8_t code_bits; /* 16 (data segments 16-bit too), 32, 64 (data segments 32-bit) */
} xvcpu__x86_start;

static void xvcpu__x86_start_state(const xvcpu_vcpu_setup_args *a, xvcpu__x86_start *s)
{
    s->cr3 = s->cr4 = s->efer = s->cs_base = 0;
    s->rip = a->entry;
    s->limit = 0xFFFFFFFFu;
    s->cs_sel = 0x08;
    s->ds_sel = 0x10;
    switch (a->mode) {
    case XVCPU_START_REAL:
        s->cr0 = XVCPU_CR0_ET;
        s->code_bits = 16;
        s->cs_base = a->entry;
        s->cs_sel = (uint16_t)((a->entry >> 4) & ~3u);
        s->ds_sel = 0;
        s->rip = 0;
        s->limit = 0xFFFF;
        break;
    case XVCPU_START_PROTECTED:
        s->cr0 = XVCPU_CR0_ET | XVCPU_CR0_PE;
        s->code_bits = 32;
        break;
    default: /* XVCPU_START_LONG */
        s->cr0 = XVCPU_CR0_ET | XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_WP | XVCPU_CR0_NE | XVCPU_CR0_MP;
        s->cr3 = a->cr3;
        s->cr4 = XVCPU_CR4_PAE;
        s->efer = XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA;
        s->code_bits = 64;
        break;
    }
}

/* The guest's PKRU, for the page walker's protection-key checks. Neither VMX nor SVM switches it,
 * so after an exit the register still holds the guest's value. RDPKRU needs CR4.PKE, which a host
 * may run without: it is then set just for the read. Only the MMIO path with CR4.PKE asks. */
static uint32_t xvcpu__x86_live_pkru(void)
{
    uint64_t cr4 = XVCPU_READ_CR4();
    uint32_t v;
    if (cr4 & XVCPU_CR4_PKE)
        return XVCPU_RDPKRU();
    XVCPU_WRITE_CR4(cr4 | XVCPU_CR4_PKE);
    v = XVCPU_RDPKRU();
    XVCPU_WRITE_CR4(cr4);
    return v;
}

/* A FAIL_ENTRY exit the backend filled: mirror it into the raw fields and the vCPU's error text. */
static void xvcpu__fail_entry_report(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    exit->raw_reason = exit->u.fail_entry.hw_reason;
    exit->raw_qualification = exit->u.fail_entry.qualification;
    exit->raw_reason_name = exit->u.fail_entry.reason_name;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY, "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s%s%s%s%s",
                      vcpu->id, exit->u.fail_entry.reason_name ? exit->u.fail_entry.reason_name : "?",
                      exit->u.fail_entry.error_text ? ": " : "",
                      exit->u.fail_entry.error_text ? exit->u.fail_entry.error_text : "",
                      exit->u.fail_entry.check ? ": " : "", exit->u.fail_entry.check ? exit->u.fail_entry.check : "");
}

/* ==== xvcpu/x86/lapic.c.h ==== */
/* The virtual local APIC (x86/lapic.h). Facts: SDM Vol. 3A chapter 11 (11.4 base and enable,
 * 11.5 LVT and timer, 11.6 ICR, 11.8 IRR/ISR/TMR/EOI, 11.8.3.1 TPR/PPR, 11.9 SVR, 11.12 x2APIC). */

#define XVCPU__LAPIC_LVT_MASKED 0x10000u
#define XVCPU__LAPIC_TIMER_MODE(lvt) (((lvt) >> 17) & 3u)
#define XVCPU__LAPIC_MAX_LVT (XVCPU_LAPIC_LVT_COUNT - 1)
#define XVCPU__LAPIC_ESR_RECEIVE_ILLEGAL_VECTOR 0x40u
#define XVCPU__LAPIC_ESR_SEND_ILLEGAL_VECTOR 0x20u
#define XVCPU__LAPIC_BASE_RESERVED 0xFFF00000000002FFull /* bits 7:0, 9 and 63:52 */

/* Writable bits of each LVT entry, in lapic->lvt order (SDM Vol. 3A Figure 11-8): timer (vector,
 * mask, mode), thermal and perf (vector, delivery mode, mask), LINT0/1 (also polarity and trigger),
 * error (vector, mask). Delivery status and remote IRR read as 0: delivery is instant. */
static const uint32_t xvcpu__lapic_lvt_bits[XVCPU_LAPIC_LVT_COUNT] = { 0x700FFu, 0x107FFu, 0x107FFu,
                                                                       0x1A7FFu, 0x1A7FFu, 0x100FFu };

static bool xvcpu__lapic_enabled(const xvcpu_lapic *a) { return (a->apic_base & XVCPU_IA32_APIC_BASE_EN) != 0; }
static bool xvcpu__lapic_sw_enabled(const xvcpu_lapic *a)
{
    return xvcpu__lapic_enabled(a) && (a->svr & XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE) != 0;
}

XVCPU_DEF bool xvcpu_lapic_x2apic_mode(const xvcpu_lapic *a)
{
    return xvcpu__lapic_enabled(a) && (a->apic_base & XVCPU_IA32_APIC_BASE_EXTD) != 0;
}

XVCPU_DEF uint64_t xvcpu_lapic_base(const xvcpu_lapic *a) { return a->apic_base & 0x000FFFFFFFFFF000ull; }

static int xvcpu__lapic_highest(const uint32_t bits[8])
{
    int i;
    for (i = 7; i >= 0; i--)
        if (bits[i] != 0)
            return i * 32 + 31 - __builtin_clz(bits[i]);
    return -1;
}

static void xvcpu__lapic_set(uint32_t bits[8], unsigned v, bool on)
{
    if (on)
        bits[v / 32] |= 1u << (v % 32);
    else
        bits[v / 32] &= ~(1u << (v % 32));
}

static bool xvcpu__lapic_test(const uint32_t bits[8], unsigned v) { return (bits[v / 32] >> (v % 32)) & 1u; }

/* Registers that reset (everything but the ID and IA32_APIC_BASE): SDM Vol. 3A 11.4.7.1. */
static void xvcpu__lapic_reset_regs(xvcpu_lapic *a)
{
    unsigned i;
    for (i = 0; i < 8; i++)
        a->irr[i] = a->isr[i] = a->tmr[i] = 0;
    for (i = 0; i < XVCPU_LAPIC_LVT_COUNT; i++)
        a->lvt[i] = XVCPU__LAPIC_LVT_MASKED;
    a->tpr = a->ldr = a->esr = a->esr_pending = a->icr_lo = a->icr_hi = 0;
    a->svr = 0xFF;
    a->dfr = 0xFFFFFFFFu;
    a->timer_initial = a->timer_divide = 0;
    a->timer_start = 0;
    a->timer_next = XVCPU_LAPIC_NEVER;
    a->tsc_deadline = 0;
}

XVCPU_DEF void xvcpu_lapic_init(xvcpu_lapic *a, uint32_t id, bool bsp, uint64_t tsc_per_tick)
{
    XVCPU_MEMSET(a, 0, sizeof(*a));
    a->id = id;
    a->tsc_per_tick = tsc_per_tick ? tsc_per_tick : 1;
    a->apic_base = XVCPU_LAPIC_DEFAULT_BASE | XVCPU_IA32_APIC_BASE_EN | (bsp ? XVCPU_IA32_APIC_BASE_BSP : 0);
    xvcpu__lapic_reset_regs(a);
}

static uint32_t xvcpu__lapic_ppr(const xvcpu_lapic *a)
{
    int isrv = xvcpu__lapic_highest(a->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xF0u;
    return (a->tpr & 0xF0u) >= isr_class ? a->tpr & 0xFFu : isr_class;
}

/* Timer: divide configuration bits 0, 1, 3 -> 2, 4, ..., 128, and 1 for 0b111 (SDM Figure 11-10). */
static uint64_t xvcpu__lapic_tick(const xvcpu_lapic *a)
{
    uint32_t v = (a->timer_divide & 3u) | ((a->timer_divide >> 1) & 4u);
    return a->tsc_per_tick * (v == 7 ? 1u : 2u << v);
}

static uint32_t xvcpu__lapic_current_count(const xvcpu_lapic *a, uint64_t now)
{
    uint32_t mode = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]);
    uint64_t elapsed;
    if (a->timer_initial == 0 || mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE || now < a->timer_start)
        return a->timer_initial;
    elapsed = (now - a->timer_start) / xvcpu__lapic_tick(a);
    if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_PERIODIC)
        return a->timer_initial - (uint32_t)(elapsed % a->timer_initial);
    return elapsed >= a->timer_initial ? 0 : a->timer_initial - (uint32_t)elapsed;
}

static void xvcpu__lapic_timer_start(xvcpu_lapic *a, uint64_t now)
{
    a->timer_start = now;
    a->timer_next = a->timer_initial ? now + (uint64_t)a->timer_initial * xvcpu__lapic_tick(a) : XVCPU_LAPIC_NEVER;
}

static void xvcpu__lapic_fire(xvcpu_lapic *a)
{
    if (!(a->lvt[0] & XVCPU__LAPIC_LVT_MASKED))
        xvcpu_lapic_accept(a, (uint8_t)a->lvt[0], false);
}

XVCPU_DEF uint64_t xvcpu_lapic_update(xvcpu_lapic *a, uint64_t now)
{
    uint32_t mode = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]);
    if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE) {
        if (a->tsc_deadline != 0 && now >= a->tsc_deadline) {
            a->tsc_deadline = 0; /* fired: the MSR reads 0 again (SDM 11.5.4.1) */
            xvcpu__lapic_fire(a);
        }
        return a->tsc_deadline ? a->tsc_deadline : XVCPU_LAPIC_NEVER;
    }
    if (a->timer_next != XVCPU_LAPIC_NEVER && now >= a->timer_next) {
        xvcpu__lapic_fire(a); /* expiries missed meanwhile coalesce into this one */
        if (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_PERIODIC) {
            uint64_t period = (uint64_t)a->timer_initial * xvcpu__lapic_tick(a);
            a->timer_next += period * ((now - a->timer_next) / period + 1);
        } else {
            a->timer_next = XVCPU_LAPIC_NEVER;
        }
    }
    return a->timer_next;
}

XVCPU_DEF void xvcpu_lapic_accept(xvcpu_lapic *a, uint8_t vector, bool level)
{
    if (vector < 16) {
        a->esr_pending |= XVCPU__LAPIC_ESR_RECEIVE_ILLEGAL_VECTOR;
        return;
    }
    xvcpu__lapic_set(a->irr, vector, true);
    xvcpu__lapic_set(a->tmr, vector, level);
}

XVCPU_DEF int xvcpu_lapic_pending(const xvcpu_lapic *a)
{
    int v;
    if (!xvcpu__lapic_sw_enabled(a) || (v = xvcpu__lapic_highest(a->irr)) < 0)
        return -1;
    return ((uint32_t)v & 0xF0u) > (xvcpu__lapic_ppr(a) & 0xF0u) ? v : -1;
}

XVCPU_DEF void xvcpu_lapic_ack(xvcpu_lapic *a, uint8_t vector)
{
    xvcpu__lapic_set(a->irr, vector, false);
    xvcpu__lapic_set(a->isr, vector, true);
}

XVCPU_DEF uint64_t xvcpu_lapic_deliver(xvcpu_lapic *a, struct xvcpu_vcpu *vcpu, uint64_t now)
{
    uint64_t next = xvcpu_lapic_update(a, now);
    int v = xvcpu_lapic_pending(a);
    if (v >= 0 && xvcpu__highest_irr(vcpu) < 0 && xvcpu_inject_interrupt(vcpu, (uint8_t)v) == XVCPU_OK)
        xvcpu_lapic_ack(a, (uint8_t)v);
    return next;
}

/* One register by its xAPIC offset. Returns false where the mode has no such readable register. */
static bool xvcpu__lapic_read_reg(const xvcpu_lapic *a, uint32_t off, uint64_t now, uint64_t *out)
{
    bool x2 = xvcpu_lapic_x2apic_mode(a);
    uint64_t v;
    switch (off) {
    case XVCPU_LAPIC_ID: v = x2 ? a->id : (uint64_t)(a->id & 0xFF) << 24; break;
    case XVCPU_LAPIC_VER: v = XVCPU_LAPIC_VERSION | ((uint32_t)XVCPU__LAPIC_MAX_LVT << 16); break;
    case XVCPU_LAPIC_TPR: v = a->tpr; break;
    case XVCPU_LAPIC_APR: if (x2) return false; v = 0; break;
    case XVCPU_LAPIC_PPR: v = xvcpu__lapic_ppr(a); break;
    case XVCPU_LAPIC_EOI: if (x2) return false; v = 0; break; /* write-only */
    case XVCPU_LAPIC_RRD: if (x2) return false; v = 0; break;
    case XVCPU_LAPIC_LDR: v = x2 ? ((a->id >> 4) << 16) | (1u << (a->id & 0xF)) : a->ldr; break;
    case XVCPU_LAPIC_DFR: if (x2) return false; v = a->dfr; break;
    case XVCPU_LAPIC_SVR: v = a->svr; break;
    case XVCPU_LAPIC_ESR: v = a->esr; break;
    case XVCPU_LAPIC_ICR_LO: v = x2 ? ((uint64_t)a->icr_hi << 32) | a->icr_lo : a->icr_lo; break;
    case XVCPU_LAPIC_ICR_HI: if (x2) return false; v = a->icr_hi; break;
    case XVCPU_LAPIC_TIMER_INITIAL: v = a->timer_initial; break;
    case XVCPU_LAPIC_TIMER_CURRENT: v = xvcpu__lapic_current_count(a, now); break;
    case XVCPU_LAPIC_TIMER_DIVIDE: v = a->timer_divide; break;
    case XVCPU_LAPIC_SELF_IPI: return false; /* write-only, x2APIC only */
    default:
        if (off >= XVCPU_LAPIC_LVT_TIMER && off <= XVCPU_LAPIC_LVT_ERROR)
            v = a->lvt[(off - XVCPU_LAPIC_LVT_TIMER) / 16];
        else if (off >= XVCPU_LAPIC_ISR && off < XVCPU_LAPIC_ISR + 0x80)
            v = a->isr[(off - XVCPU_LAPIC_ISR) / 16];
        else if (off >= XVCPU_LAPIC_TMR && off < XVCPU_LAPIC_TMR + 0x80)
            v = a->tmr[(off - XVCPU_LAPIC_TMR) / 16];
        else if (off >= XVCPU_LAPIC_IRR && off < XVCPU_LAPIC_IRR + 0x80)
            v = a->irr[(off - XVCPU_LAPIC_IRR) / 16];
        else
            return false;
    }
    *out = v;
    return true;
}

/* ICR: `icr` in the x2APIC layout (destination in bits 63:32). The self part of a fixed IPI is
 * delivered here; everything else is the VMM's exit. */
static xvcpu_lapic_result xvcpu__lapic_send(xvcpu_lapic *a, uint64_t icr, xvcpu_exit *exit)
{
    uint32_t mode = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DELIVERY_MODE, icr);
    uint32_t shorthand = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr);
    uint8_t vector = (uint8_t)icr;
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_FIXED || mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_LOWEST_PRIORITY) {
        if (vector < 16) { /* illegal vector: not sent (SDM 11.5.3) */
            a->esr_pending |= XVCPU__LAPIC_ESR_SEND_ILLEGAL_VECTOR;
            return XVCPU_LAPIC_DONE;
        }
        if (shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SELF) {
            xvcpu_lapic_accept(a, vector, false);
            return XVCPU_LAPIC_DONE;
        }
        if (shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF) {
            xvcpu_lapic_accept(a, vector, false);
            icr = XVCPU_FIELD_SET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr,
                                  XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_EXCLUDING_SELF);
        }
    }
    XVCPU_MEMSET(exit, 0, sizeof(*exit));
    if (!xvcpu__x86_icr_exit(icr, exit))
        return XVCPU_LAPIC_DONE; /* INIT: the start-up IPI that follows is the CPU_UP */
    exit->raw_reason_name = "LAPIC_ICR";
    return XVCPU_LAPIC_EXIT;
}

static xvcpu_lapic_result xvcpu__lapic_eoi(xvcpu_lapic *a, uint8_t *eoi_vector)
{
    int v = xvcpu__lapic_highest(a->isr);
    if (v < 0)
        return XVCPU_LAPIC_DONE;
    xvcpu__lapic_set(a->isr, (unsigned)v, false);
    if (!xvcpu__lapic_test(a->tmr, (unsigned)v))
        return XVCPU_LAPIC_DONE;
    if (eoi_vector != NULL)
        *eoi_vector = (uint8_t)v;
    return XVCPU_LAPIC_EOI_LEVEL;
}

static void xvcpu__lapic_write_lvt(xvcpu_lapic *a, unsigned i, uint32_t v)
{
    v &= xvcpu__lapic_lvt_bits[i];
    if (!xvcpu__lapic_sw_enabled(a))
        v |= XVCPU__LAPIC_LVT_MASKED; /* software-disabled: the mask bits stay set (SDM 11.4.7.2) */
    if (i == 0) {
        uint32_t mode = XVCPU__LAPIC_TIMER_MODE(v);
        if (mode == 3 || (mode == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE && !a->tsc_deadline_allowed))
            v &= ~0x60000u; /* reserved mode: one-shot */
        if (XVCPU__LAPIC_TIMER_MODE(v) != XVCPU__LAPIC_TIMER_MODE(a->lvt[0])) {
            a->timer_initial = 0; /* a mode change disarms the timer (SDM 11.5.4.1) */
            a->timer_next = XVCPU_LAPIC_NEVER;
            a->tsc_deadline = 0;
        }
    }
    a->lvt[i] = v;
}

/* A register write by xAPIC offset; `x2` selects x2APIC rules (#GP for read-only registers and
 * reserved bits the SDM names). */
static xvcpu_lapic_result xvcpu__lapic_write_reg(xvcpu_lapic *a, uint32_t off, uint64_t v, uint64_t now, bool x2,
                                                 xvcpu_exit *exit, uint8_t *eoi_vector)
{
    unsigned i;
    switch (off) {
    case XVCPU_LAPIC_TPR:
        if (x2 && (v >> 8))
            return XVCPU_LAPIC_FAULT;
        a->tpr = (uint32_t)v & 0xFFu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_EOI:
        if (x2 && v != 0)
            return XVCPU_LAPIC_FAULT;
        return xvcpu__lapic_eoi(a, eoi_vector);
    case XVCPU_LAPIC_LDR:
        if (x2)
            return XVCPU_LAPIC_FAULT; /* read-only in x2APIC mode */
        a->ldr = (uint32_t)v & 0xFF000000u;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_DFR:
        if (x2)
            return XVCPU_LAPIC_FAULT;
        a->dfr = (uint32_t)v | 0x0FFFFFFFu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_SVR:
        if (x2 && (v >> 32))
            return XVCPU_LAPIC_FAULT;
        a->svr = (uint32_t)v & 0x3FFu; /* vector, software enable, focus check */
        if (!(a->svr & XVCPU_X2APIC_SVR_APIC_SOFTWARE_ENABLE))
            for (i = 0; i < XVCPU_LAPIC_LVT_COUNT; i++)
                a->lvt[i] |= XVCPU__LAPIC_LVT_MASKED;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_ESR:
        if (x2 && v != 0)
            return XVCPU_LAPIC_FAULT;
        a->esr = a->esr_pending; /* a write latches the errors seen since the last one (SDM 11.5.3) */
        a->esr_pending = 0;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_ICR_LO:
        if (x2) {
            a->icr_lo = (uint32_t)v & 0x000CCFFFu;
            a->icr_hi = (uint32_t)(v >> 32);
            return xvcpu__lapic_send(a, ((uint64_t)a->icr_hi << 32) | a->icr_lo, exit);
        }
        a->icr_lo = (uint32_t)v & 0x000CCFFFu; /* delivery status (bit 12) reads 0: sent at once */
        return xvcpu__lapic_send(a, ((uint64_t)(a->icr_hi >> 24) << 32) | a->icr_lo, exit);
    case XVCPU_LAPIC_ICR_HI:
        if (x2)
            return XVCPU_LAPIC_FAULT;
        a->icr_hi = (uint32_t)v & 0xFF000000u;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_TIMER_INITIAL:
        if (XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE)
            return XVCPU_LAPIC_DONE; /* ignored in TSC-deadline mode */
        a->timer_initial = (uint32_t)v;
        xvcpu__lapic_timer_start(a, now);
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_TIMER_DIVIDE:
        if (x2 && (v & ~0xBull))
            return XVCPU_LAPIC_FAULT;
        a->timer_divide = (uint32_t)v & 0xBu;
        return XVCPU_LAPIC_DONE;
    case XVCPU_LAPIC_SELF_IPI:
        if (!x2 || (v >> 8))
            return x2 ? XVCPU_LAPIC_FAULT : XVCPU_LAPIC_DONE;
        xvcpu_lapic_accept(a, (uint8_t)v, false);
        return XVCPU_LAPIC_DONE;
    default:
        if (off >= XVCPU_LAPIC_LVT_TIMER && off <= XVCPU_LAPIC_LVT_ERROR) {
            if (x2 && (v >> 32))
                return XVCPU_LAPIC_FAULT;
            xvcpu__lapic_write_lvt(a, (off - XVCPU_LAPIC_LVT_TIMER) / 16, (uint32_t)v);
            return XVCPU_LAPIC_DONE;
        }
        /* ID, version, PPR, ISR/TMR/IRR, current count: read-only */
        return x2 ? XVCPU_LAPIC_FAULT : XVCPU_LAPIC_DONE;
    }
}

XVCPU_DEF uint64_t xvcpu_lapic_mmio_read(xvcpu_lapic *a, uint32_t offset, uint8_t width, uint64_t now)
{
    uint64_t v = 0;
    unsigned shift = (offset & 3u) * 8;
    if (!xvcpu__lapic_enabled(a) || xvcpu_lapic_x2apic_mode(a))
        return width >= 8 ? ~0ull : (1ull << (width * 8)) - 1;
    offset &= 0xFFFu;
    if ((offset & 0xFu) < 4 && xvcpu__lapic_read_reg(a, offset & 0xFF0u, now, &v))
        v = (uint32_t)v >> shift; /* the part of the 32-bit register the access covers */
    else
        v = 0;
    return width >= 8 ? v : v & ((1ull << (width * 8)) - 1);
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_mmio_write(xvcpu_lapic *a, uint32_t offset, uint8_t width, uint64_t value,
                                                    uint64_t now, xvcpu_exit *exit, uint8_t *eoi_vector)
{
    offset &= 0xFFFu;
    if (!xvcpu__lapic_enabled(a) || xvcpu_lapic_x2apic_mode(a) || width != 4 || (offset & 0xFu) != 0 ||
        offset == XVCPU_LAPIC_SELF_IPI)
        return XVCPU_LAPIC_DONE;
    return xvcpu__lapic_write_reg(a, offset, (uint32_t)value, now, false, exit, eoi_vector);
}

XVCPU_DEF bool xvcpu_lapic_handles_msr(uint32_t msr)
{
    return msr == XVCPU_MSR_IA32_APIC_BASE || msr == XVCPU_MSR_IA32_TSC_DEADLINE ||
           (msr >= XVCPU_MSR_RANGE_X2APIC_FIRST && msr <= XVCPU_MSR_RANGE_X2APIC_LAST);
}

/* IA32_APIC_BASE: the mode transitions of SDM Vol. 3A Figure 11-26 (disabled, xAPIC, x2APIC). */
static xvcpu_lapic_result xvcpu__lapic_write_base(xvcpu_lapic *a, uint64_t v)
{
    bool en = (v & XVCPU_IA32_APIC_BASE_EN) != 0, extd = (v & XVCPU_IA32_APIC_BASE_EXTD) != 0;
    bool was_en = xvcpu__lapic_enabled(a), was_x2 = xvcpu_lapic_x2apic_mode(a);
    if ((v & XVCPU__LAPIC_BASE_RESERVED) || (extd && !a->x2apic_allowed) || (extd && !en) ||
        (was_x2 && en && !extd) || (!was_en && en && extd))
        return XVCPU_LAPIC_FAULT;
    a->apic_base = (v & ~XVCPU_IA32_APIC_BASE_BSP) | (a->apic_base & XVCPU_IA32_APIC_BASE_BSP);
    if (was_en && !en)
        xvcpu__lapic_reset_regs(a); /* a disabled APIC comes back in its reset state */
    return XVCPU_LAPIC_DONE;
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_read(xvcpu_lapic *a, uint32_t msr, uint64_t now, uint64_t *value)
{
    if (msr == XVCPU_MSR_IA32_APIC_BASE) {
        *value = a->apic_base;
        return XVCPU_LAPIC_DONE;
    }
    if (msr == XVCPU_MSR_IA32_TSC_DEADLINE) {
        if (!a->tsc_deadline_allowed)
            return XVCPU_LAPIC_FAULT;
        *value = XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE ? a->tsc_deadline
                                                                                                      : 0;
        return XVCPU_LAPIC_DONE;
    }
    if (!xvcpu_lapic_x2apic_mode(a) || msr < XVCPU_MSR_RANGE_X2APIC_FIRST || msr > XVCPU_MSR_RANGE_X2APIC_LAST ||
        !xvcpu__lapic_read_reg(a, (msr - XVCPU_MSR_RANGE_X2APIC_FIRST) << 4, now, value))
        return XVCPU_LAPIC_FAULT;
    return XVCPU_LAPIC_DONE;
}

XVCPU_DEF xvcpu_lapic_result xvcpu_lapic_msr_write(xvcpu_lapic *a, uint32_t msr, uint64_t value, uint64_t now,
                                                   xvcpu_exit *exit, uint8_t *eoi_vector)
{
    uint64_t dummy;
    uint32_t off;
    if (msr == XVCPU_MSR_IA32_APIC_BASE)
        return xvcpu__lapic_write_base(a, value);
    if (msr == XVCPU_MSR_IA32_TSC_DEADLINE) {
        if (!a->tsc_deadline_allowed)
            return XVCPU_LAPIC_FAULT;
        /* outside TSC-deadline mode the write is ignored (SDM 11.5.4.1) */
        if (XVCPU__LAPIC_TIMER_MODE(a->lvt[0]) == XVCPU_X2APIC_LVT_TIMER_TIMER_MODE_TSC_DEADLINE)
            a->tsc_deadline = value;
        return XVCPU_LAPIC_DONE;
    }
    if (!xvcpu_lapic_x2apic_mode(a) || msr < XVCPU_MSR_RANGE_X2APIC_FIRST || msr > XVCPU_MSR_RANGE_X2APIC_LAST)
        return XVCPU_LAPIC_FAULT;
    off = (msr - XVCPU_MSR_RANGE_X2APIC_FIRST) << 4;
    /* registers x2APIC mode lacks altogether */
    if (off != XVCPU_LAPIC_EOI && off != XVCPU_LAPIC_SELF_IPI && !xvcpu__lapic_read_reg(a, off, now, &dummy))
        return XVCPU_LAPIC_FAULT;
    return xvcpu__lapic_write_reg(a, off, value, now, true, exit, eoi_vector);
}

/* ==== xvcpu/x86/msrs.c.h ==== */
/* Architectural MSRs whose answer does not depend on VMX or SVM: both backends ask here before
 * raising #GP for an MSR they do not hold in the VMCS/VMCB. Each exists exactly when the guest's
 * CPUID view promises it (SDM Vol. 4 Table 2-2), so a guest that checks CPUID never faults and
 * one that does not gets the #GP a CPU without the feature raises. */

#define XVCPU__X86_MSR_NONE 0 /* not one of these: the backend raises #GP */
#define XVCPU__X86_MSR_DONE 1 /* handled; *value holds what RDMSR returns */
#define XVCPU__X86_MSR_GP 2   /* the architecture refuses the access */

/* IA32_MISC_ENABLE as a virtual CPU reports it (SDM Vol. 4 Table 2-2): fast strings (bit 0),
 * branch trace storage and PEBS unavailable (bits 11, 12); no MONITOR/MWAIT (bit 18 follows
 * CPUID.1:ECX.MONITOR, which the view hides), no thermal control, SpeedStep or XD disable. */
#define XVCPU__X86_MISC_ENABLE_DEFAULT 0x1801ull
#define XVCPU__X86_MISC_ENABLE_WRITABLE 0x1ull /* fast strings; the others are fixed here */

static bool xvcpu__x86_cpuid_has(xvcpu_vcpu *vcpu, uint32_t leaf, unsigned reg, uint32_t bit)
{
    const xvcpu_cpuid_entry *e = xvcpu__cpuid_find(&vcpu->x86, leaf, 0);
    uint32_t r;
    if (e == NULL)
        return false;
    r = reg == 0 ? e->eax : reg == 1 ? e->ebx : reg == 2 ? e->ecx : e->edx;
    return (r & bit) != 0;
}

static bool xvcpu__x86_view_is_intel(xvcpu_vcpu *vcpu)
{
    const xvcpu_cpuid_entry *e = xvcpu__cpuid_find(&vcpu->x86, 0, 0);
    return e != NULL && e->ebx == 0x756E6547u && e->edx == 0x49656E69u && e->ecx == 0x6C65746Eu; /* GenuineIntel */
}

/* IA32_TSC_AUX exists with RDTSCP or RDPID, which read it unintercepted: the guest's value is in
 * the CPU from bind to unbind (like the SYSCALL MSRs), the host's is put back at unbind. */
static bool xvcpu__x86_has_tsc_aux(xvcpu_vcpu *vcpu)
{
    return xvcpu__x86_cpuid_has(vcpu, 0x80000001u, 3, XVCPU_CPUID_80000001_EDX_RDTSCP) ||
           xvcpu__x86_cpuid_has(vcpu, 7, 2, XVCPU_CPUID_07_0_ECX_RDPID);
}

/* Bind (to_guest) and unbind: switch the MSRs the guest owns while bound. */
static void xvcpu__x86_bind_msrs(xvcpu_vcpu *vcpu, bool to_guest)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    if (!xvcpu__x86_has_tsc_aux(vcpu))
        return;
    if (to_guest) {
        x86->host_tsc_aux = XVCPU_RDMSR(XVCPU_MSR_IA32_TSC_AUX);
        XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, x86->tsc_aux);
    } else {
        XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, x86->host_tsc_aux);
    }
}

static int xvcpu__x86_msr_arch(xvcpu_vcpu *vcpu, uint32_t msr, bool write, uint64_t *value)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    bool mtrr = xvcpu__x86_cpuid_has(vcpu, 1, 3, XVCPU_CPUID_01_EDX_MTRR);
    switch (msr) {
    case XVCPU_MSR_IA32_MTRRCAP:
        /* no variable or fixed ranges, no WC, no SMRR: the default type is all there is
         * (SDM Vol. 3A 12.11.2.1); read-only */
        if (!mtrr || write)
            return XVCPU__X86_MSR_GP;
        *value = 0;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MTRR_DEF_TYPE:
        if (!mtrr)
            return XVCPU__X86_MSR_GP;
        if (write) {
            uint64_t type = *value & XVCPU_IA32_MTRR_DEF_TYPE_TYPE_MASK;
            /* E and the type; FE needs fixed ranges (none); types UC WC WT WP WB (Table 12-8) */
            if ((*value & ~(XVCPU_IA32_MTRR_DEF_TYPE_TYPE_MASK | (1ull << 11))) || type == 2 || type == 3 || type > 6)
                return XVCPU__X86_MSR_GP;
            x86->mtrr_def_type = *value;
        } else {
            *value = x86->mtrr_def_type;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_MISC_ENABLE:
        if (!xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write) {
            uint64_t cur = XVCPU__X86_MISC_ENABLE_DEFAULT ^ x86->misc_enable_flip;
            if ((*value ^ cur) & ~XVCPU__X86_MISC_ENABLE_WRITABLE)
                return XVCPU__X86_MSR_GP; /* a fixed bit changed */
            x86->misc_enable_flip = *value ^ XVCPU__X86_MISC_ENABLE_DEFAULT;
        } else {
            *value = XVCPU__X86_MISC_ENABLE_DEFAULT ^ x86->misc_enable_flip;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_FEATURE_CONTROL:
        /* locked with nothing enabled: the view offers no VMX, SMX, SGX or LMCE */
        if (!xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write)
            return XVCPU__X86_MSR_GP;
        *value = XVCPU_IA32_FEATURE_CONTROL_LOCK;
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_AMD_HWCR:
        /* AMD: the TSC counts at the P0 frequency (bit 24, read-only here); the TLB flush filter
         * disable (bit 6) is kept and changes nothing a guest can see; other bits fixed at 0 */
        if (xvcpu__x86_view_is_intel(vcpu))
            return XVCPU__X86_MSR_NONE;
        if (write) {
            if ((*value & ~XVCPU_AMD_HWCR_FFDIS) != XVCPU_AMD_HWCR_TSC_FREQ_SEL)
                return XVCPU__X86_MSR_GP;
            x86->amd_hwcr_ffdis = (*value & XVCPU_AMD_HWCR_FFDIS) != 0;
        } else {
            *value = XVCPU_AMD_HWCR_TSC_FREQ_SEL | (x86->amd_hwcr_ffdis ? XVCPU_AMD_HWCR_FFDIS : 0);
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_TSC_AUX:
        if (!xvcpu__x86_has_tsc_aux(vcpu) || (write && (*value >> 32)))
            return XVCPU__X86_MSR_GP; /* bits 63:32 are reserved */
        if (write) {
            x86->tsc_aux = *value;
            XVCPU_WRMSR(XVCPU_MSR_IA32_TSC_AUX, *value); /* bound: the CPU holds the guest's value */
        } else {
            *value = x86->tsc_aux;
        }
        return XVCPU__X86_MSR_DONE;
    case XVCPU_MSR_IA32_BIOS_SIGN_ID:
        /* microcode revision (Intel: EDX after a WRMSR of 0 and CPUID; AMD: the patch level):
         * a virtual CPU has none to load, writes are accepted and change nothing */
        if (!write)
            *value = 0;
        return XVCPU__X86_MSR_DONE;
    default:
        return XVCPU__X86_MSR_NONE;
    }
}

/* ==== xvcpu/x86emu/decode.c.h ==== */
/* The x86 instruction decoder (see x86_decode.h). One pass over the bytes: prefixes, then the
 * opcode's attributes from a per-map table, ModRM/SIB/displacement, the immediate; a few groups
 * need rules in code (xvcpu__x86_check). Facts from the Intel SDM Vol. 2 (chapter 2 "Instruction
 * Format", appendix A "Opcode Map") and the AMD APM Vol. 3 (appendix A, for 3DNow!, XOP, SSE4a
 * and the SVM instructions). */

#define XVCPU__X86_MAX_LEN 15 /* SDM Vol. 2A 2.3.11: longer instructions raise #GP */

/* Attributes of a legacy-map opcode. */
#define XVCPU__XF_BAD 0x0001u    /* undefined: #UD */
#define XVCPU__XF_MODRM 0x0002u  /* a ModRM byte follows the opcode */
#define XVCPU__XF_I64 0x0004u    /* #UD in 64-bit mode */
#define XVCPU__XF_CHECK 0x0008u  /* further rules in xvcpu__x86_check() */
#define XVCPU__XF_MEM 0x0010u    /* memory form only (mod = 11b is #UD) */
#define XVCPU__XF_REG 0x0020u    /* register form only */
#define XVCPU__XF_NOMOD 0x0040u  /* ModRM.mod is ignored: always a register form (MOV CR/DR, SDM Vol. 2B "MOV") */
#define XVCPU__XF_LOCK 0x0080u   /* LOCK allowed with a memory destination, whatever ModRM.reg */
#define XVCPU__XF_UD 0x0100u     /* defined to raise #UD: UD0, UD1, UD2 */
#define XVCPU__XF_IMM_SHIFT 12   /* bits 12-15: the immediate (XVCPU__IMM_*) */

/* Immediate (and other trailing operand) kinds. */
enum {
    XVCPU__IMM_NONE = 0,
    XVCPU__IMM_B,     /* 1 byte: ib, rel8 */
    XVCPU__IMM_W,     /* 2 bytes: iw (RET iw) */
    XVCPU__IMM_Z,     /* 2 bytes with a 16-bit operand size, else 4: iz */
    XVCPU__IMM_V,     /* the operand size, 2/4/8: MOV r, imm (B8+r) */
    XVCPU__IMM_WB,    /* iw, ib: ENTER */
    XVCPU__IMM_MOFFS, /* the address size: MOV A0-A3 */
    XVCPU__IMM_FAR,   /* ptr16:16 / ptr16:32 by operand size: CALLF/JMPF */
    XVCPU__IMM_JZ,    /* rel16/rel32 near branch: 4 bytes in 64-bit mode, where Intel ignores 66h (SDM Vol. 2A 2.2.1.3) */
    XVCPU__IMM_BB,    /* ib, ib: EXTRQ/INSERTQ (AMD SSE4a) */
    XVCPU__IMM_D      /* 4 bytes: XOP map 10 */
};

/* One character per opcode in the legacy-map tables below, expanded by xvcpu__x86_class(). */
static uint16_t xvcpu__x86_class(char c)
{
#define XVCPU__I(kind) ((uint16_t)(XVCPU__IMM_##kind << XVCPU__XF_IMM_SHIFT))
    switch (c) {
    case '_': return 0;                                            /* no operand bytes */
    case '6': return XVCPU__XF_I64;                                /* ... and #UD in 64-bit mode */
    case 'm': return XVCPU__XF_MODRM;                              /* ModRM */
    case 'l': return XVCPU__XF_MODRM | XVCPU__XF_LOCK;             /* ModRM, LOCK ok with memory */
    case 'M': return XVCPU__XF_MODRM | XVCPU__XF_MEM;              /* ModRM, memory only */
    case 'R': return XVCPU__XF_MODRM | XVCPU__XF_REG;              /* ModRM, register only */
    case 'x': return XVCPU__XF_MODRM | XVCPU__XF_CHECK;            /* ModRM, rules in code */
    case 'c': return XVCPU__XF_MODRM | XVCPU__XF_NOMOD | XVCPU__XF_CHECK; /* MOV CR/DR */
    case 'u': return XVCPU__XF_MODRM | XVCPU__XF_UD;               /* UD0, UD1 */
    case 'U': return XVCPU__XF_UD;                                 /* UD2 */
    case 'b': return XVCPU__I(B);                                  /* ib, rel8 */
    case 'i': return XVCPU__I(B) | XVCPU__XF_I64;                  /* ib, #UD in 64-bit (AAM, AAD) */
    case 'w': return XVCPU__I(W);                                  /* iw */
    case 'z': return XVCPU__I(Z);                                  /* iz */
    case 'v': return XVCPU__I(V);                                  /* iv */
    case 'e': return XVCPU__I(WB);                                 /* iw ib */
    case 'o': return XVCPU__I(MOFFS);                              /* moffs */
    case 'f': return XVCPU__I(FAR) | XVCPU__XF_I64;                /* far pointer */
    case 'j': return XVCPU__I(JZ);                                 /* rel16/32 */
    case 'B': return XVCPU__XF_MODRM | XVCPU__I(B);                /* ModRM, ib */
    case 'k': return XVCPU__XF_MODRM | XVCPU__I(B) | XVCPU__XF_I64; /* ModRM, ib, #UD in 64-bit (82) */
    case 'Z': return XVCPU__XF_MODRM | XVCPU__I(Z);                /* ModRM, iz */
    case 'X': return XVCPU__XF_MODRM | XVCPU__I(B) | XVCPU__XF_CHECK; /* ModRM, ib, rules in code */
    case 'Y': return XVCPU__XF_MODRM | XVCPU__I(Z) | XVCPU__XF_CHECK; /* ModRM, iz, rules in code */
    case 'r': return XVCPU__XF_MODRM | XVCPU__XF_REG | XVCPU__I(B); /* ModRM register form, ib */
    default: return XVCPU__XF_BAD;                                 /* '.': undefined; 'p': prefix/escape */
    }
#undef XVCPU__I
}

/* One-byte opcode map, SDM Vol. 2D Table A-2. 40-4F are REX in 64-bit mode and never get here;
 * 62, C4, C5 and 8F reach this table only when they are not EVEX/VEX/XOP (BOUND, LES, LDS,
 * POP Ev); 63 is ARPL or, in 64-bit mode, MOVSXD. F6/F7 take an immediate for /0 and /1 only. */
static const char xvcpu__x86_map0[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "llmmbz66llmmbz6p"  /* ADD, PUSH/POP ES, OR, PUSH CS, 0F escape */
    /* 1x */ "llmmbz66llmmbz66"  /* ADC, PUSH/POP SS, SBB, PUSH/POP DS */
    /* 2x */ "llmmbzp6llmmbzp6"  /* AND, ES:, DAA, SUB, CS:, DAS */
    /* 3x */ "llmmbzp6mmmmbzp6"  /* XOR, SS:, AAA, CMP, DS:, AAS */
    /* 4x */ "________________"  /* INC/DEC r (REX in 64-bit mode) */
    /* 5x */ "________________"  /* PUSH/POP r */
    /* 6x */ "66MmppppzZbB____"  /* PUSHA POPA BOUND ARPL/MOVSXD FS: GS: 66 67 PUSH IMUL PUSH IMUL INS/OUTS */
    /* 7x */ "bbbbbbbbbbbbbbbb"  /* Jcc rel8 */
    /* 8x */ "BZkBmmllmmmmxMxx"  /* group 1, TEST, XCHG, MOV, MOV Sreg, LEA, MOV Sreg, POP Ev */
    /* 9x */ "__________f_____"  /* XCHG, CBW, CWD, CALLF, FWAIT, PUSHF, POPF, SAHF, LAHF */
    /* Ax */ "oooo____bz______"  /* MOV moffs, MOVS, CMPS, TEST, STOS, LODS, SCAS */
    /* Bx */ "bbbbbbbbvvvvvvvv"  /* MOV r, imm */
    /* Cx */ "BBw_MMXYe_w__b6_"  /* shift group 2, RET iw, RET, LES, LDS, group 11, ENTER, LEAVE, RETF, INT3, INT, INTO, IRET */
    /* Dx */ "mmmmii6_xxxxxxxx"  /* shift group 2, AAM, AAD, SALC, XLAT, x87 */
    /* Ex */ "bbbbbbbbjjfb____"  /* LOOPcc, JrCXZ, IN/OUT ib, CALL, JMP, JMPF, JMP rel8, IN/OUT DX */
    /* Fx */ "p_pp__xx______xx"; /* LOCK, INT1, REPNE, REP, HLT, CMC, group 3, flags, group 4, group 5 */

/* Two-byte map 0F, SDM Vol. 2D Table A-3 (and AMD APM Vol. 3 Table A-4). */
static const char xvcpu__x86_map1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "xxmm._____.U.m_p"  /* group 6, group 7, LAR, LSL, SYSCALL, CLTS, SYSRET, INVD, WBINVD, UD2, PREFETCH/NOP Ev, FEMMS, 3DNow! */
    /* 1x */ "mmxMmmxMmmmmmmmm"  /* SSE moves, prefetch/hint NOPs (18-1F) */
    /* 2x */ "cccc....mmmMmmmm"  /* MOV CR/DR, SSE */
    /* 3x */ "______._p.p....."  /* WRMSR RDTSC RDMSR RDPMC SYSENTER SYSEXIT GETSEC, 0F38, 0F3A */
    /* 4x */ "mmmmmmmmmmmmmmmm"  /* CMOVcc */
    /* 5x */ "Rmmmmmmmmmmmmmmm"  /* MOVMSKPS, SSE arithmetic */
    /* 6x */ "mmmmmmmmmmmmmmmm"  /* MMX/SSE2 */
    /* 7x */ "BXXXmmm_xx..mmmm"  /* PSHUF, shift groups 12-14, PCMPEQ, EMMS, VMREAD/EXTRQ, VMWRITE/INSERTQ, HADD, MOVD/Q */
    /* 8x */ "jjjjjjjjjjjjjjjj"  /* Jcc rel16/32 */
    /* 9x */ "mmmmmmmmmmmmmmmm"  /* SETcc */
    /* Ax */ "___mBmxx___lBmxm"  /* PUSH/POP FS, CPUID, BT, SHLD, PadLock, PUSH/POP GS, RSM, BTS, SHRD, group 15, IMUL */
    /* Bx */ "llMlMMmmmuXlmmmm"  /* CMPXCHG, LSS, BTR, LFS, LGS, MOVZX, POPCNT, UD1, group 8, BTC, BSF, BSR, MOVSX */
    /* Cx */ "llBMBrBx________"  /* XADD, CMPPS, MOVNTI, PINSRW, PEXTRW, SHUFPS, group 9, BSWAP */
    /* Dx */ "mmmmmmxRmmmmmmmm"  /* MMX/SSE2, MOVQ/MOVQ2DQ/MOVDQ2Q, PMOVMSKB */
    /* Ex */ "mmmmmmmMmmmmmmmm"  /* MMX/SSE2, MOVNTQ/MOVNTDQ */
    /* Fx */ "MmmmmmmRmmmmmmmu"; /* LDDQU, MMX/SSE2, MASKMOVQ, UD0 */

/* Which mandatory prefix selects a defined instruction, one hex digit per opcode: 1 = none,
 * 2 = 66, 4 = F3, 8 = F2 (F: the prefixes do not select; 66 is then the operand size and F2/F3
 * are REP/hints or ignored). The mandatory prefix is the last of F2/F3, else 66 (SDM Vol. 2A
 * 2.1.2: F2/F3 take precedence over 66). */
static const char xvcpu__x86_pfx1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "FFFFFFFFFFFFFFFF"
    /* 1x */ "FFF33373FFFFFFFF"  /* 13 MOVLPS/PD, 14/15 UNPCK, 16 MOVHPS/PD/MOVSHDUP, 17 MOVHPS/PD */
    /* 2x */ "FFFFFFFF33FFFF33"  /* 28/29 MOVAPS/PD, 2E/2F (U)COMISS/SD */
    /* 3x */ "FFFFFFF1FFFFFFFF"  /* GETSEC: NP (SDM Vol. 2D 7.3) */
    /* 4x */ "FFFFFFFFFFFFFFFF"
    /* 5x */ "3F553333FFF7FFFF"  /* MOVMSK, RSQRT, RCP, AND/ANDN/OR/XOR, CVTDQ2PS/PS2DQ/TTPS2DQ */
    /* 6x */ "3333333333332237"  /* MMX/SSE2; PUNPCKL/HQDQ 66 only; MOVQ/MOVDQA/MOVDQU */
    /* 7x */ "F3333331BBFFAA77"  /* PSHUFW/D/HW/LW, EMMS, VMREAD/EXTRQ/INSERTQ, HADD/HSUB, MOVD/MOVQ/MOVDQ */
    /* 8x */ "FFFFFFFFFFFFFFFF"
    /* 9x */ "FFFFFFFFFFFFFFFF"
    /* Ax */ "FFFFFFFFFFFFFFFF"
    /* Bx */ "FFFFFFFF4FFFFFFF"  /* B8: POPCNT needs F3 (without it is JMPE, IA-64 only) */
    /* Cx */ "FFF1333FFFFFFFFF"  /* MOVNTI, PINSRW, PEXTRW, SHUFPS/PD */
    /* Dx */ "A33333E333333333"  /* ADDSUBPD/PS, MOVQ/MOVQ2DQ/MOVDQ2Q */
    /* Ex */ "333333E333333333"  /* CVTTPD2DQ/CVTDQ2PD/CVTPD2DQ */
    /* Fx */ "833333333333333F"; /* LDDQU */

/* Three-byte map 0F 38 (SDM Vol. 2D Table A-4): every opcode has a ModRM byte, none an immediate. */
static const char xvcpu__x86_map2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "mmmmmmmmmmmm...."  /* SSSE3 */
    /* 1x */ "m...mm.m....mmm."  /* PBLENDVB, BLENDVPS/PD, PTEST, PABS */
    /* 2x */ "mmmmmm..mmMm...."  /* PMOVSX, PMULDQ, PCMPEQQ, MOVNTDQA, PACKUSDW */
    /* 3x */ "mmmmmm.mmmmmmmmm"  /* PMOVZX, PCMPGTQ, PMIN/PMAX */
    /* 4x */ "mm.............."  /* PMULLD, PHMINPOSUW */
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "MMM............."  /* INVEPT, INVVPID, INVPCID */
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "........mmmmmm.m"  /* SHA, GF2P8MULB */
    /* Dx */ "........x..mxxxx"  /* Key Locker (F3), AESIMC, AESENC/AESDEC (66) or Key Locker (F3) */
    /* Ex */ "................"
    /* Fx */ "xx...Mx.MMRR...."; /* MOVBE/CRC32, WRUSS, ADCX/ADOX/WRSS, MOVDIR64B/ENQCMD(S), MOVDIRI, ENCODEKEY */
static const char xvcpu__x86_pfx2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "333333333333FFFF"
    /* 1x */ "2FFF22F2FFFF333F"
    /* 2x */ "222222FF2222FFFF"
    /* 3x */ "222222F222222222"
    /* 4x */ "22FFFFFFFFFFFFFF"
    /* 5x */ "FFFFFFFFFFFFFFFF"
    /* 6x */ "FFFFFFFFFFFFFFFF"
    /* 7x */ "FFFFFFFFFFFFFFFF"
    /* 8x */ "222FFFFFFFFFFFFF"
    /* 9x */ "FFFFFFFFFFFFFFFF"
    /* Ax */ "FFFFFFFFFFFFFFFF"
    /* Bx */ "FFFFFFFFFFFFFFFF"
    /* Cx */ "FFFFFFFF111111F2"
    /* Dx */ "FFFFFFFF4FF26666"
    /* Ex */ "FFFFFFFFFFFFFFFF"
    /* Fx */ "BBFFF27FE144FFFF";

/* Three-byte map 0F 3A (SDM Vol. 2D Table A-5): every opcode has a ModRM byte and an ib; the
 * table holds the mandatory-prefix digit, '.' undefined. */
static const char xvcpu__x86_pfx3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "........22222223"  /* ROUND, BLEND, PBLENDW, PALIGNR */
    /* 1x */ "....2222........"  /* PEXTRB/W/D, EXTRACTPS */
    /* 2x */ "222............."  /* PINSRB, INSERTPS, PINSRD */
    /* 3x */ "................"
    /* 4x */ "222.2..........."  /* DPPS, DPPD, MPSADBW, PCLMULQDQ */
    /* 5x */ "................"
    /* 6x */ "2222............"  /* PCMPESTRM/I, PCMPISTRM/I */
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "............1.22"  /* SHA1RNDS4, GF2P8AFFINE(INV)QB */
    /* Dx */ "...............2"  /* AESKEYGENASSIST */
    /* Ex */ "................"
    /* Fx */ "4...............";  /* HRESET (F3, ModRM C0) */

/* VEX maps 1-3 (SDM Vol. 2D Tables A-3..A-5, the "v" entries; AMD's FMA4 and VPERMIL2 in map 3):
 * the pp values (mandatory prefixes, same digits as above) that define an instruction. Every VEX
 * instruction has a ModRM byte except VZEROUPPER/VZEROALL (map 1, 77); map 3 has an ib throughout,
 * map 1 at 70-73 and C2-C6. */
static const char xvcpu__x86_vex1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "FFF33373........"
    /* 2x */ "........33C3CC33"
    /* 3x */ "................"
    /* 4x */ ".33.3333..33...."  /* mask-register logic (AVX-512 k-ops) */
    /* 5x */ "3F553333FFF7FFFF"
    /* 6x */ "2222222222222226"
    /* 7x */ "E2222221....AA66"
    /* 8x */ "................"
    /* 9x */ "33BB....33......"  /* KMOV, KORTEST, KTEST */
    /* Ax */ "..............1."  /* VLDMXCSR/VSTMXCSR */
    /* Bx */ "................"
    /* Cx */ "..F.223........."
    /* Dx */ "A222222222222222"
    /* Ex */ "222222E222222222"
    /* Fx */ "822222222222222.";
static const char xvcpu__x86_vex2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "2222222222222222"
    /* 1x */ "...2..22222.222."
    /* 2x */ "222222..22222222"
    /* 3x */ "2222222222222222"
    /* 4x */ "22...222.B.E...."  /* VPSRLV/VPSRAV/VPSLLV, AMX tile config/load/store */
    /* 5x */ "2222....222.4.F."  /* AVX-VNNI, broadcasts, AMX dot products */
    /* 6x */ "................"
    /* 7x */ "........22......"
    /* 8x */ "............2.2."
    /* 9x */ "2222..2222222222"  /* gathers, FMA */
    /* Ax */ "......2222222222"
    /* Bx */ "....222222222222"
    /* Cx */ "...............2"
    /* Dx */ "...........22222"
    /* Ex */ "................"
    /* Fx */ "..11.D8F........"; /* BMI1/BMI2: ANDN, group 17, BZHI/PEXT/PDEP, MULX, BEXTR/SHLX/SARX/SHRX */
static const char xvcpu__x86_vex3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "222.222.22222222"
    /* 1x */ "....222222...2.."
    /* 2x */ "222............."
    /* 3x */ "2222....22......"
    /* 4x */ "222.2.2.22222..."
    /* 5x */ "............2222"  /* FMA4 (AMD) */
    /* 6x */ "2222....22222222"
    /* 7x */ "........22222222"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..............22"
    /* Dx */ "...............2"
    /* Ex */ "................"
    /* Fx */ "8...............";  /* RORX */

/* The pp values for which VEX.vvvv is unused and must be 1111b, else #UD (two-operand forms; the
 * instruction pages say "VEX.vvvv is reserved and must be 1111b"). VMOVSS/VMOVSD (F3/F2 10/11)
 * need it only in their memory forms, checked in code. */
static const char xvcpu__x86_vex1_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "33C3..43........"  /* VMOVUPS/UPD, VMOVSLDUP/DDUP, VMOVLPS/PD store, VMOVSHDUP, VMOVHPS/PD store */
    /* 2x */ "........33.3CC33"  /* VMOVAPS/PD, VMOVNTPS/PD, VCVT(T)SS/SD2SI, V(U)COMISS/SD */
    /* 3x */ "................"
    /* 4x */ "....3..........."  /* KNOT */
    /* 5x */ "3311......37...."  /* VMOVMSK, VSQRTPS/PD, VRSQRTPS, VRCPPS, VCVTPS2PD/PD2PS, VCVTDQ2PS... */
    /* 6x */ "..............26"  /* VMOVD/Q, VMOVDQA/DQU */
    /* 7x */ "E......1......66"  /* VPSHUFD/HW/LW, VZEROUPPER/VZEROALL, VMOVD/Q, VMOVDQA/DQU */
    /* 8x */ "................"
    /* 9x */ "33BB....33......"  /* KMOV, KORTEST, KTEST */
    /* Ax */ "..............1."  /* VLDMXCSR/VSTMXCSR */
    /* Bx */ "................"
    /* Cx */ ".....2.........."  /* VPEXTRW */
    /* Dx */ "......22........"  /* VMOVQ, VPMOVMSKB */
    /* Ex */ "......E2........"  /* VCVT(T)PD2DQ/DQ2PD, VMOVNTDQ */
    /* Fx */ "8......2........"; /* VLDDQU, VMASKMOVDQU */
static const char xvcpu__x86_vex2_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "..............22"  /* VTESTPS/PD */
    /* 1x */ "...2...2222.222."  /* VCVTPH2PS, VPTEST, VBROADCASTSS/SD/F128, VPABS */
    /* 2x */ "222222....2....."  /* VPMOVSX, VMOVNTDQA */
    /* 3x */ "222222.........."  /* VPMOVZX */
    /* 4x */ ".2.......B.E...."  /* VPHMINPOSUW, AMX tile config/load/store */
    /* 5x */ "........222....."  /* VPBROADCASTD/Q, VBROADCASTI128 */
    /* 6x */ "................"
    /* 7x */ "........22......"  /* VPBROADCASTB/W */
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "...........2...."  /* VAESIMC */
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_vex3_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "22..22..22......"  /* VPERMQ/PD, VPERMILPS/PD ib, VROUNDPS/PD */
    /* 1x */ "....2222.2...2.."  /* VPEXTR, VEXTRACTPS, VEXTRACTF128, VCVTPS2PH */
    /* 2x */ "................"
    /* 3x */ "2222.....2......"  /* KSHIFTR/L, VEXTRACTI128 */
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "2222............"  /* VPCMPESTRM/I, VPCMPISTRM/I */
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "...............2"  /* VAESKEYGENASSIST */
    /* Ex */ "................"
    /* Fx */ "8...............";  /* RORX */

/* VEX.L rules: 1 = VEX.128/LZ only (L=1 is #UD), 2 = VEX.256/L1 only; 0 = either (or LIG). */
static unsigned xvcpu__x86_vex_l(unsigned map, unsigned op, unsigned pp)
{
    switch (map * 256 + op) {
    case 0x112: case 0x116:                               /* VMOVLPS/PD, VMOVHPS/PD, VMOVHLPS/LHPS; not F3/F2 */
        return pp <= 1 ? 1 : 0;
    case 0x113: case 0x117: case 0x16E: case 0x17E: case 0x1C4: case 0x1C5: case 0x1D6: case 0x1F7:
    case 0x1AE: case 0x144: case 0x190: case 0x191: case 0x192: case 0x193: case 0x198: case 0x199:
    case 0x241: case 0x249: case 0x24B: case 0x25C: case 0x25E: case 0x2DB: case 0x2F2: case 0x2F3:
    case 0x2F5: case 0x2F6: case 0x2F7:
    case 0x314: case 0x315: case 0x316: case 0x317: case 0x320: case 0x321: case 0x322: case 0x330: case 0x341:
    case 0x331: case 0x332: case 0x333: case 0x360: case 0x361: case 0x362: case 0x363: case 0x3DF:
    case 0x3F0:
        return 1;
    case 0x141: case 0x142: case 0x145: case 0x146: case 0x147: case 0x14A: case 0x14B: /* k-register logic */
    case 0x216: case 0x219: case 0x21A: case 0x236: case 0x25A:  /* VPERMPS, VBROADCASTSD/F128, VPERMD, VBROADCASTI128 */
    case 0x300: case 0x301: case 0x306: case 0x318: case 0x319: case 0x338: case 0x339: case 0x346:
        return 2;
    default:
        return 0;
    }
}

/* Per-instruction VEX rules the tables above do not hold (SDM Vol. 2 instruction pages): memory- or
 * register-only forms, VEX.W0/W1-only instructions, ModRM.reg groups, 64-bit-only AMX, and the
 * ModRM.reg / VEX.vvvv fields that name one of only 8 mask (k0-k7) or tile (tmm0-7) registers,
 * where VEX.R and vvvv[3] must be clear. `ext` holds R, B, vvvv[3] as bits 2-0. */
static bool xvcpu__x86_vex_rules(unsigned map, unsigned op, unsigned pp, unsigned w, uint8_t modrm, unsigned mode,
                                 unsigned ext)
{
    unsigned reg = (modrm >> 3) & 7;
    bool mem = (modrm >> 6) != 3;
    switch (map * 256 + op) {
    case 0x141: case 0x142: case 0x145: case 0x146: case 0x147: case 0x14A: /* KAND ... KADD k, k, k */
        return !mem && (ext & 5) == 0;
    case 0x14B: return !mem && (ext & 5) == 0 && (pp == 0 || w == 0); /* KUNPCKBW is W0 */
    case 0x144: case 0x198: case 0x199: return !mem && (ext & 4) == 0; /* KNOT, KORTEST, KTEST k, k */
    case 0x190: return (ext & 4) == 0;                             /* KMOV k, k/m */
    case 0x191: return mem && (ext & 4) == 0;                      /* KMOV m, k */
    case 0x192: return !mem && (ext & 4) == 0 && (pp == 3 || w == 0); /* KMOV k, r32 */
    case 0x193: return !mem && (pp == 3 || w == 0);                /* KMOV r32, k */
    case 0x330: case 0x331: case 0x332: case 0x333: return !mem && (ext & 4) == 0; /* KSHIFTR/L */
    case 0x25C: case 0x25E: return mode == 8 && !w && !mem && ext == 0; /* TDPBF16PS, TDPB*D */
    /* map 1 */
    case 0x112: case 0x116: return pp != 1 || mem;       /* VMOVLPD/VMOVHPD need memory */
    case 0x113: case 0x117: case 0x12B: case 0x1E7: case 0x1F0:
        return mem;                                      /* stores, VMOVNT*, VLDDQU, KMOV m, k */
    case 0x150: case 0x1C5: case 0x1D7: case 0x1F7:
        return !mem;                                     /* VMOVMSK, VPEXTRW, VPMOVMSKB, VMASKMOVDQU */
    case 0x171: case 0x172: return !mem && (reg == 2 || reg == 4 || reg == 6);
    case 0x173: return !mem && (reg == 2 || reg == 3 || reg == 6 || reg == 7);
    case 0x1AE: return mem && (reg == 2 || reg == 3);    /* VLDMXCSR, VSTMXCSR */
    /* map 2 */
    case 0x20C: case 0x20D: case 0x20E: case 0x20F: case 0x213: case 0x216: case 0x218: case 0x219:
    case 0x236: case 0x246: case 0x250: case 0x251: case 0x252: case 0x253: case 0x258: case 0x259:
    case 0x278: case 0x279: case 0x2CF:
        return w == 0;
    case 0x21A: case 0x25A: case 0x22C: case 0x22D: case 0x22E: case 0x22F:
        return w == 0 && mem;                            /* VBROADCASTF128/I128, VMASKMOVPS/PD */
    case 0x22A: case 0x28C: case 0x28E: return mem;      /* VMOVNTDQA, VPMASKMOVD/Q */
    case 0x2B4: case 0x2B5: return w == 1;               /* VPMADD52LUQ/HUQ */
    case 0x2F3: return reg >= 1 && reg <= 3;             /* BLSR, BLSMSK, BLSI */
    case 0x249:                                          /* LDTILECFG, STTILECFG, TILERELEASE, TILEZERO */
        if (mode != 8 || w)
            return false;
        if (pp == 0)
            return mem ? reg == 0 : modrm == 0xC0;
        if (pp == 1)
            return mem && reg == 0;
        return !mem && (modrm & 7) == 0 && (ext & 4) == 0;
    case 0x24B: return mode == 8 && !w && mem && (modrm & 7) == 4 && (ext & 4) == 0; /* TILELOADD, TILESTORED */
    /* map 3 */
    case 0x300: case 0x301: case 0x3CE: case 0x3CF: return w == 1; /* VPERMQ, VPERMPD, VGF2P8AFFINE(INV)QB */
    case 0x302: case 0x304: case 0x305: case 0x306: case 0x318: case 0x319: case 0x31D: case 0x338:
    case 0x339: case 0x346: case 0x34A: case 0x34B: case 0x34C:
        return w == 0;
    default: return true;
    }
}

/* EVEX maps 1, 2, 3, 5 and 6 (SDM Vol. 2D appendix A, the "e" entries; maps 5 and 6 are
 * AVX512-FP16). Every EVEX instruction has a ModRM byte; map 3 has an ib throughout, map 1 at
 * 70-73 and C2-C6. */
static const char xvcpu__x86_evex1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "FFF33373........"
    /* 2x */ "........33C3CC33"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ ".F..3333FFF7FFFF"
    /* 6x */ "222222222222222E"
    /* 7x */ "E222222.FFEE..6E"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..F.223........."
    /* Dx */ ".222222.22222222"
    /* Ex */ "222222E222222222"
    /* Fx */ ".222222.2222222.";
static const char xvcpu__x86_evex2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "2...2......222.."
    /* 1x */ "6666662.22222222"
    /* 2x */ "66666666666222.."
    /* 3x */ "6666662266622222"
    /* 4x */ "2.222222....2222"
    /* 5x */ "22EA22..2222...."
    /* 6x */ "..22222.8......."
    /* 7x */ "22E2.22222222222"
    /* 8x */ "...2....2222.2.2"
    /* 9x */ "2222..2222AA2222"
    /* Ax */ "2222..2222AA2222"
    /* Bx */ "....222222222222"
    /* Cx */ "....2.222.2222.2"
    /* Dx */ "............2222"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "22.222..3232...2"
    /* 1x */ "....22222222.222"
    /* 2x */ "2222.233........"
    /* 3x */ "........2222..22"
    /* 4x */ "..222..........."
    /* 5x */ "22..2233........"
    /* 6x */ "......33........"
    /* 7x */ "2222............"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..5...........22"
    /* Dx */ "................"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex5[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "44...........3.."
    /* 2x */ "..........4.4411"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ ".5......55F75555"
    /* 6x */ "..............2."
    /* 7x */ "........77E63F2."
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "................"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex6[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "...3............"
    /* 2x */ "............22.."
    /* 3x */ "................"
    /* 4x */ "..22........2222"
    /* 5x */ "......CC........"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "......2222222222"
    /* Ax */ "......2222222222"
    /* Bx */ "......2222222222"
    /* Cx */ "................"
    /* Dx */ "......CC........"
    /* Ex */ "................"
    /* Fx */ "................";

/* XOP maps 8, 9 and 10 (AMD APM Vol. 3 Table A-27..A-29; vol. 6 for the instructions): '1' =
 * defined. Map 8 has an ib, map 10 an id; XOP.pp must be 00. */
static const char xvcpu__x86_xop8[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "................"
    /* 2x */ "................"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ ".....111......11"  /* VPMACSSWW/WD/DQL, VPMACSSDD/DQH */
    /* 9x */ ".....111......11"  /* VPMACSWW/WD/DQL, VPMACSDD/DQH */
    /* Ax */ "..11..1........."  /* VPCMOV, VPPERM, VPMADCSSWD */
    /* Bx */ "......1........."  /* VPMADCSWD */
    /* Cx */ "1111........1111"  /* VPROTB/W/D/Q ib, VPCOMB/W/D/Q */
    /* Dx */ "................"
    /* Ex */ "............1111"  /* VPCOMUB/UW/UD/UQ */
    /* Fx */ "................";
static const char xvcpu__x86_xop9[257] =
    /*        0123456789ABCDEF */
    /* 0x */ ".xx............."  /* TBM groups 1 and 2 */
    /* 1x */ "..x............."  /* LLWPCB, SLWPCB */
    /* 2x */ "................"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "1111............"  /* VFRCZPS/PD/SS/SD */
    /* 9x */ "111111111111...."  /* VPROT, VPSHL, VPSHA */
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ ".111..11...1...."  /* VPHADDBW/BD/BQ/WD/WQ/DQ */
    /* Dx */ ".111..11...1...."  /* VPHADDUBW/UBD/UBQ/UWD/UWQ/UDQ */
    /* Ex */ ".111............"  /* VPHSUBBW/WD/DQ */
    /* Fx */ "................";

/* The digit of a prefix-mask table: its bits, 0 for '.'. */
static unsigned xvcpu__x86_digit(char c)
{
    return c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 0u;
}

/* x87 escapes D8-DF (SDM Vol. 2D A.4): register forms C0-FF, bit n = ModRM C0+n is defined. The
 * undocumented aliases that CPUs execute (FSTP1 D9 D8+i, FCOM2 DC D0+i, FCOMP3 DC D8+i, FXCH4
 * DD C8+i, FCOMP5 DE D0+i, FFREEP DF C0+i, FXCH7 DF C8+i, FSTP8/9 DF D0+i) and the 8087/287
 * leftovers FENI/FDISI/FSETPM (DB E0/E1/E4, executed as FNOP) count as defined. */
static const uint64_t xvcpu__x87_reg[8] = {
    0xFFFFFFFFFFFFFFFFull, /* D8 */
    0xFFFF7F33FF01FFFFull, /* D9: not D1-D7, E2, E3, E6, E7, EF */
    0x00000200FFFFFFFFull, /* DA: FCMOVcc, FUCOMPP */
    0x00FFFF1FFFFFFFFFull, /* DB: not E5-E7, F8-FF */
    0xFFFFFFFFFFFFFFFFull, /* DC */
    0x0000FFFFFFFFFFFFull, /* DD: not F0-FF */
    0xFFFFFFFF02FFFFFFull, /* DE: not D8, DA-DF */
    0x00FFFF01FFFFFFFFull  /* DF: not E1-E7, F8-FF */
};
/* Memory forms: bit r = /r is defined. */
static const uint8_t xvcpu__x87_mem[8] = { 0xFF, 0xFD, 0xFF, 0xAF, 0xFF, 0xDF, 0xFF, 0xFF };

/* Group 7 (0F 01) register forms, indexed by ModRM bits 5-0 (reg, rm); mandatory-prefix digits as
 * above. SDM Vol. 2D Table A-6 and the instruction pages (NP = no 66/F2/F3); AMD APM Vol. 3 for SVM
 * (D8-DF), MONITORX/MWAITX, CLZERO, RDPRU, MCOMMIT, INVLPGB/TLBSYNC and the SEV-SNP instructions;
 * Intel TDX for TDCALL/SEAMRET/SEAMOPS/SEAMCALL (66 CC-CF). */
static const char xvcpu__x86_grp7[65] =
    /* C0 */ "1111111."   /* ENCLV VMCALL VMLAUNCH VMRESUME VMXOFF PCONFIG WRMSRNS */
    /* C8 */ "11112223"   /* MONITOR MWAIT CLAC STAC TDCALL SEAMRET SEAMOPS ENCLS/SEAMCALL */
    /* D0 */ "11..1111"   /* XGETBV XSETBV VMFUNC XEND XTEST ENCLU */
    /* D8 */ "FFFFFFFF"   /* VMRUN VMMCALL(/VMGEXIT) VMLOAD VMSAVE STGI CLGI SKINIT INVLPGA */
    /* E0 */ "FFFFFFFF"   /* SMSW */
    /* E8 */ "D84.4455"   /* SERIALIZE/SETSSBSY/XSUSLDTRK XRESLDTRK SAVEPREVSSP UIRET TESTUI RDPKRU/CLUI WRPKRU/STUI */
    /* F0 */ "FFFFFFFF"   /* LMSW */
    /* F8 */ "FF51FFDD";  /* SWAPGS RDTSCP MONITORX/MCOMMIT MWAITX CLZERO RDPRU INVLPGB/RMPADJUST/RMPUPDATE TLBSYNC/PSMASH/PVALIDATE */

/* Group 7 register forms valid in 64-bit mode only: SWAPGS; the user-interrupt instructions
 * (F3 EC-EF); RMPADJUST, RMPUPDATE, PSMASH (F3/F2 FE, F3 FF); SEAMRET, SEAMOPS, SEAMCALL (66 CD-CF). */
static bool xvcpu__x86_grp7_o64(uint8_t modrm, unsigned mp)
{
    switch (modrm) {
    case 0xF8: return true;
    case 0xEC: case 0xED: return mp == 2;
    case 0xEE: case 0xEF: return mp == 2;
    case 0xFE: return mp >= 2;
    case 0xFF: return mp == 2;
    case 0xCD: case 0xCE: return mp == 1;
    case 0xCF: return mp == 1;
    default: return false;
    }
}

/* 3DNow! (0F 0F /r ib): the ib selects the instruction (AMD APM Vol. 3 Table A-16). */
static bool xvcpu__x86_3dnow_ok(uint8_t suffix)
{
    switch (suffix) {
    case 0x0C: case 0x0D: case 0x1C: case 0x1D:             /* PI2FW PI2FD PF2IW PF2ID */
    case 0x8A: case 0x8E:                                   /* PFNACC PFPNACC */
    case 0x90: case 0x94: case 0x96: case 0x97:             /* PFCMPGE PFMIN PFRCP PFRSQRT */
    case 0x9A: case 0x9E:                                   /* PFSUB PFADD */
    case 0xA0: case 0xA4: case 0xA6: case 0xA7:             /* PFCMPGT PFMAX PFRCPIT1 PFRSQIT1 */
    case 0xAA: case 0xAE:                                   /* PFSUBR PFACC */
    case 0xB0: case 0xB4: case 0xB6: case 0xB7:             /* PFCMPEQ PFMUL PFRCPIT2 PMULHRW */
    case 0xBB: case 0xBF:                                   /* PSWAPD PAVGUSB */
        return true;
    default:
        return false;
    }
}

/* The decoder's working state. */
typedef struct xvcpu__x86_dec {
    const uint8_t *code;
    unsigned avail;      /* bytes readable at code */
    unsigned pos;        /* bytes consumed */
    unsigned mode;       /* 2, 4, 8 */
    unsigned osz, asz;   /* effective operand and address size in bytes */
    unsigned mp;         /* mandatory prefix: 0 none, 1 66, 2 F3, 3 F2 */
    uint8_t rex;         /* REX in effect, 0 none */
    uint8_t seg;         /* segment override 0-5, 0xFF none */
    uint8_t rep;         /* last F2/F3 */
    bool p66, p67, lock;
    uint8_t rxb;         /* REX/VEX R, X, B as bits 2, 1, 0 */
    bool vsib;           /* the SIB index is a vector register (gathers, scatters) */
} xvcpu__x86_dec;

/* The next `n` bytes are needed: INVALID past the 15-byte limit, TRUNCATED past the input. */
static xvcpu_x86_decode_status xvcpu__x86_need(const xvcpu__x86_dec *d, unsigned n)
{
    if (d->pos + n > XVCPU__X86_MAX_LEN)
        return XVCPU_X86_DECODE_INVALID;
    if (d->pos + n > d->avail)
        return XVCPU_X86_DECODE_TRUNCATED;
    return XVCPU_X86_DECODE_OK;
}

/* Little-endian value of `n` bytes at the current position (already checked), consumed. */
static uint64_t xvcpu__x86_take(xvcpu__x86_dec *d, unsigned n)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)d->code[d->pos + i] << (8 * i);
    d->pos += n;
    return v;
}

/* The address fields of a ModRM memory operand (mod != 11b), consuming SIB and displacement.
 * SDM Vol. 2A 2.1.5 Tables 2-1..2-3 and 2.2.1.6 (RIP-relative). */
static xvcpu_x86_decode_status xvcpu__x86_mem(xvcpu__x86_dec *d, uint8_t modrm, xvcpu_x86_insn *out)
{
    /* [BX+SI] [BX+DI] [BP+SI] [BP+DI] [SI] [DI] [BP] [BX] */
    static const int8_t base16[8] = { 3, 3, 5, 5, 6, 7, 5, 3 };
    static const int8_t index16[8] = { 6, 7, 6, 7, -1, -1, -1, -1 };
    unsigned mod = modrm >> 6, rm = modrm & 7, dsize;
    xvcpu_x86_decode_status st;
    int8_t base = -1, index = -1;
    uint8_t scale = 1;

    if (d->asz == 2) {
        if (mod == 0 && rm == 6) {
            dsize = 2;
        } else {
            base = base16[rm];
            index = index16[rm];
            dsize = mod == 1 ? 1 : mod == 2 ? 2 : 0;
        }
    } else {
        dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
        if (rm == 4) {
            uint8_t sib, idx;
            if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
                return st;
            sib = d->code[d->pos++];
            scale = (uint8_t)(1u << (sib >> 6));
            idx = (uint8_t)(((sib >> 3) & 7) | ((d->rxb & 2) << 2));
            index = (d->vsib || idx != 4) ? (int8_t)idx : -1;
            if ((sib & 7) == 5 && mod == 0)
                dsize = 4; /* no base: disp32 */
            else
                base = (int8_t)((sib & 7) | ((d->rxb & 1) << 3));
        } else if (mod == 0 && rm == 5) {
            dsize = 4;
            out->rip_relative = d->mode == 8;
        } else {
            base = (int8_t)(rm | ((d->rxb & 1) << 3));
        }
    }
    if ((st = xvcpu__x86_need(d, dsize)) != XVCPU_X86_DECODE_OK)
        return st;
    if (dsize == 1)
        out->disp = (int8_t)xvcpu__x86_take(d, 1);
    else if (dsize == 2)
        out->disp = (int16_t)xvcpu__x86_take(d, 2);
    else if (dsize == 4)
        out->disp = (int32_t)xvcpu__x86_take(d, 4);
    out->has_mem = true;
    out->base = base;
    out->index = index;
    out->scale = index >= 0 ? scale : 1;
    /* SS for rSP/rBP bases (not r12/r13), else DS; an override wins except CS/DS/ES/SS in 64-bit mode
     * (SDM Vol. 1 3.7.4.1 and 3.3.7.1). */
    out->seg = (base == 4 || base == 5) ? 2 : 3;
    if (d->seg != 0xFF)
        out->seg = d->seg;
    return XVCPU_X86_DECODE_OK;
}

/* Group rules that the tables cannot say (opcodes marked x, X, Y, c). Returns false for #UD;
 * sets *imm for the groups whose immediate depends on ModRM or the prefix. */
static bool xvcpu__x86_check(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm, unsigned *imm)
{
    unsigned reg = (modrm >> 3) & 7;
    bool mem = (modrm >> 6) != 3;

    if (map == 0) {
        switch (op) {
        case 0x8C: return reg <= 5;                          /* MOV r/m, Sreg: ES..GS */
        case 0x8E: return reg <= 5 && reg != 1;              /* MOV Sreg, r/m: not CS */
        case 0x8F: return reg == 0;                          /* POP r/m (the rest is XOP) */
        case 0xC6: return reg == 0 || modrm == 0xF8;         /* MOV r/m8, ib; XABORT ib */
        case 0xC7: return reg == 0 || modrm == 0xF8;         /* MOV r/m, iz; XBEGIN rel */
        case 0xF6:                                           /* TEST ib for /0 and /1 */
            *imm = reg < 2 ? XVCPU__IMM_B : XVCPU__IMM_NONE;
            return true;
        case 0xF7:
            *imm = reg < 2 ? XVCPU__IMM_Z : XVCPU__IMM_NONE;
            return true;
        case 0xFE: return reg < 2;                           /* INC/DEC r/m8 */
        case 0xFF: return reg != 7 && (mem || (reg != 3 && reg != 5)); /* CALLF/JMPF need memory */
        default:                                             /* D8-DF: x87 */
            if (op >= 0xD8)
                return mem ? ((xvcpu__x87_mem[op - 0xD8] >> reg) & 1) != 0
                           : ((xvcpu__x87_reg[op - 0xD8] >> (modrm & 0x3F)) & 1) != 0;
            return true;
        }
    }
    if (map == 1) {
        switch (op) {
        case 0x00: return reg <= 5;                          /* SLDT STR LLDT LTR VERR VERW */
        case 0x01:                                           /* group 7 */
            if (mem)
                return reg != 5 || d->mp == 2;               /* /5: RSTORSSP (F3) */
            if (d->mode != 8 && xvcpu__x86_grp7_o64(modrm, d->mp))
                return false;
            return ((xvcpu__x86_digit(xvcpu__x86_grp7[modrm & 0x3F]) >> d->mp) & 1) != 0;
        case 0x12: case 0x16: return mem || d->mp != 1;      /* MOVLPD/MOVHPD need memory */
        case 0x20: case 0x22: {                              /* CR0, CR2-CR4, CR8 */
            unsigned cr = reg | ((d->rxb & 4u) << 1);
            return cr == 0 || cr == 2 || cr == 3 || cr == 4 || cr == 8;
        }
        case 0x21: case 0x23: return (d->rxb & 4) == 0;      /* DR0-DR7; REX.R is #UD */
        case 0xA6:                                           /* VIA PadLock: REP MONTMUL, XSHA1, XSHA256 */
            return d->mp == 2 && (modrm == 0xC0 || modrm == 0xC8 || modrm == 0xD0);
        case 0xA7:                                           /* XSTORE; REP XCRYPTECB/CBC/CTR/CFB/OFB */
            return (modrm == 0xC0 && d->mp != 3) || (d->mp == 2 && (modrm == 0xC8 || modrm == 0xD0 || modrm == 0xD8 ||
                                                    modrm == 0xE0 || modrm == 0xE8));
        case 0x71: case 0x72:                                /* PSRL/PSRA/PSLL ib */
            return !mem && (reg == 2 || reg == 4 || reg == 6);
        case 0x73:                                           /* PSRLQ, PSRLDQ (66), PSLLQ, PSLLDQ (66) */
            return !mem && (reg == 2 || reg == 6 || ((reg == 3 || reg == 7) && d->mp == 1));
        case 0x78:                                           /* VMREAD; EXTRQ ib,ib; INSERTQ ib,ib */
            if (d->mp == 0)
                return true;
            *imm = XVCPU__IMM_BB;
            return !mem && (d->mp == 3 || reg == 0);
        case 0x79: return d->mp == 0 || !mem;                /* VMWRITE; EXTRQ, INSERTQ xmm, xmm */
        case 0xAE:                                           /* group 15 */
            if (mem) {
                switch (d->mp) {
                case 0: return true;                         /* FXSAVE ... XSAVEOPT, CLFLUSH */
                case 1: return reg >= 6;                     /* CLWB, CLFLUSHOPT */
                case 2: return reg == 4 || reg == 6;         /* PTWRITE, CLRSSBSY */
                default: return false;
                }
            }
            switch (d->mp) {
            case 0: return reg >= 5;                         /* LFENCE MFENCE SFENCE */
            case 1: return reg == 6;                         /* TPAUSE */
            case 2: return reg < 4 ? d->mode == 8 : reg != 7; /* RD/WR FS/GS BASE, PTWRITE, INCSSP, UMONITOR */
            default: return reg == 6;                        /* UMWAIT */
            }
        case 0xBA: return reg >= 4;                          /* BT BTS BTR BTC ib */
        case 0xC7:                                           /* group 9 */
            if (mem) {
                switch (reg) {
                case 1: return true;                         /* CMPXCHG8B/16B */
                case 3: case 4: case 5: case 7: return d->mp == 0; /* XRSTORS XSAVEC XSAVES VMPTRST */
                case 6: return d->mp != 3;                   /* VMPTRLD, VMCLEAR (66), VMXON (F3) */
                default: return false;
                }
            }
            if (reg == 6)                                    /* RDRAND; SENDUIPI (F3, 64-bit) */
                return d->mp <= 1 || (d->mp == 2 && d->mode == 8);
            if (reg == 7)
                return d->mp <= 2;                           /* RDSEED, RDPID (F3) */
            return false;
        case 0xD6: return d->mp == 1 || !mem;                /* MOVQ; MOVQ2DQ/MOVDQ2Q register only */
        default: return true;
        }
    }
    if (map == 3)
        return modrm == 0xC0;                                /* HRESET ib (F3 0F 3A F0 C0) */
    if (map == 2) {
        switch (op) {
        case 0xD8: return d->mp == 2 && mem && reg <= 3;     /* AES{ENC,DEC}WIDE{128,256}KL */
        case 0xDC: return true;                              /* AESENC; AESENC128KL or LOADIWKEY */
        case 0xDD: case 0xDE: case 0xDF: return d->mp == 1 || mem; /* AES; Key Locker needs memory */
        case 0xF0: case 0xF1: return d->mp == 3 || mem;      /* CRC32; MOVBE needs memory */
        case 0xF6: return d->mp != 0 || mem;                 /* ADCX/ADOX; WRSS needs memory */
        default: return true;
        }
    }
    return true;
}

/* LOCK is allowed only on these with a memory destination (SDM Vol. 2A "LOCK"), and on AMD's CR8
 * alias. */
static bool xvcpu__x86_lock_ok(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm, uint16_t cls)
{
    unsigned reg = (modrm >> 3) & 7;
    /* AMD: LOCK MOV CR0 is MOV CR8 (CPUID Fn8000_0001_ECX[AltMovCr8], AMD APM Vol. 3 "MOV (CRn)") */
    if (map == 1 && (op == 0x20 || op == 0x22))
        return reg == 0 && (d->rxb & 4) == 0;
    if ((modrm >> 6) == 3)
        return false;
    if (cls & XVCPU__XF_LOCK)
        return true;
    if (map == 0) {
        switch (op) {
        case 0x80: case 0x81: case 0x82: case 0x83: return reg != 7; /* not CMP */
        case 0xF6: case 0xF7: return reg == 2 || reg == 3;          /* NOT NEG */
        case 0xFE: case 0xFF: return reg < 2;                       /* INC DEC */
        default: return false;
        }
    }
    if (map == 1) {
        if (op == 0xBA)
            return reg >= 5;                                        /* BTS BTR BTC ib */
        if (op == 0xC7)
            return reg == 1;                                        /* CMPXCHG8B/16B */
    }
    return false;
}

/* Bytes of an immediate of kind `kind`. */
static unsigned xvcpu__x86_imm_size(const xvcpu__x86_dec *d, unsigned kind)
{
    switch (kind) {
    case XVCPU__IMM_B: return 1;
    case XVCPU__IMM_W: return 2;
    case XVCPU__IMM_Z: return d->osz == 2 ? 2 : 4;
    case XVCPU__IMM_V: return d->osz;
    case XVCPU__IMM_WB: return 3;
    case XVCPU__IMM_MOFFS: return d->asz;
    case XVCPU__IMM_FAR: return d->osz == 2 ? 4 : 6;
    case XVCPU__IMM_JZ: return d->mode == 8 || d->osz != 2 ? 4 : 2;
    case XVCPU__IMM_BB: return 2;
    case XVCPU__IMM_D: return 4;
    default: return 0;
    }
}

/* `v` of `bytes` bytes, sign-extended to `to` bytes (1-8) and masked to them. */
static uint64_t xvcpu__x86_sext(uint64_t v, unsigned bytes, unsigned to)
{
    unsigned shift = 64 - 8 * bytes;
    uint64_t s = (uint64_t)((int64_t)(v << shift) >> shift);
    return to >= 8 ? s : s & ((1ull << (8 * to)) - 1);
}

/* The register operand named by ModRM.reg (with REX.R) at operand size `bytes`: without any REX
 * the byte registers 4-7 are AH, CH, DH, BH (SDM Vol. 2A 3.7.2.1 Table 3-2). */
static int8_t xvcpu__x86_gpr(const xvcpu__x86_dec *d, unsigned num, unsigned bytes)
{
    if (bytes == 1 && d->rex == 0 && num >= 4 && num <= 7)
        return (int8_t)(XVCPU_REG_AH + (num - 4));
    return (int8_t)num;
}

/* Fill the operands of an MMIO-set instruction of the legacy maps 0/1; UNSUPPORTED for anything
 * else or without a memory operand. `imm` is the raw immediate of `imm_bytes` bytes. */
static xvcpu_x86_decode_status xvcpu__x86_mmio(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm,
                                               uint64_t imm, unsigned imm_bytes, xvcpu_x86_insn *out)
{
    unsigned reg = ((modrm >> 3) & 7) | ((d->rxb & 4u) << 1);
    unsigned bytes = d->osz;
    bool rm_mem = out->has_mem;

    if (map == 0) {
        if (op < 0x40 && (op & 7) < 4) {
            /* ALU r/m, r (0, 1) and r, r/m (2, 3): ADD OR ADC SBB AND SUB XOR CMP */
            if (!rm_mem)
                return XVCPU_X86_DECODE_UNSUPPORTED;
            bytes = (op & 1) ? d->osz : 1;
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_ADD + (op >> 3));
            out->reg = xvcpu__x86_gpr(d, reg, bytes);
            out->mem_to_reg = (op & 2) != 0;
            out->mem_is_dest = !(op & 2) && out->op != XVCPU_X86_OP_CMP;
        } else {
            switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83:   /* group 1: ALU r/m, imm */
                if (!rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = op == 0x81 || op == 0x83 ? d->osz : 1;
                out->op = (xvcpu_x86_op)(XVCPU_X86_OP_ADD + ((modrm >> 3) & 7));
                out->mem_is_dest = out->op != XVCPU_X86_OP_CMP;
                break;
            case 0x84: case 0x85:                         /* TEST r/m, r */
            case 0x86: case 0x87:                         /* XCHG r/m, r */
            case 0x88: case 0x89: case 0x8A: case 0x8B:   /* MOV */
                if (!rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = (op & 1) ? d->osz : 1;
                out->reg = xvcpu__x86_gpr(d, reg, bytes);
                if (op <= 0x85) {
                    out->op = XVCPU_X86_OP_TEST;
                } else if (op <= 0x87) {
                    out->op = XVCPU_X86_OP_XCHG;
                    out->mem_is_dest = out->mem_to_reg = true;
                } else {
                    out->op = XVCPU_X86_OP_MOV;
                    out->mem_to_reg = op >= 0x8A;
                    out->mem_is_dest = op < 0x8A;
                }
                break;
            case 0x63:                                    /* MOVSXD r, r/m32 (64-bit mode) */
                if (d->mode != 8 || !rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                out->op = XVCPU_X86_OP_MOVSXD;
                out->reg = (int8_t)reg;
                out->mem_to_reg = true;
                out->op_bytes = (uint8_t)bytes;
                out->mem_bytes = (uint8_t)(bytes == 8 ? 4 : bytes);
                return XVCPU_X86_DECODE_OK;
            case 0xA0: case 0xA1: case 0xA2: case 0xA3:   /* MOV AL/rAX <-> moffs */
                bytes = (op & 1) ? d->osz : 1;
                out->op = XVCPU_X86_OP_MOV;
                out->reg = 0;
                out->mem_to_reg = op <= 0xA1;
                out->mem_is_dest = op >= 0xA2;
                break;
            case 0xA4: case 0xA5:                         /* MOVS: DS:rSI -> ES:rDI */
            case 0xAA: case 0xAB:                         /* STOS: AL/rAX -> ES:rDI */
                bytes = (op & 1) ? d->osz : 1;
                out->has_mem = true;
                out->index = -1;
                out->scale = 1;
                out->disp = 0;
                out->mem_is_dest = true;
                if (op <= 0xA5) {
                    out->op = XVCPU_X86_OP_MOVS;
                    out->base = 6;
                    out->seg = d->seg != 0xFF ? d->seg : 3;
                } else {
                    out->op = XVCPU_X86_OP_STOS;
                    out->base = 7;
                    out->seg = 0;                          /* ES, no override (SDM Vol. 2B "STOS") */
                    out->reg = 0;
                }
                break;
            case 0xC6: case 0xC7:                         /* MOV r/m, imm */
                if (!rm_mem || ((modrm >> 3) & 7) != 0)
                    return XVCPU_X86_DECODE_UNSUPPORTED;  /* XABORT/XBEGIN, or a register */
                bytes = op == 0xC7 ? d->osz : 1;
                out->op = XVCPU_X86_OP_MOV;
                out->mem_is_dest = true;
                break;
            case 0xF6: case 0xF7:                         /* TEST r/m, imm */
                if (!rm_mem || ((modrm >> 3) & 7) >= 2)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = op == 0xF7 ? d->osz : 1;
                out->op = XVCPU_X86_OP_TEST;
                break;
            default:
                return XVCPU_X86_DECODE_UNSUPPORTED;
            }
        }
    } else if (map == 1) {
        if (!rm_mem)
            return XVCPU_X86_DECODE_UNSUPPORTED;
        switch (op) {
        case 0xB6: case 0xB7: case 0xBE: case 0xBF:       /* MOVZX/MOVSX r, r/m8 or r/m16 */
            out->op = op < 0xB8 ? XVCPU_X86_OP_MOVZX : XVCPU_X86_OP_MOVSX;
            out->reg = (int8_t)reg;
            out->mem_to_reg = true;
            out->op_bytes = (uint8_t)d->osz;
            out->mem_bytes = (op & 1) ? 2 : 1;
            return XVCPU_X86_DECODE_OK;
        case 0xA3: case 0xAB: case 0xB3: case 0xBB:       /* BT BTS BTR BTC r/m, r */
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_BT + ((op >> 3) & 3));
            out->reg = (int8_t)reg;
            out->mem_is_dest = op != 0xA3;
            break;
        case 0xBA:                                        /* BT BTS BTR BTC r/m, ib */
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_BT + ((modrm >> 3) & 3));
            out->mem_is_dest = ((modrm >> 3) & 7) != 4;
            out->has_imm = out->imm_is_src = true;
            out->imm = imm & 0xFF;                        /* a bit offset: not sign-extended */
            out->op_bytes = out->mem_bytes = (uint8_t)d->osz;
            return XVCPU_X86_DECODE_OK;
        case 0x10: case 0x11: case 0x28: case 0x29:       /* MOVUPS/MOVUPD, MOVAPS/MOVAPD */
            if (d->mp > 1)
                return XVCPU_X86_DECODE_UNSUPPORTED;      /* MOVSS/MOVSD, CVT... */
            goto vmov;
        case 0x6F: case 0x7F:                             /* MOVDQA (66), MOVDQU (F3) */
            if (d->mp != 1 && d->mp != 2)
                return XVCPU_X86_DECODE_UNSUPPORTED;      /* MMX MOVQ */
        vmov:
            out->op = XVCPU_X86_OP_VMOV;
            out->reg = (int8_t)reg;
            out->mem_to_reg = op == 0x10 || op == 0x28 || op == 0x6F;
            out->mem_is_dest = !out->mem_to_reg;
            out->op_bytes = out->mem_bytes = 16;
            return XVCPU_X86_DECODE_OK;
        default:
            return XVCPU_X86_DECODE_UNSUPPORTED;
        }
    } else {
        return XVCPU_X86_DECODE_UNSUPPORTED;
    }
    out->op_bytes = out->mem_bytes = (uint8_t)bytes;
    if (imm_bytes) {
        out->has_imm = out->imm_is_src = true;
        out->imm = xvcpu__x86_sext(imm, imm_bytes, bytes);
    }
    return XVCPU_X86_DECODE_OK;
}

/* VEX (C4/C5), SDM Vol. 2A 2.3. d->pos is at the C4/C5 byte. */
static xvcpu_x86_decode_status xvcpu__x86_vex(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    static const char *const maps[4] = { NULL, xvcpu__x86_vex1, xvcpu__x86_vex2, xvcpu__x86_vex3 };
    static const char *const novvvv[4] = { NULL, xvcpu__x86_vex1_novvvv, xvcpu__x86_vex2_novvvv,
                                           xvcpu__x86_vex3_novvvv };
    xvcpu_x86_decode_status st;
    uint8_t b1, b2, op, modrm = 0;
    unsigned map, pp, vvvv, l, lrule, w;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;                  /* SDM Vol. 2A 2.3.2 */
    if (d->code[d->pos] == 0xC5) {
        if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
            return st;
        b1 = d->code[d->pos + 1];
        d->rxb = (uint8_t)((~b1 >> 5) & 4);
        b2 = b1;
        map = 1;
        w = 0;
        d->pos += 2;
    } else {
        if ((st = xvcpu__x86_need(d, 3)) != XVCPU_X86_DECODE_OK)
            return st;
        b1 = d->code[d->pos + 1];
        b2 = d->code[d->pos + 2];
        d->rxb = (uint8_t)((~b1 >> 5) & 7);
        map = b1 & 0x1F;
        if (map < 1 || map > 3)
            return XVCPU_X86_DECODE_INVALID;
        w = b2 >> 7;
        d->pos += 3;
    }
    vvvv = (~b2 >> 3) & 15;                              /* checked whole for "must be 1111b" */
    l = (b2 >> 2) & 1;
    pp = b2 & 3;
    if (d->mode != 8)
        d->rxb = 0;                                       /* R and X are 1 outside 64-bit mode, B is ignored */
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    op = d->code[d->pos++];
    out->encoding = XVCPU_X86_ENC_VEX;
    out->map = (uint8_t)map;
    out->opcode = op;
    if (((xvcpu__x86_digit(maps[map][op]) >> pp) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    if (vvvv != 0 && ((xvcpu__x86_digit(novvvv[map][op]) >> pp) & 1) != 0)
        return XVCPU_X86_DECODE_INVALID;
    lrule = xvcpu__x86_vex_l(map, op, pp);
    if ((lrule == 1 && l) || (lrule == 2 && !l))
        return XVCPU_X86_DECODE_INVALID;
    if (map == 1 && op == 0x77)
        return XVCPU_X86_DECODE_UNSUPPORTED;              /* VZEROUPPER/VZEROALL: no ModRM */
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    /* outside 64-bit mode vvvv[3] is ignored as a register number (only "must be 1111b" sees it) */
    if (!xvcpu__x86_vex_rules(map, op, pp, w, modrm, d->mode,
                              (d->rxb & 4u) | ((d->rxb & 1u) << 1) | (d->mode == 8 ? vvvv >> 3 : 0)))
        return XVCPU_X86_DECODE_INVALID;
    if (map == 2 && (op == 0x5C || op == 0x5E) &&
        (((modrm >> 3) & 7) == (modrm & 7) || ((modrm >> 3) & 7) == (vvvv & 7) || (modrm & 7) == (vvvv & 7)))
        return XVCPU_X86_DECODE_INVALID;                  /* TDP*: three different tiles (SDM Vol. 2B "TDPBSSD") */
    d->vsib = map == 2 && op >= 0x90 && op <= 0x93;
    if (d->vsib && ((modrm >> 6) == 3 || (modrm & 7) != 4 || d->asz == 2))
        return XVCPU_X86_DECODE_INVALID;                  /* gathers need a SIB byte (SDM Vol. 2A 2.3.12) */
    if (map == 1 && (op == 0x10 || op == 0x11) && pp >= 2 && (modrm >> 6) != 3 && vvvv != 0)
        return XVCPU_X86_DECODE_INVALID;                  /* VMOVSS/VMOVSD m: vvvv must be 1111b */
    if ((modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    if (d->vsib) {
        /* gathers: destination, mask (vvvv) and index must be three different registers (SDM Vol. 2B
         * "VPGATHERDD/VPGATHERQD" ...: #UD if any pair is the same) */
        unsigned dst = ((modrm >> 3) & 7) | ((d->rxb & 4u) << 1), mask = d->mode == 8 ? vvvv : vvvv & 7;
        if (dst == mask || dst == (unsigned)out->index || mask == (unsigned)out->index)
            return XVCPU_X86_DECODE_INVALID;
    }
    if (map == 3 || (map == 1 && ((op >= 0x70 && op <= 0x73) || (op >= 0xC2 && op <= 0xC6)))) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        d->pos++;
    }
    /* VMOVUPS/UPD/APS/APD (pp none/66) and VMOVDQA/DQU (66/F3); VEX.vvvv must be 1111b. */
    if (map == 1 && ((((op == 0x10 || op == 0x11 || op == 0x28 || op == 0x29) && pp <= 1)) ||
                     ((op == 0x6F || op == 0x7F) && (pp == 1 || pp == 2)))) {
        if (!out->has_mem)
            return XVCPU_X86_DECODE_UNSUPPORTED;
        out->op = XVCPU_X86_OP_VMOV;
        out->reg = (int8_t)(((modrm >> 3) & 7) | ((d->rxb & 4u) << 1));
        out->mem_to_reg = op == 0x10 || op == 0x28 || op == 0x6F;
        out->mem_is_dest = !out->mem_to_reg;
        out->op_bytes = out->mem_bytes = l ? 32 : 16;
        return XVCPU_X86_DECODE_OK;
    }
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* EVEX (62), SDM Vol. 2A 2.7. Length and opcode only: the memory operand is not reported (disp8 is
 * scaled by the instruction's tuple type). */
static xvcpu_x86_decode_status xvcpu__x86_evex(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    static const char *const maps[8] = { NULL, xvcpu__x86_evex1, xvcpu__x86_evex2, xvcpu__x86_evex3,
                                         NULL, xvcpu__x86_evex5, xvcpu__x86_evex6, NULL };
    xvcpu_x86_insn scratch;
    xvcpu_x86_decode_status st;
    uint8_t p0, p1, p2, op, modrm;
    unsigned map;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;                  /* SDM Vol. 2A 2.7.?: as VEX */
    if ((st = xvcpu__x86_need(d, 5)) != XVCPU_X86_DECODE_OK)
        return st;
    p0 = d->code[d->pos + 1];
    p1 = d->code[d->pos + 2];
    p2 = d->code[d->pos + 3];
    op = d->code[d->pos + 4];
    map = p0 & 7;
    if ((p0 & 0x08) || !(p1 & 0x04) || maps[map] == NULL)
        return XVCPU_X86_DECODE_INVALID;                  /* reserved bits, SDM Vol. 2A 2.7.1 Table 2-30 */
    d->rxb = d->mode == 8 ? (uint8_t)((~p0 >> 5) & 7) : 0;
    d->pos += 5;
    out->encoding = XVCPU_X86_ENC_EVEX;
    out->map = (uint8_t)map;
    out->opcode = op;
    if (((xvcpu__x86_digit(maps[map][op]) >> (p1 & 3)) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    /* EVEX.L'L = 11b is reserved except as rounding control (register form with EVEX.b). */
    if ((p2 & 0x60) == 0x60 && !((p2 & 0x10) && (modrm >> 6) == 3))
        return XVCPU_X86_DECODE_INVALID;
    d->vsib = (map == 2 && ((op >= 0x90 && op <= 0x93) || (op >= 0xA0 && op <= 0xA3) || op == 0xC6 || op == 0xC7));
    if ((modrm >> 6) != 3) {
        scratch.rip_relative = false;
        if ((st = xvcpu__x86_mem(d, modrm, &scratch)) != XVCPU_X86_DECODE_OK)
            return st;
    }
    if (map == 3 || (map == 1 && ((op >= 0x70 && op <= 0x73) || (op >= 0xC2 && op <= 0xC6)))) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        d->pos++;
    }
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* XOP (8F with a map of 8 or more), AMD APM Vol. 6 1.8. */
static xvcpu_x86_decode_status xvcpu__x86_xop(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    uint8_t b1, b2, op, modrm;
    unsigned map, reg;
    bool ok;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 4)) != XVCPU_X86_DECODE_OK)
        return st;
    b1 = d->code[d->pos + 1];
    b2 = d->code[d->pos + 2];
    op = d->code[d->pos + 3];
    map = b1 & 0x1F;
    d->rxb = d->mode == 8 ? (uint8_t)((~b1 >> 5) & 7) : 0;
    d->pos += 4;
    out->encoding = XVCPU_X86_ENC_XOP;
    out->map = (uint8_t)map;
    out->opcode = op;
    if ((b2 & 3) != 0 || map > 10)
        return XVCPU_X86_DECODE_INVALID;
    if (map == 8)
        ok = xvcpu__x86_xop8[op] == '1';
    else if (map == 9)
        ok = xvcpu__x86_xop9[op] != '.';
    else
        ok = op == 0x10 || op == 0x12;                    /* BEXTR id; LWPINS/LWPVAL id */
    /* XOP.L and XOP.W (AMD APM Vol. 6): 128-bit and W0 only, except VPCMOV (both free), VPPERM/VPROT/
     * VPSHL/VPSHA (W swaps the sources), VFRCZPS/PD (256-bit too) and the GPR instructions (TBM, LWP,
     * BEXTR: W is the operand size). */
    if ((b2 & 4) && !((map == 8 && op == 0xA2) || (map == 9 && (op == 0x80 || op == 0x81))))
        ok = false;
    if ((b2 & 0x80) && !((map == 8 && (op == 0xA2 || op == 0xA3)) || (map == 9 && (op <= 0x12 || (op >= 0x90 && op <= 0x9B))) ||
                         map == 10))
        ok = false;
    if (!ok)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    reg = (modrm >> 3) & 7;
    if (map == 9 && op == 0x01 && reg == 0)
        return XVCPU_X86_DECODE_INVALID;                  /* TBM group 1: BLCFILL..T1MSKC are /1-/7 */
    if (map == 9 && op == 0x02 && reg != 1 && reg != 6)
        return XVCPU_X86_DECODE_INVALID;                  /* BLCMSK /1, BLCI /6 */
    if (map == 9 && op == 0x12 && (reg > 1 || (modrm >> 6) != 3))
        return XVCPU_X86_DECODE_INVALID;                  /* LLWPCB, SLWPCB: register only */
    if (map == 10 && op == 0x12 && reg > 1)
        return XVCPU_X86_DECODE_INVALID;                  /* LWPINS, LWPVAL */
    if ((modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    map = map == 8 ? 1 : map == 10 ? 4 : 0;               /* immediate bytes */
    if ((st = xvcpu__x86_need(d, map)) != XVCPU_X86_DECODE_OK)
        return st;
    d->pos += map;
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* Bytes that are legacy prefixes (26 2E 36 3E 64-67 F0 F2 F3) or REX (40-4F), one bit each: most
 * instructions have none, and this keeps them off the switch below. */
static const uint32_t xvcpu__x86_prefix_bits[8] = {
    0x00000000u, 0x40404040u, 0x0000FFFFu, 0x000000F0u, 0, 0, 0, 0x000D0000u
};

/* Legacy prefixes and REX (SDM Vol. 2A 2.1.1, 2.2.1): leaves d->pos at the opcode. */
static xvcpu_x86_decode_status xvcpu__x86_prefixes(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    for (;;) {
        uint8_t b;
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        b = d->code[d->pos];
        if (((xvcpu__x86_prefix_bits[b >> 5] >> (b & 31)) & 1) == 0)
            b = 0;                                         /* not a prefix: the opcode */
        switch (b) {
        case 0x26: case 0x2E: case 0x36: case 0x3E:      /* ES CS SS DS: ignored in 64-bit mode */
            if (d->mode != 8)
                d->seg = (uint8_t)((b >> 3) & 3);
            break;
        case 0x64: case 0x65: d->seg = (uint8_t)(b - 0x60); break; /* FS GS */
        case 0x66: d->p66 = true; break;
        case 0x67: d->p67 = true; break;
        case 0xF0: d->lock = true; break;
        case 0xF2: case 0xF3: d->rep = b; break;
        case 0:
            out->rex = d->rex;
            d->rxb = (uint8_t)(d->rex & 7);
            return XVCPU_X86_DECODE_OK;
        default:                                           /* 40-4F */
            if (d->mode == 8) {
                d->rex = b;                                /* effective only right before the opcode */
                d->pos++;
                continue;
            }
            out->rex = d->rex;
            d->rxb = (uint8_t)(d->rex & 7);
            return XVCPU_X86_DECODE_OK;
        }
        d->rex = 0;                                        /* a REX followed by a legacy prefix is ignored */
        d->pos++;
    }
}

static xvcpu_x86_decode_status xvcpu__x86_decode(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    const char *pfx = NULL;
    unsigned map = 0, op, imm_kind, imm_bytes;
    uint16_t cls;
    uint8_t modrm = 0;
    uint64_t imm = 0;
    bool has_modrm;

    if ((st = xvcpu__x86_prefixes(d, out)) != XVCPU_X86_DECODE_OK)
        return st;
    d->osz = d->mode == 8 ? ((d->rex & 8) ? 8 : d->p66 ? 2 : 4) : (d->mode == 4) != d->p66 ? 4 : 2;
    d->asz = d->mode == 8 ? (d->p67 ? 4 : 8) : (d->mode == 4) != d->p67 ? 4 : 2;
    d->mp = d->rep == 0xF3 ? 2 : d->rep == 0xF2 ? 3 : d->p66 ? 1 : 0;
    out->addr_bytes = (uint8_t)d->asz;
    out->op_bytes = (uint8_t)d->osz;
    out->rep = d->rep;
    out->lock = d->lock;

    op = d->code[d->pos];
    switch (op) {
    case 0x0F:
        if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
            return st;
        op = d->code[d->pos + 1];
        if (op == 0x38 || op == 0x3A) {
            if ((st = xvcpu__x86_need(d, 3)) != XVCPU_X86_DECODE_OK)
                return st;
            map = op == 0x38 ? 2 : 3;
            op = d->code[d->pos + 2];
            d->pos += 3;
        } else {
            map = 1;                                      /* 0F 0F is 3DNow!, see below */
            d->pos += 2;
        }
        break;
    case 0xC4: case 0xC5: case 0x62: case 0x8F:
        if (d->mode != 8 || op == 0x8F) {
            /* LES/LDS/BOUND need memory, so mod = 11b means VEX/EVEX (SDM Vol. 2A 2.3.5); POP r/m
             * needs reg = 0, so a map >= 8 in its place means XOP. */
            if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
                return st;
            if (op == 0x8F ? (d->code[d->pos + 1] & 0x1F) < 8 : d->code[d->pos + 1] < 0xC0) {
                d->pos++;
                break;
            }
        }
        return op == 0x62 ? xvcpu__x86_evex(d, out) : op == 0x8F ? xvcpu__x86_xop(d, out) : xvcpu__x86_vex(d, out);
    default:
        d->pos++;
        break;
    }
    out->map = (uint8_t)map;
    out->opcode = (uint8_t)op;

    /* The opcode's attributes. */
    switch (map) {
    case 0: cls = xvcpu__x86_class(xvcpu__x86_map0[op]); break;
    case 1:
        cls = xvcpu__x86_class(xvcpu__x86_map1[op]);
        pfx = xvcpu__x86_pfx1;
        if (op == 0x0F) {                                 /* 3DNow!: 0F 0F /r ib, the ib selects the instruction */
            cls = XVCPU__XF_MODRM | (XVCPU__IMM_B << XVCPU__XF_IMM_SHIFT);
            pfx = NULL;
        }
        break;
    case 2:
        cls = xvcpu__x86_class(xvcpu__x86_map2[op]);
        pfx = xvcpu__x86_pfx2;
        break;
    default:
        cls = xvcpu__x86_pfx3[op] == '.' ? XVCPU__XF_BAD : XVCPU__XF_MODRM | (XVCPU__IMM_B << XVCPU__XF_IMM_SHIFT);
        if (op == 0xF0)
            cls |= XVCPU__XF_CHECK;
        pfx = xvcpu__x86_pfx3;
        break;
    }
    if ((cls & XVCPU__XF_BAD) || ((cls & XVCPU__XF_I64) && d->mode == 8))
        return XVCPU_X86_DECODE_INVALID;
    if (pfx != NULL && ((xvcpu__x86_digit(pfx[op]) >> d->mp) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    imm_kind = (cls >> XVCPU__XF_IMM_SHIFT) & 15;
    has_modrm = (cls & XVCPU__XF_MODRM) != 0;

    if (has_modrm) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        modrm = d->code[d->pos++];
        out->modrm = modrm;
        if (cls & XVCPU__XF_NOMOD)
            modrm |= 0xC0;
        if (((cls & XVCPU__XF_MEM) && (modrm >> 6) == 3) || ((cls & XVCPU__XF_REG) && (modrm >> 6) != 3))
            return XVCPU_X86_DECODE_INVALID;
        if ((cls & XVCPU__XF_CHECK) && !xvcpu__x86_check(d, map, op, modrm, &imm_kind))
            return XVCPU_X86_DECODE_INVALID;
    }
    if (d->lock && !(has_modrm && xvcpu__x86_lock_ok(d, map, op, modrm, cls)))
        return XVCPU_X86_DECODE_INVALID;                  /* #UD: SDM Vol. 2A "LOCK" */
    if (has_modrm && (modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    imm_bytes = xvcpu__x86_imm_size(d, imm_kind);
    if ((st = xvcpu__x86_need(d, imm_bytes)) != XVCPU_X86_DECODE_OK)
        return st;
    imm = xvcpu__x86_take(d, imm_bytes);
    if (map == 1 && op == 0x0F) {
        out->encoding = XVCPU_X86_ENC_3DNOW;
        out->opcode = (uint8_t)imm;
        return xvcpu__x86_3dnow_ok((uint8_t)imm) ? XVCPU_X86_DECODE_UNSUPPORTED : XVCPU_X86_DECODE_INVALID;
    }
    if (cls & XVCPU__XF_UD) {
        out->length = (uint8_t)d->pos;                    /* UD0/UD1/UD2: #UD by definition, length known */
        return XVCPU_X86_DECODE_INVALID;
    }
    if (map == 0 && imm_kind == XVCPU__IMM_MOFFS) {
        out->has_mem = true;                              /* moffs: an offset, no base or index */
        out->disp = (int64_t)imm;
        out->seg = d->seg != 0xFF ? d->seg : 3;
        imm_bytes = 0;
    }
    return xvcpu__x86_mmio(d, map, op, modrm, imm, imm_bytes, out);
}

XVCPU_DEF xvcpu_x86_decode_status xvcpu_x86_decode(const uint8_t *code, unsigned avail, unsigned code_bytes,
                                                   xvcpu_x86_insn *out)
{
    xvcpu__x86_dec d;
    xvcpu_x86_decode_status st;

    out->length = 0;
    out->op = XVCPU_X86_OP_NONE;
    out->op_bytes = out->addr_bytes = out->mem_bytes = 0;
    out->has_mem = out->mem_is_dest = out->rip_relative = false;
    out->base = out->index = -1;
    out->scale = 1;
    out->disp = 0;
    out->seg = 3;
    out->reg = -1;
    out->has_imm = out->imm_is_src = false;
    out->imm = 0;
    out->rep = 0;
    out->lock = out->mem_to_reg = false;
    out->map = out->opcode = out->modrm = 0;
    out->encoding = XVCPU_X86_ENC_LEGACY;
    out->rex = 0;
    if (code_bytes != 2 && code_bytes != 4 && code_bytes != 8)
        return XVCPU_X86_DECODE_INVALID;

    d.code = code;
    d.avail = code != NULL ? avail : 0;
    d.pos = 0;
    d.mode = code_bytes;
    d.osz = d.asz = d.mp = 0;
    d.rex = d.rep = 0;
    d.seg = 0xFF;
    d.p66 = d.p67 = d.lock = false;
    d.rxb = 0;
    d.vsib = false;
    st = xvcpu__x86_decode(&d, out);
    if (st == XVCPU_X86_DECODE_OK || st == XVCPU_X86_DECODE_UNSUPPORTED)
        out->length = (uint8_t)d.pos;
    else
        out->op = XVCPU_X86_OP_NONE;
    return st;
}

XVCPU_DEF const char *xvcpu_x86_decode_status_name(xvcpu_x86_decode_status s)
{
    switch (s) {
    case XVCPU_X86_DECODE_OK: return "OK";
    case XVCPU_X86_DECODE_UNSUPPORTED: return "UNSUPPORTED";
    case XVCPU_X86_DECODE_INVALID: return "INVALID";
    case XVCPU_X86_DECODE_TRUNCATED: return "TRUNCATED";
    }
    return "(bad decode status)";
}

XVCPU_DEF const char *xvcpu_x86_op_name(xvcpu_x86_op op)
{
    static const char *const names[] = { "NONE", "ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP", "TEST",
                                          "BT", "BTS", "BTR", "BTC", "MOV", "MOVZX", "MOVSX", "MOVSXD", "MOVS",
                                          "STOS", "XCHG", "VMOV" };
    if ((unsigned)op < sizeof names / sizeof names[0])
        return names[op];
    return "(bad op)";
}

XVCPU_DEF uint64_t xvcpu_x86_insn_offset(const xvcpu_x86_insn *insn, const uint64_t gpr[16], uint64_t rip)
{
    uint64_t off, mask = insn->addr_bytes >= 8 ? ~0ull : (1ull << (8 * insn->addr_bytes)) - 1;
    if (!insn->has_mem)
        return 0;
    off = (uint64_t)insn->disp;
    if (insn->rip_relative)
        off += rip + insn->length;
    if (insn->base >= 0 && insn->base < 16)
        off += gpr[insn->base];
    if (insn->index >= 0 && insn->index < 16)
        off += gpr[insn->index] * insn->scale;
    /* BT/BTS/BTR/BTC r/m, r: the bit offset is signed and selects an operand-sized word (SDM Vol. 2A "BT"). */
    if (insn->map == 1 && insn->encoding == XVCPU_X86_ENC_LEGACY && insn->reg >= 0 && insn->reg < 16 &&
        (insn->op == XVCPU_X86_OP_BT || insn->op == XVCPU_X86_OP_BTS || insn->op == XVCPU_X86_OP_BTR ||
         insn->op == XVCPU_X86_OP_BTC) && !insn->has_imm) {
        unsigned bits = 8u * insn->op_bytes;
        int64_t bitoff = (int64_t)xvcpu__x86_sext(gpr[insn->reg], insn->op_bytes, 8);
        /* arithmetic shift: floor division by the operand width, then back to bytes */
        off += (uint64_t)((bitoff >> (bits == 16 ? 4 : bits == 32 ? 5 : 6)) * (int64_t)insn->op_bytes);
    }
    return off & mask;
}

/* ==== xvcpu/x86emu/walk.c.h ==== */
/* Guest page walker. x86_walk.h states the rules and where in the SDM each comes from; this is one
 * loop over the levels of the three paging modes, then the access rights, then the A/D flags. */

/* The paging modes, by entry format (SDM Vol. 3A 5.1.1). */
#define XVCPU__WALK_32BIT 0 /* 4-byte entries, 2 levels */
#define XVCPU__WALK_PAE 1   /* 8-byte entries, PDPT (4 entries) + 2 levels */
#define XVCPU__WALK_IA32E 2 /* 8-byte entries, 4 or 5 levels */
#define XVCPU__WALK_MAX_LEVELS 5

typedef struct xvcpu__walker {
    const xvcpu_x86_mode *mode;
    const xvcpu_x86_guest_memory *mem;
    const xvcpu_x86_walk_config *cfg;
    unsigned access;
    int kind;         /* XVCPU__WALK_* */
    unsigned maxphy;  /* MAXPHYADDR, 32..52 */
    bool user;        /* a user-mode access: CPL 3 and not implicit (SDM Vol. 3A 5.6) */
    bool fetch, write;
} xvcpu__walker;

/* The bits of `linear` that index the table at `level` start here (level 1 = page table). */
static unsigned xvcpu__walk_shift(const xvcpu__walker *w, unsigned level)
{
    if (w->kind == XVCPU__WALK_32BIT)
        return level == 2 ? 22 : 12;
    return 12 + 9 * (level - 1);
}

static unsigned xvcpu__walk_index_bits(const xvcpu__walker *w, unsigned level)
{
    if (w->kind == XVCPU__WALK_32BIT)
        return 10;
    return (w->kind == XVCPU__WALK_PAE && level == 3) ? 2 : 9;
}

/* Bits M-1..12: where entries hold a frame address. */
static uint64_t xvcpu__walk_frame_mask(const xvcpu__walker *w)
{
    return ((1ull << w->maxphy) - 1) & ~0xFFFull;
}

/* The reserved bits of a present entry at `level` (`large`: PS = 1 where PS means a page). Tables
 * 5-4 to 5-20 of SDM Vol. 3A (the entry formats). */
static uint64_t xvcpu__walk_reserved(const xvcpu__walker *w, unsigned level, bool large)
{
    uint64_t above_m = ~0ull << w->maxphy; /* bits 63:M */
    uint64_t xd = (w->mode->efer & XVCPU_IA32_EFER_NXE) ? 0 : XVCPU_PTE_XD;
    uint64_t r;
    unsigned m;

    switch (w->kind) {
    case XVCPU__WALK_32BIT:
        if (!large)
            return 0; /* 32-bit PDEs that map tables and PTEs have no reserved bits (5.3) */
        /* 4-MiB PDE: bits (M'-20):13 are address bits 39..32 (PSE-36) with M' = min(M, 40), and
         * 21:(M'-19) are reserved (Table 5-4). */
        m = w->maxphy < 40 ? w->maxphy : 40;
        return 0x3FFFFFull & (~0ull << (m - 19));
    case XVCPU__WALK_PAE:
        if (level == 3)
            return above_m | 0x1E6ull; /* PDPTE: bits 2:1, 8:5 and 63:M (Table 5-8) */
        r = (above_m & ~XVCPU_PTE_XD) | xd;  /* 62:M, and XD without NXE (Tables 5-9..5-11) */
        return large ? r | 0x1FE000ull : r;  /* 2-MiB PDE: 20:13 */
    default:
        r = (above_m & ((1ull << 52) - 1)) | xd; /* 51:M; 62:52 are ignored or keys (5.5) */
        if (level >= 4 || (level == 3 && w->cfg != NULL && (w->cfg->flags & XVCPU_X86_WALK_NO_1G_PAGES)))
            r |= XVCPU_PTE_PS_PAT; /* no pages at PML5E/PML4E level, nor 1 GiB without Page1GB */
        if (large)
            r |= level == 3 ? 0x3FFFE000ull : 0x1FE000ull; /* 29:13 or 20:13, between PAT and frame */
        return r;
    }
}

static bool xvcpu__walk_read(const xvcpu__walker *w, uint64_t gpa, uint64_t *entry)
{
    if (w->kind == XVCPU__WALK_32BIT) {
        uint32_t v = 0;
        if (!w->mem->read(w->mem->ctx, gpa, &v, 4))
            return false;
        *entry = v;
        return true;
    }
    *entry = 0;
    return w->mem->read(w->mem->ctx, gpa, entry, 8);
}

/* The #PF error code for this access, less P, RSVD and PK (SDM Vol. 3A 5.7). */
static uint32_t xvcpu__walk_error_code(const xvcpu__walker *w)
{
    const xvcpu_x86_mode *m = w->mode;
    uint32_t ec = 0;
    if (w->write)
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_W;
    if (w->user)
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_U;
    /* I/D only when the fetch could have been refused for it: SMEP, or XD in PAE-based modes. */
    if (w->fetch && ((m->cr4 & XVCPU_CR4_SMEP) ||
                     ((m->cr4 & XVCPU_CR4_PAE) && (m->efer & XVCPU_IA32_EFER_NXE))))
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_I;
    return ec;
}

/* 0 when the translation's rights (`perms`, key `pkey`) allow the access, else the error code's
 * P and PK bits (SDM Vol. 3A 5.6, 5.6.2). */
static uint32_t xvcpu__walk_rights(const xvcpu__walker *w, uint32_t perms, unsigned pkey)
{
    const xvcpu_x86_mode *m = w->mode;
    bool uaddr = (perms & XVCPU_X86_WALK_PERM_USER) != 0;
    bool writable = (perms & XVCPU_X86_WALK_PERM_WRITE) != 0;
    bool wp = (m->cr0 & XVCPU_CR0_WP) != 0;
    bool fault = false, key_fault = false;

    if (w->fetch) {
        if (!(perms & XVCPU_X86_WALK_PERM_EXEC))
            fault = true;
        if (w->user ? !uaddr : (uaddr && (m->cr4 & XVCPU_CR4_SMEP)))
            fault = true;
    } else {
        if (w->user) {
            if (!uaddr || (w->write && !writable))
                fault = true;
        } else {
            bool implicit = (w->access & XVCPU_X86_WALK_IMPLICIT) != 0;
            if (uaddr && (m->cr4 & XVCPU_CR4_SMAP) && (implicit || !(m->rflags & XVCPU_RFLAGS_AC)))
                fault = true;
            if (w->write && !writable && wp)
                fault = true;
        }
        /* Keys apply to data accesses to user-mode addresses, supervisor ones included, in
         * 4/5-level paging only. */
        if (uaddr && w->kind == XVCPU__WALK_IA32E && (m->cr4 & XVCPU_CR4_PKE)) {
            bool ad = ((m->pkru >> (2 * pkey)) & 1u) != 0;
            bool wd = ((m->pkru >> (2 * pkey + 1)) & 1u) != 0;
            if (ad || (wd && w->write && (wp || w->user)))
                key_fault = true;
        }
    }
    if (!fault && !key_fault)
        return 0;
    return XVCPU_PAGE_FAULT_ERROR_CODE_P | (key_fault ? XVCPU_PAGE_FAULT_ERROR_CODE_PK : 0);
}

/* Is `linear` canonical for a `bits`-wide linear address space (SDM Vol. 1 3.3.7.1)? */
static bool xvcpu__walk_canonical(uint64_t linear, unsigned bits)
{
    uint64_t top = linear >> (bits - 1); /* bits 63:bits-1 must all be equal */
    return top == 0 || top == (~0ull >> (bits - 1));
}

XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk_ex(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                                 const xvcpu_x86_guest_memory *mem,
                                                 const xvcpu_x86_walk_config *cfg, xvcpu_x86_walk_result *out)
{
    xvcpu__walker w;
    uint64_t entry_gpa[XVCPU__WALK_MAX_LEVELS], entry_val[XVCPU__WALK_MAX_LEVELS];
    unsigned used = 0, level, i;
    uint64_t table, entry = 0, page_size, gpa;
    uint32_t perms = XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_WRITE, fault;
    unsigned pkey = 0;
    bool paging = (mode->cr0 & XVCPU_CR0_PG) != 0;
    bool lma = paging && (mode->efer & XVCPU_IA32_EFER_LMA) != 0; /* LMA = LME and PG */
    bool xd = false;

    out->gpa = 0;
    out->page_size = 0;
    out->error_code = 0;
    out->bad_gpa = 0;
    out->perms = 0;
    out->pkey = 0;

    w.mode = mode;
    w.mem = mem;
    w.cfg = cfg;
    w.access = access;
    w.fetch = (access & XVCPU_X86_WALK_FETCH) != 0;
    w.write = !w.fetch && (access & XVCPU_X86_WALK_WRITE) != 0;
    w.user = mode->cpl == 3 && (w.fetch || !(access & XVCPU_X86_WALK_IMPLICIT));
    w.maxphy = cfg != NULL && cfg->maxphyaddr != 0 ? cfg->maxphyaddr : 52;
    if (w.maxphy < 32)
        w.maxphy = 32;
    if (w.maxphy > 52)
        w.maxphy = 52;

    /* 64-bit addresses in 64-bit mode, and for implicit accesses anywhere in IA-32e mode; 32 bits
     * everywhere else. code_bytes 0 (not given) counts as 64-bit mode. */
    if (lma && (mode->code_bytes == 8 || mode->code_bytes == 0 || (access & XVCPU_X86_WALK_IMPLICIT))) {
        if (!xvcpu__walk_canonical(linear, (mode->cr4 & XVCPU_CR4_LA57) ? 57 : 48)) {
            out->linear = linear;
            return XVCPU_X86_WALK_GP;
        }
    } else {
        linear &= 0xFFFFFFFFull;
    }
    out->linear = linear;

    if (!paging) {
        out->gpa = linear;
        out->perms = XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_EXEC;
        return XVCPU_X86_WALK_OK;
    }

    if (lma) {
        w.kind = XVCPU__WALK_IA32E;
        level = (mode->cr4 & XVCPU_CR4_LA57) ? 5 : 4;
        table = mode->cr3 & xvcpu__walk_frame_mask(&w);
    } else if (mode->cr4 & XVCPU_CR4_PAE) {
        w.kind = XVCPU__WALK_PAE;
        level = 3;
        table = mode->cr3 & 0xFFFFFFE0ull; /* PDPT: 32-byte aligned, below 4 GiB (5.4.1) */
    } else {
        w.kind = XVCPU__WALK_32BIT;
        level = 2;
        table = mode->cr3 & 0xFFFFF000ull;
    }

    for (;;) {
        unsigned shift = xvcpu__walk_shift(&w, level);
        uint64_t index = (linear >> shift) & ((1ull << xvcpu__walk_index_bits(&w, level)) - 1);
        unsigned entry_bytes = w.kind == XVCPU__WALK_32BIT ? 4 : 8;
        uint64_t at = table + index * entry_bytes;
        bool pdpte = w.kind == XVCPU__WALK_PAE && level == 3;
        bool large;

        if (pdpte && cfg != NULL && cfg->pdptes != NULL) {
            entry = cfg->pdptes[index];
        } else if (!xvcpu__walk_read(&w, at, &entry)) {
            out->bad_gpa = at;
            return XVCPU_X86_WALK_BAD_GPA;
        }
        if (!(entry & XVCPU_PTE_P)) {
            out->error_code = xvcpu__walk_error_code(&w);
            return XVCPU_X86_WALK_PAGE_FAULT;
        }
        large = (entry & XVCPU_PTE_PS_PAT) != 0 &&
                (w.kind == XVCPU__WALK_32BIT ? level == 2 && (mode->cr4 & XVCPU_CR4_PSE) != 0
                                             : level == 2 || (level == 3 && !pdpte));
        if (entry & xvcpu__walk_reserved(&w, level, large)) {
            out->error_code =
                xvcpu__walk_error_code(&w) | XVCPU_PAGE_FAULT_ERROR_CODE_P | XVCPU_PAGE_FAULT_ERROR_CODE_RSVD;
            return XVCPU_X86_WALK_PAGE_FAULT;
        }
        if (pdpte) { /* no rights and no accessed flag in PAE PDPTEs (Table 5-8) */
            table = entry & xvcpu__walk_frame_mask(&w);
            level--;
            continue;
        }
        entry_gpa[used] = at;
        entry_val[used] = entry;
        used++;
        if (!(entry & XVCPU_PTE_US))
            perms &= ~XVCPU_X86_WALK_PERM_USER;
        if (!(entry & XVCPU_PTE_RW))
            perms &= ~XVCPU_X86_WALK_PERM_WRITE;
        if (w.kind != XVCPU__WALK_32BIT && (entry & XVCPU_PTE_XD))
            xd = true; /* only reachable with NXE = 1: XD is reserved otherwise */
        if (level == 1 || large) {
            page_size = 1ull << shift;
            break;
        }
        table = entry & (w.kind == XVCPU__WALK_32BIT ? 0xFFFFF000ull : xvcpu__walk_frame_mask(&w));
        level--;
    }

    if (!xd)
        perms |= XVCPU_X86_WALK_PERM_EXEC;
    if (w.kind == XVCPU__WALK_32BIT && page_size == (1ull << 22)) {
        unsigned m = w.maxphy < 40 ? w.maxphy : 40; /* PSE-36: bits 39..32 in 20:13 (Table 5-4) */
        gpa = (((entry >> 13) & ((1ull << (m - 32)) - 1)) << 32) | (entry & 0xFFC00000ull);
    } else if (w.kind == XVCPU__WALK_32BIT) {
        gpa = entry & 0xFFFFF000ull;
    } else {
        gpa = entry & xvcpu__walk_frame_mask(&w) & ~(page_size - 1);
    }
    gpa |= linear & (page_size - 1);
    if (w.kind == XVCPU__WALK_IA32E)
        pkey = (unsigned)((entry & XVCPU_PTE_PK_MASK) >> 59);

    fault = xvcpu__walk_rights(&w, perms, pkey);
    if (fault) {
        out->error_code = xvcpu__walk_error_code(&w) | fault;
        return XVCPU_X86_WALK_PAGE_FAULT;
    }

    /* A in every entry used, D in the leaf for a write (SDM Vol. 3A 5.8); only what is missing. */
    for (i = 0; i < used; i++) {
        uint64_t bits = (entry_val[i] & XVCPU_PTE_A) ? 0 : XVCPU_PTE_A;
        if (i == used - 1 && w.write && !(entry_val[i] & XVCPU_PTE_D))
            bits |= XVCPU_PTE_D;
        if (bits != 0 && !mem->set_bits(mem->ctx, entry_gpa[i], w.kind == XVCPU__WALK_32BIT ? 4 : 8, bits)) {
            out->bad_gpa = entry_gpa[i];
            return XVCPU_X86_WALK_BAD_GPA;
        }
    }
    out->gpa = gpa;
    out->page_size = page_size;
    out->perms = perms;
    out->pkey = (uint8_t)pkey;
    return XVCPU_X86_WALK_OK;
}

XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                              const xvcpu_x86_guest_memory *mem, xvcpu_x86_walk_result *out)
{
    return xvcpu_x86_walk_ex(mode, linear, access, mem, NULL, out);
}

/* ==== xvcpu/x86emu/alu.c.h ==== */
/* x86 ALU: results and flags computed from carry vectors, no wider type needed. */

/* PF: set when the result's low byte has an even number of 1 bits (SDM Vol. 1 3.4.3.1). */
static bool xvcpu__alu_parity_even(uint64_t v)
{
    unsigned b = (unsigned)(v & 0xFF);
    b ^= b >> 4;
    b ^= b >> 2;
    b ^= b >> 1;
    return (b & 1u) == 0;
}

XVCPU_DEF uint64_t xvcpu_x86_alu(xvcpu_x86_alu_op op, unsigned bytes, uint64_t dst, uint64_t src, uint64_t *rflags)
{
    unsigned bits = (bytes == 1 || bytes == 2 || bytes == 4) ? bytes * 8 : 64;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t sign = 1ull << (bits - 1);
    uint64_t in = *rflags, res, carries = 0, flags = 0;
    uint64_t cf_in = (in & XVCPU_RFLAGS_CF) ? 1 : 0;
    bool arith = true, overflow = false;

    dst &= mask;
    src &= mask;
    switch (op) {
    case XVCPU_X86_ALU_BT:
    case XVCPU_X86_ALU_BTS:
    case XVCPU_X86_ALU_BTR:
    case XVCPU_X86_ALU_BTC: {
        uint64_t bit = 1ull << (src & (bits - 1));
        res = op == XVCPU_X86_ALU_BTS ? dst | bit
            : op == XVCPU_X86_ALU_BTR ? dst & ~bit
            : op == XVCPU_X86_ALU_BTC ? dst ^ bit : dst;
        /* CF only; ZF is unaffected and the undefined OF SF AF PF are left as they were. */
        *rflags = (in & ~XVCPU_RFLAGS_CF) | ((dst & bit) ? XVCPU_RFLAGS_CF : 0);
        return res;
    }
    case XVCPU_X86_ALU_ADD:
    case XVCPU_X86_ALU_ADC:
        res = (dst + src + (op == XVCPU_X86_ALU_ADC ? cf_in : 0)) & mask;
        /* Bit i of `carries` is the carry out of bit i. */
        carries = (dst & src) | ((dst | src) & ~res);
        overflow = ((dst ^ res) & (src ^ res) & sign) != 0;
        break;
    case XVCPU_X86_ALU_SUB:
    case XVCPU_X86_ALU_SBB:
    case XVCPU_X86_ALU_CMP:
        res = (dst - src - (op == XVCPU_X86_ALU_SBB ? cf_in : 0)) & mask;
        /* Bit i of `carries` is the borrow out of bit i. */
        carries = (~dst & src) | (~(dst ^ src) & res);
        overflow = ((dst ^ src) & (dst ^ res) & sign) != 0;
        break;
    case XVCPU_X86_ALU_OR:
        res = dst | src;
        arith = false;
        break;
    case XVCPU_X86_ALU_XOR:
        res = dst ^ src;
        arith = false;
        break;
    case XVCPU_X86_ALU_AND:
    case XVCPU_X86_ALU_TEST:
    default:
        res = dst & src;
        arith = false;
        break;
    }
    if (arith) {
        if (carries & sign)
            flags |= XVCPU_RFLAGS_CF;
        if ((dst ^ src ^ res) & 0x10) /* carry or borrow between bits 3 and 4 */
            flags |= XVCPU_RFLAGS_AF;
        if (overflow)
            flags |= XVCPU_RFLAGS_OF;
    }
    if (res == 0)
        flags |= XVCPU_RFLAGS_ZF;
    if (res & sign)
        flags |= XVCPU_RFLAGS_SF;
    if (xvcpu__alu_parity_even(res))
        flags |= XVCPU_RFLAGS_PF;
    *rflags = (in & ~XVCPU_X86_ALU_FLAGS) | flags;
    if (op == XVCPU_X86_ALU_CMP || op == XVCPU_X86_ALU_TEST)
        return dst;
    return res;
}

/* ==== xvcpu/x86emu/fetch.c.h ==== */
/* Guest memory as the library reaches it: guest-physical addresses through the stage-2 tables to
 * host memory, and the guest's current instruction (CS:RIP through the guest's paging, then the
 * decoder). Serves MMIO emulation on both backends and the SVM backend's next RIP on CPUs without
 * NRIP-save. */

/* What the page walker reads and updates: guest RAM, found through `s2`. With `cache` set, the
 * host location of every paging entry read is recorded there (see xvcpu__len_cache). */
typedef struct xvcpu__guest_ram {
    const xvcpu_hal *hal;
    const struct xvcpu_stage2 *s2;
    xvcpu__len_cache *cache;
} xvcpu__guest_ram;

/* Host pointer to `len` bytes of guest RAM at `gpa` (within one page) with permissions `need`,
 * or NULL when that is not RAM the guest may access so (MMIO, unmapped, read-only). */
static void *xvcpu__guest_ram_ptr(const xvcpu__guest_ram *ram, uint64_t gpa, unsigned len, uint32_t need)
{
    uint64_t hpa;
    uint32_t perms;
    if (ram->s2 == NULL || (gpa & 0xFFF) + len > 0x1000 ||
        xvcpu_stage2_translate(ram->s2, gpa, &hpa, &perms, NULL) != XVCPU_OK || (perms & need) != need)
        return NULL;
    return ram->hal->phys_to_virt(ram->hal->ctx, hpa);
}

static bool xvcpu__guest_ram_read(void *ctx, uint64_t gpa, void *buf, unsigned len)
{
    xvcpu__guest_ram *ram = (xvcpu__guest_ram *)ctx;
    const void *p = xvcpu__guest_ram_ptr(ram, gpa, len, XVCPU_ACCESS_READ);
    if (p == NULL)
        return false;
    XVCPU_MEMCPY(buf, p, len);
    if (ram->cache != NULL) {
        xvcpu__len_cache *c = ram->cache;
        if (c->n_entries < XVCPU__LEN_CACHE_ENTRIES) {
            c->entry[c->n_entries].host = p;
            c->entry[c->n_entries].size = (uint8_t)len;
            c->n_entries++;
        } else {
            c->valid = false; /* more reads than it can check: never reused */
        }
    }
    return true;
}

/* Accessed/dirty flags: a locked OR, as the CPU's own update is atomic (SDM Vol. 3A 4.8). */
static bool xvcpu__guest_ram_set_bits(void *ctx, uint64_t gpa, unsigned len, uint64_t bits)
{
    void *p = xvcpu__guest_ram_ptr((const xvcpu__guest_ram *)ctx, gpa, len, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE);
    if (p == NULL)
        return false;
    if (len == 8)
        (void)__atomic_fetch_or((uint64_t *)p, bits, __ATOMIC_SEQ_CST);
    else
        (void)__atomic_fetch_or((uint32_t *)p, (uint32_t)bits, __ATOMIC_SEQ_CST);
    return true;
}

static xvcpu_x86_guest_memory xvcpu__guest_memory(xvcpu__guest_ram *ram)
{
    xvcpu_x86_guest_memory m;
    m.ctx = ram;
    m.read = xvcpu__guest_ram_read;
    m.set_bits = xvcpu__guest_ram_set_bits;
    return m;
}

/* How a fetch or an emulated access ended. */
typedef enum xvcpu__fetch_result {
    XVCPU__FETCH_OK = 0,  /* done (for a fetch: decoded, OK or UNSUPPORTED, so its length is known) */
    XVCPU__FETCH_RAISED,  /* the guest gets an exception (#PF, #GP, #SS, #UD), already queued: enter
                             again without advancing RIP */
    XVCPU__FETCH_FAILED   /* the memory is not guest RAM (or its page tables are not) */
} xvcpu__fetch_result;

/* Linear address -> guest-physical for an access of `access` (XVCPU_X86_WALK_*), raising the
 * guest's exception when the walk faults. `seg` picks #SS over #GP for stack accesses. */
static xvcpu__fetch_result xvcpu__x86_translate(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, xvcpu__guest_ram *ram,
                                                uint64_t linear, unsigned access, unsigned seg, uint64_t *gpa)
{
    xvcpu_x86_guest_memory mem = xvcpu__guest_memory(ram);
    xvcpu_x86_walk_result r;
    xvcpu_x86_walk_config cfg;
    const xvcpu_cpuid_entry *e;
    /* the CPU the guest sees: its MAXPHYADDR and 1 GiB pages, from the CPUID table */
    XVCPU_MEMSET(&cfg, 0, sizeof(cfg));
    if (mode->cr0 & XVCPU_CR0_PG) { /* (paging off needs neither: skip the table searches) */
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000008u, 0)) != NULL)
            cfg.maxphyaddr = (uint8_t)(e->eax & 0xFF);
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000001u, 0)) == NULL || !(e->edx & (1u << 26)))
            cfg.flags |= XVCPU_X86_WALK_NO_1G_PAGES;
    }
    switch (xvcpu_x86_walk_ex(mode, linear, access, &mem, &cfg, &r)) {
    case XVCPU_X86_WALK_OK:
        *gpa = r.gpa;
        return XVCPU__FETCH_OK;
    case XVCPU_X86_WALK_PAGE_FAULT:
        xvcpu__x86_raise_page_fault(vcpu, r.error_code, linear);
        return XVCPU__FETCH_RAISED;
    case XVCPU_X86_WALK_GP:
        xvcpu__x86_raise(vcpu, seg == 2 ? 12 : 13, 0);
        return XVCPU__FETCH_RAISED;
    default:
        return XVCPU__FETCH_FAILED;
    }
}

/* The instruction at the guest's CS:RIP, as fetched and decoded. */
typedef struct xvcpu__fetched {
    xvcpu_x86_insn insn;
    xvcpu_x86_decode_status status;
    uint8_t bytes[15];
    uint8_t count;       /* bytes fetched */
} xvcpu__fetched;

/* Fetch up to 15 bytes at CS:RIP, from two pages when the instruction straddles a page boundary
 * (the second page is walked only when the decoder needs it), and decode them. `cache` (or NULL)
 * records what the decode depended on. */
static xvcpu__fetch_result xvcpu__x86_fetch_into(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                 const struct xvcpu_stage2 *s2, xvcpu__fetched *f,
                                                 xvcpu__len_cache *cache)
{
    xvcpu__guest_ram ram;
    uint64_t linear = mode->cs_base + mode->rip, gpa;
    xvcpu__fetch_result r;
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    ram.cache = cache;
    if (mode->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    f->count = 0;
    for (;;) {
        uint64_t at = linear + f->count;
        unsigned chunk = 0x1000 - (unsigned)(at & 0xFFF);
        const uint8_t *src;
        if (mode->code_bytes != 8)
            at &= 0xFFFFFFFFu;
        if (chunk > 15u - f->count)
            chunk = 15u - f->count;
        r = xvcpu__x86_translate(vcpu, mode, &ram, at, XVCPU_X86_WALK_FETCH, 1, &gpa);
        if (r != XVCPU__FETCH_OK)
            return r;
        src = (const uint8_t *)xvcpu__guest_ram_ptr(&ram, gpa, chunk, XVCPU_ACCESS_READ);
        if (src == NULL)
            return XVCPU__FETCH_FAILED;
        XVCPU_MEMCPY(f->bytes + f->count, src, chunk);
        if (cache != NULL && cache->n_chunks < 2) {
            cache->chunk[cache->n_chunks].host = src;
            cache->chunk[cache->n_chunks].count = (uint8_t)chunk;
            cache->n_chunks++;
        }
        f->count = (uint8_t)(f->count + chunk);
        f->status = xvcpu_x86_decode(f->bytes, f->count, mode->code_bytes, &f->insn);
        if (f->status != XVCPU_X86_DECODE_TRUNCATED || f->count == 15)
            break;
    }
    if (f->status == XVCPU_X86_DECODE_INVALID || f->status == XVCPU_X86_DECODE_TRUNCATED) {
        xvcpu__x86_raise(vcpu, 6, 0); /* #UD, as the CPU raises for an invalid or overlong encoding */
        return XVCPU__FETCH_RAISED;
    }
    return XVCPU__FETCH_OK;
}

static xvcpu__fetch_result xvcpu__x86_fetch(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, const struct xvcpu_stage2 *s2,
                                            xvcpu__fetched *f)
{
    return xvcpu__x86_fetch_into(vcpu, mode, s2, f, NULL);
}

/* The paging entries a cached decode depended on, and its bytes, as they are now. */
static uint64_t xvcpu__len_cache_load(const void *host, unsigned size)
{
    return size == 8 ? *(const volatile uint64_t *)host : *(const volatile uint32_t *)host;
}

/* Whether the cached decode holds for an instruction at `linear` under this paging state. The
 * backend may ask before it builds a full xvcpu_x86_mode (only these fields decide a fetch). */
XVCPU__HOT bool xvcpu__len_cache_hit(const xvcpu__len_cache *c, uint64_t linear, uint64_t cr0, uint64_t cr3, uint64_t cr4,
                                 uint64_t efer, unsigned cpl, unsigned code_bytes, const struct xvcpu_stage2 *s2)
{
    const volatile uint8_t *code;
    unsigned i, split;
    if (!c->valid || c->linear != linear || c->s2 != s2 || c->s2_generation != s2->generation || c->cr3 != cr3 ||
        c->cr0 != cr0 || c->cr4 != cr4 || c->efer != efer || c->cpl != cpl || c->code_bytes != code_bytes)
        return false;
    for (i = 0; i < c->n_entries; i++)
        if (xvcpu__len_cache_load(c->entry[i].host, c->entry[i].size) != c->entry[i].value)
            return false;
    split = c->split; /* the instruction's bytes on its first page; the rest are on the second */
    for (i = 0, code = c->chunk[0].host; i < split; i++)
        if (code[i] != c->bytes[i])
            return false;
    for (code = c->chunk[1].host; i < c->length; i++)
        if (code[i - split] != c->bytes[i])
            return false;
    return true;
}

/* Remember a decode: the paging entries as the walk left them (accessed bits set) and where the
 * instruction's bytes are. */
static void xvcpu__len_cache_fill(xvcpu__len_cache *c, const xvcpu_x86_mode *m, uint64_t linear,
                                  const struct xvcpu_stage2 *s2, const xvcpu__fetched *f)
{
    unsigned i;
    for (i = 0; i < c->n_entries; i++)
        c->entry[i].value = xvcpu__len_cache_load(c->entry[i].host, c->entry[i].size);
    c->linear = linear, c->s2 = s2, c->s2_generation = s2->generation;
    c->cr3 = m->cr3, c->cr0 = m->cr0, c->cr4 = m->cr4, c->efer = m->efer;
    c->cpl = m->cpl, c->code_bytes = m->code_bytes;
    c->length = f->insn.length;
    c->split = c->chunk[0].count < c->length ? c->chunk[0].count : c->length;
    if (c->split < c->length && c->n_chunks < 2)
        c->valid = false; /* (cannot happen: a straddling decode fetched the second page) */
    XVCPU_MEMCPY(c->bytes, f->bytes, f->insn.length);
}

/* The length of the instruction at the guest's CS:RIP (for CPUs that do not report it): the
 * last decode when it provably still holds (xvcpu__len_cache), else fetched and decoded. */
static __attribute__((unused)) xvcpu__fetch_result xvcpu__x86_insn_length(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                                         const struct xvcpu_stage2 *s2, unsigned *len)
{
    xvcpu__len_cache *c = &vcpu->x86.len_cache;
    uint64_t linear = mode->cs_base + mode->rip;
    xvcpu__fetched f;
    xvcpu__fetch_result r;
    if (mode->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    if (s2 != NULL && xvcpu__len_cache_hit(c, linear, mode->cr0, mode->cr3, mode->cr4, mode->efer, mode->cpl,
                                           mode->code_bytes, s2)) {
        c->hits++;
        *len = c->length;
        return XVCPU__FETCH_OK;
    }
    c->misses++;
    c->valid = true; /* the fetch below clears it if it cannot record everything */
    c->n_entries = c->n_chunks = 0;
    r = xvcpu__x86_fetch_into(vcpu, mode, s2, &f, c);
    *len = r == XVCPU__FETCH_OK ? f.insn.length : 0;
    if (r != XVCPU__FETCH_OK || s2 == NULL)
        c->valid = false;
    else if (c->valid)
        xvcpu__len_cache_fill(c, mode, linear, s2, &f);
    if (r == XVCPU__FETCH_FAILED)
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode->cs_base, (unsigned long long)mode->rip);
    return r;
}

/* ==== xvcpu/x86emu/mmio.c.h ==== */
/* MMIO: stage-2 faults inside VMM-registered regions become MMIO_READ / MMIO_WRITE exits. The
 * library fetches and decodes the faulting instruction; plain loads and stores are one exit each,
 * completed by the VMM; read-modify-write forms (ALU, XCHG, BT*) and string forms (MOVS, STOS) are
 * emulated here as a sequence of exits, with RFLAGS computed as the CPU would. */

/* Where an emulation stands (xvcpu_x86_emulation.step). */
enum {
    XVCPU__EMU_READ = 1,     /* waiting for the VMM's answer to the MMIO read */
    XVCPU__EMU_WRITE,        /* the result was written: finish the instruction */
    XVCPU__EMU_STRING_WRITE  /* one MOVS/STOS element was written: step the registers */
};

/* The marker in mmio_read.reg when the library consumes the value itself. */
#define XVCPU_MMIO_REG_INTERNAL 0xFF

static uint64_t xvcpu__width_mask(unsigned bytes)
{
    return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* Register operand `reg` (xvcpu_reg numbering, AH..BH included), `bytes` wide. */
static uint64_t xvcpu__x86_reg(xvcpu_vcpu *vcpu, int reg, unsigned bytes)
{
    uint64_t v = 0;
    if (reg >= XVCPU_REG_AH && reg <= XVCPU_REG_BH)
        return (vcpu->gpr[reg - XVCPU_REG_AH] >> 8) & 0xFF;
    (void)xvcpu_vcpu_get_reg(vcpu, (xvcpu_reg)(reg & 15), &v); /* RSP may live in the VMCS */
    return v & xvcpu__width_mask(bytes);
}

/* A segment's base, read from the VMCS/VMCB the first time an operand needs it. */
static uint64_t xvcpu__x86_seg_base(xvcpu_x86_mode *m, unsigned seg)
{
    if (!(m->seg_have & (1u << seg))) {
        m->seg_base[seg] = m->read_seg_base(seg);
        m->seg_have = (uint8_t)(m->seg_have | (1u << seg));
    }
    return m->seg_base[seg];
}

static uint64_t xvcpu__x86_linear(xvcpu_x86_mode *m, unsigned seg, uint64_t offset)
{
    uint64_t l = xvcpu__x86_seg_base(m, seg < 6 ? seg : 3) + offset;
    return m->code_bytes == 8 ? l : (l & 0xFFFFFFFFu);
}

static void xvcpu__mmio_read_exit(xvcpu_exit *exit, uint64_t gpa, unsigned width, unsigned reg, unsigned reg_width,
                                  bool sign)
{
    exit->kind = XVCPU_EXIT_MMIO_READ;
    exit->u.mmio_read.addr = gpa;
    exit->u.mmio_read.width = (uint8_t)width;
    exit->u.mmio_read.reg = (uint8_t)reg;
    exit->u.mmio_read.reg_width = (uint8_t)reg_width;
    exit->u.mmio_read.signed_ext = sign;
}

static void xvcpu__mmio_write_exit(xvcpu_exit *exit, uint64_t gpa, unsigned width, uint64_t data)
{
    exit->kind = XVCPU_EXIT_MMIO_WRITE;
    exit->u.mmio_write.addr = gpa;
    exit->u.mmio_write.width = (uint8_t)width;
    exit->u.mmio_write.data = data & xvcpu__width_mask(width);
}

static xvcpu__mmio_result xvcpu__mmio_unsupported(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t gpa, uint32_t access,
                                                  const xvcpu__fetched *f, bool decoded, const char *why)
{
    exit->kind = XVCPU_EXIT_MMIO_UNSUPPORTED;
    exit->u.mmio_unsupported.addr = gpa;
    exit->u.mmio_unsupported.access = access;
    exit->u.mmio_unsupported.insn_len = decoded ? f->insn.length : 0;
    exit->u.mmio_unsupported.fetched = f->count;
    XVCPU_MEMCPY(exit->u.mmio_unsupported.bytes, f->bytes, f->count);
    exit->u.mmio_unsupported.why = why;
    vcpu->pending.insn_len = decoded ? f->insn.length : 0; /* what xvcpu_complete() skips */
    return XVCPU__MMIO_EXIT;
}

static bool xvcpu__x86_is_string(xvcpu_x86_op op)
{
    return op == XVCPU_X86_OP_MOVS || op == XVCPU_X86_OP_STOS;
}

/* A stage-2 fault at `gpa` with `access` (XVCPU_ACCESS_*), the guest in `mode`. `delivering`: the
 * fault interrupted the delivery of an event (IDT-vectoring / EXITINTINFO valid), so the access
 * was the CPU's own (IDT, TSS, stack), not the instruction's. */
static xvcpu__mmio_result xvcpu__x86_mmio_fault(xvcpu_vcpu *vcpu, xvcpu_x86_mode *mode,
                                                const struct xvcpu_stage2 *s2, uint64_t gpa, uint32_t access,
                                                bool delivering, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    const xvcpu_x86_insn *in;
    xvcpu__fetched f;
    xvcpu__guest_ram ram;
    xvcpu__fetch_result walk;
    uint64_t gprs[16], offset, lin, at;
    unsigned i, seg;

    if (!xvcpu__in_mmio_region(vcpu, gpa))
        return XVCPU__MMIO_NOT_MMIO;
    f.count = 0;
    if (delivering)
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, false,
                                       "the access delivers an event (IDT, TSS or stack in MMIO)");
    switch (xvcpu__x86_fetch(vcpu, mode, s2, &f)) {
    case XVCPU__FETCH_RAISED: return XVCPU__MMIO_REENTER;
    case XVCPU__FETCH_FAILED:
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, false, "the code is not in guest RAM");
    case XVCPU__FETCH_OK: break;
    }
    in = &f.insn;
    /* (a register operand the decoder did not name would be a decoder bug: refuse, never guess) */
    if (f.status != XVCPU_X86_DECODE_OK || in->op == XVCPU_X86_OP_VMOV ||
        (!in->has_imm && !xvcpu__x86_is_string(in->op) && in->reg < 0))
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "unsupported instruction");
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    ram.cache = NULL;
    for (i = 0; i < 16; i++) /* RSP only when the address uses it (it may live in the VMCS) */
        gprs[i] = vcpu->gpr[i];
    if (in->base == XVCPU_REG_RSP || in->index == XVCPU_REG_RSP)
        gprs[XVCPU_REG_RSP] = xvcpu__x86_reg(vcpu, XVCPU_REG_RSP, 8);

    emu->insn = *in;
    emu->s2 = s2;
    emu->rflags = mode->rflags;
    emu->have_value = false;
    if (xvcpu__x86_is_string(in->op)) {
        /* one element per pass: the source at seg:rSI (MOVS), the destination at ES:rDI */
        uint64_t amask = xvcpu__width_mask(in->addr_bytes), src = 0, dst;
        if (in->rep && (gprs[XVCPU_REG_RCX] & amask) == 0)
            return XVCPU__MMIO_REENTER; /* nothing to do: the CPU would not have accessed memory */
        walk = xvcpu__x86_translate(vcpu, mode, &ram, xvcpu__x86_linear(mode, 0, gprs[XVCPU_REG_RDI] & amask),
                                    XVCPU_X86_WALK_WRITE, 0, &dst);
        if (walk == XVCPU__FETCH_OK && in->op == XVCPU_X86_OP_MOVS)
            walk = xvcpu__x86_translate(vcpu, mode, &ram, xvcpu__x86_linear(mode, in->seg, gprs[XVCPU_REG_RSI] & amask),
                                        0, in->seg, &src);
        if (walk == XVCPU__FETCH_RAISED)
            return XVCPU__MMIO_REENTER;
        if (walk == XVCPU__FETCH_FAILED)
            return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "page tables not in guest RAM");
        if (((dst & 0xFFF) + in->op_bytes > 0x1000) || ((src & 0xFFF) + in->op_bytes > 0x1000))
            return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "access crosses a page boundary");
        emu->src_mmio = in->op == XVCPU_X86_OP_MOVS && xvcpu__in_mmio_region(vcpu, src);
        emu->dst_mmio = xvcpu__in_mmio_region(vcpu, dst);
        if (!emu->src_mmio && !emu->dst_mmio) {
            /* the CPU used a translation the tables no longer give (as for one operand, below):
             * its address counts for the side with the same page offset, else the guest retries */
            if ((dst & 0xFFF) == (gpa & 0xFFF)) {
                dst = gpa;
                emu->dst_mmio = true;
            } else if (in->op == XVCPU_X86_OP_MOVS && (src & 0xFFF) == (gpa & 0xFFF)) {
                src = gpa;
                emu->src_mmio = true;
            } else {
                return XVCPU__MMIO_REENTER;
            }
        }
        emu->gpa = src;
        emu->gpa2 = dst;
        emu->active = true;
        if (emu->src_mmio) {
            emu->step = XVCPU__EMU_READ;
            xvcpu__mmio_read_exit(exit, src, in->op_bytes, XVCPU_MMIO_REG_INTERNAL, in->op_bytes, false);
            return XVCPU__MMIO_EXIT;
        }
        if (in->op == XVCPU_X86_OP_MOVS) { /* RAM to device */
            const void *p = xvcpu__guest_ram_ptr(&ram, src, in->op_bytes, XVCPU_ACCESS_READ);
            emu->value = 0;
            if (p == NULL) {
                emu->active = false;
                return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "string source is not guest RAM");
            }
            XVCPU_MEMCPY(&emu->value, p, in->op_bytes);
        } else {
            emu->value = gprs[XVCPU_REG_RAX];
        }
        emu->step = XVCPU__EMU_STRING_WRITE;
        xvcpu__mmio_write_exit(exit, dst, in->op_bytes, emu->value);
        return XVCPU__MMIO_EXIT;
    }

    /* one memory operand (for BT* m, r the word the bit offset selects): its address must be the
     * one that faulted */
    offset = xvcpu_x86_insn_offset(in, gprs, mode->rip);
    seg = in->seg;
    lin = xvcpu__x86_linear(mode, seg, offset);
    walk = xvcpu__x86_translate(vcpu, mode, &ram, lin, in->mem_is_dest ? XVCPU_X86_WALK_WRITE : 0, seg, &at);
    if (walk == XVCPU__FETCH_RAISED)
        return XVCPU__MMIO_REENTER;
    if (walk == XVCPU__FETCH_FAILED)
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "page tables not in guest RAM");
    if ((at & 0xFFF) + in->mem_bytes > 0x1000)
        return xvcpu__mmio_unsupported(vcpu, exit, gpa, access, &f, true, "access crosses a page boundary");
    if ((at >> 12) != (gpa >> 12)) {
        /* The tables in memory say another page than the CPU used: it may hold a translation the
         * guest changed without INVLPG. The CPU's is what the guest gets; a different offset
         * means the guest changed its mappings meanwhile: let it run the instruction again. */
        if ((at & 0xFFF) != (gpa & 0xFFF))
            return XVCPU__MMIO_REENTER;
        at = gpa;
    }

    switch (in->op) {
    case XVCPU_X86_OP_MOV:
    case XVCPU_X86_OP_MOVZX:
    case XVCPU_X86_OP_MOVSX:
    case XVCPU_X86_OP_MOVSXD:
        vcpu->pending.insn_len = in->length;
        if (in->mem_to_reg) {
            xvcpu__mmio_read_exit(exit, at, in->mem_bytes, (unsigned)in->reg, in->op_bytes,
                                  in->op == XVCPU_X86_OP_MOVSX || in->op == XVCPU_X86_OP_MOVSXD);
        } else {
            uint64_t data = in->has_imm ? in->imm : xvcpu__x86_reg(vcpu, in->reg, in->mem_bytes);
            xvcpu__mmio_write_exit(exit, at, in->mem_bytes, data);
        }
        return XVCPU__MMIO_EXIT;
    default: /* ALU, TEST, BT*, XCHG: read, compute, maybe write */
        emu->gpa = at;
        emu->active = true;
        emu->step = XVCPU__EMU_READ;
        xvcpu__mmio_read_exit(exit, at, in->mem_bytes, XVCPU_MMIO_REG_INTERNAL, in->mem_bytes, false);
        return XVCPU__MMIO_EXIT;
    }
}

/* The instruction is done: RIP moves past it. */
static xvcpu__mmio_result xvcpu__emu_done(xvcpu_vcpu *vcpu)
{
    vcpu->rip_advance += vcpu->x86.emu.insn.length;
    vcpu->x86.emu.active = false;
    return XVCPU__MMIO_REENTER;
}

/* One MOVS/STOS element moved: step rSI/rDI by the element size in the DF direction and count
 * rCX down under REP. The guest runs the instruction again for the next element (so interrupts
 * are taken between elements, as on the CPU); RIP moves on after the last. */
static xvcpu__mmio_result xvcpu__emu_string_step(xvcpu_vcpu *vcpu)
{
    const xvcpu_x86_insn *in = &vcpu->x86.emu.insn;
    uint64_t step = in->op_bytes;
    if (vcpu->x86.emu.rflags & XVCPU_RFLAGS_DF)
        step = (uint64_t)0 - step;
    if (in->op == XVCPU_X86_OP_MOVS)
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RSI, in->addr_bytes, step);
    xvcpu__addr_reg_add(vcpu, XVCPU_REG_RDI, in->addr_bytes, step);
    if (in->rep) {
        xvcpu__addr_reg_add(vcpu, XVCPU_REG_RCX, in->addr_bytes, (uint64_t)0 - 1);
        if ((vcpu->gpr[XVCPU_REG_RCX] & xvcpu__width_mask(in->addr_bytes)) != 0) {
            vcpu->x86.emu.active = false;
            return XVCPU__MMIO_REENTER;
        }
    }
    return xvcpu__emu_done(vcpu);
}

/* The VMM answered the read of a read-modify-write or string instruction: carry on. */
static xvcpu__mmio_result xvcpu__emu_after_read(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    const xvcpu_x86_insn *in = &emu->insn;
    uint64_t mem = emu->value & xvcpu__width_mask(in->mem_bytes), result;
    if (in->op == XVCPU_X86_OP_MOVS) {
        if (emu->dst_mmio) {
            emu->step = XVCPU__EMU_STRING_WRITE;
            xvcpu__mmio_write_exit(exit, emu->gpa2, in->op_bytes, mem);
            return XVCPU__MMIO_EXIT;
        } else {
            xvcpu__guest_ram ram;
            void *p;
            ram.hal = vcpu->hal;
            ram.s2 = emu->s2;
            ram.cache = NULL;
            p = xvcpu__guest_ram_ptr(&ram, emu->gpa2, in->op_bytes, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE);
            if (p == NULL) { /* unmapped meanwhile: the guest runs the instruction again */
                emu->active = false;
                return XVCPU__MMIO_REENTER;
            }
            XVCPU_MEMCPY(p, &mem, in->op_bytes);
            return xvcpu__emu_string_step(vcpu);
        }
    }
    if (in->op == XVCPU_X86_OP_XCHG) {
        emu->step = XVCPU__EMU_WRITE;
        xvcpu__mmio_write_exit(exit, emu->gpa, in->mem_bytes, xvcpu__x86_reg(vcpu, in->reg, in->mem_bytes));
        return XVCPU__MMIO_EXIT;
    }
    {
        xvcpu_x86_alu_op op = (xvcpu_x86_alu_op)(in->op - XVCPU_X86_OP_ADD);
        bool bit_op = in->op >= XVCPU_X86_OP_BT && in->op <= XVCPU_X86_OP_BTC;
        uint64_t other = in->has_imm ? in->imm : xvcpu__x86_reg(vcpu, in->reg, in->op_bytes);
        bool reg_is_dest = !bit_op && in->mem_to_reg;
        if (bit_op)
            other &= 8u * in->op_bytes - 1;
        result = reg_is_dest ? xvcpu_x86_alu(op, in->op_bytes, other, mem, &emu->rflags)
                             : xvcpu_x86_alu(op, in->op_bytes, mem, other, &emu->rflags);
        (void)vcpu->backend->set_reg(vcpu, XVCPU_REG_RFLAGS, emu->rflags);
        if (in->op == XVCPU_X86_OP_CMP || in->op == XVCPU_X86_OP_TEST || in->op == XVCPU_X86_OP_BT)
            return xvcpu__emu_done(vcpu);
        if (reg_is_dest) {
            xvcpu__gpr_write(vcpu, (unsigned)in->reg, in->op_bytes, result);
            return xvcpu__emu_done(vcpu);
        }
        emu->step = XVCPU__EMU_WRITE;
        xvcpu__mmio_write_exit(exit, emu->gpa, in->mem_bytes, result);
        return XVCPU__MMIO_EXIT;
    }
}

/* Called by xvcpu_vcpu_run() while an emulation is under way, after the VMM completed its exit. */
static xvcpu__mmio_result xvcpu__x86_emu_continue(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_x86_emulation *emu = &vcpu->x86.emu;
    xvcpu__mmio_result r;
    switch (emu->step) {
    case XVCPU__EMU_READ:
        r = xvcpu__emu_after_read(vcpu, exit);
        break;
    case XVCPU__EMU_WRITE:
        if (emu->insn.op == XVCPU_X86_OP_XCHG)
            xvcpu__gpr_write(vcpu, (unsigned)emu->insn.reg, emu->insn.op_bytes, emu->value);
        r = xvcpu__emu_done(vcpu);
        break;
    default:
        r = xvcpu__emu_string_step(vcpu);
        break;
    }
    if (r == XVCPU__MMIO_EXIT) { /* the same hardware exit, still being answered */
        exit->raw_reason = vcpu->pending.exit.raw_reason;
        exit->raw_reason_name = vcpu->pending.exit.raw_reason_name;
        exit->raw_qualification = vcpu->pending.exit.raw_qualification;
        exit->raw_info2 = vcpu->pending.exit.raw_info2;
    }
    return r;
}

/* ==== xvcpu/x86/rules.c.h ==== */
/* The x86 rules both backends apply, said once. A rule takes the guest state it needs as values
 * and returns the architecture's answer: 0 when the instruction may complete, else the vector
 * of the exception the guest gets (#UD 6, #GP 13; no rule raises #DE, vector 0). The backend
 * reads the state from its VMCS or VMCB, and writes the result back in its own format: nothing
 * here touches hardware. Reserved-bit masks are generated from spec/ (XVCPU_*_RESERVED). */

/* What an exit handler tells the run loop, on both backends. */
typedef int xvcpu__action;
enum {
    XVCPU__TO_VMM = 0, /* `exit` holds a neutral exit for the VMM */
    XVCPU__RESUME = 1, /* handled inside: enter the guest again */
    XVCPU__GO_ON = 2   /* (inside a handler) a step succeeded: carry on */
    /* negative: -(xvcpu_err); vcpu->error says why the library cannot go on */
};
#define XVCPU__FAILED(err) (-(int)(err))

#define XVCPU__VEC_DB 1
#define XVCPU__VEC_UD 6
#define XVCPU__VEC_GP 13

/* The guest's control state as the CR and EFER rules see it. */
typedef struct xvcpu__x86_ctl {
    uint64_t cr0, cr3, cr4, efer; /* as the guest sees them */
    bool cs_l;                    /* CS.L: 64-bit code when EFER.LMA is set */
} xvcpu__x86_ctl;

/* A hardware exit the library does not handle: UNHANDLED, named with its raw reason by the run
 * loop (never a host panic; the VMM decides). */
static xvcpu__action xvcpu__x86_unhandled(xvcpu_exit *exit)
{
    exit->kind = XVCPU_EXIT_UNHANDLED;
    return XVCPU__TO_VMM;
}

/* EDX:EAX, as WRMSR and XSETBV take their operand. */
static inline uint64_t xvcpu__x86_edx_eax(const xvcpu_vcpu *vcpu)
{
    return ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
}

/* RDMSR's result: EDX:EAX, the upper halves cleared. */
static inline void xvcpu__x86_set_edx_eax(xvcpu_vcpu *vcpu, uint64_t value)
{
    vcpu->gpr[XVCPU_REG_RAX] = value & 0xFFFFFFFFu;
    vcpu->gpr[XVCPU_REG_RDX] = value >> 32;
}

/* CPUID: the guest's view (x86/cpuid.c.h) for leaf EAX, subleaf ECX. */
XVCPU__HOT void xvcpu__x86_cpuid(xvcpu_vcpu *vcpu, uint64_t cr4)
{
    uint32_t r[4];
    xvcpu__cpuid_lookup(vcpu, (uint32_t)vcpu->gpr[XVCPU_REG_RAX], (uint32_t)vcpu->gpr[XVCPU_REG_RCX], cr4, r);
    vcpu->gpr[XVCPU_REG_RAX] = r[0];
    vcpu->gpr[XVCPU_REG_RBX] = r[1];
    vcpu->gpr[XVCPU_REG_RCX] = r[2];
    vcpu->gpr[XVCPU_REG_RDX] = r[3];
}

/* XSETBV (SDM Vol. 1 13.3, Vol. 2 XSETBV; APM Vol. 4): #UD without CR4.OSXSAVE; #GP unless
 * ECX = 0, CPL 0 and EDX:EAX is an XCR0 the guest may enable: no reserved or supervisor bit, x87
 * set, AVX needs SSE, the AVX-512 trio all or none and with AVX, the MPX and AMX pairs all or
 * none. On 0, *xcr0 is the new value (the caller commits it). */
static int xvcpu__x86_xsetbv_rule(const xvcpu_vcpu *vcpu, uint64_t cr4, unsigned cpl, uint64_t *xcr0)
{
    uint64_t v = xvcpu__x86_edx_eax(vcpu);
    const uint64_t avx512 = XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 | XVCPU_XCR0_HI16_ZMM;
    const uint64_t mpx = XVCPU_XCR0_BNDREGS | XVCPU_XCR0_BNDCSR;
    const uint64_t amx = XVCPU_XCR0_TILECFG | XVCPU_XCR0_TILEDATA;
    if ((cr4 & XVCPU_CR4_OSXSAVE) == 0)
        return XVCPU__VEC_UD;
    if ((uint32_t)vcpu->gpr[XVCPU_REG_RCX] != 0 || cpl != 0 || (v & XVCPU_XCR0_RESERVED) != 0 ||
        (v & ~vcpu->x86.xcr0_allowed) != 0 || (v & XVCPU_XCR0_X87) == 0 ||
        ((v & XVCPU_XCR0_AVX) && !(v & XVCPU_XCR0_SSE)) ||
        ((v & avx512) != 0 && ((v & avx512) != avx512 || !(v & XVCPU_XCR0_AVX))) ||
        ((v & mpx) != 0 && (v & mpx) != mpx) || ((v & amx) != 0 && (v & amx) != amx))
        return XVCPU__VEC_GP;
    *xcr0 = v;
    return 0;
}

/* The four PAE PDPTEs CR3 points at (CR3 bits 31:5 outside IA-32e mode), from guest memory
 * through the stage-2 tables. False when they are not in guest RAM or a present one has a
 * reserved bit set (#GP for the instruction that loads them; SDM Vol. 3A 5.4.1). */
static bool xvcpu__x86_read_pdptes(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, uint64_t cr3, uint64_t pdpte[4])
{
    uint64_t gpa = cr3 & 0xFFFFFFE0u, hpa = 0;
    unsigned i;
    if (xvcpu_stage2_translate(s2, gpa, &hpa, NULL, NULL) != XVCPU_OK)
        return false;
    /* 32-byte aligned: the four entries never cross the page */
    XVCPU_MEMCPY(pdpte, (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa & ~0xFFFull) + (gpa & 0xFE0), 32);
    for (i = 0; i < 4; i++)
        if ((pdpte[i] & XVCPU_PAE_PDPTE_P) && (pdpte[i] & XVCPU_PAE_PDPTE_RESERVED))
            return false;
    return true;
}

/* Whether a change from `cur` to `next` (re)loads the PDPTEs: PAE paging outside IA-32e mode,
 * entered or with a paging-mode bit changed (SDM Vol. 3A 5.4.1: MOV to CR0 changing PG/CD/NW,
 * MOV to CR4 changing PAE/PGE/PSE/SMEP/SMAP). */
static bool xvcpu__x86_pdptes_load(const xvcpu__x86_ctl *cur, const xvcpu__x86_ctl *next)
{
    const uint64_t cr0_bits = XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW;
    const uint64_t cr4_bits = XVCPU_CR4_PAE | XVCPU_CR4_PGE | XVCPU_CR4_PSE | XVCPU_CR4_SMEP | XVCPU_CR4_SMAP;
    if (!(next->cr0 & XVCPU_CR0_PG) || !(next->cr4 & XVCPU_CR4_PAE) || (next->efer & XVCPU_IA32_EFER_LMA))
        return false;
    return ((cur->cr0 ^ next->cr0) & cr0_bits) != 0 || ((cur->cr4 ^ next->cr4) & cr4_bits) != 0;
}

/* MOV to CR0, CLTS, LMSW (SDM Vol. 3A 2.5, Vol. 2 MOV CR; APM Vol. 2 3.1.1): #GP for bits 63:32,
 * NW without CD, PG without PE, clearing PG in 64-bit code, and entering IA-32e mode without PAE
 * or from a CS with L set. ET reads as 1 and the other reserved bits as 0. EFER.LMA follows PG
 * when EFER.LME is set. PAE paging loads the PDPTEs (into `pdpte`, *loaded set): bad ones #GP.
 * On 0, *next is the state to commit. */
static int xvcpu__x86_cr0_rule(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, const xvcpu__x86_ctl *cur,
                               uint64_t value, xvcpu__x86_ctl *next, uint64_t pdpte[4], bool *loaded)
{
    bool paging_on = (value & XVCPU_CR0_PG) && !(cur->cr0 & XVCPU_CR0_PG);
    bool paging_off = !(value & XVCPU_CR0_PG) && (cur->cr0 & XVCPU_CR0_PG);
    *next = *cur;
    *loaded = false;
    if ((value >> 32) != 0 || ((value & XVCPU_CR0_NW) && !(value & XVCPU_CR0_CD)) ||
        ((value & XVCPU_CR0_PG) && !(value & XVCPU_CR0_PE)))
        return XVCPU__VEC_GP;
    value = (value & ~XVCPU_CR0_RESERVED) | XVCPU_CR0_ET;
    if (paging_on && (cur->efer & XVCPU_IA32_EFER_LME)) {
        if (!(cur->cr4 & XVCPU_CR4_PAE) || cur->cs_l)
            return XVCPU__VEC_GP;
        next->efer |= XVCPU_IA32_EFER_LMA;
    } else if (paging_off && (cur->efer & XVCPU_IA32_EFER_LMA)) {
        if (cur->cs_l) /* 64-bit code cannot leave IA-32e mode; compatibility mode can */
            return XVCPU__VEC_GP;
        next->efer &= ~XVCPU_IA32_EFER_LMA;
    }
    next->cr0 = value;
    if (xvcpu__x86_pdptes_load(cur, next)) {
        if (!xvcpu__x86_read_pdptes(vcpu, s2, next->cr3, pdpte))
            return XVCPU__VEC_GP;
        *loaded = true;
    }
    return 0;
}

/* MOV to CR4 (SDM Vol. 3A 2.5; APM Vol. 2 3.1.3): #GP for a reserved bit or one the guest's CPU
 * lacks (`allowed`), clearing PAE or changing LA57 in IA-32e mode, setting PCIDE outside IA-32e
 * mode or with CR3[11:0] != 0. PDPTEs as for CR0. */
static int xvcpu__x86_cr4_rule(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, const xvcpu__x86_ctl *cur,
                               uint64_t value, uint64_t allowed, xvcpu__x86_ctl *next, uint64_t pdpte[4],
                               bool *loaded)
{
    bool lma = (cur->efer & XVCPU_IA32_EFER_LMA) != 0;
    *next = *cur;
    *loaded = false;
    if ((value & (XVCPU_CR4_RESERVED | ~allowed)) != 0 || (lma && !(value & XVCPU_CR4_PAE)) ||
        (lma && ((value ^ cur->cr4) & XVCPU_CR4_LA57)) ||
        ((value & XVCPU_CR4_PCIDE) && !(cur->cr4 & XVCPU_CR4_PCIDE) && (!lma || (cur->cr3 & 0xFFF) != 0)))
        return XVCPU__VEC_GP;
    next->cr4 = value;
    if (xvcpu__x86_pdptes_load(cur, next)) {
        if (!xvcpu__x86_read_pdptes(vcpu, s2, next->cr3, pdpte))
            return XVCPU__VEC_GP;
        *loaded = true;
    }
    return 0;
}

/* LMSW loads PE, MP, EM and TS from the source's low 4 bits and cannot clear PE (SDM Vol. 2). */
static inline uint64_t xvcpu__x86_lmsw(uint64_t cr0, uint64_t src)
{
    const uint64_t msw = XVCPU_CR0_PE | XVCPU_CR0_MP | XVCPU_CR0_EM | XVCPU_CR0_TS;
    return (cr0 & ~(msw & ~XVCPU_CR0_PE)) | (src & msw) | (cr0 & XVCPU_CR0_PE);
}

/* The EFER bits a guest owns on both backends; LMA it may write back unchanged. */
#define XVCPU__X86_EFER_GUEST (XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_NXE)

/* WRMSR IA32_EFER (SDM Vol. 4 Table 2-2; APM Vol. 2 3.1.7): #GP for a reserved bit, a bit the
 * guest does not own, or a change of LME while paging is on (`cr0`, the guest's). LMA is not the
 * guest's: it keeps its value. On 0, *out is the new guest EFER. */
static int xvcpu__x86_efer_rule(uint64_t cr0, uint64_t efer, uint64_t value, uint64_t *out)
{
    if ((value & (XVCPU_IA32_EFER_RESERVED | ~(XVCPU__X86_EFER_GUEST | XVCPU_IA32_EFER_LMA))) != 0 ||
        (((value ^ efer) & XVCPU_IA32_EFER_LME) && (cr0 & XVCPU_CR0_PG)))
        return XVCPU__VEC_GP;
    *out = (value & ~XVCPU_IA32_EFER_LMA) | (efer & XVCPU_IA32_EFER_LMA);
    return 0;
}

/* WRMSR IA32_PAT: every entry UC, WC, WT, WP, WB or UC- (SDM Vol. 3A 12.12.2; APM Vol. 2 7.8.1). */
static bool xvcpu__x86_pat_valid(uint64_t value)
{
    unsigned i;
    if (value & XVCPU_IA32_PAT_RESERVED)
        return false;
    for (i = 0; i < 8; i++) {
        unsigned t = (unsigned)(value >> (8 * i)) & 7;
        if (t == 2 || t == 3)
            return false;
    }
    return true;
}

/* The hypercall ABI (VMCALL and VMMCALL alike): number in RAX, arguments in RDI, RSI, RDX, RCX,
 * R8, R9; the result goes to RAX (xvcpu_complete_hypercall). */
static void xvcpu__x86_hypercall_exit(const xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    static const uint8_t args[6] = { XVCPU_REG_RDI, XVCPU_REG_RSI, XVCPU_REG_RDX,
                                     XVCPU_REG_RCX, XVCPU_REG_R8, XVCPU_REG_R9 };
    unsigned i;
    exit->kind = XVCPU_EXIT_HYPERCALL;
    exit->u.hypercall.nr = vcpu->gpr[XVCPU_REG_RAX];
    for (i = 0; i < 6; i++)
        exit->u.hypercall.args[i] = vcpu->gpr[args[i]];
}

/* HLT ends at once when an interrupt is waiting and the guest takes interrupts (RFLAGS.IF).
 * `rflags` is asked for only when an interrupt is waiting (a VMREAD on VMX). */
#define XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, rflags) \
    (xvcpu__highest_irr(vcpu) >= 0 && ((rflags) & XVCPU_RFLAGS_IF) != 0)

/* An MSR the VMM intercepts: a SYSREG exit with the value EDX:EAX for writes. */
static void xvcpu__x86_msr_exit(const xvcpu_vcpu *vcpu, uint32_t msr, bool write, xvcpu_exit *exit)
{
    exit->kind = write ? XVCPU_EXIT_SYSREG_WRITE : XVCPU_EXIT_SYSREG_READ;
    if (write) {
        exit->u.sysreg_write.addr = msr;
        exit->u.sysreg_write.value = xvcpu__x86_edx_eax(vcpu);
    } else {
        exit->u.sysreg_read.addr = msr;
        exit->u.sysreg_read.reg = XVCPU_REG_RAX;
    }
}

/* A stage-2 fault (EPT violation, NPF) at `gpa`: an access to a registered MMIO region becomes
 * MMIO_READ / MMIO_WRITE (or is emulated, or raises an exception), anything else a
 * NESTED_PAGE_FAULT the VMM answers by mapping the page. `fill_mode` reads the guest's addressing
 * state from the VMCS/VMCB, only on the MMIO path. The access is retried once mapped, so the
 * exit has no instruction length. */
static xvcpu__action xvcpu__x86_stage2_fault(xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, uint64_t gpa, uint32_t access,
                                             bool reinjected, void (*fill_mode)(xvcpu_vcpu *, xvcpu_x86_mode *),
                                             xvcpu_exit *exit)
{
    exit->raw_info2 = gpa;
    vcpu->pending.insn_len = 0;
    if (vcpu->mmio_count != 0 && !(access & XVCPU_ACCESS_EXEC) && xvcpu__in_mmio_region(vcpu, gpa)) {
        xvcpu_x86_mode mode;
        fill_mode(vcpu, &mode);
        switch (xvcpu__x86_mmio_fault(vcpu, &mode, s2, gpa, access, reinjected, exit)) {
        case XVCPU__MMIO_REENTER: return XVCPU__RESUME;
        case XVCPU__MMIO_EXIT: return XVCPU__TO_VMM;
        case XVCPU__MMIO_NOT_MMIO: break;
        }
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = gpa;
    exit->u.nested_page_fault.access = access;
    return XVCPU__TO_VMM;
}

/* OUT's data: AL, AX or EAX. */
static inline uint64_t xvcpu__x86_out_data(const xvcpu_vcpu *vcpu, unsigned width)
{
    return vcpu->gpr[XVCPU_REG_RAX] & (width == 4 ? 0xFFFFFFFFull : width == 2 ? 0xFFFFull : 0xFFull);
}

/* ==== xvcpu/x86/fpu.c.h ==== */
/* Keeping the guest's extended state (FPU/SSE/AVX ...) apart from everyone else's: an area from
 * the HAL, saved at unbind and restored at bind (see the contract in x86.h). */

static xvcpu_err xvcpu__fpu_setup(xvcpu_vcpu *vcpu)
{
    xvcpu_x86_state *x86 = &vcpu->x86;
    uint32_t r[4], size = 512;
    uint8_t *area;
    x86->use_xsave = x86->xcr0_allowed != XVCPU_XCR0_X87;
    if (x86->use_xsave) {
        XVCPU_CPUID(0xD, 0, r);
        size = r[2] > 576 ? r[2] : 576; /* ECX: the largest area any XCR0 needs */
    }
    x86->xsave_pages = (size + 4095) / 4096;
    area = (uint8_t *)xvcpu__alloc_zeroed(vcpu->hal, x86->xsave_pages, &x86->xsave_area_phys);
    if (area == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_setup: vCPU %u: no pages for the extended-state area", vcpu->id);
    /* the power-on x87 control word and MXCSR (SDM Vol. 1 Table 13-1 offsets 0 and 24) */
    area[0] = 0x7F;
    area[1] = 0x03;
    area[24] = 0x80;
    area[25] = 0x1F;
    x86->xsave_area = area;
    return XVCPU_OK;
}

static void xvcpu__fpu_free(xvcpu_vcpu *vcpu)
{
    xvcpu__free(vcpu->hal, &vcpu->x86.xsave_area, vcpu->x86.xsave_area_phys, vcpu->x86.xsave_pages);
}

static void xvcpu__fpu_load_guest(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.use_xsave)
        XVCPU_XRSTOR(vcpu->x86.xsave_area, vcpu->x86.xcr0_allowed);
    else
        XVCPU_FXRSTOR(vcpu->x86.xsave_area);
}

/* Save the guest's registers, then leave none of its data in them. */
static void xvcpu__fpu_save_guest(xvcpu_vcpu *vcpu)
{
    /* FCW 0x037F at offset 0, MXCSR 0x1F80 at 24, XSTATE_BV 0 at 512: the initial state */
    static const uint8_t init_area[576] __attribute__((aligned(64))) = {
        0x7F, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x1F
    };
    if (vcpu->x86.use_xsave) {
        XVCPU_XSAVE(vcpu->x86.xsave_area, vcpu->x86.xcr0_allowed);
        XVCPU_XRSTOR(init_area, vcpu->x86.xcr0_allowed); /* XSTATE_BV = 0: every component to init */
    } else {
        XVCPU_FXSAVE(vcpu->x86.xsave_area);
        XVCPU_FXRSTOR(init_area);
    }
}

/* What every x86 backend does last at bind and first at unbind: the host's XCR0 (it cannot
 * change while bound), the guest's FPU/SSE/AVX registers and the MSRs the guest owns while bound
 * (x86/msrs.c.h). */
static void xvcpu__x86_bind_state(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.xcr0_allowed != XVCPU_XCR0_X87)
        vcpu->x86.host_xcr0 = XVCPU_XGETBV(0);
    xvcpu__fpu_load_guest(vcpu);
    xvcpu__x86_bind_msrs(vcpu, true);
}

static void xvcpu__x86_unbind_state(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_bind_msrs(vcpu, false);
    xvcpu__fpu_save_guest(vcpu);
}

/* ==== xvcpu/vmx/percpu.c.h ==== */
/* VMX per-CPU enable and disable (SDM Vol. 3C 24.7 "Enabling and Entering VMX Operation"). */

/* Report a failed VMX instruction with the SDM's words. */
static xvcpu_err xvcpu__vmx_insn_fail(const xvcpu_hal *hal, char *buf, const char *what, int status)
{
    uint64_t number = 0;
    const char *text;
    if (status == XVCPU_VMX_FAIL_INVALID)
        return xvcpu__fail(hal, buf, XVCPU_ERR_VM_INSTRUCTION, "%s failed: VMfailInvalid (no current VMCS)", what);
    (void)XVCPU_VMREAD(XVCPU_VMCS_VM_INSTRUCTION_ERROR, &number);
    text = xvcpu_vmx_error_text((uint32_t)number);
    return xvcpu__fail(hal, buf, XVCPU_ERR_VM_INSTRUCTION, "%s failed: VM-instruction error %u: %s", what,
                       (unsigned)number, text ? text : "(unknown error number)");
}

static xvcpu_err xvcpu__vmx_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_vmx_caps *caps = &cpu->caps.vmx;
    uint32_t r[4];
    uint64_t fc, cr0, cr4, need, bad;
    uint32_t *region;
    int st;

    XVCPU_CPUID(1, 0, r);
    if ((r[2] & XVCPU_CPUID_01_ECX_VMX) == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED, "%s: CPU %u has no VMX (CPUID.1:ECX.VMX = 0)",
                           fn, cpu->cpu_id);
    cr4 = XVCPU_READ_CR4();
    if (cr4 & XVCPU_CR4_VMXE)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "%s: CPU %u: CR4.VMXE is already set; VMX is in use by someone else", fn, cpu->cpu_id);

    /* IA32_FEATURE_CONTROL (SDM Vol. 3C 24.7): firmware may have locked VMX off. */
    fc = XVCPU_RDMSR(XVCPU_MSR_IA32_FEATURE_CONTROL);
    if (fc & XVCPU_IA32_FEATURE_CONTROL_LOCK) {
        if ((fc & XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX) == 0)
            return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_DISABLED_BY_FIRMWARE,
                               "%s: CPU %u: IA32_FEATURE_CONTROL (%llx) is locked without VMX outside SMX", fn,
                               cpu->cpu_id, (unsigned long long)fc);
    } else {
        XVCPU_WRMSR(XVCPU_MSR_IA32_FEATURE_CONTROL,
                    fc | XVCPU_IA32_FEATURE_CONTROL_LOCK | XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX);
    }

    /* IA32_VMX_BASIC (SDM Vol. 3D A.1): the regions must fit a page and be write-back. */
    caps->basic = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_BASIC);
    if (XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REGION_SIZE, caps->basic) > 4096)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: IA32_VMX_BASIC (%llx) wants VMX regions larger than 4 KiB", fn, cpu->cpu_id,
                           (unsigned long long)caps->basic);
    if (XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_MEMORY_TYPE, caps->basic) != XVCPU_X86_MEMORY_TYPE_WB)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: IA32_VMX_BASIC (%llx) does not use write-back VMX regions", fn, cpu->cpu_id,
                           (unsigned long long)caps->basic);
    caps->misc = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_MISC);
    caps->cr0_fixed0 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR0_FIXED0);
    caps->cr0_fixed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR0_FIXED1);
    caps->cr4_fixed0 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR4_FIXED0);
    caps->cr4_fixed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_CR4_FIXED1);
    /* IA32_VMX_EPT_VPID_CAP exists only when secondary controls can enable EPT or VPID (A.10). */
    caps->ept_vpid = 0;
    if ((XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS) >> 32) & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) {
        uint64_t allowed1 = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2) >> 32;
        if (allowed1 & (XVCPU_PROC2_ENABLE_EPT | XVCPU_PROC2_ENABLE_VPID))
            caps->ept_vpid = XVCPU_RDMSR(XVCPU_MSR_IA32_VMX_EPT_VPID_CAP);
    }

    /* CR0 and CR4 must hold every FIXED0 bit and no bit outside FIXED1 (SDM Vol. 3D A.7, A.8). */
    cr0 = XVCPU_READ_CR0();
    need = caps->cr0_fixed0 & ~cr0;
    bad = cr0 & ~caps->cr0_fixed1;
    if (need | bad)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: CPU %u: CR0 %llx must also set %llx and clear %llx (IA32_VMX_CR0_FIXED0/1)", fn,
                           cpu->cpu_id, (unsigned long long)cr0, (unsigned long long)need, (unsigned long long)bad);
    cr4 |= XVCPU_CR4_VMXE;
    need = caps->cr4_fixed0 & ~cr4;
    bad = cr4 & ~caps->cr4_fixed1;
    if (need | bad)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BAD_STATE,
                           "%s: CPU %u: CR4 %llx must also set %llx and clear %llx (IA32_VMX_CR4_FIXED0/1)", fn,
                           cpu->cpu_id, (unsigned long long)cr4, (unsigned long long)need, (unsigned long long)bad);

    region = (uint32_t *)cpu->hal->alloc_pages(cpu->hal->ctx, 1, &cpu->region_phys);
    if (region == NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_NO_MEMORY, "%s: CPU %u: no page for the VMXON region",
                           fn, cpu->cpu_id);
    XVCPU_MEMSET(region, 0, 4096);
    region[0] = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, caps->basic);
    cpu->region = region;
    XVCPU_WRITE_CR4(cr4);
    st = XVCPU_VMXON(cpu->region_phys);
    if (st != XVCPU_VMX_OK) {
        XVCPU_WRITE_CR4(cr4 & ~XVCPU_CR4_VMXE);
        cpu->hal->free_pages(cpu->hal->ctx, region, cpu->region_phys, 1);
        cpu->region = NULL;
        return xvcpu__vmx_insn_fail(cpu->hal, cpu->error, "VMXON", st);
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_percpu_disable(xvcpu_percpu *cpu)
{
    int st = XVCPU_VMXOFF();
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(cpu->hal, cpu->error, "VMXOFF", st);
    XVCPU_WRITE_CR4(XVCPU_READ_CR4() & ~XVCPU_CR4_VMXE);
    cpu->hal->free_pages(cpu->hal->ctx, cpu->region, cpu->region_phys, 1);
    cpu->region = NULL;
    return XVCPU_OK;
}

/* ==== xvcpu/vmx/entry.c.h ==== */
/* The VMX entry trampoline (SDM Vol. 3C 27 "VM Entries", 28 "VM Exits").
 *
 *   int xvcpu__vmx_trampoline(uint64_t gpr[16], uint64_t *host_rsp, uint64_t launched,
 *                             uint64_t host_rsp_encoding)
 *
 * Saves the callee-saved registers, keeps HOST_RSP current (one VMWRITE only when the stack
 * moved), loads every guest GPR but RSP (which the VMCS holds), and executes VMLAUNCH or
 * VMRESUME. A VM exit lands at xvcpu__vmx_exit_point (HOST_RIP, right after both instructions)
 * with the host stack as it was at entry; the guest GPRs are stored back and 0 is returned. If
 * the instruction itself fails there is no exit: the result is 1 for VMfailInvalid (CF) and 2
 * for VMfailValid (ZF), read from the flags at the same point. The symbols are local to this
 * object (no .globl), so XVCPU_STATIC users get one private copy per translation unit. */

#if defined(__x86_64__)
__asm__(
    ".pushsection .text\n"
    ".type xvcpu__vmx_trampoline, @function\n"
    ".p2align 4\n"
    "xvcpu__vmx_trampoline:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    XVCPU__ASM_PUSH_CALLEE_SAVED
    "    push %rdi\n"                 /* the GPR array, found again at the exit point */
    "    cmp %rsp, (%rsi)\n"
    "    je 1f\n"
    "    mov %rsp, (%rsi)\n"
    "    vmwrite %rsp, %rcx\n"        /* HOST_RSP; a failure here shows as a failed entry below */
    "1:  test %rdx, %rdx\n"           /* launched? (mov below leaves the flags alone) */
    "    mov 0x00(%rdi), %rax\n"
    XVCPU__ASM_LOAD_GUEST_GPRS
    "    jnz 2f\n"
    "    vmlaunch\n"
    "    jmp xvcpu__vmx_exit_point\n"
    "2:  vmresume\n"
    /* HOST_RIP. A VM exit arrives with RFLAGS = 2 (SDM Vol. 3C 28.5.3); a VMLAUNCH or VMRESUME
     * that failed falls through with CF (VMfailInvalid) or ZF (VMfailValid) set. Being the
     * instruction after both, it keeps the stack the same on every path, as objtool checks. */
    "xvcpu__vmx_exit_point:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    "    jbe 3f\n"
    XVCPU__ASM_GUEST_RDI_ASIDE
    "    mov %rax, 0x00(%rdi)\n"
    XVCPU__ASM_STORE_GUEST_GPRS
    "    xor %eax, %eax\n"
    "    jmp 4f\n"
    "3:  mov $1, %eax\n"              /* VMfail: CF=1 invalid, else ZF=1 valid */
    "    jc 4f\n"
    "    mov $2, %eax\n"
    "4:  pop %rdi\n"
    XVCPU__ASM_POP_CALLEE_SAVED
    "    " XVCPU_ASM_RET "\n"
    ".size xvcpu__vmx_trampoline, . - xvcpu__vmx_trampoline\n"
    ".popsection\n");

extern int xvcpu__vmx_trampoline(uint64_t *gpr, uint64_t *host_rsp, uint64_t launched, uint64_t host_rsp_encoding);
extern char xvcpu__vmx_exit_point[];

/* XVCPU_VMX_ENTER(vcpu) -> 0 after a VM exit, else XVCPU_VMX_FAIL_*. Host tests substitute a
 * software guest. XVCPU_VMX_EXIT_POINT is the HOST_RIP the trampoline expects. */
#ifndef XVCPU_VMX_ENTER
#define XVCPU_VMX_ENTER(vcpu)                                                                  \
    xvcpu__vmx_trampoline((vcpu)->gpr, &(vcpu)->arch.vmx.host_rsp, (vcpu)->arch.vmx.launched,  \
                          XVCPU_VMCS_HOST_RSP)
#endif
#ifndef XVCPU_VMX_EXIT_POINT
#define XVCPU_VMX_EXIT_POINT ((uint64_t)(uintptr_t)xvcpu__vmx_exit_point)
#endif
#endif /* __x86_64__ */

XVCPU_STATIC_ASSERT(XVCPU_REG_RSP == 4 && XVCPU_REG_RDI == 7 && XVCPU_REG_R15 == 15, gpr_layout_matches_trampoline);

/* ==== xvcpu/vmx/setup.c.h ==== */
/* VMX vCPU lifecycle: create (VMCS and bitmaps from the HAL), setup (controls, masks, CPUID),
 * bind (VMPTRLD; first time: the whole VMCS), unbind (VMCLEAR), destroy. */

/* Guest segment access rights (SDM Vol. 3C 25.4.1, Table 25-2). */
#define XVCPU__AR_CODE16 0x009Bu   /* P, S, type 11 (execute/read, accessed) */
#define XVCPU__AR_DATA16 0x0093u   /* P, S, type 3 (read/write, accessed) */
#define XVCPU__AR_CODE32 0xC09Bu   /* + G, D/B */
#define XVCPU__AR_DATA32 0xC093u
#define XVCPU__AR_CODE64 0xA09Bu   /* + G, L */
#define XVCPU__AR_TSS_BUSY 0x008Bu /* P, type 11 (busy 32/64-bit TSS) */
#define XVCPU__AR_UNUSABLE 0x10000u
#define XVCPU__PAT_POWER_ON 0x0007040600070406ull /* SDM Vol. 3A 13.12.4 */

static void xvcpu__vmx_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu__free(hal, &vcpu->arch.vmx.vmcs, vcpu->arch.vmx.vmcs_phys, 1);
    xvcpu__free(hal, &vcpu->x86.io_bitmap, vcpu->x86.io_bitmap_phys, 2);
    xvcpu__free(hal, &vcpu->x86.msr_bitmap, vcpu->x86.msr_bitmap_phys, 1);
    xvcpu__free(hal, &vcpu->x86.msr_to_vmm, vcpu->x86.msr_to_vmm_phys, 1);
    xvcpu__fpu_free(vcpu);
}

/* The MSRs SYSCALL/SWAPGS use in 64-bit mode, which VM entry and exit leave alone: the guest's
 * values are in the CPU from bind to unbind. Contract: meanwhile the host must not return to its
 * user mode on this CPU (nor rely on SWAPGS from it); unbind first. */
static const uint32_t xvcpu__vmx_syscall_msr[5] = {
    XVCPU_MSR_IA32_STAR, XVCPU_MSR_IA32_LSTAR, XVCPU_MSR_IA32_CSTAR, XVCPU_MSR_IA32_FMASK,
    XVCPU_MSR_IA32_KERNEL_GS_BASE
};

static void xvcpu__vmx_syscall_msrs(xvcpu_vmx_vcpu *vmx, bool to_guest)
{
    unsigned i;
    for (i = 0; i < 5; i++) {
        uint64_t *save = to_guest ? &vmx->host_syscall_msrs[i] : &vmx->guest_syscall_msrs[i];
        *save = XVCPU_RDMSR(xvcpu__vmx_syscall_msr[i]);
        XVCPU_WRMSR(xvcpu__vmx_syscall_msr[i], to_guest ? vmx->guest_syscall_msrs[i] : vmx->host_syscall_msrs[i]);
    }
}

static xvcpu_err xvcpu__vmx_vcpu_create(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    vmx->caps = vcpu->home->caps.vmx;
    vmx->vmcs = xvcpu__alloc_zeroed(hal, 1, &vmx->vmcs_phys);
    vcpu->x86.io_bitmap = xvcpu__alloc_zeroed(hal, 2, &vcpu->x86.io_bitmap_phys);
    vcpu->x86.msr_bitmap = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_bitmap_phys);
    vcpu->x86.msr_to_vmm = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_to_vmm_phys);
    if (!vmx->vmcs || !vcpu->x86.io_bitmap || !vcpu->x86.msr_bitmap || !vcpu->x86.msr_to_vmm) {
        xvcpu__vmx_vcpu_destroy(vcpu);
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_create: vCPU %u: no pages for the VMCS and bitmaps", vcpu->id);
    }
    /* Deny by default: every port and every MSR access exits (bits set). */
    XVCPU_MEMSET(vcpu->x86.io_bitmap, 0xFF, 2 * 4096);
    XVCPU_MEMSET(vcpu->x86.msr_bitmap, 0xFF, 4096);
    {   /* switched at bind/unbind (see xvcpu__vmx_syscall_msrs): the guest uses them directly */
        unsigned i;
        for (i = 0; i < 5; i++) {
            uint32_t bit = (uint32_t)xvcpu__msr_bit(xvcpu__vmx_syscall_msr[i]);
            xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit, false);
            xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit + XVCPU__MSR_WRITE_BITS, false);
        }
    }
    ((uint32_t *)vmx->vmcs)[0] = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, vcpu->arch.vmx.caps.basic);
    return XVCPU_OK;
}

/* Request a control word: the required bits or an error naming the first missing one. */
static xvcpu_err xvcpu__vmx_control(xvcpu_vcpu *vcpu, xvcpu_vmx_word w, uint64_t required, uint64_t optional,
                                    uint32_t *out)
{
    xvcpu_vmx_ctl_result r = xvcpu_vmx_ctl_adjust_word(w, vcpu->arch.vmx.caps.basic, required, optional);
    if (r.missing != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_setup: vCPU %u: the CPU lacks VMX control %s.%s", vcpu->id,
                           xvcpu_vmx_word_describe(w).name, xvcpu_vmx_ctl_first_missing(w, r.missing));
    *out = (uint32_t)r.value;
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vmx_caps *caps = &vcpu->arch.vmx.caps;
    xvcpu_err err;
    uint64_t owned;

    if (args->stage2 == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u: VMX needs stage-2 (EPT) tables", vcpu->id);
    if (args->stage2->format != XVCPU_STAGE2_EPT)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u: the stage-2 tables are not in EPT format", vcpu->id);
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PIN,
                                  XVCPU_PIN_EXTERNAL_INTERRUPT_EXITING | XVCPU_PIN_NMI_EXITING | XVCPU_PIN_VIRTUAL_NMIS,
                                  0, &vmx->pin)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PROC,
                                  XVCPU_PROC_HLT_EXITING | XVCPU_PROC_USE_IO_BITMAPS | XVCPU_PROC_USE_MSR_BITMAPS |
                                      XVCPU_PROC_CR8_LOAD_EXITING | XVCPU_PROC_CR8_STORE_EXITING |
                                      XVCPU_PROC_MWAIT_EXITING | XVCPU_PROC_MONITOR_EXITING |
                                      XVCPU_PROC_RDPMC_EXITING | XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS,
                                  0, &vmx->proc)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_PROC2, XVCPU_PROC2_ENABLE_EPT | XVCPU_PROC2_UNRESTRICTED_GUEST,
                                  XVCPU_PROC2_ENABLE_VPID | XVCPU_PROC2_ENABLE_RDTSCP | XVCPU_PROC2_ENABLE_INVPCID |
                                      XVCPU_PROC2_WBINVD_EXITING,
                                  &vmx->proc2)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_EXIT,
                                  XVCPU_EXIT_HOST_ADDRESS_SPACE_SIZE | XVCPU_EXIT_ACKNOWLEDGE_INTERRUPT_ON_EXIT |
                                      XVCPU_EXIT_SAVE_IA32_EFER | XVCPU_EXIT_LOAD_IA32_EFER | XVCPU_EXIT_SAVE_IA32_PAT |
                                      XVCPU_EXIT_LOAD_IA32_PAT | XVCPU_EXIT_SAVE_DEBUG_CONTROLS,
                                  0, &vmx->exit_ctls)) != XVCPU_OK)
        return err;
    if ((err = xvcpu__vmx_control(vcpu, XVCPU_VMX_WORD_ENTRY,
                                  XVCPU_ENTRY_LOAD_IA32_EFER | XVCPU_ENTRY_LOAD_IA32_PAT | XVCPU_ENTRY_LOAD_DEBUG_CONTROLS |
                                      (args->mode == XVCPU_START_LONG ? XVCPU_ENTRY_IA32E_MODE_GUEST : 0),
                                  0, &vmx->entry_ctls)) != XVCPU_OK)
        return err;
    if ((vmx->proc2 & XVCPU_PROC2_ENABLE_VPID) != 0)
        vmx->vpid = (uint16_t)(vcpu->id + 1); /* VPID 0 is the host's */

    /* CR0/CR4 bits the host owns: those VMX fixes (except PE/PG, free under unrestricted guest),
     * and those whose changes the library must see (mode switches, reserved combinations). */
    owned = (caps->cr0_fixed0 | ~caps->cr0_fixed1) & ~(XVCPU_CR0_PE | XVCPU_CR0_PG);
    vmx->cr0_mask = owned | XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW;
    vmx->cr4_allowed = caps->cr4_fixed1 & ~(XVCPU_CR4_VMXE | XVCPU_CR4_SMXE);
    vmx->cr4_mask = caps->cr4_fixed0 | ~vmx->cr4_allowed | XVCPU_CR4_PAE | XVCPU_CR4_PCIDE | XVCPU_CR4_LA57 |
                    XVCPU_CR4_OSXSAVE | XVCPU_CR4_PKE;
    vmx->stage2 = args->stage2;
    vmx->start = *args;
    vmx->initialized = false;
    if ((err = xvcpu__x86_cpuid_setup(vcpu, vmx->proc2)) != XVCPU_OK)
        return err;
    return xvcpu__fpu_setup(vcpu);
}

/* Write the whole guest area for the start mode (first bind only). */
static int xvcpu__vmx_write_guest_state(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmx_caps *caps = &vcpu->arch.vmx.caps;
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vcpu_setup_args *a = &vmx->start;
    xvcpu__x86_start g;
    uint32_t cs_ar, ds_ar;
    int st = 0;

    xvcpu__x86_start_state(a, &g);
    cs_ar = g.code_bits == 16 ? XVCPU__AR_CODE16 : g.code_bits == 32 ? XVCPU__AR_CODE32 : XVCPU__AR_CODE64;
    ds_ar = g.code_bits == 16 ? XVCPU__AR_DATA16 : XVCPU__AR_DATA32;
    vmx->cr0 = g.cr0;
    vmx->cr4 = g.cr4;
    vmx->efer = g.efer;
    st |= xvcpu_vmcs_write_cr0_guest_host_mask(vmx->cr0_mask);
    st |= xvcpu_vmcs_write_cr4_guest_host_mask(vmx->cr4_mask);
    st |= xvcpu_vmcs_write_cr0_read_shadow(vmx->cr0);
    st |= xvcpu_vmcs_write_cr4_read_shadow(vmx->cr4);
    st |= xvcpu_vmcs_write_guest_cr0((vmx->cr0 | (caps->cr0_fixed0 & ~(XVCPU_CR0_PE | XVCPU_CR0_PG))) & caps->cr0_fixed1);
    st |= xvcpu_vmcs_write_guest_cr4((vmx->cr4 | caps->cr4_fixed0) & caps->cr4_fixed1);
    st |= xvcpu_vmcs_write_guest_cr3(g.cr3);
    st |= xvcpu_vmcs_write_guest_ia32_efer(g.efer);
    st |= xvcpu_vmcs_write_guest_ia32_pat(XVCPU__PAT_POWER_ON);
    st |= xvcpu_vmcs_write_guest_ia32_debugctl(0);
    st |= xvcpu_vmcs_write_guest_dr7(0x400);
    st |= xvcpu_vmcs_write_guest_rflags(XVCPU_RFLAGS_FIXED1);
    st |= xvcpu_vmcs_write_guest_rip(g.rip);
    st |= xvcpu_vmcs_write_guest_rsp(a->stack);
    st |= xvcpu_vmcs_write_guest_cs_selector(g.cs_sel);
    st |= xvcpu_vmcs_write_guest_cs_base(g.cs_base);
    st |= xvcpu_vmcs_write_guest_cs_limit(g.limit);
    st |= xvcpu_vmcs_write_guest_cs_access_rights(cs_ar);
#define XVCPU__DATA_SEG(seg)                                              \
    st |= xvcpu_vmcs_write_guest_##seg##_selector(g.ds_sel);              \
    st |= xvcpu_vmcs_write_guest_##seg##_base(0);                         \
    st |= xvcpu_vmcs_write_guest_##seg##_limit(g.limit);                  \
    st |= xvcpu_vmcs_write_guest_##seg##_access_rights(ds_ar);
    XVCPU__DATA_SEG(ss)
    XVCPU__DATA_SEG(ds)
    XVCPU__DATA_SEG(es)
    XVCPU__DATA_SEG(fs)
    XVCPU__DATA_SEG(gs)
#undef XVCPU__DATA_SEG
    st |= xvcpu_vmcs_write_guest_tr_selector(0);
    st |= xvcpu_vmcs_write_guest_tr_base(0);
    st |= xvcpu_vmcs_write_guest_tr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_tr_access_rights(XVCPU__AR_TSS_BUSY);
    st |= xvcpu_vmcs_write_guest_ldtr_selector(0);
    st |= xvcpu_vmcs_write_guest_ldtr_base(0);
    st |= xvcpu_vmcs_write_guest_ldtr_limit(0);
    st |= xvcpu_vmcs_write_guest_ldtr_access_rights(XVCPU__AR_UNUSABLE);
    st |= xvcpu_vmcs_write_guest_gdtr_base(0);
    st |= xvcpu_vmcs_write_guest_gdtr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_idtr_base(0);
    st |= xvcpu_vmcs_write_guest_idtr_limit(0xFFFF);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_cs(0);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_esp(0);
    st |= xvcpu_vmcs_write_guest_ia32_sysenter_eip(0);
    st |= xvcpu_vmcs_write_guest_interruptibility_state(0);
    st |= xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_ACTIVE);
    st |= xvcpu_vmcs_write_guest_pending_debug_exceptions(0);
    st |= xvcpu_vmcs_write_vmcs_link_pointer(~0ull);
    return st;
}

/* Controls and pointers that never change per CPU (first bind only). */
static int xvcpu__vmx_write_controls(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = 0;
    st |= xvcpu_vmcs_write_pin_based_controls(vmx->pin);
    st |= xvcpu_vmcs_write_primary_proc_based_controls(vmx->proc);
    st |= xvcpu_vmcs_write_secondary_proc_based_controls(vmx->proc2);
    st |= xvcpu_vmcs_write_primary_exit_controls(vmx->exit_ctls);
    st |= xvcpu_vmcs_write_entry_controls(vmx->entry_ctls);
    st |= xvcpu_vmcs_write_exception_bitmap(0);
    st |= xvcpu_vmcs_write_io_bitmap_a_address(vcpu->x86.io_bitmap_phys);
    st |= xvcpu_vmcs_write_io_bitmap_b_address(vcpu->x86.io_bitmap_phys + 4096);
    st |= xvcpu_vmcs_write_msr_bitmap_address(vcpu->x86.msr_bitmap_phys);
    st |= xvcpu_vmcs_write_ept_pointer(xvcpu_stage2_eptp(vmx->stage2));
    if (vmx->vpid != 0)
        st |= xvcpu_vmcs_write_virtual_processor_id(vmx->vpid);
    st |= xvcpu_vmcs_write_exit_msr_store_count(0);
    st |= xvcpu_vmcs_write_exit_msr_load_count(0);
    st |= xvcpu_vmcs_write_entry_msr_load_count(0);
    st |= xvcpu_vmcs_write_entry_interruption_info(0);
    vmx->stage2_generation = vmx->stage2->generation;
    return st;
}

/* The host area: this CPU's state, written at every bind (SDM Vol. 3C 25.5, 27.2.3). */
static int xvcpu__vmx_write_host_state(void)
{
    xvcpu_dtr gdtr, idtr;
    uint16_t tr = XVCPU_READ_SEL(tr);
    const uint8_t *desc;
    uint64_t tr_base;
    int st = 0;

    XVCPU_SGDT(&gdtr);
    XVCPU_SIDT(&idtr);
    /* The TSS base from its 16-byte system descriptor in the GDT. */
    desc = (const uint8_t *)(uintptr_t)(gdtr.base + (tr & ~7u));
    tr_base = (uint64_t)desc[2] | ((uint64_t)desc[3] << 8) | ((uint64_t)desc[4] << 16) | ((uint64_t)desc[7] << 24) |
              ((uint64_t)desc[8] << 32) | ((uint64_t)desc[9] << 40) | ((uint64_t)desc[10] << 48) |
              ((uint64_t)desc[11] << 56);
    st |= xvcpu_vmcs_write_host_cr0(XVCPU_READ_CR0());
    st |= xvcpu_vmcs_write_host_cr3(XVCPU_READ_CR3());
    st |= xvcpu_vmcs_write_host_cr4(XVCPU_READ_CR4());
    st |= xvcpu_vmcs_write_host_cs_selector((uint16_t)(XVCPU_READ_SEL(cs) & ~7u));
    st |= xvcpu_vmcs_write_host_ss_selector((uint16_t)(XVCPU_READ_SEL(ss) & ~7u));
    st |= xvcpu_vmcs_write_host_ds_selector((uint16_t)(XVCPU_READ_SEL(ds) & ~7u));
    st |= xvcpu_vmcs_write_host_es_selector((uint16_t)(XVCPU_READ_SEL(es) & ~7u));
    st |= xvcpu_vmcs_write_host_fs_selector((uint16_t)(XVCPU_READ_SEL(fs) & ~7u));
    st |= xvcpu_vmcs_write_host_gs_selector((uint16_t)(XVCPU_READ_SEL(gs) & ~7u));
    st |= xvcpu_vmcs_write_host_tr_selector((uint16_t)(tr & ~7u));
    st |= xvcpu_vmcs_write_host_fs_base(XVCPU_RDMSR(XVCPU_MSR_IA32_FS_BASE));
    st |= xvcpu_vmcs_write_host_gs_base(XVCPU_RDMSR(XVCPU_MSR_IA32_GS_BASE));
    st |= xvcpu_vmcs_write_host_tr_base(tr_base);
    st |= xvcpu_vmcs_write_host_gdtr_base(gdtr.base);
    st |= xvcpu_vmcs_write_host_idtr_base(idtr.base);
    st |= xvcpu_vmcs_write_host_ia32_sysenter_cs((uint32_t)XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_CS));
    st |= xvcpu_vmcs_write_host_ia32_sysenter_esp(XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_ESP));
    st |= xvcpu_vmcs_write_host_ia32_sysenter_eip(XVCPU_RDMSR(XVCPU_MSR_IA32_SYSENTER_EIP));
    st |= xvcpu_vmcs_write_host_ia32_efer(XVCPU_RDMSR(XVCPU_MSR_IA32_EFER));
    st |= xvcpu_vmcs_write_host_ia32_pat(XVCPU_RDMSR(XVCPU_MSR_IA32_PAT));
    st |= xvcpu_vmcs_write_host_rip(XVCPU_VMX_EXIT_POINT);
    return st;
}

static xvcpu_err xvcpu__vmx_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMPTRLD(vmx->vmcs_phys);
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMPTRLD", st);
    if (!vmx->initialized) {
        st = xvcpu__vmx_write_controls(vcpu) | xvcpu__vmx_write_guest_state(vcpu);
        if (st != XVCPU_VMX_OK) {
            xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMWRITE (guest state)", st);
            (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
            return err;
        }
        vmx->initialized = true;
    }
    st = xvcpu__vmx_write_host_state();
    if (st != XVCPU_VMX_OK) {
        xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: VMWRITE (host state)", st);
        (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
        return err;
    }
    vmx->host_rsp = 0; /* the trampoline writes HOST_RSP on the first entry */
    vmx->have = 0;
    if (vmx->vpid != 0 && (!vmx->vpid_flushed || vmx->vpid_cpu != vcpu->cpu->cpu_id)) {
        /* This CPU may hold translations tagged with the VPID from an earlier run here (or from a
         * destroyed vCPU that had it): drop them (SDM Vol. 3C 29.4.3.3). */
        bool single = (vmx->caps.ept_vpid & XVCPU_IA32_VMX_EPT_VPID_CAP_INVVPID_SINGLE_CONTEXT) != 0;
        st = XVCPU_INVVPID(single ? XVCPU_INVVPID_TYPE_SINGLE_CONTEXT : XVCPU_INVVPID_TYPE_ALL_CONTEXT, vmx->vpid, 0);
        if (st != XVCPU_VMX_OK) {
            xvcpu_err err = xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_bind: INVVPID", st);
            (void)XVCPU_VMCLEAR(vmx->vmcs_phys);
            return err;
        }
        vmx->vpid_flushed = true;
        vmx->vpid_cpu = vcpu->cpu->cpu_id;
    }
    xvcpu__vmx_syscall_msrs(vmx, true);
    xvcpu__x86_bind_state(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMCLEAR(vmx->vmcs_phys);
    if (st != XVCPU_VMX_OK)
        return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_unbind: VMCLEAR", st);
    vmx->launched = false; /* a cleared VMCS must be entered with VMLAUNCH (SDM Vol. 3C 25.11.3) */
    xvcpu__vmx_syscall_msrs(vmx, false);
    xvcpu__x86_unbind_state(vcpu);
    return XVCPU_OK;
}

/* ==== xvcpu/vmx/inject.c.h ==== */
/* Event injection (SDM Vol. 3C 27.6 "Event Injection"): one event per entry, chosen in priority
 * order — an event the last exit interrupted, an exception, an NMI, the highest external
 * interrupt — and a window exit requested when the guest cannot take it yet. */

XVCPU__HOT uint32_t xvcpu__vmx_cached32(uint32_t *have, uint32_t flag, uint32_t *slot, uint32_t enc)
{
    if (!(*have & flag)) {
        uint64_t v = 0;
        (void)XVCPU_VMREAD(enc, &v);
        *slot = (uint32_t)v;
        *have |= flag;
    }
    return *slot;
}

XVCPU__HOT uint64_t xvcpu__vmx_cached64(uint32_t *have, uint32_t flag, uint64_t *slot, uint32_t enc)
{
    if (!(*have & flag)) {
        (void)XVCPU_VMREAD(enc, slot);
        *have |= flag;
    }
    return *slot;
}

#define XVCPU__VMX_RIP(v) xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_RIP, &(v)->rip, XVCPU_VMCS_GUEST_RIP)
#define XVCPU__VMX_RFLAGS(v) \
    xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_RFLAGS, &(v)->rflags, XVCPU_VMCS_GUEST_RFLAGS)
#define XVCPU__VMX_QUAL(v) \
    xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_QUAL, &(v)->qual, XVCPU_VMCS_EXIT_QUALIFICATION)
#define XVCPU__VMX_LEN(v) \
    xvcpu__vmx_cached32(&(v)->have, XVCPU__VMX_HAVE_LEN, &(v)->len, XVCPU_VMCS_EXIT_INSTRUCTION_LENGTH)
#define XVCPU__VMX_INTR_STATE(v) \
    xvcpu__vmx_cached32(&(v)->have, XVCPU__VMX_HAVE_INTR_STATE, &(v)->intr_state, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE)

#define XVCPU__BLOCKING_STI_MOVSS \
    (XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS)

/* Move RIP past `len` bytes of emulated instruction; that ends any STI/MOV SS interrupt shadow
 * (SDM Vol. 3C 25.4.2: the blocking covers only the next instruction). */
XVCPU__HOT int xvcpu__vmx_advance(xvcpu_vmx_vcpu *vmx, uint64_t len)
{
    /* the shadow first, then RIP, caches updated only by writes that worked: after a failed
     * VMWRITE, doing it all again gives the same result (clearing the shadow is idempotent) */
    uint32_t intr = XVCPU__VMX_INTR_STATE(vmx);
    uint64_t rip = XVCPU__VMX_RIP(vmx);
    int st;
    if (intr & XVCPU__BLOCKING_STI_MOVSS) {
        if ((st = xvcpu_vmcs_write_guest_interruptibility_state(intr & ~(uint32_t)XVCPU__BLOCKING_STI_MOVSS)) != XVCPU_VMX_OK)
            return st;
        vmx->intr_state = intr & ~(uint32_t)XVCPU__BLOCKING_STI_MOVSS;
    }
    if ((st = xvcpu_vmcs_write_guest_rip(rip + len)) != XVCPU_VMX_OK)
        return st;
    vmx->rip = rip + len;
    return XVCPU_VMX_OK;
}

static int xvcpu__vmx_set_window(xvcpu_vmx_vcpu *vmx, uint32_t bit, bool on)
{
    uint32_t proc = on ? (vmx->proc | bit) : (vmx->proc & ~bit);
    int st;
    if (proc == vmx->proc)
        return XVCPU_VMX_OK;
    if ((st = xvcpu_vmcs_write_primary_proc_based_controls(proc)) == XVCPU_VMX_OK)
        vmx->proc = proc; /* the copy follows the VMCS only when the write worked */
    return st;
}

XVCPU_STATIC_ASSERT(XVCPU__EVENT_HARDWARE_EXCEPTION == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION &&
                        XVCPU__EVENT_SOFTWARE_INTERRUPT == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT &&
                        XVCPU__EVENT_SOFTWARE_EXCEPTION == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION &&
                        XVCPU__EVENT_PRIVILEGED_SOFTWARE == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION,
                    event_types_are_vmx_interruption_types);

static uint32_t xvcpu__intr_info(uint32_t vector, uint32_t type, bool has_error)
{
    return vector | (type << XVCPU_INTERRUPTION_INFO_TYPE_SHIFT) |
           (has_error ? (uint32_t)XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID : 0u) | (uint32_t)XVCPU_INTERRUPTION_INFO_VALID;
}

/* Choose and write the event for this entry. Returns a VMX status. */
static int xvcpu__vmx_inject(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMX_OK, vector = xvcpu__highest_irr(vcpu);
    uint32_t intr;

    if (vmx->event_reinjected)
        return st; /* the interrupted event goes first; the rest waits for the next entry */
    if (vcpu->events.exception_pending) {
        /* In real mode no error code is pushed (SDM Vol. 3C 27.2.1.3). */
        bool err = vcpu->events.exception_has_error && (vmx->cr0 & XVCPU_CR0_PE);
        uint32_t type = vcpu->events.exception_type;
        st |= xvcpu_vmcs_write_entry_interruption_info(xvcpu__intr_info(vcpu->events.exception_vector, type, err));
        if (err)
            st |= xvcpu_vmcs_write_entry_exception_error_code(vcpu->events.exception_error);
        if (type != XVCPU__EVENT_HARDWARE_EXCEPTION) /* software events push RIP + length */
            st |= xvcpu_vmcs_write_entry_instruction_length(vcpu->events.exception_insn_len);
        if (st != XVCPU_VMX_OK)
            return st; /* still pending: written again before the next entry */
        if (type == XVCPU__EVENT_HARDWARE_EXCEPTION && vcpu->events.exception_vector == 14)
            vmx->cr2 = vcpu->events.page_fault_cr2; /* VM entry does not load CR2: the run loop does */
        vcpu->events.exception_pending = false;
        return st;
    }
    if (!vcpu->events.nmi_pending && vector < 0)
        return st;
    intr = XVCPU__VMX_INTR_STATE(vmx);
    if (vcpu->events.nmi_pending) {
        if (intr & (XVCPU__BLOCKING_STI_MOVSS | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI))
            return xvcpu__vmx_set_window(vmx, XVCPU_PROC_NMI_WINDOW_EXITING, true);
        if ((st = xvcpu_vmcs_write_entry_interruption_info(xvcpu__intr_info(2, XVCPU_INTERRUPTION_INFO_TYPE_NMI, false))) ==
            XVCPU_VMX_OK)
            vcpu->events.nmi_pending = false;
        return st;
    }
    if ((XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_IF) == 0 || (intr & XVCPU__BLOCKING_STI_MOVSS) != 0)
        return xvcpu__vmx_set_window(vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, true);
    st = xvcpu_vmcs_write_entry_interruption_info(
        xvcpu__intr_info((uint32_t)vector, XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT, false));
    if (st == XVCPU_VMX_OK)
        xvcpu__irr_clear(vcpu, vector); /* delivered by this entry; kept pending if the write failed */
    return st;
}

/* An exit during event delivery leaves the event in IDT-vectoring information: deliver it again
 * on the next entry (SDM Vol. 3C 28.2.4), with its error code and instruction length. */
static int xvcpu__vmx_reinject(xvcpu_vmx_vcpu *vmx)
{
    uint32_t info = xvcpu_vmcs_read_idt_vectoring_info();
    uint32_t type;
    int st = XVCPU_VMX_OK;
    if ((info & XVCPU_INTERRUPTION_INFO_VALID) == 0)
        return st;
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    vmx->event_reinjected = true;
    st |= xvcpu_vmcs_write_entry_interruption_info(info & ~(uint32_t)XVCPU_INTERRUPTION_INFO_NMI_UNBLOCKING);
    if (info & XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID)
        st |= xvcpu_vmcs_write_entry_exception_error_code(xvcpu_vmcs_read_idt_vectoring_error_code());
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION)
        st |= xvcpu_vmcs_write_entry_instruction_length(XVCPU__VMX_LEN(vmx));
    return st;
}

/* ==== xvcpu/vmx/exits.c.h ==== */
/* VMX exit handlers: the VMCS side of the shared x86 rules (x86/rules.c.h). Each returns an
 * xvcpu__action: XVCPU__RESUME when the exit is finished inside the library (the run loop enters
 * the guest again), XVCPU__TO_VMM when `exit` now holds a neutral exit for the VMM. A guest gets
 * the architectural answer (#GP, #UD) for what it may not do; nothing here trusts it. */

/* Raise an exception at the current instruction (RIP not advanced). */
static xvcpu__action xvcpu__vmx_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return XVCPU__RESUME;
}

XVCPU__HOT xvcpu__action xvcpu__vmx_skip(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    (void)xvcpu__vmx_advance(vmx, XVCPU__VMX_LEN(vmx));
    return XVCPU__RESUME;
}

/* A rule's answer: the exception it names, or the instruction completes. */
static xvcpu__action xvcpu__vmx_ruled(xvcpu_vcpu *vcpu, int vector)
{
    return vector != 0 ? xvcpu__vmx_raise(vcpu, (uint8_t)vector) : xvcpu__vmx_skip(vcpu);
}

/* An exit the VMM completes: the completion skips the instruction's length. */
static xvcpu__action xvcpu__vmx_to_vmm(xvcpu_vcpu *vcpu)
{
    vcpu->pending.insn_len = (uint8_t)XVCPU__VMX_LEN(&vcpu->arch.vmx);
    return XVCPU__TO_VMM;
}

/* GPRs by number; RSP lives in the VMCS. */
static uint64_t xvcpu__vmx_gpr(xvcpu_vcpu *vcpu, unsigned reg)
{
    return reg == XVCPU_REG_RSP ? xvcpu_vmcs_read_guest_rsp() : vcpu->gpr[reg & 15];
}

static void xvcpu__vmx_set_gpr(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value)
{
    if (reg == XVCPU_REG_RSP)
        (void)xvcpu_vmcs_write_guest_rsp(value);
    else
        vcpu->gpr[reg & 15] = value;
}

/* CPL = SS.DPL (SDM Vol. 3C 25.4.1). */
static unsigned xvcpu__vmx_cpl(void)
{
    return (unsigned)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_DPL, xvcpu_vmcs_read_guest_ss_access_rights());
}

/* CR0 and CR4 as the guest sees them: the bits it owns from the VMCS, the others from the read
 * shadows the library keeps (the guest changes its own bits without an exit). */
static uint64_t xvcpu__vmx_guest_cr0(const xvcpu_vmx_vcpu *vmx)
{
    return (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask);
}

static uint64_t xvcpu__vmx_guest_cr4(const xvcpu_vmx_vcpu *vmx)
{
    return (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask);
}

/* The guest's control state for the CR rules. CS.L matters only to a CR0 write that turns
 * paging on with EFER.LME or off in IA-32e mode: only then is it read. */
static void xvcpu__vmx_ctl(const xvcpu_vmx_vcpu *vmx, unsigned cr, uint64_t value, xvcpu__x86_ctl *c)
{
    c->cr0 = xvcpu__vmx_guest_cr0(vmx);
    c->cr3 = xvcpu_vmcs_read_guest_cr3();
    c->cr4 = xvcpu__vmx_guest_cr4(vmx);
    c->efer = vmx->efer;
    c->cs_l = cr == 0 && ((value ^ c->cr0) & XVCPU_CR0_PG) &&
              (c->efer & (XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA)) &&
              (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L) != 0;
}

static xvcpu__action xvcpu__vmx_cpuid(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_cpuid(vcpu, vcpu->arch.vmx.cr4); /* OSXSAVE and PKE are in the CR4 mask: current */
    return xvcpu__vmx_skip(vcpu);
}

static xvcpu__action xvcpu__vmx_xsetbv(xvcpu_vcpu *vcpu)
{
    uint64_t xcr0 = 0;
    int vector = xvcpu__x86_xsetbv_rule(vcpu, vcpu->arch.vmx.cr4, xvcpu__vmx_cpl(), &xcr0);
    if (vector == 0)
        vcpu->x86.xcr0 = xcr0;
    return xvcpu__vmx_ruled(vcpu, vector);
}

/* Commit what a CR rule allowed: read shadows, the guest's CR0/CR4 with VMX's fixed bits, EFER
 * and the IA-32e-mode entry control (which follow EFER.LMA), and the PDPTEs a PAE guest loaded
 * (with EPT, VM entry takes them from the VMCS: SDM Vol. 3C 29.3.1). */
static xvcpu__action xvcpu__vmx_commit_cr(xvcpu_vcpu *vcpu, unsigned cr, const xvcpu__x86_ctl *c, bool loaded,
                                          const uint64_t pdpte[4])
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    const xvcpu_vmx_caps *caps = &vmx->caps;
    uint32_t entry = (c->efer & XVCPU_IA32_EFER_LMA) ? vmx->entry_ctls | XVCPU_ENTRY_IA32E_MODE_GUEST
                                                     : vmx->entry_ctls & ~XVCPU_ENTRY_IA32E_MODE_GUEST;
    if (loaded) {
        (void)xvcpu_vmcs_write_guest_pdpte0(pdpte[0]);
        (void)xvcpu_vmcs_write_guest_pdpte1(pdpte[1]);
        (void)xvcpu_vmcs_write_guest_pdpte2(pdpte[2]);
        (void)xvcpu_vmcs_write_guest_pdpte3(pdpte[3]);
    }
    if (cr == 0) { /* always: the bits the guest owns may differ from the last value seen */
        vmx->cr0 = c->cr0;
        (void)xvcpu_vmcs_write_cr0_read_shadow(c->cr0);
        (void)xvcpu_vmcs_write_guest_cr0((c->cr0 | (caps->cr0_fixed0 & ~(XVCPU_CR0_PE | XVCPU_CR0_PG))) &
                                         caps->cr0_fixed1);
    }
    if (cr == 4) {
        vmx->cr4 = c->cr4;
        (void)xvcpu_vmcs_write_cr4_read_shadow(c->cr4);
        (void)xvcpu_vmcs_write_guest_cr4((c->cr4 | caps->cr4_fixed0) & caps->cr4_fixed1);
    }
    if (c->efer != vmx->efer) {
        vmx->efer = c->efer;
        (void)xvcpu_vmcs_write_guest_ia32_efer(c->efer);
    }
    if (entry != vmx->entry_ctls) {
        vmx->entry_ctls = entry;
        (void)xvcpu_vmcs_write_entry_controls(entry);
    }
    return xvcpu__vmx_skip(vcpu);
}

/* MOV to CR0, CLTS, LMSW; MOV to CR4: the shared rules, then the VMCS. */
static xvcpu__action xvcpu__vmx_write_cr(xvcpu_vcpu *vcpu, unsigned cr, uint64_t value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    xvcpu__x86_ctl cur, next;
    uint64_t pdpte[4];
    bool loaded = false;
    int vector;
    xvcpu__vmx_ctl(vmx, cr, value, &cur);
    if (cr == 0)
        vector = xvcpu__x86_cr0_rule(vcpu, vmx->stage2, &cur, value, &next, pdpte, &loaded);
    else
        vector = xvcpu__x86_cr4_rule(vcpu, vmx->stage2, &cur, value, vmx->cr4_allowed, &next, pdpte, &loaded);
    if (vector != 0)
        return xvcpu__vmx_raise(vcpu, (uint8_t)vector);
    return xvcpu__vmx_commit_cr(vcpu, cr, &next, loaded, pdpte);
}

static xvcpu__action xvcpu__vmx_cr_access(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    unsigned cr = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_CR_NUMBER, q);
    unsigned reg = (unsigned)XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, q);

    switch (XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE, q)) {
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_TO_CR:
        if (cr == 0 || cr == 4)
            return xvcpu__vmx_write_cr(vcpu, cr, xvcpu__vmx_gpr(vcpu, reg));
        if (cr == 8) { /* the TPR */
            uint64_t v = xvcpu__vmx_gpr(vcpu, reg);
            if (v & XVCPU_CR8_RESERVED)
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            vcpu->x86.tpr = v;
            return xvcpu__vmx_skip(vcpu);
        }
        break;
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_FROM_CR:
        if (cr == 8) {
            xvcpu__vmx_set_gpr(vcpu, reg, vcpu->x86.tpr);
            return xvcpu__vmx_skip(vcpu);
        }
        break;
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_CLTS:
        return xvcpu__vmx_write_cr(vcpu, 0, xvcpu__vmx_guest_cr0(vmx) & ~XVCPU_CR0_TS);
    case XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_LMSW:
        return xvcpu__vmx_write_cr(vcpu, 0, xvcpu__x86_lmsw(xvcpu__vmx_guest_cr0(vmx),
                                                            XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_LMSW_SOURCE, q)));
    default:
        break;
    }
    return xvcpu__x86_unhandled(exit); /* an access the controls never intercept */
}

/* Port I/O -> IO_READ / IO_WRITE (SDM Vol. 3C Table 28-5). String forms carry the guest linear
 * address, direction, address size and count for the VMM; nothing is skipped silently. */
static xvcpu__action xvcpu__vmx_io(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    bool in = XVCPU_FIELD_GET(XVCPU_IO_QUAL_DIRECTION, q) == XVCPU_IO_QUAL_DIRECTION_IN;
    uint8_t width = (uint8_t)(XVCPU_FIELD_GET(XVCPU_IO_QUAL_SIZE, q) + 1);
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_IO_QUAL_PORT, q);
    exit->u.io.width = width;
    if (XVCPU_FIELD_GET(XVCPU_IO_QUAL_STRING, q)) {
        /* address size from the instruction information (IA32_VMX_BASIC bit 54), else 64-bit */
        unsigned asz = 2;
        if (vmx->caps.basic & XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO)
            asz = (unsigned)XVCPU_FIELD_GET(XVCPU_INSN_INFO_INS_OUTS_ADDRESS_SIZE, xvcpu_vmcs_read_exit_instruction_info());
        exit->u.io.string = true;
        exit->u.io.addr_size = (uint8_t)(asz == 0 ? 2 : asz == 1 ? 4 : 8);
        exit->u.io.rep = XVCPU_FIELD_GET(XVCPU_IO_QUAL_REP, q) != 0;
        exit->u.io.down = (XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_DF) != 0;
        exit->u.io.guest_addr = xvcpu_vmcs_read_guest_linear_address();
        exit->u.io.count = 1;
        if (exit->u.io.rep) {
            uint64_t mask = exit->u.io.addr_size == 8 ? ~0ull : (1ull << (8 * exit->u.io.addr_size)) - 1;
            exit->u.io.count = vcpu->gpr[XVCPU_REG_RCX] & mask;
        }
    } else if (!in) {
        exit->u.io.data = xvcpu__x86_out_data(vcpu, width);
    }
    if (exit->u.io.string && exit->u.io.count == 0)
        return xvcpu__vmx_skip(vcpu); /* REP with RCX = 0 transfers nothing */
    return xvcpu__vmx_to_vmm(vcpu);
}


/* RDMSR/WRMSR. The VMM's MSRs become SYSREG exits; the library virtualizes the MSRs the VMCS
 * switches for it; every other MSR is #GP, as on a CPU that lacks it. */

static xvcpu__action xvcpu__vmx_msr(xvcpu_vcpu *vcpu, xvcpu_exit *exit, bool write)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t msr = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    uint64_t value = xvcpu__x86_edx_eax(vcpu);
    int st = XVCPU_VMX_OK;

    if (xvcpu__msr_wants_vmm(vcpu, msr, write)) {
        xvcpu__x86_msr_exit(vcpu, msr, write, exit);
        return xvcpu__vmx_to_vmm(vcpu);
    }
    if (write && msr == XVCPU_MSR_X2APIC_ICR) /* IPIs, INIT/SIPI */
        return xvcpu__x86_icr_exit(value, exit) ? xvcpu__vmx_to_vmm(vcpu) : xvcpu__vmx_skip(vcpu);
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) { /* SCE, LME, NXE are the guest's; LMA follows CR0.PG */
            /* (PG is in the CR0 mask: the shadow is current) */
            if (xvcpu__x86_efer_rule(vmx->cr0, vmx->efer, value, &value) != 0)
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            vmx->efer = value;
            st = xvcpu_vmcs_write_guest_ia32_efer(value);
        } else {
            value = vmx->efer;
        }
        break;
    case XVCPU_MSR_IA32_FS_BASE:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_fs_base(value) : (value = xvcpu_vmcs_read_guest_fs_base(), 0);
        break;
    case XVCPU_MSR_IA32_GS_BASE:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_gs_base(value) : (value = xvcpu_vmcs_read_guest_gs_base(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_CS:
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_cs((uint32_t)value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_cs(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_ESP:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_esp(value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_esp(), 0);
        break;
    case XVCPU_MSR_IA32_SYSENTER_EIP:
        if (write && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        st = write ? xvcpu_vmcs_write_guest_ia32_sysenter_eip(value)
                   : (value = xvcpu_vmcs_read_guest_ia32_sysenter_eip(), 0);
        break;
    case XVCPU_MSR_IA32_STAR: case XVCPU_MSR_IA32_LSTAR: case XVCPU_MSR_IA32_CSTAR:
    case XVCPU_MSR_IA32_FMASK: case XVCPU_MSR_IA32_KERNEL_GS_BASE:
        /* the guest's values are in the CPU while it is bound (see xvcpu__vmx_syscall_msrs); this
         * runs only when the VMM intercepts them again */
        if (write && msr != XVCPU_MSR_IA32_STAR && msr != XVCPU_MSR_IA32_FMASK && !xvcpu__x86_canonical(value, vmx->cr4))
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        if (write)
            XVCPU_WRMSR(msr, value);
        else
            value = XVCPU_RDMSR(msr);
        break;
    case XVCPU_MSR_IA32_PAT:
        if (write) {
            if (!xvcpu__x86_pat_valid(value))
                return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
            st = xvcpu_vmcs_write_guest_ia32_pat(value);
        } else {
            value = xvcpu_vmcs_read_guest_ia32_pat();
        }
        break;
    default:
        if (xvcpu__x86_msr_arch(vcpu, msr, write, &value) != XVCPU__X86_MSR_DONE)
            return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
        break;
    }
    if (st != XVCPU_VMX_OK) /* e.g. a non-canonical base: refused by VMWRITE? raise #GP */
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    if (!write)
        xvcpu__x86_set_edx_eax(vcpu, value);
    return xvcpu__vmx_skip(vcpu);
}

/* A segment base, when the MMIO path first needs it (ES, CS, SS, DS, FS, GS). */
static uint64_t xvcpu__vmx_seg_base(unsigned seg)
{
    static const uint16_t field[6] = { XVCPU_VMCS_GUEST_ES_BASE, XVCPU_VMCS_GUEST_CS_BASE, XVCPU_VMCS_GUEST_SS_BASE,
                                       XVCPU_VMCS_GUEST_DS_BASE, XVCPU_VMCS_GUEST_FS_BASE, XVCPU_VMCS_GUEST_GS_BASE };
    uint64_t v = 0;
    (void)XVCPU_VMREAD(field[seg % 6], &v);
    return v;
}

/* The guest's addressing state, for the page walker and the instruction fetch (MMIO path only),
 * read only as far as it matters: without paging neither CR3, the guest-owned CR0/CR4 bits nor
 * the CPL decide anything; in 64-bit code CS, DS, ES and SS have base 0; the other segment bases
 * are read when an operand uses them. */
static void xvcpu__vmx_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t cs_ar = xvcpu_vmcs_read_guest_cs_access_rights();
    m->efer = vmx->efer;
    m->rflags = XVCPU__VMX_RFLAGS(vmx);
    m->rip = XVCPU__VMX_RIP(vmx);
    if (vmx->cr0 & XVCPU_CR0_PG) { /* PG is in the CR0 mask: the shadow is current */
        m->cr0 = xvcpu__vmx_guest_cr0(vmx); /* WP is the guest's (no exit) */
        m->cr3 = xvcpu_vmcs_read_guest_cr3();
        m->cr4 = xvcpu__vmx_guest_cr4(vmx); /* PSE, PGE, SMEP, SMAP are the guest's (no exit) */
        m->cpl = (uint8_t)xvcpu__vmx_cpl();
    } else {
        m->cr0 = vmx->cr0;
        m->cr3 = 0;
        m->cr4 = vmx->cr4;
        m->cpl = 0; /* (unused: nothing is translated) */
    }
    m->pkru = (m->cr4 & XVCPU_CR4_PKE) && (m->cr0 & XVCPU_CR0_PG) ? xvcpu__x86_live_pkru() : 0;
    if ((vmx->efer & XVCPU_IA32_EFER_LMA) && (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_L))
        m->code_bytes = 8;
    else
        m->code_bytes = (cs_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_DB) ? 4 : 2;
    m->read_seg_base = xvcpu__vmx_seg_base;
    if (m->code_bytes == 8) {
        m->cs_base = 0;
        m->seg_base[0] = m->seg_base[1] = m->seg_base[2] = m->seg_base[3] = 0;
        m->seg_have = 0x0F;
    } else {
        m->cs_base = m->seg_base[1] = xvcpu_vmcs_read_guest_cs_base();
        m->seg_have = 0x02;
    }
}

/* EPT violation -> MMIO_READ/MMIO_WRITE inside a registered MMIO region, else NESTED_PAGE_FAULT
 * with the access the guest tried (SDM Vol. 3C Table 28-7). */
static xvcpu__action xvcpu__vmx_ept_violation(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint64_t q = XVCPU__VMX_QUAL(vmx);
    uint64_t gpa = xvcpu_vmcs_read_guest_physical_address();
    uint32_t access = (q & XVCPU_EPT_VIOLATION_QUAL_READ ? XVCPU_ACCESS_READ : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_WRITE ? XVCPU_ACCESS_WRITE : 0u) |
                      (q & XVCPU_EPT_VIOLATION_QUAL_FETCH ? XVCPU_ACCESS_EXEC : 0u);
    /* An EPT violation while IRET unblocked NMIs re-blocks them (SDM Vol. 3C 28.2.3). */
    if ((q & XVCPU_EPT_VIOLATION_QUAL_NMI_UNBLOCKING_DUE_TO_IRET) && !vmx->event_reinjected)
        (void)xvcpu_vmcs_write_guest_interruptibility_state(XVCPU__VMX_INTR_STATE(vmx) |
                                                            (uint32_t)XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI);
    if (xvcpu__x86_stage2_fault(vcpu, vmx->stage2, gpa, access, vmx->event_reinjected, xvcpu__vmx_mode, exit) ==
        XVCPU__RESUME)
        return XVCPU__RESUME;
    if (exit->kind == XVCPU_EXIT_NESTED_PAGE_FAULT && (q & XVCPU_EPT_VIOLATION_QUAL_GUEST_LINEAR_ADDRESS_VALID)) {
        exit->u.nested_page_fault.linear_valid = true;
        exit->u.nested_page_fault.linear = xvcpu_vmcs_read_guest_linear_address();
    }
    return XVCPU__TO_VMM;
}

/* SIPI in wait-for-SIPI: start in real mode at vector << 12 (SDM Vol. 3A 9.4.4). */
static xvcpu__action xvcpu__vmx_sipi(xvcpu_vcpu *vcpu)
{
    uint64_t vector = XVCPU__VMX_QUAL(&vcpu->arch.vmx) & 0xFF;
    (void)xvcpu_vmcs_write_guest_cs_selector((uint16_t)(vector << 8));
    (void)xvcpu_vmcs_write_guest_cs_base(vector << 12);
    (void)xvcpu_vmcs_write_guest_rip(0);
    (void)xvcpu_vmcs_write_guest_activity_state(XVCPU_ACTIVITY_STATE_ACTIVE);
    return XVCPU__RESUME;
}

/* Decide what an exit means. `reason` is the basic exit reason. */
static xvcpu__action xvcpu__vmx_handle(xvcpu_vcpu *vcpu, uint32_t reason, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    switch (reason) {
    case XVCPU_VMX_EXIT_CPUID:
        return xvcpu__vmx_cpuid(vcpu);
    case XVCPU_VMX_EXIT_IO_INSTRUCTION:
        return xvcpu__vmx_io(vcpu, exit);
    case XVCPU_VMX_EXIT_RDMSR:
        return xvcpu__vmx_msr(vcpu, exit, false);
    case XVCPU_VMX_EXIT_WRMSR:
        return xvcpu__vmx_msr(vcpu, exit, true);
    case XVCPU_VMX_EXIT_CR_ACCESS:
        return xvcpu__vmx_cr_access(vcpu, exit);
    case XVCPU_VMX_EXIT_XSETBV:
        return xvcpu__vmx_xsetbv(vcpu);
    case XVCPU_VMX_EXIT_HLT:
        if (XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, XVCPU__VMX_RFLAGS(vmx)))
            return xvcpu__vmx_skip(vcpu);
        exit->kind = XVCPU_EXIT_HALT;
        return xvcpu__vmx_to_vmm(vcpu);
    case XVCPU_VMX_EXIT_VMCALL:
        xvcpu__x86_hypercall_exit(vcpu, exit);
        return xvcpu__vmx_to_vmm(vcpu);
    case XVCPU_VMX_EXIT_EPT_VIOLATION:
        (void)xvcpu__vmx_reinject(vmx);
        return xvcpu__vmx_ept_violation(vcpu, exit);
    case XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT:
        (void)xvcpu__vmx_reinject(vmx);
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = xvcpu_vmcs_read_exit_interruption_info() & 0xFF;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_EXCEPTION_OR_NMI: {
        uint32_t info = xvcpu_vmcs_read_exit_interruption_info();
        (void)xvcpu__vmx_reinject(vmx);
        if (XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info) == XVCPU_INTERRUPTION_INFO_TYPE_NMI) {
            exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT; /* a host NMI: the host must handle it */
            exit->u.external_interrupt.vector = 2;
            return XVCPU__TO_VMM;
        }
        return xvcpu__x86_unhandled(exit); /* the exception bitmap is 0: unexpected */
    }
    case XVCPU_VMX_EXIT_TRIPLE_FAULT:
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_INTERRUPT_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, false);
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_NMI_WINDOW:
        (void)xvcpu__vmx_set_window(vmx, XVCPU_PROC_NMI_WINDOW_EXITING, false);
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_INIT_SIGNAL:
        /* a physical INIT for this CPU, not the guest's (a guest's INIT is an ICR write, a
         * CPU_UP exit): VMX root operation blocks it until VMXOFF (SDM Vol. 3C 26.2), as SVM
         * leaves it pending for the host. Nothing for the guest: NOTHING on both backends. */
        exit->kind = XVCPU_EXIT_NOTHING;
        return XVCPU__TO_VMM;
    case XVCPU_VMX_EXIT_SIPI:
        return xvcpu__vmx_sipi(vcpu);
    case XVCPU_VMX_EXIT_INVD:
    case XVCPU_VMX_EXIT_WBINVD_WBNOINVD:
        return xvcpu__vmx_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_VMX_EXIT_PREEMPTION_TIMER:
        return XVCPU__RESUME;
    case XVCPU_VMX_EXIT_RDPMC: /* no performance counters are exposed (CPUID leaf 0xA is 0) */
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_GP);
    case XVCPU_VMX_EXIT_VMCLEAR: case XVCPU_VMX_EXIT_VMLAUNCH: case XVCPU_VMX_EXIT_VMPTRLD:
    case XVCPU_VMX_EXIT_VMPTRST: case XVCPU_VMX_EXIT_VMREAD: case XVCPU_VMX_EXIT_VMRESUME:
    case XVCPU_VMX_EXIT_VMWRITE: case XVCPU_VMX_EXIT_VMXOFF: case XVCPU_VMX_EXIT_VMXON:
    case XVCPU_VMX_EXIT_INVEPT: case XVCPU_VMX_EXIT_INVVPID: case XVCPU_VMX_EXIT_VMFUNC:
    case XVCPU_VMX_EXIT_MWAIT: case XVCPU_VMX_EXIT_MONITOR: case XVCPU_VMX_EXIT_GETSEC:
        return xvcpu__vmx_raise(vcpu, XVCPU__VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        return xvcpu__x86_unhandled(exit);
    }
}

/* ==== xvcpu/vmx/entry_check.c.h ==== */
/* A software VM-entry checker (SDM Vol. 3C chapter 27 "VM Entries"). The CPU says only which of
 * three classes failed (VMfailValid 7: controls, 8: host state; exit reason 33: guest state);
 * this walks the manual's checks over the current VMCS in the manual's order and names the first
 * that fails. It runs only after an entry failed, so it may read as many fields as it likes. */

#define XVCPU__EC(text, sec) text " (SDM Vol. 3C " sec ")"

/* What the checks share, read once. */
typedef struct xvcpu__ec {
    const xvcpu_vmx_caps *caps;
    const xvcpu_vcpu *vcpu;
    uint64_t beyond_phys;   /* physical-address bits beyond the CPU's width (CPUID 0x80000008) */
    uint32_t pin, proc, proc2, exit, entry;
    bool ia32e, unrestricted, host64;
    uint64_t cr0, cr4, rflags;
} xvcpu__ec;

static uint64_t xvcpu__ec_rd(uint32_t enc)
{
    uint64_t v = 0;
    if (XVCPU_VMREAD(enc, &v) != XVCPU_VMX_OK)
        v = 0;
    return v;
}

/* The control word `value` against its capability MSR (SDM Vol. 3D A.3-A.5): bits the CPU needs
 * set (allowed-0) and bits it cannot set (allowed-1). */
static int xvcpu__ec_ctl(const xvcpu_vmx_caps *caps, xvcpu_vmx_word w, uint64_t value)
{
    xvcpu_vmx_word_info info = xvcpu_vmx_word_describe(w);
    uint64_t cap = XVCPU_RDMSR(xvcpu_vmx_ctl_cap_msr(w, caps->basic));
    uint64_t must1 = info.allowed1_only ? 0 : (cap & 0xFFFFFFFFu);
    uint64_t may1 = info.allowed1_only ? cap : (cap >> 32);
    if (must1 & ~value)
        return 0;
    if (value & ~may1)
        return 1;
    return -1;
}

static bool xvcpu__ec_addr_bad(const xvcpu__ec *c, uint64_t pa, uint64_t align)
{
    return (pa & (align - 1)) != 0 || (pa & c->beyond_phys) != 0;
}

/* Each memory type byte of a PAT value is UC, WC, WT, WP, WB or UC- (SDM Vol. 3A 12.12.2). */
static bool xvcpu__ec_pat_ok(uint64_t pat)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint64_t t = (pat >> (8 * i)) & 0xFF;
        if (t == 2 || t == 3 || t > XVCPU_X86_MEMORY_TYPE_UC_MINUS)
            return false;
    }
    return true;
}

/* --- 27.2.1 checks on VMX controls (VMfailValid 7) ------------------------------------------ */

static const char *xvcpu__ec_event_injection(const xvcpu__ec *c)
{
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    uint32_t vector = info & XVCPU_INTERRUPTION_INFO_VECTOR_MASK;
    bool has_error = (info & XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID) != 0;
    if (!(info & XVCPU_INTERRUPTION_INFO_VALID))
        return NULL;
    if (info & 0x7FFFF000u)
        return XVCPU__EC("VM-entry interruption information: reserved bits 30:12 set", "27.2.1.3");
    if (type == 1)
        return XVCPU__EC("VM-entry interruption information: type 1 is reserved", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && vector != XVCPU_EXCEPTION_VECTOR_NMI)
        return XVCPU__EC("VM-entry interruption information: an NMI must have vector 2", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION && vector > 31)
        return XVCPU__EC("VM-entry interruption information: a hardware exception needs a vector 0-31", "27.2.1.3");
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_OTHER_EVENT) {
        /* reserved unless the CPU can set the monitor trap flag control (not: has it set) */
        uint64_t cap = XVCPU_RDMSR(xvcpu_vmx_ctl_cap_msr(XVCPU_VMX_WORD_PROC, c->caps->basic));
        if (!((cap >> 32) & XVCPU_PROC_MONITOR_TRAP_FLAG))
            return XVCPU__EC("VM-entry interruption information: type 7 is reserved without the monitor trap flag", "27.2.1.3");
        if (vector != 0)
            return XVCPU__EC("VM-entry interruption information: type 7 (pending MTF VM exit) needs vector 0", "27.2.1.3");
    }
    {
        /* an error code is delivered exactly for the exceptions that push one, in protected
         * mode, unless the CPU waives it (IA32_VMX_BASIC bit 56) */
        bool pushes = type == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION && xvcpu_x86_exception_has_error_code((uint8_t)vector);
        bool pe = (xvcpu_vmcs_read_guest_cr0() & XVCPU_CR0_PE) != 0;
        bool waived = (c->caps->basic & XVCPU_IA32_VMX_BASIC_NO_ERRCODE_REQUIREMENT) != 0;
        if (has_error && (!pe || (!waived && !pushes)))
            return XVCPU__EC("VM-entry interruption information: error code delivered for an event that has none", "27.2.1.3");
        if (!has_error && pe && pushes && !waived)
            return XVCPU__EC("VM-entry interruption information: error code missing for an exception that pushes one", "27.2.1.3");
        if (has_error && (xvcpu_vmcs_read_entry_exception_error_code() & 0xFFFF8000u))
            return XVCPU__EC("VM-entry exception error code: bits 31:15 must be 0", "27.2.1.3");
    }
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION) {
        uint32_t len = xvcpu_vmcs_read_entry_instruction_length();
        bool zero_ok = (c->caps->misc & XVCPU_IA32_VMX_MISC_INJECT_ZERO_LENGTH) != 0;
        if (len > 15 || (len == 0 && !zero_ok))
            return XVCPU__EC("VM-entry instruction length: a software event needs 1-15 bytes", "27.2.1.3");
    }
    return NULL;
}

static const char *xvcpu__ec_controls(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    int r;
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PIN, c->pin)) >= 0)
        return r == 0 ? XVCPU__EC("pin-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("pin-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PROC, c->proc)) >= 0)
        return r == 0 ? XVCPU__EC("primary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("primary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) && (r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_PROC2, c->proc2)) >= 0)
        return r == 0 ? XVCPU__EC("secondary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.1")
                      : XVCPU__EC("secondary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.1");
    if (xvcpu_vmcs_read_cr3_target_count() > XVCPU_FIELD_GET(XVCPU_IA32_VMX_MISC_CR3_TARGET_COUNT, caps->misc))
        return XVCPU__EC("CR3-target count above IA32_VMX_MISC's limit", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_IO_BITMAPS) && (xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_io_bitmap_a_address(), 4096) ||
                                                  xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_io_bitmap_b_address(), 4096)))
        return XVCPU__EC("I/O bitmap address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_MSR_BITMAPS) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_msr_bitmap_address(), 4096))
        return XVCPU__EC("MSR bitmap address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if (!(c->pin & XVCPU_PIN_NMI_EXITING) && (c->pin & XVCPU_PIN_VIRTUAL_NMIS))
        return XVCPU__EC("virtual NMIs set without NMI exiting", "27.2.1.1");
    if (!(c->pin & XVCPU_PIN_VIRTUAL_NMIS) && (c->proc & XVCPU_PROC_NMI_WINDOW_EXITING))
        return XVCPU__EC("NMI-window exiting set without virtual NMIs", "27.2.1.1");
    if ((c->proc & XVCPU_PROC_USE_TPR_SHADOW) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_virtual_apic_address(), 4096))
        return XVCPU__EC("virtual-APIC address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if (!(c->proc & XVCPU_PROC_USE_TPR_SHADOW) &&
        (c->proc2 & (XVCPU_PROC2_VIRTUALIZE_X2APIC_MODE | XVCPU_PROC2_APIC_REGISTER_VIRTUALIZATION |
                     XVCPU_PROC2_VIRTUAL_INTERRUPT_DELIVERY)))
        return XVCPU__EC("x2APIC/APIC-register virtualization or virtual-interrupt delivery without the TPR shadow", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUAL_INTERRUPT_DELIVERY) && !(c->pin & XVCPU_PIN_EXTERNAL_INTERRUPT_EXITING))
        return XVCPU__EC("virtual-interrupt delivery without external-interrupt exiting", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUALIZE_APIC_ACCESSES) && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_apic_access_address(), 4096))
        return XVCPU__EC("APIC-access address not 4-KByte aligned or beyond the physical-address width", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_VIRTUALIZE_X2APIC_MODE) && (c->proc2 & XVCPU_PROC2_VIRTUALIZE_APIC_ACCESSES))
        return XVCPU__EC("virtualize x2APIC mode together with virtualize APIC accesses", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_ENABLE_VPID) && xvcpu_vmcs_read_virtual_processor_id() == 0)
        return XVCPU__EC("enable VPID with VPID 0", "27.2.1.1");
    if (c->proc2 & XVCPU_PROC2_ENABLE_EPT) {
        uint64_t eptp = xvcpu_vmcs_read_ept_pointer(), cap = caps->ept_vpid;
        uint64_t mt = XVCPU_FIELD_GET(XVCPU_EPTP_MEMORY_TYPE, eptp);
        uint64_t walk = XVCPU_FIELD_GET(XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1, eptp);
        if (!((mt == XVCPU_X86_MEMORY_TYPE_UC && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_UC)) ||
              (mt == XVCPU_X86_MEMORY_TYPE_WB && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB))))
            return XVCPU__EC("EPT pointer: memory type not allowed by IA32_VMX_EPT_VPID_CAP", "27.2.1.1");
        if (!((walk == 3 && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4)) ||
              (walk == 4 && (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_5))))
            return XVCPU__EC("EPT pointer: page-walk length not supported", "27.2.1.1");
        if ((eptp & XVCPU_EPTP_ACCESSED_DIRTY) && !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY))
            return XVCPU__EC("EPT pointer: accessed/dirty flags without the CPU's support", "27.2.1.1");
        if ((eptp & 0xF00u) || (eptp & c->beyond_phys) ||
            ((eptp & XVCPU_EPTP_SUPERVISOR_SHADOW_STACK_AR) && !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_SUPERVISOR_SHADOW_STACK)))
            return XVCPU__EC("EPT pointer: reserved bits set", "27.2.1.1");
    }
    if ((c->proc2 & XVCPU_PROC2_UNRESTRICTED_GUEST) && !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return XVCPU__EC("unrestricted guest without EPT", "27.2.1.1");
    if ((c->proc2 & XVCPU_PROC2_ENABLE_PML) && !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return XVCPU__EC("enable PML without EPT", "27.2.1.1");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_EXIT, c->exit)) >= 0)
        return r == 0 ? XVCPU__EC("primary VM-exit controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.2")
                      : XVCPU__EC("primary VM-exit controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.2");
    if (!(c->pin & XVCPU_PIN_ACTIVATE_VMX_PREEMPTION_TIMER) && (c->exit & XVCPU_EXIT_SAVE_VMX_PREEMPTION_TIMER))
        return XVCPU__EC("save VMX-preemption timer without activating it", "27.2.1.2");
    if (xvcpu_vmcs_read_exit_msr_store_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_exit_msr_store_address(), 16))
        return XVCPU__EC("VM-exit MSR-store address not 16-byte aligned or beyond the physical-address width", "27.2.1.2");
    if (xvcpu_vmcs_read_exit_msr_load_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_exit_msr_load_address(), 16))
        return XVCPU__EC("VM-exit MSR-load address not 16-byte aligned or beyond the physical-address width", "27.2.1.2");
    if ((r = xvcpu__ec_ctl(caps, XVCPU_VMX_WORD_ENTRY, c->entry)) >= 0)
        return r == 0 ? XVCPU__EC("VM-entry controls: a bit the CPU needs set is clear (allowed-0 settings)", "27.2.1.3")
                      : XVCPU__EC("VM-entry controls: a bit the CPU cannot set is set (allowed-1 settings)", "27.2.1.3");
    if (c->entry & (XVCPU_ENTRY_ENTRY_TO_SMM | XVCPU_ENTRY_DEACTIVATE_DUAL_MONITOR))
        return XVCPU__EC("entry to SMM or deactivate dual-monitor treatment outside SMM", "27.2.1.3");
    if (xvcpu_vmcs_read_entry_msr_load_count() && xvcpu__ec_addr_bad(c, xvcpu_vmcs_read_entry_msr_load_address(), 16))
        return XVCPU__EC("VM-entry MSR-load address not 16-byte aligned or beyond the physical-address width", "27.2.1.3");
    return xvcpu__ec_event_injection(c);
}

/* --- 27.2.2-27.2.4 checks on the host state area (VMfailValid 8) ---------------------------- */

static const char *xvcpu__ec_host(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    uint64_t cr0 = xvcpu_vmcs_read_host_cr0(), cr4 = xvcpu_vmcs_read_host_cr4();
    static const uint32_t sels[7] = { XVCPU_VMCS_HOST_ES_SELECTOR, XVCPU_VMCS_HOST_CS_SELECTOR, XVCPU_VMCS_HOST_SS_SELECTOR,
                                      XVCPU_VMCS_HOST_DS_SELECTOR, XVCPU_VMCS_HOST_FS_SELECTOR, XVCPU_VMCS_HOST_GS_SELECTOR,
                                      XVCPU_VMCS_HOST_TR_SELECTOR };
    unsigned i;
    if ((caps->cr0_fixed0 & ~cr0) || (cr0 & ~caps->cr0_fixed1))
        return XVCPU__EC("host CR0: not within IA32_VMX_CR0_FIXED0/FIXED1", "27.2.2");
    if ((caps->cr4_fixed0 & ~cr4) || (cr4 & ~caps->cr4_fixed1))
        return XVCPU__EC("host CR4: not within IA32_VMX_CR4_FIXED0/FIXED1", "27.2.2");
    if (xvcpu_vmcs_read_host_cr3() & c->beyond_phys)
        return XVCPU__EC("host CR3: bits beyond the physical-address width set", "27.2.2");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_host_ia32_sysenter_esp(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_ia32_sysenter_eip(), cr4))
        return XVCPU__EC("host IA32_SYSENTER_ESP/EIP not canonical", "27.2.2");
    if ((c->exit & XVCPU_EXIT_LOAD_IA32_PAT) && !xvcpu__ec_pat_ok(xvcpu_vmcs_read_host_ia32_pat()))
        return XVCPU__EC("host IA32_PAT: a memory type is invalid", "27.2.2");
    if (c->exit & XVCPU_EXIT_LOAD_IA32_EFER) {
        uint64_t efer = xvcpu_vmcs_read_host_ia32_efer();
        if (efer & ~(uint64_t)(XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE))
            return XVCPU__EC("host IA32_EFER: reserved bits set", "27.2.2");
        if (((efer & XVCPU_IA32_EFER_LMA) != 0) != c->host64 || ((efer & XVCPU_IA32_EFER_LME) != 0) != c->host64)
            return XVCPU__EC("host IA32_EFER: LMA and LME must equal the host address-space size control", "27.2.2");
    }
    for (i = 0; i < 7; i++)
        if (xvcpu__ec_rd(sels[i]) & 7)
            return XVCPU__EC("host selector: RPL or TI set (ES, CS, SS, DS, FS, GS or TR)", "27.2.3");
    if (xvcpu_vmcs_read_host_cs_selector() == 0)
        return XVCPU__EC("host CS selector is 0", "27.2.3");
    if (xvcpu_vmcs_read_host_tr_selector() == 0)
        return XVCPU__EC("host TR selector is 0", "27.2.3");
    if (xvcpu_vmcs_read_host_ss_selector() == 0 && !c->host64)
        return XVCPU__EC("host SS selector is 0 without a 64-bit host", "27.2.3");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_host_fs_base(), cr4) || !xvcpu__x86_canonical(xvcpu_vmcs_read_host_gs_base(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_gdtr_base(), cr4) || !xvcpu__x86_canonical(xvcpu_vmcs_read_host_idtr_base(), cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_host_tr_base(), cr4))
        return XVCPU__EC("host FS, GS, GDTR, IDTR or TR base not canonical", "27.2.3");
    /* 27.2.4: the host's address-space size as the CPU runs now (XVCPU_RDMSR of EFER.LMA) */
    if ((XVCPU_RDMSR(XVCPU_MSR_IA32_EFER) & XVCPU_IA32_EFER_LMA) && !c->host64)
        return XVCPU__EC("host address-space size clear while the CPU is in IA-32e mode", "27.2.4");
    if (!c->host64 && c->ia32e)
        return XVCPU__EC("IA-32e mode guest without a 64-bit host", "27.2.4");
    if (c->host64 && !(cr4 & XVCPU_CR4_PAE))
        return XVCPU__EC("host CR4.PAE clear with a 64-bit host", "27.2.4");
    if (c->host64 && !xvcpu__x86_canonical(xvcpu_vmcs_read_host_rip(), cr4))
        return XVCPU__EC("host RIP not canonical", "27.2.4");
    if (!c->host64 && (cr4 & XVCPU_CR4_PCIDE))
        return XVCPU__EC("host CR4.PCIDE set without a 64-bit host", "27.2.4");
    return NULL;
}

/* --- 27.3.1 checks on the guest state area (exit reason 33) --------------------------------- */

/* Limit and granularity agree: limit[11:0] not all ones -> G=0; limit[31:20] not 0 -> G=1. */
static bool xvcpu__ec_limit_ok(uint32_t limit, uint32_t ar)
{
    bool g = (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_G) != 0;
    if ((limit & 0xFFF) != 0xFFF && g)
        return false;
    if ((limit & 0xFFF00000u) != 0 && !g)
        return false;
    return true;
}

#define XVCPU__EC_AR_RESERVED 0xFFFE0F00u /* bits 11:8 and 31:17 of the access-rights format */
#define XVCPU__EC_TYPE(ar) ((uint32_t)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_TYPE, ar))
#define XVCPU__EC_DPL(ar) ((uint32_t)XVCPU_FIELD_GET(XVCPU_SEGMENT_ACCESS_RIGHTS_DPL, ar))

static const char *xvcpu__ec_guest_regs(const xvcpu__ec *c)
{
    const xvcpu_vmx_caps *caps = c->caps;
    uint64_t fixed0 = caps->cr0_fixed0, efer;
    if (c->unrestricted)
        fixed0 &= ~(uint64_t)(XVCPU_CR0_PE | XVCPU_CR0_PG);
    if ((fixed0 & ~c->cr0) || (c->cr0 & ~caps->cr0_fixed1))
        return XVCPU__EC("guest CR0: not within IA32_VMX_CR0_FIXED0/FIXED1", "27.3.1.1");
    if ((c->cr0 & XVCPU_CR0_PG) && !(c->cr0 & XVCPU_CR0_PE))
        return XVCPU__EC("guest CR0: PG set without PE", "27.3.1.1");
    if ((caps->cr4_fixed0 & ~c->cr4) || (c->cr4 & ~caps->cr4_fixed1))
        return XVCPU__EC("guest CR4: not within IA32_VMX_CR4_FIXED0/FIXED1", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) && (xvcpu_vmcs_read_guest_ia32_debugctl() & 0xFFFFFFFFFFFF003Cull))
        return XVCPU__EC("guest IA32_DEBUGCTL: reserved bits set", "27.3.1.1");
    if (c->ia32e && (!(c->cr0 & XVCPU_CR0_PG) || !(c->cr4 & XVCPU_CR4_PAE)))
        return XVCPU__EC("IA-32e mode guest without CR0.PG and CR4.PAE", "27.3.1.1");
    if (!c->ia32e && (c->cr4 & XVCPU_CR4_PCIDE))
        return XVCPU__EC("guest CR4.PCIDE set outside IA-32e mode", "27.3.1.1");
    if (xvcpu_vmcs_read_guest_cr3() & c->beyond_phys)
        return XVCPU__EC("guest CR3: bits beyond the physical-address width set", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) && (xvcpu_vmcs_read_guest_dr7() >> 32))
        return XVCPU__EC("guest DR7: bits 63:32 set", "27.3.1.1");
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ia32_sysenter_esp(), c->cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ia32_sysenter_eip(), c->cr4))
        return XVCPU__EC("guest IA32_SYSENTER_ESP/EIP not canonical", "27.3.1.1");
    if ((c->entry & XVCPU_ENTRY_LOAD_IA32_PAT) && !xvcpu__ec_pat_ok(xvcpu_vmcs_read_guest_ia32_pat()))
        return XVCPU__EC("guest IA32_PAT: a memory type is invalid", "27.3.1.1");
    if (c->entry & XVCPU_ENTRY_LOAD_IA32_EFER) {
        efer = xvcpu_vmcs_read_guest_ia32_efer();
        if (efer & ~(uint64_t)(XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE))
            return XVCPU__EC("guest IA32_EFER: reserved bits set", "27.3.1.1");
        if (((efer & XVCPU_IA32_EFER_LMA) != 0) != c->ia32e)
            return XVCPU__EC("guest IA32_EFER.LMA differs from the IA-32e mode guest control", "27.3.1.1");
        if ((c->cr0 & XVCPU_CR0_PG) && ((efer & XVCPU_IA32_EFER_LMA) != 0) != ((efer & XVCPU_IA32_EFER_LME) != 0))
            return XVCPU__EC("guest IA32_EFER: LMA differs from LME with CR0.PG set", "27.3.1.1");
    }
    return NULL;
}

/* 27.3.1.2 for CS, SS, DS, ES, FS, GS outside virtual-8086 mode. */
static const char *xvcpu__ec_code_data(const xvcpu__ec *c)
{
    static const uint8_t order[6] = { 1, 2, 3, 0, 4, 5 }; /* CS, SS, DS, ES, FS, GS (VMCS index ES=0) */
    uint32_t cs_ar = xvcpu_vmcs_read_guest_cs_access_rights(), ss_ar = xvcpu_vmcs_read_guest_ss_access_rights();
    uint16_t ss_sel = xvcpu_vmcs_read_guest_ss_selector(), cs_sel = xvcpu_vmcs_read_guest_cs_selector();
    uint32_t cs_type = XVCPU__EC_TYPE(cs_ar);
    unsigned k;
    if (!c->unrestricted && (ss_sel & 3) != (cs_sel & 3))
        return XVCPU__EC("guest SS selector RPL differs from CS RPL", "27.3.1.2");
    for (k = 0; k < 6; k++) {
        unsigned n = order[k];
        uint32_t ar = (uint32_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * n);
        uint32_t limit = (uint32_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * n);
        uint64_t base = xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_BASE + 2 * n);
        uint16_t sel = (uint16_t)xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * n);
        uint32_t type = XVCPU__EC_TYPE(ar);
        bool usable = n == 1 || !(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
        if ((n == 4 || n == 5) && !xvcpu__x86_canonical(base, c->cr4))
            return XVCPU__EC("guest FS/GS base not canonical", "27.3.1.2");
        if ((n == 1 || (usable && n != 4 && n != 5)) && (base >> 32))
            return XVCPU__EC("guest CS/SS/DS/ES base: bits 63:32 set", "27.3.1.2");
        if (!usable)
            continue;
        if (n == 1) {
            bool ok = type == XVCPU_SEGMENT_TYPE_CODE_X_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XR_ACCESSED ||
                      type == XVCPU_SEGMENT_TYPE_CODE_XC_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XRC_ACCESSED ||
                      (c->unrestricted && type == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED);
            if (!ok)
                return XVCPU__EC("guest CS type: must be accessed code (or read/write accessed data with unrestricted guest)", "27.3.1.2");
        } else if (n == 2) {
            if (type != XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED && type != XVCPU_SEGMENT_TYPE_DATA_RW_DOWN_ACCESSED)
                return XVCPU__EC("guest SS type: must be read/write accessed data", "27.3.1.2");
        } else {
            if (!(type & 1))
                return XVCPU__EC("guest DS/ES/FS/GS type: not accessed", "27.3.1.2");
            if ((type & 8) && !(type & 2))
                return XVCPU__EC("guest DS/ES/FS/GS type: code segment not readable", "27.3.1.2");
        }
        if (!(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S))
            return XVCPU__EC("guest CS/SS/DS/ES/FS/GS: S (descriptor type) clear", "27.3.1.2");
        if (n == 1) {
            if (type == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED && XVCPU__EC_DPL(ar) != 0)
                return XVCPU__EC("guest CS DPL: must be 0 for a data-type CS", "27.3.1.2");
            if ((type == XVCPU_SEGMENT_TYPE_CODE_X_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XR_ACCESSED) &&
                XVCPU__EC_DPL(ar) != XVCPU__EC_DPL(ss_ar))
                return XVCPU__EC("guest CS DPL: non-conforming code must have SS's DPL", "27.3.1.2");
            if ((type == XVCPU_SEGMENT_TYPE_CODE_XC_ACCESSED || type == XVCPU_SEGMENT_TYPE_CODE_XRC_ACCESSED) &&
                XVCPU__EC_DPL(ar) > XVCPU__EC_DPL(ss_ar))
                return XVCPU__EC("guest CS DPL: conforming code above SS's DPL", "27.3.1.2");
        } else if (n == 2) {
            if (!c->unrestricted && XVCPU__EC_DPL(ar) != (sel & 3u))
                return XVCPU__EC("guest SS DPL differs from its RPL", "27.3.1.2");
            if ((XVCPU__EC_TYPE(cs_ar) == XVCPU_SEGMENT_TYPE_DATA_RW_ACCESSED || !(c->cr0 & XVCPU_CR0_PE)) && XVCPU__EC_DPL(ar) != 0)
                return XVCPU__EC("guest SS DPL: must be 0 in real mode or with a data-type CS", "27.3.1.2");
        } else if (!c->unrestricted && type <= 11 && XVCPU__EC_DPL(ar) < (sel & 3u)) {
            return XVCPU__EC("guest DS/ES/FS/GS DPL below its RPL", "27.3.1.2");
        }
        if (!(ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest CS/SS/DS/ES/FS/GS: not present", "27.3.1.2");
        if (ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest segment access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (n == 1 && c->ia32e && (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_L) && (ar & XVCPU_SEGMENT_ACCESS_RIGHTS_DB))
            return XVCPU__EC("guest CS: L and D/B both set in an IA-32e mode guest", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(limit, ar))
            return XVCPU__EC("guest segment limit and granularity (G) disagree", "27.3.1.2");
    }
    (void)cs_type;
    return NULL;
}

static const char *xvcpu__ec_v8086(void)
{
    unsigned n;
    for (n = 0; n < 6; n++) {
        uint64_t sel = xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_SELECTOR + 2 * n);
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_BASE + 2 * n) != sel << 4)
            return XVCPU__EC("virtual-8086 guest: a segment base is not its selector times 16", "27.3.1.2");
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_LIMIT + 2 * n) != 0xFFFF)
            return XVCPU__EC("virtual-8086 guest: a segment limit is not 0xFFFF", "27.3.1.2");
        if (xvcpu__ec_rd(XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS + 2 * n) != 0xF3)
            return XVCPU__EC("virtual-8086 guest: a segment's access rights are not 0xF3", "27.3.1.2");
    }
    return NULL;
}

static const char *xvcpu__ec_segments(const xvcpu__ec *c)
{
    uint32_t tr_ar = xvcpu_vmcs_read_guest_tr_access_rights(), ldtr_ar = xvcpu_vmcs_read_guest_ldtr_access_rights();
    bool ldtr_usable = !(ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE);
    const char *why;
    if (xvcpu_vmcs_read_guest_tr_selector() & 4)
        return XVCPU__EC("guest TR selector: TI set", "27.3.1.2");
    if (ldtr_usable && (xvcpu_vmcs_read_guest_ldtr_selector() & 4))
        return XVCPU__EC("guest LDTR selector: TI set", "27.3.1.2");
    if (c->rflags & XVCPU_RFLAGS_VM) {
        if ((why = xvcpu__ec_v8086()) != NULL)
            return why;
    } else if ((why = xvcpu__ec_code_data(c)) != NULL) {
        return why;
    }
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_tr_base(), c->cr4))
        return XVCPU__EC("guest TR base not canonical", "27.3.1.2");
    if (ldtr_usable && !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_ldtr_base(), c->cr4))
        return XVCPU__EC("guest LDTR base not canonical", "27.3.1.2");
    {
        uint32_t type = XVCPU__EC_TYPE(tr_ar);
        if (!(type == XVCPU_SYSTEM_SEGMENT_TYPE_TSS_BUSY || (!c->ia32e && type == XVCPU_SYSTEM_SEGMENT_TYPE_TSS16_BUSY)))
            return XVCPU__EC("guest TR type: must be a busy TSS (32/64-bit; 16-bit outside IA-32e mode)", "27.3.1.2");
        if (tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S)
            return XVCPU__EC("guest TR: S set (must be a system segment)", "27.3.1.2");
        if (!(tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest TR: not present", "27.3.1.2");
        if (tr_ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest TR access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(xvcpu_vmcs_read_guest_tr_limit(), tr_ar))
            return XVCPU__EC("guest TR limit and granularity (G) disagree", "27.3.1.2");
        if (tr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE)
            return XVCPU__EC("guest TR marked unusable", "27.3.1.2");
    }
    if (ldtr_usable) {
        if (XVCPU__EC_TYPE(ldtr_ar) != XVCPU_SYSTEM_SEGMENT_TYPE_LDT)
            return XVCPU__EC("guest LDTR type: must be 2 (LDT)", "27.3.1.2");
        if (ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_S)
            return XVCPU__EC("guest LDTR: S set (must be a system segment)", "27.3.1.2");
        if (!(ldtr_ar & XVCPU_SEGMENT_ACCESS_RIGHTS_P))
            return XVCPU__EC("guest LDTR: not present", "27.3.1.2");
        if (ldtr_ar & XVCPU__EC_AR_RESERVED)
            return XVCPU__EC("guest LDTR access rights: reserved bits 11:8 or 31:17 set", "27.3.1.2");
        if (!xvcpu__ec_limit_ok(xvcpu_vmcs_read_guest_ldtr_limit(), ldtr_ar))
            return XVCPU__EC("guest LDTR limit and granularity (G) disagree", "27.3.1.2");
    }
    return NULL;
}

static const char *xvcpu__ec_guest_rip_flags(const xvcpu__ec *c)
{
    uint64_t rip = xvcpu_vmcs_read_guest_rip();
    bool cs_l = (xvcpu_vmcs_read_guest_cs_access_rights() & XVCPU_SEGMENT_ACCESS_RIGHTS_L) != 0;
    uint64_t defined = XVCPU_RFLAGS_CF | XVCPU_RFLAGS_FIXED1 | XVCPU_RFLAGS_PF | XVCPU_RFLAGS_AF | XVCPU_RFLAGS_ZF |
                       XVCPU_RFLAGS_SF | XVCPU_RFLAGS_TF | XVCPU_RFLAGS_IF | XVCPU_RFLAGS_DF | XVCPU_RFLAGS_OF |
                       XVCPU_RFLAGS_IOPL_MASK | XVCPU_RFLAGS_NT | XVCPU_RFLAGS_RF | XVCPU_RFLAGS_VM | XVCPU_RFLAGS_AC |
                       XVCPU_RFLAGS_VIF | XVCPU_RFLAGS_VIP | XVCPU_RFLAGS_ID;
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    /* 27.3.1.3 descriptor tables first, then RIP and RFLAGS (27.3.1.4) */
    if (!xvcpu__x86_canonical(xvcpu_vmcs_read_guest_gdtr_base(), c->cr4) ||
        !xvcpu__x86_canonical(xvcpu_vmcs_read_guest_idtr_base(), c->cr4))
        return XVCPU__EC("guest GDTR/IDTR base not canonical", "27.3.1.3");
    if ((xvcpu_vmcs_read_guest_gdtr_limit() | xvcpu_vmcs_read_guest_idtr_limit()) & 0xFFFF0000u)
        return XVCPU__EC("guest GDTR/IDTR limit: bits 31:16 set", "27.3.1.3");
    if ((!c->ia32e || !cs_l) && (rip >> 32))
        return XVCPU__EC("guest RIP: bits 63:32 set outside 64-bit mode", "27.3.1.4");
    if (c->ia32e && cs_l && !xvcpu__x86_canonical(rip, c->cr4))
        return XVCPU__EC("guest RIP not canonical in 64-bit mode", "27.3.1.4");
    if (c->rflags & ~defined)
        return XVCPU__EC("guest RFLAGS: reserved bits set", "27.3.1.4");
    if (!(c->rflags & XVCPU_RFLAGS_FIXED1))
        return XVCPU__EC("guest RFLAGS: bit 1 clear", "27.3.1.4");
    if ((c->rflags & XVCPU_RFLAGS_VM) && (c->ia32e || !(c->cr0 & XVCPU_CR0_PE)))
        return XVCPU__EC("guest RFLAGS.VM set in IA-32e mode or with CR0.PE clear", "27.3.1.4");
    if ((info & XVCPU_INTERRUPTION_INFO_VALID) &&
        XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info) == XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT &&
        !(c->rflags & XVCPU_RFLAGS_IF))
        return XVCPU__EC("guest RFLAGS.IF clear while injecting an external interrupt", "27.3.1.4");
    return NULL;
}

static const char *xvcpu__ec_guest_nonreg(const xvcpu__ec *c)
{
    uint32_t act = xvcpu_vmcs_read_guest_activity_state(), intr = xvcpu_vmcs_read_guest_interruptibility_state();
    uint32_t info = (uint32_t)xvcpu_vmcs_read_entry_interruption_info();
    uint32_t type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    bool injecting = (info & XVCPU_INTERRUPTION_INFO_VALID) != 0;
    uint64_t pend = xvcpu_vmcs_read_guest_pending_debug_exceptions(), link = xvcpu_vmcs_read_vmcs_link_pointer();
    uint32_t sti_movss = XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS;
    uint64_t pend_defined = XVCPU_PENDING_DEBUG_EXCEPTIONS_B0 | XVCPU_PENDING_DEBUG_EXCEPTIONS_B1 |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_B2 | XVCPU_PENDING_DEBUG_EXCEPTIONS_B3 |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT | XVCPU_PENDING_DEBUG_EXCEPTIONS_BS |
                            XVCPU_PENDING_DEBUG_EXCEPTIONS_RTM;
    static const uint64_t act_cap[4] = { 0, XVCPU_IA32_VMX_MISC_ACTIVITY_HLT, XVCPU_IA32_VMX_MISC_ACTIVITY_SHUTDOWN,
                                         XVCPU_IA32_VMX_MISC_ACTIVITY_WAIT_SIPI };
    if (act > XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI || (act != 0 && !(c->caps->misc & act_cap[act])))
        return XVCPU__EC("guest activity state not supported (IA32_VMX_MISC)", "27.3.1.5");
    if (act == XVCPU_ACTIVITY_STATE_HLT && XVCPU__EC_DPL(xvcpu_vmcs_read_guest_ss_access_rights()) != 0)
        return XVCPU__EC("guest activity state HLT with SS DPL not 0", "27.3.1.5");
    if ((intr & sti_movss) && act != XVCPU_ACTIVITY_STATE_ACTIVE)
        return XVCPU__EC("guest blocking by STI or MOV SS outside the active state", "27.3.1.5");
    if (injecting && ((act == XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI) ||
                      (act == XVCPU_ACTIVITY_STATE_SHUTDOWN && type != XVCPU_INTERRUPTION_INFO_TYPE_NMI &&
                       (info & XVCPU_INTERRUPTION_INFO_VECTOR_MASK) != 18)))
        return XVCPU__EC("event injected into a wait-for-SIPI or shutdown state that cannot take it", "27.3.1.5");
    if (intr & 0xFFFFFFE0u)
        return XVCPU__EC("guest interruptibility state: reserved bits 31:5 set", "27.3.1.5");
    if ((intr & sti_movss) == sti_movss)
        return XVCPU__EC("guest interruptibility state: blocking by STI and by MOV SS both set", "27.3.1.5");
    if ((intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI) && !(c->rflags & XVCPU_RFLAGS_IF))
        return XVCPU__EC("guest interruptibility state: blocking by STI with RFLAGS.IF clear", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT && (intr & sti_movss))
        return XVCPU__EC("external interrupt injected under blocking by STI or MOV SS", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS))
        return XVCPU__EC("NMI injected under blocking by MOV SS", "27.3.1.5");
    if (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_SMI)
        return XVCPU__EC("guest blocking by SMI outside SMM", "27.3.1.5");
    if (c->entry & XVCPU_ENTRY_ENTRY_TO_SMM) /* a control check on CPUs, a guest check in Bochs 2.7 */
        return XVCPU__EC("guest interruptibility state: entry to SMM without blocking by SMI", "27.3.1.5");
    if (injecting && type == XVCPU_INTERRUPTION_INFO_TYPE_NMI && (c->pin & XVCPU_PIN_VIRTUAL_NMIS) &&
        (intr & XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI))
        return XVCPU__EC("NMI injected under blocking by NMI with virtual NMIs", "27.3.1.5");
    if (pend & ~pend_defined)
        return XVCPU__EC("guest pending debug exceptions: reserved bits set", "27.3.1.5");
    if ((intr & sti_movss) || act == XVCPU_ACTIVITY_STATE_HLT) {
        bool tf = (c->rflags & XVCPU_RFLAGS_TF) != 0;
        bool btf = (c->entry & XVCPU_ENTRY_LOAD_DEBUG_CONTROLS) &&
                   (xvcpu_vmcs_read_guest_ia32_debugctl() & XVCPU_IA32_DEBUGCTL_BTF) != 0;
        bool bs = (pend & XVCPU_PENDING_DEBUG_EXCEPTIONS_BS) != 0;
        if (tf && !btf && !bs)
            return XVCPU__EC("guest pending debug exceptions: BS clear with RFLAGS.TF set under blocking or HLT", "27.3.1.5");
        if ((!tf || btf) && bs)
            return XVCPU__EC("guest pending debug exceptions: BS set without single-stepping under blocking or HLT", "27.3.1.5");
    }
    if (link != ~0ull) {
        const uint32_t *region;
        uint32_t want = (uint32_t)XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, c->caps->basic);
        if (c->proc2 & XVCPU_PROC2_VMCS_SHADOWING)
            want |= 0x80000000u; /* bit 31 of the region: the shadow-VMCS indicator */
        if ((link & 0xFFF) || (link & c->beyond_phys))
            return XVCPU__EC("VMCS link pointer: not all ones and not a 4-KByte aligned address", "27.3.1.5");
        region = (const uint32_t *)c->vcpu->hal->phys_to_virt(c->vcpu->hal->ctx, link);
        if (region == NULL || *region != want)
            return XVCPU__EC("VMCS link pointer: the region's revision identifier is wrong", "27.3.1.5");
        /* outside SMM (xvcpu never runs there) the only pointer it must differ from */
        if (link == c->vcpu->arch.vmx.vmcs_phys)
            return XVCPU__EC("VMCS link pointer: the current VMCS", "27.3.1.5");
    }
    return NULL;
}

/* 27.3.1.6: with EPT, PAE paging outside IA-32e mode loads the PDPTEs from the VMCS. */
static const char *xvcpu__ec_pdptes(const xvcpu__ec *c)
{
    unsigned i;
    if (c->ia32e || !(c->cr0 & XVCPU_CR0_PG) || !(c->cr4 & XVCPU_CR4_PAE) || !(c->proc2 & XVCPU_PROC2_ENABLE_EPT))
        return NULL;
    for (i = 0; i < 4; i++) {
        uint64_t e = xvcpu__ec_rd(XVCPU_VMCS_GUEST_PDPTE0 + 2 * i);
        if ((e & 1) && ((e & 0x1E6u) || (e & c->beyond_phys)))
            return XVCPU__EC("guest PDPTE: present with reserved bits set", "27.3.1.6");
    }
    return NULL;
}

static void xvcpu__ec_init(xvcpu__ec *c, const xvcpu_vcpu *vcpu)
{
    uint32_t r[4];
    unsigned width = 36;
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000008u) {
        XVCPU_CPUID(0x80000008u, 0, r);
        width = r[0] & 0xFF;
    }
    c->vcpu = vcpu;
    c->caps = &vcpu->arch.vmx.caps;
    c->beyond_phys = width >= 64 ? 0 : ~0ull << width;
    c->pin = xvcpu_vmcs_read_pin_based_controls();
    c->proc = xvcpu_vmcs_read_primary_proc_based_controls();
    c->proc2 = (c->proc & XVCPU_PROC_ACTIVATE_SECONDARY_CONTROLS) ? xvcpu_vmcs_read_secondary_proc_based_controls() : 0;
    c->exit = xvcpu_vmcs_read_primary_exit_controls();
    c->entry = xvcpu_vmcs_read_entry_controls();
    c->ia32e = (c->entry & XVCPU_ENTRY_IA32E_MODE_GUEST) != 0;
    c->unrestricted = (c->proc2 & XVCPU_PROC2_UNRESTRICTED_GUEST) != 0;
    c->host64 = (c->exit & XVCPU_EXIT_HOST_ADDRESS_SPACE_SIZE) != 0;
    c->cr0 = xvcpu_vmcs_read_guest_cr0();
    c->cr4 = xvcpu_vmcs_read_guest_cr4();
    c->rflags = xvcpu_vmcs_read_guest_rflags();
}

XVCPU_DEF const char *xvcpu_vmx_entry_check(const xvcpu_vcpu *vcpu, uint32_t classes)
{
    xvcpu__ec c;
    const char *why = NULL;
    if (vcpu == NULL || vcpu->magic != XVCPU__VCPU_MAGIC || vcpu->backend != xvcpu_vmx_backend() || vcpu->cpu == NULL)
        return NULL;
    xvcpu__ec_init(&c, vcpu);
    if ((classes & XVCPU_VMX_CHECK_CONTROLS) && (why = xvcpu__ec_controls(&c)) != NULL)
        return why;
    if ((classes & XVCPU_VMX_CHECK_HOST) && (why = xvcpu__ec_host(&c)) != NULL)
        return why;
    if (classes & XVCPU_VMX_CHECK_GUEST) {
        if ((why = xvcpu__ec_guest_regs(&c)) == NULL && (why = xvcpu__ec_segments(&c)) == NULL &&
            (why = xvcpu__ec_guest_rip_flags(&c)) == NULL && (why = xvcpu__ec_guest_nonreg(&c)) == NULL)
            why = xvcpu__ec_pdptes(&c);
    }
    return why;
}

static void xvcpu__dump_line(xvcpu_print_fn print, void *ctx, const char *fmt, ...)
{
    char line[96];
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    xvcpu__vformat(line, sizeof(line), fmt, ap);
    __builtin_va_end(ap);
    print(ctx, line);
}

XVCPU_DEF xvcpu_err xvcpu_vmx_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx)
{
    if (vcpu == NULL || print == NULL || vcpu->magic != XVCPU__VCPU_MAGIC)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->backend != xvcpu_vmx_backend() || vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vmx_dump: vCPU %u is not a bound VMX vCPU; its VMCS is not loaded", vcpu->id);
#define XVCPU__DUMP_FIELD(NAME, lname, enc, W, G)                                   \
    {                                                                               \
        uint64_t v;                                                                 \
        if (XVCPU_VMREAD(enc, &v) == XVCPU_VMX_OK)                                  \
            xvcpu__dump_line(print, ctx, "%s %llx", #NAME, (unsigned long long)v);  \
    }
    XVCPU_VMCS_FIELDS(XVCPU__DUMP_FIELD)
#undef XVCPU__DUMP_FIELD
    return XVCPU_OK;
}

/* ==== xvcpu/vmx/run.c.h ==== */
/* The VMX run loop: enter, read the exit reason, handle what the library owns, repeat until an
 * exit needs the VMM. Only the fields an exit needs are read (see the XVCPU__VMX_* caches). */

/* Before entry: apply the VMM's completion, flush stage-2 changes, switch XCR0, inject. */
static int xvcpu__vmx_prepare(xvcpu_vcpu *vcpu, const char **what)
{
    static const char vmwrite[] = "xvcpu_vcpu_run: VMWRITE before the entry";
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st;
    /* Each step's bookkeeping changes only when its instruction worked: after a failure the run
     * is refused and the next one does the rest (nothing lost, nothing done twice). `what` is
     * set only on a failure: this runs before every entry. */
    if (vcpu->rip_advance != 0) {
        if ((st = xvcpu__vmx_advance(vmx, vcpu->rip_advance)) != XVCPU_VMX_OK)
            return *what = vmwrite, st;
        vcpu->rip_advance = 0;
    }
    if (vcpu->rsp_dirty) {
        if ((st = xvcpu_vmcs_write_guest_rsp(vcpu->gpr[XVCPU_REG_RSP])) != XVCPU_VMX_OK)
            return *what = vmwrite, st;
        vcpu->rsp_dirty = false;
    }
    if (vmx->stage2->generation != vmx->stage2_generation) {
        /* mappings were removed or lost permissions: drop this EPTP's cached translations */
        bool single = (vmx->caps.ept_vpid & XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SINGLE_CONTEXT) != 0;
        if ((st = XVCPU_INVEPT(single ? XVCPU_INVEPT_TYPE_SINGLE_CONTEXT : XVCPU_INVEPT_TYPE_ALL_CONTEXT,
                               xvcpu_stage2_eptp(vmx->stage2))) != XVCPU_VMX_OK)
            return *what = "xvcpu_vcpu_run: INVEPT", st;
        vmx->stage2_generation = vmx->stage2->generation;
    }
    if (vcpu->events.exception_pending || vcpu->events.nmi_pending || vcpu->events.irr[0] | vcpu->events.irr[1] |
                                                                          vcpu->events.irr[2] | vcpu->events.irr[3]) {
        if ((st = xvcpu__vmx_inject(vcpu)) != XVCPU_VMX_OK)
            *what = vmwrite;
        return st;
    }
    return XVCPU_VMX_OK;
}

/* Which check failed, from the class the CPU reported: VMfailValid 7 (controls), 8 (host state),
 * exit reason 33 (guest state). */
static const char *xvcpu__vmx_explain_entry(xvcpu_vcpu *vcpu, int vmfail, uint64_t error, uint32_t reason)
{
    uint32_t classes = 0;
    const char *check;
    if (vmfail == XVCPU_VMX_FAIL_VALID && error == XVCPU_VMX_ERR_ENTRY_INVALID_CONTROL_FIELDS)
        classes = XVCPU_VMX_CHECK_CONTROLS;
    else if (vmfail == XVCPU_VMX_FAIL_VALID && error == XVCPU_VMX_ERR_ENTRY_INVALID_HOST_STATE)
        classes = XVCPU_VMX_CHECK_HOST;
    else if (vmfail == XVCPU_VMX_OK && (reason & 0xFFFF) != XVCPU_VMX_EXIT_ENTRY_FAILURE_MSR_LOADING &&
             (reason & 0xFFFF) != XVCPU_VMX_EXIT_ENTRY_FAILURE_MACHINE_CHECK)
        classes = XVCPU_VMX_CHECK_GUEST;
    if (classes == 0)
        return NULL;
    check = xvcpu_vmx_entry_check(vcpu, classes);
    return check ? check : "no check xvcpu models fails (the CPU checks more than xvcpu knows)";
}

/* A failed entry (VMfail or exit reason bit 31) as a FAIL_ENTRY exit with the SDM's words. */
static void xvcpu__vmx_fail_entry(xvcpu_vcpu *vcpu, xvcpu_exit *exit, int vmfail, uint32_t reason)
{
    uint64_t error = 0;
    exit->kind = XVCPU_EXIT_FAIL_ENTRY;
    if (vmfail == XVCPU_VMX_FAIL_VALID)
        (void)XVCPU_VMREAD(XVCPU_VMCS_VM_INSTRUCTION_ERROR, &error);
    exit->u.fail_entry.vm_instruction_error = (uint32_t)error;
    exit->u.fail_entry.error_text = error ? xvcpu_vmx_error_text((uint32_t)error) : NULL;
    if (vmfail == XVCPU_VMX_OK) {
        exit->u.fail_entry.hw_reason = reason;
        exit->u.fail_entry.qualification = xvcpu_vmcs_read_exit_qualification();
        exit->u.fail_entry.reason_name = xvcpu_vmx_exit_reason_name(reason & 0xFFFF);
    } else {
        exit->u.fail_entry.reason_name = vmfail == XVCPU_VMX_FAIL_INVALID ? "VMfailInvalid" : "VMfailValid";
    }
    exit->u.fail_entry.check = xvcpu__vmx_explain_entry(vcpu, vmfail, error, reason);
    xvcpu__fail_entry_report(vcpu, exit);
    if (vmfail == XVCPU_VMX_FAIL_INVALID) /* the instruction and the SDM's error (Vol. 3C 31.4) */
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                          "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s: VMfailInvalid (no current VMCS)", vcpu->id,
                          vcpu->arch.vmx.launched ? "VMRESUME" : "VMLAUNCH");
    else if (vmfail == XVCPU_VMX_FAIL_VALID)
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                          "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s: VMfailValid: VM-instruction error %u: %s%s%s",
                          vcpu->id, vcpu->arch.vmx.launched ? "VMRESUME" : "VMLAUNCH", (unsigned)error,
                          exit->u.fail_entry.error_text ? exit->u.fail_entry.error_text : "(unknown error number)",
                          exit->u.fail_entry.check ? ": " : "", exit->u.fail_entry.check ? exit->u.fail_entry.check : "");
}

static xvcpu_err xvcpu__vmx_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    bool xcr0_switch;
    for (;;) {
        uint32_t reason;
        int st;
        if (vcpu->events.shutdown) { /* a fault while delivering #DF (SDM Vol. 3A 6.15, #DF) */
            vcpu->events.shutdown = false;
            exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
            exit->raw_reason = XVCPU_VMX_EXIT_TRIPLE_FAULT;
            exit->raw_reason_name = xvcpu_vmx_exit_reason_name(XVCPU_VMX_EXIT_TRIPLE_FAULT);
            return XVCPU_OK;
        }
        const char *what = NULL;
        st = xvcpu__vmx_prepare(vcpu, &what);
        if (st != XVCPU_VMX_OK)
            return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, what, st);
        /* XCR0 is the guest's only while it runs, and switched only when it differs from the
         * host's (read once at bind, not per entry). */
        xcr0_switch = vcpu->x86.xcr0_allowed != XVCPU_XCR0_X87 && vcpu->x86.host_xcr0 != vcpu->x86.xcr0;
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.xcr0);
        if (XVCPU_READ_CR2() != vmx->cr2)
            XVCPU_WRITE_CR2(vmx->cr2);
        st = XVCPU_VMX_ENTER(vcpu);
        vmx->cr2 = XVCPU_READ_CR2();
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.host_xcr0);
        vmx->have = 0;
        vmx->event_reinjected = false;
        if (st != XVCPU_VMX_OK) {
            /* nothing ran: a launched VMCS stays launched, a fresh one stays fresh */
            xvcpu__vmx_fail_entry(vcpu, exit, st, 0);
            /* errors 4 and 5 say what the launch state is (SDM Vol. 3C 31.4): follow it */
            if (exit->u.fail_entry.vm_instruction_error == XVCPU_VMX_ERR_VMLAUNCH_NON_CLEAR_VMCS)
                vmx->launched = true;
            else if (exit->u.fail_entry.vm_instruction_error == XVCPU_VMX_ERR_VMRESUME_NON_LAUNCHED_VMCS)
                vmx->launched = false;
            return XVCPU_OK;
        }
        {
            uint64_t r = 0;
            if ((st = XVCPU_VMREAD(XVCPU_VMCS_EXIT_REASON, &r)) != XVCPU_VMX_OK) {
                /* the guest most likely ran (launching the VMCS) but its exit is unknown: refuse;
                 * the next run enters again and the guest repeats what caused the exit (a wrong
                 * guess of the launch state is corrected by the VMfailValid it causes) */
                vmx->launched = true;
                return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_run: VMREAD of the exit reason", st);
            }
            reason = (uint32_t)r;
        }
        if (reason & XVCPU_EXIT_REASON_ENTRY_FAILURE) {
            /* a failed entry leaves the launch state as it was (SDM Vol. 3C 27.8): a VMCS whose
             * VMLAUNCH failed is still entered with VMLAUNCH next time */
            xvcpu__vmx_fail_entry(vcpu, exit, XVCPU_VMX_OK, reason);
            return XVCPU_OK;
        }
        vmx->launched = true;
        reason &= 0xFFFF;
        vcpu->exit_stats[reason & 127]++;
        if (xvcpu__vmx_handle(vcpu, reason, exit) == XVCPU__RESUME)
            continue;
        exit->raw_reason = reason;
        exit->raw_reason_name = xvcpu_vmx_exit_reason_name(reason);
        if (vmx->have & XVCPU__VMX_HAVE_QUAL)
            exit->raw_qualification = vmx->qual;
        return XVCPU_OK;
    }
}

static xvcpu_err xvcpu__vmx_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    if (vcpu->cpu == NULL) /* the VMCS is only reachable while bound */
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_get_reg: vCPU %u is not bound; its VMCS is not loaded", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RSP: *value = xvcpu_vmcs_read_guest_rsp(); break;
    case XVCPU_REG_RIP: *value = xvcpu_vmcs_read_guest_rip() + vcpu->rip_advance; break;
    case XVCPU_REG_RFLAGS: *value = xvcpu_vmcs_read_guest_rflags(); break;
    case XVCPU_REG_CR0: *value = (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask); break;
    case XVCPU_REG_CR2: *value = vmx->cr2; break;
    case XVCPU_REG_CR3: *value = xvcpu_vmcs_read_guest_cr3(); break;
    case XVCPU_REG_CR4: *value = (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask); break;
    case XVCPU_REG_EFER: *value = vmx->efer; break;
    default: return XVCPU_ERR_INVALID_ARG;
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    int st;
    if (vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is not bound; its VMCS is not loaded", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RIP: st = xvcpu_vmcs_write_guest_rip(value); vcpu->rip_advance = 0; break;
    case XVCPU_REG_RFLAGS: st = xvcpu_vmcs_write_guest_rflags(value | XVCPU_RFLAGS_FIXED1); break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is changed by the guest only", vcpu->id,
                           (unsigned)reg);
    }
    vcpu->arch.vmx.have = 0;
    return st == XVCPU_VMX_OK ? XVCPU_OK : xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_set_reg", st);
}

static const xvcpu_backend xvcpu__vmx_backend_ops = {
    "vmx",
    xvcpu__vmx_percpu_enable,
    xvcpu__vmx_percpu_disable,
    xvcpu__vmx_vcpu_create,
    xvcpu__vmx_vcpu_setup,
    xvcpu__vmx_vcpu_bind,
    xvcpu__vmx_vcpu_unbind,
    xvcpu__vmx_vcpu_run,
    xvcpu__vmx_vcpu_destroy,
    xvcpu__vmx_get_reg,
    xvcpu__vmx_set_reg,
    NULL, /* arch_complete: the x86 rules */
};

XVCPU_DEF const xvcpu_backend *xvcpu_vmx_backend(void)
{
    return &xvcpu__vmx_backend_ops;
}

static xvcpu_err xvcpu__svm_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu); /* svm_run.c.h */

XVCPU_DEF xvcpu_err xvcpu_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    uint64_t cap;
    uint32_t sizes = XVCPU_PAGE_4K;
    xvcpu_err err;
    if (!xvcpu_percpu_is_enabled(cpu) || s2 == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->backend == xvcpu_svm_backend())
        return xvcpu__svm_stage2_init_for_cpu(s2, cpu);
    if (cpu->backend != &xvcpu__vmx_backend_ops)
        return XVCPU_ERR_UNSUPPORTED;
    cap = cpu->caps.vmx.ept_vpid;
    /* 4-level walks and write-back paging structures are what xvcpu builds (SDM Vol. 3D A.10) */
    if (!(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4) || !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB))
        return XVCPU_ERR_UNSUPPORTED;
    if (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PDE_2MB)
        sizes |= XVCPU_PAGE_2M;
    if (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PDPTE_1GB)
        sizes |= XVCPU_PAGE_1G;
    err = xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_EPT, sizes, (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY) != 0);
    if (err == XVCPU_OK)
        s2->execute_only = (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_EXECUTE_ONLY) != 0;
    return err;
}

XVCPU_DEF uint32_t xvcpu_vcpu_exit_count(const xvcpu_vcpu *vcpu, uint32_t raw_reason)
{
    int slot = xvcpu__exit_stat_slot(raw_reason);
    return vcpu != NULL && slot >= 0 ? vcpu->exit_stats[slot] : 0;
}

/* ==== xvcpu/svm/percpu.c.h ==== */
/* SVM per-CPU enable and disable (AMD APM Vol. 2 15.4 "Enabling SVM", 15.30 "SVM-related MSRs").
 * Enable sets EFER.SVME, and EFER.NXE when the host runs without it (nested paging needs it);
 * disable clears both again and puts VM_HSAVE_PA back.
 * The per-CPU region is two pages: the host save area VMRUN uses (VM_HSAVE_PA), then the page the
 * run loop VMSAVEs the host's FS/GS/TR/LDTR/SYSCALL/SYSENTER state to at bind (15.5.2). */

#define XVCPU__SVM_REGION_PAGES 2

/* What CPUID Fn8000_000A (APM Vol. 3 E.4.9) says this CPU offers. */
static void xvcpu__svm_read_caps(xvcpu_svm_caps *caps)
{
    uint32_t r[4];
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x8000000Au) {
        XVCPU_CPUID(0x8000000Au, 0, r);
        caps->revision = (uint32_t)XVCPU_FIELD_GET(XVCPU_SVM_CPUID_8000000A_EAX_SVM_REV, r[0]);
        caps->nasid = r[1];
        caps->features = r[3];
    }
    caps->npt = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_NP) != 0;
    caps->nrips = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_NRIPS) != 0;
    caps->decode_assists = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_DECODE_ASSISTS) != 0;
    caps->vmcb_clean = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_VMCB_CLEAN) != 0;
    caps->flush_by_asid = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_FLUSH_BY_ASID) != 0;
    caps->vgif = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_VGIF) != 0;
    caps->avic = (caps->features & XVCPU_SVM_CPUID_8000000A_EDX_AVIC) != 0;
    XVCPU_CPUID(0x80000001u, 0, r);
    caps->page_1g = (r[3] & XVCPU_CPUID_80000001_EDX_PDPE1GB) != 0;
    caps->nx = (r[3] & XVCPU_CPUID_80000001_EDX_NX) != 0;
}

static xvcpu_err xvcpu__svm_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_svm_caps *caps = &cpu->caps.svm;
    uint32_t r[4];
    uint64_t vm_cr, efer;
    void *region;

    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] >= 0x80000001u)
        XVCPU_CPUID(0x80000001u, 0, r);
    else
        r[2] = 0;
    if ((r[2] & XVCPU_CPUID_80000001_ECX_SVM) == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u has no SVM (CPUID 0x80000001:ECX.SVM = 0)", fn, cpu->cpu_id);
    /* VM_CR.SVMDIS: firmware turned SVM off; with VM_CR.LOCK it stays off (APM Vol. 2 15.30.1). */
    vm_cr = XVCPU_RDMSR(XVCPU_MSR_VM_CR);
    if (vm_cr & XVCPU_VM_CR_SVMDIS)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_DISABLED_BY_FIRMWARE,
                           "%s: CPU %u: SVM is disabled by firmware (VM_CR %llx: SVMDIS%s)", fn, cpu->cpu_id,
                           (unsigned long long)vm_cr, (vm_cr & XVCPU_VM_CR_LOCK) ? ", locked" : "");
    efer = XVCPU_RDMSR(XVCPU_MSR_IA32_EFER);
    if (efer & XVCPU_IA32_EFER_SVME)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_BUSY,
                           "%s: CPU %u: EFER.SVME is already set; SVM is in use by someone else", fn, cpu->cpu_id);

    XVCPU_MEMSET(caps, 0, sizeof(*caps));
    xvcpu__svm_read_caps(caps);
    /* no ASID is known clean yet: the first bind starts a generation (and flushes them all) */
    caps->next_asid = caps->nasid;
    region = xvcpu__alloc_zeroed(cpu->hal, XVCPU__SVM_REGION_PAGES, &cpu->region_phys);
    if (region == NULL)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_NO_MEMORY,
                           "%s: CPU %u: no pages for the host save area", fn, cpu->cpu_id);
    cpu->region = region;
    /* The host save area must be set before the first VMRUN (APM Vol. 2 15.30.4). */
    caps->saved_hsave_pa = XVCPU_RDMSR(XVCPU_MSR_VM_HSAVE_PA);
    XVCPU_WRMSR(XVCPU_MSR_VM_HSAVE_PA, cpu->region_phys);
    /* Nested walks use the host's EFER.NXE (APM Vol. 2 15.25.5): without it the no-execute bit of
     * a nested entry is reserved. A host running without NXE has no XD bits in its own tables, so
     * turning it on changes nothing for the host. */
    caps->set_nxe = caps->nx && !(efer & XVCPU_IA32_EFER_NXE);
    if (caps->set_nxe)
        efer |= XVCPU_IA32_EFER_NXE;
    XVCPU_WRMSR(XVCPU_MSR_IA32_EFER, efer | XVCPU_IA32_EFER_SVME);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_percpu_disable(xvcpu_percpu *cpu)
{
    uint64_t clear = XVCPU_IA32_EFER_SVME | (cpu->caps.svm.set_nxe ? XVCPU_IA32_EFER_NXE : 0);
    XVCPU_WRMSR(XVCPU_MSR_IA32_EFER, XVCPU_RDMSR(XVCPU_MSR_IA32_EFER) & ~clear);
    XVCPU_WRMSR(XVCPU_MSR_VM_HSAVE_PA, cpu->caps.svm.saved_hsave_pa);
    xvcpu__free(cpu->hal, &cpu->region, cpu->region_phys, XVCPU__SVM_REGION_PAGES);
    return XVCPU_OK;
}

/* ==== xvcpu/svm/entry.c.h ==== */
/* The SVM entry trampoline (AMD APM Vol. 2 15.5 "VMRUN Instruction", 15.6 "#VMEXIT").
 *
 *   int xvcpu__svm_trampoline(uint64_t gpr[16], uint64_t vmcb_pa, uint64_t host_area_pa)
 *
 * Called with GIF clear (the run loop executes CLGI before and STGI after), so no interrupt or NMI
 * sees the half-switched state. Saves the callee-saved registers, VMLOADs the guest's FS, GS, TR,
 * LDTR, KERNEL_GS_BASE, SYSCALL and SYSENTER state from its VMCB, loads every guest GPR but RAX
 * and RSP (the VMCB holds those), and executes VMRUN. At #VMEXIT the CPU has restored the host's
 * RSP, RAX (= the VMCB address), segments, control registers and RFLAGS from the host save area;
 * the guest GPRs are stored back, VMSAVE puts the guest's VMLOAD state into its VMCB and VMLOAD
 * brings back the host's from `host_area_pa` (saved there at bind). Returns 0; VMRUN reports an
 * invalid guest state through EXITCODE, not through the instruction. The symbols are local to this
 * object (no .globl), as for VMX. */

#if defined(__x86_64__)
__asm__(
    ".pushsection .text\n"
    ".type xvcpu__svm_trampoline, @function\n"
    ".p2align 4\n"
    "xvcpu__svm_trampoline:\n"
    "    " XVCPU_ASM_ENDBR "\n"
    XVCPU__ASM_PUSH_CALLEE_SAVED
    "    push %rdx\n"                 /* the host's VMSAVE area */
    "    push %rdi\n"                 /* the GPR array, found again after #VMEXIT */
    "    mov %rsi, %rax\n"            /* VMLOAD, VMRUN and VMSAVE take the VMCB address in RAX */
    "    vmload %rax\n"
    XVCPU__ASM_LOAD_GUEST_GPRS
    "    vmrun %rax\n"
    XVCPU__ASM_GUEST_RDI_ASIDE
    XVCPU__ASM_STORE_GUEST_GPRS
    "    vmsave %rax\n"               /* RAX is the VMCB address again (host save area) */
    "    mov 8(%rsp), %rax\n"
    "    vmload %rax\n"               /* the host's FS, GS, TR, LDTR, SYSCALL/SYSENTER MSRs */
    "    pop %rdi\n"
    "    pop %rdx\n"
    XVCPU__ASM_POP_CALLEE_SAVED
    "    xor %eax, %eax\n"
    "    " XVCPU_ASM_RET "\n"
    ".size xvcpu__svm_trampoline, . - xvcpu__svm_trampoline\n"
    ".popsection\n");

extern int xvcpu__svm_trampoline(uint64_t *gpr, uint64_t vmcb_pa, uint64_t host_area_pa);

/* XVCPU_SVM_ENTER(vcpu, host_area_pa): VMLOAD, VMRUN, VMSAVE, VMLOAD host; 0 after the #VMEXIT.
 * Host tests substitute a software guest. */
#ifndef XVCPU_SVM_ENTER
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) \
    xvcpu__svm_trampoline((vcpu)->gpr, (vcpu)->arch.svm.vmcb_phys, (host_area_pa))
#endif
#endif /* __x86_64__ */

/* ==== xvcpu/svm/setup.c.h ==== */
/* SVM vCPU lifecycle: create (VMCB, I/O and MSR permission maps from the HAL), setup (the whole
 * VMCB: intercepts, nested paging, the start state), bind (host VMSAVE, ASID and TLB policy),
 * unbind, destroy. AMD APM Vol. 2 chapter 15 and Appendix B. */

/* Segment attributes in the VMCB's 12-bit form: descriptor bits 47:40 in 7:0, bits 55:52
 * (AVL, L, D/B, G) in 11:8 (APM Vol. 2 Table B-2, 4.7.1). */
#define XVCPU__SVM_ATTR_CODE16 0x009Bu   /* P, S, type 11 (execute/read, accessed) */
#define XVCPU__SVM_ATTR_DATA16 0x0093u   /* P, S, type 3 (read/write, accessed) */
#define XVCPU__SVM_ATTR_CODE32 0x0C9Bu   /* + G, D/B */
#define XVCPU__SVM_ATTR_DATA32 0x0C93u
#define XVCPU__SVM_ATTR_CODE64 0x0A9Bu   /* + G, L */
#define XVCPU__SVM_ATTR_TSS_BUSY 0x008Bu /* P, type 11 (busy 64-bit TSS) */
#define XVCPU__SVM_ATTR_L 0x200u
#define XVCPU__SVM_ATTR_DB 0x400u
#define XVCPU__SVM_PAT_POWER_ON 0x0007040600070406ull /* APM Vol. 2 7.8.2 */
#define XVCPU__SVM_IOPM_PAGES 3  /* 12 KiB (APM Vol. 2 15.10.1) */
#define XVCPU__SVM_MSRPM_PAGES 2 /* 8 KiB (APM Vol. 2 15.11) */
/* The clean-bit groups this backend knows (APM Vol. 2 15.15.3, bits 0-11); CET is left dirty. */
#define XVCPU__SVM_CLEAN_ALL 0xFFFu

/* Base intercepts: every exit VMX takes unconditionally or through a control this backend mirrors.
 * CR0 writes that change more than TS/MP and CR4 writes are checked here as VMX checks them (the
 * guest's CR0/CR3/CR4 are otherwise its own under nested paging); CR3 is not intercepted, CR8
 * reaches V_TPR (V_INTR_MASKING). Exceptions are not intercepted. */
#define XVCPU__SVM_INTERCEPT_CR (1u << (16 + 4)) /* CR4 writes (APM Vol. 2 15.9.1) */
/* #DF, and while a #DF is being delivered the faults that turn it into a shutdown (contributory
 * ones and #PF, APM Vol. 2 8.2.9): the library sees a triple fault even where the CPU (Bochs 2.7)
 * does not take the SHUTDOWN intercept for it. */
#define XVCPU__SVM_INTERCEPT_EXC (1u << 8)
#define XVCPU__SVM_INTERCEPT_EXC_DF_WATCH ((1u << 10) | (1u << 11) | (1u << 12) | (1u << 13) | (1u << 14))
#define XVCPU__SVM_MISC1                                                                                     \
    (XVCPU_SVM_INTERCEPT_MISC1_INTR | XVCPU_SVM_INTERCEPT_MISC1_NMI | XVCPU_SVM_INTERCEPT_MISC1_INIT |       \
     XVCPU_SVM_INTERCEPT_MISC1_CR0_SEL_WRITE |                                                              \
     XVCPU_SVM_INTERCEPT_MISC1_RDPMC | XVCPU_SVM_INTERCEPT_MISC1_CPUID | XVCPU_SVM_INTERCEPT_MISC1_INVD |    \
     XVCPU_SVM_INTERCEPT_MISC1_HLT | XVCPU_SVM_INTERCEPT_MISC1_INVLPGA | XVCPU_SVM_INTERCEPT_MISC1_IOIO_PROT | \
     XVCPU_SVM_INTERCEPT_MISC1_MSR_PROT | XVCPU_SVM_INTERCEPT_MISC1_SHUTDOWN)
/* VMRUN must be intercepted (APM Vol. 2 15.5.1); the other SVM instructions, MONITOR/MWAIT
 * (CPUID hides them) are #UD for the guest; WBINVD is a no-op; XSETBV is checked here. */
#define XVCPU__SVM_MISC2                                                                                      \
    (XVCPU_SVM_INTERCEPT_MISC2_VMRUN | XVCPU_SVM_INTERCEPT_MISC2_VMMCALL | XVCPU_SVM_INTERCEPT_MISC2_VMLOAD |  \
     XVCPU_SVM_INTERCEPT_MISC2_VMSAVE | XVCPU_SVM_INTERCEPT_MISC2_STGI | XVCPU_SVM_INTERCEPT_MISC2_CLGI |     \
     XVCPU_SVM_INTERCEPT_MISC2_SKINIT | XVCPU_SVM_INTERCEPT_MISC2_WBINVD | XVCPU_SVM_INTERCEPT_MISC2_MONITOR | \
     XVCPU_SVM_INTERCEPT_MISC2_MWAIT | XVCPU_SVM_INTERCEPT_MISC2_MWAIT_CONDITIONAL |                         \
     XVCPU_SVM_INTERCEPT_MISC2_XSETBV)

/* MSRs whose guest values VMLOAD/VMSAVE switch at every entry and exit (APM Vol. 2 15.5.2): the
 * guest reaches them directly. */
static const uint32_t xvcpu__svm_vmload_msr[10] = {
    XVCPU_MSR_IA32_FS_BASE, XVCPU_MSR_IA32_GS_BASE, XVCPU_MSR_IA32_KERNEL_GS_BASE, XVCPU_MSR_IA32_STAR,
    XVCPU_MSR_IA32_LSTAR, XVCPU_MSR_IA32_CSTAR, XVCPU_MSR_IA32_FMASK, XVCPU_MSR_IA32_SYSENTER_CS,
    XVCPU_MSR_IA32_SYSENTER_ESP, XVCPU_MSR_IA32_SYSENTER_EIP
};

/* Bit of `msr`'s read permission in the MSRPM; its write permission is the next bit. Two bits per
 * MSR in three 2 KiB vectors: 0-1FFF, C0000000-C0001FFF, C0010000-C0011FFF (APM Vol. 2 15.11). */
static long xvcpu__svm_msrpm_bit(uint32_t msr)
{
    if (msr <= 0x1FFFu)
        return 2L * msr;
    if (msr >= 0xC0000000u && msr <= 0xC0001FFFu)
        return 0x800L * 8 + 2L * (msr - 0xC0000000u);
    if (msr >= 0xC0010000u && msr <= 0xC0011FFFu)
        return 0x1000L * 8 + 2L * (msr - 0xC0010000u);
    return -1;
}

/* Copy `msr`'s intercepts from the VMX-layout bitmap the API edits (x86.msr_bitmap) into the MSRPM. */
static void xvcpu__svm_sync_msr(xvcpu_vcpu *vcpu, uint32_t msr)
{
    long vbit = xvcpu__msr_bit(msr), sbit = xvcpu__svm_msrpm_bit(msr);
    const uint8_t *vmx = (const uint8_t *)vcpu->x86.msr_bitmap;
    if (vbit < 0 || sbit < 0)
        return;
    xvcpu__bit_assign(vcpu->arch.svm.msrpm, (uint32_t)sbit, xvcpu__bit_test(vmx, (uint32_t)vbit));
    xvcpu__bit_assign(vcpu->arch.svm.msrpm, (uint32_t)sbit + 1,
                      xvcpu__bit_test(vmx, (uint32_t)vbit + XVCPU__MSR_WRITE_BITS));
    vcpu->arch.svm.dirty |= XVCPU_VMCB_CLEAN_BITS_IOPM;
}

/* The I/O permission map is the API's bitmap itself; just let VMRUN read it again. */
static void xvcpu__svm_sync_io(xvcpu_vcpu *vcpu)
{
    vcpu->arch.svm.dirty |= XVCPU_VMCB_CLEAN_BITS_IOPM;
}

static void xvcpu__svm_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    void *p = svm->vmcb;
    xvcpu__free(hal, &p, svm->vmcb_phys, 1);
    svm->vmcb = NULL;
    p = svm->msrpm;
    xvcpu__free(hal, &p, svm->msrpm_phys, XVCPU__SVM_MSRPM_PAGES);
    svm->msrpm = NULL;
    xvcpu__free(hal, &vcpu->x86.io_bitmap, vcpu->x86.io_bitmap_phys, XVCPU__SVM_IOPM_PAGES);
    xvcpu__free(hal, &vcpu->x86.msr_bitmap, vcpu->x86.msr_bitmap_phys, 1);
    xvcpu__free(hal, &vcpu->x86.msr_to_vmm, vcpu->x86.msr_to_vmm_phys, 1);
    xvcpu__fpu_free(vcpu);
}

static xvcpu_err xvcpu__svm_vcpu_create(xvcpu_vcpu *vcpu)
{
    const xvcpu_hal *hal = vcpu->hal;
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    unsigned i;
    svm->caps = vcpu->home->caps.svm;
    svm->vmcb = (xvcpu_vmcb *)xvcpu__alloc_zeroed(hal, 1, &svm->vmcb_phys);
    svm->msrpm = (uint8_t *)xvcpu__alloc_zeroed(hal, XVCPU__SVM_MSRPM_PAGES, &svm->msrpm_phys);
    vcpu->x86.io_bitmap = xvcpu__alloc_zeroed(hal, XVCPU__SVM_IOPM_PAGES, &vcpu->x86.io_bitmap_phys);
    vcpu->x86.msr_bitmap = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_bitmap_phys);
    vcpu->x86.msr_to_vmm = xvcpu__alloc_zeroed(hal, 1, &vcpu->x86.msr_to_vmm_phys);
    if (!svm->vmcb || !svm->msrpm || !vcpu->x86.io_bitmap || !vcpu->x86.msr_bitmap || !vcpu->x86.msr_to_vmm) {
        xvcpu__svm_vcpu_destroy(vcpu);
        return xvcpu__fail(hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "xvcpu_vcpu_create: vCPU %u: no pages for the VMCB and permission maps", vcpu->id);
    }
    /* Deny by default: every port (and the bits past 0xFFFF that multi-byte accesses reach) and
     * every MSR access exits. */
    XVCPU_MEMSET(vcpu->x86.io_bitmap, 0xFF, XVCPU__SVM_IOPM_PAGES * 4096);
    XVCPU_MEMSET(vcpu->x86.msr_bitmap, 0xFF, 4096);
    XVCPU_MEMSET(svm->msrpm, 0xFF, XVCPU__SVM_MSRPM_PAGES * 4096);
    for (i = 0; i < sizeof(xvcpu__svm_vmload_msr) / sizeof(xvcpu__svm_vmload_msr[0]); i++) {
        uint32_t bit = (uint32_t)xvcpu__msr_bit(xvcpu__svm_vmload_msr[i]);
        xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit, false);
        xvcpu__bit_assign((uint8_t *)vcpu->x86.msr_bitmap, bit + XVCPU__MSR_WRITE_BITS, false);
        xvcpu__svm_sync_msr(vcpu, xvcpu__svm_vmload_msr[i]);
    }
    return XVCPU_OK;
}

/* The CR4 bits this CPU implements (APM Vol. 2 3.1.3; CPUID leaves 1 and 7): what MOV CR4 may set,
 * as VMX takes IA32_VMX_CR4_FIXED1 (never VMXE or SMXE). */
static uint64_t xvcpu__svm_cr4_allowed(void)
{
    uint32_t r[4], max;
    uint64_t allowed = XVCPU_CR4_VME | XVCPU_CR4_PVI | XVCPU_CR4_TSD | XVCPU_CR4_DE | XVCPU_CR4_PSE | XVCPU_CR4_PAE |
                       XVCPU_CR4_MCE | XVCPU_CR4_PGE | XVCPU_CR4_PCE | XVCPU_CR4_OSFXSR | XVCPU_CR4_OSXMMEXCPT;
    XVCPU_CPUID(0, 0, r);
    max = r[0];
    XVCPU_CPUID(1, 0, r);
    if (r[2] & XVCPU_CPUID_01_ECX_PCID)
        allowed |= XVCPU_CR4_PCIDE;
    if (r[2] & XVCPU_CPUID_01_ECX_XSAVE)
        allowed |= XVCPU_CR4_OSXSAVE;
    if (max >= 7) {
        XVCPU_CPUID(7, 0, r);
        if (r[1] & XVCPU_CPUID_07_0_EBX_FSGSBASE)
            allowed |= XVCPU_CR4_FSGSBASE;
        if (r[1] & XVCPU_CPUID_07_0_EBX_SMEP)
            allowed |= XVCPU_CR4_SMEP;
        if (r[1] & XVCPU_CPUID_07_0_EBX_SMAP)
            allowed |= XVCPU_CR4_SMAP;
        if (r[2] & XVCPU_CPUID_07_0_ECX_UMIP)
            allowed |= XVCPU_CR4_UMIP;
        if (r[2] & XVCPU_CPUID_07_0_ECX_LA57)
            allowed |= XVCPU_CR4_LA57;
        if (r[2] & XVCPU_CPUID_07_0_ECX_PKU)
            allowed |= XVCPU_CR4_PKE;
        if (r[2] & XVCPU_CPUID_07_0_ECX_CET_SS)
            allowed |= XVCPU_CR4_CET;
    }
    return allowed;
}

static void xvcpu__svm_segment(xvcpu_vmcb_segment *s, uint16_t sel, uint64_t base, uint32_t limit, uint16_t attr)
{
    s->selector = sel;
    s->base = base;
    s->limit = limit;
    s->attrib = attr;
}

/* The start state, the same as VMX's (vmx_setup.c.h) in the VMCB's terms. EFER.SVME is set in the
 * VMCB (VMRUN requires it, APM Vol. 2 15.5.1) and hidden from the guest's RDMSR. */
static void xvcpu__svm_write_guest_state(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *a)
{
    xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    xvcpu__x86_start g;
    uint16_t cs_attr, ds_attr;

    xvcpu__x86_start_state(a, &g);
    cs_attr = g.code_bits == 16 ? XVCPU__SVM_ATTR_CODE16
              : g.code_bits == 32 ? XVCPU__SVM_ATTR_CODE32 : XVCPU__SVM_ATTR_CODE64;
    ds_attr = g.code_bits == 16 ? XVCPU__SVM_ATTR_DATA16 : XVCPU__SVM_ATTR_DATA32;
    s->cr0 = g.cr0;
    s->cr4 = g.cr4;
    s->cr3 = g.cr3;
    s->cr2 = 0;
    s->efer = g.efer | XVCPU_IA32_EFER_SVME;
    s->g_pat = XVCPU__SVM_PAT_POWER_ON;
    s->dbgctl = 0;
    s->dr7 = 0x400;
    s->dr6 = 0xFFFF0FF0u;
    s->rflags = XVCPU_RFLAGS_FIXED1;
    s->rip = g.rip;
    s->rsp = a->stack;
    s->rax = 0;
    s->cpl = 0;
    xvcpu__svm_segment(&s->cs, g.cs_sel, g.cs_base, g.limit, cs_attr);
    xvcpu__svm_segment(&s->ss, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->ds, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->es, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->fs, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->gs, g.ds_sel, 0, g.limit, ds_attr);
    xvcpu__svm_segment(&s->tr, 0, 0, 0xFFFF, XVCPU__SVM_ATTR_TSS_BUSY);
    xvcpu__svm_segment(&s->ldtr, 0, 0, 0, 0); /* not present, as VMX's unusable LDTR */
    xvcpu__svm_segment(&s->gdtr, 0, 0, 0xFFFF, 0);
    xvcpu__svm_segment(&s->idtr, 0, 0, 0xFFFF, 0);
    s->kernel_gs_base = s->star = s->lstar = s->cstar = s->sfmask = 0;
    s->sysenter_cs = s->sysenter_esp = s->sysenter_eip = 0;
}

static xvcpu_err xvcpu__svm_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    static const char fn[] = "xvcpu_vcpu_setup";
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    xvcpu_err err;

    if (args->stage2 == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: SVM needs stage-2 (NPT) tables", fn, vcpu->id);
    if (args->stage2->format != XVCPU_STAGE2_NPT)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: the stage-2 tables are not in NPT format", fn, vcpu->id);
    if (!svm->caps.npt)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: vCPU %u: the CPU has no nested paging (CPUID 0x8000000A:EDX.NP = 0)", fn, vcpu->id);
    if (svm->caps.nasid < 2)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: vCPU %u: the CPU offers %u ASIDs; a guest needs one besides the host's", fn,
                           vcpu->id, svm->caps.nasid);
    svm->asid = 0; /* given at bind, by the CPU */
    svm->stage2 = args->stage2;
    svm->stage2_generation = args->stage2->generation;
    svm->cr4_allowed = xvcpu__svm_cr4_allowed();

    XVCPU_MEMSET(svm->vmcb, 0, sizeof(*svm->vmcb));
    c->intercept_cr = XVCPU__SVM_INTERCEPT_CR;
    c->intercept_exceptions = XVCPU__SVM_INTERCEPT_EXC;
    c->intercept_misc1 = (uint32_t)XVCPU__SVM_MISC1;
    c->intercept_misc2 = (uint32_t)XVCPU__SVM_MISC2;
    c->iopm_base_pa = vcpu->x86.io_bitmap_phys;
    c->msrpm_base_pa = svm->msrpm_phys;
    /* The guest's RFLAGS.IF masks only virtual interrupts; physical ones belong to the host. */
    c->v_intr = XVCPU_VMCB_V_INTR_V_INTR_MASKING;
    c->np_control = XVCPU_VMCB_NP_CONTROL_NP_ENABLE;
    c->n_cr3 = xvcpu_stage2_eptp(args->stage2);
    xvcpu__svm_write_guest_state(vcpu, args);
    svm->dirty = XVCPU__SVM_CLEAN_ALL;
    svm->nmi_blocked = svm->awaiting_iret = svm->df_watch = false;

    if ((err = xvcpu__x86_cpuid_setup(vcpu, XVCPU_PROC2_ENABLE_INVPCID | XVCPU_PROC2_ENABLE_RDTSCP)) != XVCPU_OK)
        return err; /* (INVPCID and RDTSCP run in the guest unintercepted) */
    return xvcpu__fpu_setup(vcpu);
}

static xvcpu_err xvcpu__svm_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_percpu *cpu = vcpu->cpu;
    xvcpu_svm_caps *pc = &cpu->caps.svm;
    /* The host's VMLOAD state, put back after every exit (APM Vol. 2 15.5.2). */
    XVCPU_VMSAVE(cpu->region_phys + 4096);
    /* An ASID of this CPU's current generation: its TLB entries are this vCPU's alone (APM Vol. 2
     * 15.16). Otherwise the next unused one; none left: a new generation, whose first VMRUN
     * flushes every ASID, so no ASID handed out in it holds anyone's translations. */
    if (svm->asid == 0 || svm->asid_cpu != cpu->cpu_id || svm->asid_generation != pc->asid_generation) {
        if (pc->next_asid >= pc->nasid) {
            pc->asid_generation++;
            pc->next_asid = 1; /* ASID 0 is the host's */
            pc->flush_all_pending = true;
        }
        svm->asid = pc->next_asid++;
        svm->asid_cpu = cpu->cpu_id;
        svm->asid_generation = pc->asid_generation;
        svm->vmcb->control.guest_asid = svm->asid;
    }
    /* A VMCB run on another CPU (or first) has nothing cached here (APM Vol. 2 15.15.3). */
    svm->dirty = XVCPU__SVM_CLEAN_ALL;
    xvcpu__x86_bind_state(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu__x86_unbind_state(vcpu);
    return XVCPU_OK;
}

/* ==== xvcpu/svm/exits.c.h ==== */
/* SVM exit handlers (AMD APM Vol. 2 15.9-15.13, Appendix C): the VMCB side of the shared x86
 * rules (x86/rules.c.h). Each returns an xvcpu__action: XVCPU__RESUME when the exit is finished
 * inside the library, XVCPU__TO_VMM when `exit` holds a neutral exit, or a negative xvcpu_err
 * when the library cannot go on (vcpu->error says why). A guest gets the architectural answer
 * (#GP, #UD) for what it may not do, and nothing here trusts it. */

static int xvcpu__svm_raise(xvcpu_vcpu *vcpu, uint8_t vector)
{
    xvcpu__x86_raise(vcpu, vector, 0);
    return XVCPU__RESUME;
}

/* The guest's addressing state from the VMCB (the guest's own CR0/CR3/CR4 under nested paging;
 * EFER without the SVME the VMCB needs). 64-bit code uses only the FS and GS bases. */
static void xvcpu__svm_mode(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    m->cr0 = s->cr0;
    m->cr3 = s->cr3;
    m->cr4 = s->cr4;
    m->efer = s->efer & ~XVCPU_IA32_EFER_SVME;
    m->rflags = s->rflags;
    m->rip = s->rip;
    m->cs_base = s->cs.base;
    m->pkru = (s->cr4 & XVCPU_CR4_PKE) ? xvcpu__x86_live_pkru() : 0;
    m->cpl = (uint8_t)(s->cpl & 3);
    if ((s->efer & XVCPU_IA32_EFER_LMA) && (s->cs.attrib & XVCPU__SVM_ATTR_L))
        m->code_bytes = 8;
    else
        m->code_bytes = (s->cs.attrib & XVCPU__SVM_ATTR_DB) ? 4 : 2;
    m->seg_base[1] = m->cs_base;
    if (m->code_bytes == 8) {
        m->seg_base[0] = m->seg_base[1] = m->seg_base[2] = m->seg_base[3] = 0;
    } else {
        m->seg_base[0] = s->es.base;
        m->seg_base[2] = s->ss.base;
        m->seg_base[3] = s->ds.base;
    }
    m->seg_base[4] = s->fs.base; /* current: the trampoline VMSAVEs after every exit */
    m->seg_base[5] = s->gs.base;
    m->seg_have = 0x3F;          /* all six, from the VMCB at no cost */
    m->read_seg_base = NULL;
}

/* Move RIP past `len` bytes of emulated instruction; that ends an STI/MOV SS interrupt shadow. */
XVCPU__HOT void xvcpu__svm_advance(xvcpu_vcpu *vcpu, uint64_t len)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    vmcb->save.rip += len;
    vmcb->control.interrupt_shadow &= ~XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW;
}

/* What a fetch of the guest's instruction (x86_fetch.c.h) means for an exit handler. */
static int xvcpu__svm_fetch_result(xvcpu__fetch_result r)
{
    switch (r) {
    case XVCPU__FETCH_OK: return XVCPU__GO_ON;
    case XVCPU__FETCH_RAISED: return XVCPU__RESUME; /* the guest got #PF/#GP/#UD; RIP stays */
    default: return XVCPU__FAILED(XVCPU_ERR_NOT_MAPPED); /* vcpu->error says where */
    }
}

/* The guest's current instruction, fetched and decoded. */
static int xvcpu__svm_fetch(xvcpu_vcpu *vcpu, xvcpu__fetched *f)
{
    xvcpu_x86_mode mode;
    int r;
    xvcpu__svm_mode(vcpu, &mode);
    r = xvcpu__svm_fetch_result(xvcpu__x86_fetch(vcpu, &mode, vcpu->arch.svm.stage2, f));
    if (r == XVCPU__FAILED(XVCPU_ERR_NOT_MAPPED))
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode.cs_base, (unsigned long long)mode.rip);
    return r;
}

/* Decoded from guest memory, unless the last decode provably still holds (the length cache,
 * asked straight from the VMCB before the full addressing state is built). */
static int xvcpu__svm_decoded_len(xvcpu_vcpu *vcpu, unsigned *len)
{
    const xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    const xvcpu_vmcb_save *s = &svm->vmcb->save;
    xvcpu_x86_mode mode;
    unsigned code_bytes = (s->efer & XVCPU_IA32_EFER_LMA) && (s->cs.attrib & XVCPU__SVM_ATTR_L) ? 8
                          : (s->cs.attrib & XVCPU__SVM_ATTR_DB) ? 4 : 2;
    uint64_t linear = s->cs.base + s->rip;
    if (code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    if (xvcpu__len_cache_hit(&vcpu->x86.len_cache, linear, s->cr0, s->cr3, s->cr4, s->efer & ~XVCPU_IA32_EFER_SVME,
                             s->cpl & 3u, code_bytes, svm->stage2)) {
        vcpu->x86.len_cache.hits++;
        *len = vcpu->x86.len_cache.length;
        return XVCPU__GO_ON;
    }
    xvcpu__svm_mode(vcpu, &mode);
    return xvcpu__svm_fetch_result(xvcpu__x86_insn_length(vcpu, &mode, vcpu->arch.svm.stage2, len));
}

/* The length of the intercepted instruction at RIP: NRIP - RIP where the CPU saves the next RIP
 * (APM Vol. 2 15.7.1), else decoded from guest memory. Never a guess. XVCPU__GO_ON with *len
 * set, XVCPU__RESUME when the fetch raised an exception for the guest, or an error. */
XVCPU__HOT int xvcpu__svm_insn_len(xvcpu_vcpu *vcpu, unsigned *len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    if (svm->caps.nrips) {
        uint64_t n = svm->vmcb->control.next_rip - svm->vmcb->save.rip;
        if (n >= 1 && n <= 15) {
            *len = (unsigned)n;
            return XVCPU__GO_ON;
        }
    }
    return xvcpu__svm_decoded_len(vcpu, len);
}

/* Finish an instruction the library emulated: advance RIP past it. */
static int xvcpu__svm_skip(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__GO_ON)
        return r;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* An exit the VMM completes: the completion advances RIP by the instruction's length. */
static int xvcpu__svm_to_vmm(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int r = xvcpu__svm_insn_len(vcpu, &len);
    if (r != XVCPU__GO_ON)
        return r;
    vcpu->pending.insn_len = (uint8_t)len;
    return XVCPU__TO_VMM;
}

/* Emulated instructions take their length first: a fetch that raises an exception makes the guest
 * run the instruction again, which must then find its registers untouched. */
static int xvcpu__svm_cpuid(xvcpu_vcpu *vcpu)
{
    unsigned len = 0;
    int st = xvcpu__svm_insn_len(vcpu, &len);
    if (st != XVCPU__GO_ON)
        return st;
    xvcpu__x86_cpuid(vcpu, vcpu->arch.svm.vmcb->save.cr4);
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

static int xvcpu__svm_xsetbv(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    uint64_t xcr0 = 0;
    unsigned len = 0;
    int st, vector = xvcpu__x86_xsetbv_rule(vcpu, s->cr4, s->cpl & 3u, &xcr0);
    if (vector != 0)
        return xvcpu__svm_raise(vcpu, (uint8_t)vector);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
        return st;
    vcpu->x86.xcr0 = xcr0;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* GPRs by number; RSP lives in the VMCB. */
static uint64_t xvcpu__svm_gpr(const xvcpu_vcpu *vcpu, unsigned reg)
{
    return (reg & 15) == XVCPU_REG_RSP ? vcpu->arch.svm.vmcb->save.rsp : vcpu->gpr[reg & 15];
}

/* MOV to CR0, CLTS, LMSW; MOV to CR4: the shared rules, then the VMCB. The CPU reads the PDPTEs
 * itself under nested paging; the rule only checks them (a bad one is #GP, as on VMX). */
static int xvcpu__svm_write_cr(xvcpu_vcpu *vcpu, unsigned cr, uint64_t value, unsigned len)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    xvcpu__x86_ctl cur, next;
    uint64_t pdpte[4];
    bool loaded = false;
    int vector;
    cur.cr0 = s->cr0;
    cur.cr3 = s->cr3;
    cur.cr4 = s->cr4;
    cur.efer = s->efer & ~XVCPU_IA32_EFER_SVME;
    cur.cs_l = (s->cs.attrib & XVCPU__SVM_ATTR_L) != 0;
    if (cr == 0)
        vector = xvcpu__x86_cr0_rule(vcpu, svm->stage2, &cur, value, &next, pdpte, &loaded);
    else
        vector = xvcpu__x86_cr4_rule(vcpu, svm->stage2, &cur, value, svm->cr4_allowed, &next, pdpte, &loaded);
    if (vector != 0)
        return xvcpu__svm_raise(vcpu, (uint8_t)vector);
    s->cr0 = next.cr0;
    s->cr4 = next.cr4;
    s->efer = next.efer | XVCPU_IA32_EFER_SVME;
    svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* A 16-bit operand of LMSW from memory: the decoder's address, the guest's paging. */
static int xvcpu__svm_read_word(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *m, const xvcpu_x86_insn *insn,
                                uint64_t *value)
{
    xvcpu__guest_ram ram;
    uint64_t g[16], linear, gpa = 0;
    const uint8_t *p;
    uint16_t w;
    unsigned i;
    int r;
    ram.hal = vcpu->hal;
    ram.s2 = vcpu->arch.svm.stage2;
    ram.cache = NULL;
    XVCPU_MEMCPY(g, vcpu->gpr, sizeof(g));
    g[XVCPU_REG_RSP] = vcpu->arch.svm.vmcb->save.rsp; /* gpr[RSP] is not kept current */
    linear = m->seg_base[insn->seg % 6] + xvcpu_x86_insn_offset(insn, g, m->rip);
    if (m->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    for (i = 0, w = 0; i < 2; i++) { /* byte by byte: the word may straddle a page */
        r = xvcpu__svm_fetch_result(xvcpu__x86_translate(vcpu, m, &ram, linear + i, 0, insn->seg, &gpa));
        if (r != XVCPU__GO_ON)
            return r;
        if ((p = (const uint8_t *)xvcpu__guest_ram_ptr(&ram, gpa, 1, XVCPU_ACCESS_READ)) == NULL)
            return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                                 "vCPU %u: LMSW reads %llx, which is not guest RAM", vcpu->id,
                                                 (unsigned long long)gpa));
        w = (uint16_t)(w | ((uint16_t)*p << (8 * i)));
    }
    *value = w;
    return XVCPU__GO_ON;
}

/* A write to CR0 (selective write intercept: a change beyond TS and MP) or CR4. The operand comes
 * from the decode assists (EXITINFO1[63] MOV, [3:0] the GPR; APM Vol. 2 15.33.1) or from the
 * decoded instruction: MOV CRn, reg (0F 22), LMSW (0F 01 /6), CLTS (0F 06). */
static int xvcpu__svm_cr_write(xvcpu_vcpu *vcpu, unsigned cr)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    uint64_t info1 = svm->vmcb->control.exit_info1, value, cr0 = svm->vmcb->save.cr0;
    xvcpu_x86_mode m;
    xvcpu__fetched f;
    unsigned reg;
    int r;

    if (svm->caps.decode_assists && (info1 & XVCPU_SVM_CR_EXITINFO1_MOV)) {
        unsigned len = 0;
        value = xvcpu__svm_gpr(vcpu, (unsigned)XVCPU_FIELD_GET(XVCPU_SVM_CR_EXITINFO1_GPR, info1));
        xvcpu__svm_mode(vcpu, &m);
        if (m.code_bytes != 8)
            value &= 0xFFFFFFFFu;
        if ((r = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
            return r;
        return xvcpu__svm_write_cr(vcpu, cr, value, len);
    }
    if ((r = xvcpu__svm_fetch(vcpu, &f)) != XVCPU__GO_ON)
        return r;
    xvcpu__svm_mode(vcpu, &m);
    reg = (f.insn.modrm >> 3) & 7;
    if (f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x22) {
        unsigned n = reg | ((f.insn.rex & 4u) << 1); /* REX.R */
        if (f.insn.lock && n == 0)
            n = 8; /* LOCK MOV CR0 is CR8 (AMD's AltMovCr8) */
        if (n != cr) /* the intercept names the register: anything else is not this exit */
            return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                                 "vCPU %u: CR%u write exit at a write of CR%u", vcpu->id, cr, n));
        value = xvcpu__svm_gpr(vcpu, (f.insn.modrm & 7) | ((f.insn.rex & 1u) << 3)); /* REX.B */
        if (m.code_bytes != 8)
            value &= 0xFFFFFFFFu;
    } else if (cr == 0 && f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x01 &&
               reg == 6) {
        /* LMSW loads PE, MP, EM, TS and cannot clear PE (SDM Vol. 2 LMSW) */
        uint64_t src = 0;
        if ((f.insn.modrm >> 6) == 3)
            src = xvcpu__svm_gpr(vcpu, (f.insn.modrm & 7) | ((f.insn.rex & 1u) << 3));
        else if ((r = xvcpu__svm_read_word(vcpu, &m, &f.insn, &src)) != XVCPU__GO_ON)
            return r;
        value = xvcpu__x86_lmsw(cr0, src);
    } else if (cr == 0 && f.insn.encoding == XVCPU_X86_ENC_LEGACY && f.insn.map == 1 && f.insn.opcode == 0x06) {
        value = cr0 & ~XVCPU_CR0_TS; /* CLTS */
    } else {
        return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: CR%u write exit at an instruction that writes no CR%u "
                                             "(map %u opcode %x)", vcpu->id, cr, cr, (unsigned)f.insn.map,
                                             (unsigned)f.insn.opcode));
    }
    return xvcpu__svm_write_cr(vcpu, cr, value, f.insn.length);
}

/* The segment OUTS reads from: EXITINFO1.SEG where the CPU has decode assists, else the last
 * segment-override prefix of the instruction (DS without one; in 64-bit mode only FS and GS
 * overrides count, SDM Vol. 1 3.3.7.1). INS always writes ES:rDI. */
static int xvcpu__svm_outs_segment(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *m, uint64_t info1, unsigned len,
                                   unsigned *seg)
{
    xvcpu__fetched f;
    unsigned i;
    int r;
    if (vcpu->arch.svm.caps.decode_assists) {
        *seg = (unsigned)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_SEG, info1);
        return XVCPU__GO_ON;
    }
    *seg = 3;
    if (len <= 1)
        return XVCPU__GO_ON; /* the bare opcode: no room for a prefix */
    if ((r = xvcpu__svm_fetch(vcpu, &f)) != XVCPU__GO_ON)
        return r;
    for (i = 0; i + 1 < f.insn.length && i < f.count; i++) {
        switch (f.bytes[i]) {
        case 0x26: *seg = 0; break;
        case 0x2E: *seg = 1; break;
        case 0x36: *seg = 2; break;
        case 0x3E: *seg = 3; break;
        case 0x64: *seg = 4; break;
        case 0x65: *seg = 5; break;
        default: break; /* F0, F2, F3, 66, 67, REX */
        }
    }
    if (m->code_bytes == 8 && *seg < 4)
        *seg = 3;
    return XVCPU__GO_ON;
}

/* IOIO -> IO_READ / IO_WRITE (APM Vol. 2 15.10.2): EXITINFO1 says port, size, direction, string,
 * REP and address size; EXITINFO2 is the next RIP. String forms carry the guest linear address
 * (segment base applied), direction and count, as VMX's. */
static int xvcpu__svm_io(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    uint64_t info1 = vmcb->control.exit_info1;
    uint64_t next = vmcb->control.exit_info2;
    bool in = XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_TYPE, info1) == XVCPU_SVM_IOIO_EXITINFO1_TYPE_IN;
    uint8_t width = (info1 & XVCPU_SVM_IOIO_EXITINFO1_SZ32) ? 4 : (info1 & XVCPU_SVM_IOIO_EXITINFO1_SZ16) ? 2 : 1;
    uint64_t len = next - vmcb->save.rip;

    if (len < 1 || len > 15) { /* EXITINFO2 is the CPU's; anything else is a broken CPU model */
        return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                                             "vCPU %u: IOIO exit with next RIP %llx for RIP %llx", vcpu->id,
                                             (unsigned long long)next, (unsigned long long)vmcb->save.rip));
    }
    exit->kind = in ? XVCPU_EXIT_IO_READ : XVCPU_EXIT_IO_WRITE;
    exit->raw_info2 = next;
    exit->u.io.port = (uint16_t)XVCPU_FIELD_GET(XVCPU_SVM_IOIO_EXITINFO1_PORT, info1);
    exit->u.io.width = width;
    if (info1 & XVCPU_SVM_IOIO_EXITINFO1_STR) {
        xvcpu_x86_mode m;
        unsigned seg = 0;
        uint8_t asz = (info1 & XVCPU_SVM_IOIO_EXITINFO1_A64) ? 8 : (info1 & XVCPU_SVM_IOIO_EXITINFO1_A32) ? 4 : 2;
        uint64_t mask = asz == 8 ? ~0ull : (1ull << (8 * asz)) - 1;
        uint64_t offset = vcpu->gpr[in ? XVCPU_REG_RDI : XVCPU_REG_RSI] & mask;
        xvcpu__svm_mode(vcpu, &m);
        if (!in) {
            int r = xvcpu__svm_outs_segment(vcpu, &m, info1, (unsigned)len, &seg);
            if (r != XVCPU__GO_ON)
                return r;
        }
        exit->u.io.string = true;
        exit->u.io.addr_size = asz;
        exit->u.io.rep = (info1 & XVCPU_SVM_IOIO_EXITINFO1_REP) != 0;
        exit->u.io.down = (vmcb->save.rflags & XVCPU_RFLAGS_DF) != 0;
        exit->u.io.guest_addr = m.seg_base[seg] + offset;
        if (m.code_bytes != 8)
            exit->u.io.guest_addr &= 0xFFFFFFFFu;
        exit->u.io.count = exit->u.io.rep ? vcpu->gpr[XVCPU_REG_RCX] & mask : 1;
    } else if (!in) {
        exit->u.io.data = xvcpu__x86_out_data(vcpu, width);
    }
    vcpu->pending.insn_len = (uint8_t)len;
    if (exit->u.io.string && exit->u.io.count == 0) { /* REP with RCX = 0 transfers nothing */
        xvcpu__svm_advance(vcpu, len);
        return XVCPU__RESUME;
    }
    return XVCPU__TO_VMM;
}



/* RDMSR/WRMSR (EXITINFO1 0 = read, 1 = write; APM Vol. 2 15.11). The VMM's MSRs become SYSREG
 * exits; the library virtualizes the MSRs the VMCB holds (the VMLOAD/VMSAVE ones reach this only
 * when the VMM re-intercepted them); every other MSR is #GP, as on a CPU that lacks it. */
static int xvcpu__svm_msr(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_save *s = &svm->vmcb->save;
    bool write = svm->vmcb->control.exit_info1 == 1;
    uint32_t msr = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    uint64_t value = xvcpu__x86_edx_eax(vcpu);
    uint64_t *field = NULL;
    unsigned len = 0;
    int st;

    if (xvcpu__msr_wants_vmm(vcpu, msr, write)) {
        xvcpu__x86_msr_exit(vcpu, msr, write, exit);
        return xvcpu__svm_to_vmm(vcpu);
    }
    if (write && msr == XVCPU_MSR_X2APIC_ICR) /* IPIs, INIT/SIPI */
        return xvcpu__x86_icr_exit(value, exit) ? xvcpu__svm_to_vmm(vcpu) : xvcpu__svm_skip(vcpu);
    if ((st = xvcpu__svm_insn_len(vcpu, &len)) != XVCPU__GO_ON)
        return st;
    switch (msr) {
    case XVCPU_MSR_IA32_EFER:
        if (write) {
            /* SCE, LME, NXE are the guest's; LMA follows CR0.PG; SVME stays set in the VMCB for
             * VMRUN and is never the guest's (APM Vol. 2 15.5.1) */
            if (xvcpu__x86_efer_rule(s->cr0, s->efer & ~XVCPU_IA32_EFER_SVME, value, &value) != 0)
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
            s->efer = value | XVCPU_IA32_EFER_SVME;
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CRX;
        } else {
            value = s->efer & ~XVCPU_IA32_EFER_SVME;
        }
        break;
    case XVCPU_MSR_IA32_PAT:
        if (write) {
            if (!xvcpu__x86_pat_valid(value))
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
            s->g_pat = value; /* the guest's PAT under nested paging (APM Vol. 2 15.25.8) */
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_NP;
        } else {
            value = s->g_pat;
        }
        break;
    case XVCPU_MSR_IA32_FS_BASE: field = &s->fs.base; break;
    case XVCPU_MSR_IA32_GS_BASE: field = &s->gs.base; break;
    case XVCPU_MSR_IA32_KERNEL_GS_BASE: field = &s->kernel_gs_base; break;
    case XVCPU_MSR_IA32_STAR: field = &s->star; break;
    case XVCPU_MSR_IA32_LSTAR: field = &s->lstar; break;
    case XVCPU_MSR_IA32_CSTAR: field = &s->cstar; break;
    case XVCPU_MSR_IA32_FMASK: field = &s->sfmask; break;
    case XVCPU_MSR_IA32_SYSENTER_CS: field = &s->sysenter_cs; break;
    case XVCPU_MSR_IA32_SYSENTER_ESP: field = &s->sysenter_esp; break;
    case XVCPU_MSR_IA32_SYSENTER_EIP: field = &s->sysenter_eip; break;
    default:
        if (xvcpu__x86_msr_arch(vcpu, msr, write, &value) != XVCPU__X86_MSR_DONE)
            return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
        break;
    }
    if (field != NULL) { /* VMLOAD state: the trampoline's VMSAVE keeps it current in the VMCB */
        if (!write) {
            value = *field;
        } else {
            bool address = msr != XVCPU_MSR_IA32_STAR && msr != XVCPU_MSR_IA32_FMASK &&
                           msr != XVCPU_MSR_IA32_SYSENTER_CS;
            if (address && !xvcpu__x86_canonical(value, s->cr4)) /* WRMSR of a non-canonical address: #GP */
                return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
            *field = msr == XVCPU_MSR_IA32_SYSENTER_CS || msr == XVCPU_MSR_IA32_FMASK ? value & 0xFFFFFFFFu : value;
        }
    }
    if (!write)
        xvcpu__x86_set_edx_eax(vcpu, value);
    xvcpu__svm_advance(vcpu, len);
    return XVCPU__RESUME;
}

/* NPF -> MMIO_READ/MMIO_WRITE inside a registered MMIO region, else NESTED_PAGE_FAULT with the
 * access the guest tried (APM Vol. 2 15.25.6: EXITINFO1 is a #PF-style error code, EXITINFO2 the
 * guest-physical address). SVM gives no guest linear address. */
static int xvcpu__svm_npf(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    uint64_t q = svm->vmcb->control.exit_info1;
    uint64_t gpa = svm->vmcb->control.exit_info2;
    uint32_t access = (q & XVCPU_SVM_NPF_EXITINFO1_ID) ? XVCPU_ACCESS_EXEC
                      : (q & XVCPU_SVM_NPF_EXITINFO1_RW) ? XVCPU_ACCESS_WRITE
                                                         : XVCPU_ACCESS_READ;
    return xvcpu__x86_stage2_fault(vcpu, svm->stage2, gpa, access, svm->event_reinjected, xvcpu__svm_mode, exit);
}

static void xvcpu__svm_set_intercept(xvcpu_svm_vcpu *svm, uint32_t bit, bool on)
{
    uint32_t v = on ? (svm->vmcb->control.intercept_misc1 | bit) : (svm->vmcb->control.intercept_misc1 & ~bit);
    if (v != svm->vmcb->control.intercept_misc1) {
        svm->vmcb->control.intercept_misc1 = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_I;
    }
}

/* Watch (or stop watching) the delivery of a #DF. */
static void xvcpu__svm_df_watch(xvcpu_svm_vcpu *svm, bool on)
{
    uint32_t v = on ? svm->vmcb->control.intercept_exceptions | XVCPU__SVM_INTERCEPT_EXC_DF_WATCH
                    : svm->vmcb->control.intercept_exceptions & ~(uint32_t)XVCPU__SVM_INTERCEPT_EXC_DF_WATCH;
    svm->df_watch = on;
    if (v != svm->vmcb->control.intercept_exceptions) {
        svm->vmcb->control.intercept_exceptions = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_I;
    }
}

static bool xvcpu__svm_delivering_df(const xvcpu_vmcb *vmcb)
{
    uint64_t info = vmcb->control.exit_int_info;
    return (info & XVCPU_EVENTINJ_V) && XVCPU_FIELD_GET(XVCPU_EVENTINJ_VECTOR, info) == 8 &&
           XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, info) == XVCPU_EVENTINJ_TYPE_EXCEPTION;
}

/* An exception intercepted only while a #DF is on its way (XVCPU__SVM_INTERCEPT_EXC_DF_WATCH). */
static int xvcpu__svm_exception(xvcpu_vcpu *vcpu, unsigned vector, xvcpu_exit *exit)
{
    xvcpu_vmcb *vmcb = vcpu->arch.svm.vmcb;
    if (xvcpu__svm_delivering_df(vmcb)) { /* a fault while delivering #DF: shutdown */
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__TO_VMM;
    }
    if (vmcb->control.exit_int_info & XVCPU_EVENTINJ_V)
        return XVCPU__RESUME; /* delivering another event, which is re-injected and faults again
                                      where the CPU now combines the two itself */
    if (vector == 14)
        xvcpu__x86_raise_page_fault(vcpu, (uint32_t)vmcb->control.exit_info1, vmcb->control.exit_info2);
    else
        xvcpu__x86_raise(vcpu, (uint8_t)vector, (uint32_t)vmcb->control.exit_info1);
    return XVCPU__RESUME;
}

/* Decide what an exit means. `code` is the EXITCODE. */
static int xvcpu__svm_handle(xvcpu_vcpu *vcpu, uint64_t code, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    switch (code) {
    case XVCPU_SVM_EXIT_CPUID:
        return xvcpu__svm_cpuid(vcpu);
    case XVCPU_SVM_EXIT_IOIO:
        return xvcpu__svm_io(vcpu, exit);
    case XVCPU_SVM_EXIT_MSR:
        return xvcpu__svm_msr(vcpu, exit);
    case XVCPU_SVM_EXIT_XSETBV:
        return xvcpu__svm_xsetbv(vcpu);
    case XVCPU_SVM_EXIT_CR0_SEL_WRITE:
    case XVCPU_SVM_EXIT_CR0_WRITE:
        return xvcpu__svm_cr_write(vcpu, 0);
    case XVCPU_SVM_EXIT_CR4_WRITE:
        return xvcpu__svm_cr_write(vcpu, 4);
    case XVCPU_SVM_EXIT_HLT:
        if (XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, vmcb->save.rflags))
            return xvcpu__svm_skip(vcpu);
        exit->kind = XVCPU_EXIT_HALT;
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_VMMCALL:
        xvcpu__x86_hypercall_exit(vcpu, exit);
        return xvcpu__svm_to_vmm(vcpu);
    case XVCPU_SVM_EXIT_NPF:
        return xvcpu__svm_npf(vcpu, exit);
    case XVCPU_SVM_EXIT_INTR: /* still pending: the host takes it after STGI (APM Vol. 2 15.13.1) */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 0;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_NMI: /* a host NMI: the host must handle it */
        exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
        exit->u.external_interrupt.vector = 2;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_EXCP8: /* deliver it, watching for a fault on the way (replaces what the
                                  exit interrupted: the #DF is what the CPU delivers now) */
        vmcb->control.event_inj = 0;
        svm->event_reinjected = svm->soft_injected = svm->nmi_injected = false;
        xvcpu__x86_raise(vcpu, 8, 0);
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_EXCP10: case XVCPU_SVM_EXIT_EXCP11: case XVCPU_SVM_EXIT_EXCP12:
    case XVCPU_SVM_EXIT_EXCP13: case XVCPU_SVM_EXIT_EXCP14:
        return xvcpu__svm_exception(vcpu, (unsigned)(code - XVCPU_SVM_EXIT_EXCP0), exit);
    case XVCPU_SVM_EXIT_SHUTDOWN: /* triple fault and other shutdown conditions (APM Vol. 2 15.12) */
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_VINTR: /* the guest can take an interrupt now: drop the window */
        vmcb->control.v_intr &= ~(XVCPU_VMCB_V_INTR_V_IRQ | XVCPU_VMCB_V_INTR_V_IGN_TPR |
                                  XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK);
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_VINTR, false);
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_IRET: /* the IRET (not yet executed) that will unblock NMIs */
        xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, false);
        svm->awaiting_iret = true;
        svm->iret_rip = vmcb->save.rip;
        return XVCPU__RESUME;
    case XVCPU_SVM_EXIT_INIT: /* a physical INIT, left pending for the host (APM Vol. 2 15.13.3) */
        exit->kind = XVCPU_EXIT_NOTHING;
        return XVCPU__TO_VMM;
    case XVCPU_SVM_EXIT_INVD:
    case XVCPU_SVM_EXIT_WBINVD:
        return xvcpu__svm_skip(vcpu); /* guest memory is write-back and coherent: nothing to do */
    case XVCPU_SVM_EXIT_RDPMC: /* no performance counters are exposed */
        return xvcpu__svm_raise(vcpu, XVCPU__VEC_GP);
    case XVCPU_SVM_EXIT_VMRUN: case XVCPU_SVM_EXIT_VMLOAD: case XVCPU_SVM_EXIT_VMSAVE:
    case XVCPU_SVM_EXIT_STGI: case XVCPU_SVM_EXIT_CLGI: case XVCPU_SVM_EXIT_SKINIT:
    case XVCPU_SVM_EXIT_INVLPGA: case XVCPU_SVM_EXIT_MONITOR: case XVCPU_SVM_EXIT_MWAIT:
    case XVCPU_SVM_EXIT_MWAIT_CONDITIONAL:
        return xvcpu__svm_raise(vcpu, XVCPU__VEC_UD); /* not offered to the guest (CPUID says so) */
    default:
        return xvcpu__x86_unhandled(exit);
    }
}

/* ==== xvcpu/svm/vmrun_check.c.h ==== */
/* The VMRUN consistency checks in software (APM Vol. 2 15.5.1 "Basic Operation", Canonicalization
 * and Consistency Checks). VMRUN reports only VMEXIT_INVALID; this names the first check the
 * VMCB fails, in the APM's order and words. */

#define XVCPU__SC(text) text " (APM Vol. 2 15.5.1)"

/* CR4 bits AMD defines (APM Vol. 2 3.1.3); the others are MBZ. */
#define XVCPU__SVM_CR4_DEFINED                                                                     \
    (XVCPU_CR4_VME | XVCPU_CR4_PVI | XVCPU_CR4_TSD | XVCPU_CR4_DE | XVCPU_CR4_PSE | XVCPU_CR4_PAE |    \
     XVCPU_CR4_MCE | XVCPU_CR4_PGE | XVCPU_CR4_PCE | XVCPU_CR4_OSFXSR | XVCPU_CR4_OSXMMEXCPT |          \
     XVCPU_CR4_UMIP | XVCPU_CR4_LA57 | XVCPU_CR4_FSGSBASE | XVCPU_CR4_PCIDE | XVCPU_CR4_OSXSAVE |       \
     XVCPU_CR4_SMEP | XVCPU_CR4_SMAP | XVCPU_CR4_PKE | XVCPU_CR4_CET)
/* EFER bits AMD defines (APM Vol. 2 3.1.7); the others are MBZ. */
#define XVCPU__SVM_EFER_DEFINED                                                                    \
    (XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE |          \
     XVCPU_IA32_EFER_SVME | XVCPU_IA32_EFER_LMSLE | XVCPU_IA32_EFER_FFXSR | XVCPU_IA32_EFER_TCE |     \
     XVCPU_IA32_EFER_MCOMMIT | XVCPU_IA32_EFER_INTWB | XVCPU_IA32_EFER_UAIE | XVCPU_IA32_EFER_AIBRSE)

static unsigned xvcpu__svm_phys_width(void)
{
    uint32_t r[4];
    XVCPU_CPUID(0x80000000u, 0, r);
    if (r[0] < 0x80000008u)
        return 40;
    XVCPU_CPUID(0x80000008u, 0, r);
    return r[0] & 0xFF;
}

/* A table of `bytes` at `pa` fits below the physical-address limit. */
static bool xvcpu__svm_table_ok(uint64_t pa, uint64_t bytes, unsigned width)
{
    uint64_t limit = width >= 64 ? ~0ull : 1ull << width;
    return (pa & ~0xFFFull) < limit && limit - (pa & ~0xFFFull) >= bytes;
}

static void xvcpu__svm_vmrun_snapshot(const xvcpu_vmcb *vmcb, xvcpu_svm_vmrun_state *s)
{
    s->efer = vmcb->save.efer;
    s->cr0 = vmcb->save.cr0;
    s->cr3 = vmcb->save.cr3;
    s->cr4 = vmcb->save.cr4;
    s->dr6 = vmcb->save.dr6;
    s->dr7 = vmcb->save.dr7;
    s->cs_attrib = vmcb->save.cs.attrib;
    s->event_inj = vmcb->control.event_inj;
}

/* The checks on guest state `s` (as VMRUN saw it) and the control area `c`. */
static const char *xvcpu__svm_vmrun_check(const xvcpu_svm_vmrun_state *s, const xvcpu_vmcb_control *c,
                                          const xvcpu_svm_caps *caps)
{
    bool lme_pg;
    unsigned width = xvcpu__svm_phys_width();
    uint32_t type, vector;
    lme_pg = (s->efer & XVCPU_IA32_EFER_LME) && (s->cr0 & XVCPU_CR0_PG);
    if (!(s->efer & XVCPU_IA32_EFER_SVME))
        return XVCPU__SC("EFER.SVME is zero");
    if (!(s->cr0 & XVCPU_CR0_CD) && (s->cr0 & XVCPU_CR0_NW))
        return XVCPU__SC("CR0.CD is zero and CR0.NW is set");
    if (s->cr0 >> 32)
        return XVCPU__SC("CR0[63:32] are not zero");
    if ((s->cr3 >> 52) || (lme_pg && width < 52 && (s->cr3 >> width)))
        return XVCPU__SC("CR3 MBZ bits are set");
    if (s->cr4 & ~(uint64_t)XVCPU__SVM_CR4_DEFINED)
        return XVCPU__SC("CR4 MBZ bits are set");
    if ((s->dr6 >> 32) || (s->dr7 >> 32))
        return XVCPU__SC("DR6[63:32] or DR7[63:32] are not zero");
    if (s->efer & ~(uint64_t)XVCPU__SVM_EFER_DEFINED)
        return XVCPU__SC("EFER MBZ bits are set");
    if (lme_pg && !(s->cr4 & XVCPU_CR4_PAE))
        return XVCPU__SC("EFER.LME and CR0.PG are both set and CR4.PAE is zero");
    if (lme_pg && !(s->cr0 & XVCPU_CR0_PE))
        return XVCPU__SC("EFER.LME and CR0.PG are both non-zero and CR0.PE is zero");
    if (lme_pg && (s->cr4 & XVCPU_CR4_PAE) && (s->cs_attrib & 0x200) && (s->cs_attrib & 0x400))
        return XVCPU__SC("EFER.LME, CR0.PG, CR4.PAE, CS.L and CS.D are all non-zero");
    if (!(c->intercept_misc2 & XVCPU_SVM_INTERCEPT_MISC2_VMRUN))
        return XVCPU__SC("the VMRUN intercept bit is clear");
    if (!xvcpu__svm_table_ok(c->msrpm_base_pa, 8192, width) || !xvcpu__svm_table_ok(c->iopm_base_pa, 12288, width))
        return XVCPU__SC("the MSR or IOIO intercept tables extend to a physical address that is invalid");
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, s->event_inj);
    vector = (uint32_t)(s->event_inj & 0xFF);
    if ((s->event_inj & XVCPU_EVENTINJ_V) &&
        (type == 1 || type > 4 || (type == XVCPU_EVENTINJ_TYPE_EXCEPTION && (vector == 2 || vector > 31)) ||
         (s->event_inj & 0x7FFFF000u)))
        return XVCPU__SC("illegal event injection");
    if (c->guest_asid == 0)
        return XVCPU__SC("ASID is equal to zero");
    if ((c->np_control & XVCPU_VMCB_NP_CONTROL_NP_ENABLE) && !caps->npt)
        return XVCPU__SC("nested paging enabled on a CPU without it");
    if ((c->np_control & XVCPU_VMCB_NP_CONTROL_NP_ENABLE) && ((c->n_cr3 & 0xFFF) || c->n_cr3 == 0 || (width < 64 && (c->n_cr3 >> width))))
        return XVCPU__SC("nCR3 is not a page-aligned table");
    return NULL;
}

XVCPU_DEF const char *xvcpu_svm_vmrun_check(const xvcpu_vmcb *vmcb, const xvcpu_svm_caps *caps)
{
    xvcpu_svm_vmrun_state s;
    if (vmcb == NULL || caps == NULL)
        return NULL;
    xvcpu__svm_vmrun_snapshot(vmcb, &s);
    return xvcpu__svm_vmrun_check(&s, &vmcb->control, caps);
}

/* One "control.NAME 0x..." or "save.NAME 0x..." line per VMCB member (segments: four lines). */
XVCPU_DEF xvcpu_err xvcpu_svm_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx)
{
    const xvcpu_vmcb *v;
    if (vcpu == NULL || print == NULL || vcpu->magic != XVCPU__VCPU_MAGIC)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->backend != xvcpu_svm_backend() || vcpu->cpu == NULL || vcpu->arch.svm.vmcb == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_svm_dump: vCPU %u is not a bound SVM vCPU", vcpu->id);
    v = vcpu->arch.svm.vmcb;
#define XVCPU__DUMP_ONE(area, m) xvcpu__dump_line(print, ctx, "%s.%s %llx", #area, #m, (unsigned long long)v->area.m);
#define XVCPU__DUMP_K_U8 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U16 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U32 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_U64 XVCPU__DUMP_ONE
#define XVCPU__DUMP_K_SEGMENT(area, m)                                                                      \
    xvcpu__dump_line(print, ctx, "%s.%s selector %x attrib %x limit %x base %llx", #area, #m,                 \
                     (unsigned)v->area.m.selector, (unsigned)v->area.m.attrib, (unsigned)v->area.m.limit,     \
                     (unsigned long long)v->area.m.base);
#define XVCPU__DUMP_CONTROL(m, off, KIND) XVCPU__DUMP_K_##KIND(control, m)
#define XVCPU__DUMP_SAVE(m, off, KIND) XVCPU__DUMP_K_##KIND(save, m)
    XVCPU_VMCB_CONTROL_FIELDS(XVCPU__DUMP_CONTROL)
    XVCPU_VMCB_SAVE_FIELDS(XVCPU__DUMP_SAVE)
#undef XVCPU__DUMP_ONE
#undef XVCPU__DUMP_K_U8
#undef XVCPU__DUMP_K_U16
#undef XVCPU__DUMP_K_U32
#undef XVCPU__DUMP_K_U64
#undef XVCPU__DUMP_K_SEGMENT
#undef XVCPU__DUMP_CONTROL
#undef XVCPU__DUMP_SAVE
    return XVCPU_OK;
}

/* ==== xvcpu/svm/run.c.h ==== */
/* The SVM run loop: inject, enter, read EXITCODE, handle what the library owns, repeat until an
 * exit needs the VMM. Event injection (AMD APM Vol. 2 15.20 "Event Injection", 15.21 "Interrupt
 * and LINT Virtualization") with VMX's priorities: an event the last exit interrupted, an
 * exception, an NMI, the highest external interrupt; a V_IRQ window when the guest cannot take
 * the interrupt yet. */

/* EVENTINJ types (APM Vol. 2 15.20). */
static uint64_t xvcpu__svm_event(uint32_t vector, uint32_t type, bool has_error, uint32_t error)
{
    return (uint64_t)vector | ((uint64_t)type << XVCPU_EVENTINJ_TYPE_SHIFT) |
           (has_error ? XVCPU_EVENTINJ_EV | ((uint64_t)error << XVCPU_EVENTINJ_ERRORCODE_SHIFT) : 0) | XVCPU_EVENTINJ_V;
}

/* Ask for a VINTR exit as soon as the guest can take an interrupt: a virtual interrupt that
 * ignores V_TPR, whose delivery the VINTR intercept turns into an exit (APM Vol. 2 15.21.4). */
static void xvcpu__svm_interrupt_window(xvcpu_svm_vcpu *svm)
{
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    uint64_t v = c->v_intr | XVCPU_VMCB_V_INTR_V_IRQ | XVCPU_VMCB_V_INTR_V_IGN_TPR | XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK;
    if (v != c->v_intr) {
        c->v_intr = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
    }
    xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_VINTR, true);
}

/* Choose and write the event for this entry. */
static void xvcpu__svm_inject(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    int vector;

    if (svm->event_reinjected)
        return; /* the interrupted event goes first; the rest waits for the next entry */
    if (vcpu->events.exception_pending) {
        uint32_t type = vcpu->events.exception_type;
        uint8_t v = vcpu->events.exception_vector;
        vcpu->events.exception_pending = false;
        if (type == XVCPU__EVENT_HARDWARE_EXCEPTION) {
            /* In real mode no error code is pushed. */
            bool err = vcpu->events.exception_has_error && (vmcb->save.cr0 & XVCPU_CR0_PE);
            vmcb->control.event_inj = xvcpu__svm_event(v, XVCPU_EVENTINJ_TYPE_EXCEPTION, err,
                                                       vcpu->events.exception_error);
            if (v == 14) { /* VMRUN loads CR2 from the VMCB */
                vmcb->save.cr2 = vcpu->events.page_fault_cr2;
                svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CR2;
            } else if (v == 8) {
                xvcpu__svm_df_watch(svm, true);
            }
            return;
        }
        /* Software events push the address after the instruction. SVM injection has no length:
         * RIP moves past it first. INT n, INT3 and INTO go as type 4, which checks the gate's
         * DPL as the instructions do; INT1 as exception 1 (no DPL check, as for ICEBP). */
        xvcpu__svm_advance(vcpu, vcpu->events.exception_insn_len);
        vmcb->control.next_rip = vmcb->save.rip;
        vmcb->control.event_inj = xvcpu__svm_event(v, type == XVCPU__EVENT_PRIVILEGED_SOFTWARE
                                                          ? XVCPU_EVENTINJ_TYPE_EXCEPTION
                                                          : XVCPU_EVENTINJ_TYPE_SOFTWARE_INT,
                                                   false, 0);
        svm->soft_injected = true;
        return;
    }
    vector = xvcpu__highest_irr(vcpu);
    if (vcpu->events.nmi_pending) {
        if (svm->nmi_blocked) {
            /* A delivered NMI blocks NMIs until the handler's IRET completes: intercept the IRET,
             * then take any later exit at another RIP as its completion (xvcpu__svm_reinject).
             * Without vNMI there is no NMI window: the NMI may wait for that exit. */
            if (!svm->awaiting_iret)
                xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, true);
            return;
        }
        vcpu->events.nmi_pending = false;
        vmcb->control.event_inj = xvcpu__svm_event(2, XVCPU_EVENTINJ_TYPE_NMI, false, 0);
        svm->nmi_injected = true;
        return;
    }
    if (vector < 0)
        return;
    if ((vmcb->save.rflags & XVCPU_RFLAGS_IF) == 0 ||
        (vmcb->control.interrupt_shadow & XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW) != 0) {
        xvcpu__svm_interrupt_window(svm);
        return;
    }
    xvcpu__irr_clear(vcpu, vector);
    vmcb->control.event_inj = xvcpu__svm_event((uint32_t)vector, XVCPU_EVENTINJ_TYPE_INTR, false, 0);
}

/* After an exit: an event whose delivery the exit cut short is in EXITINTINFO (APM Vol. 2
 * 15.7.2); deliver it again on the next entry. A software interrupt or INT3/INTO the guest
 * executed itself is not re-injected: RIP still points at the instruction, which runs again. */
static void xvcpu__svm_reinject(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    uint64_t info = c->exit_int_info;
    bool injected_soft = svm->soft_injected, injected_nmi = svm->nmi_injected;
    uint32_t type, vector;

    svm->soft_injected = svm->nmi_injected = false;
    c->event_inj = 0;
    if (svm->awaiting_iret && c->exit_code != XVCPU_SVM_EXIT_IRET && svm->vmcb->save.rip != svm->iret_rip) {
        svm->awaiting_iret = false; /* the IRET completed */
        svm->nmi_blocked = false;
    }
    if ((info & XVCPU_EVENTINJ_V) == 0) {
        if (injected_nmi)
            svm->nmi_blocked = true; /* delivered */
        return;
    }
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, info);
    vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_VECTOR, info);
    if (!injected_soft && (type == XVCPU_EVENTINJ_TYPE_SOFTWARE_INT ||
                           (type == XVCPU_EVENTINJ_TYPE_EXCEPTION && (vector == 3 || vector == 4))))
        return;
    c->event_inj = info & (XVCPU_EVENTINJ_VECTOR_MASK | XVCPU_EVENTINJ_TYPE_MASK | XVCPU_EVENTINJ_EV |
                           XVCPU_EVENTINJ_V | XVCPU_EVENTINJ_ERRORCODE_MASK);
    svm->event_reinjected = true;
    svm->soft_injected = injected_soft;
    svm->nmi_injected = type == XVCPU_EVENTINJ_TYPE_NMI;
}

/* Before entry: apply the VMM's completion, flush stage-2 changes, inject. */
static void xvcpu__svm_prepare(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    if (vcpu->rip_advance != 0) {
        xvcpu__svm_advance(vcpu, vcpu->rip_advance);
        vcpu->rip_advance = 0;
    }
    if (vcpu->rsp_dirty) {
        vmcb->save.rsp = vcpu->gpr[XVCPU_REG_RSP];
        vcpu->rsp_dirty = false;
    }
    if (svm->stage2->generation != svm->stage2_generation) {
        /* mappings were removed or lost permissions: drop this ASID's cached translations */
        vmcb->control.tlb_control = (uint8_t)(svm->caps.flush_by_asid ? XVCPU_SVM_TLB_CONTROL_FLUSH_GUEST
                                                                      : XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
        svm->stage2_generation = svm->stage2->generation;
    }
    if (vcpu->cpu->caps.svm.flush_all_pending) /* a new generation of ASIDs on this CPU */
        vmcb->control.tlb_control = XVCPU_SVM_TLB_CONTROL_FLUSH_ALL;
    if (vcpu->events.exception_pending || vcpu->events.nmi_pending || vcpu->events.irr[0] | vcpu->events.irr[1] |
                                                                          vcpu->events.irr[2] | vcpu->events.irr[3])
        xvcpu__svm_inject(vcpu);
    vmcb->save.rax = vcpu->gpr[XVCPU_REG_RAX];
    /* Clean bits only where the CPU honours them; what changed is reloaded (APM Vol. 2 15.15). */
    vmcb->control.vmcb_clean = svm->caps.vmcb_clean ? XVCPU__SVM_CLEAN_ALL & ~svm->dirty : 0;
    svm->dirty = 0;
}

/* VMRUN refused the guest state: EXITCODE VMEXIT_INVALID (-1) or another negative code. Some CPU
 * models store -1 as 0x00000000FFFFFFFF, so the low 32 bits decide (APM Vol. 2 15.5.1). */
static bool xvcpu__svm_failed_code(uint64_t *code)
{
    uint32_t low = (uint32_t)*code;
    if (low < 0xFFFFFFFCu)
        return false;
    *code = (uint64_t)(int64_t)(int32_t)low;
    return true;
}

static void xvcpu__svm_fail_entry(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t code)
{
    exit->kind = XVCPU_EXIT_FAIL_ENTRY;
    exit->u.fail_entry.hw_reason = code;
    exit->u.fail_entry.qualification = vcpu->arch.svm.vmcb->control.exit_info1;
    exit->u.fail_entry.reason_name = xvcpu_svm_exit_name(code);
    exit->u.fail_entry.error_text = code == XVCPU_SVM_EXIT_INVALID
                                        ? "VMRUN found the guest state invalid (APM Vol. 2 15.5.1)"
                                        : NULL;
    exit->u.fail_entry.check = NULL;
    if (code == XVCPU_SVM_EXIT_INVALID) {
        exit->u.fail_entry.check =
            xvcpu__svm_vmrun_check(&vcpu->arch.svm.at_vmrun, &vcpu->arch.svm.vmcb->control, &vcpu->arch.svm.caps);
        if (exit->u.fail_entry.check == NULL)
            exit->u.fail_entry.check = "no check xvcpu models fails (the CPU checks more than xvcpu knows)";
    }
    xvcpu__fail_entry_report(vcpu, exit);
}

static xvcpu_err xvcpu__svm_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    uint64_t host_area = vcpu->cpu->region_phys + 4096;
    bool xcr0_switch;
    for (;;) {
        uint64_t code;
        int slot, r;
        if (vcpu->events.shutdown) { /* a fault while delivering #DF (APM Vol. 2 8.2.9) */
            vcpu->events.shutdown = false;
            exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
            exit->raw_reason = XVCPU_SVM_EXIT_SHUTDOWN;
            exit->raw_reason_name = xvcpu_svm_exit_name(XVCPU_SVM_EXIT_SHUTDOWN);
            return XVCPU_OK;
        }
        xvcpu__svm_prepare(vcpu);
        /* GIF clear from before the guest's VMLOAD state is in until the host's is back; XCR0 is
         * the guest's only in between (when it differs from the host's, read at bind). */
        XVCPU_CLGI();
        xcr0_switch = vcpu->x86.xcr0_allowed != XVCPU_XCR0_X87 && vcpu->x86.host_xcr0 != vcpu->x86.xcr0;
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.xcr0);
        /* VMRUN loads CR2 from the VMCB (APM Vol. 2 15.5.1), but Bochs 2.7 does not: keep the
         * register equal to it too, which costs a write only when the library changed it. */
        if (XVCPU_READ_CR2() != vmcb->save.cr2)
            XVCPU_WRITE_CR2(vmcb->save.cr2);
        xvcpu__svm_vmrun_snapshot(vmcb, &svm->at_vmrun);
        (void)XVCPU_SVM_ENTER(vcpu, host_area);
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.host_xcr0);
        XVCPU_STGI();
        vcpu->gpr[XVCPU_REG_RAX] = vmcb->save.rax;
        vcpu->x86.tpr = XVCPU_FIELD_GET(XVCPU_VMCB_V_INTR_V_TPR, vmcb->control.v_intr) & 0xF; /* CR8 */
        code = vmcb->control.exit_code;
        if (xvcpu__svm_failed_code(&code)) {
            /* nothing ran: the TLB flush and the event in EVENTINJ still wait for the next VMRUN
             * (nothing else is injected before that event) */
            xvcpu__svm_fail_entry(vcpu, exit, code);
            vmcb->control.event_inj = svm->at_vmrun.event_inj; /* Bochs 2.7 clears its V bit */
            svm->event_reinjected = (vmcb->control.event_inj & XVCPU_EVENTINJ_V) != 0;
            svm->dirty = XVCPU__SVM_CLEAN_ALL;
            return XVCPU_OK;
        }
        if (vmcb->control.tlb_control == XVCPU_SVM_TLB_CONTROL_FLUSH_ALL)
            vcpu->cpu->caps.svm.flush_all_pending = false;
        vmcb->control.tlb_control = XVCPU_SVM_TLB_CONTROL_DO_NOTHING;
        svm->event_reinjected = false;
        xvcpu__svm_reinject(vcpu);
        if (svm->df_watch && !xvcpu__svm_delivering_df(vmcb))
            xvcpu__svm_df_watch(svm, false); /* delivered (or superseded) */
        slot = xvcpu__exit_stat_slot(code);
        if (slot >= 0)
            vcpu->exit_stats[slot]++;
        r = xvcpu__svm_handle(vcpu, code, exit);
        if (r == XVCPU__RESUME)
            continue;
        if (r < 0)
            return (xvcpu_err)-r; /* the text is in vcpu->error */
        exit->raw_reason = code;
        exit->raw_reason_name = xvcpu_svm_exit_name(code);
        exit->raw_qualification = vmcb->control.exit_info1;
        if (exit->raw_info2 == 0)
            exit->raw_info2 = vmcb->control.exit_info2;
        return XVCPU_OK;
    }
}

static xvcpu_err xvcpu__svm_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    if (vcpu->cpu == NULL) /* as VMX, whose VMCS is reachable only while bound */
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_get_reg: vCPU %u is not bound", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RSP: *value = s->rsp; break;
    case XVCPU_REG_RIP: *value = s->rip + vcpu->rip_advance; break;
    case XVCPU_REG_RFLAGS: *value = s->rflags; break;
    case XVCPU_REG_CR0: *value = s->cr0; break;
    case XVCPU_REG_CR2: *value = s->cr2; break;
    case XVCPU_REG_CR3: *value = s->cr3; break;
    case XVCPU_REG_CR4: *value = s->cr4; break;
    case XVCPU_REG_EFER: *value = s->efer & ~XVCPU_IA32_EFER_SVME; break;
    default: return XVCPU_ERR_INVALID_ARG;
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    if (vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is not bound", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RIP: s->rip = value; vcpu->rip_advance = 0; break;
    case XVCPU_REG_RFLAGS: s->rflags = value | XVCPU_RFLAGS_FIXED1; break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is changed by the guest only", vcpu->id,
                           (unsigned)reg);
    }
    return XVCPU_OK;
}

static const xvcpu_backend xvcpu__svm_backend_ops = {
    "svm",
    xvcpu__svm_percpu_enable,
    xvcpu__svm_percpu_disable,
    xvcpu__svm_vcpu_create,
    xvcpu__svm_vcpu_setup,
    xvcpu__svm_vcpu_bind,
    xvcpu__svm_vcpu_unbind,
    xvcpu__svm_vcpu_run,
    xvcpu__svm_vcpu_destroy,
    xvcpu__svm_get_reg,
    xvcpu__svm_set_reg,
    NULL, /* arch_complete: the x86 rules */
};

XVCPU_DEF const xvcpu_backend *xvcpu_svm_backend(void)
{
    return &xvcpu__svm_backend_ops;
}

/* Nested page tables: long-mode tables, 2-MiB pages always, 1-GiB pages where CPUID says so;
 * the CPU sets their accessed/dirty flags itself (APM Vol. 2 15.25.5). */
static xvcpu_err xvcpu__svm_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    const xvcpu_svm_caps *caps = &cpu->caps.svm;
    if (!caps->npt || !caps->nx) /* without EFER.NXE, XD in a nested entry is reserved */
        return XVCPU_ERR_UNSUPPORTED;
    return xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_NPT,
                             XVCPU_PAGE_4K | XVCPU_PAGE_2M | (caps->page_1g ? XVCPU_PAGE_1G : 0u), false);
}

/* ==== xvcpu/arm64/entry.c.h ==== */
/* The AArch64 entry trampoline and EL2 vectors (Arm ARM D1.3 "exception entry", C6 ERET).
 *
 *   int xvcpu__a64_enter(xvcpu_arm64_ctx *ctx)
 *
 * Saves the host's callee-saved registers and SP in ctx, leaves ctx at the top of the host stack
 * (SP_EL2, which the guest cannot touch), loads ELR_EL2/SPSR_EL2 and X0-X30 from ctx and ERETs.
 * An exception from the guest enters the lower-EL half of the vectors with SP_EL2 as it was: the
 * vector stores X0-X30, ELR_EL2 and SPSR_EL2 into ctx, puts the host's registers back and
 * returns XVCPU_ARM64_ENTER_SYNC/IRQ/FIQ/SERROR to the caller of xvcpu__a64_enter. ESR_EL2,
 * FAR_EL2 and HPFAR_EL2 still hold the exception's syndrome then. SP_EL0/SP_EL1 and the other
 * EL1 registers are switched at bind/unbind, not here.
 * The vectors are in VBAR_EL2 only while xvcpu_vcpu_run() runs (the host's own are there
 * otherwise). An exception taken at EL2 itself in that window (a library bug; never one a guest
 * can cause) parks the CPU in a WFE loop: the vectors have no place to report it to.
 * The symbols are local to this object (no .globl), as for the x86 trampolines. */

#if defined(__aarch64__)
#define XVCPU__A64_VEC_GUEST(kind) \
    "    .balign 0x80\n"           \
    "    stp x0, x1, [sp, #-16]!\n" \
    "    mov x1, #" #kind "\n"     \
    "    b xvcpu__a64_guest_exit\n"
#define XVCPU__A64_VEC_EL2 \
    "    .balign 0x80\n"   \
    "    b xvcpu__a64_el2_fault\n"

__asm__(
    ".pushsection .text\n"
    ".type xvcpu__a64_enter, %function\n"
    ".balign 16\n"
    "xvcpu__a64_enter:\n"
    "    stp x19, x20, [x0, #272]\n"
    "    stp x21, x22, [x0, #288]\n"
    "    stp x23, x24, [x0, #304]\n"
    "    stp x25, x26, [x0, #320]\n"
    "    stp x27, x28, [x0, #336]\n"
    "    stp x29, x30, [x0, #352]\n"
    "    mov x1, sp\n"
    "    str x1, [x0, #264]\n"
    "    sub sp, sp, #16\n"
    "    str x0, [sp]\n"
    "    ldp x1, x2, [x0, #248]\n"
    "    msr elr_el2, x1\n"
    "    msr spsr_el2, x2\n"
    "    ldp x2, x3, [x0, #16]\n"
    "    ldp x4, x5, [x0, #32]\n"
    "    ldp x6, x7, [x0, #48]\n"
    "    ldp x8, x9, [x0, #64]\n"
    "    ldp x10, x11, [x0, #80]\n"
    "    ldp x12, x13, [x0, #96]\n"
    "    ldp x14, x15, [x0, #112]\n"
    "    ldp x16, x17, [x0, #128]\n"
    "    ldp x18, x19, [x0, #144]\n"
    "    ldp x20, x21, [x0, #160]\n"
    "    ldp x22, x23, [x0, #176]\n"
    "    ldp x24, x25, [x0, #192]\n"
    "    ldp x26, x27, [x0, #208]\n"
    "    ldp x28, x29, [x0, #224]\n"
    "    ldr x30, [x0, #240]\n"
    "    ldp x0, x1, [x0, #0]\n"
    "    eret\n"
    "    dsb nsh\n"
    "    isb\n"
    "xvcpu__a64_guest_exit:\n"
    "    ldr x0, [sp, #16]\n"
    "    stp x2, x3, [x0, #16]\n"
    "    stp x4, x5, [x0, #32]\n"
    "    stp x6, x7, [x0, #48]\n"
    "    stp x8, x9, [x0, #64]\n"
    "    stp x10, x11, [x0, #80]\n"
    "    stp x12, x13, [x0, #96]\n"
    "    stp x14, x15, [x0, #112]\n"
    "    stp x16, x17, [x0, #128]\n"
    "    stp x18, x19, [x0, #144]\n"
    "    stp x20, x21, [x0, #160]\n"
    "    stp x22, x23, [x0, #176]\n"
    "    stp x24, x25, [x0, #192]\n"
    "    stp x26, x27, [x0, #208]\n"
    "    stp x28, x29, [x0, #224]\n"
    "    str x30, [x0, #240]\n"
    "    ldp x2, x3, [sp], #16\n"
    "    stp x2, x3, [x0, #0]\n"
    "    mrs x2, elr_el2\n"
    "    mrs x3, spsr_el2\n"
    "    stp x2, x3, [x0, #248]\n"
    "    add sp, sp, #16\n"
    "    ldp x19, x20, [x0, #272]\n"
    "    ldp x21, x22, [x0, #288]\n"
    "    ldp x23, x24, [x0, #304]\n"
    "    ldp x25, x26, [x0, #320]\n"
    "    ldp x27, x28, [x0, #336]\n"
    "    ldp x29, x30, [x0, #352]\n"
    "    mov x0, x1\n"
    "    ret\n"
    "xvcpu__a64_el2_fault:\n"
    "    wfe\n"
    "    b xvcpu__a64_el2_fault\n"
    ".size xvcpu__a64_enter, . - xvcpu__a64_enter\n"
    ".balign 2048\n"
    "xvcpu__a64_vectors:\n"
    XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2
    XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2 XVCPU__A64_VEC_EL2
    XVCPU__A64_VEC_GUEST(0) XVCPU__A64_VEC_GUEST(1) XVCPU__A64_VEC_GUEST(2) XVCPU__A64_VEC_GUEST(3)
    XVCPU__A64_VEC_GUEST(0) XVCPU__A64_VEC_GUEST(1) XVCPU__A64_VEC_GUEST(2) XVCPU__A64_VEC_GUEST(3)
    "    .balign 0x80\n"
    ".type xvcpu__a64_fp_save, %function\n"
    ".arch_extension fp\n"
    ".arch_extension simd\n"
    "xvcpu__a64_fp_save:\n"
    "    stp q0, q1, [x0, #0]\n"
    "    stp q2, q3, [x0, #32]\n"
    "    stp q4, q5, [x0, #64]\n"
    "    stp q6, q7, [x0, #96]\n"
    "    stp q8, q9, [x0, #128]\n"
    "    stp q10, q11, [x0, #160]\n"
    "    stp q12, q13, [x0, #192]\n"
    "    stp q14, q15, [x0, #224]\n"
    "    stp q16, q17, [x0, #256]\n"
    "    stp q18, q19, [x0, #288]\n"
    "    stp q20, q21, [x0, #320]\n"
    "    stp q22, q23, [x0, #352]\n"
    "    stp q24, q25, [x0, #384]\n"
    "    stp q26, q27, [x0, #416]\n"
    "    stp q28, q29, [x0, #448]\n"
    "    stp q30, q31, [x0, #480]\n"
    "    mrs x1, fpcr\n"
    "    mrs x2, fpsr\n"
    "    add x0, x0, #512\n"
    "    stp x1, x2, [x0]\n"
    "    ret\n"
    ".size xvcpu__a64_fp_save, . - xvcpu__a64_fp_save\n"
    ".type xvcpu__a64_fp_restore, %function\n"
    "xvcpu__a64_fp_restore:\n"
    "    ldp q0, q1, [x0, #0]\n"
    "    ldp q2, q3, [x0, #32]\n"
    "    ldp q4, q5, [x0, #64]\n"
    "    ldp q6, q7, [x0, #96]\n"
    "    ldp q8, q9, [x0, #128]\n"
    "    ldp q10, q11, [x0, #160]\n"
    "    ldp q12, q13, [x0, #192]\n"
    "    ldp q14, q15, [x0, #224]\n"
    "    ldp q16, q17, [x0, #256]\n"
    "    ldp q18, q19, [x0, #288]\n"
    "    ldp q20, q21, [x0, #320]\n"
    "    ldp q22, q23, [x0, #352]\n"
    "    ldp q24, q25, [x0, #384]\n"
    "    ldp q26, q27, [x0, #416]\n"
    "    ldp q28, q29, [x0, #448]\n"
    "    ldp q30, q31, [x0, #480]\n"
    "    add x0, x0, #512\n"
    "    ldp x1, x2, [x0]\n"
    "    msr fpcr, x1\n"
    "    msr fpsr, x2\n"
    "    ret\n"
    ".size xvcpu__a64_fp_restore, . - xvcpu__a64_fp_restore\n"
    ".popsection\n");

extern int xvcpu__a64_enter(xvcpu_arm64_ctx *ctx);
extern void xvcpu__a64_fp_save(xvcpu_arm64_fp *fp);
extern void xvcpu__a64_fp_restore(const xvcpu_arm64_fp *fp);
extern char xvcpu__a64_vectors[];

#ifndef XVCPU_A64_ENTER
#define XVCPU_A64_ENTER(ctx) xvcpu__a64_enter(ctx)
#endif
#ifndef XVCPU_A64_FP_SAVE
#define XVCPU_A64_FP_SAVE(fp) xvcpu__a64_fp_save(fp)
#endif
#ifndef XVCPU_A64_FP_RESTORE
#define XVCPU_A64_FP_RESTORE(fp) xvcpu__a64_fp_restore(fp)
#endif
#ifndef XVCPU_A64_VECTORS
#define XVCPU_A64_VECTORS() ((uint64_t)(uintptr_t)xvcpu__a64_vectors)
#endif
#else /* !__aarch64__: inert */
#ifndef XVCPU_A64_ENTER
#define XVCPU_A64_ENTER(ctx) ((void)(ctx), -1)
#endif
#ifndef XVCPU_A64_FP_SAVE
#define XVCPU_A64_FP_SAVE(fp) ((void)(fp))
#endif
#ifndef XVCPU_A64_FP_RESTORE
#define XVCPU_A64_FP_RESTORE(fp) ((void)(fp))
#endif
#ifndef XVCPU_A64_VECTORS
#define XVCPU_A64_VECTORS() ((uint64_t)0)
#endif
#endif /* __aarch64__ */

XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_ctx, pc) == 248 && offsetof(xvcpu_arm64_ctx, host_sp) == 264 &&
                        offsetof(xvcpu_arm64_ctx, host_x19_x30) == 272 && sizeof(xvcpu_arm64_ctx) == 368,
                    arm64_ctx_layout_matches_trampoline);
XVCPU_STATIC_ASSERT(offsetof(xvcpu_arm64_fp, fpcr) == 512, arm64_fp_layout_matches_trampoline);

/* ==== xvcpu/arm64/backend.c.h ==== */
/* The AArch64 EL2 backend: per-CPU enable, vCPU setup/bind/unbind, the run loop and the exits
 * (Arm ARM DDI 0487: D1 exception model, D8 translation, D19 registers; PSCI DEN0022). */

#ifndef XVCPU_A64_TLBI_ALLE1IS
#if defined(__aarch64__)
#define XVCPU_A64_TLBI_ALLE1IS() __asm__ volatile("dsb ishst\n tlbi alle1is\n dsb ish\n isb" : : : "memory")
#else
#define XVCPU_A64_TLBI_ALLE1IS() ((void)0)
#endif
#endif

/* PSTATE of a new vCPU and of exception entry to EL1: EL1h with D, A, I and F masked. */
#define XVCPU__A64_PSTATE_EL1H_MASKED                                                          \
    (XVCPU_SPSR_EL2_M_EL1H | XVCPU_SPSR_EL2_D | XVCPU_SPSR_EL2_A | XVCPU_SPSR_EL2_I |          \
     XVCPU_SPSR_EL2_F)
/* SCTLR_EL1 at reset for an OS: MMU and caches off; the bits Armv8.0 made RES1 set. */
#define XVCPU__A64_SCTLR_RESET                                                                 \
    (XVCPU_SCTLR_EL1_LSMAOE | XVCPU_SCTLR_EL1_NTLSMD | XVCPU_SCTLR_EL1_SPAN | XVCPU_SCTLR_EL1_EIS |   \
     XVCPU_SCTLR_EL1_TSCXT | XVCPU_SCTLR_EL1_EOS)
/* The traps every guest runs with (Arm ARM D19.2.48). TWE is left clear: WFE just runs. */
#define XVCPU__A64_HCR_GUEST                                                                   \
    (XVCPU_HCR_EL2_VM | XVCPU_HCR_EL2_SWIO | XVCPU_HCR_EL2_FMO | XVCPU_HCR_EL2_IMO |           \
     XVCPU_HCR_EL2_AMO | XVCPU_HCR_EL2_TWI | XVCPU_HCR_EL2_TID3 | XVCPU_HCR_EL2_TSC |          \
     XVCPU_HCR_EL2_TIDCP | XVCPU_HCR_EL2_TVM | XVCPU_HCR_EL2_RW)
#define XVCPU__A64_ESR_UNDEF XVCPU_ESR_EL2_IL /* EC 0 (unknown reason), 32-bit instruction */

/* --- per CPU ---------------------------------------------------------------------------------- */

/* PARange -> bits (Arm ARM D19.2.60); 0 for a value this backend does not know. */
static unsigned xvcpu__a64_pa_bits(unsigned parange)
{
    static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52};
    return parange < sizeof(bits) / sizeof(bits[0]) ? bits[parange] : 0;
}

/* VTCR_EL2 for 4 KiB-granule stage-2 tables walked from level 0 over `ipa_bits` (40-48). */
static uint64_t xvcpu__a64_vtcr(unsigned ipa_bits, unsigned parange, bool vmid16)
{
    uint64_t v = XVCPU_VTCR_EL2_RES1;
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_T0SZ, v, 64u - ipa_bits);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_SL0, v, 2); /* level 0 */
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_IRGN0, v, XVCPU_VTCR_EL2_IRGN0_WBWA);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_ORGN0, v, XVCPU_VTCR_EL2_ORGN0_WBWA);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_SH0, v, XVCPU_VTCR_EL2_SH0_INNER);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_TG0, v, XVCPU_VTCR_EL2_TG0_G4K);
    v = XVCPU_FIELD_SET(XVCPU_VTCR_EL2_PS, v, parange > 5 ? 5u : parange);
    return v | (vmid16 ? XVCPU_VTCR_EL2_VS : 0);
}

static xvcpu_err xvcpu__a64_percpu_enable(xvcpu_percpu *cpu)
{
    static const char fn[] = "xvcpu_percpu_enable";
    xvcpu_arm64_caps *c = &cpu->caps.arm64;
    uint64_t el = XVCPU_FIELD_GET(XVCPU_CURRENTEL_EL, XVCPU_A64_READ(CURRENTEL));
    unsigned parange, tgran4_2;
    if (el != 2)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u runs at EL%u; the arm64 backend needs EL2", fn, cpu->cpu_id, (unsigned)el);
    if (XVCPU_A64_READ(HCR_EL2) & XVCPU_HCR_EL2_E2H)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: HCR_EL2.E2H is set (a VHE host); the arm64 backend needs E2H = 0", fn,
                           cpu->cpu_id);
    XVCPU_MEMSET(c, 0, sizeof(*c));
    c->mmfr0 = XVCPU_A64_READ(ID_AA64MMFR0_EL1);
    c->mmfr1 = XVCPU_A64_READ(ID_AA64MMFR1_EL1);
    parange = (unsigned)XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_PARANGE, c->mmfr0);
    tgran4_2 = (unsigned)XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_TGRAN4_2, c->mmfr0);
    c->pa_bits = xvcpu__a64_pa_bits(parange);
    if (c->pa_bits == 0)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: unknown PARange %u in ID_AA64MMFR0_EL1", fn, cpu->cpu_id, parange);
    if (c->pa_bits < 40)
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u: %u-bit physical addresses; stage 2 from level 0 needs 40 or more", fn,
                           cpu->cpu_id, c->pa_bits);
    if (tgran4_2 == 1 || (tgran4_2 == 0 && XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR0_EL1_TGRAN4, c->mmfr0) == 0xF))
        return xvcpu__fail(cpu->hal, cpu->error, XVCPU_ERR_UNSUPPORTED,
                           "%s: CPU %u has no 4 KiB granule at stage 2", fn, cpu->cpu_id);
    c->ipa_bits = c->pa_bits > 48 ? 48 : c->pa_bits;
    c->vmid_bits = XVCPU_FIELD_GET(XVCPU_ID_AA64MMFR1_EL1_VMIDBITS, c->mmfr1) ==
                           XVCPU_ID_AA64MMFR1_EL1_VMIDBITS_VMID16 ? 16 : 8;
    c->vtcr = xvcpu__a64_vtcr(c->ipa_bits, parange, c->vmid_bits == 16);
    c->next_vmid = 1;
    c->vmid_generation = 1;
    c->flush_all_pending = true; /* VMIDs used before enable may have left entries */
    XVCPU_A64_WRITE(VTCR_EL2, c->vtcr);
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_percpu_disable(xvcpu_percpu *cpu)
{
    (void)cpu; /* VBAR_EL2 is the library's only inside xvcpu_vcpu_run() */
    return XVCPU_OK;
}

/* --- vCPU lifecycle ---------------------------------------------------------------------------- */

static xvcpu_err xvcpu__a64_vcpu_create(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t pfr0, pfr1;
    XVCPU_MEMSET(a, 0, sizeof(*a));
#define XVCPU__A64_READ_ID(name) a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_##name)] = XVCPU_A64_READ(name);
    XVCPU_ARM64_ID_SYSREGS(XVCPU__A64_READ_ID)
#undef XVCPU__A64_READ_ID
    /* what the guest does not get: EL2/EL3 of its own, SVE, AMU, MPAM (their registers trap or
     * are not switched), SME (ID_AA64PFR1_EL1 bits 27:24) */
    pfr0 = a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR0_EL1)];
    pfr0 &= ~(XVCPU_ID_AA64PFR0_EL1_EL2_MASK | XVCPU_ID_AA64PFR0_EL1_SVE_MASK | XVCPU_ID_AA64PFR0_EL1_AMU_MASK |
              XVCPU_ID_AA64PFR0_EL1_MPAM_MASK);
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR0_EL1)] = pfr0;
    pfr1 = a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR1_EL1)];
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64PFR1_EL1)] = pfr1 & ~(0xFull << 24);
    a->id_regs[XVCPU_ARM64_ID_SLOT(XVCPU_SYSREG_ID_AA64ZFR0_EL1)] = 0;
    a->vpidr = XVCPU_A64_READ(MIDR_EL1);
    a->vmpidr = XVCPU_MPIDR_EL1_RES1 | XVCPU_FIELD_SET(XVCPU_MPIDR_EL1_AFF0, 0, vcpu->id & 0xFF) |
                XVCPU_FIELD_SET(XVCPU_MPIDR_EL1_AFF1, 0, (vcpu->id >> 8) & 0xFF);
    a->cnthctl = XVCPU_CNTHCTL_EL2_EL1PCTEN;
    a->hcr = XVCPU__A64_HCR_GUEST;
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (args->stage2 == NULL || args->stage2->format != XVCPU_STAGE2_ARM64)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_vcpu_setup: vCPU %u needs stage-2 tables in the ARM64 format", vcpu->id);
    XVCPU_MEMSET(&a->ctx, 0, sizeof(a->ctx));
    XVCPU_MEMSET(a->el1, 0, sizeof(a->el1));
    a->ctx.pc = args->entry;
    a->ctx.pstate = XVCPU__A64_PSTATE_EL1H_MASKED;
    a->ctx.x[0] = args->cr3;
    a->el1[XVCPU__A64_EL1_SP_EL1] = args->stack;
    a->el1[XVCPU__A64_EL1_SCTLR_EL1] = XVCPU__A64_SCTLR_RESET;
    a->stage2 = args->stage2;
    a->stage2_generation = args->stage2->generation;
    return XVCPU_OK;
}

/* A VMID of this CPU's current generation (Arm ARM D8.15: TLB entries are tagged by VMID). */
static void xvcpu__a64_take_vmid(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu_arm64_caps *c = &vcpu->cpu->caps.arm64;
    if (a->vmid != 0 && a->vmid_cpu == vcpu->cpu->cpu_id && a->vmid_generation == c->vmid_generation)
        return;
    if (c->next_vmid >= (1u << c->vmid_bits)) { /* out of VMIDs: a new generation, one full flush */
        c->vmid_generation++;
        c->next_vmid = 1;
        c->flush_all_pending = true;
    }
    a->vmid = c->next_vmid++;
    a->vmid_cpu = vcpu->cpu->cpu_id;
    a->vmid_generation = c->vmid_generation;
    a->flush_pending = true; /* a VMID this vCPU did not have: whatever its stage 2 changed is moot
                                after a generation flush, but an earlier owner's entries are not */
}

static uint64_t xvcpu__a64_vttbr(const xvcpu_vcpu *vcpu)
{
    const xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    return (a->stage2->root_phys & XVCPU_VTTBR_EL2_BADDR_MASK) |
           XVCPU_FIELD_SET(XVCPU_VTTBR_EL2_VMID, 0, a->vmid);
}

static xvcpu_err xvcpu__a64_vcpu_bind(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu__a64_take_vmid(vcpu);
    /* the host's EL1 context and EL2 controls, then the guest's */
#define XVCPU__A64_SWAP_IN(name)                                                               \
    a->host_el1[XVCPU__A64_EL1_##name] = XVCPU_A64_READ(name);                                 \
    XVCPU_A64_WRITE(name, a->el1[XVCPU__A64_EL1_##name]);
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SWAP_IN)
#undef XVCPU__A64_SWAP_IN
    a->host_hcr = XVCPU_A64_READ(HCR_EL2);
    a->host_cnthctl = XVCPU_A64_READ(CNTHCTL_EL2);
    a->host_cntvoff = XVCPU_A64_READ(CNTVOFF_EL2);
    a->host_cptr = XVCPU_A64_READ(CPTR_EL2);
    a->host_mdcr = XVCPU_A64_READ(MDCR_EL2);
    a->host_hstr = XVCPU_A64_READ(HSTR_EL2);
    XVCPU_A64_FP_SAVE(&a->host_fp);
    XVCPU_A64_FP_RESTORE(&a->fp);
    XVCPU_A64_WRITE(VPIDR_EL2, a->vpidr);
    XVCPU_A64_WRITE(VMPIDR_EL2, a->vmpidr);
    XVCPU_A64_WRITE(CNTVOFF_EL2, a->cntvoff);
    XVCPU_A64_WRITE(CNTHCTL_EL2, a->cnthctl);
    /* SVE and SME trap (the guest's ID registers hide them); FP/SIMD does not: its registers
     * are the guest's while bound */
    XVCPU_A64_WRITE(CPTR_EL2, XVCPU_CPTR_EL2_RES1 | XVCPU_CPTR_EL2_TZ | XVCPU_CPTR_EL2_TSM);
    XVCPU_A64_WRITE(HSTR_EL2, 0);
    /* the debug registers are not switched: the guest's accesses trap (SYSREG exits); the PMU
     * counters keep the host's split (HPMN) */
    XVCPU_A64_WRITE(MDCR_EL2, (a->host_mdcr & XVCPU_MDCR_EL2_HPMN_MASK) | XVCPU_MDCR_EL2_TDA);
    XVCPU_A64_WRITE(VTTBR_EL2, xvcpu__a64_vttbr(vcpu));
    XVCPU_A64_WRITE(HCR_EL2, a->hcr);
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_vcpu_unbind(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
#define XVCPU__A64_SWAP_OUT(name)                                                              \
    a->el1[XVCPU__A64_EL1_##name] = XVCPU_A64_READ(name);                                      \
    XVCPU_A64_WRITE(name, a->host_el1[XVCPU__A64_EL1_##name]);
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SWAP_OUT)
#undef XVCPU__A64_SWAP_OUT
    XVCPU_A64_FP_SAVE(&a->fp);
    XVCPU_A64_FP_RESTORE(&a->host_fp);
    XVCPU_A64_WRITE(HCR_EL2, a->host_hcr);
    XVCPU_A64_WRITE(CNTHCTL_EL2, a->host_cnthctl);
    XVCPU_A64_WRITE(CNTVOFF_EL2, a->host_cntvoff);
    XVCPU_A64_WRITE(CPTR_EL2, a->host_cptr);
    XVCPU_A64_WRITE(MDCR_EL2, a->host_mdcr);
    XVCPU_A64_WRITE(HSTR_EL2, a->host_hstr);
    XVCPU_A64_ISB();
    return XVCPU_OK;
}

static void xvcpu__a64_vcpu_destroy(xvcpu_vcpu *vcpu)
{
    (void)vcpu; /* nothing allocated: the state lives in the vCPU */
}

/* --- guest registers --------------------------------------------------------------------------- */

static bool xvcpu__a64_bound(const xvcpu_vcpu *vcpu)
{
    return vcpu->cpu != NULL;
}

/* An EL1 register: the hardware's while bound, the saved copy otherwise. */
static uint64_t xvcpu__a64_el1_get(xvcpu_vcpu *vcpu, unsigned index)
{
    if (!xvcpu__a64_bound(vcpu))
        return vcpu->arch.arm64.el1[index];
    switch (index) {
#define XVCPU__A64_GET_CASE(name) case XVCPU__A64_EL1_##name: return XVCPU_A64_READ(name);
        XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_GET_CASE)
#undef XVCPU__A64_GET_CASE
    default: return 0;
    }
}

static void xvcpu__a64_el1_set(xvcpu_vcpu *vcpu, unsigned index, uint64_t value)
{
    if (!xvcpu__a64_bound(vcpu)) {
        vcpu->arch.arm64.el1[index] = value;
        return;
    }
    switch (index) {
#define XVCPU__A64_SET_CASE(name) case XVCPU__A64_EL1_##name: XVCPU_A64_WRITE(name, value); break;
        XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SET_CASE)
#undef XVCPU__A64_SET_CASE
    default: break;
    }
}

/* The EL1 register slot an xvcpu_arm64_get_reg number names, or -1. */
static int xvcpu__a64_reg_slot(unsigned reg)
{
    switch (reg) {
    case XVCPU_ARM64_SP_EL0: return XVCPU__A64_EL1_SP_EL0;
    case XVCPU_ARM64_SP_EL1: return XVCPU__A64_EL1_SP_EL1;
    case XVCPU_ARM64_ELR_EL1: return XVCPU__A64_EL1_ELR_EL1;
    case XVCPU_ARM64_SPSR_EL1: return XVCPU__A64_EL1_SPSR_EL1;
    case XVCPU_ARM64_ESR_EL1: return XVCPU__A64_EL1_ESR_EL1;
    case XVCPU_ARM64_FAR_EL1: return XVCPU__A64_EL1_FAR_EL1;
    case XVCPU_ARM64_VBAR_EL1: return XVCPU__A64_EL1_VBAR_EL1;
    case XVCPU_ARM64_SCTLR_EL1: return XVCPU__A64_EL1_SCTLR_EL1;
    case XVCPU_ARM64_TCR_EL1: return XVCPU__A64_EL1_TCR_EL1;
    case XVCPU_ARM64_TTBR0_EL1: return XVCPU__A64_EL1_TTBR0_EL1;
    case XVCPU_ARM64_MAIR_EL1: return XVCPU__A64_EL1_MAIR_EL1;
    default: return -1;
    }
}

static bool xvcpu__a64_vcpu_ok(const xvcpu_vcpu *vcpu)
{
    return xvcpu__vcpu_live(vcpu) && vcpu->backend == xvcpu_arm64_backend();
}

XVCPU_DEF xvcpu_err xvcpu_arm64_get_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t *value)
{
    int slot;
    if (!xvcpu__a64_vcpu_ok(vcpu) || value == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "xvcpu_arm64_get_reg: vCPU %u is Running",
                           vcpu->id);
    if (reg <= XVCPU_ARM64_X30) {
        *value = vcpu->arch.arm64.ctx.x[reg];
    } else if (reg == XVCPU_ARM64_PC) {
        *value = vcpu->arch.arm64.ctx.pc + vcpu->rip_advance;
    } else if (reg == XVCPU_ARM64_PSTATE) {
        *value = vcpu->arch.arm64.ctx.pstate;
    } else if ((slot = xvcpu__a64_reg_slot(reg)) >= 0) {
        *value = xvcpu__a64_el1_get(vcpu, (unsigned)slot);
    } else {
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_get_reg: vCPU %u: no register %u", vcpu->id, reg);
    }
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value)
{
    int slot;
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state == XVCPU_STATE_RUNNING)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "xvcpu_arm64_set_reg: vCPU %u is Running",
                           vcpu->id);
    if (reg <= XVCPU_ARM64_X30) {
        vcpu->arch.arm64.ctx.x[reg] = value;
    } else if (reg == XVCPU_ARM64_PC) {
        if (value & 3u)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "xvcpu_arm64_set_reg: vCPU %u: PC %llx is not 4-byte aligned", vcpu->id,
                               (unsigned long long)value);
        vcpu->arch.arm64.ctx.pc = value;
        vcpu->rip_advance = 0;
    } else if (reg == XVCPU_ARM64_PSTATE) {
        vcpu->arch.arm64.ctx.pstate = value & ~XVCPU_SPSR_EL2_RES0;
    } else if ((slot = xvcpu__a64_reg_slot(reg)) >= 0) {
        xvcpu__a64_el1_set(vcpu, (unsigned)slot, value);
    } else {
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_set_reg: vCPU %u: no register %u", vcpu->id, reg);
    }
    return XVCPU_OK;
}

/* The neutral get/set: RIP is the PC, RFLAGS is PSTATE; the x86 registers do not exist here. */
static xvcpu_err xvcpu__a64_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    if (reg == XVCPU_REG_RIP)
        return xvcpu_arm64_get_reg(vcpu, XVCPU_ARM64_PC, value);
    if (reg == XVCPU_REG_RFLAGS)
        return xvcpu_arm64_get_reg(vcpu, XVCPU_ARM64_PSTATE, value);
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                       "xvcpu_vcpu_get_reg: vCPU %u: register %u is x86's; use xvcpu_arm64_get_reg", vcpu->id,
                       (unsigned)reg);
}

static xvcpu_err xvcpu__a64_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    if (reg == XVCPU_REG_RIP)
        return xvcpu_arm64_set_reg(vcpu, XVCPU_ARM64_PC, value);
    if (reg == XVCPU_REG_RFLAGS)
        return xvcpu_arm64_set_reg(vcpu, XVCPU_ARM64_PSTATE, value);
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                       "xvcpu_vcpu_set_reg: vCPU %u: register %u is x86's; use xvcpu_arm64_set_reg", vcpu->id,
                       (unsigned)reg);
}

/* Xn as an instruction reads it: 31 is XZR in loads/stores' data registers and MSR/MRS. */
static uint64_t xvcpu__a64_xreg(const xvcpu_vcpu *vcpu, unsigned n)
{
    return n < 31 ? vcpu->arch.arm64.ctx.x[n] : 0;
}

/* Write Xn (XZR discards); a W destination zero-extends (Arm ARM B1.2.1). */
static void xvcpu__a64_xreg_write(xvcpu_vcpu *vcpu, unsigned n, unsigned width, uint64_t value)
{
    if (n >= 31)
        return;
    vcpu->arch.arm64.ctx.x[n] = width == 4 ? (value & 0xFFFFFFFFull) : value;
}

/* --- injection --------------------------------------------------------------------------------- */

XVCPU_DEF xvcpu_err xvcpu_arm64_inject_sync(xvcpu_vcpu *vcpu, uint32_t esr, uint64_t far)
{
    xvcpu_arm64_vcpu *a;
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    a = &vcpu->arch.arm64;
    if (a->sync_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY,
                           "xvcpu_arm64_inject_sync: vCPU %u already has a synchronous exception pending", vcpu->id);
    a->sync_pending = true;
    a->sync_esr = esr;
    a->sync_far = far;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_inject_undef(xvcpu_vcpu *vcpu)
{
    return xvcpu_arm64_inject_sync(vcpu, XVCPU__A64_ESR_UNDEF, 0);
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_irq_line(xvcpu_vcpu *vcpu, bool asserted)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    vcpu->arch.arm64.virq = asserted;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_fiq_line(xvcpu_vcpu *vcpu, bool asserted)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    vcpu->arch.arm64.vfiq = asserted;
    return XVCPU_OK;
}

/* Exception entry to EL1 (Arm ARM D1.3.1): the vector group by where the guest was. */
static void xvcpu__a64_deliver_sync(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t spsr = a->ctx.pstate, mode = spsr & (XVCPU_SPSR_EL2_M_MASK | XVCPU_SPSR_EL2_M4);
    uint64_t from;
    if (spsr & XVCPU_SPSR_EL2_M4)
        from = XVCPU_ARM64_VECTOR_FROM_LOWER_A32;
    else if (mode == XVCPU_SPSR_EL2_M_EL0T)
        from = XVCPU_ARM64_VECTOR_FROM_LOWER_A64;
    else if (mode == XVCPU_SPSR_EL2_M_EL1H)
        from = XVCPU_ARM64_VECTOR_FROM_CUR_SPX;
    else
        from = XVCPU_ARM64_VECTOR_FROM_CUR_SP0;
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_ESR_EL1, a->sync_esr);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_FAR_EL1, a->sync_far);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_ELR_EL1, a->ctx.pc);
    xvcpu__a64_el1_set(vcpu, XVCPU__A64_EL1_SPSR_EL1, spsr);
    a->ctx.pc = xvcpu__a64_el1_get(vcpu, XVCPU__A64_EL1_VBAR_EL1) + from + XVCPU_ARM64_VECTOR_TYPE_SYNC;
    a->ctx.pstate = XVCPU__A64_PSTATE_EL1H_MASKED;
    a->sync_pending = false;
}

/* --- VMM settings -------------------------------------------------------------------------------- */

static bool xvcpu__a64_id_encoding(uint32_t sysreg)
{
    uint32_t crm = (sysreg >> 3) & 0xF;
    return (sysreg >> 7) == ((3u << 7) | 0u) && crm >= 1 && crm <= 7; /* op0 3, op1 0, CRn 0 */
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_id_reg(xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t value)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (!xvcpu__a64_id_encoding(sysreg))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_arm64_set_id_reg: vCPU %u: %x is not an ID register (op0 3, op1 0, CRn 0, CRm 1-7)",
                           vcpu->id, sysreg);
    vcpu->arch.arm64.id_regs[XVCPU_ARM64_ID_SLOT(sysreg)] = value;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_get_id_reg(const xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t *value)
{
    if (!xvcpu__a64_vcpu_ok(vcpu) || value == NULL || !xvcpu__a64_id_encoding(sysreg))
        return XVCPU_ERR_INVALID_ARG;
    *value = vcpu->arch.arm64.id_regs[XVCPU_ARM64_ID_SLOT(sysreg)];
    return XVCPU_OK;
}

static xvcpu_err xvcpu__a64_before_bind(xvcpu_vcpu *vcpu, const char *fn)
{
    if (!xvcpu__a64_vcpu_ok(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (vcpu->state != XVCPU_STATE_CREATED && vcpu->state != XVCPU_STATE_FREE)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE, "%s: vCPU %u is %s, needs Created or Free",
                           fn, vcpu->id, xvcpu_state_name(vcpu->state));
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_timer(xvcpu_vcpu *vcpu, uint64_t cntvoff, bool physical_counter,
                                          bool physical_timer)
{
    xvcpu_err err = xvcpu__a64_before_bind(vcpu, "xvcpu_arm64_set_timer");
    if (err != XVCPU_OK)
        return err;
    vcpu->arch.arm64.cntvoff = cntvoff;
    vcpu->arch.arm64.cnthctl = (physical_counter ? XVCPU_CNTHCTL_EL2_EL1PCTEN : 0) |
                               (physical_timer ? XVCPU_CNTHCTL_EL2_EL1PCEN : 0);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_set_mpidr(xvcpu_vcpu *vcpu, uint64_t mpidr)
{
    xvcpu_err err = xvcpu__a64_before_bind(vcpu, "xvcpu_arm64_set_mpidr");
    if (err != XVCPU_OK)
        return err;
    vcpu->arch.arm64.vmpidr = (mpidr & ~XVCPU_MPIDR_EL1_RES0) | XVCPU_MPIDR_EL1_RES1;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_arm64_stage2_init(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    if (s2 == NULL || !xvcpu__percpu_ok(cpu) || !cpu->enabled || cpu->backend != xvcpu_arm64_backend())
        return XVCPU_ERR_INVALID_ARG;
    return xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_ARM64, XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G, false);
}

/* ==== xvcpu/arm64/exits.c.h ==== */
/* arm64 exits: the run loop, ESR_EL2 decode into neutral exits, PSCI, trapped system registers,
 * MMIO (ISV = 1 from the syndrome, ISV = 0 from the instruction), completions. */

/* What a handler did. */
enum { XVCPU__A64_REENTER = 0, XVCPU__A64_EXIT = 1 };

/* --- PSCI (DEN0022) ---------------------------------------------------------------------------- */

static bool xvcpu__a64_psci_id(uint32_t fn)
{
    return (fn & 0xBFFFFFE0u) == 0x84000000u; /* 0x84000000-1F and 0xC4000000-1F: the PSCI range */
}

static bool xvcpu__a64_psci_supported(uint32_t fn)
{
    switch (fn) {
    case XVCPU_PSCI_FN_VERSION: case XVCPU_PSCI_FN_CPU_SUSPEND: case XVCPU_PSCI_FN_CPU_SUSPEND64:
    case XVCPU_PSCI_FN_CPU_OFF: case XVCPU_PSCI_FN_CPU_ON: case XVCPU_PSCI_FN_CPU_ON64:
    case XVCPU_PSCI_FN_AFFINITY_INFO: case XVCPU_PSCI_FN_AFFINITY_INFO64:
    case XVCPU_PSCI_FN_MIGRATE_INFO_TYPE: case XVCPU_PSCI_FN_SYSTEM_OFF: case XVCPU_PSCI_FN_SYSTEM_RESET:
    case XVCPU_PSCI_FN_FEATURES:
        return true;
    default:
        return false;
    }
}

static uint64_t xvcpu__a64_psci_err(unsigned code)
{
    return (uint64_t)0 - code; /* the negative return codes, sign-extended to X0 */
}

/* HVC or SMC (`smc`: the PC is still at the instruction). PSCI is answered here or becomes
 * CPU_UP/CPU_DOWN/SYSTEM_DOWN/HALT; another HVC is a HYPERCALL; another SMC gets SMCCC's
 * NOT_SUPPORTED: nothing ever reaches the firmware. */
static int xvcpu__a64_hvc_smc(xvcpu_vcpu *vcpu, xvcpu_exit *exit, bool smc)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t *x = a->ctx.x;
    uint32_t fn = (uint32_t)x[0];
    bool is64 = (fn & 0x40000000u) != 0;
    uint64_t arg_mask = is64 ? ~0ull : 0xFFFFFFFFull;
    uint8_t len = smc ? 4 : 0; /* HVC's preferred return is already the next instruction */
    vcpu->pending.insn_len = len;
    if (!xvcpu__a64_psci_id(fn)) {
        if (smc) {
            x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
            a->ctx.pc += 4;
            return XVCPU__A64_REENTER;
        }
        exit->kind = XVCPU_EXIT_HYPERCALL;
        exit->u.hypercall.nr = x[0];
        XVCPU_MEMCPY(exit->u.hypercall.args, &x[1], sizeof(exit->u.hypercall.args));
        return XVCPU__A64_EXIT;
    }
    exit->raw_qualification = fn;
    switch (fn) {
    case XVCPU_PSCI_FN_VERSION:
        x[0] = 0x10001; /* PSCI 1.1 */
        break;
    case XVCPU_PSCI_FN_FEATURES:
        x[0] = xvcpu__a64_psci_supported((uint32_t)x[1]) ? 0 : xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
        break;
    case XVCPU_PSCI_FN_MIGRATE_INFO_TYPE:
        x[0] = 2; /* no trusted OS to migrate */
        break;
    case XVCPU_PSCI_FN_CPU_ON:
    case XVCPU_PSCI_FN_CPU_ON64:
        exit->kind = XVCPU_EXIT_CPU_UP;
        exit->u.cpu_up.target_cpu = x[1] & arg_mask;
        exit->u.cpu_up.entry_point = x[2] & arg_mask;
        exit->u.cpu_up.arg = x[3] & arg_mask;
        x[0] = 0; /* SUCCESS unless the VMM says otherwise */
        return XVCPU__A64_EXIT;
    case XVCPU_PSCI_FN_CPU_OFF:
        exit->kind = XVCPU_EXIT_CPU_DOWN;
        exit->u.cpu_down.state = 0;
        return XVCPU__A64_EXIT;
    case XVCPU_PSCI_FN_SYSTEM_OFF:
    case XVCPU_PSCI_FN_SYSTEM_RESET:
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        a->down = true;
        return XVCPU__A64_EXIT;
    case XVCPU_PSCI_FN_CPU_SUSPEND:
    case XVCPU_PSCI_FN_CPU_SUSPEND64:
        exit->kind = XVCPU_EXIT_HALT; /* a standby: wait for an event like WFI */
        x[0] = 0;
        return XVCPU__A64_EXIT;
    case XVCPU_PSCI_FN_AFFINITY_INFO:
    case XVCPU_PSCI_FN_AFFINITY_INFO64:
        if ((x[2] & arg_mask) != 0) {
            x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_INVALID_PARAMETERS);
            break;
        }
        if (((x[1] & arg_mask) & 0xFF00FFFFFFull) == (a->vmpidr & 0xFF00FFFFFFull)) {
            x[0] = XVCPU_PSCI_AFFINITY_ON; /* itself: running */
            break;
        }
        /* another vCPU: only the VMM knows; it answers with xvcpu_complete_hypercall */
        exit->kind = XVCPU_EXIT_HYPERCALL;
        exit->u.hypercall.nr = fn;
        XVCPU_MEMCPY(exit->u.hypercall.args, &x[1], sizeof(exit->u.hypercall.args));
        return XVCPU__A64_EXIT;
    default:
        x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
        break;
    }
    a->ctx.pc += len;
    vcpu->pending.insn_len = 0;
    return XVCPU__A64_REENTER;
}

/* --- trapped MSR/MRS ------------------------------------------------------------------------------ */

/* An MSR the library performs itself (HCR_EL2.TVM traps these writes). */
static bool xvcpu__a64_tvm_write(uint32_t sysreg, uint64_t value)
{
    switch (sysreg) {
#define XVCPU__A64_TVM_CASE(name) case XVCPU_SYSREG_##name: XVCPU_A64_WRITE(name, value); return true;
        XVCPU_ARM64_TVM_SYSREGS(XVCPU__A64_TVM_CASE)
#undef XVCPU__A64_TVM_CASE
    default:
        return false;
    }
}

static int xvcpu__a64_sysreg(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint32_t iss)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint32_t sysreg = XVCPU_SYSREG_ENC(XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP0, iss),
                                       XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP1, iss),
                                       XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_CRN, iss),
                                       XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_CRM, iss),
                                       XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP2, iss));
    unsigned rt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_RT, iss);
    bool read = (iss & XVCPU_ISS_SYSREG_DIRECTION) != 0;
    uint64_t value = xvcpu__a64_xreg(vcpu, rt);
    vcpu->pending.insn_len = 4;
    if (xvcpu__a64_id_encoding(sysreg)) {
        if (!read) /* ID registers are read-only: MSR to one is undefined */
        {
            (void)xvcpu_arm64_inject_undef(vcpu);
            return XVCPU__A64_REENTER;
        }
        xvcpu__a64_xreg_write(vcpu, rt, 8, a->id_regs[XVCPU_ARM64_ID_SLOT(sysreg)]);
        a->ctx.pc += 4;
        return XVCPU__A64_REENTER;
    }
    if (!read && xvcpu__a64_tvm_write(sysreg, value)) {
        a->ctx.pc += 4;
        return XVCPU__A64_REENTER;
    }
    if (!read && sysreg == XVCPU_SYSREG_ICC_SGI1R_EL1) {
        exit->kind = XVCPU_EXIT_SEND_IPI;
        exit->u.send_ipi.target_cpu =
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF3, value) << 32) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF2, value) << 16) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF1, value) << 8) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_RS, value) * 16u);
        exit->u.send_ipi.target_cpu_aux = XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_TARGETLIST, value);
        exit->u.send_ipi.send_to_all = (value & XVCPU_ICC_SGI1R_EL1_IRM) != 0;
        exit->u.send_ipi.send_to_self = false;
        exit->u.send_ipi.vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_INTID, value);
        return XVCPU__A64_EXIT;
    }
    if (read) {
        exit->kind = XVCPU_EXIT_SYSREG_READ;
        exit->u.sysreg_read.addr = sysreg;
        exit->u.sysreg_read.reg = (uint8_t)rt;
    } else {
        exit->kind = XVCPU_EXIT_SYSREG_WRITE;
        exit->u.sysreg_write.addr = sysreg;
        exit->u.sysreg_write.value = value;
    }
    return XVCPU__A64_EXIT;
}

/* --- data aborts and MMIO -------------------------------------------------------------------------- */

/* The faulting IPA: page from HPFAR_EL2, offset from FAR_EL2 (Arm ARM D19.2.52). */
static uint64_t xvcpu__a64_fault_ipa(uint64_t hpfar, uint64_t far)
{
    return (XVCPU_FIELD_GET(XVCPU_HPFAR_EL2_FIPA, hpfar) << 12) | (far & 0xFFFu);
}

static void xvcpu__a64_unsupported(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t ipa, uint32_t access, const char *why,
                                   bool have_insn, uint32_t insn)
{
    exit->kind = XVCPU_EXIT_MMIO_UNSUPPORTED;
    exit->u.mmio_unsupported.addr = ipa;
    exit->u.mmio_unsupported.insn_len = 4; /* every A64 instruction: xvcpu_complete() skips it */
    exit->u.mmio_unsupported.access = access;
    exit->u.mmio_unsupported.why = why;
    vcpu->pending.insn_len = 4;
    if (have_insn) {
        exit->u.mmio_unsupported.fetched = 4;
        exit->u.mmio_unsupported.bytes[0] = (uint8_t)insn;
        exit->u.mmio_unsupported.bytes[1] = (uint8_t)(insn >> 8);
        exit->u.mmio_unsupported.bytes[2] = (uint8_t)(insn >> 16);
        exit->u.mmio_unsupported.bytes[3] = (uint8_t)(insn >> 24);
    }
}

/* The guest's instruction at its PC, through its stage-1 tables (AT S1E1R) and stage 2. */
static bool xvcpu__a64_fetch(xvcpu_vcpu *vcpu, uint32_t *insn)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t pc = a->ctx.pc, par, ipa, hpa;
    uint32_t perms;
    const uint8_t *p;
    if (xvcpu__a64_el1_get(vcpu, XVCPU__A64_EL1_SCTLR_EL1) & XVCPU_SCTLR_EL1_EE)
        return false; /* big-endian guests are not decoded */
    par = XVCPU_A64_AT_S1E1R(pc);
    if (par & XVCPU_PAR_EL1_OK_F)
        return false;
    ipa = (par & XVCPU_PAR_EL1_OK_PA_MASK) | (pc & 0xFFFu);
    if (xvcpu_stage2_translate(a->stage2, ipa, &hpa, &perms, NULL) != XVCPU_OK || !(perms & XVCPU_ACCESS_READ))
        return false;
    p = (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa);
    if (p == NULL)
        return false;
    *insn = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return true;
}

/* A decoded A64 load/store (Arm ARM C4.1.66), the forms the ISV = 0 path emulates. */
typedef struct xvcpu__a64_ldst {
    bool load, pair, sign;
    unsigned size;        /* bytes per register */
    unsigned reg_width;   /* 4 (W) or 8 (X) destination */
    unsigned rt, rt2, rn;
    int writeback;        /* 0 none, 1 pre-index, 2 post-index */
    int64_t imm;          /* byte offset of immediate forms */
} xvcpu__a64_ldst;

static int64_t xvcpu__a64_sext(uint64_t v, unsigned bits)
{
    uint64_t m = 1ull << (bits - 1);
    return (int64_t)((v ^ m) - m);
}

/* NULL when `insn` is a supported general-register load/store, else why not. */
static const char *xvcpu__a64_decode_ldst(uint32_t insn, xvcpu__a64_ldst *d)
{
    XVCPU_MEMSET(d, 0, sizeof(*d));
    d->rt = insn & 31;
    d->rn = (insn >> 5) & 31;
    d->rt2 = (insn >> 10) & 31;
    if ((insn & 0x3A000000u) == 0x28000000u) { /* load/store pair: opc 101 V 0 type L imm7 */
        unsigned opc = insn >> 30, type = (insn >> 23) & 3;
        if (insn & (1u << 26))
            return "SIMD/FP register pair";
        d->pair = true;
        d->load = (insn >> 22) & 1;
        if (opc == 0) {
            d->size = 4;
            d->reg_width = 4;
        } else if (opc == 1 && d->load) {
            d->size = 4; /* LDPSW */
            d->reg_width = 8;
            d->sign = true;
        } else if (opc == 2) {
            d->size = 8;
            d->reg_width = 8;
        } else {
            return "unallocated or tagged pair";
        }
        d->imm = xvcpu__a64_sext((insn >> 15) & 0x7F, 7) * (int64_t)d->size;
        d->writeback = type == 1 ? 2 : type == 3 ? 1 : 0;
        if (d->load && d->rt == d->rt2)
            return "load pair into one register (unpredictable)";
        if (d->writeback && d->rn != 31 && (d->rn == d->rt || d->rn == d->rt2))
            return "pair with writeback into a data register (unpredictable)";
        return NULL;
    }
    if ((insn & 0x3B000000u) == 0x39000000u || (insn & 0x3B200000u) == 0x38000000u ||
        (insn & 0x3B200C00u) == 0x38200800u) { /* single register: unsigned imm, imm9 forms, reg offset */
        unsigned size = insn >> 30, opc = (insn >> 22) & 3;
        if (insn & (1u << 26))
            return "SIMD/FP register";
        if ((insn & 0x3B000000u) == 0x39000000u) {
            d->imm = (int64_t)(((insn >> 10) & 0xFFF) << size);
        } else if ((insn & 0x3B200000u) == 0x38000000u) {
            unsigned kind = (insn >> 10) & 3; /* 0 unscaled, 1 post, 2 unprivileged, 3 pre */
            d->imm = xvcpu__a64_sext((insn >> 12) & 0x1FF, 9);
            d->writeback = kind == 1 ? 2 : kind == 3 ? 1 : 0;
        }
        d->size = 1u << size;
        switch (opc) {
        case 0: d->reg_width = size == 3 ? 8 : 4; break;
        case 1: d->load = true; d->reg_width = size == 3 ? 8 : 4; break;
        case 2:
            if (size == 3)
                return "prefetch (PRFM)";
            d->load = true; /* LDRSB/LDRSH/LDRSW to X */ d->sign = true; d->reg_width = 8;
            break;
        default:
            if (size >= 2)
                return "unallocated load/store";
            d->load = true; d->sign = true; d->reg_width = 4;
            break;
        }
        if (d->writeback && d->rn != 31 && d->rn == d->rt && d->load)
            return "load with writeback into its base register (unpredictable)";
        return NULL;
    }
    if ((insn & 0x3F000000u) == 0x08000000u)
        return "exclusive or acquire/release load/store";
    if ((insn & 0x3B200C00u) == 0x38200000u)
        return "atomic memory operation";
    return "not a load or store the library emulates";
}

/* The base register of a load/store: 31 is the stack pointer of the guest's mode. */
static unsigned xvcpu__a64_sp_slot(const xvcpu_vcpu *vcpu)
{
    return (vcpu->arch.arm64.ctx.pstate & XVCPU_SPSR_EL2_M_MASK) == XVCPU_SPSR_EL2_M_EL1H ? XVCPU__A64_EL1_SP_EL1
                                                                                             : XVCPU__A64_EL1_SP_EL0;
}

static uint64_t xvcpu__a64_base(xvcpu_vcpu *vcpu, unsigned rn)
{
    return rn == 31 ? xvcpu__a64_el1_get(vcpu, xvcpu__a64_sp_slot(vcpu)) : vcpu->arch.arm64.ctx.x[rn];
}

static void xvcpu__a64_set_base(xvcpu_vcpu *vcpu, unsigned rn, uint64_t value)
{
    if (rn == 31)
        xvcpu__a64_el1_set(vcpu, xvcpu__a64_sp_slot(vcpu), value);
    else
        vcpu->arch.arm64.ctx.x[rn] = value;
}

static uint64_t xvcpu__a64_width_mask(unsigned bytes)
{
    return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* One MMIO access as the exit for the VMM. */
static void xvcpu__a64_mmio_exit(xvcpu_exit *exit, uint64_t ipa, bool write, unsigned size, unsigned reg,
                                 unsigned reg_width, bool sign, uint64_t data)
{
    if (write) {
        exit->kind = XVCPU_EXIT_MMIO_WRITE;
        exit->u.mmio_write.addr = ipa;
        exit->u.mmio_write.width = (uint8_t)size;
        exit->u.mmio_write.data = data & xvcpu__a64_width_mask(size);
    } else {
        exit->kind = XVCPU_EXIT_MMIO_READ;
        exit->u.mmio_read.addr = ipa;
        exit->u.mmio_read.width = (uint8_t)size;
        exit->u.mmio_read.reg = (uint8_t)reg;
        exit->u.mmio_read.reg_width = (uint8_t)reg_width;
        exit->u.mmio_read.signed_ext = sign;
    }
}

/* The next access of an ISV = 0 pair (step 0 or 1); no guest entry between the two. */
static void xvcpu__a64_pair_exit(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu__a64_ldst d;
    unsigned k = a->pair_step;
    (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
    xvcpu__a64_mmio_exit(exit, a->pair_addr + k * d.size, !d.load, d.size, k ? d.rt2 : d.rt, d.reg_width, d.sign,
                         xvcpu__a64_xreg(vcpu, k ? d.rt2 : d.rt));
    exit->raw_reason = XVCPU_ARM64_EC_DABT_LOW;
    exit->raw_reason_name = xvcpu_arm64_ec_name(XVCPU_ARM64_EC_DABT_LOW);
    exit->raw_info2 = a->pair_addr + k * d.size;
    vcpu->pending.insn_len = k == 1 ? 4 : 0;
}

/* The writeback of pre/post-indexed forms, done with the access's completion. */
static void xvcpu__a64_writeback(xvcpu_vcpu *vcpu, const xvcpu__a64_ldst *d)
{
    if (d->writeback)
        xvcpu__a64_set_base(vcpu, d->rn, xvcpu__a64_base(vcpu, d->rn) + (uint64_t)d->imm);
}

/* ISV = 0: decode the instruction and emulate it over MMIO exits. */
static int xvcpu__a64_mmio_decode(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t ipa, uint64_t far, bool wnr)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint32_t insn = 0, access = wnr ? XVCPU_ACCESS_WRITE : XVCPU_ACCESS_READ;
    xvcpu__a64_ldst d;
    const char *why;
    if (!xvcpu__a64_fetch(vcpu, &insn)) {
        xvcpu__a64_unsupported(vcpu, exit, ipa, access, "the instruction could not be fetched", false, 0);
        return XVCPU__A64_EXIT;
    }
    why = xvcpu__a64_decode_ldst(insn, &d);
    if (why == NULL && d.load == wnr)
        why = "the instruction does not match the fault's direction";
    if (why != NULL) {
        xvcpu__a64_unsupported(vcpu, exit, ipa, access, why, true, insn);
        return XVCPU__A64_EXIT;
    }
    vcpu->pending.insn_len = 4;
    if (!d.pair) {
        xvcpu__a64_mmio_exit(exit, ipa, !d.load, d.size, d.rt, d.reg_width, d.sign, xvcpu__a64_xreg(vcpu, d.rt));
        a->pair_insn = insn; /* remembered for the writeback at completion */
        a->pair_active = false;
        a->pair_step = 2;
        return XVCPU__A64_EXIT;
    } else {
        /* both elements from the base: they must lie in the faulting page, both in MMIO */
        uint64_t va0 = xvcpu__a64_base(vcpu, d.rn) + (d.writeback == 2 ? 0 : (uint64_t)d.imm);
        uint64_t ipa0 = (ipa & ~0xFFFull) | (va0 & 0xFFFu);
        if ((va0 & ~0xFFFull) != (far & ~0xFFFull) || ((va0 + 2 * d.size - 1) & ~0xFFFull) != (va0 & ~0xFFFull) ||
            !xvcpu__in_mmio_region(vcpu, ipa0) || !xvcpu__in_mmio_region(vcpu, ipa0 + d.size)) {
            xvcpu__a64_unsupported(vcpu, exit, ipa, access, "pair crosses a page or leaves the MMIO region", true, insn);
            return XVCPU__A64_EXIT;
        }
        a->pair_active = true;
        a->pair_step = 0;
        a->pair_insn = insn;
        a->pair_addr = ipa0;
        xvcpu__a64_pair_exit(vcpu, exit);
        return XVCPU__A64_EXIT;
    }
}

static int xvcpu__a64_abort(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint32_t ec, uint32_t iss, uint64_t far,
                            uint64_t hpfar)
{
    vcpu->arch.arm64.fault_va = far;
    bool data = ec == XVCPU_ARM64_EC_DABT_LOW, fnv = (iss & XVCPU_ISS_DABT_FNV) != 0;
    bool wnr = data && (iss & XVCPU_ISS_DABT_WNR) != 0;
    uint64_t ipa = fnv ? XVCPU_FIELD_GET(XVCPU_HPFAR_EL2_FIPA, hpfar) << 12 : xvcpu__a64_fault_ipa(hpfar, far);
    uint32_t access = !data ? XVCPU_ACCESS_EXEC : wnr ? XVCPU_ACCESS_WRITE : XVCPU_ACCESS_READ;
    exit->raw_info2 = ipa;
    vcpu->pending.insn_len = 0;
    /* a fault on the guest's own table walk is about that table, never the instruction's access */
    if (iss & XVCPU_ISS_DABT_S1PTW)
        access = XVCPU_ACCESS_READ;
    else if (data && vcpu->mmio_count != 0 && xvcpu__in_mmio_region(vcpu, ipa)) {
        unsigned size, srt, reg_width;
        if (fnv) {
            xvcpu__a64_unsupported(vcpu, exit, ipa, access, "FAR_EL2 not valid for this abort", false, 0);
            return XVCPU__A64_EXIT;
        }
        if (!(iss & XVCPU_ISS_DABT_ISV))
            return xvcpu__a64_mmio_decode(vcpu, exit, ipa, far, wnr);
        size = 1u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss);
        srt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_DABT_SRT, iss);
        reg_width = (iss & XVCPU_ISS_DABT_SF) ? 8 : 4;
        xvcpu__a64_mmio_exit(exit, ipa, wnr, size, srt, reg_width, (iss & XVCPU_ISS_DABT_SSE) != 0,
                             xvcpu__a64_xreg(vcpu, srt));
        vcpu->arch.arm64.pair_step = 3; /* ISV = 1: no writeback to do */
        vcpu->pending.insn_len = 4;
        return XVCPU__A64_EXIT;
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = ipa;
    exit->u.nested_page_fault.access = access;
    exit->u.nested_page_fault.linear_valid = !fnv && !(iss & XVCPU_ISS_DABT_S1PTW);
    exit->u.nested_page_fault.linear = exit->u.nested_page_fault.linear_valid ? far : 0;
    return XVCPU__A64_EXIT;
}

/* --- the run loop ---------------------------------------------------------------------------------- */

/* Whatever the stage-2 tables lost since this VMID's TLB entries were last made consistent:
 * by IPA when few pages changed, else the whole VMID (Arm ARM D8.16). */
static void xvcpu__a64_tlb_maintain(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu_arm64_caps *c = &vcpu->cpu->caps.arm64;
    const xvcpu_stage2 *s2 = a->stage2;
    if (c->flush_all_pending) {
        XVCPU_A64_TLBI_ALLE1IS();
        c->flush_all_pending = false;
    } else if (a->flush_pending || s2->generation - a->stage2_generation > XVCPU_STAGE2_LOST_LOG) {
        XVCPU_A64_TLBI_VMALLS12E1IS();
    } else if (s2->generation != a->stage2_generation) {
        uint64_t g, pages = 0;
        for (g = a->stage2_generation + 1; g <= s2->generation; g++)
            pages += s2->lost[g % XVCPU_STAGE2_LOST_LOG].size >> 12;
        if (pages > 64) {
            XVCPU_A64_TLBI_VMALLS12E1IS();
        } else {
            for (g = a->stage2_generation + 1; g <= s2->generation; g++) {
                uint64_t at = s2->lost[g % XVCPU_STAGE2_LOST_LOG].gpa;
                uint64_t end = at + s2->lost[g % XVCPU_STAGE2_LOST_LOG].size;
                for (; at < end; at += 4096)
                    XVCPU_A64_TLBI_IPAS2E1IS(at);
            }
            XVCPU_A64_TLBI_VMALLE1IS(); /* combined stage-1+2 entries may hold the old IPA's */
        }
    }
    a->flush_pending = false;
    a->stage2_generation = s2->generation;
}

/* An ISV = 0 single access whose exit was closed without advancing the PC (retry) has not
 * happened: nothing to write back. One that was completed writes its base register back. */
static void xvcpu__a64_settle_access(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (a->pair_step == 2 && vcpu->rip_advance == 4) {
        xvcpu__a64_ldst d;
        (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
        xvcpu__a64_writeback(vcpu, &d);
    }
    a->pair_step = 0;
}

static xvcpu_err xvcpu__a64_run_loop(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (a->down) {
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU_OK;
    }
    if (a->pair_active) { /* an ISV = 0 pair between its two accesses */
        xvcpu__a64_ldst d;
        (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
        if (d.load ? a->pair_step == 1 : (a->pair_step == 0 && vcpu->rip_advance == 0)) {
            a->pair_step = 1; /* the first access is done: the second, without entering the guest */
            xvcpu__a64_pair_exit(vcpu, exit);
            return XVCPU_OK;
        }
        if (!d.load && a->pair_step == 1 && vcpu->rip_advance == 4)
            xvcpu__a64_writeback(vcpu, &d); /* the store pair is complete */
        a->pair_active = false; /* else it was retried: the instruction runs again */
        a->pair_step = 0;
    }
    xvcpu__a64_settle_access(vcpu);
    for (;;) {
        uint64_t esr, hcr;
        uint32_t ec, iss;
        int kind, r;
        a->ctx.pc += vcpu->rip_advance;
        vcpu->rip_advance = 0;
        if (a->sync_pending)
            xvcpu__a64_deliver_sync(vcpu);
        hcr = a->hcr | (a->virq ? XVCPU_HCR_EL2_VI : 0) | (a->vfiq ? XVCPU_HCR_EL2_VF : 0);
        XVCPU_A64_WRITE(HCR_EL2, hcr);
        if (a->flush_pending || vcpu->cpu->caps.arm64.flush_all_pending || a->stage2->generation != a->stage2_generation)
            xvcpu__a64_tlb_maintain(vcpu);
        kind = XVCPU_A64_ENTER(&a->ctx);
        if (kind == XVCPU_ARM64_ENTER_IRQ || kind == XVCPU_ARM64_ENTER_FIQ) {
            exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
            exit->u.external_interrupt.vector = kind == XVCPU_ARM64_ENTER_FIQ ? 1 : 0;
            exit->raw_reason = kind == XVCPU_ARM64_ENTER_FIQ ? XVCPU_ARM64_REASON_FIQ : XVCPU_ARM64_REASON_IRQ;
            exit->raw_reason_name = kind == XVCPU_ARM64_ENTER_FIQ ? "FIQ" : "IRQ";
            vcpu->exit_stats[exit->raw_reason]++;
            vcpu->pending.insn_len = 0;
            return XVCPU_OK;
        }
        if (kind != XVCPU_ARM64_ENTER_SYNC && kind != XVCPU_ARM64_ENTER_SERROR)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                               "xvcpu_vcpu_run: vCPU %u: the guest could not be entered (%d)", vcpu->id, kind);
        esr = XVCPU_A64_READ(ESR_EL2);
        if (kind == XVCPU_ARM64_ENTER_SERROR) {
            /* an SError while the guest ran: the VMM decides (xvcpu_arm64_inject_sync, or stop) */
            exit->kind = XVCPU_EXIT_UNHANDLED;
            exit->raw_reason = XVCPU_ARM64_REASON_SERROR;
            exit->raw_reason_name = "SERROR";
            exit->raw_qualification = esr;
            vcpu->exit_stats[XVCPU_ARM64_REASON_SERROR]++;
            vcpu->pending.insn_len = 0;
            return XVCPU_OK;
        }
        ec = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_EC, esr);
        iss = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_ISS, esr);
        vcpu->exit_stats[ec]++;
        exit->raw_reason = ec;
        exit->raw_reason_name = xvcpu_arm64_ec_name(ec);
        exit->raw_qualification = esr;
        switch (ec) {
        case XVCPU_ARM64_EC_HVC64:
            r = xvcpu__a64_hvc_smc(vcpu, exit, false);
            break;
        case XVCPU_ARM64_EC_SMC64:
            r = xvcpu__a64_hvc_smc(vcpu, exit, true);
            break;
        case XVCPU_ARM64_EC_SYSREG:
            r = xvcpu__a64_sysreg(vcpu, exit, iss);
            break;
        case XVCPU_ARM64_EC_DABT_LOW:
        case XVCPU_ARM64_EC_IABT_LOW:
            r = xvcpu__a64_abort(vcpu, exit, ec, iss, XVCPU_A64_READ(FAR_EL2), XVCPU_A64_READ(HPFAR_EL2));
            break;
        case XVCPU_ARM64_EC_WFX:
            if (XVCPU_FIELD_GET(XVCPU_ISS_WFX_TI, iss) == XVCPU_ISS_WFX_TI_WFI ||
                XVCPU_FIELD_GET(XVCPU_ISS_WFX_TI, iss) == XVCPU_ISS_WFX_TI_WFIT) {
                exit->kind = XVCPU_EXIT_HALT;
                vcpu->pending.insn_len = 4;
                r = XVCPU__A64_EXIT;
            } else {
                a->ctx.pc += 4; /* WFE: a hint; just go on */
                r = XVCPU__A64_REENTER;
            }
            break;
        default:
            /* the architectural answer for the guest, a clear exit for the VMM */
            a->sync_pending = false;
            (void)xvcpu_arm64_inject_undef(vcpu);
            exit->kind = XVCPU_EXIT_UNHANDLED;
            vcpu->pending.insn_len = 0;
            r = XVCPU__A64_EXIT;
            break;
        }
        if (r == XVCPU__A64_EXIT)
            return XVCPU_OK;
        /* handled: only the raw fields were written (each exit sets them again), no clearing */
    }
}

/* The library's vectors are in VBAR_EL2 only while the guest may run: the host's own take every
 * exception the host itself causes at EL2, before and after. */
static xvcpu_err xvcpu__a64_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_caps *c = &vcpu->cpu->caps.arm64;
    xvcpu_err err;
    c->host_vbar = XVCPU_A64_READ(VBAR_EL2);
    XVCPU_A64_WRITE(VBAR_EL2, XVCPU_A64_VECTORS());
    XVCPU_A64_ISB();
    err = xvcpu__a64_run_loop(vcpu, exit);
    XVCPU_A64_WRITE(VBAR_EL2, c->host_vbar);
    XVCPU_A64_ISB();
    return err;
}

/* --- completions (xvcpu_backend.arch_complete) ----------------------------------------------------- */

static void xvcpu__a64_close(xvcpu_vcpu *vcpu)
{
    vcpu->rip_advance += vcpu->pending.insn_len;
    vcpu->pending.open = false;
}

static uint64_t xvcpu__a64_extend(uint64_t value, unsigned size, bool sign)
{
    uint64_t mask = xvcpu__a64_width_mask(size);
    value &= mask;
    if (sign && size < 8 && (value >> (8 * size - 1)) != 0)
        value |= ~mask;
    return value;
}

static xvcpu_err xvcpu__a64_complete(xvcpu_vcpu *vcpu, xvcpu_exit_kind kind, uint64_t value)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    const xvcpu_exit *e = &vcpu->pending.exit;
    switch (kind) {
    case XVCPU_EXIT_MMIO_READ:
        if (a->pair_active) {
            xvcpu__a64_ldst d;
            (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
            a->pair_value[a->pair_step] = value;
            if (a->pair_step == 0) { /* the second load next, without entering the guest */
                a->pair_step = 1;
                vcpu->pending.open = false;
                return XVCPU_OK;
            }
            xvcpu__a64_xreg_write(vcpu, d.rt, d.reg_width, xvcpu__a64_extend(a->pair_value[0], d.size, d.sign));
            xvcpu__a64_xreg_write(vcpu, d.rt2, d.reg_width, xvcpu__a64_extend(a->pair_value[1], d.size, d.sign));
            xvcpu__a64_writeback(vcpu, &d);
            a->pair_active = false;
            a->pair_step = 0;
            xvcpu__a64_close(vcpu);
            return XVCPU_OK;
        }
        xvcpu__a64_xreg_write(vcpu, e->u.mmio_read.reg, e->u.mmio_read.reg_width,
                              xvcpu__a64_extend(value, e->u.mmio_read.width, e->u.mmio_read.signed_ext));
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    case XVCPU_EXIT_SYSREG_READ:
        xvcpu__a64_xreg_write(vcpu, e->u.sysreg_read.reg, 8, value);
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    case XVCPU_EXIT_HYPERCALL:
        a->ctx.x[0] = value;
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    default: { /* xvcpu_complete_fault: a synchronous exception of class `vector` at the instruction */
        uint32_t ec = (uint32_t)(value >> 32) & 0x3F, iss = (uint32_t)value & 0x1FFFFFF;
        uint64_t far = a->fault_va;
        xvcpu_err err;
        if (vcpu->pending.insn_len == 0 && !a->pair_active && e->kind != XVCPU_EXIT_MMIO_UNSUPPORTED &&
            e->kind != XVCPU_EXIT_NESTED_PAGE_FAULT)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                               "xvcpu_complete_fault: vCPU %u: the %s exit is not an instruction that can fault",
                               vcpu->id, xvcpu_exit_kind_name(e->kind));
        if (e->kind == XVCPU_EXIT_NESTED_PAGE_FAULT)
            far = e->u.nested_page_fault.linear; /* the guest's VA (0 when FAR_EL2 was not valid) */
        else if (a->pair_active || a->pair_step == 2 || a->pair_step == 3)
            far = a->fault_va; /* the VA of the MMIO access */
        err = xvcpu_arm64_inject_sync(vcpu, (ec << 26) | XVCPU_ESR_EL2_IL | iss, far);
        if (err == XVCPU_OK) {
            a->pair_active = false;
            a->pair_step = 0;
            vcpu->pending.open = false; /* the PC stays at the instruction: ELR_EL1 points at it */
        }
        return err;
    }
    }
}

static const xvcpu_backend xvcpu__a64_backend_ops = {
    "arm64",
    xvcpu__a64_percpu_enable,
    xvcpu__a64_percpu_disable,
    xvcpu__a64_vcpu_create,
    xvcpu__a64_vcpu_setup,
    xvcpu__a64_vcpu_bind,
    xvcpu__a64_vcpu_unbind,
    xvcpu__a64_vcpu_run,
    xvcpu__a64_vcpu_destroy,
    xvcpu__a64_get_reg,
    xvcpu__a64_set_reg,
    xvcpu__a64_complete,
};

XVCPU_DEF const xvcpu_backend *xvcpu_arm64_backend(void)
{
    return &xvcpu__a64_backend_ops;
}

/* ==== xvcpu/core/stage2.c.h ==== */
/* Stage-2 tables (EPT / NPT). One range walker does the work of map, unmap, protect and the
 * checks before them; every change is checked (and its memory set aside) before anything is
 * written, so a refused or failed call leaves the tables as they were. Invariant: no table but
 * the root is ever left empty. */

#define XVCPU__STAGE2_MAGIC 0x78733274u /* "xs2t" */
/* 4-level walks over 4 KiB tables of 512 entries (SDM Vol. 3C 29.3.2, APM Vol. 2 5.3). */
#define XVCPU__S2_PAGE_SHIFT 12
#define XVCPU__S2_LEVEL_BITS 9
#define XVCPU__S2_LEVELS 4
#define XVCPU__S2_ENTRIES (1u << XVCPU__S2_LEVEL_BITS)
#define XVCPU__S2_PAGE_SIZE (1ull << XVCPU__S2_PAGE_SHIFT)
#define XVCPU__S2_TOP xvcpu__s2_size(XVCPU__S2_LEVELS) /* 2^48: the guest-physical space */
#define XVCPU__S2_MAX_SPLITS 4 /* 1G -> 2M -> 4K at each end of a range */

/* Bytes one entry at `level` covers: 4K at 0 (PT), 2M at 1 (PD), 1G at 2 (PDPT), 512G at 3. */
static uint64_t xvcpu__s2_size(int level)
{
    return 1ull << (XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * level);
}

static bool xvcpu__s2_ok(const xvcpu_stage2 *s2)
{
    return s2 != NULL && s2->magic == XVCPU__STAGE2_MAGIC;
}

/* --- the entry formats ----------------------------------------------------------------------- */

static bool xvcpu__s2_ept(const xvcpu_stage2 *s2)
{
    return s2->format == XVCPU_STAGE2_EPT;
}

/* VMSAv8-64 stage 2 (Arm ARM D8.3): the builder's level 0 is the Arm level 3. */
static bool xvcpu__s2_arm(const xvcpu_stage2 *s2)
{
    return s2->format == XVCPU_STAGE2_ARM64;
}

static uint64_t xvcpu__s2_addr_mask(const xvcpu_stage2 *s2)
{
    if (xvcpu__s2_arm(s2))
        return XVCPU_S2_DESC_ADDRESS_MASK;
    return xvcpu__s2_ept(s2) ? XVCPU_EPT_ENTRY_ADDRESS_MASK : XVCPU_PTE_ADDRESS_MASK;
}

/* The bit that tells a leaf from a table pointer: x86 sets the large-page bit in large leaves;
 * Arm clears its table bit in blocks and sets it in pages and tables. */
static uint64_t xvcpu__s2_large_bit(const xvcpu_stage2 *s2)
{
    if (xvcpu__s2_arm(s2))
        return XVCPU_S2_DESC_TABLE;
    return xvcpu__s2_ept(s2) ? XVCPU_EPT_ENTRY_LARGE_PAGE : XVCPU_PTE_PS_PAT;
}

/* That bit's value in a leaf at `level`. */
static uint64_t xvcpu__s2_leaf_kind(const xvcpu_stage2 *s2, int level)
{
    if (xvcpu__s2_arm(s2))
        return level == 0 ? XVCPU_S2_DESC_TABLE : 0;
    return level > 0 ? xvcpu__s2_large_bit(s2) : 0;
}

/* EPT has no present bit: an entry with none of R/W/X is not present (SDM Vol. 3C 29.3.2). */
static bool xvcpu__s2_present(const xvcpu_stage2 *s2, uint64_t e)
{
    if (xvcpu__s2_ept(s2))
        return (e & (XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE)) != 0;
    if (xvcpu__s2_arm(s2))
        return (e & XVCPU_S2_DESC_VALID) != 0;
    return (e & XVCPU_PTE_P) != 0;
}

static bool xvcpu__s2_leaf(const xvcpu_stage2 *s2, uint64_t e, int level)
{
    if (xvcpu__s2_arm(s2))
        return level == 0 || (e & XVCPU_S2_DESC_TABLE) == 0;
    return level == 0 || (e & xvcpu__s2_large_bit(s2)) != 0;
}

/* A pointer to a lower table allows everything; the leaf decides. */
static uint64_t xvcpu__s2_table_entry(const xvcpu_stage2 *s2, uint64_t phys)
{
    if (xvcpu__s2_ept(s2))
        return phys | XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE;
    if (xvcpu__s2_arm(s2))
        return phys | XVCPU_S2_DESC_VALID | XVCPU_S2_DESC_TABLE;
    return phys | XVCPU_PTE_P | XVCPU_PTE_RW | XVCPU_PTE_US;
}

/* The bits of a leaf that carry permissions, and their values for `perms`. */
static uint64_t xvcpu__s2_perm_mask(const xvcpu_stage2 *s2)
{
    if (xvcpu__s2_ept(s2))
        return XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE;
    if (xvcpu__s2_arm(s2))
        return XVCPU_S2_DESC_S2AP_MASK | XVCPU_S2_DESC_XN;
    return XVCPU_PTE_P | XVCPU_PTE_RW | XVCPU_PTE_US | XVCPU_PTE_XD;
}

static uint64_t xvcpu__s2_perm_bits(const xvcpu_stage2 *s2, uint32_t perms)
{
    if (xvcpu__s2_ept(s2))
        return (perms & XVCPU_ACCESS_READ ? XVCPU_EPT_ENTRY_READ : 0) |
               (perms & XVCPU_ACCESS_WRITE ? XVCPU_EPT_ENTRY_WRITE : 0) |
               (perms & XVCPU_ACCESS_EXEC ? XVCPU_EPT_ENTRY_EXECUTE : 0);
    if (xvcpu__s2_arm(s2)) /* the access flag set: the library never takes access-flag faults */
        return XVCPU_S2_DESC_VALID | XVCPU_S2_DESC_AF |
               XVCPU_FIELD_SET(XVCPU_S2_DESC_S2AP, 0, (perms & XVCPU_ACCESS_READ ? 1u : 0u) |
                                                     (perms & XVCPU_ACCESS_WRITE ? 2u : 0u)) |
               (perms & XVCPU_ACCESS_EXEC ? 0 : XVCPU_S2_DESC_XN);
    /* nested walks are user accesses (APM Vol. 2 15.25.5), so U/S is always set */
    return XVCPU_PTE_P | XVCPU_PTE_US | (perms & XVCPU_ACCESS_WRITE ? XVCPU_PTE_RW : 0) |
           (perms & XVCPU_ACCESS_EXEC ? 0 : XVCPU_PTE_XD);
}

static uint32_t xvcpu__s2_perms_of(const xvcpu_stage2 *s2, uint64_t e)
{
    if (xvcpu__s2_ept(s2))
        return (e & XVCPU_EPT_ENTRY_READ ? XVCPU_ACCESS_READ : 0u) |
               (e & XVCPU_EPT_ENTRY_WRITE ? XVCPU_ACCESS_WRITE : 0u) |
               (e & XVCPU_EPT_ENTRY_EXECUTE ? XVCPU_ACCESS_EXEC : 0u);
    if (xvcpu__s2_arm(s2))
        return (XVCPU_FIELD_GET(XVCPU_S2_DESC_S2AP, e) & 1u ? XVCPU_ACCESS_READ : 0u) |
               (XVCPU_FIELD_GET(XVCPU_S2_DESC_S2AP, e) & 2u ? XVCPU_ACCESS_WRITE : 0u) |
               (e & XVCPU_S2_DESC_XN ? 0u : XVCPU_ACCESS_EXEC);
    return XVCPU_ACCESS_READ | (e & XVCPU_PTE_RW ? XVCPU_ACCESS_WRITE : 0u) |
           (e & XVCPU_PTE_XD ? 0u : XVCPU_ACCESS_EXEC);
}

/* Memory-type bits of a leaf; NPT goes through the power-on PAT (entry 0 WB, 1 WT, 3 UC). */
static uint64_t xvcpu__s2_memtype_bits(const xvcpu_stage2 *s2, uint8_t memtype)
{
    if (xvcpu__s2_ept(s2))
        return XVCPU_FIELD_SET(XVCPU_EPT_ENTRY_MEMORY_TYPE, 0, memtype);
    if (xvcpu__s2_arm(s2)) /* MemAttr; inner shareable (ignored for Device memory) */
        return XVCPU_FIELD_SET(XVCPU_S2_DESC_MEMATTR, 0, memtype) |
               XVCPU_FIELD_SET(XVCPU_S2_DESC_SH, 0, XVCPU_S2_DESC_SH_INNER);
    if (memtype == XVCPU_X86_MEMORY_TYPE_WT)
        return XVCPU_PTE_PWT;
    if (memtype == XVCPU_X86_MEMORY_TYPE_UC)
        return XVCPU_PTE_PCD | XVCPU_PTE_PWT;
    return 0; /* WB */
}

static bool xvcpu__s2_memtype_ok(const xvcpu_stage2 *s2, uint8_t t)
{
    bool npt_ok;
    if (xvcpu__s2_arm(s2))
        return t == XVCPU_S2_MEMATTR_DEVICE_NGNRNE || t == XVCPU_S2_MEMATTR_DEVICE_NGNRE ||
               t == XVCPU_S2_MEMATTR_DEVICE_NGRE || t == XVCPU_S2_MEMATTR_DEVICE_GRE ||
               t == XVCPU_S2_MEMATTR_NORMAL_NC || t == XVCPU_S2_MEMATTR_NORMAL_WT ||
               t == XVCPU_S2_MEMATTR_NORMAL_WB;
    npt_ok = t == XVCPU_X86_MEMORY_TYPE_WB || t == XVCPU_X86_MEMORY_TYPE_UC || t == XVCPU_X86_MEMORY_TYPE_WT;
    return npt_ok || (xvcpu__s2_ept(s2) && (t == XVCPU_X86_MEMORY_TYPE_WC || t == XVCPU_X86_MEMORY_TYPE_WP));
}

/* Why `perms` is unacceptable, or NULL. */
static const char *xvcpu__s2_perms_problem(const xvcpu_stage2 *s2, uint32_t perms)
{
    if (perms & ~(XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC))
        return "unknown permission bits";
    if (perms == 0)
        return "no permission (unmap instead)";
    if ((perms & XVCPU_ACCESS_WRITE) && !(perms & XVCPU_ACCESS_READ))
        return "write without read";
    if (!(perms & XVCPU_ACCESS_READ) && !xvcpu__s2_ept(s2))
        return "execute-only needs EPT"; /* a present NPT entry is always readable */
    if (!(perms & XVCPU_ACCESS_READ) && !s2->execute_only)
        return "execute-only is not supported by this CPU (IA32_VMX_EPT_VPID_CAP bit 0)";
    return NULL;
}

/* --- table memory ------------------------------------------------------------------------------ */

static uint64_t *xvcpu__s2_child(const xvcpu_stage2 *s2, uint64_t e)
{
    return (uint64_t *)s2->hal->phys_to_virt(s2->hal->ctx, e & xvcpu__s2_addr_mask(s2));
}

static uint64_t *xvcpu__s2_alloc_table(xvcpu_stage2 *s2, uint64_t *phys)
{
    uint64_t *t = (uint64_t *)s2->hal->alloc_pages(s2->hal->ctx, 1, phys);
    if (t != NULL) {
        XVCPU_MEMSET(t, 0, XVCPU__S2_PAGE_SIZE);
        s2->table_pages++;
    }
    return t;
}

static void xvcpu__s2_free_table(xvcpu_stage2 *s2, uint64_t *t, uint64_t phys)
{
    s2->hal->free_pages(s2->hal->ctx, t, phys, 1);
    s2->table_pages--;
}

static bool xvcpu__s2_empty(const uint64_t *t)
{
    unsigned i;
    for (i = 0; i < XVCPU__S2_ENTRIES; i++)
        if (t[i] != 0)
            return false;
    return true;
}

/* The leaf that maps `gpa` and its level, or 0 when nothing does. */
static uint64_t xvcpu__s2_lookup(const xvcpu_stage2 *s2, uint64_t gpa, int *level)
{
    const uint64_t *t = (const uint64_t *)s2->root;
    int l;
    for (l = XVCPU__S2_LEVELS - 1;; l--) {
        uint64_t e = t[(gpa >> (XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * l)) & (XVCPU__S2_ENTRIES - 1)];
        if (!xvcpu__s2_present(s2, e))
            return 0;
        if (xvcpu__s2_leaf(s2, e, l)) {
            *level = l;
            return e;
        }
        t = xvcpu__s2_child(s2, e);
    }
}

/* --- the walker -------------------------------------------------------------------------------- */

typedef enum xvcpu__s2_op {
    XVCPU__S2_FIND_MAPPED, /* stop at the first mapped address */
    XVCPU__S2_FIND_HOLE,   /* stop at the first unmapped address */
    XVCPU__S2_MAP,         /* map the (free) range; stops when out of memory */
    XVCPU__S2_UNMAP,       /* clear every leaf in the range, free tables left empty */
    XVCPU__S2_PROTECT      /* set the permissions of every leaf in the range */
} xvcpu__s2_op;

typedef struct xvcpu__s2_walk {
    xvcpu__s2_op op;
    uint64_t delta;    /* MAP: hpa - gpa */
    uint32_t perms;    /* MAP, PROTECT */
    uint8_t memtype;   /* MAP */
    bool lost;         /* UNMAP, PROTECT: a mapping went away or lost a permission */
    uint64_t at;       /* where the walk stopped */
    uint64_t *pool[XVCPU__S2_MAX_SPLITS]; /* tables set aside for splitting large pages */
    uint64_t pool_phys[XVCPU__S2_MAX_SPLITS];
    unsigned pool_len;
} xvcpu__s2_walk;

static uint64_t *xvcpu__s2_take_table(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *phys)
{
    if (w->pool_len == 0)
        return xvcpu__s2_alloc_table(s2, phys);
    w->pool_len--;
    *phys = w->pool_phys[w->pool_len];
    return w->pool[w->pool_len];
}

/* Replace the large leaf *e at `level` by a table of 512 leaves one size down, same mapping. */
static void xvcpu__s2_split(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *e, int level)
{
    uint64_t phys, *t = xvcpu__s2_take_table(s2, w, &phys);
    uint64_t sub = xvcpu__s2_size(level - 1);
    uint64_t base = *e & xvcpu__s2_addr_mask(s2) & ~(xvcpu__s2_size(level) - 1);
    uint64_t attrs = *e & ~xvcpu__s2_addr_mask(s2);
    unsigned i;
    XVCPU_ASSERT(t != NULL && level > 0); /* the pool was filled for every split */
    /* 4K entries: x86 has no large-page bit (NPT: it is PAT); Arm pages set the table bit */
    attrs = (attrs & ~xvcpu__s2_large_bit(s2)) | xvcpu__s2_leaf_kind(s2, level - 1);
    for (i = 0; i < XVCPU__S2_ENTRIES; i++)
        t[i] = attrs | (base + i * sub);
    *e = xvcpu__s2_table_entry(s2, phys);
}

/* Apply w->op to [lo, hi) within `table` at `level`, whose first entry maps `base`. Returns true
 * when the walk stopped early (w->at says where). */
static bool xvcpu__s2_walk_table(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *table, int level, uint64_t base,
                                 uint64_t lo, uint64_t hi)
{
    uint64_t size = xvcpu__s2_size(level);
    unsigned shift = XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * (unsigned)level;
    unsigned i = (unsigned)((lo - base) >> shift), last = (unsigned)((hi - 1 - base) >> shift);
    for (; i <= last; i++) {
        uint64_t *e = &table[i], start = base + i * size;
        uint64_t from = lo > start ? lo : start, to = hi < start + size ? hi : start + size;
        bool whole = from == start && to == start + size;
        if (!xvcpu__s2_present(s2, *e)) {
            uint64_t phys;
            if (w->op == XVCPU__S2_FIND_HOLE) {
                w->at = from;
                return true;
            }
            if (w->op != XVCPU__S2_MAP)
                continue;
            /* the largest page: the entry is wholly inside, its size supported, hpa aligned */
            if (whole && (s2->page_sizes & (1u << level)) && ((start + w->delta) & (size - 1)) == 0) {
                *e = (start + w->delta) | xvcpu__s2_perm_bits(s2, w->perms) |
                     xvcpu__s2_memtype_bits(s2, w->memtype) | xvcpu__s2_leaf_kind(s2, level);
                continue;
            }
            if (xvcpu__s2_take_table(s2, w, &phys) == NULL) {
                w->at = from;
                return true;
            }
            *e = xvcpu__s2_table_entry(s2, phys);
        } else if (xvcpu__s2_leaf(s2, *e, level)) {
            XVCPU_ASSERT(w->op != XVCPU__S2_MAP); /* map checked the range was free */
            if (w->op == XVCPU__S2_FIND_MAPPED) {
                w->at = from;
                return true;
            }
            if (w->op == XVCPU__S2_FIND_HOLE)
                continue;
            if (whole && w->op == XVCPU__S2_UNMAP) {
                *e = 0;
                w->lost = true;
            } else if (whole) {
                w->lost |= (xvcpu__s2_perms_of(s2, *e) & ~w->perms) != 0;
                *e = (*e & ~xvcpu__s2_perm_mask(s2)) | xvcpu__s2_perm_bits(s2, w->perms);
            } else {
                xvcpu__s2_split(s2, w, e, level); /* then handle the part below */
            }
            if (whole)
                continue;
        }
        if (xvcpu__s2_walk_table(s2, w, xvcpu__s2_child(s2, *e), level - 1, start, from, to))
            return true;
        if (w->op == XVCPU__S2_UNMAP && xvcpu__s2_empty(xvcpu__s2_child(s2, *e))) {
            xvcpu__s2_free_table(s2, xvcpu__s2_child(s2, *e), *e & xvcpu__s2_addr_mask(s2));
            *e = 0;
        }
    }
    return false;
}

static bool xvcpu__s2_walk_range(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t gpa, uint64_t size)
{
    return xvcpu__s2_walk_table(s2, w, (uint64_t *)s2->root, XVCPU__S2_LEVELS - 1, 0, gpa, gpa + size);
}

/* Tables needed to split the large pages straddling lo or hi (a table shared by both counted once). */
static unsigned xvcpu__s2_splits_needed(const xvcpu_stage2 *s2, uint64_t lo, uint64_t hi)
{
    int llo = -1, lhi = -1, l;
    unsigned n = 0;
    (void)xvcpu__s2_lookup(s2, lo, &llo);
    if (hi < XVCPU__S2_TOP)
        (void)xvcpu__s2_lookup(s2, hi, &lhi);
    for (l = 1; l < XVCPU__S2_LEVELS - 1; l++) {
        uint64_t sz = xvcpu__s2_size(l);
        bool a = l <= llo && (lo & (sz - 1)) != 0, b = l <= lhi && (hi & (sz - 1)) != 0;
        n += (unsigned)a + (unsigned)b - (unsigned)(a && b && lo / sz == hi / sz);
    }
    return n;
}

/* Arguments every range call checks. */
static xvcpu_err xvcpu__s2_check_range(xvcpu_stage2 *s2, const char *fn, uint64_t gpa, uint64_t size)
{
    if (!xvcpu__s2_ok(s2))
        return XVCPU_ERR_INVALID_ARG;
    if (size == 0)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: size is 0", fn,
                           (unsigned long long)gpa);
    if (((gpa | size) & (XVCPU__S2_PAGE_SIZE - 1)) != 0)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx size %llx is not 4 KiB aligned",
                           fn, (unsigned long long)gpa, (unsigned long long)size);
    if (gpa >= XVCPU__S2_TOP || size > XVCPU__S2_TOP - gpa)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "%s: gpa %llx size %llx goes beyond the 48-bit guest-physical space", fn,
                           (unsigned long long)gpa, (unsigned long long)size);
    return XVCPU_OK;
}

/* Unmap or protect: the range must be mapped; memory for the splits is set aside first. */
static xvcpu_err xvcpu__s2_change(xvcpu_stage2 *s2, const char *fn, xvcpu__s2_op op, uint64_t gpa, uint64_t size,
                                  uint32_t perms)
{
    xvcpu__s2_walk w;
    unsigned need;
    xvcpu_err err = xvcpu__s2_check_range(s2, fn, gpa, size);
    const char *problem;
    if (err != XVCPU_OK)
        return err;
    if (op == XVCPU__S2_PROTECT && (problem = xvcpu__s2_perms_problem(s2, perms)) != NULL)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: permissions %x: %s", fn,
                           (unsigned long long)gpa, perms, problem);
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_FIND_HOLE;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NOT_MAPPED,
                           "%s: gpa %llx size %llx is not entirely mapped: nothing at %llx", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)w.at);
    need = xvcpu__s2_splits_needed(s2, gpa, gpa + size);
    XVCPU_ASSERT(need <= XVCPU__S2_MAX_SPLITS);
    while (w.pool_len < need) {
        w.pool[w.pool_len] = xvcpu__s2_alloc_table(s2, &w.pool_phys[w.pool_len]);
        if (w.pool[w.pool_len] == NULL) {
            while (w.pool_len > 0) {
                w.pool_len--;
                xvcpu__s2_free_table(s2, w.pool[w.pool_len], w.pool_phys[w.pool_len]);
            }
            return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NO_MEMORY,
                               "%s: gpa %llx size %llx: no memory for the %u table(s) that split large pages",
                               fn, (unsigned long long)gpa, (unsigned long long)size, need);
        }
        w.pool_len++;
    }
    w.op = op;
    w.perms = perms;
    (void)xvcpu__s2_walk_range(s2, &w, gpa, size);
    XVCPU_ASSERT(w.pool_len == 0);
    if (w.lost) { /* remember the range for TLB maintenance by address (xvcpu_stage2 lost[]) */
        s2->generation++;
        s2->lost[s2->generation % XVCPU_STAGE2_LOST_LOG].gpa = gpa;
        s2->lost[s2->generation % XVCPU_STAGE2_LOST_LOG].size = size;
    }
    return XVCPU_OK;
}

/* --- the API ----------------------------------------------------------------------------------- */

XVCPU_DEF xvcpu_err xvcpu_stage2_init(xvcpu_stage2 *s2, const xvcpu_hal *hal, xvcpu_stage2_format format,
                                      uint32_t page_sizes, bool accessed_dirty)
{
    if (s2 == NULL)
        return XVCPU_ERR_INVALID_ARG;
    XVCPU_MEMSET(s2, 0, sizeof(*s2));
    if (!xvcpu__hal_ok(hal))
        return xvcpu__fail(NULL, s2->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_stage2_init: the HAL needs alloc_pages, free_pages, phys_to_virt and virt_to_phys");
    if (format != XVCPU_STAGE2_EPT && format != XVCPU_STAGE2_NPT && format != XVCPU_STAGE2_ARM64)
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_INVALID_ARG, "xvcpu_stage2_init: format %u is not EPT, NPT or ARM64",
                           (unsigned)format);
    if (!(page_sizes & XVCPU_PAGE_4K) || (page_sizes & ~(XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G)))
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_stage2_init: page sizes %x must include 4K and only 4K, 2M, 1G", page_sizes);
    s2->hal = hal;
    s2->format = format;
    s2->page_sizes = page_sizes;
    s2->accessed_dirty = format == XVCPU_STAGE2_EPT && accessed_dirty;
    s2->root = xvcpu__s2_alloc_table(s2, &s2->root_phys);
    if (s2->root == NULL)
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_NO_MEMORY, "xvcpu_stage2_init: no memory for the root table");
    s2->magic = XVCPU__STAGE2_MAGIC;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_stage2_map(xvcpu_stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t perms,
                                     uint8_t memtype)
{
    static const char fn[] = "xvcpu_stage2_map";
    xvcpu__s2_walk w;
    uint64_t phys_top;
    const char *problem;
    xvcpu_err err = xvcpu__s2_check_range(s2, fn, gpa, size);
    if (err != XVCPU_OK)
        return err;
    phys_top = (xvcpu__s2_addr_mask(s2) | (XVCPU__S2_PAGE_SIZE - 1)) + 1;
    if ((hpa & (XVCPU__S2_PAGE_SIZE - 1)) != 0 || hpa >= phys_top || size > phys_top - hpa)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "%s: hpa %llx size %llx is not 4 KiB aligned or goes beyond 52-bit physical addresses",
                           fn, (unsigned long long)hpa, (unsigned long long)size);
    if ((problem = xvcpu__s2_perms_problem(s2, perms)) != NULL)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: permissions %x: %s", fn,
                           (unsigned long long)gpa, perms, problem);
    if (!xvcpu__s2_memtype_ok(s2, memtype))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: memory type %u %s", fn,
                           (unsigned long long)gpa, (unsigned)memtype,
                           xvcpu__s2_arm(s2) ? "is not a stage-2 MemAttr value (XVCPU_S2_MEMATTR_*)" :
                           xvcpu__s2_ept(s2) ? "is not UC, WC, WT, WP or WB"
                                             : "is not UC, WT or WB (NPT uses the default PAT, which has no WC or WP)");
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_FIND_MAPPED;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_ALREADY_MAPPED,
                           "%s: gpa %llx size %llx overlaps an existing mapping at %llx", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)w.at);
    w.op = XVCPU__S2_MAP;
    w.delta = hpa - gpa;
    w.perms = perms;
    w.memtype = memtype;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size)) {
        uint64_t at = w.at;
        /* the range was free: clearing it again and pruning restores the tables exactly */
        w.op = XVCPU__S2_UNMAP;
        (void)xvcpu__s2_walk_range(s2, &w, gpa, size);
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NO_MEMORY,
                           "%s: gpa %llx size %llx: no memory for a page table at %llx; nothing mapped", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)at);
    }
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_stage2_unmap(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size)
{
    return xvcpu__s2_change(s2, "xvcpu_stage2_unmap", XVCPU__S2_UNMAP, gpa, size, 0);
}

XVCPU_DEF xvcpu_err xvcpu_stage2_protect(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size, uint32_t perms)
{
    return xvcpu__s2_change(s2, "xvcpu_stage2_protect", XVCPU__S2_PROTECT, gpa, size, perms);
}

XVCPU_DEF xvcpu_err xvcpu_stage2_translate(const xvcpu_stage2 *s2, uint64_t gpa, uint64_t *hpa, uint32_t *perms,
                                           uint64_t *page_size)
{
    int level = 0;
    uint64_t e, size;
    if (!xvcpu__s2_ok(s2) || gpa >= XVCPU__S2_TOP)
        return XVCPU_ERR_INVALID_ARG;
    e = xvcpu__s2_lookup(s2, gpa, &level);
    if (e == 0)
        return XVCPU_ERR_NOT_MAPPED;
    size = xvcpu__s2_size(level);
    if (hpa != NULL) /* masking by the page size drops NPT's large-page PAT bit (12) too */
        *hpa = (e & xvcpu__s2_addr_mask(s2) & ~(size - 1)) | (gpa & (size - 1));
    if (perms != NULL)
        *perms = xvcpu__s2_perms_of(s2, e);
    if (page_size != NULL)
        *page_size = size;
    return XVCPU_OK;
}

XVCPU_DEF void xvcpu_stage2_destroy(xvcpu_stage2 *s2)
{
    xvcpu__s2_walk w;
    if (!xvcpu__s2_ok(s2))
        return;
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_UNMAP; /* whole range: no splits, frees every table below the root */
    (void)xvcpu__s2_walk_range(s2, &w, 0, XVCPU__S2_TOP);
    xvcpu__s2_free_table(s2, (uint64_t *)s2->root, s2->root_phys);
    s2->root = NULL;
    s2->root_phys = 0;
    s2->magic = 0;
}

XVCPU_DEF uint64_t xvcpu_stage2_eptp(const xvcpu_stage2 *s2)
{
    if (!xvcpu__s2_ok(s2))
        return 0;
    if (!xvcpu__s2_ept(s2))
        return s2->root_phys; /* nCR3; arm64: VTTBR_EL2.BADDR */
    return s2->root_phys | XVCPU_FIELD_SET(XVCPU_EPTP_MEMORY_TYPE, 0, XVCPU_X86_MEMORY_TYPE_WB) |
           XVCPU_FIELD_SET(XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1, 0, XVCPU__S2_LEVELS - 1) |
           (s2->accessed_dirty ? XVCPU_EPTP_ACCESSED_DIRTY : 0);
}

XVCPU_DEF const char *xvcpu_stage2_last_error(const xvcpu_stage2 *s2)
{
    return s2 != NULL ? s2->error : "(no stage-2 tables)";
}

/* ==== xvcpu/core/end.c.h ==== */
#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XVCPU_IMPLEMENTATION */
