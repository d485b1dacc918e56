/* A software model of the parts of an AMD CPU with SVM the library touches: MSRs (EFER, VM_CR,
 * VM_HSAVE_PA ...), CPUID, CR0/CR2/CR3/CR4, XCR0, GIF, VMLOAD/VMSAVE and VMRUN. VMRUN checks the
 * VMCB the way the APM's consistency checks do (Vol. 2 15.5.1) and then calls the test's "guest",
 * which plays the CPU: it writes EXITCODE/EXITINFO and the guest state as a #VMEXIT would.
 * Included before xvcpu.h so the access layer uses it instead of real instructions. */
#ifndef TESTS_SOFT_SVM_H
#define TESTS_SOFT_SVM_H

#include <stdint.h>
#include <stdbool.h>
#include "../soft_x86.h"

#define SOFT_SVM_MAX_RUNS 64

typedef struct soft_svm {
    SOFT_X86_STATE
    /* SVM */
    bool gif;                       /* global interrupt flag (1 after reset) */
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
void soft_vmload(uint64_t pa);
void soft_vmsave(uint64_t pa);
void soft_clgi(void);
void soft_stgi(void);
int soft_svm_enter(void *vcpu, uint64_t host_area_pa);

#define XVCPU_VMLOAD(pa) soft_vmload(pa)
#define XVCPU_VMSAVE(pa) soft_vmsave(pa)
#define XVCPU_CLGI() soft_clgi()
#define XVCPU_STGI() soft_stgi()
#define XVCPU_SVM_ENTER(vcpu, host_area_pa) soft_svm_enter((vcpu), (host_area_pa))

#endif
