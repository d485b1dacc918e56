#!/bin/sh
# Install, from Debian's archive, everything `make test`, `make demo` and `make bench` need.
# Run as root: sudo sh tests/setup-debian.sh   (CI's .ci/run does)
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
    make gcc g++ clang binutils python3 python3-yaml python3-jinja2 \
    bochs bochs-term qemu-system-x86 \
    libzydis-dev libcapstone-dev libclang-rt-14-dev pkg-config \
    xz-utils zstd
# The Linux module (tests/linux-module/): Kbuild with Debian's headers, whose kernel gcc-12 built;
# objtool and modpost from linux-kbuild need libelf and libssl; a static test helper needs libc.a.
# The kernel, headers and busybox themselves are only downloaded (tests/linux-module/fetch.sh).
apt-get install -y -q --no-install-recommends gcc-12 libc6-dev libelf1 libssl3 zlib1g
