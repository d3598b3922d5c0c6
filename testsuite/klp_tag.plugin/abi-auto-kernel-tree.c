// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto with kernel=none (what the kbuild fragment passes on a 5.8+ tree):
   a unit without a livepatch header still gets the plugin's note, not the
   unknown-kernel warning. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=none" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void) /* { dg-message "note: klp_tag: these kernel headers declare no 'arch_klp_init_object_loaded'" } */
{
	alt_lfence();
}
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
