/* The library's VMRUN consistency checker against the software SVM model's own (soft_svm.c, an
 * independent reading of APM Vol. 2 15.5.1): each corruption makes VMRUN fail, and the FAIL_ENTRY
 * exit names the same check the model failed, with the APM's section. Also the VMCB dump. */

#include "vmrun_cases.h"

void test_svm_vmrun_check_each(void)
{
    unsigned i;
    char want[200], text[512];
    for (i = 0; i < VMRUN_CASE_COUNT; i++) {
        const vmrun_case *t = &vmrun_cases[i];
        start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
        CHECK(xvcpu_svm_vmrun_check(vmcb(), &v.arch.svm.caps) == NULL);
        /* the first VMRUN writes the start state; corrupt it only then */
        script_reset();
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
        CHECK(xvcpu_svm_vmrun_check(vmcb(), &v.arch.svm.caps) == NULL);
        t->corrupt(vmcb());
        CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
        CHECK_EQ(ex.kind, XVCPU_EXIT_FAIL_ENTRY);
        CHECK_STR(soft.failed_check, t->name); /* the model failed the check this case is about */
        snprintf(want, sizeof(want), "%s (APM Vol. 2 15.5.1)", t->name);
        if (ex.u.fail_entry.check == NULL || strcmp(ex.u.fail_entry.check, want) != 0)
            printf("  case %u \"%s\":\n", i, t->name);
        CHECK_STR(ex.u.fail_entry.check, want);
        snprintf(text, sizeof(text),
                 "xvcpu_vcpu_run: vCPU 0: VM entry failed: INVALID: VMRUN found the guest state invalid (APM Vol. 2 "
                 "15.5.1): %s", want);
        CHECK_STR(xvcpu_vcpu_last_error(&v), text);
        finish();
    }
}

static unsigned svm_dump_lines;
static char svm_dump_cs[96], svm_dump_asid[64];
static void svm_dump_print(void *ctx, const char *line)
{
    (void)ctx;
    svm_dump_lines++;
    if (strncmp(line, "save.cs ", 8) == 0)
        snprintf(svm_dump_cs, sizeof(svm_dump_cs), "%s", line);
    if (strncmp(line, "control.guest_asid ", 19) == 0)
        snprintf(svm_dump_asid, sizeof(svm_dump_asid), "%s", line);
}

void test_svm_dump(void)
{
    unsigned expect = 0;
#define COUNT(m, off, K) expect++;
    XVCPU_VMCB_CONTROL_FIELDS(COUNT)
    XVCPU_VMCB_SAVE_FIELDS(COUNT)
#undef COUNT
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
    svm_dump_lines = 0;
    CHECK_EQ(xvcpu_svm_dump(&v, svm_dump_print, NULL), XVCPU_OK);
    CHECK_EQ(svm_dump_lines, expect);
    CHECK(expect > 80);
    CHECK_STR(svm_dump_cs, "save.cs selector 0x8 attrib 0xa9b limit 0xffffffff base 0x0");
    CHECK_STR(svm_dump_asid, "control.guest_asid 0x1");
    CHECK_EQ(xvcpu_vmx_dump(&v, svm_dump_print, NULL), XVCPU_ERR_BAD_STATE);
    finish();
}
