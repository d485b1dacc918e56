/* Decoder speed: ns per instruction for xvcpu and for Zydis 4 (ZydisDecoderDecodeFull) on the same
 * corpus, in one run. The corpus is real compiler output: this program's own machine code, swept
 * linearly from its first executable byte (64-bit mode), plus the MMIO-set forms a guest driver
 * uses. A figure to minimise, never an assertion. */
#define XVCPU_IMPLEMENTATION
#define XVCPU_STATIC
#include "../../../xvcpu.h"

#include <Zydis/Zydis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const char __executable_start[], etext[]; /* GNU ld: the text segment */

#define MAX_INSNS 200000

static const uint8_t *insn_at[MAX_INSNS];
static unsigned insn_avail[MAX_INSNS], n_insns;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static const uint8_t mmio_forms[][8] = {
    { 3, 0x89, 0x47, 0x10 }, { 2, 0x8B, 0x07 }, { 4, 0x48, 0x8B, 0x47, 0x08 }, { 3, 0xC7, 0x07, 0x01 },
    { 3, 0x0F, 0xB6, 0x07 }, { 2, 0x85, 0x07 }, { 3, 0x83, 0x0F, 0x01 }, { 4, 0xC5, 0xF8, 0x11, 0x07 },
};

int main(void)
{
    const uint8_t *p = (const uint8_t *)__executable_start, *end = (const uint8_t *)etext;
    ZydisDecoder zd;
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand zo[ZYDIS_MAX_OPERAND_COUNT];
    xvcpu_x86_insn xi;
    double t0, t1, xvcpu_ns, zydis_ns;
    unsigned i, pass, passes, sink = 0;

    /* the corpus: every instruction boundary of a linear sweep that both decoders accept */
    ZydisDecoderInit(&zd, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    while (p < end && n_insns < MAX_INSNS) {
        unsigned avail = (unsigned)(end - p) < 15 ? (unsigned)(end - p) : 15;
        xvcpu_x86_decode_status st = xvcpu_x86_decode(p, avail, 8, &xi);
        if ((st == XVCPU_X86_DECODE_OK || st == XVCPU_X86_DECODE_UNSUPPORTED) &&
            ZYAN_SUCCESS(ZydisDecoderDecodeFull(&zd, p, avail, &zi, zo)) && zi.length == xi.length) {
            insn_at[n_insns] = p;
            insn_avail[n_insns++] = avail;
            p += xi.length;
        } else {
            p++;
        }
    }
    for (i = 0; i < sizeof mmio_forms / sizeof mmio_forms[0] && n_insns < MAX_INSNS; i++) {
        insn_at[n_insns] = &mmio_forms[i][1];
        insn_avail[n_insns++] = mmio_forms[i][0];
    }
    if (n_insns < 1000) {
        fprintf(stderr, "decode-bench: corpus too small (%u instructions)\n", n_insns);
        return 1;
    }
    passes = 2000000u / n_insns + 1;

    t0 = now();
    for (pass = 0; pass < passes; pass++)
        for (i = 0; i < n_insns; i++) {
            xvcpu_x86_decode(insn_at[i], insn_avail[i], 8, &xi);
            sink += xi.length;
        }
    t1 = now();
    xvcpu_ns = (t1 - t0) / ((double)passes * n_insns);

    t0 = now();
    for (pass = 0; pass < passes; pass++)
        for (i = 0; i < n_insns; i++) {
            ZydisDecoderDecodeFull(&zd, insn_at[i], insn_avail[i], &zi, zo);
            sink += zi.length;
        }
    t1 = now();
    zydis_ns = (t1 - t0) / ((double)passes * n_insns);

    if (sink == 0)
        fprintf(stderr, "decode-bench: empty corpus\n");
    printf("bench: decode.ns_per_insn.xvcpu %.1f ns\n", xvcpu_ns);
    printf("bench: decode.ns_per_insn.zydis %.1f ns\n", zydis_ns);
    return 0;
}
