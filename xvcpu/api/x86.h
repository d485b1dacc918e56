/* x86 calls beyond the neutral API: CPUID overrides, I/O and MSR intercepts. */

#define XVCPU_CPUID_MAX_ENTRIES 64
#define XVCPU_CPUID_SUBLEAF 1u /* the entry applies to one subleaf only */

typedef struct xvcpu_cpuid_entry {
    uint32_t leaf, subleaf, flags;
    uint32_t eax, ebx, ecx, edx;
} xvcpu_cpuid_entry;

/* The hypervisor leaves' signature, CPUID 0x40000000 EBX:ECX:EDX. */
#define XVCPU_CPUID_SIGNATURE "xvcpuxvcpuxv"

/* The built-in VMX backend (selected by xvcpu_percpu_enable() on Intel CPUs with VMX). */
XVCPU_DEF const xvcpu_backend *xvcpu_vmx_backend(void);

/* Replace (or add) the CPUID answer for `leaf` (and `subleaf`, when XVCPU_CPUID_SUBLEAF is in
 * flags). Call after setup; the table has XVCPU_CPUID_MAX_ENTRIES slots. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_set_cpuid(xvcpu_vcpu *vcpu, const xvcpu_cpuid_entry *entry);

/* Port I/O: by default every port exits to the VMM. Pass ports [port, port+count) through to the
 * hardware, or intercept them again. Ports beyond 0xFFFF are an error. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_io_passthrough(xvcpu_vcpu *vcpu, uint32_t port, uint32_t count, bool pass);

/* MSRs: by default every access exits; the library handles the MSRs it virtualizes and raises
 * #GP for the rest. `access` (XVCPU_ACCESS_READ/WRITE) selects reads, writes or both:
 *   xvcpu_vcpu_msr_to_vmm   the access becomes a SYSREG_READ / SYSREG_WRITE exit
 *   xvcpu_vcpu_msr_passthrough  the guest touches the real MSR (the host then must not rely on it)
 * MSRs outside 0-0x1FFF and 0xC0000000-0xC0001FFF cannot be configured (they always exit). */
XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_to_vmm(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool to_vmm);
XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_passthrough(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool pass);


/* Prepare `s2` for guests of `cpu` (enabled): the stage-2 format, page sizes and accessed/dirty
 * support this CPU offers (VMX: IA32_VMX_EPT_VPID_CAP). */
XVCPU_DEF xvcpu_err xvcpu_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu);

/* How many exits of each raw reason this vCPU has seen (VMX basic reasons; SVM EXITCODEs below
 * 0xF0 and 0x400-0x40F), counted whether the library handled them or the VMM did; 0 for others. */
XVCPU_DEF uint32_t xvcpu_vcpu_exit_count(const xvcpu_vcpu *vcpu, uint32_t raw_reason);

/* The AMD SVM backend (selected by xvcpu_percpu_enable() on CPUs with CPUID Fn8000_0001
 * ECX.SVM). It needs nested paging (xvcpu_stage2_init_for_cpu() gives the NPT format) and serves
 * the same calls and exits as the VMX backend; the differences a VMM can see:
 *   - raw_reason / fail_entry.hw_reason are SVM EXITCODEs (xvcpu_svm_exit_name() names them);
 *     xvcpu_vcpu_exit_count() takes them too (NPF is 0x400).
 *   - EXTERNAL_INTERRUPT: the interrupt stays pending in the host (SVM does not acknowledge it) and
 *     is taken by the host when it enables interrupts; its vector is reported as 0 (2 for an NMI).
 *     With V_INTR_MASKING the host's RFLAGS.IF at xvcpu_vcpu_run() decides whether a host
 *     interrupt ends the guest's run (APM Vol. 2 15.21.1).
 *   - NESTED_PAGE_FAULT never has a linear address (SVM reports only the guest-physical one).
 * xvcpu_percpu_enable() also sets EFER.NXE when the host runs without it (nested page walks use
 * the host's NXE, APM Vol. 2 15.25.5); xvcpu_percpu_disable() clears it again.
 * Host contract while a vCPU is bound (as for VMX): the host's FS/GS bases, TR, LDTR, SYSCALL and
 * SYSENTER MSRs and KERNEL_GS_BASE are captured at bind (VMSAVE) and put back after every exit
 * (VMLOAD): the host must not change them until unbind. */
XVCPU_DEF const xvcpu_backend *xvcpu_svm_backend(void);
