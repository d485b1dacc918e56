/* The VMX run loop: enter, read the exit reason, handle what the library owns, repeat until an
 * exit needs the VMM. Only the fields an exit needs are read (see the XVCPU__VMX_* caches). */

/* Before entry: flush stage-2 changes; then, only when vcpu->entry_work says there is some,
 * apply the VMM's completion and inject. */
static int xvcpu__vmx_prepare(xvcpu_vcpu *vcpu, const char **what)
{
    static const char vmwrite[] = "xvcpu_vcpu_run: VMWRITE before the entry";
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st;
    /* Each step's bookkeeping changes only when its instruction worked: after a failure the run
     * is refused and the next one does the rest (nothing lost, nothing done twice). `what` is
     * set only on a failure: this runs before every entry. */
    if (XVCPU__UNLIKELY(vmx->stage2->generation != vmx->stage2_generation)) {
        /* mappings were removed or lost permissions: drop this EPTP's cached translations */
        bool single = (vmx->caps.ept_vpid & XVCPU_IA32_VMX_EPT_VPID_CAP_INVEPT_SINGLE_CONTEXT) != 0;
        if ((st = XVCPU_INVEPT(single ? XVCPU_INVEPT_TYPE_SINGLE_CONTEXT : XVCPU_INVEPT_TYPE_ALL_CONTEXT,
                               xvcpu_stage2_eptp(vmx->stage2))) != XVCPU_VMX_OK)
            return *what = "xvcpu_vcpu_run: INVEPT", st;
        vmx->stage2_generation = vmx->stage2->generation;
    }
    if (!vcpu->entry_work) {
        XVCPU_ASSERT(vcpu->rip_advance == 0 && !vcpu->iteration_done && !vcpu->rsp_dirty && !xvcpu__events_pending(vcpu));
        return XVCPU_VMX_OK;
    }
    if (vcpu->rip_advance != 0) {
        if ((st = xvcpu__vmx_advance(vcpu, vcpu->rip_advance)) != XVCPU_VMX_OK)
            return *what = vmwrite, st;
        vcpu->rip_advance = 0;
    }
    if (vcpu->iteration_done) {
        if ((st = xvcpu__vmx_debug_trap(vcpu)) != XVCPU_VMX_OK)
            return *what = vmwrite, st;
        vcpu->iteration_done = false;
    }
    if (vcpu->rsp_dirty) {
        if ((st = xvcpu_vmcs_write_guest_rsp(vcpu->gpr[XVCPU_REG_RSP])) != XVCPU_VMX_OK)
            return *what = vmwrite, st;
        vcpu->rsp_dirty = false;
    }
    if (xvcpu__events_pending(vcpu) && (st = xvcpu__vmx_inject(vcpu)) != XVCPU_VMX_OK)
        return *what = vmwrite, st;
    /* an event that must wait for a window keeps the work for the next entry */
    vcpu->entry_work = xvcpu__events_pending(vcpu);
    return XVCPU_VMX_OK;
}

/* Which check failed, from the class the CPU reported: VMfailValid 7 (controls), 8 (host state),
 * exit reason 33 (guest state). */
static const char *xvcpu__vmx_explain_entry(xvcpu_vcpu *vcpu, int vmfail, uint64_t error, uint32_t reason)
{
    uint32_t classes = 0;
    const char *check;
    if (vmfail == XVCPU_VMX_FAIL_VALID && error == XVCPU_VMX_ERR_ENTRY_INVALID_CONTROL_FIELDS)
        classes = XVCPU_VMX_CHECK_CONTROLS;
    else if (vmfail == XVCPU_VMX_FAIL_VALID && error == XVCPU_VMX_ERR_ENTRY_INVALID_HOST_STATE)
        classes = XVCPU_VMX_CHECK_HOST;
    else if (vmfail == XVCPU_VMX_OK && (reason & 0xFFFF) != XVCPU_VMX_EXIT_ENTRY_FAILURE_MSR_LOADING &&
             (reason & 0xFFFF) != XVCPU_VMX_EXIT_ENTRY_FAILURE_MACHINE_CHECK)
        classes = XVCPU_VMX_CHECK_GUEST;
    if (classes == 0)
        return NULL;
    check = xvcpu_vmx_entry_check(vcpu, classes);
    return check ? check : "no check xvcpu models fails (the CPU checks more than xvcpu knows)";
}

/* A failed entry (VMfail or exit reason bit 31) as a FAIL_ENTRY exit with the SDM's words. */
static void xvcpu__vmx_fail_entry(xvcpu_vcpu *vcpu, xvcpu_exit *exit, int vmfail, uint32_t reason)
{
    uint64_t error = 0;
    exit->kind = XVCPU_EXIT_FAIL_ENTRY;
    if (vmfail == XVCPU_VMX_FAIL_VALID)
        (void)XVCPU_VMREAD(XVCPU_VMCS_VM_INSTRUCTION_ERROR, &error);
    exit->u.fail_entry.vm_instruction_error = (uint32_t)error;
    exit->u.fail_entry.error_text = error ? xvcpu_vmx_error_text((uint32_t)error) : NULL;
    if (vmfail == XVCPU_VMX_OK) {
        exit->u.fail_entry.hw_reason = reason;
        exit->u.fail_entry.qualification = xvcpu_vmcs_read_exit_qualification();
        exit->u.fail_entry.reason_name = xvcpu_vmx_exit_reason_name(reason & 0xFFFF);
    } else {
        exit->u.fail_entry.reason_name = vmfail == XVCPU_VMX_FAIL_INVALID ? "VMfailInvalid" : "VMfailValid";
    }
    exit->u.fail_entry.check = xvcpu__vmx_explain_entry(vcpu, vmfail, error, reason);
    xvcpu__fail_entry_report(vcpu, exit);
    if (vmfail == XVCPU_VMX_FAIL_INVALID) /* the instruction and the SDM's error (Vol. 3C 31.4) */
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                          "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s: VMfailInvalid (no current VMCS)", vcpu->id,
                          vcpu->arch.vmx.launched ? "VMRESUME" : "VMLAUNCH");
    else if (vmfail == XVCPU_VMX_FAIL_VALID)
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                          "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s: VMfailValid: VM-instruction error %u: %s%s%s",
                          vcpu->id, vcpu->arch.vmx.launched ? "VMRESUME" : "VMLAUNCH", (unsigned)error,
                          exit->u.fail_entry.error_text ? exit->u.fail_entry.error_text : "(unknown error number)",
                          exit->u.fail_entry.check ? ": " : "", exit->u.fail_entry.check ? exit->u.fail_entry.check : "");
}

static xvcpu_err xvcpu__vmx_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    bool xcr0_switch;
    for (;;) {
        uint32_t reason;
        int st;
        if (vcpu->entry_work && vcpu->events.shutdown) { /* a fault while delivering #DF (SDM Vol. 3A 6.15, #DF) */
            vcpu->events.shutdown = false;
            exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
            exit->raw_reason = XVCPU_VMX_EXIT_TRIPLE_FAULT;
            exit->raw_reason_name = xvcpu_vmx_exit_reason_name(XVCPU_VMX_EXIT_TRIPLE_FAULT);
            return XVCPU_OK;
        }
        const char *what = NULL;
        st = xvcpu__vmx_prepare(vcpu, &what);
        if (st != XVCPU_VMX_OK)
            return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, what, st);
        /* XCR0 is the guest's only while it runs, and switched only when it differs from the
         * host's (read once at bind, not per entry). */
        xcr0_switch = vcpu->x86.xcr0_switch;
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.xcr0);
        if (XVCPU_READ_CR2() != vmx->cr2)
            XVCPU_WRITE_CR2(vmx->cr2);
        st = XVCPU_VMX_ENTER(vcpu);
        vmx->cr2 = XVCPU_READ_CR2();
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.host_xcr0);
        vmx->have = 0;
        vmx->event_reinjected = false;
        vmx->debug_trap = false;
        if (st != XVCPU_VMX_OK) {
            /* nothing ran: a launched VMCS stays launched, a fresh one stays fresh */
            xvcpu__vmx_fail_entry(vcpu, exit, st, 0);
            /* errors 4 and 5 say what the launch state is (SDM Vol. 3C 31.4): follow it */
            if (exit->u.fail_entry.vm_instruction_error == XVCPU_VMX_ERR_VMLAUNCH_NON_CLEAR_VMCS)
                vmx->launched = true;
            else if (exit->u.fail_entry.vm_instruction_error == XVCPU_VMX_ERR_VMRESUME_NON_LAUNCHED_VMCS)
                vmx->launched = false;
            return XVCPU_OK;
        }
        {
            uint64_t r = 0;
            if ((st = XVCPU_VMREAD(XVCPU_VMCS_EXIT_REASON, &r)) != XVCPU_VMX_OK) {
                /* the guest most likely ran (launching the VMCS) but its exit is unknown: refuse;
                 * the next run enters again and the guest repeats what caused the exit (a wrong
                 * guess of the launch state is corrected by the VMfailValid it causes) */
                vmx->launched = true;
                return xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_run: VMREAD of the exit reason", st);
            }
            reason = (uint32_t)r;
        }
        if (reason & XVCPU_EXIT_REASON_ENTRY_FAILURE) {
            /* a failed entry leaves the launch state as it was (SDM Vol. 3C 27.8): a VMCS whose
             * VMLAUNCH failed is still entered with VMLAUNCH next time */
            xvcpu__vmx_fail_entry(vcpu, exit, XVCPU_VMX_OK, reason);
            return XVCPU_OK;
        }
        vmx->launched = true;
        reason &= 0xFFFF;
        vcpu->exit_stats[reason & 127]++;
        if (xvcpu__vmx_handle(vcpu, reason, exit) == XVCPU__RESUME)
            continue;
        exit->raw_reason = reason;
        exit->raw_reason_name = xvcpu_vmx_exit_reason_name(reason);
        if (vmx->have & XVCPU__VMX_HAVE_QUAL)
            exit->raw_qualification = vmx->qual;
        return XVCPU_OK;
    }
}

static xvcpu_err xvcpu__vmx_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    if (vcpu->cpu == NULL) /* the VMCS is only reachable while bound */
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_get_reg: vCPU %u is not bound; its VMCS is not loaded", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RSP: *value = xvcpu_vmcs_read_guest_rsp(); break;
    case XVCPU_REG_RIP: *value = xvcpu_vmcs_read_guest_rip() + vcpu->rip_advance; break;
    case XVCPU_REG_RFLAGS: *value = XVCPU__VMX_RFLAGS(vmx); break; /* (set_reg resets the cache) */
    case XVCPU_REG_CR0: *value = (xvcpu_vmcs_read_guest_cr0() & ~vmx->cr0_mask) | (vmx->cr0 & vmx->cr0_mask); break;
    case XVCPU_REG_CR2: *value = vmx->cr2; break;
    case XVCPU_REG_CR3: *value = xvcpu_vmcs_read_guest_cr3(); break;
    case XVCPU_REG_CR4: *value = (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask); break;
    case XVCPU_REG_EFER: *value = vmx->efer; break;
    default: return XVCPU_ERR_INVALID_ARG;
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__vmx_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    int st;
    if (vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is not bound; its VMCS is not loaded", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RIP: st = xvcpu_vmcs_write_guest_rip(value); vcpu->rip_advance = 0; break;
    case XVCPU_REG_RFLAGS: st = xvcpu_vmcs_write_guest_rflags(value | XVCPU_RFLAGS_FIXED1); break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is changed by the guest only", vcpu->id,
                           (unsigned)reg);
    }
    vcpu->arch.vmx.have = 0;
    return st == XVCPU_VMX_OK ? XVCPU_OK : xvcpu__vmx_insn_fail(vcpu->hal, vcpu->error, "xvcpu_vcpu_set_reg", st);
}

static const xvcpu_backend xvcpu__vmx_backend_ops = {
    "vmx",
    xvcpu__vmx_percpu_enable,
    xvcpu__vmx_percpu_disable,
    xvcpu__vmx_vcpu_create,
    xvcpu__vmx_vcpu_setup,
    xvcpu__vmx_vcpu_bind,
    xvcpu__vmx_vcpu_unbind,
    xvcpu__vmx_vcpu_run,
    xvcpu__vmx_vcpu_destroy,
    xvcpu__vmx_get_reg,
    xvcpu__vmx_set_reg,
    NULL, /* arch_complete: the x86 rules */
    xvcpu__vmx_view_changed,
    xvcpu__vmx_take_interrupted_event,
};

XVCPU_DEF const xvcpu_backend *xvcpu_vmx_backend(void)
{
    return &xvcpu__vmx_backend_ops;
}

static xvcpu_err xvcpu__svm_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu); /* svm_run.c.h */

XVCPU_DEF xvcpu_err xvcpu_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    uint64_t cap;
    uint32_t sizes = XVCPU_PAGE_4K;
    xvcpu_err err;
    if (!xvcpu_percpu_is_enabled(cpu) || s2 == NULL)
        return XVCPU_ERR_INVALID_ARG;
    if (cpu->backend == xvcpu_svm_backend())
        return xvcpu__svm_stage2_init_for_cpu(s2, cpu);
    if (cpu->backend != &xvcpu__vmx_backend_ops)
        return XVCPU_ERR_UNSUPPORTED;
    cap = cpu->caps.vmx.ept_vpid;
    /* 4-level walks and write-back paging structures are what xvcpu builds (SDM Vol. 3D A.10) */
    if (!(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PAGE_WALK_4) || !(cap & XVCPU_IA32_VMX_EPT_VPID_CAP_MEMTYPE_WB))
        return XVCPU_ERR_UNSUPPORTED;
    if (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PDE_2MB)
        sizes |= XVCPU_PAGE_2M;
    if (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_PDPTE_1GB)
        sizes |= XVCPU_PAGE_1G;
    err = xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_EPT, sizes, (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_ACCESSED_DIRTY) != 0);
    if (err == XVCPU_OK)
        s2->execute_only = (cap & XVCPU_IA32_VMX_EPT_VPID_CAP_EXECUTE_ONLY) != 0;
    return err;
}

XVCPU_DEF uint32_t xvcpu_vcpu_exit_count(const xvcpu_vcpu *vcpu, uint32_t raw_reason)
{
    int slot = xvcpu__exit_stat_slot(raw_reason);
    return vcpu != NULL && slot >= 0 ? vcpu->exit_stats[slot] : 0;
}
