// SPDX-License-Identifier: GPL-2.0-or-later
/* Propagation ranks above the unit default; a helper it cannot place takes
   the default, without a note (the default already says where its entries
   go: propagate-vs-default-verbose.c has the note); __init code takes
   neither. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-object=vmlinux" } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) void ext4_only(void) { alt_lfence(); }
static __attribute__((noinline)) void both(void) { pv_site(); }
static __attribute__((noinline)) void init_helper(void) { pv_alt(); }

__attribute__((klp_object("ext4"))) void patched_ext4(void) { ext4_only(); both(); }
__attribute__((klp_object("xfs"))) void patched_xfs(void) { both(); }
__attribute__((section(".init.text"), cold)) int setup(void) { init_helper(); return 0; }
/* { dg-final { map-has ext4_only ext4 propagated } } */
/* { dg-final { map-has both vmlinux default } } */
/* { dg-final { map-lacks init_helper } } */
/* { dg-final { map-lacks setup } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { entries-preserved } } */
