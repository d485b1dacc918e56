/* An exception at EL2 inside the library is reported, never a hang: minihv-arm64 is built with
 * -DMINIHV_EL2_FAULT (and the library's XVCPU_ARM64_DEBUG_HOOKS) and makes the library load from
 * an address nothing answers while it answers this HVC PSCI_VERSION at EL2. xvcpu_vcpu_run() must
 * return XVCPU_ERR_INTERNAL naming the data abort; the hypervisor checks the text, unbinds and
 * destroys the vCPU and reports PASS. The guest must never get past the HVC. */
#include "common.inc"
    .section .guest, "ax"
    .global guest_entry
guest_entry:
    MOV64 x0, 0x84000000          /* PSCI_VERSION: answered on the lean path */
    hvc #0
    mov x1, #1                    /* the library answered it after all */
    b guest_fail
    GUEST_COMMON
