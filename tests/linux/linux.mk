# minihv boots Debian's Linux kernel (issue 10); included by the top-level Makefile.
#
#   make linux-images   build/linux/: vmlinux, initrd.cpio (tests/linux/fetch.sh; apt-get download
#                       once, then cached)
#   make e2e-linux      the boot under QEMU SVM, Bochs VMX and Bochs SVM: `PASS|FAIL <backend> linux`
#                       each, and with two vCPUs on each (`linux-smp`), transcripts checked
#                       (tests/linux/run.sh); about 4-5 minutes wall in all
#   make bench-linux    the same runs' `bench: linux.<backend>.boot_exits` and wall time
#   make demo-linux     the boot under QEMU SVM, console shown (BACKEND=vmx: Bochs VMX); also
#                       `make demo GUEST=linux`

.PHONY: linux-images e2e-linux bench-linux demo-linux
E2E_TARGETS += e2e-linux
BENCH_TARGETS += bench-linux

linux-images:
	tests/linux/fetch.sh

# One line per backend; the bench lines go to build/linux/bench.txt for bench-linux.
e2e-linux:
	@{ rc=0; mkdir -p $(BUILD); : >$(BUILD)/linux-bench.tmp; \
	for b in svm-qemu vmx-bochs svm-bochs "svm-qemu smp" "vmx-bochs smp" "svm-bochs smp"; do \
		tests/linux/run.sh $$b >$(BUILD)/linux-run.out 2>&1 || rc=1; \
		grep -v '^bench: ' $(BUILD)/linux-run.out; grep '^bench: ' $(BUILD)/linux-run.out >>$(BUILD)/linux-bench.tmp; \
	done; \
	mv $(BUILD)/linux-bench.tmp $(BUILD)/linux-bench.txt; echo "runner-exit $$rc"; } | tests/e2e/count.sh linux

bench-linux: e2e-linux
	@cat $(BUILD)/linux-bench.txt

demo-linux:
	@b=$$(test "$(BACKEND)" = vmx && echo vmx-bochs || echo svm-qemu); \
	tests/linux/run.sh $$b >$(BUILD)/linux-demo.out 2>&1; rc=$$?; \
	sed 's/^/  | /' build/linux/run/$$b/run/console.txt; cat $(BUILD)/linux-demo.out; exit $$rc
