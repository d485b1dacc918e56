/* The skeleton's minihv_main: does nothing and passes. A strong minihv_main in one of
 * MINIHV_EXTRA_SRCS replaces it. Kept in its own file so the compiler cannot inline it into kmain. */
#include "kernel.h"

__attribute__((weak)) int minihv_main(void)
{
    return 0;
}
