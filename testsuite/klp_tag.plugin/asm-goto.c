// SPDX-License-Identifier: GPL-2.0-or-later
/* cpufeature.h-style asm goto: .section/.previous renamed, .altinstr_aux and the
   replacement left alone. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

unsigned char test_caps[32];

__attribute__((klp_object("ext4"))) int patched(int x)
{
	if (has_feature())
		return x + 1;
	return x;
}
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-present .altinstr_aux } } */
/* { dg-final { section-present .altinstr_replacement } } */
/* { dg-final { section-absent .klp.arch.ext4..altinstr_aux } } */
/* { dg-final { entries-preserved } } */
