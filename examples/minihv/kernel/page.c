/* Physical page allocator: a bitmap over a fixed pool, first fit. The pool sits above the
 * kernel (linked at 1 MiB, asserted below 16 MiB by kernel.ld) in RAM every configuration has. */
#include "kernel.h"

#define PAGE_SIZE 4096u
#define POOL_START (16ull << 20)
#define POOL_END (64ull << 20)
#define POOL_PAGES ((POOL_END - POOL_START) / PAGE_SIZE)

static uint64_t used[POOL_PAGES / 64];
static size_t pool_pages = POOL_PAGES;

static int is_used(size_t i) { return (used[i / 64] >> (i % 64)) & 1; }
static void set_used(size_t i, int on)
{
    if (on)
        used[i / 64] |= 1ull << (i % 64);
    else
        used[i / 64] &= ~(1ull << (i % 64));
}

/* No BIOS means no E820; the emulators' CMOS holds the RAM size above 16 MiB in 64 KiB units
 * (registers 0x34/0x35). Shrink the pool if the machine is smaller than we assume. */
void page_init(void)
{
    uint64_t above16;

    outb(0x70, 0x34);
    above16 = inb(0x71);
    outb(0x70, 0x35);
    above16 |= (uint64_t)inb(0x71) << 8;
    above16 <<= 16;
    if (above16 != 0 && POOL_START + above16 < POOL_END) {
        pool_pages = above16 / PAGE_SIZE;
        kprintf("minihv: only %lu MiB of RAM: page pool shrunk to %lu pages\n",
                (unsigned long)((above16 >> 20) + 16), (unsigned long)pool_pages);
    }
}

void *page_alloc(size_t n, uint64_t *phys)
{
    size_t i, run = 0;

    for (i = 0; n != 0 && i < pool_pages; i++) {
        run = is_used(i) ? 0 : run + 1;
        if (run == n) {
            size_t first = i + 1 - n, j;
            uint64_t pa = POOL_START + (uint64_t)first * PAGE_SIZE;
            for (j = first; j <= i; j++)
                set_used(j, 1);
            memset((void *)(uintptr_t)pa, 0, n * PAGE_SIZE);
            if (phys != NULL)
                *phys = pa;
            return (void *)(uintptr_t)pa;
        }
    }
    return NULL;
}

void page_free(void *p, size_t n)
{
    uint64_t pa = (uintptr_t)p;
    size_t first = (size_t)((pa - POOL_START) / PAGE_SIZE), j;

    if (p == NULL)
        return;
    if (pa < POOL_START || pa % PAGE_SIZE || first + n > pool_pages) {
        kprintf("minihv: page_free(%p, %lu): not from the page pool\n", p, (unsigned long)n);
        minihv_exit(0);
    }
    for (j = first; j < first + n; j++) {
        if (!is_used(j)) {
            kprintf("minihv: page_free(%p, %lu): page %lx is not allocated\n", p, (unsigned long)n,
                    (unsigned long)(POOL_START + j * PAGE_SIZE));
            minihv_exit(0);
        }
        set_used(j, 0);
    }
}
