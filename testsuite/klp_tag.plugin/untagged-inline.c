// SPDX-License-Identifier: GPL-2.0-or-later
/* One inline helper inlined into a tagged and an untagged function: asm
   strings are shared between inlined copies, so only the tagged copy changes. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	alt_lfence();
}

void plain(void)
{
	alt_lfence();
}

__attribute__((klp_object("ext4"))) void patched_ext4(void)
{
	alt_lfence();
}
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-lacks plain } } */
