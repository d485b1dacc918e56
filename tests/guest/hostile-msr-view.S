/* hostile-msr-view: the MSRs and EFER bits the guest's CPUID view promises work with their
 * architectural values; those it hides raise #GP(0) at the RDMSR/WRMSR (issue 12 defect 3; SDM
 * Vol. 4 Table 2-2, APM Vol. 2 3.1.7). Which CPUID bit names which MSR is this guest's own
 * knowledge, from the manuals. Protected mode, paging off; one line per behaviour, the same on
 * every backend (the guest asks CPUID which answer is right). Failure codes 0x10-0x7F. */
#include "common.inc"
#include "hostile-view.inc"

#define MSR_TSC           0x10
#define MSR_APIC_BASE     0x1B
#define MSR_MTRRCAP       0xFE
#define MSR_MISC_ENABLE   0x1A0
#define MSR_PAT           0x277
#define MSR_MTRR_DEF_TYPE 0x2FF
#define MSR_TSC_DEADLINE  0x6E0
#define MSR_EFER          0xC0000080
#define MSR_TSC_AUX       0xC0000103

#define EAX_ 0
#define EBX_ 1
#define ECX_ 2
#define EDX_ 3

/* shown = CPUID.(leaf, 0):reg[bit]; ZF clear when shown */
.macro VIEW leaf, reg, bit
    mov $\leaf, %eax
    mov $\reg, %ecx
    mov $(1 << \bit), %edx
    call view_has
.endm

/* the MSR is hidden: RDMSR and WRMSR (of 0) both #GP(0) at the instruction */
.macro HIDDEN msr, code
    mov $\msr, %ecx
    TRY rdmsr
    EXPECT_GP0 \code
    mov $\msr, %ecx
    xor %eax, %eax
    xor %edx, %edx
    TRY wrmsr
    EXPECT_GP0 (\code + 1)
.endm

/* RDMSR msr, no fault; EDX:EAX is its value */
.macro READ msr, code
    mov $\msr, %ecx
    TRY rdmsr
    EXPECT_NO_FAULT \code
.endm

/* WRMSR msr, EDX:EAX = hi:lo, no fault */
.macro WRITE msr, hi, lo, code
    mov $\msr, %ecx
    mov $\lo, %eax
    mov $\hi, %edx
    TRY wrmsr
    EXPECT_NO_FAULT \code
.endm

/* EFER bit: shown -> sets, reads back, clears; hidden -> #GP(0), EFER unchanged */
.macro EFER_BIT name, leaf, reg, cpuid_bit, efer_bit, code
    BEHAVIOUR "efer-view \name"
    VIEW \leaf, \reg, \cpuid_bit
    jz .Lefer_hidden\@
    READ MSR_EFER, \code
    or $(1 << \efer_bit), %eax
    TRY wrmsr
    EXPECT_NO_FAULT (\code + 1)
    READ MSR_EFER, (\code + 2)
    and $(1 << \efer_bit), %eax
    EXPECT_EQ %eax, (1 << \efer_bit), (\code + 3)
    READ MSR_EFER, (\code + 2)
    and $~(1 << \efer_bit), %eax
    TRY wrmsr
    EXPECT_NO_FAULT (\code + 4)
    jmp .Lefer_done\@
.Lefer_hidden\@:
    READ MSR_EFER, \code
    mov %eax, efer_old
    or $(1 << \efer_bit), %eax
    TRY wrmsr
    EXPECT_GP0 (\code + 5)
    READ MSR_EFER, (\code + 2)
    mov %eax, %ebx                  /* unchanged */
    mov efer_old, %ecx
    mov $(\code + 6), %eax
    call hx_check_eq
.Lefer_done\@:
    OK_LINE ": follows the CPUID view"
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    call hx_init

    /* IA32_TSC (CPUID.1:EDX.TSC): RDMSR is the TSC RDTSC reads; a write sets it */
    BEHAVIOUR "msr-view IA32_TSC"
    VIEW 1, EDX_, 4
    jz 1f
    rdtsc
    mov %eax, t1
    mov %edx, t1 + 4
    READ MSR_TSC, 0x10
    mov %eax, m1
    mov %edx, m1 + 4
    rdtsc
    mov m1, %ebx                    /* t1 <= m1 <= t2 */
    mov m1 + 4, %ecx
    sub t1, %ebx
    sbb t1 + 4, %ecx
    setnc %bl
    movzx %bl, %ebx
    EXPECT_EQ %ebx, 1, 0x11
    sub m1, %eax
    sbb m1 + 4, %edx
    setnc %al
    movzx %al, %eax
    EXPECT_EQ %eax, 1, 0x12
    WRITE MSR_TSC, 0x10, 0, 0x13    /* TSC = 2^36: both readers follow */
    rdtsc
    EXPECT_EQ %edx, 0x10, 0x14
    READ MSR_TSC, 0x15
    EXPECT_EQ %edx, 0x10, 0x16
    jmp 2f
1:  HIDDEN MSR_TSC, 0x17
2:  OK_LINE ": follows the CPUID view"

    /* IA32_APIC_BASE (CPUID.1:EDX.APIC): 0xFEE00900 on the BSP (no VMM LAPIC here); a reserved
     * bit #GPs; the base moves, BSP is read-only */
    BEHAVIOUR "msr-view IA32_APIC_BASE"
    VIEW 1, EDX_, 9
    jz 1f
    READ MSR_APIC_BASE, 0x20
    EXPECT_EQ %eax, 0xFEE00900, 0x21
    EXPECT_EQ %edx, 0, 0x22
    mov $MSR_APIC_BASE, %ecx
    mov $0xFEE00901, %eax           /* bit 0 reserved */
    xor %edx, %edx
    TRY wrmsr
    EXPECT_GP0 0x23
    WRITE MSR_APIC_BASE, 0, 0xFED00800, 0x24
    READ MSR_APIC_BASE, 0x25
    EXPECT_EQ %eax, 0xFED00900, 0x26
    WRITE MSR_APIC_BASE, 0, 0xFEE00900, 0x27
    jmp 2f
1:  HIDDEN MSR_APIC_BASE, 0x28
2:  OK_LINE ": follows the CPUID view"

    /* MTRRCAP / MTRR_DEF_TYPE (CPUID.1:EDX.MTRR) */
    BEHAVIOUR "msr-view MTRRs"
    VIEW 1, EDX_, 12
    jz 1f
    READ MSR_MTRRCAP, 0x30
    EXPECT_EQ %eax, 0, 0x31
    READ MSR_MTRR_DEF_TYPE, 0x32
    jmp 2f
1:  HIDDEN MSR_MTRRCAP, 0x33
    HIDDEN MSR_MTRR_DEF_TYPE, 0x35
2:  OK_LINE ": follows the CPUID view"

    /* IA32_PAT (CPUID.1:EDX.PAT): the power-on value */
    BEHAVIOUR "msr-view IA32_PAT"
    VIEW 1, EDX_, 16
    jz 1f
    READ MSR_PAT, 0x38
    EXPECT_EQ %eax, 0x00070406, 0x39
    EXPECT_EQ %edx, 0x00070406, 0x3A
    jmp 2f
1:  HIDDEN MSR_PAT, 0x3B
2:  OK_LINE ": follows the CPUID view"

    /* IA32_TSC_DEADLINE (CPUID.1:ECX.TSC_DEADLINE): the LVT timer is not in TSC-deadline mode,
     * so it reads 0 and writes are ignored */
    BEHAVIOUR "msr-view IA32_TSC_DEADLINE"
    VIEW 1, ECX_, 24
    jz 1f
    READ MSR_TSC_DEADLINE, 0x40
    EXPECT_EQ %eax, 0, 0x41
    WRITE MSR_TSC_DEADLINE, 0x12, 0x345678, 0x42
    READ MSR_TSC_DEADLINE, 0x43
    or %edx, %eax
    EXPECT_EQ %eax, 0, 0x44
    jmp 2f
1:  HIDDEN MSR_TSC_DEADLINE, 0x45
2:  OK_LINE ": follows the CPUID view"

    /* IA32_TSC_AUX (CPUID.80000001:EDX.RDTSCP or CPUID.7:ECX.RDPID): 32 bits read back */
    BEHAVIOUR "msr-view IA32_TSC_AUX"
    VIEW 0x80000001, EDX_, 27
    jnz 3f
    VIEW 7, ECX_, 22
    jz 1f
3:  WRITE MSR_TSC_AUX, 0, 0xA5A51234, 0x48
    READ MSR_TSC_AUX, 0x49
    EXPECT_EQ %eax, 0xA5A51234, 0x4A
    EXPECT_EQ %edx, 0, 0x4B
    mov $MSR_TSC_AUX, %ecx
    mov $1, %edx                    /* bits 63:32 reserved */
    TRY wrmsr
    EXPECT_GP0 0x4C
    jmp 2f
1:  HIDDEN MSR_TSC_AUX, 0x4D
2:  OK_LINE ": follows the CPUID view"

    /* IA32_MISC_ENABLE: Intel's (SDM Vol. 4 Table 2-2), not AMD's */
    BEHAVIOUR "msr-view IA32_MISC_ENABLE"
    cmpl $1, hv_vendor
    jne 1f
    READ MSR_MISC_ENABLE, 0x50
    EXPECT_EQ %eax, 0x1801, 0x51
    jmp 2f
1:  HIDDEN MSR_MISC_ENABLE, 0x52
2:  OK_LINE ": follows the CPU vendor"

    /* EFER bits by view */
    EFER_BIT SCE, 0x80000001, EDX_, 11, 0, 0x58
    /* (with CR4.PAE set: QEMU 7.2 loads the host's CR0 before its EFER at #VMEXIT, so a guest
     * EFER.LME with CR4.PAE clear breaks the host there; docs/EMULATORS.md) */
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    EFER_BIT LME, 0x80000001, EDX_, 29, 8, 0x60
    mov %cr4, %eax
    and $~0x20, %eax
    mov %eax, %cr4
    EFER_BIT NXE, 0x80000001, EDX_, 20, 11, 0x68
    EFER_BIT FFXSR, 0x80000001, EDX_, 25, 14, 0x70
    EFER_BIT TCE, 0x80000001, ECX_, 17, 15, 0x78

    PUTS "hostile-msr-view: all checks passed\n"
    REPORT 0

/* view_has: EAX = leaf, ECX = register (0-3), EDX = bit mask. ZF clear when the view shows it
 * (and the leaf is within CPUID's range). Clobbers EAX-EDX. */
view_has:
    push %esi
    push %edi
    mov %eax, %esi
    mov %ecx, %edi
    mov %edx, bit_mask
    and $0x80000000, %eax           /* the range's first leaf reports its highest */
    xor %ecx, %ecx
    cpuid
    cmp %eax, %esi
    ja 0f
    mov %esi, %eax
    xor %ecx, %ecx
    cpuid
    mov %eax, regs
    mov %ebx, regs + 4
    mov %ecx, regs + 8
    mov %edx, regs + 12
    mov regs(,%edi,4), %eax
    test bit_mask, %eax
    jmp 1f
0:  xor %eax, %eax                  /* ZF set: not shown */
1:  pop %edi
    pop %esi
    ret

    .pushsection .data
    .balign 8
t1:       .quad 0
m1:       .quad 0
regs:     .long 0, 0, 0, 0
bit_mask: .long 0
efer_old: .long 0
    .popsection

    RUNTIME_PM32
    RUNTIME_HOSTILE_VIEW
