# SPDX-License-Identifier: GPL-2.0-or-later
# The kbuild fragment is installed as $(DATADIR)/klp-tag.mk, with its
# post-link hook klp-postlink.mk beside it.  They find what they need
# relative to themselves: klp_tag.h in $(DATADIR)/include, a relative link
# to $(INCLUDEDIR)/klp_tag.h (so kernel compiles get -I of a directory
# holding only that header, never -I/usr/include), klp-lds, klp-reloc and
# klp-arch-check in $(PREFIX)/bin, and the plugin in GCC's plugin directory, next to the
# record of the GCC it was built for (klp_tag.gcc), which it compares with
# the kernel's $(CC) before the first compile.  klp-tag(7) documents the
# plugin and the fragment together.

define KLP_TAG_MK_INSTALL

	install -d $(DESTDIR)$(DATADIR)
	install -m 0644 kbuild-integration/klp-tag.mk $(DESTDIR)$(DATADIR)/klp-tag.mk
	install -m 0644 kbuild-integration/klp-postlink.mk $(DESTDIR)$(DATADIR)/klp-postlink.mk
	install -d $(DESTDIR)$(DATADIR)/include
	ln -sfr $(DESTDIR)$(INCLUDEDIR)/klp_tag.h $(DESTDIR)$(DATADIR)/include/klp_tag.h
	install -m 0644 plugin/klp_tag.gcc $(DESTDIR)$(PLUGIN_SDK)/klp_tag.gcc
	install -d $(DESTDIR)$(MANDIR)/man7
	install -m 0644 kbuild-integration/klp-tag.7 $(DESTDIR)$(MANDIR)/man7/klp-tag.7
endef
INSTALL_EXTRA += $(KLP_TAG_MK_INSTALL)
