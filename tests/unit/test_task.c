/* The task switch the library performs on a VMX TASK_SWITCH exit (x86emu/taskswitch.c.h), on the
 * software VMX machine: one page of guest RAM at guest-physical 0x10000 (flat protected mode,
 * paging off unless a test turns it on) holds the GDT, the TSSes, an LDT and the stacks. Each
 * test checks the VMCS the switch leaves, the TSS and descriptor bytes it wrote, and the fault
 * the next entry injects (SDM Vol. 3A chapter 8; Table 8-1). */

#define TS_PAGE 0x10000u
#define TS_GDT (TS_PAGE + 0x000)   /* 16 descriptors */
#define TS_A (TS_PAGE + 0x100)     /* the running task's 32-bit TSS */
#define TS_B (TS_PAGE + 0x200)     /* the new 32-bit TSS */
#define TS_C (TS_PAGE + 0x300)     /* a 16-bit TSS */
#define TS_LDT (TS_PAGE + 0x400)
#define TS_STACK (TS_PAGE + 0xF00) /* the new task's ESP */

/* selectors */
#define TS_CODE 0x08
#define TS_DATA 0x10
#define TS_DATA_NA 0x18  /* a data segment not yet accessed */
#define TS_TSS_A 0x20
#define TS_TSS_B 0x28
#define TS_TSS_C 0x30
#define TS_LDTSEL 0x38
#define TS_CODE3 0x43    /* DPL 3 code, RPL 3 */
#define TS_DATA3 0x4B
#define TS_CODE_NP 0x50  /* not present */
#define TS_XONLY 0x58    /* execute-only code */
#define TS_TSS_FAR 0x60  /* a TSS outside guest RAM */

static uint8_t *ts_ram;

static uint64_t ts_desc(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    return (limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) | ((uint64_t)access << 40) |
           ((uint64_t)((limit >> 16) & 0xF) << 48) | ((uint64_t)flags << 52) | ((uint64_t)(base >> 24) << 56);
}

static uint8_t *ts_at(uint32_t gpa) { return ts_ram + (gpa - TS_PAGE); }
static void ts_put32(uint32_t gpa, uint32_t v) { memcpy(ts_at(gpa), &v, 4); }
static uint32_t ts_get32(uint32_t gpa) { uint32_t v; memcpy(&v, ts_at(gpa), 4); return v; }
static uint16_t ts_get16(uint32_t gpa) { uint16_t v; memcpy(&v, ts_at(gpa), 2); return v; }
static void ts_put16(uint32_t gpa, uint16_t v) { memcpy(ts_at(gpa), &v, 2); }
static void ts_gdt(unsigned sel, uint64_t d) { memcpy(ts_at(TS_GDT + (sel & ~7u)), &d, 8); }
static uint8_t ts_access_byte(unsigned sel) { return *ts_at(TS_GDT + (sel & ~7u) + 5); }

/* A 32-bit TSS for task n: EIP 0x2000 + n, registers 0xn00000r, flat selectors, LDT `ldt`. */
static void ts_tss32(uint32_t at, unsigned n, uint16_t ldt)
{
    unsigned i;
    memset(ts_at(at), 0, 0x68);
    ts_put32(at + 32, 0x2000 + n);
    ts_put32(at + 36, 0x893); /* CF AF SF OF */
    for (i = 0; i < 8; i++)
        ts_put32(at + 40 + 4 * i, (n << 24) | i);
    ts_put32(at + 56, TS_STACK);
    for (i = 0; i < 6; i++)
        ts_put32(at + 72 + 4 * i, i == 1 ? TS_CODE : TS_DATA);
    ts_put32(at + 96, ldt);
    ts_put32(at + 100, 0x680000); /* T 0, I/O map base 0x68 */
}

/* The vCPU in task A (TR 0x20, busy), EIP 0x1000, registers 0xA000000r, GDT and TSS B ready. */
static void ts_ready(void)
{
    uint64_t phys;
    unsigned i;
    vmx_ready(XVCPU_START_PROTECTED);
    ts_ram = (uint8_t *)mock_hal.alloc_pages(NULL, 1, &phys);
    memset(ts_ram, 0, 4096);
    CHECK_EQ(xvcpu_stage2_map(&vs2, TS_PAGE, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6), XVCPU_OK);
    ts_gdt(TS_CODE, ts_desc(0, 0xFFFFF, 0x9B, 0xC));
    ts_gdt(TS_DATA, ts_desc(0, 0xFFFFF, 0x93, 0xC));
    ts_gdt(TS_DATA_NA, ts_desc(0x1234000, 0xFFF, 0x92, 0x4));
    ts_gdt(TS_TSS_A, ts_desc(TS_A, 0x67, 0x8B, 0));
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x67, 0x89, 0));
    ts_gdt(TS_TSS_C, ts_desc(TS_C, 0x2B, 0x81, 0));
    ts_gdt(TS_LDTSEL, ts_desc(TS_LDT, 0xF, 0x82, 0));
    ts_gdt(TS_CODE3, ts_desc(0, 0xFFFFF, 0xFB, 0xC));
    ts_gdt(TS_DATA3, ts_desc(0, 0xFFFFF, 0xF3, 0xC));
    ts_gdt(TS_CODE_NP, ts_desc(0, 0xFFFFF, 0x1B, 0xC));
    ts_gdt(TS_XONLY, ts_desc(0, 0xFFFFF, 0x99, 0xC));
    ts_gdt(TS_TSS_FAR, ts_desc(0x40000000, 0x67, 0x89, 0));
    memcpy(ts_at(TS_LDT), &(uint64_t){ ts_desc(0x5000, 0xFF, 0x93, 0x4) }, 8);
    memset(ts_at(TS_A), 0xEE, 0x68); /* what the switch does not write stays 0xEE */
    ts_put32(TS_A + 96, 0);           /* but for its static LDT and T fields */
    ts_put32(TS_A + 100, 0x680000);
    ts_tss32(TS_B, 0xB, 0);
    soft.vmcs[XVCPU_VMCS_GUEST_GDTR_BASE] = TS_GDT;
    soft.vmcs[XVCPU_VMCS_GUEST_GDTR_LIMIT] = 0x7F;
    soft.vmcs[XVCPU_VMCS_GUEST_TR_SELECTOR] = TS_TSS_A;
    soft.vmcs[XVCPU_VMCS_GUEST_TR_BASE] = TS_A;
    soft.vmcs[XVCPU_VMCS_GUEST_TR_LIMIT] = 0x67;
    soft.vmcs[XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS] = 0x8B;
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x1000;
    soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS] = 0x2C7; /* IF CF PF ZF SF */
    soft.vmcs[XVCPU_VMCS_GUEST_RSP] = 0xA0000004;
    soft.vmcs[XVCPU_VMCS_GUEST_DR7] = 0x4FF;
    soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE] = 1; /* blocking by STI: the switch ends it */
    for (i = 0; i < 16; i++)
        vv.gpr[i] = i == 4 ? 0 : 0xA0000000ull | i;
    soft.dr6 = 0xFFFF0FF0;
    soft.last_injected = 0;
}

static void ts_done(void)
{
    mock_hal.free_pages(NULL, ts_ram, (uint64_t)(uintptr_t)ts_ram, 1);
    vmx_done();
}

/* A TASK_SWITCH exit: `source` (0 CALL, 1 IRET, 2 JMP, 3 IDT gate), the TSS selector, the
 * instruction length; `idt` the IDT-vectoring information (0: none). */
static void ts_exit(unsigned source, unsigned sel, uint32_t len, uint32_t idt)
{
    step_idt = idt;
    exit_once(XVCPU_VMX_EXIT_TASK_SWITCH, ((uint64_t)source << 30) | sel, len);
}

/* The VMCS holds task n of ts_tss32 (ESP `esp`), entered by a nesting switch when `nt`. */
static void ts_check_new_task(unsigned n, uint32_t esp, bool nt)
{
    unsigned i;
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x2000 + n);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], nt ? 0x4893u : 0x893u);
    for (i = 0; i < 8; i++)
        if (i != 4)
            CHECK_EQ(vv.gpr[i], (n << 24) | i);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RSP], esp);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_SELECTOR], TS_CODE);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_BASE], 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_LIMIT], 0xFFFFFFFF);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS], 0xC09B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_SS_SELECTOR], TS_DATA);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS], 0xC093);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_GS_SELECTOR], TS_DATA);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_GS_ACCESS_RIGHTS], 0xC093);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CR0] & XVCPU_CR0_TS, XVCPU_CR0_TS);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DR7], 0x4AA); /* L0-L3 cleared, G0-G3 kept */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE], 0);
}

/* CALL to a 32-bit TSS: the old task saved, the new one loaded, back link, NT, busy bits, TR,
 * LDTR, an unaccessed data segment marked accessed; then its IRET back. Exact VMCS cost. */
void test_task_call_and_iret(void)
{
    unsigned reads, writes, i;
    ts_ready();
    ts_put32(TS_B + 84, TS_DATA_NA);  /* DS: its accessed bit is set by the load */
    ts_put32(TS_B + 88, 0x04);        /* FS: LDT entry 0 */
    ts_put32(TS_B + 96, TS_LDTSEL);
    soft.vmreads = soft.vmwrites = soft.invvpids = 0;
    ts_exit(0, TS_TSS_B, 7, 0);
    reads = soft.vmreads, writes = soft.vmwrites;
    CHECK_EQ(vex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT); /* done inside: the next exit is the VMM's */
    CHECK_EQ(injected(), 0);
    ts_check_new_task(0xB, TS_STACK, true);
    /* old TSS: EIP after the CALL, EFLAGS, GPRs (ESP from the VMCS), selectors as words */
    CHECK_EQ(ts_get32(TS_A + 32), 0x1007);
    CHECK_EQ(ts_get32(TS_A + 36), 0x2C7);
    for (i = 0; i < 8; i++)
        CHECK_EQ(ts_get32(TS_A + 40 + 4 * i), i == 4 ? 0xA0000004u : 0xA0000000u | i);
    CHECK_EQ(ts_get16(TS_A + 76), 0x08);  /* CS */
    CHECK_EQ(ts_get16(TS_A + 78), 0xEEEE); /* the reserved half untouched */
    CHECK_EQ(ts_get16(TS_A + 80), 0x10);  /* SS */
    CHECK_EQ(ts_get32(TS_A + 28), 0xEEEEEEEEu); /* static fields untouched: CR3 */
    CHECK_EQ(ts_get32(TS_A + 84), 0xEEEE0010u); /* DS: the reserved half untouched */
    CHECK_EQ(ts_get16(TS_B), TS_TSS_A);   /* back link */
    CHECK_EQ(ts_access_byte(TS_TSS_A), 0x8B);
    CHECK_EQ(ts_access_byte(TS_TSS_B), 0x8B);
    CHECK_EQ(ts_access_byte(TS_DATA_NA), 0x93);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DS_SELECTOR], TS_DATA_NA);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DS_BASE], 0x1234000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DS_LIMIT], 0xFFF);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS], 0x4093);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_SELECTOR], 0x04);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_BASE], 0x5000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_LIMIT], 0xFF);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_SELECTOR], TS_LDTSEL);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_BASE], TS_LDT);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_LIMIT], 0xF);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS], 0x82);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_SELECTOR], TS_TSS_B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_BASE], TS_B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_LIMIT], 0x67);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS], 0x8B);
    CHECK_EQ(soft.invvpids, 0); /* paging off: CR3 not loaded */
    /* reads: EXIT_REASON; qualification, IDT-vectoring info, length; 6 selectors; LDTR and TR
     * (selector, base, limit, access rights each); GDTR base and limit; RFLAGS, RSP, CR0, CR3,
     * CR4, DR7, RIP; interruptibility; then 3 for the external-interrupt exit after it. Writes:
     * 8 segment registers (4 fields each), RSP, RIP, RFLAGS, CR0 (TS), DR7, interruptibility. */
    CHECK_EQ(reads, 1 + 3 + 6 + 8 + 2 + 7 + 1 + 3);
    CHECK_EQ(writes, 32 + 1 + 2 + 1 + 1 + 1);

    /* IRET (NT set) back to A: B saved with NT clear, B's busy bit cleared, A's registers back */
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x2100;
    ts_exit(1, TS_TSS_A, 1, 0);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(ts_get32(TS_B + 32), 0x2101);
    CHECK_EQ(ts_get32(TS_B + 36), 0x893);
    CHECK_EQ(ts_access_byte(TS_TSS_B), 0x89);
    CHECK_EQ(ts_access_byte(TS_TSS_A), 0x8B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x1007);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x2C7);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RSP], 0xA0000004u);
    CHECK_EQ(vv.gpr[XVCPU_REG_RAX], 0xA0000000u);
    CHECK_EQ(vv.gpr[XVCPU_REG_RDI], 0xA0000007u);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_SELECTOR], TS_TSS_A);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS], 0x10000); /* A's LDT: null, unusable */
    ts_done();
}

/* JMP: no back link, no NT, the old busy bit cleared. */
void test_task_jmp(void)
{
    ts_ready();
    ts_put16(TS_B, 0xBEEF);
    ts_exit(2, TS_TSS_B, 5, 0);
    CHECK_EQ(injected(), 0);
    ts_check_new_task(0xB, TS_STACK, false);
    CHECK_EQ(ts_get16(TS_B), 0xBEEF);
    CHECK_EQ(ts_get32(TS_A + 32), 0x1005);
    CHECK_EQ(ts_access_byte(TS_TSS_A), 0x89);
    CHECK_EQ(ts_access_byte(TS_TSS_B), 0x8B);
    ts_done();
}

/* An IDT task gate delivering #GP(0x1234): the error code on the new stack, the saved EIP the
 * faulting instruction's, the event consumed (nothing injected). INT 0x30 through a gate: the
 * saved EIP after the INT, no error code. An NMI through a gate blocks NMIs. */
void test_task_idt_gate(void)
{
    ts_ready();
    soft.vmcs[XVCPU_VMCS_IDT_VECTORING_ERROR_CODE] = 0x1234;
    ts_exit(3, TS_TSS_B, 3, 0x80000B0Du);
    CHECK_EQ(injected(), 0);
    ts_check_new_task(0xB, TS_STACK - 4, true);
    CHECK_EQ(ts_get32(TS_STACK - 4), 0x1234);
    CHECK_EQ(ts_get32(TS_A + 32), 0x1000);
    CHECK_EQ(ts_get16(TS_B), TS_TSS_A);
    ts_done();

    ts_ready();
    ts_exit(3, TS_TSS_B, 2, 0x80000430u);
    CHECK_EQ(injected(), 0);
    ts_check_new_task(0xB, TS_STACK, true);
    CHECK_EQ(ts_get32(TS_A + 32), 0x1002);
    ts_done();

    ts_ready();
    ts_exit(3, TS_TSS_B, 0, 0x80000202u);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(ts_get32(TS_A + 32), 0x1000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE], XVCPU_INTERRUPTIBILITY_STATE_BLOCKING_BY_NMI);
    ts_done();
}

/* The old task keeps everything; the fault `info` with error `error` is injected at the
 * instruction. */
static void ts_check_refused(uint32_t info, uint32_t error)
{
    CHECK_EQ(injected(), info);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], error);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x1000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_SELECTOR], TS_TSS_A);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x2C7);
    CHECK_EQ(ts_get32(TS_A + 32), 0xEEEEEEEEu);
    CHECK_EQ(ts_access_byte(TS_TSS_A), 0x8B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CR0] & XVCPU_CR0_TS, 0);
}

#define TS_INFO(vector) (0x80000B00u | (vector))  /* hardware exception with an error code */

/* Table 8-1 rows 1-3 and the TSS selector's checks: faults in the old task, nothing changed. */
void test_task_faults_before_the_switch(void)
{
    ts_ready(); /* CALL to a busy TSS: #GP(selector) */
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x67, 0x8B, 0));
    ts_exit(0, TS_TSS_B, 7, 0);
    ts_check_refused(TS_INFO(13), TS_TSS_B);
    ts_done();

    ts_ready(); /* IRET to a TSS that is not busy: #TS(selector) */
    ts_exit(1, TS_TSS_B, 1, 0);
    ts_check_refused(TS_INFO(10), TS_TSS_B);
    ts_done();

    ts_ready(); /* limit below 0x67: #TS */
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x66, 0x89, 0));
    ts_exit(2, TS_TSS_B, 7, 0);
    ts_check_refused(TS_INFO(10), TS_TSS_B);
    ts_done();

    ts_ready(); /* not present: #NP */
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x67, 0x09, 0));
    ts_exit(0, TS_TSS_B, 7, 0);
    ts_check_refused(TS_INFO(11), TS_TSS_B);
    ts_done();

    ts_ready(); /* a selector with TI set, or past the GDT: #GP */
    ts_exit(0, TS_TSS_B | 4, 7, 0);
    ts_check_refused(TS_INFO(13), TS_TSS_B | 4);
    ts_done();
    ts_ready();
    ts_exit(0, 0x80, 7, 0);
    ts_check_refused(TS_INFO(13), 0x80);
    ts_done();

    ts_ready(); /* not a TSS (a data segment): #GP */
    ts_exit(2, TS_DATA, 7, 0);
    ts_check_refused(TS_INFO(13), TS_DATA);
    ts_done();

    ts_ready(); /* an external interrupt through a gate to a TSS not present: #NP with EXT */
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x67, 0x09, 0));
    ts_exit(3, TS_TSS_B, 0, 0x80000030u);
    ts_check_refused(TS_INFO(11), TS_TSS_B | 1);
    ts_done();

    ts_ready(); /* #GP delivered through a gate to a busy TSS: #GP during #GP is #DF(0) */
    ts_gdt(TS_TSS_B, ts_desc(TS_B, 0x67, 0x8B, 0));
    ts_exit(3, TS_TSS_B, 0, 0x80000B0Du);
    ts_check_refused(TS_INFO(8), 0);
    ts_done();

    ts_ready(); /* the new TSS running into a page that is not guest RAM: the VMM's */
    ts_gdt(TS_TSS_B, ts_desc(TS_PAGE + 0xFD0, 0x67, 0x89, 0));
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(vex.kind, XVCPU_EXIT_TASK_SWITCH);
    CHECK_STR(vex.u.task_switch.why, "a task switch: a TSS, descriptor table or stack is not in guest RAM (MMIO?)");
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x1000);
    CHECK_EQ(ts_get32(TS_A + 32), 0xEEEEEEEEu);
    ts_done();
}

/* Faults in the new task's context (Table 8-1 rows 5-17): the switch is done (TR, the saved old
 * task, the busy bits), the segment that failed and those after it unusable. */
void test_task_faults_in_the_new_task(void)
{
    ts_ready(); /* CS not present: #NP(CS) */
    ts_put32(TS_B + 76, TS_CODE_NP);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(11));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_CODE_NP);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_SELECTOR], TS_TSS_B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x200B);
    CHECK_EQ(ts_get32(TS_A + 32), 0x1007);
    CHECK_EQ(ts_access_byte(TS_TSS_B), 0x8B);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_SELECTOR], TS_CODE_NP);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS] & 0x1FFFF, 0xC09B); /* usable, CPL 0 */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS], 0x10000);          /* unusable */
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS], 0x10000);
    ts_done();

    ts_ready(); /* SS with DPL 3 for CPL 0: #TS(SS) */
    ts_put32(TS_B + 80, TS_DATA3 & ~3u);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(10));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_DATA3 & ~3u);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS], 0xC09B); /* CS loaded */
    ts_done();

    ts_ready(); /* a null SS: #TS(0) */
    ts_put32(TS_B + 80, 0);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(10));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 0);
    ts_done();

    ts_ready(); /* DS execute-only code: #TS(DS); ES, FS, GS not loaded */
    ts_put32(TS_B + 84, TS_XONLY);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(10));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_XONLY);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS], 0xC093);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS], 0x10000);
    ts_done();

    ts_ready(); /* a data segment not present: #NP(DS) */
    ts_gdt(TS_DATA_NA, ts_desc(0, 0xFFF, 0x12, 0x4));
    ts_put32(TS_B + 84, TS_DATA_NA);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(11));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_DATA_NA);
    ts_done();

    ts_ready(); /* an LDT selector that names a data segment: #TS(LDT) before any segment */
    ts_put32(TS_B + 96, TS_DATA);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(10));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_DATA);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS], 0x10000);
    ts_done();

    ts_ready(); /* CS with RPL 3 and DPL 3, SS DPL 0: #TS(SS) at CPL 3; CS at CPL 3 */
    ts_put32(TS_B + 76, TS_CODE3);
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(10));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], TS_DATA);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS], 0xC0FB);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS], 0x10060); /* unusable, DPL 3 = CPL */
    ts_done();

    ts_ready(); /* EIP past CS's limit: #GP(0) */
    ts_gdt(TS_CODE, ts_desc(0, 0x1FFF, 0x9B, 0x4));
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), TS_INFO(13));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x200B);
    ts_done();

    ts_ready(); /* #GP(0x1234) through a gate whose new stack cannot take the error code: #SS(EXT)
                   during #GP, a contributory pair: #DF(0) */
    ts_put32(TS_B + 56, 2);
    ts_exit(3, TS_TSS_B, 0, 0x80000B0Du);
    CHECK_EQ(injected(), TS_INFO(8));
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_ENTRY_EXCEPTION_ERROR_CODE], 0);
    ts_done();
}

/* A 16-bit TSS: the low words, upper halves 0xFFFF, FS and GS null, a 16-bit save of the old
 * task when it is 16-bit too. */
void test_task_tss16(void)
{
    unsigned i;
    ts_ready();
    memset(ts_at(TS_C), 0, 0x2C);
    ts_put16(TS_C + 14, 0x3000);
    ts_put16(TS_C + 16, 0x0893);
    for (i = 0; i < 8; i++)
        ts_put16(TS_C + 18 + 2 * i, (uint16_t)(0xC00 | i));
    ts_put16(TS_C + 34, TS_DATA);
    ts_put16(TS_C + 36, TS_CODE);
    ts_put16(TS_C + 38, TS_DATA);
    ts_put16(TS_C + 40, TS_DATA);
    ts_exit(0, TS_TSS_C, 7, 0);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x3000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RFLAGS], 0x4893);
    CHECK_EQ(vv.gpr[XVCPU_REG_RAX], 0xFFFF0C00u);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RSP], 0xFFFF0C04u);
    CHECK_EQ(vv.gpr[XVCPU_REG_RDI], 0xFFFF0C07u);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_SELECTOR], 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_FS_ACCESS_RIGHTS], 0x10000);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS], 0x83);
    CHECK_EQ(ts_access_byte(TS_TSS_C), 0x83);
    CHECK_EQ(ts_get16(TS_C), TS_TSS_A);
    /* IRET back to A from the 16-bit task: its 16-bit save (IP, FLAGS with NT clear) */
    soft.vmcs[XVCPU_VMCS_GUEST_RIP] = 0x3010;
    ts_exit(1, TS_TSS_A, 1, 0);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(ts_get16(TS_C + 14), 0x3011);
    CHECK_EQ(ts_get16(TS_C + 16), 0x0893);
    CHECK_EQ(ts_get16(TS_C + 18), 0x0C00);
    CHECK_EQ(ts_access_byte(TS_TSS_C), 0x81);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x1007);
    ts_done();
}

/* The T bit: #DB injected after the switch (the new task's first EIP), DR6.BT set, B0-B3 kept. */
void test_task_t_bit(void)
{
    ts_ready();
    ts_put32(TS_B + 100, 0x680001);
    soft.dr6 = 0xFFFF0FF1;
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), 0x80000301u);
    CHECK_EQ(soft.dr6, 0xFFFF8FF1);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x200B);
    ts_done();
}

/* Paging on: CR3 from the new TSS, the VPID's translations flushed. */
void test_task_cr3(void)
{
    uint64_t phys;
    uint32_t *pd;
    ts_ready();
    /* a 32-bit page directory at 0x11000 mapping 0-4 MiB with one 4 MiB page (CR4.PSE) */
    pd = (uint32_t *)mock_hal.alloc_pages(NULL, 1, &phys);
    memset(pd, 0, 4096);
    pd[0] = 0x83;
    CHECK_EQ(xvcpu_stage2_map(&vs2, 0x11000, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, 6), XVCPU_OK);
    vv.arch.vmx.cr0 |= XVCPU_CR0_PG;
    vv.arch.vmx.cr4 |= XVCPU_CR4_PSE;
    soft.vmcs[XVCPU_VMCS_GUEST_CR0] |= XVCPU_CR0_PG;
    soft.vmcs[XVCPU_VMCS_GUEST_CR4] |= XVCPU_CR4_PSE;
    soft.vmcs[XVCPU_VMCS_GUEST_CR3] = 0x11000;
    ts_put32(TS_B + 28, 0x11018); /* the same directory, PWT/PCD set */
    soft.invvpids = 0;
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(injected(), 0);
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_CR3], 0x11018);
    CHECK_EQ(soft.invvpids, 1);
    CHECK_EQ(pd[0], 0xE3); /* the walks set accessed and dirty */
    ts_check_new_task(0xB, TS_STACK, true);
    mock_hal.free_pages(NULL, pd, phys, 1);
    ts_done();
}

/* What the library leaves to the VMM: long mode (no task switches there), a TSS outside RAM. */
void test_task_to_vmm(void)
{
    ts_ready();
    ts_exit(0, TS_TSS_FAR, 7, 0);
    CHECK_EQ(vex.kind, XVCPU_EXIT_TASK_SWITCH);
    CHECK_EQ(vex.u.task_switch.selector, TS_TSS_FAR);
    CHECK_STR(vex.u.task_switch.why, "a task switch: a TSS, descriptor table or stack is not in guest RAM (MMIO?)");
    CHECK_EQ(soft.vmcs[XVCPU_VMCS_GUEST_RIP], 0x1000);
    CHECK_EQ(ts_get32(TS_A + 32), 0xEEEEEEEEu);
    CHECK_EQ(xvcpu_complete(&vv), XVCPU_OK);
    vv.arch.vmx.efer |= XVCPU_IA32_EFER_LMA;
    ts_exit(0, TS_TSS_B, 7, 0);
    CHECK_EQ(vex.kind, XVCPU_EXIT_TASK_SWITCH);
    CHECK_STR(vex.u.task_switch.why, "a task switch outside legacy protected mode");
    vv.arch.vmx.efer &= ~XVCPU_IA32_EFER_LMA;
    ts_done();
}
