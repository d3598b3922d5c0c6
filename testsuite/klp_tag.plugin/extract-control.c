// SPDX-License-Identifier: GPL-2.0-or-later
/* The control of same-code-without-extract: a static variable nothing
   writes is folded to its initializer by a normal compile, and the kernel
   has no symbol for it; externalized (no data line) the kept code reads
   the kernel's instead, so its code differs.  klp-tag-build gives such a
   variable a data line. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-extract=@SRCDIR@/extract-control.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

static int never_written = 42;

int kept(int x)
{
	return ext(x) + never_written;
}
/* { dg-final { code-differs-without-extract kept } } */
/* { dg-final { nm-undefined never_written } } */
