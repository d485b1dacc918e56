/* hostile-strio: string port I/O (INS/OUTS) the way a hostile guest drives it. The library gives
 * the VMM one page per pass and makes the segment and paging checks the CPU leaves to the
 * hypervisor (issue 12 defect 7: QEMU's SVM reports no address size; 32-bit `rep insw` with
 * ECX = 0x7FF00 ran as 16-bit). Port 0x602 is minihv's quiet string device: INS elements count up
 * from 0, OUTS bytes are counted (IN 0x602) and hashed h = h * 31 + byte (IN 0x603); OUT 0x603
 * resets both. Each behaviour prints `ok <name>`; codes 0x10 * behaviour + check.
 * Flat 32-bit protected mode; a 16-bit code segment and a paging excursion inside. */
#include "common.inc"

#define SEL_DATA_4K   0x20   /* data, base 0x30000, limit 0xFFF (byte granular), writable */
#define SEL_DATA_RO   0x28   /* data, read-only, flat */
#define SEL_STACK_32K 0x30   /* data, writable, base 0, limit 0x7FFF */
#define SEL_DATA_DOWN 0x38   /* data, expand-down, writable, B = 1, limit 0x1FFF */
#define SEL_CODE16    0x40   /* code, 16-bit (D = 0), base 0, limit 0xFFFF */

#define PD_ADDR   0x1C0000   /* 32-bit paging for the #PF behaviour: PD and one page table */
#define PT_ADDR   0x1C1000
#define HOLE      0x41000    /* the page left not present */
#define BUF       0x150000   /* small buffers, outside the huge INS */

/* Run `insn`, which must raise `vector` with error code `err` at itself; the registers stay as
 * the fault left them (trap_common records the rest). Fails with `code` otherwise. */
.macro EXPECT_TRAP vector, err, code, insn:vararg
    movl $0, trap_count
    movl $.Lresume\@, trap_resume
.Linsn\@:
    \insn
    mov $\code, %eax
    jmp fail
.Lresume\@:
    cmpl $1, trap_count
    CHECK e, \code
    cmpl $\vector, trap_vec
    CHECK e, \code
    cmpl $\err, trap_err
    CHECK e, \code
    cmpl $.Linsn\@, trap_eip
    CHECK e, \code
.endm

.macro RESET_602
    mov $0x603, %dx
    out %al, %dx
.endm

/* EAX = bytes OUTS sent to 0x602 since the reset */
.macro SINK_BYTES
    mov $0x602, %dx
    in %dx, %eax
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    lgdt strio_gdt_desc            /* the flat entries of pm32_init's GDT, and ours after them */
    SET_GATE 12, trap_ss
    SET_GATE 13, trap_gp
    SET_GATE 14, trap_pf

    /* 1. the defect: rep insw, ECX = 0x7FF00, 32-bit code: 0x7FF00 words at 0x20000, ECX 0 */
    cld
    RESET_602
    movw $0x5A5A, 0x11FE00          /* the guard word after the last element */
    mov $0x602, %dx
    mov $0x7FF00, %ecx
    mov $0x20000, %edi
    rep insw
    test %ecx, %ecx
    CHECK z, 0x11
    cmp $0x11FE00, %edi
    CHECK e, 0x12
    cmpw $0, 0x20000
    CHECK e, 0x13
    cmpw $0x1000, 0x22000           /* element 0x1000, three pages in */
    CHECK e, 0x14
    cmpw $0xFEFF, 0x11FDFE          /* the last, element 0x7FEFF */
    CHECK e, 0x15
    cmpw $0x5A5A, 0x11FE00
    CHECK e, 0x16
    PUTS "ok insw-addr32-huge-ecx\n"

    /* 2. DF = 1: rep insb walks down, element 0 at the highest address; EDI ends one below */
    RESET_602
    movl $0x5A5A5A5A, BUF
    movl $0x5A5A5A5A, BUF + 4
    std
    mov $0x602, %dx
    mov $5, %ecx
    mov $(BUF + 5), %edi
    rep insb
    cld
    test %ecx, %ecx
    CHECK z, 0x21
    cmp $BUF, %edi
    CHECK e, 0x22
    cmpl $0x00010203, BUF + 2       /* BUF+5 = 0, +4 = 1, +3 = 2, +2 = 3, +1 = 4 */
    CHECK e, 0x23
    cmpw $0x045A, BUF
    CHECK e, 0x24
    cmpw $0x5A5A, BUF + 6
    CHECK e, 0x25
    PUTS "ok insb-df1\n"

    /* 3. rep outsd across a page boundary, one dword straddling it: 16 bytes, exact hash */
    RESET_602
    mov $(BUF + 0xFF6), %edi        /* the source bytes: 0x40, 0x41, ... */
    mov $0x40, %al
    mov $16, %ecx
1:  stosb
    inc %al
    loop 1b
    mov $0x602, %dx
    mov $4, %ecx
    mov $(BUF + 0xFF6), %esi        /* dwords at FF6, FFA, FFE (straddles), 1002 */
    rep outsl
    test %ecx, %ecx
    CHECK z, 0x31
    cmp $(BUF + 0x1006), %esi
    CHECK e, 0x32
    SINK_BYTES
    cmp $16, %eax
    CHECK e, 0x33
    xor %ebx, %ebx                  /* the hash of 0x40..0x4F */
    mov $0x40, %ecx
2:  imul $31, %ebx
    add %ecx, %ebx
    inc %ecx
    cmp $0x50, %ecx
    jb 2b
    mov $0x603, %dx
    in %dx, %eax
    cmp %ebx, %eax
    CHECK e, 0x34
    PUTS "ok outsd-page-straddle\n"

    /* 4. 16-bit addresses in 32-bit code (67): DI and CX wrap at 16 bits, bits 31:16 kept */
    RESET_602
    movw $0x5A5A, 0
    mov $0x602, %dx
    mov $0x55550003, %ecx
    mov $0xABCDFFFC, %edi
    addr16 rep insw                 /* ES:FFFC, ES:FFFE, then ES:0000 */
    cmp $0x55550000, %ecx
    CHECK e, 0x41
    cmp $0xABCD0002, %edi
    CHECK e, 0x42
    cmpl $0x00010000, 0xFFFC
    CHECK e, 0x43
    cmpw $2, 0
    CHECK e, 0x44
    PUTS "ok insw-addr16-wrap\n"

    /* 5. ES limit 0xFFF: 4 words, then #GP(0) at the instruction with EDI/ECX on element 4 */
    RESET_602
    mov $SEL_DATA_4K, %ax
    mov %ax, %es
    mov $0x602, %dx
    mov $0x10, %ecx
    mov $0xFF8, %edi
    EXPECT_TRAP 13, 0, 0x51, rep insw
    cmp $0xC, %ecx
    CHECK e, 0x52
    cmp $0x1000, %edi
    CHECK e, 0x53
    cmpl $0x00030002, 0x30FFC       /* elements 2 and 3 before the limit */
    CHECK e, 0x54
    /* a word across the limit (FFF-1000) faults before any element */
    mov $0xFFF, %edi
    mov $3, %ecx
    EXPECT_TRAP 13, 0, 0x55, rep insw
    cmp $3, %ecx
    CHECK e, 0x56
    cmp $0xFFF, %edi
    CHECK e, 0x57
    PUTS "ok insw-es-limit-gp\n"

    /* 6. INS into a read-only ES: #GP(0) before any element */
    mov $SEL_DATA_RO, %ax
    mov %ax, %es
    mov $0x602, %dx
    mov $2, %ecx
    mov $BUF, %edi
    EXPECT_TRAP 13, 0, 0x61, rep insb
    cmp $2, %ecx
    CHECK e, 0x62
    cmp $BUF, %edi
    CHECK e, 0x63
    mov $SEL_DATA, %ax
    mov %ax, %es
    PUTS "ok insb-readonly-es-gp\n"

    /* 7. OUTS with an SS override past SS's limit 0x7FFF: 2 bytes, then #SS(0) */
    RESET_602
    mov $SEL_STACK_32K, %ax
    mov %ax, %ss                    /* (ESP is below 0x7000: the stack still fits) */
    mov $0x602, %dx
    mov $4, %ecx
    mov $0x7FFE, %esi
    EXPECT_TRAP 12, 0, 0x71, rep outsb %ss:(%esi), %dx
    mov $SEL_DATA, %ax
    mov %ax, %ss
    cmp $2, %ecx
    CHECK e, 0x72
    cmp $0x8000, %esi
    CHECK e, 0x73
    SINK_BYTES
    cmp $2, %eax
    CHECK e, 0x74
    PUTS "ok outsb-ss-limit-ss\n"

    /* 8. OUTS through FS, expand-down (offsets 0x2000 and up), DF = 1: 2 bytes, then #GP(0) */
    RESET_602
    mov $SEL_DATA_DOWN, %ax
    mov %ax, %fs
    std
    mov $0x602, %dx
    mov $5, %ecx
    mov $0x2001, %esi
    EXPECT_TRAP 13, 0, 0x81, rep outsb %fs:(%esi), %dx
    cld
    cmp $3, %ecx
    CHECK e, 0x82
    cmp $0x1FFF, %esi
    CHECK e, 0x83
    SINK_BYTES
    cmp $2, %eax
    CHECK e, 0x84
    mov $SEL_DATA, %ax
    mov %ax, %fs
    PUTS "ok outsb-fs-expand-down-df1-gp\n"

    /* 9. 16-bit code: DI/CX by default, EDI/ECX with 67; a limit #GP in 16-bit code */
    RESET_602
    ljmp $SEL_CODE16, $code16
    .code16
code16:
    mov $0x602, %dx
    mov $0x77770002, %ecx
    mov $0x8888F000, %edi           /* (flat ES: ES:F000) */
    rep insw
    cmp $0x77770000, %ecx
    CHECK e, 0x91, fail16
    cmp $0x8888F004, %edi
    CHECK e, 0x92, fail16
    mov $2, %ecx
    mov $(BUF + 0x10), %edi
    addr32 rep insw
    test %ecx, %ecx
    CHECK z, 0x93, fail16
    cmp $(BUF + 0x14), %edi
    CHECK e, 0x94, fail16
    mov $SEL_DATA_4K, %ax
    mov %ax, %es
    mov $5, %cx
    mov $0xFFC, %di
    movl $0, trap_count
    movl $resume16, trap_resume
insn16:
    rep insw
    jmp fail16_96
resume16:
    mov $SEL_DATA, %ax
    mov %ax, %es
    ljmpl $SEL_CODE32, $back32
fail16_96:
    mov $0x96, %eax
fail16:
    ljmpl $SEL_CODE32, $fail
    .code32
back32:
    cmpl $0x00030002, BUF + 0x10    /* the two words the addr32 form wrote */
    CHECK e, 0x95
    cmpl $1, trap_count
    CHECK e, 0x97
    cmpl $13, trap_vec
    CHECK e, 0x97
    cmpl $insn16, trap_eip
    CHECK e, 0x97
    cmp $3, %cx
    CHECK e, 0x98
    cmp $0x1000, %di
    CHECK e, 0x99
    PUTS "ok insw-code16-addr16-addr32-limit-gp\n"

    /* 10. paging: a not-present page mid-string is #PF(2) with CR2 at it and EDI/ECX on the
     * faulting element; once mapped, the instruction completes */
    call paging_on
    RESET_602
    mov $0x602, %dx
    mov $0x100, %ecx
    mov $(HOLE - 4), %edi
    EXPECT_TRAP 14, 2, 0xA1, rep insw
    cmp $0xFE, %ecx
    CHECK e, 0xA2
    cmp $HOLE, %edi
    CHECK e, 0xA3
    cmpl $HOLE, trap_cr2
    CHECK e, 0xA4
    /* a word straddling into the hole: #PF at the hole, nothing done */
    mov $1, %ecx
    mov $(HOLE - 1), %edi
    EXPECT_TRAP 14, 2, 0xA5, rep insw
    cmp $1, %ecx
    CHECK e, 0xA6
    cmp $(HOLE - 1), %edi
    CHECK e, 0xA7
    cmpl $HOLE, trap_cr2
    CHECK e, 0xA8
    movl $(HOLE | 3), PT_ADDR + (HOLE >> 12) * 4
    invlpg HOLE
    mov $0xFE, %ecx
    mov $HOLE, %edi
    rep insw
    test %ecx, %ecx
    CHECK z, 0xA9
    cmp $(HOLE + 0x1FC), %edi
    CHECK e, 0xAA
    cmpw $0xFF, HOLE + 0x1FA        /* the 256th element */
    CHECK e, 0xAB
    call paging_off
    PUTS "ok insw-pf-mid-string\n"

    PUTS "hostile-strio: all checks passed\n"
    REPORT 0

/* 32-bit paging, identity for 0-4 MiB with 4 KiB pages, HOLE not present. */
paging_on:
    mov $PT_ADDR, %edi
    mov $3, %eax
    mov $1024, %ecx
1:  stosl
    add $0x1000, %eax
    loop 1b
    movl $0, PT_ADDR + (HOLE >> 12) * 4
    movl $(PT_ADDR | 3), PD_ADDR
    mov $PD_ADDR, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    jmp 2f
2:  ret

paging_off:
    mov %cr0, %eax
    and $0x7FFFFFFF, %eax
    mov %eax, %cr0
    jmp 1f
1:  ret

/* #SS, #GP, #PF (each pushes an error code): record vector, error code, EIP, CR2, resume at
 * trap_resume. ECX/ESI/EDI stay as the fault left them. */
trap_ss:
    movl $12, trap_vec
    jmp trap_common
trap_gp:
    movl $13, trap_vec
    jmp trap_common
trap_pf:
    movl $14, trap_vec
trap_common:
    cmpl $0, trap_resume
    je 1f
    popl trap_err
    push %eax
    mov 4(%esp), %eax
    mov %eax, trap_eip
    mov %cr2, %eax
    mov %eax, trap_cr2
    mov trap_resume, %eax
    mov %eax, 4(%esp)
    movl $0, trap_resume
    incl trap_count
    pop %eax
    iret
1:  mov trap_vec, %eax
    add $FAIL_UNEXPECTED_EXCEPTION, %eax
    jmp fail

    .data
    .balign 8
strio_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08: code, 32-bit, flat */
    .quad 0x00CF92000000FFFF        /* 0x10: data, flat */
    .quad 0x00AF9A000000FFFF        /* 0x18: code, 64-bit */
    .quad 0x0040920300000FFF        /* 0x20: data, base 0x30000, limit 0xFFF */
    .quad 0x00CF90000000FFFF        /* 0x28: data, read-only, flat */
    .quad 0x0040920000007FFF        /* 0x30: data, limit 0x7FFF */
    .quad 0x0040960000001FFF        /* 0x38: data, expand-down, B = 1, limit 0x1FFF */
    .quad 0x00009A000000FFFF        /* 0x40: code, 16-bit, limit 0xFFFF */
strio_gdt_end:
    .balign 4
    .word 0
strio_gdt_desc:
    .word strio_gdt_end - strio_gdt - 1
    .long strio_gdt
    .balign 4
trap_count:  .long 0
trap_vec:    .long 0
trap_err:    .long 0
trap_eip:    .long 0
trap_cr2:    .long 0
trap_resume: .long 0
    .text

    RUNTIME_PM32
