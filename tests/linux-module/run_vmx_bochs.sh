#!/bin/sh
# On demand (make e2e-vmx-linux; not part of make test): the Linux module under Bochs 2.7's VMX
# (corei7_haswell_4770, which boots Debian's 6.1 unchanged). Bochs cannot load a kernel itself:
# the Bochs BIOS boots a GRUB rescue CD (grub-mkrescue: grub-pc-bin, grub-common, xorriso) with
# the same kernel and an initramfs like run.sh's (its /init: tests/linux-module/init.sh), minus the
# KVM and spin steps and with XVCPU_LINUX_CYCLES (default 5) reloads. Prints
# PASS|FAIL vmx-linux <guest> per guest (transcripts against tests/e2e/expected/, hardware rows
# from expected/vmx/), PASS|FAIL vmx-linux reload-<N>, and "e2e vmx-linux: N passed, N failed".
# The boot alone takes minutes (Bochs decompresses the kernel at about 40 M instructions/s):
# XVCPU_LINUX_TIMEOUT (default 1800 s) bounds the run.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/transcript.sh
tag=vmx-linux
out=build/linux-module/bochs
cycles=${XVCPU_LINUX_CYCLES:-5}
limit=${XVCPU_LINUX_TIMEOUT:-1800}
pass=0 failed=0
ok() { echo "PASS $tag $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $tag $1: $2"; failed=$((failed + 1)); }
finish() { echo "e2e vmx-linux: $pass passed, $failed failed"; [ $failed -eq 0 ]; exit $?; }

guests=${*:-$(make -s -f tests/guest/guests.mk print-guest-names 2>/dev/null)}
[ -n "$guests" ] || { bad setup "cannot list the guests"; finish; }
for t in bochs-bin grub-mkrescue xorriso; do
    command -v $t >/dev/null || { bad setup "$t not installed (apt-get install bochs bochs-term bochsbios vgabios grub-pc-bin grub-common xorriso)"; finish; }
done
mkdir -p "$out"
vars=$(tests/linux-module/fetch.sh 2>"$out/fetch.log") || { bad setup "fetch.sh failed: $(tail -1 "$out/fetch.log")"; finish; }
eval "$vars"
ko=$(tests/linux-module/build.sh 2>"$out/build.log") || { bad build "$(tail -1 "$out/build.log")"; finish; }

root=$out/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/m" "$root/proc" "$root/sys" "$root/dev"
cp "$BUSYBOX" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp tests/linux-module/init.sh "$root/init"
cp "$ko" "$MODDIR/kernel/arch/x86/kernel/msr.ko" "$root/m/"
echo $guests >"$root/guests"
printf 'CYCLES=%s\nGUEST_CPU=0\nCONTENDED=""\nSPIN=0\nKVM=0\nEND=poweroff\n' "$cycles" >"$root/config"
iso=$out/iso
rm -rf "$iso"
mkdir -p "$iso/boot/grub"
cp "$VMLINUZ" "$iso/boot/vmlinuz"
(cd "$root" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null) >"$iso/boot/initrd" || { bad setup "cpio failed"; finish; }
cat >"$iso/boot/grub/grub.cfg" <<EOT
set timeout=0
menuentry linux {
    linux /boot/vmlinuz console=ttyS0 printk.time=0 nokaslr panic=-1 loglevel=7 clearcpuid=rdrand,rdseed
    initrd /boot/initrd
}
EOT
grub-mkrescue -o "$out/linux.iso" "$iso" >"$out/grub.log" 2>&1 || { bad setup "grub-mkrescue: $(tail -1 "$out/grub.log")"; finish; }

cat >"$out/bochsrc" <<EOT
cpu: model=corei7_haswell_4770, count=1, reset_on_triple_fault=0
megs: 512
romimage: file=/usr/share/bochs/BIOS-bochs-latest, options=fastboot
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$out/linux.iso, status=inserted
boot: cdrom
clock: sync=none, time0=946684800
display_library: term
com1: enabled=1, mode=file, dev=$out/com1.txt
log: $out/bochs.log
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
speaker: enabled=0
mouse: enabled=0
EOT
printf 'c\nquit\n' >"$out/debugger.rc"
rm -f "$out/com1.txt"
start=$(date +%s)
TERM=dumb timeout -s INT -k 5 "$limit" bochs-bin -q -f "$out/bochsrc" -rc "$out/debugger.rc" \
    </dev/null >"$out/stdout.txt" 2>"$out/stderr.txt"
status=$?
echo "vmx-linux: Bochs run took $(($(date +%s) - start)) s (status $status)" >"$out/time.txt"
log=$out/console.txt
tr -d '\r' <"$out/com1.txt" >"$log" 2>/dev/null || : >"$log"
grep -q '^init: done$' "$log" || bad boot "/init did not finish (Bochs status $status); last line: $(tail -1 "$log")"
oops=$(grep -n -E 'Oops|BUG:|WARNING:|general protection|Call Trace|Kernel panic|RIP: 00|soft lockup|stall' "$log" | head -3)

for g in $guests; do
    dir=$out/$g
    mkdir -p "$dir"
    awk -v g="$g" '
        $0 == "init: guest " g " begin" { on = 1; print "minihv: booted (cpu vendor *)"; next }
        on && $0 ~ "^init: guest " g " insmod" { exit }
        on && sub(/^xvcpu_demo: \| /, "") { sub(/^linux: /, "minihv: "); print }' "$log" |
        grep -v -E '^  EXTERNAL_INTERRUPT ' >"$dir/console.txt"
    st=$(sed -n "s/^init: guest $g insmod //p" "$log")
    if ! grep -q "^PASS $tag $g\$" "$dir/console.txt"; then
        bad "$g" "no PASS line (insmod status ${st:-none}): $(grep -v '^minihv: FAIL' "$dir/console.txt" | tail -1)"
    elif why=$(transcript_check vmx "$tag" "$g" "$dir/console.txt" "$dir/transcript"); then
        ok "$g"
    else
        bad "$g" "$why"
    fi
done
n_ok=$(grep -c '^init: cycle [0-9]* [^ ]* ok$' "$log")
leaks=$(grep '^xvcpu_demo: HAL pages outstanding' "$log" | grep -v -c 'outstanding 0 ')
if [ -n "$oops" ]; then bad "reload-$cycles" "the kernel complained: $oops"
elif [ "$n_ok" != "$cycles" ]; then bad "reload-$cycles" "$n_ok of $cycles cycles ok"
elif [ "$leaks" != 0 ]; then bad "reload-$cycles" "$leaks unloads left HAL pages"
elif grep -q '^xvcpu_demo: VMX disabled on CPU [0-9]* (CR4.VMXE 1)' "$log"; then bad "reload-$cycles" "CR4.VMXE left set"
else ok "reload-$cycles"; fi
finish
