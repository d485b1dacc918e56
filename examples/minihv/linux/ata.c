/* The images from the primary ATA disk by programmed I/O (ATA/ATAPI-6: READ SECTORS, 28-bit
 * LBA), for Bochs, where loading them straight into memory does not work for big files. */
#include "linux.h"

#define ATA_DATA 0x1F0
#define ATA_COUNT 0x1F2
#define ATA_LBA0 0x1F3
#define ATA_LBA1 0x1F4
#define ATA_LBA2 0x1F5
#define ATA_DRIVE 0x1F6
#define ATA_STATUS 0x1F7 /* reads; writes are the command */
#define ST_ERR 0x01
#define ST_DRQ 0x08
#define ST_DF 0x20
#define ST_BSY 0x80
#define CMD_READ_SECTORS 0x20

/* Wait until not busy; with `drq`, until data is ready. Bounded: a missing disk must not hang. */
static int ata_wait(bool drq)
{
    unsigned long spins = 10000000;
    uint8_t st;
    while (--spins) {
        st = inb(ATA_STATUS);
        if (st == 0xFF)
            return -1; /* no controller */
        if (st & ST_BSY)
            continue;
        if (st & (ST_ERR | ST_DF))
            return -1;
        if (!drq || (st & ST_DRQ))
            return 0;
    }
    return -1;
}

static int ata_read(uint32_t lba, uint64_t sectors, uint8_t *dst)
{
    while (sectors) {
        uint32_t n = sectors > 256 ? 256 : (uint32_t)sectors, i;
        if (ata_wait(false))
            return -1;
        outb(ATA_DRIVE, (uint8_t)(0xE0 | ((lba >> 24) & 0x0F))); /* master, LBA */
        outb(ATA_COUNT, (uint8_t)n);                             /* 0 = 256 */
        outb(ATA_LBA0, (uint8_t)lba);
        outb(ATA_LBA1, (uint8_t)(lba >> 8));
        outb(ATA_LBA2, (uint8_t)(lba >> 16));
        outb(ATA_STATUS, CMD_READ_SECTORS);
        for (i = 0; i < n; i++, dst += 512) {
            void *d = dst;
            unsigned long c = 128;
            if (ata_wait(true))
                return -1;
            __asm__ volatile("rep insl" : "+D"(d), "+c"(c) : "d"(ATA_DATA) : "memory");
        }
        lba += n;
        sectors -= n;
    }
    return 0;
}

const char *linux_load_from_disk(void)
{
    linux_boot_info *info = (linux_boot_info *)(uintptr_t)LINUX_BOOT_INFO_HPA;
    if (ata_read(0, 8, (uint8_t *)info))
        return "no boot.bin in memory and no readable ATA disk";
    if (kmemcmp(info->magic, "XVLINUX1", 8) != 0)
        return "the ATA disk does not start with boot.bin";
    if (ata_read(info->kernel_lba, (info->kernel_bytes + 511) / 512, (uint8_t *)(uintptr_t)(info->ram_hpa + info->kernel_gpa)) ||
        ata_read(info->initrd_lba, (info->initrd_bytes + 511) / 512, (uint8_t *)(uintptr_t)(info->ram_hpa + info->initrd_gpa)))
        return "reading the kernel or the initrd from the ATA disk failed";
    kprintf("linux-vmm: read boot.bin, %lu + %lu bytes from the ATA disk\n", (unsigned long)info->kernel_bytes,
            (unsigned long)info->initrd_bytes);
    return 0;
}
