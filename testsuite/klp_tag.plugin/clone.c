// SPDX-License-Identifier: GPL-2.0-or-later
/* IPA clones (.constprop, .isra) keep their origin's object. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline, klp_object("ext4"))) int helper(int x, int y)
{
	pv_site();
	return x * y + alt_applied();
}

__attribute__((klp_object("ext4"))) int patched_a(int v) { return helper(v, 3); }
__attribute__((klp_object("ext4"))) int patched_b(int v) { return helper(v, 3) + 1; }
/* { dg-final { section-present .klp.arch.ext4..parainstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has helper ext4 attribute } } */
