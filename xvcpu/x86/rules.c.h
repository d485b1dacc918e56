/* The x86 rules both backends apply, said once. A rule takes the guest state it needs as values
 * and returns the architecture's answer: 0 when the instruction may complete, else the vector
 * of the exception the guest gets (#UD 6, #GP 13; no rule raises #DE, vector 0). The backend
 * reads the state from its VMCS or VMCB, and writes the result back in its own format: nothing
 * here touches hardware. Reserved-bit masks are generated from spec/ (XVCPU_*_RESERVED). */

/* What an exit handler tells the run loop, on both backends. */
typedef int xvcpu__action;
enum {
    XVCPU__TO_VMM = 0, /* `exit` holds a neutral exit for the VMM */
    XVCPU__RESUME = 1, /* handled inside: enter the guest again */
    XVCPU__GO_ON = 2   /* (inside a handler) a step succeeded: carry on */
    /* negative: -(xvcpu_err); vcpu->error says why the library cannot go on */
};
#define XVCPU__FAILED(err) (-(int)(err))

#define XVCPU__VEC_DB 1
#define XVCPU__VEC_UD 6
#define XVCPU__VEC_GP 13

/* The guest's control state as the CR and EFER rules see it. */
typedef struct xvcpu__x86_ctl {
    uint64_t cr0, cr3, cr4, efer; /* as the guest sees them */
    bool cs_l;                    /* CS.L: 64-bit code when EFER.LMA is set */
} xvcpu__x86_ctl;

/* A hardware exit the library does not handle: UNHANDLED, named with its raw reason by the run
 * loop (never a host panic; the VMM decides). */
static xvcpu__action xvcpu__x86_unhandled(xvcpu_exit *exit)
{
    exit->kind = XVCPU_EXIT_UNHANDLED;
    return XVCPU__TO_VMM;
}

/* EDX:EAX, as WRMSR and XSETBV take their operand. */
static inline uint64_t xvcpu__x86_edx_eax(const xvcpu_vcpu *vcpu)
{
    return ((vcpu->gpr[XVCPU_REG_RDX] & 0xFFFFFFFFu) << 32) | (vcpu->gpr[XVCPU_REG_RAX] & 0xFFFFFFFFu);
}

/* RDMSR's result: EDX:EAX, the upper halves cleared. */
static inline void xvcpu__x86_set_edx_eax(xvcpu_vcpu *vcpu, uint64_t value)
{
    vcpu->gpr[XVCPU_REG_RAX] = value & 0xFFFFFFFFu;
    vcpu->gpr[XVCPU_REG_RDX] = value >> 32;
}

/* CPUID: the guest's view (x86/cpuid.c.h) for leaf EAX, subleaf ECX; `cr4` (the guest's CR4 as
 * it sees it) is read only for the leaves that follow it. */
XVCPU__HOT void xvcpu__x86_cpuid(xvcpu_vcpu *vcpu, const uint64_t *cr4)
{
    uint64_t r[4];
    xvcpu__cpuid_lookup(vcpu, (uint32_t)vcpu->gpr[XVCPU_REG_RAX], (uint32_t)vcpu->gpr[XVCPU_REG_RCX], cr4, r);
    vcpu->gpr[XVCPU_REG_RAX] = r[0];
    vcpu->gpr[XVCPU_REG_RBX] = r[1];
    vcpu->gpr[XVCPU_REG_RCX] = r[2];
    vcpu->gpr[XVCPU_REG_RDX] = r[3];
}

/* XSETBV (SDM Vol. 1 13.3, Vol. 2 XSETBV; APM Vol. 4): #UD without CR4.OSXSAVE; #GP unless
 * ECX = 0, CPL 0 and EDX:EAX is an XCR0 the guest may enable: no reserved or supervisor bit, x87
 * set, AVX needs SSE, the AVX-512 trio all or none and with AVX, the MPX and AMX pairs all or
 * none. On 0, *xcr0 is the new value (the caller commits it). */
static int xvcpu__x86_xsetbv_rule(const xvcpu_vcpu *vcpu, uint64_t cr4, unsigned cpl, uint64_t *xcr0)
{
    uint64_t v = xvcpu__x86_edx_eax(vcpu);
    const uint64_t avx512 = XVCPU_XCR0_OPMASK | XVCPU_XCR0_ZMM_HI256 | XVCPU_XCR0_HI16_ZMM;
    const uint64_t mpx = XVCPU_XCR0_BNDREGS | XVCPU_XCR0_BNDCSR;
    const uint64_t amx = XVCPU_XCR0_TILECFG | XVCPU_XCR0_TILEDATA;
    if ((cr4 & XVCPU_CR4_OSXSAVE) == 0)
        return XVCPU__VEC_UD;
    if ((uint32_t)vcpu->gpr[XVCPU_REG_RCX] != 0 || cpl != 0 || (v & XVCPU_XCR0_RESERVED) != 0 ||
        (v & ~vcpu->x86.xcr0_allowed) != 0 || (v & XVCPU_XCR0_X87) == 0 ||
        ((v & XVCPU_XCR0_AVX) && !(v & XVCPU_XCR0_SSE)) ||
        ((v & avx512) != 0 && ((v & avx512) != avx512 || !(v & XVCPU_XCR0_AVX))) ||
        ((v & mpx) != 0 && (v & mpx) != mpx) || ((v & amx) != 0 && (v & amx) != amx))
        return XVCPU__VEC_GP;
    *xcr0 = v;
    return 0;
}

/* The four PAE PDPTEs CR3 points at (CR3 bits 31:5 outside IA-32e mode), from guest memory
 * through the stage-2 tables. False when they are not in guest RAM or a present one has a
 * reserved bit set (#GP for the instruction that loads them; SDM Vol. 3A 5.4.1). */
static bool xvcpu__x86_read_pdptes(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, uint64_t cr3, uint64_t pdpte[4])
{
    uint64_t gpa = cr3 & 0xFFFFFFE0u, hpa = 0;
    unsigned i;
    if (xvcpu_stage2_translate(s2, gpa, &hpa, NULL, NULL) != XVCPU_OK)
        return false;
    /* 32-byte aligned: the four entries never cross the page */
    XVCPU_MEMCPY(pdpte, (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa & ~0xFFFull) + (gpa & 0xFE0), 32);
    for (i = 0; i < 4; i++)
        if ((pdpte[i] & XVCPU_PAE_PDPTE_P) && (pdpte[i] & XVCPU_PAE_PDPTE_RESERVED))
            return false;
    return true;
}

/* Whether a change from `cur` to `next` (re)loads the PDPTEs: PAE paging outside IA-32e mode,
 * entered or with a paging-mode bit changed (SDM Vol. 3A 5.4.1: MOV to CR0 changing PG/CD/NW,
 * MOV to CR4 changing PAE/PGE/PSE/SMEP/SMAP). */
static bool xvcpu__x86_pdptes_load(const xvcpu__x86_ctl *cur, const xvcpu__x86_ctl *next)
{
    const uint64_t cr0_bits = XVCPU_CR0_PG | XVCPU_CR0_CD | XVCPU_CR0_NW;
    const uint64_t cr4_bits = XVCPU_CR4_PAE | XVCPU_CR4_PGE | XVCPU_CR4_PSE | XVCPU_CR4_SMEP | XVCPU_CR4_SMAP;
    if (!(next->cr0 & XVCPU_CR0_PG) || !(next->cr4 & XVCPU_CR4_PAE) || (next->efer & XVCPU_IA32_EFER_LMA))
        return false;
    return ((cur->cr0 ^ next->cr0) & cr0_bits) != 0 || ((cur->cr4 ^ next->cr4) & cr4_bits) != 0;
}

/* MOV to CR0, CLTS, LMSW (SDM Vol. 3A 2.5, Vol. 2 MOV CR; APM Vol. 2 3.1.1): #GP for bits 63:32,
 * NW without CD, PG without PE, clearing PG in 64-bit code, and entering IA-32e mode without PAE
 * or from a CS with L set. ET reads as 1 and the other reserved bits as 0. EFER.LMA follows PG
 * when EFER.LME is set. PAE paging loads the PDPTEs (into `pdpte`, *loaded set): bad ones #GP.
 * On 0, *next is the state to commit. */
static int xvcpu__x86_cr0_rule(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, const xvcpu__x86_ctl *cur,
                               uint64_t value, xvcpu__x86_ctl *next, uint64_t pdpte[4], bool *loaded)
{
    bool paging_on = (value & XVCPU_CR0_PG) && !(cur->cr0 & XVCPU_CR0_PG);
    bool paging_off = !(value & XVCPU_CR0_PG) && (cur->cr0 & XVCPU_CR0_PG);
    *next = *cur;
    *loaded = false;
    if ((value >> 32) != 0 || ((value & XVCPU_CR0_NW) && !(value & XVCPU_CR0_CD)) ||
        ((value & XVCPU_CR0_PG) && !(value & XVCPU_CR0_PE)))
        return XVCPU__VEC_GP;
    value = (value & ~XVCPU_CR0_RESERVED) | XVCPU_CR0_ET;
    if (paging_on && (cur->efer & XVCPU_IA32_EFER_LME)) {
        if (!(cur->cr4 & XVCPU_CR4_PAE) || cur->cs_l)
            return XVCPU__VEC_GP;
        next->efer |= XVCPU_IA32_EFER_LMA;
    } else if (paging_off && (cur->efer & XVCPU_IA32_EFER_LMA)) {
        if (cur->cs_l) /* 64-bit code cannot leave IA-32e mode; compatibility mode can */
            return XVCPU__VEC_GP;
        next->efer &= ~XVCPU_IA32_EFER_LMA;
    }
    next->cr0 = value;
    if (xvcpu__x86_pdptes_load(cur, next)) {
        if (!xvcpu__x86_read_pdptes(vcpu, s2, next->cr3, pdpte))
            return XVCPU__VEC_GP;
        *loaded = true;
    }
    return 0;
}

/* MOV to CR4 (SDM Vol. 3A 2.5; APM Vol. 2 3.1.3): #GP for a reserved bit, one the CPU lacks
 * (`allowed`, the backend's) or one the guest's CPUID view does not enumerate (the feature
 * table: e.g. OSXSAVE without CPUID.1:ECX.XSAVE, VME/PVI without CPUID.1:EDX.VME), clearing PAE or changing LA57 in IA-32e mode, setting PCIDE outside IA-32e
 * mode or with CR3[11:0] != 0. PDPTEs as for CR0. */
static int xvcpu__x86_cr4_rule(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, const xvcpu__x86_ctl *cur,
                               uint64_t value, uint64_t allowed, xvcpu__x86_ctl *next, uint64_t pdpte[4],
                               bool *loaded)
{
    bool lma = (cur->efer & XVCPU_IA32_EFER_LMA) != 0;
    *next = *cur;
    *loaded = false;
    if ((value & (XVCPU_CR4_RESERVED | ~(allowed & vcpu->x86.cr4_view))) != 0 || (lma && !(value & XVCPU_CR4_PAE)) ||
        (lma && ((value ^ cur->cr4) & XVCPU_CR4_LA57)) ||
        ((value & XVCPU_CR4_PCIDE) && !(cur->cr4 & XVCPU_CR4_PCIDE) && (!lma || (cur->cr3 & 0xFFF) != 0)))
        return XVCPU__VEC_GP;
    next->cr4 = value;
    if (xvcpu__x86_pdptes_load(cur, next)) {
        if (!xvcpu__x86_read_pdptes(vcpu, s2, next->cr3, pdpte))
            return XVCPU__VEC_GP;
        *loaded = true;
    }
    return 0;
}

/* MOV to CR0 (and CLTS, LMSW, which arrive as CR0 values) or to CR4: the rule of `cr`. */
static int xvcpu__x86_cr_write_rule(const xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, unsigned cr,
                                    const xvcpu__x86_ctl *cur, uint64_t value, uint64_t cr4_allowed,
                                    xvcpu__x86_ctl *next, uint64_t pdpte[4], bool *loaded)
{
    return cr == 0 ? xvcpu__x86_cr0_rule(vcpu, s2, cur, value, next, pdpte, loaded)
                   : xvcpu__x86_cr4_rule(vcpu, s2, cur, value, cr4_allowed, next, pdpte, loaded);
}

/* MOV to CR8 (SDM Vol. 3A 10.8.6.1; APM Vol. 2 16.6.1): bits 63:4 are reserved, #GP. */
static inline int xvcpu__x86_cr8_rule(uint64_t value)
{
    return (value & XVCPU_CR8_RESERVED) != 0 ? XVCPU__VEC_GP : 0;
}

/* LMSW loads PE, MP, EM and TS from the source's low 4 bits and cannot clear PE (SDM Vol. 2). */
static inline uint64_t xvcpu__x86_lmsw(uint64_t cr0, uint64_t src)
{
    const uint64_t msw = XVCPU_CR0_PE | XVCPU_CR0_MP | XVCPU_CR0_EM | XVCPU_CR0_TS;
    return (cr0 & ~(msw & ~XVCPU_CR0_PE)) | (src & msw) | (cr0 & XVCPU_CR0_PE);
}

/* The EFER bits a guest may own on both backends; LMA it may write back unchanged. SVM adds
 * FFXSR and TCE where the CPU has them. Each also needs its CPUID bit in the view (the feature
 * table: SYSCALL, LM, NX, FFXSR, TCE). */
#define XVCPU__X86_EFER_GUEST (XVCPU_IA32_EFER_SCE | XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_NXE)

/* WRMSR IA32_EFER (SDM Vol. 4 Table 2-2; APM Vol. 2 3.1.7): #GP for a reserved bit, a bit the
 * guest does not own (`owned`, the backend's, and the view's), or a change of LME while paging
 * is on (`cr0`, the guest's). LMA is not the guest's: it keeps its value. On 0, *out is the new
 * guest EFER. */
static int xvcpu__x86_efer_rule(uint64_t cr0, uint64_t efer, uint64_t value, uint64_t owned, uint64_t *out)
{
    if ((value & (XVCPU_IA32_EFER_RESERVED | ~(owned | XVCPU_IA32_EFER_LMA))) != 0 ||
        (((value ^ efer) & XVCPU_IA32_EFER_LME) && (cr0 & XVCPU_CR0_PG)))
        return XVCPU__VEC_GP;
    *out = (value & ~XVCPU_IA32_EFER_LMA) | (efer & XVCPU_IA32_EFER_LMA);
    return 0;
}

/* WRMSR IA32_PAT: every entry UC, WC, WT, WP, WB or UC- (SDM Vol. 3A 12.12.2; APM Vol. 2 7.8.1). */
static bool xvcpu__x86_pat_valid(uint64_t value)
{
    unsigned i;
    if (value & XVCPU_IA32_PAT_RESERVED)
        return false;
    for (i = 0; i < 8; i++) {
        unsigned t = (unsigned)(value >> (8 * i)) & 7;
        if (t == 2 || t == 3)
            return false;
    }
    return true;
}

/* The hypercall ABI (VMCALL and VMMCALL alike): number in RAX, arguments in RDI, RSI, RDX, RCX,
 * R8, R9; the result goes to RAX (xvcpu_complete_hypercall). Both instructions exit at any CPL
 * (SDM Vol. 3C 26.1.2, APM Vol. 2 15.9): `cpl` tells the VMM who called. */
static void xvcpu__x86_hypercall_exit(const xvcpu_vcpu *vcpu, unsigned cpl, xvcpu_exit *exit)
{
    static const uint8_t args[6] = { XVCPU_REG_RDI, XVCPU_REG_RSI, XVCPU_REG_RDX,
                                     XVCPU_REG_RCX, XVCPU_REG_R8, XVCPU_REG_R9 };
    unsigned i;
    exit->kind = XVCPU_EXIT_HYPERCALL;
    exit->u.hypercall.nr = vcpu->gpr[XVCPU_REG_RAX];
    exit->u.hypercall.cpl = (uint8_t)(cpl & 3);
    for (i = 0; i < 6; i++)
        exit->u.hypercall.args[i] = vcpu->gpr[args[i]];
}

/* RDPMC (SDM Vol. 2B RDPMC; APM Vol. 3 RDPMC): #GP(0) at CPL > 0 with CR4.PCE clear (`cr4`,
 * the guest's), and for a counter the view's CPU lacks. An Intel view has no performance
 * monitoring (CPUID leaf 0xA reads 0, PDCM hidden): every counter is missing. An AMD view has the
 * four legacy counters, which always exist (APM Vol. 2 13.2.1; the core extension, 0x80000001:
 * ECX.PerfCtrExtCore, is hidden): ECX 0-3 read them (x86/msrs.c.h: they never count). On 0,
 * EDX:EAX holds the counter. */
static int xvcpu__x86_rdpmc_rule(xvcpu_vcpu *vcpu, uint64_t cr4, unsigned cpl)
{
    uint32_t ecx = (uint32_t)vcpu->gpr[XVCPU_REG_RCX];
    if ((cpl != 0 && !(cr4 & XVCPU_CR4_PCE)) || xvcpu__x86_view_is_intel(vcpu) || ecx > 3)
        return XVCPU__VEC_GP;
    xvcpu__x86_set_edx_eax(vcpu, vcpu->x86.amd_perf_ctr[ecx]);
    return 0;
}

/* DR6.BS (SDM Vol. 3B 17.2.3; APM Vol. 2 13.1.1.3): the #DB was a single-step trap. */
#define XVCPU__X86_DR6_BS (1ull << 14)

/* The debug trap an instruction the library or the VMM completes owes the guest, as DR6 bits
 * (0: none). With RFLAGS.TF set the CPU would have raised a single-step trap (#DB, DR6.BS) right
 * after the instruction (SDM Vol. 3B 17.3.1.4; APM Vol. 2 13.1.3.4), and data and I/O
 * breakpoints its access hit are traps too (B0-B3, `breakpoints`; SDM Vol. 3B 17.3.1.2); an
 * emulated instruction must do the same. The backend delivers it in its own format: VMX as pending debug exceptions,
 * SVM as an injected #DB with the VMCB's DR6. */
static inline uint64_t xvcpu__x86_debug_trap(uint64_t rflags, unsigned breakpoints)
{
    return ((rflags & XVCPU_RFLAGS_TF) ? XVCPU__X86_DR6_BS : 0) | breakpoints;
}

/* DR7 (SDM Vol. 3B 17.2.4): breakpoint n is enabled by Ln (bit 2n) or Gn (bit 2n+1); its R/W
 * field is at bit 16+4n (00 execution, 01 data writes, 10 I/O with CR4.DE, 11 data reads and
 * writes), its LEN at bit 18+4n (00 1 byte, 01 2, 11 4, 10 8). */
#define XVCPU__X86_DR7_ENABLES 0xFFull

/* The data or I/O breakpoints an emulated access hits, as DR6 B0-B3: an enabled breakpoint of
 * the access's kind whose LEN-aligned range holds any byte of the access (SDM Vol. 3B 17.2.5).
 * The SDM lets a CPU also set Bn for a matching disabled breakpoint; xvcpu reports only the
 * enabled ones, which are the ones that raise the #DB. */
static unsigned xvcpu__x86_breakpoints_hit(uint64_t dr7, const uint64_t dr[4], uint64_t cr4,
                                           const xvcpu__x86_access *a)
{
    unsigned n, hits = 0;
    for (n = 0; n < 4; n++) {
        unsigned rw = (unsigned)(dr7 >> (16 + 4 * n)) & 3, lf = (unsigned)(dr7 >> (18 + 4 * n)) & 3;
        uint64_t size = lf == 0 ? 1 : lf == 1 ? 2 : lf == 3 ? 4 : 8, start = dr[n] & ~(size - 1);
        bool kind;
        if (((dr7 >> (2 * n)) & 3) == 0)
            continue;
        if (a->kind == XVCPU__BP_IO)
            kind = rw == 2 && (cr4 & XVCPU_CR4_DE) != 0;
        else
            kind = rw == 3 || (rw == 1 && a->kind == XVCPU__BP_WRITE);
        if (kind && a->addr < start + size && start < a->addr + a->len)
            hits |= 1u << n;
    }
    return hits;
}

/* The breakpoints the access of the instruction being completed hits (0 when it made none or
 * DR7 enables none). DR7 is read only when there was one, DR0-DR3 only when DR7 enables a
 * breakpoint. The caller forgets the access (x86.access.len = 0) once the trap is written. */
static unsigned xvcpu__x86_access_breakpoints(xvcpu_vcpu *vcpu, uint64_t (*read_dr7)(xvcpu_vcpu *),
                                              uint64_t (*read_cr4)(xvcpu_vcpu *))
{
    xvcpu__x86_access *a = &vcpu->x86.access;
    unsigned hits = 0;
    if (a->len != 0) {
        uint64_t dr7 = read_dr7(vcpu);
        if (dr7 & XVCPU__X86_DR7_ENABLES) {
            uint64_t dr[4];
            unsigned n;
            if (a->seg >= 0) { /* the segment base the emulation did not need */
                a->addr += a->read_seg_base((unsigned)a->seg);
                if (a->wrap32)
                    a->addr &= 0xFFFFFFFFu;
                a->seg = -1;
            }
            for (n = 0; n < 4; n++)
                dr[n] = XVCPU_READ_DR(n);
            hits = xvcpu__x86_breakpoints_hit(dr7, dr, a->kind == XVCPU__BP_IO ? read_cr4(vcpu) : 0, a);
        }
    }
    return hits;
}

/* HLT ends at once when an interrupt is waiting and the guest takes interrupts (RFLAGS.IF).
 * `rflags` is asked for only when an interrupt is waiting (a VMREAD on VMX). */
#define XVCPU__X86_HLT_ENDS_AT_ONCE(vcpu, rflags) \
    (xvcpu__highest_irr(vcpu) >= 0 && ((rflags) & XVCPU_RFLAGS_IF) != 0)

/* An MSR the VMM intercepts: a SYSREG exit with the value EDX:EAX for writes. */
static void xvcpu__x86_msr_exit(const xvcpu_vcpu *vcpu, uint32_t msr, bool write, xvcpu_exit *exit)
{
    exit->kind = write ? XVCPU_EXIT_SYSREG_WRITE : XVCPU_EXIT_SYSREG_READ;
    if (write) {
        exit->u.sysreg_write.addr = msr;
        exit->u.sysreg_write.value = xvcpu__x86_edx_eax(vcpu);
    } else {
        exit->u.sysreg_read.addr = msr;
        exit->u.sysreg_read.reg = XVCPU_REG_RAX;
    }
}

/* Where RDMSR/WRMSR of `msr` goes before a backend looks at the MSRs it keeps itself: the VMM's
 * own (a SYSREG exit), an x2APIC ICR write (an IPI exit, or done), an MSR whose feature the CPUID
 * view hides (#GP, as on a CPU without it). */
enum { XVCPU__MSR_BACKEND, XVCPU__MSR_TO_VMM, XVCPU__MSR_DONE, XVCPU__MSR_GP };
static int xvcpu__x86_msr_route(xvcpu_vcpu *vcpu, uint32_t msr, bool write, uint64_t value, xvcpu_exit *exit)
{
    if (xvcpu__msr_wants_vmm(vcpu, msr, write)) {
        xvcpu__x86_msr_exit(vcpu, msr, write, exit);
        return XVCPU__MSR_TO_VMM;
    }
    if (write && msr == XVCPU_MSR_X2APIC_ICR) /* IPIs, INIT/SIPI */
        return xvcpu__x86_icr_exit(value, exit) ? XVCPU__MSR_TO_VMM : XVCPU__MSR_DONE;
    return xvcpu__x86_msr_hidden(&vcpu->x86, msr) ? XVCPU__MSR_GP : XVCPU__MSR_BACKEND;
}

/* A stage-2 fault (EPT violation, NPF) at `gpa`: an access to a registered MMIO region becomes
 * MMIO_READ / MMIO_WRITE (or is emulated, or raises an exception), anything else a
 * NESTED_PAGE_FAULT the VMM answers by mapping the page. `fill_mode` reads the guest's addressing
 * state from the VMCS/VMCB, only on the MMIO path. The access is retried once mapped, so the
 * exit has no instruction length. */
static xvcpu__action xvcpu__x86_stage2_fault(xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, uint64_t gpa, uint32_t access,
                                             bool reinjected, void (*fill_mode)(xvcpu_vcpu *, xvcpu_x86_mode *),
                                             xvcpu_exit *exit)
{
    exit->raw_info2 = gpa;
    vcpu->pending.insn_len = 0;
    if (vcpu->mmio_count != 0 && !(access & XVCPU_ACCESS_EXEC) && xvcpu__in_mmio_region(vcpu, gpa)) {
        xvcpu_x86_mode mode;
        fill_mode(vcpu, &mode);
        switch (xvcpu__x86_mmio_fault(vcpu, &mode, s2, gpa, access, reinjected, exit)) {
        case XVCPU__MMIO_REENTER: return XVCPU__RESUME;
        case XVCPU__MMIO_EXIT: return XVCPU__TO_VMM;
        case XVCPU__MMIO_NOT_MMIO: break;
        }
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = gpa;
    exit->u.nested_page_fault.access = access;
    return XVCPU__TO_VMM;
}

/* The common MMIO exit, tried before the backend reads how the guest accessed `gpa` (a VMREAD
 * of the qualification on VMX): a load or store the library decodes and emulates is neither an
 * instruction fetch nor an IRET (whose NMI unblocking the qualification reports). XVCPU__GO_ON:
 * not such an access (not MMIO, an event being delivered, an instruction the library does not
 * emulate): the caller decides with the access known, through xvcpu__x86_stage2_fault. */
static xvcpu__action xvcpu__x86_mmio_decoded(xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, uint64_t gpa, bool reinjected,
                                             void (*fill_mode)(xvcpu_vcpu *, xvcpu_x86_mode *), xvcpu_exit *exit)
{
    xvcpu_x86_mode mode;
    if (vcpu->mmio_count == 0 || reinjected || !xvcpu__in_mmio_region(vcpu, gpa))
        return XVCPU__GO_ON;
    fill_mode(vcpu, &mode);
    exit->raw_info2 = gpa;
    vcpu->pending.insn_len = 0; /* as xvcpu__x86_stage2_fault: the forms the VMM completes set it */
    switch (xvcpu__x86_mmio_fault(vcpu, &mode, s2, gpa, 0, false, exit)) {
    case XVCPU__MMIO_REENTER: return XVCPU__RESUME;
    case XVCPU__MMIO_EXIT: return exit->kind == XVCPU_EXIT_MMIO_UNSUPPORTED ? XVCPU__GO_ON : XVCPU__TO_VMM;
    case XVCPU__MMIO_NOT_MMIO: break;
    }
    return XVCPU__GO_ON;
}

/* OUT's data: AL, AX or EAX. */
static inline uint64_t xvcpu__x86_out_data(const xvcpu_vcpu *vcpu, unsigned width)
{
    return vcpu->gpr[XVCPU_REG_RAX] & (width == 4 ? 0xFFFFFFFFull : width == 2 ? 0xFFFFull : 0xFFull);
}
