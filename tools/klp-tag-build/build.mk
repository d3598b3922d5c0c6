# SPDX-License-Identifier: GPL-2.0-or-later
# klp-tag-build: from a kernel fix to a verified livepatch module
# (docs/klp-tag-build.md).  One stage, one file; everything but main.c is
# library code (no exit), linked with the verify and compare stages'
# libraries (verify.mk, compare.mk), klp-arch-check's ELF layer and
# common/.  Included after those two.  The installed program finds the fragment in $(DATADIR) and
# the plugin in the target compiler's plugin directory.

TAGBUILD := $(TAGBUILD_DIR)/klp-tag-build
TAGBUILD_LIB_SRCS := $(addprefix $(TAGBUILD_DIR)/,files.c run.c replay.c target.c debug.c prepare.c patches.c \
	compile.c prove.c decide.c generate.c build.c report.c)
TAGBUILD_HDRS := $(TAGBUILD_DIR)/tb.h $(VERIFY_HDRS)
TAGBUILD_CFLAGS = $(VERIFY_CFLAGS) -DTB_DATADIR='"$(DATADIR)"'

$(TAGBUILD_LIB_SRCS:.c=.o) $(TAGBUILD_DIR)/main.o: %.o: %.c $(TAGBUILD_HDRS) $(CHECKER_HDRS) \
		$(FLAGS_STAMP)
	$(CC) $(TAGBUILD_CFLAGS) -c -o $@ $<

$(TAGBUILD): $(TAGBUILD_DIR)/main.o $(TAGBUILD_LIB_SRCS:.c=.o) $(COMPARE_LIB_SRCS:.c=.o) \
		$(VERIFY_LIB_SRCS:.c=.o) \
		$(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB)
	$(CC) $(TAGBUILD_CFLAGS) $(LDFLAGS) -o $@ $^ -lelf

TOOLS += $(TAGBUILD)
CLEAN_FILES += $(TAGBUILD)

define TAGBUILD_INSTALL

	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(TAGBUILD) $(DESTDIR)$(BINDIR)/klp-tag-build
	install -m 0644 $(TAGBUILD_DIR)/klp-tag-build.1 $(DESTDIR)$(MANDIR)/man1/klp-tag-build.1
endef
INSTALL_EXTRA += $(TAGBUILD_INSTALL)

