/* hostile-iopl: port I/O at CPL 3. The CPU checks IOPL and the TSS I/O permission bitmap before
 * any VM exit (SDM Vol. 1 19.5, Vol. 3C 26.1.1; APM Vol. 2 15.10.2): a denied access is #GP(0)
 * at the instruction with nothing transferred, an allowed one reaches the VMM, and a string pass
 * the library completes must not change that. Port 0x602/0x603 is minihv's quiet string device.
 * Each behaviour prints `ok <name>` (from ring 0); codes 0x10 * behaviour + check.
 * Flat 32-bit protected mode, own GDT (ring-3 segments, a TSS with an I/O bitmap) and IDT. */
#include "common.inc"

#define SEL_UCODE (0x20 | 3)
#define SEL_UDATA (0x28 | 3)
#define SEL_TSS   0x30
#define IOMAP_OFF 0x68            /* I/O map base in the TSS */
#define TSS_LIMIT (IOMAP_OFF + 0x100) /* bitmap for ports 0-0x7FF and its 0xFF byte */
#define DENIED    0x600           /* ports 0x600 and 0x601 have their bitmap bits set */
#define UBUF      0x150000

/* In ring 3: run `insn`, which must raise #GP(0) at itself; registers stay as the fault left
 * them. */
.macro EXPECT_GP code, insn:vararg
    movl $0, trap_count
    movl $.Lresume\@, trap_resume
.Linsn\@:
    \insn
    mov $\code, %eax
    jmp ring3_fail
.Lresume\@:
    cmpl $1, trap_count
    CHECK e, \code, ring3_fail
    cmpl $0, trap_err
    CHECK e, \code, ring3_fail
    cmpl $.Linsn\@, trap_eip
    CHECK e, \code, ring3_fail
    cmpl $SEL_UCODE, trap_cs
    CHECK e, \code, ring3_fail
.endm

.macro RESET_602_0
    mov $0x603, %dx
    out %al, %dx
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    call tss_init
    lgdt iopl_gdt_desc
    mov $SEL_TSS, %ax
    ltr %ax
    SET_GATE 13, trap_gp
    mov $0x30, %ecx                 /* int $0x30 from ring 3: back to ring 0 */
    mov $ring0_return, %eax
    call set_gate
    orl $0x6000, idt + 0x30 * 8 + 4 /* DPL 3 */
    RESET_602_0

    /* ring 3 with IOPL 0: the bitmap decides */
    movl $after_iopl0, ring0_resume
    mov $0x0002, %eax               /* EFLAGS: IOPL 0, IF 0 */
    jmp to_ring3
after_iopl0:
    cmpl $0, ring3_code
    je 1f
    mov ring3_code, %eax
    jmp fail
1:  PUTS "ok in-cpl3-iopl0-bitmap-clear\n"
    PUTS "ok in-cpl3-iopl0-bitmap-set-gp\n"
    PUTS "ok inw-cpl3-bitmap-second-port-gp\n"
    PUTS "ok in-cpl3-port-beyond-tss-limit-gp\n"
    PUTS "ok rep-insb-cpl3-bitmap-clear\n"
    PUTS "ok rep-outsb-cpl3-bitmap-set-gp\n"

    /* ring 3 with IOPL 3: the bitmap is not consulted */
    movl $after_iopl3, ring0_resume
    mov $0x3002, %eax               /* EFLAGS: IOPL 3 */
    jmp to_ring3_iopl3
after_iopl3:
    cmpl $0, ring3_code
    je 1f
    mov ring3_code, %eax
    jmp fail
1:  PUTS "ok in-cpl3-iopl3-bitmap-set\n"
    PUTS "ok rep-insw-cpl3-iopl3-bitmap-set\n"
    PUTS "hostile-iopl: all checks passed\n"
    REPORT 0

/* iret to ring 3 at `ring3_iopl0` (or _iopl3) with EFLAGS = EAX, stack at 0x6000 */
to_ring3:
    mov $ring3_iopl0, %ebx
    jmp 1f
to_ring3_iopl3:
    mov $ring3_iopl3, %ebx
1:  mov %esp, ring0_esp
    push $SEL_UDATA
    push $0x6000
    push %eax
    push $SEL_UCODE
    push %ebx
    iret

/* int $0x30: ring 3 is done (ring3_code says how); continue at ring0_resume on ring 0's stack */
ring0_return:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov ring0_esp, %esp
    jmp *ring0_resume

/* ring 3 failure: EAX = code */
ring3_fail:
    mov %eax, ring3_code
    int $0x30

ring3_iopl0:
    mov $SEL_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    /* 1. IN from a port whose bit is clear reaches the VMM (0x602: the sink's count, 0) */
    mov $0x602, %dx
    mov $0xFFFFFFFF, %eax
    in %dx, %eax
    test %eax, %eax
    CHECK z, 0x11, ring3_fail
    /* 2. the denied port: #GP(0), EAX untouched */
    mov $DENIED, %dx
    mov $0x12345678, %eax
    EXPECT_GP 0x21, inb %dx, %al
    cmp $0x12345678, %eax
    CHECK e, 0x22, ring3_fail
    /* 3. a word at 0x5FF: its bit is clear, 0x600's is set: #GP(0) */
    mov $(DENIED - 1), %dx
    EXPECT_GP 0x31, inw %dx, %ax
    /* 4. a port past the TSS limit (the bitmap ends at 0x7FF): #GP(0) */
    mov $0x900, %dx
    EXPECT_GP 0x41, inb %dx, %al
    /* 5. rep insb from a permitted port: every element, ECX 0 */
    cld
    mov $0x602, %dx
    mov $3, %ecx
    mov $UBUF, %edi
    movl $0x5A5A5A5A, UBUF
    rep insb
    test %ecx, %ecx
    CHECK z, 0x51, ring3_fail
    cmp $(UBUF + 3), %edi
    CHECK e, 0x52, ring3_fail
    cmpl $0x5A020100, UBUF
    CHECK e, 0x53, ring3_fail
    /* 6. rep outsb to the denied port: #GP(0) before any element, ECX/ESI kept, nothing sent */
    mov $DENIED, %dx
    mov $4, %ecx
    mov $UBUF, %esi
    EXPECT_GP 0x61, rep outsb
    cmp $4, %ecx
    CHECK e, 0x62, ring3_fail
    cmp $UBUF, %esi
    CHECK e, 0x63, ring3_fail
    mov $0x602, %dx
    in %dx, %eax
    test %eax, %eax
    CHECK z, 0x64, ring3_fail
    movl $0, ring3_code
    int $0x30

ring3_iopl3:
    mov $SEL_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    /* 7. IOPL 3 >= CPL 3: the denied port's bit does not matter (0x600 answers 0x11) */
    mov $DENIED, %dx
    mov $0xAABBCCDD, %eax
    in %dx, %al
    cmp $0xAABBCC11, %eax
    CHECK e, 0x71, ring3_fail
    /* 8. a string pass at IOPL 3 to a port whose bit is set: 0x601's words 0xA000, 0xA001 */
    mov $(DENIED + 1), %dx
    mov $2, %ecx
    mov $(UBUF + 0x10), %edi
    rep insw
    test %ecx, %ecx
    CHECK z, 0x81, ring3_fail
    cmpl $0xA001A000, UBUF + 0x10
    CHECK e, 0x82, ring3_fail
    movl $0, ring3_code
    int $0x30

/* Build the TSS (ring 0 stack; the I/O map is in .data below) and the GDT's TSS descriptor. */
tss_init:
    movl $0x6800, tss + 4           /* ESP0: apart from ring 0's stack (0x7000) and ring 3's (0x6000) */
    movl $SEL_DATA, tss + 8         /* SS0 */
    movw $IOMAP_OFF, tss + 0x66
    mov $tss, %eax                  /* descriptor: base, limit TSS_LIMIT, type 9, P, DPL 0 */
    mov %eax, %edx
    shl $16, %eax
    or $TSS_LIMIT, %eax
    mov %eax, iopl_gdt + SEL_TSS
    mov %edx, %eax
    shr $16, %eax
    and $0xFF, %eax
    mov %edx, %ecx
    and $0xFF000000, %ecx
    or %ecx, %eax
    or $0x00008900, %eax
    mov %eax, iopl_gdt + SEL_TSS + 4
    ret

/* #GP: record error code, EIP, CS; resume at trap_resume (ring 3 comes back to ring 3). */
trap_gp:
    cmpl $0, trap_resume
    je 1f
    popl trap_err
    push %eax
    mov 4(%esp), %eax
    mov %eax, trap_eip
    mov 8(%esp), %eax
    mov %eax, trap_cs
    mov trap_resume, %eax
    mov %eax, 4(%esp)
    movl $0, trap_resume
    incl trap_count
    pop %eax
    iret
1:  mov $(FAIL_UNEXPECTED_EXCEPTION + 13), %eax
    jmp fail

    .data
    .balign 8
iopl_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08: code, 32-bit, DPL 0 */
    .quad 0x00CF92000000FFFF        /* 0x10: data, DPL 0 */
    .quad 0x00AF9A000000FFFF        /* 0x18: code, 64-bit */
    .quad 0x00CFFA000000FFFF        /* 0x20: code, 32-bit, DPL 3 */
    .quad 0x00CFF2000000FFFF        /* 0x28: data, DPL 3 */
    .quad 0                         /* 0x30: the TSS (tss_init) */
iopl_gdt_end:
    .balign 4
    .word 0
iopl_gdt_desc:
    .word iopl_gdt_end - iopl_gdt - 1
    .long iopl_gdt
    .balign 4
trap_count:   .long 0
trap_err:     .long 0
trap_eip:     .long 0
trap_cs:      .long 0
trap_resume:  .long 0
ring0_esp:    .long 0
ring0_resume: .long 0
ring3_code:   .long 0
    .balign 16
tss:
    .fill IOMAP_OFF, 1, 0
    .fill DENIED / 8, 1, 0          /* ports 0-0x5FF allowed */
    .byte 0x03                      /* 0x600, 0x601 denied; 0x602-0x607 allowed */
    .fill 0x100 - DENIED / 8 - 1, 1, 0
    .byte 0xFF                      /* the byte after the bitmap (SDM Vol. 1 19.5.2) */
    .text

    RUNTIME_PM32
