/* modes: starts in 16-bit real mode and switches itself to 32-bit protected mode, then to 64-bit
 * long mode (identity page tables for the first 2 MiB at 0x1000-0x3FFF: PML4, PDPT, PD with one
 * 2 MiB page), printing from each mode. Each mode has its own puts/fail (same text, assembled
 * for that mode). */
#include "common.inc"

#define CR0_PE (1 << 0)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define EFER_LMA (1 << 10)
#define PML4 0x1000
#define PDPT 0x2000
#define PD   0x3000

    GUEST_HEADER GUEST_MODE_REAL, entry16

/* Real mode: CS base = entry16, IP = 0. Jump to CS = 0 at once so that segment offsets are the
 * link addresses (all below 64 KiB) from here on. entry16 is 16-byte aligned so that CS = entry
 * >> 4 agrees with the base. */
    .code16
    .balign 16
entry16:
    ljmpw $0, $real16
real16:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7000, %sp
    PUTS "modes: real mode\n", puts16
    mov %cr0, %eax
    test $CR0_PE, %eax
    CHECK z, 1, fail16

    lgdtl gdt_desc
    mov %cr0, %eax
    or $CR0_PE, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE32, $prot32      /* 32-bit offset, loads CS from the GDT */

    .code32
prot32:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $0x7000, %esp
    PUTS "modes: protected mode\n", puts32
    mov %cr0, %eax
    test $CR0_PE, %eax
    CHECK nz, 2, fail32

    /* Page tables: clear three pages, then PML4[0] -> PDPT, PDPT[0] -> PD, PD[0] = 2 MiB page 0
     * (present, writable; PS in the PD entry). */
    cld
    mov $PML4, %edi
    mov $(3 * 4096 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movl $(PDPT | 3), PML4
    movl $(PD | 3), PDPT
    movl $0x83, PD                  /* P | RW | PS */

    mov $PML4, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $CR0_PG, %eax
    mov %eax, %cr0                  /* long mode active (compatibility mode until the jump) */
    ljmp $SEL_CODE64, $long64

    .code64
long64:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7000, %esp               /* zero-extends into RSP */
    PUTS "modes: long mode\n", puts64
    mov $MSR_EFER, %ecx
    rdmsr
    test $EFER_LMA, %eax
    CHECK nz, 3, fail64
    movabs $0x123456789, %rax       /* a 64-bit register really is 64 bits wide */
    shr $32, %rax
    cmp $1, %rax
    CHECK e, 4, fail64

    PUTS "modes: all checks passed\n", puts64
    REPORT 0

    .code16
    EMIT_PUTS puts16
    EMIT_FAIL fail16, puts16
    .code32
    EMIT_PUTS puts32
    EMIT_FAIL fail32, puts32
    .code64
    EMIT_PUTS puts64
    EMIT_FAIL fail64, puts64
    EMIT_COMMON_DATA
    EMIT_GDT
