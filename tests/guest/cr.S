/* cr: MOV to/from CR0 and CR4 as the guest sees them. Guest-owned round trips (CR0.TS, CR0.WP,
 * CR4.OSFXSR); #GP for CR0.NW without CD, CR0.PG without PE, a reserved CR4 bit (31) and
 * CR4.VMXE (the guest has no VMX); reads never show VMXE even though VMX keeps it set in the
 * real CR4. After every #GP the register is unchanged. Flat 32-bit protected mode. */
#include "common.inc"

#define CR0_PE (1 << 0)
#define CR0_TS (1 << 3)
#define CR0_WP (1 << 16)
#define CR0_NW (1 << 29)
#define CR0_CD (1 << 30)
#define CR0_PG (1 << 31)
#define CR4_OSFXSR (1 << 9)
#define CR4_VMXE (1 << 13)
/* Bit 31 of CR4 is reserved in both the Intel SDM (Vol. 3A 2.5) and the AMD APM (Vol. 2 3.1.3);
 * it is outside IA32_VMX_CR4_FIXED1 on every CPU. */
#define CR4_RESERVED (1 << 31)

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    mov %cr4, %eax
    test $CR4_VMXE, %eax
    CHECK z, 1

    /* CR0.TS: set, read back, clear, read back. */
    mov %cr0, %eax
    or $CR0_TS, %eax
    mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_TS, %eax
    CHECK nz, 2
    and $~CR0_TS, %eax
    mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_TS, %eax
    CHECK z, 3

    /* CR0.WP the same way. */
    or $CR0_WP, %eax
    mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_WP, %eax
    CHECK nz, 4
    and $~CR0_WP, %eax
    mov %eax, %cr0
    mov %cr0, %eax
    test $CR0_WP, %eax
    CHECK z, 5
    PUTS "cr: CR0.TS and CR0.WP round trips ok\n"

    /* CR0.NW = 1 with CD = 0: #GP, CR0 unchanged. */
    mov %cr0, %ebx
    mov %ebx, %eax
    and $~CR0_CD, %eax
    or $CR0_NW, %eax
    EXPECT_FAULT 13, 6, mov %eax, %cr0
    mov %cr0, %eax
    cmp %ebx, %eax
    CHECK e, 7

    /* CR0.PG = 1 with PE = 0: #GP, CR0 unchanged. */
    mov %ebx, %eax
    and $~CR0_PE, %eax
    or $CR0_PG, %eax
    EXPECT_FAULT 13, 8, mov %eax, %cr0
    mov %cr0, %eax
    cmp %ebx, %eax
    CHECK e, 9
    PUTS "cr: CR0.NW without CD and CR0.PG without PE raise #GP\n"

    /* CR4 bit 31 (reserved): #GP, CR4 unchanged. */
    mov %cr4, %ebx
    mov %ebx, %eax
    or $CR4_RESERVED, %eax
    EXPECT_FAULT 13, 10, mov %eax, %cr4
    mov %cr4, %eax
    cmp %ebx, %eax
    CHECK e, 11

    /* CR4.VMXE: #GP, CR4 unchanged, still no VMXE in what the guest reads. */
    mov %ebx, %eax
    or $CR4_VMXE, %eax
    EXPECT_FAULT 13, 12, mov %eax, %cr4
    mov %cr4, %eax
    cmp %ebx, %eax
    CHECK e, 13
    test $CR4_VMXE, %eax
    CHECK z, 14
    PUTS "cr: CR4 bit 31 and CR4.VMXE raise #GP, CR4 reads show no VMXE\n"

    /* CR4.OSFXSR: set, read back, clear, read back (needs FXSR: CPUID.1:EDX.24). */
    mov $1, %eax
    xor %ecx, %ecx
    cpuid
    bt $24, %edx
    jc 1f
    PUTS "cr: no FXSR, CR4.OSFXSR round trip skipped\n"
    jmp 2f
1:  mov %cr4, %eax
    or $CR4_OSFXSR, %eax
    mov %eax, %cr4
    mov %cr4, %eax
    test $CR4_OSFXSR, %eax
    CHECK nz, 15
    and $~CR4_OSFXSR, %eax
    mov %eax, %cr4
    mov %cr4, %eax
    test $CR4_OSFXSR, %eax
    CHECK z, 16
    test $CR4_VMXE, %eax
    CHECK z, 17
    PUTS "cr: CR4.OSFXSR round trip ok\n"
2:
    PUTS "cr: all checks passed\n"
    REPORT 0

    RUNTIME_PM32
