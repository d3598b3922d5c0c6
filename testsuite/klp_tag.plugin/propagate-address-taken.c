// SPDX-License-Identifier: GPL-2.0-or-later
/* A helper whose address escapes inherits nothing, with a note. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static __attribute__((noinline)) void callback(void) /* { dg-message "note: klp_tag: the address of 'callback' is taken, so its callers are unknown and it inherits no object" } */
{
	alt_lfence();
}
void (*hook)(void) = callback;

__attribute__((klp_object("vmlinux"))) void patched(void) { callback(); pv_site(); }
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { map-lacks callback } } */
