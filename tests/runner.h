/* The one host test runner, shared by every host suite (unit, svm, arm64, lapic): the tests of an
 * X-macro list run in order - or only those whose name contains argv[1] - and a test fails when
 * any of its checks does (check.h counts them). Ends with the suite's own line
 * "<suite>: N passed, N failed"; exit status 0 only if all passed.
 *   #include "check.h" ... the test files ...
 *   #include "runner.h"
 *   XVCPU_TEST_MAIN("unit", ALL_TESTS)      (ALL_TESTS(X) expands X(test_name) for each test) */
#ifndef TESTS_RUNNER_H
#define TESTS_RUNNER_H

#include <stdio.h>
#include <string.h>

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;

static int run_tests(const char *suite, const test_case *tests, size_t count, int argc, char **argv)
{
    unsigned passed = 0, failed = 0;
    size_t i;
    for (i = 0; i < count; i++) {
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
    printf("%s: %u passed, %u failed\n", suite, passed, failed);
    return failed == 0 ? 0 : 1;
}

#define XVCPU__TEST_ENTRY(fn) { #fn, fn },
#define XVCPU_TEST_MAIN(suite, LIST)                                                   \
    static const test_case all_tests[] = { LIST(XVCPU__TEST_ENTRY) };                   \
    int main(int argc, char **argv)                                                    \
    {                                                                                  \
        return run_tests(suite, all_tests, sizeof(all_tests) / sizeof(all_tests[0]), argc, argv); \
    }

#endif
