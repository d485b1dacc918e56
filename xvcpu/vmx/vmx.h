/* The Intel VMX backend's state. Per CPU: the capabilities read at enable. Per vCPU: the VMCS,
 * the control values in force (kept here so the hot path never VMREADs them) and a per-exit cache
 * of the fields already read. */

typedef struct xvcpu_vmx_caps {
    uint64_t basic;           /* IA32_VMX_BASIC */
    uint64_t misc;            /* IA32_VMX_MISC */
    uint64_t ept_vpid;        /* IA32_VMX_EPT_VPID_CAP (0 without secondary controls) */
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
} xvcpu_vmx_caps;

/* Which VMCS fields the current exit has read already. */
enum {
    XVCPU__VMX_HAVE_RIP = 1u << 0,
    XVCPU__VMX_HAVE_LEN = 1u << 1,
    XVCPU__VMX_HAVE_QUAL = 1u << 2,
    XVCPU__VMX_HAVE_RFLAGS = 1u << 3,
    XVCPU__VMX_HAVE_INTR_STATE = 1u << 4
};

typedef struct xvcpu_vmx_vcpu {
    void *vmcs;
    uint64_t vmcs_phys;
    bool launched;              /* VMLAUNCH done since the last VMCLEAR: the next entry is VMRESUME */
    uint16_t vpid;              /* 0 when the CPU has no VPID */
    uint64_t host_rsp;          /* HOST_RSP as last written (written again only when it changes) */
    uint32_t pin, proc, proc2, exit_ctls, entry_ctls; /* control words in force */
    uint64_t cr0_mask, cr4_mask; /* guest/host masks: the bits the guest cannot change unseen */
    uint64_t cr4_allowed;       /* bits the guest may set in CR4 */
    uint64_t stage2_generation; /* of the stage-2 tables when last flushed */
    struct xvcpu_stage2 *stage2;
    xvcpu_vmx_caps caps;        /* of the CPU the vCPU was created on */
    xvcpu_vcpu_setup_args start; /* written into the VMCS at the first bind */
    bool initialized;           /* the VMCS holds the controls and the start state */
    bool cr4_mask_stale;        /* the CPUID view changed while unbound: bind writes cr4_mask */
    /* The guest's CR0/CR4 as it sees them (the read shadows; exact for the owned bits) and its
     * EFER: kept current by the CR and MSR handlers, so no exit needs to VMREAD them. */
    uint64_t cr0, cr4, efer;
    /* CR2 is not in the VMCS: the guest's value lives in the register while it runs, is saved at
     * each exit and put back before an entry if the host changed it (or a #PF is injected). */
    uint64_t cr2;
    /* SYSCALL MSRs and KERNEL_GS_BASE are not in the VMCS: the guest's values are loaded at bind
     * and saved at unbind (the guest reaches them directly meanwhile), the host's put back. */
    uint64_t guest_syscall_msrs[5], host_syscall_msrs[5];
    bool vpid_flushed;          /* this VPID's translations are clean on `vpid_cpu` */
    uint32_t vpid_cpu;          /* the CPU the vCPU last ran on, whose TLB may hold its VPID */
    bool event_reinjected;      /* this entry delivers an event cut short by the last exit */
    bool debug_trap;            /* this entry delivers a #DB trap (pending debug exceptions): it goes
                                   before any NMI or interrupt, which wait for their window */
    /* per-exit cache of VMCS fields, valid while `have` says so */
    uint32_t have;
    uint64_t rip, qual, rflags;
    uint32_t len, intr_state;
} xvcpu_vmx_vcpu;
