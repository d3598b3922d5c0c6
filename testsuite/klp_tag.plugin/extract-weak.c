// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode and a weak function the module does not keep: its callers
   still call it as in the normal compile (an interposable function is
   never inlined), and the reference is a strong one: a weak undefined
   reference would be left for the loader, which leaves it 0.  A weakref
   the source makes stays the weak reference it is. */
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

static int optional(int x) __attribute__((weakref("optional_hook")));

int kept(int x)
{
	return arch_hook(x) * 2 + kept_weak(x) + (optional ? optional(x) : 0);
}
/* { dg-final { nm-defines-only kept kept_weak } } */
/* { dg-final { nm-undefined arch_hook } } */
/* { dg-final { nm-weak-undefined optional_hook } } */
/* { dg-final { same-code-without-extract kept kept_weak } } */
