// SPDX-License-Identifier: GPL-2.0-or-later
/* The other file: a static helper of the same name propagated to xfs. */
#include "../klp_tag.plugin/entries.h"
#include "../klp_tag.plugin/lp-old.h"
static __attribute__((noinline)) void helper(void) { pv_site(); }
__attribute__((klp_object("xfs"))) void two(void) { helper(); }
