/* Regression: the length a completion skips belongs to one exit. An exit that sets none (host
 * interrupt, host NMI, triple fault, unhandled, NPF, failed entry) must leave RIP exactly where
 * the previous, completed exit put it - whatever that exit was. (pending.insn_len was once never
 * cleared, so e.g. OUT then a host interrupt resumed the guest 2 bytes too far.) */

typedef struct rip_vmx_step {
    const char *name;
    uint32_t reason;
    uint64_t qual;
    uint32_t len;
    uint32_t intr_info;
    xvcpu_exit_kind kind; /* what the VMM sees */
    bool fail_entry;      /* the entry fails instead (no exit fields) */
} rip_vmx_step;

static const rip_vmx_step rip_vmx_first[] = {
    { "OUT", XVCPU_VMX_EXIT_IO_INSTRUCTION, 0xE90000, 2, 0, XVCPU_EXIT_IO_WRITE, false },
    { "IN", XVCPU_VMX_EXIT_IO_INSTRUCTION, 0xE90008, 1, 0, XVCPU_EXIT_IO_READ, false },
    { "RDMSR", XVCPU_VMX_EXIT_RDMSR, 0, 2, 0, XVCPU_EXIT_SYSREG_READ, false },
    { "VMCALL", XVCPU_VMX_EXIT_VMCALL, 0, 3, 0, XVCPU_EXIT_HYPERCALL, false },
    { "HLT", XVCPU_VMX_EXIT_HLT, 0, 1, 0, XVCPU_EXIT_HALT, false },
    { "WRMSR ICR", XVCPU_VMX_EXIT_WRMSR, 0, 2, 0, XVCPU_EXIT_SEND_IPI, false },
};

static const rip_vmx_step rip_vmx_second[] = {
    { "host interrupt", XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0, 0x80000020u, XVCPU_EXIT_EXTERNAL_INTERRUPT, false },
    { "host NMI", XVCPU_VMX_EXIT_EXCEPTION_OR_NMI, 0, 0, 0x80000202u, XVCPU_EXIT_EXTERNAL_INTERRUPT, false },
    { "unhandled", 35, 0, 0, 0, XVCPU_EXIT_UNHANDLED, false },
    { "NPF", XVCPU_VMX_EXIT_EPT_VIOLATION, 0x81, 0, 0, XVCPU_EXIT_NESTED_PAGE_FAULT, false },
    { "failed entry", 0, 0, 0, 0, XVCPU_EXIT_FAIL_ENTRY, true },
    { "host INIT", XVCPU_VMX_EXIT_INIT_SIGNAL, 0, 0, 0, XVCPU_EXIT_NOTHING, false },
    { "triple fault", XVCPU_VMX_EXIT_TRIPLE_FAULT, 0, 0, 0, XVCPU_EXIT_SYSTEM_DOWN, false },
};

static const rip_vmx_step *rip_vmx_script[2];
static unsigned rip_vmx_next;

static void rip_vmx_guest(xvcpu_vcpu *v)
{
    static const rip_vmx_step host_irq = { "tail", XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0, 0x80000020u,
                                           XVCPU_EXIT_EXTERNAL_INTERRUPT, false };
    const rip_vmx_step *s = rip_vmx_next < 2 ? rip_vmx_script[rip_vmx_next++] : &host_irq;
    (void)v;
    soft.vmcs[XVCPU_VMCS_EXIT_REASON] = s->reason;
    soft.vmcs[XVCPU_VMCS_EXIT_QUALIFICATION] = s->qual;
    soft.vmcs[XVCPU_VMCS_EXIT_INSTRUCTION_LENGTH] = s->len;
    soft.vmcs[XVCPU_VMCS_EXIT_INTERRUPTION_INFO] = s->intr_info;
    soft.vmcs[XVCPU_VMCS_IDT_VECTORING_INFO] = 0;
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = 0x7654000;
}

/* Answer the first exit as a VMM would (or implicitly, by running again). */
static void rip_vmx_complete(const rip_vmx_step *a)
{
    switch (a->kind) {
    case XVCPU_EXIT_IO_READ: CHECK_EQ(xvcpu_complete_io_read(&vv, 0x5A), XVCPU_OK); break;
    case XVCPU_EXIT_SYSREG_READ: CHECK_EQ(xvcpu_complete_sysreg_read(&vv, 0x1122334455667788ull), XVCPU_OK); break;
    case XVCPU_EXIT_HYPERCALL: CHECK_EQ(xvcpu_complete_hypercall(&vv, 7), XVCPU_OK); break;
    default: break; /* completed implicitly by the next run */
    }
}

void test_vmx_rip_exact_after_lengthless_exits(void)
{
    const uint64_t rip0 = 0x100000;
    unsigned i, j;
    for (i = 0; i < sizeof(rip_vmx_first) / sizeof(rip_vmx_first[0]); i++) {
        for (j = 0; j < sizeof(rip_vmx_second) / sizeof(rip_vmx_second[0]); j++) {
            const rip_vmx_step *a = &rip_vmx_first[i], *b = &rip_vmx_second[j];
            const uint64_t after = rip0 + a->len;
            uint64_t rip = 0;
            vmx_ready(XVCPU_START_PROTECTED);
            CHECK_EQ(xvcpu_vcpu_msr_to_vmm(&vv, 0xC0001234u, XVCPU_ACCESS_READ, true), XVCPU_OK);
            vv.gpr[XVCPU_REG_RCX] = a->reason == XVCPU_VMX_EXIT_WRMSR ? XVCPU_MSR_X2APIC_ICR : 0xC0001234u;
            vv.gpr[XVCPU_REG_RAX] = 0x4030; /* ICR: fixed IPI, vector 0x30 */
            vv.gpr[XVCPU_REG_RDX] = 1;      /* to x2APIC 1 */
            soft.vmcs[XVCPU_VMCS_GUEST_RIP] = rip0;
            soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] = 0x202; /* IF: a HLT here ends when completed */
            soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE] = 0;
            rip_vmx_script[0] = a;
            rip_vmx_script[1] = b;
            rip_vmx_next = 0;
            script_step = rip_vmx_guest;
            CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
            CHECK_EQ(vex.kind, a->kind);
            rip_vmx_complete(a);
            soft.entry_fails = b->fail_entry;
            if (b->fail_entry)
                rip_vmx_next++; /* the guest never runs for a failed entry */
            CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
            CHECK_EQ(vex.kind, b->kind);
            CHECK_EQ(xvcpu_vcpu_get_reg(&vv, XVCPU_REG_RIP, &rip), XVCPU_OK);
            if (rip != after)
                printf("  %s then %s: RIP %llx, expected %llx\n", a->name, b->name, (unsigned long long)rip,
                       (unsigned long long)after);
            CHECK_EQ(rip, after);
            if (b->kind != XVCPU_EXIT_SYSTEM_DOWN) {
                /* the next entry completes the second exit: RIP must not move */
                CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
                CHECK_EQ(vex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
                if (soft.vmcs[XVCPU_VMCS_GUEST_RIP] != after)
                    printf("  %s then %s, entered again: RIP %llx, expected %llx\n", a->name, b->name,
                           (unsigned long long)soft.vmcs[XVCPU_VMCS_GUEST_RIP], (unsigned long long)after);
                CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], after);
                /* and an exit that cannot fault refuses complete_fault */
                CHECK_EQ(xvcpu_complete_fault(&vv, 13, 0), XVCPU_ERR_BAD_STATE);
            }
            vmx_done();
        }
    }
}
