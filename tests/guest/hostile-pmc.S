/* hostile-pmc: RDPMC at CPL0 and CPL3, with and without CR4.PCE, counters in and out of range
 * (issue 12 defect 10), and a hypercall from CPL3 (the exit's cpl). The library's answer, the
 * same on both backends: an Intel view has no performance monitoring (CPUID leaf 0xA reads 0), so
 * every RDPMC #GPs; an AMD view has the four legacy counters that always exist (APM Vol. 2
 * 13.2.1), which never count: ECX 0-3 read what PerfCtr0-3 (0xC0010004-7) hold, ECX 4 and up
 * #GP. At CPL > 0 with CR4.PCE clear RDPMC is #GP(0) first (SDM Vol. 2B / APM Vol. 3 RDPMC).
 * minihv refuses hypercalls from CPL > 0 with RAX = -1. Protected mode, paging off, own GDT
 * with user segments and a TSS. One line per behaviour; failure codes 0x10-0x7F. */
#include "common.inc"
#include "hostile-view.inc"

#define SEL_UCODE 0x23
#define SEL_UDATA 0x2B
#define SEL_TSS   0x30
#define VEC_BACK  0x30                  /* INT 0x30 from CPL3: back to CPL0 */
#define MSR_PERF_SEL0 0xC0010000
#define MSR_PERF_CTR0 0xC0010004

/* RDPMC of ECX = counter at CPL0 */
.macro RDPMC0 counter
    mov $\counter, %ecx
    TRY rdpmc
.endm

/* Intel: #GP(0); AMD: EDX:EAX = 0 (no counter was written yet) */
.macro BY_VENDOR_ZERO code
    cmpl $1, hv_vendor
    jne .Lamd\@
    EXPECT_GP0 \code
    jmp .Ldone\@
.Lamd\@:
    EXPECT_NO_FAULT \code
    EXPECT_EQ %eax, 0, (\code + 1)
    EXPECT_EQ %edx, 0, (\code + 2)
.Ldone\@:
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    call hx_init
    call user_init

    BEHAVIOUR "pmc cpl0 counter 0"
    RDPMC0 0
    BY_VENDOR_ZERO 0x10
    OK_LINE ": follows the vendor (Intel: no PMU, #GP(0); AMD: reads 0)"

    BEHAVIOUR "pmc cpl0 counters 1-3"
    RDPMC0 1
    BY_VENDOR_ZERO 0x14
    RDPMC0 2
    BY_VENDOR_ZERO 0x18
    RDPMC0 3
    BY_VENDOR_ZERO 0x1C
    OK_LINE ": follow the vendor"

    BEHAVIOUR "pmc cpl0 counter 4"
    RDPMC0 4
    EXPECT_GP0 0x20
    OK_LINE ": #GP(0) at the RDPMC"

    BEHAVIOUR "pmc cpl0 ECX 0x40000000 (Intel fixed counter 0)"
    RDPMC0 0x40000000
    EXPECT_GP0 0x22
    OK_LINE ": #GP(0) at the RDPMC"

    BEHAVIOUR "pmc cpl3 CR4.PCE=0 counter 0"
    mov $user_rdpmc0, %eax
    call to_user
    EXPECT_GP0 0x24
    OK_LINE ": #GP(0) at the RDPMC"

    mov %cr4, %eax
    or $0x100, %eax                 /* PCE */
    mov %eax, %cr4
    BEHAVIOUR "pmc cpl3 CR4.PCE=1 counter 0"
    mov $user_rdpmc0, %eax
    call to_user
    mov user_lo, %eax
    mov user_hi, %edx
    BY_VENDOR_ZERO 0x28
    OK_LINE ": follows the vendor"

    BEHAVIOUR "pmc cpl3 CR4.PCE=1 counter 4"
    mov $user_rdpmc4, %eax
    call to_user
    EXPECT_GP0 0x2C
    OK_LINE ": #GP(0) at the RDPMC"
    mov %cr4, %eax
    and $~0x100, %eax
    mov %eax, %cr4

    /* AMD's PerfEvtSel0/PerfCtr0 read back (a counter keeps 48 bits) and RDPMC 0 reads the
     * counter; Intel has no such MSRs */
    BEHAVIOUR "pmc PerfEvtSel0/PerfCtr0"
    cmpl $1, hv_vendor
    jne 1f
    mov $MSR_PERF_CTR0, %ecx
    TRY rdmsr
    EXPECT_GP0 0x30
    mov $MSR_PERF_SEL0, %ecx
    xor %eax, %eax
    xor %edx, %edx
    TRY wrmsr
    EXPECT_GP0 0x31
    jmp 2f
1:  mov $MSR_PERF_SEL0, %ecx
    mov $0x00430076, %eax           /* EN, USR, OS, event 0x76 */
    xor %edx, %edx
    TRY wrmsr
    EXPECT_NO_FAULT 0x32
    TRY rdmsr
    EXPECT_NO_FAULT 0x33
    EXPECT_EQ %eax, 0x00430076, 0x34
    mov $MSR_PERF_CTR0, %ecx
    mov $0x89ABCDEF, %eax
    mov $0xFFFF1234, %edx           /* bits 63:48 are not the counter's */
    TRY wrmsr
    EXPECT_NO_FAULT 0x35
    TRY rdmsr
    EXPECT_NO_FAULT 0x36
    EXPECT_EQ %eax, 0x89ABCDEF, 0x37
    EXPECT_EQ %edx, 0x00001234, 0x38
    RDPMC0 0
    EXPECT_NO_FAULT 0x39
    EXPECT_EQ %eax, 0x89ABCDEF, 0x3A
    EXPECT_EQ %edx, 0x00001234, 0x3B
2:  OK_LINE ": follow the vendor"

    /* CPUID leaf 0xA (architectural performance monitoring), where the view has it: all 0 */
    BEHAVIOUR "pmc CPUID leaf 0xA"
    xor %eax, %eax
    xor %ecx, %ecx
    cpuid
    cmp $0xA, %eax
    jb 1f
    mov $0xA, %eax
    xor %ecx, %ecx
    cpuid
    or %ebx, %eax
    or %ecx, %eax
    or %edx, %eax
    EXPECT_EQ %eax, 0, 0x40
1:  OK_LINE ": no architectural PMU"

    BEHAVIOUR "hypercall from CPL3"
    mov $user_hypercall, %eax
    call to_user
    EXPECT_NO_FAULT 0x48
    EXPECT_EQ user_lo, 0xFFFFFFFF, 0x49
    OK_LINE ": the exit says CPL 3, the VMM refuses it (RAX -1)"

    PUTS "hostile-pmc: all checks passed\n"
    REPORT 0

/* --- user mode -------------------------------------------------------------------------- */

/* user_init: our GDT (the runtime's plus user code/data and a TSS), the TSS, the INT 0x30 gate
 * (DPL 3) that brings CPL3 code back. */
user_init:
    mov $tss, %eax                  /* TSS descriptor: base, limit 103, 32-bit available */
    mov %eax, %edx
    shl $16, %eax
    or $0x67, %eax
    mov %eax, pmc_gdt + SEL_TSS
    shr $16, %edx
    and $0xFF, %edx
    or $0x8900, %edx
    mov %edx, pmc_gdt + SEL_TSS + 4
    lgdt pmc_gdt_desc
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    movl $SEL_DATA, tss + 8         /* SS0 */
    mov $SEL_TSS, %ax
    ltr %ax
    mov $back_to_cpl0, %eax         /* interrupt gate, DPL 3 */
    mov %eax, %edx
    and $0xFFFF, %eax
    or $(SEL_CODE32 << 16), %eax
    mov %eax, idt + VEC_BACK * 8
    and $0xFFFF0000, %edx
    or $0xEE00, %edx
    mov %edx, idt + VEC_BACK * 8 + 4
    ret

/* to_user: run the code at EAX at CPL3 (flat user segments, own stack); it comes back with
 * INT 0x30, and to_user returns. */
to_user:
    mov %esp, tss + 4               /* ESP0: back_to_cpl0 drops the frame and returns from here */
    mov $SEL_UDATA, %cx
    mov %cx, %ds
    mov %cx, %es
    push $SEL_UDATA
    push $user_stack_top
    pushf
    push $SEL_UCODE
    push %eax
    iret

back_to_cpl0:
    add $20, %esp                   /* EIP, CS, EFLAGS, ESP, SS of the CPL3 code */
    mov $SEL_DATA, %cx
    mov %cx, %ds
    mov %cx, %es
    ret

user_rdpmc0:
    xor %ecx, %ecx
    TRY rdpmc
    mov %eax, user_lo
    mov %edx, user_hi
    int $VEC_BACK

user_rdpmc4:
    mov $4, %ecx
    TRY rdpmc
    int $VEC_BACK

user_hypercall:
    mov $HC_SUM, %eax
    mov $1, %edi
    mov $2, %esi
    mov $3, %edx
    mov $4, %ecx
    TRY call hypercall
    mov %eax, user_lo
    int $VEC_BACK

    .pushsection .data
    .balign 8
pmc_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08: code, 32-bit, DPL 0 */
    .quad 0x00CF92000000FFFF        /* 0x10: data, DPL 0 */
    .quad 0x00AF9A000000FFFF        /* 0x18: code, 64-bit */
    .quad 0x00CFFA000000FFFF        /* 0x23: code, 32-bit, DPL 3 */
    .quad 0x00CFF2000000FFFF        /* 0x2B: data, DPL 3 */
    .quad 0                         /* 0x30: TSS, filled by user_init */
pmc_gdt_end:
    .balign 4
    .word 0
pmc_gdt_desc:
    .word pmc_gdt_end - pmc_gdt - 1
    .long pmc_gdt
    .balign 4
tss:
    .fill 104, 1, 0
user_lo: .long 0
user_hi: .long 0
    .balign 16
user_stack:
    .fill 256, 1, 0
user_stack_top:
    .popsection

    RUNTIME_PM32
    RUNTIME_HOSTILE_VIEW
