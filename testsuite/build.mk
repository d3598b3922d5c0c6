# make check: the whole testsuite, one report.  Kernel-level tests need the
# kernel's own GCC 12; the booted kernel image must be the exact version of
# the installed headers (vermagic), so it is installed by that name.
KERNEL_TESTS := $(filter 12,$(GCC_MAJOR))

.PHONY: check check-deps
check-deps:
	@scripts/deps.sh $(BUILD_PKGS) $(CHECK_PKGS) $(if $(KERNEL_TESTS),$(KERNEL_PKGS) $(QEMU_PKGS))
	@$(if $(KERNEL_TESTS),scripts/deps.sh linux-image-$$(scripts/kernel-version.sh))
check: check-deps all
	@SANITIZE=$(SANITIZE) KLP_TEST_KERNELS='$(KLP_TEST_KERNELS)' scripts/check.sh $(CC) $(PLUGIN) $(CHECKER) "$(if $(KERNEL_TESTS),$$(scripts/kernel-version.sh))" $(RUNTESTFLAGS)
