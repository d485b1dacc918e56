/* A software EL2 machine for the arm64 backend's host tests: system registers in an array indexed
 * by their number, TLB maintenance and AT recorded, and a scripted guest behind XVCPU_A64_ENTER
 * (each entry runs the next step, which sets the syndrome registers and returns the exit kind). */
#ifndef TESTS_SOFT_A64_H
#define TESTS_SOFT_A64_H

#include <stdint.h>
#include <stdbool.h>

struct xvcpu_arm64_ctx;
struct xvcpu_arm64_fp;

typedef int (*soft_a64_step)(struct xvcpu_arm64_ctx *ctx);

typedef struct soft_a64 {
    uint64_t sysreg[65536];
    uint64_t at_offset;        /* stage 1 with the MMU on: IPA = VA - at_offset */
    bool at_fault;
    int tlbi_vmalls12, tlbi_ipas2, tlbi_vmalle1, tlbi_alle1;
    uint64_t tlbi_ipa[64];
    soft_a64_step steps[32];
    int nsteps, next, entries;
    uint64_t hcr_at_entry[32], vttbr_at_entry[32], pc_at_entry[32], pstate_at_entry[32], vbar_at_entry[32];
    int fp_saves, fp_restores;
    int lean_reentries;        /* entries made by the lean exit handler, not the run loop */
    uint64_t tpidr_at_entry[32];
    int el2_vector;            /* a step that returns XVCPU_ARM64_ENTER_EL2_FAULT: the vector taken */
    int lean_wrote_unsaved;    /* the lean handler wrote one of X20-X29 in ctx (lost on hardware) */
    int lean_changed_pstate;   /* it re-entered with another PSTATE (SPSR_EL2 is not reloaded) */
} soft_a64;

extern soft_a64 soft;

uint64_t soft_a64_read(uint32_t reg);
void soft_a64_write(uint32_t reg, uint64_t v);
void soft_a64_tlbi(int kind, uint64_t arg);
uint64_t soft_a64_at(uint64_t va);
int soft_a64_enter(struct xvcpu_arm64_ctx *ctx);
void soft_a64_fp(struct xvcpu_arm64_fp *fp, bool save);
void soft_a64_reset(void);

#define XVCPU_A64_READ(reg) soft_a64_read(XVCPU_SYSREG_##reg)
#define XVCPU_A64_WRITE(reg, v) soft_a64_write(XVCPU_SYSREG_##reg, (v))
#define XVCPU_A64_ISB() ((void)0)
#define XVCPU_A64_DSB_ISH() ((void)0)
#define XVCPU_A64_TLBI_VMALLS12E1IS() soft_a64_tlbi(1, 0)
#define XVCPU_A64_TLBI_IPAS2E1IS(ipa) soft_a64_tlbi(2, (ipa))
#define XVCPU_A64_TLBI_VMALLE1IS() soft_a64_tlbi(3, 0)
#define XVCPU_A64_TLBI_ALLE1IS() soft_a64_tlbi(4, 0)
#define XVCPU_A64_AT_S1E1R(va) soft_a64_at(va)
#define XVCPU_A64_AT_S1E1W(va) soft_a64_at(va)
#define XVCPU_A64_ENTER(ctx) soft_a64_enter(ctx)
#define XVCPU_A64_FP_SAVE(fp) soft_a64_fp((fp), true)
#define XVCPU_A64_FP_RESTORE(fp) soft_a64_fp((fp), false)
#define SOFT_A64_VECTORS 0xFFFF800000010800ull
#define SOFT_A64_POISON 0x5050505050500000ull /* X20-X29 in ctx while the lean handler runs */
#define XVCPU_A64_VECTORS() SOFT_A64_VECTORS

#endif
