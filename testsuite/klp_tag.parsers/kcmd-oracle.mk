# SPDX-License-Identifier: GPL-2.0-or-later
# make's own reading of a .cmd file, the oracle of kernel.exp: the command
# of target T as make expands it, and the deps_ list unexpanded.
#   make -f kcmd-oracle.mk F=FILE T=TARGET O=OUT
all: ; @:
# As kbuild's Kbuild.include and tools' Build.include define it.
pound := \#
include $(F)
$(file >$(O).cmd,$(cmd_$(T))$(savedcmd_$(T)))
$(file >$(O).deps,$(value deps_$(T)))
