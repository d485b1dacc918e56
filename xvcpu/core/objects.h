/* The objects a VMM allocates (xvcpu_percpu, xvcpu_vcpu) and the backend interface. Their
 * members are the library's: read them for debugging, change them only through the API. */

/* A backend: how one CPU architecture does each step. xvcpu picks the built-in one for the CPU it
 * finds at xvcpu_percpu_enable(); a caller may pass its own to xvcpu_percpu_init() (the host tests
 * pass a model of the hardware). Every hook may assume the neutral layer already checked the
 * state machine and its arguments. vcpu_run fills `exit`, sets vcpu->pending.insn_len to the
 * length of the instruction a completion skips (0 when there is none), and before entering adds
 * vcpu->rip_advance to RIP (then clears it) and writes gpr[RSP] to the guest when rsp_dirty. */
struct xvcpu_backend {
    const char *name; /* "vmx", "svm", "arm64" */
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
    /* x86: the VMM changed the guest's CPUID view (xvcpu_vcpu_set_cpuid; Free or Ready): bring
     * what the hardware enforces from it up to date (VMX: the CR4 guest/host mask). NULL: nothing. */
    void (*view_changed)(xvcpu_vcpu *vcpu);
    /* x86: the event whose delivery the last exit cut short (the next entry would deliver it
     * again): cancel that and return its vector and type (VMX interruption types: 0 external
     * interrupt, 2 NMI, 3 hardware exception, 4 INT n, 5 INT1, 6 INT3/INTO), RIP back at the
     * instruction of a software event. false: there is none. NULL: never one. */
    bool (*take_interrupted_event)(xvcpu_vcpu *vcpu, uint32_t *vector, uint32_t *type);
};

struct xvcpu_percpu {
    uint32_t magic;               /* XVCPU__PERCPU_MAGIC once initialised */
    uint32_t cpu_id;
    const xvcpu_hal *hal;
    const xvcpu_backend *backend; /* chosen at enable unless given at init */
    bool enabled;
    xvcpu_vcpu *bound_vcpu;       /* the vCPU bound to this CPU, or NULL (not "current": Linux has that macro) */
    void *region;                 /* VMXON region (VMX) or host save area (SVM) */
    uint64_t region_phys;
    union {
        xvcpu_vmx_caps vmx;
        xvcpu_svm_caps svm;
        xvcpu_arm64_caps arm64;
    } caps;                       /* what the backend learned about this CPU at enable */
    char error[XVCPU_ERROR_TEXT_SIZE];
};


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
    /* Work before the next entry: set by whatever makes some (a completion that moves RIP or
     * writes RSP, a queued event, a shutdown); the backend clears it when none is left, so an
     * entry with nothing to do tests one byte instead of every source. */
    bool entry_work;
    uint64_t rip_advance;          /* bytes to add to RIP before the next entry */
    bool iteration_done;           /* x86: a REP string pass ended with RIP kept at the instruction:
                                      single-stepping traps before the next entry all the same */
    bool halted_masked;            /* a HLT with interrupts masked was completed: still halted */
    uint8_t halted_len;            /* its length, skipped when an NMI or exception ends it */

    xvcpu_pending pending;
    xvcpu_mmio_region mmio[XVCPU_MMIO_MAX_REGIONS]; /* xvcpu_vcpu_add_mmio_region() */
    unsigned mmio_count;
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
