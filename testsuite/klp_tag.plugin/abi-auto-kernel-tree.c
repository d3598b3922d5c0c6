// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto with kernel=none (what the kbuild fragment passes on a 5.8+ tree):
   a unit without a livepatch header neither gets the unknown-kernel warning
   nor a note of its own (the fragment says it once for the directory;
   abi-auto-kernel-tree-verbose.c has the note), and renames nothing. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=none" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	alt_lfence();
}
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
