/* hostile-cr4-view: every CR4 bit 0-31 against the guest's CPUID view (issue 12 defect 2). A bit
 * whose CPUID feature the view shows must be settable and read back (then the guest clears it
 * again); a bit the view hides, a reserved bit, VMXE/SMXE (no VMX/SMX offered) must raise #GP(0)
 * at the MOV and leave CR4 unchanged (SDM Vol. 3A 2.5, Vol. 2B MOV CR; APM Vol. 2 3.1.3). PCE
 * needs no feature; PCIDE #GPs outside IA-32e mode whatever CPUID says. Which CPUID bit names
 * which CR4 bit is this guest's own table, from the SDM: the library's table is not consulted.
 * Protected mode, paging off. One line per bit, the same on every backend whatever its view
 * shows (a failure line says what went wrong); failure codes 0x10 + 2 * bit (+1). */
#include "common.inc"
#include "hostile-view.inc"

#define ALWAYS 4
#define NEVER  5
#define GP_OUTSIDE_LONG 6

/* mask, leaf, subleaf, register (0 EAX .. 3 EDX, or a mode above), CPUID bit, name */
.macro ROW mask, leaf, sub, reg, bit, name
    .pushsection .rodata.names
.Lrow_name\@:
    .asciz "cr4-view \name"
    .popsection
    .long \mask, \leaf, \sub, \reg, \bit, .Lrow_name\@
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    call hx_init
    xor %eax, %eax
    xor %ecx, %ecx
    cpuid
    mov %eax, max_basic
    movl $0, max_sub7
    cmp $7, %eax
    jb 1f
    mov $7, %eax
    xor %ecx, %ecx
    cpuid
    mov %eax, max_sub7
1:  mov $cr4_table, %edi
    movl $0x10, code
next_row:
    cmpl $0, (%edi)
    je all_done
    mov 20(%edi), %eax
    mov %eax, hx_name
    call row_shown                  /* EAX: 1 shown, 0 hidden, 2 #GP whatever */
    mov %eax, shown
    mov %cr4, %ebx
    mov %ebx, cr4_old
    or (%edi), %ebx
    TRY mov %ebx, %cr4
    cmpl $1, shown
    jne expect_gp
    /* shown: no fault, the bit reads back set; then clear it again */
    mov code, %eax
    call hx_check_no_fault
    mov %cr4, %ebx
    and (%edi), %ebx
    mov (%edi), %ecx
    mov code, %eax
    inc %eax
    call hx_check_eq
    mov cr4_old, %eax
    mov %eax, %cr4
    OK_LINE ": follows the CPUID view"
    jmp row_done
expect_gp:
    mov code, %eax
    call hx_check_gp0
    mov %cr4, %ebx                  /* unchanged */
    mov cr4_old, %ecx
    mov code, %eax
    inc %eax
    call hx_check_eq
    cmpl $2, shown
    je 1f
    OK_LINE ": follows the CPUID view"
    jmp row_done
1:  OK_LINE ": #GP(0) outside IA-32e mode, CR4 unchanged"
row_done:
    add $24, %edi
    addl $2, code
    jmp next_row
all_done:
    PUTS "hostile-cr4-view: all checks passed\n"
    REPORT 0

/* row_shown: EDI = row. EAX = 1 when the view shows the row's feature, 0 when not, 2 for
 * GP_OUTSIDE_LONG. */
row_shown:
    mov 12(%edi), %eax
    cmp $ALWAYS, %eax
    je 1f
    cmp $NEVER, %eax
    je 0f
    cmp $GP_OUTSIDE_LONG, %eax
    je 2f
    mov 4(%edi), %eax               /* leaf within the view? */
    cmp max_basic, %eax
    ja 0f
    cmpl $7, %eax
    jne 3f
    mov 8(%edi), %ecx
    cmp max_sub7, %ecx
    ja 0f
3:  mov 4(%edi), %eax
    mov 8(%edi), %ecx
    cpuid
    mov %eax, regs
    mov %ebx, regs + 4
    mov %ecx, regs + 8
    mov %edx, regs + 12
    mov 12(%edi), %eax
    mov regs(,%eax,4), %eax
    test 16(%edi), %eax
    jz 0f
1:  mov $1, %eax
    ret
0:  xor %eax, %eax
    ret
2:  mov $2, %eax
    ret

    .pushsection .rodata
    .balign 4
cr4_table:
    ROW 1 << 0,  1, 0, 3, 1 << 1,  VME
    ROW 1 << 1,  1, 0, 3, 1 << 1,  PVI
    ROW 1 << 2,  1, 0, 3, 1 << 4,  TSD
    ROW 1 << 3,  1, 0, 3, 1 << 2,  DE
    ROW 1 << 4,  1, 0, 3, 1 << 3,  PSE
    ROW 1 << 5,  1, 0, 3, 1 << 6,  PAE
    ROW 1 << 6,  1, 0, 3, 1 << 7,  MCE
    ROW 1 << 7,  1, 0, 3, 1 << 13, PGE
    ROW 1 << 8,  0, 0, ALWAYS, 0,  PCE
    ROW 1 << 9,  1, 0, 3, 1 << 24, OSFXSR
    ROW 1 << 10, 1, 0, 3, 1 << 25, OSXMMEXCPT
    ROW 1 << 11, 7, 0, 2, 1 << 2,  UMIP
    ROW 1 << 12, 7, 0, 2, 1 << 16, LA57
    ROW 1 << 13, 1, 0, 2, 1 << 5,  VMXE
    ROW 1 << 14, 1, 0, 2, 1 << 6,  SMXE
    ROW 1 << 15, 0, 0, NEVER, 0,   bit15-reserved
    ROW 1 << 16, 7, 0, 1, 1 << 0,  FSGSBASE
    ROW 1 << 17, 0, 0, GP_OUTSIDE_LONG, 0, PCIDE
    ROW 1 << 18, 1, 0, 2, 1 << 26, OSXSAVE
    ROW 1 << 19, 7, 0, 2, 1 << 23, KL
    ROW 1 << 20, 7, 0, 1, 1 << 7,  SMEP
    ROW 1 << 21, 7, 0, 1, 1 << 20, SMAP
    ROW 1 << 22, 7, 0, 2, 1 << 3,  PKE
    ROW 1 << 23, 7, 0, 2, 1 << 7,  CET
    ROW 1 << 24, 7, 0, 2, 1 << 31, PKS
    ROW 1 << 25, 7, 0, 3, 1 << 5,  UINTR
    ROW 1 << 26, 0, 0, NEVER, 0,   bit26-reserved
    ROW 1 << 27, 7, 1, 0, 1 << 6,  LASS
    ROW 1 << 28, 7, 1, 0, 1 << 26, LAM_SUP
    ROW 1 << 29, 0, 0, NEVER, 0,   bit29-reserved
    ROW 1 << 30, 0, 0, NEVER, 0,   bit30-reserved
    ROW 1 << 31, 0, 0, NEVER, 0,   bit31-reserved
    .long 0
    .popsection

    .pushsection .data
    .balign 4
max_basic: .long 0
max_sub7:  .long 0
code:      .long 0
shown:     .long 0
cr4_old:   .long 0
regs:      .long 0, 0, 0, 0
    .popsection

    RUNTIME_PM32
    RUNTIME_HOSTILE_VIEW
