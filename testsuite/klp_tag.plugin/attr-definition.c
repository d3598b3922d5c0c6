// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute on a definition: the inlined alternative moves to .klp.arch.vmlinux. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	alt_lfence();
}
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-present .altinstr_replacement } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has patched vmlinux attribute } } */
