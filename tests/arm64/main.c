/* Host unit tests of the arm64 backend on a software EL2 machine (soft_a64.*) and the neutral
 * layer's mock HAL (tests/unit/mock.c). One translation unit, built with ASan and UBSan; ends with
 * "N passed, N failed". `build/arm64_unit <substring>` runs the matching tests only. */
#define XVCPU_IMPLEMENTATION
#include "soft_a64.h"
#define TESTS_SOFT_MACHINE_H /* tests/unit/mock.h would pull in the VMX model */
#include "../../xvcpu.h"
#include "../unit/check.h"

int check_failures;

#include "soft_a64.c"
#include "../unit/mock.c"
#include "test_arm64.c"

static const struct { const char *name; void (*fn)(void); } tests[] = {
#define X(name) { #name, name },
    ARM64_TESTS(X)
#undef X
};

int main(int argc, char **argv)
{
    unsigned i, passed = 0, failed = 0;
    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        if (argc > 1 && strstr(tests[i].name, argv[1]) == NULL)
            continue;
        check_failures = 0;
        tests[i].fn();
        if (check_failures == 0) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s (%d failed checks)\n", tests[i].name, check_failures);
        }
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
