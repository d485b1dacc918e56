#!/usr/bin/env python3
"""Take the kernel ELF file (vmlinux) out of an x86 bzImage.

The setup header (Documentation/arch/x86/boot.rst) gives the protected-mode part's offset,
(setup_sects + 1) * 512, and inside it the compressed payload: payload_offset (0x248) and
payload_length (0x24C). The payload is one compressed stream followed by its decompressed size as
a little-endian 32-bit word. We decompress it with Debian's xz or zstd tool and check the result:
an x86-64 ELF file of exactly that size.

    extract_vmlinux.py <bzImage> <vmlinux out>
"""
import struct
import subprocess
import sys

MAGICS = [  # stream magic -> decompressor command
    (b"\xfd7zXZ\x00", ["xz", "-dc", "--single-stream"]),
    (b"\x28\xb5\x2f\xfd", ["zstd", "-dc"]),
]


def fail(msg):
    sys.exit("extract_vmlinux.py: " + msg)


def main():
    if len(sys.argv) != 3:
        fail("usage: extract_vmlinux.py <bzImage> <vmlinux>")
    img = open(sys.argv[1], "rb").read()
    if len(img) < 0x250 or img[0x202:0x206] != b"HdrS":
        fail("%s: no setup header (HdrS at 0x202)" % sys.argv[1])
    version = struct.unpack_from("<H", img, 0x206)[0]
    if version < 0x208:
        fail("boot protocol %x.%02x has no payload fields (needs 2.08)" % (version >> 8, version & 0xFF))
    setup_sects = img[0x1F1] or 4
    pm_start = (setup_sects + 1) * 512
    off, length = struct.unpack_from("<II", img, 0x248)
    payload = img[pm_start + off:pm_start + off + length]
    if len(payload) != length or length < 8:
        fail("payload (%#x + %#x) lies outside the file" % (pm_start + off, length))
    stream, size = payload[:-4], struct.unpack("<I", payload[-4:])[0]
    for magic, cmd in MAGICS:
        if stream.startswith(magic):
            break
    else:
        fail("payload starts with %s: not xz or zstd" % stream[:6].hex())
    out = subprocess.run(cmd, input=stream, stdout=subprocess.PIPE, check=False)
    if out.returncode != 0:
        fail("%s failed with status %d" % (" ".join(cmd), out.returncode))
    elf = out.stdout
    if len(elf) != size:
        fail("decompressed %d bytes, the payload says %d" % (len(elf), size))
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or struct.unpack_from("<H", elf, 18)[0] != 62:
        fail("the payload is not an x86-64 ELF file")
    with open(sys.argv[2], "wb") as f:
        f.write(elf)


if __name__ == "__main__":
    main()
