/* Configuration, fixed-width types and small helpers every other part uses. */

/* XVCPU_NO_STDINT: the includer has already defined uint8_t .. uint64_t, int8_t .. int64_t,
 * uintptr_t, size_t, bool/true/false and NULL, for kernels built without the compiler's headers
 * (Linux's -nostdinc: include <linux/types.h> first). */
#ifndef XVCPU_NO_STDINT
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#endif
/* (The library uses no <stdint.h> limit macro such as UINT64_MAX, so it defines none either.) */

#define XVCPU_VERSION_MAJOR 0
#define XVCPU_VERSION_MINOR 1
#define XVCPU_VERSION_PATCH 0
#define XVCPU_VERSION ((XVCPU_VERSION_MAJOR << 16) | (XVCPU_VERSION_MINOR << 8) | XVCPU_VERSION_PATCH)
#define XVCPU_VERSION_STRING "0.1.0"

/* XVCPU_STATIC makes every public function static to the including translation unit. */
#ifndef XVCPU_DEF
#ifdef XVCPU_STATIC
#define XVCPU_DEF static __attribute__((__unused__))
#else
#define XVCPU_DEF extern
#endif
#endif

/* XVCPU_ASSERT guards the library's own invariants, never guest-controlled values: a guest
 * cannot reach one. The default compiles to nothing; define it to your kernel's assert. */
#ifndef XVCPU_ASSERT
#define XVCPU_ASSERT(cond) ((void)0)
#endif

/* Freestanding defaults that call nothing (compilers turn memset-like loops and large builtins
 * into calls to memset/memcpy, which a freestanding kernel may not have). On x86-64: rep stosb /
 * movsb. */
#if defined(__x86_64__)
static inline void xvcpu__memset(void *dst, int byte, size_t len)
{
    __asm__ volatile("rep stosb" : "+D"(dst), "+c"(len) : "a"(byte) : "memory");
}
static inline void xvcpu__memcpy(void *dst, const void *src, size_t len)
{
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(len) : : "memory");
}
#else
/* Elsewhere: loops through volatile pointers, which a compiler cannot turn back into calls to
 * memset/memcpy (8 bytes at a time where aligned). */
typedef uint64_t __attribute__((__may_alias__)) xvcpu__word;

static inline void xvcpu__memset(void *dst, int byte, size_t len)
{
    unsigned char *d = (unsigned char *)dst;
    uint64_t pattern = 0x0101010101010101ull * (unsigned char)byte;
    while (len > 0 && ((uintptr_t)d & 7u) != 0) {
        *(volatile unsigned char *)d++ = (unsigned char)byte;
        len--;
    }
    for (; len >= 32; d += 32, len -= 32) { /* 4 words a turn: a third of the loop's overhead */
        volatile xvcpu__word *w = (volatile xvcpu__word *)d;
        w[0] = pattern;
        w[1] = pattern;
        w[2] = pattern;
        w[3] = pattern;
    }
    for (; len >= 8; d += 8, len -= 8)
        *(volatile xvcpu__word *)d = pattern;
    while (len-- > 0)
        *(volatile unsigned char *)d++ = (unsigned char)byte;
}
static inline void xvcpu__memcpy(void *dst, const void *src, size_t len)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    if ((((uintptr_t)d | (uintptr_t)s) & 7u) == 0) {
        for (; len >= 32; d += 32, s += 32, len -= 32) {
            volatile xvcpu__word *w = (volatile xvcpu__word *)d;
            const volatile xvcpu__word *r = (const volatile xvcpu__word *)s;
            w[0] = r[0];
            w[1] = r[1];
            w[2] = r[2];
            w[3] = r[3];
        }
        for (; len >= 8; d += 8, s += 8, len -= 8)
            *(volatile xvcpu__word *)d = *(const volatile xvcpu__word *)s;
    }
    while (len-- > 0)
        *(volatile unsigned char *)d++ = *s++;
}
#endif
#ifndef XVCPU_MEMSET
#define XVCPU_MEMSET(dst, byte, len) xvcpu__memset((dst), (byte), (len))
#endif
#ifndef XVCPU_MEMCPY
#define XVCPU_MEMCPY(dst, src, len) xvcpu__memcpy((dst), (src), (len))
#endif

/* The few helpers of the exit hot paths, inlined whatever the compiler's heuristics say: each
 * one saves the calls, spills and the VMREAD-cache stores a round trip would otherwise pay. */
#define XVCPU__HOT static inline __attribute__((__always_inline__))
/* A branch the hot path almost never takes: its code goes out of line. */
#define XVCPU__UNLIKELY(cond) __builtin_expect(!!(cond), 0)
#define XVCPU__LIKELY(cond) __builtin_expect(!!(cond), 1)

/* How the entry trampolines return and where an indirect-branch target starts, as asm text.
 * A kernel with return thunks sets XVCPU_ASM_RET to its thunk ("jmp __x86_return_thunk; int3"
 * in Linux with CONFIG_RETHUNK); one with IBT sets XVCPU_ASM_ENDBR to "endbr64". The INT3 after
 * RET stops straight-line speculation past it. */
#ifndef XVCPU_ASM_RET
#define XVCPU_ASM_RET "ret\n\tint3"
#endif
#ifndef XVCPU_ASM_ENDBR
#define XVCPU_ASM_ENDBR ""
#endif

#if defined(__cplusplus)
#define XVCPU_STATIC_ASSERT(cond, name) static_assert(cond, #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define XVCPU_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
#define XVCPU_STATIC_ASSERT(cond, name) typedef char xvcpu__static_assert_##name[(cond) ? 1 : -1]
#endif

/* Read or replace a bit field given its generated name: XVCPU_FIELD_GET(XVCPU_CR_ACCESS_QUAL_GPR, q). */
#define XVCPU_FIELD_GET(field, value) (((uint64_t)(value) & field##_MASK) >> field##_SHIFT)
#define XVCPU_FIELD_SET(field, value, x) \
    (((uint64_t)(value) & ~field##_MASK) | (((uint64_t)(x) << field##_SHIFT) & field##_MASK))

#ifdef __cplusplus
extern "C" {
#endif
