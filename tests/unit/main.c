/* The host unit-test runner. One translation unit (it includes the test files), so tests reach
 * the library's private helpers too; built with ASan and UBSan. Ends with "N passed, N failed". */
#define XVCPU_IMPLEMENTATION
/* the library's own invariants, checked in every test (a broken one stops the run) */
#define XVCPU_ASSERT(cond) ((cond) ? (void)0 : __builtin_trap())
#include "soft_machine.h"
#include "../../xvcpu.h"
#include "check.h"

int check_failures;

#include "soft_machine.c"
#include "mock.c"
#include "test_gen.c"
#include "test_ctl.c"
#include "test_state.c"
#include "test_complete.c"
#include "test_vmx.c"
#include "test_vmx_state.c"
#include "test_rip_exact.c"
#include "test_mmio.c"
#include "test_stage2.c"
#include "test_entry_check.c"
#include "test_fail_paths.c"

#define ALL_TESTS(X)                              \
    X(test_vmcs_accessor_widths)                  \
    X(test_vmcs_read_only_has_no_writer_at_runtime) \
    X(test_generated_names)                       \
    X(test_vmcb_layout)                           \
    X(test_ctl_adjust_vectors)                    \
    X(test_ctl_bochs_icelake)                     \
    X(test_ctl_true_msr_choice)                   \
    X(test_state_machine_matrix)                  \
    X(test_state_running_refuses_everything)      \
    X(test_state_backend_failure_keeps_state)     \
    X(test_state_setup_arguments)                 \
    X(test_percpu_lifecycle)                      \
    X(test_percpu_no_backend)                     \
    X(test_names)                                 \
    X(test_complete_io_read_widths)               \
    X(test_complete_wrong_kind)                   \
    X(test_complete_sysreg_read_edx_eax)          \
    X(test_complete_mmio_read_extension)          \
    X(test_complete_string_io)                    \
    X(test_complete_implicit_and_hypercall)       \
    X(test_complete_fault_and_system_down)        \
    X(test_rsp_goes_through_backend)              \
    X(test_inject_rules)                          \
    X(test_vmx_enable_checks)                     \
    X(test_vmx_vmcs_setup)                        \
    X(test_vmx_cpuid_exit)                        \
    X(test_vmx_cpuid_leaves)                      \
    X(test_vmx_xsetbv)                            \
    X(test_vmx_cr0_long_mode_switch)              \
    X(test_vmx_io_exits)                          \
    X(test_vmx_msr_exits)                         \
    X(test_vmx_ept_violation_and_failed_entry)    \
    X(test_vmx_injection_windows)                 \
    X(test_vmx_unknown_exit_named)                \
    X(test_vmx_external_interrupt_keeps_rip)      \
    X(test_vmx_syscall_msrs_switched)             \
    X(test_vmx_vpid_flush_on_cpu_change)          \
    X(test_vmx_cr2_kept_and_page_fault)           \
    X(test_vmx_software_interrupts)               \
    X(test_vmx_rip_exact_after_lengthless_exits)  \
    X(test_exception_combining)                   \
    X(test_mmio_region_api)                       \
    X(test_vmx_base_msrs_and_64bit_paging_off)    \
    X(test_mmio_mov_store_and_load)               \
    X(test_mmio_read_modify_write)                \
    X(test_mmio_cmp_reg_destination_and_xchg)     \
    X(test_mmio_rep_stos_one_element_per_pass)    \
    X(test_mmio_unsupported_and_invalid)          \
    X(test_mmio_code_not_in_ram)                  \
    X(test_mmio_bt_register_offset_and_movs)      \
    X(test_mmio_event_delivery_and_page_crossing) \
    X(test_mmio_stale_guest_translation)          \
    X(test_mmio_mode_reads_guest_pkru)            \
    X(test_stage2_init_and_eptp)                  \
    X(test_stage2_ept_page_sizes)                 \
    X(test_stage2_unaligned_ranges)               \
    X(test_stage2_page_sizes_respected)           \
    X(test_stage2_argument_checks)                \
    X(test_stage2_overlap_refused)                \
    X(test_stage2_unmap_splits)                   \
    X(test_stage2_protect)                        \
    X(test_stage2_partly_unmapped_refused)        \
    X(test_stage2_allocation_failure)             \
    X(test_stage2_destroy_frees_everything)       \
    X(test_stage2_npt_entries)                    \
    X(test_entry_check_each_field)                \
    X(test_entry_check_start_states_pass)         \
    X(test_vmx_dump_every_field)                  \
    X(test_fail_vmxon_and_vmxoff)                 \
    X(test_fail_vmptrld)                          \
    X(test_fail_each_vmwrite_at_bind)             \
    X(test_fail_invvpid_at_bind)                  \
    X(test_fail_vmclear_at_unbind)                \
    X(test_fail_vmlaunch_and_vmresume)            \
    X(test_fail_vmread_of_exit_reason)            \
    X(test_fail_each_vmread_in_run)               \
    X(test_fail_each_write_before_entry)          \
    X(test_fail_each_allocation)                  \
    X(test_fail_ten_thousand_cycles)

#include "../runner.h"
XVCPU_TEST_MAIN("unit", ALL_TESTS)
