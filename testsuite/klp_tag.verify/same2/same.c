// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One of two files named same.c in the hand-made kernel of
 * klp_tag.verify/verify.exp: both have a static same_helper, so vmlinux
 * has two STT_FILE groups "same.c" and two symbols same_helper; the
 * verified code tells which is whose.  -DSAME_LINKAGE=static... makes
 * its function local too, so that two copies link into one vmlinux.
 */
#ifndef SAME_LINKAGE
#define SAME_LINKAGE
#endif
static __attribute__((noinline)) int same_helper(int x)
{
	return x * 6 + 2;
}

SAME_LINKAGE int same_2(int x)
{
	return same_helper(x) + same_helper(x + 1);
}
