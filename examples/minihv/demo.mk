# `make demo`: minihv runs one guest of tests/guest/ and shows the guest's output, every exit
# the VMM saw and the exit-statistics tables. Included by the top-level Makefile.
#   make demo                       the SVM backend under QEMU TCG (-cpu qemu64,+svm,+npt)
#   make demo BACKEND=vmx           the VMX backend under Bochs (corei7_icelake_u)
#   make demo DEMO_GUEST=io         another guest (tests/guest/<name>.S)
#   make demo GUEST=linux           minihv boots Debian's Linux kernel (tests/linux/linux.mk)

.PHONY: demo
BACKEND ?= svm
DEMO_GUEST ?= modes
demo:
	@if [ "$(GUEST)" = linux ]; then $(MAKE) -s demo-linux; else examples/minihv/demo.sh $(BACKEND) $(DEMO_GUEST); fi
