#!/bin/sh
# Build minihv-arm64 with one guest: build.sh <guest> <outdir> [gcc]. clang + ld.lld, freestanding,
# -mstrict-align (the MMU is off at EL2, so every access is Device memory); with `gcc` the
# hypervisor (hv.c and the library) is compiled by aarch64-linux-gnu-gcc instead.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
guest=$1
out=$2
hvcc=${3:-clang}
mkdir -p "$out"
defs=""
case $guest in
bench) defs=-DMINIHV_SHARE_PMU ;; # it counts with the PMU, which the guest does not get by default
el2fault) defs="-DMINIHV_EL2_FAULT -DXVCPU_ARM64_DEBUG_HOOKS" ;; # the library made to fault at EL2
esac
cflags="--target=aarch64-none-elf -ffreestanding -nostdlib -mgeneral-regs-only -mstrict-align -fno-pic -O2 -g
        -Wall -Wextra -Werror"
if [ "$hvcc" = gcc ]; then
    aarch64-linux-gnu-gcc -ffreestanding -nostdlib -mgeneral-regs-only -mstrict-align -mno-outline-atomics -fno-pic \
        -fno-tree-loop-distribute-patterns -O2 -g -Wall -Wextra -Werror -std=c11 $defs -c "$here/hv.c" -o "$out/hv.o"
else
    clang $cflags -std=c11 $defs -c "$here/hv.c" -o "$out/hv.o"
fi
clang $cflags -c "$here/start.S" -o "$out/start.o"
clang $cflags -I"$here/guests" -c "$here/guests/$guest.S" -o "$out/guest.o"
ld.lld -T "$here/link.ld" -o "$out/minihv.elf" "$out/start.o" "$out/hv.o" "$out/guest.o"
