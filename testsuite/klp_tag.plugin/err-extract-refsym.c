// SPDX-License-Identifier: GPL-2.0-or-later
/* A REFSYMBOL that is also the name of something the unit defines: the
   assembler would bind the reference to the local definition, silently. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/err-extract-refsym.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

static int __attribute__((noinline)) helper(int x)
{
	return ext(x) + 1;
}

int show(int x)	/* { dg-error "extract file '\[^'\]*err-extract-refsym.extract', line 3: REFSYMBOL 'show' is also the name of 'show', which this unit defines, so the reference would bind to it: give the ref another REFSYMBOL" } */
{
	return helper(x) * 2;
}
