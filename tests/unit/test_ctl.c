/* The control-adjust helper against hand-worked vectors, including Bochs' icelake values. */

void test_ctl_adjust_vectors(void)
{
    xvcpu_vmx_ctl_result r;
    /* allowed-0 (must be 1) = 0x16, allowed-1 = 0x7F: required 0x01, optional 0x40|0x80 */
    r = xvcpu_vmx_ctl_adjust(0x0000007F00000016ull, false, 0x01, 0xC0);
    CHECK_EQ(r.value, 0x57);   /* 0x16 | 0x01 | 0x40; 0x80 is not allowed and was optional */
    CHECK_EQ(r.missing, 0);
    /* a required bit the CPU cannot set is reported, exactly */
    r = xvcpu_vmx_ctl_adjust(0x0000007F00000016ull, false, 0x101, 0);
    CHECK_EQ(r.missing, 0x100);
    /* bits neither required nor optional stay 0 unless the CPU insists */
    r = xvcpu_vmx_ctl_adjust(0xFFFFFFFF00000000ull, false, 0, 0);
    CHECK_EQ(r.value, 0);
    /* 64-bit allowed-1 format (tertiary / secondary exit): no must-be-1 half */
    r = xvcpu_vmx_ctl_adjust(0x8000000000000011ull, true, 0x8000000000000001ull, 0x10 | 0x20);
    CHECK_EQ(r.value, 0x8000000000000011ull);
    CHECK_EQ(r.missing, 0);
    r = xvcpu_vmx_ctl_adjust(0x11, true, 0x100000000ull, 0);
    CHECK_EQ(r.missing, 0x100000000ull);
}

/* Bochs 2.7, cpu model corei7_icelake_u: IA32_VMX_BASIC = 0x00d8100000000004 and
 * IA32_VMX_PROCBASED_CTLS2 = 0x02977fff00000000. */
void test_ctl_bochs_icelake(void)
{
    const uint64_t basic = 0x00d8100000000004ull;
    xvcpu_vmx_ctl_result r;
    uint64_t want_required = XVCPU_PROC2_ENABLE_EPT | XVCPU_PROC2_ENABLE_VPID | XVCPU_PROC2_UNRESTRICTED_GUEST;
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REVISION_ID, basic), 4);
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_REGION_SIZE, basic), 0x1000);
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_IA32_VMX_BASIC_MEMORY_TYPE, basic), 6);
    CHECK((basic & XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS) != 0);
    CHECK((basic & XVCPU_IA32_VMX_BASIC_INS_OUTS_INFO) != 0);

    soft_reset();
    soft_set_msr(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2, 0x02977fff00000000ull);
    /* EPT (1), VPID (5), unrestricted guest (7) required; RDTSCP (3), INVPCID (12), XSAVES (20)
     * optional, all offered: value = 0x2 | 0x20 | 0x80 | 0x8 | 0x1000 | 0x100000 */
    r = xvcpu_vmx_ctl_adjust_word(XVCPU_VMX_WORD_PROC2, basic, want_required,
                                  XVCPU_PROC2_ENABLE_RDTSCP | XVCPU_PROC2_ENABLE_INVPCID |
                                      XVCPU_PROC2_ENABLE_XSAVES_XRSTORS);
    CHECK_EQ(r.missing, 0);
    CHECK_EQ(r.value, 0x1010AAull);
    CHECK_EQ(soft.rdmsrs, 1);
    /* bit 15 (ENCLS exiting) and bit 22 (Intel PT uses guest physical addresses... not offered
     * by this model): 0x02977fff lacks bits 15, 19, 21, 22, 24 */
    r = xvcpu_vmx_ctl_adjust_word(XVCPU_VMX_WORD_PROC2, basic, XVCPU_PROC2_ENABLE_EPT | (1ull << 15) | (1ull << 22), 0);
    CHECK_EQ(r.missing, (1ull << 15) | (1ull << 22));
    CHECK_STR(xvcpu_vmx_ctl_first_missing(XVCPU_VMX_WORD_PROC2, r.missing), xvcpu_vmx_control_bit_name(XVCPU_VMX_WORD_PROC2, 15));
    CHECK(xvcpu_vmx_control_bit_name(XVCPU_VMX_WORD_PROC2, 15) != NULL);
}

/* With IA32_VMX_BASIC bit 55 the TRUE_ MSR decides (it may allow default1 bits to be 0); without
 * it the plain MSR, whose allowed-0 half forces the default1 bits. */
void test_ctl_true_msr_choice(void)
{
    xvcpu_vmx_ctl_result r;
    soft_reset();
    /* plain MSR: default1 bits 1,4-6,8,13-16,26 must be 1 (0x0401E172) */
    soft_set_msr(XVCPU_MSR_IA32_VMX_PROCBASED_CTLS, 0xFFF9FFFE0401E172ull);
    /* TRUE MSR: CR3-load/store exiting (15, 16) may be 0 (0x04006172) */
    soft_set_msr(XVCPU_MSR_IA32_VMX_TRUE_PROCBASED_CTLS, 0xFFF9FFFE04006172ull);
    CHECK_EQ(xvcpu_vmx_ctl_cap_msr(XVCPU_VMX_WORD_PROC, 0), XVCPU_MSR_IA32_VMX_PROCBASED_CTLS);
    CHECK_EQ(xvcpu_vmx_ctl_cap_msr(XVCPU_VMX_WORD_PROC, XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS),
             XVCPU_MSR_IA32_VMX_TRUE_PROCBASED_CTLS);
    /* secondary controls have no TRUE_ MSR whatever bit 55 says */
    CHECK_EQ(xvcpu_vmx_ctl_cap_msr(XVCPU_VMX_WORD_PROC2, XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS),
             XVCPU_MSR_IA32_VMX_PROCBASED_CTLS2);
    r = xvcpu_vmx_ctl_adjust_word(XVCPU_VMX_WORD_PROC, 0, XVCPU_PROC_HLT_EXITING | XVCPU_PROC_USE_IO_BITMAPS, 0);
    CHECK_EQ(r.value, 0x0401E172ull | 0x80 | 0x02000000);
    r = xvcpu_vmx_ctl_adjust_word(XVCPU_VMX_WORD_PROC, XVCPU_IA32_VMX_BASIC_TRUE_CONTROLS,
                                  XVCPU_PROC_HLT_EXITING | XVCPU_PROC_USE_IO_BITMAPS, 0);
    CHECK_EQ(r.value, 0x04006172ull | 0x80 | 0x02000000);
    /* the spec's default1 class for the primary controls is exactly the SDM's (A.3.2) */
    CHECK_EQ(XVCPU_PROC_DEFAULT1, 0x0401E172u);
    CHECK_EQ(XVCPU_PIN_DEFAULT1, 0x16u);
    CHECK_EQ(XVCPU_EXIT_DEFAULT1, 0x36DFFu);
    CHECK_EQ(XVCPU_ENTRY_DEFAULT1, 0x11FFu);
}
