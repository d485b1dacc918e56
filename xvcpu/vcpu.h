/* vCPUs, per-CPU state and the calls a VMM makes. */

typedef struct xvcpu_vcpu xvcpu_vcpu;
typedef struct xvcpu_percpu xvcpu_percpu;
struct xvcpu_stage2; /* the EPT/NPT builder's table, see the stage-2 section */

/* --- the vCPU state machine (axvcpu's) ---------------------------------------------------------
 *
 *   Invalid --create--> Created --setup--> Free --bind--> Ready --run--> Running --exit--> Ready
 *                                            ^             | ^ \--block--> Blocked --unblock--/
 *                                            +----unbind---+ |
 *   destroy: Created or Free --> Invalid
 *
 * A call made in the wrong state returns XVCPU_ERR_BAD_STATE, changes nothing, and leaves a text
 * such as "xvcpu_vcpu_run: vCPU 0 is Free, needs Ready" in xvcpu_vcpu_last_error(). */
typedef enum xvcpu_state {
    XVCPU_STATE_INVALID = 0,
    XVCPU_STATE_CREATED,
    XVCPU_STATE_FREE,
    XVCPU_STATE_READY,
    XVCPU_STATE_RUNNING,
    XVCPU_STATE_BLOCKED
} xvcpu_state;

XVCPU_DEF const char *xvcpu_state_name(xvcpu_state state); /* "Ready"; never NULL */

/* --- guest registers ---------------------------------------------------------------------------
 * General-purpose registers use the x86 numbering (ModRM/REX), so a decoder's register number
 * indexes them directly. */
typedef enum xvcpu_reg {
    XVCPU_REG_RAX = 0, XVCPU_REG_RCX, XVCPU_REG_RDX, XVCPU_REG_RBX,
    XVCPU_REG_RSP, XVCPU_REG_RBP, XVCPU_REG_RSI, XVCPU_REG_RDI,
    XVCPU_REG_R8, XVCPU_REG_R9, XVCPU_REG_R10, XVCPU_REG_R11,
    XVCPU_REG_R12, XVCPU_REG_R13, XVCPU_REG_R14, XVCPU_REG_R15,
    /* legacy high-byte registers (no REX prefix, register numbers 4-7 with 8-bit operands) */
    XVCPU_REG_AH = 20, XVCPU_REG_CH, XVCPU_REG_DH, XVCPU_REG_BH,
    /* registers kept by the hardware (VMCS/VMCB), reached through the backend */
    XVCPU_REG_RIP = 32, XVCPU_REG_RFLAGS, XVCPU_REG_CR0, XVCPU_REG_CR2, XVCPU_REG_CR3,
    XVCPU_REG_CR4, XVCPU_REG_EFER
} xvcpu_reg;

/* --- events the VMM asks to inject --------------------------------------------------------------*/
#define XVCPU_MAX_EXCEPTION_VECTOR 31
/* Kinds of exception-class event (the values are VMX's interruption types, SDM Vol. 3C 25.8.3). */
enum {
    XVCPU__EVENT_HARDWARE_EXCEPTION = 3,
    XVCPU__EVENT_SOFTWARE_INTERRUPT = 4,   /* INT n */
    XVCPU__EVENT_PRIVILEGED_SOFTWARE = 5,  /* INT1 (ICEBP) */
    XVCPU__EVENT_SOFTWARE_EXCEPTION = 6    /* INT3, INTO */
};

/* --- per-CPU state ------------------------------------------------------------------------------*/

/* A backend: how one CPU architecture does each step. xvcpu picks the built-in one for the CPU it
 * finds at xvcpu_percpu_enable(); a caller may pass its own to xvcpu_percpu_init() (the host tests
 * pass a model of the hardware). Every hook may assume the neutral layer already checked the
 * state machine and its arguments. vcpu_run fills `exit`, sets vcpu->pending.insn_len to the
 * length of the instruction a completion skips (0 when there is none), and before entering adds
 * vcpu->rip_advance to RIP (then clears it) and writes gpr[RSP] to the guest when rsp_dirty. */
typedef struct xvcpu_backend {
    const char *name; /* "vmx", "svm" */
    xvcpu_err (*percpu_enable)(xvcpu_percpu *cpu);
    xvcpu_err (*percpu_disable)(xvcpu_percpu *cpu);
    xvcpu_err (*vcpu_create)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_setup)(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args);
    xvcpu_err (*vcpu_bind)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_unbind)(xvcpu_vcpu *vcpu);
    xvcpu_err (*vcpu_run)(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
    void (*vcpu_destroy)(xvcpu_vcpu *vcpu);
    xvcpu_err (*get_reg)(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value); /* RIP and up */
    xvcpu_err (*set_reg)(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value);
    /* NULL for x86. Otherwise the completion calls hand their work to it: `kind` is the open exit's
     * (MMIO_READ, SYSREG_READ, HYPERCALL: write `value` where the architecture puts it), or
     * XVCPU_EXIT_KIND_COUNT for xvcpu_complete_fault(vector, code) with `value` = vector << 32 | code.
     * It closes the exit (or keeps it open for a multi-access instruction) itself. */
    xvcpu_err (*arch_complete)(xvcpu_vcpu *vcpu, xvcpu_exit_kind kind, uint64_t value);
} xvcpu_backend;

struct xvcpu_percpu {
    uint32_t magic;               /* XVCPU__PERCPU_MAGIC once initialised */
    uint32_t cpu_id;
    const xvcpu_hal *hal;
    const xvcpu_backend *backend; /* chosen at enable unless given at init */
    bool enabled;
    xvcpu_vcpu *current;          /* the vCPU bound to this CPU, or NULL */
    void *region;                 /* VMXON region (VMX) or host save area (SVM) */
    uint64_t region_phys;
    union {
        xvcpu_vmx_caps vmx;
        xvcpu_svm_caps svm;
        xvcpu_arm64_caps arm64;
    } caps;                       /* what the backend learned about this CPU at enable */
    char error[XVCPU_ERROR_TEXT_SIZE];
};

/* Prepare `cpu` for physical CPU `cpu_id`. Touches no hardware. `backend` NULL = detect at enable. */
XVCPU_DEF xvcpu_err xvcpu_percpu_init(xvcpu_percpu *cpu, const xvcpu_hal *hal, uint32_t cpu_id,
                                      const xvcpu_backend *backend);
/* Turn virtualization on / off on the calling CPU, which must be `cpu`'s CPU. */
XVCPU_DEF xvcpu_err xvcpu_percpu_enable(xvcpu_percpu *cpu);
XVCPU_DEF xvcpu_err xvcpu_percpu_disable(xvcpu_percpu *cpu);
XVCPU_DEF bool xvcpu_percpu_is_enabled(const xvcpu_percpu *cpu);
XVCPU_DEF xvcpu_vcpu *xvcpu_percpu_current(const xvcpu_percpu *cpu);
XVCPU_DEF const char *xvcpu_percpu_last_error(const xvcpu_percpu *cpu);

/* --- the vCPU -----------------------------------------------------------------------------------*/

/* What the last exit still needs from the VMM (see the completion calls). */
typedef struct xvcpu_pending {
    xvcpu_exit exit;    /* copy of the exit the VMM was given */
    uint8_t insn_len;   /* bytes the completion advances RIP by */
    bool open;          /* the exit has not been completed yet */
} xvcpu_pending;

/* Exit statistics: one counter per raw reason. VMX basic reasons (0-127) and SVM EXITCODEs below
 * 0xF0 count at their own number, SVM's 0x400-0x40F (NPF, AVIC, VMGEXIT) at 0xF0-0xFF. */
#define XVCPU_EXIT_STATS 256
static inline int xvcpu__exit_stat_slot(uint64_t raw_reason)
{
    if (raw_reason < 0xF0)
        return (int)raw_reason;
    if (raw_reason >= 0x400 && raw_reason < 0x410)
        return (int)(raw_reason - 0x400 + 0xF0);
    return -1;
}

struct xvcpu_vcpu {
    uint32_t magic;                /* XVCPU__VCPU_MAGIC while created */
    uint32_t id;
    xvcpu_state state;
    const xvcpu_hal *hal;
    const xvcpu_backend *backend;
    xvcpu_percpu *home;            /* the CPU it was created on (its capabilities apply) */
    xvcpu_percpu *cpu;             /* the CPU this vCPU is bound to (Ready, Running, Blocked) */
    void *user;                    /* the VMM's own pointer; the library never touches it */

    /* Guest GPRs, saved by the entry trampoline. gpr[XVCPU_REG_RSP] is a copy the backend keeps in
     * sync only when rsp_dirty says the library changed it. */
    uint64_t gpr[16];
    bool rsp_dirty;
    uint64_t rip_advance;          /* bytes to add to RIP before the next entry */

    xvcpu_pending pending;
    xvcpu_x86_state x86;
    union {
        xvcpu_vmx_vcpu vmx;
        xvcpu_svm_vcpu svm;
        xvcpu_arm64_vcpu arm64;
    } arch;

    struct {
        bool exception_pending;    /* one exception-class event: hardware exception or INT n/INT3/INTO/INT1 */
        uint8_t exception_vector;
        uint8_t exception_type;    /* XVCPU__EVENT_* */
        uint8_t exception_insn_len; /* software events: bytes of the instruction that raised it */
        bool exception_has_error;
        uint32_t exception_error;
        uint64_t page_fault_cr2;   /* CR2 for a #PF the library raises */
        bool shutdown;             /* a fault while delivering #DF: the guest shuts down */
        bool nmi_pending;
        uint64_t irr[4];           /* external interrupts 32-255 awaiting delivery, like an APIC IRR */
    } events;

    uint32_t exit_stats[XVCPU_EXIT_STATS]; /* exits per raw reason, see xvcpu__exit_stat_slot() */
    char error[XVCPU_ERROR_TEXT_SIZE];
};

/* Make `vcpu` (caller-owned memory) a new vCPU with id `id` on the backend of `cpu`, which must be
 * enabled. Invalid -> Created. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_create(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu, uint32_t id);
/* Initial guest state. Created -> Free. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_setup(xvcpu_vcpu *vcpu, const xvcpu_vcpu_setup_args *args);
/* Make `cpu` (the calling CPU) run `vcpu`. Free -> Ready. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_bind(xvcpu_vcpu *vcpu, xvcpu_percpu *cpu);
/* Release the CPU; the vCPU may then be bound elsewhere. Ready -> Free. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_unbind(xvcpu_vcpu *vcpu);
/* Run the guest until it needs the VMM; fills `exit`. Ready -> Running -> Ready.
 * Refused while a read exit (IO_READ, MMIO_READ, SYSREG_READ, string I/O) or MMIO_UNSUPPORTED
 * (complete = skip the instruction, complete_fault, or complete_retry) is not completed;
 * other exits are completed implicitly (RIP advanced past the instruction). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
/* Park a bound vCPU that has nothing to run (e.g. after HALT). Ready <-> Blocked. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_block(xvcpu_vcpu *vcpu);
XVCPU_DEF xvcpu_err xvcpu_vcpu_unblock(xvcpu_vcpu *vcpu);
/* Free everything the vCPU allocated. Created or Free -> Invalid. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_destroy(xvcpu_vcpu *vcpu);

XVCPU_DEF xvcpu_state xvcpu_vcpu_state(const xvcpu_vcpu *vcpu);
XVCPU_DEF const char *xvcpu_vcpu_last_error(const xvcpu_vcpu *vcpu);
/* Guest registers: GPRs any time after create; RIP and up through the backend (bound vCPU). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value);
XVCPU_DEF xvcpu_err xvcpu_vcpu_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value);

/* --- completing an exit -------------------------------------------------------------------------
 * Each call checks that the last exit is of its kind (else XVCPU_ERR_BAD_STATE naming both),
 * writes the result where the architecture puts it and advances RIP past the instruction. */

/* IN: AL/AX are merged, EAX zero-extends into RAX. */
XVCPU_DEF xvcpu_err xvcpu_complete_io_read(xvcpu_vcpu *vcpu, uint32_t value);
/* INS/OUTS: the VMM moved `done` elements (at most the exit's count). RSI/RDI step by the element
 * size in the DF direction, RCX drops by `done` under REP, and RIP advances once all are done. */
XVCPU_DEF xvcpu_err xvcpu_complete_string_io(xvcpu_vcpu *vcpu, uint64_t done);
/* MMIO load: `value` goes to the exit's register with its width and extension. */
XVCPU_DEF xvcpu_err xvcpu_complete_mmio_read(xvcpu_vcpu *vcpu, uint64_t value);
/* RDMSR: EDX:EAX = value (upper halves of RAX and RDX cleared). */
XVCPU_DEF xvcpu_err xvcpu_complete_sysreg_read(xvcpu_vcpu *vcpu, uint64_t value);
/* VMCALL/VMMCALL: RAX = result. */
XVCPU_DEF xvcpu_err xvcpu_complete_hypercall(xvcpu_vcpu *vcpu, uint64_t result);
/* Any exit that produced no value (writes, HALT, IPIs): just advance RIP. */
XVCPU_DEF xvcpu_err xvcpu_complete(xvcpu_vcpu *vcpu);
/* Close the exit without advancing RIP: the guest executes the instruction again (e.g. after the VMM
 * mapped the page of an MMIO_UNSUPPORTED access). */
XVCPU_DEF xvcpu_err xvcpu_complete_retry(xvcpu_vcpu *vcpu);
/* Instead of completing, raise exception `vector` at the instruction (e.g. #GP(0) for a refused
 * WRMSR); RIP is not advanced. */
XVCPU_DEF xvcpu_err xvcpu_complete_fault(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code);

/* --- injecting events ----------------------------------------------------------------------------
 * Queued and delivered when the guest can take them (the backend opens interrupt/NMI windows). */

/* Exception 0-31 except NMI (2) and reserved vectors. `error_code` must be 0 for vectors that
 * push none (#DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX push one). One exception at a time:
 * XVCPU_ERR_BUSY while one is pending. */
XVCPU_DEF xvcpu_err xvcpu_inject_exception(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code);
XVCPU_DEF xvcpu_err xvcpu_inject_nmi(xvcpu_vcpu *vcpu);
/* External interrupt 32-255; pending vectors are delivered highest first, each once. */
XVCPU_DEF xvcpu_err xvcpu_inject_interrupt(xvcpu_vcpu *vcpu, uint8_t vector);
/* As if the guest executed a software interrupt of `insn_len` bytes (1-15) at its current RIP:
 * INT n (CD ib, usually 2 bytes), or with insn_len 1: INT3 (vector 3), INTO (4), INT1 (1). The
 * return address pushed is RIP + insn_len and the gate's DPL is checked against CPL, as for the
 * instruction. Shares the one exception slot (XVCPU_ERR_BUSY while an exception is pending). */
XVCPU_DEF xvcpu_err xvcpu_inject_software_interrupt(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t insn_len);

/* x86 facts the neutral layer needs (SDM Vol. 3A Table 6-1, AMD APM Vol. 2 8.2). */
XVCPU_DEF bool xvcpu_x86_exception_valid(uint8_t vector);
XVCPU_DEF bool xvcpu_x86_exception_has_error_code(uint8_t vector);
