# SPDX-License-Identifier: GPL-2.0-or-later
# klp-tag-build's compare stage: two objects of one C file (original and
# patched compile) and their describe files, symbol by symbol (tb.h,
# docs/klp-tag-build.md "Comparing").  It reads the objects through
# klp-arch-check's ELF layer and decodes code with common/x86insn.h.
# Library code only (no exit): the driver, the fuzz harness and the
# testsuite's compare-run link it.
#
# tools/klp-tag-build/tests/compare-run (not installed) prints one
# comparison for the testsuite (testsuite/klp_tag.build/compare.exp).

COMPARE_LIB_SRCS := $(TAGBUILD_DIR)/compare.c
COMPARE_HDRS := $(TAGBUILD_DIR)/tb.h
COMPARE_CFLAGS = $(CHECKER_CFLAGS) -I$(CHECKER_DIR) -I$(TAGBUILD_DIR)
COMPARE_RUN := $(TAGBUILD_DIR)/tests/compare-run

$(COMPARE_LIB_SRCS:.c=.o): %.o: %.c $(COMPARE_HDRS) $(CHECKER_HDRS) $(FLAGS_STAMP)
	$(CC) $(COMPARE_CFLAGS) -c -o $@ $<

$(COMPARE_RUN): $(COMPARE_RUN).c $(COMPARE_LIB_SRCS:.c=.o) $(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB)
	$(CC) $(COMPARE_CFLAGS) $(LDFLAGS) -o $@ $< $(COMPARE_LIB_SRCS:.c=.o) \
		$(CHECKER_LIB_SRCS:.c=.o) $(COMMON_LIB) -lelf

check: $(COMPARE_RUN)
CLEAN_FILES += $(COMPARE_RUN)
