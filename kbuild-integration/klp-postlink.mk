# SPDX-License-Identifier: GPL-2.0-or-later
# klp-postlink.mk - kbuild's post-link hook (ARCH_POSTLINK) for klp-tag.
#
# Kbuild links every .ko once more after modpost (ld -r of the module's
# object and its .mod.o), and GNU ld -r folds livepatch relocations into
# ordinary ones against absolute symbols of value 0.  Right after that
# link kbuild runs `$(MAKE) -f $(ARCH_POSTLINK) FILE.ko`; for a module
# that klp-tag.mk converted (a .FILE.klp-reloc stamp beside it) this puts
# the relocations back (klp-reloc --restore) and checks the .ko with the
# rules the build decided (klp-arch-check --kbuild; the stamp's second word,
# --allow-clobber, comes from KLP_TAG_ALLOW_CLOBBER).  Every other target,
# and every other module, goes on to the architecture's own
# Makefile.postlink when it has one.
#
# klp-tag.mk sets the hook itself where kbuild lets it (4.9-5.x); on 6.1
# give it on the command line: make -C KDIR M=$PWD ARCH_POSTLINK=<this file>.

klp_postlink_here := $(patsubst %/,%,$(dir $(realpath $(lastword $(MAKEFILE_LIST)))))
klp_postlink_tool = $(firstword $(wildcard $(abspath $(klp_postlink_here)/$1) \
	$(abspath $(klp_postlink_here)/../../bin/$(notdir $1))))
klp_postlink_reloc := $(call klp_postlink_tool,../tools/klp-reloc/klp-reloc)
klp_postlink_checker := $(call klp_postlink_tool,../tools/klp-arch-check/klp-arch-check)
klp_postlink_arch := $(wildcard $(srctree)/arch/$(SRCARCH)/Makefile.postlink)

.PHONY: FORCE
FORCE:

%.ko: FORCE
	@stamp='$(dir $@).$(notdir $*).klp-reloc'; \
	if [ -f "$$stamp" ] && [ "$$(cat "$$stamp")" != off ]; then \
		if [ -z '$(klp_postlink_reloc)' ] || [ -z '$(klp_postlink_checker)' ]; then \
			echo 'klp-tag: klp-reloc or klp-arch-check not found next to $(klp_postlink_here): run make in the klp-tag tree' >&2; \
			exit 1; \
		fi; \
		$(if $(filter quiet_,$(quiet)),echo '  KLPRST  $@';) \
		set -- $$(cat "$$stamp"); \
		'$(klp_postlink_reloc)' --restore $${2:+"$$2"} '$@' && \
		'$(klp_postlink_checker)' --kbuild --kernel "$$1" $${2:+"$$2"} '$@'; \
	fi
	$(if $(klp_postlink_arch),+$(MAKE) -f $(klp_postlink_arch) $@)

# What kbuild asks of a post-link hook besides modules: the architecture's.
vmlinux clean: FORCE
	$(if $(klp_postlink_arch),+$(MAKE) -f $(klp_postlink_arch) $@,@:)
