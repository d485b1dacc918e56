#!/bin/sh
# The header compiles cleanly with gcc and clang as C99, C11 and C++; freestanding objects
# reference no libc symbol; misuse of read-only VMCS fields does not compile.
set -u
cd "$(dirname "$0")"
out=../../build/compile
mkdir -p "$out"
fail=0
pass=0
warn="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes"
freestanding="-ffreestanding -nostdlib -mno-red-zone -mgeneral-regs-only -fno-pic -O2"

try() { # name, command...
    name=$1; shift
    if "$@" >"$out/log" 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAIL compile: $name"; sed 's/^/    /' "$out/log" | head -20; fail=$((fail + 1))
    fi
}

for cc in gcc clang; do
    for std in c99 c11; do
        for opt in -O0 -O2; do
            tag="$cc-$std$opt"
            try "$tag impl.c" $cc -std=$std $opt $warn -c impl.c -o "$out/$tag-impl.o"
            try "$tag user.c" $cc -std=$std $opt $warn -c user.c -o "$out/$tag-user.o"
            try "$tag static.c" $cc -std=$std $opt $warn -c static.c -o "$out/$tag-static.o"
            try "$tag link" $cc -r -nostdlib "$out/$tag-impl.o" "$out/$tag-user.o" -o "$out/$tag-both.o"
        done
    done
    try "$cc freestanding" $cc -std=c11 $freestanding $warn -c impl.c -o "$out/$cc-free.o"
    undefined=$(nm -u "$out/$cc-free.o" 2>/dev/null)
    if [ -n "$undefined" ]; then
        echo "FAIL compile: $cc freestanding object references symbols:"; echo "$undefined" | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
for cxx in g++ clang++; do
    cxxwarn="-Wall -Wextra -Werror -Wshadow"
    try "$cxx impl.c" $cxx -x c++ -std=c++11 $cxxwarn -c impl.c -o "$out/$cxx-impl.o"
    try "$cxx user.c" $cxx -x c++ -std=c++17 $cxxwarn -c user.c -o "$out/$cxx-user.o"
    try "$cxx static.c" $cxx -x c++ -std=c++11 $cxxwarn -c static.c -o "$out/$cxx-static.o"
    try "$cxx freestanding" $cxx -x c++ -std=c++17 $freestanding -fno-exceptions -fno-rtti $cxxwarn -c impl.c -o "$out/$cxx-free.o"
done
# AArch64: clang and gcc cross compilers, C99/C11/C++, freestanding; the object references no
# symbol at all (gcc's outline atomics would call libgcc helpers: -mno-outline-atomics).
a64free="-ffreestanding -nostdlib -mgeneral-regs-only -fno-pic -O2"
for a64 in "clang --target=aarch64-none-elf" "aarch64-linux-gnu-gcc -mno-outline-atomics"; do
    a64name=$(echo "$a64" | cut -d' ' -f1)-aarch64
    for std in c99 c11; do
        try "$a64name-$std freestanding" $a64 -std=$std $a64free $warn -c impl.c -o "$out/$a64name-$std.o"
        try "$a64name-$std user.c" $a64 -std=$std $a64free $warn -c user.c -o "$out/$a64name-$std-user.o"
        undefined=$(aarch64-linux-gnu-nm -u "$out/$a64name-$std.o" 2>&1)
        if [ -n "$undefined" ]; then
            echo "FAIL compile: $a64name-$std freestanding object references symbols:"; echo "$undefined" | sed 's/^/    /'
            fail=$((fail + 1))
        fi
    done
done
try "clang++-aarch64 freestanding" clang++ --target=aarch64-none-elf -x c++ -std=c++17 $a64free -fno-exceptions -fno-rtti \
    -Wall -Wextra -Werror -Wshadow -c impl.c -o "$out/clang++-aarch64.o"
for cc in gcc clang; do
    if $cc -std=c11 -Werror -c misuse_readonly.c -o "$out/misuse.o" >"$out/log" 2>&1; then
        echo "FAIL compile: $cc accepted a write to a read-only VMCS field"; fail=$((fail + 1))
    elif grep -q "xvcpu_vmcs_write_exit_qualification" "$out/log"; then
        pass=$((pass + 1))
    else
        echo "FAIL compile: $cc rejected misuse_readonly.c for another reason:"; sed 's/^/    /' "$out/log" | head; fail=$((fail + 1))
    fi
done
echo "compile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
