// SPDX-License-Identifier: GPL-2.0-or-later
/* verbose prints every function's object and where it came from. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-verbose" } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) void helper(void) { alt_lfence(); } /* { dg-message "note: klp_tag: 'helper' belongs to object 'ext4' .propagated., entries renamed" } */
__attribute__((klp_object("ext4"))) void patched(void) { helper(); } /* { dg-message "note: klp_tag: 'patched' belongs to object 'ext4' .attribute." } */
