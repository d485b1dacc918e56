/* mmio-prot32: the MMIO device (README "MMIO device") from flat 32-bit protected mode with paging
 * off, where linear = guest-physical and the device sits at 0xD0000000. A mix of forms: MOV at
 * 8/16/32 bits (A0-A3 moffs32, AH-DH, 66 prefix, SIB), MOVZX/MOVSX, read-modify-write ADD, OR,
 * XCHG and BTS checked against the same instruction on RAM (result, ECX and RFLAGS), rep stosd,
 * MOVS with segment overrides (explicit DS, ES on the source, FS with a nonzero base, and an ES
 * with a nonzero base for the destination), and 16-bit addressing (67 prefix) through a GS whose
 * base is the device. */
#include "common.inc"
#include "mmio.inc"

/* Our GDT adds two flat data segments with a base to the standard three (+ 64-bit code). */
#define SEL_BASE1000 0x20           /* base 0x10000000, limit 4 GiB */
#define SEL_BASEDEV  0x28           /* base 0xD0000000 (the device), limit 4 GiB */
#define DEV DEV_GPA

/* One read-modify-write case: `insn` (memory operand at EBX, register ECX) runs on the RAM pair
 * ram_cell/ram_cell+4 and then on the device pair at DEV+0x200, with the same ECX and flags in.
 * Both dwords, ECX and RFLAGS & mask must agree; codes `code` .. `code`+3. */
.macro RMW code, mask, flags, mem0, mem1, reg, insn:vararg
    movl $\mem0, ram_cell
    movl $\mem1, ram_cell+4
    mov $ram_cell, %ebx
    mov $\reg, %ecx
    push $\flags
    popf
    \insn
    pushf
    popl ram_flags
    mov %ecx, ram_ecx
    mov $(DEV+0x200), %ebx
    movl $\mem0, (%ebx)
    movl $\mem1, 4(%ebx)
    mov $\reg, %ecx
    push $\flags
    popf
    \insn
    pushf
    pop %edx
    EXPECT32R %ecx, ram_ecx, \code
    EXPECT32R (%ebx), ram_cell, (\code+1)
    EXPECT32R 4(%ebx), ram_cell+4, (\code+2)
    xor ram_flags, %edx
    and $\mask, %edx
    EXPECT32 %edx, 0, (\code+3)
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    lgdt gdtx_desc                  /* same 0x08/0x10 as pm32_init's, plus 0x20 and 0x28 */
    mov $SEL_BASE1000, %ax
    mov %ax, %fs
    mov $SEL_BASEDEV, %ax
    mov %ax, %gs
    mov $DEV, %ebx

    /* ---- loads */
    mov DEV + 0x10, %eax            /* A1 moffs32 */
    EXPECT32 %eax, PAT32(0x10), 1
    mov $0x11223344, %ecx
    mov 0x14(%ebx), %cl
    mov 0x15(%ebx), %ch
    EXPECT32 %ecx, 0x11220000 | PAT16(0x14), 2
    mov $0x55667788, %edx
    mov 0x16(%ebx), %dx             /* 66 8B: merges */
    EXPECT32 %edx, 0x55660000 | PAT16(0x16), 3
    mov $1, %esi
    mov 0x18(%ebx,%esi,8), %eax     /* SIB -> 0x20 */
    EXPECT32 %eax, PAT32(0x20), 4
    mov $0x99999999, %eax
    mov DEV + 0x24, %al             /* A0 */
    EXPECT32 %eax, 0x99999900 | PAT(0x24), 5
    PUTS "mmio-prot32: mov r8/r16/r32, m (moffs32, SIB, 66) ok\n"

    /* ---- stores */
    mov $0xA55A, %edx
    mov %dl, 0x100(%ebx)
    mov %dh, 0x101(%ebx)
    movw $0xBEEF, 0x102(%ebx)       /* 66 C7 */
    EXPECT32 0x100(%ebx), 0xBEEFA55A, 6
    mov $0x1234, %eax
    mov %ax, DEV + 0x104            /* 66 A3 */
    movb $0x5A, 0x106(%ebx)         /* C6 */
    EXPECT32 0x104(%ebx), (PAT(0x107) << 24) | 0x5A1234, 7
    movl $0xCAFEF00D, 0x108(%ebx)   /* C7 */
    mov $0x0BADBEEF, %esi
    mov %esi, DEV + 0x10C           /* 89 with disp32 only */
    mov $0x77, %al
    mov %al, DEV + 0x110            /* A2 */
    EXPECT32 0x108(%ebx), 0xCAFEF00D, 8
    EXPECT32 0x10C(%ebx), 0x0BADBEEF, 9
    EXPECT32 0x110(%ebx), (PAT32(0x110) & ~0xFF) | 0x77, 10
    PUTS "mmio-prot32: mov m, r8/r16/r32 and m, imm ok\n"

    /* ---- MOVZX / MOVSX (bytes 0x40-0x46 have bit 7 set) */
    movzbl 0x40(%ebx), %eax
    EXPECT32 %eax, PAT(0x40), 11
    movsbl 0x41(%ebx), %eax
    EXPECT32 %eax, LO32(SX8(PAT(0x41))), 12
    movzwl 0x42(%ebx), %eax
    EXPECT32 %eax, PAT16(0x42), 13
    movswl 0x45(%ebx), %eax
    EXPECT32 %eax, LO32(SX16(PAT16(0x45))), 14
    mov $0x12345678, %ecx
    movsbw 0x46(%ebx), %cx          /* 66 0F BE: merges into ECX */
    EXPECT32 %ecx, 0x12340000 | LO16(SX8(PAT(0x46))), 15
    PUTS "mmio-prot32: movzx/movsx ok\n"

    /* ---- read-modify-write against RAM */
    RMW 0x40, FL_ARITH, 0, 0x7FFFFFFF, 0x11111111, 0x00000001, add %ecx, (%ebx)
    RMW 0x44, FL_ARITH, FL_ARITH, 0xFFFF8000, 0x11111111, 0x00008000, addw %cx, (%ebx)
    RMW 0x48, FL_ARITH, FL_CF, 0x000000FF, 0x11111111, 0x12345601, add (%ebx), %cl
    PUTS "mmio-prot32: add m,r / r,m at 8/16/32 bits, flags as on RAM ok\n"
    RMW 0x4C, FL_LOGIC, 0, 0x00000000, 0x11111111, 0, orl $0x80000001, (%ebx)
    RMW 0x50, FL_LOGIC, FL_ARITH, 0x00000000, 0x11111111, 0, orb $0x81, 1(%ebx)
    RMW 0x54, FL_LOGIC, 0, 0x00001234, 0x11111111, 0, orw $-2, 2(%ebx)
    PUTS "mmio-prot32: or m,imm (81/80/66 83) ok\n"
    RMW 0x58, FL_ARITH, FL_ARITH, 0xDEADBEEF, 0x11111111, 0x01234567, xchg %ecx, (%ebx)
    RMW 0x5C, FL_ARITH, 0, 0xDEADBEEF, 0x11111111, 0x01234567, xchg %cx, 2(%ebx)
    PUTS "mmio-prot32: xchg m32, m16 ok\n"
    RMW 0x60, FL_BT, 0, 0x00000000, 0x00000000, 0, btsl $5, (%ebx)
    RMW 0x64, FL_BT, FL_ARITH, 0x00000000, 0x00000001, 35, bts %ecx, (%ebx)
    RMW 0x68, FL_BT, 0, 0x00000000, 0x00000000, 17, btsw %cx, 2(%ebx)
    PUTS "mmio-prot32: bts m,imm8 and m,r (offset past the operand) ok\n"

    /* ---- rep stosd */
    mov $DEV, %ebx                  /* RMW left it at the device + 0x200 */
    cld
    mov $0x12345678, %eax
    mov $DEV + 0x300, %edi
    mov $3, %ecx
    rep stosl
    EXPECT32 %edi, DEV + 0x30C, 16
    EXPECT32 %ecx, 0, 17
    EXPECT32 0x300(%ebx), 0x12345678, 18
    EXPECT32 0x308(%ebx), 0x12345678, 19
    EXPECT32 0x30C(%ebx), PAT32(0x30C), 20
    PUTS "mmio-prot32: rep stosd ok\n"

    /* ---- MOVS with segment overrides */
    mov $0xC0000030, %esi           /* FS base 0x10000000 + 0xC0000030 = the device + 0x30 */
    mov $buf, %edi
    movsb %fs:(%esi), %es:(%edi)    /* 64 A4 */
    EXPECT32 %esi, 0xC0000031, 21
    EXPECT32 %edi, buf + 1, 22
    mov $2, %ecx
    rep movsw %fs:(%esi), %es:(%edi)   /* F3 66 64 A5 */
    EXPECT32 %esi, 0xC0000035, 23
    EXPECT32 %edi, buf + 5, 24
    EXPECT32 %ecx, 0, 25
    EXPECT32 buf, PAT32(0x30), 26
    EXPECT32 buf + 4, 0xEEEEEE00 | PAT(0x34), 27
    mov $DEV + 0x40, %esi
    movsb %es:(%esi), %es:(%edi)    /* 26 A4: ES on the source */
    EXPECT32 buf + 4, 0xEEEE0000 | (PAT(0x40) << 8) | PAT(0x34), 28
    mov $src, %esi
    mov $DEV + 0x310, %edi
    .byte 0x3E                      /* explicit DS (GAS drops a redundant %ds:) */
    movsb
    EXPECT32 %esi, src + 1, 29
    EXPECT32 %edi, DEV + 0x311, 30
    mov $SEL_BASE1000, %ax          /* ES with a base: the destination is ES:EDI */
    mov %ax, %es
    mov $0xC0000318, %edi           /* -> the device + 0x318 */
    mov $3, %ecx
    rep movsb
    mov $SEL_DATA, %ax
    mov %ax, %es
    EXPECT32 %esi, src + 4, 31
    EXPECT32 %edi, 0xC000031B, 32
    EXPECT32 0x310(%ebx), (PAT32(0x310) & ~0xFF) | 0xA1, 33
    EXPECT32 0x318(%ebx), (PAT32(0x318) & ~0xFFFFFF) | 0xA4A3A2, 34
    PUTS "mmio-prot32: movs with ds/es/fs overrides and segment bases ok\n"

    /* ---- 16-bit addressing (67) through GS (base = the device) */
    mov $0x20, %ebx
    mov $0x8, %esi
    addr16 mov %gs:0x10(%bx,%si), %eax   /* 0x20 + 0x8 + 0x10 = 0x38 */
    EXPECT32 %eax, PAT32(0x38), 35
    mov $0xFFFF1FF0, %ebx           /* BX = 0x1FF0: the upper half of EBX is ignored */
    mov $0xE050, %esi               /* 0x1FF0 + 0xE050 wraps to 0x0040 in 16 bits */
    addr16 mov %gs:(%bx,%si), %ax
    EXPECT32 %eax, (PAT32(0x38) & 0xFFFF0000) | PAT16(0x40), 36
    mov $0xFFF0, %esi
    addr16 movw $0x4321, %gs:0x70(%si)  /* 0xFFF0 + 0x70 wraps to 0x0060 */
    mov $DEV, %ebx
    EXPECT32 0x60(%ebx), (PAT32(0x60) & ~0xFFFF) | 0x4321, 37
    PUTS "mmio-prot32: 16-bit addressing (67) with a gs base ok\n"

    PUTS "mmio-prot32: all checks passed\n"
    REPORT 0

    .data
    .balign 8
gdtx:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08: code, 32-bit */
    .quad 0x00CF92000000FFFF        /* 0x10: data */
    .quad 0x00AF9A000000FFFF        /* 0x18: code, 64-bit */
    .quad 0x10CF92000000FFFF        /* 0x20: data, base 0x10000000 */
    .quad 0xD0CF92000000FFFF        /* 0x28: data, base 0xD0000000 */
gdtx_end:
    .balign 4
    .word 0
gdtx_desc:
    .word gdtx_end - gdtx - 1
    .long gdtx
ram_cell:  .long 0, 0
ram_flags: .long 0
ram_ecx:   .long 0
src:       .byte 0xA1, 0xA2, 0xA3, 0xA4
buf:       .fill 8, 1, 0xEE
    .text

    RUNTIME_PM32
    EMIT_PUTHEX32
