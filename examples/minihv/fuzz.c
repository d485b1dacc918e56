/* minihv's fuzz mode (issue 12): the guest tests/guest/fuzz.S runs random instruction sequences in
 * every start mode at CPL0 and CPL3 while this VMM checks host invariants after every exit.
 *
 * The generator lives here (one xorshift stream per sequence, derived from FUZZ_SEED and the
 * sequence number, so every sequence can be printed and replayed): at each FUZZ_NEXT hypercall the
 * VMM writes a biased random sequence into the guest's code buffer and random GPRs and RFLAGS into
 * its register block, and answers the CPL to run it at. The guest launches it with IRET and catches
 * whatever ends it (any vector) in its own IDT, then asks for the next one.
 *
 * Host invariants, after every exit: xvcpu_vcpu_run() returns XVCPU_OK; no FAIL_ENTRY or UNHANDLED
 * exit (the library must refuse guest state with the architectural fault before an entry); every
 * completion call is accepted; RIP canonical (EFER.LMA) or below 4 GiB; RFLAGS bit 1 set and bits
 * 3, 5, 15, 22-63 clear; CR0, CR4 and EFER without reserved bits, PG => PE, not (NW and !CD),
 * LMA <=> (LME and PG), LMA => PAE. A host exception ends the run through minihv's trap handler
 * (minihv_on_trap prints the sequence first). A guest that wrecks itself (triple fault, no progress
 * within the exit budget even after an NMI, stage-2 pool used up) is restarted and counted.
 *
 * Build flags: FUZZ_SEED (default 1), FUZZ_EXITS (stop after this many exits, default 100000);
 * FUZZ_IF_ALWAYS (sequences start with RFLAGS.IF=1: Bochs, see docs/EMULATORS.md); for debugging,
 * FUZZ_SHOW (print every sequence), FUZZ_TRACE=n (a line every n exits), FUZZ_FIRST_MODE=m (start
 * in mode m) and FUZZ_ONLY=k (run sequence k again and again). */
#define XVCPU_IMPLEMENTATION
#include "vmm_platform.h"
#include "linux/linux.h" /* the host's local-APIC timer (linux/hosttimer.c): host_timer_* */

#ifndef FUZZ_SEED
#define FUZZ_SEED 1
#endif
#ifndef FUZZ_EXITS
#define FUZZ_EXITS 100000
#endif
#ifndef MINIHV_PLATFORM
#define MINIHV_PLATFORM bochs
#endif
#define FUZZ_STR_(x) #x
#define FUZZ_STR(x) FUZZ_STR_(x)

/* The guest's layout (tests/guest/fuzz.S says the same). */
#define GUEST_RAM (2u << 20)
#define GUEST_LOAD 0x8000u
#define GUEST_STACK 0x7F00u
#define GUEST_REGS 0xE000u   /* RAX..R15, RFLAGS: what the guest loads before its IRET */
#define GUEST_BUF 0x20000u   /* the code buffer, user-accessible (linear = physical) */
#define GUEST_BUF_SIZE 4096u
#define GUEST_USER_END 0x30000u
#define PT_PML4 0x1000u
#define HC_FUZZ_NEXT 0x46u
#define MMIO_GPA 0xD0000000ull
#define VMM_MSR 0xC0001234u
#define JUNK_PAGES 48u        /* stage-2 pages mapped on demand at unmapped GPAs, per guest life */
#define EXIT_BUDGET 400u      /* exits (timer ticks included) per sequence before an NMI, then a restart */
#define LIFE_SEQUENCES 1500u  /* sequences per guest life before the next start mode */
#define SLICE_TICKS 50000u    /* host timer: a sequence that computes without exits gives the CPU back */
#define TICK_BUDGET 3u        /* host timer exits per sequence before an NMI, then a restart */
#define MAX_SEQ 48u
#define MAX_REPORTS 8u

extern const unsigned char guest_blob[], guest_blob_end[];

typedef struct fuzz_seq {
    uint64_t number;
    uint8_t mode, cpl;
    uint8_t bytes[MAX_SEQ];
    unsigned len;
    uint64_t regs[17];
} fuzz_seq;

typedef struct fuzz {
    xvcpu_percpu cpu;
    xvcpu_vcpu vcpu;
    xvcpu_stage2 s2;
    uint8_t *ram;
    uint64_t ram_phys;
    uint8_t *junk;
    uint64_t junk_phys;
    unsigned junk_used;
    bool live, amd, fatal;
    uint8_t mode;          /* XVCPU_START_* of this life */
    uint64_t rng;
    fuzz_seq seq;          /* the sequence being run */
    uint64_t exits, host_failures, restarts, sequences, lives, life_sequences;
    uint64_t since_progress, ticks;
    bool nmi_sent;
    uint64_t vmm_msr;
    uint64_t kind[XVCPU_EXIT_KIND_COUNT];
    uint64_t hw[0x410];
    uint64_t vectors[257]; /* what ended each sequence in the guest (256: the first of a life) */
    uint64_t restart_why[6];
} fuzz;

enum { RESTART_TRIPLE, RESTART_STALL, RESTART_POOL, RESTART_FAILURE, RESTART_ROTATE, RESTART_KINDS };
static const char *const restart_names[RESTART_KINDS] = { "triple fault / shutdown", "no progress", "stage-2 pool used",
                                                           "after a host failure", "mode rotation" };

static fuzz F;

/* --- the host: HAL on minihv's page pool ------------------------------------------------------ */
static void *hal_alloc(void *ctx, size_t n, uint64_t *phys) { (void)ctx; return page_alloc(n, phys); }
static void hal_free(void *ctx, void *v, uint64_t phys, size_t n) { (void)ctx; (void)phys; page_free(v, n); }
static void *hal_p2v(void *ctx, uint64_t phys) { (void)ctx; return (void *)(uintptr_t)phys; }
static uint64_t hal_v2p(void *ctx, const void *v) { (void)ctx; return (uint64_t)(uintptr_t)v; }
static void hal_log(void *ctx, xvcpu_log_level level, const char *msg) { (void)ctx; kprintf("xvcpu[%d]: %s\n", (int)level, msg); }
static const xvcpu_hal hal = { NULL, hal_alloc, hal_free, hal_p2v, hal_v2p, hal_log };

/* --- the generator ------------------------------------------------------------------------------ */
static uint64_t rnd(void)
{
    uint64_t x = F.rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return F.rng = x;
}
static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

/* splitmix64: each sequence's stream from (seed, number), so one can be regenerated alone. */
static uint64_t stream(uint64_t seed, uint64_t number)
{
    uint64_t z = seed + (number + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return z ? z : 1;
}

static void put(fuzz_seq *s, uint8_t b)
{
    if (s->len < MAX_SEQ)
        s->bytes[s->len++] = b;
}
static void put32(fuzz_seq *s, uint32_t v)
{
    unsigned i;
    for (i = 0; i < 4; i++)
        put(s, (uint8_t)(v >> (8 * i)));
}

static const uint32_t msrs[] = { 0x10, 0x1B, 0x3A, 0x8B, 0xFE, 0x174, 0x175, 0x176, 0x179, 0x1A0, 0x1D9, 0x200, 0x277,
                                 0x2FF, 0x48B, 0x6E0, 0xC0000080, 0xC0000081, 0xC0000082, 0xC0000084, 0xC0000100,
                                 0xC0000101, 0xC0000102, 0xC0000103, 0xC0001234, 0xC0010010, 0xC0010114, 0xC0010117,
                                 0x480, 0x3B, 0xDA0, 0xFFFFFFFF };
static const uint16_t ports[] = { 0x600, 0x601, 0x20, 0x21, 0x40, 0x43, 0x60, 0x64, 0x70, 0x71, 0x80, 0x92,
                                  0xCF8, 0xCFC, 0x3F8, 0x3FD, 0xF4, 0xFFFF };

/* An interesting address: the MMIO device, an unmapped GPA, the user area, RAM, anything. */
static uint32_t address(void)
{
    switch (below(6)) {
    case 0: case 1: return (uint32_t)MMIO_GPA + (below(0x1000) & ~(1u << below(4)));
    case 2: return 0x40000000u + below(0x200000);
    case 3: return GUEST_BUF + below(GUEST_USER_END - GUEST_BUF);
    case 4: return below(GUEST_RAM);
    default: return (uint32_t)rnd();
    }
}

/* "mov $imm32, %e<reg>" in the mode's operand size (66 in 16-bit code). */
static void mov_imm32(fuzz_seq *s, unsigned reg, uint32_t v)
{
    if (s->mode == XVCPU_START_REAL)
        put(s, 0x66);
    put(s, (uint8_t)(0xB8 + reg));
    put32(s, v);
}

/* A memory operand at an absolute address: ModRM (reg field `reg`) and displacement. 64-bit code
 * needs a SIB without base (mod 00 r/m 101 is RIP-relative there); 16-bit code takes a 16-bit
 * displacement (r/m 110). */
static void mem_abs(fuzz_seq *s, unsigned reg, uint32_t addr)
{
    if (s->mode == XVCPU_START_LONG) {
        put(s, (uint8_t)(reg << 3 | 4));
        put(s, 0x25);
        put32(s, addr);
    } else if (s->mode == XVCPU_START_REAL) {
        put(s, (uint8_t)(reg << 3 | 6));
        put(s, (uint8_t)addr);
        put(s, (uint8_t)(addr >> 8));
    } else {
        put(s, (uint8_t)(reg << 3 | 5));
        put32(s, addr);
    }
}

static void prefixes(fuzz_seq *s)
{
    static const uint8_t p[] = { 0x66, 0x67, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0xF0 };
    unsigned n = below(4) == 0 ? 1 + below(3) : 0;
    while (n--)
        put(s, p[below(sizeof(p))]);
    if (s->mode == XVCPU_START_LONG && below(3) == 0)
        put(s, (uint8_t)(0x40 + below(16)));
}

/* One piece of a sequence: an intercepted or event-raising instruction, a memory access aimed at
 * the device or an unmapped GPA, or plain random bytes. */
static void piece(fuzz_seq *s)
{
    static const uint8_t two[][2] = {
        { 0x0F, 0xA2 }, /* CPUID */       { 0x0F, 0x32 }, /* RDMSR */   { 0x0F, 0x30 }, /* WRMSR */
        { 0x0F, 0x33 }, /* RDPMC */       { 0x0F, 0x31 }, /* RDTSC */   { 0x0F, 0x0B }, /* UD2 */
        { 0x0F, 0x06 }, /* CLTS */        { 0x0F, 0x09 }, /* WBINVD */  { 0x0F, 0x08 }, /* INVD */
        { 0x0F, 0x05 }, /* SYSCALL */     { 0x0F, 0x34 }, /* SYSENTER */{ 0x0F, 0x07 }, /* SYSRET */
        { 0xFB, 0xF4 }, /* STI; HLT */    { 0xFA, 0xF4 }, /* CLI; HLT */{ 0x9D, 0x90 }, /* POPF */
    };
    static const uint8_t three[][3] = {
        { 0x0F, 0x01, 0xC1 }, /* VMCALL */ { 0x0F, 0x01, 0xD9 }, /* VMMCALL */ { 0x0F, 0x01, 0xD1 }, /* XSETBV */
        { 0x0F, 0x01, 0xD0 }, /* XGETBV */ { 0x0F, 0x01, 0xF9 }, /* RDTSCP */  { 0x0F, 0x01, 0xC8 }, /* MONITOR */
        { 0x0F, 0x01, 0xC9 }, /* MWAIT */  { 0x0F, 0x01, 0xF8 }, /* SWAPGS */  { 0x0F, 0x01, 0xD8 }, /* VMRUN */
        { 0x0F, 0x01, 0xDD }, /* CLGI */   { 0x0F, 0x01, 0xC4 }, /* VMXOFF */  { 0x0F, 0x01, 0xDF }, /* INVLPGA */
    };
    static const uint8_t one[] = { 0xF4, 0xCC, 0xCE, 0xF1, 0xCF, 0x9D, 0xFA, 0xFB, 0x6C, 0x6D, 0x6E, 0x6F,
                                   0xEC, 0xED, 0xEE, 0xEF, 0xA4, 0xA5, 0xAA, 0xAB, 0x17, 0x8E };
    unsigned i, n;

    prefixes(s);
    switch (below(16)) {
    case 0: mov_imm32(s, 0, below(4) ? below(0x20) | (below(2) << 31) : (uint32_t)rnd()); /* EAX: CPUID leaf */
        put(s, 0x0F); put(s, 0xA2); break;
    case 1: mov_imm32(s, 1, below(4) ? msrs[below(sizeof(msrs) / 4)] : (uint32_t)rnd()); /* ECX: MSR */
        put(s, 0x0F); put(s, below(2) ? 0x32 : 0x30); break;
    case 2: put(s, 0x0F); put(s, (uint8_t)(0x20 + below(4))); put(s, (uint8_t)(0xC0 | below(64))); break; /* MOV CR/DR */
    case 3: { /* port I/O with a chosen port in DX (or an 8-bit immediate) */
        uint16_t port = below(3) ? ports[below(sizeof(ports) / 2)] : (uint16_t)rnd();
        if (port == 0xE9) /* the console */
            port = 0xEA;
        if (below(3) == 0) {
            put(s, (uint8_t)(0xE4 + below(4)));
            put(s, (uint8_t)(port == 0xE9 ? 0xEA : port));
        } else {
            put(s, 0xB2); put(s, (uint8_t)port); put(s, 0xB6); put(s, (uint8_t)(port >> 8)); /* DL, DH */
            if (below(2)) put(s, 0xF3);
            put(s, one[8 + below(8)]);
        }
        break;
    }
    case 4: case 5: /* a load or store aimed at the device, an unmapped GPA or the user area */
        put(s, below(2) ? 0x8B : below(2) ? 0x89 : (uint8_t)(0x00 + 8 * below(8) + below(4))); /* MOV or ALU */
        mem_abs(s, below(8), address());
        break;
    case 6: put(s, 0x0F); put(s, 0x01); mem_abs(s, below(2) ? 7 : below(8), address()); break; /* INVLPG, LGDT.. */
    case 7: put(s, 0xCD); put(s, (uint8_t)rnd()); break; /* INT n */
    case 8: n = below(sizeof(two) / 2); put(s, two[n][0]); put(s, two[n][1]); break;
    case 9: n = below(sizeof(three) / 3); put(s, three[n][0]); put(s, three[n][1]); put(s, three[n][2]); break;
    case 10: put(s, one[below(sizeof(one))]); break;
    case 11: /* a far jump or call to a chosen selector (TSS and gates included) */
        put(s, below(2) ? 0xEA : 0x9A);
        if (s->mode == XVCPU_START_REAL) { put(s, (uint8_t)rnd()); put(s, (uint8_t)rnd()); }
        else put32(s, (uint32_t)rnd());
        put(s, (uint8_t)(8 * below(10) + below(4))); put(s, 0);
        break;
    case 12: put(s, 0x8E); put(s, (uint8_t)(0xC0 | below(64))); break; /* MOV Sreg */
    case 13: mov_imm32(s, (unsigned[]){ 0, 1, 2, 3, 5, 6, 7 }[below(7)], address()); break; /* not ESP */
    default: /* random bytes */
        n = 1 + below(6);
        for (i = 0; i < n; i++)
            put(s, (uint8_t)rnd());
        break;
    }
}

/* A register value: random, small, an address, a port, an MSR number. */
static uint64_t reg_value(void)
{
    switch (below(6)) {
    case 0: return rnd();
    case 1: return below(0x100);
    case 2: return address();
    case 3: return ports[below(sizeof(ports) / 2)];
    case 4: return msrs[below(sizeof(msrs) / 4)];
    default: return rnd() & 0xFFFFFFFFu;
    }
}

/* RFLAGS the guest may set: status flags, DF, IF, AC, ID, sometimes TF, NT, IOPL 3 (bit 1 set). */
static uint64_t rflags_value(void)
{
    uint64_t f = (rnd() & (0x8D5u | 0x400 | 0x200 | 0x40000 | 0x200000)) | 2;
    if (below(16) == 0) f |= 0x100;  /* TF */
    if (below(16) == 0) f |= 0x4000; /* NT */
    if (below(4) == 0) f |= 0x3000;  /* IOPL 3 */
#ifdef FUZZ_IF_ALWAYS
    f |= 0x200; /* Bochs 2.7 loses the host-interrupt exit of a guest entered with IF=0 (docs/EMULATORS.md) */
#endif
    return f;
}

/* Sequence `number` of the run, for a life in start mode `mode`: its CPL (3 for half of them
 * outside real mode), bytes, GPRs and RFLAGS, all from its own stream. */
static void generate(fuzz_seq *s, uint64_t number, uint8_t mode)
{
    unsigned i, pieces;
    uint8_t cpl;
    F.rng = stream(FUZZ_SEED, number);
    cpl = mode != XVCPU_START_REAL && below(2) ? 3 : 0;
    s->number = number;
    s->mode = mode;
    s->cpl = cpl;
    s->len = 0;
    pieces = 1 + below(5);
    for (i = 0; i < pieces; i++)
        piece(s);
    for (i = 0; i < 16; i++)
        s->regs[i] = reg_value();
    /* a stack in the user area; prot-mode CPL3 segments are based at GUEST_BUF */
    s->regs[XVCPU_REG_RSP] = 0x2F000u - 16 * below(0x100) - below(2) * below(16);
    if (cpl == 3 && mode == XVCPU_START_PROTECTED)
        s->regs[XVCPU_REG_RSP] &= 0xFFFF;
    if (mode == XVCPU_START_REAL)
        s->regs[XVCPU_REG_RSP] &= 0xFFFE;
    s->regs[16] = rflags_value();
}

static void print_seq(const fuzz_seq *s)
{
    static const char hex[] = "0123456789abcdef";
    char text[MAX_SEQ * 3 + 1];
    unsigned i;
    for (i = 0; i < s->len; i++) {
        text[3 * i] = ' ';
        text[3 * i + 1] = hex[s->bytes[i] >> 4];
        text[3 * i + 2] = hex[s->bytes[i] & 15];
    }
    text[3 * s->len] = 0;
    kprintf("fuzz:   seed %lu sequence %lu mode %u cpl %u bytes%s\n", (unsigned long)FUZZ_SEED, (unsigned long)s->number,
            s->mode, s->cpl, text);
    for (i = 0; i < 17; i += 4)
        kprintf("fuzz:   regs[%u..] %lx %lx %lx %lx\n", i, (unsigned long)s->regs[i],
                (unsigned long)(i + 1 < 17 ? s->regs[i + 1] : 0), (unsigned long)(i + 2 < 17 ? s->regs[i + 2] : 0),
                (unsigned long)(i + 3 < 17 ? s->regs[i + 3] : 0));
}

/* minihv's trap handler calls this before it reports a host exception (kernel/trap.c). */
void minihv_on_trap(void)
{
    kprintf("fuzz: HOST EXCEPTION after %lu exits in this sequence:\n", (unsigned long)F.since_progress);
    print_seq(&F.seq);
}

/* --- host failures ---------------------------------------------------------------------------- */
static void host_failure(const xvcpu_exit *e, const char *what)
{
    F.host_failures++;
    if (F.host_failures > MAX_REPORTS)
        return;
    kprintf("fuzz: HOST FAILURE: %s (exit %s, raw reason %lx %s, qualification %lx)\n", what,
            e ? xvcpu_exit_kind_name(e->kind) : "-", e ? (unsigned long)e->raw_reason : 0ul,
            e && e->raw_reason_name ? e->raw_reason_name : "-", e ? (unsigned long)e->raw_qualification : 0ul);
    if (F.live)
        kprintf("fuzz:   library: %s\n", xvcpu_vcpu_last_error(&F.vcpu));
    print_seq(&F.seq);
}

static bool call_ok(const xvcpu_exit *e, xvcpu_err err, const char *what)
{
    if (err == XVCPU_OK)
        return true;
    host_failure(e, what);
    return false;
}

/* The architectural invariants on the state the library left (SDM Vol. 3A 2.5, 3.4.3; APM Vol. 2
 * 3.1): what no guest instruction can produce. Returns the broken one, or NULL. */
static const char *broken_invariant(void)
{
    uint64_t rip, rflags, cr0, cr4, efer;
    bool lma;
    if (xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_RIP, &rip) != XVCPU_OK ||
        xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_RFLAGS, &rflags) != XVCPU_OK ||
        xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_CR0, &cr0) != XVCPU_OK ||
        xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_CR4, &cr4) != XVCPU_OK ||
        xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_EFER, &efer) != XVCPU_OK)
        return "xvcpu_vcpu_get_reg refused a register";
    lma = (efer & XVCPU_IA32_EFER_LMA) != 0;
    if (lma ? (uint64_t)((int64_t)(rip << 16) >> 16) != rip : rip >> 32 != 0)
        return lma ? "RIP not canonical" : "RIP above 4 GiB outside long mode";
    if (!(rflags & 2) || (rflags & (0x8 | 0x20 | 0x8000 | ~0x3FFFFFull)))
        return "RFLAGS reserved bits (1 must be set; 3, 5, 15, 22-63 clear)";
    if (cr0 & XVCPU_CR0_RESERVED)
        return "CR0 reserved bits set";
    if ((cr0 & XVCPU_CR0_PG) && !(cr0 & XVCPU_CR0_PE))
        return "CR0.PG without CR0.PE";
    if ((cr0 & XVCPU_CR0_NW) && !(cr0 & XVCPU_CR0_CD))
        return "CR0.NW without CR0.CD";
    if (cr4 & XVCPU_CR4_RESERVED)
        return "CR4 reserved bits set";
    if (efer & XVCPU_IA32_EFER_RESERVED)
        return "EFER reserved bits set";
    if (lma != ((efer & XVCPU_IA32_EFER_LME) && (cr0 & XVCPU_CR0_PG)))
        return "EFER.LMA != (EFER.LME and CR0.PG)";
    if (lma && !(cr4 & XVCPU_CR4_PAE))
        return "EFER.LMA without CR4.PAE";
    return NULL;
}

/* --- a guest life ------------------------------------------------------------------------------- */
static uint32_t blob32(unsigned off)
{
    const unsigned char *b = guest_blob + off;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Long-mode tables (4 KiB pages; the user area 0x20000-0x2FFFF user-accessible, the rest of RAM
 * supervisor-only), linear 0x40000000 (2 MiB, an unmapped GPA) and 0xD0000000 (2 MiB: the device
 * page and unmapped GPAs), both user-accessible. */
static void build_long_tables(uint8_t *ram)
{
    uint64_t *pml4 = (uint64_t *)(ram + 0x1000), *pdpt = (uint64_t *)(ram + 0x2000);
    uint64_t *pd0 = (uint64_t *)(ram + 0x3000), *pt = (uint64_t *)(ram + 0x4000);
    uint64_t *pd1 = (uint64_t *)(ram + 0x5000), *pd3 = (uint64_t *)(ram + 0x6000);
    unsigned i;
    pml4[0] = 0x2000 | 7;
    pdpt[0] = 0x3000 | 7;
    pdpt[1] = 0x5000 | 7;
    pdpt[3] = 0x6000 | 7;
    pd0[0] = 0x4000 | 7;
    for (i = 0; i < 512; i++)
        pt[i] = (uint64_t)i << 12 | (i >= GUEST_BUF >> 12 && i < GUEST_USER_END >> 12 ? 7 : 3);
    pd1[0] = 0x40000000ull | 0x87;
    pd3[128] = MMIO_GPA | 0x87;
}

static void end_life(void)
{
    if (!F.live)
        return;
    for (unsigned i = 0; i < 0x410; i++)
        F.hw[i] += xvcpu_vcpu_exit_count(&F.vcpu, i);
    if (xvcpu_vcpu_unbind(&F.vcpu) != XVCPU_OK || xvcpu_vcpu_destroy(&F.vcpu) != XVCPU_OK)
        host_failure(NULL, "vCPU teardown refused");
    xvcpu_stage2_destroy(&F.s2);
    F.live = false;
}

static bool start_life(void)
{
    static const uint8_t modes[3] = { XVCPU_START_REAL, XVCPU_START_PROTECTED, XVCPU_START_LONG };
    xvcpu_vcpu_setup_args args;
    xvcpu_err err;
    size_t size = (size_t)(guest_blob_end - guest_blob);
    uint32_t hc = blob32(28);

    F.mode = modes[F.lives++ % 3];
    F.life_sequences = 0;
    F.since_progress = F.ticks = 0;
    F.nmi_sent = false;
    F.junk_used = 0;
    memset(F.ram, 0, GUEST_RAM);
    memcpy(F.ram + GUEST_LOAD, guest_blob, size);
    F.ram[hc + 2] = F.amd ? 0xD9 : 0xC1; /* the guest's hypercall: VMMCALL or VMCALL */
    if (F.mode == XVCPU_START_LONG)
        build_long_tables(F.ram);
    if ((err = xvcpu_stage2_init_for_cpu(&F.s2, &F.cpu)) != XVCPU_OK ||
        (err = xvcpu_stage2_map(&F.s2, 0, F.ram_phys, GUEST_RAM, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC,
                                6)) != XVCPU_OK) {
        kprintf("fuzz: stage 2: %s: %s\n", xvcpu_strerror(err), xvcpu_stage2_last_error(&F.s2));
        return false;
    }
    args.mode = (xvcpu_start_mode)F.mode;
    args.entry = blob32(16 + 4 * (F.mode - 1));
    args.stack = GUEST_STACK;
    args.cr3 = F.mode == XVCPU_START_LONG ? PT_PML4 : 0;
    args.stage2 = &F.s2;
    if ((err = xvcpu_vcpu_create(&F.vcpu, &F.cpu, 0)) != XVCPU_OK || (err = xvcpu_vcpu_setup(&F.vcpu, &args)) != XVCPU_OK ||
        (err = xvcpu_vcpu_msr_to_vmm(&F.vcpu, VMM_MSR, XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE, true)) != XVCPU_OK ||
        (err = xvcpu_vcpu_add_mmio_region(&F.vcpu, MMIO_GPA, 0x1000)) != XVCPU_OK ||
        (err = xvcpu_vcpu_bind(&F.vcpu, &F.cpu)) != XVCPU_OK) {
        kprintf("fuzz: vCPU setup: %s: %s\n", xvcpu_strerror(err), xvcpu_vcpu_last_error(&F.vcpu));
        return false;
    }
    F.live = true;
    return true;
}

/* A new life in the next start mode; a life that cannot start ends the run (F.fatal). */
static void restart(unsigned why)
{
    F.restart_why[why]++;
    if (why != RESTART_ROTATE)
        F.restarts++;
    end_life();
    if (!start_life())
        F.fatal = true;
}

/* FUZZ_NEXT from the guest's own hypercall: note what ended the last sequence, write the next. */
static bool next_sequence(const xvcpu_exit *e)
{
    uint64_t vector = e->u.hypercall.args[0];
    F.vectors[vector < 256 ? vector : 256]++;
    if (++F.life_sequences > LIFE_SEQUENCES) {
        restart(RESTART_ROTATE);
        return true;
    }
#ifdef FUZZ_ONLY
    generate(&F.seq, FUZZ_ONLY, F.mode); /* replay one sequence again and again (with FUZZ_FIRST_MODE) */
    F.sequences++;
#else
    generate(&F.seq, F.sequences++, F.mode);
#endif
#ifdef FUZZ_SHOW
    print_seq(&F.seq);
#endif
    memset(F.ram + GUEST_BUF, 0xCC, GUEST_BUF_SIZE); /* INT3 after the sequence, at any offset */
    memcpy(F.ram + GUEST_BUF, F.seq.bytes, F.seq.len);
    memcpy(F.ram + GUEST_REGS, F.seq.regs, sizeof(F.seq.regs));
    F.since_progress = 0;
    F.ticks = 0;
    F.nmi_sent = false;
    return call_ok(e, xvcpu_complete_hypercall(&F.vcpu, F.seq.cpl), "xvcpu_complete_hypercall refused FUZZ_NEXT");
}

static bool is_guest_hypercall(const xvcpu_exit *e)
{
    uint64_t rip;
    return e->u.hypercall.nr == HC_FUZZ_NEXT && xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_RIP, &rip) == XVCPU_OK &&
           rip == blob32(28);
}

/* A stage-2 fault at an unmapped GPA: back it with a junk page (INT3 bytes) from the pool. */
static bool map_junk(const xvcpu_exit *e)
{
    uint64_t gpa = e->u.nested_page_fault.addr & ~0xFFFull;
    uint8_t *page;
    if (F.junk_used == JUNK_PAGES) {
        restart(RESTART_POOL);
        return true;
    }
    page = F.junk + 4096ull * F.junk_used;
    memset(page, 0xCC, 4096);
    if (xvcpu_stage2_map(&F.s2, gpa, F.junk_phys + 4096ull * F.junk_used, 4096,
                         XVCPU_ACCESS_READ | XVCPU_ACCESS_WRITE | XVCPU_ACCESS_EXEC, 6) != XVCPU_OK) {
        restart(RESTART_POOL); /* beyond what stage 2 can map: nothing more to learn there */
        return true;
    }
    F.junk_used++;
    return true;
}

static bool halt(const xvcpu_exit *e)
{
    uint64_t rflags = 0;
    if (!call_ok(e, xvcpu_complete(&F.vcpu), "xvcpu_complete refused HALT"))
        return false;
    xvcpu_vcpu_get_reg(&F.vcpu, XVCPU_REG_RFLAGS, &rflags);
    /* wake it: an interrupt when it can take one, else an NMI (BUSY: one is queued already) */
    if (rflags & 0x200)
        xvcpu_inject_interrupt(&F.vcpu, 0x20);
    else
        xvcpu_inject_nmi(&F.vcpu);
    return true;
}

/* Answer one exit the way a neutral VMM would; false when the library refused an answer. */
static bool answer(const xvcpu_exit *e)
{
    switch (e->kind) {
    case XVCPU_EXIT_NOTHING: return true;
    case XVCPU_EXIT_EXTERNAL_INTERRUPT:
        if (F.cpu.backend == xvcpu_vmx_backend() && e->u.external_interrupt.vector == HOST_TIMER_VECTOR)
            host_timer_eoi(); /* VMX acknowledged it on exit; SVM's stays pending for the host */
        return true;
    case XVCPU_EXIT_HYPERCALL:
        if (is_guest_hypercall(e))
            return next_sequence(e);
        return call_ok(e, xvcpu_complete_hypercall(&F.vcpu, (uint64_t)-1), "xvcpu_complete_hypercall refused");
    case XVCPU_EXIT_IO_READ:
        if (e->u.io.string)
            return call_ok(e, xvcpu_complete_string_io(&F.vcpu, e->u.io.count), "xvcpu_complete_string_io refused");
        return call_ok(e, xvcpu_complete_io_read(&F.vcpu, 0xFFFFFFFFu >> (32 - 8 * e->u.io.width)),
                       "xvcpu_complete_io_read refused");
    case XVCPU_EXIT_IO_WRITE:
        if (e->u.io.string)
            return call_ok(e, xvcpu_complete_string_io(&F.vcpu, e->u.io.count), "xvcpu_complete_string_io refused");
        return call_ok(e, xvcpu_complete(&F.vcpu), "xvcpu_complete refused IO_WRITE");
    case XVCPU_EXIT_SYSREG_READ:
        return call_ok(e, xvcpu_complete_sysreg_read(&F.vcpu, F.vmm_msr), "xvcpu_complete_sysreg_read refused");
    case XVCPU_EXIT_SYSREG_WRITE:
        F.vmm_msr = e->u.sysreg_write.value;
        return call_ok(e, xvcpu_complete(&F.vcpu), "xvcpu_complete refused SYSREG_WRITE");
    case XVCPU_EXIT_MMIO_READ:
        return call_ok(e, xvcpu_complete_mmio_read(&F.vcpu, 0x0123456789ABCDEFull), "xvcpu_complete_mmio_read refused");
    case XVCPU_EXIT_MMIO_WRITE:
        return call_ok(e, xvcpu_complete(&F.vcpu), "xvcpu_complete refused MMIO_WRITE");
    case XVCPU_EXIT_MMIO_UNSUPPORTED: /* the device takes no such access: #GP(0) at the instruction */
        return call_ok(e, xvcpu_complete_fault(&F.vcpu, 13, 0), "xvcpu_complete_fault refused");
    case XVCPU_EXIT_HALT: return halt(e);
    case XVCPU_EXIT_NESTED_PAGE_FAULT: return map_junk(e);
    case XVCPU_EXIT_SYSTEM_DOWN: restart(RESTART_TRIPLE); return true;
    case XVCPU_EXIT_CPU_UP:
    case XVCPU_EXIT_SEND_IPI: /* a guest INIT/SIPI or IPI to a CPU that is not there: dropped */
        return call_ok(e, xvcpu_complete(&F.vcpu), "xvcpu_complete refused an IPI exit");
    case XVCPU_EXIT_FAIL_ENTRY:
        kprintf("fuzz:   entry check: %s\n", e->u.fail_entry.check ? e->u.fail_entry.check : "-");
        host_failure(e, "failed VM entry");
        return false;
    default:
        host_failure(e, "exit the library should have handled");
        return false;
    }
}

/* After every exit: run returned OK (checked by the caller), the state is architecturally
 * possible, and the guest moves on within its budget. */
static void after_exit(const xvcpu_exit *e)
{
    const char *why;
    if (e->kind != XVCPU_EXIT_SYSTEM_DOWN && e->kind != XVCPU_EXIT_FAIL_ENTRY && (why = broken_invariant()) != NULL) {
        host_failure(e, why);
        restart(RESTART_FAILURE);
        return;
    }
    if (!answer(e)) {
        restart(RESTART_FAILURE);
        return;
    }
    if (e->kind == XVCPU_EXIT_EXTERNAL_INTERRUPT)
        F.ticks++;
    if ((++F.since_progress >= EXIT_BUDGET || F.ticks >= TICK_BUDGET) && !F.nmi_sent) {
        F.nmi_sent = true;
        F.since_progress = F.ticks = 0;
        xvcpu_inject_nmi(&F.vcpu); /* the guest's vector 2 handler ends the sequence */
    } else if (F.since_progress >= EXIT_BUDGET || F.ticks >= TICK_BUDGET) {
        restart(RESTART_STALL);
    }
}

static void report(void)
{
    unsigned i;
    kprintf("fuzz: %lu exits, %lu host failures, %lu guest restarts, %lu sequences\n", (unsigned long)F.exits,
            (unsigned long)F.host_failures, (unsigned long)F.restarts, (unsigned long)F.sequences);
    kprintf("fuzz: exits by kind:\n");
    for (i = 0; i < XVCPU_EXIT_KIND_COUNT; i++)
        if (F.kind[i])
            kprintf("fuzz:   %-22s %lu\n", xvcpu_exit_kind_name((xvcpu_exit_kind)i), (unsigned long)F.kind[i]);
    kprintf("fuzz: exits by hardware reason:\n");
    for (i = 0; i < 0x410; i++) {
        const char *name = F.cpu.backend == xvcpu_svm_backend() ? xvcpu_svm_exit_name(i) : xvcpu_vmx_exit_reason_name(i);
        if (F.hw[i])
            kprintf("fuzz:   %-22s %lu\n", name ? name : "?", (unsigned long)F.hw[i]);
    }
    kprintf("fuzz: guest restarts by cause:\n");
    for (i = 0; i < RESTART_KINDS; i++)
        if (F.restart_why[i])
            kprintf("fuzz:   %-22s %lu\n", restart_names[i], (unsigned long)F.restart_why[i]);
    kprintf("fuzz: sequences ended by guest vector:");
    for (i = 0; i < 256; i++)
        if (F.vectors[i])
            kprintf(" %x:%lu", i, (unsigned long)F.vectors[i]);
    kprintf("\n");
    kprintf("bench: fuzz.guest_exits %lu exits\n", (unsigned long)F.exits);
    kprintf("bench: fuzz.host_failures %lu count\n", (unsigned long)F.host_failures);
}

int minihv_main(void)
{
    uint32_t regs[4];
    xvcpu_exit exit;
    xvcpu_err err;

    kprintf("fuzz: seed %lu, %lu exits, platform %s\n", (unsigned long)FUZZ_SEED, (unsigned long)FUZZ_EXITS,
            FUZZ_STR(MINIHV_PLATFORM));
    if ((err = xvcpu_percpu_init(&F.cpu, &hal, 0, NULL)) != XVCPU_OK || (err = xvcpu_percpu_enable(&F.cpu)) != XVCPU_OK) {
        kprintf("fuzz: xvcpu_percpu_enable: %s: %s\n", xvcpu_strerror(err), xvcpu_percpu_last_error(&F.cpu));
        return 1;
    }
    __asm__ volatile("cpuid" : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3]) : "a"(0), "c"(0));
    F.amd = regs[1] == 0x68747541u; /* "Auth" */
    F.ram = (uint8_t *)page_alloc(GUEST_RAM / 4096, &F.ram_phys);
    F.junk = (uint8_t *)page_alloc(JUNK_PAGES, &F.junk_phys);
    F.vmm_msr = 0x1122334455667788ull;
#ifdef FUZZ_FIRST_MODE
    F.lives = FUZZ_FIRST_MODE - 1; /* start in this mode (debugging) */
#endif
    if (F.ram == NULL || F.junk == NULL || !start_life())
        return 1;
    host_timer_init();
    while (F.exits < FUZZ_EXITS) {
        host_timer_arm(rdtsc() + SLICE_TICKS, SLICE_TICKS);
        __asm__ volatile("sti" ::: "memory"); /* SVM: the host takes its timer after the run */
        err = xvcpu_vcpu_run(&F.vcpu, &exit);
        __asm__ volatile("cli" ::: "memory");
        F.exits++;
#ifdef FUZZ_TRACE
        if (F.exits % FUZZ_TRACE == 0)
            kprintf("fuzz: trace: %lu exits, sequence %lu, life %lu mode %u, kind %s since %lu\n", (unsigned long)F.exits,
                    (unsigned long)F.sequences, (unsigned long)F.lives, F.mode, xvcpu_exit_kind_name(exit.kind),
                    (unsigned long)F.since_progress);
#endif
        if (err != XVCPU_OK) {
            host_failure(NULL, "xvcpu_vcpu_run returned an error");
            kprintf("fuzz:   %s: %s\n", xvcpu_strerror(err), xvcpu_vcpu_last_error(&F.vcpu));
            restart(RESTART_FAILURE);
        } else {
            F.kind[exit.kind < XVCPU_EXIT_KIND_COUNT ? exit.kind : 0]++;
            after_exit(&exit);
        }
        if (F.fatal)
            break;
    }
    host_timer_arm(UINT64_MAX, 0);
    end_life();
    report();
    if ((err = xvcpu_percpu_disable(&F.cpu)) != XVCPU_OK)
        kprintf("fuzz: xvcpu_percpu_disable: %s\n", xvcpu_strerror(err));
    return F.host_failures != 0 || F.fatal || err != XVCPU_OK;
}
