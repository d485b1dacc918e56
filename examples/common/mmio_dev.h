/* The examples' MMIO device (tests/guest/README.md, "MMIO device"): a 4 KiB register file at
 * guest-physical 0xD0000000 that the mmio-* guests reach through xvcpu's MMIO exits. */
#ifndef XVCPU_EXAMPLE_MMIO_DEV_H
#define XVCPU_EXAMPLE_MMIO_DEV_H

#define MMIO_DEV_GPA 0xD0000000ull
#define MMIO_DEV_SIZE 0x1000ull
#define MMIO_DEV_ID_OFFSET 0xFF8u               /* read-only 8-byte ID register */
#define MMIO_DEV_ID 0x0123456789ABCDEFull

typedef struct mmio_dev {
    uint8_t regs[MMIO_DEV_SIZE];
} mmio_dev;

struct vmm;

/* Fill the register file with its initial content (byte i = (i * 7 + 0x11) & 0xFF, the ID at
 * 0xFF8) and register [MMIO_DEV_GPA, +MMIO_DEV_SIZE) as an MMIO region of `vcpu` (after create). */
xvcpu_err mmio_dev_register(mmio_dev *dev, xvcpu_vcpu *vcpu);

/* One MMIO_READ, MMIO_WRITE or MMIO_UNSUPPORTED exit of m's vCPU: prints it as one transcript
 * line, completes it. Returns 0 to keep running, -1 to fail the run (*why says why). */
int mmio_dev_exit(struct vmm *m, const xvcpu_exit *e, const char **why);

#endif
