/* x86 calls beyond the neutral API: CPUID overrides, I/O and MSR intercepts, MMIO regions. */

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

/* MMIO: accesses to [gpa, gpa+size) become MMIO_READ / MMIO_WRITE exits (the library fetches and
 * decodes the instruction; read-modify-write and string forms are emulated as a sequence of such
 * exits). The range must stay unmapped in the stage-2 tables, so the guest's accesses fault.
 * Page-aligned, at most XVCPU_MMIO_MAX_REGIONS ranges, no overlaps. Remove takes the exact range. */
XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);
XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size);

/* Prepare `s2` for guests of `cpu` (enabled): the stage-2 format, page sizes and accessed/dirty
 * support this CPU offers (VMX: IA32_VMX_EPT_VPID_CAP). */
XVCPU_DEF xvcpu_err xvcpu_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu);

/* How many exits of each raw reason this vCPU has seen (VMX basic reasons; SVM EXITCODEs below
 * 0xF0 and 0x400-0x40F), counted whether the library handled them or the VMM did; 0 for others. */
XVCPU_DEF uint32_t xvcpu_vcpu_exit_count(const xvcpu_vcpu *vcpu, uint32_t raw_reason);
