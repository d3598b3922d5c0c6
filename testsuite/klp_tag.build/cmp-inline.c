// SPDX-License-Identifier: GPL-2.0-or-later
/* A static helper inlined into its caller changes: the caller differs,
   another function is the same. */
extern int ext(int);

static inline int scale(int x)
{
#ifdef PATCHED
	return x * 5;
#else
	return x * 3;
#endif
}

int caller(int x)
{
	return ext(scale(x));
}

int other(int x)
{
	return ext(x + 1);
}
