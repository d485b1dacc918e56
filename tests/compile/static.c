/* XVCPU_STATIC: every function private to this file, no unused-function warnings. */
#define XVCPU_STATIC
#define XVCPU_IMPLEMENTATION
#include "../../xvcpu.h"

int compile_test_static(void);
int compile_test_static(void)
{
    return xvcpu_percpu_is_enabled(NULL);
}
