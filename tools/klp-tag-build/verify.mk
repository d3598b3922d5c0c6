# SPDX-License-Identifier: GPL-2.0-or-later
# klp-tag-build's verify stage: the DWARF reader that finds the compiler
# options each of the running kernel's files was built with.  Library
# code only (no exit): the fuzz harness links it too.
#
# tools/klp-tag-build/tests/unit-dwarf tests the DWARF reader on
# hand-made sections.

TAGBUILD_DIR := tools/klp-tag-build
VERIFY_LIB_SRCS := $(addprefix $(TAGBUILD_DIR)/,dwarf.c)
VERIFY_HDRS := $(addprefix $(TAGBUILD_DIR)/,dwarf.h)
VERIFY_CFLAGS = $(CHECKER_CFLAGS) -I$(CHECKER_DIR) -I$(TAGBUILD_DIR)
VERIFY_UNIT_TESTS := $(TAGBUILD_DIR)/tests/unit-dwarf

$(VERIFY_LIB_SRCS:.c=.o): %.o: %.c $(VERIFY_HDRS) $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(VERIFY_CFLAGS) -c -o $@ $<

$(TAGBUILD_DIR)/tests/unit-dwarf: $(TAGBUILD_DIR)/tests/unit-dwarf.c common/tests/unit.h \
		$(TAGBUILD_DIR)/dwarf.o $(FLAGS_STAMP)
	$(CC) $(VERIFY_CFLAGS) $(LDFLAGS) -Icommon/tests -o $@ $< $(TAGBUILD_DIR)/dwarf.o

UNIT_TESTS += $(VERIFY_UNIT_TESTS)
CLEAN_FILES += $(TAGBUILD_DIR)/*.o $(VERIFY_UNIT_TESTS)
