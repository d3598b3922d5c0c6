# SPDX-License-Identifier: GPL-2.0-or-later
# make check: the whole testsuite, one report.  Kernel-level tests (kbuild
# builds, QEMU boots) need the kernel's own GCC 12 and run in the plain
# pass only: SANITIZE=1 and CC=gcc-11 passes test the compiler level.  The
# booted kernel image must be the exact version of the installed headers
# (vermagic), so it is installed by that name.
KERNEL_TESTS := $(if $(filter 1,$(SANITIZE)),,$(filter 12,$(GCC_MAJOR)))

# The second-compiler test (testsuite/klp_tag.matrix/version.exp) builds
# the plugin for the other GCC (gcc-11 beside GCC 12, gcc-12 beside any
# other) and loads each plugin into the other compiler.
VERSION_OTHER := $(if $(filter 12,$(GCC_MAJOR)),11,12)
VERSION_PKGS := gcc-$(VERSION_OTHER) g++-$(VERSION_OTHER) gcc-$(VERSION_OTHER)-plugin-dev

# What a configured linux-source-6.1 tree needs to build the in-tree series
# (testsuite/klp_tag.intree): Kconfig's lexer and parser, timeconst, and
# sign-file for Debian's MODULE_SIG config.
INTREE_PKGS := flex bison bc libssl-dev

.PHONY: check check-deps
check-deps:
	@scripts/deps.sh $(BUILD_PKGS) $(CHECK_PKGS) $(VERSION_PKGS) $(FUZZ_PKGS) \
		$(if $(KERNEL_TESTS),$(KERNEL_PKGS) $(QEMU_PKGS) $(DEB_PKGS) $(INTREE_PKGS) $(VERIFY_PKGS))
	@$(if $(KERNEL_TESTS),scripts/deps.sh linux-image-$$(scripts/kernel-version.sh))
# The unit tests are built and run by the testsuite (testsuite/klp_tag.unit).
check: check-deps all $(UNIT_TESTS)
	@SANITIZE=$(SANITIZE) KLP_TEST_KERNELS='$(KLP_TEST_KERNELS)' scripts/check.sh $(CC) $(PLUGIN) $(CHECKER) "$(if $(KERNEL_TESTS),$$(scripts/kernel-version.sh))" $(RUNTESTFLAGS)
