/* A software model of the parts of an AMD CPU with SVM the library touches: MSRs (EFER, VM_CR,
 * VM_HSAVE_PA ...), CPUID, CR0/CR2/CR3/CR4, XCR0, GIF, VMLOAD/VMSAVE and VMRUN. VMRUN checks the
 * VMCB the way the APM's consistency checks do (Vol. 2 15.5.1) and then calls the test's "guest",
 * which plays the CPU: it writes EXITCODE/EXITINFO and the guest state as a #VMEXIT would.
 * Included before xvcpu.h so the access layer uses it instead of real instructions. */
#ifndef TESTS_SOFT_SVM_H
#define TESTS_SOFT_SVM_H

#include <stdint.h>
#include <stdbool.h>

#define SOFT_SVM_MAX_MSRS 32
#define SOFT_SVM_MAX_RUNS 64

typedef struct soft_svm {
    /* MSRs; reading one the test did not set gives an obviously wrong value */
    uint32_t msr_index[SOFT_SVM_MAX_MSRS];
    uint64_t msr_value[SOFT_SVM_MAX_MSRS];
    unsigned msr_count;
    /* CPUID answers by leaf (subleaf ignored) */
    uint32_t cpuid[48][5];
    unsigned cpuid_count;
    /* registers */
    uint64_t cr0, cr2, cr3, cr4, xcr0;
    unsigned xsetbvs, xsaves, xrstors;
    /* SVM */
    bool gif;                       /* global interrupt flag (1 after reset) */
    uint64_t dr[4];                 /* DR0-DR3 (the guest's while it is bound) */
    unsigned clgis, stgis, vmloads, vmsaves, runs;
    uint64_t last_vmload, last_vmsave;
    bool vmload_since_clgi;         /* the guest's VMLOAD state went in after the last CLGI */
    /* what each VMRUN saw (index = run number, up to SOFT_SVM_MAX_RUNS) */
    uint32_t clean_at_run[SOFT_SVM_MAX_RUNS];
    uint8_t tlb_at_run[SOFT_SVM_MAX_RUNS];
    uint64_t eventinj_at_run[SOFT_SVM_MAX_RUNS];
    uint64_t rip_at_run[SOFT_SVM_MAX_RUNS];
    uint64_t cr2_at_run[SOFT_SVM_MAX_RUNS]; /* the CR2 register (not the VMCB's) at VMRUN */
    bool gif_at_run[SOFT_SVM_MAX_RUNS];
    /* the "guest": called at each VMRUN that passes the checks, with the VMCB to fill in */
    void (*guest)(void *vcpu);
    uint64_t invalid_exit_code;     /* EXITCODE a failed check stores (QEMU: 0x00000000FFFFFFFF) */
    const char *failed_check;       /* which consistency check failed, NULL if none */
} soft_svm;

extern soft_svm soft;

void soft_reset(void);
void soft_set_msr(uint32_t msr, uint64_t value);
uint64_t soft_rdmsr(uint32_t msr);
void soft_wrmsr(uint32_t msr, uint64_t value);
void soft_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
void soft_set_cpuid(uint32_t leaf, uint32_t eax, uint32_t ebx, uint32_t ecx, uint32_t edx);
void soft_vmload(uint64_t pa);
void soft_vmsave(uint64_t pa);
void soft_clgi(void);
void soft_stgi(void);
int soft_svm_enter(void *vcpu, uint64_t host_area_pa);

#define XVCPU_RDMSR(msr) soft_rdmsr(msr)
#define XVCPU_RDTSC() soft_rdmsr(0x10) /* the TSC is the soft machine's IA32_TSC */
#define XVCPU_WRMSR(msr, value) soft_wrmsr((msr), (value))
#define XVCPU_CPUID(leaf, subleaf, out) soft_cpuid((leaf), (subleaf), (out))
#define XVCPU_READ_CR0() (soft.cr0)
#define XVCPU_RDPKRU() 0u
#define XVCPU_READ_CR2() (soft.cr2)
#define XVCPU_READ_DR(n) (soft.dr[(n) & 3])
#define XVCPU_WRITE_CR2(v) ((void)(soft.cr2 = (v)))
#define XVCPU_READ_CR3() (soft.cr3)
#define XVCPU_READ_CR4() (soft.cr4)
#define XVCPU_WRITE_CR0(v) ((void)(soft.cr0 = (v)))
#define XVCPU_WRITE_CR4(v) ((void)(soft.cr4 = (v)))
#define XVCPU_XGETBV(index) ((void)(index), soft.xcr0)
#define XVCPU_XSETBV(index, v) ((void)(index), soft.xsetbvs++, (void)(soft.xcr0 = (v)))
#define XVCPU_XSAVE(area, mask) ((void)(area), (void)(mask), soft.xsaves++)
#define XVCPU_XRSTOR(area, mask) ((void)(area), (void)(mask), soft.xrstors++)
#define XVCPU_FXSAVE(area) ((void)(area), soft.xsaves++)
#define XVCPU_FXRSTOR(area) ((void)(area), soft.xrstors++)
#define XVCPU_VMLOAD(pa) soft_vmload(pa)
#define XVCPU_VMSAVE(pa) soft_vmsave(pa)
#define XVCPU_CLGI() soft_clgi()
#define XVCPU_STGI() soft_stgi()
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) soft_svm_enter((vcpu), (host_area_pa))

#endif
