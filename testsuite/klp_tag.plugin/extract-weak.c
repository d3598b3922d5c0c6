// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode and a weak function the module does not keep: its callers
   still call it as in the normal compile (an interposable function is
   never inlined), and the reference is a strong one: a weak undefined
   reference would be left for the loader, which leaves it 0. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-weak.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

int __attribute__((weak)) arch_hook(int x)
{
	return x + 1;
}

int __attribute__((weak)) kept_weak(int x)
{
	return ext(x) + arch_hook(x);
}

int kept(int x)
{
	return arch_hook(x) * 2 + kept_weak(x);
}
/* { dg-final { nm-defines-only kept kept_weak } } */
/* { dg-final { nm-undefined arch_hook } } */
/* { dg-final { same-code-without-extract kept kept_weak } } */
