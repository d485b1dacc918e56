/* Explaining failed VM entries (VMX: SDM Vol. 3C chapter 27; SVM: APM Vol. 2 15.5.1) and dumping
 * the VMCS/VMCB by field name. The run loop calls the checkers itself when an entry fails and puts
 * the first failed check in the FAIL_ENTRY exit (fail_entry.check) and in
 * xvcpu_vcpu_last_error(); a VMM may call them too, e.g. before a first entry. */

/* Which of the SDM's classes of checks to make: VMfailValid 7 (controls), 8 (host state) or exit
 * reason 33 (guest state). */
#define XVCPU_VMX_CHECK_CONTROLS 1u
#define XVCPU_VMX_CHECK_HOST 2u
#define XVCPU_VMX_CHECK_GUEST 4u
#define XVCPU_VMX_CHECK_ALL 7u

/* The first check of `classes` the VMCS of `vcpu` (bound, so its VMCS is current) fails, in
 * words with its SDM section, e.g. "guest RFLAGS: bit 1 clear (SDM Vol. 3C 27.3.1.4)"; NULL when
 * all pass or the vCPU is not a bound VMX vCPU. Uses the capability MSRs stored at enable, reads
 * the VMCS with VMREAD and the VMCS link pointer's region through the HAL. */
XVCPU_DEF const char *xvcpu_vmx_entry_check(const xvcpu_vcpu *vcpu, uint32_t classes);

/* The first APM Vol. 2 15.5.1 VMRUN consistency check `vmcb` fails ("ASID is equal to zero
 * (APM Vol. 2 15.5.1)"), NULL when all pass. `caps` are the CPU's (xvcpu_percpu.caps.svm). */
XVCPU_DEF const char *xvcpu_svm_vmrun_check(const xvcpu_vmcb *vmcb, const xvcpu_svm_caps *caps);

/* Print every VMCS field (VMX) or VMCB member (SVM) of a bound vCPU, one "NAME 0x..." line per
 * call of `print` (fields this CPU does not have are left out). XVCPU_ERR_BAD_STATE when the
 * vCPU is not bound or belongs to the other backend. */
typedef void (*xvcpu_print_fn)(void *ctx, const char *line);
XVCPU_DEF xvcpu_err xvcpu_vmx_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx);
XVCPU_DEF xvcpu_err xvcpu_svm_dump(xvcpu_vcpu *vcpu, xvcpu_print_fn print, void *ctx);
