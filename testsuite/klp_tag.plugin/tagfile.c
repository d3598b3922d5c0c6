// SPDX-License-Identifier: GPL-2.0-or-later
/* Tag files, given twice: each function gets the object its line names. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/tags-a.tags -fplugin-arg-klp_tag-tags=@SRCDIR@/tags-b.tags" } */
#include "entries.h"
#include "lp-old.h"

void from_tags(void) { alt_lfence(); }
void from_tags_mod(void) { pv_site(); }
void also_tagged(void) { alt_lfence(); }
void second_file_fn(void) { pv_site(); }
void untagged(void) { pv_site(); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.my_module..parainstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .klp.arch.xfs..parainstructions } } */
/* { dg-final { section-present .parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has from_tags_mod my_module tagfile } } */
/* { dg-final { map-has second_file_fn xfs tagfile } } */
/* { dg-final { map-lacks untagged } } */
