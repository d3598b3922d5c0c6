# SPDX-License-Identifier: GPL-2.0-or-later
# klp-tag: top-level build.
#
#   make            build the plugin and the tools (installs nothing)
#   make deps       install what `make` needs (as root)
#   make check      run the whole testsuite (as root: installs what it needs)
#   make demo       build the livepatch samples and examples, show their sections
#   make bench      measure what the plugin costs a build
#   make install    install into GCC's plugin directory and $(PREFIX)
#   make uninstall  remove what make install installed (same PREFIX, DESTDIR)
#   make deb        build the Debian package into build/deb, check it (lintian)
#   make help       every target and variable
#
# `make`, when a Debian package is missing, prints the exact apt-get line.
#
# CC selects the compiler the plugin is built for (gcc-11 works too for the
# compiler-level tests).  Each part keeps its rules in its own build.mk.

ifeq ($(origin CC),default)
CC := gcc
endif
# g++ of the same version as $(CC): gcc-11 -> g++-11, gcc -> g++.
CXX := $(patsubst %gcc,%g++,$(subst gcc-,g++-,$(CC)))
GCC_MAJOR := $(shell $(CC) -dumpversion 2>/dev/null | cut -d. -f1)
# Recursive: read when used, after `make deps` has installed the plugin
# headers (before that, GCC answers just "plugin").
PLUGIN_SDK = $(shell $(CC) -print-file-name=plugin)
GCC_PLUGIN_DEV := gcc-$(GCC_MAJOR)-plugin-dev

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/klp-tag
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include

KVER ?= $(shell scripts/kernel-version.sh)
# A directory holding the test kernel that applies .klp.arch sections
# (Linux 5.4.286 as Debian packages, its source tarball and SHA256SUMS);
# make check boots it under QEMU.  Without it those tests are skipped and
# say what to provide.
KLP_TEST_KERNELS ?=

# The usual variables, so that a packager's flags (dpkg-buildflags:
# hardening, -ffile-prefix-map) reach every compile and link.
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
WARN_CFLAGS := -Wall -Wextra -Wno-unused-parameter
# The testsuite builds with warnings as errors: a warning there is a bug.
ifneq ($(filter check,$(MAKECMDGOALS)),)
WERROR := 1
endif
ifeq ($(WERROR),1)
WERROR_FLAGS := -Werror
endif
ifeq ($(SANITIZE),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

# What every object is built with.  The stamp changes when CC or the flags
# do (CC=gcc-11, SANITIZE=1, WERROR), so objects are rebuilt instead of
# mixing a sanitized plugin with plain tools or a GCC 12 plugin with GCC 11.
FLAGS_STAMP := build/flags.stamp
BUILD_FLAGS := $(CC) $(CFLAGS) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) $(SAN_FLAGS) $(WERROR_FLAGS)
ifneq ($(BUILD_FLAGS),$(shell cat $(FLAGS_STAMP) 2>/dev/null))
$(shell mkdir -p build && printf '%s\n' '$(BUILD_FLAGS)' > $(FLAGS_STAMP))
endif

PLUGIN := plugin/klp_tag.so
CHECKER := tools/klp-arch-check/klp-arch-check

.PHONY: all deps build-deps check demo bench install uninstall deb clean help tools
all: build-deps $(PLUGIN) tools

# Debian packages each step needs.  `make` only says what is missing
# (scripts/deps.sh --check); `make deps`, `make check`, `make demo` and
# `make bench` install them as root.
BUILD_PKGS := $(GCC_PLUGIN_DEV) g++-$(GCC_MAJOR) libelf-dev make binutils
CHECK_PKGS := dejagnu python3 shellcheck
KERNEL_PKGS := linux-headers-amd64 linux-source-6.1 xz-utils ccache
QEMU_PKGS := qemu-system-x86 busybox-static cpio bash-static kmod procps

build-deps:
	@scripts/deps.sh --check $(BUILD_PKGS)
deps:
	@scripts/deps.sh $(BUILD_PKGS)

include common/build.mk
include plugin/build.mk
include tools/klp-arch-check/build.mk
include tools/klp-reloc/build.mk
include tools/klp-tag-build/verify.mk
include tools/klp-tag-build/compare.mk
include tools/klp-tag-build/build.mk
include linker-scripts/build.mk
include kbuild-integration/build.mk
include testsuite/build.mk
include examples/build.mk
include bench/build.mk
include fuzz/build.mk

tools: $(TOOLS)

install: all
	install -d $(DESTDIR)$(PLUGIN_SDK)
	install -m 0755 $(PLUGIN) $(DESTDIR)$(PLUGIN_SDK)/klp_tag.so
	install -d $(DESTDIR)$(INCLUDEDIR)
	install -m 0644 kbuild-integration/klp_tag.h $(DESTDIR)$(INCLUDEDIR)/klp_tag.h
	$(INSTALL_EXTRA)

# The files to remove are not listed a second time: a staged install says
# which files `make install` writes, so a part that installs one more file
# is uninstalled without touching this rule.  Directories are kept (they
# may be shared), except those of $(DATADIR), klp-tag's own, left empty.
UNINSTALL_STAGE := build/uninstall
uninstall: all
	rm -rf $(UNINSTALL_STAGE)
	$(MAKE) --no-print-directory -s install DESTDIR=$(CURDIR)/$(UNINSTALL_STAGE)
	cd $(UNINSTALL_STAGE) && find . ! -type d | sed 's|^\.||' | \
		while IFS= read -r f; do rm -f "$(DESTDIR)$$f"; done
	if [ -d $(DESTDIR)$(DATADIR) ]; then find $(DESTDIR)$(DATADIR) -depth -type d -empty -delete; fi
	rm -rf $(UNINSTALL_STAGE)
CLEAN_FILES += $(UNINSTALL_STAGE)

# The Debian package: dpkg-buildpackage on a copy of the tree in
# $(DEB_DIR), the version from common/version.h, then lintian
# (scripts/deb.sh).  It holds what `make install PREFIX=/usr` installs
# (debian/rules), so a new tool needs no line of packaging.
DEB_DIR ?= build/deb
DEB_PKGS := debhelper dpkg-dev fakeroot lintian
deb:
	@scripts/deps.sh $(BUILD_PKGS) $(DEB_PKGS)
	scripts/deb.sh $(DEB_DIR)
CLEAN_FILES += build/deb

clean:
	rm -rf $(CLEAN_FILES)

help:
	@sed -n 's/^#   make/  make/p' Makefile
	@echo '  make fuzz [FUZZ_SECONDS=N]  run each fuzz harness N seconds (fuzz/build.mk)'
	@echo '  make bench-smoke            every benchmark step on tiny sizes'
	@echo 'Variables: CC=gcc-11 (plugin for another GCC), SANITIZE=1 (ASan/UBSan),'
	@echo '  WERROR=1, RUNTESTFLAGS=AREA.exp (one test area), PREFIX, DESTDIR,'
	@echo '  KLP_TEST_KERNELS=DIR (the test kernels make check boots, docs/testing.md)'
	@echo 'Manuals: klp-tag(7), klp-tag-build(1), klp-lds(1), klp-reloc(1),'
	@echo '  klp-arch-check(1) (man -l FILE in the tree); README; docs/'
