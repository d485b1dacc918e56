/* --- stage-2 translation: the EPT / NPT builder ---------------------------------------------------
 *
 * Guest-physical -> host-physical tables with 4-level walks, 48-bit guest-physical space:
 *   XVCPU_STAGE2_EPT  Intel EPT (SDM Vol. 3C 29.3).
 *   XVCPU_STAGE2_NPT  AMD nested paging: ordinary long-mode tables (APM Vol. 2 15.25). Every entry
 *                     has U/S set (nested walks are user accesses); no-execute is XD (bit 63).
 * Permissions are XVCPU_ACCESS_READ | _WRITE | _EXEC. Write without read is refused; execute-only
 * is EPT only and allowed only when `execute_only` is set (the CPU supports it).
 * Memory types are the x86 values (XVCPU_X86_MEMORY_TYPE_*). EPT takes UC, WC, WT, WP and WB in the
 * leaf's memory-type field (guest PAT still combines: ignore-PAT is left clear). NPT encodes the
 * type through PWT/PCD and so relies on the power-on PAT layout in the host's IA32_PAT: WB = PAT
 * entry 0 (no bits), WT = entry 1 (PWT), UC = entry 3 (PCD|PWT); WC and WP would need a
 * reprogrammed PAT and are refused.
 * The library never sets accessed/dirty flags; the CPU does. Nothing here flushes TLBs: when a
 * mapping is removed or loses a permission, `generation` changes and the backend flushes
 * (INVEPT / VMCB TLB control) before the next entry. */

typedef enum xvcpu_stage2_format { XVCPU_STAGE2_EPT = 1, XVCPU_STAGE2_NPT = 2 } xvcpu_stage2_format;

/* Page sizes, as a mask. */
#define XVCPU_PAGE_4K (1u << 0)
#define XVCPU_PAGE_2M (1u << 1)
#define XVCPU_PAGE_1G (1u << 2)

typedef struct xvcpu_stage2 {
    uint32_t magic;           /* XVCPU__STAGE2_MAGIC once initialised */
    xvcpu_stage2_format format;
    const xvcpu_hal *hal;
    void *root;               /* the PML4 (EPT: PML4 table) */
    uint64_t root_phys;
    uint32_t page_sizes;      /* which page sizes the CPU supports (4K always) */
    bool accessed_dirty;      /* EPT A/D flags enabled (only if the CPU supports them) */
    bool execute_only;        /* EPT execute-only mappings allowed: set by xvcpu_stage2_init_for_cpu
                                 from IA32_VMX_EPT_VPID_CAP bit 0 (false after xvcpu_stage2_init) */
    uint64_t generation;      /* bumped whenever a mapping is removed or loses permissions */
    size_t table_pages;       /* page-table pages currently allocated, root included */
    char error[XVCPU_ERROR_TEXT_SIZE];
} xvcpu_stage2;

/* Empty tables in `format`. `page_sizes` must include XVCPU_PAGE_4K; `accessed_dirty` only
 * matters for EPT (it sets the EPTP bit). Allocates the root table; undo with destroy. */
XVCPU_DEF xvcpu_err xvcpu_stage2_init(xvcpu_stage2 *s2, const xvcpu_hal *hal, xvcpu_stage2_format format,
                                      uint32_t page_sizes, bool accessed_dirty);
/* Map [gpa, gpa+size) to [hpa, hpa+size), using the largest pages alignment, size and page_sizes
 * allow. All 4 KiB aligned, size > 0, gpa range below 2^48, hpa range below 2^52. Refused with
 * XVCPU_ERR_ALREADY_MAPPED if any part is mapped; all or nothing (also on XVCPU_ERR_NO_MEMORY). */
XVCPU_DEF xvcpu_err xvcpu_stage2_map(xvcpu_stage2 *s2, uint64_t gpa, uint64_t hpa, uint64_t size, uint32_t perms,
                                     uint8_t memtype);
/* Remove [gpa, gpa+size), which must be entirely mapped (else XVCPU_ERR_NOT_MAPPED). Large pages
 * that straddle an end are split first; tables left empty are freed. All or nothing. */
XVCPU_DEF xvcpu_err xvcpu_stage2_unmap(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size);
/* Give [gpa, gpa+size), entirely mapped, the permissions `perms` (splitting like unmap). */
XVCPU_DEF xvcpu_err xvcpu_stage2_protect(xvcpu_stage2 *s2, uint64_t gpa, uint64_t size, uint32_t perms);
/* Look up one guest-physical address: host address (with the page offset), permissions and the
 * size of the page holding it. Any output may be NULL. XVCPU_ERR_NOT_MAPPED when unmapped. */
XVCPU_DEF xvcpu_err xvcpu_stage2_translate(const xvcpu_stage2 *s2, uint64_t gpa, uint64_t *hpa, uint32_t *perms,
                                           uint64_t *page_size);
/* Free every table, the root included. */
XVCPU_DEF void xvcpu_stage2_destroy(xvcpu_stage2 *s2);
/* EPT: the EPT pointer (write-back walks, 4 levels, A/D enable when asked). NPT: nCR3, the root's
 * physical address. */
XVCPU_DEF uint64_t xvcpu_stage2_eptp(const xvcpu_stage2 *s2);
XVCPU_DEF const char *xvcpu_stage2_last_error(const xvcpu_stage2 *s2);
