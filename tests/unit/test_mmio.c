/* MMIO emulation on the software VMX machine: a guest page of code at guest-physical 0x100000
 * (flat 32-bit protected mode, paging off), a device region at 0xD0000000, and EPT violations
 * there. Each test checks the exits, the completions' effect on registers, RFLAGS and RIP. */

static uint8_t *mmio_code; /* host memory behind guest-physical 0x100000 */

#define MMIO_DEV 0xD0000000ull

static void mmio_ready(const uint8_t *code, unsigned len)
{
    uint64_t phys;
    vmx_ready(XVCPU_START_PROTECTED);
    mmio_code = (uint8_t *)mock_hal.alloc_pages(NULL, 1, &phys);
    memset(mmio_code, 0x90, 4096);
    memcpy(mmio_code, code, len);
    CHECK_EQ(xvcpu_stage2_map(&vs2, 0x100000, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6),
             XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_add_mmio_region(&vv, MMIO_DEV, 0x1000), XVCPU_OK);
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x100000;
    soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] = 0x2;
    soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE] = 0;
}

static void mmio_done(void)
{
    uint64_t phys = (uint64_t)(uintptr_t)mmio_code;
    mock_hal.free_pages(NULL, mmio_code, phys, 1);
    vmx_done();
}

/* The guest touches `gpa` with `qual` (EPT violation qualification: 1 read, 2 write). */
static void mmio_fault(uint64_t gpa, uint64_t qual)
{
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = gpa;
    exit_once(XVCPU_VMX_EXIT_EPT_VIOLATION, qual, 0);
}

void test_mmio_mov_store_and_load(void)
{
    static const uint8_t code[] = { 0x89, 0x43, 0x10,   /* mov %eax, 0x10(%ebx) */
                                    0x0F, 0xBE, 0x4B, 0x20 }; /* movsbl 0x20(%ebx), %ecx */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RAX] = 0xFFFFFFFF11223344ull;
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    mmio_fault(MMIO_DEV + 0x10, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x10);
    CHECK_EQ(vex.u.mmio_write.width, 4);
    CHECK_EQ(vex.u.mmio_write.data, 0x11223344);
    CHECK_STR(vex.raw_reason_name, "EPT_VIOLATION");
    /* implicit completion: RIP moves 3 bytes at the next entry */
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = MMIO_DEV + 0x20;
    step_reason = XVCPU_VMX_EXIT_EPT_VIOLATION;
    step_qual = 1;
    script_step = step_one;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100003);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(vex.u.mmio_read.addr, MMIO_DEV + 0x20);
    CHECK_EQ(vex.u.mmio_read.width, 1);
    CHECK_EQ(vex.u.mmio_read.reg, XVCPU_REG_RCX);
    CHECK_EQ(vex.u.mmio_read.reg_width, 4);
    CHECK(vex.u.mmio_read.signed_ext);
    vv.gpr[XVCPU_REG_RCX] = 0xAAAAAAAAAAAAAAAAull;
    CHECK_EQ(xvcpu_complete_mmio_read(&vv, 0x80), XVCPU_OK);
    CHECK_EQ(vv.gpr[XVCPU_REG_RCX], 0xFFFFFF80ull); /* sign-extended to 32 bits, zero-extended to 64 */
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100007);
    mmio_done();
}

void test_mmio_read_modify_write(void)
{
    static const uint8_t code[] = { 0x01, 0x03 }; /* add %eax, (%ebx) */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RAX] = 1;
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV + 0x40;
    mmio_fault(MMIO_DEV + 0x40, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(vex.u.mmio_read.reg, XVCPU_MMIO_REG_INTERNAL);
    CHECK_EQ(vex.u.mmio_read.width, 4);
    /* the run refuses to go on before the read is answered */
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_ERR_BAD_STATE);
    CHECK_EQ(xvcpu_complete_mmio_read(&vv, 0xFFFFFFFF), XVCPU_OK);
    soft.launches = soft.resumes = 0;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(soft.launches + soft.resumes, 0); /* no entry between the read and the write */
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x40);
    CHECK_EQ(vex.u.mmio_write.data, 0);
    CHECK_STR(vex.raw_reason_name, "EPT_VIOLATION");
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    /* 0xFFFFFFFF + 1: CF, PF, AF, ZF set */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x2 | 0x1 | 0x4 | 0x10 | 0x40);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100002);
    CHECK_EQ(vv.gpr[XVCPU_REG_RAX], 1);
    mmio_done();
}

void test_mmio_cmp_reg_destination_and_xchg(void)
{
    static const uint8_t code[] = { 0x3B, 0x03,   /* cmp (%ebx), %eax: eax - mem */
                                    0x87, 0x0B }; /* xchg %ecx, (%ebx) */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RAX] = 5;
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    mmio_fault(MMIO_DEV, 1);
    CHECK_EQ(xvcpu_complete_mmio_read(&vv, 7), XVCPU_OK);
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = MMIO_DEV;
    step_reason = XVCPU_VMX_EXIT_EPT_VIOLATION;
    step_qual = 3;
    script_step = step_one;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK); /* CMP done, then the XCHG faults */
    /* 5 - 7: CF, SF, AF set (borrow from bit 4: 0x5 - 0x7), result 0xFFFFFFFE: PF clear (0xFE has 7 bits) */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x2 | 0x1 | 0x10 | 0x80);
    CHECK_EQ(vv.gpr[XVCPU_REG_RAX], 5);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100002);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_READ);
    vv.gpr[XVCPU_REG_RCX] = 0x1234;
    CHECK_EQ(xvcpu_complete_mmio_read(&vv, 0xABCD), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.data, 0x1234);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(vv.gpr[XVCPU_REG_RCX], 0xABCD);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100004);
    mmio_done();
}

void test_mmio_rep_stos_one_element_per_pass(void)
{
    static const uint8_t code[] = { 0xF3, 0xAA }; /* rep stosb */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RAX] = 0x5A;
    vv.gpr[XVCPU_REG_RDI] = MMIO_DEV + 0x100;
    vv.gpr[XVCPU_REG_RCX] = 2;
    mmio_fault(MMIO_DEV + 0x100, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.data, 0x5A);
    CHECK_EQ(vex.u.mmio_write.width, 1);
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = MMIO_DEV + 0x101;
    step_reason = XVCPU_VMX_EXIT_EPT_VIOLATION;
    step_qual = 2;
    script_step = step_one;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vv.gpr[XVCPU_REG_RDI], MMIO_DEV + 0x101);
    CHECK_EQ(vv.gpr[XVCPU_REG_RCX], 1);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100000); /* the guest repeats the instruction */
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x101);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(vv.gpr[XVCPU_REG_RCX], 0);
    CHECK_EQ(vv.gpr[XVCPU_REG_RDI], MMIO_DEV + 0x102);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100002);
    mmio_done();
}

void test_mmio_unsupported_and_invalid(void)
{
    static const uint8_t code[] = { 0x0F, 0x01, 0x3B,  /* invlpg (%ebx): valid, not emulated */
                                    0x0F, 0x04 };      /* undefined opcode: #UD */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    mmio_fault(MMIO_DEV, 1);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_EQ(vex.u.mmio_unsupported.addr, MMIO_DEV);
    CHECK_EQ(vex.u.mmio_unsupported.insn_len, 3);
    CHECK_EQ(vex.u.mmio_unsupported.fetched, 15);
    CHECK_EQ(vex.u.mmio_unsupported.bytes[2], 0x3B);
    CHECK_STR(vex.u.mmio_unsupported.why, "unsupported instruction");
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_ERR_BAD_STATE); /* never skipped by default */
    CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK); /* the VMM skips it */
    mmio_fault(MMIO_DEV, 1);                 /* now at the undefined opcode */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100003);
    CHECK_EQ(vex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(injected(), UD_INFO);
    mmio_done();
}

void test_mmio_code_not_in_ram(void)
{
    static const uint8_t code[] = { 0x90 };
    mmio_ready(code, sizeof(code));
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x300000; /* unmapped */
    mmio_fault(MMIO_DEV, 1);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(vex.u.mmio_unsupported.why, "the code is not in guest RAM");
    CHECK_EQ(vex.u.mmio_unsupported.insn_len, 0);
    CHECK_EQ(xvcpu_complete_retry(&vv), XVCPU_OK);
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x100000;
    mmio_done();
}

/* What the decoded store path leaves unread until it matters: the qualification (an instruction
 * fetch from the device page is still a NESTED_PAGE_FAULT with EXEC, not an MMIO access), and with
 * paging off the data segment's base, which a data breakpoint adds at the completion (DR0 at the
 * linear address hits; at the bare offset it does not). */
void test_mmio_lazy_state(void)
{
    static const uint8_t code[] = { 0x89, 0x43, 0x10 }; /* mov %eax, 0x10(%ebx) */
    const uint64_t dr7_w0 = 0x400 | 0x1 | (1u << 16) | (3u << 18); /* L0, write, 4 bytes */
    unsigned round;
    mmio_ready(code, sizeof(code));
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = MMIO_DEV + 0x100; /* code in the device page */
    mmio_fault(MMIO_DEV + 0x100, 4 | 1);
    CHECK_EQ(vex.kind, XVCPU_EXIT_NESTED_PAGE_FAULT);
    CHECK_EQ(vex.u.nested_page_fault.access, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC);
    CHECK_EQ(xvcpu_complete_retry(&vv), XVCPU_OK);
    for (round = 0; round < 2; round++) {
        soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x100000;
        soft.vmcs[XVCPU_VMCS_GUEST_DS_BASE] = 0x1000;
        soft.vmcs[XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS] = 0;
        soft.vmcs[XVCPU_VMCS_GUEST_DR7] = dr7_w0;
        soft.dr[0] = round == 0 ? MMIO_DEV + 0x10 : MMIO_DEV - 0x1000 + 0x10;
        vv.gpr[XVCPU_REG_RBX] = MMIO_DEV - 0x1000;
        vv.gpr[XVCPU_REG_RAX] = 0x5A;
        mmio_fault(MMIO_DEV + 0x10, 2);
        CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
        CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x10);
        CHECK_EQ(vex.u.mmio_write.data, 0x5A);
        CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);
        exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
        CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100003);
        CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS],
                 round == 0 ? XVCPU_PENDING_DEBUG_EXCEPTIONS_B0 | XVCPU_PENDING_DEBUG_EXCEPTIONS_ENABLED_BREAKPOINT : 0);
    }
    soft.vmcs[XVCPU_VMCS_GUEST_DR7] = 0x400;
    soft.vmcs[XVCPU_VMCS_GUEST_DS_BASE] = 0;
    mmio_done();
}

void test_mmio_bt_register_offset_and_movs(void)
{
    static const uint8_t code[] = { 0x0F, 0xAB, 0x03,   /* bts %eax, (%ebx): bit 35 = bit 3 of the next dword */
                                    0xA4 };             /* movsb: RAM (ESI) to the device (EDI) */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RAX] = 35;
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV + 0x80;
    mmio_fault(MMIO_DEV + 0x84, 3);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_READ);
    CHECK_EQ(vex.u.mmio_read.addr, MMIO_DEV + 0x84);
    CHECK_EQ(xvcpu_complete_mmio_read(&vv, 0x1), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x84);
    CHECK_EQ(vex.u.mmio_write.data, 0x9);
    /* then the MOVSB: one byte of guest RAM at 0x100800 goes to the device */
    mmio_code[0x800] = 0xC3;
    vv.gpr[XVCPU_REG_RSI] = 0x100800;
    vv.gpr[XVCPU_REG_RDI] = MMIO_DEV + 0x200;
    soft.vmcs[XVCPU_VMCS_GUEST_PHYSICAL_ADDRESS] = MMIO_DEV + 0x200;
    step_reason = XVCPU_VMX_EXIT_EPT_VIOLATION;
    step_qual = 2;
    script_step = step_one;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x2); /* BTS: CF = the old bit 3 = 0 */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100003);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x200);
    CHECK_EQ(vex.u.mmio_write.width, 1);
    CHECK_EQ(vex.u.mmio_write.data, 0xC3);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(vv.gpr[XVCPU_REG_RSI], 0x100801);
    CHECK_EQ(vv.gpr[XVCPU_REG_RDI], MMIO_DEV + 0x201);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100004);
    mmio_done();
}

void test_mmio_event_delivery_and_page_crossing(void)
{
    static const uint8_t code[] = { 0x89, 0x03 }; /* mov %eax, (%ebx) */
    mmio_ready(code, sizeof(code));
    /* the fault interrupted the delivery of vector 0x30 (the guest's IDT or stack is MMIO): the
     * instruction at RIP is not what touched the device */
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    step_idt = 0x80000030u;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(vex.u.mmio_unsupported.why, "the access delivers an event (IDT, TSS or stack in MMIO)");
    CHECK_EQ(vex.u.mmio_unsupported.insn_len, 0);
    CHECK_EQ(vex.u.mmio_unsupported.fetched, 0);
    CHECK_EQ(xvcpu_complete_retry(&vv), XVCPU_OK);
    /* a dword store at the page's last 2 bytes: crosses into the next page */
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV + 0xFFE;
    mmio_fault(MMIO_DEV + 0xFFE, 2);
    CHECK_EQ(injected(), 0x80000030u); /* the interrupted event went in first */
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_STR(vex.u.mmio_unsupported.why, "access crosses a page boundary");
    CHECK_EQ(vex.u.mmio_unsupported.insn_len, 2);
    CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK); /* the VMM skips it */
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100002);
    mmio_done();
}

/* The VMM answers a device access made while delivering an event (MMIO_UNSUPPORTED "delivers an
 * event") with a fault: the fault replaces the event, combined with it as the CPU would (SDM Vol. 3A
 * Table 6-5), and the event is not delivered again. */
void test_mmio_fault_during_delivery(void)
{
    static const uint8_t code[] = { 0x89, 0x03 }; /* mov %eax, (%ebx) */
    mmio_ready(code, sizeof(code));
    vv.gpr[XVCPU_REG_RBX] = MMIO_DEV;
    /* #GP(0x10) was being delivered; a #GP on top of it is #DF(0) */
    step_idt = 0x80000B0Du;
    soft.vmcs[XVCPU_VMCS_IDT_VECTORING_ERROR_CODE] = 0x10;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_UNSUPPORTED);
    CHECK_EQ(xvcpu_complete_fault(&vv, 13, 0x182), XVCPU_OK);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000B08u);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 0);
    CHECK_EQ(soft.injections, 1);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100000);
    /* external interrupt 0x30 was being delivered: the #GP comes alone, the interrupt is gone */
    step_idt = 0x80000030u;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(xvcpu_complete_fault(&vv, 13, 0x182), XVCPU_OK);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), GP0_INFO);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 0x182);
    CHECK_EQ(soft.injections, 2);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0);
    /* #PF was being delivered: a #NP on top of it is #DF; a benign #UD would come alone */
    step_idt = 0x80000B0Eu;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(xvcpu_complete_fault(&vv, 11, 0), XVCPU_OK);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000B08u);
    step_idt = 0x80000B0Eu;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(xvcpu_complete_fault(&vv, 6, 0), XVCPU_OK);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), UD_INFO);
    /* a bad answer is refused and leaves the event to be delivered again */
    step_idt = 0x80000030u;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(xvcpu_complete_fault(&vv, 6, 5), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_complete_retry(&vv), XVCPU_OK);
    exit_once(XVCPU_VMX_EXIT_EXTERNAL_INTERRUPT, 0, 0);
    CHECK_EQ(injected(), 0x80000030u);
    /* #DF was being delivered: a contributory fault on top of it shuts the guest down */
    step_idt = 0x80000B08u;
    soft.vmcs[XVCPU_VMCS_IDT_VECTORING_ERROR_CODE] = 0;
    mmio_fault(MMIO_DEV + 0x180, 2);
    CHECK_EQ(xvcpu_complete_fault(&vv, 13, 0), XVCPU_OK);
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_SYSTEM_DOWN);
    mmio_done();
}

void test_mmio_stale_guest_translation(void)
{
    static const uint8_t code[] = { 0x89, 0x03 }; /* mov %eax, (%ebx) */
    uint64_t phys;
    uint32_t *pd;
    mmio_ready(code, sizeof(code));
    /* 32-bit paging with 4 MiB pages: code identity-mapped, linear 0x40000000 -> 0xD0400000 in the
     * tables, while the CPU still used an older translation to the device at 0xD0000000 */
    pd = (uint32_t *)mock_hal.alloc_pages(NULL, 1, &phys);
    memset(pd, 0, 4096);
    pd[0] = 0x83;                       /* 0-4 MiB: present, writable, 4 MiB page */
    pd[0x100] = 0xD0400000u | 0x83;
    CHECK_EQ(xvcpu_stage2_map(&vs2, 0x200000, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6), XVCPU_OK);
    soft.vmcs[XVCPU_VMCS_GUEST_CR3] = 0x200000;
    vv.arch.vmx.cr0 |= XVCPU_CR0_PG;
    /* PSE is the guest's own bit (no CR4 exit when it changes): only the VMCS knows it is set */
    soft.vmcs[XVCPU_VMCS_GUEST_CR4] |= XVCPU_CR4_PSE;
    vv.gpr[XVCPU_REG_RAX] = 0x1234;
    vv.gpr[XVCPU_REG_RBX] = 0x40000010;
    mmio_fault(MMIO_DEV + 0x10, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_MMIO_WRITE);
    CHECK_EQ(vex.u.mmio_write.addr, MMIO_DEV + 0x10); /* where the CPU went, not where the tables say */
    CHECK_EQ(vex.u.mmio_write.data, 0x1234);
    CHECK_EQ(pd[0x100] & 0x60, 0x60);   /* the walk set accessed and dirty, as the CPU would */
    /* a different offset cannot be the same access: the guest runs the instruction again */
    CHECK_EQ(xvcpu_complete_retry(&vv), XVCPU_OK); /* (the VMM lets the store happen again) */
    mmio_fault(MMIO_DEV + 0x20, 2);
    CHECK_EQ(vex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x100000);
    mock_hal.free_pages(NULL, pd, phys, 1);
    mmio_done();
}

void test_mmio_mode_reads_guest_pkru(void)
{
    static const uint8_t code[] = { 0x90 };
    xvcpu_x86_mode m;
    mmio_ready(code, sizeof(code));
    soft.pkru = 0xC;
    soft.cr4 &= ~(uint64_t)XVCPU_CR4_PKE; /* the host runs without PKE */
    xvcpu__vmx_mode(&vv, &m);
    CHECK_EQ(m.pkru, 0);                  /* the guest has no PKE either: not read */
    CHECK_EQ(soft.pkru_reads, 0);
    vv.arch.vmx.cr4 |= XVCPU_CR4_PKE;
    xvcpu__vmx_mode(&vv, &m);
    CHECK_EQ(m.pkru, 0);                  /* keys need paging: still not read */
    CHECK_EQ(soft.pkru_reads, 0);
    vv.arch.vmx.cr0 |= XVCPU_CR0_PG;
    xvcpu__vmx_mode(&vv, &m);
    CHECK_EQ(m.pkru, 0xC);
    CHECK_EQ(soft.pkru_reads, 1);
    CHECK((soft.cr4 & XVCPU_CR4_PKE) == 0); /* the host's CR4 as it was */
    mmio_done();
}
