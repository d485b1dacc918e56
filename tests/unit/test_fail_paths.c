/* Every failure path of the VMX backend driven on the software machine: each privileged
 * instruction the library executes fails once (soft_fail), and so does every HAL allocation. Each
 * failure must leave the vCPU and the CPU usable, or refuse cleanly with a text that names the
 * instruction and the SDM's error, and leak no page. */

#define UNSUPPORTED_COMPONENT 12u /* VMREAD/VMWRITE from/to unsupported VMCS component */
static const char *const invalid_text = "VMfailInvalid (no current VMCS)";

/* `text` contains `part` (the error texts are exact elsewhere; here they must name things). */
static bool has(const char *text, const char *part)
{
    return text != NULL && strstr(text, part) != NULL;
}

/* A CPU enabled on the software machine, a vCPU created and set up (not bound). */
static void fp_setup(xvcpu_start_mode mode)
{
    xvcpu_vcpu_setup_args a;
    soft_icelake();
    enable_cpu();
    memset(&vv, 0, sizeof(vv));
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&vs2, &vcpu_host), XVCPU_OK);
    a.mode = mode;
    a.entry = 0x100000;
    a.stack = 0x7000;
    a.cr3 = 0x1000;
    a.stage2 = &vs2;
    CHECK_EQ(xvcpu_vcpu_create(&vv, &vcpu_host, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_setup(&vv, &a), XVCPU_OK);
    soft.guest = run_guest;
}

/* The guest: every entry ends in an exit of `fp_reason` with instruction length `fp_len`. */
static uint32_t fp_reason = XVCPU_VMX_EXIT_HLT, fp_len = 1;
static uint64_t fp_qual;
static void fp_guest(xvcpu_vcpu *v)
{
    (void)v;
    soft.vmcs[XVCPU_VMCS_EXIT_REASON] = fp_reason;
    soft.vmcs[XVCPU_VMCS_EXIT_QUALIFICATION] = fp_qual;
    soft.vmcs[XVCPU_VMCS_EXIT_INSTRUCTION_LENGTH] = fp_len;
    soft.vmcs[XVCPU_VMCS_IDT_VECTORING_INFO] = 0;
}

/* The vCPU works: a run gives the HALT the guest makes, and the VMCS passes every entry check. */
static void fp_usable(void)
{
    fp_reason = XVCPU_VMX_EXIT_HLT;
    fp_len = 1;
    script_step = fp_guest;
    soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] |= XVCPU_RFLAGS_IF; /* a HLT that ends when completed */
    CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_READY);
    CHECK(xvcpu_vmx_entry_check(&vv, XVCPU_VMX_CHECK_ALL) == NULL);
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_HALT);
    CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);
}

void test_fail_vmxon_and_vmxoff(void)
{
    soft_icelake();
    mock_reset();
    memset(&vcpu_host, 0, sizeof(vcpu_host));
    CHECK_EQ(xvcpu_percpu_init(&vcpu_host, &mock_hal, 0, NULL), XVCPU_OK);
    soft_fail(SOFT_VMXON, 1, XVCPU_VMX_FAIL_INVALID, 0);
    CHECK_EQ(xvcpu_percpu_enable(&vcpu_host), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(xvcpu_percpu_last_error(&vcpu_host), "VMXON failed: VMfailInvalid (no current VMCS)");
    CHECK(!xvcpu_percpu_is_enabled(&vcpu_host));
    CHECK_EQ(soft.cr4 & XVCPU_CR4_VMXE, 0); /* put back */
    CHECK_EQ(mock.pages_outstanding, 0);     /* the VMXON region is freed */
    /* the CPU is usable: enable works now */
    CHECK_EQ(xvcpu_percpu_enable(&vcpu_host), XVCPU_OK);
    CHECK(soft.vmx_on);
    /* VMXOFF failing: still enabled, the region kept, and a second disable works */
    soft_fail(SOFT_VMXOFF, 1, XVCPU_VMX_FAIL_INVALID, 0);
    CHECK_EQ(xvcpu_percpu_disable(&vcpu_host), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(xvcpu_percpu_last_error(&vcpu_host), "VMXOFF failed: VMfailInvalid (no current VMCS)");
    CHECK(xvcpu_percpu_is_enabled(&vcpu_host));
    CHECK_EQ(mock.pages_outstanding, 1);
    CHECK_EQ(xvcpu_percpu_disable(&vcpu_host), XVCPU_OK);
    CHECK(!soft.vmx_on);
    CHECK_EQ(soft.cr4 & XVCPU_CR4_VMXE, 0);
    CHECK_EQ(mock.pages_outstanding, 0);
}

void test_fail_vmptrld(void)
{
    fp_setup(XVCPU_START_PROTECTED);
    soft_fail(SOFT_VMPTRLD, 1, XVCPU_VMX_FAIL_INVALID, 0);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(vv.error, "xvcpu_vcpu_bind: VMPTRLD failed: VMfailInvalid (no current VMCS)");
    CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_FREE);
    CHECK(xvcpu_percpu_current(&vcpu_host) == NULL);
    CHECK_EQ(soft.vmwrites, 0); /* nothing was written to a VMCS that is not current */
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    fp_usable();
    vmx_done();
}

/* Each VMWRITE of the first bind (controls, guest state, host state) fails in turn. */
void test_fail_each_vmwrite_at_bind(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_err err;
        fp_setup(n % 2 ? XVCPU_START_LONG : XVCPU_START_REAL);
        soft_fail(SOFT_VMWRITE, n, XVCPU_VMX_FAIL_VALID, UNSUPPORTED_COMPONENT);
        err = xvcpu_vcpu_bind(&vv, &vcpu_host);
        if (soft.failed == 0) { /* past the last VMWRITE of a bind */
            CHECK_EQ(err, XVCPU_OK);
            soft.fail_insn = 0;
            vmx_done();
            break;
        }
        paths++;
        CHECK_EQ(err, XVCPU_ERR_VM_INSTRUCTION);
        CHECK(has(vv.error, "xvcpu_vcpu_bind: VMWRITE (") &&
              has(vv.error, "failed: VM-instruction error 12: VMREAD/VMWRITE from/to unsupported VMCS component"));
        CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_FREE);
        CHECK(!soft.has_current_vmcs); /* VMCLEARed: not left current on the CPU */
        CHECK(xvcpu_percpu_current(&vcpu_host) == NULL);
        /* binding again writes the whole VMCS: it enters */
        CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
        fp_usable();
        vmx_done();
    }
    CHECK(paths >= 90); /* every field of the VMCS the library writes (93 on this model) */
}

void test_fail_invvpid_at_bind(void)
{
    fp_setup(XVCPU_START_PROTECTED);
    soft_fail(SOFT_INVVPID, 1, XVCPU_VMX_FAIL_VALID, 28); /* invalid operand to INVEPT/INVVPID */
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(vv.error, "xvcpu_vcpu_bind: INVVPID failed: VM-instruction error 28: Invalid operand to INVEPT/INVVPID.");
    CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_FREE);
    CHECK(!soft.has_current_vmcs);
    CHECK_EQ(soft.invvpids, 0);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    CHECK_EQ(soft.invvpids, 1); /* the flush is made when the bind works */
    fp_usable();
    vmx_done();
}

void test_fail_vmclear_at_unbind(void)
{
    fp_setup(XVCPU_START_PROTECTED);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    fp_usable();
    soft_fail(SOFT_VMCLEAR, 1, XVCPU_VMX_FAIL_VALID, 2);
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(vv.error, "xvcpu_vcpu_unbind: VMCLEAR failed: VM-instruction error 2: VMCLEAR with invalid physical address");
    /* still bound, still running: the next entry resumes the launched VMCS */
    CHECK(xvcpu_percpu_current(&vcpu_host) == &vv);
    fp_usable();
    CHECK_EQ(soft.resumes, 1);
    vmx_done();
}

void test_fail_vmlaunch_and_vmresume(void)
{
    static const struct { int insn, status; uint32_t error; const char *text; } cases[] = {
        { SOFT_VMLAUNCH, XVCPU_VMX_FAIL_INVALID, 0, "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMLAUNCH: VMfailInvalid (no current VMCS)" },
        { SOFT_VMRESUME, XVCPU_VMX_FAIL_INVALID, 0, "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMRESUME: VMfailInvalid (no current VMCS)" },
        { SOFT_VMLAUNCH, XVCPU_VMX_FAIL_VALID, 4,
          "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMLAUNCH: VMfailValid: VM-instruction error 4: VMLAUNCH with non-clear VMCS" },
        { SOFT_VMRESUME, XVCPU_VMX_FAIL_VALID, 5,
          "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMRESUME: VMfailValid: VM-instruction error 5: VMRESUME with non-launched VMCS" },
    };
    unsigned i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fp_setup(XVCPU_START_PROTECTED);
        CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
        if (cases[i].insn == SOFT_VMRESUME)
            fp_usable(); /* launched: the next entry is a VMRESUME */
        soft_fail(cases[i].insn, 1, cases[i].status, cases[i].error);
        CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
        CHECK_EQ(vex.kind, XVCPU_EXIT_FAIL_ENTRY);
        CHECK_EQ(vex.u.fail_entry.vm_instruction_error, cases[i].error);
        CHECK_STR(vv.error, cases[i].text);
        CHECK_EQ(soft.failed, 1);
        /* the next run enters: error 4 or 5 put the library's launch state wrong on purpose, and
         * the library follows what the error says (one more VMfailValid at most) */
        if (cases[i].error == 4)
            CHECK(vv.arch.vmx.launched);
        if (cases[i].error == 5)
            CHECK(!vv.arch.vmx.launched);
        if (cases[i].error == 0)
            fp_usable();
        vmx_done();
    }
}

void test_fail_vmread_of_exit_reason(void)
{
    uint64_t rip;
    fp_setup(XVCPU_START_PROTECTED);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    fp_reason = XVCPU_VMX_EXIT_HLT;
    fp_len = 1;
    script_step = fp_guest;
    soft_fail(SOFT_VMREAD, 1, XVCPU_VMX_FAIL_INVALID, 0); /* nothing to prepare: the first VMREAD */
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_ERR_VM_INSTRUCTION);
    CHECK_STR(vv.error, "xvcpu_vcpu_run: VMREAD of the exit reason failed: VMfailInvalid (no current VMCS)");
    CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_READY);
    CHECK(vv.arch.vmx.launched); /* the guest ran: the next entry resumes */
    CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_RIP, &rip), XVCPU_OK);
    CHECK_EQ(rip, 0x100000); /* the unknown exit moved nothing */
    fp_usable();
    CHECK_EQ(soft.resumes, 1);
    vmx_done();
}

/* Each VMREAD of a run that ends in an I/O exit fails in turn: the run refuses or goes on with a
 * zero, never crashes, and the vCPU runs again afterwards. */
void test_fail_each_vmread_in_run(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_err err;
        fp_setup(XVCPU_START_PROTECTED);
        CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
        fp_reason = XVCPU_VMX_EXIT_IO_INSTRUCTION;
        fp_qual = 0xE9ull << 16; /* out %al, $0xe9 */
        fp_len = 2;
        script_step = fp_guest;
        soft_fail(SOFT_VMREAD, n, XVCPU_VMX_FAIL_VALID, UNSUPPORTED_COMPONENT);
        err = xvcpu_vcpu_run(&vv, &vex);
        fp_qual = 0;
        if (soft.failed == 0) {
            soft.fail_insn = 0;
            CHECK_EQ(err, XVCPU_OK);
            CHECK_EQ(vex.kind, XVCPU_EXIT_IO_WRITE);
            vmx_done();
            break;
        }
        paths++;
        CHECK(err == XVCPU_OK || (err == XVCPU_ERR_VM_INSTRUCTION && has(vv.error, "VMREAD")));
        if (err == XVCPU_OK && vex.kind != XVCPU_EXIT_FAIL_ENTRY)
            (void)xvcpu_complete(&vv); /* whatever the exit was, the VMM completes it */
        fp_usable();
        vmx_done();
    }
    CHECK(paths >= 3);
}

/* Before an entry the library writes RIP (a completed exit), RSP (changed by the VMM), invalidates
 * EPT (a stage-2 change) and injects an interrupt: each VMWRITE and the INVEPT fail in turn. The
 * run refuses naming the instruction, and the next run does it all exactly once. */
void test_fail_each_write_before_entry(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_err err;
        uint64_t rip, rsp;
        int insn = n <= 1 ? SOFT_INVEPT : SOFT_VMWRITE;
        unsigned nth = n <= 1 ? 1 : n - 1;
        fp_setup(XVCPU_START_PROTECTED);
        CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
        fp_reason = XVCPU_VMX_EXIT_IO_INSTRUCTION;
        fp_qual = 0xE9ull << 16;
        fp_len = 2;
        script_step = fp_guest;
        CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
        CHECK_EQ(vex.kind, XVCPU_EXIT_IO_WRITE);
        fp_qual = 0;
        CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);               /* RIP += 2 at the next entry */
        CHECK_EQ(xvcpu_vcpu_set_reg(&vv, XVCPU_REG_RSP, 0x6000), XVCPU_OK); /* written at the next entry */
        CHECK_EQ(xvcpu_inject_interrupt(&vv, 0x40), XVCPU_OK);
        soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] |= XVCPU_RFLAGS_IF;
        vv.arch.vmx.have = 0;
        vs2.generation++; /* as an unmap does: the next entry needs an INVEPT */
        soft.injections = 0;
        soft_fail(insn, nth, XVCPU_VMX_FAIL_VALID, insn == SOFT_INVEPT ? 28 : UNSUPPORTED_COMPONENT);
        fp_reason = XVCPU_VMX_EXIT_HLT;
        fp_len = 1;
        err = xvcpu_vcpu_run(&vv, &vex);
        if (soft.failed == 0) {
            soft.fail_insn = 0;
            CHECK_EQ(err, XVCPU_OK);
            vmx_done();
            break;
        }
        paths++;
        CHECK_EQ(err, XVCPU_ERR_VM_INSTRUCTION);
        if (insn == SOFT_INVEPT)
            CHECK_STR(vv.error, "xvcpu_vcpu_run: INVEPT failed: VM-instruction error 28: Invalid operand to INVEPT/INVVPID.");
        else
            CHECK_STR(vv.error, "xvcpu_vcpu_run: VMWRITE before the entry failed: VM-instruction error 12: VMREAD/VMWRITE "
                                "from/to unsupported VMCS component");
        CHECK_EQ(soft.launches + soft.resumes, 1); /* refused before entering */
        /* the next run: RIP advanced once, RSP written, the interrupt delivered once */
        CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
        CHECK_EQ(vex.kind, XVCPU_EXIT_HALT);
        CHECK_EQ(soft.injections, 1);
        CHECK_EQ(soft.last_injected & 0x800007FFu, 0x80000040u);
        CHECK_EQ(soft.invepts, 1);
        CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_RIP, &rip), XVCPU_OK);
        CHECK_EQ(rip, 0x100002);
        CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_RSP, &rsp), XVCPU_OK);
        CHECK_EQ(rsp, 0x6000);
        vmx_done();
    }
    CHECK(paths >= 4);
}

/* The same with TF set: each VMWRITE of the completion (interruptibility, pending debug
 * exceptions, RIP) fails in turn; the next run advances RIP once and leaves BS pending once. */
void test_fail_each_write_single_step(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_err err;
        uint64_t rip;
        fp_setup(XVCPU_START_PROTECTED);
        CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
        fp_reason = XVCPU_VMX_EXIT_IO_INSTRUCTION;
        fp_qual = 0xE9ull << 16;
        fp_len = 2;
        script_step = fp_guest;
        CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
        CHECK_EQ(vex.kind, XVCPU_EXIT_IO_WRITE);
        fp_qual = 0;
        CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);
        soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] |= XVCPU_RFLAGS_TF | XVCPU_RFLAGS_IF;
        soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE] = 1; /* STI; OUT */
        soft.vmcs[XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS] = 0;
        vv.arch.vmx.have = 0;
        soft_fail(SOFT_VMWRITE, n, XVCPU_VMX_FAIL_VALID, UNSUPPORTED_COMPONENT);
        fp_reason = XVCPU_VMX_EXIT_HLT;
        fp_len = 1;
        err = xvcpu_vcpu_run(&vv, &vex);
        if (soft.failed == 0) {
            soft.fail_insn = 0;
            CHECK_EQ(err, XVCPU_OK);
            vmx_done();
            break;
        }
        paths++;
        CHECK_EQ(err, XVCPU_ERR_VM_INSTRUCTION);
        CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
        CHECK_EQ(vex.kind, XVCPU_EXIT_HALT);
        CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_RIP, &rip), XVCPU_OK);
        CHECK_EQ(rip, 0x100002);
        CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS], XVCPU_PENDING_DEBUG_EXCEPTIONS_BS);
        CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE], 0);
        vmx_done();
    }
    CHECK(paths >= 3);
}

/* Every HAL allocation of a vCPU's life fails in turn: enable, stage-2 tables, create, setup. */
void test_fail_each_allocation(void)
{
    unsigned n, paths = 0;
    for (n = 1;; n++) {
        xvcpu_vcpu_setup_args a;
        xvcpu_err err;
        const char *where = "";
        soft_icelake();
        mock_reset();
        memset(&vcpu_host, 0, sizeof(vcpu_host));
        memset(&vv, 0, sizeof(vv));
        mock.fail_alloc_at = n;
        CHECK_EQ(xvcpu_percpu_init(&vcpu_host, &mock_hal, 0, NULL), XVCPU_OK);
        if ((err = xvcpu_percpu_enable(&vcpu_host)) != XVCPU_OK) {
            where = "enable";
            CHECK_STR(vcpu_host.error, "xvcpu_percpu_enable: CPU 0: no page for the VMXON region");
            CHECK(!soft.vmx_on);
        } else if ((err = xvcpu_stage2_init_for_cpu(&vs2, &vcpu_host)) != XVCPU_OK ||
                   (err = xvcpu_stage2_map(&vs2, 0, 0x10000000, 0x400000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6)) != XVCPU_OK) {
            where = "stage2";
            CHECK(has(xvcpu_stage2_last_error(&vs2), "no page") || has(xvcpu_stage2_last_error(&vs2), "memory"));
        } else if ((err = xvcpu_vcpu_create(&vv, &vcpu_host, 0)) != XVCPU_OK) {
            where = "create";
            CHECK_STR(vv.error, "xvcpu_vcpu_create: vCPU 0: no pages for the VMCS and bitmaps");
            CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_INVALID);
        } else {
            a.mode = XVCPU_START_PROTECTED;
            a.entry = 0x100000;
            a.stack = 0x7000;
            a.cr3 = 0;
            a.stage2 = &vs2;
            if ((err = xvcpu_vcpu_setup(&vv, &a)) != XVCPU_OK) {
                where = "setup";
                CHECK_STR(vv.error, "xvcpu_vcpu_setup: vCPU 0: no pages for the extended-state area");
                CHECK_EQ(xvcpu_vcpu_state(&vv), XVCPU_STATE_CREATED);
                /* usable: the same call works once memory is back */
                CHECK_EQ(xvcpu_vcpu_setup(&vv, &a), XVCPU_OK);
            }
        }
        if (mock.fail_alloc_at != 0) { /* no allocation left to fail: every call site was driven */
            CHECK_EQ(err, XVCPU_OK);
            mock.fail_alloc_at = 0;
        } else {
            paths++;
            CHECK_EQ(err, XVCPU_ERR_NO_MEMORY);
            (void)where;
        }
        /* tear down whatever exists; then nothing may be left */
        if (xvcpu_vcpu_state(&vv) != XVCPU_STATE_INVALID) {
            if (xvcpu_vcpu_state(&vv) == XVCPU_STATE_FREE) {
                CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
                soft.guest = run_guest;
                fp_usable();
                CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
            }
            CHECK_EQ(xvcpu_vcpu_destroy(&vv), XVCPU_OK);
        }
        xvcpu_stage2_destroy(&vs2);
        if (xvcpu_percpu_is_enabled(&vcpu_host))
            CHECK_EQ(xvcpu_percpu_disable(&vcpu_host), XVCPU_OK);
        CHECK_EQ(mock.pages_outstanding, 0);
        script_step = NULL;
        if (err == XVCPU_OK && mock.fail_alloc_at == 0 && paths + 1 == n)
            break;
    }
    CHECK(paths >= 8); /* VMXON region, EPT tables, VMCS, I/O and MSR bitmaps, MSR-to-VMM map, FPU area */
}

/* 10,000 vCPU lives on one CPU: create, setup, bind, run, unbind, destroy; nothing leaks. */
void test_fail_ten_thousand_cycles(void)
{
    unsigned i, allocs0;
    xvcpu_vcpu_setup_args a;
    soft_icelake();
    enable_cpu();
    CHECK_EQ(xvcpu_stage2_init_for_cpu(&vs2, &vcpu_host), XVCPU_OK);
    soft.guest = run_guest;
    a.mode = XVCPU_START_LONG;
    a.entry = 0x100000;
    a.stack = 0x7000;
    a.cr3 = 0x1000;
    a.stage2 = &vs2;
    allocs0 = mock.allocs;
    for (i = 0; i < 10000; i++) {
        memset(&vv, 0, sizeof(vv));
        if (xvcpu_vcpu_create(&vv, &vcpu_host, i & 0xFF) != XVCPU_OK || xvcpu_vcpu_setup(&vv, &a) != XVCPU_OK ||
            xvcpu_vcpu_bind(&vv, &vcpu_host) != XVCPU_OK) {
            CHECK(0);
            break;
        }
        fp_reason = XVCPU_VMX_EXIT_HLT;
        fp_len = 1;
        script_step = fp_guest;
        if (xvcpu_vcpu_run(&vv, &vex) != XVCPU_OK || vex.kind != XVCPU_EXIT_HALT || xvcpu_vcpu_unbind(&vv) != XVCPU_OK ||
            xvcpu_vcpu_destroy(&vv) != XVCPU_OK) {
            CHECK(0);
            break;
        }
        if (mock.pages_outstanding != 2) { /* the VMXON region and the EPT root only */
            CHECK_EQ(mock.pages_outstanding, 2);
            break;
        }
    }
    CHECK_EQ(i, 10000);
    CHECK_EQ(mock.allocs - allocs0, 10000u * 5); /* VMCS, I/O bitmap, MSR bitmap, MSR-to-VMM, FPU area */
    CHECK_EQ(soft.launches, 10000);
    xvcpu_stage2_destroy(&vs2);
    CHECK_EQ(xvcpu_percpu_disable(&vcpu_host), XVCPU_OK);
    CHECK_EQ(mock.pages_outstanding, 0);
    CHECK_EQ(mock.allocs, mock.frees);
    script_step = NULL;
}
