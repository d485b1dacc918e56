#!/bin/sh
# /init of the test's initramfs (tests/linux-module/run.sh puts it there): loads the demo module
# once per guest, then reloads it XVCPU_CYCLES times with a guest each time, checks that the
# module refuses a CPU whose SVM KVM holds, reads EFER on every CPU, and reboots (QEMU runs with
# -no-reboot, so that ends the run). Each step prints an "init: " line for the runner.
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
. /config # CYCLES, GUEST_CPU, CONTENDED, SPIN (1: run the spin guest), KVM (1: the refusal test)

efer() { # the EFER MSR (0xC0000080) of CPU $1: /dev/cpu/N/msr reads MSR <offset>, 8 bytes
    dd if=/dev/cpu/"$1"/msr bs=8 skip=$((0xC0000080 / 8)) count=1 2>/dev/null | od -An -tx8 | tr -d ' '
}
cpus=$(grep -c '^processor' /proc/cpuinfo)
insmod /m/msr.ko || echo "init: msr.ko failed"
echo "init: cpus $cpus vendor $(sed -n 's/^vendor_id[^:]*: //p' /proc/cpuinfo | head -1)"

for g in $(cat /guests); do
    echo "init: guest $g begin"
    insmod /m/xvcpu_demo.ko guest="$g" cpu="$GUEST_CPU"
    echo "init: guest $g insmod $?"
    if grep -q '^xvcpu_demo ' /proc/modules; then rmmod xvcpu_demo; echo "init: guest $g rmmod $?"; fi
done

echo "init: cycles begin"
set -- $(cat /guests)
i=0
while [ $i -lt "$CYCLES" ]; do
    g=$(eval echo \${$((i % $# + 1))})
    if insmod /m/xvcpu_demo.ko guest="$g" cpu=$((i % cpus)) && rmmod xvcpu_demo; then
        echo "init: cycle $i $g ok"
    else
        echo "init: cycle $i $g failed"
        grep -q '^xvcpu_demo ' /proc/modules && rmmod xvcpu_demo
    fi
    i=$((i + 1))
done
echo "init: cycles end"
efers() { c=0; while [ $c -lt "$cpus" ]; do echo "init: efer $1 cpu$c $(efer $c)"; c=$((c + 1)); done; }
efers after-unload

# A CPU hog on the guests' CPU: the scheduler wants the CPU back while they run, so the module
# must let it go (unbind, schedule, bind) and the guests must not notice.
taskset -c "$GUEST_CPU" sh -c 'while :; do :; done' &
hog=$!
for g in $CONTENDED; do
    echo "init: contended $g begin"
    insmod /m/xvcpu_demo.ko guest="$g" cpu="$GUEST_CPU"
    echo "init: contended $g insmod $?"
    grep -q '^xvcpu_demo ' /proc/modules && rmmod xvcpu_demo
done
# A guest that never exits: the time limit stops it and the load fails cleanly.
if [ "$SPIN" = 1 ]; then
    echo "init: spin begin"
    insmod /m/xvcpu_demo.ko guest=spin cpu="$GUEST_CPU" timeout_ms=2000
    echo "init: spin insmod $?"
    grep -q '^xvcpu_demo ' /proc/modules && rmmod xvcpu_demo
fi
kill $hog
wait $hog 2>/dev/null
echo "init: hog stopped"

# KVM: loading kvm_amd takes nothing; its first VM enables SVM on every CPU. The module must refuse.
if [ "$KVM" = 1 ]; then
    for m in irqbypass kvm ccp kvm-amd; do insmod /m/$m.ko || echo "init: insmod $m failed"; done
    kvm_hold insmod /m/xvcpu_demo.ko guest=io cpu=0
    echo "init: kvm-refusal status $?"
    grep -q '^xvcpu_demo ' /proc/modules && rmmod xvcpu_demo
    for m in kvm_amd kvm ccp irqbypass; do rmmod $m; done
fi

efers after-kvm
echo "init: done"
sync
# QEMU runs with -no-reboot: a reboot ends it. Bochs would boot again: it powers off (ACPI).
if [ "${END:-reboot}" = poweroff ]; then poweroff -f; else reboot -f; fi
