/* The access layer: every privileged instruction the library executes goes through one of these
 * macros. The defaults are the real instructions; define any of them before including xvcpu.h to
 * substitute a software machine (the host tests do) or a counting wrapper (the benchmarks do).
 *
 *   int      XVCPU_VMREAD(enc, uint64_t *out)   int XVCPU_VMWRITE(enc, uint64_t value)
 *   int      XVCPU_VMXON(pa)  XVCPU_VMXOFF()  XVCPU_VMPTRLD(pa)  XVCPU_VMCLEAR(pa)
 *   int      XVCPU_INVEPT(type, eptp)            XVCPU_INVVPID(type, vpid, linear_addr)
 *   uint64_t XVCPU_RDMSR(msr)                    void XVCPU_WRMSR(msr, value)
 *   uint64_t XVCPU_RDTSC()                       (the TSC: RDMSR of IA32_TSC is not the same under QEMU TCG)
 *   void     XVCPU_CPUID(leaf, subleaf, uint32_t out[4])    (EAX, EBX, ECX, EDX)
 *   uint64_t XVCPU_READ_CR0() XVCPU_READ_CR2() XVCPU_READ_CR3() XVCPU_READ_CR4() XVCPU_XGETBV(index)
 *   void     XVCPU_WRITE_CR0(v) XVCPU_WRITE_CR2(v) XVCPU_WRITE_CR4(v) XVCPU_XSETBV(index, value)
 *   void     XVCPU_VMLOAD(pa) XVCPU_VMSAVE(pa) XVCPU_CLGI() XVCPU_STGI() XVCPU_INVLPGA(va, asid)
 *   uint32_t XVCPU_RDPKRU()   (needs CR4.PKE)
 *   uint64_t XVCPU_READ_DR(n)  (n = 0-3: the guest's breakpoint addresses, which neither VMX nor SVM
 *                              switch: they are in the registers while the vCPU is bound)
 *   uint64_t XVCPU_READ_DR6()  void XVCPU_WRITE_DR6(v)  (VMX: the guest's DR6 while bound; the
 *                              emulated task switch sets its BT bit)
 *
 * The VMX instructions return a status read from RFLAGS in the same asm statement: */
#define XVCPU_VMX_OK 0           /* VMsucceed */
#define XVCPU_VMX_FAIL_INVALID 1 /* VMfailInvalid: CF=1, no current VMCS to hold an error number */
#define XVCPU_VMX_FAIL_VALID 2   /* VMfailValid: ZF=1, see the VM_INSTRUCTION_ERROR field */

#if defined(__x86_64__)

/* Asm text both entry trampolines share (vmx/entry.c.h, svm/entry.c.h): the C caller's
 * callee-saved registers, and the guest GPRs but RAX, RSP and RDI to and from the array in RDI
 * (x86 numbering, 8 bytes each). RDI goes last on the way in; on the way out the guest's RDI is
 * pushed first and the array's address found again one slot above it. */
#define XVCPU__ASM_PUSH_CALLEE_SAVED \
    "    push %rbp\n    push %rbx\n    push %r12\n    push %r13\n    push %r14\n    push %r15\n"
#define XVCPU__ASM_POP_CALLEE_SAVED \
    "    pop %r15\n    pop %r14\n    pop %r13\n    pop %r12\n    pop %rbx\n    pop %rbp\n"
#define XVCPU__ASM_LOAD_GUEST_GPRS                                                              \
    "    mov 0x08(%rdi), %rcx\n    mov 0x10(%rdi), %rdx\n    mov 0x18(%rdi), %rbx\n"            \
    "    mov 0x28(%rdi), %rbp\n    mov 0x30(%rdi), %rsi\n    mov 0x40(%rdi), %r8\n"             \
    "    mov 0x48(%rdi), %r9\n    mov 0x50(%rdi), %r10\n    mov 0x58(%rdi), %r11\n"             \
    "    mov 0x60(%rdi), %r12\n    mov 0x68(%rdi), %r13\n    mov 0x70(%rdi), %r14\n"            \
    "    mov 0x78(%rdi), %r15\n    mov 0x38(%rdi), %rdi\n"
#define XVCPU__ASM_GUEST_RDI_ASIDE "    push %rdi\n    mov 8(%rsp), %rdi\n"
#define XVCPU__ASM_STORE_GUEST_GPRS                                                             \
    "    mov %rcx, 0x08(%rdi)\n    mov %rdx, 0x10(%rdi)\n    mov %rbx, 0x18(%rdi)\n"            \
    "    mov %rbp, 0x28(%rdi)\n    mov %rsi, 0x30(%rdi)\n    popq 0x38(%rdi)\n"                 \
    "    mov %r8, 0x40(%rdi)\n    mov %r9, 0x48(%rdi)\n    mov %r10, 0x50(%rdi)\n"              \
    "    mov %r11, 0x58(%rdi)\n    mov %r12, 0x60(%rdi)\n    mov %r13, 0x68(%rdi)\n"            \
    "    mov %r14, 0x70(%rdi)\n    mov %r15, 0x78(%rdi)\n"

/* CF=1 -> VMfailInvalid, ZF=1 -> VMfailValid (SDM Vol. 3C 31.2, "Conventions"). */
#define XVCPU__VMX_STATUS(cf, zf) ((cf) ? XVCPU_VMX_FAIL_INVALID : (zf) ? XVCPU_VMX_FAIL_VALID : XVCPU_VMX_OK)

/* VMREAD and VMWRITE, as the exit paths run them: one branch on CF|ZF (`jbe`) when they work.
 * Which failure it was is asked again on the cold path: a failed VMREAD or VMWRITE changes
 * nothing but the error field, so doing it once more gives the same answer (hence `pure`: a
 * caller that ignores the status pays nothing for it). */
__attribute__((__noinline__, __cold__, __pure__, __unused__)) static int xvcpu__insn_vmread_failed(uint64_t enc)
{
    bool cf, zf;
    uint64_t v;
    __asm__ volatile("vmread %[enc], %[v]" : [v] "=r"(v), "=@ccc"(cf), "=@ccz"(zf) : [enc] "r"(enc) : "cc");
    (void)v;
    return XVCPU__VMX_STATUS(cf, zf) != XVCPU_VMX_OK ? XVCPU__VMX_STATUS(cf, zf) : XVCPU_VMX_FAIL_VALID;
}

__attribute__((__noinline__, __cold__, __pure__, __unused__)) static int xvcpu__insn_vmwrite_failed(uint64_t enc, uint64_t value)
{
    bool cf, zf;
    __asm__ volatile("vmwrite %[v], %[enc]" : "=@ccc"(cf), "=@ccz"(zf) : [enc] "r"(enc), [v] "rm"(value) : "cc");
    return XVCPU__VMX_STATUS(cf, zf) != XVCPU_VMX_OK ? XVCPU__VMX_STATUS(cf, zf) : XVCPU_VMX_FAIL_VALID;
}

static inline int xvcpu__insn_vmread(uint64_t enc, uint64_t *out)
{
    bool failed;
    uint64_t v;
    __asm__ volatile("vmread %[enc], %[v]" : [v] "=r"(v), "=@ccbe"(failed) : [enc] "r"(enc) : "cc");
    *out = v;
    return XVCPU__UNLIKELY(failed) ? xvcpu__insn_vmread_failed(enc) : XVCPU_VMX_OK;
}

static inline int xvcpu__insn_vmwrite(uint64_t enc, uint64_t value)
{
    bool failed;
    __asm__ volatile("vmwrite %[v], %[enc]" : "=@ccbe"(failed) : [enc] "r"(enc), [v] "rm"(value) : "cc");
    return XVCPU__UNLIKELY(failed) ? xvcpu__insn_vmwrite_failed(enc, value) : XVCPU_VMX_OK;
}

/* VMXON, VMPTRLD and VMCLEAR take the region's physical address from memory. */
#define XVCPU__VMX_PA_INSN(fn, insn)                                            \
    static inline int fn(uint64_t pa)                                           \
    {                                                                           \
        bool cf, zf;                                                            \
        __asm__ volatile(insn " %[pa]"                                          \
                         : "=@ccc"(cf), "=@ccz"(zf)                             \
                         : [pa] "m"(pa)                                         \
                         : "cc", "memory");                                     \
        return XVCPU__VMX_STATUS(cf, zf);                                       \
    }
XVCPU__VMX_PA_INSN(xvcpu__insn_vmxon, "vmxon")
XVCPU__VMX_PA_INSN(xvcpu__insn_vmptrld, "vmptrld")
XVCPU__VMX_PA_INSN(xvcpu__insn_vmclear, "vmclear")

static inline int xvcpu__insn_vmxoff(void)
{
    bool cf, zf;
    __asm__ volatile("vmxoff" : "=@ccc"(cf), "=@ccz"(zf) : : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline int xvcpu__insn_invept(uint64_t type, uint64_t eptp)
{
    struct { uint64_t eptp, zero; } desc = { eptp, 0 };
    bool cf, zf;
    __asm__ volatile("invept %[desc], %[type]"
                     : "=@ccc"(cf), "=@ccz"(zf)
                     : [desc] "m"(desc), [type] "r"(type)
                     : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline int xvcpu__insn_invvpid(uint64_t type, uint16_t vpid, uint64_t linear_addr)
{
    struct { uint64_t vpid, addr; } desc = { vpid, linear_addr };
    bool cf, zf;
    __asm__ volatile("invvpid %[desc], %[type]"
                     : "=@ccc"(cf), "=@ccz"(zf)
                     : [desc] "m"(desc), [type] "r"(type)
                     : "cc", "memory");
    return XVCPU__VMX_STATUS(cf, zf);
}

static inline uint64_t xvcpu__insn_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t xvcpu__insn_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void xvcpu__insn_wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

static inline void xvcpu__insn_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    __asm__ volatile("cpuid" : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3]) : "a"(leaf), "c"(subleaf));
}

#define XVCPU__READ_CR(n)                                                       \
    static inline uint64_t xvcpu__insn_read_cr##n(void)                         \
    {                                                                           \
        uint64_t v;                                                             \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                       \
        return v;                                                               \
    }
XVCPU__READ_CR(0)
XVCPU__READ_CR(3)
XVCPU__READ_CR(4)

/* DR0-DR3 by number (a MOV from DRn names its register in the encoding). */
static inline uint64_t xvcpu__insn_read_dr(unsigned n)
{
    uint64_t v;
    switch (n & 3) {
    case 0: __asm__ volatile("mov %%dr0, %0" : "=r"(v)); break;
    case 1: __asm__ volatile("mov %%dr1, %0" : "=r"(v)); break;
    case 2: __asm__ volatile("mov %%dr2, %0" : "=r"(v)); break;
    default: __asm__ volatile("mov %%dr3, %0" : "=r"(v)); break;
    }
    return v;
}

static inline uint64_t xvcpu__insn_read_dr6(void)
{
    uint64_t v;
    __asm__ volatile("mov %%dr6, %0" : "=r"(v));
    return v;
}
static inline void xvcpu__insn_write_dr6(uint64_t v) { __asm__ volatile("mov %0, %%dr6" : : "r"(v)); }

static inline void xvcpu__insn_write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void xvcpu__insn_write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline uint64_t xvcpu__insn_read_cr2(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}
static inline void xvcpu__insn_write_cr2(uint64_t v) { __asm__ volatile("mov %0, %%cr2" : : "r"(v) : "memory"); }

static inline uint32_t xvcpu__insn_rdpkru(void)
{
    uint32_t eax, edx;
    __asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(eax), "=d"(edx) : "c"(0)); /* rdpkru */
    return eax;
}

static inline uint64_t xvcpu__insn_xgetbv(uint32_t index)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
    return ((uint64_t)hi << 32) | lo;
}

static inline void xvcpu__insn_xsetbv(uint32_t index, uint64_t value)
{
    __asm__ volatile("xsetbv" : : "c"(index), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

/* SVM: VMLOAD/VMSAVE take the VMCB's physical address in RAX (APM Vol. 2 15.5.2). */
static inline void xvcpu__insn_vmload(uint64_t pa) { __asm__ volatile("vmload %%rax" : : "a"(pa) : "memory"); }
static inline void xvcpu__insn_vmsave(uint64_t pa) { __asm__ volatile("vmsave %%rax" : : "a"(pa) : "memory"); }
static inline void xvcpu__insn_clgi(void) { __asm__ volatile("clgi" : : : "memory"); }
static inline void xvcpu__insn_stgi(void) { __asm__ volatile("stgi" : : : "memory"); }
static inline void xvcpu__insn_invlpga(uint64_t va, uint32_t asid)
{
    __asm__ volatile("invlpga %%rax, %%ecx" : : "a"(va), "c"(asid) : "memory");
}

/* Extended state (SDM Vol. 1 13.7-13.8): XSAVE/XRSTOR of the components in `mask`, or
 * FXSAVE/FXRSTOR of the x87/SSE state where the host has no XSAVE enabled. */
static inline void xvcpu__insn_xsave(void *area, uint64_t mask)
{
    __asm__ volatile("xsave64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)) : "memory");
}
static inline void xvcpu__insn_xrstor(const void *area, uint64_t mask)
{
    __asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)) : "memory");
}
static inline void xvcpu__insn_fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void xvcpu__insn_fxrstor(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }

#ifndef XVCPU_XSAVE
#define XVCPU_XSAVE(area, mask) xvcpu__insn_xsave((area), (mask))
#endif
#ifndef XVCPU_XRSTOR
#define XVCPU_XRSTOR(area, mask) xvcpu__insn_xrstor((area), (mask))
#endif
#ifndef XVCPU_FXSAVE
#define XVCPU_FXSAVE(area) xvcpu__insn_fxsave(area)
#endif
#ifndef XVCPU_FXRSTOR
#define XVCPU_FXRSTOR(area) xvcpu__insn_fxrstor(area)
#endif

#ifndef XVCPU_VMREAD
#define XVCPU_VMREAD(enc, out) xvcpu__insn_vmread((enc), (out))
#endif
#ifndef XVCPU_VMWRITE
#define XVCPU_VMWRITE(enc, value) xvcpu__insn_vmwrite((enc), (value))
#endif
#ifndef XVCPU_VMXON
#define XVCPU_VMXON(pa) xvcpu__insn_vmxon(pa)
#endif
#ifndef XVCPU_VMXOFF
#define XVCPU_VMXOFF() xvcpu__insn_vmxoff()
#endif
#ifndef XVCPU_VMPTRLD
#define XVCPU_VMPTRLD(pa) xvcpu__insn_vmptrld(pa)
#endif
#ifndef XVCPU_VMCLEAR
#define XVCPU_VMCLEAR(pa) xvcpu__insn_vmclear(pa)
#endif
#ifndef XVCPU_INVEPT
#define XVCPU_INVEPT(type, eptp) xvcpu__insn_invept((type), (eptp))
#endif
#ifndef XVCPU_INVVPID
#define XVCPU_INVVPID(type, vpid, la) xvcpu__insn_invvpid((type), (vpid), (la))
#endif
#ifndef XVCPU_RDMSR
#define XVCPU_RDMSR(msr) xvcpu__insn_rdmsr(msr)
#endif
#ifndef XVCPU_WRMSR
#define XVCPU_WRMSR(msr, value) xvcpu__insn_wrmsr((msr), (value))
#endif
#ifndef XVCPU_RDTSC
#define XVCPU_RDTSC() xvcpu__insn_rdtsc()
#endif
#ifndef XVCPU_CPUID
#define XVCPU_CPUID(leaf, subleaf, out) xvcpu__insn_cpuid((leaf), (subleaf), (out))
#endif
#ifndef XVCPU_READ_CR0
#define XVCPU_READ_CR0() xvcpu__insn_read_cr0()
#endif
#ifndef XVCPU_READ_CR2
#define XVCPU_READ_CR2() xvcpu__insn_read_cr2()
#endif
#ifndef XVCPU_WRITE_CR2
#define XVCPU_WRITE_CR2(v) xvcpu__insn_write_cr2(v)
#endif
#ifndef XVCPU_READ_CR3
#define XVCPU_READ_CR3() xvcpu__insn_read_cr3()
#endif
#ifndef XVCPU_READ_CR4
#define XVCPU_READ_CR4() xvcpu__insn_read_cr4()
#endif
#ifndef XVCPU_WRITE_CR0
#define XVCPU_WRITE_CR0(v) xvcpu__insn_write_cr0(v)
#endif
#ifndef XVCPU_WRITE_CR4
#define XVCPU_WRITE_CR4(v) xvcpu__insn_write_cr4(v)
#endif
#ifndef XVCPU_RDPKRU
#define XVCPU_RDPKRU() xvcpu__insn_rdpkru()
#endif
#ifndef XVCPU_READ_DR
#define XVCPU_READ_DR(n) xvcpu__insn_read_dr(n)
#endif
#ifndef XVCPU_READ_DR6
#define XVCPU_READ_DR6() xvcpu__insn_read_dr6()
#endif
#ifndef XVCPU_WRITE_DR6
#define XVCPU_WRITE_DR6(v) xvcpu__insn_write_dr6(v)
#endif
#ifndef XVCPU_XGETBV
#define XVCPU_XGETBV(index) xvcpu__insn_xgetbv(index)
#endif
#ifndef XVCPU_XSETBV
#define XVCPU_XSETBV(index, value) xvcpu__insn_xsetbv((index), (value))
#endif
#ifndef XVCPU_VMLOAD
#define XVCPU_VMLOAD(pa) xvcpu__insn_vmload(pa)
#endif
#ifndef XVCPU_VMSAVE
#define XVCPU_VMSAVE(pa) xvcpu__insn_vmsave(pa)
#endif
#ifndef XVCPU_CLGI
#define XVCPU_CLGI() xvcpu__insn_clgi()
#endif
#ifndef XVCPU_STGI
#define XVCPU_STGI() xvcpu__insn_stgi()
#endif
#ifndef XVCPU_INVLPGA
#define XVCPU_INVLPGA(va, asid) xvcpu__insn_invlpga((va), (asid))
#endif

#endif /* __x86_64__ */

#if defined(__x86_64__)
/* Host descriptor-table state, for the VMCS host area. */
typedef struct xvcpu_dtr {
    uint16_t limit;
    uint64_t base;
} __attribute__((__packed__)) xvcpu_dtr;

static inline void xvcpu__insn_sgdt(xvcpu_dtr *d) { __asm__ volatile("sgdt %0" : "=m"(*d)); }
static inline void xvcpu__insn_sidt(xvcpu_dtr *d) { __asm__ volatile("sidt %0" : "=m"(*d)); }
#define XVCPU__READ_SEG(name, seg)                                              \
    static inline uint16_t xvcpu__insn_read_##name(void)                        \
    {                                                                           \
        uint16_t v;                                                             \
        __asm__ volatile("mov %%" seg ", %0" : "=r"(v));                       \
        return v;                                                               \
    }
XVCPU__READ_SEG(cs, "cs")
XVCPU__READ_SEG(ss, "ss")
XVCPU__READ_SEG(ds, "ds")
XVCPU__READ_SEG(es, "es")
XVCPU__READ_SEG(fs, "fs")
XVCPU__READ_SEG(gs, "gs")
static inline uint16_t xvcpu__insn_str(void)
{
    uint16_t v;
    __asm__ volatile("str %0" : "=r"(v));
    return v;
}

/* Host state reads: XVCPU_SGDT(&dtr) XVCPU_SIDT(&dtr) XVCPU_READ_SEL(cs|ss|ds|es|fs|gs|tr) */
#ifndef XVCPU_SGDT
#define XVCPU_SGDT(d) xvcpu__insn_sgdt(d)
#endif
#ifndef XVCPU_SIDT
#define XVCPU_SIDT(d) xvcpu__insn_sidt(d)
#endif
#ifndef XVCPU_READ_SEL
#define XVCPU_READ_SEL(seg) xvcpu__read_sel_##seg()
#define xvcpu__read_sel_cs() xvcpu__insn_read_cs()
#define xvcpu__read_sel_ss() xvcpu__insn_read_ss()
#define xvcpu__read_sel_ds() xvcpu__insn_read_ds()
#define xvcpu__read_sel_es() xvcpu__insn_read_es()
#define xvcpu__read_sel_fs() xvcpu__insn_read_fs()
#define xvcpu__read_sel_gs() xvcpu__insn_read_gs()
#define xvcpu__read_sel_tr() xvcpu__insn_str()
#endif
#endif /* __x86_64__ */
