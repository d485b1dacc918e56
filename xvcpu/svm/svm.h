/* The AMD SVM backend's state (AMD APM Vol. 2 chapter 15). Per CPU: what CPUID Fn8000_000A says
 * the CPU offers, and the VM_HSAVE_PA value to put back at disable. Per vCPU: the VMCB, the MSR
 * permission map, the ASID and its TLB state, and the event bookkeeping VMX keeps in the VMCS. */

typedef struct xvcpu_svm_caps {
    uint32_t revision;       /* CPUID Fn8000_000A EAX: SVM revision */
    uint32_t nasid;          /* EBX: number of ASIDs (ASID 0 is the host's) */
    uint32_t features;       /* EDX: XVCPU_SVM_CPUID_8000000A_EDX_* */
    bool npt;                /* nested paging */
    bool nrips;              /* NRIP save: the VMCB holds the next RIP after instruction intercepts */
    bool decode_assists;     /* EXITINFO1 decodes MOV CRx/DRx, INTn, INVLPG; IOIO has the segment */
    bool vmcb_clean;         /* VMRUN honours the VMCB clean bits */
    bool flush_by_asid;      /* TLB_CONTROL 3 (flush this guest's ASID) */
    bool vgif, avic;
    bool page_1g;            /* CPUID Fn8000_0001 EDX.Page1GB: 1-GiB nested pages */
    bool nx;                 /* CPUID Fn8000_0001 EDX.NX: no-execute nested mappings */
    bool set_nxe;            /* enable set the host's EFER.NXE (disable clears it again) */
    uint64_t saved_hsave_pa; /* VM_HSAVE_PA before enable, written back at disable */
    /* This CPU's ASIDs (APM Vol. 2 15.16), handed to the vCPUs bound here one by one; when they
     * run out a new generation starts, and its first VMRUN flushes every ASID. */
    uint32_t next_asid;
    uint64_t asid_generation;
    bool flush_all_pending;
} xvcpu_svm_caps;

/* The guest state VMRUN's consistency checks read, as it was at the last VMRUN: a failed VMRUN may
 * overwrite the save area (Bochs 2.7 stores the host's state there), and the checker and the
 * event re-injection need what the library gave the CPU. */
typedef struct xvcpu_svm_vmrun_state {
    uint64_t efer, cr0, cr3, cr4, dr6, dr7, event_inj;
    uint16_t cs_attrib;
} xvcpu_svm_vmrun_state;

/* xvcpu_svm_vcpu.injected: nothing to follow up, a software event with RIP moved past its
 * instruction, an NMI (whose delivery blocks NMIs until an IRET). */
enum { XVCPU__SVM_INJECTED_NONE, XVCPU__SVM_INJECTED_SOFT, XVCPU__SVM_INJECTED_NMI };

typedef struct xvcpu_svm_vcpu {
    xvcpu_vmcb *vmcb;            /* the guest's VMCB: control area, state save area */
    uint64_t vmcb_phys;
    uint8_t *msrpm;              /* MSR permission map, 8 KiB (APM Vol. 2 15.11); the I/O permission
                                    map is vcpu->x86.io_bitmap (12 KiB, whose first 8 KiB have the
                                    layout of VMX's I/O bitmaps A and B) */
    uint64_t msrpm_phys;
    struct xvcpu_stage2 *stage2;
    uint64_t stage2_generation;  /* of the stage-2 tables when the TLB was last flushed */
    xvcpu_svm_caps caps;         /* of the CPU the vCPU was created on */
    uint32_t asid;               /* 0 until the first bind */
    uint32_t asid_cpu;           /* the CPU (cpu_id) whose ASID it is ... */
    uint64_t asid_generation;    /* ... and that CPU's ASID generation then */
    uint32_t dirty;              /* VMCB clean-bit groups changed since the last VMRUN, and
                                    XVCPU__SVM_DIRTY_CLEAN_FIELD */
    uint64_t cr4_allowed;        /* CR4 bits the guest may set: what this CPU implements */
    uint64_t efer_allowed;       /* EFER bits the guest may own: SCE LME NXE, FFXSR and TCE if the CPU has them */
    bool event_reinjected;       /* this entry delivers an event cut short by the last exit */
    uint8_t injected;            /* what this entry injects that its exit follows up: XVCPU__SVM_INJECTED_* */
    uint64_t soft_event;         /* a software event (RIP moved past it), as written to EVENTINJ */
    uint64_t soft_rip;           /* RIP of its instruction (the entry starts after it) */
    bool nmi_blocked;            /* an NMI was delivered; NMIs stay blocked until its IRET */
    bool awaiting_iret;          /* the guest was at that IRET (iret_rip) at the last IRET intercept */
    bool df_watch;               /* a #DF is being delivered: a fault on the way is a shutdown */
    uint64_t iret_rip;
    xvcpu_svm_vmrun_state at_vmrun; /* what VMRUN checks, copied when the library changed it */
    bool at_vmrun_taken;            /* at_vmrun was copied before this VMRUN */
} xvcpu_svm_vcpu;
