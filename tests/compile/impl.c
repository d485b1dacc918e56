/* The implementation translation unit of the compile tests: everything, used a little. */
#define XVCPU_IMPLEMENTATION
#include "../../xvcpu.h"
#include "../../xvcpu.h" /* including twice is harmless */

int compile_test_impl(xvcpu_vcpu *vcpu, xvcpu_exit *exit);
int compile_test_impl(xvcpu_vcpu *vcpu, xvcpu_exit *exit)
{
    xvcpu_err err = xvcpu_vcpu_run(vcpu, exit);
    if (err != XVCPU_OK)
        return (int)err;
    return exit->kind == XVCPU_EXIT_IO_READ ? (int)xvcpu_complete_io_read(vcpu, 0) : 0;
}
