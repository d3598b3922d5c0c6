# Fuzzing: libFuzzer harnesses (Debian's clang and its fuzzer runtime) for
# the parts that read untrusted input: the asm directive rewriter, the tag
# file parser and tag set, the object-name rules, and klp-arch-check's ELF
# reading.  Each harness asserts properties, not only "no crash" (see the
# comment at the top of each fuzz/fuzz_*.c).
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
# from the plugin's own C sources (instrumented for coverage here, so they
# do not share the objects `make` builds with $(CC)).

FUZZ_CC := clang
FUZZ_PKGS := clang libclang-rt-14-dev libelf-dev
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer $(WARN_CFLAGS) -Iplugin

FUZZ_HARNESSES := rewrite tagfile objname elf
FUZZ_BINS := $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)

$(FUZZ_DIR)/fuzz_rewrite: fuzz/fuzz_rewrite.c plugin/asm_rewrite.c plugin/asm_rewrite.h
$(FUZZ_DIR)/fuzz_tagfile: fuzz/fuzz_tagfile.c plugin/tagfile.c plugin/objname.c $(wildcard plugin/*.h)
$(FUZZ_DIR)/fuzz_objname: fuzz/fuzz_objname.c plugin/objname.c plugin/objname.h
# The checker minus its main(): the harness drives module_load() and friends.
FUZZ_CHECKER_SRCS := $(addprefix tools/klp-arch-check/,elfread.c module.c compare.c rules.c report.c)
$(FUZZ_DIR)/fuzz_elf: fuzz/fuzz_elf.c $(FUZZ_CHECKER_SRCS) plugin/objname.c \
		$(wildcard tools/klp-arch-check/*.h) plugin/klp_map.h plugin/objname.h
$(FUZZ_DIR)/fuzz_elf: FUZZ_LIBS := -lelf
$(FUZZ_DIR)/fuzz_elf: FUZZ_CFLAGS += -Itools/klp-arch-check
$(FUZZ_BINS): | fuzz-deps
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^) $(FUZZ_LIBS)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-deps fuzz-coverage
fuzz-deps:
	@scripts/deps.sh $(FUZZ_PKGS)
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@fuzz/run.sh time $(FUZZ_SECONDS) $(FUZZ_BINS)
fuzz-smoke: fuzz-build
	@fuzz/run.sh smoke 0 $(FUZZ_BINS)
fuzz-coverage: fuzz-deps
	@scripts/deps.sh llvm
	@fuzz/coverage.sh $(FUZZ_HARNESSES)

# The smoke runs are in the testsuite (testsuite/klp_tag.fuzz), so
# `make check` builds the harnesses.
check: fuzz-build

# The second-compiler test (testsuite/klp_tag.matrix/version.exp) builds
# the plugin for the other GCC (gcc-11 beside GCC 12, gcc-12 beside any
# other) and loads each plugin into the other compiler.
VERSION_OTHER := $(if $(filter 12,$(GCC_MAJOR)),11,12)
VERSION_PKGS := gcc-$(VERSION_OTHER) g++-$(VERSION_OTHER) gcc-$(VERSION_OTHER)-plugin-dev
.PHONY: version-deps
version-deps:
	@scripts/deps.sh $(VERSION_PKGS)
check: version-deps

CLEAN_FILES += $(FUZZ_DIR)
