/* The software VM-entry checker on the software machine: the VMCS the library writes passes every
 * check, and each of the corruptions below makes exactly the named check fail first, with the
 * failure class the CPU would report (VMfailValid 7 or 8, exit reason 33). */

#include "entry_cases.h"

static uint64_t entry_value(uint64_t v)
{
    if (v == ENTRY_VAL_VMCS_PHYS)
        return vv.arch.vmx.vmcs_phys;
    if (v == ENTRY_VAL_VMXON_PHYS)
        return vcpu_host.region_phys;
    if (v == ENTRY_VAL_OTHER_PAGE)
        return vv.x86.io_bitmap_phys; /* all ones: not a revision identifier */
    return v;
}

static void entry_check_case(const entry_case *t)
{
    const char *want = t->check, *other;
    char text[XVCPU_ERROR_TEXT_SIZE];
    vmx_ready(t->mode);
    /* the VMCS the library wrote passes every check */
    CHECK(xvcpu_vmx_entry_check(&vv, XVCPU_VMX_CHECK_ALL) == NULL);
    soft.vmcs[t->enc] = ((soft.vmcs[t->enc] & t->and_mask) | entry_value(t->or_mask)) & soft_field_mask(t->enc);
    if (t->enc2)
        soft.vmcs[t->enc2] = ((soft.vmcs[t->enc2] & t->and2) | t->or2) & soft_field_mask(t->enc2);
    if (t->enc3)
        soft.vmcs[t->enc3] = t->val3;
    if (t->fail == 33)
        soft.entry_fails = true;
    else
        soft.entry_fail_error = t->fail;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_FAIL_ENTRY);
    if (vex.u.fail_entry.check == NULL || strcmp(vex.u.fail_entry.check, want) != 0)
        printf("  case \"%s\":\n", t->name);
    CHECK_STR(vex.u.fail_entry.check, want);
    if (t->fail == 33)
        snprintf(text, sizeof(text), "xvcpu_vcpu_run: vCPU 0: VM entry failed: ENTRY_FAILURE_GUEST_STATE: %s", want);
    else
        snprintf(text, sizeof(text), "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMLAUNCH: VMfailValid: VM-instruction error %u: %s: %s",
                 t->fail, xvcpu_vmx_error_text(t->fail), want);
    CHECK_STR(vv.error, text);
    /* every other class still passes: the corruption is named in the class the CPU reported (entry
     * to SMM also fails a guest check, the class Bochs 2.7 reports it in) */
    other = xvcpu_vmx_entry_check(&vv, XVCPU_VMX_CHECK_ALL & ~(t->fail == 7   ? XVCPU_VMX_CHECK_CONTROLS
                                                             : t->fail == 8 ? XVCPU_VMX_CHECK_HOST
                                                                            : XVCPU_VMX_CHECK_GUEST));
    if (t->enc == XVCPU_VMCS_ENTRY_CONTROLS && t->or_mask == XVCPU_ENTRY_ENTRY_TO_SMM)
        CHECK_STR(other, "guest interruptibility state: entry to SMM without blocking by SMI (SDM Vol. 3C 27.3.1.5)");
    else
        CHECK(other == NULL);
    vmx_done();
}

void test_entry_check_each_field(void)
{
    unsigned i;
    CHECK(ENTRY_CASE_COUNT >= 30);
    for (i = 0; i < ENTRY_CASE_COUNT; i++)
        entry_check_case(&entry_cases[i]);
}

/* Every mode's start state passes, and the check is made only after a failure: a good entry
 * costs no extra VMREAD. */
void test_entry_check_start_states_pass(void)
{
    xvcpu_start_mode modes[3] = { XVCPU_START_REAL, XVCPU_START_PROTECTED, XVCPU_START_LONG };
    unsigned i;
    for (i = 0; i < 3; i++) {
        const char *why;
        vmx_ready(modes[i]);
        why = xvcpu_vmx_entry_check(&vv, XVCPU_VMX_CHECK_ALL);
        if (why != NULL)
            printf("  start mode %u fails: %s\n", (unsigned)modes[i], why);
        CHECK(why == NULL);
        vmx_done();
    }
}

static unsigned dump_lines;
static char dump_rip[64];
static void dump_print(void *ctx, const char *line)
{
    (void)ctx;
    dump_lines++;
    if (strncmp(line, "GUEST_RIP ", 10) == 0)
        snprintf(dump_rip, sizeof(dump_rip), "%s", line);
}

void test_vmx_dump_every_field(void)
{
    vmx_ready(XVCPU_START_PROTECTED);
    dump_lines = 0;
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_OK);
    CHECK_EQ(dump_lines, XVCPU_VMCS_FIELD_COUNT); /* the soft machine has every field */
    CHECK_STR(dump_rip, "GUEST_RIP 0x100000");
    soft.field_exists[XVCPU_VMCS_GUEST_RIP] = false; /* a field the CPU lacks is left out */
    dump_lines = 0;
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_OK);
    CHECK_EQ(dump_lines, XVCPU_VMCS_FIELD_COUNT - 1);
    soft.field_exists[XVCPU_VMCS_GUEST_RIP] = true;
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vv.error, "xvcpu_vmx_dump: vCPU 0 is not a bound VMX vCPU; its VMCS is not loaded");
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    vmx_done();
}
