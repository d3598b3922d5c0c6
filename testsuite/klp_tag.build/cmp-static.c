// SPDX-License-Identifier: GPL-2.0-or-later
/* Function-local statics numbered by GCC (count.N): the patched file has
   one more, which GCC numbers first (it numbers them in the reverse
   order of the file) and so renumbers the others; each pairs by
   (function, name, ordinal) and is the same, and so are the functions
   using them. */
extern int ext(int);

int counts(void)
{
	static int count = 1;

	return ext(count++);
}

int counts_again(int x)
{
	static int count = 2;

	count += x;
	return ext(count);
}

#ifdef PATCHED
int added_last(void)
{
	static int extra = 4;

	return ext(extra++);
}
#endif
