/* The AArch64 EL2 backend (chosen by xvcpu_percpu_enable() on aarch64; the host runs at EL2 with
 * HCR_EL2.E2H = 0). Stage 2 is xvcpu_stage2 in the XVCPU_STAGE2_ARM64 format
 * (xvcpu_arm64_stage2_init() sizes it for the CPU); a vCPU starts with XVCPU_START_AARCH64.
 * Host contract: VBAR_EL2 and TPIDR_EL2 are the library's only inside its entry trampoline (while
 * the guest runs and the library answers exits at EL2); every host code, the HAL's callbacks
 * included, runs with the host's own; it masks DAIF, and a run that entered the guest returns with
 * DAIF still masked (as the exception from the guest left it). Between bind and
 * unbind the EL1 registers and FP/SIMD V0-V31 are the guest's (a host built with
 * -mgeneral-regs-only does not notice); HCR_EL2.E2H must be 0.
 * An exception at EL2 inside the trampoline (a library bug, or a bad pointer it followed; never
 * one the guest can cause) makes xvcpu_vcpu_run() return XVCPU_ERR_INTERNAL with a text naming the
 * vector, EC, ESR, FAR, ELR and SPSR; the vCPU then runs no more (unbind and destroy it).
 *
 * What the exits mean on arm64:
 *   HYPERCALL     HVC #imm that is not PSCI: nr = X0, args = X1-X6; complete_hypercall sets X0.
 *                 raw_qualification is ESR_EL2 (imm16 in its low bits).
 *   MMIO_READ/WRITE  a data abort in an MMIO region (xvcpu_vcpu_add_mmio_region; a device's region,
 *                 xvcpu_arm64_add_mmio_device, exits only when its device says so): reg is the
 *                 register number Xn (31 = XZR: a read into it is discarded, a write stores 0),
 *                 reg_width 4 or 8 (W or X), signed_ext; with ISV = 0 the library decodes the
 *                 load/store itself (LDR/STR/LDP/STP and friends, see docs/ARM64.md); each access
 *                 of a pair is its own exit. Completion advances PC by 4.
 *   MMIO_UNSUPPORTED  an access the library cannot do (SIMD registers, exclusives, atomics, FAR not
 *                 valid ...): bytes hold the instruction word (fetched = 4) when it could be read.
 *   NESTED_PAGE_FAULT  a stage-2 fault outside MMIO regions; with S1PTW it is the guest's own table
 *                 walk that faulted (addr is that table's IPA, access READ), never the instruction.
 *   SYSREG_READ/WRITE  a trapped MRS/MSR: addr is XVCPU_SYSREG_ENC(op0, op1, CRn, CRm, op2), reg Xt.
 *                 ID registers (TID3) and the MMU registers HCR_EL2.TVM traps never exit.
 *   SEND_IPI      an ICC_SGI1R_EL1 write: target_cpu = affinity Aff3.Aff2.Aff1 (MPIDR layout, Aff0 0),
 *                 target_cpu_aux = the 16-bit target list shifted by RS*16, vector = INTID,
 *                 send_to_all = IRM.
 *   HALT          WFI (PC moves past it when the exit is completed).
 *   CPU_UP        PSCI CPU_ON: target_cpu = MPIDR, entry_point, arg = context id; X0 is already
 *                 SUCCESS (set another PSCI result with xvcpu_arm64_set_reg before completing).
 *   CPU_DOWN      PSCI CPU_OFF.   SYSTEM_DOWN: PSCI SYSTEM_OFF or SYSTEM_RESET (raw_qualification
 *                 is the function id); the vCPU runs no more. PSCI through SMC is handled the same
 *                 way and never reaches the firmware.
 *   EXTERNAL_INTERRUPT  a physical IRQ/FIQ arrived while the guest ran (vector 0 IRQ, 1 FIQ); it stays
 *                 pending at the interrupt controller for the host.
 *   UNHANDLED     any other exception class: the guest already received an undefined-instruction
 *                 exception at EL1; raw_reason is the EC (named by raw_reason_name).
 * xvcpu_complete_fault(vcpu, ec, iss) injects a synchronous exception of class `ec` with syndrome
 * `iss` at the instruction instead (e.g. XVCPU_ARM64_EC_DABT_CUR with an external-abort DFSC).
 * raw_reason is the EC (or XVCPU_ARM64_REASON_*), raw_qualification ESR_EL2, raw_info2 the IPA. */
XVCPU_DEF const xvcpu_backend *xvcpu_arm64_backend(void);

/* Register numbers for xvcpu_arm64_get_reg/set_reg: X0-X30 are 0-30. */
enum {
    XVCPU_ARM64_X0 = 0, XVCPU_ARM64_X30 = 30,
    XVCPU_ARM64_PC = 32,      /* ELR_EL2: the next instruction the guest runs */
    XVCPU_ARM64_PSTATE,       /* SPSR_EL2 */
    XVCPU_ARM64_SP_EL0, XVCPU_ARM64_SP_EL1, XVCPU_ARM64_ELR_EL1, XVCPU_ARM64_SPSR_EL1,
    XVCPU_ARM64_ESR_EL1, XVCPU_ARM64_FAR_EL1, XVCPU_ARM64_VBAR_EL1, XVCPU_ARM64_SCTLR_EL1,
    XVCPU_ARM64_TCR_EL1, XVCPU_ARM64_TTBR0_EL1, XVCPU_ARM64_MAIR_EL1
};
/* Any time after create; not while Running. */
XVCPU_DEF xvcpu_err xvcpu_arm64_get_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t *value);
XVCPU_DEF xvcpu_err xvcpu_arm64_set_reg(xvcpu_vcpu *vcpu, unsigned reg, uint64_t value);

/* The virtual interrupt lines (HCR_EL2.VI / VF; no virtual GIC): level-triggered, they stay
 * asserted until the VMM lowers them. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_irq_line(xvcpu_vcpu *vcpu, bool asserted);
XVCPU_DEF xvcpu_err xvcpu_arm64_set_fiq_line(xvcpu_vcpu *vcpu, bool asserted);
/* Deliver a synchronous exception to the guest's EL1 at its current PC before it runs again:
 * ESR_EL1 = esr, FAR_EL1 = far, ELR_EL1/SPSR_EL1 = PC/PSTATE, PC = VBAR_EL1 + the vector for the
 * mode it was in, PSTATE = EL1h with D, A, I, F masked. XVCPU_ERR_BUSY while one is pending. */
XVCPU_DEF xvcpu_err xvcpu_arm64_inject_sync(xvcpu_vcpu *vcpu, uint32_t esr, uint64_t far);
XVCPU_DEF xvcpu_err xvcpu_arm64_inject_undef(xvcpu_vcpu *vcpu);
/* The ID registers the guest reads (HCR_EL2.TID3 traps them): `sysreg` one of op0 3, op1 0,
 * CRn 0, CRm 1-7 (XVCPU_SYSREG_ID_AA64PFR0_EL1 ...). Filled from this CPU at create. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_id_reg(xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t value);
XVCPU_DEF xvcpu_err xvcpu_arm64_get_id_reg(const xvcpu_vcpu *vcpu, uint32_t sysreg, uint64_t *value);
/* The guest's view of the timer, before bind: CNTVOFF_EL2, and whether EL1 may use the physical
 * counter and timer (CNTHCTL_EL2.EL1PCTEN/EL1PCEN; default: counter yes, timer no). */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_timer(xvcpu_vcpu *vcpu, uint64_t cntvoff, bool physical_counter,
                                          bool physical_timer);
/* The Performance Monitors, before bind. By default the guest has none: ID_AA64DFR0_EL1.PMUVer
 * and ID_DFR0_EL1.PerfMon read 0, MDCR_EL2.TPM/TPMCR trap every PMU register and the guest gets
 * an undefined-instruction exception for each access (no exit). share = true gives the guest the
 * host's PMU as it is (not switched: the counters below MDCR_EL2.HPMN are shared with the host;
 * the ID fields as this CPU reports them); share = false hides it again. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_pmu(xvcpu_vcpu *vcpu, bool share);
#ifdef XVCPU_ARM64_DEBUG_HOOKS
/* Tests only (defined XVCPU_ARM64_DEBUG_HOOKS): the next exit the library answers at EL2 (the lean
 * path, e.g. HVC PSCI_VERSION) first loads 8 bytes from host physical/virtual address `addr` there
 * (LDR X9, [X9]), as a library bug following a bad pointer would: with an address nothing answers
 * it is an exception at EL2, which xvcpu_vcpu_run() must report. Any time the vCPU is not Running. */
XVCPU_DEF xvcpu_err xvcpu_arm64_debug_fault_at_el2(xvcpu_vcpu *vcpu, uint64_t addr);
#endif
/* An MMIO region whose accesses `fn(device, vcpu, access, &value)` performs inside the library
 * (xvcpu_mmio_device_fn, api/vcpu.h), like an in-kernel device: the VMM gets no MMIO_READ /
 * MMIO_WRITE exit for it unless `fn` returns XVCPU_DEVICE_EXIT. Same rules for the range as
 * xvcpu_vcpu_add_mmio_region; xvcpu_vcpu_remove_mmio_region removes it.
 * An ISV = 1 access (the syndrome describes it: LDR/STR of a general register, what a compiler
 * emits for a volatile access) to the region the last MMIO access hit is served on the lean
 * exit path: `fn` runs at EL2 inside the trampoline (the guest's EL1 registers live, DAIF masked,
 * the host's stack and X18, the library's VBAR_EL2: a fault in it is reported like the library's
 * own, XVCPU_ERR_INTERNAL), and the guest resumes from the vectors. Every other access to the
 * region (ISV = 0 forms and pairs, another region than the last) runs `fn` in the run loop, the
 * same way. Either way the vCPU is Running while `fn` runs: it may call xvcpu_arm64_set_irq_line,
 * set_fiq_line, inject_sync/undef, set_id_reg and the stage-2 calls (each is honoured before the
 * guest runs again); the calls refused while Running stay refused. */
XVCPU_DEF xvcpu_err xvcpu_arm64_add_mmio_device(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size, xvcpu_mmio_device_fn fn,
                                                void *device);
/* What the guest reads as MPIDR_EL1 (default: Aff0 = vCPU id, bit 31 set). Before bind. */
XVCPU_DEF xvcpu_err xvcpu_arm64_set_mpidr(xvcpu_vcpu *vcpu, uint64_t mpidr);
/* Stage-2 tables sized for this CPU (4 KiB granule, start level 0, 2 MiB and 1 GiB blocks);
 * the backend programs VTCR_EL2 for the same IPA size (at most 48 bits). */
XVCPU_DEF xvcpu_err xvcpu_arm64_stage2_init(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu);
