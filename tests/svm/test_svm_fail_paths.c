/* The SVM backend's failure paths on the software SVM model: every HAL allocation fails in turn
 * (enable, stage-2, create, setup), each refused with a text naming what had no memory and no page
 * leaked; a failed VMRUN leaves the vCPU usable; 10,000 vCPU lives leak nothing. */

void test_svm_fail_each_allocation(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_vcpu_setup_args a;
        xvcpu_err err;
        bool all_ok;
        soft_amd(SVM_NPT | SVM_NRIPS, 16);
        mock_reset();
        memset(&host, 0, sizeof(host));
        memset(&v, 0, sizeof(v));
        mock.fail_alloc_at = n;
        CHECK_EQ(xvcpu_percpu_init(&host, &mock_hal, 0, NULL), XVCPU_OK);
        if ((err = xvcpu_percpu_enable(&host)) != XVCPU_OK) {
            CHECK_STR(host.error, "xvcpu_percpu_enable: CPU 0: no pages for the host save area");
            CHECK_EQ(soft_rdmsr(XVCPU_MSR_IA32_EFER) & XVCPU_IA32_EFER_SVME, 0); /* SVM stays off */
        } else if ((err = xvcpu_stage2_init_for_cpu(&s2, &host)) != XVCPU_OK ||
                   (err = xvcpu_stage2_map(&s2, 0, 0x10000000, 0x400000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6)) != XVCPU_OK) {
            CHECK(strstr(xvcpu_stage2_last_error(&s2), "no page") != NULL || strstr(xvcpu_stage2_last_error(&s2), "memory") != NULL);
        } else if ((err = xvcpu_vcpu_create(&v, &host, 0)) != XVCPU_OK) {
            CHECK_STR(v.error, "xvcpu_vcpu_create: vCPU 0: no pages for the VMCB and permission maps");
            CHECK_EQ(xvcpu_vcpu_state(&v), XVCPU_STATE_INVALID);
        } else {
            a.mode = XVCPU_START_LONG;
            a.entry = 0x8000;
            a.stack = 0x7000;
            a.cr3 = 0x1000;
            a.stage2 = &s2;
            if ((err = xvcpu_vcpu_setup(&v, &a)) != XVCPU_OK) {
                CHECK_STR(v.error, "xvcpu_vcpu_setup: vCPU 0: no pages for the extended-state area");
                CHECK_EQ(xvcpu_vcpu_state(&v), XVCPU_STATE_CREATED);
                CHECK_EQ(xvcpu_vcpu_setup(&v, &a), XVCPU_OK); /* usable once memory is back */
            }
        }
        all_ok = mock.fail_alloc_at != 0; /* no allocation was left to fail */
        if (all_ok)
            CHECK_EQ(err, XVCPU_OK);
        else
            CHECK_EQ(err, XVCPU_ERR_NO_MEMORY);
        mock.fail_alloc_at = 0;
        if (err != XVCPU_OK)
            paths++;
        if (xvcpu_vcpu_state(&v) != XVCPU_STATE_INVALID) {
            if (xvcpu_vcpu_state(&v) == XVCPU_STATE_FREE) {
                CHECK_EQ(xvcpu_vcpu_bind(&v, &host), XVCPU_OK);
                script_reset();
                CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
                CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
                CHECK_EQ(xvcpu_vcpu_unbind(&v), XVCPU_OK);
            }
            CHECK_EQ(xvcpu_vcpu_destroy(&v), XVCPU_OK);
        }
        xvcpu_stage2_destroy(&s2);
        if (xvcpu_percpu_is_enabled(&host))
            CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
        CHECK_EQ(mock.pages_outstanding, 0);
        if (all_ok)
            break;
    }
    CHECK(paths >= 8); /* host save area, NPT tables, VMCB, MSRPM, IOPM, MSR bitmap, MSR-to-VMM, FPU area */
}

/* VMRUN refusing the state (VMEXIT_INVALID), then the state repaired: the vCPU runs on. */
void test_svm_fail_vmrun_then_usable(void)
{
    start(SVM_NPT | SVM_NRIPS, XVCPU_START_LONG, 0x8000);
    script_reset();
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    vmcb()->control.guest_asid = 0;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_FAIL_ENTRY);
    CHECK_STR(ex.u.fail_entry.check, "ASID is equal to zero (APM Vol. 2 15.5.1)");
    CHECK_EQ(xvcpu_vcpu_state(&v), XVCPU_STATE_READY);
    vmcb()->control.guest_asid = v.arch.svm.asid;
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    finish();
}

void test_svm_ten_thousand_cycles(void)
{
    unsigned i, allocs0;
    xvcpu_vcpu_setup_args a;
    soft_amd(SVM_NPT | SVM_NRIPS, 16);
    enable();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&s2, &host), XVCPU_OK);
    a.mode = XVCPU_START_LONG;
    a.entry = 0x8000;
    a.stack = 0x7000;
    a.cr3 = 0x1000;
    a.stage2 = &s2;
    allocs0 = mock.allocs;
    for (i = 0; i < 10000; i++) {
        memset(&v, 0, sizeof(v));
        script_reset();
        if (xvcpu_vcpu_create(&v, &host, i & 0xFF) != XVCPU_OK || xvcpu_vcpu_setup(&v, &a) != XVCPU_OK ||
            xvcpu_vcpu_bind(&v, &host) != XVCPU_OK || xvcpu_vcpu_run(&v, &ex) != XVCPU_OK ||
            ex.kind != XVCPU_EXIT_EXTERNAL_INTERRUPT || xvcpu_vcpu_unbind(&v) != XVCPU_OK ||
            xvcpu_vcpu_destroy(&v) != XVCPU_OK) {
            CHECK(0);
            break;
        }
        if (mock.pages_outstanding != XVCPU__SVM_REGION_PAGES + 1) { /* host area and the NPT root */
            CHECK_EQ(mock.pages_outstanding, XVCPU__SVM_REGION_PAGES + 1);
            break;
        }
    }
    CHECK_EQ(i, 10000);
    CHECK_EQ(mock.allocs - allocs0, 10000u * 6); /* VMCB, MSRPM, IOPM, MSR bitmap, MSR-to-VMM, FPU area */
    CHECK_EQ(soft.runs, 10000);
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(xvcpu_percpu_disable(&host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
    CHECK_EQ(mock.allocs, mock.frees);
}
