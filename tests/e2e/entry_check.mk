# The VM-entry checkers against Bochs; included by the top-level Makefile (paths from the root).
#
#   make e2e-entry-check   one Bochs VMX boot tries every VMCS corruption of tests/unit/entry_cases.h,
#                          one Bochs SVM boot every VMCB corruption of tests/svm/vmrun_cases.h; each
#                          check xvcpu names is compared with the one Bochs logs (about 10 s)

.PHONY: e2e-entry-check

E2E_TARGETS += e2e-entry-check

e2e-entry-check:
	tests/e2e/run_entry_check_bochs.sh
