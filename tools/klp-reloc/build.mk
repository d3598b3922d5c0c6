# SPDX-License-Identifier: GPL-2.0-or-later
# klp-reloc: the klp relocation converter.  It reads objects through
# klp-arch-check's library (the ELF layer, entry decoding, the map, the
# target modules' symbol tables) and the symbol databases of common/.
# Everything but main.c is library code (it never exits): the fuzz harness
# links it too.

RELOC_DIR := tools/klp-reloc
RELOC := $(RELOC_DIR)/klp-reloc
RELOC_LIB_SRCS := $(addprefix $(RELOC_DIR)/,input.c release.c decide.c plan.c order.c write.c)
RELOC_OBJS := $(RELOC_DIR)/main.o $(RELOC_LIB_SRCS:.c=.o)
RELOC_CFLAGS = $(CHECKER_CFLAGS) -I$(CHECKER_DIR)

$(RELOC_DIR)/%.o: $(RELOC_DIR)/%.c $(RELOC_DIR)/reloc.h $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(RELOC_CFLAGS) -c -o $@ $<

$(RELOC): $(RELOC_OBJS) $(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB)
	$(CC) $(RELOC_CFLAGS) $(LDFLAGS) -o $@ $(RELOC_OBJS) $(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB) -lelf

TOOLS += $(RELOC)
CLEAN_FILES += $(RELOC) $(RELOC_DIR)/*.o

define RELOC_INSTALL

	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(RELOC) $(DESTDIR)$(BINDIR)/klp-reloc
	install -m 0644 $(RELOC_DIR)/klp-reloc.1 $(DESTDIR)$(MANDIR)/man1/klp-reloc.1
endef
INSTALL_EXTRA += $(RELOC_INSTALL)
