/* The AArch64 EL2 backend's state and its access layer (Arm ARM DDI 0487, chapters D1, D8, D19).
 *
 * Access layer: every privileged instruction the backend executes goes through one of these
 * macros; define any of them before including xvcpu.h to substitute a software EL2 machine (the
 * host tests do). REG is a register name of spec/arm64_sysregs.yaml (HCR_EL2, SCTLR_EL1 ...);
 * XVCPU_SYSREG_##REG is its number.
 *   uint64_t XVCPU_A64_READ(REG)          void XVCPU_A64_WRITE(REG, value)
 *   void     XVCPU_A64_ISB()  XVCPU_A64_DSB_ISH()
 *   void     XVCPU_A64_TLBI_VMALLS12E1IS()     every stage-1+2 entry of the current VMID
 *   void     XVCPU_A64_TLBI_IPAS2E1IS(ipa)     stage-2 entries for one IPA page (current VMID)
 *   void     XVCPU_A64_TLBI_VMALLE1IS()        stage-1 entries of the current VMID
 *   uint64_t XVCPU_A64_AT_S1E1R(va) / XVCPU_A64_AT_S1E1W(va)  the guest's stage-1 walk; PAR_EL1
 *   int      XVCPU_A64_ENTER(ctx)              run the guest until it exits; the exit kind. A
 *                                             synchronous exit goes to ctx->lean first, and the
 *                                             guest runs on when it answers REENTER
 *   void     XVCPU_A64_FP_SAVE(fp)  XVCPU_A64_FP_RESTORE(fp)  V0-V31, FPCR, FPSR
 *   uint64_t XVCPU_A64_VECTORS()               address of the backend's EL2 vector table (the
 *                                             trampoline installs it; the soft machine reports it)
 *   void     XVCPU_A64_DEBUG_LOAD(addr)        XVCPU_ARM64_DEBUG_HOOKS only: a load at EL2 from addr
 * On aarch64 the defaults are the instructions (under __aarch64__ only); elsewhere they are inert
 * (registers read 0), so xvcpu_percpu_enable() with the arm64 backend fails with "not at EL2". */

#if defined(__aarch64__)
#define XVCPU__A64_SYSREG_RW(name, gen)                                                  \
    static inline uint64_t xvcpu__mrs_##name(void)                                       \
    {                                                                                    \
        uint64_t v;                                                                      \
        __asm__ volatile("mrs %0, " gen : "=r"(v) : : "memory");                       \
        return v;                                                                        \
    }                                                                                    \
    static inline void xvcpu__msr_##name(uint64_t v)                                     \
    {                                                                                    \
        __asm__ volatile("msr " gen ", %0" : : "r"(v) : "memory");                     \
    }
XVCPU_ARM64_SYSREG_ASM_NAMES(XVCPU__A64_SYSREG_RW)
static inline uint64_t xvcpu__a64_at(uint64_t va, bool write)
{
    uint64_t par;
    if (write)
        __asm__ volatile("at s1e1w, %0\n isb" : : "r"(va) : "memory");
    else
        __asm__ volatile("at s1e1r, %0\n isb" : : "r"(va) : "memory");
    __asm__ volatile("mrs %0, par_el1" : "=r"(par) : : "memory");
    return par;
}
#ifndef XVCPU_A64_READ
#define XVCPU_A64_READ(reg) xvcpu__mrs_##reg()
#endif
#ifndef XVCPU_A64_WRITE
#define XVCPU_A64_WRITE(reg, v) xvcpu__msr_##reg(v)
#endif
#ifndef XVCPU_A64_ISB
#define XVCPU_A64_ISB() __asm__ volatile("isb" : : : "memory")
#endif
#ifndef XVCPU_A64_DSB_ISH
#define XVCPU_A64_DSB_ISH() __asm__ volatile("dsb ish" : : : "memory")
#endif
#ifndef XVCPU_A64_TLBI_VMALLS12E1IS
#define XVCPU_A64_TLBI_VMALLS12E1IS() __asm__ volatile("dsb ishst\n tlbi vmalls12e1is\n dsb ish\n isb" : : : "memory")
#endif
#ifndef XVCPU_A64_TLBI_IPAS2E1IS
#define XVCPU_A64_TLBI_IPAS2E1IS(ipa) \
    __asm__ volatile("dsb ishst\n tlbi ipas2e1is, %0\n dsb ish" : : "r"((uint64_t)(ipa) >> 12) : "memory")
#endif
#ifndef XVCPU_A64_TLBI_VMALLE1IS
#define XVCPU_A64_TLBI_VMALLE1IS() __asm__ volatile("tlbi vmalle1is\n dsb ish\n isb" : : : "memory")
#endif
#ifndef XVCPU_A64_AT_S1E1R
#define XVCPU_A64_AT_S1E1R(va) xvcpu__a64_at((va), false)
#endif
#ifndef XVCPU_A64_AT_S1E1W
#define XVCPU_A64_AT_S1E1W(va) xvcpu__a64_at((va), true)
#endif
#ifndef XVCPU_A64_DEBUG_LOAD /* xvcpu_arm64_debug_fault_at_el2(): register and flags fixed, so is the report */
#define XVCPU_A64_DEBUG_LOAD(addr) \
    __asm__ volatile("mov x9, %0\n msr nzcv, xzr\n ldr x9, [x9]" : : "r"((uint64_t)(addr)) : "x9", "cc", "memory")
#endif
#else /* !__aarch64__: inert */
#ifndef XVCPU_A64_READ
#define XVCPU_A64_READ(reg) ((void)XVCPU_SYSREG_##reg, (uint64_t)0)
#endif
#ifndef XVCPU_A64_WRITE
#define XVCPU_A64_WRITE(reg, v) ((void)XVCPU_SYSREG_##reg, (void)(v))
#endif
#ifndef XVCPU_A64_ISB
#define XVCPU_A64_ISB() ((void)0)
#endif
#ifndef XVCPU_A64_DSB_ISH
#define XVCPU_A64_DSB_ISH() ((void)0)
#endif
#ifndef XVCPU_A64_TLBI_VMALLS12E1IS
#define XVCPU_A64_TLBI_VMALLS12E1IS() ((void)0)
#endif
#ifndef XVCPU_A64_TLBI_IPAS2E1IS
#define XVCPU_A64_TLBI_IPAS2E1IS(ipa) ((void)(ipa))
#endif
#ifndef XVCPU_A64_TLBI_VMALLE1IS
#define XVCPU_A64_TLBI_VMALLE1IS() ((void)0)
#endif
#ifndef XVCPU_A64_AT_S1E1R
#define XVCPU_A64_AT_S1E1R(va) ((void)(va), (uint64_t)1)
#endif
#ifndef XVCPU_A64_AT_S1E1W
#define XVCPU_A64_AT_S1E1W(va) ((void)(va), (uint64_t)1)
#endif
#ifndef XVCPU_A64_DEBUG_LOAD
#define XVCPU_A64_DEBUG_LOAD(addr) ((void)(addr))
#endif
#endif /* __aarch64__ */

/* What the vectors report, XVCPU_A64_ENTER's result: the exception that ended the guest's run. */
#define XVCPU_ARM64_ENTER_SYNC 0
#define XVCPU_ARM64_ENTER_IRQ 1
#define XVCPU_ARM64_ENTER_FIQ 2
#define XVCPU_ARM64_ENTER_SERROR 3
#define XVCPU_ARM64_ENTER_EL2_FAULT 4 /* an exception at EL2 itself: ctx->el2_fault says which */

/* raw_reason of an arm64 exit: ESR_EL2.EC for synchronous exceptions (0x00-0x3F); these for the
 * asynchronous ones. */
#define XVCPU_ARM64_REASON_IRQ 0x40u
#define XVCPU_ARM64_REASON_FIQ 0x41u
#define XVCPU_ARM64_REASON_SERROR 0x42u

/* The guest's registers the trampoline moves; the offsets are the assembly's. */
struct xvcpu_arm64_ctx;
/* The lean exit handler the vectors call on a synchronous exit, before the host's registers are
 * back: XVCPU_ARM64_LEAN_REENTER when it answered the exit itself (the guest is entered again
 * at once), else XVCPU_ARM64_LEAN_EXIT (the exit goes to the run loop, which reads the syndrome
 * again). It runs on the host's stack with the host's X18. The guest's X20-X29 are not in ctx
 * then but still in their registers (the handler, a C function, preserves them; the vectors
 * save them into ctx only on the way to the loop): it must neither read nor write x[20..29]. */
#define XVCPU_ARM64_LEAN_UNSAVED(n) ((unsigned)(n) - 20u < 10u) /* X20-X29 */
typedef int (*xvcpu_arm64_lean_fn)(struct xvcpu_arm64_ctx *ctx);
#define XVCPU_ARM64_LEAN_REENTER 0
#define XVCPU_ARM64_LEAN_EXIT 1
typedef struct xvcpu_arm64_ctx {
    uint64_t x[31];          /* X0-X30 */
    uint64_t pc;             /* ELR_EL2: where the guest resumes */
    uint64_t pstate;         /* SPSR_EL2 */
    xvcpu_arm64_lean_fn lean; /* set at bind */
    uint64_t host_x19_x30[12]; /* the host's callee-saved registers */
    uint64_t host_x18;       /* the host's platform register (a shadow call stack, say) */
    struct xvcpu_vcpu *vcpu; /* the vCPU this is the context of, for the lean handler */
    uint64_t host_vbar, host_tpidr; /* the host's VBAR_EL2 and TPIDR_EL2 while the trampoline has them */
    uint64_t host_sp;        /* SP_EL2 of the entry (ctx's slot on the host stack) */
    struct {
        uint64_t vector;     /* 0-3 from EL2t, 4-7 from EL2h: sync, IRQ, FIQ, SError */
        uint64_t esr, far, elr, spsr;
    } el2_fault;             /* an exception at EL2 itself (XVCPU_ARM64_ENTER_EL2_FAULT) */
} xvcpu_arm64_ctx;

typedef struct xvcpu_arm64_fp {
    uint64_t v[64];          /* V0-V31, 128 bits each (low, high) */
    uint64_t fpcr, fpsr;
} xvcpu_arm64_fp;

/* What enable learned about the CPU. */
typedef struct xvcpu_arm64_caps {
    uint64_t mmfr0, mmfr1;   /* ID_AA64MMFR0_EL1 / MMFR1_EL1 */
    unsigned pa_bits;        /* from PARange */
    unsigned ipa_bits;       /* the guest-physical space the stage-2 tables cover (<= 48) */
    unsigned vmid_bits;      /* 8 or 16 */
    uint64_t vtcr;           /* VTCR_EL2 written at enable */
    /* VMIDs of this CPU, handed to vCPUs at bind; a new generation when they run out, whose first
     * entry flushes every VMID's TLB entries once (not on every entry). */
    uint32_t next_vmid;
    uint64_t vmid_generation;
    bool flush_all_pending;
} xvcpu_arm64_caps;

/* The EL1 system registers switched at bind/unbind, in the order of XVCPU_ARM64_SAVED_SYSREGS. */
enum {
#define XVCPU__A64_SAVED_INDEX(name) XVCPU__A64_EL1_##name,
    XVCPU_ARM64_SAVED_SYSREGS(XVCPU__A64_SAVED_INDEX)
#undef XVCPU__A64_SAVED_INDEX
    XVCPU__A64_EL1_COUNT
};

/* The ID registers a guest reads under HCR_EL2.TID3 (op0 3, op1 0, CRn 0, CRm 1-7, op2 0-7):
 * one slot each, filled from the CPU at create; the VMM may change them. */
#define XVCPU_ARM64_ID_SLOTS 56
#define XVCPU_ARM64_ID_SLOT(sysreg) ((((sysreg) >> 3) & 0xF) * 8u + ((sysreg) & 7u) - 8u)

typedef struct xvcpu_arm64_vcpu {
    xvcpu_arm64_ctx ctx;
    /* What the lean exit path reads and writes, right after ctx (short offsets from its base).
     * Work before the next entry (a line moved, an exception to deliver): set by every call that
     * makes some, cleared by the run loop once done, so an entry with nothing to do tests one
     * byte, and the lean path knows when it must hand over to the loop. */
    bool entry_work;
    uint8_t mmio_hint;       /* the MMIO region the last MMIO abort was in */
    /* The lean path's MMIO device access (xvcpu_arm64_add_mmio_device): `device_access` is what
     * the device was given; `device_handover` what the run loop still owes it when the lean path
     * could not finish (XVCPU__A64_DEV_*), `device_result` the device's refused return value. */
    uint8_t device_handover;
    int device_result;
    struct xvcpu_stage2 *stage2;
    uint64_t stage2_generation; /* of the tables when this VMID's TLB entries were last flushed */
    uint64_t fault_va;       /* FAR_EL2 of the last abort: FAR_EL1 when the VMM makes it fault */
    xvcpu_exit device_access;
    uint64_t el1[XVCPU__A64_EL1_COUNT];      /* the guest's, while unbound */
    uint64_t host_el1[XVCPU__A64_EL1_COUNT]; /* the host's, while bound */
    xvcpu_arm64_fp fp, host_fp;
    uint64_t hcr;            /* HCR_EL2 for the guest (VI/VF follow the lines below) */
    uint64_t hcr_live;       /* HCR_EL2 as last written while bound: an entry rewrites it only on change */
    uint64_t host_hcr;
    uint64_t vmpidr, vpidr, cntvoff, cnthctl;
    uint64_t host_cnthctl, host_cntvoff, host_cptr, host_mdcr, host_hstr;
    uint64_t id_regs[XVCPU_ARM64_ID_SLOTS];
    bool virq, vfiq;         /* the virtual interrupt lines the VMM drives */
    bool pmu_shared;         /* xvcpu_arm64_set_pmu(true): the guest reaches the PMU directly */
    uint32_t vmid;           /* 0 until the first bind */
    uint32_t vmid_cpu;
    uint64_t vmid_generation;
    bool flush_pending;      /* this VMID's entries must go before the next entry */
    bool sync_pending;       /* a synchronous exception to deliver at the next entry */
    uint64_t sync_esr, sync_far;
    bool down;               /* SYSTEM_OFF/RESET: the vCPU runs no more */
    bool broken;             /* an exception at EL2 ended a run: the vCPU runs no more */
#ifdef XVCPU_ARM64_DEBUG_HOOKS
    uint64_t debug_el2_load; /* xvcpu_arm64_debug_fault_at_el2() */
#endif
    /* an ISV=0 load/store pair being emulated: the second access still to do */
    bool pair_active;
    uint8_t pair_step;
    uint32_t pair_insn;
    uint64_t pair_addr;      /* guest-physical address of the first access */
    uint64_t pair_value[2];
} xvcpu_arm64_vcpu;
