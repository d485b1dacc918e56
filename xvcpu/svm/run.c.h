/* The SVM run loop: inject, enter, read EXITCODE, handle what the library owns, repeat until an
 * exit needs the VMM. Event injection (AMD APM Vol. 2 15.20 "Event Injection", 15.21 "Interrupt
 * and LINT Virtualization") with VMX's priorities: an event the last exit interrupted, an
 * exception, an NMI, the highest external interrupt; a V_IRQ window when the guest cannot take
 * the interrupt yet. */

/* EVENTINJ types (APM Vol. 2 15.20). */
static uint64_t xvcpu__svm_event(uint32_t vector, uint32_t type, bool has_error, uint32_t error)
{
    return (uint64_t)vector | ((uint64_t)type << XVCPU_EVENTINJ_TYPE_SHIFT) |
           (has_error ? XVCPU_EVENTINJ_EV | ((uint64_t)error << XVCPU_EVENTINJ_ERRORCODE_SHIFT) : 0) | XVCPU_EVENTINJ_V;
}

/* Ask for a VINTR exit as soon as the guest can take an interrupt: a virtual interrupt that
 * ignores V_TPR, whose delivery the VINTR intercept turns into an exit (APM Vol. 2 15.21.4). */
static void xvcpu__svm_interrupt_window(xvcpu_svm_vcpu *svm)
{
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    uint64_t v = c->v_intr | XVCPU_VMCB_V_INTR_V_IRQ | XVCPU_VMCB_V_INTR_V_IGN_TPR | XVCPU_VMCB_V_INTR_V_INTR_PRIO_MASK;
    if (v != c->v_intr) {
        c->v_intr = v;
        svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
    }
    xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_VINTR, true);
}

/* Write the event for this entry, in priority order. */
static void xvcpu__svm_choose_event(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    int vector;

    if (svm->event_reinjected)
        return; /* the interrupted event goes first; the rest follows it */
    if (vcpu->events.exception_pending) {
        uint32_t type = vcpu->events.exception_type;
        uint8_t v = vcpu->events.exception_vector;
        vcpu->events.exception_pending = false;
        if (type == XVCPU__EVENT_HARDWARE_EXCEPTION) {
            /* In real mode no error code is pushed. */
            bool err = vcpu->events.exception_has_error && (vmcb->save.cr0 & XVCPU_CR0_PE);
            vmcb->control.event_inj = xvcpu__svm_event(v, XVCPU_EVENTINJ_TYPE_EXCEPTION, err,
                                                       vcpu->events.exception_error);
            if (v == 14) { /* VMRUN loads CR2 from the VMCB (and the register: see the run loop) */
                vmcb->save.cr2 = vcpu->events.page_fault_cr2;
                XVCPU_WRITE_CR2(vmcb->save.cr2);
                svm->dirty |= XVCPU_VMCB_CLEAN_BITS_CR2;
            } else if (v == 8) {
                xvcpu__svm_df_watch(svm, true);
            }
            /* an interrupt waiting behind the exception comes as soon as the guest can take it
             * (after a #DB trap: once its handler returns), not at some later exit */
            if (xvcpu__highest_irr(vcpu) >= 0)
                xvcpu__svm_interrupt_window(svm);
            return;
        }
        /* Software events push the address after the instruction. SVM injection has no length:
         * RIP moves past it first. INT n, INT3 and INTO go as type 4, which checks the gate's
         * DPL as the instructions do; INT1 as exception 1 (no DPL check, as for ICEBP). */
        svm->soft_rip = vmcb->save.rip;
        xvcpu__svm_move_rip(vmcb, vcpu->events.exception_insn_len); /* no single-step trap: the event clears TF */
        vmcb->control.next_rip = vmcb->save.rip;
        vmcb->control.event_inj = xvcpu__svm_event(v, type == XVCPU__EVENT_PRIVILEGED_SOFTWARE
                                                          ? XVCPU_EVENTINJ_TYPE_EXCEPTION
                                                          : XVCPU_EVENTINJ_TYPE_SOFTWARE_INT,
                                                   false, 0);
        svm->injected = XVCPU__SVM_INJECTED_SOFT;
        svm->soft_event = vmcb->control.event_inj;
        return;
    }
    vector = xvcpu__highest_irr(vcpu);
    if (vcpu->events.nmi_pending) {
        if (svm->nmi_blocked) {
            /* A delivered NMI blocks NMIs until the handler's IRET completes: intercept the IRET,
             * then take any later exit at another RIP as its completion (xvcpu__svm_reinject).
             * Without vNMI there is no NMI window: the NMI may wait for that exit. */
            if (!svm->awaiting_iret)
                xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, true);
            return;
        }
        vcpu->events.nmi_pending = false;
        vmcb->control.event_inj = xvcpu__svm_event(2, XVCPU_EVENTINJ_TYPE_NMI, false, 0);
        svm->injected = XVCPU__SVM_INJECTED_NMI;
        return;
    }
    if (vector < 0)
        return;
    if ((vmcb->save.rflags & XVCPU_RFLAGS_IF) == 0 ||
        (vmcb->control.interrupt_shadow & XVCPU_VMCB_INTERRUPT_SHADOW_INTERRUPT_SHADOW) != 0) {
        xvcpu__svm_interrupt_window(svm);
        return;
    }
    xvcpu__irr_clear(vcpu, vector);
    vmcb->control.event_inj = xvcpu__svm_event((uint32_t)vector, XVCPU_EVENTINJ_TYPE_INTR, false, 0);
}

/* Choose the event for this entry. Interrupts still waiting behind the one it delivers get the
 * window now, so they follow as soon as the guest can take them (after the delivered event),
 * not at some unrelated later exit. */
static void xvcpu__svm_inject(xvcpu_vcpu *vcpu)
{
    xvcpu__svm_choose_event(vcpu);
    if ((vcpu->arch.svm.vmcb->control.event_inj & XVCPU_EVENTINJ_V) && xvcpu__highest_irr(vcpu) >= 0)
        xvcpu__svm_interrupt_window(&vcpu->arch.svm);
}

/* After an exit: an event whose delivery the exit cut short is in EXITINTINFO (APM Vol. 2
 * 15.7.2); deliver it again on the next entry. A software interrupt or INT3/INTO the guest
 * executed itself is not re-injected: RIP still points at the instruction, which runs again. */
static void xvcpu__svm_reinject(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb_control *c = &svm->vmcb->control;
    uint64_t info = c->exit_int_info;
    uint8_t injected = svm->injected;
    bool injected_soft = injected == XVCPU__SVM_INJECTED_SOFT, injected_nmi = injected == XVCPU__SVM_INJECTED_NMI;
    uint32_t type, vector;

    /* the common exit: nothing was injected, nothing cut short, no IRET awaited */
    if (!((info | c->event_inj) & XVCPU_EVENTINJ_V) && !(injected | svm->awaiting_iret))
        return;
    svm->injected = XVCPU__SVM_INJECTED_NONE;
    c->event_inj = 0;
    if (svm->awaiting_iret && c->exit_code != XVCPU_SVM_EXIT_IRET && svm->vmcb->save.rip != svm->iret_rip) {
        svm->awaiting_iret = false; /* the IRET completed */
        svm->nmi_blocked = false;
    }
    if ((info & XVCPU_EVENTINJ_V) == 0) {
        if (injected_nmi) {
            /* Delivered: NMIs are blocked until the handler's IRET, which must be seen even when
             * no second NMI is queued yet, or a later NMI would wait for an IRET that never comes
             * (SDM Vol. 3A 6.7.1; APM Vol. 2 15.20 has no NMI window without vNMI). */
            svm->nmi_blocked = true;
            xvcpu__svm_set_intercept(svm, (uint32_t)XVCPU_SVM_INTERCEPT_MISC1_IRET, true);
        }
        return;
    }
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, info);
    vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_VECTOR, info);
    if (type == XVCPU_EVENTINJ_TYPE_INTR && vector < 32) {
        /* Malformed: no external interrupt below 32 comes from the library (it injects 32-255)
         * or a guest's APIC. Bochs 2.7 reports a software INT or ICEBP cut short by an NPF so
         * (vector 0). Never re-inject it: the guest's own instruction is still at RIP and runs
         * again; the library's own software event goes again as it was written. */
        if (!injected_soft)
            return;
        info = svm->soft_event;
        type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, info);
    }
    if (!injected_soft && (type == XVCPU_EVENTINJ_TYPE_SOFTWARE_INT ||
                           (type == XVCPU_EVENTINJ_TYPE_EXCEPTION && (vector == 3 || vector == 4))))
        return;
    c->event_inj = info & (XVCPU_EVENTINJ_VECTOR_MASK | XVCPU_EVENTINJ_TYPE_MASK | XVCPU_EVENTINJ_EV |
                           XVCPU_EVENTINJ_V | XVCPU_EVENTINJ_ERRORCODE_MASK);
    svm->event_reinjected = true;
    svm->injected = injected_soft                      ? XVCPU__SVM_INJECTED_SOFT
                    : type == XVCPU_EVENTINJ_TYPE_NMI ? XVCPU__SVM_INJECTED_NMI
                                                      : XVCPU__SVM_INJECTED_NONE;
}

/* The event the last exit cut short, taken back from the next entry (backend hook
 * take_interrupted_event). The library moved RIP past the instruction of its own software event
 * before injecting it (SVM injection has no length): move it back. */
static bool xvcpu__svm_take_interrupted_event(xvcpu_vcpu *vcpu, uint32_t *vector, uint32_t *type)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    uint64_t e = vmcb->control.event_inj;
    if (!svm->event_reinjected || (e & XVCPU_EVENTINJ_V) == 0)
        return false;
    if (svm->injected == XVCPU__SVM_INJECTED_SOFT)
        vmcb->save.rip = svm->soft_rip;
    vmcb->control.event_inj = 0;
    svm->event_reinjected = false;
    svm->injected = XVCPU__SVM_INJECTED_NONE;
    *vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_VECTOR, e);
    *type = (uint32_t)XVCPU_FIELD_GET(XVCPU_EVENTINJ_TYPE, e); /* 0, 2, 3, 4 as VMX numbers them */
    return true;
}

/* Before an entry where the library changed the VMCB or injects an event. The state VMRUN
 * checks, for explaining a failure (Bochs overwrites the VMCB's copy when VMRUN fails): copied
 * only when the library changed it since the last exit (the clean bits say so, and every write
 * to these fields must clear them anyway) or an event waits in EVENTINJ. What only the guest
 * changed, the CPU accepted; it is still in the VMCB. Clean bits only where the CPU honours
 * them; what changed is reloaded (APM Vol. 2 15.15). */
static void xvcpu__svm_prepare_vmcb(xvcpu_svm_vcpu *svm)
{
    xvcpu_vmcb *vmcb = svm->vmcb;
    uint32_t dirty = svm->dirty;
    svm->at_vmrun_taken = (dirty & XVCPU__SVM_CHECKED_STATE) != 0 || (vmcb->control.event_inj & XVCPU_EVENTINJ_V) != 0;
    if (svm->at_vmrun_taken)
        xvcpu__svm_vmrun_snapshot(vmcb, &svm->at_vmrun);
    vmcb->control.vmcb_clean = svm->caps.vmcb_clean ? XVCPU__SVM_CLEAN_ALL & ~dirty : 0;
    svm->dirty = (dirty & XVCPU__SVM_CLEAN_ALL) != 0 ? XVCPU__SVM_DIRTY_CLEAN_FIELD : 0;
}

/* Before entry: apply the VMM's completion, flush stage-2 changes, inject. */
static void xvcpu__svm_prepare(xvcpu_vcpu *vcpu)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    if (vcpu->entry_work) {
        if (vcpu->rip_advance != 0) {
            xvcpu__svm_advance(vcpu, vcpu->rip_advance);
            vcpu->rip_advance = 0;
        }
        if (vcpu->iteration_done) {
            xvcpu__svm_debug_trap(vcpu);
            vcpu->iteration_done = false;
        }
        if (vcpu->rsp_dirty) {
            vmcb->save.rsp = vcpu->gpr[XVCPU_REG_RSP];
            vcpu->rsp_dirty = false;
        }
        /* CR8 is V_TPR (APM Vol. 2 15.21.2); the VMM's local APIC may have moved it since the
         * exit (xvcpu_lapic_sync_cr8, which sets entry_work then): a write only on a change */
        if (XVCPU_FIELD_GET(XVCPU_VMCB_V_INTR_V_TPR, vmcb->control.v_intr) != (vcpu->x86.tpr & 0xF)) {
            vmcb->control.v_intr = XVCPU_FIELD_SET(XVCPU_VMCB_V_INTR_V_TPR, vmcb->control.v_intr, vcpu->x86.tpr & 0xF);
            svm->dirty |= XVCPU_VMCB_CLEAN_BITS_TPR;
        }
        if (xvcpu__events_pending(vcpu))
            xvcpu__svm_inject(vcpu);
        /* an event that must wait for a window keeps the work for the next entry */
        vcpu->entry_work = xvcpu__events_pending(vcpu);
    }
    XVCPU_ASSERT(vcpu->entry_work || (vcpu->rip_advance == 0 && !vcpu->iteration_done && !vcpu->rsp_dirty && !xvcpu__events_pending(vcpu)));
    if (XVCPU__UNLIKELY(svm->stage2->generation != svm->stage2_generation)) {
        /* mappings were removed or lost permissions: drop this ASID's cached translations */
        vmcb->control.tlb_control = (uint8_t)(svm->caps.flush_by_asid ? XVCPU_SVM_TLB_CONTROL_FLUSH_GUEST
                                                                      : XVCPU_SVM_TLB_CONTROL_FLUSH_ALL);
        svm->stage2_generation = svm->stage2->generation;
    }
    if (vcpu->cpu->caps.svm.flush_all_pending) /* a new generation of ASIDs on this CPU */
        vmcb->control.tlb_control = XVCPU_SVM_TLB_CONTROL_FLUSH_ALL;
    vmcb->save.rax = vcpu->gpr[XVCPU_REG_RAX];
    svm->at_vmrun_taken = false;
    if (svm->dirty != 0 || (vmcb->control.event_inj & XVCPU_EVENTINJ_V) != 0)
        xvcpu__svm_prepare_vmcb(svm);
}

/* VMRUN refused the guest state: EXITCODE VMEXIT_INVALID (-1) or another negative code. Some CPU
 * models store -1 as 0x00000000FFFFFFFF, so the low 32 bits decide (APM Vol. 2 15.5.1). */
static bool xvcpu__svm_failed_code(uint64_t *code)
{
    uint32_t low = (uint32_t)*code;
    if (low < 0xFFFFFFFCu)
        return false;
    *code = (uint64_t)(int64_t)(int32_t)low;
    return true;
}

static void xvcpu__svm_fail_entry(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t code)
{
    exit->kind = XVCPU_EXIT_FAIL_ENTRY;
    exit->u.fail_entry.hw_reason = code;
    exit->u.fail_entry.qualification = vcpu->arch.svm.vmcb->control.exit_info1;
    exit->u.fail_entry.reason_name = xvcpu_svm_exit_name(code);
    exit->u.fail_entry.error_text = code == XVCPU_SVM_EXIT_INVALID
                                        ? "VMRUN found the guest state invalid (APM Vol. 2 15.5.1)"
                                        : NULL;
    exit->u.fail_entry.check = NULL;
    if (code == XVCPU_SVM_EXIT_INVALID) {
        if (!vcpu->arch.svm.at_vmrun_taken) /* unchanged since the last exit: the VMCB has it */
            xvcpu__svm_vmrun_snapshot(vcpu->arch.svm.vmcb, &vcpu->arch.svm.at_vmrun);
        exit->u.fail_entry.check =
            xvcpu__svm_vmrun_check(&vcpu->arch.svm.at_vmrun, &vcpu->arch.svm.vmcb->control, &vcpu->arch.svm.caps);
        if (exit->u.fail_entry.check == NULL)
            exit->u.fail_entry.check = "no check xvcpu models fails (the CPU checks more than xvcpu knows)";
    }
    xvcpu__fail_entry_report(vcpu, exit);
}

static xvcpu_err xvcpu__svm_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_svm_vcpu *svm = &vcpu->arch.svm;
    xvcpu_vmcb *vmcb = svm->vmcb;
    uint64_t host_area = vcpu->cpu->region_phys + 4096;
    bool xcr0_switch;
    /* GIF clear from before the guest's VMLOAD state is in until the host's is back; XCR0 is
     * the guest's only in between (when it differs from the host's, read at bind). GIF stays
     * clear across the exits the library handles itself, so that a host interrupt arriving
     * meanwhile stays pending and ends the next VMRUN as an INTR exit for the VMM: with GIF
     * set the host would take it here, and a guest looping on CPUID would keep the CPU from
     * the VMM for good (APM Vol. 2 15.17, 15.21.1). Every return sets it again. */
    XVCPU_CLGI();
    /* VMRUN loads CR2 from the VMCB (APM Vol. 2 15.5.1), but Bochs 2.7 does not: keep the
     * register equal to it too. Host code may have changed it since the last run; in the loop
     * below nothing does (GIF is clear) but the library's own #PF injection, which writes both. */
    if (XVCPU_READ_CR2() != vmcb->save.cr2)
        XVCPU_WRITE_CR2(vmcb->save.cr2);
    for (;;) {
        uint64_t code;
        int slot, r;
        if (vcpu->entry_work && vcpu->events.shutdown) { /* a fault while delivering #DF (APM Vol. 2 8.2.9) */
            XVCPU_STGI();
            vcpu->events.shutdown = false;
            exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
            exit->raw_reason = XVCPU_SVM_EXIT_SHUTDOWN;
            exit->raw_reason_name = xvcpu_svm_exit_name(XVCPU_SVM_EXIT_SHUTDOWN);
            return XVCPU_OK;
        }
        xvcpu__svm_prepare(vcpu);
        xcr0_switch = vcpu->x86.xcr0_switch;
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.xcr0);
        (void)XVCPU_SVM_ENTER(vcpu, host_area);
        if (xcr0_switch)
            XVCPU_XSETBV(0, vcpu->x86.host_xcr0);
        vcpu->gpr[XVCPU_REG_RAX] = vmcb->save.rax;
        vcpu->x86.tpr = XVCPU_FIELD_GET(XVCPU_VMCB_V_INTR_V_TPR, vmcb->control.v_intr) & 0xF; /* CR8 */
        code = vmcb->control.exit_code;
        if (xvcpu__svm_failed_code(&code)) {
            XVCPU_STGI();
            /* nothing ran: the TLB flush and the event in EVENTINJ still wait for the next VMRUN
             * (nothing else is injected before that event) */
            xvcpu__svm_fail_entry(vcpu, exit, code);
            if (svm->at_vmrun_taken)
                vmcb->control.event_inj = svm->at_vmrun.event_inj; /* Bochs 2.7 clears its V bit */
            svm->event_reinjected = (vmcb->control.event_inj & XVCPU_EVENTINJ_V) != 0;
            svm->dirty = XVCPU__SVM_CLEAN_ALL;
            return XVCPU_OK;
        }
        if (XVCPU__UNLIKELY(vmcb->control.tlb_control != XVCPU_SVM_TLB_CONTROL_DO_NOTHING)) {
            if (vmcb->control.tlb_control == XVCPU_SVM_TLB_CONTROL_FLUSH_ALL)
                vcpu->cpu->caps.svm.flush_all_pending = false;
            vmcb->control.tlb_control = XVCPU_SVM_TLB_CONTROL_DO_NOTHING;
        }
        svm->event_reinjected = false;
        xvcpu__svm_reinject(vcpu);
        if (svm->df_watch && !xvcpu__svm_delivering_df(vmcb))
            xvcpu__svm_df_watch(svm, false); /* delivered (or superseded) */
        slot = xvcpu__exit_stat_slot(code);
        if (slot >= 0)
            vcpu->exit_stats[slot]++;
        r = xvcpu__svm_handle(vcpu, code, exit);
        if (r == XVCPU__RESUME)
            continue;
        XVCPU_STGI();
        if (r < 0)
            return (xvcpu_err)-r; /* the text is in vcpu->error */
        exit->raw_reason = code;
        exit->raw_reason_name = xvcpu_svm_exit_name(code);
        exit->raw_qualification = vmcb->control.exit_info1;
        if (exit->raw_info2 == 0)
            exit->raw_info2 = vmcb->control.exit_info2;
        return XVCPU_OK;
    }
}

static xvcpu_err xvcpu__svm_get_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t *value)
{
    const xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    if (vcpu->cpu == NULL) /* as VMX, whose VMCS is reachable only while bound */
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_get_reg: vCPU %u is not bound", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RSP: *value = s->rsp; break;
    case XVCPU_REG_RIP: *value = s->rip + vcpu->rip_advance; break;
    case XVCPU_REG_RFLAGS: *value = s->rflags; break;
    case XVCPU_REG_CR0: *value = s->cr0; break;
    case XVCPU_REG_CR2: *value = s->cr2; break;
    case XVCPU_REG_CR3: *value = s->cr3; break;
    case XVCPU_REG_CR4: *value = s->cr4; break;
    case XVCPU_REG_EFER: *value = s->efer & ~XVCPU_IA32_EFER_SVME; break;
    default: return XVCPU_ERR_INVALID_ARG;
    }
    return XVCPU_OK;
}

static xvcpu_err xvcpu__svm_set_reg(xvcpu_vcpu *vcpu, xvcpu_reg reg, uint64_t value)
{
    xvcpu_vmcb_save *s = &vcpu->arch.svm.vmcb->save;
    if (vcpu->cpu == NULL)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_set_reg: vCPU %u is not bound", vcpu->id);
    switch (reg) {
    case XVCPU_REG_RIP: s->rip = value; vcpu->rip_advance = 0; break;
    case XVCPU_REG_RFLAGS: s->rflags = value | XVCPU_RFLAGS_FIXED1; break;
    default:
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                           "xvcpu_vcpu_set_reg: vCPU %u: register %u is changed by the guest only", vcpu->id,
                           (unsigned)reg);
    }
    return XVCPU_OK;
}

static const xvcpu_backend xvcpu__svm_backend_ops = {
    "svm",
    xvcpu__svm_percpu_enable,
    xvcpu__svm_percpu_disable,
    xvcpu__svm_vcpu_create,
    xvcpu__svm_vcpu_setup,
    xvcpu__svm_vcpu_bind,
    xvcpu__svm_vcpu_unbind,
    xvcpu__svm_vcpu_run,
    xvcpu__svm_vcpu_destroy,
    xvcpu__svm_get_reg,
    xvcpu__svm_set_reg,
    NULL, /* arch_complete: the x86 rules */
    NULL, /* view_changed: every CR4 write exits and the rules read the view */
    xvcpu__svm_take_interrupted_event,
};

XVCPU_DEF const xvcpu_backend *xvcpu_svm_backend(void)
{
    return &xvcpu__svm_backend_ops;
}

/* Nested page tables: long-mode tables, 2-MiB pages always, 1-GiB pages where CPUID says so;
 * the CPU sets their accessed/dirty flags itself (APM Vol. 2 15.25.5). */
static xvcpu_err xvcpu__svm_stage2_init_for_cpu(struct xvcpu_stage2 *s2, const xvcpu_percpu *cpu)
{
    const xvcpu_svm_caps *caps = &cpu->caps.svm;
    if (!caps->npt || !caps->nx) /* without EFER.NXE, XD in a nested entry is reserved */
        return XVCPU_ERR_UNSUPPORTED;
    return xvcpu_stage2_init(s2, cpu->hal, XVCPU_STAGE2_NPT,
                             XVCPU_PAGE_4K | XVCPU_PAGE_2M | (caps->page_1g ? XVCPU_PAGE_1G : 0u), false);
}
