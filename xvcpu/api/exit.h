/* The neutral exit: what xvcpu_vcpu_run() hands the VMM when the guest needs it. Exits the VMM
 * should never see (CPUID, XSETBV, CR access, interrupt windows ...) are handled inside the run
 * loop. Every exit also carries the raw hardware reason for logging. */

typedef enum xvcpu_exit_kind {
    XVCPU_EXIT_NOTHING = 0,         /* nothing for the guest: run again. A host event the host
                                       handles itself (x86: a physical INIT, left to the host) */
    XVCPU_EXIT_HYPERCALL,           /* VMCALL/VMMCALL (x86), HVC (arm) */
    XVCPU_EXIT_MMIO_READ,           /* complete with xvcpu_complete_mmio_read() */
    XVCPU_EXIT_MMIO_WRITE,
    XVCPU_EXIT_SYSREG_READ,         /* RDMSR of an MSR the VMM intercepts: xvcpu_complete_sysreg_read() */
    XVCPU_EXIT_SYSREG_WRITE,        /* WRMSR of an MSR the VMM intercepts */
    XVCPU_EXIT_IO_READ,             /* IN/INS: xvcpu_complete_io_read() or xvcpu_complete_string_io() */
    XVCPU_EXIT_IO_WRITE,            /* OUT/OUTS (string forms: xvcpu_complete_string_io()) */
    XVCPU_EXIT_EXTERNAL_INTERRUPT,  /* a host interrupt arrived while the guest ran */
    XVCPU_EXIT_NESTED_PAGE_FAULT,   /* stage-2 fault outside any MMIO region: map and run again */
    XVCPU_EXIT_HALT,                /* HLT: wait for an event, inject it, run again */
    XVCPU_EXIT_CPU_UP,              /* the guest starts another vCPU (INIT/SIPI, PSCI CPU_ON) */
    XVCPU_EXIT_CPU_DOWN,            /* the guest stops this vCPU (PSCI CPU_OFF) */
    XVCPU_EXIT_SYSTEM_DOWN,         /* triple fault / shutdown / PSCI SYSTEM_OFF: the vCPU is stopped */
    XVCPU_EXIT_FAIL_ENTRY,          /* the CPU refused the entry; see fail_entry */
    XVCPU_EXIT_SEND_IPI,            /* the guest sends an IPI (x2APIC ICR, ICC_SGI1R_EL1) */
    XVCPU_EXIT_UNHANDLED,           /* a hardware exit the library does not handle; see raw_* */
    XVCPU_EXIT_MMIO_UNSUPPORTED,    /* an MMIO access by an instruction the library does not emulate:
                                       see mmio_unsupported; complete (skips it), fault, or map the page */
    XVCPU_EXIT_TASK_SWITCH,         /* x86 VMX: a hardware task switch (CALL/JMP to a TSS or task
                                       gate, IRET with NT, an event through an IDT task gate) that
                                       the library cannot perform itself (it performs the others):
                                       see task_switch (why); RIP is unmoved, nothing switched */
    XVCPU_EXIT_KIND_COUNT
} xvcpu_exit_kind;

/* TASK_SWITCH sources (SDM Vol. 3C Table 28-2) and event types (SDM Vol. 3C 25.9.3). */
#define XVCPU_TASK_SWITCH_CALL 0u
#define XVCPU_TASK_SWITCH_IRET 1u
#define XVCPU_TASK_SWITCH_JMP 2u
#define XVCPU_TASK_SWITCH_GATE 3u
#define XVCPU_TASK_EVENT_EXTERNAL_INTERRUPT 0u
#define XVCPU_TASK_EVENT_NMI 2u
#define XVCPU_TASK_EVENT_HARDWARE_EXCEPTION 3u
#define XVCPU_TASK_EVENT_SOFTWARE_INTERRUPT 4u
#define XVCPU_TASK_EVENT_PRIVILEGED_SOFTWARE_EXCEPTION 5u
#define XVCPU_TASK_EVENT_SOFTWARE_EXCEPTION 6u

/* Stage-2 access kinds, for NESTED_PAGE_FAULT. */
#define XVCPU_ACCESS_READ 1u
#define XVCPU_ACCESS_WRITE 2u
#define XVCPU_ACCESS_EXEC 4u

typedef struct xvcpu_exit {
    xvcpu_exit_kind kind;
    /* Raw hardware facts, for logs: VMX basic exit reason or SVM EXITCODE, the exit
     * qualification or EXITINFO1, and the guest-physical address or EXITINFO2. VMX reads the
     * qualification only when an exit needs it: 0 where it did not (an MMIO load or store the
     * library decoded, a CPUID ...). */
    uint64_t raw_reason;
    uint64_t raw_qualification;
    uint64_t raw_info2;
    const char *raw_reason_name; /* "EPT_VIOLATION", "NPF", ...; NULL when unknown */
    union {
        struct {
            uint64_t nr;        /* x86: RAX; arm64: X0 */
            uint64_t args[6];   /* x86: RDI, RSI, RDX, RCX, R8, R9; arm64: X1-X6 */
            uint8_t cpl;        /* the caller's privilege: x86 CPL 0-3; arm64 0 = EL1, 3 = EL0. VMCALL,
                                   VMMCALL and HVC work at every level: refuse what you must */
        } hypercall;
        struct {
            uint64_t addr;      /* guest physical */
            uint8_t width;      /* access size in bytes: 1, 2, 4, 8 (16, 32 for vector moves) */
            uint8_t reg;        /* destination register number (architecture's numbering) */
            uint8_t reg_width;  /* destination width in bytes */
            bool signed_ext;    /* sign-extend rather than zero-extend into the register */
        } mmio_read;
        struct { uint64_t addr; uint8_t width; uint64_t data; } mmio_write;
        struct {
            uint64_t addr;      /* guest physical */
            uint32_t access;    /* XVCPU_ACCESS_* */
            uint8_t insn_len;   /* bytes of the instruction (0 when unknown: not decodable) */
            uint8_t bytes[15];  /* the instruction as fetched */
            uint8_t fetched;    /* how many of `bytes` are valid */
            const char *why;    /* e.g. "unsupported instruction", "access crosses a page" */
        } mmio_unsupported;
        struct { uint32_t addr; uint8_t reg; } sysreg_read;   /* x86: MSR number (EDX:EAX destination) */
        struct { uint32_t addr; uint64_t value; } sysreg_write;
        struct {
            uint16_t port;
            uint8_t width;      /* bytes per transfer: 1, 2 or 4 */
            uint64_t data;      /* OUT: the value written (non-string only) */
            bool string;        /* INS/OUTS: the data is in guest memory at `guest_addr` */
            bool rep;           /* REP prefix: up to `count` transfers */
            bool down;          /* RFLAGS.DF: the address decreases */
            uint8_t addr_size;  /* address size in bytes: 2, 4 or 8 */
            uint64_t count;     /* transfers in this pass (1 without REP): at most the count register
                                   masked to addr_size, cut where the elements leave the first one's
                                   page or the segment; the guest executes the instruction again for
                                   the rest (xvcpu_complete_string_io moves RIP on when rCX is 0) */
            uint64_t guest_addr; /* guest linear address of the first element (segment base applied) */
            uint64_t gpa;       /* its guest-physical address (the library walked the guest's tables
                                   and made the segment and paging checks): elements at gpa, gpa +/-
                                   width, ... (down: decreasing), all in gpa's page */
            uint64_t gpa_split; /* an element that straddles two pages (count is 1 then): the
                                   guest-physical address of its bytes on the second page; else 0 */
        } io;
        struct { uint32_t vector; } external_interrupt;
        struct {
            uint16_t selector;  /* the new task's TSS (or task-gate target) selector */
            uint8_t source;     /* XVCPU_TASK_SWITCH_CALL, _IRET, _JMP, _GATE (IDT task gate) */
            uint8_t insn_len;   /* CALL/JMP/IRET, INT n/INT3/INTO/INT1 through a gate: the
                                   instruction's length; else 0 */
            bool event_valid;   /* GATE: the event whose delivery switched tasks */
            uint8_t event_vector;
            uint8_t event_type; /* XVCPU_TASK_EVENT_*: the SDM's interruption types */
            bool error_code_valid;
            uint32_t error_code;
            const char *why;    /* why the library did not switch itself (it does on VMX): e.g. a
                                   TSS or descriptor table outside guest RAM */
        } task_switch;
        struct {
            bool interrupts_masked; /* x86: HLT with RFLAGS.IF = 0: only an NMI (or an exception
                                       the VMM queues) ends it; a queued interrupt waits */
        } halt;
        struct {
            uint64_t addr;      /* guest physical */
            uint32_t access;    /* XVCPU_ACCESS_* the guest attempted */
            bool linear_valid;
            uint64_t linear;    /* guest linear address, when linear_valid */
        } nested_page_fault;
        struct { uint64_t target_cpu; uint64_t entry_point; uint64_t arg; } cpu_up;
        struct { uint64_t state; } cpu_down;
        struct {
            uint64_t hw_reason;            /* full exit reason (VMX: bit 31 set) or SVM EXITCODE */
            uint64_t qualification;        /* entry-failure qualification */
            uint32_t vm_instruction_error; /* VMfailValid error number, 0 if none */
            const char *reason_name;       /* e.g. "ENTRY_FAILURE_GUEST_STATE" */
            const char *error_text;        /* the SDM's VM-instruction error text, or NULL */
            const char *check;             /* the first manual check the state fails, in words with
                                              its section (xvcpu_vmx_entry_check(),
                                              xvcpu_svm_vmrun_check()), or NULL */
        } fail_entry;
        struct {
            uint64_t target_cpu;     /* destination (x2APIC ID or MPIDR affinity) */
            uint64_t target_cpu_aux; /* arm: target list; x86: destination mode */
            bool send_to_all;        /* all excluding self */
            bool send_to_self;
            uint32_t vector;
        } send_ipi;
    } u;
} xvcpu_exit;

/* "IO_READ" for XVCPU_EXIT_IO_READ; never NULL. */
XVCPU_DEF const char *xvcpu_exit_kind_name(xvcpu_exit_kind kind);
