// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute on an earlier declaration only; the header macro, with '-' normalised. */
/* { dg-do assemble } */
#include "klp_tag.h"
#include "entries.h"
#include "lp-old.h"

int patched_read(void) __klp_object(my-driver);

int patched_read(void)
{
	pv_site();
	return 0;
}
/* { dg-final { section-present .klp.arch.my_driver..parainstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has patched_read my_driver attribute } } */
