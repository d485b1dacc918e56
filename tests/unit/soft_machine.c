#include <string.h>
#include "soft_machine.h"

soft_machine soft;

#include "../soft_x86.c"

static bool soft_launch_states[8];
void soft_reset(void)
{
    memset(&soft, 0, sizeof(soft));
    memset(soft_launch_states, 0, sizeof(soft_launch_states));
}

void soft_fail(int insn, unsigned nth, int status, uint32_t error)
{
    soft.fail_insn = insn;
    soft.fail_at = nth;
    soft.fail_status = status;
    soft.fail_error = error;
}

/* Count `insn`; nonzero (the injected status) when this execution is the one armed to fail. */
static int soft_injected(int insn)
{
    soft.executed[insn]++;
    if (soft.fail_insn != insn || soft.fail_at == 0 || --soft.fail_at != 0)
        return XVCPU_VMX_OK;
    soft.failed++;
    soft.fail_insn = 0;
    if (soft.fail_status == XVCPU_VMX_FAIL_VALID) {
        soft.vm_instruction_error = soft.fail_error;
        soft.vmcs[0x4400] = soft.fail_error;
    }
    return soft.fail_status;
}

int soft_invvpid(uint64_t type, uint64_t vpid, uint64_t la)
{
    int st;
    (void)la;
    if ((st = soft_injected(SOFT_INVVPID)) != XVCPU_VMX_OK)
        return st;
    soft.invvpids++;
    soft.last_invvpid_type = type;
    soft.last_invvpid_vpid = vpid;
    return XVCPU_VMX_OK;
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
    int st;
    soft.vmreads++;
    if ((st = soft_injected(SOFT_VMREAD)) != XVCPU_VMX_OK)
        return st;
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
    int st;
    soft.vmwrites++;
    soft.last_vmwrite_operand = value;
    if ((st = soft_injected(SOFT_VMWRITE)) != XVCPU_VMX_OK)
        return st;
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

char soft_exit_point[1];
uint8_t soft_gdt[0x60] = {
    [0x40 + 2] = 0x00, [0x40 + 3] = 0x30, [0x40 + 4] = 0x12, [0x40 + 7] = 0x00,
    [0x40 + 8] = 0x00, [0x40 + 9] = 0x80, [0x40 + 10] = 0xFF, [0x40 + 11] = 0xFF,
};

static bool *soft_launch_slot(uint64_t pa, bool create);

static bool *soft_launch_slot(uint64_t pa, bool create)
{
    unsigned i;
    for (i = 0; i < 8; i++)
        if (soft.launched_vmcs[i] == pa)
            return &soft_launch_states[i];
    if (!create)
        return NULL;
    for (i = 0; i < 8; i++)
        if (soft.launched_vmcs[i] == 0) {
            soft.launched_vmcs[i] = pa;
            soft_launch_states[i] = false;
            return &soft_launch_states[i];
        }
    for (i = 0; i < 8; i++) /* a clear VMCS needs no slot: reuse one (thousands of vCPU lives) */
        if (!soft_launch_states[i] && soft.launched_vmcs[i] != soft.current_vmcs) {
            soft.launched_vmcs[i] = pa;
            return &soft_launch_states[i];
        }
    return NULL;
}

int soft_vmxon(uint64_t pa)
{
    /* SDM Vol. 3C 31.3 VMXON: the region must start with the VMCS revision identifier */
    uint32_t rev = *(const uint32_t *)(uintptr_t)pa;
    int st;
    if ((st = soft_injected(SOFT_VMXON)) != XVCPU_VMX_OK)
        return st;
    if (soft.vmx_on) {
        soft.vm_instruction_error = 15;
        return XVCPU_VMX_FAIL_VALID;
    }
    if ((pa & 0xFFF) || rev != (uint32_t)(soft_rdmsr(0x480) & 0x7FFFFFFF))
        return XVCPU_VMX_FAIL_INVALID;
    soft.vmx_on = true;
    soft.vmxon_region = pa;
    return XVCPU_VMX_OK;
}

int soft_vmxoff(void)
{
    int st;
    if ((st = soft_injected(SOFT_VMXOFF)) != XVCPU_VMX_OK)
        return st;
    if (!soft.vmx_on)
        return XVCPU_VMX_FAIL_INVALID;
    soft.vmx_on = false;
    return XVCPU_VMX_OK;
}

int soft_vmptrld(uint64_t pa)
{
    int st;
    if ((st = soft_injected(SOFT_VMPTRLD)) != XVCPU_VMX_OK)
        return st;
    if (!soft.vmx_on || (pa & 0xFFF) || pa == soft.vmxon_region)
        return XVCPU_VMX_FAIL_INVALID;
    soft.current_vmcs = pa;
    soft.has_current_vmcs = true;
    soft_launch_slot(pa, true);
    return XVCPU_VMX_OK;
}

int soft_vmclear(uint64_t pa)
{
    bool *slot;
    int st;
    if ((st = soft_injected(SOFT_VMCLEAR)) != XVCPU_VMX_OK)
        return st;
    slot = soft_launch_slot(pa, true);
    if (!soft.vmx_on)
        return XVCPU_VMX_FAIL_INVALID;
    if (slot)
        *slot = false;
    if (soft.current_vmcs == pa) {
        soft.current_vmcs = 0;
        soft.has_current_vmcs = false;
    }
    return XVCPU_VMX_OK;
}

int soft_invept(uint64_t type, uint64_t eptp)
{
    int st;
    (void)eptp;
    if ((st = soft_injected(SOFT_INVEPT)) != XVCPU_VMX_OK)
        return st;
    soft.invepts++;
    soft.last_invept_type = type;
    return XVCPU_VMX_OK;
}

/* VMLAUNCH / VMRESUME (SDM Vol. 3C 31.3): error 4 for VMLAUNCH of a launched VMCS, 5 for
 * VMRESUME of one that is not. A guest-state failure is an exit with reason bit 31 that leaves
 * the launch state alone. */
int soft_vmx_enter(void *vcpu, bool launched)
{
    bool *state;
    int st;
    if ((st = soft_injected(launched ? SOFT_VMRESUME : SOFT_VMLAUNCH)) != XVCPU_VMX_OK)
        return st;
    if (!soft.has_current_vmcs)
        return XVCPU_VMX_FAIL_INVALID;
    state = soft_launch_slot(soft.current_vmcs, false);
    if (!launched && *state) {
        soft.vm_instruction_error = 4;
        soft.vmcs[0x4400] = 4;
        return XVCPU_VMX_FAIL_VALID;
    }
    if (launched && !*state) {
        soft.vm_instruction_error = 5;
        soft.vmcs[0x4400] = 5;
        return XVCPU_VMX_FAIL_VALID;
    }
    if (soft.entry_fail_error) {
        soft.vm_instruction_error = soft.entry_fail_error;
        soft.vmcs[0x4400] = soft.entry_fail_error;
        soft.entry_fail_error = 0;
        return XVCPU_VMX_FAIL_VALID;
    }
    if (launched)
        soft.resumes++;
    else
        soft.launches++;
    if (soft.entry_fails) {
        soft.entry_fails = false;
        soft.vmcs[0x4402] = 0x80000000u | (soft.entry_fail_reason ? soft.entry_fail_reason : 33u);
        soft.vmcs[0x6400] = 0;
        return XVCPU_VMX_OK;
    }
    *state = true;
    soft.cr2_at_entry = soft.cr2;
    /* the entry delivers the event; every VM exit clears the valid bit (SDM Vol. 3C 28.2) */
    if (soft.vmcs[0x4016] & 0x80000000u) {
        soft.last_injected = soft.vmcs[0x4016];
        soft.injections++;
        soft.vmcs[0x4016] &= ~0x80000000ull;
    }
    if (soft.guest)
        soft.guest(vcpu);
    return XVCPU_VMX_OK;
}

