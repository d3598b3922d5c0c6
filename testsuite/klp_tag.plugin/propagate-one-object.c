// SPDX-License-Identifier: GPL-2.0-or-later
/* Static helpers called only from one object's functions inherit it,
   transitively and through recursion. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) int leaf(int n) { pv_site(); return n + alt_applied(); }
static __attribute__((noinline)) int middle(int n) { alt_lfence(); return leaf(n) * 3; }
static __attribute__((noinline)) int recursive(int n) { pv_alt(); return n ? recursive(n - 1) + middle(n) : 0; }

__attribute__((klp_object("ext4"))) int patched_a(int n) { return middle(n) + recursive(n); }
__attribute__((klp_object("ext4"))) int patched_b(int n) { return recursive(n + 1); }
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .klp.arch.ext4..parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has leaf ext4 propagated } } */
/* { dg-final { map-has middle ext4 propagated } } */
/* { dg-final { map-has recursive ext4 propagated } } */
