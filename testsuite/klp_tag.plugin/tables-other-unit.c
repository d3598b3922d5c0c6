// SPDX-License-Identifier: GPL-2.0-or-later
/* Another unit's klp_object table (tables=, as the kbuild fragment or the
   documented gcc recipe passes it) gives a function with external linkage
   of this unit its object; a static function of the same name is another
   function, left alone. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tables=@SRCDIR@/other-unit.tables -fplugin-arg-klp_tag-abi=klp-arch" } */
#include "entries.h"

int fix_public(void) { alt_lfence(); return 1; }
static __attribute__((used, noinline)) int fix_static(void) { alt_lfence(); return 2; } /* { dg-message "note: klp_tag: the address of 'fix_static' is taken, so its callers are unknown" } */
/* { dg-final { map-has fix_public ext4 table } } */
/* { dg-final { map-lacks fix_static } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { entries-preserved } } */
