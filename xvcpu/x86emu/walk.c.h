/* Guest page walker. x86_walk.h states the rules and where in the SDM each comes from; this is one
 * loop over the levels of the three paging modes, then the access rights, then the A/D flags. */

/* The paging modes, by entry format (SDM Vol. 3A 5.1.1). */
#define XVCPU__WALK_32BIT 0 /* 4-byte entries, 2 levels */
#define XVCPU__WALK_PAE 1   /* 8-byte entries, PDPT (4 entries) + 2 levels */
#define XVCPU__WALK_IA32E 2 /* 8-byte entries, 4 or 5 levels */
#define XVCPU__WALK_MAX_LEVELS 5

typedef struct xvcpu__walker {
    const xvcpu_x86_mode *mode;
    const xvcpu_x86_guest_memory *mem;
    const xvcpu_x86_walk_config *cfg;
    unsigned access;
    int kind;         /* XVCPU__WALK_* */
    unsigned maxphy;  /* MAXPHYADDR, 32..52 */
    bool user;        /* a user-mode access: CPL 3 and not implicit (SDM Vol. 3A 5.6) */
    bool fetch, write;
} xvcpu__walker;

/* The bits of `linear` that index the table at `level` start here (level 1 = page table). */
static unsigned xvcpu__walk_shift(const xvcpu__walker *w, unsigned level)
{
    if (w->kind == XVCPU__WALK_32BIT)
        return level == 2 ? 22 : 12;
    return 12 + 9 * (level - 1);
}

static unsigned xvcpu__walk_index_bits(const xvcpu__walker *w, unsigned level)
{
    if (w->kind == XVCPU__WALK_32BIT)
        return 10;
    return (w->kind == XVCPU__WALK_PAE && level == 3) ? 2 : 9;
}

/* Bits M-1..12: where entries hold a frame address. */
static uint64_t xvcpu__walk_frame_mask(const xvcpu__walker *w)
{
    return ((1ull << w->maxphy) - 1) & ~0xFFFull;
}

/* The reserved bits of a present entry at `level` (`large`: PS = 1 where PS means a page). Tables
 * 5-4 to 5-20 of SDM Vol. 3A (the entry formats). */
static uint64_t xvcpu__walk_reserved(const xvcpu__walker *w, unsigned level, bool large)
{
    uint64_t above_m = ~0ull << w->maxphy; /* bits 63:M */
    uint64_t xd = (w->mode->efer & XVCPU_IA32_EFER_NXE) ? 0 : XVCPU_PTE_XD;
    uint64_t r;
    unsigned m;

    switch (w->kind) {
    case XVCPU__WALK_32BIT:
        if (!large)
            return 0; /* 32-bit PDEs that map tables and PTEs have no reserved bits (5.3) */
        /* 4-MiB PDE: bits (M'-20):13 are address bits 39..32 (PSE-36) with M' = min(M, 40), and
         * 21:(M'-19) are reserved (Table 5-4). */
        m = w->maxphy < 40 ? w->maxphy : 40;
        return 0x3FFFFFull & (~0ull << (m - 19));
    case XVCPU__WALK_PAE:
        if (level == 3)
            return above_m | 0x1E6ull; /* PDPTE: bits 2:1, 8:5 and 63:M (Table 5-8) */
        r = (above_m & ~XVCPU_PTE_XD) | xd;  /* 62:M, and XD without NXE (Tables 5-9..5-11) */
        return large ? r | 0x1FE000ull : r;  /* 2-MiB PDE: 20:13 */
    default:
        r = (above_m & ((1ull << 52) - 1)) | xd; /* 51:M; 62:52 are ignored or keys (5.5) */
        if (level >= 4 || (level == 3 && w->cfg != NULL && (w->cfg->flags & XVCPU_X86_WALK_NO_1G_PAGES)))
            r |= XVCPU_PTE_PS_PAT; /* no pages at PML5E/PML4E level, nor 1 GiB without Page1GB */
        if (large)
            r |= level == 3 ? 0x3FFFE000ull : 0x1FE000ull; /* 29:13 or 20:13, between PAT and frame */
        return r;
    }
}

static bool xvcpu__walk_read(const xvcpu__walker *w, uint64_t gpa, uint64_t *entry)
{
    if (w->kind == XVCPU__WALK_32BIT) {
        uint32_t v = 0;
        if (!w->mem->read(w->mem->ctx, gpa, &v, 4))
            return false;
        *entry = v;
        return true;
    }
    *entry = 0;
    return w->mem->read(w->mem->ctx, gpa, entry, 8);
}

/* The #PF error code for this access, less P, RSVD and PK (SDM Vol. 3A 5.7). */
static uint32_t xvcpu__walk_error_code(const xvcpu__walker *w)
{
    const xvcpu_x86_mode *m = w->mode;
    uint32_t ec = 0;
    if (w->write)
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_W;
    if (w->user)
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_U;
    /* I/D only when the fetch could have been refused for it: SMEP, or XD in PAE-based modes. */
    if (w->fetch && ((m->cr4 & XVCPU_CR4_SMEP) ||
                     ((m->cr4 & XVCPU_CR4_PAE) && (m->efer & XVCPU_IA32_EFER_NXE))))
        ec |= XVCPU_PAGE_FAULT_ERROR_CODE_I;
    return ec;
}

/* 0 when the translation's rights (`perms`, key `pkey`) allow the access, else the error code's
 * P and PK bits (SDM Vol. 3A 5.6, 5.6.2). */
static uint32_t xvcpu__walk_rights(const xvcpu__walker *w, uint32_t perms, unsigned pkey)
{
    const xvcpu_x86_mode *m = w->mode;
    bool uaddr = (perms & XVCPU_X86_WALK_PERM_USER) != 0;
    bool writable = (perms & XVCPU_X86_WALK_PERM_WRITE) != 0;
    bool wp = (m->cr0 & XVCPU_CR0_WP) != 0;
    bool fault = false, key_fault = false;

    if (w->fetch) {
        if (!(perms & XVCPU_X86_WALK_PERM_EXEC))
            fault = true;
        if (w->user ? !uaddr : (uaddr && (m->cr4 & XVCPU_CR4_SMEP)))
            fault = true;
    } else {
        if (w->user) {
            if (!uaddr || (w->write && !writable))
                fault = true;
        } else {
            bool implicit = (w->access & XVCPU_X86_WALK_IMPLICIT) != 0;
            if (uaddr && (m->cr4 & XVCPU_CR4_SMAP) && (implicit || !(m->rflags & XVCPU_RFLAGS_AC)))
                fault = true;
            if (w->write && !writable && wp)
                fault = true;
        }
        /* Keys apply to data accesses to user-mode addresses, supervisor ones included, in
         * 4/5-level paging only. */
        if (uaddr && w->kind == XVCPU__WALK_IA32E && (m->cr4 & XVCPU_CR4_PKE)) {
            bool ad = ((m->pkru >> (2 * pkey)) & 1u) != 0;
            bool wd = ((m->pkru >> (2 * pkey + 1)) & 1u) != 0;
            if (ad || (wd && w->write && (wp || w->user)))
                key_fault = true;
        }
    }
    if (!fault && !key_fault)
        return 0;
    return XVCPU_PAGE_FAULT_ERROR_CODE_P | (key_fault ? XVCPU_PAGE_FAULT_ERROR_CODE_PK : 0);
}

/* Is `linear` canonical for a `bits`-wide linear address space (SDM Vol. 1 3.3.7.1)? */
static bool xvcpu__walk_canonical(uint64_t linear, unsigned bits)
{
    uint64_t top = linear >> (bits - 1); /* bits 63:bits-1 must all be equal */
    return top == 0 || top == (~0ull >> (bits - 1));
}

XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk_ex(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                                 const xvcpu_x86_guest_memory *mem,
                                                 const xvcpu_x86_walk_config *cfg, xvcpu_x86_walk_result *out)
{
    xvcpu__walker w;
    uint64_t entry_gpa[XVCPU__WALK_MAX_LEVELS], entry_val[XVCPU__WALK_MAX_LEVELS];
    unsigned used = 0, level, i;
    uint64_t table, entry = 0, page_size, gpa;
    uint32_t perms = XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_WRITE, fault;
    unsigned pkey = 0;
    bool paging = (mode->cr0 & XVCPU_CR0_PG) != 0;
    bool lma = paging && (mode->efer & XVCPU_IA32_EFER_LMA) != 0; /* LMA = LME and PG */
    bool xd = false;

    out->gpa = 0;
    out->page_size = 0;
    out->error_code = 0;
    out->bad_gpa = 0;
    out->perms = 0;
    out->pkey = 0;

    w.mode = mode;
    w.mem = mem;
    w.cfg = cfg;
    w.access = access;
    w.fetch = (access & XVCPU_X86_WALK_FETCH) != 0;
    w.write = !w.fetch && (access & XVCPU_X86_WALK_WRITE) != 0;
    w.user = mode->cpl == 3 && (w.fetch || !(access & XVCPU_X86_WALK_IMPLICIT));
    w.maxphy = cfg != NULL && cfg->maxphyaddr != 0 ? cfg->maxphyaddr : 52;
    if (w.maxphy < 32)
        w.maxphy = 32;
    if (w.maxphy > 52)
        w.maxphy = 52;

    /* 64-bit addresses in 64-bit mode, and for implicit accesses anywhere in IA-32e mode; 32 bits
     * everywhere else. code_bytes 0 (not given) counts as 64-bit mode. */
    if (lma && (mode->code_bytes == 8 || mode->code_bytes == 0 || (access & XVCPU_X86_WALK_IMPLICIT))) {
        if (!xvcpu__walk_canonical(linear, (mode->cr4 & XVCPU_CR4_LA57) ? 57 : 48)) {
            out->linear = linear;
            return XVCPU_X86_WALK_GP;
        }
    } else {
        linear &= 0xFFFFFFFFull;
    }
    out->linear = linear;

    if (!paging) {
        out->gpa = linear;
        out->perms = XVCPU_X86_WALK_PERM_WRITE | XVCPU_X86_WALK_PERM_USER | XVCPU_X86_WALK_PERM_EXEC;
        return XVCPU_X86_WALK_OK;
    }

    if (lma) {
        w.kind = XVCPU__WALK_IA32E;
        level = (mode->cr4 & XVCPU_CR4_LA57) ? 5 : 4;
        table = mode->cr3 & xvcpu__walk_frame_mask(&w);
    } else if (mode->cr4 & XVCPU_CR4_PAE) {
        w.kind = XVCPU__WALK_PAE;
        level = 3;
        table = mode->cr3 & 0xFFFFFFE0ull; /* PDPT: 32-byte aligned, below 4 GiB (5.4.1) */
    } else {
        w.kind = XVCPU__WALK_32BIT;
        level = 2;
        table = mode->cr3 & 0xFFFFF000ull;
    }

    for (;;) {
        unsigned shift = xvcpu__walk_shift(&w, level);
        uint64_t index = (linear >> shift) & ((1ull << xvcpu__walk_index_bits(&w, level)) - 1);
        unsigned entry_bytes = w.kind == XVCPU__WALK_32BIT ? 4 : 8;
        uint64_t at = table + index * entry_bytes;
        bool pdpte = w.kind == XVCPU__WALK_PAE && level == 3;
        bool large;

        if (pdpte && cfg != NULL && cfg->pdptes != NULL) {
            entry = cfg->pdptes[index];
        } else if (!xvcpu__walk_read(&w, at, &entry)) {
            out->bad_gpa = at;
            return XVCPU_X86_WALK_BAD_GPA;
        }
        if (!(entry & XVCPU_PTE_P)) {
            out->error_code = xvcpu__walk_error_code(&w);
            return XVCPU_X86_WALK_PAGE_FAULT;
        }
        large = (entry & XVCPU_PTE_PS_PAT) != 0 &&
                (w.kind == XVCPU__WALK_32BIT ? level == 2 && (mode->cr4 & XVCPU_CR4_PSE) != 0
                                             : level == 2 || (level == 3 && !pdpte));
        if (entry & xvcpu__walk_reserved(&w, level, large)) {
            out->error_code =
                xvcpu__walk_error_code(&w) | XVCPU_PAGE_FAULT_ERROR_CODE_P | XVCPU_PAGE_FAULT_ERROR_CODE_RSVD;
            return XVCPU_X86_WALK_PAGE_FAULT;
        }
        if (pdpte) { /* no rights and no accessed flag in PAE PDPTEs (Table 5-8) */
            table = entry & xvcpu__walk_frame_mask(&w);
            level--;
            continue;
        }
        entry_gpa[used] = at;
        entry_val[used] = entry;
        used++;
        if (!(entry & XVCPU_PTE_US))
            perms &= ~XVCPU_X86_WALK_PERM_USER;
        if (!(entry & XVCPU_PTE_RW))
            perms &= ~XVCPU_X86_WALK_PERM_WRITE;
        if (w.kind != XVCPU__WALK_32BIT && (entry & XVCPU_PTE_XD))
            xd = true; /* only reachable with NXE = 1: XD is reserved otherwise */
        if (level == 1 || large) {
            page_size = 1ull << shift;
            break;
        }
        table = entry & (w.kind == XVCPU__WALK_32BIT ? 0xFFFFF000ull : xvcpu__walk_frame_mask(&w));
        level--;
    }

    if (!xd)
        perms |= XVCPU_X86_WALK_PERM_EXEC;
    if (w.kind == XVCPU__WALK_32BIT && page_size == (1ull << 22)) {
        unsigned m = w.maxphy < 40 ? w.maxphy : 40; /* PSE-36: bits 39..32 in 20:13 (Table 5-4) */
        gpa = (((entry >> 13) & ((1ull << (m - 32)) - 1)) << 32) | (entry & 0xFFC00000ull);
    } else if (w.kind == XVCPU__WALK_32BIT) {
        gpa = entry & 0xFFFFF000ull;
    } else {
        gpa = entry & xvcpu__walk_frame_mask(&w) & ~(page_size - 1);
    }
    gpa |= linear & (page_size - 1);
    if (w.kind == XVCPU__WALK_IA32E)
        pkey = (unsigned)((entry & XVCPU_PTE_PK_MASK) >> 59);

    fault = xvcpu__walk_rights(&w, perms, pkey);
    if (fault) {
        out->error_code = xvcpu__walk_error_code(&w) | fault;
        return XVCPU_X86_WALK_PAGE_FAULT;
    }

    /* A in every entry used, D in the leaf for a write (SDM Vol. 3A 5.8); only what is missing. */
    for (i = 0; i < used; i++) {
        uint64_t bits = (entry_val[i] & XVCPU_PTE_A) ? 0 : XVCPU_PTE_A;
        if (i == used - 1 && w.write && !(entry_val[i] & XVCPU_PTE_D))
            bits |= XVCPU_PTE_D;
        if (bits != 0 && !mem->set_bits(mem->ctx, entry_gpa[i], w.kind == XVCPU__WALK_32BIT ? 4 : 8, bits)) {
            out->bad_gpa = entry_gpa[i];
            return XVCPU_X86_WALK_BAD_GPA;
        }
    }
    out->gpa = gpa;
    out->page_size = page_size;
    out->perms = perms;
    out->pkey = (uint8_t)pkey;
    return XVCPU_X86_WALK_OK;
}

XVCPU_DEF xvcpu_x86_walk_status xvcpu_x86_walk(const xvcpu_x86_mode *mode, uint64_t linear, unsigned access,
                                              const xvcpu_x86_guest_memory *mem, xvcpu_x86_walk_result *out)
{
    return xvcpu_x86_walk_ex(mode, linear, access, mem, NULL, out);
}
