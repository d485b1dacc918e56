/* Stage-2 tables (EPT / NPT). One range walker does the work of map, unmap, protect and the
 * checks before them; every change is checked (and its memory set aside) before anything is
 * written, so a refused or failed call leaves the tables as they were. Invariant: no table but
 * the root is ever left empty. */

#define XVCPU__STAGE2_MAGIC 0x78733274u /* "xs2t" */
/* 4-level walks over 4 KiB tables of 512 entries (SDM Vol. 3C 29.3.2, APM Vol. 2 5.3). */
#define XVCPU__S2_PAGE_SHIFT 12
#define XVCPU__S2_LEVEL_BITS 9
#define XVCPU__S2_LEVELS 4
#define XVCPU__S2_ENTRIES (1u << XVCPU__S2_LEVEL_BITS)
#define XVCPU__S2_PAGE_SIZE (1ull << XVCPU__S2_PAGE_SHIFT)
#define XVCPU__S2_TOP xvcpu__s2_size(XVCPU__S2_LEVELS) /* 2^48: the guest-physical space */
#define XVCPU__S2_MAX_SPLITS 4 /* 1G -> 2M -> 4K at each end of a range */

/* Bytes one entry at `level` covers: 4K at 0 (PT), 2M at 1 (PD), 1G at 2 (PDPT), 512G at 3. */
static uint64_t xvcpu__s2_size(int level)
{
    return 1ull << (XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * level);
}

static bool xvcpu__s2_ok(const xvcpu_stage2 *s2)
{
    return s2 != NULL && s2->magic == XVCPU__STAGE2_MAGIC;
}

/* --- the entry formats ----------------------------------------------------------------------- */

static bool xvcpu__s2_ept(const xvcpu_stage2 *s2)
{
    return s2->format == XVCPU_STAGE2_EPT;
}

static uint64_t xvcpu__s2_addr_mask(const xvcpu_stage2 *s2)
{
    return xvcpu__s2_ept(s2) ? XVCPU_EPT_ENTRY_ADDRESS_MASK : XVCPU_PTE_ADDRESS_MASK;
}

static uint64_t xvcpu__s2_large_bit(const xvcpu_stage2 *s2)
{
    return xvcpu__s2_ept(s2) ? XVCPU_EPT_ENTRY_LARGE_PAGE : XVCPU_PTE_PS_PAT;
}

/* EPT has no present bit: an entry with none of R/W/X is not present (SDM Vol. 3C 29.3.2). */
static bool xvcpu__s2_present(const xvcpu_stage2 *s2, uint64_t e)
{
    if (xvcpu__s2_ept(s2))
        return (e & (XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE)) != 0;
    return (e & XVCPU_PTE_P) != 0;
}

static bool xvcpu__s2_leaf(const xvcpu_stage2 *s2, uint64_t e, int level)
{
    return level == 0 || (e & xvcpu__s2_large_bit(s2)) != 0;
}

/* A pointer to a lower table allows everything; the leaf decides. */
static uint64_t xvcpu__s2_table_entry(const xvcpu_stage2 *s2, uint64_t phys)
{
    if (xvcpu__s2_ept(s2))
        return phys | XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE;
    return phys | XVCPU_PTE_P | XVCPU_PTE_RW | XVCPU_PTE_US;
}

/* The bits of a leaf that carry permissions, and their values for `perms`. */
static uint64_t xvcpu__s2_perm_mask(const xvcpu_stage2 *s2)
{
    if (xvcpu__s2_ept(s2))
        return XVCPU_EPT_ENTRY_READ | XVCPU_EPT_ENTRY_WRITE | XVCPU_EPT_ENTRY_EXECUTE;
    return XVCPU_PTE_P | XVCPU_PTE_RW | XVCPU_PTE_US | XVCPU_PTE_XD;
}

static uint64_t xvcpu__s2_perm_bits(const xvcpu_stage2 *s2, uint32_t perms)
{
    if (xvcpu__s2_ept(s2))
        return (perms & XVCPU_ACCESS_READ ? XVCPU_EPT_ENTRY_READ : 0) |
               (perms & XVCPU_ACCESS_WRITE ? XVCPU_EPT_ENTRY_WRITE : 0) |
               (perms & XVCPU_ACCESS_EXEC ? XVCPU_EPT_ENTRY_EXECUTE : 0);
    /* nested walks are user accesses (APM Vol. 2 15.25.5), so U/S is always set */
    return XVCPU_PTE_P | XVCPU_PTE_US | (perms & XVCPU_ACCESS_WRITE ? XVCPU_PTE_RW : 0) |
           (perms & XVCPU_ACCESS_EXEC ? 0 : XVCPU_PTE_XD);
}

static uint32_t xvcpu__s2_perms_of(const xvcpu_stage2 *s2, uint64_t e)
{
    if (xvcpu__s2_ept(s2))
        return (e & XVCPU_EPT_ENTRY_READ ? XVCPU_ACCESS_READ : 0u) |
               (e & XVCPU_EPT_ENTRY_WRITE ? XVCPU_ACCESS_WRITE : 0u) |
               (e & XVCPU_EPT_ENTRY_EXECUTE ? XVCPU_ACCESS_EXEC : 0u);
    return XVCPU_ACCESS_READ | (e & XVCPU_PTE_RW ? XVCPU_ACCESS_WRITE : 0u) |
           (e & XVCPU_PTE_XD ? 0u : XVCPU_ACCESS_EXEC);
}

/* Memory-type bits of a leaf; NPT goes through the power-on PAT (entry 0 WB, 1 WT, 3 UC). */
static uint64_t xvcpu__s2_memtype_bits(const xvcpu_stage2 *s2, uint8_t memtype)
{
    if (xvcpu__s2_ept(s2))
        return XVCPU_FIELD_SET(XVCPU_EPT_ENTRY_MEMORY_TYPE, 0, memtype);
    if (memtype == XVCPU_X86_MEMORY_TYPE_WT)
        return XVCPU_PTE_PWT;
    if (memtype == XVCPU_X86_MEMORY_TYPE_UC)
        return XVCPU_PTE_PCD | XVCPU_PTE_PWT;
    return 0; /* WB */
}

static bool xvcpu__s2_memtype_ok(const xvcpu_stage2 *s2, uint8_t t)
{
    bool npt_ok = t == XVCPU_X86_MEMORY_TYPE_WB || t == XVCPU_X86_MEMORY_TYPE_UC || t == XVCPU_X86_MEMORY_TYPE_WT;
    return npt_ok || (xvcpu__s2_ept(s2) && (t == XVCPU_X86_MEMORY_TYPE_WC || t == XVCPU_X86_MEMORY_TYPE_WP));
}

/* Why `perms` is unacceptable, or NULL. */
static const char *xvcpu__s2_perms_problem(const xvcpu_stage2 *s2, uint32_t perms)
{
    if (perms & ~(XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC))
        return "unknown permission bits";
    if (perms == 0)
        return "no permission (unmap instead)";
    if ((perms & XVCPU_ACCESS_WRITE) && !(perms & XVCPU_ACCESS_READ))
        return "write without read";
    if (!(perms & XVCPU_ACCESS_READ) && !xvcpu__s2_ept(s2))
        return "execute-only needs EPT"; /* a present NPT entry is always readable */
    if (!(perms & XVCPU_ACCESS_READ) && !s2->execute_only)
        return "execute-only is not supported by this CPU (IA32_VMX_EPT_VPID_CAP bit 0)";
    return NULL;
}

/* --- table memory ------------------------------------------------------------------------------ */

static uint64_t *xvcpu__s2_child(const xvcpu_stage2 *s2, uint64_t e)
{
    return (uint64_t *)s2->hal->phys_to_virt(s2->hal->ctx, e & xvcpu__s2_addr_mask(s2));
}

static uint64_t *xvcpu__s2_alloc_table(xvcpu_stage2 *s2, uint64_t *phys)
{
    uint64_t *t = (uint64_t *)s2->hal->alloc_pages(s2->hal->ctx, 1, phys);
    if (t != NULL) {
        XVCPU_MEMSET(t, 0, XVCPU__S2_PAGE_SIZE);
        s2->table_pages++;
    }
    return t;
}

static void xvcpu__s2_free_table(xvcpu_stage2 *s2, uint64_t *t, uint64_t phys)
{
    s2->hal->free_pages(s2->hal->ctx, t, phys, 1);
    s2->table_pages--;
}

static bool xvcpu__s2_empty(const uint64_t *t)
{
    unsigned i;
    for (i = 0; i < XVCPU__S2_ENTRIES; i++)
        if (t[i] != 0)
            return false;
    return true;
}

/* The leaf that maps `gpa` and its level, or 0 when nothing does. */
static uint64_t xvcpu__s2_lookup(const xvcpu_stage2 *s2, uint64_t gpa, int *level)
{
    const uint64_t *t = (const uint64_t *)s2->root;
    int l;
    for (l = XVCPU__S2_LEVELS - 1;; l--) {
        uint64_t e = t[(gpa >> (XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * l)) & (XVCPU__S2_ENTRIES - 1)];
        if (!xvcpu__s2_present(s2, e))
            return 0;
        if (xvcpu__s2_leaf(s2, e, l)) {
            *level = l;
            return e;
        }
        t = xvcpu__s2_child(s2, e);
    }
}

/* --- the walker -------------------------------------------------------------------------------- */

typedef enum xvcpu__s2_op {
    XVCPU__S2_FIND_MAPPED, /* stop at the first mapped address */
    XVCPU__S2_FIND_HOLE,   /* stop at the first unmapped address */
    XVCPU__S2_MAP,         /* map the (free) range; stops when out of memory */
    XVCPU__S2_UNMAP,       /* clear every leaf in the range, free tables left empty */
    XVCPU__S2_PROTECT      /* set the permissions of every leaf in the range */
} xvcpu__s2_op;

typedef struct xvcpu__s2_walk {
    xvcpu__s2_op op;
    uint64_t delta;    /* MAP: hpa - gpa */
    uint32_t perms;    /* MAP, PROTECT */
    uint8_t memtype;   /* MAP */
    bool lost;         /* UNMAP, PROTECT: a mapping went away or lost a permission */
    uint64_t at;       /* where the walk stopped */
    uint64_t *pool[XVCPU__S2_MAX_SPLITS]; /* tables set aside for splitting large pages */
    uint64_t pool_phys[XVCPU__S2_MAX_SPLITS];
    unsigned pool_len;
} xvcpu__s2_walk;

static uint64_t *xvcpu__s2_take_table(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *phys)
{
    if (w->pool_len == 0)
        return xvcpu__s2_alloc_table(s2, phys);
    w->pool_len--;
    *phys = w->pool_phys[w->pool_len];
    return w->pool[w->pool_len];
}

/* Replace the large leaf *e at `level` by a table of 512 leaves one size down, same mapping. */
static void xvcpu__s2_split(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *e, int level)
{
    uint64_t phys, *t = xvcpu__s2_take_table(s2, w, &phys);
    uint64_t sub = xvcpu__s2_size(level - 1);
    uint64_t base = *e & xvcpu__s2_addr_mask(s2) & ~(xvcpu__s2_size(level) - 1);
    uint64_t attrs = *e & ~xvcpu__s2_addr_mask(s2);
    unsigned i;
    XVCPU_ASSERT(t != NULL && level > 0); /* the pool was filled for every split */
    if (level - 1 == 0)
        attrs &= ~xvcpu__s2_large_bit(s2); /* 4K entries have no large-page bit (NPT: it is PAT) */
    for (i = 0; i < XVCPU__S2_ENTRIES; i++)
        t[i] = attrs | (base + i * sub);
    *e = xvcpu__s2_table_entry(s2, phys);
}

/* Apply w->op to [lo, hi) within `table` at `level`, whose first entry maps `base`. Returns true
 * when the walk stopped early (w->at says where). */
static bool xvcpu__s2_walk_table(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t *table, int level, uint64_t base,
                                 uint64_t lo, uint64_t hi)
{
    uint64_t size = xvcpu__s2_size(level);
    unsigned shift = XVCPU__S2_PAGE_SHIFT + XVCPU__S2_LEVEL_BITS * (unsigned)level;
    unsigned i = (unsigned)((lo - base) >> shift), last = (unsigned)((hi - 1 - base) >> shift);
    for (; i <= last; i++) {
        uint64_t *e = &table[i], start = base + i * size;
        uint64_t from = lo > start ? lo : start, to = hi < start + size ? hi : start + size;
        bool whole = from == start && to == start + size;
        if (!xvcpu__s2_present(s2, *e)) {
            uint64_t phys;
            if (w->op == XVCPU__S2_FIND_HOLE) {
                w->at = from;
                return true;
            }
            if (w->op != XVCPU__S2_MAP)
                continue;
            /* the largest page: the entry is wholly inside, its size supported, hpa aligned */
            if (whole && (s2->page_sizes & (1u << level)) && ((start + w->delta) & (size - 1)) == 0) {
                *e = (start + w->delta) | xvcpu__s2_perm_bits(s2, w->perms) |
                     xvcpu__s2_memtype_bits(s2, w->memtype) | (level > 0 ? xvcpu__s2_large_bit(s2) : 0);
                continue;
            }
            if (xvcpu__s2_take_table(s2, w, &phys) == NULL) {
                w->at = from;
                return true;
            }
            *e = xvcpu__s2_table_entry(s2, phys);
        } else if (xvcpu__s2_leaf(s2, *e, level)) {
            XVCPU_ASSERT(w->op != XVCPU__S2_MAP); /* map checked the range was free */
            if (w->op == XVCPU__S2_FIND_MAPPED) {
                w->at = from;
                return true;
            }
            if (w->op == XVCPU__S2_FIND_HOLE)
                continue;
            if (whole && w->op == XVCPU__S2_UNMAP) {
                *e = 0;
                w->lost = true;
            } else if (whole) {
                w->lost |= (xvcpu__s2_perms_of(s2, *e) & ~w->perms) != 0;
                *e = (*e & ~xvcpu__s2_perm_mask(s2)) | xvcpu__s2_perm_bits(s2, w->perms);
            } else {
                xvcpu__s2_split(s2, w, e, level); /* then handle the part below */
            }
            if (whole)
                continue;
        }
        if (xvcpu__s2_walk_table(s2, w, xvcpu__s2_child(s2, *e), level - 1, start, from, to))
            return true;
        if (w->op == XVCPU__S2_UNMAP && xvcpu__s2_empty(xvcpu__s2_child(s2, *e))) {
            xvcpu__s2_free_table(s2, xvcpu__s2_child(s2, *e), *e & xvcpu__s2_addr_mask(s2));
            *e = 0;
        }
    }
    return false;
}

static bool xvcpu__s2_walk_range(xvcpu_stage2 *s2, xvcpu__s2_walk *w, uint64_t gpa, uint64_t size)
{
    return xvcpu__s2_walk_table(s2, w, (uint64_t *)s2->root, XVCPU__S2_LEVELS - 1, 0, gpa, gpa + size);
}

/* Tables needed to split the large pages straddling lo or hi (a table shared by both counted once). */
static unsigned xvcpu__s2_splits_needed(const xvcpu_stage2 *s2, uint64_t lo, uint64_t hi)
{
    int llo = -1, lhi = -1, l;
    unsigned n = 0;
    (void)xvcpu__s2_lookup(s2, lo, &llo);
    if (hi < XVCPU__S2_TOP)
        (void)xvcpu__s2_lookup(s2, hi, &lhi);
    for (l = 1; l < XVCPU__S2_LEVELS - 1; l++) {
        uint64_t sz = xvcpu__s2_size(l);
        bool a = l <= llo && (lo & (sz - 1)) != 0, b = l <= lhi && (hi & (sz - 1)) != 0;
        n += (unsigned)a + (unsigned)b - (unsigned)(a && b && lo / sz == hi / sz);
    }
    return n;
}

/* Arguments every range call checks. */
static xvcpu_err xvcpu__s2_check_range(xvcpu_stage2 *s2, const char *fn, uint64_t gpa, uint64_t size)
{
    if (!xvcpu__s2_ok(s2))
        return XVCPU_ERR_INVALID_ARG;
    if (size == 0)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: size is 0", fn,
                           (unsigned long long)gpa);
    if (((gpa | size) & (XVCPU__S2_PAGE_SIZE - 1)) != 0)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx size %llx is not 4 KiB aligned",
                           fn, (unsigned long long)gpa, (unsigned long long)size);
    if (gpa >= XVCPU__S2_TOP || size > XVCPU__S2_TOP - gpa)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "%s: gpa %llx size %llx goes beyond the 48-bit guest-physical space", fn,
                           (unsigned long long)gpa, (unsigned long long)size);
    return XVCPU_OK;
}

/* Unmap or protect: the range must be mapped; memory for the splits is set aside first. */
static xvcpu_err xvcpu__s2_change(xvcpu_stage2 *s2, const char *fn, xvcpu__s2_op op, uint64_t gpa, uint64_t size,
                                  uint32_t perms)
{
    xvcpu__s2_walk w;
    unsigned need;
    xvcpu_err err = xvcpu__s2_check_range(s2, fn, gpa, size);
    const char *problem;
    if (err != XVCPU_OK)
        return err;
    if (op == XVCPU__S2_PROTECT && (problem = xvcpu__s2_perms_problem(s2, perms)) != NULL)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: permissions %x: %s", fn,
                           (unsigned long long)gpa, perms, problem);
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_FIND_HOLE;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NOT_MAPPED,
                           "%s: gpa %llx size %llx is not entirely mapped: nothing at %llx", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)w.at);
    need = xvcpu__s2_splits_needed(s2, gpa, gpa + size);
    XVCPU_ASSERT(need <= XVCPU__S2_MAX_SPLITS);
    while (w.pool_len < need) {
        w.pool[w.pool_len] = xvcpu__s2_alloc_table(s2, &w.pool_phys[w.pool_len]);
        if (w.pool[w.pool_len] == NULL) {
            while (w.pool_len > 0) {
                w.pool_len--;
                xvcpu__s2_free_table(s2, w.pool[w.pool_len], w.pool_phys[w.pool_len]);
            }
            return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NO_MEMORY,
                               "%s: gpa %llx size %llx: no memory for the %u table(s) that split large pages",
                               fn, (unsigned long long)gpa, (unsigned long long)size, need);
        }
        w.pool_len++;
    }
    w.op = op;
    w.perms = perms;
    (void)xvcpu__s2_walk_range(s2, &w, gpa, size);
    XVCPU_ASSERT(w.pool_len == 0);
    if (w.lost)
        s2->generation++;
    return XVCPU_OK;
}

/* --- the API ----------------------------------------------------------------------------------- */

XVCPU_DEF xvcpu_err xvcpu_stage2_init(xvcpu_stage2 *s2, const xvcpu_hal *hal, xvcpu_stage2_format format,
                                      uint32_t page_sizes, bool accessed_dirty)
{
    if (s2 == NULL)
        return XVCPU_ERR_INVALID_ARG;
    XVCPU_MEMSET(s2, 0, sizeof(*s2));
    if (!xvcpu__hal_ok(hal))
        return xvcpu__fail(NULL, s2->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_stage2_init: the HAL needs alloc_pages, free_pages, phys_to_virt and virt_to_phys");
    if (format != XVCPU_STAGE2_EPT && format != XVCPU_STAGE2_NPT)
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_INVALID_ARG, "xvcpu_stage2_init: format %u is not EPT or NPT",
                           (unsigned)format);
    if (!(page_sizes & XVCPU_PAGE_4K) || (page_sizes & ~(XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G)))
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "xvcpu_stage2_init: page sizes %x must include 4K and only 4K, 2M, 1G", page_sizes);
    s2->hal = hal;
    s2->format = format;
    s2->page_sizes = page_sizes;
    s2->accessed_dirty = format == XVCPU_STAGE2_EPT && accessed_dirty;
    s2->root = xvcpu__s2_alloc_table(s2, &s2->root_phys);
    if (s2->root == NULL)
        return xvcpu__fail(hal, s2->error, XVCPU_ERR_NO_MEMORY, "xvcpu_stage2_init: no memory for the root table");
    s2->magic = XVCPU__STAGE2_MAGIC;
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_stage2_map(xvcpu_stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t perms,
                                     uint8_t memtype)
{
    static const char fn[] = "xvcpu_stage2_map";
    xvcpu__s2_walk w;
    uint64_t phys_top;
    const char *problem;
    xvcpu_err err = xvcpu__s2_check_range(s2, fn, gpa, size);
    if (err != XVCPU_OK)
        return err;
    phys_top = (xvcpu__s2_addr_mask(s2) | (XVCPU__S2_PAGE_SIZE - 1)) + 1;
    if ((hpa & (XVCPU__S2_PAGE_SIZE - 1)) != 0 || hpa >= phys_top || size > phys_top - hpa)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG,
                           "%s: hpa %llx size %llx is not 4 KiB aligned or goes beyond 52-bit physical addresses",
                           fn, (unsigned long long)hpa, (unsigned long long)size);
    if ((problem = xvcpu__s2_perms_problem(s2, perms)) != NULL)
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: permissions %x: %s", fn,
                           (unsigned long long)gpa, perms, problem);
    if (!xvcpu__s2_memtype_ok(s2, memtype))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_INVALID_ARG, "%s: gpa %llx: memory type %u %s", fn,
                           (unsigned long long)gpa, (unsigned)memtype,
                           xvcpu__s2_ept(s2) ? "is not UC, WC, WT, WP or WB"
                                             : "is not UC, WT or WB (NPT uses the default PAT, which has no WC or WP)");
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_FIND_MAPPED;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size))
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_ALREADY_MAPPED,
                           "%s: gpa %llx size %llx overlaps an existing mapping at %llx", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)w.at);
    w.op = XVCPU__S2_MAP;
    w.delta = hpa - gpa;
    w.perms = perms;
    w.memtype = memtype;
    if (xvcpu__s2_walk_range(s2, &w, gpa, size)) {
        uint64_t at = w.at;
        /* the range was free: clearing it again and pruning restores the tables exactly */
        w.op = XVCPU__S2_UNMAP;
        (void)xvcpu__s2_walk_range(s2, &w, gpa, size);
        return xvcpu__fail(s2->hal, s2->error, XVCPU_ERR_NO_MEMORY,
                           "%s: gpa %llx size %llx: no memory for a page table at %llx; nothing mapped", fn,
                           (unsigned long long)gpa, (unsigned long long)size, (unsigned long long)at);
    }
    return XVCPU_OK;
}

XVCPU_DEF xvcpu_err xvcpu_stage2_unmap(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size)
{
    return xvcpu__s2_change(s2, "xvcpu_stage2_unmap", XVCPU__S2_UNMAP, gpa, size, 0);
}

XVCPU_DEF xvcpu_err xvcpu_stage2_protect(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size, uint32_t perms)
{
    return xvcpu__s2_change(s2, "xvcpu_stage2_protect", XVCPU__S2_PROTECT, gpa, size, perms);
}

XVCPU_DEF xvcpu_err xvcpu_stage2_translate(const xvcpu_stage2 *s2, uint64_t gpa, uint64_t *hpa, uint32_t *perms,
                                           uint64_t *page_size)
{
    int level = 0;
    uint64_t e, size;
    if (!xvcpu__s2_ok(s2) || gpa >= XVCPU__S2_TOP)
        return XVCPU_ERR_INVALID_ARG;
    e = xvcpu__s2_lookup(s2, gpa, &level);
    if (e == 0)
        return XVCPU_ERR_NOT_MAPPED;
    size = xvcpu__s2_size(level);
    if (hpa != NULL) /* masking by the page size drops NPT's large-page PAT bit (12) too */
        *hpa = (e & xvcpu__s2_addr_mask(s2) & ~(size - 1)) | (gpa & (size - 1));
    if (perms != NULL)
        *perms = xvcpu__s2_perms_of(s2, e);
    if (page_size != NULL)
        *page_size = size;
    return XVCPU_OK;
}

XVCPU_DEF void xvcpu_stage2_destroy(xvcpu_stage2 *s2)
{
    xvcpu__s2_walk w;
    if (!xvcpu__s2_ok(s2))
        return;
    XVCPU_MEMSET(&w, 0, sizeof(w));
    w.op = XVCPU__S2_UNMAP; /* whole range: no splits, frees every table below the root */
    (void)xvcpu__s2_walk_range(s2, &w, 0, XVCPU__S2_TOP);
    xvcpu__s2_free_table(s2, (uint64_t *)s2->root, s2->root_phys);
    s2->root = NULL;
    s2->root_phys = 0;
    s2->magic = 0;
}

XVCPU_DEF uint64_t xvcpu_stage2_eptp(const xvcpu_stage2 *s2)
{
    if (!xvcpu__s2_ok(s2))
        return 0;
    if (!xvcpu__s2_ept(s2))
        return s2->root_phys; /* nCR3 */
    return s2->root_phys | XVCPU_FIELD_SET(XVCPU_EPTP_MEMORY_TYPE, 0, XVCPU_X86_MEMORY_TYPE_WB) |
           XVCPU_FIELD_SET(XVCPU_EPTP_PAGE_WALK_LENGTH_MINUS_1, 0, XVCPU__S2_LEVELS - 1) |
           (s2->accessed_dirty ? XVCPU_EPTP_ACCESSED_DIRTY : 0);
}

XVCPU_DEF const char *xvcpu_stage2_last_error(const xvcpu_stage2 *s2)
{
    return s2 != NULL ? s2->error : "(no stage-2 tables)";
}
