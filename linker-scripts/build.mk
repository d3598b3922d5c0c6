# SPDX-License-Identifier: GPL-2.0-or-later
# klp-lds: generates, per livepatch module, the linker script that keeps its
# .klp.arch sections whole (one output section per name, ALIGN(8), KEEP,
# size ASSERTs), and checks object names for the kbuild fragment.  The
# rules it applies are common/'s.

KLP_LDS := linker-scripts/klp-lds

$(KLP_LDS): linker-scripts/klp-lds.c $(COMMON_LIB) $(COMMON_HDRS) $(FLAGS_STAMP)
	$(CC) -std=gnu11 $(CPPFLAGS) $(CFLAGS) $(WARN_CFLAGS) $(WERROR_FLAGS) $(SAN_FLAGS) -Icommon \
		$(LDFLAGS) -o $@ $< \
		$(COMMON_LIB) -lelf

TOOLS += $(KLP_LDS)
CLEAN_FILES += $(KLP_LDS)

define KLP_LDS_INSTALL

	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(KLP_LDS) $(DESTDIR)$(BINDIR)/klp-lds
	install -m 0644 linker-scripts/klp-lds.1 $(DESTDIR)$(MANDIR)/man1/klp-lds.1
endef
INSTALL_EXTRA += $(KLP_LDS_INSTALL)
