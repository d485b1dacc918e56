/* How a vCPU starts (xvcpu_vcpu_setup). */

struct xvcpu_stage2; /* the EPT/NPT tables, see the stage-2 section */

typedef enum xvcpu_start_mode {
    XVCPU_START_REAL = 1,      /* 16-bit real mode; CS base = entry (any address below 4 GiB) */
    XVCPU_START_PROTECTED = 2, /* flat 32-bit protected mode, paging off */
    XVCPU_START_LONG = 3       /* 64-bit long mode with the caller's 4-level page tables */
} xvcpu_start_mode;

typedef struct xvcpu_vcpu_setup_args {
    xvcpu_start_mode mode;
    uint64_t entry;               /* guest address of the first instruction */
    uint64_t stack;               /* initial RSP */
    uint64_t cr3;                 /* XVCPU_START_LONG: guest-physical address of the PML4 */
    struct xvcpu_stage2 *stage2;  /* EPT/NPT tables the guest runs on */
} xvcpu_vcpu_setup_args;

