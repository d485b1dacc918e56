/* What the software VMX machine (unit/soft_machine.h) and the software SVM machine
 * (svm/soft_svm.h) model alike: MSRs, CPUID, the control and debug registers, XCR0, PKRU and the
 * XSAVE family, with the access-layer macros that route the library's instructions to them.
 * Each machine puts SOFT_X86_STATE in its `soft` structure, includes this header before xvcpu.h
 * and soft_x86.c into its own .c file. */
#ifndef TESTS_SOFT_X86_H
#define TESTS_SOFT_X86_H

#include <stdint.h>

#define SOFT_MAX_MSRS 64
#define SOFT_MAX_CPUID_LEAVES 64

/* The shared part of both machines' state (fields of `soft`). */
#define SOFT_X86_STATE                                                                        \
    /* MSRs; reading one the test did not set gives an obviously wrong value */                \
    uint32_t msr_index[SOFT_MAX_MSRS];                                                         \
    uint64_t msr_value[SOFT_MAX_MSRS];                                                         \
    unsigned msr_count;                                                                        \
    unsigned rdmsrs, wrmsrs;                                                                   \
    /* CPUID answers by leaf (subleaf ignored): leaf, eax, ebx, ecx, edx */                    \
    uint32_t cpuid[SOFT_MAX_CPUID_LEAVES][5];                                                  \
    unsigned cpuid_count;                                                                      \
    /* registers */                                                                            \
    uint64_t cr0, cr2, cr3, cr4, xcr0;                                                         \
    uint64_t dr[4];                  /* DR0-DR3 (the guest's while it is bound) */             \
    unsigned dr_reads;                                                                         \
    uint64_t dr6;                    /* the guest's DR6 while it is bound (VMX) */              \
    uint32_t pkru;                   /* the PKRU register (the guest's, after an exit) */      \
    unsigned pkru_reads;                                                                       \
    unsigned xsetbvs, xsaves, xrstors;

void soft_set_msr(uint32_t msr, uint64_t value);
uint64_t soft_rdmsr(uint32_t msr);
void soft_wrmsr(uint32_t msr, uint64_t value);
void soft_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
void soft_set_cpuid(uint32_t leaf, uint32_t eax, uint32_t ebx, uint32_t ecx, uint32_t edx);

#define XVCPU_RDMSR(msr) soft_rdmsr(msr)
#define XVCPU_RDTSC() soft_rdmsr(0x10) /* the TSC is the soft machine's IA32_TSC */
#define XVCPU_WRMSR(msr, value) soft_wrmsr((msr), (value))
#define XVCPU_CPUID(leaf, subleaf, out) soft_cpuid((leaf), (subleaf), (out))
#define XVCPU_READ_CR0() (soft.cr0)
#define XVCPU_READ_CR2() (soft.cr2)
#define XVCPU_READ_CR3() (soft.cr3)
#define XVCPU_READ_CR4() (soft.cr4)
#define XVCPU_WRITE_CR0(v) ((void)(soft.cr0 = (v)))
#define XVCPU_WRITE_CR2(v) ((void)(soft.cr2 = (v)))
#define XVCPU_WRITE_CR4(v) ((void)(soft.cr4 = (v)))
#define XVCPU_READ_DR(n) (soft.dr_reads++, soft.dr[(n) & 3])
#define XVCPU_READ_DR6() (soft.dr6)
#define XVCPU_WRITE_DR6(v) ((void)(soft.dr6 = (v)))
#define XVCPU_RDPKRU() (soft.pkru_reads++, soft.pkru)
#define XVCPU_XGETBV(index) ((void)(index), soft.xcr0)
#define XVCPU_XSETBV(index, v) ((void)(index), soft.xsetbvs++, (void)(soft.xcr0 = (v)))
#define XVCPU_XSAVE(area, mask) ((void)(area), (void)(mask), soft.xsaves++)
#define XVCPU_XRSTOR(area, mask) ((void)(area), (void)(mask), soft.xrstors++)
#define XVCPU_FXSAVE(area) ((void)(area), soft.xsaves++)
#define XVCPU_FXRSTOR(area) ((void)(area), soft.xrstors++)

#endif
