/* The x86 instruction decoder: the length of every instruction (one-byte, 0F, 0F38 and 0F3A maps,
 * 3DNow!, VEX, EVEX, XOP), and the operands of the instructions a VMM emulates when a guest
 * touches an emulated device page (the "MMIO set": MOV, MOVZX/MOVSX/MOVSXD, MOVS, STOS, the ALU
 * group, TEST, XCHG, BT/BTS/BTR/BTC and the plain vector moves). On AMD CPUs without NRIP-save
 * the backend also takes the length of intercepted instructions (CPUID, RDMSR, MOV CR ...) from
 * here. Reads only the bytes it is given and keeps no state.
 *
 * Validity follows the union of Intel's and AMD's manuals (and VIA's PadLock): an encoding one of
 * them executes is valid, so SYSCALL decodes in 32-bit code and 3DNow!, XOP and SSE4a decode. Where
 * they differ in length Intel wins: 66h does not shrink a near branch's displacement in 64-bit
 * mode (SDM Vol. 2A "Jcc"/"JMP"/"CALL"; AMD honours it). The decoder cannot tell real mode from
 * 16-bit protected mode: instructions that are #UD only in real or virtual-8086 mode (LLDT, VEX ...)
 * decode in 16-bit code. Legacy maps, VEX and XOP are checked down to the per-instruction rules
 * (mandatory prefixes, ModRM forms, LOCK, VEX.vvvv/L/W); EVEX is checked to map/opcode/pp and its
 * reserved bits only, so a few EVEX encodings the CPU refuses decode as UNSUPPORTED. */

typedef enum xvcpu_x86_decode_status {
    XVCPU_X86_DECODE_OK = 0,       /* length and operands known: an MMIO-set instruction with a memory operand */
    XVCPU_X86_DECODE_UNSUPPORTED,  /* valid instruction, length known, outside the MMIO set (or no memory operand) */
    XVCPU_X86_DECODE_INVALID,      /* the CPU raises #UD: undefined opcode, bad LOCK, UD0/UD1/UD2; or > 15 bytes (#GP) */
    XVCPU_X86_DECODE_TRUNCATED     /* needs more bytes than `avail` */
} xvcpu_x86_decode_status;

typedef enum xvcpu_x86_op {
    XVCPU_X86_OP_NONE = 0,
    /* in the ALU group's /r order, so ModRM.reg of 80/81/83 maps directly: */
    XVCPU_X86_OP_ADD, XVCPU_X86_OP_OR, XVCPU_X86_OP_ADC, XVCPU_X86_OP_SBB,
    XVCPU_X86_OP_AND, XVCPU_X86_OP_SUB, XVCPU_X86_OP_XOR, XVCPU_X86_OP_CMP,
    XVCPU_X86_OP_TEST, XVCPU_X86_OP_BT, XVCPU_X86_OP_BTS, XVCPU_X86_OP_BTR, XVCPU_X86_OP_BTC,
    XVCPU_X86_OP_MOV, XVCPU_X86_OP_MOVZX, XVCPU_X86_OP_MOVSX, XVCPU_X86_OP_MOVSXD,
    XVCPU_X86_OP_MOVS, XVCPU_X86_OP_STOS, XVCPU_X86_OP_XCHG, XVCPU_X86_OP_VMOV
} xvcpu_x86_op;

/* How the instruction is encoded (for messages). */
typedef enum xvcpu_x86_encoding {
    XVCPU_X86_ENC_LEGACY = 0,      /* legacy prefixes, REX, maps 0-3 */
    XVCPU_X86_ENC_3DNOW,           /* 0F 0F /r ib: `opcode` is the ib suffix */
    XVCPU_X86_ENC_VEX,             /* C4/C5 */
    XVCPU_X86_ENC_EVEX,            /* 62 */
    XVCPU_X86_ENC_XOP              /* 8F (AMD): map 8, 9 or 10 */
} xvcpu_x86_encoding;

/* One decoded instruction. With OK every field is exact. With UNSUPPORTED: length, encoding, map,
 * opcode, modrm, op_bytes (the operand size the prefixes select; byte opcodes are not told apart),
 * addr_bytes, rep and lock are exact, and when the instruction has a ModRM memory form the address
 * fields (has_mem, base, index, scale, disp, rip_relative, seg) describe it (for LEA, NOP Ev and
 * prefetches nothing is accessed; with VSIB `index` is a vector register; EVEX leaves them unset
 * since its disp8 is scaled by a per-instruction factor). With INVALID, `length` is nonzero only
 * for UD0/UD1/UD2 (defined to raise #UD, length known); the other fields are then unspecified, as
 * are all with TRUNCATED. */
typedef struct xvcpu_x86_insn {
    uint8_t length;          /* always set unless INVALID/TRUNCATED */
    xvcpu_x86_op op;         /* NONE unless OK */
    uint8_t op_bytes;        /* operand size 1,2,4,8; 16/32 for VMOV */
    uint8_t addr_bytes;      /* 2,4,8 */
    uint8_t mem_bytes;       /* bytes the memory operand accesses (MOVZX/MOVSX/MOVSXD: the source size) */
    bool has_mem;
    bool mem_is_dest;        /* the memory operand is (also) written: stores, ALU r/m-destination forms
                                except CMP/TEST, XCHG, BTS/BTR/BTC, STOS, MOVS (its ES:rDI side) */
    int8_t base, index;      /* GPR numbers 0-15, -1 none. MOVS: base = rSI (source); STOS: base = rDI */
    uint8_t scale;           /* 1,2,4,8 */
    int64_t disp;            /* sign-extended; for moffs (A0-A3) the offset itself, zero-extended */
    bool rip_relative;
    uint8_t seg;             /* effective segment of the memory operand: 0 ES,1 CS,2 SS,3 DS,4 FS,5 GS (SS default
                                for rBP/rSP bases; MOVS source default DS, overridable; MOVS/STOS destination is
                                always ES). In 64-bit mode CS/DS/ES/SS overrides are ignored (SDM Vol. 1 3.3.7.1). */
    int8_t reg;              /* the register operand: xvcpu_reg numbering (8-bit regs 4-7 without any REX are
                                AH..BH = 20..23), xmm/ymm number for VMOV; STOS: 0 (AL/AX/EAX/RAX); -1 none */
    bool has_imm; uint64_t imm; /* immediate, sign-extended to op_bytes where the encoding says so (83, C7 and
                                81 with REX.W), masked to op_bytes */
    bool imm_is_src;         /* the immediate is the source operand (for BT ib it is the bit offset, taken by the
                                CPU modulo the operand width; it is not sign-extended) */
    uint8_t rep;             /* 0, 0xF3 or 0xF2 (last one seen) */
    bool lock;
    bool mem_to_reg;         /* direction: the register is the first (destination) operand and memory the
                                source: loads (8A/8B/MOVZX/...) and the ALU r, r/m forms, CMP r, r/m too
                                (nothing written, but the order decides the flags); stores, ALU r/m, r|imm,
                                TEST and BT*: false. XCHG: true (it also stores: mem_is_dest) */
    uint8_t map, opcode, modrm; /* for messages: map 0 = one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A (VEX/EVEX: its
                                map field, XOP: 8-10); modrm 0 when there is none */
    uint8_t encoding;        /* xvcpu_x86_encoding */
    uint8_t rex;             /* the REX prefix in effect (0x40-0x4F), 0 for none */
} xvcpu_x86_insn;

/* Decode the instruction at code[0]. code_bytes: 2, 4 or 8 = 16-, 32- or 64-bit code (the CS.D/
 * CS.L default). Never reads beyond code[avail-1]; `out` is always written. */
XVCPU_DEF xvcpu_x86_decode_status xvcpu_x86_decode(const uint8_t *code, unsigned avail, unsigned code_bytes,
                                                   xvcpu_x86_insn *out);
XVCPU_DEF const char *xvcpu_x86_decode_status_name(xvcpu_x86_decode_status s); /* "OK"...; never NULL */
XVCPU_DEF const char *xvcpu_x86_op_name(xvcpu_x86_op op);                       /* "MOV"...; never NULL */

/* Offset of the memory operand within its segment (segment base NOT added), truncated to
 * addr_bytes; `rip` is the address of the instruction itself (RIP-relative adds rip + length).
 * For MOVS this is the source (rSI); the destination is rDI. For BT/BTS/BTR/BTC with a register
 * bit offset it is the operand the CPU accesses: the register's signed bit offset selects an
 * operand-sized word away from the ModRM address (SDM Vol. 2A "BT"), the bit within it is then
 * the offset modulo 8 * op_bytes. 0 when the instruction has no memory operand. */
XVCPU_DEF uint64_t xvcpu_x86_insn_offset(const xvcpu_x86_insn *insn, const uint64_t gpr[16], uint64_t rip);
