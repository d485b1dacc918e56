/* A minimal test harness: CHECK_* record a failure with file:line and keep going; each test is
 * a function listed in main.c. The runner ends with "N passed, N failed". */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>
#include <string.h>
#include <inttypes.h>

extern int check_failures; /* failures in the current test */

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);           \
            check_failures++;                                                            \
        }                                                                                \
    } while (0)

#define CHECK_EQ(a, b)                                                                   \
    do {                                                                                 \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);  \
        if (a_ != b_) {                                                                  \
            printf("  %s:%d: %s == %s: 0x%llx != 0x%llx\n", __FILE__, __LINE__, #a, #b, a_, b_); \
            check_failures++;                                                            \
        }                                                                                \
    } while (0)

#define CHECK_STR(a, b)                                                                  \
    do {                                                                                 \
        const char *a_ = (a), *b_ = (b);                                                 \
        if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                           \
            printf("  %s:%d: %s:\n    got      \"%s\"\n    expected \"%s\"\n", __FILE__, \
                   __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                \
            check_failures++;                                                            \
        }                                                                                \
    } while (0)

#endif
