# SPDX-License-Identifier: GPL-2.0-or-later
# klp-arch-check: the libelf checker of .klp.arch sections.  The kernel's
# rules, the object-name rules and the map format come from common/, which
# the plugin links too, so checker and plugin cannot drift apart.

CHECKER_DIR := tools/klp-arch-check
# Everything but main.c is library code (it never exits): the fuzz harness
# links it too.
CHECKER_LIB_SRCS := $(addprefix $(CHECKER_DIR)/,elfread.c module.c modmap.c compare.c rules.c \
	report.c kbuild.c kosyms.c symres.c kimage.c klprel.c klprules.c klpreport.c)
CHECKER_OBJS := $(CHECKER_DIR)/main.o $(CHECKER_LIB_SRCS:.c=.o)
CHECKER_HDRS := $(wildcard $(CHECKER_DIR)/*.h) $(COMMON_HDRS)
CHECKER_CFLAGS = -std=gnu11 $(CPPFLAGS) $(CFLAGS) $(WARN_CFLAGS) $(WERROR_FLAGS) -Icommon $(SAN_FLAGS)

$(CHECKER_DIR)/%.o: $(CHECKER_DIR)/%.c $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(CHECKER_CFLAGS) -c -o $@ $<

$(CHECKER): $(CHECKER_OBJS) $(COMMON_LIB)
	$(CC) $(CHECKER_CFLAGS) $(LDFLAGS) -o $@ $(CHECKER_OBJS) $(COMMON_LIB) -lelf

TOOLS += $(CHECKER)
CLEAN_FILES += $(CHECKER) $(CHECKER_DIR)/*.o

# Recipe lines for `make install`, each on its own line of the variable.
define CHECKER_INSTALL

	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(CHECKER) $(DESTDIR)$(BINDIR)/klp-arch-check
	install -m 0644 $(CHECKER_DIR)/klp-arch-check.1 $(DESTDIR)$(MANDIR)/man1/klp-arch-check.1
endef
INSTALL_EXTRA += $(CHECKER_INSTALL)
