// SPDX-License-Identifier: GPL-2.0-or-later
/* A function-local static the kept code references, with neither a data
   nor a ref line: the kernel's name for it cannot be guessed, so it is an
   error at its declaration that says what the extract file lacks. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/err-extract-unnamed-local.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

int kept(int a)
{
	static int count;
	{
		static int count;	/* { dg-error "'count', a static variable of function 'kept' \\('kept:count:2'\\), is referenced, but extract file '\[^'\]*err-extract-unnamed-local.extract' has neither 'data kept:count:2' nor 'ref kept:count:2 ...': the running kernel's name for it \\(count.N\\) cannot be guessed; klp-tag-build must give one of the two" } */
		a += count++;
	}
	return count++ + ext(a);
}
