#include <string.h>
#include "soft_machine.h"



soft_machine soft;

void soft_reset(void)
{
    memset(&soft, 0, sizeof(soft));
}

uint64_t soft_field_mask(uint32_t encoding)
{
    switch ((encoding >> 13) & 3) {
    case 0: return 0xFFFFull;       /* 16-bit */
    case 2: return 0xFFFFFFFFull;   /* 32-bit */
    default: return ~0ull;          /* 64-bit and natural width on a 64-bit CPU */
    }
}

/* SDM Vol. 3C 31.3 VMREAD: VMfailInvalid without a current VMCS, VMfailValid(12) for an
 * unsupported component; a narrower field is zero-extended into the destination. */
int soft_vmread(uint64_t enc, uint64_t *out)
{
    soft.vmreads++;
    if (!soft.has_current_vmcs)
        return XVCPU_VMX_FAIL_INVALID;
    if (enc >= 0x8000 || !soft.field_exists[enc]) {
        soft.vm_instruction_error = XVCPU_VMX_ERR_UNSUPPORTED_VMCS_COMPONENT;
        return XVCPU_VMX_FAIL_VALID;
    }
    *out = soft.vmcs[enc];
    return XVCPU_VMX_OK;
}

/* SDM Vol. 3C 31.3 VMWRITE: error 12 for an unsupported component, 13 for a read-only one
 * (VM-exit information fields, without IA32_VMX_MISC bit 29); excess operand bits are ignored. */
int soft_vmwrite(uint64_t enc, uint64_t value)
{
    soft.vmwrites++;
    soft.last_vmwrite_operand = value;
    if (!soft.has_current_vmcs)
        return XVCPU_VMX_FAIL_INVALID;
    if (enc >= 0x8000 || !soft.field_exists[enc]) {
        soft.vm_instruction_error = XVCPU_VMX_ERR_UNSUPPORTED_VMCS_COMPONENT;
        return XVCPU_VMX_FAIL_VALID;
    }
    if (((enc >> 10) & 3) == 1) {
        soft.vm_instruction_error = XVCPU_VMX_ERR_VMWRITE_READ_ONLY_COMPONENT;
        return XVCPU_VMX_FAIL_VALID;
    }
    soft.vmcs[enc] = value & soft_field_mask((uint32_t)enc);
    return XVCPU_VMX_OK;
}

void soft_set_msr(uint32_t msr, uint64_t value)
{
    unsigned i;
    for (i = 0; i < soft.msr_count; i++) {
        if (soft.msr_index[i] == msr) {
            soft.msr_value[i] = value;
            return;
        }
    }
    if (soft.msr_count < SOFT_MAX_MSRS) {
        soft.msr_index[soft.msr_count] = msr;
        soft.msr_value[soft.msr_count++] = value;
    }
}

uint64_t soft_rdmsr(uint32_t msr)
{
    unsigned i;
    soft.rdmsrs++;
    for (i = 0; i < soft.msr_count; i++)
        if (soft.msr_index[i] == msr)
            return soft.msr_value[i];
    return 0xBAD0BAD0BAD0BAD0ull; /* an MSR the test did not set: obviously wrong value */
}

void soft_wrmsr(uint32_t msr, uint64_t value)
{
    soft.wrmsrs++;
    soft_set_msr(msr, value);
}
