/* Regression (as tests/unit/test_rip_exact.c for VMX): an exit that sets no instruction length -
 * INTR, NMI, SHUTDOWN, unhandled, NPF, a failed VMRUN - leaves RIP exactly where the previous,
 * completed exit put it, and the entry after it does not move RIP either. */

typedef struct rip_svm_step {
    const char *name;
    uint64_t code, info1, info2;
    uint8_t nrip_len;
    xvcpu_exit_kind kind;
    bool fail_entry; /* VMRUN fails its consistency checks instead */
} rip_svm_step;

#define RIP_SVM_BASE 0x8000ull
static const rip_svm_step rip_svm_first[] = {
    { "OUT", XVCPU_SVM_EXIT_IOIO, (0xE9ull << 16) | XVCPU_SVM_IOIO_EXITINFO1_SZ8, RIP_SVM_BASE + 2, 2,
      XVCPU_EXIT_IO_WRITE, false },
    { "IN", XVCPU_SVM_EXIT_IOIO, (0xE9ull << 16) | XVCPU_SVM_IOIO_EXITINFO1_SZ8 | XVCPU_SVM_IOIO_EXITINFO1_TYPE,
      RIP_SVM_BASE + 1, 1, XVCPU_EXIT_IO_READ, false },
    { "RDMSR", XVCPU_SVM_EXIT_MSR, 0, 0, 2, XVCPU_EXIT_SYSREG_READ, false },
    { "VMMCALL", XVCPU_SVM_EXIT_VMMCALL, 0, 0, 3, XVCPU_EXIT_HYPERCALL, false },
    { "HLT", XVCPU_SVM_EXIT_HLT, 0, 0, 1, XVCPU_EXIT_HALT, false },
    { "WRMSR ICR", XVCPU_SVM_EXIT_MSR, 1, 0, 2, XVCPU_EXIT_SEND_IPI, false },
};

static const rip_svm_step rip_svm_second[] = {
    { "INTR", XVCPU_SVM_EXIT_INTR, 0, 0, 0, XVCPU_EXIT_EXTERNAL_INTERRUPT, false },
    { "NMI", XVCPU_SVM_EXIT_NMI, 0, 0, 0, XVCPU_EXIT_EXTERNAL_INTERRUPT, false },
    { "unhandled", 0x3F, 0, 0, 0, XVCPU_EXIT_UNHANDLED, false }, /* DR15 write: never intercepted */
    { "NPF", XVCPU_SVM_EXIT_NPF, XVCPU_SVM_NPF_EXITINFO1_GUEST_PHYSICAL, 0x7654000, 0,
      XVCPU_EXIT_NESTED_PAGE_FAULT, false },
    { "failed entry", 0, 0, 0, 0, XVCPU_EXIT_FAIL_ENTRY, true },
    { "host INIT", XVCPU_SVM_EXIT_INIT, 0, 0, 0, XVCPU_EXIT_NOTHING, false },
    { "SHUTDOWN", XVCPU_SVM_EXIT_SHUTDOWN, 0, 0, 0, XVCPU_EXIT_SYSTEM_DOWN, false },
};

static void rip_svm_complete(const rip_svm_step *a)
{
    switch (a->kind) {
    case XVCPU_EXIT_IO_READ: CHECK_EQ(xvcpu_complete_io_read(&v, 0x5A), XVCPU_OK); break;
    case XVCPU_EXIT_SYSREG_READ: CHECK_EQ(xvcpu_complete_sysreg_read(&v, 0x1122334455667788ull), XVCPU_OK); break;
    case XVCPU_EXIT_HYPERCALL: CHECK_EQ(xvcpu_complete_hypercall(&v, 7), XVCPU_OK); break;
    default: break; /* completed implicitly by the next run */
    }
}

void test_svm_rip_exact_after_lengthless_exits(void)
{
    unsigned i, j;
    for (i = 0; i < sizeof(rip_svm_first) / sizeof(rip_svm_first[0]); i++) {
        for (j = 0; j < sizeof(rip_svm_second) / sizeof(rip_svm_second[0]); j++) {
            const rip_svm_step *a = &rip_svm_first[i], *b = &rip_svm_second[j];
            const uint64_t after = RIP_SVM_BASE + a->nrip_len;
            uint64_t rip = 0;
            start(SVM_NPT | SVM_NRIPS, XVCPU_START_PROTECTED, RIP_SVM_BASE);
            vmcb()->save.rflags |= XVCPU_RFLAGS_IF; /* a HLT here ends when completed */
            CHECK_EQ(xvcpu_vcpu_msr_to_vmm(&v, 0xC0001234u, XVCPU_ACCESS_READ, true), XVCPU_OK);
            v.gpr[XVCPU_REG_RCX] = a->info1 == 1 ? XVCPU_MSR_X2APIC_ICR : 0xC0001234u;
            v.gpr[XVCPU_REG_RAX] = 0x4030; /* ICR: fixed IPI, vector 0x30 */
            v.gpr[XVCPU_REG_RDX] = 1;      /* to x2APIC 1 */
            script_add(a->code, a->info1, a->info2, a->nrip_len, 0, NULL);
            if (!b->fail_entry)
                script_add(b->code, b->info1, b->info2, b->nrip_len, 0, NULL);
            CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
            CHECK_EQ(ex.kind, a->kind);
            rip_svm_complete(a);
            if (b->fail_entry)
                vmcb()->save.efer &= ~XVCPU_IA32_EFER_SVME; /* VMRUN refuses this VMCB */
            CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK);
            CHECK_EQ(ex.kind, b->kind);
            if (b->fail_entry)
                vmcb()->save.efer |= XVCPU_IA32_EFER_SVME;
            CHECK_EQ(xvcpu_vcpu_get_reg(&v, XVCPU_REG_RIP, &rip), XVCPU_OK);
            if (rip != after)
                printf("  %s then %s: RIP %llx, expected %llx\n", a->name, b->name, (unsigned long long)rip,
                       (unsigned long long)after);
            CHECK_EQ(rip, after);
            if (b->kind != XVCPU_EXIT_SYSTEM_DOWN) {
                CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* the script is done: INTR */
                CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
                if (soft.rip_at_run[soft.runs - 1] != after)
                    printf("  %s then %s, entered again: RIP %llx, expected %llx\n", a->name, b->name,
                           (unsigned long long)soft.rip_at_run[soft.runs - 1], (unsigned long long)after);
                CHECK_EQ(soft.rip_at_run[soft.runs - 1], after);
                CHECK_EQ(xvcpu_complete_fault(&v, 13, 0), XVCPU_ERR_BAD_STATE);
            }
            finish();
        }
    }
}

/* The instruction-length cache (SVM without NRIP-save): reused only while provably exact. The
 * guest rewrites its code, remaps it under the same CR3, and the VMM remaps the page at stage
 * 2: each time the next RIP is the new instruction's. */
static void len_cache_cpuid_at_8000(uint64_t want_rip)
{
    CHECK_EQ(xvcpu_vcpu_set_reg(&v, XVCPU_REG_RIP, 0x8000), XVCPU_OK);
    v.gpr[XVCPU_REG_RAX] = 0;
    script_add(XVCPU_SVM_EXIT_CPUID, 0, 0, 0, 0, NULL);
    CHECK_EQ(xvcpu_vcpu_run(&v, &ex), XVCPU_OK); /* CPUID, then the script's INTR */
    CHECK_EQ(ex.kind, XVCPU_EXIT_EXTERNAL_INTERRUPT);
    CHECK_EQ(vmcb()->save.rip, want_rip);
}

void test_svm_len_cache_exact(void)
{
    uint64_t pd_to_pt = 0x4000 | 3, phys = 0;
    uint64_t *pt;
    uint8_t *page;
    start(SVM_NPT, XVCPU_START_LONG, 0x8000);
    pt = (uint64_t *)(void *)(gram + 0x4000);
    identity_tables();                      /* linear 0-2 MiB = guest-physical, one 2 MiB page */
    code_at(0x8000, "\x0F\xA2", 2);         /* cpuid */
    len_cache_cpuid_at_8000(0x8002);
    len_cache_cpuid_at_8000(0x8002);
    CHECK_EQ(v.x86.len_cache.misses, 1);
    CHECK_EQ(v.x86.len_cache.hits, 1);
    /* the guest rewrites the instruction: a prefix makes it 3 bytes */
    code_at(0x8000, "\x66\x0F\xA2", 3);
    len_cache_cpuid_at_8000(0x8003);
    CHECK_EQ(v.x86.len_cache.misses, 2);
    /* the guest remaps the page (same CR3): 4 KiB pages, linear 0x8000 -> 0x9000, then -> 0xA000 */
    memset(pt, 0, 4096);
    pt[8] = 0x9000 | 3;
    memcpy(gram + 0x3000, &pd_to_pt, 8);
    code_at(0x9000, "\x0F\xA2", 2);
    code_at(0xA000, "\x66\x66\x0F\xA2", 4);
    len_cache_cpuid_at_8000(0x8002);
    len_cache_cpuid_at_8000(0x8002);         /* (a hit) */
    pt[8] = 0xA000 | 3;
    len_cache_cpuid_at_8000(0x8004);
    CHECK_EQ(v.x86.len_cache.misses, 4);
    CHECK_EQ(v.x86.len_cache.hits, 2);
    /* the VMM remaps guest-physical 0xA000 to another host page holding a 2-byte CPUID */
    page = (uint8_t *)mock_hal.alloc_pages(NULL, 1, &phys);
    memset(page, 0x90, 4096);
    page[0] = 0x0F, page[1] = 0xA2;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0xA000, 0x1000), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0xA000, phys, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6),
             XVCPU_OK);
    len_cache_cpuid_at_8000(0x8002);
    CHECK_EQ(v.x86.len_cache.misses, 5);
    /* CPL is part of the key: at CPL 3 the same fetch is a #PF (the pages are supervisor-only),
     * where a cached CPL 0 decode would have skipped the instruction */
    vmcb()->save.cpl = 3;
    len_cache_cpuid_at_8000(0x8000);
    CHECK_EQ(soft.eventinj_at_run[soft.runs - 1], EVT(14, 3, 1, 0x5)); /* #PF: present, user (no I/D bit without NXE or SMEP) */
    CHECK_EQ(v.x86.len_cache.misses, 6);
    vmcb()->save.cpl = 0;
    mock_hal.free_pages(NULL, page, phys, 1);
    finish();
}
