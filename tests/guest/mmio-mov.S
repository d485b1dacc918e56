/* mmio-mov: every MOV form with a memory operand, on the VMM's MMIO device (README "MMIO
 * device"), in 64-bit long mode with the guest's own page tables: the device at guest-physical
 * 0xD0000000 appears at linear 0x40000000 (4 KiB page), so linear != physical. Loads are checked
 * against the device's initial content PAT(i), stores by reading the qword back (after the 64-bit
 * load has been checked). Covers 88/89/8A/8B at 8/16/32/64 bits (AH-BH, SIL/DIL, R8-R15), C6/C7
 * (sign-extended imm32), A0-A3 with 64- and 32-bit moffs, MOVZX/MOVSX/MOVSXD, and the addressing
 * forms: base+disp8/disp32, SIB with scale, index without base, absolute disp32, R12/R13/RBP
 * bases, RIP-relative (also with an immediate after the displacement), 32-bit address size
 * (with wrap-around), and an FS override with a nonzero FS base. Device offsets: loads 0x00-0xFF,
 * stores 0x100-0x1FF, the ID register at 0xFF8. */
#include "common.inc"
#include "mmio.inc"

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call paging64_init
    mov dev_ptr(%rip), %rbx         /* RIP-relative: the RAM variable holding the device's address */

    /* ---- loads, 8B r64 / 8B with REX.R */
    mov 0x10(%rbx), %rax
    EXPECT %rax, PAT64(0x10), 1
    mov 0x18(%rbx), %r15
    EXPECT %r15, PAT64(0x18), 2
    PUTS "mmio-mov: mov r64, m64 (rax, r15) ok\n"

    /* 32-bit loads zero-extend into the 64-bit register */
    mov $-1, %rdx
    mov 0x20(%rbx), %edx
    EXPECT %rdx, PAT32(0x20), 3
    mov $-1, %r11
    mov 0x24(%rbx), %r11d
    EXPECT %r11, PAT32(0x24), 4
    PUTS "mmio-mov: mov r32, m32 zero-extends (edx, r11d) ok\n"

    /* 16-bit loads merge */
    movabs $0x1111222233334444, %rcx
    mov 0x28(%rbx), %cx
    EXPECT %rcx, 0x1111222233330000 | PAT16(0x28), 5
    movabs $0x5555666677778888, %r10
    mov 0x2A(%rbx), %r10w
    EXPECT %r10, 0x5555666677770000 | PAT16(0x2A), 6
    PUTS "mmio-mov: mov r16, m16 merges (cx, r10w) ok\n"

    /* 8-bit loads merge: AL, AH (no REX), SIL (REX 40, not DH), R9B, DH, BH (the base's own
     * register: a second base is used) */
    movabs $0x0102030405060708, %rax
    mov 0x30(%rbx), %al
    mov 0x31(%rbx), %ah
    EXPECT %rax, 0x0102030405060000 | (PAT(0x31) << 8) | PAT(0x30), 7
    movabs $0x1122334455667788, %rsi
    mov 0x33(%rbx), %sil
    EXPECT %rsi, 0x1122334455667700 | PAT(0x33), 8
    movabs $0x99AABBCCDDEEFF00, %r9
    mov 0x34(%rbx), %r9b
    EXPECT %r9, 0x99AABBCCDDEEFF00 | PAT(0x34), 9
    movabs $0x7777777777777777, %rdx
    mov 0x35(%rbx), %dh
    EXPECT %rdx, 0x7777777777770077 | (PAT(0x35) << 8), 10
    mov %rbx, %rdi
    mov 0x32(%rdi), %bh
    EXPECT %rbx, DEV_LIN | (PAT(0x32) << 8), 11
    mov %rdi, %rbx
    PUTS "mmio-mov: mov r8, m8 merges (al, ah, sil, r9b, dh, bh) ok\n"

    /* ---- MOVZX / MOVSX / MOVSXD; bytes 0x40-0x46 have bit 7 set, 0x47-0x4A clear */
    mov $-1, %rax
    movzbl 0x40(%rbx), %eax
    EXPECT %rax, PAT(0x40), 12
    movabs $0x1111222233334444, %rax
    movzbw 0x41(%rbx), %ax
    EXPECT %rax, 0x1111222233330000 | PAT(0x41), 13
    mov $-1, %r8
    movzbq 0x42(%rbx), %r8
    EXPECT %r8, PAT(0x42), 14
    mov $-1, %rcx
    movzwl 0x43(%rbx), %ecx
    EXPECT %rcx, PAT16(0x43), 15
    mov $-1, %r12
    movzwq 0x44(%rbx), %r12
    EXPECT %r12, PAT16(0x44), 16
    PUTS "mmio-mov: movzx m8/m16 to r16/r32/r64 ok\n"

    mov $-1, %rdx
    movsbl 0x45(%rbx), %edx
    EXPECT %rdx, LO32(SX8(PAT(0x45))), 17
    movabs $0x1111222233334444, %rsi
    movsbw 0x46(%rbx), %si
    EXPECT %rsi, 0x1111222233330000 | LO16(SX8(PAT(0x46))), 18
    movsbq 0x40(%rbx), %rdi
    EXPECT %rdi, SX8(PAT(0x40)), 19
    mov $-1, %r13
    movsbq 0x47(%rbx), %r13
    EXPECT %r13, PAT(0x47), 20
    mov $-1, %r10
    movswl 0x45(%rbx), %r10d
    EXPECT %r10, LO32(SX16(PAT16(0x45))), 21
    movswq 0x44(%rbx), %r11
    EXPECT %r11, SX16(PAT16(0x44)), 22
    movslq 0x40(%rbx), %rax
    EXPECT %rax, SX32(PAT32(0x40)), 23
    mov $-1, %rcx
    movslq 0x47(%rbx), %rcx
    EXPECT %rcx, PAT32(0x47), 24
    PUTS "mmio-mov: movsx m8/m16 and movsxd m32 ok\n"

    /* ---- A0/A1 with a 64-bit moffs, and 67 A1 with a 32-bit one */
    movabs $0x1111222233334444, %rax
    movabs DEV_LIN + 0x50, %al
    EXPECT %rax, 0x1111222233334400 | PAT(0x50), 25
    movabs DEV_LIN + 0x50, %ax
    EXPECT %rax, 0x1111222233330000 | PAT16(0x50), 26
    movabs DEV_LIN + 0x50, %eax
    EXPECT %rax, PAT32(0x50), 27
    movabs DEV_LIN + 0x50, %rax
    EXPECT %rax, PAT64(0x50), 28
    mov $-1, %rax
    .byte 0x67, 0xA1                /* addr32 mov moffs32, %eax */
    .long DEV_LIN + 0x54
    EXPECT %rax, PAT32(0x54), 29
    PUTS "mmio-mov: mov al/ax/eax/rax, moffs64 and moffs32 ok\n"

    /* ---- addressing forms */
    mov $2, %ecx
    mov 0x48(%rbx,%rcx,4), %rax     /* SIB: base + index * 4 + disp8 -> 0x50 */
    EXPECT %rax, PAT64(0x50), 30
    lea 0x400(%rbx), %rdi
    mov $3, %ecx
    mov -0x3E8(%rdi,%rcx,8), %rax   /* base + index * 8 - disp32 -> 0x30 */
    EXPECT %rax, PAT64(0x30), 31
    mov $0xC, %ecx
    mov DEV_LIN(,%rcx,8), %rax      /* no base: index * 8 + disp32 -> 0x60 */
    EXPECT %rax, PAT64(0x60), 32
    mov $-1, %rax
    mov DEV_LIN + 0x68, %eax        /* absolute disp32 (SIB, no base, no index) */
    EXPECT %rax, PAT32(0x68), 33
    mov %rbx, %r12
    mov 0x70(%r12), %rax            /* R12 base needs a SIB byte */
    EXPECT %rax, PAT64(0x70), 34
    lea 0x78(%rbx), %r13
    mov (%r13), %rax                /* R13 base needs a disp8 of 0 */
    EXPECT %rax, PAT64(0x78), 35
    mov %r13, %rbp
    mov 8(%rbp), %rax               /* RBP base (SS segment) -> 0x80 */
    EXPECT %rax, PAT64(0x80), 36
    movabs $0xABCD000000000000 + DEV_LIN + 0x88, %rsi
    mov (%esi), %rax                /* 67: 32-bit address, the upper half of RSI ignored */
    EXPECT %rax, PAT64(0x88), 37
    mov $0xFFFFFFF0, %esi
    mov DEV_LIN + 0x98(%esi), %rax  /* 32-bit address wraps: 0xFFFFFFF0 + 0x40000098 -> 0x40000088 */
    EXPECT %rax, PAT64(0x88), 38
    RIPREL DEV_LIN + 0x90, 0, 0x48, 0x8b, 0x05   /* mov disp32(%rip), %rax */
    EXPECT %rax, PAT64(0x90), 39
    PUTS "mmio-mov: SIB, no-base, disp32, r12/r13/rbp, addr32 and RIP-relative ok\n"

    mov $MSR_FS_BASE, %ecx
    mov $DEV_LIN + 0x80, %eax
    xor %edx, %edx
    wrmsr
    mov %fs:0x18, %rax              /* FS base + 0x18 -> 0x98 */
    EXPECT %rax, PAT64(0x98), 40
    mov $0x20, %ecx
    mov %fs:8(%rcx), %eax           /* FS base + RCX + 8 -> 0xA8 */
    EXPECT %rax, PAT32(0xA8), 41
    PUTS "mmio-mov: FS override with FS base ok\n"

    /* ---- stores, 88 r8: AL, AH, R12B, DIL (REX 40, not BH), CH */
    movabs $0x1111111111115AA5, %rax
    mov $0xC3, %r12d
    mov $0x3C, %edi
    mov $0x7E00, %ecx
    mov %al, 0x100(%rbx)
    mov %ah, 0x101(%rbx)
    mov %r12b, 0x102(%rbx)
    mov %dil, 0x103(%rbx)
    mov %ch, 0x104(%rbx)
    EXPECT 0x100(%rbx), (PAT64(0x100) & ~0xFFFFFFFFFF) | 0x7E3CC35AA5, 42
    PUTS "mmio-mov: mov m8, r8 (al, ah, r12b, dil, ch) ok\n"

    /* 89 r16 / r32 / r64 */
    mov $0xBEEF, %ecx
    mov $0xCAFE, %r13d
    mov $0xD00D, %esi
    mov %cx, 0x108(%rbx)
    mov %r13w, 0x10A(%rbx)
    mov %si, 0x10E(%rbx)
    EXPECT 0x108(%rbx), 0xD00D000000000000 | (PAT16(0x10C) << 32) | 0xCAFEBEEF, 43
    mov $0x89ABCDEF, %esi
    mov $0x01234567, %r14d
    mov %esi, 0x110(%rbx)
    mov %r14d, 0x114(%rbx)
    EXPECT 0x110(%rbx), 0x0123456789ABCDEF, 44
    movabs $0xFEDCBA9876543210, %rdx
    movabs $0x8000000000000001, %r8
    mov %rdx, 0x118(%rbx)
    mov %r8, 0x120(%rbx)
    EXPECT 0x118(%rbx), 0xFEDCBA9876543210, 45
    EXPECT 0x120(%rbx), 0x8000000000000001, 46
    PUTS "mmio-mov: mov m16/m32/m64, r (cx, r13w, si, esi, r14d, rdx, r8) ok\n"

    /* C6 / C7 immediates */
    movb $0x5A, 0x128(%rbx)
    movw $0x1234, 0x12A(%rbx)
    movl $0x89ABCDEF, 0x12C(%rbx)
    EXPECT 0x128(%rbx), 0x89ABCDEF12340000 | (PAT(0x129) << 8) | 0x5A, 47
    movq $-2, 0x130(%rbx)           /* imm32 sign-extended to 64 bits */
    EXPECT 0x130(%rbx), 0xFFFFFFFFFFFFFFFE, 48
    movq $0x7FFFFFFF, 0x138(%rbx)
    EXPECT 0x138(%rbx), 0x7FFFFFFF, 49
    mov $2, %ecx
    movl $0xCAFEF00D, 0x130(%rbx,%rcx,8)  /* SIB + disp32 + imm32 -> 0x140 */
    movw $0x4321, 0x144(%rbx)
    EXPECT 0x140(%rbx), (PAT16(0x146) << 48) | 0x4321CAFEF00D, 50
    RIPREL DEV_LIN + 0x148, 4, 0xc7, 0x05        /* movl $imm32, disp32(%rip) */
    .long 0x0BADCAFE
    RIPREL DEV_LIN + 0x14C, 2, 0x66, 0xc7, 0x05  /* movw $imm16, disp32(%rip) */
    .word 0x7357
    RIPREL DEV_LIN + 0x14E, 1, 0xc6, 0x05        /* movb $imm8, disp32(%rip) */
    .byte 0x99
    EXPECT 0x148(%rbx), (PAT(0x14F) << 56) | 0x0099735700000000 | 0x0BADCAFE, 51
    RIPREL DEV_LIN + 0x150, 4, 0x48, 0xc7, 0x05  /* movq $simm32, disp32(%rip) */
    .long 0x80000000
    EXPECT 0x150(%rbx), 0xFFFFFFFF80000000, 52
    PUTS "mmio-mov: mov m, imm (8/16/32/64, SIB, RIP-relative) ok\n"

    /* A2 / A3 */
    movabs $0x8877665544332211, %rax
    movabs %al, DEV_LIN + 0x158
    movabs %ax, DEV_LIN + 0x15A
    movabs %eax, DEV_LIN + 0x15C
    EXPECT 0x158(%rbx), 0x4433221122110000 | (PAT(0x159) << 8) | 0x11, 53
    movabs %rax, DEV_LIN + 0x160
    EXPECT 0x160(%rbx), 0x8877665544332211, 54
    mov $0xFACEB00C, %eax
    .byte 0x67, 0xA3                /* addr32 mov %eax, moffs32 */
    .long DEV_LIN + 0x16C
    EXPECT 0x168(%rbx), 0xFACEB00C00000000 | PAT32(0x168), 55
    PUTS "mmio-mov: mov moffs64/moffs32, al/ax/eax/rax ok\n"

    /* ---- the read-only ID register */
    mov 0xFF8(%rbx), %rax
    EXPECT %rax, DEV_ID, 56
    movq $0, 0xFF8(%rbx)
    mov $-1, %rax
    mov 0xFFC(%rbx), %eax
    EXPECT %rax, DEV_ID >> 32, 57
    mov 0xFF8(%rbx), %rax
    EXPECT %rax, DEV_ID, 58
    PUTS "mmio-mov: ID register reads 0123456789abcdef, ignores writes\n"

    PUTS "mmio-mov: all checks passed\n"
    REPORT 0

    .data
    .balign 8
dev_ptr: .quad DEV_LIN
    .text

    RUNTIME_MMIO64
