/* String port I/O (INS/OUTS) for both x86 backends: the memory side the CPU leaves to us.
 *
 * VMX and SVM check IOPL and the TSS I/O permission bitmap before the exit (SDM Vol. 3C 26.1.1,
 * APM Vol. 2 15.10.2): those #GPs never reach the library. The memory operand is not checked yet,
 * so the library applies what the CPU would, for every element: the segment (SDM Vol. 3A 5.3-5.4:
 * null selector, type, limit, expand-down; the canonical form in 64-bit mode) and the page walk.
 * The VMM gets one run of elements that stays inside one page and inside the segment, with its
 * guest-physical address. The guest executes the instruction again for the rest of rCX, so a huge
 * count never loops in the host, interrupts are taken between passes, and a fault arrives with
 * rCX/rSI/rDI at the faulting element, as on the CPU (SDM Vol. 2B "REP": the registers are
 * updated per iteration and a fault leaves them pointing at the element that faulted). */

/* One segment register as the string access uses it. */
typedef struct xvcpu__x86_segment {
    uint64_t base;
    uint32_t limit;  /* in bytes (granularity applied, as the VMCS and the VMCB hold it) */
    uint16_t attr;   /* type[3:0] S[4] DPL[6:5] P[7] AVL[8] L[9] D/B[10] G[11]: the VMCB's form */
    bool usable;     /* false: a null selector in protected mode (every access #GP(0)) */
} xvcpu__x86_segment;

#define XVCPU__SEG_TYPE_CODE 0x8u        /* type bit 3: code segment */
#define XVCPU__SEG_TYPE_EXPAND_DOWN 0x4u /* data segments */
#define XVCPU__SEG_TYPE_RW 0x2u          /* data: writable; code: readable */
#define XVCPU__SEG_ATTR_S 0x10u          /* code or data (not a system descriptor) */
#define XVCPU__SEG_ATTR_DB 0x400u

/* What the backend read from its exit besides port, width, direction and REP. */
typedef struct xvcpu__x86_strio {
    uint8_t addr_size; /* 2, 4 or 8 as the CPU reported it; 0: not reported (decode the instruction) */
    int8_t seg;        /* OUTS: the segment (0 ES .. 5 GS) the CPU reported; -1: not reported */
    void (*read_segment)(xvcpu_vcpu *vcpu, unsigned seg, xvcpu__x86_segment *out);
} xvcpu__x86_strio;

/* The last segment-override prefix before the opcode (DS without one); in 64-bit mode only FS
 * and GS overrides count (SDM Vol. 1 3.3.7.1). INS/OUTS have no ModRM: every byte before the
 * one-byte opcode is a prefix. */
static unsigned xvcpu__x86_prefix_segment(const xvcpu__fetched *f, unsigned code_bytes)
{
    unsigned i, seg = 3;
    for (i = 0; i + 1 < f->insn.length && i < f->count; i++) {
        switch (f->bytes[i]) {
        case 0x26: seg = 0; break;
        case 0x2E: seg = 1; break;
        case 0x36: seg = 2; break;
        case 0x3E: seg = 3; break;
        case 0x64: seg = 4; break;
        case 0x65: seg = 5; break;
        default: break; /* F0, F2, F3, 66, 67, REX */
        }
    }
    return code_bytes == 8 && seg < 4 ? 3 : seg;
}

/* Address size and OUTS segment from the instruction itself, for a CPU that does not report
 * them (QEMU's SVM never sets EXITINFO1's address-size bits; VMX without IA32_VMX_BASIC[54]). */
static xvcpu__action xvcpu__x86_strio_decode(xvcpu_vcpu *vcpu, const xvcpu_x86_mode *m, const xvcpu_stage2 *s2,
                                             xvcpu__x86_strio *io)
{
    xvcpu__fetched f;
    switch (xvcpu__x86_fetch(vcpu, m, s2, &f)) {
    case XVCPU__FETCH_OK: break;
    case XVCPU__FETCH_RAISED: return XVCPU__RESUME; /* the guest got #PF/#UD: RIP stays */
    default:
        return XVCPU__FAILED(xvcpu__fail(vcpu->hal, vcpu->error, XVCPU_ERR_NOT_MAPPED,
                                         "vCPU %u: string I/O at RIP %llx: the code is not in guest RAM",
                                         vcpu->id, (unsigned long long)m->rip));
    }
    /* the bytes are the guest's and may have changed since the exit: only 6C-6F is INS/OUTS */
    if (f.insn.encoding != XVCPU_X86_ENC_LEGACY || f.insn.map != 0 || (f.insn.opcode & 0xFC) != 0x6C)
        return XVCPU__RESUME; /* the guest runs whatever is there now */
    if (io->addr_size == 0)
        io->addr_size = f.insn.addr_bytes;
    if (io->seg < 0)
        io->seg = (int8_t)xvcpu__x86_prefix_segment(&f, m->code_bytes);
    return XVCPU__GO_ON;
}

/* How many whole elements from `offset` on stay within the segment, in the string's direction;
 * 0 when the first one does not (SDM Vol. 3A 5.3: expand-up offsets 0..limit, expand-down
 * limit+1..FFFFh or FFFFFFFFh by D/B). `amask` is the address size: offsets wrap there. */
static uint64_t xvcpu__x86_strio_room(const xvcpu__x86_segment *sg, bool limits, uint64_t offset, unsigned width,
                                      bool down, uint64_t amask)
{
    uint64_t lo = 0, hi = amask, last = offset + width - 1;
    if (limits) {
        bool expand_down = !(sg->attr & XVCPU__SEG_TYPE_CODE) && (sg->attr & XVCPU__SEG_TYPE_EXPAND_DOWN);
        if (expand_down) {
            lo = (uint64_t)sg->limit + 1;
            hi = (sg->attr & XVCPU__SEG_ATTR_DB) ? 0xFFFFFFFFull : 0xFFFFull;
        } else {
            hi = sg->limit;
        }
        if (offset < lo || last > hi)
            return 0;
        if (hi > amask)
            hi = amask;
    }
    if (down)
        return (offset - lo) / width + 1;
    return last > hi ? 1 : (hi - last) / width + 1; /* (an element across the wrap: that one alone) */
}

/* Fill the string fields of an IO_READ/IO_WRITE exit (kind, port, width and rep set) for the
 * guest in `m`. XVCPU__TO_VMM: the exit is ready; XVCPU__RESUME: the guest got an exception at
 * the instruction (or re-executes it); XVCPU__GO_ON: REP with rCX = 0, nothing to transfer: the
 * caller skips the instruction. */
static xvcpu__action xvcpu__x86_string_io(xvcpu_vcpu *vcpu, xvcpu_x86_mode *m, const xvcpu_stage2 *s2,
                                          xvcpu__x86_strio *io, xvcpu_exit *exit)
{
    uint64_t rflags = xvcpu__x86_mode_rflags(vcpu, m);
    bool in = exit->kind == XVCPU_EXIT_IO_READ, down = (rflags & XVCPU_RFLAGS_DF) != 0;
    bool protected_mode = (m->cr0 & XVCPU_CR0_PE) && !(rflags & XVCPU_RFLAGS_VM);
    unsigned width = exit->u.io.width, seg, fault_vector;
    uint64_t amask, offset, count, n, linear, in_page, gpa, gpa_split = 0;
    xvcpu__x86_segment sg;
    xvcpu__guest_ram ram;
    xvcpu__fetch_result walk;
    xvcpu__action r;

    if (io->addr_size == 0 || (!in && io->seg < 0)) {
        if ((r = xvcpu__x86_strio_decode(vcpu, m, s2, io)) != XVCPU__GO_ON)
            return r;
    }
    amask = io->addr_size == 8 ? ~0ull : (1ull << (8 * io->addr_size)) - 1;
    offset = vcpu->gpr[in ? XVCPU_REG_RDI : XVCPU_REG_RSI] & amask;
    count = exit->u.io.rep ? vcpu->gpr[XVCPU_REG_RCX] & amask : 1;
    if (count == 0)
        return XVCPU__GO_ON;
    seg = in ? 0 : (unsigned)io->seg % 6; /* INS writes ES:rDI, no override (SDM Vol. 2A "INS") */
    if (m->code_bytes == 8 && seg < 4) {
        sg.base = 0; /* 64-bit mode: CS, DS, ES, SS have base 0 and no limit (SDM Vol. 3A 5.2.1) */
        sg.limit = 0;
        sg.attr = 0;
        sg.usable = true;
    } else {
        io->read_segment(vcpu, seg, &sg);
    }
    fault_vector = seg == 2 ? 12 : 13; /* #SS for the stack segment, else #GP (SDM Vol. 3A 5.3) */
    if (protected_mode && m->code_bytes != 8) {
        bool code = (sg.attr & XVCPU__SEG_TYPE_CODE) != 0, rw = (sg.attr & XVCPU__SEG_TYPE_RW) != 0;
        /* a null selector, a write to code or read-only data, a read of execute-only code (5.4.1) */
        if (!sg.usable || !(sg.attr & XVCPU__SEG_ATTR_S) || (in && (code || !rw)) || (!in && code && !rw)) {
            xvcpu__x86_raise(vcpu, (uint8_t)fault_vector, 0);
            return XVCPU__RESUME;
        }
    }
    n = xvcpu__x86_strio_room(&sg, m->code_bytes != 8, offset, width, down, amask);
    if (n == 0) {
        xvcpu__x86_raise(vcpu, (uint8_t)fault_vector, 0);
        return XVCPU__RESUME;
    }
    if (n > count)
        n = count;
    if (rflags & XVCPU_RFLAGS_TF)
        n = 1; /* single-stepping traps after each iteration of a REP string instruction */
    linear = sg.base + offset;
    if (m->code_bytes != 8)
        linear &= 0xFFFFFFFFu;
    /* elements inside the first element's page; 0 when that one straddles two pages */
    in_page = down ? ((linear & 0xFFF) + width <= 0x1000 ? (linear & 0xFFF) / width + 1 : 0)
                   : (0x1000 - (linear & 0xFFF)) / width;
    if (in_page == 0)
        n = 1;
    else if (n > in_page)
        n = in_page;
    ram.hal = vcpu->hal;
    ram.s2 = s2;
    ram.cache = NULL;
    ram.bad_gpa = 0;
    walk = xvcpu__x86_translate(vcpu, m, &ram, linear, in ? XVCPU_X86_WALK_WRITE : 0, seg, &gpa);
    if (walk == XVCPU__FETCH_OK && in_page == 0) { /* the element's bytes on the next page */
        uint64_t next = (linear | 0xFFF) + 1;
        if (m->code_bytes != 8)
            next &= 0xFFFFFFFFu;
        walk = xvcpu__x86_translate(vcpu, m, &ram, next, in ? XVCPU_X86_WALK_WRITE : 0, seg, &gpa_split);
    }
    if (walk == XVCPU__FETCH_RAISED)
        return XVCPU__RESUME;
    if (walk == XVCPU__FETCH_FAILED) { /* the guest's page tables are not RAM: the VMM may map them */
        exit->kind = XVCPU_EXIT_NESTED_PAGE_FAULT;
        exit->u.nested_page_fault.addr = ram.bad_gpa;
        exit->u.nested_page_fault.access = XVCPU_ACCESS_READ;
        exit->u.nested_page_fault.linear_valid = false;
        exit->u.nested_page_fault.linear = 0;
        vcpu->pending.insn_len = 0;
        return XVCPU__TO_VMM;
    }
    exit->u.io.string = true;
    exit->u.io.addr_size = io->addr_size;
    exit->u.io.down = down;
    exit->u.io.count = n;
    exit->u.io.guest_addr = linear;
    exit->u.io.gpa = gpa;
    exit->u.io.gpa_split = gpa_split;
    return XVCPU__TO_VMM;
}
