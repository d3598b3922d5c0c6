// SPDX-License-Identifier: GPL-2.0-or-later
/* Identical code folding where every function ends in one object (the
   unit default, no other object): the plugin marks nothing and the unit
   folds exactly as without the plugin. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fipa-icf -fplugin-arg-klp_tag-object=vmlinux -fplugin-arg-klp_tag-abi=klp-arch" } */
#include "entries.h"

static __attribute__((noinline)) int h1(int x) { alt_lfence(); return x * 3 + 1; }
static __attribute__((noinline)) int h2(int x) { alt_lfence(); return x * 3 + 1; }
__attribute__((klp_object("vmlinux"))) int f1(int x) { return h1(x) + 1; }
int f2(int x) { return h2(x) + 2; }
/* { dg-final { folded h1 h2 } } */
/* { dg-final { folds-as-without-plugin } } */
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
