/* The register file both ways: through its exit window at REGFILE_EXIT (ordinary MMIO exits the
 * VMM completes: the plain exit path) and at REGFILE (the device the library runs itself). What
 * one way writes the other reads back. Also device accesses the lean path leaves to the run loop:
 * a pair (ISV = 0) and registers X20-X29 (not saved on the lean path). */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    MOV64 x10, REGFILE_EXIT
    MOV64 x11, REGFILE
    /* exit window: store, load back, sign extension */
    MOV64 x1, 0x8877665544332211
    str x1, [x10, #0x100]
    ldr x2, [x10, #0x100]
    cmp x2, x1
    CHECK 1
    ldrsh w3, [x10, #0x106]       /* 0x8877 */
    MOV64 x9, 0xFFFF8877
    cmp x3, x9
    CHECK 2
    /* the device sees what the window wrote, and the other way round */
    ldr x4, [x11, #0x100]
    cmp x4, x1
    CHECK 3
    MOV64 x1, 0x0102030405060708
    str x1, [x11, #0x108]
    ldr x5, [x10, #0x108]
    cmp x5, x1
    CHECK 4
    /* a pair through the window, one through the device (ISV = 0: the library decodes both) */
    ldp x6, x7, [x10, #0x100]
    ldp x8, x9, [x11, #0x100]
    cmp x6, x8
    CHECK 5
    cmp x7, x9
    CHECK 6
    cmp x7, x1
    CHECK 7
    /* X20-X29 with the device: served by the run loop's device path */
    MOV64 x22, 0x2222333344445555
    str x22, [x11, #0x110]
    ldr x25, [x11, #0x110]
    cmp x25, x22
    CHECK 8
    ldr x26, [x10, #0x110]
    cmp x26, x22
    CHECK 9
    PRINT msg
    b guest_pass
msg: .asciz "exitwin: all checks passed\n"
    .balign 4
    GUEST_COMMON
