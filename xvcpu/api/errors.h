/* Errors. Every call that can fail returns an xvcpu_err; the object it acted on (vCPU or per-CPU
 * state) also keeps a one-line text that names the problem, see xvcpu_vcpu_last_error(). */

typedef enum xvcpu_err {
    XVCPU_OK = 0,
    XVCPU_ERR_INVALID_ARG,          /* a NULL pointer, an out-of-range value, a misaligned address */
    XVCPU_ERR_BAD_STATE,            /* the call is not allowed in the object's current state */
    XVCPU_ERR_UNSUPPORTED,          /* the CPU lacks a feature the call needs */
    XVCPU_ERR_DISABLED_BY_FIRMWARE, /* the feature exists but firmware locked it off */
    XVCPU_ERR_BUSY,                 /* already enabled, or in use by someone else */
    XVCPU_ERR_NO_MEMORY,            /* the HAL could not allocate pages */
    XVCPU_ERR_VM_INSTRUCTION,       /* a VMX/SVM instruction failed; the text has the SDM's error */
    XVCPU_ERR_VM_ENTRY,             /* the CPU refused to enter the guest */
    XVCPU_ERR_ALREADY_MAPPED,       /* stage-2: the range overlaps an existing mapping */
    XVCPU_ERR_NOT_MAPPED,           /* stage-2: nothing is mapped there */
    XVCPU_ERR_INTERNAL,             /* the library itself failed (arm64: an exception at EL2 inside it);
                                       the text says what and where */
    XVCPU_ERR_COUNT
} xvcpu_err;

/* "bad state" for XVCPU_ERR_BAD_STATE; never NULL. */
XVCPU_DEF const char *xvcpu_strerror(xvcpu_err err);

/* Size of the error-text buffers in xvcpu_vcpu and xvcpu_percpu. */
#ifndef XVCPU_ERROR_TEXT_SIZE
#define XVCPU_ERROR_TEXT_SIZE 256
#endif
