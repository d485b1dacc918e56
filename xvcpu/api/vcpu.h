/* vCPUs, per-CPU state and the calls a VMM makes. */

typedef struct xvcpu_vcpu xvcpu_vcpu;
typedef struct xvcpu_percpu xvcpu_percpu;
typedef struct xvcpu_backend xvcpu_backend; /* how one architecture does each step (core/objects.h) */
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

/* --- per-CPU state ------------------------------------------------------------------------------
 * One xvcpu_percpu per physical CPU, yours to place (its definition is in "objects" below). */

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

/* MMIO: guest accesses to [gpa, gpa+size) become MMIO_READ / MMIO_WRITE exits. The range must stay
 * unmapped in the stage-2 tables, so the guest's accesses fault. x86: the library fetches and
 * decodes the instruction; read-modify-write and string forms are emulated as a sequence of such
 * exits. AArch64: data aborts, decoded from the syndrome or (ISV=0) from the instruction.
 * Page-aligned, at most XVCPU_MMIO_MAX_REGIONS ranges, no overlaps. Remove takes the exact range. */
#define XVCPU_MMIO_MAX_REGIONS 16
/* A device the library runs itself for an MMIO region, as a kernel VMM runs in-kernel devices
 * (arm64: xvcpu_arm64_add_mmio_device). `access` is the MMIO_READ or MMIO_WRITE exit the VMM
 * would otherwise get (kind, u.mmio_read / u.mmio_write, raw_*); for a read the device stores the
 * value in *value. It returns XVCPU_DEVICE_DONE (the access is performed: the library writes the
 * register, moves the PC on and runs the guest again, without returning from xvcpu_vcpu_run) or
 * XVCPU_DEVICE_EXIT (not here: the access becomes that exit for the VMM, completed as usual).
 * Any other value ends the run with XVCPU_ERR_INVALID_ARG and leaves the access undone. */
#define XVCPU_DEVICE_DONE 0
#define XVCPU_DEVICE_EXIT 1
typedef int (*xvcpu_mmio_device_fn)(void *device, xvcpu_vcpu *vcpu, const xvcpu_exit *access, uint64_t *value);
typedef struct xvcpu_mmio_region {
    uint64_t gpa, size;
    xvcpu_mmio_device_fn device_fn; /* NULL: accesses are exits for the VMM */
    void *device;                   /* device_fn's first argument */
} xvcpu_mmio_region;
XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);
XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);

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
 * WRMSR); RIP is not advanced. On an MMIO_UNSUPPORTED that interrupted an event's delivery the
 * fault replaces that event, combined with it as the CPU would (see the manual's exit table). */
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
