# klp-lds: generates, per livepatch module, the linker script that keeps its
# .klp.arch sections whole (one output section per name, ALIGN(8), KEEP,
# size ASSERTs).  The kbuild fragment runs it on every link it can reach.

KLP_LDS := linker-scripts/klp-lds

# Object names follow the plugin's own rules (plugin/objname.c).
$(KLP_LDS): linker-scripts/klp-lds.c plugin/objname.c plugin/objname.h $(FLAGS_STAMP)
	$(CC) -std=c11 $(CFLAGS) $(WARN_CFLAGS) $(SAN_FLAGS) -Iplugin -o $@ $< plugin/objname.c -lelf

TOOLS += $(KLP_LDS)
CLEAN_FILES += $(KLP_LDS)

define KLP_LDS_INSTALL

	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(KLP_LDS) $(DESTDIR)$(BINDIR)/klp-lds
endef
INSTALL_EXTRA += $(KLP_LDS_INSTALL)
