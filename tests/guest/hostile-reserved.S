/* hostile-reserved: reserved bits and invalid combinations in CR0, CR3, CR4 (PCIDE), CR8, EFER
 * and PAT, and non-canonical WRMSR of the address MSRs, in 64-bit long mode at CPL 0. Each faulting write must be #GP(0) at the instruction
 * (SDM Vol. 3A 2.5 and Vol. 2 "MOV CR", "WRMSR"; APM Vol. 2 3.1) and leave the old value; CR0's
 * ignored bit 10 is dropped and EFER.LMA cannot be written (it follows CR0.PG and EFER.LME).
 * The failure codes are per behaviour; 9-11 are unused (CR3 above MAXPHYADDR, see below).
 * (XCR0 is the xsetbv guest's: QEMU's qemu64 has no XSAVE; MTRR_DEF_TYPE is msr-arch's.) */
#include "common.inc"
#include "mmio.inc"
#include "catch64.inc"

#define MSR_EFER 0xC0000080
#define MSR_PAT  0x277
#define EFER_LME (1 << 8)
#define EFER_LMA (1 << 10)
#define CR0_NW (1 << 29)
#define CR0_CD (1 << 30)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_PCIDE (1 << 17)
#define GP 13

/* RDMSR into RAX as one 64-bit value. */
.macro RDMSR64 msr
    mov $\msr, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
.endm

/* WRMSR of `msr` from the 64-bit value in R8 (EDX:EAX from it), expecting #GP(0). */
.macro WRMSR_GP name, code, msr
    mov $\msr, %ecx
    mov %r8, %rax
    mov %r8, %rdx
    shr $32, %rdx
    TRY \name, \code, GP, 0, wrmsr
.endm

/* WRMSR of `msr` with 0x0000800000000000 (bit 47 set, 63:48 clear): #GP(0) and the MSR keeps
 * the canonical value written before it. Codes code (the fault), code + 1 (the value). */
.macro CANONICAL_GP name, code, msr
    mov $\msr, %ecx
    mov $0x1000, %eax
    movabs $0xFFFFFFFF, %rdx             /* 0xFFFFFFFF00001000: canonical */
    wrmsr
    mov $0x8000, %r8d
    shl $32, %r8
    WRMSR_GP \name, \code, \msr
    RDMSR64 \msr
    EXPECT %rax, 0xFFFFFFFF00001000, (\code + 1)
    mov $\msr, %ecx                      /* back to 0 */
    xor %eax, %eax
    xor %edx, %edx
    wrmsr
.endm

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call catch64_init

    /* ---- CR0 */
    mov %cr0, %rbx
    mov %rbx, %rax
    bts $32, %rax
    TRY cr0-bit32-gp, 1, GP, 0, mov %rax, %cr0
    mov %cr0, %rax
    CHECK64R cr0-unchanged-after-bit32, 2, %rax, %rbx
    mov %rbx, %rax
    bts $63, %rax
    TRY cr0-bit63-gp, 3, GP, 0, mov %rax, %cr0
    mov %rbx, %rax
    or $(1 << 10), %rax
    mov %rax, %cr0
    mov %cr0, %rax
    CHECK64R cr0-bit10-ignored, 4, %rax, %rbx
    mov %rbx, %rax
    and $~CR0_CD, %eax
    or $CR0_NW, %eax
    TRY cr0-nw-without-cd-gp, 5, GP, 0, mov %rax, %cr0
    mov %rbx, %rax
    btr $31, %rax                       /* PG off in 64-bit code */
    TRY cr0-pg-clear-in-64bit-gp, 6, GP, 0, mov %rax, %cr0
    mov %rbx, %rax
    btr $0, %rax                        /* PG without PE */
    TRY cr0-pe-clear-with-pg-gp, 7, GP, 0, mov %rax, %cr0
    mov %cr0, %rax
    CHECK64R cr0-unchanged-after-all, 8, %rax, %rbx

    /* ---- CR3 bits above MAXPHYADDR are not checked here: under QEMU's SVM (qemu64) MOV CR3
     * accepts them and the next VMRUN fails (docs/EMULATORS.md); the library does not intercept
     * CR3 writes under nested paging. */
    mov %cr3, %rbx

    /* ---- CR4.PCIDE needs CR3[11:0] = 0 (SDM Vol. 3A 4.10.1); without PCID it is #GP anyway */
    mov %rbx, %rax
    or $1, %eax                         /* PCID 1 is ignored while PCIDE = 0 */
    mov %rax, %cr3
    mov %cr4, %r12
    mov %r12, %rax
    or $CR4_PCIDE, %eax
    TRY cr4-pcide-with-cr3-low-bits-gp, 12, GP, 0, mov %rax, %cr4
    mov %rbx, %cr3
    mov %r12, %rax
    and $~CR4_PAE, %eax
    TRY cr4-pae-clear-in-long-mode-gp, 13, GP, 0, mov %rax, %cr4
    mov %cr4, %rax
    CHECK64R cr4-unchanged, 14, %rax, %r12

    /* ---- CR8: bits 63:4 reserved (SDM Vol. 3A 10.8.6.1) */
    mov $5, %eax
    mov %rax, %cr8
    mov $0x15, %eax
    TRY cr8-bit4-gp, 15, GP, 0, mov %rax, %cr8
    movabs $0x8000000000000005, %rax
    TRY cr8-bit63-gp, 16, GP, 0, mov %rax, %cr8
    mov %cr8, %rax
    CHECK64 cr8-unchanged, 17, %rax, 5
    xor %eax, %eax
    mov %rax, %cr8

    /* ---- EFER */
    RDMSR64 MSR_EFER
    mov %rax, %rbx
    mov %rbx, %r8
    bts $1, %r8
    WRMSR_GP efer-bit1-reserved-gp, 18, MSR_EFER
    mov %rbx, %r8
    bts $63, %r8
    WRMSR_GP efer-bit63-reserved-gp, 19, MSR_EFER
    mov %rbx, %r8
    btr $8, %r8
    WRMSR_GP efer-lme-clear-with-paging-gp, 20, MSR_EFER
    RDMSR64 MSR_EFER
    CHECK64R efer-unchanged, 21, %rax, %rbx
    mov %rbx, %rax
    btr $10, %rax                       /* LMA 0: not written, still 1 */
    mov %rax, %rdx
    shr $32, %rdx
    mov $MSR_EFER, %ecx
    wrmsr
    RDMSR64 MSR_EFER
    CHECK64R efer-lma-not-writable, 22, %rax, %rbx

    /* ---- PAT: each entry's type must be 0, 1, 4, 5, 6 or 7; bits 7:3 of each byte reserved */
    RDMSR64 MSR_PAT
    mov %rax, %rbx
    mov %rbx, %r8
    and $~0xFF00, %r8
    or $0x0200, %r8                     /* PA1 = 2 */
    WRMSR_GP pat-type2-gp, 23, MSR_PAT
    movabs $0xFF00000000000000, %rax
    mov %rbx, %r8
    not %rax
    and %rax, %r8
    movabs $0x0300000000000000, %rax    /* PA7 = 3 */
    or %rax, %r8
    WRMSR_GP pat-type3-gp, 24, MSR_PAT
    mov %rbx, %r8
    and $~0xFF, %r8
    or $0x08, %r8                       /* PA0 = 8 */
    WRMSR_GP pat-type8-gp, 25, MSR_PAT
    mov %rbx, %r8
    and $~0xFF0000, %r8
    or $0x860000, %r8                   /* PA2 = 0x86: WB with bit 7 */
    WRMSR_GP pat-bit7-gp, 26, MSR_PAT
    RDMSR64 MSR_PAT
    CHECK64R pat-unchanged, 27, %rax, %rbx

    /* ---- WRMSR of a non-canonical address (SDM Vol. 4 Table 2-2; APM Vol. 2 A.7): #GP(0), the
     * MSR unchanged. Under SVM these MSRs are the guest's own (VMLOAD state), and QEMU does not
     * check: the library intercepts their writes. */
    CANONICAL_GP wrmsr-fs-base-noncanonical-gp, 28, 0xC0000100
    CANONICAL_GP wrmsr-gs-base-noncanonical-gp, 30, 0xC0000101
    CANONICAL_GP wrmsr-kernel-gs-base-noncanonical-gp, 32, 0xC0000102
    CANONICAL_GP wrmsr-lstar-noncanonical-gp, 34, 0xC0000082
    CANONICAL_GP wrmsr-cstar-noncanonical-gp, 36, 0xC0000083
    CANONICAL_GP wrmsr-sysenter-esp-noncanonical-gp, 38, 0x175
    CANONICAL_GP wrmsr-sysenter-eip-noncanonical-gp, 40, 0x176

    PUTS "hostile-reserved: all checks passed\n"
    REPORT 0

    RUNTIME_CATCH64
