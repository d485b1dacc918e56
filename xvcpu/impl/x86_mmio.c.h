/* MMIO: stage-2 faults inside VMM-registered regions become MMIO_READ / MMIO_WRITE exits. */

XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    static const char fn[] = "xvcpu_vcpu_add_mmio_region";
    xvcpu_x86_state *x = &vcpu->x86;
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (size == 0 || ((gpa | size) & 0xFFF) != 0 || gpa + size < gpa || gpa + size > (1ull << 52))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: range %llx+%llx is not page-aligned, empty or beyond 2^52", fn,
                           vcpu->id, (unsigned long long)gpa, (unsigned long long)size);
    for (i = 0; i < x->mmio_count; i++)
        if (gpa < x->mmio[i].gpa + x->mmio[i].size && x->mmio[i].gpa < gpa + size)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_ALREADY_MAPPED,
                               "%s: vCPU %u: range %llx+%llx overlaps MMIO region %llx+%llx", fn, vcpu->id,
                               (unsigned long long)gpa, (unsigned long long)size,
                               (unsigned long long)x->mmio[i].gpa, (unsigned long long)x->mmio[i].size);
    if (x->mmio_count == XVCPU_MMIO_MAX_REGIONS)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "%s: vCPU %u: all %u MMIO region slots are used", fn, vcpu->id,
                           (unsigned)XVCPU_MMIO_MAX_REGIONS);
    x->mmio[x->mmio_count].gpa = gpa;
    x->mmio[x->mmio_count].size = size;
    x->mmio_count++;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    xvcpu_x86_state *x = &vcpu->x86;
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    for (i = 0; i < x->mmio_count; i++)
        if (x->mmio[i].gpa == gpa && x->mmio[i].size == size) {
            x->mmio[i] = x->mmio[--x->mmio_count];
            return XVCPU_OK;
        }
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                       "xvcpu_vcpu_remove_mmio_region: vCPU %u: no MMIO region %llx+%llx", vcpu->id,
                       (unsigned long long)gpa, (unsigned long long)size);
}

static bool xvcpu__x86_in_mmio(const xvcpu_vcpu *vcpu, uint64_t gpa)
{
    unsigned i;
    for (i = 0; i < vcpu->x86.mmio_count; i++)
        if (gpa - vcpu->x86.mmio[i].gpa < vcpu->x86.mmio[i].size)
            return true;
    return false;
}

/* What a stage-2 fault turned out to be. */
typedef enum xvcpu__mmio_result {
    XVCPU__MMIO_NOT_MMIO = 0, /* outside every region: the caller reports NESTED_PAGE_FAULT */
    XVCPU__MMIO_REENTER,      /* handled (emulated, or an exception queued): enter the guest again */
    XVCPU__MMIO_EXIT          /* `exit` holds MMIO_READ / MMIO_WRITE (or UNHANDLED) for the VMM */
} xvcpu__mmio_result;

/* A stage-2 fault at `gpa` with `access` (XVCPU_ACCESS_*), the guest in `mode`. */
static xvcpu__mmio_result xvcpu__x86_mmio_fault(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                const struct xvcpu_stage2 *s2, uint64_t gpa, uint32_t access,
                                                xvcpu_exit *exit)
{
    (void)mode;
    (void)s2;
    (void)access;
    (void)exit;
    if (!xvcpu__x86_in_mmio(vcpu, gpa))
        return XVCPU__MMIO_NOT_MMIO;
    return XVCPU__MMIO_NOT_MMIO; /* decoding arrives with the instruction decoder */
}
