/* Pages from the HAL, zeroed here (the HAL need not). */

static void *xvcpu__alloc_zeroed(const xvcpu_hal *hal, size_t pages, uint64_t *phys)
{
    void *p = hal->alloc_pages(hal->ctx, pages, phys);
    if (p != NULL)
        XVCPU_MEMSET(p, 0, pages * 4096);
    return p;
}

static void xvcpu__free(const xvcpu_hal *hal, void **virt, uint64_t phys, size_t pages)
{
    if (*virt != NULL)
        hal->free_pages(hal->ctx, *virt, phys, pages);
    *virt = NULL;
}
