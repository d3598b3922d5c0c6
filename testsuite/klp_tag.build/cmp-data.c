// SPDX-License-Identifier: GPL-2.0-or-later
/* A changed initialised variable differs at its changed element; the
   function reading it and an unchanged variable are the same, and a
   function only the patched file has is only-patched. */
extern int ext(int);

int limits[4] = { 1, 2,
#ifdef PATCHED
	5,
#else
	3,
#endif
	4 };
int *const limit_ptr = &limits[1];
int unchanged[2] = { 7, 8 };

int read_limit(int i)
{
	return ext(limits[i & 3] + unchanged[i & 1]);
}

#ifdef PATCHED
int added(int x)
{
	return ext(x) + limits[0];
}
#endif
