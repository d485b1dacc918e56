/* The event queue: what the VMM asked to inject, waiting until the guest can take it. */

/* SDM Vol. 3A Table 6-1 and AMD APM Vol. 2 Table 8-1: 2 is NMI (xvcpu_inject_nmi), 15 and
 * 22-27 and 31 are reserved; 28 (#HV), 29 (#VC) and 30 (#SX) are AMD's. */
XVCPU_DEF bool xvcpu_x86_exception_valid(uint8_t vector)
{
    if (vector > XVCPU_MAX_EXCEPTION_VECTOR || vector == 2 || vector == 15 || vector == 31)
        return false;
    return vector <= 21 || vector >= 28;
}

/* #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30 push an error code. */
XVCPU_DEF bool xvcpu_x86_exception_has_error_code(uint8_t vector)
{
    switch (vector) {
    case 8: case 10: case 11: case 12: case 13: case 14: case 17: case 21: case 29: case 30:
        return true;
    default:
        return false;
    }
}

/* Fill the one exception-class slot (the callers have checked it may be filled). */
static void xvcpu__queue_event(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t type, uint8_t insn_len, bool has_error,
                               uint32_t error_code)
{
    vcpu->events.exception_pending = vcpu->entry_work = true;
    vcpu->events.exception_vector = vector;
    vcpu->events.exception_type = type;
    vcpu->events.exception_insn_len = insn_len;
    vcpu->events.exception_has_error = has_error;
    vcpu->events.exception_error = error_code;
}

/* The x86 event calls have no meaning on arm64 (its calls: xvcpu_arm64_inject_sync, _set_irq_line). */
static bool xvcpu__refuse_on_arm64(xvcpu_vcpu *vcpu, const char *fn)
{
    if (vcpu->backend != xvcpu_arm64_backend())
        return false;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_UNSUPPORTED,
                      "%s: vCPU %u runs on arm64: use xvcpu_arm64_inject_sync or xvcpu_arm64_set_irq_line", fn,
                      vcpu->id);
    return true;
}

XVCPU_DEF xvcpu_err xvcpu_inject_exception(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
    static const char fn[] = "xvcpu_inject_exception";
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, fn))
        return XVCPU_ERR_UNSUPPORTED;
    if (!xvcpu_x86_exception_valid(vector))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: vector %u is not an injectable exception", fn, vcpu->id, (unsigned)vector);
    if (!xvcpu_x86_exception_has_error_code(vector) && error_code != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: exception %u pushes no error code, got %x", fn, vcpu->id,
                           (unsigned)vector, (unsigned)error_code);
    if (vcpu->events.exception_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY,
                           "%s: vCPU %u: exception %u is still pending", fn, vcpu->id,
                           (unsigned)vcpu->events.exception_vector);
    xvcpu__queue_event(vcpu, vector, XVCPU__EVENT_HARDWARE_EXCEPTION, 0, xvcpu_x86_exception_has_error_code(vector),
                       error_code);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_inject_software_interrupt(xvcpu_vcpu *vcpu, uint8_t vector, uint8_t insn_len)
{
    static const char fn[] = "xvcpu_inject_software_interrupt";
    uint8_t type = XVCPU__EVENT_SOFTWARE_INTERRUPT;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, fn))
        return XVCPU_ERR_UNSUPPORTED;
    if (insn_len == 0 || insn_len > 15)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: instruction length %u is not 1-15", fn, vcpu->id, (unsigned)insn_len);
    if (insn_len == 1) { /* the one-byte forms: CC INT3, CE INTO, F1 INT1 */
        if (vector == 3 || vector == 4)
            type = XVCPU__EVENT_SOFTWARE_EXCEPTION;
        else if (vector == 1)
            type = XVCPU__EVENT_PRIVILEGED_SOFTWARE;
        else
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                               "%s: vCPU %u: no 1-byte instruction raises vector %u (INT n is at least 2 bytes)",
                               fn, vcpu->id, (unsigned)vector);
    }
    if (vcpu->events.exception_pending)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BUSY, "%s: vCPU %u: exception %u is still pending", fn,
                           vcpu->id, (unsigned)vcpu->events.exception_vector);
    xvcpu__queue_event(vcpu, vector, type, insn_len, false, 0);
    return XVCPU_OK;
}

/* How exception `second`, raised while `first` is delivered, combines with it (SDM Vol. 3A Table
 * 6-5): 8 (#DF) for contributory after contributory or contributory/#PF after #PF, -1 (shutdown)
 * for either after #DF, else `second` (handled serially). */
static int xvcpu__x86_combine(uint8_t first, uint8_t second)
{
#define XVCPU__CONTRIBUTORY(v) ((v) == 0 || ((v) >= 10 && (v) <= 13))
    bool second_bad = XVCPU__CONTRIBUTORY(second) || second == 14;
    if (first == 8 && second_bad)
        return -1;
    if ((XVCPU__CONTRIBUTORY(first) && XVCPU__CONTRIBUTORY(second)) || (first == 14 && second_bad))
        return 8;
    return second;
#undef XVCPU__CONTRIBUTORY
}

/* For backends: exception `vector` raised by the library at the current instruction (RIP not
 * advanced), combined with one still pending as the CPU combines them (SDM Vol. 3A Table 6-5):
 * contributory after contributory, or contributory/#PF after #PF, become #DF(0); either after #DF
 * shuts the guest down. After a benign one the pending event stays: it is delivered, the
 * instruction runs again and faults again. */
static void xvcpu__x86_raise(xvcpu_vcpu *vcpu, uint8_t vector, uint32_t error_code)
{
    if (vcpu->events.exception_pending && vcpu->events.exception_type == XVCPU__EVENT_HARDWARE_EXCEPTION) {
        int v = xvcpu__x86_combine(vcpu->events.exception_vector, vector);
        if (v < 0) {
            vcpu->events.exception_pending = false;
            vcpu->events.shutdown = vcpu->entry_work = true;
            return;
        }
        if (v != 8)
            return;
        vector = 8;
        error_code = 0;
    }
    xvcpu__queue_event(vcpu, vector, XVCPU__EVENT_HARDWARE_EXCEPTION, 0, xvcpu_x86_exception_has_error_code(vector),
                       error_code);
}

/* xvcpu_complete_fault on an access the CPU made while delivering an event (MMIO_UNSUPPORTED:
 * the IDT, TSS or stack is in MMIO): the fault takes the event's place, combined with it as the
 * CPU combines a fault during delivery (xvcpu__x86_combine). After an interrupt, an NMI or a benign
 * exception the fault comes alone: an INT n, INT3 or INTO runs again after it, an external
 * interrupt or NMI is lost as on hardware (it was acknowledged). Returns false for a shutdown. */
static bool xvcpu__x86_fault_during_delivery(xvcpu_vcpu *vcpu, uint8_t *vector, uint32_t *error_code)
{
    uint32_t first, type;
    int v;
    if (vcpu->backend->take_interrupted_event == NULL || !vcpu->backend->take_interrupted_event(vcpu, &first, &type) ||
        type != XVCPU__EVENT_HARDWARE_EXCEPTION)
        return true;
    v = xvcpu__x86_combine((uint8_t)first, *vector);
    if (v < 0)
        return false;
    if (v == 8) {
        *vector = 8;
        *error_code = 0;
    }
    return true;
}

/* For backends: #PF with `error_code`, CR2 = `linear`. */
static __attribute__((__unused__)) void xvcpu__x86_raise_page_fault(xvcpu_vcpu *vcpu, uint32_t error_code, uint64_t linear)
{
    xvcpu__x86_raise(vcpu, 14, error_code);
    if (vcpu->events.exception_pending && vcpu->events.exception_vector == 14)
        vcpu->events.page_fault_cr2 = linear;
}

XVCPU_DEF xvcpu_err xvcpu_inject_nmi(xvcpu_vcpu *vcpu)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, "xvcpu_inject_nmi"))
        return XVCPU_ERR_UNSUPPORTED;
    vcpu->events.nmi_pending = vcpu->entry_work = true; /* NMIs do not queue: a second one while pending is lost, as on hardware */
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_inject_interrupt(xvcpu_vcpu *vcpu, uint8_t vector)
{
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (xvcpu__refuse_on_arm64(vcpu, "xvcpu_inject_interrupt"))
        return XVCPU_ERR_UNSUPPORTED;
    if (vector < 32)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_inject_interrupt: vCPU %u: vector %u is below 32 (exceptions use xvcpu_inject_exception)",
                           vcpu->id, (unsigned)vector);
    vcpu->events.irr[vector >> 6] |= 1ull << (vector & 63);
    vcpu->entry_work = true;
    return XVCPU_OK;
}

/* For backends: whether an event waits for injection (what keeps vcpu->entry_work set). */
static inline bool xvcpu__events_pending(const xvcpu_vcpu *vcpu)
{
    return vcpu->events.exception_pending || vcpu->events.nmi_pending ||
           (vcpu->events.irr[0] | vcpu->events.irr[1] | vcpu->events.irr[2] | vcpu->events.irr[3]) != 0;
}

/* For backends: the highest pending external interrupt vector, or -1. */
static inline int xvcpu__highest_irr(const xvcpu_vcpu *vcpu)
{
    int word;
    for (word = 3; word >= 0; word--) {
        uint64_t w = vcpu->events.irr[word];
        if (w != 0)
            return word * 64 + 63 - __builtin_clzll(w);
    }
    return -1;
}

/* For backends: take `vector` out of the IRR once delivered. */
static inline void xvcpu__irr_clear(xvcpu_vcpu *vcpu, int vector)
{
    vcpu->events.irr[vector >> 6] &= ~(1ull << (vector & 63));
}
