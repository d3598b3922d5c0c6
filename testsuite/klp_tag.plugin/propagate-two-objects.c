// SPDX-License-Identifier: GPL-2.0-or-later
/* A helper called from two objects inherits neither: its entries stay plain,
   and a note names the objects and says when they are applied. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) int shared_helper(int n) /* { dg-message "note: klp_tag: 'shared_helper' is called from functions of objects '(vmlinux|ext4)' and '(vmlinux|ext4)', so it inherits neither: its entries stay in .altinstructions/.parainstructions, applied when this patch module loads" } */
{
	pv_site();
	return n + 1;
}

__attribute__((klp_object("vmlinux"))) int patched_a(int n) { alt_lfence(); return shared_helper(n); }
__attribute__((klp_object("ext4"))) int patched_b(int n) { return shared_helper(n + 2) * 2; }
/* { dg-final { section-present .parainstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .klp.arch.*..parainstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-lacks shared_helper } } */
