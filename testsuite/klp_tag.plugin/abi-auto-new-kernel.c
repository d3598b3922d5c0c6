// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto with 5.8+ headers (livepatch.h without arch_klp_init_object_loaded):
   nothing renamed, one note saying why. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-new.h"

__attribute__((klp_object("vmlinux"))) void patched(void) /* { dg-message "note: klp_tag: these kernel headers declare no 'arch_klp_init_object_loaded'.*applies alternatives and paravirt entries at module load: nothing is renamed" } */
{
	alt_lfence();
	pv_site();
}
__attribute__((klp_object("ext4"))) void patched2(void) { alt_lfence(); }
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-present .parainstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
/* { dg-final { map-has patched vmlinux attribute } } */
