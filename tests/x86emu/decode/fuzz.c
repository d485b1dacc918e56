/* libFuzzer harness for the x86 decoder: any input, all three modes. Invariants: the length is at
 * most 15 and at most `avail`; OK implies a memory operand and sane fields; decoding is
 * deterministic; a valid instruction cut one byte short is TRUNCATED; nothing is read past `avail`
 * (the input is decoded from an exact-size heap copy, under AddressSanitizer). */
#define XVCPU_IMPLEMENTATION
#define XVCPU_STATIC
#include "../../../xvcpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUIRE(cond)                                                                      \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "decode fuzz: invariant failed: %s (mode %u)\n", #cond, mode); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

static bool same(const xvcpu_x86_insn *a, const xvcpu_x86_insn *b)
{
    return a->length == b->length && a->op == b->op && a->op_bytes == b->op_bytes && a->addr_bytes == b->addr_bytes &&
           a->mem_bytes == b->mem_bytes && a->has_mem == b->has_mem && a->mem_is_dest == b->mem_is_dest &&
           a->base == b->base && a->index == b->index && a->scale == b->scale && a->disp == b->disp &&
           a->rip_relative == b->rip_relative && a->seg == b->seg && a->reg == b->reg && a->has_imm == b->has_imm &&
           a->imm == b->imm && a->imm_is_src == b->imm_is_src && a->rep == b->rep && a->lock == b->lock &&
           a->mem_to_reg == b->mem_to_reg && a->map == b->map && a->opcode == b->opcode && a->modrm == b->modrm &&
           a->encoding == b->encoding && a->rex == b->rex;
}

static xvcpu_x86_decode_status decode_copy(const uint8_t *data, size_t size, unsigned mode, xvcpu_x86_insn *out)
{
    uint8_t *copy = (uint8_t *)malloc(size ? size : 1);
    xvcpu_x86_decode_status st;
    memcpy(copy, data, size);
    st = xvcpu_x86_decode(size ? copy : NULL, (unsigned)size, mode, out);
    free(copy);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned mode;
    if (size > 64)
        size = 64;
    for (mode = 2; mode <= 8; mode *= 2) {
        xvcpu_x86_insn a, b;
        xvcpu_x86_decode_status st = decode_copy(data, size, mode, &a), st2 = decode_copy(data, size, mode, &b);
        bool valid = st == XVCPU_X86_DECODE_OK || st == XVCPU_X86_DECODE_UNSUPPORTED;
        REQUIRE(st == st2);
        REQUIRE(!valid || same(&a, &b));
        REQUIRE(st <= XVCPU_X86_DECODE_TRUNCATED);
        REQUIRE(st != XVCPU_X86_DECODE_TRUNCATED || size < 15);
        if (valid) {
            uint64_t gpr[16];
            unsigned i;
            REQUIRE(a.length >= 1 && a.length <= 15 && a.length <= size);
            REQUIRE(a.addr_bytes == 2 || a.addr_bytes == 4 || a.addr_bytes == 8);
            REQUIRE(a.addr_bytes != 8 || mode == 8);
            REQUIRE(a.rep == 0 || a.rep == 0xF2 || a.rep == 0xF3);
            REQUIRE(a.encoding <= XVCPU_X86_ENC_XOP);
            REQUIRE(a.rex == 0 || (mode == 8 && (a.rex & 0xF0) == 0x40));
            if (a.has_mem) {
                REQUIRE(a.base >= -1 && a.base <= 15);
                REQUIRE(a.index >= -1 && a.index <= 15);
                REQUIRE(a.scale == 1 || a.scale == 2 || a.scale == 4 || a.scale == 8);
                REQUIRE(a.seg <= 5);
                REQUIRE(!a.rip_relative || (mode == 8 && a.base < 0 && a.index < 0));
            }
            /* the same bytes, exactly `length` of them: the same answer; one fewer: TRUNCATED */
            REQUIRE(decode_copy(data, a.length, mode, &b) == st && same(&a, &b));
            REQUIRE(decode_copy(data, a.length - 1u, mode, &b) == XVCPU_X86_DECODE_TRUNCATED);
            for (i = 0; i < 16; i++)
                gpr[i] = 0x0123456789ABCDEFull * (i + 1);
            (void)xvcpu_x86_insn_offset(&a, gpr, 0xFFFFFFFFFFFFFFF0ull);
        }
        if (st == XVCPU_X86_DECODE_OK) {
            REQUIRE(a.has_mem);
            REQUIRE(a.op != XVCPU_X86_OP_NONE && a.op <= XVCPU_X86_OP_VMOV);
            REQUIRE(a.op_bytes == 1 || a.op_bytes == 2 || a.op_bytes == 4 || a.op_bytes == 8 ||
                    (a.op == XVCPU_X86_OP_VMOV && (a.op_bytes == 16 || a.op_bytes == 32)));
            REQUIRE(a.mem_bytes >= 1 && a.mem_bytes <= a.op_bytes);
            REQUIRE(a.reg >= -1 && (a.reg <= 15 || (a.reg >= XVCPU_REG_AH && a.reg <= XVCPU_REG_BH)));
            REQUIRE(a.reg < XVCPU_REG_AH || (a.op_bytes == 1 && a.rex == 0));
            REQUIRE(!a.has_imm || a.imm_is_src);
            REQUIRE(a.op_bytes >= 8 || a.op == XVCPU_X86_OP_VMOV || a.imm < (1ull << (8 * a.op_bytes)));
            REQUIRE(a.has_imm || a.reg >= 0 || a.op == XVCPU_X86_OP_MOVS);
        } else {
            REQUIRE(a.op == XVCPU_X86_OP_NONE);
        }
    }
    return 0;
}
