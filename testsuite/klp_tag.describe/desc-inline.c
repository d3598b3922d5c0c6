// SPDX-License-Identifier: GPL-2.0-or-later
/* inl lines: every body inlined into a symbol, transitively, whether the
   early inliner spliced it in (no trace in the call graph) or the IPA
   inliner did; a function inlined everywhere has its fn line and no sym
   line. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
extern void sink(const char *, unsigned long, int);
extern int ext(int);

static unsigned long to_kb(unsigned long pages)
{
	return pages << 2;
}

/* Called many times: the IPA inliner's decision. */
static void show_val_kb(const char *s, unsigned long num)
{
	sink(s, to_kb(num), 8);
	sink(" kB\n", 4, 0);
}

int meminfo_show(unsigned long *v)
{
	show_val_kb("MemTotal:", v[0]);
	show_val_kb("MemFree:", v[1]);
	show_val_kb("Buffers:", v[2]);
	show_val_kb("Cached:", v[3]);
	show_val_kb("SwapCached:", v[4]);
	show_val_kb("Active:", v[5]);
	return 0;
}

static int twice(int x)
{
	return x * 2;
}

static int addone(int x)
{
	return twice(x) + 1;
}

int f(int a)
{
	return addone(a) + ext(a);
}

/* Inlined where it is called, and emitted for its address. */
static int both(int x)
{
	return ext(x) + 1;
}

int (*pointer)(int) = both;

int g(int a)
{
	return both(a) * 3;
}
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-line "inl meminfo_show show_val_kb to_kb" } } */
/* { dg-final { describe-line "inl f addone twice" } } */
/* { dg-final { describe-line "inl g both" } } */
/* { dg-final { describe-line "sym both both plain" } } */
/* { dg-final { describe-match {^fn show_val_kb \S+ 17 21$} } } */
/* { dg-final { describe-match {^fn twice \S+ 34 37$} } } */
/* { dg-final { describe-no-line {^sym (to_kb|show_val_kb|twice|addone) } } } */
/* { dg-final { describe-no-line {^inl both } } } */
