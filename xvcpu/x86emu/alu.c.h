/* x86 ALU: results and flags computed from carry vectors, no wider type needed. */

/* PF: set when the result's low byte has an even number of 1 bits (SDM Vol. 1 3.4.3.1). */
static bool xvcpu__alu_parity_even(uint64_t v)
{
    unsigned b = (unsigned)(v & 0xFF);
    b ^= b >> 4;
    b ^= b >> 2;
    b ^= b >> 1;
    return (b & 1u) == 0;
}

XVCPU_DEF uint64_t xvcpu_x86_alu(xvcpu_x86_alu_op op, unsigned bytes, uint64_t dst, uint64_t src, uint64_t *rflags)
{
    unsigned bits = (bytes == 1 || bytes == 2 || bytes == 4) ? bytes * 8 : 64;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t sign = 1ull << (bits - 1);
    uint64_t in = *rflags, res, carries = 0, flags = 0;
    uint64_t cf_in = (in & XVCPU_RFLAGS_CF) ? 1 : 0;
    bool arith = true, overflow = false;

    dst &= mask;
    src &= mask;
    switch (op) {
    case XVCPU_X86_ALU_BT:
    case XVCPU_X86_ALU_BTS:
    case XVCPU_X86_ALU_BTR:
    case XVCPU_X86_ALU_BTC: {
        uint64_t bit = 1ull << (src & (bits - 1));
        res = op == XVCPU_X86_ALU_BTS ? dst | bit
            : op == XVCPU_X86_ALU_BTR ? dst & ~bit
            : op == XVCPU_X86_ALU_BTC ? dst ^ bit : dst;
        /* CF only; ZF is unaffected and the undefined OF SF AF PF are left as they were. */
        *rflags = (in & ~XVCPU_RFLAGS_CF) | ((dst & bit) ? XVCPU_RFLAGS_CF : 0);
        return res;
    }
    case XVCPU_X86_ALU_ADD:
    case XVCPU_X86_ALU_ADC:
        res = (dst + src + (op == XVCPU_X86_ALU_ADC ? cf_in : 0)) & mask;
        /* Bit i of `carries` is the carry out of bit i. */
        carries = (dst & src) | ((dst | src) & ~res);
        overflow = ((dst ^ res) & (src ^ res) & sign) != 0;
        break;
    case XVCPU_X86_ALU_SUB:
    case XVCPU_X86_ALU_SBB:
    case XVCPU_X86_ALU_CMP:
        res = (dst - src - (op == XVCPU_X86_ALU_SBB ? cf_in : 0)) & mask;
        /* Bit i of `carries` is the borrow out of bit i. */
        carries = (~dst & src) | (~(dst ^ src) & res);
        overflow = ((dst ^ src) & (dst ^ res) & sign) != 0;
        break;
    case XVCPU_X86_ALU_OR:
        res = dst | src;
        arith = false;
        break;
    case XVCPU_X86_ALU_XOR:
        res = dst ^ src;
        arith = false;
        break;
    case XVCPU_X86_ALU_AND:
    case XVCPU_X86_ALU_TEST:
    default:
        res = dst & src;
        arith = false;
        break;
    }
    if (arith) {
        if (carries & sign)
            flags |= XVCPU_RFLAGS_CF;
        if ((dst ^ src ^ res) & 0x10) /* carry or borrow between bits 3 and 4 */
            flags |= XVCPU_RFLAGS_AF;
        if (overflow)
            flags |= XVCPU_RFLAGS_OF;
    }
    if (res == 0)
        flags |= XVCPU_RFLAGS_ZF;
    if (res & sign)
        flags |= XVCPU_RFLAGS_SF;
    if (xvcpu__alu_parity_even(res))
        flags |= XVCPU_RFLAGS_PF;
    *rflags = (in & ~XVCPU_X86_ALU_FLAGS) | flags;
    if (op == XVCPU_X86_ALU_CMP || op == XVCPU_X86_ALU_TEST)
        return dst;
    return res;
}
