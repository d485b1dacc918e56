/* cpuid: what the guest sees of CPUID under xvcpu: the hypervisor bit, no VMX/SVM/MCE, APIC ID 0,
 * the "xvcpuxvcpuxv" signature leaf, and Intel's answer for a leaf above the maximum basic leaf
 * (the maximum basic leaf's values). Flat 32-bit protected mode. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    /* Leaf 1. */
    mov $1, %eax
    xor %ecx, %ecx
    cpuid
    bt $31, %ecx                    /* ECX.31: running under a hypervisor */
    CHECK c, 1
    bt $5, %ecx                     /* ECX.5: VMX */
    CHECK nc, 2
    bt $7, %edx                     /* EDX.7: MCE */
    CHECK nc, 3
    test $0xFF000000, %ebx          /* EBX[31:24]: initial APIC ID */
    CHECK z, 4
    PUTS "cpuid: leaf 1: hypervisor bit set, no VMX, no MCE, APIC ID 0\n"

    /* Leaf 0x40000000: the signature "xvcpuxvcpuxv" in EBX:ECX:EDX, max leaf >= 0x40000001. */
    mov $0x40000000, %eax
    xor %ecx, %ecx
    cpuid
    cmp $0x40000001, %eax
    CHECK ae, 5
    cmp $0x70637678, %ebx           /* "xvcp" */
    CHECK e, 6
    cmp $0x63767875, %ecx           /* "uxvc" */
    CHECK e, 7
    cmp $0x76787570, %edx           /* "puxv" */
    CHECK e, 8
    PUTS "cpuid: signature leaf xvcpuxvcpuxv ok\n"

    /* Leaf 0x80000001: no SVM (ECX.2). */
    mov $0x80000000, %eax
    xor %ecx, %ecx
    cpuid
    cmp $0x80000001, %eax
    CHECK ae, 9
    mov $0x80000001, %eax
    xor %ecx, %ecx
    cpuid
    bt $2, %ecx
    CHECK nc, 10
    PUTS "cpuid: no SVM\n"

    /* A basic leaf above the maximum (max + 0x100, still below 0x40000000) returns what the
     * maximum basic leaf returns (subleaf 0 for both). */
    xor %eax, %eax
    xor %ecx, %ecx
    cpuid
    mov %eax, max_leaf
    cmp $(0x40000000 - 0x100), %eax
    CHECK b, 11
    xor %ecx, %ecx
    cpuid                           /* EAX = max */
    mov %eax, max_regs
    mov %ebx, max_regs + 4
    mov %ecx, max_regs + 8
    mov %edx, max_regs + 12
    mov max_leaf, %eax
    add $0x100, %eax
    xor %ecx, %ecx
    cpuid
    cmp max_regs, %eax
    CHECK e, 12
    cmp max_regs + 4, %ebx
    CHECK e, 13
    cmp max_regs + 8, %ecx
    CHECK e, 14
    cmp max_regs + 12, %edx
    CHECK e, 15
    PUTS "cpuid: leaf above the maximum answers like the maximum basic leaf\n"

    PUTS "cpuid: all checks passed\n"
    REPORT 0

    .data
    .balign 4
max_leaf: .long 0
max_regs: .long 0, 0, 0, 0
    .text

    RUNTIME_PM32
