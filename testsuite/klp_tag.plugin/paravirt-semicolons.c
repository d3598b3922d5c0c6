// SPDX-License-Identifier: GPL-2.0-or-later
/* A ';'-separated paravirt site, as the assembler-side paravirt.h writes it. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	pv_site();
	pv_site();
}
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { entries-preserved } } */
