// SPDX-License-Identifier: GPL-2.0-or-later
/* With -g the same entries move, and debug information still assembles. */
/* { dg-do assemble } */
/* { dg-options "-g" } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) int patched(void)
{
	pv_alt();
	return alt_applied();
}
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-present .debug_info } } */
/* { dg-final { entries-preserved } } */
