/* Generated code: every VMCS accessor keeps to its width, read-only fields have no writer, the
 * name tables say what the manuals say, the VMCB layout is where the APM puts it. */

static unsigned width_bytes_of_encoding(uint32_t enc)
{
    switch ((enc >> 13) & 3) {
    case 0: return 2;
    case 2: return 4;
    default: return 8;
    }
}

/* Writable groups: write all-ones through the typed writer; the operand that reaches VMWRITE
 * must fit the field's width, and reading back through the typed reader returns exactly the
 * field's width of ones. */
#define WRITE_CONTROL(lname, enc) WRITE_ANY(lname, enc)
#define WRITE_GUEST(lname, enc) WRITE_ANY(lname, enc)
#define WRITE_HOST(lname, enc) WRITE_ANY(lname, enc)
#define WRITE_EXIT_INFO(lname, enc) exit_info_fields++;
#define WRITE_ANY(lname, enc)                                                                  \
    do {                                                                                       \
        uint64_t mask = soft_field_mask(enc);                                                  \
        CHECK_EQ(xvcpu_vmcs_write_##lname(all_ones), XVCPU_VMX_OK);                        \
        CHECK_EQ(soft.last_vmwrite_operand & ~mask, 0);                                        \
        CHECK_EQ(soft.vmcs[enc], mask);                                                        \
        writable_fields++;                                                                     \
    } while (0);

#define CHECK_FIELD(NAME, lname, enc, W, G)                                                    \
    CHECK_EQ(sizeof(xvcpu_vmcs_read_##lname()), width_bytes_of_encoding(enc));                 \
    CHECK_EQ(XVCPU_VMCS_##NAME, enc);                                                          \
    CHECK_EQ((enc >> 13) & 3, XVCPU_VMCS_WIDTH_##W);                                           \
    CHECK_EQ((enc >> 10) & 3, XVCPU_VMCS_GROUP_##G);                                           \
    CHECK_STR(xvcpu_vmcs_field_name(enc), #NAME);                                              \
    soft.field_exists[enc] = true;                                                             \
    soft.vmcs[enc] = 0x5A5A5A5A5A5A5A5Aull;                                                    \
    CHECK_EQ(xvcpu_vmcs_read_##lname(), 0x5A5A5A5A5A5A5A5Aull & soft_field_mask(enc));         \
    WRITE_##G(lname, enc)                                                                      \
    fields++;

void test_vmcs_accessor_widths(void)
{
    unsigned fields = 0, writable_fields = 0, exit_info_fields = 0;
    volatile uint64_t all_ones = ~0ull; /* through the typed writer: the excess must be cut off */
    soft_reset();
    soft.has_current_vmcs = true;
    XVCPU_VMCS_FIELDS(CHECK_FIELD)
    CHECK_EQ(fields, XVCPU_VMCS_FIELD_COUNT);
    CHECK(fields >= 190); /* SDM Appendix B, complete */
    CHECK_EQ(writable_fields + exit_info_fields, fields);
    CHECK(exit_info_fields >= 15);
    CHECK_EQ(soft.vmreads, fields); /* sizeof() does not evaluate: one read per field */
}

/* The typed layer has no writer for exit_info fields (tests/compile proves a call does not
 * compile); the raw VMWRITE a buggy caller might try fails as the SDM says (error 13). */
void test_vmcs_read_only_has_no_writer_at_runtime(void)
{
    soft_reset();
    soft.has_current_vmcs = true;
    soft.field_exists[XVCPU_VMCS_EXIT_QUALIFICATION] = true;
    CHECK_EQ(XVCPU_VMWRITE(XVCPU_VMCS_EXIT_QUALIFICATION, 1), XVCPU_VMX_FAIL_VALID);
    CHECK_EQ(soft.vm_instruction_error, 13);
    CHECK_STR(xvcpu_vmx_error_text(soft.vm_instruction_error), "VMWRITE to read-only VMCS component");
    /* a field this CPU lacks: VMfailValid, error 12, the reader returns 0 */
    CHECK_EQ(xvcpu_vmcs_read_guest_rip(), 0);
    CHECK_EQ(soft.vm_instruction_error, 12);
    soft.has_current_vmcs = false;
    CHECK_EQ(xvcpu_vmcs_write_guest_rip(1), XVCPU_VMX_FAIL_INVALID);
}

void test_generated_names(void)
{
    /* exit reasons: SDM Vol. 3D Appendix C */
    CHECK_STR(xvcpu_vmx_exit_reason_name(0), "EXCEPTION_OR_NMI");
    CHECK_STR(xvcpu_vmx_exit_reason_name(10), "CPUID");
    CHECK_STR(xvcpu_vmx_exit_reason_name(48), "EPT_VIOLATION");
    CHECK_STR(xvcpu_vmx_exit_reason_name(55), "XSETBV");
    CHECK(xvcpu_vmx_exit_reason_name(35) == NULL); /* reserved */
    CHECK(xvcpu_vmx_exit_reason_name(0xFFFF) == NULL);
    CHECK_EQ(XVCPU_VMX_EXIT_TRIPLE_FAULT, 2);
    CHECK_EQ(XVCPU_VMX_EXIT_IO_INSTRUCTION, 30);
    CHECK_EQ(XVCPU_VMX_EXIT_EPT_MISCONFIG, 49);
    /* VM-instruction errors: SDM Vol. 3C "VM Instruction Error Numbers" */
    CHECK_STR(xvcpu_vmx_error_text(7), "VM entry with invalid control field(s)");
    CHECK_STR(xvcpu_vmx_error_text(8), "VM entry with invalid host-state field(s)");
    CHECK_STR(xvcpu_vmx_error_text(1), "VMCALL executed in VMX root operation");
    CHECK(xvcpu_vmx_error_text(0) == NULL);
    /* SVM exit codes: APM Vol. 2 Appendix C */
    CHECK_STR(xvcpu_svm_exit_name(0x400), "NPF");
    CHECK_STR(xvcpu_svm_exit_name(0x72), "CPUID");
    CHECK_STR(xvcpu_svm_exit_name(0x81), "VMMCALL");
    CHECK_STR(xvcpu_svm_exit_name(0xFFFFFFFFFFFFFFFFull), "INVALID");
    CHECK(xvcpu_svm_exit_name(0xFFFFFFFFull) == NULL); /* QEMU's -1 in 32 bits is not a code */
    /* MSRs */
    CHECK_EQ(XVCPU_MSR_IA32_EFER, 0xC0000080u);
    CHECK_EQ(XVCPU_MSR_IA32_FEATURE_CONTROL, 0x3Au);
    CHECK_EQ(XVCPU_MSR_VM_CR, 0xC0010114u);
    CHECK_EQ(XVCPU_MSR_VM_HSAVE_PA, 0xC0010117u);
    CHECK_STR(xvcpu_msr_name(0x480), "IA32_VMX_BASIC");
    CHECK_EQ(XVCPU_IA32_EFER_LME, 1ull << 8);
    CHECK_EQ(XVCPU_IA32_EFER_SVME, 1ull << 12);
    CHECK_EQ(XVCPU_IA32_FEATURE_CONTROL_VMX_OUTSIDE_SMX, 1ull << 2);
    CHECK_EQ(XVCPU_VM_CR_SVMDIS, 1ull << 4);
    /* layouts */
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, 0x0000000000000C10ull), 12);
    CHECK_EQ(XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE, 0x10ull), XVCPU_CR_ACCESS_QUAL_ACCESS_TYPE_MOV_FROM_CR);
    CHECK_EQ(XVCPU_FIELD_SET(XVCPU_CR_ACCESS_QUAL_GPR, 0, 5), 0x500ull);
    CHECK_EQ(XVCPU_CR0_PG, 1ull << 31);
    CHECK_EQ(XVCPU_CR4_VMXE, 1ull << 13);
    CHECK_EQ(XVCPU_XCR0_AVX, 1ull << 2);
    CHECK_EQ(XVCPU_EVENTINJ_V, 1ull << 31);
    CHECK_EQ(XVCPU_EVENTINJ_TYPE_EXCEPTION, 3);
    CHECK_EQ(XVCPU_INTERRUPTION_INFO_TYPE_HARDWARE_EXCEPTION, 3);
    CHECK_EQ(XVCPU_ACTIVITY_STATE_WAIT_FOR_SIPI, 3);
}

void test_vmcb_layout(void)
{
    /* APM Vol. 2 Appendix B: a 4 KiB VMCB, control area 0x000-0x3FF, state save from 0x400 */
    CHECK_EQ(sizeof(xvcpu_vmcb), 4096);
    CHECK_EQ(sizeof(xvcpu_vmcb_control), 0x400);
    CHECK_EQ(offsetof(xvcpu_vmcb, save), 0x400);
    CHECK_EQ(offsetof(xvcpu_vmcb_control, exit_code), 0x70);
    CHECK_EQ(offsetof(xvcpu_vmcb_control, event_inj), 0xA8);
    CHECK_EQ(offsetof(xvcpu_vmcb_control, n_cr3), 0xB0);
    CHECK_EQ(offsetof(xvcpu_vmcb_control, next_rip), 0xC8);
    CHECK_EQ(offsetof(xvcpu_vmcb_save, efer), 0xD0);
    CHECK_EQ(offsetof(xvcpu_vmcb_save, rip), 0x178);
    CHECK_EQ(offsetof(xvcpu_vmcb_save, rax), 0x1F8);
    CHECK_EQ(offsetof(xvcpu_vmcb_save, g_pat), 0x268);
    CHECK_EQ(sizeof(xvcpu_vmcb_segment), 16);
}
