# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzing: libFuzzer harnesses (Debian's clang and its fuzzer runtime) for
# the parts that read untrusted input: the asm directive rewriter, the tag
# file parser and tag set, the table-file parser, the describe and extract
# file readers and writers, the object-name rules,
# klp-arch-check's ELF reading (which reads the .klp_tag.map records too),
# the target kernel's System.map and Module.symvers readers, klp-reloc
# on any ELF bytes, what klp-tag-build reads: patches (udiff), kbuild's
# .cmd files (kcmd), the two versions of a patched file (linesync), the
# x86-64 instruction decoder, the DWARF compile-unit reader of the
# verification, the kernel .config reader, kbuild's recorded sub-makes
# (makerec), and the verification itself on any object and kernel binary,
# the comparison of two compiles of one file.  Each harness asserts
# properties, not only "no crash" (see the comment at the top of each
# fuzz/fuzz_*.c; fuzz/fuzz.h has the check they share).
#
#   make fuzz [FUZZ_SECONDS=N]   run every harness for N seconds (default 60)
#                                on its seed corpus; new inputs go to
#                                build/fuzz/found/HARNESS, crashes to
#                                build/fuzz/crash-*
#   make fuzz-smoke              each harness for a fixed number of runs with
#                                a fixed seed: repeatable, also part of
#                                `make check`
#   make fuzz-coverage           line and branch coverage of the code under
#                                test reached by the seeds and what
#                                `make fuzz` found (clang source coverage)
#
# The harnesses are built with clang whatever CC is, with ASan and UBSan,
# and link the common library built the same way (build/fuzz/common/), so
# the code under test is instrumented for coverage too.

FUZZ_CC := clang
FUZZ_PKGS := clang libclang-rt-14-dev libelf-dev
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_INCLUDES := -Ifuzz -Icommon -Iplugin -I$(CHECKER_DIR) -I$(RELOC_DIR) -I$(TAGBUILD_DIR)
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer $(WARN_CFLAGS) $(FUZZ_INCLUDES)
# Coverage builds: the same sources, clang's source-based coverage.
FUZZ_COV_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer -fprofile-instr-generate \
	-fcoverage-mapping $(FUZZ_INCLUDES)

FUZZ_HARNESSES := rewrite tagfile tables objname elf sysmap symvers reloc udiff kcmd linesync x86insn dwarf dotconfig verify describe extract compare makerec
FUZZ_BINS := $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)
# The code under test of each harness, besides the common library.
FUZZ_SRCS_rewrite := plugin/asm_rewrite.c
FUZZ_SRCS_tagfile :=
FUZZ_SRCS_tables :=
FUZZ_SRCS_objname :=
FUZZ_SRCS_elf := $(CHECKER_LIB_SRCS)
FUZZ_LIBS_elf := -lelf
FUZZ_SRCS_sysmap :=
FUZZ_SRCS_symvers :=
FUZZ_SRCS_describe :=
FUZZ_SRCS_extract :=
FUZZ_SRCS_reloc := $(RELOC_LIB_SRCS) $(CHECKER_LIB_SRCS)
FUZZ_SRCS_udiff :=
FUZZ_SRCS_kcmd :=
FUZZ_SRCS_linesync :=
FUZZ_LIBS_reloc := -lelf
FUZZ_SRCS_x86insn :=
FUZZ_SRCS_dwarf := $(TAGBUILD_DIR)/dwarf.c
FUZZ_SRCS_dotconfig :=
FUZZ_SRCS_makerec :=
FUZZ_SRCS_verify := $(VERIFY_LIB_SRCS) $(CHECKER_LIB_SRCS)
FUZZ_LIBS_verify := -lelf
FUZZ_SRCS_compare := $(COMPARE_LIB_SRCS) $(CHECKER_LIB_SRCS)
FUZZ_LIBS_compare := -lelf

# The common library, once per instrumentation.
$(FUZZ_DIR)/common/%.o: common/%.c $(COMMON_HDRS) | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(filter-out -fsanitize=fuzzer%,$(FUZZ_CFLAGS)) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FUZZ_DIR)/common.a: $(COMMON_SRCS:common/%.c=$(FUZZ_DIR)/common/%.o)
	rm -f $@ && $(AR) rcs $@ $^
$(FUZZ_DIR)/coverage/common/%.o: common/%.c $(COMMON_HDRS) | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(filter-out -fsanitize=fuzzer,$(FUZZ_COV_CFLAGS)) -c -o $@ $<
$(FUZZ_DIR)/coverage/common.a: $(COMMON_SRCS:common/%.c=$(FUZZ_DIR)/coverage/common/%.o)
	rm -f $@ && $(AR) rcs $@ $^

.SECONDEXPANSION:
$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $$(FUZZ_SRCS_$$*) $(FUZZ_DIR)/common.a \
		$(COMMON_HDRS) common/tests/linesync-check.h $(wildcard plugin/*.h $(CHECKER_DIR)/*.h $(RELOC_DIR)/*.h $(TAGBUILD_DIR)/*.h) \
		| fuzz-deps
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS_$*) $(FUZZ_DIR)/common.a $(FUZZ_LIBS_$*)
$(FUZZ_DIR)/coverage/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $$(FUZZ_SRCS_$$*) \
		$(FUZZ_DIR)/coverage/common.a | fuzz-deps
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -o $@ $< $(FUZZ_SRCS_$*) $(FUZZ_DIR)/coverage/common.a \
		$(FUZZ_LIBS_$*)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-deps fuzz-coverage
fuzz-deps:
	@scripts/deps.sh $(FUZZ_PKGS)
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@fuzz/run.sh time $(FUZZ_SECONDS) $(FUZZ_BINS)
fuzz-smoke: fuzz-build
	@fuzz/run.sh smoke 0 $(FUZZ_BINS)
# Each line of the report covers the code under test only (not the harness).
fuzz-coverage: $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/coverage/fuzz_%)
	@scripts/deps.sh llvm
	@$(foreach h,$(FUZZ_HARNESSES),fuzz/coverage.sh $(h) $(FUZZ_SRCS_$(h)) $(COMMON_SRCS) &&) true

# The smoke runs are in the testsuite (testsuite/klp_tag.fuzz), so
# `make check` builds the harnesses.
check: fuzz-build

CLEAN_FILES += $(FUZZ_DIR)
