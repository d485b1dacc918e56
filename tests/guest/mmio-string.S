/* mmio-string: MOVS and STOS on the VMM's MMIO device (README "MMIO device"), one element per
 * exit. 64-bit long mode, the device mapped at linear 0x40000000 by the guest's own tables (as in
 * mmio-mov). `rep movsb/movsw/movsd/movsq` RAM -> device, device -> RAM and device -> device,
 * `rep stosb/stosw/stosq` to the device, with DF = 0 and DF = 1, single MOVS/STOS without REP
 * (RCX untouched) and REP with RCX = 0 (nothing happens). After each: RSI, RDI, RCX, the data
 * (read back through 64-bit loads, which mmio-mov checks) and the bytes around it. */
#include "common.inc"
#include "mmio.inc"

#define D(off) (DEV_LIN + (off))

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call paging64_init
    mov $DEV_LIN, %ebx

    /* ---- rep movsb RAM -> device, DF = 0: five bytes to 0x100 */
    cld
    mov $src, %esi
    mov $D(0x100), %edi
    mov $5, %ecx
    rep movsb
    EXPECT %rsi, src + 5, 1
    EXPECT %rdi, D(0x105), 2
    EXPECT %rcx, 0, 3
    EXPECT 0x100(%rbx), (PAT64(0x100) & ~0xFFFFFFFFFF) | 0x0504030201, 4
    PUTS "mmio-string: rep movsb ram->dev (DF=0) ok\n"

    /* rep movsb device -> RAM, DF = 0: seven bytes from 0x100 */
    mov $D(0x100), %esi
    mov $dst, %edi
    mov $7, %ecx
    rep movsb
    EXPECT %rsi, D(0x107), 5
    EXPECT %rdi, dst + 7, 6
    EXPECT %rcx, 0, 7
    EXPECT dst, 0xEE00000000000000 | (PAT16(0x105) << 40) | 0x0504030201, 8
    PUTS "mmio-string: rep movsb dev->ram (DF=0) ok\n"

    /* rep movsw RAM -> device and rep movsd device -> RAM, DF = 0 */
    mov $src, %esi
    mov $D(0x110), %edi
    mov $3, %ecx
    rep movsw
    EXPECT %rsi, src + 6, 9
    EXPECT %rdi, D(0x116), 10
    EXPECT %rcx, 0, 11
    EXPECT 0x110(%rbx), (PAT16(0x116) << 48) | 0x060504030201, 12
    call clear_dst
    mov $D(0x200), %esi
    mov $dst, %edi
    mov $3, %ecx
    rep movsl
    EXPECT %rsi, D(0x20C), 13
    EXPECT %rdi, dst + 12, 14
    EXPECT %rcx, 0, 15
    EXPECT dst, PAT64(0x200), 16
    EXPECT dst + 8, 0xEEEEEEEE00000000 | PAT32(0x208), 17
    PUTS "mmio-string: rep movsw ram->dev, rep movsd dev->ram (DF=0) ok\n"

    /* rep movsq RAM -> device and back, DF = 0 */
    mov $src, %esi
    mov $D(0x120), %edi
    mov $2, %ecx
    rep movsq
    EXPECT %rsi, src + 16, 18
    EXPECT %rdi, D(0x130), 19
    EXPECT %rcx, 0, 20
    call clear_dst
    mov $D(0x120), %esi
    mov $dst, %edi
    mov $2, %ecx
    rep movsq
    EXPECT %rsi, D(0x130), 21
    EXPECT %rdi, dst + 16, 22
    EXPECT %rcx, 0, 23
    EXPECT dst, 0x0807060504030201, 24
    EXPECT dst + 8, 0x100F0E0D0C0B0A09, 25
    EXPECT dst + 16, 0xEEEEEEEEEEEEEEEE, 26
    PUTS "mmio-string: rep movsq ram->dev->ram (DF=0) ok\n"

    /* ---- DF = 1: rep movsb RAM -> device from the last byte down: src[4..0] -> 0x134..0x130 */
    std
    mov $src + 4, %esi
    mov $D(0x134), %edi
    mov $5, %ecx
    rep movsb
    cld
    EXPECT %rsi, (src - 1), 27
    EXPECT %rdi, D(0x12F), 28
    EXPECT %rcx, 0, 29
    EXPECT 0x130(%rbx), (PAT64(0x130) & ~0xFFFFFFFFFF) | 0x0504030201, 30
    PUTS "mmio-string: rep movsb ram->dev (DF=1) ok\n"

    /* rep movsq device -> RAM, DF = 1: 0x208 -> dst+8, 0x200 -> dst */
    call clear_dst
    std
    mov $D(0x208), %esi
    mov $dst + 8, %edi
    mov $2, %ecx
    rep movsq
    cld
    EXPECT %rsi, D(0x1F8), 31
    EXPECT %rdi, (dst - 8), 32
    EXPECT %rcx, 0, 33
    EXPECT dst, PAT64(0x200), 34
    EXPECT dst + 8, PAT64(0x208), 35
    EXPECT dst + 16, 0xEEEEEEEEEEEEEEEE, 36
    PUTS "mmio-string: rep movsq dev->ram (DF=1) ok\n"

    /* rep movsw device -> RAM and rep movsd RAM -> device, DF = 1 */
    call clear_dst
    std
    mov $D(0x214), %esi
    mov $dst + 4, %edi
    mov $3, %ecx
    rep movsw                       /* 0x214, 0x212, 0x210 -> dst+4, +2, +0 */
    cld
    EXPECT %rsi, D(0x20E), 37
    EXPECT %rdi, (dst - 2), 38
    EXPECT %rcx, 0, 39
    EXPECT dst, 0xEEEE000000000000 | (PAT32(0x210) | (PAT16(0x214) << 32)), 40
    std
    mov $src + 4, %esi
    mov $D(0x13C), %edi
    mov $2, %ecx
    rep movsl                       /* src+4 -> 0x13C, src -> 0x138 */
    cld
    EXPECT %rsi, (src - 4), 41
    EXPECT %rdi, D(0x134), 42
    EXPECT %rcx, 0, 43
    EXPECT 0x138(%rbx), 0x0807060504030201, 44
    PUTS "mmio-string: rep movsw dev->ram, rep movsd ram->dev (DF=1) ok\n"

    /* ---- device -> device: each element a read and a write */
    mov $D(0x200), %esi
    mov $D(0x180), %edi
    mov $3, %ecx
    rep movsl
    EXPECT %rsi, D(0x20C), 45
    EXPECT %rdi, D(0x18C), 46
    EXPECT %rcx, 0, 47
    EXPECT 0x180(%rbx), PAT64(0x200), 48
    EXPECT 0x188(%rbx), (PAT32(0x18C) << 32) | PAT32(0x208), 49
    std
    mov $D(0x207), %esi
    mov $D(0x197), %edi
    mov $2, %ecx
    rep movsb                       /* 0x207 -> 0x197, 0x206 -> 0x196 */
    cld
    EXPECT %rsi, D(0x205), 50
    EXPECT %rdi, D(0x195), 51
    EXPECT 0x190(%rbx), (PAT16(0x206) << 48) | (PAT64(0x190) & 0xFFFFFFFFFFFF), 52
    PUTS "mmio-string: rep movsd / movsb dev->dev (DF=0, DF=1) ok\n"

    /* ---- rep stosb / stosw / stosq to the device */
    movabs $0x1122334455667788, %rax
    mov $D(0x140), %edi
    mov $3, %ecx
    rep stosb
    EXPECT %rdi, D(0x143), 53
    EXPECT %rcx, 0, 54
    EXPECT 0x140(%rbx), (PAT64(0x140) & ~0xFFFFFF) | 0x888888, 55
    mov $D(0x148), %edi
    mov $2, %ecx
    rep stosq
    EXPECT %rdi, D(0x158), 56
    EXPECT %rcx, 0, 57
    EXPECT 0x148(%rbx), 0x1122334455667788, 58
    EXPECT 0x150(%rbx), 0x1122334455667788, 59
    PUTS "mmio-string: rep stosb, rep stosq (DF=0) ok\n"
    movabs $0x1122334455667788, %rax  /* puts clobbered it */
    std
    mov $D(0x168), %edi
    mov $2, %ecx
    rep stosq                       /* 0x168, then 0x160 */
    mov $D(0x177), %edi
    mov $2, %ecx
    rep stosb                       /* 0x177, then 0x176 */
    mov $D(0x17A), %edi
    mov $1, %ecx
    rep stosw                       /* 0x17A */
    cld
    EXPECT %rdi, D(0x178), 60
    EXPECT %rcx, 0, 61
    EXPECT 0x160(%rbx), 0x1122334455667788, 62
    EXPECT 0x168(%rbx), 0x1122334455667788, 63
    EXPECT 0x170(%rbx), 0x8888000000000000 | (PAT64(0x170) & 0xFFFFFFFFFFFF), 64
    EXPECT 0x178(%rbx), (PAT64(0x178) & ~0xFFFF0000) | 0x77880000, 65
    PUTS "mmio-string: rep stosq, rep stosb, rep stosw (DF=1) ok\n"

    /* ---- without REP: one element, RCX untouched; REP with RCX = 0: nothing at all */
    mov $src + 8, %esi
    mov $D(0x1A0), %edi
    mov $0x55, %ecx
    movsb
    EXPECT %rsi, src + 9, 66
    EXPECT %rdi, D(0x1A1), 67
    EXPECT %rcx, 0x55, 68
    mov $0xABCD, %eax
    stosw
    EXPECT %rdi, D(0x1A3), 69
    EXPECT %rcx, 0x55, 70
    EXPECT 0x1A0(%rbx), (PAT64(0x1A0) & ~0xFFFFFF) | 0xABCD09, 71
    xor %ecx, %ecx
    mov $D(0x1B0), %esi
    mov $dst, %edi
    rep movsq
    rep stosq
    EXPECT %rsi, D(0x1B0), 72
    EXPECT %rdi, dst, 73
    PUTS "mmio-string: movsb, stosw without rep; rep with rcx=0 ok\n"

    PUTS "mmio-string: all checks passed\n"
    REPORT 0

/* clear_dst: fill dst with 0xEE. */
clear_dst:
    push %rdi
    push %rcx
    push %rax
    mov $dst, %edi
    mov $32, %ecx
    mov $0xEE, %al
    rep stosb
    pop %rax
    pop %rcx
    pop %rdi
    ret

    .data
    .balign 8
    .fill 8, 1, 0xCC                /* guard below src */
src:
    .byte 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08
    .byte 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10
    .fill 8, 1, 0xCC                /* guard above src */
    .fill 8, 1, 0xEE                /* guard below dst */
dst:
    .fill 32, 1, 0xEE
    .text

    RUNTIME_MMIO64
