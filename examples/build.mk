# SPDX-License-Identifier: GPL-2.0-or-later
# make demo: build the plugin, then the examples and the kernel's own
# livepatch samples against the installed Debian kernel headers, once as
# built for this kernel (KLP_TAG_ABI=auto) and once as built for a kernel
# that applies .klp.arch sections (KLP_TAG_ABI=klp-arch), and show what
# klp-arch-check sees in each livepatch module.  Module builds go to
# build/demo (kbuild's clean deletes every .ko under M=, so never here).

DEMO_DIR := build/demo

.PHONY: deps-demo demo
deps-demo:
	@scripts/deps.sh $(KERNEL_PKGS)

demo: deps-demo all
	@scripts/demo.sh demo $(DEMO_DIR)

CLEAN_FILES += $(DEMO_DIR)
