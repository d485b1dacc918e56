/* A software model of the parts of an x86 CPU the library touches: a VMCS with the SDM's width
 * and read-only semantics, MSRs, CPUID, CR0/CR3/CR4, XCR0. Tests include this before xvcpu.h so
 * the access layer uses it instead of real instructions, and count what the library does. */
#ifndef TESTS_SOFT_MACHINE_H
#define TESTS_SOFT_MACHINE_H

#include <stdint.h>
#include <stdbool.h>
#include "../soft_x86.h"

typedef struct soft_machine {
    /* VMCS, indexed by the 15-bit encoding; a field exists when field_exists[] says so. */
    bool has_current_vmcs;
    bool field_exists[0x8000];
    uint64_t vmcs[0x8000];
    uint32_t vm_instruction_error;   /* as the VM_INSTRUCTION_ERROR field would hold it */
    uint64_t last_vmwrite_operand;   /* the raw 64-bit operand of the last VMWRITE */
    unsigned vmreads, vmwrites;
    SOFT_X86_STATE
    uint64_t cr2_at_entry;           /* CR2 when the last entry succeeded */
    /* VMX operation: VMXON region, current VMCS and the launch state of each VMCS by address */
    bool vmx_on;
    uint64_t vmxon_region, current_vmcs;
    uint64_t launched_vmcs[8];
    unsigned launches, resumes, invepts;
    uint64_t last_invept_type;
    unsigned invvpids;
    uint64_t last_invvpid_type, last_invvpid_vpid;
    /* The "guest": called at each VM entry that succeeds; it sets the exit fields and GPRs.
     * entry_fails makes the next entry fail its guest-state checks (exit reason bit 31). */
    void (*guest)(void *vcpu);
    bool entry_fails;
    uint32_t entry_fail_reason;  /* basic exit reason of that failure (0: 33, guest state) */
    uint32_t entry_fail_error;   /* make the next entry VMfailValid with this error (7, 8) */
    uint64_t last_injected;  /* VM-entry interruption information of the last entry that injected */
    unsigned injections;
    /* Fault injection: the `fail_at`-th execution (1 = the next) of instruction `fail_insn`
     * fails with `fail_status` (XVCPU_VMX_FAIL_*); VMfailValid stores `fail_error` as the
     * VM-instruction error. `executed[]` counts every instruction, `failed` the injected ones. */
    int fail_insn;
    unsigned fail_at;
    int fail_status;
    uint32_t fail_error;
    unsigned executed[16], failed;
} soft_machine;

extern soft_machine soft;

enum { SOFT_VMXON = 1, SOFT_VMXOFF, SOFT_VMCLEAR, SOFT_VMPTRLD, SOFT_VMLAUNCH, SOFT_VMRESUME, SOFT_VMREAD,
       SOFT_VMWRITE, SOFT_INVEPT, SOFT_INVVPID, SOFT_INSN_COUNT };
/* Arm the injector: the `nth` next execution of `insn` fails with `status` (and `error`). */
void soft_fail(int insn, unsigned nth, int status, uint32_t error);
int soft_invvpid(uint64_t type, uint64_t vpid, uint64_t la);

void soft_reset(void);
/* Width mask of a VMCS field from its encoding (SDM Vol. 3D B: bits 14:13). */
uint64_t soft_field_mask(uint32_t encoding);
int soft_vmread(uint64_t enc, uint64_t *out);
int soft_vmwrite(uint64_t enc, uint64_t value);

int soft_vmxon(uint64_t pa);
int soft_vmxoff(void);
int soft_vmptrld(uint64_t pa);
int soft_vmclear(uint64_t pa);
int soft_invept(uint64_t type, uint64_t eptp);
int soft_vmx_enter(void *vcpu, bool launched);
extern char soft_exit_point[];

#define XVCPU_VMREAD(enc, out) soft_vmread((enc), (out))
#define XVCPU_VMWRITE(enc, value) soft_vmwrite((enc), (value))
#define XVCPU_VMXON(pa) soft_vmxon(pa)
#define XVCPU_VMXOFF() soft_vmxoff()
#define XVCPU_VMPTRLD(pa) soft_vmptrld(pa)
#define XVCPU_VMCLEAR(pa) soft_vmclear(pa)
#define XVCPU_INVEPT(type, eptp) soft_invept((type), (eptp))
#define XVCPU_INVVPID(type, vpid, la) soft_invvpid((type), (vpid), (la))
#define XVCPU_SGDT(d) ((d)->limit = 0xFFFF, (d)->base = (uint64_t)(uintptr_t)soft_gdt)
#define XVCPU_SIDT(d) ((d)->limit = 0xFFF, (d)->base = 0xFFFF800000002000ull)
#define XVCPU_READ_SEL(seg) (soft_sel_##seg)
#define XVCPU_VMX_ENTER(vcpu) soft_vmx_enter((vcpu), (vcpu)->arch.vmx.launched)
#define XVCPU_VMX_EXIT_POINT ((uint64_t)(uintptr_t)soft_exit_point)
/* host selectors and a GDT whose TSS descriptor (selector 0x40) has base 0xFFFF800000123000 */
#define soft_sel_cs 0x08
#define soft_sel_ss 0x10
#define soft_sel_ds 0x0
#define soft_sel_es 0x0
#define soft_sel_fs 0x0
#define soft_sel_gs 0x0
#define soft_sel_tr 0x40
extern uint8_t soft_gdt[0x60];

#endif
