// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode and function-local statics, named FUNC:CNAME:N (the Nth
   static CNAME of FUNC, in declaration order): data keeps one, ref makes
   it a reference to the kernel's count.7 (under another name when the
   kernel's would clash); one of a function the module does not keep,
   inlined into one it keeps, needs its own line too. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-locals.extract -fplugin-arg-klp_tag-abi=none" } */
#include "extract-locals.h"

extern int ext(int);

int kept(int a)
{
	static int count = 1;
	int r = count++;
	{
		static int count = 2;
		r += count++;
	}
	return r + counted(a) + ext(a);
}

int other(int a)
{
	static int count = 3;
	return count++ + a;
}

const char *name(void)
{
	return __func__;
}
/* { dg-final { nm-defines-only kept name count. __func__. } } */
/* { dg-final { nm-undefined count.7 calls.klp.1 } } */
/* { dg-final { nm-absent other } } */
/* { dg-final { map-symbol count.7 vmlinux 0 extract } } */
/* { dg-final { map-alias calls.klp.1 vmlinux 2 calls.3 } } */
