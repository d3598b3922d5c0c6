# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin: thin C++ glue on GCC's plugin API, one file per stage
# (plugin/stages.h), plus a plain C part that knows nothing of GCC (asm
# directive rewriting), also linked into its unit test and fuzz harness,
# and the common library (common/build.mk).

PLUGIN_CXX_SRCS := $(addprefix plugin/,klp_tag.cc options.cc declarations.cc extract.cc \
	attribute.cc symbols.cc abi.cc tables.cc resolve.cc rewrite.cc map.cc describe.cc)
PLUGIN_C_SRCS := plugin/asm_rewrite.c
PLUGIN_OBJS := $(PLUGIN_CXX_SRCS:.cc=.o) $(PLUGIN_C_SRCS:.c=.o)
PLUGIN_HDRS := $(wildcard plugin/*.h) $(COMMON_HDRS)

# GCC's headers are system headers here (-isystem): the warnings are about
# this plugin's code, not GCC's.
PLUGIN_CXXFLAGS = -std=gnu++14 -fPIC -fno-rtti -fno-exceptions $(CPPFLAGS) $(CXXFLAGS) \
	-Wall -Wextra -Wshadow -Wno-format-diag $(WERROR_FLAGS) \
	-isystem $(PLUGIN_SDK)/include -Iplugin -Icommon $(SAN_FLAGS)
PLUGIN_CFLAGS = -std=gnu11 -fPIC $(CPPFLAGS) $(CFLAGS) $(WARN_CFLAGS) $(WERROR_FLAGS) -Iplugin -Icommon $(SAN_FLAGS)

plugin/%.o: plugin/%.c $(PLUGIN_HDRS) $(FLAGS_STAMP)
	$(CC) $(PLUGIN_CFLAGS) -c -o $@ $<

plugin/%.o: plugin/%.cc $(PLUGIN_HDRS) $(FLAGS_STAMP) | plugin-sdk
	$(CXX) $(PLUGIN_CXXFLAGS) -c -o $@ $<

# The plugin records which GCC it was built for next to itself, so kbuild
# integration can name the mismatch before GCC's own check refuses it.
# Linked by the C driver: g++ would make the plugin need libstdc++.so.6 (and
# libm, libgcc_s), loaded into every compile for nothing but operator
# new/delete, which cc1 and lto1 export themselves.  That load cost about
# 1 MB of peak memory per compile (BENCHMARKS.md).
$(PLUGIN): $(PLUGIN_OBJS) $(COMMON_LIB)
	$(CC) -shared $(SAN_FLAGS) $(LDFLAGS) -o $@ $(PLUGIN_OBJS) $(COMMON_LIB)
	$(CC) --version | head -n 1 > plugin/klp_tag.gcc

.PHONY: plugin-sdk
plugin-sdk:
	@test -f $(PLUGIN_SDK)/include/plugin-version.h || \
	{ echo "klp-tag: no GCC plugin headers for $(CC) (looked in $(PLUGIN_SDK)/include); install them: apt-get install $(GCC_PLUGIN_DEV)" >&2; exit 1; }

PLUGIN_UNIT_TESTS := plugin/tests/unit-rewrite
plugin/tests/unit-%: plugin/tests/unit-%.c common/tests/unit.h $(PLUGIN_C_SRCS:.c=.o) $(COMMON_LIB) $(FLAGS_STAMP)
	$(CC) $(PLUGIN_CFLAGS) $(LDFLAGS) -Icommon/tests -o $@ $< $(PLUGIN_C_SRCS:.c=.o) $(COMMON_LIB)

UNIT_TESTS += $(PLUGIN_UNIT_TESTS)
CLEAN_FILES += $(PLUGIN) plugin/klp_tag.gcc plugin/*.o $(PLUGIN_UNIT_TESTS)
