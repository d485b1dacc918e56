/* What examples/common/vmm.c needs from minihv: its types, printf and string functions, xvcpu.h. */
#ifndef MINIHV_VMM_PLATFORM_H
#define MINIHV_VMM_PLATFORM_H
#include "kernel.h"
#include "../../xvcpu.h"
#define VMM_MEMCMP kmemcmp
#define VMM_MEMCPY kmemcpy
#define VMM_STRCMP kstrcmp
#endif
