#!/bin/sh
# Fetch Debian's x86-64 Linux kernel and busybox-static and prepare the images minihv boots:
#   build/linux/vmlinux      the kernel as an ELF file, taken out of the bzImage on this host
#   build/linux/initrd.cpio  a busybox initramfs whose /init runs tests/linux/init.sh
#   build/linux/setup-header.bin  the bzImage's first KiB: boot sector and setup header
#   build/linux/kernel.txt   KERNEL_RELEASE=... (the `uname -r` the transcript must show)
# The .debs are fetched with `apt-get download` (never installed) and cached in build/linux/debs,
# so a second run is offline and takes about a second.
#   tests/linux/fetch.sh              the newest linux-image-6.1.0-N-amd64 the archive has
#   LINUX_PACKAGE=linux-image-6.1.0-47-amd64 tests/linux/fetch.sh
set -eu
cd "$(dirname "$0")/../.."
out=build/linux
debs=$out/debs
mkdir -p "$debs"

die() { echo "fetch.sh: $*" >&2; exit 1; }

# The package: the one cached, unless asked for another, else the newest signed 6.1 image.
pkg=${LINUX_PACKAGE:-}
if [ -z "$pkg" ]; then
    cached=$(ls "$debs" 2>/dev/null | sed -n 's/^\(linux-image-6\.1\.0-[0-9]*-amd64\)_.*\.deb$/\1/p' | sort -V | tail -n 1)
    pkg=${cached:-$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' 2>/dev/null |
        awk '{print $1}' | sort -V | tail -n 1)}
fi
[ -n "$pkg" ] || die "no linux-image-6.1.0-*-amd64 in the package lists (run apt-get update)"

fetch() { # <package>: its .deb in $debs (downloaded once)
    deb=$(ls "$debs/$1"_*.deb 2>/dev/null | tail -n 1)
    if [ -z "$deb" ]; then
        (cd "$debs" && apt-get download -q "$1" >/dev/null 2>&1) || die "apt-get download $1 failed"
        deb=$(ls "$debs/$1"_*.deb | tail -n 1)
    fi
    echo "$deb"
}
kdeb=$(fetch "$pkg")
bdeb=$(fetch busybox-static)

stamp="$(basename "$kdeb") $(basename "$bdeb") $(cat tests/linux/fetch.sh tests/linux/init.sh tests/linux/mkcpio.py \
    tests/linux/extract_vmlinux.py | cksum)"
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && [ -f "$out/vmlinux" ] && [ -f "$out/initrd.cpio" ] &&
    [ -f "$out/setup-header.bin" ]; then
    echo "fetch.sh: $(basename "$kdeb"), $(basename "$bdeb") (cached)"
    exit 0
fi
rm -f "$out/stamp"

# The bzImage only: the package's /boot, not its modules.
tmp=$out/tmp
rm -rf "$tmp" && mkdir -p "$tmp/k" "$tmp/b"
dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp/k" ./boot || die "cannot unpack $kdeb"
bz=$(ls "$tmp"/k/boot/vmlinuz-* | head -n 1)
release=${bz##*/vmlinuz-}
python3 tests/linux/extract_vmlinux.py "$bz" "$out/vmlinux.tmp" || die "cannot extract vmlinux from $bz"
mv "$out/vmlinux.tmp" "$out/vmlinux"
# The setup header (offset 0x1F1 on) goes into the zero page the loader writes.
head -c 1024 "$bz" >"$out/setup-header.bin"
cp "$tmp/k/boot/config-$release" "$out/config" 2>/dev/null || true

dpkg-deb -x "$bdeb" "$tmp/b" || die "cannot unpack $bdeb"
[ -x "$tmp/b/bin/busybox" ] || die "$bdeb has no /bin/busybox"
python3 tests/linux/mkcpio.py "$out/initrd.cpio.tmp" "$tmp/b/bin/busybox" tests/linux/init.sh || die "cannot build the initramfs"
mv "$out/initrd.cpio.tmp" "$out/initrd.cpio"
echo "KERNEL_RELEASE=$release" >"$out/kernel.txt"
rm -rf "$tmp"
echo "$stamp" >"$out/stamp"
echo "fetch.sh: $(basename "$kdeb") -> $out/vmlinux ($(stat -c %s "$out/vmlinux") bytes, $release)," \
    "$(basename "$bdeb") -> $out/initrd.cpio ($(stat -c %s "$out/initrd.cpio") bytes)"
