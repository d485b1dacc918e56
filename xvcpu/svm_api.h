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
