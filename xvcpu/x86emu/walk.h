/* --- x86 guest page walker -------------------------------------------------------------------------
 *
 * Guest linear -> guest-physical, the way the CPU does it, for emulating an access the hardware did
 * not complete (MMIO, instruction fetch). Section numbers are the SDM's since its 2024 renumbering
 * (Vol. 3A chapter 5 "Paging" was chapter 4 before).
 *
 * Paging modes (SDM Vol. 3A 5.1.1), chosen from the mode's CR0.PG, CR4.PAE, EFER.LMA, CR4.LA57:
 *   PG = 0             no translation: gpa = linear (32 bits), page_size 0, every access allowed
 *   PAE = 0            32-bit paging: 4 KiB; 4 MiB when CR4.PSE, with PSE-36 address bits (5.3)
 *   PAE = 1, LMA = 0   PAE paging: 4 KiB, 2 MiB; four PDPTEs at CR3 (5.4)
 *   LMA = 1            4-level (LA57 = 0) or 5-level paging: 4 KiB, 2 MiB, 1 GiB (5.5)
 * Address size (SDM Vol. 1 3.3.7.1): in 64-bit mode (EFER.LMA and mode->code_bytes == 8,
 * or code_bytes 0 = not given) and for implicit accesses in IA-32e mode (descriptor-table bases are
 * 64 bits there), a linear address must be canonical (48 bits, 57 with LA57), else the result is
 * XVCPU_X86_WALK_GP and nothing is read. Everywhere else (legacy modes, compatibility mode) it is
 * truncated to 32 bits first; the result's `linear` says what was translated.
 *
 * Checks (SDM Vol. 3A 5.6, 5.7), in the CPU's order: P = 0 in any entry used, then reserved bits in
 * it (bits M..51 where M is MAXPHYADDR; XD when EFER.NXE = 0; PS in PML5Es/PML4Es, and in PDPTEs
 * without 1-GiB page support; the bits between PAT and the frame of large pages; PSE-36's bit 21
 * and up; the PAE PDPTE's reserved bits), and with a complete translation the access rights:
 *   - user accesses (CPL 3, not IMPLICIT) need U/S = 1 in every entry, writes R/W = 1 in every one;
 *   - supervisor writes need R/W = 1 everywhere only when CR0.WP = 1;
 *   - fetches fault on XD = 1 in any entry when EFER.NXE = 1 (no XD bit in 32-bit paging), and
 *     supervisor fetches from user-mode addresses fault when CR4.SMEP = 1;
 *   - supervisor data accesses to user-mode addresses fault when CR4.SMAP = 1, unless RFLAGS.AC = 1
 *     and the access is explicit. SDM 5.6 states the AC override for CPL < 3 and denies it at CPL 3,
 *     where every supervisor access is implicit; this walker denies it to IMPLICIT accesses at any
 *     CPL (the stricter reading: the CPU's own system-structure accesses do not honour AC);
 *   - protection keys (4/5-level paging, CR4.PKE = 1): a data access to a user-mode address with key
 *     i faults when PKRU.ADi = 1, or when PKRU.WDi = 1 for a write by a user access or with
 *     CR0.WP = 1 (SDM 5.6.2). CR4.PKS (keys for supervisor-mode addresses, IA32_PKRS) is not
 *     modelled: supervisor-mode addresses are never checked against keys.
 * Not modelled: shadow-stack accesses (CET), HLAT, LAM, LASS, SGX; PAT/MTRR memory types.
 *
 * The #PF error code (SDM Vol. 3A 5.7): P = 0 for a non-present entry, 1 otherwise; W/R for a write;
 * U/S for a user access (IMPLICIT accesses are supervisor accesses even at CPL 3); RSVD for a
 * reserved bit; I/D for a fetch when CR4.SMEP = 1 or (CR4.PAE = 1 and EFER.NXE = 1); PK when the
 * translation's key forbids the data access (set even if another right also failed).
 *
 * Accessed and dirty flags (SDM Vol. 3A 5.8): only a walk that succeeds sets them: A in every entry
 * it used (PAE PDPTEs have none), and D in the leaf for a write, each with one set_bits call on an
 * entry that lacks it. A faulting walk writes nothing (hardware may set A in the upper entries it
 * walked; nothing may depend on that). The read-then-set is not one atomic step: an entry another
 * CPU changes in between keeps its new value and gains only the A/D bits.
 *
 * PAE PDPTEs: a real CPU loads the four PDPTEs at MOV CR3 (and some other CR writes) and walks with
 * those copies, checking their reserved bits then (#GP). Give those copies in the config (VMX with
 * EPT has them in the VMCS: GUEST_PDPTE0-3) to walk exactly as the CPU would; without them they are
 * read from memory at CR3 on every walk, and a reserved bit there faults as #PF with RSVD. */

#define XVCPU_X86_WALK_WRITE 1u    /* the access writes */
#define XVCPU_X86_WALK_FETCH 2u    /* instruction fetch (takes precedence over WRITE) */
#define XVCPU_X86_WALK_IMPLICIT 4u /* implicit supervisor access (descriptor tables): supervisor even at CPL 3 */

typedef struct xvcpu_x86_guest_memory {
    void *ctx;
    /* Read `len` (4 or 8) bytes of guest-physical memory at `gpa`; false when the address is not guest RAM. */
    bool (*read)(void *ctx, uint64_t gpa, void *buf, unsigned len);
    /* Atomically OR `bits` into the `len`-byte paging entry at `gpa` (accessed/dirty); false when not RAM. */
    bool (*set_bits)(void *ctx, uint64_t gpa, unsigned len, uint64_t bits);
} xvcpu_x86_guest_memory;

typedef enum xvcpu_x86_walk_status {
    XVCPU_X86_WALK_OK = 0,
    XVCPU_X86_WALK_PAGE_FAULT, /* inject #PF(error_code) with CR2 = linear */
    XVCPU_X86_WALK_GP,         /* non-canonical address: #GP(0) (the caller picks #SS for stack accesses) */
    XVCPU_X86_WALK_BAD_GPA     /* a paging-structure entry is not in guest RAM (bad_gpa says where) */
} xvcpu_x86_walk_status;

/* The CPU's properties the walk depends on beyond xvcpu_x86_mode. All zero is a valid default. */
#define XVCPU_X86_WALK_NO_1G_PAGES 1u /* CPUID.80000001H:EDX.Page1GB[26] = 0: PS in a PDPTE is reserved */
typedef struct xvcpu_x86_walk_config {
    uint8_t maxphyaddr;     /* the guest's MAXPHYADDR (CPUID.80000008H:EAX[7:0]); 0 means 52. Values
                               outside 32..52 are clamped. Bits M..51 of entries are reserved. */
    uint32_t flags;         /* XVCPU_X86_WALK_NO_1G_PAGES */
    const uint64_t *pdptes; /* PAE paging: the 4 PDPTEs the CPU loaded from CR3, or NULL: read them at CR3 */
} xvcpu_x86_walk_config;

/* The translation's effective rights (OK), combined over every entry used (SDM Vol. 3A 5.6). */
#define XVCPU_X86_WALK_PERM_WRITE 1u /* R/W = 1 in every entry */
#define XVCPU_X86_WALK_PERM_USER 2u  /* U/S = 1 in every entry: a user-mode address */
#define XVCPU_X86_WALK_PERM_EXEC 4u  /* XD = 0 in every entry, or EFER.NXE = 0, or 32-bit paging */

typedef struct xvcpu_x86_walk_result {
    uint64_t gpa;        /* OK: the guest-physical address */
    uint64_t page_size;  /* OK: 4 KiB, 2 MiB, 4 MiB or 1 GiB (or 0 when paging is off) */
    uint32_t error_code; /* PAGE_FAULT: the #PF error code (XVCPU_PAGE_FAULT_ERROR_CODE_*) */
    uint64_t bad_gpa;    /* BAD_GPA: the paging entry that is not RAM (read or set_bits refused) */
    uint64_t linear;     /* always: the address translated (32-bit truncation applied): CR2 on PAGE_FAULT */
    uint32_t perms;      /* OK: XVCPU_X86_WALK_PERM_*; all of them when paging is off */
    uint8_t pkey;        /* OK in 4/5-level paging: the leaf's protection key (bits 62:59), else 0 */
} xvcpu_x86_walk_result;

/* Translate `linear` (segment base already applied) for `access` (XVCPU_X86_WALK_*) in `mode`
 * (xvcpu_x86_mode: cr0, cr3, cr4, efer, rflags, pkru, cpl, code_bytes), reading paging structures
 * through `mem`. `out` is filled on every status (fields a status does not name are 0).
 * xvcpu_x86_walk uses the default config: MAXPHYADDR 52, 1-GiB pages, PDPTEs read at CR3. */
XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                              const xvcpu_x86_guest_memory *mem, xvcpu_x86_walk_result *out);
/* The same with the CPU's properties; `cfg` may be NULL (the defaults). */
XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk_ex(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                                 const xvcpu_x86_guest_memory *mem,
                                                 const xvcpu_x86_walk_config *cfg, xvcpu_x86_walk_result *out);
