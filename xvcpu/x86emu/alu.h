/* --- x86 ALU with exact flags ------------------------------------------------------------------------
 *
 * The arithmetic an emulated instruction does to its destination and to RFLAGS, bit-exact with the
 * CPU (SDM Vol. 2 instruction pages; flag meanings in Vol. 1 3.4.3.1 and Appendix A):
 *   ADD ADC SUB SBB CMP   CF, PF, AF, ZF, SF, OF from the result; ADC and SBB add/subtract CF.
 *   AND OR XOR TEST       CF = OF = 0; PF, ZF, SF from the result.
 *   BT BTS BTR BTC        CF = the selected bit; ZF unchanged; BTS/BTR/BTC set/clear/complement it.
 * Flags the SDM leaves undefined get what the CPU this was checked on (AMD EPYC) does;
 * tests/x86emu/walk/alu_oracle.c reports any difference on the host it runs on:
 *   AND OR XOR TEST       AF = 0.
 *   BT BTS BTR BTC        OF, SF, AF, PF unchanged (so every flag but CF is unchanged).
 * RFLAGS bits outside CF PF AF ZF SF OF are never touched. */

typedef enum xvcpu_x86_alu_op { /* ALU group order: ModRM.reg of 80/81/83 maps directly */
    XVCPU_X86_ALU_ADD = 0,
    XVCPU_X86_ALU_OR,
    XVCPU_X86_ALU_ADC,
    XVCPU_X86_ALU_SBB,
    XVCPU_X86_ALU_AND,
    XVCPU_X86_ALU_SUB,
    XVCPU_X86_ALU_XOR,
    XVCPU_X86_ALU_CMP,
    XVCPU_X86_ALU_TEST,
    XVCPU_X86_ALU_BT,
    XVCPU_X86_ALU_BTS,
    XVCPU_X86_ALU_BTR,
    XVCPU_X86_ALU_BTC
} xvcpu_x86_alu_op;

/* The six arithmetic flags, the ones this ALU may write. */
#define XVCPU_X86_ALU_FLAGS                                                                                \
    (XVCPU_RFLAGS_CF | XVCPU_RFLAGS_PF | XVCPU_RFLAGS_AF | XVCPU_RFLAGS_ZF | XVCPU_RFLAGS_SF | XVCPU_RFLAGS_OF)

/* dst op src at `bytes` (1, 2, 4, 8; anything else is taken as 8). Only the low `bytes` of dst and
 * src count. Returns the result the destination receives, zero-extended from `bytes` (dst itself,
 * so truncated, for CMP, TEST, BT); updates *rflags exactly like the CPU (see above).
 * For BT* `src` is the bit offset already reduced modulo the operand width (it is reduced again). */
XVCPU_DEF uint64_t xvcpu_x86_alu(xvcpu_x86_alu_op op, unsigned bytes, uint64_t dst, uint64_t src, uint64_t *rflags);
