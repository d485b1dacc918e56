/* On a CPU that is not x86-64 the x86 instructions do not exist: their access macros default to
 * inert stand-ins (CPUID reads zeros, so xvcpu_percpu_enable() never picks VMX or SVM; the VMX
 * and SVM instructions fail), so the whole header still compiles there. A test that models x86
 * defines its own macros first, as on x86. */
#if !defined(__x86_64__)

typedef struct xvcpu_dtr {
    uint16_t limit;
    uint64_t base;
} xvcpu_dtr;

static inline int xvcpu__inert_vmread(uint64_t *out)
{
    *out = 0;
    return XVCPU_VMX_FAIL_INVALID;
}
static inline void xvcpu__inert_cpuid(uint32_t out[4])
{
    out[0] = out[1] = out[2] = out[3] = 0;
}
static inline void xvcpu__inert_dtr(xvcpu_dtr *d)
{
    d->limit = 0;
    d->base = 0;
}

#ifndef XVCPU_VMREAD
#define XVCPU_VMREAD(enc, out) ((void)(enc), xvcpu__inert_vmread(out))
#endif
#ifndef XVCPU_VMWRITE
#define XVCPU_VMWRITE(enc, value) ((void)(enc), (void)(value), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMXON
#define XVCPU_VMXON(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMXOFF
#define XVCPU_VMXOFF() XVCPU_VMX_FAIL_INVALID
#endif
#ifndef XVCPU_VMPTRLD
#define XVCPU_VMPTRLD(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMCLEAR
#define XVCPU_VMCLEAR(pa) ((void)(pa), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_INVEPT
#define XVCPU_INVEPT(type, eptp) ((void)(type), (void)(eptp), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_INVVPID
#define XVCPU_INVVPID(type, vpid, la) ((void)(type), (void)(vpid), (void)(la), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_RDMSR
#define XVCPU_RDMSR(msr) ((void)(msr), (uint64_t)0)
#endif
#ifndef XVCPU_WRMSR
#define XVCPU_WRMSR(msr, value) ((void)(msr), (void)(value))
#endif
#ifndef XVCPU_RDTSC
#define XVCPU_RDTSC() ((uint64_t)0)
#endif
#ifndef XVCPU_CPUID
#define XVCPU_CPUID(leaf, subleaf, out) ((void)(leaf), (void)(subleaf), xvcpu__inert_cpuid(out))
#endif
#ifndef XVCPU_READ_CR0
#define XVCPU_READ_CR0() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR2
#define XVCPU_READ_CR2() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR3
#define XVCPU_READ_CR3() ((uint64_t)0)
#endif
#ifndef XVCPU_READ_CR4
#define XVCPU_READ_CR4() ((uint64_t)0)
#endif
#ifndef XVCPU_WRITE_CR0
#define XVCPU_WRITE_CR0(v) ((void)(v))
#endif
#ifndef XVCPU_WRITE_CR2
#define XVCPU_WRITE_CR2(v) ((void)(v))
#endif
#ifndef XVCPU_WRITE_CR4
#define XVCPU_WRITE_CR4(v) ((void)(v))
#endif
#ifndef XVCPU_XGETBV
#define XVCPU_XGETBV(index) ((void)(index), (uint64_t)0)
#endif
#ifndef XVCPU_XSETBV
#define XVCPU_XSETBV(index, value) ((void)(index), (void)(value))
#endif
#ifndef XVCPU_XSAVE
#define XVCPU_XSAVE(area, mask) ((void)(area), (void)(mask))
#endif
#ifndef XVCPU_XRSTOR
#define XVCPU_XRSTOR(area, mask) ((void)(area), (void)(mask))
#endif
#ifndef XVCPU_FXSAVE
#define XVCPU_FXSAVE(area) ((void)(area))
#endif
#ifndef XVCPU_FXRSTOR
#define XVCPU_FXRSTOR(area) ((void)(area))
#endif
#ifndef XVCPU_RDPKRU
#define XVCPU_RDPKRU() ((uint32_t)0)
#endif
#ifndef XVCPU_READ_DR
#define XVCPU_READ_DR(n) ((void)(n), (uint64_t)0)
#endif
#ifndef XVCPU_READ_DR6
#define XVCPU_READ_DR6() ((uint64_t)0)
#endif
#ifndef XVCPU_WRITE_DR6
#define XVCPU_WRITE_DR6(v) ((void)(v))
#endif
#ifndef XVCPU_VMLOAD
#define XVCPU_VMLOAD(pa) ((void)(pa))
#endif
#ifndef XVCPU_VMSAVE
#define XVCPU_VMSAVE(pa) ((void)(pa))
#endif
#ifndef XVCPU_CLGI
#define XVCPU_CLGI() ((void)0)
#endif
#ifndef XVCPU_STGI
#define XVCPU_STGI() ((void)0)
#endif
#ifndef XVCPU_INVLPGA
#define XVCPU_INVLPGA(va, asid) ((void)(va), (void)(asid))
#endif
#ifndef XVCPU_SGDT
#define XVCPU_SGDT(d) xvcpu__inert_dtr(d)
#endif
#ifndef XVCPU_SIDT
#define XVCPU_SIDT(d) xvcpu__inert_dtr(d)
#endif
#ifndef XVCPU_READ_SEL
#define XVCPU_READ_SEL(seg) ((uint16_t)0)
#endif
#ifndef XVCPU_VMX_ENTER
#define XVCPU_VMX_ENTER(vcpu) ((void)(vcpu), XVCPU_VMX_FAIL_INVALID)
#endif
#ifndef XVCPU_VMX_EXIT_POINT
#define XVCPU_VMX_EXIT_POINT ((uint64_t)0)
#endif
#ifndef XVCPU_SVM_ENTER
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) ((void)(vcpu), (void)(host_area_pa), 1)
#endif

#endif /* !__x86_64__ */
