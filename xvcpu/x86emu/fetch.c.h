/* Guest memory as the library reaches it: guest-physical addresses through the stage-2 tables to
 * host memory, and the guest's current instruction (CS:RIP through the guest's paging, then the
 * decoder). Serves MMIO emulation on both backends and the SVM backend's next RIP on CPUs without
 * NRIP-save. */

/* What the page walker reads and updates: guest RAM, found through `s2`. */
typedef struct xvcpu__guest_ram {
    const xvcpu_hal *hal;
    const struct xvcpu_stage2 *s2;
} xvcpu__guest_ram;

/* Host pointer to `len` bytes of guest RAM at `gpa` (within one page) with permissions `need`,
 * or NULL when that is not RAM the guest may access so (MMIO, unmapped, read-only). */
static void *xvcpu__guest_ram_ptr(const xvcpu__guest_ram *ram, uint64_t gpa, unsigned len, uint32_t need)
{
    uint64_t hpa;
    uint32_t perms;
    if (ram->s2 == NULL || (gpa & 0xFFF) + len > 0x1000 ||
        xvcpu_stage2_translate(ram->s2, gpa, &hpa, &perms, NULL) != XVCPU_OK || (perms & need) != need)
        return NULL;
    return ram->hal->phys_to_virt(ram->hal->ctx, hpa);
}

static bool xvcpu__guest_ram_read(void *ctx, uint64_t gpa, void *buf, unsigned len)
{
    const void *p = xvcpu__guest_ram_ptr((const xvcpu__guest_ram *)ctx, gpa, len, XVCPU_ACCESS_READ);
    if (p == NULL)
        return false;
    XVCPU_MEMCPY(buf, p, len);
    return true;
}

/* Accessed/dirty flags: a locked OR, as the CPU's own update is atomic (SDM Vol. 3A 4.8). */
static bool xvcpu__guest_ram_set_bits(void *ctx, uint64_t gpa, unsigned len, uint64_t bits)
{
    void *p = xvcpu__guest_ram_ptr((const xvcpu__guest_ram *)ctx, gpa, len, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE);
    if (p == NULL)
        return false;
    if (len == 8)
        (void)__atomic_fetch_or((uint64_t *)p, bits, __ATOMIC_SEQ_CST);
    else
        (void)__atomic_fetch_or((uint32_t *)p, (uint32_t)bits, __ATOMIC_SEQ_CST);
    return true;
}

static xvcpu_x86_guest_memory xvcpu__guest_memory(xvcpu__guest_ram *ram)
{
    xvcpu_x86_guest_memory m;
    m.ctx = ram;
    m.read = xvcpu__guest_ram_read;
    m.set_bits = xvcpu__guest_ram_set_bits;
    return m;
}

/* How a fetch or an emulated access ended. */
typedef enum xvcpu__fetch_result {
    XVCPU__FETCH_OK = 0,  /* done (for a fetch: decoded, OK or UNSUPPORTED, so its length is known) */
    XVCPU__FETCH_RAISED,  /* the guest gets an exception (#PF, #GP, #SS, #UD), already queued: enter
                             again without advancing RIP */
    XVCPU__FETCH_FAILED   /* the memory is not guest RAM (or its page tables are not) */
} xvcpu__fetch_result;

/* Linear address -> guest-physical for an access of `access` (XVCPU_X86_WALK_*), raising the
 * guest's exception when the walk faults. `seg` picks #SS over #GP for stack accesses. */
static xvcpu__fetch_result xvcpu__x86_translate(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, xvcpu__guest_ram *ram,
                                                uint64_t linear, unsigned access, unsigned seg, uint64_t *gpa)
{
    xvcpu_x86_guest_memory mem = xvcpu__guest_memory(ram);
    xvcpu_x86_walk_result r;
    xvcpu_x86_walk_config cfg;
    const xvcpu_cpuid_entry *e;
    /* the CPU the guest sees: its MAXPHYADDR and 1 GiB pages, from the CPUID table */
    XVCPU_MEMSET(&cfg, 0, sizeof(cfg));
    if (mode->cr0 & XVCPU_CR0_PG) { /* (paging off needs neither: skip the table searches) */
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000008u, 0)) != NULL)
            cfg.maxphyaddr = (uint8_t)(e->eax & 0xFF);
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000001u, 0)) == NULL || !(e->edx & (1u << 26)))
            cfg.flags |= XVCPU_X86_WALK_NO_1G_PAGES;
    }
    switch (xvcpu_x86_walk_ex(mode, linear, access, &mem, &cfg, &r)) {
    case XVCPU_X86_WALK_OK:
        *gpa = r.gpa;
        return XVCPU__FETCH_OK;
    case XVCPU_X86_WALK_PAGE_FAULT:
        xvcpu__x86_raise_page_fault(vcpu, r.error_code, linear);
        return XVCPU__FETCH_RAISED;
    case XVCPU_X86_WALK_GP:
        xvcpu__x86_raise(vcpu, seg == 2 ? 12 : 13, 0);
        return XVCPU__FETCH_RAISED;
    default:
        return XVCPU__FETCH_FAILED;
    }
}

/* The instruction at the guest's CS:RIP, as fetched and decoded. */
typedef struct xvcpu__fetched {
    xvcpu_x86_insn insn;
    xvcpu_x86_decode_status status;
    uint8_t bytes[15];
    uint8_t count;       /* bytes fetched */
} xvcpu__fetched;

/* Fetch up to 15 bytes at CS:RIP, from two pages when the instruction straddles a page boundary
 * (the second page is walked only when the decoder needs it), and decode them. */
static xvcpu__fetch_result xvcpu__x86_fetch(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, const struct xvcpu_stage2 *s2,
                                            xvcpu__fetched *f)
{
    xvcpu__guest_ram ram;
    uint64_t linear = mode->cs_base + mode->rip, gpa;
    xvcpu__fetch_result r;
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    if (mode->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    f->count = 0;
    for (;;) {
        uint64_t at = linear + f->count;
        unsigned chunk = 0x1000 - (unsigned)(at & 0xFFF);
        const uint8_t *src;
        if (mode->code_bytes != 8)
            at &= 0xFFFFFFFFu;
        if (chunk > 15u - f->count)
            chunk = 15u - f->count;
        r = xvcpu__x86_translate(vcpu, mode, &ram, at, XVCPU_X86_WALK_FETCH, 1, &gpa);
        if (r != XVCPU__FETCH_OK)
            return r;
        src = (const uint8_t *)xvcpu__guest_ram_ptr(&ram, gpa, chunk, XVCPU_ACCESS_READ);
        if (src == NULL)
            return XVCPU__FETCH_FAILED;
        XVCPU_MEMCPY(f->bytes + f->count, src, chunk);
        f->count = (uint8_t)(f->count + chunk);
        f->status = xvcpu_x86_decode(f->bytes, f->count, mode->code_bytes, &f->insn);
        if (f->status != XVCPU_X86_DECODE_TRUNCATED || f->count == 15)
            break;
    }
    if (f->status == XVCPU_X86_DECODE_INVALID || f->status == XVCPU_X86_DECODE_TRUNCATED) {
        xvcpu__x86_raise(vcpu, 6, 0); /* #UD, as the CPU raises for an invalid or overlong encoding */
        return XVCPU__FETCH_RAISED;
    }
    return XVCPU__FETCH_OK;
}

/* The length of the instruction at the guest's CS:RIP (for CPUs that do not report it). */
static __attribute__((unused)) xvcpu__fetch_result xvcpu__x86_insn_length(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                                         const struct xvcpu_stage2 *s2, unsigned *len)
{
    xvcpu__fetched f;
    xvcpu__fetch_result r = xvcpu__x86_fetch(vcpu, mode, s2, &f);
    *len = r == XVCPU__FETCH_OK ? f.insn.length : 0;
    if (r == XVCPU__FETCH_FAILED)
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode->cs_base, (unsigned long long)mode->rip);
    return r;
}
