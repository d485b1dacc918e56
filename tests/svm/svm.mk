# The SVM backend's suites; included by the top-level Makefile (paths from the repository root).
#
#   make e2e-svm        every guest under QEMU TCG (-cpu qemu64,+svm,+npt) and Bochs (ryzen), at once
#   make bench-svm      `bench: svm.cpuid_roundtrip_ticks`, guest-measured under QEMU -icount shift=0
#   make demo           a guest under the SVM backend in QEMU: its output and the exit statistics
#                       (DEMO_GUEST=io; BACKEND=vmx runs it under the VMX backend in Bochs)

.PHONY: e2e-svm bench-svm demo

E2E_TARGETS += e2e-svm
BENCH_TARGETS += bench-svm

e2e-svm:
	tests/e2e/run_svm_all.sh

bench-svm:
	@tests/e2e/bench_svm_qemu.sh

BACKEND ?= svm
DEMO_GUEST ?= modes
demo:
	@tests/e2e/run_svm_demo.sh $(BACKEND) $(DEMO_GUEST)
