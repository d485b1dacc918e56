/* libFuzzer harness for the page walker. The input picks a guest mode, a walk config and a seed;
 * the seed fills a small fake RAM with paging entries (mostly present, frames mostly inside RAM,
 * sometimes with XD, keys, large pages, reserved bits or frames outside RAM); then a few addresses
 * are walked. Every walk is checked against:
 *   - the callbacks: only aligned 4/8-byte accesses, set_bits only with A/D and only on entries
 *     the walk read, only on success;
 *   - the result: fields a status does not name are 0; GP only for a non-canonical address;
 *     sizes allowed by the mode; the page offset kept; the frame is the last entry's frame;
 *   - an independent restatement of the rules: which entry stops a walk (not present, reserved
 *     bits from the SDM tables), which rights an access needs (from the translation's perms found
 *     by a permissive walk), and the #PF error code built from both;
 *   - idempotence: walking again gives the same answer and sets nothing. */
#define XVCPU_IMPLEMENTATION
#include "../../../xvcpu.h"
#include "fake_mem.h"

#define RAM_PAGES 16
#define RAM_BYTES (RAM_PAGES * 4096ull)

#define P XVCPU_PTE_P
#define PS XVCPU_PTE_PS_PAT
#define XD XVCPU_PTE_XD
#define EC_P XVCPU_PAGE_FAULT_ERROR_CODE_P
#define EC_W XVCPU_PAGE_FAULT_ERROR_CODE_W
#define EC_U XVCPU_PAGE_FAULT_ERROR_CODE_U
#define EC_RSVD XVCPU_PAGE_FAULT_ERROR_CODE_RSVD
#define EC_I XVCPU_PAGE_FAULT_ERROR_CODE_I
#define EC_PK XVCPU_PAGE_FAULT_ERROR_CODE_PK

static fake_mem fm;

/* Outcomes by paging mode and status, printed at exit: does the fuzzer reach every path? */
static unsigned long outcome[5][4], rights_faults, pk_faults, rsvd_faults, large_pages[3];

static void print_outcomes(void)
{
    static const char *const kinds[5] = {"off", "32-bit", "PAE", "4-level", "5-level"};
    unsigned k;
    fprintf(stderr, "walk outcomes (OK / #PF / GP / BAD_GPA):");
    for (k = 0; k < 5; k++)
        fprintf(stderr, " %s %lu/%lu/%lu/%lu;", kinds[k], outcome[k][0], outcome[k][1], outcome[k][2],
                outcome[k][3]);
    fprintf(stderr, " RSVD %lu, rights %lu (PK %lu); 2M/4M/1G pages %lu/%lu/%lu\n", rsvd_faults, rights_faults,
            pk_faults, large_pages[0], large_pages[1], large_pages[2]);
}

typedef struct input {
    const uint8_t *p;
    size_t n;
} input;

static uint64_t take(input *in, unsigned bytes)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < bytes; i++) {
        uint64_t b = 0;
        if (in->n > 0) {
            b = *in->p++;
            in->n--;
        }
        v |= b << (8 * i);
    }
    return v;
}

static uint64_t rng;

static uint64_t rnd(void) /* splitmix64 */
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static bool chance(unsigned percent)
{
    return rnd() % 100 < percent;
}

static uint64_t gen_entry(void)
{
    uint64_t e = (rnd() % RAM_PAGES) << 12;
    if (chance(90))
        e |= P;
    e |= rnd() & 0x1FE; /* RW US PWT PCD A D PS G, at random */
    if (chance(60))
        e &= ~PS;
    if (chance(15))
        e |= XD;
    if (chance(50))
        e |= (rnd() & 0xF) << 59; /* protection key */
    if (chance(8))
        e |= 1ull << (12 + rnd() % 51); /* PAT, reserved or ignored bit, or a frame bit */
    if (chance(3))
        e = (e & 0xFFF) | (rnd() & 0x000FFFFFFFFFF000ull); /* a frame anywhere */
    return e;
}

static uint64_t now_entry(uint64_t gpa, unsigned bytes)
{
    return bytes == 4 ? get32(&fm, gpa) : get64(&fm, gpa);
}

static void fail(const char *what, const xvcpu_x86_mode *m, uint64_t linear, unsigned access,
                 const xvcpu_x86_walk_result *r, int status)
{
    fprintf(stderr,
            "invariant failed: %s\n  cr0 %llx cr3 %llx cr4 %llx efer %llx rflags %llx pkru %x cpl %u cs %u\n"
            "  linear %llx access %u -> status %d gpa %llx size %llx ec %x bad %llx perms %x key %u\n",
            what, (unsigned long long)m->cr0, (unsigned long long)m->cr3, (unsigned long long)m->cr4,
            (unsigned long long)m->efer, (unsigned long long)m->rflags, m->pkru, m->cpl, m->code_bytes,
            (unsigned long long)linear, access, status, (unsigned long long)r->gpa,
            (unsigned long long)r->page_size, r->error_code, (unsigned long long)r->bad_gpa, r->perms, r->pkey);
    abort();
}

#define REQUIRE(cond, what)                                                                              \
    do {                                                                                                \
        if (!(cond))                                                                                    \
            fail(what, m, linear, access, &r, (int)st);                                                 \
    } while (0)

enum { K_OFF, K_32, K_PAE, K_4, K_5 };

/* Reserved bits of a present entry, written out from SDM Vol. 3A Tables 5-4 .. 5-20. */
static uint64_t ref_reserved(int kind, unsigned level, uint64_t e, unsigned maxphy, bool nxe, bool no1g,
                             bool pse)
{
    uint64_t r = 0, bit;
    unsigned b;
    if (kind == K_32) {
        unsigned m = maxphy < 40 ? maxphy : 40;
        if (level == 2 && pse && (e & PS))
            for (b = m - 19; b <= 21; b++)
                r |= 1ull << b;
        return r;
    }
    if (kind == K_PAE && level == 3) {
        r = 0x6 | 0x1E0;
        for (b = maxphy; b < 64; b++)
            r |= 1ull << b;
        return r;
    }
    for (b = maxphy; b < (kind == K_PAE ? 63u : 52u); b++)
        r |= 1ull << b;
    if (!nxe)
        r |= XD;
    if (kind != K_PAE && level >= 4)
        r |= PS;
    if (kind != K_PAE && level == 3 && no1g)
        r |= PS;
    if ((e & PS) && (level == 2 || (level == 3 && kind != K_PAE))) {
        for (bit = 1ull << 13; bit < (level == 2 ? 1ull << 21 : 1ull << 30); bit <<= 1)
            r |= bit;
    }
    return r;
}

/* The rights an access needs (SDM Vol. 3A 5.6), from the translation's perms and key: 0, or the
 * error code's P (and PK) bits. */
static uint32_t ref_rights(const xvcpu_x86_mode *m, unsigned access, uint32_t perms, unsigned pkey, bool keys)
{
    bool fetch = (access & XVCPU_X86_WALK_FETCH) != 0;
    bool write = !fetch && (access & XVCPU_X86_WALK_WRITE) != 0;
    bool implicit = !fetch && (access & XVCPU_X86_WALK_IMPLICIT) != 0;
    bool user = m->cpl == 3 && !implicit;
    bool u = (perms & XVCPU_X86_WALK_PERM_USER) != 0, w = (perms & XVCPU_X86_WALK_PERM_WRITE) != 0;
    bool x = (perms & XVCPU_X86_WALK_PERM_EXEC) != 0;
    bool wp = (m->cr0 & XVCPU_CR0_WP) != 0, nxe = (m->efer & XVCPU_IA32_EFER_NXE) != 0;
    bool deny = false, pk = false;
    if (user) {
        deny = !u || (write && !w) || (fetch && nxe && !x);
    } else if (fetch) {
        deny = (nxe && !x) || (u && (m->cr4 & XVCPU_CR4_SMEP));
    } else {
        deny = (u && (m->cr4 & XVCPU_CR4_SMAP) && (implicit || !(m->rflags & XVCPU_RFLAGS_AC))) ||
               (write && !w && wp);
    }
    if (!fetch && u && keys && (m->cr4 & XVCPU_CR4_PKE)) {
        bool ad = (m->pkru >> (2 * pkey)) & 1, wd = (m->pkru >> (2 * pkey + 1)) & 1;
        if (ad || (wd && write && (user || wp)))
            pk = deny = true;
    }
    return deny ? EC_P | (pk ? EC_PK : 0) : 0;
}

static void walk_and_check(const xvcpu_x86_mode *m, const xvcpu_x86_walk_config *cfg, uint64_t linear,
                           unsigned access)
{
    xvcpu_x86_walk_result r, r2, probe;
    xvcpu_x86_walk_status st, st2, pst;
    xvcpu_x86_mode pm;
    bool pg = (m->cr0 & XVCPU_CR0_PG) != 0, lma = pg && (m->efer & XVCPU_IA32_EFER_LMA);
    bool fetch = (access & XVCPU_X86_WALK_FETCH) != 0, write = !fetch && (access & XVCPU_X86_WALK_WRITE);
    bool implicit = (access & XVCPU_X86_WALK_IMPLICIT) != 0, user = m->cpl == 3 && (fetch || !implicit);
    bool nxe = (m->efer & XVCPU_IA32_EFER_NXE) != 0, no1g = cfg->flags & XVCPU_X86_WALK_NO_1G_PAGES;
    bool wide = lma && (m->code_bytes == 8 || m->code_bytes == 0 || implicit);
    bool cached = cfg->pdptes != NULL;
    unsigned maxphy = cfg->maxphyaddr == 0 ? 52 : cfg->maxphyaddr < 32 ? 32 : cfg->maxphyaddr > 52 ? 52 : cfg->maxphyaddr;
    int kind = !pg ? K_OFF : lma ? ((m->cr4 & XVCPU_CR4_LA57) ? K_5 : K_4) : (m->cr4 & XVCPU_CR4_PAE) ? K_PAE : K_32;
    unsigned top = kind == K_5 ? 5 : kind == K_4 ? 4 : kind == K_PAE ? 3 : 2;
    unsigned ebytes = kind == K_32 ? 4 : 8, reads, sets, i, j;
    uint32_t base_ec = 0;
    uint64_t lin = wide ? linear : linear & 0xFFFFFFFFull;
    unsigned vbits = (m->cr4 & XVCPU_CR4_LA57) ? 57 : 48;
    bool canonical = ((uint64_t)((int64_t)(linear << (64 - vbits)) >> (64 - vbits))) == linear;
    bool aliased = false;
    uint64_t read_gpa[FAKE_MEM_LOG], read_val[FAKE_MEM_LOG], set_gpa[FAKE_MEM_LOG], set_bits[FAKE_MEM_LOG];

    fake_mem_reset_log(&fm);
    memset(&r, 0x5A, sizeof(r));
    st = xvcpu_x86_walk_ex(m, linear, access, &fm.iface, cfg, &r);
    reads = fm.reads;
    sets = fm.sets;
    if ((unsigned)st < 4)
        outcome[kind][st]++;
    if (st == XVCPU_X86_WALK_PAGE_FAULT && (r.error_code & EC_RSVD))
        rsvd_faults++;
    else if (st == XVCPU_X86_WALK_PAGE_FAULT && (r.error_code & EC_P))
        rights_faults++;
    if (st == XVCPU_X86_WALK_PAGE_FAULT && (r.error_code & EC_PK))
        pk_faults++;
    if (st == XVCPU_X86_WALK_OK && r.page_size > 0x1000)
        large_pages[r.page_size == 0x200000 ? 0 : r.page_size == 0x400000 ? 1 : 2]++;
    REQUIRE(fm.bad_calls == 0, "a callback got a bad length or alignment");
    REQUIRE(reads <= 5 && sets <= 5, "too many callbacks");
    memcpy(read_gpa, fm.read_gpa, sizeof(read_gpa));
    memcpy(read_val, fm.read_val, sizeof(read_val));
    for (i = 0; i < reads; i++)
        for (j = 0; j < i; j++)
            aliased |= read_gpa[i] == read_gpa[j];
    memcpy(set_gpa, fm.set_gpa, sizeof(set_gpa));
    memcpy(set_bits, fm.set_bits, sizeof(set_bits));
    for (i = 0; i < reads; i++)
        REQUIRE(fm.read_len[i] == ebytes, "entry read with the wrong size");
    for (i = 0; i < sets; i++) {
        bool seen = false;
        REQUIRE(fm.set_len[i] == ebytes, "set_bits with the wrong size");
        REQUIRE(set_bits[i] != 0 && (set_bits[i] & ~(XVCPU_PTE_A | XVCPU_PTE_D)) == 0, "set_bits beyond A/D");
        REQUIRE(!(set_bits[i] & XVCPU_PTE_D) || (write && i == sets - 1), "D outside the leaf of a write");
        for (j = 0; j < reads; j++)
            seen |= read_gpa[j] == set_gpa[i];
        REQUIRE(seen, "set_bits on an entry the walk did not read");
    }
    REQUIRE(st == XVCPU_X86_WALK_OK || sets == 0, "A/D set by a failing walk");
    if (st != XVCPU_X86_WALK_GP)
        REQUIRE(r.linear == lin, "linear not truncated as the mode says");

    if (fetch && ((m->cr4 & XVCPU_CR4_SMEP) || ((m->cr4 & XVCPU_CR4_PAE) && nxe)))
        base_ec |= EC_I;
    if (write)
        base_ec |= EC_W;
    if (user)
        base_ec |= EC_U;

    switch (st) {
    case XVCPU_X86_WALK_GP:
        REQUIRE(wide && !canonical, "GP for a canonical address or outside 64-bit addressing");
        REQUIRE(reads == 0 && r.linear == linear, "GP after reading");
        REQUIRE(r.gpa == 0 && r.page_size == 0 && r.error_code == 0 && r.bad_gpa == 0 && r.perms == 0,
                "GP with other fields set");
        return;
    case XVCPU_X86_WALK_BAD_GPA:
        REQUIRE(kind != K_OFF, "BAD_GPA without paging");
        REQUIRE(reads > 0 && r.bad_gpa == read_gpa[reads - 1] && r.bad_gpa + ebytes > RAM_BYTES,
                "BAD_GPA not at the last entry read, or inside RAM");
        REQUIRE(r.gpa == 0 && r.page_size == 0 && r.error_code == 0 && r.perms == 0, "BAD_GPA with other fields");
        break;
    case XVCPU_X86_WALK_PAGE_FAULT:
        REQUIRE(kind != K_OFF, "#PF without paging");
        REQUIRE((r.error_code & ~(uint32_t)(EC_P | EC_W | EC_U | EC_RSVD | EC_I | EC_PK)) == 0, "unknown error bits");
        REQUIRE((r.error_code & (EC_W | EC_U | EC_I)) == base_ec, "W/U/I do not describe the access");
        REQUIRE(!(r.error_code & EC_RSVD) || (r.error_code & EC_P), "RSVD without P");
        REQUIRE(!(r.error_code & EC_PK) || ((r.error_code & EC_P) && !(r.error_code & EC_RSVD) && !fetch && lma &&
                                            (m->cr4 & XVCPU_CR4_PKE)),
                "PK where keys cannot apply");
        REQUIRE(r.gpa == 0 && r.page_size == 0 && r.bad_gpa == 0 && r.perms == 0, "#PF with other fields");
        break;
    case XVCPU_X86_WALK_OK:
        REQUIRE(r.error_code == 0 && r.bad_gpa == 0, "OK with fault fields");
        if (kind == K_OFF) {
            REQUIRE(r.page_size == 0 && r.gpa == lin && reads == 0 && r.perms == 7, "paging off is not identity");
            return;
        }
        REQUIRE(r.page_size == 0x1000 || (r.page_size == 0x400000 && kind == K_32) ||
                    (r.page_size == 0x200000 && kind != K_32) ||
                    (r.page_size == 0x40000000 && (kind == K_4 || kind == K_5) && !no1g),
                "page size the mode does not have");
        REQUIRE((r.gpa & (r.page_size - 1)) == (lin & (r.page_size - 1)), "page offset lost");
        REQUIRE(r.gpa < (1ull << (kind == K_32 ? (maxphy < 40 ? maxphy : 40) : maxphy)), "gpa beyond MAXPHYADDR");
        REQUIRE(kind == K_4 || kind == K_5 || r.pkey == 0, "a key outside 4/5-level paging");
        break;
    default:
        REQUIRE(false, "unknown status");
    }
    if (kind == K_OFF)
        REQUIRE(false, "paging off did not succeed");

    /* Which entry stopped the walk (or, on success, the leaf), and the levels on the way. */
    if (reads > 0) {
        unsigned first = (kind == K_PAE && cached) ? 2 : top;
        for (i = 0; i < reads; i++) {
            unsigned level = first - i;
            uint64_t e;
            bool last = i == reads - 1;
            if (read_gpa[i] + ebytes > RAM_BYTES) {
                REQUIRE(last && st == XVCPU_X86_WALK_BAD_GPA, "walked on past memory that is not RAM");
                break;
            }
            e = read_val[i]; /* as the walk saw it: a PAE PDPTE may double as a PDE that gains A */
            if (!last || st == XVCPU_X86_WALK_OK) {
                REQUIRE(e & P, "walked through a not-present entry");
                REQUIRE(!(e & ref_reserved(kind, level, e, maxphy, nxe, no1g, (m->cr4 & XVCPU_CR4_PSE) != 0)),
                        "walked through a reserved bit");
            } else if (st == XVCPU_X86_WALK_PAGE_FAULT && !(r.error_code & EC_P)) {
                REQUIRE(!(e & P), "not-present fault on a present entry");
            } else if (st == XVCPU_X86_WALK_PAGE_FAULT && (r.error_code & EC_RSVD)) {
                REQUIRE((e & P) &&
                            (e & ref_reserved(kind, level, e, maxphy, nxe, no1g, (m->cr4 & XVCPU_CR4_PSE) != 0)),
                        "RSVD fault without a reserved bit");
            }
            if (st == XVCPU_X86_WALK_OK && !(kind == K_PAE && level == 3))
                REQUIRE(now_entry(read_gpa[i], ebytes) & XVCPU_PTE_A, "an entry used lacks A after success");
            if (st == XVCPU_X86_WALK_OK && last) {
                uint64_t frame;
                if (write)
                    REQUIRE(now_entry(read_gpa[i], ebytes) & XVCPU_PTE_D, "the leaf lacks D after a write");
                if (kind == K_32 && r.page_size == 0x400000)
                    frame = (e & 0xFFC00000ull) | (((e >> 13) & 0xFF) << 32);
                else if (kind == K_32)
                    frame = e & 0xFFFFF000ull;
                else
                    frame = e & 0x000FFFFFFFFFF000ull & ~(r.page_size - 1);
                REQUIRE(frame == (r.gpa & ~(r.page_size - 1)), "gpa is not the leaf's frame");
                REQUIRE(level == 1 || (e & PS), "a leaf above level 1 without PS");
                REQUIRE(r.page_size == (kind == K_32 ? (level == 2 ? 0x400000ull : 0x1000ull)
                                                     : 1ull << (12 + 9 * (level - 1))),
                        "page size is not the leaf level's");
            }
        }
    } else {
        REQUIRE(kind == K_PAE && cached && st == XVCPU_X86_WALK_PAGE_FAULT, "a walk that read nothing");
    }

    /* In PAE paging an entry used both as PDPTE and as PDE changes meaning when it gains A: the CPU
     * would walk with its cached PDPTE; here the next walks legitimately differ. */
    if (kind == K_PAE && !cached && aliased)
        return;

    /* The rights, judged from a permissive walk's translation: supervisor implicit read, no SMAP, SMEP
     * or keys (so it may fail only where the walk itself fails). */
    pm = *m;
    pm.cpl = 0;
    pm.cr4 &= ~(XVCPU_CR4_SMEP | XVCPU_CR4_SMAP | XVCPU_CR4_PKE);
    fake_mem_reset_log(&fm);
    pst = xvcpu_x86_walk_ex(&pm, linear, access & XVCPU_X86_WALK_IMPLICIT, &fm.iface, cfg, &probe);
    if (st == XVCPU_X86_WALK_BAD_GPA || pst == XVCPU_X86_WALK_BAD_GPA) {
        REQUIRE(st == pst && probe.bad_gpa == r.bad_gpa, "BAD_GPA depends on the access");
    } else if (pst == XVCPU_X86_WALK_PAGE_FAULT) {
        REQUIRE(st == XVCPU_X86_WALK_PAGE_FAULT && (r.error_code & (EC_P | EC_RSVD)) == probe.error_code &&
                    !(probe.error_code & EC_P && !(probe.error_code & EC_RSVD)),
                "a walk fault that depends on the access");
    } else {
        uint32_t want;
        REQUIRE(pst == XVCPU_X86_WALK_OK, "the permissive walk failed otherwise");
        want = ref_rights(m, access, probe.perms, probe.pkey, kind == K_4 || kind == K_5);
        if (want == 0) {
            REQUIRE(st == XVCPU_X86_WALK_OK && r.gpa == probe.gpa && r.page_size == probe.page_size &&
                        r.perms == probe.perms && r.pkey == probe.pkey,
                    "refused an access the rules allow");
        } else {
            REQUIRE(st == XVCPU_X86_WALK_PAGE_FAULT && r.error_code == (base_ec | want),
                    "rights fault differs from the rules");
        }
        REQUIRE(kind == K_32 ? (probe.perms & XVCPU_X86_WALK_PERM_EXEC) != 0 : true, "32-bit paging has no XD");
    }

    /* Again: the same answer, nothing more to set. */
    fake_mem_reset_log(&fm);
    st2 = xvcpu_x86_walk_ex(m, linear, access, &fm.iface, cfg, &r2);
    REQUIRE(st2 == st && r2.gpa == r.gpa && r2.page_size == r.page_size && r2.error_code == r.error_code &&
                r2.bad_gpa == r.bad_gpa && r2.linear == r.linear && r2.perms == r.perms && r2.pkey == r.pkey,
            "a second walk differs");
    REQUIRE(fm.sets == 0, "a second walk set A/D again");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input in;
    xvcpu_x86_mode m;
    xvcpu_x86_walk_config cfg;
    uint64_t pdptes[4], mbits, cr3sel;
    unsigned i, walks;
    static const uint8_t code_bytes[4] = {8, 4, 2, 0};

    if (fm.ram == NULL) {
        fake_mem_init(&fm, RAM_BYTES);
        atexit(print_outcomes);
    }
    in.p = data;
    in.n = size;
    memset(&m, 0, sizeof(m));
    memset(&cfg, 0, sizeof(cfg));

    mbits = take(&in, 2);
    m.cr0 = XVCPU_CR0_PE | ((mbits & 0x8001) == 0x8001 ? 0 : XVCPU_CR0_PG) | ((mbits & 2) ? XVCPU_CR0_WP : 0);
    if (mbits & 4)
        m.cr4 |= XVCPU_CR4_PSE;
    if (mbits & 8)
        m.cr4 |= XVCPU_CR4_PAE;
    if ((mbits & 0x18) == 0x18) /* long mode needs PAE */
        m.efer |= XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA;
    if (mbits & 0x20)
        m.cr4 |= XVCPU_CR4_LA57;
    if (mbits & 0x40)
        m.efer |= XVCPU_IA32_EFER_NXE;
    if (mbits & 0x80)
        m.cr4 |= XVCPU_CR4_SMEP;
    if (mbits & 0x100)
        m.cr4 |= XVCPU_CR4_SMAP;
    if (mbits & 0x200)
        m.cr4 |= XVCPU_CR4_PKE;
    m.rflags = XVCPU_RFLAGS_FIXED1 | ((mbits & 0x400) ? XVCPU_RFLAGS_AC : 0);
    m.cpl = (uint8_t)((mbits >> 11) & 3);
    m.code_bytes = code_bytes[(mbits >> 13) & 3];
    m.pkru = (uint32_t)take(&in, 4);
    cr3sel = take(&in, 2);
    m.cr3 = ((cr3sel % RAM_PAGES) << 12) | ((cr3sel >> 4) & 0xFE0);
    if ((cr3sel >> 12) == 0xF)
        m.cr3 |= take(&in, 8) & ~0xFFFull; /* high bits: masked, or tables outside RAM */

    cfg.maxphyaddr = (uint8_t)take(&in, 1);
    if (cfg.maxphyaddr >= 0x80)
        cfg.maxphyaddr = 0;
    else if (cfg.maxphyaddr >= 0x40)
        cfg.maxphyaddr = (uint8_t)(36 + (cfg.maxphyaddr & 15));
    cfg.flags = (uint32_t)take(&in, 1) & XVCPU_X86_WALK_NO_1G_PAGES;

    rng = take(&in, 8);
    for (i = 0; i < RAM_BYTES / 8; i++)
        put64(&fm, i * 8ull, gen_entry());
    if (take(&in, 1) & 1) {
        for (i = 0; i < 4; i++)
            pdptes[i] = chance(80) ? ((rnd() % RAM_PAGES) << 12) | P : gen_entry();
        cfg.pdptes = pdptes;
    }
    fm.set_fail_gpa = ~0ull;

    walks = 1 + (unsigned)(take(&in, 1) % 8);
    for (i = 0; i < walks; i++) {
        uint64_t linear = rnd();
        unsigned access = (unsigned)(rnd() & 7);
        unsigned shape = (unsigned)(rnd() % 4);
        if (in.n >= 8)
            linear = take(&in, 8);
        if (shape == 1) /* mostly canonical: 57 or 48 bits */
            linear = (uint64_t)((int64_t)(linear << 7) >> 7);
        else if (shape >= 2)
            linear = (uint64_t)((int64_t)(linear << 16) >> 16);
        walk_and_check(&m, &cfg, linear, access);
    }
    return 0;
}
