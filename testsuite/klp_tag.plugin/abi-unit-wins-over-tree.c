// SPDX-License-Identifier: GPL-2.0-or-later
/* What the unit itself declares wins over kernel=: 5.8+ headers in the unit,
   kernel=klp-arch: nothing renamed. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=klp-arch" } */
#include "entries.h"
#include "lp-new.h"

__attribute__((klp_object("vmlinux"))) void patched(void) { alt_lfence(); } /* { dg-message "note: klp_tag: these kernel headers declare no" } */
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
