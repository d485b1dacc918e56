/* hostile-tf: single-step (EFLAGS.TF) over every instruction the library or the VMM completes.
 * The CPU raises a single-step trap right after an instruction that ran with TF=1 (SDM Vol. 3B
 * 17.3.1.4, APM Vol. 2 13.1.3.4): #DB, DR6.BS set, the pushed EIP the next instruction. An
 * emulated instruction owes the same. Each step sets TF with POPF (whose own trap comes after
 * the instruction that follows it: the one under test), and the #DB handler records the count,
 * EIP and DR6 and clears TF in the frame: exactly one #DB per step, at the next instruction,
 * DR6 = FFFF4FF0 (DR6 reset to FFFF0FF0 before each step). Also: MOV SS before the instruction
 * (the MOV SS holds its own trap back: one #DB after the instruction), and HLT woken by an
 * interrupt the VMM injects (#DB first, then the interrupt, both at the EIP after the HLT).
 * Flat 32-bit protected mode, paging off (the MMIO device at 0xD0000000 directly). */
#include "common.inc"
#include "mmio.inc"

#define TF 0x100
#define DR6_INIT 0xFFFF0FF0
#define DR6_BS_SET 0xFFFF4FF0
#define WAKE_VECTOR 0x30
#define VMM_MSR 0xC0001234

/* Run `insn` with TF=1; check one #DB at the label after it, DR6 exactly BS. `code`: the failure
 * code; `name` the behaviour's line. */
.macro STEP code, name, insn:vararg
    STEP_AFTER \code, "\name", nop, \insn
.endm

/* The same with `first` between the POPF and `insn`; `first` = MOV SS holds its own trap back
 * for one instruction, so the one #DB still comes after `insn`. */
.macro STEP_AFTER code, name, first, insn:vararg
    STEP_RUN \code, "\name", "\first", 0, \insn
.endm

/* The same for one iteration of a REP string instruction: the #DB comes after its first
 * iteration with EIP still at the instruction (SDM Vol. 3B 17.3.1.4: a repeated string
 * instruction traps after each iteration); the handler clears TF and the rest runs unstepped. */
.macro STEP_ITERATION code, name, insn:vararg
    STEP_RUN \code, "\name", nop, 1, \insn
.endm

/* POPF sets TF, then `first` (unless nop) and `insn`; one #DB expected at `insn` itself (`at` 1)
 * or at the label after it (`at` 0). */
.macro STEP_RUN code, name, first, at, insn:vararg
    call step_reset
    pushf
    orl $TF, (%esp)
    popf
    .ifnc \first,nop
    \first
    .endif
.Lat\@:
    \insn
.Lnext\@:
    pushal                          /* the instruction's results stay for the checks after */
    .if \at
    mov $.Lat\@, %eax
    .else
    mov $.Lnext\@, %eax
    .endif
    mov $\code, %ecx
    mov $.Lname\@, %esi
    call step_check
    popal
    .pushsection .rodata
.Lname\@: .asciz "\name"
    .popsection
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    SET_GATE 1, db_handler
    SET_GATE WAKE_VECTOR, wake_handler

    xor %eax, %eax
    STEP 1, "cpuid", cpuid

    mov $VMM_MSR, %ecx
    mov $0x55667788, %eax
    mov $0x11223344, %edx
    STEP 2, "wrmsr", wrmsr
    mov $VMM_MSR, %ecx
    STEP 3, "rdmsr", rdmsr
    cmp $0x55667788, %eax
    CHECK e, 3

    mov %cr0, %ebx
    STEP 4, "mov-cr0-read", mov %cr0, %eax
    STEP 5, "mov-cr0-write", mov %ebx, %cr0
    mov %cr4, %ebx
    STEP 6, "mov-cr4-read", mov %cr4, %eax
    STEP 7, "mov-cr4-write", mov %ebx, %cr4

    mov $1, %eax
    xor %ecx, %ecx
    cpuid
    bt $26, %ecx                    /* CPUID.1:ECX.XSAVE */
    jnc 1f
    mov %cr4, %eax
    or $(1 << 18), %eax             /* OSXSAVE */
    mov %eax, %cr4
    xor %ecx, %ecx
    xgetbv
    STEP 8, "xsetbv", xsetbv
    jmp 2f
1:  PUTS "ok xsetbv (no XSAVE: skipped)\n"
2:

    mov $0x600, %dx
    STEP 9, "in", in %dx, %al
    cmp $0x11, %al
    CHECK e, 9

    mov $PORT_CONSOLE, %dx
    mov $0x2A, %al                  /* '*': the console line below starts with it */
    STEP 10, "out", out %al, %dx

    mov $0x601, %dx
    mov $insw_buf, %edi
    mov $1, %ecx
    cld
    STEP 11, "rep-insw-1", rep insw
    cmpw $0xA000, insw_buf
    CHECK e, 11
    test %ecx, %ecx
    CHECK z, 11

    mov $insw_buf, %edi
    mov $3, %ecx
    STEP_ITERATION 16, "rep-insw-3", rep insw
    test %ecx, %ecx                 /* all three elements, the last two in one pass */
    CHECK z, 16
    cmp $(insw_buf + 6), %edi
    CHECK e, 16

    mov $(DEV_GPA + 0x10), %ebx
    STEP 12, "mmio-load", mov (%ebx), %eax
    cmp $PAT32(0x10), %eax
    CHECK e, 12
    mov $0x5A5AA5A5, %eax
    STEP 13, "mmio-store", mov %eax, 0x100(%ebx)

    mov $HC_SUM, %eax
    xor %edi, %edi
    xor %esi, %esi
    xor %edx, %edx
    xor %ecx, %ecx
    cmpl $2, hv_vendor
    je 1f
    STEP 14, "hypercall", vmcall
    jmp 2f
1:  STEP 14, "hypercall", vmmcall
2:  cmp $0x5A5A, %eax
    CHECK e, 14

    /* MOV SS holds back its own single-step trap: one #DB after the exiting instruction */
    mov %ss, %bx
    xor %eax, %eax
    STEP_AFTER 15, "mov-ss-cpuid", "mov %bx, %ss", cpuid

    /* HLT with TF=1 and IF=1, the VMM injecting vector 0x30 when it halts: #DB, then 0x30 */
    mov $HC_INTERRUPT_ON_HALT, %eax
    mov $WAKE_VECTOR, %edi
    call hypercall
    movl $0, wake_count
    call step_reset
    pushf
    orl $(TF | 0x200), (%esp)       /* TF and IF */
    popf
    hlt
hlt_next:
    cli
    mov $hlt_next, %eax
    mov $16, %ecx
    mov $hlt_name, %esi
    call step_check
    cmpl $1, wake_count
    CHECK e, 17
    cmpl $hlt_next, wake_eip
    CHECK e, 17
    cmpl $1, wake_db_before         /* the #DB came first */
    CHECK e, 17
    PUTS "ok tf-hlt-then-interrupt\n"

    PUTS "hostile-tf: all checks passed\n"
    REPORT 0

/* Before a step: no #DB seen, DR6 at its initial value. Keeps every register. */
step_reset:
    push %eax
    movl $0, db_count
    movl $0, db_eip
    movl $0, db_dr6
    mov $DR6_INIT, %eax
    mov %eax, %dr6
    pop %eax
    ret

/* After a step: EAX = the expected EIP, ECX = failure code, ESI = the behaviour's name. Prints
 * "ok tf-<name>" or "FAIL tf-<name>: count <n> eip <eip> dr6 <dr6>" and fails with the code. */
step_check:
    cmpl $1, db_count
    jne 1f
    cmp db_eip, %eax
    jne 1f
    cmpl $DR6_BS_SET, db_dr6
    jne 1f
    push %esi
    PUTS "ok tf-"
    pop %esi
    call puts
    PUTS "\n"
    ret
1:  push %ecx
    push %esi
    PUTS "FAIL tf-"
    pop %esi
    call puts
    PUTS ": count "
    mov db_count, %eax
    call puthex32
    PUTS " eip "
    mov db_eip, %eax
    call puthex32
    PUTS " dr6 "
    mov db_dr6, %eax
    call puthex32
    PUTS "\n"
    pop %eax
    jmp fail

/* #DB (no error code): record it, reset DR6, clear TF in the saved EFLAGS. */
db_handler:
    push %eax
    incl db_count
    mov 4(%esp), %eax               /* EIP */
    mov %eax, db_eip
    mov %dr6, %eax
    mov %eax, db_dr6
    mov $DR6_INIT, %eax
    mov %eax, %dr6
    andl $~TF, 12(%esp)             /* EFLAGS, above EIP and CS */
    pop %eax
    iret

wake_handler:
    push %eax
    incl wake_count
    mov 4(%esp), %eax
    mov %eax, wake_eip
    mov db_count, %eax
    mov %eax, wake_db_before
    pop %eax
    iret

    .pushsection .rodata
hlt_name: .asciz "hlt"
    .popsection
    .data
    .balign 4
db_count:   .long 0
db_eip:     .long 0
db_dr6:     .long 0
wake_count: .long 0
wake_eip:   .long 0
wake_db_before: .long 0
insw_buf:   .fill 16, 1, 0
    .text

    RUNTIME_PM32
    EMIT_PUTHEX32
