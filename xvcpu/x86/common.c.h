/* x86 facts both backends apply the same way. */

/* Canonical for the guest's linear-address width: 57 bits with CR4.LA57, else 48 (SDM Vol. 1
 * 3.3.7.1). Base-address MSRs refuse anything else with #GP. */
static bool xvcpu__x86_canonical(uint64_t v, uint64_t guest_cr4)
{
    unsigned shift = (guest_cr4 & XVCPU_CR4_LA57) ? 7 : 16;
    return (uint64_t)((int64_t)(v << shift) >> shift) == v;
}

/* A guest write of the x2APIC ICR (SDM Vol. 3A 11.12.9, APM Vol. 2 16.11) as the exit the VMM
 * sees: SIPI -> CPU_UP at vector << 12, any other IPI -> SEND_IPI. Returns false for INIT, which
 * only prepares the target (the SIPI that follows starts it): the caller just skips the WRMSR. */
static bool xvcpu__x86_icr_exit(uint64_t icr, xvcpu_exit *exit)
{
    uint32_t mode = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DELIVERY_MODE, icr);
    uint32_t shorthand = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND, icr);
    uint64_t dest = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION, icr);
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_INIT)
        return false;
    if (mode == XVCPU_X2APIC_ICR_DELIVERY_MODE_STARTUP) {
        exit->kind = XVCPU_EXIT_CPU_UP;
        exit->u.cpu_up.target_cpu = dest;
        exit->u.cpu_up.entry_point = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_VECTOR, icr) << 12;
        exit->u.cpu_up.arg = 0;
        return true;
    }
    exit->kind = XVCPU_EXIT_SEND_IPI;
    exit->u.send_ipi.target_cpu = dest;
    exit->u.send_ipi.target_cpu_aux = XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_DESTINATION_MODE, icr);
    exit->u.send_ipi.send_to_all = shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_EXCLUDING_SELF ||
                                   shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF;
    exit->u.send_ipi.send_to_self = shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_SELF ||
                                    shorthand == XVCPU_X2APIC_ICR_DESTINATION_SHORTHAND_ALL_INCLUDING_SELF;
    exit->u.send_ipi.vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_X2APIC_ICR_VECTOR, icr);
    return true;
}

/* The state a vCPU starts in (xvcpu_vcpu_setup_args.mode); each backend writes it in its own
 * format (VMX access rights, VMCB attributes).
 *   real       CS base = the entry (any address below 4 GiB), IP 0, 64 KiB 16-bit segments; the
 *              selector is entry >> 4 with RPL 0, as CS.DPL = 0 requires (SDM Vol. 3C 27.3.1.2)
 *   protected  flat 4 GiB 32-bit segments, CS 0x08, data 0x10, paging off
 *   long       64-bit code, PAE paging from the caller's CR3, EFER.LME/LMA */
typedef struct xvcpu__x86_start {
    uint64_t cr0, cr3, cr4, efer, rip, cs_base;
    uint16_t cs_sel, ds_sel;
    uint32_t limit;
    uint8_t code_bits; /* 16 (data segments 16-bit too), 32, 64 (data segments 32-bit) */
} xvcpu__x86_start;

static void xvcpu__x86_start_state(const xvcpu_vcpu_setup_args *a, xvcpu__x86_start *s)
{
    s->cr3 = s->cr4 = s->efer = s->cs_base = 0;
    s->rip = a->entry;
    s->limit = 0xFFFFFFFFu;
    s->cs_sel = 0x08;
    s->ds_sel = 0x10;
    switch (a->mode) {
    case XVCPU_START_REAL:
        s->cr0 = XVCPU_CR0_ET;
        s->code_bits = 16;
        s->cs_base = a->entry;
        s->cs_sel = (uint16_t)((a->entry >> 4) & ~3u);
        s->ds_sel = 0;
        s->rip = 0;
        s->limit = 0xFFFF;
        break;
    case XVCPU_START_PROTECTED:
        s->cr0 = XVCPU_CR0_ET | XVCPU_CR0_PE;
        s->code_bits = 32;
        break;
    default: /* XVCPU_START_LONG */
        s->cr0 = XVCPU_CR0_ET | XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_WP | XVCPU_CR0_NE | XVCPU_CR0_MP;
        s->cr3 = a->cr3;
        s->cr4 = XVCPU_CR4_PAE;
        s->efer = XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA;
        s->code_bits = 64;
        break;
    }
}

/* The guest's PKRU, for the page walker's protection-key checks. Neither VMX nor SVM switches it,
 * so after an exit the register still holds the guest's value. RDPKRU needs CR4.PKE, which a host
 * may run without: it is then set just for the read. Only the MMIO path with CR4.PKE asks. */
static uint32_t xvcpu__x86_live_pkru(void)
{
    uint64_t cr4 = XVCPU_READ_CR4();
    uint32_t v;
    if (cr4 & XVCPU_CR4_PKE)
        return XVCPU_RDPKRU();
    XVCPU_WRITE_CR4(cr4 | XVCPU_CR4_PKE);
    v = XVCPU_RDPKRU();
    XVCPU_WRITE_CR4(cr4);
    return v;
}

/* A FAIL_ENTRY exit the backend filled: mirror it into the raw fields and the vCPU's error text. */
static void xvcpu__fail_entry_report(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    exit->raw_reason = exit->u.fail_entry.hw_reason;
    exit->raw_qualification = exit->u.fail_entry.qualification;
    exit->raw_reason_name = exit->u.fail_entry.reason_name;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY, "xvcpu_vcpu_run: vCPU %u: VM entry failed: %s%s%s%s%s",
                      vcpu->id, exit->u.fail_entry.reason_name ? exit->u.fail_entry.reason_name : "?",
                      exit->u.fail_entry.error_text ? ": " : "",
                      exit->u.fail_entry.error_text ? exit->u.fail_entry.error_text : "",
                      exit->u.fail_entry.check ? ": " : "", exit->u.fail_entry.check ? exit->u.fail_entry.check : "");
}
