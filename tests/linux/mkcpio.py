#!/usr/bin/env python3
"""Write the busybox initramfs: a cpio archive in the kernel's "newc" format (Documentation/
driver-api/early-userspace/buffer-format.rst), built here so it needs no root (the /dev/console
node) and is byte-for-byte reproducible (owner root, time 0).

    mkcpio.py <out.cpio> <busybox binary> <init script>
"""
import sys

APPLETS = ["sh", "mount", "umount", "uname", "grep", "cat", "echo", "poweroff", "reboot", "mkdir", "ls"]


def entry(name, mode, data=b"", rdev=(0, 0), ino=[0]):
    ino[0] += 1
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    rec = hdr + name.encode() + b"\0"
    rec += b"\0" * (-len(rec) % 4) + data
    return rec + b"\0" * (-len(rec) % 4)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: mkcpio.py <out.cpio> <busybox> <init script>")
    busybox = open(sys.argv[2], "rb").read()
    init = open(sys.argv[3], "rb").read()
    out = []
    for d in ["bin", "dev", "proc", "sys", "tmp"]:
        out.append(entry(d, 0o040755))
    out.append(entry("dev/console", 0o020600, rdev=(5, 1)))
    out.append(entry("bin/busybox", 0o100755, busybox))
    for a in APPLETS:
        out.append(entry("bin/" + a, 0o120777, b"busybox"))
    out.append(entry("init", 0o100755, init))
    out.append(entry("TRAILER!!!", 0))
    data = b"".join(out)
    data += b"\0" * (-len(data) % 512)
    open(sys.argv[1], "wb").write(data)


if __name__ == "__main__":
    main()
