# klp-arch-check: the libelf checker of .klp.arch sections.  It shares the
# object-name rules with the plugin (plugin/objname.c) and reads the map
# format from plugin/klp_map.h, so checker and plugin cannot drift apart.

CHECKER_DIR := tools/klp-arch-check
CHECKER_SRCS := $(addprefix $(CHECKER_DIR)/,main.c elfread.c module.c compare.c rules.c report.c)
CHECKER_OBJS := $(CHECKER_SRCS:.c=.o) $(CHECKER_DIR)/objname.o
CHECKER_HDRS := $(wildcard $(CHECKER_DIR)/*.h) plugin/klp_map.h plugin/objname.h
CHECKER_CFLAGS := -std=gnu11 $(CFLAGS) $(WARN_CFLAGS) -Iplugin $(SAN_FLAGS)

$(CHECKER_DIR)/%.o: $(CHECKER_DIR)/%.c $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(CHECKER_CFLAGS) -c -o $@ $<

$(CHECKER_DIR)/objname.o: plugin/objname.c plugin/objname.h $(FLAGS_STAMP)
	$(CC) $(CHECKER_CFLAGS) -c -o $@ $<

$(CHECKER): $(CHECKER_OBJS)
	$(CC) $(CHECKER_CFLAGS) -o $@ $(CHECKER_OBJS) -lelf

TOOLS += $(CHECKER)
CLEAN_FILES += $(CHECKER) $(CHECKER_DIR)/*.o

# Recipe lines for `make install`, each on its own line of the variable.
define CHECKER_INSTALL

	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(CHECKER) $(DESTDIR)$(BINDIR)/klp-arch-check
	install -m 0644 $(CHECKER_DIR)/klp-arch-check.1 $(DESTDIR)$(MANDIR)/man1/klp-arch-check.1
endef
INSTALL_EXTRA += $(CHECKER_INSTALL)
