# The plugin: C++ glue on GCC's plugin API plus plain C parts that know
# nothing of GCC (asm directive rewriting, tag files, object-name rules),
# which are also linked into their unit tests and fuzz harnesses.

PLUGIN_C_SRCS := plugin/asm_rewrite.c plugin/tagfile.c plugin/objname.c
PLUGIN_C_OBJS := $(PLUGIN_C_SRCS:.c=.pic.o)
PLUGIN_HDRS := $(wildcard plugin/*.h)

PLUGIN_CXXFLAGS = -std=gnu++14 -fPIC -fno-rtti -fno-exceptions -O2 -g \
	-Wall -Wno-unused-parameter -Wno-format-diag -I$(PLUGIN_SDK)/include -Iplugin $(SAN_FLAGS)
PLUGIN_CFLAGS := -std=gnu11 -fPIC $(CFLAGS) $(WARN_CFLAGS) -Iplugin $(SAN_FLAGS)

plugin/%.pic.o: plugin/%.c $(PLUGIN_HDRS) $(FLAGS_STAMP)
	$(CC) $(PLUGIN_CFLAGS) -c -o $@ $<

# The plugin records which GCC it was built for next to itself, so kbuild
# integration can name the mismatch before GCC's own check refuses it.
# Linked by the C driver: g++ would make the plugin need libstdc++.so.6 (and
# libm, libgcc_s), loaded into every compile for nothing but operator
# new/delete, which cc1 and lto1 export themselves.  That load cost about
# 1 MB of peak memory per compile (BENCHMARKS.md).
plugin/klp_tag.pic.o: plugin/klp_tag.cc $(PLUGIN_HDRS) $(FLAGS_STAMP) | plugin-sdk
	$(CXX) $(PLUGIN_CXXFLAGS) -c -o $@ plugin/klp_tag.cc
$(PLUGIN): plugin/klp_tag.pic.o $(PLUGIN_C_OBJS)
	$(CC) -shared $(SAN_FLAGS) -o $@ plugin/klp_tag.pic.o $(PLUGIN_C_OBJS)
	$(CC) --version | head -n 1 > plugin/klp_tag.gcc

.PHONY: plugin-sdk
plugin-sdk:
	@test -f $(PLUGIN_SDK)/include/plugin-version.h || \
	{ echo "klp-tag: no GCC plugin headers for $(CC) (looked in $(PLUGIN_SDK)/include); install $(GCC_PLUGIN_DEV)" >&2; exit 1; }

UNIT_TESTS := plugin/tests/unit-rewrite plugin/tests/unit-tagfile plugin/tests/unit-objname
plugin/tests/unit-%: plugin/tests/unit-%.c plugin/tests/unit.h $(PLUGIN_C_OBJS) $(FLAGS_STAMP)
	$(CC) $(PLUGIN_CFLAGS) -o $@ $< $(PLUGIN_C_OBJS)

TOOLS += $(UNIT_TESTS)
CLEAN_FILES += $(PLUGIN) plugin/klp_tag.gcc plugin/*.o $(UNIT_TESTS)
