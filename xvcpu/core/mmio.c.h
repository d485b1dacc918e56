/* MMIO regions: guest-physical ranges whose stage-2 faults become MMIO_READ / MMIO_WRITE exits.
 * The list is neutral; each backend decodes the faulting access its own way (x86emu/mmio.c.h,
 * arm64/exits.c.h). */

/* A region for `fn` (the API call's name in the texts), with its device or none. */
static xvcpu_err xvcpu__add_mmio_region(xvcpu_vcpu *vcpu, const char *fn, uint64_t gpa, uint64_t size,
                                        xvcpu_mmio_device_fn device_fn, void *device)
{
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    if (size == 0 || ((gpa | size) & 0xFFF) != 0 || gpa + size < gpa || gpa + size > (1ull << 52))
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: range %llx+%llx is not page-aligned, empty or beyond 2^52", fn,
                           vcpu->id, (unsigned long long)gpa, (unsigned long long)size);
    for (i = 0; i < vcpu->mmio_count; i++)
        if (gpa < vcpu->mmio[i].gpa + vcpu->mmio[i].size && vcpu->mmio[i].gpa < gpa + size)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_ALREADY_MAPPED,
                               "%s: vCPU %u: range %llx+%llx overlaps MMIO region %llx+%llx", fn, vcpu->id,
                               (unsigned long long)gpa, (unsigned long long)size,
                               (unsigned long long)vcpu->mmio[i].gpa, (unsigned long long)vcpu->mmio[i].size);
    if (vcpu->mmio_count == XVCPU_MMIO_MAX_REGIONS)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NO_MEMORY,
                           "%s: vCPU %u: all %u MMIO region slots are used", fn, vcpu->id,
                           (unsigned)XVCPU_MMIO_MAX_REGIONS);
    vcpu->mmio[vcpu->mmio_count].gpa = gpa;
    vcpu->mmio[vcpu->mmio_count].size = size;
    vcpu->mmio[vcpu->mmio_count].device_fn = device_fn;
    vcpu->mmio[vcpu->mmio_count].device = device;
    vcpu->mmio_count++;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_add_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    return xvcpu__add_mmio_region(vcpu, "xvcpu_vcpu_add_mmio_region", gpa, size, NULL, NULL);
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_remove_mmio_region(xvcpu_vcpu *vcpu, uint64_t gpa, uint64_t size)
{
    unsigned i;
    if (!xvcpu__vcpu_live(vcpu))
        return XVCPU_ERR_INVALID_ARG;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (vcpu->mmio[i].gpa == gpa && vcpu->mmio[i].size == size) {
            xvcpu_mmio_region *last = &vcpu->mmio[--vcpu->mmio_count];
            vcpu->mmio[i].gpa = last->gpa; /* member by member: a struct copy may be a memcpy call */
            vcpu->mmio[i].size = last->size;
            vcpu->mmio[i].device_fn = last->device_fn;
            vcpu->mmio[i].device = last->device;
            XVCPU_MEMSET(last, 0, sizeof(*last)); /* an unused slot is empty: no range, no device */
            return XVCPU_OK;
        }
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                       "xvcpu_vcpu_remove_mmio_region: vCPU %u: no MMIO region %llx+%llx", vcpu->id,
                       (unsigned long long)gpa, (unsigned long long)size);
}

static bool xvcpu__in_mmio_region(const xvcpu_vcpu *vcpu, uint64_t gpa)
{
    unsigned i;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (gpa - vcpu->mmio[i].gpa < vcpu->mmio[i].size)
            return true;
    return false;
}
