# SPDX-License-Identifier: GPL-2.0-or-later
# klp-tag-build's verify stage: the library that proves an original
# compile reproduces the running kernel's code (verify.h), and its DWARF
# reader.  It reads objects and kernel images through klp-arch-check's
# ELF layer and symbol databases, so it links that library too.  Library
# code only (no exit): the driver, the fuzz harness and the testsuite's
# verify-run link it.
#
# tools/klp-tag-build/tests/verify-run (not installed) runs one
# verification from the command line for the testsuite
# (testsuite/klp_tag.verify); unit-dwarf tests the DWARF reader on
# hand-made sections.

TAGBUILD_DIR := tools/klp-tag-build
# What the verification areas' prepared Debian tree needs besides the
# kernel packages: pahole, or make olddefconfig drops Debian's BTF options.
VERIFY_PKGS := dwarves
VERIFY_LIB_SRCS := $(addprefix $(TAGBUILD_DIR)/,dwarf.c verify.c cause.c position.c)
VERIFY_HDRS := $(addprefix $(TAGBUILD_DIR)/,dwarf.h verify.h verify_int.h)
VERIFY_CFLAGS = $(CHECKER_CFLAGS) -I$(CHECKER_DIR) -I$(TAGBUILD_DIR)
VERIFY_RUN := $(TAGBUILD_DIR)/tests/verify-run
VERIFY_UNIT_TESTS := $(TAGBUILD_DIR)/tests/unit-dwarf

$(VERIFY_LIB_SRCS:.c=.o): %.o: %.c $(VERIFY_HDRS) $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(VERIFY_CFLAGS) -c -o $@ $<

$(VERIFY_RUN): $(VERIFY_RUN).c $(VERIFY_LIB_SRCS:.c=.o) $(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB)
	$(CC) $(VERIFY_CFLAGS) $(LDFLAGS) -o $@ $< $(VERIFY_LIB_SRCS:.c=.o) \
		$(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB) -lelf

$(TAGBUILD_DIR)/tests/unit-dwarf: $(TAGBUILD_DIR)/tests/unit-dwarf.c common/tests/unit.h \
		$(TAGBUILD_DIR)/dwarf.o $(FLAGS_STAMP)
	$(CC) $(VERIFY_CFLAGS) $(LDFLAGS) -Icommon/tests -o $@ $< $(TAGBUILD_DIR)/dwarf.o

UNIT_TESTS += $(VERIFY_UNIT_TESTS)
check: $(VERIFY_RUN)
CLEAN_FILES += $(TAGBUILD_DIR)/*.o $(VERIFY_RUN) $(VERIFY_UNIT_TESTS)
