/* VMX state the VMCS does not hold and events beyond the basic queue: SYSCALL MSRs switched at
 * bind/unbind, VPID flushes when a vCPU changes CPU, CR2 kept across exits, software interrupts,
 * exception combining, MMIO region bookkeeping. */

void test_vmx_syscall_msrs_switched(void)
{
    static const uint32_t msrs[5] = { 0xC0000081, 0xC0000082, 0xC0000083, 0xC0000084, 0xC0000102 };
    unsigned i;
    vmx_ready(XVCPU_START_LONG);
    /* bound: the guest's reset values (0) are in the CPU, and its accesses do not exit */
    for (i = 0; i < 5; i++) {
        CHECK_EQ(soft_rdmsr(msrs[i]), 0);
        CHECK_EQ(xvcpu__msr_wants_vmm(&vv, msrs[i], true), false);
        CHECK(!xvcpu__bit_test((const uint8_t *)vv.x86.msr_bitmap, 0x2000 + (msrs[i] & 0x1FFF)));
        CHECK(!xvcpu__bit_test((const uint8_t *)vv.x86.msr_bitmap, XVCPU__MSR_WRITE_BITS + 0x2000 + (msrs[i] & 0x1FFF)));
    }
    /* the guest writes LSTAR; unbind keeps it and puts the host's back */
    soft_wrmsr(0xC0000082, 0xFFFFFFFF81000000ull);
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    CHECK_EQ(vv.arch.vmx.guest_syscall_msrs[1], 0xFFFFFFFF81000000ull);
    CHECK_EQ(soft_rdmsr(0xC0000082), 0);
    soft_wrmsr(0xC0000082, 0xFFFF800000001000ull); /* the host changes its own */
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    CHECK_EQ(soft_rdmsr(0xC0000082), 0xFFFFFFFF81000000ull);
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    CHECK_EQ(soft_rdmsr(0xC0000082), 0xFFFF800000001000ull);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    vmx_done();
}

void test_vmx_vpid_flush_on_cpu_change(void)
{
    static xvcpu_percpu other;
    vmx_ready(XVCPU_START_PROTECTED);
    /* the first bind flushed the VPID (single context: the cap says so) */
    CHECK_EQ(soft.invvpids, 1);
    CHECK_EQ(soft.last_invvpid_type, XVCPU_INVVPID_TYPE_SINGLE_CONTEXT);
    CHECK_EQ(soft.last_invvpid_vpid, 1);
    /* again on the same CPU: nothing to flush */
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    CHECK_EQ(soft.invvpids, 1);
    /* on another CPU: flushed there */
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    memset(&other, 0, sizeof(other));
    CHECK_EQ(xvcpu_percpu_init(&other, &mock_hal, 7, NULL), XVCPU_OK);
    other.enabled = true; /* the software machine has one VMX state; pretend CPU 7 is on */
    other.backend = vcpu_host.backend;
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &other), XVCPU_OK);
    CHECK_EQ(soft.invvpids, 2);
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    /* back on CPU 0, which may hold stale entries from before */
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    CHECK_EQ(soft.invvpids, 3);
    vmx_done();
}

static void guest_sets_cr2(xvcpu_vcpu *v)
{
    step_one(v);
    soft.cr2 = 0x1111; /* the guest took a page fault at 0x1111 */
}

void test_vmx_cr2_kept_and_page_fault(void)
{
    uint64_t v = 0;
    vmx_ready(XVCPU_START_PROTECTED);
    step_reason = XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT;
    script_step = guest_sets_cr2;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_CR2, &v), XVCPU_OK);
    CHECK_EQ(v, 0x1111);
    soft.cr2 = 0xDEAD; /* the host faulted meanwhile */
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(soft.cr2_at_entry, 0x1111); /* the guest got its own back */
    /* a #PF the library raises carries its CR2 */
    xvcpu__x86_raise_page_fault(&vv, 0x6, 0xCAFE000);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000B0Eu);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 6);
    CHECK_EQ(soft.cr2_at_entry, 0xCAFE000);
    vmx_done();
}

void test_vmx_software_interrupts(void)
{
    vmx_ready(XVCPU_START_PROTECTED);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 0x80, 2), XVCPU_OK);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 0x81, 2), XVCPU_ERR_BUSY);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000480u); /* type 4: software interrupt */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_INSTRUCTION_LENGTH], 2);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 3, 1), XVCPU_OK); /* INT3 */
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000603u); /* type 6: software exception */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_INSTRUCTION_LENGTH], 1);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 1, 1), XVCPU_OK); /* INT1 */
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000501u);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 0x80, 1), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_vcpu_last_error(&vv),
              "xvcpu_inject_software_interrupt: vCPU 0: no 1-byte instruction raises vector 128 (INT n is at least 2 bytes)");
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 0x80, 16), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_inject_software_interrupt(&vv, 0x80, 0), XVCPU_ERR_INVALID_ARG);
    vmx_done();
}

void test_exception_combining(void)
{
    vmx_ready(XVCPU_START_PROTECTED);
    /* #GP pending, the library raises #NP: contributory + contributory = #DF(0) */
    CHECK_EQ(xvcpu_inject_exception(&vv, 13, 0x10), XVCPU_OK);
    xvcpu__x86_raise(&vv, 11, 0);
    CHECK_EQ(vv.events.exception_vector, 8);
    CHECK_EQ(vv.events.exception_error, 0);
    /* #DF pending + #GP: shutdown, reported as SYSTEM_DOWN before any entry */
    xvcpu__x86_raise(&vv, 13, 0);
    CHECK(!vv.events.exception_pending);
    soft.launches = soft.resumes = 0;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    CHECK_EQ(soft.launches + soft.resumes, 0);
    /* #PF pending + #PF: #DF; benign pending (#UD) + #GP: the #UD stays */
    xvcpu__x86_raise_page_fault(&vv, 2, 0x5000);
    xvcpu__x86_raise_page_fault(&vv, 0, 0x6000);
    CHECK_EQ(vv.events.exception_vector, 8);
    vv.events.exception_pending = false;
    xvcpu__x86_raise(&vv, 6, 0);
    xvcpu__x86_raise(&vv, 13, 0);
    CHECK_EQ(vv.events.exception_vector, 6);
    vv.events.exception_pending = false;
    vmx_done();
}

void test_mmio_region_api(void)
{
    vmx_ready(XVCPU_START_PROTECTED);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&vv, 0xFEC00000, 0x1000), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&vv, 0xFEC00800, 0x1000), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&vv, 0xFEBFF000, 0x2000), XVCPU_ERR_ALREADY_MAPPED);
    CHECK_STR(xvcpu_vcpu_last_error(&vv), "xvcpu_vcpu_add_mmio_region: vCPU 0: range 0xfebff000+0x2000 overlaps "
                                          "MMIO region 0xfec00000+0x1000");
    CHECK(xvcpu__in_mmio_region(&vv, 0xFEC00FFF));
    CHECK(!xvcpu__in_mmio_region(&vv, 0xFEC01000));
    CHECK_EQ(xvcpu_vcpu_remove_mmio_region(&vv, 0xFEC00000, 0x2000), XVCPU_ERR_NOT_MAPPED);
    CHECK_EQ(xvcpu_vcpu_remove_mmio_region(&vv, 0xFEC00000, 0x1000), XVCPU_OK);
    CHECK(!xvcpu__in_mmio_region(&vv, 0xFEC00000));
    vmx_done();
}

void test_vmx_base_msrs_and_64bit_paging_off(void)
{
    vmx_ready(XVCPU_START_LONG);
    /* a non-canonical FS base: #GP, never a VMCS value that fails the next entry */
    vv.gpr[XVCPU_REG_RCX] = 0xC0000100u;
    vv.gpr[XVCPU_REG_RDX] = 0x00008000u;
    vv.gpr[XVCPU_REG_RAX] = 0;
    soft.vmcs[XVCPU_VMCS_GUEST_FS_BASE] = 0x1000;
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x5000;
    exit_once(XVCPU_VMX_EXIT_WRMSR, 0, 2);
    CHECK_EQ(injected(), GP0_INFO);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_BASE], 0x1000);
    vv.gpr[XVCPU_REG_RDX] = 0xFFFF8000u; /* canonical */
    exit_once(XVCPU_VMX_EXIT_WRMSR, 0, 2);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_BASE], 0xFFFF800000000000ull);
    /* LSTAR intercepted again by the VMM's policy: built in, on the CPU's register */
    CHECK_EQ(xvcpu_vcpu_msr_passthrough(&vv, 0xC0000082u, XVCPU_ACCESS_WRITE, false), XVCPU_OK);
    vv.gpr[XVCPU_REG_RCX] = 0xC0000082u;
    vv.gpr[XVCPU_REG_RDX] = 0x12345678u; /* not canonical */
    exit_once(XVCPU_VMX_EXIT_WRMSR, 0, 2);
    CHECK_EQ(injected(), GP0_INFO);
    vv.gpr[XVCPU_REG_RDX] = 0xFFFFFFFFu;
    vv.gpr[XVCPU_REG_RAX] = 0x81000000u;
    exit_once(XVCPU_VMX_EXIT_WRMSR, 0, 2);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(soft_rdmsr(0xC0000082u), 0xFFFFFFFF81000000ull);
    /* MOV CR0 clearing PG in 64-bit code: #GP (CS.L = 1 in the long-mode start state) */
    vv.gpr[XVCPU_REG_RAX] = 0x11;
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x6000;
    exit_once(XVCPU_VMX_EXIT_CR_ACCESS, 0x0000, 3);
    CHECK_EQ(injected(), GP0_INFO);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x6000);
    CHECK((vv.arch.vmx.efer & XVCPU_IA32_EFER_LMA) != 0);
    vmx_done();
}
