// SPDX-License-Identifier: GPL-2.0-or-later
/* Describe mode names every function symbol GCC emits, IPA clones and
   split parts by their origin and kind, and changes nothing in the
   object. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
extern int ext(int);

static int split_me(int x)
{
	if (__builtin_expect(x > 100, 1))
		return x;
	for (int i = 0; i < x; i++)
		x += ext(i) * ext(x + i);
	return x + ext(x) + ext(x * 3) + ext(x * 7);
}
int caller1(int v) { return split_me(v); }
int caller2(int v) { return split_me(v + 1) * 2; }

struct big { long a, b, c, d, e, f; };
static __attribute__((noinline)) long isra_me(struct big s, long unused)
{
	return s.a * 3 + ext((int)s.b);
}
long caller3(struct big *p) { return isra_me(*p, 5); }
long caller4(struct big *p, long u) { return isra_me(p[1], u); }

static __attribute__((noinline)) int cp(int x, int mode)
{
	if (mode)
		return ext(x) * 3 + ext(x + 1);
	return ext(x) - 7;
}
int use_cp(int x) { return cp(x, 1) + cp(x + 2, 1); }
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-line "sym split_me.part.0 split_me part" } } */
/* An IPA-SRA clone of a constprop clone is named for both; its kind is the last. */
/* { dg-final { describe-line "sym isra_me.constprop.0.isra.0 isra_me isra" } } */
/* { dg-final { describe-line "sym cp.constprop.0 cp constprop" } } */
/* { dg-final { describe-line "sym caller1 caller1 plain" } } */
/* { dg-final { describe-line "inl caller1 split_me" } } */
/* { dg-final { describe-match {^fn split_me \S+desc-clones\.c 9 16$} } } */
/* { dg-final { describe-match {^fn cp \S+desc-clones\.c 28 33$} } } */
/* { dg-final { describe-match {^source \S+desc-clones\.c$} } } */
/* { dg-final { describe-no-line "^sym (split_me|isra_me|cp) " } } */
