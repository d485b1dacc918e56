/* hostile-mmio-user: the MMIO device from CPL 3, in 64-bit long mode with the guest's own tables
 * (4 KiB pages; linear != physical). Through a user page (U/S = 1 at every level) a CPL-3 load
 * and store reach the device (the library emulates them for user code); through a supervisor
 * page the same accesses #PF at the instruction with error code P|U (5) for the load and P|W|U
 * (7) for the store and CR2 the linear address (SDM Vol. 3A 4.6, 4.7), and the device sees
 * neither. User mode comes back with INT3 (a DPL-3 gate). */
#include "common.inc"
#include "mmio.inc"
#include "catch64.inc"

#define PF 14
#define PG_U 0x4
#define PG_UP (PTE_P | PTE_RW | PG_U)
#define LIN_USER  0x40000000             /* the device through a user page */
#define LIN_SUPER 0x40001000             /* ... and through a supervisor page */
#define SEL_TSS   0x20
#define SEL_UDATA 0x33                   /* GDT 0x30, RPL 3 */
#define SEL_UCODE 0x3B                   /* GDT 0x38, RPL 3 */
#define USER_STACK 0x6800
#define KSTACK 0x7000

/* At CPL 3: run `insn`, which must #PF; record as TRY does, resume after it. */
.macro USER_TRY insn:vararg
    movq $0, caught_count
    movq $-2, caught_vector
    movq $-2, caught_error
    movq $-2, caught_rip
    movq $.Lut_end\@, try_resume
.Lut_insn\@:
    \insn
.Lut_end\@:
    movq $0, try_resume
    movq $.Lut_insn\@, user_insn_rip
.endm

/* At CPL 3, after USER_TRY: keep what arrived (and CR2, which pf_stub read) as pf_<which>_*. */
.macro SAVE_CAUGHT which
    mov user_insn_rip, %rax
    mov %rax, user_pf_\which\()_rip
    mov caught_vector, %rax
    mov %rax, pf_\which\()_vector
    mov caught_error, %rax
    mov %rax, pf_\which\()_error
    mov caught_rip, %rax
    mov %rax, pf_\which\()_rip
    mov pf_cr2, %rax
    mov %rax, pf_\which\()_cr2
.endm

/* At CPL 0, after the user code: the check TRY makes, for the user instruction. */
.macro USER_VERIFY name, code, vector, error
    .pushsection .rodata
.Luv_name\@:
    .asciz "\name"
    .popsection
    movq $\vector, want_vector
    movq $\error, want_error
    mov user_insn_rip, %rax
    mov %rax, want_rip
    movl $\code, want_code
    mov $.Luv_name\@, %esi
    call catch64_verify
.endm

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call catch64_init
    /* GDT with a TSS (RSP0 for faults from CPL 3) and the user segments */
    mov $tss, %eax
    mov %ax, gdt_u + SEL_TSS + 2
    shr $16, %eax
    mov %al, gdt_u + SEL_TSS + 4
    mov %ah, gdt_u + SEL_TSS + 7
    lgdt gdt_u_desc
    mov $SEL_TSS, %ax
    ltr %ax
    mov $PF, %ecx                        /* #PF: note CR2 (CPL 3 cannot read it), then catch */
    mov $pf_stub, %eax
    call set_gate64
    mov $3, %ecx                         /* INT3: a DPL-3 gate, the way back */
    mov $back_to_kernel, %eax
    call set_gate64
    orb $0x60, IDT64 + 3 * 16 + 5
    call user_tables

    /* to CPL 3 */
    mov %rsp, kernel_rsp
    push $SEL_UDATA
    push $USER_STACK
    push $0x2                            /* IF = 0 */
    push $SEL_UCODE
    push $user_code
    iretq
kernel_again:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    CHECK64 user-load-through-user-page, 1, user_id, DEV_ID
    CHECK64 user-store-through-user-page, 2, user_readback, 0x5A5A5A5AA5A5A5A5
    mov user_pf_load_rip, %rax
    mov %rax, user_insn_rip
    mov pf_load_vector, %rax
    mov %rax, caught_vector
    mov pf_load_error, %rax
    mov %rax, caught_error
    mov pf_load_rip, %rax
    mov %rax, caught_rip
    movq $1, caught_count
    USER_VERIFY user-load-through-supervisor-page-pf, 3, PF, 5
    CHECK64 user-load-pf-cr2, 4, pf_load_cr2, (LIN_SUPER + DEV_ID_OFF)
    mov user_pf_store_rip, %rax
    mov %rax, user_insn_rip
    mov pf_store_vector, %rax
    mov %rax, caught_vector
    mov pf_store_error, %rax
    mov %rax, caught_error
    mov pf_store_rip, %rax
    mov %rax, caught_rip
    movq $1, caught_count
    USER_VERIFY user-store-through-supervisor-page-pf, 5, PF, 7
    CHECK64 user-store-pf-cr2, 6, pf_store_cr2, (LIN_SUPER + 0x200)
    mov $(LIN_USER + 0x200), %eax        /* the faulting store did not reach the device */
    mov (%rax), %eax
    CHECK64 user-store-pf-device-untouched, 7, %rax, PAT32(0x200)

    PUTS "hostile-mmio-user: all checks passed\n"
    REPORT 0

/* CPL 3 (no I/O: it reports through memory). */
user_code:
    mov $SEL_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov (LIN_USER + DEV_ID_OFF), %rax
    mov %rax, user_id
    movabs $0x5A5A5A5AA5A5A5A5, %rax
    mov %rax, (LIN_USER + 0x100)
    mov (LIN_USER + 0x100), %rax
    mov %rax, user_readback
    USER_TRY mov (LIN_SUPER + DEV_ID_OFF), %rax
    SAVE_CAUGHT load
    mov $0x11223344, %eax
    USER_TRY mov %eax, (LIN_SUPER + 0x200)
    SAVE_CAUGHT store
    int3

pf_stub:
    push %rax
    mov %cr2, %rax
    mov %rax, pf_cr2
    pop %rax
    push $PF
    jmp catch_common

/* back_to_kernel: INT3 from CPL 3 (the frame is on RSP0): drop it, continue at CPL 0. */
back_to_kernel:
    mov kernel_rsp, %rsp
    jmp kernel_again

/* user_tables: PML4 -> PDPT -> PD0 (2 MiB user page at 0), PDPT[1] -> PD1 -> PT: PT[0] the
 * device as a user page, PT[1] the device as a supervisor page. */
user_tables:
    cld
    mov $PG_PML4, %edi
    mov $(5 * 4096 / 8), %ecx
    xor %eax, %eax
    rep stosq
    movq $(PG_PDPT | PG_UP), PG_PML4
    movq $(PG_PD0 | PG_UP), PG_PDPT
    movq $(PG_PD1 | PG_UP), PG_PDPT + 8
    movq $(0x80 | PG_UP), PG_PD0
    movq $(PG_PT | PG_UP), PG_PD1
    movabs $(DEV_GPA | PTE_DEV | PG_U), %rax
    mov %rax, PG_PT
    movabs $(DEV_GPA | PTE_DEV), %rax
    mov %rax, PG_PT + 8
    mov $PG_PML4, %eax
    mov %rax, %cr3
    ret

    RUNTIME_CATCH64

    .data
    .balign 8
kernel_rsp:      .quad 0
user_id:         .quad 0
user_readback:   .quad 0
user_insn_rip:   .quad 0
user_pf_load_rip:  .quad 0
user_pf_store_rip: .quad 0
pf_load_vector:  .quad 0
pf_load_error:   .quad 0
pf_load_rip:     .quad 0
pf_load_cr2:     .quad 0
pf_store_vector: .quad 0
pf_store_error:  .quad 0
pf_store_rip:    .quad 0
pf_store_cr2:    .quad 0
pf_cr2:          .quad 0
    .balign 16
tss:
    .long 0
    .quad KSTACK, 0, 0                   /* RSP0 */
    .quad 0
    .quad 0, 0, 0, 0, 0, 0, 0            /* IST1-7 */
    .quad 0
    .word 0, 104
    .balign 8
gdt_u:
    .quad 0
    .quad 0x00CF9A000000FFFF             /* 0x08 */
    .quad 0x00CF92000000FFFF             /* 0x10 */
    .quad 0x00AF9A000000FFFF             /* 0x18 */
    .word 103, 0                         /* 0x20: 64-bit available TSS */
    .byte 0, 0x89, 0, 0
    .quad 0
    .quad 0x00CFF2000000FFFF             /* 0x30: data, DPL 3 */
    .quad 0x00AFFA000000FFFF             /* 0x38: 64-bit code, DPL 3 */
gdt_u_end:
    .word 0, 0, 0
gdt_u_desc:
    .word gdt_u_end - gdt_u - 1
    .quad gdt_u
