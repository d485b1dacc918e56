#!/usr/bin/env python3
"""Lay out what minihv's Linux loader needs, as files the emulators load straight into memory
(QEMU -device loader, Bochs optramimage):

  kernel.bin   vmlinux's PT_LOAD segments as one flat image from the lowest physical address
               (trailing zeros dropped: .bss is cleared by the kernel), loaded at that guest-physical
               address inside guest RAM
  initrd.cpio  loaded at INITRD_GPA inside guest RAM
  disk.img     the same three as one ATA disk (Bochs: its optramimage spills files larger than a
               1 MiB memory block into the wrong blocks): boot.bin at LBA 0, then kernel.bin, initrd
  boot.bin     one page for the VMM: what was loaded where, the entry point, the command line and
               the bzImage's setup header; loaded at BOOT_INFO_HPA (host-physical, outside guest RAM)

boot.bin layout (little-endian; examples/minihv/linux/linux.h reads it):
  0x000 magic "XVLINUX1"       0x008 u64 guest RAM host-physical base    0x010 u64 guest RAM size
  0x018 u64 entry (startup_64) 0x020 u64 kernel gpa   0x028 u64 kernel bytes loaded
  0x030 u64 kernel end gpa (highest segment end)      0x038 u64 initrd gpa  0x040 u64 initrd bytes
  0x048 u32 command line bytes (with NUL)             0x04C u32 kernel LBA in disk.img
  0x050 u32 initrd LBA in disk.img                     0x100 command line (up to 2 KiB)
  0xC00 the bzImage's first KiB (boot sector + setup header at 0x1F1)

    mkboot.py <outdir> <vmlinux> <initrd> <setup-header.bin> <ram hpa> <ram size> <initrd gpa> <boot info hpa> <cmdline>
Prints the loader arguments as shell assignments (KERNEL_GPA=..., KERNEL_HPA=... ).
"""
import os
import struct
import sys


def fail(msg):
    sys.exit("mkboot.py: " + msg)


def main():
    if len(sys.argv) != 10:
        fail("usage: mkboot.py <outdir> <vmlinux> <initrd> <setup-header.bin> <ram hpa> <ram size> <initrd gpa> "
             "<boot info hpa> <cmdline>")
    out, vmlinux, initrd, header = sys.argv[1:5]
    ram_hpa, ram_size, initrd_gpa, info_hpa = (int(x, 0) for x in sys.argv[5:9])
    cmdline = sys.argv[9].encode() + b"\0"
    elf = open(vmlinux, "rb").read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        fail("%s is not an ELF64 file" % vmlinux)
    entry, phoff = struct.unpack_from("<QQ", elf, 24)
    phentsize, phnum = struct.unpack_from("<HH", elf, 54)
    segs = []
    for i in range(phnum):
        p_type, _, off, _, paddr, filesz, memsz = struct.unpack_from("<IIQQQQQ", elf, phoff + i * phentsize)
        if p_type == 1 and memsz:
            segs.append((paddr, off, filesz, memsz))
    if not segs:
        fail("no PT_LOAD segments")
    lo = min(s[0] for s in segs)
    end = max(s[0] + s[3] for s in segs)
    img = bytearray(max(s[0] + s[2] for s in segs) - lo)
    for paddr, off, filesz, _ in segs:
        img[paddr - lo:paddr - lo + filesz] = elf[off:off + filesz]
    img = bytes(img).rstrip(b"\0")
    img += b"\0" * (-len(img) % 4096)
    rd = open(initrd, "rb").read()
    if not lo <= entry < end:
        fail("entry %#x outside the kernel %#x-%#x" % (entry, lo, end))
    if end > initrd_gpa or initrd_gpa + len(rd) > ram_size:
        fail("initrd at %#x (%d bytes) overlaps the kernel (ends %#x) or leaves RAM (%#x)" %
             (initrd_gpa, len(rd), end, ram_size))
    if len(cmdline) > 2048:
        fail("command line longer than 2047 bytes")
    info = bytearray(4096)
    kernel_lba = 8
    initrd_lba = kernel_lba + len(img) // 512
    struct.pack_into("<8sQQQQQQQQIII", info, 0, b"XVLINUX1", ram_hpa, ram_size, entry, lo, len(img), end,
                     initrd_gpa, len(rd), len(cmdline), kernel_lba, initrd_lba)
    info[0x100:0x100 + len(cmdline)] = cmdline
    hdr = open(header, "rb").read()[:1024]
    info[0xC00:0xC00 + len(hdr)] = hdr
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, "kernel.bin"), "wb").write(img)
    open(os.path.join(out, "boot.bin"), "wb").write(info)
    disk = bytes(info) + img + rd
    cyl = 16 * 63 * 512  # one cylinder of a 16-head, 63-sector geometry
    disk += b"\0" * (-len(disk) % cyl)
    open(os.path.join(out, "disk.img"), "wb").write(disk)
    print("KERNEL_HPA=%#x" % (ram_hpa + lo))
    print("INITRD_HPA=%#x" % (ram_hpa + initrd_gpa))
    print("BOOT_INFO_HPA=%#x" % info_hpa)
    print("DISK_CYLINDERS=%d" % (len(disk) // cyl))


if __name__ == "__main__":
    main()
