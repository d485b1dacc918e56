/* hostile-task: hardware task switches (SDM Vol. 3A chapter 8) in flat 32-bit protected mode,
 * paging off, with its own GDT (TSS descriptors, a task gate, an LDT) and IDT. VMX exits on every
 * task switch and the library performs it; SVM does not intercept them (the CPU switches): the
 * transcript is the same on every backend.
 *  - call-tss-iret-back: CALL to a TSS: the new task's registers, EFLAGS (NT set), selectors, TR,
 *    LDTR (an FS from the LDT), CR0.TS, DR7 (L0-L3 cleared), back link, both busy bits; its IRET
 *    back: the old task's registers and EFLAGS, the abandoned TSS's saved EIP/EFLAGS (NT clear),
 *    its busy bit clear again
 *  - jmp-tss-jmp-back: JMP to a TSS and JMP back (NT clear, no back link, the old busy bit clear)
 *  - call-task-gate: CALL through a GDT task gate
 *  - call-tss16: CALL to a 16-bit TSS (low words of the registers, FLAGS, selectors) and back
 *  - idt-task-gate-gp-error-code: a #GP(0x1F8) through an IDT task gate: error code on the new
 *    task's stack, back link, NT; the old task's saved EIP at the faulting instruction
 *  - idt-task-gate-int: INT 0x30 through an IDT task gate: no error code, saved EIP after the INT
 *  - call-busy-tss-gp, call-tss-limit-ts, call-tss-not-present-np: #GP/#TS/#NP with the TSS
 *    selector as error code, at the CALL, nothing switched
 *  - tss-t-bit-db: a TSS with T set: #DB in the new task before its first instruction, DR6.BT
 * Failure codes: 0x10 and up, one per check. */
#include "common.inc"
#include "mmio.inc"

#define DB 1
#define TS 10
#define NP 11
#define GP 13
#define VEC_INT 0x30

/* GDT selectors (0x08-0x18 are common.inc's) */
#define SEL_TSS_A  0x20     /* the main task */
#define SEL_TSS_B  0x28     /* CALL / IRET */
#define SEL_TSS_C  0x30     /* JMP */
#define SEL_TSS_D  0x38     /* through the task gate */
#define SEL_GATE_D 0x40     /* GDT task gate -> TSS D */
#define SEL_TSS_E  0x48     /* IDT task gate for #GP */
#define SEL_TSS_F  0x50     /* IDT task gate for INT 0x30 */
#define SEL_TSS_G  0x58     /* marked busy */
#define SEL_TSS_H  0x60     /* limit 0x50: too small */
#define SEL_TSS_I  0x68     /* not present */
#define SEL_TSS_J  0x70     /* T bit */
#define SEL_LDT_B  0x78     /* task B's LDT */
#define SEL_TSS_K  0x80     /* 16-bit TSS */
#define GDT_SIZE   0x88
#define SEL_LDT_DATA 0x04   /* LDT entry 0, RPL 0 */
#define SEL_BAD    0x1F8    /* beyond the GDT limit: loading it is #GP(0x1F8) */

#define TSS_EFLAGS 0x893    /* CF AF SF OF and bit 1: what every new task's TSS holds */
#define A_EFLAGS   0x0C7    /* CF PF ZF SF and bit 1: the main task's before each switch */
#define NT         0x4000
#define DR7_BEFORE 0x00000407 /* L0 G0 L1 (DR0/DR1 at never-executed addresses) */
#define DR7_AFTER  0x00000402 /* L0-L3 cleared by the task switch */
#define MARKER     0x5EED1DD7

/* Task n's initial registers: n in the top byte. */
#define REG(n, r)  (((n) << 24) | (r))
#define W(x)       ((x) & 0xFFFF)

/* snapshot slots (dwords) */
#define S_EAX 0
#define S_ECX 4
#define S_EDX 8
#define S_EBX 12
#define S_ESP 16
#define S_EBP 20
#define S_ESI 24
#define S_EDI 28
#define S_EFL 32
#define S_ES  36
#define S_CS  40
#define S_SS  44
#define S_DS  48
#define S_FS  52
#define S_GS  56
#define S_TR  60
#define S_LDT 64
#define S_CR0 68
#define S_DR7 72
#define S_TYA 76            /* access byte of TSS A's descriptor */
#define S_TYS 80            /* access byte of the running task's own descriptor */
#define S_FSW 84            /* task B: the dword at FS:0 */

/* TSS field offsets (32-bit) */
#define T_LINK 0
#define T_EIP  32
#define T_EFL  36
#define T_EAX  40
#define T_T    100

/* Record every register of the running task (its descriptor at `self`) in `snap`. */
.macro SNAP self
    mov %eax, snap + S_EAX
    mov %ecx, snap + S_ECX
    mov %edx, snap + S_EDX
    mov %ebx, snap + S_EBX
    mov %esp, snap + S_ESP
    mov %ebp, snap + S_EBP
    mov %esi, snap + S_ESI
    mov %edi, snap + S_EDI
    movzwl %sp, %esp                    /* (a 16-bit TSS leaves ESP's upper half undefined) */
    pushf
    popl snap + S_EFL
    xor %eax, %eax
    mov %es, %ax
    mov %eax, snap + S_ES
    mov %cs, %ax
    mov %eax, snap + S_CS
    mov %ss, %ax
    mov %eax, snap + S_SS
    mov %ds, %ax
    mov %eax, snap + S_DS
    mov %fs, %ax
    mov %eax, snap + S_FS
    mov %gs, %ax
    mov %eax, snap + S_GS
    str %ax
    mov %eax, snap + S_TR
    sldt %ax
    mov %eax, snap + S_LDT
    mov %cr0, %eax
    and $0xF, %eax                      /* PE MP EM TS */
    mov %eax, snap + S_CR0
    mov %dr7, %eax
    mov %eax, snap + S_DR7
    movzbl gdt_t + SEL_TSS_A + 5, %eax
    mov %eax, snap + S_TYA
    movzbl gdt_t + \self + 5, %eax
    mov %eax, snap + S_TYS
.endm

/* Check task n's snapshot: registers from its TSS (ESP less `pushed`), EFLAGS `efl`, the
 * selectors, TR `tr`, LDTR `ldt`, CR0.TS, DR7, the access bytes `tya` (TSS A) and `tys` (own).
 * `mask` 0xFFFF compares the low words only (a 16-bit TSS). Codes code .. code + 20. */
.macro CHECK_TASK code, n, esp, efl, tr, ldt, fs, tya, tys, mask=0xFFFFFFFF, gs=SEL_DATA
    EXPECT_SNAP S_EAX, REG(\n, 0x0A), \code, \mask
    EXPECT_SNAP S_ECX, REG(\n, 0x0C), (\code + 1), \mask
    EXPECT_SNAP S_EDX, REG(\n, 0x0D), (\code + 2), \mask
    EXPECT_SNAP S_EBX, REG(\n, 0x0B), (\code + 3), \mask
    EXPECT_SNAP S_ESP, \esp, (\code + 4), \mask
    EXPECT_SNAP S_EBP, REG(\n, 0xBB), (\code + 5), \mask
    EXPECT_SNAP S_ESI, REG(\n, 0x51), (\code + 6), \mask
    EXPECT_SNAP S_EDI, REG(\n, 0xD1), (\code + 7), \mask
    EXPECT32 snap + S_EFL, \efl, (\code + 8)
    EXPECT32 snap + S_ES, SEL_DATA, (\code + 9)
    EXPECT32 snap + S_CS, SEL_CODE32, (\code + 10)
    EXPECT32 snap + S_SS, SEL_DATA, (\code + 11)
    EXPECT32 snap + S_DS, SEL_DATA, (\code + 12)
    EXPECT32 snap + S_FS, \fs, (\code + 13)
    EXPECT32 snap + S_GS, \gs, (\code + 14)
    EXPECT32 snap + S_TR, \tr, (\code + 15)
    EXPECT32 snap + S_LDT, \ldt, (\code + 16)
    EXPECT32 snap + S_CR0, 0x9, (\code + 17)   /* PE, TS */
    EXPECT32 snap + S_DR7, DR7_AFTER, (\code + 18)
    EXPECT32 snap + S_TYA, \tya, (\code + 19)
    EXPECT32 snap + S_TYS, \tys, (\code + 20)
.endm

.macro EXPECT_SNAP slot, want, code, mask
    mov snap + \slot, %eax
    and $\mask, %eax
    EXPECT32 %eax, ((\want) & (\mask)), \code
.endm

/* The main task's registers before a switch (its own values, n = 0xA), EFLAGS A_EFLAGS, DR7 with
 * local breakpoints enabled, CR0.TS clear. Clobbers everything. */
.macro A_STATE
    clts
    mov $DR7_BEFORE, %eax
    mov %eax, %dr7
    mov $REG(0xA, 0x0A), %eax
    mov $REG(0xA, 0x0C), %ecx
    mov $REG(0xA, 0x0D), %edx
    mov $REG(0xA, 0x0B), %ebx
    mov $REG(0xA, 0xBB), %ebp
    mov $REG(0xA, 0x51), %esi
    mov $REG(0xA, 0xD1), %edi
    push $A_EFLAGS
    popf
.endm

/* After coming back to the main task: its registers and EFLAGS as A_STATE left them, ESP
 * `esp`, TR = TSS A, CR0.TS set again. Codes code .. code + 11. */
.macro CHECK_A code, esp
    SNAP SEL_TSS_A
    EXPECT_SNAP S_EAX, REG(0xA, 0x0A), \code, 0xFFFFFFFF
    EXPECT_SNAP S_ECX, REG(0xA, 0x0C), (\code + 1), 0xFFFFFFFF
    EXPECT_SNAP S_EDX, REG(0xA, 0x0D), (\code + 2), 0xFFFFFFFF
    EXPECT_SNAP S_EBX, REG(0xA, 0x0B), (\code + 3), 0xFFFFFFFF
    EXPECT32R snap + S_ESP, \esp, (\code + 4)
    EXPECT_SNAP S_EBP, REG(0xA, 0xBB), (\code + 5), 0xFFFFFFFF
    EXPECT_SNAP S_ESI, REG(0xA, 0x51), (\code + 6), 0xFFFFFFFF
    EXPECT_SNAP S_EDI, REG(0xA, 0xD1), (\code + 7), 0xFFFFFFFF
    EXPECT32 snap + S_EFL, A_EFLAGS, (\code + 8)
    EXPECT32 snap + S_TR, SEL_TSS_A, (\code + 9)
    EXPECT32 snap + S_CR0, 0x9, (\code + 10)
    EXPECT32 snap + S_TYA, 0x8B, (\code + 11)
.endm

/* A CALL/JMP that must fault with `vector` and error code `error` at the instruction, in the
 * main task (TR unchanged, nothing busy). Codes code .. code + 4. */
.macro SWITCH_FAULT name, code, vector, error, sel, insn:vararg
    movl $0, got_count
    movl $.Lsf_end\@, resume_at
.Lsf_insn\@:
    \insn
.Lsf_end\@:
    cmpl $1, got_count
    CHECK e, \code
    EXPECT32 got_vector, \vector, (\code + 1)
    EXPECT32 got_error, \error, (\code + 2)
    EXPECT32 got_eip, .Lsf_insn\@, (\code + 3)
    xor %eax, %eax
    str %ax
    EXPECT32 %eax, SEL_TSS_A, (\code + 4)
    PUTS "ok \name\n"
.endm

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init
    call task_init
    SET_GATE DB, db_handler
    SET_GATE TS, ts_handler
    SET_GATE NP, np_handler
    SET_GATE GP, gp_handler_err
    mov $0xFFFFF000, %eax               /* breakpoints nothing executes */
    mov %eax, %dr0
    mov %eax, %dr1
    mov $SEL_TSS_A, %ax
    ltr %ax
    movzbl gdt_t + SEL_TSS_A + 5, %eax
    EXPECT32 %eax, 0x8B, 0x10           /* LTR marks it busy */

    /* ---- CALL to TSS B, IRET back */
    A_STATE
    mov %esp, a_esp
    lcall $SEL_TSS_B, $0
.Lafter_call_b:
    CHECK_A 0x20, a_esp
    /* what task B saw */
    mov snap_b + S_FSW, %eax
    EXPECT32 %eax, MARKER, 0x2C
    mov $snap_b, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0x30, 0xB, stack_b, (TSS_EFLAGS | NT), SEL_TSS_B, SEL_LDT_B, SEL_LDT_DATA, 0x8B, 0x8B
    EXPECT32 tss_b + T_LINK, SEL_TSS_A, 0x45
    EXPECT32 tss_a + T_EIP, .Lafter_call_b, 0x46
    EXPECT32 tss_a + T_EFL, A_EFLAGS, 0x47
    EXPECT32 tss_a + T_EAX, REG(0xA, 0x0A), 0x48
    EXPECT32 tss_b + T_EIP, task_b_after_iret, 0x49
    EXPECT32 tss_b + T_EFL, TSS_EFLAGS, 0x4A        /* NT cleared in the image IRET saves */
    movzbl gdt_t + SEL_TSS_B + 5, %eax
    EXPECT32 %eax, 0x89, 0x4B                       /* not busy after the IRET */
    PUTS "ok call-tss-iret-back\n"

    /* ---- JMP to TSS C, JMP back */
    A_STATE
    ljmp $SEL_TSS_C, $0
.Lafter_jmp_c:
    CHECK_A 0x50, a_esp
    mov $snap_c, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0x60, 0xC, stack_c, TSS_EFLAGS, SEL_TSS_C, 0, SEL_DATA, 0x89, 0x8B
    EXPECT32 tss_c + T_LINK, 0xDEAD, 0x75           /* JMP writes no back link */
    EXPECT32 tss_a + T_EIP, .Lafter_jmp_c, 0x76
    movzbl gdt_t + SEL_TSS_C + 5, %eax
    EXPECT32 %eax, 0x89, 0x77
    PUTS "ok jmp-tss-jmp-back\n"

    /* ---- CALL through the GDT task gate to TSS D */
    A_STATE
    lcall $SEL_GATE_D, $0
    CHECK_A 0x80, a_esp
    mov $snap_d, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0x90, 0xD, stack_d, (TSS_EFLAGS | NT), SEL_TSS_D, 0, SEL_DATA, 0x8B, 0x8B
    EXPECT32 tss_d + T_LINK, SEL_TSS_A, 0xA5
    movzbl gdt_t + SEL_TSS_D + 5, %eax
    EXPECT32 %eax, 0x89, 0xA6
    PUTS "ok call-task-gate\n"

    /* ---- CALL to the 16-bit TSS K */
    A_STATE
    lcall $SEL_TSS_K, $0
.Lafter_call_k:
    CHECK_A 0xB0, a_esp
    mov $snap_k, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    mov snap + S_EFL, %eax
    and $0xFFFF, %eax
    mov %eax, snap + S_EFL
    CHECK_TASK 0xC0, 0xE, stack_k, (TSS_EFLAGS | NT), SEL_TSS_K, 0, 0, 0x8B, 0x83, 0xFFFF, 0
    movzwl tss_k, %eax
    EXPECT32 %eax, SEL_TSS_A, 0xD5                  /* the 16-bit back link */
    movzbl gdt_t + SEL_TSS_K + 5, %eax
    EXPECT32 %eax, 0x81, 0xD6
    movzwl tss_k + 14, %eax                         /* its saved IP: after its IRET */
    EXPECT32 %eax, task_k_after_iret, 0xD7          /* (below 64 KiB) */
    PUTS "ok call-tss16\n"

    /* ---- #GP(0x1F8) through an IDT task gate to TSS E */
    mov idt + GP * 8, %eax                          /* keep the #GP gate */
    mov %eax, saved_gate
    mov idt + GP * 8 + 4, %eax
    mov %eax, saved_gate + 4
    movl $(SEL_TSS_E << 16), idt + GP * 8
    movl $0x8500, idt + GP * 8 + 4                  /* task gate, P, DPL 0 */
    A_STATE
    mov $SEL_BAD, %ax                               /* (AX changes: EAX's low word) */
.Lgp_insn:
    mov %ax, %ds
.Lgp_resume:
    mov saved_gate, %eax
    mov %eax, idt + GP * 8
    mov saved_gate + 4, %eax
    mov %eax, idt + GP * 8 + 4
    mov $snap_e, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0xE0, 0xF, (stack_e - 4), (TSS_EFLAGS | NT), SEL_TSS_E, 0, SEL_DATA, 0x8B, 0x8B
    EXPECT32 err_e, SEL_BAD, 0xF5                   /* the error code, on E's stack */
    EXPECT32 tss_e + T_LINK, SEL_TSS_A, 0xF6
    EXPECT32 gp_eip_seen, .Lgp_insn, 0xF7           /* A's saved EIP: the faulting MOV */
    mov %ds, %ax
    movzwl %ax, %eax
    EXPECT32 %eax, SEL_DATA, 0xF8
    PUTS "ok idt-task-gate-gp-error-code\n"

    /* ---- INT 0x30 through an IDT task gate to TSS F */
    movl $(SEL_TSS_F << 16), idt + VEC_INT * 8
    movl $0x8500, idt + VEC_INT * 8 + 4
    A_STATE
    int $VEC_INT
.Lafter_int:
    CHECK_A 0x100, a_esp
    mov $snap_f, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0x110, 0x1, stack_f, (TSS_EFLAGS | NT), SEL_TSS_F, 0, SEL_DATA, 0x8B, 0x8B
    EXPECT32 tss_f + T_LINK, SEL_TSS_A, 0x125
    EXPECT32 tss_a + T_EIP, .Lafter_int, 0x126
    PUTS "ok idt-task-gate-int\n"

    /* ---- faults found before the switch: in the main task, at the instruction */
    clts
    SWITCH_FAULT call-busy-tss-gp, 0x130, GP, SEL_TSS_G, SEL_TSS_G, lcall $SEL_TSS_G, $0
    SWITCH_FAULT call-tss-limit-ts, 0x138, TS, SEL_TSS_H, SEL_TSS_H, lcall $SEL_TSS_H, $0
    SWITCH_FAULT call-tss-not-present-np, 0x140, NP, SEL_TSS_I, SEL_TSS_I, lcall $SEL_TSS_I, $0
    mov %cr0, %eax
    and $0x8, %eax
    EXPECT32 %eax, 0, 0x148                         /* no switch: CR0.TS stays clear */

    /* ---- the T bit: #DB in task J before its first instruction */
    movl $0, got_count
    A_STATE
    lcall $SEL_TSS_J, $0
    CHECK_A 0x150, a_esp
    cmpl $1, hv_vendor                              /* VMX: the library's switch, always checked */
    je .Ldb_check
    cmpl $0, db_count                               /* SVM: QEMU 7.2 ignores the T bit */
    je .Ldb_done                                    /* (docs/EMULATORS.md); Bochs raises the #DB */
.Ldb_check:
    EXPECT32 db_count, 1, 0x160
    EXPECT32 db_eip, task_j, 0x161
    EXPECT32 db_dr6, 0xFFFF8FF0, 0x162              /* BT */
    EXPECT32 db_tr, SEL_TSS_J, 0x163
.Ldb_done:
    mov $snap_j, %esi
    mov $snap, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    CHECK_TASK 0x170, 0x2, stack_j, (TSS_EFLAGS | NT), SEL_TSS_J, 0, SEL_DATA, 0x8B, 0x8B
    PUTS "ok tss-t-bit-db\n"

    PUTS "hostile-task: all checks passed\n"
    REPORT 0

/* ---- the tasks: each records what it sees and goes back */
task_b:
    SNAP SEL_TSS_B
    mov %fs:0, %eax
    mov %eax, snap + S_FSW
    mov $snap, %esi
    mov $snap_b, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    push $(TSS_EFLAGS | NT)             /* the flags IRET saves, less NT */
    popf
    iret
task_b_after_iret:
    mov $0x2E, %eax
    jmp fail

task_c:
    SNAP SEL_TSS_C
    mov $snap, %esi
    mov $snap_c, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    ljmp $SEL_TSS_A, $0
    mov $0x7E, %eax
    jmp fail

task_d:
    SNAP SEL_TSS_D
    mov $snap, %esi
    mov $snap_d, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    iret
    mov $0xAE, %eax
    jmp fail

task_k:
    SNAP SEL_TSS_K
    mov $snap, %esi
    mov $snap_k, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    iret
task_k_after_iret:
    mov $0xDE, %eax
    jmp fail

task_e:                                 /* #GP handler task: the error code is on its stack */
    SNAP SEL_TSS_E
    mov (%esp), %eax
    mov %eax, err_e
    mov $snap, %esi
    mov $snap_e, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    mov tss_a + T_EIP, %eax             /* resume the main task past the faulting MOV */
    mov %eax, gp_eip_seen
    movl $.Lgp_resume, tss_a + T_EIP
    movl $SEL_DATA, tss_a + 84          /* and with a good DS */
    iret
    mov $0xFE, %eax
    jmp fail

task_f:
    SNAP SEL_TSS_F
    mov $snap, %esi
    mov $snap_f, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    iret
    mov $0x12E, %eax
    jmp fail

task_j:
    SNAP SEL_TSS_J
    mov $snap, %esi
    mov $snap_j, %edi
    mov $(S_FSW / 4 + 1), %ecx
    rep movsl
    iret
    mov $0x17E, %eax
    jmp fail

/* #DB (the T bit): runs in task J through an interrupt gate (NT clear in the handler) */
db_handler:
    push %eax
    incl db_count
    mov 4(%esp), %eax
    mov %eax, db_eip
    mov %dr6, %eax
    mov %eax, db_dr6
    xor %eax, %eax
    str %ax
    mov %eax, db_tr
    mov $0xFFFF0FF0, %eax
    mov %eax, %dr6
    pop %eax
    iret

/* #TS, #NP, #GP: record vector, error code, EIP; resume at resume_at */
ts_handler:
    movl $TS, got_vector
    jmp 1f
np_handler:
    movl $NP, got_vector
    jmp 1f
gp_handler_err:
    movl $GP, got_vector
1:  pop got_error
    push %eax
    mov 4(%esp), %eax
    mov %eax, got_eip
    mov resume_at, %eax
    mov %eax, 4(%esp)
    incl got_count
    pop %eax
    iret

/* ---- set-up: the GDT with the TSS, gate and LDT descriptors */

/* ECX = selector, EAX = base, EDX = limit, BL = access byte, BH = flags nibble (G D/B L AVL) */
set_desc:
    mov %dx, gdt_t(%ecx)
    mov %ax, gdt_t + 2(%ecx)
    shr $16, %eax
    mov %al, gdt_t + 4(%ecx)
    mov %ah, gdt_t + 7(%ecx)
    mov %bl, gdt_t + 5(%ecx)
    shr $16, %edx
    and $0xF, %dl
    shl $4, %bh
    or %bh, %dl
    mov %dl, gdt_t + 6(%ecx)
    ret

.macro DESC sel, base, limit, access, flags=0
    mov $\sel, %ecx
    mov $\base, %eax
    mov $\limit, %edx
    mov $((\flags << 8) | \access), %ebx
    call set_desc
.endm

task_init:
    mov $gdt, %esi                      /* common.inc's four entries first */
    mov $gdt_t, %edi
    mov $8, %ecx
    rep movsl
    DESC SEL_TSS_A, tss_a, 0x67, 0x89
    DESC SEL_TSS_B, tss_b, 0x67, 0x89
    DESC SEL_TSS_C, tss_c, 0x67, 0x89
    DESC SEL_TSS_D, tss_d, 0x67, 0x89
    movl $(SEL_TSS_D << 16), gdt_t + SEL_GATE_D
    movl $0x8500, gdt_t + SEL_GATE_D + 4
    DESC SEL_TSS_E, tss_e, 0x67, 0x89
    DESC SEL_TSS_F, tss_f, 0x67, 0x89
    DESC SEL_TSS_G, tss_g, 0x67, 0x8B   /* busy */
    DESC SEL_TSS_H, tss_h, 0x50, 0x89   /* limit below 0x67 */
    DESC SEL_TSS_I, tss_i, 0x67, 0x09   /* not present */
    DESC SEL_TSS_J, tss_j, 0x67, 0x89
    DESC SEL_LDT_B, ldt_b, 0x7, 0x82
    DESC SEL_TSS_K, tss_k, 0x2B, 0x81   /* 16-bit, available */
    mov $ldt_b, %ecx                    /* LDT entry 0: data at `marker`, limit 0xFFF */
    sub $gdt_t, %ecx
    mov $marker, %eax
    mov $0xFFF, %edx
    mov $0x493, %ebx                    /* D/B; accessed (loading it writes nothing) */
    call set_desc
    lgdt gdt_t_desc
    ret

    RUNTIME_PM32
    EMIT_PUTHEX32

/* A 32-bit TSS for task n: registers REG(n, ..), EFLAGS TSS_EFLAGS, flat selectors. */
.macro TSS32 name, n, eip, esp, ldt=0, fs=SEL_DATA, trap=0
    .balign 16
\name:
    .long 0xDEAD                        /* back link: a marker the switch overwrites (or not) */
    .long 0, 0, 0, 0, 0, 0              /* ESP0 SS0 ESP1 SS1 ESP2 SS2 */
    .long 0                             /* CR3 (paging off: not loaded) */
    .long \eip, TSS_EFLAGS
    .long REG(\n, 0x0A), REG(\n, 0x0C), REG(\n, 0x0D), REG(\n, 0x0B)
    .long \esp, REG(\n, 0xBB), REG(\n, 0x51), REG(\n, 0xD1)
    .long SEL_DATA, SEL_CODE32, SEL_DATA, SEL_DATA, \fs, SEL_DATA
    .long \ldt
    .word \trap, 0x68                   /* T; I/O map base past the limit */
.endm

    .data
    .balign 16
tss_a: .fill 0x68, 1, 0                 /* the main task: filled by its first switch */
    TSS32 tss_b, 0xB, task_b, stack_b, SEL_LDT_B, SEL_LDT_DATA
    TSS32 tss_c, 0xC, task_c, stack_c
    TSS32 tss_d, 0xD, task_d, stack_d
    TSS32 tss_e, 0xF, task_e, stack_e
    TSS32 tss_f, 0x1, task_f, stack_f
    TSS32 tss_g, 0x3, fail, 0x6000
    TSS32 tss_h, 0x4, fail, 0x6000
    TSS32 tss_i, 0x5, fail, 0x6000
    TSS32 tss_j, 0x2, task_j, stack_j, 0, SEL_DATA, 1
    .balign 16
tss_k:                                  /* 16-bit TSS (SDM Vol. 3A 8.7), task 0xE */
    .word 0xDEAD, 0, 0, 0, 0, 0, 0      /* back link, SP0 SS0 SP1 SS1 SP2 SS2 */
    .word task_k, TSS_EFLAGS
    .word W(REG(0xE, 0x0A)), W(REG(0xE, 0x0C)), W(REG(0xE, 0x0D)), W(REG(0xE, 0x0B))
    .word stack_k, W(REG(0xE, 0xBB)), W(REG(0xE, 0x51)), W(REG(0xE, 0xD1))
    .word SEL_DATA, SEL_CODE32, SEL_DATA, SEL_DATA, 0
    .balign 8
ldt_b: .quad 0
marker: .long MARKER
    .balign 8
gdt_t: .fill GDT_SIZE, 1, 0
    .balign 4
    .word 0
gdt_t_desc:
    .word GDT_SIZE - 1
    .long gdt_t
    .balign 4
snap:   .fill 22, 4, 0
snap_b: .fill 22, 4, 0
snap_c: .fill 22, 4, 0
snap_d: .fill 22, 4, 0
snap_e: .fill 22, 4, 0
snap_f: .fill 22, 4, 0
snap_j: .fill 22, 4, 0
snap_k: .fill 22, 4, 0
a_esp:  .long 0
err_e:  .long 0
gp_eip_seen: .long 0
saved_gate: .quad 0
got_count:  .long 0
got_vector: .long 0
got_error:  .long 0
got_eip:    .long 0
resume_at:  .long 0
db_count:   .long 0
db_eip:     .long 0
db_dr6:     .long 0
db_tr:      .long 0

/* task stacks (top addresses), below the VMM's 0x7000 */
stack_b = 0x6800
stack_c = 0x6600
stack_d = 0x6400
stack_e = 0x6200
stack_f = 0x6000
stack_j = 0x5E00
stack_k = 0x5C00
