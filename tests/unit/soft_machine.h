/* A software model of the parts of an x86 CPU the library touches: a VMCS with the SDM's width
 * and read-only semantics, MSRs, CPUID, CR0/CR3/CR4, XCR0. Tests include this before xvcpu.h so
 * the access layer uses it instead of real instructions, and count what the library does. */
#ifndef TESTS_SOFT_MACHINE_H
#define TESTS_SOFT_MACHINE_H

#include <stdint.h>
#include <stdbool.h>

#define SOFT_MAX_MSRS 64

typedef struct soft_machine {
    /* VMCS, indexed by the 15-bit encoding; a field exists when field_exists[] says so. */
    bool has_current_vmcs;
    bool field_exists[0x8000];
    uint64_t vmcs[0x8000];
    uint32_t vm_instruction_error;   /* as the VM_INSTRUCTION_ERROR field would hold it */
    uint64_t last_vmwrite_operand;   /* the raw 64-bit operand of the last VMWRITE */
    unsigned vmreads, vmwrites;
    /* MSRs */
    uint32_t msr_index[SOFT_MAX_MSRS];
    uint64_t msr_value[SOFT_MAX_MSRS];
    unsigned msr_count;
    unsigned rdmsrs, wrmsrs;
    /* control registers */
    uint64_t cr0, cr3, cr4, xcr0;
} soft_machine;

extern soft_machine soft;

void soft_reset(void);
/* Width mask of a VMCS field from its encoding (SDM Vol. 3D B: bits 14:13). */
uint64_t soft_field_mask(uint32_t encoding);
void soft_set_msr(uint32_t msr, uint64_t value);
int soft_vmread(uint64_t enc, uint64_t *out);
int soft_vmwrite(uint64_t enc, uint64_t value);
uint64_t soft_rdmsr(uint32_t msr);
void soft_wrmsr(uint32_t msr, uint64_t value);

#define XVCPU_VMREAD(enc, out) soft_vmread((enc), (out))
#define XVCPU_VMWRITE(enc, value) soft_vmwrite((enc), (value))
#define XVCPU_RDMSR(msr) soft_rdmsr(msr)
#define XVCPU_WRMSR(msr, value) soft_wrmsr((msr), (value))
#define XVCPU_READ_CR0() (soft.cr0)
#define XVCPU_READ_CR3() (soft.cr3)
#define XVCPU_READ_CR4() (soft.cr4)
#define XVCPU_WRITE_CR0(v) ((void)(soft.cr0 = (v)))
#define XVCPU_WRITE_CR4(v) ((void)(soft.cr4 = (v)))
#define XVCPU_XGETBV(index) ((void)(index), soft.xcr0)
#define XVCPU_XSETBV(index, v) ((void)(index), (void)(soft.xcr0 = (v)))

#endif
