/* Guest memory as the library reaches it: guest-physical addresses through the stage-2 tables to
 * host memory, and the guest's current instruction (CS:RIP through the guest's paging, then the
 * decoder). Serves MMIO emulation on both backends and the SVM backend's next RIP on CPUs without
 * NRIP-save. */

/* What the page walker reads and updates: guest RAM, found through `s2`. With `cache` set, the
 * host location of every paging entry read is recorded there (see xvcpu__len_cache). */
typedef struct xvcpu__guest_ram {
    const xvcpu_hal *hal;
    const struct xvcpu_stage2 *s2;
    xvcpu__len_cache *cache;
    uint64_t bad_gpa; /* set by xvcpu__x86_translate on FAILED: the paging entry that is not RAM */
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
    xvcpu__guest_ram *ram = (xvcpu__guest_ram *)ctx;
    const void *p = xvcpu__guest_ram_ptr(ram, gpa, len, XVCPU_ACCESS_READ);
    if (p == NULL)
        return false;
    XVCPU_MEMCPY(buf, p, len);
    if (ram->cache != NULL) {
        xvcpu__len_cache *c = ram->cache;
        if (c->n_entries < XVCPU__LEN_CACHE_ENTRIES) {
            c->entry[c->n_entries].host = p;
            c->entry[c->n_entries].size = (uint8_t)len;
            c->n_entries++;
        } else {
            c->valid = false; /* more reads than it can check: never reused */
        }
    }
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
/* The CPU the guest sees, for its page walks: its MAXPHYADDR and 1 GiB pages, from the CPUID
 * table (paging off needs neither: the table searches are skipped). */
static void xvcpu__x86_walk_cfg(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, xvcpu_x86_walk_config *cfg)
{
    const xvcpu_cpuid_entry *e;
    XVCPU_MEMSET(cfg, 0, sizeof(*cfg));
    if (mode->cr0 & XVCPU_CR0_PG) {
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000008u, 0)) != NULL)
            cfg->maxphyaddr = (uint8_t)(e->eax & 0xFF);
        if ((e = xvcpu__cpuid_find(&vcpu->x86, 0x80000001u, 0)) == NULL || !(e->edx & (1u << 26)))
            cfg->flags |= XVCPU_X86_WALK_NO_1G_PAGES;
    }
}

static xvcpu__fetch_result xvcpu__x86_translate(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, xvcpu__guest_ram *ram,
                                                uint64_t linear, unsigned access, unsigned seg, uint64_t *gpa)
{
    xvcpu_x86_guest_memory mem = xvcpu__guest_memory(ram);
    xvcpu_x86_walk_result r;
    xvcpu_x86_walk_config cfg;
    xvcpu__x86_walk_cfg(vcpu, mode, &cfg);
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
        ram->bad_gpa = r.bad_gpa;
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
 * (the second page is walked only when the decoder needs it), and decode them. `cache` (or NULL)
 * records what the decode depended on. */
static xvcpu__fetch_result xvcpu__x86_fetch_into(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                 const struct xvcpu_stage2 *s2, xvcpu__fetched *f,
                                                 xvcpu__len_cache *cache)
{
    xvcpu__guest_ram ram;
    uint64_t linear = mode->cs_base + mode->rip, gpa;
    xvcpu__fetch_result r;
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    ram.cache = cache;
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
        if (cache != NULL && cache->n_chunks < 2) {
            cache->chunk[cache->n_chunks].host = src;
            cache->chunk[cache->n_chunks].count = (uint8_t)chunk;
            cache->n_chunks++;
        }
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

static xvcpu__fetch_result xvcpu__x86_fetch(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode, const struct xvcpu_stage2 *s2,
                                            xvcpu__fetched *f)
{
    return xvcpu__x86_fetch_into(vcpu, mode, s2, f, NULL);
}

/* The paging entries a cached decode depended on, and its bytes, as they are now. */
static uint64_t xvcpu__len_cache_load(const void *host, unsigned size)
{
    return size == 8 ? *(const volatile uint64_t *)host : *(const volatile uint32_t *)host;
}

/* Whether the cached decode holds for an instruction at `linear` under this paging state. The
 * backend may ask before it builds a full xvcpu_x86_mode (only these fields decide a fetch). */
XVCPU__HOT bool xvcpu__len_cache_hit(const xvcpu__len_cache *c, uint64_t linear, uint64_t cr0, uint64_t cr3, uint64_t cr4,
                                 uint64_t efer, unsigned cpl, unsigned code_bytes, const struct xvcpu_stage2 *s2)
{
    const volatile uint8_t *code;
    unsigned i, split;
    if (!c->valid || c->linear != linear || c->s2 != s2 || c->s2_generation != s2->generation || c->cr3 != cr3 ||
        c->cr0 != cr0 || c->cr4 != cr4 || c->efer != efer || c->cpl != cpl || c->code_bytes != code_bytes)
        return false;
    for (i = 0; i < c->n_entries; i++)
        if (xvcpu__len_cache_load(c->entry[i].host, c->entry[i].size) != c->entry[i].value)
            return false;
    split = c->split; /* the instruction's bytes on its first page; the rest are on the second */
    for (i = 0, code = c->chunk[0].host; i < split; i++)
        if (code[i] != c->bytes[i])
            return false;
    for (code = c->chunk[1].host; i < c->length; i++)
        if (code[i - split] != c->bytes[i])
            return false;
    return true;
}

/* Remember a decode: the paging entries as the walk left them (accessed bits set) and where the
 * instruction's bytes are. */
static void xvcpu__len_cache_fill(xvcpu__len_cache *c, const xvcpu_x86_mode *m, uint64_t linear,
                                  const struct xvcpu_stage2 *s2, const xvcpu__fetched *f)
{
    unsigned i;
    for (i = 0; i < c->n_entries; i++)
        c->entry[i].value = xvcpu__len_cache_load(c->entry[i].host, c->entry[i].size);
    c->linear = linear, c->s2 = s2, c->s2_generation = s2->generation;
    c->cr3 = m->cr3, c->cr0 = m->cr0, c->cr4 = m->cr4, c->efer = m->efer;
    c->cpl = m->cpl, c->code_bytes = m->code_bytes;
    c->length = f->insn.length;
    c->split = c->chunk[0].count < c->length ? c->chunk[0].count : c->length;
    if (c->split < c->length && c->n_chunks < 2)
        c->valid = false; /* (cannot happen: a straddling decode fetched the second page) */
    XVCPU_MEMCPY(c->bytes, f->bytes, f->insn.length);
}

/* The length of the instruction at the guest's CS:RIP (for CPUs that do not report it): the
 * last decode when it provably still holds (xvcpu__len_cache), else fetched and decoded. */
static __attribute__((__unused__)) xvcpu__fetch_result xvcpu__x86_insn_length(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *mode,
                                                                         const struct xvcpu_stage2 *s2, unsigned *len)
{
    xvcpu__len_cache *c = &vcpu->x86.len_cache;
    uint64_t linear = mode->cs_base + mode->rip;
    xvcpu__fetched f;
    xvcpu__fetch_result r;
    if (mode->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    if (s2 != NULL && xvcpu__len_cache_hit(c, linear, mode->cr0, mode->cr3, mode->cr4, mode->efer, mode->cpl,
                                           mode->code_bytes, s2)) {
        c->hits++;
        *len = c->length;
        return XVCPU__FETCH_OK;
    }
    c->misses++;
    c->valid = true; /* the fetch below clears it if it cannot record everything */
    c->n_entries = c->n_chunks = 0;
    r = xvcpu__x86_fetch_into(vcpu, mode, s2, &f, c);
    *len = r == XVCPU__FETCH_OK ? f.insn.length : 0;
    if (r != XVCPU__FETCH_OK || s2 == NULL)
        c->valid = false;
    else if (c->valid)
        xvcpu__len_cache_fill(c, mode, linear, s2, &f);
    if (r == XVCPU__FETCH_FAILED)
        (void)xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                          "vCPU %u: cannot fetch the instruction at %llx:%llx: not guest RAM", vcpu->id,
                          (unsigned long long)mode->cs_base, (unsigned long long)mode->rip);
    return r;
}
