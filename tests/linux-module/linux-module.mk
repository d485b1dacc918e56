# xvcpu inside a Linux kernel module (examples/linux-module/); included by the top-level Makefile.
#
#   make linux-module       fetch Debian's 6.1 kernel, headers and busybox into build/linux/
#                           (apt-get download, once) and build build/linux-module/xvcpu_demo/xvcpu_demo.ko
#   make e2e-svm-linux      boot that kernel under QEMU TCG (SVM) and run every guest inside Linux
#                           through the module, then 100 reloads, the KVM refusal and the SVM-off check
#                           (tests/linux-module/run.sh); part of `make e2e` and `make test`

.PHONY: linux-module e2e-svm-linux

E2E_TARGETS += e2e-svm-linux

linux-module:
	@tests/linux-module/build.sh

e2e-svm-linux:
	tests/linux-module/run.sh
