// SPDX-License-Identifier: GPL-2.0-or-later
/* A kept local static whose GCC name (n.0) is the REFSYMBOL of another
   one, the kernel's: the kept one gets another name, so that the
   reference does not bind to it. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-local-names.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

int other(int a)
{
	static int n = 5;
	return n++ + a;
}

int kept(int a)
{
	static int n = 7;
	return n++ + ext(a) + other(a);
}
/* { dg-final { nm-defines-only kept other n.0.klp1 } } */
/* { dg-final { nm-undefined n.0 } } */
/* { dg-final { map-symbol n.0 vmlinux 0 extract } } */
