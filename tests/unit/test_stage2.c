/* The stage-2 builder: exact entry values for EPT and NPT, page-size choice, splits, all-or-nothing
 * failures, freeing. Expected values are written out from the manuals, not from the generated
 * constants, so a wrong spec entry shows up here. The mock HAL's "physical" addresses are host
 * pointers, so raw tables are read directly. */
#include "mock.h"
#include "check.h"

#define S2_ALL (XVCPU_PAGE_4K | XVCPU_PAGE_2M | XVCPU_PAGE_1G)
#define S2_RWX (XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC)
#define S2_RW (XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE)
#define S2_ADDR 0x000FFFFFFFFFF000ull /* bits 51:12 */
#define S2_EPT_WB (6ull << 3)         /* EPT memory type, bits 5:3 */
#define S2_EPT_LARGE (1ull << 7)
#define S2_NPT_XD (1ull << 63)

static xvcpu_stage2 s2;

/* The raw entry for `gpa` at `level` (3 = PML4 ... 0 = PT). */
static uint64_t s2_raw(int level, uint64_t gpa)
{
    const uint64_t *t = (const uint64_t *)s2.root;
    int l;
    for (l = 3; l > level; l--)
        t = (const uint64_t *)(uintptr_t)(t[(gpa >> (12 + 9 * l)) & 511] & S2_ADDR);
    return t[(gpa >> (12 + 9 * level)) & 511];
}

/* translate, returning the host address, or ~0 when unmapped (checking the error code). */
static uint64_t s2_hpa(uint64_t gpa, uint64_t *size, uint32_t *perms)
{
    uint64_t hpa = 0;
    xvcpu_err err = xvcpu_stage2_translate(&s2, gpa, &hpa, perms, size);
    if (err == XVCPU_ERR_NOT_MAPPED)
        return ~0ull;
    CHECK_EQ(err, XVCPU_OK);
    return hpa;
}

/* An allocator that gives `allocs_left` pages and then fails, to fail in the middle of a call. */
static int allocs_left;
static void *limited_alloc(void *ctx, size_t count, uint64_t *phys)
{
    if (allocs_left <= 0)
        return NULL;
    allocs_left--;
    return mock_hal.alloc_pages(ctx, count, phys);
}
static xvcpu_hal limited_hal;

static void s2_fresh(xvcpu_stage2_format format, uint32_t sizes)
{
    mock_reset();
    limited_hal = mock_hal;
    limited_hal.alloc_pages = limited_alloc;
    allocs_left = 1 << 30;
    CHECK_EQ(xvcpu_stage2_init(&s2, &limited_hal, format, sizes, false), XVCPU_OK);
}

static void s2_done(void)
{
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(mock.pages_outstanding, 0);
}

static void test_stage2_init_and_eptp(void)
{
    uint64_t root;
    mock_reset();
    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_EPT, XVCPU_PAGE_4K, false), XVCPU_OK);
    root = s2.root_phys;
    CHECK_EQ(mock.pages_outstanding, 1);
    CHECK_EQ(s2.table_pages, 1);
    CHECK_EQ(root & 0xFFF, 0);
    CHECK_EQ(xvcpu_stage2_eptp(&s2), root | 0x1E); /* WB (6) | walk length 4 - 1 (3 << 3) */
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(mock.pages_outstanding, 0);
    CHECK_EQ(xvcpu_stage2_eptp(&s2), 0);

    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_EPT, S2_ALL, true), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_eptp(&s2), s2.root_phys | 0x5E); /* and A/D enable, bit 6 */
    xvcpu_stage2_destroy(&s2);

    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_NPT, S2_ALL, true), XVCPU_OK);
    CHECK(!s2.accessed_dirty);
    CHECK_EQ(xvcpu_stage2_eptp(&s2), s2.root_phys); /* nCR3 */
    xvcpu_stage2_destroy(&s2);
    CHECK_EQ(mock.pages_outstanding, 0);

    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_EPT, XVCPU_PAGE_2M, false), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_init: page sizes 0x2 must include 4K and only 4K, 2M, 1G");
    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_EPT, 0x9, false), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, (xvcpu_stage2_format)7, S2_ALL, false), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_init: format 7 is not EPT, NPT or ARM64");
    mock.fail_alloc = true;
    CHECK_EQ(xvcpu_stage2_init(&s2, &mock_hal, XVCPU_STAGE2_EPT, S2_ALL, false), XVCPU_ERR_NO_MEMORY);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_init: no memory for the root table");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0, 0, 0x1000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG); /* not initialised */
    CHECK_EQ(mock.pages_outstanding, 0);
}

static void test_stage2_ept_page_sizes(void)
{
    uint64_t size = 0;
    uint32_t perms = 0;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    /* 1G: RWX WB */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x40000000, 0x80000000, 0x40000000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x40123456, &size, &perms), 0x80123456);
    CHECK_EQ(size, 0x40000000);
    CHECK_EQ(perms, S2_RWX);
    CHECK_EQ(s2_raw(2, 0x40000000), 0x80000000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    CHECK_EQ(s2_raw(3, 0x40000000), (s2_raw(3, 0) & S2_ADDR) | 0x7); /* non-leaf: R|W|X only */
    CHECK_EQ(s2.table_pages, 2);
    /* 2M: read-only UC */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x600000, 0x200000, XVCPU_ACCESS_READ, 0), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x3FFFFF, &size, &perms), 0x7FFFFF);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(perms, XVCPU_ACCESS_READ);
    CHECK_EQ(s2_raw(1, 0x200000), 0x600000 | 0x1 | S2_EPT_LARGE);
    CHECK_EQ(s2_raw(2, 0), (s2_raw(2, 0) & S2_ADDR) | 0x7);
    /* 4K: RW WT; execute-only WC; WP */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x5000, 0x1000, S2_RW, 4), XVCPU_OK);
    /* execute-only only where the CPU has it (IA32_VMX_EPT_VPID_CAP bit 0) */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x2000, 0x7000, 0x1000, XVCPU_ACCESS_EXEC, 1), XVCPU_ERR_INVALID_ARG);
    CHECK(strstr(xvcpu_stage2_last_error(&s2), "execute-only is not supported") != NULL);
    s2.execute_only = true;
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x2000, 0x7000, 0x1000, XVCPU_ACCESS_EXEC, 1), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x3000, 0x9000, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC, 5), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x1ABC, &size, &perms), 0x5ABC);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(perms, S2_RW);
    CHECK_EQ(s2_raw(0, 0x1000), 0x5000 | 0x3 | (4ull << 3));
    CHECK_EQ(s2_raw(0, 0x2000), 0x7000 | 0x4 | (1ull << 3));
    CHECK_EQ(s2_raw(0, 0x3000), 0x9000 | 0x5 | (5ull << 3));
    CHECK_EQ(s2_raw(1, 0), (s2_raw(1, 0) & S2_ADDR) | 0x7);
    CHECK_EQ(s2_hpa(0, NULL, NULL), ~0ull);
    CHECK_EQ(s2_hpa(0x4000, NULL, NULL), ~0ull);
    CHECK_EQ(s2.table_pages, 4); /* PML4, PDPT, PD, PT */
    CHECK_EQ(s2.generation, 0);
    s2_done();
}

static void test_stage2_unaligned_ranges(void)
{
    uint64_t size = 0;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    /* 4K + 2M + 4K around a 2M boundary */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1FF000, 0x31FF000, 0x202000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x1FF000, &size, NULL), 0x31FF000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_hpa(0x200000, &size, NULL), 0x3200000);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(s2_hpa(0x400000, &size, NULL), 0x3400000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_hpa(0x401000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_hpa(0x1FE000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_raw(1, 0x200000), 0x3200000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    /* 2M + 4K from an aligned start */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x800000, 0x1000000, 0x201000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x800000, &size, NULL), 0x1000000);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(s2_hpa(0xA00000, &size, NULL), 0x1200000);
    CHECK_EQ(size, 0x1000);
    /* gpa 2M-aligned but hpa not: 4K pages only */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x40000000, 0x301000, 0x200000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x401FF000, &size, NULL), 0x500000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_raw(1, 0x40000000) & S2_EPT_LARGE, 0);
    s2_done();
}

static void test_stage2_page_sizes_respected(void)
{
    uint64_t size = 0;
    s2_fresh(XVCPU_STAGE2_EPT, XVCPU_PAGE_4K | XVCPU_PAGE_2M); /* no 1G */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x40000000, 0x40000000, 0x40000000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x7FFFF000, &size, NULL), 0x7FFFF000);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(s2_raw(2, 0x40000000) & S2_EPT_LARGE, 0);
    CHECK_EQ(s2_raw(1, 0x7FE00000), 0x7FE00000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    CHECK_EQ(s2.table_pages, 3);
    s2_done();

    s2_fresh(XVCPU_STAGE2_EPT, XVCPU_PAGE_4K); /* 4K only */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x200000, 0x200000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2_hpa(0x3FF000, &size, NULL), 0x3FF000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2.table_pages, 4);
    s2_done();
}

static void test_stage2_argument_checks(void)
{
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x1000: size is 0");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1800, 0x2000, 0x1000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x1800 size 0x1000 is not 4 KiB aligned");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0xFFFFFFFFF000, 0x2000, 0x2000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_map: gpa 0xfffffffff000 size 0x2000 goes beyond the 48-bit guest-physical space");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0xFFFFFFFFF000, 0x2000, 0x1000, S2_RWX, 6), XVCPU_OK); /* the last page */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0xFFFFFFFFFF000, 0x2000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: hpa 0xffffffffff000 size 0x2000 is not 4 KiB "
                                            "aligned or goes beyond 52-bit physical addresses");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2800, 0x1000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0x1000, XVCPU_ACCESS_WRITE, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x1000: permissions 0x2: write without read");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0x1000, 0, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0x1000, 8, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0x1000, S2_RWX, 2), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x1000: memory type 2 is not UC, WC, WT, WP or WB");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x2000, 0x1000, S2_RWX, 7), XVCPU_ERR_INVALID_ARG); /* UC- */
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x1000, 0x800), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0xFFFFFFFFF000, 0x1000, XVCPU_ACCESS_WRITE), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_protect: gpa 0xfffffffff000: permissions 0x2: write without read");
    CHECK_EQ(xvcpu_stage2_translate(&s2, 1ull << 48, NULL, NULL, NULL), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_translate(&s2, 0xFFFFFFFFFFFF, NULL, NULL, NULL), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 4); /* only the last page's tables */
    s2_done();
}

static void test_stage2_overlap_refused(void)
{
    size_t pages;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x200000, 0x200000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x600000, 0x600000, 0x1000, S2_RWX, 6), XVCPU_OK);
    pages = s2.table_pages;
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x3FF000, 0x10000000, 0x2000, S2_RWX, 6), XVCPU_ERR_ALREADY_MAPPED);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_map: gpa 0x3ff000 size 0x2000 overlaps an existing mapping at 0x3ff000");
    CHECK_EQ(s2_hpa(0x400000, NULL, NULL), ~0ull); /* the free part was not mapped either */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x0, 0x10000000, 0x800000, S2_RWX, 6), XVCPU_ERR_ALREADY_MAPPED);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_map: gpa 0x0 size 0x800000 overlaps an existing mapping at 0x200000");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x201000, 0x10000000, 0x1000, S2_RWX, 6), XVCPU_ERR_ALREADY_MAPPED);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x400000, 0x10000000, 0x400000, S2_RWX, 6), XVCPU_ERR_ALREADY_MAPPED);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_map: gpa 0x400000 size 0x400000 overlaps an existing mapping at 0x600000");
    CHECK_EQ(s2.table_pages, pages);
    CHECK_EQ(s2_raw(1, 0x200000), 0x200000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    CHECK_EQ(s2_hpa(0x0, NULL, NULL), ~0ull);
    CHECK_EQ(s2_hpa(0x600000, NULL, NULL), 0x600000);
    CHECK_EQ(s2_hpa(0x601000, NULL, NULL), ~0ull);
    s2_done();
}

static void test_stage2_unmap_splits(void)
{
    uint64_t size = 0, gen;
    unsigned i;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x800000, 0x200000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 3);
    gen = s2.generation;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x201000, 0x1000), XVCPU_OK);
    CHECK_EQ(s2.generation, gen + 1);
    CHECK_EQ(s2.table_pages, 4);
    CHECK_EQ(s2_raw(1, 0x200000), (s2_raw(1, 0x200000) & S2_ADDR) | 0x7); /* now a table */
    CHECK_EQ(s2_hpa(0x200000, &size, NULL), 0x800000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_hpa(0x201000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_raw(0, 0x201000), 0);
    for (i = 2; i < 512; i++)
        CHECK_EQ(s2_raw(0, 0x200000 + i * 0x1000ull), (0x800000 + i * 0x1000ull) | 0x7 | S2_EPT_WB);
    CHECK_EQ(s2_raw(0, 0x200000), 0x800000 | 0x7 | S2_EPT_WB);
    /* unmapping the rest frees the PT, then the PD and PDPT */
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x200000, 0x1000), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x202000, 0x1FE000), XVCPU_OK);
    CHECK_EQ(s2.generation, gen + 3);
    CHECK_EQ(s2.table_pages, 1);
    CHECK_EQ(mock.pages_outstanding, 1);
    CHECK_EQ(s2_raw(3, 0), 0);

    /* 1G split twice; both ends in one 2M page need two tables */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0, 0x40000000, 0x40000000, S2_RWX, 6), XVCPU_OK);
    allocs_left = 2;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x1000, 0x1000), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 4);
    CHECK_EQ(s2_hpa(0x0, &size, NULL), 0x40000000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_hpa(0x2000, &size, NULL), 0x40002000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(s2_hpa(0x200000, &size, NULL), 0x40200000);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(s2_raw(1, 0x3FE00000), 0x7FE00000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    /* across a 2M boundary inside the 1G page's other 2M pages: two more PTs */
    allocs_left = 2;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x3FF000, 0x2000), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 6);
    CHECK_EQ(s2_hpa(0x3FE000, NULL, NULL), 0x403FE000);
    CHECK_EQ(s2_hpa(0x3FF000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_hpa(0x400000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_hpa(0x401000, &size, NULL), 0x40401000);
    CHECK_EQ(size, 0x1000);
    /* a whole 2M page inside: no split */
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x800000, 0x200000), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 6);
    CHECK_EQ(s2_raw(1, 0x800000), 0);
    s2_done();
}

static void test_stage2_protect(void)
{
    uint64_t size = 0, gen;
    uint32_t perms = 0;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x800000, 0x200000, S2_RWX, 6), XVCPU_OK);
    gen = s2.generation;
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x3FF000, 0x1000, XVCPU_ACCESS_READ), XVCPU_OK);
    CHECK_EQ(s2.generation, gen + 1);
    CHECK_EQ(s2.table_pages, 4);
    CHECK_EQ(s2_hpa(0x3FF000, &size, &perms), 0x9FF000);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(perms, XVCPU_ACCESS_READ);
    CHECK_EQ(s2_raw(0, 0x3FF000), 0x9FF000 | 0x1 | S2_EPT_WB);
    CHECK_EQ(s2_hpa(0x3FE000, &size, &perms), 0x9FE000);
    CHECK_EQ(perms, S2_RWX);
    CHECK_EQ(s2_raw(0, 0x3FE000), 0x9FE000 | 0x7 | S2_EPT_WB);
    /* only gaining permissions: no flush needed */
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x3FF000, 0x1000, S2_RW), XVCPU_OK);
    CHECK_EQ(s2.generation, gen + 1);
    CHECK_EQ(s2_raw(0, 0x3FF000), 0x9FF000 | 0x3 | S2_EPT_WB);
    /* a whole large page: no split, memory type kept */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x600000, 0xC00000, 0x200000, S2_RWX, 0), XVCPU_OK);
    s2.execute_only = true;
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x600000, 0x200000, XVCPU_ACCESS_EXEC), XVCPU_OK);
    CHECK_EQ(s2.generation, gen + 2);
    CHECK_EQ(s2.table_pages, 4);
    CHECK_EQ(s2_raw(1, 0x600000), 0xC00000 | 0x4 | S2_EPT_LARGE);
    CHECK_EQ(s2_hpa(0x6FF123, &size, &perms), 0xCFF123);
    CHECK_EQ(size, 0x200000);
    CHECK_EQ(perms, XVCPU_ACCESS_EXEC);
    s2_done();
}

static void test_stage2_partly_unmapped_refused(void)
{
    size_t pages;
    uint64_t gen;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x200000, 0x200000, S2_RWX, 6), XVCPU_OK);
    pages = s2.table_pages;
    gen = s2.generation;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x3FF000, 0x2000), XVCPU_ERR_NOT_MAPPED);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_unmap: gpa 0x3ff000 size 0x2000 is not entirely mapped: nothing at 0x400000");
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x1FF000, 0x2000, XVCPU_ACCESS_READ), XVCPU_ERR_NOT_MAPPED);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_protect: gpa 0x1ff000 size 0x2000 is not entirely mapped: nothing at 0x1ff000");
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x40000000, 0x1000), XVCPU_ERR_NOT_MAPPED);
    CHECK_EQ(xvcpu_stage2_translate(&s2, 0x40000000, NULL, NULL, NULL), XVCPU_ERR_NOT_MAPPED);
    CHECK_EQ(s2.table_pages, pages);
    CHECK_EQ(s2.generation, gen);
    CHECK_EQ(s2_raw(1, 0x200000), 0x200000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    s2_done();
}

static void test_stage2_allocation_failure(void)
{
    long outstanding;
    size_t pages;
    s2_fresh(XVCPU_STAGE2_EPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x80000000, 0x80000000, 0x1000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 4);
    /* crossing a 1G boundary in 4K pages needs PD+PT on each side: fail at the 3rd of 4 */
    allocs_left = 2;
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x3FFFF000, 0x1000, 0x2000, S2_RWX, 6), XVCPU_ERR_NO_MEMORY);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_map: gpa 0x3ffff000 size 0x2000: no memory for a page table at 0x40000000; nothing mapped");
    CHECK_EQ(s2.table_pages, 4);
    CHECK_EQ(mock.pages_outstanding, 4);
    CHECK_EQ(s2_hpa(0x3FFFF000, NULL, NULL), ~0ull);
    CHECK_EQ(s2_raw(2, 0), 0);
    CHECK_EQ(s2_raw(2, 0x40000000), 0);
    CHECK_EQ(s2_hpa(0x80000000, NULL, NULL), 0x80000000);
    allocs_left = 4;
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x3FFFF000, 0x1000, 0x2000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(s2.table_pages, 8);

    /* split on unmap / protect: nothing changes when the tables cannot all be had */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x100000000, 0x100000000, 0x40000000, S2_RWX, 6), XVCPU_OK);
    outstanding = mock.pages_outstanding;
    pages = s2.table_pages;
    mock.fail_alloc = true;
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x100201000, 0x1000), XVCPU_ERR_NO_MEMORY);
    CHECK_STR(xvcpu_stage2_last_error(&s2),
              "xvcpu_stage2_unmap: gpa 0x100201000 size 0x1000: no memory for the 2 table(s) that split large pages");
    mock.fail_alloc = false;
    allocs_left = 1;
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x100201000, 0x1000, XVCPU_ACCESS_READ), XVCPU_ERR_NO_MEMORY);
    CHECK_EQ(mock.pages_outstanding, outstanding);
    CHECK_EQ(s2.table_pages, pages);
    CHECK_EQ(s2_raw(2, 0x100000000), 0x100000000 | 0x7 | S2_EPT_WB | S2_EPT_LARGE);
    CHECK_EQ(s2.generation, 0);
    s2_done();
}

static void test_stage2_destroy_frees_everything(void)
{
    s2_fresh(XVCPU_STAGE2_NPT, S2_ALL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1FF000, 0x1FF000, 0x40202000, S2_RWX, 6), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x8000000000, 0x1000, 0x1000, XVCPU_ACCESS_READ, 6), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0xFFFFFFE00000, 0x1000, 0x1000, XVCPU_ACCESS_READ, 6), XVCPU_OK);
    CHECK_EQ(xvcpu_stage2_unmap(&s2, 0x20000000, 0x1000), XVCPU_OK);
    CHECK(mock.pages_outstanding > 8);
    CHECK_EQ((size_t)mock.pages_outstanding, s2.table_pages);
    s2_done();
    CHECK(s2.root == NULL);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0, 0, 0x1000, S2_RWX, 6), XVCPU_ERR_INVALID_ARG);
    xvcpu_stage2_destroy(&s2); /* twice is harmless */
    CHECK_EQ(mock.pages_outstanding, 0);
}

static void test_stage2_npt_entries(void)
{
    uint64_t size = 0;
    uint32_t perms = 0;
    s2_fresh(XVCPU_STAGE2_NPT, S2_ALL);
    /* P|RW|US, XD when not executable; WB = PAT 0, WT = PWT (PAT 1), UC = PCD|PWT (PAT 3) */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x1000, 0x5000, 0x1000, S2_RW, 6), XVCPU_OK);
    CHECK_EQ(s2_raw(0, 0x1000), 0x5000 | 0x7 | S2_NPT_XD);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x2000, 0x6000, 0x1000, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC, 0), XVCPU_OK);
    CHECK_EQ(s2_raw(0, 0x2000), 0x6000 | 0x5 | 0x18);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x3000, 0x7000, 0x1000, XVCPU_ACCESS_READ, 4), XVCPU_OK);
    CHECK_EQ(s2_raw(0, 0x3000), 0x7000 | 0x5 | 0x8 | S2_NPT_XD);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x200000, 0x400000, 0x200000, S2_RWX, 4), XVCPU_OK);
    CHECK_EQ(s2_raw(1, 0x200000), 0x400000 | 0x7 | 0x8 | 0x80);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x40000000, 0x40000000, 0x40000000, S2_RW, 6), XVCPU_OK);
    CHECK_EQ(s2_raw(2, 0x40000000), 0x40000000 | 0x7 | 0x80 | S2_NPT_XD);
    /* tables: P|RW|US, never XD */
    CHECK_EQ(s2_raw(3, 0), (s2_raw(3, 0) & S2_ADDR) | 0x7);
    CHECK_EQ(s2_raw(2, 0), (s2_raw(2, 0) & S2_ADDR) | 0x7);
    CHECK_EQ(s2_raw(1, 0), (s2_raw(1, 0) & S2_ADDR) | 0x7);
    CHECK_EQ(s2_hpa(0x2ABC, &size, &perms), 0x6ABC);
    CHECK_EQ(perms, XVCPU_ACCESS_READ | XVCPU_ACCESS_EXEC);
    CHECK_EQ(s2_hpa(0x40000000, &size, &perms), 0x40000000);
    CHECK_EQ(size, 0x40000000);
    CHECK_EQ(perms, S2_RW);
    /* refused: WC, WP, execute-only, write-only */
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x8000, 0x8000, 0x1000, S2_RWX, 1), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x8000: memory type 1 is not UC, WT or WB "
                                            "(NPT uses the default PAT, which has no WC or WP)");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x8000, 0x8000, 0x1000, S2_RWX, 5), XVCPU_ERR_INVALID_ARG);
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x8000, 0x8000, 0x1000, XVCPU_ACCESS_EXEC, 6), XVCPU_ERR_INVALID_ARG);
    CHECK_STR(xvcpu_stage2_last_error(&s2), "xvcpu_stage2_map: gpa 0x8000: permissions 0x4: execute-only needs EPT");
    CHECK_EQ(xvcpu_stage2_map(&s2, 0x8000, 0x8000, 0x1000, XVCPU_ACCESS_WRITE, 6), XVCPU_ERR_INVALID_ARG);
    /* protect: read-only, executable; split keeps PWT and the rest */
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x201000, 0x1000, XVCPU_ACCESS_READ), XVCPU_OK);
    CHECK_EQ(s2.generation, 1);
    CHECK_EQ(s2_raw(0, 0x201000), 0x401000 | 0x5 | 0x8 | S2_NPT_XD);
    CHECK_EQ(s2_raw(0, 0x202000), 0x402000 | 0x7 | 0x8);
    CHECK_EQ(xvcpu_stage2_protect(&s2, 0x1000, 0x1000, S2_RWX), XVCPU_OK);
    CHECK_EQ(s2.generation, 1);
    CHECK_EQ(s2_raw(0, 0x1000), 0x5000 | 0x7);
    s2_done();
}
