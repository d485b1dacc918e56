/* The examples' MMIO device (see mmio_dev.h and tests/guest/README.md). Reads return the bytes at
 * the offset with the exit's width, writes store them; the 8 bytes at 0xFF8 are a read-only ID
 * register. An access outside the 4 KiB, wider than 8 bytes or of an odd width, and any
 * MMIO_UNSUPPORTED exit, fail the run. */
#include "vmm_platform.h"
#include "vmm.h"

xvcpu_err mmio_dev_register(mmio_dev *dev, xvcpu_vcpu *vcpu)
{
    unsigned i;
    for (i = 0; i < MMIO_DEV_SIZE; i++)
        dev->regs[i] = (uint8_t)(i * 7 + 0x11);
    for (i = 0; i < 8; i++)
        dev->regs[MMIO_DEV_ID_OFFSET + i] = (uint8_t)(MMIO_DEV_ID >> (8 * i));
    return xvcpu_vcpu_add_mmio_region(vcpu, MMIO_DEV_GPA, MMIO_DEV_SIZE);
}

/* The register-file offset of an access, or -1 when it is not entirely inside the device or
 * its width is not 1, 2, 4 or 8. */
static long dev_offset(uint64_t gpa, unsigned width)
{
    uint64_t off = gpa - MMIO_DEV_GPA;
    if (width != 1 && width != 2 && width != 4 && width != 8)
        return -1;
    if (gpa < MMIO_DEV_GPA || off >= MMIO_DEV_SIZE || width > MMIO_DEV_SIZE - off)
        return -1;
    return (long)off;
}

/* "exit MMIO_UNSUPPORTED ..." with up to 15 instruction bytes, as one line. */
static void print_unsupported(struct vmm *m, const xvcpu_exit *e)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t n = e->u.mmio_unsupported.fetched < 15 ? e->u.mmio_unsupported.fetched : 15;
    char bytes[15 * 3 + 1];
    unsigned i;
    for (i = 0; i < n; i++) {
        bytes[3 * i] = ' ';
        bytes[3 * i + 1] = hex[e->u.mmio_unsupported.bytes[i] >> 4];
        bytes[3 * i + 2] = hex[e->u.mmio_unsupported.bytes[i] & 15];
    }
    bytes[3 * n] = 0;
    vmm_printf(m, "exit MMIO_UNSUPPORTED addr %lx access %x why %s insn_len %u bytes%s",
               (unsigned long)e->u.mmio_unsupported.addr, e->u.mmio_unsupported.access,
               e->u.mmio_unsupported.why ? e->u.mmio_unsupported.why : "-", e->u.mmio_unsupported.insn_len, bytes);
}

int mmio_dev_exit(struct vmm *m, const xvcpu_exit *e, const char **why)
{
    uint8_t *regs = m->dev.regs;
    xvcpu_vcpu *vcpu = &m->vcpu;
    uint64_t value = 0;
    xvcpu_err err;
    unsigned i, width;
    long off;

    switch (e->kind) {
    case XVCPU_EXIT_MMIO_READ:
        width = e->u.mmio_read.width;
        if ((off = dev_offset(e->u.mmio_read.addr, width)) < 0) {
            vmm_printf(m, "exit MMIO_READ addr %lx width %u: outside the device", (unsigned long)e->u.mmio_read.addr,
                       width);
            *why = "MMIO read outside the device or of a bad width";
            return -1;
        }
        for (i = 0; i < width; i++)
            value |= (uint64_t)regs[off + i] << (8 * i);
        vmm_printf(m, "exit MMIO_READ addr %lx width %u -> %lx", (unsigned long)e->u.mmio_read.addr, width,
                   (unsigned long)value);
        err = xvcpu_complete_mmio_read(vcpu, value);
        break;
    case XVCPU_EXIT_MMIO_WRITE:
        width = e->u.mmio_write.width;
        value = e->u.mmio_write.data;
        vmm_printf(m, "exit MMIO_WRITE addr %lx width %u data %lx", (unsigned long)e->u.mmio_write.addr, width,
                   (unsigned long)value);
        if ((off = dev_offset(e->u.mmio_write.addr, width)) < 0) {
            *why = "MMIO write outside the device or of a bad width";
            return -1;
        }
        if (width < 8 && (value >> (8 * width)) != 0) {
            *why = "MMIO write data has bits beyond its width";
            return -1;
        }
        for (i = 0; i < width; i++)
            if ((unsigned long)off + i < MMIO_DEV_ID_OFFSET) /* the ID register ignores writes */
                regs[off + i] = (uint8_t)(value >> (8 * i));
        err = xvcpu_complete(vcpu);
        break;
    case XVCPU_EXIT_MMIO_UNSUPPORTED:
        print_unsupported(m, e);
        *why = "an MMIO access the library does not emulate";
        return -1;
    default:
        *why = "not an MMIO exit";
        return -1;
    }
    if (err != XVCPU_OK) {
        vmm_printf(m, "mmio: completing the exit failed: %s: %s", xvcpu_strerror(err), xvcpu_vcpu_last_error(vcpu));
        *why = "completing an MMIO exit failed";
        return -1;
    }
    return 0;
}
