/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The original of the line keeper's GCC test (linesync-gcc.exp): every
 * function after first() reports __LINE__, so its code changes when lines
 * above it are added or removed, unless #line marks put them back.
 */
#include <stdio.h>

#define REPORT(fmt, ...) \
	printf("%s:%d: " fmt "\n", __func__, __LINE__, ##__VA_ARGS__)

int first(int x)
{
	if (x > 1)
		return x * 3;
	return x;
}

/* A comment ( that a mark must not split,
 * with a parenthesis in it. */
int second(int x)
{
	REPORT("x=%d (%s)", x,
	       x > 0 ? "positive" : "not positive");
	return x + __LINE__;
}

#ifdef LINES_VARIANT
int third(int x)
{
	return printf("variant %d\n", __LINE__) + x;
}
#else
int third(int x)
{
	return printf("%d\n", __LINE__) + x;
}
#endif

int fourth(const char *s)
{
	return printf("%s:%d \"(\" %c\n", s, __LINE__, '(');
}
