# SPDX-License-Identifier: GPL-2.0-or-later
# make bench: measure what the plugin costs a build (bench/run.sh prints the
# report; BENCHMARKS.md holds one with the method).  The generators and the
# A/B timer are small C programs built into build/bench/bin, so `make` and
# `make check` build them too (the testsuite runs the scripts on tiny sizes).

BENCH_BIN := build/bench/bin
BENCH_TOOLS := $(addprefix $(BENCH_BIN)/,ab gen-unit gen-tags gen-bigobj gen-refs)
# perf gives the plugin's own share of a compile; the kernel packages give
# the real units (kbuild builds of the examples and the upstream samples);
# the full build of the 5.4 test kernel's tree (table 6) needs flex, bison
# and bc.
BENCH_PKGS := linux-perf flex bison bc

$(BENCH_BIN)/%: bench/%.c $(COMMON_LIB) $(COMMON_HDRS) $(FLAGS_STAMP)
	@mkdir -p $(BENCH_BIN)
	$(CC) -std=gnu11 $(CFLAGS) $(WARN_CFLAGS) $(WERROR_FLAGS) $(SAN_FLAGS) -Icommon -o $@ $< $(COMMON_LIB)

.PHONY: bench-deps bench-tools bench-smoke
bench-deps:
	@scripts/deps.sh $(BUILD_PKGS) $(KERNEL_PKGS) $(BENCH_PKGS)

bench-tools: $(BENCH_TOOLS)

# Runs in under 10 minutes on 2 CPUs; the report goes to build/bench/bench.md.
bench: bench-deps all bench-tools
	@CC=$(CC) PLUGIN=$(PLUGIN) CHECKER=$(CHECKER) RELOC=$(RELOC) TAGBUILD=$(TAGBUILD) KVER=$(KVER) \
		BENCH_BIN=$(BENCH_BIN) KLP_TEST_KERNELS=$(KLP_TEST_KERNELS) bench/run.sh build/bench/run

# Every step on tiny sizes (what the testsuite runs): the scripts work and
# the report is well formed.
bench-smoke: all bench-tools
	@CC=$(CC) PLUGIN=$(PLUGIN) CHECKER=$(CHECKER) RELOC=$(RELOC) KVER=$(KVER) BENCH_BIN=$(BENCH_BIN) \
		bench/run.sh --smoke build/bench/smoke

TOOLS += $(BENCH_TOOLS)
CLEAN_FILES += build/bench
