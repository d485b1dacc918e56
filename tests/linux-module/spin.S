/* spin: a hostile guest for the Linux module's test (tests/linux-module/run.sh), not one of the
 * test guests of tests/guest/: it never exits on its own. Only the host's interrupts end its
 * slices; the module's time limit must stop it, with the host still scheduling meanwhile. */
#include "common.inc"

    GUEST_HEADER GUEST_MODE_PROTECTED, entry
    .code32
entry:
1:  jmp 1b
