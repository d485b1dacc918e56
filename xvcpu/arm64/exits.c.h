/* arm64 exits: the run loop, ESR_EL2 decode into neutral exits, PSCI, trapped system registers,
 * MMIO (ISV = 1 from the syndrome, ISV = 0 from the instruction), completions. */

/* What a handler did: the guest runs on, the exit goes to the VMM, or the run fails (the error
 * text is written). */
enum { XVCPU__A64_REENTER = 0, XVCPU__A64_EXIT = 1, XVCPU__A64_FAILED = 2 };

/* --- PSCI (DEN0022) ---------------------------------------------------------------------------- */

static bool xvcpu__a64_psci_id(uint32_t fn)
{
    return (fn & 0xBFFFFFE0u) == 0x84000000u; /* 0x84000000-1F and 0xC4000000-1F: the PSCI range */
}

static bool xvcpu__a64_psci_supported(uint32_t fn)
{
    switch (fn) {
    case XVCPU_PSCI_FN_VERSION: case XVCPU_PSCI_FN_CPU_SUSPEND: case XVCPU_PSCI_FN_CPU_SUSPEND64:
    case XVCPU_PSCI_FN_CPU_OFF: case XVCPU_PSCI_FN_CPU_ON: case XVCPU_PSCI_FN_CPU_ON64:
    case XVCPU_PSCI_FN_AFFINITY_INFO: case XVCPU_PSCI_FN_AFFINITY_INFO64:
    case XVCPU_PSCI_FN_MIGRATE_INFO_TYPE: case XVCPU_PSCI_FN_SYSTEM_OFF: case XVCPU_PSCI_FN_SYSTEM_RESET:
    case XVCPU_PSCI_FN_FEATURES:
        return true;
    default:
        return false;
    }
}

static uint64_t xvcpu__a64_psci_err(unsigned code)
{
    return (uint64_t)0 - code; /* the negative return codes, sign-extended to X0 */
}

/* The caller's level as a hypercall exit states it, from SPSR_EL2.M[3:2] (the EL the exception
 * came from): 0 for EL1, 3 for EL0, as x86 numbers CPLs. HVC is UNDEFINED at EL0 (Arm ARM C6.2.109),
 * so today's hypercalls always say 0; the field is filled from the state all the same. */
static uint8_t xvcpu__a64_caller_cpl(const xvcpu_vcpu *vcpu)
{
    return ((vcpu->arch.arm64.ctx.pstate >> 2) & 3u) == 0 ? 3 : 0;
}

/* The HVC/SMC calls the library answers itself, without the VMM: the PSCI queries (VERSION,
 * FEATURES, MIGRATE_INFO_TYPE, AFFINITY_INFO of this vCPU or with a bad level), unknown PSCI
 * functions and any non-PSCI SMC (NOT_SUPPORTED: nothing ever reaches the firmware). Writes X0
 * and steps past an SMC (`smc`: the PC is still at the instruction; HVC's preferred return is
 * already the next one). False for the calls that need the VMM. */
XVCPU__HOT bool xvcpu__a64_psci_answer(xvcpu_arm64_vcpu *a, bool smc)
{
    uint64_t *x = a->ctx.x;
    uint32_t fn = (uint32_t)x[0];
    if (!xvcpu__a64_psci_id(fn)) {
        if (!smc)
            return false; /* a HYPERCALL */
        x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
    } else if (fn == XVCPU_PSCI_FN_VERSION) {
        x[0] = 0x10001; /* PSCI 1.1 */
    } else if (fn == XVCPU_PSCI_FN_FEATURES) {
        x[0] = xvcpu__a64_psci_supported((uint32_t)x[1]) ? 0 : xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
    } else if (fn == XVCPU_PSCI_FN_MIGRATE_INFO_TYPE) {
        x[0] = 2; /* no trusted OS to migrate */
    } else if (fn == XVCPU_PSCI_FN_AFFINITY_INFO || fn == XVCPU_PSCI_FN_AFFINITY_INFO64) {
        uint64_t arg_mask = (fn & 0x40000000u) ? ~0ull : 0xFFFFFFFFull; /* SMC64 or SMC32 convention */
        if ((x[2] & arg_mask) != 0)
            x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_INVALID_PARAMETERS);
        else if (((x[1] & arg_mask) & 0xFF00FFFFFFull) == (a->vmpidr & 0xFF00FFFFFFull))
            x[0] = XVCPU_PSCI_AFFINITY_ON; /* itself: running */
        else
            return false; /* another vCPU: only the VMM knows */
    } else if (!xvcpu__a64_psci_supported(fn)) {
        x[0] = xvcpu__a64_psci_err(XVCPU_PSCI_ERR_NOT_SUPPORTED);
    } else {
        return false;
    }
    if (smc)
        a->ctx.pc += 4;
    return true;
}

/* HVC or SMC the library did not answer: CPU_ON -> CPU_UP, CPU_OFF -> CPU_DOWN, SYSTEM_OFF/RESET
 * -> SYSTEM_DOWN, CPU_SUSPEND -> HALT; AFFINITY_INFO of another vCPU and every non-PSCI HVC are a
 * HYPERCALL (nr = X0, args X1-X6) the VMM answers with xvcpu_complete_hypercall. */
static int xvcpu__a64_hvc_smc(xvcpu_vcpu *vcpu, xvcpu_exit *exit, bool smc)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t *x = a->ctx.x;
    uint32_t fn = (uint32_t)x[0];
    uint64_t arg_mask = (fn & 0x40000000u) ? ~0ull : 0xFFFFFFFFull;
    if (xvcpu__a64_psci_answer(a, smc))
        return XVCPU__A64_REENTER;
    vcpu->pending.insn_len = smc ? 4 : 0;
    if (xvcpu__a64_psci_id(fn))
        exit->raw_qualification = fn;
    switch (fn) {
    case XVCPU_PSCI_FN_CPU_ON:
    case XVCPU_PSCI_FN_CPU_ON64:
        exit->kind = XVCPU_EXIT_CPU_UP;
        exit->u.cpu_up.target_cpu = x[1] & arg_mask;
        exit->u.cpu_up.entry_point = x[2] & arg_mask;
        exit->u.cpu_up.arg = x[3] & arg_mask;
        x[0] = 0; /* SUCCESS unless the VMM says otherwise */
        break;
    case XVCPU_PSCI_FN_CPU_OFF:
        exit->kind = XVCPU_EXIT_CPU_DOWN;
        exit->u.cpu_down.state = 0;
        break;
    case XVCPU_PSCI_FN_SYSTEM_OFF:
    case XVCPU_PSCI_FN_SYSTEM_RESET:
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        a->down = true;
        break;
    case XVCPU_PSCI_FN_CPU_SUSPEND:
    case XVCPU_PSCI_FN_CPU_SUSPEND64:
        exit->kind = XVCPU_EXIT_HALT; /* a standby: wait for an event like WFI */
        x[0] = 0;
        break;
    default: /* a non-PSCI HVC, or AFFINITY_INFO of another vCPU */
        exit->kind = XVCPU_EXIT_HYPERCALL;
        exit->u.hypercall.nr = xvcpu__a64_psci_id(fn) ? fn : x[0];
        exit->u.hypercall.cpl = xvcpu__a64_caller_cpl(vcpu);
        XVCPU_MEMCPY(exit->u.hypercall.args, &x[1], sizeof(exit->u.hypercall.args));
        break;
    }
    return XVCPU__A64_EXIT;
}

/* --- trapped MSR/MRS ------------------------------------------------------------------------------ */

/* An MSR the library performs itself (HCR_EL2.TVM traps these writes). */
static bool xvcpu__a64_tvm_write(uint32_t sysreg, uint64_t value)
{
    switch (sysreg) {
#define XVCPU__A64_TVM_CASE(name) case XVCPU_SYSREG_##name: XVCPU_A64_WRITE(name, value); return true;
        XVCPU_ARM64_TVM_SYSREGS(XVCPU__A64_TVM_CASE)
#undef XVCPU__A64_TVM_CASE
    default:
        return false;
    }
}

/* The system register an MSR/MRS trap names (ISS of EC 0x18, Arm ARM D17.2.37). */
static uint32_t xvcpu__a64_trapped_sysreg(uint32_t iss)
{
    return XVCPU_SYSREG_ENC(XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP0, iss), XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP1, iss),
                            XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_CRN, iss), XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_CRM, iss),
                            XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_OP2, iss));
}

/* The traps the library answers itself: an ID register read (TID3) from the vCPU's table, an
 * MMU register write (TVM) performed for the guest. Steps past the instruction; false for the
 * others (an MSR to an ID register is undefined: the run loop injects that). */
XVCPU__HOT bool xvcpu__a64_sysreg_answer(xvcpu_vcpu *vcpu, uint32_t iss)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint32_t sysreg = xvcpu__a64_trapped_sysreg(iss);
    unsigned rt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_RT, iss);
    if (iss & XVCPU_ISS_SYSREG_DIRECTION) {
        if (!xvcpu__a64_id_encoding(sysreg))
            return false;
        xvcpu__a64_xreg_write(vcpu, rt, 8, a->id_regs[XVCPU_ARM64_ID_SLOT(sysreg)]);
    } else if (!xvcpu__a64_tvm_write(sysreg, xvcpu__a64_xreg(vcpu, rt))) {
        return false;
    }
    a->ctx.pc += 4;
    return true;
}

/* A Performance Monitors register (the ones MDCR_EL2.TPM traps). */
static bool xvcpu__a64_pmu_sysreg(uint32_t sysreg)
{
    switch (sysreg) {
#define XVCPU__A64_PMU_CASE(name) case XVCPU_SYSREG_##name:
        XVCPU_ARM64_PMU_SYSREGS(XVCPU__A64_PMU_CASE)
#undef XVCPU__A64_PMU_CASE
        return true;
    default:
        return false;
    }
}

static int xvcpu__a64_sysreg(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint32_t iss)
{
    uint32_t sysreg = xvcpu__a64_trapped_sysreg(iss);
    unsigned rt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_RT, iss);
    bool read = (iss & XVCPU_ISS_SYSREG_DIRECTION) != 0;
    uint64_t value = xvcpu__a64_xreg(vcpu, rt);
    if (xvcpu__a64_sysreg_answer(vcpu, iss))
        return XVCPU__A64_REENTER;
    if (!vcpu->arch.arm64.pmu_shared && xvcpu__a64_pmu_sysreg(sysreg)) {
        /* the hidden PMU: on a CPU without one these encodings are UNDEFINED */
        (void)xvcpu_arm64_inject_undef(vcpu);
        return XVCPU__A64_REENTER;
    }
    vcpu->pending.insn_len = 4;
    if (xvcpu__a64_id_encoding(sysreg)) { /* ID registers are read-only: MSR to one is undefined */
        (void)xvcpu_arm64_inject_undef(vcpu);
        return XVCPU__A64_REENTER;
    }
    if (!read && sysreg == XVCPU_SYSREG_ICC_SGI1R_EL1) {
        exit->kind = XVCPU_EXIT_SEND_IPI;
        exit->u.send_ipi.target_cpu =
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF3, value) << 32) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF2, value) << 16) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_AFF1, value) << 8) |
            (XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_RS, value) * 16u);
        exit->u.send_ipi.target_cpu_aux = XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_TARGETLIST, value);
        exit->u.send_ipi.send_to_all = (value & XVCPU_ICC_SGI1R_EL1_IRM) != 0;
        exit->u.send_ipi.send_to_self = false;
        exit->u.send_ipi.vector = (uint32_t)XVCPU_FIELD_GET(XVCPU_ICC_SGI1R_EL1_INTID, value);
        return XVCPU__A64_EXIT;
    }
    if (read) {
        exit->kind = XVCPU_EXIT_SYSREG_READ;
        exit->u.sysreg_read.addr = sysreg;
        exit->u.sysreg_read.reg = (uint8_t)rt;
    } else {
        exit->kind = XVCPU_EXIT_SYSREG_WRITE;
        exit->u.sysreg_write.addr = sysreg;
        exit->u.sysreg_write.value = value;
    }
    return XVCPU__A64_EXIT;
}

/* --- data aborts and MMIO -------------------------------------------------------------------------- */

/* In an MMIO region? The one the last MMIO abort hit first (a device is usually accessed
 * several times in a row), then the others. */
static bool xvcpu__a64_in_mmio_region(xvcpu_vcpu *vcpu, uint64_t ipa)
{
    unsigned hint = vcpu->arch.arm64.mmio_hint, i;
    if (hint < vcpu->mmio_count && ipa - vcpu->mmio[hint].gpa < vcpu->mmio[hint].size)
        return true;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (ipa - vcpu->mmio[i].gpa < vcpu->mmio[i].size) {
            vcpu->arch.arm64.mmio_hint = (uint8_t)i;
            return true;
        }
    return false;
}

/* The faulting IPA: page from HPFAR_EL2, offset from FAR_EL2 (Arm ARM D19.2.52). */
static uint64_t xvcpu__a64_fault_ipa(uint64_t hpfar, uint64_t far)
{
    return (XVCPU_FIELD_GET(XVCPU_HPFAR_EL2_FIPA, hpfar) << 12) | (far & 0xFFFu);
}

static void xvcpu__a64_unsupported(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t ipa, uint32_t access, const char *why,
                                   bool have_insn, uint32_t insn)
{
    exit->kind = XVCPU_EXIT_MMIO_UNSUPPORTED;
    exit->u.mmio_unsupported.addr = ipa;
    exit->u.mmio_unsupported.insn_len = 4; /* every A64 instruction: xvcpu_complete() skips it */
    exit->u.mmio_unsupported.access = access;
    exit->u.mmio_unsupported.why = why;
    vcpu->pending.insn_len = 4;
    if (have_insn) {
        exit->u.mmio_unsupported.fetched = 4;
        exit->u.mmio_unsupported.bytes[0] = (uint8_t)insn;
        exit->u.mmio_unsupported.bytes[1] = (uint8_t)(insn >> 8);
        exit->u.mmio_unsupported.bytes[2] = (uint8_t)(insn >> 16);
        exit->u.mmio_unsupported.bytes[3] = (uint8_t)(insn >> 24);
    }
}

/* The guest's instruction at its PC, through its stage-1 tables (AT S1E1R) and stage 2. */
static bool xvcpu__a64_fetch(xvcpu_vcpu *vcpu, uint32_t *insn)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t pc = a->ctx.pc, par, ipa, hpa;
    uint32_t perms;
    const uint8_t *p;
    if (xvcpu__a64_el1_get(vcpu, XVCPU__A64_EL1_SCTLR_EL1) & XVCPU_SCTLR_EL1_EE)
        return false; /* big-endian guests are not decoded */
    par = XVCPU_A64_AT_S1E1R(pc);
    if (par & XVCPU_PAR_EL1_OK_F)
        return false;
    ipa = (par & XVCPU_PAR_EL1_OK_PA_MASK) | (pc & 0xFFFu);
    if (xvcpu_stage2_translate(a->stage2, ipa, &hpa, &perms, NULL) != XVCPU_OK || !(perms & XVCPU_ACCESS_READ))
        return false;
    p = (const uint8_t *)vcpu->hal->phys_to_virt(vcpu->hal->ctx, hpa);
    if (p == NULL)
        return false;
    *insn = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return true;
}

/* A decoded A64 load/store (Arm ARM C4.1.66), the forms the ISV = 0 path emulates. */
typedef struct xvcpu__a64_ldst {
    bool load, pair, sign;
    unsigned size;        /* bytes per register */
    unsigned reg_width;   /* 4 (W) or 8 (X) destination */
    unsigned rt, rt2, rn;
    int writeback;        /* 0 none, 1 pre-index, 2 post-index */
    int64_t imm;          /* byte offset of immediate forms */
} xvcpu__a64_ldst;

static int64_t xvcpu__a64_sext(uint64_t v, unsigned bits)
{
    uint64_t m = 1ull << (bits - 1);
    return (int64_t)((v ^ m) - m);
}

/* NULL when `insn` is a supported general-register load/store, else why not. */
static const char *xvcpu__a64_decode_ldst(uint32_t insn, xvcpu__a64_ldst *d)
{
    XVCPU_MEMSET(d, 0, sizeof(*d));
    d->rt = insn & 31;
    d->rn = (insn >> 5) & 31;
    d->rt2 = (insn >> 10) & 31;
    if ((insn & 0x3A000000u) == 0x28000000u) { /* load/store pair: opc 101 V 0 type L imm7 */
        unsigned opc = insn >> 30, type = (insn >> 23) & 3;
        if (insn & (1u << 26))
            return "SIMD/FP register pair";
        d->pair = true;
        d->load = (insn >> 22) & 1;
        if (opc == 0) {
            d->size = 4;
            d->reg_width = 4;
        } else if (opc == 1 && d->load) {
            d->size = 4; /* LDPSW */
            d->reg_width = 8;
            d->sign = true;
        } else if (opc == 2) {
            d->size = 8;
            d->reg_width = 8;
        } else {
            return "unallocated or tagged pair";
        }
        d->imm = xvcpu__a64_sext((insn >> 15) & 0x7F, 7) * (int64_t)d->size;
        d->writeback = type == 1 ? 2 : type == 3 ? 1 : 0;
        if (d->load && d->rt == d->rt2)
            return "load pair into one register (unpredictable)";
        if (d->writeback && d->rn != 31 && (d->rn == d->rt || d->rn == d->rt2))
            return "pair with writeback into a data register (unpredictable)";
        return NULL;
    }
    if ((insn & 0x3B000000u) == 0x39000000u || (insn & 0x3B200000u) == 0x38000000u ||
        (insn & 0x3B200C00u) == 0x38200800u) { /* single register: unsigned imm, imm9 forms, reg offset */
        unsigned size = insn >> 30, opc = (insn >> 22) & 3;
        if (insn & (1u << 26))
            return "SIMD/FP register";
        if ((insn & 0x3B000000u) == 0x39000000u) {
            d->imm = (int64_t)(((insn >> 10) & 0xFFF) << size);
        } else if ((insn & 0x3B200000u) == 0x38000000u) {
            unsigned kind = (insn >> 10) & 3; /* 0 unscaled, 1 post, 2 unprivileged, 3 pre */
            d->imm = xvcpu__a64_sext((insn >> 12) & 0x1FF, 9);
            d->writeback = kind == 1 ? 2 : kind == 3 ? 1 : 0;
        }
        d->size = 1u << size;
        switch (opc) {
        case 0: d->reg_width = size == 3 ? 8 : 4; break;
        case 1: d->load = true; d->reg_width = size == 3 ? 8 : 4; break;
        case 2:
            if (size == 3)
                return "prefetch (PRFM)";
            d->load = true; /* LDRSB/LDRSH/LDRSW to X */ d->sign = true; d->reg_width = 8;
            break;
        default:
            if (size >= 2)
                return "unallocated load/store";
            d->load = true; d->sign = true; d->reg_width = 4;
            break;
        }
        if (d->writeback && d->rn != 31 && d->rn == d->rt && d->load)
            return "load with writeback into its base register (unpredictable)";
        return NULL;
    }
    if ((insn & 0x3F000000u) == 0x08000000u)
        return "exclusive or acquire/release load/store";
    if ((insn & 0x3B200C00u) == 0x38200000u)
        return "atomic memory operation";
    return "not a load or store the library emulates";
}

/* The base register of a load/store: 31 is the stack pointer of the guest's mode. */
static unsigned xvcpu__a64_sp_slot(const xvcpu_vcpu *vcpu)
{
    return (vcpu->arch.arm64.ctx.pstate & XVCPU_SPSR_EL2_M_MASK) == XVCPU_SPSR_EL2_M_EL1H ? XVCPU__A64_EL1_SP_EL1
                                                                                             : XVCPU__A64_EL1_SP_EL0;
}

static uint64_t xvcpu__a64_base(xvcpu_vcpu *vcpu, unsigned rn)
{
    return rn == 31 ? xvcpu__a64_el1_get(vcpu, xvcpu__a64_sp_slot(vcpu)) : vcpu->arch.arm64.ctx.x[rn];
}

static void xvcpu__a64_set_base(xvcpu_vcpu *vcpu, unsigned rn, uint64_t value)
{
    if (rn == 31)
        xvcpu__a64_el1_set(vcpu, xvcpu__a64_sp_slot(vcpu), value);
    else
        vcpu->arch.arm64.ctx.x[rn] = value;
}

static uint64_t xvcpu__a64_width_mask(unsigned bytes)
{
    return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1;
}

/* A loaded value as its register gets it: `size` bytes, zero- or sign-extended. */
static uint64_t xvcpu__a64_extend(uint64_t value, unsigned size, bool sign)
{
    uint64_t mask = xvcpu__a64_width_mask(size);
    value &= mask;
    if (sign && size < 8 && (value >> (8 * size - 1)) != 0)
        value |= ~mask;
    return value;
}

/* One MMIO access as the exit for the VMM. */
static void xvcpu__a64_mmio_exit(xvcpu_exit *exit, uint64_t ipa, bool write, unsigned size, unsigned reg,
                                 unsigned reg_width, bool sign, uint64_t data)
{
    if (write) {
        exit->kind = XVCPU_EXIT_MMIO_WRITE;
        exit->u.mmio_write.addr = ipa;
        exit->u.mmio_write.width = (uint8_t)size;
        exit->u.mmio_write.data = data & xvcpu__a64_width_mask(size);
    } else {
        exit->kind = XVCPU_EXIT_MMIO_READ;
        exit->u.mmio_read.addr = ipa;
        exit->u.mmio_read.width = (uint8_t)size;
        exit->u.mmio_read.reg = (uint8_t)reg;
        exit->u.mmio_read.reg_width = (uint8_t)reg_width;
        exit->u.mmio_read.signed_ext = sign;
    }
}

/* The next access of an ISV = 0 pair (step 0 or 1); no guest entry between the two. */
static void xvcpu__a64_pair_exit(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu__a64_ldst d;
    unsigned k = a->pair_step;
    (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
    xvcpu__a64_mmio_exit(exit, a->pair_addr + k * d.size, !d.load, d.size, k ? d.rt2 : d.rt, d.reg_width, d.sign,
                         xvcpu__a64_xreg(vcpu, k ? d.rt2 : d.rt));
    exit->raw_reason = XVCPU_ARM64_EC_DABT_LOW;
    exit->raw_reason_name = xvcpu_arm64_ec_name(XVCPU_ARM64_EC_DABT_LOW);
    exit->raw_info2 = a->pair_addr + k * d.size;
    vcpu->pending.insn_len = k == 1 ? 4 : 0;
}

/* The writeback of pre/post-indexed forms, done with the access's completion. */
static void xvcpu__a64_writeback(xvcpu_vcpu *vcpu, const xvcpu__a64_ldst *d)
{
    if (d->writeback)
        xvcpu__a64_set_base(vcpu, d->rn, xvcpu__a64_base(vcpu, d->rn) + (uint64_t)d->imm);
}

/* ISV = 0: decode the instruction and emulate it over MMIO exits. */
static int xvcpu__a64_mmio_decode(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint64_t ipa, uint64_t far, bool wnr)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint32_t insn = 0, access = wnr ? XVCPU_ACCESS_WRITE : XVCPU_ACCESS_READ;
    xvcpu__a64_ldst d;
    const char *why;
    if (!xvcpu__a64_fetch(vcpu, &insn)) {
        xvcpu__a64_unsupported(vcpu, exit, ipa, access, "the instruction could not be fetched", false, 0);
        return XVCPU__A64_EXIT;
    }
    why = xvcpu__a64_decode_ldst(insn, &d);
    if (why == NULL && d.load == wnr)
        why = "the instruction does not match the fault's direction";
    if (why != NULL) {
        xvcpu__a64_unsupported(vcpu, exit, ipa, access, why, true, insn);
        return XVCPU__A64_EXIT;
    }
    vcpu->pending.insn_len = 4;
    if (!d.pair) {
        xvcpu__a64_mmio_exit(exit, ipa, !d.load, d.size, d.rt, d.reg_width, d.sign, xvcpu__a64_xreg(vcpu, d.rt));
        a->pair_insn = insn; /* remembered for the writeback at completion */
        a->pair_active = false;
        a->pair_step = 2;
        return XVCPU__A64_EXIT;
    } else {
        /* both elements from the base: they must lie in the faulting page, both in MMIO */
        uint64_t va0 = xvcpu__a64_base(vcpu, d.rn) + (d.writeback == 2 ? 0 : (uint64_t)d.imm);
        uint64_t ipa0 = (ipa & ~0xFFFull) | (va0 & 0xFFFu);
        if ((va0 & ~0xFFFull) != (far & ~0xFFFull) || ((va0 + 2 * d.size - 1) & ~0xFFFull) != (va0 & ~0xFFFull) ||
            !xvcpu__in_mmio_region(vcpu, ipa0) || !xvcpu__in_mmio_region(vcpu, ipa0 + d.size)) {
            xvcpu__a64_unsupported(vcpu, exit, ipa, access, "pair crosses a page or leaves the MMIO region", true, insn);
            return XVCPU__A64_EXIT;
        }
        a->pair_active = true;
        a->pair_step = 0;
        a->pair_insn = insn;
        a->pair_addr = ipa0;
        xvcpu__a64_pair_exit(vcpu, exit);
        return XVCPU__A64_EXIT;
    }
}

static int xvcpu__a64_abort(xvcpu_vcpu *vcpu, xvcpu_exit *exit, uint32_t ec, uint32_t iss, uint64_t far,
                            uint64_t hpfar)
{
    vcpu->arch.arm64.fault_va = far;
    bool data = ec == XVCPU_ARM64_EC_DABT_LOW, fnv = (iss & XVCPU_ISS_DABT_FNV) != 0;
    bool wnr = data && (iss & XVCPU_ISS_DABT_WNR) != 0;
    uint64_t ipa = fnv ? XVCPU_FIELD_GET(XVCPU_HPFAR_EL2_FIPA, hpfar) << 12 : xvcpu__a64_fault_ipa(hpfar, far);
    uint32_t access = !data ? XVCPU_ACCESS_EXEC : wnr ? XVCPU_ACCESS_WRITE : XVCPU_ACCESS_READ;
    exit->raw_info2 = ipa;
    vcpu->pending.insn_len = 0;
    /* a fault on the guest's own table walk is about that table, never the instruction's access */
    if (iss & XVCPU_ISS_DABT_S1PTW)
        access = XVCPU_ACCESS_READ;
    else if (data && vcpu->mmio_count != 0 && xvcpu__a64_in_mmio_region(vcpu, ipa)) {
        unsigned size, srt, reg_width;
        if (fnv) {
            xvcpu__a64_unsupported(vcpu, exit, ipa, access, "FAR_EL2 not valid for this abort", false, 0);
            return XVCPU__A64_EXIT;
        }
        if (!(iss & XVCPU_ISS_DABT_ISV))
            return xvcpu__a64_mmio_decode(vcpu, exit, ipa, far, wnr);
        size = 1u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss);
        srt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_DABT_SRT, iss);
        reg_width = (iss & XVCPU_ISS_DABT_SF) ? 8 : 4;
        xvcpu__a64_mmio_exit(exit, ipa, wnr, size, srt, reg_width, (iss & XVCPU_ISS_DABT_SSE) != 0,
                             xvcpu__a64_xreg(vcpu, srt));
        vcpu->arch.arm64.pair_step = 3; /* ISV = 1: no writeback to do */
        vcpu->pending.insn_len = 4;
        return XVCPU__A64_EXIT;
    }
    exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
    exit->u.nested_page_fault.addr = ipa;
    exit->u.nested_page_fault.access = access;
    exit->u.nested_page_fault.linear_valid = !fnv && !(iss & XVCPU_ISS_DABT_S1PTW);
    exit->u.nested_page_fault.linear = exit->u.nested_page_fault.linear_valid ? far : 0;
    return XVCPU__A64_EXIT;
}

/* --- the run loop ---------------------------------------------------------------------------------- */

/* Whatever the stage-2 tables lost since this VMID's TLB entries were last made consistent:
 * by IPA when few pages changed, else the whole VMID (Arm ARM D8.16). */
static void xvcpu__a64_tlb_maintain(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu_arm64_caps *c = &vcpu->cpu->caps.arm64;
    const xvcpu_stage2 *s2 = a->stage2;
    if (c->flush_all_pending) {
        XVCPU_A64_TLBI_ALLE1IS();
        c->flush_all_pending = false;
    } else if (a->flush_pending || s2->generation - a->stage2_generation > XVCPU_STAGE2_LOST_LOG) {
        XVCPU_A64_TLBI_VMALLS12E1IS();
    } else if (s2->generation != a->stage2_generation) {
        uint64_t g, pages = 0;
        for (g = a->stage2_generation + 1; g <= s2->generation; g++)
            pages += s2->lost[g % XVCPU_STAGE2_LOST_LOG].size >> 12;
        if (pages > 64) {
            XVCPU_A64_TLBI_VMALLS12E1IS();
        } else {
            for (g = a->stage2_generation + 1; g <= s2->generation; g++) {
                uint64_t at = s2->lost[g % XVCPU_STAGE2_LOST_LOG].gpa;
                uint64_t end = at + s2->lost[g % XVCPU_STAGE2_LOST_LOG].size;
                for (; at < end; at += 4096)
                    XVCPU_A64_TLBI_IPAS2E1IS(at);
            }
            XVCPU_A64_TLBI_VMALLE1IS(); /* combined stage-1+2 entries may hold the old IPA's */
        }
    }
    a->flush_pending = false;
    a->stage2_generation = s2->generation;
}

/* --- MMIO devices in the library (xvcpu_arm64_add_mmio_device) ---------------------------------- */

enum {
    XVCPU__A64_DEV_NONE = 0, /* device_handover: nothing for the run loop */
    XVCPU__A64_DEV_DONE,     /* the lean path performed the access; the loop's entry work is due */
    XVCPU__A64_DEV_EXIT,     /* the device said XVCPU_DEVICE_EXIT: device_access is the VMM's exit */
    XVCPU__A64_DEV_REFUSED   /* the device returned device_result, neither DONE nor EXIT */
};

/* The device region `ipa` is in, or NULL (no region, or one without a device). */
static const xvcpu_mmio_region *xvcpu__a64_device_region(xvcpu_vcpu *vcpu, uint64_t ipa)
{
    unsigned i;
    for (i = 0; i < vcpu->mmio_count; i++)
        if (ipa - vcpu->mmio[i].gpa < vcpu->mmio[i].size)
            return vcpu->mmio[i].device_fn != NULL ? &vcpu->mmio[i] : NULL;
    return NULL;
}

/* A loaded value as Xt/Wt gets it from an ISV = 1 syndrome: SAS bytes, sign-extended when SSE,
 * the upper half cleared when SF is 0 (a W register). Branch-free: the lean path's. */
static uint64_t xvcpu__a64_iss_load_value(uint64_t value, uint32_t iss)
{
    unsigned drop = 64u - (8u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss)); /* bits above the access */
    uint64_t sign = (uint64_t)((iss & XVCPU_ISS_DABT_SSE) != 0) << (63u - drop);
    value = (value << drop) >> drop;
    value = (value ^ sign) - sign;
    return (iss & XVCPU_ISS_DABT_SF) ? value : (value & 0xFFFFFFFFull);
}

/* The lean path's MMIO access: an ISV = 1 data abort (the syndrome says it all; not the guest's
 * own table walk, FAR valid) in the device region the last MMIO abort hit goes to the device from
 * the vectors. The access is what the run loop would decode (xvcpu__a64_abort), completed as
 * xvcpu__a64_complete would. Anything else, and whatever the device leaves for the loop (entry
 * work it made, an exit, a refusal), goes to the loop. A guest that spins on a device is stopped
 * like one spinning on HVC: by the host's interrupts (IMO routes them to EL2 while it runs). */
static __attribute__((__noinline__)) int xvcpu__a64_lean_mmio(xvcpu_arm64_vcpu *a, uint64_t esr)
{
    xvcpu_vcpu *vcpu = a->ctx.vcpu;
    const xvcpu_mmio_region *region = &vcpu->mmio[a->mmio_hint];
    xvcpu_exit *x = &a->device_access; /* raw_reason and its name are set at create: always DABT_LOW */
    uint32_t iss = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_ISS, esr);
    uint64_t far, ipa, value = 0;
    unsigned srt;
    int done;
    /* (the caller saw a device in the hint's slot - one past mmio_count is empty, device_fn NULL;
     * the stage-2 generation is checked after the device, which may change the tables too: before
     * the guest runs again is what matters) */
    if (!(iss & XVCPU_ISS_DABT_ISV) || (iss & (XVCPU_ISS_DABT_S1PTW | XVCPU_ISS_DABT_FNV)))
        return XVCPU_ARM64_LEAN_EXIT;
    far = XVCPU_A64_READ(FAR_EL2);
    ipa = xvcpu__a64_fault_ipa(XVCPU_A64_READ(HPFAR_EL2), far);
    if (ipa - region->gpa >= region->size)
        return XVCPU_ARM64_LEAN_EXIT; /* another region: the loop finds it (and the hint) */
    x->raw_qualification = esr;
    x->raw_info2 = ipa;
    srt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_DABT_SRT, iss);
    if (XVCPU_ARM64_LEAN_UNSAVED(srt))
        return XVCPU_ARM64_LEAN_EXIT; /* X20-X29 are not in ctx here: the loop serves the device */
    if (iss & XVCPU_ISS_DABT_WNR) { /* only the fields of the access's kind: the device reads no others */
        unsigned drop = 64u - (8u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss));
        x->kind = XVCPU_EXIT_MMIO_WRITE;
        x->u.mmio_write.addr = ipa;
        x->u.mmio_write.width = (uint8_t)(1u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss));
        x->u.mmio_write.data = (xvcpu__a64_xreg(vcpu, srt) << drop) >> drop;
    } else {
        x->kind = XVCPU_EXIT_MMIO_READ;
        x->u.mmio_read.addr = ipa;
        x->u.mmio_read.width = (uint8_t)(1u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss));
        x->u.mmio_read.reg = (uint8_t)srt;
        x->u.mmio_read.reg_width = (uint8_t)(4u << XVCPU_FIELD_GET(XVCPU_ISS_DABT_SF, iss)); /* W 4, X 8 */
        x->u.mmio_read.signed_ext = (iss & XVCPU_ISS_DABT_SSE) != 0;
    }
    done = region->device_fn(region->device, vcpu, x, &value);
    if (XVCPU__UNLIKELY(done != XVCPU_DEVICE_DONE)) {
        a->fault_va = XVCPU_A64_READ(FAR_EL2); /* (still the abort's) for an xvcpu_complete_fault */
        a->device_result = done;
        a->device_handover = done == XVCPU_DEVICE_EXIT ? XVCPU__A64_DEV_EXIT : XVCPU__A64_DEV_REFUSED;
        return XVCPU_ARM64_LEAN_EXIT;
    }
    srt = (unsigned)XVCPU_FIELD_GET(XVCPU_ISS_DABT_SRT, iss);
    if (!(iss & XVCPU_ISS_DABT_WNR) && srt != 31) /* XZR discards */
        a->ctx.x[srt] = XVCPU_FIELD_GET(XVCPU_ISS_DABT_SAS, iss) == 3 ? value /* LDR Xt: as it is */
                                                                      : xvcpu__a64_iss_load_value(value, iss);
    a->ctx.pc += 4;
    a->ctx.vcpu->exit_stats[XVCPU_ARM64_EC_DABT_LOW]++;
    /* what the device made (a line moved, an exception queued, the tables changed) the loop does */
    if (XVCPU__UNLIKELY(a->entry_work || a->stage2->generation != a->stage2_generation)) {
        a->device_handover = XVCPU__A64_DEV_DONE;
        return XVCPU_ARM64_LEAN_EXIT;
    }
    return XVCPU_ARM64_LEAN_REENTER;
}

/* WFE is a hint the guest may take as a NOP (TWE is clear; a CPU that traps it anyway gets it
 * stepped over); WFI and WFIT are a HALT for the VMM. */
static bool xvcpu__a64_wfe(uint32_t iss)
{
    uint64_t ti = XVCPU_FIELD_GET(XVCPU_ISS_WFX_TI, iss);
    return ti != XVCPU_ISS_WFX_TI_WFI && ti != XVCPU_ISS_WFX_TI_WFIT;
}

/* The lean exit path (xvcpu_arm64_ctx.lean, called by the vectors with the syndrome still in
 * ESR_EL2): the exits the library answers alone re-enter the guest from the vectors, without the
 * run loop. Everything the loop would redo before an entry is unchanged here (no event is queued,
 * the lines and HCR_EL2 are the VMM's); only the stage-2 tables may have lost a mapping meanwhile
 * (another CPU), and then the loop's TLB maintenance goes first. */
static int xvcpu__a64_lean_exit(xvcpu_arm64_ctx *ctx)
{
    xvcpu_vcpu *vcpu = ctx->vcpu;
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    uint64_t esr = XVCPU_A64_READ(ESR_EL2);
    uint32_t ec = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_EC, esr);
    uint32_t iss = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_ISS, esr);
    bool answered;
    if (ec == XVCPU_ARM64_EC_DABT_LOW) { /* MMIO: a device's, or to the loop at once */
        xvcpu_arm64_vcpu *fast = (xvcpu_arm64_vcpu *)(void *)ctx; /* ctx is its first member */
        return vcpu->mmio[fast->mmio_hint].device_fn != NULL ? xvcpu__a64_lean_mmio(fast, esr) : XVCPU_ARM64_LEAN_EXIT;
    }
#ifdef XVCPU_ARM64_DEBUG_HOOKS
    if (a->debug_el2_load != 0) {
        uint64_t at = a->debug_el2_load;
        a->debug_el2_load = 0;
        XVCPU_A64_DEBUG_LOAD(at);
    }
#endif
    if (a->stage2->generation != a->stage2_generation)
        return XVCPU_ARM64_LEAN_EXIT;
    if (ec == XVCPU_ARM64_EC_HVC64 || ec == XVCPU_ARM64_EC_SMC64)
        answered = xvcpu__a64_psci_answer(a, ec == XVCPU_ARM64_EC_SMC64);
    else if (ec == XVCPU_ARM64_EC_SYSREG) /* (X20-X29 are not in ctx here: to the loop) */
        answered = !XVCPU_ARM64_LEAN_UNSAVED(XVCPU_FIELD_GET(XVCPU_ISS_SYSREG_RT, iss)) &&
                   xvcpu__a64_sysreg_answer(vcpu, iss);
    else if (ec == XVCPU_ARM64_EC_WFX && xvcpu__a64_wfe(iss))
        answered = (a->ctx.pc += 4, true);
    else
        answered = false;
    if (!answered)
        return XVCPU_ARM64_LEAN_EXIT;
    vcpu->exit_stats[ec]++;
    return XVCPU_ARM64_LEAN_REENTER;
}

/* An ISV = 0 single access whose exit was closed without advancing the PC (retry) has not
 * happened: nothing to write back. One that was completed writes its base register back. */
static void xvcpu__a64_settle_access(xvcpu_vcpu *vcpu)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (a->pair_step == 2 && vcpu->rip_advance == 4) {
        xvcpu__a64_ldst d;
        (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
        xvcpu__a64_writeback(vcpu, &d);
    }
    a->pair_step = 0;
}

/* Where an MMIO access stands after its completion (or retry), before the next entry: true when
 * the second access of an ISV = 0 pair is next (it is in `exit`, without entering the guest);
 * else the finished instruction's base-register writeback is done. */
XVCPU__HOT bool xvcpu__a64_access_continues(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    if (XVCPU__UNLIKELY(a->pair_active)) { /* an ISV = 0 pair between its two accesses */
        xvcpu__a64_ldst d;
        (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
        if (d.load ? a->pair_step == 1 : (a->pair_step == 0 && vcpu->rip_advance == 0)) {
            a->pair_step = 1; /* the first access is done: the second, without entering the guest */
            xvcpu__a64_pair_exit(vcpu, exit);
            return true;
        }
        if (!d.load && a->pair_step == 1 && vcpu->rip_advance == 4)
            xvcpu__a64_writeback(vcpu, &d); /* the store pair is complete */
        a->pair_active = false; /* else it was retried: the instruction runs again */
        a->pair_step = 0;
    }
    xvcpu__a64_settle_access(vcpu);
    return false;
}

static __attribute__((__noinline__)) xvcpu_err xvcpu__a64_complete_pair_load(xvcpu_vcpu *vcpu, uint64_t value);

/* A device's answer to the MMIO exit `e`, as the VMM's completion would give it. */
static void xvcpu__a64_device_complete(xvcpu_vcpu *vcpu, const xvcpu_exit *e, uint64_t value)
{
    if (e->kind == XVCPU_EXIT_MMIO_READ && vcpu->arch.arm64.pair_active) {
        (void)xvcpu__a64_complete_pair_load(vcpu, value);
        return;
    }
    if (e->kind == XVCPU_EXIT_MMIO_READ)
        xvcpu__a64_xreg_write(vcpu, e->u.mmio_read.reg, e->u.mmio_read.reg_width,
                              xvcpu__a64_extend(value, e->u.mmio_read.width, e->u.mmio_read.signed_ext));
    vcpu->rip_advance += vcpu->pending.insn_len;
    vcpu->pending.insn_len = 0;
}

/* A device returned neither DONE nor EXIT: the run fails, the access is not done (the guest
 * executes the instruction again; a pair starts over). */
static __attribute__((__noinline__, __cold__)) int xvcpu__a64_device_refused(xvcpu_vcpu *vcpu, uint64_t addr, int result)
{
    vcpu->arch.arm64.pair_active = false;
    vcpu->arch.arm64.pair_step = 0;
    vcpu->pending.insn_len = 0;
    (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INVALID_ARG,
                      "xvcpu_vcpu_run: vCPU %u: the MMIO device at %llx returned %s%u, neither XVCPU_DEVICE_DONE nor "
                      "XVCPU_DEVICE_EXIT; the access was not done",
                      vcpu->id, (unsigned long long)addr, result < 0 ? "-" : "",
                      result < 0 ? 0u - (unsigned)result : (unsigned)result);
    return XVCPU__A64_FAILED;
}

/* The run loop's MMIO exit `exit` (MMIO_READ/WRITE, each access of a pair in turn) to its
 * region's device: REENTER when the device performed every access, EXIT when `exit` is for the
 * VMM (no device, or it said XVCPU_DEVICE_EXIT), FAILED when the device refused. */
static __attribute__((__noinline__)) int xvcpu__a64_device_accesses(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    for (;;) {
        uint64_t addr = exit->kind == XVCPU_EXIT_MMIO_READ ? exit->u.mmio_read.addr : exit->u.mmio_write.addr;
        const xvcpu_mmio_region *region = xvcpu__a64_device_region(vcpu, addr);
        uint64_t value = 0;
        int done;
        if (region == NULL)
            return XVCPU__A64_EXIT;
        done = region->device_fn(region->device, vcpu, exit, &value);
        if (done == XVCPU_DEVICE_EXIT)
            return XVCPU__A64_EXIT;
        if (done != XVCPU_DEVICE_DONE)
            return xvcpu__a64_device_refused(vcpu, addr, done);
        xvcpu__a64_device_complete(vcpu, exit, value);
        xvcpu__exit_clear(exit); /* the next exit of this run sets its own fields only */
        if (!xvcpu__a64_access_continues(vcpu, exit))
            return XVCPU__A64_REENTER;
    }
}

/* What the lean path's device left for the loop: DONE - nothing but the entry work (REENTER);
 * EXIT - device_access becomes the VMM's exit, as the loop would have decoded it; REFUSED - the
 * run fails (FAILED). */
static __attribute__((__noinline__)) int xvcpu__a64_device_handover(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    const xvcpu_exit *x = &a->device_access;
    int handover = a->device_handover;
    a->device_handover = XVCPU__A64_DEV_NONE;
    if (handover == XVCPU__A64_DEV_DONE)
        return XVCPU__A64_REENTER;
    if (handover == XVCPU__A64_DEV_REFUSED)
        return xvcpu__a64_device_refused(vcpu, x->raw_info2, a->device_result);
    exit->kind = x->kind;
    exit->raw_reason = x->raw_reason;
    exit->raw_reason_name = x->raw_reason_name;
    exit->raw_qualification = x->raw_qualification;
    exit->raw_info2 = x->raw_info2;
    if (x->kind == XVCPU_EXIT_MMIO_WRITE) {
        exit->u.mmio_write.addr = x->u.mmio_write.addr;
        exit->u.mmio_write.width = x->u.mmio_write.width;
        exit->u.mmio_write.data = x->u.mmio_write.data;
    } else {
        exit->u.mmio_read.addr = x->u.mmio_read.addr;
        exit->u.mmio_read.width = x->u.mmio_read.width;
        exit->u.mmio_read.reg = x->u.mmio_read.reg;
        exit->u.mmio_read.reg_width = x->u.mmio_read.reg_width;
        exit->u.mmio_read.signed_ext = x->u.mmio_read.signed_ext;
    }
    vcpu->exit_stats[XVCPU_ARM64_EC_DABT_LOW]++;
    vcpu->pending.insn_len = 4;
    a->pair_step = 3; /* ISV = 1: no writeback to do */
    return XVCPU__A64_EXIT;
}

/* The trampoline's report of an exception at EL2 itself (ctx->el2_fault): an error that names it,
 * and a vCPU that runs no more (its registers may be half saved); unbind and destroy still work. */
static __attribute__((__noinline__, __cold__)) xvcpu_err xvcpu__a64_el2_fault_error(xvcpu_vcpu *vcpu)
{
    static const char *const kinds[4] = {"synchronous", "IRQ", "FIQ", "SError"};
    const xvcpu_arm64_ctx *c = &vcpu->arch.arm64.ctx;
    uint32_t ec = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_EC, c->el2_fault.esr);
    const char *name = xvcpu_arm64_ec_name(ec);
    vcpu->arch.arm64.broken = true;
    return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_INTERNAL,
                       "xvcpu_vcpu_run: vCPU %u: %s exception at EL2 in the library (from %s): EC %x %s, ESR %llx, "
                       "FAR %llx, ELR %llx, SPSR %llx; unbind and destroy the vCPU",
                       vcpu->id, kinds[c->el2_fault.vector & 3], c->el2_fault.vector >= 4 ? "EL2h" : "EL2t", ec,
                       name != NULL ? name : "?", (unsigned long long)c->el2_fault.esr,
                       (unsigned long long)c->el2_fault.far, (unsigned long long)c->el2_fault.elr,
                       (unsigned long long)c->el2_fault.spsr);
}

static xvcpu_err xvcpu__a64_run_loop(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    int r;
    if (a->broken)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_vcpu_run: vCPU %u was stopped by an exception at EL2; unbind and destroy it",
                           vcpu->id);
    if (a->down) {
        exit->kind = XVCPU_EXIT_SYSTEM_DOWN;
        return XVCPU_OK;
    }
    if (xvcpu__a64_access_continues(vcpu, exit)) { /* the second access of a pair */
        r = vcpu->mmio_count != 0 ? xvcpu__a64_device_accesses(vcpu, exit) : XVCPU__A64_EXIT;
        if (r != XVCPU__A64_REENTER)
            return r == XVCPU__A64_EXIT ? XVCPU_OK : XVCPU_ERR_INVALID_ARG;
    }
    for (;;) {
        uint64_t esr, hcr;
        uint32_t ec, iss;
        int kind;
        a->ctx.pc += vcpu->rip_advance;
        vcpu->rip_advance = 0;
        if (a->entry_work) { /* only after a call that made some */
            if (a->sync_pending)
                xvcpu__a64_deliver_sync(vcpu);
            hcr = a->hcr | (a->virq ? XVCPU_HCR_EL2_VI : 0) | (a->vfiq ? XVCPU_HCR_EL2_VF : 0);
            if (hcr != a->hcr_live) { /* only when the VMM moved a line (ERET synchronises it) */
                XVCPU_A64_WRITE(HCR_EL2, hcr);
                a->hcr_live = hcr;
            }
            a->entry_work = false;
        }
        if (a->flush_pending || vcpu->cpu->caps.arm64.flush_all_pending || a->stage2->generation != a->stage2_generation)
            xvcpu__a64_tlb_maintain(vcpu);
        kind = XVCPU_A64_ENTER(&a->ctx);
        if (kind == XVCPU_ARM64_ENTER_EL2_FAULT)
            return xvcpu__a64_el2_fault_error(vcpu);
        if (XVCPU__UNLIKELY(a->device_handover != XVCPU__A64_DEV_NONE)) { /* from the lean path's device */
            r = xvcpu__a64_device_handover(vcpu, exit);
            if (r == XVCPU__A64_REENTER)
                continue;
            return r == XVCPU__A64_EXIT ? XVCPU_OK : XVCPU_ERR_INVALID_ARG;
        }
        if (kind == XVCPU_ARM64_ENTER_IRQ || kind == XVCPU_ARM64_ENTER_FIQ) {
            exit->kind = XVCPU_EXIT_EXTERNAL_INTERRUPT;
            exit->u.external_interrupt.vector = kind == XVCPU_ARM64_ENTER_FIQ ? 1 : 0;
            exit->raw_reason = kind == XVCPU_ARM64_ENTER_FIQ ? XVCPU_ARM64_REASON_FIQ : XVCPU_ARM64_REASON_IRQ;
            exit->raw_reason_name = kind == XVCPU_ARM64_ENTER_FIQ ? "FIQ" : "IRQ";
            vcpu->exit_stats[exit->raw_reason]++;
            vcpu->pending.insn_len = 0;
            return XVCPU_OK;
        }
        if (kind != XVCPU_ARM64_ENTER_SYNC && kind != XVCPU_ARM64_ENTER_SERROR)
            return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_VM_ENTRY,
                               "xvcpu_vcpu_run: vCPU %u: the guest could not be entered (%d)", vcpu->id, kind);
        esr = XVCPU_A64_READ(ESR_EL2);
        if (kind == XVCPU_ARM64_ENTER_SERROR) {
            /* an SError while the guest ran: the VMM decides (xvcpu_arm64_inject_sync, or stop) */
            exit->kind = XVCPU_EXIT_UNHANDLED;
            exit->raw_reason = XVCPU_ARM64_REASON_SERROR;
            exit->raw_reason_name = "SERROR";
            exit->raw_qualification = esr;
            vcpu->exit_stats[XVCPU_ARM64_REASON_SERROR]++;
            vcpu->pending.insn_len = 0;
            return XVCPU_OK;
        }
        ec = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_EC, esr);
        iss = (uint32_t)XVCPU_FIELD_GET(XVCPU_ESR_EL2_ISS, esr);
        vcpu->exit_stats[ec]++;
        exit->raw_reason = ec;
        exit->raw_reason_name = xvcpu_arm64_ec_name(ec);
        exit->raw_qualification = esr;
        switch (ec) {
        case XVCPU_ARM64_EC_HVC64:
            r = xvcpu__a64_hvc_smc(vcpu, exit, false);
            break;
        case XVCPU_ARM64_EC_SMC64:
            r = xvcpu__a64_hvc_smc(vcpu, exit, true);
            break;
        case XVCPU_ARM64_EC_SYSREG:
            r = xvcpu__a64_sysreg(vcpu, exit, iss);
            break;
        case XVCPU_ARM64_EC_DABT_LOW:
        case XVCPU_ARM64_EC_IABT_LOW:
            r = xvcpu__a64_abort(vcpu, exit, ec, iss, XVCPU_A64_READ(FAR_EL2), XVCPU_A64_READ(HPFAR_EL2));
            /* (the region is the hint's: xvcpu__a64_abort found it) */
            if (r == XVCPU__A64_EXIT && vcpu->mmio[a->mmio_hint].device_fn != NULL &&
                (exit->kind == XVCPU_EXIT_MMIO_READ || exit->kind == XVCPU_EXIT_MMIO_WRITE)) {
                r = xvcpu__a64_device_accesses(vcpu, exit); /* a device's region: served here */
                if (r == XVCPU__A64_FAILED)
                    return XVCPU_ERR_INVALID_ARG;
            }
            break;
        case XVCPU_ARM64_EC_WFX:
            if (xvcpu__a64_wfe(iss)) {
                a->ctx.pc += 4;
                r = XVCPU__A64_REENTER;
            } else {
                exit->kind = XVCPU_EXIT_HALT;
                vcpu->pending.insn_len = 4;
                r = XVCPU__A64_EXIT;
            }
            break;
        default:
            /* the architectural answer for the guest, a clear exit for the VMM */
            a->sync_pending = false;
            (void)xvcpu_arm64_inject_undef(vcpu);
            exit->kind = XVCPU_EXIT_UNHANDLED;
            vcpu->pending.insn_len = 0;
            r = XVCPU__A64_EXIT;
            break;
        }
        if (r == XVCPU__A64_EXIT)
            return XVCPU_OK;
        /* handled: only the raw fields were written (each exit sets them again), no clearing */
    }
}

/* The library's vectors are in VBAR_EL2 only inside the trampoline (entry.c.h): the host's own
 * take every exception the host itself causes at EL2, this run loop and the HAL included. */
static xvcpu_err xvcpu__a64_vcpu_run(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    return xvcpu__a64_run_loop(vcpu, exit);
}

/* --- completions (xvcpu_backend.arch_complete) ----------------------------------------------------- */

static void xvcpu__a64_close(xvcpu_vcpu *vcpu)
{
    vcpu->rip_advance += vcpu->pending.insn_len;
    vcpu->pending.open = false;
}

/* One load of an ISV = 0 pair done: the second next, without entering the guest; both done: the
 * registers, the writeback, the PC. Kept out of the single-load completion (its locals). */
static xvcpu_err xvcpu__a64_complete_pair_load(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    xvcpu__a64_ldst d;
    (void)xvcpu__a64_decode_ldst(a->pair_insn, &d);
    a->pair_value[a->pair_step] = value;
    if (a->pair_step == 0) {
        a->pair_step = 1;
        vcpu->pending.open = false;
        return XVCPU_OK;
    }
    xvcpu__a64_xreg_write(vcpu, d.rt, d.reg_width, xvcpu__a64_extend(a->pair_value[0], d.size, d.sign));
    xvcpu__a64_xreg_write(vcpu, d.rt2, d.reg_width, xvcpu__a64_extend(a->pair_value[1], d.size, d.sign));
    xvcpu__a64_writeback(vcpu, &d);
    a->pair_active = false;
    a->pair_step = 0;
    xvcpu__a64_close(vcpu);
    return XVCPU_OK;
}

/* xvcpu_complete_fault on arm64: a synchronous exception of class `vector` at the instruction. */
static __attribute__((__noinline__)) xvcpu_err xvcpu__a64_complete_fault(xvcpu_vcpu *vcpu, uint64_t value);

static xvcpu_err xvcpu__a64_complete(xvcpu_vcpu *vcpu, xvcpu_exit_kind kind, uint64_t value)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    const xvcpu_exit *e = &vcpu->pending.exit;
    switch (kind) {
    case XVCPU_EXIT_MMIO_READ: /* the register (width, extension) from the exit: no decode again */
        if (a->pair_active)
            return xvcpu__a64_complete_pair_load(vcpu, value);
        xvcpu__a64_xreg_write(vcpu, e->u.mmio_read.reg, e->u.mmio_read.reg_width,
                              xvcpu__a64_extend(value, e->u.mmio_read.width, e->u.mmio_read.signed_ext));
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    case XVCPU_EXIT_SYSREG_READ:
        xvcpu__a64_xreg_write(vcpu, e->u.sysreg_read.reg, 8, value);
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    case XVCPU_EXIT_HYPERCALL:
        a->ctx.x[0] = value;
        xvcpu__a64_close(vcpu);
        return XVCPU_OK;
    default:
        return xvcpu__a64_complete_fault(vcpu, value);
    }
}

static xvcpu_err xvcpu__a64_complete_fault(xvcpu_vcpu *vcpu, uint64_t value)
{
    xvcpu_arm64_vcpu *a = &vcpu->arch.arm64;
    const xvcpu_exit *e = &vcpu->pending.exit;
    uint32_t ec = (uint32_t)(value >> 32) & 0x3F, iss = (uint32_t)value & 0x1FFFFFF;
    uint64_t far = a->fault_va;
    xvcpu_err err;
    if (vcpu->pending.insn_len == 0 && !a->pair_active && e->kind != XVCPU_EXIT_MMIO_UNSUPPORTED &&
        e->kind != XVCPU_EXIT_NESTED_PAGE_FAULT)
        return xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_BAD_STATE,
                           "xvcpu_complete_fault: vCPU %u: the %s exit is not an instruction that can fault",
                           vcpu->id, xvcpu_exit_kind_name(e->kind));
    if (e->kind == XVCPU_EXIT_NESTED_PAGE_FAULT)
        far = e->u.nested_page_fault.linear; /* the guest's VA (0 when FAR_EL2 was not valid) */
    else if (a->pair_active || a->pair_step == 2 || a->pair_step == 3)
        far = a->fault_va; /* the VA of the MMIO access */
    err = xvcpu_arm64_inject_sync(vcpu, (ec << 26) | XVCPU_ESR_EL2_IL | iss, far);
    if (err == XVCPU_OK) {
        a->pair_active = false;
        a->pair_step = 0;
        vcpu->pending.open = false; /* the PC stays at the instruction: ELR_EL1 points at it */
    }
    return err;
}

static const xvcpu_backend xvcpu__a64_backend_ops = {
    "arm64",
    xvcpu__a64_percpu_enable,
    xvcpu__a64_percpu_disable,
    xvcpu__a64_vcpu_create,
    xvcpu__a64_vcpu_setup,
    xvcpu__a64_vcpu_bind,
    xvcpu__a64_vcpu_unbind,
    xvcpu__a64_vcpu_run,
    xvcpu__a64_vcpu_destroy,
    xvcpu__a64_get_reg,
    xvcpu__a64_set_reg,
    xvcpu__a64_complete,
    NULL, /* view_changed: x86 only */
    NULL, /* take_interrupted_event: x86 only */
};

XVCPU_DEF const xvcpu_backend *xvcpu_arm64_backend(void)
{
    return &xvcpu__a64_backend_ops;
}
