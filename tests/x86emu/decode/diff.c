/* Differential test of xvcpu's x86 decoder against Zydis 4 (ZydisDecoderDecodeFull) and Capstone 4
 * (detail on): (a) a generated corpus of every opcode of every map under prefix combinations and
 * ModRM/SIB/displacement forms in 16-, 32- and 64-bit code, (b) random 15-byte strings from a fixed
 * seed. Compared: validity, length, and for the MMIO set (status OK) the operands: sizes, memory
 * base/index/scale/displacement/segment, register, immediate, direction; for other instructions
 * with a ModRM memory operand the address fields against Zydis.
 *
 * Every disagreement is put into a class below that says why it is not a decoder bug (an oracle bug
 * or an architectural difference, with a reference); what fits no class is printed with its bytes
 * and fails the test. Validity of VEX/EVEX/XOP encodings is compared and counted, but xvcpu does
 * not model every per-instruction VEX.W / EVEX.b/z/aaa/L'L rule, so those counts are a figure, not
 * a verdict (see the report). */
#define XVCPU_IMPLEMENTATION
#define XVCPU_STATIC
#include "../../../xvcpu.h"
#include "oracles.h"

#include <stdlib.h>
#include <time.h>

/* ---- samples -------------------------------------------------------------------------------- */

typedef struct sample {
    uint8_t b[16];
    unsigned n;
    unsigned mode; /* code bytes: 2, 4, 8 */
    xvcpu_x86_decode_status xs;
    xvcpu_x86_insn x;
    bool xv; /* xvcpu says valid (OK/UNSUPPORTED) */
    or_res o; /* the oracle being compared */
    or_res z; /* Zydis's answer (classification of Capstone disagreements consults it) */
} sample;

/* What the harness itself sees in the bytes (independent of xvcpu's parse). */
typedef struct scan {
    unsigned pos;                 /* opcode position (after legacy prefixes and REX) */
    bool p66, p67, lock;
    uint8_t rep, rex, seg;        /* last F2/F3, effective REX, last segment prefix byte */
    unsigned nprefix;             /* legacy prefixes + REX bytes */
    int enc;                      /* 0 legacy, 2 VEX, 3 EVEX, 4 XOP, 1 3DNow! */
    unsigned map, op;             /* map 0-3 for legacy; VEX/EVEX/XOP map field */
    int modrm;                    /* -1 if not within n */
    unsigned mp;                  /* mandatory prefix: 0 none 1 66 2 F3 3 F2 */
} scan;

static void do_scan(const uint8_t *b, unsigned n, unsigned mode, scan *s)
{
    unsigned i = 0;
    memset(s, 0, sizeof *s);
    s->modrm = -1;
    for (; i < n; i++) {
        uint8_t c = b[i];
        if (c == 0x66) s->p66 = true;
        else if (c == 0x67) s->p67 = true;
        else if (c == 0xF0) s->lock = true;
        else if (c == 0xF2 || c == 0xF3) s->rep = c;
        else if (c == 0x26 || c == 0x2E || c == 0x36 || c == 0x3E || c == 0x64 || c == 0x65) s->seg = c;
        else if (mode == 8 && (c & 0xF0) == 0x40) { s->rex = c; s->nprefix++; continue; }
        else break;
        s->rex = 0;
        s->nprefix++;
    }
    s->pos = i;
    s->mp = s->rep == 0xF3 ? 2 : s->rep == 0xF2 ? 3 : s->p66 ? 1 : 0;
    if (i >= n)
        return;
    s->op = b[i];
    if (b[i] == 0x0F && i + 1 < n) {
        if (b[i + 1] == 0x38 || b[i + 1] == 0x3A) {
            s->map = b[i + 1] == 0x38 ? 2 : 3;
            s->op = i + 2 < n ? b[i + 2] : 0;
            s->modrm = i + 3 < n ? b[i + 3] : -1;
        } else {
            s->map = 1;
            s->op = b[i + 1];
            s->modrm = i + 2 < n ? b[i + 2] : -1;
            if (b[i + 1] == 0x0F)
                s->enc = 1;
        }
        return;
    }
    if ((b[i] == 0xC4 || b[i] == 0xC5 || b[i] == 0x62) && i + 1 < n && (mode == 8 || b[i + 1] >= 0xC0)) {
        s->enc = b[i] == 0x62 ? 3 : 2;
        s->map = b[i] == 0xC5 ? 1 : b[i] == 0x62 ? (b[i + 1] & 7u) : (b[i + 1] & 0x1Fu);
        {
            unsigned opat = i + (b[i] == 0xC5 ? 2 : b[i] == 0xC4 ? 3 : 4);
            s->op = opat < n ? b[opat] : 0;
            s->modrm = opat + 1 < n ? b[opat + 1] : -1;
            if (b[i] == 0xC5 || b[i] == 0xC4) {
                uint8_t last = b[opat - 1];
                s->mp = (unsigned)(last & 3) == 1 ? 1 : (last & 3) == 2 ? 2 : (last & 3) == 3 ? 3 : 0;
            } else if (i + 2 < n) {
                s->mp = b[i + 2] & 3;
            }
        }
        return;
    }
    if (b[i] == 0x8F && i + 1 < n && (b[i + 1] & 0x1F) >= 8) {
        s->enc = 4;
        s->map = b[i + 1] & 0x1F;
        s->op = i + 3 < n ? b[i + 3] : 0;
        s->modrm = i + 4 < n ? b[i + 4] : -1;
        return;
    }
    s->map = 0;
    s->modrm = i + 1 < n ? b[i + 1] : -1;
}

/* ---- disagreement classes ------------------------------------------------------------------- */

enum { ORACLE_ZYDIS = 0, ORACLE_CAPSTONE = 1 };
enum { D_XVCPU_ONLY = 0, D_ORACLE_ONLY, D_LENGTH, D_OPERANDS, D_MEMORY, D_KINDS };
static const char *const kind_names[D_KINDS] = { "valid only for xvcpu", "valid only for the oracle", "length",
                                                 "operands (MMIO set)", "memory operand" };

typedef struct klass {
    const char *id;
    const char *why;
    unsigned long count[2][D_KINDS];
} klass;

/* The classes: an explanation each, with its reference. */
enum {
    K_UD,
    K_VECTOR_VALIDITY,
    K_C_VEX_VALIDITY,
    K_MOVSXD16,
    K_AMD_CR8,
    K_Z_R13D,
    K_NEWER,
    K_C_BRANCH66,
    K_C_66_WITH_REP,
    K_C_RET_IW,
    K_C_SSE4A,
    K_C_SEG64,
    K_C_ACCESS,
    K_C_MOVSXD32,
    K_C_16BIT_SIMD,
    K_C_LOCK,
    K_C_MOVCS,
    K_C_MOVCRDR,
    K_C_MANDATORY,
    K_C_MISSING,
    K_C_RESERVED_NOP,
    K_C_SREG_REX,
    K_C_MOFFS_REP,
    K_C_NOT64,
    K_C_PADLOCK,
    K_C_EVEX_RC,
    K_C_XOP_IMM,
    K_C_3DNOW_0E,
    K_Z_NOTRACK,
    K_Z_KNC,
    K_C_67_BRANCH,
    K_C_PREFIX_ORDER,
    K_COUNT
};
static klass classes[K_COUNT] = {
    { "ud0-ud1-ud2",
      "UD0 (0F FF), UD1 (0F B9) and UD2 (0F 0B) are defined to raise #UD (SDM Vol. 2B \"UD\"): xvcpu reports "
      "INVALID (with the length), the oracles decode them as instructions.", { { 0 } } },
    { "evex-validity",
      "EVEX validity: xvcpu checks the map, opcode, pp and reserved bits (SDM Vol. 2A 2.7.1) but not the "
      "per-instruction EVEX.W/b/z/aaa/V'/vvvv/L'L rules of the exception types (2.8), so it accepts some EVEX "
      "encodings the CPU refuses (lengths still agree wherever both decode). A figure, not a failure: the "
      "decoder's known limit.", { { 0 } } },
    { "capstone-vex-xop-validity",
      "Capstone 4 does not apply the VEX/XOP per-instruction rules (VEX.vvvv must be 1111b for two-operand forms, "
      "SDM Vol. 2A 3.1.1.2; VEX.L/VEX.W-only forms; memory-only forms; AMD APM Vol. 6 XOP.L/W) and misses newer "
      "VEX instructions (AMX, AVX-VNNI, mask ops); Zydis agrees with xvcpu on every one.", { { 0 } } },
    { "movsxd-16",
      "66 63 /r without REX.W is MOVSXD r16, r/m16 (SDM Vol. 2B \"MOVSX/MOVSXD\", opcode table): a 2-byte memory "
      "operand. Zydis and Capstone report a 4-byte one.", { { 0 } } },
    { "amd-lock-cr8",
      "On AMD CPUs LOCK MOV CR0 (F0 0F 20/22 with ModRM.reg = 0) is MOV CR8 in any mode (CPUID "
      "Fn8000_0001_ECX[AltMovCr8], AMD APM Vol. 3 \"MOV (CRn)\"); xvcpu decodes AMD's encodings too, the "
      "oracles follow Intel (#UD).", { { 0 } } },
    { "zydis-r13d",
      "Zydis 4.0 bug, zyantific/zydis#592 (fixed by #593): with 67h and REX.B, SIB.base=101b under mod=00b is "
      "reported as base r13d instead of no base + disp32 (SDM Vol. 2A Table 2-3 note 1, 2.2.1.2).", { { 0 } } },
    { "newer-than-oracles",
      "WRMSRNS (NP 0F 01 C6) and AVX-IFMA (VEX.66.0F38.W1 B4/B5), Intel ISE Programming Reference 046-049 "
      "(2022-2023), postdate Zydis 4.0.0 (2022) and Capstone 4.0.2 (2020).", { { 0 } } },
    { "capstone-66-branch",
      "Capstone applies AMD's rule: 66h shrinks a near CALL/JMP/Jcc displacement to 16 bits in 64-bit mode "
      "(capstone-engine/capstone#776, #3037). Intel ignores 66h there (SDM Vol. 2A \"Jcc\"/\"JMP\"/\"CALL\": "
      "64-bit mode uses rel32); xvcpu and Zydis follow Intel.", { { 0 } } },
    { "capstone-66-with-rep",
      "Capstone 4 drops the operand-size override when an F2/F3 prefix is also present on an instruction where "
      "F2/F3 are not mandatory prefixes (66 F3 81 /0 iw, 66 F2 E8 rel16 ...): SDM Vol. 2A 2.1.1 (the groups are "
      "independent), capstone-engine/capstone#452 (REP with operand size).", { { 0 } } },
    { "capstone-ret-iw",
      "RET iw (C2/CA) always has a 16-bit immediate; Capstone reads more with 66h+REX.W "
      "(capstone-engine/capstone#3038).", { { 0 } } },
    { "capstone-sse4a",
      "Capstone 4 lacks AMD SSE4a EXTRQ/INSERTQ (66/F2 0F 78 /r ib ib, 66/F2 0F 79, AMD APM Vol. 4) and decodes "
      "VMREAD/VMWRITE instead.", { { 0 } } },
    { "capstone-seg-64",
      "In 64-bit mode CS/DS/ES/SS overrides are ignored (SDM Vol. 1 3.3.7.1): the effective segment is DS/SS; "
      "Capstone reports the prefix.", { { 0 } } },
    { "capstone-access",
      "Capstone 4 access flags: TEST r/m, imm marks its memory operand written, MOVUPS/MOVDQA stores mark it "
      "only read (capstone-engine/capstone#1304, #2900, #809).", { { 0 } } },
    { "capstone-movsxd-32",
      "63 /r without REX.W is MOVSXD r32, r/m32 (SDM Vol. 2B \"MOVSX/MOVSXD\"); Capstone reports a 64-bit "
      "destination.", { { 0 } } },
    { "capstone-16bit-simd",
      "In 16-bit code Capstone 4 mishandles mandatory prefixes: it takes 66h for an operand-size toggle and "
      "decodes the MMX/no-prefix form, and rejects F2/F3-selected SSE forms (capstone-engine/capstone#562: SSE "
      "forms missing in 16-bit mode); SDM Vol. 2A 2.1.2: mandatory prefixes apply in every mode.", { { 0 } } },
    { "capstone-lock",
      "Capstone 4 accepts LOCK on instructions/forms the SDM makes #UD (Vol. 2A \"LOCK\": only the listed "
      "read-modify-write instructions with a memory destination); capstone-engine/capstone#915, #2612. Zydis "
      "agrees with xvcpu.", { { 0 } } },
    { "capstone-mov-cs",
      "MOV CS, r/m (8E /1) raises #UD (SDM Vol. 2B \"MOV\": #UD if an attempt is made to load CS); Capstone "
      "decodes it (capstone-engine/capstone#1734).", { { 0 } } },
    { "capstone-mov-cr-dr",
      "MOV to/from CR1, CR5-CR7, CR9-CR15 and DR8-DR15 (REX.R) raise #UD (SDM Vol. 2B \"MOV - Move to/from "
      "Control Registers\", \"MOV - Move to/from Debug Registers\"); Capstone decodes them.", { { 0 } } },
    { "capstone-mandatory-prefix",
      "Capstone 4 ignores a 66/F2/F3 prefix that selects no instruction in the 0F/0F38/0F3A maps and decodes the "
      "unprefixed one (or rejects a prefix-selected one); SDM Vol. 2A 2.1.2 and the blank cells of Tables A-3..A-5 "
      "(#UD); capstone-engine/capstone#1556, #2547. Zydis agrees with xvcpu.", { { 0 } } },
    { "capstone-missing",
      "ISA extensions Capstone 4.0.2 does not decode (its tables predate them): group 7/15 system instructions "
      "(SERIALIZE, TDX, SEV-SNP, UINTR, CLUI ..., WBNOINVD-era cache and fence forms), GFNI (66 0F 38 CF, 66 0F 3A "
      "CE/CF), Key Locker (F3 0F 38 D8-DF, FA, FB), CET WRSS/WRUSS (0F 38 F6/F5), MOVDIRI/MOVDIR64B/ENQCMD(S) (0F 38 "
      "F8/F9), HRESET (F3 0F 3A F0), CRC32 register forms, POPCNT with 66h (SDM Vol. 2 pages of each). Zydis decodes "
      "each with xvcpu's length.", { { 0 } } },
    { "capstone-reserved-nop",
      "0F 0D and 0F 18-1F are reserved NOPs with a ModRM operand in every form (SDM Vol. 2B \"NOP\", Table A-3; "
      "0F 0D /1 is PREFETCHW); Capstone 4 rejects their register forms and 0F 0D (capstone-engine/capstone#1335). "
      "Zydis decodes them with xvcpu's length.", { { 0 } } },
    { "capstone-sreg-rex",
      "MOV r/m, Sreg and MOV Sreg, r/m (8C/8E) take a REX prefix (REX.W: MOV r64, Sreg; SDM Vol. 2B \"MOV\"); "
      "Capstone 4 rejects some REX combinations. Zydis agrees with xvcpu.", { { 0 } } },
    { "capstone-moffs-rep",
      "F2/F3 on MOV moffs (A0-A3) are XACQUIRE/XRELEASE or ignored (SDM Vol. 2A 2.1.1, \"XACQUIRE/XRELEASE\"); "
      "Capstone 4 rejects them. Zydis agrees with xvcpu.", { { 0 } } },
    { "capstone-64-bit-only",
      "SWAPGS (0F 01 F8) is #UD outside 64-bit mode (SDM Vol. 2B \"SWAPGS\"); Capstone decodes it in 16/32-bit "
      "code (same family as capstone-engine/capstone#904).", { { 0 } } },
    { "capstone-padlock-rep",
      "VIA PadLock MONTMUL/XSHA/XCRYPT (0F A6/A7 C8-E8) are defined with the REP (F3) prefix (VIA PadLock "
      "Programming Guide); Capstone decodes them without it. Zydis agrees with xvcpu.", { { 0 } } },
    { "capstone-evex-rounding",
      "EVEX register forms of instructions with static rounding ({er}, SDM Vol. 2A 2.7.5: EVEX.b and L'L in the "
      "prefix, no extra byte): Capstone 4 takes one byte too many and misreads the mode "
      "(capstone-engine/capstone#641, #642).", { { 0 } } },
    { "capstone-xop-imm32",
      "XOP map 10 (BEXTR/LWPINS/LWPVAL imm) has a 32-bit immediate in every mode (AMD APM Vol. 3 \"BEXTR "
      "(immediate form)\", \"LWPINS\"); Capstone 4 reads 16 bits in 16-bit code.", { { 0 } } },
    { "capstone-3dnow-0e",
      "3DNow! suffix 0Eh is undefined (AMD APM Vol. 3 Table A-16; FEMMS is 0F 0E, no suffix); Capstone 4 "
      "decodes 0F 0F /r 0E as FEMMS. Zydis agrees with xvcpu.", { { 0 } } },
    { "zydis-notrack-segment",
      "3Eh on an indirect CALL/JMP (FF /2, FF /4) is also the CET NOTRACK prefix (SDM Vol. 1 18.3.1). The SDM "
      "does not say whether it still overrides the segment (zyantific/zydis#200); Zydis takes it as NOTRACK only "
      "(zyantific/zydis#246), xvcpu keeps its DS-override meaning. Only the (unsupported) branch's segment "
      "differs.", { { 0 } } },
    { "zydis-knights-corner",
      "Zydis 4 decodes Knights Corner (Xeon Phi x100 coprocessor) MVEX and KNC VEX encodings (JKZD, KMERGE, "
      "VPREFETCH*, CLEVICT ...; its ZYDIS_DECODER_MODE_KNC note: KNC and KNL+ share opcodes). No IA-32/Intel 64 host "
      "CPU implements them and the SDM does not define them (EVEX.P1[2] must be 1, SDM Vol. 2A 2.7.1).", { { 0 } } },
    { "capstone-67-branch",
      "The displacement of a near CALL/JMP/Jcc follows the operand size, not the address size (SDM Vol. 2A "
      "\"CALL\", \"JMP\": rel16/rel32 by operand-size attribute); Capstone 4 shrinks it with 67h in 64-bit "
      "mode.", { { 0 } } },
    { "capstone-prefix-order",
      "Prefixes may come in any order and only a REX right before the opcode counts (SDM Vol. 2A 2.1.1, 2.2.1); "
      "Capstone 4 loses a mandatory 66/F2/F3 prefix when a segment/67h prefix or a second REX follows it, "
      "decoding another instruction or none (capstone-engine/capstone#1556). Zydis agrees with xvcpu.", { { 0 } } },
};

static bool in(unsigned v, const char *hexlist) /* "80-8f,a3" style membership */
{
    unsigned a, b;
    int used;
    while (*hexlist) {
        if (sscanf(hexlist, "%x-%x%n", &a, &b, &used) == 2) {
            if (v >= a && v <= b)
                return true;
        } else if (sscanf(hexlist, "%x%n", &a, &used) == 1) {
            if (v == a)
                return true;
        } else {
            return false;
        }
        hexlist += used;
        if (*hexlist == ',')
            hexlist++;
    }
    return false;
}

/* Which class explains disagreement `kind` of sample `s` against `oracle`; -1 for none. */
static int classify(const sample *s, int oracle, int kind, const char *detail)
{
    scan sc;
    bool legacy, z_agrees, z_same_len;
    unsigned mod, reg, rm;
    int sib = -1;
    do_scan(s->b, s->n, s->mode, &sc);
    legacy = sc.enc <= 1; /* legacy maps and 3DNow! */
    mod = sc.modrm >= 0 ? (unsigned)sc.modrm >> 6 : 0;
    reg = sc.modrm >= 0 ? ((unsigned)sc.modrm >> 3) & 7 : 0;
    rm = sc.modrm >= 0 ? (unsigned)sc.modrm & 7 : 0;
    {
        unsigned at = sc.pos + (sc.map == 0 ? 1 : sc.map == 1 ? 2 : 3) + 1;
        if (legacy && at < s->n)
            sib = s->b[at];
    }
    z_agrees = s->z.ok == s->xv;
    z_same_len = s->z.ok && s->xv && s->z.len == s->x.length;
    if (detail == NULL)
        detail = "";

    if (kind == D_ORACLE_ONLY && legacy && sc.map == 1 && (sc.op == 0x0B || sc.op == 0xB9 || sc.op == 0xFF))
        return K_UD;
    if (kind == D_ORACLE_ONLY && oracle == ORACLE_ZYDIS &&
        (s->o.zencoding == ZYDIS_INSTRUCTION_ENCODING_MVEX || s->o.zisa_ext == ZYDIS_ISA_EXT_KNC ||
         s->o.zisa_ext == ZYDIS_ISA_EXT_KNCE || s->o.zisa_ext == ZYDIS_ISA_EXT_KNCV))
        return K_Z_KNC;
    if (kind == D_XVCPU_ONLY && sc.enc == 2 && sc.map == 2 && (sc.op == 0xB4 || sc.op == 0xB5) && sc.mp == 1)
        return K_NEWER;
    if ((kind == D_ORACLE_ONLY || kind == D_XVCPU_ONLY) && sc.enc == 3 && !getenv("DIFF_VECTOR_STRICT"))
        return K_VECTOR_VALIDITY;
    if ((kind == D_ORACLE_ONLY || kind == D_XVCPU_ONLY) && (sc.enc == 2 || sc.enc == 4) && oracle == ORACLE_CAPSTONE &&
        z_agrees)
        return K_C_VEX_VALIDITY;
    if (kind == D_XVCPU_ONLY && legacy && sc.map == 1 && sc.op == 0x01 && sc.modrm == 0xC6 && sc.mp == 0)
        return K_NEWER;
    if (kind == D_XVCPU_ONLY && legacy && sc.map == 1 && (sc.op == 0x20 || sc.op == 0x22) && sc.lock && reg == 0)
        return K_AMD_CR8;
    if (kind == D_OPERANDS && !strcmp(detail, "memory size") && s->mode == 8 && legacy && sc.map == 0 &&
        sc.op == 0x63 && sc.p66 && !(sc.rex & 8))
        return K_MOVSXD16;

    if (oracle == ORACLE_ZYDIS) {
        if (kind == D_MEMORY && !strcmp(detail, "segment") && legacy && sc.map == 0 && sc.op == 0xFF &&
            (reg == 2 || reg == 4) && sc.seg == 0x3E)
            return K_Z_NOTRACK;
        if ((kind == D_OPERANDS || kind == D_MEMORY) && !strcmp(detail, "base") && s->mode == 8 && sc.p67 &&
            (sc.rex & 1) && mod == 0 && rm == 4 && sib >= 0 && (sib & 7) == 5)
            return K_Z_R13D;
        return -1;
    }

    /* Capstone */
    if (kind == D_LENGTH && s->mode == 8 && sc.p66 && legacy &&
        ((sc.map == 0 && (sc.op == 0xE8 || sc.op == 0xE9)) || (sc.map == 1 && in(sc.op, "80-8f"))) && z_same_len)
        return K_C_BRANCH66;
    if ((kind == D_LENGTH || kind == D_OPERANDS) && sc.p66 && sc.rep && legacy &&
        (sc.map == 0 || (sc.map == 1 && in(sc.op, "80-8f,a3,ab,b3,ba,bb"))) && z_agrees)
        return K_C_66_WITH_REP;
    if (kind == D_LENGTH && legacy && sc.map == 0 && (sc.op == 0xC2 || sc.op == 0xCA) && (sc.rex & 8) && z_same_len)
        return K_C_RET_IW;
    if (kind == D_LENGTH && s->mode == 8 && sc.p67 && legacy &&
        ((sc.map == 0 && (sc.op == 0xE8 || sc.op == 0xE9)) || (sc.map == 1 && in(sc.op, "80-8f"))) && z_same_len)
        return K_C_67_BRANCH;
    if ((kind == D_LENGTH || kind == D_ORACLE_ONLY) && legacy && sc.map == 1 && (sc.op == 0x78 || sc.op == 0x79) &&
        (sc.mp == 1 || sc.mp == 3))
        return K_C_SSE4A;
    if (kind == D_OPERANDS && !strcmp(detail, "segment") && s->mode == 8 &&
        (sc.seg == 0x26 || sc.seg == 0x2E || sc.seg == 0x36 || sc.seg == 0x3E))
        return K_C_SEG64;
    if (kind == D_OPERANDS && !strcmp(detail, "memory written") && (legacy || sc.enc == 2) &&
        ((legacy && sc.map == 0 && (sc.op == 0xF6 || sc.op == 0xF7)) ||
         (sc.map == 1 && (sc.op == 0x11 || sc.op == 0x29 || sc.op == 0x7F))))
        return K_C_ACCESS;
    if (kind == D_LENGTH && sc.enc == 3 && mod == 3 && s->o.len == s->x.length + 1u)
        return K_C_EVEX_RC;
    if (kind == D_LENGTH && sc.enc == 4 && sc.map == 10 && s->mode == 2 && z_same_len)
        return K_C_XOP_IMM;
    if (kind == D_ORACLE_ONLY && legacy && sc.map == 1 && sc.op == 0x0F && s->o.len >= 1 &&
        s->b[s->o.len - 1] == 0x0E && z_agrees)
        return K_C_3DNOW_0E;
    if (kind == D_OPERANDS && !strcmp(detail, "register size") && s->mode == 8 && legacy && sc.map == 0 &&
        sc.op == 0x63 && !(sc.rex & 8))
        return K_C_MOVSXD32;
    if (s->mode == 2 && legacy && sc.map >= 1 && sc.mp != 0 && z_agrees &&
        (kind != D_OPERANDS || !strcmp(detail, "memory size")))
        return K_C_16BIT_SIMD;
    if (kind == D_ORACLE_ONLY && sc.lock && z_agrees)
        return K_C_LOCK;
    if (kind == D_ORACLE_ONLY && legacy && sc.map == 0 && sc.op == 0x8E && reg == 1)
        return K_C_MOVCS;
    if (kind == D_ORACLE_ONLY && legacy && sc.map == 1 && sc.op >= 0x20 && sc.op <= 0x23 && z_agrees)
        return K_C_MOVCRDR;
    if ((kind == D_ORACLE_ONLY || kind == D_XVCPU_ONLY || (kind == D_OPERANDS && !strcmp(detail, "memory size"))) &&
        legacy && sc.map >= 1 && z_agrees) {
        /* is a 66/F2/F3 followed by another prefix, or are there two REX bytes? */
        unsigned i, rexes = 0;
        bool mp_then_other = false, seen_mp = false;
        for (i = 0; i < sc.pos; i++) {
            uint8_t c = s->b[i];
            if (c == 0x66 || c == 0xF2 || c == 0xF3)
                seen_mp = true;
            else if (seen_mp && (c & 0xF0) != 0x40)
                mp_then_other = true;
            if (s->mode == 8 && (c & 0xF0) == 0x40)
                rexes++;
        }
        if (mp_then_other || rexes > 1)
            return K_C_PREFIX_ORDER;
    }
    if (kind == D_ORACLE_ONLY && legacy && sc.map >= 1 && z_agrees)
        return K_C_MANDATORY;
    if (kind == D_XVCPU_ONLY && legacy && z_same_len) {
        if (sc.map == 1 && (sc.op == 0x0D || in(sc.op, "18-1f")))
            return K_C_RESERVED_NOP;
        if (sc.map == 0 && (sc.op == 0x8C || sc.op == 0x8E) && sc.rex)
            return K_C_SREG_REX;
        if (sc.map == 0 && in(sc.op, "a0-a3") && sc.rep)
            return K_C_MOFFS_REP;
        if ((sc.map == 1 && (sc.op == 0x01 || sc.op == 0xAE || sc.op == 0xB8 || sc.op == 0xC7)) ||
            (sc.map == 2 && in(sc.op, "cf,d8-df,f0-f1,f5-f6,f8-fb")) || (sc.map == 3 && in(sc.op, "ce,cf,f0")))
            return K_C_MISSING;
    }
    if (kind == D_ORACLE_ONLY && legacy && sc.map == 1 && sc.op == 0x01 && sc.modrm == 0xF8 && s->mode != 8)
        return K_C_NOT64;
    if (kind == D_ORACLE_ONLY && legacy && sc.map == 1 && (sc.op == 0xA6 || sc.op == 0xA7) && sc.mp != 2 && z_agrees)
        return K_C_PADLOCK;
    return -1;
}

/* ---- comparison ----------------------------------------------------------------------------- */

static unsigned long n_compared[2], n_len_agreed[2], n_ops_compared[2], n_ops_agreed[2], n_mem_compared[2],
    n_mem_agreed[2], n_both_invalid[2], n_samples;
static unsigned long n_unexplained;
static unsigned max_print = 40;
static unsigned printed[2][D_KINDS];

static void hex(const uint8_t *b, unsigned n, char *out)
{
    unsigned i;
    for (i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static void disagree(const sample *s, int oracle, int kind, const char *detail)
{
    int k = classify(s, oracle, kind, detail);
    if (k >= 0) {
        const char *show = getenv("DIFF_SHOW_CLASS"); /* maintainers: list a class's members */
        classes[k].count[oracle][kind]++;
        if (show != NULL && !strcmp(show, classes[k].id)) {
            char h[40];
            hex(s->b, s->n, h);
            printf("CLASS %s %s vs %s: mode %u bytes %s | xvcpu %s len %u | oracle %s len %u [%s] %s\n",
                   classes[k].id, kind_names[kind], oracle ? "capstone" : "zydis", s->mode * 8, h,
                   xvcpu_x86_decode_status_name(s->xs), s->x.length, s->o.ok ? "ok" : "invalid", s->o.len, s->o.text,
                   detail ? detail : "");
        }
        return;
    }
    n_unexplained++;
    if (printed[oracle][kind]++ < max_print) {
        char h[40];
        hex(s->b, s->n, h);
        printf("UNEXPLAINED %s vs %s: mode %u bytes %s | xvcpu %s len %u op %s | oracle %s len %u [%s] %s\n",
               kind_names[kind], oracle ? "capstone" : "zydis", s->mode * 8, h, xvcpu_x86_decode_status_name(s->xs),
               s->x.length, xvcpu_x86_op_name(s->x.op), s->o.ok ? "ok" : "invalid", s->o.len, s->o.text,
               detail ? detail : "");
    }
}

static uint64_t mask_bytes(unsigned bytes) { return bytes >= 8 ? ~0ull : (1ull << (8 * bytes)) - 1; }

/* The MMIO-set operands against the oracle's: NULL when they agree, else what differs. */
static const char *cmp_operands(const sample *s, int oracle)
{
    const xvcpu_x86_insn *x = &s->x;
    const or_res *r = &s->o;
    const or_op *mem = NULL, *reg = NULL, *imm = NULL;
    unsigned i, nmem = 0, mem_at = 0, reg_at = 0;
    for (i = 0; i < r->nops; i++) {
        const or_op *p = &r->ops[i];
        if (p->kind == ORK_MEM) {
            nmem++;
            if (mem == NULL || (x->op == XVCPU_X86_OP_MOVS && nmem == 2)) {
                mem = p;
                mem_at = i;
            }
        } else if (p->kind == ORK_REG && reg == NULL && p->reg_class != 'o' &&
                   (x->op == XVCPU_X86_OP_STOS ? p->reg == 0 : !p->hidden)) {
            reg = p;
            reg_at = i;
        } else if (p->kind == ORK_IMM && imm == NULL) {
            imm = p;
        }
    }
    if (mem == NULL)
        return "no memory operand";
    if (mem->rip != x->rip_relative)
        return "rip-relative";
    if (mem->base != x->base)
        return "base";
    if (mem->index != x->index)
        return "index";
    if (x->index >= 0 && (unsigned)mem->scale != x->scale)
        return "scale";
    if (((uint64_t)mem->disp & mask_bytes(x->addr_bytes)) != ((uint64_t)x->disp & mask_bytes(x->addr_bytes)))
        return "displacement";
    if (mem->seg >= 0 && mem->seg != x->seg)
        return "segment";
    if (mem->bits != 8u * x->mem_bytes)
        return "memory size";
    if (x->op != XVCPU_X86_OP_MOVS && mem->write != x->mem_is_dest)
        return "memory written";
    if (x->reg >= 0) {
        if (reg == NULL)
            return "no register operand";
        if (reg->reg != x->reg)
            return "register";
        if (x->op == XVCPU_X86_OP_VMOV ? reg->reg_class != (x->op_bytes == 32 ? 'y' : 'x')
                                       : reg->bits != 8u * x->op_bytes)
            return "register size";
        /* mem_to_reg: the register is the first (destination) operand, memory the second */
        if (x->op != XVCPU_X86_OP_XCHG && x->op != XVCPU_X86_OP_STOS && (reg_at < mem_at) != x->mem_to_reg)
            return "direction";
    } else if (reg != NULL && x->op != XVCPU_X86_OP_MOVS && x->op != XVCPU_X86_OP_STOS) {
        return "unexpected register operand";
    }
    if (x->has_imm) {
        if (imm == NULL)
            return "no immediate";
        if ((imm->imm & mask_bytes(x->op == XVCPU_X86_OP_BT || x->op == XVCPU_X86_OP_BTS ||
                                           x->op == XVCPU_X86_OP_BTR || x->op == XVCPU_X86_OP_BTC
                                       ? 1
                                       : x->op_bytes)) != x->imm)
            return "immediate";
    } else if (imm != NULL) {
        return "unexpected immediate";
    }
    (void)oracle;
    return NULL;
}

/* The ModRM memory operand of an UNSUPPORTED instruction against Zydis's. */
static const char *cmp_memory(const sample *s)
{
    const xvcpu_x86_insn *x = &s->x;
    const or_res *r = &s->o;
    const or_op *mem = NULL;
    unsigned i;
    for (i = 0; i < r->nops; i++)
        if (r->ops[i].kind == ORK_MEM && r->ops[i].modrm_rm) {
            mem = &r->ops[i];
            break;
        }
    if (mem == NULL)
        return "no ModRM memory operand";
    if (mem->rip != x->rip_relative)
        return "rip-relative";
    if (mem->base != x->base)
        return "base";
    if (mem->index != x->index)
        return "index";
    if (x->index >= 0 && (unsigned)mem->scale != x->scale)
        return "scale";
    if (((uint64_t)mem->disp & mask_bytes(x->addr_bytes)) != ((uint64_t)x->disp & mask_bytes(x->addr_bytes)))
        return "displacement";
    if (mem->seg >= 0 && !mem->agen && mem->seg != x->seg)
        return "segment";
    return NULL;
}

typedef struct oracles {
    zy_ctx z;
    cs_ctx c;
} oracles;

static void check(oracles *orc, const uint8_t *b, unsigned n, unsigned mode)
{
    sample s;
    int oracle;
    memset(&s, 0, sizeof s);
    memcpy(s.b, b, n);
    s.n = n;
    s.mode = mode;
    s.xs = xvcpu_x86_decode(b, n, mode, &s.x);
    s.xv = s.xs == XVCPU_X86_DECODE_OK || s.xs == XVCPU_X86_DECODE_UNSUPPORTED;
    n_samples++;
    for (oracle = 0; oracle < 2; oracle++) {
        const char *d;
        if (oracle == ORACLE_ZYDIS)
            zy_decode(&orc->z, b, n, mode, &s.o, false);
        else
            cs_decode(&orc->c, b, n, mode, &s.o, false);
        if (!s.xv && !s.o.ok) {
            n_both_invalid[oracle]++;
            if (oracle == ORACLE_ZYDIS)
                s.z = s.o;
            continue;
        }
        if (s.xv != s.o.ok || (s.xv && s.o.len != s.x.length) || s.xs == XVCPU_X86_DECODE_OK) {
            /* again with the text, for messages */
            if (oracle == ORACLE_ZYDIS)
                zy_decode(&orc->z, b, n, mode, &s.o, true);
            else
                cs_decode(&orc->c, b, n, mode, &s.o, true);
        }
        if (oracle == ORACLE_ZYDIS)
            s.z = s.o;
        if (s.xv != s.o.ok) {
            disagree(&s, oracle, s.xv ? D_XVCPU_ONLY : D_ORACLE_ONLY, NULL);
            continue;
        }
        n_compared[oracle]++;
        if (s.o.len != s.x.length) {
            disagree(&s, oracle, D_LENGTH, NULL);
            continue;
        }
        n_len_agreed[oracle]++;
        if (s.xs == XVCPU_X86_DECODE_OK) {
            n_ops_compared[oracle]++;
            if ((d = cmp_operands(&s, oracle)) != NULL)
                disagree(&s, oracle, D_OPERANDS, d);
            else
                n_ops_agreed[oracle]++;
        } else if (oracle == ORACLE_ZYDIS && s.x.has_mem && s.x.encoding != XVCPU_X86_ENC_EVEX) {
            n_mem_compared[oracle]++;
            if ((d = cmp_memory(&s)) != NULL) {
                zy_decode(&orc->z, b, n, mode, &s.o, true);
                disagree(&s, oracle, D_MEMORY, d);
            } else {
                n_mem_agreed[oracle]++;
            }
        }
    }
}

/* ---- the generated corpus ------------------------------------------------------------------- */

/* Bytes after the ModRM byte: a SIB byte, then distinct values for displacements and immediates. */
static const uint8_t filler[13] = { 0x78, 0x56, 0x34, 0x12, 0xEF, 0xCD, 0xAB, 0x89, 0x10, 0x32, 0x54, 0x76, 0x98 };
static const uint8_t sibs[] = { 0x24, 0x25, 0x88, 0xE5, 0x4D, 0x63, 0x1C, 0xA6 };
/* A ModRM subset: every mod with rm = 0, 4 (SIB), 5 (disp/RIP), 6 (16-bit disp16) and a few regs. */
static const uint8_t modrm_subset[] = { 0x00, 0x04, 0x05, 0x06, 0x0C, 0x15, 0x3E, 0x40, 0x44, 0x4D, 0x73,
                                        0x80, 0x84, 0x96, 0xBD, 0xC0, 0xC9, 0xD2, 0xE3, 0xF8, 0xFF, 0x2D,
                                        0x1C, 0x63 };

static unsigned put(uint8_t *b, unsigned n, const uint8_t *src, unsigned len)
{
    memcpy(b + n, src, len);
    return n + len;
}

static void emit(oracles *o, const uint8_t *pre, unsigned npre, const uint8_t *opc, unsigned nopc, uint8_t modrm,
                 unsigned variant, unsigned mode)
{
    uint8_t b[16];
    unsigned n = 0, room;
    n = put(b, n, pre, npre);
    n = put(b, n, opc, nopc);
    if (n < 15)
        b[n++] = modrm;
    if (n < 15)
        b[n++] = sibs[variant % sizeof sibs];
    room = 15 - n;
    n = put(b, n, filler, room < sizeof filler ? room : (unsigned)sizeof filler);
    check(o, b, n, mode);
}

typedef struct pset {
    uint8_t b[4];
    unsigned n;
    bool full; /* every ModRM, else the subset */
} pset;

static void corpus_legacy(oracles *o, unsigned mode)
{
    static const pset common[] = {
        { { 0 }, 0, true }, { { 0x66 }, 1, true }, { { 0xF3 }, 1, true }, { { 0xF2 }, 1, true },
        { { 0x67 }, 1, false }, { { 0xF0 }, 1, true }, { { 0x66, 0xF3 }, 2, false }, { { 0xF3, 0x66 }, 2, false },
        { { 0x66, 0xF2 }, 2, false }, { { 0xF2, 0xF3 }, 2, false }, { { 0xF3, 0xF2 }, 2, false },
        { { 0x2E }, 1, false }, { { 0x64 }, 1, false }, { { 0x36, 0x67 }, 2, false }, { { 0xF0, 0x66 }, 2, false },
    };
    static const pset rex[] = {
        { { 0x48 }, 1, true }, { { 0x41 }, 1, false }, { { 0x42 }, 1, false }, { { 0x44 }, 1, false },
        { { 0x4F }, 1, false }, { { 0x40 }, 1, false }, { { 0x66, 0x48 }, 2, false }, { { 0x48, 0x66 }, 2, false },
        { { 0x67, 0x41 }, 2, false }, { { 0xF3, 0x48 }, 2, false }, { { 0xF0, 0x48 }, 2, false },
        { { 0x65, 0x4C }, 2, false },
    };
    unsigned map, op, p, m;
    for (map = 0; map < 4; map++) {
        for (op = 0; op < 256; op++) {
            uint8_t opc[3];
            unsigned nopc = 0;
            if (map == 0 && (op == 0x0F || op == 0x26 || op == 0x2E || op == 0x36 || op == 0x3E || op == 0x64 ||
                             op == 0x65 || op == 0x66 || op == 0x67 || op == 0xF0 || op == 0xF2 || op == 0xF3 ||
                             (mode == 8 && (op & 0xF0) == 0x40)))
                continue;
            if (map == 1 && (op == 0x38 || op == 0x3A))
                continue;
            if (map >= 1)
                opc[nopc++] = 0x0F;
            if (map == 2)
                opc[nopc++] = 0x38;
            if (map == 3)
                opc[nopc++] = 0x3A;
            opc[nopc++] = (uint8_t)op;
            for (p = 0; p < sizeof common / sizeof common[0] + (mode == 8 ? sizeof rex / sizeof rex[0] : 0); p++) {
                const pset *ps = p < sizeof common / sizeof common[0] ? &common[p] : &rex[p - sizeof common / sizeof common[0]];
                if (ps->full) {
                    for (m = 0; m < 256; m++)
                        emit(o, ps->b, ps->n, opc, nopc, (uint8_t)m, m + op, mode);
                } else {
                    for (m = 0; m < sizeof modrm_subset; m++)
                        emit(o, ps->b, ps->n, opc, nopc, modrm_subset[m], m + op, mode);
                }
            }
        }
    }
}

/* Every SIB byte under every mod with rm = 100b, with REX.X/REX.B and 67, for a few opcodes. */
static void corpus_sib(oracles *o, unsigned mode)
{
    static const uint8_t ops[][2] = { { 0x8B, 0 }, { 0x89, 0 }, { 0xC7, 0 }, { 0x0F, 0xB6 }, { 0x8D, 0 } };
    static const uint8_t pres[][2] = { { 0, 0 }, { 0x67, 0 }, { 0x41, 0 }, { 0x42, 0 }, { 0x4B, 0 }, { 0x67, 0x43 } };
    unsigned k, p, mod, sib, reg;
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++)
        for (p = 0; p < sizeof pres / sizeof pres[0]; p++) {
            unsigned npre = pres[p][0] == 0 ? 0 : pres[p][1] == 0 ? 1 : 2;
            if (mode != 8 && p >= 2)
                break;
            for (mod = 0; mod < 3; mod++)
                for (reg = 0; reg < 8; reg += 5)
                    for (sib = 0; sib < 256; sib++) {
                        uint8_t b[16];
                        unsigned n = put(b, 0, pres[p], npre);
                        b[n++] = ops[k][0];
                        if (ops[k][1])
                            b[n++] = ops[k][1];
                        b[n++] = (uint8_t)(mod << 6 | reg << 3 | 4);
                        b[n++] = (uint8_t)sib;
                        n = put(b, n, filler, 15 - n);
                        check(o, b, n, mode);
                    }
        }
}

/* VEX: C5 and C4 over maps 1-3, every opcode and pp, both L, W, register-extension bits, vvvv. */
static void corpus_vex(oracles *o, unsigned mode)
{
    unsigned map, op, pp, l, w, v, r, m, first = mode == 8 ? 0 : 1;
    for (op = 0; op < 256; op++)
        for (pp = 0; pp < 4; pp++)
            for (l = 0; l < 2; l++)
                for (v = 0; v < 2; v++)
                    for (r = first; r < 2; r++) {
                        uint8_t pre[2] = { 0xC5, (uint8_t)((r ? 0x80 : 0) | (v ? 0x78 : 0x50) | l << 2 | pp) };
                        uint8_t opc[1] = { (uint8_t)op };
                        for (m = 0; m < 10; m++)
                            emit(o, pre, 2, opc, 1, modrm_subset[(m * 7 + op) % sizeof modrm_subset], m, mode);
                    }
    for (map = 1; map < 4; map++)
        for (op = 0; op < 256; op++)
            for (pp = 0; pp < 4; pp++)
                for (l = 0; l < 2; l++)
                    for (w = 0; w < 2; w++)
                        for (v = 0; v < 2; v++)
                            for (r = first; r < 2; r++) {
                                uint8_t pre[3] = { 0xC4, (uint8_t)((r ? 0xE0 : 0x40) | map),
                                                   (uint8_t)(w << 7 | (v ? 0x78 : 0x30) | l << 2 | pp) };
                                uint8_t opc[1] = { (uint8_t)op };
                                for (m = 0; m < 6; m++)
                                    emit(o, pre, 3, opc, 1, modrm_subset[(m * 5 + op + pp) % sizeof modrm_subset], m,
                                         mode);
                            }
}

/* EVEX: maps 0-7, every opcode and pp, W, L'L, b, a mask, register-extension bits. */
static void corpus_evex(oracles *o, unsigned mode)
{
    unsigned map, op, pp, ll, w, bb, m;
    for (map = 0; map < 8; map++)
        for (op = 0; op < 256; op++)
            for (pp = 0; pp < 4; pp++)
                for (w = 0; w < 2; w++)
                    for (ll = 0; ll < 4; ll++)
                        for (bb = 0; bb < 2; bb++) {
                            unsigned sel = op + pp + ll;
                            uint8_t p0 = (uint8_t)((mode == 8 && (sel & 1) ? 0x00 : 0xF0) | map);
                            uint8_t p1 = (uint8_t)(w << 7 | ((sel & 2) ? 0x78 : 0x40) | 0x04 | pp);
                            uint8_t p2 = (uint8_t)(ll << 5 | bb << 4 | 0x08 | ((sel & 4) ? 1 : 0));
                            uint8_t pre[4] = { 0x62, p0, p1, p2 };
                            uint8_t opc[1] = { (uint8_t)op };
                            if (mode != 8 && map > 3 && map != 5 && map != 6)
                                continue;
                            for (m = 0; m < 3; m++)
                                emit(o, pre, 4, opc, 1, modrm_subset[(m * 11 + op + ll) % sizeof modrm_subset], m,
                                     mode);
                        }
}

static void corpus_xop(oracles *o, unsigned mode)
{
    unsigned map, op, w, l, pp, m;
    for (map = 7; map < 12; map++)
        for (op = 0; op < 256; op++)
            for (w = 0; w < 2; w++)
                for (l = 0; l < 2; l++)
                    for (pp = 0; pp < 2; pp++) {
                        uint8_t pre[3] = { 0x8F, (uint8_t)(0xE0 | map), (uint8_t)(w << 7 | 0x78 | l << 2 | pp) };
                        uint8_t opc[1] = { (uint8_t)op };
                        for (m = 0; m < 6; m++)
                            emit(o, pre, 3, opc, 1, modrm_subset[(m * 7 + op) % sizeof modrm_subset], m, mode);
                    }
}

/* 3DNow!: every suffix, ModRM forms, with and without prefixes. */
static void corpus_3dnow(oracles *o, unsigned mode)
{
    static const pset ps[] = { { { 0 }, 0, false }, { { 0x66 }, 1, false }, { { 0xF3 }, 1, false },
                               { { 0x67 }, 1, false }, { { 0xF0 }, 1, false } };
    unsigned sfx, p, m;
    for (sfx = 0; sfx < 256; sfx++)
        for (p = 0; p < sizeof ps / sizeof ps[0]; p++)
            for (m = 0; m < sizeof modrm_subset; m++) {
                uint8_t b[16];
                unsigned n = put(b, 0, ps[p].b, ps[p].n), dlen;
                xvcpu_x86_insn tmp;
                b[n++] = 0x0F;
                b[n++] = 0x0F;
                b[n++] = modrm_subset[m];
                b[n++] = sibs[m % sizeof sibs];
                n = put(b, n, filler, 15 - n);
                /* the suffix follows the displacement: place it where the decoder reads it */
                if (xvcpu_x86_decode(b, n, mode, &tmp) != XVCPU_X86_DECODE_TRUNCATED && tmp.length)
                    dlen = tmp.length - 1;
                else
                    dlen = n - 1;
                b[dlen] = (uint8_t)sfx;
                check(o, b, n, mode);
            }
}

/* Prefix runs up to and past the 15-byte limit, REX placement. */
static void corpus_prefix_runs(oracles *o, unsigned mode)
{
    static const uint8_t tails[][6] = { { 1, 0x90 }, { 2, 0x89, 0x08 }, { 3, 0x0F, 0xB6, 0x00 },
                                        { 5, 0xB8, 1, 2, 3, 4 }, { 3, 0x0F, 0x01, 0xD1 }, { 4, 0xC6, 0x00, 0x11, 0 } };
    static const uint8_t pfx[] = { 0x66, 0x67, 0xF3, 0xF2, 0x2E, 0x3E, 0x26, 0x64, 0x65, 0x36, 0xF0, 0x48, 0x41 };
    unsigned t, k, p;
    for (t = 0; t < sizeof tails / sizeof tails[0]; t++)
        for (p = 0; p < sizeof pfx; p++)
            for (k = 0; k <= 15; k++) {
                uint8_t b[32];
                unsigned n = 0, i;
                if (mode != 8 && (pfx[p] & 0xF0) == 0x40)
                    continue;
                for (i = 0; i < k; i++)
                    b[n++] = i % 2 ? pfx[p] : pfx[(p + i) % sizeof pfx];
                n = put(b, n, &tails[t][1], tails[t][0]);
                check(o, b, n > 15 ? 15 : n, mode);
            }
}

/* ---- random strings ------------------------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static void random_strings(oracles *o, unsigned long count, bool prefix_heavy)
{
    static const uint8_t pfx[] = { 0x66, 0x67, 0xF3, 0xF2, 0x2E, 0x64, 0xF0, 0x48, 0x41, 0x4C, 0x0F, 0x0F };
    unsigned long i;
    unsigned k, mode;
    for (i = 0; i < count; i++) {
        uint8_t b[15];
        uint64_t r = rng(), r2 = rng();
        for (k = 0; k < 15; k++)
            b[k] = (uint8_t)(k < 8 ? r >> (8 * k) : r2 >> (8 * (k - 8)));
        if (prefix_heavy) {
            uint64_t q = rng();
            for (k = 0; k < 4 && (q >> (8 * k)) % 2; k++)
                b[k] = pfx[(q >> (8 * k + 1)) % sizeof pfx];
        }
        for (mode = 2; mode <= 8; mode *= 2)
            check(o, b, 15, mode);
    }
}

int main(int argc, char **argv)
{
    oracles o;
    unsigned mode, oracle, k, kind;
    unsigned long random_count = 1000000;
    struct timespec t0, t1;
    bool quick = argc > 1 && !strcmp(argv[1], "--quick");
    const char *only = argc > 2 ? argv[2] : NULL;

    if (getenv("DIFF_PRINT"))
        max_print = (unsigned)atoi(getenv("DIFF_PRINT"));
    zy_init(&o.z);
    if (!cs_init_all(&o.c)) {
        fprintf(stderr, "diff: cannot open Capstone\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (mode = 2; mode <= 8; mode *= 2) {
        if (!only || strstr(only, "legacy")) corpus_legacy(&o, mode);
        if (!only || strstr(only, "sib")) corpus_sib(&o, mode);
        if (!only || strstr(only, "vex")) corpus_vex(&o, mode);
        if (!only || strstr(only, "evex")) corpus_evex(&o, mode);
        if (!only || strstr(only, "xop")) corpus_xop(&o, mode);
        if (!only || strstr(only, "3dnow")) corpus_3dnow(&o, mode);
        if (!only || strstr(only, "prefix")) corpus_prefix_runs(&o, mode);
    }
    printf("diff: generated corpus: %lu samples\n", n_samples);
    rng_state = 0x2545F4914F6CDD1Dull;
    if (quick)
        random_count = 100000;
    if (!only || strstr(only, "random")) {
        random_strings(&o, random_count, false);
        random_strings(&o, random_count / 5, true);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("diff: %lu samples in all (%lu random strings x 3 modes, +%lu prefix-heavy), %.1f s\n", n_samples,
           random_count, random_count / 5, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    for (oracle = 0; oracle < 2; oracle++) {
        printf("diff: vs %s: both invalid %lu; both valid %lu, lengths agree %lu; MMIO operands compared %lu, agree "
               "%lu",
               oracle ? "Capstone" : "Zydis", n_both_invalid[oracle], n_compared[oracle], n_len_agreed[oracle],
               n_ops_compared[oracle], n_ops_agreed[oracle]);
        if (oracle == 0)
            printf("; other memory operands compared %lu, agree %lu", n_mem_compared[oracle], n_mem_agreed[oracle]);
        printf("\n");
    }
    printf("diff: explained disagreements by class:\n");
    for (k = 0; k < K_COUNT; k++) {
        bool any = false;
        for (oracle = 0; oracle < 2; oracle++)
            for (kind = 0; kind < D_KINDS; kind++)
                any |= classes[k].count[oracle][kind] != 0;
        if (!any)
            continue;
        printf("  %-24s", classes[k].id);
        for (oracle = 0; oracle < 2; oracle++)
            for (kind = 0; kind < D_KINDS; kind++)
                if (classes[k].count[oracle][kind])
                    printf(" %s/%s=%lu", oracle ? "capstone" : "zydis", kind_names[kind],
                           classes[k].count[oracle][kind]);
        printf("\n      %s\n", classes[k].why);
    }
    cs_fini_all(&o.c);
    if (n_unexplained) {
        printf("diff: FAIL: %lu unexplained disagreements\n", n_unexplained);
        printf("decode diff: 0 passed, %lu failed\n", n_unexplained);
        return 1;
    }
    printf("decode diff: 1 passed, 0 failed\n");
    return 0;
}
