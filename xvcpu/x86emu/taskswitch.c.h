/* The hardware task switch (SDM Vol. 3A chapter 8), for a backend whose CPU exits instead of
 * switching (VMX: SDM Vol. 3C 26.4.2). The backend reads the old task's state into an
 * xvcpu__x86_task, this code does the switch through guest memory (TSSes, GDT, LDT, the new stack)
 * and leaves the new task's state there for the backend to write back.
 *
 * Order (SDM Vol. 3A 8.3, the instructions' pseudocode in Vol. 2): the new TSS descriptor's
 * checks (#GP/#TS for a selector in the LDT or past the GDT, #GP for a busy TSS - #TS for IRET,
 * which needs a busy one -, #NP, #TS for a limit below 0x67 / 0x2B), the new TSS read and the
 * pages to be written found, all in the old task's context with nothing changed; then the commit:
 * the old TSS's busy bit cleared (JMP, IRET), NT cleared in the EFLAGS image IRET saves, the old
 * task's dynamic fields saved, the back link written and NT set (CALL, task gates), the new busy
 * bit set, TR loaded, CR0.TS set, DR7 L0-L3 cleared (SDM Vol. 3B 17.2.4), the new task's
 * registers, LDTR, CR3 (32-bit TSS with paging; PAE PDPTEs) loaded. Faults from here on are the
 * new task's (Table 8-1): LDTR, CS, SS, then DS, ES, FS, GS, each selector's descriptor checked
 * as MOV Sreg / far transfers check it; then an event's error code pushed on the new stack, the
 * new EIP checked against CS's limit (#GP), and the TSS's T bit (#DB with DR6.BT).
 *
 * Error codes: a selector's with EXT (bit 0) set when the switch delivers an event that is not a
 * software INT n/INT3/INTO (SDM Vol. 3A 6.13). A fault while delivering an exception through a
 * task gate combines with it (#DF, or shutdown after #DF: Table 6-5), as the CPU's does.
 *
 * Not here: 64-bit mode (no task switches; the CPU #GPs first), single-step across the switch
 * (TF is the new task's own), TSS or descriptor tables outside guest RAM (the VMM decides). */

typedef struct xvcpu__x86_sreg {
    uint16_t sel;
    xvcpu__x86_segment cache; /* attr in the VMCB's form; usable false: unusable (null) */
} xvcpu__x86_sreg;

/* A task switch's inputs (the old task) and, once done, its outputs (the new task). */
typedef struct xvcpu__x86_task {
    uint16_t selector;        /* the new TSS */
    uint8_t source;           /* XVCPU_TASK_SWITCH_* */
    bool event_valid;         /* GATE: the event delivered through the IDT task gate */
    uint8_t event_vector, event_type; /* XVCPU__EVENT_* (the VMX interruption types) */
    bool event_has_error;
    uint32_t event_error;
    uint32_t eip;             /* in: the EIP the old task resumes at; out: the new task's */
    uint32_t eflags;
    uint32_t gpr[8];          /* EAX ECX EDX EBX ESP EBP ESI EDI */
    xvcpu__x86_sreg seg[6];   /* ES CS SS DS FS GS; in: selectors only */
    xvcpu__x86_sreg ldtr, tr; /* in: LDTR with its cache, TR with its cache */
    uint64_t gdt_base;
    uint32_t gdt_limit;
    uint64_t cr0, cr3, cr4, efer, dr7;
    /* out */
    bool cr3_loaded, pdptes_loaded;
    uint64_t pdpte[4];
    bool debug_trap;          /* the T bit: a #DB is queued; DR6.BT is the backend's to set */
    const char *why;          /* XVCPU__TS_VMM: what the library cannot do */
} xvcpu__x86_task;

enum {
    XVCPU__TS_DONE = 0,  /* the new task's state is in the task (a fault in its context may be queued) */
    XVCPU__TS_FAULT,     /* a fault in the old task's context is queued; nothing changed */
    XVCPU__TS_VMM        /* the library cannot do it (why): nothing changed */
};

#define XVCPU__TS_EFLAGS_BITS 0x003F7FD5u /* the EFLAGS bits that exist (bit 1 reads 1) */
#define XVCPU__TS_NT 0x4000u
#define XVCPU__TS_VM 0x20000u

/* Guest memory as the switch reaches it: linear addresses through the guest's paging. */
typedef struct xvcpu__ts_mem {
    xvcpu_vcpu *vcpu;
    xvcpu__x86_task *t;
    xvcpu__guest_ram ram;
    xvcpu_x86_mode mode;
    xvcpu_x86_walk_config cfg;
    const char *why;          /* set when an access fails for want of guest RAM */
} xvcpu__ts_mem;

/* Whether the event being delivered came from outside the program (EXT, SDM Vol. 3A 6.13). */
static uint32_t xvcpu__ts_ext(const xvcpu__x86_task *t)
{
    return t->event_valid && t->event_type != XVCPU__EVENT_SOFTWARE_INTERRUPT &&
           t->event_type != XVCPU__EVENT_SOFTWARE_EXCEPTION;
}

static uint32_t xvcpu__ts_sel_error(const xvcpu__x86_task *t, uint16_t sel)
{
    return (uint32_t)(sel & 0xFFFCu) | xvcpu__ts_ext(t);
}

/* Queue a fault found during the switch, combined with an exception it was delivering. */
static void xvcpu__ts_fault(xvcpu_vcpu *vcpu, const xvcpu__x86_task *t, uint8_t vector, uint32_t error, uint32_t cr2)
{
    if (t->event_valid && t->event_type == XVCPU__EVENT_HARDWARE_EXCEPTION) {
        int v = xvcpu__x86_combine(t->event_vector, vector);
        if (v < 0) {
            vcpu->events.shutdown = vcpu->entry_work = true;
            return;
        }
        if (v == 8)
            vector = 8, error = 0;
    }
    if (vector == 14)
        xvcpu__x86_raise_page_fault(vcpu, error, cr2);
    else
        xvcpu__x86_raise(vcpu, vector, error);
}

/* How an access ended. */
enum { XVCPU__TS_OK = 0, XVCPU__TS_RAISED, XVCPU__TS_NO_RAM };

/* `len` bytes (at most a page) at `linear`: read into / written from `buf`, or with buf NULL only
 * translated (a probe before the commit). `user`: an access at the CPL (the error-code push),
 * else an implicit supervisor access. */
static int xvcpu__ts_access(xvcpu__ts_mem *m, uint32_t linear, void *buf, unsigned len, bool write, bool user)
{
    unsigned done = 0;
    while (done < len) {
        uint32_t at = linear + done;
        unsigned chunk = 0x1000u - (at & 0xFFFu);
        xvcpu_x86_guest_memory mem = xvcpu__guest_memory(&m->ram);
        xvcpu_x86_walk_result r;
        uint8_t *p;
        if (chunk > len - done)
            chunk = len - done;
        switch (xvcpu_x86_walk_ex(&m->mode, at, (write ? XVCPU_X86_WALK_WRITE : 0u) | (user ? 0u : XVCPU_X86_WALK_IMPLICIT),
                                  &mem, &m->cfg, &r)) {
        case XVCPU_X86_WALK_OK: break;
        case XVCPU_X86_WALK_PAGE_FAULT:
            xvcpu__ts_fault(m->vcpu, m->t, 14, r.error_code, at);
            return XVCPU__TS_RAISED;
        default:
            m->why = "a task switch: the guest's page tables are not in guest RAM";
            return XVCPU__TS_NO_RAM;
        }
        p = (uint8_t *)xvcpu__guest_ram_ptr(&m->ram, r.gpa, chunk,
                                            XVCPU_ACCESS_READ | (write ? XVCPU_ACCESS_WRITE : 0u));
        if (p == NULL) {
            m->why = "a task switch: a TSS, descriptor table or stack is not in guest RAM (MMIO?)";
            return XVCPU__TS_NO_RAM;
        }
        if (buf != NULL) {
            if (write)
                XVCPU_MEMCPY(p, (const uint8_t *)buf + done, chunk);
            else
                XVCPU_MEMCPY((uint8_t *)buf + done, p, chunk);
        }
        done += chunk;
    }
    return XVCPU__TS_OK;
}

/* OR `set` into / AND `~clear` out of the byte at `linear` (descriptor accessed and busy bits),
 * atomically as the CPU's locked update. */
static int xvcpu__ts_update_byte(xvcpu__ts_mem *m, uint32_t linear, uint8_t set, uint8_t clear)
{
    xvcpu_x86_guest_memory mem = xvcpu__guest_memory(&m->ram);
    xvcpu_x86_walk_result r;
    uint8_t *p;
    switch (xvcpu_x86_walk_ex(&m->mode, linear, XVCPU_X86_WALK_WRITE | XVCPU_X86_WALK_IMPLICIT, &mem, &m->cfg, &r)) {
    case XVCPU_X86_WALK_OK: break;
    case XVCPU_X86_WALK_PAGE_FAULT:
        xvcpu__ts_fault(m->vcpu, m->t, 14, r.error_code, linear);
        return XVCPU__TS_RAISED;
    default:
        m->why = "a task switch: the guest's page tables are not in guest RAM";
        return XVCPU__TS_NO_RAM;
    }
    if ((p = (uint8_t *)xvcpu__guest_ram_ptr(&m->ram, r.gpa, 1, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE)) == NULL) {
        m->why = "a task switch: a descriptor table is not in guest RAM (MMIO?)";
        return XVCPU__TS_NO_RAM;
    }
    if (set != 0)
        (void)__atomic_fetch_or(p, set, __ATOMIC_SEQ_CST);
    if (clear != 0)
        (void)__atomic_fetch_and(p, (uint8_t)~clear, __ATOMIC_SEQ_CST);
    return XVCPU__TS_OK;
}

/* A descriptor as a segment cache (SDM Vol. 3A 3.4.5): limit scaled by G, attr in the VMCB form. */
static void xvcpu__ts_cache(uint64_t d, xvcpu__x86_segment *c)
{
    uint32_t limit = (uint32_t)(d & 0xFFFF) | (uint32_t)((d >> 32) & 0xF0000);
    c->base = ((d >> 16) & 0xFFFFFF) | ((d >> 32) & 0xFF000000u);
    c->attr = (uint16_t)(((d >> 40) & 0xFF) | ((d >> 44) & 0xF00));
    c->limit = (c->attr & 0x800) ? (limit << 12) | 0xFFF : limit;
    c->usable = true;
}

/* Where descriptor `sel` lies (GDT or LDT); false when past the table's limit (or no LDT). */
static bool xvcpu__ts_desc_addr(const xvcpu__x86_task *t, uint16_t sel, uint32_t *linear)
{
    bool ldt = (sel & 4) != 0;
    uint64_t base = ldt ? t->ldtr.cache.base : t->gdt_base;
    uint32_t limit = ldt ? t->ldtr.cache.limit : t->gdt_limit;
    if ((ldt && !t->ldtr.cache.usable) || (uint32_t)(sel | 7u) > limit)
        return false;
    *linear = (uint32_t)base + (sel & ~7u);
    return true;
}

static int xvcpu__ts_read_desc(xvcpu__ts_mem *m, uint32_t linear, uint64_t *d)
{
    *d = 0;
    return xvcpu__ts_access(m, linear, d, 8, false, false);
}

/* The new TSS descriptor's checks, in the old task (SDM Vol. 3A 8.3 steps 1-4, Table 8-1 rows
 * 1-3; Vol. 2 CALL/JMP/IRET/INT "task gate" and "TSS"). */
static int xvcpu__ts_check_new(xvcpu__ts_mem *m, uint64_t *desc, uint32_t *desc_at)
{
    xvcpu__x86_task *t = m->t;
    bool iret = t->source == XVCPU_TASK_SWITCH_IRET;
    uint8_t bad = iret ? 10 : 13; /* IRET: #TS; the others #GP */
    uint32_t err = xvcpu__ts_sel_error(t, t->selector);
    unsigned type;
    int r;
    if ((t->selector & 4) || (t->selector & ~7u) == 0 || !xvcpu__ts_desc_addr(t, t->selector, desc_at)) {
        xvcpu__ts_fault(m->vcpu, t, bad, err, 0);
        return XVCPU__TS_RAISED;
    }
    if ((r = xvcpu__ts_read_desc(m, *desc_at, desc)) != XVCPU__TS_OK)
        return r;
    type = (unsigned)(*desc >> 40) & 0x1F; /* S and type */
    if (iret ? (type != 0x3 && type != 0xB) : (type != 0x1 && type != 0x9)) {
        xvcpu__ts_fault(m->vcpu, t, bad, err, 0);
        return XVCPU__TS_RAISED;
    }
    if (!((*desc >> 47) & 1)) {
        xvcpu__ts_fault(m->vcpu, t, 11, err, 0);
        return XVCPU__TS_RAISED;
    }
    {
        xvcpu__x86_segment c;
        xvcpu__ts_cache(*desc, &c);
        if (c.limit < ((type & 8) ? 0x67u : 0x2Bu)) {
            xvcpu__ts_fault(m->vcpu, t, 10, err, 0);
            return XVCPU__TS_RAISED;
        }
    }
    return XVCPU__TS_OK;
}

static uint16_t xvcpu__ts_le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t xvcpu__ts_le32(const uint8_t *p) { return xvcpu__ts_le16(p) | ((uint32_t)xvcpu__ts_le16(p + 2) << 16); }
static void xvcpu__ts_put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void xvcpu__ts_put32(uint8_t *p, uint32_t v) { xvcpu__ts_put16(p, v); xvcpu__ts_put16(p + 2, v >> 16); }

/* Where the old task's dynamic fields lie in its TSS (SDM Vol. 3A 8.2.1, 8.7): 32-bit EIP at 32
 * .. GS at 92, 16-bit IP at 14 .. DS at 40. Returns the bytes from `*at`. */
static unsigned xvcpu__ts_save_area(bool tss32, unsigned *at)
{
    *at = tss32 ? 32 : 14;
    return tss32 ? 62 : 28; /* up to GS's selector word (32-bit): its reserved half is not written */
}

/* Those fields into `img` (the area as it was read): selectors as words, the reserved halves of
 * their dwords kept. */
static void xvcpu__ts_save_image(const xvcpu__x86_task *t, bool tss32, uint32_t eflags, uint8_t *img)
{
    unsigned i;
    if (tss32) {
        xvcpu__ts_put32(img, t->eip);
        xvcpu__ts_put32(img + 4, eflags);
        for (i = 0; i < 8; i++)
            xvcpu__ts_put32(img + 8 + 4 * i, t->gpr[i]);
        for (i = 0; i < 6; i++)
            xvcpu__ts_put16(img + 40 + 4 * i, t->seg[i].sel);
        return;
    }
    xvcpu__ts_put16(img, t->eip);
    xvcpu__ts_put16(img + 2, eflags);
    for (i = 0; i < 8; i++)
        xvcpu__ts_put16(img + 4 + 2 * i, t->gpr[i]);
    for (i = 0; i < 4; i++)
        xvcpu__ts_put16(img + 20 + 2 * i, t->seg[i].sel);
}

/* A segment register that the new task could not load (a fault stopped the loads): its selector
 * with an unusable cache; CS and SS keep a cache VM entry accepts, at the new CPL, until the
 * fault's delivery loads them. */
static void xvcpu__ts_unloaded(xvcpu__x86_sreg *s, unsigned seg, unsigned cpl)
{
    if (seg == 1) { /* CS: a flat 32-bit accessed code segment at the CPL */
        s->cache.base = 0;
        s->cache.limit = 0xFFFFFFFFu;
        s->cache.attr = (uint16_t)(0xC9B | (cpl << 5));
        s->cache.usable = true;
        return;
    }
    s->cache.base = 0;
    s->cache.limit = 0;
    s->cache.attr = (uint16_t)(seg == 2 ? cpl << 5 : 0);
    s->cache.usable = false;
}

/* Load segment register `seg` (0-5) of the new task from its selector, with the checks of Table
 * 8-1 rows 6-17 (and MOV Sreg's, SDM Vol. 2). The accessed bit is set in the descriptor. */
static int xvcpu__ts_load_seg(xvcpu__ts_mem *m, unsigned seg, unsigned cpl)
{
    xvcpu__x86_task *t = m->t;
    xvcpu__x86_sreg *s = &t->seg[seg];
    uint16_t sel = s->sel;
    unsigned rpl = sel & 3u, dpl, type;
    uint32_t err = xvcpu__ts_sel_error(t, sel), at = 0;
    uint64_t d;
    bool code;
    int r;
    if ((sel & ~3u) == 0) { /* null: CS and SS may not be; a data segment becomes unusable */
        if (seg == 1 || seg == 2)
            goto ts;
        s->cache.base = 0, s->cache.limit = 0, s->cache.attr = 0, s->cache.usable = false;
        return XVCPU__TS_OK;
    }
    if (!xvcpu__ts_desc_addr(t, sel, &at))
        goto ts;
    if ((r = xvcpu__ts_read_desc(m, at, &d)) != XVCPU__TS_OK)
        return r;
    type = (unsigned)(d >> 40) & 0xF;
    dpl = (unsigned)(d >> 45) & 3;
    code = (type & 8) != 0;
    if (!((d >> 44) & 1))
        goto ts; /* a system descriptor */
    if (seg == 1) {
        if (!code || ((type & 4) ? dpl > rpl : dpl != rpl))
            goto ts;
    } else if (seg == 2) {
        if (rpl != cpl || code || !(type & 2) || dpl != cpl)
            goto ts;
    } else if ((code && !(type & 2)) || ((!code || !(type & 4)) && (dpl < cpl || dpl < rpl))) {
        goto ts; /* execute-only code; a data or nonconforming code segment above its privilege */
    }
    if (!((d >> 47) & 1)) {
        xvcpu__ts_fault(m->vcpu, t, seg == 2 ? 12 : 11, err, 0);
        return XVCPU__TS_RAISED;
    }
    if (!(type & 1)) {
        if ((r = xvcpu__ts_update_byte(m, at + 5, 1, 0)) != XVCPU__TS_OK)
            return r;
        d |= 1ull << 40;
    }
    xvcpu__ts_cache(d, &s->cache);
    return XVCPU__TS_OK;
ts:
    xvcpu__ts_fault(m->vcpu, t, 10, err, 0);
    return XVCPU__TS_RAISED;
}

/* LDTR of the new task: null leaves it unusable; else an LDT descriptor in the GDT, present
 * (Table 8-1 rows 5 and 10: #TS). */
static int xvcpu__ts_load_ldtr(xvcpu__ts_mem *m)
{
    xvcpu__x86_task *t = m->t;
    uint16_t sel = t->ldtr.sel;
    uint32_t at = 0;
    uint64_t d;
    int r;
    t->ldtr.cache.base = 0, t->ldtr.cache.limit = 0, t->ldtr.cache.attr = 0, t->ldtr.cache.usable = false;
    if ((sel & ~3u) == 0)
        return XVCPU__TS_OK;
    if ((sel & 4) || !xvcpu__ts_desc_addr(t, sel, &at))
        goto ts;
    if ((r = xvcpu__ts_read_desc(m, at, &d)) != XVCPU__TS_OK)
        return r;
    if (((d >> 40) & 0x1F) != 0x2 || !((d >> 47) & 1))
        goto ts;
    xvcpu__ts_cache(d, &t->ldtr.cache);
    return XVCPU__TS_OK;
ts:
    xvcpu__ts_fault(m->vcpu, t, 10, xvcpu__ts_sel_error(t, sel), 0);
    return XVCPU__TS_RAISED;
}

/* The new task's registers from its TSS image `n` (SDM Vol. 3A 8.2.1, 8.7). A 16-bit TSS gives
 * the low words: the upper ones read 0xFFFF (as Bochs and QEMU model them; the SDM leaves them
 * undefined), EFLAGS' upper half and FS, GS 0. */
static void xvcpu__ts_load_image(xvcpu__x86_task *t, const uint8_t *n, bool tss32)
{
    static const uint8_t seg16[4] = { 34, 36, 38, 40 }; /* ES CS SS DS */
    unsigned i;
    if (tss32) {
        t->eip = xvcpu__ts_le32(n + 32);
        t->eflags = (xvcpu__ts_le32(n + 36) & XVCPU__TS_EFLAGS_BITS) | 2u;
        for (i = 0; i < 8; i++)
            t->gpr[i] = xvcpu__ts_le32(n + 40 + 4 * i);
        for (i = 0; i < 6; i++)
            t->seg[i].sel = xvcpu__ts_le16(n + 72 + 4 * i);
        t->ldtr.sel = xvcpu__ts_le16(n + 96);
        return;
    }
    t->eip = xvcpu__ts_le16(n + 14);
    t->eflags = (xvcpu__ts_le16(n + 16) & XVCPU__TS_EFLAGS_BITS) | 2u;
    for (i = 0; i < 8; i++)
        t->gpr[i] = 0xFFFF0000u | xvcpu__ts_le16(n + 18 + 2 * i);
    for (i = 0; i < 4; i++)
        t->seg[i].sel = xvcpu__ts_le16(n + seg16[i]);
    t->seg[4].sel = t->seg[5].sel = 0;
    t->ldtr.sel = xvcpu__ts_le16(n + 42);
}

/* Push the event's error code on the new task's stack (SDM Vol. 2 INT "task gate": #SS(EXT) when
 * the stack's limit does not allow it): 4 bytes with a 32-bit TSS, 2 with a 16-bit one. */
static int xvcpu__ts_push_error(xvcpu__ts_mem *m, bool tss32, unsigned cpl)
{
    xvcpu__x86_task *t = m->t;
    const xvcpu__x86_segment *ss = &t->seg[2].cache;
    unsigned size = tss32 ? 4 : 2;
    bool big = (ss->attr & XVCPU__SEG_ATTR_DB) != 0;
    uint32_t mask = big ? 0xFFFFFFFFu : 0xFFFFu;
    uint32_t sp = (t->gpr[4] - size) & mask;
    uint8_t buf[4];
    int r;
    bool fits = (ss->attr & XVCPU__SEG_TYPE_EXPAND_DOWN) ? sp > ss->limit && sp + size - 1 <= mask
                                                         : sp + size - 1 <= ss->limit && sp + size - 1 >= sp;
    if (!fits) {
        xvcpu__ts_fault(m->vcpu, t, 12, xvcpu__ts_ext(t), 0);
        return XVCPU__TS_RAISED;
    }
    xvcpu__ts_put32(buf, t->event_error);
    m->mode.cpl = (uint8_t)cpl; /* the new task's access: its CPL and EFLAGS.AC (SMAP) */
    m->mode.rflags = t->eflags;
    if ((r = xvcpu__ts_access(m, (uint32_t)ss->base + sp, buf, size, true, true)) != XVCPU__TS_OK)
        return r;
    t->gpr[4] = (t->gpr[4] & ~mask) | sp;
    return XVCPU__TS_OK;
}

/* Everything the new task must load after the commit; the first fault stops it (the registers
 * not loaded yet stay unusable). */
static int xvcpu__ts_load_new(xvcpu__ts_mem *m, const uint8_t *n, bool tss32)
{
    static const uint8_t order[5] = { 3, 0, 4, 5, 0xFF }; /* after CS and SS: DS ES FS GS */
    xvcpu__x86_task *t = m->t;
    bool v86 = tss32 && (t->eflags & XVCPU__TS_VM) != 0;
    unsigned cpl = v86 ? 3u : (t->seg[1].sel & 3u), i;
    int r = XVCPU__TS_OK;

    for (i = 0; i < 6; i++)
        xvcpu__ts_unloaded(&t->seg[i], i, cpl);
    if ((r = xvcpu__ts_load_ldtr(m)) != XVCPU__TS_OK)
        return r;
    if (v86) { /* virtual-8086 segments: base selector * 16, 64 KiB, DPL 3 (SDM Vol. 3A 20.1.1) */
        for (i = 0; i < 6; i++) {
            t->seg[i].cache.base = (uint64_t)t->seg[i].sel << 4;
            t->seg[i].cache.limit = 0xFFFF;
            t->seg[i].cache.attr = 0xF3;
            t->seg[i].cache.usable = true;
        }
    } else {
        if ((r = xvcpu__ts_load_seg(m, 1, cpl)) != XVCPU__TS_OK || (r = xvcpu__ts_load_seg(m, 2, cpl)) != XVCPU__TS_OK)
            return r;
        for (i = 0; order[i] != 0xFF; i++)
            if ((r = xvcpu__ts_load_seg(m, order[i], cpl)) != XVCPU__TS_OK)
                return r;
    }
    if (t->event_valid && t->event_has_error && (r = xvcpu__ts_push_error(m, tss32, cpl)) != XVCPU__TS_OK)
        return r;
    if (t->eip > t->seg[1].cache.limit) {
        xvcpu__ts_fault(m->vcpu, t, 13, xvcpu__ts_ext(t), 0);
        return XVCPU__TS_RAISED;
    }
    if (tss32 && (n[100] & 1)) { /* the T bit: a debug trap before the new task's first instruction */
        xvcpu__ts_fault(m->vcpu, t, 1, 0, 0);
        t->debug_trap = true;
    }
    return XVCPU__TS_OK;
}

/* CR3 of a 32-bit TSS, loaded only with paging on (and PAE's PDPTEs with it: #GP for a reserved
 * bit in a present one, SDM Vol. 3A 5.4.1). */
static int xvcpu__ts_load_cr3(xvcpu__ts_mem *m, const xvcpu_stage2 *s2, uint32_t cr3)
{
    xvcpu__x86_task *t = m->t;
    if (!(t->cr0 & XVCPU_CR0_PG))
        return XVCPU__TS_OK;
    t->cr3 = cr3;
    t->cr3_loaded = true;
    m->mode.cr3 = cr3;
    if (t->cr4 & XVCPU_CR4_PAE) {
        if (!xvcpu__x86_read_pdptes(m->vcpu, s2, cr3, t->pdpte)) {
            xvcpu__ts_fault(m->vcpu, t, 13, 0, 0);
            return XVCPU__TS_RAISED;
        }
        t->pdptes_loaded = true;
        m->cfg.pdptes = t->pdpte;
    }
    return XVCPU__TS_OK;
}

/* The probes and writes of the commit, each on memory the probe phase found writable. */
static int xvcpu__ts_commit(xvcpu__ts_mem *m, const xvcpu_stage2 *s2, const uint8_t *n, uint32_t new_at,
                            uint64_t new_desc, uint32_t new_base, bool tss32, bool old32, uint32_t old_at)
{
    xvcpu__x86_task *t = m->t;
    bool nest = t->source == XVCPU_TASK_SWITCH_CALL || t->source == XVCPU_TASK_SWITCH_GATE;
    uint32_t saved_flags = t->eflags, old_base = (uint32_t)t->tr.cache.base;
    uint8_t img[64], link[2];
    unsigned len, at;
    int r;

    if (t->source == XVCPU_TASK_SWITCH_IRET)
        saved_flags &= ~XVCPU__TS_NT;
    len = xvcpu__ts_save_area(old32, &at);
    if ((r = xvcpu__ts_access(m, old_base + at, img, len, false, false)) != XVCPU__TS_OK)
        return r;
    xvcpu__ts_save_image(t, old32, saved_flags, img);
    /* the old TSS busy bit (JMP, IRET), the save, the back link, the new busy bit */
    if ((t->source == XVCPU_TASK_SWITCH_JMP || t->source == XVCPU_TASK_SWITCH_IRET) &&
        (r = xvcpu__ts_update_byte(m, old_at + 5, 0, 2)) != XVCPU__TS_OK)
        return r;
    if ((r = xvcpu__ts_access(m, old_base + at, img, len, true, false)) != XVCPU__TS_OK)
        return r;
    xvcpu__ts_put16(link, t->tr.sel);
    if (nest && (r = xvcpu__ts_access(m, new_base, link, 2, true, false)) != XVCPU__TS_OK)
        return r;
    if (t->source != XVCPU_TASK_SWITCH_IRET && (r = xvcpu__ts_update_byte(m, new_at + 5, 2, 0)) != XVCPU__TS_OK)
        return r;
    /* the new task: TR, CR0.TS, DR7, its registers */
    t->tr.sel = t->selector;
    xvcpu__ts_cache(new_desc | (2ull << 40), &t->tr.cache);
    t->cr0 |= XVCPU_CR0_TS;
    t->dr7 &= ~0x55ull;
    xvcpu__ts_load_image(t, n, tss32);
    if (nest)
        t->eflags |= XVCPU__TS_NT;
    if (tss32 && (r = xvcpu__ts_load_cr3(m, s2, xvcpu__ts_le32(n + 28))) != XVCPU__TS_OK)
        return r;
    return xvcpu__ts_load_new(m, n, tss32);
}

/* Switch tasks: XVCPU__TS_DONE, _FAULT or _VMM (see the enum). */
static int xvcpu__x86_task_switch(xvcpu_vcpu *vcpu, const xvcpu_stage2 *s2, xvcpu__x86_task *t)
{
    bool nest = t->source == XVCPU_TASK_SWITCH_CALL || t->source == XVCPU_TASK_SWITCH_GATE;
    unsigned old_type = t->tr.cache.attr & 0x1Fu, len, at;
    uint8_t n[104];
    uint64_t desc = 0;
    uint32_t new_at = 0, old_at = 0, new_base;
    xvcpu__x86_segment c;
    xvcpu__ts_mem m;
    bool tss32, old32 = old_type == 0xB;
    int r;

    t->cr3_loaded = t->pdptes_loaded = t->debug_trap = false;
    t->why = NULL;
    if ((t->efer & XVCPU_IA32_EFER_LMA) || !(t->cr0 & XVCPU_CR0_PE)) {
        t->why = "a task switch outside legacy protected mode";
        return XVCPU__TS_VMM;
    }
    if (!t->tr.cache.usable || (old_type != 0x3 && old_type != 0xB) || !xvcpu__ts_desc_addr(t, t->tr.sel, &old_at) ||
        (t->tr.sel & 4)) {
        t->why = "a task switch: TR does not hold a busy TSS of the GDT";
        return XVCPU__TS_VMM;
    }
    m.vcpu = vcpu;
    m.t = t;
    m.ram.hal = vcpu->hal;
    m.ram.s2 = s2;
    m.ram.cache = NULL;
    m.ram.bad_gpa = 0;
    m.why = NULL;
    XVCPU_MEMSET(&m.mode, 0, sizeof(m.mode));
    m.mode.cr0 = t->cr0, m.mode.cr3 = t->cr3, m.mode.cr4 = t->cr4, m.mode.efer = t->efer;
    m.mode.rflags = t->eflags;
    m.mode.rflags_valid = true;
    m.mode.code_bytes = 4;
    xvcpu__x86_walk_cfg(vcpu, &m.mode, &m.cfg);

    /* in the old task: the checks, the new TSS read, every page the commit writes probed */
    if ((r = xvcpu__ts_check_new(&m, &desc, &new_at)) == XVCPU__TS_OK) {
        xvcpu__ts_cache(desc, &c);
        new_base = (uint32_t)c.base;
        tss32 = ((desc >> 43) & 1) != 0;
        len = xvcpu__ts_save_area(old32, &at);
        if ((r = xvcpu__ts_access(&m, new_base, n, tss32 ? 104u : 44u, false, false)) == XVCPU__TS_OK &&
            (r = xvcpu__ts_access(&m, (uint32_t)t->tr.cache.base + at, NULL, len, true, false)) == XVCPU__TS_OK &&
            (!nest || (r = xvcpu__ts_access(&m, new_base, NULL, 2, true, false)) == XVCPU__TS_OK) &&
            (t->source == XVCPU_TASK_SWITCH_CALL || t->source == XVCPU_TASK_SWITCH_GATE ||
             (r = xvcpu__ts_access(&m, old_at + 5, NULL, 1, true, false)) == XVCPU__TS_OK) &&
            (t->source == XVCPU_TASK_SWITCH_IRET ||
             (r = xvcpu__ts_access(&m, new_at + 5, NULL, 1, true, false)) == XVCPU__TS_OK)) {
            /* the commit: from here on the new task's */
            r = xvcpu__ts_commit(&m, s2, n, new_at, desc, new_base, tss32, old32, old_at);
            if (r == XVCPU__TS_NO_RAM) {
                t->why = m.why;
                return XVCPU__TS_VMM;
            }
            return XVCPU__TS_DONE;
        }
    }
    if (r == XVCPU__TS_NO_RAM) {
        t->why = m.why;
        return XVCPU__TS_VMM;
    }
    return XVCPU__TS_FAULT;
}
