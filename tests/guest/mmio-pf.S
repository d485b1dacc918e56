/* mmio-pf: guest page faults on the MMIO path (README "MMIO device"). 64-bit long mode with the
 * guest's own tables (as in mmio-mov) plus, in the page table of linear 0x40000000-0x401FFFFF:
 *   0x40001000  the device again, present but read-only (CR0.WP = 1: supervisor writes fault)
 *   0x40010000  RAM 0x30000
 *   0x40011000  not present at first (the #PF handler maps it to RAM 0x31000)
 *   0x40012000  not present at first (the #PF handler maps it to RAM 0x32000)
 *   0x40200000  not present at the PD level
 * Checks: `rep movsb` from the device into a not-present page: the library's write of the
 * element raises #PF (error 0x2: write, not present, supervisor) with CR2 = the destination, and
 * RSI/RDI/RCX say how many bytes were copied before; the handler maps the page and returns, and
 * the copy completes. A load through the read-only device mapping works; a store through it
 * faults (error 0x3); a MOVS from the device into it faults from the library's walk (0x3);
 * a MOVS into a hole at the PD level faults (0x2); `rep movsb` from RAM to the device whose
 * source runs into a not-present page faults (0x0) and completes once mapped. */
#include "common.inc"
#include "mmio.inc"

#define DEV_RO_LIN 0x40001000
#define RAM_LIN    0x40010000       /* -> RAM 0x30000; the next two pages -> 0x31000, 0x32000 */
#define HOLE_LIN   0x40200000
#define PTE(lin)   PG_PT + ((((lin) >> 12) & 0x1FF) * 8)   /* its PTE (no outer parentheses: GAS */
                                                           /* would take "(...)" for a base register) */

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call paging64_init
    movabs $(DEV_GPA | PTE_P | PTE_PWT | PTE_PCD), %rax   /* read-only device mapping */
    mov %rax, PTE(DEV_RO_LIN)
    movq $(0x30000 | PTE_P | PTE_RW), PTE(RAM_LIN)
    mov %cr0, %rax
    or $0x10000, %eax               /* CR0.WP (the VMM starts long mode with it set; make sure) */
    mov %rax, %cr0
    mov $14, %ecx
    lea pf_handler(%rip), %rax
    call set_gate64
    mov $DEV_LIN, %ebx
    cld

    /* ---- rep movsb device -> RAM running into a not-present page: 8 bytes from device 0x20 to
     * linear 0x40010FFD; 3 land in the present page, the 4th faults. */
    movabs $0xEEEEEEEEEEEEEEEE, %rax
    mov %rax, 0x30FF8
    mov %rax, 0x31000
    movq $PTE(RAM_LIN + 0x1000), pf_fix_pte
    movq $(0x31000 | PTE_P | PTE_RW), pf_fix_val
    movq $0, pf_count
    mov $(DEV_LIN + 0x20), %esi
    mov $(RAM_LIN + 0xFFD), %edi
    mov $8, %ecx
fault1:
    rep movsb
    EXPECT pf_count, 1, 1
    EXPECT pf_err, 0x2, 2
    EXPECT pf_cr2, RAM_LIN + 0x1000, 3
    EXPECT pf_rip, fault1, 4
    EXPECT pf_rsi, DEV_LIN + 0x23, 5
    EXPECT pf_rdi, RAM_LIN + 0x1000, 6
    EXPECT pf_rcx, 5, 7
    EXPECT %rsi, DEV_LIN + 0x28, 8
    EXPECT %rdi, RAM_LIN + 0x1005, 9
    EXPECT %rcx, 0, 10
    PUTS "mmio-pf: rep movsb dev->ram: #PF 0x2 at the first byte of the missing page, 3 bytes copied\n"
    EXPECT 0x30FF8, ((PAT32(0x20) & 0xFFFFFF) << 40) | 0xEEEEEEEEEE, 11
    EXPECT 0x31000, 0xEEEEEE0000000000 | (PAT64(0x23) & 0xFFFFFFFFFF), 12
    PUTS "mmio-pf: the handler mapped the page, the copy completed\n"

    /* ---- the read-only device mapping: loads work, a store faults (the CPU's own walk) */
    mov DEV_RO_LIN + 0x8, %rax
    EXPECT %rax, PAT64(0x08), 13
    movq $0, pf_fix_pte
    movq $(store2_end - store2), pf_skip
    movq $0, pf_count
store2:
    mov %rax, DEV_RO_LIN + 0x10
store2_end:
    EXPECT pf_count, 1, 14
    EXPECT pf_err, 0x3, 15
    EXPECT pf_cr2, DEV_RO_LIN + 0x10, 16
    EXPECT pf_rip, store2, 17
    EXPECT 0x10(%rbx), PAT64(0x10), 18
    PUTS "mmio-pf: read-only device mapping: load ok, store #PF 0x3\n"

    /* ---- MOVS from the device into the read-only mapping: the library's walk of the
     * destination faults, nothing is written, RSI/RDI stay */
    movq $(movs3_end - movs3), pf_skip
    movq $0, pf_count
    mov $(DEV_LIN + 0x30), %esi
    mov $(DEV_RO_LIN + 0x40), %edi
movs3:
    movsb
movs3_end:
    EXPECT pf_count, 1, 19
    EXPECT pf_err, 0x3, 20
    EXPECT pf_cr2, DEV_RO_LIN + 0x40, 21
    EXPECT pf_rip, movs3, 22
    EXPECT %rsi, DEV_LIN + 0x30, 23
    EXPECT %rdi, DEV_RO_LIN + 0x40, 24
    EXPECT 0x40(%rbx), PAT64(0x40), 25
    PUTS "mmio-pf: movsb dev->read-only mapping: #PF 0x3, nothing written\n"

    /* ---- MOVS from the device into a hole at the PD level */
    movq $(movs4_end - movs4), pf_skip
    movq $0, pf_count
    mov $(DEV_LIN + 0x50), %esi
    mov $(HOLE_LIN + 0x123), %edi
movs4:
    movsq
movs4_end:
    EXPECT pf_count, 1, 26
    EXPECT pf_err, 0x2, 27
    EXPECT pf_cr2, HOLE_LIN + 0x123, 28
    EXPECT pf_rip, movs4, 29
    EXPECT %rsi, DEV_LIN + 0x50, 30
    EXPECT %rdi, HOLE_LIN + 0x123, 31
    PUTS "mmio-pf: movsq dev->unmapped PDE: #PF 0x2\n"

    /* ---- rep movsb RAM -> device whose source runs into a not-present page: 4 bytes from
     * linear 0x40011FFE (mapped above) to device 0x60; the third source byte faults (read) */
    movl $0xB2B10000, 0x31FFC
    movl $0x0000B4B3, 0x32000
    movq $PTE(RAM_LIN + 0x2000), pf_fix_pte
    movq $(0x32000 | PTE_P | PTE_RW), pf_fix_val
    movq $0, pf_count
    mov $(RAM_LIN + 0x1FFE), %esi
    mov $(DEV_LIN + 0x60), %edi
    mov $4, %ecx
fault5:
    rep movsb
    EXPECT pf_count, 1, 32
    EXPECT pf_err, 0x0, 33
    EXPECT pf_cr2, RAM_LIN + 0x2000, 34
    EXPECT pf_rip, fault5, 35
    EXPECT pf_rsi, RAM_LIN + 0x2000, 36
    EXPECT pf_rdi, DEV_LIN + 0x62, 37
    EXPECT pf_rcx, 2, 38
    EXPECT %rsi, RAM_LIN + 0x2002, 39
    EXPECT %rdi, DEV_LIN + 0x64, 40
    EXPECT %rcx, 0, 41
    EXPECT 0x60(%rbx), (PAT64(0x60) & ~0xFFFFFFFF) | 0xB4B3B2B1, 42
    PUTS "mmio-pf: rep movsb ram->dev, source page missing: #PF 0x0, completed after mapping\n"

    PUTS "mmio-pf: all checks passed\n"
    REPORT 0

/* #PF: record the error code, CR2, the faulting RIP and RSI/RDI/RCX; then either fill the PTE at
 * pf_fix_pte with pf_fix_val (once) and retry, or (pf_fix_pte = 0) skip pf_skip bytes. */
pf_handler:
    incq pf_count
    popq pf_err
    push %rax
    cmpq $3, pf_count
    ja 3f                           /* a fault loop: give up */
    mov %cr2, %rax
    mov %rax, pf_cr2
    mov 8(%rsp), %rax
    mov %rax, pf_rip
    mov %rsi, pf_rsi
    mov %rdi, pf_rdi
    mov %rcx, pf_rcx
    mov pf_fix_pte, %rax
    test %rax, %rax
    jz 1f
    push %rdx
    mov pf_fix_val, %rdx
    mov %rdx, (%rax)
    pop %rdx
    movq $0, pf_fix_pte
    mov pf_cr2, %rax
    invlpg (%rax)
    jmp 2f
1:  mov pf_skip, %rax
    add %rax, 8(%rsp)
2:  pop %rax
    iretq
3:  mov $0x50, %eax
    jmp fail

    .data
    .balign 8
pf_count:   .quad 0
pf_err:     .quad 0
pf_cr2:     .quad 0
pf_rip:     .quad 0
pf_rsi:     .quad 0
pf_rdi:     .quad 0
pf_rcx:     .quad 0
pf_fix_pte: .quad 0
pf_fix_val: .quad 0
pf_skip:    .quad 0
    .text

    RUNTIME_MMIO64
