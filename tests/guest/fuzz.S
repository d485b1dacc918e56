/* fuzz: the random-instruction guest of minihv's fuzz mode (examples/minihv/fuzz.c, run by
 * tests/fuzz/run.sh; not in the e2e list). The VMM starts it in each start mode in turn, at the
 * entry the table after the header names for that mode. In a loop, the guest asks the VMM for a
 * sequence (hypercall FUZZ_NEXT, RDI = the vector that ended the last one, 0x100 for none), which
 * the VMM writes to the code buffer at 0x20000 with GPRs and RFLAGS in the register block at
 * 0xE000; the answer in EAX is the CPL to run it at (0 or 3; always 0 in real mode). The guest
 * loads RFLAGS, RSP and the GPRs and IRETs to the buffer. Every vector of its own IDT (IVT in real
 * mode) ends the sequence: the handler resets the stack and segments and IRETs to the loop (so an
 * NMI's blocking ends too).
 *
 * Protection: at CPL3 the guest's kernel is out of reach: in protected mode by segmentation (user
 * CS/DS/SS based at 0x20000 with a 64 KiB limit; FS the MMIO device, GS at 0x40000000, an unmapped
 * GPA), in long mode by paging (the VMM's tables: only 0x20000-0x2FFFF, 0x40000000 and 0xD0000000
 * user pages; FS base 0xD0000000, GS base 0x40000000). At CPL0 and in real mode a sequence may wreck
 * the guest; the VMM then restarts it.
 *
 * Memory: kernel stack top 0x7F00, IST stack 0xC000-0xCFFF, register block 0xE000 (RAX..R15,
 * RFLAGS, 8 bytes each), IDT 0xF000, code buffer 0x20000 (user area to 0x2FFFF). */
#define HC_FUZZ_NEXT 0x46
#define KSTACK 0x7F00
#define IST_TOP 0xD000
#define REGS 0xE000
#define REG_RSP (REGS + 32)
#define REG_RFLAGS (REGS + 128)
#define IDT 0xF000
#define BUF 0x20000

/* The header, then the entries per start mode (1 real, 2 protected, 3 long) and the address of
 * the hypercall the VMM patches (VMCALL or VMMCALL). */
    .section .text.header, "ax"
    .ascii "XVCPUGST"
    .long 3
    .long entry_long
    .long entry_real, entry_prot, entry_long
    .long hc_slot

    .text
/* The hypercall: the same bytes in every mode (0F 01 C1 or D9, then RET). */
hc_slot:
    .byte 0x0F, 0x01, 0xC1
    ret

/* ---- real mode: CS base = entry_real, IP 0; jump to CS 0 so offsets are link addresses ---- */
    .code16
    .balign 16
entry_real:
    ljmpw $0, $real_init
real_init:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $KSTACK, %sp
    xor %di, %di                    /* IVT: vector v -> 0:rstubs + 8 * v */
    mov $rstubs, %ax
    mov $256, %cx
1:  mov %ax, (%di)
    movw $0, 2(%di)
    add $8, %ax
    add $4, %di
    loop 1b
    mov $0x100, %di
    jmp real_next

    .balign 8
rstubs:
    .set vec, 0
    .rept 256
    .balign 8
    pushw $vec
    jmp real_common
    .set vec, vec + 1
    .endr

real_common:
    pop %di                         /* the vector, from whatever stack the event used */
    xor %ax, %ax
    mov %ax, %ss
    mov $KSTACK, %sp
    pushw $2                        /* IRET to the loop: FLAGS, CS, IP */
    pushw $0
    pushw $real_next
    iret

real_next:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $KSTACK, %sp
    movzwl %di, %edi
    xor %esi, %esi
    mov $HC_FUZZ_NEXT, %eax
    call hc_slot
    mov $0x2000, %ax                /* the sequence's stack: 0x2000:SP */
    mov %ax, %ss
    mov REG_RSP, %sp
    pushw REG_RFLAGS
    pushw $0x2000
    pushw $0
    mov $0x2000, %ax
    mov %ax, %es
    mov $0x3000, %ax
    mov %ax, %fs
    mov $0x4000, %ax
    mov %ax, %gs
    mov REGS + 0, %eax
    mov REGS + 8, %ecx
    mov REGS + 16, %edx
    mov REGS + 24, %ebx
    mov REGS + 40, %ebp
    mov REGS + 48, %esi
    mov REGS + 56, %edi
    movw %cs:seg_user16, %ds
    iret
seg_user16:
    .word 0x2000

/* ---- protected mode (flat, paging off) ---- */
    .code32
#define P_KCODE 0x08
#define P_KDATA 0x10
#define P_UCODE 0x1B
#define P_UDATA 0x23
#define P_UFS 0x2B
#define P_UGS 0x33
#define P_TSS 0x38
entry_prot:
    cli
    lgdtl gdt32_desc
    ljmpl $P_KCODE, $1f
1:  mov $P_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $KSTACK, %esp
    mov $tss32, %eax                /* TSS descriptor: base tss32, limit 103, 32-bit available */
    mov %eax, %edx
    shl $16, %edx
    or $103, %edx
    mov %edx, gdt32 + P_TSS
    mov %eax, %edx
    shr $16, %edx
    and $0xFF, %edx
    or $0x8900, %edx
    and $0xFF000000, %eax
    or %eax, %edx
    mov %edx, gdt32 + P_TSS + 4
    movl $KSTACK, tss32 + 4         /* ESP0, SS0 */
    movl $P_KDATA, tss32 + 8
    movw $104, tss32 + 102          /* no I/O bitmap */
    mov $P_TSS, %ax
    ltr %ax
    xor %ecx, %ecx                  /* IDT: vector v -> pstubs + 16 * v, DPL 0 (3 for INT3, INTO) */
2:  mov %ecx, %eax
    shl $4, %eax
    add $pstubs, %eax
    mov %eax, %edx
    and $0xFFFF, %edx
    or $(P_KCODE << 16), %edx
    mov %edx, IDT(, %ecx, 8)
    and $0xFFFF0000, %eax
    or $0x8E00, %eax
    cmp $3, %ecx
    je 3f
    cmp $4, %ecx
    jne 4f
3:  or $0x6000, %eax
4:  mov %eax, IDT + 4(, %ecx, 8)
    inc %ecx
    cmp $256, %ecx
    jne 2b
    lidtl idt32_desc
    mov $0x100, %edi
    jmp prot_next

    .balign 16
pstubs:
    .set vec, 0
    .rept 256
    .balign 16
    pushl $vec
    jmp prot_common
    .set vec, vec + 1
    .endr

prot_common:
    pop %edi                        /* the vector */
    mov $P_KDATA, %ax
    mov %ax, %ss
    mov $KSTACK, %esp
    pushl $2                        /* IRET to the loop at CPL0 */
    pushl $P_KCODE
    pushl $prot_next
    iret

prot_next:
    mov $P_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $KSTACK, %esp
    xor %esi, %esi
    mov $HC_FUZZ_NEXT, %eax
    call hc_slot
    mov $P_UFS, %dx
    mov %dx, %fs
    mov $P_UGS, %dx
    mov %dx, %gs
    cmp $3, %eax
    je 1f
    mov REG_RSP, %esp               /* CPL0: flat, the sequence's ESP */
    pushl REG_RFLAGS
    pushl $P_KCODE
    pushl $BUF
    jmp prot_load
1:  pushl $P_UDATA                  /* CPL3: segments based at the buffer */
    pushl REG_RSP
    pushl REG_RFLAGS
    pushl $P_UCODE
    pushl $0
    mov $P_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
prot_load:
    mov %ss:REGS + 0, %eax
    mov %ss:REGS + 8, %ecx
    mov %ss:REGS + 16, %edx
    mov %ss:REGS + 24, %ebx
    mov %ss:REGS + 40, %ebp
    mov %ss:REGS + 48, %esi
    mov %ss:REGS + 56, %edi
    iret

/* ---- long mode (the VMM's page tables at 0x1000) ---- */
    .code64
#define L_KCODE 0x08
#define L_KDATA 0x10
#define L_UDATA 0x23
#define L_UCODE 0x2B
#define L_TSS 0x30
entry_long:
    cli
    lgdt gdt64_desc
    pushq $L_KCODE
    pushq $1f
    lretq
1:  mov $L_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $KSTACK, %esp
    mov $tss64, %eax                /* TSS descriptor (base below 4 GiB): limit 103, type 9 */
    mov %eax, %edx
    shl $16, %edx
    or $103, %edx
    mov %edx, gdt64 + L_TSS
    mov %eax, %edx
    shr $16, %edx
    and $0xFF, %edx
    or $0x8900, %edx
    and $0xFF000000, %eax
    or %eax, %edx
    mov %edx, gdt64 + L_TSS + 4
    movq $KSTACK, tss64 + 4         /* RSP0 */
    movq $IST_TOP, tss64 + 36       /* IST1: every vector, so a wild RSP cannot double-fault */
    movw $104, tss64 + 102
    mov $L_TSS, %ax
    ltr %ax
    xor %ecx, %ecx                  /* IDT: vector v -> lstubs + 16 * v, IST1 */
2:  mov %ecx, %eax
    shl $4, %eax
    add $lstubs, %eax
    mov %ecx, %ebx
    shl $4, %ebx
    mov %eax, %edx
    and $0xFFFF, %edx
    or $(L_KCODE << 16), %edx
    mov %edx, IDT(%rbx)
    and $0xFFFF0000, %eax
    or $0x8E01, %eax
    cmp $3, %ecx
    je 3f
    cmp $4, %ecx
    jne 4f
3:  or $0x6000, %eax
4:  mov %eax, IDT + 4(%rbx)
    movq $0, IDT + 8(%rbx)
    inc %ecx
    cmp $256, %ecx
    jne 2b
    lidt idt64_desc
    mov $0xC0000100, %ecx           /* FS base: the device; GS base: an unmapped GPA */
    mov $0xD0000000, %eax
    xor %edx, %edx
    wrmsr
    mov $0xC0000101, %ecx
    mov $0x40000000, %eax
    wrmsr
    mov $0x100, %edi
    jmp long_next

    .balign 16
lstubs:
    .set vec, 0
    .rept 256
    .balign 16
    pushq $vec
    jmp long_common
    .set vec, vec + 1
    .endr

long_common:
    pop %rdi                        /* the vector (on the IST stack) */
    pushq $L_KDATA                  /* IRETQ to the loop at CPL0 on the kernel stack */
    pushq $KSTACK
    pushq $2
    pushq $L_KCODE
    pushq $long_next
    iretq

long_next:
    mov $L_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    xor %esi, %esi
    mov $HC_FUZZ_NEXT, %eax
    call hc_slot
    cmp $3, %eax
    je 1f
    pushq $L_KDATA                  /* CPL0 */
    pushq REG_RSP
    pushq REG_RFLAGS
    pushq $L_KCODE
    pushq $BUF
    jmp long_load
1:  pushq $L_UDATA                  /* CPL3 */
    pushq REG_RSP
    pushq REG_RFLAGS
    pushq $L_UCODE
    pushq $BUF
long_load:
    mov REGS + 0, %rax
    mov REGS + 8, %rcx
    mov REGS + 16, %rdx
    mov REGS + 24, %rbx
    mov REGS + 40, %rbp
    mov REGS + 48, %rsi
    mov REGS + 56, %rdi
    mov REGS + 64, %r8
    mov REGS + 72, %r9
    mov REGS + 80, %r10
    mov REGS + 88, %r11
    mov REGS + 96, %r12
    mov REGS + 104, %r13
    mov REGS + 112, %r14
    mov REGS + 120, %r15
    iretq

    .data
    .balign 8
gdt32:
    .quad 0
    .quad 0x00CF9A000000FFFF        /* 0x08 kernel code, flat 32-bit */
    .quad 0x00CF92000000FFFF        /* 0x10 kernel data, flat */
    .quad 0x0040FA020000FFFF        /* 0x18 user code: base 0x20000, limit 64 KiB, 32-bit, DPL3 */
    .quad 0x0040F2020000FFFF        /* 0x20 user data: the same */
    .quad 0xD040F20000000FFF        /* 0x28 user FS: the device page 0xD0000000 */
    .quad 0x404FF2000000FFFF        /* 0x30 user GS: 1 MiB at 0x40000000 (unmapped GPAs) */
    .quad 0                         /* 0x38 TSS (filled in) */
gdt32_end:
gdt32_desc:
    .word gdt32_end - gdt32 - 1
    .long gdt32
idt32_desc:
    .word 256 * 8 - 1
    .long IDT

    .balign 8
gdt64:
    .quad 0
    .quad 0x00AF9A000000FFFF        /* 0x08 kernel code, 64-bit */
    .quad 0x00CF92000000FFFF        /* 0x10 kernel data */
    .quad 0x00CFFA000000FFFF        /* 0x18 user code, 32-bit (compatibility mode) */
    .quad 0x00CFF2000000FFFF        /* 0x20 user data */
    .quad 0x00AFFA000000FFFF        /* 0x28 user code, 64-bit */
    .quad 0, 0                      /* 0x30 TSS (filled in) */
gdt64_end:
gdt64_desc:
    .word gdt64_end - gdt64 - 1
    .quad gdt64
idt64_desc:
    .word 256 * 16 - 1
    .quad IDT

    .balign 16
tss32:
    .fill 104, 1, 0
    .balign 16
tss64:
    .fill 104, 1, 0

    .section .note.GNU-stack, "", @progbits
