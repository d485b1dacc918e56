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
