/* msr: RDMSR/WRMSR of the VMM's MSR 0xC0001234 (EDX:EAX halves), #GP for an MSR nobody
 * handles, and IA32_EFER (handled inside xvcpu). Flat 32-bit protected mode. */
#include "common.inc"

#define MSR_VMM  0xC0001234
#define MSR_NONE 0x12345         /* outside every MSR range */
#define MSR_EFER 0xC0000080

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    /* The initial value 0x1122334455667788. */
    mov $MSR_VMM, %ecx
    rdmsr
    cmp $0x11223344, %edx
    CHECK e, 1
    cmp $0x55667788, %eax
    CHECK e, 2
    PUTS "msr: RDMSR 0xC0001234 = 0x1122334455667788 ok\n"

    /* Write, read back. */
    mov $MSR_VMM, %ecx
    mov $0xCAFEBABE, %edx
    mov $0x12345678, %eax
    wrmsr
    xor %eax, %eax
    xor %edx, %edx
    mov $MSR_VMM, %ecx
    rdmsr
    cmp $0xCAFEBABE, %edx
    CHECK e, 3
    cmp $0x12345678, %eax
    CHECK e, 4
    PUTS "msr: WRMSR 0xC0001234 = 0xCAFEBABE12345678 reads back\n"

    /* Unknown MSR: #GP. */
    mov $MSR_NONE, %ecx
    EXPECT_FAULT 13, 5, rdmsr
    PUTS "msr: RDMSR 0x12345 raises #GP\n"

    /* IA32_EFER: no fault (one here fails with 0x10D); no long mode in protected mode. */
    mov $MSR_EFER, %ecx
    rdmsr
    test $((1 << 8) | (1 << 10)), %eax  /* LME, LMA */
    CHECK z, 6
    PUTS "msr: RDMSR IA32_EFER ok\n"

    PUTS "msr: all checks passed\n"
    REPORT 0

    RUNTIME_PM32
