/* Event injection (SDM Vol. 3C 27.6 "Event Injection"): one event per entry, chosen in priority
 * order — an event the last exit interrupted, an exception, an NMI, the highest external
 * interrupt — and a window exit requested when the guest cannot take it yet. */

XVCPU__HOT uint32_t xvcpu__vmx_cached32(uint32_t *have, uint32_t flag, uint32_t *slot, uint32_t enc)
{
    if (!(*have & flag)) {
        uint64_t v = 0;
        (void)XVCPU_VMREAD(enc, &v);
        *slot = (uint32_t)v;
        *have |= flag;
    }
    return *slot;
}

XVCPU__HOT uint64_t xvcpu__vmx_cached64(uint32_t *have, uint32_t flag, uint64_t *slot, uint32_t enc)
{
    if (!(*have & flag)) {
        (void)XVCPU_VMREAD(enc, slot);
        *have |= flag;
    }
    return *slot;
}

#define XVCPU__VMX_RIP(v) xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_RIP, &(v)->rip, XVCPU_VMCS_GUEST_RIP)
#define XVCPU__VMX_RFLAGS(v) \
    xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_RFLAGS, &(v)->rflags, XVCPU_VMCS_GUEST_RFLAGS)
#define XVCPU__VMX_QUAL(v) \
    xvcpu__vmx_cached64(&(v)->have, XVCPU__VMX_HAVE_QUAL, &(v)->qual, XVCPU_VMCS_EXIT_QUALIFICATION)
#define XVCPU__VMX_LEN(v) \
    xvcpu__vmx_cached32(&(v)->have, XVCPU__VMX_HAVE_LEN, &(v)->len, XVCPU_VMCS_EXIT_INSTRUCTION_LENGTH)
#define XVCPU__VMX_INTR_STATE(v) \
    xvcpu__vmx_cached32(&(v)->have, XVCPU__VMX_HAVE_INTR_STATE, &(v)->intr_state, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE)

#define XVCPU__BLOCKING_STI_MOVSS \
    (XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_STI | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_MOV_SS)

static uint64_t xvcpu__vmx_read_dr7(xvcpu_vcpu *vcpu)
{
    (void)vcpu;
    return xvcpu_vmcs_read_guest_dr7(); /* loaded and saved by the debug-controls entry/exit controls */
}

static uint64_t xvcpu__vmx_read_cr4(xvcpu_vcpu *vcpu)
{
    const xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    return (xvcpu_vmcs_read_guest_cr4() & ~vmx->cr4_mask) | (vmx->cr4 & vmx->cr4_mask);
}

/* The debug trap an emulated instruction owes (x86/rules.c.h) as pending debug exceptions: the
 * entry delivers it as a trap on the previous instruction, setting DR6 as the CPU would, before
 * any NMI or interrupt (SDM Vol. 3C 27.7.3). RFLAGS is one VMREAD (the VMCS is the only place TF
 * is found); the field is read and written only when there is a trap. Idempotent: the bits are
 * ORed in, and the access is forgotten only once they are written. */
static int xvcpu__vmx_debug_trap_owed(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    unsigned hits = xvcpu__x86_access_breakpoints(vcpu, xvcpu__vmx_read_dr7, xvcpu__vmx_read_cr4);
    uint64_t trap = xvcpu__x86_debug_trap(XVCPU__VMX_RFLAGS(vmx), hits);
    int st;
    if (trap == 0) {
        vcpu->x86.access.len = 0;
        return XVCPU_VMX_OK;
    }
    /* DR6's BS and B0-B3 are the pending-debug-exceptions bits at the same places, plus "an
     * enabled breakpoint" for B0-B3 (SDM Vol. 3C Table 25-4); a MOV SS before the instruction may
     * have left BS pending already (its trap was held for one instruction): one #DB for both */
    if (hits != 0)
        trap |= XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT;
    st = xvcpu_vmcs_write_guest_pending_debug_exceptions(xvcpu_vmcs_read_guest_pending_debug_exceptions() | trap);
    if (st == XVCPU_VMX_OK) {
        vmx->debug_trap = true;
        vcpu->x86.access.len = 0;
    }
    return st;
}

/* The common case inline: no access to match against breakpoints and TF clear (RFLAGS is read
 * once per exit, and only here on the CPUID path). */
XVCPU__HOT int xvcpu__vmx_debug_trap(xvcpu_vcpu *vcpu)
{
    if (vcpu->x86.access.len == 0 && !(XVCPU__VMX_RFLAGS(&vcpu->arch.vmx) & XVCPU_RFLAGS_TF))
        return XVCPU_VMX_OK;
    return xvcpu__vmx_debug_trap_owed(vcpu);
}

/* Move RIP past `len` bytes of emulated instruction; that ends any STI/MOV SS interrupt shadow
 * (SDM Vol. 3C 25.4.2: the blocking covers only the next instruction), and single-stepping
 * traps after it. */
XVCPU__HOT int xvcpu__vmx_advance(xvcpu_vcpu *vcpu, uint64_t len)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    /* the shadow and the debug trap first, then RIP, caches updated only by writes that worked:
     * after a failed VMWRITE, doing it all again gives the same result (clearing the shadow and
     * ORing in the trap are idempotent) */
    uint32_t intr = XVCPU__VMX_INTR_STATE(vmx);
    uint64_t rip = XVCPU__VMX_RIP(vmx);
    int st;
    if (intr & XVCPU__BLOCKING_STI_MOVSS) {
        if ((st = xvcpu_vmcs_write_guest_interruptibility_state(intr & ~(uint32_t)XVCPU__BLOCKING_STI_MOVSS)) != XVCPU_VMX_OK)
            return st;
        vmx->intr_state = intr & ~(uint32_t)XVCPU__BLOCKING_STI_MOVSS;
    }
    if ((st = xvcpu__vmx_debug_trap(vcpu)) != XVCPU_VMX_OK)
        return st;
    if ((st = xvcpu_vmcs_write_guest_rip(rip + len)) != XVCPU_VMX_OK)
        return st;
    vmx->rip = rip + len;
    return XVCPU_VMX_OK;
}

static int xvcpu__vmx_set_window(xvcpu_vmx_vcpu *vmx, uint32_t bit, bool on)
{
    uint32_t proc = on ? (vmx->proc | bit) : (vmx->proc & ~bit);
    int st;
    if (proc == vmx->proc)
        return XVCPU_VMX_OK;
    if ((st = xvcpu_vmcs_write_primary_proc_based_controls(proc)) == XVCPU_VMX_OK)
        vmx->proc = proc; /* the copy follows the VMCS only when the write worked */
    return st;
}

XVCPU_STATIC_ASSERT(XVCPU__EVENT_HARDWARE_EXCEPTION == XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION &&
                        XVCPU__EVENT_SOFTWARE_INTERRUPT == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT &&
                        XVCPU__EVENT_SOFTWARE_EXCEPTION == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION &&
                        XVCPU__EVENT_PRIVILEGED_SOFTWARE == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION,
                    event_types_are_vmx_interruption_types);

static uint32_t xvcpu__intr_info(uint32_t vector, uint32_t type, bool has_error)
{
    return vector | (type << XVCPU_INTERRUPTION_INFO_TYPE_SHIFT) |
           (has_error ? (uint32_t)XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID : 0u) | (uint32_t)XVCPU_INTERRUPTION_INFO_VALID;
}

/* Events still waiting behind the one this entry delivers: ask for the window exit now, so they
 * follow as soon as the guest can take them (after the delivered event, SDM Vol. 3C 26.7.5-6),
 * not at some unrelated later exit. */
static int xvcpu__vmx_window_behind(xvcpu_vcpu *vcpu)
{
    int st = XVCPU_VMX_OK;
    if (vcpu->events.nmi_pending)
        st |= xvcpu__vmx_set_window(&vcpu->arch.vmx, XVCPU_PROC_NMI_WINDOW_EXITING, true);
    if (xvcpu__highest_irr(vcpu) >= 0)
        st |= xvcpu__vmx_set_window(&vcpu->arch.vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, true);
    return st;
}

/* Choose and write the event for this entry. Returns a VMX status. */
static int xvcpu__vmx_inject(xvcpu_vcpu *vcpu)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    int st = XVCPU_VMX_OK, vector = xvcpu__highest_irr(vcpu);
    uint32_t intr;

    if (vmx->event_reinjected) /* the interrupted event goes first; the rest follows it */
        return vector >= 0 || vcpu->events.nmi_pending ? xvcpu__vmx_window_behind(vcpu) : st;
    if (vcpu->events.exception_pending) {
        /* In real mode no error code is pushed (SDM Vol. 3C 27.2.1.3). */
        bool err = vcpu->events.exception_has_error && (vmx->cr0 & XVCPU_CR0_PE);
        uint32_t type = vcpu->events.exception_type;
        st |= xvcpu_vmcs_write_entry_interruption_info(xvcpu__intr_info(vcpu->events.exception_vector, type, err));
        if (err)
            st |= xvcpu_vmcs_write_entry_exception_error_code(vcpu->events.exception_error);
        if (type != XVCPU__EVENT_HARDWARE_EXCEPTION) /* software events push RIP + length */
            st |= xvcpu_vmcs_write_entry_instruction_length(vcpu->events.exception_insn_len);
        if (st != XVCPU_VMX_OK)
            return st; /* still pending: written again before the next entry */
        if (type == XVCPU__EVENT_HARDWARE_EXCEPTION && vcpu->events.exception_vector == 14)
            vmx->cr2 = vcpu->events.page_fault_cr2; /* VM entry does not load CR2: the run loop does */
        vcpu->events.exception_pending = false;
        return vector >= 0 || vcpu->events.nmi_pending ? xvcpu__vmx_window_behind(vcpu) : st;
    }
    if (!vcpu->events.nmi_pending && vector < 0)
        return st;
    intr = XVCPU__VMX_INTR_STATE(vmx);
    if (vcpu->events.nmi_pending) {
        /* a pending #DB trap goes first; an NMI injected with it would lose it (SDM Vol. 3C
         * 27.7.3): the NMI waits for the window after the trap */
        if ((intr & (XVCPU__BLOCKING_STI_MOVSS | XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI)) || vmx->debug_trap)
            return xvcpu__vmx_set_window(vmx, XVCPU_PROC_NMI_WINDOW_EXITING, true);
        if ((st = xvcpu_vmcs_write_entry_interruption_info(xvcpu__intr_info(2, XVCPU_INTERRUPTION_INFO_TYPE_NMI, false))) ==
            XVCPU_VMX_OK) {
            vcpu->events.nmi_pending = false;
            if (vector >= 0)
                st = xvcpu__vmx_window_behind(vcpu);
        }
        return st;
    }
    if ((XVCPU__VMX_RFLAGS(vmx) & XVCPU_RFLAGS_IF) == 0 || (intr & XVCPU__BLOCKING_STI_MOVSS) != 0 || vmx->debug_trap)
        return xvcpu__vmx_set_window(vmx, XVCPU_PROC_INTERRUPT_WINDOW_EXITING, true);
    st = xvcpu_vmcs_write_entry_interruption_info(
        xvcpu__intr_info((uint32_t)vector, XVCPU_INTERRUPTION_INFO_TYPE_EXTERNAL_INTERRUPT, false));
    if (st == XVCPU_VMX_OK) {
        xvcpu__irr_clear(vcpu, vector); /* delivered by this entry; kept pending if the write failed */
        if (xvcpu__highest_irr(vcpu) >= 0)
            st = xvcpu__vmx_window_behind(vcpu);
    }
    return st;
}

/* An exit during event delivery leaves the event in IDT-vectoring information: deliver it again
 * on the next entry (SDM Vol. 3C 28.2.4), with its error code and instruction length. */
static int xvcpu__vmx_reinject(xvcpu_vmx_vcpu *vmx)
{
    uint32_t info = xvcpu_vmcs_read_idt_vectoring_info();
    uint32_t type;
    int st = XVCPU_VMX_OK;
    if ((info & XVCPU_INTERRUPTION_INFO_VALID) == 0)
        return st;
    type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    vmx->event_reinjected = true;
    /* With CR0.PE clear no error code is pushed, and VM entry refuses one (SDM Vol. 3C 27.2.1.3);
     * Bochs 2.7 reports one for a real-mode fault cut short by an exit (found by the fuzzer). */
    if ((vmx->cr0 & XVCPU_CR0_PE) == 0)
        info &= ~(uint32_t)XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID;
    st |= xvcpu_vmcs_write_entry_interruption_info(info & ~(uint32_t)XVCPU_INTERRUPTION_INFO_NMI_UNBLOCKING);
    if (info & XVCPU_INTERRUPTION_INFO_ERROR_CODE_VALID)
        st |= xvcpu_vmcs_write_entry_exception_error_code(xvcpu_vmcs_read_idt_vectoring_error_code());
    if (type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_INTERRUPT ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_PRIVILEGED_SOFTWARE_EXCEPTION ||
        type == XVCPU_INTERRUPTION_INFO_TYPE_SOFTWARE_EXCEPTION)
        st |= xvcpu_vmcs_write_entry_instruction_length(XVCPU__VMX_LEN(vmx));
    return st;
}

/* The event the last exit cut short, taken back from the next entry (backend hook
 * take_interrupted_event). RIP is still at the instruction of a software event: VMX adds the
 * instruction length only when it delivers one. */
static bool xvcpu__vmx_take_interrupted_event(xvcpu_vcpu *vcpu, uint32_t *vector, uint32_t *type)
{
    xvcpu_vmx_vcpu *vmx = &vcpu->arch.vmx;
    uint32_t info;
    if (!vmx->event_reinjected)
        return false;
    info = xvcpu_vmcs_read_entry_interruption_info();
    vmx->event_reinjected = false;
    if ((info & XVCPU_INTERRUPTION_INFO_VALID) == 0 || xvcpu_vmcs_write_entry_interruption_info(0) != XVCPU_VMX_OK)
        return false;
    *vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_VECTOR, info);
    *type = (uint32_t)XVCPU_FIELD_GET(XVCPU_INTERRUPTION_INFO_TYPE, info);
    return true;
}
