/* Unit tests of the x86 decoder: hand-written encodings per form with exact expectations. Built
 * with AddressSanitizer/UBSan; every input is decoded from an exact-size heap copy, so a read past
 * `avail` is caught. */
#define XVCPU_IMPLEMENTATION
#define XVCPU_STATIC
#include "../../../xvcpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned checks, failures;
static const char *current;

#define CHECK_EQ(what, got, want)                                                                         \
    do {                                                                                                  \
        long long g_ = (long long)(got), w_ = (long long)(want);                                          \
        checks++;                                                                                         \
        if (g_ != w_) {                                                                                   \
            failures++;                                                                                   \
            printf("FAIL %s:%d [%s] %s = %lld (0x%llx), want %lld (0x%llx)\n", __FILE__, __LINE__, current, \
                   what, g_, (unsigned long long)g_, w_, (unsigned long long)w_);                        \
        }                                                                                                 \
    } while (0)

static xvcpu_x86_insn in;
static xvcpu_x86_decode_status st;

/* Decode `hex` (spaces allowed) in `bits`-bit code from an exact-size heap buffer. */
static void dec(unsigned bits, const char *hex)
{
    uint8_t tmp[32], *buf;
    unsigned n = 0;
    current = hex;
    while (*hex) {
        unsigned v;
        if (*hex == ' ') {
            hex++;
            continue;
        }
        if (sscanf(hex, "%2x", &v) != 1) {
            printf("bad hex in test: %s\n", current);
            exit(2);
        }
        tmp[n++] = (uint8_t)v;
        hex += 2;
    }
    buf = (uint8_t *)malloc(n ? n : 1);
    memcpy(buf, tmp, n);
    memset(&in, 0xA5, sizeof in); /* the decoder must write every field it promises */
    st = xvcpu_x86_decode(n ? buf : NULL, n, bits / 8, &in);
    free(buf);
}

#define EXPECT(bits, hex, status, len)                                      \
    do {                                                                    \
        dec(bits, hex);                                                     \
        CHECK_EQ("status", st, XVCPU_X86_DECODE_##status);                  \
        if (XVCPU_X86_DECODE_##status == XVCPU_X86_DECODE_OK ||             \
            XVCPU_X86_DECODE_##status == XVCPU_X86_DECODE_UNSUPPORTED)      \
            CHECK_EQ("length", in.length, len);                             \
    } while (0)

/* The memory operand: base, index, scale, disp, segment. */
static void mem(int base, int index, unsigned scale, long long disp, unsigned seg)
{
    CHECK_EQ("has_mem", in.has_mem, 1);
    CHECK_EQ("base", in.base, base);
    CHECK_EQ("index", in.index, index);
    CHECK_EQ("scale", in.scale, scale);
    CHECK_EQ("disp", in.disp, disp);
    CHECK_EQ("seg", in.seg, seg);
}

/* The operation: op, operand size, memory size, register, direction. */
static void op(xvcpu_x86_op o, unsigned op_bytes, unsigned mem_bytes, int reg, bool mem_is_dest, bool mem_to_reg)
{
    CHECK_EQ("op", in.op, o);
    CHECK_EQ("op_bytes", in.op_bytes, op_bytes);
    CHECK_EQ("mem_bytes", in.mem_bytes, mem_bytes);
    CHECK_EQ("reg", in.reg, reg);
    CHECK_EQ("mem_is_dest", in.mem_is_dest, mem_is_dest);
    CHECK_EQ("mem_to_reg", in.mem_to_reg, mem_to_reg);
}

static void imm(uint64_t value)
{
    CHECK_EQ("has_imm", in.has_imm, 1);
    CHECK_EQ("imm_is_src", in.imm_is_src, 1);
    CHECK_EQ("imm", in.imm, value);
}

enum { ES, CS, SS, DS, FS, GS };
enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15, AH = 20, CH, DH, BH };

static void test_mov(void)
{
    uint64_t gpr[16] = { 0 };

    EXPECT(64, "48 89 4C 24 08", OK, 5); /* mov [rsp+8], rcx */
    op(XVCPU_X86_OP_MOV, 8, 8, RCX, true, false);
    mem(RSP, -1, 1, 8, SS);
    CHECK_EQ("addr_bytes", in.addr_bytes, 8);
    CHECK_EQ("rex", in.rex, 0x48);
    CHECK_EQ("has_imm", in.has_imm, 0);
    gpr[RSP] = 0x7FF0;
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0x7FF8);

    EXPECT(64, "8B 05 10 00 00 00", OK, 6); /* mov eax, [rip+0x10] */
    op(XVCPU_X86_OP_MOV, 4, 4, RAX, false, true);
    mem(-1, -1, 1, 0x10, DS);
    CHECK_EQ("rip_relative", in.rip_relative, 1);
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0x1000), 0x1016);

    EXPECT(64, "67 8B 05 10 00 00 00", OK, 7); /* mov eax, [eip+0x10]: 32-bit wrap */
    CHECK_EQ("rip_relative", in.rip_relative, 1);
    CHECK_EQ("addr_bytes", in.addr_bytes, 4);
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0xFFFFFFF0ull), 0x7);

    EXPECT(32, "8B 05 10 00 00 00", OK, 6); /* 32-bit: [disp32], not EIP-relative */
    CHECK_EQ("rip_relative", in.rip_relative, 0);
    mem(-1, -1, 1, 0x10, DS);

    EXPECT(64, "8B 04 25 78 56 34 12", OK, 7); /* SIB, no base, no index */
    mem(-1, -1, 1, 0x12345678, DS);
    EXPECT(64, "8B 04 8D 00 10 00 00", OK, 7); /* [rcx*4+0x1000] */
    mem(-1, RCX, 4, 0x1000, DS);
    gpr[RCX] = 3;
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0x100C);
    EXPECT(64, "8B 44 24 F0", OK, 4); /* [rsp-0x10]: SS */
    mem(RSP, -1, 1, -16, SS);
    EXPECT(64, "8B 45 00", OK, 3); /* [rbp+0]: SS */
    mem(RBP, -1, 1, 0, SS);
    EXPECT(64, "8B 04 2C", OK, 3); /* [rsp+rbp]: base rsp */
    mem(RSP, RBP, 1, 0, SS);
    EXPECT(64, "8B 44 25 08", OK, 4); /* base rbp, no index (SIB index 100b), disp8 */
    mem(RBP, -1, 1, 8, SS);

    /* REX.R/X/B: mov r8, [r13+r12*4-0x10]; r13/r12 bases take DS */
    EXPECT(64, "4F 8B 44 A5 F0", OK, 5);
    op(XVCPU_X86_OP_MOV, 8, 8, R8, false, true);
    mem(R13, R12, 4, -16, DS);
    EXPECT(64, "41 8B 45 00", OK, 4); /* [r13+0]: DS, mod 01 needed */
    mem(R13, -1, 1, 0, DS);
    EXPECT(64, "41 8B 04 24", OK, 4); /* [r12]: SIB */
    mem(R12, -1, 1, 0, DS);
    EXPECT(64, "42 8B 04 25 00 01 00 00", OK, 8); /* REX.X with index 100b: r12 is an index */
    mem(-1, R12, 1, 0x100, DS);
    EXPECT(64, "41 8B 04 25 00 01 00 00", OK, 8); /* REX.B does not make SIB base 101b/mod 00 r13 */
    mem(-1, -1, 1, 0x100, DS);
    EXPECT(64, "67 41 8B 04 25 00 01 00 00", OK, 9); /* same with 32-bit addressing (zydis#592) */
    mem(-1, -1, 1, 0x100, DS);

    /* byte registers: AH without REX, SPL with any REX */
    EXPECT(64, "88 20", OK, 2);
    op(XVCPU_X86_OP_MOV, 1, 1, AH, true, false);
    EXPECT(64, "40 88 20", OK, 3);
    op(XVCPU_X86_OP_MOV, 1, 1, RSP, true, false);
    EXPECT(64, "40 66 88 20", OK, 4); /* a REX followed by a legacy prefix is ignored: AH again */
    op(XVCPU_X86_OP_MOV, 1, 1, AH, true, false);
    CHECK_EQ("rex", in.rex, 0);
    EXPECT(32, "8A 3B", OK, 2); /* mov bh, [ebx] */
    op(XVCPU_X86_OP_MOV, 1, 1, BH, false, true);
    mem(RBX, -1, 1, 0, DS);

    /* operand size: 66, REX.W, 66+REX.W (REX.W wins), REX then 66 (REX ignored), REX REX (last wins) */
    EXPECT(64, "66 89 00", OK, 3);
    CHECK_EQ("op_bytes", in.op_bytes, 2);
    EXPECT(64, "66 48 89 00", OK, 4);
    CHECK_EQ("op_bytes", in.op_bytes, 8);
    EXPECT(64, "48 66 89 00", OK, 4);
    CHECK_EQ("op_bytes", in.op_bytes, 2);
    EXPECT(64, "48 41 8B 00", OK, 4);
    CHECK_EQ("op_bytes", in.op_bytes, 4);
    mem(R8, -1, 1, 0, DS);
    EXPECT(16, "89 07", OK, 2); /* 16-bit code: mov [bx], ax */
    op(XVCPU_X86_OP_MOV, 2, 2, RAX, true, false);
    mem(RBX, -1, 1, 0, DS);
    EXPECT(16, "66 89 07", OK, 3);
    CHECK_EQ("op_bytes", in.op_bytes, 4);
    EXPECT(32, "66 89 07", OK, 3);
    CHECK_EQ("op_bytes", in.op_bytes, 2);

    /* immediates */
    EXPECT(64, "C6 00 7F", OK, 3);
    op(XVCPU_X86_OP_MOV, 1, 1, -1, true, false);
    imm(0x7F);
    EXPECT(64, "48 C7 00 FF FF FF FF", OK, 7); /* imm32 sign-extended to 64 */
    imm(0xFFFFFFFFFFFFFFFFull);
    EXPECT(64, "C7 00 00 00 00 80", OK, 6);
    imm(0x80000000);
    EXPECT(64, "66 C7 00 34 12", OK, 5);
    imm(0x1234);
    EXPECT(64, "C6 F8 05", UNSUPPORTED, 3); /* XABORT ib */
    EXPECT(64, "C6 C0 05", UNSUPPORTED, 3); /* mov al, 5: no memory */
    EXPECT(64, "C6 08 05", INVALID, 0);     /* C6 /1 */

    /* moffs: the address size */
    EXPECT(64, "A1 88 77 66 55 44 33 22 11", OK, 9);
    op(XVCPU_X86_OP_MOV, 4, 4, RAX, false, true);
    mem(-1, -1, 1, 0x1122334455667788ll, DS);
    CHECK_EQ("has_imm", in.has_imm, 0);
    EXPECT(64, "67 A3 44 33 22 11", OK, 6);
    op(XVCPU_X86_OP_MOV, 4, 4, RAX, true, false);
    mem(-1, -1, 1, 0x11223344, DS);
    EXPECT(64, "48 A2 08 07 06 05 04 03 02 01", OK, 10);
    op(XVCPU_X86_OP_MOV, 1, 1, RAX, true, false);
    EXPECT(32, "A1 44 33 22 11", OK, 5);
    EXPECT(32, "67 A1 22 11", OK, 4);
    mem(-1, -1, 1, 0x1122, DS);
    EXPECT(16, "A0 22 11", OK, 3);
    op(XVCPU_X86_OP_MOV, 1, 1, RAX, false, true);
    EXPECT(16, "67 A0 44 33 22 11", OK, 6);
    EXPECT(32, "64 A1 00 10 00 00", OK, 6);
    mem(-1, -1, 1, 0x1000, FS);

    /* 16-bit addressing */
    EXPECT(16, "8B 00", OK, 2);
    mem(RBX, RSI, 1, 0, DS);
    EXPECT(16, "8B 42 10", OK, 3); /* [bp+si+0x10] */
    mem(RBP, RSI, 1, 0x10, SS);
    EXPECT(16, "8B 06 34 12", OK, 4); /* [0x1234] */
    mem(-1, -1, 1, 0x1234, DS);
    EXPECT(16, "8B 46 FE", OK, 3); /* [bp-2] */
    mem(RBP, -1, 1, -2, SS);
    EXPECT(16, "8B 87 00 80", OK, 4); /* [bx-0x8000] */
    mem(RBX, -1, 1, -32768, DS);
    gpr[RBX] = 0x9000;
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0x1000);
    EXPECT(16, "3E 8B 46 00", OK, 4); /* override wins */
    mem(RBP, -1, 1, 0, DS);
    EXPECT(32, "67 8B 00", OK, 3); /* 16-bit addressing in 32-bit code */
    mem(RBX, RSI, 1, 0, DS);
    CHECK_EQ("addr_bytes", in.addr_bytes, 2);
    EXPECT(16, "67 8B 04 24", OK, 4); /* 32-bit addressing in 16-bit code */
    mem(RSP, -1, 1, 0, SS);
    CHECK_EQ("addr_bytes", in.addr_bytes, 4);
    EXPECT(16, "67 66 8B 84 88 00 01 00 00", OK, 9); /* mov eax, [eax+ecx*4+0x100] */
    mem(RAX, RCX, 4, 0x100, DS);
    CHECK_EQ("op_bytes", in.op_bytes, 4);

    /* segments in 64-bit mode: CS/DS/ES/SS overrides ignored, FS/GS kept */
    EXPECT(64, "2E 8B 00", OK, 3);
    mem(RAX, -1, 1, 0, DS);
    EXPECT(64, "36 8B 00", OK, 3);
    mem(RAX, -1, 1, 0, DS);
    EXPECT(64, "65 8B 45 00", OK, 4);
    mem(RBP, -1, 1, 0, GS);
    EXPECT(64, "64 2E 8B 00", OK, 4);
    mem(RAX, -1, 1, 0, FS);
    EXPECT(32, "36 8B 00", OK, 3);
    mem(RAX, -1, 1, 0, SS);
    EXPECT(32, "26 2E 8B 00", OK, 4); /* the last one counts */
    mem(RAX, -1, 1, 0, CS);

    EXPECT(64, "8C 18", UNSUPPORTED, 2); /* mov [rax], ds: segment moves are not emulated */
    EXPECT(64, "8E 08", INVALID, 0);     /* mov cs, [rax] */
    EXPECT(64, "8B C1", UNSUPPORTED, 2); /* register form */
    CHECK_EQ("op", in.op, XVCPU_X86_OP_NONE);
    CHECK_EQ("has_mem", in.has_mem, 0);
}

static void test_alu(void)
{
    EXPECT(64, "01 18", OK, 2); /* add [rax], ebx */
    op(XVCPU_X86_OP_ADD, 4, 4, RBX, true, false);
    mem(RAX, -1, 1, 0, DS);
    EXPECT(64, "03 18", OK, 2); /* add ebx, [rax] */
    op(XVCPU_X86_OP_ADD, 4, 4, RBX, false, true);
    EXPECT(64, "39 18", OK, 2); /* cmp [rax], ebx */
    op(XVCPU_X86_OP_CMP, 4, 4, RBX, false, false);
    EXPECT(64, "3B 18", OK, 2); /* cmp ebx, [rax]: register is the first operand */
    op(XVCPU_X86_OP_CMP, 4, 4, RBX, false, true);
    EXPECT(64, "30 20", OK, 2); /* xor [rax], ah */
    op(XVCPU_X86_OP_XOR, 1, 1, AH, true, false);
    EXPECT(64, "4C 29 00", OK, 3); /* sub [rax], r8 */
    op(XVCPU_X86_OP_SUB, 8, 8, R8, true, false);
    EXPECT(64, "12 00", OK, 2);
    op(XVCPU_X86_OP_ADC, 1, 1, RAX, false, true);
    EXPECT(64, "1B 00", OK, 2);
    op(XVCPU_X86_OP_SBB, 4, 4, RAX, false, true);
    EXPECT(64, "21 00", OK, 2);
    op(XVCPU_X86_OP_AND, 4, 4, RAX, true, false);
    EXPECT(64, "0A 00", OK, 2);
    op(XVCPU_X86_OP_OR, 1, 1, RAX, false, true);
    EXPECT(64, "05 01 00 00 00", UNSUPPORTED, 5); /* add eax, imm32: no memory */

    EXPECT(64, "83 38 FF", OK, 3); /* cmp dword [rax], -1 */
    op(XVCPU_X86_OP_CMP, 4, 4, -1, false, false);
    imm(0xFFFFFFFF);
    EXPECT(64, "48 83 00 80", OK, 4);
    op(XVCPU_X86_OP_ADD, 8, 8, -1, true, false);
    imm(0xFFFFFFFFFFFFFF80ull);
    EXPECT(64, "66 83 00 FF", OK, 4);
    imm(0xFFFF);
    EXPECT(64, "80 30 FF", OK, 3);
    op(XVCPU_X86_OP_XOR, 1, 1, -1, true, false);
    imm(0xFF);
    EXPECT(64, "81 28 78 56 34 12", OK, 6);
    op(XVCPU_X86_OP_SUB, 4, 4, -1, true, false);
    imm(0x12345678);
    EXPECT(64, "48 81 28 00 00 00 80", OK, 7);
    imm(0xFFFFFFFF80000000ull);
    EXPECT(16, "81 20 34 12", OK, 4); /* and word [bx+si], 0x1234 */
    op(XVCPU_X86_OP_AND, 2, 2, -1, true, false);
    imm(0x1234);
    EXPECT(32, "82 08 01", OK, 3); /* 82 = 80 outside 64-bit mode */
    op(XVCPU_X86_OP_OR, 1, 1, -1, true, false);
    EXPECT(64, "82 08 01", INVALID, 0);

    /* LOCK: only read-modify-write forms with a memory destination */
    EXPECT(64, "F0 01 18", OK, 3);
    CHECK_EQ("lock", in.lock, 1);
    EXPECT(64, "F0 03 18", INVALID, 0);
    EXPECT(64, "F0 01 D8", INVALID, 0);
    EXPECT(64, "F0 39 18", INVALID, 0);
    EXPECT(64, "F0 83 38 01", INVALID, 0);
    EXPECT(64, "F0 83 00 01", OK, 4);
    EXPECT(64, "F0 87 18", OK, 3);
    EXPECT(64, "F0 0F BB 18", OK, 4);
    EXPECT(64, "F0 0F A3 18", INVALID, 0);
    EXPECT(64, "F0 0F BA 20 05", INVALID, 0);
    EXPECT(64, "F0 0F BA 28 05", OK, 5);
    EXPECT(64, "F0 90", INVALID, 0);
    EXPECT(64, "F0 F7 18", UNSUPPORTED, 3);      /* lock neg */
    EXPECT(64, "F0 FE 00", UNSUPPORTED, 3);      /* lock inc */
    EXPECT(64, "F0 0F C7 08", UNSUPPORTED, 4);   /* lock cmpxchg8b */
    EXPECT(64, "F0 48 0F C1 08", UNSUPPORTED, 5); /* lock xadd */
    EXPECT(64, "F0 8B 00", INVALID, 0);          /* lock mov */
    EXPECT(32, "F0 0F 20 C0", UNSUPPORTED, 4);   /* AMD: LOCK MOV eax, CR0 reads CR8 (AltMovCr8) */
    EXPECT(32, "F0 0F 22 C0", UNSUPPORTED, 4);
    EXPECT(32, "F0 0F 22 D8", INVALID, 0);       /* ... only with CR0 */
    EXPECT(64, "F0 44 0F 22 C0", INVALID, 0);    /* LOCK with CR8 itself */
    EXPECT(32, "F0 0F 21 C0", INVALID, 0);       /* no such alias for DRs */
    EXPECT(64, "F0 0F 0F 00 B4", INVALID, 0);
    EXPECT(64, "F0 C5 F8 10 00", INVALID, 0);
}

static void test_test_xchg_bt(void)
{
    uint64_t gpr[16] = { 0 };

    EXPECT(64, "85 18", OK, 2); /* test [rax], ebx */
    op(XVCPU_X86_OP_TEST, 4, 4, RBX, false, false);
    EXPECT(64, "F6 00 80", OK, 3);
    op(XVCPU_X86_OP_TEST, 1, 1, -1, false, false);
    imm(0x80);
    EXPECT(64, "F7 08 78 56 34 12", OK, 6); /* F7 /1: TEST alias */
    op(XVCPU_X86_OP_TEST, 4, 4, -1, false, false);
    imm(0x12345678);
    EXPECT(64, "48 F7 00 FF FF FF FF", OK, 7);
    imm(0xFFFFFFFFFFFFFFFFull);
    EXPECT(64, "F7 10", UNSUPPORTED, 2); /* not [rax]: no immediate */
    EXPECT(64, "F6 38", UNSUPPORTED, 2); /* idiv byte [rax] */

    EXPECT(64, "86 18", OK, 2); /* xchg [rax], bl */
    op(XVCPU_X86_OP_XCHG, 1, 1, RBX, true, true);
    EXPECT(64, "48 87 08", OK, 3);
    op(XVCPU_X86_OP_XCHG, 8, 8, RCX, true, true);
    EXPECT(64, "87 C8", UNSUPPORTED, 2);

    EXPECT(64, "0F A3 18", OK, 3); /* bt [rax], ebx */
    op(XVCPU_X86_OP_BT, 4, 4, RBX, false, false);
    gpr[RAX] = 0x1000;
    gpr[RBX] = 100; /* dword 3 */
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0x100C);
    gpr[RBX] = 0xFFFFFFFFull; /* -1 as a 32-bit offset: the dword below */
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0xFFC);
    EXPECT(64, "48 0F AB 18", OK, 4); /* bts [rax], rbx */
    op(XVCPU_X86_OP_BTS, 8, 8, RBX, true, false);
    gpr[RBX] = (uint64_t)-65; /* qword -2 */
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0xFF0);
    EXPECT(16, "0F B3 07", OK, 3); /* btr [bx], ax */
    op(XVCPU_X86_OP_BTR, 2, 2, RAX, true, false);
    gpr[RBX] = 0x20;
    gpr[RAX] = 0x8000; /* -32768 as a 16-bit offset: word -2048 */
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), (0x20 - 4096) & 0xFFFF);
    EXPECT(64, "0F BB 18", OK, 3);
    op(XVCPU_X86_OP_BTC, 4, 4, RBX, true, false);
    gpr[RAX] = 0x1000;
    EXPECT(64, "0F BA 20 21", OK, 4); /* bt dword [rax], 0x21 */
    op(XVCPU_X86_OP_BT, 4, 4, -1, false, false);
    imm(0x21);
    CHECK_EQ("offset", xvcpu_x86_insn_offset(&in, gpr, 0), 0x1000);
    EXPECT(64, "48 0F BA 38 FF", OK, 5); /* btc qword [rax], 0xff: not sign-extended */
    op(XVCPU_X86_OP_BTC, 8, 8, -1, true, false);
    imm(0xFF);
    EXPECT(64, "0F BA 18 01", INVALID, 0); /* 0F BA /3 */
}

static void test_movx_string(void)
{
    EXPECT(64, "0F B6 00", OK, 3);
    op(XVCPU_X86_OP_MOVZX, 4, 1, RAX, false, true);
    EXPECT(64, "48 0F BF 08", OK, 4);
    op(XVCPU_X86_OP_MOVSX, 8, 2, RCX, false, true);
    EXPECT(64, "66 0F B6 00", OK, 4);
    op(XVCPU_X86_OP_MOVZX, 2, 1, RAX, false, true);
    EXPECT(64, "44 0F B7 00", OK, 4);
    op(XVCPU_X86_OP_MOVZX, 4, 2, R8, false, true);
    EXPECT(64, "48 63 00", OK, 3);
    op(XVCPU_X86_OP_MOVSXD, 8, 4, RAX, false, true);
    EXPECT(64, "63 00", OK, 2);
    op(XVCPU_X86_OP_MOVSXD, 4, 4, RAX, false, true);
    EXPECT(64, "66 63 00", OK, 3); /* MOVSXD r16, r/m16 (SDM) */
    op(XVCPU_X86_OP_MOVSXD, 2, 2, RAX, false, true);
    EXPECT(32, "63 00", UNSUPPORTED, 2); /* ARPL */

    EXPECT(64, "A4", OK, 1);
    op(XVCPU_X86_OP_MOVS, 1, 1, -1, true, false);
    mem(RSI, -1, 1, 0, DS);
    CHECK_EQ("rep", in.rep, 0);
    EXPECT(64, "F3 48 A5", OK, 3);
    op(XVCPU_X86_OP_MOVS, 8, 8, -1, true, false);
    CHECK_EQ("rep", in.rep, 0xF3);
    EXPECT(64, "64 A4", OK, 2);
    mem(RSI, -1, 1, 0, FS);
    EXPECT(64, "2E A4", OK, 2);
    mem(RSI, -1, 1, 0, DS);
    EXPECT(32, "2E A4", OK, 2);
    mem(RSI, -1, 1, 0, CS);
    EXPECT(64, "67 A5", OK, 2);
    CHECK_EQ("addr_bytes", in.addr_bytes, 4);
    EXPECT(16, "A5", OK, 1);
    op(XVCPU_X86_OP_MOVS, 2, 2, -1, true, false);
    CHECK_EQ("addr_bytes", in.addr_bytes, 2);

    EXPECT(64, "AA", OK, 1);
    op(XVCPU_X86_OP_STOS, 1, 1, RAX, true, false);
    mem(RDI, -1, 1, 0, ES);
    EXPECT(64, "64 AA", OK, 2); /* the destination is always ES */
    mem(RDI, -1, 1, 0, ES);
    EXPECT(64, "66 AB", OK, 2);
    op(XVCPU_X86_OP_STOS, 2, 2, RAX, true, false);
    EXPECT(64, "F2 F3 F2 AB", OK, 4); /* the last F2/F3 */
    CHECK_EQ("rep", in.rep, 0xF2);
    EXPECT(64, "AC", UNSUPPORTED, 1); /* lods */
}

static void test_vmov(void)
{
    EXPECT(64, "0F 10 00", OK, 3); /* movups xmm0, [rax] */
    op(XVCPU_X86_OP_VMOV, 16, 16, 0, false, true);
    mem(RAX, -1, 1, 0, DS);
    EXPECT(64, "0F 11 08", OK, 3); /* movups [rax], xmm1 */
    op(XVCPU_X86_OP_VMOV, 16, 16, 1, true, false);
    EXPECT(64, "66 0F 28 00", OK, 4);
    op(XVCPU_X86_OP_VMOV, 16, 16, 0, false, true);
    EXPECT(64, "F3 0F 6F 00", OK, 4);
    op(XVCPU_X86_OP_VMOV, 16, 16, 0, false, true);
    EXPECT(64, "66 0F 7F 00", OK, 4);
    op(XVCPU_X86_OP_VMOV, 16, 16, 0, true, false);
    EXPECT(64, "44 0F 29 00", OK, 4);
    op(XVCPU_X86_OP_VMOV, 16, 16, 8, true, false);
    EXPECT(64, "F3 0F 10 00", UNSUPPORTED, 4); /* movss */
    EXPECT(64, "0F 6F 00", UNSUPPORTED, 3);    /* MMX movq */
    EXPECT(64, "0F 10 C0", UNSUPPORTED, 3);    /* register form */
    EXPECT(64, "66 F3 0F 7F 00", OK, 5);       /* F3 beats 66: movdqu */
    EXPECT(64, "F3 66 0F 7F 00", OK, 5);

    EXPECT(64, "C5 F8 10 00", OK, 4); /* vmovups xmm0, [rax] */
    op(XVCPU_X86_OP_VMOV, 16, 16, 0, false, true);
    CHECK_EQ("encoding", in.encoding, XVCPU_X86_ENC_VEX);
    EXPECT(64, "C5 FC 11 08", OK, 4); /* vmovups [rax], ymm1 */
    op(XVCPU_X86_OP_VMOV, 32, 32, 1, true, false);
    EXPECT(64, "C5 7E 6F 00", OK, 4); /* vmovdqu ymm8, [rax] */
    op(XVCPU_X86_OP_VMOV, 32, 32, 8, false, true);
    EXPECT(64, "C4 41 7D 7F 00", OK, 5); /* vmovdqa [r8], ymm8 */
    op(XVCPU_X86_OP_VMOV, 32, 32, 8, true, false);
    mem(R8, -1, 1, 0, DS);
    EXPECT(64, "C4 E1 F9 28 44 24 20", OK, 7); /* vmovapd xmm0, [rsp+0x20], VEX.W ignored */
    mem(RSP, -1, 1, 0x20, SS);
    EXPECT(64, "C5 F0 10 00", INVALID, 0); /* vvvv != 1111b */
    EXPECT(64, "C5 F8 10 C1", UNSUPPORTED, 4);
    EXPECT(64, "66 C5 F8 10 00", INVALID, 0); /* 66 before VEX */
    EXPECT(64, "48 C5 F8 10 00", INVALID, 0); /* REX before VEX */
    EXPECT(32, "C5 F8 10 00", OK, 4);
    EXPECT(32, "C5 00", UNSUPPORTED, 2); /* lds eax, [eax] */
    EXPECT(32, "C4 00", UNSUPPORTED, 2); /* les eax, [eax] */
    EXPECT(64, "C5 FA 10 00", UNSUPPORTED, 4); /* vmovss */
}

static void test_lengths(void)
{
    /* what an AMD CPU without NRIP-save needs: intercepted instructions */
    EXPECT(64, "0F A2", UNSUPPORTED, 2);        /* CPUID */
    EXPECT(64, "0F 32", UNSUPPORTED, 2);        /* RDMSR */
    EXPECT(64, "0F 30", UNSUPPORTED, 2);        /* WRMSR */
    EXPECT(64, "0F 22 D8", UNSUPPORTED, 3);     /* mov cr3, rax */
    EXPECT(64, "0F 20 05", UNSUPPORTED, 3);     /* mov rbp, cr0: mod is ignored, no disp32 */
    EXPECT(64, "44 0F 20 C0", UNSUPPORTED, 4);  /* mov rax, cr8 */
    EXPECT(64, "0F 22 C8", INVALID, 0);         /* cr1 */
    EXPECT(64, "44 0F 21 C0", INVALID, 0);      /* dr8 */
    EXPECT(64, "0F 23 F8", UNSUPPORTED, 3);     /* mov dr7, rax */
    EXPECT(64, "0F 01 D1", UNSUPPORTED, 3);     /* XSETBV */
    EXPECT(64, "0F 01 D9", UNSUPPORTED, 3);     /* VMMCALL */
    EXPECT(64, "0F 01 C1", UNSUPPORTED, 3);     /* VMCALL */
    EXPECT(64, "0F 01 D8", UNSUPPORTED, 3);     /* VMRUN */
    EXPECT(64, "F4", UNSUPPORTED, 1);           /* HLT */
    EXPECT(64, "0F 01 38", UNSUPPORTED, 3);     /* INVLPG [rax] */
    EXPECT(64, "0F 01 3D 00 00 00 00", UNSUPPORTED, 7);
    EXPECT(64, "0F 01 DF", UNSUPPORTED, 3);     /* INVLPGA */
    EXPECT(64, "0F 01 F8", UNSUPPORTED, 3);     /* SWAPGS */
    EXPECT(32, "0F 01 F8", INVALID, 0);
    EXPECT(64, "0F 01 F9", UNSUPPORTED, 3);     /* RDTSCP */
    EXPECT(64, "E4 60", UNSUPPORTED, 2);
    EXPECT(64, "66 E5 60", UNSUPPORTED, 3);
    EXPECT(64, "CD 80", UNSUPPORTED, 2);
    EXPECT(64, "0F 09", UNSUPPORTED, 2);
    EXPECT(64, "48 CF", UNSUPPORTED, 2);        /* IRETQ */
    EXPECT(64, "0F 78 C8", UNSUPPORTED, 3);     /* VMREAD */
    EXPECT(64, "66 0F 38 80 00", UNSUPPORTED, 5); /* INVEPT rax, [rax] */
    EXPECT(64, "66 0F 38 80 C0", INVALID, 0);
    EXPECT(64, "F3 0F C7 30", UNSUPPORTED, 4);  /* VMXON [rax] */
    EXPECT(64, "0F C7 F0", UNSUPPORTED, 3);     /* RDRAND eax */
    EXPECT(64, "0F 00 D8", UNSUPPORTED, 3);     /* LTR ax */
    EXPECT(64, "0F 05", UNSUPPORTED, 2);        /* SYSCALL */
    EXPECT(32, "0F 05", UNSUPPORTED, 2);        /* AMD allows it outside 64-bit mode */
    EXPECT(64, "0F AE E8", UNSUPPORTED, 3);     /* LFENCE */
    EXPECT(64, "0F 18 08", UNSUPPORTED, 3);     /* PREFETCHT0 */
    EXPECT(64, "0F 1F 44 00 00", UNSUPPORTED, 5); /* NOP dword [rax+rax] */
    EXPECT(64, "66 2E 0F 1F 84 00 00 00 00 00", UNSUPPORTED, 10);
    EXPECT(64, "F3 0F 1E FA", UNSUPPORTED, 4);  /* ENDBR64 */

    /* near branches: Intel ignores 66h in 64-bit mode */
    EXPECT(64, "E8 00 00 00 00", UNSUPPORTED, 5);
    EXPECT(64, "66 E8 00 00 00 00", UNSUPPORTED, 6);
    EXPECT(32, "66 E8 00 00", UNSUPPORTED, 4);
    EXPECT(16, "E8 00 00", UNSUPPORTED, 3);
    EXPECT(16, "66 E8 00 00 00 00", UNSUPPORTED, 6);
    EXPECT(64, "66 0F 84 00 00 00 00", UNSUPPORTED, 7);
    EXPECT(32, "66 0F 84 00 00", UNSUPPORTED, 5);
    EXPECT(64, "EB FE", UNSUPPORTED, 2);
    EXPECT(64, "C7 F8 00 00 00 00", UNSUPPORTED, 6); /* XBEGIN rel32 */
    EXPECT(64, "66 C7 F8 00 00", UNSUPPORTED, 5);

    /* fixed-size immediates */
    EXPECT(64, "C2 10 00", UNSUPPORTED, 3);
    EXPECT(64, "66 48 C2 10 00", UNSUPPORTED, 5);
    EXPECT(64, "C8 10 00 01", UNSUPPORTED, 4);  /* ENTER */
    EXPECT(32, "9A 00 00 00 00 08 00", UNSUPPORTED, 7);
    EXPECT(32, "66 9A 00 00 08 00", UNSUPPORTED, 6);
    EXPECT(16, "EA 00 00 08 00", UNSUPPORTED, 5);
    EXPECT(64, "48 B8 01 02 03 04 05 06 07 08", UNSUPPORTED, 10);
    EXPECT(64, "66 B8 01 02", UNSUPPORTED, 4);
    EXPECT(64, "41 B8 01 02 03 04", UNSUPPORTED, 6);
    EXPECT(64, "68 01 02 03 04", UNSUPPORTED, 5);
    EXPECT(64, "66 68 01 02", UNSUPPORTED, 4);
    EXPECT(64, "6B 00 05", UNSUPPORTED, 3);
    EXPECT(64, "69 00 01 02 03 04", UNSUPPORTED, 6);
    EXPECT(64, "0F 0F 00 B4", UNSUPPORTED, 4);  /* 3DNow! PFMUL */
    CHECK_EQ("encoding", in.encoding, XVCPU_X86_ENC_3DNOW);
    CHECK_EQ("opcode", in.opcode, 0xB4);
    EXPECT(64, "0F 0F 00 00", INVALID, 0);
    EXPECT(64, "66 0F 78 C0 01 02", UNSUPPORTED, 6); /* EXTRQ ib, ib */
    EXPECT(64, "F2 0F 78 C1 01 02", UNSUPPORTED, 6); /* INSERTQ */
    EXPECT(64, "8F E9 78 01 C8", UNSUPPORTED, 5);    /* XOP TBM BLCFILL */
    CHECK_EQ("encoding", in.encoding, XVCPU_X86_ENC_XOP);
    EXPECT(64, "8F EA 78 10 C0 11 22 33 44", UNSUPPORTED, 9); /* BEXTR imm32 */
    EXPECT(64, "8F E8 78 C0 C0 01", UNSUPPORTED, 6); /* VPROTB ib */
    EXPECT(64, "8F 00", UNSUPPORTED, 2);             /* pop [rax] */
    EXPECT(64, "62 F1 7C 48 10 00", UNSUPPORTED, 6); /* vmovups zmm0, [rax] */
    CHECK_EQ("encoding", in.encoding, XVCPU_X86_ENC_EVEX);
    EXPECT(64, "62 F1 7C 48 10 40 01", UNSUPPORTED, 7);
    EXPECT(64, "62 F3 7D 48 19 C1 01", UNSUPPORTED, 7); /* vextractf32x4 ib */
    EXPECT(32, "62 00", UNSUPPORTED, 2);                 /* bound eax, [eax] */
    EXPECT(64, "C4 E3 79 0F C1 04", UNSUPPORTED, 6);     /* vpalignr ib */
    EXPECT(64, "C5 F8 77", UNSUPPORTED, 3);              /* vzeroupper: no ModRM */
    EXPECT(64, "C4 E2 69 90 04 88", UNSUPPORTED, 6);     /* vpgatherdd xmm0, [rax+xmm1*4], xmm2 */
    EXPECT(64, "C4 E2 79 90 04 88", INVALID, 0);         /* destination = mask */
    EXPECT(64, "C4 E2 71 90 14 88", INVALID, 0);         /* mask = index */

    /* invalid in 64-bit mode, valid elsewhere */
    {
        static const char *const gone[] = { "06", "07", "0E", "16", "17", "1E", "1F", "27", "2F", "37", "3F", "60",
                                            "61", "CE", "D6", "D4 0A", "D5 0A", "82 C0 01", "9A 00 00 00 00 08 00",
                                            "EA 00 00 00 00 08 00" };
        static const unsigned len32[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 7, 7 };
        unsigned i;
        for (i = 0; i < sizeof gone / sizeof gone[0]; i++) {
            EXPECT(64, gone[i], INVALID, 0);
            EXPECT(32, gone[i], UNSUPPORTED, len32[i]);
        }
    }
    EXPECT(32, "40", UNSUPPORTED, 1); /* inc eax */
    EXPECT(64, "40 90", UNSUPPORTED, 2);

    /* x87 */
    EXPECT(64, "D9 D0", UNSUPPORTED, 2);
    EXPECT(64, "D9 D1", INVALID, 0);
    EXPECT(64, "DF C0", UNSUPPORTED, 2); /* FFREEP */
    EXPECT(64, "D9 08", INVALID, 0);     /* D9 /1 */
    EXPECT(64, "DD 38", UNSUPPORTED, 2); /* FNSTSW m16 */
    EXPECT(64, "DB 20", INVALID, 0);     /* DB /4 */

    /* defined to raise #UD: INVALID, length still known */
    EXPECT(64, "0F 0B", INVALID, 0);
    CHECK_EQ("length", in.length, 2);
    EXPECT(64, "0F B9 C0", INVALID, 0);
    CHECK_EQ("length", in.length, 3);
    EXPECT(64, "0F FF 40 01", INVALID, 0);
    CHECK_EQ("length", in.length, 4);

    /* undefined */
    EXPECT(64, "0F 04", INVALID, 0);
    EXPECT(64, "0F 38 50 00", INVALID, 0);
    EXPECT(64, "0F 3A 00 00 00", INVALID, 0);
    EXPECT(64, "FF F8", INVALID, 0);     /* FF /7 */
    EXPECT(64, "FF D8", INVALID, 0);     /* CALLF with a register */
    EXPECT(64, "FE 10", INVALID, 0);     /* FE /2 */
    EXPECT(64, "8D C0", INVALID, 0);     /* LEA with a register */
    EXPECT(64, "F3 0F 60 00", INVALID, 0); /* no F3 form of PUNPCKLBW */
    EXPECT(64, "0F B8 00", INVALID, 0);  /* JMPE */
    EXPECT(64, "F3 0F B8 00", UNSUPPORTED, 4); /* POPCNT */
    EXPECT(64, "66 F3 0F B8 00", UNSUPPORTED, 5);
    EXPECT(64, "C4 E1 78 10 00", OK, 5);  /* 3-byte VEX of vmovups */
    EXPECT(64, "C4 E4 78 10 00", INVALID, 0); /* VEX map 4 */
}

static void test_limits(void)
{
    uint8_t many[17];
    xvcpu_x86_insn x;
    unsigned i;

    EXPECT(64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", UNSUPPORTED, 15);
    EXPECT(64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", INVALID, 0);
    EXPECT(64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66", INVALID, 0); /* 15 prefixes */
    EXPECT(64, "66 66 66 66 66 66 66 66 66 66 66 66 66 89 00", OK, 15);
    EXPECT(64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 89 00", INVALID, 0);
    EXPECT(64, "2E 2E 2E 2E 2E 2E 2E 2E 2E 48 B8 01 02 03 04 05 06 07 08", INVALID, 0);
    EXPECT(64, "2E 2E 2E 2E 48 B8 01 02 03 04 05 06 07 08", UNSUPPORTED, 14);

    /* truncated input */
    EXPECT(64, "", TRUNCATED, 0);
    EXPECT(64, "8B", TRUNCATED, 0);
    EXPECT(64, "8B 04", TRUNCATED, 0);    /* needs the SIB byte */
    EXPECT(64, "8B 44 24", TRUNCATED, 0); /* needs disp8 */
    EXPECT(64, "8B 05 00 00 00", TRUNCATED, 0);
    EXPECT(64, "48", TRUNCATED, 0);
    EXPECT(64, "66 66", TRUNCATED, 0);
    EXPECT(64, "0F", TRUNCATED, 0);
    EXPECT(64, "0F 38", TRUNCATED, 0);
    EXPECT(64, "B8 11 22", TRUNCATED, 0);
    EXPECT(64, "C5 F8 10", TRUNCATED, 0);
    EXPECT(64, "62 F1 7C 48", TRUNCATED, 0);
    EXPECT(32, "C4", TRUNCATED, 0);
    EXPECT(64, "0F 0F 00", TRUNCATED, 0);
    EXPECT(64, "0F 04", INVALID, 0); /* an undefined opcode is INVALID even if nothing follows */

    /* every prefix of a valid instruction is TRUNCATED, never read past `avail` (ASan) */
    {
        static const uint8_t full[] = { 0x65, 0x67, 0x4F, 0x8B, 0x84, 0xA5, 0x78, 0x56, 0x34, 0x12 };
        for (i = 0; i < sizeof full; i++) {
            uint8_t *buf = (uint8_t *)malloc(i ? i : 1);
            memcpy(buf, full, i);
            current = "prefix of 65 67 4F 8B 84 A5 ...";
            CHECK_EQ("status", xvcpu_x86_decode(buf, i, 8, &x), XVCPU_X86_DECODE_TRUNCATED);
            free(buf);
        }
        current = "65 67 4F 8B 84 A5 78 56 34 12";
        CHECK_EQ("status", xvcpu_x86_decode(full, sizeof full, 8, &x), XVCPU_X86_DECODE_OK);
        CHECK_EQ("length", x.length, 10);
        CHECK_EQ("seg", x.seg, GS);
        CHECK_EQ("addr_bytes", x.addr_bytes, 4);
    }
    for (i = 0; i < sizeof many; i++)
        many[i] = 0x90;
    current = "bad code_bytes";
    CHECK_EQ("status", xvcpu_x86_decode(many, sizeof many, 3, &x), XVCPU_X86_DECODE_INVALID);
    CHECK_EQ("status", xvcpu_x86_decode(many, sizeof many, 8, &x), XVCPU_X86_DECODE_UNSUPPORTED);
    CHECK_EQ("length", x.length, 1);
}

static void test_names(void)
{
    current = "names";
    CHECK_EQ("OK", strcmp(xvcpu_x86_decode_status_name(XVCPU_X86_DECODE_OK), "OK"), 0);
    CHECK_EQ("UNSUPPORTED", strcmp(xvcpu_x86_decode_status_name(XVCPU_X86_DECODE_UNSUPPORTED), "UNSUPPORTED"), 0);
    CHECK_EQ("INVALID", strcmp(xvcpu_x86_decode_status_name(XVCPU_X86_DECODE_INVALID), "INVALID"), 0);
    CHECK_EQ("TRUNCATED", strcmp(xvcpu_x86_decode_status_name(XVCPU_X86_DECODE_TRUNCATED), "TRUNCATED"), 0);
    CHECK_EQ("bad status", strcmp(xvcpu_x86_decode_status_name((xvcpu_x86_decode_status)9), "(bad decode status)"), 0);
    CHECK_EQ("NONE", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_NONE), "NONE"), 0);
    CHECK_EQ("ADD", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_ADD), "ADD"), 0);
    CHECK_EQ("CMP", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_CMP), "CMP"), 0);
    CHECK_EQ("BTC", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_BTC), "BTC"), 0);
    CHECK_EQ("MOVSXD", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_MOVSXD), "MOVSXD"), 0);
    CHECK_EQ("VMOV", strcmp(xvcpu_x86_op_name(XVCPU_X86_OP_VMOV), "VMOV"), 0);
    CHECK_EQ("bad op", strcmp(xvcpu_x86_op_name((xvcpu_x86_op)99), "(bad op)"), 0);
    /* the ALU ops follow ModRM.reg of group 1 */
    CHECK_EQ("ALU order", XVCPU_X86_OP_CMP - XVCPU_X86_OP_ADD, 7);
}

int main(void)
{
    test_mov();
    test_alu();
    test_test_xchg_bt();
    test_movx_string();
    test_vmov();
    test_lengths();
    test_limits();
    test_names();
    printf("decode unit: %u passed, %u failed\n", checks - failures, failures);
    return failures ? 1 : 0;
}
