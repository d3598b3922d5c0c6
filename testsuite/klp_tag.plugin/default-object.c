// SPDX-License-Identifier: GPL-2.0-or-later
/* The unit default applies to functions no explicit source names, never to
   __init/__exit code; explicit tags win over it. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-object=ext4" } */
#include "entries.h"
#include "lp-old.h"

void defaulted(void) { alt_lfence(); }
__attribute__((klp_object("vmlinux"))) void explicit_fn(void) { pv_site(); }
__attribute__((section(".init.text"), cold)) int init_fn(void) { pv_site(); return 0; }
__attribute__((section(".exit.text"), cold)) void exit_fn(void) { alt_lfence(); }
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { section-present .parainstructions } } */
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.ext4..parainstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has defaulted ext4 default } } */
/* { dg-final { map-has explicit_fn vmlinux attribute } } */
/* { dg-final { map-lacks init_fn } } */
/* { dg-final { map-lacks exit_fn } } */
