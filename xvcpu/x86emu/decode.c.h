/* The x86 instruction decoder (see x86_decode.h). One pass over the bytes: prefixes, then the
 * opcode's attributes from a per-map table, ModRM/SIB/displacement, the immediate; a few groups
 * need rules in code (xvcpu__x86_check). Facts from the Intel SDM Vol. 2 (chapter 2 "Instruction
 * Format", appendix A "Opcode Map") and the AMD APM Vol. 3 (appendix A, for 3DNow!, XOP, SSE4a
 * and the SVM instructions). */

#define XVCPU__X86_MAX_LEN 15 /* SDM Vol. 2A 2.3.11: longer instructions raise #GP */

/* Attributes of a legacy-map opcode. */
#define XVCPU__XF_BAD 0x0001u    /* undefined: #UD */
#define XVCPU__XF_MODRM 0x0002u  /* a ModRM byte follows the opcode */
#define XVCPU__XF_I64 0x0004u    /* #UD in 64-bit mode */
#define XVCPU__XF_CHECK 0x0008u  /* further rules in xvcpu__x86_check() */
#define XVCPU__XF_MEM 0x0010u    /* memory form only (mod = 11b is #UD) */
#define XVCPU__XF_REG 0x0020u    /* register form only */
#define XVCPU__XF_NOMOD 0x0040u  /* ModRM.mod is ignored: always a register form (MOV CR/DR, SDM Vol. 2B "MOV") */
#define XVCPU__XF_LOCK 0x0080u   /* LOCK allowed with a memory destination, whatever ModRM.reg */
#define XVCPU__XF_UD 0x0100u     /* defined to raise #UD: UD0, UD1, UD2 */
#define XVCPU__XF_IMM_SHIFT 12   /* bits 12-15: the immediate (XVCPU__IMM_*) */

/* Immediate (and other trailing operand) kinds. */
enum {
    XVCPU__IMM_NONE = 0,
    XVCPU__IMM_B,     /* 1 byte: ib, rel8 */
    XVCPU__IMM_W,     /* 2 bytes: iw (RET iw) */
    XVCPU__IMM_Z,     /* 2 bytes with a 16-bit operand size, else 4: iz */
    XVCPU__IMM_V,     /* the operand size, 2/4/8: MOV r, imm (B8+r) */
    XVCPU__IMM_WB,    /* iw, ib: ENTER */
    XVCPU__IMM_MOFFS, /* the address size: MOV A0-A3 */
    XVCPU__IMM_FAR,   /* ptr16:16 / ptr16:32 by operand size: CALLF/JMPF */
    XVCPU__IMM_JZ,    /* rel16/rel32 near branch: 4 bytes in 64-bit mode, where Intel ignores 66h (SDM Vol. 2A 2.2.1.3) */
    XVCPU__IMM_BB,    /* ib, ib: EXTRQ/INSERTQ (AMD SSE4a) */
    XVCPU__IMM_D      /* 4 bytes: XOP map 10 */
};

/* One character per opcode in the legacy-map tables below, expanded by xvcpu__x86_class(). */
static uint16_t xvcpu__x86_class(char c)
{
#define XVCPU__I(kind) ((uint16_t)(XVCPU__IMM_##kind << XVCPU__XF_IMM_SHIFT))
    switch (c) {
    case '_': return 0;                                            /* no operand bytes */
    case '6': return XVCPU__XF_I64;                                /* ... and #UD in 64-bit mode */
    case 'm': return XVCPU__XF_MODRM;                              /* ModRM */
    case 'l': return XVCPU__XF_MODRM | XVCPU__XF_LOCK;             /* ModRM, LOCK ok with memory */
    case 'M': return XVCPU__XF_MODRM | XVCPU__XF_MEM;              /* ModRM, memory only */
    case 'R': return XVCPU__XF_MODRM | XVCPU__XF_REG;              /* ModRM, register only */
    case 'x': return XVCPU__XF_MODRM | XVCPU__XF_CHECK;            /* ModRM, rules in code */
    case 'c': return XVCPU__XF_MODRM | XVCPU__XF_NOMOD | XVCPU__XF_CHECK; /* MOV CR/DR */
    case 'u': return XVCPU__XF_MODRM | XVCPU__XF_UD;               /* UD0, UD1 */
    case 'U': return XVCPU__XF_UD;                                 /* UD2 */
    case 'b': return XVCPU__I(B);                                  /* ib, rel8 */
    case 'i': return XVCPU__I(B) | XVCPU__XF_I64;                  /* ib, #UD in 64-bit (AAM, AAD) */
    case 'w': return XVCPU__I(W);                                  /* iw */
    case 'z': return XVCPU__I(Z);                                  /* iz */
    case 'v': return XVCPU__I(V);                                  /* iv */
    case 'e': return XVCPU__I(WB);                                 /* iw ib */
    case 'o': return XVCPU__I(MOFFS);                              /* moffs */
    case 'f': return XVCPU__I(FAR) | XVCPU__XF_I64;                /* far pointer */
    case 'j': return XVCPU__I(JZ);                                 /* rel16/32 */
    case 'B': return XVCPU__XF_MODRM | XVCPU__I(B);                /* ModRM, ib */
    case 'k': return XVCPU__XF_MODRM | XVCPU__I(B) | XVCPU__XF_I64; /* ModRM, ib, #UD in 64-bit (82) */
    case 'Z': return XVCPU__XF_MODRM | XVCPU__I(Z);                /* ModRM, iz */
    case 'X': return XVCPU__XF_MODRM | XVCPU__I(B) | XVCPU__XF_CHECK; /* ModRM, ib, rules in code */
    case 'Y': return XVCPU__XF_MODRM | XVCPU__I(Z) | XVCPU__XF_CHECK; /* ModRM, iz, rules in code */
    case 'r': return XVCPU__XF_MODRM | XVCPU__XF_REG | XVCPU__I(B); /* ModRM register form, ib */
    default: return XVCPU__XF_BAD;                                 /* '.': undefined; 'p': prefix/escape */
    }
#undef XVCPU__I
}

/* One-byte opcode map, SDM Vol. 2D Table A-2. 40-4F are REX in 64-bit mode and never get here;
 * 62, C4, C5 and 8F reach this table only when they are not EVEX/VEX/XOP (BOUND, LES, LDS,
 * POP Ev); 63 is ARPL or, in 64-bit mode, MOVSXD. F6/F7 take an immediate for /0 and /1 only. */
static const char xvcpu__x86_map0[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "llmmbz66llmmbz6p"  /* ADD, PUSH/POP ES, OR, PUSH CS, 0F escape */
    /* 1x */ "llmmbz66llmmbz66"  /* ADC, PUSH/POP SS, SBB, PUSH/POP DS */
    /* 2x */ "llmmbzp6llmmbzp6"  /* AND, ES:, DAA, SUB, CS:, DAS */
    /* 3x */ "llmmbzp6mmmmbzp6"  /* XOR, SS:, AAA, CMP, DS:, AAS */
    /* 4x */ "________________"  /* INC/DEC r (REX in 64-bit mode) */
    /* 5x */ "________________"  /* PUSH/POP r */
    /* 6x */ "66MmppppzZbB____"  /* PUSHA POPA BOUND ARPL/MOVSXD FS: GS: 66 67 PUSH IMUL PUSH IMUL INS/OUTS */
    /* 7x */ "bbbbbbbbbbbbbbbb"  /* Jcc rel8 */
    /* 8x */ "BZkBmmllmmmmxMxx"  /* group 1, TEST, XCHG, MOV, MOV Sreg, LEA, MOV Sreg, POP Ev */
    /* 9x */ "__________f_____"  /* XCHG, CBW, CWD, CALLF, FWAIT, PUSHF, POPF, SAHF, LAHF */
    /* Ax */ "oooo____bz______"  /* MOV moffs, MOVS, CMPS, TEST, STOS, LODS, SCAS */
    /* Bx */ "bbbbbbbbvvvvvvvv"  /* MOV r, imm */
    /* Cx */ "BBw_MMXYe_w__b6_"  /* shift group 2, RET iw, RET, LES, LDS, group 11, ENTER, LEAVE, RETF, INT3, INT, INTO, IRET */
    /* Dx */ "mmmmii6_xxxxxxxx"  /* shift group 2, AAM, AAD, SALC, XLAT, x87 */
    /* Ex */ "bbbbbbbbjjfb____"  /* LOOPcc, JrCXZ, IN/OUT ib, CALL, JMP, JMPF, JMP rel8, IN/OUT DX */
    /* Fx */ "p_pp__xx______xx"; /* LOCK, INT1, REPNE, REP, HLT, CMC, group 3, flags, group 4, group 5 */

/* Two-byte map 0F, SDM Vol. 2D Table A-3 (and AMD APM Vol. 3 Table A-4). */
static const char xvcpu__x86_map1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "xxmm._____.U.m_p"  /* group 6, group 7, LAR, LSL, SYSCALL, CLTS, SYSRET, INVD, WBINVD, UD2, PREFETCH/NOP Ev, FEMMS, 3DNow! */
    /* 1x */ "mmxMmmxMmmmmmmmm"  /* SSE moves, prefetch/hint NOPs (18-1F) */
    /* 2x */ "cccc....mmmMmmmm"  /* MOV CR/DR, SSE */
    /* 3x */ "______._p.p....."  /* WRMSR RDTSC RDMSR RDPMC SYSENTER SYSEXIT GETSEC, 0F38, 0F3A */
    /* 4x */ "mmmmmmmmmmmmmmmm"  /* CMOVcc */
    /* 5x */ "Rmmmmmmmmmmmmmmm"  /* MOVMSKPS, SSE arithmetic */
    /* 6x */ "mmmmmmmmmmmmmmmm"  /* MMX/SSE2 */
    /* 7x */ "BXXXmmm_xx..mmmm"  /* PSHUF, shift groups 12-14, PCMPEQ, EMMS, VMREAD/EXTRQ, VMWRITE/INSERTQ, HADD, MOVD/Q */
    /* 8x */ "jjjjjjjjjjjjjjjj"  /* Jcc rel16/32 */
    /* 9x */ "mmmmmmmmmmmmmmmm"  /* SETcc */
    /* Ax */ "___mBmxx___lBmxm"  /* PUSH/POP FS, CPUID, BT, SHLD, PadLock, PUSH/POP GS, RSM, BTS, SHRD, group 15, IMUL */
    /* Bx */ "llMlMMmmmuXlmmmm"  /* CMPXCHG, LSS, BTR, LFS, LGS, MOVZX, POPCNT, UD1, group 8, BTC, BSF, BSR, MOVSX */
    /* Cx */ "llBMBrBx________"  /* XADD, CMPPS, MOVNTI, PINSRW, PEXTRW, SHUFPS, group 9, BSWAP */
    /* Dx */ "mmmmmmxRmmmmmmmm"  /* MMX/SSE2, MOVQ/MOVQ2DQ/MOVDQ2Q, PMOVMSKB */
    /* Ex */ "mmmmmmmMmmmmmmmm"  /* MMX/SSE2, MOVNTQ/MOVNTDQ */
    /* Fx */ "MmmmmmmRmmmmmmmu"; /* LDDQU, MMX/SSE2, MASKMOVQ, UD0 */

/* Which mandatory prefix selects a defined instruction, one hex digit per opcode: 1 = none,
 * 2 = 66, 4 = F3, 8 = F2 (F: the prefixes do not select; 66 is then the operand size and F2/F3
 * are REP/hints or ignored). The mandatory prefix is the last of F2/F3, else 66 (SDM Vol. 2A
 * 2.1.2: F2/F3 take precedence over 66). */
static const char xvcpu__x86_pfx1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "FFFFFFFFFFFFFFFF"
    /* 1x */ "FFF33373FFFFFFFF"  /* 13 MOVLPS/PD, 14/15 UNPCK, 16 MOVHPS/PD/MOVSHDUP, 17 MOVHPS/PD */
    /* 2x */ "FFFFFFFF33FFFF33"  /* 28/29 MOVAPS/PD, 2E/2F (U)COMISS/SD */
    /* 3x */ "FFFFFFF1FFFFFFFF"  /* GETSEC: NP (SDM Vol. 2D 7.3) */
    /* 4x */ "FFFFFFFFFFFFFFFF"
    /* 5x */ "3F553333FFF7FFFF"  /* MOVMSK, RSQRT, RCP, AND/ANDN/OR/XOR, CVTDQ2PS/PS2DQ/TTPS2DQ */
    /* 6x */ "3333333333332237"  /* MMX/SSE2; PUNPCKL/HQDQ 66 only; MOVQ/MOVDQA/MOVDQU */
    /* 7x */ "F3333331BBFFAA77"  /* PSHUFW/D/HW/LW, EMMS, VMREAD/EXTRQ/INSERTQ, HADD/HSUB, MOVD/MOVQ/MOVDQ */
    /* 8x */ "FFFFFFFFFFFFFFFF"
    /* 9x */ "FFFFFFFFFFFFFFFF"
    /* Ax */ "FFFFFFFFFFFFFFFF"
    /* Bx */ "FFFFFFFF4FFFFFFF"  /* B8: POPCNT needs F3 (without it is JMPE, IA-64 only) */
    /* Cx */ "FFF1333FFFFFFFFF"  /* MOVNTI, PINSRW, PEXTRW, SHUFPS/PD */
    /* Dx */ "A33333E333333333"  /* ADDSUBPD/PS, MOVQ/MOVQ2DQ/MOVDQ2Q */
    /* Ex */ "333333E333333333"  /* CVTTPD2DQ/CVTDQ2PD/CVTPD2DQ */
    /* Fx */ "833333333333333F"; /* LDDQU */

/* Three-byte map 0F 38 (SDM Vol. 2D Table A-4): every opcode has a ModRM byte, none an immediate. */
static const char xvcpu__x86_map2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "mmmmmmmmmmmm...."  /* SSSE3 */
    /* 1x */ "m...mm.m....mmm."  /* PBLENDVB, BLENDVPS/PD, PTEST, PABS */
    /* 2x */ "mmmmmm..mmMm...."  /* PMOVSX, PMULDQ, PCMPEQQ, MOVNTDQA, PACKUSDW */
    /* 3x */ "mmmmmm.mmmmmmmmm"  /* PMOVZX, PCMPGTQ, PMIN/PMAX */
    /* 4x */ "mm.............."  /* PMULLD, PHMINPOSUW */
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "MMM............."  /* INVEPT, INVVPID, INVPCID */
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "........mmmmmm.m"  /* SHA, GF2P8MULB */
    /* Dx */ "........x..mxxxx"  /* Key Locker (F3), AESIMC, AESENC/AESDEC (66) or Key Locker (F3) */
    /* Ex */ "................"
    /* Fx */ "xx...Mx.MMRR...."; /* MOVBE/CRC32, WRUSS, ADCX/ADOX/WRSS, MOVDIR64B/ENQCMD(S), MOVDIRI, ENCODEKEY */
static const char xvcpu__x86_pfx2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "333333333333FFFF"
    /* 1x */ "2FFF22F2FFFF333F"
    /* 2x */ "222222FF2222FFFF"
    /* 3x */ "222222F222222222"
    /* 4x */ "22FFFFFFFFFFFFFF"
    /* 5x */ "FFFFFFFFFFFFFFFF"
    /* 6x */ "FFFFFFFFFFFFFFFF"
    /* 7x */ "FFFFFFFFFFFFFFFF"
    /* 8x */ "222FFFFFFFFFFFFF"
    /* 9x */ "FFFFFFFFFFFFFFFF"
    /* Ax */ "FFFFFFFFFFFFFFFF"
    /* Bx */ "FFFFFFFFFFFFFFFF"
    /* Cx */ "FFFFFFFF111111F2"
    /* Dx */ "FFFFFFFF4FF26666"
    /* Ex */ "FFFFFFFFFFFFFFFF"
    /* Fx */ "BBFFF27FE144FFFF";

/* Three-byte map 0F 3A (SDM Vol. 2D Table A-5): every opcode has a ModRM byte and an ib; the
 * table holds the mandatory-prefix digit, '.' undefined. */
static const char xvcpu__x86_pfx3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "........22222223"  /* ROUND, BLEND, PBLENDW, PALIGNR */
    /* 1x */ "....2222........"  /* PEXTRB/W/D, EXTRACTPS */
    /* 2x */ "222............."  /* PINSRB, INSERTPS, PINSRD */
    /* 3x */ "................"
    /* 4x */ "222.2..........."  /* DPPS, DPPD, MPSADBW, PCLMULQDQ */
    /* 5x */ "................"
    /* 6x */ "2222............"  /* PCMPESTRM/I, PCMPISTRM/I */
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "............1.22"  /* SHA1RNDS4, GF2P8AFFINE(INV)QB */
    /* Dx */ "...............2"  /* AESKEYGENASSIST */
    /* Ex */ "................"
    /* Fx */ "4...............";  /* HRESET (F3, ModRM C0) */

/* VEX maps 1-3 (SDM Vol. 2D Tables A-3..A-5, the "v" entries; AMD's FMA4 and VPERMIL2 in map 3):
 * the pp values (mandatory prefixes, same digits as above) that define an instruction. Every VEX
 * instruction has a ModRM byte except VZEROUPPER/VZEROALL (map 1, 77); map 3 has an ib throughout,
 * map 1 at 70-73 and C2-C6. */
static const char xvcpu__x86_vex1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "FFF33373........"
    /* 2x */ "........33C3CC33"
    /* 3x */ "................"
    /* 4x */ ".33.3333..33...."  /* mask-register logic (AVX-512 k-ops) */
    /* 5x */ "3F553333FFF7FFFF"
    /* 6x */ "2222222222222226"
    /* 7x */ "E2222221....AA66"
    /* 8x */ "................"
    /* 9x */ "33BB....33......"  /* KMOV, KORTEST, KTEST */
    /* Ax */ "..............1."  /* VLDMXCSR/VSTMXCSR */
    /* Bx */ "................"
    /* Cx */ "..F.223........."
    /* Dx */ "A222222222222222"
    /* Ex */ "222222E222222222"
    /* Fx */ "822222222222222.";
static const char xvcpu__x86_vex2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "2222222222222222"
    /* 1x */ "...2..22222.222."
    /* 2x */ "222222..22222222"
    /* 3x */ "2222222222222222"
    /* 4x */ "22...222.B.E...."  /* VPSRLV/VPSRAV/VPSLLV, AMX tile config/load/store */
    /* 5x */ "2222....222.4.F."  /* AVX-VNNI, broadcasts, AMX dot products */
    /* 6x */ "................"
    /* 7x */ "........22......"
    /* 8x */ "............2.2."
    /* 9x */ "2222..2222222222"  /* gathers, FMA */
    /* Ax */ "......2222222222"
    /* Bx */ "....222222222222"
    /* Cx */ "...............2"
    /* Dx */ "...........22222"
    /* Ex */ "................"
    /* Fx */ "..11.D8F........"; /* BMI1/BMI2: ANDN, group 17, BZHI/PEXT/PDEP, MULX, BEXTR/SHLX/SARX/SHRX */
static const char xvcpu__x86_vex3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "222.222.22222222"
    /* 1x */ "....222222...2.."
    /* 2x */ "222............."
    /* 3x */ "2222....22......"
    /* 4x */ "222.2.2.22222..."
    /* 5x */ "............2222"  /* FMA4 (AMD) */
    /* 6x */ "2222....22222222"
    /* 7x */ "........22222222"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..............22"
    /* Dx */ "...............2"
    /* Ex */ "................"
    /* Fx */ "8...............";  /* RORX */

/* The pp values for which VEX.vvvv is unused and must be 1111b, else #UD (two-operand forms; the
 * instruction pages say "VEX.vvvv is reserved and must be 1111b"). VMOVSS/VMOVSD (F3/F2 10/11)
 * need it only in their memory forms, checked in code. */
static const char xvcpu__x86_vex1_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "33C3..43........"  /* VMOVUPS/UPD, VMOVSLDUP/DDUP, VMOVLPS/PD store, VMOVSHDUP, VMOVHPS/PD store */
    /* 2x */ "........33.3CC33"  /* VMOVAPS/PD, VMOVNTPS/PD, VCVT(T)SS/SD2SI, V(U)COMISS/SD */
    /* 3x */ "................"
    /* 4x */ "....3..........."  /* KNOT */
    /* 5x */ "3311......37...."  /* VMOVMSK, VSQRTPS/PD, VRSQRTPS, VRCPPS, VCVTPS2PD/PD2PS, VCVTDQ2PS... */
    /* 6x */ "..............26"  /* VMOVD/Q, VMOVDQA/DQU */
    /* 7x */ "E......1......66"  /* VPSHUFD/HW/LW, VZEROUPPER/VZEROALL, VMOVD/Q, VMOVDQA/DQU */
    /* 8x */ "................"
    /* 9x */ "33BB....33......"  /* KMOV, KORTEST, KTEST */
    /* Ax */ "..............1."  /* VLDMXCSR/VSTMXCSR */
    /* Bx */ "................"
    /* Cx */ ".....2.........."  /* VPEXTRW */
    /* Dx */ "......22........"  /* VMOVQ, VPMOVMSKB */
    /* Ex */ "......E2........"  /* VCVT(T)PD2DQ/DQ2PD, VMOVNTDQ */
    /* Fx */ "8......2........"; /* VLDDQU, VMASKMOVDQU */
static const char xvcpu__x86_vex2_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "..............22"  /* VTESTPS/PD */
    /* 1x */ "...2...2222.222."  /* VCVTPH2PS, VPTEST, VBROADCASTSS/SD/F128, VPABS */
    /* 2x */ "222222....2....."  /* VPMOVSX, VMOVNTDQA */
    /* 3x */ "222222.........."  /* VPMOVZX */
    /* 4x */ ".2.......B.E...."  /* VPHMINPOSUW, AMX tile config/load/store */
    /* 5x */ "........222....."  /* VPBROADCASTD/Q, VBROADCASTI128 */
    /* 6x */ "................"
    /* 7x */ "........22......"  /* VPBROADCASTB/W */
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "...........2...."  /* VAESIMC */
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_vex3_novvvv[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "22..22..22......"  /* VPERMQ/PD, VPERMILPS/PD ib, VROUNDPS/PD */
    /* 1x */ "....2222.2...2.."  /* VPEXTR, VEXTRACTPS, VEXTRACTF128, VCVTPS2PH */
    /* 2x */ "................"
    /* 3x */ "2222.....2......"  /* KSHIFTR/L, VEXTRACTI128 */
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "2222............"  /* VPCMPESTRM/I, VPCMPISTRM/I */
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "...............2"  /* VAESKEYGENASSIST */
    /* Ex */ "................"
    /* Fx */ "8...............";  /* RORX */

/* VEX.L rules: 1 = VEX.128/LZ only (L=1 is #UD), 2 = VEX.256/L1 only; 0 = either (or LIG). */
static unsigned xvcpu__x86_vex_l(unsigned map, unsigned op, unsigned pp)
{
    switch (map * 256 + op) {
    case 0x112: case 0x116:                               /* VMOVLPS/PD, VMOVHPS/PD, VMOVHLPS/LHPS; not F3/F2 */
        return pp <= 1 ? 1 : 0;
    case 0x113: case 0x117: case 0x16E: case 0x17E: case 0x1C4: case 0x1C5: case 0x1D6: case 0x1F7:
    case 0x1AE: case 0x144: case 0x190: case 0x191: case 0x192: case 0x193: case 0x198: case 0x199:
    case 0x241: case 0x249: case 0x24B: case 0x25C: case 0x25E: case 0x2DB: case 0x2F2: case 0x2F3:
    case 0x2F5: case 0x2F6: case 0x2F7:
    case 0x314: case 0x315: case 0x316: case 0x317: case 0x320: case 0x321: case 0x322: case 0x330: case 0x341:
    case 0x331: case 0x332: case 0x333: case 0x360: case 0x361: case 0x362: case 0x363: case 0x3DF:
    case 0x3F0:
        return 1;
    case 0x141: case 0x142: case 0x145: case 0x146: case 0x147: case 0x14A: case 0x14B: /* k-register logic */
    case 0x216: case 0x219: case 0x21A: case 0x236: case 0x25A:  /* VPERMPS, VBROADCASTSD/F128, VPERMD, VBROADCASTI128 */
    case 0x300: case 0x301: case 0x306: case 0x318: case 0x319: case 0x338: case 0x339: case 0x346:
        return 2;
    default:
        return 0;
    }
}

/* Per-instruction VEX rules the tables above do not hold (SDM Vol. 2 instruction pages): memory- or
 * register-only forms, VEX.W0/W1-only instructions, ModRM.reg groups, 64-bit-only AMX, and the
 * ModRM.reg / VEX.vvvv fields that name one of only 8 mask (k0-k7) or tile (tmm0-7) registers,
 * where VEX.R and vvvv[3] must be clear. `ext` holds R, B, vvvv[3] as bits 2-0. */
static bool xvcpu__x86_vex_rules(unsigned map, unsigned op, unsigned pp, unsigned w, uint8_t modrm, unsigned mode,
                                 unsigned ext)
{
    unsigned reg = (modrm >> 3) & 7;
    bool mem = (modrm >> 6) != 3;
    switch (map * 256 + op) {
    case 0x141: case 0x142: case 0x145: case 0x146: case 0x147: case 0x14A: /* KAND ... KADD k, k, k */
        return !mem && (ext & 5) == 0;
    case 0x14B: return !mem && (ext & 5) == 0 && (pp == 0 || w == 0); /* KUNPCKBW is W0 */
    case 0x144: case 0x198: case 0x199: return !mem && (ext & 4) == 0; /* KNOT, KORTEST, KTEST k, k */
    case 0x190: return (ext & 4) == 0;                             /* KMOV k, k/m */
    case 0x191: return mem && (ext & 4) == 0;                      /* KMOV m, k */
    case 0x192: return !mem && (ext & 4) == 0 && (pp == 3 || w == 0); /* KMOV k, r32 */
    case 0x193: return !mem && (pp == 3 || w == 0);                /* KMOV r32, k */
    case 0x330: case 0x331: case 0x332: case 0x333: return !mem && (ext & 4) == 0; /* KSHIFTR/L */
    case 0x25C: case 0x25E: return mode == 8 && !w && !mem && ext == 0; /* TDPBF16PS, TDPB*D */
    /* map 1 */
    case 0x112: case 0x116: return pp != 1 || mem;       /* VMOVLPD/VMOVHPD need memory */
    case 0x113: case 0x117: case 0x12B: case 0x1E7: case 0x1F0:
        return mem;                                      /* stores, VMOVNT*, VLDDQU, KMOV m, k */
    case 0x150: case 0x1C5: case 0x1D7: case 0x1F7:
        return !mem;                                     /* VMOVMSK, VPEXTRW, VPMOVMSKB, VMASKMOVDQU */
    case 0x171: case 0x172: return !mem && (reg == 2 || reg == 4 || reg == 6);
    case 0x173: return !mem && (reg == 2 || reg == 3 || reg == 6 || reg == 7);
    case 0x1AE: return mem && (reg == 2 || reg == 3);    /* VLDMXCSR, VSTMXCSR */
    /* map 2 */
    case 0x20C: case 0x20D: case 0x20E: case 0x20F: case 0x213: case 0x216: case 0x218: case 0x219:
    case 0x236: case 0x246: case 0x250: case 0x251: case 0x252: case 0x253: case 0x258: case 0x259:
    case 0x278: case 0x279: case 0x2CF:
        return w == 0;
    case 0x21A: case 0x25A: case 0x22C: case 0x22D: case 0x22E: case 0x22F:
        return w == 0 && mem;                            /* VBROADCASTF128/I128, VMASKMOVPS/PD */
    case 0x22A: case 0x28C: case 0x28E: return mem;      /* VMOVNTDQA, VPMASKMOVD/Q */
    case 0x2B4: case 0x2B5: return w == 1;               /* VPMADD52LUQ/HUQ */
    case 0x2F3: return reg >= 1 && reg <= 3;             /* BLSR, BLSMSK, BLSI */
    case 0x249:                                          /* LDTILECFG, STTILECFG, TILERELEASE, TILEZERO */
        if (mode != 8 || w)
            return false;
        if (pp == 0)
            return mem ? reg == 0 : modrm == 0xC0;
        if (pp == 1)
            return mem && reg == 0;
        return !mem && (modrm & 7) == 0 && (ext & 4) == 0;
    case 0x24B: return mode == 8 && !w && mem && (modrm & 7) == 4 && (ext & 4) == 0; /* TILELOADD, TILESTORED */
    /* map 3 */
    case 0x300: case 0x301: case 0x3CE: case 0x3CF: return w == 1; /* VPERMQ, VPERMPD, VGF2P8AFFINE(INV)QB */
    case 0x302: case 0x304: case 0x305: case 0x306: case 0x318: case 0x319: case 0x31D: case 0x338:
    case 0x339: case 0x346: case 0x34A: case 0x34B: case 0x34C:
        return w == 0;
    default: return true;
    }
}

/* EVEX maps 1, 2, 3, 5 and 6 (SDM Vol. 2D appendix A, the "e" entries; maps 5 and 6 are
 * AVX512-FP16). Every EVEX instruction has a ModRM byte; map 3 has an ib throughout, map 1 at
 * 70-73 and C2-C6. */
static const char xvcpu__x86_evex1[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "FFF33373........"
    /* 2x */ "........33C3CC33"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ ".F..3333FFF7FFFF"
    /* 6x */ "222222222222222E"
    /* 7x */ "E222222.FFEE..6E"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..F.223........."
    /* Dx */ ".222222.22222222"
    /* Ex */ "222222E222222222"
    /* Fx */ ".222222.2222222.";
static const char xvcpu__x86_evex2[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "2...2......222.."
    /* 1x */ "6666662.22222222"
    /* 2x */ "66666666666222.."
    /* 3x */ "6666662266622222"
    /* 4x */ "2.222222....2222"
    /* 5x */ "22EA22..2222...."
    /* 6x */ "..22222.8......."
    /* 7x */ "22E2.22222222222"
    /* 8x */ "...2....2222.2.2"
    /* 9x */ "2222..2222AA2222"
    /* Ax */ "2222..2222AA2222"
    /* Bx */ "....222222222222"
    /* Cx */ "....2.222.2222.2"
    /* Dx */ "............2222"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex3[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "22.222..3232...2"
    /* 1x */ "....22222222.222"
    /* 2x */ "2222.233........"
    /* 3x */ "........2222..22"
    /* 4x */ "..222..........."
    /* 5x */ "22..2233........"
    /* 6x */ "......33........"
    /* 7x */ "2222............"
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "..5...........22"
    /* Dx */ "................"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex5[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "44...........3.."
    /* 2x */ "..........4.4411"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ ".5......55F75555"
    /* 6x */ "..............2."
    /* 7x */ "........77E63F2."
    /* 8x */ "................"
    /* 9x */ "................"
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ "................"
    /* Dx */ "................"
    /* Ex */ "................"
    /* Fx */ "................";
static const char xvcpu__x86_evex6[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "...3............"
    /* 2x */ "............22.."
    /* 3x */ "................"
    /* 4x */ "..22........2222"
    /* 5x */ "......CC........"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "................"
    /* 9x */ "......2222222222"
    /* Ax */ "......2222222222"
    /* Bx */ "......2222222222"
    /* Cx */ "................"
    /* Dx */ "......CC........"
    /* Ex */ "................"
    /* Fx */ "................";

/* XOP maps 8, 9 and 10 (AMD APM Vol. 3 Table A-27..A-29; vol. 6 for the instructions): '1' =
 * defined. Map 8 has an ib, map 10 an id; XOP.pp must be 00. */
static const char xvcpu__x86_xop8[257] =
    /*        0123456789ABCDEF */
    /* 0x */ "................"
    /* 1x */ "................"
    /* 2x */ "................"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ ".....111......11"  /* VPMACSSWW/WD/DQL, VPMACSSDD/DQH */
    /* 9x */ ".....111......11"  /* VPMACSWW/WD/DQL, VPMACSDD/DQH */
    /* Ax */ "..11..1........."  /* VPCMOV, VPPERM, VPMADCSSWD */
    /* Bx */ "......1........."  /* VPMADCSWD */
    /* Cx */ "1111........1111"  /* VPROTB/W/D/Q ib, VPCOMB/W/D/Q */
    /* Dx */ "................"
    /* Ex */ "............1111"  /* VPCOMUB/UW/UD/UQ */
    /* Fx */ "................";
static const char xvcpu__x86_xop9[257] =
    /*        0123456789ABCDEF */
    /* 0x */ ".xx............."  /* TBM groups 1 and 2 */
    /* 1x */ "..x............."  /* LLWPCB, SLWPCB */
    /* 2x */ "................"
    /* 3x */ "................"
    /* 4x */ "................"
    /* 5x */ "................"
    /* 6x */ "................"
    /* 7x */ "................"
    /* 8x */ "1111............"  /* VFRCZPS/PD/SS/SD */
    /* 9x */ "111111111111...."  /* VPROT, VPSHL, VPSHA */
    /* Ax */ "................"
    /* Bx */ "................"
    /* Cx */ ".111..11...1...."  /* VPHADDBW/BD/BQ/WD/WQ/DQ */
    /* Dx */ ".111..11...1...."  /* VPHADDUBW/UBD/UBQ/UWD/UWQ/UDQ */
    /* Ex */ ".111............"  /* VPHSUBBW/WD/DQ */
    /* Fx */ "................";

/* The digit of a prefix-mask table: its bits, 0 for '.'. */
static unsigned xvcpu__x86_digit(char c)
{
    return c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 0u;
}

/* x87 escapes D8-DF (SDM Vol. 2D A.4): register forms C0-FF, bit n = ModRM C0+n is defined. The
 * undocumented aliases that CPUs execute (FSTP1 D9 D8+i, FCOM2 DC D0+i, FCOMP3 DC D8+i, FXCH4
 * DD C8+i, FCOMP5 DE D0+i, FFREEP DF C0+i, FXCH7 DF C8+i, FSTP8/9 DF D0+i) and the 8087/287
 * leftovers FENI/FDISI/FSETPM (DB E0/E1/E4, executed as FNOP) count as defined. */
static const uint64_t xvcpu__x87_reg[8] = {
    0xFFFFFFFFFFFFFFFFull, /* D8 */
    0xFFFF7F33FF01FFFFull, /* D9: not D1-D7, E2, E3, E6, E7, EF */
    0x00000200FFFFFFFFull, /* DA: FCMOVcc, FUCOMPP */
    0x00FFFF1FFFFFFFFFull, /* DB: not E5-E7, F8-FF */
    0xFFFFFFFFFFFFFFFFull, /* DC */
    0x0000FFFFFFFFFFFFull, /* DD: not F0-FF */
    0xFFFFFFFF02FFFFFFull, /* DE: not D8, DA-DF */
    0x00FFFF01FFFFFFFFull  /* DF: not E1-E7, F8-FF */
};
/* Memory forms: bit r = /r is defined. */
static const uint8_t xvcpu__x87_mem[8] = { 0xFF, 0xFD, 0xFF, 0xAF, 0xFF, 0xDF, 0xFF, 0xFF };

/* Group 7 (0F 01) register forms, indexed by ModRM bits 5-0 (reg, rm); mandatory-prefix digits as
 * above. SDM Vol. 2D Table A-6 and the instruction pages (NP = no 66/F2/F3); AMD APM Vol. 3 for SVM
 * (D8-DF), MONITORX/MWAITX, CLZERO, RDPRU, MCOMMIT, INVLPGB/TLBSYNC and the SEV-SNP instructions;
 * Intel TDX for TDCALL/SEAMRET/SEAMOPS/SEAMCALL (66 CC-CF). */
static const char xvcpu__x86_grp7[65] =
    /* C0 */ "1111111."   /* ENCLV VMCALL VMLAUNCH VMRESUME VMXOFF PCONFIG WRMSRNS */
    /* C8 */ "11112223"   /* MONITOR MWAIT CLAC STAC TDCALL SEAMRET SEAMOPS ENCLS/SEAMCALL */
    /* D0 */ "11..1111"   /* XGETBV XSETBV VMFUNC XEND XTEST ENCLU */
    /* D8 */ "FFFFFFFF"   /* VMRUN VMMCALL(/VMGEXIT) VMLOAD VMSAVE STGI CLGI SKINIT INVLPGA */
    /* E0 */ "FFFFFFFF"   /* SMSW */
    /* E8 */ "D84.4455"   /* SERIALIZE/SETSSBSY/XSUSLDTRK XRESLDTRK SAVEPREVSSP UIRET TESTUI RDPKRU/CLUI WRPKRU/STUI */
    /* F0 */ "FFFFFFFF"   /* LMSW */
    /* F8 */ "FF51FFDD";  /* SWAPGS RDTSCP MONITORX/MCOMMIT MWAITX CLZERO RDPRU INVLPGB/RMPADJUST/RMPUPDATE TLBSYNC/PSMASH/PVALIDATE */

/* Group 7 register forms valid in 64-bit mode only: SWAPGS; the user-interrupt instructions
 * (F3 EC-EF); RMPADJUST, RMPUPDATE, PSMASH (F3/F2 FE, F3 FF); SEAMRET, SEAMOPS, SEAMCALL (66 CD-CF). */
static bool xvcpu__x86_grp7_o64(uint8_t modrm, unsigned mp)
{
    switch (modrm) {
    case 0xF8: return true;
    case 0xEC: case 0xED: return mp == 2;
    case 0xEE: case 0xEF: return mp == 2;
    case 0xFE: return mp >= 2;
    case 0xFF: return mp == 2;
    case 0xCD: case 0xCE: return mp == 1;
    case 0xCF: return mp == 1;
    default: return false;
    }
}

/* 3DNow! (0F 0F /r ib): the ib selects the instruction (AMD APM Vol. 3 Table A-16). */
static bool xvcpu__x86_3dnow_ok(uint8_t suffix)
{
    switch (suffix) {
    case 0x0C: case 0x0D: case 0x1C: case 0x1D:             /* PI2FW PI2FD PF2IW PF2ID */
    case 0x8A: case 0x8E:                                   /* PFNACC PFPNACC */
    case 0x90: case 0x94: case 0x96: case 0x97:             /* PFCMPGE PFMIN PFRCP PFRSQRT */
    case 0x9A: case 0x9E:                                   /* PFSUB PFADD */
    case 0xA0: case 0xA4: case 0xA6: case 0xA7:             /* PFCMPGT PFMAX PFRCPIT1 PFRSQIT1 */
    case 0xAA: case 0xAE:                                   /* PFSUBR PFACC */
    case 0xB0: case 0xB4: case 0xB6: case 0xB7:             /* PFCMPEQ PFMUL PFRCPIT2 PMULHRW */
    case 0xBB: case 0xBF:                                   /* PSWAPD PAVGUSB */
        return true;
    default:
        return false;
    }
}

/* The decoder's working state. */
typedef struct xvcpu__x86_dec {
    const uint8_t *code;
    unsigned avail;      /* bytes readable at code */
    unsigned pos;        /* bytes consumed */
    unsigned mode;       /* 2, 4, 8 */
    unsigned osz, asz;   /* effective operand and address size in bytes */
    unsigned mp;         /* mandatory prefix: 0 none, 1 66, 2 F3, 3 F2 */
    uint8_t rex;         /* REX in effect, 0 none */
    uint8_t seg;         /* segment override 0-5, 0xFF none */
    uint8_t rep;         /* last F2/F3 */
    bool p66, p67, lock;
    uint8_t rxb;         /* REX/VEX R, X, B as bits 2, 1, 0 */
    bool vsib;           /* the SIB index is a vector register (gathers, scatters) */
} xvcpu__x86_dec;

/* The next `n` bytes are needed: INVALID past the 15-byte limit, TRUNCATED past the input. */
static xvcpu_x86_decode_status xvcpu__x86_need(const xvcpu__x86_dec *d, unsigned n)
{
    if (d->pos + n > XVCPU__X86_MAX_LEN)
        return XVCPU_X86_DECODE_INVALID;
    if (d->pos + n > d->avail)
        return XVCPU_X86_DECODE_TRUNCATED;
    return XVCPU_X86_DECODE_OK;
}

/* Little-endian value of `n` bytes at the current position (already checked), consumed. */
static uint64_t xvcpu__x86_take(xvcpu__x86_dec *d, unsigned n)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)d->code[d->pos + i] << (8 * i);
    d->pos += n;
    return v;
}

/* The address fields of a ModRM memory operand (mod != 11b), consuming SIB and displacement.
 * SDM Vol. 2A 2.1.5 Tables 2-1..2-3 and 2.2.1.6 (RIP-relative). */
static xvcpu_x86_decode_status xvcpu__x86_mem(xvcpu__x86_dec *d, uint8_t modrm, xvcpu_x86_insn *out)
{
    /* [BX+SI] [BX+DI] [BP+SI] [BP+DI] [SI] [DI] [BP] [BX] */
    static const int8_t base16[8] = { 3, 3, 5, 5, 6, 7, 5, 3 };
    static const int8_t index16[8] = { 6, 7, 6, 7, -1, -1, -1, -1 };
    unsigned mod = modrm >> 6, rm = modrm & 7, dsize;
    xvcpu_x86_decode_status st;
    int8_t base = -1, index = -1;
    uint8_t scale = 1;

    if (d->asz == 2) {
        if (mod == 0 && rm == 6) {
            dsize = 2;
        } else {
            base = base16[rm];
            index = index16[rm];
            dsize = mod == 1 ? 1 : mod == 2 ? 2 : 0;
        }
    } else {
        dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
        if (rm == 4) {
            uint8_t sib, idx;
            if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
                return st;
            sib = d->code[d->pos++];
            scale = (uint8_t)(1u << (sib >> 6));
            idx = (uint8_t)(((sib >> 3) & 7) | ((d->rxb & 2) << 2));
            index = (d->vsib || idx != 4) ? (int8_t)idx : -1;
            if ((sib & 7) == 5 && mod == 0)
                dsize = 4; /* no base: disp32 */
            else
                base = (int8_t)((sib & 7) | ((d->rxb & 1) << 3));
        } else if (mod == 0 && rm == 5) {
            dsize = 4;
            out->rip_relative = d->mode == 8;
        } else {
            base = (int8_t)(rm | ((d->rxb & 1) << 3));
        }
    }
    if ((st = xvcpu__x86_need(d, dsize)) != XVCPU_X86_DECODE_OK)
        return st;
    if (dsize == 1)
        out->disp = (int8_t)xvcpu__x86_take(d, 1);
    else if (dsize == 2)
        out->disp = (int16_t)xvcpu__x86_take(d, 2);
    else if (dsize == 4)
        out->disp = (int32_t)xvcpu__x86_take(d, 4);
    out->has_mem = true;
    out->base = base;
    out->index = index;
    out->scale = index >= 0 ? scale : 1;
    /* SS for rSP/rBP bases (not r12/r13), else DS; an override wins except CS/DS/ES/SS in 64-bit mode
     * (SDM Vol. 1 3.7.4.1 and 3.3.7.1). */
    out->seg = (base == 4 || base == 5) ? 2 : 3;
    if (d->seg != 0xFF)
        out->seg = d->seg;
    return XVCPU_X86_DECODE_OK;
}

/* Group rules that the tables cannot say (opcodes marked x, X, Y, c). Returns false for #UD;
 * sets *imm for the groups whose immediate depends on ModRM or the prefix. */
static bool xvcpu__x86_check(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm, unsigned *imm)
{
    unsigned reg = (modrm >> 3) & 7;
    bool mem = (modrm >> 6) != 3;

    if (map == 0) {
        switch (op) {
        case 0x8C: return reg <= 5;                          /* MOV r/m, Sreg: ES..GS */
        case 0x8E: return reg <= 5 && reg != 1;              /* MOV Sreg, r/m: not CS */
        case 0x8F: return reg == 0;                          /* POP r/m (the rest is XOP) */
        case 0xC6: return reg == 0 || modrm == 0xF8;         /* MOV r/m8, ib; XABORT ib */
        case 0xC7: return reg == 0 || modrm == 0xF8;         /* MOV r/m, iz; XBEGIN rel */
        case 0xF6:                                           /* TEST ib for /0 and /1 */
            *imm = reg < 2 ? XVCPU__IMM_B : XVCPU__IMM_NONE;
            return true;
        case 0xF7:
            *imm = reg < 2 ? XVCPU__IMM_Z : XVCPU__IMM_NONE;
            return true;
        case 0xFE: return reg < 2;                           /* INC/DEC r/m8 */
        case 0xFF: return reg != 7 && (mem || (reg != 3 && reg != 5)); /* CALLF/JMPF need memory */
        default:                                             /* D8-DF: x87 */
            if (op >= 0xD8)
                return mem ? ((xvcpu__x87_mem[op - 0xD8] >> reg) & 1) != 0
                           : ((xvcpu__x87_reg[op - 0xD8] >> (modrm & 0x3F)) & 1) != 0;
            return true;
        }
    }
    if (map == 1) {
        switch (op) {
        case 0x00: return reg <= 5;                          /* SLDT STR LLDT LTR VERR VERW */
        case 0x01:                                           /* group 7 */
            if (mem)
                return reg != 5 || d->mp == 2;               /* /5: RSTORSSP (F3) */
            if (d->mode != 8 && xvcpu__x86_grp7_o64(modrm, d->mp))
                return false;
            return ((xvcpu__x86_digit(xvcpu__x86_grp7[modrm & 0x3F]) >> d->mp) & 1) != 0;
        case 0x12: case 0x16: return mem || d->mp != 1;      /* MOVLPD/MOVHPD need memory */
        case 0x20: case 0x22: {                              /* CR0, CR2-CR4, CR8 */
            unsigned cr = reg | ((d->rxb & 4u) << 1);
            return cr == 0 || cr == 2 || cr == 3 || cr == 4 || cr == 8;
        }
        case 0x21: case 0x23: return (d->rxb & 4) == 0;      /* DR0-DR7; REX.R is #UD */
        case 0xA6:                                           /* VIA PadLock: REP MONTMUL, XSHA1, XSHA256 */
            return d->mp == 2 && (modrm == 0xC0 || modrm == 0xC8 || modrm == 0xD0);
        case 0xA7:                                           /* XSTORE; REP XCRYPTECB/CBC/CTR/CFB/OFB */
            return (modrm == 0xC0 && d->mp != 3) || (d->mp == 2 && (modrm == 0xC8 || modrm == 0xD0 || modrm == 0xD8 ||
                                                    modrm == 0xE0 || modrm == 0xE8));
        case 0x71: case 0x72:                                /* PSRL/PSRA/PSLL ib */
            return !mem && (reg == 2 || reg == 4 || reg == 6);
        case 0x73:                                           /* PSRLQ, PSRLDQ (66), PSLLQ, PSLLDQ (66) */
            return !mem && (reg == 2 || reg == 6 || ((reg == 3 || reg == 7) && d->mp == 1));
        case 0x78:                                           /* VMREAD; EXTRQ ib,ib; INSERTQ ib,ib */
            if (d->mp == 0)
                return true;
            *imm = XVCPU__IMM_BB;
            return !mem && (d->mp == 3 || reg == 0);
        case 0x79: return d->mp == 0 || !mem;                /* VMWRITE; EXTRQ, INSERTQ xmm, xmm */
        case 0xAE:                                           /* group 15 */
            if (mem) {
                switch (d->mp) {
                case 0: return true;                         /* FXSAVE ... XSAVEOPT, CLFLUSH */
                case 1: return reg >= 6;                     /* CLWB, CLFLUSHOPT */
                case 2: return reg == 4 || reg == 6;         /* PTWRITE, CLRSSBSY */
                default: return false;
                }
            }
            switch (d->mp) {
            case 0: return reg >= 5;                         /* LFENCE MFENCE SFENCE */
            case 1: return reg == 6;                         /* TPAUSE */
            case 2: return reg < 4 ? d->mode == 8 : reg != 7; /* RD/WR FS/GS BASE, PTWRITE, INCSSP, UMONITOR */
            default: return reg == 6;                        /* UMWAIT */
            }
        case 0xBA: return reg >= 4;                          /* BT BTS BTR BTC ib */
        case 0xC7:                                           /* group 9 */
            if (mem) {
                switch (reg) {
                case 1: return true;                         /* CMPXCHG8B/16B */
                case 3: case 4: case 5: case 7: return d->mp == 0; /* XRSTORS XSAVEC XSAVES VMPTRST */
                case 6: return d->mp != 3;                   /* VMPTRLD, VMCLEAR (66), VMXON (F3) */
                default: return false;
                }
            }
            if (reg == 6)                                    /* RDRAND; SENDUIPI (F3, 64-bit) */
                return d->mp <= 1 || (d->mp == 2 && d->mode == 8);
            if (reg == 7)
                return d->mp <= 2;                           /* RDSEED, RDPID (F3) */
            return false;
        case 0xD6: return d->mp == 1 || !mem;                /* MOVQ; MOVQ2DQ/MOVDQ2Q register only */
        default: return true;
        }
    }
    if (map == 3)
        return modrm == 0xC0;                                /* HRESET ib (F3 0F 3A F0 C0) */
    if (map == 2) {
        switch (op) {
        case 0xD8: return d->mp == 2 && mem && reg <= 3;     /* AES{ENC,DEC}WIDE{128,256}KL */
        case 0xDC: return true;                              /* AESENC; AESENC128KL or LOADIWKEY */
        case 0xDD: case 0xDE: case 0xDF: return d->mp == 1 || mem; /* AES; Key Locker needs memory */
        case 0xF0: case 0xF1: return d->mp == 3 || mem;      /* CRC32; MOVBE needs memory */
        case 0xF6: return d->mp != 0 || mem;                 /* ADCX/ADOX; WRSS needs memory */
        default: return true;
        }
    }
    return true;
}

/* LOCK is allowed only on these with a memory destination (SDM Vol. 2A "LOCK"), and on AMD's CR8
 * alias. */
static bool xvcpu__x86_lock_ok(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm, uint16_t cls)
{
    unsigned reg = (modrm >> 3) & 7;
    /* AMD: LOCK MOV CR0 is MOV CR8 (CPUID Fn8000_0001_ECX[AltMovCr8], AMD APM Vol. 3 "MOV (CRn)") */
    if (map == 1 && (op == 0x20 || op == 0x22))
        return reg == 0 && (d->rxb & 4) == 0;
    if ((modrm >> 6) == 3)
        return false;
    if (cls & XVCPU__XF_LOCK)
        return true;
    if (map == 0) {
        switch (op) {
        case 0x80: case 0x81: case 0x82: case 0x83: return reg != 7; /* not CMP */
        case 0xF6: case 0xF7: return reg == 2 || reg == 3;          /* NOT NEG */
        case 0xFE: case 0xFF: return reg < 2;                       /* INC DEC */
        default: return false;
        }
    }
    if (map == 1) {
        if (op == 0xBA)
            return reg >= 5;                                        /* BTS BTR BTC ib */
        if (op == 0xC7)
            return reg == 1;                                        /* CMPXCHG8B/16B */
    }
    return false;
}

/* Bytes of an immediate of kind `kind`. */
static unsigned xvcpu__x86_imm_size(const xvcpu__x86_dec *d, unsigned kind)
{
    switch (kind) {
    case XVCPU__IMM_B: return 1;
    case XVCPU__IMM_W: return 2;
    case XVCPU__IMM_Z: return d->osz == 2 ? 2 : 4;
    case XVCPU__IMM_V: return d->osz;
    case XVCPU__IMM_WB: return 3;
    case XVCPU__IMM_MOFFS: return d->asz;
    case XVCPU__IMM_FAR: return d->osz == 2 ? 4 : 6;
    case XVCPU__IMM_JZ: return d->mode == 8 || d->osz != 2 ? 4 : 2;
    case XVCPU__IMM_BB: return 2;
    case XVCPU__IMM_D: return 4;
    default: return 0;
    }
}

/* `v` of `bytes` bytes, sign-extended to `to` bytes (1-8) and masked to them. */
static uint64_t xvcpu__x86_sext(uint64_t v, unsigned bytes, unsigned to)
{
    unsigned shift = 64 - 8 * bytes;
    uint64_t s = (uint64_t)((int64_t)(v << shift) >> shift);
    return to >= 8 ? s : s & ((1ull << (8 * to)) - 1);
}

/* The register operand named by ModRM.reg (with REX.R) at operand size `bytes`: without any REX
 * the byte registers 4-7 are AH, CH, DH, BH (SDM Vol. 2A 3.7.2.1 Table 3-2). */
static int8_t xvcpu__x86_gpr(const xvcpu__x86_dec *d, unsigned num, unsigned bytes)
{
    if (bytes == 1 && d->rex == 0 && num >= 4 && num <= 7)
        return (int8_t)(XVCPU_REG_AH + (num - 4));
    return (int8_t)num;
}

/* Fill the operands of an MMIO-set instruction of the legacy maps 0/1; UNSUPPORTED for anything
 * else or without a memory operand. `imm` is the raw immediate of `imm_bytes` bytes. */
static xvcpu_x86_decode_status xvcpu__x86_mmio(const xvcpu__x86_dec *d, unsigned map, unsigned op, uint8_t modrm,
                                               uint64_t imm, unsigned imm_bytes, xvcpu_x86_insn *out)
{
    unsigned reg = ((modrm >> 3) & 7) | ((d->rxb & 4u) << 1);
    unsigned bytes = d->osz;
    bool rm_mem = out->has_mem;

    if (map == 0) {
        if (op < 0x40 && (op & 7) < 4) {
            /* ALU r/m, r (0, 1) and r, r/m (2, 3): ADD OR ADC SBB AND SUB XOR CMP */
            if (!rm_mem)
                return XVCPU_X86_DECODE_UNSUPPORTED;
            bytes = (op & 1) ? d->osz : 1;
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_ADD + (op >> 3));
            out->reg = xvcpu__x86_gpr(d, reg, bytes);
            out->mem_to_reg = (op & 2) != 0;
            out->mem_is_dest = !(op & 2) && out->op != XVCPU_X86_OP_CMP;
        } else {
            switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83:   /* group 1: ALU r/m, imm */
                if (!rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = op == 0x81 || op == 0x83 ? d->osz : 1;
                out->op = (xvcpu_x86_op)(XVCPU_X86_OP_ADD + ((modrm >> 3) & 7));
                out->mem_is_dest = out->op != XVCPU_X86_OP_CMP;
                break;
            case 0x84: case 0x85:                         /* TEST r/m, r */
            case 0x86: case 0x87:                         /* XCHG r/m, r */
            case 0x88: case 0x89: case 0x8A: case 0x8B:   /* MOV */
                if (!rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = (op & 1) ? d->osz : 1;
                out->reg = xvcpu__x86_gpr(d, reg, bytes);
                if (op <= 0x85) {
                    out->op = XVCPU_X86_OP_TEST;
                } else if (op <= 0x87) {
                    out->op = XVCPU_X86_OP_XCHG;
                    out->mem_is_dest = out->mem_to_reg = true;
                } else {
                    out->op = XVCPU_X86_OP_MOV;
                    out->mem_to_reg = op >= 0x8A;
                    out->mem_is_dest = op < 0x8A;
                }
                break;
            case 0x63:                                    /* MOVSXD r, r/m32 (64-bit mode) */
                if (d->mode != 8 || !rm_mem)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                out->op = XVCPU_X86_OP_MOVSXD;
                out->reg = (int8_t)reg;
                out->mem_to_reg = true;
                out->op_bytes = (uint8_t)bytes;
                out->mem_bytes = (uint8_t)(bytes == 8 ? 4 : bytes);
                return XVCPU_X86_DECODE_OK;
            case 0xA0: case 0xA1: case 0xA2: case 0xA3:   /* MOV AL/rAX <-> moffs */
                bytes = (op & 1) ? d->osz : 1;
                out->op = XVCPU_X86_OP_MOV;
                out->reg = 0;
                out->mem_to_reg = op <= 0xA1;
                out->mem_is_dest = op >= 0xA2;
                break;
            case 0xA4: case 0xA5:                         /* MOVS: DS:rSI -> ES:rDI */
            case 0xAA: case 0xAB:                         /* STOS: AL/rAX -> ES:rDI */
                bytes = (op & 1) ? d->osz : 1;
                out->has_mem = true;
                out->index = -1;
                out->scale = 1;
                out->disp = 0;
                out->mem_is_dest = true;
                if (op <= 0xA5) {
                    out->op = XVCPU_X86_OP_MOVS;
                    out->base = 6;
                    out->seg = d->seg != 0xFF ? d->seg : 3;
                } else {
                    out->op = XVCPU_X86_OP_STOS;
                    out->base = 7;
                    out->seg = 0;                          /* ES, no override (SDM Vol. 2B "STOS") */
                    out->reg = 0;
                }
                break;
            case 0xC6: case 0xC7:                         /* MOV r/m, imm */
                if (!rm_mem || ((modrm >> 3) & 7) != 0)
                    return XVCPU_X86_DECODE_UNSUPPORTED;  /* XABORT/XBEGIN, or a register */
                bytes = op == 0xC7 ? d->osz : 1;
                out->op = XVCPU_X86_OP_MOV;
                out->mem_is_dest = true;
                break;
            case 0xF6: case 0xF7:                         /* TEST r/m, imm */
                if (!rm_mem || ((modrm >> 3) & 7) >= 2)
                    return XVCPU_X86_DECODE_UNSUPPORTED;
                bytes = op == 0xF7 ? d->osz : 1;
                out->op = XVCPU_X86_OP_TEST;
                break;
            default:
                return XVCPU_X86_DECODE_UNSUPPORTED;
            }
        }
    } else if (map == 1) {
        if (!rm_mem)
            return XVCPU_X86_DECODE_UNSUPPORTED;
        switch (op) {
        case 0xB6: case 0xB7: case 0xBE: case 0xBF:       /* MOVZX/MOVSX r, r/m8 or r/m16 */
            out->op = op < 0xB8 ? XVCPU_X86_OP_MOVZX : XVCPU_X86_OP_MOVSX;
            out->reg = (int8_t)reg;
            out->mem_to_reg = true;
            out->op_bytes = (uint8_t)d->osz;
            out->mem_bytes = (op & 1) ? 2 : 1;
            return XVCPU_X86_DECODE_OK;
        case 0xA3: case 0xAB: case 0xB3: case 0xBB:       /* BT BTS BTR BTC r/m, r */
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_BT + ((op >> 3) & 3));
            out->reg = (int8_t)reg;
            out->mem_is_dest = op != 0xA3;
            break;
        case 0xBA:                                        /* BT BTS BTR BTC r/m, ib */
            out->op = (xvcpu_x86_op)(XVCPU_X86_OP_BT + ((modrm >> 3) & 3));
            out->mem_is_dest = ((modrm >> 3) & 7) != 4;
            out->has_imm = out->imm_is_src = true;
            out->imm = imm & 0xFF;                        /* a bit offset: not sign-extended */
            out->op_bytes = out->mem_bytes = (uint8_t)d->osz;
            return XVCPU_X86_DECODE_OK;
        case 0x10: case 0x11: case 0x28: case 0x29:       /* MOVUPS/MOVUPD, MOVAPS/MOVAPD */
            if (d->mp > 1)
                return XVCPU_X86_DECODE_UNSUPPORTED;      /* MOVSS/MOVSD, CVT... */
            goto vmov;
        case 0x6F: case 0x7F:                             /* MOVDQA (66), MOVDQU (F3) */
            if (d->mp != 1 && d->mp != 2)
                return XVCPU_X86_DECODE_UNSUPPORTED;      /* MMX MOVQ */
        vmov:
            out->op = XVCPU_X86_OP_VMOV;
            out->reg = (int8_t)reg;
            out->mem_to_reg = op == 0x10 || op == 0x28 || op == 0x6F;
            out->mem_is_dest = !out->mem_to_reg;
            out->op_bytes = out->mem_bytes = 16;
            return XVCPU_X86_DECODE_OK;
        default:
            return XVCPU_X86_DECODE_UNSUPPORTED;
        }
    } else {
        return XVCPU_X86_DECODE_UNSUPPORTED;
    }
    out->op_bytes = out->mem_bytes = (uint8_t)bytes;
    if (imm_bytes) {
        out->has_imm = out->imm_is_src = true;
        out->imm = xvcpu__x86_sext(imm, imm_bytes, bytes);
    }
    return XVCPU_X86_DECODE_OK;
}

/* VEX (C4/C5), SDM Vol. 2A 2.3. d->pos is at the C4/C5 byte. */
static xvcpu_x86_decode_status xvcpu__x86_vex(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    static const char *const maps[4] = { NULL, xvcpu__x86_vex1, xvcpu__x86_vex2, xvcpu__x86_vex3 };
    static const char *const novvvv[4] = { NULL, xvcpu__x86_vex1_novvvv, xvcpu__x86_vex2_novvvv,
                                           xvcpu__x86_vex3_novvvv };
    xvcpu_x86_decode_status st;
    uint8_t b1, b2, op, modrm = 0;
    unsigned map, pp, vvvv, l, lrule, w;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;                  /* SDM Vol. 2A 2.3.2 */
    if (d->code[d->pos] == 0xC5) {
        if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
            return st;
        b1 = d->code[d->pos + 1];
        d->rxb = (uint8_t)((~b1 >> 5) & 4);
        b2 = b1;
        map = 1;
        w = 0;
        d->pos += 2;
    } else {
        if ((st = xvcpu__x86_need(d, 3)) != XVCPU_X86_DECODE_OK)
            return st;
        b1 = d->code[d->pos + 1];
        b2 = d->code[d->pos + 2];
        d->rxb = (uint8_t)((~b1 >> 5) & 7);
        map = b1 & 0x1F;
        if (map < 1 || map > 3)
            return XVCPU_X86_DECODE_INVALID;
        w = b2 >> 7;
        d->pos += 3;
    }
    vvvv = (~b2 >> 3) & 15;                              /* checked whole for "must be 1111b" */
    l = (b2 >> 2) & 1;
    pp = b2 & 3;
    if (d->mode != 8)
        d->rxb = 0;                                       /* R and X are 1 outside 64-bit mode, B is ignored */
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    op = d->code[d->pos++];
    out->encoding = XVCPU_X86_ENC_VEX;
    out->map = (uint8_t)map;
    out->opcode = op;
    if (((xvcpu__x86_digit(maps[map][op]) >> pp) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    if (vvvv != 0 && ((xvcpu__x86_digit(novvvv[map][op]) >> pp) & 1) != 0)
        return XVCPU_X86_DECODE_INVALID;
    lrule = xvcpu__x86_vex_l(map, op, pp);
    if ((lrule == 1 && l) || (lrule == 2 && !l))
        return XVCPU_X86_DECODE_INVALID;
    if (map == 1 && op == 0x77)
        return XVCPU_X86_DECODE_UNSUPPORTED;              /* VZEROUPPER/VZEROALL: no ModRM */
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    /* outside 64-bit mode vvvv[3] is ignored as a register number (only "must be 1111b" sees it) */
    if (!xvcpu__x86_vex_rules(map, op, pp, w, modrm, d->mode,
                              (d->rxb & 4u) | ((d->rxb & 1u) << 1) | (d->mode == 8 ? vvvv >> 3 : 0)))
        return XVCPU_X86_DECODE_INVALID;
    if (map == 2 && (op == 0x5C || op == 0x5E) &&
        (((modrm >> 3) & 7) == (modrm & 7) || ((modrm >> 3) & 7) == (vvvv & 7) || (modrm & 7) == (vvvv & 7)))
        return XVCPU_X86_DECODE_INVALID;                  /* TDP*: three different tiles (SDM Vol. 2B "TDPBSSD") */
    d->vsib = map == 2 && op >= 0x90 && op <= 0x93;
    if (d->vsib && ((modrm >> 6) == 3 || (modrm & 7) != 4 || d->asz == 2))
        return XVCPU_X86_DECODE_INVALID;                  /* gathers need a SIB byte (SDM Vol. 2A 2.3.12) */
    if (map == 1 && (op == 0x10 || op == 0x11) && pp >= 2 && (modrm >> 6) != 3 && vvvv != 0)
        return XVCPU_X86_DECODE_INVALID;                  /* VMOVSS/VMOVSD m: vvvv must be 1111b */
    if ((modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    if (d->vsib) {
        /* gathers: destination, mask (vvvv) and index must be three different registers (SDM Vol. 2B
         * "VPGATHERDD/VPGATHERQD" ...: #UD if any pair is the same) */
        unsigned dst = ((modrm >> 3) & 7) | ((d->rxb & 4u) << 1), mask = d->mode == 8 ? vvvv : vvvv & 7;
        if (dst == mask || dst == (unsigned)out->index || mask == (unsigned)out->index)
            return XVCPU_X86_DECODE_INVALID;
    }
    if (map == 3 || (map == 1 && ((op >= 0x70 && op <= 0x73) || (op >= 0xC2 && op <= 0xC6)))) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        d->pos++;
    }
    /* VMOVUPS/UPD/APS/APD (pp none/66) and VMOVDQA/DQU (66/F3); VEX.vvvv must be 1111b. */
    if (map == 1 && ((((op == 0x10 || op == 0x11 || op == 0x28 || op == 0x29) && pp <= 1)) ||
                     ((op == 0x6F || op == 0x7F) && (pp == 1 || pp == 2)))) {
        if (!out->has_mem)
            return XVCPU_X86_DECODE_UNSUPPORTED;
        out->op = XVCPU_X86_OP_VMOV;
        out->reg = (int8_t)(((modrm >> 3) & 7) | ((d->rxb & 4u) << 1));
        out->mem_to_reg = op == 0x10 || op == 0x28 || op == 0x6F;
        out->mem_is_dest = !out->mem_to_reg;
        out->op_bytes = out->mem_bytes = l ? 32 : 16;
        return XVCPU_X86_DECODE_OK;
    }
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* EVEX (62), SDM Vol. 2A 2.7. Length and opcode only: the memory operand is not reported (disp8 is
 * scaled by the instruction's tuple type). */
static xvcpu_x86_decode_status xvcpu__x86_evex(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    static const char *const maps[8] = { NULL, xvcpu__x86_evex1, xvcpu__x86_evex2, xvcpu__x86_evex3,
                                         NULL, xvcpu__x86_evex5, xvcpu__x86_evex6, NULL };
    xvcpu_x86_insn scratch;
    xvcpu_x86_decode_status st;
    uint8_t p0, p1, p2, op, modrm;
    unsigned map;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;                  /* SDM Vol. 2A 2.7.?: as VEX */
    if ((st = xvcpu__x86_need(d, 5)) != XVCPU_X86_DECODE_OK)
        return st;
    p0 = d->code[d->pos + 1];
    p1 = d->code[d->pos + 2];
    p2 = d->code[d->pos + 3];
    op = d->code[d->pos + 4];
    map = p0 & 7;
    if ((p0 & 0x08) || !(p1 & 0x04) || maps[map] == NULL)
        return XVCPU_X86_DECODE_INVALID;                  /* reserved bits, SDM Vol. 2A 2.7.1 Table 2-30 */
    d->rxb = d->mode == 8 ? (uint8_t)((~p0 >> 5) & 7) : 0;
    d->pos += 5;
    out->encoding = XVCPU_X86_ENC_EVEX;
    out->map = (uint8_t)map;
    out->opcode = op;
    if (((xvcpu__x86_digit(maps[map][op]) >> (p1 & 3)) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    /* EVEX.L'L = 11b is reserved except as rounding control (register form with EVEX.b). */
    if ((p2 & 0x60) == 0x60 && !((p2 & 0x10) && (modrm >> 6) == 3))
        return XVCPU_X86_DECODE_INVALID;
    d->vsib = (map == 2 && ((op >= 0x90 && op <= 0x93) || (op >= 0xA0 && op <= 0xA3) || op == 0xC6 || op == 0xC7));
    if ((modrm >> 6) != 3) {
        scratch.rip_relative = false;
        if ((st = xvcpu__x86_mem(d, modrm, &scratch)) != XVCPU_X86_DECODE_OK)
            return st;
    }
    if (map == 3 || (map == 1 && ((op >= 0x70 && op <= 0x73) || (op >= 0xC2 && op <= 0xC6)))) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        d->pos++;
    }
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* XOP (8F with a map of 8 or more), AMD APM Vol. 6 1.8. */
static xvcpu_x86_decode_status xvcpu__x86_xop(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    uint8_t b1, b2, op, modrm;
    unsigned map, reg;
    bool ok;

    if (d->p66 || d->rep || d->lock || d->rex)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 4)) != XVCPU_X86_DECODE_OK)
        return st;
    b1 = d->code[d->pos + 1];
    b2 = d->code[d->pos + 2];
    op = d->code[d->pos + 3];
    map = b1 & 0x1F;
    d->rxb = d->mode == 8 ? (uint8_t)((~b1 >> 5) & 7) : 0;
    d->pos += 4;
    out->encoding = XVCPU_X86_ENC_XOP;
    out->map = (uint8_t)map;
    out->opcode = op;
    if ((b2 & 3) != 0 || map > 10)
        return XVCPU_X86_DECODE_INVALID;
    if (map == 8)
        ok = xvcpu__x86_xop8[op] == '1';
    else if (map == 9)
        ok = xvcpu__x86_xop9[op] != '.';
    else
        ok = op == 0x10 || op == 0x12;                    /* BEXTR id; LWPINS/LWPVAL id */
    /* XOP.L and XOP.W (AMD APM Vol. 6): 128-bit and W0 only, except VPCMOV (both free), VPPERM/VPROT/
     * VPSHL/VPSHA (W swaps the sources), VFRCZPS/PD (256-bit too) and the GPR instructions (TBM, LWP,
     * BEXTR: W is the operand size). */
    if ((b2 & 4) && !((map == 8 && op == 0xA2) || (map == 9 && (op == 0x80 || op == 0x81))))
        ok = false;
    if ((b2 & 0x80) && !((map == 8 && (op == 0xA2 || op == 0xA3)) || (map == 9 && (op <= 0x12 || (op >= 0x90 && op <= 0x9B))) ||
                         map == 10))
        ok = false;
    if (!ok)
        return XVCPU_X86_DECODE_INVALID;
    if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
        return st;
    modrm = d->code[d->pos++];
    out->modrm = modrm;
    reg = (modrm >> 3) & 7;
    if (map == 9 && op == 0x01 && reg == 0)
        return XVCPU_X86_DECODE_INVALID;                  /* TBM group 1: BLCFILL..T1MSKC are /1-/7 */
    if (map == 9 && op == 0x02 && reg != 1 && reg != 6)
        return XVCPU_X86_DECODE_INVALID;                  /* BLCMSK /1, BLCI /6 */
    if (map == 9 && op == 0x12 && (reg > 1 || (modrm >> 6) != 3))
        return XVCPU_X86_DECODE_INVALID;                  /* LLWPCB, SLWPCB: register only */
    if (map == 10 && op == 0x12 && reg > 1)
        return XVCPU_X86_DECODE_INVALID;                  /* LWPINS, LWPVAL */
    if ((modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    map = map == 8 ? 1 : map == 10 ? 4 : 0;               /* immediate bytes */
    if ((st = xvcpu__x86_need(d, map)) != XVCPU_X86_DECODE_OK)
        return st;
    d->pos += map;
    return XVCPU_X86_DECODE_UNSUPPORTED;
}

/* Bytes that are legacy prefixes (26 2E 36 3E 64-67 F0 F2 F3) or REX (40-4F), one bit each: most
 * instructions have none, and this keeps them off the switch below. */
static const uint32_t xvcpu__x86_prefix_bits[8] = {
    0x00000000u, 0x40404040u, 0x0000FFFFu, 0x000000F0u, 0, 0, 0, 0x000D0000u
};

/* Legacy prefixes and REX (SDM Vol. 2A 2.1.1, 2.2.1): leaves d->pos at the opcode. */
static xvcpu_x86_decode_status xvcpu__x86_prefixes(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    for (;;) {
        uint8_t b;
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        b = d->code[d->pos];
        if (((xvcpu__x86_prefix_bits[b >> 5] >> (b & 31)) & 1) == 0)
            b = 0;                                         /* not a prefix: the opcode */
        switch (b) {
        case 0x26: case 0x2E: case 0x36: case 0x3E:      /* ES CS SS DS: ignored in 64-bit mode */
            if (d->mode != 8)
                d->seg = (uint8_t)((b >> 3) & 3);
            break;
        case 0x64: case 0x65: d->seg = (uint8_t)(b - 0x60); break; /* FS GS */
        case 0x66: d->p66 = true; break;
        case 0x67: d->p67 = true; break;
        case 0xF0: d->lock = true; break;
        case 0xF2: case 0xF3: d->rep = b; break;
        case 0:
            out->rex = d->rex;
            d->rxb = (uint8_t)(d->rex & 7);
            return XVCPU_X86_DECODE_OK;
        default:                                           /* 40-4F */
            if (d->mode == 8) {
                d->rex = b;                                /* effective only right before the opcode */
                d->pos++;
                continue;
            }
            out->rex = d->rex;
            d->rxb = (uint8_t)(d->rex & 7);
            return XVCPU_X86_DECODE_OK;
        }
        d->rex = 0;                                        /* a REX followed by a legacy prefix is ignored */
        d->pos++;
    }
}

static xvcpu_x86_decode_status xvcpu__x86_decode(xvcpu__x86_dec *d, xvcpu_x86_insn *out)
{
    xvcpu_x86_decode_status st;
    const char *pfx = NULL;
    unsigned map = 0, op, imm_kind, imm_bytes;
    uint16_t cls;
    uint8_t modrm = 0;
    uint64_t imm = 0;
    bool has_modrm;

    if ((st = xvcpu__x86_prefixes(d, out)) != XVCPU_X86_DECODE_OK)
        return st;
    d->osz = d->mode == 8 ? ((d->rex & 8) ? 8 : d->p66 ? 2 : 4) : (d->mode == 4) != d->p66 ? 4 : 2;
    d->asz = d->mode == 8 ? (d->p67 ? 4 : 8) : (d->mode == 4) != d->p67 ? 4 : 2;
    d->mp = d->rep == 0xF3 ? 2 : d->rep == 0xF2 ? 3 : d->p66 ? 1 : 0;
    out->addr_bytes = (uint8_t)d->asz;
    out->op_bytes = (uint8_t)d->osz;
    out->rep = d->rep;
    out->lock = d->lock;

    op = d->code[d->pos];
    switch (op) {
    case 0x0F:
        if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
            return st;
        op = d->code[d->pos + 1];
        if (op == 0x38 || op == 0x3A) {
            if ((st = xvcpu__x86_need(d, 3)) != XVCPU_X86_DECODE_OK)
                return st;
            map = op == 0x38 ? 2 : 3;
            op = d->code[d->pos + 2];
            d->pos += 3;
        } else {
            map = 1;                                      /* 0F 0F is 3DNow!, see below */
            d->pos += 2;
        }
        break;
    case 0xC4: case 0xC5: case 0x62: case 0x8F:
        if (d->mode != 8 || op == 0x8F) {
            /* LES/LDS/BOUND need memory, so mod = 11b means VEX/EVEX (SDM Vol. 2A 2.3.5); POP r/m
             * needs reg = 0, so a map >= 8 in its place means XOP. */
            if ((st = xvcpu__x86_need(d, 2)) != XVCPU_X86_DECODE_OK)
                return st;
            if (op == 0x8F ? (d->code[d->pos + 1] & 0x1F) < 8 : d->code[d->pos + 1] < 0xC0) {
                d->pos++;
                break;
            }
        }
        return op == 0x62 ? xvcpu__x86_evex(d, out) : op == 0x8F ? xvcpu__x86_xop(d, out) : xvcpu__x86_vex(d, out);
    default:
        d->pos++;
        break;
    }
    out->map = (uint8_t)map;
    out->opcode = (uint8_t)op;

    /* The opcode's attributes. */
    switch (map) {
    case 0: cls = xvcpu__x86_class(xvcpu__x86_map0[op]); break;
    case 1:
        cls = xvcpu__x86_class(xvcpu__x86_map1[op]);
        pfx = xvcpu__x86_pfx1;
        if (op == 0x0F) {                                 /* 3DNow!: 0F 0F /r ib, the ib selects the instruction */
            cls = XVCPU__XF_MODRM | (XVCPU__IMM_B << XVCPU__XF_IMM_SHIFT);
            pfx = NULL;
        }
        break;
    case 2:
        cls = xvcpu__x86_class(xvcpu__x86_map2[op]);
        pfx = xvcpu__x86_pfx2;
        break;
    default:
        cls = xvcpu__x86_pfx3[op] == '.' ? XVCPU__XF_BAD : XVCPU__XF_MODRM | (XVCPU__IMM_B << XVCPU__XF_IMM_SHIFT);
        if (op == 0xF0)
            cls |= XVCPU__XF_CHECK;
        pfx = xvcpu__x86_pfx3;
        break;
    }
    if ((cls & XVCPU__XF_BAD) || ((cls & XVCPU__XF_I64) && d->mode == 8))
        return XVCPU_X86_DECODE_INVALID;
    if (pfx != NULL && ((xvcpu__x86_digit(pfx[op]) >> d->mp) & 1) == 0)
        return XVCPU_X86_DECODE_INVALID;
    imm_kind = (cls >> XVCPU__XF_IMM_SHIFT) & 15;
    has_modrm = (cls & XVCPU__XF_MODRM) != 0;

    if (has_modrm) {
        if ((st = xvcpu__x86_need(d, 1)) != XVCPU_X86_DECODE_OK)
            return st;
        modrm = d->code[d->pos++];
        out->modrm = modrm;
        if (cls & XVCPU__XF_NOMOD)
            modrm |= 0xC0;
        if (((cls & XVCPU__XF_MEM) && (modrm >> 6) == 3) || ((cls & XVCPU__XF_REG) && (modrm >> 6) != 3))
            return XVCPU_X86_DECODE_INVALID;
        if ((cls & XVCPU__XF_CHECK) && !xvcpu__x86_check(d, map, op, modrm, &imm_kind))
            return XVCPU_X86_DECODE_INVALID;
    }
    if (d->lock && !(has_modrm && xvcpu__x86_lock_ok(d, map, op, modrm, cls)))
        return XVCPU_X86_DECODE_INVALID;                  /* #UD: SDM Vol. 2A "LOCK" */
    if (has_modrm && (modrm >> 6) != 3 && (st = xvcpu__x86_mem(d, modrm, out)) != XVCPU_X86_DECODE_OK)
        return st;
    imm_bytes = xvcpu__x86_imm_size(d, imm_kind);
    if ((st = xvcpu__x86_need(d, imm_bytes)) != XVCPU_X86_DECODE_OK)
        return st;
    imm = xvcpu__x86_take(d, imm_bytes);
    if (map == 1 && op == 0x0F) {
        out->encoding = XVCPU_X86_ENC_3DNOW;
        out->opcode = (uint8_t)imm;
        return xvcpu__x86_3dnow_ok((uint8_t)imm) ? XVCPU_X86_DECODE_UNSUPPORTED : XVCPU_X86_DECODE_INVALID;
    }
    if (cls & XVCPU__XF_UD) {
        out->length = (uint8_t)d->pos;                    /* UD0/UD1/UD2: #UD by definition, length known */
        return XVCPU_X86_DECODE_INVALID;
    }
    if (map == 0 && imm_kind == XVCPU__IMM_MOFFS) {
        out->has_mem = true;                              /* moffs: an offset, no base or index */
        out->disp = (int64_t)imm;
        out->seg = d->seg != 0xFF ? d->seg : 3;
        imm_bytes = 0;
    }
    return xvcpu__x86_mmio(d, map, op, modrm, imm, imm_bytes, out);
}

XVCPU_DEF xvcpu_x86_decode_status xvcpu_x86_decode(const uint8_t *code, unsigned avail, unsigned code_bytes,
                                                   xvcpu_x86_insn *out)
{
    xvcpu__x86_dec d;
    xvcpu_x86_decode_status st;

    out->length = 0;
    out->op = XVCPU_X86_OP_NONE;
    out->op_bytes = out->addr_bytes = out->mem_bytes = 0;
    out->has_mem = out->mem_is_dest = out->rip_relative = false;
    out->base = out->index = -1;
    out->scale = 1;
    out->disp = 0;
    out->seg = 3;
    out->reg = -1;
    out->has_imm = out->imm_is_src = false;
    out->imm = 0;
    out->rep = 0;
    out->lock = out->mem_to_reg = false;
    out->map = out->opcode = out->modrm = 0;
    out->encoding = XVCPU_X86_ENC_LEGACY;
    out->rex = 0;
    if (code_bytes != 2 && code_bytes != 4 && code_bytes != 8)
        return XVCPU_X86_DECODE_INVALID;

    d.code = code;
    d.avail = code != NULL ? avail : 0;
    d.pos = 0;
    d.mode = code_bytes;
    d.osz = d.asz = d.mp = 0;
    d.rex = d.rep = 0;
    d.seg = 0xFF;
    d.p66 = d.p67 = d.lock = false;
    d.rxb = 0;
    d.vsib = false;
    st = xvcpu__x86_decode(&d, out);
    if (st == XVCPU_X86_DECODE_OK || st == XVCPU_X86_DECODE_UNSUPPORTED)
        out->length = (uint8_t)d.pos;
    else
        out->op = XVCPU_X86_OP_NONE;
    return st;
}

XVCPU_DEF const char *xvcpu_x86_decode_status_name(xvcpu_x86_decode_status s)
{
    switch (s) {
    case XVCPU_X86_DECODE_OK: return "OK";
    case XVCPU_X86_DECODE_UNSUPPORTED: return "UNSUPPORTED";
    case XVCPU_X86_DECODE_INVALID: return "INVALID";
    case XVCPU_X86_DECODE_TRUNCATED: return "TRUNCATED";
    }
    return "(bad decode status)";
}

XVCPU_DEF const char *xvcpu_x86_op_name(xvcpu_x86_op op)
{
    static const char *const names[] = { "NONE", "ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP", "TEST",
                                          "BT", "BTS", "BTR", "BTC", "MOV", "MOVZX", "MOVSX", "MOVSXD", "MOVS",
                                          "STOS", "XCHG", "VMOV" };
    if ((unsigned)op < sizeof names / sizeof names[0])
        return names[op];
    return "(bad op)";
}

XVCPU_DEF uint64_t xvcpu_x86_insn_offset(const xvcpu_x86_insn *insn, const uint64_t gpr[16], uint64_t rip)
{
    uint64_t off, mask = insn->addr_bytes >= 8 ? ~0ull : (1ull << (8 * insn->addr_bytes)) - 1;
    if (!insn->has_mem)
        return 0;
    off = (uint64_t)insn->disp;
    if (insn->rip_relative)
        off += rip + insn->length;
    if (insn->base >= 0 && insn->base < 16)
        off += gpr[insn->base];
    if (insn->index >= 0 && insn->index < 16)
        off += gpr[insn->index] * insn->scale;
    /* BT/BTS/BTR/BTC r/m, r: the bit offset is signed and selects an operand-sized word (SDM Vol. 2A "BT"). */
    if (insn->map == 1 && insn->encoding == XVCPU_X86_ENC_LEGACY && insn->reg >= 0 && insn->reg < 16 &&
        (insn->op == XVCPU_X86_OP_BT || insn->op == XVCPU_X86_OP_BTS || insn->op == XVCPU_X86_OP_BTR ||
         insn->op == XVCPU_X86_OP_BTC) && !insn->has_imm) {
        unsigned bits = 8u * insn->op_bytes;
        int64_t bitoff = (int64_t)xvcpu__x86_sext(gpr[insn->reg], insn->op_bytes, 8);
        /* arithmetic shift: floor division by the operand width, then back to bytes */
        off += (uint64_t)((bitoff >> (bits == 16 ? 4 : bits == 32 ? 5 : 6)) * (int64_t)insn->op_bytes);
    }
    return off & mask;
}
