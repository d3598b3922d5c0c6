// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=none is the reference build: old-kernel headers, tags, and still plain
   sections, with no note. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=none" } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void) { alt_lfence(); }
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
/* { dg-final { map-has patched vmlinux attribute } } */
