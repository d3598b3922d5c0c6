// SPDX-License-Identifier: GPL-2.0-or-later
/* var lines: each function-local static GCC emits, named by its context
   and its ordinal among the statics of its name in that function, in
   declaration order (an unused one GCC drops still counts), whatever
   number GCC gave its symbol; each holds its own initializer. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
extern int ext(int);

int first(int a)
{
	static int count = 0x111;
	int r = count++;
	{
		static int count = 0x112;
		r += count++;
	}
	return r + ext(a);
}

int second(int a)
{
	{
		static int count = 0x221;	/* unused: GCC drops it */
	}
	{
		static int count = 0x222;
		return count++ + a;
	}
}

static inline int shared(int x)
{
	static int calls = 0x331;
	return calls++ + x;
}

int third(int a) { return shared(a) + shared(a + 1); }
int fourth(int a) { return shared(a * 2); }

const char *name(void) { return __func__; }
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-var-value first count 1 0x111 } } */
/* { dg-final { describe-var-value first count 2 0x112 } } */
/* { dg-final { describe-var-value second count 2 0x222 } } */
/* { dg-final { describe-var-value shared calls 1 0x331 } } */
/* { dg-final { describe-no-line {^var \S+ count second 1$} } } */
/* { dg-final { describe-match {^var __func__\.[0-9]+ __func__ name 1$} } } */
/* { dg-final { describe-line "inl third shared" } } */
