// SPDX-License-Identifier: GPL-2.0-or-later
/* Split parts (.part, from function splitting) and IPA-SRA clones (.isra)
   keep their origin's object, even when the origin is gone. */
/* { dg-do assemble } */
/* { dg-options "-O2" } */
#include "entries.h"
#include "lp-old.h"

extern int ext(int);
static __attribute__((klp_object("ext4"))) int split_me(int x)
{
	if (__builtin_expect(x > 100, 1))
		return x;
	pv_site();
	for (int i = 0; i < x; i++)
		x += ext(i) * ext(x + i) + alt_applied();
	return x + ext(x) + ext(x * 3) + ext(x * 7);
}
int caller1(int v) { return split_me(v); }
int caller2(int v) { return split_me(v + 1) * 2; }

struct big { long a, b, c, d, e, f; };
static __attribute__((noinline, klp_object("xfs"))) long isra_me(struct big s, long unused)
{
	pv_alt();
	return s.a * 3;
}
long caller3(struct big *p) { return isra_me(*p, 5); }
long caller4(struct big *p, long u) { return isra_me(p[1], u); }
/* { dg-final { section-present .klp.arch.ext4..parainstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .klp.arch.xfs..parainstructions } } */
/* { dg-final { section-present .klp.arch.xfs..altinstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has split_me ext4 attribute } } */
/* { dg-final { map-has isra_me xfs attribute } } */
