/* The shared part of the software machines (soft_x86.h): included by unit/soft_machine.c and
 * svm/soft_svm.c, after the declaration of their `soft`. */

void soft_set_msr(uint32_t msr, uint64_t value)
{
    unsigned i;
    for (i = 0; i < soft.msr_count; i++) {
        if (soft.msr_index[i] == msr) {
            soft.msr_value[i] = value;
            return;
        }
    }
    if (soft.msr_count < SOFT_MAX_MSRS) {
        soft.msr_index[soft.msr_count] = msr;
        soft.msr_value[soft.msr_count++] = value;
    }
}

uint64_t soft_rdmsr(uint32_t msr)
{
    unsigned i;
    soft.rdmsrs++;
    for (i = 0; i < soft.msr_count; i++)
        if (soft.msr_index[i] == msr)
            return soft.msr_value[i];
    return 0xBAD0BAD0BAD0BAD0ull; /* an MSR the test did not set: obviously wrong value */
}

void soft_wrmsr(uint32_t msr, uint64_t value)
{
    soft.wrmsrs++;
    soft_set_msr(msr, value);
}

void soft_set_cpuid(uint32_t leaf, uint32_t eax, uint32_t ebx, uint32_t ecx, uint32_t edx)
{
    unsigned i;
    for (i = 0; i < soft.cpuid_count; i++)
        if (soft.cpuid[i][0] == leaf)
            break;
    if (i == soft.cpuid_count) {
        if (soft.cpuid_count == SOFT_MAX_CPUID_LEAVES)
            return;
        soft.cpuid_count++;
    }
    soft.cpuid[i][0] = leaf;
    soft.cpuid[i][1] = eax;
    soft.cpuid[i][2] = ebx;
    soft.cpuid[i][3] = ecx;
    soft.cpuid[i][4] = edx;
}

void soft_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    unsigned i;
    (void)subleaf;
    out[0] = out[1] = out[2] = out[3] = 0;
    for (i = 0; i < soft.cpuid_count; i++)
        if (soft.cpuid[i][0] == leaf) {
            out[0] = soft.cpuid[i][1];
            out[1] = soft.cpuid[i][2];
            out[2] = soft.cpuid[i][3];
            out[3] = soft.cpuid[i][4];
        }
}
