# SPDX-License-Identifier: GPL-2.0-or-later
# The kbuild fragment is installed as $(DATADIR)/klp-tag.mk, with its
# post-link hook klp-postlink.mk beside it.  They find what they need
# relative to themselves: klp_tag.h in $(PREFIX)/include, klp-lds,
# klp-reloc and klp-arch-check in $(PREFIX)/bin, and the plugin in GCC's plugin directory, next to the
# record of the GCC it was built for (klp_tag.gcc), which it compares with
# the kernel's $(CC) before the first compile.

define KLP_TAG_MK_INSTALL

	install -d $(DESTDIR)$(DATADIR)
	install -m 0644 kbuild-integration/klp-tag.mk $(DESTDIR)$(DATADIR)/klp-tag.mk
	install -m 0644 kbuild-integration/klp-postlink.mk $(DESTDIR)$(DATADIR)/klp-postlink.mk
	install -m 0644 plugin/klp_tag.gcc $(DESTDIR)$(PLUGIN_SDK)/klp_tag.gcc
endef
INSTALL_EXTRA += $(KLP_TAG_MK_INSTALL)
