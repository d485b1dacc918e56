/* hostile-faults: faults while delivering an event, in 64-bit long mode (SDM Vol. 3A 6.12-6.15):
 *  - an exception the VMM injects (hypercall 2: #GP, error code 0x1234) whose gate switches to an
 *    IST stack on guest-physical 0x400000, which stage 2 maps only on demand: the delivery's
 *    stack push is a nested page fault the VMM answers, and the library must deliver the same
 *    event again (the IDT-vectoring information): vector 13, error 0x1234, RIP after the
 *    hypercall, and the frame on the IST stack;
 *  - a #GP whose gate's IST points at a not-present page: the #PF while delivering it is taken
 *    serially (contributory, then #PF), with CR2 at the first push;
 *  - a #PF whose gate uses that IST: a #PF while delivering a #PF is #DF with error code 0. */
#include "common.inc"
#include "mmio.inc"
#include "catch64.inc"

#define GP 13
#define NP 11
#define DF 8
#define PF 14
#define UNMAPPED 0x800000             /* no PD entry maps it */
#define SEL_TSS 0x20
#define IST_DEMAND 0x401000              /* top of the on-demand page at 0x400000 (identity) */
#define IST_MISSING 0x601000             /* top of a page no PD entry maps */
#define VMM_PD 0x3000                    /* the VMM's long-mode PD: PD[0] maps 0-2 MiB */

/* The injected #GP's frame on the IST1 stack (SDM Vol. 3A 6.14.2): error code, RIP, CS, ... */
    .set frame_error, IST_DEMAND - 48
    .set frame_rip, IST_DEMAND - 40
    .set frame_cs, IST_DEMAND - 32

/* Gate `vec`'s IST field (bits 34:32 of the gate) = `ist`. */
.macro SET_IST vec, ist
    movb $\ist, IDT64 + \vec * 16 + 4
.endm

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call catch64_init
    call detect_vendor
    /* our GDT with a 64-bit TSS (selectors 0x08-0x18 as in mmio.inc's) */
    mov $tss, %eax
    mov %ax, gdt_f + SEL_TSS + 2
    shr $16, %eax
    mov %al, gdt_f + SEL_TSS + 4
    mov %ah, gdt_f + SEL_TSS + 7
    lgdt gdt_f_desc
    mov $SEL_TSS, %ax
    ltr %ax
    /* identity 2 MiB page at 4 MiB (guest-physical 0x400000 is mapped by the VMM on demand) */
    movq $(0x400000 | 0x83), VMM_PD + 2 * 8
    mov %cr3, %rax
    mov %rax, %cr3

    /* (A not-present gate and a vector past the IDT limit are hostile-idt's, in 32-bit mode:
     * QEMU 7.2's 64-bit delivery puts 16 * vector + 2 in their error codes, docs/EMULATORS.md.) */

    /* ---- an injected #GP delivered onto a stack stage 2 does not map yet */
    SET_IST GP, 1
    mov $GP, %edi
    mov $0x1234, %esi
    mov $HC_INJECT_EXCEPTION, %eax
    cmpl $2, hv_vendor
    je 1f
    TRYT injected-gp-through-demand-stack, 3, GP, 0x1234, vmcall
    jmp 2f
1:  TRYT injected-gp-through-demand-stack, 3, GP, 0x1234, vmmcall
2:  mov caught_rip, %rbx
    CHECK64R injected-gp-frame-on-ist-rip, 4, frame_rip, %rbx
    CHECK64 injected-gp-frame-on-ist-error, 5, frame_error, 0x1234
    CHECK64 injected-gp-frame-on-ist-cs, 6, frame_cs, SEL_CODE64

    /* ---- #GP through an IST on a not-present page: the #PF while delivering a contributory
     * fault is handled serially (SDM Vol. 3A Table 6-5): #PF, error code 2 (a supervisor write
     * to a not-present page), at the faulting instruction, CR2 the first push */
    movq $IST_MISSING, tss + 36 + 8      /* IST2 */
    SET_IST GP, 2
    mov %cr0, %rax
    bts $32, %rax
    TRY gp-on-missing-ist-stack-pf, 7, PF, 2, mov %rax, %cr0
    mov %cr2, %rax
    CHECK64 gp-on-missing-ist-stack-cr2, 8, %rax, (IST_MISSING - 8)
    SET_IST GP, 0

    /* ---- #PF through the same IST: a #PF while delivering a #PF is #DF, error code 0 (its RIP
     * is undefined and not checked) */
    SET_IST PF, 2
    TRYA pf-on-missing-ist-stack-df, 9, DF, 0, mov (UNMAPPED), %rax
    SET_IST PF, 0

    PUTS "hostile-faults: all checks passed\n"
    REPORT 0

    RUNTIME_CATCH64

    .data
    .balign 16
tss:                                     /* 64-bit TSS (SDM Vol. 3A 8.7) */
    .long 0
    .quad 0x7000, 0, 0                   /* RSP0-2 */
    .quad 0
    .quad IST_DEMAND                     /* IST1 at offset 36 */
    .quad 0, 0, 0, 0, 0, 0               /* IST2-7 */
    .quad 0
    .word 0, 104                         /* I/O map base past the limit: no bitmap */
tss_end:
    .balign 8
gdt_f:
    .quad 0
    .quad 0x00CF9A000000FFFF             /* 0x08 */
    .quad 0x00CF92000000FFFF             /* 0x10 */
    .quad 0x00AF9A000000FFFF             /* 0x18 */
    .word 103, 0                         /* 0x20: 64-bit available TSS, limit 103, base below */
    .byte 0, 0x89, 0, 0
    .quad 0                              /* base 63:32, reserved */
gdt_f_end:
    .word 0, 0, 0
gdt_f_desc:
    .word gdt_f_end - gdt_f - 1
    .quad gdt_f
