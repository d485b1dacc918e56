/* A second translation unit that includes only the declarations; linking it with impl.c proves
 * the header defines each public symbol once. */
#include "../../xvcpu.h"

int compile_test_user(void);
int compile_test_user(void)
{
    xvcpu_vmx_ctl_result r = xvcpu_vmx_ctl_adjust(0xFFull << 32, false, 1, 2);
    return (int)r.value + (xvcpu_strerror(XVCPU_OK)[0] == 'o') + (int)sizeof(xvcpu_vmcb) +
           (xvcpu_vmx_exit_reason_name(XVCPU_VMX_EXIT_CPUID) != NULL);
}
