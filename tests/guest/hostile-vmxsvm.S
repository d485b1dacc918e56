/* hostile-vmxsvm: the guest's CPUID hides VMX and SVM (and SMX), so every VMX, SVM and SMX
 * instruction is #UD at its own RIP (SDM Vol. 3C 31 and Vol. 2 "VMXON" etc.: VMX non-root
 * operation exits, the library answers as a CPU without VMX; APM Vol. 2 15.4 and Vol. 3: SVM
 * instructions are #UD with EFER.SVME clear, and the guest's EFER.SVME reads 0 and cannot be set).
 * The other vendor's hypercall instruction is #UD too: the library's hypercall is the vendor's
 * own (VMCALL on Intel, VMMCALL on AMD; the other opcode is undefined on that vendor, SDM Vol. 2
 * "VMCALL", APM Vol. 3 "VMMCALL"), and the library does not turn a #UD into a hypercall.
 * WRMSR of EFER.SVME is #GP with EFER unchanged. IA32_FEATURE_CONTROL (Intel) reads locked with
 * VMX off and refuses writes; AMD has no such MSR (#GP). 64-bit long mode, CPL 0. */
#include "common.inc"
#include "mmio.inc"
#include "catch64.inc"

#define MSR_EFER 0xC0000080
#define MSR_FEATURE_CTL 0x3A
#define EFER_SVME (1 << 12)
#define UD 6
#define GP 13
#define SCRATCH 0x10000                  /* a page of guest RAM the operands point at */

    GUEST_HEADER GUEST_MODE_LONG, entry
    .code64
entry:
    call lm64_init
    call catch64_init
    call detect_vendor
    mov $SCRATCH, %edi
    mov $512, %ecx
    xor %eax, %eax
    rep stosq

    /* VMX: the memory operands point at zeroed RAM, the register ones hold 0 */
    mov $SCRATCH, %eax
    xor %ebx, %ebx
    TRY vmxon-ud, 1, UD, NOERR, vmxon (%rax)
    mov $SCRATCH, %eax
    TRY vmxoff-ud, 2, UD, NOERR, vmxoff
    mov $SCRATCH, %eax
    TRY vmclear-ud, 3, UD, NOERR, vmclear (%rax)
    mov $SCRATCH, %eax
    TRY vmptrld-ud, 4, UD, NOERR, vmptrld (%rax)
    mov $SCRATCH, %eax
    TRY vmptrst-ud, 5, UD, NOERR, vmptrst (%rax)
    mov $SCRATCH, %eax
    xor %ebx, %ebx
    TRY vmread-ud, 6, UD, NOERR, vmread %rbx, (%rax)
    mov $SCRATCH, %eax
    xor %ebx, %ebx
    TRY vmwrite-ud, 7, UD, NOERR, vmwrite (%rax), %rbx
    TRY vmlaunch-ud, 8, UD, NOERR, vmlaunch
    TRY vmresume-ud, 9, UD, NOERR, vmresume
    mov $SCRATCH, %eax
    mov $1, %ebx
    TRY invept-ud, 10, UD, NOERR, invept (%rax), %rbx
    mov $SCRATCH, %eax
    mov $1, %ebx
    TRY invvpid-ud, 11, UD, NOERR, invvpid (%rax), %rbx
    xor %eax, %eax
    xor %ecx, %ecx
    TRY vmfunc-ud, 12, UD, NOERR, vmfunc
    xor %eax, %eax                      /* GETSEC[CAPABILITIES] */
    TRY getsec-ud, 13, UD, NOERR, getsec

    /* SVM: rAX is a page-aligned guest-physical address of RAM */
    mov $SCRATCH, %eax
    TRY vmrun-ud, 14, UD, NOERR, vmrun
    mov $SCRATCH, %eax
    TRY vmload-ud, 15, UD, NOERR, vmload
    mov $SCRATCH, %eax
    TRY vmsave-ud, 16, UD, NOERR, vmsave
    TRY clgi-ud, 17, UD, NOERR, clgi
    TRY stgi-ud, 18, UD, NOERR, stgi
    mov $SCRATCH, %eax
    TRY skinit-ud, 19, UD, NOERR, skinit
    mov $SCRATCH, %eax
    xor %ecx, %ecx
    TRY invlpga-ud, 20, UD, NOERR, invlpga

    /* the scratch page is still zero: none of them stored anything */
    mov $SCRATCH, %edi
    mov $512, %ecx
    xor %eax, %eax
    repe scasq
    CHECK64 scratch-untouched, 21, %rcx, 0

    /* the other vendor's hypercall */
    cmpl $2, hv_vendor
    je 1f
    TRY other-vendor-hypercall-ud, 22, UD, NOERR, vmmcall
    jmp 2f
1:  TRY other-vendor-hypercall-ud, 22, UD, NOERR, vmcall
2:

    /* EFER.SVME: reads 0, setting it #GP, EFER unchanged */
    mov $MSR_EFER, %ecx
    rdmsr
    mov %eax, %ebx
    and $EFER_SVME, %eax
    CHECK64 efer-svme-reads-0, 23, %rax, 0
    mov %ebx, %eax
    or $EFER_SVME, %eax
    xor %edx, %edx
    mov $MSR_EFER, %ecx
    TRY efer-svme-set-gp, 24, GP, 0, wrmsr
    mov $MSR_EFER, %ecx
    rdmsr
    CHECK64R efer-unchanged-after-svme, 25, %rax, %rbx

    /* IA32_FEATURE_CONTROL */
    cmpl $2, hv_vendor
    je 3f
    mov $MSR_FEATURE_CTL, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
    CHECK64 feature-control, 26, %rax, 1        /* lock bit, VMX in and outside SMX off */
    mov $MSR_FEATURE_CTL, %ecx
    mov $5, %eax                                /* lock + VMX outside SMX */
    xor %edx, %edx
    TRY feature-control-write-gp, 27, GP, 0, wrmsr
    jmp 4f
3:  mov $MSR_FEATURE_CTL, %ecx
    TRY feature-control, 26, GP, 0, rdmsr
    mov $MSR_FEATURE_CTL, %ecx
    mov $5, %eax
    xor %edx, %edx
    TRY feature-control-write-gp, 27, GP, 0, wrmsr
4:
    PUTS "hostile-vmxsvm: all checks passed\n"
    REPORT 0

    RUNTIME_CATCH64
