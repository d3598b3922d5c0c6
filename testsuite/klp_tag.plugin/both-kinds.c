// SPDX-License-Identifier: GPL-2.0-or-later
/* One asm with a paravirt site and an alternative (6.1's PVOP_ALT shape): both renamed. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("kvm"))) void patched(void)
{
	pv_alt();
}
/* { dg-final { section-present .klp.arch.kvm..parainstructions } } */
/* { dg-final { section-present .klp.arch.kvm..altinstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
