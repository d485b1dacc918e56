#!/bin/sh
# /init of the test initramfs (tests/linux/mkcpio.py): what the transcript check looks for.
export PATH=/bin
mount -t proc proc /proc
echo "xvcpu-init: started"
echo "xvcpu-init: uname -r: $(uname -r)"
echo "xvcpu-init: cpus: $(grep -c processor /proc/cpuinfo)"
mount -t tmpfs tmpfs /tmp
echo "written in tmpfs" >/tmp/xvcpu.txt
echo "xvcpu-init: tmpfs: $(cat /tmp/xvcpu.txt)"
echo "xvcpu-init: powering off"
poweroff -f
