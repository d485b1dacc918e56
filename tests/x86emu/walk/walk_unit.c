/* Page-walker unit tests: page tables built by hand in a fake guest memory, every paging mode and
 * page size with its exact guest-physical address, every fault with its exact #PF error code, and
 * the accessed/dirty flags the walk sets (exactly which set_bits calls, in which order). */
#define XVCPU_IMPLEMENTATION
#include "../../../xvcpu.h"
#include "fake_mem.h"

static int failures, checks;

#define CHECK_EQ(a, b)                                                                                  \
    do {                                                                                                \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);                 \
        checks++;                                                                                       \
        if (a_ != b_) {                                                                                 \
            printf("  %s:%d: %s == %s: 0x%llx != 0x%llx\n", __FILE__, __LINE__, #a, #b, a_, b_);      \
            failures++;                                                                                 \
        }                                                                                               \
    } while (0)

/* Entry bits and error-code bits, short. */
#define P XVCPU_PTE_P
#define RW XVCPU_PTE_RW
#define US XVCPU_PTE_US
#define A XVCPU_PTE_A
#define D XVCPU_PTE_D
#define PS XVCPU_PTE_PS_PAT
#define XD XVCPU_PTE_XD
#define PRU (P | RW | US)
#define EC_P XVCPU_PAGE_FAULT_ERROR_CODE_P
#define EC_W XVCPU_PAGE_FAULT_ERROR_CODE_W
#define EC_U XVCPU_PAGE_FAULT_ERROR_CODE_U
#define EC_RSVD XVCPU_PAGE_FAULT_ERROR_CODE_RSVD
#define EC_I XVCPU_PAGE_FAULT_ERROR_CODE_I
#define EC_PK XVCPU_PAGE_FAULT_ERROR_CODE_PK
#define WR XVCPU_X86_WALK_WRITE
#define FE XVCPU_X86_WALK_FETCH
#define IM XVCPU_X86_WALK_IMPLICIT

#define RAM_SIZE 0x200000ull
#define CR3 0x100000ull     /* top table; lower tables follow page by page */
#define PAE_CR3 0x100020ull /* PDPT, 32-byte aligned */

static fake_mem fm;
static xvcpu_x86_walk_result r;

static xvcpu_x86_mode mode_lm(bool la57)
{
    xvcpu_x86_mode m;
    memset(&m, 0, sizeof(m));
    m.cr0 = XVCPU_CR0_PE | XVCPU_CR0_PG | XVCPU_CR0_WP;
    m.cr4 = XVCPU_CR4_PAE | (la57 ? XVCPU_CR4_LA57 : 0);
    m.efer = XVCPU_IA32_EFER_LME | XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_NXE;
    m.cr3 = CR3;
    m.rflags = XVCPU_RFLAGS_FIXED1;
    m.code_bytes = 8;
    return m;
}

static xvcpu_x86_mode mode_pae(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    m.efer = XVCPU_IA32_EFER_NXE;
    m.cr3 = PAE_CR3;
    m.code_bytes = 4;
    return m;
}

static xvcpu_x86_mode mode_32(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    m.cr4 = XVCPU_CR4_PSE;
    m.efer = 0;
    m.code_bytes = 4;
    return m;
}

static void fresh(void)
{
    memset(fm.ram, 0, (size_t)fm.size);
    fm.set_fail_gpa = ~0ull;
    fake_mem_reset_log(&fm);
}

static xvcpu_x86_walk_status walk_cfg(const xvcpu_x86_mode *m, uint64_t lin, unsigned acc,
                                      const xvcpu_x86_walk_config *cfg)
{
    xvcpu_x86_walk_status s;
    fake_mem_reset_log(&fm);
    memset(&r, 0xA5, sizeof(r)); /* every field must be written */
    s = xvcpu_x86_walk_ex(m, lin, acc, &fm.iface, cfg, &r);
    CHECK_EQ(fm.bad_calls, 0);
    return s;
}

static xvcpu_x86_walk_status walk(const xvcpu_x86_mode *m, uint64_t lin, unsigned acc)
{
    xvcpu_x86_walk_status s;
    fake_mem_reset_log(&fm);
    memset(&r, 0xA5, sizeof(r));
    s = xvcpu_x86_walk(m, lin, acc, &fm.iface, &r);
    CHECK_EQ(fm.bad_calls, 0);
    return s;
}

/* A page fault with exactly `ec`, no A/D flag written, and every other field zero. */
#define EXPECT_PF(status, ec)                                                                           \
    do {                                                                                                \
        CHECK_EQ(status, XVCPU_X86_WALK_PAGE_FAULT);                                                    \
        CHECK_EQ(r.error_code, ec);                                                                     \
        CHECK_EQ(fm.sets, 0);                                                                           \
        CHECK_EQ(r.gpa, 0);                                                                             \
        CHECK_EQ(r.page_size, 0);                                                                       \
        CHECK_EQ(r.bad_gpa, 0);                                                                         \
    } while (0)

#define EXPECT_OK(status, want_gpa, want_size)                                                          \
    do {                                                                                                \
        CHECK_EQ(status, XVCPU_X86_WALK_OK);                                                            \
        CHECK_EQ(r.gpa, want_gpa);                                                                      \
        CHECK_EQ(r.page_size, want_size);                                                               \
        CHECK_EQ(r.error_code, 0);                                                                      \
        CHECK_EQ(r.bad_gpa, 0);                                                                         \
    } while (0)

/* 4/5-level tables for `lin`: the top table at CR3, then one page per level at CR3 + 0x1000,
 * + 0x2000 ... down to `leaf_level` (1 = PT, 2 = PD, 3 = PDPT) whose entry is `leaf`; the entries
 * above get `upper` and the next table. ent[level] = that entry's guest-physical address. */
static void build_ia32e(unsigned levels, uint64_t lin, unsigned leaf_level, uint64_t leaf, uint64_t upper,
                        uint64_t ent[6])
{
    uint64_t table = CR3;
    unsigned level;
    for (level = levels; level >= leaf_level; level--) {
        ent[level] = table + ((lin >> (12 + 9 * (level - 1))) & 511) * 8;
        if (level == leaf_level) {
            put64(&fm, ent[level], leaf);
            break;
        }
        table = CR3 + 0x1000ull * (levels - level + 1);
        put64(&fm, ent[level], table | upper);
    }
}

/* PAE: PDPT at PAE_CR3 (its entry P only), PD at 0x101000, PT at 0x102000. */
static void build_pae(uint64_t lin, unsigned leaf_level, uint64_t leaf, uint64_t upper, uint64_t ent[4])
{
    ent[3] = PAE_CR3 + ((lin >> 30) & 3) * 8;
    put64(&fm, ent[3], 0x101000 | P);
    ent[2] = 0x101000 + ((lin >> 21) & 511) * 8;
    if (leaf_level == 2) {
        put64(&fm, ent[2], leaf);
        return;
    }
    put64(&fm, ent[2], 0x102000 | upper);
    ent[1] = 0x102000 + ((lin >> 12) & 511) * 8;
    put64(&fm, ent[1], leaf);
}

/* 32-bit paging: PD at CR3, PT at 0x101000. */
static void build_32(uint64_t lin, unsigned leaf_level, uint32_t leaf, uint32_t upper, uint64_t ent[3])
{
    ent[2] = CR3 + ((lin >> 22) & 1023) * 4;
    if (leaf_level == 2) {
        put32(&fm, ent[2], leaf);
        return;
    }
    put32(&fm, ent[2], 0x101000 | upper);
    ent[1] = 0x101000 + ((lin >> 12) & 1023) * 4;
    put32(&fm, ent[1], leaf);
}

/* --- paging off, address size ------------------------------------------------------------------ */

static void test_paging_off(void)
{
    xvcpu_x86_mode m = mode_32();
    xvcpu_x86_walk_status s;
    fresh();
    m.cr0 = XVCPU_CR0_PE;
    s = walk(&m, 0x12345678, WR);
    EXPECT_OK(s, 0x12345678, 0);
    CHECK_EQ(r.linear, 0x12345678);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_EXEC);
    CHECK_EQ(fm.reads, 0);
    s = walk(&m, 0x100000FFFull, FE); /* beyond 4 GiB wraps (real mode with a large segment base) */
    EXPECT_OK(s, 0xFFF, 0);
    CHECK_EQ(r.linear, 0xFFF);
    m.cr0 = 0; /* real mode */
    s = walk(&m, 0xFFFF0, 0);
    EXPECT_OK(s, 0xFFFF0, 0);
    /* EFER.LMA without CR0.PG is not long mode: no canonical check */
    m.efer = XVCPU_IA32_EFER_LMA | XVCPU_IA32_EFER_LME;
    m.code_bytes = 8;
    s = walk(&m, 0x8000000012345678ull, 0);
    EXPECT_OK(s, 0x12345678, 0);
}

/* --- 32-bit paging ---------------------------------------------------------------------------- */

static void test_32bit_4k(void)
{
    xvcpu_x86_mode m = mode_32();
    uint64_t ent[3], lin = 0xC0ABC123; /* PDE 0x302, PTE 0x2BC */
    xvcpu_x86_walk_status s;
    fresh();
    build_32(lin, 1, 0xABCDE000 | PRU, PRU, ent);
    CHECK_EQ(ent[2], 0x100C08);
    CHECK_EQ(ent[1], 0x101AF0);
    s = walk(&m, lin, WR);
    EXPECT_OK(s, 0xABCDE123, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_EXEC);
    CHECK_EQ(r.pkey, 0);
    CHECK_EQ(fm.reads, 2);
    CHECK_EQ(fm.read_gpa[0], 0x100C08);
    CHECK_EQ(fm.read_len[0], 4);
    CHECK_EQ(fm.read_gpa[1], 0x101AF0);
    CHECK_EQ(fm.sets, 2);
    CHECK_EQ(fm.set_gpa[0], 0x100C08);
    CHECK_EQ(fm.set_len[0], 4);
    CHECK_EQ(fm.set_bits[0], A);
    CHECK_EQ(fm.set_gpa[1], 0x101AF0);
    CHECK_EQ(fm.set_len[1], 4);
    CHECK_EQ(fm.set_bits[1], A | D);
    CHECK_EQ(get32(&fm, 0x100C08), 0x101000 | PRU | A);
    CHECK_EQ(get32(&fm, 0x101AF0), 0xABCDE000 | PRU | A | D);
    /* again: nothing left to set */
    s = walk(&m, lin, WR);
    EXPECT_OK(s, 0xABCDE123, 0x1000);
    CHECK_EQ(fm.sets, 0);
    /* a read sets A only */
    put32(&fm, ent[1], 0xABCDE000 | PRU);
    put32(&fm, ent[2], 0x101000 | PRU);
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0xABCDE123, 0x1000);
    CHECK_EQ(get32(&fm, ent[1]), 0xABCDE000 | PRU | A);
    CHECK_EQ(get32(&fm, ent[2]), 0x101000 | PRU | A);
    /* CR4.PSE = 0: PS in a PDE is ignored, the PDE maps a page table */
    put32(&fm, ent[2], 0x101000 | PRU | PS);
    m.cr4 = 0;
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0xABCDE123, 0x1000);
    /* only 32 bits of CR3 and of the address count */
    m.cr3 = CR3 | 0xFFFFFFFF00000FFFull;
    s = walk(&m, lin | 0xFFFF00000000ull, 0);
    EXPECT_OK(s, 0xABCDE123, 0x1000);
    CHECK_EQ(r.linear, lin);
}

static void test_32bit_4m_pse36(void)
{
    xvcpu_x86_mode m = mode_32();
    xvcpu_x86_walk_config cfg;
    uint64_t ent[3], lin = 0x87654321; /* PDE 0x21D, offset 0x254321 */
    xvcpu_x86_walk_status s;
    memset(&cfg, 0, sizeof(cfg));
    fresh();
    build_32(lin, 2, 0xFFC00000u | PRU | PS | (0x5u << 13), 0, ent);
    CHECK_EQ(ent[2], 0x100874);
    cfg.maxphyaddr = 36;
    s = walk_cfg(&m, lin, WR, &cfg);
    EXPECT_OK(s, 0x5FFE54321ull, 0x400000);
    CHECK_EQ(fm.sets, 1);
    CHECK_EQ(fm.set_bits[0], A | D);
    CHECK_EQ(get32(&fm, ent[2]), 0xFFC00000u | PRU | PS | (0x5u << 13) | A | D);
    /* MAXPHYADDR 40 (and the default 52, limited to 40): bits 20:13 are address bits 39:32 */
    put32(&fm, ent[2], 0x00400000u | PRU | PS | (0xFFu << 13));
    cfg.maxphyaddr = 40;
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_OK(s, 0xFF00654321ull, 0x400000);
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0xFF00654321ull, 0x400000);
    /* ... and at MAXPHYADDR 36 bits 21:17 are reserved */
    cfg.maxphyaddr = 36;
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put32(&fm, ent[2], 0x00400000u | PRU | PS | (0xFu << 13)); /* 35:32 only: fine */
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_OK(s, 0xF00654321ull, 0x400000);
    /* bit 21 is reserved at any MAXPHYADDR */
    put32(&fm, ent[2], 0x00400000u | PRU | PS | (1u << 21));
    s = walk(&m, lin, WR);
    EXPECT_PF(s, EC_P | EC_RSVD | EC_W);
    CHECK_EQ(get32(&fm, ent[2]), 0x00400000u | PRU | PS | (1u << 21)); /* no A on a fault */
    /* MAXPHYADDR 32: no PSE-36 bits, 21:13 all reserved */
    put32(&fm, ent[2], 0x00400000u | PRU | PS | (1u << 13));
    cfg.maxphyaddr = 32;
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put32(&fm, ent[2], 0x00400000u | PRU | PS);
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_OK(s, 0x654321, 0x400000);
}

static void test_32bit_faults(void)
{
    xvcpu_x86_mode m = mode_32();
    uint64_t ent[3], lin = 0x00401ABC;
    xvcpu_x86_walk_status s;
    fresh();
    build_32(lin, 1, 0x00777000 | PRU, PRU, ent);
    /* not present at each level, user write */
    m.cpl = 3;
    put32(&fm, ent[2], 0x101000 | RW | US);
    s = walk(&m, lin, WR);
    EXPECT_PF(s, EC_W | EC_U);
    CHECK_EQ(fm.reads, 1);
    put32(&fm, ent[2], 0x101000 | PRU);
    put32(&fm, ent[1], 0x00777000 | RW | US);
    s = walk(&m, lin, WR);
    EXPECT_PF(s, EC_W | EC_U);
    CHECK_EQ(get32(&fm, ent[2]), 0x101000 | PRU); /* the PDE gets no A either */
    /* user write to a page read-only in the PDE only */
    put32(&fm, ent[1], 0x00777000 | PRU);
    put32(&fm, ent[2], 0x101000 | P | US);
    s = walk(&m, lin, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U);
    /* supervisor in the PTE only: user read faults */
    put32(&fm, ent[2], 0x101000 | PRU);
    put32(&fm, ent[1], 0x00777000 | P | RW);
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_U);
    /* no XD in 32-bit paging: fetch needs only U/S; I/D stays 0 even with EFER.NXE (no PAE) */
    m.efer = XVCPU_IA32_EFER_NXE;
    s = walk(&m, lin, FE);
    EXPECT_PF(s, EC_P | EC_U);
    m.cpl = 0;
    s = walk(&m, lin, FE);
    EXPECT_OK(s, 0x00777ABC, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_EXEC);
    /* SMEP in 32-bit paging: I/D is set */
    put32(&fm, ent[1], 0x00777000 | PRU);
    m.cr4 |= XVCPU_CR4_SMEP;
    s = walk(&m, lin, FE);
    EXPECT_PF(s, EC_P | EC_I);
    /* WP = 0: supervisor writes ignore R/W */
    put32(&fm, ent[1], 0x00777000 | P);
    s = walk(&m, lin, WR);
    EXPECT_PF(s, EC_P | EC_W);
    m.cr0 &= ~XVCPU_CR0_WP;
    s = walk(&m, lin, WR);
    EXPECT_OK(s, 0x00777ABC, 0x1000);
    CHECK_EQ(get32(&fm, ent[1]), 0x00777000 | P | A | D);
    /* a 32-bit PD outside RAM */
    m.cr3 = 0x80000000;
    s = walk(&m, lin, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_BAD_GPA);
    CHECK_EQ(r.bad_gpa, 0x80000004);
    CHECK_EQ(r.error_code, 0);
}

/* --- PAE paging ------------------------------------------------------------------------------- */

static void test_pae(void)
{
    xvcpu_x86_mode m = mode_pae();
    xvcpu_x86_walk_config cfg;
    uint64_t ent[4], lin = 0xC0ABC123, pdptes[4]; /* PDPTE 3, PDE 5, PTE 0xBC */
    xvcpu_x86_walk_status s;
    memset(&cfg, 0, sizeof(cfg));
    fresh();
    build_pae(lin, 1, 0x123456789000ull | PRU, PRU, ent);
    CHECK_EQ(ent[3], 0x100038);
    CHECK_EQ(ent[2], 0x101028);
    CHECK_EQ(ent[1], 0x1025E0);
    s = walk(&m, lin, WR);
    EXPECT_OK(s, 0x123456789123ull, 0x1000);
    CHECK_EQ(fm.reads, 3);
    CHECK_EQ(fm.read_gpa[0], 0x100038);
    CHECK_EQ(fm.read_len[0], 8);
    CHECK_EQ(fm.sets, 2); /* PDPTEs have no accessed flag */
    CHECK_EQ(fm.set_gpa[0], 0x101028);
    CHECK_EQ(fm.set_bits[0], A);
    CHECK_EQ(fm.set_gpa[1], 0x1025E0);
    CHECK_EQ(fm.set_len[1], 8);
    CHECK_EQ(fm.set_bits[1], A | D);
    CHECK_EQ(get64(&fm, ent[3]), 0x101000 | P);
    /* 2 MiB page */
    put64(&fm, ent[2], 0xFEDC00000ull | PRU | PS);
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0xFEDCBC123ull, 0x200000);
    CHECK_EQ(get64(&fm, ent[2]), 0xFEDC00000ull | PRU | PS | A);
    /* the PAT bit (12) of a 2 MiB page is no address bit; 20:13 are reserved */
    put64(&fm, ent[2], 0xFEDC00000ull | PRU | PS | 0x1000);
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0xFEDCBC123ull, 0x200000);
    put64(&fm, ent[2], 0xFEDC00000ull | PRU | PS | 0x100000);
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    /* PAE entries: 62:M reserved (unlike 4-level paging, where 62:52 are ignored) */
    put64(&fm, ent[2], 0x102000 | PRU | (1ull << 52));
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[2], 0x102000 | PRU);
    cfg.maxphyaddr = 44; /* the PTE's frame has bit 44 set */
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_PF(s, EC_P | EC_RSVD);
    /* XD without NXE: reserved; with NXE: no fetch, I/D set */
    put64(&fm, ent[1], 0x123456789000ull | PRU | XD);
    s = walk(&m, lin, FE);
    EXPECT_PF(s, EC_P | EC_I);
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0x123456789123ull, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_USER);
    m.efer = 0;
    s = walk(&m, lin, FE);
    EXPECT_PF(s, EC_P | EC_RSVD); /* no I/D: neither SMEP nor NXE */
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    m.efer = XVCPU_IA32_EFER_NXE;
    put64(&fm, ent[1], 0x123456789000ull | PRU);
    /* PDPTE: not present; reserved bits 2:1, 8:5, 63:M */
    put64(&fm, ent[3], 0x101000);
    s = walk(&m, lin, FE);
    EXPECT_PF(s, EC_I);
    put64(&fm, ent[3], 0x101000 | P | RW);
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[3], 0x101000 | P | A);
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[3], 0x101000 | P | XD);
    s = walk(&m, lin, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[3], 0x101000 | P | 0x18); /* PWT, PCD: allowed */
    s = walk(&m, lin, 0);
    EXPECT_OK(s, 0x123456789123ull, 0x1000);
    /* PDPTEs as the CPU loaded them: memory at CR3 is not read */
    put64(&fm, ent[3], 0); /* the guest changed memory after MOV CR3 */
    pdptes[0] = pdptes[1] = pdptes[2] = 0;
    pdptes[3] = 0x101000 | P;
    cfg.maxphyaddr = 0;
    cfg.pdptes = pdptes;
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_OK(s, 0x123456789123ull, 0x1000);
    CHECK_EQ(fm.reads, 2);
    CHECK_EQ(fm.read_gpa[0], 0x101028);
    s = walk_cfg(&m, 0x40000000, WR, &cfg);
    EXPECT_PF(s, EC_W);
    CHECK_EQ(fm.reads, 0);
    /* U/S and R/W combine over PDE and PTE */
    put64(&fm, ent[2], 0x102000 | P | US);
    m.cpl = 3;
    s = walk_cfg(&m, lin, WR, &cfg);
    EXPECT_PF(s, EC_P | EC_W | EC_U);
    put64(&fm, ent[2], 0x102000 | P | RW);
    s = walk_cfg(&m, lin, 0, &cfg);
    EXPECT_PF(s, EC_P | EC_U);
    /* protection keys do not exist in PAE paging */
    put64(&fm, ent[2], 0x102000 | PRU);
    put64(&fm, ent[1], 0x123456789000ull | PRU | (0x5ull << 59) | 0);
    m.cr4 |= XVCPU_CR4_PKE;
    m.pkru = 0xFFFFFFFF;
    s = walk_cfg(&m, lin, WR, &cfg);
    EXPECT_PF(s, EC_P | EC_W | EC_U | EC_RSVD); /* and 62:59 are reserved bits in PAE */
    put64(&fm, ent[1], 0x123456789000ull | PRU);
    s = walk_cfg(&m, lin, WR, &cfg);
    EXPECT_OK(s, 0x123456789123ull, 0x1000);
    CHECK_EQ(r.pkey, 0);
    /* PDPT outside RAM */
    m.cr3 = 0x40000000;
    s = walk(&m, lin, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_BAD_GPA);
    CHECK_EQ(r.bad_gpa, 0x40000018);
}

/* --- 4-level and 5-level paging --------------------------------------------------------------- */

#define LIN4 0x00007F1234567ABCull /* PML4 0xFE, PDPT 0x48, PD 0x1A2, PT 0x167 */

static void test_4level_sizes(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    uint64_t ent[6];
    xvcpu_x86_walk_status s;
    unsigned i;
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU, PRU, ent);
    CHECK_EQ(ent[4], 0x1007F0);
    CHECK_EQ(ent[3], 0x101240);
    CHECK_EQ(ent[2], 0x102D10);
    CHECK_EQ(ent[1], 0x103B38);
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(r.linear, LIN4);
    CHECK_EQ(fm.reads, 4);
    CHECK_EQ(fm.sets, 4);
    for (i = 0; i < 4; i++) {
        CHECK_EQ(fm.set_gpa[i], ent[4 - i]);
        CHECK_EQ(fm.set_len[i], 8);
        CHECK_EQ(fm.set_bits[i], i == 3 ? A | D : A);
    }
    CHECK_EQ(get64(&fm, ent[4]), 0x101000 | PRU | A);
    CHECK_EQ(get64(&fm, ent[3]), 0x102000 | PRU | A);
    CHECK_EQ(get64(&fm, ent[2]), 0x103000 | PRU | A);
    CHECK_EQ(get64(&fm, ent[1]), 0xABCDEF000ull | PRU | A | D);
    /* D already set, A missing in the PDPTE only */
    put64(&fm, ent[3], 0x102000 | PRU);
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(fm.sets, 1);
    CHECK_EQ(fm.set_gpa[0], ent[3]);
    CHECK_EQ(fm.set_bits[0], A);
    /* a fetch with WRITE also given is a fetch: no D */
    put64(&fm, ent[1], 0xABCDEF000ull | PRU | A);
    s = walk(&m, LIN4, FE | WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(fm.sets, 0);

    /* 2 MiB; PAT (bit 12) is not an address bit */
    fresh();
    build_ia32e(4, LIN4, 2, 0x123400000ull | PRU | PS | 0x1000, PRU, ent);
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0x123567ABCull, 0x200000);
    CHECK_EQ(fm.sets, 3);
    CHECK_EQ(fm.set_gpa[2], ent[2]);
    CHECK_EQ(fm.set_bits[2], A | D);
    CHECK_EQ(get64(&fm, ent[2]), 0x123400000ull | PRU | PS | 0x1000 | A | D);

    /* 1 GiB */
    fresh();
    build_ia32e(4, LIN4, 3, 0x3C0000000ull | PRU | PS | 0x1000, PRU, ent);
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0x3F4567ABCull, 0x40000000);
    CHECK_EQ(fm.sets, 2);
    CHECK_EQ(get64(&fm, ent[3]), 0x3C0000000ull | PRU | PS | 0x1000 | A);
    /* ... unless the CPU has no 1-GiB pages: then PS is reserved in a PDPTE */
    {
        xvcpu_x86_walk_config cfg;
        memset(&cfg, 0, sizeof(cfg));
        cfg.flags = XVCPU_X86_WALK_NO_1G_PAGES;
        s = walk_cfg(&m, LIN4, 0, &cfg);
        EXPECT_PF(s, EC_P | EC_RSVD);
    }
    /* the upper half of the address space */
    fresh();
    build_ia32e(4, 0xFFFF800000001000ull, 1, 0x5000 | P | RW, P | RW, ent);
    CHECK_EQ(ent[4], 0x100800);
    s = walk(&m, 0xFFFF800000001234ull, 0);
    EXPECT_OK(s, 0x5234, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_EXEC);
}

#define LIN5 0x00AB7F1234567ABCull /* PML5 0xAB, then as LIN4 */

static void test_5level(void)
{
    xvcpu_x86_mode m = mode_lm(true);
    uint64_t ent[6];
    xvcpu_x86_walk_status s;
    fresh();
    build_ia32e(5, LIN5, 1, 0xABCDEF000ull | PRU, PRU, ent);
    CHECK_EQ(ent[5], 0x100558);
    CHECK_EQ(ent[4], 0x1017F0);
    CHECK_EQ(ent[1], 0x104B38);
    s = walk(&m, LIN5, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(fm.reads, 5);
    CHECK_EQ(fm.sets, 5);
    CHECK_EQ(fm.set_gpa[0], ent[5]);
    CHECK_EQ(fm.set_bits[0], A);
    CHECK_EQ(fm.set_bits[4], A | D);
    fresh();
    build_ia32e(5, LIN5, 3, 0x7C0000000ull | PRU | PS, PRU, ent);
    s = walk(&m, LIN5, 0);
    EXPECT_OK(s, 0x7F4567ABCull, 0x40000000);
    fresh();
    build_ia32e(5, LIN5, 2, 0x7C0000000ull | PRU | PS, PRU, ent);
    s = walk(&m, LIN5, 0);
    EXPECT_OK(s, 0x7C0167ABCull, 0x200000);
    /* PS is reserved in a PML5E */
    put64(&fm, ent[5], get64(&fm, ent[5]) | PS);
    s = walk(&m, LIN5, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    /* not present in the PML5E */
    put64(&fm, ent[5], 0x101000 | RW | US);
    m.cpl = 3;
    s = walk(&m, LIN5, FE);
    EXPECT_PF(s, EC_U | EC_I);
    CHECK_EQ(fm.reads, 1);
}

/* Not present and reserved bits at each level of 4-level paging, with exact error codes. */
static void test_4level_np_rsvd(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    xvcpu_x86_walk_config cfg;
    uint64_t ent[6], good[6];
    xvcpu_x86_walk_status s;
    unsigned level;
    memset(&cfg, 0, sizeof(cfg));
    cfg.maxphyaddr = 46;
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU, PRU, ent);
    for (level = 1; level <= 4; level++)
        good[level] = get64(&fm, ent[level]);
    for (level = 1; level <= 4; level++) {
        unsigned l;
#define RESTORE()                                                                                       \
    for (l = 1; l <= 4; l++)                                                                            \
    put64(&fm, ent[l], good[l])
        /* not present: user write */
        RESTORE();
        m.cpl = 3;
        put64(&fm, ent[level], good[level] & ~P);
        s = walk_cfg(&m, LIN4, WR, &cfg);
        EXPECT_PF(s, EC_W | EC_U);
        CHECK_EQ(fm.reads, 5 - level); /* the walk stops at the entry */
        /* a reserved bit above MAXPHYADDR (46): supervisor read */
        m.cpl = 0;
        put64(&fm, ent[level], good[level] | (1ull << 46));
        s = walk_cfg(&m, LIN4, 0, &cfg);
        EXPECT_PF(s, EC_P | EC_RSVD);
        CHECK_EQ(fm.reads, 5 - level);
        /* ... bit 51 is reserved even with MAXPHYADDR 52 */
        put64(&fm, ent[level], good[level] | (1ull << 51));
        s = walk_cfg(&m, LIN4, 0, &cfg);
        EXPECT_PF(s, EC_P | EC_RSVD);
        /* XD is reserved without EFER.NXE: supervisor fetch, no I/D (no SMEP, no NXE) */
        m.efer &= ~XVCPU_IA32_EFER_NXE;
        put64(&fm, ent[level], good[level] | XD);
        s = walk_cfg(&m, LIN4, FE, &cfg);
        EXPECT_PF(s, EC_P | EC_RSVD);
        m.efer |= XVCPU_IA32_EFER_NXE;
        for (l = 1; l <= 4; l++) /* the faulting walks set no flag anywhere */
            CHECK_EQ(get64(&fm, ent[l]), l == level ? good[l] | XD : good[l]);
        /* the default MAXPHYADDR is 52: bit 51 is an address bit */
        put64(&fm, ent[level], good[level] | (1ull << 51));
        s = walk(&m, LIN4, 0);
        CHECK_EQ(s, level == 1 ? XVCPU_X86_WALK_OK : XVCPU_X86_WALK_BAD_GPA);
        if (level == 1)
            CHECK_EQ(r.gpa, 0x8000ABCDEFABCull);
        /* bits 62:52 are ignored */
        RESTORE();
        put64(&fm, ent[level], good[level] | (0x7FFull << 52));
        s = walk_cfg(&m, LIN4, 0, &cfg);
        EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
        CHECK_EQ(get64(&fm, ent[level]), good[level] | (0x7FFull << 52) | A);
#undef RESTORE
    }
    for (level = 1; level <= 4; level++)
        put64(&fm, ent[level], good[level]);
    /* PS reserved in the PML4E */
    put64(&fm, ent[4], good[4] | PS);
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[4], good[4]);
    /* a 1 GiB page's bits 29:13 and a 2 MiB page's bits 20:13 are reserved */
    put64(&fm, ent[3], 0x40000000ull | PRU | PS | (1ull << 29));
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_RSVD | EC_W);
    put64(&fm, ent[3], 0x40000000ull | PRU | PS | (1ull << 13));
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_RSVD | EC_W);
    put64(&fm, ent[3], good[3]);
    put64(&fm, ent[2], 0x40000000ull | PRU | PS | (1ull << 20));
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[2], 0x40000000ull | PRU | PS | (1ull << 13));
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_RSVD);
    put64(&fm, ent[2], 0x40200000ull | PRU | PS); /* 2 MiB-aligned frame: fine */
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0x40367ABCull, 0x200000);
    /* a reserved bit in a not-present entry does not matter: the fault is "not present" */
    put64(&fm, ent[2], (1ull << 51) | PS | RW | US);
    s = walk_cfg(&m, LIN4, 0, &cfg);
    EXPECT_PF(s, 0);
    /* not present below a reserved bit: the upper entry's reserved bit wins */
    put64(&fm, ent[3], good[3] | (1ull << 50));
    s = walk_cfg(&m, LIN4, 0, &cfg);
    EXPECT_PF(s, EC_P | EC_RSVD);
    /* CR3's bits above MAXPHYADDR and its flag bits are not part of the table address */
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU, PRU, ent);
    m.cr3 = CR3 | (1ull << 63) | (1ull << 62) | 0xFFF;
    s = walk_cfg(&m, LIN4, 0, &cfg);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(fm.read_gpa[0], ent[4]);
}

/* R/W, U/S, CR0.WP, XD/NXE, SMEP, SMAP. */
static void test_4level_rights(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    uint64_t ent[6], leaf;
    xvcpu_x86_walk_status s;
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU, PRU, ent);

    /* read-only in the PML4E only */
    put64(&fm, ent[4], 0x101000 | P | US);
    s = walk(&m, LIN4, WR); /* supervisor, WP = 1 */
    EXPECT_PF(s, EC_P | EC_W);
    m.cpl = 3;
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U);
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_EXEC);
    m.cr0 &= ~XVCPU_CR0_WP;
    s = walk(&m, LIN4, WR); /* WP does not help user writes */
    EXPECT_PF(s, EC_P | EC_W | EC_U);
    m.cpl = 0;
    s = walk(&m, LIN4, WR); /* supervisor write with WP = 0: allowed, D set */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(get64(&fm, ent[1]), 0xABCDEF000ull | PRU | A | D);
    m.cr0 |= XVCPU_CR0_WP;
    put64(&fm, ent[4], 0x101000 | PRU);

    /* supervisor page (U/S = 0 in the PD only) */
    put64(&fm, ent[2], 0x103000 | P | RW);
    m.cpl = 3;
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_U);
    s = walk(&m, LIN4, FE);
    EXPECT_PF(s, EC_P | EC_U | EC_I);
    /* implicit accesses at CPL 3 are supervisor accesses */
    s = walk(&m, LIN4, IM | WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.cpl = 0;
    put64(&fm, ent[2], 0x103000 | PRU);

    /* NX: XD in the PDPTE */
    put64(&fm, ent[3], 0x102000 | PRU | XD);
    s = walk(&m, LIN4, FE);
    EXPECT_PF(s, EC_P | EC_I);
    m.cpl = 3;
    s = walk(&m, LIN4, FE);
    EXPECT_PF(s, EC_P | EC_U | EC_I);
    s = walk(&m, LIN4, WR); /* data access to an XD page: fine */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(r.perms, XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_WRITE);
    m.cpl = 0;
    put64(&fm, ent[3], 0x102000 | PRU);

    /* SMEP: supervisor fetch from a user page; fine without SMEP */
    s = walk(&m, LIN4, FE);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.cr4 |= XVCPU_CR4_SMEP;
    s = walk(&m, LIN4, FE);
    EXPECT_PF(s, EC_P | EC_I);
    m.efer &= ~XVCPU_IA32_EFER_NXE; /* I/D comes from SMEP alone */
    s = walk(&m, LIN4, FE);
    EXPECT_PF(s, EC_P | EC_I);
    s = walk(&m, LIN4, 0); /* SMEP is about fetches only */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.efer |= XVCPU_IA32_EFER_NXE;
    m.cr4 &= ~XVCPU_CR4_SMEP;

    /* SMAP: supervisor data access to a user page */
    m.cr4 |= XVCPU_CR4_SMAP;
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P);
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W);
    m.rflags |= XVCPU_RFLAGS_AC; /* explicit accesses with AC = 1: allowed */
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    s = walk(&m, LIN4, IM); /* implicit accesses: AC does not help */
    EXPECT_PF(s, EC_P);
    s = walk(&m, LIN4, IM | WR);
    EXPECT_PF(s, EC_P | EC_W);
    m.cpl = 3; /* implicit at CPL 3: supervisor access, U/S = 0 in the error code */
    s = walk(&m, LIN4, IM);
    EXPECT_PF(s, EC_P);
    s = walk(&m, LIN4, 0); /* user accesses are not SMAP's business */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.cpl = 0;
    m.rflags &= ~XVCPU_RFLAGS_AC;
    s = walk(&m, LIN4, FE); /* SMAP is not about fetches */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    /* SMAP with a read-only user page and AC = 1: WP decides the write */
    m.rflags |= XVCPU_RFLAGS_AC;
    leaf = 0xABCDEF000ull | P | US;
    put64(&fm, ent[1], leaf);
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W);
    m.cr0 &= ~XVCPU_CR0_WP;
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    /* supervisor pages are never SMAP-checked */
    m.rflags &= ~XVCPU_RFLAGS_AC;
    put64(&fm, ent[1], 0xABCDEF000ull | P | RW);
    s = walk(&m, LIN4, IM | WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
}

/* Protection keys: PKRU.AD / WD for the key in the leaf's bits 62:59. */
static void test_pku(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    uint64_t ent[6];
    xvcpu_x86_walk_status s;
    const uint32_t ad5 = 1u << 10, wd5 = 1u << 11;
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU | (5ull << 59), PRU, ent);
    m.cr4 |= XVCPU_CR4_PKE;
    m.cpl = 3;
    m.pkru = ~(ad5 | wd5); /* every other key denies everything */
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(r.pkey, 5);
    m.pkru = ad5;
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_U | EC_PK);
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U | EC_PK);
    s = walk(&m, LIN4, FE); /* keys do not apply to fetches */
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.pkru = wd5;
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U | EC_PK);
    m.cr0 &= ~XVCPU_CR0_WP; /* WD binds user writes whatever WP */
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U | EC_PK);
    /* supervisor accesses to user pages: AD always, WD only with WP = 1 */
    m.cpl = 0;
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    m.cr0 |= XVCPU_CR0_WP;
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_PK);
    m.pkru = ad5;
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_PK);
    s = walk(&m, LIN4, IM);
    EXPECT_PF(s, EC_P | EC_PK);
    /* PK is reported alongside another violation: user write to a read-only page */
    m.cpl = 3;
    put64(&fm, ent[1], 0xABCDEF000ull | P | US | (5ull << 59));
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U | EC_PK);
    m.pkru = 0;
    s = walk(&m, LIN4, WR);
    EXPECT_PF(s, EC_P | EC_W | EC_U);
    /* supervisor pages ignore PKRU (PKS is not modelled) */
    m.pkru = 0xFFFFFFFF;
    m.cpl = 0;
    put64(&fm, ent[1], 0xABCDEF000ull | P | RW | (5ull << 59));
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    CHECK_EQ(r.pkey, 5);
    /* CR4.PKE = 0: no keys */
    m.cr4 &= ~XVCPU_CR4_PKE;
    m.cpl = 3;
    put64(&fm, ent[1], 0xABCDEF000ull | PRU | (5ull << 59));
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xABCDEFABCull, 0x1000);
    /* the key of a 1 GiB leaf */
    m.cr4 |= XVCPU_CR4_PKE;
    m.pkru = 3u << 30; /* key 15 */
    put64(&fm, ent[3], 0x40000000ull | PRU | PS | (15ull << 59));
    s = walk(&m, LIN4, 0);
    EXPECT_PF(s, EC_P | EC_U | EC_PK);
    m.pkru = 0;
    s = walk(&m, LIN4, 0);
    EXPECT_OK(s, 0x74567ABCull, 0x40000000);
    CHECK_EQ(r.pkey, 15);
}

/* Canonical addresses, 32-bit truncation in compatibility mode. */
static void test_canonical(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    uint64_t ent[6];
    xvcpu_x86_walk_status s;
    fresh();
    s = walk(&m, 0x0000800000000000ull, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    CHECK_EQ(r.linear, 0x0000800000000000ull);
    CHECK_EQ(r.error_code, 0);
    CHECK_EQ(fm.reads, 0);
    s = walk(&m, 0xFFFF7FFFFFFFFFFFull, WR);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    s = walk(&m, 0x8000000000000000ull, FE);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    s = walk(&m, 0x00007FFFFFFFFFFFull, 0); /* canonical: walks (and finds nothing) */
    EXPECT_PF(s, 0);
    s = walk(&m, 0xFFFF800000000000ull, 0);
    EXPECT_PF(s, 0);
    /* 57 bits with LA57 */
    m = mode_lm(true);
    s = walk(&m, 0x0000800000000000ull, 0);
    EXPECT_PF(s, 0);
    s = walk(&m, 0x00FFFFFFFFFFFFFFull, 0);
    EXPECT_PF(s, 0);
    s = walk(&m, 0x0100000000000000ull, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    s = walk(&m, 0xFE00000000000000ull, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    s = walk(&m, 0xFF80000000000000ull, 0);
    EXPECT_PF(s, 0);
    /* compatibility mode: 32-bit addresses; implicit accesses keep 64 bits */
    m = mode_lm(false);
    m.code_bytes = 4;
    build_ia32e(4, 0x40001000, 1, 0x9000 | PRU, PRU, ent);
    s = walk(&m, 0x1240001234ull, 0);
    EXPECT_OK(s, 0x9234, 0x1000);
    CHECK_EQ(r.linear, 0x40001234);
    s = walk(&m, 0x0000800040001234ull, IM);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    s = walk(&m, 0x1240001234ull, IM);
    EXPECT_PF(s, 0);
    CHECK_EQ(r.linear, 0x1240001234ull);
    m.code_bytes = 2;
    s = walk(&m, 0xFFFFFFFF40001234ull, 0);
    EXPECT_OK(s, 0x9234, 0x1000);
    /* code_bytes 0 (not given) is 64-bit mode */
    m.code_bytes = 0;
    s = walk(&m, 0x0000800040001234ull, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_GP);
    /* PAE and 32-bit paging truncate */
    m = mode_pae();
    s = walk(&m, 0x123456789ull, 0);
    EXPECT_PF(s, 0);
    CHECK_EQ(r.linear, 0x23456789);
    CHECK_EQ(fm.read_gpa[0], PAE_CR3);
}

/* Tables outside RAM, and A/D updates the memory refuses. */
static void test_bad_gpa(void)
{
    xvcpu_x86_mode m = mode_lm(false);
    uint64_t ent[6];
    xvcpu_x86_walk_status s;
    fresh();
    build_ia32e(4, LIN4, 1, 0xABCDEF000ull | PRU, PRU, ent);
    put64(&fm, ent[3], 0x100000000ull | PRU); /* the PD is beyond RAM */
    s = walk(&m, LIN4, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_BAD_GPA);
    CHECK_EQ(r.bad_gpa, 0x100000D10ull);
    CHECK_EQ(r.gpa, 0);
    CHECK_EQ(r.error_code, 0);
    CHECK_EQ(fm.sets, 0);
    m.cr3 = 0x7FFFF000;
    s = walk(&m, LIN4, 0);
    CHECK_EQ(s, XVCPU_X86_WALK_BAD_GPA);
    CHECK_EQ(r.bad_gpa, 0x7FFFF7F0);
    /* the leaf is readable but refuses its A flag */
    m.cr3 = CR3;
    put64(&fm, ent[3], 0x102000 | PRU);
    fm.set_fail_gpa = ent[1];
    s = walk(&m, LIN4, WR);
    CHECK_EQ(s, XVCPU_X86_WALK_BAD_GPA);
    CHECK_EQ(r.bad_gpa, ent[1]);
    CHECK_EQ(r.gpa, 0);
    CHECK_EQ(r.page_size, 0);
    fm.set_fail_gpa = ~0ull;
    /* the final address is not checked: MMIO is the point */
    put64(&fm, ent[1], 0xFEE00000ull | PRU);
    s = walk(&m, LIN4, WR);
    EXPECT_OK(s, 0xFEE00ABCull, 0x1000);
}

int main(void)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } tests[] = {
        {"paging_off", test_paging_off},
        {"32bit_4k", test_32bit_4k},
        {"32bit_4m_pse36", test_32bit_4m_pse36},
        {"32bit_faults", test_32bit_faults},
        {"pae", test_pae},
        {"4level_sizes", test_4level_sizes},
        {"5level", test_5level},
        {"4level_np_rsvd", test_4level_np_rsvd},
        {"4level_rights", test_4level_rights},
        {"pku", test_pku},
        {"canonical", test_canonical},
        {"bad_gpa", test_bad_gpa},
    };
    unsigned i, failed_tests = 0;
    fake_mem_init(&fm, RAM_SIZE);
    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        int before = failures;
        tests[i].fn();
        if (failures != before) {
            printf("FAIL walk %s\n", tests[i].name);
            failed_tests++;
        }
    }
    printf("walk unit: %u tests, %d checks\n", (unsigned)(sizeof(tests) / sizeof(tests[0])), checks);
    printf("walk unit: %d passed, %d failed\n", checks - failures, failures);
    free(fm.ram);
    return failures == 0 ? 0 : 1;
}
