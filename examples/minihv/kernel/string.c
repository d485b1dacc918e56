/* memset/memcpy/memmove/memcmp: gcc emits calls to these even with -ffreestanding.
 * The rep-string forms keep gcc from turning a byte loop back into a call to ourselves, and
 * emulators execute them fast; whole quadwords when we can, as Bochs counts every iteration. */
#include "kernel.h"

void *memset(void *d, int c, size_t n)
{
    void *p = d;
    size_t q = n / 8, r = n % 8;
    uint64_t v = 0x0101010101010101ull * (uint8_t)c;

    __asm__ volatile("rep stosq; mov %3, %%rcx; rep stosb" : "+D"(p), "+c"(q) : "a"(v), "r"(r) : "memory");
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    void *p = d;
    size_t q = n / 8, r = n % 8;

    __asm__ volatile("rep movsq; mov %3, %%rcx; rep movsb" : "+D"(p), "+S"(s), "+c"(q) : "r"(r) : "memory");
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (dp <= sp || dp >= sp + n)
        return memcpy(d, s, n);
    /* overlapping with d above s: copy backwards (DF=1), then restore DF=0 as the ABI wants */
    dp += n - 1;
    sp += n - 1;
    __asm__ volatile("std; rep movsb; cld" : "+D"(dp), "+S"(sp), "+c"(n) : : "memory");
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}
