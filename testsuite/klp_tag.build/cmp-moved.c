// SPDX-License-Identifier: GPL-2.0-or-later
/* A changed function grows, moving every later function of .text: those
   call a static helper (a bare PC-relative call GNU as resolves without a
   relocation), reference a static variable and each other, and have
   __mcount_loc entries; all of them are the same. */
extern int ext(int);
static int counter;

static __attribute__((noinline)) int helper(int x, int y)
{
	return ext(x * 3 + y) + counter;
}

int grows(int x)
{
#ifdef PATCHED
	if (x > 10)
		return ext(x) + ext(x + 1) * ext(x + 2);
#endif
	return ext(x) + 1;
}

static __attribute__((noinline)) int later_static(int x, int y)
{
	counter += x;
	return helper(x, y) + helper(y, x);
}

int later(int x, int y)
{
	return later_static(x, y) + helper(y, 2 * x);
}

int last(int x)
{
	return later(x, x + 1) + later_static(x, 7);
}
