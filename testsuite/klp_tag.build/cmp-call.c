// SPDX-License-Identifier: GPL-2.0-or-later
/* Control for cmp-moved.c: a bare PC-relative call (a static function
   of the same .text, no relocation) that leads to another function of the
   same size is a change, though only its displacement differs. */
extern int ext(int);

static __attribute__((noinline)) int helper_a(int x, int y)
{
	return ext(x * 3 + y);
}

static __attribute__((noinline)) int helper_b(int x, int y)
{
	return ext(x * 3 - y);
}

int caller(int x, int y)
{
#ifdef PATCHED
	return helper_b(x, y) + helper_a(y, x);
#else
	return helper_a(x, y) + helper_b(y, x);
#endif
}
