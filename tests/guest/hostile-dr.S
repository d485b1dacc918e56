/* hostile-dr: data and I/O breakpoints (DR0-DR3, DR7, CR4.DE) on accesses the library emulates
 * (MMIO) or the VMM completes (port I/O). Both are traps: one #DB after the instruction with the
 * hit breakpoints' B0-B3 in DR6 (SDM Vol. 3B 17.2.4-17.2.5, 17.3.1.2). A data breakpoint hits
 * when any byte the access touches lies in its LEN-aligned range and its R/W allows the access
 * (01 writes, 11 reads and writes); an I/O breakpoint (R/W 10, CR4.DE=1) likewise over ports.
 * Only enabled breakpoints (Ln/Gn) fire. DR6 is reset to FFFF0FF0 before each step and must read
 * FFFF0FF0 | Bn exactly in the handler. Flat 32-bit protected mode, paging off. */
#include "common.inc"
#include "mmio.inc"

#define DR6_INIT 0xFFFF0FF0
#define DR7_INIT 0x400
#define CR4_DE   (1 << 3)

/* DR7 fields of breakpoint n: L (local enable), R/W and LEN. */
#define DR7_L(n)      (1 << (2 * (n)))
#define DR7_RW(n, rw) ((rw) << (16 + 4 * (n)))
#define DR7_LEN(n, l) ((l) << (18 + 4 * (n)))
#define RW_WRITE 1
#define RW_IO    2
#define RW_RW    3
#define LEN1 0
#define LEN2 1
#define LEN8 2
#define LEN4 3

/* Load DR7 = `dr7`, run `insn`, DR7 off again; then one #DB at the next instruction with DR6 =
 * `want`, or (want = 0) none. */
.macro DRSTEP code, name, dr7, want, insn:vararg
    call step_reset
    push %eax
    mov $(DR7_INIT | (\dr7)), %eax
    mov %eax, %dr7
    pop %eax
    \insn
.Lnext\@:
    pushal
    mov $DR7_INIT, %eax
    mov %eax, %dr7
    mov $.Lnext\@, %eax
    mov $(\want), %edx
    mov $\code, %ecx
    mov $.Lname\@, %esi
    call dr_check
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
    mov %cr4, %eax
    or $CR4_DE, %eax
    mov %eax, %cr4

    mov $(DEV_GPA + 0x100), %eax
    mov %eax, %dr0
    mov $0x5A5AA5A5, %eax
    DRSTEP 1, "dr-mmio-store-len4", DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN4), DR6_INIT | 1, \
        mov %eax, (DEV_GPA + 0x100)

    mov $(DEV_GPA + 0x12), %eax
    mov %eax, %dr1
    DRSTEP 2, "dr-mmio-load-overlaps-len2", DR7_L(1) | DR7_RW(1, RW_RW) | DR7_LEN(1, LEN2), DR6_INIT | 2, \
        mov (DEV_GPA + 0x10), %eax
    cmp $PAT32(0x10), %eax
    CHECK e, 2

    mov $(DEV_GPA + 0x20), %eax
    mov %eax, %dr0
    DRSTEP 3, "dr-mmio-load-write-only-bp", DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN8), 0, \
        mov (DEV_GPA + 0x24), %eax
    DRSTEP 4, "dr-mmio-store-len8", DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN8), DR6_INIT | 1, \
        movb %al, (DEV_GPA + 0x27)

    mov $(DEV_GPA + 0x31), %eax
    mov %eax, %dr0
    DRSTEP 5, "dr-mmio-len1-next-byte", DR7_L(0) | DR7_RW(0, RW_RW) | DR7_LEN(0, LEN1), 0, \
        movb %al, (DEV_GPA + 0x30)
    DRSTEP 6, "dr-mmio-len1-hit", DR7_L(0) | DR7_RW(0, RW_RW) | DR7_LEN(0, LEN1), DR6_INIT | 1, \
        movb %al, (DEV_GPA + 0x31)

    mov $(DEV_GPA + 0x40), %eax
    mov %eax, %dr2
    DRSTEP 7, "dr-mmio-disabled", DR7_RW(2, RW_RW) | DR7_LEN(2, LEN4), 0, \
        mov (DEV_GPA + 0x40), %eax

    mov $(DEV_GPA + 0x50), %eax
    mov %eax, %dr0
    mov %eax, %dr1
    DRSTEP 8, "dr-mmio-two-hits", DR7_L(0) | DR7_RW(0, RW_RW) | DR7_LEN(0, LEN4) | (2 << 2) | DR7_RW(1, RW_RW) | DR7_LEN(1, LEN4), \
        DR6_INIT | 3, mov (DEV_GPA + 0x50), %eax

    mov $0x600, %eax
    mov %eax, %dr3
    mov $0x600, %dx
    DRSTEP 9, "dr-io-in-600", DR7_L(3) | DR7_RW(3, RW_IO) | DR7_LEN(3, LEN1), DR6_INIT | 8, in %dx, %al
    cmp $0x11, %al
    CHECK e, 9
    DRSTEP 10, "dr-io-disabled", DR7_RW(3, RW_IO) | DR7_LEN(3, LEN1), 0, in %dx, %al

    mov $0xE8, %eax
    mov %eax, %dr3
    mov $PORT_CONSOLE, %dx
    mov $0x2A, %al                  /* '*': the console line below starts with it */
    DRSTEP 11, "dr-io-out-e9-len2", DR7_L(3) | DR7_RW(3, RW_IO) | DR7_LEN(3, LEN2), DR6_INIT | 8, out %al, %dx

    PUTS "hostile-dr: all checks passed\n"
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

/* After a step: EAX = the expected EIP, EDX = the expected DR6 (0: no #DB), ECX = failure code,
 * ESI = the behaviour's name. Prints "ok <name>" or "FAIL <name>: count .. eip .. dr6 ..". */
dr_check:
    test %edx, %edx
    jnz 2f
    cmpl $0, db_count
    jne 1f
    jmp 3f
2:  cmpl $1, db_count
    jne 1f
    cmp db_eip, %eax
    jne 1f
    cmp db_dr6, %edx
    jne 1f
3:  push %esi
    PUTS "ok "
    pop %esi
    call puts
    PUTS "\n"
    ret
1:  push %ecx
    push %esi
    PUTS "FAIL "
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

/* #DB (no error code): record it, reset DR6. */
db_handler:
    push %eax
    incl db_count
    mov 4(%esp), %eax               /* EIP */
    mov %eax, db_eip
    mov %dr6, %eax
    mov %eax, db_dr6
    mov $DR6_INIT, %eax
    mov %eax, %dr6
    pop %eax
    iret

    .data
    .balign 4
db_count: .long 0
db_eip:   .long 0
db_dr6:   .long 0
    .text

    RUNTIME_PM32
    EMIT_PUTHEX32
