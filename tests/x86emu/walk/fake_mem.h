/* A fake guest-physical memory for the page-walker tests: RAM is [0, size); every callback is
 * checked (length 4 or 8, naturally aligned, inside RAM or refused) and logged. */
#ifndef TESTS_WALK_FAKE_MEM_H
#define TESTS_WALK_FAKE_MEM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_MEM_LOG 16

typedef struct fake_mem {
    xvcpu_x86_guest_memory iface;
    uint8_t *ram;
    uint64_t size;
    uint64_t set_fail_gpa; /* set_bits refuses this entry (as if it were not RAM); ~0 = none */
    unsigned reads, sets;  /* calls since the last reset */
    unsigned bad_calls;    /* callbacks with a length or alignment the walker must never use */
    uint64_t read_gpa[FAKE_MEM_LOG], read_val[FAKE_MEM_LOG]; /* read_val: what a successful read gave */
    unsigned read_len[FAKE_MEM_LOG];
    uint64_t set_gpa[FAKE_MEM_LOG], set_bits[FAKE_MEM_LOG];
    unsigned set_len[FAKE_MEM_LOG];
} fake_mem;

static bool fake_mem_read(void *ctx, uint64_t gpa, void *buf, unsigned len)
{
    fake_mem *fm = (fake_mem *)ctx;
    unsigned n = fm->reads++;
    uint64_t v = 0;
    if (n < FAKE_MEM_LOG) {
        fm->read_gpa[n] = gpa;
        fm->read_len[n] = len;
        fm->read_val[n] = ~0ull;
    }
    if ((len != 4 && len != 8) || (gpa & (len - 1)) != 0) {
        fm->bad_calls++;
        return false;
    }
    if (gpa >= fm->size || fm->size - gpa < len)
        return false;
    memcpy(buf, fm->ram + gpa, len);
    memcpy(&v, fm->ram + gpa, len);
    if (n < FAKE_MEM_LOG)
        fm->read_val[n] = v;
    return true;
}

static bool fake_mem_set_bits(void *ctx, uint64_t gpa, unsigned len, uint64_t bits)
{
    fake_mem *fm = (fake_mem *)ctx;
    if (fm->sets < FAKE_MEM_LOG) {
        fm->set_gpa[fm->sets] = gpa;
        fm->set_len[fm->sets] = len;
        fm->set_bits[fm->sets] = bits;
    }
    fm->sets++;
    if ((len != 4 && len != 8) || (gpa & (len - 1)) != 0 || (len == 4 && (bits >> 32) != 0)) {
        fm->bad_calls++;
        return false;
    }
    if (gpa >= fm->size || fm->size - gpa < len || gpa == fm->set_fail_gpa)
        return false;
    if (len == 4) {
        uint32_t v;
        memcpy(&v, fm->ram + gpa, 4);
        v |= (uint32_t)bits;
        memcpy(fm->ram + gpa, &v, 4);
    } else {
        uint64_t v;
        memcpy(&v, fm->ram + gpa, 8);
        v |= bits;
        memcpy(fm->ram + gpa, &v, 8);
    }
    return true;
}

static void fake_mem_init(fake_mem *fm, uint64_t size)
{
    memset(fm, 0, sizeof(*fm));
    fm->ram = (uint8_t *)calloc(1, (size_t)size);
    if (fm->ram == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    fm->size = size;
    fm->set_fail_gpa = ~0ull;
    fm->iface.ctx = fm;
    fm->iface.read = fake_mem_read;
    fm->iface.set_bits = fake_mem_set_bits;
}

static void fake_mem_reset_log(fake_mem *fm)
{
    fm->reads = fm->sets = 0;
}

static __attribute__((unused)) void put64(fake_mem *fm, uint64_t gpa, uint64_t v)
{
    memcpy(fm->ram + gpa, &v, 8);
}

static __attribute__((unused)) void put32(fake_mem *fm, uint64_t gpa, uint32_t v)
{
    memcpy(fm->ram + gpa, &v, 4);
}

static __attribute__((unused)) uint64_t get64(const fake_mem *fm, uint64_t gpa)
{
    uint64_t v;
    memcpy(&v, fm->ram + gpa, 8);
    return v;
}

static __attribute__((unused)) uint32_t get32(const fake_mem *fm, uint64_t gpa)
{
    uint32_t v;
    memcpy(&v, fm->ram + gpa, 4);
    return v;
}

#endif
