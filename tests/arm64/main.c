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

#include "../runner.h"
XVCPU_TEST_MAIN("arm64-unit", ARM64_TESTS)
