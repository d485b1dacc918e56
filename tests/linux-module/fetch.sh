#!/bin/sh
# Fetch Debian's 6.1 kernel image, its headers + kbuild and busybox-static into build/linux/ with
# `apt-get download` and unpack them with `dpkg-deb -x`; nothing is installed. A second run with
# everything already in build/linux/ is offline. Prints the tree's variables for the other scripts:
#   KVER=6.1.0-<N>-amd64  KDIR=<headers dir to `make -C`>  VMLINUZ=...  BUSYBOX=...  MODDIR=...
# XVCPU_LINUX_ABI=<N> chooses the ABI; by default the newest one whose image version the archive
# also has a linux-kbuild-6.1 for.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
out=$root/build/linux
mkdir -p "$out/debs"

say() { echo "fetch: $*" >&2; }

pick_abi() {
    kbuild_versions=$(apt-cache madison linux-kbuild-6.1 | awk '{print $3}')
    [ -n "$kbuild_versions" ] || { say "apt-cache knows no linux-kbuild-6.1 (run apt-get update)"; exit 1; }
    for n in $(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' |
        sed -n 's/^linux-image-6\.1\.0-\([0-9]*\)-amd64 .*/\1/p' | sort -rn); do
        v=$(apt-cache madison "linux-image-6.1.0-$n-amd64" | awk 'NR == 1 {print $3}')
        if echo "$kbuild_versions" | grep -qx "$v"; then echo "$n $v"; return 0; fi
    done
    say "no linux-image-6.1.0-<N>-amd64 whose version has a linux-kbuild-6.1"
    exit 1
}

if [ -f "$out/abi" ] && [ -z "${XVCPU_LINUX_ABI:-}" ]; then
    read -r abi ver <"$out/abi"
else
    if [ -n "${XVCPU_LINUX_ABI:-}" ]; then
        abi=$XVCPU_LINUX_ABI
        ver=$(apt-cache madison "linux-image-6.1.0-$abi-amd64" | awk 'NR == 1 {print $3}')
        [ -n "$ver" ] || { say "no linux-image-6.1.0-$abi-amd64 in the archive"; exit 1; }
    else
        set -- $(pick_abi)
        abi=$1 ver=$2
    fi
fi
kver=6.1.0-$abi-amd64
tree=$out/$kver

# pkg=version pairs; the headers, image and kbuild share one version.
pkgs="linux-image-$kver=$ver linux-headers-$kver=$ver linux-headers-6.1.0-$abi-common=$ver linux-kbuild-6.1=$ver busybox-static"
if [ ! -f "$tree/.unpacked" ]; then
    for p in $pkgs; do
        name=${p%%=*}
        if ! ls "$out/debs/${name}_"*.deb >/dev/null 2>&1; then
            say "apt-get download $p"
            (cd "$out/debs" && apt-get download -q "$p" >&2) || { say "apt-get download $p failed"; exit 1; }
        fi
    done
    rm -rf "$tree.tmp"
    mkdir -p "$tree.tmp"
    for d in "$out/debs/"*.deb; do
        case $(basename "$d") in
        linux-image-"$kver"_* | linux-headers-"$kver"_* | linux-headers-6.1.0-"$abi"-common_* | \
            linux-kbuild-6.1_"$(echo "$ver" | sed 's/:/%3a/')"_* | busybox-static_*) dpkg-deb -x "$d" "$tree.tmp" ;;
        esac
    done
    # The headers' build/scripts/tools links point into /usr/src and /usr/lib as installed; make
    # them relative so the tree works where it is.
    hdr=$tree.tmp/usr/src/linux-headers-$kver
    for l in scripts tools; do
        [ -L "$hdr/$l" ] && rm "$hdr/$l" && ln -s "../../lib/linux-kbuild-6.1/$l" "$hdr/$l"
    done
    [ -f "$tree.tmp/boot/vmlinuz-$kver" ] || { say "the image has no /boot/vmlinuz-$kver"; exit 1; }
    echo "$abi $ver" >"$out/abi.tmp"
    rm -rf "$tree"
    mv "$tree.tmp" "$tree"
    mv "$out/abi.tmp" "$out/abi"
    touch "$tree/.unpacked"
fi
# The headers' Makefile includes the common tree by absolute path: point it at this tree (again
# after the checkout moved).
mk=$tree/usr/src/linux-headers-$kver/Makefile
want="include $tree/usr/src/linux-headers-6.1.0-$abi-common/Makefile"
grep -qxF "$want" "$mk" || sed -i "s|^include .*/usr/src/linux-headers-6.1.0-$abi-common/Makefile\$|$want|" "$mk"
grep -qxF "$want" "$mk" || { say "cannot fix the include in $mk"; exit 1; }
echo "KVER=$kver"
echo "KDIR=$tree/usr/src/linux-headers-$kver"
echo "VMLINUZ=$tree/boot/vmlinuz-$kver"
echo "MODDIR=$tree/lib/modules/$kver"
echo "BUSYBOX=$tree/bin/busybox"
