/* xsetbv: XSETBV/XGETBV of XCR0 as xvcpu emulates them. Valid values stick; XCR0 without x87
 * (bit 0), AVX without SSE, ECX != 0 and an unsupported high bit each raise #GP and leave XCR0
 * as it was. Skipped (PASS) without XSAVE. Flat 32-bit protected mode. */
#include "common.inc"

/* XGETBV(0) must return `value`; fails with `code` otherwise. */
.macro CHECK_XCR0 value, code
    xor %ecx, %ecx
    xgetbv
    cmp $\value, %eax
    CHECK e, \code
    test %edx, %edx
    CHECK z, \code
.endm

/* XGETBV(0) must still return the last value a valid XSETBV wrote (last_xcr0). */
.macro CHECK_XCR0_UNCHANGED code
    xor %ecx, %ecx
    xgetbv
    cmp last_xcr0, %eax
    CHECK e, \code
    test %edx, %edx
    CHECK z, \code
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    mov $1, %eax
    xor %ecx, %ecx
    cpuid
    bt $26, %ecx                    /* CPUID.1:ECX.XSAVE */
    jc have_xsave
    PUTS "xsetbv: no XSAVE, skipped\n"
    REPORT 0

have_xsave:
    mov %cr4, %eax
    or $(1 << 18), %eax             /* CR4.OSXSAVE: XSETBV/XGETBV are #UD without it */
    mov %eax, %cr4

    mov $0xD, %eax                  /* leaf 0xD subleaf 0: EAX = XCR0 bits 31:0 supported */
    xor %ecx, %ecx
    cpuid
    mov %eax, xcr0_supported
    xor %ecx, %ecx
    xgetbv                          /* the value after reset (x87 only) */
    mov %eax, last_xcr0

    /* Valid values: x87+SSE, then x87+SSE+AVX where supported. */
    testl $2, xcr0_supported
    jz 1f
    xor %ecx, %ecx
    xor %edx, %edx
    mov $3, %eax
    xsetbv
    CHECK_XCR0 3, 1
    movl $3, last_xcr0
    PUTS "xsetbv: XCR0 = 3 (x87, SSE) ok\n"
1:  testl $4, xcr0_supported
    jz 2f
    xor %ecx, %ecx
    xor %edx, %edx
    mov $7, %eax
    xsetbv
    CHECK_XCR0 7, 2
    movl $7, last_xcr0
    PUTS "xsetbv: XCR0 = 7 (x87, SSE, AVX) ok\n"
2:
    /* Invalid: each #GP, XCR0 unchanged. */
    xor %ecx, %ecx
    xor %edx, %edx
    xor %eax, %eax
    EXPECT_FAULT 13, 3, xsetbv      /* XCR0 = 0: x87 bit clear */
    CHECK_XCR0_UNCHANGED 4

    xor %ecx, %ecx
    xor %edx, %edx
    mov $5, %eax
    EXPECT_FAULT 13, 5, xsetbv      /* XCR0 = 5: AVX without SSE */
    CHECK_XCR0_UNCHANGED 6

    mov $1, %ecx
    xor %edx, %edx
    mov $3, %eax
    EXPECT_FAULT 13, 7, xsetbv      /* ECX = 1: no such XCR */
    CHECK_XCR0_UNCHANGED 8

    xor %ecx, %ecx
    mov $1, %edx
    mov $3, %eax
    EXPECT_FAULT 13, 9, xsetbv      /* XCR0 = 0x1_00000003: bit 32 unsupported */
    CHECK_XCR0_UNCHANGED 10
    PUTS "xsetbv: XCR0 = 0, 5, 0x100000003 and ECX = 1 raise #GP, XCR0 unchanged\n"

    PUTS "xsetbv: all checks passed\n"
    REPORT 0

    .data
    .balign 4
xcr0_supported: .long 0
last_xcr0:      .long 0
    .text

    RUNTIME_PM32
