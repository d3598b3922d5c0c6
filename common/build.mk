# SPDX-License-Identifier: GPL-2.0-or-later
# common/: the C that every part of klp-tag links, knowing neither GCC nor
# libelf: the kernel's rules (kernel_abi.c, objname.c), the .klp_tag.map
# format (klp_map.c), tag files (tagfile.c: the plugin reads them, the
# kbuild check too), table files (tables.c), the describe and extract files
# between the plugin and klp-tag-build (describe.c, extract.c), the target
# kernel's symbol databases (sysmap.c: System.map and /proc/kallsyms,
# symvers.c: Module.symvers, over namehash.c), what klp-tag-build reads and
# writes of a kernel build (udiff.c: patches, kcmd.c: kbuild's .cmd files,
# linesync.c: the #line marks that keep __LINE__, dotconfig.c: .config
# files, makerec.c: kbuild's sub-makes recorded and run again), x86-64 instruction lengths and address fields (x86insn.c) and
# small helpers (util.c).  One static library, position-independent so
# that the plugin (a shared object) links it as the tools do.  The fuzzers build the same sources with their own
# instrumentation (fuzz/build.mk).

COMMON_SRCS := $(addprefix common/,kernel_abi.c objname.c klp_map.c tagfile.c tables.c describe.c extract.c \
	util.c namehash.c sysmap.c symvers.c udiff.c kcmd.c linesync.c x86insn.c dotconfig.c makerec.c)
COMMON_HDRS := $(wildcard common/*.h)
COMMON_OBJS := $(COMMON_SRCS:.c=.o)
COMMON_LIB := common/libklp-common.a
COMMON_CFLAGS = -std=gnu11 -fPIC $(CPPFLAGS) $(CFLAGS) $(WARN_CFLAGS) $(WERROR_FLAGS) -Icommon $(SAN_FLAGS)

common/%.o: common/%.c $(COMMON_HDRS) $(FLAGS_STAMP)
	$(CC) $(COMMON_CFLAGS) -c -o $@ $<

$(COMMON_LIB): $(COMMON_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

COMMON_UNIT_TESTS := $(addprefix common/tests/,unit-objname unit-kernel-abi unit-map unit-tagfile \
	unit-util unit-symdb unit-udiff unit-kcmd unit-linesync unit-x86insn unit-dotconfig unit-describe unit-extract \
	unit-makerec)
common/tests/unit-%: common/tests/unit-%.c common/tests/unit.h common/tests/linesync-check.h $(COMMON_LIB) $(FLAGS_STAMP)
	$(CC) $(COMMON_CFLAGS) $(LDFLAGS) -o $@ $< $(COMMON_LIB)

# The decoder's walk of an ELF file's code, which the oracle test
# (testsuite/klp_tag.x86) compares with objdump's disassembly.
X86_WALK := common/tests/x86insn-walk
$(X86_WALK): common/tests/x86insn-walk.c $(COMMON_LIB) $(FLAGS_STAMP)
	$(CC) $(COMMON_CFLAGS) $(LDFLAGS) -o $@ $< $(COMMON_LIB) -lelf

UNIT_TESTS += $(COMMON_UNIT_TESTS) $(X86_WALK)
CLEAN_FILES += $(COMMON_LIB) common/*.o $(COMMON_UNIT_TESTS) $(X86_WALK)
