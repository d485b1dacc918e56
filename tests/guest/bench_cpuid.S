/* bench_cpuid: 1000 CPUID round trips timed with RDTSC, reported through hypercall 4 (BENCH,
 * RDI = ticks for the whole loop). Under Bochs with clock sync=none one tick is one retired
 * instruction, so the figure is deterministic. Not a test: it always reports PASS afterwards. */
    .code32
    .section .text
    .globl _start
_start:
    .ascii "XVCPUGST"
    .long 2                         /* flat 32-bit protected mode */
    .long 0x8000 + (entry - _start)

entry:
    xor %eax, %eax                  /* vendor decides vmcall vs vmmcall */
    cpuid
    mov %ecx, %ebp                  /* "ntel" (GenuineIntel) or "cAMD" (AuthenticAMD) */
    rdtsc
    mov %eax, %esi
    mov %edx, %edi
    mov $1000, %ecx
1:  push %ecx
    xor %eax, %eax
    cpuid
    pop %ecx
    dec %ecx
    jnz 1b
    rdtsc
    sub %esi, %eax                  /* ticks = end - start (the loop fits 32 bits) */
    mov %eax, %edi
    mov $4, %eax
    cmp $0x6c65746e, %ebp           /* "ntel" */
    jne 2f
    vmcall
    jmp 3f
2:  vmmcall
3:  xor %eax, %eax
    mov $0xF4, %dx
    out %ax, %dx
    cli
4:  hlt
    jmp 4b
