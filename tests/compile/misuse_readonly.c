/* Must NOT compile: exit-information fields are read-only and have no writer. */
#include "../../xvcpu.h"

int compile_test_misuse(void);
int compile_test_misuse(void)
{
    return xvcpu_vmcs_write_exit_qualification(0);
}
