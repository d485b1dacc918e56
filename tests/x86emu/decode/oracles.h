/* The two oracles of the decoder tests, Zydis 4 and Capstone 4, behind one normalised result so
 * the differential test compares like with like. Register numbers follow xvcpu_reg: GPRs 0-15,
 * AH..BH 20-23, vector registers by number (xmm/ymm/zmm), RIP/EIP -> rip flag. */
#ifndef XVCPU_TESTS_DECODE_ORACLES_H
#define XVCPU_TESTS_DECODE_ORACLES_H

#include <Zydis/Zydis.h>
#include <capstone/capstone.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OR_MAX_OPS 10

typedef enum { ORK_NONE = 0, ORK_REG, ORK_MEM, ORK_IMM } or_kind;

typedef struct or_op {
    or_kind kind;
    unsigned bits;        /* operand size */
    bool explicit_;       /* written in the instruction's syntax */
    bool hidden;          /* Zydis: not even implied by the mnemonic's syntax (stosb's AL ...) */
    bool modrm_rm;        /* Zydis: encoded by ModRM.rm (memory from ModRM) */
    int reg;              /* ORK_REG: register number, -2 = some other register */
    int reg_class;        /* 'g' GPR, 'x' xmm, 'y' ymm, 'z' zmm, 'o' other */
    /* ORK_MEM */
    int base, index, scale, seg; /* -1 none; seg 0-5 or -1 (not given) */
    bool rip, vsib, agen;
    bool read, write;     /* the instruction reads / writes the operand */
    int64_t disp;
    uint64_t imm;         /* ORK_IMM, as the oracle reports it (sign-extended to 64) */
} or_op;

typedef struct or_res {
    bool ok;
    unsigned len;
    unsigned nops;
    or_op ops[OR_MAX_OPS];
    char text[128];       /* mnemonic and operands, for messages */
    unsigned zmnemonic;   /* Zydis: ZydisMnemonic */
    unsigned zencoding;   /* Zydis: ZydisInstructionEncoding */
    unsigned zisa_ext;    /* Zydis: ZydisISAExt */
    unsigned zisa_set;    /* Zydis: ZydisISASet */
    unsigned zopsize;     /* Zydis: operand_width */
    unsigned cid;         /* Capstone: x86_insn */
} or_res;

/* ---- Zydis ---------------------------------------------------------------------------------- */

typedef struct zy_ctx {
    ZydisDecoder dec[3]; /* 16, 32, 64 */
    ZydisFormatter fmt;
} zy_ctx;

static inline void zy_init(zy_ctx *z)
{
    ZydisDecoderInit(&z->dec[0], ZYDIS_MACHINE_MODE_LEGACY_16, ZYDIS_STACK_WIDTH_16);
    ZydisDecoderInit(&z->dec[1], ZYDIS_MACHINE_MODE_LEGACY_32, ZYDIS_STACK_WIDTH_32);
    ZydisDecoderInit(&z->dec[2], ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    /* MPX is gone from current CPUs (and disabled by every OS that ran on it): 0F 1A/1B are the
     * "reserved NOP" they are without it (SDM Vol. 2B "NOP"; the BND* pages: "#UD ... when MPX is
     * enabled"). xvcpu decodes them as NOPs, so Zydis is asked to as well. */
    for (int i = 0; i < 3; i++)
        ZydisDecoderEnableMode(&z->dec[i], ZYDIS_DECODER_MODE_MPX, ZYAN_FALSE);
    ZydisFormatterInit(&z->fmt, ZYDIS_FORMATTER_STYLE_INTEL);
}

static inline int mode_index(unsigned code_bytes) { return code_bytes == 2 ? 0 : code_bytes == 4 ? 1 : 2; }

static inline int zy_reg(ZydisRegister r, int *cls)
{
    *cls = 'o';
    if (r >= ZYDIS_REGISTER_AL && r <= ZYDIS_REGISTER_BL) { *cls = 'g'; return r - ZYDIS_REGISTER_AL; }
    if (r >= ZYDIS_REGISTER_AH && r <= ZYDIS_REGISTER_BH) { *cls = 'g'; return 20 + (r - ZYDIS_REGISTER_AH); }
    if (r >= ZYDIS_REGISTER_SPL && r <= ZYDIS_REGISTER_DIL) { *cls = 'g'; return 4 + (r - ZYDIS_REGISTER_SPL); }
    if (r >= ZYDIS_REGISTER_R8B && r <= ZYDIS_REGISTER_R15B) { *cls = 'g'; return 8 + (r - ZYDIS_REGISTER_R8B); }
    if (r >= ZYDIS_REGISTER_AX && r <= ZYDIS_REGISTER_R15W) { *cls = 'g'; return r - ZYDIS_REGISTER_AX; }
    if (r >= ZYDIS_REGISTER_EAX && r <= ZYDIS_REGISTER_R15D) { *cls = 'g'; return r - ZYDIS_REGISTER_EAX; }
    if (r >= ZYDIS_REGISTER_RAX && r <= ZYDIS_REGISTER_R15) { *cls = 'g'; return r - ZYDIS_REGISTER_RAX; }
    if (r >= ZYDIS_REGISTER_XMM0 && r <= ZYDIS_REGISTER_XMM31) { *cls = 'x'; return r - ZYDIS_REGISTER_XMM0; }
    if (r >= ZYDIS_REGISTER_YMM0 && r <= ZYDIS_REGISTER_YMM31) { *cls = 'y'; return r - ZYDIS_REGISTER_YMM0; }
    if (r >= ZYDIS_REGISTER_ZMM0 && r <= ZYDIS_REGISTER_ZMM31) { *cls = 'z'; return r - ZYDIS_REGISTER_ZMM0; }
    return -2;
}

static inline int zy_seg(ZydisRegister r)
{
    return r >= ZYDIS_REGISTER_ES && r <= ZYDIS_REGISTER_GS ? (int)(r - ZYDIS_REGISTER_ES) : -1;
}

static inline void zy_decode(const zy_ctx *z, const uint8_t *b, unsigned n, unsigned code_bytes, or_res *r,
                             bool want_text)
{
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    unsigned i;
    memset(r, 0, sizeof *r);
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&z->dec[mode_index(code_bytes)], b, n, &in, ops)))
        return;
    r->ok = true;
    r->len = in.length;
    r->zmnemonic = in.mnemonic;
    r->zencoding = in.encoding;
    r->zisa_ext = in.meta.isa_ext;
    r->zisa_set = in.meta.isa_set;
    r->zopsize = in.operand_width;
    if (want_text)
        ZydisFormatterFormatInstruction(&z->fmt, &in, ops, in.operand_count_visible, r->text, sizeof r->text, 0,
                                        NULL);
    for (i = 0; i < in.operand_count && r->nops < OR_MAX_OPS; i++) {
        const ZydisDecodedOperand *o = &ops[i];
        or_op *p = &r->ops[r->nops];
        int cls;
        memset(p, 0, sizeof *p);
        p->bits = o->size;
        p->explicit_ = o->visibility == ZYDIS_OPERAND_VISIBILITY_EXPLICIT;
        p->modrm_rm = o->encoding == ZYDIS_OPERAND_ENCODING_MODRM_RM;
        p->read = (o->actions & ZYDIS_OPERAND_ACTION_MASK_READ) != 0;
        p->write = (o->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) != 0;
        switch (o->type) {
        case ZYDIS_OPERAND_TYPE_REGISTER:
            p->hidden = o->visibility == ZYDIS_OPERAND_VISIBILITY_HIDDEN;
            p->kind = ORK_REG;
            p->reg = zy_reg(o->reg.value, &cls);
            p->reg_class = cls;
            break;
        case ZYDIS_OPERAND_TYPE_MEMORY:
            p->kind = ORK_MEM;
            p->base = o->mem.base == ZYDIS_REGISTER_NONE ? -1 : zy_reg(o->mem.base, &cls);
            p->rip = o->mem.base == ZYDIS_REGISTER_RIP || o->mem.base == ZYDIS_REGISTER_EIP;
            if (p->rip)
                p->base = -1;
            p->index = o->mem.index == ZYDIS_REGISTER_NONE ? -1 : zy_reg(o->mem.index, &cls);
            p->vsib = o->mem.type == ZYDIS_MEMOP_TYPE_VSIB;
            p->agen = o->mem.type == ZYDIS_MEMOP_TYPE_AGEN || o->mem.type == ZYDIS_MEMOP_TYPE_MIB;
            p->scale = o->mem.scale;
            p->disp = o->mem.disp.has_displacement ? o->mem.disp.value : 0;
            p->seg = zy_seg(o->mem.segment);
            break;
        case ZYDIS_OPERAND_TYPE_IMMEDIATE:
            p->kind = ORK_IMM;
            p->imm = o->imm.value.u;
            break;
        default:
            continue;
        }
        r->nops++;
    }
}

/* ---- Capstone ------------------------------------------------------------------------------- */

typedef struct cs_ctx {
    csh h[3];
    cs_insn *insn[3];
} cs_ctx;

static inline bool cs_init_all(cs_ctx *c)
{
    static const cs_mode modes[3] = { CS_MODE_16, CS_MODE_32, CS_MODE_64 };
    int i;
    for (i = 0; i < 3; i++) {
        if (cs_open(CS_ARCH_X86, modes[i], &c->h[i]) != CS_ERR_OK)
            return false;
        cs_option(c->h[i], CS_OPT_DETAIL, CS_OPT_ON);
        c->insn[i] = cs_malloc(c->h[i]);
    }
    return true;
}

static inline void cs_fini_all(cs_ctx *c)
{
    int i;
    for (i = 0; i < 3; i++) {
        cs_free(c->insn[i], 1);
        cs_close(&c->h[i]);
    }
}

static inline int cs_regnum(x86_reg r, int *cls)
{
    static const char *const g8[] = { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b",
                                      "r11b", "r12b", "r13b", "r14b", "r15b" };
    static const char *const g16[] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w",
                                       "r11w", "r12w", "r13w", "r14w", "r15w" };
    static const char *const g32[] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d",
                                       "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
    static const char *const g64[] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9",
                                       "r10", "r11", "r12", "r13", "r14", "r15" };
    static const char *const hi[] = { "ah", "ch", "dh", "bh" };
    static int cache[X86_REG_ENDING], cache_cls[X86_REG_ENDING];
    static bool cached;
    if (!cached) {
        csh h;
        int i, k;
        cs_open(CS_ARCH_X86, CS_MODE_64, &h);
        for (i = 0; i < X86_REG_ENDING; i++) {
            const char *n = cs_reg_name(h, (unsigned)i);
            cache[i] = -2;
            cache_cls[i] = 'o';
            if (n == NULL)
                continue;
            for (k = 0; k < 16; k++)
                if (!strcmp(n, g8[k]) || !strcmp(n, g16[k]) || !strcmp(n, g32[k]) || !strcmp(n, g64[k])) {
                    cache[i] = k;
                    cache_cls[i] = 'g';
                }
            for (k = 0; k < 4; k++)
                if (!strcmp(n, hi[k])) {
                    cache[i] = 20 + k;
                    cache_cls[i] = 'g';
                }
            if (!strncmp(n, "xmm", 3) || !strncmp(n, "ymm", 3) || !strncmp(n, "zmm", 3)) {
                cache[i] = atoi(n + 3);
                cache_cls[i] = n[0];
            }
            if (!strcmp(n, "rip") || !strcmp(n, "eip"))
                cache[i] = -3;
        }
        cs_close(&h);
        cached = true;
    }
    if (r <= X86_REG_INVALID || r >= X86_REG_ENDING) {
        *cls = 'o';
        return -1;
    }
    *cls = cache_cls[r];
    return cache[r];
}

static inline int cs_seg(x86_reg r)
{
    switch (r) {
    case X86_REG_ES: return 0;
    case X86_REG_CS: return 1;
    case X86_REG_SS: return 2;
    case X86_REG_DS: return 3;
    case X86_REG_FS: return 4;
    case X86_REG_GS: return 5;
    default: return -1;
    }
}

static inline void cs_decode(cs_ctx *c, const uint8_t *b, unsigned n, unsigned code_bytes, or_res *r, bool want_text)
{
    int mi = mode_index(code_bytes);
    const uint8_t *code = b;
    size_t size = n;
    uint64_t addr = 0;
    cs_insn *in = c->insn[mi];
    unsigned i;
    memset(r, 0, sizeof *r);
    if (!cs_disasm_iter(c->h[mi], &code, &size, &addr, in))
        return;
    r->ok = true;
    r->len = in->size;
    r->cid = in->id;
    if (want_text)
        snprintf(r->text, sizeof r->text, "%.31s %.90s", in->mnemonic, in->op_str);
    for (i = 0; i < in->detail->x86.op_count && r->nops < OR_MAX_OPS; i++) {
        const cs_x86_op *o = &in->detail->x86.operands[i];
        or_op *p = &r->ops[r->nops];
        int cls, k;
        memset(p, 0, sizeof *p);
        p->bits = o->size * 8u;
        p->explicit_ = true;
        p->read = (o->access & CS_AC_READ) != 0;
        p->write = (o->access & CS_AC_WRITE) != 0;
        switch (o->type) {
        case X86_OP_REG:
            p->kind = ORK_REG;
            p->reg = cs_regnum(o->reg, &cls);
            p->reg_class = cls;
            break;
        case X86_OP_MEM:
            p->kind = ORK_MEM;
            k = cs_regnum(o->mem.base, &cls);
            p->rip = k == -3;
            p->base = k < 0 ? -1 : k;
            k = cs_regnum(o->mem.index, &cls);
            p->index = k < 0 ? -1 : k;
            p->vsib = cls == 'x' || cls == 'y' || cls == 'z';
            p->scale = o->mem.scale;
            p->disp = o->mem.disp;
            p->seg = cs_seg(o->mem.segment);
            break;
        case X86_OP_IMM:
            p->kind = ORK_IMM;
            p->imm = (uint64_t)o->imm;
            break;
        default:
            continue;
        }
        r->nops++;
    }
}

#endif
