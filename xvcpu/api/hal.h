/* The HAL: what the library needs from the kernel. One xvcpu_hal is shared by every CPU and vCPU;
 * `ctx` is passed back to each hook unchanged. alloc_pages, free_pages, phys_to_virt and
 * virt_to_phys are required; log may be NULL. The library zeroes the pages it allocates. */

typedef enum xvcpu_log_level {
    XVCPU_LOG_ERROR = 0,
    XVCPU_LOG_WARN = 1,
    XVCPU_LOG_INFO = 2,
    XVCPU_LOG_DEBUG = 3
} xvcpu_log_level;

typedef struct xvcpu_hal {
    void *ctx;
    /* `count` physically contiguous 4 KiB frames, 4 KiB aligned: returns the virtual address and
     * stores the physical one, or returns NULL when out of memory. */
    void *(*alloc_pages)(void *ctx, size_t count, uint64_t *phys);
    void (*free_pages)(void *ctx, void *virt, uint64_t phys, size_t count);
    void *(*phys_to_virt)(void *ctx, uint64_t phys);
    uint64_t (*virt_to_phys)(void *ctx, const void *virt);
    void (*log)(void *ctx, xvcpu_log_level level, const char *message); /* optional */
} xvcpu_hal;

/* XVCPU_LOG(hal, level, message): override to route the library's messages elsewhere. */
#ifndef XVCPU_LOG
#define XVCPU_LOG(hal, level, message)                                         \
    do {                                                                       \
        if ((hal) != NULL && (hal)->log != NULL)                               \
            (hal)->log((hal)->ctx, (level), (message));                        \
    } while (0)
#endif
