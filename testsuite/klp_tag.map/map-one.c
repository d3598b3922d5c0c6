// SPDX-License-Identifier: GPL-2.0-or-later
/* One file of the two-file map test: a static helper propagated to ext4. */
#include "../klp_tag.plugin/entries.h"
#include "../klp_tag.plugin/lp-old.h"
static __attribute__((noinline)) void helper(void) { alt_lfence(); }
__attribute__((klp_object("ext4"))) void one(void) { helper(); }
