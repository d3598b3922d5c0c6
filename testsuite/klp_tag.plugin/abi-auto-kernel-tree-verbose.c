// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto with kernel=none and verbose: the unit says itself why nothing
   is renamed. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=none -fplugin-arg-klp_tag-verbose" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void) /* { dg-message "note: klp_tag: these kernel headers declare no 'arch_klp_init_object_loaded'" } */
{ /* { dg-message "note: klp_tag: 'patched' belongs to object 'vmlinux' \\(attribute\\)" "" { target *-*-* } 8 } */
	alt_lfence();
}
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
