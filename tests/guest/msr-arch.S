/* msr-arch: the architectural MSRs the library answers itself because the CPUID view promises
 * them (found booting Linux, issue 10): MTRRCAP/MTRR_DEF_TYPE (CPUID.1:EDX.MTRR), the microcode
 * revision, Intel's MISC_ENABLE and FEATURE_CONTROL (Linux's verify_cpu reads MISC_ENABLE
 * unguarded), AMD's HWCR; and features the view no longer promises (TSC_ADJUST, MONITORX, OSVW)
 * because nothing virtualizes them. Every line printed is the same on Intel and AMD. */
#include "common.inc"

#define MSR_BIOS_SIGN_ID  0x8B
#define MSR_MTRRCAP       0xFE
#define MSR_MTRR_DEF_TYPE 0x2FF
#define MSR_FEATURE_CTL   0x3A
#define MSR_MISC_ENABLE   0x1A0
#define MSR_TSC_ADJUST    0x3B
#define MSR_AMD_HWCR      0xC0010015

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
    call pm32_init

    /* MTRRs: promised, no ranges, the default type reads back; FE and bad types #GP */
    mov $1, %eax
    xor %ecx, %ecx
    cpuid
    bt $12, %edx
    CHECK c, 1
    mov $MSR_MTRRCAP, %ecx
    rdmsr
    or %edx, %eax
    CHECK z, 2
    mov $MSR_MTRRCAP, %ecx
    EXPECT_FAULT 13, 3, wrmsr
    mov $MSR_MTRR_DEF_TYPE, %ecx
    rdmsr
    or %edx, %eax
    CHECK z, 4
    mov $MSR_MTRR_DEF_TYPE, %ecx
    mov $0x806, %eax                /* enabled, write-back */
    xor %edx, %edx
    wrmsr
    xor %eax, %eax
    rdmsr
    cmp $0x806, %eax
    CHECK e, 5
    test %edx, %edx
    CHECK z, 6
    mov $MSR_MTRR_DEF_TYPE, %ecx
    mov $0xC06, %eax                /* FE: there are no fixed ranges */
    EXPECT_FAULT 13, 7, wrmsr
    mov $MSR_MTRR_DEF_TYPE, %ecx
    mov $0x802, %eax                /* type 2 is reserved */
    EXPECT_FAULT 13, 8, wrmsr
    PUTS "msr-arch: MTRRCAP 0, MTRR_DEF_TYPE 0x806 reads back, FE and type 2 raise #GP\n"

    /* microcode revision: write 0, read 0 */
    mov $MSR_BIOS_SIGN_ID, %ecx
    xor %eax, %eax
    xor %edx, %edx
    wrmsr
    rdmsr
    or %edx, %eax
    CHECK z, 9
    PUTS "msr-arch: microcode revision 0\n"

    cmpl $2, hv_vendor
    je amd

    /* Intel: MISC_ENABLE fast strings + BTS/PEBS unavailable; only fast strings changes */
    mov $MSR_MISC_ENABLE, %ecx
    rdmsr
    cmp $0x1801, %eax
    CHECK e, 0x10
    test %edx, %edx
    CHECK z, 0x11
    mov $0x1800, %eax
    wrmsr
    rdmsr
    cmp $0x1800, %eax
    CHECK e, 0x12
    mov $0x1801, %eax
    wrmsr
    mov $MSR_MISC_ENABLE, %ecx
    mov $0x1801, %eax
    mov $4, %edx                    /* XD disable (bit 34): fixed */
    EXPECT_FAULT 13, 0x13, wrmsr
    /* FEATURE_CONTROL: locked, nothing enabled; writes #GP */
    mov $MSR_FEATURE_CTL, %ecx
    rdmsr
    cmp $1, %eax
    CHECK e, 0x14
    mov $MSR_FEATURE_CTL, %ecx
    mov $5, %eax
    xor %edx, %edx
    EXPECT_FAULT 13, 0x15, wrmsr
    jmp vendor_done

amd:
    /* HWCR: TscFreqSel; FFDIS kept; other bits #GP */
    mov $MSR_AMD_HWCR, %ecx
    rdmsr
    cmp $0x1000000, %eax
    CHECK e, 0x20
    mov $0x1000040, %eax
    xor %edx, %edx
    wrmsr
    rdmsr
    cmp $0x1000040, %eax
    CHECK e, 0x21
    mov $MSR_AMD_HWCR, %ecx
    mov $0x1000001, %eax            /* SMMLOCK */
    xor %edx, %edx
    EXPECT_FAULT 13, 0x22, wrmsr
vendor_done:
    PUTS "msr-arch: vendor MSRs (MISC_ENABLE + FEATURE_CONTROL, or HWCR) ok\n"

    /* not promised, not there */
    mov $7, %eax
    xor %ecx, %ecx
    cpuid
    bt $1, %ebx                     /* TSC_ADJUST */
    CHECK nc, 0x30
    mov $MSR_TSC_ADJUST, %ecx
    EXPECT_FAULT 13, 0x31, rdmsr
    mov $0x80000001, %eax
    cpuid
    test $((1 << 29) | (1 << 9)), %ecx  /* MONITORX, OSVW */
    CHECK z, 0x32
    PUTS "msr-arch: no TSC_ADJUST, MONITORX or OSVW in CPUID; TSC_ADJUST raises #GP\n"

    /* TSC_AUX with RDTSCP: what the guest wrote is what RDTSCP returns in ECX */
    mov $0x80000001, %eax
    cpuid
    bt $27, %edx
    jnc 1f
    mov $0xC0000103, %ecx
    mov $0x5A5A1234, %eax
    xor %edx, %edx
    wrmsr
    xor %eax, %eax
    rdmsr
    cmp $0x5A5A1234, %eax
    CHECK e, 0x40
    xor %ecx, %ecx
    rdtscp
    cmp $0x5A5A1234, %ecx
    CHECK e, 0x41
    mov $0xC0000103, %ecx
    mov $1, %edx                    /* bits 63:32 reserved */
    EXPECT_FAULT 13, 0x42, wrmsr
1:  PUTS "msr-arch: TSC_AUX (where RDTSCP is offered) is what RDTSCP returns\n"

    PUTS "msr-arch: all checks passed\n"
    REPORT 0

    RUNTIME_PM32
