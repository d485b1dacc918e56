/* minihv-arm64 entry: QEMU's virt machine starts the ELF at EL2 with the MMU off. Set the EL2
 * stack, mask interrupts, clear .bss and run hv_main(); if it returns, stop QEMU with the status
 * it gave through semihosting SYS_EXIT. */
    .section .text.start, "ax"
    .global _start
_start:
    msr daifset, #0xf
    ldr x1, =stack_top
    mov sp, x1
    ldr x1, =__bss_start
    ldr x2, =__bss_end
1:  cmp x1, x2
    b.hs 2f
    str xzr, [x1], #8
    b 1b
2:  bl hv_main
    /* fall through: exit with hv_main's status */
    .global hv_exit
hv_exit:
    sub sp, sp, #16
    mov x1, #0x0026
    movk x1, #2, lsl #16          /* ADP_Stopped_ApplicationExit */
    str x1, [sp]
    str x0, [sp, #8]
    mov x1, sp
    mov w0, #0x18                 /* SYS_EXIT */
    hlt #0xf000
3:  wfi
    b 3b

    .section .bss
    .balign 16
    .space 65536
stack_top:
