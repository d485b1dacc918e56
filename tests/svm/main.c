/* Host unit tests of the SVM backend on a software SVM model (soft_svm.*) and the neutral layer's
 * mock HAL (tests/unit/mock.c). One translation unit, built with ASan and UBSan; ends with
 * "N passed, N failed". `build/svm_unit <substring>` runs the matching tests only. */
#define XVCPU_IMPLEMENTATION
/* the library's own invariants, checked in every test (a broken one stops the run) */
#define XVCPU_ASSERT(cond) ((cond) ? (void)0 : __builtin_trap())
#include "soft_svm.h"
#define TESTS_SOFT_MACHINE_H /* tests/unit/mock.h would pull in the VMX model */
#include "../../xvcpu.h"
#include "../unit/check.h"

int check_failures;

#include "soft_svm.c"
#include "../unit/mock.c"
#include "test_svm.c"
#include "test_vmrun_check.c"
#include "test_svm_fail_paths.c"

#define SVM_ALL_TESTS(X)               \
    SVM_TESTS(X)                       \
    X(test_svm_vmrun_check_each)       \
    X(test_svm_dump)                   \
    X(test_svm_fail_each_allocation)   \
    X(test_svm_fail_vmrun_then_usable) \
    X(test_svm_ten_thousand_cycles)

#include "../runner.h"
XVCPU_TEST_MAIN("svm-unit", SVM_ALL_TESTS)
