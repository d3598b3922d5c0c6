// SPDX-License-Identifier: GPL-2.0-or-later
/* With verbose, a helper propagation cannot place says where its entries
   go, even when that is the unit default. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-object=vmlinux -fplugin-arg-klp_tag-verbose" } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) void both(void) { pv_site(); } /* { dg-message "note: klp_tag: 'both' is called from functions of objects .* so it inherits neither: its entries go to the unit default object" } */
/* { dg-message "note: klp_tag: 'both' belongs to object 'vmlinux' \\(default\\), entries renamed" "" { target *-*-* } 9 } */
__attribute__((klp_object("ext4"))) void patched_ext4(void) { both(); } /* { dg-message "note: klp_tag: 'patched_ext4' belongs to object 'ext4' \\(attribute\\)" } */
__attribute__((klp_object("xfs"))) void patched_xfs(void) { both(); } /* { dg-message "note: klp_tag: 'patched_xfs' belongs to object 'xfs' \\(attribute\\)" } */
/* { dg-final { map-has both vmlinux default } } */
