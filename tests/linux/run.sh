#!/bin/sh
# minihv boots Debian's Linux kernel (issue 10) under one backend and platform, and judges the run.
#   tests/linux/run.sh <svm-qemu|vmx-bochs|svm-bochs> [smp]   (smp: two vCPUs, `linux-smp`)
# Prints one line, `PASS <backend> linux` or `FAIL <backend> linux: <why>`, and exits 0 only for
# PASS: the VMM passed (the guest halted for good after `poweroff -f`) and the console shows the
# kernel banner, /init's `uname -r`, its CPU count, the file read back from tmpfs and the halt.
# Output in build/linux/run/<backend>/ (console.txt: the VMM's log with the guest's serial output).
# LINUX_TIMEOUT (seconds, default 300) bounds the emulator; LINUX_CMDLINE_EXTRA adds to the
# kernel command line (loglevel=8: the whole boot log).
set -u
cd "$(dirname "$0")/../.."
tag=${1:-}
name=linux cpus=1
if [ "${2:-}" = smp ]; then name=linux-smp cpus=2; fi
case $tag in
svm-qemu) platform=qemu mode=svm ;;
vmx-bochs) platform=bochs mode=vmx ;;
svm-bochs) platform=bochs mode=svm ;;
*) echo "usage: $0 <svm-qemu|vmx-bochs|svm-bochs>" >&2; exit 2 ;;
esac
fail() { echo "FAIL $tag $name: $*"; exit 1; }

out=build/linux/run/$tag$( [ $cpus = 1 ] || echo -smp)
mkdir -p "$out"
tests/linux/fetch.sh >"$out/fetch.log" 2>&1 || fail "fetch failed: $(tail -n 1 "$out/fetch.log")"
. build/linux/kernel.txt

# QEMU loads the images into memory (-device loader); Bochs reads them from an ATA disk (its
# optramimage puts a file larger than one 1 MiB memory block into the wrong blocks).
# Host-physical layout (the emulator has 384 MiB): minihv below 16 MiB, its page pool 16-64 MiB,
# boot.bin at 64 MiB, guest RAM 256 MiB at 128 MiB; the initrd at guest-physical 128 MiB.
ram_hpa=0x8000000 ram_size=0x10000000 initrd_gpa=0x8000000 info_hpa=0x4000000 megs=384
# The guest's TSC is the emulator's: Bochs (clock sync=none) and QEMU (-icount shift=0) count
# one tick per instruction; we call that 1 GHz. loglevel=6: notices (the banner), warnings and
# errors, not the info lines (each console byte costs two exits: LSR poll and THR write).
# Entering startup_64 directly skips the decompressor, which is where KASLR happens.
# lpj: 1 GHz / HZ 250, so application processors do not calibrate their delay loop (they would
# wait for timer ticks while time-sliced with the others).
cmdline="console=ttyS0,115200 loglevel=6 acpi=off pci=off 8250.nr_uarts=1 tsc_early_khz=1000000 tsc=reliable lpj=4000000"
cmdline="$cmdline cryptomgr.notests rodata=off init_on_alloc=0 mitigations=off ${LINUX_CMDLINE_EXTRA:-}"
eval "$(python3 tests/linux/mkboot.py "$out/images" build/linux/vmlinux build/linux/initrd.cpio \
    build/linux/setup-header.bin $ram_hpa $ram_size $initrd_gpa $info_hpa "$cmdline")" || fail "mkboot.py failed"

make -s -f examples/minihv/minihv.mk BUILD="$out/build" minihv \
    MINIHV_EXTRA_SRCS="examples/minihv/linux/vmm.c examples/minihv/linux/boot.c examples/minihv/linux/uart.c examples/minihv/linux/ioapic.c examples/minihv/linux/ata.c examples/minihv/linux/hosttimer.c examples/minihv/linux/hosttimer.S" \
    MINIHV_CFLAGS_EXTRA="-Iexamples/minihv/kernel -I. -DMINIHV_PLATFORM=$platform -DLINUX_CPUS=$cpus" \
    MINIHV_INCBIN_DEPS="xvcpu.h examples/minihv/linux/linux.h" >"$out/make.log" 2>&1 ||
    fail "minihv build failed (see $out/make.log)"
rom=$out/build/minihv/minihv.rom img=$(pwd)/$out/images

start=$(date +%s%N)
export MINIHV_TIMEOUT=${LINUX_TIMEOUT:-300}
if [ $platform = qemu ]; then
    MINIHV_QEMU_MEM=$megs MINIHV_QEMU_ARGS="-device loader,file=$img/kernel.bin,addr=$KERNEL_HPA,force-raw=on \
-device loader,file=$(pwd)/build/linux/initrd.cpio,addr=$INITRD_HPA,force-raw=on \
-device loader,file=$img/boot.bin,addr=$BOOT_INFO_HPA,force-raw=on" \
        nice tests/e2e/run_qemu.sh "$rom" "$out/run" $name >"$out/line.txt"
else
    sed "s/^megs: .*/megs: $megs/" examples/minihv/bochs/$mode.bxrc >"$out/bochs.bxrc"
    cat >>"$out/bochs.bxrc" <<EOT
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=disk, path=$img/disk.img, mode=flat, cylinders=$DISK_CYLINDERS, heads=16, spt=63, translation=none, biosdetect=none
EOT
    MINIHV_BXRC=$(pwd)/$out/bochs.bxrc nice tests/e2e/run_bochs.sh $mode "$rom" "$out/run" $name >"$out/line.txt"
fi
end=$(date +%s%N)
wall_ds=$(( (end - start) / 100000000 ))
con=$out/run/console.txt
line=$(cat "$out/line.txt")
case $line in PASS*) ;; *) tail -n 15 "$con" 2>/dev/null | sed 's/^/    /'; fail "${line#FAIL * $name: }" ;; esac
# The transcript: the banner, /init's lines (tests/linux/init.sh) and the halt, in that order.
want="Linux version $KERNEL_RELEASE
xvcpu-init: uname -r: $KERNEL_RELEASE
xvcpu-init: cpus: $cpus
xvcpu-init: tmpfs: written in tmpfs
reboot: System halted
linux-vmm: the guest halted with interrupts off
PASS $tag $name"
prev=0
echo "$want" | while IFS= read -r w; do
    n=$(grep -n -a -F "$w" "$con" | head -n 1 | cut -d: -f1)
    if [ -z "$n" ]; then echo "missing: $w"; exit 1; fi
    if [ "$n" -lt "$prev" ]; then echo "out of order: $w"; exit 1; fi
    prev=$n
done >"$out/check.txt" || fail "transcript: $(cat "$out/check.txt")"
grep -a '^bench: ' "$con" | sed "s/^bench: linux\./bench: $name.$tag./"
echo "bench: $name.$tag.wall_seconds $((wall_ds / 10)).$((wall_ds % 10)) s"
echo "PASS $tag $name"
