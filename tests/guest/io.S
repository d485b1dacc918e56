/* io: port I/O the VMM answers. IN of each size from 0x600 (merged into EAX: only the accessed
 * bytes change), `rep insw` from 0x601 into memory, `rep outsb` of "xvcpu" to 0x601 (the VMM
 * checks those bytes). Flat 32-bit protected mode. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    mov $0x600, %dx

    mov $0xAABBCCDD, %eax
    in %dx, %al
    cmp $0xAABBCC11, %eax           /* AL = 0x11, the rest of EAX kept */
    CHECK e, 1
    mov $0xAABBCCDD, %eax
    in %dx, %ax
    cmp $0xAABB2211, %eax           /* AX = 0x2211, the rest of EAX kept */
    CHECK e, 2
    mov $0xAABBCCDD, %eax
    in %dx, %eax
    cmp $0x44332211, %eax
    CHECK e, 3
    PUTS "io: inb/inw/inl 0x600 ok\n"

    /* rep insw: five words 0xA000..0xA004; the guard word after them stays. */
    cld
    mov $0x601, %dx
    mov $5, %ecx
    mov $in_buf, %edi
    rep insw
    test %ecx, %ecx
    CHECK z, 4
    cmp $(in_buf + 10), %edi
    CHECK e, 5
    cmpw $0xA000, in_buf
    CHECK e, 6
    cmpw $0xA001, in_buf + 2
    CHECK e, 7
    cmpw $0xA002, in_buf + 4
    CHECK e, 8
    cmpw $0xA003, in_buf + 6
    CHECK e, 9
    cmpw $0xA004, in_buf + 8
    CHECK e, 10
    cmpw $0x5A5A, in_buf + 10
    CHECK e, 11
    PUTS "io: rep insw 0x601 ok\n"

    /* rep outsb: "xvcpu" (the VMM fails the run if the bytes differ). */
    mov $0x601, %dx
    mov $5, %ecx
    mov $out_str, %esi
    rep outsb
    test %ecx, %ecx
    CHECK z, 12
    cmp $(out_str + 5), %esi
    CHECK e, 13
    PUTS "io: rep outsb 0x601 ok\n"

    PUTS "io: all checks passed\n"
    REPORT 0

    .data
    .balign 4
in_buf:  .fill 5, 2, 0xFFFF         /* rep insw fills these */
         .word 0x5A5A               /* guard */
out_str: .ascii "xvcpu"
    .text

    RUNTIME_PM32
