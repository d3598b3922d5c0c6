// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A file of the hand-made kernel of klp_tag.verify/verify.exp: what
 * GCC makes of kernel code that verification must follow.  fix_show has
 * a .cold part (the unlikely branch into a cold noreturn function),
 * helper is a static function (cloned when GCC likes), count_a a static
 * variable, the strings sit in .rodata.str1.1 (merged at the link),
 * table in .rodata, fix_weak is weak and fixture-ext.c's wins.  -DCHANGED
 * changes one string, -DCONSTANT one constant, -DTABLE one entry of
 * table: the controls.
 */
extern int ext_print(const char *fmt, ...);
extern void ext_fail(void) __attribute__((cold));

static int count_a;
#ifdef TABLE
static const int table[4] = { 1, 2, 4, 5 };
#else
static const int table[4] = { 1, 2, 3, 5 };
#endif

__attribute__((weak)) int fix_weak(int x)
{
	return x + 1;
}

static __attribute__((noinline)) int helper(int x, int y)
{
	count_a += y;
#ifdef CHANGED
	return ext_print("helper: %d\n", x) + table[x & 3] + y;
#else
	return ext_print("helper %d\n", x) + table[x & 3] + y;
#endif
}

int fix_show(int x)
{
	if (x < 0) {
		ext_fail();
		ext_print("negative %d: count %d\n", x, count_a);
		return -1;
	}
#ifdef CONSTANT
	return helper(x, 7) + fix_weak(x) + 3;
#else
	return helper(x, 7) + fix_weak(x) + 2;
#endif
}

int fix_other(int x)
{
	return helper(x + 1, 7) * 2 + count_a;
}
