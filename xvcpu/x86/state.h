/* State every x86 backend (VMX, SVM) keeps per vCPU: the CPUID table, the guest's XCR0/XSS and
 * TPR, the I/O and MSR intercept bitmaps. The backends own the hardware formats. */

/* An instruction the library emulates over several MMIO exits (read-modify-write and string
 * forms): where it stands between xvcpu_vcpu_run() calls. */
struct xvcpu_stage2;
typedef struct xvcpu_x86_emulation {
    bool active;
    uint8_t step;              /* XVCPU__EMU_* */
    bool have_value;           /* the VMM completed the MMIO read with `value` */
    bool src_mmio, dst_mmio;   /* MOVS: which side is the device */
    uint64_t value;
    uint64_t rflags;           /* the guest's RFLAGS, updated as the instruction proceeds */
    uint64_t gpa, gpa2;        /* the device address; MOVS: source and destination */
    const struct xvcpu_stage2 *s2;
    xvcpu_x86_insn insn;
} xvcpu_x86_emulation;

/* The last instruction whose length the library decoded (SVM without NRIP-save): reused only
 * when everything that decided it is provably unchanged - the same linear address, CR3 and
 * paging/CPL state, the same stage-2 tables (generation), every paging-structure entry the walk
 * read and every instruction byte equal to what they were. The host pointers are used only to
 * compare, and only while the stage-2 generation they were found under holds. */
#define XVCPU__LEN_CACHE_ENTRIES 8 /* paging entries: 5-level walk + PAE PDPTE, twice for a page straddle */
typedef struct xvcpu__len_cache {
    bool valid;
    uint8_t length, cpl, code_bytes, n_entries, n_chunks, split;
    uint64_t linear, cr3, cr0, cr4, efer, s2_generation;
    const struct xvcpu_stage2 *s2;
    struct { const void *host; uint64_t value; uint8_t size; } entry[XVCPU__LEN_CACHE_ENTRIES];
    struct { const uint8_t *host; uint8_t count; } chunk[2];
    uint8_t bytes[15];
    uint32_t hits, misses;      /* for the benchmarks */
} xvcpu__len_cache;

#define XVCPU__X86_MSR_HIDDEN_MAX 16 /* every MSR the feature table lists, at most */
/* What an access is, for the breakpoints that match it (DR7 R/W: 01 write, 11 read or write,
 * 10 I/O). */
enum { XVCPU__BP_READ = 1, XVCPU__BP_WRITE = 2, XVCPU__BP_IO = 3 };

/* The memory or I/O access an emulated instruction made, for the data and I/O breakpoints its
 * completion checks (x86/rules.c.h): `len` 0 when there is none. */
typedef struct xvcpu__x86_access {
    uint64_t addr;            /* linear address, or the port; the offset while seg >= 0 */
    uint8_t len;              /* bytes: 1, 2, 4, 8 */
    uint8_t kind;             /* XVCPU__BP_* */
    int8_t seg;               /* >= 0: the segment whose base (read_seg_base) makes addr linear,
                                 read only when a breakpoint is enabled; -1: addr is linear */
    bool wrap32;              /* outside 64-bit code the linear address wraps at 4 GiB */
    uint64_t (*read_seg_base)(unsigned seg);
} xvcpu__x86_access;

typedef struct xvcpu_x86_state {
    xvcpu_cpuid_entry cpuid[XVCPU_CPUID_MAX_ENTRIES];
    unsigned cpuid_count;
    uint8_t cpuid_first[32];  /* basic leaf L's first entry is cpuid[cpuid_first[L]]; 0xFF: none */
    uint8_t cpuid_fast[32];   /* basic leaf L answered as cpuid[cpuid_fast[L]] is, no more to do:
                                 L <= the highest basic leaf, one entry for every subleaf, and no
                                 part of it follows the guest's state; else 0xFF */
    uint32_t cpuid_max_basic, cpuid_max_ext;
    uint64_t xcr0;            /* the guest's XCR0 */
    uint64_t xcr0_allowed;    /* what XSETBV may set: host-supported components */
    uint64_t host_xcr0;       /* the host's XCR0, read at bind (it cannot change while bound) */
    bool xcr0_switch;         /* XCR0 is switched around each entry (xvcpu__x86_set_xcr0) */
    uint64_t tpr;             /* the guest's CR8 */
    uint64_t mtrr_def_type;   /* IA32_MTRR_DEF_TYPE (x86/msrs.c.h) */
    uint64_t misc_enable_flip; /* IA32_MISC_ENABLE bits the guest changed from the default */
    bool amd_hwcr_ffdis;      /* AMD HWCR bit 6 as the guest set it */
    uint64_t tsc_aux, host_tsc_aux; /* IA32_TSC_AUX: the guest's; the host's while bound */
    uint64_t tsc_offset;      /* guest TSC - host TSC (VMX TSC offset, SVM TSC_OFFSET) */
    bool tsc_offset_ok;       /* the backend applies tsc_offset (VMX: "use TSC offsetting") */
    uint64_t apic_base;       /* IA32_APIC_BASE while no VMM LAPIC answers it (x86/msrs.c.h) */
    uint64_t amd_perf_sel[4], amd_perf_ctr[4]; /* AMD legacy PerfEvtSel0-3, PerfCtr0-3 (never count) */
    /* What the guest's CPUID view enables (x86/cpuid.c.h, the feature table), recomputed when
     * the view changes: the CR4 and EFER bits it may set, the table's MSRs it hides. */
    uint64_t cr4_view, efer_view;
    uint32_t msr_hidden[XVCPU__X86_MSR_HIDDEN_MAX];
    unsigned msr_hidden_count;
    void *io_bitmap;          /* VMX: I/O bitmaps A and B, 2 pages */
    uint64_t io_bitmap_phys;
    void *msr_bitmap;         /* VMX: 1 page; a set bit makes the access exit */
    uint64_t msr_bitmap_phys;
    void *msr_to_vmm;         /* same layout: the exiting accesses the VMM handles (else built in) */
    uint64_t msr_to_vmm_phys;
    /* The guest's FPU/SSE/AVX registers while the vCPU is not bound (XSAVE or FXSAVE layout).
     * Contract: between xvcpu_vcpu_bind() and xvcpu_vcpu_unbind() the registers hold the guest's
     * state, so the host must not use FPU/SSE/AVX on that CPU meanwhile (kernels built with
     * -mgeneral-regs-only don't); bind restores the guest's state, unbind saves it and leaves the
     * registers in their initial state, so no guest data stays behind. */
    void *xsave_area;
    uint64_t xsave_area_phys;
    uint32_t xsave_pages;
    bool use_xsave;
    xvcpu_x86_emulation emu;
    xvcpu__len_cache len_cache;
    xvcpu__x86_access access; /* of the instruction a completion finishes (breakpoints) */
} xvcpu_x86_state;

/* The guest CPU state that decides how the guest addresses memory: what the page walker and the
 * instruction fetch need. Backends fill it from the VMCS/VMCB (the guest's values, never the
 * host's). */
typedef struct xvcpu_x86_mode {
    uint64_t cr0, cr3, cr4, efer;  /* as the guest sees them (EFER.LMA tells long mode) */
    uint64_t rflags;               /* AC matters for SMAP; valid only with rflags_valid */
    bool rflags_valid;             /* a backend may leave RFLAGS unread when the page walk cannot
                                      need it (paging off): xvcpu__x86_mode_rflags reads it then */
    uint64_t rip;                  /* offset in CS */
    uint64_t cs_base;
    uint64_t seg_base[6];          /* ES, CS, SS, DS, FS, GS bases (x86 segment numbering), valid
                                      where seg_have has bit (1 << seg); the others are read through
                                      read_seg_base when an operand first needs them */
    uint8_t seg_have;
    uint64_t (*read_seg_base)(unsigned seg);
    uint32_t pkru;                 /* protection keys for user pages, when CR4.PKE */
    uint8_t cpl;                   /* 0-3 */
    uint8_t code_bytes;            /* 2, 4 or 8: default operand/address size (CS.D, CS.L) */
} xvcpu_x86_mode;
