/* I/O and MSR intercepts in the VMX bitmap formats (SDM Vol. 3C 25.6.4 and 25.6.9). The I/O
 * bitmaps are two 4 KiB pages, one bit per port 0-0xFFFF; the MSR bitmap is four 1 KiB quarters:
 * reads of 0-0x1FFF, reads of 0xC0000000-0xC0001FFF, then writes of the same two ranges. */

/* SVM vCPUs keep their permission maps in step with these bitmaps (svm_setup.c.h). */
static void xvcpu__svm_sync_io(xvcpu_vcpu *vcpu);
static void xvcpu__svm_sync_msr(xvcpu_vcpu *vcpu, uint32_t msr);

static void xvcpu__bit_assign(uint8_t *map, uint32_t bit, bool value)
{
    if (value)
        map[bit >> 3] = (uint8_t)(map[bit >> 3] | (1u << (bit & 7)));
    else
        map[bit >> 3] = (uint8_t)(map[bit >> 3] & ~(1u << (bit & 7)));
}

static bool xvcpu__bit_test(const uint8_t *map, uint32_t bit)
{
    return (map[bit >> 3] >> (bit & 7)) & 1;
}

/* Bit index of `msr` in the read quarter (add 0x4000 bytes * 8 for writes), or -1 when the MSR is
 * outside both ranges (such accesses always exit). */
static long xvcpu__msr_bit(uint32_t msr)
{
    if (msr <= XVCPU_MSR_RANGE_MSR_BITMAP_LOW_LAST)
        return (long)msr;
    if (msr >= XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_FIRST && msr <= XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_LAST)
        return (long)(0x2000 + (msr - XVCPU_MSR_RANGE_MSR_BITMAP_HIGH_FIRST));
    return -1;
}
#define XVCPU__MSR_WRITE_BITS (0x800u * 8u) /* the write quarters start 2 KiB in */

XVCPU_DEF xvcpu_err xvcpu_vcpu_io_passthrough(xvcpu_vcpu *vcpu, uint32_t port, uint32_t count, bool pass)
{
    static const char fn[] = "xvcpu_vcpu_io_passthrough";
    uint32_t p;
    xvcpu_err err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_FREE);
    if (err != XVCPU_OK && (err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    if (count == 0 || port > 0xFFFFu || count > 0x10000u - port)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: ports %x+%x are outside 0-0xffff", fn, vcpu->id, port, count);
    for (p = port; p < port + count; p++)
        xvcpu__bit_assign((uint8_t *)vcpu->x86.io_bitmap, p, !pass);
    if (vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_io(vcpu);
    return XVCPU_OK;
}

static xvcpu_err xvcpu__msr_config(xvcpu_vcpu *vcpu, const char *fn, uint32_t msr, uint32_t access, uint8_t *map,
                                   bool value)
{
    long bit = xvcpu__msr_bit(msr);
    xvcpu_err err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_CREATED, XVCPU_STATE_FREE);
    if (err != XVCPU_OK && (err = xvcpu__need_state(vcpu, fn, XVCPU_STATE_READY, XVCPU_STATE_BLOCKED)) != XVCPU_OK)
        return err;
    if (access == 0 || (access & ~(XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE)) != 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: access %x must be XVCPU_ACCESS_READ and/or XVCPU_ACCESS_WRITE", fn, vcpu->id,
                           access);
    if (bit < 0)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                           "%s: vCPU %u: MSR %x is outside the MSR bitmap ranges", fn, vcpu->id, msr);
    if (access & XVCPU_ACCESS_READ)
        xvcpu__bit_assign(map, (uint32_t)bit, value);
    if (access & XVCPU_ACCESS_WRITE)
        xvcpu__bit_assign(map, (uint32_t)bit + XVCPU__MSR_WRITE_BITS, value);
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_to_vmm(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool to_vmm)
{
    static const char fn[] = "xvcpu_vcpu_msr_to_vmm";
    xvcpu_err err = xvcpu__msr_config(vcpu, fn, msr, access, (uint8_t *)vcpu->x86.msr_to_vmm, to_vmm);
    if (err == XVCPU_OK && to_vmm) /* the access must exit to reach the VMM */
        err = xvcpu__msr_config(vcpu, fn, msr, access, (uint8_t *)vcpu->x86.msr_bitmap, true);
    if (err == XVCPU_OK && vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_msr(vcpu, msr);
    return err;
}

XVCPU_DEF xvcpu_err xvcpu_vcpu_msr_passthrough(xvcpu_vcpu *vcpu, uint32_t msr, uint32_t access, bool pass)
{
    xvcpu_err err = xvcpu__msr_config(vcpu, "xvcpu_vcpu_msr_passthrough", msr, access,
                                      (uint8_t *)vcpu->x86.msr_bitmap, !pass);
    if (err == XVCPU_OK && vcpu->backend == xvcpu_svm_backend())
        xvcpu__svm_sync_msr(vcpu, msr);
    return err;
}

/* Does an exiting access to `msr` belong to the VMM? */
static bool xvcpu__msr_wants_vmm(const xvcpu_vcpu *vcpu, uint32_t msr, bool write)
{
    long bit = xvcpu__msr_bit(msr);
    return bit >= 0 && xvcpu__bit_test((const uint8_t *)vcpu->x86.msr_to_vmm,
                                       (uint32_t)bit + (write ? XVCPU__MSR_WRITE_BITS : 0));
}
